// Star ratings without a reload. The form works without this file: it posts and
// the server answers with a redirect and a message. With it, the vote goes by
// fetch() and the block updates in place; on a cached page the reader's own
// vote is asked for in a small uncached request (the voter cookie is HttpOnly).
(function () {
  "use strict";
  var block = document.querySelector("[data-rating]");
  if (!block || !window.fetch) {
    return;
  }
  var form = block.querySelector("[data-rating-form]");
  var status = block.querySelector("[data-rating-status]");
  var mineNote = block.querySelector("[data-rating-mine]");

  function show(data) {
    block.querySelectorAll("[data-rating-sum]").forEach(function (el) { el.textContent = data.sum; });
    block.querySelectorAll("[data-rating-count]").forEach(function (el) { el.textContent = data.count; });
    block.querySelectorAll("[data-rating-average]").forEach(function (el) { el.textContent = data.average; });
    var label = block.querySelector("[data-rating-label]");
    label.setAttribute("aria-label", data.label);
    var counted = Number(data.count) > 0;
    block.querySelector("[data-rating-totals]").hidden = !counted;
    block.querySelector("[data-rating-none]").hidden = counted;
    label.querySelectorAll(".star").forEach(function (star, i) {
      // data.halves: half stars to light (4,5 -> 9: four stars and a half)
      star.classList.toggle("star-on", 2 * (i + 1) <= data.halves);
      star.classList.toggle("star-half", 2 * i + 1 === data.halves);
    });
    if (data.mine && form) {
      var choice = form.querySelector('input[name="stars"][value="' + data.mine + '"]');
      if (choice) { choice.checked = true; }
      mineNote.textContent = "Bạn đã đánh giá bài viết này: " + data.mine + " sao.";
      mineNote.hidden = false;
      form.querySelectorAll("input, button").forEach(function (el) { el.disabled = true; });
    }
  }

  fetch(block.getAttribute("data-mine-url"), {
    headers: { Accept: "application/json" },
    credentials: "same-origin",
  })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) { if (data) { show(data); } })
    .catch(function () { /* the form still works by itself */ });

  if (!form) {
    return;
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("button");
    status.textContent = "Đang gửi đánh giá…";
    // The focus moves to the answer before the button is disabled (a disabled button drops it
    // to the top of the page): a keyboard reader stays in the rating block and hears the result.
    status.focus();
    button.disabled = true;
    fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().catch(function () {
          return { ok: false, message: "Không gửi được đánh giá. Vui lòng thử lại." };
        });
      })
      .then(function (data) {
        status.textContent = data.message;
        if (data.sum !== undefined) { show(data); }
        if (!data.mine) { button.disabled = false; }
      })
      .catch(function () {
        status.textContent = "Không kết nối được máy chủ. Vui lòng thử lại.";
        button.disabled = false;
      });
  });
})();

// Heartbeat of an open article form: keeps the soft editing lock (articles/editlock.py)
// and tells the editor when someone else has taken the article over.
// Admin media scripts load in <head>: wait for the form.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var note = document.querySelector("[data-editlock-url]");
  if (!note || !window.fetch) {
    return;
  }
  var match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
  var token = match ? decodeURIComponent(match[1]) : "";
  function beat() {
    fetch(note.getAttribute("data-editlock-url"), {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, Accept: "application/json" },
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        note.textContent = data.message || "";
        note.hidden = !data.message;
      })
      .catch(function () { /* offline for a moment: try again at the next beat */ });
  }
  window.setInterval(beat, 60000);
});

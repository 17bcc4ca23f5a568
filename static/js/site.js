// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // A-/A+: the text size, remembered in this browser (localStorage, no cookie) and set again
  // before the next page's first paint by js/text-size-head.js (inlined in <head>).
  var sizes = document.querySelector("[data-text-size]");
  if (sizes) {
    var root = document.documentElement;
    var current = function () { return Number(root.getAttribute("data-co-chu")) || 0; };
    var buttons = sizes.querySelectorAll("[data-text-step]");
    var refresh = function () {
      buttons.forEach(function (button) {
        var step = Number(button.getAttribute("data-text-step"));
        button.disabled = (step < 0 && current() <= -1) || (step > 0 && current() >= 3) ||
          (step === 0 && current() === 0);
      });
    };
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var step = Number(button.getAttribute("data-text-step"));
        var size = step === 0 ? 0 : Math.max(-1, Math.min(3, current() + step));
        if (size) root.setAttribute("data-co-chu", String(size)); else root.removeAttribute("data-co-chu");
        try { if (size) localStorage.setItem("co-chu", String(size)); else localStorage.removeItem("co-chu"); } catch (e) { /* private mode: this page only */ }
        refresh();
        // A disabled button loses the focus: keep it in the group.
        if (button.disabled) sizes.querySelector("[data-text-step]:not(:disabled)").focus();
      });
    });
    refresh();
    sizes.hidden = false;
  }

  // A form sent back with errors (contact): the page's address points at their summary, which the
  // browser focuses; where it did not (an address without it), the focus goes there all the same,
  // so that a phone shows it and a screen reader reads it rather than the top of the page.
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    window.addEventListener("load", function () {
      if (document.activeElement !== summary) { summary.focus(); }
    });
  }

  // Escape closes an open menu (the header's, in either language) and gives the focus back to its
  // button; on wide screens, where the menu is always shown and its button hidden, it does nothing.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll("details[data-site-menu][open]").forEach(function (menu) {
      var button = menu.querySelector("summary");
      if (getComputedStyle(button).display !== "none") {
        menu.open = false;
        button.focus();
      }
    });
  });

  // Browsers that cannot show a closed <details>' content (no ::details-content) get the header's
  // menu and the documents register's filters ("Lọc") opened on wide screens, where site.css
  // hides their buttons.
  if (window.CSS && !CSS.supports("selector(::details-content)") && window.matchMedia("(min-width: 48rem)").matches) {
    document.querySelectorAll("[data-site-menu], [data-register-filters]").forEach(function (box) {
      box.open = true;
    });
  }

  // "Nghe đọc bài": the article read aloud by the browser's own Vietnamese voice, paragraph by
  // paragraph; the button stays hidden on a device that has no such voice.
  var listen = document.querySelector("[data-listen]");
  var synth = window.speechSynthesis;
  if (listen && synth && window.SpeechSynthesisUtterance) {
    var vietnamese = function () {
      return synth.getVoices().filter(function (voice) {
        return /^vi([-_]|$)/i.test(voice.lang || "");
      })[0];
    };
    var reset = function () {
      listen.textContent = "Nghe đọc bài";
      listen.setAttribute("aria-pressed", "false");
    };
    var offer = function () {
      if (vietnamese()) listen.hidden = false;
    };
    offer();
    if (synth.addEventListener) synth.addEventListener("voiceschanged", offer);
    listen.addEventListener("click", function () {
      if (listen.getAttribute("aria-pressed") === "true") {
        synth.cancel();
        reset();
        return;
      }
      var selector = ".article-title, .article-summary, .article-body p, .article-body h2, .article-body h3, " +
        ".article-body li, .article-body figcaption";
      var parts = Array.prototype.map.call(document.querySelectorAll(selector), function (element) {
        return element.textContent.replace(/\s+/g, " ").trim();
      }).filter(Boolean);
      var voice = vietnamese();
      synth.cancel();
      parts.forEach(function (text, index) {
        var utterance = new SpeechSynthesisUtterance(text);
        utterance.lang = "vi-VN";
        if (voice) utterance.voice = voice;
        if (index === parts.length - 1) utterance.onend = reset;
        synth.speak(utterance);
      });
      listen.textContent = "Dừng đọc";
      listen.setAttribute("aria-pressed", "true");
    });
  }

  // --- Chia sẻ và lưu bài: copy the article's address; Zalo through the phone's share sheet ---
  // The links work without this: it only adds the copy button (hidden until then) and, on a
  // touch screen that has a share sheet, opens it for "Zalo" (the Zalo app is in it; Zalo's web
  // share page wants a login that a phone's browser seldom has).
  var share = document.querySelector(".article-share");
  if (share) {
    var address = share.getAttribute("data-share-url");
    var copy = share.querySelector("[data-copy-link]");
    var status = share.querySelector("[data-copy-status]");
    var tell = function (text) {
      status.textContent = "";
      // A new text in the live region is read out again even when it is the same words.
      window.setTimeout(function () { status.textContent = text; }, 50);
    };
    if (copy && status && navigator.clipboard && navigator.clipboard.writeText) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        navigator.clipboard.writeText(address).then(function () {
          tell("Đã sao chép liên kết");
        }, function () {
          tell("Không sao chép được; hãy chép địa chỉ trên thanh địa chỉ của trình duyệt.");
        });
      });
    }
    var zalo = share.querySelector("[data-share-zalo]");
    var touch = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
    if (zalo && touch && navigator.share) {
      zalo.addEventListener("click", function (event) {
        event.preventDefault();
        navigator.share({title: share.getAttribute("data-share-title"), url: address}).catch(function (error) {
          // Closing the sheet is the reader's choice; anything else: Zalo's own page, then.
          if (!error || error.name !== "AbortError") window.location.href = zalo.href;
        });
      });
    }
  }
})();

// Small progressive enhancements; every page works without them.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

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
})();

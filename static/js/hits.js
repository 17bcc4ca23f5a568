// "Xem nhiều" (hits/views.py): one view counted per page view, sent once the page has
// been visible (a page opened in a background tab, or prerendered, waits until it is
// shown). No cookie is read or set and nothing is sent but the address of the count.
// The cached page names its endpoint on this script's tag (data-url): no inline script.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script && script.getAttribute("data-url");
  if (!url) {
    return;
  }
  var sent = false;

  function send() {
    if (sent || document.visibilityState !== "visible") {
      return;
    }
    sent = true;
    document.removeEventListener("visibilitychange", send);
    if (navigator.sendBeacon && navigator.sendBeacon(url)) {
      return;
    }
    if (window.fetch) {
      fetch(url, { method: "POST", keepalive: true, credentials: "omit" }).catch(function () {});
    }
  }

  if (document.visibilityState === "visible") {
    send();
  } else {
    document.addEventListener("visibilitychange", send);
  }
})();

/* Comfort only: the site works without this file.
 * 1. Shows the signed-in learner's name in the header of static pages.
 * 2. Counts down the time left on a test attempt page. */
(function () {
  "use strict";

  function showAccount() {
    var link = document.getElementById("account-link");
    if (!link || !link.hasAttribute("data-login") || !window.fetch) return;
    fetch("/cgi-bin/me", { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (me) {
        if (me && me.signed_in && me.full_name) link.textContent = me.full_name;
      })
      .catch(function () {});
  }

  function startTimer() {
    var box = document.getElementById("timer");
    if (!box) return;
    var left = parseInt(box.getAttribute("data-seconds-left"), 10);
    var label = box.getAttribute("data-label") || "";
    if (isNaN(left)) return;
    var end = Date.now() + left * 1000;
    function tick() {
      var s = Math.max(0, Math.round((end - Date.now()) / 1000));
      var m = Math.floor(s / 60), r = s % 60;
      box.textContent = label + " " + m + ":" + (r < 10 ? "0" : "") + r;
      if (s === 0) {
        var form = document.getElementById("attempt-form");
        if (form && !form.getAttribute("data-sent")) {
          form.setAttribute("data-sent", "1");
          form.submit();
        }
        return;
      }
      setTimeout(tick, 1000);
    }
    tick();
  }

  document.addEventListener("DOMContentLoaded", function () {
    showAccount();
    startTimer();
  });
})();

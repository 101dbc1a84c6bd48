/* The site menu on a phone: a button opens and closes it. Without this script the menu
   simply stays open, so every page works without JavaScript. */
(function () {
  "use strict";
  function init() {
    var toggle = document.querySelector(".site-nav__toggle");
    var menu = document.getElementById("site-menu");
    if (!toggle || !menu) return;
    var narrow = window.matchMedia("(max-width: 47.99rem)");
    function set(open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("is-collapsed", !open);
    }
    function layout() {
      toggle.hidden = !narrow.matches;
      set(!narrow.matches);
    }
    toggle.addEventListener("click", function () {
      set(toggle.getAttribute("aria-expanded") !== "true");
    });
    if (narrow.addEventListener) narrow.addEventListener("change", layout);
    layout();
    // A dropdown group closes on Escape and on a click elsewhere (desktop).
    var groups = document.querySelectorAll(".site-nav__group");
    document.addEventListener("click", function (event) {
      groups.forEach(function (g) { if (!g.contains(event.target)) g.open = false; });
    });
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      groups.forEach(function (g) {
        if (g.open) { g.open = false; g.querySelector("summary").focus(); }
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

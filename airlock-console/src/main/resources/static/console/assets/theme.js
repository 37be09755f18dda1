// Applies the theme chosen with the switch before the page paints; without a choice the system's
// preference (prefers-color-scheme) decides.
(function () {
  var chosen = null;
  try {
    chosen = window.localStorage.getItem("airlock-theme");
  } catch (e) {
    // Storage off: the system's preference it is.
  }
  if (chosen === "dark" || chosen === "light") {
    document.documentElement.setAttribute("data-theme", chosen);
  }
})();

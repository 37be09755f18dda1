// The console's behaviour: the theme switch, CSRF tokens on htmx calls, instants in the browser's
// time zone, and confirm dialogs for forms marked data-confirm. No inline script anywhere (CSP).
(function () {
  "use strict";

  function dark() {
    var chosen = document.documentElement.getAttribute("data-theme");
    if (chosen) {
      return chosen === "dark";
    }
    return window.matchMedia("(prefers-color-scheme: dark)").matches;
  }

  function localTimes(root) {
    var format = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
      dateStyle: "medium",
      timeStyle: "medium"
    });
    root.querySelectorAll("time[data-local]").forEach(function (time) {
      var instant = new Date(time.getAttribute("datetime"));
      if (!isNaN(instant)) {
        time.textContent = format.format(instant);
        time.title = time.getAttribute("datetime");
      }
    });
  }

  // Charts of canvas[data-chart] ({"type", "labels", "datasets": [{"label", "data"}]}, made by the
  // server's Charts), once Chart.js is loaded.
  var palette = ["#0b5cad", "#d4622a", "#1a7f37", "#9a6700", "#8250df", "#b42318", "#57606a"];

  function charts(root) {
    if (!window.Chart || !root.querySelectorAll) {
      return;
    }
    var text = getComputedStyle(document.body).color;
    root.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      if (canvas.dataset.drawn) {
        return;
      }
      canvas.dataset.drawn = "yes";
      var spec = JSON.parse(canvas.dataset.chart);
      var round = spec.type === "doughnut";
      var datasets = spec.datasets.map(function (set, i) {
        return {
          label: set.label,
          data: set.data,
          spanGaps: true,
          backgroundColor: round ? palette : palette[i % palette.length],
          borderColor: round ? undefined : palette[i % palette.length]
        };
      });
      new window.Chart(canvas, {
        type: spec.type,
        data: { labels: spec.labels, datasets: datasets },
        options: {
          animation: false,
          plugins: {
            legend: { display: round || datasets.length > 1, labels: { color: text } }
          },
          scales: round ? {} : { x: { ticks: { color: text } }, y: { beginAtZero: true, ticks: { color: text, precision: 0 } } }
        }
      });
    });
  }

  window.addEventListener("load", function () {
    charts(document);
  });

  document.addEventListener("DOMContentLoaded", function () {
    var themeSwitch = document.getElementById("theme-switch");
    if (themeSwitch) {
      themeSwitch.setAttribute("aria-pressed", String(dark()));
      themeSwitch.addEventListener("click", function () {
        var next = dark() ? "light" : "dark";
        document.documentElement.setAttribute("data-theme", next);
        themeSwitch.setAttribute("aria-pressed", String(next === "dark"));
        try {
          window.localStorage.setItem("airlock-theme", next);
        } catch (e) {
          // Not remembered; still switched.
        }
      });
    }

    var token = document.querySelector("meta[name=_csrf]");
    var header = document.querySelector("meta[name=_csrf_header]");
    document.body.addEventListener("htmx:configRequest", function (event) {
      if (token && header) {
        event.detail.headers[header.content] = token.content;
      }
    });
    // A chart leaving the page (a refresh swaps it out) lets go of what Chart.js holds for it.
    document.body.addEventListener("htmx:beforeCleanupElement", function (event) {
      var old = event.detail.elt;
      if (window.Chart && old.matches && old.matches("canvas[data-chart]")) {
        var chart = window.Chart.getChart(old);
        if (chart) {
          chart.destroy();
        }
      }
    });

    // New content from htmx (a refreshed part of the page): its times and charts.
    document.body.addEventListener("htmx:load", function (event) {
      localTimes(event.detail.elt);
      charts(event.detail.elt);
    });
    localTimes(document);

    // A button with data-copy="<selector>" copies that element's text.
    document.addEventListener("click", function (event) {
      var button = event.target.closest("[data-copy]");
      var source = button && document.querySelector(button.dataset.copy);
      if (source && navigator.clipboard) {
        navigator.clipboard.writeText(source.textContent.trim());
      }
    });

    // Delegated, so that forms htmx swaps in later are confirmed too.
    var dialog = document.getElementById("confirm");
    document.addEventListener("submit", function (event) {
      var form = event.target;
      if (!form.matches("form[data-confirm]") || form.dataset.confirmed === "yes") {
        return;
      }
      if (!dialog || !dialog.showModal) {
        return;
      }
      event.preventDefault();
      document.getElementById("confirm-text").textContent = form.dataset.confirm;
      dialog.returnValue = "";
      dialog.showModal();
      dialog.addEventListener(
        "close",
        function () {
          if (dialog.returnValue === "ok") {
            form.dataset.confirmed = "yes";
            form.requestSubmit();
          }
        },
        { once: true }
      );
    });
  });
})();

// The patient's progress charts (Chart.js). Data comes from a JSON block (json_script);
// the same numbers are in the tables under the charts.
(function () {
  "use strict";
  // Words in the page's language, from Django's JavaScript catalogue (base.html loads it).
  var gettext = window.gettext || function (text) { return text; };
  var source = document.getElementById("progress-data");
  if (!source || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var BACK = "#0b6e69";
  var LEG = "#b5452a";
  var DONE = "#4f8f8b";
  var TARGET = "#6b7682";

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#3b4a5a";
  Chart.defaults.animation = reduceMotion ? false : Chart.defaults.animation;

  var pain = document.getElementById("pain-chart");
  if (pain) {
    new Chart(pain, {
      type: "line",
      data: {
        labels: data.day_labels,
        datasets: [
          {
            label: gettext("Back pain"),
            data: data.back,
            borderColor: BACK,
            backgroundColor: BACK,
            pointStyle: "circle",
            pointRadius: 3,
            tension: 0.25,
          },
          {
            label: gettext("Leg pain"),
            data: data.leg,
            borderColor: LEG,
            backgroundColor: LEG,
            borderDash: [6, 4],
            pointStyle: "triangle",
            pointRadius: 4,
            tension: 0.25,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: { min: 0, max: 10, ticks: { stepSize: 2 }, title: { display: true, text: gettext("Pain (0–10)") } },
          x: { ticks: { maxRotation: 0, autoSkipPadding: 12 } },
        },
        plugins: { legend: { position: "bottom", labels: { usePointStyle: true } } },
      },
    });
  }

  var weeks = document.getElementById("weeks-chart");
  if (weeks) {
    new Chart(weeks, {
      data: {
        labels: data.week_labels,
        datasets: [
          {
            type: "bar",
            label: gettext("Days done"),
            data: data.week_done,
            backgroundColor: DONE,
            borderRadius: 4,
            maxBarThickness: 36,
          },
          {
            type: "line",
            label: gettext("Asked for"),
            data: data.week_labels.map(function () {
              return data.target;
            }),
            borderColor: TARGET,
            borderDash: [4, 4],
            pointRadius: 0,
            fill: false,
          },
        ],
      },
      options: {
        maintainAspectRatio: false,
        scales: {
          y: { min: 0, max: 7, ticks: { stepSize: 1 }, title: { display: true, text: "Days" } },
          x: { title: { display: true, text: gettext("Week starting") }, ticks: { maxRotation: 0, autoSkipPadding: 8 } },
        },
        plugins: { legend: { position: "bottom" } },
      },
    });
  }
})();

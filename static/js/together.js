// The patient page's combined chart: home logs, clinic pain ratings and questionnaires on one
// time line (Chart.js). Data comes from a JSON block (json_script); the same values are listed
// on the page.
(function () {
  "use strict";
  // Words in the page's language, from Django's JavaScript catalogue (base.html loads it).
  var gettext = window.gettext || function (text) { return text; };
  var source = document.getElementById("together-data");
  var canvas = document.getElementById("together-chart");
  if (!source || !canvas || !window.Chart) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var STYLE = {
    home_leg: { color: "#b5452a", dash: [6, 4], point: "triangle", radius: 2, line: true },
    home_back: { color: "#0b6e69", dash: [6, 4], point: "circle", radius: 2, line: true },
    spread: { color: "#b02a37", point: "triangle", radius: 7, line: false },
    clinic_leg: { color: "#7a2614", point: "rectRot", radius: 6, line: true, width: 3 },
    clinic_back: { color: "#064a46", point: "rectRot", radius: 6, line: true, width: 3 },
    rmdq: { color: "#5a4fcf", point: "star", radius: 7, line: true, width: 2 },
    odi: { color: "#8a5a00", point: "star", radius: 7, line: true, width: 2 },
    sbi: { color: "#3b4a5a", point: "star", radius: 7, line: true, width: 2 },
    // Drawn on the chart's top edge: not clipped to the plot area, or half of each is cut.
    exam: { color: "#1d2b36", point: "rect", radius: 7, line: false, clip: false },
  };
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var start = new Date(data.start + "T12:00:00");
  function dayLabel(offset) {
    var day = new Date(start.getTime() + offset * 86400000);
    return day.getDate() + " " + MONTHS[day.getMonth()];
  }
  var datasets = data.series.map(function (series) {
    var style = STYLE[series.key] || { color: "#3b4a5a", point: "circle", radius: 3, line: true };
    var dataset = {
      label: series.label,
      data: series.points.map(function (point) {
        return { x: point[0], y: point[1] };
      }),
      yAxisID: series.axis === "percent" ? "percent" : "pain",
      borderColor: style.color,
      backgroundColor: style.color,
      borderDash: style.dash || [],
      borderWidth: style.width || 1.5,
      pointStyle: style.point,
      pointRadius: style.radius,
      showLine: style.line,
      tension: 0.2,
    };
    if (style.clip === false) {
      dataset.clip = false;
    }
    return dataset;
  });
  new window.Chart(canvas, {
    type: "line",
    data: { datasets: datasets },
    options: {
      maintainAspectRatio: false,
      animation: reduceMotion ? false : undefined,
      interaction: { mode: "nearest", intersect: false, axis: "x" },
      scales: {
        x: {
          type: "linear",
          min: 0,
          max: data.span,
          ticks: { maxRotation: 0, autoSkipPadding: 16, includeBounds: false, callback: dayLabel },
        },
        pain: { position: "left", min: 0, max: 10, ticks: { stepSize: 2 }, title: { display: true, text: gettext("Pain (0–10)") } },
        percent: { position: "right", min: 0, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: gettext("Questionnaires, %") } },
      },
      plugins: {
        legend: { position: "bottom", labels: { usePointStyle: true, boxWidth: 8 } },
        tooltip: {
          callbacks: {
            title: function (items) {
              return items.length ? dayLabel(items[0].parsed.x) : "";
            },
          },
        },
      },
    },
  });
})();

// Patient, intake and measure pages. Loaded as a static file (the CSP forbids inline scripts).
(function () {
  "use strict";
  // Words in the page's language, from Django's JavaScript catalogue (base.html loads it).
  var gettext = window.gettext || function (text) { return text; };

  // Move focus to the error summary after a failed submit, so keyboard and screen-reader users
  // land on the list of what to fix.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }

  // Red-flag screen and nerve symptoms: the moment an emergency or urgent answer is ticked,
  // show what to tell the patient right under that answer, before anything is saved.
  var POSITIVE = { yes: true, yes_new: true };
  document.querySelectorAll("form").forEach(function (form) {
    var notices = form.querySelectorAll("[data-notice-for]");
    if (!notices.length) {
      return;
    }
    function refreshNotices() {
      notices.forEach(function (notice) {
        var chosen = form.querySelector(
          'input[type="radio"][name="' + notice.dataset.noticeFor + '"]:checked'
        );
        notice.classList.toggle("d-none", !(chosen && POSITIVE[chosen.value] === true));
      });
    }
    refreshNotices();
    form.addEventListener("change", refreshNotices);
  });

  // Fields that only matter for one choice (e.g. the physician's name for a clearance).
  document.querySelectorAll("[data-show-for]").forEach(function (box) {
    var form = box.closest("form");
    function refresh() {
      var chosen = form.querySelector('input[name="reason"]:checked');
      box.hidden = !chosen || chosen.value !== box.dataset.showFor;
    }
    refresh();
    form.addEventListener("change", refresh);
  });

  // Outcome-measure trends: a small line chart above each table (the table holds the numbers).
  if (window.Chart) {
    document.querySelectorAll("canvas[data-trend]").forEach(function (canvas) {
      var source = document.getElementById(canvas.dataset.trend);
      if (!source) {
        return;
      }
      var data = JSON.parse(source.textContent);
      var colours = data.meaningful.map(function (kind) {
        if (kind === "improved") {
          return "#1a7f37";
        }
        if (kind === "worse") {
          return "#b02a37";
        }
        return "#0b6e69";
      });
      new window.Chart(canvas, {
        type: "line",
        data: {
          labels: data.labels,
          datasets: [
            {
              label: data.title,
              data: data.values,
              borderColor: "#0b6e69",
              backgroundColor: colours,
              pointBackgroundColor: colours,
              pointBorderColor: colours,
              pointRadius: data.meaningful.map(function (kind) {
                return kind ? 7 : 4;
              }),
              // Answered by the patient at home: a triangle (the legend under the chart says so).
              pointStyle: (data.patientReported || []).map(function (reported) {
                return reported ? "triangle" : "circle";
              }),
              tension: 0.2,
            },
          ],
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { display: false } },
          scales: {
            y: {
              min: 0,
              max: data.max,
              title: { display: true, text: data.higherIsBetter ? gettext("higher is better") : gettext("lower is better") },
            },
          },
        },
      });
    });
  }
})();

// Exercise library: add contraindication rows, announce search results (pausing the moving
// picture is static/js/motion.js). No inline scripts (CSP).
(function () {
  "use strict";

  // "Add another precaution" clones the formset's empty form (Django's __prefix__ pattern).
  function setUpFormsetAdd(root) {
    root.querySelectorAll("[data-formset-add]").forEach(function (button) {
      var prefix = button.dataset.formsetAdd;
      var total = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
      var max = document.getElementById("id_" + prefix + "-MAX_NUM_FORMS");
      var template = document.getElementById(prefix + "-empty-form");
      var body = document.getElementById(prefix + "-rows");
      if (!total || !template || !body) {
        return;
      }
      button.hidden = false;
      button.addEventListener("click", function () {
        var index = parseInt(total.value, 10);
        if (max && index >= parseInt(max.value, 10)) {
          return;
        }
        var html = template.innerHTML.replace(/__prefix__/g, String(index));
        body.insertAdjacentHTML("beforeend", html);
        total.value = String(index + 1);
        var first = body.lastElementChild && body.lastElementChild.querySelector("select, input");
        if (first) {
          first.focus();
        }
      });
    });
  }

  // After a live search, say how many exercises match (the results themselves are not read out).
  document.addEventListener("htmx:afterSwap", function (event) {
    var announcer = document.getElementById("library-announcer");
    var summary = event.detail.target.querySelector("[data-results-summary]");
    if (announcer && summary) {
      announcer.textContent = summary.textContent.replace(/\s+/g, " ").trim();
    }
  });

  function init(root) {
    setUpFormsetAdd(root);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { init(document); });
  } else {
    init(document);
  }
})();

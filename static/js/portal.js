// Small behaviours of the portal pages and the staff invitation page.
// No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  // Words in the page's language, from Django's JavaScript catalogue (base.html loads it).
  var gettext = window.gettext || function (text) { return text; };

  // Session log safety check: a tick shows the instruction at once (the server repeats it,
  // and opens a flag for the therapist, when the form is sent).
  var form = document.querySelector(".log-form");
  if (form) {
    var boxes = form.querySelectorAll("input[data-tier]");
    var none = form.querySelector("input[data-none]");
    var panels = {
      E: form.querySelector("[data-instruction=E]"),
      U: form.querySelector("[data-instruction=U]"),
    };
    var spreadNote = form.querySelector("[data-spread-note]");
    var update = function () {
      var ticked = { E: false, U: false };
      boxes.forEach(function (box) {
        if (box.checked) {
          ticked[box.dataset.tier] = true;
        }
      });
      panels.E.hidden = !ticked.E;
      panels.U.hidden = !ticked.U;
      if ((ticked.E || ticked.U) && none) {
        none.checked = false;
      }
      if (spreadNote) {
        var spread = form.querySelector("input[value=further_down]");
        spreadNote.hidden = !(spread && spread.checked);
      }
    };
    form.addEventListener("change", function (event) {
      if (event.target === none && none.checked) {
        boxes.forEach(function (box) {
          box.checked = false;
        });
      }
      update();
    });
    update();
  }

  // Today's plan, "Choose my days": exactly as many days as prescribed. Too many or too few
  // are named beside the days (the server refuses them too, with the same words).
  document.querySelectorAll("form[data-plan-days]").forEach(function (daysForm) {
    var wanted = parseInt(daysForm.dataset.planDays, 10);
    var error = daysForm.querySelector("[data-days-error]");
    var fieldset = daysForm.querySelector("fieldset");
    if (!wanted || !error || !fieldset) {
      return;
    }
    var chosen = function () {
      return daysForm.querySelectorAll("input[name=weekdays]:checked").length;
    };
    var show = function (wrong) {
      error.hidden = !wrong;
      error.classList.toggle("d-block", wrong); // .invalid-feedback is hidden by default
      fieldset.classList.toggle("is-invalid", wrong);
      if (wrong) {
        fieldset.setAttribute("aria-describedby", error.id);
      } else {
        fieldset.removeAttribute("aria-describedby");
      }
    };
    daysForm.addEventListener("submit", function (event) {
      if (chosen() === wanted) {
        show(false);
        return;
      }
      event.preventDefault();
      error.setAttribute("role", "alert");
      show(true);
      daysForm.querySelector("input[name=weekdays]").focus();
    });
    daysForm.addEventListener("change", function () {
      if (!error.hidden && chosen() === wanted) {
        show(false);
      }
    });
  });

  // Invitation page: print the card, copy the link.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    if (!navigator.clipboard) {
      return;
    }
    button.hidden = false;
    var status = document.querySelector("[data-copy-status]");
    button.addEventListener("click", function () {
      var text = document.getElementById(button.dataset.copyTarget).textContent.trim();
      navigator.clipboard.writeText(text).then(function () {
        if (status) {
          status.textContent = gettext("Link copied.");
        }
        button.querySelector(".bi").className = "bi bi-clipboard-check";
      });
    });
  });
})();

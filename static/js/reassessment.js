// Re-assessment form: the "tell the patient now" notice appears beside a short-screen
// question the moment it is answered yes, before anything is saved.
(function () {
  "use strict";
  document.querySelectorAll("[data-screen-row]").forEach(function (row) {
    var box = row.querySelector("[data-screen-instruction]");
    function refresh() {
      var chosen = row.querySelector('input[type="radio"]:checked');
      box.classList.toggle("d-none", !chosen || chosen.value !== "yes");
    }
    refresh();
    row.addEventListener("change", refresh);
  });
})();

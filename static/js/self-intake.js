// The patient's pre-visit intake (templates/clinic/selfservice/intake_step.html).
// No inline scripts: the Content-Security-Policy forbids them.
//
// 1. Safety questions: an emergency or urgent answer shows what to do now at once, before
//    anything is sent (the server says it again, raises the flag and alerts staff on Next).
// 2. What is typed on a step is kept in this browser until the server has it, so a dropped
//    network or a closed tab loses nothing: put back when the same step opens again, removed
//    once another step (or the signing page) opens after a send.
(function () {
  "use strict";
  var form = document.querySelector("form[data-self-intake]");
  if (!form) return;

  var panels = {
    E: form.querySelector("[data-advice=E]"),
    U: form.querySelector("[data-advice=U]")
  };
  // Each advice sits right under the first question that calls for it, not at the end of the
  // list, so a patient who ticks the first question on a phone sees it there and then.
  function showAdvice() {
    var ticked = { E: null, U: null };
    form.querySelectorAll("input[data-tier]:checked").forEach(function (input) {
      var tier = input.dataset.tier;
      if ((input.value === "yes" || input.value === "yes_new") && !ticked[tier]) {
        ticked[tier] = input;
      }
    });
    ["E", "U"].forEach(function (tier) {
      var panel = panels[tier];
      if (!panel) return;
      var question = ticked[tier] && ticked[tier].closest("fieldset");
      if (question && question.nextElementSibling !== panel) {
        question.parentNode.insertBefore(panel, question.nextSibling);
      }
      panel.hidden = !question;
    });
  }

  var PREFIX = "restore-self-intake:";
  var key = PREFIX + window.location.pathname;
  function read(k) {
    try { return JSON.parse(localStorage.getItem(k) || "null"); } catch (e) { return null; }
  }
  function write(k, value) {
    try { localStorage.setItem(k, JSON.stringify(value)); } catch (e) { /* storage off */ }
  }
  function remove(k) {
    try { localStorage.removeItem(k); } catch (e) { /* ignore */ }
  }
  // Drafts of other steps that were sent: the server has them now.
  try {
    Object.keys(localStorage).forEach(function (k) {
      if (k.indexOf(PREFIX) !== 0 || k === key) return;
      var draft = read(k);
      if (!draft || draft.sent || Date.now() - (draft.savedAt || 0) > 7 * 86400000) remove(k);
    });
  } catch (e) { /* ignore */ }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (f) {
      var type = (f.type || "").toLowerCase();
      return f.name && f.name !== "csrfmiddlewaretoken" && !f.disabled &&
        ["submit", "button", "file", "hidden"].indexOf(type) === -1;
    });
  }
  function save(sent) {
    write(key, {
      savedAt: Date.now(),
      sent: !!sent,
      fields: fields().map(function (f) {
        var type = (f.type || "").toLowerCase();
        if (type === "checkbox" || type === "radio") return { name: f.name, value: f.value, checked: f.checked };
        return { name: f.name, value: f.value };
      })
    });
  }
  function restore(draft) {
    var counts = {};
    var byName = {};
    fields().forEach(function (f) { (byName[f.name] = byName[f.name] || []).push(f); });
    draft.fields.forEach(function (saved) {
      var matches = byName[saved.name] || [];
      if (!matches.length) return;
      var type = (matches[0].type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        matches.forEach(function (f) { if (f.value === saved.value) f.checked = saved.checked; });
      } else {
        var n = counts[saved.name] || 0;
        counts[saved.name] = n + 1;
        if (matches[n] && matches[n].tagName !== "SELECT") matches[n].value = saved.value;
        else if (matches[n]) matches[n].value = saved.value;
      }
    });
    var note = document.createElement("div");
    note.className = "alert alert-info";
    note.setAttribute("role", "status");
    note.setAttribute("data-draft-restored", "");
    note.textContent = form.dataset.restoredText || "We put back what you typed before. Check it, then tap Next.";
    form.insertBefore(note, form.firstChild);
  }

  var draft = read(key);
  // A page the server sent back with errors already holds what was sent.
  var shownAgain = !!form.querySelector(".invalid-feedback.d-block");
  if (draft && !shownAgain) restore(draft);
  else if (draft) remove(key);

  form.addEventListener("input", function () { save(false); });
  form.addEventListener("change", function () { save(false); showAdvice(); });
  form.addEventListener("submit", function () { save(true); });
  showAdvice();
})();

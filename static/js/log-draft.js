// The session log's draft, kept in this browser until it is sent.
//
// The log form (portal/log.html, form.log-form): every change is written to localStorage under
// a key of the user, the log page (which names the program) and the day, so a log half-typed when the session ended (or the phone was
// put away, or the patient logged out) is put back the next time the patient opens it, after
// logging in again. The draft is only ever put back for the same user, program and day, and is
// removed once the server has received it or when it is 48 hours old, whichever comes first,
// or when the patient logs out on purpose (see below).
//
// A ticked safety answer (a possible red flag) is never left waiting: as soon as the patient is
// back (signed in on any portal page), the log page is opened and the draft sent at once. The
// server saves the safety answers even when the rest of the log is incomplete, and shows what
// to do now.
(function () {
  "use strict";
  // Words in the page's language, from Django's JavaScript catalogue (base.html loads it).
  var gettext = window.gettext || function (text) { return text; };
  var PREFIX = "restore-log-draft:";
  var MAX_AGE_MS = 48 * 60 * 60 * 1000;
  var RESEND_AFTER_MS = 30 * 1000;
  var SETTLE_WITHIN_MS = 2 * 60 * 1000;
  var LOGOUT_MARK = "restore-log-draft-logout";
  var userId = document.body.dataset.sessionUser || "";

  function read(key) {
    try { return JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { return null; }
  }
  function write(key, draft) {
    try { localStorage.setItem(key, JSON.stringify(draft)); } catch (e) { /* storage full or off */ }
  }
  function remove(key) {
    try { localStorage.removeItem(key); } catch (e) { /* ignore */ }
  }
  function keys() {
    try {
      return Object.keys(localStorage).filter(function (k) { return k.indexOf(PREFIX) === 0; });
    } catch (e) { return []; }
  }

  // Old drafts go, whoever's they are.
  keys().forEach(function (key) {
    var draft = read(key);
    if (!draft || !draft.savedAt || Date.now() - draft.savedAt > MAX_AGE_MS) remove(key);
  });
  function hasRedFlag(draft) {
    return draft.fields.some(function (f) { return f.redFlag && f.checked; });
  }

  // Logging out on purpose means "nothing of mine stays on this phone": the patient's drafts
  // go, except one holding a ticked safety answer, which is kept to be sent when the patient
  // is back (a possible emergency is never dropped unsent). The log out is marked here and
  // carried out on the page that follows it (the login page), so a log out the patient
  // cancels (offline.js may ask first) keeps everything.
  function forgetAfterLogout() {
    var who;
    try { who = localStorage.getItem(LOGOUT_MARK); localStorage.removeItem(LOGOUT_MARK); } catch (e) { return; }
    if (!who || who === userId) return;
    keys().forEach(function (key) {
      var draft = read(key);
      if (draft && draft.user === who && !hasRedFlag(draft)) remove(key);
    });
  }
  if (!userId) forgetAfterLogout();
  else { try { localStorage.removeItem(LOGOUT_MARK); } catch (e) { /* ignore */ } }

  var logoutUrl = document.body.dataset.logoutUrl || "";
  document.querySelectorAll("form").forEach(function (logoutForm) {
    if (!userId || !logoutUrl || logoutForm.getAttribute("action") !== logoutUrl) return;
    logoutForm.addEventListener("submit", function () {
      try { localStorage.setItem(LOGOUT_MARK, userId); } catch (e) { /* ignore */ }
    });
  });
  if (!userId) return; // the login page: drafts wait for their owner

  var form = document.querySelector("form.log-form[method=post]");
  function localDay() {
    var d = new Date();
    return d.getFullYear() + "-" + (d.getMonth() + 1) + "-" + d.getDate();
  }
  var pagePrefix = PREFIX + userId + ":" + window.location.pathname + ":";
  var formKey = form ? pagePrefix + localDay() : "";

  // Did this page come straight from the log page (its answer, or the redirect after it)?
  // (Same-origin referrers are sent: SECURE_REFERRER_POLICY is "same-origin".)
  function arrivedFrom(path) {
    var nav = window.performance && performance.getEntriesByType ?
      performance.getEntriesByType("navigation")[0] : null;
    if (nav && nav.type !== "navigate") return false;
    try { return new URL(document.referrer).pathname === path; } catch (e) { return false; }
  }

  // Where the last sending went: a signed-in page other than the log form, reached from the log
  // page online right after the sending, means the server took it; the log form again (something missing), a
  // page from the offline copy, or a page long after (the sending failed) keeps the draft.
  keys().forEach(function (key) {
    var draft = read(key);
    if (!draft || draft.user !== userId || !draft.submitted) return;
    var answered = navigator.onLine !== false && !document.body.hasAttribute("data-offline-copy") &&
      arrivedFrom(draft.url) && Date.now() - draft.savedAt < SETTLE_WITHIN_MS;
    if ((form && key.indexOf(pagePrefix) === 0) || !answered) {
      draft.submitted = false;
      write(key, draft);
    } else {
      remove(key);
    }
  });

  if (!form) {
    // Back, on another portal page: a waiting red-flag answer goes first.
    keys().some(function (key) {
      var draft = read(key);
      if (!draft || draft.user !== userId || !draft.url || !hasRedFlag(draft)) return false;
      if (navigator.onLine === false) return false;
      if (draft.sendingAt && Date.now() - draft.sendingAt < RESEND_AFTER_MS) return false;
      window.location.assign(draft.url);
      return true;
    });
    return;
  }

  function fields() {
    return Array.prototype.filter.call(form.elements, function (field) {
      var type = (field.type || "").toLowerCase();
      return field.name && field.name !== "csrfmiddlewaretoken" &&
        ["hidden", "submit", "button", "password", "file"].indexOf(type) === -1;
    });
  }

  function collect() {
    return fields().map(function (field) {
      var type = (field.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        return {
          name: field.name, value: field.value, checked: field.checked,
          redFlag: field.hasAttribute("data-tier")
        };
      }
      return { name: field.name, value: field.value };
    });
  }

  // The newest draft of this page (another day's too, within the 48 hours).
  var previousKey = keys().filter(function (k) { return k.indexOf(pagePrefix) === 0; })
    .sort(function (a, b) { return (read(b).savedAt || 0) - (read(a).savedAt || 0); })[0] || "";
  var previous = previousKey ? read(previousKey) : null;
  function save(extra) {
    var draft = {
      user: userId,
      url: window.location.pathname,
      savedAt: Date.now(),
      submitted: false,
      fields: collect()
    };
    Object.keys(extra || {}).forEach(function (k) { draft[k] = extra[k]; });
    if (previousKey && previousKey !== formKey) remove(previousKey);
    write(formKey, draft);
    return draft;
  }

  function restore(draft) {
    var byName = {};
    fields().forEach(function (field) { (byName[field.name] = byName[field.name] || []).push(field); });
    var counts = {};
    draft.fields.forEach(function (saved) {
      var matches = byName[saved.name] || [];
      if (!matches.length) return;
      var type = (matches[0].type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        matches.forEach(function (f) { if (f.value === saved.value) f.checked = saved.checked; });
      } else {
        var n = counts[saved.name] || 0;
        counts[saved.name] = n + 1;
        if (matches[n]) matches[n].value = saved.value;
      }
    });
    // Let the page's own scripts (instruction panels, "none of these") see the answers.
    fields().forEach(function (f) {
      if (f.type === "checkbox" || f.type === "radio") {
        if (f.checked) f.dispatchEvent(new Event("change", { bubbles: true }));
      }
    });
    var note = document.createElement("div");
    note.className = "alert alert-info";
    note.setAttribute("role", "status");
    note.setAttribute("data-log-draft-restored", "");
    note.textContent = gettext("We put back what you had filled in before. Check it, then save.");
    form.insertBefore(note, form.firstChild);
  }

  var ownDraft = previous && previous.user === userId;
  // The form shown again by the server (something missing) already holds what was sent.
  var shownAgain = !!form.querySelector(".invalid-feedback.d-block");
  if (ownDraft && !shownAgain) {
    restore(previous);
  }

  var sent = false;
  form.addEventListener("input", function () { if (!sent) save(); });
  form.addEventListener("change", function () { if (!sent) save(); });
  form.addEventListener("submit", function () {
    sent = true;
    save({ submitted: true });
  });
  // Kept for later by the offline queue (offline.js, offline or when the network failed): the
  // queue sends it, not this draft.
  form.addEventListener("restore:log-queued", function () { remove(formKey); });
  window.addEventListener("pageshow", function () { sent = false; });

  if (ownDraft && !shownAgain && hasRedFlag(previous) && navigator.onLine !== false &&
      !(previous.sendingAt && Date.now() - previous.sendingAt < RESEND_AFTER_MS)) {
    var notice = document.createElement("div");
    notice.className = "alert alert-warning";
    notice.setAttribute("role", "alert");
    notice.textContent = gettext("Sending your safety answers now…");
    form.insertBefore(notice, form.firstChild);
    sent = true;
    save({ submitted: true, sendingAt: Date.now() });
    // offline.js queues it if the network fails although the phone says it is online.
    form.dispatchEvent(new CustomEvent("restore:log-sending"));
    HTMLFormElement.prototype.submit.call(form);
  }
})();

// Session timeout warning and form drafts.
//
// <body data-session-timeout="SECONDS"> says how long until the server logs this session out
// for inactivity (15 minutes for staff, 30 for patients, 12 hours at most). A minute before, a
// warning offers "Stay logged in", which POSTs to data-session-keepalive. Responses to htmx
// requests carry X-Session-Remaining, and tabs tell each other (localStorage) when the session
// was renewed, so the warning does not fire while the person is working in another tab.
//
// Forms opt in to drafts with <form data-keep-draft>: what is typed is kept in sessionStorage
// (this tab only; cleared when the tab closes, once a submission reaches the server, or on log
// out) and put back after logging in again — also when the session had already ended at the
// moment the form was sent. session.js is loaded on every page (the login page settles drafts). Password, file and hidden fields are never kept, nor any
// field marked data-draft-ignore. A draft is only restored for the same user and page.
(function () {
  "use strict";
  // Words in the page's language, from Django's JavaScript catalogue (base.html loads it).
  var gettext = window.gettext || function (text) { return text; };
  var body = document.body;
  var DRAFT_PREFIX = "restore-draft:";
  var DEADLINE_KEY = "restore-session-deadline";
  var WARN_BEFORE_MS = 60 * 1000;
  var userId = body.dataset.sessionUser || "";

  // --- drafts -------------------------------------------------------------------------------
  function draftForms() {
    return Array.prototype.slice.call(document.querySelectorAll("form[data-keep-draft]"));
  }

  function draftKey(form, index) {
    return DRAFT_PREFIX + window.location.pathname + ":" + (form.id || form.getAttribute("action") || index);
  }

  function keepable(field) {
    if (!field.name || field.disabled || field.hasAttribute("data-draft-ignore")) return false;
    var type = (field.type || "").toLowerCase();
    if (type === "password" || type === "file" || type === "hidden" || type === "submit" || type === "button") return false;
    if (field.name === "csrfmiddlewaretoken") return false;
    return /^(INPUT|TEXTAREA|SELECT)$/.test(field.tagName);
  }

  function saveDraft(form, index, submitted) {
    if (!userId) return;
    var fields = [];
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!keepable(field)) return;
      var type = (field.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        fields.push({ name: field.name, value: field.value, checked: field.checked });
      } else if (field.tagName === "SELECT" && field.multiple) {
        var values = Array.prototype.filter.call(field.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
        fields.push({ name: field.name, values: values });
      } else {
        fields.push({ name: field.name, value: field.value });
      }
    });
    try {
      sessionStorage.setItem(draftKey(form, index), JSON.stringify({ user: userId, savedAt: Date.now(), submitted: !!submitted, fields: fields }));
    } catch (e) { /* storage full or disabled: nothing more we can do */ }
  }

  function saveAllDrafts() {
    draftForms().forEach(saveDraft);
  }

  function clearAllDrafts() {
    try {
      Object.keys(sessionStorage).forEach(function (key) {
        if (key.indexOf(DRAFT_PREFIX) === 0) sessionStorage.removeItem(key);
      });
    } catch (e) { /* ignore */ }
  }

  function restoreDraft(form, index) {
    var raw;
    try { raw = sessionStorage.getItem(draftKey(form, index)); } catch (e) { return; }
    if (!raw) return;
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { return; }
    if (!userId) return;
    if (!draft || draft.user !== userId) {
      sessionStorage.removeItem(draftKey(form, index));
      return;
    }
    var counts = {};
    draft.fields.forEach(function (saved) {
      var matches = Array.prototype.filter.call(form.elements, function (f) { return f.name === saved.name && keepable(f); });
      if (!matches.length) return;
      var first = matches[0];
      var type = (first.type || "").toLowerCase();
      if (type === "checkbox" || type === "radio") {
        matches.forEach(function (f) { if (f.value === saved.value) f.checked = saved.checked; });
      } else if (first.tagName === "SELECT" && first.multiple) {
        Array.prototype.forEach.call(first.options, function (o) { o.selected = saved.values.indexOf(o.value) !== -1; });
      } else {
        var n = counts[saved.name] || 0;
        counts[saved.name] = n + 1;
        if (matches[n]) matches[n].value = saved.value;
      }
    });
    var note = document.createElement("div");
    note.className = "alert alert-info d-flex flex-wrap gap-2 align-items-center justify-content-between";
    note.setAttribute("role", "status");
    note.setAttribute("data-draft-restored", "");
    var text = document.createElement("span");
    text.textContent = gettext("We put back what you had typed before you were logged out. Check it, then save.");
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-sm btn-outline-secondary";
    discard.textContent = gettext("Discard the restored text");
    discard.addEventListener("click", function () {
      sessionStorage.removeItem(draftKey(form, index));
      window.location.reload();
    });
    note.appendChild(text);
    note.appendChild(discard);
    form.insertBefore(note, form.firstChild);
  }

  // A submitted draft is kept until the next page shows where the submission went: a page for a
  // logged-in person means the server received it (saved, or shown again with the typed values),
  // so the draft goes; the login page means the session had ended and the post was refused, so
  // the draft stays to be put back after logging in again.
  function settleSubmittedDrafts() {
    try {
      Object.keys(sessionStorage).forEach(function (key) {
        if (key.indexOf(DRAFT_PREFIX) !== 0) return;
        var draft = JSON.parse(sessionStorage.getItem(key) || "null");
        if (!draft || !draft.submitted) return;
        if (userId) {
          sessionStorage.removeItem(key);
        } else {
          draft.submitted = false;
          sessionStorage.setItem(key, JSON.stringify(draft));
        }
      });
    } catch (e) { /* ignore */ }
  }

  settleSubmittedDrafts();
  draftForms().forEach(function (form, index) {
    restoreDraft(form, index);
    var timer = null;
    var sent = false;
    form.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () { if (!sent) saveDraft(form, index); }, 400);
    });
    form.addEventListener("change", function () { if (!sent) saveDraft(form, index); });
    form.addEventListener("submit", function () {
      // Once sent, a typing pause that ends while the server answers must not save over the
      // sent draft: that copy would look unsent and be "restored" on the page that comes back.
      window.clearTimeout(timer);
      sent = true;
      saveDraft(form, index, true);
    });
    // Back from the browser's cache (bfcache), the form can be typed in and sent again.
    window.addEventListener("pageshow", function () { sent = false; });
  });

  // Deliberately logging out forgets every draft in this tab.
  document.querySelectorAll("form[action='" + (body.dataset.logoutUrl || "") + "']").forEach(function (form) {
    form.addEventListener("submit", clearAllDrafts);
  });

  // --- timeout warning ----------------------------------------------------------------------
  var timeout = parseInt(body.dataset.sessionTimeout || "", 10);
  if (!userId || isNaN(timeout)) return;

  var deadline = Date.now() + timeout * 1000;
  var warnTimer = null;
  var expireTimer = null;
  var tickTimer = null;
  var warning = null;

  function csrfToken() {
    try { return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }

  function buildWarning() {
    var box = document.createElement("div");
    box.className = "alert alert-warning shadow position-fixed bottom-0 end-0 m-3 z-3 d-none";
    box.setAttribute("role", "alert");
    box.setAttribute("aria-live", "assertive");
    box.setAttribute("data-session-warning", "");
    var title = document.createElement("p");
    title.className = "fw-semibold mb-1";
    var seconds = document.createElement("span");
    seconds.setAttribute("data-session-seconds", "");
    // One sentence to translate; the live number goes where %(seconds)s is.
    var sentence = gettext("You will be logged out in %(seconds)s seconds.").split("%(seconds)s");
    title.appendChild(document.createTextNode(sentence[0]));
    title.appendChild(seconds);
    title.appendChild(document.createTextNode(sentence[1] || ""));
    var help = document.createElement("p");
    help.className = "small mb-2";
    help.textContent = gettext("For privacy, Restore logs out after a while without activity. Anything you are typing is kept.");
    var stay = document.createElement("button");
    stay.type = "button";
    stay.className = "btn btn-primary btn-sm";
    stay.textContent = gettext("Stay logged in");
    stay.addEventListener("click", keepAlive);
    box.appendChild(title);
    box.appendChild(help);
    box.appendChild(stay);
    document.body.appendChild(box);
    return box;
  }

  function showWarning() {
    saveAllDrafts();
    warning = warning || buildWarning();
    warning.classList.remove("d-none");
    var counter = warning.querySelector("[data-session-seconds]");
    function tick() {
      counter.textContent = String(Math.max(0, Math.round((deadline - Date.now()) / 1000)));
    }
    tick();
    window.clearInterval(tickTimer);
    tickTimer = window.setInterval(tick, 1000);
  }

  function hideWarning() {
    window.clearInterval(tickTimer);
    if (warning) warning.classList.add("d-none");
  }

  function expire() {
    saveAllDrafts();
    // The server ends the session on this request and sends the login page, with `next`
    // pointing back here so the draft can be restored.
    window.location.assign(window.location.pathname + window.location.search);
  }

  // Following along (the timer page while it runs) and typing or tapping anywhere count as
  // activity: instead of warning, the session is renewed quietly. Other scripts may say so too
  // with document.dispatchEvent(new Event("restore:activity")).
  var lastActivity = 0;
  var lastRenewal = Date.now();
  function markActive() { lastActivity = Date.now(); }
  ["pointerdown", "keydown", "input", "change", "restore:activity"].forEach(function (name) {
    document.addEventListener(name, markActive, { capture: true, passive: true });
  });

  // A running timer counts even while the page is hidden: a patient who locks the phone
  // during a walk is still following along (the timer stops by itself at the end).
  function isFollowing() {
    var follow = document.querySelector("[data-follow]");
    if (!follow) return false;
    var running = follow.getAttribute("data-running"); // "1" while the timer runs
    if (running !== null) return running === "1" || running === "true";
    return !!follow.querySelector("[data-action=start][aria-pressed=true]");
  }

  function warnOrRenew() {
    if (isFollowing() || lastActivity > lastRenewal) keepAlive();
    else showWarning();
  }

  function schedule(newDeadline, fromOtherTab) {
    deadline = newDeadline;
    window.clearTimeout(warnTimer);
    window.clearTimeout(expireTimer);
    hideWarning();
    var now = Date.now();
    warnTimer = window.setTimeout(warnOrRenew, Math.max(0, deadline - WARN_BEFORE_MS - now));
    expireTimer = window.setTimeout(expire, Math.max(0, deadline - now + 1000));
    if (!fromOtherTab) {
      try { localStorage.setItem(DEADLINE_KEY, String(deadline)); } catch (e) { /* ignore */ }
    }
  }

  function keepAlive() {
    fetch(body.dataset.sessionKeepalive, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "Accept": "application/json" }
    }).then(function (response) {
      if (response.status === 401) { expire(); return null; }
      return response.json();
    }).then(function (data) {
      if (data && typeof data.remaining === "number") {
        lastRenewal = Date.now();
        schedule(Date.now() + data.remaining * 1000, false);
      }
    }).catch(function () { /* offline: the warning stays and the timer runs on */ });
  }

  window.addEventListener("storage", function (event) {
    if (event.key === DEADLINE_KEY && event.newValue) {
      var other = parseInt(event.newValue, 10);
      if (other > deadline) schedule(other, true);
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var xhr = event.detail && event.detail.xhr;
    var remaining = xhr && parseInt(xhr.getResponseHeader("X-Session-Remaining") || "", 10);
    if (remaining && !isNaN(remaining)) schedule(Date.now() + remaining * 1000, false);
  });

  schedule(deadline, false);
})();

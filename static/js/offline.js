// Offline portal: the saved program, logs made offline, and clearing it all at log out.
//
// Loaded on every page (templates/base.html). What it does depends on who is looking:
//
// - Nobody logged in (the login page, the session-expired page, after log out): every saved
//   copy of a program is deleted (caches named restore-offline-*). Logs made offline and not yet
//   sent are kept: they are the patient's own answers, bound to their user id, and are sent
//   when that patient logs in again.
// - A patient on a portal page (<meta name="restore-offline" content="ID">, from
//   templates/portal/base_portal.html): the service worker (/sw.js) is registered and asked to
//   save this page with its pictures, styles and scripts under this login's id. A page shown
//   from that copy has <body data-offline-copy> and gets the "offline" banner.
// - The log form (form.log-form) sent while offline is queued in IndexedDB with the day it was
//   made and a fresh client_uuid (the server saves a resent log once). The queue is sent as
//   soon as the browser is online again on any page of the same patient. Sent while the phone
//   says it is online, the form goes as usual; when the network fails all the same, sw.js
//   answers for it and tells this page, which queues it as sent (its own client_uuid and day)
//   and tries again every little while. A page sw.js does not control yet (the first one
//   after signing in, a reload that bypassed it, a browser without service workers) tries the
//   form with fetch first and, when no answer comes, queues it the same way.
// - Logging out on purpose: the queue is sent first; what cannot be sent is named and the
//   patient chooses between staying logged in and deleting it. Then every cache and the
//   patient's queue are deleted before the log out goes ahead.
// - Someone else logged in: queued logs of any other user are deleted unsent (a shared phone
//   must not send one patient's log under another's login, or keep it for them to see).
(function () {
  "use strict";
  var body = document.body;
  var meta = document.querySelector('meta[name="restore-offline"]');
  var userId = body.dataset.sessionUser || "";
  var isPatient = body.dataset.sessionRole === "patient";
  var offlineId = meta ? meta.getAttribute("content") : "";
  var PREFIX = "restore-offline-";
  var DB_NAME = "restore-offline";
  var STORE = "queue";

  function text(name, fallback) {
    return (meta && meta.getAttribute("data-" + name)) || fallback;
  }

  // "One log …" or "{count} logs …": the page carries both sentences, translated whole.
  function counted(name, count, one, many) {
    return count === 1 ? text(name + "-one", one) : text(name, many).replace("{count}", String(count));
  }

  // --- caches -----------------------------------------------------------------------------
  function clearCaches() {
    var work = [];
    if ("caches" in window) {
      work.push(caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf(PREFIX) === 0;
        }).map(function (name) { return caches.delete(name); }));
      }));
    }
    if ("serviceWorker" in navigator && navigator.serviceWorker.controller) {
      navigator.serviceWorker.controller.postMessage({ type: "forget" });
    }
    return Promise.all(work).catch(function () { return null; });
  }

  // --- the queue (IndexedDB) ----------------------------------------------------------------
  function openDb() {
    return new Promise(function (resolve, reject) {
      if (!("indexedDB" in window)) { reject(new Error("no IndexedDB")); return; }
      var request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "uuid" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }

  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { db.close(); resolve(result && result.result); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      });
    });
  }

  function allQueued() {
    return withStore("readonly", function (store) { return store.getAll(); })
      .then(function (rows) { return rows || []; })
      .catch(function () { return []; });
  }

  function putQueued(entry) {
    return withStore("readwrite", function (store) { return store.put(entry); });
  }

  function deleteQueued(uuid) {
    return withStore("readwrite", function (store) { return store.delete(uuid); });
  }

  function mine(rows) {
    return rows.filter(function (row) { return row.user === userId; });
  }

  // --- messages on the page -----------------------------------------------------------------
  function notice(kind, message, focus) {
    var main = document.getElementById("main") || body;
    var box = document.createElement("div");
    box.className = "alert alert-" + kind + " offline-notice";
    box.setAttribute("role", kind === "danger" ? "alert" : "status");
    box.setAttribute("tabindex", "-1");
    box.textContent = message;
    main.insertBefore(box, main.firstChild);
    if (focus) box.focus();
    return box;
  }

  function dayWords(iso) {
    var parts = (iso || "").split("-");
    if (parts.length !== 3) return iso || "";
    var day = new Date(+parts[0], +parts[1] - 1, +parts[2]);
    var lang = document.documentElement.lang || undefined;
    // "Saturday 5 December", as the pages write a day.
    return day.toLocaleDateString(lang, { weekday: "long" }) + " " + day.getDate() + " " +
      day.toLocaleDateString(lang, { month: "long" });
  }

  function parseIso(iso) {
    var parts = String(iso || "").split("-");
    return new Date(+parts[0], +parts[1] - 1, +parts[2]).getTime() || 0;
  }

  function isoDay(day) {
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
  }

  function csrfToken() {
    var field = document.querySelector('input[name="csrfmiddlewaretoken"]');
    if (field) return field.value;
    try { return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || ""; } catch (e) { return ""; }
  }

  // --- sending the queue --------------------------------------------------------------------
  var flushing = null;
  var retryDelay = 0;
  var retryTimer = 0;

  // The phone says it is online but a log could not reach the server: try again in 5 s, then
  // less and less often (up to every minute) while this page is open, so the log goes as soon
  // as the network works again without waiting for an "online" event that never comes.
  function retrySoon(unreachable) {
    if (!unreachable) { retryDelay = 0; return; }
    if (retryTimer) return;
    retryDelay = Math.min(retryDelay ? retryDelay * 2 : 5000, 60000);
    retryTimer = window.setTimeout(function () {
      retryTimer = 0;
      flush();
    }, retryDelay);
  }

  // Send this patient's queued logs, oldest first. Resolves to what is left unsent.
  function flush() {
    if (!userId || !navigator.onLine) return allQueued().then(mine);
    if (flushing) return flushing;
    flushing = allQueued().then(mine).then(function (rows) {
      rows.sort(function (a, b) { return a.madeAt - b.madeAt; });
      var left = [];
      var unreachable = false;
      var chain = Promise.resolve();
      rows.forEach(function (row) {
        chain = chain.then(function () {
          return sendOne(row).then(function (outcome) {
            if (outcome === "kept" || outcome === "unreachable") left.push(row);
            if (outcome === "unreachable") unreachable = true;
          });
        });
      });
      return chain.then(function () {
        retrySoon(unreachable);
        return left;
      });
    }).then(function (left) {
      flushing = null;
      waitingNotice(left.length);
      return left;
    }, function () {
      flushing = null;
      return allQueued().then(mine);
    });
    return flushing;
  }

  function sendOne(row) {
    var data = new URLSearchParams();
    row.fields.forEach(function (pair) { data.append(pair[0], pair[1]); });
    data.set("csrfmiddlewaretoken", csrfToken());
    return fetch(row.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() },
    }).then(function (response) {
      var landed = new URL(response.url, window.location.origin).pathname;
      if (response.status === 404) {
        // The program is no longer there (archived or replaced): nothing to save it to.
        return deleteQueued(row.uuid).then(function () {
          notice("danger", text("refused", "A log made offline could not be saved.").replace("{date}", dayWords(row.date)), true);
          return "refused";
        });
      }
      // The session ended, a CSRF refusal or a server error: kept, to try again later.
      if (!response.ok || landed.indexOf("/accounts/login") === 0) return "kept";
      return response.text().then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        if (!response.redirected && page.querySelector("form.log-form")) {
          // Refused (a day now too far back, an answer missing): the server will not take it
          // later either, so the patient is told why, once, and it leaves the queue.
          var error = page.querySelector(".invalid-feedback");
          return deleteQueued(row.uuid).then(function () {
            notice("danger", text("refused", "A log made offline could not be saved.").replace("{date}", dayWords(row.date)) +
              (error ? " " + error.textContent.trim() : ""), true);
            return "refused";
          });
        }
        return deleteQueued(row.uuid).then(function () {
          showResult(row, page, response.redirected);
          return "sent";
        });
      });
    }).catch(function () { return "unreachable"; });
  }

  // The server's answer to a sent log is shown here: its messages ("saved", and any advice to
  // ease off), or, after a worrying safety answer, the whole instruction page.
  function showResult(row, page, redirected) {
    var main = document.getElementById("main");
    var answer = page.getElementById("main");
    if (!redirected && main && answer) {
      main.replaceChildren.apply(main, Array.prototype.map.call(answer.childNodes, function (node) {
        return document.importNode(node, true);
      }));
      main.focus();
      return;
    }
    var box = notice("success", text("sent", "Your log made offline on {date} has been sent.").replace("{date}", dayWords(row.date)), true);
    var messages = page.querySelectorAll(".messages .alert");
    Array.prototype.forEach.call(messages, function (message) {
      if (message.classList.contains("alert-success")) return;
      var copy = document.importNode(message, true);
      copy.querySelectorAll("button").forEach(function (button) { button.remove(); });
      box.parentNode.insertBefore(copy, box.nextSibling);
    });
  }

  // "One log made offline will be sent…": kept in step with the queue once some are sent.
  function waitingNotice(count) {
    document.querySelectorAll("[data-offline-waiting]").forEach(function (box) {
      if (count) {
        box.textContent = counted("waiting", count,
          "One log made offline will be sent when you are back online.",
          "{count} logs made offline will be sent when you are back online.");
      } else {
        box.remove();
      }
    });
  }

  // --- the log form, offline ----------------------------------------------------------------
  // `asSent`: the form went to the network and no answer came (the phone said it was online;
  // sw.js tells the page). It is queued as it was sent, with its own day and client_uuid, so a
  // log that did reach the server is not saved a second time when the queue sends it again.
  function queueForm(form, asSent) {
    var fields = [];
    new FormData(form).forEach(function (value, name) {
      if (name === "csrfmiddlewaretoken" || name === "client_uuid" || name === "date") return;
      if (typeof value === "string") fields.push([name, value]);
    });
    var chosen = form.querySelector('input[name="date"]:checked');
    var own = form.querySelector('input[name="client_uuid"]');
    var day;
    var uuid;
    if (asSent && chosen && own && own.value) {
      day = chosen.value;
      uuid = own.value;
    } else {
      // The day the session was made: "today" on this page may be days old (a saved copy), so
      // the choice is kept as a number of days back from the real today.
      var today = new Date();
      var options = form.querySelectorAll('input[name="date"]');
      var back = 0;
      if (chosen && options.length) {
        // The page's "today" is the latest day it offers.
        var pageToday = Array.prototype.map.call(options, function (o) { return o.value; }).sort().pop();
        back = Math.max(0, Math.round((parseIso(pageToday) - parseIso(chosen.value)) / 86400000));
      }
      day = isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - back));
      uuid = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
    }
    var entry = {
      uuid: uuid,
      user: userId,
      action: new URL(form.getAttribute("action") || window.location.pathname, window.location.href).href,
      date: day,
      madeAt: Date.now(),
      status: "queued",
      fields: fields.concat([["date", day], ["client_uuid", uuid]]),
    };
    return putQueued(entry).then(function () { return entry; });
  }

  function keepForLater(form, asSent) {
    return queueForm(form, asSent).then(function (entry) {
      form.hidden = true;
      notice("info", text("queued", "Saved on this phone. It will be sent when you are back online.")
        .replace("{date}", dayWords(entry.date)), true).setAttribute("data-offline-queued", "");
      // log-draft.js drops its draft: the queue sends the log now.
      form.dispatchEvent(new CustomEvent("restore:log-queued"));
      if (navigator.onLine) flush();
    }, function () {
      notice("danger", text("not-queued", "This phone could not keep your log. Please try again when you are online."), true);
    });
  }

  // Is sw.js there to answer for this page's log if the network fails?
  function underWorker() {
    return "serviceWorker" in navigator && !!navigator.serviceWorker.controller;
  }

  // Without sw.js, a form sent into a failed network ends on the browser's own error page. So
  // the form goes first by fetch: no answer (a failed network, or nothing for LOG_WAIT_MS) is
  // false. An answer, whatever it is, is true: the server has the log (or has refused it), and
  // the form is then sent as usual, so its answer reaches the browser as it came; the same
  // client_uuid makes a log saved by the first try be saved once.
  var LOG_WAIT_MS = 30000;
  function reachesServer(form) {
    var abort = "AbortController" in window ? new AbortController() : null;
    var timer = window.setTimeout(function () { if (abort) abort.abort(); }, LOG_WAIT_MS);
    return fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      // The redirect is followed, so the "saved" message is read here: the page the form
      // itself lands on shows the second answer's message, once.
      signal: abort ? abort.signal : undefined,
    }).then(function () { return true; }, function () { return false; })
      .then(function (reached) { window.clearTimeout(timer); return reached; });
  }

  function watchLogForm() {
    var form = document.querySelector("form.log-form");
    if (!form || !userId) return;
    var sending = false;
    var trying = false;
    form.addEventListener("submit", function (event) {
      if (navigator.onLine && !body.hasAttribute("data-offline-copy")) {
        if (underWorker()) {
          // Sent as an ordinary form; sw.js says so if no answer comes.
          sending = true;
          return;
        }
        event.preventDefault();
        if (trying) return; // a second tap while the first try is on its way
        trying = true;
        reachesServer(form).then(function (reached) {
          trying = false;
          if (reached) {
            HTMLFormElement.prototype.submit.call(form);
          } else {
            keepForLater(form, true);
          }
        });
        return;
      }
      event.preventDefault();
      keepForLater(form, false);
    });
    // log-draft.js sends a waiting safety answer by itself, without a submit event.
    form.addEventListener("restore:log-sending", function () { sending = true; });
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.addEventListener("message", function (event) {
      var data = event.data || {};
      if (data.type !== "log-not-sent" || !sending || data.url !== form.action.split("#")[0]) return;
      sending = false;
      keepForLater(form, true);
    });
    // Messages wait for the page to finish loading, which a log sent while the page loads
    // (log-draft.js's) may never let it do.
    navigator.serviceWorker.startMessages();
  }

  // --- log out --------------------------------------------------------------------------------
  function watchLogout() {
    var url = body.dataset.logoutUrl;
    if (!url || !userId) return;
    document.querySelectorAll("form[action='" + url + "']").forEach(function (form) {
      var confirmed = false;
      form.addEventListener("submit", function (event) {
        if (confirmed) return;
        event.preventDefault();
        var timeout = new Promise(function (resolve) { window.setTimeout(resolve, 8000, null); });
        Promise.race([flush(), timeout]).then(function (left) {
          return left === null ? allQueued().then(mine) : left;
        }).then(function (left) {
          if (left.length) {
            var question = counted("logout-unsent", left.length,
              "One log made offline could not be sent yet. If you log out now, it is deleted from this phone. Log out anyway?",
              "{count} logs made offline could not be sent yet. If you log out now, they are deleted from this phone. Log out anyway?");
            if (!window.confirm(question)) return false;
          }
          return Promise.all(left.map(function (row) { return deleteQueued(row.uuid); }))
            .then(clearCaches)
            .then(function () { return true; });
        }).catch(function () { return clearCaches().then(function () { return true; }); })
          .then(function (go) {
            if (!go) return;
            confirmed = true;
            form.submit();
          });
      });
    });
  }

  // --- start ------------------------------------------------------------------------------------
  function keepThisPage(registration) {
    var worker = navigator.serviceWorker.controller || (registration && registration.active);
    if (!worker || !offlineId || body.hasAttribute("data-offline-copy")) return;
    var urls = [window.location.href];
    document.querySelectorAll("img[src], source[srcset], link[rel='stylesheet'][href], script[src], link[rel~='icon'][href]").forEach(function (node) {
      var src = node.getAttribute("src") || node.getAttribute("href") || (node.getAttribute("srcset") || "").split(/[\s,]+/)[0];
      if (src) urls.push(new URL(src, window.location.href).href);
    });
    // What the styles loaded in turn (the icon font): the worker keeps only /static/ ones.
    if (window.performance && performance.getEntriesByType) {
      performance.getEntriesByType("resource").forEach(function (entry) {
        if (/\/static\//.test(entry.name)) urls.push(entry.name);
      });
    }
    worker.postMessage({ type: "keep", id: offlineId, urls: urls });
  }

  function showOfflineBanner() {
    var how = body.getAttribute("data-offline-copy");
    if (how === null) return;
    var banner = notice("warning", how === "other"
      ? text("banner-other", "You are offline, and that page is not saved on this phone. Showing your saved program.")
      : text("banner", "You are offline — showing your saved program."));
    banner.setAttribute("data-offline-banner", "");
    window.addEventListener("online", function () {
      banner.textContent = text("back-online", "You are back online.");
    });
  }

  if (!userId) {
    clearCaches();
    return;
  }
  // Someone else's unsent logs never travel under this login.
  allQueued().then(function (rows) {
    rows.filter(function (row) { return row.user !== userId; }).forEach(function (row) {
      deleteQueued(row.uuid);
    });
  });
  if (!isPatient) {
    clearCaches();
    return;
  }
  showOfflineBanner();
  watchLogForm();
  watchLogout();
  window.addEventListener("online", function () { flush(); });
  if (navigator.onLine && !body.hasAttribute("data-offline-copy")) {
    flush();
  } else if (!document.querySelector("form.log-form")) {
    // Offline, on another page: say that logs are waiting, so they are not made twice.
    allQueued().then(mine).then(function (rows) {
      if (!rows.length) return;
      notice("info", counted("waiting", rows.length,
        "One log made offline will be sent when you are back online.",
        "{count} logs made offline will be sent when you are back online.")).setAttribute("data-offline-waiting", "");
    });
  }
  if (meta && "serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register(meta.getAttribute("data-sw"), { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(keepThisPage).catch(function () { /* no offline copy: the portal still works online */ });
  }
})();

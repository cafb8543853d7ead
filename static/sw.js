// The portal's service worker: the patient's current program kept for offline viewing.
//
// Served from /sw.js (pages.offline.service_worker) so its scope is the whole site, but it only
// ever answers GET requests for the portal's pages (/portal/...) and static files, and watches
// the session log's POST for a failed network (see sendLog); everything else, staff pages and
// every other POST included, goes to the network untouched.
//
// Network first: while online every page comes from the server as usual (fresh, audited, and a
// session that has ended still sends the person to the login page). When the network fails,
// the copy saved for this login is shown, marked so that offline.js shows the "offline" banner.
//
// What is saved, and for whom: a page does not save itself. After a portal page has loaded,
// offline.js posts {type: "keep", id, urls} with this login's offline id (an HMAC of the
// session key, new at every login) and the page's own address, pictures, styles and scripts.
// The copy lives in the cache "restore-offline-<id>"; a different id (another login, another
// patient on a shared phone) deletes every older copy first. Logging out, and every page seen
// without a login (the login page, the session-expired page), deletes them all
// ({type: "forget"}, and offline.js deletes the caches itself too).
"use strict";

var PREFIX = "restore-offline-";
var META = "restore-offline-meta";
var META_KEY = "/__restore-offline-id";
// The most recent network answers to GETs this worker handled, so that "keep" can store the
// page the patient just saw without asking the server for it again (a second, unseen view).
var recent = new Map();
var RECENT_MAX = 80;

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(self.clients.claim());
});

function handled(url, request) {
  if (request.method !== "GET" || url.origin !== self.location.origin) return false;
  return url.pathname.indexOf("/portal/") === 0 || url.pathname.indexOf("/static/") === 0;
}

function remember(key, response) {
  recent.delete(key);
  recent.set(key, response);
  while (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value);
}

function currentId() {
  return caches.open(META).then(function (meta) {
    return meta.match(META_KEY);
  }).then(function (hit) {
    return hit ? hit.text() : "";
  });
}

function currentCache() {
  return currentId().then(function (id) {
    if (!id) return null;
    return caches.has(PREFIX + id).then(function (exists) {
      return exists ? caches.open(PREFIX + id) : null;
    });
  });
}

function offlineCopy(response, how) {
  // Mark the saved page so that offline.js shows the banner: <body data-offline-copy="...">.
  return response.text().then(function (html) {
    // The saved page's session countdown is the one it had when saved: without a network the
    // server cannot end or renew anything, so session.js is not given one to warn about.
    var marked = html.replace("<body ", '<body data-offline-copy="' + how + '" ')
      .replace(' data-session-timeout="', ' data-offline-session-timeout="');
    return new Response(marked, {
      status: 200,
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Restore-Marked": how,
      },
    });
  });
}

// The page shown offline when nothing is saved, in the language of the person whose browser
// fetched this worker: pages.offline.service_worker writes this line in their language (a
// patient who switches language gets a new worker at their next page, as the file differs).
var OFFLINE_PAGE = {"lang": "en", "title": "Offline", "text": "You are offline, and this page is not saved on this phone. Reconnect to the internet and try again.", "link": "Your saved program"};

function escaped(text) {
  return String(text).replace(/[&<>"]/g, function (c) {
    return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
  });
}

function notSaved() {
  var words = OFFLINE_PAGE;
  return new Response(
    "<!doctype html><html lang=\"" + escaped(words.lang) + "\"><head><meta charset=\"utf-8\">" +
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
      "<title>" + escaped(words.title) + " · Restore</title></head><body><main><h1>" +
      escaped(words.title) + "</h1><p>" + escaped(words.text) +
      "</p><p><a href=\"/portal/\">" + escaped(words.link) + "</a></p></main></body></html>",
    { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } }
  );
}

function fromCache(request, url) {
  return currentCache().then(function (cache) {
    if (!cache) return null;
    return cache.match(request, { ignoreVary: true }).then(function (hit) {
      if (hit || request.mode !== "navigate") return hit;
      // A portal page not saved: show the saved program instead (the banner says so).
      return cache.match("/portal/").then(function (home) {
        if (home) return home;
        return cache.keys().then(function (keys) {
          var program = keys.filter(function (key) {
            return /\/portal\/programs\/[^/]+\/$/.test(new URL(key.url).pathname);
          })[0];
          return program ? cache.match(program) : null;
        });
      }).then(function (other) {
        return other ? offlineCopy(other, "other") : null;
      });
    }).then(function (hit) {
      if (!hit) return null;
      if (request.mode === "navigate" && !hit.headers.get("X-Restore-Marked")) {
        return hit.headers.get("Content-Type") && hit.headers.get("Content-Type").indexOf("text/html") === 0
          ? offlineCopy(hit, "saved")
          : hit;
      }
      return hit;
    });
  });
}

function networkFirst(event, url) {
  var request = event.request;
  return fetch(request).then(function (response) {
    if (response.ok && response.type === "basic" && !response.redirected) {
      remember(url.href.split("#")[0], response.clone());
    }
    return response;
  }).catch(function (error) {
    return fromCache(request, url).then(function (hit) {
      if (hit) return hit;
      if (request.mode === "navigate") return notSaved();
      throw error;
    });
  });
}

// The session log's form, sent while the phone says it is online but the network fails (a
// dead Wi-Fi, a connection dropped mid-request): the browser would show its own error page, and
// the patient could think the log lost. The worker passes the POST on untouched; only when no
// answer comes (the network fails, or nothing for LOG_WAIT_MS) does it answer 204, so the
// browser stays on the log page, and tells that page, whose offline.js puts the form in the
// offline queue with its own client_uuid (a log that did reach the server is not saved twice).
// Any answer of the server (saved, a missing answer, the safety instructions, an error) goes to
// the browser as it came.
var LOG_WAIT_MS = 30000;

function isLogPost(url, request) {
  return request.method === "POST" && request.mode === "navigate" &&
    url.origin === self.location.origin && /^\/portal\/programs\/[^/]+\/log\/$/.test(url.pathname);
}

function logNotSent(request) {
  return self.clients.matchAll({ type: "window" }).then(function (windows) {
    windows.forEach(function (client) {
      client.postMessage({ type: "log-not-sent", url: request.url });
    });
  }).then(function () {
    return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
  });
}

function sendLog(request) {
  var controller = "AbortController" in self ? new AbortController() : null;
  var timer;
  var waited = new Promise(function (resolve, reject) {
    timer = setTimeout(function () {
      if (controller) controller.abort();
      reject(new Error("no answer"));
    }, LOG_WAIT_MS);
  });
  var sent = fetch(request, controller ? { signal: controller.signal } : undefined);
  return Promise.race([sent, waited]).then(function (response) {
    clearTimeout(timer);
    return response;
  }, function () {
    clearTimeout(timer);
    return logNotSent(request);
  });
}

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  if (isLogPost(url, event.request)) {
    event.respondWith(sendLog(event.request));
    return;
  }
  if (!handled(url, event.request)) return;
  event.respondWith(networkFirst(event, url));
});

function forgetAll() {
  recent.clear();
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 || name === META;
    }).map(function (name) { return caches.delete(name); }));
  });
}

function keep(id, urls) {
  if (!/^[0-9a-f]{8,64}$/.test(id || "")) return Promise.resolve();
  var name = PREFIX + id;
  return caches.keys().then(function (names) {
    // Another login's copy goes before this one's is written.
    return Promise.all(names.filter(function (other) {
      return other.indexOf(PREFIX) === 0 && other !== name;
    }).map(function (other) { return caches.delete(other); }));
  }).then(function () {
    return caches.open(META).then(function (meta) {
      return meta.put(META_KEY, new Response(id));
    });
  }).then(function () {
    return caches.open(name);
  }).then(function (cache) {
    return Promise.all(urls.map(function (raw) {
      var url;
      try { url = new URL(raw, self.location.origin); } catch (e) { return null; }
      if (!handled(url, { method: "GET" })) return null;
      var key = url.href.split("#")[0];
      var seen = recent.get(key);
      if (seen) return cache.put(key, seen.clone());
      // Pages are only saved from what the patient was actually shown; pictures, styles and
      // scripts not seen yet (a picture further down the page) are fetched now.
      if (url.pathname.indexOf("/static/") !== 0 && !/\.svg$/.test(url.pathname)) return null;
      return fetch(key, { credentials: "same-origin" }).then(function (response) {
        if (response.ok && !response.redirected) return cache.put(key, response);
        return null;
      }).catch(function () { return null; });
    }));
  });
}

self.addEventListener("message", function (event) {
  var data = event.data || {};
  var done;
  if (data.type === "keep") done = keep(String(data.id || ""), Array.isArray(data.urls) ? data.urls : []);
  else if (data.type === "forget") done = forgetAll();
  else return;
  event.waitUntil(done.then(function () {
    // The id says which request is done: a page's own "keep" may finish while another waits.
    if (event.source) event.source.postMessage({ type: data.type + "-done", id: data.id || "" });
  }));
});

// The program builder: keeps every write stamped with the version this page last saw,
// reorders by drag (SortableJS) or by the Move up / Move down buttons, and tells screen-reader
// users what happened. No inline scripts anywhere: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  // Words in the page's language, from Django's JavaScript catalogue (base.html loads it).
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (format, values) {
    return format.replace(/%\((\w+)\)s/g, function (match, name) { return String(values[name]); });
  };
  if (!document.getElementById("builder-workspace") || !window.htmx) {
    return;
  }

  // 409 (someone else saved first), 422 (refused) and 400 (unreadable) answers carry a fragment
  // that explains what happened, so htmx swaps them in like any other answer.
  htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "(400|409|422)", swap: true, error: false },
    { code: "[45]..", swap: false, error: true }
  ];

  function currentVersion() {
    var status = document.getElementById("builder-status");
    return status ? status.dataset.version : null;
  }

  function announce(message) {
    var region = document.getElementById("builder-announcer");
    if (region) {
      region.textContent = "";
      window.setTimeout(function () { region.textContent = message; }, 50);
    }
  }

  // The version lives in #builder-status, which every successful write replaces out of band.
  // Stamping it on each request means a form rendered earlier never sends an old version of
  // this user's own work, while a save by someone else is still caught by the server.
  document.body.addEventListener("htmx:configRequest", function (event) {
    var version = currentVersion();
    if (!version || event.detail.verb === "get") {
      return;
    }
    var params = event.detail.parameters;
    Array.from(params.keys()).forEach(function (key) {
      if (key === "version" || /-version$/.test(key)) {
        params[key] = version;
      }
    });
  });
  document.addEventListener("submit", function (event) {
    var input = event.target.querySelector("input[name='version']");
    var version = currentVersion();
    if (input && version) {
      input.value = version;
    }
  }, true);

  // --- ordering -------------------------------------------------------------------------------

  function itemsList() {
    return document.getElementById("builder-items");
  }

  function refreshMoveButtons() {
    var items = itemsList() ? itemsList().querySelectorAll(":scope > .builder-item") : [];
    items.forEach(function (item, index) {
      var up = item.querySelector("[data-move='up']");
      var down = item.querySelector("[data-move='down']");
      if (up) { up.disabled = index === 0; }
      if (down) { down.disabled = index === items.length - 1; }
    });
  }

  function positionOf(item) {
    var items = Array.from(itemsList().querySelectorAll(":scope > .builder-item"));
    return { index: items.indexOf(item) + 1, count: items.length };
  }

  function saveOrder(item) {
    refreshMoveButtons();
    var where = positionOf(item);
    announce(interpolate(gettext("%(name)s moved to position %(index)s of %(count)s."), {
      name: item.dataset.name, index: where.index, count: where.count
    }, true));
    htmx.trigger(document.getElementById("reorder-form"), "reorder");
  }

  function initSortable() {
    var list = itemsList();
    if (!list || list.dataset.sortable === "on" || !window.Sortable) {
      refreshMoveButtons();
      return;
    }
    list.dataset.sortable = "on";
    window.Sortable.create(list, {
      handle: ".drag-handle",
      // Pointer-event dragging behaves the same with a mouse, a pen and a finger on a tablet.
      forceFallback: true,
      fallbackOnBody: true,
      draggable: ".builder-item",
      animation: 150,
      ghostClass: "is-ghost",
      chosenClass: "is-chosen",
      onEnd: function (event) {
        if (event.oldIndex !== event.newIndex) {
          saveOrder(event.item);
        }
      }
    });
    refreshMoveButtons();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-move]");
    if (!button) {
      return;
    }
    var item = button.closest(".builder-item");
    var list = item.parentNode;
    if (button.dataset.move === "up" && item.previousElementSibling) {
      list.insertBefore(item, item.previousElementSibling);
    } else if (button.dataset.move === "down" && item.nextElementSibling) {
      list.insertBefore(item.nextElementSibling, item);
    } else {
      return;
    }
    saveOrder(item);
    // Keep the keyboard where it was; if that button is now disabled, use the other one.
    var target = button.disabled ? item.querySelector("[data-move]:not([disabled])") : button;
    if (target) {
      target.focus();
    }
  });

  // --- the library panel sticks below the status bar, whatever its height --------------------------

  var statusObserver = null;
  function trackStatusHeight() {
    var status = document.getElementById("builder-status");
    if (!status || !window.ResizeObserver) { return; }
    if (statusObserver) { statusObserver.disconnect(); }
    statusObserver = new ResizeObserver(function () {
      document.documentElement.style.setProperty("--builder-status-height", status.offsetHeight + "px");
    });
    statusObserver.observe(status);  // a write replaces the bar, so this runs after every swap
  }

  // --- feedback after swaps ---------------------------------------------------------------------

  var lastItemId = null;
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var item = event.detail.elt.closest ? event.detail.elt.closest(".builder-item") : null;
    lastItemId = item ? item.id : null;
  });

  document.body.addEventListener("htmx:afterSettle", function (event) {
    initSortable();
    trackStatusHeight();
    var target = event.detail.target;
    if (target && target.id === "builder-items") {
      // An exercise was added at the end: show it.
      var added = target.lastElementChild;
      if (added) {
        added.classList.add("is-new");
        added.scrollIntoView({ block: "nearest", behavior: "smooth" });
        announce(interpolate(gettext("Added %(name)s at position %(index)s."), {
          name: added.dataset.name, index: positionOf(added).index
        }, true));
      }
    } else if (lastItemId && event.detail.xhr && event.detail.xhr.status < 300) {
      var item = document.getElementById(lastItemId);
      if (item) {
        var summary = item.querySelector(".builder-dose summary");
        if (summary) { summary.focus(); }
        announce(interpolate(gettext("Saved %(name)s."), { name: item.dataset.name }, true));
      } else {
        announce(gettext("Removed."));
      }
    }
    if (event.detail.xhr && event.detail.xhr.status === 409) {
      announce(gettext("Not saved: someone else changed this program. Their version is shown."));
      var first = document.querySelector(".builder-item.has-conflict") ||
        document.querySelector(".conflict-alert");
      if (first) { first.scrollIntoView({ block: "start", behavior: "smooth" }); }
    }
  });

  function showProblem(message) {
    var workspace = document.getElementById("builder-workspace");
    var box = document.getElementById("builder-problem");
    if (!box) {
      box = document.createElement("div");
      box.id = "builder-problem";
      box.className = "alert alert-danger";
      box.setAttribute("role", "alert");
      workspace.prepend(box);
    }
    box.textContent = message;
  }
  document.body.addEventListener("htmx:responseError", function () {
    showProblem(gettext("That change could not be saved. Reload the page to see the program as it is now."));
  });
  document.body.addEventListener("htmx:sendError", function () {
    showProblem(gettext("No connection: the last change was not saved. Check the network and try again."));
  });

  // --- no lost typing across a logout (the forms carry data-keep-draft, see session.js) --------

  // session.js has put back what was typed before the session ended: unfold the form holding it.
  document.querySelectorAll("[data-draft-restored]").forEach(function (note) {
    var details = note.closest("details");
    if (details) { details.open = true; }
  });

  // A write sent after the session ended is answered 401 with HX-Redirect to the login page,
  // whose `next` would be this write's POST-only URL; a write sent with no session at all is
  // redirected to the login page itself, which htmx would swap into the item. Either way, reload
  // the builder instead: the login page then leads back here, where session.js restores the
  // kept draft.
  var loginUrl = document.getElementById("builder-workspace").dataset.loginUrl || "";
  function landedOnLogin(xhr) {
    if (!loginUrl || !xhr.responseURL) { return false; }
    try { return new URL(xhr.responseURL).pathname === loginUrl; } catch (e) { return false; }
  }
  document.body.addEventListener("htmx:beforeOnLoad", function (event) {
    var xhr = event.detail && event.detail.xhr;
    if (xhr && (xhr.status === 401 || landedOnLogin(xhr))) {
      event.preventDefault();
      window.location.assign(window.location.pathname + window.location.search);
    }
  });

  trackStatusHeight();
  htmx.onLoad(initSortable);
})();

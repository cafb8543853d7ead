// Follow-along timer for one exercise of the patient's home program.
// The plan comes from a JSON block (json_script) written by the server; the timer runs
// entirely in the page: no reloads, and nothing is sent anywhere.
(function () {
  "use strict";

  var root = document.querySelector("[data-follow]");
  var source = document.getElementById("follow-plan");
  if (!root || !source) {
    return;
  }
  var plan = JSON.parse(source.textContent);
  root.hidden = false;

  function $(name) {
    return root.querySelector("[data-" + name + "]");
  }
  var el = {
    phase: $("phase"),
    cue: $("cue"),
    count: $("count"),
    ring: $("ring"),
    rep: $("rep"),
    side: $("side"),
    sideBox: $("side-box"),
    set: $("set"),
    progress: $("progress"),
    progressBar: $("progress-bar"),
    start: root.querySelector("[data-action=start]"),
    startLabel: $("start-label"),
    skip: root.querySelector("[data-action=skip]"),
    restart: root.querySelector("[data-action=restart]"),
    speak: $("speak"),
    announce: $("announce"),
    wakeNote: $("wake-note"),
    done: $("done"),
  };

  // --- the plan as a list of timed phases ------------------------------------------------------

  function sideNames(side) {
    if (side === "both") {
      return ["Side 1 of 2", "Side 2 of 2"];
    }
    if (side === "left") {
      return ["Left"];
    }
    if (side === "right") {
      return ["Right"];
    }
    return [""];
  }

  function repPhases(p) {
    if (p.mode === "ais") {
      var assist = Math.min(p.hold_s || 2, 2);
      return [
        {
          label: "Move into the stretch",
          cue: p.agonist
            ? "Tighten the " + p.agonist + " to move. Breathe out."
            : "Use your own muscles to move. Breathe out.",
          say: "Move into the stretch",
          seconds: 2,
        },
        {
          label: "Assist gently, breathe out — " + assist + " s",
          cue: "A light extra stretch with the rope or your hands. Never pain.",
          say: "Assist gently, breathe out",
          seconds: assist,
        },
        { label: "Return and relax", cue: "Come back to the start. Breathe in.", say: "Return and relax", seconds: 2 },
      ];
    }
    if (p.mode === "hold") {
      return [
        { label: "Get into position", cue: "Move slowly, within comfort.", say: "Get into position", seconds: 3 },
        { label: "Hold", cue: "Keep breathing.", say: "Hold for " + p.hold_s + " seconds", seconds: p.hold_s },
        { label: "Release and relax", cue: "Come back slowly.", say: "Release", seconds: 3 },
      ];
    }
    return [
      { label: "Move", cue: "Slowly and smoothly, within comfort.", say: "Move", seconds: 2 },
      { label: "Return", cue: "Come back slowly.", say: "Return", seconds: 2 },
    ];
  }

  function buildPhases(p) {
    var phases = [];
    var sides = p.mode === "duration" ? [""] : sideNames(p.side);
    var reps = Math.max(1, p.reps || 1);
    var sets = Math.max(1, p.sets || 1);
    phases.push({
      kind: "ready",
      label: "Get ready",
      cue: p.side === "both" ? "Get into the start position. Start with your tighter side." : "Get into the start position.",
      say: "Get ready",
      seconds: 5,
    });
    for (var set = 1; set <= sets; set += 1) {
      for (var s = 0; s < sides.length; s += 1) {
        if (p.mode === "duration") {
          phases.push({
            kind: "work",
            label: "Keep going",
            cue: "A steady, comfortable pace. Stop if your symptoms spread down your leg.",
            say: "Go. " + p.duration_min + " minutes",
            seconds: p.duration_min * 60,
            set: set,
            sets: sets,
          });
        } else {
          for (var rep = 1; rep <= reps; rep += 1) {
            var turns = p.side === "alternate" ? ["Right", "Left"] : [sides[s]];
            for (var t = 0; t < turns.length; t += 1) {
              repPhases(p).forEach(function (phase, i) {
                phases.push({
                  kind: "work",
                  label: phase.label,
                  cue: phase.cue,
                  // Say the rep number at the start of each rep, then the short cue.
                  say: i === 0 ? "Rep " + rep + ". " + phase.say : phase.say,
                  seconds: phase.seconds,
                  rep: rep,
                  reps: reps,
                  side: turns[t],
                  set: set,
                  sets: sets,
                });
              });
            }
          }
        }
        if (s < sides.length - 1) {
          phases.push({
            kind: "switch",
            label: "Switch sides",
            cue: "Get into the start position for the other side.",
            say: "Switch sides",
            seconds: p.switch_s,
            side: sides[s + 1],
            set: set,
            sets: sets,
          });
        }
      }
      if (set < sets) {
        phases.push({
          kind: "rest",
          label: "Rest",
          cue: "Set " + (set + 1) + " of " + sets + " next. Relax and breathe.",
          say: "Rest",
          seconds: p.rest_s,
          set: set + 1,
          sets: sets,
        });
      }
    }
    return phases;
  }

  var phases = buildPhases(plan);
  var total = phases.reduce(function (sum, phase) {
    return sum + phase.seconds;
  }, 0);

  // --- screen wake lock, speech, vibration -----------------------------------------------------

  var wakeLock = null;
  var canWake = "wakeLock" in navigator;
  if (!canWake && el.wakeNote) {
    el.wakeNote.textContent = "Your screen may dim while you exercise: tap it now and then.";
  }
  function holdScreen() {
    if (!canWake || wakeLock) {
      return;
    }
    navigator.wakeLock
      .request("screen")
      .then(function (lock) {
        wakeLock = lock;
        lock.addEventListener("release", function () {
          wakeLock = null;
        });
      })
      .catch(function () {
        wakeLock = null; // battery saver or a hidden tab: the timer still runs
      });
  }
  function releaseScreen() {
    if (wakeLock) {
      wakeLock.release();
      wakeLock = null;
    }
  }

  var speakKey = "restore.follow.speak";
  var canSpeak = "speechSynthesis" in window;
  if (!canSpeak) {
    el.speak.closest(".form-check").hidden = true;
  } else {
    try {
      el.speak.checked = window.localStorage.getItem(speakKey) === "1";
    } catch (e) {
      el.speak.checked = false;
    }
    el.speak.addEventListener("change", function () {
      try {
        window.localStorage.setItem(speakKey, el.speak.checked ? "1" : "0");
      } catch (e) {
        /* private mode: the choice lasts for this page only */
      }
    });
  }
  function say(text) {
    if (!canSpeak || !el.speak.checked || !text) {
      return;
    }
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(new window.SpeechSynthesisUtterance(text));
  }

  // --- the clock -------------------------------------------------------------------------------

  var state = { index: -1, elapsed: 0, running: false, last: 0, finished: false, timer: null };

  function doneBefore(index) {
    var sum = 0;
    for (var i = 0; i < index; i += 1) {
      sum += phases[i].seconds;
    }
    return sum;
  }

  function render() {
    var phase = phases[state.index];
    if (!phase) {
      return;
    }
    var remaining = Math.max(0, phase.seconds - state.elapsed / 1000);
    el.count.textContent = String(Math.ceil(remaining - 0.05) || 0);
    var fraction = phase.seconds ? Math.min(1, state.elapsed / 1000 / phase.seconds) : 1;
    el.ring.setAttribute("stroke-dashoffset", String(100 - fraction * 100));
    var overall = total ? (doneBefore(state.index) + state.elapsed / 1000) / total : 1;
    var percent = Math.round(Math.min(1, overall) * 100);
    el.progressBar.style.width = percent + "%";
    el.progress.setAttribute("aria-valuenow", String(percent));
  }

  function showPhase(announce) {
    var phase = phases[state.index];
    root.dataset.kind = phase.kind;
    el.phase.textContent = phase.label;
    el.cue.textContent = phase.cue || "";
    el.rep.textContent = phase.rep ? phase.rep + " of " + phase.reps : "–";
    el.side.textContent = phase.side || "–";
    el.sideBox.hidden = !phase.side && plan.side !== "both" && plan.side !== "alternate";
    el.set.textContent = phase.set ? phase.set + " of " + phase.sets : "1 of " + Math.max(1, plan.sets);
    if (announce) {
      var extra = phase.rep ? ", rep " + phase.rep + " of " + phase.reps : "";
      el.announce.textContent = phase.label + extra + (phase.side ? ", " + phase.side : "");
      say(phase.say);
      if (navigator.vibrate && phase.kind !== "work") {
        navigator.vibrate(80);
      }
    }
    render();
  }

  function finish() {
    stopClock();
    state.finished = true;
    state.running = false;
    root.dataset.kind = "done";
    el.phase.textContent = "Finished";
    el.cue.textContent = "Nicely done. Relax for a moment.";
    el.count.textContent = "✓";
    el.ring.setAttribute("stroke-dashoffset", "0");
    el.progressBar.style.width = "100%";
    el.progress.setAttribute("aria-valuenow", "100");
    el.startLabel.textContent = "Start";
    el.start.hidden = true;
    el.skip.hidden = true;
    el.done.hidden = false;
    el.announce.textContent = "Exercise finished. Well done.";
    say("Finished. Well done.");
    releaseScreen();
  }

  function goTo(index) {
    if (index >= phases.length) {
      finish();
      return;
    }
    state.index = index;
    state.elapsed = 0;
    showPhase(true);
  }

  function tick() {
    var now = performance.now();
    state.elapsed += now - state.last;
    state.last = now;
    var phase = phases[state.index];
    if (state.elapsed >= phase.seconds * 1000) {
      goTo(state.index + 1);
      return;
    }
    render();
  }

  function startClock() {
    state.last = performance.now();
    state.timer = window.setInterval(tick, 100);
  }
  function stopClock() {
    if (state.timer) {
      window.clearInterval(state.timer);
      state.timer = null;
    }
  }

  function setRunning(running) {
    state.running = running;
    el.startLabel.textContent = running ? "Pause" : state.index < 0 ? "Start" : "Resume";
    el.start.querySelector(".bi").className = running ? "bi bi-pause-fill" : "bi bi-play-fill";
    el.start.setAttribute("aria-pressed", running ? "true" : "false");
    el.skip.disabled = false;
    el.restart.disabled = false;
    if (running) {
      startClock();
      holdScreen();
    } else {
      stopClock();
      releaseScreen();
    }
  }

  el.start.addEventListener("click", function () {
    if (state.finished) {
      return;
    }
    if (state.running) {
      setRunning(false);
      el.announce.textContent = "Paused";
      say("Paused");
      return;
    }
    if (state.index < 0) {
      goTo(0);
      // On a phone, bring the whole timer into view once; the picture stays above it.
      if (root.getBoundingClientRect().bottom > window.innerHeight) {
        root.scrollIntoView({ block: "end", behavior: "smooth" });
      }
    } else {
      el.announce.textContent = "Resumed: " + phases[state.index].label;
    }
    setRunning(true);
  });

  el.skip.addEventListener("click", function () {
    if (state.finished) {
      return;
    }
    goTo(state.index + 1);
    if (state.running) {
      state.last = performance.now();
    }
  });

  el.restart.addEventListener("click", function () {
    stopClock();
    state.finished = false;
    state.index = -1;
    state.elapsed = 0;
    el.done.hidden = true;
    el.start.hidden = false;
    el.skip.hidden = false;
    goTo(0);
    setRunning(true);
  });

  document.addEventListener("visibilitychange", function () {
    // The lock is dropped whenever the page is hidden; take it again on return.
    if (document.visibilityState === "visible" && state.running) {
      holdScreen();
    }
  });

  // First screen: the whole plan at a glance.
  var firstWork = phases.filter(function (p) {
    return p.kind === "work";
  })[0];
  el.rep.textContent = firstWork && firstWork.reps ? "0 of " + firstWork.reps : "–";
  el.side.textContent = firstWork && firstWork.side ? firstWork.side : "–";
  el.sideBox.hidden = !(firstWork && firstWork.side);
  el.set.textContent = "1 of " + Math.max(1, plan.sets);
  var minutes = Math.round(total / 60);
  el.count.textContent = minutes >= 1 ? minutes + "′" : total + "″";
  el.cue.textContent =
    "Tap Start. The timer tells you each step" +
    (minutes >= 1 ? " (about " + minutes + " min)." : " (about " + total + " s).");
})();

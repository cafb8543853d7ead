// Follow-along timer for one exercise of the patient's home program.
// The server writes the plan (programs/timer_plan.py: every phase with its seconds) as a JSON
// block; this script only plays it: the count, a beep (and optionally a spoken cue and a
// vibration) at each phase change, the screen kept awake while running. Screen readers hear
// each phase change through one live region, never the seconds ticking. When the exercise
// ends it is marked done for today (when the server gives an address for that), unless the
// patient skipped part of its work (a hold, a repetition, the walk): the plan marks each phase
// that is the exercise itself (`work`); skipping "Get ready", a rest or a switch still counts.
(function () {
  "use strict";

  var root = document.querySelector("[data-follow]");
  var source = document.getElementById("follow-plan");
  if (!root || !source) {
    return;
  }
  var plan = JSON.parse(source.textContent);
  var phases = plan.phases || [];
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
    repBox: $("rep-box"),
    set: $("set"),
    progress: $("progress"),
    progressBar: $("progress-bar"),
    start: root.querySelector("[data-action=start]"),
    startLabel: $("start-label"),
    skip: root.querySelector("[data-action=skip]"),
    restart: root.querySelector("[data-action=restart]"),
    speak: $("speak"),
    beep: $("beep"),
    announce: $("announce"),
    wakeNote: $("wake-note"),
    done: $("done"),
    doneHeading: $("done-heading"),
    doneTitle: $("done-title"),
    doneIcon: $("done-icon"),
    doneNote: $("done-note"),
    skippedNote: $("skipped-note"),
  };
  // Words the page shows, translated by the server.
  var words = plan.words || {};
  function word(key, fallback) {
    return words[key] || fallback;
  }

  var total = phases.reduce(function (sum, phase) {
    return sum + phase.seconds;
  }, 0);

  // Seconds as the patient reads them: "30" under a minute, "15:00" for a 15-minute walk.
  function clock(seconds, long) {
    seconds = Math.max(0, seconds);
    if (!long) {
      return String(seconds);
    }
    var m = Math.floor(seconds / 60);
    var s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  }

  // --- screen wake lock ------------------------------------------------------------------------

  var wakeLock = null;
  var canWake = "wakeLock" in navigator;
  if (!canWake && el.wakeNote) {
    el.wakeNote.textContent = word("noWake", "Your screen may dim while you exercise: tap it now and then.");
  }
  function holdScreen() {
    if (!canWake || wakeLock) {
      return;
    }
    navigator.wakeLock
      .request("screen")
      .then(function (lock) {
        if (!state.running) {
          lock.release(); // paused while the request was on its way
          return;
        }
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

  // --- remembered switches: voice (off by default) and beeps (on by default) --------------------

  function remembered(input, key, fallback, usable) {
    if (!input) {
      return;
    }
    if (!usable) {
      input.closest(".form-check").hidden = true;
      input.checked = false;
      return;
    }
    var stored = null;
    try {
      stored = window.localStorage.getItem(key);
    } catch (e) {
      stored = null;
    }
    input.checked = stored === null ? fallback : stored === "1";
    input.addEventListener("change", function () {
      try {
        window.localStorage.setItem(key, input.checked ? "1" : "0");
      } catch (e) {
        /* private mode: the choice lasts for this page only */
      }
    });
  }
  var canSpeak = "speechSynthesis" in window;
  var AudioCtx = window.AudioContext || window.webkitAudioContext;
  remembered(el.speak, "restore.follow.speak", false, canSpeak);
  remembered(el.beep, "restore.follow.beep", true, !!AudioCtx);

  function say(text) {
    if (!canSpeak || !el.speak || !el.speak.checked || !text) {
      return;
    }
    window.speechSynthesis.cancel();
    var utterance = new window.SpeechSynthesisUtterance(text);
    // The words are in the page's language: ask for a voice of that language, not the phone's.
    utterance.lang = document.documentElement.lang || "";
    window.speechSynthesis.speak(utterance);
  }

  var audio = null;
  function unlockAudio() {
    // Browsers allow sound only after a tap: make the context inside the Start click, and wake
    // it there again if the phone suspended it (iOS does when the screen locks).
    if (audio && audio.state === "suspended" && audio.resume) {
      audio.resume().catch(function () {});
    }
    if (!AudioCtx || audio) {
      return;
    }
    try {
      audio = new AudioCtx();
    } catch (e) {
      audio = null;
    }
  }
  function beep(kind) {
    if (!audio || !el.beep || !el.beep.checked) {
      return;
    }
    // A higher note to work, a lower one to rest; three rising notes at the end.
    var notes = kind === "done" ? [660, 880, 1100] : kind === "rest" || kind === "switch" ? [440] : [880];
    var t = audio.currentTime;
    notes.forEach(function (freq, i) {
      var osc = audio.createOscillator();
      var gain = audio.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.0001, t + i * 0.18);
      gain.gain.exponentialRampToValueAtTime(0.3, t + i * 0.18 + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.18 + 0.15);
      osc.connect(gain).connect(audio.destination);
      osc.start(t + i * 0.18);
      osc.stop(t + i * 0.18 + 0.16);
    });
  }
  function buzz(pattern) {
    if (navigator.vibrate) {
      try {
        navigator.vibrate(pattern);
      } catch (e) {
        /* not allowed here */
      }
    }
  }

  // --- the clock -------------------------------------------------------------------------------

  // skipped: part of the exercise's work was skipped in this run, so it is not ticked done.
  var state = { index: -1, elapsed: 0, running: false, last: 0, finished: false, skipped: false, timer: null };

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
    el.count.textContent = clock(Math.ceil(remaining - 0.05), phase.seconds >= 60);
    var fraction = phase.seconds ? Math.min(1, state.elapsed / 1000 / phase.seconds) : 1;
    el.ring.setAttribute("stroke-dashoffset", String(100 - fraction * 100));
    var overall = total ? (doneBefore(state.index) + state.elapsed / 1000) / total : 1;
    var percent = Math.round(Math.min(1, overall) * 100);
    el.progressBar.style.width = percent + "%";
    return percent;
  }

  function of(n, count) {
    return word("of", "%(n)s of %(count)s").replace("%(n)s", n).replace("%(count)s", count);
  }

  function showPhase() {
    var phase = phases[state.index];
    root.dataset.kind = phase.kind;
    el.phase.textContent = phase.label;
    el.cue.textContent = phase.cue || "";
    el.rep.textContent = phase.rep ? of(phase.rep, phase.reps) : "–";
    el.side.textContent = phase.side || "–";
    el.set.textContent = of(phase.set || 1, phase.sets || 1);
    // The one place screen readers hear from: once per phase (once per repetition for the
    // 2-second steps of an AIS stretch, which the beeps mark), never the seconds.
    if (phase.announce !== false) {
      var parts = [phase.label];
      if (phase.rep) {
        parts.push(word("rep", "rep") + " " + of(phase.rep, phase.reps));
      }
      if (phase.side) {
        parts.push(phase.side);
      }
      el.announce.textContent = parts.join(", ");
    }
    say(phase.say);
    beep(phase.kind);
    if (phase.kind === "rest" || phase.kind === "switch" || phase.kind === "ready") {
      buzz(120);
    } else if (phase.kind === "move" && phase.rep) {
      buzz(40);
    } else if (phase.kind === "work") {
      buzz([80, 60, 80]);
    }
    // The bar's value changes once a phase, like the live region: some screen readers speak
    // every change of a progress bar.
    el.progress.setAttribute("aria-valuenow", String(render()));
  }

  // Marking the exercise done for today. The address comes from the server (the plan's
  // done_url); without one, nothing is sent and the page still says well done.
  function csrfToken() {
    var input = root.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function markDoneForToday() {
    if (!plan.done_url || !window.fetch) {
      return;
    }
    var body = new window.FormData();
    body.append("csrfmiddlewaretoken", csrfToken());
    if (plan.done_fields) {
      Object.keys(plan.done_fields).forEach(function (key) {
        body.append(key, plan.done_fields[key]);
      });
    }
    window
      .fetch(plan.done_url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
      })
      .then(function (response) {
        if (!response.ok) {
          return;
        }
        root.dataset.doneSaved = "1";
        if (el.doneNote) {
          el.doneNote.hidden = false;
        }
        return response.json().then(function (answer) {
          // "Start again" on this page ticks the next session of today (the evening one).
          if (plan.done_fields && answer && typeof answer.next_slot === "number") {
            plan.done_fields.slot = answer.next_slot;
          }
        });
      })
      .catch(function () {
        /* offline: the patient can still tick it on the program page */
      });
  }
  window.restoreFollowMarkDone = markDoneForToday; // the hook, for the today plan and tests

  function showEnd(complete) {
    root.dataset.kind = complete ? "done" : "skipped";
    el.phase.textContent = complete ? word("finished", "Finished") : word("ended", "Ended");
    el.cue.textContent = complete
      ? word("finishedCue", "Nicely done. Relax for a moment.")
      : word("endedCue", "Part of this exercise was skipped.");
    el.count.textContent = complete ? "✓" : "–";
    el.doneTitle.textContent = complete ? word("wellDone", "Well done!") : word("skippedTitle", "Part of it was skipped");
    el.doneIcon.className = complete ? "bi bi-stars" : "bi bi-skip-end-fill";
    el.skippedNote.hidden = complete;
    var said = complete
      ? word("finishedSay", "Exercise finished. Well done.")
      : word("endedSay", "Exercise ended. Part of it was skipped, so it is not ticked as done.");
    el.announce.textContent = said;
    say(said);
  }

  function finish() {
    var focusWasHere = root.contains(document.activeElement) || document.activeElement === document.body;
    stopClock();
    state.finished = true;
    state.running = false;
    showEnd(!state.skipped);
    el.ring.setAttribute("stroke-dashoffset", "0");
    el.progressBar.style.width = "100%";
    el.progress.setAttribute("aria-valuenow", "100");
    el.startLabel.textContent = word("start", "Start");
    el.start.hidden = true;
    el.skip.hidden = true;
    el.done.hidden = false;
    beep("done");
    buzz([100, 80, 100, 80, 200]);
    releaseScreen();
    // Start and Skip are gone: focus goes to the end's heading on purpose, never lost.
    if (focusWasHere && el.doneHeading) {
      el.doneHeading.focus();
    }
    // A skipped hold or repetition was not done: nothing is ticked, and the session log is
    // not pre-filled with it (the patient can still tick it there, in their own words).
    if (!state.skipped) {
      markDoneForToday();
    }
  }

  function goTo(index) {
    if (index >= phases.length) {
      finish();
      return;
    }
    state.index = index;
    state.elapsed = 0;
    showPhase();
  }

  function tick() {
    var now = performance.now();
    state.elapsed += now - state.last;
    state.last = now;
    // Catch up phase by phase if the page slept (a locked phone): never skip the end.
    while (!state.finished && state.elapsed >= phases[state.index].seconds * 1000) {
      var over = state.elapsed - phases[state.index].seconds * 1000;
      goTo(state.index + 1);
      if (state.finished) {
        return;
      }
      state.elapsed = over;
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
    el.startLabel.textContent = running
      ? word("pause", "Pause")
      : state.index < 0
        ? word("start", "Start")
        : word("resume", "Resume");
    el.start.querySelector(".bi").className = running ? "bi bi-pause-fill" : "bi bi-play-fill";
    el.skip.disabled = false;
    el.restart.disabled = false;
    root.dataset.running = running ? "1" : "0";
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
    unlockAudio();
    if (state.running) {
      setRunning(false);
      return;
    }
    if (state.index < 0) {
      goTo(0);
      // On a phone, bring the whole timer into view once; the picture stays above it.
      if (root.getBoundingClientRect().bottom > window.innerHeight) {
        root.scrollIntoView({ block: "end" });
      }
    }
    setRunning(true);
  });

  el.skip.addEventListener("click", function () {
    if (state.finished) {
      return;
    }
    var phase = phases[state.index];
    if (phase && phase.work !== false && state.elapsed < phase.seconds * 1000) {
      state.skipped = true;
    }
    goTo(state.index + 1);
    if (state.running) {
      state.last = performance.now();
    }
  });

  el.restart.addEventListener("click", function () {
    unlockAudio();
    stopClock();
    state.finished = false;
    state.skipped = false;
    state.index = -1;
    state.elapsed = 0;
    el.done.hidden = true;
    if (el.doneNote) {
      el.doneNote.hidden = true;
    }
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
  window.addEventListener("pagehide", function () {
    stopClock();
    releaseScreen();
  });

  // First screen: the whole plan at a glance.
  var firstWork = phases.filter(function (p) {
    return p.rep || p.kind === "work";
  })[0];
  el.rep.textContent = firstWork && firstWork.reps ? of(0, firstWork.reps) : "–";
  el.side.textContent = phases.length && phases[0].side ? phases[0].side : "–";
  el.sideBox.hidden = !phases.some(function (p) {
    return p.side;
  });
  // A walk has no repetitions: no "Rep –" box.
  el.repBox.hidden = !phases.some(function (p) {
    return p.rep;
  });
  el.set.textContent = of(1, phases.length ? phases[0].sets || 1 : 1);
  var only = phases.length === 2 && phases[1].kind === "work";
  el.count.textContent = only ? clock(phases[1].seconds, true) : clock(total, total >= 60);
  var minutes = Math.round(total / 60);
  el.cue.textContent = (
    minutes >= 1 ? word("introMin", "Tap Start. The timer tells you each step (about %(n)s min).") : word("introS", "Tap Start. The timer tells you each step (about %(n)s s).")
  ).replace("%(n)s", minutes >= 1 ? minutes : total);
})();

// Moving pictures can be paused and played again (WCAG 2.2.2). One mechanism for the staff
// library and the patient portal; no inline scripts (CSP).
//
// A button `data-motion-toggle="<id>"` controls the element with that id:
// - an inline <svg> (or an element holding one) with SMIL animations: paused and resumed in place;
// - an <img data-motion-animated="<url>" data-motion-still="<url>">: paused by showing the still
//   (start position) picture, played by showing the moving one again. A <source> for reduced
//   motion in the same <picture> follows the choice.
// Under `prefers-reduced-motion: reduce` every picture starts paused and its button reads "Play".
// The button carries `data-label-pause` / `data-label-play` (translated in the template) and a
// `[data-label]` span for the visible word. Its name says what a press does ("Play"), so it has
// no aria-pressed as well: "Play, pressed" would read as if the picture were playing.
(function () {
  "use strict";

  function reducedMotion() {
    return Boolean(
      window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches
    );
  }

  function controllerFor(target) {
    if (!target) {
      return null;
    }
    var svg = target.tagName && target.tagName.toLowerCase() === "svg" ? target : target.querySelector("svg");
    if (svg && typeof svg.pauseAnimations === "function") {
      return {
        pause: function () { svg.pauseAnimations(); },
        play: function () { svg.unpauseAnimations(); },
      };
    }
    var img = target.tagName === "IMG" ? target : target.querySelector("img[data-motion-animated]");
    if (img && img.dataset.motionAnimated && img.dataset.motionStill) {
      var picture = img.parentElement && img.parentElement.tagName === "PICTURE" ? img.parentElement : null;
      var show = function (url, alt) {
        if (picture) {
          picture.querySelectorAll("source").forEach(function (source) { source.srcset = url; });
        }
        img.src = url;
        if (alt) {
          img.alt = alt;
        }
      };
      return {
        pause: function () { show(img.dataset.motionStill, img.dataset.motionStillAlt); },
        play: function () { show(img.dataset.motionAnimated, img.dataset.motionAnimatedAlt); },
      };
    }
    return null;
  }

  function render(button, paused) {
    button.dataset.motionState = paused ? "paused" : "playing";
    var label = button.querySelector("[data-label]");
    if (label) {
      label.textContent = paused
        ? button.dataset.labelPlay || "Play"
        : button.dataset.labelPause || "Pause";
    }
    var icon = button.querySelector("i");
    if (icon) {
      icon.className = paused ? "bi bi-play-fill" : "bi bi-pause-fill";
    }
  }

  function setUp(root) {
    (root || document).querySelectorAll("[data-motion-toggle]").forEach(function (button) {
      if (button.dataset.motionReady) {
        return;
      }
      var control = controllerFor(document.getElementById(button.dataset.motionToggle));
      if (!control) {
        return;
      }
      button.dataset.motionReady = "1";
      var paused = reducedMotion();
      if (paused) {
        control.pause();
      }
      render(button, paused);
      button.hidden = false;
      button.addEventListener("click", function () {
        paused = !paused;
        if (paused) {
          control.pause();
        } else {
          control.play();
        }
        render(button, paused);
      });
    });
  }

  window.RestoreMotion = { setUp: setUp };

  document.addEventListener("htmx:afterSwap", function (event) {
    setUp(event.detail.target);
  });
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  } else {
    setUp(document);
  }
})();

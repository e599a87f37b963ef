/* SMR Atlas hold timer, built from a technique's dose (hooks/atlas/templates/_timer.html.j2):
 * data-seconds per set, data-sets, data-rest between sets, data-per-side.
 *
 * Get ready → set 1 → rest → set 2 … → (per side: switch sides → the same again) → done.
 * Time is measured against Date.now(), so a slow phone or a tab in the background never drifts.
 * Start/Pause and Reset are ordinary buttons (Tab, then Enter or Space). The optional beep and
 * vibration at the end of a set are off until the reader ticks the box; the end-of-set flash is
 * left out for readers who ask for reduced motion. Without JavaScript the timer stays hidden and
 * the dose above it reads as text. Needs atlas-ui.js.
 */
(() => {
  "use strict";

  const { clamp } = window.AtlasUI;
  const READY = 10; // seconds to get into position, and to switch sides
  const TICK = 200; // ms between screen updates
  const reducedMotion = window.matchMedia ? window.matchMedia("(prefers-reduced-motion: reduce)") : { matches: false };

  function plan(seconds, sets, rest, perSide) {
    const phases = [{ kind: "ready", seconds: READY, label: "Get ready" }];
    const sides = perSide ? [", first side", ", second side"] : [""];
    sides.forEach((side, s) => {
      if (s > 0) phases.push({ kind: "ready", seconds: READY, label: "Switch sides" });
      for (let i = 1; i <= sets; i += 1) {
        phases.push({ kind: "set", seconds, label: `Set ${i} of ${sets}${side}` });
        if (i < sets && rest > 0) phases.push({ kind: "rest", seconds: rest, label: "Rest" });
      }
    });
    return phases;
  }

  function clock(ms) {
    const s = Math.max(0, Math.ceil(ms / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  }

  function Timer(root) {
    const d = root.dataset;
    const phases = plan(Number(d.seconds), Number(d.sets), Number(d.rest), d.perSide === "true");
    const el = {
      phase: root.querySelector("[data-timer-phase]"),
      clock: root.querySelector("[data-timer-clock]"),
      fill: root.querySelector("[data-timer-fill]"),
      toggle: root.querySelector('[data-timer="toggle"]'),
      reset: root.querySelector('[data-timer="reset"]'),
      signal: root.querySelector('[data-timer="signal"]'),
    };
    let index = -1; // -1 before the start; phases.length when done
    let running = false;
    let endsAt = 0; // Date.now() at which the current phase ends, while running
    let left = 0; // ms left in the current phase, while paused
    let interval = null;
    let audio = null;
    let shownLabel = null;

    function remaining() {
      return running ? endsAt - Date.now() : left;
    }

    function beep() {
      if (!audio) return;
      try {
        const osc = audio.createOscillator();
        const gain = audio.createGain();
        osc.frequency.value = 880;
        gain.gain.value = 0.2;
        osc.connect(gain).connect(audio.destination);
        osc.start();
        osc.stop(audio.currentTime + 0.25);
      } catch {
        // no sound on this device; the vibration and the screen still say it
      }
    }

    function setEnded() {
      if (el.signal.checked) {
        beep();
        if (typeof navigator.vibrate === "function") navigator.vibrate([200, 100, 200]);
      }
      if (!reducedMotion.matches) {
        root.classList.remove("atlas-timer--flash");
        void root.offsetWidth; // restart the animation
        root.classList.add("atlas-timer--flash");
      }
    }

    function render() {
      const done = index >= phases.length;
      let label, ms, fraction;
      if (index < 0) {
        label = "Press Start when you are in position.";
        ms = phases[1].seconds * 1000;
        fraction = 0;
      } else if (done) {
        label = "Done: all sets finished.";
        ms = 0;
        fraction = 1;
      } else {
        const phase = phases[index];
        ms = remaining();
        label = phase.label + (running ? "" : " (paused)");
        fraction = 1 - ms / (phase.seconds * 1000);
      }
      // The phase line is a live region: set it only when it changes, or it would be announced every tick.
      if (label !== shownLabel) {
        el.phase.textContent = label;
        shownLabel = label;
      }
      el.clock.textContent = clock(ms);
      el.fill.style.width = `${Math.round(clamp(fraction, 0, 1) * 1000) / 10}%`;
      root.dataset.phase = index < 0 ? "idle" : done ? "done" : phases[index].kind;
      el.toggle.textContent = running ? "Pause" : index < 0 ? "Start" : done ? "Start again" : "Resume";
    }

    function tick() {
      const now = Date.now();
      while (running && now >= endsAt) {
        if (phases[index].kind === "set") setEnded();
        index += 1;
        if (index >= phases.length) {
          stop();
          break;
        }
        endsAt += phases[index].seconds * 1000;
      }
      render();
    }

    function stop() {
      running = false;
      window.clearInterval(interval);
      interval = null;
    }

    function start() {
      if (index < 0 || index >= phases.length) {
        index = 0;
        left = phases[0].seconds * 1000;
      }
      if (el.signal.checked && !audio && (window.AudioContext || window.webkitAudioContext)) {
        // Created on a button press: browsers only allow sound that a person started.
        audio = new (window.AudioContext || window.webkitAudioContext)();
      }
      running = true;
      endsAt = Date.now() + left;
      interval = window.setInterval(tick, TICK);
      render();
    }

    function pause() {
      left = endsAt - Date.now();
      stop();
      render();
    }

    function reset() {
      stop();
      index = -1;
      left = 0;
      root.classList.remove("atlas-timer--flash");
      render();
    }

    el.toggle.addEventListener("click", () => {
      if (running) pause();
      else start();
    });
    el.reset.addEventListener("click", reset);
    root.hidden = false;
    render();
  }

  document.querySelectorAll("[data-atlas-timer]").forEach(Timer);
})();

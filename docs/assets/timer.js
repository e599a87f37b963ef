/* SMR Atlas hold timer (hooks/atlas/templates/_timer.html.j2), for a technique's dose on its page and
 * for each step of a client's routine sheet (sheet.js loads a step into it with AtlasTimer.load).
 *
 * Get ready → set 1 → rest → set 2 … → (per side: switch sides → the same again) → done.
 * Time is measured against Date.now(), so a slow phone or a tab in the background never drifts.
 * While it runs it stays in view (docked at the bottom of the screen, print.css and atlas.css), keeps
 * the screen awake where the browser allows (Screen Wake Lock: released on pause, at the end, and when
 * the page is hidden) and, if the reader asks, says each phase out loud. Start/Pause and Reset are
 * ordinary buttons; the options are checkboxes. The end-of-set flash is left out for readers who ask
 * for reduced motion. Without JavaScript the timer stays hidden and the dose reads as text.
 * Needs atlas-ui.js.
 */
(() => {
  "use strict";

  const { clamp, t } = window.AtlasUI;
  const READY = 10; // seconds to get into position, and to switch sides
  const TICK = 200; // ms between screen updates
  const reducedMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)") ?? { matches: false };

  function plan(seconds, sets, rest, perSide) {
    const phases = [{ kind: "ready", seconds: READY, label: t("Get ready") }];
    // The name of set n on each side (one side unless the dose is per side).
    const sides = perSide
      ? [
          (n) => t("Set {n} of {total}, first side", { n, total: sets }),
          (n) => t("Set {n} of {total}, second side", { n, total: sets }),
        ]
      : [(n) => t("Set {n} of {total}", { n, total: sets })];
    sides.forEach((setLabel, s) => {
      if (s > 0) phases.push({ kind: "ready", seconds: READY, label: t("Switch sides") });
      for (let i = 1; i <= sets; i += 1) {
        phases.push({ kind: "set", seconds, label: setLabel(i) });
        if (i < sets && rest > 0) phases.push({ kind: "rest", seconds: rest, label: t("Rest") });
      }
    });
    return phases;
  }

  function clock(ms) {
    const s = Math.max(0, Math.ceil(ms / 1000));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
  }

  /* The screen stays on while the timer runs: a phone at the gym must not lock mid-set. */
  function wakeLock() {
    let lock = null;
    let wanted = false;
    async function take() {
      if (!wanted || lock || !navigator.wakeLock || document.visibilityState !== "visible") return;
      try {
        lock = await navigator.wakeLock.request("screen");
        lock.addEventListener?.("release", () => {
          lock = null;
        });
      } catch {
        lock = null; // refused (battery saver, no permission): the timer still works
      }
    }
    function give() {
      lock?.release();
      lock = null;
    }
    document.addEventListener("visibilitychange", () => (document.visibilityState === "visible" ? take() : give()));
    return {
      hold() {
        wanted = true;
        take();
      },
      free() {
        wanted = false;
        give();
      },
    };
  }

  function Timer(root) {
    const el = {
      title: root.querySelector("[data-timer-title]"),
      phase: root.querySelector("[data-timer-phase]"),
      clock: root.querySelector("[data-timer-clock]"),
      fill: root.querySelector("[data-timer-fill]"),
      toggle: root.querySelector('[data-timer="toggle"]'),
      reset: root.querySelector('[data-timer="reset"]'),
      signal: root.querySelector('[data-timer="signal"]'),
      speak: root.querySelector('[data-timer="speak"]'),
    };
    const screen = wakeLock();
    let phases = [];
    let index = -1; // -1 before the start; phases.length when done
    let running = false;
    let endsAt = 0; // Date.now() at which the current phase ends, while running
    let left = 0; // ms left in the current phase, while paused
    let interval = null;
    let audio = null;
    let shownLabel = null;

    function load(dose) {
      stop();
      phases = plan(Number(dose.seconds), Number(dose.sets), Number(dose.rest), dose.perSide === true);
      index = -1;
      left = 0;
      render();
    }

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

    function say(text) {
      if (!el.speak?.checked || !window.speechSynthesis) return;
      window.speechSynthesis.cancel();
      const words = new SpeechSynthesisUtterance(text);
      words.lang = document.documentElement.lang || "en";
      window.speechSynthesis.speak(words);
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
      let label;
      let ms;
      let fraction;
      if (index < 0) {
        label = t("Press Start when you are in position.");
        ms = phases[1].seconds * 1000;
        fraction = 0;
      } else if (done) {
        label = t("Done: all sets finished.");
        ms = 0;
        fraction = 1;
      } else {
        const phase = phases[index];
        ms = remaining();
        label = running ? phase.label : t("{phase} (paused)", { phase: phase.label });
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
      root.toggleAttribute("data-running", running);
      el.toggle.textContent = running ? t("Pause") : index < 0 ? t("Start") : done ? t("Start again") : t("Resume");
    }

    function tick() {
      const now = Date.now();
      while (running && now >= endsAt) {
        if (phases[index].kind === "set") setEnded();
        index += 1;
        if (index >= phases.length) {
          stop();
          say(t("Done"));
          break;
        }
        endsAt += phases[index].seconds * 1000;
        say(phases[index].label);
      }
      render();
    }

    function stop() {
      running = false;
      window.clearInterval(interval);
      interval = null;
      screen.free();
    }

    function start() {
      if (index < 0 || index >= phases.length) {
        index = 0;
        left = phases[0].seconds * 1000;
        say(phases[0].label);
      }
      if (el.signal.checked && !audio && (window.AudioContext || window.webkitAudioContext)) {
        // Created on a button press: browsers only allow sound that a person started.
        audio = new (window.AudioContext || window.webkitAudioContext)();
      }
      running = true;
      endsAt = Date.now() + left;
      interval = window.setInterval(tick, TICK);
      screen.hold();
      render();
    }

    function pause() {
      left = endsAt - Date.now();
      stop();
      window.speechSynthesis?.cancel();
      render();
    }

    function reset() {
      stop();
      window.speechSynthesis?.cancel();
      index = -1;
      left = 0;
      root.classList.remove("atlas-timer--flash");
      render();
    }

    el.toggle.addEventListener("click", () => (running ? pause() : start()));
    el.reset.addEventListener("click", reset);
    return {
      load,
      start,
      setTitle(text) {
        if (el.title) el.title.textContent = text;
      },
    };
  }

  const timers = new Map();
  for (const root of document.querySelectorAll("[data-atlas-timer]")) {
    const timer = Timer(root);
    timers.set(root, timer);
    if (root.dataset.seconds) {
      timer.load({ ...root.dataset, perSide: root.dataset.perSide === "true" });
      root.hidden = false;
    }
  }

  /* For the routine sheet: load a step's dose into the page's timer and start it. */
  window.AtlasTimer = {
    load(root, dose, title) {
      const timer = timers.get(root);
      timer.setTitle(title);
      timer.load(dose);
      root.hidden = false;
      return timer;
    },
  };
})();

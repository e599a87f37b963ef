/* SMR Atlas routine sheet (/routines/sheet/#…): the client's view of a routine a trainer built, made to
 * stand alone on a phone at the gym. It reads the routine from the link's fragment (routine-link.js)
 * and shows each step with its picture, how to set up, its dose, the spots to stay off and when to
 * stop, plus a button that loads the step into the hold timer (timer.js). It prints on one page with
 * the link as text and as a QR code (qr.js). A broken link shows a notice and whatever could be read;
 * text from the link or the catalogue is only ever shown with textContent.
 *
 * Opened with no routine in its link (from the home-screen icon), it shows the last routine opened on this
 * device, kept in localStorage. In the published build a service worker (hooks/atlas/installable.py)
 * keeps the sheet for offline use; the sheet then also keeps the technique pages it names.
 * Needs atlas-ui.js, routine-link.js, share.js, qr.js (with qrcode-generator) and timer.js.
 */
(() => {
  "use strict";

  const root = document.querySelector("[data-atlas-sheet]");
  if (!root || !window.AtlasRoutine) return;
  const R = window.AtlasRoutine;
  const { make, removeNoScriptNotices, replaceAddress, t } = window.AtlasUI;
  const cat = R.readCatalogue();
  const heading = document.querySelector(".md-content h1");
  const headingText =
    heading && Array.from(heading.childNodes).find((n) => n.nodeType === Node.TEXT_NODE && n.nodeValue.trim());
  const defaultTitle = headingText ? headingText.nodeValue : t("Your routine");
  const siteName = document.title.split(" - ").slice(1).join(" - ") || "SMR Atlas";
  const stepTemplate = document.getElementById("atlas-step-template");
  const timerRoot = document.querySelector("[data-atlas-timer]");
  const LAST = "atlas.sheet.last";

  /* localStorage can refuse (private windows, full storage): then nothing is remembered. */
  function lastRoutine() {
    try {
      return localStorage.getItem(LAST) || "";
    } catch {
      return "";
    }
  }
  function remember(fragment) {
    try {
      localStorage.setItem(LAST, fragment);
    } catch {
      // Not remembered; the link still works.
    }
  }

  /* Keep the technique pages of this routine in the service worker's page cache, so each opens offline
     at the gym. Only where a service worker runs (never on file://), and never fetched twice. */
  function keepForOffline(urls) {
    const name = root.dataset.pagesCache;
    if (!name || !window.caches || !navigator.serviceWorker) return;
    navigator.serviceWorker.ready
      .then(() => caches.open(name))
      .then((cache) =>
        Promise.all(urls.map((url) => cache.match(url).then((kept) => kept || cache.add(url)))).catch(() => {}),
      )
      .catch(() => {});
  }

  function part(name) {
    return root.querySelector(`[data-sheet="${name}"]`);
  }

  /* One step of the routine, from the <template> in the page (hooks/atlas/templates/_sheet.html.j2). */
  function stepItem(step, tech, number, shared) {
    const item = stepTemplate.content.firstElementChild.cloneNode(true);
    const slot = (name) => item.querySelector(`[data-step="${name}"]`);
    const figure = slot("figure");
    figure.src = tech.figure;
    figure.alt = tech.alt;
    const link = slot("link");
    link.href = tech.url;
    link.textContent = tech.title;
    slot("dose").textContent = t("{dose} (about {time})", {
      dose: R.doseText(step, tech),
      time: R.duration(R.stepSeconds(step, tech)),
    });
    slot("setup").textContent = tech.setup;
    slot("stay-off").textContent = tech.stayOff.join("; ");
    const own = tech.stopIf.filter((text) => !shared.has(text));
    slot("stop").textContent = own.join(" ");
    slot("stop-line").hidden = !own.length;
    slot("stop-label").textContent = shared.size ? t("Also stop if:") : t("Stop if:");
    const start = slot("start");
    start.textContent = t("Start the timer for step {n}", { n: number });
    start.addEventListener("click", () => {
      const dose = { seconds: step.seconds, sets: step.sets, rest: tech.rest, perSide: tech.perSide };
      window.AtlasTimer.load(timerRoot, dose, t("Step {n}: {title}", { n: number, title: tech.title })).start();
      timerRoot.scrollIntoView({ block: "nearest" });
    });
    return item;
  }

  /* "Before you start", once for the whole routine: every caution of every step, each once, in a few words
     (★: one of the expert panel's points), and the reasons to stop that all steps share; a step lists
     only its own further reasons. */
  function showSafety(techniques) {
    const ids = [...new Set(techniques.flatMap((tech) => tech.cautions))];
    const shared = new Set(
      techniques[0]?.stopIf.filter((text) => techniques.every((tech) => tech.stopIf.includes(text))),
    );
    const fill = (name, items) => {
      part(name).replaceChildren(...items.map((text) => make("li", {}, text)));
      part(`${name}-line`).hidden = !items.length;
    };
    for (const level of ["do-not", "ask-first"]) {
      const cautions = ids.map((id) => cat.cautions[id]).filter((c) => c.level === level);
      fill(
        level,
        cautions.map((c) => (c.panel ? `${c.short} ★` : c.short)),
      );
    }
    fill("stop", [...shared]);
    part("safety").hidden = !techniques.length;
    return shared;
  }

  /* How the sheet prints (docs/assets/print.css), from how much text it shows: "full", with each step's
     picture and set-up, or "words", without the set-up (the small pictures show the positions), in
     three columns of smaller type. The limit is characters of text, measured by printing mixed routines
     on A4 and Letter: a full sheet up to it fits one page, and so does a words sheet up to about twice
     as much; a longer routine runs on, its link and QR code on page one (tests/test_pocket.py). */
  const FULL_PRINT_LIMIT = 4200;
  const STEP_LINES = 60; // a step's title, dose and labels take lines beyond their characters
  function printSize() {
    const text = (selector) => Array.from(root.querySelectorAll(selector), (e) => e.textContent.length);
    const sum = (values) => values.reduce((a, b) => a + b, 0);
    const setups = sum(text("[data-step='setup']"));
    const fixed = sum(text("[data-sheet='safety'], [data-sheet='note'], [data-step='link'], [data-step='dose']"));
    const safety = sum(text("[data-step='stay-off'], [data-step='stop-line']:not([hidden])"));
    const words = fixed + safety + STEP_LINES * root.querySelectorAll(".atlas-step").length;
    return words + setups <= FULL_PRINT_LIMIT ? "full" : "words";
  }

  function render() {
    const last = lastRoutine();
    if (location.hash.length <= 1 && last) replaceAddress(last);
    const routine = R.decode(location.hash, cat);
    const notices = routine.notices.slice();
    if (!routine.steps.length) {
      notices.push(
        location.hash.length > 1
          ? t(
              "No steps could be read from this link. Ask your trainer to send it again, or build a routine in the routine builder.",
            )
          : t("There is no routine here yet. The link your trainer sends opens your routine on this page."),
      );
    }
    R.showNotices(root.querySelector("[data-routine-notices]"), notices);

    const title = routine.title || defaultTitle;
    if (headingText) headingText.nodeValue = title;
    document.title = `${title} - ${siteName}`;

    const note = part("note");
    note.textContent = routine.note;
    note.hidden = !routine.note;

    const shared = showSafety(routine.steps.map((step) => cat.byId.get(step.id)));
    const list = part("steps");
    list.textContent = "";
    routine.steps.forEach((step, i) => {
      list.append(stepItem(step, cat.byId.get(step.id), i + 1, shared));
    });
    const count = routine.steps.length;
    part("total").textContent = R.duration(R.totalSeconds(routine.steps, cat));
    part("count").textContent = count === 1 ? t("{n} step", { n: count }) : t("{n} steps", { n: count });
    part("total-line").hidden = !count;
    root.dataset.print = printSize();

    // Copy, share, print and edit the routine as it was read (anything left out is left out of these too).
    const fragment = count ? `#${R.encode(routine)}` : "";
    const url = count ? root.dataset.canonical + fragment : "";
    root.querySelector("[data-atlas-share]").dataset.url = url;
    part("url").textContent = url;
    window.AtlasQR.draw(part("qr"), url, t("QR code for the link to this routine: {title}", { title }));
    part("edit").href = root.dataset.builder + fragment;
    for (const b of root.querySelectorAll('[data-share="copy"], [data-share="native"], [data-sheet="print"]')) {
      b.disabled = !count;
    }
    root.hidden = false;
    if (count) {
      remember(fragment.slice(1));
      keepForOffline([...new Set(routine.steps.map((step) => new URL(cat.byId.get(step.id).url, location.href).href))]);
    }
    document.dispatchEvent(new CustomEvent("atlas:routine", { detail: { routine, fragment: fragment.slice(1) } }));
    performance.mark("atlas-sheet-rendered"); // tests/test_trainers.py times the first render by it
  }

  removeNoScriptNotices();
  part("print").addEventListener("click", () => window.print());
  window.addEventListener("hashchange", render);
  render();
})();

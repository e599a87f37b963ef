/* SMR Atlas routine sheet (/routines/sheet/#…): the client's view of a routine a trainer built.
 * It reads the routine from the link's fragment (routine-link.js), shows each step with its dose
 * and the total time, and prints on one page. A broken link shows a notice and whatever could be
 * read; text from the link is only ever shown with textContent. Needs atlas-ui.js, routine-link.js
 * and share.js.
 */
(() => {
  "use strict";

  const root = document.querySelector("[data-atlas-sheet]");
  if (!root || !window.AtlasRoutine) return;
  const R = window.AtlasRoutine;
  const { make, plural, removeNoScriptNotices } = window.AtlasUI;
  const cat = R.readCatalogue();
  const heading = document.querySelector(".md-content h1");
  const headingText =
    heading && Array.from(heading.childNodes).find((n) => n.nodeType === Node.TEXT_NODE && n.nodeValue.trim());
  const defaultTitle = headingText ? headingText.nodeValue : "Your routine";
  const siteName = document.title.split(" - ").slice(1).join(" - ") || "SMR Atlas";

  function part(name) {
    return root.querySelector(`[data-sheet="${name}"]`);
  }

  function render() {
    const routine = R.decode(location.hash, cat);
    const notices = routine.notices.slice();
    if (!routine.steps.length) {
      notices.push(
        location.hash.length > 1
          ? "No steps could be read from this link. Ask your trainer to send it again, " +
              "or build a routine in the routine builder."
          : "There is no routine here yet. The link your trainer sends opens your routine on this page.",
      );
    }
    R.showNotices(root.querySelector("[data-routine-notices]"), notices);

    const title = routine.title || defaultTitle;
    if (headingText) headingText.nodeValue = title;
    document.title = `${title} - ${siteName}`;

    const note = part("note");
    note.textContent = routine.note;
    note.hidden = !routine.note;

    const list = part("steps");
    list.textContent = "";
    for (const step of routine.steps) {
      const t = cat.byId.get(step.id);
      const strong = make("strong");
      strong.append(make("a", { href: t.url }, t.title));
      const item = make("li");
      item.append(strong, ` — ${R.doseText(step, t)} (about ${R.duration(R.stepSeconds(step, t))})`);
      list.append(item);
    }
    const count = routine.steps.length;
    part("total").textContent = R.duration(R.totalSeconds(routine.steps, cat));
    part("count").textContent = plural(count, "step", "steps");
    part("total-line").hidden = !count;
    root.dataset.size = count > 15 || routine.note.length > 300 ? "long" : "short"; // print size

    // Copy, share and edit the routine as it was read (anything left out is left out of these too).
    const fragment = count ? `#${R.encode(routine)}` : "";
    root.querySelector("[data-atlas-share]").dataset.url = count ? root.dataset.canonical + fragment : "";
    part("edit").href = root.dataset.builder + fragment;
    for (const b of root.querySelectorAll('[data-share="copy"], [data-share="native"], [data-sheet="print"]')) {
      b.disabled = !count;
    }
    root.hidden = false;
    performance.mark("atlas-sheet-rendered"); // tests/test_trainers.py times the first render by it
  }

  removeNoScriptNotices();
  part("print").addEventListener("click", () => window.print());
  window.addEventListener("hashchange", render);
  render();
})();

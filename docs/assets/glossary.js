/* SMR Atlas glossary help (hooks/atlas/glossary.py marks the first use of each term on a page).
 * Without this script the short definition shows while the word is pointed at or focused. This adds
 * what a phone and the keyboard need: a tap opens it (and closes any other), a tap elsewhere or
 * Escape closes it, and an opened definition is kept inside the screen's width.
 */
(() => {
  "use strict";

  function close(except = null) {
    for (const term of document.querySelectorAll(".atlas-term[data-open]")) {
      if (term !== except) term.removeAttribute("data-open");
    }
  }

  /* Shift the definition left when it would run past the right edge of a narrow screen. */
  function fit(term) {
    const tip = term.querySelector(".atlas-term__tip");
    tip.style.left = "";
    const overflow = tip.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) tip.style.left = `${-overflow}px`;
  }

  document.addEventListener("click", (event) => {
    const word = event.target.closest?.(".atlas-term__word");
    if (!word) {
      close();
      return;
    }
    const term = word.parentElement;
    const open = !term.hasAttribute("data-open");
    close(term);
    term.toggleAttribute("data-open", open);
    term.removeAttribute("data-dismissed");
    if (open) fit(term);
  });

  document.addEventListener("focusin", (event) => {
    const term = event.target.closest?.(".atlas-term");
    if (term) fit(term);
  });

  document.addEventListener("focusout", (event) => {
    event.target.closest?.(".atlas-term")?.removeAttribute("data-dismissed");
  });

  document.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const focused = document.activeElement?.closest?.(".atlas-term");
    if (focused) focused.setAttribute("data-dismissed", ""); // shown by focus: hide until the next focus
    close();
  });
})();

// The light and dark switch in the header, in place of Material's palette component, which
// hooks/theme/partials/palette.html leaves out. On every page load Material's component marked the whole page
// as switching colours and told the browser twice that the page's colour scheme had changed; each time
// Chromium styled every element again. On the claims page, at Lighthouse's phone slowdown, that was about a
// third of a second of the main thread (measured with a trace; issue 17).
// This runs in the header, after the switch's inputs and before the page below is drawn, so the reader's
// scheme is there at first paint with nothing to restyle. Without script the switch stays hidden (its labels
// carry `hidden`) and the page keeps the first palette of mkdocs.yml.
(() => {
  "use strict";
  const inputs = [...document.querySelectorAll("input.md-option[name='__palette']")];
  if (inputs.length === 0) return;
  const KEYS = ["media", "scheme", "primary", "accent"];

  // The reader's own choice, kept where Material kept it (so a choice made before this script still counts);
  // without one, the palette whose media query the device matches.
  function first() {
    const stored = __md_get("__palette")?.index;
    if (Number.isInteger(stored) && stored >= 0 && stored < inputs.length) return stored;
    return Math.max(
      0,
      inputs.findIndex((input) => matchMedia(input.getAttribute("data-md-color-media")).matches),
    );
  }

  const colorOf = (input) => Object.fromEntries(KEYS.map((key) => [key, input.getAttribute(`data-md-color-${key}`)]));

  // Each input's label is the button that switches to the next palette: only the current one shows.
  function show(index) {
    const input = inputs[index];
    input.checked = true;
    for (const [key, value] of Object.entries(colorOf(input)))
      document.body.setAttribute(`data-md-color-${key}`, value);
    inputs.forEach((other, i) => {
      const label = other.nextElementSibling;
      if (label instanceof HTMLLabelElement) label.hidden = i !== index;
    });
  }

  // A change the reader asks for happens at once, as with Material's component: while the new colours are
  // worked out, Material's rule for [data-md-color-switching] lets nothing ease from the old ones.
  function choose(index) {
    document.body.setAttribute("data-md-color-switching", "");
    show(index);
    getComputedStyle(document.body).getPropertyValue("color"); // the new colours, worked out now
    document.body.removeAttribute("data-md-color-switching");
    __md_set("__palette", { index, color: colorOf(inputs[index]) });
  }

  show(first());
  const form = inputs[0].form;
  form.addEventListener("change", (event) => {
    const index = inputs.indexOf(event.target);
    if (index >= 0) choose(index);
  });
  // Enter on the focused switch moves on to the next palette, as it did with Material's component; Space and
  // the arrow keys do so without script (they are radio buttons).
  form.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    const next = inputs[(inputs.findIndex((input) => input.checked) + 1) % inputs.length];
    next.click();
    next.focus();
  });
})();

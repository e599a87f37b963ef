/* SMR Atlas routine builder (/routines/builder/): pick techniques, order them, set doses and a note,
 * and get one link for the client. Everything happens in this page: the routine is kept in the
 * page's own URL fragment as it changes (so a reload or a bookmark keeps it) and in the link for
 * the client's sheet; nothing is stored or sent anywhere. Needs atlas-ui.js, routine-link.js, share.js and
 * qr.js (with qrcode-generator).
 */
(() => {
  "use strict";

  const root = document.querySelector("[data-atlas-builder]");
  if (!root || !window.AtlasRoutine) return;
  const R = window.AtlasRoutine;
  const { make, announce, clamp, removeNoScriptNotices, replaceAddress, t } = window.AtlasUI;
  const cat = R.readCatalogue();
  const limits = cat.limits;

  function part(name) {
    return root.querySelector(`[data-builder="${name}"]`);
  }
  const el = {
    search: part("search"),
    region: part("region"),
    equipment: part("equipment"),
    count: part("count"),
    results: part("results"),
    title: part("title"),
    empty: part("empty"),
    steps: part("steps"),
    limit: part("limit"),
    note: part("note"),
    noteCount: part("note-count"),
    total: part("total"),
    link: part("link"),
    open: part("open"),
    language: part("language"),
    qr: part("qr"),
    qrBox: part("qr-box"),
    announce: part("announce"),
    notices: root.querySelector("[data-routine-notices]"),
    share: root.querySelector("[data-atlas-share]"),
  };
  let state = { title: "", note: "", steps: [] };

  /* ---- Picking techniques ------------------------------------------------------------------ */

  function fillSelect(select, names, used) {
    for (const id of Object.keys(names)) {
      if (used.has(id)) select.append(make("option", { value: id }, names[id]));
    }
  }
  fillSelect(el.region, cat.regions, new Set(cat.techniques.flatMap((tech) => tech.regions)));
  fillSelect(el.equipment, cat.equipment, new Set(cat.techniques.flatMap((tech) => tech.equipment)));

  function haystack(tech) {
    return [
      tech.title,
      tech.id,
      ...tech.regions.map((r) => cat.regions[r] || r),
      ...tech.equipment.map((e) => cat.equipment[e] || e),
    ]
      .join(" ")
      .toLowerCase();
  }

  function renderResults() {
    const words = el.search.value.toLowerCase().split(/\s+/).filter(Boolean);
    const region = el.region.value;
    const equipment = el.equipment.value;
    const full = state.steps.length >= limits.steps;
    const shown = cat.techniques.filter((tech) => {
      const hay = haystack(tech);
      return (
        words.every((w) => hay.includes(w)) &&
        (!region || tech.regions.includes(region)) &&
        (!equipment || tech.equipment.includes(equipment))
      );
    });
    el.results.textContent = "";
    for (const tech of shown) {
      const add = make(
        "button",
        {
          type: "button",
          class: "md-button atlas-builder__add",
          "data-add": tech.id,
          "aria-label": t("Add {title}", { title: tech.title }),
        },
        t("Add"),
      );
      add.disabled = full;
      const item = make("li", { class: "atlas-builder__result", "data-result": tech.id });
      item.append(
        make("span", { class: "atlas-builder__result-title" }, tech.title),
        make("span", { class: "atlas-builder__result-dose" }, R.doseText(tech, tech)),
        add,
        make("span", { class: "atlas-builder__added", "data-added": "" }),
      );
      el.results.append(item);
    }
    markAdded();
    el.count.textContent = shown.length
      ? shown.length === 1
        ? t("{n} technique", { n: shown.length })
        : t("{n} techniques", { n: shown.length })
      : t("No technique matches. Clear the search or choose another region or piece of equipment.");
  }

  /* Next to each "Add" button, where that technique is in the routine now ("✓ Step 2"), so a tap on a
     phone shows its result without scrolling down to the steps. */
  function markAdded() {
    const where = new Map();
    state.steps.forEach((step, i) => {
      where.set(step.id, [...(where.get(step.id) || []), i + 1]);
    });
    for (const item of el.results.children) {
      const numbers = where.get(item.getAttribute("data-result")) || [];
      const words =
        numbers.length === 1 ? t("Step {n}", { n: numbers[0] }) : t("Steps {list}", { list: numbers.join(", ") });
      item.querySelector("[data-added]").textContent = numbers.length ? `✓ ${words}` : "";
    }
  }

  /* ---- The routine: steps, doses, note -------------------------------------------------------- */

  function stepItem(step, i) {
    const tech = cat.byId.get(step.id);
    const name = t("step {n}, {title}", { n: i + 1, title: tech.title });
    const head = make("p", { class: "atlas-builder__step-head" });
    head.append(
      make("a", { href: tech.url }, tech.title),
      make(
        "span",
        { class: "atlas-builder__step-time", "data-step-time": "" },
        t("about {time}", { time: R.duration(R.stepSeconds(step, tech)) }),
      ),
    );

    const dose = make("p", { class: "atlas-builder__dose" });
    const fields = [
      ["seconds", t("Seconds per set"), t("Seconds per set, {step}", { step: name }), limits.seconds, 5],
      ["sets", t("Sets"), t("Sets, {step}", { step: name }), limits.sets, 1],
    ];
    for (const [field, text, ariaLabel, [min, max], stepBy] of fields) {
      const label = make("label", {}, `${text} `);
      label.append(
        make("input", {
          type: "number",
          inputmode: "numeric",
          min: String(min),
          max: String(max),
          step: String(stepBy),
          value: String(step[field]),
          "data-field": field,
          "aria-label": ariaLabel,
        }),
      );
      dose.append(label);
    }
    if (tech.perSide) dose.append(make("span", { class: "atlas-builder__hint" }, t("on each side")));
    if (tech.rest) {
      const rest = t("{time} rest between sets", { time: R.duration(tech.rest) });
      dose.append(make("span", { class: "atlas-builder__hint" }, rest));
    }

    const button = (attrs, text) => make("button", { type: "button", class: "md-button", ...attrs }, text);
    const up = button({ "data-move": "-1", "aria-label": t("Move up: {step}", { step: name }) }, t("↑ Up"));
    const down = button({ "data-move": "1", "aria-label": t("Move down: {step}", { step: name }) }, t("↓ Down"));
    up.disabled = i === 0;
    down.disabled = i === state.steps.length - 1;
    const actions = make("p", { class: "atlas-builder__step-actions" });
    actions.append(
      up,
      down,
      button({ "data-remove": "", "aria-label": t("Remove {step}", { step: name }) }, t("Remove")),
    );

    const item = make("li", { class: "atlas-builder__step", "data-index": String(i) });
    item.append(head, dose, actions);
    return item;
  }

  function renderSteps(focus) {
    el.steps.textContent = "";
    state.steps.forEach((step, i) => {
      el.steps.append(stepItem(step, i));
    });
    el.empty.hidden = state.steps.length > 0;
    if (focus) {
      // Keep the keyboard where it was: on the same button of the moved step, or its neighbour.
      const item = el.steps.children[focus.index];
      const target =
        item &&
        (item.querySelector(`${focus.selector}:not(:disabled)`) ||
          item.querySelector("[data-move]:not(:disabled)") ||
          item.querySelector("[data-remove]"));
      (target || el.search).focus();
    }
  }

  /* ---- The link ------------------------------------------------------------------------------ */

  function update() {
    const has = state.steps.length > 0;
    const fragment = R.encode(state);
    const sheet = el.language.selectedOptions[0].dataset; // the client's language, not the page's
    const link = `${sheet.canonical}#${fragment}`;
    if (has || state.title || state.note) replaceAddress(fragment);
    else if (location.hash || location.search) replaceAddress("");
    el.link.value = has ? link : "";
    el.link.placeholder = has ? "" : t("Add a technique to get a link");
    el.share.dataset.url = has ? link : "";
    el.open.href = sheet.sheet + (has ? `#${fragment}` : "");
    if (has) el.open.removeAttribute("aria-disabled");
    else el.open.setAttribute("aria-disabled", "true");
    for (const b of root.querySelectorAll('[data-builder="needs-steps"]')) b.disabled = !has;
    el.total.textContent = R.duration(R.totalSeconds(state.steps, cat));
    el.noteCount.textContent = t("{count} of {max} characters", {
      count: Array.from(el.note.value).length,
      max: limits.note,
    });
    el.limit.hidden = state.steps.length < limits.steps;
    window.AtlasQR.draw(el.qr, has ? link : "", t("QR code that opens the routine on your client’s phone"));
    el.qrBox.hidden = !has;
    markAdded();
  }

  function load(hash) {
    const routine = R.decode(hash, cat);
    state = { title: routine.title, note: routine.note, steps: routine.steps };
    el.title.value = state.title;
    el.note.value = state.note;
    R.showNotices(el.notices, routine.notices);
    renderSteps();
    renderResults();
    update();
  }

  /* ---- Events -------------------------------------------------------------------------------- */

  for (const input of [el.search, el.region, el.equipment]) input.addEventListener("input", renderResults);

  el.results.addEventListener("click", (event) => {
    const button = event.target.closest("[data-add]");
    if (!button || state.steps.length >= limits.steps) return;
    const tech = cat.byId.get(button.getAttribute("data-add"));
    state.steps.push({ id: tech.id, seconds: tech.seconds, sets: tech.sets });
    renderSteps();
    update();
    if (state.steps.length >= limits.steps) renderResults();
    const added = { title: tech.title, n: state.steps.length };
    announce(
      el.announce,
      added.n === 1
        ? t("Added {title}. The routine has {n} step.", added)
        : t("Added {title}. The routine has {n} steps.", added),
    );
  });

  el.steps.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const i = Number(button.closest("li").getAttribute("data-index"));
    const title = cat.byId.get(state.steps[i].id).title;
    if (button.hasAttribute("data-move")) {
      const j = i + Number(button.getAttribute("data-move"));
      if (j < 0 || j >= state.steps.length) return;
      const [moved] = state.steps.splice(i, 1);
      state.steps.splice(j, 0, moved);
      renderSteps({ index: j, selector: `[data-move="${button.getAttribute("data-move")}"]` });
      announce(el.announce, t("Moved {title} to step {n} of {total}.", { title, n: j + 1, total: state.steps.length }));
    } else if (button.hasAttribute("data-remove")) {
      state.steps.splice(i, 1);
      renderSteps({ index: Math.min(i, state.steps.length - 1), selector: "[data-remove]" });
      renderResults();
      announce(el.announce, t("Removed {title}.", { title }));
    }
    update();
  });

  function readDose(input, final) {
    const item = input.closest("li");
    const step = state.steps[Number(item.getAttribute("data-index"))];
    const field = input.getAttribute("data-field");
    const [min, max] = limits[field];
    let value = Number(input.value);
    if (input.value === "" || !Number.isInteger(value) || value < min || value > max) {
      if (!final) return; // mid-typing; settle it when the field is left
      value = Number.isFinite(value) && input.value !== "" ? clamp(Math.round(value), min, max) : step[field];
      input.value = String(value);
    }
    step[field] = value;
    const time = R.duration(R.stepSeconds(step, cat.byId.get(step.id)));
    item.querySelector("[data-step-time]").textContent = t("about {time}", { time });
    update();
  }
  el.steps.addEventListener("input", (event) => {
    if (event.target.matches("[data-field]")) readDose(event.target, false);
  });
  el.steps.addEventListener("change", (event) => {
    if (event.target.matches("[data-field]")) readDose(event.target, true);
  });

  el.title.addEventListener("input", () => {
    state.title = el.title.value.trim().slice(0, limits.title);
    update();
  });
  el.note.addEventListener("input", () => {
    state.note = el.note.value.trim();
    update();
  });
  el.language.addEventListener("change", update);
  el.link.addEventListener("focus", () => el.link.select());
  el.open.addEventListener("click", (event) => {
    if (!state.steps.length) event.preventDefault();
  });
  window.addEventListener("hashchange", () => {
    if (location.hash.replace(/^#/, "") !== R.encode(state)) load(location.hash);
  });

  root.hidden = false;
  removeNoScriptNotices();
  // A ready-made routine's "Adapt" link carries its public steps in the query (?v=1&s=…), which a link
  // checker and any server can see; update() moves them into the fragment at once, so nothing the
  // trainer adds (a note, a client's name) is ever part of a request.
  load(location.hash || location.search.slice(1));
})();

/* SMR Atlas routine builder (/routines/builder/): pick techniques, order them, set doses and a note,
 * and get one link for the client. Everything happens in this page: the routine is kept in the
 * page's own URL fragment as it changes (so a reload or a bookmark keeps it) and in the link for
 * the client's sheet; nothing is stored or sent anywhere. Needs routine-link.js and share.js.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-atlas-builder]");
  if (!root || !window.AtlasRoutine) return;
  var R = window.AtlasRoutine;
  var cat = R.readCatalogue();
  var limits = cat.limits;

  function part(name) {
    return root.querySelector('[data-builder="' + name + '"]');
  }
  var el = {
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
    announce: part("announce"),
    notices: root.querySelector("[data-routine-notices]"),
    share: root.querySelector("[data-atlas-share]"),
  };
  var state = { title: "", note: "", steps: [] };

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      node.setAttribute(k, attrs[k]);
    });
    if (text != null) node.textContent = text;
    return node;
  }

  function announce(text) {
    el.announce.textContent = "";
    window.setTimeout(function () {
      el.announce.textContent = text;
    }, 50);
  }

  /* ---- Picking techniques ------------------------------------------------------------------ */

  function fillSelect(select, names, used) {
    Object.keys(names)
      .filter(function (id) {
        return used.has(id);
      })
      .forEach(function (id) {
        select.appendChild(make("option", { value: id }, names[id]));
      });
  }
  fillSelect(
    el.region,
    cat.regions,
    new Set(
      cat.techniques.flatMap(function (t) {
        return t.regions;
      }),
    ),
  );
  fillSelect(
    el.equipment,
    cat.equipment,
    new Set(
      cat.techniques.flatMap(function (t) {
        return t.equipment;
      }),
    ),
  );

  function haystack(t) {
    return [t.title, t.id]
      .concat(
        t.regions.map(function (r) {
          return cat.regions[r] || r;
        }),
        t.equipment.map(function (e) {
          return cat.equipment[e] || e;
        }),
      )
      .join(" ")
      .toLowerCase();
  }

  function renderResults() {
    var words = el.search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var region = el.region.value,
      equipment = el.equipment.value;
    var full = state.steps.length >= limits.steps;
    var shown = cat.techniques.filter(function (t) {
      var hay = haystack(t);
      return (
        words.every(function (w) {
          return hay.indexOf(w) >= 0;
        }) &&
        (!region || t.regions.indexOf(region) >= 0) &&
        (!equipment || t.equipment.indexOf(equipment) >= 0)
      );
    });
    el.results.textContent = "";
    shown.forEach(function (t) {
      var item = make("li", { class: "atlas-builder__result" });
      item.appendChild(make("span", { class: "atlas-builder__result-title" }, t.title));
      item.appendChild(make("span", { class: "atlas-builder__result-dose" }, R.doseText(t, t)));
      var add = make(
        "button",
        { type: "button", class: "md-button atlas-builder__add", "data-add": t.id, "aria-label": "Add " + t.title },
        "Add",
      );
      add.disabled = full;
      item.appendChild(add);
      el.results.appendChild(item);
    });
    el.count.textContent = shown.length
      ? shown.length + (shown.length === 1 ? " technique" : " techniques")
      : "No technique matches. Clear the search or choose another region or piece of equipment.";
  }

  /* ---- The routine: steps, doses, note -------------------------------------------------------- */

  function stepItem(step, i) {
    var t = cat.byId.get(step.id);
    var n = state.steps.length;
    var name = "step " + (i + 1) + ", " + t.title;
    var item = make("li", { class: "atlas-builder__step", "data-index": String(i) });
    var head = make("p", { class: "atlas-builder__step-head" });
    head.appendChild(make("a", { href: t.url }, t.title));
    head.appendChild(
      make(
        "span",
        { class: "atlas-builder__step-time", "data-step-time": "" },
        "about " + R.duration(R.stepSeconds(step, t)),
      ),
    );
    item.appendChild(head);

    var dose = make("p", { class: "atlas-builder__dose" });
    [
      ["seconds", "Seconds per set", limits.seconds, 5],
      ["sets", "Sets", limits.sets, 1],
    ].forEach(function (f) {
      var label = make("label", {}, f[1] + " ");
      var input = make("input", {
        type: "number",
        inputmode: "numeric",
        min: String(f[2][0]),
        max: String(f[2][1]),
        step: String(f[3]),
        value: String(step[f[0]]),
        "data-field": f[0],
        "aria-label": f[1] + ", " + name,
      });
      label.appendChild(input);
      dose.appendChild(label);
    });
    if (t.perSide) dose.appendChild(make("span", { class: "atlas-builder__hint" }, "on each side"));
    if (t.rest)
      dose.appendChild(make("span", { class: "atlas-builder__hint" }, R.duration(t.rest) + " rest between sets"));
    item.appendChild(dose);

    var actions = make("p", { class: "atlas-builder__step-actions" });
    var up = make(
      "button",
      { type: "button", class: "md-button", "data-move": "-1", "aria-label": "Move up: " + name },
      "↑ Up",
    );
    var down = make(
      "button",
      { type: "button", class: "md-button", "data-move": "1", "aria-label": "Move down: " + name },
      "↓ Down",
    );
    var remove = make(
      "button",
      { type: "button", class: "md-button", "data-remove": "", "aria-label": "Remove " + name },
      "Remove",
    );
    up.disabled = i === 0;
    down.disabled = i === n - 1;
    [up, down, remove].forEach(function (b) {
      actions.appendChild(b);
    });
    item.appendChild(actions);
    return item;
  }

  function renderSteps(focus) {
    el.steps.textContent = "";
    state.steps.forEach(function (step, i) {
      el.steps.appendChild(stepItem(step, i));
    });
    el.empty.hidden = state.steps.length > 0;
    if (focus) {
      // Keep the keyboard where it was: on the same button of the moved step, or its neighbour.
      var item = el.steps.children[focus.index];
      var target =
        item &&
        (item.querySelector(focus.selector + ":not(:disabled)") ||
          item.querySelector("[data-move]:not(:disabled)") ||
          item.querySelector("[data-remove]"));
      (target || el.search).focus();
    }
  }

  /* ---- The link ------------------------------------------------------------------------------ */

  function update() {
    var has = state.steps.length > 0;
    var fragment = R.encode(state);
    var link = root.dataset.sheetCanonical + "#" + fragment;
    if (has || state.title || state.note) {
      history.replaceState(null, "", location.pathname + "#" + fragment);
    } else if (location.hash || location.search) {
      history.replaceState(null, "", location.pathname);
    }
    el.link.value = has ? link : "";
    el.link.placeholder = has ? "" : "Add a technique to get a link";
    el.share.dataset.url = has ? link : "";
    el.open.href = root.dataset.sheet + (has ? "#" + fragment : "");
    if (has) el.open.removeAttribute("aria-disabled");
    else el.open.setAttribute("aria-disabled", "true");
    root.querySelectorAll('[data-builder="needs-steps"]').forEach(function (b) {
      b.disabled = !has;
    });
    el.total.textContent = R.duration(R.totalSeconds(state.steps, cat));
    el.noteCount.textContent = Array.from(el.note.value).length + " of " + limits.note + " characters";
    el.limit.hidden = state.steps.length < limits.steps;
  }

  function load(hash) {
    var routine = R.decode(hash, cat);
    state = { title: routine.title, note: routine.note, steps: routine.steps };
    el.title.value = state.title;
    el.note.value = state.note;
    R.showNotices(el.notices, routine.notices);
    renderSteps();
    renderResults();
    update();
  }

  /* ---- Events -------------------------------------------------------------------------------- */

  [el.search, el.region, el.equipment].forEach(function (input) {
    input.addEventListener("input", renderResults);
  });

  el.results.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add]");
    if (!button || state.steps.length >= limits.steps) return;
    var t = cat.byId.get(button.getAttribute("data-add"));
    state.steps.push({ id: t.id, seconds: t.seconds, sets: t.sets });
    renderSteps();
    update();
    if (state.steps.length >= limits.steps) renderResults();
    announce(
      "Added " +
        t.title +
        ". The routine has " +
        state.steps.length +
        (state.steps.length === 1 ? " step." : " steps."),
    );
  });

  el.steps.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    if (!button) return;
    var i = Number(button.closest("li").getAttribute("data-index"));
    var title = cat.byId.get(state.steps[i].id).title;
    if (button.hasAttribute("data-move")) {
      var j = i + Number(button.getAttribute("data-move"));
      if (j < 0 || j >= state.steps.length) return;
      var moved = state.steps.splice(i, 1)[0];
      state.steps.splice(j, 0, moved);
      renderSteps({ index: j, selector: '[data-move="' + button.getAttribute("data-move") + '"]' });
      announce("Moved " + title + " to step " + (j + 1) + " of " + state.steps.length + ".");
    } else if (button.hasAttribute("data-remove")) {
      state.steps.splice(i, 1);
      renderSteps({ index: Math.min(i, state.steps.length - 1), selector: "[data-remove]" });
      renderResults();
      announce("Removed " + title + ".");
    }
    update();
  });

  function readDose(input, final) {
    var i = Number(input.closest("li").getAttribute("data-index"));
    var field = input.getAttribute("data-field");
    var range = limits[field];
    var value = Number(input.value);
    if (input.value === "" || !Number.isInteger(value) || value < range[0] || value > range[1]) {
      if (!final) return; // mid-typing; settle it when the field is left
      value =
        Number.isFinite(value) && input.value !== ""
          ? Math.min(range[1], Math.max(range[0], Math.round(value)))
          : state.steps[i][field];
      input.value = String(value);
    }
    state.steps[i][field] = value;
    var t = cat.byId.get(state.steps[i].id);
    input.closest("li").querySelector("[data-step-time]").textContent =
      "about " + R.duration(R.stepSeconds(state.steps[i], t));
    update();
  }
  el.steps.addEventListener("input", function (event) {
    if (event.target.matches("[data-field]")) readDose(event.target, false);
  });
  el.steps.addEventListener("change", function (event) {
    if (event.target.matches("[data-field]")) readDose(event.target, true);
  });

  el.title.addEventListener("input", function () {
    state.title = el.title.value.trim().slice(0, limits.title);
    update();
  });
  el.note.addEventListener("input", function () {
    state.note = el.note.value.trim();
    update();
  });
  el.link.addEventListener("focus", function () {
    el.link.select();
  });
  el.open.addEventListener("click", function (event) {
    if (!state.steps.length) event.preventDefault();
  });
  window.addEventListener("hashchange", function () {
    if (location.hash.replace(/^#/, "") !== R.encode(state)) load(location.hash);
  });

  root.hidden = false;
  document.querySelectorAll("[data-needs-script]").forEach(function (note) {
    note.remove();
  });
  // A ready-made routine's "Adapt" link carries its public steps in the query (?v=1&s=…), which a link
  // checker and any server can see; update() moves them into the fragment at once, so nothing the
  // trainer adds (a note, a client's name) is ever part of a request.
  load(location.hash || location.search.slice(1));
})();

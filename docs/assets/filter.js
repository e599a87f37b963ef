/* Techniques index: filter by body region and equipment, kept in the URL so a filtered list can be
   sent as one link (/techniques/?region=glutes&equipment=massage-ball).

   Progressive enhancement: the page lists every technique, grouped by region; the filter form is
   rendered hidden (templates/techniques_index.md.j2) and only this script shows it. Values from the
   URL are only ever compared with the form's own options, and text is set with textContent.
   Needs atlas-ui.js. */
(() => {
  "use strict";

  const form = document.querySelector("form.atlas-filter");
  if (!form) return;
  const { t } = window.AtlasUI;
  const region = form.elements.namedItem("region");
  const equipment = form.elements.namedItem("equipment");
  const status = form.querySelector(".atlas-filter__status");
  const groups = document.querySelectorAll(".atlas-tgroup[data-region]");

  function hasOption(select, value) {
    return Array.from(select.options).some((o) => o.value === value);
  }

  function chosen(select) {
    return select.value ? select.options[select.selectedIndex].text : "";
  }

  function readUrl() {
    const query = new URLSearchParams(window.location.search);
    for (const select of [region, equipment]) {
      const value = query.get(select.name) || "";
      select.value = hasOption(select, value) ? value : "";
    }
  }

  function writeUrl() {
    const query = new URLSearchParams(window.location.search);
    for (const select of [region, equipment]) {
      if (select.value) query.set(select.name, select.value);
      else query.delete(select.name);
    }
    const search = query.toString();
    const url = window.location.pathname + (search ? `?${search}` : "") + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch {
      // From file:// (the offline copy) Chromium refuses; the filter works, the address just does not keep it.
    }
  }

  function apply() {
    const r = region.value;
    const e = equipment.value;
    const shown = new Set();
    for (const group of groups) {
      const entries = group.querySelectorAll("li[data-equipment]");
      const inRegion = !r || group.getAttribute("data-region") === r;
      let visible = 0;
      for (const li of entries) {
        const match = inRegion && (!e || li.getAttribute("data-equipment").split(" ").includes(e));
        li.hidden = !match;
        if (match) {
          visible += 1;
          shown.add(li.getAttribute("data-technique"));
        }
      }
      // A region without techniques still shows its warning, unless an equipment filter is on.
      group.hidden = !(visible || (inRegion && !e && !entries.length));
    }
    if (!r && !e) {
      status.textContent = "";
      return;
    }
    const count = shown.size;
    const what = [chosen(region), chosen(equipment)].filter(Boolean).join(" · ");
    status.textContent = !count
      ? t("No techniques match {filters}. Choose another region or equipment.", { filters: what })
      : count === 1
        ? t("Showing {n} technique: {filters}.", { n: count, filters: what })
        : t("Showing {n} techniques: {filters}.", { n: count, filters: what });
  }

  function update() {
    writeUrl();
    apply();
  }

  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => event.preventDefault());
  // The reset happens after this event; read the cleared values once it has.
  form.addEventListener("reset", () => window.setTimeout(update, 0));
  window.addEventListener("popstate", () => {
    readUrl();
    apply();
  });

  readUrl();
  form.hidden = false;
  apply();
})();

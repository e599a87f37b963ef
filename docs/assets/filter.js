/* Techniques index: filter by body region and equipment, kept in the URL so a filtered list can be
   sent as one link (/techniques/?region=glutes&equipment=massage-ball).

   Progressive enhancement: the page lists every technique, grouped by region; the filter form is
   rendered hidden (templates/techniques_index.md.j2) and only this script shows it. Values from the
   URL are only ever compared with the form's own options, and text is set with textContent. */
(function () {
  "use strict";

  var form = document.querySelector("form.atlas-filter");
  if (!form) return;
  var region = form.elements.namedItem("region");
  var equipment = form.elements.namedItem("equipment");
  var status = form.querySelector(".atlas-filter__status");
  var groups = Array.prototype.slice.call(document.querySelectorAll(".atlas-tgroup[data-region]"));

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (o) {
      return o.value === value;
    });
  }

  function chosen(select) {
    return select.value ? select.options[select.selectedIndex].text : "";
  }

  function readUrl() {
    var query = new URLSearchParams(window.location.search);
    [region, equipment].forEach(function (select) {
      var value = query.get(select.name) || "";
      select.value = hasOption(select, value) ? value : "";
    });
  }

  function writeUrl() {
    var query = new URLSearchParams(window.location.search);
    [region, equipment].forEach(function (select) {
      if (select.value) query.set(select.name, select.value);
      else query.delete(select.name);
    });
    var search = query.toString();
    window.history.replaceState(
      window.history.state,
      "",
      window.location.pathname + (search ? "?" + search : "") + window.location.hash,
    );
  }

  function apply() {
    var r = region.value,
      e = equipment.value,
      shown = {};
    groups.forEach(function (group) {
      var entries = group.querySelectorAll("li[data-equipment]");
      var inRegion = !r || group.getAttribute("data-region") === r,
        visible = 0;
      Array.prototype.forEach.call(entries, function (li) {
        var match = inRegion && (!e || li.getAttribute("data-equipment").split(" ").indexOf(e) >= 0);
        li.hidden = !match;
        if (match) {
          visible += 1;
          shown[li.getAttribute("data-technique")] = true;
        }
      });
      // A region without techniques still shows its warning, unless an equipment filter is on.
      group.hidden = !(visible || (inRegion && !e && !entries.length));
    });
    var count = Object.keys(shown).length;
    if (!r && !e) {
      status.textContent = "";
      return;
    }
    var what = [chosen(region), chosen(equipment)].filter(Boolean).join(" · ");
    status.textContent = count
      ? "Showing " + count + " technique" + (count === 1 ? "" : "s") + ": " + what + "."
      : "No techniques match " + what + ". Choose another region or equipment.";
  }

  form.addEventListener("change", function () {
    writeUrl();
    apply();
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
  });
  form.addEventListener("reset", function () {
    // The reset happens after this event; read the cleared values once it has.
    window.setTimeout(function () {
      writeUrl();
      apply();
    }, 0);
  });
  window.addEventListener("popstate", function () {
    readUrl();
    apply();
  });

  readUrl();
  form.hidden = false;
  apply();
})();

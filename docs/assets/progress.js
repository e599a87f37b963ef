/* SMR Atlas progress page (/routines/progress/#…): what a trainer sees from a client's progress link
 * (log.js makes it): the routine, and a calendar of the sessions the client ticked. Any text at all is
 * read safely: a broken or hostile link gives notices and whatever could be read, shown with
 * textContent only. Needs atlas-ui.js, routine-link.js and log.js.
 */
(() => {
  "use strict";

  const root = document.querySelector("[data-atlas-progress]");
  if (!root || !window.AtlasRoutine || !window.AtlasLog) return;
  const R = window.AtlasRoutine;
  const L = window.AtlasLog;
  const { make, removeNoScriptNotices, t } = window.AtlasUI;
  const cat = R.readCatalogue();
  const part = (name) => root.querySelector(`[data-progress="${name}"]`);
  const sheet = part("sheet").getAttribute("href");

  function render() {
    const routine = R.decode(location.hash, cat);
    const { dates, dropped } = L.readProgress(location.hash);
    const notices = routine.notices.slice();
    if (dropped) notices.push(t("{n} of the dates in this link could not be read and were left out.", { n: dropped }));
    if (!dates.length) notices.push(t("This link holds no dates of sessions. Ask your client to send it again."));
    R.showNotices(root.querySelector("[data-routine-notices]"), notices);
    part("title").textContent = routine.title || t("A routine");
    part("steps").textContent = routine.steps.map((s) => cat.byId.get(s.id).title).join(", ") || t("no steps read");
    part("summary").textContent = L.summary(dates);
    L.calendar(part("calendar"), dates);
    const list = part("dates");
    list.textContent = "";
    for (const day of [...dates].reverse()) list.append(make("li", {}, L.readable(day)));
    part("sheet").href = routine.steps.length ? `${sheet}#${R.encode(routine)}` : sheet;
    root.hidden = false;
  }

  removeNoScriptNotices();
  window.addEventListener("hashchange", render);
  render();
})();

/* SMR Atlas: a client's record of sessions, without an account (issue 15).
 *
 * On the routine sheet (hooks/atlas/templates/_log.html.j2) the client ticks a session done; the dates
 * are kept in this browser's localStorage only, per routine, and can be cleared. "Send my progress"
 * makes a link to /routines/progress/ whose fragment holds the routine and the dates — fragments are
 * never sent to a server — which the client sends to the trainer themselves. The progress page
 * (_progress.html.j2) reads that link and shows a calendar. Dates are local calendar days, YYYY-MM-DD.
 * Needs atlas-ui.js, routine-link.js and qr.js.
 */
(() => {
  "use strict";

  const { make, t } = window.AtlasUI;
  const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
  const MAX_DATES = 400; // more than a year of daily sessions
  const WEEKS = 4;

  function iso(day) {
    return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, "0")}-${String(day.getDate()).padStart(2, "0")}`;
  }

  function today() {
    return iso(new Date());
  }

  /* Only real calendar days, not after tomorrow (a trainer in another time zone), each once, in order. */
  function cleanDates(values) {
    const limit = iso(new Date(Date.now() + 86400000));
    const days = new Set();
    for (const value of values) {
      const m = DAY.exec(String(value));
      if (!m) continue;
      const day = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
      if (iso(day) === m[0] && m[0] <= limit) days.add(m[0]);
    }
    return [...days].sort().slice(-MAX_DATES);
  }

  // Each made once, when first needed: toLocaleDateString makes a new formatter on every call, and the calendar
  // names 35 days. On the sheet that was about a tenth of a second of a slow phone's main thread (issue 17).
  let dayName = null;
  let weekdayInitial = null;

  function readable(day) {
    const m = DAY.exec(day);
    dayName ??= new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short" });
    return dayName.format(new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  }

  /* The last four weeks as a calendar, Monday to Sunday, a cell a day up to today, each named for screen
     readers ("Mon 1 Dec: done"); a row of weekday initials on top, for the eye only. */
  function calendar(list, dates) {
    const done = new Set(dates);
    list.textContent = "";
    const now = new Date();
    const monday = new Date(
      now.getFullYear(),
      now.getMonth(),
      now.getDate() - ((now.getDay() + 6) % 7) - 7 * (WEEKS - 1),
    );
    weekdayInitial ??= new Intl.DateTimeFormat(undefined, { weekday: "narrow" });
    for (let i = 0; i < 7; i += 1) {
      const day = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i);
      const name = weekdayInitial.format(day);
      list.append(make("li", { class: "atlas-log__weekday", "aria-hidden": "true" }, name));
    }
    for (let i = 0; i < WEEKS * 7; i += 1) {
      const date = new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + i);
      if (date > now) break;
      const day = iso(date);
      const cell = make("li", { class: done.has(day) ? "atlas-log__day atlas-log__day--done" : "atlas-log__day" });
      cell.append(
        make(
          "span",
          { class: "atlas-visually-hidden" },
          done.has(day) ? t("{day}: done", { day: readable(day) }) : `${readable(day)}: —`,
        ),
      );
      cell.append(make("span", { "aria-hidden": "true" }, String(date.getDate())));
      list.append(cell);
    }
  }

  function summary(dates) {
    if (!dates.length) return t("No sessions ticked yet.");
    const values = { n: dates.length, last: readable(dates.at(-1)) };
    return dates.length === 1
      ? t("{n} session ticked; the last on {last}.", values)
      : t("{n} sessions ticked; the last on {last}.", values);
  }

  /* The progress link: the routine's own fragment plus d=<dates>. */
  function progressFragment(routineFragment, dates) {
    const params = new URLSearchParams(routineFragment);
    params.set("d", dates.join(","));
    return params.toString();
  }

  function readProgress(hash) {
    const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
    const raw = (params.get("d") || "").split(",").filter(Boolean);
    const dates = cleanDates(raw);
    return { dates, dropped: raw.length - dates.length };
  }

  window.AtlasLog = { calendar, summary, cleanDates, readProgress, readable };

  const box = document.querySelector("[data-atlas-log]");
  if (!box) return;
  const part = (name) => box.querySelector(`[data-log="${name}"]`);
  let key = null;
  let fragment = "";

  function stored() {
    try {
      return cleanDates(JSON.parse(localStorage.getItem(key) || "[]"));
    } catch {
      return [];
    }
  }

  function save(dates) {
    try {
      localStorage.setItem(key, JSON.stringify(dates));
    } catch {
      part("summary").textContent = t("This browser would not keep the date (private mode?).");
      return false;
    }
    return true;
  }

  function show(message) {
    const dates = stored();
    part("summary").textContent = message ? `${message} ${summary(dates)}` : summary(dates);
    calendar(part("calendar"), dates);
    part("clear").disabled = !dates.length;
    part("send").disabled = !dates.length;
  }

  document.addEventListener("atlas:routine", (event) => {
    fragment = event.detail.fragment;
    const params = new URLSearchParams(fragment);
    key = `atlas.log.${params.get("s") || ""}`;
    box.hidden = !event.detail.routine.steps.length;
    part("send-box").hidden = true;
    if (!box.hidden) show(""); // an empty sheet has no record to show
  });

  part("done").addEventListener("click", () => {
    const dates = stored();
    if (dates.includes(today())) {
      show(t("Today is already ticked."));
    } else if (save(cleanDates([...dates, today()]))) {
      show(t("Ticked for today."));
    }
  });
  part("clear").addEventListener("click", () => {
    if (!window.confirm(t("Remove every date you ticked for this routine from this device?"))) return;
    localStorage.removeItem(key);
    part("send-box").hidden = true;
    show(t("Your record is cleared."));
  });
  part("send").addEventListener("click", () => {
    const url = `${box.dataset.progress}#${progressFragment(fragment, stored())}`; // the public page
    part("link").value = url;
    window.AtlasQR.draw(part("qr"), url, t("QR code for the link to your progress"));
    part("send-box").hidden = false;
    part("link").select();
  });
})();

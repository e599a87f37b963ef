/* SMR Atlas: a whole routine in one link, read and written by the routine builder and the sheet.
 *
 * The routine lives in the URL fragment, which browsers never send to a server:
 *   #v=1&c=<number of steps>&t=<title>&s=<id>.<seconds>.<sets>_<id>.<seconds>.<sets>…&n=<note>
 * (hooks/atlas/routine_link.py writes the same format). The step count comes first, so a link that a
 * chat app or a QR reader cut short still says how many steps it should have had. decode() accepts any text at all: a broken,
 * cut-off, oversized or hostile link gives a routine plus plain-language notices, never an error.
 * Nothing from a link is ever put into the page as HTML: callers use textContent only. Needs atlas-ui.js.
 */
(() => {
  "use strict";

  const { make, clamp, t } = window.AtlasUI;
  const STEP = /^([a-z0-9]+(?:-[a-z0-9]+)*)(?:\.(\d{1,9})\.(\d{1,9}))?$/; // any number, then clamped
  // Control characters (Unicode category Cc), the line and paragraph separators, and the invisible format
  // characters (Cf: zero-width spaces and joiners, bidirectional overrides and isolates, the byte-order
  // mark…) that could make a title read backwards or hide text; all but the line break.
  const CONTROL = /(?!\n)[\p{Cc}\p{Cf}\u2028\u2029]/gu;

  /* The technique catalogue embedded in the page at build time (works offline, even from file://). */
  function readCatalogue() {
    const data = JSON.parse(document.getElementById("atlas-catalogue").textContent);
    // Maps, not plain objects: a link naming "constructor" or "__proto__" must find nothing.
    data.byId = new Map(data.techniques.map((tech) => [tech.id, tech]));
    data.aliasMap = new Map(Object.entries(data.aliases));
    return data;
  }

  function cleanText(value, max) {
    const text = String(value || "")
      .replace(/\r\n?/g, "\n")
      .replace(CONTROL, "")
      .trim();
    const chars = Array.from(text); // count characters, not UTF-16 units, so an emoji is never cut in half
    return { text: chars.slice(0, max).join("").trim(), cut: chars.length > max };
  }

  function shortName(text) {
    const chars = Array.from(String(text));
    return chars.length > 40 ? `${chars.slice(0, 40).join("")}…` : chars.join("");
  }

  /* routine {title, note, steps: [{id, seconds, sets}]} → fragment text, without "#". */
  function encode(routine) {
    const params = new URLSearchParams();
    params.set("v", "1");
    params.set("c", String(routine.steps.length));
    if (routine.title) params.set("t", routine.title);
    params.set("s", routine.steps.map((s) => `${s.id}.${s.seconds}.${s.sets}`).join("_"));
    if (routine.note) params.set("n", routine.note);
    return params.toString();
  }

  /* Any fragment text → {title, note, steps, notices}. Steps name techniques that exist (old ids are
     followed to the technique's current id), within the limits the catalogue gives. */
  function decode(hash, cat) {
    const limits = cat.limits;
    const notices = [];
    let raw = String(hash ?? "").replace(/^#/, "");
    if (raw.length > limits.link) {
      raw = raw.slice(0, limits.link);
      notices.push(
        t(
          "This link is much longer than a routine link can be, so only its first part was read. Ask your trainer for a new link.",
        ),
      );
    }
    const params = new URLSearchParams(raw);
    const version = params.get("v");
    if (version !== null && version !== "1") {
      notices.push(t("This link was made by a newer version of the routine builder. Some parts may be missing."));
    }
    const title = cleanText(params.get("t"), limits.title);
    const note = cleanText(params.get("n"), limits.note);
    if (title.cut) notices.push(t("The title was cut to {max} characters.", { max: limits.title }));
    if (note.cut) notices.push(t("The note was cut to {max} characters.", { max: limits.note }));

    let steps = [];
    const unknown = [];
    let unreadable = 0;
    let adjusted = 0;
    const tokens = (params.get("s") || "").split("_").filter(Boolean);
    const lost = lostSteps(params.get("c"), tokens.length);
    if (lost) {
      notices.push(
        lost === 1
          ? t("This link was cut short: {n} step was lost on the way. Ask your trainer to send the link again.", {
              n: lost,
            })
          : t("This link was cut short: {n} steps were lost on the way. Ask your trainer to send the link again.", {
              n: lost,
            }),
      );
    }
    for (const token of tokens) {
      const m = STEP.exec(token);
      if (!m) {
        unreadable += 1;
        continue;
      }
      const id = cat.byId.has(m[1]) ? m[1] : cat.aliasMap.get(m[1]);
      if (!id || !cat.byId.has(id)) {
        unknown.push(m[1]);
        continue;
      }
      const tech = cat.byId.get(id);
      const seconds = m[2] === undefined ? tech.seconds : Number(m[2]);
      const sets = m[3] === undefined ? tech.sets : Number(m[3]);
      const step = { id, seconds: clamp(seconds, ...limits.seconds), sets: clamp(sets, ...limits.sets) };
      if (step.seconds !== seconds || step.sets !== sets) adjusted += 1;
      steps.push(step);
    }
    if (unknown.length) {
      const names = unknown
        .slice(0, 3)
        .map((n) => `“${shortName(n)}”`)
        .join(", ");
      const more = unknown.length > 3 ? ", …" : "";
      notices.push(
        unknown.length === 1
          ? t(
              "This link names a technique SMR Atlas does not have: {names}. It was left out; the rest of the routine is below. Ask your trainer for a new link.",
              { names },
            )
          : t(
              "This link names {n} techniques SMR Atlas does not have ({names}). They were left out; the rest of the routine is below. Ask your trainer for a new link.",
              { n: unknown.length, names: names + more },
            ),
      );
    }
    if (unreadable) {
      notices.push(
        unreadable === 1
          ? t("{n} part of this link could not be read and was left out.", { n: unreadable })
          : t("{n} parts of this link could not be read and were left out.", { n: unreadable }),
      );
    }
    if (adjusted) {
      const [s0, s1] = limits.seconds;
      const [t0, t1] = limits.sets;
      const values = { n: adjusted, s0, s1, t0, t1 };
      notices.push(
        adjusted === 1
          ? t("{n} dose was outside {s0}–{s1} seconds or {t0}–{t1} sets and was brought within them.", values)
          : t("{n} doses were outside {s0}–{s1} seconds or {t0}–{t1} sets and were brought within them.", values),
      );
    }
    if (steps.length > limits.steps) {
      notices.push(
        t("This link has {count} steps; a routine has at most {max}, so the last {extra} were left out.", {
          count: steps.length,
          max: limits.steps,
          extra: steps.length - limits.steps,
        }),
      );
      steps = steps.slice(0, limits.steps);
    }
    return { title: title.text, note: note.text, steps, notices };
  }

  /* How many steps a link says it has but does not carry: 0 for an old link without a count or a count
     that is not a plain number. A cut can also leave half a step behind, read as unknown or unreadable. */
  function lostSteps(count, received) {
    if (!/^\d{1,4}$/.test(count ?? "")) return 0;
    return Math.max(0, Number(count) - received);
  }

  /* 45 → "45 s", 270 → "4 min 30 s", 600 → "10 min" (as hooks/atlas/templating.py duration). */
  function duration(seconds) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    if (!m) return `${s} s`;
    return s ? `${m} min ${s} s` : `${m} min`;
  }

  /* Time under the roller plus rests, both sides when the dose is per side (as model.Dose.total_seconds). */
  function stepSeconds(step, tech) {
    const oneSide = step.sets * step.seconds + (step.sets - 1) * tech.rest;
    return oneSide * (tech.perSide ? 2 : 1);
  }

  function totalSeconds(steps, cat) {
    return steps.reduce((sum, s) => sum + stepSeconds(s, cat.byId.get(s.id)), 0);
  }

  function doseText(step, tech) {
    const values = { time: duration(step.seconds), sets: step.sets };
    if (step.sets > 1 && tech.rest) {
      values.rest = duration(tech.rest);
      return tech.perSide
        ? t("{time} × {sets} on each side, {rest} rest between sets", values)
        : t("{time} × {sets}, {rest} rest between sets", values);
    }
    return tech.perSide ? t("{time} × {sets} on each side", values) : t("{time} × {sets}", values);
  }

  /* Show notices (or hide the box when there are none), as text only. */
  function showNotices(box, notices) {
    box.textContent = "";
    box.hidden = !notices.length;
    if (!notices.length) return;
    const list = make("ul");
    list.append(...notices.map((text) => make("li", {}, text)));
    box.append(list);
  }

  window.AtlasRoutine = {
    readCatalogue,
    encode,
    decode,
    duration,
    stepSeconds,
    totalSeconds,
    doseText,
    showNotices,
  };
})();

/* SMR Atlas routine sheet (/routines/sheet/#…): the client's view of a routine a trainer built.
 * It reads the routine from the link's fragment (routine-link.js), shows each step with its dose
 * and the total time, and prints on one page. A broken link shows a notice and whatever could be
 * read; text from the link is only ever shown with textContent. Needs routine-link.js and share.js.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-atlas-sheet]");
  if (!root || !window.AtlasRoutine) return;
  var R = window.AtlasRoutine;
  var cat = R.readCatalogue();
  var heading = document.querySelector(".md-content h1");
  var headingText =
    heading &&
    Array.prototype.find.call(heading.childNodes, function (n) {
      return n.nodeType === Node.TEXT_NODE && n.nodeValue.trim();
    });
  var defaultTitle = headingText ? headingText.nodeValue : "Your routine";
  var siteName = document.title.split(" - ").slice(1).join(" - ") || "SMR Atlas";

  function part(name) {
    return root.querySelector('[data-sheet="' + name + '"]');
  }

  function render() {
    var routine = R.decode(location.hash, cat);
    var notices = routine.notices.slice();
    if (!routine.steps.length) {
      notices.push(
        location.hash.length > 1
          ? "No steps could be read from this link. Ask your trainer to send it again, or build a routine in the routine builder."
          : "There is no routine here yet. The link your trainer sends opens your routine on this page.",
      );
    }
    R.showNotices(root.querySelector("[data-routine-notices]"), notices);

    var title = routine.title || defaultTitle;
    if (headingText) headingText.nodeValue = title;
    document.title = title + " - " + siteName;

    var note = part("note");
    note.textContent = routine.note;
    note.hidden = !routine.note;

    var list = part("steps");
    list.textContent = "";
    routine.steps.forEach(function (step) {
      var t = cat.byId.get(step.id);
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = t.url;
      link.textContent = t.title;
      var strong = document.createElement("strong");
      strong.appendChild(link);
      item.appendChild(strong);
      item.appendChild(
        document.createTextNode(" — " + R.doseText(step, t) + " (about " + R.duration(R.stepSeconds(step, t)) + ")"),
      );
      list.appendChild(item);
    });
    part("total").textContent = R.duration(R.totalSeconds(routine.steps, cat));
    part("count").textContent = routine.steps.length + (routine.steps.length === 1 ? " step" : " steps");
    part("total-line").hidden = !routine.steps.length;
    root.dataset.size = routine.steps.length > 15 || routine.note.length > 300 ? "long" : "short"; // print size

    // Copy, share and edit the routine as it was read (anything left out is left out of these too).
    var fragment = routine.steps.length ? "#" + R.encode(routine) : "";
    root.querySelector("[data-atlas-share]").dataset.url = routine.steps.length
      ? root.dataset.canonical + fragment
      : "";
    part("edit").href = root.dataset.builder + fragment;
    root.querySelectorAll('[data-share="copy"], [data-share="native"], [data-sheet="print"]').forEach(function (b) {
      b.disabled = !routine.steps.length;
    });
    root.hidden = false;
    if (window.performance && performance.mark) performance.mark("atlas-sheet-rendered");
  }

  document.querySelectorAll("[data-needs-script]").forEach(function (note) {
    note.remove();
  });
  part("print").addEventListener("click", function () {
    window.print();
  });
  window.addEventListener("hashchange", render);
  render();
})();

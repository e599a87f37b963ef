/* SMR Atlas: the QR code of a link made in the browser (a client's routine, a progress link), drawn with
 * qrcode-generator (docs/assets/vendor/qrcode-generator) as an SVG built with DOM calls — no markup from
 * a string — in black on white, like the codes made at build time (hooks/atlas/qr.py). Error correction
 * M survives a crumpled print-out.
 */
(() => {
  "use strict";

  const SVG = "http://www.w3.org/2000/svg";

  /* Replace ``box``'s content with the QR code of ``url``, named ``label`` for screen readers. */
  function draw(box, url, label) {
    box.textContent = "";
    if (!url || typeof window.qrcode !== "function") return;
    const qr = window.qrcode(0, "M");
    qr.addData(url);
    qr.make();
    const count = qr.getModuleCount();
    const border = 4;
    const size = count + 2 * border;
    let d = "";
    for (let row = 0; row < count; row += 1) {
      for (let col = 0; col < count; col += 1) {
        if (qr.isDark(row, col)) d += `M${col + border} ${row + border}h1v1h-1z`;
      }
    }
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
    svg.setAttribute("class", "atlas-qr");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    const paper = document.createElementNS(SVG, "rect");
    paper.setAttribute("width", String(size));
    paper.setAttribute("height", String(size));
    paper.setAttribute("fill", "#fff");
    const modules = document.createElementNS(SVG, "path");
    modules.setAttribute("d", d);
    modules.setAttribute("fill", "#000");
    svg.append(paper, modules);
    box.append(svg);
  }

  window.AtlasQR = { draw };
})();

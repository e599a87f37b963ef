/* A technique's moving set-up figure (hooks/atlas/figure/svg.py) moves by SMIL: <animate> elements the
 * browser advances on the page's main thread every frame, about 0.8 of a processor core in Chromium while
 * the page is open (measured: 0.03 with the figure's clock stopped), even while the moving layer is hidden
 * (motion unwanted, paused, printed) or scrolled out of view. This stops the figure's clock whenever its
 * movement cannot be seen, and starts it again where it left off. Without script the figure simply keeps
 * moving, as before: the CSS alone decides what is shown (docs/assets/figure.css).
 */
(() => {
  "use strict";

  if (!window.IntersectionObserver) return;
  const reducedMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)");
  for (const wrap of document.querySelectorAll(".atlas-fig-wrap")) {
    const svg = wrap.querySelector("svg.atlas-fig--animated");
    if (!svg) continue;
    const pause = wrap.querySelector(".atlas-fig__pause input");
    let inView = false;
    const update = () => {
      const seen = inView && !document.hidden && !reducedMotion?.matches && !pause?.checked;
      if (seen) svg.unpauseAnimations();
      else svg.pauseAnimations();
    };
    new IntersectionObserver((entries) => {
      inView = entries[entries.length - 1].isIntersecting;
      update();
    }).observe(svg);
    reducedMotion?.addEventListener?.("change", update);
    pause?.addEventListener("change", update);
    document.addEventListener("visibilitychange", update);
    update();
  }
})();

// Runs first in the header (hooks/atlas/bundles/: the header's scripts), before the page below is drawn:
// it marks the page as one whose scripts run, so the routine builder takes its place at first paint instead
// of appearing later and pushing the page down, and "needs JavaScript" notices never show (docs/assets/
// trainer-tools.css). Without script neither happens.
document.documentElement.classList.add("atlas-script");

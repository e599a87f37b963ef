"""`make bench`: build speed at scale, search-index size, Lighthouse scores and PDF time, measured.

Prints a table and writes it to bench/results.md. Synthetic techniques are generated into a
temporary copy of the project and never committed. Not part of `make test` (it takes minutes).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "hooks"), str(ROOT / "tools")]

from project import ENV, copy_project  # noqa: E402
from static_server import serve  # noqa: E402

MKDOCS = [sys.executable, "-m", "mkdocs", "build", "--quiet"]
# Lighthouse mobile: 100 in every category on every page type (issue 17), the median of LIGHTHOUSE_RUNS runs.
BUDGETS = {"ratio_hooks_plain": 1.2, "linear": 11.0, "index_kb": 500, "perf": 100, "other": 100}
# One page of every type (tests/test_budgets.py holds the same pages to their weight budgets).
PAGE_TYPES = {
    "home": "/",
    "topic": "/learn/how-smr-works/",
    "technique": "/techniques/calves-foam-roller/",
    "region": "/regions/lower-back/",
    "equipment": "/equipment/massage-ball/",
    "routine": "/routines/pre-run-warm-up/",
    "builder": "/routines/builder/",
    "sheet": "/routines/sheet/",
    "claims": "/claims/",
    "glossary": "/glossary/",
    "references": "/references/",
    "routines index": "/routines/",
    "techniques index": "/techniques/",
    "es technique": "/es/techniques/calves-foam-roller/",
    "es sheet": "/es/routines/sheet/",
}
LIGHTHOUSE_RUNS = 3  # scores move a point or two between runs: the median of each category
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def timed_build(project: Path, config: str = "mkdocs.yml") -> float:
    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    start = time.perf_counter()
    result = subprocess.run(
        [*MKDOCS, "-f", config, "-d", str(site)], cwd=project, env=ENV, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if result.returncode:
        sys.exit(f"build failed in {project}:\n{result.stderr[-2000:]}")
    shutil.rmtree(site)
    return elapsed


def median_build(project: Path, runs: int, config: str = "mkdocs.yml") -> float:
    return statistics.median(timed_build(project, config) for _ in range(runs))


def add_synthetic_techniques(project: Path, count: int) -> None:
    """Copies of the real techniques under new ids and titles, spread over every region."""
    sources = sorted((ROOT / "data" / "techniques").glob("*.yaml"))
    for i in range(count):
        source = sources[i % len(sources)]
        text = source.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        text = text.replace(title, f"title: Synthetic technique {i:04d} ({source.stem})", 1)
        text = "\n".join(line for line in text.splitlines() if not line.startswith("aliases:"))
        (project / "data" / "techniques" / f"synthetic-{i:04d}.yaml").write_text(text + "\n", encoding="utf-8")


# Added to a copy of the project for one build: it writes each page's Markdown as our hooks leave it,
# just before mkdocs-bibtex (priority 0), which stays on in both builds.
_DUMP_HOOK = """
import json, os
from pathlib import Path
from mkdocs.plugins import event_priority

@event_priority(1)
def on_page_markdown(markdown, page, config, files):
    target = Path(os.environ["ATLAS_BENCH_DUMP"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = "\\n".join(f"{key}: {json.dumps(value, default=str)}" for key, value in page.meta.items())
    target.write_text(f"---\\n{meta}\\n---\\n{markdown}", encoding="utf-8")
    return markdown
"""


def write_plain_twin(project: Path, twin: Path) -> None:
    """The same site as plain Markdown files: every page exactly as our hooks hand it to MkDocs,
    written into docs/, built with the hooks switched off — what MkDocs costs without them."""
    dump = twin.with_name(twin.name + "-dump")
    (project / "hooks" / "bench_dump.py").write_text(_DUMP_HOOK, encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    dump_config = project / "mkdocs-dump.yml"
    dump_config.write_text(config.replace("hooks:\n", "hooks:\n  - hooks/bench_dump.py\n", 1), encoding="utf-8")
    site = Path(tempfile.mkdtemp(prefix="bench-dump-"))
    subprocess.run(
        [*MKDOCS, "-f", str(dump_config), "-d", str(site)],
        cwd=project,
        check=True,
        env={**ENV, "ATLAS_BENCH_DUMP": str(dump)},
        capture_output=True,
    )
    (project / "hooks" / "bench_dump.py").unlink()
    dump_config.unlink()
    shutil.rmtree(site)

    shutil.copytree(project, twin, ignore=shutil.ignore_patterns("docs", "node_modules"))  # no hooks, no bundles
    for page in dump.rglob("*.md"):
        target = twin / "docs" / page.relative_to(dump)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")  # markers already expanded
    for asset in (project / "docs").rglob("*"):  # stylesheets, scripts, vendored files
        if asset.is_file() and asset.suffix != ".md":
            target = twin / "docs" / asset.relative_to(project / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(asset, target)
    start = config.index("hooks:\n")
    end = config.index("\n\n", start)
    # Material's own templates too: the overrides in hooks/theme/ read what the hooks give them (the bundles).
    plain = re.sub(r"^  custom_dir: .*\n", "", config[:start] + config[end + 2 :], flags=re.M)
    (twin / "mkdocs.yml").write_text(plain, encoding="utf-8")


def search_index_gzip_kb(project: Path) -> float:
    site = Path(tempfile.mkdtemp(prefix="bench-index-"))
    subprocess.run([*MKDOCS, "-d", str(site)], cwd=project, env=ENV, check=True, capture_output=True)
    size = len(gzip.compress((site / "search" / "search_index.json").read_bytes(), 9)) / 1024
    shutil.rmtree(site)
    return size


def lighthouse_once(url: str) -> dict[str, int]:
    """One Lighthouse run (mobile: its default device, screen and throttling) on ``url``: the score per
    category, and under "failed" the audits that cost points (a timing with its value)."""
    binary = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
    out = Path(tempfile.mkdtemp()) / "report.json"
    flags = (
        "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync --no-first-run"
    )
    subprocess.run(
        [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--chrome-flags={flags}",
            "--only-categories=" + ",".join(CATEGORIES),
        ],
        env={**ENV, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")},
        check=True,
        capture_output=True,
        timeout=300,
    )
    report = json.loads(out.read_text(encoding="utf-8"))
    shutil.rmtree(out.parent, ignore_errors=True)
    weighted = {ref["id"] for c in report["categories"].values() for ref in c["auditRefs"] if ref["weight"] > 0}
    failed = sorted(
        audit["id"] + (f" {audit['displayValue']}" if audit.get("scoreDisplayMode") == "numeric" else "")
        for audit in report["audits"].values()
        if audit["id"] in weighted and audit.get("score") is not None and audit["score"] < 1
    )
    return {k: round(v["score"] * 100) for k, v in report["categories"].items()} | {"failed": failed}


def lighthouse(site: Path, pages: dict[str, str]) -> dict[str, dict]:
    """The median of LIGHTHOUSE_RUNS runs per category for each page, and the audits any run failed."""
    server, base = serve(site)
    scores = {}
    try:
        for kind, path in pages.items():
            runs = [lighthouse_once(base + path) for _ in range(LIGHTHOUSE_RUNS)]
            median = {k: int(statistics.median(run[k] for run in runs)) for k in CATEGORIES}
            median["runs"] = [run["performance"] for run in runs]
            median["failed"] = sorted({audit for run in runs for audit in run["failed"]})
            scores[kind] = median
    finally:
        server.shutdown()
    return scores


def pdf_rows(site: Path) -> list[tuple[str, str, str]]:
    """The books and every handout in both languages, as `make build` makes them (site built with
    ATLAS_DOWNLOADS=true): handouts and books printed side by side, the offline copy built beside them."""
    from atlas.export.__main__ import export_all

    report = export_all(site)
    seconds, count, books = report["pdf_seconds"], report["handouts"]["count"], len(report["book"]["books"])
    budget = 60 * books  # a minute per language, as tests/test_pdf_offline.py holds it
    text = f"{seconds:.1f} s ({count} handouts and {books} books, side by side)"
    return [("PDFs, both languages", text, _budget(seconds <= budget, f"≤ {budget} s"))]


def build_rows(work: Path) -> list[tuple[str, str, str]]:
    """Build time of the real site, and at +100 and +1,000 techniques with and without the hooks."""
    real = median_build(ROOT, 5)
    rows = [("Build, real site (median of 5)", f"{real:.2f} s", "")]
    times, plain = {}, {}
    for n in (100, 1000):
        project = copy_project(work / f"n{n}")
        add_synthetic_techniques(project, n)
        write_plain_twin(project, work / f"n{n}-plain")
        runs = 3 if n == 100 else 1
        times[n] = median_build(project, runs)
        plain[n] = median_build(work / f"n{n}-plain", runs)
        rows.append((f"Build, +{n} techniques, hooks", f"{times[n]:.2f} s", ""))
        rows.append((f"Build, +{n} techniques, plain Markdown", f"{plain[n]:.2f} s", ""))
    ratio = times[1000] / plain[1000]
    rows.append(("Hooks ÷ plain at +1,000", f"{ratio:.2f}", _budget(ratio <= BUDGETS["ratio_hooks_plain"], "≤ 1.2")))
    linear = times[1000] / times[100]
    rows.append(("time(+1,000) ÷ time(+100)", f"{linear:.2f}", _budget(linear <= BUDGETS["linear"], "≤ 11")))
    index = search_index_gzip_kb(work / "n1000")
    rows.append(
        ("Search index at +1,000, gzipped", f"{index:.0f} KB", _budget(index <= BUDGETS["index_kb"], "≤ 500 KB"))
    )
    return rows


def lighthouse_rows(site: Path) -> list[tuple[str, str, str]]:
    if not (ROOT / "bench" / "node_modules" / ".bin" / "lighthouse").exists():
        return [("Lighthouse", "not installed", "run `make bench` (it installs bench/node_modules)")]
    rows = []
    for kind, score in lighthouse(site, PAGE_TYPES).items():
        ok = score["performance"] >= BUDGETS["perf"] and all(score[k] >= BUDGETS["other"] for k in CATEGORIES[1:])
        text = " / ".join(str(score[k]) for k in CATEGORIES)
        text += f" (performance runs: {', '.join(map(str, score['runs']))})"
        if score["failed"] and any(score[k] < 100 for k in CATEGORIES):  # why a score is short of 100
            text += "; short: " + ", ".join(score["failed"])
        label = f"Lighthouse mobile, {kind} {PAGE_TYPES[kind]} (perf / a11y / best / SEO, median of {LIGHTHOUSE_RUNS})"
        rows.append((label, text, _budget(ok, "100 / 100 / 100 / 100")))
    return rows


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="smr-bench-"))
    try:
        rows = build_rows(work)
        site = work / "site"
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-d", str(site)],
            cwd=ROOT,
            env={**ENV, "ATLAS_DOWNLOADS": "true"},
            check=True,
            capture_output=True,
        )
        rows += lighthouse_rows(site)
        rows += pdf_rows(site)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    table = ["| measure | result | budget |", "|---|---|---|", *[f"| {a} | {b} | {c} |" for a, b, c in rows]]
    header = (
        f"# Benchmark results\n\nMeasured {time.strftime('%Y-%m-%d %H:%M')} on {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}.\n\n"
    )
    (ROOT / "bench" / "results.md").write_text(header + "\n".join(table) + "\n", encoding="utf-8")
    print("\n".join(table))
    return 0


def _budget(ok: bool, text: str) -> str:
    return f"{text} {'✓' if ok else '✗ over budget'}"


if __name__ == "__main__":
    sys.exit(main())

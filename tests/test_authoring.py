"""Adding a technique is one file: the scaffold, the lint gate, the report link, the preview."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from atlas.errors import DataError
from atlas.records import load_atlas
from atlas.scaffold import new_technique
from conftest import ENV, ROOT

FILLED = {  # what an author might write in place of each TODO, by field
    "title": "Calves on a foam roller, seated",
    "summary": "A gentle way to work the calf while you sit.",
    "regions": "[calves]",
    "equipment": "[foam-roller]",  # the tool of the figure the scaffold copies from a technique
    "evidence": "[behm2020foam, bartsch2021expert]",
    "setup": "Sit on a chair and put the ball under your calf.",
    "research": "Short bouts of rolling raise range of motion for a while.",
    "seconds": "60",
    "sets": "2",
    "rest_seconds": "15",
    "per_side": "true",
    "pace": "Slow, about 3 seconds each way.",
}


def fill(text: str) -> str:
    def line(match: re.Match) -> str:
        indent, name = match.group(1), match.group(2)
        return f"{indent}{name}: {FILLED[name]}" if name in FILLED else match.group(0)

    text = re.sub(r"^(\s*)(\w+): \[?TODO\]?.*$", line, text, flags=re.M)
    return text.replace("  - TODO", "  - Keep breathing slowly.")


def test_scaffold_fails_clearly_until_filled_then_validates(project):
    path = new_technique("calves-ball-seated", project)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/technique.schema.json")
    with pytest.raises(DataError) as info:
        load_atlas(project)
    lines = str(info.value).splitlines()
    assert all(line.startswith("data/techniques/calves-ball-seated.yaml:") for line in lines)
    assert any(re.search(r":\d+: dose\.seconds: still says TODO — fill it in — Seconds per set", x) for x in lines)
    # every required field of the schema is present in the scaffold
    import json

    schema = json.loads((ROOT / "data/schema/technique.schema.json").read_text(encoding="utf-8"))
    for field in schema["required"]:
        assert re.search(rf"^{field}:", text, re.M), field

    path.write_text(fill(text), encoding="utf-8")
    atlas = load_atlas(project)
    assert atlas.techniques["calves-ball-seated"].dose.total_seconds == 2 * (2 * 60 + 15)


def test_scaffold_refuses_an_existing_or_invalid_id(project):
    with pytest.raises(DataError, match="already exists"):
        new_technique("calves-foam-roller", project)
    with pytest.raises(DataError, match="'Calves_Ball' is not a valid id"):
        new_technique("Calves_Ball", project)
    assert not (project / "data/techniques/Calves_Ball.yaml").exists()


@pytest.mark.lint
def test_make_lint_passes_on_the_repository():
    result = subprocess.run(
        ["make", "--no-print-directory", "lint"], cwd=ROOT, capture_output=True, text=True, env=ENV, timeout=300
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


def test_report_link_carries_the_page_url(page):
    page.goto("/techniques/calves-foam-roller/")
    link = page.get_by_role("link", name="Report a problem")
    href = link.get_attribute("href")
    assert href.startswith("https://github.com/") and "template=page-problem.yml" in href
    from urllib.parse import parse_qs, urlparse

    assert parse_qs(urlparse(href).query)["page"] == ["https://smr-atlas.github.io/techniques/calves-foam-roller/"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, seconds: float):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.3)
    return None


@pytest.mark.build
def test_serve_keeps_the_last_good_build_and_says_what_is_wrong(project, tmp_path):
    port = _free_port()
    log = (tmp_path / "serve.log").open("w+")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "--livereload", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={**ENV, "PYTHONUNBUFFERED": "1"},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/techniques/calves-foam-roller/"
    try:
        # Its first build makes both languages: 10 s alone, over 90 s beside the rest of a busy test run.
        assert _wait_for(lambda: "Roll slowly down" in _get(url), 300), "serve never came up"
        tech = project / "data/techniques/calves-foam-roller.yaml"
        tech.write_text(tech.read_text(encoding="utf-8").replace("  seconds: 60", "  seconds: lots"), encoding="utf-8")
        os.utime(tech)
        html = _wait_for(lambda: (h := _get(url)) and "preview is out of date" in h and h, 300)
        assert html, "the preview never showed the notice"
        assert "Roll slowly down" in html  # the last good page, not an empty site
        assert (
            "dose.seconds: expected a whole number, got &#39;lots&#39;" in html
            or "dose.seconds: expected a whole number, got 'lots'" in html
        )
        assert html.count("dose.seconds: expected a whole number") == 1  # each pass loads the English data
        assert server.poll() is None, "serve crashed"
        log.seek(0)
        output = log.read()
        assert "data/techniques/calves-foam-roller.yaml:" in output and "Traceback" not in output
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()

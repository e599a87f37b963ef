"""The code stays small enough to read: no module of the site's code over 300 lines and no function
over 50 (ruff's C901 and PLR09xx rules, in .ruff.toml, also cap complexity, branches and statements)."""

from __future__ import annotations

import ast

import pytest
from conftest import ROOT

CODE = sorted(
    p for folder in ("hooks", "bench") for p in (ROOT / folder).rglob("*.py") if "node_modules" not in p.parts
)
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 50


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_modules_and_functions_are_short(path):
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= MAX_MODULE_LINES, f"{path.name}: split it into modules that say what they hold"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == [], f"{path.name}: functions over {MAX_FUNCTION_LINES} lines: {long}"

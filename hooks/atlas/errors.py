"""The project's own error type: one readable line per problem, never a traceback.

Every message has the shape ``file:line: field: what is wrong — how to fix``, so an author
can jump straight to the spot in an editor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PLAIN_KEY = re.compile(r"^[\w-]+$")


@dataclass(frozen=True)
class Problem:
    file: str  # relative to the project root, e.g. data/techniques/calves-foam-roller.yaml
    line: int | None
    field: str | None  # dotted path, e.g. dose.seconds or steps[2]
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


class DataError(Exception):
    """One or more problems in the site's data; str() gives one line per problem."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def line_at(text: str, index: int) -> int:
    """The 1-based line of ``text`` that character ``index`` is on."""
    return text.count("\n", 0, index) + 1


def field_path(path: tuple) -> str:
    """('dose', 'seconds') → 'dose.seconds'; ('steps', 2) → 'steps[2]'."""
    out = ""
    for part in path:
        if not isinstance(part, int) and not _PLAIN_KEY.fullmatch(str(part)):
            part = repr(str(part))  # a key with spaces or control characters (a final newline too) stays on the line
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

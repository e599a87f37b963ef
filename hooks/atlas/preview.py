"""What a data problem does to a build: stop it — or, in `mkdocs serve` with a good build behind it,
keep the last good pages on screen with a notice on every page until the author fixes the file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from mkdocs.exceptions import PluginError

from .errors import DataError
from .templating import render

T = TypeVar("T")


class Preview:
    def __init__(self, log):
        self.log = log
        self.serving = False  # `mkdocs serve` (on_startup)
        self.last_good = None  # the last data that loaded for this pass's language, kept across rebuilds
        self._good: dict[str, object] = {}  # each language's last good data (each pass loads its own)
        self.problems: list[str] = []  # this build's problems, shown on every page while serving

    def reset(self) -> None:
        self.problems = []

    def fail(self, error: DataError):
        # PluginError stops the build with just this message; no traceback reaches the author.
        raise PluginError(f"SMR Atlas data problem:\n{error}")

    def load(self, load: Callable[[], T], language: str) -> T:
        """The data in ``language``, or (while serving) the last data in it that loaded."""
        self.last_good = self._good.get(language)
        try:
            self.last_good = self._good[language] = load()
        except DataError as e:
            self._problem(e)
        return self.last_good

    def check(self, step: Callable[[], T], *, default: T | None = None, fatal: bool = False) -> T | None:
        """``step()``, or ``default`` after reporting its problem while serving; ``fatal`` always stops."""
        try:
            return step()
        except DataError as e:
            if fatal:
                self.fail(e)
            self._problem(e)
            return default

    def notice(self) -> str:
        """The box on top of every page while the data has problems (serve only), or ''."""
        return render("_preview_notice.html.j2", problems=self.problems) if self.problems else ""

    def _problem(self, error: DataError) -> None:
        if not (self.serving and self.last_good):
            self.fail(error)
        new = [line for line in str(error).splitlines() if line not in self.problems]
        if new:  # each language's data holds the English, so the first pass can meet one mistake twice
            self.log.error("SMR Atlas data problem (the preview shows the last good data):\n%s", "\n".join(new))
            self.problems.extend(new)

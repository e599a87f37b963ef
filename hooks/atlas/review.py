"""Review dates that mean something: every page shows when it was last reviewed against its sources and
when its next review is due (the NHS convention). Both come from the data — the `reviewed:` date of the
record or the page's front matter — never from the build date. The build refuses a review date in the
future, and a page whose review is overdue: the reader is then told something nobody stands behind.
"""

from __future__ import annotations

from datetime import date

from .errors import Problem, field_path
from .load import Document

REVIEW_EVERY_MONTHS = 12  # every page is reviewed against the research at least once a year


def review_due(reviewed: str | date) -> date:
    """The date the next review of a page reviewed on ``reviewed`` is due."""
    last = reviewed if isinstance(reviewed, date) else date.fromisoformat(str(reviewed))
    months = last.month - 1 + REVIEW_EVERY_MONTHS
    year, month = last.year + months // 12, months % 12 + 1
    for day in (last.day, 30, 29, 28):  # 29 February, 31 May… fall back to the month's last day
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def review_problems(doc: Document, today: date) -> list[Problem]:
    """Every `reviewed:` date in ``doc`` that is in the future or whose review is overdue."""
    return [p for path in _reviewed_paths(doc.data, ()) for p in _check(doc, path, today)]


def _check(doc: Document, path: tuple, today: date) -> list[Problem]:
    value = _at(doc.data, path)
    try:
        reviewed = date.fromisoformat(str(value))
    except ValueError:
        return []  # the schema and text checks report impossible dates
    where = (doc.file, doc.line_of(path), field_path(path))
    if reviewed > today:
        return [Problem(*where, f"{reviewed} is in the future", "write the date the review actually happened")]
    if review_due(reviewed) < today:
        hint = "review it against its sources, then set reviewed: to today's date"
        return [Problem(*where, f"the review was due on {review_due(reviewed)}", hint)]
    return []


def _reviewed_paths(value, path: tuple):
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "reviewed" and isinstance(item, str):
                yield path + (key,)
            else:
                yield from _reviewed_paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _reviewed_paths(item, path + (i,))


def _at(value, path: tuple):
    for key in path:
        value = value[key]
    return value

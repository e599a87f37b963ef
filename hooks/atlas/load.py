"""Reading data files: YAML → plain Python values plus the line of every value.

This is the only module that reads data from disk. It is strict on purpose: a file must be a
regular file of at most MAX_BYTES, UTF-8, non-empty and a mapping, nested at most MAX_DEPTH deep;
duplicate keys and YAML aliases are refused (an alias chain lets a tiny file expand into millions of
values); characters YAML counts as line breaks but editors do not (U+0085, U+2028, U+2029) are
refused, so every line number matches the editor's; keys and dates stay exactly as the author wrote
them (YAML would read a key 0755 as the number 493, and 2026-11-25 as a date).
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from .errors import DataError, Problem, field_path, line_at


@dataclass
class Document:
    """One data file: its values and where each value starts (1-based lines)."""

    file: str  # path relative to the project root, used in messages
    data: dict
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, path: tuple) -> int:
        """The line of the value at ``path``, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


# libyaml parses about ten times faster than pure Python (it matters at a thousand techniques);
# the behaviour is the same, and the pure-Python loader stands in where libyaml is missing.
_SafeLoader = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader


class _StrictLoader(_SafeLoader):
    """SafeLoader that keeps dates as text (aliases are refused before composing, in parse_yaml)."""


# YAML would turn 2026-11-25 into a date object; keep the author's text instead.
_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


MAX_BYTES = 512 * 1024  # the largest data file today is about 20 KB
MAX_DEPTH = 12  # the deepest data today is 4 levels; a deeper file is a mistake or an attack
_LINE_BREAKS = re.compile("[\x85\u2028\u2029]")


def _refuse_aliases(loader: _StrictLoader) -> None:
    """A first pass over the events (cheap with libyaml): no aliases — an alias chain lets a tiny file
    expand into millions of values — and no nesting deeper than MAX_DEPTH, before anything is built."""
    depth = 0
    while not loader.check_event(yaml.StreamEndEvent):
        event = loader.get_event()
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(
                    event.start_mark.line + 1,
                    f"lists and groups are nested more than {MAX_DEPTH} deep",
                    "no data kind needs that; check the brackets and indentation",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        elif isinstance(event, yaml.AliasEvent):
            raise _Refused(
                event.start_mark.line + 1,
                f"YAML aliases (*{event.anchor}) are not allowed",
                "write the value out in full",
            )


class _Refused(Exception):
    def __init__(self, line: int, message: str, hint: str | None = None):
        self.line, self.message, self.hint = line, message, hint


def parse_yaml(text: str, file: str) -> Document:
    """Parse YAML text into a Document, or raise DataError naming file and line."""
    if all(not line.strip() or line.strip().startswith("#") for line in text.split("\n")):
        raise DataError(Problem(file, None, None, "the file is empty", "copy an existing file as a start"))
    if match := _LINE_BREAKS.search(text):
        raise DataError(
            Problem(
                file,
                line_at(text, match.start()),
                None,
                f"the file contains U+{ord(match.group()):04X}, which YAML reads as a line break",
                "delete it; most editors do not show it",
            )
        )
    try:
        doc = _compose(text, file)
    except (_Refused, yaml.YAMLError) as e:
        raise DataError(_problem(e, text, file)) from None
    if not isinstance(doc.data, dict):
        raise DataError(
            Problem(
                file,
                1,
                None,
                f"expected a mapping of fields, got {_kind(doc.data)}",
                "start each line with a field name, e.g. 'title: …'",
            )
        )
    return doc


def _compose(text: str, file: str) -> Document:
    loader = _StrictLoader(text)
    try:
        _refuse_aliases(loader)  # a first pass over the events; libyaml makes it cheap
        loader.dispose()
        loader = _StrictLoader(text)
        root = loader.get_single_node()
        if root is None:
            raise _Refused(1, "the file is empty")
        doc = Document(file, {})
        doc.data = _build(loader, root, (), doc)
        return doc
    finally:
        loader.dispose()


_CONTROL_HINT = "delete it; it is invisible in most editors"
_TAG_HINT = "remove the '!…' tag and write plain text, numbers or lists"


def _problem(e: Exception, text: str, file: str) -> Problem:
    """A YAML error (or one of our refusals) as one line for the author."""
    if isinstance(e, _Refused):
        return Problem(file, e.line, None, e.message, e.hint)
    if isinstance(e, yaml.reader.ReaderError):
        line = line_at(text, e.position) if e.position is not None else None
        return Problem(file, line, None, f"the file contains a control character (#x{e.character:04x})", _CONTROL_HINT)
    if isinstance(e, yaml.constructor.ConstructorError):
        line = e.problem_mark.line + 1 if e.problem_mark else None
        return Problem(file, line, None, f"unsupported YAML tag: {e.problem}", _TAG_HINT)
    if isinstance(e, yaml.MarkedYAMLError):
        mark = e.problem_mark or e.context_mark
        what = " ".join(x for x in (e.context, e.problem) if x)
        hint = "check the indentation and quotes on this line and the one above"
        return Problem(file, mark.line + 1 if mark else None, None, f"YAML syntax error: {what}", hint)
    return Problem(file, None, None, f"YAML error: {e}")


_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp")
}


def _build(loader: _StrictLoader, node, path: tuple, doc: Document):
    doc.lines.setdefault(path, node.start_mark.line + 1)
    if node.tag not in _PLAIN_TAGS:
        raise _Refused(
            node.start_mark.line + 1,
            f"unsupported YAML tag '{node.tag}'",
            "remove the '!…' tag and write plain text, numbers or lists",
        )
    if isinstance(node, ScalarNode):
        return loader.construct_object(node, deep=True)
    if isinstance(node, SequenceNode):
        return [_build(loader, child, path + (i,), doc) for i, child in enumerate(node.value)]
    if isinstance(node, MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, ScalarNode) or key_node.tag == "tag:yaml.org,2002:merge":
                raise _Refused(line, "only plain field names are allowed as keys")
            key = key_node.value  # as written: YAML would make 0755 the number 493 and 'yes' true
            if key in out:
                where = field_path(path + (key,))
                raise _Refused(
                    line, f"{where}: duplicate key (first at line {doc.lines[path + (key,)]})", "remove one of them"
                )
            doc.lines[path + (key,)] = line
            out[key] = _build(loader, value_node, path + (key,), doc)
        return out
    raise _Refused(node.start_mark.line + 1, "unsupported YAML node")  # pragma: no cover


def load_yaml(path: Path, root: Path) -> Document:
    """Read one data file. ``root`` is the project root, for readable file names."""
    file = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    raw = read_bytes(path, file)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise DataError(
            Problem(file, line, None, "the file is not UTF-8 text", "save it as UTF-8 in your editor")
        ) from None
    return parse_yaml(text.lstrip("\ufeff"), file)


def read_bytes(path: Path, file: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes. A named pipe, a device or a link to one
    would block or never end, so anything but a regular file is refused before it is opened."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise DataError(Problem(file, None, None, "is not a regular file", "data files must be plain text files"))
        if info.st_size > limit:
            raise DataError(Problem(file, None, None, f"is {info.st_size // 1024} KB; at most {limit // 1024} KB"))
        with path.open("rb") as f:
            raw = f.read(limit + 1)  # a file that grew since stat() is still cut off here
    except OSError as e:
        raise DataError(Problem(file, None, None, f"cannot read the file: {e.strerror}")) from None
    if len(raw) > limit:
        raise DataError(Problem(file, None, None, f"is larger than {limit // 1024} KB"))
    return raw


def _kind(value) -> str:
    return {
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)

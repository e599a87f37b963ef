"""Loading data/postures.yaml: through atlas.load and atlas.validate, like every other data file.

``load_postures(root)`` returns the Document, or raises DataError with every problem found:
schema problems, and joint angles outside their normal range in a posture itself.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataError, Problem, field_path
from ..load import Document, load_yaml
from ..validate import load_schema, schema_problems
from .ranges import RANGE_HINT, out_of_range


def load_postures(root: Path) -> Document:
    doc = load_yaml(Path(root) / "data" / "postures.yaml", Path(root))
    problems = posture_problems(doc)
    if problems:
        raise DataError(problems)
    return doc


def posture_problems(doc: Document) -> list[Problem]:
    problems = schema_problems(doc, load_schema("postures"))
    if problems:
        return problems
    for pid, posture in doc.data.items():
        joints = posture.get("joints", {})
        for name in joints:
            message = out_of_range(posture["view"], name, joints)
            if message:
                path = (pid, "joints", name)
                problems.append(Problem(doc.file, doc.line_of(path), field_path(path), message, RANGE_HINT))
    return problems

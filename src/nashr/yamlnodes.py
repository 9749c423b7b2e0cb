"""Load YAML keeping the line of every node, so schema errors can point at the exact line."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from nashr.diagnostics import Diagnostic, Location


MAX_RECOVERIES = 20


def compose(text: str, path: Path) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """Parse YAML text into a node tree, reporting syntax errors at their line.

    After a syntax error the offending line is blanked and parsing tried again, so the rest of the
    file is still checked and every problem is reported in one run; the build fails all the same.
    """
    lines = text.split("\n")
    problems: list[Diagnostic] = []
    for _ in range(MAX_RECOVERIES):
        try:
            return yaml.compose("\n".join(lines), Loader=yaml.SafeLoader), problems
        except yaml.MarkedYAMLError as exc:
            mark = _culprit(exc, lines)
            problem = exc.problem or "invalid YAML"
            if exc.context:
                problem = f"{exc.context}, {problem}"
            problems.append(Diagnostic(
                Location(path, mark.line + 1 if mark else 0, mark.column + 1 if mark else 0),
                f"YAML syntax error: {problem}; check indentation, colons and quotes on this line",
            ))
            if mark is None or mark.line >= len(lines) or not lines[mark.line].strip():
                break
            lines[mark.line] = ""
        except yaml.reader.ReaderError as exc:  # a control character: YAML refuses the whole text
            text = "\n".join(lines)
            line = text.count("\n", 0, exc.position) + 1
            column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
            problems.append(Diagnostic(Location(path, line, column),
                                       f"character U+{exc.character:04X} is not allowed in YAML; delete it"))
            break
    return None, problems


def _culprit(exc: yaml.MarkedYAMLError, lines: list[str]) -> yaml.Mark | None:
    """Where the author should look: the problem itself, unless it was only noticed at the end of
    the file (an unclosed quote or bracket), then where the unclosed construct began."""
    mark = exc.problem_mark
    at_end = mark is None or not "".join(lines[mark.line:]).strip()
    return exc.context_mark if at_end and exc.context_mark is not None else mark


def scalar_value(node: yaml.ScalarNode) -> Any:
    """The Python value of a scalar node, resolved with YAML's safe rules (dates, ints, booleans…)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except ValueError:  # looks like a date or number but is not a valid one: keep the text
        return node.value
    finally:
        loader.dispose()


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1

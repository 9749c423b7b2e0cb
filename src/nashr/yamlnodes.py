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
            mark = exc.problem_mark or exc.context_mark
            problem = exc.problem or "invalid YAML"
            if exc.context:
                problem = f"{exc.context}, {problem}"
            line = mark.line + 1 if mark else 0
            problems.append(Diagnostic(
                Location(path, line, mark.column + 1 if mark else 0),
                f"YAML syntax error: {problem}; check indentation, colons and quotes on this line",
            ))
            bad = _offending_line(exc, lines)
            if bad is None or not lines[bad].strip():
                break
            lines[bad] = ""
    return None, problems


def _offending_line(exc: yaml.MarkedYAMLError, lines: list[str]) -> int | None:
    """The 0-based line to blank: where the construct that failed started, else where it failed."""
    for mark in (exc.context_mark, exc.problem_mark):
        if mark is not None and mark.line < len(lines) and lines[mark.line].strip():
            return mark.line
    return None


def scalar_value(node: yaml.ScalarNode) -> Any:
    """The Python value of a scalar node, resolved with YAML's safe rules (dates, ints, booleans…)."""
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def line_of(node: yaml.Node) -> int:
    return node.start_mark.line + 1

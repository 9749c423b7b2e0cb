"""Check footnote labels in the Markdown source, where line numbers are still known.

Pandoc silently drops a definition nobody calls, prints an undefined call as literal text and keeps
only one of two same-named definitions; an editor must hear about each, at its line. Labels are local
to a content file: a call and its definition live in the same file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from nashr.diagnostics import Diagnostic, Location
from nashr.project import SourceFile

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:")
_CALL = re.compile(r"(?<!\\)\[\^([^\]\s]+)\]")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")


@dataclass(frozen=True)
class LabelUse:
    label: str
    line: int
    column: int


def scan(text: str) -> tuple[list[LabelUse], list[LabelUse]]:
    """Calls and definitions of footnote labels, outside fenced code and inline code."""
    calls: list[LabelUse] = []
    definitions: list[LabelUse] = []
    fence: str | None = None
    for number, line in enumerate(text.split("\n"), start=1):
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            continue
        if opening:
            fence = opening.group(1)
            continue
        masked = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        body_start = 0
        definition = _DEFINITION.match(masked)
        if definition:
            definitions.append(LabelUse(definition.group(1), number, definition.start(1)))
            body_start = definition.end()
        for call in _CALL.finditer(masked, body_start):
            calls.append(LabelUse(call.group(1), number, call.start() + 1))
    return calls, definitions


def check_labels(source: SourceFile) -> list[Diagnostic]:
    """Undefined calls, unused definitions and duplicated labels in one content file."""
    calls, definitions = scan(source.text)
    problems: list[Diagnostic] = []
    first_definition: dict[str, LabelUse] = {}
    for definition in definitions:
        earlier = first_definition.get(definition.label)
        if earlier:
            problems.append(Diagnostic(
                Location(source.path, definition.line),
                f"note label [^{definition.label}] is defined twice (first on line {earlier.line}); "
                "rename one of them and its call",
            ))
        else:
            first_definition[definition.label] = definition
    called = {call.label for call in calls}
    for call in calls:
        if call.label not in first_definition:
            problems.append(Diagnostic(
                Location(source.path, call.line, call.column),
                f"note [^{call.label}] is called but never defined; add a line '[^{call.label}]: note text' "
                "to this file",
            ))
    for label, definition in first_definition.items():
        if label not in called:
            problems.append(Diagnostic(
                Location(source.path, definition.line),
                f"note [^{label}] is defined but never called; put [^{label}] where the note belongs, "
                "or delete the definition",
            ))
    return sorted(problems, key=lambda d: (d.location.line, d.location.column))

"""Problems found in a manuscript, reported as `path:line[:col]: error: message`.

Every stage collects problems instead of stopping at the first one, so an editor sees all of them in one
run; a stage that cannot go on raises `ManuscriptError` with everything collected so far.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """A place in a manuscript file; line and column are 1-based, 0 means unknown."""

    path: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        text = display_path(self.path)
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Diagnostic:
    location: Location
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        return _printable(f"{self.location}: {self.severity}: {self.message}")


def _printable(text: str) -> str:
    """Control characters from a manuscript (a key holding a line break, an ANSI escape) shown escaped, so
    a message can neither garble nor drive the terminal. A message's own continuation lines (a line break
    followed by an indent) stay."""
    return "".join(ch if unicodedata.category(ch) != "Cc" or (ch == "\n" and text.startswith("  ", i + 1))
                   else repr(ch)[1:-1] for i, ch in enumerate(text))


class ManuscriptError(Exception):
    """The manuscript has problems that stop the build; `diagnostics` lists all of them."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = list(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def __reduce__(self):  # so the diagnostics survive pickling back from a worker process or a Dask worker
        return ManuscriptError, (self.diagnostics,)


class Collector:
    """Gathers diagnostics across a stage and raises them together."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def error(self, location: Location, message: str) -> None:
        self.diagnostics.append(Diagnostic(location, message))

    def extend(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics.extend(diagnostics)

    def raise_if_any(self) -> None:
        if self.diagnostics:
            raise ManuscriptError(self.diagnostics)


def display_path(path: Path) -> str:
    """The path relative to the current directory when it lies below it, else absolute."""
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute)
    return absolute if relative.startswith("..") else relative

"""Problems found in a manuscript, reported as `path:line[:col]: error: message`.

Every stage collects problems instead of stopping at the first one, so an editor sees all of them in one
run; a stage that cannot go on raises `ManuscriptError` with everything collected so far.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable


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


class WarningsAreErrors(ManuscriptError):
    """`--strict` (like Sphinx's -W): the run gave `count` warnings, printed as they came; nothing is written."""

    def __init__(self, count: int):
        self.count = count
        super().__init__([])

    def __str__(self) -> str:
        return (f"{self.count} warning{'s' if self.count != 1 else ''}, which --strict makes errors; fix "
                f"{'them' if self.count != 1 else 'it'}, or leave out --strict")

    def __reduce__(self):
        return WarningsAreErrors, (self.count,)


class Counted:
    """Passes each warning on to `warn`, counting them (what `--strict` asks about)."""

    def __init__(self, warn: Callable[[Diagnostic], None]):
        self.warn, self.count = warn, 0

    def __call__(self, diagnostic: Diagnostic) -> None:
        self.count += 1
        self.warn(diagnostic)

    def stop_if_strict(self, strict: bool) -> None:
        if strict and self.count:
            raise WarningsAreErrors(self.count)


SHOWN_PLACES = 4  # the other places a repeated message is named at; the rest are counted


def named_places(places: list[str]) -> str:
    """`places` as a message names them: the first SHOWN_PLACES, the others counted."""
    more = f" and {len(places) - SHOWN_PLACES} more" if len(places) > SHOWN_PLACES else ""
    return ", ".join(places[:SHOWN_PLACES]) + more


def grouped(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Each distinct message once, in the order first seen, at its first place; a repeated one says how
    many times it came and where else: `a.md:3: warning: … (3 times: also at b.md:7, c.md:2)`."""
    places: dict[tuple[str, str], list[Location]] = {}
    for diagnostic in diagnostics:
        places.setdefault((diagnostic.severity, diagnostic.message), []).append(diagnostic.location)
    result = []
    for (severity, message), locations in places.items():
        others = list(dict.fromkeys(str(location) for location in locations))[1:]
        if len(locations) > 1:
            named = named_places(others)
            message = f"{message} ({len(locations)} times{': also at ' + named if named else ''})"
        result.append(Diagnostic(locations[0], message, severity))
    return result


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

"""Output formats: one module per format behind one small protocol, looked up by name.

Writers are imported only when used, so building a DOCX never pays for importing WeasyPrint.
Adding a format is one module (or package) and one line in WRITERS. A writer with options (the HTML
galley's `self_contained`) takes them as keyword arguments.

A writer may read other formats' outputs (the JATS takes its page range and note numbers from the PDF's
layout; the MECA package holds every other output): it names them in `needs`, the pipeline renders them
first in the same build and hands them to `write` as `built`, each with the facts its writer returned.
A writer may also read an output only when the build makes it anyway (the HTML galley shows the PDF's
page range when the PDF is built with it): it names it in `uses`, and gets it in `built` only then.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Protocol

from nashr.diagnostics import Diagnostic
from nashr.document import Document

Facts = dict[str, Any]  # what a writer tells about its output for the writers that need it (JSON data)


@dataclass(frozen=True)
class Built:
    """An output of this build that another writer reads: its file and its writer's facts."""

    path: Path
    facts: Facts = field(default_factory=dict)


@dataclass(frozen=True)
class Written:
    """What a writer returns: facts about its output for the writers that need it, warnings for the author."""

    facts: Facts = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)


class Writer(Protocol):
    name: str
    extension: str
    # Optionally:
    # - `preload`: modules the writer imports lazily and the pipeline may import early, while Pandoc
    #   parses (e.g. WeasyPrint);
    # - `warm()`: what a long-lived watcher process may prepare before its first document (the PDF
    #   writer loads its fonts and parses its stylesheets);
    # - `needs`: the formats whose outputs it reads; then `write` takes a third argument,
    #   `built: dict[str, Built]`, holding them;
    # - `uses`: the formats whose outputs it reads when they are in the same build (then they are
    #   rendered first and given in `built`), without bringing them in;
    # - `check(document) -> list[Diagnostic]`: what `nashr check` runs to find, writing nothing, what
    #   only this format's rendering shows (the PDF lays out its pages): raises ManuscriptError for
    #   what would stop `write`, returns its warnings. What concerns every format is checked before
    #   any writer: embedded files and images by embedded_files.py, metadata when it is loaded.

    def write(self, document: Document, target: Path) -> Written | None:
        """Write the whole output to `target` (a temporary path the pipeline renames into place); raise
        ManuscriptError for what stops it; return what other writers may need to know about the output
        and what the author should be warned of, if anything."""


WRITERS: dict[str, str] = {
    "pdf": "nashr.writers.pdf.writer:PdfWriter",
    "epub": "nashr.writers.epub.writer:EpubWriter",
    "docx": "nashr.writers.docx.writer:DocxWriter",
    "html": "nashr.writers.galley:HtmlWriter",
    "jats": "nashr.writers.jats:JatsWriter",
    "meca": "nashr.writers.jats.meca:MecaWriter",
}


def formats() -> list[str]:
    return list(WRITERS)


def get_writer(name: str, options: Mapping[str, object] | None = None) -> Writer:
    return load_writer(WRITERS[name], options)


def load_writer(spec: str, options: Mapping[str, object] | None = None) -> Writer:
    """The writer `spec` ("module:Class", a value of WRITERS) names, made with `options`."""
    module_name, class_name = spec.split(":")
    return getattr(importlib.import_module(module_name), class_name)(**(options or {}))


def preload(spec: str) -> None:
    """Import the heavy libraries the writer `spec` names in `preload` (WeasyPrint takes half a
    second) ahead of its first document. A failure here is left for the writer itself to raise."""
    try:
        for module in getattr(load_writer(spec), "preload", ()):
            importlib.import_module(module)
    except Exception:  # noqa: BLE001 - reported when the writer runs
        pass


def needs(name: str, building: Iterable[str] = ()) -> tuple[str, ...]:
    """The formats whose outputs the writer of `name` reads in a build of the formats `building`:
    those it needs, and those it uses that are among them."""
    writer = get_writer(name)
    return (*getattr(writer, "needs", ()), *(used for used in getattr(writer, "uses", ()) if used in building))


def with_needs(names: list[str]) -> list[str]:
    """`names` and every format they need, each format after those it needs or uses."""
    ordered: list[str] = []

    def visit(name: str, building: Iterable[str]) -> None:
        if name not in ordered:
            for need in needs(name, building):
                visit(need, building)
            ordered.append(name)

    for name in names:
        visit(name, ())
    wanted, ordered = ordered, []
    for name in wanted:  # again, now that what the build holds is known
        visit(name, wanted)
    return ordered

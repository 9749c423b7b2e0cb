"""Output formats: one module per format behind one small protocol, looked up by name.

Writers are imported only when used, so building a DOCX never pays for importing WeasyPrint.
Adding a format is one module (or package) and one line in WRITERS. A writer with options (the HTML
galley's `self_contained`) takes them as keyword arguments.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Mapping, Protocol

from nashr.document import Document


class Writer(Protocol):
    name: str
    extension: str
    # Optionally, `preload`: modules the writer imports lazily and the pipeline may import early, while
    # Pandoc parses (e.g. WeasyPrint); and `warm()`: what a long-lived watcher process may prepare
    # before its first document (the PDF writer loads its fonts and parses its stylesheets).

    def write(self, document: Document, target: Path) -> None:
        """Write the whole output to `target` (a temporary path the pipeline renames into place)."""


WRITERS: dict[str, str] = {
    "pdf": "nashr.writers.pdf:PdfWriter",
    "epub": "nashr.writers.epub:EpubWriter",
    "docx": "nashr.writers.docx:DocxWriter",
    "html": "nashr.writers.galley:HtmlWriter",
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

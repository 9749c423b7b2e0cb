"""Output formats: one module per format behind one small protocol, looked up by name.

Writers are imported only when used, so building a DOCX never pays for importing WeasyPrint.
Adding a format is one module and one line in WRITERS.
"""
from __future__ import annotations

import importlib
from pathlib import Path
from typing import Protocol

from nashr.diagnostics import Diagnostic
from nashr.document import Document


class Writer(Protocol):
    name: str
    extension: str
    # Optionally, `preload`: modules the writer imports lazily and the pipeline may import early, while
    # Pandoc parses (e.g. WeasyPrint).

    def write(self, document: Document, target: Path) -> list[Diagnostic] | None:
        """Write the whole output to `target` (a temporary path the pipeline renames into place); raise
        ManuscriptError for what stops it, return what the author should be warned of."""


WRITERS: dict[str, str] = {
    "pdf": "nashr.writers.pdf:PdfWriter",
    "epub": "nashr.writers.epub:EpubWriter",
    "docx": "nashr.writers.docx:DocxWriter",
}


def formats() -> list[str]:
    return list(WRITERS)


def get_writer(name: str) -> Writer:
    module_name, class_name = WRITERS[name].split(":")
    return getattr(importlib.import_module(module_name), class_name)()

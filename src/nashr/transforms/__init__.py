"""Transforms: pure functions Document → Document, applied in order before any writer runs.

Every writer receives the same transformed document, so note numbers and text never disagree
between formats. Format-specific reshaping (e.g. notes placed inline for the PDF) lives with the
writer that needs it.
"""
from __future__ import annotations

from typing import Callable

from nashr.document import Document
from nashr.proclitics import join_proclitics
from nashr.transforms.bidi import isolate_directions
from nashr.transforms.captions import number_figures_and_tables
from nashr.transforms.footnotes import number_notes
from nashr.transforms.identifiers import unique_identifiers
from nashr.transforms.numerals import label_notes
from nashr.transforms.tables import size_tables
from nashr.transforms.verse import set_verse

Transform = Callable[[Document], Document]

TRANSFORMS: list[Transform] = [unique_identifiers, number_notes, label_notes, number_figures_and_tables, join_proclitics, set_verse,
                               isolate_directions, size_tables]


def apply_transforms(document: Document) -> Document:
    for transform in TRANSFORMS:
        document = transform(document)
    return document

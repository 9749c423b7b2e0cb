"""The only place that knows the order of the stages: load → check → parse → transform → write."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from nashr.diagnostics import Diagnostic
from nashr.document import Document
from nashr.note_labels import check_labels
from nashr.output import atomic_output
from nashr.parse import parse_project
from nashr.project import load_project
from nashr.transforms import apply_transforms
from nashr.writers import get_writer

Report = Callable[[str], None]
Warn = Callable[[Diagnostic], None]


@dataclass(frozen=True)
class Output:
    format: str
    path: Path
    seconds: float


def prepare(manuscript_dir: Path, warn: Warn = lambda _: None) -> Document:
    """Everything before writing: load and validate, parse, transform. Writes nothing."""
    project = load_project(manuscript_dir, source_checks=[check_labels])
    document = parse_project(project)
    for warning in document.warnings:
        warn(warning)
    return apply_transforms(document)


def build(manuscript_dir: Path, out_dir: Path, formats: list[str], report: Report = lambda _: None,
          warn: Warn = lambda _: None) -> list[Output]:
    """Build each format into `out_dir/<slug>.<ext>`; an output is replaced only once fully written."""
    document = prepare(manuscript_dir, warn)
    outputs = []
    for name in formats:
        writer = get_writer(name)
        target = out_dir / f"{document.slug}.{writer.extension}"
        started = time.perf_counter()
        with atomic_output(target) as temporary:
            writer.write(document, temporary)
        outputs.append(Output(name, target, time.perf_counter() - started))
    return outputs

"""The only place that knows the order of the stages: load → check → parse → sandbox → transform → write.

`build` asks the cache (cache.py) which formats are out of date — before parsing anything when the files
the last build read are unchanged — renders those in parallel (parallel.py) into temporary files and
renames them into place only when every one succeeded (output.py).
"""
from __future__ import annotations

import importlib
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path

from typing import TYPE_CHECKING, Callable

from nashr.cache import BuildCache
from nashr.diagnostics import display_path
from nashr.output import atomic_outputs, remove_stale_temporaries
from nashr.progress import Progress
from nashr.project import manuscript_location
from nashr.reproducible import creation_datetime, dating
from nashr.writers import formats as all_formats, get_writer

if TYPE_CHECKING:
    from nashr.diagnostics import Diagnostic
    from nashr.document import Document

Warn = Callable[["Diagnostic"], None]

# The stages are imported where they run, so a rebuild with nothing to do loads only the cache.

MANUSCRIPT = "manuscript"  # the progress line of the stages before writing


@dataclass(frozen=True)
class Output:
    format: str
    path: Path
    seconds: float
    rendered: bool = True  # False when the output was already up to date


def prepare(manuscript: Path, warn: Warn = lambda _: None) -> Document:
    """Everything before writing: load and validate, parse, check embedded files, transform. Writes nothing."""
    return _prepare(manuscript, Progress(), warn)[0]


def check(manuscript: Path, warn: Warn = lambda _: None) -> Document:
    """What `nashr check` runs: `prepare`, then the checks of every writer that can check without
    writing — the PDF's, on its laid-out pages (a note taller than a page, a running head on two
    lines) — so that a manuscript `check` passes does not fail to build. Writes nothing."""
    document = prepare(manuscript, warn)
    for name in all_formats():
        writer = get_writer(name)
        for warning in writer.check(document) if hasattr(writer, "check") else []:
            warn(warning)
    return document


def _prepare(manuscript: Path, progress: Progress, warn: Warn) -> tuple[Document, list[Path]]:
    """The transformed document and every manuscript file it was made from."""
    from nashr.citations import citation_files, resolve_citations
    from nashr.font_coverage import uncovered_characters
    from nashr.note_labels import check_labels
    from nashr.parse import parse_project
    from nashr.project import load_project
    from nashr.sandbox import check_resources
    from nashr.transforms import apply_transforms

    progress.stage(MANUSCRIPT, "loading")
    project = load_project(manuscript, source_checks=[check_labels])
    progress.stage(MANUSCRIPT, "parsing")
    document = resolve_citations(parse_project(project))
    for warning in document.warnings + uncovered_characters(document):
        warn(warning)
    resources = check_resources(document)
    progress.stage(MANUSCRIPT, "transforming")
    document = apply_transforms(document)
    inputs = [project.manifest] + [source.path for source in project.sources] + citation_files(project)
    return document, list(dict.fromkeys(inputs + resources))


def build(manuscript: Path, out_dir: Path, formats: list[str], progress: Progress = Progress(),
          force: bool = False, warn: Warn = lambda _: None, reproducible: bool = False) -> list[Output]:
    """Build each format of the `manuscript` (a folder, or a single Markdown file) into
    `out_dir/<slug>.<ext>`, rendering only what changed (all of it with `force`); outputs are replaced
    only once every rendered format is fully written. `reproducible` fixes the date they record."""
    root, single_file = manuscript_location(manuscript)
    remove_stale_temporaries(out_dir)
    cache = BuildCache(out_dir, all_formats(), single_file, dating(reproducible))
    fresh = None if force else _fresh_outputs(cache, root, formats)
    if fresh is not None:
        for output in fresh:
            progress.done(output.format, "up to date")
        cache.save()
        return fresh

    warmup = threading.Thread(target=_import_writers, args=(formats,), daemon=True)
    warmup.start()  # while Pandoc parses in its own processes
    started = time.perf_counter()
    try:
        document, inputs = _prepare(manuscript, progress, warn)
    finally:
        warmup.join()  # never fork a worker while another thread holds an import lock
    document = replace(document, created=creation_datetime(document.metadata, reproducible))
    progress.done(MANUSCRIPT, f"ok ({len(document.body())} content files, {time.perf_counter() - started:.1f} s)")
    outputs: dict[str, Output] = {}
    todo: dict[str, tuple[Path, dict[str, str]]] = {}
    for name in formats:
        target = out_dir / f"{document.slug}.{get_writer(name).extension}"
        fingerprint = cache.fingerprint(name, root, inputs)
        reason = "--force" if force else cache.stale_reason(name, fingerprint, target)
        if reason is None:
            outputs[name] = Output(name, target, 0.0, rendered=False)
            progress.done(name, "up to date")
        else:
            progress.detail(f"{name}: rendering because {reason}")
            todo[name] = (target, fingerprint)

    if todo:
        from nashr.parallel import Job, render

        seconds: dict[str, float] = {}

        def finished(name: str, elapsed: float) -> None:
            seconds[name] = elapsed
            if len(todo) > 1:
                progress.stage(name, f"rendered in {elapsed:.1f} s, waiting for the other formats")

        with atomic_outputs([target for target, _ in todo.values()]) as temporaries:
            jobs = [Job(name, temporary) for name, temporary in zip(todo, temporaries)]
            warnings = render(document, jobs, lambda name, _: progress.stage(name, "rendering"), finished)
        for warning in warnings:
            warn(warning)
        for name, (target, fingerprint) in todo.items():
            cache.record(name, fingerprint, target, root, inputs)
            outputs[name] = Output(name, target, seconds[name])
            progress.done(name, f"wrote {display_path(target)} ({seconds[name]:.1f} s)")
    cache.save()
    return [outputs[name] for name in formats]


def _import_writers(formats: list[str]) -> None:
    """Import the writers and the heavy libraries they name in `preload` (WeasyPrint takes half a
    second), so the import overlaps the parse instead of following it. A failure here is left for the
    writer itself to raise."""
    for name in formats:
        try:
            for module in getattr(get_writer(name), "preload", ()):
                importlib.import_module(module)
        except Exception:  # noqa: BLE001 - reported when the writer runs
            pass


def _fresh_outputs(cache: BuildCache, root: Path, formats: list[str]) -> list[Output] | None:
    """The outputs, when the files the last build read and every output are unchanged; else None."""
    inputs = cache.recorded_inputs(root)
    if inputs is None:
        return None
    fresh = []
    for name in formats:
        if cache.stale_reason(name, cache.fingerprint(name, root, inputs), None) is not None:
            return None
        fresh.append(Output(name, cache.recorded_output(name), 0.0, rendered=False))
    return fresh

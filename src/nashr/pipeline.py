"""The only place that knows the order of the stages: load → check → parse → sandbox → transform → write.

`build` asks the cache (cache.py) which formats are out of date — before parsing anything when the files
the last build read are unchanged — renders those in parallel (parallel.py) into temporary files and
renames them into place only when every one succeeded (output.py).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from nashr.cache import BuildCache
from nashr.diagnostics import display_path
from nashr.output import atomic_outputs, remove_stale_temporaries
from nashr.progress import Progress
from nashr.writers import WRITERS, formats as all_formats, get_writer, preload

if TYPE_CHECKING:
    from nashr.diagnostics import Diagnostic
    from nashr.document import Document

Warn = Callable[["Diagnostic"], None]
Overrides = dict[str, Any]  # metadata key → value, e.g. {"journal": Journal(...), "doi": "10.…"}

# The stages are imported where they run, so a rebuild with nothing to do loads only the cache.

MANUSCRIPT = "manuscript"  # the progress line of the stages before writing


@dataclass(frozen=True)
class Output:
    format: str
    path: Path
    seconds: float
    rendered: bool = True  # False when the output was already up to date


def prepare(manuscript_dir: Path, warn: Warn = lambda _: None, overrides: Overrides | None = None) -> Document:
    """Everything before writing: load and validate, parse, check embedded files, transform. Writes nothing.
    `overrides` replaces metadata keys (a journal issue supplies the journal block, DOI and first page)."""
    return _prepare(manuscript_dir, Progress(), warn, overrides)[0]


def _prepare(manuscript_dir: Path, progress: Progress, warn: Warn,
             overrides: Overrides | None = None) -> tuple[Document, list[Path]]:
    """The transformed document and every manuscript file it was made from."""
    from nashr.citations import citation_files, resolve_citations
    from nashr.font_coverage import uncovered_characters
    from nashr.note_labels import check_labels
    from nashr.parse import parse_project
    from nashr.project import load_project
    from nashr.sandbox import check_resources
    from nashr.transforms import apply_transforms

    progress.stage(MANUSCRIPT, "loading")
    project = load_project(manuscript_dir, source_checks=[check_labels])
    if overrides:
        project = replace(project, metadata=replace(project.metadata, **overrides))
    progress.stage(MANUSCRIPT, "parsing")
    document = resolve_citations(parse_project(project))
    for warning in document.warnings + uncovered_characters(document):
        warn(warning)
    resources = check_resources(document)
    progress.stage(MANUSCRIPT, "transforming")
    document = apply_transforms(document)
    inputs = [project.manifest] + [source.path for source in project.sources] + citation_files(project)
    return document, inputs + resources


@dataclass(frozen=True)
class Plan:
    """A build once the manuscript is prepared: the document, the files it was made from, and for each
    format its target and fingerprint; `todo` are the formats to render, the others are up to date."""

    root: Path
    document: Document
    inputs: list[Path]
    targets: dict[str, Path]
    fingerprints: dict[str, dict[str, str]]
    todo: list[str]


def plan(manuscript_dir: Path, out_dir: Path, formats: list[str], cache: BuildCache, progress: Progress,
         force: bool = False, warn: Warn = lambda _: None, options: dict[str, dict[str, object]] | None = None,
         preload: bool = True) -> Plan | list[Output]:
    """What a build of `formats` must render (all of it with `force`), or the outputs when every one is
    up to date and the files the last build read are unchanged (then nothing is parsed). With
    `preload`, the writers' heavy imports overlap the parse."""
    options = options or {}
    root = manuscript_dir.absolute()
    fresh = None if force else _fresh_outputs(cache, root, formats, options)
    if fresh is not None:
        for output in fresh:
            progress.done(output.format, "up to date")
        return fresh
    warmup = threading.Thread(target=_import_writers, args=(formats if preload else [],), daemon=True)
    warmup.start()  # while Pandoc parses in its own processes
    started = time.perf_counter()
    try:
        document, inputs = _prepare(root, progress, warn)
    finally:
        warmup.join()  # never fork a worker while another thread holds an import lock
    progress.done(MANUSCRIPT, f"ok ({len(document.body())} content files, {time.perf_counter() - started:.1f} s)")
    targets = {name: out_dir / f"{document.slug}.{get_writer(name).extension}" for name in formats}
    fingerprints = {name: cache.fingerprint(name, root, inputs, options.get(name)) for name in formats}
    todo = []
    for name in formats:
        reason = "--force" if force else cache.stale_reason(name, fingerprints[name], targets[name])
        if reason is None:
            progress.done(name, "up to date")
        else:
            progress.detail(f"{name}: rendering because {reason}")
            todo.append(name)
    return Plan(root, document, inputs, targets, fingerprints, todo)


def build(manuscript_dir: Path, out_dir: Path, formats: list[str], progress: Progress = Progress(),
          force: bool = False, warn: Warn = lambda _: None,
          options: dict[str, dict[str, object]] | None = None) -> list[Output]:
    """Build each format into `out_dir/<slug>.<ext>`, rendering only what changed (all of it with
    `force`); outputs are replaced only once every rendered format is fully written. `options` gives
    writers their keyword arguments by format (`{"html": {"self_contained": True}}`)."""
    options = options or {}
    remove_stale_temporaries(out_dir)
    cache = BuildCache(out_dir, all_formats())
    planned = plan(manuscript_dir, out_dir, formats, cache, progress, force, warn, options)
    if isinstance(planned, list):
        cache.save()
        return planned
    seconds: dict[str, float] = {}
    if planned.todo:
        from nashr.parallel import Job, render

        def finished(name: str, elapsed: float) -> None:
            seconds[name] = elapsed
            if len(planned.todo) > 1:
                progress.stage(name, f"rendered in {elapsed:.1f} s, waiting for the other formats")

        with atomic_outputs([planned.targets[name] for name in planned.todo]) as temporaries:
            jobs = [Job(name, temporary, options.get(name, {})) for name, temporary in zip(planned.todo, temporaries)]
            render(planned.document, jobs, lambda name, _: progress.stage(name, "rendering"), finished)
        for name in planned.todo:
            record(cache, planned, name)
            progress.done(name, f"wrote {display_path(planned.targets[name])} ({seconds[name]:.1f} s)")
    cache.save()
    return [Output(name, planned.targets[name], seconds.get(name, 0.0), rendered=name in planned.todo)
            for name in formats]


def record(cache: BuildCache, planned: Plan, name: str) -> None:
    """Remember in the cache that `name`'s target was written from the planned inputs."""
    cache.record(name, planned.fingerprints[name], planned.targets[name], planned.root, planned.inputs)


def _import_writers(formats: list[str]) -> None:
    """Import the writers' heavy libraries, so the import overlaps the parse instead of following it."""
    for name in formats:
        preload(WRITERS[name])


def _fresh_outputs(cache: BuildCache, root: Path, formats: list[str],
                   options: dict[str, dict[str, object]]) -> list[Output] | None:
    """The outputs, when the files the last build read and every output are unchanged; else None."""
    inputs = cache.recorded_inputs(root)
    if inputs is None:
        return None
    fresh = []
    for name in formats:
        if cache.stale_reason(name, cache.fingerprint(name, root, inputs, options.get(name)), None) is not None:
            return None
        fresh.append(Output(name, cache.recorded_output(name), 0.0, rendered=False))
    return fresh

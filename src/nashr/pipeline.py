"""The only place that knows the order of the stages: load → check → parse → sandbox → transform → write.

`build` asks the cache (cache.py) which formats are out of date — before parsing anything when the files
the last build read are unchanged — renders those in parallel (parallel.py) into temporary files and
renames them into place only when every one succeeded (output.py).

A format that needs others' outputs (writers.with_needs: the JATS needs the PDF, the MECA package every
other format) brings them into the build: they are written to the output folder like any format, and
rendered first — in stages, each stage in parallel — unless they are up to date; a needed output that
is rendered again makes the formats made from it render again too.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from nashr.cache import CACHE_DIR, BuildCache
from nashr.diagnostics import Counted, display_path
from nashr.output import atomic_outputs, remove_stale_temporaries
from nashr.progress import Progress
from nashr.project import manuscript_location
from nashr.reproducible import creation_datetime, dating
from nashr.writers import WRITERS, Built, formats as all_formats, get_writer, needs, preload, with_needs

if TYPE_CHECKING:
    from nashr.diagnostics import Diagnostic
    from nashr.document import Document

Warn = Callable[["Diagnostic"], None]
Overrides = dict[str, Any]  # metadata key → value, e.g. {"journal": Journal(...), "doi": "10.…"}

# The stages are imported where they run, so a rebuild with nothing to do loads only the cache.

MANUSCRIPT = "manuscript"  # the progress line of the stages before writing
PARSE_CACHE = "parsed"  # in the output folder's cache: each file's parse, by its content


@dataclass(frozen=True)
class Output:
    format: str
    path: Path
    seconds: float
    rendered: bool = True  # False when the output was already up to date


def prepare(manuscript: Path, warn: Warn = lambda _: None, overrides: Overrides | None = None) -> Document:
    """Everything before writing: load and validate, parse, check embedded files, transform. Writes nothing.
    `overrides` replaces metadata keys (a journal issue supplies the journal block, DOI and first page)."""
    return _prepare(manuscript, Progress(), warn, overrides)[0]


def check(manuscript: Path, warn: Warn = lambda _: None, strict: bool = False) -> Document:
    """What `nashr check` runs: `prepare` (embedded files included: embedded_files.py), then the
    checks of every writer that can check without writing — the PDF's, on its laid-out pages (a note
    taller than a page, a running head on two lines) — so that a manuscript `check` passes does not
    fail to build. With `strict`, a warning fails the check (WarningsAreErrors). Writes nothing."""
    from nashr.parallel import failures_as_bugs

    counted = Counted(warn)
    document = prepare(manuscript, counted)
    for name in all_formats():
        writer = get_writer(name)
        with failures_as_bugs(name):
            for warning in writer.check(document) if hasattr(writer, "check") else []:
                counted(warning)
    counted.stop_if_strict(strict)
    return document


def _prepare(manuscript: Path, progress: Progress, warn: Warn, overrides: Overrides | None = None,
             parse_cache: Path | None = None) -> tuple[Document, list[Path]]:
    """The transformed document and every manuscript file it was made from; `parse_cache` keeps each
    file's parse by its content (read_many.py)."""
    from nashr.citations import citation_files, resolve_citations
    from nashr.embedded_files import check_resources
    from nashr.font_coverage import uncovered_characters
    from nashr.note_labels import check_labels
    from nashr.parse import parse_project
    from nashr.project import load_project
    from nashr.transforms import apply_transforms

    progress.stage(MANUSCRIPT, "loading")
    project = load_project(manuscript, source_checks=[check_labels])
    if overrides:
        project = replace(project, metadata=replace(project.metadata, **overrides))
    progress.stage(MANUSCRIPT, "parsing")
    document = resolve_citations(parse_project(project, parse_cache))
    for warning in document.warnings + uncovered_characters(document):
        warn(warning)
    resources = check_resources(document)
    progress.stage(MANUSCRIPT, "transforming")
    document = apply_transforms(document)
    inputs = [project.manifest] + [source.path for source in project.sources] + citation_files(project)
    return document, list(dict.fromkeys(inputs + resources))


@dataclass(frozen=True)
class Plan:
    """A build once the manuscript is prepared: the document, the files it was made from, each
    format's target, and `todo`, the formats to render (the others are up to date), needs first."""

    root: Path
    document: Document
    inputs: list[Path]
    targets: dict[str, Path]
    todo: list[str]
    warned: bool = False  # the stages before writing gave warnings


def plan(manuscript: Path, out_dir: Path, formats: list[str], cache: BuildCache, progress: Progress,
         force: bool = False, warn: Warn = lambda _: None, reproducible: bool = False,
         options: dict[str, dict[str, object]] | None = None, preload: bool = True,
         strict: bool = False) -> Plan | list[Output]:
    """What a build of `formats` (each after those it needs: writers.with_needs) must render — all of
    it with `force` — or their outputs when every one is up to date and the files the last build read
    are unchanged (then nothing is parsed). With `preload`, the writers' heavy imports overlap the parse.
    With `strict`, a warning stops the build before anything renders (WarningsAreErrors), and an
    output whose render warned is not up to date: its warnings must be seen again."""
    options = options or {}
    root, _ = manuscript_location(manuscript)
    fresh = None if force else _fresh_outputs(cache, root, formats, options, strict)
    if fresh is not None:
        for output in fresh:
            progress.done(output.format, "up to date")
        return fresh

    warmup = threading.Thread(target=_import_writers, args=(formats if preload else [],), daemon=True)
    warmup.start()  # while Pandoc parses in its own processes
    started = time.perf_counter()
    counted = Counted(warn)
    try:
        document, inputs = _prepare(manuscript, progress, counted, parse_cache=out_dir / CACHE_DIR / PARSE_CACHE)
    finally:
        warmup.join()  # never fork a worker while another thread holds an import lock
    counted.stop_if_strict(strict)
    document = replace(document, created=creation_datetime(document.metadata, reproducible))
    progress.done(MANUSCRIPT, f"ok ({len(document.body())} content files, {time.perf_counter() - started:.1f} s)")
    targets: dict[str, Path] = {}
    todo: list[str] = []
    for name in formats:
        targets[name] = out_dir / f"{document.slug}.{get_writer(name).extension}"
        fingerprint = cache.fingerprint(name, root, inputs, needs(name, formats), options.get(name))
        reason = "--force" if force else cache.stale_reason(name, fingerprint, targets[name], strict)
        if reason is None and (again := [need for need in needs(name, formats) if need in todo]):
            reason = f"the {again[0]} it is made from is rendered again"
        if reason is None:
            progress.done(name, "up to date")
        else:
            progress.detail(f"{name}: rendering because {reason}")
            todo.append(name)
    return Plan(root, document, inputs, targets, todo, warned=counted.count > 0)


def build(manuscript: Path, out_dir: Path, formats: list[str], progress: Progress = Progress(),
          force: bool = False, warn: Warn = lambda _: None, reproducible: bool = False,
          options: dict[str, dict[str, object]] | None = None, strict: bool = False) -> list[Output]:
    """Build each format of the `manuscript` (a folder, or a single Markdown file), and the formats they
    need, into `out_dir/<slug>.<ext>`, rendering only what changed (all of it with `force`); outputs
    are replaced only once every rendered format is fully written. `reproducible` fixes the date they
    record; `options` gives writers their keyword arguments by format (`{"html": {"self_contained":
    True}}`). With `strict`, a warning is an error: nothing is written (WarningsAreErrors). Returns the
    outputs of `formats`."""
    options = options or {}
    _, single_file = manuscript_location(manuscript)
    requested, formats = formats, with_needs(formats)
    remove_stale_temporaries(out_dir)
    cache = BuildCache(out_dir, all_formats(), single_file, dating(reproducible))
    planned = plan(manuscript, out_dir, formats, cache, progress, force, warn, reproducible, options, strict=strict)
    if isinstance(planned, list):
        cache.save()
        return [output for name in requested for output in planned if output.format == name]

    seconds: dict[str, float] = {}
    built = up_to_date(cache, planned)
    if planned.todo:
        from nashr.parallel import Job, render

        def finished(name: str, elapsed: float) -> None:
            seconds[name] = elapsed
            if len(planned.todo) > 1:
                progress.stage(name, f"rendered in {elapsed:.1f} s, waiting for the other formats")

        warnings: dict[str, list[Diagnostic]] = {}
        with atomic_outputs([planned.targets[name] for name in planned.todo]) as temporaries:
            temporary = dict(zip(planned.todo, temporaries))
            for stage in stages(planned.todo):
                jobs = [Job(name, temporary[name], options.get(name, {}), {need: built[need] for need in needs(name, formats)})
                        for name in stage]
                written = render(planned.document, jobs, lambda name, _: progress.stage(name, "rendering"), finished)
                built |= {name: Built(temporary[name], written[name].facts) for name in stage}
                warnings |= {name: written[name].warnings for name in stage}
            counted = Counted(warn)
            for warning in (warning for name in planned.todo for warning in warnings[name]):
                counted(warning)
            counted.stop_if_strict(strict)  # before any output is replaced
        for name in planned.todo:  # needs first: a format records the outputs it was made from
            record(cache, planned, name, options, built[name].facts, warned=planned.warned or bool(warnings[name]))
            progress.done(name, f"wrote {display_path(planned.targets[name])} ({seconds[name]:.1f} s)")
    cache.save()
    return [Output(name, planned.targets[name], seconds.get(name, 0.0), rendered=name in planned.todo)
            for name in requested]


def up_to_date(cache: BuildCache, planned: Plan) -> dict[str, Built]:
    """The outputs the plan does not render again, as the formats that need them read them."""
    return {name: Built(target, cache.recorded_facts(name)) for name, target in planned.targets.items()
            if name not in planned.todo}


def record(cache: BuildCache, planned: Plan, name: str, options: dict[str, dict[str, object]], facts: dict,
           warned: bool = False) -> None:
    """Remember in the cache that `name`'s target was written from the planned inputs (after the
    formats it needs were recorded: its fingerprint names their outputs), and whether it `warned`."""
    cache.record(name, cache.fingerprint(name, planned.root, planned.inputs, needs(name, planned.targets), options.get(name)),
                 planned.targets[name], planned.root, planned.inputs, facts, warned)


def stages(names: list[str]) -> list[list[str]]:
    """`names` (each after the formats it needs) in stages: a format renders in the stage after the
    last of its needs among `names`, so each stage's formats can render in parallel."""
    stage_of: dict[str, int] = {}
    for name in names:
        stage_of[name] = 1 + max((stage_of[need] for need in needs(name, names) if need in stage_of), default=-1)
    return [[name for name in names if stage_of[name] == stage] for stage in range(max(stage_of.values()) + 1)]


def _import_writers(formats: list[str]) -> None:
    """Import the writers' heavy libraries, so the import overlaps the parse instead of following it."""
    for name in formats:
        preload(WRITERS[name])


def _fresh_outputs(cache: BuildCache, root: Path, formats: list[str],
                   options: dict[str, dict[str, object]], strict: bool) -> list[Output] | None:
    """The outputs, when the files the last build read and every output are unchanged; else None."""
    inputs = cache.recorded_inputs(root)
    if inputs is None:
        return None
    fresh = []
    for name in formats:
        if cache.stale_reason(name, cache.fingerprint(name, root, inputs, needs(name, formats), options.get(name)), None,
                              strict) is not None:
            return None
        fresh.append(Output(name, cache.recorded_output(name), 0.0, rendered=False))
    return fresh

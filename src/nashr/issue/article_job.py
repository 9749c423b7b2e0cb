"""Build one article of an issue as a pure function of its inputs, so it can run anywhere.

A job carries the article's files as bytes and the metadata the issue supplies; the result carries the
outputs as bytes, the PDF's page count, and the text the deposits need. Nothing depends on the machine
that runs it (a local worker process or a Dask worker on another host), so the issue builder can cache
results by a digest of the job and compare a cluster's outputs with a local build byte for byte.
"""
from __future__ import annotations

import dataclasses
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from nashr.diagnostics import Diagnostic, ManuscriptError

if TYPE_CHECKING:  # the pipeline is imported where a job runs: a no-op issue rebuild never loads it
    from nashr.pipeline import Overrides

SKIPPED = ("dist",)  # output folders an author may keep beside the manuscript
SELF_CONTAINED = {"html": {"self_contained": True}}  # a job returns one file per format


@dataclass(frozen=True)
class ArticleJob:
    folder: Path  # where the article lives, for messages only: the job never reads it
    files: dict[str, bytes]  # relative path → content, every file of the manuscript folder
    overrides: Overrides
    formats: tuple[str, ...]
    supplied: dict[str, tuple[bytes, dict]] = field(default_factory=dict)  # format → output and facts built before


@dataclass(frozen=True)
class ArticleResult:
    slug: str
    outputs: dict[str, bytes]  # format → the output file
    pages: int  # pages of the PDF (0 when no PDF was asked for)
    facts: dict[str, dict] = field(default_factory=dict)  # format → what its writer told (the PDF's pages, notes)
    references: list[str] = field(default_factory=list)
    abstracts: dict[str, list[str]] = field(default_factory=dict)
    warnings: list[Diagnostic] = field(default_factory=list)


def manuscript_files(folder: Path) -> dict[str, bytes]:
    """Every file of a manuscript folder but hidden ones and output folders; links are not followed
    out of it (the build's sandbox refuses them anyway)."""
    files = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if any(part.startswith(".") or part in SKIPPED for part in relative.parts) or not path.is_file():
            continue
        if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
            continue
        files[relative.as_posix()] = path.read_bytes()
    return files


def build_article(job: ArticleJob) -> ArticleResult:
    """Write the files into a private folder named like the article's, build the asked formats one
    after another (a worker may not start processes of its own) and return them; problems come back
    as ManuscriptError naming the article's own files."""
    from nashr.parallel import Job, write_one
    from nashr.pipeline import prepare
    from nashr.reproducible import creation_datetime
    from nashr.writers import Built, get_writer, needs, with_needs

    with tempfile.TemporaryDirectory(prefix="nashr-article-") as scratch:
        root = Path(scratch) / job.folder.name
        for relative, data in job.files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        warnings: list[Diagnostic] = []
        try:
            document = prepare(root, warnings.append, job.overrides)
            # the date (or SOURCE_DATE_EPOCH), never the clock: a job is a pure function
            document = dataclasses.replace(document, created=creation_datetime(document.metadata, reproducible=True))
            built: dict[str, Built] = {}
            for name, (data, facts) in job.supplied.items():  # the PDF laid out earlier, for the JATS
                path = Path(scratch) / f"supplied.{get_writer(name).extension}"
                path.write_bytes(data)
                built[name] = Built(path, facts)
            outputs, facts = {}, {}
            for name in [name for name in with_needs(list(job.formats)) if name not in built]:
                target = Path(scratch) / f"output.{get_writer(name).extension}"
                written = write_one(document, Job(name, target, SELF_CONTAINED.get(name, {}),
                                                  {need: built[need] for need in needs(name, built)}))
                built[name] = Built(target, written.facts)
                warnings += written.warnings
                if name in job.formats:
                    outputs[name], facts[name] = target.read_bytes(), written.facts
        except ManuscriptError as exc:
            raise ManuscriptError([_moved(d, root, job.folder) for d in exc.diagnostics]) from None
        return ArticleResult(slug=document.slug, outputs=outputs, facts=facts, pages=_pages(outputs.get("pdf")),
                             references=_references(document), abstracts=_abstracts(document),
                             warnings=[_moved(w, root, job.folder) for w in warnings])


def _moved(diagnostic: Diagnostic, scratch: Path, folder: Path) -> Diagnostic:
    """The diagnostic pointing at the article's real file instead of its private copy."""
    path = diagnostic.location.path
    if path.is_relative_to(scratch):
        path = folder / path.relative_to(scratch)
    return dataclasses.replace(diagnostic, location=dataclasses.replace(diagnostic.location, path=path))


def _pages(pdf: bytes | None) -> int:
    if pdf is None:
        return 0
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _references(document) -> list[str]:
    """The reference list as printed, one entry each (Pandoc's Div#refs holds a Div per entry, in two
    groups when it is split by script)."""
    from nashr.ast import stringify, walk
    from nashr.reference_lists import entries

    for element in walk(document.body_blocks()):
        if element.get("t") == "Div" and element["c"][0][0] == "refs":
            return [stringify(entry["c"][1]) for entry in entries(element)]
    return []


def _abstracts(document) -> dict[str, list[str]]:
    from nashr.ast import stringify

    return {part.lang: [stringify(block) for block in part.blocks if block.get("t") in ("Para", "Plain")]
            for part in document.abstracts()}

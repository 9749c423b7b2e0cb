"""`nashr import`: turn what editors receive (Word, OpenDocument, HTML, Markdown, plain text copied
from a web page) into a manuscript folder that `nashr check` accepts.

Every source is read into one intermediate (`blocks.Block` list, text in Markdown), then the same
steps run in order: drop web-page residue → attach hand-numbered notes → take the front matter
(title, authors, abstract, keywords) → recover headings → report what needs a reader's eye (mirrored
parentheses) → write the files. Every word of the source
ends up in the manuscript or in `import-report.txt`; `report.coverage` checks it.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from nashr.diagnostics import Diagnostic, Location, ManuscriptError
from nashr.importers.blocks import Source, plain
from nashr.importers.checks import report_mirrored_parentheses
from nashr.importers.frontmatter import detect_language, take_front_matter
from nashr.importers.notes import attach_hand_numbered_notes
from nashr.importers.pandoc_reader import PANDOC_FORMATS, read_with_pandoc
from nashr.importers.report import Report, coverage
from nashr.importers.residue import drop_residue
from nashr.importers.structure import recover_headings
from nashr.importers.text_reader import read_text
from nashr.importers.writer import render, write_files

REPORT_NAME = "import-report.txt"
EXTENSIONS = sorted([".txt", *PANDOC_FORMATS])


@dataclass(frozen=True)
class ImportResult:
    target: Path
    files: list[str]  # written file names, manuscript.yaml and the report included
    notes: int  # notes placed in the text
    report: Report
    lost: Counter  # words of the source found nowhere in the output (listed in the report)


def import_source(source: Path, target: Path, force: bool = False) -> ImportResult:
    """Import `source` into the manuscript folder `target`; raise ManuscriptError naming the file
    when it cannot be read or `target` holds files (unless `force`)."""
    _check_target(target, force)
    read = _read(source)
    report = Report(unit=read.unit)
    for message in read.dropped:
        report.add("dropped", None, message)
    blocks = drop_residue(read.blocks, report)
    notes = read.notes
    if not notes:
        blocks, notes = attach_hand_numbered_notes(blocks, report)
    blocks, front = take_front_matter(blocks, read, report)
    blocks = recover_headings(blocks)
    report_mirrored_parentheses(blocks, notes, report)
    lang = detect_language(plain(" ".join(block.text for block in blocks)))
    written = render(blocks, notes, front, lang, _slug(source))
    for number, note in sorted(notes.items()):
        if number not in written.notes:
            report.add("note", note.line or None, f"note {number} has no call in the text, so it was not "
                                                  f"placed; its text: {plain(note.text)}")
    lost = coverage(read.words_text, list(written.files.values()), report)
    if lost:
        report.add("lost", None, "words of the source not found in the manuscript (check them by hand): "
                                 + " ".join(sorted(lost.elements())))
    files = {**written.files, REPORT_NAME: report.text(source.name)}
    write_files(target, files)
    return ImportResult(target, list(files), len(written.notes), report, lost)


def _read(source: Path) -> Source:
    suffix = source.suffix.lower()
    if suffix not in EXTENSIONS:
        kind = f"'{source.suffix}' files" if source.suffix else "a file without an extension"
        raise _error(source, f"cannot import {kind}; nashr imports {', '.join(EXTENSIONS)} files")
    if not source.is_file():
        raise _error(source, "file not found" if not source.exists() else "not a file")
    try:
        if suffix == ".txt":
            data = source.read_bytes()
            try:
                return read_text(data.decode("utf-8-sig"))
            except UnicodeDecodeError:
                raise _error(source, "file is not UTF-8; save it as UTF-8 and import it again") from None
        return read_with_pandoc(source)
    except OSError as exc:
        raise _error(source, f"cannot read the file: {exc.strerror}") from None
    except RuntimeError as exc:
        raise _error(source, f"Pandoc could not read this {suffix} file: {str(exc).strip()}") from None


def _check_target(target: Path, force: bool) -> None:
    if target.exists() and not target.is_dir():
        raise _error(target, "exists and is not a folder; choose another output folder with -o")
    if target.is_dir() and any(target.iterdir()) and not force:
        raise _error(target, "folder is not empty; choose another with -o, or add --force to overwrite "
                             "the files an import writes")


def _slug(source: Path) -> str:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", source.stem).strip("-._")
    return slug or "article"


def _error(path: Path, message: str) -> ManuscriptError:
    return ManuscriptError([Diagnostic(Location(path), message)])

"""Markdown → Pandoc JSON AST, with the Pandoc that pypandoc-binary bundles: every file of an article in
one Pandoc process, each read on its own (read_many.py)."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from nashr.ast import Node, get_attr, map_nodes, walk
from nashr.dialects import Rewritten, rewrite
from nashr.diagnostics import Diagnostic, Location, ManuscriptError
from nashr.document import Document, Part
from nashr.front_matter_parts import as_markdown, field_inlines, front_matter_fields, front_matter_parts, plain_metadata
from nashr import positions, proclitics
from nashr.pandoc import PandocFailed
from nashr.project import Project
from nashr.raw_html import render_raw_html
from nashr.read_many import read_many

# Pandoc Markdown without raw TeX: a manuscript from outside must not inject markup into the outputs.
# Raw HTML is read as tags around the Markdown inside them (an HTML block's Markdown is read, as with
# `markdown="1"`), and raw_html.py renders it through the sanitizer — <div> and <span> too, so their
# attributes pass the same allow-list. `==text==` marks text (mark), and bare URLs become links.
READER = ("markdown+raw_html+markdown_in_html_blocks-raw_tex-raw_attribute-native_divs-native_spans"
          "+autolink_bare_uris+mark")
# Pandoc gives a pipe table relative column widths (from its dashes) when one of its lines is longer than
# --columns; grid and multiline tables always get theirs, as source width / max(table width, --columns).
# Parsed with this many columns, a pipe table never gets widths — its columns are sized by their content
# (transforms/tables.py) — while grid and multiline tables keep the widths their author drew, rescaled
# there to Pandoc's default of 72 columns.
COLUMNS = 100_000
_PANDOC_POSITION = re.compile(r"line (\d+) column (\d+)")
_DUPLICATE_IDENTIFIER = re.compile(r"Duplicate identifier '([^']*)'")


def to_ast(text: str, location: Location, lang: str = "en") -> tuple[dict, list[Diagnostic]]:
    """Parse one Markdown text, its dialects rewritten (dialects.py; `lang` names a box without a
    title) and its raw HTML left as tags (see `parse_project`); Pandoc's failures become an error at
    `location`, its warnings (an unclosed div, a duplicate link reference …) and the rewrite's
    warnings at the author's line. References glued to an Arabic proclitic («و@tbl:grid») are read as
    references (proclitics.py). Blocks and inlines carry their positions in `text` (positions.py)."""
    return _parse([(text, location, lang)])[0]


def _parse(sources: list[tuple[str, Location, str]], cache_dir: Path | None = None,
           places: list[Place] | None = None) -> list[tuple[dict, list[Diagnostic]]]:
    """`to_ast` of each (text, location, lang), all read by one Pandoc process (read_many.py); each
    text's positions are recorded as the lines of its `places` (by default, the text's own)."""
    rewritten = [rewrite(text, lang) for text, _, lang in sources]
    marked = [proclitics.mark(version.text) for version in rewritten]
    try:
        readings = read_many(marked, READER, [f"--columns={COLUMNS}"], cache_dir)
    except PandocFailed as exc:
        raise ManuscriptError([Diagnostic(sources[0][1], f"Pandoc could not read this text: {exc}")]) from None
    problems = [Diagnostic(location, f"Pandoc could not read this text: {reading.error}")
                for (_, location, _), reading in zip(sources, readings) if reading.error]
    if problems:
        raise ManuscriptError(problems)
    parsed = []
    for index, ((text, location, _), version, marked_text, reading) in enumerate(
            zip(sources, rewritten, marked, readings)):
        blocks = proclitics.attach(reading.blocks)
        place = places[index] if places else Place()
        positions.record(blocks, version.text, index,
                         lambda line, version=version, place=place: place.line(version.origin(line)), place.indent)
        warnings = _warnings(location, version, marked_text, reading.warnings, blocks)
        parsed.append(({"pandoc-api-version": reading.api_version, "meta": {}, "blocks": blocks},
                       warnings + proclitics.stray_references(text, blocks, location.path)))
    return parsed


def _warnings(location: Location, rewritten: Rewritten, marked: str, messages: list[str],
              blocks: list[Node]) -> list[Diagnostic]:
    """The rewrite's warnings and Pandoc's, at the author's lines (and columns, the proclitics' marks
    taken out); a duplicate identifier at the element that repeats it."""
    warnings = [Diagnostic(Location(location.path, note.number), note.message, "warning")
                for note in rewritten.notes]
    duplicates: dict[str, int] = {}
    for message in messages:
        text_of = re.sub(r"^\[WARNING\]\s*", "", message.strip())
        position = _PANDOC_POSITION.search(text_of)
        where = location
        if position:
            line = int(position[1])
            where = Location(location.path, rewritten.origin(line), proclitics.unmarked_column(marked, line, int(position[2])))
        if duplicate := _DUPLICATE_IDENTIFIER.match(text_of):
            # Pandoc's position here is off (or counts inside a block quote's "_chunk"): take the element's
            identifier = duplicate[1]
            duplicates[identifier] = duplicates.get(identifier, 0) + 1
            holders = [element for element in walk(blocks) if (get_attr(element) or [""])[0] == identifier]
            if len(holders) > duplicates[identifier]:
                line, column, _ = holders[duplicates[identifier]][positions.POS]
                where = Location(location.path, line, column)
            text_of = f"duplicate identifier '{identifier}': another element already has it; rename one of them"
        warnings.append(Diagnostic(where, text_of, severity="warning"))
    return warnings


@dataclass(frozen=True)
class Place:
    """Where a parsed text's lines are in the file that holds it: a content file's own lines, or an
    abstract's lines in the metadata (a literal block's lines and columns, else the key's one line)."""

    first: int = 1
    literal: bool = True
    indent: int | None = 0

    def line(self, line: int) -> int:
        return self.first + line - 1 if self.literal else self.first


def _abstract_place(project: Project, lang: str) -> Place:
    """Where the abstract in `lang` is written in the metadata."""
    line, indent = project.text_start("abstract", lang)
    return Place(line, literal=indent is not None, indent=indent)


def _without_title_heading(blocks: list[Node], line: int) -> list[Node]:
    """The blocks without the level-1 heading at `line` that became the title of a file without one
    (front_matter_dialects.py): shown as the title, it would be printed twice."""
    if not line:
        return blocks
    return map_nodes(blocks, lambda element: [] if element["t"] == "Header" and element["c"][0] == 1
                     and element.get(positions.POS, [0])[0] == line else None)


def parse_project(project: Project, cache_dir: Path | None = None) -> Document:
    """Parse the abstracts, the other front-matter values (front_matter_parts.py) and every content
    file into one Document: all of them read by one Pandoc process, each text's reading kept in
    `cache_dir` by its content (read_many.py), and the raw HTML of all of them rendered together (one
    more Pandoc run, only when there is any)."""
    metadata = project.metadata
    manifest = Location(project.manifest)
    fields = front_matter_fields(metadata)
    field_places = [project.key_location(*field.path) for field in fields]
    sources = [(text, manifest, lang) for lang, text in metadata.abstract.items()]
    sources += [(source.text, Location(source.path), metadata.lang) for source in project.sources]
    sources += [(as_markdown(field.text), where, field.lang) for field, where in zip(fields, field_places)]
    places = [_abstract_place(project, lang) for lang in metadata.abstract] + [Place()] * len(project.sources)
    places += [Place(where.line, literal=False, indent=None) for where in field_places]
    parsed = _parse(sources, cache_dir, places)
    parts: list[Part] = []
    warnings: list[Diagnostic] = []
    for (lang, _), (ast, found) in zip(metadata.abstract.items(), parsed):
        parts.append(Part("abstract", lang, project.manifest, ast["blocks"]))
        warnings += [Diagnostic(manifest, f"abstract.{lang}: {w.message}", "warning") for w in found]
    for source, (ast, found) in zip(project.sources, parsed[len(metadata.abstract):]):
        parts.append(Part("body", metadata.lang, source.path, _without_title_heading(ast["blocks"], project.title_heading)))
        warnings += found
    front = parsed[len(parts):]
    warnings += [Diagnostic(where, f"{field.name}: {w.message}", "warning")
                 for field, where, (_, found) in zip(fields, field_places, front) for w in found]
    api_version = parsed[0][0]["pandoc-api-version"]
    rendered, found = render_raw_html([(part.blocks, part.source) for part in parts]
                                      + [(ast["blocks"], project.manifest) for ast, _ in front])
    warnings += found
    parts = [replace(part, blocks=blocks) for part, blocks in zip(parts, rendered)]
    inlines = []
    for field, where, blocks in zip(fields, field_places, rendered[len(parts):]):
        found_inlines, left_out = field_inlines(field, blocks, where)
        inlines.append(found_inlines)
        warnings += left_out
    parts += front_matter_parts(project, fields, inlines, field_places, len(parts))
    project = replace(project, metadata=plain_metadata(metadata, fields, inlines))
    return Document(project=project, parts=parts, api_version=api_version, warnings=project.warnings + warnings)

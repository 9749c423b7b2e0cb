"""Markdown → Pandoc JSON AST, with the Pandoc that pypandoc-binary bundles."""
from __future__ import annotations

import json
import re

from nashr.diagnostics import Diagnostic, Location, ManuscriptError
from nashr.document import Document, Part
from nashr import proclitics
from nashr.pandoc import PandocFailed, run_pandoc
from nashr.project import Project
from nashr.raw_html import raw_html_as_text

# Pandoc Markdown without raw TeX: a manuscript from outside must not inject markup into the outputs.
# Raw HTML is read as such (so comments are recognised) and then made text by raw_html.py, so `<tag>`
# prints as the author typed it; an HTML block is one block, its Markdown not interpreted.
READER = ("markdown+raw_html-markdown_in_html_blocks-raw_tex-raw_attribute-native_divs-native_spans"
          "+autolink_bare_uris")  # bare URLs become links
_PANDOC_POSITION = re.compile(r"line (\d+) column (\d+)")
_DUPLICATE_IDENTIFIER = re.compile(r"Duplicate identifier '([^']*)'")


def to_ast(text: str, location: Location) -> tuple[dict, list[Diagnostic]]:
    """Parse one Markdown text; Pandoc's failures become an error at `location`, its warnings
    (an unclosed div, a duplicate link reference …) warnings at the line Pandoc names. References glued
    to an Arabic proclitic («و@tbl:grid») are read as references (proclitics.py)."""
    marked = proclitics.mark(text)
    try:
        output, messages = run_pandoc([f"--from={READER}", "--to=json"], marked)
    except PandocFailed as exc:
        raise ManuscriptError([Diagnostic(location, f"Pandoc could not read this text: {exc}")]) from None
    warnings = []
    duplicates: dict[str, int] = {}
    for message in messages:
        text_of = re.sub(r"^\[WARNING\]\s*", "", message.strip())
        position = _PANDOC_POSITION.search(text_of)
        where = location
        if position:
            line = int(position[1])
            where = Location(location.path, line, proclitics.unmarked_column(marked, line, int(position[2])))
        if duplicate := _DUPLICATE_IDENTIFIER.match(text_of):
            # Pandoc's position here is off (or counts inside a block quote's "_chunk"): find the attribute
            identifier = duplicate[1]
            duplicates[identifier] = duplicates.get(identifier, 0) + 1
            where = _identifier_location(text, identifier, duplicates[identifier], location)
            text_of = f"duplicate identifier '{identifier}': another element already has it; rename one of them"
        warnings.append(Diagnostic(where, text_of, severity="warning"))
    ast = json.loads(output)
    blocks = proclitics.attach(raw_html_as_text(ast["blocks"]))
    return {**ast, "blocks": blocks}, warnings + proclitics.stray_references(text, blocks, location.path)


def _identifier_location(text: str, identifier: str, repeat: int, fallback: Location) -> Location:
    """Where `{#identifier}` is written for the `repeat`-th time after its first use."""
    uses = list(re.finditer(rf"#{re.escape(identifier)}(?![\w:.-])", text))
    if len(uses) <= repeat:
        return fallback
    start = uses[repeat].start()
    line_start = text.rfind("\n", 0, start) + 1
    return Location(fallback.path, text.count("\n", 0, start) + 1, start - line_start + 1)


def parse_project(project: Project) -> Document:
    """Parse the abstracts (metadata) and every content file into one Document."""
    metadata = project.metadata
    parts: list[Part] = []
    warnings: list[Diagnostic] = []
    api_version: list[int] = []
    for lang, text in metadata.abstract.items():
        ast, found = to_ast(text, Location(project.manifest))
        api_version = ast["pandoc-api-version"]
        parts.append(Part("abstract", lang, project.manifest, ast["blocks"]))
        warnings += [Diagnostic(Location(project.manifest), f"abstract.{lang}: {w.message}", "warning") for w in found]
    for source in project.sources:
        ast, found = to_ast(source.text, Location(source.path))
        api_version = ast["pandoc-api-version"]
        parts.append(Part("body", metadata.lang, source.path, ast["blocks"]))
        warnings += found
    return Document(project=project, parts=parts, api_version=api_version, warnings=warnings)

"""Markdown → Pandoc JSON AST, with the Pandoc that pypandoc-binary bundles."""
from __future__ import annotations

import json

import pypandoc

from nashr.diagnostics import Diagnostic, Location, ManuscriptError
from nashr.document import Document, Part
from nashr.project import Project

# Pandoc Markdown without raw HTML/TeX: a manuscript from outside must not inject markup into the
# outputs, so `<tag>` is kept as the text the author typed.
READER = "markdown-raw_html-raw_tex-raw_attribute"


def pandoc_version() -> str:
    return pypandoc.get_pandoc_version()


def to_ast(text: str, location: Location) -> dict:
    """Parse one Markdown text; Pandoc's own failures become a diagnostic at `location`."""
    try:
        output = pypandoc.convert_text(text, "json", format=READER, extra_args=["--sandbox"])
    except RuntimeError as exc:
        raise ManuscriptError([Diagnostic(location, f"Pandoc could not read this text: {exc}")]) from None
    return json.loads(output)


def parse_project(project: Project) -> Document:
    """Parse the abstracts (metadata) and every content file into one Document."""
    metadata = project.metadata
    parts: list[Part] = []
    api_version: list[int] = []
    for lang, text in metadata.abstract.items():
        ast = to_ast(text, Location(project.manifest))
        api_version = ast["pandoc-api-version"]
        parts.append(Part("abstract", lang, project.manifest, ast["blocks"]))
    for source in project.sources:
        ast = to_ast(source.text, Location(source.path))
        api_version = ast["pandoc-api-version"]
        parts.append(Part("body", metadata.lang, source.path, ast["blocks"]))
    return Document(project=project, parts=parts, api_version=api_version)

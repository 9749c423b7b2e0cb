"""Markdown → Pandoc JSON AST, with the Pandoc that pypandoc-binary bundles."""
from __future__ import annotations

import functools
import json
import os
from concurrent.futures import ThreadPoolExecutor

import pypandoc

from nashr.diagnostics import Diagnostic, Location, ManuscriptError
from nashr.document import Document, Part
from nashr.project import Project

# Pandoc Markdown without raw HTML/TeX: a manuscript from outside must not inject markup into the
# outputs, so `<tag>` is kept as the text the author typed.
READER = "markdown-raw_html-raw_tex-raw_attribute"


def pandoc_version() -> str:
    return pypandoc.get_pandoc_version()


@functools.lru_cache(maxsize=512)
def _pandoc_json(text: str) -> str:
    """Pandoc's JSON for a text, remembered for the life of the process: `nashr watch` re-parses only
    the files that changed."""
    return pypandoc.convert_text(text, "json", format=READER, extra_args=["--sandbox"])


def to_ast(text: str, location: Location) -> dict:
    """Parse one Markdown text; Pandoc's own failures become a diagnostic at `location`."""
    try:
        output = _pandoc_json(text)
    except RuntimeError as exc:
        raise ManuscriptError([Diagnostic(location, f"Pandoc could not read this text: {exc}")]) from None
    return json.loads(output)  # a fresh tree each time: transforms may not share one


def parse_project(project: Project) -> Document:
    """Parse the abstracts (metadata) and every content file into one Document.

    Each text is a separate Pandoc process; they run side by side (threads only wait for Pandoc)."""
    metadata = project.metadata
    texts = [("abstract", lang, project.manifest, text) for lang, text in metadata.abstract.items()]
    texts += [("body", metadata.lang, source.path, source.text) for source in project.sources]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        asts = list(pool.map(lambda item: to_ast(item[3], Location(item[2])), texts))
    parts = [Part(kind, lang, path, ast["blocks"]) for (kind, lang, path, _), ast in zip(texts, asts)]
    api_version = asts[-1]["pandoc-api-version"] if asts else []
    return Document(project=project, parts=parts, api_version=api_version)

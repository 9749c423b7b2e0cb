"""The one object that flows from parsing through the transforms to every writer."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from nashr.ast import Node, stringify
from nashr.diagnostics import Diagnostic
from nashr.metadata import Metadata
from nashr.project import Project


@dataclass(frozen=True)
class Part:
    """A parsed piece of the article: an abstract (in `lang`), the body of one content file, or a piece
    of the front matter (front_matter_parts.py: the title, an author's lines, keywords in `lang` …)."""

    kind: str  # "abstract", "body", or a front-matter kind
    lang: str
    source: Path
    blocks: list[Node]


@dataclass(frozen=True)
class Document:
    project: Project
    parts: list[Part]
    api_version: list[int] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)  # reported, but do not stop the build
    created: dt.datetime | None = None  # the date every output records, chosen once per build (reproducible.py)

    @property
    def metadata(self) -> Metadata:
        return self.project.metadata

    @property
    def slug(self) -> str:
        return self.project.slug

    def abstracts(self) -> list[Part]:
        return [p for p in self.parts if p.kind == "abstract"]

    def body(self) -> list[Part]:
        return [p for p in self.parts if p.kind == "body"]

    def markdown(self) -> list[Part]:
        """The parts read from Markdown — abstracts and bodies, which come first — without the front
        matter's text, in which no citation can be."""
        return [p for p in self.parts if p.kind in ("abstract", "body")]

    def body_blocks(self) -> list[Node]:
        return [block for part in self.body() for block in part.blocks]

    def with_blocks(self, blocks_by_part: list[list[Node]]) -> "Document":
        """A copy whose parts carry new blocks, in the same order (a node's recorded position names its
        part by index: positions.py)."""
        parts = [replace(part, blocks=blocks) for part, blocks in zip(self.parts, blocks_by_part, strict=True)]
        return replace(self, parts=parts)

    def text(self) -> str:
        """All the article's text — every part, the front matter's included, and the authors' addresses
        and ORCID iDs — e.g. to decide which fonts it needs."""
        contacts = [value for author in self.metadata.authors for value in (author.email, author.orcid) if value]
        return "\n".join(contacts + [stringify(part.blocks) for part in self.parts])

    def as_pandoc(self, blocks: list[Node]) -> dict:
        """A Pandoc JSON document holding `blocks`, ready for one of Pandoc's writers."""
        return {"pandoc-api-version": self.api_version, "meta": {}, "blocks": blocks}

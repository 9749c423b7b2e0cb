"""Find a manuscript, read its metadata and content files.

A manuscript is a folder holding `manuscript.yaml` and the content files it lists, or a single
Markdown file whose YAML front matter holds the same keys (front_matter.py), or the keys of the tool
it was written for, or none (front_matter_dialects.py); then the file's folder plays the manuscript
folder's part. This is the only module that reads manuscript files, and it reads only files inside the
manuscript folder: paths that leave it (through `..`, absolute paths or symbolic links) are refused.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable, Sequence

import yaml

from nashr.diagnostics import Collector, Location, ManuscriptError, Diagnostic
from nashr.front_matter import TomlError, split_front_matter
from nashr.front_matter_dialects import adapt
from nashr.metadata import Metadata, validate
from nashr.yamlnodes import compose, line_of

MANIFEST = "manuscript.yaml"
IMPORTABLE = {".docx", ".odt", ".html", ".htm"}  # what `nashr import` reads, not a manuscript itself


@dataclass(frozen=True)
class SourceFile:
    """One content file: where it is, where manuscript.yaml lists it, and its text."""

    path: Path
    text: str
    listed_at: Location


@dataclass(frozen=True)
class Project:
    root: Path
    manifest: Path  # manuscript.yaml, or the single Markdown file whose front matter holds the metadata
    metadata: Metadata
    sources: list[SourceFile]
    front_matter: str | None = None  # a single file's front matter, the body's lines blank
    warnings: list[Diagnostic] = field(default_factory=list)  # how other tools' front matter was read
    title_heading: int = 0  # the line of the heading that is the title (front_matter_dialects.py), 0: none
    tree: yaml.Node | None = None  # the metadata's YAML tree as validated (front_matter_dialects.adapt's)

    @property
    def single_file(self) -> bool:
        return self.manifest.name != MANIFEST

    @property
    def slug(self) -> str:
        return self.metadata.slug or (self.manifest.stem if self.single_file else self.root.name)

    def metadata_text(self) -> str:
        """The YAML of the metadata, at the line numbers of the file that holds it."""
        if self.front_matter is not None:
            return self.front_matter
        return self.manifest.read_text(encoding="utf-8-sig")

    @cached_property
    def metadata_tree(self) -> yaml.Node | None:
        """The metadata's YAML node tree, for every question about where a key is written: the one the
        loader validated (kept by `dataclasses.replace` too), else composed once from the text."""
        if self.tree is not None:
            return self.tree
        tree = compose(self.metadata_text(), self.manifest)[0]
        return adapt(tree, self.manifest, _text_of(self.sources), self.single_file).tree

    def key_location(self, *path: str | int) -> Location:
        """Where the metadata value at `path` is written (e.g. "journal", "name", or "authors", 0, "name":
        a list's items by index), else where the nearest value on the way is, else the file; with the
        value's column when the whole path was found."""
        node = self.metadata_tree
        line = column = 0
        for name in path:
            value = None
            if isinstance(node, yaml.MappingNode):
                value = next((v for k, v in node.value if getattr(k, "value", None) == name), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(name, int) and name < len(node.value):
                value = node.value[name]
            if value is None:
                return Location(self.manifest, line)
            line, column, node = line_of(value), value.start_mark.column + 1, value
        return Location(self.manifest, line, column)

    def listed_at(self, key: str) -> dict[str, Location]:
        """Where each value of the top-level `key` is written (a list's items, or a single value)."""
        tree = self.metadata_tree
        found: dict[str, Location] = {}
        for key_node, value in tree.value if isinstance(tree, yaml.MappingNode) else []:
            if getattr(key_node, "value", None) == key:
                for item in value.value if isinstance(value, yaml.SequenceNode) else [value]:
                    if isinstance(item, yaml.ScalarNode):
                        found.setdefault(str(item.value), Location(self.manifest, line_of(item)))
        return found

    def text_start(self, *path: str) -> tuple[int, int | None]:
        """Where the text of the metadata value at `path` starts: for a literal block (`|`), whose
        lines are the text's lines, its first line and indentation; else the value's line and None
        (0 when there is no such value)."""
        node = self.metadata_tree
        for name in path:
            if not isinstance(node, yaml.MappingNode):
                return 0, None
            node = next((value for key, value in node.value if getattr(key, "value", None) == name), None)
        if not isinstance(node, yaml.ScalarNode):
            return 0, None
        if node.style != "|":
            return line_of(node), None
        first = (self.metadata_text().split("\n")[line_of(node):] or [""])[0]
        return line_of(node) + 1, len(first) - len(first.lstrip(" "))


def inside(root: Path, candidate: Path) -> bool:
    """True when `candidate`, with links resolved, lies inside `root`."""
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


SourceCheck = Callable[[SourceFile], list[Diagnostic]]


def manuscript_location(path: Path) -> tuple[Path, Path | None]:
    """(manuscript folder, single Markdown file or None) for what the user named: a manuscript folder,
    its manuscript.yaml, or a Markdown file with front matter, whose folder is its manuscript folder."""
    path = path.absolute()
    if path.is_file():
        return path.parent, (None if path.name == MANIFEST else path)
    return path, None


def load_project(path: Path, source_checks: Sequence[SourceCheck] = ()) -> Project:
    """Read and validate the manuscript at `path` (a folder, or a single Markdown file), running
    `source_checks` on every content file; raise ManuscriptError with every problem found."""
    root, single = manuscript_location(path)
    manifest = single or root / MANIFEST
    what = (f"a manuscript is a folder holding {MANIFEST} (title, lang, contents) and its Markdown files, "
            "or a single Markdown file that starts with YAML front matter")
    if not root.exists():
        raise ManuscriptError([Diagnostic(Location(root), f"no such file or folder; {what}")])
    if not manifest.is_file():
        raise ManuscriptError([Diagnostic(Location(manifest), f"no {MANIFEST} here; {what}")])
    if single is None:
        text, body = _read_text(manifest, Location(manifest)), ""
    else:
        text, body = _front_matter(single)
    tree, syntax_problems = compose(text, manifest)
    if tree is None and syntax_problems:
        raise ManuscriptError(syntax_problems)
    problems = Collector()
    if single is not None:
        sources = [SourceFile(path=single, text=body, listed_at=Location(single, 1))]
    else:
        sources = _read_contents(root, manifest, tree, problems) if tree is not None else []
    adapted = adapt(tree, manifest, _text_of(sources), single_file=single is not None)
    metadata, invalid = validate(adapted.tree, manifest, single_file=single is not None)
    problems.diagnostics[:0] = syntax_problems + invalid.diagnostics
    for source in sources:
        for check in source_checks:
            problems.extend(check(source))
    problems.raise_if_any()
    assert metadata is not None
    return Project(root=root, manifest=manifest, metadata=metadata, sources=sources,
                   front_matter=text if single is not None else None, warnings=adapted.warnings,
                   title_heading=adapted.title_heading, tree=adapted.tree)


def _text_of(sources: list[SourceFile]) -> str:
    return "\n".join(source.text for source in sources)


def _front_matter(path: Path) -> tuple[str, str]:
    """The YAML front matter and the body of a single-file manuscript, each at its lines in the file."""
    if path.suffix.lower() in IMPORTABLE:
        raise ManuscriptError([Diagnostic(Location(path), f"a {path.suffix} file is not a manuscript; make one "
                                          f"from it with: nashr import {path.name}")])
    text = _read_text(path, Location(path))
    try:
        split = split_front_matter(text)
    except TomlError as exc:
        raise ManuscriptError([Diagnostic(Location(path, exc.line, exc.column),
                                          f"TOML front matter: {exc}; check this line's quotes, brackets and '='")]) from None
    if split is None and (path.parent / MANIFEST).is_file():
        raise ManuscriptError([Diagnostic(Location(path, 1), (
            f"this file has no front matter and its folder holds {MANIFEST}: it is one of that manuscript's "
            f"files, so build the folder; or, to build it on its own, start it with YAML front matter (a line "
            "'---', title:, lang: …, and a closing '---')"))])
    if split is None:
        return "", text  # no front matter: front_matter_dialects.py names the title and language, with warnings
    if not split.closed:
        raise ManuscriptError([Diagnostic(Location(path, 1), (
            "the front matter opened here is never closed; end it with a line '---' before the text"))])
    return split.yaml, split.body


def _read_contents(root: Path, manifest: Path, tree, problems: Collector) -> list[SourceFile]:
    """Read every file listed under `contents:`, reporting missing, outside or duplicate entries."""
    if not isinstance(tree, yaml.MappingNode):
        return []  # metadata validation has said what a manuscript.yaml must hold
    node = next((v for k, v in tree.value if getattr(k, "value", None) == "contents"), None)
    if node is None or not hasattr(node, "value") or not isinstance(node.value, list):
        return []
    sources: list[SourceFile] = []
    seen: dict[Path, int] = {}
    for item in node.value:
        if not isinstance(item.value, str):
            continue
        listed_at = Location(manifest, line_of(item))
        path = root / item.value
        if not inside(root, path):
            problems.error(listed_at, f"contents: '{item.value}' lies outside the manuscript folder; "
                                      "move the file into the folder and list it by its relative path")
            continue
        if not path.is_file():
            problems.error(listed_at, f"contents: file '{item.value}' not found in {root.name}/; "
                                      "check the spelling or create the file")
            continue
        if path.resolve() in seen:
            problems.error(listed_at, f"contents: '{item.value}' is listed twice (also on line {seen[path.resolve()]}); "
                                      "list each file once")
            continue
        seen[path.resolve()] = listed_at.line
        try:
            sources.append(SourceFile(path=path, text=_read_text(path, listed_at), listed_at=listed_at))
        except ManuscriptError as exc:
            problems.extend(exc.diagnostics)
    return sources


def _read_text(path: Path, listed_at: Location) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ManuscriptError([Diagnostic(listed_at, f"cannot read {path.name}: {exc.strerror}")]) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ManuscriptError([Diagnostic(
            Location(path, line), "file is not UTF-8; save it as UTF-8 (in most editors: Save As → Encoding → UTF-8)",
        )]) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")

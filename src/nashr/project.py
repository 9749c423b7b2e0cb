"""Find a manuscript folder, read `manuscript.yaml` and the content files it lists.

This is the only module that reads manuscript files, and it reads only files inside the manuscript
folder: paths that leave it (through `..`, absolute paths or symbolic links) are refused.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Sequence

import yaml

from nashr.diagnostics import Collector, Location, ManuscriptError, Diagnostic
from nashr.metadata import Metadata, validate
from nashr.yamlnodes import compose, line_of

MANIFEST = "manuscript.yaml"


@dataclass(frozen=True)
class SourceFile:
    """One content file: where it is, where manuscript.yaml lists it, and its text."""

    path: Path
    text: str
    listed_at: Location


@dataclass(frozen=True)
class Project:
    root: Path
    manifest: Path
    metadata: Metadata
    sources: list[SourceFile]

    @property
    def slug(self) -> str:
        return self.metadata.slug or self.root.name


def locate(project: Project, text: str) -> Location:
    """Where `text` first occurs in the content files (1-based line and column), else in the manifest
    (an abstract), else the manifest itself."""
    for path, source_text in _texts(project):
        for number, line in enumerate(source_text.split("\n"), start=1):
            if text in line:
                return Location(path, number, line.index(text) + 1)
    return Location(project.manifest)


def _texts(project: Project) -> Iterator[tuple[Path, str]]:
    """The content files' texts, then the manifest's (read only if needed)."""
    for source in project.sources:
        yield source.path, source.text
    try:
        yield project.manifest, project.manifest.read_text(encoding="utf-8-sig")
    except OSError:
        return


def inside(root: Path, candidate: Path) -> bool:
    """True when `candidate`, with links resolved, lies inside `root`."""
    try:
        candidate.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


SourceCheck = Callable[[SourceFile], list[Diagnostic]]


def load_project(root: Path, source_checks: Sequence[SourceCheck] = ()) -> Project:
    """Read and validate the manuscript at `root`, running `source_checks` on every content file;
    raise ManuscriptError with every problem found."""
    root = root.absolute()
    manifest = root / MANIFEST
    if not manifest.is_file():
        hint = ("" if root.is_dir() else f" ({root} is a file: give the folder that holds {MANIFEST})"
                if root.exists() else f" (folder {root} does not exist)")
        raise ManuscriptError([Diagnostic(
            Location(manifest),
            f"no {MANIFEST} here; a manuscript folder holds {MANIFEST} (title, lang, contents) "
            f"and its Markdown files{hint}",
        )])
    text = _read_text(manifest, Location(manifest))
    tree, syntax_problems = compose(text, manifest)
    if tree is None and syntax_problems:
        raise ManuscriptError(syntax_problems)
    metadata, problems = validate(tree, manifest)
    problems.diagnostics[:0] = syntax_problems
    sources = _read_contents(root, manifest, tree, problems) if tree is not None else []
    for source in sources:
        for check in source_checks:
            problems.extend(check(source))
    problems.raise_if_any()
    assert metadata is not None
    return Project(root=root, manifest=manifest, metadata=metadata, sources=sources)


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

"""Citations `[@key]` and the reference list, resolved by Pandoc's citeproc once over the whole article.

Each content file is parsed on its own (parse.py), but a citation style numbers, abbreviates ("ibid.")
and sorts across the article, so citeproc runs once over every part's blocks, before nashr's
transforms: author-date citations are rendered in place, a note style's citations become notes that
`number_notes` then numbers with the others, and the reference list (Pandoc's `Div#refs`, under a
heading in the article's language) ends the last content file, unless the author placed
`::: {#refs}` elsewhere. The result is cut back into the parts by their block counts.

The bibliography and style files are paths inside the manuscript folder, refused otherwise (the
sandbox's one policy), and Pandoc runs with `--sandbox` in that folder. A dependent style (one that
names its parent by URL) is refused: Pandoc would fetch the parent from the network. Figure and table
references (`@fig:…`, `@tbl:…`) are held back from citeproc: captions.py resolves them.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import yaml

from nashr.ast import Node, map_nodes, node, span, walk
from nashr.citation_locales import by_script
from nashr.diagnostics import Collector, Diagnostic, Location, ManuscriptError
from nashr.document import Document
from nashr.labels import label
from nashr.metadata import Metadata
from nashr.pandoc import PandocFailed, run_pandoc
from nashr.project import Project
from nashr.sandbox import local_file, refusal, source_text
from nashr.transforms.captions import PREFIXES
from nashr.yamlnodes import compose, line_of

HELD = "nashr-held-reference"  # a cross-reference kept out of citeproc's sight
_NOT_FOUND = re.compile(r"Citeproc: citation (\S+) not found")
_POSITION = re.compile(r"line (\d+)(?:,? column (\d+))?|^\w*Error: (\d+):(\d+)", re.MULTILINE)
_CSL_LINK = "{http://purl.org/net/xbiblio/csl}link"


def _named(metadata: Metadata) -> list[tuple[str, str]]:
    """(key, path) of every bibliography and style file manuscript.yaml names."""
    named = [("bibliography", name) for name in metadata.bibliographies]
    return named + ([("csl", metadata.csl)] if metadata.csl else [])


def citation_files(project: Project) -> list[Path]:
    """The bibliography and style files a build reads (checked by `resolve_citations`)."""
    return [local_file(project.root, name) for _, name in _named(project.metadata)]


def resolve_citations(document: Document) -> Document:
    """The document with its citations rendered and its reference list added; unchanged when it has
    neither a bibliography nor citations. Raises ManuscriptError for a refused, missing or unreadable
    bibliography or style; a citation without an entry is a warning at its line."""
    project = document.project
    listed = _listed_at(project)
    _check_files(project, listed)
    held: list[Node] = []
    parts = [_hold_cross_references(part.blocks, held) for part in document.parts]
    if not project.metadata.bibliographies and not any(_citations(blocks) for blocks in parts):
        return document
    blocks, messages = _citeproc(document, [block for blocks in parts for block in blocks], listed)
    warnings = [_warning(message, document, listed) for message in messages]
    resolved = _split(blocks, [len(blocks) for blocks in parts])
    restored = [_restore(blocks, held) for blocks in resolved]
    return replace(document.with_blocks(restored), warnings=document.warnings + warnings)


def _listed_at(project: Project) -> dict[str, Location]:
    """Where manuscript.yaml names each bibliography and style file (and the keys themselves)."""
    tree, _ = compose(project.metadata_text(), project.manifest)
    found: dict[str, Location] = {}
    for key_node, value in getattr(tree, "value", []) if isinstance(tree, yaml.MappingNode) else []:
        if key_node.value in ("bibliography", "csl"):
            found[key_node.value] = Location(project.manifest, line_of(key_node))
            for item in value.value if isinstance(value, yaml.SequenceNode) else [value]:
                found.setdefault(str(item.value), Location(project.manifest, line_of(item)))
    return found


def _check_files(project: Project, listed: dict[str, Location]) -> None:
    """Refuse each bibliography or style file that is not a file inside the manuscript folder."""
    problems = Collector()
    for key, name in _named(project.metadata):
        reason = refusal(project.root, name, f"{key}:")
        if reason is None and key == "csl":
            reason = _dependent_style(local_file(project.root, name))
        if reason:
            problems.error(listed.get(name, listed.get(key, Location(project.manifest))), reason)
    problems.raise_if_any()


def _dependent_style(path: Path) -> str | None:
    """Why a style cannot be used on its own, or None. Pandoc fetches a dependent style's parent."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError:
        return None  # Pandoc reports it, at its line
    for link in root.iter(_CSL_LINK):
        if link.get("rel") == "independent-parent":
            return (f"csl: {path.name} is a dependent style whose rules are in {link.get('href')}; nashr never "
                    "fetches anything: put that parent style's .csl file in the manuscript folder and name it")
    return None


def _hold_cross_references(blocks: list[Node], held: list[Node]) -> list[Node]:
    """`blocks` with each figure or table reference replaced by a numbered placeholder."""
    def hold(element: Node) -> Node | None:
        if element["t"] != "Cite" or not all(c["citationId"].startswith(PREFIXES) for c in element["c"][0]):
            return None
        held.append(element)
        return span([], classes=[HELD], pairs={"index": str(len(held) - 1)})

    return map_nodes(blocks, hold)


def _restore(blocks: list[Node], held: list[Node]) -> list[Node]:
    """Put the held cross-references back; a citation that a note style made into a note becomes that
    note, so the transforms treat it as any other (numbered, given its own direction), its text still a
    citation of the same sources (the JATS links it to the reference list)."""
    def restore(element: Node) -> Node | list[Node] | None:
        if element["t"] == "Span" and HELD in element["c"][0][1]:
            return held[int(dict(element["c"][0][2])["index"])]
        if element["t"] == "Cite" and any(inline["t"] == "Note" for inline in element["c"][1]):
            return [_cited(inline, element["c"][0]) if inline["t"] == "Note" else inline for inline in element["c"][1]]
        return None

    return map_nodes(blocks, restore)


def _cited(note: Node, citations: list) -> Node:
    """The note citeproc made of a citation, its first paragraph a Cite of the same `citations`."""
    blocks = note["c"]
    if blocks and blocks[0]["t"] in ("Para", "Plain"):
        blocks = [{**blocks[0], "c": [node("Cite", [citations, blocks[0]["c"]])]}, *blocks[1:]]
    return {**note, "c": blocks}


def _citations(blocks: list[Node]) -> bool:
    return any(element["t"] == "Cite" for element in walk(blocks))


def _citeproc(document: Document, blocks: list[Node], listed: dict[str, Location]) -> tuple[list[Node], list[str]]:
    """`blocks` resolved by Pandoc's citeproc, and its warnings. In a right-to-left article a second run
    in `citation_lang` gives the Latin-script sources their own words (citation_locales.py)."""
    metadata = document.metadata
    locales = [metadata.lang]
    if metadata.direction == "rtl" and (metadata.citation_lang or "en") != metadata.lang:
        locales.append(metadata.citation_lang or "en")
    source = json.dumps(document.as_pandoc(blocks), ensure_ascii=False)
    arguments = _arguments(document, titled=_needs_heading(blocks))

    def run(locale: str) -> tuple[str, list[str]]:
        return run_pandoc([*arguments, f"--metadata=lang:{locale}"], source, cwd=document.project.root)

    try:
        with ThreadPoolExecutor(len(locales)) as pool:
            results = list(pool.map(run, locales))
    except PandocFailed as failure:
        raise ManuscriptError([_failure(str(failure), document.project, listed)]) from None
    resolved = [json.loads(output)["blocks"] for output, _ in results]
    messages = [line for line in results[0][1] if line.startswith("[WARNING]")]
    return (by_script(*resolved) if len(resolved) == 2 else resolved[0]), messages


def _needs_heading(blocks: list[Node]) -> bool:
    """False when the author placed the list (`::: {#refs}`) or ended the article with its heading,
    as Pandoc's manual suggests: then nashr adds none of its own."""
    placed = any(element["t"] == "Div" and element["c"][0][0] == "refs" for element in walk(blocks))
    return not placed and not (blocks and blocks[-1]["t"] == "Header")


def _arguments(document: Document, titled: bool) -> list[str]:
    """Pandoc's options: citeproc, sandboxed in the manuscript folder, with its bibliography and style."""
    metadata, root = document.metadata, document.project.root
    arguments = ["--from=json", "--to=json", "--citeproc", "--resource-path=."]
    if titled:
        arguments.append(f"--metadata=reference-section-title:{label(metadata.lang, 'references')}")
    arguments += [f"--bibliography={local_file(root, name).relative_to(root)}" for name in metadata.bibliographies]
    if metadata.csl:
        arguments.append(f"--csl={local_file(root, metadata.csl).relative_to(root)}")
    return arguments


def _failure(message: str, project: Project, listed: dict[str, Location]) -> Diagnostic:
    """Pandoc's error reading a bibliography or style, at the file (and line) it names."""
    metadata = project.metadata
    culprit = next((name for _, name in _named(metadata) if Path(name).name in message), None)
    if culprit is None and message.startswith("Citeproc"):
        culprit = metadata.csl
    if culprit is None:
        return Diagnostic(listed.get("bibliography", Location(project.manifest)),
                          f"Pandoc could not resolve the citations: {message}")
    position = _POSITION.search(message)
    line, column = (int(position[1] or position[3]), int(position[2] or position[4] or 0)) if position else (0, 0)
    kind = "style" if culprit == metadata.csl else "bibliography"
    detail = re.sub(r"\s+", " ", re.sub(r"^Error reading bibliography file [^\n]*:\n", "", message)).strip()
    return Diagnostic(Location(local_file(project.root, culprit), line, column),
                      f"Pandoc cannot read this {kind}: {detail}; correct it here (it is named in "
                      f"{project.manifest.name}, line {listed.get(culprit, Location(project.manifest)).line})")


def _warning(message: str, document: Document, listed: dict[str, Location]) -> Diagnostic:
    """A Pandoc warning; a missing citation key at the file and line of its first citation."""
    text = re.sub(r"^\[WARNING\]\s*", "", message)
    missing = _NOT_FOUND.search(text)
    if missing is None:
        return Diagnostic(listed.get("bibliography", Location(document.project.manifest)), text, "warning")
    key = missing[1]
    advice = ("add an entry with this key to the bibliography" if document.metadata.bibliographies
              else "list a bibliography file under 'bibliography:' in manuscript.yaml")
    return Diagnostic(_cited_at(document, key), f"citation @{key} has no entry in the bibliography; {advice}",
                      "warning")


def _cited_at(document: Document, key: str) -> Location:
    """The file, line and column of the first `@key` in the part that cites it."""
    pattern = re.compile(rf"@\{{?{re.escape(key)}(?![\w-])")
    for part in document.parts:
        if any(element["t"] == "Cite" and any(c["citationId"] == key for c in element["c"][0])
               for element in walk(part.blocks)):
            text = source_text(document, part)
            match = pattern.search(text)
            if match:
                line = text.count("\n", 0, match.start()) + 1
                return Location(part.source, line, match.start() - text.rfind("\n", 0, match.start()))
            return Location(part.source)
    return Location(document.project.manifest)


def _split(blocks: list[Node], counts: list[int]) -> list[list[Node]]:
    """Cut citeproc's blocks back into the parts; what it appended (the reference list) joins the last."""
    result, start = [], 0
    for index, count in enumerate(counts):
        end = len(blocks) if index == len(counts) - 1 else start + count
        result.append(blocks[start:end])
        start = end
    return result

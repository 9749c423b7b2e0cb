"""Citations `[@key]` and the reference list, resolved by Pandoc's citeproc once over the whole article.

Each content file is parsed on its own (parse.py), but a citation style numbers, abbreviates ("ibid.")
and sorts across the article, so citeproc runs once over every part's blocks, before nashr's
transforms: author-date citations are rendered in place, a note style's citations become notes that
`number_notes` then numbers with the others, and the reference list (Pandoc's `Div#refs`, under a
heading in the article's language) ends the last content file, unless the author placed
`::: {#refs}` elsewhere. The result is cut back into the parts by their block counts.

Each source then takes the words of its own script (citation_locales.py), an Arabic run nashr's
Arabic locale and style names (citation_styles.py) and Arabic punctuation (arabic_citations.py), and
the reference list is grouped by script, sorted and split (reference_lists.py).

The bibliography and style files are paths inside the manuscript folder, refused otherwise (the
sandbox's one policy), and Pandoc runs with `--sandbox` in that folder; `csl:` may also name one of
nashr's own styles. A dependent style (one that names its parent by URL) is refused: Pandoc would
fetch the parent from the network. Figure and table references (`@fig:…`, `@tbl:…`) are held back
from citeproc: captions.py resolves them.
"""
from __future__ import annotations

import json
import re
import tempfile
import xml.etree.ElementTree as ET
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path


from nashr.arabic_citations import arabize
from nashr.ast import Node, map_nodes, node, span, walk
from nashr.bibtex_names import braced_copy
from nashr.citation_locales import by_script
from nashr.citation_styles import BUNDLED, bundled_style, keeps_citation_order, style_for_run
from nashr.diagnostics import Collector, Diagnostic, Location, ManuscriptError
from nashr.document import Document
from nashr.labels import label
from nashr.metadata import Metadata, direction_of
from nashr.pandoc import PandocFailed, run_pandoc
from nashr.project import Project
from nashr.reference_lists import arrange
from nashr.positions import POS, carry, location
from nashr.sandbox import local_file, refusal
from nashr.transforms.captions import PREFIXES

HELD = "nashr-held-reference"  # a cross-reference kept out of citeproc's sight
CITED = "nashr-cited"  # a Span round one cited work's text inside a Cite; its `ref` names the work
_NOT_FOUND = re.compile(r"Citeproc: citation (\S+) not found")
_POSITION = re.compile(r"line (\d+)(?:,? column (\d+))?|^\w*Error: (\d+):(\d+)", re.MULTILINE)
_CSL_LINK = "{http://purl.org/net/xbiblio/csl}link"


def _named(metadata: Metadata) -> list[tuple[str, str]]:
    """(key, path) of every bibliography and style file in the manuscript folder that manuscript.yaml names."""
    named = [("bibliography", name) for name in metadata.bibliographies]
    return named + ([("csl", metadata.csl)] if metadata.csl and not bundled_style(metadata.csl) else [])


def _style(project: Project) -> Path | None:
    """The style file: nashr's own, the author's, or None for Pandoc's default."""
    csl = project.metadata.csl
    return (bundled_style(csl) or local_file(project.root, csl)) if csl else None


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
    parts = [_hold_cross_references(part.blocks, held) for part in document.markdown()]
    if not project.metadata.bibliographies and not any(_citations(blocks) for blocks in parts):
        return document
    before = [block for blocks in parts for block in blocks]
    blocks, messages = _citeproc(document, before, listed)
    carry(before, blocks)  # Pandoc drops the positions parsing recorded
    warnings = [warning for message in messages for warning in _warnings(message, document, listed)]
    resolved = _split(blocks, [len(blocks) for blocks in parts])
    restored = [_restore(blocks, held) for blocks in resolved] + [part.blocks for part in document.parts[len(parts):]]
    return replace(document.with_blocks(restored), warnings=document.warnings + warnings)


def _listed_at(project: Project) -> dict[str, Location]:
    """Where manuscript.yaml names each bibliography and style file (and the keys themselves)."""
    found: dict[str, Location] = {}
    for key in ("bibliography", "csl"):
        location = project.key_location(key)
        if location.line:
            found[key] = location
            found = {**project.listed_at(key), **found}
    return found


def _check_files(project: Project, listed: dict[str, Location]) -> None:
    """Refuse each bibliography or style file that is not a file inside the manuscript folder."""
    problems = Collector()
    for key, name in _named(project.metadata):
        reason = refusal(project.root, name, f"{key}:")
        if reason is None and key == "csl":
            reason = _dependent_style(local_file(project.root, name))
        elif reason and key == "csl" and not Path(name).suffix:
            reason += f" (nashr's own styles are named {' and '.join(BUNDLED)})"
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
    return {**note, "c": blocks, **({POS: citations[0][POS]} if citations and POS in citations[0] else {})}


def _citations(blocks: list[Node]) -> bool:
    return any(element["t"] == "Cite" for element in walk(blocks))


def _citeproc(document: Document, blocks: list[Node], listed: dict[str, Location]) -> tuple[list[Node], list[str]]:
    """`blocks` resolved by Pandoc's citeproc, with the reference list arranged, and citeproc's warnings.
    A second run in the other script's language gives those sources their own words (citation_locales.py)."""
    metadata, root = document.metadata, document.project.root
    languages, other_direction = _languages(metadata)
    source = json.dumps(document.as_pandoc(blocks), ensure_ascii=False)
    titled, style = _needs_heading(blocks), _style(document.project)

    with tempfile.TemporaryDirectory(prefix="nashr-citations-") as workdir:
        originals = {braced_copy(local_file(root, name), Path(workdir, str(index))): local_file(root, name)
                     for index, name in enumerate(metadata.bibliographies)}  # what Pandoc reads → the author's file

        def run(lang: str) -> tuple[list[Node], list[str]]:
            run_style = style_for_run(style, lang, Path(workdir))
            arguments = [*_arguments(document, titled, run_style, list(originals)), f"--metadata=lang:{lang}"]
            try:
                output, messages = run_pandoc(arguments, source, cwd=root)
            except PandocFailed as failure:  # name the author's files, not nashr's copies of them
                read = {**originals, **({run_style: style} if style and run_style else {})}
                raise PandocFailed(_as_named(str(failure), read, root)) from None
            return arabize(works_marked(json.loads(output)["blocks"]), lang), messages

        try:
            with ThreadPoolExecutor(len(languages)) as pool:
                results = list(pool.map(run, languages))
        except PandocFailed as failure:
            raise ManuscriptError([_failure(str(failure), document.project, listed)]) from None
    resolved = [blocks for blocks, _ in results]
    messages = [line for line in results[0][1] if line.startswith("[WARNING]")]
    merged = by_script(resolved[0], resolved[1], other_direction) if len(resolved) == 2 else resolved[0]
    return arrange(merged, metadata.lang, metadata.direction, metadata.split_references,
                   resort=not keeps_citation_order(style)), messages


def works_marked(blocks: list[Node]) -> list[Node]:
    """citeproc's blocks with each cited work's link (`link-citations`: citeproc alone knows which
    words of "(Buzan 1998; Brauch 2011a, b)" name which work, once styles have sorted and collapsed
    them) made a CITED Span, which the formats that link citations (HTML galley, JATS) turn back into
    a link each and the others print as plain text."""

    def mark(element: Node) -> Node | None:
        if element["t"] != "Cite":
            return None

        def unlink(inner: Node) -> Node | None:
            url, title = inner["c"][2] if inner["t"] == "Link" else ("", "")
            if not url.startswith("#ref-") or title:
                return None
            return span(inner["c"][1], classes=[CITED], pairs={"ref": url.removeprefix("#ref-")})

        return {**element, "c": [element["c"][0], map_nodes(element["c"][1], unlink)]}

    return map_nodes(blocks, mark)


def works_are_marked(cite: Node) -> bool:
    """Whether `works_marked` marked the works of the Cite `cite` (not those a note style makes)."""
    return any(e["t"] == "Span" and CITED in e["c"][0][1] for e in walk(cite["c"][1]))


def _languages(metadata: Metadata) -> tuple[list[str], str]:
    """The languages of the citeproc runs — the article's, then the other script's if it differs — and
    the direction of the sources the second run serves."""
    if metadata.direction == "rtl":
        other = metadata.citation_lang or "en"
        return ([metadata.lang, other] if other != metadata.lang else [metadata.lang]), "ltr"
    other = metadata.citation_lang
    return ([metadata.lang, other] if other and direction_of(other) == "rtl" else [metadata.lang]), "rtl"


def _needs_heading(blocks: list[Node]) -> bool:
    """False when the author placed the list (`::: {#refs}`) or ended the article with its heading,
    as Pandoc's manual suggests: then nashr adds none of its own."""
    placed = any(element["t"] == "Div" and element["c"][0][0] == "refs" for element in walk(blocks))
    return not placed and not (blocks and blocks[-1]["t"] == "Header")


def _arguments(document: Document, titled: bool, style: Path | None, bibliographies: list[Path]) -> list[str]:
    """Pandoc's options: citeproc, sandboxed in the manuscript folder, with its bibliography and style."""
    metadata, root = document.metadata, document.project.root
    arguments = ["--from=json", "--to=json", "--citeproc", "--resource-path=.", "--metadata=link-citations:true"]
    if titled:
        arguments.append(f"--metadata=reference-section-title:{label(metadata.lang, 'references')}")
    arguments += [f"--bibliography={_relative(path, root)}" for path in bibliographies]
    if style:
        arguments.append(f"--csl={_relative(style, root)}")
    return arguments


def _relative(path: Path, root: Path) -> str:
    """`path` as the manuscript names it when it lies in the folder, else in full."""
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def _as_named(message: str, originals: dict[Path, Path], root: Path) -> str:
    """Pandoc's `message` with each file nashr gave it named as the author's file it copies."""
    for read, original in originals.items():
        if read != original:
            message = message.replace(str(read), _relative(original, root))
    return message


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


def _warnings(message: str, document: Document, listed: dict[str, Location]) -> list[Diagnostic]:
    """A Pandoc warning; a missing citation key at the file and line of each citation of it."""
    text = re.sub(r"^\[WARNING\]\s*", "", message)
    missing = _NOT_FOUND.search(text)
    if missing is None:
        return [Diagnostic(listed.get("bibliography", Location(document.project.manifest)), text, "warning")]
    key = missing[1]
    advice = ("add an entry with this key to the bibliography" if document.metadata.bibliographies
              else "list a bibliography file under 'bibliography:' in manuscript.yaml")
    return [Diagnostic(place, f"citation @{key} has no entry in the bibliography; {advice}", "warning")
            for place in _cited_at(document, key)]


def _cited_at(document: Document, key: str) -> list[Location]:
    """The file, line and column of each `@key`, where parsing recorded it."""
    places = [location(document, citation) for part in document.parts for element in walk(part.blocks)
              if element["t"] == "Cite" for citation in element["c"][0] if citation["citationId"] == key]
    return places or [Location(document.project.manifest)]


def _split(blocks: list[Node], counts: list[int]) -> list[list[Node]]:
    """Cut citeproc's blocks back into the parts; what it appended (the reference list) joins the last."""
    result, start = [], 0
    for index, count in enumerate(counts):
        end = len(blocks) if index == len(counts) - 1 else start + count
        result.append(blocks[start:end])
        start = end
    return result

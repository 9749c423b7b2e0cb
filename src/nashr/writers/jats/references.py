"""The reference list: each entry citeproc printed, as `<ref>` with an `element-citation` built from the
bibliography's CSL data (authors, title, source, year, volume, pages, DOI …) and a `mixed-citation` as
printed in the article's citation style.

The CSL data is read from the same bibliography files citeproc used, converted by Pandoc (a `.bib` file
through the same BibLaTeX reader), so both citations describe the same work.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from lxml import etree

from nashr.ast import Node, attr_value
from nashr.citations import citation_files
from nashr.document import Document
from nashr.pandoc import run_pandoc
from nashr.writers.jats.content import Content, reference_key
from nashr.writers.jats.tagset import XLINK
from nashr.writers.jats.xml import opened, sub

READERS = {".bib": "biblatex", ".bibtex": "bibtex", ".json": "csljson", ".ris": "ris", ".xml": "endnotexml",
           ".yaml": "markdown", ".yml": "markdown"}
TYPES = {"article-journal": "journal", "article-magazine": "magazine", "article-newspaper": "newspaper",
         "article": "journal", "book": "book", "chapter": "book", "paper-conference": "confproc",
         "thesis": "thesis", "report": "report", "webpage": "webpage", "post-weblog": "blog",
         "dataset": "data", "software": "software", "patent": "patent", "manuscript": "manuscript",
         "entry-encyclopedia": "book", "entry-dictionary": "book", "legislation": "legal-doc",
         "legal_case": "legal-doc"}
ROLES = {"author": "author", "editor": "editor", "translator": "translator", "container-author": "author"}
_YEAR = re.compile(r"\d{4}")


def csl_items(document: Document) -> dict[str, dict]:
    """Every bibliography entry's CSL data, by citation key."""
    items: dict[str, dict] = {}
    for path in citation_files(document.project):
        if path.suffix.lower() in READERS:
            items.update((item["id"], item) for item in _read(path))
    return items


def _read(path: Path) -> list[dict]:
    text = path.read_text(encoding="utf-8-sig")
    reader = READERS[path.suffix.lower()]
    if reader == "markdown":  # a YAML bibliography is Pandoc metadata with `references:`
        text = f"---\n{text}\n...\n"
    return json.loads(run_pandoc([f"--from={reader}", "--to=csljson"], text)[0] or "[]")


def reference_list(content: Content, entries: list[Node], title: list[Node], items: dict[str, dict],
                   parent: etree._Element) -> None:
    """`<ref-list>` with its title and a `<ref>` for each entry Div of citeproc's `#refs`."""
    element = sub(parent, "ref-list")
    if title:
        content.inlines(title, sub(element, "title"))
    for entry in entries:
        key = entry["c"][0][0].removeprefix("ref-")
        blocks = entry["c"][1]
        lang = content.languages.of_element(None, _direction(blocks), blocks)
        ref = opened(element, "ref", lang, {"id": content.ids.add(reference_key(key), "bibr")})
        if key in items:
            element_citation(items[key], ref)
        mixed = sub(ref, "mixed-citation", {"publication-type": TYPES.get(items.get(key, {}).get("type", ""), "other")})
        for block in _paragraphs(blocks):
            content.inlines(block["c"], mixed)


def _paragraphs(blocks: list[Node]) -> list[Node]:
    """The entry's paragraphs, through the Divs the bidi transform wrapped them in."""
    found = []
    for block in blocks:
        if block["t"] == "Div":
            found += _paragraphs(block["c"][1])
        elif block["t"] in ("Para", "Plain"):
            found.append(block)
    return found


def _direction(blocks: list[Node]) -> str | None:
    return attr_value(blocks[0], "dir") if len(blocks) == 1 and blocks[0]["t"] == "Div" else None


def element_citation(item: dict, parent: etree._Element) -> None:
    """The CSL item as JATS elements, in the order JATS4R's examples give them."""
    kind = item.get("type", "")
    citation = sub(parent, "element-citation", {"publication-type": TYPES.get(kind, "other")})
    for role, group in ROLES.items():
        if item.get(role):
            _names(item[role], sub(citation, "person-group", {"person-group-type": group}))
    container = item.get("container-title")
    title = item.get("title")
    if kind == "chapter" or (container and kind not in ("book", "report", "thesis")):
        _text(citation, "chapter-title" if kind == "chapter" else "article-title", title)
        _text(citation, "source", container)
    else:
        _text(citation, "source", title or container)
    _text(citation, "edition", item.get("edition"))
    _text(citation, "publisher-loc", item.get("publisher-place"))
    _text(citation, "publisher-name", item.get("publisher"))
    if year := _year(item.get("issued")):
        sub(citation, "year", {"iso-8601-date": year}, year)
    _text(citation, "volume", item.get("volume"))
    _text(citation, "issue", item.get("issue"))
    _pages(citation, str(item.get("page", "")))
    if item.get("DOI"):
        sub(citation, "pub-id", {"pub-id-type": "doi"}, str(item["DOI"]))
    if item.get("URL"):
        sub(citation, "ext-link", {"ext-link-type": "uri", f"{{{XLINK}}}href": item["URL"],
                                   f"{{{XLINK}}}title": title or item["URL"]}, item["URL"])


def _names(names: list[dict], group: etree._Element) -> None:
    for person in names:
        if person.get("family"):
            name = sub(group, "name")
            sub(name, "surname", text=" ".join(filter(None, [person.get("non-dropping-particle"), person["family"]])))
            if person.get("given"):
                sub(name, "given-names", text=person["given"])
        elif person.get("literal"):
            sub(group, "string-name", text=person["literal"])


def _text(parent: etree._Element, tag: str, value: object) -> None:
    if value:
        sub(parent, tag, text=str(value))


def _year(issued: dict | None) -> str | None:
    """The four-digit year of a CSL date, None when it has none (a literal "n.d.", a Hijri year)."""
    if not issued:
        return None
    parts = issued.get("date-parts") or [[]]
    year = str(parts[0][0]) if parts[0] else str(issued.get("literal", ""))
    return year if _YEAR.fullmatch(year) else None


def _pages(parent: etree._Element, pages: str) -> None:
    """`fpage` and `lpage` for a range of numbers ("10-20"), else the pages as given."""
    if not pages:
        return
    first, _, last = pages.replace("\u2013", "-").partition("-")
    if first.strip().isdigit() and (not last or (last.strip().isdigit() and int(last) >= int(first))):
        sub(parent, "fpage", text=first.strip())
        if last:
            sub(parent, "lpage", text=last.strip())
    else:
        sub(parent, "page-range", text=pages)

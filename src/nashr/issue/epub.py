"""The issue EPUB: every article's own EPUB joined into one book, with a contents page by section.

Each article keeps its pages exactly as its own EPUB has them, under a folder named after its slug;
fonts that several articles embed unchanged are stored once. The navigation lists the sections, each
article under its section, and each article's own headings under it.
"""
from __future__ import annotations

import copy
import datetime as dt
import io
import tempfile
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from nashr.labels import label
from nashr.metadata import direction_of
from nashr.reproducible import write_zip
from nashr.resources import templates_dir

OPF = "http://www.idpf.org/2007/opf"
XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
DC = "http://purl.org/dc/elements/1.1/"
NS = {"opf": OPF, "h": XHTML, "epub": OPS, "dc": DC}
ROOT = "EPUB/"


@dataclass(frozen=True)
class IssueArticle:
    slug: str
    section: str
    title: str
    epub: bytes


def issue_epub(articles: list[IssueArticle], title: str, lang: str, when: dt.datetime) -> bytes:
    files: dict[str, bytes] = {}
    manifest: list[tuple[str, str, str, str]] = []  # id, href, media type, properties
    spine: list[str] = []
    toc: dict[str, list[etree._Element]] = {}
    accessibility: list[etree._Element] = []
    for number, article in enumerate(articles, 1):
        book = zipfile.ZipFile(io.BytesIO(article.epub))
        package = etree.fromstring(book.read(ROOT + "package.opf"))
        accessibility = accessibility or package.xpath("opf:metadata/opf:meta[starts-with(@property, 'schema:')]", namespaces=NS)
        moved: dict[str, str] = {}
        shared_fonts: list[str] = []
        for item in package.xpath("opf:manifest/opf:item", namespaces=NS):
            href, kind = item.get("href"), item.get("media-type")
            data = book.read(ROOT + href)
            if "nav" in (item.get("properties") or ""):
                toc[article.section] = toc.get(article.section, []) + [_article_entry(article, data)]
                continue
            if href.startswith("fonts/") and files.get(ROOT + href, data) == data:
                new = href  # the same font as another article's: stored once
                shared_fonts.append(href)
            else:
                new = f"{article.slug}/{href}"
            moved[item.get("id")] = new
            if ROOT + new not in files:
                files[ROOT + new] = data
                manifest.append((f"a{number}-{item.get('id')}", new, kind, item.get("properties") or ""))
        for href in (h for h in moved.values() if h.endswith(".css")):
            text = files[ROOT + href].decode("utf-8")
            for font in shared_fonts:
                text = text.replace(f'url("../{font}")', f'url("../../{font}")')
            files[ROOT + href] = text.encode("utf-8")
        spine += [f"a{number}-{ref.get('idref')}" for ref in package.xpath("opf:spine/opf:itemref", namespaces=NS)]
    direction = direction_of(lang)
    files[ROOT + "contents.xhtml"] = _contents(toc, title, lang, direction)
    manifest.insert(0, ("contents", "contents.xhtml", "application/xhtml+xml", "nav"))
    spine.insert(0, "contents")
    identifier = f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'nashr:issue:' + title)}"
    files[ROOT + "package.opf"] = _package(manifest, spine, title, lang, direction, identifier, when, accessibility)
    entries = [("mimetype", b"application/epub+zip"),
               ("META-INF/container.xml", (templates_dir() / "epub" / "container.xml").read_bytes()),
               (ROOT + "package.opf", files.pop(ROOT + "package.opf"))] + sorted(files.items())
    with tempfile.TemporaryDirectory() as scratch:
        target = Path(scratch) / "issue.epub"
        write_zip(target, entries, when, stored={"mimetype"})
        return target.read_bytes()


def _article_entry(article: IssueArticle, nav: bytes) -> etree._Element:
    """An <li> for the contents: the article's title, then its own headings, linked into its folder."""
    entry = etree.Element(f"{{{XHTML}}}li")
    link = etree.SubElement(entry, f"{{{XHTML}}}a", href=f"{article.slug}/title.xhtml", dir="auto")
    link.text = article.title
    own = etree.fromstring(nav).xpath("//h:nav[@epub:type='toc']/h:ol", namespaces=NS)
    if own:
        headings = copy.deepcopy(own[0])
        for item in headings.xpath("h:li[h:a[@href='title.xhtml']]", namespaces=NS):
            headings.remove(item)
        for anchor in headings.xpath(".//h:a", namespaces=NS):
            anchor.set("href", f"{article.slug}/{anchor.get('href')}")
        if len(headings):
            entry.append(headings)
    return entry


def _contents(toc: dict[str, list[etree._Element]], title: str, lang: str, direction: str) -> bytes:
    html = etree.Element(f"{{{XHTML}}}html", nsmap={None: XHTML, "epub": OPS})
    html.set("lang", lang)
    html.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    html.set("dir", direction)
    head = etree.SubElement(html, f"{{{XHTML}}}head")
    etree.SubElement(head, f"{{{XHTML}}}meta", charset="utf-8")
    etree.SubElement(head, f"{{{XHTML}}}title").text = title
    nav = etree.SubElement(etree.SubElement(html, f"{{{XHTML}}}body"), f"{{{XHTML}}}nav", id="toc", role="doc-toc")
    nav.set(f"{{{OPS}}}type", "toc")
    etree.SubElement(nav, f"{{{XHTML}}}h1").text = f"{title} — {label(lang, 'contents')}"
    sections = etree.SubElement(nav, f"{{{XHTML}}}ol")
    for section, entries in toc.items():
        item = etree.SubElement(sections, f"{{{XHTML}}}li")
        heading = etree.SubElement(item, f"{{{XHTML}}}a", href=entries[0][0].get("href"))
        heading.text = section
        listing = etree.SubElement(item, f"{{{XHTML}}}ol")
        for entry in entries:
            listing.append(entry)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n' + etree.tostring(html, encoding="utf-8")


def _package(manifest, spine, title, lang, direction, identifier, when, accessibility) -> bytes:
    package = etree.Element(f"{{{OPF}}}package", nsmap={None: OPF}, version="3.0", **{"unique-identifier": "id"})
    package.set("{http://www.w3.org/XML/1998/namespace}lang", lang)
    package.set("dir", direction)
    metadata = etree.SubElement(package, f"{{{OPF}}}metadata", nsmap={"dc": DC})
    etree.SubElement(metadata, f"{{{DC}}}identifier", id="id").text = identifier
    etree.SubElement(metadata, f"{{{DC}}}title").text = title
    etree.SubElement(metadata, f"{{{DC}}}language").text = lang
    etree.SubElement(metadata, f"{{{OPF}}}meta", property="dcterms:modified").text = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    metadata.extend(copy.deepcopy(meta) for meta in accessibility)
    items = etree.SubElement(package, f"{{{OPF}}}manifest")
    for identifier_, href, kind, properties in manifest:
        item = etree.SubElement(items, f"{{{OPF}}}item", id=identifier_, href=href, **{"media-type": kind})
        if properties:
            item.set("properties", properties)
    order = etree.SubElement(package, f"{{{OPF}}}spine", **{"page-progression-direction": direction})
    for idref in spine:
        etree.SubElement(order, f"{{{OPF}}}itemref", idref=idref)
    return etree.tostring(package, xml_declaration=True, encoding="UTF-8")

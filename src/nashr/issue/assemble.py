"""Join the issue PDF: front pages, each article's own PDF (the offprint, unchanged), blank pages so
that every page sits on the side of the spread its number says (odd pages are rectos), back pages;
with page labels matching the printed numbers and an outline by section and article.

The joined file is a plain PDF: pypdf carries the articles' pages but not their structure trees nor
their PDF/A identification, and nashr does not claim a conformance it has not checked. The offprints
are the articles' own PDFs, with the standard their `layout.pdf_standard` asks for (PDF/A-3b and
tagged by default): archives and indexes take those."""
from __future__ import annotations

import io
from dataclasses import dataclass

import pypdf
from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

from nashr.metadata import direction_of


@dataclass(frozen=True)
class Placed:
    section: str
    title: str
    first_page: int  # printed number of the article's first page
    pdf: bytes


def join_issue(front: bytes, articles: list[Placed], back: bytes | None, title: str, lang: str) -> bytes:
    writer = pypdf.PdfWriter()
    front_reader = pypdf.PdfReader(io.BytesIO(front))
    writer.append(front_reader, import_outline=False)
    width, height = front_reader.pages[0].mediabox.width, front_reader.pages[0].mediabox.height
    if articles and (len(writer.pages) + 1 - articles[0].first_page) % 2:
        # the first article's first page lands on the side of the spread its number says (odd: recto)
        writer.add_blank_page(width, height)
    front_pages = len(writer.pages)
    writer.set_page_label(0, front_pages - 1, style="/r", start=1)
    next_number = None
    section_items: dict[str, object] = {}
    for article in articles:
        if next_number is not None and article.first_page > next_number:
            for _ in range(article.first_page - next_number):
                writer.add_blank_page(width, height)
        reader = pypdf.PdfReader(io.BytesIO(article.pdf))
        start = len(writer.pages)
        writer.append(reader, import_outline=False)
        if article.section not in section_items:
            section_items[article.section] = writer.add_outline_item(title=article.section, page_number=start)
        writer.add_outline_item(title=article.title, page_number=start, parent=section_items[article.section])
        next_number = article.first_page + len(reader.pages)
    if articles:
        writer.set_page_label(front_pages, len(writer.pages) - 1, style="/D", start=articles[0].first_page)
    if back:
        start = len(writer.pages)
        writer.append(pypdf.PdfReader(io.BytesIO(back)), import_outline=False)
        writer.set_page_label(start, len(writer.pages) - 1, style="/r",
                              start=front_pages + 1)
    writer.add_metadata({"/Title": title})
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    # a viewer showing spreads puts page 1 on the left of page 2 in a book bound on the right
    preferences = {NameObject("/DisplayDocTitle"): BooleanObject(True)}
    if direction_of(lang) == "rtl":
        preferences[NameObject("/Direction")] = NameObject("/R2L")
    writer._root_object[NameObject("/ViewerPreferences")] = DictionaryObject(preferences)
    writer.page_mode = "/UseOutlines"
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()

"""Join the issue PDF: front pages, each article's own PDF (the offprint, unchanged), blank pages so
that articles start on a recto, back pages; with page labels matching the printed numbers and an
outline by section and article."""
from __future__ import annotations

import io
from dataclasses import dataclass

import pypdf
from pypdf.generic import NameObject, TextStringObject


@dataclass(frozen=True)
class Placed:
    section: str
    title: str
    first_page: int  # printed number of the article's first page
    pdf: bytes


def blank_before(first_pages: list[int], recto_start: bool) -> list[int]:
    """How many blank pages go before each article (0 or 1)."""
    return [1 if recto_start and index and page % 2 == 0 else 0 for index, page in enumerate(first_pages)]


def join_issue(front: bytes, articles: list[Placed], back: bytes | None, title: str, lang: str) -> bytes:
    writer = pypdf.PdfWriter()
    front_reader = pypdf.PdfReader(io.BytesIO(front))
    writer.append(front_reader, import_outline=False)
    width, height = front_reader.pages[0].mediabox.width, front_reader.pages[0].mediabox.height
    writer.set_page_label(0, len(front_reader.pages) - 1, style="/r", start=1)
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
        first_article_index = len(front_reader.pages)
        writer.set_page_label(first_article_index, len(writer.pages) - 1, style="/D", start=articles[0].first_page)
    if back:
        start = len(writer.pages)
        writer.append(pypdf.PdfReader(io.BytesIO(back)), import_outline=False)
        writer.set_page_label(start, len(writer.pages) - 1, style="/r",
                              start=len(front_reader.pages) + 1)
    writer.add_metadata({"/Title": title})
    writer._root_object[NameObject("/Lang")] = TextStringObject(lang)
    writer.page_mode = "/UseOutlines"
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()

"""A table too wide for its page is never cut: a layout pass that fits it, one step per layout.

(A verse, laid out as a table whose hemistichs never wrap, is fitted the same way, in place.)

Why: with columns as wide as their content (styles/pdf.css) and no word ever broken, a table of many
columns can be wider than the text: WeasyPrint then draws it past the margin, off the page.

How, after each layout (pdf/layout.render_until_settled), for every table wider than the box it sits
in, the next step it has not had yet:
1. with `layout.wide_tables: landscape`, it goes on a page of its own turned landscape (the named page
   `LANDSCAPE`, see pdf/page.py), which `turn_landscape_pages` then rotates onto the trim, as books
   print a broadside table;
2. its text is set smaller, in proportion to how much too wide it is, down to MIN_SCALE of its size;
3. its Latin words may be hyphenated (`HYPHENATE`), by the language of each run — after shrinking, as
   WeasyPrint then narrows every Latin column to a syllable's width;
4. if it still does not fit, its words may break anywhere (`BREAK_WORDS`): a broken word, never lost text.
"""
from __future__ import annotations

from typing import Iterator

HYPHENATE = "nashr-table-hyphenate"
LANDSCAPE = "nashr-landscape"
BREAK_WORDS = "nashr-table-break"
SIZE = "data-nashr-size"  # the table's own font size in px, before any shrinking
MIN_SCALE = 0.7
SLACK = 0.5  # px a table may exceed its box by (rounding)


def _tables(box, width: float) -> Iterator[tuple[object, float]]:
    """(table box, width of the box it sits in) for every table below `box`, notes' included."""
    from weasyprint.formatting_structure import boxes

    for child in getattr(box, "children", []):
        if isinstance(child, boxes.TableBox):
            yield child, width
        inner = child.width if isinstance(child, boxes.BlockContainerBox) and not child.is_table_wrapper else width
        yield from _tables(child, inner)


def too_wide(document) -> list:
    """The elements of the tables wider than the box they sit in, in order, each once."""
    found = [table.element for page in document.pages
             for table, width in _tables(page._page_box, page._page_box.width)
             if table.element is not None and table.margin_width() > width + SLACK]
    return list(dict.fromkeys(found))


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def _add_class(element, name: str) -> None:
    element.set("class", " ".join(_classes(element) + [name]))


def fit_wide_tables(landscape: bool):
    """An adjustment (pdf/layout): one more step for each table still too wide; False when none is."""

    def adjust(document) -> bool:
        widths = {table.element: (table, width) for page in document.pages
                  for table, width in _tables(page._page_box, page._page_box.width)}
        changed = False
        for element in too_wide(document):
            table, width = widths[element]
            changed |= _next_step(element, table, width, landscape)
        return changed

    return adjust


def _next_step(element, table, width: float, landscape: bool) -> bool:
    classes = _classes(element)
    if landscape and element.tag == "table" and LANDSCAPE not in classes:  # a verse is shrunk in place
        _add_class(element, LANDSCAPE)
        return True
    size = float(element.get(SIZE) or table.style["font_size"])
    current = table.style["font_size"]
    if current > size * MIN_SCALE + 0.01:
        element.set(SIZE, f"{size:g}")
        smaller = max(size * MIN_SCALE, current * width / table.margin_width() * 0.98)
        style = element.get("style", "")
        element.set("style", f"{style}; font-size: {smaller:.2f}px" if style else f"font-size: {smaller:.2f}px")
        return True
    for step in (HYPHENATE, BREAK_WORDS):
        if step not in classes:
            _add_class(element, step)
            return True
    return False


def turn_landscape_pages(rtl: bool):
    """A WeasyPrint finisher: rotate each page laid out landscape onto the portrait trim (/Rotate) as
    books print a broadside table: its top on the left in a left-to-right article (Chicago Manual of
    Style), mirrored — on the right — in a right-to-left one."""

    def finish(document, pdf) -> None:
        pages = [obj for obj in pdf.objects if isinstance(obj, dict) and obj.get("Type") == "/Page"]
        trim = document.pages[0]  # never a table's own page: it holds the title
        for page, laid_out in zip(pages, document.pages):
            if (laid_out.width > laid_out.height) != (trim.width > trim.height):
                page["Rotate"] = 90 if rtl else 270

    return finish

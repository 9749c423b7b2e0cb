"""Layout passes: render, look at the pages, adjust the HTML, render again until nothing changes.

- Keep every note on the page of its call. WeasyPrint 70, when a paragraph may not break before a
  line (orphans), moves the page's last notes to the next page instead of moving the lines
  (layout/block.py, "report" footnotes), so a call can end up one page before its note. We push the
  block that caused it — the last block on the call's page — to the next page.
- Number notes per page when asked. WeasyPrint's `@page { counter-reset: footnote }` does not reset
  per page (open upstream); nashr prints its own note numbers (`data-n`), so we renumber them from
  where the notes fell, and render again, since a number's width can move a line.
- Print the article's page range on its first page, once the number of pages is known.

Notes are identified by `data-note`, their number through the whole article.
"""
from __future__ import annotations

from typing import Callable, Iterator

from nashr.transforms.numerals import digits

MAX_PASSES = 8
PAGE_RANGE_CLASS = "page-range"

Adjustment = Callable[[object], bool]  # looks at a rendered document, edits its HTML; True if it did


def _flow_boxes(box) -> Iterator:
    from weasyprint.formatting_structure import boxes

    for child in getattr(box, "children", []):
        if isinstance(child, (boxes.MarginBox, boxes.FootnoteAreaBox)):
            continue
        yield child
        yield from _flow_boxes(child)


def _calls(page_box) -> list:
    """The note elements called on the page, in reading order (a call is a box and its text box)."""
    elements = [box.element for box in _flow_boxes(page_box)
                if box.element is not None and getattr(box, "element_tag", "").endswith("::footnote-call")]
    return list(dict.fromkeys(elements))


def _placed_notes(page_box) -> set[str]:
    area = next((c for c in page_box.children if type(c).__name__ == "FootnoteAreaBox"), None)
    if area is None:
        return set()
    return {box.element.get("data-note") for box in area.descendants() if box.element is not None}


def _last_block_with_lines(page_box):
    """The innermost block on the page that holds the last line of the flow."""
    from weasyprint.formatting_structure import boxes

    last = None
    for box in _flow_boxes(page_box):
        if isinstance(box, boxes.BlockContainerBox) and any(isinstance(c, boxes.LineBox) for c in box.children):
            last = box
    return last


def misplaced_notes(document) -> list[tuple[int, object]]:
    """(page index, culprit block) for each page whose calls have a note on a later page."""
    found = []
    for index, page in enumerate(document.pages):
        page_box = page._page_box
        calls = {element.get("data-note") for element in _calls(page_box)}
        if calls - _placed_notes(page_box):
            culprit = _last_block_with_lines(page_box)
            if culprit is not None and culprit.element is not None:
                found.append((index, culprit.element))
    return found


def keep_notes_with_calls(document) -> bool:
    stranded = misplaced_notes(document)
    for _, element in stranded:
        style = element.get("style", "")
        element.set("style", f"{style}; break-before: page" if style else "break-before: page")
    return bool(stranded)


def number_notes_per_page(numerals: str) -> Adjustment:
    def adjust(document) -> bool:
        changed = False
        for page in document.pages:
            for number, element in enumerate(_calls(page._page_box), start=1):
                label = digits(number, numerals)
                if element.get("data-n") != label:
                    element.set("data-n", label)
                    changed = True
        return changed

    return adjust


def page_range(first_page: int, numerals: str) -> Adjustment:
    """Write "first–last" into the element of class page-range on the first page."""
    def adjust(document) -> bool:
        if not document.pages:
            return False
        last = first_page + len(document.pages) - 1
        text = f"{digits(first_page, numerals)}\u2013{digits(last, numerals)}"
        for box in _flow_boxes(document.pages[0]._page_box):
            element = box.element
            if element is not None and PAGE_RANGE_CLASS in (element.get("class") or "").split():
                if element.text == text:
                    return False
                element.text = text
                return True
        return False

    return adjust


def render_until_settled(render: Callable[[], object], adjustments: list[Adjustment]):
    """Render, apply every adjustment, and render again until none changes anything."""
    document = render()
    for _ in range(MAX_PASSES):
        changed = [adjust(document) for adjust in adjustments]
        if not any(changed):
            break
        document = render()
    return document

"""Keep every note on the page of its call.

WeasyPrint 70, when a paragraph may not break before a line (orphans), moves the page's last notes
to the next page instead of moving the lines (layout/block.py, "report" footnotes), so a call can end
up one page before its note. After a render we look for such notes and push the block that caused
it — the last block on the call's page — to the next page, then render again.
"""
from __future__ import annotations

from typing import Callable, Iterator

MAX_PASSES = 6


def _flow_boxes(box) -> Iterator:
    from weasyprint.formatting_structure import boxes

    for child in getattr(box, "children", []):
        if isinstance(child, (boxes.MarginBox, boxes.FootnoteAreaBox)):
            continue
        yield child
        yield from _flow_boxes(child)


def _note_numbers(boxes_: Iterator, suffix: str) -> set[str]:
    return {box.element.get("data-n") for box in boxes_
            if box.element is not None and getattr(box, "element_tag", "").endswith(suffix)}


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
        calls = _note_numbers(_flow_boxes(page_box), "::footnote-call")
        area = next((c for c in page_box.children if type(c).__name__ == "FootnoteAreaBox"), None)
        notes = _note_numbers(area.descendants(), "") if area is not None else set()
        if calls - notes:
            culprit = _last_block_with_lines(page_box)
            if culprit is not None and culprit.element is not None:
                found.append((index, culprit.element))
    return found


def render_keeping_notes_with_calls(render: Callable[[], object]):
    """Render, push each page's closing block after a stranded note, and render again until none."""
    document = render()
    for _ in range(MAX_PASSES):
        stranded = misplaced_notes(document)
        if not stranded:
            break
        for _, element in stranded:
            style = element.get("style", "")
            element.set("style", f"{style}; break-before: page" if style else "break-before: page")
        document = render()
    return document

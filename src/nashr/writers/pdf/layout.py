"""Layout passes: render, look at the pages, adjust the HTML, render again until nothing changes.

- Keep every note on the page of its call where WeasyPrint still separates them: push the last
  block on the call's page to the next page. weasyprint_fixes/note_placement.py removes the usual
  cause during layout, so this pass only catches what remains and most articles are laid out once.
- Number notes per page when asked. WeasyPrint's `@page { counter-reset: footnote }` does not reset
  per page (open upstream); nashr prints its own note numbers (`data-n`), so we renumber them from
  where the notes fell, and render again, since a number's width can move a line.
- Keep headings with the text that follows them, when WeasyPrint leaves one at a page's end.

Notes are identified by `data-note`, their number through the whole article. The page readers here
(calls, flow_lines, footnote_area …) also serve weasyprint_fixes/note_continuation.py, whose
adjustment continues a long note on the next page.
"""
from __future__ import annotations

from typing import Callable, Iterator

from nashr.vocabulary import digits

MAX_PASSES = 8

Adjustment = Callable[[object], bool]  # looks at a rendered document, edits its HTML; True if it did


def flow_boxes(box) -> Iterator:
    from weasyprint.formatting_structure import boxes

    for child in getattr(box, "children", []):
        if isinstance(child, (boxes.MarginBox, boxes.FootnoteAreaBox)):
            continue
        yield child
        yield from flow_boxes(child)


def calls(page_box) -> list:
    """The numbered note elements called on the page, in reading order (a call is a box and its text
    box; the continuation of a note cut by weasyprint_fixes/note_continuation.py has no call of its own)."""
    elements = [box.element for box in flow_boxes(page_box)
                if box.element is not None and box.element.get("data-note")
                and getattr(box, "element_tag", "").endswith("::footnote-call")]
    return list(dict.fromkeys(elements))


def flow_lines(page_box) -> list:
    """The page's lines of text, footnote area and margin boxes left out."""
    from weasyprint.formatting_structure import boxes

    return [box for box in flow_boxes(page_box) if isinstance(box, boxes.LineBox)]


def footnote_area(page_box):
    return next((c for c in page_box.children if type(c).__name__ == "FootnoteAreaBox"), None)


def notes_in_area(area) -> list:
    """The boxes of the notes (or parts of notes) in a footnote area."""
    return [child for child in area.children if child.element is not None] if area is not None else []


def placed_elements(page_box) -> set:
    """The note elements set in the page's footnote area."""
    return {box.element for box in notes_in_area(footnote_area(page_box))}


def _placed_notes(page_box) -> set[str]:
    return {element.get("data-note") for element in placed_elements(page_box)}


def overfull_notes(document) -> list[int]:
    """Numbers of the notes too tall for a page. WeasyPrint cannot continue a note on the next page:
    it grows the footnote area past the top of the page, where the text is lost. Blamed are the
    notes taller than the page's content box, else every note of the overflowing area."""
    found: list[int] = []
    for page in document.pages:
        page_box, area = page._page_box, footnote_area(page._page_box)
        if area is None or area.position_y >= page_box.content_box_y() - 0.01:
            continue
        notes = [box for box in notes_in_area(area) if box.element.get("data-note")]
        tall = [note for note in notes if note.margin_height() > page_box.height] or notes
        found += [int(note.element.get("data-note")) for note in tall]
    return sorted(set(found))


def wrapped_running_heads(document) -> set[str]:
    """The sides ("left", "right") of the pages whose running head (the @top-center box) takes more
    than one line."""
    from weasyprint.formatting_structure import boxes

    return {page._page_box.page_type.side for page in document.pages for box in page._page_box.children
            if isinstance(box, boxes.MarginBox) and box.at_keyword == "@top-center"
            and sum(isinstance(line, boxes.LineBox) for line in box.descendants()) > 1}


def _blocks_with_lines(page_box) -> list:
    """The innermost blocks on the page that hold lines of the flow, in order."""
    from weasyprint.formatting_structure import boxes

    return [box for box in flow_boxes(page_box)
            if isinstance(box, boxes.BlockContainerBox) and any(isinstance(c, boxes.LineBox) for c in box.children)]


def _with_its_headings(blocks: list) -> object | None:
    """The element to push so the page's last block moves with the headings right before it;
    None when that would leave the page empty."""
    first = len(blocks) - 1
    while first > 0 and _is_heading(blocks[first - 1].element):
        first -= 1
    return blocks[first].element if first > 0 else None


def _push_to_next_page(element) -> None:
    style = element.get("style", "")
    element.set("style", f"{style}; break-before: page" if style else "break-before: page")


def misplaced_notes(document) -> list[tuple[int, object]]:
    """(page index, element to push) for each page whose calls have a note on a later page: the page's
    last block, with the headings before it."""
    found = []
    for index, page in enumerate(document.pages):
        page_box = page._page_box
        called = {element.get("data-note") for element in calls(page_box)}
        if called - _placed_notes(page_box):
            culprit = _with_its_headings(_blocks_with_lines(page_box))
            if culprit is not None:
                found.append((index, culprit))
    return found


def keep_notes_with_calls(document) -> bool:
    stranded = misplaced_notes(document)
    for _, element in stranded:
        _push_to_next_page(element)
    return bool(stranded)


def keep_headings_with_text(document) -> bool:
    """Push headings that end a page to the next one (WeasyPrint 70 does not always honour
    `break-after: avoid`)."""
    changed = False
    for page in document.pages[:-1]:
        blocks = _blocks_with_lines(page._page_box)
        if blocks and _is_heading(blocks[-1].element):
            element = _with_its_headings(blocks)
            if element is not None:
                _push_to_next_page(element)
                changed = True
    return changed


def _is_heading(element) -> bool:
    return element is not None and element.tag in ("h1", "h2", "h3", "h4", "h5", "h6")


def number_notes_per_page(numerals: str) -> Adjustment:
    def adjust(document) -> bool:
        changed = False
        for page in document.pages:
            for number, element in enumerate(calls(page._page_box), start=1):
                label = digits(number, numerals)
                if element.get("data-n") != label:
                    element.set("data-n", label)
                    changed = True
        return changed

    return adjust


def printed_note_numbers(document) -> dict[str, str]:
    """The number printed at each note's call (`data-n`), by the note's number through the article:
    what other formats show to agree with the PDF (per-page numbering is known only here)."""
    return {element.get("data-note"): element.get("data-n")
            for page in document.pages for element in calls(page._page_box)}


def render_until_settled(render: Callable[[], object], adjustments: list[Adjustment]):
    """Render, apply every adjustment, and render again until none changes anything."""
    document = render()
    for _ in range(MAX_PASSES):
        changed = [adjust(document) for adjust in adjustments]
        if not any(changed):
            break
        document = render()
    return document

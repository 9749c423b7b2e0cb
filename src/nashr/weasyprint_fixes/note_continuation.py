"""A long note continues on the next page instead of taking its calling line there: a layout pass.

Why: WeasyPrint cannot split a note between pages. When a note does not fit under the line that calls
it, `footnote-policy: line` moves that line (and the note) to the next page, and the page ends with
as many empty lines as the note is long. Journals, like TeX, set the note's first lines on the call's
page and continue it at the foot of the next one.

How, after a layout: where the first call on a page was moved there with its note, and the room left
on the page before would hold the calling lines and at least two lines of the note, the note's
element is cut after the words of those lines (as WeasyPrint broke them) into two floats. The first
keeps the call and the number; its last line is justified, as it goes on (the innermost block cut, when
the note holds a list or a quote). The second has neither call
nor number and may move to the next page (`footnote-policy: auto`), where WeasyPrint sets it first
in the footnote area. Elements inside the note (a link, an isolated Latin run) are cut in two the
same way; the next layout checks that the two parts landed on two pages and joins them again if not.
It reads WeasyPrint 70.0's boxes (line, text and footnote-area boxes, `element_tag`, the document's
parsed HTML): refuses any WeasyPrint but the pinned one (pin.py). Upstream: Kozea/WeasyPrint#1833.
"""
from __future__ import annotations

import re

from nashr.weasyprint_fixes.pin import check_version
from nashr.writers.pdf.layout import calls, flow_boxes, flow_lines, footnote_area, notes_in_area, placed_elements
from nashr.writers.pdf.notes import BLOCKS, ITEM, LIST

CUT = "data-cut"  # on the copies a cut makes of the elements it goes through (styles/pdf.css)
CUT_HERE = "data-cut-here"  # on the innermost element cut, whose last line is justified (styles/pdf.css)
HEAD_CLASS = "footnote-split"  # the first part: call, number, justified last line (styles/pdf.css)
TAIL_CLASS = "footnote-continued"  # the rest: no call, no number, may move to the next page
MIN_LINES = 2
WORKAROUND = "nashr/weasyprint_fixes/note_continuation.py"
_WORD = re.compile(r"\S+")
_COUNTER = re.compile(r"counter-reset:\s*list-item\s+(-?\d+)")


def _boxes():
    from weasyprint.formatting_structure import boxes

    return boxes


def _lines(box) -> list:
    return [child for child in box.descendants() if isinstance(child, _boxes().LineBox)]


def _words(line) -> int:
    """Words of a note's line as laid out, its number (the ::footnote-marker) and its list items'
    numbers (::marker) left out."""
    text = "".join(child.text for child in line.descendants() if isinstance(child, _boxes().TextBox)
                   and not (child.element_tag or "").endswith(("::footnote-marker", "::marker")))
    return len(text.split())


def _classes(element) -> list[str]:
    return (element.get("class") or "").split()


def _called_in(lines: list) -> set:
    return {box.element for line in lines for box in line.descendants()
            if box.element is not None and box.element.get("data-note")
            and (box.element_tag or "").endswith("::footnote-call")}


def _margin_after(page_box, line) -> float:
    """The bottom margin of the block holding `line`, which the page's end had absorbed."""
    block = next((box for box in flow_boxes(page_box) if line in getattr(box, "children", [])), None)
    return block.margin_bottom if block is not None else 0.0


def _cut_point(page_box, next_page_box) -> tuple[object, int] | None:
    """(note element, words of its lines that fit) when the first call on `next_page_box` was moved
    there with its note and at least MIN_LINES lines of the note fit in the room left on `page_box`."""
    lines, following, called = flow_lines(page_box), flow_lines(next_page_box), calls(next_page_box)
    if not lines or not following or not called:
        return None
    element = called[0]
    if HEAD_CLASS in _classes(element):
        return None
    index = next((i for i, line in enumerate(following[:2]) if any(b.element is element for b in line.descendants())), None)
    area, next_area = footnote_area(page_box), footnote_area(next_page_box)
    note = next((box for box in notes_in_area(next_area) if box.element is element), None)
    if index is None or note is None:
        return None
    paragraph = following[index].element
    if not any(box.element is paragraph for box in flow_boxes(page_box)):  # it starts on the next page:
        first = next(i for i, line in enumerate(following) if line.element is paragraph)
        index = max(index, first + following[index].style["orphans"] - 1)  # `orphans` lines come back
    if index >= len(following) or _called_in(following[:index + 1]) != {element}:
        return None  # another note coming back too would need room of its own
    call_line = following[index]
    placed_here = notes_in_area(area)
    bottom = area.position_y if placed_here else page_box.content_box_y() + page_box.height
    room = bottom - max(line.position_y + line.height for line in lines)
    room -= call_line.position_y + call_line.height - next_page_box.content_box_y()  # the lines coming back
    room -= _margin_after(page_box, lines[-1]) + 1  # between the page's last block and them; rounding
    if not placed_here:  # the footnote area's rule and spacing come with its first note
        room -= next_area.margin_height() - sum(box.margin_height() for box in notes_in_area(next_area))
    note_lines, used, fitting = _lines(note), 0.0, 0
    for line in note_lines:
        if used + line.height > room:
            break
        used, fitting = used + line.height, fitting + 1
    if fitting < MIN_LINES or fitting >= len(note_lines):
        return None
    return element, sum(_words(line) for line in note_lines[:fitting])


def _split(element, offset: int):
    """Cut `element` at `offset` characters of its text: it keeps what comes before; the returned copy
    (without id, marked `CUT`) holds what comes after, nested elements cut the same way. The space at
    the cut goes with the copy, where it starts a line and is not drawn, so joining the parts again
    restores it. A numbered list cut in two numbers its second part's items on (`_continue_list`)."""
    tail = element.makeelement(element.tag, {k: v for k, v in element.attrib.items() if k != "id"})
    tail.set(CUT, "")
    position, own = 0, element.text or ""
    if offset <= len(own):
        element.text, tail.text = own[:offset], own[offset:]
        element.set(CUT_HERE, "")
        moved = list(element)
    else:
        position = len(own)
        for index, child in enumerate(element):
            inside = "".join(child.itertext())
            if offset < position + len(inside):  # inside this child: cut it too
                part = _split(child, offset - position)
                part.tail, child.tail = child.tail, None
                tail.append(part)
                moved = list(element)[index + 1:]
                break
            position += len(inside)
            after = child.tail or ""
            if offset <= position + len(after):
                child.tail, tail.text = after[:offset - position], after[offset - position:]
                moved = list(element)[index + 1:]
                if tail.text.strip() or (moved and not BLOCKS & set(_classes(moved[0]))):
                    element.set(CUT_HERE, "")  # the cut line goes on: not between two blocks
                break
            position += len(after)
        else:
            moved = []
    for child in moved:
        element.remove(child)
        tail.append(child)
    if LIST in _classes(element):
        _continue_list(element, tail)
    return tail


def _continue_list(head, tail) -> None:
    """The part of a list after a cut resets the item counter past the items before the cut (the item
    cut in two is counted once: its second part, `CUT`, is shown without a number)."""
    counted = sum(1 for item in head if ITEM in _classes(item))
    style = _COUNTER.sub(lambda match: f"counter-reset: list-item {int(match[1]) + counted}", tail.get("style") or "")
    if style:
        tail.set("style", style)


def _cut(element, words: int, parent) -> bool:
    """Cut the note `element` after `words` words into itself (the head) and a tail element inserted
    after it in `parent`; False when the note has no more words than that."""
    found = list(_WORD.finditer("".join(element.itertext())))
    if not 0 < words < len(found):
        return False
    tail = _split(element, found[words - 1].end())
    for name in ("data-note", "data-n"):
        tail.attrib.pop(name, None)
    tail.set("class", " ".join(_classes(element) + [TAIL_CLASS]))
    element.set("class", " ".join(_classes(element) + [HEAD_CLASS]))
    tail.tail, element.tail = element.tail, None
    parent.insert(list(parent).index(element) + 1, tail)
    return True


def _join(head, tail, parent) -> None:
    """Undo `_cut`: the tail's content back into the head."""
    _merge(head, tail)
    for element in head.iter():
        element.attrib.pop(CUT_HERE, None)
    head.tail = tail.tail
    parent.remove(tail)
    head.set("class", " ".join(c for c in _classes(head) if c != HEAD_CLASS))


def _merge(head, tail) -> None:
    """Put `tail`'s content back at the end of `head`, the copies `_split` made of the elements the cut
    went through merged back into them (else a paragraph cut and joined would show as two)."""
    children = list(tail)
    if not tail.text and children and children[0].get(CUT) is not None and len(head):
        copy, original = children.pop(0), head[-1]
        _merge(original, copy)
        original.tail = copy.tail
    else:
        last = head[-1] if len(head) else None
        if last is None:
            head.text = (head.text or "") + (tail.text or "")
        else:
            last.tail = (last.tail or "") + (tail.text or "")
    for child in children:
        head.append(child)


def _parents(document) -> dict:
    root = document._html.etree_element  # the HTML the pages were laid out from
    return {child: parent for parent in root.iter() for child in parent}


def continue_long_notes():
    """An adjustment (pdf/layout.render_until_settled): after the first layout, cut every note whose
    call was moved to the next page though its first lines would have fitted; after the next, join
    the parts of a cut that did not land on two pages. No more cuts after that, so a PDF takes at
    most three layouts for its notes (one when nothing is cut)."""
    check_version(f"long-note continuation ({WORKAROUND})", "tests/weasyprint_canaries/test_note_continuation.py")
    rounds = iter(("cut", "join"))

    def adjust(document) -> bool:
        step = next(rounds, None)
        if step is None:
            return False
        parents = _parents(document)
        if step == "join":
            return _join_misplaced(document, parents)
        cut = False
        for page, following in zip(document.pages, document.pages[1:]):
            point = _cut_point(page._page_box, following._page_box)
            if point is not None:
                element, words = point
                cut |= _cut(element, words, parents[element])
        return cut

    return adjust


def _join_misplaced(document, parents: dict) -> bool:
    """Join the parts of each cut note that are not on two consecutive pages."""
    placed = [placed_elements(page._page_box) for page in document.pages]
    joined = False
    for head in [element for element in parents if HEAD_CLASS in _classes(element)]:
        parent = parents[head]
        tail = list(parent)[list(parent).index(head) + 1]
        pages = [index for index, elements in enumerate(placed) for part in (head, tail) if part in elements]
        if len(pages) != 2 or pages[1] != pages[0] + 1:
            _join(head, tail, parent)
            joined = True
    return joined

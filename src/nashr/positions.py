"""Where each block, and each inline a message can be about, was written: recorded once, at parse time.

Why here: Pandoc's `markdown` reader records no source positions (only its commonmark readers do, and
they read another dialect), yet a message found later — a refused image, a citation without an entry,
a note too tall for a page — must name its own occurrence, not the first place the same text appears
in the manuscript. So right after reading, `record` walks each file's blocks in document order with a
cursor that only moves forward through the text Pandoc read: each word, image target, citation key and
code span is looked for from where the one before it was found, within the paragraph at the cursor, so
a repeated sentence, image or citation is found at its own place. A footnote's text is read at its
definition (`[^label]:`) with a cursor of its own, and the main cursor skips the definitions. What
cannot be found (text Pandoc changed past recognising) takes the place the cursor has reached.

A position is a `"pos": [line, column, part]` key on the node's dict: `part` is the index of the
Document's part read from that file (for an abstract, its lines are those in the metadata), so a
writer holding only blocks can still name the file. Transforms keep it (they copy a node's keys);
Pandoc's citeproc run loses it and `carry` puts it back; no writer ever writes it — Pandoc's JSON reader ignores
keys it does not know, and nashr's own writers read only "t" and "c". Each citation of a Cite has its
own "pos", at its `@key`.

Two more, for messages that are about less than an element: a word (Str) holding a character outside
the scripts nashr's fonts draw in full (`_UNCOMMON`: a Chinese character, an emoji) is positioned too
where columns are known, so a missing glyph is named at its own column (`character_location`); and a
reference-style image or link (`![alt][ref]`) also records where its target is defined (`[ref]: target`,
the "defined" key), where a message about the target asks the author to change it (`target_location`).
"""
from __future__ import annotations

import bisect
import re
from difflib import SequenceMatcher
from itertools import islice
from typing import Any, Callable
from urllib.parse import unquote

from nashr.ast import BLOCK_TYPES, Node
from nashr.diagnostics import Location
from nashr.document import Document
from nashr.markdown_lines import Line, in_code

POS = "pos"
DEFINED = "defined"  # a reference-style image's or link's definition: [line, column, part] of its target
POSITIONED = {"Image", "Link", "Cite", "Note", "Code", "Span", "Math", "RawInline"}  # besides every block
# What nashr's bundled fonts draw in full (tests/test_font_coverage.py checks it against them): Latin
# to Latin Extended-A, the Hebrew and Arabic letters and marks, common punctuation, joiners and marks of
# direction. A word holding anything else is positioned, for a message about a missing glyph.
_UNCOMMON = re.compile("[^\u0000-\u017f\u05b0-\u05c3\u05d0-\u05ea\u05f0-\u05f4\u0600-\u06ff\u0750-\u077f"
                       "\u2000-\u2015\u2018-\u2022\u2026\u2028-\u2030\u2039\u203a\u2066-\u2069\u20ac\ufd3e\ufd3f]")
_BLANK = re.compile(r"[ \t>]*")  # a blank line, also inside a block quote
_NOTE_DEFINITION = re.compile(r"^ {0,3}\[\^([^\]\s]+)\]:[ \t]*", re.MULTILINE)
_LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]^][^\]]*\]:[ \t]*(?:<([^>]*)>|(\S+)).*$", re.MULTILINE)
_CLOSING = re.compile(r"[^\[\]\n]*\](\(|\[[^\]\n]*\])?")  # a link's text closed: its target next, or its label
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation
_NOTE_CALL = re.compile(r"\^\[|\[\^([^\]\s]+)\]")
# What Pandoc's smart punctuation and escapes make of what the author typed.
_WRITTEN_AS = {"’": "’|'", "‘": "‘|'", "–": "–|--", "—": "—|---", "…": "…|\\.\\.\\.",
               "\u00a0": "\u00a0|\\\\ | ", "&": "&amp;|\\\\?&", "<": "&lt;|\\\\?<", ">": "&gt;|\\\\?>"}
_FENCE = re.compile(r"(`{3,}|~{3,})")
_DIV_CLOSE = re.compile(r":{3,}")
_CAPTION = re.compile(r"(Table)?:\s")
_WRITTEN = re.compile(r"\S")
_QUOTED = re.compile(r"[^\s>]")  # what a block inside a block quote starts with
_BETWEEN_WORDS = {"Space", "SoftBreak", "LineBreak"}
_CHUNKS = 3  # how many paragraphs past the cursor a block's first word is looked for


def location(document: Document, element: Node | dict) -> Location:
    """Where `element` was written, else the metadata file."""
    if POS not in element:
        return Location(document.project.manifest)
    return _at(document, element[POS])


def _at(document: Document, pos: list[int], columns: int = 0) -> Location:
    line, column, part = pos
    return Location(document.parts[part].source, line, column + columns if column else 0)


def character_location(document: Document, element: Node, index: int) -> Location:
    """Where the `index`-th character of a word, code span or formula's text was written: its column
    counted from the element's own (exact unless Pandoc changed the text before it in the same
    element, as an escape); the nearest place known when the element has no position."""
    return _at(document, element[POS], index) if POS in element else location(document, element)


def target_location(document: Document, element: Node) -> Location:
    """Where the target of an image or link is written: at its definition for a reference-style one
    (`[ref]: target`, what the author changes to fix it), else at the element."""
    return _at(document, element[DEFINED]) if DEFINED in element else location(document, element)


class _Text:
    """A text's lines: which are blank, and the author's line for each."""

    def __init__(self, text: str, origin: Callable[[int], int], indent: int | None, part: int):
        self.part = part
        self.text = text
        self.origin = origin
        self.indent = indent
        self.starts = [0] + [match.end() for match in re.finditer("\n", text)]
        self.blank = [_BLANK.fullmatch(line) is not None for line in text.split("\n")]

    def place(self, offset: int) -> list[int]:
        index = bisect.bisect_right(self.starts, offset) - 1
        column = 0 if self.indent is None else offset - self.starts[index] + 1 + self.indent
        return [self.origin(index + 1), column, self.part]

    def next_written(self, offset: int, quote_marks: bool = True) -> int:
        """The first character that is not blank space at or after `offset` (nor a block quote's `>`,
        without `quote_marks`)."""
        match = (_WRITTEN if quote_marks else _QUOTED).search(self.text, offset)
        return match.start() if match else len(self.text)

    def chunks_end(self, offset: int, count: int) -> int:
        """Where the `count`-th paragraph (lines between blank lines) from `offset` ends."""
        index = bisect.bisect_right(self.starts, self.next_written(offset)) - 1
        for _ in range(count):
            while index < len(self.blank) and self.blank[index]:
                index += 1
            while index < len(self.blank) and not self.blank[index]:
                index += 1
        return self.starts[index] if index < len(self.starts) else len(self.text)

    def line_end(self, offset: int) -> int:
        end = self.text.find("\n", offset)
        return len(self.text) if end < 0 else end


def record(blocks: list[Node], text: str, part: int, origin: Callable[[int], int] = lambda line: line,
           indent: int | None = 0) -> None:
    """Give `blocks` (Pandoc's reading of `text`, the Document's part number `part`) their positions
    in place; `origin` maps a line of `text` to the author's line (the dialect rewrite keeps lines,
    but may move some); columns are shifted by `indent` (an abstract's, in the metadata), or left
    out when it is None."""
    definitions = {match[1]: match.end() for match in _NOTE_DEFINITION.finditer(text)}
    main, links = _without_definitions(text)
    _Walker(_Text(main, origin, indent, part), _Text(text, origin, indent, part), definitions, links).blocks(blocks)


def _without_definitions(text: str) -> tuple[str, dict[str, int]]:
    """`text` with its note and link definitions blanked (lines kept), so the main cursor passes them by,
    and where each link definition's target is written (by the target, as `_unwritten` makes it).
    A note's definition goes on over its indented lines, and its unindented lazy continuation lines;
    what a fenced code block holds is code, not a definition."""
    lines = text.split("\n")
    code = in_code([Line(number, line) for number, line in enumerate(lines, start=1)])
    blanked = list(lines)
    links: dict[str, int] = {}
    inside = False
    offset = 0
    for index, line in enumerate(lines):
        start, offset = offset, offset + len(line) + 1
        if code[index]:
            inside = False
            continue
        if link := _LINK_DEFINITION.fullmatch(line):
            group = 1 if link[1] is not None else 2
            links[_unwritten(link[group])] = start + link.start(group)  # one target defined twice: the later
            inside, blanked[index] = False, " " * len(line)
            continue
        if _NOTE_DEFINITION.match(line):
            inside = True
        elif inside and not line.strip():
            following = next((later for later in islice(lines, index + 1, None) if later.strip()), "")
            inside = following.startswith(("    ", "\t"))
        elif inside and not line.startswith(("    ", "\t")) and not lines[index - 1].strip():
            inside = False
        if inside:
            blanked[index] = " " * len(line)
    return "\n".join(blanked), links


def _unwritten(target: str) -> str:
    """A link's target as written or as Pandoc gives it, both made the same: escapes and %-escapes read."""
    return unquote(_ESCAPE.sub("", target))


class _Walker:
    def __init__(self, main: _Text, full: _Text, definitions: dict[str, int], links: dict[str, int]):
        self.source = main
        self.full = full
        self.definitions = definitions
        self.links = links
        # a word's position tells more than its paragraph's only where columns are known
        self.any_uncommon = main.indent is not None and _UNCOMMON.search(full.text) is not None
        self.uncommon = self.any_uncommon  # whether the words at hand may hold such a character
        self.cursor = 0
        self.last = 0  # where the last paragraph's last word was found
        self.stop = len(main.text)
        self.in_table = False

    def blocks(self, blocks: list[Node]) -> int | None:
        first = None
        for block in blocks:
            found = self.block(block)
            first = found if first is None else first
        return first

    def block(self, block: Node) -> int:
        kind, content = block["t"], block.get("c")
        start = self.source.next_written(self.cursor, quote_marks=kind == "BlockQuote")
        found: int | None = start
        if kind in ("Para", "Plain", "Header", "LineBlock"):
            saved = self.stop, self.uncommon
            self.stop = min(self.stop, self.source.chunks_end(self.cursor, _CHUNKS))
            # a paragraph's words are looked at one by one only when its text holds such a character
            self.uncommon = self.any_uncommon and bool(_UNCOMMON.search(self.source.text, self.cursor, self.stop))
            found = self._any(content[2] if kind == "Header" else content)
            self.stop, self.uncommon = saved
            self._line_done()
        elif kind == "CodeBlock":
            self._lines(content[1])
            self._past(_FENCE)
            self._line_done()
        elif kind == "RawBlock":  # an HTML tag: its element's text may follow on the same line
            self._lines(content[1])
        elif kind == "Table":
            self._table(content, start)
        elif kind == "HorizontalRule":
            self.cursor = self.source.line_end(start)
        elif kind == "Figure":
            found = self.blocks(content[2])
        else:  # Div, BlockQuote, the lists: at their own first line
            self._any(content)
            self._past(_DIV_CLOSE if kind == "Div" else None)
        block[POS] = self.source.place(start if found is None else found)
        return start if found is None else found

    def _table(self, content: list, start: int) -> None:
        """A table's cells, row by row within its lines, and its caption (`: …` before or after it)."""
        first = self.source.text[start:self.source.line_end(start)]
        before = _CAPTION.match(first) is not None
        end = self.source.chunks_end(self.cursor, 2 if before else 1)
        if not before and _CAPTION.match(self.source.text[self.source.next_written(end):]):
            end = self.source.chunks_end(end, 1)
        saved, self.stop, self.in_table = (self.stop, self.in_table), min(self.stop, end), True
        caption, rows = content[1], content[2:]
        self._any([caption, rows] if before else [rows, caption])
        (self.stop, self.in_table), self.cursor = saved, max(self.cursor, end)

    def _line_done(self) -> None:
        """After a block, the next one starts on a later line — but a table's next cell, or what follows
        an HTML tag (`<li>one</li><li>two`), on the same."""
        self.last = self.cursor
        end = self.source.line_end(self.cursor)
        if not self.in_table and "<" not in self.source.text[self.cursor:end]:
            self.cursor = end

    def _past(self, closer: re.Pattern | None) -> None:
        """The cursor past the line that closes a block (a code fence, a div's `:::`), if it is next."""
        written = self.source.next_written(self.cursor)
        end = self.source.line_end(written)
        if closer and closer.fullmatch(self.source.text[written:end].strip()):
            self.cursor = end

    def _any(self, content: Any) -> int | None:
        """The first position found in blocks nested at any depth of lists (list items, definitions)."""
        first = None
        for item in content if isinstance(content, list) else []:
            kind = item.get("t") if isinstance(item, dict) else None
            if kind in _BETWEEN_WORDS:
                continue
            if kind == "Str":  # most of a text: looked for without the detour through `inline`
                found = self._find(item["c"])
                if found is not None and self.uncommon and _UNCOMMON.search(item["c"]):
                    item[POS] = self.source.place(found)
            elif kind is not None:
                found = self.block(item) if kind in BLOCK_TYPES else self.inline(item)
            else:
                found = self._any(item)
            first = found if first is None else first
        return first

    def _lines(self, text: str) -> int | None:
        """A code or raw block: at its first line, the cursor past its last."""
        lines = [line.strip() for line in text.split("\n") if line.strip()]
        if not lines:
            return None
        first = self.source.text.find(lines[0], self.cursor, self.source.chunks_end(self.cursor, 2))
        if first < 0:
            return None
        last = self.source.text.find(lines[-1], first)
        self.cursor = (last + len(lines[-1])) if last >= 0 else first + len(lines[0])
        return first

    def inline(self, element: Node) -> int | None:
        """An inline other than a word or a space (`_any` looks for those)."""
        kind, content = element["t"], element.get("c")
        found: int | None = None
        if kind in ("Code", "Math", "RawInline"):
            found = self._find(content[1])
        elif kind in ("Image", "Link"):
            opener = self._find("![", fuzzy=False) if kind == "Image" else None
            inner = self._any(content[1])
            target = self._target(element)
            # the element is where its target is written (what a message about it asks to change)
            element[POS] = self.source.place(next(p for p in (target, opener, inner, self.cursor) if p is not None))
            return next((place for place in (opener, inner, target) if place is not None), None)
        elif kind == "Cite":
            found = self._citations(content[0])
        elif kind == "Note":
            found = self._note(content)
        else:  # Span, Emph, Strong, Quoted …: their inlines, wherever they are in the content
            found = self._any(content)
        if kind in POSITIONED:
            element[POS] = self.source.place(self.cursor if found is None else found)
        return found

    def _target(self, element: Node) -> int | None:
        """Where an image's or link's target is written after its text: in the paragraph, or for a
        reference-style one (`![alt][ref]`, `[text]`), at its definition (recorded as DEFINED: the
        paragraph may write the same target later, for another image)."""
        written = element["c"][2][0]
        closing = _CLOSING.match(self.source.text, self.cursor)
        if closing is None or closing[1] == "(":
            return self._find(written, fuzzy=False)
        self.cursor = closing.end()
        if (defined := self.links.get(_unwritten(written))) is not None:
            element[DEFINED] = self.full.place(defined)
        return None

    def _citations(self, citations: list[dict]) -> int | None:
        first = None
        for index, citation in enumerate(citations):
            pattern = re.compile(rf"@\{{?{re.escape(citation['citationId'])}(?![\w-])")
            match = pattern.search(self.source.text, self.cursor, self.stop)
            if match:
                self.cursor = match.end()
                first = match.start() if first is None else first
            # a new dict: a reading shared by two files of the same text shares its citations
            citations[index] = {**citation, POS: self.source.place(match.start() if match else self.cursor)}
        return first

    def _note(self, blocks: list[Node]) -> int | None:
        """A note's call; its text at the call (`^[…]`) or at its definition (`[^label]:`)."""
        call = _NOTE_CALL.search(self.source.text, self.cursor, self.stop)
        if call is None:
            return None
        self.cursor = call.end()
        if call[1] is None:
            self.blocks(blocks)
            self.cursor = max(call.end(), self.last)  # the paragraph goes on after the note
        elif call[1] in self.definitions:
            saved = (self.source, self.cursor, self.stop)
            self.source, self.cursor, self.stop = self.full, self.definitions[call[1]], len(self.full.text)
            self.blocks(blocks)
            self.source, self.cursor, self.stop = saved
        return call.start()

    def _find(self, written: str, fuzzy: bool = True) -> int | None:
        """Where `written` (as Pandoc gives it) is next, before the end of the paragraph; the cursor
        moves past it."""
        if not written:
            return None
        text = self.source.text
        start, end = text.find(written, self.cursor, self.stop), len(written)
        if start < 0 and fuzzy:
            match = _pattern(written).search(text, self.cursor, self.stop)
            start, end = (match.start(), match.end() - match.start()) if match else (-1, 0)
        if start < 0:
            return None
        self.cursor = start + end
        return start


def _pattern(written: str) -> re.Pattern:
    """What the author may have typed for Pandoc's `written`: smart punctuation, escapes."""
    parts = []
    for ch in written:
        if ch in _WRITTEN_AS:
            parts.append(f"(?:{_WRITTEN_AS[ch]})")
        elif ch.isascii() and not ch.isalnum():
            parts.append(r"\\?" + re.escape(ch))
        else:
            parts.append(re.escape(ch))
    return re.compile("".join(parts))


def carry(before: Any, after: Any) -> None:
    """Put the positions of `before` back on `after` (what Pandoc made of it), in place: on each node
    of the same kind at the same place; a Cite's inlines (which citeproc rewrites) are not followed."""
    if isinstance(before, list) and isinstance(after, list):
        if len(before) == len(after):
            pairs = list(zip(before, after))
        else:
            kinds = [[item.get("t") if isinstance(item, dict) else None for item in side] for side in (before, after)]
            matcher = SequenceMatcher(None, *kinds, autojunk=False)
            pairs = [(before[block.a + i], after[block.b + i])
                     for block in matcher.get_matching_blocks() for i in range(block.size)]
        for old, new in pairs:
            carry(old, new)
    elif isinstance(before, dict) and isinstance(after, dict):
        if "t" in before and before.get("t") != after.get("t"):
            return
        for key in (POS, DEFINED):
            if key in before:
                after[key] = before[key]
        if before.get("t") == "Cite":
            for old, new in zip(before["c"][0], after["c"][0]):
                if POS in old:
                    new[POS] = old[POS]
        elif "c" in before and "c" in after:
            carry(before["c"], after["c"])

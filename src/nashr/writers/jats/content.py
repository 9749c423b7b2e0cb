"""Pandoc blocks and inlines → JATS elements, each run and block saying its language.

One `Content` converts a whole article, so that what one part of it refers to elsewhere stays linked:
a note call becomes `<xref ref-type="fn">` and its text is kept for the back matter's `fn-group`; a
citation becomes `<xref ref-type="bibr">` to the reference list's entries; a link to a heading, figure
or table an `xref` to it. A Span or Div marked with a language or direction (the bidi transform's
isolates) gives its content an `xml:lang` (languages.py): blocks carry it themselves, runs in a
`<styled-content>`. What JATS has no place for — raw HTML or TeX, horizontal rules — is left out.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from nashr.ast import Node, attr_value, has_class, stringify
from nashr.citations import CITED, works_are_marked
from nashr.vocabulary import (AJUZ, BAYTS, LINES, SADR, VERSE, VERSE_NUMBER, digits, is_caption_label, is_note, note_blocks,
                              note_label, note_number)
from nashr.writers.jats.display import figure, table
from nashr.writers.jats.ids import Identifiers
from nashr.writers.jats.languages import Languages, script_of_language, script_runs
from nashr.writers.jats.mathml import copy_math
from nashr.writers.jats.tagset import XLINK, XML_LANG
from nashr.writers.jats.xml import add_text, language, opened, sub

LISTS = ("BulletList", "OrderedList")
TEXT = {"Str", "Space", "SoftBreak", "LineBreak"}
FORMATS = {"Emph": "italic", "Strong": "bold", "Underline": "underline", "Strikeout": "strike",
           "Superscript": "sup", "Subscript": "sub", "SmallCaps": "sc"}
SPAN_FORMATS = {"smallcaps": "sc", "underline": "underline", "ul": "underline", "mark": "highlight"}
QUOTES = {"DoubleQuote": ("\u201c", "\u201d"), "SingleQuote": ("\u2018", "\u2019")}
VERSE_PARTS = (SADR, AJUZ, VERSE_NUMBER)  # a bayt's hemistichs and its number, named in a verse-line
LIST_TYPES = {"Decimal": "order", "DefaultStyle": "order", "Example": "order", "LowerAlpha": "alpha-lower",
              "UpperAlpha": "alpha-upper", "LowerRoman": "roman-lower", "UpperRoman": "roman-upper"}


@dataclass(frozen=True)
class Note:
    """A note called in the text: its id, the number printed for it, its blocks, the language in force
    where it is called."""

    xml_id: str
    label: str
    blocks: list[Node]
    lang: str | None


def item_label(number: int, list_type: str, numerals: str) -> str:
    """A list item's number as a list of `list_type` shows it (in the article's digits when decimal)."""
    if list_type.startswith("roman"):
        roman = ""
        for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
                               (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
            count, number = divmod(number, value)
            roman += letters * count
        return roman.upper() if list_type.endswith("upper") else roman
    if list_type.startswith("alpha"):
        letters = ""
        while number:
            number, rest = divmod(number - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if list_type.endswith("upper") else letters
    return digits(number, numerals)


def note_key(number: str) -> str:
    """The identifier under which a note's id is registered (ids.Identifiers)."""
    return f"note-{number}"


def reference_key(citation_id: str) -> str:
    """The identifier of a reference list entry, as citeproc names its Div."""
    return f"ref-{citation_id}"


@dataclass
class Content:
    ids: Identifiers
    languages: Languages
    formulas: dict[int, etree._Element]
    printed: dict[str, str]  # note number → number as printed in the PDF
    numerals: str  # the digits of the numbers nashr generates (layout.numerals)
    notes: list[Note] = field(default_factory=list)
    _linking: int = 0  # inside an xref or ext-link, which cannot hold another

    # blocks

    def blocks(self, nodes: list[Node], parent: etree._Element, lang: str | None = None) -> None:
        for block in nodes:
            self.block(block, parent, lang)

    def paragraphs(self, nodes: list[Node], parent: etree._Element, lang: str | None = None,
                   direct: tuple[str, ...] = ()) -> None:
        """`nodes` into an element that holds only paragraphs (a note, a caption) and the kinds of block
        in `direct`: any other block goes inside a paragraph, as JATS lets a `p` hold lists, quotes,
        tables and figures."""
        for block in nodes:
            if block["t"] == "Div":
                own = self.languages.of_element(attr_value(block, "lang"), attr_value(block, "dir"), block["c"][1])
                self.paragraphs(block["c"][1], parent, own or lang, direct)
            elif block["t"] in ("Para", "Plain", "Header", *direct):
                self.block(block, parent, lang)
            else:
                self.block(block, opened(parent, "p", lang))

    def block(self, block: Node, parent: etree._Element, lang: str | None = None) -> None:
        kind = block["t"]
        if kind in ("Para", "Plain"):
            lang = lang or self.languages.of_paragraph(block["c"], language(parent) or self.languages.article)
            self.inlines(block["c"], opened(parent, "p", lang))
        elif kind == "Header":  # a heading inside a list, quote or note: no section there
            self.inlines(block["c"][2], sub(opened(parent, "p", lang), "bold"))
        elif kind == "BlockQuote":
            self.paragraphs(block["c"], opened(parent, "disp-quote", lang))
        elif kind in ("BulletList", "OrderedList"):
            self._list(block, parent, lang)
        elif kind == "DefinitionList":
            self._definitions(block["c"], parent, lang)
        elif kind == "CodeBlock":
            classes = block["c"][0][1]
            sub(parent, "code", {"language": classes[0] if classes else None}, block["c"][1])
        elif kind == "LineBlock":
            group = opened(parent, "verse-group", lang)
            for line in block["c"]:
                self.inlines(line, sub(group, "verse-line"))
        elif kind == "Table":
            table(self, block, parent, lang)
        elif kind == "Figure":
            figure(self, block, parent, lang)
        elif kind == "Div" and has_class(block, VERSE):
            self._verse(block, parent, lang)
        elif kind == "Div":
            own = self.languages.of_element(attr_value(block, "lang"), attr_value(block, "dir"), block["c"][1])
            self.blocks(block["c"][1], parent, own or lang)

    def _verse(self, block: Node, parent: etree._Element, lang: str | None) -> None:
        """A verse (transforms/verse.py) as a `verse-group`: a `verse-line` per bayt or line, the
        hemistichs and the number in `named-content` of their kind (`_span`); any other block kept."""
        own = self.languages.of_element(attr_value(block, "lang"), attr_value(block, "dir"), block["c"][1])
        group = opened(parent, "verse-group", own or lang)
        for child in block["c"][1]:
            if child["t"] == "Div" and (has_class(child, BAYTS) or has_class(child, LINES)):
                for line in child["c"][1]:
                    self.inlines(line["c"][1][0]["c"], sub(group, "verse-line"))
            else:
                self.block(child, group, own or lang)

    def _list(self, block: Node, parent: etree._Element, lang: str | None) -> None:
        if block["t"] == "BulletList":
            items, list_type, start = block["c"], "bullet", 1
        else:
            (start, style, _), items = block["c"]
            list_type = LIST_TYPES.get(style["t"], "order")
        element = opened(parent, "list", lang, {"list-type": list_type})
        for number, item in enumerate(items, start=start):
            entry = sub(element, "list-item")
            if start != 1:  # JATS lists have no start: the numbers are said
                sub(entry, "label", text=item_label(number, list_type, self.numerals))
            self.paragraphs(item or [{"t": "Plain", "c": []}], entry, direct=LISTS)

    def _definitions(self, items: list, parent: etree._Element, lang: str | None) -> None:
        element = opened(parent, "def-list", lang)
        for term, definitions in items:
            item = sub(element, "def-item")
            self.inlines(term, sub(item, "term"))
            for blocks in definitions:
                self.paragraphs(blocks, sub(item, "def"))

    # inlines

    def inlines(self, nodes: list[Node], parent: etree._Element) -> None:
        text: list[str] = []
        for element in nodes:
            if element["t"] in TEXT:
                text.append(element["c"] if element["t"] == "Str" else " ")
                continue
            self.text("".join(text), parent)
            text = []
            self.inline(element, parent)
        self.text("".join(text), parent)

    def text(self, text: str, parent: etree._Element) -> None:
        """`text`, its runs in another script than that of the language in force marked with theirs."""
        base = script_of_language(language(parent) or self.languages.article)
        for script, piece in script_runs(text, base):
            if script is None:
                add_text(parent, piece)
            else:
                sub(parent, "styled-content", {XML_LANG: self.languages.of_script(script)}, piece)

    def inline(self, element: Node, parent: etree._Element) -> None:
        kind = element["t"]
        if kind in TEXT:
            self.inlines([element], parent)
        elif kind in FORMATS:
            self.inlines(element["c"], sub(parent, FORMATS[kind]))
        elif kind == "Quoted":
            opening, closing = QUOTES[element["c"][0]["t"]]
            add_text(parent, opening)
            self.inlines(element["c"][1], parent)
            add_text(parent, closing)
        elif kind == "Code":
            sub(parent, "monospace", text=element["c"][1])
        elif kind == "Math":
            self._math(element, parent)
        elif kind == "Cite":
            self._citation(element, parent)
        elif kind == "Link":
            self._link(element, parent)
        elif kind == "Image":
            graphic = sub(parent, "inline-graphic", {f"{{{XLINK}}}href": element["c"][2][0]})
            if alt := stringify(element["c"][1]).strip():
                sub(graphic, "alt-text", text=alt)
        elif kind == "Span":
            self._span(element, parent)

    def _span(self, element: Node, parent: etree._Element) -> None:
        (_, classes, _), children = element["c"]
        if is_note(element):
            self._note_call(element, parent)
            return
        if is_caption_label(element):
            return  # display.py prints it as the figure's or table's label
        if CITED in classes:  # one work of a citation (citations.py)
            target = self.ids.target(reference_key(attr_value(element, "ref") or ""))
            self._linked(children, parent, "xref", {"ref-type": "bibr", "rid": target[0]}
                         if target and target[1] == "bibr" else None)
            return
        own = self.languages.of_element(attr_value(element, "lang"), attr_value(element, "dir"), children)
        if own and own != language(parent):
            parent = sub(parent, "styled-content", {XML_LANG: own})
        for name in classes:
            if name in SPAN_FORMATS:
                parent = sub(parent, SPAN_FORMATS[name])
            elif name in VERSE_PARTS:
                parent = sub(parent, "named-content", {"content-type": name})
        self.inlines(children, parent)

    def _note_call(self, element: Node, parent: etree._Element) -> None:
        number = str(note_number(element))
        label = self.printed.get(number) or note_label(element)
        xml_id = self.ids.add(note_key(number), "fn")
        self.notes.append(Note(xml_id, label, note_blocks(element), language(parent)))
        if self._linking:
            add_text(parent, label)
        else:
            sub(parent, "xref", {"ref-type": "fn", "rid": xml_id}, label)

    def _citation(self, element: Node, parent: etree._Element) -> None:
        """A citation: each work's words an xref to its entry; the whole citation one xref to all the
        works it names when its works are not marked (a note style's citation)."""
        if works_are_marked(element):
            self.inlines(element["c"][1], parent)
            return
        targets = [self.ids.target(reference_key(citation["citationId"])) for citation in element["c"][0]]
        rids = list(dict.fromkeys(target[0] for target in targets if target and target[1] == "bibr"))
        self._linked(element["c"][1], parent, "xref", {"ref-type": "bibr", "rid": " ".join(rids)} if rids else None)

    def _link(self, element: Node, parent: etree._Element) -> None:
        _, children, (url, title) = element["c"]
        if url.startswith("#"):
            target = self.ids.target(url[1:])
            attributes = {"ref-type": target[1], "rid": target[0]} if target else None
            self._linked(children, parent, "xref", attributes)
            return
        text = stringify(children).strip()
        attributes = {"ext-link-type": "email" if url.startswith("mailto:") else "uri", f"{{{XLINK}}}href": url}
        address = text in (url, url.removeprefix("mailto:")) or text.startswith(("http://", "https://", "ftp://"))
        if title or not text or address:
            attributes[f"{{{XLINK}}}title"] = title or url  # JATS4R: a link must say what it leads to
        if address and not self._linking:  # an address is in no language
            sub(parent, "ext-link", attributes, text)
        else:
            self._linked(children, parent, "ext-link", attributes)

    def _linked(self, children: list[Node], parent: etree._Element, tag: str, attributes: dict | None) -> None:
        """`children` inside a `tag` link with `attributes`; as plain content when there is no target or
        the link would sit inside another link."""
        if attributes is None or self._linking:
            self.inlines(children, parent)
            return
        self._linking += 1
        try:
            self.inlines(children, sub(parent, tag, attributes))
        finally:
            self._linking -= 1

    def _math(self, element: Node, parent: etree._Element) -> None:
        display = element["c"][0]["t"] == "DisplayMath"
        formula = sub(parent, "disp-formula" if display else "inline-formula")
        copy_math(self.formulas[id(element)], formula)

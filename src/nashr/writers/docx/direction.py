"""Right-to-left in Word's XML: what Pandoc's DOCX writer leaves out, keyed on what it writes.

Pandoc marks each paragraph of a right-to-left scope `w:bidi` and each run in it `w:rtl`, and leaves
both out inside a `dir="ltr"` Span or Div — which the bidi transform put around every Latin run and
every English paragraph or note. What it does not do, done here:

- a left-to-right paragraph in a right-to-left document gets an explicit `<w:bidi w:val="0"/>`, since
  the journal's paragraph styles are right-to-left;
- tables of a right-to-left scope get `w:bidiVisual` (their first column on the right);
- a note whose text sits in a Div (an English note) has its number alone in an extra paragraph: the
  number is moved into the note's first paragraph;
- the styles follow the article: its language, and no right-to-left styles in a left-to-right article.
"""
from __future__ import annotations

from lxml import etree

from nashr.ast import Node, attr_value
from nashr.writers.docx.ooxml import child, ensure_child, set_child, w


def paragraph_directions(root: etree._Element) -> None:
    """Make every paragraph's direction explicit (the styles say right-to-left)."""
    for paragraph in root.iter(w("p")):
        properties = paragraph.find(w("pPr"))
        if properties is None or child(properties, "bidi") is None:
            if properties is None:
                properties = etree.Element(w("pPr"))
                paragraph.insert(0, properties)
            set_child(properties, "bidi", val="0")


def body_text_styles(document: etree._Element) -> None:
    """Give body paragraphs their style back: Pandoc writes First Paragraph or Body Text only when a
    paragraph has no other property, so every right-to-left paragraph (`w:bidi`) loses it."""
    previous_style = ""
    for paragraph in document.iter(w("p")):
        properties = paragraph.find(w("pPr"))
        style = child(properties, "pStyle") if properties is not None else None
        in_table = any(True for _ in paragraph.iterancestors(w("tc")))
        if style is None and properties is not None and not in_table:
            name = "FirstParagraph" if previous_style.startswith("Heading") else "BodyText"
            style = set_child(properties, "pStyle", val=name)
        previous_style = style.get(w("val")) if style is not None else ""


def table_directions(blocks: list[Node], base: str) -> tuple[list[str], list[str]]:
    """Direction of each table in document order: (tables in the body, tables inside notes)."""
    body: list[str] = []
    notes: list[str] = []

    def visit(value, direction: str, in_note: bool) -> None:
        if isinstance(value, list):
            for item in value:
                visit(item, direction, in_note)
            return
        if not isinstance(value, dict) or "t" not in value:
            return
        kind = value["t"]
        if kind == "Div":
            direction = attr_value(value, "dir") or direction
        if kind == "Table":
            (notes if in_note else body).append(direction)
        visit(value.get("c"), direction, in_note or kind == "Note")

    visit(blocks, base, False)
    return body, notes


def mark_tables(root: etree._Element, directions: list[str]) -> None:
    """`w:bidiVisual` on the tables of a right-to-left scope, matched to the AST in document order."""
    tables = list(root.iter(w("tbl")))
    if len(tables) != len(directions):
        raise RuntimeError(f"Pandoc wrote {len(tables)} tables where the document has {len(directions)}")
    for table, direction in zip(tables, directions):
        if direction == "rtl":
            set_child(ensure_child(table, "tblPr"), "bidiVisual")


def join_note_numbers(footnotes: etree._Element) -> None:
    """Move a note number that stands alone in its paragraph to the start of the next paragraph."""
    for note in footnotes.iter(w("footnote")):
        paragraphs = note.findall(w("p"))
        runs = paragraphs[0].findall(w("r")) if len(paragraphs) > 1 else []
        if len(runs) != 1 or runs[0].find(w("footnoteRef")) is None:
            continue
        marker, target = runs[0], paragraphs[1]
        properties = target.find(w("pPr"))
        ltr = properties is None or child(properties, "bidi") is None
        rtl = marker.find(f"{w('rPr')}/{w('rtl')}")
        if ltr and rtl is not None:
            rtl.getparent().remove(rtl)
        position = 0 if properties is None else target.index(properties) + 1
        target.insert(position, marker)
        target.insert(position + 1, _space_run(ltr))
        note.remove(paragraphs[0])


def _space_run(ltr: bool) -> etree._Element:
    run = etree.Element(w("r"))
    if not ltr:
        etree.SubElement(etree.SubElement(run, w("rPr")), w("rtl"))
    text = etree.SubElement(run, w("t"))
    text.text = " "
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return run


# Word keys proofing tools and the shaping of digits on a language with its country ("fa-IR"); a bare
# "fa" it does not recognise. The region most of a language's readers use, when the author gave none.
WORD_REGIONS = {"fa": "fa-IR", "ur": "ur-PK", "he": "he-IL"}


def word_language(lang: str) -> str:
    return WORD_REGIONS.get(lang.lower(), lang)


def language_and_direction(styles: etree._Element, settings: etree._Element, lang: str, direction: str) -> None:
    """The document language everywhere it is declared; no right-to-left styles in an LTR article."""
    complex_script = word_language(lang)
    for language in styles.iter(w("lang")):
        language.set(w("val"), lang)
        if direction == "rtl":
            language.set(w("bidi"), complex_script)
    theme = child(settings, "themeFontLang")
    if theme is not None:
        theme.set(w("val"), lang)
        if direction == "rtl":
            theme.set(w("bidi"), complex_script)
    if direction == "ltr":
        for bidi in list(styles.iter(w("bidi"))):
            bidi.getparent().remove(bidi)


def section_direction(document: etree._Element, direction: str) -> None:
    section = document.find(f"{w('body')}/{w('sectPr')}")
    if direction == "ltr" and section is not None and child(section, "bidi") is not None:
        section.remove(child(section, "bidi"))

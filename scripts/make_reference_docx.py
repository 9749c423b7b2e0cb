"""Generate templates/docx/reference.docx from templates/docx/styles.yaml.

    .venv/bin/python scripts/make_reference_docx.py [--output PATH]

The reference document is never edited by hand: this script starts from Pandoc's own reference.docx
(`pandoc --print-default-data-file reference.docx`) and applies the journal styles written in
styles.yaml — right-to-left paragraph styles (w:bidi), Amiri as Latin and complex-script font, sizes
for both scripts, A4 pages, footnotes numbered continuously through the section (Pandoc keeps the
section properties of the reference document but not its settings.xml; the writer sets those). The output is
byte-for-byte reproducible, so tests can check that the committed file matches its source.
"""
from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pypandoc
import yaml
from lxml import etree

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from nashr.writers.docx.ooxml import (  # noqa: E402
    child, ensure_child, parse, read_package, serialize, set_child, w, write_package,
)

SOURCE = REPO / "templates" / "docx" / "styles.yaml"
TARGET = REPO / "templates" / "docx" / "reference.docx"
THEME_FONT_ATTRIBUTES = [w(n) for n in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]


def twips(points: float) -> str:
    return str(round(points * 20))


def half_points(points: float) -> str:
    return str(round(points * 2))


def mm_twips(mm: float) -> str:
    return str(round(mm / 25.4 * 1440))


def find_style(styles: etree._Element, style_id: str) -> etree._Element | None:
    return next((s for s in styles.iter(w("style")) if s.get(w("styleId")) == style_id), None)


def new_style(styles: etree._Element, kind: str, style_id: str, spec: dict) -> etree._Element:
    style = etree.SubElement(styles, w("style"), {w("type"): kind, w("customStyle"): "1", w("styleId"): style_id})
    set_child(style, "name", val=spec.get("name", style_id))
    if "based_on" in spec:
        set_child(style, "basedOn", val=spec["based_on"])
    if "next" in spec:
        set_child(style, "next", val=spec["next"])
    set_child(style, "qFormat")
    return style


def apply_run_properties(style: etree._Element, spec: dict) -> None:
    rpr = ensure_child(style, "rPr")
    color = child(rpr, "color")
    if color is not None:
        rpr.remove(color)  # journal styles are black unless the source says otherwise
    if "color" in spec:
        set_child(rpr, "color", val=spec["color"])
    if "bold" in spec:
        value = "1" if spec["bold"] else "0"
        set_child(rpr, "b", val=value)
        set_child(rpr, "bCs", val=value)
    if "size" in spec:
        set_child(rpr, "sz", val=half_points(spec["size"]))
    if "size_cs" in spec:
        set_child(rpr, "szCs", val=half_points(spec["size_cs"]))
    if spec.get("superscript"):
        set_child(rpr, "vertAlign", val="superscript")
    if len(rpr) == 0:
        style.remove(rpr)


def apply_paragraph_properties(style: etree._Element, spec: dict) -> None:
    ppr = ensure_child(style, "pPr")
    numbering = child(ppr, "numPr")
    if numbering is not None:
        ppr.remove(numbering)  # Pandoc's Subtitle carries a stray list level
    if spec.get("keep_next"):
        set_child(ppr, "keepNext")
    elif spec.get("keep_next") is False:  # Pandoc keeps its abstract on one page, whatever its length
        for name in ("keepNext", "keepLines"):
            if child(ppr, name) is not None:
                ppr.remove(child(ppr, name))
    if spec.get("rule_below"):
        etree.SubElement(set_child(ppr, "pBdr"), w("bottom"), {w("val"): "single", w("sz"): "4", w("space"): "4",
                                                                w("color"): "000000"})
    set_child(ppr, "bidi")
    spacing = dict(child(ppr, "spacing").attrib) if child(ppr, "spacing") is not None else {}
    for key in ("before", "after"):
        if key in spec:
            spacing[w(key)] = twips(spec[key])
    if "line" in spec:
        spacing[w("line")] = str(round(spec["line"] * 240))
        spacing[w("lineRule")] = "auto"
    if spacing:
        set_child(ppr, "spacing").attrib.update(spacing)
    if "first_line" in spec or "indent" in spec:
        indent = set_child(ppr, "ind")  # left/right are equal, so they mean the same in either direction
        if "indent" in spec:
            indent.set(w("left"), twips(spec["indent"]))
            indent.set(w("right"), twips(spec["indent"]))
        indent.set(w("firstLine"), twips(spec.get("first_line", 0)))
    if "border" in spec:  # a thin frame on every side, the same in either direction
        borders = set_child(ppr, "pBdr")
        for side in ("top", "left", "bottom", "right"):
            etree.SubElement(borders, w(side), {w("val"): "single", w("sz"): "6", w("space"): "4",
                                                w("color"): spec["border"]})
    if "shading" in spec:
        set_child(ppr, "shd", val="clear", color="auto", fill=spec["shading"])
    if "align" in spec:  # Word and LibreOffice read "left" as the start side of a bidi paragraph
        set_child(ppr, "jc", val={"start": "left", "end": "right"}.get(spec["align"], spec["align"]))


def make_styles(styles: etree._Element, source: dict) -> None:
    for rfonts in styles.iter(w("rFonts")):
        for name in THEME_FONT_ATTRIBUTES:
            rfonts.attrib.pop(name, None)
    defaults = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
    fonts = source["fonts"]
    set_child(defaults, "rFonts", ascii=fonts["latin"], hAnsi=fonts["latin"], cs=fonts["complex"])
    set_child(defaults, "lang", val="ar", eastAsia="zh-CN", bidi="ar")
    for rfonts in list(styles.iter(w("rFonts"))):
        if not rfonts.attrib:
            rfonts.getparent().remove(rfonts)
    for kind, section in (("paragraph", "paragraph_styles"), ("character", "character_styles"),
                          ("table", "table_styles")):
        for style_id, spec in source[section].items():
            style = find_style(styles, style_id)
            if style is None:
                style = new_style(styles, kind, style_id, spec)
            if kind == "paragraph":
                apply_paragraph_properties(style, spec)
            apply_run_properties(style, spec)


def make_section(document: etree._Element, page: dict) -> None:
    """The one section of the body: A4, right-to-left, notes numbered continuously."""
    body = document.find(w("body"))
    old = body.find(w("sectPr"))
    section = etree.Element(w("sectPr"))
    notes = set_child(section, "footnotePr")
    etree.SubElement(notes, w("numFmt"), {w("val"): "decimal"})
    etree.SubElement(notes, w("numStart"), {w("val"): "1"})
    etree.SubElement(notes, w("numRestart"), {w("val"): "continuous"})
    set_child(section, "pgSz", w=mm_twips(page["width_mm"]), h=mm_twips(page["height_mm"]))
    set_child(section, "pgMar", top=mm_twips(page["margin_top_mm"]), bottom=mm_twips(page["margin_bottom_mm"]),
              left=mm_twips(page["margin_side_mm"]), right=mm_twips(page["margin_side_mm"]),
              header="709", footer="709", gutter="0")
    set_child(section, "bidi")
    if old is not None:
        body.replace(old, section)
    else:
        body.append(section)


def make_font_table(fonts: etree._Element, source: dict) -> None:
    for name in sorted({source["fonts"]["latin"], source["fonts"]["complex"]}):
        if not any(f.get(w("name")) == name for f in fonts.iter(w("font"))):
            font = etree.SubElement(fonts, w("font"), {w("name"): name})
            etree.SubElement(font, w("charset"), {w("val"): "00"})
            etree.SubElement(font, w("family"), {w("val"): "roman"})
            etree.SubElement(font, w("pitch"), {w("val"): "variable"})


def pandoc_reference() -> bytes:
    return subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
                          check=True, capture_output=True).stdout


def generate(target: Path) -> None:
    source = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    parts = read_package(pandoc_reference())
    edits = {
        "word/styles.xml": lambda root: make_styles(root, source),
        "word/document.xml": lambda root: make_section(root, source["page"]),
        "word/fontTable.xml": lambda root: make_font_table(root, source),
    }
    for name, edit in edits.items():
        root = parse(parts[name])
        edit(root)
        parts[name] = serialize(root)
    write_package(parts, target, dt.datetime(1980, 1, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=TARGET)
    generate(parser.parse_args().output)


if __name__ == "__main__":
    main()

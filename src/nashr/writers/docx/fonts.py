"""Embed the faces a DOCX uses (Amiri; Frank Ruhl Libre for Hebrew), so Word and LibreOffice show
them where they are not installed.

ECMA-376 Part 1, 17.8.1: each face is stored as `word/fonts/fontN.odttf`, its first 32 bytes XORed
with the bytes of a GUID (taken from the GUID's last hex pair to its first); `fontTable.xml` names the
part (`w:embedRegular` …) and gives the GUID as `w:fontKey`; `settings.xml` says `w:embedTrueTypeFonts`.
The GUID is derived from the font's bytes, so the package stays reproducible.
"""
from __future__ import annotations

import hashlib
import uuid

from lxml import etree

from nashr.resources import FontFace
from nashr.writers.docx.ooxml import CT_NS, R_NS, REL_NS, child, parse, serialize, set_child, w

FONT_RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"
OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
_EMBED = {(False, False): "embedRegular", (True, False): "embedBold",
          (False, True): "embedItalic", (True, True): "embedBoldItalic"}
_OFF = {"0", "false", "off"}


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the GUID `key` ("{XXXXXXXX-…}") read backwards, as Word does."""
    digits = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ digits[index % 16] for index, byte in enumerate(data[:32]))
    return head + data[32:]


def font_key(data: bytes) -> str:
    return "{" + str(uuid.UUID(bytes=hashlib.sha256(data).digest()[:16])).upper() + "}"


def _flags(properties: etree._Element | None) -> dict[str, bool]:
    """Bold and italic as a run-properties element sets them (b or bCs, i or iCs)."""
    flags: dict[str, bool] = {}
    if properties is None:
        return flags
    for name, flag in (("b", "bold"), ("bCs", "bold"), ("i", "italic"), ("iCs", "italic")):
        element = child(properties, name)
        if element is not None:
            flags[flag] = flags.get(flag, False) or element.get(w("val"), "1") not in _OFF
    return flags


def faces_used(styles: etree._Element, parts: list[etree._Element]) -> set[tuple[bool, bool]]:
    """(bold, italic) of every run in `parts`, through its paragraph and character styles."""
    by_id = {s.get(w("styleId")): s for s in styles.iter(w("style"))}

    def style_flags(style_id: str | None, seen: frozenset = frozenset()) -> dict[str, bool]:
        style = by_id.get(style_id)
        if style is None or style_id in seen:
            return {}
        based_on = child(style, "basedOn")
        inherited = style_flags(based_on.get(w("val")) if based_on is not None else None, seen | {style_id})
        return {**inherited, **_flags(child(style, "rPr"))}

    def reference(properties: etree._Element | None, name: str) -> str | None:
        found = child(properties, name) if properties is not None else None
        return found.get(w("val")) if found is not None else None

    faces = {(False, False)}
    for root in parts:
        for paragraph in root.iter(w("p")):
            paragraph_flags = style_flags(reference(paragraph.find(w("pPr")), "pStyle"))
            for run in paragraph.iter(w("r")):
                properties = run.find(w("rPr"))
                flags = {**paragraph_flags, **style_flags(reference(properties, "rStyle")), **_flags(properties)}
                faces.add((flags.get("bold", False), flags.get("italic", False)))
    return faces


def set_complex_script_font(styles: etree._Element, family: str) -> None:
    """Make `family` the complex-script font (w:rFonts/@w:cs) wherever the styles name one."""
    for fonts in styles.iter(w("rFonts")):
        if fonts.get(w("cs")) is not None:
            fonts.set(w("cs"), family)


def embed_fonts(parts: dict[str, bytes], faces: list[FontFace], used: set[tuple[bool, bool]]) -> None:
    """Add the used (bold, italic) faces of each family in `faces` to the package `parts`, in place;
    a family with a single face (a variable font) embeds it as its regular face."""
    fonts = parse(parts["word/fontTable.xml"])
    relationships = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    ordered = sorted(faces, key=lambda f: (f.family, list(_EMBED).index(_style(f))))
    for number, face in enumerate(ordered, start=1):
        if _style(face) not in used:
            continue
        entry = next((f for f in fonts.iter(w("font")) if f.get(w("name")) == face.family), None)
        if entry is None:
            entry = etree.SubElement(fonts, w("font"), {w("name"): face.family})
        data = face.path.read_bytes()
        key = font_key(data)
        parts[f"word/fonts/font{number}.odttf"] = obfuscate(data, key)
        etree.SubElement(relationships, f"{{{REL_NS}}}Relationship",
                         Id=f"rIdFont{number}", Type=FONT_RELATIONSHIP, Target=f"fonts/font{number}.odttf")
        embedded = set_child(entry, _EMBED[_style(face)], fontKey=key)
        embedded.set(f"{{{R_NS}}}id", f"rIdFont{number}")
    parts["word/fontTable.xml"] = serialize(fonts)
    parts["word/_rels/fontTable.xml.rels"] = serialize(relationships)
    types = parse(parts["[Content_Types].xml"])
    if not any(d.get("Extension") == "odttf" for d in types.iter(f"{{{CT_NS}}}Default")):
        types.insert(0, etree.Element(f"{{{CT_NS}}}Default", Extension="odttf", ContentType=OBFUSCATED_FONT))
    parts["[Content_Types].xml"] = serialize(types)
    settings = parse(parts["word/settings.xml"])
    set_child(settings, "embedTrueTypeFonts")
    parts["word/settings.xml"] = serialize(settings)


def _style(face: FontFace) -> tuple[bool, bool]:
    return face.weight == "bold", face.style == "italic"


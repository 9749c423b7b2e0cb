"""OOXML helpers: schema order of property elements, reproducible packages, font obfuscation."""
from __future__ import annotations

import datetime as dt
import zipfile

from lxml import etree

from nashr.writers.docx.fonts import font_key, obfuscate
from nashr.writers.docx.ooxml import W_NS, local_name, set_child, w, write_package


def test_set_child_puts_elements_where_the_schema_wants_them():
    properties = etree.Element(w("pPr"), nsmap={"w": W_NS})
    for name in ("jc", "pStyle", "spacing", "keepNext"):
        set_child(properties, name)
    set_child(properties, "bidi", val="0")
    assert [local_name(e) for e in properties] == ["pStyle", "keepNext", "bidi", "spacing", "jc"]
    set_child(properties, "bidi")  # replaced, not doubled
    assert [local_name(e) for e in properties].count("bidi") == 1
    assert properties.find(w("bidi")).get(w("val")) is None


def test_packages_are_reproducible_with_content_types_first(tmp_path):
    parts = {"word/document.xml": b"<a/>", "_rels/.rels": b"<r/>", "[Content_Types].xml": b"<t/>"}
    first, second = tmp_path / "1.docx", tmp_path / "2.docx"
    write_package(parts, first, dt.datetime(2024, 3, 15, 12, 0, 0))
    write_package(dict(reversed(parts.items())), second, dt.datetime(2024, 3, 15, 12, 0, 0))
    assert first.read_bytes() == second.read_bytes()
    with zipfile.ZipFile(first) as archive:
        assert archive.namelist() == ["[Content_Types].xml", "_rels/.rels", "word/document.xml"]
        assert archive.getinfo("word/document.xml").date_time == (2024, 3, 15, 12, 0, 0)


def test_obfuscation_touches_the_first_32_bytes_and_undoes_itself():
    data = bytes(range(256)) * 4
    key = font_key(data)
    assert key.startswith("{") and key.endswith("}") and len(key) == 38
    hidden = obfuscate(data, key)
    assert hidden[:32] != data[:32] and hidden[32:] == data[32:]
    assert obfuscate(hidden, key) == data
    # ECMA-376: byte i is XORed with the GUID's hex pairs read from the last one backwards
    last_pair = int(key.strip("{}")[-2:], 16)
    assert hidden[0] == data[0] ^ last_pair and hidden[16] == data[16] ^ last_pair

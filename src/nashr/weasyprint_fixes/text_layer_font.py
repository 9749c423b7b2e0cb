"""Alias glyphs appended to an embedded TrueType font, byte by byte (for text_layer).

Why: the text workaround (text_layer) draws some glyphs with aliases, glyphs appended to the embedded
subset font. Through fontTools that meant parsing and rebuilding every glyph slot of the subset
(WeasyPrint's HarfBuzz subset keeps the font's glyph ids, so some 6,000 slots for Amiri): about 0.1 s
per PDF, more than the rest of the workaround on the bundled article. Appending touches only a few
tables, so it is done here on the bytes: `glyf` gets a composite glyph per alias, `loca`, `hmtx`,
`hhea` and `maxp` grow with it, `post` drops its glyph names (format 3: a PDF does not use them), and
the table checksums and `head`'s adjustment are recomputed. Everything else is copied as it is.
"""
from __future__ import annotations

import struct

from nashr.weasyprint_fixes.text_layer_rtl import INVISIBLE

ARGS_ARE_XY_VALUES, ROUND_XY_TO_GRID = 0x2, 0x4
# The order of the tables' data, as fontTools writes a TrueType font: the PDFs stay as they were
TABLE_ORDER = [tag.encode() for tag in ("head", "hhea", "maxp", "OS/2", "hmtx", "LTSH", "VDMX", "hdmx", "cmap",
                                        "fpgm", "prep", "cvt ", "loca", "glyf", "kern", "name", "post", "gasp", "PCLT")]


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF


def _tables(content: bytes) -> dict[bytes, bytes]:
    count = struct.unpack_from(">H", content, 4)[0]
    tables = {}
    for index in range(count):
        tag, _, offset, length = struct.unpack_from(">4sIII", content, 12 + 16 * index)
        tables[tag] = content[offset:offset + length]
    return tables


def _font_file(sfnt_version: bytes, tables: dict[bytes, bytes]) -> bytes:
    """The font file of these tables (directory in tag order, data in TABLE_ORDER, then tag order, DSIG
    last), with their checksums and head's adjustment."""
    count = len(tables)
    entry_selector = count.bit_length() - 1
    search_range = 16 << entry_selector
    header = sfnt_version + struct.pack(">HHHH", count, search_range, entry_selector, count * 16 - search_range)
    order = sorted(tables, key=lambda tag: (tag == b"DSIG", TABLE_ORDER.index(tag) if tag in TABLE_ORDER else len(TABLE_ORDER), tag))
    offset, entries, body = len(header) + 16 * count, {}, []
    for tag in order:
        data = tables[tag]
        if tag == b"head":
            data = data[:8] + b"\0\0\0\0" + data[12:]  # checkSumAdjustment counts as zero
        entries[tag] = struct.pack(">4sIII", tag, _checksum(data), offset, len(data))
        body.append(data + b"\0" * (-len(data) % 4))
        if tag == b"head":
            head_offset = offset
        offset += len(body[-1])
    font = bytearray(header + b"".join(entries[tag] for tag in sorted(tables)) + b"".join(body))
    struct.pack_into(">I", font, head_offset + 8, (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF)
    return bytes(font)


def with_alias_glyphs(content: bytes, aliases: dict[int, tuple[int, int]]) -> bytes:
    """The font file with each alias (glyph id → original glyph id or INVISIBLE, extra advance in
    thousandths of an em) appended: a composite of its original glyph, wider by its extra advance.
    Ids between the font's last glyph and an alias become empty glyphs of no advance. The header's
    bounding box stays as subset, so renderers draw the same."""
    tables = _tables(content)
    head, hhea, maxp = bytearray(tables[b"head"]), bytearray(tables[b"hhea"]), bytearray(tables[b"maxp"])
    units = struct.unpack_from(">H", head, 18)[0] / 1000
    long_loca = struct.unpack_from(">h", head, 50)[0] == 1
    count = struct.unpack_from(">H", maxp, 4)[0]
    loca = list(struct.unpack(f">{count + 1}{'I' if long_loca else 'H'}", tables[b"loca"][:(count + 1) * (4 if long_loca else 2)]))
    if not long_loca:
        loca = [offset * 2 for offset in loca]
    metrics_count = struct.unpack_from(">H", hhea, 34)[0]
    hmtx = tables[b"hmtx"]
    metrics = list(struct.iter_unpack(">Hh", hmtx[:4 * metrics_count]))
    last_advance = metrics[-1][0]
    metrics += [(last_advance, lsb) for (lsb,) in struct.iter_unpack(">h", hmtx[4 * metrics_count:4 * metrics_count + 2 * (count - metrics_count)])]
    glyf = bytearray(tables[b"glyf"][:loca[-1]])
    for glyph_id in range(count, max(aliases) + 1):
        original, extra = aliases.get(glyph_id, (INVISIBLE, None))
        advance, lsb = metrics[original] if original != INVISIBLE else (0, 0)
        if extra is not None:
            # `extra` is in thousandths of an em; an instance of a variable font can be narrower than /W says
            advance = max(0, advance + round(extra * units))
        base = bytes(glyf[loca[original]:loca[original + 1]]) if original != INVISIBLE else b""
        if len(base) >= 10 and struct.unpack_from(">h", base)[0]:  # a glyph with contours or components
            glyf += struct.pack(">h4hHHbb", -1, *struct.unpack_from(">4h", base, 2),
                                ARGS_ARE_XY_VALUES | ROUND_XY_TO_GRID, original, 0, 0)
        loca.append(len(glyf))
        metrics.append((advance, lsb))
    count = len(metrics)
    long_loca = long_loca or loca[-1] > 0x1FFFE
    tables[b"glyf"] = bytes(glyf)
    tables[b"loca"] = struct.pack(f">{len(loca)}I", *loca) if long_loca else struct.pack(f">{len(loca)}H", *(offset // 2 for offset in loca))
    metrics_count = count  # the glyphs after the last advance that differs keep only their side bearing
    while metrics[metrics_count - 2][0] == metrics[-1][0]:
        metrics_count -= 1
        if metrics_count <= 1:
            metrics_count = 1
            break
    tables[b"hmtx"] = (b"".join(struct.pack(">Hh", *metric) for metric in metrics[:metrics_count])
                       + b"".join(struct.pack(">h", lsb) for _, lsb in metrics[metrics_count:]))
    struct.pack_into(">H", hhea, 34, metrics_count)
    struct.pack_into(">H", maxp, 4, count)
    struct.pack_into(">h", head, 50, 1 if long_loca else 0)
    tables[b"head"], tables[b"hhea"], tables[b"maxp"] = bytes(head), bytes(hhea), bytes(maxp)
    if b"post" in tables:
        tables[b"post"] = b"\x00\x03\x00\x00" + tables[b"post"][4:32]  # no glyph names
    return _font_file(content[:4], tables)

"""A WOFF2 file from an OpenType font, every table under the null transform.

WOFF2 (https://www.w3.org/TR/WOFF2/) is a table directory plus one Brotli stream of the tables. The
optional glyf/loca and hmtx transforms save a few percent more, but fontTools writes them in Python with
Brotli at its slowest setting: about a second for an Amiri subset, more than the rest of the HTML build.
The null transform (version 3 for glyf and loca, 0 for the others, section 5.1) and Brotli quality 6
take a few hundredths of a second for a file about 5 % larger.
"""
from __future__ import annotations

import struct

import brotli

QUALITY = 6  # Brotli: 11 (fontTools) takes ~0.8 s an Amiri subset, 6 a hundredth of that, for ~4 % more bytes
# Section 5.2: tags with a one-byte index; any other tag is written out after the index 63.
KNOWN_TAGS = (
    "cmap head hhea hmtx maxp name OS/2 post cvt  fpgm glyf loca prep CFF  VORG EBDT EBLC gasp hdmx kern LTSH "
    "PCLT VDMX vhea vmtx BASE GDEF GPOS GSUB EBSC JSTF MATH CBDT CBLC COLR CPAL SVG  sbix acnt avar bdat bloc "
    "bsln cvar fdsc feat fmtx fvar gvar hsty just lcar mort morx opbd prop trak Zapf Silf Glat Gloc Feat Sill"
)
_KNOWN = {KNOWN_TAGS[i:i + 4].encode("latin-1"): i // 5 for i in range(0, len(KNOWN_TAGS), 5)}
_NULL_TRANSFORM = {b"glyf": 3 << 6, b"loca": 3 << 6}  # for every other table, version 0 is the null one


def _base128(value: int) -> bytes:
    """UIntBase128 (section 4.1): big-endian groups of 7 bits, the high bit set on all but the last."""
    groups = [value & 0x7F]
    value >>= 7
    while value:
        groups.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(groups))


def _tables(sfnt: bytes) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """The font's flavor (sfnt version) and its (tag, data) tables, glyf right before loca as decoders expect."""
    flavor, count = sfnt[:4], struct.unpack(">H", sfnt[4:6])[0]
    tables = []
    for index in range(count):
        tag, _, offset, length = struct.unpack(">4sIII", sfnt[12 + 16 * index: 28 + 16 * index])
        tables.append((tag, sfnt[offset:offset + length]))
    tables.sort(key=lambda table: (b"glyf" if table[0] == b"loca" else table[0], table[0] == b"loca"))
    return flavor, tables


def woff2(sfnt: bytes) -> bytes:
    """`sfnt` (a TrueType or CFF font file) as WOFF2."""
    flavor, tables = _tables(sfnt)
    directory = b""
    for tag, data in tables:
        index = _KNOWN.get(tag, 63)
        directory += bytes([index | _NULL_TRANSFORM.get(tag, 0)]) + (tag if index == 63 else b"") + _base128(len(data))
    compressed = brotli.compress(b"".join(data for _, data in tables), mode=brotli.MODE_FONT, quality=QUALITY)
    sfnt_size = 12 + 16 * len(tables) + sum((len(data) + 3) & ~3 for _, data in tables)
    unpadded = 48 + len(directory) + len(compressed)
    padding = -unpadded % 4
    header = struct.pack(">4s4sIHHIIHHIIIII", b"wOF2", flavor, unpadded + padding, len(tables), 0, sfnt_size,
                         len(compressed), 1, 0, 0, 0, 0, 0, 0)
    return header + directory + compressed + b"\0" * padding

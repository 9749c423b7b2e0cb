"""Alias glyphs appended to an embedded font on its bytes (weasyprint_fixes/text_layer_font.py), read back with fontTools."""
from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont

from nashr.resources import bundled_faces
from nashr.weasyprint_fixes.text_layer_font import with_alias_glyphs
from nashr.weasyprint_fixes.text_layer_rtl import INVISIBLE


@pytest.fixture(scope="module")
def amiri() -> bytes:
    """Amiri with a short glyph order, as WeasyPrint's subset embeds it (here: the glyphs up to 400)."""
    from fontTools.subset import Options, Subsetter

    font = TTFont(next(face.path for face in bundled_faces() if face.family == "Amiri"))
    options = Options()
    options.retain_gids, options.notdef_outline = True, True
    subsetter = Subsetter(options)
    subsetter.populate(glyphs=font.getGlyphOrder()[:400])
    subsetter.subset(font)
    output = io.BytesIO()
    font.save(output)
    return output.getvalue()


def test_aliases_are_composites_of_their_glyph_wider_by_their_extra_advance(amiri):
    original = TTFont(io.BytesIO(amiri))
    count = original["maxp"].numGlyphs
    letter = next(index for index, name in enumerate(original.getGlyphOrder())
                  if original["glyf"][name].numberOfContours > 0)
    aliases = {count + 3: (letter, 120), count + 4: (INVISIBLE, 250), count + 5: (letter, -40)}

    font = TTFont(io.BytesIO(with_alias_glyphs(amiri, aliases)))

    order, units = font.getGlyphOrder(), font["head"].unitsPerEm / 1000
    assert len(order) == font["maxp"].numGlyphs == count + 6
    advance, lsb = original["hmtx"][original.getGlyphOrder()[letter]]
    for alias, extra in ((count + 3, 120), (count + 5, -40)):
        glyph = font["glyf"][order[alias]]
        assert glyph.isComposite() and [(order.index(c.glyphName), c.x, c.y) for c in glyph.components] == [(letter, 0, 0)]
        assert font["hmtx"][order[alias]] == (advance + round(extra * units), lsb)
    assert font["glyf"][order[count + 4]].numberOfContours == 0  # ink-less
    assert font["hmtx"][order[count + 4]] == (round(250 * units), 0)
    for gap in range(count, count + 3):  # ids kept for WeasyPrint's .notdef stand-ins: empty, no advance
        assert font["glyf"][order[gap]].numberOfContours == 0 and font["hmtx"][order[gap]][0] == 0
    for index in (0, letter, count - 1):  # the font's own glyphs are untouched
        name = original.getGlyphOrder()[index]
        assert font["hmtx"][order[index]] == original["hmtx"][name]
        assert font["glyf"][order[index]].compile(font["glyf"]) == original["glyf"][name].compile(original["glyf"])

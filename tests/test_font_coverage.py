"""Characters nashr's fonts cannot draw are reported where they first occur; the sample has none."""
from __future__ import annotations

import unicodedata

from nashr.pipeline import prepare

from .conftest import MANUSCRIPT


def test_a_character_missing_from_the_fonts_is_a_warning_at_its_first_use(make_manuscript):
    root = make_manuscript({
        "manuscript.yaml": "title: عنوان\nlang: ar\ncontents: [a.md]\n",
        "a.md": "# مقدمة\n\nالرمز 测 هنا، ومرة أخرى 测.\n",
    })
    warnings = []
    prepare(root, warnings.append)
    # at its own column, naming the other use (positions.py positions each word holding such a character)
    assert [(w.location.path.name, w.location.line, w.location.column, w.severity) for w in warnings] == [
        ("a.md", 3, 7, "warning")]
    assert "U+6D4B CJK UNIFIED IDEOGRAPH-6D4B" in warnings[0].message
    assert warnings[0].message.endswith(f"(2 times: also at {root / 'a.md'}:3:24)")


def test_the_bundled_article_is_fully_covered():
    warnings = []
    prepare(MANUSCRIPT, warnings.append)
    assert warnings == []


def test_what_positions_takes_for_drawn_is_in_the_fonts():
    """positions.py positions only the words holding a character outside `_UNCOMMON`'s class, trusting
    the fonts to draw everything inside it: a missing glyph there would be named at its paragraph."""
    from nashr.font_coverage import _drawn, covered
    from nashr.positions import _UNCOMMON

    known = covered()
    inside = [ch for ch in map(chr, range(0x10000)) if not _UNCOMMON.match(ch) and _drawn(ch)
              and unicodedata.category(ch) != "Cn"]
    assert len(inside) > 600 and [f"U+{ord(ch):04X}" for ch in inside if ord(ch) not in known] == []

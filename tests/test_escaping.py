"""Hostile metadata prints as text in every registered format: no markup, no script, no broken file."""
from __future__ import annotations

import pytest
import yaml

from nashr.pipeline import build
from nashr.writers import formats

from .engine_helpers import text_of

TITLE = 'A <b>bold</b> & "quoted" \'title\' </title><script>alert(1)</script>'
AUTHOR = 'Eve <img src=x onerror=alert(1)> & Co "Ltd"'
KEYWORD = '<i>kw</i> & "more"'


@pytest.mark.parametrize("fmt", formats())
def test_hostile_metadata_is_printed_as_text(make_manuscript, tmp_path, fmt):
    metadata = {"title": TITLE, "lang": "en", "slug": "t", "subtitle": "1 < 2 && 3 > 2",
                "authors": [{"name": AUTHOR, "affiliation": "R&D <Lab>"}],
                "keywords": {"en": [KEYWORD]}, "contents": ["a.md"]}
    root = make_manuscript({"manuscript.yaml": yaml.safe_dump(metadata, allow_unicode=True),
                            "a.md": "# Intro\n\nBody text.\n"})
    output = build(root, tmp_path / "out", [fmt])[0].path
    text = "".join(text_of(output).split())  # line breaks may fall anywhere
    for value in (TITLE, AUTHOR, "1 < 2 && 3 > 2", "R&D <Lab>", KEYWORD):
        assert "".join(value.split()) in text, (value, text[:600])
    if fmt == "pdf":
        import pypdf

        assert pypdf.PdfReader(output).metadata["/Title"] == TITLE

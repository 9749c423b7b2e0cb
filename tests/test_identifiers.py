"""An identifier given twice (raw HTML repeats one; two chapters open with the same heading) is made
unique once, in the Document (transforms/identifiers.py), so every format gets the same ids."""
from __future__ import annotations

import subprocess
import sys

from lxml import html

from .epub_inspect import epubcheck

TEXT = """\
---
title: Identifiers
lang: en
---

# Intro

Text.

<hr class="foo" id="bar" />

<hr class="foo" id="bar" />

<hr class="foo" id="bar">

<p id="y">first</p>

# Intro

<p id="y">second</p>
"""


def test_repeated_identifiers_are_made_unique_in_every_format(tmp_path):
    paper = tmp_path / "paper.md"
    paper.write_text(TEXT, encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "nashr", "build", str(paper), "-o", str(tmp_path / "out"),
                          "-f", "pdf", "-f", "epub", "-f", "html"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "Anchor defined twice" not in run.stderr  # WeasyPrint's complaint about the PDF
    page = html.parse(str(tmp_path / "out" / "paper.html")).getroot()
    ids = [element.get("id") for element in page.iter() if element.get("id")]
    assert len(ids) == len(set(ids))
    assert {"bar", "bar-2", "bar-3", "y", "y-2"} <= set(ids)
    assert [m for m in epubcheck(tmp_path / "out" / "paper.epub") if m["severity"] in ("ERROR", "FATAL")] == []

"""Blocks of the Document as HTML fragments, written by Pandoc: the writers that start from HTML (PDF,
EPUB, the HTML galley) ask for all theirs at once."""
from __future__ import annotations

import json

from nashr.ast import Node, node
from nashr.document import Document
from nashr.pandoc import run_pandoc


Fragment = tuple[list[Node], bool]  # blocks, and whether their math is written as MathML


def fragments_to_html(document: Document, fragments: list[Fragment]) -> list[str]:
    """An HTML5 fragment for each list of blocks, written by Pandoc; math as MathML where the fragment
    asks for it, else as text (which falls back to the TeX source for what plain text cannot show).

    A Pandoc process costs more than the writing, so a writer asks for all its HTML at once (body,
    abstracts, notes, each EPUB page) and gets it from one Pandoc run where it can. The fragments go into one document between raw HTML comments
    no fragment contains, and Pandoc's output is cut at them. A fragment with math not wanted as
    MathML, or with a Pandoc Note (which the HTML writer would collect at the document's end), is
    written in a run of its own kind, so every fragment reads exactly as if written alone."""
    encoded = [json.dumps(blocks, ensure_ascii=False) for blocks, _ in fragments]
    groups: dict[tuple[bool, int], list[int]] = {}
    for index, ((blocks, mathml), text) in enumerate(zip(fragments, encoded)):
        if not blocks:
            continue
        own = index if '"t": "Note"' in text else -1  # its notes must stay its own
        groups.setdefault((mathml or '"t": "Math"' not in text, own), []).append(index)
    html = [""] * len(fragments)
    for (mathml, _), members in groups.items():
        for index, written in zip(members, _write_together(document, [encoded[i] for i in members], mathml)):
            html[index] = written
    return html


def _write_together(document: Document, encoded: list[str], mathml: bool) -> list[str]:
    """Pandoc's HTML of each JSON-encoded (non-empty) block list, in one run."""
    mark = _separator(encoded)
    between = "," + json.dumps(node("RawBlock", ["html", mark])) + ","
    source = (f'{{"pandoc-api-version": {json.dumps(document.api_version)}, "meta": {{}}, '
              f'"blocks": [{between.join(text[1:-1] for text in encoded)}]}}')
    options = ["--from=json", "--to=html5", "--wrap=none", "--quiet"] + (["--mathml"] if mathml else [])
    pieces = run_pandoc(options, source)[0].split(f"\n{mark}\n")
    if len(pieces) != len(encoded):
        raise RuntimeError(f"Pandoc's HTML did not come back in {len(encoded)} pieces")
    return [piece + "\n" for piece in pieces[:-1]] + pieces[-1:]


def _separator(encoded: list[str]) -> str:
    """An HTML comment that occurs in none of the fragments."""
    number = 0
    while any(f"nashr-cut-{number}" in text for text in encoded):
        number += 1
    return f"<!--nashr-cut-{number}-->"

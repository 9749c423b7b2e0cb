"""A writer's HTML fragments from one Pandoc run read exactly as each fragment written on its own."""
from __future__ import annotations

import json
from pathlib import Path

from nashr.diagnostics import Location
from nashr.document import Document
from nashr.pandoc import run_pandoc
from nashr.parse import to_ast
from nashr.writers.kit import html_fragments as html

SOURCE = """# عنوان {#start}

فقرة فيها *تأكيد* و`code` ورياضيات $x^2 + \\alpha$ و[رابط](https://example.org).

| a | b |
|---|---|
| 1 | 2 |

```
<!--nashr-cut-0--> a comment that looks like the separator
```

- one
- two

    nested code

$$\\int_0^1 f$$

> quoted
> text

Term
:   definition
"""


def alone(document: Document, blocks: list, mathml: bool) -> str:
    """What a Pandoc run for just these blocks writes (the writers' HTML before batching)."""
    if not blocks:
        return ""
    options = ["--from=json", "--to=html5", "--wrap=none", "--quiet"] + (["--mathml"] if mathml else [])
    return run_pandoc(options, json.dumps(document.as_pandoc(blocks), ensure_ascii=False))[0]


def test_fragments_written_together_equal_each_written_alone(monkeypatch):
    ast, _ = to_ast(SOURCE, Location(Path("a.md")))
    document = Document(project=None, parts=[], api_version=ast["pandoc-api-version"])  # type: ignore[arg-type]
    blocks = ast["blocks"]
    fragments = [([block], index % 2 == 0) for index, block in enumerate(blocks)]
    fragments += [(blocks, True), ([], True), (blocks, False), (blocks[1:2], False)]
    fragments += [([{"t": "RawBlock", "c": ["html", "<!--nashr-cut-0-->"]}], True)]  # the first separator
    runs: list[list[str]] = []

    def counted(arguments, source, cwd=None):
        runs.append(arguments)
        return run_pandoc(arguments, source, cwd)

    monkeypatch.setattr(html, "run_pandoc", counted)
    together = html.fragments_to_html(document, fragments)
    monkeypatch.undo()
    assert together == [alone(document, blocks, mathml) for blocks, mathml in fragments]
    # one run for everything with MathML or without math, one for the fragments whose math stays text
    assert sorted("--mathml" in arguments for arguments in runs) == [False, True]
    assert together[-1] == "<!--nashr-cut-0-->\n"  # not taken for a cut

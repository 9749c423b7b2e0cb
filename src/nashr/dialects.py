"""Markdown dialects people really write, rewritten into Pandoc Markdown before Pandoc reads a file.

Articles come from GitHub, MkDocs and Jekyll sites and from editors that follow CommonMark, not
Pandoc. What their syntax means is kept; what nashr cannot show is left out with a warning; none of
it is printed as syntax:
- MkDocs/Material admonitions (`!!! note "Title"`, `??? tip`, `???+`), content tabs (`=== "Tab"`) and
  GitHub alerts (`> [!NOTE]`) become boxes (dialect_boxes);
- kramdown and MkDocs attribute lists (`{: .class}`, `{ .twemoji }`, `{::options …}`, `{:toc}`)
  become Pandoc attributes where Pandoc has them, and icon shortcodes (`:material-…:`) are dropped
  (dialect_attributes);
- lists numbered in Arabic-Indic or Persian digits or with `1-`, and lists and headings that follow a
  paragraph line without a blank line, become Pandoc lists and headings (dialect_lists);
- LaTeX and ConTeXt environments are printed as text, each named in a warning (dialect_tex).
The rewrite works on lines that remember the line they came from, so every warning — the rewrite's
and Pandoc's — still names the author's file and line. Fenced code is never touched.
"""
from __future__ import annotations

from dataclasses import dataclass

from nashr.dialect_attributes import attribute_lists
from nashr.dialect_boxes import boxes
from nashr.dialect_lists import lists
from nashr.dialect_tex import tex_environments
from nashr.markdown_lines import Line, Note

def rewrite_lines(lines: list[Line], lang: str) -> tuple[list[Line], list[Note]]:
    """All the dialect passes over `lines` (boxes first: their content is rewritten in turn)."""
    lines, notes = boxes(lines, lang, rewrite_lines)
    for rewrite in (attribute_lists, lists, tex_environments):
        lines, found = rewrite(lines)
        notes += found
    return lines, notes


@dataclass(frozen=True)
class Rewritten:
    text: str
    origins: list[int]  # for each line of `text`, the author's line it comes from
    notes: list[Note]

    def origin(self, line: int) -> int:
        """The author's line for line `line` of the rewritten text."""
        return self.origins[line - 1] if 0 < line <= len(self.origins) else line


def rewrite(text: str, lang: str) -> Rewritten:
    """`text` in Pandoc Markdown, with where each of its lines comes from and the warnings."""
    lines = [Line(number, line) for number, line in enumerate(text.split("\n"), start=1)]
    lines, notes = rewrite_lines(lines, lang)
    return Rewritten("\n".join(line.text for line in lines), [line.number for line in lines],
                     sorted(notes, key=lambda note: note.number))

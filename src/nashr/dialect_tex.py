"""LaTeX and ConTeXt environments in Markdown written for Pandoc's PDF route (`\\begin{tabular}`,
`\\startformula`): nashr does not run TeX and does not read raw TeX (parse.READER: a manuscript from
outside must not inject markup, and `C:\\Users` must not vanish), so Pandoc prints them as text. Each
environment is left as it is and named in a warning at its line, so the editor can rewrite it in
Markdown — a table, a list, math between dollars — or delete it."""
from __future__ import annotations

import re

from nashr.markdown_lines import Line, Note, in_code

ENVIRONMENT = re.compile(r"^ {0,3}\\(begin\{([A-Za-z*]+)\}|start([a-z]+))")


def tex_environments(lines: list[Line]) -> tuple[list[Line], list[Note]]:
    """`lines` unchanged, and a warning at the first line of each TeX environment outside code."""
    notes = [Note(line.number, f"TeX environment '{found[2] or found[3]}' printed as text: nashr does not run "
                               "TeX; rewrite it in Markdown (a table, a list, $math$) or delete it")
             for line, is_code in zip(lines, in_code(lines)) if not is_code and (found := ENVIRONMENT.match(line.text))]
    return lines, notes

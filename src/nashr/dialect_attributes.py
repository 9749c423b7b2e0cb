"""kramdown and MkDocs attribute lists and icon shortcodes, rewritten or left out with a warning.

- `{: .class #id key="v"}` (kramdown, MkDocs attr_list) after a link, image, `[span]` or code, or at
  the end of a heading or a table caption, is Pandoc's own `{.class #id key="v"}`; on the line after a
  heading it joins the heading. Anywhere else Pandoc would print it, so it is left out, with a warning
  saying how to write it (a fenced div, a bracketed span). Without the colon it is Pandoc's own
  syntax (MkDocs writes `{ .md-button }` as Pandoc does) and is left to Pandoc.
- `{:toc}` with the `* TOC` item before it, `{::options …}` and other kramdown extensions are left
  out with a warning; `{::comment}` … `{:/comment}` is a comment, left out silently;
  `{::nomarkdown}` loses its markers (what is inside is read, its HTML through the sanitizer).
- Icon shortcodes of MkDocs Material (`:material-…:`, `:octicons-…:`, `:fontawesome-…:`,
  `:simple-…:`), with the attribute list that often follows them (`{ .twemoji }`), are left out: one
  warning per line names them.
"""
from __future__ import annotations

import re

from nashr.markdown_lines import CODE_SPAN, Line, Note, in_code

_VALUE = r"""(?:"[^"\n]*"|'[^'\n]*'|[^\s"'{}]+)"""
_TOKEN = rf"(?:[.#][\w:-]+|[\w-]+={_VALUE})"
_LIST = rf"{_TOKEN}(?:[ \t]+{_TOKEN})*"
# an icon (with the attribute list that may follow it), or an attribute list
INLINE = re.compile(rf"(?P<icon>:(?:material|octicons|fontawesome|simple)-[a-z0-9-]+:)(?:\{{[^}}\n]*\}})?"
                    rf"|(?<!\\)\{{(?P<colon>:?)[ \t]*(?P<attributes>{_LIST})[ \t]*\}}")
BLOCK_ATTRIBUTES = re.compile(rf"^[ \t]*\{{:[ \t]*({_LIST})?[ \t]*\}}[ \t]*$")
TOC = re.compile(r"^[ \t]*\{:[ \t]*toc[ \t]*\}[ \t]*$")
TOC_ITEM = re.compile(r"^[ \t]*(?:[-*+]|1\.)[ \t]+TOC[ \t]*$", re.IGNORECASE)
EXTENSION = re.compile(r"\{::(\w+)[^}\n]*?(/?)\}|\{:/(\w*)\}")
HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]")
CAPTION = re.compile(r"^[ ]{0,3}(?::|Table:)[ \t]")  # a table's caption, which takes attributes at its end
FENCED_DIV = re.compile(r"^[ \t]*:{3,}")
KEPT_AFTER = (")", "]", "`")  # a link or image, a bracketed span, code: Pandoc reads attributes there


def _inline(text: str, heading: bool) -> tuple[str, list[str], list[str]]:
    """The line with its attribute lists in Pandoc's form or taken out, and its icons taken out;
    and the icons and attribute lists taken out. Code spans are left alone."""
    code = [span.span() for span in CODE_SPAN.finditer(text)]
    pieces, icons, dropped, start = [], [], [], 0
    for match in INLINE.finditer(text):
        if any(low <= match.start() < high for low, high in code):
            continue
        pieces.append(text[start:match.start()])
        start = match.end()
        if match["icon"]:
            icons.append(match["icon"])
        elif not match["colon"]:
            pieces.append(match[0])  # Pandoc's own syntax: Pandoc reads it, or prints it as it always has
        elif text[:match.start()].endswith(KEPT_AFTER) or (heading and not text[start:].strip()):
            pieces.append("{" + match["attributes"] + "}")
        else:
            dropped.append(match[0])
    pieces.append(text[start:])
    return "".join(pieces), icons, dropped


def _extensions(text: str, number: int, state: dict[str, bool], notes: list[Note]) -> str | None:
    """The line without kramdown's `{::…}` extensions; None to leave it out (inside a comment)."""
    out, start = [], 0
    for match in EXTENSION.finditer(text):
        if not state["comment"]:
            out.append(text[start:match.start()])
        name = match[1] or match[3]
        if match[1] == "comment" and not match[2]:
            state["comment"] = True
        elif match[3] is not None and (name in ("comment", "") and state["comment"]):
            state["comment"] = False
        elif match[1] and name not in ("nomarkdown", "comment"):
            notes.append(Note(number, f"kramdown's {match[0]} left out: it means nothing to nashr"))
        start = match.end()
    if state["comment"] and start == 0:
        return None
    out.append("" if state["comment"] else text[start:])
    line = "".join(out)
    return None if not line.strip() and text.strip() else line


def attribute_lists(lines: list[Line]) -> tuple[list[Line], list[Note]]:
    result: list[Line] = []
    notes: list[Note] = []
    state = {"comment": False}
    for line, is_code in zip(lines, in_code(lines)):
        if is_code:
            result.append(line)
            continue
        text = _extensions(line.text, line.number, state, notes) if "{:" in line.text or state["comment"] \
            else line.text
        if text is None:
            continue
        if TOC.match(text):
            if result and TOC_ITEM.match(result[-1].text):
                result.pop()
            notes.append(Note(line.number, "kramdown's table of contents (* TOC, {:toc}) left out: nashr "
                                           "prints no table of contents in the text"))
            continue
        block = BLOCK_ATTRIBUTES.match(text)
        if block:
            heading = result[-1] if result and HEADING.match(result[-1].text) else None
            if heading and block[1] and not heading.text.rstrip().endswith("}"):
                result[-1] = Line(heading.number, f"{heading.text.rstrip()} {{{block[1]}}}")
            else:
                notes.append(Note(line.number, f"attribute list {text.strip()} left out: to give a block "
                                               "attributes, put it in a fenced div, ::: {.name} … :::"))
            continue
        if FENCED_DIV.match(text) or ("{" not in text and ":" not in text):
            result.append(Line(line.number, text))
            continue
        text, icons, dropped = _inline(text, bool(HEADING.match(text) or CAPTION.match(text)))
        if icons:
            notes.append(Note(line.number, f"icon shortcodes left out (nashr draws no icons): {', '.join(icons)}"))
        if dropped:
            notes.append(Note(line.number, f"attribute list {', '.join(dropped)} left out: Pandoc gives "
                                           "attributes to headings, links, images, code and [spans]; "
                                           "write [text]{.name}"))
        result.append(Line(line.number, text))
    return result, notes

"""Sanitized HTML recast in the shapes Pandoc's HTML reader turns into the document model without loss.

Pandoc's reader keeps `dir`, `lang`, `class` and `id` on a div, span, heading, table, cell, figure,
link, image or code, but forgets them on a paragraph, a quotation, a list or a `<sup>`; and it reads
`<aside>`, `<details>` and `<summary>` as plain text. So, before it reads the HTML:
- an element that would lose them hands them to a div (blocks) or span (phrasing) around it — or
  inside it, for a list item, term, definition or caption, which cannot be wrapped — so
  `<p dir="ltr">` becomes the same Div `dir=ltr` a fenced div `::: {dir=ltr}` gives, and the
  direction transform honours both alike;
- `<aside>` becomes a div of class `aside`, `<details>` a box like an admonition (class `admonition
  details`) whose `<summary>` is its title (class `admonition-title`): on paper it is always open;
- an image left without a source (the sanitizer dropped a remote one) is left out.
The input is nh3's output, balanced and escaped, so a token stream is enough: no tree is rebuilt.
"""
from __future__ import annotations

from html import escape
from html.parser import HTMLParser

from nashr.html_sanitizer import GLOBAL, PHRASING, VOID

KEEPS_ATTRIBUTES = {"div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "table", "td", "th", "figure", "a",
                    "img", "code"}
RENAMED = {"aside": "aside", "details": "admonition details", "summary": "admonition-title"}
WRAPPED_INSIDE = {"li": "div", "dd": "div", "dt": "span", "caption": "span", "figcaption": "span"}
NOTHING_TO_CARRY = {"br", "col", "colgroup", "thead", "tbody", "tfoot", "tr"}

Attributes = list[tuple[str, str | None]]


def _written(attributes: Attributes) -> str:
    return "".join(f' {name}="{escape(value or "", quote=True)}"' for name, value in attributes)


class _Reshaper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self._closers: list[tuple[str, str]] = []  # (tag, what closes it and its wrappers)

    def handle_starttag(self, tag: str, attrs: Attributes) -> None:
        if tag == "img" and not dict(attrs).get("src"):
            return
        carried = [(name, value) for name, value in attrs if name in GLOBAL]
        own = [(name, value) for name, value in attrs if name not in GLOBAL]
        if tag in RENAMED:
            classes = " ".join([RENAMED[tag]] + [value or "" for name, value in carried if name == "class"])
            others = [(name, value) for name, value in carried if name != "class"]
            opening, closing = f'<div class="{escape(classes)}"{_written(others)}>', "</div>"
        elif tag in KEEPS_ATTRIBUTES or not carried:
            opening, closing = f"<{tag}{_written(attrs)}>", f"</{tag}>"
        elif tag in NOTHING_TO_CARRY:
            opening, closing = f"<{tag}{_written(own)}>", f"</{tag}>"
        elif tag in WRAPPED_INSIDE:
            inner = WRAPPED_INSIDE[tag]
            opening = f"<{tag}{_written(own)}><{inner}{_written(carried)}>"
            closing = f"</{inner}></{tag}>"
        else:
            outer = "span" if tag in PHRASING else "div"
            opening = f"<{outer}{_written(carried)}><{tag}{_written(own)}>"
            closing = f"</{tag}></{outer}>"
        if tag in VOID:
            self.out.append(opening + closing.removeprefix(f"</{tag}>"))
        else:
            self.out.append(opening)
            self._closers.append((tag, closing))

    def handle_startendtag(self, tag: str, attrs: Attributes) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        while self._closers:
            opened, closing = self._closers.pop()
            self.out.append(closing)
            if opened == tag:
                return

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def finish(self) -> str:
        self.close()
        return "".join(self.out + [closing for _, closing in reversed(self._closers)])


def reshape(html: str) -> str:
    """Sanitized `html` in the shapes Pandoc's HTML reader keeps whole."""
    reshaper = _Reshaper()
    reshaper.feed(html)
    return reshaper.finish()

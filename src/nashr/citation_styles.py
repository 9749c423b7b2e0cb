"""The citation style each citeproc run reads, with nashr's Arabic locale for a run in Arabic.

`csl:` names a `.csl` file in the manuscript folder or one of nashr's own styles by name
(styles/csl/: `arabic-note`, Chicago-like notes and bibliography; `arabic-author-date`); without it
Pandoc's default (Chicago author-date) applies. The words a style prints come from a locale, and
Pandoc's Arabic one is thin and partly wrong («المرجع السابق» for ibid., «م» for volume, «وثق», English
role words), so a run in Arabic reads a copy of the style with nashr's locale (styles/csl/locales-ar.xml)
merged in as the style's own `<locale xml:lang="ar">`, unless the style brings an Arabic locale of its
own. The copy keeps the style's lines (the locale is added on the line where the style's `info` or
last locale ends), so Pandoc's complaints about a broken style still point at the author's file.
"""
from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from lxml import etree

from nashr.pandoc import run_pandoc
from nashr.resources import styles_dir

CSL = "http://purl.org/net/xbiblio/csl"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
BUNDLED = ("arabic-note", "arabic-author-date")


def csl_dir() -> Path:
    return styles_dir() / "csl"


def bundled_style(name: str | None) -> Path | None:
    """The file of nashr's style called `name` (`csl: arabic-note`), or None for any other value."""
    return csl_dir() / f"{name}.csl" if name in BUNDLED else None


def writes_arabic(lang: str) -> bool:
    """True for Arabic itself (ar, ar-MA …): the language nashr's locale serves."""
    return lang.split("-")[0].lower() == "ar"


def style_for_run(style: Path | None, lang: str, workdir: Path) -> Path | None:
    """The style file a citeproc run in `lang` reads: `style` (None: Pandoc's default) as it is, or for
    Arabic a copy in `workdir` with nashr's Arabic locale. A style that is not well-formed XML is left
    as it is, for Pandoc to report at its line."""
    if not writes_arabic(lang):
        return style
    try:
        text = style.read_text(encoding="utf-8-sig") if style else _default_style()
        root = etree.fromstring(text.encode("utf-8"))
    except (etree.XMLSyntaxError, OSError, UnicodeDecodeError):
        return style
    if any(locale.get(XML_LANG, "").lower().startswith("ar") for locale in root.iterchildren(f"{{{CSL}}}locale")):
        return style
    anchors = list(_LOCALE_ANCHOR.finditer(text))
    if not anchors:
        return style
    position = anchors[-1].end()
    copy = workdir / f"ar-{style.name if style else 'default.csl'}"
    copy.write_text(text[:position] + _one_line_locale() + text[position:], encoding="utf-8")
    return copy


# The end of the style's info and of each locale it brings: nashr's locale goes after the last one.
_LOCALE_ANCHOR = re.compile(r"</(?:[\w.-]+:)?(?:info|locale)\s*>")


@cache
def _one_line_locale() -> str:
    """nashr's Arabic locale as a style's `<locale xml:lang="ar">`, on one line (no line of the style moves)."""
    locale = etree.Element(f"{{{CSL}}}locale", {XML_LANG: "ar"}, nsmap={None: CSL})
    for child in arabic_locale():
        if isinstance(child.tag, str):  # not a comment
            copy = etree.fromstring(etree.tostring(child))
            for item in copy.iter():
                if item.text is not None and not item.text.strip():
                    item.text = None
                item.tail = None
            locale.append(copy)
    return etree.tostring(locale, encoding="unicode")


@cache
def arabic_locale() -> etree._Element:
    """nashr's Arabic CSL locale (styles/csl/locales-ar.xml)."""
    return etree.parse(str(csl_dir() / "locales-ar.xml")).getroot()


def locale_terms(name: str) -> list[str]:
    """Every form of the term `name` in nashr's Arabic locale (e.g. edition: الطبعة, ط)."""
    found = []
    for term in arabic_locale().iter(f"{{{CSL}}}term"):
        if term.get("name") == name:
            found += [text for text in term.itertext() if text.strip()]
    return found


@cache
def _default_style() -> str:
    """Pandoc's default style (Chicago author-date), as Pandoc prints it."""
    return run_pandoc(["--print-default-data-file", "default.csl"], "")[0]


def keeps_citation_order(style: Path | None) -> bool:
    """True when the style lists its references in the order they are first cited (a numbered style
    such as IEEE or Vancouver): then nashr must not sort them again. Pandoc's default sorts."""
    if style is None:
        return False
    try:
        root = etree.parse(str(style)).getroot()
    except (etree.XMLSyntaxError, OSError):
        return False
    bibliography = root.find(f"{{{CSL}}}bibliography")
    if bibliography is None:
        return False
    keys = bibliography.findall(f"{{{CSL}}}sort/{{{CSL}}}key")
    return not keys or any(key.get("variable") == "citation-number" for key in keys)

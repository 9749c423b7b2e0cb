"""Small lxml helpers for writing mixed content: elements, text after the last child, languages."""
from __future__ import annotations

from lxml import etree

from nashr.writers.jats.tagset import XML_LANG


def sub(parent: etree._Element, tag: str, attributes: dict[str, str] | None = None, text: str | None = None) -> etree._Element:
    """A new last child of `parent`, with `text` when given."""
    element = etree.SubElement(parent, tag, {k: v for k, v in (attributes or {}).items() if v is not None})
    if text is not None:
        element.text = text
    return element


def add_text(parent: etree._Element, text: str) -> None:
    """Append `text` to `parent`'s content, after its last child."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def language(element: etree._Element) -> str | None:
    """The language in force at `element`: its own xml:lang or its nearest ancestor's."""
    while element is not None:
        if (lang := element.get(XML_LANG)) is not None:
            return lang
        element = element.getparent()
    return None


def opened(parent: etree._Element, tag: str, lang: str | None, attributes: dict[str, str] | None = None) -> etree._Element:
    """A new child of `parent` that says its language when it differs from the one in force."""
    element = sub(parent, tag, attributes)
    if lang and lang != language(parent):
        element.set(XML_LANG, lang)
    return element

"""The page of the PDF from `layout` and `journal` metadata: trim, margins, bleed, page furniture,
and what the first page shows besides the title block (masthead, dates, DOI, licence).

The stylesheet styles/pdf.css sets the typography; this module adds what depends on the manuscript,
as CSS: the trim size and margins (inner on the spine side, outer on the other), bleed and crop marks,
running heads and page numbers on the outer edge, the first page number, the digits of page and list
numbers, and the style of note calls. In a book bound on the right (a right-to-left article, or any
article of an issue that says `journal.binding: rtl`) recto pages are left-hand pages, :left; the
first page is a recto when its number is odd, a verso when it is even.
"""
from __future__ import annotations

from nashr.diagnostics import Diagnostic
from nashr.document import Document
from nashr.labels import label
from nashr.metadata import TRIM_SIZES, Metadata
from nashr.resources import families
from nashr.vocabulary import CSS_COUNTER_STYLES, digits, in_digits, ordered_list_css
from nashr.writers.pdf.wide_tables import LANDSCAPE


def css_string(text: str) -> str:
    """`text` as a CSS string literal."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ")
    return f'"{escaped}"'


def running_heads(metadata: Metadata) -> tuple[str, str]:
    """(recto, verso) running heads: the short title, and the journal's name (else the authors' names)."""
    recto = metadata.short_title or metadata.title
    journal = metadata.journal.name if metadata.journal else None
    verso = journal or label(metadata.lang, "separator").join(a.name for a in metadata.authors if a.name)
    return recto, verso


def page_sides(metadata: Metadata) -> tuple[str, str]:
    """(recto, verso) page sides: the journal's binding decides, else the article's own direction."""
    binding = metadata.journal.binding if metadata.journal and metadata.journal.binding else metadata.direction
    return ("left", "right") if binding == "rtl" else ("right", "left")


def running_heads_too_long(document: Document, wrapped_sides: set[str]) -> list[Diagnostic]:
    """A warning for each running head that took two lines on the `wrapped_sides` pages, at the key it
    comes from, saying how to shorten it."""
    metadata = document.metadata
    recto_side, verso_side = page_sides(metadata)
    if metadata.short_title:
        recto = ("short_title",), "short_title does not fit on one line as the running head; shorten it"
    else:
        recto = ("title",), ("the title does not fit on one line as the running head of the pages after the "
                             "first; add a shorter short_title: for it")
    if metadata.journal and metadata.journal.name:
        verso = ("journal", "name"), "journal.name does not fit on one line as the running head; shorten it"
    else:
        verso = ("authors",), ("the authors' names do not fit on one line as the running head; give the "
                               "journal's name (journal: name:), which is printed there instead")
    return [Diagnostic(document.project.key_location(*key), message, "warning")
            for side, (key, message) in ((recto_side, recto), (verso_side, verso)) if side in wrapped_sides]


def page_css(metadata: Metadata) -> str:
    layout = metadata.layout
    margins = layout.margins
    counter = CSS_COUNTER_STYLES[layout.numerals]
    recto, verso = running_heads(metadata)
    recto_side, verso_side = page_sides(metadata)
    first_page = metadata.journal.first_page if metadata.journal and metadata.journal.first_page else 1
    number = f"content: counter(page, {counter});"
    rules = [
        "@page {",
        f"  size: {TRIM_SIZES.get(layout.trim, layout.trim)};",
        f"  margin-top: {margins.top}; margin-bottom: {margins.bottom};",
        # the running heads' font: margin boxes take it from the page, not from the root element
        "  font-family: {};".format(", ".join(css_string(family) for family in families(metadata.lang))),
        f"  bleed: {layout.bleed};" if layout.bleed else "",
        "  marks: crop;" if layout.crop_marks else "",
        # the notes' short rule on the start side: styles/pdf.css draws it on the right
        "  @footnote { background-position: top left; }" if metadata.direction == "ltr" else "",
        "}",
        f"@page :first {{ counter-reset: page {first_page}; }}",
        # the first page's side (WeasyPrint reads the root's break-before for it, without a blank page)
        f"html {{ break-before: {recto_side if first_page % 2 else verso_side}; }}",
        # a table too wide for the page, with wide_tables: landscape (pdf/wide_tables.py)
        f"@page {LANDSCAPE} {{ size: {' '.join(reversed(TRIM_SIZES.get(layout.trim, layout.trim).split()))}; }}",
    ]
    for side, head in ((recto_side, recto), (verso_side, verso)):
        inner, outer = ("right", "left") if side == "left" else ("left", "right")
        rules += [
            f"@page :{side} {{",
            f"  margin-{outer}: {margins.outer}; margin-{inner}: {margins.inner};",
            f"  @top-{outer} {{ {number} }}",
            f"  @top-center {{ content: {css_string(head)}; }}" if head else "",
            "}",
        ]
    rules += [
        "@page :first { @top-left { content: none; } @top-center { content: none; } @top-right { content: none; } }",
        f"html {{ font-size: {layout.body_size}; }}",
        ordered_list_css(layout.numerals),
        # the masthead's page range ends with the number of the page the article ends on
        f".last-page::after {{ content: target-counter(attr(data-target url), page, {counter}); }}",
    ]
    if layout.note_calls == "raised":  # consecutive calls apart: "³,⁴" (parentheses part them already)
        rules.append('.footnote-after-call::footnote-call { content: "," attr(data-n); }')
    if layout.note_calls == "parentheses":
        rules += ['.footnote::footnote-call { content: "(" attr(data-n) ")"; }',
                  '.footnote::footnote-marker { content: "(" attr(data-n) ") "; }']
    return "\n".join(rule for rule in rules if rule)


def masthead(metadata: Metadata) -> dict:
    """What the first page shows besides the title block: journal, issue, dates, DOI, licence. Its
    numbers (volume, issue, year, pages, dates) are written in the article's digits, like every number
    nashr prints; the ISSN and DOI are identifiers and keep theirs."""
    lang, journal, numerals = metadata.lang, metadata.journal, metadata.layout.numerals
    issue_parts = []
    if journal:
        for name, value in (("volume", journal.volume), ("issue", journal.issue)):
            if value:
                issue_parts.append(f"{label(lang, name)} {in_digits(value, numerals)}")
        if journal.year:
            issue_parts.append(digits(journal.year, numerals))
    dates = [(label(lang, name), in_digits(getattr(metadata.dates, name).isoformat(), numerals))
             for name in ("received", "accepted", "published")
             if metadata.dates and getattr(metadata.dates, name)]
    first_page = journal.first_page if journal and journal.first_page else 1
    return {
        "journal": journal,
        "issue_parts": issue_parts,
        "pages_label": label(lang, "pages"),
        "first_page": digits(first_page, numerals),
        "dates": dates,
        "license_label": label(lang, "license"),
    }

"""The typed schema of `manuscript.yaml` and its validation.

Each dataclass field is one metadata key. Validation walks the YAML node tree so every problem names
its line and key path (`authors[0].orcid`), collects all problems before stopping, and suggests the
nearest known key for an unknown one.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from nashr.diagnostics import Collector, Location
from nashr.yamlnodes import line_of, scalar_value

RTL_LANGUAGES = {"ar", "fa", "ur", "he", "yi", "ps", "sd", "ug", "ckb", "dv", "syr", "ku-Arab", "arc"}
PERSIAN_DIGIT_LANGUAGES = {"fa", "ur"}
MASHRIQ = {"eg", "sd", "sa", "ye", "om", "ae", "qa", "bh", "kw", "iq", "sy", "jo", "lb", "ps"}  # countries printing ٠-٩
RTL_SCRIPTS = {"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"}

Check = Callable[[Any], str | None]


def _pattern(regex: str, what: str) -> Check:
    compiled = re.compile(regex)

    def check(value: Any) -> str | None:
        return None if compiled.fullmatch(str(value)) else what

    return check


def _iso7064_ok(digits: str) -> bool:
    """ORCID check digit (ISO 7064 MOD 11-2)."""
    total = 0
    for ch in digits[:-1]:
        total = (total + int(ch)) * 2
    check = (12 - total % 11) % 11
    return digits[-1] == ("X" if check == 10 else str(check))


def _check_orcid(value: Any) -> str | None:
    text = str(value)
    if not re.fullmatch(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]", text):
        return "an ORCID iD is written 0000-0002-1825-0097 (four groups of four digits, without the https://orcid.org/ prefix)"
    if not _iso7064_ok(text.replace("-", "")):
        return f"ORCID iD {text} has a wrong check digit; copy it again from the author's ORCID record"
    return None


def _check_issn(value: Any) -> str | None:
    text = str(value)
    if not re.fullmatch(r"\d{4}-\d{3}[\dX]", text):
        return "an ISSN is written 1234-5679 (two groups of four, the last may be X)"
    digits = text.replace("-", "")
    total = sum((8 - i) * int(d) for i, d in enumerate(digits[:7]))
    check = (11 - total % 11) % 11
    if digits[7] != ("X" if check == 10 else str(check)):
        return f"ISSN {text} has a wrong check digit"
    return None


def _check_date(value: Any) -> str | None:
    if isinstance(value, dt.date):
        return None
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return "a date is written YYYY-MM-DD, e.g. 2024-03-15"
    return None


def _check_lang(value: Any) -> str | None:
    if re.fullmatch(r"[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*", str(value)):
        return None
    return "a language is a BCP 47 tag such as ar, ar-MA, fa, he or en"


def _one_of(*choices: str) -> Check:
    def check(value: Any) -> str | None:
        return None if value in choices else f"must be one of: {', '.join(choices)}"

    return check


def _check_relative_path(value: Any) -> str | None:
    text = str(value)
    if text.startswith(("/", "\\")) or re.match(r"^[a-zA-Z]:", text) or ".." in Path(text).parts:
        return "content files are paths inside the manuscript folder, relative to it (no '/' at the start, no '..')"
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", text):
        return "content files are local paths inside the manuscript folder, not URLs"
    return None


def key(doc: str, check: Check | None = None, default: Any = None, required: bool = False) -> Any:
    """A schema field: `doc` explains the key, `check` validates a present value."""
    meta = {"doc": doc, "check": check, "required": required}
    if isinstance(default, (list, dict)):
        return field(default_factory=lambda: type(default)(default), metadata=meta)
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class Author:
    name: str | None = key("Full name as printed; may be omitted when the source gives none.")
    role: str | None = key("Position or role, e.g. باحث في سلك دكتوراه.")
    affiliation: str | None = key("University, laboratory or institution.")
    country: str | None = key("Country of the affiliation.")
    email: str | None = key("Contact e-mail.", _pattern(r"[^@\s]+@[^@\s]+\.[^@\s]+", "an e-mail address looks like name@example.org"))
    orcid: str | None = key("ORCID iD, e.g. 0000-0002-1825-0097.", _check_orcid)


@dataclass(frozen=True)
class Destination:
    journal: str = key("Name of the journal the MECA package goes to.", required=True)
    provider: str | None = key("Its manuscript system (MECA service provider), e.g. Editorial Manager.")


@dataclass(frozen=True)
class Journal:
    name: str | None = key("Journal name for the masthead and running heads.")
    issn: str | None = key("ISSN, e.g. 2658-0829.", _check_issn)
    publisher: str | None = key("Publisher's name (JATS journal-meta).")
    volume: str | None = key("Volume number or label.")
    issue: str | None = key("Issue number or label.")
    year: int | None = key("Year of the issue.", _pattern(r"\d{4}", "a year has four digits"))
    first_page: int | None = key("Page number of the article's first page within the issue.",
                                 lambda v: None if v >= 1 else "the first page is 1 or more")
    binding: str | None = key("Which side the issue is bound on: rtl (spine on the right, an Arabic, Persian or "
                              "Hebrew journal) or ltr; an article's recto pages, margins and page numbers follow "
                              "it, so an English article in an Arabic issue turns like its pages. Default: the "
                              "article's own direction.", _one_of("rtl", "ltr"))
    destination: Destination | None = key("Where the MECA package is sent (its transfer.xml): journal and "
                                          "provider.")


def _check_journal(journal: Journal) -> str | None:
    if journal.destination and not journal.name:
        return "a MECA transfer (destination:) names the journal that sends it too; add journal.name"
    return None


@dataclass(frozen=True)
class Dates:
    received: dt.date | None = key("Date the submission was received (YYYY-MM-DD).", _check_date)
    accepted: dt.date | None = key("Date it was accepted (YYYY-MM-DD).", _check_date)
    published: dt.date | None = key("Date it was published (YYYY-MM-DD).", _check_date)


_LENGTH = r"\d+(?:\.\d+)?(?:mm|cm|in|pt|pc|px)"
_check_length = _pattern(_LENGTH, "a length is a number with a unit: 22mm, 2.5cm, 1in, 12pt")
TRIM_SIZES = {"A4": "210mm 297mm", "A5": "148mm 210mm", "B5": "176mm 250mm", "17x24cm": "170mm 240mm",
              "letter": "8.5in 11in"}
PDF_STANDARDS = ("pdf/a-3b", "pdf/a-2b", "pdf/a-1b", "pdf/a-3u", "pdf/a-2u", "pdf/a-3a", "pdf/a-2a",
                 "pdf/ua-1", "none")


def _check_trim(value: Any) -> str | None:
    if str(value) in TRIM_SIZES or re.fullmatch(rf"{_LENGTH} {_LENGTH}", str(value)):
        return None
    return f"a trim size is {', '.join(TRIM_SIZES)}, or a width and height such as '160mm 240mm'"


@dataclass(frozen=True)
class Margins:
    top: str = key("Top margin (running heads sit in it).", _check_length, default="25mm")
    bottom: str = key("Bottom margin.", _check_length, default="24mm")
    inner: str = key("Margin on the spine side.", _check_length, default="22mm")
    outer: str = key("Margin on the outer side (page numbers sit there).", _check_length, default="22mm")


@dataclass(frozen=True)
class Layout:
    trim: str = key("Trim size: A4, A5, B5, 17x24cm, letter, or 'WIDTH HEIGHT' such as '160mm 240mm'.",
                    _check_trim, default="A4")
    margins: Margins = key("Page margins: top, bottom, inner, outer.", default=Margins())
    body_size: str = key("Body text size, e.g. 12.5pt.", _check_length, default="12.5pt")
    bleed: str | None = key("Bleed beyond the trim for the printer, e.g. 3mm.", _check_length)
    crop_marks: bool = key("Print crop marks outside the trim (true/false).", default=False)
    note_numbering: str = key("continuous (1..N through the article) or per-page (1 on every page).",
                              _one_of("continuous", "per-page"), default="continuous")
    note_calls: str = key("raised (¹) or parentheses (raised, in parentheses: ⁽¹⁾).",
                          _one_of("raised", "parentheses"), default="raised")
    numerals: str | None = key("Digits of the numbers nashr generates: western, arabic-indic or persian; "
                               "derived from lang when absent (persian for fa and ur, arabic-indic for Arabic "
                               "of a Mashriq country such as ar-EG, else western).",
                               _one_of("western", "arabic-indic", "persian"))
    wide_tables: str = key("A table too wide for the page: shrink (its Latin words hyphenated, then its text set "
                           "smaller) or landscape (hyphenated, then on a page of its own turned landscape, "
                           "and smaller only if it still does not fit).",
                           _one_of("shrink", "landscape"), default="shrink")
    docx_justify: bool = key("Justify the DOCX's body text, abstracts, quotes and notes like the PDF's (w:jc both: "
                             "Word widens the spaces; LibreOffice stretches Arabic with kashidas, and the PDF it "
                             "exports then gives words back in pieces); false sets them ragged, aligned to the start.",
                             default=True)
    pdf_standard: str = key("PDF standard to meet: pdf/a-3b (default), pdf/a-2b, pdf/a-1b, pdf/a-3u, "
                            "pdf/a-2u, pdf/a-3a, pdf/a-2a, pdf/ua-1 or none.",
                            _one_of(*PDF_STANDARDS), default="pdf/a-3b")


JATS_VERSIONS = ("1.4", "1.3")


@dataclass(frozen=True)
class Jats:
    version: str = key("JATS version of the XML: 1.4 (default) or 1.3, for archives that take only 1.3.",
                       _one_of(*JATS_VERSIONS), default="1.4")
    article_type: str = key("JATS article-type, e.g. research-article (default), review-article, editorial.",
                            _pattern(r"[a-z][a-z-]*", "an article type is written in lower case with '-', "
                                                      "e.g. research-article"), default="research-article")


@dataclass(frozen=True)
class Metadata:
    title: str = key("Article title.", required=True)
    lang: str = key("Main language, a BCP 47 tag: ar, ar-MA, fa, ur, he, en …", _check_lang, required=True)
    contents: list[str] = key("Ordered list of Markdown files, relative to the manuscript folder.",
                              _check_relative_path, default=[], required=True)
    slug: str | None = key("File name of the outputs (dist/<slug>.pdf); defaults to the folder name.",
                           _pattern(r"[A-Za-z0-9][A-Za-z0-9._-]*", "a slug uses Latin letters, digits, '.', '_' and '-' only"))
    short_title: str | None = key("Short title for running heads.")
    subtitle: str | None = key("Subtitle.")
    translated_titles: dict[str, str] = key("The title in other languages, by language, e.g. en: … (JATS "
                                            "trans-title).", default={})
    dir: str | None = key("Text direction, rtl or ltr; derived from lang when absent.", _one_of("rtl", "ltr"))
    authors: list[Author] = key("Authors in order.", default=[])
    abstract: dict[str, str] = key("Abstracts by language (Markdown), e.g. ar: … en: …", default={})
    keywords: dict[str, list[str]] = key("Keywords by language.", default={})
    journal: Journal | None = key("Journal, volume and pages for the masthead.", _check_journal)
    doi: str | None = key("DOI, e.g. 10.34752/2022-e279 (without https://doi.org/).",
                          _pattern(r"10\.\d{4,9}/\S+", "a DOI starts with 10. and a registrant code, e.g. 10.34752/2022-e279, without https://doi.org/"))
    dates: Dates | None = key("Received, accepted and published dates.")
    license: str | None = key("Licence statement or SPDX identifier, e.g. CC-BY-4.0.")
    layout: Layout = key("Page layout and print options of the PDF (see docs/configuration.md).", default=Layout())
    jats: Jats = key("Options of the JATS XML: version, article_type (see docs/jats.md).", default=Jats())
    bibliography: str | list[str] = key("Bibliography file or files (.bib, .json, .yaml, .ris …) inside the "
                                        "manuscript folder, for citations [@key].", default=[])
    csl: str | None = key("Citation style: a .csl file inside the manuscript folder, or nashr's arabic-note or "
                          "arabic-author-date (default: Chicago author-date).")
    citation_lang: str | None = key("The language whose words (and, edited by, p.) the citations and entries of "
                                    "sources in the other script take: in a right-to-left article those of "
                                    "Latin-script sources, default en; in a left-to-right one, a right-to-left "
                                    "language such as ar gives Arabic sources Arabic words.", _check_lang)
    bibliography_layout: str | None = key("single (one reference list) or split (the sources in the article's script, "
                                          "then the others, each under its own heading); default split for an Arabic "
                                          "article, else single.", _one_of("single", "split"))

    @property
    def bibliographies(self) -> list[str]:
        """`bibliography` as a list, whether one path or several were given."""
        return [self.bibliography] if isinstance(self.bibliography, str) else list(self.bibliography)

    def __post_init__(self) -> None:
        if self.layout.numerals is None and self.lang:  # frozen: set once, so every reader sees the article's digits
            layout = dataclasses.replace(self.layout, numerals=numerals_of(self.lang))
            object.__setattr__(self, "layout", layout)

    @property
    def direction(self) -> str:
        return self.dir or direction_of(self.lang)

    @property
    def split_references(self) -> bool:
        """Whether the reference list is split by script (`bibliography_layout`, split by default in Arabic)."""
        layout = self.bibliography_layout or ("split" if self.lang.split("-")[0].lower() == "ar" else "single")
        return layout == "split"


def numerals_of(lang: str) -> str:
    """The digits a reader of `lang` expects in generated numbers: Persian and Urdu texts write
    ۰-۹ (Urdu draws ۴ ۶ ۷ in its own shapes from the same characters); Arabic journals differ —
    the Mashriq prints ٠-٩, the Maghreb 0-9 — so Arabic with a Mashriq country (ar-EG, ar-SA …) gets
    ٠-٩ and plain `ar`, like Hebrew and Latin-script languages, keeps 0-9."""
    primary, *subtags = lang.lower().split("-")
    if primary in PERSIAN_DIGIT_LANGUAGES:
        return "persian"
    if primary == "ar" and MASHRIQ & set(subtags):
        return "arabic-indic"
    return "western"


def direction_of(lang: str) -> str:
    """rtl for languages and scripts written right-to-left (ar, fa, ur, he, …, or an -Arab/-Hebr script)."""
    parts = lang.split("-")
    if any(p.lower() in RTL_SCRIPTS for p in parts[1:]):
        return "rtl"
    return "rtl" if parts[0].lower() in RTL_LANGUAGES else "ltr"


def validate(root: yaml.Node | None, path: Path, single_file: bool = False) -> tuple[Metadata | None, Collector]:
    """Check the YAML tree against the schema; return the metadata (None if invalid) and all problems.
    The front matter of a `single_file` manuscript is its own content: it has no `contents` key."""
    where = "the front matter" if single_file else "manuscript.yaml"
    if single_file and isinstance(root, yaml.MappingNode):
        problems = Collector()
        ctx = _Context(path, problems, optional={"contents"})
        for key_node, _ in root.value:
            if getattr(key_node, "value", None) == "contents":
                ctx.error(key_node, "contents", "a Markdown file built on its own is its own content; delete this "
                          "key (to build several files, put these keys in a manuscript.yaml beside them)")
        value = _convert(Metadata, root, "", ctx)
        return (value if not problems.diagnostics else None), problems
    return validate_as(Metadata, root, path, "title:, lang: …", where)


def validate_as(schema: type, root: yaml.Node | None, path: Path, example_keys: str,
                where: str | None = None) -> tuple[Any, Collector]:
    """Check a YAML tree against any schema dataclass written with `key` (manuscript.yaml, issue.yaml)."""
    problems = Collector()
    if not isinstance(root, yaml.MappingNode):
        line = line_of(root) if root is not None else 1
        problems.error(Location(path, line), f"{where or path.name} must be a mapping of keys ({example_keys})")
        return None, problems
    value = _convert(schema, root, "", _Context(path, problems))
    return (value if not problems.diagnostics else None), problems


@dataclass
class _Context:
    path: Path
    problems: Collector
    optional: set[str] = field(default_factory=set)  # required keys this manuscript may leave out

    def error(self, node: yaml.Node, key_path: str, message: str) -> None:
        prefix = f"{key_path}: " if key_path else ""
        self.problems.error(Location(self.path, line_of(node)), prefix + message)


def _convert(tp: Any, node: yaml.Node, key_path: str, ctx: _Context) -> Any:
    """Convert a node to the annotated type `tp`, reporting mismatches at the node's line."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
            return None
        lists = [a for a in options if typing.get_origin(a) is list]  # `one | list[one]`: a list when written as one
        return _convert(lists[0] if lists and isinstance(node, yaml.SequenceNode) else options[0], node, key_path, ctx)
    if dataclasses.is_dataclass(tp):
        return _convert_dataclass(tp, node, key_path, ctx)
    if origin is list:
        (item_type,) = typing.get_args(tp)
        if not isinstance(node, yaml.SequenceNode):
            if item_type is str and isinstance(node, yaml.ScalarNode):
                ctx.error(node, key_path, "expected a list; write each item on its own line starting with '- '")
            else:
                ctx.error(node, key_path, "expected a list (items starting with '- ')")
            return []
        return [_convert(item_type, item, f"{key_path}[{i}]", ctx) for i, item in enumerate(node.value)]
    if origin is dict:
        _, value_type = typing.get_args(tp)
        if not isinstance(node, yaml.MappingNode):
            ctx.error(node, key_path, "expected a mapping of language to value, e.g.\n  ar: …\n  en: …")
            return {}
        result = {}
        for key_node, value_node in node.value:
            lang = str(scalar_value(key_node)) if isinstance(key_node, yaml.ScalarNode) else ""
            if _check_lang(lang):
                ctx.error(key_node, f"{key_path}.{lang}", "keys here are language tags such as ar, en, fr")
                continue
            result[lang] = _convert(value_type, value_node, f"{key_path}.{lang}", ctx)
        return result
    return _convert_scalar(tp, node, key_path, ctx)


def _convert_scalar(tp: Any, node: yaml.Node, key_path: str, ctx: _Context) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        ctx.error(node, key_path, f"expected a single value ({_type_name(tp)}), not a list or mapping")
        return None
    value = scalar_value(node)
    if tp is str:
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return str(value)
        ctx.error(node, key_path, "expected text; put it in quotes if it looks like a number, date or yes/no")
        return None
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        ctx.error(node, key_path, "expected a whole number")
        return None
    if tp is bool:
        if isinstance(value, bool):
            return value
        ctx.error(node, key_path, "expected true or false")
        return None
    if tp is dt.date:
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and not _check_date(value):
            return dt.date.fromisoformat(value)
        return value  # the field's check reports the format
    raise TypeError(f"unsupported schema type {tp!r}")  # a bug in the schema, not in the manuscript


def _convert_dataclass(tp: Any, node: yaml.Node, key_path: str, ctx: _Context) -> Any:
    if not isinstance(node, yaml.MappingNode):
        ctx.error(node, key_path, f"expected a mapping with keys such as {', '.join(f.name for f in dataclasses.fields(tp)[:3])}")
        return None
    fields = {f.name: f for f in dataclasses.fields(tp)}
    hints = typing.get_type_hints(tp)
    values: dict[str, Any] = {}
    seen: dict[str, yaml.Node] = {}
    for key_node, value_node in node.value:
        name = str(scalar_value(key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
        child_path = f"{key_path}.{name}" if key_path else name
        if name in seen:
            ctx.error(key_node, child_path, f"key given twice (first on line {line_of(seen[name])}); keep one")
            continue
        seen[name] = key_node
        if name not in fields:
            hint = difflib.get_close_matches(name, list(fields), n=1)
            suggestion = f"; did you mean '{hint[0]}'?" if hint else f"; known keys: {', '.join(fields)}"
            ctx.error(key_node, child_path, f"unknown key '{name}'{suggestion}")
            continue
        value = _convert(hints[name], value_node, child_path, ctx)
        check = fields[name].metadata.get("check")
        if check is not None and value is not None:
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                message = check(item) if item is not None else None
                if message:
                    where = value_node.value[index] if isinstance(value, list) else value_node
                    suffix = f"[{index}]" if isinstance(value, list) else ""
                    ctx.error(where, child_path + suffix, message)
        values[name] = value
    for name, spec in fields.items():
        if spec.metadata.get("required") and name not in ctx.optional and (name not in values or values[name] in (None, [], "")):
            where = f"{key_path}.{name}" if key_path else name
            ctx.problems.error(Location(ctx.path, line_of(node)),
                               f"{where}: required key is missing or empty; add '{name}:' ({spec.metadata['doc']})")
    try:
        return tp(**{k: v for k, v in values.items() if v is not None})
    except TypeError:
        return None


def _type_name(tp: Any) -> str:
    return {str: "text", int: "a whole number", bool: "true or false", dt.date: "a date"}.get(tp, getattr(tp, "__name__", str(tp)))


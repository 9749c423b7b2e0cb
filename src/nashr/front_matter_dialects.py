"""Front matter written for Pandoc, Quarto, R Markdown, Jekyll or Hugo, read as nashr's keys.

Why: a Markdown file from the wild — a blog post, a Pandoc or Quarto paper — comes with the front
matter of the tool it was written for (`author: …`, `date: …`, `abstract: "…"`, `keywords: [a, b]`,
`layout: post`, `toc: true`), or with none. Refusing each of those keys would refuse the document;
guessing silently would hide what nashr made of it. So, as the Markdown dialects are rewritten before
Pandoc reads a file (dialects.py), the YAML tree is rewritten before it is validated, and each
rewrite the author may want to check is a warning at its line:

- `author` (a name, a list of names, or Pandoc/Quarto author mappings) becomes `authors`, each with
  name, role, affiliation, country, email and ORCID (`affiliations` joined, an ORCID URL cut to its iD);
  an author's keys nashr has no place for are left out, with a warning;
- `abstract` as one text, and `keywords` as a list (or a text of comma-separated words), are taken to
  be in the article's language;
- `date` becomes `dates.published` when it starts with a date (YYYY-MM-DD), else it is left out;
- `lang`, when missing, is read from the text's letters (Arabic, Persian, Urdu, Hebrew, else English);
  `title`, when missing, is a level-1 heading (`# Title`, or a line over `===`) that opens the text
  (after blank lines and HTML tags at most), which in a single file then leaves the text (as Pandoc's `--shift-heading-level-by=-1` does), else the
  file's name;
- `language` or `locale` stands for a missing `lang`;
- the settings of those tools that mean nothing to nashr (`toc`, `format`, `layout: post`, `tags` …)
  are left out, each with a warning; so is, in a single file's front matter, a key a site made up
  (`hijri:`). A key close to one of nashr's is still an error, with that key suggested: it is most
  likely a typo.

Every node keeps the position it was written at, so later messages still name their line.
"""
from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass
import re
from collections import Counter
from pathlib import Path

import yaml

from nashr.diagnostics import Diagnostic, Location
from nashr.metadata import Metadata
from nashr.yamlnodes import line_of, scalar_value

STR, SEQ, MAP = "tag:yaml.org,2002:str", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"

# Settings of Pandoc, Quarto, R Markdown, Jekyll and Hugo that say how their own outputs look or where a
# site files a page: nashr has its own layout, so they are left out (with a warning) rather than refused.
OTHER_TOOLS = frozenset("""
    toc toc-depth toc-title toc-location number-sections numbersections number-depth format output
    documentclass classoption geometry fontsize mainfont sansfont monofont mathfont CJKmainfont fontfamily
    linestretch papersize margin-left margin-right margin-top margin-bottom header-includes
    include-before include-after include-in-header link-citations linkcolor urlcolor citecolor colorlinks
    reference-section-title nocite suppress-bibliography citation citation-style editor jupyter execute
    engine knitr params draft categories category tags description permalink image featured_image
    excerpt comments published weight menu aliases type summary series pagetitle title-prefix
    author-meta title-meta date-modified date-format lastmod sidebar theme css highlight-style
    code-fold fig-cap-location crossref filters lof lot thanks institute subject hide redirect_from
    last_modified_at url status cover-image rights identifier publisher creator contributor
    title-block-banner title-block-style page-layout reference-location citation-location
    bibliographystyle biblio-style natbiboptions biblatexoptions cite-method lightbox
    mermaid-format hyperrefoptions indent secnumdepth pdf-engine
""".split())
KEYS = [field.name for field in dataclasses.fields(Metadata)]
AUTHOR_KEYS = ("name", "role", "affiliation", "country", "email", "orcid")
_ISO_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_HEADING = re.compile(r"^# +(.+?)(?: +#+)? *$|^(\S.*)\n=+ *$", re.MULTILINE)  # "# Title", or Title over ===
_TAGS = re.compile(r"<!--.*?-->|<[^>\n]*>", re.DOTALL)  # what may come before a heading that is the title
_URDU_LETTERS = set("ٹڈڑںےۓ")
_PERSIAN_LETTERS = set("پچژگکی")


@dataclass(frozen=True)
class Adapted:
    tree: yaml.Node
    warnings: list[Diagnostic]
    title_heading: int = 0  # in a single file, the line of the heading taken as the title (0: none)


def adapt(tree: yaml.Node | None, path: Path, body: str, single_file: bool = False) -> Adapted:
    """The tree with other tools' keys read as nashr's (`body`, the manuscript's text, names the
    language and title when they are missing), and a warning for each rewrite worth checking. In a
    `single_file`'s front matter, which a site may fill with keys of its own (`hijri:`, `group1:`), a
    key that is neither nashr's nor close to one is left out with a warning instead of refused."""
    warnings: list[Diagnostic] = []
    if tree is None:
        tree = yaml.MappingNode(MAP, [], _mark(1), _mark(1))
    if not isinstance(tree, yaml.MappingNode):
        return Adapted(tree, warnings)  # validation says what the metadata must be
    pairs: list[tuple[yaml.Node, yaml.Node]] = []
    names = [getattr(key, "value", None) for key, _ in tree.value]

    def warn(node: yaml.Node, message: str) -> None:
        warnings.append(Diagnostic(Location(path, line_of(node)), message, "warning"))

    for key, value in tree.value:
        name = getattr(key, "value", None)
        if name == "author" and "authors" not in names:
            pairs.append((_scalar("authors", key), _authors(value, warn)))
        elif name == "authors" and isinstance(value, (yaml.SequenceNode, yaml.ScalarNode)):
            pairs.append((key, _authors(value, warn)))
        elif name == "date" and "dates" not in names:
            dates = _dates(value, warn)
            if dates is not None:
                pairs.append((_scalar("dates", key), dates))
        elif name == "layout" and isinstance(value, yaml.ScalarNode):
            warn(key, f"layout: '{value.value}' is a site's page layout (Jekyll, Hugo), not nashr's page "
                      "layout: left out")
        elif name in ("language", "locale") and "lang" not in names and isinstance(value, yaml.ScalarNode):
            pairs.append((_scalar("lang", key), value))
        elif name in OTHER_TOOLS or name in ("date", "language", "locale"):
            warn(key, f"{name}: a setting of Pandoc, Quarto or a site generator that nashr does not use: left out")
        elif single_file and name not in KEYS and not difflib.get_close_matches(str(name), KEYS, n=1):
            warn(key, f"{name}: not one of nashr's keys (docs/configuration.md lists them): left out")
        else:
            pairs.append((key, value))
    lang = _value(pairs, "lang")
    if lang is None:
        guessed = guess_language(body + "\n" + _text_of(_value(pairs, "title")))
        warn(tree, f"lang: not given; the text reads as '{guessed}', which is used: add 'lang: {guessed}' "
                   "(a BCP 47 tag such as ar, fa, ur, he, en) to be sure")
        pairs.append((_scalar("lang", tree), _scalar(guessed, tree)))
        lang = pairs[-1][1]
    title_heading = 0
    if _value(pairs, "title") is None:
        heading = _HEADING.search(body)
        if heading and _TAGS.sub("", body[:heading.start()]).strip():
            heading = None  # a heading after the text has begun opens a section, it names no document
        title = (heading[1] or heading[2]).strip() if heading else path.stem
        if heading and single_file:  # the heading becomes the title, at its line, and leaves the text
            title_heading = body.count("\n", 0, heading.start()) + 1
            warn(tree, f"title: not given; the heading '{title}' on line {title_heading} is the title: "
                       "add 'title: …' to choose it")
        else:
            warn(tree, f"title: not given; '{title}' is used: add 'title: …' to choose the title")
        at = yaml.ScalarNode(STR, "", _mark(title_heading), _mark(title_heading)) if title_heading else tree
        pairs.append((_scalar("title", at), _scalar(title, at)))
    language = str(getattr(lang, "value", "en"))
    pairs = [(key, _in_language(key, value, language)) for key, value in pairs]
    return Adapted(yaml.MappingNode(MAP, pairs, tree.start_mark, tree.end_mark), warnings, title_heading)


def guess_language(text: str) -> str:
    """The language the letters of `text` are most likely in: Hebrew, or Arabic script told apart by
    the letters only Urdu or only Persian write, else English."""
    letters = Counter("hebrew" if "\u0590" <= ch <= "\u05ff" else "arabic" if "\u0600" <= ch <= "\u06ff"
                      else "latin" if ch.isalpha() and ch.isascii() else "" for ch in text)
    del letters[""]
    if not letters:
        return "en"
    script = letters.most_common(1)[0][0]
    if script == "hebrew":
        return "he"
    if script == "arabic":
        urdu, persian = sum(text.count(ch) for ch in _URDU_LETTERS), sum(text.count(ch) for ch in _PERSIAN_LETTERS)
        return "ur" if urdu > 2 else "fa" if persian > 2 else "ar"
    return "en"


def _authors(value: yaml.Node, warn) -> yaml.Node:
    """Authors as nashr's list of mappings, from a name, a list of names or of Pandoc/Quarto mappings."""
    items = value.value if isinstance(value, yaml.SequenceNode) else [value]
    return yaml.SequenceNode(SEQ, [_author(item, warn) for item in items], value.start_mark, value.end_mark)


def _author(item: yaml.Node, warn) -> yaml.Node:
    if isinstance(item, yaml.ScalarNode):
        return yaml.MappingNode(MAP, [(_scalar("name", item), item)], item.start_mark, item.end_mark)
    if not isinstance(item, yaml.MappingNode):
        return item  # validation reports it
    pairs = []
    for key, value in item.value:
        name = {"affiliations": "affiliation", "roles": "role"}.get(key.value, key.value)
        if name == "name" and isinstance(value, yaml.MappingNode):  # Quarto/CSL: given, family, literal
            value = _scalar(_full_name(value), value)
        elif name in ("affiliation", "role") and not isinstance(value, yaml.ScalarNode):
            value = _scalar("; ".join(_texts(value)), value)
        elif name == "orcid" and isinstance(value, yaml.ScalarNode):
            value = _scalar(re.sub(r"^https?://orcid\.org/", "", str(value.value)), value)
        if name in AUTHOR_KEYS:
            pairs.append((_scalar(name, key), value))
        else:
            warn(key, f"{key.value}: an author's key nashr has no place for: left out "
                      f"(an author has {', '.join(AUTHOR_KEYS)})")
    return yaml.MappingNode(MAP, pairs, item.start_mark, item.end_mark)


def _full_name(node: yaml.MappingNode) -> str:
    parts = {key.value: str(value.value) for key, value in node.value if isinstance(value, yaml.ScalarNode)}
    return parts.get("literal") or " ".join(parts[part] for part in ("given", "dropping-particle",
                                                                      "non-dropping-particle", "family") if part in parts)


def _texts(node: yaml.Node) -> list[str]:
    """The texts of a list of names or of mappings with a `name` (Quarto's affiliations)."""
    if isinstance(node, yaml.ScalarNode):
        return [str(node.value)]
    if isinstance(node, yaml.SequenceNode):
        return [text for item in node.value for text in _texts(item)]
    if isinstance(node, yaml.MappingNode):
        found = {key.value: value for key, value in node.value}
        return _texts(found["name"]) if "name" in found else []
    return []


def _dates(value: yaml.Node, warn) -> yaml.Node | None:
    """`date: 2019-05-01` (or a date and time) as `dates: {published: 2019-05-01}`."""
    text = str(scalar_value(value)) if isinstance(value, yaml.ScalarNode) else ""
    found = _ISO_DATE.match(text)
    if not found:
        warn(value, f"date: '{text}' is not a date nashr can read: left out; write dates: published: YYYY-MM-DD")
        return None
    return yaml.MappingNode(MAP, [(_scalar("published", value), _scalar(found[1], value))],
                            value.start_mark, value.end_mark)


def _in_language(key: yaml.Node, value: yaml.Node, lang: str) -> yaml.Node:
    """An abstract given as one text, or keywords as a list or comma-separated text, in `lang`."""
    if key.value == "abstract" and isinstance(value, yaml.ScalarNode) and value.value:
        return yaml.MappingNode(MAP, [(_scalar(lang, value), value)], value.start_mark, value.end_mark)
    if key.value == "keywords" and isinstance(value, yaml.ScalarNode) and value.value:
        words = [word.strip() for word in re.split("[,،]", str(value.value)) if word.strip()]
        value = yaml.SequenceNode(SEQ, [_scalar(word, value) for word in words], value.start_mark, value.end_mark)
    if key.value == "keywords" and isinstance(value, yaml.SequenceNode):
        return yaml.MappingNode(MAP, [(_scalar(lang, value), value)], value.start_mark, value.end_mark)
    return value


def _value(pairs: list[tuple[yaml.Node, yaml.Node]], name: str) -> yaml.Node | None:
    return next((value for key, value in pairs if getattr(key, "value", None) == name), None)


def _text_of(node: yaml.Node | None) -> str:
    return str(node.value) if isinstance(node, yaml.ScalarNode) else ""


def _scalar(text: str, at: yaml.Node) -> yaml.ScalarNode:
    """A text node placed where `at` was written."""
    return yaml.ScalarNode(STR, text, at.start_mark, at.end_mark)


def _mark(line: int) -> yaml.Mark:
    return yaml.Mark("", 0, line - 1, 0, None, None)

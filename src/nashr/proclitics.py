"""References glued to an Arabic proclitic: «و@tbl:grid», «ب@fig:map», «و[@jahiz1965]», «ول@fig:x».

Arabic writes the conjunctions و and ف and the prepositions ب, ل and ك (alone or a conjunction then a
preposition: وب, ول, فب …) as one word with what follows, so an author glues them to a reference. Pandoc
never starts a citation right after a letter: it reads «و@tbl:grid» as an e-mail address (a `mailto:`
link) or as plain text, and the reference is lost without a word. So, before Pandoc reads a file,
`mark` puts an invisible noncharacter between such a proclitic and its `@`, which Pandoc does not count
as a letter; after, `attach` removes every mark (from code, links, anything it landed in) and sets each
proclitic glued to a citation apart in a Span. `[@key]` needs no mark: Pandoc already reads «و[@key]»
as the letter and then the citation. Once citations and cross-references are resolved, `join_proclitics`
writes the proclitic into the first word of what the reference became — «وجدول 1», «بشكل 2»,
«للجاحظ (1965)» (ل before ال drops the alif, as Arabic spells it) — inside the same link or citation,
so the letters join across it in every format, and a link covers the whole word. A glued reference
is thus resolved, and reported when unknown, as any other; a figure or table reference glued to any
other word («الجدول@tbl:grid») is a warning at its line (`stray_references`), not silently text.
"""
from __future__ import annotations

import re
from pathlib import Path

from nashr.ast import Node, has_class, map_lists, node, span, walk
from nashr.diagnostics import Diagnostic, Location
from nashr.document import Document

MARK = "\ufdd0"  # a noncharacter: never in a manuscript, not a letter to Pandoc
CLASS = "nashr-proclitic"
_HARAKAT = "\u064b-\u065f\u0670"
_LETTER = rf"[{_HARAKAT}]*"
PROCLITIC = rf"(?:[وف]{_LETTER}(?:[بلك]{_LETTER})?|[بلك]{_LETTER})"
# In the source: a proclitic that starts a word (after a space, an opening bracket or quote, an
# emphasis mark, or at the start of a line) followed by `@` and a citation key.
_GLUED = re.compile(rf"(?<![^\s(«\"“‘'*_~]){PROCLITIC}(?=@[\w{{])")
# In the AST: a Str ending with a proclitic that is a whole word, right before a citation.
_ENDS_WITH = re.compile(rf"(?<![\w{_HARAKAT}\u0640]){PROCLITIC}$")
# In the source: a figure or table reference glued to a word (a proclitic or not).
_GLUED_TO_WORD = re.compile(r"(?<![\w@/:.#-])([^\W\d_][\w\u064b-\u065f\u0670\u0640]*)@((?:fig|tbl):\w[\w:.-]*)")


def mark(text: str) -> str:
    """`text` with a mark between each word-initial proclitic and the `@` glued to it."""
    return _GLUED.sub(lambda match: match.group() + MARK, text)


def unmarked_column(marked: str, line: int, column: int) -> int:
    """The column in the author's text of `column` (1-based) on `line` of `mark`'s output."""
    lines = marked.split("\n")
    return column - lines[line - 1][:column - 1].count(MARK) if 0 < line <= len(lines) else column


def stray_references(text: str, blocks: list[Node], path: Path) -> list[Diagnostic]:
    """A warning at each figure or table reference glued to a word that is no proclitic
    («الجدول@tbl:grid»): Pandoc reads it as text, so it would print raw. Code is not looked at."""
    code = [element["c"][1] for element in walk(blocks) if element["t"] in ("Code", "CodeBlock")]
    found = []
    for match in _GLUED_TO_WORD.finditer(text):
        word, reference = match.groups()
        if re.fullmatch(PROCLITIC, word) or any(match.group() in snippet for snippet in code):
            continue
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - text.rfind("\n", 0, match.start())
        found.append(Diagnostic(Location(path, line, column),
                                f"«{match.group()}» is not read as a reference to {reference}: only the proclitics "
                                "و ف ب ل ك (or وب، ول، فب …) may be glued to @; put a space before @", "warning"))
    return found


def attach(blocks: list[Node]) -> list[Node]:
    """Pandoc's blocks for a marked text without the marks, each proclitic glued to a citation in a Span."""
    return map_lists(_unmarked(blocks), _attach_siblings)


def _unmarked(value):
    if isinstance(value, str):
        return value.replace(MARK, "")
    if isinstance(value, list):
        return [_unmarked(item) for item in value]
    if isinstance(value, dict):
        return {key: _unmarked(item) for key, item in value.items()}
    return value


def _attach_siblings(inlines: list[Node]) -> list[Node]:
    result: list[Node] = []
    for index, element in enumerate(inlines):
        glued = index + 1 < len(inlines) and inlines[index + 1]["t"] == "Cite" and element["t"] == "Str"
        found = _ENDS_WITH.search(element["c"]) if glued else None
        if found is None:
            result.append(element)
            continue
        if found.start():
            result.append(node("Str", element["c"][:found.start()]))
        result.append(span([node("Str", found.group())], classes=[CLASS]))
    return result


def join_proclitics(document: Document) -> Document:
    """Each proclitic written into the first word of the reference it was glued to."""
    return document.with_blocks([map_lists(part.blocks, _join_siblings) for part in document.parts])


def _join_siblings(inlines: list[Node]) -> list[Node]:
    result: list[Node] = []
    pending: str | None = None
    for element in inlines:
        if element["t"] == "Span" and has_class(element, CLASS):
            if pending is not None:
                result.append(node("Str", pending))
            pending = "".join(inline["c"] for inline in element["c"][1] if inline["t"] == "Str")
            continue
        if pending is not None:
            joined = _prefixed(pending, element)
            result += [joined] if joined else [node("Str", pending), element]
            pending = None
        else:
            result.append(element)
    return result + ([node("Str", pending)] if pending is not None else [])


def _prefixed(proclitic: str, element: Node) -> Node | None:
    """`element` (a word, a cross-reference link, a rendered citation) starting with `proclitic`, or
    None when it does not start with a letter (a parenthesis, a note)."""
    if element["t"] == "Str" and element["c"][:1].isalpha():
        return node("Str", _spelled(proclitic, element["c"]))
    content_index = {"Link": 1, "Cite": 1, "Span": 1}.get(element["t"])
    if content_index is None:
        return None
    content = element["c"][content_index]
    first = _prefixed(proclitic, content[0]) if content else None
    if first is None:
        return None
    parts = list(element["c"])
    parts[content_index] = [first] + content[1:]
    return {**element, "c": parts}


def _spelled(proclitic: str, word: str) -> str:
    """ل before the article ال drops its alif: ل + الجاحظ → للجاحظ."""
    if re.sub(f"[{_HARAKAT}]", "", proclitic).endswith("ل") and word.startswith("ال"):
        word = word[1:]
    return proclitic + word

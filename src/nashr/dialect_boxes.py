"""MkDocs admonitions, content tabs and GitHub alerts, rewritten as Pandoc fenced divs: styled boxes.

    !!! warning "Mind the gap"      ??? tip / ???+ tip      === "Tab"      > [!NOTE]
        Indented content.               (collapsible)           content    > Quoted content.

each become `::: {.admonition .<kind>}` holding a title (`::: admonition-title`) and the content,
itself rewritten (a box in a box, a list in a box). The kind is MkDocs' own name for the type
(`hint` is a `tip`, `error` a `danger`), or the GitHub alert's, or `tab`; the title is the one
written, else the kind's name in the article's language ("ملاحظة", "Note"); `""` asks for none.
On paper a collapsible box is open. Obsidian's `> [!tip] Title` and `> [!tip]-` are read too.
Raw HTML `<details>` becomes the same box (html_reshape), so every box looks alike in every format.
"""
from __future__ import annotations

import re
from typing import Callable

from nashr.dialect_lists import list_item
from nashr.markdown_lines import Line, Note, in_code

ADMONITION = re.compile(r'^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)((?:[ \t]+[\w-]+)*)(?:[ \t]+"(.*)")?[ \t]*$')
TAB = re.compile(r'^([ \t]*)===\+?[ \t]+"(.*)"[ \t]*$')
ALERT = re.compile(r"^([ \t]*)>[ \t]?\[!([A-Za-z]+)\]([-+]?)(?:[ \t]+(.*?))?[ \t]*$")
QUOTED = re.compile(r"^[ \t]{0,3}>[ \t]?")
ALIASES = {"summary": "abstract", "tldr": "abstract", "todo": "info", "hint": "tip", "check": "success",
           "done": "success", "help": "question", "faq": "question", "attention": "warning",
           "fail": "failure", "missing": "failure", "error": "danger", "cite": "quote"}
TITLES: dict[str, dict[str, str]] = {
    "en": {"note": "Note", "abstract": "Abstract", "info": "Info", "tip": "Tip", "success": "Success",
           "question": "Question", "warning": "Warning", "failure": "Failure", "danger": "Danger",
           "bug": "Bug", "example": "Example", "quote": "Quote", "important": "Important", "caution": "Caution"},
    "ar": {"note": "ملاحظة", "abstract": "ملخص", "info": "معلومة", "tip": "نصيحة", "success": "نجاح",
           "question": "سؤال", "warning": "تحذير", "failure": "إخفاق", "danger": "خطر", "bug": "علّة",
           "example": "مثال", "quote": "اقتباس", "important": "مهم", "caution": "تنبيه"},
    "fa": {"note": "یادداشت", "abstract": "چکیده", "info": "اطلاعات", "tip": "نکته", "success": "موفقیت",
           "question": "پرسش", "warning": "هشدار", "failure": "شکست", "danger": "خطر", "bug": "اشکال",
           "example": "مثال", "quote": "نقل قول", "important": "مهم", "caution": "احتیاط"},
    "ur": {"note": "نوٹ", "abstract": "خلاصہ", "info": "معلومات", "tip": "مشورہ", "success": "کامیابی",
           "question": "سوال", "warning": "انتباہ", "failure": "ناکامی", "danger": "خطرہ", "bug": "خرابی",
           "example": "مثال", "quote": "اقتباس", "important": "اہم", "caution": "احتیاط"},
    "he": {"note": "הערה", "abstract": "תקציר", "info": "מידע", "tip": "עצה", "success": "הצלחה",
           "question": "שאלה", "warning": "אזהרה", "failure": "כישלון", "danger": "סכנה", "bug": "באג",
           "example": "דוגמה", "quote": "ציטוט", "important": "חשוב", "caution": "זהירות"},
    "fr": {"note": "Remarque", "abstract": "Résumé", "info": "Info", "tip": "Astuce", "success": "Succès",
           "question": "Question", "warning": "Avertissement", "failure": "Échec", "danger": "Danger",
           "bug": "Bogue", "example": "Exemple", "quote": "Citation", "important": "Important",
           "caution": "Attention"},
}
BLOCK_START = re.compile(r"^(?:[#>|:=~`*+-]|\d+[.)])")  # what would make a title line another block

Rewrite = Callable[[list[Line], str], tuple[list[Line], list[Note]]]


def box_title(kind: str, lang: str) -> str:
    """The title of a box of `kind` written without one, in the article's language."""
    titles = TITLES.get(lang.split("-")[0].lower(), TITLES["en"])
    return titles.get(kind) or TITLES["en"].get(kind) or kind.replace("-", " ").capitalize()


def _width(indent: str) -> int:
    return len(indent.expandtabs(4))


def _box(indent: str, kind: str, title: str | None, content: list[Line], at: int) -> list[Line]:
    """The fenced div of a box, at `indent`, the content already rewritten and indented."""
    lines = ["", f"::: {{.admonition .{kind}}}"]
    if title:
        title = "\\" + title if BLOCK_START.match(title) else title
        lines += ["::: admonition-title", title, ":::"]
    head = [Line(at, indent + text if text else "") for text in lines + [""]]
    return head + content + [Line(content[-1].number if content else at, text) for text in ("", indent + ":::", "")]


def _indented_block(lines: list[Line], start: int, width: int) -> int:
    """The end of the lines from `start` indented by at least four more than `width` (blank lines
    between them included, blank lines after them not)."""
    end = index = start
    while index < len(lines):
        text = lines[index].text
        if text.strip():
            if _width(text[:len(text) - len(text.lstrip())]) < width + 4:
                break
            end = index + 1
        index += 1
    return end


def _quoted_block(lines: list[Line], start: int, indent: str) -> int:
    """The end of the block quote lines from `start`."""
    end = start
    while end < len(lines) and lines[end].text.startswith(indent) and QUOTED.match(lines[end].text[len(indent):]):
        end += 1
    return end


def _box_indent(lines: list[Line], index: int, indent: str) -> str:
    """The indent for the box opened on line `index`: inside a list item, the column of the item's
    text, where Pandoc looks for a fence (MkDocs writers indent by four, whatever the marker)."""
    for line in reversed(lines[:index]):
        if line.text.strip() and _width(line.text[:len(line.text) - len(line.text.lstrip())]) < _width(indent):
            item = list_item(line.text)
            return " " * min(item.end(), _width(indent)) if item else indent
    return indent


def _dedented(lines: list[Line], width: int) -> list[Line]:
    return [Line(line.number, line.text.expandtabs(4)[width:] if line.text.strip() else "") for line in lines]


def _unquoted(lines: list[Line], indent: str) -> list[Line]:
    result = []
    for line in lines:
        text = line.text[len(indent):]
        result.append(Line(line.number, text[QUOTED.match(text).end():]))
    return result


def _indent(lines: list[Line], indent: str) -> list[Line]:
    return [Line(line.number, indent + line.text if line.text else "") for line in lines]


def boxes(lines: list[Line], lang: str, rewrite: Rewrite) -> tuple[list[Line], list[Note]]:
    """`lines` with every box rewritten; `rewrite` rewrites a box's content (all dialects)."""
    result: list[Line] = []
    notes: list[Note] = []
    code = in_code(lines)
    index = 0
    while index < len(lines):
        line = lines[index]
        admonition = None if code[index] else ADMONITION.match(line.text) or TAB.match(line.text)
        alert = None if code[index] or admonition else ALERT.match(line.text)
        if not admonition and not alert:
            result.append(line)
            index += 1
            continue
        indent = (admonition or alert)[1]
        if admonition:
            end = _indented_block(lines, index + 1, _width(indent))
            content = _dedented(lines[index + 1:end], _width(indent) + 4)
            if admonition.re is TAB:
                kind, title = "tab", admonition[2]
            else:
                kind = ALIASES.get(admonition[2].lower(), admonition[2].lower())
                title = admonition[4] if admonition[4] is not None else box_title(kind, lang)
        else:
            end = _quoted_block(lines, index + 1, indent)
            content = _unquoted(lines[index + 1:end], indent)
            kind = alert[2].lower()
            title = alert[4] or box_title(kind, lang)
        inner, found = rewrite(content, lang)
        notes += found
        indent = _box_indent(lines, index, indent)
        result += _box(indent, kind, title, _indent(inner, indent), line.number)
        index = end
    return result, notes

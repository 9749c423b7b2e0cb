"""Web-page residue: buttons, navigation and form remnants copied along with an article.

Whole blocks that are only residue are dropped; form remnants ("Haut du formulaire" — what browsers
copy from a form's boundaries) are also cut from the start or end of a paragraph they stuck to. Each
removal is reported with its line.
"""
from __future__ import annotations

import re

from nashr.importers.blocks import Block, normalized
from nashr.importers.report import Report

_FORM_REMNANT = r"(?:haut|bas) du formulaire|top of form|bottom of form"
_RESIDUE = re.compile(
    r"(?:" + "|".join([
        _FORM_REMNANT,
        r"scroll to top|back to top|go to top|retour en haut(?: de (?:la )?page)?|العودة إلى (?:الأعلى|أعلى الصفحة)",
        r"skip to (?:main )?content|aller au contenu",
        r"تحميل المقال(?: في نسخته الكاملة| كاملا| بصيغة pdf)?|تحميل (?:الملف|البحث|الدراسة)(?: pdf)?|تنزيل المقال",
        r"download(?: the)?(?: full)?(?: text| article| paper| pdf| file)?(?: \(?pdf\)?)?|télécharger(?: l'article| le pdf| le fichier)?",
        r"print(?: this)?(?: article| page)?|imprimer(?: l'article)?|طباعة(?: المقال)?",
        r"share(?: this)?(?: article| on \w+)?|partager|شارك(?: المقال)?|مشاركة",
        r"read more|lire la suite|اقرأ (?:المزيد|أيضا)|advertisement|publicité",
        r"home|accueil|الرئيسية|الصفحة الرئيسية|menu|القائمة(?: الرئيسية)?",
    ]) + r")[\s.:!↑↩]*",
)
_LINK = re.compile(r"(?<!\\)\[([^\]]*)\]\([^)]*\)")  # a Markdown link: only its text is seen on the page
_STUCK = re.compile(rf"(?:^\s*(?:{_FORM_REMNANT})\b\s*|\s*\b(?:{_FORM_REMNANT})\s*$)", re.IGNORECASE)


def drop_residue(blocks: list[Block], report: Report) -> list[Block]:
    kept = []
    for block in blocks:
        if block.kind != "raw" and _RESIDUE.fullmatch(normalized(_LINK.sub(r"\1", block.text))):
            report.add("dropped", block.line, f"web-page residue: {block.text!r}")
            continue
        if block.kind == "para":
            for stuck in _STUCK.finditer(block.text):
                report.add("dropped", block.line, f"web-page residue at the edge of a paragraph: {stuck.group().strip()!r}")
            block.text = _STUCK.sub("", block.text)
        kept.append(block)
    return kept

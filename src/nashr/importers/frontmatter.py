"""Metadata from the top of the source: title, authors, abstracts, keywords, language.

Web pages and Word files put the title first, then lines about the authors (name, role, affiliation,
country, e-mail), then an abstract under a heading (ملخص, Abstract, Résumé …) and a keywords line.
Only lines recognised with confidence are taken out of the body; the rest stays text.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from nashr.importers.blocks import NOTE_MARK, Block, Source, normalized, plain
from nashr.importers.report import Report
from nashr.importers.structure import heading_like, structural

ABSTRACT_HEADINGS = {
    "ملخص": None, "الملخص": None, "ملخص البحث": None, "ملخص الدراسة": None, "ملخص المقال": None,
    "مستخلص": None, "المستخلص": None, "الملخص باللغة العربية": "ar", "چکیده": "fa", "خلاصہ": "ur", "תקציר": "he",
    "abstract": None, "résumé": None, "resume": None, "resumen": "es", "zusammenfassung": "de",
}
_KEYWORDS = re.compile(
    r"^\s*(?:\*\*)?(الكلمات المفتاحية|الكلمات الدالة|الكلمات المفاتيح|كلمات مفتاحية|كلمات مفتاح|واژگان کلیدی|کلیدواژه‌ها|"
    r"کلید واژه ها|keywords|key words|key-words|mots[- ]clés|palabras clave|מילות מפתח)(?:\*\*)?\s*[:：\-–—]\s*(?:\*\*)?",
    re.IGNORECASE,
)
_INLINE_ABSTRACT = re.compile(r"^(?:\*\*)?([^\s:：*]+(?: [^\s:：*]+)?)(?:\*\*)?\s*[:：]\s*(?:\*\*)?(?=\S.{80})")
_KEYWORD_SPLIT = re.compile(r"\s*[،,;؛]\s*|\s+[-–—]\s+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_ORCID = re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]")
_ROLE = re.compile(
    r"^(?:باحث|باحثة|أستاذ|أستاذة|استاذ|دكتور|دكتورة|د\.|طالب|طالبة|محاضر|محاضرة|مدرس|مدرسة|عضو|خبير|خبيرة|"
    r"professor|prof\.|dr\.|phd|ph\.d|doctoral|researcher|lecturer|student|associate|assistant|fellow|"
    r"maître|docteur|doctorant|doctorante|chercheur|chercheuse|استاد|دانشجو|پژوهشگر)", re.IGNORECASE)
_AFFILIATION = re.compile(
    r"(?:جامعة|كلية|مختبر|معهد|مركز|المدرسة|أكاديمية|university|université|universidad|faculty|faculté|"
    r"institute|institut|laborator|college|school|department|département|centre|center|دانشگاه|پژوهشگاه)",
    re.IGNORECASE)
COUNTRIES = {
    "المغرب", "الجزائر", "تونس", "ليبيا", "موريتانيا", "مصر", "السودان", "الأردن", "فلسطين", "لبنان", "سوريا",
    "العراق", "السعودية", "المملكة العربية السعودية", "الإمارات", "قطر", "البحرين", "الكويت", "عمان", "سلطنة عمان",
    "اليمن", "المملكة المغربية", "الجمهورية الجزائرية", "إيران", "ایران", "پاکستان", "إسرائيل", "ישראל", "تركيا",
    "morocco", "maroc", "algeria", "algérie", "tunisia", "tunisie", "egypt", "jordan", "lebanon", "iraq",
    "saudi arabia", "iran", "pakistan", "israel", "france", "spain", "united kingdom", "united states", "usa",
}
_SENTENCE_END = re.compile(r"[.!?؟]$")
_ARABIC, _HEBREW, _LATIN = "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff", "\u0590-\u05ff", "A-Za-zÀ-ÿ"


@dataclass
class FrontMatter:
    title: str | None = None
    subtitle: str | None = None
    authors: list[dict[str, str]] = field(default_factory=list)
    abstract: dict[str, str] = field(default_factory=dict)
    keywords: dict[str, list[str]] = field(default_factory=dict)


def detect_language(text: str) -> str:
    """A BCP 47 tag from the letters of `text`: Persian and Urdu by their own letters, else Arabic;
    Hebrew; French, Spanish or English by common words."""
    arabic = len(re.findall(f"[{_ARABIC}]", text))
    hebrew = len(re.findall(f"[{_HEBREW}]", text))
    latin = len(re.findall(f"[{_LATIN}]", text))
    if arabic >= max(hebrew, latin) and arabic:
        urdu = len(re.findall("[ٹڈڑںےۓہ]", text))
        persian = len(re.findall("[پچژگکی]", text)) - urdu
        if urdu > arabic * 0.01:
            return "ur"
        return "fa" if persian > arabic * 0.02 else "ar"
    if hebrew > latin:
        return "he"
    counts = Counter(re.findall(r"\b\w+\b", text.lower()))
    scores = {"fr": sum(counts[w] for w in ("le", "la", "les", "des", "est", "et", "une", "du")),
              "es": sum(counts[w] for w in ("el", "los", "las", "es", "y", "una", "del")),
              "en": sum(counts[w] for w in ("the", "and", "of", "is", "a", "to", "in"))}
    return max(scores, key=scores.get) if any(scores.values()) else "en"


def take_front_matter(blocks: list[Block], source: Source, report: Report) -> tuple[list[Block], FrontMatter]:
    """Remove title, author lines, abstracts and keywords lines from the top of `blocks`; metadata
    the source declares comes first."""
    front = FrontMatter(title=source.title, subtitle=source.subtitle,
                        authors=[_declared_author(author) for author in source.authors])
    if source.abstract:
        front.abstract[detect_language(plain(source.abstract))] = source.abstract
    position = 0
    first = plain(NOTE_MARK.sub("", blocks[0].text)).strip() if blocks else ""
    # A web page's <title> often adds the site's name to the article's title, which the page repeats.
    if blocks and _title_like(blocks[0]) and (front.title is None or first and first in front.title):
        if front.title == first:
            report.add("metadata", blocks[0].line, f"the text repeats the declared title {first!r}; kept once")
        elif front.title is not None:
            report.add("metadata", None, f"the source's declared title {front.title!r} was replaced by "
                                         f"the title its text starts with, {first!r}")
        front.title = first
        position = 1
    author: dict[str, str] = {}
    while position < len(blocks):
        if plain(blocks[position].text).strip() in source.authors:
            report.add("metadata", blocks[position].line, "the text repeats a declared author "
                                                          f"{plain(blocks[position].text).strip()!r}; kept once")
            position += 1
            continue
        key = _author_field(blocks, position, author)
        if key is None:
            break
        if key == "name" and author:
            front.authors.append(author)
            author = {}
        text = plain(blocks[position].text).strip()
        author[key] = _ORCID.search(text).group() if key == "orcid" else text
        position += 1
    if author:
        front.authors.append(author)
    rest = blocks[position:]
    rest = _take_abstracts(rest, front, report)
    rest = _take_keywords(rest, front, report)
    return rest, front


def _declared_author(text: str) -> dict[str, str]:
    """An author the source declares (Word's Author style): "Name, role, affiliation, country" in one
    line, each part recognised by its content; what is not recognised is the name."""
    author: dict[str, str] = {}
    for part in (p.strip() for p in _KEYWORD_SPLIT.split(text)):
        key = _author_line(part, author) or "name"
        author[key] = f"{author[key]}، {part}" if key in author else part
    return author


def _title_like(block: Block) -> bool:
    text = plain(block.text).strip()
    return (block.kind in ("para", "heading") and 0 < len(text.split()) <= 30 and not text.endswith(".")
            and normalized(block.text) not in ABSTRACT_HEADINGS and not structural(block.text))


def _author_field(blocks: list[Block], position: int, author: dict[str, str]) -> str | None:
    """Which author field the block at `position` is, or None when it is not an author line. A name
    is recognised by its form (two to five capitalised words) or by an author line right after it."""
    line = _line(blocks[position])
    if line is None:
        return None
    key = _author_line(line, author)
    if key is not None:
        return key
    words = line.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in line):
        return None
    if all(word[0].isupper() for word in words if word[0].isalpha()) and all(w[0].isalpha() for w in words):
        return "name"
    following = _line(blocks[position + 1]) if position + 1 < len(blocks) else None
    return "name" if following is not None and _author_line(following, {}) not in (None, "name") else None


def _line(block: Block) -> str | None:
    """The text of a short, plain paragraph that could be an author line."""
    if block.kind != "para" or block.quote or heading_like(block):
        return None
    text = plain(block.text).strip()
    return text if text and len(text.split()) <= 14 and not _SENTENCE_END.search(text) else None


def _author_line(text: str, author: dict[str, str]) -> str | None:
    """The author field a line holds by its content: e-mail, ORCID iD, country, role, affiliation."""
    if _EMAIL.fullmatch(text) and "email" not in author:
        return "email"
    if _ORCID.search(text) and "orcid" not in author:
        return "orcid"
    if text.casefold() in COUNTRIES:
        return "country"
    if _ROLE.match(text):
        return "role"
    if _AFFILIATION.search(text):
        return "affiliation"
    return None


def _take_abstracts(blocks: list[Block], front: FrontMatter, report: Report) -> list[Block]:
    """An abstract is the paragraphs after an abstract heading, up to the next heading-like block,
    keywords line or the body's first structural heading."""
    rest: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        heading = normalized(block.text) if block.kind in ("para", "heading") else None
        inline = _INLINE_ABSTRACT.match(block.text) if block.kind == "para" else None
        if inline and normalized(inline.group(1)) in ABSTRACT_HEADINGS:  # "Abstract: text …" on one line
            heading = normalized(inline.group(1))
            paragraphs = [block.text[inline.end():]]
        elif heading in ABSTRACT_HEADINGS:
            paragraphs = []
        else:
            rest.append(block)
            index += 1
            continue
        index += 1
        while (index < len(blocks) and blocks[index].kind == "para" and not _KEYWORDS.match(blocks[index].text)
               and not heading_like(blocks[index]) and normalized(blocks[index].text) not in ABSTRACT_HEADINGS):
            paragraphs.append(blocks[index].text)
            index += 1
        if not paragraphs:
            rest.append(block)
            continue
        text = "\n\n".join(paragraphs)
        lang = ABSTRACT_HEADINGS[heading] or detect_language(plain(text))
        front.abstract[lang] = (front.abstract[lang] + "\n\n" + text) if lang in front.abstract else text
        report.add("metadata", block.line, f"abstract ({lang}) moved to manuscript.yaml, "
                                           f"with its heading {plain(block.text).strip()!r}")
    return rest


def _take_keywords(blocks: list[Block], front: FrontMatter, report: Report) -> list[Block]:
    rest = []
    for block in blocks:
        match = _KEYWORDS.match(block.text) if block.kind == "para" else None
        if match is None:
            rest.append(block)
            continue
        words = [plain(w).strip(" .*") for w in _KEYWORD_SPLIT.split(block.text[match.end():])]
        words = [w for w in words if w]
        lang = detect_language(" ".join(words) or match.group(1))
        front.keywords.setdefault(lang, []).extend(words)
        report.add("metadata", block.line, f"keywords ({lang}) moved to manuscript.yaml, with their label {match.group(1)!r}")
    return rest

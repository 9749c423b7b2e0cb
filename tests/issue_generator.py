"""A generated journal issue for the tests: short Arabic articles and two English ones (one of them
several pages long, to see its page sides), in two sections, with everything the deposits need."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

ARABIC = ("تتناول هذه الفقرة مسألة من مسائل النشر العلمي بالعربية، وتعرض ما يلقاه المحرر حين يجمع مقالات "
          "العدد في ملف واحد بترقيم متصل للصفحات، ثم يرسل بياناتها إلى الفهارس. ")
ENGLISH = ("This paragraph discusses a question of scholarly publishing: what an editor meets when the articles "
           "of an issue are joined into one file with continuous page numbers and sent to the indexes. ")
# paragraphs of each article (five sentences each): one to three pages; the English ones are the 4th and 8th
PARAGRAPHS = [4, 9, 3, 14, 6, 2, 8, 5, 7, 3]
ENGLISH_ARTICLES = {3, 7}
# titles that share no word with another article's, the masthead or the running heads (no digits)
ORDINALS_AR = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"]
ORDINALS_EN = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]


def article_slug(index: int) -> str:
    return f"art{index + 1:02d}"


def article_text(index: int, paragraphs: int) -> str:
    english = index in ENGLISH_ARTICLES
    sentence, heading, note = ((ENGLISH, "Section", "A note at the foot of the page.") if english else
                               (ARABIC, "القسم", "حاشية في أسفل الصفحة."))
    blocks = []
    for number in range(paragraphs):
        if number % 4 == 0:
            blocks.append(f"# {heading} {number // 4 + 1}")
        blocks.append(sentence * 5 + ("[^n1]" if number == 0 else ""))
    blocks.append(f"[^n1]: {note}")
    return "\n\n".join(blocks) + "\n"


def write_article(folder: Path, index: int, paragraphs: int) -> None:
    english = index in ENGLISH_ARTICLES
    ar, en = ORDINALS_AR[index % 10], ORDINALS_EN[index % 10]
    manuscript = {
        "slug": article_slug(index),
        "title": f"The {en} article: joining an issue" if english else f"المقال {ar}: جمع العدد وترقيم صفحاته",
        "translated_titles": {"ar": f"المقال {ar}: جمع العدد"} if english else {"en": f"The {en} article of the issue"},
        "lang": "en" if english else "ar",
        "authors": [{"name": f"Author {en.title()}" if english else f"كاتب المقال {ar}",
                     "affiliation": "Example University" if english else "جامعة نموذجية"}],
        "abstract": {"en": "An abstract of the article."} if english else {"ar": "ملخص المقال.", "en": "An abstract."},
        "contents": ["text.md"],
    }
    folder.mkdir(parents=True)
    (folder / "manuscript.yaml").write_text(yaml.safe_dump(manuscript, allow_unicode=True), encoding="utf-8")
    (folder / "text.md").write_text(article_text(index, paragraphs), encoding="utf-8")


def generated_issue(root: Path, recto_start: bool = True, paragraphs: list[int] = PARAGRAPHS) -> Path:
    """Write the issue folder at `root`: len(paragraphs) articles, half in each section."""
    names = [article_slug(index) for index in range(len(paragraphs))]
    for index, count in enumerate(paragraphs):
        write_article(root / names[index], index, count)
    half = len(names) // 2
    issue = {
        "journal": {"name": "مجلة العدد المولد", "issn": "1234-5679", "publisher": "دار نموذجية",
                    "doi_prefix": "10.5555", "article_url": "https://journal.example.org/{volume}/{number}/{slug}",
                    "depositor": {"name": "Editorial Office", "email": "editor@example.org"}},
        "lang": "ar", "volume": "3", "number": "1", "year": 2025, "date": dt.date(2025, 3, 1),
        "first_page": 11, "recto_start": recto_start,
        "sections": [{"title": "دراسات", "title_en": "Studies", "articles": names[:half]},
                     {"title": "تقارير", "title_en": "Reports", "articles": names[half:]}],
    }
    (root / "issue.yaml").write_text(yaml.safe_dump(issue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return root

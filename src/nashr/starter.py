"""`nashr new DIR [--lang ar]`: a small manuscript that builds, to start from — what `quarto create` and
`typst init` give their users.

It holds manuscript.yaml (the common keys, each commented, the rarer ones switched off), one content
file whose text shows a note, two citations of the small references.bib beside it and a numbered
figure, and the figure's image. The words come from starter/languages.yaml and starter/article.<lang>.md;
manuscript.yaml's comments stay in English, like the documentation they point to.
"""
from __future__ import annotations

import datetime as dt
import json
import shutil
import textwrap
from pathlib import Path

import yaml

from nashr.diagnostics import Diagnostic, Location, ManuscriptError, display_path
from nashr.metadata import numerals_of

STARTER = Path(__file__).resolve().parent / "starter"
CONTENT = "article.md"
COPIED = ("references.bib", "figures/page.png")  # the same in every language


def languages() -> list[str]:
    """The languages a starter manuscript is written in."""
    return list(_words())


def _words() -> dict[str, dict]:
    return yaml.safe_load((STARTER / "languages.yaml").read_text(encoding="utf-8"))


def write_starter(target: Path, lang: str) -> list[Path]:
    """Write a starter manuscript in `lang` (a language tag whose language `languages()` offers, such as
    ar or ar-EG) into `target`, a new or empty folder; return the files written."""
    base = lang.split("-")[0].lower()
    words = _words().get(base)
    if words is None:
        raise ValueError(f"no starter in '{lang}'; choose one of: {', '.join(languages())}")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        what = "folder is not empty" if target.is_dir() else "exists and is not a folder"
        raise ManuscriptError([Diagnostic(Location(target), f"{what}; nashr new writes only into a new or "
                                                            "empty folder: give another name")])
    target.mkdir(parents=True, exist_ok=True)
    manifest = target / "manuscript.yaml"
    manifest.write_text(_manifest(words, lang, base, target), encoding="utf-8")
    content = target / CONTENT
    shutil.copyfile(STARTER / f"article.{base}.md", content)
    written = [manifest, content]
    for name in COPIED:
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        written.append(Path(shutil.copyfile(STARTER / name, target / name)))
    return written


def _manifest(words: dict, lang: str, base: str, target: Path) -> str:
    """manuscript.yaml from its template, each value written as YAML reads it back."""
    import jinja2  # here, not at the top: every command's argument parser asks this module for its languages

    template = jinja2.Template((STARTER / "manuscript.yaml.j2").read_text(encoding="utf-8"),
                               keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    quoted = {name: json.dumps(words[name], ensure_ascii=False)  # a JSON string or list is YAML too
              for name in ("title", "short_title", "author", "affiliation", "country", "journal", "keywords")}
    abstract = textwrap.fill(words["abstract"], width=96, subsequent_indent="    ")
    return template.render(**quoted, abstract=abstract, lang=lang, base_lang=base, numerals=numerals_of(lang),
                           year=dt.date.today().year, folder=display_path(target))

"""Write the imported article as a manuscript folder: manuscript.yaml and one Markdown file per
top-level heading, each with the definitions of the notes it calls (labels are local to a file)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from nashr.importers.blocks import NOTE_MARK, Block, Note, note_mark
from nashr.importers.frontmatter import FrontMatter
from nashr.metadata import RTL_LANGUAGES


@dataclass(frozen=True)
class Written:
    files: dict[str, str]  # file name → text, manuscript.yaml included
    notes: set[int]  # numbers of the notes placed in the text


def render(blocks: list[Block], notes: dict[int, Note], front: FrontMatter, lang: str, slug: str) -> Written:
    """The manuscript's files as text; nothing is written to disk here."""
    files: dict[str, str] = {}
    placed: set[int] = set()
    for name, chunk in _split(blocks):
        body = _markdown(chunk)
        called = sorted({int(n) for n in NOTE_MARK.findall(body)}, key=lambda n: body.index(note_mark(n)))
        body = NOTE_MARK.sub(lambda m: f"[^{label(int(m.group(1)))}]", body)
        definitions = [_definition(notes[n]) for n in called]
        files[name] = body + ("\n\n" + "\n\n".join(definitions) if definitions else "") + "\n"
        placed.update(called)
    abstract = {}
    for abstract_lang, text in front.abstract.items():
        placed.update(int(n) for n in NOTE_MARK.findall(text))
        abstract[abstract_lang] = NOTE_MARK.sub(lambda m: f"^[{_inline(notes[int(m.group(1))].text)}]", text)
    files["manuscript.yaml"] = _manifest(front, abstract, lang, slug, list(files))
    return Written(files, placed)


def label(number: int) -> str:
    return f"n{number}"


def write_files(target: Path, files: dict[str, str]) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (target / name).write_text(text, encoding="utf-8")


_ATTRIBUTES = re.compile(r"\{[^}]*\}")  # Pandoc attributes such as {dir="ltr"}: not part of a file name


def _split(blocks: list[Block]) -> list[tuple[str, list[Block]]]:
    """One chunk per level-1 heading (text before the first heading is a chunk of its own)."""
    chunks: list[list[Block]] = []
    for block in blocks:
        if not chunks or (block.kind == "heading" and block.level == 1 and not block.quote):
            chunks.append([])
        chunks[-1].append(block)
    names = []
    for number, chunk in enumerate(chunks, start=1):
        first = chunk[0]
        text = _ATTRIBUTES.sub("", first.text).lower()
        latin = re.findall(r"[a-z0-9]+", text) if first.kind == "heading" else []
        names.append(f"{number:02d}-{'-'.join(latin)[:40].strip('-') or ('section' if first.kind == 'heading' else 'text')}.md")
    return list(zip(names, chunks))


def _markdown(blocks: list[Block]) -> str:
    out: list[str] = []
    previous: Block | None = None
    for block in blocks:
        if previous is not None:
            same_list = (block.kind == "item" and previous.kind == "item" and block.quote == previous.quote
                         and (block.ordered == previous.ordered or block.level != previous.level)
                         and "\n\n" not in previous.text)
            shared_quote = ("> " * min(block.quote, previous.quote)).rstrip()
            out.append("\n" if same_list else f"\n{shared_quote}\n")
        out.append(_quoted(_block(block), block.quote))
        previous = block
    return "".join(out)


def _block(block: Block) -> str:
    if block.kind == "heading":
        return "#" * block.level + " " + block.text.replace("\n", " ")
    if block.kind == "item":
        marker = f"{block.number}." if block.ordered else "-"
        indent = "    " * block.level
        paragraphs = block.text.split("\n\n")
        lines = [f"{indent}{marker} {paragraphs[0]}"]
        lines += [f"\n{indent}    {p}" for p in paragraphs[1:]]
        return "\n".join(lines)
    return block.text


def _quoted(text: str, depth: int) -> str:
    if not depth:
        return text
    prefix = "> " * depth
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.split("\n"))


def _definition(note: Note) -> str:
    paragraphs = note.text.split("\n\n")
    first = f"[^{label(note.number)}]: {paragraphs[0]}"
    return "\n\n".join([first] + ["    " + p.replace("\n", "\n    ") for p in paragraphs[1:]])


def _inline(text: str) -> str:
    return " ".join(text.split())


class _Dumper(yaml.SafeDumper):
    """Multi-line strings (abstracts) as YAML literal blocks, everything else as safe_dump does."""


_Dumper.add_representer(str, lambda dumper, value: dumper.represent_scalar(
    "tag:yaml.org,2002:str", value, style="|" if "\n" in value else None))


def _manifest(front: FrontMatter, abstract: dict[str, str], lang: str, slug: str, contents: list[str]) -> str:
    data: dict = {"slug": slug, "title": front.title or slug, "lang": lang,
                  "dir": "rtl" if lang.split("-")[0] in RTL_LANGUAGES else "ltr"}
    if front.subtitle:
        data["subtitle"] = front.subtitle
    if front.authors:
        data["authors"] = front.authors
    if abstract:
        data["abstract"] = {k: v + "\n" for k, v in abstract.items()}
    if front.keywords:
        data["keywords"] = front.keywords
    data["contents"] = contents
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)

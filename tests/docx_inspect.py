"""Read what Word reads in a built DOCX: paragraphs with their effective direction, runs, tables, notes."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from nashr.resources import monospace_faces

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
OFF = {"0", "false", "off"}
ARABIC = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
LATIN = re.compile("[A-Za-z\u00C0-\u024F]")


def on(element: etree._Element | None) -> bool | None:
    """An OOXML on/off property: None when absent."""
    return None if element is None else element.get(f"{W}val", "1") not in OFF


def text_of(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{W}t"))


RIGHT_TO_LEFT = re.compile("[\u05D0-\u05EA\u05F0-\u05F2\u0620-\u064A\u0671-\u06D3\uFB1D-\uFDFF\uFE70-\uFEFF]")
_ADDRESS = re.compile(r"://|@|^\W*www\.|^\W*10\.\d{4,}/")


def main_direction(text: str, context: str = "rtl", least: int = 2) -> str | None:
    """nashr's rule for a paragraph's direction (docs/manuscript.md, Direction), written again to check
    it: `context`, unless more words are of the other direction, and at least `least` of them; None for
    a text without words. A word holding Latin letters is a left-to-right word, one holding Arabic or
    Hebrew letters a right-to-left one; URLs and e-mail addresses are not words."""
    words = [word for word in text.split() if not _ADDRESS.search(word)]
    counts = {"ltr": sum(bool(LATIN.search(word)) for word in words),
              "rtl": sum(bool(RIGHT_TO_LEFT.search(word)) for word in words)}
    if not any(counts.values()):
        return None
    other = "ltr" if context == "rtl" else "rtl"
    return other if counts[other] > counts[context] and counts[other] >= least else context


@dataclass(frozen=True)
class Paragraph:
    style: str
    rtl: bool  # effective: the paragraph's own w:bidi, else its style's
    text: str
    element: etree._Element


@dataclass(frozen=True)
class Run:
    text: str
    rtl: bool


class Docx:
    def __init__(self, path: Path):
        self.path = path
        with zipfile.ZipFile(path) as archive:
            self.parts = {name: archive.read(name) for name in archive.namelist()}

    def xml(self, name: str) -> etree._Element:
        return etree.fromstring(self.parts[name])

    @cached_property
    def styles(self) -> dict[str, etree._Element]:
        return {s.get(f"{W}styleId"): s for s in self.xml("word/styles.xml").iter(f"{W}style")}

    def style_property(self, style_id: str | None, path: str) -> etree._Element | None:
        """The first `path` (e.g. 'w:pPr/w:bidi') along the style's basedOn chain."""
        seen = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            found = style.find(path.replace("w:", W))
            if found is not None:
                return found
            based_on = style.find(f"{W}basedOn")
            style_id = based_on.get(f"{W}val") if based_on is not None else None
        return None

    def paragraphs(self, part: str = "word/document.xml") -> list[Paragraph]:
        result = []
        for p in self.xml(part).iter(f"{W}p"):
            style_element = p.find(f"{W}pPr/{W}pStyle")
            style = style_element.get(f"{W}val") if style_element is not None else "Normal"
            own = on(p.find(f"{W}pPr/{W}bidi"))
            rtl = own if own is not None else bool(on(self.style_property(style, "w:pPr/w:bidi")))
            result.append(Paragraph(style, rtl, text_of(p), p))
        return result

    def runs(self, part: str = "word/document.xml") -> list[Run]:
        return [Run(text_of(r), bool(on(r.find(f"{W}rPr/{W}rtl")))) for r in self.xml(part).iter(f"{W}r")]

    def tables(self, part: str = "word/document.xml") -> list[etree._Element]:
        return list(self.xml(part).iter(f"{W}tbl"))

    def footnotes(self) -> list[tuple[str, str]]:
        """(id, text) of the real notes, in the order of their references in the body."""
        notes = {n.get(f"{W}id"): n for n in self.xml("word/footnotes.xml").iter(f"{W}footnote")
                 if n.get(f"{W}type") is None}
        order = [r.get(f"{W}id") for r in self.xml("word/document.xml").iter(f"{W}footnoteReference")]
        return [(note_id, text_of(notes[note_id]).strip()) for note_id in order]


def libreoffice_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert with LibreOffice in a fresh profile and a fontconfig of its own whose only font folder
    is the bundled JetBrains Mono's (LibreOffice needs some font to start), so the Arabic and Hebrew
    it draws can only come from the fonts embedded in the document, whatever fonts the machine has
    (a system-wide Amiri from fonts-hosny-amiri, say)."""
    config = out_dir / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        f'<dir>{escape(str(monospace_faces()[0].path.parent))}</dir>'
        f'<cachedir>{escape(str(out_dir / "fontconfig-cache"))}</cachedir>'
        '</fontconfig>', encoding="utf-8")
    profile = out_dir / "lo-profile"
    env = {**os.environ, "FONTCONFIG_FILE": str(config)}
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
                   check=True, capture_output=True, env=env, timeout=300)
    return out_dir / (docx.stem + ".pdf")


def fonts_visible_to_libreoffice(out_dir: Path) -> str:
    """fc-list under the configuration libreoffice_pdf used."""
    env = {**os.environ, "FONTCONFIG_FILE": str(out_dir / "fonts.conf")}
    return subprocess.run(["fc-list"], env=env, capture_output=True, text=True, check=True).stdout

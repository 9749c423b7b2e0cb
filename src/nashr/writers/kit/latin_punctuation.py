"""Amiri's Latin punctuation wherever the text reads left to right (PDF and EPUB).

Amiri draws `. ( ) [ ] { } ! / |` and guillemets in an Arabic style, and swaps in its Latin forms only
when HarfBuzz shapes them as Latin script (Amiri's `locl` feature under `latn`). A run without a letter
has no script of its own — WeasyPrint shapes each inline box apart, so the period after a link or an
emphasis is such a run, and so are "12.5" in a table cell and a list number "1." — and gets the Arabic
forms, in an English paragraph too. nashr therefore registers the same Latin substitutions for such runs
under a feature of its own, `cv99`, which styles/pdf.css and styles/epub.css turn on where the direction
is left to right (and off where it is right to left). The adjusted copies of Amiri are made once and
kept in the user's cache folder; when that folder cannot be written, the original fonts are used.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path

from nashr.resources import FontFace

FEATURE = "cv99"


def cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "nashr" / "fonts"


def with_latin_punctuation(faces: list[FontFace]) -> list[FontFace]:
    """`faces`, Amiri's replaced by copies whose letterless runs can take its Latin punctuation."""
    return [replace(face, path=_adjusted(face.path)) if face.family == "Amiri" else face for face in faces]


def _adjusted(path: Path) -> Path:
    digest = hashlib.sha256(path.read_bytes() + FEATURE.encode()).hexdigest()[:16]
    target = cache_dir() / digest / path.name  # the file keeps its name (the EPUB packages it by name)
    if target.is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        _write_adjusted(path, temporary)
        os.replace(temporary, target)  # atomic: parallel builds may race to make it
    except OSError:
        return path
    return target


def _write_adjusted(source: Path, target: Path) -> None:
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables import otTables

    font = TTFont(source)
    gsub = font["GSUB"].table
    records = gsub.FeatureList.FeatureRecord
    scripts = {record.ScriptTag: record.Script for record in gsub.ScriptList.ScriptRecord}
    latin = scripts.get("latn")
    if latin is None or "DFLT" not in scripts:
        font.save(target)
        return
    lookups = sorted({index for feature in latin.DefaultLangSys.FeatureIndex
                      if records[feature].FeatureTag == "locl"
                      for index in records[feature].Feature.LookupListIndex})
    feature = otTables.Feature()
    feature.FeatureParams = None
    feature.LookupListIndex = lookups
    feature.LookupCount = len(lookups)
    record = otTables.FeatureRecord()
    record.FeatureTag, record.Feature = FEATURE, feature
    # feature records stay sorted by tag: insert, then shift every index at or after the new one
    position = next((i for i, r in enumerate(records) if r.FeatureTag > FEATURE), len(records))
    records.insert(position, record)
    gsub.FeatureList.FeatureCount = len(records)
    for script in scripts.values():
        systems = [script.DefaultLangSys] if script.DefaultLangSys else []
        systems += [system.LangSys for system in script.LangSysRecord]
        for system in systems:
            system.FeatureIndex = [i + 1 if i >= position else i for i in system.FeatureIndex]
    default = scripts["DFLT"].DefaultLangSys
    default.FeatureIndex = sorted(default.FeatureIndex + [position])
    default.FeatureCount = len(default.FeatureIndex)
    font.save(target)

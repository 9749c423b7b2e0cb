"""Amiri's adjusted copy: its Latin punctuation reachable from runs without a script (DFLT)."""
from __future__ import annotations

from fontTools.ttLib import TTFont

from nashr.resources import amiri_faces, hebrew_faces
from nashr.writers.kit.latin_punctuation import FEATURE, with_latin_punctuation


def _dflt_substitutions(path, feature: str) -> dict[str, str]:
    gsub = TTFont(path)["GSUB"].table
    records = gsub.FeatureList.FeatureRecord
    (dflt,) = [r.Script for r in gsub.ScriptList.ScriptRecord if r.ScriptTag == "DFLT"]
    lookups = [i for f in dflt.DefaultLangSys.FeatureIndex if records[f].FeatureTag == feature
               for i in records[f].Feature.LookupListIndex]
    mapping = {}
    for index in lookups:
        for table in gsub.LookupList.Lookup[index].SubTable:
            mapping.update(getattr(table, "mapping", {}))
    return mapping


def test_amiri_gains_its_latin_punctuation_under_the_default_script(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    faces = amiri_faces() + hebrew_faces()
    adjusted = with_latin_punctuation(faces)
    assert [f.path.name for f in adjusted] == [f.path.name for f in faces]
    assert all(tmp_path in f.path.parents for f in adjusted if f.family == "Amiri")
    assert adjusted[-1] == faces[-1]  # other families are left alone
    regular = adjusted[0].path
    assert _dflt_substitutions(amiri_faces()[0].path, FEATURE) == {}
    assert _dflt_substitutions(regular, FEATURE)["period"] != "period"
    records = [r.FeatureTag for r in TTFont(regular)["GSUB"].table.FeatureList.FeatureRecord]
    assert records == sorted(records)
    assert with_latin_punctuation(faces)[0].path == regular  # made once, then reused


def test_an_unwritable_cache_leaves_the_fonts_as_shipped(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert with_latin_punctuation(amiri_faces()) == amiri_faces()

"""Every file read by one Pandoc process reads as `pandoc --from=READER` reads it alone, and an edit
re-reads only the edited file."""
from __future__ import annotations

import json

from nashr import read_many as module
from nashr.ast import stringify, walk
from nashr.pandoc import run_pandoc
from nashr.parse import READER, parse_project
from nashr.project import load_project

TEXTS = [
    "Smith et al. Coping with *tabs*:\n\n    code\twith\ttabs\n\n\tindented\r\n",  # abbreviations, tabs, CRLF
    "[x]: /a\n[x]: /b\n\nText [x].[^1]\n\n[^1]: First file's note.\n\n::: box\nunclosed\n",  # warnings
    "Text [x].[^1]\n\n[^1]: Second file's note, same label.\n",  # labels and references are per file
]


def test_each_text_reads_as_pandoc_reads_it_alone():
    readings = module.read_many(TEXTS, READER)
    for text, reading in zip(TEXTS, readings):
        output, messages = run_pandoc([f"--from={READER}", "--to=json"], text)
        assert reading.blocks == json.loads(output)["blocks"]
        assert reading.warnings == [message.removeprefix("[WARNING] ") for message in messages]
    assert "Duplicate link reference '[x]' at line 2 column 1" in readings[1].warnings
    third = readings[2].blocks
    assert "Second file’s note" in stringify(third)  # its own note 1, not the first file's
    assert not [node for node in walk(third) if node["t"] == "Link"]  # [x] is defined in another file


def test_an_edit_reads_only_the_edited_file_again(make_manuscript, tmp_path, monkeypatch):
    root = make_manuscript({"manuscript.yaml": "title: T\nlang: en\ncontents: [a.md, b.md]\n",
                            "a.md": "# A\n\nFirst.\n", "b.md": "# B\n\nSecond.\n"})
    cache = tmp_path / "out" / "cache"
    cache.parent.mkdir()  # readings are kept once a build has made the output folder's cache
    read: list[list[str]] = []
    original = module._read

    def recorded(reader: str, options, texts: list[str]):
        read.append(texts)
        return original(reader, options, texts)

    monkeypatch.setattr(module, "_read", recorded)
    first = parse_project(load_project(root), cache)
    (root / "b.md").write_text("# B\n\nSecond, edited.\n", encoding="utf-8")
    second = parse_project(load_project(root), cache)
    assert read == [["# A\n\nFirst.\n", "# B\n\nSecond.\n", "T"], ["# B\n\nSecond, edited.\n"]]  # "T": the title
    assert second.parts[0].blocks == first.parts[0].blocks
    assert "edited" in stringify(second.parts[1].blocks)
    assert len(list(cache.glob("*.json"))) == 3  # the reading of the old b.md is gone
    assert parse_project(load_project(root), cache).parts == second.parts and len(read) == 2

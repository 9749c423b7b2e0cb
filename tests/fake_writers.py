"""Writers for testing the engine without WeasyPrint: registered by the tests under names of their own."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from nashr.diagnostics import Diagnostic, Location, ManuscriptError
from nashr.document import Document
from nashr.writers import Written


class TextWriter:
    """The title and body text: fast, and it changes when the manuscript does."""

    name = "txt"
    extension = "txt"

    def write(self, document: Document, target: Path) -> Written:
        from nashr.ast import stringify

        text = document.metadata.title + "\n" + stringify(document.body_blocks())
        target.write_text(text, encoding="utf-8")
        return Written({"words": len(text.split())})


class NeedyWriter:
    """Made from the txt output of the same build: its text and the facts the txt writer returned."""

    name = extension = "needy"
    needs = ("txt",)

    def write(self, document: Document, target: Path, built: dict) -> None:
        txt = built["txt"]
        target.write_text(f"{txt.facts['words']} words: {txt.path.read_text(encoding='utf-8')}", encoding="utf-8")


class UsingWriter:
    """Reads the txt output's facts when the build makes it, and does without otherwise."""

    name = extension = "using"
    uses = ("txt",)

    def write(self, document: Document, target: Path, built: dict) -> None:
        txt = built.get("txt")
        target.write_text(f"{txt.facts['words']} words" if txt else "no txt", encoding="utf-8")


class SlowWriter:
    """Writes half an output, then takes its time: something to interrupt mid-write."""

    name = "slow"
    extension = "slow"

    def write(self, document: Document, target: Path) -> None:
        with open(target, "wb") as handle:
            handle.write(b"half of the new output")
            handle.flush()
            time.sleep(120)
            handle.write(b" and the rest")


class OtherSlowWriter(SlowWriter):
    name = extension = "slow2"


class FailingWriter:
    """Writes part of its output, then finds a problem."""

    name = extension = "failing"

    def write(self, document: Document, target: Path) -> None:
        target.write_bytes(b"partial")
        raise ManuscriptError([Diagnostic(Location(document.project.manifest, 1), "this writer always fails")])


class CrashingWriter:
    """Writes part of its output, then its process dies."""

    name = extension = "crashing"

    def write(self, document: Document, target: Path) -> None:
        target.write_bytes(b"partial")
        os._exit(3)


class GatedWriter:
    """The body text, held back until a gate file beside the manuscript folder exists: it says in
    `rendering` what it is writing, and adds each finished text to `finished`."""

    name = extension = "gated"

    def write(self, document: Document, target: Path) -> None:
        from nashr.ast import stringify

        text, beside = stringify(document.body_blocks()), document.project.root.parent
        (beside / "rendering").write_text(text, encoding="utf-8")
        deadline = time.monotonic() + 120
        while not (beside / "gate").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        target.write_text(text, encoding="utf-8")
        with open(beside / "finished", "a", encoding="utf-8") as finished:
            finished.write(text + "\n")


FAKES = {
    "txt": "tests.fake_writers:TextWriter",
    "needy": "tests.fake_writers:NeedyWriter",
    "using": "tests.fake_writers:UsingWriter",
    "slow": "tests.fake_writers:SlowWriter",
    "slow2": "tests.fake_writers:OtherSlowWriter",
    "failing": "tests.fake_writers:FailingWriter",
    "crashing": "tests.fake_writers:CrashingWriter",
    "gated": "tests.fake_writers:GatedWriter",
}


@pytest.fixture
def fakes(monkeypatch):
    """Register the fake writers for one test."""
    from nashr import writers

    for name, where in FAKES.items():
        monkeypatch.setitem(writers.WRITERS, name, where)

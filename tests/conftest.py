"""Shared fixtures: the bundled manuscript built once per test session, and small manuscripts."""
from __future__ import annotations

import shutil
import signal
import textwrap
from pathlib import Path

import pytest

from nashr.pipeline import build

# A test runner started in the background of a script inherits SIGINT ignored, and so would every build
# the tests start and then interrupt as Ctrl-C does: give the tests' own processes the default handling.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

REPO = Path(__file__).resolve().parent.parent
MANUSCRIPT = REPO / "manuscript"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every format of the bundled article, built once: {format: path}."""
    out = tmp_path_factory.mktemp("dist")
    from nashr.writers import formats

    return {output.format: output.path for output in build(MANUSCRIPT, out, formats())}


# Every test article: the bundled manuscript, the example and the articles of tests/data.
TEST_ARTICLES = {"bundled": MANUSCRIPT, "example": REPO / "examples" / "bilingual-sample",
                 **{path.name: path for path in sorted((REPO / "tests" / "data" / "articles").iterdir())
                    if (path / "manuscript.yaml").is_file()}}


@pytest.fixture(scope="session")
def every_format_of(tmp_path_factory: pytest.TempPathFactory, built):
    """A function giving every format of a test article (a name in TEST_ARTICLES), each article built
    once per test session, all its formats in one build: {format: path}."""
    from nashr.writers import formats

    outputs: dict[str, dict[str, Path]] = {"bundled": built}

    def every_format(name: str) -> dict[str, Path]:
        if name not in outputs:
            out = tmp_path_factory.mktemp(name)
            outputs[name] = {output.format: output.path for output in build(TEST_ARTICLES[name], out, formats())}
        return outputs[name]

    return every_format


@pytest.fixture
def make_manuscript(tmp_path: Path):
    """Write a manuscript folder from {relative path: text}; returns its path."""

    def make(files: dict[str, str], name: str = "ms") -> Path:
        root = tmp_path / name
        for relative, text in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return root

    return make


@pytest.fixture
def copy_of_manuscript(tmp_path: Path) -> Path:
    target = tmp_path / "manuscript"
    shutil.copytree(MANUSCRIPT, target)
    return target

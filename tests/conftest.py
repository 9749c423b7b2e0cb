"""Shared fixtures: the bundled manuscript built once per test session, and small manuscripts."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from nashr.pipeline import build

REPO = Path(__file__).resolve().parent.parent
MANUSCRIPT = REPO / "manuscript"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every format of the bundled article, built once: {format: path}."""
    out = tmp_path_factory.mktemp("dist")
    from nashr.writers import formats

    return {output.format: output.path for output in build(MANUSCRIPT, out, formats())}


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

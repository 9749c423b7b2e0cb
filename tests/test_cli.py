"""The command line on good and broken manuscripts: exit codes, messages, outputs left alone."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from nashr.cli import main

from .conftest import REPO

BROKEN = {
    "manuscript.yaml": """
        title: مقال
        lang: ar
        subtitle: "unclosed
        autors:
          - name: أحمد
        contents:
          - one.md
          - missing.md
    """,
    "one.md": """
        # مقدمة

        نص فيه هامش غير معرف[^nowhere] وهامش معرف[^ok].

        [^ok]: هامش.
        [^ok]: تكرار.
        [^unused]: لا أحد يستدعيه.
    """,
}


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run([sys.executable, "-m", "nashr", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_check_reports_every_problem_at_its_file_and_line(make_manuscript, tmp_path):
    root = make_manuscript(BROKEN)
    result = run(["check", str(root.relative_to(tmp_path))], cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    expected = [
        "ms/manuscript.yaml:3:11: error: YAML syntax error",
        "ms/manuscript.yaml:4: error: autors: unknown key 'autors'; did you mean 'authors'?",
        "ms/manuscript.yaml:8: error: contents: file 'missing.md' not found",
        "ms/one.md:3:21: error: note [^nowhere] is called but never defined",
        "ms/one.md:6: error: note label [^ok] is defined twice (first on line 5)",
        "ms/one.md:7: error: note [^unused] is defined but never called",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), f"missing: {start}\n{result.stderr}"
    assert lines[-1] == "nashr: 6 problems; nothing was written"


def test_failed_build_leaves_existing_outputs_untouched(make_manuscript, tmp_path):
    root = make_manuscript(BROKEN)
    dist = tmp_path / "dist"
    dist.mkdir()
    previous = dist / "ms.pdf"
    previous.write_bytes(b"%PDF-1.7 previous good build")
    result = run(["build", str(root), "-o", str(dist)], cwd=tmp_path)
    assert result.returncode == 1
    assert previous.read_bytes() == b"%PDF-1.7 previous good build"
    assert sorted(p.name for p in dist.iterdir()) == ["ms.pdf"]


def test_usage_errors_exit_2(tmp_path):
    assert main(["build", "-f", "nope"]) == 2
    assert main(["frobnicate"]) == 2


def test_missing_manuscript_folder_is_a_manuscript_problem(tmp_path, capsys):
    assert main(["check", str(tmp_path / "nowhere")]) == 1
    assert f"{tmp_path / 'nowhere'}: error: no such file or folder" in capsys.readouterr().err
    assert main(["check", str(tmp_path)]) == 1
    assert "no manuscript.yaml here; a manuscript is a folder holding manuscript.yaml" in capsys.readouterr().err


def test_build_py_without_a_command_builds(make_manuscript, tmp_path):
    root = make_manuscript({
        "manuscript.yaml": "title: Test\nlang: en\nslug: tiny\ncontents: [a.md]\n",
        "a.md": "# Intro\n\nText with a note.[^n]\n\n[^n]: The note.\n",
    })
    result = subprocess.run([sys.executable, str(REPO / "build.py"), str(root), "-o", str(tmp_path / "out"), "-f", "pdf"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "tiny.pdf").read_bytes().startswith(b"%PDF")
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.endswith(".tmp")]


def test_check_passes_on_the_bundled_manuscript_and_writes_nothing(copy_of_manuscript, tmp_path):
    before = sorted(tmp_path.rglob("*"))
    result = run(["check", str(copy_of_manuscript)], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(tmp_path.rglob("*")) == before

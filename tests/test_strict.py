"""`--strict` (like sphinx-build -W): a warning fails check, build and issue with exit 1 and nothing
written, even when the outputs were up to date; and a warning that recurs is printed once, with its
count and places."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from nashr.cli import main
from nashr.diagnostics import Diagnostic, Location, grouped

from .conftest import REPO
from .test_check_and_build_agree import BODY, LONG_TITLE
from .test_progress_watch import wait_until

IFRAME = '<iframe src="x"></iframe>'
WARNED = {"manuscript.yaml": "title: t\nlang: en\ncontents: [a.md, b.md]\n",
          "a.md": f"# One\n\nText {IFRAME} here.\n\nAgain {IFRAME}.\n",
          "b.md": f"# Two\n\nAnd {IFRAME}.\n"}


def run(capsys, *args: str) -> tuple[int, list[str]]:
    code = main(list(args))
    return code, capsys.readouterr().err.splitlines()


def test_check_fails_on_a_warning_only_with_strict(make_manuscript, capsys):
    root = make_manuscript(WARNED)
    code, lines = run(capsys, "check", str(root))
    assert code == 0
    (warning,) = lines  # three warnings, one line
    assert warning.startswith(f"{root / 'a.md'}:3: warning: raw HTML left out: <iframe>"), warning
    assert warning.endswith(f"(3 times: also at {root / 'a.md'}:5, {root / 'b.md'}:3)"), warning
    code, lines = run(capsys, "check", "--strict", str(root))
    assert code == 1 and lines[0] == warning
    assert lines[-1].startswith("nashr: 3 warnings, which --strict makes errors"), lines


def test_a_strict_build_writes_nothing_even_when_the_outputs_are_up_to_date(make_manuscript, tmp_path, capsys):
    root = make_manuscript(WARNED)
    out = tmp_path / "out"
    assert run(capsys, "build", str(root), "-o", str(out), "-f", "docx", "-q", "--strict")[0] == 1
    assert not (out / "ms.docx").exists()
    code, lines = run(capsys, "build", str(root), "-o", str(out), "-f", "docx", "-q")
    assert code == 0 and len(lines) == 1 and (out / "ms.docx").is_file()
    written = (out / "ms.docx").stat().st_mtime_ns
    code, lines = run(capsys, "build", str(root), "-o", str(out), "-f", "docx", "-q", "--strict")
    assert code == 1 and "raw HTML left out" in lines[0] and "--strict" in lines[-1]
    assert (out / "ms.docx").stat().st_mtime_ns == written  # the last good output stays

    for name in ("a.md", "b.md"):
        (root / name).write_text((root / name).read_text(encoding="utf-8").replace(IFRAME, ""), encoding="utf-8")
    assert run(capsys, "build", str(root), "-o", str(out), "-f", "docx", "-q", "--strict") == (0, [])
    assert (out / "ms.docx").stat().st_mtime_ns != written


def test_a_writers_warning_keeps_its_output_back_with_strict(make_manuscript, tmp_path, capsys):
    """A running head on two lines is found only by laying out the PDF: the PDF is not written."""
    root = make_manuscript({"manuscript.yaml": f"title: {LONG_TITLE}\nlang: ar\ncontents: [a.md]\n", "a.md": BODY})
    code, lines = run(capsys, "build", str(root), "-o", str(tmp_path / "out"), "-f", "pdf", "-q", "--strict")
    assert code == 1 and any("running head" in line for line in lines), lines
    assert not (tmp_path / "out" / "ms.pdf").exists()


def test_a_repeated_message_names_its_first_places_and_counts_the_rest():
    places = [Location(Path(f"{name}.md"), line) for name in "abcdef" for line in (1,)]
    warnings = [Diagnostic(place, "same", "warning") for place in places] + [Diagnostic(places[0], "other", "warning")]
    assert [str(d) for d in grouped(warnings)] == [
        "a.md:1: warning: same (6 times: also at b.md:1, c.md:1, d.md:1, e.md:1 and 1 more)",
        "a.md:1: warning: other"]
    assert [str(d) for d in grouped([warnings[0], warnings[0]])] == ["a.md:1: warning: same (2 times)"]


def test_a_strict_watch_keeps_outputs_back_while_there_are_warnings(make_manuscript, tmp_path):
    root = make_manuscript(WARNED)
    out, log = tmp_path / "out", tmp_path / "watch.log"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with open(log, "w") as stream:
        process = subprocess.Popen([sys.executable, "-m", "nashr", "watch", str(root), "-o", str(out), "-f", "docx",
                                    "--strict"], env=env, stdout=stream, stderr=subprocess.STDOUT)
    try:
        wait_until(lambda: "which --strict makes errors" in log.read_text(), process, "the strict report")
        assert "(3 times: also at" in log.read_text() and not (out / "ms.docx").exists()
        for name in ("a.md", "b.md"):
            (root / name).write_text("# Clean\n\nText.\n", encoding="utf-8")
        wait_until((out / "ms.docx").exists, process, "the build once the warnings are gone")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    assert process.returncode == 0

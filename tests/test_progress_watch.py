"""What the person waiting sees: plain lines in a pipe, live lines on a terminal, -q and -v; and
`nashr watch` rebuilding on save, surviving a broken state, keeping the last good output."""
from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import time

from nashr.cli import main
from nashr.progress import LiveProgress, PlainProgress, Progress, reporter
from nashr.watch import watch
from nashr.writers import formats

from .conftest import REPO
from .engine_helpers import manifest
from .fake_writers import fakes  # noqa: F401 - a fixture
from .pdf_inspect import pdftotext

ARTICLE = {"manuscript.yaml": manifest(), "a.md": "# Intro\n\nText.[^n]\n\n[^n]: A note.\n"}


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_reporter_fits_the_stream_and_flags():
    assert type(reporter(quiet=True, stream=Terminal())) is Progress
    assert isinstance(reporter(stream=io.StringIO()), PlainProgress)
    live = reporter(stream=Terminal())
    assert isinstance(live, LiveProgress)
    live.close()


def test_live_progress_redraws_one_line_per_format():
    screen = Terminal()
    live = LiveProgress(screen)
    live.stage("manuscript", "parsing")
    live.stage("pdf", "rendering")
    time.sleep(0.25)
    live.done("pdf", "wrote dist/t.pdf (1.0 s)")
    live.close()
    output = screen.getvalue()
    assert "\x1b[2F" in output  # moved back up over the two lines to redraw them
    assert "rendering  0." in output  # with its running time
    last_frame = output.rsplit("\x1b[J", 1)[-1]
    assert last_frame.count("\n") == 2 and "wrote dist/t.pdf" in last_frame


def test_plain_quiet_and_verbose_builds(make_manuscript, tmp_path, capsys):
    root = make_manuscript(ARTICLE)
    out = str(tmp_path / "out")
    assert main(["build", str(root), "-o", out]) == 0
    assert "nashr: pdf: wrote" in capsys.readouterr().out
    assert main(["build", str(root), "-o", out, "-v"]) == 0
    assert capsys.readouterr().out.splitlines() == [f"nashr: {name}: up to date" for name in formats()]
    assert main(["build", str(root), "-o", out, "-q", "--force"]) == 0
    assert capsys.readouterr().out == ""
    assert main(["build", str(root), "-o", out, "-v", "--force"]) == 0
    assert "nashr: pdf: rendering because --force" in capsys.readouterr().out


def wait_until(condition, process: subprocess.Popen, what: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        assert process.poll() is None, f"watch exited while waiting for {what}"
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_watch_rebuilds_on_save_and_survives_a_broken_state(make_manuscript, tmp_path):
    root = make_manuscript(ARTICLE)
    out = tmp_path / "out"
    pdf = out / "t.pdf"
    log = tmp_path / "watch.log"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with open(log, "w") as stream:
        process = subprocess.Popen([sys.executable, "-m", "nashr", "watch", str(root), "-o", str(out)],
                                   env=env, stdout=stream, stderr=subprocess.STDOUT)
    try:
        wait_until(pdf.exists, process, "the first build")
        first = pdf.read_bytes()

        (root / "a.md").write_text("# Intro\n\nEdited text.[^n]\n\n[^n]: A note.\n", encoding="utf-8")
        wait_until(lambda: pdf.read_bytes() != first, process, "the rebuild after an edit")
        good = pdf.read_bytes()

        (root / "a.md").write_text("# Intro\n\nBroken[^missing].\n", encoding="utf-8")
        wait_until(lambda: "is called but never defined" in log.read_text(), process, "the problem report")
        assert pdf.read_bytes() == good
        assert "last good outputs are unchanged" in log.read_text()

        (root / "a.md").write_text("# Intro\n\nFixed.\n", encoding="utf-8")
        wait_until(lambda: pdf.read_bytes() != good, process, "the rebuild after the fix")
        assert process.poll() is None
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    assert process.returncode == 0
    assert "stopped watching" in log.read_text()
    assert not list(out.glob(".*.tmp"))


def test_watch_puts_the_text_of_each_save_into_the_pdf(make_manuscript, tmp_path):
    root = make_manuscript(ARTICLE)
    pdf = tmp_path / "out" / "t.pdf"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with open(tmp_path / "watch.log", "w") as stream:
        process = subprocess.Popen([sys.executable, "-m", "nashr", "watch", str(root), "-o", str(tmp_path / "out"),
                                    "-f", "pdf"], env=env, stdout=stream, stderr=subprocess.STDOUT)
    try:
        wait_until(pdf.exists, process, "the first build")
        assert "Text." in pdftotext(pdf)
        for word in ("quokka", "zanzibar"):  # the second rebuild is the warm worker's second document
            (root / "a.md").write_text(f"# Intro\n\nA {word} here.[^n]\n\n[^n]: A note.\n", encoding="utf-8")
            wait_until(lambda: word in pdftotext(pdf), process, f"the PDF with {word}")
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    assert process.returncode == 0
    assert "quokka" not in pdftotext(pdf) and "A note." in pdftotext(pdf)


def test_a_save_during_a_build_abandons_it_for_the_newest_text(fakes, make_manuscript, tmp_path):
    """Two saves while the first's build is held: that build is dropped, the output has the last text."""
    root = make_manuscript({"manuscript.yaml": manifest(), "a.md": "First.\n"})
    out, gate = tmp_path / "out", tmp_path / "gate"
    target, rendering = out / "t.gated", tmp_path / "rendering"
    gate.touch()
    log, problems, stop = io.StringIO(), [], threading.Event()
    thread = threading.Thread(target=watch, args=(root, out, ["gated"], lambda: PlainProgress(log, verbose=True),
                                                  problems.append), kwargs={"keep_going": lambda: not stop.is_set()})
    thread.start()

    def settle(condition, what: str) -> None:
        deadline = time.monotonic() + 120
        while not condition():
            assert thread.is_alive() and time.monotonic() < deadline, f"waiting for {what}"
            time.sleep(0.05)

    try:
        settle(lambda: target.exists() and target.read_text(encoding="utf-8") == "First.", "the first build")
        gate.unlink()
        (root / "a.md").write_text("Second.\n", encoding="utf-8")
        settle(lambda: rendering.read_text(encoding="utf-8") == "Second.", "the build of the first save")
        (root / "a.md").write_text("Third.\n", encoding="utf-8")
        settle(lambda: rendering.read_text(encoding="utf-8") == "Third.", "the build of the second save")
        gate.touch()
        settle(lambda: target.read_text(encoding="utf-8") == "Third.", "the output of the second save")
    finally:
        stop.set()
        thread.join(timeout=60)
    assert not thread.is_alive() and problems == []
    assert (tmp_path / "finished").read_text(encoding="utf-8").split() == ["First.", "Third."]
    assert "abandoned" in log.getvalue()
    assert not list(out.glob(".*.tmp"))

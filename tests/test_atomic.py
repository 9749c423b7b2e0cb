"""Outputs are replaced all together or not at all: a failing writer, a crashing worker, SIGTERM in the
middle of writing, a killed build — the previous outputs stay byte-for-byte and no temporary file stays."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nashr.diagnostics import ManuscriptError
from nashr.output import remove_stale_temporaries
from nashr.parallel import WriterFailed
from nashr.pipeline import build

from .conftest import REPO
from .engine_helpers import manifest
from .fake_writers import fakes  # noqa: F401 - a fixture

OLD = {"t.txt": b"old text output", "t.failing": b"old failing output", "t.crashing": b"old crash output",
       "t.slow": b"old slow output", "t.slow2": b"old slow2 output", "t.pdf": b"%PDF old good output"}


@pytest.fixture
def ms(make_manuscript) -> Path:
    return make_manuscript({"manuscript.yaml": manifest(), "a.md": "# Intro\n\nText.[^n]\n\n[^n]: A note.\n"})


def previous_outputs(out: Path) -> dict[str, bytes]:
    out.mkdir(exist_ok=True)
    for name, data in OLD.items():
        (out / name).write_bytes(data)
    return dict(OLD)


def assert_untouched(out: Path, before: dict[str, bytes]) -> None:
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("formats", [["failing"], ["txt", "failing"], ["failing", "txt"]])
def test_a_failing_writer_replaces_nothing(fakes, ms, tmp_path, formats):
    out = tmp_path / "out"
    before = previous_outputs(out)
    with pytest.raises(ManuscriptError, match="always fails"):
        build(ms, out, formats)
    assert_untouched(out, before)


def test_a_crashing_worker_replaces_nothing(fakes, ms, tmp_path):
    out = tmp_path / "out"
    before = previous_outputs(out)
    with pytest.raises(WriterFailed, match="crashing writer's process died"):
        build(ms, out, ["txt", "crashing"])
    assert_untouched(out, before)


def test_parallel_formats_are_all_written_when_all_succeed(fakes, ms, tmp_path):
    out = tmp_path / "out"
    outputs = build(ms, out, ["txt", "pdf"])
    assert [o.path.name for o in outputs] == ["t.txt", "t.pdf"]
    assert (out / "t.txt").read_text(encoding="utf-8").startswith("Test article")
    assert (out / "t.pdf").read_bytes().startswith(b"%PDF")
    assert not list(out.glob("*.tmp")) and not list(out.glob(".*.tmp"))


SCRIPT = """
import sys
from nashr import writers
from tests.fake_writers import FAKES
writers.WRITERS.update(FAKES)
from nashr.cli import main
sys.exit(main(sys.argv[1:]))
"""


def start_build(ms: Path, out: Path, formats: list[str]) -> subprocess.Popen:
    """The build in a session of its own, so that a signal to its group reaches its workers too, as
    Ctrl-C in a terminal does."""
    env = {**os.environ, "PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{REPO}"}
    arguments = [a for name in formats for a in ("-f", name)]
    return subprocess.Popen([sys.executable, "-c", SCRIPT, "build", str(ms), "-o", str(out), *arguments],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def wait_for_temporaries(out: Path, count: int, process: subprocess.Popen, filled: bool) -> None:
    """Wait until `count` temporary outputs exist (and hold bytes, when `filled`)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        temporaries = list(out.glob(".*.tmp"))
        if len(temporaries) >= count and (not filled or all(p.stat().st_size for p in temporaries)):
            return
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    raise AssertionError("the build never started writing")


@pytest.mark.parametrize("formats, filled, how", [
    (["slow"], True, "SIGTERM"), (["slow", "slow2"], True, "SIGTERM"), (["pdf"], False, "SIGTERM"),
    (["slow", "slow2"], True, "Ctrl-C"),
])
def test_an_interrupt_mid_write_leaves_the_previous_outputs(ms, tmp_path, formats, filled, how):
    out = tmp_path / "out"
    before = previous_outputs(out)
    process = start_build(ms, out, formats)
    wait_for_temporaries(out, len(formats), process, filled)
    if how == "Ctrl-C":
        os.killpg(process.pid, signal.SIGINT)  # the whole process group, workers included
    else:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted; previous outputs are unchanged" in stderr
    assert_untouched(out, before)
    assert running_in_group(process.pid) == []  # no worker outlived the build


def running_in_group(group: int, grace: float = 5.0) -> list[str]:
    """The processes of process group `group` still running (not zombies) after up to `grace` seconds:
    a worker killed as the build ends may take a moment to go, and a zombie handed to a PID 1 that
    does not reap (a container's shell) runs nothing."""
    deadline = time.monotonic() + grace
    while True:
        running = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                name, fields = stat.read_text().rsplit(")", 1)
            except OSError:
                continue
            state, _, pgrp = fields.split()[:3]
            if int(pgrp) == group and state != "Z":
                running.append(name.split("(", 1)[1])
        if not running or time.monotonic() > deadline:
            return running
        time.sleep(0.05)


def test_temporaries_of_a_killed_build_are_removed_by_the_next(fakes, ms, tmp_path):
    out = tmp_path / "out"
    before = previous_outputs(out)
    process = start_build(ms, out, ["slow"])
    wait_for_temporaries(out, 1, process, True)
    process.kill()  # SIGKILL: no chance to clean up
    process.wait()
    [leftover] = out.glob(".*.tmp")
    remove_stale_temporaries(out)
    assert not leftover.exists()
    assert_untouched(out, before)
    build(ms, out, ["txt"])
    assert (out / "t.txt").read_bytes() != OLD["t.txt"]

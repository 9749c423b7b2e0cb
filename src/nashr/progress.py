"""What a build tells the person waiting for it.

On a terminal: one live line per stage or format (`pdf  rendering  2.1 s`), redrawn in place while the
work goes on. Elsewhere (a log, CI, a pipe): one plain line per finished step. `-q` prints nothing but
problems; `-v` adds why each format is (or is not) rendered and how long each stage took.
"""
from __future__ import annotations

import shutil
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import TextIO


class Progress:
    """Silent: the base every reporter extends, and what the pipeline uses when nobody listens."""

    def stage(self, name: str, text: str) -> None:
        """`name` (a format, or "manuscript") has reached the stage `text`."""

    def done(self, name: str, text: str) -> None:
        """`name` is finished; `text` says how (wrote …, up to date)."""

    def detail(self, text: str) -> None:
        """Something only `-v` shows."""

    def close(self) -> None:
        """The build is over."""


class PlainProgress(Progress):
    """One line per finished step: for logs and pipes."""

    def __init__(self, stream: TextIO, verbose: bool = False):
        self.stream = stream
        self.verbose = verbose

    def stage(self, name: str, text: str) -> None:
        if self.verbose:
            self._print(f"{name}: {text}")

    def done(self, name: str, text: str) -> None:
        self._print(f"{name}: {text}")

    def detail(self, text: str) -> None:
        if self.verbose:
            self._print(text)

    def _print(self, text: str) -> None:
        print(f"nashr: {text}", file=self.stream, flush=True)


@dataclass
class _Line:
    name: str
    text: str
    started: float = field(default_factory=time.perf_counter)
    finished: bool = False

    def render(self) -> str:
        if self.finished:
            return f"  {self.name:<10} {self.text}"
        return f"  {self.name:<10} {self.text}  {time.perf_counter() - self.started:.1f} s"


class LiveProgress(Progress):
    """One line per stage or format, redrawn in place with its running time."""

    TICK = 0.1

    def __init__(self, stream: TextIO, verbose: bool = False):
        self.stream = stream
        self.verbose = verbose
        self._lines: dict[str, _Line] = {}
        self._drawn = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker = threading.Thread(target=self._tick, daemon=True)
        self._ticker.start()

    def stage(self, name: str, text: str) -> None:
        with self._lock:
            line = self._lines.get(name)
            if line is None or line.finished:
                self._lines[name] = _Line(name, text)
            else:
                line.text = text
            self._redraw()

    def done(self, name: str, text: str) -> None:
        with self._lock:
            self._lines[name] = _Line(name, text, finished=True)
            self._redraw()

    def detail(self, text: str) -> None:
        if not self.verbose:
            return
        with self._lock:
            self._erase()
            print(f"nashr: {text}", file=self.stream)
            self._redraw()

    def close(self) -> None:
        self._stop.set()
        self._ticker.join()
        with self._lock:
            self._redraw()

    def _tick(self) -> None:
        while not self._stop.wait(self.TICK):
            with self._lock:
                if any(not line.finished for line in self._lines.values()):
                    self._redraw()

    def _erase(self) -> None:
        if self._drawn:
            self.stream.write(f"\x1b[{self._drawn}F\x1b[J")
        self._drawn = 0

    def _redraw(self) -> None:
        self._erase()
        width = shutil.get_terminal_size().columns - 1  # a wrapped line would break the redraw
        for line in self._lines.values():
            self.stream.write(f"\x1b[2K{line.render()[:width]}\n")
        self._drawn = len(self._lines)
        self.stream.flush()


def reporter(quiet: bool = False, verbose: bool = False, stream: TextIO | None = None) -> Progress:
    """The reporter that suits `stream` (standard output by default) and the -q/-v flags."""
    stream = stream or sys.stdout
    if quiet:
        return Progress()
    if stream.isatty():
        return LiveProgress(stream, verbose)
    return PlainProgress(stream, verbose)

"""Long-lived writer processes for `nashr watch`: one per format, kept from one build to the next.

A cold build spends much of its time before any layout: starting Python, importing WeasyPrint, loading
the fonts and parsing the stylesheets. A watcher's worker does that once (`preload`, and the writer's
optional `warm()`: the PDF writer keeps its fonts and stylesheets, writers/pdf/), then renders each
document it is sent.

Processes, not threads: WeasyPrint's fixes (nashr.weasyprint_fixes, weasyprint_fixes/text_layer) patch its
modules while a render runs, which is per process and not thread-safe; and a render that a newer save
has made obsolete can only be stopped by stopping its process. Workers come from a multiprocessing
fork server that has imported the writers once — the watcher itself has threads (file events, the
preview's server) and must not fork — so a replacement is ready in a few hundredths of a second.
The writers an editor is not waiting for run at a lower priority when the PDF is built too (and the
watcher sends them their document once the PDF is written).
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
from pathlib import Path

from nashr.document import Document
from nashr.parallel import outcome, worker_signals, write_with
from nashr.writers import WRITERS, Built, get_writer, load_writer, preload

BACKGROUND_NICENESS = 10  # added to the priority of the formats the PDF goes before


def context(formats: list[str]):
    """A fork server that has imported the writers of `formats` and what they preload, where the
    platform has one; else fresh interpreters."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    modules = [__name__]
    for name in formats:
        modules += [WRITERS[name].split(":")[0], *getattr(get_writer(name), "preload", ())]
    forkserver = multiprocessing.get_context("forkserver")
    forkserver.set_forkserver_preload(list(dict.fromkeys(modules)))
    return forkserver


class Worker:
    """One format's writer process: send it documents, wait on `connection`, then `receive()`."""

    def __init__(self, mp_context, format: str, options: dict[str, object], background: bool):  # noqa: A002
        self.format = format
        self._start_args = (mp_context, options, background)
        self._start()

    def _start(self) -> None:
        mp_context, options, background = self._start_args
        self.connection, child = mp_context.Pipe()
        # the writer by its "module:Class", so one registered in this process only is found there too
        self.process = mp_context.Process(target=_serve, args=(WRITERS[self.format], options, background, child),
                                          daemon=True, name=f"nashr-watch-{self.format}")
        self.process.start()
        child.close()

    def submit(self, document: Document, temporary: Path, built: dict[str, Built]) -> None:
        """Render `document` into `temporary` (given the outputs it needs); the result comes back on
        `connection`."""
        try:
            self.connection.send((document, temporary, built))
        except OSError:  # the process died while it waited
            self.restart()
            self.connection.send((document, temporary, built))

    def receive(self) -> tuple[str, object]:
        """The outcome of the last document sent (see parallel.outcome); a process that died is replaced."""
        try:
            return self.connection.recv()
        except EOFError:
            self.process.join()
            code = self.process.exitcode
            self.restart()
            return "failed", f"the {self.format} writer's process died (exit code {code})"

    def restart(self) -> None:
        """Stop the process, whatever it is doing, and start a fresh one."""
        self.stop()
        self._start()

    def stop(self) -> None:
        self.process.terminate()
        self.process.join()
        self.connection.close()


def _serve(spec: str, options: dict[str, object], background: bool,
           connection: multiprocessing.connection.Connection) -> None:
    """The worker: get warm, then write each document it is sent until the watcher goes away."""
    worker_signals()
    if background and hasattr(os, "nice"):
        os.nice(BACKGROUND_NICENESS)
    preload(spec)
    writer = load_writer(spec, options)
    try:
        getattr(writer, "warm", lambda: None)()
    except Exception:  # noqa: BLE001 - the writer reports it when it runs
        pass
    while True:
        try:
            document, temporary, built = connection.recv()
        except EOFError:
            return
        connection.send(outcome(lambda: write_with(writer, document, temporary, built)))

"""Render several formats at once, one worker process per format.

The transformed Document is plain data, so each worker receives it whole (by fork where the platform
has it, else by pickling) and writes its format into the temporary path the pipeline gave it. The
parent only waits: a worker that fails sends its problems back, one that dies is noticed by its exit,
and when the parent is interrupted (Ctrl-C, SIGTERM) it stops every worker and waits for it to be gone
before the pipeline deletes the temporary files, so no worker can write one again afterwards.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from nashr.diagnostics import Diagnostic, ManuscriptError
from nashr.document import Document
from nashr.writers import get_writer


@dataclass(frozen=True)
class Job:
    format: str
    temporary: Path
    options: dict[str, object] = field(default_factory=dict)  # the writer's keyword arguments


class WriterFailed(Exception):
    """A writer raised something other than ManuscriptError (a bug in nashr) or its process died."""


Event = Callable[[str, float], None]  # (format, seconds since it started)


def write_one(document: Document, job: Job) -> None:
    get_writer(job.format, job.options).write(document, job.temporary)


def render(document: Document, jobs: list[Job], started: Event, finished: Event) -> None:
    """Write every job; raise ManuscriptError with all writers' problems, or WriterFailed."""
    if len(jobs) == 1:
        begin = time.perf_counter()
        started(jobs[0].format, 0.0)
        write_one(document, jobs[0])
        finished(jobs[0].format, time.perf_counter() - begin)
        return
    _render_in_processes(document, jobs, started, finished)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def worker_signals() -> None:
    """In a worker process: Ctrl-C is for the parent, which stops its workers with SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def outcome(write: Callable[[], None]) -> tuple[str, object]:
    """What a worker sends back: ("ok", None), ("problems", diagnostics) or ("failed", traceback)."""
    try:
        write()
    except ManuscriptError as exc:
        return "problems", exc.diagnostics
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        return "failed", traceback.format_exc()
    return "ok", None


def _worker(document: Document, job: Job, connection) -> None:
    worker_signals()
    connection.send(outcome(lambda: write_one(document, job)))


def _render_in_processes(document: Document, jobs: list[Job], started: Event, finished: Event) -> None:
    context = _context()
    running: dict[object, tuple[Job, object, object, float]] = {}
    problems: list[Diagnostic] = []
    failures: list[str] = []
    try:
        for job in jobs:
            receiver, sender = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(document, job, sender), daemon=True,
                                      name=f"nashr-{job.format}")
            process.start()
            sender.close()
            running[receiver] = (job, process, receiver, time.perf_counter())
            started(job.format, 0.0)
        while running:
            for receiver in multiprocessing.connection.wait(list(running)):
                job, process, _, begin = running.pop(receiver)
                try:
                    status, payload = receiver.recv()
                except EOFError:
                    process.join()
                    failures.append(f"the {job.format} writer's process died (exit code {process.exitcode})")
                    continue
                process.join()
                if status == "problems":
                    problems.extend(payload)
                elif status == "failed":
                    failures.append(f"the {job.format} writer failed:\n{payload}")
                else:
                    finished(job.format, time.perf_counter() - begin)
    finally:
        for _, process, receiver, _ in running.values():
            process.terminate()
        for _, process, receiver, _ in running.values():
            process.join()
            receiver.close()
    if failures:
        raise WriterFailed("\n".join(failures))
    if problems:
        raise ManuscriptError(problems)

"""Render several formats at once, one worker process per format.

The transformed Document is plain data, so each worker receives it whole (by fork where the platform
has it, else by pickling) and writes its format into the temporary path the pipeline gave it, sending
back the facts its writer returned (writers.Built). The
parent only waits: a worker that fails sends its problems back, one that dies is noticed by its exit,
and when the parent is interrupted (Ctrl-C, SIGTERM) it stops every worker and waits for it to be gone
before the pipeline deletes the temporary files, so no worker can write one again afterwards.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from nashr.diagnostics import Diagnostic, ManuscriptError
from nashr.document import Document
from nashr.writers import Built, Writer, Written, get_writer


@dataclass(frozen=True)
class Job:
    format: str
    temporary: Path
    options: dict[str, object] = field(default_factory=dict)  # the writer's keyword arguments
    built: dict[str, Built] = field(default_factory=dict)  # the outputs this format needs


class WriterFailed(Exception):
    """A writer raised something other than ManuscriptError (a bug in nashr) or its process died."""


Event = Callable[[str, float], None]  # (format, seconds since it started)


def write_one(document: Document, job: Job) -> Written:
    return write_with(get_writer(job.format, job.options), document, job.temporary, job.built)


def write_with(writer: Writer, document: Document, temporary: Path, built: dict[str, Built]) -> Written:
    """What `writer` returns for `document` written to `temporary`, given the outputs it needs."""
    needed = (built,) if getattr(writer, "needs", ()) or getattr(writer, "uses", ()) else ()
    return writer.write(document, temporary, *needed) or Written()


@contextlib.contextmanager
def failures_as_bugs(format: str) -> Iterator[None]:
    """Let ManuscriptError through; turn any other exception of the `format` writer (a bug in nashr)
    into WriterFailed, as a worker process reports it."""
    try:
        yield
    except ManuscriptError:
        raise
    except Exception:  # noqa: BLE001 - reported as a bug, with its traceback
        raise WriterFailed(f"the {format} writer failed:\n{traceback.format_exc()}") from None


def render(document: Document, jobs: list[Job], started: Event, finished: Event) -> dict[str, Written]:
    """Write every job and return what each writer returned (facts, warnings); raise ManuscriptError
    with all writers' problems, or WriterFailed."""
    if len(jobs) == 1:  # in this process, failing as a worker process would
        begin = time.perf_counter()
        started(jobs[0].format, 0.0)
        with failures_as_bugs(jobs[0].format):
            written = write_one(document, jobs[0])
        finished(jobs[0].format, time.perf_counter() - begin)
        return {jobs[0].format: written}
    return _render_in_processes(document, jobs, started, finished)


def _context():
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def worker_signals() -> None:
    """In a worker process: Ctrl-C is for the parent, which stops its workers with SIGTERM."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def outcome(write: Callable[[], Written]) -> tuple[str, object]:
    """What a worker sends back: ("ok", what the writer returned), ("problems", diagnostics) or
    ("failed", traceback)."""
    try:
        written = write()
    except ManuscriptError as exc:
        return "problems", exc.diagnostics
    except BaseException:  # noqa: BLE001 - reported to the parent, which raises it
        return "failed", traceback.format_exc()
    return "ok", written


def _worker(document: Document, job: Job, connection) -> None:
    worker_signals()
    connection.send(outcome(lambda: write_one(document, job)))


def _render_in_processes(document: Document, jobs: list[Job], started: Event, finished: Event) -> dict[str, Written]:
    context = _context()
    running: dict[object, tuple[Job, object, object, float]] = {}
    written: dict[str, Written] = {}
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
                    written[job.format] = payload
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
    return written

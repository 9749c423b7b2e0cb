"""Where the article builds run: a local process pool, or a Dask distributed cluster.

Both are `concurrent.futures` executors (Dask's `Client.get_executor()` is one), so the issue builder
has one code path; an article build is a pure function of its job, so either gives the same bytes.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import Executor, ProcessPoolExecutor
from typing import Iterator


@contextlib.contextmanager
def executor(scheduler: str | None = None, workers: int | None = None) -> Iterator[Executor]:
    """A local pool of `workers` processes (default: one per core), or the Dask cluster whose scheduler
    listens at `scheduler` (e.g. tcp://127.0.0.1:8786)."""
    if scheduler:
        try:
            from distributed import Client
        except ImportError:
            raise SystemExit("nashr: --scheduler needs Dask: pip install 'nashr[cluster]'") from None
        with Client(scheduler, set_as_default=False) as client:
            yield client.get_executor(pure=False)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    with ProcessPoolExecutor(max_workers=workers or os.cpu_count() or 1, mp_context=context) as pool:
        yield pool


def slots(pool: Executor) -> int:
    """How many jobs `pool` runs at once: a local pool's processes, or the threads of the Dask
    cluster's workers (the issue builder sends no more, so its guesses of first pages stay few)."""
    client = getattr(pool, "_client", None)  # distributed's ClientExecutor
    if client is not None:
        return max(1, sum(client.nthreads().values()))
    return getattr(pool, "_max_workers", None) or os.cpu_count() or 1

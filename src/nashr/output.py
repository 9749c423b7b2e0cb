"""Write outputs atomically: into temporary files beside the targets, renamed into place on success.

A failed, interrupted or crashed build therefore never leaves a half-written file and never replaces
a previous good output. When several formats are built, none is replaced unless all succeeded.
Temporary names carry the building process's id (`.<name>.<pid>.XXXX.tmp`), so one left by a process
that was killed outright (SIGKILL, power loss) is recognised and removed by the next build.
"""
from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Iterator

TEMPORARY = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")


@contextlib.contextmanager
def atomic_outputs(targets: list[Path]) -> Iterator[list[Path]]:
    """Yield one temporary path per target, in the target's folder; rename each to its target if the
    block succeeds, delete them all whatever happens."""
    temporaries: list[Path] = []
    try:
        for target in targets:
            temporaries.append(temporary_for(target))
        yield temporaries
        for temporary, target in zip(temporaries, targets):
            publish(temporary, target)
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)


def temporary_for(target: Path) -> Path:
    """A new empty temporary file beside `target`, named for this process (see the module docstring)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    return Path(name)


def publish(temporary: Path, target: Path) -> None:
    """Rename a finished temporary file onto its target (one atomic step)."""
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; rename it to `target` if the block succeeds."""
    with atomic_outputs([target]) as (temporary,):
        yield temporary


def remove_stale_temporaries(folder: Path) -> None:
    """Delete temporary outputs whose building process no longer exists."""
    if not folder.is_dir():
        return
    for path in folder.glob(".*.tmp"):
        match = TEMPORARY.match(path.name)
        if match and not _alive(int(match.group(1))):
            path.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

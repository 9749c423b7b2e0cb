"""Running the Pandoc that pypandoc-binary bundles, the one way every build stage does.

Why not pypandoc's `convert_text`: when a build is interrupted (Ctrl-C, SIGTERM) while Pandoc runs,
it leaves the Pandoc process running, orphaned; here it is killed and reaped before the interruption
goes on. Pandoc's warnings come back as text, one per line, for the caller to locate.
"""
from __future__ import annotations

import os
import subprocess
from functools import cache
from pathlib import Path


class PandocFailed(Exception):
    """Pandoc exited with an error; the message is what it printed."""


@cache
def pandoc_path() -> str:
    """The bundled binary (or the one `PYPANDOC_PANDOC` names, as pypandoc honours it). Asking
    pypandoc would run every Pandoc it can find with `--version`, a process per build, and prefer a
    newer one on the PATH, so the outputs would depend on what else is installed."""
    import importlib.util

    if chosen := os.environ.get("PYPANDOC_PANDOC"):
        return chosen
    spec = importlib.util.find_spec("pypandoc")
    name = "pandoc.exe" if os.name == "nt" else "pandoc"
    bundled = Path(spec.origin).parent / "files" / name if spec and spec.origin else None
    if bundled and os.access(bundled, os.X_OK):
        return str(bundled)
    import pypandoc

    return pypandoc.get_pandoc_path()


def run_pandoc(arguments: list[str], source: str, cwd: Path | None = None) -> tuple[str, list[str]]:
    """Pandoc's output for `source` (always sandboxed: it reads no file it is not given), and its warnings."""
    process = subprocess.Popen([pandoc_path(), "--sandbox", *arguments], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
    try:
        stdout, stderr = process.communicate(source.encode("utf-8"))
    except BaseException:  # interrupted: subprocess.run would wait only 0.25 s for the killed Pandoc
        process.kill()
        process.wait()
        raise
    messages = stderr.decode("utf-8", errors="replace")
    if process.returncode != 0:
        raise PandocFailed(messages.strip() or f"Pandoc exited with status {process.returncode}")
    warnings = [line.strip() for line in messages.splitlines() if line.strip()]
    return stdout.decode("utf-8"), warnings

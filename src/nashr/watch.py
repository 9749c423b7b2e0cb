"""`nashr watch`: build, then build again whenever a manuscript file (or one of nashr's templates and
styles) is saved.

Changes are found by polling `stat()` — no dependency, and it works on network mounts and with editors
that save by writing a new file and renaming it. A burst of saves (save-all, a `git checkout`) gives one
build: after a change, the watcher waits until the files have stayed the same for `DEBOUNCE` seconds.
A build that fails prints its problems and the watcher goes on; since outputs are replaced only by a
complete build, the last good outputs stay in place. The cache makes each rebuild render only the formats
the change concerns.
"""
from __future__ import annotations

import time
from pathlib import Path
from typing import Callable

from nashr.diagnostics import ManuscriptError, display_path
from nashr.pipeline import Output, build
from nashr.progress import Progress
from nashr.resources import styles_dir, templates_dir

INTERVAL = 0.3  # seconds between two looks at the files
DEBOUNCE = 0.4  # seconds the files must stay unchanged before a build starts

Snapshot = dict[Path, tuple[int, int]]


def snapshot(folders: list[Path], skip: list[Path]) -> Snapshot:
    """(mtime, size) of every file below `folders`, leaving out hidden files, editor backups and `skip`."""
    found: Snapshot = {}
    for folder in folders:
        for path in folder.rglob("*"):
            relative = path.relative_to(folder)
            if any(part.startswith(".") for part in relative.parts) or path.name.endswith("~"):
                continue
            if any(path == s or s in path.parents for s in skip):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue  # deleted while we looked
            if path.is_file():
                found[path] = (stat.st_mtime_ns, stat.st_size)
    return found


def watch(manuscript_dir: Path, out_dir: Path, formats: list[str], make_progress: Callable[[], Progress],
          report_problems: Callable[[ManuscriptError], None], force: bool = False,
          keep_going: Callable[[], bool] = lambda: True, options: dict[str, dict[str, object]] | None = None,
          built: Callable[[list[Output]], None] = lambda _: None) -> None:
    """Build now and after every change until interrupted (Ctrl-C) or `keep_going()` is false;
    `built` receives the outputs of each successful build (`nashr preview` reloads the page)."""
    folders = [manuscript_dir.absolute(), templates_dir(), styles_dir()]
    skip = [out_dir.absolute()]

    def build_once(force: bool) -> None:
        progress = make_progress()
        try:
            outputs = build(manuscript_dir, out_dir, formats, progress, force=force, options=options)
        except ManuscriptError as exc:
            progress.close()
            report_problems(exc)
            print("nashr: the last good outputs are unchanged; fix the problems and save to rebuild", flush=True)
        else:
            progress.close()
            built(outputs)
        print(f"nashr: watching {display_path(manuscript_dir)} for changes (Ctrl-C to stop)", flush=True)

    try:
        state = snapshot(folders, skip)
        build_once(force)
        while keep_going():
            time.sleep(INTERVAL)
            current = snapshot(folders, skip)
            if current == state:
                continue
            while True:  # debounce: wait for the files to settle
                time.sleep(DEBOUNCE)
                settled = snapshot(folders, skip)
                if settled == current:
                    break
                current = settled
            state = current
            build_once(False)
    except KeyboardInterrupt:
        print("nashr: stopped watching", flush=True)

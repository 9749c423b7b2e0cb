"""`nashr watch`: build, then build again whenever a manuscript file (or one of nashr's templates and
styles) is saved. For a single Markdown file, the files watched are it and those its last good build
read (images, bibliography, style), not everything in its folder.

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

from nashr.cache import BuildCache
from nashr.diagnostics import ManuscriptError, display_path
from nashr.pipeline import Output, Warn, build
from nashr.progress import Progress
from nashr.project import manuscript_location
from nashr.resources import styles_dir, templates_dir
from nashr.writers import formats

INTERVAL = 0.3  # seconds between two looks at the files
DEBOUNCE = 0.4  # seconds the files must stay unchanged before a build starts

Snapshot = dict[Path, tuple[int, int]]


def watched(manuscript: Path, out_dir: Path) -> list[Path]:
    """The folders and files to watch: the manuscript folder, or a single Markdown file and the files
    its last good build read (its folder may hold anything: a home folder, say); and nashr's templates
    and styles."""
    root, single_file = manuscript_location(manuscript)
    if single_file is None:
        return [root, templates_dir(), styles_dir()]
    read = BuildCache(out_dir, formats(), single_file).recorded_inputs(root) or []
    return list(dict.fromkeys([single_file, *read, templates_dir(), styles_dir()]))


def snapshot(places: list[Path], skip: list[Path]) -> Snapshot:
    """(mtime, size) of every file in `places` (files, and folders with all below them), leaving out
    hidden files, editor backups and `skip`."""
    found: Snapshot = {}
    for place in places:
        for path in place.rglob("*") if place.is_dir() else [place]:
            relative = path.relative_to(place) if path != place else Path(path.name)
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


def watch(manuscript: Path, out_dir: Path, formats: list[str], make_progress: Callable[[], Progress],
          report_problems: Callable[[ManuscriptError], None], force: bool = False,
          keep_going: Callable[[], bool] = lambda: True, reproducible: bool = False, warn: Warn = lambda _: None,
          options: dict[str, dict[str, object]] | None = None,
          built: Callable[[list[Output]], None] = lambda _: None) -> None:
    """Build now and after every change until interrupted (Ctrl-C) or `keep_going()` is false;
    `built` receives the outputs of each successful build (`nashr preview` reloads the page)."""
    skip = [out_dir.absolute()]

    def build_once(force: bool) -> None:
        progress = make_progress()
        try:
            outputs = build(manuscript, out_dir, formats, progress, force=force, warn=warn,
                            reproducible=reproducible, options=options)
        except ManuscriptError as exc:
            progress.close()
            report_problems(exc)
            print("nashr: the last good outputs are unchanged; fix the problems and save to rebuild", flush=True)
        else:
            progress.close()
            built(outputs)
        print(f"nashr: watching {display_path(manuscript)} for changes (Ctrl-C to stop)", flush=True)

    def build_and_look(before: Snapshot, force: bool) -> tuple[list[Path], Snapshot]:
        """Build; then the paths to watch (a single file's build may read other files now) and their
        state, as it was `before` the build for those known then, so a save during the build counts."""
        build_once(force)
        paths = watched(manuscript, out_dir)
        return paths, {path: before.get(path, stat) for path, stat in snapshot(paths, skip).items()}

    try:
        paths, state = build_and_look(snapshot(watched(manuscript, out_dir), skip), force)
        while keep_going():
            time.sleep(INTERVAL)
            current = snapshot(paths, skip)
            if current == state:
                continue
            while True:  # debounce: wait for the files to settle
                time.sleep(DEBOUNCE)
                settled = snapshot(paths, skip)
                if settled == current:
                    break
                current = settled
            paths, state = build_and_look(current, False)
    except KeyboardInterrupt:
        print("nashr: stopped watching", flush=True)

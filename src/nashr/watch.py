"""`nashr watch`: build, then build again whenever a manuscript file (or one of nashr's templates and
styles) is saved. For a single Markdown file, the files watched are it and those its last good build
read (images, bibliography, style), not everything in its folder.

Changes come as the operating system's file events through `watchfiles` (inotify, FSEvents,
ReadDirectoryChanges; it polls where there are none), so a save is seen at once instead of at the
next look at the files. A burst of saves (save-all, a `git checkout`, an editor writing a new file and
renaming it) gives one build: the watcher waits until no file has changed for DEBOUNCE_MS. A file
watched on its own is followed through its folder, since an editor that saves by renaming replaces it.

Each format renders in its own long-lived process (warm.py), which keeps WeasyPrint imported and its
fonts and stylesheets loaded between builds; the parse and transforms run here, and the parse cache
makes them cheap after a small edit. Each output is replaced as soon as it is completely written: the
PDF renders first, alone, and the EPUB, DOCX … follow at a lower priority (a format that needs others
starts once they are written). A save during a build abandons what is still rendering and starts over from the new text.
A build that fails prints its problems and the watcher goes on; the last good outputs stay in place.
The cache makes each rebuild render only the formats the change concerns.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import watchfiles

from nashr.cache import BuildCache
from nashr.diagnostics import Diagnostic, ManuscriptError, WarningsAreErrors, display_path, grouped
from nashr.output import publish, remove_stale_temporaries, temporary_for
from nashr.pipeline import Output, Plan, Warn, plan, record, up_to_date
from nashr.progress import Progress
from nashr.project import manuscript_location
from nashr.reproducible import dating
from nashr.resources import styles_dir, templates_dir
from nashr.warm import Worker, context
from nashr.writers import Built, Written, formats as all_formats, needs, with_needs

DEBOUNCE_MS = 50  # how long the files must stay unchanged before a build starts
WAKE = 0.25  # seconds between two looks at keep_going()
FIRST = "pdf"  # the output an editor waits for: sent first, the others at a lower priority


def watched(manuscript: Path, out_dir: Path) -> list[Path]:
    """The folders and files to watch: the manuscript folder, or a single Markdown file and the files
    its last good build read (its folder may hold anything: a home folder, say); and nashr's templates
    and styles."""
    root, single_file = manuscript_location(manuscript)
    if single_file is None:
        return [root, templates_dir(), styles_dir()]
    read = BuildCache(out_dir, all_formats(), single_file).recorded_inputs(root) or []
    return list(dict.fromkeys([single_file, *read, templates_dir(), styles_dir()]))


class _Filter(watchfiles.DefaultFilter):
    """watchfiles' own filter (editor swap files, .git …); hidden files, `skip`, and in the folders of
    single files (`files`) everything else, left out."""

    def __init__(self, folders: list[Path], files: list[Path], skip: list[Path]):
        super().__init__()
        self.folders, self.files, self.skip = folders, set(files), skip

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        if not super().__call__(change, path):
            return False
        where = Path(path)
        if where in self.files:
            return True
        if any(where == s or s in where.parents for s in self.skip):
            return False
        return any(not any(part.startswith(".") for part in where.relative_to(folder).parts)
                   for folder in self.folders if folder in where.parents)


class Changes:
    """Saved files, from a thread that follows the file events of `places` (folders with all below
    them, and single files); `reader` becomes readable after each burst of changes."""

    def __init__(self, places: list[Path], skip: list[Path]):
        self.places = places
        folders = [place for place in places if place.is_dir()]
        files = [place for place in places if not place.is_dir()]
        self.reader, self._writer = multiprocessing.Pipe(duplex=False)
        self._stop = threading.Event()
        watchers = []
        for paths, recursive in ((folders, True), (sorted({file.parent for file in files}), False)):
            if paths:
                watchers.append(watchfiles.watch(*paths, watch_filter=_Filter(folders, files, skip), step=DEBOUNCE_MS,
                                                 stop_event=self._stop, recursive=recursive, raise_interrupt=False))
        self._threads = [threading.Thread(target=self._follow, args=(watching,), daemon=True, name="nashr-changes")
                         for watching in watchers]
        for thread in self._threads:
            thread.start()

    def _follow(self, watching) -> None:
        for changes in watching:
            self._writer.send(sorted(path for _, path in changes))

    def take(self) -> list[str]:
        """The paths changed since the last call."""
        changed: list[str] = []
        while self.reader.poll():
            changed += self.reader.recv()
        return changed

    def close(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=WAKE * 20)  # watchfiles looks at the stop event every DEBOUNCE_MS


@dataclass
class _Build:
    """A build whose formats are still rendering."""

    planned: Plan
    cache: BuildCache
    progress: Progress
    built: dict[str, Built]  # outputs the formats still to render may read: up to date, or written now
    waiting: list[str]  # formats whose needs are not written yet
    running: dict[str, Path] = field(default_factory=dict)  # format → the temporary file its worker writes
    started: dict[str, float] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # format → how long it took, once written
    problems: list[Diagnostic] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    held: int = 0  # warnings that kept their format's output back (--strict)


class Session:
    """The builds of one `nashr watch`: plan here, render in the warm workers, publish as they finish."""

    def __init__(self, manuscript: Path, out_dir: Path, formats: list[str],
                 make_progress: Callable[[], Progress], report_problems: Callable[[ManuscriptError], None],
                 reproducible: bool, warn: Warn, options: dict[str, dict[str, object]],
                 built: Callable[[list[Output]], None], strict: bool = False):
        self.manuscript, self.out_dir, self.requested = manuscript, out_dir, formats
        self.formats = with_needs(formats)
        self.make_progress, self.report_problems = make_progress, report_problems
        self.reproducible, self.options, self.built = reproducible, options, built
        self.report_warning, self.warnings = warn, []  # a build's warnings, given on together when it ends
        self.strict = strict
        mp_context = context(self.formats)
        self.workers = {name: Worker(mp_context, name, options.get(name, {}), FIRST in self.formats and name != FIRST)
                        for name in self.formats}
        self.current: _Build | None = None

    def busy(self) -> dict[multiprocessing.connection.Connection, str]:
        """The connections of the workers still rendering, by format."""
        running = self.current.running if self.current else {}
        return {self.workers[name].connection: name for name in running}

    def start(self, force: bool = False) -> None:
        """Build what the files now say, abandoning whatever is still rendering."""
        self.abandon()
        progress = self.make_progress()
        remove_stale_temporaries(self.out_dir)
        _, single_file = manuscript_location(self.manuscript)
        cache = BuildCache(self.out_dir, all_formats(), single_file, dating(self.reproducible))
        try:
            planned = plan(self.manuscript, self.out_dir, self.formats, cache, progress, force=force,
                           warn=self.warnings.append, reproducible=self.reproducible, options=self.options,
                           preload=False, strict=self.strict)
        except ManuscriptError as exc:
            progress.close()
            self._report_warnings()
            self.report_problems(exc)
            print("nashr: the last good outputs are unchanged; fix the problems and save to rebuild", flush=True)
            self._watching()
            return
        if isinstance(planned, list) or not planned.todo:
            cache.save()
            progress.close()
            self.built(self._outputs(planned.targets, {}) if isinstance(planned, Plan)
                       else [output for output in planned if output.format in self.requested])
            self._watching()
            return
        self.current = _Build(planned, cache, progress, up_to_date(cache, planned), list(planned.todo))
        self._send_ready(self.current)

    def _send_ready(self, build: _Build) -> None:
        """Send each waiting format whose needs are written to its worker; while the PDF renders, it
        alone (on a small machine the other formats would slow it down, and the editor waits for it)."""
        for name in sorted(build.waiting, key=lambda name: name != FIRST):
            if name != FIRST and FIRST in build.running:
                break
            if all(need in build.built for need in needs(name, build.planned.targets)):
                build.waiting.remove(name)
                build.running[name] = temporary_for(build.planned.targets[name])
                build.started[name] = time.perf_counter()
                self.workers[name].submit(build.planned.document, build.running[name],
                                          {need: build.built[need] for need in needs(name, build.planned.targets)})
                build.progress.stage(name, "rendering")

    def finished(self, name: str) -> None:
        """Publish (or report) what the `name` worker has just sent back, and send what can go next."""
        build = self.current
        assert build is not None
        status, payload = self.workers[name].receive()
        assert status != "ok" or isinstance(payload, Written)
        temporary = build.running.pop(name)
        elapsed = time.perf_counter() - build.started[name]
        if status == "ok" and self.strict and payload.warnings:  # an error with --strict: not published
            temporary.unlink(missing_ok=True)
            for warning in payload.warnings:
                self.warnings.append(warning)
            build.held += len(payload.warnings)
        elif status == "ok":
            target = build.planned.targets[name]
            publish(temporary, target)
            record(build.cache, build.planned, name, self.options, payload.facts,
                   warned=build.planned.warned or bool(payload.warnings))
            build.cache.save()
            build.built[name] = Built(target, payload.facts)
            build.seconds[name] = elapsed
            build.progress.done(name, f"wrote {display_path(target)} ({elapsed:.1f} s)")
            for warning in payload.warnings:
                self.warnings.append(warning)
        else:
            temporary.unlink(missing_ok=True)
            if status == "problems":
                build.problems += payload  # type: ignore[arg-type]
            else:
                build.failures.append(f"the {name} writer failed:\n{payload}")
        self._send_ready(build)  # what waited for this format, or for the PDF to be done
        if not build.running:
            self._end(build)

    def _end(self, build: _Build) -> None:
        self.current = None
        build.progress.close()
        self._report_warnings()
        for problem in build.problems:
            print(problem, file=sys.stderr)
        for failure in build.failures:
            print(f"nashr: internal error (a bug in nashr; please report it)\n{failure}", file=sys.stderr)
        if build.held:
            print(f"nashr: {WarningsAreErrors(build.held)}", file=sys.stderr)
        if build.problems or build.failures or build.held:
            print("nashr: the outputs with problems (and those made from them) keep their last good version; "
                  "fix the problems and save to rebuild", file=sys.stderr, flush=True)
        else:
            self.built(self._outputs(build.planned.targets, build.seconds))
        self._watching()

    def _outputs(self, targets: dict[str, Path], seconds: dict[str, float]) -> list[Output]:
        """The requested formats' outputs; those in `seconds` were rendered by this build."""
        return [Output(name, targets[name], seconds.get(name, 0.0), rendered=name in seconds)
                for name in self.requested]

    def _report_warnings(self) -> None:
        """The warnings of the build that ends, each once, a repeated one with its count (diagnostics.grouped)."""
        for warning in grouped(self.warnings):
            self.report_warning(warning)
        self.warnings.clear()

    def _watching(self) -> None:
        self._report_warnings()
        print(f"nashr: watching {display_path(self.manuscript)} for changes (Ctrl-C to stop)", flush=True)

    def abandon(self, replace: bool = True) -> None:
        """Stop the formats still rendering (a newer save has made them obsolete), and start fresh
        workers for them unless the watcher is closing."""
        build, self.current = self.current, None
        if build is None:
            return
        self.warnings.clear()  # the abandoned build's: the next one finds them again
        for name, temporary in build.running.items():
            self.workers[name].restart() if replace else self.workers[name].stop()
            temporary.unlink(missing_ok=True)
        build.progress.detail("a newer save: the build in progress is abandoned")
        build.progress.close()

    def close(self) -> None:
        running = set(self.current.running) if self.current else set()
        self.abandon(replace=False)
        for name, worker in self.workers.items():
            if name not in running:
                worker.stop()


def watch(manuscript: Path, out_dir: Path, formats: list[str], make_progress: Callable[[], Progress],
          report_problems: Callable[[ManuscriptError], None], force: bool = False,
          keep_going: Callable[[], bool] = lambda: True, reproducible: bool = False, warn: Warn = lambda _: None,
          options: dict[str, dict[str, object]] | None = None,
          built: Callable[[list[Output]], None] = lambda _: None, strict: bool = False) -> None:
    """Build now and after every change until interrupted (Ctrl-C) or `keep_going()` is false;
    `built` receives the outputs of each successful build (`nashr preview` reloads the page). With
    `strict`, a warning keeps the outputs it concerns back, as an error would."""
    skip = [out_dir.absolute()]
    changes = Changes(watched(manuscript, out_dir), skip)
    session = Session(manuscript, out_dir, formats, make_progress, report_problems, reproducible, warn,
                      options or {}, built, strict)
    try:
        session.start(force)
        while keep_going():
            busy = session.busy()
            ready = multiprocessing.connection.wait([changes.reader, *busy], timeout=WAKE)
            for connection in ready:
                if connection in busy:
                    session.finished(busy[connection])
            if changes.reader in ready and changes.take():
                session.start()
            if session.current is None and (places := watched(manuscript, out_dir)) != changes.places:
                changes.close()  # a single file's build now reads other files
                changes = Changes(places, skip)
    except KeyboardInterrupt:
        print("nashr: stopped watching", flush=True)
    finally:
        session.close()
        changes.close()

"""`nashr issue` and `nashr archive` on the command line."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from nashr.diagnostics import ManuscriptError, WarningsAreErrors, display_path
from nashr.issue.build import build_issue
from nashr.issue.executors import executor
from nashr.issue.manifest import ISSUE_FILE
from nashr.writers import formats as all_formats

EXIT_OK, EXIT_PROBLEMS = 0, 1


def _say(line: str) -> None:
    print(f"nashr: {line}", file=sys.stderr, flush=True)


def issue(args: argparse.Namespace) -> int:
    """Build one issue; a problem in any article stops it (after every article had its say)."""
    started = time.perf_counter()
    with executor(args.scheduler, args.workers) as pool:
        result = build_issue(args.issue, args.out, args.formats or all_formats(), pool, _say, args.strict)
    pages = ", ".join(f"{slug} {first}–{result.last_pages[slug]}" for slug, first in result.first_pages.items())
    _say(f"issue: wrote {len(result.outputs)} files into {display_path(args.out)} "
         f"({result.layouts} layouts, {time.perf_counter() - started:.1f} s); pages: {pages}")
    return EXIT_OK


def archive(args: argparse.Namespace) -> int:
    """Rebuild every issue below a journal folder on one pool; a bad article fails its issue only,
    and every failure is listed at the end."""
    issues = sorted(path.parent for path in args.journal.glob(f"*/{ISSUE_FILE}"))
    if not issues:
        _say(f"archive: no folder with an {ISSUE_FILE} in {display_path(args.journal)}")
        return EXIT_PROBLEMS
    failures: dict[Path, ManuscriptError] = {}
    with executor(args.scheduler, args.workers) as pool:
        for number, folder in enumerate(issues, 1):
            _say(f"archive: [{number}/{len(issues)}] {folder.name}")
            try:
                build_issue(folder, args.out / folder.name, args.formats or all_formats(), pool, _say, args.strict)
            except ManuscriptError as exc:
                failures[folder] = exc
    for folder, exc in failures.items():
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        if isinstance(exc, WarningsAreErrors):
            _say(f"archive: {folder.name}: {exc}")
    _say(f"archive: {len(issues) - len(failures)} of {len(issues)} issues built"
         + (f"; failed: {', '.join(folder.name for folder in failures)}" if failures else ""))
    return EXIT_PROBLEMS if failures else EXIT_OK

#!/usr/bin/env python3
"""The working tree's build engine against an earlier revision's, measured interleaved in one run.

    .venv/bin/python benchmarks/against.py REV [--repeat 5] [--manuscript manuscript] [--markdown out.md]

REV (any git revision, e.g. `940a561^`) is checked out into a temporary git worktree (removed
afterwards). Both sides run with this virtual environment's Python and packages, as
`python -m nashr` with PYTHONPATH set to their own src/ — each side's templates, styles and code
come from its own checkout (checked before timing: nashr.__file__ and resources.*_dir()). Each side
builds its own copy of the same manuscript (this working tree's), SOURCE_DATE_EPOCH fixed, so that
their outputs can be compared; the script says whether they are byte-identical, and their sizes and
PDF page counts when not.

Timed, each a fresh process as an editor runs them, per side: a cold build (a fresh output folder) of
each format both sides have and of all formats, a no-op rebuild into a warm output folder, and
`nashr check`. Runs alternate between the sides case by case (HEAD then REV, REV then HEAD in the next
repeat), so a change of the machine's load falls on both. Printed for wall time and for CPU time (user
and system, the command's processes together): the median of each side, the ratio of the medians,
and the median of the paired runs' ratios (HEAD / REV: above 1, HEAD is slower).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from run import BIN, REPO, _write, machine, timed

PROBE = """
import json, nashr
from nashr import resources
from nashr.writers import formats
print(json.dumps({"code": nashr.__file__, "templates": str(resources.templates_dir()),
                  "styles": str(resources.styles_dir()), "formats": formats()}))
"""


class Side:
    """One version of nashr: its checkout, the environment its commands run in, its manuscript copy."""

    def __init__(self, label: str, checkout: Path, work: Path, manuscript: Path) -> None:
        self.label, self.checkout = label, checkout
        self.env = {**os.environ, "PYTHONPATH": str(checkout / "src"),
                    "SOURCE_DATE_EPOCH": "1767225600",  # 2026-01-01: the sides' outputs comparable byte for byte
                    "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
        self.work = work / label
        self.manuscript = self.work / "manuscript"
        shutil.copytree(manuscript, self.manuscript)
        self.formats = self._probe()

    def _probe(self) -> list[str]:
        """The formats this side registers, after checking that its code and resources are its own."""
        found = json.loads(subprocess.run([sys.executable, "-c", PROBE], env=self.env, cwd=self.work,
                                          capture_output=True, text=True, check=True).stdout)
        for key in ("code", "templates", "styles"):
            if not Path(found[key]).resolve().is_relative_to(self.checkout.resolve()):
                raise SystemExit(f"{self.label}: {key} resolves to {found[key]}, outside {self.checkout}")
        print(f"{self.label}: {found['code']}, templates {found['templates']}", file=sys.stderr)
        return found["formats"]

    @staticmethod
    def nashr(*arguments: str) -> list[str]:
        """A nashr command as this side runs it: its own src/ comes from PYTHONPATH, not the editable install."""
        return [sys.executable, "-m", "nashr", *arguments]

    def cold(self, *extra: str) -> list[str]:
        out = Path(tempfile.mkdtemp(dir=self.work))  # a fresh output folder: no cache
        return self.nashr("build", str(self.manuscript), "-o", str(out), "-q", *extra)

    def time(self, command: list[str]) -> tuple[float, float]:
        """Wall seconds, and the CPU seconds (user and system) of the process and the children it
        waited for: steadier than wall time when other jobs share the cores."""
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall = timed(command, self.work, self.env)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def compared(head: Path, rev: Path) -> list[str]:
    """Each output of the warm-up builds: identical on both sides, or how they differ."""
    from pypdf import PdfReader

    lines = []
    for path in sorted(p for p in head.iterdir() if p.is_file()):
        other = rev / path.name
        if not other.exists():
            lines.append(f"- {path.name}: only HEAD builds it")
            continue
        a, b = path.read_bytes(), other.read_bytes()
        if a == b:
            lines.append(f"- {path.name}: byte-identical ({len(a):,} bytes)")
            continue
        pages = ""
        if path.suffix == ".pdf":
            pages = f", {len(PdfReader(path).pages)} against {len(PdfReader(other).pages)} pages"
        lines.append(f"- {path.name}: differs, {len(a):,} against {len(b):,} bytes{pages}"
                     f" (sha256 {hashlib.sha256(a).hexdigest()[:8]} / {hashlib.sha256(b).hexdigest()[:8]})")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rev", help="the git revision to compare against, e.g. 940a561^")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--manuscript", type=Path, default=REPO / "manuscript")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()

    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", args.rev],
                            capture_output=True, text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="nashr-against-") as folder:
        work, checkout = Path(folder), Path(folder) / "checkout"
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(checkout), commit], check=True)
        try:
            head, rev = Side("HEAD", REPO, work, args.manuscript), Side("REV", checkout, work, args.manuscript)
            lines = [f"HEAD: the working tree of {REPO}; REV: {args.rev} = {commit}",
                     f"Machine: {machine()}"]
            for side in (head, rev):  # warm-up (and the no-op rebuild's warm folder)
                subprocess.run(side.nashr("build", str(side.manuscript), "-o", str(side.work / "warm"), "-q"),
                               cwd=side.work, env=side.env, check=True)
            lines += ["", "Outputs of the warm-up builds, HEAD against REV:",
                      *compared(head.work / "warm", rev.work / "warm")]

            cases = {f"cold build, {name}": ("-f", name) for name in head.formats if name in rev.formats}
            cases["cold build, all formats"] = ()
            labels = [*cases, "no-op rebuild, all formats", "nashr check"]
            rows: dict[str, dict[str, list[tuple[float, float]]]] = {label: {"HEAD": [], "REV": []} for label in labels}
            for run in range(args.repeat):
                order = (head, rev) if run % 2 == 0 else (rev, head)
                for label in rows:
                    for side in order:
                        if label in cases:
                            command = side.cold(*cases[label])
                        elif label == "nashr check":
                            command = side.nashr("check", str(side.manuscript))
                        else:
                            command = side.nashr("build", str(side.manuscript), "-o", str(side.work / "warm"), "-q")
                        rows[label][side.label].append(side.time(command))
                    print(f"run {run + 1}/{args.repeat}: {label}: " + ", ".join(
                        f"{side} {rows[label][side][-1][0]:.2f} s (CPU {rows[label][side][-1][1]:.2f} s)"
                        for side in ("HEAD", "REV")), file=sys.stderr)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(checkout)], check=True)

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines += ["", f"Median of {args.repeat} runs per side, interleaved; load average {load} at the end.", ""]
    for kind, column in (("wall", 0), ("CPU", 1)):
        lines += [f"| case | HEAD {kind} s | REV {kind} s | HEAD / REV (medians) | median of paired ratios |",
                  "| --- | ---: | ---: | ---: | ---: |"]
        for label, sides in rows.items():
            head_s, rev_s = ([run[column] for run in sides[name]] for name in ("HEAD", "REV"))
            a, b = statistics.median(head_s), statistics.median(rev_s)
            paired = statistics.median(x / y for x, y in zip(head_s, rev_s))
            lines.append(f"| {label} | {a:.2f} | {b:.2f} | {a / b:.3f} | {paired:.3f} |")
        lines.append("")
    return _write(lines, args)


if __name__ == "__main__":
    raise SystemExit(main())

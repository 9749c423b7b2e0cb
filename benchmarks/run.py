#!/usr/bin/env python3
"""Benchmarks for nashr's build engine, measured side by side in one run.

    .venv/bin/python benchmarks/run.py [--repeat 3] [--manuscript manuscript] [--markdown out.md]

Each number is the median wall time of whole commands (a fresh process each, as an editor runs them):
cold build per format and all formats, a no-op rebuild, a rebuild after a one-paragraph edit,
`nashr check`, the same manuscript made 10× longer, and the naive baseline: Pandoc's own
`pandoc --pdf-engine=weasyprint` on the same Markdown (the pandoc binary from pypandoc, weasyprint from
this environment), once with Pandoc's default style and once with nashr's stylesheet and fonts.
Results are printed as a Markdown table with the ratios the build engine is judged by.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(command)}\n{result.stderr}")
    return elapsed


def nashr(*arguments: str) -> list[str]:
    return [str(BIN / "nashr"), *arguments]


def lengthened(source: Path, target: Path, times: int) -> Path:
    """A copy of the manuscript with its content files repeated `times` times (note labels stay unique
    because labels are per file)."""
    import yaml

    target.mkdir(parents=True)
    manifest = yaml.safe_load((source / "manuscript.yaml").read_text(encoding="utf-8"))
    contents = []
    for copy in range(times):
        for name in manifest["contents"]:
            new = f"{copy:02d}-{Path(name).name}"
            shutil.copy(source / name, target / new)
            contents.append(new)
    manifest["contents"] = contents
    manifest["slug"] = f"{manifest.get('slug') or source.name}-x{times}"
    (target / "manuscript.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    return target


def naive_commands(manuscript: Path, work: Path) -> dict[str, list[str]]:
    import pypandoc
    import yaml

    sys.path.insert(0, str(REPO / "src"))
    from nashr import resources

    faces = getattr(resources, "bundled_faces", None) or getattr(resources, "amiri_faces")
    font_faces = "\n".join(f'@font-face {{ font-family: "{f.family}"; font-weight: {f.weight}; '
                           f'font-style: {f.style}; src: url("{f.path.as_uri()}"); }}' for f in faces())
    manifest = yaml.safe_load((manuscript / "manuscript.yaml").read_text(encoding="utf-8"))
    files = [str(manuscript / name) for name in manifest["contents"]]
    css = work / "nashr-style.css"
    css.write_text(font_faces + "\n" + (resources.styles_dir() / "pdf.css").read_text(encoding="utf-8"), encoding="utf-8")
    base = [pypandoc.get_pandoc_path(), *files, "--metadata", f"title={manifest['title']}",
            "--metadata", f"lang={manifest['lang']}", "--pdf-engine=weasyprint"]
    return {
        "naive: pandoc --pdf-engine=weasyprint": base + ["-o", str(work / "naive.pdf")],
        "naive, with nashr's stylesheet and Amiri": base + ["--css", str(css), "-o", str(work / "naive-css.pdf")],
    }


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else platform.processor()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    import importlib.metadata as md

    versions = ", ".join(f"{name} {md.version(name)}" for name in ("weasyprint", "pypandoc-binary"))
    return (f"{cpu}, {os.cpu_count()} cores visible, load average {load} at start; "
            f"Python {platform.python_version()}, {versions}, {platform.platform()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--manuscript", type=Path, default=REPO / "manuscript")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()

    sys.path.insert(0, str(REPO / "src"))
    from nashr.writers import formats

    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    with tempfile.TemporaryDirectory(prefix="nashr-bench-") as folder:
        work = Path(folder)
        manuscript = work / "manuscript"
        shutil.copytree(args.manuscript, manuscript)
        long = lengthened(manuscript, work / "manuscript-x10", 10)
        naive = naive_commands(manuscript, work)
        edited = manuscript / "02-first-section.md"
        original = edited.read_text(encoding="utf-8")

        def cold(*extra: str, source: Path = manuscript) -> Callable[[], list[str]]:
            def command() -> list[str]:
                out = Path(tempfile.mkdtemp(dir=work))  # a fresh output folder: no cache
                return nashr("build", str(source), "-o", str(out), "-q", *extra)
            return command

        def edit_then_build(run: int) -> Callable[[], list[str]]:
            def command() -> list[str]:
                paragraphs = original.split("\n\n")
                paragraphs[2] += f" (تعديل {run})"
                edited.write_text("\n\n".join(paragraphs), encoding="utf-8")
                return nashr("build", str(manuscript), "-o", str(work / "warm"), "-q")
            return command

        subprocess.run(nashr("build", str(manuscript), "-o", str(work / "warm"), "-q"), check=True, env=env)
        rows: dict[str, list[float]] = {}
        for run in range(args.repeat):
            cases: dict[str, Callable[[], list[str]]] = {label: (lambda c=c: c) for label, c in naive.items()}
            for name in formats():
                cases[f"cold build, {name}"] = cold("-f", name)
            cases["cold build, all formats"] = cold()
            cases["no-op rebuild, all formats"] = lambda: nashr("build", str(manuscript), "-o", str(work / "warm"), "-q")
            cases["one-paragraph edit, all formats"] = edit_then_build(run)
            cases["nashr check"] = lambda: nashr("check", str(manuscript))
            cases["10× manuscript, cold, pdf"] = cold("-f", "pdf", source=long)
            cases["10× manuscript, cold, all formats"] = cold(source=long)
            for label, command in cases.items():
                rows.setdefault(label, []).append(timed(command(), work, env))
                print(f"run {run + 1}/{args.repeat}: {label}: {rows[label][-1]:.2f} s", file=sys.stderr)

    median = {label: statistics.median(times) for label, times in rows.items()}
    naive_plain = median["naive: pandoc --pdf-engine=weasyprint"]
    lines = [f"Machine: {machine()}", f"Median of {args.repeat} runs, each a fresh process.", "",
             "| case | seconds | ratio |", "| --- | ---: | --- |"]
    ratios = {
        "cold build, all formats": (naive_plain, "× naive"),
        "no-op rebuild, all formats": (median["cold build, all formats"], "× cold (all formats)"),
        "one-paragraph edit, all formats": (median["cold build, all formats"], "× cold (all formats)"),
        "10× manuscript, cold, pdf": (median["cold build, pdf"], "× the 1× build (pdf)"),
        "10× manuscript, cold, all formats": (median["cold build, all formats"], "× the 1× build (all formats)"),
        "naive, with nashr's stylesheet and Amiri": (naive_plain, "× naive"),
    }
    for name in formats():
        ratios.setdefault(f"cold build, {name}", (naive_plain, "× naive"))
    for label, seconds in median.items():
        base, what = ratios.get(label, (None, ""))
        ratio = f"{seconds / base:.3f}{what}" if base else ""
        lines.append(f"| {label} | {seconds:.2f} | {ratio} |")
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Benchmarks for nashr's build engine, measured side by side in one run.

    .venv/bin/python benchmarks/run.py [--repeat 3] [--manuscript manuscript] [--markdown out.md]

Each number is the median wall time of whole commands (a fresh process each, as an editor runs them):
cold build per format and all formats, a no-op rebuild, a rebuild after a one-paragraph edit and a
`-f pdf` rebuild after a one-word edit (into the output folder of the last build: its cache holds the
parsed files), `nashr check`, the same manuscript made 10× longer, and the naive baseline: Pandoc's own
`pandoc --pdf-engine=weasyprint` on the same Markdown (the pandoc binary from pypandoc, weasyprint from
this environment), once with Pandoc's default style and once with nashr's stylesheet and fonts. When
the `typst` package is installed (`pip install -e ".[bench]"`), the reference row: the same files
through Pandoc's Typst writer and `typst.compile`, Amiri as the font, in one fresh process.

The web and archive formats against the PDF: `-f html`, `-f jats` and `-f pdf` alone, cold, and each
again into a warm output folder (every format built, that format's file deleted: the cache holds the
parse and the PDF's facts). `--galley` runs only these rows.

Then, in the same run: `nashr watch` (-f pdf, and all formats) with a one-word edit saved every few
seconds, timed from the save to the new PDF in place (median), and the Pandoc processes an all-format
build starts (1× and 10×), counted through a wrapper named in PYPANDOC_PANDOC.
Results are printed as a Markdown table with the ratios the build engine is judged by.
"""
from __future__ import annotations

import argparse
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
GALLEY = ("pdf", "html", "jats")  # the formats timed alone, cold and warm


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


TYPST = """
import subprocess, sys, typst
pandoc, fonts, output, *files = sys.argv[1:]
subprocess.run([pandoc, *files, "-s", "-t", "typst", "-M", "lang=ar", "-M", "dir=rtl", "-M", "mainfont=Amiri",
                "-o", output + ".typ"], check=True)
typst.compile(output + ".typ", output=output, font_paths=fonts.split(":"), ignore_system_fonts=True)
"""


def typst_command(manuscript: Path, output: Path) -> list[str] | None:
    """Pandoc → Typst markup → typst.compile, in one fresh process; None without the typst package."""
    import importlib.util

    if importlib.util.find_spec("typst") is None:
        return None
    import pypandoc
    import yaml

    from nashr import resources

    manifest = yaml.safe_load((manuscript / "manuscript.yaml").read_text(encoding="utf-8"))
    fonts = ":".join(sorted({str(face.path.parent) for face in resources.bundled_faces()}))
    return [sys.executable, "-c", TYPST, pypandoc.get_pandoc_path(), fonts, str(output),
            *[str(manuscript / name) for name in manifest["contents"]]]


def one_word_edit(path: Path, run: int) -> None:
    """Change one word of the file's third paragraph (a different word each run)."""
    paragraphs = path.read_text(encoding="utf-8").split("\n\n")
    words = paragraphs[2].split(" ")
    words[len(words) // 2] = f"كلمة{run}"
    paragraphs[2] = " ".join(words)
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")


def watch_latency(manuscript: Path, out: Path, formats: list[str], edits: int, env: dict[str, str]) -> list[float]:
    """Seconds from each saved one-word edit to the new PDF in place, `nashr watch` running meanwhile."""
    import yaml

    slug = yaml.safe_load((manuscript / "manuscript.yaml").read_text(encoding="utf-8")).get("slug") or manuscript.name
    pdf, edited = out / f"{slug}.pdf", manuscript / "02-first-section.md"
    chosen = [option for name in formats for option in ("-f", name)]
    command = nashr("watch", str(manuscript), "-o", str(out), "-q", *chosen)
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def built() -> None:  # every format done: the watcher says it is watching again
        for line in process.stdout:
            if "watching" in line:
                return
        raise SystemExit(f"nashr watch stopped: {' '.join(command)}")

    seconds = []
    try:
        built()
        for run in range(edits):
            time.sleep(1)  # an editor's pause between saves
            before = pdf.stat().st_mtime_ns
            started = time.perf_counter()
            one_word_edit(edited, 100 + run)
            while pdf.stat().st_mtime_ns == before:
                time.sleep(0.005)
            seconds.append(time.perf_counter() - started)
            built()
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            process.kill()
            raise SystemExit(f"nashr watch did not stop within 120 s of Ctrl-C: {' '.join(command)}")
    return seconds


def pandoc_processes(manuscript: Path, work: Path, env: dict[str, str]) -> int:
    """How many Pandoc processes a cold all-format build starts."""
    import pypandoc

    log, wrapper = work / "pandoc-runs.log", work / "pandoc-counting"
    log.unlink(missing_ok=True)
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec "{pypandoc.get_pandoc_path()}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    out = Path(tempfile.mkdtemp(dir=work))
    subprocess.run(nashr("build", str(manuscript), "-o", str(out), "-q"), check=True,
                   env={**env, "PYPANDOC_PANDOC": str(wrapper)})
    return len(log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0


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
    parser.add_argument("--galley", action="store_true", help="only the HTML, JATS and PDF alone, cold and warm")
    args = parser.parse_args()

    sys.path.insert(0, str(REPO / "src"))
    from nashr.writers import formats, get_writer

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

        def word_then_build(run: int) -> Callable[[], list[str]]:
            def command() -> list[str]:
                one_word_edit(edited, run)
                return nashr("build", str(manuscript), "-o", str(work / "warm-pdf"), "-q", "-f", "pdf")
            return command

        def warm_alone(name: str) -> Callable[[], list[str]]:
            """`name` alone into the warm folder, its output deleted first (the others up to date)."""
            def command() -> list[str]:
                for output in (work / "warm").glob(f"*.{get_writer(name).extension}"):
                    output.unlink()
                return nashr("build", str(manuscript), "-o", str(work / "warm"), "-q", "-f", name)
            return command

        def edit_then_build(run: int) -> Callable[[], list[str]]:
            def command() -> list[str]:
                paragraphs = original.split("\n\n")
                paragraphs[2] += f" (تعديل {run})"
                edited.write_text("\n\n".join(paragraphs), encoding="utf-8")
                return nashr("build", str(manuscript), "-o", str(work / "warm"), "-q")
            return command

        subprocess.run(nashr("build", str(manuscript), "-o", str(work / "warm"), "-q"), check=True, env=env)
        if not args.galley:
            subprocess.run(nashr("build", str(manuscript), "-o", str(work / "warm-pdf"), "-q", "-f", "pdf"), check=True, env=env)
        typst = {"1×": typst_command(manuscript, work / "typst.pdf"), "10×": typst_command(long, work / "typst-x10.pdf")}
        rows: dict[str, list[float]] = {}
        for run in range(args.repeat):
            cases: dict[str, Callable[[], list[str]]] = {label: (lambda c=c: c) for label, c in naive.items()}
            for name in formats():
                cases[f"cold build, {name}"] = cold("-f", name)
            cases["cold build, all formats"] = cold()
            if typst["1×"]:
                cases["reference: Pandoc → Typst, pdf"] = lambda: typst["1×"]
            cases["no-op rebuild, all formats"] = lambda: nashr("build", str(manuscript), "-o", str(work / "warm"), "-q")
            cases["one-paragraph edit, all formats"] = edit_then_build(run)
            cases["one-word edit, pdf"] = word_then_build(run)
            cases["nashr check"] = lambda: nashr("check", str(manuscript))
            cases["10× manuscript, cold, pdf"] = cold("-f", "pdf", source=long)
            cases["10× manuscript, cold, all formats"] = cold(source=long)
            if typst["10×"]:
                cases["reference: Pandoc → Typst, 10×"] = lambda: typst["10×"]
            for name in GALLEY:
                cases[f"warm dist, {name} alone"] = warm_alone(name)
            if args.galley:
                cases = {label: command for label, command in cases.items()
                         if label.removeprefix("cold build, ").removeprefix("warm dist, ").removesuffix(" alone") in GALLEY}
            for label, command in cases.items():
                rows.setdefault(label, []).append(timed(command(), work, env))
                print(f"run {run + 1}/{args.repeat}: {label}: {rows[label][-1]:.2f} s", file=sys.stderr)

        edited.write_text(original, encoding="utf-8")
        if args.galley:
            return _print(rows, args, galley_only=True)
        for label, formats_watched in (("watch: save → new PDF, pdf", ["pdf"]), ("watch: save → new PDF, all formats", [])):
            rows[label] = watch_latency(manuscript, Path(tempfile.mkdtemp(dir=work)), formats_watched,
                                        max(args.repeat, 3), env)
            print(f"{label}: {', '.join(f'{x:.2f}' for x in rows[label])} s", file=sys.stderr)
        counts = {"1×": pandoc_processes(manuscript, work, env), "10×": pandoc_processes(long, work, env)}

    return _print(rows, args, counts)


def _galley_ratios(median: dict[str, float]) -> dict[str, tuple[float, str]]:
    """The HTML and JATS alone against the PDF alone, cold against cold and warm against warm."""
    return {f"{kind}, {name}{alone}": (median[f"{kind}, pdf{alone}"], f"× {kind.split()[0]} pdf")
            for kind, alone in (("cold build", ""), ("warm dist", " alone")) for name in GALLEY if name != "pdf"}


def _print(rows: dict[str, list[float]], args: argparse.Namespace, counts: dict[str, int] | None = None,
           galley_only: bool = False) -> int:
    median = {label: statistics.median(times) for label, times in rows.items()}
    lines = [f"Machine: {machine()}", f"Median of {args.repeat} runs, each a fresh process.", "",
             "| case | seconds | ratio |", "| --- | ---: | --- |"]
    if galley_only:
        ratios = _galley_ratios(median)
        lines += [f"| {label} | {seconds:.2f} | {seconds / ratios[label][0]:.3f}{ratios[label][1]} |" if label in ratios
                  else f"| {label} | {seconds:.2f} | |" for label, seconds in median.items()]
        return _write(lines, args)
    naive_plain = median["naive: pandoc --pdf-engine=weasyprint"]
    ratios = _galley_ratios(median) | {
        "cold build, all formats": (naive_plain, "× naive"),
        "no-op rebuild, all formats": (median["cold build, all formats"], "× cold (all formats)"),
        "one-paragraph edit, all formats": (median["cold build, all formats"], "× cold (all formats)"),
        "10× manuscript, cold, pdf": (median["cold build, pdf"], "× the 1× build (pdf)"),
        "10× manuscript, cold, all formats": (median["cold build, all formats"], "× the 1× build (all formats)"),
        "one-word edit, pdf": (median["cold build, pdf"], "× cold (pdf)"),
        "watch: save → new PDF, pdf": (median["cold build, pdf"], "× cold (pdf)"),
        "watch: save → new PDF, all formats": (median["cold build, pdf"], "× cold (pdf)"),
        "naive, with nashr's stylesheet and Amiri": (naive_plain, "× naive"),
    }
    from nashr.writers import formats

    for name in formats():
        ratios.setdefault(f"cold build, {name}", (naive_plain, "× naive"))
    for label, seconds in median.items():
        base, what = ratios.get(label, (None, ""))
        ratio = f"{seconds / base:.3f}{what}" if base else ""
        lines.append(f"| {label} | {seconds:.2f} | {ratio} |")
    for scale, reference in (("1×", "reference: Pandoc → Typst, pdf"), ("10×", "reference: Pandoc → Typst, 10×")):
        cold_pdf = median["cold build, pdf" if scale == "1×" else "10× manuscript, cold, pdf"]
        if reference in median:
            lines.append(f"| cold build, pdf, {scale}, against Typst | | {cold_pdf / median[reference]:.2f}× Typst |")
    lines.append(f"| Pandoc processes, cold build, all formats | 1×: {counts['1×']}, 10×: {counts['10×']} | |")
    return _write(lines, args)


def _write(lines: list[str], args: argparse.Namespace) -> int:
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        args.markdown.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

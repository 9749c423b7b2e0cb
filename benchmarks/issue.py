#!/usr/bin/env python3
"""Benchmarks for `nashr issue` and `nashr archive`, as ratios measured side by side in one run.

    .venv/bin/python benchmarks/issue.py [--articles 10]

- the same ten articles built one after another with `nashr build -f pdf` (the sum an editor pays
  today) against `nashr issue` building them as one issue, cold (PDF only, the issue's critical path);
- a no-op issue rebuild against the cold issue build;
- `nashr archive` over 3 issues on a Dask LocalCluster (2 workers on 127.0.0.1, started before the
  clock starts, their statistical profiler off) against the local process pool.
The articles are made from the example issue's articles, repeated to `--articles`.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
EXAMPLE = REPO / "examples" / "issue-sample"


def run(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        raise SystemExit(f"failed: {' '.join(map(str, command))}\n{result.stderr}")
    return time.perf_counter() - started


def generated_issue(target: Path, articles: int) -> Path:
    """An issue of `articles` articles, copies of the example's, in two sections."""
    manifest = yaml.safe_load((EXAMPLE / "issue.yaml").read_text(encoding="utf-8"))
    sources = [name for section in manifest["sections"] for name in section["articles"]]
    names = []
    for index in range(articles):
        name = f"a{index:02d}-{sources[index % len(sources)]}"
        shutil.copytree(EXAMPLE / sources[index % len(sources)], target / name)
        article = yaml.safe_load((target / name / "manuscript.yaml").read_text(encoding="utf-8"))
        article["slug"] = name
        (target / name / "manuscript.yaml").write_text(yaml.safe_dump(article, allow_unicode=True), encoding="utf-8")
        names.append(name)
    half = len(names) // 2
    manifest["sections"][0]["articles"], manifest["sections"][1]["articles"] = names[:half], names[half:]
    shutil.copy(EXAMPLE / "editorial.md", target / "editorial.md")
    (target / "issue.yaml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10)
    options = parser.parse_args()
    nashr = str(BIN / "nashr")
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as scratch:
        scratch_dir = Path(scratch)
        issue = generated_issue(scratch_dir / "journal" / "issue-1", options.articles)
        folders = sorted(p for p in issue.iterdir() if (p / "manuscript.yaml").is_file())
        one_by_one = sum(run([nashr, "build", str(f), "-o", str(scratch_dir / "single" / f.name), "-f", "pdf", "-q"], scratch_dir)
                         for f in folders)
        cold = run([nashr, "issue", str(issue), "-o", str(scratch_dir / "out"), "-f", "pdf"], scratch_dir)
        noop = run([nashr, "issue", str(issue), "-o", str(scratch_dir / "out"), "-f", "pdf"], scratch_dir)
        for copy in (2, 3):
            shutil.copytree(issue, scratch_dir / "journal" / f"issue-{copy}")
        local = run([nashr, "archive", str(scratch_dir / "journal"), "-o", str(scratch_dir / "archive-local"), "-f", "pdf"], scratch_dir)
        timed = subprocess.run([sys.executable, "-c", CLUSTER, nashr, str(scratch_dir / "journal"), str(scratch_dir / "archive-dask")],
                               cwd=scratch_dir, capture_output=True, text=True, check=True).stdout.split()
        started, cluster = float(timed[0]), float(timed[1])
    load_after = os.getloadavg()
    print(f"load average (1, 5, 15 min) before: {' '.join(f'{x:.1f}' for x in load_before)}, "
          f"after: {' '.join(f'{x:.1f}' for x in load_after)}; {os.cpu_count()} cores\n")
    print("| measure | seconds | ratio | target |\n|---|---|---|---|")
    print(f"| {options.articles} articles one after another (`nashr build -f pdf`) | {one_by_one:.1f} | 1 | |")
    print(f"| `nashr issue`, cold | {cold:.1f} | {cold / one_by_one:.2f}× the sum | ≤ 0.65× |")
    print(f"| `nashr issue`, nothing changed | {noop:.2f} | {noop / cold:.3f}× cold | ≤ 0.05× |")
    print(f"| `nashr archive`, 3 issues, local processes | {local:.1f} | 1 | |")
    print(f"| `nashr archive`, 3 issues, Dask LocalCluster | {cluster:.1f} | {cluster / local:.2f}× local | ≤ 1.3× |")
    print(f"\n(starting the LocalCluster took {started:.1f} s more, not counted: a cluster serves many runs)")


CLUSTER = """
import subprocess, sys, time
import dask
from distributed import LocalCluster
started = time.perf_counter()
# typesetting workers are better without the statistical profiler (docs/issue.md)
dask.config.set({"distributed.worker.profile.enabled": False})
with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as cluster:
    ready = time.perf_counter()
    nashr, journal, out = sys.argv[1:]
    subprocess.run([nashr, "archive", journal, "-o", out, "-f", "pdf", "--scheduler", cluster.scheduler_address],
                   check=True, capture_output=True)
    print(ready - started, time.perf_counter() - ready)
"""

if __name__ == "__main__":
    main()

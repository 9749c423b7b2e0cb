#!/usr/bin/env python3
"""What nashr's text-layer workaround (weasyprint_fixes/text_layer.py) costs when the PDF is written, in one process.

    .venv/bin/python benchmarks/text_layer.py [--manuscript manuscript] [--repeat 5] [--profile 25]

The manuscript is laid out once, as `nashr build -f pdf` lays it out; then the same laid-out pages are
written with WeasyPrint alone and with the workaround, alternated (so a busy machine slows both alike),
with the PDF writer's own options. The first pair warms caches and is not counted; the medians of the
others are printed, with the workaround's cost in seconds and as a fraction of the whole PDF writer
(layout included). `--profile N` prints the N most expensive functions (cProfile, cumulative) of one
more write with the workaround.
"""
from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manuscript", type=Path, default=REPO / "manuscript")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args()

    from nashr.note_labels import check_labels
    from nashr.parse import parse_project
    from nashr.project import load_project
    from nashr.reproducible import pdf_identifier
    from nashr.transforms import apply_transforms
    from nashr.writers.pdf import PdfWriter
    from nashr.weasyprint_fixes.text_layer import faithful_text
    from nashr.writers.pdf_wide_tables import turn_landscape_pages

    document = apply_transforms(parse_project(load_project(args.manuscript, source_checks=[check_labels])))
    begin = time.perf_counter()
    rendered, _, _ = PdfWriter().lay_out(document)
    layout_time = time.perf_counter() - begin
    standard = document.metadata.layout.pdf_standard
    options = dict(pdf_tags=True, pdf_variant=None if standard == "none" else standard,
                   pdf_identifier=pdf_identifier(document.metadata),
                   finisher=turn_landscape_pages(rtl=document.metadata.direction == "rtl"))

    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "out.pdf"

        def plain() -> None:
            rendered.write_pdf(target, **options)

        def faithful() -> None:
            with faithful_text():
                rendered.write_pdf(target, **options)

        times: dict[str, list[float]] = {"plain": [], "faithful": []}  # wall clock
        cpu: dict[str, list[float]] = {"plain": [], "faithful": []}  # this process's CPU time
        for _ in range(args.repeat + 1):
            for label, write in (("plain", plain), ("faithful", faithful)):
                begin, begin_cpu = time.perf_counter(), time.process_time()
                write()
                times[label].append(time.perf_counter() - begin)
                cpu[label].append(time.process_time() - begin_cpu)
        if args.profile:
            profile = cProfile.Profile()
            profile.runcall(faithful)
            pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)

    print(f"load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}, "
          f"{args.repeat} alternated pairs (after one warm-up pair), medians:")
    print("| | wall s | CPU s |\n| --- | ---: | ---: |")
    print(f"| layout (all passes, once) | {layout_time:.2f} | |")
    (plain_time, faithful_time), (plain_cpu, faithful_cpu) = (
        [statistics.median(values[label][1:]) for label in ("plain", "faithful")] for values in (times, cpu))
    print(f"| write PDF, WeasyPrint alone | {plain_time:.3f} | {plain_cpu:.3f} |")
    print(f"| write PDF, with the text-layer workaround | {faithful_time:.3f} | {faithful_cpu:.3f} |")
    cost, cost_cpu = faithful_time - plain_time, faithful_cpu - plain_cpu
    print(f"| the workaround's cost | {cost:.3f} | {cost_cpu:.3f} |")
    pair_cost, pair_cost_cpu = (statistics.median(f - p for p, f in zip(values["plain"][1:], values["faithful"][1:]))
                                for values in (times, cpu))
    print(f"| the workaround's cost, median of the pairs' differences | {pair_cost:.3f} | {pair_cost_cpu:.3f} |")
    print(f"\nthe workaround (wall): {cost / (layout_time + faithful_time):.0%} of the PDF writer, "
          f"{cost / faithful_time:.0%} of writing the PDF")
    for label, values in (("wall", times), ("CPU", cpu)):
        print(f"all pairs, {label} (plain, faithful):",
              ", ".join(f"({p:.3f}, {f:.3f})" for p, f in zip(values["plain"], values["faithful"])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

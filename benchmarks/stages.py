#!/usr/bin/env python3
"""Where a cold PDF build's time goes, stage by stage, in one process — and the same for the naive
baseline's WeasyPrint, so docs/benchmarks.md can say which costs are nashr's and which WeasyPrint's.

    .venv/bin/python benchmarks/stages.py [--manuscript manuscript] [--repeat 3]

Each stage is timed with the earlier ones done (medians of the repeats after the first, which pays
for imports and font loading): load, parse (Pandoc), transforms, the PDF writer's HTML, WeasyPrint's
layout (with nashr's note patches, counting the layout passes) and PDF writing with and without
nashr's text workaround. The naive rows lay out and write Pandoc's standalone HTML of the same
files with Pandoc's default style, as `pandoc --pdf-engine=weasyprint` does.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manuscript", type=Path, default=REPO / "manuscript")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    started = time.perf_counter()
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration  # noqa: F401 - part of the import cost
    imported = time.perf_counter() - started

    import pypandoc
    import yaml

    from nashr.note_labels import check_labels
    from nashr.parse import parse_project
    from nashr.project import load_project
    from nashr.transforms import apply_transforms
    from nashr.writers.pdf import writer as pdf
    from nashr.writers.pdf import layout as pdf_layout
    from nashr.weasyprint_fixes.text_layer import faithful_text

    times: dict[str, list[float]] = {}
    passes: list[int] = []

    def timed(label: str, action):
        begin = time.perf_counter()
        result = action()
        times.setdefault(label, []).append(time.perf_counter() - begin)
        return result

    captured = {}
    original_render, original_settle = weasyprint.HTML.render, pdf_layout.render_until_settled

    def render(self, **options):  # what PdfWriter lays out, timed per pass
        document = timed("layout (one pass)", lambda: original_render(self, **options))
        captured["document"] = document
        return document

    def settle(render_once, adjustments):
        count = [0]

        def counted():
            count[0] += 1
            return render_once()

        document = timed("layout (all passes)", lambda: original_settle(counted, adjustments))
        passes.append(count[0])
        return document

    weasyprint.HTML.render, pdf.render_until_settled = render, settle
    manifest = yaml.safe_load((args.manuscript / "manuscript.yaml").read_text(encoding="utf-8"))
    files = [str(args.manuscript / name) for name in manifest["contents"]]
    with tempfile.TemporaryDirectory() as folder:
        naive_html = Path(folder) / "naive.html"
        subprocess.run([pypandoc.get_pandoc_path(), *files, "-s", "--metadata", f"title={manifest['title']}",
                        "--metadata", f"lang={manifest['lang']}", "-t", "html5", "-o", str(naive_html)], check=True)
        for _ in range(args.repeat + 1):
            project = timed("load and check", lambda: load_project(args.manuscript, source_checks=[check_labels]))
            parsed = timed("parse (one Pandoc process)", lambda: parse_project(project))
            document = timed("transforms", lambda: apply_transforms(parsed))
            timed("PDF writer, whole", lambda: pdf.PdfWriter().write(document, Path(folder) / "out.pdf"))
            rendered = captured["document"]
            timed("write PDF, WeasyPrint alone", lambda: rendered.write_pdf(Path(folder) / "plain.pdf", pdf_tags=True))

            def faithful():
                with faithful_text():
                    rendered.write_pdf(Path(folder) / "faithful.pdf", pdf_tags=True)

            timed("write PDF, with the text workaround", faithful)
            naive = timed("naive: layout", lambda: original_render(weasyprint.HTML(str(naive_html))))
            timed("naive: write PDF", lambda: naive.write_pdf(Path(folder) / "naive.pdf"))

    print(f"| stage | seconds |\n| --- | ---: |\n| import WeasyPrint (first time) | {imported:.2f} |")
    for label, values in times.items():
        print(f"| {label} | {statistics.median(values[1:] or values):.2f} |")
    print(f"\nlayout passes per build: {sorted(set(passes))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

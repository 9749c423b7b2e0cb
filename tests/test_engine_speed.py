"""What keeps builds fast, checked without timing: HarfBuzz subsets the fonts, WeasyPrint is imported
only when a PDF is rendered, a no-op rebuild parses nothing, and a 10× longer manuscript builds."""
from __future__ import annotations

import os
import subprocess
import sys

import pypdf

from nashr.pipeline import build

from .conftest import MANUSCRIPT, REPO

PROBE = """
import sys
from pathlib import Path
from nashr.pipeline import build, prepare
prepare(Path(sys.argv[1]))
assert "weasyprint" not in sys.modules, "check imported WeasyPrint"
build(Path(sys.argv[1]), Path(sys.argv[2]), ["pdf"])
import nashr.parse as parse
def refuse(*args, **kwargs):
    raise AssertionError("a no-op rebuild parsed the manuscript")
parse.parse_project = refuse
for name in [m for m in sys.modules if m.startswith("weasyprint")]:
    del sys.modules[name]
build(Path(sys.argv[1]), Path(sys.argv[2]), ["pdf"])
assert "weasyprint" not in sys.modules, "a no-op rebuild imported WeasyPrint"
"""


def test_weasyprint_subsets_fonts_with_harfbuzz():
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    assert harfbuzz_subset is not None, "libharfbuzz-subset0 is missing: run scripts/setup.sh"
    assert harfbuzz.hb_version_atleast(4, 1, 0)


def test_check_and_no_op_rebuilds_stay_light(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    result = subprocess.run([sys.executable, "-c", PROBE, str(MANUSCRIPT), str(tmp_path / "out")],
                            env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr


def test_a_ten_times_longer_manuscript_builds(copy_of_manuscript, tmp_path, built):
    import yaml

    manifest_path = copy_of_manuscript / "manuscript.yaml"
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    contents = []
    for copy in range(10):
        for name in manifest["contents"]:
            (copy_of_manuscript / f"{copy}-{name}").write_text((copy_of_manuscript / name).read_text(encoding="utf-8"),
                                                              encoding="utf-8")
            contents.append(f"{copy}-{name}")
    manifest["contents"] = contents
    manifest_path.write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    long = build(copy_of_manuscript, tmp_path / "out", ["pdf"])[0].path
    pages = len(pypdf.PdfReader(long).pages)
    single = len(pypdf.PdfReader(built["pdf"]).pages)
    assert 9 * single <= pages <= 11 * single, (pages, single)

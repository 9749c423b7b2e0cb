"""Random Markdown and random metadata: every case ends in a build (exit 0) or in problems printed as
`path:line: error: …` (exit 1) — never a traceback. `check` is fuzzed broadly, the PDF build on fewer
cases (each costs a WeasyPrint render)."""
from __future__ import annotations

import contextlib
import io
import re
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, event, given, settings, strategies as st

from nashr.cli import main

WORDS = ["نص", "عربي", "الأمن", "English", "FAR", "שלום", "فارسی", "x", "1995", "،", ".", "؟", "-"]
TARGETS = ["fig.png", "missing.png", "../out.png", "/etc/hostname", "http://127.0.0.1:9/x.png",
           "file:///etc/passwd", "data:image/png;base64,AAAA", "#id", "a b.png", "%2e%2e/x.png", ""]
LABELS = ["a", "b", "n1", "نفسه", "x-y"]


def inline() -> st.SearchStrategy[str]:
    word = st.sampled_from(WORDS)
    return st.one_of(
        word,
        st.text(min_size=1, max_size=12),
        word.map(lambda w: f"*{w}*"), word.map(lambda w: f"**{w}**"), word.map(lambda w: f"`{w}`"),
        st.sampled_from(LABELS).map(lambda label: f"[^{label}]"),
        st.text(max_size=8).map(lambda t: f"^[{t}]"),
        st.tuples(word, st.sampled_from(TARGETS)).map(lambda p: f"[{p[0]}]({p[1]})"),
        st.tuples(word, st.sampled_from(TARGETS)).map(lambda p: f"![{p[0]}]({p[1]})"),
        st.tuples(st.sampled_from(["![", "["]), word, st.sampled_from(["[r]", "[]", "", "[R]"])).map(
            lambda p: f"{p[0]}{p[1]}]{p[2]}"),
        st.sampled_from(TARGETS).map(lambda t: f'[s]{{style="background: url({t})"}}'),
        st.sampled_from(["<b>", "</div>", "<script>alert(1)</script>", "<div dir=ltr>", "\\", "[", "]",
                         "{dir=ltr}", "$x^2$", "<!-- c -->", "&amp;", "\u202e", "\u200f", "\x00", "\t"]),
    )


def block() -> st.SearchStrategy[str]:
    line = st.lists(inline(), min_size=1, max_size=8).map(" ".join)
    return st.one_of(
        line,
        st.tuples(st.integers(1, 7), line).map(lambda p: "#" * p[0] + " " + p[1]),
        st.lists(line, min_size=1, max_size=3).map(lambda items: "\n".join(f"- {i}" for i in items)),
        st.lists(line, min_size=1, max_size=3).map(lambda items: "\n".join(f"{n}. {i}" for n, i in enumerate(items, 1))),
        line.map(lambda t: f"> {t}"),
        st.tuples(st.sampled_from(LABELS), line).map(lambda p: f"[^{p[0]}]: {p[1]}"),
        st.tuples(st.sampled_from(["r", "R", "x"]), st.sampled_from(TARGETS)).map(lambda p: f"[{p[0]}]: <{p[1]}>"),
        st.tuples(st.sampled_from(["r", "R", "x"]), st.sampled_from(TARGETS)).map(lambda p: f"[{p[0]}]: {p[1]} 'T'"),
        line.map(lambda t: f"::: {{dir=ltr}}\n{t}\n:::"),
        line.map(lambda t: f"| a | b |\n|---|---|\n| {t} | 2 |"),
        line.map(lambda t: f"```\n{t}\n```"),
        st.just("---"),
    )


markdown = st.lists(block(), max_size=8).map("\n\n".join)
scalar = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.text(max_size=20),
                   st.sampled_from(["2024-03-15", "2024-13-40", "0000-0002-1825-0097", "2658-0829", "rtl",
                                    "ar", "en", "fa-IR", "10.1000/x", "a.md"]))
value = st.recursive(scalar, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                     st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                     max_leaves=8)
KEYS = ["title", "lang", "contents", "slug", "subtitle", "short_title", "dir", "authors", "abstract",
        "keywords", "journal", "doi", "dates", "license", "autors", "bibliography"]
metadata = st.fixed_dictionaries(
    {"title": st.one_of(st.text(min_size=1, max_size=30), value), "lang": st.sampled_from(["ar", "en", "he", "xx-"])},
    optional={
        **{key: value for key in KEYS[3:]},
        "authors": st.lists(st.dictionaries(st.sampled_from(["name", "role", "email", "orcid", "nick"]), scalar,
                                            max_size=4), max_size=3),
        "abstract": st.dictionaries(st.sampled_from(["ar", "en", "fr"]), markdown, max_size=2),
        "dates": st.dictionaries(st.sampled_from(["received", "published", "when"]), scalar, max_size=2),
    })
DIAGNOSTIC = re.compile(r"^\S.*?(:\d+)?(:\d+)?: (error|warning): \S")


def run(manuscript: str, texts: dict[str, str], build: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "ms"
        root.mkdir()
        (root / "manuscript.yaml").write_text(manuscript, encoding="utf-8")
        (root / "fig.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # a broken image: must not crash either
        for name, text in texts.items():
            (root / name).write_text(text, encoding="utf-8")
        stdout, stderr = io.StringIO(), io.StringIO()
        command = ["build", str(root), "-o", str(Path(folder) / "out"), "-f", "pdf", "-q"] if build else ["check", str(root)]
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = main(command)
        problems = stderr.getvalue().splitlines()
        event(f"exit {code}")
        assert code in (0, 1), (code, problems)
        if code == 1:
            assert problems and problems[-1].startswith("nashr: "), problems
            assert DIAGNOSTIC.match(problems[0]) and any(": error: " in line for line in problems), problems
            assert all(DIAGNOSTIC.match(line) or line.startswith(" ") for line in problems[:-1]), problems


def manuscript_of(meta: dict, names: list[str]) -> str:
    meta = {**meta, "contents": meta.get("contents", names)}
    return yaml.safe_dump(meta, allow_unicode=True)


valid_metadata = st.fixed_dictionaries(
    {"title": st.text(min_size=1, max_size=40).filter(str.strip), "lang": st.sampled_from(["ar", "en", "he", "fa"])},
    optional={"abstract": st.dictionaries(st.sampled_from(["ar", "en"]), markdown, max_size=2),
              "subtitle": st.text(max_size=20), "keywords": st.dictionaries(st.sampled_from(["ar", "en"]),
                                                                           st.lists(st.text(max_size=10), max_size=3))})


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(meta=valid_metadata, body=st.lists(markdown, min_size=1, max_size=3))
def test_check_never_crashes_on_random_markdown(meta, body):
    names = [f"{n}.md" for n in range(len(body))]
    run(manuscript_of(meta, names), dict(zip(names, body)), build=False)


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(meta=metadata)
def test_check_never_crashes_on_random_metadata(meta):
    run(manuscript_of(meta, ["a.md"]), {"a.md": "# مقدمة\n\nنص.[^n]\n\n[^n]: هامش.\n"}, build=False)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.text(max_size=300))
def test_check_never_crashes_on_any_manifest_text(text):
    run(text, {"a.md": "x\n"}, build=False)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(meta=valid_metadata, body=markdown)
def test_build_never_crashes(meta, body):
    run(manuscript_of(meta, ["a.md"]), {"a.md": body}, build=True)

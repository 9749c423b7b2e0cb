"""Incremental builds: a content-hash cache that decides which formats need rendering again.

An output is up to date when the digests match those recorded when it was written:
- **inputs** — every manuscript file the build read: `manuscript.yaml`, the content files, the bibliography
  and citation style, the images and other files they embed (sha256 of each);
- **resources** — nashr's templates and styles *for this format*: a file whose path has a component
  named after a format (`styles/pdf.css`, `templates/pdf/…`, `templates/docx/reference.docx`,
  `styles/epub-…`) concerns that format only, any other file concerns every format;
- **tools** — nashr's own code, the fonts it embeds, the Python version and every installed
  distribution's name and version (Pandoc, WeasyPrint, … come as Python packages);
- **options** — the writer's options from the command line (the HTML galley's `--self-contained`);
- **dates** — whether the build is `--reproducible` and SOURCE_DATE_EPOCH (reproducible.py), which
  decide the date an output records;
- **output** — the output file itself, so a missing or modified output is rebuilt;
- **needs** — for a format made from others' outputs (the JATS from the PDF), those outputs as recorded.

With each output the cache keeps the facts its writer returned (the PDF's page count and note numbers),
so a format that needs an up-to-date output (writers.Built) has them without rendering it again.

The cache lives in `OUT_DIR/.nashr-cache/state.json` (`<file>.json` for a single-file manuscript, so two
files in one folder built into one output folder keep their own records), next to the outputs it
describes: deleting the output folder deletes it, and two output folders never share stale state. Beside
it, `parsed/` keeps each content file's parse by its content (read_many.py). File hashes are memoised by
(size, mtime): an untouched file is not read again, so a rebuild with nothing changed reads only the
outputs and renders nothing. System libraries (Pango, HarfBuzz) are not tracked: after upgrading
them, build once with `--force`.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from nashr.output import atomic_output, remove_stale_temporaries
from nashr.resources import bundled_faces, styles_dir, templates_dir

CACHE_DIR = ".nashr-cache"
STATE_VERSION = 2  # 2: facts recorded with each output
PACKAGE = Path(__file__).resolve().parent


class FileHashes:
    """sha256 of files, memoised by (size, mtime_ns) across builds."""

    def __init__(self, memo: dict[str, list]):
        self._previous = memo
        self.memo: dict[str, list] = {}  # what this build looked at: the memo to save
        self.changed = False

    def sha(self, path: Path) -> str | None:
        """The file's sha256, or None when it cannot be read."""
        try:
            stat = path.stat()
        except OSError:
            return None
        key = str(path.absolute())
        entry = self._previous.get(key)
        if not (entry and entry[0] == stat.st_size and entry[1] == stat.st_mtime_ns):
            try:
                entry = [stat.st_size, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest()]
            except OSError:
                return None
            self.changed = True
        self.memo[key] = entry
        return entry[2]


def _digest(items: list[tuple[str, str | None]]) -> str:
    return hashlib.sha256(json.dumps(sorted(items), ensure_ascii=False).encode()).hexdigest()


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def concerns(relative: Path, fmt: str, formats: list[str]) -> bool:
    """True when a template or style file at `relative` matters to `fmt` (see the module docstring)."""
    for part in relative.parts:
        owner = part.split(".")[0].split("-")[0].split("_")[0]
        if owner in formats:
            return owner == fmt
    return True


def _installed_distributions() -> list[str]:
    """Names of every installed distribution's metadata folder (they carry the version)."""
    names: list[str] = []
    for entry in sys.path:
        try:
            names.extend(n for n in os.listdir(entry or ".") if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
    return sorted(names)


class BuildCache:
    """The recorded state of one output folder; `stale_reason` says whether a format must be rendered."""

    def __init__(self, out_dir: Path, formats: list[str], single_file: Path | None = None, dating: str = ""):
        self.path = out_dir / CACHE_DIR / (f"{single_file.name}.json" if single_file else "state.json")
        self.formats = formats
        self.dating = dating
        remove_stale_temporaries(self.path.parent)  # a state file half-saved by a killed build
        state = self._read()
        self._entries: dict[str, dict] = state.get("formats", {})
        self._inputs: list[str] | None = state.get("inputs")
        self.hashes = FileHashes(state.get("memo", {}))
        self._tools: str | None = None
        self._dirty = False

    def _read(self) -> dict:
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return state if isinstance(state, dict) and state.get("version") == STATE_VERSION else {}

    def recorded_inputs(self, root: Path) -> list[Path] | None:
        """The manuscript files the last successful build read, or None when unknown."""
        return None if self._inputs is None else [root / name for name in self._inputs]

    def fingerprint(self, fmt: str, root: Path, inputs: list[Path], needs: tuple[str, ...] = (),
                    options: dict[str, object] | None = None) -> dict[str, str]:
        """The digests that decide whether `fmt` built from `inputs` with the writer's `options` (and
        from the recorded outputs of the formats it `needs`) is up to date."""
        digests = {
            "inputs": _digest([(path.relative_to(root).as_posix(), self.hashes.sha(path)) for path in inputs]),
            "resources": self.resources_digest(fmt),
            "tools": self.tool_digest(),
            "options": _digest([(name, repr(value)) for name, value in (options or {}).items()]),
            "dates": self.dating,
        }
        if needs:
            digests["needs"] = _digest([(need, self._entries.get(need, {}).get("sha")) for need in needs])
        return digests

    def resources_digest(self, fmt: str) -> str:
        items = []
        for folder in (templates_dir(), styles_dir()):
            for path in _files(folder):
                relative = path.relative_to(folder)
                if concerns(relative, fmt, self.formats):
                    items.append((f"{folder.name}/{relative.as_posix()}", self.hashes.sha(path)))
        return _digest(items)

    def tool_digest(self) -> str:
        if self._tools is None:
            code = [(p.relative_to(PACKAGE).as_posix(), self.hashes.sha(p)) for p in sorted(PACKAGE.rglob("*.py"))]
            fonts = [(face.path.name, self.hashes.sha(face.path)) for face in bundled_faces()]
            environment = [("python", sys.version)] + [(name, "") for name in _installed_distributions()]
            self._tools = _digest(code + fonts + environment)
        return self._tools

    def stale_reason(self, fmt: str, fingerprint: dict[str, str], output: Path | None,
                     strict: bool = False) -> str | None:
        """Why `fmt` must be rendered again, or None when its recorded output is still good; with
        `strict`, an output whose build warned is not (its warnings must be seen again)."""
        entry = self._entries.get(fmt)
        if entry is None:
            return "not built before"
        if strict and entry.get("warned"):
            return "its last build warned, and --strict must see the warnings"
        for name, what in (("inputs", "the manuscript changed"), ("resources", "nashr's templates or styles changed"),
                           ("tools", "nashr or its tools changed"), ("options", "its options changed"),
                           ("dates", "--reproducible or SOURCE_DATE_EPOCH changed"),
                           ("needs", "an output it is made from changed")):
            if entry.get(name) != fingerprint.get(name):
                return what
        output = output or self.path.parent.parent / entry.get("output", "")
        if not output.is_file():
            return f"{output.name} is missing"
        if hashlib.sha256(output.read_bytes()).hexdigest() != entry.get("sha"):
            return f"{output.name} was modified"
        return None

    def recorded_output(self, fmt: str) -> Path:
        return self.path.parent.parent / self._entries[fmt]["output"]

    def recorded_facts(self, fmt: str) -> dict:
        """What the writer of `fmt` said about its recorded output."""
        return self._entries.get(fmt, {}).get("facts", {})

    def record(self, fmt: str, fingerprint: dict[str, str], output: Path, root: Path, inputs: list[Path],
               facts: dict | None = None, warned: bool = False) -> None:
        """Remember that `output` was written from this fingerprint, its writer's facts, and whether
        its build `warned`."""
        sha = hashlib.sha256(output.read_bytes()).hexdigest()
        self._entries[fmt] = {**fingerprint, "output": output.name, "sha": sha, "facts": facts or {}, "warned": warned}
        self._inputs = sorted(path.relative_to(root).as_posix() for path in inputs)
        self._dirty = True

    def save(self) -> None:
        """Write the state atomically (only when something changed)."""
        if not (self._dirty or self.hashes.changed):
            return
        state = {"version": STATE_VERSION, "inputs": self._inputs, "formats": self._entries,
                 "memo": self.hashes.memo}
        with atomic_output(self.path) as temporary:
            temporary.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")

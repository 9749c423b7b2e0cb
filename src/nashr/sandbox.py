"""Untrusted manuscripts: every file a build embeds must lie inside the manuscript folder.

These are the rules of the folder; embedded_files.py applies them (and its image policy) to the parsed
document, before any writer, so `nashr check` reports the same problems as a build. `references`
finds everything a writer would read or fetch — image targets, links marked
`rel=attachment` (which a PDF embeds), `url()` in `style` attributes and the `src`-like attributes a
renderer follows — and `refusal` refuses each one that leaves the folder (absolute paths, `..`, links resolved)
or names a scheme (`http:`, `https:`, `file:` or any other): nothing is fetched, ever. Pandoc's
markdown reader gives no source positions, so each refusal is located by finding the reference's text
in its source file. Ordinary hyperlinks are fine: no writer follows them.

The second wall is the PDF writer's `SandboxedFetcher`: WeasyPrint fetches only through it, and it
serves only files inside the allowed folders and `data:` URLs (an SVG's own references, say).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from nashr.ast import Node, get_attr, walk
from nashr.document import Document, Part
from nashr.project import inside

CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
# Attributes that make an HTML renderer fetch what they name (Pandoc passes attributes through).
FETCHING_ATTRIBUTES = {"src", "data", "poster", "srcset", "background", "xlink:href"}
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
NETWORK_SCHEMES = {"http", "https", "ftp", "ftps", "sftp", "ws", "wss", "gopher", "smb", "nfs"}
FIX = "copy the file into the manuscript folder and refer to it by a relative path"


@dataclass(frozen=True)
class Reference:
    """Something the document embeds: `target` as written, and what kind of reference it is."""

    target: str
    kind: str  # "image", "attachment", "style attribute url()", "'src' attribute" …


def references(blocks: list[Node]) -> list[Reference]:
    """Every embedded resource named in `blocks`, in document order."""
    found: list[Reference] = []
    for element in walk(blocks):
        kind = element["t"]
        if kind == "Image":
            found.append(Reference(element["c"][2][0], "image"))
        attributes = get_attr(element)
        if attributes is None:
            continue
        pairs = dict(attributes[2])
        if kind == "Link" and "attachment" in pairs.get("rel", "").split():
            found.append(Reference(element["c"][2][0], "attachment"))
        for name, value in attributes[2]:
            if name == "style":
                found.extend(Reference(match.group(2), "style attribute url()")
                             for match in CSS_URL.finditer(value))
            elif name in FETCHING_ATTRIBUTES:
                for target in (value.split(",") if name == "srcset" else [value]):
                    if target.strip():
                        found.append(Reference(target.strip().split()[0], f"'{name}' attribute"))
    return found


def refusal(root: Path, target: str, kind: str = "reference") -> str | None:
    """Why the `kind` naming `target` may not be read, or None when it names a file inside `root`."""
    if not target.strip():
        return f"{kind} with an empty target; write the path of a file inside the manuscript folder"
    if target.startswith("#") or target.startswith("data:"):
        return None  # a fragment names the document itself; a data: URL carries its bytes
    scheme = SCHEME.match(target)
    if target.startswith("//") or (scheme and target.split(":", 1)[0].lower() in NETWORK_SCHEMES):
        return (f"{kind} {target} would come from the network; nashr never fetches anything during a "
                f"build: {FIX}")
    if scheme:
        name = target.split(":", 1)[0]
        what = "a file: URL" if name.lower() == "file" else f"a {name}: address, not a file in the folder"
        return f"{kind} {target} is {what}; {FIX}"
    path = Path(unquote(target.split("#", 1)[0].split("?", 1)[0]))
    if path.is_absolute():
        return f"{kind} {target} is an absolute path; {FIX}"
    if not inside(root, root / path):
        return f"{kind} {target} lies outside the manuscript folder; {FIX}"
    if not (root / path).is_file():
        return f"{kind} not found: {target} does not exist in the manuscript folder; check the file name"
    return None


def local_file(root: Path, target: str) -> Path:
    """The file inside `root` that an accepted `target` names."""
    return root / unquote(target.split("#", 1)[0].split("?", 1)[0])


class Locator:
    """Finds where a reference is written (line, column), the n-th occurrence for the n-th reference."""

    def __init__(self, text: str):
        self._text = text
        self._from: dict[str, int] = {}

    def position(self, target: str) -> tuple[int, int]:
        start = self._from.get(target, 0)
        index = self._text.find(target, start) if target else -1
        if index < 0 and target:
            index = self._text.find(unquote(target), start)
        if index < 0:
            return 0, 0
        self._from[target] = index + 1
        return self._text.count("\n", 0, index) + 1, index - self._text.rfind("\n", 0, index)


def source_text(document: Document, part: Part) -> str:
    """The text `part` was parsed from: its content file, or the metadata for an abstract."""
    if part.kind == "abstract":
        return document.project.metadata_text()
    return next(source.text for source in document.project.sources if source.path == part.source)

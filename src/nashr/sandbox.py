"""Untrusted manuscripts: every file a build embeds must lie inside the manuscript folder.

These are the rules of the folder; embedded_files.py applies them (and its image policy) to the parsed
document, before any writer, so `nashr check` reports the same problems as a build. `references`
finds everything a writer would read or fetch — image targets, links marked
`rel=attachment` (which a PDF embeds), `url()` in `style` attributes and the `src`-like attributes a
renderer follows — and `refusal` refuses each one that leaves the folder (absolute paths, `..`, links resolved)
or names a scheme (`http:`, `https:`, `file:` or any other): nothing is fetched, ever. Each refusal
is reported where the target is written, as parsing recorded it (positions.py): at the element that
names it, or at the definition of a reference-style image or link (`[ref]: target`), once however
often it is used, naming the places that use it (`at_targets`). Ordinary hyperlinks are fine: no
writer follows them.

The second wall is the PDF writer's `SandboxedFetcher`: WeasyPrint fetches only through it, and it
serves only files inside the allowed folders and `data:` URLs (an SVG's own references, say).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

from nashr.ast import Node, get_attr, walk
from nashr.diagnostics import Diagnostic, Location, named_places
from nashr.document import Document
from nashr.positions import location, target_location
from nashr.project import inside

CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.IGNORECASE | re.DOTALL)
# Attributes that make an HTML renderer fetch what they name (Pandoc passes attributes through).
FETCHING_ATTRIBUTES = {"src", "data", "poster", "srcset", "background", "xlink:href"}
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
NETWORK_SCHEMES = {"http", "https", "ftp", "ftps", "sftp", "ws", "wss", "gopher", "smb", "nfs"}
FIX = "copy the file into the manuscript folder and refer to it by a relative path"


@dataclass(frozen=True)
class Reference:
    """Something the document embeds: `target` as written, what kind of reference it is, and the
    element that names it."""

    target: str
    kind: str  # "image", "attachment", "style attribute url()", "'src' attribute" …
    element: Node


def references(blocks: list[Node]) -> list[Reference]:
    """Every embedded resource named in `blocks`, in document order."""
    found: list[Reference] = []
    for element in walk(blocks):
        kind = element["t"]
        if kind == "Image":
            found.append(Reference(element["c"][2][0], "image", element))
        attributes = get_attr(element)
        if attributes is None:
            continue
        pairs = dict(attributes[2])
        if kind == "Link" and "attachment" in pairs.get("rel", "").split():
            found.append(Reference(element["c"][2][0], "attachment", element))
        for name, value in attributes[2]:
            if name == "style":
                found.extend(Reference(match.group(2), "style attribute url()", element)
                             for match in CSS_URL.finditer(value))
            elif name in FETCHING_ATTRIBUTES:
                for target in (value.split(",") if name == "srcset" else [value]):
                    if target.strip():
                        found.append(Reference(target.strip().split()[0], f"'{name}' attribute", element))
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


def written_at(document: Document, wanted: Callable[[str], bool]) -> list[Location]:
    """Where each target that is `wanted` is written (once for a definition used twice), else the
    metadata file."""
    found = [target_location(document, reference.element) for part in document.parts
             for reference in references(part.blocks) if wanted(reference.target)]
    return list(dict.fromkeys(found)) or [Location(document.project.manifest)]


def at_targets(document: Document, problems: list[tuple[Node, str]]) -> list[Diagnostic]:
    """Each error about what an element names (element, message) where its target is written: at the
    element, or at a reference-style image's or link's definition — there once, however often it is
    used, with the places that use it (the author fixes the target once, at its definition)."""
    uses: dict[tuple[Location, str], list[Location]] = {}
    for element, message in problems:
        uses.setdefault((target_location(document, element), message), []).append(location(document, element))
    return [Diagnostic(where, message if set(places) == {where} else
                       f"{message} (defined here; used at {named_places([str(place) for place in places])})")
            for (where, message), places in uses.items()]



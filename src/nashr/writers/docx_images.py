"""Images for the DOCX: read from inside the manuscript folder only, handed to Pandoc as data: URIs.

Pandoc runs sandboxed (it reads no file and fetches nothing), so nashr reads each image itself — only
when it lies inside the manuscript folder — and passes its bytes inline. Anything else is refused
with the same message the PDF writer gives.
"""
from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from nashr.ast import Node, map_nodes
from nashr.diagnostics import Diagnostic, ManuscriptError
from nashr.document import Document
from nashr.project import inside, locate


def inline_images(document: Document, blocks: list[Node]) -> list[Node]:
    root = document.project.root
    refused: list[str] = []

    def inline(element: Node) -> Node | None:
        if element["t"] != "Image":
            return None
        attributes, caption, (target, title) = element["c"]
        if target.startswith("data:"):
            return None
        path = root / unquote(urlparse(target).path) if not urlparse(target).scheme else None
        if path is None or not inside(root, path) or not path.is_file():
            refused.append(target)
            return None
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return {**element, "c": [attributes, caption, [f"data:{mime};base64,{data}", title]]}

    result = map_nodes(blocks, inline)
    if refused:
        raise ManuscriptError([
            Diagnostic(locate(document.project, target),
                       f"the manuscript refers to {target}, which is missing, lies outside the manuscript "
                       "folder or on the network; copy the file into the manuscript folder and refer to it "
                       "by a relative path")
            for target in refused
        ])
    return result

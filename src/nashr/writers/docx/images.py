"""Images for the DOCX: read from inside the manuscript folder only, handed to Pandoc as data: URIs.

Pandoc runs sandboxed (it reads no file and fetches nothing), so nashr reads each image itself — only
when it lies inside the manuscript folder — and passes its bytes inline. Anything else is refused
with the sandbox's own reasons (sandbox.refusal), as the other writers do.
"""
from __future__ import annotations

import base64
import mimetypes

from nashr.ast import Node, map_nodes
from nashr.diagnostics import Diagnostic, ManuscriptError
from nashr.document import Document
from nashr.positions import location
from nashr.sandbox import local_file, refusal


def inline_images(document: Document, blocks: list[Node]) -> list[Node]:
    root = document.project.root
    refused: list[tuple[Node, str]] = []

    def inline(element: Node) -> Node | None:
        if element["t"] != "Image":
            return None
        attributes, caption, (target, title) = element["c"]
        if target.startswith("data:"):
            return None
        problem = refusal(root, target, "image")
        if problem:
            refused.append((element, problem))
            return None
        path = local_file(root, target)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return {**element, "c": [attributes, caption, [f"data:{mime};base64,{data}", title]]}

    result = map_nodes(blocks, inline)
    if refused:
        raise ManuscriptError([Diagnostic(location(document, element), problem) for element, problem in refused])
    return result

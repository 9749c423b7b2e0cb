"""Images for the DOCX: handed to Pandoc as data: URIs, as the image policy (embedded_files.py) reads
and converts them. Pandoc runs sandboxed (it reads no file and fetches nothing), so nashr reads each
image itself and passes its bytes inline."""
from __future__ import annotations

import base64

from nashr.ast import Node
from nashr.document import Document
from nashr.embedded_files import EmbeddedImage, embed_images


def inline_images(document: Document, blocks: list[Node]) -> list[Node]:
    def inline(image: EmbeddedImage) -> str:
        return f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"

    return embed_images(document, blocks, "docx", inline)

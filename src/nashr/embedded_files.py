"""One policy for every file a manuscript embeds, decided once for `nashr check` and every writer.

`check_resources` runs in the pipeline before any writer, so that every format builds what `check`
passes. Each reference must name a file inside the manuscript folder (the sandbox's rules, sandbox.py),
and so must what an SVG image refers to inside it (an `<image>`, a `url()`), from the SVG's folder. An
image must moreover *be* an image of a common type, read from its bytes whatever its name says: PNG,
JPEG, GIF, WebP and SVG, and the TIFF, BMP and AVIF that Word documents and scanners hand an editor.
A damaged file, a text saved as `.png` or an EMF drawing is an error at its line in every command (a
reference-style image's at its definition, sandbox.at_targets), not an empty frame in one format.
`data:` images (what Word and web imports produce) are accepted on the same terms and go into every
format as image files do.

Each format shows some of these types (SHOWN); `embed_images` gives a writer every image already
converted to PNG when its format does not show the image's type, so no format drops an image the
others show. The PDF shows them all: WeasyPrint reads each file itself, through its sandboxed fetcher.
"""
from __future__ import annotations

import base64
import binascii
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, unquote_to_bytes

from nashr.ast import Node, map_nodes
from nashr.diagnostics import ManuscriptError
from nashr.document import Document
from nashr.sandbox import CSS_URL, SCHEME, at_targets, local_file, references, refusal

PNG, JPEG, GIF, WEBP, SVG = "image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml"
TIFF, BMP, AVIF = "image/tiff", "image/bmp", "image/avif"
EXTENSIONS = {PNG: ".png", JPEG: ".jpg", GIF: ".gif", WEBP: ".webp", SVG: ".svg", TIFF: ".tiff", BMP: ".bmp",
              AVIF: ".avif"}
ALIASES = {JPEG: (".jpeg",), TIFF: (".tif",)}
# Pillow's name for each raster type (MPO: a camera's JPEG holding a second picture).
RASTER = {"PNG": PNG, "JPEG": JPEG, "MPO": JPEG, "GIF": GIF, "WEBP": WEBP, "TIFF": TIFF, "BMP": BMP, "AVIF": AVIF}
WEB = frozenset({PNG, JPEG, GIF, WEBP, SVG})  # EPUB 3's core media types: every reading system shows them
SHOWN = {
    "pdf": frozenset(EXTENSIONS),
    "epub": WEB,  # and the JATS and MECA, which name and package their images as the EPUB does
    "html": WEB | {AVIF},
    "docx": frozenset({PNG, JPEG, GIF, SVG, TIFF}),  # what Word shows and Pandoc can size (not BMP)
}
ADVICE = "save it as PNG or JPEG inside the manuscript folder"


class ImageRefused(Exception):
    """Why an image cannot be embedded, as the message an author reads."""


@dataclass(frozen=True)
class EmbeddedImage:
    """An accepted image: `name` is a file name for it (the file's own, or image.<ext> for a `data:`
    image), `media_type` its type as read from its bytes."""

    name: str
    media_type: str
    data: bytes

    @property
    def suffix(self) -> str:
        """The name's extension (in lower case) when it says the image's type, else the type's own."""
        own, usual = Path(self.name).suffix.lower(), EXTENSIONS[self.media_type]
        return own if own in (usual, *ALIASES.get(self.media_type, ())) else usual


def read_image(root: Path, target: str) -> EmbeddedImage:
    """The image `target` (as written in the manuscript) names; raise ImageRefused when it may not or
    cannot be embedded."""
    if target.startswith("data:"):
        data, name = _decoded(target), "image"
    else:
        if reason := refusal(root, target, "image"):
            raise ImageRefused(reason)
        path = local_file(root, target)
        data, name = path.read_bytes(), path.name
    media_type = media_type_of(data)
    if media_type is None:
        raise ImageRefused(f"image {_shown(target)} is not a PNG, JPEG, GIF, WebP, SVG, TIFF, BMP or AVIF "
                           f"image (a damaged file, or another kind of file under this name); {ADVICE}")
    if media_type == SVG and (reason := _svg_refusal(root, target, data)):
        raise ImageRefused(reason)
    if target.startswith("data:"):
        name += EXTENSIONS[media_type]
    return EmbeddedImage(name, media_type, data)


def shown_in(image: EmbeddedImage, format: str) -> EmbeddedImage:
    """`image` as `format` can show it: itself, or converted to PNG (its first frame)."""
    if image.media_type in SHOWN[format]:
        return image
    from PIL import Image

    with Image.open(io.BytesIO(image.data)) as picture:
        if picture.mode not in ("1", "L", "LA", "P", "RGB", "RGBA", "I", "I;16"):
            picture = picture.convert("RGBA" if "A" in picture.mode else "RGB")
        buffer = io.BytesIO()
        picture.save(buffer, "PNG")
    return EmbeddedImage(Path(image.name).stem + ".png", PNG, buffer.getvalue())


def media_type_of(data: bytes) -> str | None:
    """The image type `data` holds, read from its bytes; None when it is no image nashr embeds."""
    if _svg(data) is not None:
        return SVG
    from PIL import Image, UnidentifiedImageError

    Image.init()
    try:
        with Image.open(io.BytesIO(data), formats=[name for name in RASTER if name in Image.OPEN]) as picture:
            kind = RASTER[picture.format]
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, KeyError, EOFError):
        return None
    return kind


def _svg(data: bytes) -> Any:
    """The root element of the SVG drawing `data` holds, or None when it holds none."""
    start = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not start.startswith(b"<") or b"<svg" not in data[:65536]:
        return None
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return None
    return root if etree.QName(root).localname == "svg" else None


def _svg_refusal(root: Path, target: str, data: bytes) -> str | None:
    """Why the SVG image `target` may not be embedded for what it refers to inside it (an <image>, a
    url() in its style): every renderer would fetch that too, so the folder's rules hold for it,
    relative to the SVG's own folder."""
    base = Path(unquote(target)).parent if not target.startswith("data:") else Path()
    for element in _svg(data).iter():
        if not isinstance(element.tag, str):
            continue  # a comment or processing instruction
        found = [value for name, value in element.attrib.items() if name.split("}")[-1] in ("href", "src")]
        for text in [element.get("style", ""), (element.text or "") if element.tag.endswith("style") else ""]:
            found += [match.group(2) for match in CSS_URL.finditer(text)]
        for reference in found:
            if reason := refusal(root, _from(base, reference), f"image {_shown(target)}, in its SVG code:"):
                return reason
    return None


def _from(base: Path, reference: str) -> str:
    """`reference`, written in an SVG in the folder `base`, as a path from the manuscript folder; a
    fragment, an address or an absolute path as it is."""
    return reference if reference.startswith(("#", "/")) or SCHEME.match(reference) else (base / reference).as_posix()


def _decoded(target: str) -> bytes:
    """The bytes of a `data:` URL (RFC 2397)."""
    header, comma, payload = target[5:].partition(",")
    if not comma:
        raise ImageRefused(f"image {_shown(target)} has no comma before its data; {ADVICE}")
    if header.lower().endswith(";base64"):
        try:
            return base64.b64decode(unquote_to_bytes(payload), validate=False)
        except (binascii.Error, ValueError):
            raise ImageRefused(f"image {_shown(target)}: its base64 data cannot be decoded; {ADVICE}") from None
    return unquote_to_bytes(payload)


def _shown(target: str) -> str:
    """`target` short enough for a message: a `data:` URL cut after its header."""
    return target if not target.startswith("data:") or len(target) <= 48 else target[:40] + "…"


def image_problem(root: Path, target: str) -> str | None:
    """Why the image `target` cannot be embedded, or None."""
    try:
        read_image(root, target)
    except ImageRefused as refused:
        return str(refused)
    return None


def check_resources(document: Document) -> list[Path]:
    """The local files the document embeds; raise ManuscriptError for every reference that leaves the
    manuscript folder or names the network, and every image that is none nashr embeds, at its file
    and line."""
    root = document.project.root
    problems: list[tuple[Node, str]] = []
    files: list[Path] = []
    for part in document.parts:
        for reference in references(part.blocks):
            image = reference.kind == "image"
            if reference.target.startswith("#") or (reference.target.startswith("data:") and not image):
                continue
            reason = image_problem(root, reference.target) if image else refusal(root, reference.target, reference.kind)
            if reason is None:
                if not reference.target.startswith("data:"):
                    files.append(local_file(root, reference.target))
                continue
            problems.append((reference.element, reason))
    if problems:
        raise ManuscriptError(at_targets(document, problems))
    return sorted(set(files))


Place = Callable[[EmbeddedImage], str]  # an image as its format shows it → the address the output uses


def embed_images(document: Document, blocks: list[Node], format: str, place: Place) -> list[Node]:
    """`blocks` with every image's address replaced by what `place` returns for it, the image read by
    this policy and converted to a type `format` shows; raise ManuscriptError at each image refused
    (the pipeline has refused them all before, unless a file changed since)."""
    root = document.project.root
    problems: list[tuple[Node, str]] = []

    def embed(element: Node) -> Node | None:
        if element["t"] != "Image":
            return None
        attributes, caption, (target, title) = element["c"]
        try:
            image = shown_in(read_image(root, target), format)
        except ImageRefused as refused:
            problems.append((element, str(refused)))
            return None
        return {**element, "c": [attributes, caption, [place(image), title]]}

    result = map_nodes(blocks, embed)
    if problems:
        raise ManuscriptError(at_targets(document, problems))
    return result


def with_images(document: Document, format: str, place: Place) -> Document:
    """The document with every part's images placed by `place` (see `embed_images`)."""
    return document.with_blocks([embed_images(document, part.blocks, format, place) for part in document.parts])

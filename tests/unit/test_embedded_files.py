"""The image policy on its own: a type is read from the bytes, `data:` URLs are decoded, and an image a
format does not show comes out as a PNG of the same size."""
from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from nashr.embedded_files import ImageRefused, read_image, shown_in


def saved(folder: Path, name: str, kind: str, mode: str = "RGB") -> str:
    Image.new(mode, (7, 5)).save(folder / name, kind)
    return name


def test_the_type_comes_from_the_bytes_not_the_name(tmp_path):
    saved(tmp_path, "photo.png", "JPEG")  # a JPEG under a PNG's name
    image = read_image(tmp_path, "photo.png")
    assert image.media_type == "image/jpeg" and image.suffix == ".jpg"
    (tmp_path / "notes.png").write_text("not an image", encoding="utf-8")
    with pytest.raises(ImageRefused, match="notes.png is not a PNG, JPEG"):
        read_image(tmp_path, "notes.png")


def test_data_urls_in_base64_and_percent_encoded(tmp_path):
    svg = read_image(tmp_path, "data:image/svg+xml,%3Csvg%20xmlns=%22http://www.w3.org/2000/svg%22/%3E")
    assert (svg.name, svg.media_type) == ("image.svg", "image/svg+xml")
    with pytest.raises(ImageRefused, match="no comma"):
        read_image(tmp_path, "data:image/png")
    with pytest.raises(ImageRefused, match="data:text/plain;base64,aGVsbG8= is not"):
        read_image(tmp_path, "data:text/plain;base64,aGVsbG8=")


@pytest.mark.parametrize("kind, mode, format, converted", [
    ("TIFF", "CMYK", "epub", True), ("BMP", "RGB", "docx", True), ("WEBP", "RGBA", "docx", True),
    ("TIFF", "RGB", "docx", False), ("WEBP", "RGB", "html", False), ("TIFF", "RGB", "pdf", False),
])
def test_a_type_a_format_does_not_show_becomes_a_png_of_the_same_size(tmp_path, kind, mode, format, converted):
    image = shown_in(read_image(tmp_path, saved(tmp_path, f"scan.{kind.lower()}", kind, mode)), format)
    assert (image.media_type == "image/png") == converted
    with Image.open(io.BytesIO(image.data)) as picture:
        assert picture.size == (7, 5) and (picture.format == "PNG") == converted
    assert image.name == ("scan.png" if converted else f"scan.{kind.lower()}")

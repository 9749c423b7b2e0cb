"""Helpers for the build-engine tests: a local server that records connections, the text of any output
format, a tiny image, and a manuscript in a few lines."""
from __future__ import annotations

import io
import socket
import threading
import zipfile
from pathlib import Path

from lxml import etree

from .pdf_inspect import pdftotext


class ConnectionRecorder:
    """A TCP server on 127.0.0.1 that only counts the connections it receives."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen()
        self._socket.settimeout(0.2)
        self.port = self._socket.getsockname()[1]
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def __enter__(self) -> "ConnectionRecorder":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._socket.close()

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.port}/{name}"


def png_bytes(color: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), color).save(buffer, "PNG")
    return buffer.getvalue()


def text_of(path: Path) -> str:
    """What a reader of the output sees as text, for every format nashr writes."""
    if path.suffix == ".pdf":
        return pdftotext(path)
    if path.suffix in (".epub", ".docx"):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist()
                     if n.endswith((".xhtml", ".html")) or n in ("word/document.xml", "word/footnotes.xml")]
            texts = []
            for name in sorted(names):
                root = etree.fromstring(archive.read(name))
                texts.append("".join(root.itertext()))
                texts.extend(value for value in root.xpath("//@content | //@alt") if isinstance(value, str))
            return "\n".join(texts)
    if path.suffix == ".html":  # the galley: the page's text
        return "\n".join(etree.HTML(path.read_bytes()).itertext())
    if path.suffix == ".xml":  # JATS
        return "\n".join(etree.parse(str(path)).getroot().itertext())
    if path.name.endswith(".meca.zip"):  # the JATS inside
        with zipfile.ZipFile(path) as archive:
            name = next(n for n in archive.namelist() if n.endswith(".xml") and "/" not in n and n != "manifest.xml"
                        and n != "transfer.xml")
            return "\n".join(etree.fromstring(archive.read(name)).itertext())
    raise AssertionError(f"no text extractor for {path.suffix}; add one to tests/engine_helpers.py")


def manifest(title: str = "Test article", lang: str = "en", extra: str = "", contents: str = "[a.md]") -> str:
    return f"title: {title}\nlang: {lang}\nslug: t\n{extra}contents: {contents}\n"

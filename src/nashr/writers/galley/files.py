"""The galley's file set: the page, and its images and fonts either beside it or inside it.

By default the images and fonts go into `<slug>_files/` next to `<slug>.html`, each named after a hash
of its bytes: a rebuild that leaves an image unchanged writes the same name, and a page being replaced
never points at a file that changed under it. Files neither the new page nor the page it replaces
refer to are removed. With `--self-contained` they are `data:` URLs inside the page. Either way the
page refers to nothing else: no request leaves the file set.
"""
from __future__ import annotations

import base64
import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from nashr.document import Document
from nashr.embedded_files import with_images


def folder_name(slug: str) -> str:
    return f"{slug}_files"


@dataclass
class FileSet:
    """The files a page refers to, by URL; `folder` is None for a self-contained page."""

    folder: str | None
    files: dict[str, bytes] = field(default_factory=dict)

    def add(self, name: str, data: bytes, media_type: str) -> str:
        """The URL the page uses for `data` (a file called after `name`)."""
        if self.folder is None:
            return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"
        stem, suffix = os.path.splitext(re.sub(r"[^A-Za-z0-9._-]", "", name) or "file")
        file = f"{stem}-{hashlib.sha256(data).hexdigest()[:12]}{suffix.lower()}"
        self.files[file] = data
        return f"{self.folder}/{file}"

    def write(self, folder: Path, previous: Path) -> None:
        """Write the files into `folder`; remove those of its files that neither this page nor the
        `previous` page (the one being replaced, which stays in place should the build fail) uses."""
        if self.files:
            folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.files.items():
            target = folder / name
            if not target.is_file():  # else it holds these bytes already: the name is their hash
                temporary = folder / f".{name}.{os.getpid()}.tmp"
                temporary.write_bytes(data)
                os.replace(temporary, target)
        if not folder.is_dir():
            return
        old = previous.read_text(encoding="utf-8", errors="replace") if previous.is_file() else ""
        for path in folder.iterdir():
            if path.is_file() and path.name not in self.files and f"{folder.name}/{path.name}" not in old:
                path.unlink()
        if not any(folder.iterdir()):
            folder.rmdir()


def place_images(document: Document, files: FileSet) -> Document:
    """The document with every image's address replaced by its URL in `files`, as the image policy
    (embedded_files.py) reads and converts it."""
    return with_images(document, "html", lambda image: files.add(image.name, image.data, image.media_type))

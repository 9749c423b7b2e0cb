"""The HTML galley (`-f html`): the article as one web page, right to left first, tested in Chromium.

`dist/<slug>.html`, with its images and font subsets in `dist/<slug>_files/` (or inside the page with
`--self-contained`). The page carries the title block, abstracts and masthead data, notes numbered as
in the PDF (pop-ups, side notes, a note list linked both ways), citations linked to the reference list,
print rules, and the Highwire `citation_*` tags. It is made without WeasyPrint, so `-f html` alone
stays quick. See docs/html.md.
"""
from __future__ import annotations

from pathlib import Path

from nashr.document import Document
from nashr.writers import Built


class HtmlWriter:
    name = "html"
    extension = "html"

    def __init__(self, self_contained: bool = False):
        self.self_contained = self_contained

    uses = ("pdf",)  # its page count, for the page range, when the PDF is built with the page

    def write(self, document: Document, target: Path, built: dict[str, Built]) -> None:
        """Write the page to `target` and its files beside `target`'s final name, `<slug>.html`."""
        # imported here, not above: the pipeline imports writers in a thread while the main thread
        # imports the transforms, and the two must not import the same modules at once
        from nashr.writers.galley.files import FileSet, folder_name
        from nashr.writers.galley.page import render_page

        folder = folder_name(document.slug)
        files = FileSet(None if self.self_contained else folder)
        pdf = built.get("pdf")
        page = render_page(document, files, pdf.facts.get("pages") if pdf else None)
        target.write_text(page, encoding="utf-8")
        files.write(target.parent / folder, previous=target.parent / f"{document.slug}.{self.extension}")

"""PDF: the transformed AST → HTML (Pandoc) → Jinja2 template + CSS → WeasyPrint."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from nashr.diagnostics import Diagnostic, Location, ManuscriptError
from nashr.document import Document
from nashr.project import inside
from nashr.reproducible import pdf_identifier, w3c_date
from nashr.resources import amiri_faces, styles_dir, templates_dir
from nashr.writers.html import blocks_to_html, environment, title_block
from nashr.writers.pdf_layout import render_keeping_notes_with_calls
from nashr.writers.pdf_notes import notes_at_calls


def font_face_css() -> str:
    """@font-face rules for the bundled fonts, so no glyph comes from a system font."""
    rules = []
    for face in amiri_faces():
        rules.append(
            f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
            f'font-style: {face.style}; src: url("{face.path.as_uri()}"); }}'
        )
    return "\n".join(rules)


class SandboxedFetcher:
    """Lets WeasyPrint read only nashr's own files and files inside the manuscript; records refusals."""

    def __init__(self, allowed_roots: list[Path]):
        import weasyprint

        self._allowed = [root.resolve() for root in allowed_roots]
        self._fetch = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
        self.refused: list[str] = []

    def __call__(self, url: str, *args, **kwargs):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return self._fetch(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path))
            if any(inside(root, path) for root in self._allowed):
                return self._fetch(url)
        self.refused.append(url)
        raise ValueError(f"nashr does not fetch {url}: only files inside the manuscript folder are read")

    fetch = __call__


class PdfWriter:
    name = "pdf"
    extension = "pdf"
    preload = ("weasyprint", "weasyprint.text.fonts")  # imported by the pipeline while Pandoc parses

    def write(self, document: Document, target: Path) -> None:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration

        body = notes_at_calls(document.body_blocks())
        context = title_block(document)
        context["body"] = blocks_to_html(document, body)
        html = environment().get_template("pdf/article.html.j2").render(**context)

        root = document.project.root
        fetcher = SandboxedFetcher([root, templates_dir(), styles_dir()] +
                                   [face.path.parent for face in amiri_faces()])
        font_config = FontConfiguration()
        stylesheets = [
            weasyprint.CSS(string=font_face_css(), font_config=font_config, url_fetcher=fetcher),
            weasyprint.CSS(filename=styles_dir() / "pdf.css", font_config=font_config, url_fetcher=fetcher),
        ]
        page = weasyprint.HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=fetcher)
        rendered = render_keeping_notes_with_calls(
            lambda: page.render(stylesheets=stylesheets, font_config=font_config, pdf_tags=True))
        rendered.metadata.created = rendered.metadata.modified = w3c_date(document.metadata)
        rendered.write_pdf(target, pdf_tags=True, pdf_identifier=pdf_identifier(document.metadata))
        if fetcher.refused:
            raise ManuscriptError([
                Diagnostic(Location(document.project.manifest),
                           f"the manuscript refers to {url}, which lies outside the manuscript folder or on "
                           "the network; copy the file into the manuscript folder and refer to it by a "
                           "relative path")
                for url in fetcher.refused
            ])


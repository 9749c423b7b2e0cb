"""PDF: the transformed AST → HTML (Pandoc) → Jinja2 template + CSS → WeasyPrint."""
from __future__ import annotations

import atexit
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from nashr.diagnostics import Diagnostic, ManuscriptError
from nashr.document import Document
from nashr.project import inside
from nashr.reproducible import pdf_identifier, recorded_datetime, w3c_date
from nashr.resources import bundled_faces, styles_dir, templates_dir
from nashr.sandbox import local_file, written_at
from nashr.writers.kit.html_fragments import fragments_to_html
from nashr.writers.kit.templating import environment, font_face_css
from nashr.writers.kit.title_block import title_block, title_fragments
from nashr.writers.kit.latin_punctuation import with_latin_punctuation
from nashr.writers import Written
from nashr.weasyprint_fixes import patched_layout
from nashr.writers.pdf.layout import (keep_headings_with_text, keep_notes_with_calls, number_notes_per_page,
                                     overfull_notes, printed_note_numbers, render_until_settled,
                                     wrapped_running_heads)
from nashr.writers.pdf.math import math_as_svg
from nashr.writers.pdf.page import masthead, page_css, running_heads_too_long
from nashr.weasyprint_fixes.note_continuation import continue_long_notes
from nashr.writers.pdf.notes import notes_at_calls, too_tall_for_a_page
from nashr.weasyprint_fixes.text_layer import faithful_text
from nashr.writers.pdf.wide_tables import fit_wide_tables, turn_landscape_pages


# The manuscript's files are addressed under this URL instead of their real location: WeasyPrint names
# images by a hash of their URL, so the PDF would otherwise change with the folder the manuscript is in.
MANUSCRIPT_URL = "file:///nashr-manuscript/"


class SandboxedFetcher:
    """Lets WeasyPrint read only nashr's own files and files inside the manuscript (`root`, addressed
    as MANUSCRIPT_URL); records refusals and missing files (WeasyPrint itself only logs them)."""

    def __init__(self, root: Path, allowed_roots: list[Path]):
        import weasyprint

        self._root = root.resolve()
        self._allowed = [self._root] + [folder.resolve() for folder in allowed_roots]
        self._fetch = weasyprint.URLFetcher(allowed_protocols={"file", "data"})
        self.refused: list[str] = []
        self.missing: list[Path] = []
        self._fail_on_errors = False  # read by weasyprint.urls.fetch: failures become warnings, we report them

    def __call__(self, url: str, *args, **kwargs):
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return self._fetch(url)
        if url.startswith(MANUSCRIPT_URL):
            path = self._root / unquote(url[len(MANUSCRIPT_URL):].split("#")[0].split("?")[0])
            url = path.as_uri()
            parsed = urlparse(url)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path))
            if any(inside(root, path) for root in self._allowed):
                if not path.is_file():
                    self.missing.append(path)
                return self._fetch(url)
        self.refused.append(url)
        raise ValueError(f"nashr does not fetch {url}: only files inside the manuscript folder are read")

    fetch = __call__


class PdfWriter:
    name = "pdf"
    extension = "pdf"
    preload = ("weasyprint", "weasyprint.text.fonts")  # imported by the pipeline while Pandoc parses

    def warm(self) -> None:
        """Load the fonts and parse the stylesheets before the first document comes (a watcher's worker)."""
        _fonts_and_styles(*_style_sources(with_latin_punctuation(bundled_faces())))

    def write(self, document: Document, target: Path) -> Written:
        """Write the PDF; return its page count ("pages") and the number printed for each note ("notes":
        {number through the article: number as printed}), which the JATS repeats, and the warnings of
        its layout."""
        rendered, fetcher, warnings = self.lay_out(document)
        layout = document.metadata.layout
        variant = None if layout.pdf_standard == "none" else layout.pdf_standard
        with faithful_text():
            rendered.metadata.created = rendered.metadata.modified = w3c_date(recorded_datetime(document))
            rendered.write_pdf(target, pdf_tags=True, pdf_variant=variant,
                               pdf_identifier=pdf_identifier(document.metadata),
                               finisher=turn_landscape_pages(rtl=document.metadata.direction == "rtl"))
        _raise_fetch_problems(document, fetcher)  # attachments are read only now
        return Written({"pages": len(rendered.pages), "notes": printed_note_numbers(rendered)}, warnings)

    def check(self, document: Document) -> list[Diagnostic]:
        """What `write` would find wrong (raised) or warn about (returned), writing nothing: so that
        `nashr check` and a build agree on what only the laid-out pages show (a note taller than a page)."""
        return self.lay_out(document)[2]

    def lay_out(self, document: Document) -> tuple[object, SandboxedFetcher, list[Diagnostic]]:
        """The laid-out pages, the fetcher that served them, and warnings about them; raise
        ManuscriptError for what cannot be printed."""
        import weasyprint

        metadata = document.metadata
        # every note, the abstracts' included, set at its call so it floats to the foot of its page
        at_calls = document.with_blocks([notes_at_calls(part.blocks, metadata.layout.numerals) for part in document.parts])
        body, *title_html = fragments_to_html(at_calls, [(at_calls.body_blocks(), True), *title_fragments(at_calls)])
        context = title_block(at_calls, title_html) | masthead(metadata)
        context["body"] = math_as_svg(body)
        html = environment().get_template("pdf/article.html.j2").render(**context)

        root = document.project.root
        faces = with_latin_punctuation(bundled_faces())  # all of them: WeasyPrint embeds only the glyphs it draws
        fetcher = SandboxedFetcher(root, _style_folders(faces))
        font_config, stylesheets = _fonts_and_styles(*_style_sources(faces))
        stylesheets = [*stylesheets,
                       weasyprint.CSS(string=page_css(metadata), font_config=font_config, url_fetcher=fetcher)]
        page = weasyprint.HTML(string=html, base_url=MANUSCRIPT_URL, url_fetcher=fetcher)
        layout = metadata.layout
        adjustments = [keep_notes_with_calls, keep_headings_with_text, continue_long_notes(),
                       fit_wide_tables(landscape=layout.wide_tables == "landscape")]
        if layout.note_numbering == "per-page":
            adjustments.append(number_notes_per_page(layout.numerals))

        def render():
            with patched_layout():
                # presentational hints: Pandoc writes a list's start (<ol start="6">) and an image's size in
                # pixels (<img width="60">) as HTML attributes, which WeasyPrint reads only when asked
                rendered = page.render(stylesheets=stylesheets, font_config=font_config, pdf_tags=True,
                                       presentational_hints=True)
            if overfull := overfull_notes(rendered):
                raise ManuscriptError(too_tall_for_a_page(document, overfull))
            return rendered

        rendered = render_until_settled(render, adjustments)
        _raise_fetch_problems(document, fetcher)
        return rendered, fetcher, running_heads_too_long(document, wrapped_running_heads(rendered))


def _raise_fetch_problems(document: Document, fetcher: SandboxedFetcher) -> None:
    """The files WeasyPrint was refused or did not find, as errors at the manuscript's lines."""
    root = document.project.root
    problems = [
        Diagnostic(where, f"the manuscript refers to {url}, which lies outside the manuscript folder or on the "
                          "network; copy the file into the manuscript folder and refer to it by a relative path")
        for url in dict.fromkeys(fetcher.refused) for where in written_at(document, lambda target: target == url)
    ]
    for path in dict.fromkeys(fetcher.missing):
        relative = path.relative_to(root.resolve()).as_posix() if inside(root, path) else str(path)
        problems += [Diagnostic(where, f"{relative} does not exist in the manuscript folder; check the file name")
                     for where in written_at(document, lambda target: local_file(root, target).resolve() == path)]
    if problems:
        raise ManuscriptError(problems)


def _style_folders(faces: list) -> list[Path]:
    return [templates_dir(), styles_dir()] + [face.path.parent for face in faces]


STYLESHEETS = ("verse.css", "pdf.css")  # in styles/, after the @font-face rules


def _style_sources(faces: list) -> tuple[str, str, tuple[Path, ...]]:
    """What the shared stylesheets are made from: the @font-face rules, the text of STYLESHEETS, the
    folders they may read."""
    font_faces = font_face_css([(face, face.path.as_uri()) for face in faces])
    texts = "\n".join((styles_dir() / name).read_text(encoding="utf-8") for name in STYLESHEETS)
    return font_faces, texts, tuple(_style_folders(faces))


@lru_cache(maxsize=1)
def _fonts_and_styles(font_faces: str, stylesheets: str, folders: tuple[Path, ...]) -> tuple[object, list]:
    """The bundled fonts loaded and STYLESHEETS parsed (their text is part of the cache key), kept while
    they are unchanged, so a watcher's long-lived worker pays for them once. They read nothing from the
    manuscript, so their fetcher is not the build's."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    fetcher = SandboxedFetcher(styles_dir(), list(folders))
    font_config = FontConfiguration()
    return font_config, [
        weasyprint.CSS(string=font_faces, font_config=font_config, url_fetcher=fetcher),
        *[weasyprint.CSS(filename=styles_dir() / name, font_config=font_config, url_fetcher=fetcher)
          for name in STYLESHEETS],
    ]


# let go of them before the interpreter tears its modules down (FontConfiguration deletes its folder then)
atexit.register(_fonts_and_styles.cache_clear)

"""The Jinja2 environment over templates/ and the CSS that names the bundled fonts: what every writer
that fills a template (PDF, EPUB, the HTML galley, an issue's front matter) shares."""
from __future__ import annotations

import jinja2

from nashr.resources import FontFace, templates_dir
from nashr.writers.kit.title_block import metadata_direction


def environment() -> jinja2.Environment:
    """Jinja2 over templates/, escaping every value so metadata can never inject markup."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["direction"] = metadata_direction  # {{ title | direction(dir) }}: ltr or rtl
    return env


def font_face_css(faces: list[tuple[FontFace, str]]) -> str:
    """An @font-face rule for each (face, URL of its file), so no glyph comes from a system font."""
    return "\n".join(
        f'@font-face {{ font-family: "{face.family}"; font-weight: {face.weight}; '
        f'font-style: {face.style}; src: url("{url}"); }}'
        for face, url in faces
    )

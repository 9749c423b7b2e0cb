"""Math in the PDF: every formula drawn by ziamath in STIX Two Math, as a picture set in the line.

WeasyPrint does not lay out MathML, and Pandoc's plain-HTML math falls back to the raw TeX
(`$$\\frac{d}{dx}…$$`) for anything beyond letters and operators. So the PDF asks Pandoc for MathML
and replaces each `<math>` element by an SVG picture of it, sized in em so it scales with the text,
lowered by its depth so its baseline sits on the line's, and carrying the TeX as its alternative text
(read out by the tagged PDF). Display math is centred on a line of its own. A formula ziamath cannot
draw is printed as its TeX source.
"""
from __future__ import annotations

import base64
import html
import re

_MATH = re.compile(r"<math\b([^>]*)>(.*?)</math>", re.S)
_ANNOTATION = re.compile(r'<annotation encoding="application/x-tex">(.*?)</annotation>', re.S)
_SEMANTICS = re.compile(r"</?semantics>|<annotation\b.*?</annotation>", re.S)
_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')
SIZE = 24.0  # ziamath's font size, in SVG units: one em of the surrounding text


def math_as_svg(body: str) -> str:
    """`body` (Pandoc HTML written with --mathml) with each formula replaced by its picture."""
    return _MATH.sub(_picture, body)


def _picture(match: re.Match) -> str:
    import ziamath

    opening, inner = match[1], match[2]
    tex = _ANNOTATION.search(inner)
    alt = html.unescape(tex[1]).strip() if tex else ""
    mathml = f"<math{opening}>{_SEMANTICS.sub('', inner)}</math>"
    try:
        svg = ziamath.Math(mathml, size=SIZE, margin=0).svg()
    except Exception:  # noqa: BLE001 - a formula ziamath cannot draw is printed as its TeX, as Pandoc would
        return f'<code class="math-source">{html.escape(alt)}</code>'
    _, top, width, height = (float(v) for v in _VIEWBOX.search(svg).groups())
    depth = top + height  # how far the picture reaches below the baseline (y = 0)
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    display = 'display="block"' in opening
    picture = (f'<img class="math-picture" alt="{html.escape(alt, quote=True)}" '
               f'src="data:image/svg+xml;base64,{data}" '
               f'style="width: {width / SIZE:.3f}em; height: {height / SIZE:.3f}em; '
               f'vertical-align: {-depth / SIZE:.3f}em" />')
    return f'<span class="math-display">{picture}</span>' if display else picture

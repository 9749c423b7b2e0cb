"""The bundled faces as WOFF2 subsets holding only the characters the page shows.

A reader's browser must never fall back to a system font (nor fetch one), so the galley carries its
own fonts, cut down to the page's characters with every OpenType feature kept (Arabic joining, marks,
nashr's `cv99` Latin punctuation, the MATH table). HarfBuzz's subsetter (libharfbuzz-subset, which
scripts/setup.sh installs for WeasyPrint) does it in about 10 ms a face; fontTools' subsetter, used
where that library is missing, takes a second or two.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import io
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from nashr.resources import FontFace
from nashr.writers.galley.woff2 import woff2

_SETS_LAYOUT_FEATURE_TAG = 6  # hb_subset_sets_t: the OpenType features to keep
_MEMORY_MODE_DUPLICATE = 0


@dataclass(frozen=True)
class WebFont:
    face: FontFace  # its weight a range ("300 900") for a variable face
    data: bytes  # WOFF2


def web_fonts(faces: list[FontFace], text: str) -> list[WebFont]:
    """Each face in `faces` cut down to the characters of `text` (its own adjusted copies included)."""
    points = sorted({ord(ch) for ch in text})
    return [WebFont(replace(face, weight=_weight_range(face.path) or face.weight),
                    woff2(_subset(face.path.read_bytes(), points))) for face in faces]


def _weight_range(path: Path) -> str | None:
    """"MIN MAX" of a variable font's weight axis, so the browser draws bold from the axis."""
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        if "fvar" not in font:
            return None
        axis = next((a for a in font["fvar"].axes if a.axisTag == "wght"), None)
    return f"{axis.minValue:g} {axis.maxValue:g}" if axis else None


def _subset(font: bytes, points: list[int]) -> bytes:
    library = _harfbuzz()
    if library is None:
        return _subset_with_fonttools(font, points)
    hb, subset = library
    blob = hb.hb_blob_create(font, len(font), _MEMORY_MODE_DUPLICATE, None, None)
    face = hb.hb_face_create(blob, 0)
    plan = subset.hb_subset_input_create_or_fail()
    try:
        unicodes = subset.hb_subset_input_unicode_set(plan)
        for point in points:
            hb.hb_set_add(unicodes, point)
        features = subset.hb_subset_input_set(plan, _SETS_LAYOUT_FEATURE_TAG)
        hb.hb_set_clear(features)
        hb.hb_set_invert(features)  # every feature
        result = subset.hb_subset_or_fail(face, plan)
        if not result:
            return _subset_with_fonttools(font, points)
        out = hb.hb_face_reference_blob(result)
        length = ctypes.c_uint()
        data = hb.hb_blob_get_data(out, ctypes.byref(length))
        subsetted = ctypes.string_at(data, length.value)
        hb.hb_blob_destroy(out)
        hb.hb_face_destroy(result)
        return subsetted
    finally:
        subset.hb_subset_input_destroy(plan)
        hb.hb_face_destroy(face)
        hb.hb_blob_destroy(blob)


def _subset_with_fonttools(font: bytes, points: list[int]) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options(layout_features=["*"], name_IDs=["*"], notdef_outline=True)
    loaded = TTFont(io.BytesIO(font))
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(loaded)
    out = io.BytesIO()
    loaded.save(out)
    return out.getvalue()


@cache
def _harfbuzz() -> tuple[ctypes.CDLL, ctypes.CDLL] | None:
    """HarfBuzz and its subsetter with the signatures used here, or None when absent."""
    names = ctypes.util.find_library("harfbuzz"), ctypes.util.find_library("harfbuzz-subset")
    if not all(names):
        return None
    try:
        hb, subset = ctypes.CDLL(names[0]), ctypes.CDLL(names[1])
        pointer, uint = ctypes.c_void_p, ctypes.c_uint
        signatures = [
            (hb.hb_blob_create, pointer, [ctypes.c_char_p, uint, ctypes.c_int, pointer, pointer]),
            (hb.hb_face_create, pointer, [pointer, uint]),
            (hb.hb_face_reference_blob, pointer, [pointer]),
            (hb.hb_blob_get_data, ctypes.c_void_p, [pointer, ctypes.POINTER(uint)]),
            (hb.hb_blob_destroy, None, [pointer]),
            (hb.hb_face_destroy, None, [pointer]),
            (hb.hb_set_add, None, [pointer, ctypes.c_uint32]),
            (hb.hb_set_clear, None, [pointer]),
            (hb.hb_set_invert, None, [pointer]),
            (subset.hb_subset_input_create_or_fail, pointer, []),
            (subset.hb_subset_input_destroy, None, [pointer]),
            (subset.hb_subset_input_unicode_set, pointer, [pointer]),
            (subset.hb_subset_input_set, pointer, [pointer, ctypes.c_int]),
            (subset.hb_subset_or_fail, pointer, [pointer, pointer]),
        ]
    except (OSError, AttributeError):  # an old HarfBuzz without these functions
        return None
    for function, result, arguments in signatures:
        function.restype, function.argtypes = result, arguments
    return hb, subset

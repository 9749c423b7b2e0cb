"""Licences named by SPDX identifier (`license: CC-BY-4.0`): their canonical URL and full name.

Archives and indexes (JATS `ali:license_ref`, Crossref, DOAJ) want the licence's URL, not its name;
JATS4R wants Creative Commons URLs in their canonical form (https, trailing slash). A licence given as
a URL is taken as it is; any other text is a statement without a known URL.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CC = re.compile(r"CC-(BY(?:-NC)?(?:-SA|-ND)?)-([1-4]\.0)", re.IGNORECASE)
_CC0 = re.compile(r"CC0-1\.0", re.IGNORECASE)
_URL = re.compile(r"https?://\S+")
_CC_NAMES = {"BY": "Attribution", "BY-SA": "Attribution-ShareAlike", "BY-ND": "Attribution-NoDerivatives",
             "BY-NC": "Attribution-NonCommercial", "BY-NC-SA": "Attribution-NonCommercial-ShareAlike",
             "BY-NC-ND": "Attribution-NonCommercial-NoDerivatives"}
_CC_EDITIONS = {"1.0": "Generic", "2.0": "Generic", "3.0": "Unported", "4.0": "International"}


@dataclass(frozen=True)
class Licence:
    statement: str  # the words to print: the licence's full name, or the text as given
    url: str | None


def licence(text: str) -> Licence:
    """The licence `text` names: an SPDX identifier of a Creative Commons licence, a URL, or a statement."""
    text = text.strip()
    if match := _CC.fullmatch(text):
        kind, version = match[1].upper(), match[2]
        return Licence(f"Creative Commons {_CC_NAMES[kind]} {version} {_CC_EDITIONS[version]} (CC {kind} {version})",
                       f"https://creativecommons.org/licenses/{kind.lower()}/{version}/")
    if _CC0.fullmatch(text):
        return Licence("CC0 1.0 Universal Public Domain Dedication", "https://creativecommons.org/publicdomain/zero/1.0/")
    if _URL.fullmatch(text):
        return Licence(text, text)
    return Licence(text, None)

"""Which JATS DTD an article declares: the version (`jats.version`, 1.4 or 1.3) and the tag set.

Journal Publishing is the tag set archives and indexes ask for, but it requires a journal identifier and
an ISSN: an article whose `journal` has no `name` and `issn` (a manuscript, a preprint) declares the
Journal Archiving and Interchange tag set instead, which requires neither and accepts all the rest. Both
are the MathML 3 variants, as the formulas are MathML 3. Identifiers are NISO's own, so validators and
catalogs find the DTD (Pandoc names a file that does not exist).
"""
from __future__ import annotations

from dataclasses import dataclass

from nashr.metadata import Metadata

MML = "http://www.w3.org/1998/Math/MathML"
XLINK = "http://www.w3.org/1999/xlink"
ALI = "http://www.niso.org/schemas/ali/1.0/"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NAMESPACES = {"mml": MML, "xlink": XLINK, "ali": ALI}

_DATES = {"1.4": "20241031", "1.3": "20210610"}
_SETS = {"publishing": ("Journal Publishing DTD", "journalpublishing"),
         "archiving": ("Journal Archiving and Interchange DTD", "archivearticle")}


@dataclass(frozen=True)
class TagSet:
    version: str  # "1.4" or "1.3"
    name: str  # "publishing" or "archiving"

    @property
    def file(self) -> str:
        """The DTD's file name, e.g. JATS-journalpublishing1-4-mathml3.dtd."""
        return f"JATS-{_SETS[self.name][1]}{self.version.replace('.', '-')}-mathml3.dtd"

    def doctype(self) -> str:
        title = _SETS[self.name][0]
        public = f"-//NLM//DTD JATS (Z39.96) {title} with MathML3 v{self.version} {_DATES[self.version]}//EN"
        system = f"https://jats.nlm.nih.gov/{self.name}/{self.version}/{self.file}"
        return f'<!DOCTYPE article PUBLIC "{public}" "{system}">'


def tag_set(metadata: Metadata) -> TagSet:
    journal = metadata.journal
    complete = journal is not None and journal.name and journal.issn
    return TagSet(metadata.jats.version, "publishing" if complete else "archiving")

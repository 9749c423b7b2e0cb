"""Each source cited in its own script's words: Latin-script sources of a right-to-left article read as
in a Latin-script article (and, with `citation_lang: ar`, Arabic sources of a left-to-right article as
in an Arabic one).

A CSL style takes its words ("and", "edited by", "p.") and quotation marks from one locale for the
whole article, so in an Arabic article a Latin source would read "Smith, John, و Jane Doe … في The
Book, تحقيق …" — an unreadable mix of directions — and in an English one every Arabic source would
carry "and" and "In". Citeproc runs over the whole article once in the article's language and once
in the other script's (`citation_lang`, English by default in a right-to-left article); every citation
and reference entry is then taken from the run matching its source's script. Both runs see the same
article, style and bibliography, so they number, sort and abbreviate ("ibid.") alike and their outputs
differ only inside citations and entries.
"""
from __future__ import annotations

from nashr.ast import Node, has_class, map_nodes, stringify, walk
from nashr.direction import text_direction

ENTRY = "csl-entry"


def by_script(article: list[Node], other: list[Node], direction: str = "ltr") -> list[Node]:
    """`article`'s blocks with each citation and reference entry of a source written in `direction`
    (left to right: a Latin-script source) taken from `other`, the same article resolved in a language
    of that direction."""
    other_cites = [element for element in walk(other) if element["t"] == "Cite"]
    if len(other_cites) != sum(1 for element in walk(article) if element["t"] == "Cite"):
        return article  # the runs disagree (they never should): keep the article's language throughout
    entries = {element["c"][0][0]: element for element in walk(other)
               if element["t"] == "Div" and has_class(element, ENTRY)}
    scripts = {identifier.removeprefix("ref-"): text_direction(stringify(entry), direction)
               for identifier, entry in entries.items()}
    cites = iter(other_cites)

    def choose(element: Node) -> Node | None:
        if element["t"] == "Cite":
            resolved = next(cites)
            key = element["c"][0][0]["citationId"]
            return resolved if scripts.get(key, text_direction(stringify(resolved), direction)) == direction else None
        if element["t"] == "Div" and has_class(element, ENTRY):
            identifier = element["c"][0][0]
            return entries.get(identifier) if scripts.get(identifier.removeprefix("ref-")) == direction else None
        return None

    return map_nodes(article, choose)

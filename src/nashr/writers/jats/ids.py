"""XML identifiers for the JATS: every `id` unique and a valid XML name, every `rid` pointing at one.

Pandoc's identifiers may hold what an XML ID may not (`fig:map` has a colon, `1-intro` starts with a
digit), and an `xref` to an id nothing carries makes the article invalid. Targets are registered before
any element is written, so a link is an `xref` only when its target will exist.
"""
from __future__ import annotations

import re

_NOT_NAME = re.compile(r"[^\w.-]", re.UNICODE)


class Identifiers:
    def __init__(self) -> None:
        self._ids: dict[str, str] = {}  # manuscript identifier → XML id
        self._kinds: dict[str, str] = {}  # XML id → ref-type of an xref to it (sec, fig, table, bibr, fn)
        self._taken: set[str] = set()

    def add(self, identifier: str, kind: str) -> str:
        """The XML id for the manuscript's `identifier` (registered on first use)."""
        if identifier not in self._ids:
            name = _NOT_NAME.sub("-", identifier)
            if not name or not (name[0].isalpha() or name[0] == "_"):
                name = f"{kind}-{name}"
            self._ids[identifier] = self._unique(name, kind)
        return self._ids[identifier]

    def new(self, kind: str) -> str:
        """A fresh id for an element the manuscript did not name (a figure without an identifier)."""
        return self._unique(kind, kind, first=1)

    def _unique(self, name: str, kind: str, first: int | None = None) -> str:
        """`name`, else `name-2`, `name-3` … (`name-1` … with `first`), whichever is free."""
        number = first
        while (unique := name if number is None else f"{name}-{number}") in self._taken:
            number = (number or 1) + 1
        self._taken.add(unique)
        self._kinds[unique] = kind
        return unique

    def target(self, identifier: str) -> tuple[str, str] | None:
        """(XML id, ref-type) of a registered target, or None."""
        xml_id = self._ids.get(identifier)
        return (xml_id, self._kinds[xml_id]) if xml_id else None

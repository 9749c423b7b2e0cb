"""Journal issues: many article manuscripts built as one issue with continuous pages, and the
deposits (Crossref, DOAJ) that index it."""

"""The EPUB 3 writer (writer.py) and its parts: XHTML pages, notes as asides, images."""

"""The PDF writer (writer.py) and its parts: layout passes, page CSS and running heads, notes at the
page foot, math as SVG, wide tables. WeasyPrint itself is patched only in nashr.weasyprint_fixes."""

"""The pin's old address, kept only for writers/pdf_text.py until it moves into nashr.weasyprint_fixes."""
from nashr.weasyprint_fixes.pin import UnsupportedWeasyPrint, check_version, replaced

__all__ = ["UnsupportedWeasyPrint", "check_version", "replaced"]

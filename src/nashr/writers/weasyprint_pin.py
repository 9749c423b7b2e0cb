"""The one WeasyPrint version whose internals nashr's PDF workarounds patch (pyproject.toml pins it).

Each workaround (pdf_text.py, pdf_note_breaks.py) calls `check_version` before patching, so another
WeasyPrint fails loudly with what to do instead of silently misplacing text or notes.
"""
from __future__ import annotations

WEASYPRINT_VERSION = "70.0"


class UnsupportedWeasyPrint(RuntimeError):
    pass


def check_version(workaround: str, test: str) -> None:
    """Raise UnsupportedWeasyPrint unless the installed WeasyPrint is WEASYPRINT_VERSION.

    `workaround` names the patching module, `test` the test file that shows the port works."""
    import weasyprint

    if weasyprint.__version__ != WEASYPRINT_VERSION:
        raise UnsupportedWeasyPrint(
            f"nashr's {workaround} is written against WeasyPrint {WEASYPRINT_VERSION} internals, but "
            f"WeasyPrint {weasyprint.__version__} is installed. Install weasyprint=={WEASYPRINT_VERSION} "
            f"(as pyproject.toml pins it), or port the workaround and raise WEASYPRINT_VERSION after "
            f"checking it with {test}.")

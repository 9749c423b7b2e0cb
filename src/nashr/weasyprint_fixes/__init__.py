"""Every place nashr reaches into WeasyPrint's internals, pinned to one WeasyPrint version."""

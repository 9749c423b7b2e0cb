"""nashr: Arabic-first scholarly publishing — Markdown + YAML to PDF, EPUB and DOCX."""

__version__ = "0.1.0"

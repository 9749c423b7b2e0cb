"""The DOCX writer (writer.py): Pandoc's DOCX, then OOXML fixes for right-to-left text, fonts,
scripts, tables, the title page and verse."""

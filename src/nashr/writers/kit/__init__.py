"""The writer kit: what several writers share beyond the Document and its vocabulary (nashr.vocabulary):
HTML fragments from Pandoc, the Jinja2 environment and font CSS, the title block's view model, and
Latin punctuation in right-to-left text."""

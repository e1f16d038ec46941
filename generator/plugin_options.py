"""Settings shared by the CLI and the plugin without either importing the other."""

PDF_WHILE_SERVING = "ROLEBOOK_PDF_WHILE_SERVING"
"""Set to 1 (by `rolebook serve --pdf`) to render PDFs during `mkdocs serve` too."""

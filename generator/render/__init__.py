"""Rendering: role data to Markdown pages, print HTML and PDFs. Knows nothing of MkDocs."""

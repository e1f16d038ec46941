"""`rolebook import`: a Word job description (.docx) turned into a draft role file.

By stage: `read` takes the document apart into paragraphs and tables, `sections` groups them under
the headings it recognises (`vocabulary` knows the Dutch and English names), `fields` maps each
section to fields of a role, `draft` completes what a role needs with placeholders and writes the
YAML. What cannot be placed goes into the role's `notes`, never away.
"""

from __future__ import annotations

from .draft import ImportResult, import_docx
from .read import WordImportError

__all__ = ["ImportResult", "WordImportError", "import_docx"]

"""Exports for other systems: schema.org JSON-LD, Word (DOCX), the catalog as JSON, and the
competency matrix as CSV and XLSX. All byte-stable: the same catalog gives the same bytes."""

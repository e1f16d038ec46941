"""Office files are ZIP archives stamped with the time of writing; re-pack them with a fixed
timestamp so that the same content always gives the same bytes."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

FIXED_TIME = (2000, 1, 1, 0, 0, 0)
_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def stable_entry(name: str) -> zipfile.ZipInfo:
    """An archive entry with the fixed time, compressed, readable by all."""
    entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def stable_zip(data: bytes, stamp: dt.date | None = None) -> bytes:
    """The archive re-packed with fixed entry times; with `stamp`, the document's created and
    modified properties say that date too (openpyxl writes the time of saving into them)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = stable_entry(info.filename)
            content = source.read(info.filename)
            if stamp is not None and info.filename == "docProps/core.xml":
                value = f"{stamp.isoformat()}T00:00:00Z".encode()
                content = _DATES.sub(rb"\g<1>" + value + rb"\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()

"""Office files are ZIP archives stamped with the time of writing; re-pack them with a fixed
timestamp so that the same content always gives the same bytes."""

from __future__ import annotations

import io
import zipfile

FIXED_TIME = (2000, 1, 1, 0, 0, 0)


def stable_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()

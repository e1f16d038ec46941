"""Writing files so that a reader never sees half of one."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomic(target: Path, data: bytes) -> Path:
    """Write `data` to `target` via a partial file beside it, then rename: an interrupted write
    leaves the old file (or none), never a half one. The partial file carries the process id,
    so that two processes writing the same target do not share one."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
    try:
        partial.write_bytes(data)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target

"""`extends`: a role inherits its parent's data. Lists are extended, mappings merged key by key,
scalars overridden; a list entry with an `id` replaces the parent's entry with the same id (so a
child can raise a competency's level). Positions follow the data, so a problem in inherited text
is reported in the parent's file.
"""

from __future__ import annotations

from typing import Any

from .errors import Location
from .load import PathKey, Source

NOT_INHERITED = ("id", "extends", "career")
"""A child names its own next steps; inheriting the parent's would make it its own next step."""


def _subtree(table: dict[PathKey, Location], src: PathKey, dst: PathKey) -> dict[PathKey, Location]:
    n = len(src)
    return {dst + path[n:]: loc for path, loc in table.items() if path[:n] == src}


def _merge(
    parent: Any,
    child: Any,
    p: Source,
    c: Source,
    pp: PathKey,
    cp: PathKey,
    out: PathKey,
    values: dict[PathKey, Location],
    keys: dict[PathKey, Location],
) -> Any:
    if isinstance(parent, dict) and isinstance(child, dict):
        values[out] = c.values.get(cp, p.values.get(pp, Location(c.display)))
        merged: dict[Any, Any] = {}
        for key in parent:
            if key in child:
                continue
            if not pp and key in NOT_INHERITED:
                continue
            merged[key] = parent[key]
            values.update(_subtree(p.values, (*pp, key), (*out, key)))
            keys.update(_subtree(p.keys, (*pp, key), (*out, key)))
        for key in child:
            keys[(*out, key)] = c.keys.get((*cp, key), values[out])
            if key in parent and not (not pp and key in NOT_INHERITED):
                merged[key] = _merge(
                    parent[key], child[key], p, c, (*pp, key), (*cp, key), (*out, key), values, keys
                )
            else:
                merged[key] = child[key]
                values.update(_subtree(c.values, (*cp, key), (*out, key)))
                keys.update(_subtree(c.keys, (*cp, key), (*out, key)))
        return merged
    if isinstance(parent, list) and isinstance(child, list):
        values[out] = c.values.get(cp, Location(c.display))
        replaced = {
            item["id"]: (i, item)
            for i, item in enumerate(child)
            if isinstance(item, dict) and isinstance(item.get("id"), str)
        }
        result: list[Any] = []
        for i, item in enumerate(parent):
            ident = item.get("id") if isinstance(item, dict) else None
            src, idx, owner = (
                (c, replaced[ident][0], child) if ident in replaced else (p, i, parent)
            )
            base = cp if src is c else pp
            values.update(_subtree(src.values, (*base, idx), (*out, len(result))))
            keys.update(_subtree(src.keys, (*base, idx), (*out, len(result))))
            result.append(owner[idx])
        parent_ids = {item.get("id") for item in parent if isinstance(item, dict)}
        used = {i for ident, (i, _) in replaced.items() if ident in parent_ids}
        for i, item in enumerate(child):
            if i in used:
                continue
            values.update(_subtree(c.values, (*cp, i), (*out, len(result))))
            keys.update(_subtree(c.keys, (*cp, i), (*out, len(result))))
            result.append(item)
        return result
    values.update(_subtree(c.values, cp, out))
    keys.update(_subtree(c.keys, cp, out))
    return child


def merge_sources(parent: Source, child: Source) -> Source:
    """The child's data laid over its (already resolved) parent's."""
    values: dict[PathKey, Location] = {}
    keys: dict[PathKey, Location] = {}
    data = _merge(parent.data, child.data, parent, child, (), (), (), values, keys)
    return Source(child.path, child.display, data, values, keys)

"""`extends`: a role inherits its parent's data. Lists are extended, mappings merged key by key,
scalars overridden; a list entry with an `id` replaces the parent's entry with the same id (so a
child can raise a competency's level). Positions follow the data, so a problem in inherited text
is reported in the parent's file.
"""

from __future__ import annotations

from typing import Any

from .errors import Diagnostic, Location, error, suggest
from .load import PathKey, Source

NOT_INHERITED = ("id", "extends", "career", "remove", "vacancy", "notes")
"""A child names its own next steps (inheriting the parent's would make it its own next step)
and its own removals; a parent's imported notes are its own to place."""
REMOVABLE_BY_ID = ("result_areas", "competencies", "onboarding", "training", "mandates")
"""Lists whose inherited items `remove` names by id (a training step by its `ref`)."""
REQUIREMENT_LISTS = ("education", "experience", "knowledge", "skills", "traits", "optional")
MAX_DEPTH = 10
"""The longest `extends` chain (a role, its parent, its parent's parent, ...): deeper ladders
are better written as roles that extend one base role."""


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


def merge_sources(parent: Source, child: Source) -> tuple[Source, list[Diagnostic]]:
    """The child's data laid over its (already resolved) parent's, after the inherited items
    the child's `remove` names are dropped; and what `remove` named that is not inherited."""
    parent, problems = _without(parent, child)
    values: dict[PathKey, Location] = {}
    keys: dict[PathKey, Location] = {}
    data = _merge(parent.data, child.data, parent, child, (), (), (), values, keys)
    return Source(child.path, child.display, data, values, keys), problems


def _item_key(field: str, item: Any) -> set[str]:
    """What `remove` may call an inherited item: its id (a training step's ref), or its text in
    any language."""
    if isinstance(item, dict):
        if field in REMOVABLE_BY_ID:
            ident = item.get("ref" if field == "training" else "id")
            return {ident} if isinstance(ident, str) else set()
        return {v.strip() for v in item.values() if isinstance(v, str)}
    return {item.strip()} if isinstance(item, str) else set()


def _without(parent: Source, child: Source) -> tuple[Source, list[Diagnostic]]:
    """The parent with the items the child's `remove` names taken out (positions kept)."""
    remove = child.data.get("remove") if isinstance(child.data, dict) else None
    if not isinstance(remove, dict) or not remove or not isinstance(parent.data, dict):
        return parent, []
    problems: list[Diagnostic] = []
    data = dict(parent.data)
    values, keys = dict(parent.values), dict(parent.keys)
    for field, names in remove.items():
        where = child.at(("remove", field), key=True)
        path: PathKey = ("requirements", field) if field in REQUIREMENT_LISTS else (field,)
        if not isinstance(field, str) or not isinstance(names, list):
            continue  # the model reports the wrong shape
        if field not in (*REMOVABLE_BY_ID, "rights", "responsibilities", *REQUIREMENT_LISTS):
            problems.append(
                error(
                    where,
                    f"cannot remove from '{field}'",
                    "remove works on result_areas, competencies, onboarding, training, "
                    "mandates (by id), rights, responsibilities and the requirement lists "
                    "(by text)",
                )
            )
            continue
        holder = data if len(path) == 1 else data.get("requirements")
        items = holder.get(path[-1]) if isinstance(holder, dict) else None
        items = items if isinstance(items, list) else []
        wanted = {n.strip() for n in names if isinstance(n, str)}
        kept = [i for i, item in enumerate(items) if not (_item_key(field, item) & wanted)]
        found = set().union(*(_item_key(field, items[i]) for i in range(len(items)))) & wanted
        for j, name in enumerate(names):
            if isinstance(name, str) and name.strip() not in found:
                problems.append(
                    error(
                        child.at(("remove", field, j)),
                        f"'{name}' is not inherited in '{field}', so it cannot be removed",
                    )
                )
        if len(kept) == len(items):
            continue
        filtered = [items[i] for i in kept]
        if len(path) == 1:
            data[field] = filtered
        else:
            data["requirements"] = {**data["requirements"], field: filtered}
        moved = {old: new for new, old in enumerate(kept)}
        for table in (values, keys):
            inside = [k for k in table if k[: len(path)] == path and len(k) > len(path)]
            entries = [(k, table.pop(k)) for k in inside]
            for key, loc in entries:
                index = key[len(path)]
                if isinstance(index, int) and index in moved:
                    table[(*path, moved[index], *key[len(path) + 1 :])] = loc
    return Source(parent.path, parent.display, data, values, keys), problems


def resolve_sources(
    sources: dict[str, Source], known: set[str] | None = None
) -> tuple[dict[str, Source], list[Diagnostic]]:
    """Apply `extends` to every role, parents first, each parent resolved once; report unknown
    parents, cycles, chains deeper than MAX_DEPTH and removals of what is not inherited. `known`:
    ids of role files that exist but could not be read (their children are not reported too)."""
    resolved: dict[str, Source] = {}
    failed: set[str] = set()
    problems: list[Diagnostic] = []
    depth: dict[str, int] = {}

    def visit(role_id: str, chain: list[str]) -> Source | None:
        if role_id in resolved:
            return resolved[role_id]
        if role_id in failed:
            return None
        source = sources[role_id]
        parent_id = source.data.get("extends") if isinstance(source.data, dict) else None
        if parent_id is None or not isinstance(parent_id, str):
            resolved[role_id] = source  # a wrong type is the model's to report
            return source
        where = source.at(("extends",))
        if parent_id == role_id or parent_id in chain:
            loop = [*chain[chain.index(parent_id) :], role_id] if parent_id in chain else [role_id]
            problems.append(
                error(where, f"'extends' makes a cycle: {' -> '.join([*loop, parent_id])}")
            )
            failed.add(role_id)
            return None
        if parent_id not in sources:
            failed.add(role_id)
            if known is not None and parent_id in known:
                return None  # the parent's own file is broken and already reported
            problems.append(
                error(
                    where,
                    f"'extends' names unknown role '{parent_id}'",
                    suggest(parent_id, sources),
                )
            )
            return None
        parent = visit(parent_id, [*chain, role_id])
        if parent is None:
            failed.add(role_id)
            return None
        depth[role_id] = depth.get(parent_id, 1) + 1
        if depth[role_id] > MAX_DEPTH:
            line = [role_id, parent_id]
            while len(line) < 4 and isinstance(sources[line[-1]].data.get("extends"), str):
                line.append(sources[line[-1]].data["extends"])
            problems.append(
                error(
                    where,
                    f"'extends' chain of {depth[role_id]} roles, deeper than {MAX_DEPTH}: "
                    f"{' -> '.join(line)} -> ...",
                    "let the roles extend one base role instead of each other",
                )
            )
            failed.add(role_id)
            return None
        resolved[role_id], removals = merge_sources(parent, source)
        problems.extend(removals)
        return resolved[role_id]

    for role_id in sources:
        visit(role_id, [])
    return resolved, problems

"""The role being built from a document: its fields as YAML data, the texts kept for `notes`,
and the report of what went where. Names in the document (roles, competencies, training,
families) are matched against the catalog of the roles folder it is imported into."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..catalog import Catalog
from ..load import MAX_SCALAR_CHARS
from ..model import ID_PATTERN
from ..newrole import PLACEHOLDER

NONE_WORDS = {
    "",
    "geen",
    "none",
    "nvt",
    "n v t",
    "n a",
    "niet van toepassing",
    "not applicable",
    "niemand",
    "nobody",
}
"""What a header cell says when there is nothing to say (as `matchable` writes it)."""


def matchable(text: str) -> str:
    """Lowercase letters and digits with single spaces, accents dropped: for matching names."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.split())


def slug(text: str, limit: int = 64) -> str:
    """An id from a name: "Key-accountmanager (m/v)" is "key-accountmanager-m-v"."""
    words = matchable(text).split()
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    out = out[:limit].strip("-")
    return out if re.match(ID_PATTERN, out) else ""


def n(count: int, singular: str, plural: str = "") -> str:
    """ "1 item", "2 items": counts in the report."""
    return f"{count} {singular if count == 1 else plural or singular + 's'}"


def is_none(text: str) -> bool:
    return matchable(text) in NONE_WORDS


@dataclass
class Kept:
    """Texts for `notes`, with where they came from and why they were not placed."""

    source: str
    reason: str
    texts: list[str]


@dataclass
class Draft:
    cat: Catalog
    lang: str
    data: dict[str, Any] = field(default_factory=dict)
    kept: list[Kept] = field(default_factory=list)
    mapped: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    _name_index: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)

    # --- texts ---------------------------------------------------------------------------------

    def text(self, value: str) -> str | dict[str, str]:
        """A text in the document's language, as a role file writes it: a plain string when the
        organisation has only this language, else {lang: text}. A text longer than the loader
        takes is cut, and the report says so."""
        if len(value) > MAX_SCALAR_CHARS:
            self.missing.append(
                f"a text was cut at {MAX_SCALAR_CHARS:,} characters: {value[:40]}..."
            )
            value = value[:MAX_SCALAR_CHARS]
        if self.cat.languages == [self.lang]:
            return value
        return {self.lang: value}

    def placeholder(self, what: str) -> str | dict[str, str]:
        return self.text(f"{PLACEHOLDER}: {what}")

    def keep(self, source: str, reason: str, texts: list[str]) -> None:
        texts = [t for t in texts if t.strip()]
        if not texts:
            return
        for kept in self.kept:
            if kept.source == source and kept.reason == reason:
                kept.texts.extend(texts)
                return
        self.kept.append(Kept(source, reason, texts))

    def report(self, source: str, target: str, detail: str = "") -> None:
        self.mapped.append(f"{source} -> {target}" + (f" ({detail})" if detail else ""))

    # --- names of the catalog ------------------------------------------------------------------

    def _names(self, kind: str) -> list[tuple[str, str]]:
        """(matchable name, id), longest name first: every title, name and id of a kind."""
        if kind not in self._name_index:
            self._name_index[kind] = self._index(kind)
        return self._name_index[kind]

    def _index(self, kind: str) -> list[tuple[str, str]]:
        cat = self.cat
        things: dict[str, Any] = {
            "roles": {rid: r.title for rid, r in cat.roles.items()},
            "competencies": {cid: c.name for cid, c in cat.competencies.items()},
            "training": {tid: t.title for tid, t in cat.training.items()},
            "families": {fid: f.name for fid, f in cat.families.items()},
        }[kind]
        pairs = {(matchable(ident), ident) for ident in things}
        for ident, text in things.items():
            pairs.update((matchable(value), ident) for value in text.root.values() if value.strip())
        return sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0]))

    def find(self, kind: str, text: str) -> str | None:
        """The id whose title, name or id is the whole of `text`."""
        wanted = matchable(text)
        return next((ident for name, ident in self._names(kind) if name == wanted), None)

    def find_prefix(self, kind: str, text: str) -> tuple[str, str] | None:
        """The id whose name starts `text` (the longest), and the rest of the text as written."""
        wanted = matchable(text)
        for name, ident in self._names(kind):
            if wanted == name or wanted.startswith(name + " "):
                return ident, _rest_after(text, len(name.split()))
        return None

    def find_all(self, kind: str, text: str) -> tuple[list[tuple[str, int | None]], str]:
        """Every id named in `text`, each with a count in brackets after it ("Verkoper (6)"),
        in the order written, and what is left that names none."""
        remaining = " " + matchable(text) + " "
        found: list[tuple[int, str, int | None]] = []
        for name, ident in self._names(kind):
            pattern = re.compile(rf" {re.escape(name)} (?:(\d+) )?")
            while match := pattern.search(remaining):
                count = int(match.group(1)) if match.group(1) else None
                found.append((match.start(), ident, count))
                remaining = (
                    remaining[: match.start()]
                    + " " * (match.end() - match.start() - 1)
                    + remaining[match.end() - 1 :]
                )
        leftover = " ".join(w for w in remaining.split() if w not in ("en", "and", "of", "or"))
        seen: list[tuple[str, int | None]] = []
        for _, ident, count in sorted(found):
            if ident not in [i for i, _ in seen]:
                seen.append((ident, count))
        return seen, leftover


def _rest_after(text: str, words: int) -> str:
    """`text` after its first `words` words (as matchable counts them), as written."""
    pattern = r"^\W*" + r"\W+".join([r"\w+"] * words) if words else r"^"
    match = re.match(pattern, text)
    rest = text[match.end() :] if match else ""
    return rest.strip(" \t:–—-·,;").strip()

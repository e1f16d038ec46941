"""The round trip of `rolebook import`: every shipped role exported to Word with Rolebook's own
export, imported again, and scored on how many of its text items came back in the right field.

    .venv/bin/python -m tests.roundtrip     # prints the score per role and language

A text item is one text of the job description in one language, keyed by its field and, in
lists of groups, by the name of its group (an activity counts only under its own result area).
The Word export carries the job description; a role's onboarding items, vacancy and interview
questions are not in it, so they are not counted. References to the catalog (grade, hours,
reporting lines, competencies with their level, training, next roles) are scored apart.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from click.testing import CliRunner

from generator.checks import check_catalog, load_catalog
from generator.cli import main
from generator.exports.docx import role_docx
from generator.model import Role, Text

Item = tuple[str, ...]
REQUIREMENTS = ("education", "experience", "knowledge", "skills", "traits", "optional")
CONDITIONS = ("travel", "car", "irregular_hours", "physical", "mental")


def text_items(role: Role, lang: str, default: str) -> Counter[Item]:
    """(field, [group,] text) for every text of the job description in `lang`."""

    def t(text: Text | None) -> str:
        return "" if text is None else text.get(lang, default)

    items: list[Item] = [("title", t(role.title)), ("summary", t(role.summary))]
    items.append(("purpose", t(role.purpose)))
    items.append(("meta.owner", t(role.meta.owner)))
    if role.department:
        items.append(("department", t(role.department)))
    if role.location:
        items.append(("location.place", t(role.location.place)))
    for area in role.result_areas:
        name = t(area.name)
        items += [("result_areas.name", name), ("result_areas.result", name, t(area.result))]
        items += [("result_areas.activities", name, t(a)) for a in area.activities]
        for kpi in area.kpis:
            items += [("result_areas.kpis.name", name, t(kpi.name))]
            items += [("result_areas.kpis.measure", name, t(kpi.measure))]
    for mandate in role.mandates:
        items.append(("mandates.decides", t(mandate.decides)))
        if mandate.limit:
            items.append(("mandates.limit", t(mandate.limit)))
    for side in ("internal", "external"):
        for contact in getattr(role.contacts, side):
            items += [(f"contacts.{side}.with", t(contact.with_))]
            items += [(f"contacts.{side}.about", t(contact.about))]
    for key in CONDITIONS:
        if value := getattr(role.conditions, key):
            items.append((f"conditions.{key}", t(value)))
    for group in role.duties:
        items.append(("duties.group", t(group.group)))
        items += [("duties.items", t(group.group), t(i)) for i in group.items]
    for stage in role.work_cycle:
        items.append(("work_cycle.stage", t(stage.stage)))
        items += [("work_cycle.activities", t(stage.stage), t(a)) for a in stage.activities]
    items += [("rights", t(x)) for x in role.rights]
    items += [("responsibilities", t(x)) for x in role.responsibilities]
    for key in REQUIREMENTS:
        items += [(f"requirements.{key}", t(x)) for x in getattr(role.requirements, key)]
    for kpi in role.kpis:
        items += [("kpis.name", t(kpi.name)), ("kpis.measure", t(kpi.measure))]
    items += [("training.when", step.ref, t(step.when)) for step in role.training if step.when]
    if role.career.note:
        items.append(("career.note", t(role.career.note)))
    return Counter(items)


def references(role: Role) -> Counter[Item]:
    """What the job description names of the catalog, and its numbers."""
    items: list[Item] = []
    if role.grade:
        items.append(("grade", role.grade.system, role.grade.group, role.grade.scale))
    if role.hours:
        items.append(("hours", *(str(h) for h in role.hours.range)))
    if role.location:
        items.append(("location.work_mode", role.location.work_mode))
    if role.reports_to:
        items.append(("reports_to", role.reports_to))
    items += [("manages", m.role, str(m.count)) for m in role.manages]
    items += [("mandates.approval_by", m.approval_by) for m in role.mandates if m.approval_by]
    items += [("competencies", c.id, str(c.level)) for c in role.competencies]
    items += [("training", step.ref) for step in role.training]
    items += [("career.next", n) for n in role.career.next]
    items += [("family", role.family), ("level", str(role.level)), ("version", role.meta.version)]
    items.append(("effective", role.meta.effective.isoformat()))
    return Counter(items)


@dataclass(frozen=True)
class Score:
    role: str
    lang: str
    texts: int
    texts_back: int
    refs: int
    refs_back: int
    lost: tuple[Item, ...]

    @property
    def ratio(self) -> float:
        return self.texts_back / self.texts


def _share(original: Counter[Item], imported: Counter[Item]) -> int:
    return sum((original & imported).values())


def round_trip(roles: Path, work: Path, lang: str) -> tuple[list[Score], list[str], int]:
    """Export every role of `roles` in `lang`, import them all into a copy of `roles` (replacing
    what has the same id), check it; returns the scores, the check's lines and its exit code."""
    cat = load_catalog(roles)
    copy = work / f"roles-{lang}"
    shutil.copytree(roles, copy)
    words = work / f"word-{lang}"
    words.mkdir()
    for role in cat.roles.values():
        (words / f"{role.id}.docx").write_bytes(role_docx(cat, role, lang))
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(words), "--roles-dir", str(copy), "--force"])
    assert result.exit_code == 0, result.output
    written = {
        line.split(" -> ")[0].removesuffix(".docx"): line.split(" -> ")[1].split(" (")[0]
        for line in result.stdout.splitlines()
        if line.endswith("status draft)")
    }
    checked = runner.invoke(main, ["check", "--roles-dir", str(copy)])
    imported, _, _ = check_catalog(copy)
    assert imported is not None
    scores = []
    for role in cat.roles.values():
        again = imported.roles[Path(written[role.id]).stem]
        texts = text_items(role, lang, cat.default_language)
        back = text_items(again, lang, cat.default_language)
        refs, refs_back = references(role), references(again)
        lost = tuple(sorted((texts - back).elements()))
        scores.append(
            Score(
                role.id,
                lang,
                sum(texts.values()),
                _share(texts, back),
                sum(refs.values()),
                _share(refs, refs_back),
                lost,
            )
        )
    return scores, checked.stderr.splitlines(), checked.exit_code


def report(scores: list[Score]) -> str:
    lines = [f"{'role':32} lang  texts back    score  references back"]
    for s in scores:
        lines.append(
            f"{s.role:32} {s.lang:4}  {s.texts:5} {s.texts_back:4}  {s.ratio:6.1%}"
            f"  {s.refs:10} {s.refs_back:4}"
        )
    texts = sum(s.texts for s in scores)
    back = sum(s.texts_back for s in scores)
    refs = sum(s.refs for s in scores)
    refs_back = sum(s.refs_back for s in scores)
    lines.append(
        f"{'all':32} {'':4}  {texts:5} {back:4}  {back / texts:6.1%}  {refs:10} {refs_back:4}"
    )
    return "\n".join(lines)


def main_(argv: list[str]) -> int:
    roles = Path(argv[0]) if argv else Path(__file__).resolve().parent.parent / "roles"
    scores: list[Score] = []
    with tempfile.TemporaryDirectory() as tmp:
        for lang in load_catalog(roles).languages:
            found, _, _ = round_trip(roles, Path(tmp), lang)
            scores += found
    print(report(scores))
    for score in scores:
        for item in score.lost:
            print(f"lost ({score.role}, {score.lang}): {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main_(sys.argv[1:]))

"""The navigation of the generated pages: grouped per family, so that each page carries only the
families of its section and its own family's pages (Material's navigation.prune)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.career import career_steps
from generator.checks import load_catalog
from generator.documents.nav import nav_sections
from generator.model import advertised

from .conftest import SHIPPED_ROLES, WriteRoles
from .test_site import make_project, mkdocs_build


def leaves(item: Any) -> list[str]:
    """The page paths under a nav item."""
    if isinstance(item, str):
        return [item]
    if isinstance(item, list):
        return [path for child in item for path in leaves(child)]
    return [path for value in item.values() for path in leaves(value)]


def test_every_section_is_grouped_per_family() -> None:
    cat = load_catalog(SHIPPED_ROLES)
    families = [f for f in cat.families.values() if cat.family_roles(f.id)]
    roles, career, onboarding, competencies, recruitment = nav_sections(cat, "nl")
    assert list(roles) == ["Functies"]
    by_name = {f.name.get("nl", "nl"): f for f in families}
    # the roles section opens with its folder's index and the job architecture, then the
    # families; every section opens with the index of its folder (navigation.indexes)
    roles_index, architecture, *family_groups = next(iter(roles.values()))
    assert roles_index == "roles/index.md"
    assert architecture == {"Functiehuis": "functiehuis.md"}
    career_index, *career_groups = next(iter(career.values()))
    onboarding_index, *onboarding_groups = next(iter(onboarding.values()))
    assert (career_index, onboarding_index) == ("plans/index.md", "onboarding/index.md")
    for section in (
        {"Functies": family_groups},
        {"c": career_groups},
        {"o": onboarding_groups},
    ):
        # one group per family with pages (in the catalog's order), each holding pages of that
        # family's roles only
        groups = next(iter(section.values()))
        names = [next(iter(group)) for group in groups]
        assert names == [name for name in by_name if name in names]
        for group in groups:
            name, pages = next(iter(group.items()))
            members = {r.id for r in cat.family_roles(by_name[name].id)}
            for path in leaves(pages):
                subject = path.split("/")[1].removesuffix(".md").split("--")[0]
                assert subject in members, (name, path)
    assert leaves(family_groups) == [
        f"roles/{r.id}.md" for f in families for r in cat.family_roles(f.id)
    ]
    assert sorted(leaves(onboarding_groups)) == sorted(f"onboarding/{r}.md" for r in cat.roles)
    assert len(leaves(career_groups)) == len(career_steps(cat))
    # recruitment: its overview, the open vacancies, then an interview kit per role by family
    overview, *vacancies, kits = next(iter(recruitment.values()))
    assert overview == "vacancies/index.md"
    assert leaves(vacancies) == [
        f"vacancies/{r.id}.md" for r in cat.roles.values() if advertised(r)
    ]
    assert sorted(leaves(kits)) == sorted(
        ["interview/index.md", *(f"interview/{r}.md" for r in cat.roles)]
    )
    index, library, matrix, profiles, assessments = next(iter(competencies.values()))
    assert (index, library) == ("competencies/index.md", "competency-library.md")
    assert leaves(matrix)[0] == "families/index.md"
    assert len(next(iter(profiles.values()))) == len(families)
    assert len(leaves(profiles)) == len(cat.roles)
    assessment_index, *assessment_groups = next(iter(assessments.values()))
    assert assessment_index == "assessment/index.md"
    assert len(assessment_groups) == len(families)
    assert len(leaves(assessment_groups)) == len(cat.roles)


def test_role_and_family_names_are_escaped_in_the_nav(write_roles: WriteRoles) -> None:
    catalog_dir = write_roles()
    families = catalog_dir / "library" / "families.yml"
    families.write_text(
        families.read_text(encoding="utf-8").replace("{nl: Verkoop,", "{nl: '<b>Verkoop</b>',"),
        encoding="utf-8",
    )
    cat = load_catalog(catalog_dir)
    text = yaml.safe_dump(nav_sections(cat, "nl"), allow_unicode=True)
    assert "<b>" not in text and "&lt;b&gt;Verkoop&lt;/b&gt;" in text


def primary_nav(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    start = text.index('<nav class="md-nav md-nav--primary')
    return text[start : text.index("</nav>\n", text.index('class="md-sidebar__inner"', start))]


@pytest.mark.slow
def test_pages_carry_their_own_family_only_also_without_a_nav(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    del config["nav"]  # MkDocs' own nav would list every role of a folder in one flat section
    config["plugins"][1]["rolebook"]["pdf"] = False
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "out"
    cat = load_catalog(SHIPPED_ROLES)
    families = [f for f in cat.families.values() if cat.family_roles(f.id)]
    nav = primary_nav(site / "onboarding" / "verkoper" / "index.html")
    onboarding_links = set(re.findall(r'href="\.\./([a-z-]+)/"', nav))
    # its own family in full, the other families by one link each (to their first page)
    assert "hoofd-verkoop" in onboarding_links and "accountmanager" in onboarding_links
    assert "corporate-accountmanager" not in onboarding_links
    role_nav = primary_nav(site / "roles" / "verkoper" / "index.html")
    # another tab (navigation.tabs) is one link: no onboarding page of any family
    assert len(re.findall(r'href="[./]*onboarding/', role_nav)) == 1
    assert len(re.findall(r'href="\.\./[a-z-]+/"', role_nav)) <= len(families) + len(
        cat.family_roles("verkoop")
    )
    # the hand-written pages are still in the nav MkDocs made, after the role sections
    assert 'href="../../hr/' in role_nav and 'href="../../knowledge/' in role_nav

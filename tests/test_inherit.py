"""`extends`: lists extended, mappings merged, scalars overridden, ids replaced, positions kept."""

from __future__ import annotations

from generator.checks import load_catalog

from .conftest import WriteRoles


def test_child_inherits_and_overrides(write_roles: WriteRoles) -> None:
    cat = load_catalog(write_roles())
    junior, senior = cat.roles["junior"], cat.roles["senior"]
    # scalars overridden, mappings merged key by key
    assert senior.summary.root == {"nl": "Verkoopt meer.", "en": "Sells more."}
    assert senior.purpose == junior.purpose
    assert senior.meta == junior.meta
    assert senior.reports_to is None
    # lists extended: the parent's duty group first, then the child's
    assert [g.group.root["en"] for g in senior.duties] == ["Duties", "Extra"]
    # a competency with the same id replaces the parent's entry in place
    assert [(c.id, c.level) for c in senior.competencies] == [
        ("onderhandelen", 3),
        ("productkennis", 2),
    ]
    assert [s.ref for s in senior.training] == ["crm"]
    # the career is the child's own
    assert senior.career.next == [] and junior.career.next == ["senior"]
    assert senior.id == "senior" and senior.extends == "junior"


def test_inherited_problem_is_reported_in_the_parent_file(write_roles: WriteRoles) -> None:
    from generator.checks import check_catalog
    from generator.errors import Location

    root = write_roles()
    text = (root / "junior.yml").read_text().replace("{nl: Bellen, en: Calling}", "{nl: Bellen}")
    (root / "junior.yml").write_text(text)
    _, diagnostics, _ = check_catalog(root)
    places = sorted({(d.location.path.rsplit("/", 1)[-1], d.location.line) for d in diagnostics})
    # the parent's text, inherited by the child, is reported once, in the parent's file
    assert places == [("junior.yml", 11)]
    assert all(isinstance(d.location, Location) for d in diagnostics)


def test_parent_unchanged_by_child(write_roles: WriteRoles) -> None:
    cat = load_catalog(write_roles())
    assert [(c.id, c.level) for c in cat.roles["junior"].competencies] == [("onderhandelen", 1)]
    assert len(cat.roles["junior"].duties) == 1

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


def _shown(diagnostic: object) -> str:
    """A diagnostic as printed, from the roles folder on."""
    text = str(diagnostic)
    return text[text.index("roles/") :]


def _senior_with(extra: str) -> dict[str, str]:
    from .conftest import SENIOR

    return {"senior.yml": SENIOR + extra}


def test_remove_drops_inherited_items_by_id_and_by_text(write_roles: WriteRoles) -> None:
    from .conftest import JUNIOR

    junior = JUNIOR.replace(
        "competencies:\n",
        "rights:\n  - {nl: Mag bellen, en: May call}\n  - {nl: Mag mailen, en: May mail}\ncompetencies:\n  - {id: productkennis, level: 1}\n",
    )
    root = write_roles(
        {
            "junior.yml": junior,
            **_senior_with("remove:\n  training: [crm]\n  rights: [Mag bellen]\n"),
        }
    )
    cat = load_catalog(root)
    senior, junior_role = cat.roles["senior"], cat.roles["junior"]
    assert [s.ref for s in senior.training] == []
    assert [r.root["en"] for r in senior.rights] == ["May mail"]
    assert [r.root["en"] for r in junior_role.rights] == ["May call", "May mail"]  # parent intact


def test_remove_of_what_is_not_inherited_is_an_error_at_its_place(
    write_roles: WriteRoles,
) -> None:
    from generator.checks import check_catalog

    root = write_roles(_senior_with("remove:\n  competencies: [marketing]\n  kpis: [x]\n"))
    cat, diagnostics, _ = check_catalog(root)
    assert cat is None
    assert [_shown(d) for d in diagnostics] == [
        "roles/senior.yml:18:18: error: 'marketing' is not inherited in 'competencies', so it "
        "cannot be removed",
        "roles/senior.yml:19:3: error: cannot remove from 'kpis' (remove works on result_areas, "
        "competencies, onboarding, training, mandates (by id), rights, responsibilities and the "
        "requirement lists (by text))",
    ]


def test_remove_keeps_the_positions_of_what_stays(write_roles: WriteRoles) -> None:
    """A problem in an inherited item after a removed one is reported at its own line."""
    from generator.checks import check_catalog

    from .conftest import JUNIOR

    junior = JUNIOR.replace(
        "training:\n  - {ref: crm, when: {nl: Maand 1, en: Month 1}}\n",
        "training:\n  - {ref: crm, when: {nl: Maand 1, en: Month 1}}\n"
        "  - {ref: nowhere, when: {nl: Maand 2, en: Month 2}}\n",
    )
    root = write_roles({"junior.yml": junior, **_senior_with("remove:\n  training: [crm]\n")})
    _, diagnostics, _ = check_catalog(root)
    assert "training:\n  - {ref: crm" in JUNIOR
    messages = sorted({_shown(d) for d in diagnostics if "nowhere" in d.message})
    # line 16 in the parent's file: the item moved up one place in the child, its position not
    assert messages == ["roles/junior.yml:16:11: error: unknown training 'nowhere'"]


def test_extends_deeper_than_the_limit_is_refused_naming_the_chain(
    write_roles: WriteRoles,
) -> None:
    from generator.checks import check_catalog
    from generator.inherit import MAX_DEPTH

    from .conftest import SENIOR

    files: dict[str, str | bytes | None] = {}
    for n in range(1, 60):
        files[f"r{n}.yml"] = SENIOR.replace(
            "extends: junior", f"extends: {'junior' if n == 1 else f'r{n - 1}'}"
        )
    _, diagnostics, _ = check_catalog(write_roles(files))
    deep = [_shown(d) for d in diagnostics if "deeper than" in d.message]
    # junior is 1, r1 2, ... r9 10: r10 is the first too deep; its children follow it out
    assert deep == [
        f"roles/r10.yml:4:10: error: 'extends' chain of {MAX_DEPTH + 1} roles, deeper than "
        f"{MAX_DEPTH}: r10 -> r9 -> r8 -> r7 -> ... (let the roles extend one base role instead "
        "of each other)"
    ]

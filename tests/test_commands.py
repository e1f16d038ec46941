"""`rolebook list`, `new` and `schema`, and the shipped content."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from generator.checks import check_catalog
from generator.cli import main
from generator.load import load_file
from generator.schema import all_schemas, schema_text

from .conftest import REPO, SHIPPED_ROLES, WriteRoles


def test_list_table_and_json(write_roles: WriteRoles, runner: CliRunner) -> None:
    write_roles()
    table = runner.invoke(main, ["list", "--roles-dir", "roles"])
    assert table.exit_code == 0, table.output
    assert table.output.splitlines() == [
        "ID      TITLE            FAMILY   LEVEL  STATUS     VERSION",
        "junior  Verkoper         verkoop  1      published  1.0.0",
        "senior  Senior verkoper  verkoop  2      published  1.0.0",
    ]
    data = json.loads(
        runner.invoke(
            main, ["list", "--roles-dir", "roles", "--format", "json", "--lang", "en"]
        ).output
    )
    assert [(r["id"], r["title"]) for r in data] == [
        ("junior", "Salesperson"),
        ("senior", "Senior salesperson"),
    ]


def test_list_refuses_a_broken_catalog(write_roles: WriteRoles, runner: CliRunner) -> None:
    write_roles({"junior.yml": "title: [\n"})
    result = runner.invoke(main, ["list", "--roles-dir", "roles"])
    assert result.exit_code == 1
    assert "roles/junior.yml:2:1: error: invalid YAML" in result.stderr


def test_new_writes_a_template_that_checks_once_filled(
    write_roles: WriteRoles, runner: CliRunner
) -> None:
    root = write_roles()
    result = runner.invoke(main, ["new", "medior", "--roles-dir", "roles"])
    assert result.exit_code == 0, result.output
    path = root / "medior.yml"
    text = path.read_text()
    assert "family: verkoop" in text
    # unfilled: the placeholders are reported
    _, diagnostics, _ = check_catalog(root)
    assert any("placeholder 'TODO' left in title" in d.message for d in diagnostics)
    # filled: no problem left (the family ladder lists it, as the warning asks)
    filled = text.replace('"TODO: ', '"').replace("TODO: ", "")
    path.write_text(filled)
    fam = root / "library" / "families.yml"
    fam.write_text(fam.read_text().replace("[junior, senior]", "[junior, medior, senior]"))
    _, diagnostics, _ = check_catalog(root)
    assert [str(d) for d in diagnostics] == []


def test_new_never_overwrites(write_roles: WriteRoles, runner: CliRunner) -> None:
    root = write_roles()
    before = (root / "junior.yml").read_bytes()
    result = runner.invoke(main, ["new", "junior", "--roles-dir", "roles"])
    assert result.exit_code == 1
    assert "roles/junior.yml already exists; not overwritten" in result.output
    assert (root / "junior.yml").read_bytes() == before


@pytest.mark.parametrize("bad", ["../x", "Junior", "x_y", "a/b"])
def test_new_rejects_bad_ids(write_roles: WriteRoles, runner: CliRunner, bad: str) -> None:
    write_roles()
    result = runner.invoke(main, ["new", bad, "--roles-dir", "roles"])
    assert result.exit_code == 2
    assert "Invalid value for ROLE_ID" in result.output


def test_schema_command_writes_every_schema(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["schema", "-o", "out"])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(all_schemas())


def test_committed_schemas_are_current() -> None:
    for name, schema in all_schemas().items():
        committed = (REPO / "schema" / name).read_text(encoding="utf-8")
        assert committed == schema_text(schema), f"run `rolebook schema` to refresh {name}"


def _shipped_files() -> list[Path]:
    return sorted(SHIPPED_ROLES.glob("*.yml")) + sorted((SHIPPED_ROLES / "library").glob("*.yml"))


@pytest.mark.parametrize("path", _shipped_files(), ids=lambda p: p.name)
def test_shipped_file_matches_its_schema(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# yaml-language-server: $schema="), "modeline missing"
    schema_path = (path.parent / first.split("=", 1)[1]).resolve()
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    source, problems = load_file(path, path.name)
    assert source is not None and not problems
    # dates stay text in YAML 1.2 editors too; the schema must accept what editors see
    jsonschema.Draft7Validator(schema).validate(source.data)


def test_shipped_roles_check_clean() -> None:
    cat, diagnostics, files = check_catalog(SHIPPED_ROLES)
    assert [str(d) for d in diagnostics] == []
    assert cat is not None and files >= 15
    assert set(cat.roles) >= {
        "accountmanager",
        "key-accountmanager",
        "corporate-accountmanager",
        "klantenservicemedewerker",
        "verkoper",
        "hoofd-verkoop",
        "hoofd-klantenservice",
        "commercieel-directeur",
        "directeur-business-development",
    }
    assert len(cat.competencies) >= 20
    for comp in cat.competencies.values():
        scale = cat.scales[comp.scale]
        assert sorted(comp.levels) == [lvl.level for lvl in scale.levels], comp.id


def test_second_build_on_the_same_site_is_refused(tmp_path: Path) -> None:
    from generator.build import BuildError, site_lock

    site = tmp_path / "site"
    with (
        site_lock(site),
        pytest.raises(BuildError, match="another build is writing"),
        site_lock(site),
    ):
        pass
    with site_lock(site):  # released again
        pass


def test_list_refuses_a_language_the_catalog_does_not_have(
    write_roles: WriteRoles, runner: CliRunner
) -> None:
    write_roles()
    result = runner.invoke(main, ["list", "--roles-dir", "roles", "--lang", "xx"])
    assert result.exit_code == 2
    assert "'xx' is not one of nl, en" in result.output


def test_assess_names_malformed_json_as_json(write_roles: WriteRoles, runner: CliRunner) -> None:
    write_roles()
    Path("answers.json").write_text('{"role": "junior",\n  "answers": {,}}\n', encoding="utf-8")
    result = runner.invoke(main, ["assess", "junior", "answers.json", "--roles-dir", "roles"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "answers.json:2:15: error: invalid JSON: Expecting property name enclosed in double quotes"
    )

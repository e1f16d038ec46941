"""`rolebook edit` without a browser: the vendored Decap bundle, the configuration made from the
model, the conversion between files and forms, saving into the file's own YAML (comments and
key order kept) only when the checks pass, and the backend's protocol and guards."""

from __future__ import annotations

import hashlib
import io
import json
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from generator.editor import DECAP_FILE, DECAP_SHA256, DECAP_VERSION
from generator.editor.api import EditorApp, write_admin
from generator.editor.decap import Setting, config
from generator.editor.forms import FORM_KEY, Languages, from_form
from generator.editor.shape import REFERENCES, Record, Sequence, library_records, record
from generator.editor.store import Forms, Project, Refused, delete, merged, read_form, save
from generator.load import parse_text
from generator.model import ID_PATTERN, LIBRARY_FILES, Model, Role

from .conftest import REPO, SHIPPED_ROLES, WriteRoles

STATIC = REPO / "generator" / "editor" / "static"
LANGS = Languages(("nl", "en"), "nl")


@pytest.fixture
def project(write_roles: WriteRoles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    monkeypatch.chdir(tmp_path)
    return Project(tmp_path, write_roles())


def _form(project: Project, path: str) -> dict[str, Any]:
    text = read_form(project, path)
    assert text is not None
    data = json.loads(text)
    assert isinstance(data, dict)
    return data


def _raw(data: dict[str, Any]) -> str:
    """The form's data as Decap sends it: YAML."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


# --- the vendored bundle ---------------------------------------------------------------------


def test_the_vendored_decap_bundle_is_the_pinned_one_with_its_licence() -> None:
    bundle = (STATIC / DECAP_FILE).read_bytes()
    assert hashlib.sha256(bundle).hexdigest() == DECAP_SHA256
    assert f'console.log("decap-cms {DECAP_VERSION}")'.encode() in bundle
    licence = (STATIC / "decap-cms.LICENSE").read_text(encoding="utf-8")
    assert "MIT License" in licence and "Netlify" in licence
    readme = (STATIC / "README.md").read_text(encoding="utf-8")
    assert DECAP_VERSION in readme and DECAP_SHA256 in readme


def test_the_editor_files_are_package_data() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert '"editor/static/*"' in pyproject
    assert "ruamel.yaml" in pyproject


# --- the configuration -----------------------------------------------------------------------


def _setting() -> Setting:
    project = Project(REPO, SHIPPED_ROLES)
    setting = EditorApp(project).setting()
    assert setting.levels == 5
    return setting


def _names(fields: list[dict[str, Any]]) -> list[str]:
    return [f["name"] for f in fields]


def _config_fields(shape: Record, fields: list[dict[str, Any]]) -> None:
    """Every field of the model is in the form, in the model's order, with its help text, and
    nested records and lists of records likewise."""
    assert _names(fields) == [f.name for f in shape.fields], shape.model.__name__
    for field, made in zip(shape.fields, fields, strict=True):
        assert field.hint, f"{shape.model.__name__}.{field.name} has no docstring"
        assert made["hint"] == field.hint
        inner = field.shape.item if isinstance(field.shape, Sequence) else field.shape
        if isinstance(inner, Record):
            _config_fields(inner, made["fields"])


def test_the_config_has_every_field_of_the_model_with_its_help_text() -> None:
    made = config(_setting(), {"name": "proxy", "proxy_url": "/api/v1"})
    roles, library = made["collections"]
    assert roles["folder"] == "roles" and roles["extension"] == "yml"
    assert roles["format"] == "yaml" and roles["identifier_field"] == "id"
    token = {"name": FORM_KEY, "label": "Version", "widget": "hidden", "required": False}
    assert roles["fields"][0] == token  # the form's own, for rolebook edit only
    _config_fields(record(Role), roles["fields"][1:])
    files = {f["name"]: f for f in library["files"]}
    assert list(files) == list(LIBRARY_FILES)
    for name, shape in library_records().items():
        assert files[name]["file"] == f"roles/library/{name}.yml"
        assert files[name]["fields"][0] == token
        _config_fields(shape, files[name]["fields"][1:])
    published = config(_setting(), {"name": "gitlab", "repo": "hr/roles"})
    _config_fields(record(Role), published["collections"][0]["fields"])


def _field(fields: list[dict[str, Any]], *path: str) -> dict[str, Any]:
    found: dict[str, Any] = {"fields": fields}
    for name in path:
        found = next(f for f in found["fields"] if f["name"] == name)
    return found


def test_the_widgets_follow_the_types_of_the_model() -> None:
    made = config(_setting(), {"name": "proxy", "proxy_url": "/api/v1"})
    fields = made["collections"][0]["fields"]
    purpose = _field(fields, "purpose")
    assert purpose["widget"] == "localised" and purpose["languages"] == ["nl", "en"]
    assert purpose["hint"] == "Why the role exists."
    assert _field(fields, "rights")["widget"] == "localised_list"
    activities = _field(fields, "result_areas", "activities")
    assert activities["widget"] == "localised_list" and activities["min"] == 1
    assert _field(fields, "meta", "status")["widget"] == "select"
    assert _field(fields, "meta", "status")["options"] == ["draft", "published"]
    assert _field(fields, "meta", "effective")["widget"] == "datetime"
    assert _field(fields, "meta", "effective")["format"] == "YYYY-MM-DD"
    assert _field(fields, "level")["widget"] == "number"
    assert (_field(fields, "level")["min"], _field(fields, "level")["max"]) == (1, 10)
    assert _field(fields, "vacancy", "open")["widget"] == "boolean"
    assert _field(fields, "hours", "per_week")["value_type"] == "float"
    employment = _field(fields, "vacancy", "employment_type")
    assert employment["widget"] == "select" and employment["multiple"] is True
    # a role's id is a relation to the roles; a library item's id a choice of the library's
    assert _field(fields, "reports_to")["widget"] == "relation"
    assert _field(fields, "reports_to")["collection"] == "roles"
    assert _field(fields, "career", "next")["multiple"] is True
    family = _field(fields, "family")
    assert family["widget"] == "select"
    assert family["options"][0] == {
        "label": "Accountmanagement (accountmanagement)",
        "value": "accountmanagement",
    }
    competency = _field(fields, "competencies", "id")
    assert competency["widget"] == "select" and len(competency["options"]) == 42
    assert {"label": "Geheugen (geheugen)", "value": "geheugen"} in competency["options"]
    phases = _field(fields, "onboarding", "phase")["options"]
    assert [o["value"] for o in phases][:2] == ["voor-start", "dag-1"]
    training = _field(fields, "training", "ref")["options"]
    assert {"label": "CRM-training (crm-training)", "value": "crm-training"} in training
    # a record's own id is text with the id rule
    own = _field(fields, "result_areas", "id")
    assert own["widget"] == "string" and own["pattern"][0] == ID_PATTERN
    # required only where the file must have it: not inside an optional record
    assert _field(fields, "title")["required"] is True
    assert _field(fields, "grade")["required"] is False
    assert _field(fields, "grade", "system")["required"] is False
    assert _field(fields, "result_areas", "name")["required"] is True
    library = {f["name"]: f for f in made["collections"][1]["files"]}
    levels = _field(library["competencies"]["fields"], "competencies", "levels")
    assert _names(levels["fields"]) == ["1", "2", "3", "4", "5"]
    suffix = _field(library["organisation"]["fields"], "recruitment", "title_suffix")
    assert _names(suffix["fields"]) == ["nl", "en"]


def _models(model: type[BaseModel], seen: set[type[BaseModel]]) -> None:
    if model in seen:
        return
    seen.add(model)
    for info in model.model_fields.values():
        for part in _types(info.annotation):
            if isinstance(part, type) and issubclass(part, Model):
                _models(part, seen)


def _types(annotation: Any) -> list[Any]:
    found = [annotation]
    for arg in typing.get_args(annotation):
        found += _types(arg)
    return found


def test_every_id_of_something_else_is_a_relation() -> None:
    """A field holding an id (the id pattern) is either the record's own `id` or names what it
    points to in REFERENCES: a new such field fails here until it does."""
    models: set[type[BaseModel]] = set()
    for model in [Role, *LIBRARY_FILES.values()]:
        _models(model, models)
    unknown = []
    for model in models:
        for name, info in model.model_fields.items():
            text = repr(info.annotation) + repr(info.metadata)
            if ID_PATTERN in text and name != "id" and (model, name) not in REFERENCES:
                unknown.append(f"{model.__name__}.{name}")
    assert not unknown, unknown


def test_a_published_config_uses_the_git_host_and_pull_requests(tmp_path: Path) -> None:
    backend = {"name": "github", "repo": "example/roles", "branch": "main"}
    write_admin(tmp_path / "admin", _setting(), backend, "/rolebook/")
    made = yaml.safe_load((tmp_path / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert made["backend"] == backend
    assert made["publish_mode"] == "editorial_workflow"
    page = (tmp_path / "admin" / "index.html").read_text(encoding="utf-8")
    assert 'data-site="/rolebook/"' in page and 'src="decap-cms.js"' in page
    assert (tmp_path / "admin" / DECAP_FILE).read_bytes() == (STATIC / DECAP_FILE).read_bytes()
    assert (tmp_path / "admin" / "decap-cms.LICENSE").exists()


# --- files and forms -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    sorted(p.relative_to(SHIPPED_ROLES.parent).as_posix() for p in SHIPPED_ROLES.rglob("*.yml")),
)
def test_a_shipped_file_saved_unchanged_from_the_form_stays_byte_identical(path: str) -> None:
    project = Project(REPO, SHIPPED_ROLES)
    target, shape = project.locate(path)
    form, problems = parse_text(_raw(_form(project, path)), path)
    assert form is not None and not problems
    new = from_form(shape, form.data, project.languages())
    before = target.read_bytes()
    assert merged(shape, before, new, project.languages()).encode() == before


def test_a_plain_text_is_a_mapping_in_the_form_and_stays_plain_in_the_file(
    project: Project,
) -> None:
    role = project.roles_dir / "junior.yml"
    role.write_text(
        role.read_text(encoding="utf-8").replace(
            "title: {nl: Verkoper, en: Salesperson}", "title: Verkoper  # short form"
        ),
        encoding="utf-8",
    )
    form = _form(project, "roles/junior.yml")
    assert form["title"] == {"nl": "Verkoper"}
    form["purpose"]["nl"] = "Meer omzet."
    save(project, "roles/junior.yml", _raw(form))
    text = role.read_text(encoding="utf-8")
    assert "title: Verkoper  # short form\n" in text
    assert "purpose: {nl: Meer omzet., en: Revenue.}\n" in text
    form["title"] = {"nl": "Verkoper binnendienst"}
    save(project, "roles/junior.yml", _raw(form))
    # the comment stays (ruamel.yaml keeps its column where the longer value leaves room)
    assert "title: Verkoper binnendienst # short form\n" in role.read_text(encoding="utf-8")


def test_a_save_changes_only_what_changed_and_keeps_comments(project: Project) -> None:
    role = project.roles_dir / "junior.yml"
    role.write_text(
        "# The first rung of sales.\n"
        + role.read_text(encoding="utf-8").replace(
            "competencies:\n", "# Reviewed with the team in 2026.\ncompetencies:\n"
        ),
        encoding="utf-8",
    )
    before = role.read_text(encoding="utf-8")
    form = _form(project, "roles/junior.yml")
    form["purpose"]["nl"] = "Omzet en tevreden klanten."
    form["competencies"].append({"id": "productkennis", "level": 2})
    form["vacancy"] = {"open": False, "openings": 1, "contract": {"nl": "Vast", "en": ""}}
    assert save(project, "roles/junior.yml", _raw(form)) == [
        "roles/junior.yml:24:13: warning: no 'en' text for vacancy.contract; 'nl' is shown instead"
    ]
    after = role.read_text(encoding="utf-8")
    expected = before.replace(
        "purpose: {nl: Omzet., en: Revenue.}",
        "purpose: {nl: Omzet en tevreden klanten., en: Revenue.}",
    ).replace(
        "  - {id: onderhandelen, level: 1}\n",
        "  - {id: onderhandelen, level: 1}\n  - {id: productkennis, level: 2}\n",
    )
    expected += "vacancy:\n  contract: {nl: Vast}\n"
    assert after == expected


def test_a_save_that_the_checks_refuse_writes_nothing_and_says_why(project: Project) -> None:
    role = project.roles_dir / "junior.yml"
    before = role.read_bytes()
    form = _form(project, "roles/junior.yml")
    form["competencies"][0]["id"] = "onderhandelenn"
    with pytest.raises(Refused) as refused:
        save(project, "roles/junior.yml", _raw(form))
    assert str(refused.value) == (
        "roles/junior.yml:13:10: error: unknown competency 'onderhandelenn' "
        "(did you mean 'onderhandelen'?)"
    )
    assert role.read_bytes() == before
    assert sorted(p.name for p in project.roles_dir.iterdir()) == [
        "junior.yml",
        "library",
        "senior.yml",
    ]


def test_a_library_edit_that_breaks_a_role_is_refused(project: Project) -> None:
    library = project.roles_dir / "library" / "competencies.yml"
    before = library.read_bytes()
    form = _form(project, "roles/library/competencies.yml")
    assert form["competencies"][1]["levels"]["2"] == {"nl": "twee", "en": "two"}
    form["competencies"][1]["id"] = "assortimentkennis"
    with pytest.raises(Refused, match="unknown competency 'productkennis'"):
        save(project, "roles/library/competencies.yml", _raw(form))
    assert library.read_bytes() == before


def test_a_level_keeps_its_number_as_key(project: Project) -> None:
    form = _form(project, "roles/library/competencies.yml")
    form["competencies"][0]["levels"]["3"]["en"] = "three, at least"
    save(project, "roles/library/competencies.yml", _raw(form))
    text = (project.roles_dir / "library" / "competencies.yml").read_text(encoding="utf-8")
    assert "      3: {nl: drie, en: 'three, at least'}\n" in text


def test_a_new_role_is_written_in_the_project_layout_and_a_broken_one_refused(
    project: Project,
) -> None:
    new = {
        "id": "stagiair",
        "title": {"nl": "Stagiair", "en": "Intern"},
        "family": "verkoop",
        "level": 1,
        "meta": {"version": "0.1.0", "effective": "2027-01-01", "owner": {"nl": "HR", "en": "HR"}},
        "summary": {"nl": "Leert.", "en": "Learns."},
        "purpose": {"nl": "Leren.", "en": "Learning."},
        "career": {"next": ["junior"]},
        "remove": {"rights": []},
    }
    with pytest.raises(Refused, match="unknown family 'verkoopp'"):
        save(project, "roles/stagiair.yml", _raw({**new, "family": "verkoopp"}))
    assert not (project.roles_dir / "stagiair.yml").exists()
    warnings = save(project, "roles/stagiair.yml", _raw(new))
    text = (project.roles_dir / "stagiair.yml").read_text(encoding="utf-8")
    assert text.startswith(
        "# yaml-language-server: $schema=../schema/role.schema.json\nid: stagiair\n"
    )
    assert "meta:\n  version: 0.1.0\n  effective: 2027-01-01\n" in text
    assert "career:\n  next: [junior]\n" in text
    assert any("not in the ladder of family 'verkoop'" in w for w in warnings)


DECAP_NEW_ROLE = """\
id: stagiair
title:
  nl: Stagiair verkoop
  en: Sales intern
family: verkoop
level: 1
remove:
  optional: []
  rights: []
meta:
  status: draft
  version: 0.1.0
  owner:
    nl: HR
    en: HR
  effective: 2027-03-01
summary:
  nl: Leert het vak.
  en: Learns the trade.
purpose:
  nl: Leren.
  en: Learning.
location:
  work_mode: onsite
manages: []
contacts:
  internal: []
  external: []
vacancy:
  open: false
  openings: 1
  employment_type:
    - full_time
career:
  next: [junior]
"""
"""A new role as Decap sends it: every list, every default of a record the form shows."""


def test_a_new_role_from_the_form_is_written_without_decaps_empty_defaults(
    project: Project,
) -> None:
    save(project, "roles/stagiair.yml", DECAP_NEW_ROLE, Forms())
    assert (project.roles_dir / "stagiair.yml").read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schema/role.schema.json\n"
        "id: stagiair\n"
        "title: {nl: Stagiair verkoop, en: Sales intern}\n"
        "family: verkoop\n"
        "level: 1\n"
        "meta:\n"
        "  version: 0.1.0\n"
        "  effective: 2027-03-01\n"
        "  owner: {nl: HR, en: HR}\n"
        "summary: {nl: Leert het vak., en: Learns the trade.}\n"
        "purpose: {nl: Leren., en: Learning.}\n"
        "career:\n"
        "  next: [junior]\n"
    )


def test_a_save_never_overwrites_what_changed_since_the_form_was_opened(
    project: Project,
) -> None:
    forms = Forms()
    role = project.roles_dir / "junior.yml"
    first = json.loads(read_form(project, "roles/junior.yml", forms) or "")
    second = json.loads(read_form(project, "roles/junior.yml", forms) or "")
    assert first[FORM_KEY] != second[FORM_KEY]  # two windows on one file
    first["purpose"]["nl"] = "Een."
    save(project, "roles/junior.yml", _raw(first), forms)
    first["purpose"]["en"] = "One."  # the same form again: it holds what it wrote
    save(project, "roles/junior.yml", _raw(first), forms)
    assert "purpose: {nl: Een., en: One.}\n" in role.read_text(encoding="utf-8")
    before = role.read_bytes()
    second["summary"]["nl"] = "Twee."
    with pytest.raises(Refused, match="changed since this form was opened"):
        save(project, "roles/junior.yml", _raw(second), forms)
    assert role.read_bytes() == before
    # a change in a text editor, then a save from the form opened before it
    role.write_text(role.read_text(encoding="utf-8").replace("Een.", "Drie."), encoding="utf-8")
    first["purpose"]["en"] = "Four."
    with pytest.raises(Refused, match="changed since this form was opened"):
        save(project, "roles/junior.yml", _raw(first), forms)
    assert "Drie." in role.read_text(encoding="utf-8")
    # a new role with the id of one that exists
    new = {key: value for key, value in second.items() if key != FORM_KEY}
    with pytest.raises(Refused, match="the file exists already and this form was not opened"):
        save(project, "roles/junior.yml", _raw(new), forms)


def test_a_role_others_need_is_not_deleted(project: Project) -> None:
    with pytest.raises(Refused, match="unknown role 'senior'"):
        delete(project, "roles/senior.yml")
    assert (project.roles_dir / "senior.yml").exists()
    with pytest.raises(Refused, match="cannot be deleted"):
        delete(project, "roles/library/training.yml")


@pytest.mark.parametrize(
    "path",
    [
        "roles/../mkdocs.yml",
        "/etc/passwd",
        "docs/index.md",
        "roles/library/lint.yml",
        "roles/sub/x.yml",
        "roles/.hidden.yml",
    ],
)
def test_only_role_and_library_files_are_read_or_written(project: Project, path: str) -> None:
    with pytest.raises(Refused):
        project.locate(path)


# --- the backend -----------------------------------------------------------------------------


def _call(
    app: EditorApp,
    body: Any,
    *,
    kind: str = "application/json; charset=utf-8",
    origin: str | None = None,
) -> tuple[str, Any]:
    raw = json.dumps(body).encode()
    environ = {
        "PATH_INFO": "/api/v1",
        "REQUEST_METHOD": "POST",
        "CONTENT_TYPE": kind,
        "CONTENT_LENGTH": str(len(raw)),
        "HTTP_HOST": "127.0.0.1:8000",
        "wsgi.input": io.BytesIO(raw),
    }
    if origin:
        environ["HTTP_ORIGIN"] = origin
    status: list[str] = []
    out = b"".join(app(environ, lambda s, headers: status.append(s)))
    return status[0], json.loads(out)


def test_the_backend_answers_decaps_proxy_actions(project: Project) -> None:
    app = EditorApp(project)
    status, entries = _call(
        app, {"action": "entriesByFolder", "params": {"folder": "roles", "extension": "yml"}}
    )
    assert status == "200 OK"
    assert [e["file"]["path"] for e in entries] == ["roles/junior.yml", "roles/senior.yml"]
    assert json.loads(entries[0]["data"])["title"] == {"nl": "Verkoper", "en": "Salesperson"}
    _, files = _call(
        app,
        {"action": "entriesByFiles", "params": {"files": [{"path": "roles/library/families.yml"}]}},
    )
    assert json.loads(files[0]["data"])["families"][0]["id"] == "verkoop"
    form = json.loads(entries[0]["data"])
    form["competencies"][0]["id"] = "bestaat-niet"
    persist = {
        "action": "persistEntry",
        "params": {"dataFiles": [{"path": "roles/junior.yml", "raw": _raw(form)}], "assets": []},
    }
    status, answer = _call(app, persist)
    assert status.startswith("422")
    assert answer["error"].startswith("roles/junior.yml:13:10: error: unknown competency")
    form["competencies"][0]["id"] = "productkennis"
    persist["params"]["dataFiles"] = [{"path": "roles/junior.yml", "raw": _raw(form)}]
    assert _call(app, persist)[0] == "200 OK"
    assert "{id: productkennis, level: 1}" in (project.roles_dir / "junior.yml").read_text()
    assert _call(app, {"action": "getMedia", "params": {}}) == ("200 OK", [])
    assert _call(app, {"action": "nope"})[0].startswith("422")


def test_the_backend_takes_json_from_its_own_pages_only(project: Project) -> None:
    app = EditorApp(project)
    info = {"action": "info", "params": {}}
    assert _call(app, info)[0] == "200 OK"
    assert _call(app, info, origin="http://127.0.0.1:8000")[0] == "200 OK"
    assert _call(app, info, kind="text/plain")[0].startswith("415")
    assert _call(app, info, origin="https://example.org")[0].startswith("403")


def test_the_admin_page_loads_nothing_from_elsewhere(project: Project) -> None:
    app = EditorApp(project, site_path="/")
    headers: list[tuple[str, str]] = []

    def start(status: str, given: list[tuple[str, str]]) -> None:
        headers.extend(given)

    page = b"".join(
        app({"PATH_INFO": "/admin/", "REQUEST_METHOD": "GET", "HTTP_HOST": "127.0.0.1:8000"}, start)
    ).decode()
    assert "http" not in page.replace('data-site="/"', "")
    csp = dict(headers)["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "connect-src 'self'" in csp
    made = yaml.safe_load(app.config_yaml("127.0.0.1:8000"))
    assert made["backend"] == {"name": "proxy", "proxy_url": "/api/v1", "branch": "main"}
    assert made["display_url"] == "http://127.0.0.1:8000/"


def test_the_bundle_is_sent_once_and_a_failure_is_one_line(
    project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = EditorApp(project)
    statuses: list[str] = []
    headers: dict[str, str] = {}

    def start(status: str, given: list[tuple[str, str]]) -> None:
        statuses.append(status)
        headers.update(given)

    get = {"PATH_INFO": f"/admin/{DECAP_FILE}", "REQUEST_METHOD": "GET"}
    assert len(b"".join(app(get, start))) == (STATIC / DECAP_FILE).stat().st_size
    again = b"".join(app({**get, "HTTP_IF_NONE_MATCH": headers["ETag"]}, start))
    assert (statuses, again) == (["200 OK", "304 Not Modified"], b"")

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", "roles/junior.yml")

    monkeypatch.setattr("generator.editor.api.save", broken)
    form = _form(project, "roles/junior.yml")
    status, answer = _call(
        app,
        {
            "action": "persistEntry",
            "params": {"dataFiles": [{"path": "roles/junior.yml", "raw": _raw(form)}]},
        },
    )
    assert status.startswith("500")
    assert answer == {"error": "roles/junior.yml: Permission denied; nothing was written"}

"""Adversarial input through every entry point, and output that survives failures.

Each bad role file must give exit 1 and a positioned diagnostic from `rolebook check`,
`rolebook build` and the MkDocs plugin, without a traceback, without running anything and
without writing outside the output folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import JUNIOR, WriteRoles
from .test_shards import small_project

MARKER = Path("/tmp/rolebook-was-executed")

CORPUS: dict[str, tuple[str | bytes | dict[str, str], str]] = {
    # a dict writes several files (name -> content) instead of roles/junior.yml
    "duplicate-id": (
        {"junior-copy.yml": "id: junior\n" + JUNIOR},
        "roles/junior.yml:1:1: error: duplicate role id 'junior' (also defined in "
        "roles/junior-copy.yml)",
    ),
    # name: (content of roles/junior.yml, expected diagnostic prefix)
    "syntax": ("title: [\n", "roles/junior.yml:2:1: error: invalid YAML"),
    "encoding": (b"title: caf\xe9\n", "roles/junior.yml:1:11: error: file is not valid UTF-8"),
    "empty": ("", "roles/junior.yml:1:1: error: file is empty"),
    "top-level": ("- a\n", "roles/junior.yml:1:1: error: expected a mapping of role fields"),
    "duplicate-key": (JUNIOR + "level: 2\n", "roles/junior.yml:20:1: error: duplicate key 'level'"),
    "unknown-field": (JUNIOR + "salary: 3000\n", "roles/junior.yml:20:1: error: unknown field"),
    "misspelt-field": (
        JUNIOR.replace("duties:", "dutys:"),
        "roles/junior.yml:8:1: error: unknown field 'dutys' (did you mean 'duties'?)",
    ),
    "wrong-type": (
        JUNIOR.replace("level: 1\n", "level: [1]\n"),
        "roles/junior.yml:3:8: error: expected a whole number, got a list",
    ),
    "missing-field": (
        JUNIOR.replace("purpose: {nl: Omzet., en: Revenue.}\n", ""),
        "roles/junior.yml:1:1: error: missing required field 'purpose'",
    ),
    "path-like-id": (
        "id: ../../etc/passwd\n" + JUNIOR,
        "roles/junior.yml:1:5: error: invalid role id",
    ),
    "dangling-reference": (
        JUNIOR.replace("reports_to: senior", "reports_to: ceo"),
        "roles/junior.yml:4:13: error: unknown role 'ceo'",
    ),
    "level-out-of-range": (
        JUNIOR.replace("level: 1}", "level: 9}"),
        "roles/junior.yml:13:32: error: level 9 is outside the scale",
    ),
    "inheritance-cycle": (
        "extends: senior\n" + JUNIOR,
        "roles/senior.yml:4:10: error: 'extends' makes a cycle",
    ),
    "object-tag": (
        'title: !!python/object/apply:os.system ["touch /tmp/rolebook-was-executed"]\n',
        "roles/junior.yml:1:8: error: YAML tags are not allowed",
    ),
    "alias-expansion": (
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n",
        "roles/junior.yml:1:4: error: anchors are not allowed",
    ),
    "huge-file": (
        "# " + "x" * 1_100_000 + "\n",
        "roles/junior.yml:1:1: error: file is 1,100,003 bytes",
    ),
    "long-string": (
        JUNIOR.replace("{nl: Bellen, en: Calling}", "{nl: " + "a" * 25_000 + ", en: b}"),
        "roles/junior.yml:11:14: error: text is 25000 characters long",
    ),
    "deep-nesting": (
        "title: " + "[" * 40 + "]" * 40 + "\n",
        "roles/junior.yml:1:39: error: nested more than 32 levels deep",
    ),
}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return small_project(tmp_path)


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("case", list(CORPUS), ids=list(CORPUS))
def test_bad_file_through_check_build_and_plugin(
    project: Path, case: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    content, expected = CORPUS[case]
    role = project / "roles" / "junior.yml"
    if isinstance(content, dict):
        for name, text in content.items():
            (project / "roles" / name).write_text(text, encoding="utf-8")
    elif isinstance(content, bytes):
        role.write_bytes(content)
    else:
        role.write_text(content, encoding="utf-8")
    monkeypatch.chdir(project)
    before = _snapshot(project)
    MARKER.unlink(missing_ok=True)
    runner = CliRunner()
    for args in (["check", "--roles-dir", "roles"], ["build", "--no-pdf"]):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, (args, result.output)
        assert not isinstance(result.exception, Exception) or isinstance(
            result.exception, SystemExit
        )
        lines = result.stderr.splitlines()
        assert any(line.startswith(expected) for line in lines), (args, lines[:5])
        assert "Traceback" not in result.output
    # the MkDocs plugin, as `mkdocs build` runs it
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    config = load_config(
        config_file=str(project / "mkdocs.yml"), site_dir=str(project / "plugin-site")
    )
    config.plugins.on_startup(command="build", dirty=False)
    with caplog.at_level("ERROR", logger="mkdocs"), pytest.raises(Abort):
        build(config)
    assert expected in caplog.text
    assert "Traceback" not in caplog.text
    assert not MARKER.exists(), "a YAML tag ran code"
    assert _snapshot(project) == before, "the build wrote outside its output folder"


def _good_build(project: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["build", "--no-pdf"])
    assert result.exit_code == 0, result.output
    return _snapshot(project / "site")


def test_template_error_keeps_the_last_good_site(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _good_build(project, monkeypatch)
    import generator.documents.job

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("template exploded")

    monkeypatch.setattr(generator.documents.job, "role_page", broken)
    result = CliRunner().invoke(main, ["build", "--no-pdf"])
    assert result.exit_code == 1
    assert "internal error: RuntimeError('template exploded')" in result.stderr
    assert "build failed; site was left as it was" in result.stderr
    assert _snapshot(project / "site") == good


def test_full_disk_keeps_the_last_good_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = _good_build(project, monkeypatch)
    import errno

    import mkdocs.utils

    def no_space(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(mkdocs.utils, "copy_file", no_space)
    result = CliRunner().invoke(main, ["build", "--no-pdf"])
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert _snapshot(project / "site") == good
    assert not [p for p in project.iterdir() if p.name.startswith(".site.building")]


@pytest.mark.slow
def test_killed_pdf_worker_is_reported_and_keeps_the_site(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = _good_build(project, monkeypatch)
    import generator.output.pdfstage as pdfcache

    real = pdfcache._render_job

    def dies(job: pdfcache.PdfJob, settings: object) -> tuple[list[str], list[str]]:
        if job.document.ids == ("senior",):
            os._exit(9)  # the worker process dies, as if killed
        return real(job, settings)  # type: ignore[arg-type]

    monkeypatch.setattr(pdfcache, "_render_job", dies)
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "of 'senior'" in result.stderr and "PDF failed" in result.stderr
    assert _snapshot(project / "site") == good


def test_commands_never_modify_role_files(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _snapshot(project / "roles")
    monkeypatch.chdir(project)
    runner = CliRunner()
    for args in (
        ["check"],
        ["list"],
        ["lint"],
        ["build", "--no-pdf"],
        ["plan", "junior", "senior"],
        ["onboarding", "senior"],
        ["new", "junior"],
        ["schema", "-o", "out"],
    ):
        runner.invoke(main, args)
    assert _snapshot(project / "roles") == before


def test_too_many_roles_is_a_clear_error(
    write_roles: WriteRoles, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.catalog

    monkeypatch.setattr(generator.catalog, "MAX_ROLES", 1)
    write_roles()
    result = runner.invoke(main, ["check", "--roles-dir", "roles"])
    assert result.exit_code == 1
    assert "roles:1:1: error: 2 role files; the limit is 1" in result.stderr

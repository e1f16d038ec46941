"""Operating-system errors and out-of-range values: one clear line naming the path or value,
exit 1 (2 for a usage error), never a traceback."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import WriteRoles
from .test_site import make_project


def _no_traceback(output: str) -> None:
    assert "Traceback" not in output and "Errno" not in output, output


@pytest.mark.parametrize(
    "args",
    [
        ["pdf", "senior", "-o", "blocker/senior.pdf"],
        ["export", "--format", "csv", "-o", "blocker/matrix.csv"],
        ["export", "--format", "xlsx", "-o", "blocker/matrix.xlsx"],
        ["export", "senior", "--format", "docx", "-o", "blocker/senior.docx"],
        ["onboarding", "senior", "--format", "md", "-o", "blocker/senior.md"],
        ["plan", "junior", "senior", "--format", "json", "-o", "blocker/plan.json"],
        ["schema", "-o", "blocker/schema"],
    ],
    ids=lambda args: " ".join(args[:3]),
)
def test_an_output_path_that_cannot_be_written_is_one_line(
    write_roles: WriteRoles, runner: CliRunner, args: list[str]
) -> None:
    write_roles()
    Path("blocker").write_text("a file where a folder is needed")
    result = runner.invoke(main, args)
    assert result.exit_code == 1, result.output
    _no_traceback(result.output)
    lines = result.output.strip().splitlines()
    assert lines[-1].startswith("Error: blocker"), lines
    assert "not a directory" in lines[-1] or "a file is in the way" in lines[-1]


def test_a_read_only_folder_is_named(
    write_roles: WriteRoles, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the tests may run as root, for whom no folder is read-only: the error is made here
    write_roles()

    opened = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    def open_to_read(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if "r" in mode:
            return opened(self, mode, *args, **kwargs)  # type: ignore[call-overload]
        refuse(self)

    monkeypatch.setattr(Path, "write_bytes", refuse)
    monkeypatch.setattr(Path, "write_text", refuse)
    monkeypatch.setattr(Path, "open", open_to_read)
    for args, path in (
        (["new", "medior", "--roles-dir", "roles"], "roles/medior.yml"),
        (["export", "--format", "csv", "-o", "out.csv"], "out.csv"),
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 1, result.output
        _no_traceback(result.output)
        assert result.output.strip().splitlines()[-1] == (
            f"Error: {path}: permission denied (is the folder read-only?)"
        )


def test_build_into_an_unwritable_site_folder(tmp_path: Path, runner: CliRunner) -> None:
    make_project(tmp_path)
    (tmp_path / "blocker").write_text("")
    result = runner.invoke(main, ["build", "-d", "blocker/site"])
    assert result.exit_code == 1, result.output
    _no_traceback(result.output)
    assert "blocker" in result.output.strip().splitlines()[-1]


def test_onboarding_start_out_of_range(write_roles: WriteRoles, runner: CliRunner) -> None:
    write_roles()
    for fmt in ("ics", "md"):
        result = runner.invoke(
            main, ["onboarding", "senior", "--start", "9999-12-31", "--format", fmt]
        )
        assert result.exit_code == 2, result.output
        _no_traceback(result.output)
        assert "Invalid value for '--start': 9999-12-31" in result.output


@pytest.mark.parametrize("addr", ["127.0.0.1:99999", "127.0.0.1:-1", "127.0.0.1", "host:port"])
def test_serve_refuses_a_bad_address(runner: CliRunner, addr: str) -> None:
    result = runner.invoke(main, ["serve", "-a", addr])
    assert result.exit_code == 2, result.output
    _no_traceback(result.output)
    assert f"Invalid value for '-a' / '--dev-addr': '{addr}'" in result.output


def test_serve_on_a_port_in_use(tmp_path: Path, runner: CliRunner) -> None:
    make_project(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["serve", "-a", f"127.0.0.1:{port}"])
    assert result.exit_code == 1, result.output
    _no_traceback(result.output)
    assert result.output.strip().splitlines()[-1] == (
        f"Error: cannot serve on 127.0.0.1:{port}: address already in use"
    )

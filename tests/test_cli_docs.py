"""Docs and labels cannot drift from the code: every command is documented, locales match."""

from __future__ import annotations

import pytest
import yaml

from generator.cli import main

from .conftest import REPO

LANGS = ["nl", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_command_has_help_and_a_reference_section(lang: str) -> None:
    reference = (REPO / "docs" / lang / "reference" / "cli.md").read_text(encoding="utf-8")
    for name, command in main.commands.items():
        assert command.help, f"rolebook {name} has no help text"
        assert f"## rolebook {name}\n" in reference, f"docs/{lang}/reference/cli.md: {name}"


def test_locales_have_the_same_keys() -> None:
    folder = REPO / "generator" / "locales"
    keys = [
        set(yaml.safe_load((folder / f"{lang}.yml").read_text(encoding="utf-8"))) for lang in LANGS
    ]
    assert keys[0] == keys[1], keys[0] ^ keys[1]


@pytest.mark.parametrize("lang", LANGS)
def test_every_hand_written_page_exists_in_both_languages(lang: str) -> None:
    pages = {
        p.relative_to(REPO / "docs" / lang).as_posix() for p in (REPO / "docs" / lang).rglob("*.md")
    }
    other = {
        p.relative_to(REPO / "docs" / LANGS[1 - LANGS.index(lang)]).as_posix()
        for p in (REPO / "docs" / LANGS[1 - LANGS.index(lang)]).rglob("*.md")
    }
    assert pages == other
    assert {
        "index.md",
        "hr/writing-a-role.md",
        "hr/yaml-reference.md",
        "new-hires.md",
        "managers.md",
        "reference/cli.md",
    } <= pages


@pytest.mark.parametrize("lang", LANGS)
def test_every_plugin_option_is_documented(lang: str) -> None:
    from generator.plugin import RolebookConfig

    reference = (REPO / "docs" / lang / "reference" / "site.md").read_text(encoding="utf-8")
    for name, _ in RolebookConfig._schema:
        assert f"| `{name}` |" in reference, f"docs/{lang}/reference/site.md: {name}"


@pytest.mark.parametrize("lang", LANGS)
def test_every_option_of_every_command_is_documented(lang: str) -> None:
    import click

    reference = (REPO / "docs" / lang / "reference" / "cli.md").read_text(encoding="utf-8")
    sections = reference.split("\n## rolebook ")
    for name, command in main.commands.items():
        section = next(s for s in sections if s.startswith(f"{name}\n"))
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                assert any(opt in section for opt in param.opts), (
                    f"docs/{lang}/reference/cli.md: rolebook {name} {param.opts[-1]}"
                )


def test_readme_says_what_a_fresh_machine_needs_and_where_the_organisation_is_set() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for needed in ("python3-venv", "libpango-1.0-0", "apt-get", "roles/library/organisation.yml"):
        assert needed in readme, needed
    assert "static host" in readme  # how to publish
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "libpango-1.0-0" in makefile  # what the README promises make test installs

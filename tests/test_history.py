"""Role history: the semantic diff (fixture pairs with golden output in every format), versions
from a temporary git repository, `rolebook diff`, the version check, and the no-git case."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.checks import load_catalog
from generator.cli import main
from generator.history.diff import REWORD_THRESHOLD, diff_roles, similarity, word_diff
from generator.history.git import GitError
from generator.history.revisions import catalog_history, resolve_file, unbumped_versions
from generator.model import Text
from generator.render.changes import NoticeView, notice_json, notice_markdown, notice_text

from .conftest import JUNIOR, REPO, SENIOR, WriteRoles

FIXTURES = Path(__file__).parent / "fixtures" / "history"
CASES = sorted(p.name for p in FIXTURES.iterdir())
Golden = Callable[[str, str], None]


def pair(write_roles: WriteRoles, case: str) -> tuple[object, object, object]:
    root = write_roles()
    cat = load_catalog(root)
    old = resolve_file(FIXTURES / case / "old.yml", "old.yml", root, cat)
    new = resolve_file(FIXTURES / case / "new.yml", "new.yml", root, cat)
    return cat, old, new


def kinds(diff: object) -> set[tuple[str, str]]:
    return {(c.section, c.kind) for c in diff.changes}  # type: ignore[attr-defined]


# --- the diff ------------------------------------------------------------------------------------


def test_fixture_cases_cover_every_kind_of_change(write_roles: WriteRoles) -> None:
    seen: set[str] = set()
    for case in CASES:
        _, old, new = pair(write_roles, case)
        seen |= {kind for _, kind in kinds(diff_roles(old, new))}  # type: ignore[arg-type]
    assert seen == {"added", "removed", "reworded", "moved", "raised", "lowered", "changed"}


def test_lists_are_compared_item_by_item(write_roles: WriteRoles) -> None:
    _, old, new = pair(write_roles, "lists")
    diff = diff_roles(old, new)  # type: ignore[arg-type]
    duties = {(c.kind, c.field) for c in diff.in_section("duties")}
    assert duties == {
        ("reworded", "group"),
        ("reworded", None),
        ("moved", None),
        ("removed", None),
        ("added", None),
    }
    reworded = next(c for c in diff.in_section("duties") if c.kind == "reworded" and not c.field)
    assert "chatberichten" in reworded.new.get("nl", "nl")  # type: ignore[union-attr]
    moved = next(c for c in diff.in_section("duties") if c.kind == "moved")
    assert moved.old_context and moved.old_context.root["nl"] == "Wekelijks"
    assert ("rights", "added") in kinds(diff) and ("responsibilities", "removed") in kinds(diff)
    assert ("requirements.education", "reworded") in kinds(diff)
    assert ("work_cycle", "added") in kinds(diff)
    unchanged = "Belt nieuwe klanten."
    assert not any(isinstance(c.new, Text) and c.new.root["nl"] == unchanged for c in diff.changes)


def test_levels_and_keyed_items(write_roles: WriteRoles) -> None:
    _, old, new = pair(write_roles, "levels")
    diff = diff_roles(old, new)  # type: ignore[arg-type]
    levels = {(c.key, c.kind, c.old, c.new) for c in diff.in_section("competencies")}
    assert levels == {("onderhandelen", "raised", 2, 3), ("productkennis", "lowered", 3, 2)}
    training = diff.in_section("training")
    assert [(c.key, c.kind, c.field) for c in training] == [("crm", "reworded", "when")]
    assert {(c.kind, c.key, c.field) for c in diff.in_section("career")} == {
        ("removed", "senior", "next"),
        ("added", None, "note"),
    }
    assert [(c.kind, c.field) for c in diff.in_section("kpis")] == [("reworded", "measure")]


def test_meta_and_single_fields(write_roles: WriteRoles) -> None:
    _, old, new = pair(write_roles, "meta")
    diff = diff_roles(old, new)  # type: ignore[arg-type]
    meta = {c.field: (c.kind, c.old, c.new) for c in diff.in_section("meta")}
    assert meta["version"] == ("changed", "1.0.0", "1.0.1")
    assert meta["status"] == ("changed", "draft", "published")
    assert meta["owner"][0] == "reworded" and "effective" in meta
    assert [(c.kind, c.old, c.new) for c in diff.in_section("level")] == [("changed", 1, 2)]
    assert [(c.kind, c.old, c.new) for c in diff.in_section("reports_to")] == [
        ("changed", "senior", None)
    ]
    assert [c.kind for c in diff.in_section("title")] == ["reworded"]
    assert [(c.kind, c.field, c.new) for c in diff.in_section("codes")] == [
        ("changed", "isco08", "3322")
    ]


def test_rewording_threshold(write_roles: WriteRoles) -> None:
    _, old, new = pair(write_roles, "threshold")
    diff = diff_roles(old, new)  # type: ignore[arg-type]
    rights = [(c.kind, c.similarity) for c in diff.in_section("rights")]
    # "... planning van (de eigen) klantbezoeken" is a rewording; "Mag offertes versturen" and
    # "Stelt de prijs vast bij maatwerk" share nothing: a removal and an addition.
    assert [k for k, _ in rights] == ["reworded", "removed", "added"]
    assert rights[0][1] is not None and rights[0][1] >= REWORD_THRESHOLD
    only_en = diff.in_section("responsibilities")[0]
    assert only_en.kind == "reworded" and only_en.languages() == ["en"]
    assert "only the" not in notice_text(NoticeView(None, diff, "en", "nl"))
    assert "alleen de tekst in het Engels" in notice_text(NoticeView(None, diff, "nl", "nl"))


def test_similarity_and_word_diff() -> None:
    a = Text({"nl": "Neemt de telefoon aan.", "en": "Answers the phone."})
    assert similarity(a, a) == 1.0
    assert similarity(a, Text({"nl": "Iets heel anders hier.", "en": "Something else."})) < 0.2
    ops = word_diff("Neemt de telefoon aan.", "Neemt vaak de telefoon op.")
    assert "".join(t for op, t in ops if op != "-") == "Neemt vaak de telefoon op."
    assert ("-", "aan. ") in ops and ("+", "op.") in ops


def test_identical_versions_have_no_changes(write_roles: WriteRoles) -> None:
    _, old, _ = pair(write_roles, "lists")
    diff = diff_roles(old, old)  # type: ignore[arg-type]
    assert diff.empty
    assert "Geen wijzigingen." in notice_text(NoticeView(None, diff, "nl", "nl"))


@pytest.mark.parametrize("case", CASES)
def test_golden_outputs(write_roles: WriteRoles, golden: Golden, case: str) -> None:
    cat, old, new = pair(write_roles, case)
    diff = diff_roles(old, new)  # type: ignore[arg-type]
    for lang in ("nl", "en"):
        view = NoticeView(cat, diff, lang, "nl")  # type: ignore[arg-type]
        golden(f"history/{case}.{lang}.txt", notice_text(view))
        golden(f"history/{case}.{lang}.md", notice_markdown(view))
    golden(f"history/{case}.json", notice_json(diff))
    data = json.loads(notice_json(diff))
    assert data["reword_threshold"] == REWORD_THRESHOLD and data["changes"]


@pytest.mark.slow
def test_change_notice_pdf(write_roles: WriteRoles, golden: Golden) -> None:
    from generator.output.pdf import layout_pdf
    from generator.render.changes import notice_html
    from generator.render.printing import PdfSettings, PrintDocument

    from .test_pdf import pdf_text

    cat, old, new = pair(write_roles, "lists")
    view = NoticeView(cat, diff_roles(old, new), "nl", "nl")  # type: ignore[arg-type]
    document = PrintDocument(
        notice_html(view, "Testorganisatie"), "nl", "nl", b"0" * 32, False, "x"
    )
    text = pdf_text(layout_pdf(document, PdfSettings()).pdf)
    golden("history/lists.nl.pdf.txt", text)
    for expected in ["Wijzigingsbericht", "Handtekeningen", "Ondernemingsraad", "chatberichten"]:
        assert expected in text


# --- git -----------------------------------------------------------------------------------------


def git(repo: Path, *args: str, date: str = "2026-11-01T10:00:00+01:00") -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="HR",
        GIT_AUTHOR_EMAIL="hr@example.org",
        GIT_COMMITTER_NAME="HR",
        GIT_COMMITTER_EMAIL="hr@example.org",
        GIT_AUTHOR_DATE=date,
        GIT_COMMITTER_DATE=date,
        GIT_CONFIG_GLOBAL=os.devnull,
    )
    done = subprocess.run(
        ["git", "-C", str(repo), *args], env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def bump(text: str, version: str, effective: str) -> str:
    return text.replace(
        'meta: {version: "1.0.0", effective: 2026-12-01,',
        f'meta: {{version: "{version}", effective: {effective},',
    )


@pytest.fixture
def repo(write_roles: WriteRoles) -> Path:
    """A catalog in git with three versions of `junior` (and a formatting-only commit)."""
    root = write_roles(
        {
            "senior.yml": SENIOR.replace(
                "reports_to: null\n",
                'reports_to: null\nmeta: {version: "3.0", effective: 2026-12-01, owner: {nl: HR, en: HR}}\n',
            )
        }
    )
    project = root.parent
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "first version", date="2026-11-01T10:00:00+01:00")
    junior = root / "junior.yml"
    v2 = bump(JUNIOR, "1.1.0", "2027-01-01").replace(
        "- {nl: Bellen, en: Calling}",
        "- {nl: Bellen, en: Calling}\n      - {nl: Mailen, en: Mailing}",
    )
    junior.write_text(v2, encoding="utf-8")
    git(project, "commit", "-q", "-am", "junior 1.1.0: mailing", date="2026-12-01T10:00:00+01:00")
    junior.write_text("# a comment only\n" + v2, encoding="utf-8")
    git(project, "commit", "-q", "-am", "comment", date="2026-12-02T10:00:00+01:00")
    v3 = bump(JUNIOR, "1.2.0", "2027-02-01").replace("level: 1}", "level: 2}")
    junior.write_text(v3, encoding="utf-8")
    git(project, "commit", "-q", "-am", "junior 1.2.0", date="2027-01-15T10:00:00+01:00")
    return root


def test_history_from_git(repo: Path) -> None:
    cat = load_catalog(repo)
    history = catalog_history(cat)
    versions = history.versions["junior"]
    assert [v.role.meta.version for v in versions] == ["1.2.0", "1.1.0", "1.0.0"]
    assert [v.commit.subject for v in versions if v.commit] == [
        "junior 1.2.0",
        "junior 1.1.0: mailing",  # the comment-only commit after it changed no content
        "first version",
    ]
    newest, middle, first = versions
    assert first.diff is None
    assert {(c.section, c.kind) for c in middle.diff.changes if c.section != "meta"} == {  # type: ignore[union-attr]
        ("duties", "added")
    }
    assert {(c.section, c.kind) for c in newest.diff.changes if c.section != "meta"} == {  # type: ignore[union-attr]
        ("duties", "removed"),
        ("competencies", "raised"),
    }
    # senior extends junior: a change in junior's duties reaches it; its own version stays 3.0,
    # so the versions of that one number are one entry, in its latest form
    senior = history.versions["senior"]
    assert [v.role.meta.version for v in senior] == ["3.0"]
    assert senior[0].commit is not None and senior[0].commit.subject == "junior 1.2.0"


def test_history_follows_the_parent_and_the_working_copy(repo: Path) -> None:
    junior = repo / "junior.yml"
    text = junior.read_text(encoding="utf-8")
    assert '"1.2.0", effective: 2027-02-01' in text and "Bellen" in text
    junior.write_text(
        text.replace('"1.2.0", effective: 2027-02-01', '"1.3.0", effective: 2027-03-01').replace(
            "Bellen", "Telefoneren"
        ),
        encoding="utf-8",
    )
    cat = load_catalog(repo)
    versions = catalog_history(cat).versions
    top = versions["junior"][0]
    assert top.commit is None and top.role.meta.version == "1.3.0"
    assert top.slug == "1.3.0-uncommitted"
    # senior extends junior: the parent's uncommitted rewording reaches it as well
    senior_top = versions["senior"][0]
    assert senior_top.commit is None
    assert any(c.kind == "reworded" for c in senior_top.diff.changes)  # type: ignore[union-attr]


def test_history_limit_keeps_the_newest(repo: Path) -> None:
    versions = catalog_history(load_catalog(repo), limit=2).versions["junior"]
    assert [v.role.meta.version for v in versions] == ["1.2.0", "1.1.0"]
    assert versions[-1].diff is not None  # the oldest shown still says what changed


def test_no_git_is_an_error_the_callers_handle(write_roles: WriteRoles) -> None:
    cat = load_catalog(write_roles())
    with pytest.raises(GitError):
        catalog_history(cat)
    assert unbumped_versions(cat) == []


def run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_cli_diff_between_revisions(repo: Path, runner: CliRunner, golden: Golden) -> None:
    roles = str(repo)
    code, out, _ = run(
        runner,
        "diff",
        "junior",
        "--from",
        "HEAD~3",
        "--to",
        "HEAD",
        "--roles-dir",
        roles,
        "--lang",
        "en",
    )
    assert code == 0
    golden("history/git-junior.en.txt", out)
    assert "From version 1.0.0 (1 December 2026) to version 1.2.0 (1 February 2027)" in out
    code, out, _ = run(runner, "diff", "junior", "--roles-dir", roles, "--format", "json")
    assert code == 0 and json.loads(out)["changes"] == []  # HEAD against an unchanged file
    code, _, err = run(runner, "diff", "junior", "--from", "no-such-rev", "--roles-dir", roles)
    assert code == 2 and "unknown revision 'no-such-rev'" in err
    code, _, err = run(runner, "diff", "nobody", "--roles-dir", roles)
    assert code == 2 and "no role 'nobody'" in err
    code, out, err = run(
        runner, "diff", "senior", "--from", "HEAD~3", "--roles-dir", roles, "--format", "md"
    )
    assert code == 0 and "# Wijzigingsbericht: Senior verkoper" in out


def test_cli_diff_of_files_and_bad_input(
    write_roles: WriteRoles, runner: CliRunner, tmp_path: Path
) -> None:
    roles = write_roles()
    old = FIXTURES / "lists" / "old.yml"
    code, out, _ = run(
        runner, "diff", str(old), str(FIXTURES / "lists" / "new.yml"), "--roles-dir", str(roles)
    )
    assert code == 0 and "~ Anders geformuleerd (Elke dag)" in out
    broken = tmp_path / "broken.yml"
    broken.write_text("id: junior\ntitle: [unclosed\n", encoding="utf-8")
    code, _, err = run(runner, "diff", str(old), str(broken), "--roles-dir", str(roles))
    assert code == 1 and "broken.yml:3:1: error: invalid YAML" in err and "Traceback" not in err
    invalid = tmp_path / "invalid.yml"
    invalid.write_text(JUNIOR.replace("level: 1\n", "level: high\n"), encoding="utf-8")
    code, _, err = run(runner, "diff", str(old), str(invalid), "--roles-dir", str(roles))
    assert code == 1 and "invalid.yml:3:8: error:" in err
    code, _, err = run(runner, "diff", str(old), str(tmp_path / "missing.yml"))
    assert code == 2 and "no file" in err
    code, _, err = run(runner, "diff", str(old), str(old), "--from", "HEAD")
    assert code == 2 and "--from and --to go with ROLE_ID" in err
    # extends is resolved beside the file first, then in --roles-dir
    child = tmp_path / "child.yml"
    child.write_text(SENIOR.replace("extends: junior", "extends: junior"), encoding="utf-8")
    code, out, _ = run(
        runner, "diff", str(roles / "senior.yml"), str(child), "--roles-dir", str(roles)
    )
    assert code == 0 and "Geen wijzigingen." in out


@pytest.mark.slow
def test_cli_diff_pdf(repo: Path, runner: CliRunner, tmp_path: Path) -> None:
    from .test_pdf import pdf_text

    target = tmp_path / "notice.pdf"
    code, out, _ = run(
        runner,
        "diff",
        "junior",
        "--from",
        "HEAD~3",
        "--to",
        "HEAD",
        "--roles-dir",
        str(repo),
        "--format",
        "pdf",
        "-o",
        str(target),
    )
    assert code == 0 and "wrote" in out
    text = pdf_text(target.read_bytes())
    assert "Van versie 1.0.0" in text and "Handtekeningen" in text


def test_check_warns_when_the_version_did_not_change(repo: Path, runner: CliRunner) -> None:
    junior = repo / "junior.yml"
    original = junior.read_text(encoding="utf-8")
    junior.write_text("# only a comment\n" + original, encoding="utf-8")
    code, _, err = run(runner, "check", "--roles-dir", str(repo))
    assert code == 0 and ": warning:" not in err  # formatting and comments are not content
    junior.write_text(original.replace("Bellen", "Telefoneren"), encoding="utf-8")
    code, _, err = run(runner, "check", "--roles-dir", str(repo))
    assert code == 0
    assert "junior.yml:5:" in err and "meta.version is still '1.2.0'" in err
    assert "senior.yml:6:" in err and "through 'junior'" in err  # senior inherits the change
    junior.write_text(
        original.replace("Bellen", "Telefoneren").replace('"1.2.0"', '"1.2.1"'), encoding="utf-8"
    )
    code, _, err = run(runner, "check", "--roles-dir", str(repo))
    assert "junior.yml" not in err and "senior.yml:6:" in err


def test_shipped_roles_have_a_history() -> None:
    """The shipped catalog's own history: accountmanager went from 1.0.0 to 1.1.0 in git."""
    cat = load_catalog(REPO / "roles")
    versions = catalog_history(cat).versions["accountmanager"]
    committed = [v for v in versions if v.commit is not None]
    assert [v.role.meta.version for v in committed][-2:] == ["1.1.0", "1.0.0"]
    notice = NoticeView(cat, committed[-2].diff, "nl", "nl")  # type: ignore[arg-type]
    assert "Samenvatting: 1 anders geformuleerd" in notice.summary()


def test_change_notices_escape_role_text(write_roles: WriteRoles) -> None:
    from .htmlcheck import live_problems
    from .test_render import ATTACKS

    _, old, _ = pair(write_roles, "lists")
    attack = " ".join(ATTACKS.values())
    new = old.model_copy(  # type: ignore[attr-defined]
        update={
            "rights": [Text({"nl": attack, "en": attack})],
            "title": Text({"nl": attack, "en": attack}),
        }
    )
    view = NoticeView(None, diff_roles(old, new), "nl", "nl")  # type: ignore[arg-type]
    markdown = notice_markdown(view)
    body = markdown[markdown.index('<div class="rb-notice"') :]
    assert live_problems(body) == []
    assert "<script" not in body.lower()


def test_a_broken_version_in_the_history_is_skipped_with_a_notice(repo: Path) -> None:
    junior = repo / "junior.yml"
    good = junior.read_text(encoding="utf-8")
    junior.write_text(good.replace("level: 1\n", "level: [\n", 1), encoding="utf-8")
    git(repo.parent, "commit", "-q", "-am", "broken", date="2027-01-20T10:00:00+01:00")
    junior.write_text(good.replace('"1.2.0"', '"1.2.1"'), encoding="utf-8")
    git(repo.parent, "commit", "-q", "-am", "fixed", date="2027-01-21T10:00:00+01:00")
    history = catalog_history(load_catalog(repo))
    assert [v.role.meta.version for v in history.versions["junior"]][:2] == ["1.2.1", "1.2.0"]
    assert any("junior" in n and "cannot be read" in n for n in history.notices)

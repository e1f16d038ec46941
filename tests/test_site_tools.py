"""The site's tools in a browser, on a small site without PDFs: the self-assessment's CSV as
Dutch and English Excel read it (issue 23, point 9)."""

from __future__ import annotations

import csv
import io
import textwrap
from pathlib import Path
from typing import Any

import pytest

from .browser import PageWatch, browser, serve_folder
from .conftest import JUNIOR, LIBRARY, SENIOR
from .test_site import make_project, rolebook

pytestmark = pytest.mark.slow

HYPERLINK = '=HYPERLINK("http://x";"y")'


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    roles = tmp_path_factory.mktemp("small") / "roles"
    (roles / "library").mkdir(parents=True)
    for name, text in LIBRARY.items():
        (roles / "library" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (roles / "junior.yml").write_text(JUNIOR, encoding="utf-8")
    (roles / "senior.yml").write_text(SENIOR, encoding="utf-8")
    project = make_project(tmp_path_factory.mktemp("small-project"), roles)
    result = rolebook(project, "build", "--no-pdf", "--no-strict")
    assert result.returncode == 0, result.stderr
    return project / "site"


def _csv(page: Any) -> bytes:
    with page.expect_download() as download:
        page.click("[data-rb-export=csv]")
    return Path(download.value.path()).read_bytes()


@pytest.mark.parametrize(
    ("prefix", "separator", "expected"),
    [
        pytest.param(
            "",
            ";",
            [
                ["Competentie", "Vereist niveau", "Jouw niveau", "Status", "Verschil", "Notitie"],
                ["Onderhandelen", "3", "2", "onder niveau", "1", "'" + HYPERLINK],
                ["Productkennis", "2", "", "niet ingevuld", "", '\'-1 deal; "+1"'],
            ],
            id="nl",
        ),
        pytest.param(
            "en/",
            ",",
            [
                ["Competency", "Required level", "Your level", "Status", "Gap", "Note"],
                ["Negotiation", "3", "2", "below level", "1", "'" + HYPERLINK],
                ["Product knowledge", "2", "", "not answered", "", '\'-1 deal; "+1"'],
            ],
            id="en",
        ),
    ],
)
def test_assessment_csv_is_what_excel_reads_in_the_pages_language(
    small_site: Path, prefix: str, separator: str, expected: list[list[str]]
) -> None:
    with serve_folder(small_site) as base, browser() as chromium:
        context = chromium.new_context(accept_downloads=True)
        page = context.new_page()
        watch = PageWatch(page, base)
        page.goto(base + prefix + "assessment/senior/")
        page.wait_for_load_state("networkidle")
        page.locator("input[name='level-onderhandelen'][value='2']").check()
        page.fill("textarea[name=note-onderhandelen]", HYPERLINK)
        page.fill("textarea[name=note-productkennis]", '-1 deal; "+1"')
        data = _csv(page)
        assert data.startswith(b"\xef\xbb\xbf"), data[:10]  # UTF-8 BOM: Excel reads UTF-8
        text = data[3:].decode("utf-8")
        assert text.startswith(separator.join(expected[0]) + "\r\n"), text
        assert text.endswith("\r\n")
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=separator))
        assert rows == expected, text
        assert not watch.errors, watch.errors
        context.close()

"""Career graph, its diagnostics, development plans and `rolebook plan`."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from click.testing import CliRunner

from generator.career import career_graph, development_plan, find_cycle, plan_markdown
from generator.checks import check_catalog, load_catalog
from generator.cli import main
from generator.competencies import gap, role_levels
from generator.render.graph import career_svg

from .conftest import JUNIOR, REPO, SENIOR, SHIPPED_ROLES, WriteRoles

Golden = Callable[[str, str], None]


def test_graph_nodes_edges_and_ranks(write_roles: WriteRoles) -> None:
    cat = load_catalog(write_roles())
    graph = career_graph(cat)
    assert graph.nodes == ["junior", "senior"]
    assert graph.edges == [("junior", "senior")]
    assert graph.rank == {"junior": 0, "senior": 1}


def test_find_cycle() -> None:
    assert find_cycle(["a", "b", "c"], [("a", "b"), ("b", "c"), ("c", "a")]) == ["a", "b", "c", "a"]
    assert find_cycle(["a", "b"], [("a", "b")]) is None


def test_career_cycle_is_an_error(write_roles: WriteRoles, runner: CliRunner) -> None:
    senior = SENIOR.replace("next: []", "next: [junior]")
    _, diagnostics, _ = check_catalog(write_roles({"senior.yml": senior}))
    assert [str(d) for d in diagnostics] == [
        "roles/junior.yml:19:9: error: career steps make a cycle: junior -> senior -> junior"
    ]


def test_role_no_step_leads_to_is_a_warning(write_roles: WriteRoles, runner: CliRunner) -> None:
    junior = JUNIOR.replace("next: [senior]", "next: []\n  note: {nl: x, en: x}")
    _, diagnostics, _ = check_catalog(write_roles({"junior.yml": junior}))
    assert [str(d) for d in diagnostics] == [
        "roles/senior.yml:3:8: warning: no career step leads to 'senior' and it is not the first "
        "rung of family 'verkoop' (add it to another role's career.next)"
    ]


def test_plan_uses_the_same_gap_as_the_assessment(write_roles: WriteRoles, golden: Golden) -> None:
    cat = load_catalog(write_roles())
    junior, senior = cat.roles["junior"], cat.roles["senior"]
    plan = development_plan(cat, junior, senior)
    assert plan.gap == gap(cat, role_levels(junior), senior)
    assert [
        (r.competency.id, r.current, r.required, [lvl for lvl, _ in r.descriptors])
        for r in plan.raises
    ] == [("onderhandelen", 1, 3, [2, 3])]
    assert [(r.competency.id, r.required) for r in plan.new] == [("productkennis", 2)]
    golden("junior--senior.plan.nl.md", plan_markdown(plan, "nl", "nl"))


def test_shipped_plan_golden(golden: Golden) -> None:
    cat = load_catalog(SHIPPED_ROLES)
    plan = development_plan(cat, cat.roles["accountmanager"], cat.roles["key-accountmanager"])
    golden("accountmanager--key-accountmanager.plan.en.md", plan_markdown(plan, "en", "nl"))
    assert plan.training and plan.raises and plan.rights


def test_svg_is_valid_xml_with_escaped_titles(write_roles: WriteRoles) -> None:
    junior = JUNIOR.replace("title: {nl: Verkoper,", 'title: {nl: "<script>x</script> & co",')
    cat = load_catalog(write_roles({"junior.yml": junior}))
    svg = career_svg(cat, career_graph(cat), "nl", lambda r: f"../{r}/", highlight="senior")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert [a.get("href") for a in root.iter(f"{ns}a")] == ["../junior/", "../senior/"]
    assert root.find(f"{ns}script") is None
    assert "&lt;script&gt;x&lt;/script&gt; &amp; co" in svg


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_graph_labels_are_the_role_titles(lang: str) -> None:
    """A box reads as its role's title, as every list of roles writes it: the text of its lines
    was glued together ("Directeur businessdevelopment") in the search index and when copied."""
    from generator.i18n import Translator

    cat = load_catalog(SHIPPED_ROLES)
    t = Translator(lang, cat.default_language)
    root = ET.fromstring(career_svg(cat, career_graph(cat), lang, lambda r: f"../{r}/"))
    ns = "{http://www.w3.org/2000/svg}"
    labels = {(a.get("href") or "").strip("./"): "".join(a.itertext()) for a in root.iter(f"{ns}a")}
    assert labels == {role_id: t.text(role.title) for role_id, role in cat.roles.items()}


def test_graph_box_of_a_long_title_names_it_whole(write_roles: WriteRoles) -> None:
    long = "Coördinator verkoopondersteuning en binnendienst regio Zuid-Nederland"
    junior = JUNIOR.replace("title: {nl: Verkoper,", f"title: {{nl: {long},")
    cat = load_catalog(write_roles({"junior.yml": junior}))
    root = ET.fromstring(career_svg(cat, career_graph(cat), "nl", lambda r: f"../{r}/"))
    ns = "{http://www.w3.org/2000/svg}"
    box = next(a for a in root.iter(f"{ns}a") if a.get("href") == "../junior/")
    lines = [text.text or "" for text in box.iter(f"{ns}text")]
    assert len(lines) == 2 and lines[1].endswith("…")  # two lines at most, cut visibly
    assert box.findtext(f"{ns}title") == long  # the tooltip and the accessible name


def test_plan_command(write_roles: WriteRoles, runner: CliRunner) -> None:
    write_roles()
    result = runner.invoke(main, ["plan", "junior", "senior", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["from"], data["to"], data["total_gap"]) == ("junior", "senior", 4)
    text = runner.invoke(main, ["plan", "junior", "senior", "--lang", "en"])
    assert text.output.startswith("Development plan: From Salesperson to Senior salesperson\n")
    assert runner.invoke(main, ["plan", "junior", "nobody"]).exit_code == 2


@pytest.mark.slow
def test_plan_pdf(write_roles: WriteRoles, runner: CliRunner) -> None:
    from pathlib import Path

    from .test_pdf import pdf_text

    write_roles()
    result = runner.invoke(main, ["plan", "junior", "senior", "--format", "pdf"])
    assert result.exit_code == 0, result.output
    text = pdf_text(Path("plan-junior--senior.pdf").read_bytes())
    assert "Ontwikkelplan" in text and "Onderhandelen" in text and "Productkennis" in text


def test_no_arrow_hides_behind_a_role_box() -> None:
    """accountmanager leads to corporate and to key-accountmanager, one rung higher still: that
    arrow must go round corporate's box, not through it."""
    import re

    from generator.render.graph import NODE_H, NODE_W, _crosses, career_svg

    cat = load_catalog(REPO / "roles")
    svg = career_svg(cat, career_graph(cat), "nl", lambda _: None)
    boxes = [
        (int(x), int(y))
        for x, y in re.findall(
            rf'<rect x="(\d+)" y="(\d+)" width="{NODE_W}" height="{NODE_H}"', svg
        )
    ]
    number = r"([\d.]+),([\d.]+)"
    paths = re.findall(rf'<path d="M{number} C{number} {number} {number}"', svg)
    assert len(paths) >= 10 and len(boxes) == len(cat.roles)
    for path in paths:
        p = [float(v) for v in path]
        curve = ((p[0], p[1]), (p[2], p[3]), (p[4], p[5]), (p[6], p[7]))
        # strictly inside (pad -3): an arrow touches the edges of the two boxes it joins
        assert not _crosses(curve, boxes, pad=-3), path

"""The language-quality linter (generator.lint): one fixture per rule with the exact findings,
suppression, configuration, gender balance and the shipped roles."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.checks import load_catalog
from generator.errors import CatalogError, Location
from generator.lint import (
    RULES,
    Finding,
    LintConfig,
    RuleOverride,
    at_or_above,
    balance_score,
    fails,
    findings_json,
    lint_catalog,
    load_lint_config,
    summary_line,
    word_lists,
)
from generator.lint import readability as readability_module

from .conftest import JUNIOR, LIBRARY, REPO, SENIOR, SHIPPED_ROLES, WriteRoles

BASE_JUNIOR = JUNIOR.replace(
    "competencies:\n",
    "requirements:\n  education:\n    - {nl: Mbo-4, en: Vocational}\ncompetencies:\n",
    1,
).replace("status: published", "status: draft", 1)
"""The conftest junior with requirements, and a draft (a published role needs the formal fields),
so that the tiny catalog lints clean."""

ITEM = "      - {nl: Bellen, en: Calling}\n"
"""The one duty of the junior, on line 11; items added after it start on line 12."""

Lint = Callable[..., list[str]]


def replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def with_items(*items: str) -> str:
    """The junior with more duties, one per line from line 12 on."""
    return replace(BASE_JUNIOR, ITEM, ITEM + "".join(f"      - {item}\n" for item in items))


@pytest.fixture
def lint(write_roles: WriteRoles, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Lint:
    """Write the tiny catalog (with `files` on top), lint it, return the findings as text."""
    monkeypatch.chdir(tmp_path)

    def run(
        files: dict[str, str | None] | None = None,
        *,
        rules: set[str] | None = None,
        config: LintConfig | None = None,
    ) -> list[str]:
        root = write_roles({"junior.yml": BASE_JUNIOR, **(files or {})})
        cat = load_catalog(root)
        found = lint_catalog(cat, config if config is not None else load_lint_config(root))
        return [str(f) for f in found if rules is None or f.rule in rules]

    return run


def test_tiny_catalog_is_clean(lint: Lint) -> None:
    assert lint() == []


# --- gendered-pronoun --------------------------------------------------------------------------


def test_gendered_pronouns(lint: Lint) -> None:
    junior = with_items(
        "{nl: Hij belt en helpt hem., en: Calls.}",
        '{nl: Stuurt zijn team aan., en: "He calls his clients; she helps her team."}',
        "{nl: De doelen zijn behaald en zijn er., en: Done.}",
        "{nl: 'Zij is er; zij zijn er.', en: Here.}",
        "{nl: Bewaakt haar eigen planning., en: Plans.}",
    )
    nl = "(suggestion: use 'je', 'jij' or 'de medewerker')"
    possessive = "(suggestion: use 'je', 'jouw' or 'van de medewerker')"
    assert lint({"junior.yml": junior}, rules={"gendered-pronoun"}) == [
        f"roles/junior.yml:12:14: warning: gendered pronoun 'Hij' [gendered-pronoun] {nl}",
        "roles/junior.yml:12:32: warning: gendered pronoun 'hem' [gendered-pronoun] "
        "(suggestion: use 'je', 'jou' or 'de medewerker')",
        f"roles/junior.yml:13:21: warning: gendered pronoun 'zijn' [gendered-pronoun] {possessive}",
        "roles/junior.yml:13:42: warning: gendered pronoun 'He' [gendered-pronoun] "
        "(suggestion: use 'they' or 'you')",
        "roles/junior.yml:13:51: warning: gendered pronoun 'his' [gendered-pronoun] "
        "(suggestion: use 'their' or 'your')",
        "roles/junior.yml:13:64: warning: gendered pronoun 'she' [gendered-pronoun] "
        "(suggestion: use 'they' or 'you')",
        "roles/junior.yml:13:74: warning: gendered pronoun 'her' [gendered-pronoun] "
        "(suggestion: use 'their', 'them', 'your' or 'you')",
        # 'zijn behaald' and 'zijn er' are the verb; 'zij zijn' is the plural
        f"roles/junior.yml:15:15: warning: gendered pronoun 'Zij' [gendered-pronoun] {nl}",
        f"roles/junior.yml:16:22: warning: gendered pronoun 'haar' [gendered-pronoun] {possessive}",
    ]


# --- gendered-title ----------------------------------------------------------------------------


def test_gendered_titles(lint: Lint) -> None:
    junior = replace(
        with_items("{nl: Accountmanager en vakman of verkoopster, en: Managers and salesmen}"),
        "title: {nl: Verkoper, en: Salesperson}",
        "title: {nl: Verkoopman, en: Chairwoman}",
    )
    assert lint({"junior.yml": junior}, rules={"gendered-title"}) == [
        "roles/junior.yml:1:13: warning: gendered job title 'Verkoopman' [gendered-title] "
        "(suggestion: use 'verkoper' or 'verkoopmedewerker')",
        "roles/junior.yml:1:29: warning: gendered job title 'Chairwoman' [gendered-title] "
        "(suggestion: use 'chair' or 'chairperson')",
        "roles/junior.yml:12:32: warning: gendered job title 'vakman' [gendered-title] "
        "(suggestion: use 'vakspecialist' or 'vakkracht')",
        "roles/junior.yml:12:42: warning: gendered job title 'verkoopster' [gendered-title] "
        "(suggestion: use 'verkoper' or 'verkoopmedewerker')",
        "roles/junior.yml:12:72: warning: gendered job title 'salesmen' [gendered-title] "
        "(suggestion: use 'salespeople' or 'sales representatives')",
    ]


def test_manager_and_other_man_words_are_no_title(lint: Lint) -> None:
    junior = with_items(
        "{nl: Accountmanager en klantenservicemanager, en: Account manager with human acumen}",
        "{nl: Management en managers, en: 'German, Roman, woman, women'}",
    )
    assert lint({"junior.yml": junior}, rules={"gendered-title"}) == []


def test_title_suggestion_from_stem(lint: Lint) -> None:
    junior = with_items("{nl: Werkt als magazijnman., en: Works as a warehouseman.}")
    assert lint({"junior.yml": junior}, rules={"gendered-title"}) == [
        "roles/junior.yml:12:24: warning: gendered job title 'magazijnman' [gendered-title] "
        "(suggestion: use 'magazijnmedewerker')",
        "roles/junior.yml:12:53: warning: gendered job title 'warehouseman' [gendered-title] "
        "(suggestion: use 'warehouseperson')",
    ]


# --- gender-coded ------------------------------------------------------------------------------


def test_gender_coded_words_with_diacritics(lint: Lint) -> None:
    junior = with_items(
        "{nl: Werkt coöperatief en zelfstandig., en: Ambitious and self-confident.}",
        "{nl: Kent de hiërarchie., en: Co-operative.}",
    )
    assert lint({"junior.yml": junior}, rules={"gender-coded"}) == [
        "roles/junior.yml:12:20: info: feminine-coded word 'coöperatief' (stem 'coöperati') "
        "[gender-coded]",
        "roles/junior.yml:12:35: info: masculine-coded word 'zelfstandig' (stem 'zelfstandig') "
        "[gender-coded]",
        "roles/junior.yml:12:53: info: masculine-coded word 'Ambitious' (stem 'ambitio') "
        "[gender-coded]",
        "roles/junior.yml:12:67: info: masculine-coded word 'self-confident' (stem 'self-confiden') "
        "[gender-coded]",
        "roles/junior.yml:13:22: info: masculine-coded word 'hiërarchie' (stem 'hiërarch') "
        "[gender-coded]",
        "roles/junior.yml:13:39: info: feminine-coded word 'Co-operative' (stem 'co-operat') "
        "[gender-coded]",
    ]


def test_decomposed_diacritic_matches_at_the_value(lint: Lint) -> None:
    decomposed = "coo\u0308peratief"  # o + combining diaeresis, as some editors save it
    junior = with_items(f'{{nl: "Werkt {decomposed}.", en: Works.}}')
    assert lint({"junior.yml": junior}, rules={"gender-coded"}) == [
        "roles/junior.yml:12:14: info: feminine-coded word 'coöperatief' (stem 'coöperati') "
        "[gender-coded]",
    ]


def test_balance_score(write_roles: WriteRoles) -> None:
    junior = with_items(
        "{nl: Zelfstandig en resultaatgericht., en: 'Supportive, loyal, warm, honest and kind.'}",
    )
    cat = load_catalog(write_roles({"junior.yml": junior}))
    assert balance_score(cat, "junior", "nl") == ("masculine-coded", 2, 0)
    assert balance_score(cat, "junior", "en") == ("strongly feminine-coded", 0, 5)
    assert balance_score(cat, "senior", "nl") == ("masculine-coded", 2, 0)  # inherited
    assert balance_score(cat, "senior", "de") == ("neutral", 0, 0)


@pytest.mark.parametrize(
    ("masculine", "feminine", "label"),
    [
        (0, 0, "neutral"),
        (2, 2, "neutral"),
        (1, 0, "masculine-coded"),
        (3, 0, "masculine-coded"),
        (4, 0, "strongly masculine-coded"),
        (0, 3, "feminine-coded"),
        (1, 5, "strongly feminine-coded"),
    ],
)
def test_balance_labels_follow_gender_decoder(
    write_roles: WriteRoles, masculine: int, feminine: int, label: str
) -> None:
    words = ["ambitious"] * masculine + ["loyal"] * feminine
    junior = with_items(f"{{nl: Belt., en: '{' '.join(words) or 'Calls'}.'}}")
    cat = load_catalog(write_roles({"junior.yml": junior}))
    assert balance_score(cat, "junior", "en") == (label, masculine, feminine)


# --- age ---------------------------------------------------------------------------------------


def test_age_terms(lint: Lint) -> None:
    junior = with_items(
        "{nl: Jonge collega's werken met jongeren., en: A young team.}",
        "{nl: Maximaal 3 jaar werkervaring; starters welkom., en: No more than 5 years of relevant experience.}",
        "{nl: Leeftijd tussen 25 en 35 jaar; pas afgestudeerd., en: Recent graduates and digital natives.}",
    )
    level = "(suggestion: describe the team or the work, not the age of the people)"
    maximum = "(suggestion: ask for a minimum of experience, never a maximum)"
    graduate = "(suggestion: ask for the education, not for when it was completed)"
    assert lint({"junior.yml": junior}, rules={"age"}) == [
        # 'jongeren' (young people, e.g. as clients) is not about the candidate: not flagged
        f"roles/junior.yml:12:14: warning: age-excluding term 'Jonge' [age] {level}",
        f"roles/junior.yml:12:58: warning: age-excluding term 'young' [age] {level}",
        f"roles/junior.yml:13:14: warning: age-excluding term 'Maximaal 3 jaar werkervaring' [age] {maximum}",
        "roles/junior.yml:13:44: warning: age-excluding term 'starters' [age] (suggestion: "
        "describe the level of the role (for example a junior role), not the career stage of the candidate)",
        f"roles/junior.yml:13:66: warning: age-excluding term 'No more than 5 years of relevant experience' [age] {maximum}",
        "roles/junior.yml:14:14: warning: age-excluding term 'Leeftijd tussen 25 en 35 jaar' [age] "
        "(suggestion: remove the age requirement)",
        f"roles/junior.yml:14:45: warning: age-excluding term 'pas afgestudeerd' [age] {graduate}",
        f"roles/junior.yml:14:68: warning: age-excluding term 'Recent graduates' [age] {graduate}",
        "roles/junior.yml:14:89: warning: age-excluding term 'digital natives' [age] "
        "(suggestion: name the digital skills the role needs)",
    ]


def test_jong_only_as_a_word(lint: Lint) -> None:
    junior = with_items(
        "{nl: Begeleidt jongeren en jongerenwerkers bij Jongbloed., en: Coaches youngsters.}",
        "{nl: Werkt met minimaal 3 jaar ervaring., en: At least 3 years of experience.}",
    )
    assert lint({"junior.yml": junior}, rules={"age"}) == []


# --- completeness ------------------------------------------------------------------------------


def test_completeness(lint: Lint) -> None:
    junior = replace(BASE_JUNIOR, "summary: {nl: Verkoopt., en: Sells.}", "summary: Verkoopt.")
    junior = replace(junior, "purpose: {nl: Omzet., en: Revenue.}", "purpose: {nl: Omzet.}")
    junior = junior.split("onboarding:")[0] + "career:\n  next: [senior]\n"
    library = replace(LIBRARY["competencies.yml"], "              3: {nl: drie, en: three}\n", "")
    found = lint(
        {"junior.yml": junior, "library/competencies.yml": library}, rules={"completeness"}
    )
    assert found == [
        "roles/junior.yml:1:1: warning: no role-specific onboarding items [completeness]",
        "roles/junior.yml:6:10: warning: no 'en' text in summary [completeness]",
        "roles/junior.yml:7:10: warning: no 'en' text in purpose [completeness]",
        "roles/library/competencies.yml:8:5: warning: competency 'onderhandelen' has no "
        "descriptor in every language for level 3 of scale 'standaard' (used by junior, senior) "
        "[completeness]",
        "roles/senior.yml:1:1: warning: no role-specific onboarding items [completeness]",
    ]


def test_completeness_of_sections(lint: Lint) -> None:
    junior = replace(JUNIOR, "career:\n  next: [senior]\n", "career:\n  next: []\n")
    junior = replace(
        junior, "competencies:\n  - {id: onderhandelen, level: 1}\n", "competencies: []\n"
    )
    assert lint({"junior.yml": junior}, rules={"completeness"}) == [
        "roles/junior.yml:1:1: warning: no requirements: fill at least one of education, "
        "experience, knowledge, skills, traits, optional [completeness]",
        "roles/junior.yml:12:1: warning: no competencies [completeness]",
        "roles/junior.yml:17:1: warning: no next role in career.next and no career.note "
        "[completeness]",
        # the senior inherits the (empty) requirements; it has competencies and a career note
        "roles/senior.yml:1:1: warning: no requirements: fill at least one of education, "
        "experience, knowledge, skills, traits, optional [completeness]",
    ]


# --- consistency -------------------------------------------------------------------------------


def test_consistency(lint: Lint) -> None:
    junior = replace(
        with_items("{nl: Bellen, en: Calling}"),
        "training:",
        "rights:\n  - {nl: bellen., en: Make calls}\nkpis:\n  - name: {nl: Omzet, en: Revenue}\n    measure: {nl: omzet., en: Revenue per quarter from the CRM}\ntraining:",
    )
    junior = replace(
        junior,
        "  - {id: onderhandelen, level: 1}\n",
        "  - {id: onderhandelen, level: 1}\n  - {id: productkennis, level: 3}\n",
    )
    senior = replace(
        SENIOR,
        "      - {nl: Coachen, en: Coaching}\n",
        "      - {nl: Coachen, en: Coaching}\n      - {nl: Bellen., en: Phoning}\n",
    )
    assert lint({"junior.yml": junior, "senior.yml": senior}, rules={"consistency"}) == [
        "roles/junior.yml:12:14: warning: duplicate item: same text as duties[0].items[0] "
        "(nl, en) [consistency] (suggestion: remove one of the two)",
        "roles/junior.yml:20:10: warning: duplicate item: same text as duties[0].items[0] (nl) "
        "[consistency] (suggestion: remove one of the two)",
        "roles/junior.yml:23:19: warning: KPI measure repeats the KPI name (nl) [consistency] "
        "(suggestion: say how, how often and from which source it is measured)",
        "roles/senior.yml:11:14: warning: repeats duties[0].items[0] of parent 'junior', which "
        "this role already inherits [consistency] (suggestion: remove it here)",
        "roles/senior.yml:14:32: warning: 'senior' requires 'productkennis' at level 2, below "
        "level 3 of 'junior', a lower rung of family 'verkoop' [consistency] "
        "(suggestion: require at least level 3)",
    ]


def test_inherited_ladder_inversion_is_reported_in_the_child(lint: Lint) -> None:
    junior = replace(
        BASE_JUNIOR,
        "  - {id: onderhandelen, level: 1}\n",
        "  - {id: onderhandelen, level: 1}\n  - {id: productkennis, level: 1}\n",
    )
    middle = replace(
        SENIOR, "  - {id: productkennis, level: 2}\n", "  - {id: productkennis, level: 3}\n"
    )
    top = replace(
        replace(SENIOR, "level: 2\n", "level: 3\n"), "  - {id: productkennis, level: 2}\n", ""
    )
    families = replace(LIBRARY["families.yml"], "[junior, senior]", "[junior, senior, top]")
    found = lint(
        {
            "junior.yml": junior,
            "senior.yml": middle,
            "top.yml": top,
            "library/families.yml": families,
        },
        rules={"consistency"},
    )
    assert found == [
        "roles/top.yml:11:1: warning: 'top' requires 'productkennis' at level 1 (inherited from "
        "'junior'), below level 3 of 'senior', a lower rung of family 'verkoop' [consistency] "
        "(suggestion: require at least level 3)",
    ]


# --- readability -------------------------------------------------------------------------------

LONG = " ".join(["woord"] * 26)


def test_long_sentence(lint: Lint) -> None:
    junior = with_items(f"{{nl: Kort. {LONG}., en: Short.}}")
    assert lint({"junior.yml": junior}, rules={"readability"}) == [
        "roles/junior.yml:12:20: info: sentence of 26 words (more than 25) [readability] "
        "(suggestion: split it into shorter sentences)",
    ]
    assert (
        lint(
            {"junior.yml": junior}, rules={"readability"}, config=LintConfig(max_sentence_words=30)
        )
        == []
    )


def _long_purpose() -> str:
    sentence = "De medewerker belt klanten en maakt een afspraak voor een gesprek."
    return replace(
        BASE_JUNIOR,
        "purpose: {nl: Omzet., en: Revenue.}",
        f"purpose: {{nl: {' '.join([sentence] * 12)}, en: Revenue.}}",
    )


def test_reading_ease_score(lint: Lint) -> None:
    pytest.importorskip("textstat")
    found = lint({"junior.yml": _long_purpose()}, rules={"readability"})
    # one score per role with 100 words or more in a language: the senior inherits the purpose
    assert [f.split(": info: ")[0] for f in found] == [
        "roles/junior.yml:1:13",
        "roles/senior.yml:1:13",
    ]
    for finding in found:
        assert re.fullmatch(
            r"roles/\w+\.yml:1:13: info: Flesch-Douma reading ease \d+ \((very |fairly )?(easy|"
            r"plain|difficult)\) for the nl text of this role \(1\d\d words\) \[readability\]",
            finding,
        ), finding


def test_without_textstat_only_the_score_is_skipped(
    lint: Lint, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readability_module, "_textstat", lambda: None)
    junior = replace(_long_purpose(), ITEM, ITEM + f"      - {{nl: {LONG}., en: Short.}}\n")
    assert lint({"junior.yml": junior}, rules={"readability"}) == [
        "roles/junior.yml:12:14: info: sentence of 26 words (more than 25) [readability] "
        "(suggestion: split it into shorter sentences)",
    ]


def test_readability_band() -> None:
    assert [readability_module.band(s) for s in (95, 65, 45, 10)] == [
        "very easy",
        "plain",
        "difficult",
        "very difficult",
    ]


# --- positions ---------------------------------------------------------------------------------


def test_positions_in_quoted_and_block_scalars(lint: Lint) -> None:
    junior = replace(
        BASE_JUNIOR,
        "summary: {nl: Verkoopt., en: Sells.}\n",
        "summary:\n"
        "  nl: 'Het is ''n klant van zijn team; hij belt.'\n"
        '  en: "A \\"quote\\": he calls."\n',
    )
    junior = replace(
        junior,
        "purpose: {nl: Omzet., en: Revenue.}\n",
        "purpose:\n  nl: |\n    Omzet.\n    Hij belt.\n  en: >\n    Revenue,\n    he calls.\n",
    )
    assert lint({"junior.yml": junior}, rules={"gendered-pronoun"}) == [
        "roles/junior.yml:7:29: warning: gendered pronoun 'zijn' [gendered-pronoun] "
        "(suggestion: use 'je', 'jouw' or 'van de medewerker')",
        "roles/junior.yml:7:40: warning: gendered pronoun 'hij' [gendered-pronoun] "
        "(suggestion: use 'je', 'jij' or 'de medewerker')",
        "roles/junior.yml:8:21: warning: gendered pronoun 'he' [gendered-pronoun] "
        "(suggestion: use 'they' or 'you')",
        "roles/junior.yml:12:5: warning: gendered pronoun 'Hij' [gendered-pronoun] "
        "(suggestion: use 'je', 'jij' or 'de medewerker')",
        # a folded block is joined from several lines: the finding points at the value
        "roles/junior.yml:13:7: warning: gendered pronoun 'he' [gendered-pronoun] "
        "(suggestion: use 'they' or 'you')",
    ]


# --- suppression -------------------------------------------------------------------------------

PRONOUN_ITEM = "{nl: Hij belt., en: Calls.}"


def test_suppress_in_lint_yml(lint: Lint) -> None:
    junior = with_items(PRONOUN_ITEM)
    config = """\
        suppress:
          - rule: gendered-pronoun
            role: junior
            reason: "Citeert de cao letterlijk."
        """
    assert lint({"junior.yml": junior}, rules={"gendered-pronoun"}) != []
    assert lint({"junior.yml": junior, "library/lint.yml": config}) == []


def test_suppress_in_lint_yml_is_per_role_file(lint: Lint) -> None:
    senior = replace(
        SENIOR, "      - {nl: Coachen, en: Coaching}\n", "      - {nl: Coacht hem., en: Coaches.}\n"
    )
    config = """\
        suppress:
          - {rule: gendered-pronoun, role: junior, reason: Citaat.}
        """
    assert lint({"senior.yml": senior, "library/lint.yml": config}) == [
        "roles/senior.yml:10:21: warning: gendered pronoun 'hem' [gendered-pronoun] "
        "(suggestion: use 'je', 'jou' or 'de medewerker')",
    ]


def test_suppress_on_the_line(lint: Lint) -> None:
    junior = with_items(
        PRONOUN_ITEM + '  # rolebook-lint: disable=gendered-pronoun reason="quotes the cao"',
    )
    assert lint({"junior.yml": junior}) == []


def test_suppress_next_line_and_several_rules(lint: Lint) -> None:
    junior = replace(
        BASE_JUNIOR,
        ITEM,
        ITEM
        + "      # rolebook-lint: disable-next-line=gendered-pronoun, age reason='legal text'\n"
        + "      - {nl: Hij is jong., en: Calls.}\n",
    )
    assert lint({"junior.yml": junior}) == []


def test_suppression_without_reason_is_reported(lint: Lint) -> None:
    junior = with_items(PRONOUN_ITEM + "  # rolebook-lint: disable=gendered-pronoun")
    assert lint({"junior.yml": junior}) == [
        "roles/junior.yml:12:38: warning: rolebook-lint disable without a reason "
        '[suppression-reason] (suggestion: add reason="..." to say why the text is acceptable)',
    ]


def test_suppression_of_unknown_rule_is_reported(lint: Lint) -> None:
    junior = with_items(PRONOUN_ITEM + '  # rolebook-lint: disable=gendered-pronouns reason="x"')
    assert lint({"junior.yml": junior}) == [
        "roles/junior.yml:12:14: warning: gendered pronoun 'Hij' [gendered-pronoun] "
        "(suggestion: use 'je', 'jij' or 'de medewerker')",
        "roles/junior.yml:12:38: warning: unknown rule 'gendered-pronouns' in rolebook-lint "
        "comment [suppression-unknown] (suggestion: did you mean 'gendered-pronoun'?)",
    ]


# --- configuration -----------------------------------------------------------------------------


def test_config_overrides_and_fail_level(write_roles: WriteRoles) -> None:
    junior = with_items("{nl: Hij is jong en zelfstandig., en: Calls.}")
    config = """\
        fail_level: error
        max_sentence_words: 40
        rules:
          gender-coded: {severity: warning}
          age: {enabled: false}
        """
    root = write_roles({"junior.yml": junior, "library/lint.yml": config})
    cfg = load_lint_config(root)
    assert cfg.fail_level == "error"
    assert cfg.max_sentence_words == 40
    found = lint_catalog(load_catalog(root), cfg)
    assert [(f.rule, f.severity) for f in found] == [
        ("gendered-pronoun", "warning"),
        ("gender-coded", "warning"),
    ]
    assert not fails(found, cfg)
    assert fails(found, LintConfig())
    errors = LintConfig(rules={"gendered-pronoun": RuleOverride(severity="error")})
    assert fails(lint_catalog(load_catalog(root), errors), cfg)
    assert at_or_above(found, "info") == found
    assert at_or_above(found, "error") == []


def test_missing_config_file_gives_defaults(write_roles: WriteRoles) -> None:
    config = load_lint_config(write_roles())
    assert config == LintConfig()
    assert config.fail_level == "warning"
    assert {rule: config.severity(rule) for rule in RULES} == {
        "gendered-pronoun": "warning",
        "gendered-title": "warning",
        "gender-coded": "info",
        "age": "warning",
        "completeness": "warning",
        "consistency": "warning",
        "readability": "info",
        "calque": "warning",
        "legal-risk": "warning",
        "formal-fields": "warning",
        "length": "warning",
        "competency-level": "warning",
        "interview-topic": "error",
        "vacancy-readability": "warning",
        "suppression-reason": "warning",
        "suppression-unknown": "warning",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "rules:\n  gender-code: {severity: warning}\n",
            "roles/library/lint.yml:2:3: error: unknown rule 'gender-code' "
            "(did you mean 'gender-coded'?)",
            id="unknown-rule",
        ),
        pytest.param(
            "rules:\n  age: {severity: fatal}\n",
            "roles/library/lint.yml:2:19: error: expected one of: 'error', 'warning' or 'info', "
            "but got 'fatal'",
            id="bad-severity",
        ),
        pytest.param(
            "suppress:\n  - {rule: age, role: junior}\n",
            "roles/library/lint.yml:2:5: error: missing required field 'reason'",
            id="no-reason",
        ),
        pytest.param(
            "suppress:\n  - {rule: age, role: junior, reason: '  '}\n",
            "roles/library/lint.yml:2:39: error: 'reason': string should have at least 1 character",
            id="blank-reason",
        ),
        pytest.param(
            "suppress:\n  - {rule: age, role: nobody, reason: x}\n",
            "roles/library/lint.yml:2:23: error: unknown role 'nobody'",
            id="unknown-role",
        ),
        pytest.param(
            "fail_level: warning\nfail_levle: error\n",
            "roles/library/lint.yml:2:1: error: unknown field 'fail_levle' "
            "(did you mean 'fail_level'?)",
            id="unknown-field",
        ),
        pytest.param(
            "fail_level: [\n",
            "roles/library/lint.yml:2:1: error: invalid YAML: expected the node content, but "
            "found '<stream end>' (while parsing a flow node at line 2)",
            id="syntax",
        ),
    ],
)
def test_bad_config_file(
    write_roles: WriteRoles,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    text: str,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    root = write_roles({"library/lint.yml": text})
    with pytest.raises(CatalogError) as caught:
        load_lint_config(root)
    assert [str(d) for d in caught.value.diagnostics] == [expected]


# --- findings ----------------------------------------------------------------------------------


def test_finding_text_and_dict() -> None:
    finding = Finding(Location("roles/a.yml", 3, 7), "warning", "age", "age-excluding term 'jong'")
    assert str(finding) == "roles/a.yml:3:7: warning: age-excluding term 'jong' [age]"
    hinted = Finding(finding.location, "info", "readability", "long", "split it")
    assert str(hinted) == "roles/a.yml:3:7: info: long [readability] (suggestion: split it)"
    assert hinted.as_dict() == {
        "path": "roles/a.yml",
        "line": 3,
        "col": 7,
        "severity": "info",
        "rule": "readability",
        "message": "long",
        "suggestion": "split it",
    }
    assert json.loads(findings_json([finding, hinted]))[1] == hinted.as_dict()
    assert summary_line([finding, hinted], 2) == "2 roles linted: 0 errors, 1 warning, 1 info"


# --- the shipped roles and the docs ------------------------------------------------------------

KNOWN_SHIPPED_WARNINGS: list[str] = []  # the shipped roles lint clean at warning level


def test_shipped_roles_at_warning_level(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    cat = load_catalog(SHIPPED_ROLES)
    config = load_lint_config(SHIPPED_ROLES)
    found = lint_catalog(cat, config)
    serious = [str(f) for f in found if config.fails(f.severity)]
    assert serious == KNOWN_SHIPPED_WARNINGS
    assert all(f.severity == "info" for f in found if str(f) not in serious)


def test_docs_document_every_rule_and_list_size() -> None:
    sizes = word_lists().sizes()
    assert sizes["gender-coded.en.yml:masculine"] == 52
    assert sizes["gender-coded.en.yml:feminine"] == 50
    for lang in ("en", "nl"):
        page = (REPO / "docs" / lang / "hr" / "lint.md").read_text(encoding="utf-8")
        for rule in RULES:
            assert f"`{rule}`" in page, f"docs/{lang}/hr/lint.md: rule {rule}"
        for key, size in sizes.items():
            name, _, part = key.partition(":")
            assert re.search(rf"`{re.escape(name)}`[^\n]*\b{part}\b[^\n]*\| {size} \|", page), (
                f"docs/{lang}/hr/lint.md: size of {key} ({size})"
            )


# --- the formal job description -----------------------------------------------------------------


def test_calques_and_leftovers(lint: Lint) -> None:
    junior = with_items(
        "{nl: Stuurt een fax naar de klant., en: Works within the own mandate.}",
        "{nl: Gaat naar tentoonstellingen., en: Behaves socially.}",
    )
    assert lint({"junior.yml": junior}, rules={"calque"}) == [
        "roles/junior.yml:12:25: warning: 'fax' reads as a leftover or calque [calque] "
        "(suggestion: dat kanaal bestaat in de praktijk niet meer: noem telefoon, e-mail of chat)",
        "roles/junior.yml:12:55: warning: 'within the own' reads as a leftover or calque [calque] "
        "(suggestion: 'within their')",
        "roles/junior.yml:12:62: warning: 'the own' reads as a leftover or calque [calque] "
        "(suggestion: say whose: 'their', 'the organisation's', or leave it out)",
        "roles/junior.yml:13:24: warning: 'tentoonstellingen' reads as a leftover or calque "
        "[calque] (suggestion: 'beurzen' of 'vakbeurzen')",
        "roles/junior.yml:13:48: warning: 'Behaves socially' reads as a leftover or calque "
        "[calque] (suggestion: 'behaves professionally')",
    ]


def test_legal_risks(lint: Lint) -> None:
    junior = with_items(
        "{nl: Is aansprakelijk voor alle schade., en: Is liable for any damage caused.}",
        "{nl: Alleen aansprakelijk voor schade bij opzet of bewuste roekeloosheid., "
        "en: Liable for damage only in case of intent or conscious recklessness.}",
        "{nl: Heeft een proeftijd van drie maanden., en: A probation period of 2 months.}",
        "{nl: Is maximaal 35 jaar oud., en: Candidates under 30 preferred.}",
    )
    found = lint({"junior.yml": junior}, rules={"legal-risk"})
    assert [f.split(": warning: ")[0] for f in found] == [
        "roles/junior.yml:12:17",
        "roles/junior.yml:12:57",
        "roles/junior.yml:14:24",
        "roles/junior.yml:15:17",
        "roles/junior.yml:15:55",
    ]
    assert "art. 7:661 BW" in found[0] and "3 months is longer than art. 7:652 BW" in found[2]
    assert "age limit 'maximaal 35 jaar'" in found[3] and "age limit 'under 30'" in found[4]


def test_a_published_role_needs_the_formal_fields(lint: Lint) -> None:
    published = BASE_JUNIOR.replace("status: draft", "status: published", 1)
    assert lint({"junior.yml": published}, rules={"formal-fields"}) == [
        "roles/junior.yml:5:82: warning: published role without grade, hours, location, "
        "result_areas, mandates: its job description cannot be signed as it is [formal-fields] "
        "(suggestion: add them, or set meta.status to draft)"
    ]


def test_a_long_purpose_is_reported(lint: Lint) -> None:
    words = " ".join(["woord"] * 61)
    junior = replace(
        BASE_JUNIOR,
        "purpose: {nl: Omzet., en: Revenue.}",
        f"purpose: {{nl: {words}., en: Revenue.}}",
    )
    assert lint({"junior.yml": junior}, rules={"length"}) == [
        "roles/junior.yml:7:10: warning: purpose has 61 words (nl); a job description states it "
        "in at most 60 [length] (suggestion: move background to the summary)"
    ]


def test_a_result_area_that_negotiates_needs_negotiation_at_three(lint: Lint) -> None:
    library = LIBRARY["competencies.yml"].replace(
        "          - id: onderhandelen\n",
        "          - id: onderhandelen\n"
        "            demands: [{level: 3, words: {nl: [onderhandel], en: [negotiat]}}]\n",
        1,
    )
    assert library != LIBRARY["competencies.yml"]
    area = (
        "result_areas:\n  - id: deals\n    name: {nl: Deals, en: Deals}\n"
        "    result: {nl: Getekend., en: Signed.}\n"
        "    activities: [{nl: Onderhandelt over prijzen., en: Negotiates prices.}]\n"
    )
    junior = replace(BASE_JUNIOR, "competencies:\n", area + "competencies:\n")
    found = lint(
        {"junior.yml": junior, "library/competencies.yml": library}, rules={"competency-level"}
    )
    assert len(found) == 1 and found[0].startswith("roles/junior.yml:")
    assert (
        "result area 'deals' asks for Onderhandelen at level 3 or higher; the role requires 1"
        in found[0]
    )
    raised = junior.replace("{id: onderhandelen, level: 1}", "{id: onderhandelen, level: 3}")
    assert raised != junior
    assert (
        lint(
            {"junior.yml": raised, "library/competencies.yml": library}, rules={"competency-level"}
        )
        == []
    )

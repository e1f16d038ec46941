"""Property-based tests: whatever the input, the loader answers with its own diagnostics only.

Profiles: `ci` (default, fixed seed, quick) and `long` (HYPOTHESIS_PROFILE=long, for local runs).
Failing examples found are kept as regression cases in tests/fixtures/fuzz/.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks import check_catalog
from generator.errors import Diagnostic
from generator.load import parse_text

from .conftest import JUNIOR, LIBRARY, SHIPPED_ROLES

settings.register_profile(
    "ci",
    max_examples=150,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "long",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REGRESSIONS = Path(__file__).parent / "fixtures" / "fuzz"


def _seed_texts() -> list[str]:
    texts = [JUNIOR]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SHIPPED_ROLES.glob("*.yml"))[:4]]
    return texts


SEEDS = _seed_texts()


@st.composite
def mutated(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(SEEDS)).splitlines()
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "indent", "dedent", "flip", "unicode", "truncate"]
            )
        )
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "indent":
            lines[i] = "  " + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip()
        elif op == "flip":
            key, sep, _ = lines[i].partition(":")
            value = draw(
                st.sampled_from(
                    [
                        "1",
                        "-3",
                        "true",
                        "null",
                        "[]",
                        "{}",
                        "[a, b]",
                        "'x'",
                        "2026-13-40",
                        "{nl: 1}",
                        "1.5e3",
                        "~",
                    ]
                )
            )
            lines[i] = f"{key}: {value}" if sep else value
        elif op == "unicode":
            pos = draw(st.integers(0, len(lines[i])))
            junk = draw(st.text(min_size=1, max_size=5))
            lines[i] = lines[i][:pos] + junk + lines[i][pos:]
        else:
            lines[i] = lines[i][: draw(st.integers(0, len(lines[i])))]
    return "\n".join(lines) + "\n"


def _assert_own_diagnostics(root: Path, text: str) -> None:
    (root / "junior.yml").write_text(text, encoding="utf-8", errors="surrogatepass")
    _, diagnostics, _ = check_catalog(root)
    assert all(isinstance(d, Diagnostic) for d in diagnostics)
    for d in diagnostics:
        assert d.location.line >= 1 and d.location.col >= 1
        assert "Traceback" not in d.message


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "roles"
    (root / "library").mkdir(parents=True)
    import textwrap

    for name, text in LIBRARY.items():
        (root / "library" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return root


@given(mutated())
def test_mutated_roles_give_diagnostics_only(fuzz_root: Path, text: str) -> None:
    _assert_own_diagnostics(fuzz_root, text)


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=20,
)


@given(yaml_values)
def test_arbitrary_yaml_gives_diagnostics_only(fuzz_root: Path, value: object) -> None:
    _assert_own_diagnostics(fuzz_root, yaml.safe_dump(value, allow_unicode=True))


@given(st.text(max_size=300))
def test_arbitrary_text_parses_or_reports(text: str) -> None:
    source, problems = parse_text(text, "x.yml")
    assert source is not None or problems


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*.yml")), ids=lambda p: p.name)
def test_regressions(fuzz_root: Path, path: Path) -> None:
    _assert_own_diagnostics(fuzz_root, path.read_text(encoding="utf-8"))


def _careful_and_fast(text: str) -> None:
    """libyaml composes for speed; wherever it answers, the answer is the careful composer's."""
    from generator import load

    careful = load._parse_careful(text, "x.yml", None)
    try:
        node = load._compose_fast(text)
    except load._Unsure:
        return
    fast = load._built(node, "x.yml", None)
    assert fast[1] == careful[1]
    assert (fast[0] is None) == (careful[0] is None)
    if fast[0] is not None and careful[0] is not None:
        assert fast[0].data == careful[0].data
        assert fast[0].values == careful[0].values
        assert fast[0].keys == careful[0].keys


@given(mutated())
def test_fast_composer_agrees_on_mutated_roles(text: str) -> None:
    _careful_and_fast(text)


@given(yaml_values)
def test_fast_composer_agrees_on_arbitrary_yaml(value: object) -> None:
    _careful_and_fast(yaml.safe_dump(value, allow_unicode=True))


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!python/object {}\n",
        "a: 1\n---\nb: 2\n",
        "a:\n\t- 1\n",
        "a: b\u2028c: d\n",
        "",
        "# only a comment\n",
        "[" * 40 + "]" * 40,
        *[p.read_text(encoding="utf-8") for p in sorted(SHIPPED_ROLES.rglob("*.yml"))],
        *[p.read_text(encoding="utf-8") for p in sorted(REGRESSIONS.glob("*.yml"))],
    ],
)
def test_fast_composer_agrees_on_known_cases(text: str) -> None:
    _careful_and_fast(text)


@pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML without libyaml")
def test_plain_role_files_take_the_fast_path() -> None:
    from generator import load

    for path in sorted(SHIPPED_ROLES.rglob("*.yml")):
        assert load._compose_fast(path.read_text(encoding="utf-8")) is not None, path

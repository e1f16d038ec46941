"""`rolebook init`: a new project, ready to check and build. The files come from the templates
in `starter/templates/` (package data), rendered with Jinja2 in the languages chosen: every text
of the library and the example role is written in those languages only, comments and the
README in the first (the default) language. Ids follow the default language too, so an English
project has `customer-service`, not `klantenservice`.

Writing never overwrites: each file is created exclusively, and what is in the way is skipped
and reported."""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..schema import all_schemas, schema_text

LANGUAGES = ("nl", "en")
"""The languages the starter has texts for (and Rolebook has labels for)."""
TEMPLATES = Path(__file__).parent / "templates"
ENGLISH_IDS = {
    "standaard": "standard",
    "samenwerken": "collaboration",
    "zakelijke-communicatie": "business-communication",
    "probleemoplossend-vermogen": "problem-solving",
    "resultaatgerichtheid": "results-orientation",
    "organisatievermogen": "organisational-skills",
    "leergierigheid": "eagerness-to-learn",
    "stressbestendigheid": "stress-resilience",
    "klantenservice": "customer-service",
    "klantenservicemedewerker": "customer-service-representative",
    "inwerkprogramma": "induction-programme",
    "klachtenbehandeling": "complaint-handling",
    "online-bijscholing": "online-learning",
    "voor-start": "before-start",
    "dag-1": "day-1",
    "maand-1": "month-1",
    "maand-3": "month-3",
    "vragen": "questions",
    "klachten": "complaints",
    "verbetering": "improvement",
}
"""The starter's Dutch ids and their English ones, for a project whose default is English."""
LANGUAGE_NAMES = {
    "nl": {"nl": "het Nederlands", "en": "het Engels", "and": "en"},
    "en": {"nl": "Dutch", "en": "English", "and": "and"},
}
DEFAULT_ORGANISATION = {"nl": "Mijn organisatie", "en": "My organisation"}


@dataclass(frozen=True)
class Project:
    """What `rolebook init` was asked for."""

    organisation: str
    languages: tuple[str, ...]
    example: bool = True
    today: dt.date = field(default_factory=dt.date.today)
    requirement: str = '"rolebook"'
    """What the CI files and the README install, as a pip argument (quoted for the shell)."""
    shards: int = 1
    """The machines the CI files build the site on (see `rolebook build --shard`)."""

    @property
    def default(self) -> str:
        return self.languages[0]


def _quote(text: str) -> str:
    """A double-quoted YAML scalar (JSON's string syntax is YAML's)."""
    return json.dumps(text, ensure_ascii=False)


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,  # YAML and Markdown, quoted by the helpers where needed
    )


def ident(project: Project, dutch: str) -> str:
    """A starter id in the project's default language."""
    return dutch if project.default == "nl" else ENGLISH_IDS.get(dutch, dutch)


def _helpers(project: Project, page_lang: str) -> dict[str, object]:
    languages = project.languages

    def text(**texts: str) -> str:
        """A text in the chosen languages, always as a mapping: organisation.yml is read before
        its default language is known, so a plain string there would count as Dutch."""
        return "{" + ", ".join(f"{lang}: {_quote(texts[lang])}" for lang in languages) + "}"

    def say(**texts: str) -> str:
        """Prose in the default language (comments, the README)."""
        return texts[project.default]

    def comment(indent: int = 0, **texts: str) -> str:
        lines = textwrap.wrap(say(**texts), width=98 - indent)
        return "\n".join(" " * indent * (i > 0) + "# " + line for i, line in enumerate(lines))

    names = LANGUAGE_NAMES[page_lang]
    listed = [names[lang] for lang in languages]
    language_names = (
        listed[0] if len(listed) == 1 else f"{', '.join(listed[:-1])} {names['and']} {listed[-1]}"
    )
    return {
        "t": text,
        "say": say,
        "comment": comment,
        "id": lambda dutch: ident(project, dutch),
        "q": _quote,
        "organisation": project.organisation,
        "languages": list(languages),
        "default": project.default,
        "example": project.example,
        "today": project.today.isoformat(),
        "requirement": project.requirement,
        "shards": project.shards,
        "language_names": language_names,
        "lang": page_lang,
    }


def _render(name: str, project: Project, page_lang: str | None = None) -> str:
    values = _helpers(project, page_lang or project.default)
    return _environment().get_template(name).render(**values)


def starter_files(project: Project) -> dict[str, str]:
    """Every file of a new project: its path (relative, with /) and its text."""
    files: dict[str, str] = {}
    for lang in project.languages:
        name = "mkdocs.yml" if lang == project.default else f"mkdocs.{lang}.yml"
        files[name] = _render("mkdocs.yml.j2", project, lang)
    for name in ("organisation", "scales", "competencies", "families", "training", "onboarding"):
        files[f"roles/library/{name}.yml"] = _render(f"library/{name}.yml.j2", project)
    if project.example:
        files[f"roles/{ident(project, 'klantenservicemedewerker')}.yml"] = _render(
            "roles/example.yml.j2", project
        )
    for lang in project.languages:
        for page in ("index", "new-hires", "managers", "hr"):
            files[f"docs/{lang}/{page}.md"] = _render(f"docs/{page}.{lang}.md.j2", project, lang)
    files["README.md"] = _render(f"README.{project.default}.md.j2", project)
    files[".gitignore"] = _render("gitignore.j2", project)
    files[".github/workflows/site.yml"] = _render("github-site.yml.j2", project)
    files[".gitlab-ci.yml"] = _render("gitlab-ci.yml.j2", project)
    for name, schema in all_schemas().items():  # the role files' first line points here
        files[f"schema/{name}"] = schema_text(schema)
    return files


def write_files(folder: Path, files: dict[str, str]) -> tuple[list[Path], list[Path]]:
    """Create each file under `folder`; returns (written, skipped because it exists)."""
    written, skipped = [], []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with path.open("x", encoding="utf-8") as handle:
                handle.write(text)
        except FileExistsError:
            skipped.append(path)
            continue
        written.append(path)
    return written, skipped

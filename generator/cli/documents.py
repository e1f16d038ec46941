"""`rolebook onboarding`, `assess`, `plan` and `export`: documents for one role or the catalog."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from ..errors import display_path
from ..i18n import Translator
from . import (
    _emit,
    _role_and_lang,
    lang_option,
    main,
    output_option,
    require_catalog,
    roles_dir_option,
    write_document,
    write_print,
)


@main.command()
@click.argument("role_id")
@click.option(
    "--start",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The start date, YYYY-MM-DD (needed for ics).",
)
@click.option(
    "--format", "fmt", type=click.Choice(["md", "ics", "pdf"]), default="md", show_default=True
)
@lang_option
@output_option("Write to this file (default: standard output; pdf: ROLE_ID.onboarding.pdf).")
@roles_dir_option
def onboarding(
    role_id: str,
    start: dt.datetime | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
    roles_dir: Path,
) -> None:
    """The onboarding checklist of a role: Markdown, a calendar file or a fillable PDF."""
    from ..onboarding import calendar, checklist, checklist_markdown

    cat = require_catalog(roles_dir)
    role_id, lang = _role_and_lang(cat, role_id, lang)
    items = checklist(cat, cat.roles[role_id])
    start_date = start.date() if start else None
    if start_date is not None and (problem := items.date_range_error(start_date)):
        raise click.BadParameter(f"{start_date}: {problem}", param_hint="'--start'")
    if fmt == "pdf":
        write_document(
            cat, "onboarding", (role_id,), lang, output or Path(f"{role_id}.onboarding.{lang}.pdf")
        )
        return
    if fmt == "ics":
        if start_date is None:
            raise click.UsageError("--format ics needs --start YYYY-MM-DD")
        data = calendar(items, start_date, lang, cat.default_language)
    else:
        data = checklist_markdown(items, start_date, lang, cat.default_language).encode()
    if output is None:
        click.echo(data.decode(), nl=False)
    else:
        output.write_bytes(data)
        click.echo(f"wrote {display_path(output)}", err=True)


@main.command()
@click.argument("role_id")
@click.argument("answers", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--against", default=None, help="Compare with this role (default: ROLE_ID).")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "pdf"]), default="text", show_default=True
)
@lang_option
@output_option("Write to this file (pdf default: assessment-ROLE_ID.pdf).")
@roles_dir_option
def assess(
    role_id: str,
    answers: Path,
    against: str | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
    roles_dir: Path,
) -> None:
    """The gap report of a self-assessment exported from the site (JSON) or written in YAML."""
    from ..answers import assessment_gap, read_assessment
    from ..errors import CatalogError

    cat = require_catalog(roles_dir)
    role_id, lang = _role_and_lang(cat, role_id, lang)
    if against is not None and against not in cat.roles:
        raise click.BadParameter(f"no role '{against}'", param_hint="--against")
    try:
        data = read_assessment(answers, cat, role_id)
    except CatalogError as exc:
        for diag in exc.diagnostics:
            click.echo(str(diag), err=True)
        raise SystemExit(1) from None
    target = against or role_id
    result = assessment_gap(cat, data, target)
    t = Translator(lang, cat.default_language)
    if fmt == "json":
        report = {
            "role": role_id,
            "against": target,
            "name": data.name,
            "date": data.date,
            "total_gap": result.total,
            **{status: result.count(status) for status in ("met", "below", "above", "missing")},
            "lines": [
                {
                    "competency": line.competency.id,
                    "required": line.required,
                    "level": line.current,
                    "status": line.status,
                    "gap": line.gap,
                }
                for line in result.lines
            ],
        }
        _emit(json.dumps(report, ensure_ascii=False, indent=2) + "\n", output)
    elif fmt == "text":
        width = max((len(t.text(line.competency.name)) for line in result.lines), default=10)
        rows = [
            f"{t.label('self_assessment')}: {t.text(cat.roles[role_id].title)}"
            f" · {t.label('summary_against')} {t.text(cat.roles[target].title)}"
        ]
        for line in result.lines:
            have = "-" if line.current is None else str(line.current)
            rows.append(
                f"{t.text(line.competency.name):<{width}}  {line.required} {have:>2}  "
                f"{t.label('status_' + line.status)}" + (f" (+{line.gap})" if line.gap else "")
            )
        rows.append(f"{t.label('total_gap')}: {result.total} {t.label('levels_short')}")
        _emit("\n".join(rows) + "\n", output)
    else:
        from ..render.report import assessment_report

        report_pdf = assessment_report(cat, data, role_id, target, lang)
        write_print(report_pdf, output or Path(f"assessment-{role_id}.pdf"))


@main.command()
@click.argument("from_id")
@click.argument("to_id")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md", "pdf"]),
    default="text",
    show_default=True,
)
@lang_option
@output_option("Write to this file (pdf default: plan-FROM_ID--TO_ID.pdf).")
@roles_dir_option
def plan(
    from_id: str, to_id: str, fmt: str, lang: str | None, output: Path | None, roles_dir: Path
) -> None:
    """The development plan from one role to another: competencies to raise, new requirements,
    training that closes the gap, and the authorities and responsibilities that come with it."""
    from ..career import development_plan, plan_data, plan_markdown

    cat = require_catalog(roles_dir)
    from_id, lang = _role_and_lang(cat, from_id, lang)
    to_id, _ = _role_and_lang(cat, to_id, lang)
    result = development_plan(cat, cat.roles[from_id], cat.roles[to_id])
    if fmt == "json":
        data = plan_data(result, lang, cat.default_language)
        _emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    elif fmt in ("md", "text"):
        text = plan_markdown(result, lang, cat.default_language)
        if fmt == "text":
            text = text.replace("**", "").replace("# ", "").replace("#", "")
        _emit(text, output)
    else:
        target = output or Path(f"plan-{from_id}--{to_id}.pdf")
        write_document(cat, "plan", (from_id, to_id), lang, target)


ROLE_FORMATS = ("jsonld", "docx")
CATALOG_FORMATS = ("json", "csv", "xlsx")


@main.command()
@click.argument("role_id", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice([*ROLE_FORMATS, *CATALOG_FORMATS]),
    required=True,
    help="jsonld or docx for one role; json, csv or xlsx for the catalog.",
)
@lang_option
@output_option("Write to this file (default: standard output; docx and xlsx need -o).")
@click.option(
    "--template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="A .docx whose styles, headers and footers to use.",
)
@roles_dir_option
def export(
    role_id: str | None,
    fmt: str,
    lang: str | None,
    output: Path | None,
    template: Path | None,
    roles_dir: Path,
) -> None:
    """Export a role as schema.org JSON-LD or Word, or the catalog as JSON, CSV or XLSX."""
    from ..exports.docx import role_docx
    from ..exports.jsonld import occupation
    from ..exports.tables import catalog_json, matrix_csv, matrix_xlsx

    cat = require_catalog(roles_dir)
    if fmt in ROLE_FORMATS and role_id is None:
        raise click.UsageError(f"--format {fmt} needs a ROLE_ID")
    if fmt in CATALOG_FORMATS and role_id is not None:
        raise click.UsageError(f"--format {fmt} exports the whole catalog; leave out ROLE_ID")
    if fmt in ("docx", "xlsx") and output is None:
        raise click.UsageError(f"--format {fmt} needs -o FILE")
    lang = _role_and_lang(cat, role_id, lang)[1] if role_id else (lang or cat.default_language)
    if lang not in cat.languages:
        raise click.BadParameter(
            f"'{lang}' is not one of {', '.join(cat.languages)}", param_hint="--lang"
        )
    data: str | bytes
    if fmt == "jsonld":
        assert role_id is not None
        data = (
            json.dumps(occupation(cat, cat.roles[role_id], lang), ensure_ascii=False, indent=2)
            + "\n"
        )
    elif fmt == "docx":
        assert role_id is not None
        data = role_docx(cat, cat.roles[role_id], lang, template)
    elif fmt == "json":
        data = catalog_json(cat)
    elif fmt == "csv":
        data = matrix_csv(cat, lang)
    else:
        data = matrix_xlsx(cat, lang)
    if output is None:
        click.echo(data if isinstance(data, str) else data.decode(), nl=False)
        return
    output.write_bytes(data.encode() if isinstance(data, str) else data)
    click.echo(f"wrote {display_path(output)}", err=True)


@main.command()
@click.argument("role_id")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html", "pdf", "jsonld"]),
    default="md",
    show_default=True,
    help="Markdown or an HTML fragment for job boards, the PDF, or the schema.org JobPosting.",
)
@click.option(
    "--url", default=None, help="The vacancy's address on the web, for the JobPosting's url."
)
@lang_option
@output_option("Write to this file (default: standard output; pdf: ROLE_ID.vacancy.LANG.pdf).")
@roles_dir_option
def vacancy(
    role_id: str, fmt: str, url: str | None, lang: str | None, output: Path | None, roles_dir: Path
) -> None:
    """The vacancy of a role, open or not: a text for job boards, a PDF or JSON-LD.

    Prints what the linter finds in its text (gendered or age-excluding words, long sentences,
    a reading ease below B1) to standard error.
    """
    from ..lint import format_findings, load_lint_config
    from ..render.vacancy import (
        body_html,
        job_posting,
        snippet_html,
        snippet_markdown,
        vacancy_findings,
    )

    cat = require_catalog(roles_dir)
    role_id, lang = _role_and_lang(cat, role_id, lang)
    role = cat.roles[role_id]
    findings = vacancy_findings(cat, role, lang, load_lint_config(roles_dir))
    if findings:
        click.echo(format_findings(findings), err=True)
    if fmt == "pdf":
        write_document(
            cat, "vacancy", (role_id,), lang, output or Path(f"{role_id}.vacancy.{lang}.pdf")
        )
        return
    if fmt == "jsonld":
        data = job_posting(cat, role, lang, body_html(cat, role, lang), url)
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        text = snippet_html(cat, role, lang)
    else:
        text = snippet_markdown(cat, role, lang)
    _emit(text, output)


@main.command()
@click.argument("role_id")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["pdf", "md"]),
    default="pdf",
    show_default=True,
    help="The fillable PDF with the scoring sheet, or the kit as Markdown.",
)
@lang_option
@output_option("Write to this file (default: ROLE_ID.interview.LANG.pdf; md: standard output).")
@roles_dir_option
def interview(
    role_id: str, fmt: str, lang: str | None, output: Path | None, roles_dir: Path
) -> None:
    """The interview kit of a role: questions per core competency that fit its required level,
    what to listen for, and a scoring sheet (1-5, anchored on the level descriptors)."""
    cat = require_catalog(roles_dir)
    role_id, lang = _role_and_lang(cat, role_id, lang)
    if fmt == "pdf":
        write_document(
            cat, "interview", (role_id,), lang, output or Path(f"{role_id}.interview.{lang}.pdf")
        )
        return
    from ..documents.registry import build_context
    from ..documents.registry import kind as kind_of
    from ..render.links import Links

    ctx = build_context(cat, lang)
    kit = kind_of("interview")
    _emit(kit.markdown(ctx, cat.roles[role_id], Links(pages=False, pdfs=False)), output)

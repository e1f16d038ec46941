"""The change notice of a version of a role: what changed since the version before, as a page per
version (reached from the role's history table) and, for the newest committed version, a PDF
with room for signatures. Exists only in a build with history."""

from __future__ import annotations

from collections.abc import Iterable

from ..history.revisions import Version
from ..render.changes import NoticeView, notice_html, notice_markdown
from ..render.links import Links
from .kind import Context, DocumentKind, Ids


class ChangeNotice(DocumentKind[Version]):
    id = "notice"
    scope = "version"
    page = "changes/{0}/{1}.md"
    pdf = "pdf/changes-{0}-{1}.pdf"
    in_nav = False

    def ids(self, ctx: Context) -> Iterable[Ids]:
        if ctx.history is None:
            return
        for role_id in ctx.cat.roles:
            for version in ctx.history.versions.get(role_id, []):
                if version.diff is not None:
                    yield (role_id, version.slug)

    def subject(self, ctx: Context, ids: Ids) -> Version:
        versions = ctx.history.versions.get(ids[0], []) if ctx.history else []
        for version in versions:
            if version.slug == ids[1] and version.diff is not None:
                return version
        raise KeyError(ids)

    def has_pdf(self, ctx: Context, ids: Ids) -> bool:
        """Only the newest notice, the one HR hands out; older ones via `rolebook diff`."""
        versions = ctx.history.versions.get(ids[0], []) if ctx.history else []
        newest = versions[0] if versions else None
        return (
            newest is not None
            and newest.slug == ids[1]
            and newest.diff is not None
            and newest.commit is not None
        )

    def version(self, subject: Version) -> str:
        assert subject.diff is not None
        return f"{subject.role.id}|{subject.diff.old.meta.version}|{subject.role.meta.version}"

    def _view(self, ctx: Context, subject: Version) -> NoticeView:
        assert subject.diff is not None
        return NoticeView(ctx.cat, subject.diff, ctx.lang, ctx.cat.default_language)

    def markdown(self, ctx: Context, subject: Version, links: Links) -> str:
        ids = (subject.role.id, subject.slug)
        pdf = links.pdf_of(self.id, *ids) if self.has_pdf(ctx, ids) else None
        return notice_markdown(self._view(ctx, subject), links, pdf)

    def print_html(self, ctx: Context, subject: Version) -> str:
        t = ctx.t
        org = ctx.settings.organisation or t.text(ctx.cat.organisation.name)
        return notice_html(self._view(ctx, subject), org)


KIND = ChangeNotice()

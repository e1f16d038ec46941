"""The role's place in the organisation, drawn as a small org chart (SVG, drawn at build time):
the manager above, the role and its peers (who report to the same manager) beside it, and the
roles it leads below. Works inline on the site and in the PDF."""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from markupsafe import Markup

from ..catalog import Catalog
from ..i18n import Translator
from ..model import Role
from .graph import box_svg, cut_title, title_lines

BOX_W, BOX_H, GAP, ROW_GAP, MARGIN = 168, 38, 16, 26, 4
MAX_PEERS = 3


@dataclass(frozen=True)
class Position:
    """Who a role reports to, works beside and leads."""

    manager: Role | None
    peers: list[Role]
    led: list[tuple[Role, int | None]]


def position(cat: Catalog, role: Role) -> Position:
    manager = cat.roles.get(role.reports_to) if role.reports_to else None
    peers = [
        r for r in cat.roles.values() if manager and r.reports_to == manager.id and r.id != role.id
    ]
    led = [(cat.roles[m.role], m.count) for m in role.manages if m.role in cat.roles]
    return Position(manager, peers, led)


def _box(x: float, y: float, text: str, *, own: bool, dashed: bool = False) -> str:
    lines = title_lines(text)
    box = box_svg(round(x), round(y), BOX_W, BOX_H, lines, own=own, dashed=dashed, font_size=11.5)
    whole = cut_title(text, lines)
    return f"<g>{whole}{box}</g>" if whole else box


def position_svg(cat: Catalog, role: Role, lang: str) -> Markup:
    """The org chart of a role; empty when it neither reports to nor leads anyone."""
    t = Translator(lang, cat.default_language)
    where = position(cat, role)
    if where.manager is None and not where.led:
        return Markup("")

    def title(r: Role, count: int | None = None) -> str:
        return (t.text(r.title) or r.id) + (f" ({count})" if count else "")

    peers = where.peers[:MAX_PEERS]
    middle = [role, *peers]
    rows = [len(middle), len(where.led), 1 if where.manager else 0]
    width = MARGIN * 2 + max(rows) * (BOX_W + GAP) - GAP
    y_manager = MARGIN
    y_middle = y_manager + (BOX_H + ROW_GAP if where.manager else 0)
    y_led = y_middle + BOX_H + ROW_GAP
    height = (y_led + BOX_H if where.led else y_middle + BOX_H) + MARGIN

    def xs(count: int) -> list[float]:
        row = count * (BOX_W + GAP) - GAP
        start = (width - row) / 2
        return [start + i * (BOX_W + GAP) for i in range(count)]

    line = 'stroke="#5b6470" stroke-width="1.2" fill="none"'
    out: list[str] = []
    middle_x = xs(len(middle))
    if where.manager:
        (mx,) = xs(1)
        out.append(_box(mx, y_manager, title(where.manager), own=False))
        bar = y_manager + BOX_H + ROW_GAP / 2
        out.append(f'<path d="M{mx + BOX_W / 2:.0f},{y_manager + BOX_H} V{bar:.0f}" {line}/>')
        left, right = middle_x[0] + BOX_W / 2, middle_x[-1] + BOX_W / 2
        out.append(
            f'<path d="M{min(left, mx + BOX_W / 2):.0f},{bar:.0f} H{max(right, mx + BOX_W / 2):.0f}" {line}/>'
        )
        for x in middle_x:
            out.append(f'<path d="M{x + BOX_W / 2:.0f},{bar:.0f} V{y_middle}" {line}/>')
    for i, (x, r) in enumerate(zip(middle_x, middle, strict=True)):
        out.append(_box(x, y_middle, title(r), own=i == 0, dashed=i > 0))
    if where.led:
        own_x = middle_x[0] + BOX_W / 2
        bar = y_middle + BOX_H + ROW_GAP / 2
        led_x = xs(len(where.led))
        out.append(f'<path d="M{own_x:.0f},{y_middle + BOX_H} V{bar:.0f}" {line}/>')
        out.append(
            f'<path d="M{min(own_x, led_x[0] + BOX_W / 2):.0f},{bar:.0f} '
            f'H{max(own_x, led_x[-1] + BOX_W / 2):.0f}" {line}/>'
        )
        for x, (r, count) in zip(led_x, where.led, strict=True):
            out.append(f'<path d="M{x + BOX_W / 2:.0f},{bar:.0f} V{y_led}" {line}/>')
            out.append(_box(x, y_led, title(r, count), own=False))
    label = _description(t, role, where)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rb-position" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="{width:.0f}" height="{height:.0f}" '
        f'font-family="Inter, DejaVu Sans, sans-serif">'
        # the title names the chart for screen readers (role text stays out of attributes)
        f"<title>{escape(label)}</title>"
    )
    return Markup(head + "".join(out) + "</svg>")


def _description(t: Translator, role: Role, where: Position) -> str:
    """The chart in words, for screen readers and as the SVG's title."""
    parts = [f"{t.label('position')}: {t.text(role.title)}"]
    if where.manager:
        parts.append(f"{t.label('reports_to').lower()} {t.text(where.manager.title)}")
    if where.led:
        led = ", ".join(t.text(r.title) for r, _ in where.led)
        parts.append(f"{t.label('manages').lower()} {led}")
    return "; ".join(parts)

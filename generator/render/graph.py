"""The career graph as SVG, drawn at build time (no client-side library): families are columns,
higher ranks are higher up, each step an arrow. Works inline on the site and in PDFs."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from markupsafe import Markup

from ..career import CareerGraph, career_graph
from ..catalog import Catalog
from ..i18n import Translator
from ..model import Role
from .links import Links

NODE_W, NODE_H = 176, 46
COL_GAP, ROW_H, MARGIN, HEAD = 28, 84, 16, 30


def career_svg(
    cat: Catalog,
    graph: CareerGraph,
    lang: str,
    link: Callable[[str], str | None],
    highlight: str | None = None,
) -> str:
    """An SVG of `graph`; `link(role_id)` gives each node's href (None: no link)."""
    t = Translator(lang, cat.default_language)
    families = [f.id for f in cat.families.values()]
    columns = [f for f in families if any(cat.roles[n].family == f for n in graph.nodes)]
    columns += sorted({cat.roles[n].family for n in graph.nodes} - set(columns))
    top = max(graph.rank.values(), default=0)
    slots: dict[tuple[str, int], list[str]] = {}
    for node in graph.nodes:
        slots.setdefault((cat.roles[node].family, graph.rank[node]), []).append(node)
    widths = {
        f: max((len(v) for (fam, _), v in slots.items() if fam == f), default=1) for f in columns
    }
    x0: dict[str, int] = {}
    x = MARGIN
    for fam in columns:
        x0[fam] = x
        x += widths[fam] * (NODE_W + COL_GAP)
    width, height = x - COL_GAP + MARGIN, HEAD + (top + 1) * ROW_H + MARGIN
    pos: dict[str, tuple[int, int]] = {}
    for (fam, rank), nodes in slots.items():
        for i, node in enumerate(nodes):
            pos[node] = (x0[fam] + i * (NODE_W + COL_GAP), HEAD + (top - rank) * ROW_H + 10)
    label = t.label("career_graph_label", roles=len(graph.nodes), steps=len(graph.edges))
    hrefs = {node: link(node) for node in graph.nodes}
    # An image holds no links (axe: nested-interactive): a graph whose boxes are links is a
    # group of them, each named by its role's title.
    role = "group" if any(hrefs.values()) else "img"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="rb-graph" role="{role}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="Inter, DejaVu Sans, sans-serif" '
        f"aria-label={quoteattr(label)}>",
        f"<title>{escape(label)}</title>",
        '<defs><marker id="rb-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
        'fill="#5b6470"/></marker></defs>',
    ]
    for fam in columns:
        fam_w = widths[fam] * (NODE_W + COL_GAP) - COL_GAP
        name = t.text(cat.families[fam].name) if fam in cat.families else fam
        out.append(
            f'<rect x="{x0[fam] - 6}" y="4" width="{fam_w + 12}" height="{height - 8}" '
            f'rx="8" fill="#f2f5f9"/>'
        )
        out.append(
            f'<text x="{x0[fam] + fam_w / 2}" y="22" text-anchor="middle" '
            f'class="rb-graph-family" font-size="12" font-weight="600" '
            f'fill="#1f4e79">{escape(name)}</text>'
        )
    for a, b in graph.edges:
        others = [pos[n] for n in graph.nodes if n not in (a, b)]
        candidates = _routes(pos[a], pos[b])
        # The first route that passes no other box; a step that skips a rung would otherwise
        # hide behind the rung's box and read as two steps.
        curve = next((c for c in candidates if not _crosses(c, others)), candidates[0])
        (p0, p1, p2, p3) = curve
        out.append(
            f'<path d="M{p0[0]:.0f},{p0[1]:.0f} C{p1[0]:.0f},{p1[1]:.0f} {p2[0]:.0f},{p2[1]:.0f} '
            f'{p3[0]:.0f},{p3[1]:.0f}" fill="none" stroke="#5b6470" stroke-width="1.4" '
            f'marker-end="url(#rb-arrow)"/>'
        )
    for node in graph.nodes:
        nx, ny = pos[node]
        title = t.text(cat.roles[node].title) or node
        lines = title_lines(title)
        box = cut_title(title, lines) + box_svg(
            nx, ny, NODE_W, NODE_H, lines, own=node == highlight
        )
        href = hrefs[node]
        out.append(f"<a href={quoteattr(href)}>{box}</a>" if href else f"<g>{box}</g>")
    out.append("</svg>")
    return "\n".join(out)


def title_lines(text: str, width: int = 24, most: int = 2) -> list[str]:
    """A title on at most `most` lines of a box; the last line of one that does not fit ends in
    an ellipsis, so that a cut title never reads as a whole one."""
    lines = textwrap.wrap(text, width)
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1] + "…"]
    return lines


def cut_title(text: str, lines: list[str]) -> str:
    """The whole title of a box whose lines cut it, as an SVG <title> (tooltip and name)."""
    return "" if " ".join(lines) == text else f"<title>{escape(text)}</title>"


def box_svg(
    x: float,
    y: float,
    width: int,
    height: int,
    lines: list[str],
    *,
    own: bool,
    dashed: bool = False,
    font_size: float = 12,
) -> str:
    """A role's box with its title on one or two lines; `own` fills it (the role in focus)."""
    fill, ink = ("#1f4e79", "#ffffff") if own else ("#ffffff", "#1d232b")
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    parts = [
        f'<rect x="{x}" y="{y}" width="{width}" height="{height}" rx="6" '
        f'fill="{fill}" stroke="#1f4e79" stroke-width="1.2"{dash}/>'
    ]
    first = y + height / 2 - (len(lines) - 1) * 7 + 4
    for i, line in enumerate(lines):
        parts.append(
            f'<text x="{x + width / 2}" y="{first + i * 14:.0f}" '
            f'text-anchor="middle" font-size="{font_size:g}" fill="{ink}">{escape(line)}</text>'
        )
    # A space between the lines (not drawn: it is outside <text>) keeps the title's words apart
    # wherever the text is read: the search index, copy and paste, a PDF's text.
    return parts[0] + " ".join(parts[1:])


Point = tuple[float, float]
Curve = tuple[Point, Point, Point, Point]


def _routes(a: tuple[int, int], b: tuple[int, int]) -> list[Curve]:
    """Ways to draw an arrow from box `a` up to box `b`, the plainest first."""
    (ax, ay), (bx, by) = a, b
    top = (ax + NODE_W / 2, float(ay))  # the source's top centre
    bottom = (bx + NODE_W / 2, by + NODE_H + 2.0)  # the target's bottom centre
    mid = (top[1] + bottom[1]) / 2
    routes: list[Curve] = [(top, (top[0], mid), (bottom[0], mid), bottom)]
    target_y, source_y = by + NODE_H / 2, ay + NODE_H / 2
    if bx > ax:  # up, then into the target's left side; or out of the right side, then up
        left = (bx - 2.0, target_y)
        routes.append((top, (top[0], target_y), (top[0], target_y), left))
        right = (ax + NODE_W + 0.0, source_y)
        routes.append((right, (bottom[0], source_y), (bottom[0], source_y), bottom))
    elif bx < ax:
        right_in = (bx + NODE_W + 2.0, target_y)
        routes.append((top, (top[0], target_y), (top[0], target_y), right_in))
    for side in (1, -1):  # round the boxes in between, on the right or the left
        sx = ax + (NODE_W if side == 1 else 0.0)
        tx = bx + (NODE_W + 2.0 if side == 1 else -2.0)
        bulge = (max(sx, tx) if side == 1 else min(sx, tx)) + side * COL_GAP * 0.9
        routes.append(((sx, source_y), (bulge, source_y), (bulge, target_y), (tx, target_y)))
    return routes


def _crosses(curve: Curve, boxes: list[tuple[int, int]], pad: float = 2.0) -> bool:
    """Whether a cubic Bézier curve passes through any node box, grown by `pad` on every side
    (sampled along its length)."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = curve
    for step in range(1, 40):
        t = step / 40
        u = 1 - t
        x = u**3 * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t**3 * x3
        y = u**3 * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t**3 * y3
        if any(
            bx - pad <= x <= bx + NODE_W + pad and by - pad <= y <= by + NODE_H + pad
            for bx, by in boxes
        ):
            return True
    return False


def role_graph(cat: Catalog, role: Role, lang: str, links: Links) -> Markup:
    """The part of the career graph around a role: where it comes from and where it leads."""
    graph = career_graph(cat).around({role.id})
    if len(graph.nodes) < 2:
        return Markup("")
    return Markup(career_svg(cat, graph, lang, links.role_or_none, highlight=role.id))

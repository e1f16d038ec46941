"""Career paths: the graph of `career.next` links, its problems, and the development plan from
one role to another (the gap computed by competencies.gap, the same as the self-assessment's)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Catalog
from .competencies import Gap, gap, role_levels
from .errors import Diagnostic, error, warning
from .model import Competency, Role, Text, TrainingItem


@dataclass
class CareerGraph:
    """Roles and the steps between them, with a rank per role so that steps always go up."""

    nodes: list[str]
    edges: list[tuple[str, str]]
    rank: dict[str, int] = field(default_factory=dict)
    _into: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _out: dict[str, list[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for a, b in self.edges:
            self._into.setdefault(b, []).append(a)
            self._out.setdefault(a, []).append(b)

    def into(self, role_id: str) -> list[str]:
        return list(self._into.get(role_id, []))

    def out_of(self, role_id: str) -> list[str]:
        return list(self._out.get(role_id, []))

    def around(self, role_ids: set[str]) -> CareerGraph:
        """The roles given, their neighbours, and the steps touching the roles given."""
        keep = set(role_ids)
        for role_id in role_ids:
            keep.update(self.into(role_id))
            keep.update(self.out_of(role_id))
        edges = [(a, b) for a, b in self.edges if a in role_ids or b in role_ids]
        nodes = [n for n in self.nodes if n in keep]
        return CareerGraph(nodes, edges, {n: self.rank[n] for n in nodes})


def find_cycle(nodes: list[str], edges: list[tuple[str, str]]) -> list[str] | None:
    """A cycle of career steps, as a list of role ids (first = last), or None."""
    succ: dict[str, list[str]] = {n: [] for n in nodes}
    for a, b in edges:
        succ.setdefault(a, []).append(b)
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in succ.get(node, []):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        stack.pop()
        state[node] = 2
        return None

    for node in nodes:
        if node not in state and (found := visit(node)):
            return found
    return None


def career_graph(cat: Catalog) -> CareerGraph:
    """The organisation's career graph; ranks are longest-path depths (acyclic catalogs only).
    Computed once per catalog."""
    if "career_graph" not in cat.memo:
        cat.memo["career_graph"] = _career_graph(cat)
    graph: CareerGraph = cat.memo["career_graph"]
    return graph


def _career_graph(cat: Catalog) -> CareerGraph:
    nodes = [r.id for f in cat.families.values() for r in cat.family_roles(f.id)]
    nodes += [r for r in cat.roles if r not in nodes]
    edges = [(r.id, n) for r in cat.roles.values() for n in r.career.next if n in cat.roles]
    graph = CareerGraph(nodes, edges)
    if find_cycle(nodes, edges):
        graph.rank = {n: 0 for n in nodes}
        return graph
    rank: dict[str, int] = {}

    def depth(node: str) -> int:
        if node not in rank:
            rank[node] = max((depth(p) + 1 for p in graph.into(node)), default=0)
        return rank[node]

    for node in nodes:
        depth(node)
    graph.rank = rank
    return graph


def career_diagnostics(cat: Catalog) -> list[Diagnostic]:
    """Cycles (errors) and roles no step leads to that are not a family's first rung (warnings)."""
    graph = career_graph(cat)
    found: list[Diagnostic] = []
    cycle = find_cycle(graph.nodes, graph.edges)
    if cycle:
        source = cat.sources[cycle[0]]
        found.append(
            error(source.at(("career", "next")), "career steps make a cycle: " + " -> ".join(cycle))
        )
    for role in cat.roles.values():
        entry = role.level == min((r.level for r in cat.family_roles(role.family)), default=1)
        if not graph.into(role.id) and not entry:
            found.append(
                warning(
                    cat.sources[role.id].at(("level",)),
                    f"no career step leads to '{role.id}' and it is not the first "
                    f"rung of family '{role.family}'",
                    "add it to another role's career.next",
                )
            )
    return found


@dataclass(frozen=True)
class Raise:
    competency: Competency
    current: int | None
    required: int
    descriptors: list[tuple[int, Text]]
    """The descriptors of the levels to reach, from current + 1 to required."""


@dataclass(frozen=True)
class Plan:
    """What it takes to move from one role to another."""

    source: Role
    target: Role
    gap: Gap
    raises: list[Raise]
    new: list[Raise]
    requirements: dict[str, list[Text]]
    training: list[TrainingItem]
    rights: list[Text]
    responsibilities: list[Text]


def _missing(texts: list[Text], have: list[Text]) -> list[Text]:
    known = {tuple(sorted(t.root.items())) for t in have}
    return [t for t in texts if tuple(sorted(t.root.items())) not in known]


def development_plan(cat: Catalog, source: Role, target: Role) -> Plan:
    """The development plan from `source` to `target`."""
    result = gap(cat, role_levels(source), target)
    raises: list[Raise] = []
    new: list[Raise] = []
    for line in result.lines:
        if line.gap == 0:
            continue
        comp = line.competency
        start = (line.current or 0) + 1
        descriptors = [
            (lvl, comp.levels[lvl]) for lvl in range(start, line.required + 1) if lvl in comp.levels
        ]
        item = Raise(comp, line.current, line.required, descriptors)
        (new if line.current is None else raises).append(item)
    needed = {r.competency.id: r.required for r in [*raises, *new]}
    have = role_levels(source)
    training = [
        cat.training[step.ref]
        for step in target.training
        if any(
            d.competency in needed and d.level > have.get(d.competency, 0)
            for d in cat.training[step.ref].develops
        )
    ]
    keys = ("education", "experience", "optional")
    reqs = {
        key: _missing(getattr(target.requirements, key), getattr(source.requirements, key))
        for key in keys
    }
    return Plan(
        source,
        target,
        result,
        raises,
        new,
        {k: v for k, v in reqs.items() if v},
        training,
        _missing(target.rights, source.rights),
        _missing(target.responsibilities, source.responsibilities),
    )


def career_steps(cat: Catalog) -> list[tuple[Role, Role]]:
    """Every career.next step of the catalog, in family ladder order."""
    graph = career_graph(cat)
    return [(cat.roles[a], cat.roles[b]) for a, b in graph.edges]


def plan_data(plan: Plan, lang: str, default_language: str) -> dict[str, object]:
    """The plan as plain data (for JSON and Markdown)."""

    def text(value: Text) -> str:
        return value.get(lang, default_language)

    def raised(items: list[Raise]) -> list[dict[str, object]]:
        return [
            {
                "competency": r.competency.id,
                "name": text(r.competency.name),
                "from": r.current,
                "to": r.required,
                "levels": {str(level): text(desc) for level, desc in r.descriptors},
            }
            for r in items
        ]

    return {
        "from": plan.source.id,
        "to": plan.target.id,
        "total_gap": plan.gap.total,
        "raise": raised(plan.raises),
        "new": raised(plan.new),
        "requirements": {key: [text(t) for t in items] for key, items in plan.requirements.items()},
        "training": [
            {
                "id": item.id,
                "title": text(item.title),
                "kind": item.kind,
                "employer_paid": item.employer_paid,
            }
            for item in plan.training
        ],
        "rights": [text(t) for t in plan.rights],
        "responsibilities": [text(t) for t in plan.responsibilities],
    }


def plan_markdown(plan: Plan, lang: str, default_language: str) -> str:
    """The plan as Markdown, for `rolebook plan --format md` (and, plainer, text)."""
    from .i18n import labels

    words = labels(lang)
    data = plan_data(plan, lang, default_language)
    title = str(words["plan_title"]).format(
        source=plan.source.title.get(lang, default_language),
        target=plan.target.title.get(lang, default_language),
    )
    lines = [
        f"# {words['development_plan']}: {title}",
        "",
        f"{words['total_gap']}: {data['total_gap']} {words['levels_short']}",
    ]
    for key, label in (("raise", "competencies_to_raise"), ("new", "competencies_new")):
        items = data[key]
        assert isinstance(items, list)
        if items:
            lines += ["", f"## {words[label]}", ""]
            for item in items:
                start = f"{words['from_level']} {item['from']} " if item["from"] else ""
                lines.append(f"- **{item['name']}**: {start}{words['to_level']} {item['to']}")
                lines += [f"    - {level}: {desc}" for level, desc in item["levels"].items()]
    sections = [
        (
            "requirements_added",
            [
                f"{words[k]}: {v}"
                for k, vs in plan.requirements.items()
                for v in [t.get(lang, default_language) for t in vs]
            ],
        ),
        ("training_closing", [t.title.get(lang, default_language) for t in plan.training]),
        ("rights_added", [t.get(lang, default_language) for t in plan.rights]),
        ("responsibilities_added", [t.get(lang, default_language) for t in plan.responsibilities]),
    ]
    for label, items in sections:
        lines += ["", f"## {words[label]}", ""]
        lines += [f"- {item}" for item in items] if items else [str(words["nothing_to_add"])]
    return "\n".join(lines) + "\n"

"""Charts of the supply network: a node-link chart and a Sankey of flows from makers via intermediaries to users.

Layouts are deterministic: concentric rings by the number of hops from a centre (the focus entity, else the
best-connected one); the centre's partners on the first ring ordered by country and name at equal angles, nodes further
out placed near the partners that connect them. No randomness: the same tables give the same figure JSON.

The node-link chart is laid out in pixels of the PDF's printable width (680 x 560 px) with the axes locked to one
scale, so that what is checked here (labels that do not overlap each other or the nodes) holds on a wider screen too,
where the same picture is shown with more white space around it.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd
import plotly.graph_objects as go

from .style import OTHER_COLOUR, apply, country_colour

FLOW_RELATIONS = ("supplies", "intermediary_for")
_RELATION_LABELS = {
    "supplies": "supplies",
    "intermediary_for": "intermediary for",
    "owns": "owns",
    "trades_with": "trades with",
    "sanctions": "sanctions",
    "depends_on": "depends on",
    "hosts": "hosts",
    "produces_in": "produces in",
}
# Line style per relation type, so that types are told apart in black and white as well as in colour.
_RELATION_DASH = {
    "supplies": "solid",
    "depends_on": "dot",
    "owns": "dash",
    "intermediary_for": "dashdot",
    "trades_with": "longdash",
    "sanctions": "solid",
    "produces_in": "longdashdot",
    "hosts": "2px,3px,8px,3px",
}
_RELATION_ORDER = list(_RELATION_DASH)
SANCTIONS_COLOUR = "#7A0019"  # dark red: a sanction is not a flow of goods, and is drawn apart from the countries
UNREVIEWED = "unreviewed: not in the gazetteer"  # a party named as the text writes it, checked by no one yet
UNREVIEWED_SYMBOL = "circle-open"  # an open marker: told apart from reviewed parties in black and white too

# The canvas: the PDF's printable width; one data unit is one pixel at that width.
WIDTH, HEIGHT = 680, 560
MARGIN = dict(l=10, r=10, t=84, b=56)
HALF_W = (WIDTH - MARGIN["l"] - MARGIN["r"]) / 2
HALF_H = (HEIGHT - MARGIN["t"] - MARGIN["b"]) / 2
NODE_FONT, EDGE_FONT = 12, 10
MIN_NODE, MAX_NODE = 14, 36  # marker diameters in px
_CHAR = 0.58  # average character width in em for the briefing's sans-serif fonts, a little generous
_PAD = 2.0  # px kept free around every label
_LABEL_ITEM_CHARS = 24


def _country(gazetteer, name: str) -> str:
    country = gazetteer.country_of(name) if gazetteer is not None else ""
    return country or ""


def _resolve_focus(gazetteer, focus: str | None) -> str | None:
    if not focus:
        return None
    resolved = gazetteer.resolve(focus) if gazetteer is not None else None
    return resolved or focus


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _edges(relations: pd.DataFrame) -> list[dict]:
    """One edge per (source, target, relation), with its items, documents and number of statements."""
    grouped: dict[tuple[str, str, str], dict] = {}
    if relations is None or relations.empty:
        return []
    columns = [c for c in ("source", "target", "relation", "relation_id") if c in relations.columns]
    for row in relations.sort_values(columns, kind="mergesort").itertuples(index=False):
        key = (row.source, row.target, row.relation)
        # dicts as ordered sets: a list's `in` would make an edge stated in thousands of documents quadratic
        edge = grouped.setdefault(
            key,
            {"source": row.source, "target": row.target, "relation": row.relation, "items": {}, "docs": {}, "count": 0},
        )
        edge["count"] += 1
        item = _text(getattr(row, "item", "")).strip()
        if item:
            edge["items"].setdefault(item, None)
        doc = _text(getattr(row, "doc", ""))
        if doc:
            edge["docs"].setdefault(doc, None)
    for edge in grouped.values():
        edge["items"] = list(edge["items"])
        edge["docs"] = sorted(edge["docs"])
    return [grouped[key] for key in sorted(grouped)]


def _unreviewed(relations: pd.DataFrame | None) -> set[str]:
    """The parties the gazetteer does not know, from the relations' ``unreviewed`` column."""
    if relations is None or "unreviewed" not in relations:
        return set()
    return {name for cell in relations["unreviewed"] for name in _text(cell).split(";") if name}


def _distances(edges: list[dict], centre: str) -> dict[str, int]:
    neighbours = _neighbours(edges)
    distance = {centre: 0}
    frontier = [centre]
    while frontier:
        nxt = []
        for node in sorted(frontier):
            for other in sorted(neighbours[node]):
                if other not in distance:
                    distance[other] = distance[node] + 1
                    nxt.append(other)
        frontier = nxt
    return distance


def _neighbours(edges: list[dict]) -> dict[str, set[str]]:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        neighbours[edge["source"]].add(edge["target"])
        neighbours[edge["target"]].add(edge["source"])
    return neighbours


def _relation_name(relation: str) -> str:
    return _RELATION_LABELS.get(relation, relation.replace("_", " "))


def _shorten(text: str, limit: int = _LABEL_ITEM_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip(" ,;-") + "…"


def edge_label(edge: dict) -> str:
    """A short label: the relation and its first item, with "+N more" for the others (the hover lists them all)."""
    name = _relation_name(edge["relation"])
    if not edge["items"]:
        return name
    more = len(edge["items"]) - 1
    return f"{name}: {_shorten(edge['items'][0])}" + (f" +{more} more" if more else "")


def edge_hover(edge: dict) -> str:
    statements = f"{edge['count']} statement{'s' if edge['count'] != 1 else ''}"
    items = "".join(f"<br>• {item}" for item in edge["items"][:HOVER_ITEMS]) or "<br>(no item stated)"
    if len(edge["items"]) > HOVER_ITEMS:
        items += f"<br>… and {len(edge['items']) - HOVER_ITEMS:,} more"
    docs = ", ".join(edge["docs"][:HOVER_DOCS]) or "—"
    if len(edge["docs"]) > HOVER_DOCS:
        docs += f" and {len(edge['docs']) - HOVER_DOCS:,} more documents"
    return (
        f"<b>{edge['source']} → {edge['target']}</b>: {_relation_name(edge['relation'])}"
        f"<br>{statements} in {docs}{items}"
    )


# ---------------------------------------------------------------------------------------------- layout
def _ring_radii(rings: int) -> list[tuple[float, float]]:
    """Semi-axes (x, y) of each ring in px: the outermost ring fills the canvas, the first is well out from the
    centre to leave room for the edge labels between them."""
    outer_x, outer_y = HALF_W - 52, HALF_H - (MAX_NODE / 2 + NODE_FONT + 8)
    if rings <= 0:
        return []
    fractions = [1.0] if rings == 1 else [0.7 + 0.3 * k / (rings - 1) for k in range(rings)]
    return [(round(outer_x * f, 6), round(outer_y * f, 6)) for f in fractions]


def _spread(preferred: list[float], gap: float) -> list[float]:
    """Angles as close as possible to ``preferred`` (sorted) with at least ``gap`` between neighbours (isotonic fit)."""
    n = len(preferred)
    if n == 0:
        return []
    gap = min(gap, 2 * math.pi / n)
    shifted = [a - i * gap for i, a in enumerate(preferred)]
    blocks: list[list[float]] = []  # [mean, size]
    for value in shifted:
        blocks.append([value, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            mean2, size2 = blocks.pop()
            mean1, size1 = blocks.pop()
            blocks.append([(mean1 * size1 + mean2 * size2) / (size1 + size2), size1 + size2])
    fitted = [mean for mean, size in blocks for _ in range(size)]
    return [f + i * gap for i, f in enumerate(fitted)]


def _circular_mean(angles: list[float]) -> float:
    x, y = sum(math.cos(a) for a in angles), sum(math.sin(a) for a in angles)
    return math.atan2(y, x) if abs(x) + abs(y) > 1e-9 else angles[0]


def _rings(nodes: list[str], edges: list[dict], centre: str | None) -> dict[int, list[str]]:
    distance = _distances(edges, centre) if centre in nodes else {}
    distance = {n: d for n, d in distance.items() if n in nodes}
    outer = max(distance.values(), default=0) + 1
    rings: dict[int, list[str]] = defaultdict(list)
    for node in nodes:
        rings[distance.get(node, outer)].append(node)
    return rings


def _place(
    rings: dict[int, list[str]], neighbours: dict[str, set[str]], start: float, gazetteer
) -> dict[str, tuple[float, float]]:
    order = sorted(rings)
    positions: dict[str, tuple[float, float]] = {}
    angles: dict[str, float] = {}
    if 0 in rings and len(rings[0]) == 1:
        positions[rings[0][0]] = (0.0, 0.0)
        order.remove(0)
    for (rx, ry), ring in zip(_ring_radii(len(order)), order):
        members = sorted(rings[ring], key=lambda n: (_country(gazetteer, n), n))
        inner = [m for m in members if any(o in angles for o in neighbours[m])]
        if ring == order[0] or not inner:
            placed = {m: start + 2 * math.pi * i / len(members) for i, m in enumerate(members)}
        else:
            wanted = {
                m: _circular_mean(sorted(angles[o] for o in neighbours[m] if o in angles)) % (2 * math.pi)
                for m in inner
            }
            spare = [m for m in members if m not in wanted]  # nothing inward: spread over the circle
            for i, m in enumerate(spare):
                wanted[m] = (start + math.pi + 2 * math.pi * i / len(spare)) % (2 * math.pi)
            ranked = sorted(members, key=lambda m: (round(wanted[m], 6), _country(gazetteer, m), m))
            values = [wanted[m] for m in ranked]
            gaps = [(values[(i + 1) % len(values)] - values[i]) % (2 * math.pi) for i in range(len(values))]
            cut = (gaps.index(max(gaps)) + 1) % len(values)  # cut the circle at its widest gap
            ranked = ranked[cut:] + ranked[:cut]
            unwrapped = [wanted[ranked[0]]]
            for m in ranked[1:]:
                unwrapped.append(unwrapped[-1] + (wanted[m] - unwrapped[-1]) % (2 * math.pi))
            spread = _spread(unwrapped, 2 * math.pi / max(len(members), 10))
            shift = (sum(unwrapped) - sum(spread)) / len(spread)  # keep the group centred on where it wants to be
            placed = {m: a + shift for m, a in zip(ranked, spread)}
        for m, angle in placed.items():
            angles[m] = angle
            positions[m] = (round(rx * math.cos(angle), 2), round(ry * math.sin(angle), 2))
    return positions


def _spacing(positions: dict[str, tuple[float, float]], bundles: dict[tuple[str, str], int]) -> float:
    """How far apart the nodes are: the smallest distance between two nodes (a horizontal neighbour counts as
    closer, labels being wide), and between two linked nodes per edge drawn between them (edges bow apart)."""
    names = sorted(positions)
    best = math.inf
    for i, a in enumerate(names):
        (x0, y0) = positions[a]
        for b in names[i + 1 :]:
            (x1, y1) = positions[b]
            best = min(best, math.hypot((x1 - x0) / 1.5, y1 - y0))
            count = bundles.get((a, b), 0)
            if count > 1:
                best = min(best, math.hypot(x1 - x0, y1 - y0) / (1 + 0.4 * (count - 1)))
    return best


def layout(nodes: list[str], edges: list[dict], centre: str | None, gazetteer=None) -> dict[str, tuple[float, float]]:
    """Positions in px from the centre: rings by hops from ``centre``, unreachable nodes on an outer ring.

    The first ring is ordered by country and name at equal angles, turned to whichever of a fixed set of angles
    keeps the nodes furthest apart; a node further out sits near the mean angle of the nodes that connect it inward,
    kept apart from its ring's other nodes.
    """
    if not nodes:
        return {}
    rings = _rings(nodes, edges, centre)
    neighbours = _neighbours(edges)
    bundles: dict[tuple[str, str], int] = defaultdict(int)
    for edge in edges:
        bundles[tuple(sorted((edge["source"], edge["target"])))] += 1
    outward = sorted(ring for ring in rings if ring > 0 or len(rings[ring]) > 1)
    first = len(rings[outward[0]]) if outward else 1
    candidates = [round(2 * math.pi / max(first, 1) * k / 12, 6) for k in range(12)]
    best, best_score = None, -math.inf
    for start in candidates:
        positions = _place(rings, neighbours, start, gazetteer)
        score = round(_spacing(positions, bundles), 3)
        if score > best_score:
            best, best_score = positions, score
    return best


# ---------------------------------------------------------------------------------------------- geometry
def _text_box(x: float, y: float, text: str, size: float) -> tuple[float, float, float, float]:
    lines = text.split("<br>")
    half_w = (max(len(line) for line in lines) * _CHAR * size) / 2 + 2
    half_h = size * 0.72 * len(lines) + 1
    return (x - half_w, y - half_h, x + half_w, y + half_h)


def _onto_canvas(x: float, box: tuple) -> float:
    """x moved just enough for the box to stay inside the canvas."""
    return x + max(0.0, -HALF_W - box[0]) - max(0.0, box[2] - HALF_W)


def _overlaps(a, b, pad: float = _PAD) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def _inside(box) -> bool:
    return box[0] >= -HALF_W and box[2] <= HALF_W and box[1] >= -HALF_H and box[3] <= HALF_H


def _bezier(a, c, b, t: float) -> tuple[float, float]:
    u = 1 - t
    return (u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1])


def _curves(edges: list[dict], positions: dict) -> list[tuple]:
    """A control point per edge: parallel edges between one pair of nodes bow apart, one per relation and direction."""
    by_pair: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, edge in enumerate(edges):
        by_pair[tuple(sorted((edge["source"], edge["target"])))].append(i)
    controls: dict[int, tuple] = {}
    for (first, second), members in by_pair.items():
        (x0, y0), (x1, y1) = positions[first], positions[second]
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        nx, ny = -(y1 - y0) / length, (x1 - x0) / length
        members.sort(
            key=lambda i: (
                edges[i]["source"] != first,
                _RELATION_ORDER.index(edges[i]["relation"]) if edges[i]["relation"] in _RELATION_ORDER else 99,
                edges[i]["relation"],
            )
        )
        step = min(34.0, length / max(len(members), 1) * 0.9)
        for k, i in enumerate(members):
            bow = (k - (len(members) - 1) / 2) * step
            controls[i] = ((x0 + x1) / 2 + nx * bow, (y0 + y1) / 2 + ny * bow)
    return [controls[i] for i in range(len(edges))]


def _clip(a, c, b, start_gap: float, end_gap: float, steps: int = 40) -> list[tuple[float, float]]:
    """Points along the curve from where it leaves the source's circle to where it reaches the target's."""
    points = [_bezier(a, c, b, k / steps) for k in range(steps + 1)]
    kept = [
        p
        for p in points
        if math.hypot(p[0] - a[0], p[1] - a[1]) >= start_gap and math.hypot(p[0] - b[0], p[1] - b[1]) >= end_gap
    ]
    return kept if len(kept) >= 2 else [points[0], points[-1]]


def _crossings(box, lines: list[list[tuple[float, float]]]) -> int:
    """How many of the drawn edges pass through a box (tested on points at most ~4 px apart)."""
    count = 0
    for points in lines:
        for (x0, y0), (x1, y1) in zip(points, points[1:]):
            steps = max(1, int(math.hypot(x1 - x0, y1 - y0) / 4))
            if any(
                box[0] <= x0 + (x1 - x0) * k / steps <= box[2] and box[1] <= y0 + (y1 - y0) * k / steps <= box[3]
                for k in range(steps + 1)
            ):
                count += 1
                break
    return count


def _edge_style(edge: dict, size: dict[str, float], positions: dict, control: tuple) -> tuple[float, float, list]:
    """Line width and arrow size by the number of statements, and the curve clipped to the two nodes' circles."""
    width = round(min(6.0, 1.0 + 0.9 * math.sqrt(edge["count"])), 2)
    arrow = round(7 + 1.6 * width, 2)
    a, b = positions[edge["source"]], positions[edge["target"]]
    points = _clip(a, control, b, size[edge["source"]] / 2 + 2, size[edge["target"]] / 2 + arrow / 2 + 1)
    return width, arrow, points


def _node_size(degree: int) -> float:
    return round(min(MAX_NODE, MIN_NODE + 4.5 * math.sqrt(max(degree - 1, 0))), 2)


# ---------------------------------------------------------------------------------------------- the chart
HOVER_ITEMS = 12  # items an edge's hover lists before "and N more"
HOVER_DOCS = 5  # documents an edge's hover names
MAX_NODES = 18  # the focus entity's neighbourhood at a size a reader can read: its best-attested neighbours


def _focus_edges(edges: list[dict], focus_name: str, max_nodes: int = MAX_NODES) -> list[dict]:
    near = _distances(edges, focus_name)
    keep = {n for n, d in near.items() if d <= 2}
    if len(keep) > max_nodes:
        statements: dict[str, int] = defaultdict(int)
        for edge in edges:
            for end in (edge["source"], edge["target"]):
                statements[end] += edge["count"]
        # nearest first, then the most statements: the direct partners of the focus stay before their partners
        ranked = sorted(keep - {focus_name}, key=lambda n: (near[n], -statements[n], n))
        keep = {focus_name, *ranked[: max_nodes - 1]}
    return [
        e
        for e in edges
        if e["source"] in keep
        and e["target"] in keep
        and (focus_name in (e["source"], e["target"]) or near.get(e["source"], 9) + near.get(e["target"], 9) <= 3)
    ]


def network_chart(
    relations: pd.DataFrame,
    entities: pd.DataFrame,
    gazetteer,
    focus: str | None = None,
    designations: dict[str, dict] | None = None,
) -> go.Figure:
    """The network: one edge per (source, target, relation type), wider for more statements, dashed by type, with a
    short label where it fits and the full list of items, statements and documents on hover; nodes coloured by
    country and sized by their statements. ``designations`` maps a node to its sanctions designation (a register
    row with ``authority``, ``listed_on`` and ``ref``): such nodes get a dark-red ring and the date in their label."""
    designations = designations or {}
    edges = _edges(relations)
    unreviewed = _unreviewed(relations)
    focus_name = _resolve_focus(gazetteer, focus)
    if focus_name:
        edges = _focus_edges(edges, focus_name)
    degree: dict[str, int] = defaultdict(int)
    for edge in edges:
        degree[edge["source"]] += edge["count"]
        degree[edge["target"]] += edge["count"]
    nodes = sorted(degree)
    if (
        focus_name
        and focus_name not in degree
        and entities is not None
        and not entities.empty
        and focus_name in set(entities.get("entity", pd.Series(dtype=str)))
    ):
        nodes = [focus_name]
    centre = focus_name if focus_name in nodes else (sorted(nodes, key=lambda n: (-degree[n], n))[0] if nodes else None)
    positions = layout(nodes, edges, centre, gazetteer)
    size = {n: _node_size(degree.get(n, 0)) for n in nodes}
    figure = go.Figure()
    obstacles: list[tuple] = []  # boxes in px that labels must keep clear of
    for n in nodes:
        x, y = positions[n]
        r = size[n] / 2
        obstacles.append((x - r, y - r, x + r, y + r))
    annotations = []
    controls = _curves(edges, positions)
    styles = [_edge_style(edge, size, positions, controls[i]) for i, edge in enumerate(edges)]
    lines = [points for _, _, points in styles]

    label = {n: f"{n}<br>designated {designations[n]['listed_on']}" if n in designations else n for n in nodes}
    # node labels first: above the node in the upper half, below it in the lower half, else beside it
    for n in sorted(nodes, key=lambda n: (n != centre, -degree.get(n, 0), n)):
        x, y = positions[n]
        r = size[n] / 2
        gap = r + NODE_FONT * 0.72 * (label[n].count("<br>") + 1) + 2
        half = max(len(line) for line in label[n].split("<br>")) * _CHAR * NODE_FONT / 2 + 2
        sides = [(0, gap), (0, -gap)] if y >= 0 else [(0, -gap), (0, gap)]
        sides += [(r + half + 3, 0), (-(r + half + 3), 0)]
        sides += [(sx * (r + half) * 0.8, sy * gap) for sy in ((1, -1) if y >= 0 else (-1, 1)) for sx in (-1, 1)]
        # the first free place wins; failing that, the place inside the canvas that covers the fewest things
        # (its own node included: a label moved back onto the canvas must not hide its marker)
        candidates = []
        for dx, dy in sides:
            box = _text_box(x + dx, y + dy, label[n], NODE_FONT)
            dx = _onto_canvas(x + dx, box) - x
            box = _text_box(x + dx, y + dy, label[n], NODE_FONT)
            candidates.append((sum(_overlaps(box, o, pad=0) for o in obstacles), _crossings(box, lines), dx, dy, box))
        choice = min(candidates, key=lambda c: c[:2])[2:]
        dx, dy, box = choice
        obstacles.append(box)
        annotations.append(
            dict(
                x=round(x + dx, 2),
                y=round(y + dy, 2),
                xref="x",
                yref="y",
                text=f"<b>{label[n]}</b>" if n == focus_name else label[n],
                showarrow=False,
                font=dict(size=NODE_FONT, color="#111111"),
                bgcolor="rgba(255,255,255,0.8)",
                borderpad=0,
                name=f"node:{n}",
                hovertext=f"{n} ({_country(gazetteer, n) or 'country unknown'}): "
                f"{degree.get(n, 0)} statement(s)" + (f"<br>{UNREVIEWED}" if n in unreviewed else ""),
            )
        )

    # the heaviest edges are drawn last (on top) and labelled first
    priority = sorted(
        range(len(edges)),
        key=lambda i: (-edges[i]["count"], edges[i]["source"], edges[i]["target"], edges[i]["relation"]),
    )
    label_for: dict[int, dict] = {}
    for i in priority:
        edge = edges[i]
        a, b, c = positions[edge["source"]], positions[edge["target"]], controls[i]
        text = edge_label(edge)
        _, y0, _, y1 = _text_box(0, 0, text, EDGE_FONT)
        lift = (y1 - y0) / 2 + 1
        ax_, ay_ = b[0] - a[0], b[1] - a[1]
        length = math.hypot(ax_, ay_) or 1.0
        nx, ny = -ay_ / length, ax_ / length
        others = [line for k, line in enumerate(lines) if k != i]
        found = None
        for t in (0.38, 0.33, 0.43, 0.28, 0.48, 0.53, 0.58, 0.63):
            px, py = _bezier(a, c, b, t)
            for off in (0.0, lift, -lift):
                box = _text_box(px + nx * off, py + ny * off, text, EDGE_FONT)
                if _inside(box) and not any(_overlaps(box, o) for o in obstacles):
                    crossed = _crossings(box, others)
                    if found is None or crossed < found[0]:
                        found = (crossed, px + nx * off, py + ny * off, box)
            if found and found[0] == 0:
                break
        if found:
            obstacles.append(found[3])
            label_for[i] = dict(
                x=round(found[1], 2),
                y=round(found[2], 2),
                xref="x",
                yref="y",
                text=text,
                showarrow=False,
                font=dict(size=EDGE_FONT, color="#333333"),
                bgcolor="rgba(255,255,255,0.85)",
                borderpad=0,
                name=f"edge:{i}",
                hovertext=edge_hover(edge),
            )

    for i in sorted(
        range(len(edges)),
        key=lambda i: (edges[i]["count"], edges[i]["source"], edges[i]["target"], edges[i]["relation"]),
    ):
        edge = edges[i]
        width, arrow, points = styles[i]
        colour = (
            SANCTIONS_COLOUR if edge["relation"] == "sanctions" else country_colour(_country(gazetteer, edge["source"]))
        )
        figure.add_trace(
            go.Scatter(
                x=[round(p[0], 2) for p in points],
                y=[round(p[1], 2) for p in points],
                mode="lines+markers",
                line=dict(color=colour, width=width, dash=_RELATION_DASH.get(edge["relation"], "solid")),
                marker=dict(
                    symbol="arrow",
                    angleref="previous",
                    color=colour,
                    size=[0] * (len(points) - 1) + [arrow],
                    line=dict(width=0),
                ),
                opacity=0.8,
                name=f"{edge['source']} → {edge['target']} ({_relation_name(edge['relation'])})",
                hovertext=edge_hover(edge),
                hoverinfo="text",
                showlegend=False,
                meta=dict(
                    source=edge["source"],
                    target=edge["target"],
                    relation=edge["relation"],
                    count=edge["count"],
                    items=edge["items"],
                    label=i in label_for,
                ),
            )
        )

    by_country: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        by_country[_country(gazetteer, node) or "other"].append(node)
    for country in sorted(by_country, key=lambda c: (c == "other", c)):
        # a reviewed node first: the legend draws the country with the first node's marker, filled
        members = sorted(by_country[country], key=lambda n: n in unreviewed)
        colour = country_colour(country) if country != "other" else OTHER_COLOUR
        figure.add_trace(
            go.Scatter(
                x=[positions[n][0] for n in members],
                y=[positions[n][1] for n in members],
                mode="markers",
                customdata=members,
                name=country,
                legend="legend",
                marker=dict(
                    size=[size[n] for n in members],
                    color=colour,
                    opacity=1,
                    symbol=[UNREVIEWED_SYMBOL if n in unreviewed else "circle" for n in members],
                    line=dict(
                        width=[
                            3 if n in designations else 2.5 if n == focus_name or n in unreviewed else 1
                            for n in members
                        ],
                        color=[
                            SANCTIONS_COLOUR if n in designations else "#000000" if n == focus_name else "#FFFFFF"
                            for n in members
                        ],
                    ),
                ),
                hovertext=[
                    f"{n} ({country}): {degree.get(n, 0)} statement(s)"
                    + (
                        f"<br>designated by {designations[n]['authority']} on {designations[n]['listed_on']} "
                        f"({designations[n]['ref']})"
                        if n in designations
                        else ""
                    )
                    + (f"<br>{UNREVIEWED}" if n in unreviewed else "")
                    for n in members
                ],
                hoverinfo="text",
            )
        )
    for relation in [r for r in _RELATION_ORDER if any(e["relation"] == r for e in edges)] + sorted(
        {e["relation"] for e in edges} - set(_RELATION_ORDER)
    ):
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                name=_relation_name(relation),
                legend="legend2",
                hoverinfo="skip",
                line=dict(
                    color=SANCTIONS_COLOUR if relation == "sanctions" else "#555555",
                    width=2,
                    dash=_RELATION_DASH.get(relation, "solid"),
                ),
            )
        )

    if designations.keys() & set(nodes):
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name="designated",
                legend="legend2",
                hoverinfo="skip",
                marker=dict(size=12, color="rgba(0,0,0,0)", line=dict(width=3, color=SANCTIONS_COLOUR)),
            )
        )
    if unreviewed & set(nodes):
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name="unreviewed (not in the gazetteer)",
                legend="legend2",
                hoverinfo="skip",
                marker=dict(size=12, symbol=UNREVIEWED_SYMBOL, color=OTHER_COLOUR, line=dict(width=2.5)),
            )
        )
    annotations.extend(label_for[i] for i in sorted(label_for))
    hidden = len(edges) - len(label_for)
    title = f"Supply network around {focus_name}" if focus_name else "Supply network"
    figure.update_layout(
        annotations=annotations,
        hovermode="closest",
        margin=MARGIN,
        xaxis=dict(visible=False, range=[-HALF_W, HALF_W], fixedrange=False),
        yaxis=dict(visible=False, range=[-HALF_H, HALF_H], scaleanchor="x", scaleratio=1),
        legend=dict(
            title=dict(text="Country"),
            orientation="h",
            x=0,
            xanchor="left",
            y=1.0,
            yanchor="bottom",
            font=dict(size=11),
            itemsizing="constant",
            bgcolor="rgba(0,0,0,0)",
        ),
        # fixed entry widths make the legend wrap into columns instead of running off the page
        legend2=dict(
            title=dict(text="Relation"),
            orientation="h",
            x=0,
            xanchor="left",
            y=0,
            yanchor="top",
            font=dict(size=11),
            itemwidth=30,
            entrywidth=92,
            entrywidthmode="pixels",
            bgcolor="rgba(0,0,0,0)",
        ),
    )
    figure = apply(figure, title, height=HEIGHT)
    if hidden:
        figure.update_layout(
            title=dict(
                text=title + f"<br><sup>{hidden} of {len(edges)} edge labels left out "
                "where they would overlap; hover an edge for its items</sup>"
            )
        )
    return figure


def _acyclic(edges: list[dict]) -> list[dict]:
    """Keep the heaviest flows first and drop a flow that would close a cycle (Sankeys need a DAG)."""
    kept: list[dict] = []
    reach: dict[str, set[str]] = defaultdict(set)  # node -> nodes reachable from it

    def reachable(a: str, b: str) -> bool:
        return b == a or b in reach[a]

    for edge in sorted(edges, key=lambda e: (-e["count"], e["source"], e["target"])):
        s, t = edge["source"], edge["target"]
        if reachable(t, s):
            continue
        kept.append(edge)
        upstream = [n for n in list(reach) if reachable(n, s)] + [s]
        downstream = reach[t] | {t}
        for node in upstream:
            reach[node] |= downstream
    return kept


def sankey_chart(relations: pd.DataFrame, gazetteer, focus: str | None = None) -> go.Figure:
    """Flows (supplies, intermediaries) from component makers via intermediaries to end users.

    Makers (nothing flows into them) are in the first column and end users (nothing flows out) in the last, the
    others in between by the longest chain that reaches them. With a focus, the flows through it are kept, and for a
    country also the flows through its companies (Belarus: Peleng, MZKT). Nodes take their country's colour, links
    the colour of where they come from; hover a link for its items, statements and documents.
    """
    flows = (
        relations[relations["relation"].isin(FLOW_RELATIONS)]
        if relations is not None and not relations.empty
        else pd.DataFrame(columns=["source", "target", "relation", "item", "relation_id", "doc"])
    )
    merged: dict[tuple[str, str], dict] = {}
    for edge in _edges(flows):
        key = (edge["source"], edge["target"])
        target = merged.setdefault(
            key,
            {"source": edge["source"], "target": edge["target"], "items": [], "count": 0, "relations": [], "docs": []},
        )
        target["count"] += edge["count"]
        target["relations"].append(edge["relation"])
        target["items"].extend(i for i in edge["items"] if i not in target["items"])
        target["docs"] = sorted(set(target["docs"]) | set(edge.get("docs", [])))
    edges = _acyclic(list(merged.values()))
    focus_name = _resolve_focus(gazetteer, focus)
    if focus_name:
        named = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        starts = [focus_name] + [n for n in named if n != focus_name and _country(gazetteer, n) == focus_name]
        keep: list[dict] = []
        for start in starts:
            up, down = _closure(edges, start, upstream=True), _closure(edges, start, upstream=False)
            keep += [
                e
                for e in edges
                if e not in keep
                and ((e["target"] in up and e["source"] in up) or (e["source"] in down and e["target"] in down))
            ]
        edges = keep
    edges = sorted(edges, key=lambda e: (e["source"], e["target"]))
    nodes = sorted(
        {e["source"] for e in edges} | {e["target"] for e in edges}, key=lambda n: (_country(gazetteer, n), n)
    )
    index = {n: i for i, n in enumerate(nodes)}
    country = {n: _country(gazetteer, n) for n in nodes}
    out_count: dict[str, int] = defaultdict(int)
    in_count: dict[str, int] = defaultdict(int)
    for e in edges:
        out_count[e["source"]] += e["count"]
        in_count[e["target"]] += e["count"]
    figure = go.Figure(
        go.Sankey(
            arrangement="snap",
            valueformat="d",
            valuesuffix=" statement(s)",
            textfont=dict(size=12, color="#111111", family="Source Sans Pro, Helvetica, Arial, sans-serif"),
            node=dict(
                label=nodes,
                color=[country_colour(country[n]) for n in nodes],
                pad=14,
                thickness=14,
                line=dict(color="#FFFFFF", width=0.5),
                customdata=[
                    f"{country[n] or 'country unknown'}; {in_count[n]} statement(s) in, {out_count[n]} out"
                    for n in nodes
                ],
                hovertemplate="%{label} (%{customdata})<extra></extra>",
            ),
            link=dict(
                source=[index[e["source"]] for e in edges],
                target=[index[e["target"]] for e in edges],
                value=[e["count"] for e in edges],
                color=[_fade(country_colour(country[e["source"]])) for e in edges],
                label=[", ".join(_RELATION_LABELS.get(r, r) for r in e["relations"]) for e in edges],
                customdata=[
                    f"{e['count']} statement(s) in {', '.join(e['docs']) or '—'}"
                    + "".join(f"<br>• {item}" for item in e["items"])
                    for e in edges
                ],
                hovertemplate="<b>%{source.label} → %{target.label}</b>: %{label}<br>%{customdata}<extra></extra>",
            ),
        )
    )
    # the country colours, as in the network chart (legend entries only: the Sankey draws the nodes)
    for name in sorted({country[n] or "other" for n in nodes}, key=lambda c: (c == "other", c)):
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                hoverinfo="skip",
                marker=dict(size=10, symbol="square", color=country_colour(name) if name != "other" else OTHER_COLOUR),
            )
        )
    figure.update_layout(
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
        margin=dict(l=10, r=10, t=50, b=48),
        legend=dict(
            title=dict(text="Country"),
            orientation="h",
            x=0,
            xanchor="left",
            y=-0.03,
            yanchor="top",
            font=dict(size=11),
            bgcolor="rgba(0,0,0,0)",
        ),
    )
    title = f"Flows to and from {focus_name}" if focus_name else "Flows from makers via intermediaries to end users"
    return apply(figure, title, height=max(300, min(480, 120 + 34 * len(nodes))))


def _closure(edges: list[dict], start: str, upstream: bool) -> set[str]:
    seen = {start}
    frontier = [start]
    while frontier:
        node = frontier.pop()
        for edge in edges:
            a, b = (edge["target"], edge["source"]) if upstream else (edge["source"], edge["target"])
            if a == node and b not in seen:
                seen.add(b)
                frontier.append(b)
    return seen


def _fade(hex_colour: str, alpha: float = 0.45) -> str:
    value = hex_colour.lstrip("#")
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"

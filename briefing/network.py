"""Charts of the supply network: a node-link chart and a Sankey of flows from makers via intermediaries to users.

Layouts are deterministic: concentric rings by the number of hops from a centre (the focus entity, else the
best-connected one), nodes on a ring ordered by country and name at equal angles. No randomness.
"""

from __future__ import annotations

import math
from collections import defaultdict

import pandas as pd
import plotly.graph_objects as go

from .style import OTHER_COLOUR, apply, country_colour

FLOW_RELATIONS = ("supplies", "intermediary_for")
_RELATION_LABELS = {"supplies": "supplies", "intermediary_for": "intermediary for", "owns": "owns",
                    "trades_with": "trades with", "sanctions": "sanctions", "depends_on": "depends on",
                    "hosts": "hosts", "produces_in": "produces in"}


def _country(gazetteer, name: str) -> str:
    country = gazetteer.country_of(name) if gazetteer is not None else ""
    return country or ""


def _resolve_focus(gazetteer, focus: str | None) -> str | None:
    if not focus:
        return None
    resolved = gazetteer.resolve(focus) if gazetteer is not None else None
    return resolved or focus


def _edges(relations: pd.DataFrame) -> list[dict]:
    """One edge per (source, target, relation), with its items and the number of statements."""
    grouped: dict[tuple[str, str, str], dict] = {}
    if relations is None or relations.empty:
        return []
    for row in relations.sort_values(["source", "target", "relation", "relation_id"]).itertuples(index=False):
        key = (row.source, row.target, row.relation)
        edge = grouped.setdefault(key, {"source": row.source, "target": row.target, "relation": row.relation,
                                        "items": [], "count": 0})
        edge["count"] += 1
        item = row.item if isinstance(row.item, str) else ""
        if item and item not in edge["items"]:
            edge["items"].append(item)
    return list(grouped.values())


def _distances(edges: list[dict], centre: str) -> dict[str, int]:
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in edges:
        neighbours[edge["source"]].add(edge["target"])
        neighbours[edge["target"]].add(edge["source"])
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


def _label(edge: dict) -> str:
    if edge["items"]:
        shown = "; ".join(edge["items"][:3]) + ("; …" if len(edge["items"]) > 3 else "")
        return shown if edge["relation"] == "supplies" else f"{_RELATION_LABELS.get(edge['relation'], edge['relation'])}: {shown}"
    return _RELATION_LABELS.get(edge["relation"], edge["relation"].replace("_", " "))


def layout(nodes: list[str], edges: list[dict], centre: str | None, gazetteer=None) -> dict[str, tuple[float, float]]:
    """Concentric rings by hops from ``centre``; unreachable nodes on the outermost ring."""
    if not nodes:
        return {}
    distance = _distances(edges, centre) if centre in nodes else {}
    outer = max(distance.values(), default=0) + 1
    rings: dict[int, list[str]] = defaultdict(list)
    for node in nodes:
        rings[distance.get(node, outer)].append(node)
    positions: dict[str, tuple[float, float]] = {}
    for ring, members in sorted(rings.items()):
        members.sort(key=lambda n: (_country(gazetteer, n), n))
        if ring == 0 and len(members) == 1:
            positions[members[0]] = (0.0, 0.0)
            continue
        radius = float(ring if ring else 1)
        offset = 0.5 * ring  # stagger rings so that edges do not lie on top of each other
        for index, node in enumerate(members):
            angle = 2 * math.pi * index / len(members) + offset
            positions[node] = (round(radius * math.cos(angle), 6), round(radius * math.sin(angle), 6))
    return positions


def network_chart(relations: pd.DataFrame, entities: pd.DataFrame, gazetteer, focus: str | None = None) -> go.Figure:
    """The network: nodes coloured by country and sized by their relations, arrows labelled with what flows."""
    edges = _edges(relations)
    focus_name = _resolve_focus(gazetteer, focus)
    if focus_name:
        near = _distances(edges, focus_name)
        keep = {n for n, d in near.items() if d <= 2}
        edges = [e for e in edges if e["source"] in keep and e["target"] in keep and
                 (focus_name in (e["source"], e["target"]) or near.get(e["source"], 9) + near.get(e["target"], 9) <= 3)]
    degree: dict[str, int] = defaultdict(int)
    for edge in edges:
        degree[edge["source"]] += edge["count"]
        degree[edge["target"]] += edge["count"]
    nodes = sorted(degree)
    if focus_name and focus_name not in degree and entities is not None and not entities.empty and \
            focus_name in set(entities.get("entity", pd.Series(dtype=str))):
        nodes = [focus_name]
    centre = focus_name if focus_name in nodes else (
        sorted(nodes, key=lambda n: (-degree[n], n))[0] if nodes else None)
    positions = layout(nodes, edges, centre, gazetteer)
    figure = go.Figure()
    annotations = []
    label_x, label_y, label_text, label_hover = [], [], [], []
    for edge in edges:
        (x0, y0), (x1, y1) = positions[edge["source"]], positions[edge["target"]]
        annotations.append(dict(x=x1, y=y1, ax=x0, ay=y0, xref="x", yref="y", axref="x", ayref="y", text="",
                                showarrow=True, arrowhead=2, arrowsize=1.2, arrowwidth=1 + min(edge["count"], 4) * 0.5,
                                arrowcolor=country_colour(_country(gazetteer, edge["source"])), opacity=0.6,
                                standoff=14, startstandoff=10))
        label_x.append(round(x0 + (x1 - x0) * 0.55, 6))
        label_y.append(round(y0 + (y1 - y0) * 0.55, 6))
        label_text.append(_label(edge))
        label_hover.append(f"{edge['source']} → {edge['target']}: {_RELATION_LABELS.get(edge['relation'], edge['relation'])}"
                           f"<br>{'; '.join(edge['items']) or '—'}<br>{edge['count']} statement(s)")
    figure.add_trace(go.Scatter(x=label_x, y=label_y, mode="text", text=label_text, hovertext=label_hover,
                                hoverinfo="text", textfont=dict(size=9, color="#444444"), name="flows",
                                showlegend=False))
    by_country: dict[str, list[str]] = defaultdict(list)
    for node in nodes:
        by_country[_country(gazetteer, node) or "other"].append(node)
    for country in sorted(by_country, key=lambda c: (c == "other", c)):
        members = by_country[country]
        colour = country_colour(country) if country != "other" else OTHER_COLOUR
        figure.add_trace(go.Scatter(
            x=[positions[n][0] for n in members], y=[positions[n][1] for n in members], mode="markers+text",
            text=members, textposition="top center", name=country,
            marker=dict(size=[12 + 6 * math.sqrt(degree.get(n, 0)) for n in members], color=colour,
                        line=dict(width=2 if focus_name else 1, color=["#000000" if n == focus_name else "#FFFFFF"
                                                                       for n in members])),
            hovertext=[f"{n} ({country}): {degree.get(n, 0)} relation(s)" for n in members], hoverinfo="text"))
    figure.update_layout(annotations=annotations, xaxis=dict(visible=False), yaxis=dict(visible=False, scaleanchor="x"),
                         legend=dict(title="Country"))
    title = f"Supply network around {focus_name}" if focus_name else "Supply network"
    return apply(figure, title, height=620)


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
    """Flows (supplies, intermediaries) from component makers via intermediaries to end users."""
    flows = relations[relations["relation"].isin(FLOW_RELATIONS)] if relations is not None and not relations.empty \
        else pd.DataFrame(columns=["source", "target", "relation", "item", "relation_id"])
    edges = []
    merged: dict[tuple[str, str], dict] = {}
    for edge in _edges(flows):
        key = (edge["source"], edge["target"])
        target = merged.setdefault(key, {"source": edge["source"], "target": edge["target"], "items": [], "count": 0,
                                         "relations": []})
        target["count"] += edge["count"]
        target["relations"].append(edge["relation"])
        target["items"].extend(i for i in edge["items"] if i not in target["items"])
    edges = _acyclic(list(merged.values()))
    focus_name = _resolve_focus(gazetteer, focus)
    if focus_name:
        up, down = _closure(edges, focus_name, upstream=True), _closure(edges, focus_name, upstream=False)
        edges = [e for e in edges if (e["target"] in up and e["source"] in up) or
                 (e["source"] in down and e["target"] in down)]
    edges = sorted(edges, key=lambda e: (e["source"], e["target"]))
    nodes = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
    index = {n: i for i, n in enumerate(nodes)}
    colours = [country_colour(_country(gazetteer, n)) for n in nodes]
    figure = go.Figure(go.Sankey(
        arrangement="fixed",
        node=dict(label=nodes, color=colours, pad=18, thickness=16, line=dict(color="#FFFFFF", width=0.5),
                  customdata=[_country(gazetteer, n) or "—" for n in nodes],
                  hovertemplate="%{label} (%{customdata})<extra></extra>"),
        link=dict(source=[index[e["source"]] for e in edges], target=[index[e["target"]] for e in edges],
                  value=[e["count"] for e in edges],
                  color=[_fade(country_colour(_country(gazetteer, e["source"]))) for e in edges],
                  label=["; ".join(e["items"]) or ", ".join(_RELATION_LABELS[r] for r in e["relations"])
                         for e in edges],
                  customdata=["; ".join(e["items"]) or "—" for e in edges],
                  hovertemplate="%{source.label} → %{target.label}: %{customdata}<extra></extra>"),
    ))
    title = f"Flows to and from {focus_name}" if focus_name else "Flows from makers via intermediaries to end users"
    return apply(figure, title, height=480)


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
    r, g, b = (int(value[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"

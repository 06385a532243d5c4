"""The network chart and the Sankey: nodes, edges, colours and a deterministic layout."""

from __future__ import annotations

import pandas as pd
import pytest

from briefing.entities import load_gazetteer
from briefing.network import layout, network_chart, sankey_chart
from briefing.schema import ENTITY_COLUMNS, RELATION_COLUMNS
from briefing.style import country_colour


def _rel(source, target, relation, item="", n=0):
    row = dict.fromkeys(RELATION_COLUMNS, "")
    row.update(relation_id=f"d:{n}:{source}>{target}:{relation}", doc="d.txt", source=source, target=target,
               relation=relation, item=item)
    return row


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def relations() -> pd.DataFrame:
    rows = [_rel("China", "Peleng", "supplies", "optics", 1), _rel("Japan", "Peleng", "supplies", "sensors", 1),
            _rel("Shenzhen 5G", "Peleng", "intermediary_for", "", 2),
            _rel("Peleng", "Russia", "supplies", "fire-control systems", 3),
            _rel("Belarus", "Russia", "supplies", "ammunition", 4), _rel("Belarus", "Russia", "supplies", "trucks", 5),
            _rel("Russia", "Belarus", "supplies", "tactical nuclear weapons", 6),
            _rel("Belarus", "Peleng", "owns", "", 7), _rel("Iran", "Russia", "supplies", "drones", 8)]
    return pd.DataFrame(rows, columns=RELATION_COLUMNS)


@pytest.fixture(scope="module")
def entities() -> pd.DataFrame:
    return pd.DataFrame([dict(dict.fromkeys(ENTITY_COLUMNS, ""), entity="Ukraine")], columns=ENTITY_COLUMNS)


def _nodes(figure):
    out = {}
    for trace in figure.data:
        if trace.mode == "markers+text":
            for name, x, y, size in zip(trace.text, trace.x, trace.y, trace.marker.size):
                out[name] = dict(country=trace.name, colour=trace.marker.color, x=x, y=y, size=size)
    return out


def test_network_chart_nodes_edges_and_colours(relations, entities, gazetteer):
    figure = network_chart(relations, entities, gazetteer)
    nodes = _nodes(figure)
    assert set(nodes) == {"China", "Japan", "Shenzhen 5G", "Peleng", "Russia", "Belarus", "Iran"}
    assert nodes["Peleng"]["colour"] == country_colour("Belarus")
    assert nodes["Shenzhen 5G"]["colour"] == country_colour("China")
    assert nodes["Russia"]["colour"] == country_colour("Russia")
    # sized by relations: Russia (5) and Peleng (5) outrank Japan (1)
    assert nodes["Russia"]["size"] > nodes["Japan"]["size"]
    arrows = figure.layout.annotations
    assert len(arrows) == 8  # one per (source, target, relation); Belarus -> Russia supplies merged
    labels = list(next(t for t in figure.data if t.mode == "text").text)
    assert "ammunition; trucks" in labels and "intermediary for" in labels and "owns" in labels
    assert figure.layout.title.text == "Supply network"


def test_network_chart_focus_is_central_and_limited_to_its_neighbourhood(relations, entities, gazetteer):
    figure = network_chart(relations, entities, gazetteer, focus="Shenzhen 5G")
    nodes = _nodes(figure)
    assert (nodes["Shenzhen 5G"]["x"], nodes["Shenzhen 5G"]["y"]) == (0.0, 0.0)
    assert "Iran" not in nodes  # three hops away
    assert {"Peleng", "China", "Japan", "Russia", "Belarus"} <= set(nodes)
    assert "Shenzhen 5G" in figure.layout.title.text
    belarus = network_chart(relations, entities, gazetteer, focus="Belarusian")  # resolved through the gazetteer
    assert (_nodes(belarus)["Belarus"]["x"], _nodes(belarus)["Belarus"]["y"]) == (0.0, 0.0)
    alone = network_chart(relations.iloc[0:0], entities, gazetteer, focus="Ukraine")
    assert list(_nodes(alone)) == ["Ukraine"]


def test_layout_and_charts_are_deterministic(relations, entities, gazetteer):
    assert network_chart(relations, entities, gazetteer).to_json() == \
        network_chart(relations, entities, gazetteer).to_json()
    assert sankey_chart(relations, gazetteer).to_json() == sankey_chart(relations, gazetteer).to_json()
    edges = [{"source": "A", "target": "B"}, {"source": "B", "target": "C"}]
    positions = layout(["C", "B", "A"], edges, "A")
    assert positions["A"] == (0.0, 0.0)
    assert sum(v * v for v in positions["B"]) == pytest.approx(1.0, abs=1e-4)
    assert sum(v * v for v in positions["C"]) == pytest.approx(4.0, abs=1e-4)


def test_sankey_flows_from_makers_via_intermediaries_to_users(relations, gazetteer):
    figure = sankey_chart(relations, gazetteer)
    sankey = figure.data[0]
    labels = list(sankey.node.label)
    assert "Shenzhen 5G" in labels and "Peleng" in labels
    links = {(labels[s], labels[t]): v for s, t, v in zip(sankey.link.source, sankey.link.target, sankey.link.value)}
    assert links[("China", "Peleng")] == 1 and links[("Peleng", "Russia")] == 1
    assert links[("Shenzhen 5G", "Peleng")] == 1 and links[("Belarus", "Russia")] == 2
    assert ("Belarus", "Peleng") not in links  # ownership is not a flow
    assert ("Russia", "Belarus") not in links  # the weaker flow closing a cycle is left out of the Sankey
    assert list(sankey.node.color)[labels.index("Iran")] == country_colour("Iran")
    focused = sankey_chart(relations, gazetteer, focus="Peleng").data[0]
    assert set(focused.node.label) == {"China", "Japan", "Shenzhen 5G", "Peleng", "Russia"}

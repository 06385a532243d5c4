"""The network chart and the Sankey: nodes, edges, colours and a deterministic layout."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from briefing import network
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
    """name -> position, size, colour and country, from the marker traces (one per country)."""
    out = {}
    for trace in figure.data:
        if trace.mode == "markers" and trace.customdata is not None:
            for name, x, y, size in zip(trace.customdata, trace.x, trace.y, trace.marker.size):
                out[name] = dict(country=trace.name, colour=trace.marker.color, x=x, y=y, size=size)
    return out


def _edges(figure):
    """The drawn edges, as the chart records them on each edge trace."""
    return [trace.meta for trace in figure.data if isinstance(trace.meta, dict) and "relation" in trace.meta]


def test_nodes_are_coloured_by_country_and_sized_by_statements(relations, entities, gazetteer):
    figure = network_chart(relations, entities, gazetteer)
    nodes = _nodes(figure)
    assert set(nodes) == {"China", "Japan", "Shenzhen 5G", "Peleng", "Russia", "Belarus", "Iran"}
    assert nodes["Peleng"]["colour"] == country_colour("Belarus")  # a Belarusian firm takes its country's colour
    assert nodes["Shenzhen 5G"]["colour"] == country_colour("China")
    assert nodes["Russia"]["colour"] == country_colour("Russia")
    assert nodes["Russia"]["size"] > nodes["Japan"]["size"]  # 6 statements against 1
    assert figure.layout.title.text.startswith("Supply network")


def test_edges_are_one_per_pair_and_relation_type_with_every_item(relations, entities, gazetteer):
    edges = _edges(network_chart(relations, entities, gazetteer))
    keys = [(e["source"], e["target"], e["relation"]) for e in edges]
    assert len(keys) == len(set(keys)) == 8  # the two Belarus -> Russia supply statements are one edge
    merged = next(e for e in edges if (e["source"], e["target"], e["relation"]) == ("Belarus", "Russia", "supplies"))
    assert merged["count"] == 2 and set(merged["items"]) == {"ammunition", "trucks"}
    assert ("Russia", "Belarus", "supplies") in keys  # direction kept: the other way is another edge


def test_shown_labels_never_overlap_and_stay_on_the_canvas(relations, entities, gazetteer):
    figure = network_chart(relations, entities, gazetteer)
    boxes = []
    for note in figure.layout.annotations:
        if note.xref != "x":
            continue  # the title and paper-level notes
        text = re.sub(r"<[^>]+>", "", note.text)
        box = network._text_box(note.x, note.y, text, note.font.size)
        assert network._inside(box), text
        boxes.append((text, box))
    assert {"Belarus", "Russia", "Peleng"} <= {text for text, _ in boxes}
    assert any(text.startswith("supplies") for text, _ in boxes), "edge labels are shown where they fit"
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1:]:
            assert not network._overlaps(box_a, box_b, pad=0), f"{a!r} overlaps {b!r}"


def test_focus_is_central_and_the_chart_limited_to_its_neighbourhood(relations, entities, gazetteer):
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


def test_layout_puts_each_hop_on_a_wider_ring_and_is_deterministic(relations, entities, gazetteer):
    assert network_chart(relations, entities, gazetteer).to_json() == \
        network_chart(relations, entities, gazetteer).to_json()
    assert sankey_chart(relations, gazetteer).to_json() == sankey_chart(relations, gazetteer).to_json()
    edges = [{"source": "A", "target": "B"}, {"source": "B", "target": "C"}]
    positions = layout(["C", "B", "A"], edges, "A")
    assert positions["A"] == (0.0, 0.0)
    distance = {n: (x * x + y * y) ** 0.5 for n, (x, y) in positions.items()}
    assert 0 < distance["B"] < distance["C"]
    assert layout(["C", "B", "A"], edges, "A") == positions


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


def test_designated_nodes_carry_their_designation_date(relations, entities, gazetteer):
    designation = {"authority": "US Treasury (OFAC)", "listed_on": "2021-12-02",
                   "ref": "data/reference/sanctions_designations.csv:2"}
    figure = network_chart(relations, entities, gazetteer, designations={"Peleng": designation})
    labels = [note.text for note in figure.layout.annotations if note.xref == "x"]
    assert "Peleng<br>designated 2021-12-02" in labels
    trace = next(t for t in figure.data if t.mode == "markers" and t.customdata is not None and "Peleng" in t.customdata)
    at = list(trace.customdata).index("Peleng")
    assert trace.marker.line.color[at] == network.SANCTIONS_COLOUR
    assert "sanctions_designations.csv:2" in trace.hovertext[at]
    assert any(t.name == "designated" for t in figure.data)

"""The network chart and the Sankey: nodes, edges, colours and a deterministic layout."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from briefing.extraction.entities import load_gazetteer
from briefing.presentation import network
from briefing.presentation.network import layout, network_chart, sankey_chart
from briefing.presentation.style import country_colour
from briefing.schema import ENTITY_COLUMNS, RELATION_COLUMNS


def _rel(source, target, relation, item="", n=0):
    row = dict.fromkeys(RELATION_COLUMNS, "")
    row.update(
        relation_id=f"d:{n}:{source}>{target}:{relation}",
        doc="d.txt",
        source=source,
        target=target,
        relation=relation,
        item=item,
    )
    return row


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="module")
def relations() -> pd.DataFrame:
    rows = [
        _rel("China", "Peleng", "supplies", "optics", 1),
        _rel("Japan", "Peleng", "supplies", "sensors", 1),
        _rel("Shenzhen 5G", "Peleng", "intermediary_for", "", 2),
        _rel("Peleng", "Russia", "supplies", "fire-control systems", 3),
        _rel("Belarus", "Russia", "supplies", "ammunition", 4),
        _rel("Belarus", "Russia", "supplies", "trucks", 5),
        _rel("Russia", "Belarus", "supplies", "tactical nuclear weapons", 6),
        _rel("Belarus", "Peleng", "owns", "", 7),
        _rel("Iran", "Russia", "supplies", "drones", 8),
    ]
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
        for b, box_b in boxes[i + 1 :]:
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
    assert (
        network_chart(relations, entities, gazetteer).to_json()
        == network_chart(relations, entities, gazetteer).to_json()
    )
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
    designation = {
        "authority": "US Treasury (OFAC)",
        "listed_on": "2021-12-02",
        "ref": "data/reference/sanctions_designations.csv:2",
    }
    figure = network_chart(relations, entities, gazetteer, designations={"Peleng": designation})
    labels = [note.text for note in figure.layout.annotations if note.xref == "x"]
    assert "Peleng<br>designated 2021-12-02" in labels
    trace = next(
        t for t in figure.data if t.mode == "markers" and t.customdata is not None and "Peleng" in t.customdata
    )
    at = list(trace.customdata).index("Peleng")
    assert trace.marker.line.color[at] == network.SANCTIONS_COLOUR
    assert "sanctions_designations.csv:2" in trace.hovertext[at]
    assert any(t.name == "designated" for t in figure.data)


@pytest.fixture(scope="module")
def crowded() -> pd.DataFrame:
    """Many relation types both ways between two nodes, long item lists: the case that used to pile up labels."""
    rows, n = [], 0
    for relation in ("supplies", "depends_on", "intermediary_for", "hosts"):
        for k in range(4):
            n += 1
            rows.append(_rel("Belarus", "Russia", relation, f"a rather long item description number {k}", n))
    for relation in ("supplies", "depends_on", "produces_in"):
        n += 1
        rows.append(_rel("Russia", "Belarus", relation, "tactical nuclear weapons", n))
    for source, target, relation in [
        ("China", "Peleng", "supplies"),
        ("Japan", "Peleng", "supplies"),
        ("Taiwan", "Peleng", "supplies"),
        ("Shenzhen 5G", "Peleng", "intermediary_for"),
        ("Peleng", "Russia", "supplies"),
        ("Belarus", "Peleng", "owns"),
        ("Iran", "Russia", "supplies"),
        ("Belarus", "Iran", "trades_with"),
        ("MZKT", "Iran", "supplies"),
        ("The West", "Belarus", "sanctions"),
        ("China", "Belarus", "produces_in"),
    ]:
        n += 1
        rows.append(_rel(source, target, relation, "motors, sensors and optics", n))
    return pd.DataFrame(rows, columns=RELATION_COLUMNS)


def _boxes(figure):
    """(kind, text, box) for every label drawn on the chart, and a box for every node marker."""
    out = []
    for note in figure.layout.annotations:
        if note.xref == "x":
            text = re.sub(r"<[^>]+>", "", note.text.replace("<br>", "\n"))
            lines = note.text.split("<br>")
            box = network._text_box(
                note.x, note.y, "<br>".join(re.sub(r"<[^>]+>", "", ln) for ln in lines), note.font.size
            )
            out.append(
                (note.name.split(":")[0], note.name.split(":", 1)[1] if note.name.startswith("node:") else text, box)
            )
    for name, node in _nodes(figure).items():
        r = node["size"] / 2
        out.append(("marker", name, (node["x"] - r, node["y"] - r, node["x"] + r, node["y"] + r)))
    return out


@pytest.mark.parametrize("focus", [None, "Belarus", "Iran", "Peleng"])
def test_crowded_chart_drops_labels_rather_than_overlap(crowded, entities, gazetteer, focus):
    figure = network_chart(crowded, entities, gazetteer, focus=focus)
    boxes = _boxes(figure)
    for i, (kind_a, a, box_a) in enumerate(boxes):
        assert network._inside(box_a) or kind_a == "marker", a
        for kind_b, b, box_b in boxes[i + 1 :]:
            if kind_a == kind_b == "marker":
                assert not network._overlaps(box_a, box_b, pad=0), f"nodes {a!r} and {b!r} drawn on each other"
            elif not ({kind_a, kind_b} == {"node", "marker"} and a == b):  # a label may touch its own node
                assert not network._overlaps(box_a, box_b, pad=0), f"{a!r} overlaps {b!r}"
    positions = {(round(box[0]), round(box[1])) for kind, _, box in boxes if kind == "edge"}
    assert len(positions) == sum(kind == "edge" for kind, _, _ in boxes)  # no two labels at the same place
    edges = _edges(figure)
    shown = [e for e in edges if e["label"]]
    assert shown and len(shown) == sum(kind == "edge" for kind, _, _ in boxes)
    if len(shown) < len(edges):  # a crowded chart says that labels were left out, and the hover keeps them
        assert "left out" in figure.layout.title.text
    for trace in figure.data:
        if isinstance(trace.meta, dict) and trace.meta.get("relation") == "supplies" and trace.meta["count"] > 1:
            assert f"{trace.meta['count']} statements in d.txt" in trace.hovertext
            assert all(item in trace.hovertext for item in trace.meta["items"])


def test_edge_labels_are_short_and_the_hover_has_everything(crowded, entities, gazetteer):
    figure = network_chart(crowded, entities, gazetteer, focus="Belarus")
    labels = {note.text: note.hovertext for note in figure.layout.annotations if (note.name or "").startswith("edge:")}
    assert labels and all(len(text) <= 50 for text in labels)
    merged = [text for text in labels if text.endswith("+3 more")]
    assert merged, labels
    hover = labels[merged[0]]
    assert hover.count("• ") == 4 and "4 statements" in hover and "d.txt" in hover
    assert network.edge_label({"relation": "owns", "items": []}) == "owns"
    assert (
        network.edge_label({"relation": "supplies", "items": ["ammunition", "trucks", "fuel"]})
        == "supplies: ammunition +2 more"
    )


def test_direction_and_relation_types_are_visible(crowded, entities, gazetteer):
    figure = network_chart(crowded, entities, gazetteer)
    traces = [t for t in figure.data if isinstance(t.meta, dict) and "relation" in t.meta]
    for trace in traces:  # an arrowhead at the target end only
        assert trace.marker.symbol == "arrow" and trace.marker.angleref == "previous"
        assert list(trace.marker.size)[:-1] == [0] * (len(trace.x) - 1) and trace.marker.size[-1] > 0
    dash = {t.meta["relation"]: t.line.dash for t in traces}
    assert dash["supplies"] == "solid" and dash["depends_on"] == "dot" and dash["owns"] == "dash"
    assert dash["intermediary_for"] == "dashdot" and dash["trades_with"] == "longdash"
    assert next(t for t in traces if t.meta["relation"] == "sanctions").line.color == network.SANCTIONS_COLOUR
    assert len(set(dash.values()) - {"solid"}) == len(dash) - 2  # only supplies and sanctions are solid
    legend = {t.name: t.line.dash for t in figure.data if t.legend == "legend2" and t.mode == "lines"}
    assert legend["supplies"] == "solid" and legend["depends on"] == "dot" and len(legend) == len(dash)
    widths = {t.meta["count"]: t.line.width for t in traces}
    assert widths[4] > widths[1] and max(widths.values()) <= 6  # width by statements, bounded
    assert max(n["size"] for n in _nodes(figure).values()) <= network.MAX_NODE


def test_ring_order_is_by_country_then_name(gazetteer):
    edges = [{"source": "Belarus", "target": n, "relation": "supplies"} for n in ("Russia", "Iran", "China", "MZKT")]
    positions = layout(["Belarus", "Russia", "Iran", "China", "MZKT"], edges, "Belarus", gazetteer)
    assert positions["Belarus"] == (0.0, 0.0)
    angle = {n: math.atan2(y, x) for n, (x, y) in positions.items() if n != "Belarus"}
    order = sorted(angle, key=lambda n: (angle[n] - angle["MZKT"]) % (2 * math.pi))
    assert order == ["MZKT", "China", "Iran", "Russia"]  # Belarus, China, Iran, Russia: by country, equal angles
    rx, ry = network._ring_radii(1)[0]
    on_ring = sorted(math.atan2(positions[n][1] / ry, positions[n][0] / rx) % (2 * math.pi) for n in angle)
    steps = {round((b - a) % (2 * math.pi), 4) for a, b in zip(on_ring, on_ring[1:] + on_ring[:1])}
    assert steps == {round(math.pi / 2, 4)}  # one ring, equal angles


def test_sankey_for_a_country_follows_its_companies_and_keeps_country_colours(crowded, gazetteer):
    figure = sankey_chart(crowded, gazetteer, focus="Belarus")
    sankey = figure.data[0]
    labels = list(sankey.node.label)
    assert {"Peleng", "China", "Japan", "Taiwan", "Shenzhen 5G", "Russia", "Belarus"} <= set(labels)
    for label, colour in zip(labels, sankey.node.color):
        assert colour == country_colour(gazetteer.country_of(label))
    legend = {t.name: t.marker.color for t in figure.data[1:]}
    assert legend["Belarus"] == country_colour("Belarus") and legend["Russia"] == country_colour("Russia")
    assert sankey.textfont.size >= 12
    assert figure.to_json() == sankey_chart(crowded, gazetteer, focus="Belarus").to_json()


def test_unreviewed_parties_are_drawn_open_with_a_hover_and_a_legend_entry(entities, gazetteer):
    rows = [
        _rel("Belarus", "Russia", "supplies", "shells", 1),
        _rel("Ningbo Parts", "Belarus", "supplies", "bearings", 2),
    ]
    rows[1]["unreviewed"] = "Ningbo Parts"
    figure = network_chart(pd.DataFrame(rows, columns=RELATION_COLUMNS), entities, gazetteer, focus="Belarus")
    symbols, hovers = {}, {}
    for trace in figure.data:
        if trace.mode == "markers" and trace.customdata is not None:
            for name, symbol, hover in zip(trace.customdata, trace.marker.symbol, trace.hovertext):
                symbols[name], hovers[name] = symbol, hover
    assert symbols == {"Belarus": "circle", "Russia": "circle", "Ningbo Parts": network.UNREVIEWED_SYMBOL}
    assert "unreviewed: not in the gazetteer" in hovers["Ningbo Parts"]
    assert "unreviewed" not in hovers["Belarus"]
    assert any(t.name == "unreviewed (not in the gazetteer)" and t.legend == "legend2" for t in figure.data)
    plain = network_chart(pd.DataFrame(rows[:1], columns=RELATION_COLUMNS), entities, gazetteer, focus="Belarus")
    assert not any(t.name and "unreviewed" in t.name for t in plain.data), "no legend entry without such a party"

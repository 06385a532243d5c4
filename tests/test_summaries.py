"""The briefing summarises at any corpus size: the best-supported items first, the rest counted, registers bounded."""

from __future__ import annotations

import pandas as pd

from briefing.analysis.tables import Tables
from briefing.presentation import registers, report
from briefing.presentation.charts import top_claims
from briefing.presentation.compose import Briefing
from briefing.presentation.network import _focus_edges
from briefing.presentation.registers import Register, write_register
from briefing.presentation.timeline import drawn_events, timeline_frame
from briefing.schema import RELATION_COLUMNS


def _figures(values_and_docs) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "figure_id": f"{doc}:{i}",
                "doc": doc,
                "measure_key": "share",
                "low": value,
                "high": value,
                "qualifier": "exact",
                "unit": "%",
                "period_start": "2022",
                "period_end": "2022",
            }
            for i, (value, doc) in enumerate(values_and_docs)
        ]
    )


def test_charts_draw_the_claims_most_documents_state_and_count_the_rest():
    figures = _figures([(20, "a"), (10, "a"), (10, "b"), (10, "c"), (30, "d"), (20, "e")])
    drawn, notes = top_claims(figures, limit=2)
    assert list(drawn["low"]) == [10, 20] and list(drawn["support"]) == [3, 2]
    assert notes == [
        "And 1 more distinct figures (1 statements) on this topic, not drawn: the chart shows the 2 "
        "stated by the most documents; the claims register lists every one."
    ]
    kept, notes = top_claims(figures.head(2), limit=2)
    assert list(kept["figure_id"]) == ["a:0", "a:1"] and notes == [], "a short list is drawn as it is, in order"


def _tables(relations: list[dict]) -> Tables:
    empty = pd.DataFrame()
    frame = pd.DataFrame([{c: "" for c in RELATION_COLUMNS} | r for r in relations], columns=RELATION_COLUMNS)
    return Tables(
        figures=empty, dates=empty, entities=empty, relations=frame, unknowns=empty, documents=empty, notices=empty
    )


def test_key_judgments_are_ranked_by_the_documents_that_state_them():
    relations = [
        {
            "relation_id": f"r{i}",
            "doc": doc,
            "source": "Belarus",
            "target": target,
            "relation": "supplies",
            "item": "shells",
        }
        for i, (doc, target) in enumerate(
            [("a", "Iran"), ("a", "Russia"), ("b", "Russia"), ("c", "Russia"), ("c", "China"), ("d", "China")]
        )
    ]
    html = report.key_judgments(_tables(relations), "Belarus", limit=2)
    russia, china = html.index("Belarus supplies Russia"), html.index("Belarus supplies China")
    assert russia < china, "three documents before two"
    assert "Belarus supplies Iran" not in html
    assert "… and 1 more relations of Belarus" in html and "(1 statements in 1 documents)" in html
    assert "3 documents" in html


def _briefing_with(corroboration: pd.DataFrame) -> Briefing:
    return Briefing(
        tables=_tables([]),
        register={},
        gazetteer=None,
        focus="Belarus",
        title="",
        as_of="",
        tonnes_per_wagon=None,
        corroboration=corroboration,
        relation_checks=pd.DataFrame(),
        topical_figures=pd.DataFrame(),
    )


def test_conflicts_are_grouped_by_what_they_contradict_with_counts():
    rows = [
        {
            "figure_id": f"d{i}:1",
            "doc": f"d{i}",
            "topic": "trade_share",
            "measure": "share of goods exports",
            "reference_ref": "data/reference/trade.csv:3",
            "status": "conflicting",
            "explanation": f"case {i}",
        }
        for i in range(3)
    ]
    rows.append(
        {
            "figure_id": "d9:5",
            "doc": "d9",
            "topic": "drones",
            "measure": "ordered",
            "reference_ref": "data/reference/drones.csv:2",
            "status": "conflicting",
            "explanation": "drones",
        }
    )
    html = _briefing_with(pd.DataFrame(rows)).conflict_callouts(limit=1)
    assert html.count('class="callout"') == 1
    assert "3 figures in 3 documents conflict with data/reference/trade.csv:3" in html and "case 0" in html
    assert "… and 1 more groups (1 conflicting figures)" in html


def test_a_register_carries_bounded_rows_in_the_page_and_all_of_them_in_its_csv(tmp_path, monkeypatch):
    frame = pd.DataFrame({"claim": [f"c{i:03d}" for i in range(500)], "sentence": ["x" * 96] * 500})
    register = Register("claims", "claims register", frame)
    monkeypatch.setattr(registers, "HTML_BYTES", 100 * 100)
    html = register._repr_html_()
    assert "c099" in html and "c100" not in html, "rows up to the byte budget travel as JSON"
    assert "500 rows; the first 100 are here" in html and "registers/claims.csv" in html
    assert html.count("<tr>") == 1 + registers.PREVIEW_ROWS, "the print preview: a header and the first rows"
    assert '<script type="module">' in html and "itables.org" not in html
    assert repr(register).startswith("claims register: 500 rows (full register: registers/claims.csv)")
    written = pd.read_csv(write_register(register, tmp_path))
    assert len(written) == 500


def test_register_cells_are_escaped_once():
    register = Register("sources", "data log", pd.DataFrame({"title": ["<script>alert(1)</script>"]}))
    html = register._repr_html_()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_timeline_draws_the_dates_most_documents_mention():
    dates = pd.DataFrame(
        [
            {"doc": f"d{i}", "value": value, "precision": "year", "text": value, "resolved": "True"}
            for i, value in enumerate(["2020", "2021", "2021", "2022", "2022", "2022", "2023"])
        ]
    )
    drawn, left_out = drawn_events(timeline_frame(dates), limit=2)
    assert list(drawn["value"]) == ["2021", "2022"] and left_out == 2


def test_network_keeps_the_focus_and_its_best_attested_neighbours():
    edges = [
        {"source": "Belarus", "target": f"N{i}", "relation": "supplies", "count": i + 1, "items": [], "docs": []}
        for i in range(30)
    ]
    kept = _focus_edges(edges, "Belarus", max_nodes=5)
    assert sorted(e["target"] for e in kept) == ["N26", "N27", "N28", "N29"]

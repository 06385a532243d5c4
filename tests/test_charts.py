"""The evidence charts: expected traces, values, hover links, and graceful empty charts."""

from pathlib import Path

import pandas as pd
import pytest

from briefing.analysis.reference import load_register
from briefing.presentation import charts
from briefing.presentation.style import country_colour

FIXTURES = Path(__file__).parent / "fixtures" / "reference"


@pytest.fixture(scope="module")
def figures():
    return pd.read_csv(FIXTURES / "seed_figures.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def register():
    return load_register()


def _trace(fig, prefix):
    hits = [t for t in fig.data if (t.name or "").startswith(prefix)]
    assert hits, [t.name for t in fig.data]
    return hits


def _month(x) -> str:
    return pd.Timestamp(x).strftime("%Y-%m")


@pytest.mark.parametrize("name", ["trade_dependence_chart", "iran_trade_chart", "ammunition_chart", "exercises_chart"])
def test_chart_points_link_to_their_row_of_the_claims_register(figures, register, name):
    """Every seed point's link (customdata: figure id, link) is the anchor of a row of the real claims register, the
    row of that same figure, and the point's hover shows it."""
    import re
    from types import SimpleNamespace

    from briefing.presentation.report import claims_register

    numeric = ["low", "high", "start", "end", "sentence_start", "sentence_end"]
    read = figures.assign(**{column: pd.to_numeric(figures[column]) for column in numeric})
    claims = claims_register(SimpleNamespace(figures=read))
    anchors = [re.search(r'id="([^"]+)"', cell).group(1) for cell in claims.html["claim"]]
    rows = dict(zip(anchors, (int(chars.split("–")[0]) for chars in claims.frame["characters"])))
    assert len(rows) == len(figures)
    starts = dict(zip(figures["figure_id"], read["start"]))
    fig = getattr(charts, name)(figures, register)
    links = [(t, point) for t in fig.data if (t.name or "").startswith("Seed") for point in t.customdata or ()]
    assert links, f"{name} draws seed points"
    for trace, (figure_id, link, *_) in links:
        assert link.startswith("#") and link[1:] in rows, f"{trace.name}: {link} is no row of the claims register"
        assert rows[link[1:]] == starts[figure_id], f"{trace.name}: {link} is the row of another figure"
        assert "%{customdata[1]}" in trace.hovertemplate


def test_ammunition_bars_gaps_and_double_counts(figures, register):
    fig = charts.ammunition_chart(figures, register)
    bars = [t for t in fig.data if t.type == "bar"]
    counted = [(_month(x), y) for t in bars for x, y in zip(t.x, t.y)]
    assert ("2022-03", 2558) in counted
    assert sorted(y for m, y in counted if m == "2022-04") == [22534, 29741]
    assert all(m != "2022-05" for m, _ in counted)
    gaps = _trace(fig, "No monthly count")[0]
    assert "2022-05" in {_month(x) for x in gaps.x} and "2022-04" not in {_month(x) for x in gaps.x}
    seed = _trace(fig, "Seed: 130,582 t")[0]
    assert seed.y[0] == pytest.approx(130582 / 13)
    assert seed.customdata[0][0] == "000_9aec26ecfd200c94:1718"
    assert seed.customdata[0][1] == "#claim-000-9aec26ecfd200c94-1718"
    assert seed.line.color == country_colour("Belarus")
    assert not any("Russia->Belarus" in (t.name or "") for t in fig.data)  # the seed's direction only
    assert "000_9aec26ecfd200c94.txt" in fig.layout.meta["source_note"]


def test_trade_dependence_ranges_open_ends_and_reference(figures, register):
    fig = charts.trade_dependence_chart(figures, register)
    band = _trace(fig, "Seed: 40–50%")[0]
    assert {40.0, 50.0} == set(band.y)
    assert band.fill == "toself"
    assert band.customdata[0][0] == "000_9aec26ecfd200c94:1983"
    sector = _trace(fig, "Seed: more than 90%")[0]
    assert "sector level" in sector.name and sector.fillpattern.shape == "/"
    assert max(sector.y) == 100 and min(sector.y) == 90  # open-ended up to the axis, not a point
    assert any("more than 90%" in (a.text or "") for a in fig.layout.annotations)
    reference = _trace(fig, "Reference: share of goods exports")[0]
    assert 43.9 in reference.y
    assert any("total trade" in t.name and "different measure" in t.name for t in fig.data)


def test_iran_index(figures, register):
    fig = charts.iran_trade_chart(figures, register)
    seed = _trace(fig, "Seed: trade turnover")[0]
    assert list(seed.x) == [2021, 2022] and list(seed.y) == [100, 300]
    turnover = _trace(fig, "Reference: trade turnover")[0]
    assert sorted(turnover.y) == [pytest.approx(290), pytest.approx(300)]


def test_exercises(figures, register):
    fig = charts.exercises_chart(figures, register)
    official = _trace(fig, "Official size")[0]
    assert dict(zip(official.x, official.y))[2021] == 12800
    seed = _trace(fig, "Seed figure for the year")[0]
    assert [round(x) for x in seed.x] == [2021] and list(seed.y) == [200000]
    assert _trace(fig, "Seed: about 13,000 troops, year not stated")


def test_ammunition_derived_cites_the_register_ratio(figures, register):
    derived = charts.ammunition_derived(figures, register).set_index("derived")
    assert derived.loc["average shipped per month", "value"] == pytest.approx(130582 / 13)
    wagons = derived.loc["rail-wagon equivalents"]
    assert wagons["value"] == pytest.approx(130582 / (65089 / 1940))
    assert "data/reference/ammunition_rail_shipments.csv:8" in wagons["inputs"]
    given = charts.ammunition_derived(figures, register, tonnes_per_wagon=60).set_index("derived")
    assert given.loc["rail-wagon equivalents", "value"] == pytest.approx(130582 / 60)
    assert "parameter" in given.loc["rail-wagon equivalents", "assumption"]


@pytest.mark.parametrize("name", ["trade_dependence_chart", "iran_trade_chart", "ammunition_chart", "exercises_chart"])
def test_charts_survive_missing_data(figures, register, name):
    function = getattr(charts, name)
    empty = function(figures.iloc[0:0], {})
    assert any("Neither" in (a.text or "") for a in empty.layout.annotations)
    assert function(figures, {}).layout.title.text
    assert function(figures.iloc[0:0], register).layout.title.text


def test_source_note_names_documents(figures):
    note = charts.source_note(figures.iloc[[2]])
    assert note.startswith("Source: ") and "000_9aec26ecfd200c94.txt" in note
    assert "none" in charts.source_note(figures.iloc[0:0])

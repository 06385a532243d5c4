"""Corroboration of the seeds' figures and relations against the reference register."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from briefing import DATA_DIR
from briefing.analysis.corroborate import Interval, check_relations, corroborate
from briefing.analysis.reference import load_register

FIXTURES = Path(__file__).parent / "fixtures" / "reference"


def _read(name: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def figures():
    return _read("seed_figures.csv")


@pytest.fixture(scope="module")
def register():
    return load_register()


@pytest.fixture(scope="module")
def table(figures, register):
    return corroborate(figures, register).set_index("text")


def test_one_row_per_figure_with_known_status(table, figures):
    assert len(table) == len(figures)
    assert set(table["status"]) <= {"corroborated", "conflicting", "different_measure", "unverified"}
    assert table["figure_id"].tolist() == figures["figure_id"].tolist()


def test_ammunition_total_conflicts_by_1000_tonnes(table):
    row = table.loc["130,582 tons"]
    assert row["topic"] == "ammunition_shipments"
    assert row["status"] == "conflicting"
    assert row["difference_abs"] == -1000
    assert row["difference_rel"] == pytest.approx(-1000 / 131582)
    assert round(abs(row["difference_rel"]) * 100, 2) == 0.76
    assert row["reference_value"] == "131,582 t"
    assert row["reference_ref"] == "data/reference/ammunition_rail_shipments.csv:2"
    assert row["source_url"].startswith("https://efe.com/")
    assert "1,000 t (0.76%) lower" in row["explanation"]
    assert row["match_basis"] == "same period"  # monthly counts are not compared with the 13-month total


def test_range_corroborated_by_point_inside(table):
    row = table.loc["40–50%"]
    assert row["status"] == "corroborated"
    assert "about 45%" in row["reference_value"]
    assert "Clingendael" in row["reported_by"]
    assert "41.1" not in row["reference_value"]  # 2021 is not "prior to 2021"


def test_osw_rows_are_a_different_measure(table):
    total_trade = table.loc["60–70%"]
    assert total_trade["status"] == "different_measure"
    assert total_trade["reference_value"] == "about 70%"
    assert "total trade" in total_trade["reference_measure"]
    assert "OSW" in total_trade["reported_by"]
    sector = table.loc["exceeding 90%"]
    assert sector["status"] == "different_measure"
    assert sector["measure"].startswith("share of exports in some sectors")
    assert sector["reference_value"] == "more than 90%"
    assert "transit" in sector["reference_measure"]


def test_more_than_is_not_backed_by_an_exact_figure(table):
    row = table.loc["more than 2,400 drones"]
    assert row["status"] == "conflicting"
    assert row["difference_abs"] == 0
    assert row["reference_value"] == "2,400 drones"
    assert "qualifier (more than) is not supported" in row["explanation"]


def test_multiplier_and_exercises(table):
    assert table.loc["threefold", "status"] == "corroborated"
    assert table.loc["threefold", "reference_ref"] == "data/reference/belarus_iran_trade.csv:5"
    assert "2.9×" in table.loc["threefold", "explanation"]
    year_2021 = table.loc["200,000 troops"]
    assert (year_2021["topic"], year_2021["status"]) == ("exercise_troops", "corroborated")
    assert "Russian defence ministry" in year_2021["reported_by"]
    assert "12,800" in year_2021["explanation"]
    assert table.loc["some 13,000 troops", "match_basis"].startswith("no period in the seed")


def test_nothing_to_compare_is_unverified(table):
    assert table.loc["49%", "status"] == "unverified"
    assert "no state-owned-enterprise tag" in table.loc["49%", "explanation"]
    assert table.loc["less than three years", "status"] == "unverified"


def test_adding_a_register_row_changes_the_classification(tmp_path, figures):
    folder = tmp_path / "reference"
    shutil.copytree(DATA_DIR / "reference", folder)
    with open(folder / "belarus_trade_with_russia.csv", "a", encoding="utf-8") as handle:
        handle.write("2023-01/2023-06,russia_share_of_goods_exports,66,%,exact,Test source,https://example.org/t,\n")
    # and an edit: the monitors' 13-month total now agrees with the seed
    path = folder / "ammunition_rail_shipments.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",131582,", ",130582,", 1), encoding="utf-8")
    table = corroborate(figures, load_register(folder)).set_index("text")
    assert table.loc["60–70%", "status"] == "corroborated"
    assert table.loc["60–70%", "reference_ref"] == "data/reference/belarus_trade_with_russia.csv:17".replace(
        "data/reference", folder.resolve().as_posix()
    )
    assert table.loc["130,582 tons", "status"] == "corroborated"


def test_missing_register_leaves_everything_unverified(figures):
    table = corroborate(figures, {})
    assert set(table["status"]) == {"unverified"}


def test_intervals():
    assert not Interval.of(2400, 2400, "more_than").meets(Interval.of(2400, 2400, "exact"))
    assert Interval.of(2400, 2400, "at_least").meets(Interval.of(2400, 2400, "exact"))
    assert Interval.of(40, 50, "exact").meets(Interval.of(45, 45, "exact"))
    assert Interval.of(13000, 13000, "approximately").meets(Interval.of(12000, 12000, "exact"))
    assert not Interval.of(130582, 130582, "exact").meets(Interval.of(131582, 131582, "exact"))


def test_relations_against_designations(register):
    checked = check_relations(_read("seed_relations.csv"), register).set_index(["source", "target"])
    link = checked.loc[("Shenzhen 5G", "Peleng")]
    assert link["status"] == "corroborated"
    assert (link["source_designated_on"], link["target_designated_on"]) == ("2024-04-15", "2021-12-02")
    assert link["linked_to"] == "PELENG JSC"
    peleng = checked.loc[("Peleng", "Russia")]
    assert peleng["status"] == "unverified"
    assert peleng["source_designated_on"] == "2021-12-02"
    assert "OFAC" in peleng["authority"]
    assert checked.loc[("MZKT", "Iran"), "source_designated_on"] == "2022-02-24"  # found by alias
    assert checked.loc[("Iran", "Russia"), "source_designated_on"] == ""


def test_by_a_date_is_a_point_not_an_open_start(figures, register):
    by_mid_2023 = figures.copy()
    row = by_mid_2023["text"] == "60–70%"
    by_mid_2023.loc[row, ["period_start", "period_end"]] = ["", "2023-06"]  # as the extractor gives it
    table = corroborate(by_mid_2023, register).set_index("text")
    assert table.loc["60–70%", "status"] == "different_measure"  # not compared with the 2022 57%
    assert table.loc["60–70%", "period"] == "2023-06"

"""The reference register: validated on load, one-line errors naming file and line."""

import shutil
from pathlib import Path

import pandas as pd
import pytest

from briefing import DATA_DIR
from briefing.analysis.reference import RegisterError, load_register, period_bounds

REGISTER = DATA_DIR / "reference"


@pytest.fixture(scope="module")
def register():
    return load_register()


@pytest.fixture
def copy(tmp_path) -> Path:
    folder = tmp_path / "reference"
    shutil.copytree(REGISTER, folder)
    return folder


def _edit(path: Path, line: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")


def test_register_loads_every_file_with_periods(register):
    assert set(register) == {
        "ammunition_rail_shipments",
        "belarus_iran_trade",
        "belarus_trade_with_russia",
        "sanctions_designations",
        "shahed_drones",
        "zapad_exercises",
    }
    ammo = register["ammunition_rail_shipments"]
    total = ammo[ammo["ref"] == "data/reference/ammunition_rail_shipments.csv:2"].iloc[0]
    assert total["tonnes"] == 131582
    assert total["period"] == "2022-01/2023-01"
    assert total["period_start"] == pd.Timestamp("2022-01-01")
    assert total["period_end"] == pd.Timestamp("2023-01-31")
    trade = register["belarus_trade_with_russia"]
    span = trade[trade["period"] == "1995/2020"].iloc[0]
    assert (span["period_start"], span["period_end"]) == (pd.Timestamp("1995-01-01"), pd.Timestamp("2020-12-31"))
    assert trade["value"].dtype == float
    assert register["zapad_exercises"]["year"].tolist() == [2009, 2013, 2017, 2021, 2025]


def test_period_bounds():
    assert period_bounds("2022-02") == (pd.Timestamp("2022-02-01"), pd.Timestamp("2022-02-28"))
    assert period_bounds("2025-09-01/2025-09-17") == (pd.Timestamp("2025-09-01"), pd.Timestamp("2025-09-17"))


@pytest.mark.parametrize(
    "file, line, old, new, problem",
    [
        ("belarus_trade_with_russia.csv", 5, ",43.9,", ",forty,", "value is not a number"),
        ("belarus_trade_with_russia.csv", 4, ",exact,", ",roughly,", "qualifier not one of"),
        ("belarus_iran_trade.csv", 3, "2022-01/2022-09", "Jan-Sep 2022", "not an ISO period"),
        ("shahed_drones.csv", 4, "https://en.interfax.com.ua/news/general/880870.html", "", "source_url is empty"),
        ("ammunition_rail_shipments.csv", 9, "2023-01,2023-01", "2023-01,2022-12", "ends before it starts"),
        ("zapad_exercises.csv", 3, "60000,90000", "90000,60000", "estimate_low above estimate_high"),
        ("sanctions_designations.csv", 2, "2021-12-02", "2/12/2021", "listed_on is not an ISO date"),
        ("belarus_iran_trade.csv", 6, ",USD,", ",USD,extra,", "fields, the header has 8"),
    ],
)
def test_malformed_row_names_file_and_line(copy, file, line, old, new, problem):
    _edit(copy / file, line, old, new)
    with pytest.raises(RegisterError) as error:
        load_register(copy)
    message = str(error.value)
    assert "\n" not in message
    assert message.startswith(f"{(copy / file).resolve().as_posix()}:{line}: ")
    assert problem in message


def test_error_inside_the_project_is_relative(copy):
    # the message for the real folder is "data/reference/FILE.csv:LINE: problem"
    from briefing.analysis.reference import display_path

    assert display_path(REGISTER / "shahed_drones.csv") == "data/reference/shahed_drones.csv"


def test_bad_header_is_line_one(copy):
    _edit(copy / "shahed_drones.csv", 1, "qualifier", "qualif")
    with pytest.raises(RegisterError, match=r"shahed_drones\.csv:1: header is not .*missing qualifier"):
        load_register(copy)


def test_new_file_with_the_measure_layout_loads(copy):
    (copy / "belarus_china_trade.csv").write_text(
        "period,measure,value,unit,qualifier,reported_by,source_url,note\n"
        "2023,trade_turnover,8.4e9,USD,approximately,Chinese customs,https://example.org/,\n",
        encoding="utf-8",
    )
    assert load_register(copy)["belarus_china_trade"]["value"].tolist() == [8.4e9]
    (copy / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(RegisterError, match=r"notes\.csv:1: unknown file"):
        load_register(copy)

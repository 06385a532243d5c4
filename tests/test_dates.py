"""Dates: ISO values and precision, periods, relative dates and the document's own date."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from briefing.extraction.dates import document_date, extract_dates, find_dates
from briefing.reading.documents import DOCUMENT_SUFFIXES, Document, read_document
from briefing.reading.text import split_sentences
from briefing.schema import DATE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"
ANCHOR = dt.date(2023, 6, 12)  # a Monday


def rows_of(path: Path) -> list[dict]:
    document = read_document(path)
    return extract_dates(document, split_sentences(document.text))


def test_seed_000_dates():
    rows = rows_of(SEEDS / "000_9aec26ecfd200c94.txt")
    assert [(r["text"], r["value"], r["precision"], r["resolved"]) for r in rows] == [
        ("September 12 – 16", "", "unresolved", False),  # no year and no document date
        ("2009", "2009", "year", True),
        ("2021", "2021", "year", True),
        ("January 2022-January 2023", "2022-01/2023-01", "period", True),
        ("February of 2022", "2022-02", "month", True),
        ("2021", "2021", "year", True),
        ("mid-2023", "2023-06", "season", True),
        ("this March", "", "unresolved", False),  # relative, and the seed has no date of its own
        ("2021 to 2022", "2021/2022", "period", True),
        ("April 17, 2024", "2024-04-17", "day", True),
        ("2022", "2022", "year", True),
    ]


def test_seed_003_has_no_dates_and_seeds_have_no_document_date():
    assert rows_of(SEEDS / "003_d90ae2d9ccfe776e.txt") == []
    for path in SEEDS.iterdir():
        assert document_date(read_document(path)) is None


@pytest.mark.parametrize(
    "path",
    [*sorted(SEEDS.iterdir()), *sorted(p for p in FIXTURES.iterdir() if p.suffix in DOCUMENT_SUFFIXES)],
    ids=lambda p: p.name,
)
def test_rows_have_the_schema_and_round_trip_offsets(path):
    document = read_document(path)
    for row in extract_dates(document, split_sentences(document.text)):
        assert list(row) == DATE_COLUMNS
        assert document.text[row["start"] : row["end"]] == row["text"]
        assert row["date_id"] == f"{path.stem}:{row['start']}"
        assert row["resolved"] == bool(row["value"])


@pytest.mark.parametrize(
    "name, expected",
    [
        ("wire_story.txt", "2023-06-12"),
        ("statistics_release.txt", "2024-03-03"),
        ("trade_table.html", "2023-11-05"),
        ("think_tank_paper.txt", None),
    ],
)
def test_document_date(name, expected):
    assert document_date(read_document(FIXTURES / name)) == expected


def test_relative_dates_resolve_against_the_dateline_not_the_clock():
    rows = {r["text"]: r["value"] for r in rows_of(FIXTURES / "wire_story.txt")}
    assert rows["this March"] == "2023-03"
    assert rows["last year"] == "2022"
    assert rows["Monday"] == "2023-06-12"
    assert rows["the first half of 2023"] == "2023-01/2023-06"


@pytest.mark.parametrize(
    "text, value, precision",
    [
        ("on 2024-04-17", "2024-04-17", "day"),
        ("on 17.04.2024", "2024-04-17", "day"),
        ("17 April 2024", "2024-04-17", "day"),
        ("April 17, 2024", "2024-04-17", "day"),
        ("in January 2022", "2022-01", "month"),
        ("in Q3 2023", "2023-07/2023-09", "season"),
        ("in early 2021", "2021-01/2021-04", "season"),
        ("summer of 2022", "2022-06/2022-08", "season"),
        ("winter 2022", "2022-12/2023-02", "season"),
        ("in 2022-23", "2022/2023", "period"),
        ("between 2020 and 2022", "2020/2022", "period"),
        ("January-March 2023", "2023-01/2023-03", "period"),
        ("12–16 September 2025", "2025-09-12/2025-09-16", "period"),
        ("the 1990s", "1990/1999", "period"),
        ("since at least 2022", "2022", "year"),
        ("from 2 to 9 April 2024", "2024-04-02/2024-04-09", "period"),
        ("between May and July 2023", "2023-05/2023-07", "period"),
        ("May–June 2022", "2022-05/2022-06", "period"),
        ("in the early 2000s", "2000/2003", "period"),
        ("by the mid-2010s", "2014/2016", "period"),
        ("in the late 1990s", "1997/1999", "period"),
        ("in the 2023/24 fiscal year", "2023/2024", "period"),
        ("in mid-March 2023", "2023-03", "month"),
    ],
)
def test_absolute_dates(text, value, precision):
    mentions = find_dates(text)
    assert [(m.value, m.precision) for m in mentions] == [(value, precision)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("this March", "2023-03"),
        ("last March", "2023-03"),
        ("next March", "2024-03"),
        ("last July", "2022-07"),
        ("last year", "2022"),
        ("next month", "2023-07"),
        ("yesterday", "2023-06-11"),
        ("on Friday", "2023-06-09"),
        ("in March", "2023-03"),
        ("on May 5", "2023-05-05"),
    ],
)
def test_relative_dates(text, value):
    assert [m.value for m in find_dates(text, ANCHOR)] == [value]
    unresolved = find_dates(text)
    assert [(m.value, m.precision, m.resolved) for m in unresolved] == [("", "unresolved", False)]


@pytest.mark.parametrize(
    "anchor, text, value",
    [
        ("2024-02-20", "Data for December are preliminary.", "2023-12"),  # a month still to come is last year's
        ("2024-02-20", "It was signed on 12 December.", "2023-12-12"),
        ("2024-02-20", "The exercise will be held in June.", "2024-06"),
        ("2024-02-20", "Talks are due in December.", "2024-12"),
        ("2024-02-20", "Exports fell in January.", "2024-01"),
        ("2023-11-10", "The plant will open in January.", "2024-01"),  # a month gone by is next year's in the future
        ("2023-11-10", "Lukashenko said in January that output rose.", "2023-01"),
        ("2024-02-20", "In the fourth quarter, 1.36 million tonnes were shipped.", "2023-10/2023-12"),
        ("2024-02-20", "Output will rise in the second half.", "2024-07/2024-12"),
        ("2023-11-10", "In Q1 exports fell.", "2023-01/2023-03"),
        ("2023-11-05", "Belarus will receive jets by the end of the year.", "2023-09/2023-12"),
        ("2023-11-05", "In the first half of this year exports rose.", "2023-01/2023-06"),
    ],
)
def test_a_month_without_a_year_takes_the_year_the_sentence_points_to(anchor, text, value):
    assert [m.value for m in find_dates(text, dt.date.fromisoformat(anchor))] == [value]


@pytest.mark.parametrize("anchor", [None, dt.date(2025, 6, 2)])
def test_a_day_or_month_without_a_year_shares_the_year_said_before_it_in_the_sentence(anchor):
    text = (
        "The drills ran from 10 to 16 September 2023 and again on 3-5 October, then in November. Trains left in March."
    )
    values = [m.value for m in find_dates(text, anchor)]
    assert values == ["2023-09-10/2023-09-16", "2023-10-03/2023-10-05", "2023-11", "2025-03" if anchor else ""]


def test_may_is_a_month_after_a_word_that_comes_before_months():
    text = "Since May, and between mid-March and early May, trains ran; Theresa May met Putin. May I? It may rain."
    mentions = find_dates(text, dt.date(2024, 6, 3))
    assert [(m.text, m.value) for m in mentions] == [("May", "2024-05"), ("mid-March and early May", "2024-03/2024-05")]


@pytest.mark.parametrize(
    "text",
    [
        "about 2000 troops",
        "1500 km of border",
        "Zapad-2021 drills",
        "a MZKT-791300 truck",
        "130,582 tons",
        "the 49% stake",
        "we may go",
        "2,015 wagons",
        "May and others",
        "rose from 2 to 9 percent",
        "in the last quarter",
        "the first half-century",
    ],
)
def test_not_dates(text):
    assert find_dates(text) == []


def test_dateline_forms():
    for header in (
        "Date: 2023-06-12\n\nBody.",
        "MINSK, June 12, 2023 (Reuters) - Body.",
        "12 June 2023\nBody text.",
        "# Title\n\n*Published 12 June 2023*\n\nBody.",
        "# Title\n\n**Updated:** 12 June 2023\n\nBody.",
        "# Title\n\n_12 June 2023_\n\nBody.",
    ):
        document = Document("x.txt", Path("x.txt"), header, "x", "utf-8")
        assert document_date(document) == "2023-06-12"


def test_dates_of_one_document_never_reach_another_of_the_same_name_checksum_and_length():
    """Two texts of equal length under one name and checksum (as tests build them) each resolve against their own
    date: "this year" is 2021 in the first and 2024 in the second."""
    first = Document("same.txt", Path("same.txt"), "Published 1 June 2021\n\nSales rose this year.", "x", "utf-8")
    second = Document("same.txt", Path("same.txt"), "Published 1 June 2024\n\nSales rose this year.", "x", "utf-8")
    assert len(first.text) == len(second.text)
    years = []
    for document in (first, second):
        rows = extract_dates(document, split_sentences(document.text))
        years.append([row["value"] for row in rows if row["text"] == "this year"])
    assert years == [["2021"], ["2024"]]


def test_a_number_after_any_qualifier_of_the_figure_rules_is_a_count_not_a_year():
    """The qualifiers are figure_rules.QUALIFIERS: "greater than", "higher than" (after "than", a year's context)."""
    for text in (
        "Greater than 2000 troops remained.",
        "Higher than 2010 drones were counted.",
        "More than 2000 troops remained.",
    ):
        assert find_dates(text) == [], text
    assert [d.text for d in find_dates("Sales were higher than in 2010 overall.")] == ["2010"]


def test_a_number_before_a_unit_of_the_figure_rules_is_a_quantity_not_a_year():
    for text in ("The line carries 2000 tonnes a day.", "The plant draws 2020 MW at peak.", "It flew 2010 km."):
        assert find_dates(text) == [], text

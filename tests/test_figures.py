"""Figures: exact rows for both seeds, offsets, and fixture documents in other styles with the hard cases."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.extraction.figures import extract_figures
from briefing.reading.documents import DOCUMENT_SUFFIXES, Document, read_document
from briefing.reading.text import split_sentences
from briefing.schema import FIGURE_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "documents"
# The documents beside their gold annotations (*.gold.csv, read by test_extraction_quality.py).
DOCUMENTS = sorted(p for p in FIXTURES.iterdir() if p.suffix in DOCUMENT_SUFFIXES)


def rows_of(path: Path) -> list[dict]:
    document = read_document(path)
    return extract_figures(document, split_sentences(document.text))


def rows_of_text(text: str, name: str = "inline.txt") -> list[dict]:
    document = Document(name, Path(name), text, "x", "utf-8")
    return extract_figures(document, split_sentences(text))


def summary(rows: list[dict]) -> list[tuple]:
    return [(r["text"], r["kind"], r["low"], r["high"], r["unit"], r["qualifier"]) for r in rows]


SEED_000 = [
    ("13,000 troops", "count", 13000, 13000, "troops", "approximately"),
    ("200,000 troops", "count", 200000, 200000, "troops", "exact"),
    ("130,582 tons", "quantity", 130582, 130582, "t", "exact"),
    ("three years", "duration", 3, 3, "years", "less_than"),
    ("40–50%", "percent", 40, 50, "%", "exact"),
    ("60–70%", "percent", 60, 70, "%", "exact"),
    ("90%", "percent", 90, 90, "%", "more_than"),
    ("2,400 drones", "count", 2400, 2400, "drones", "more_than"),
    ("threefold", "multiplier", 3, 3, "x", "exact"),
    ("49%", "percent", 49, 49, "%", "exact"),
]


def test_seed_000_exact_rows_and_nothing_else():
    assert summary(rows_of(SEEDS / "000_9aec26ecfd200c94.txt")) == SEED_000


def test_seed_000_periods_and_measures():
    rows = {r["text"]: r for r in rows_of(SEEDS / "000_9aec26ecfd200c94.txt")}
    periods = {text: (r["period_start"], r["period_end"]) for text, r in rows.items()}
    assert periods == {
        "13,000 troops": ("", ""),
        "200,000 troops": ("2021", "2021"),
        "130,582 tons": ("2022-01", "2023-01"),
        "three years": ("", ""),
        "40–50%": ("", "2020"),
        "60–70%": ("", "2023-06"),
        "90%": ("", ""),
        "2,400 drones": ("", ""),
        "threefold": ("2021", "2022"),
        "49%": ("", ""),
    }
    assert rows["130,582 tons"]["measure"] == "ammunition shipped from Belarus to Russian control"
    assert rows["2,400 drones"]["measure"] == "drones ordered by Russia from Iran"
    assert rows["threefold"]["measure"] == "Belarusian-Iranian trade turnover"
    assert rows["13,000 troops"]["measure"] == "troops in the Zapad exercise"
    assert rows["40–50%"]["measure"] == "share of exports"
    assert "sectors" in rows["90%"]["measure"]
    assert rows["49%"]["measure"] == "state ownership of Belarusian Peleng"


def test_seed_003_only_the_file_size():
    assert summary(rows_of(SEEDS / "003_d90ae2d9ccfe776e.txt")) == [("1MB", "quantity", 1, 1, "MB", "exact")]


@pytest.mark.parametrize("path", [*sorted(SEEDS.iterdir()), *DOCUMENTS], ids=lambda p: p.name)
def test_rows_have_the_schema_and_round_trip_offsets(path):
    document = read_document(path)
    sentences = split_sentences(document.text)
    rows = extract_figures(document, sentences)
    assert rows
    for row in rows:
        assert list(row) == FIGURE_COLUMNS
        assert document.text[row["start"] : row["end"]] == row["text"]
        assert row["figure_id"] == f"{path.stem}:{row['start']}"
        assert document.text[row["sentence_start"] : row["sentence_end"]] == row["sentence"]
        assert row["sentence_start"] <= row["start"] < row["end"] <= row["sentence_end"]
        assert row["low"] <= row["high"]


def test_wire_story():
    rows = rows_of(FIXTURES / "wire_story.txt")
    assert summary(rows) == [
        ("1,500 railway wagons", "count", 1500, 1500, "wagons", "approximately"),
        ("Nine trains", "count", 9, 9, "trains", "exact"),
        ("300 T-72 tanks", "count", 300, 300, "tanks", "at_most"),
        ("2.5 thousand workers", "count", 2500, 2500, "workers", "approximately"),
        ("2 and 3 million rounds", "count", 2000000, 3000000, "rounds", "exact"),
        ("40 stations", "count", 40, 40, "stations", "at_least"),
        ("12.5-fold", "multiplier", 12.5, 12.5, "x", "exact"),
        ("tripled", "multiplier", 3, 3, "x", "exact"),
        ("three hours", "duration", 3, 3, "hours", "exact"),
    ]
    assert "two officials" not in [r["text"] for r in rows]  # "two officials said": who speaks, not a figure
    by_text = {r["text"]: r for r in rows}
    # "this March" resolved against the dateline (12 June 2023), "last year" likewise.
    assert (by_text["Nine trains"]["period_start"], by_text["Nine trains"]["period_end"]) == ("2023-03", "2023-03")
    assert by_text["1,500 railway wagons"]["period_start"] == "2022"
    assert (by_text["2 and 3 million rounds"]["period_start"], by_text["2 and 3 million rounds"]["period_end"]) == (
        "2023-01",
        "2023-06",
    )
    assert (by_text["12.5-fold"]["period_start"], by_text["12.5-fold"]["period_end"]) == ("2020", "2022")
    assert by_text["tripled"]["measure"] == "trade with China"


def test_statistics_release_money_and_units():
    rows = rows_of(FIXTURES / "statistics_release.txt")
    assert summary(rows) == [
        ("$12.8bn", "money", 12800000000, 12800000000, "USD", "exact"),
        ("5.2%", "percent", 5.2, 5.2, "%", "approximately"),
        ("USD 1.2 billion", "money", 1200000000, 1200000000, "USD", "exact"),
        ("€300 million", "money", 300000000, 300000000, "EUR", "exact"),
        ("half", "percent", 50, 50, "%", "less_than"),  # "less than half of the 2021 figure"
        ("8.5 million tonnes", "quantity", 8500000, 8500000, "t", "exact"),
        ("15 per cent", "percent", 15, 15, "%", "exact"),
        ("65 percent", "percent", 65, 65, "%", "more_than"),
        ("tenfold", "multiplier", 10, 10, "x", "exact"),
        ("three times", "multiplier", 3, 3, "x", "exact"),
        ("4,700 km", "quantity", 4700, 4700, "km", "exact"),
        ("34.6 thousand tons", "quantity", 34600, 34600, "t", "exact"),
        ("Br 5.3 billion", "money", 5300000000, 5300000000, "BYN", "exact"),
    ]
    by_text = {r["text"]: r for r in rows}
    assert (by_text["$12.8bn"]["period_start"], by_text["$12.8bn"]["period_end"]) == ("2023-01", "2023-12")
    assert (by_text["USD 1.2 billion"]["period_start"], by_text["USD 1.2 billion"]["period_end"]) == (
        "2023-07",
        "2023-09",
    )
    assert (by_text["15 per cent"]["period_start"], by_text["15 per cent"]["period_end"]) == ("2021", "")
    assert by_text["65 percent"]["measure"] == "share of Russia in total exports"


def test_think_tank_paper_designations_and_ranges():
    rows = rows_of(FIXTURES / "think_tank_paper.txt")
    assert summary(rows) == [
        ("100 MZKT chassis", "count", 100, 100, "chassis", "more_than"),
        ("12 launchers", "count", 12, 12, "launchers", "approximately"),
        ("doubled", "multiplier", 2, 2, "x", "exact"),
        ("40", "count", 40, 40, "units", "exact"),
        ("80 units", "count", 80, 80, "units", "exact"),
        ("51%", "percent", 51, 51, "%", "exact"),
        ("25%", "percent", 25, 25, "%", "exact"),
        ("a third", "percent", 33.333333, 33.333333, "%", "approximately"),
        ("20 firms", "count", 20, 20, "firms", "less_than"),
        ("17,000 troops", "count", 17000, 17000, "troops", "exact"),
        ("3 training centres", "count", 3, 3, "centres", "exact"),
        ("9,000 conscripts", "count", 9000, 9000, "conscripts", "at_most"),
        ("250-300 units", "count", 250, 300, "units", "exact"),
        ("10-15 years", "duration", 10, 15, "years", "exact"),
    ]
    by_text = {r["text"]: r for r in rows}
    assert by_text["100 MZKT chassis"]["period_start"] == "2022"
    assert (by_text["250-300 units"]["period_start"], by_text["250-300 units"]["period_end"]) == ("", "2025")
    assert by_text["25%"]["measure"] == "stake in Integral"


def test_html_table():
    rows = rows_of(FIXTURES / "trade_table.html")
    # Bare cells take the caption's unit ("Values in USD million.").
    assert summary(rows) == [
        ("1,204.5", "money", 1204500000, 1204500000, "USD", "exact"),
        ("1,873.2", "money", 1873200000, 1873200000, "USD", "exact"),
        ("55.5%", "percent", 55.5, 55.5, "%", "exact"),
        ("312", "money", 312000000, 312000000, "USD", "exact"),
        ("498", "money", 498000000, 498000000, "USD", "exact"),
        ("59.6%", "percent", 59.6, 59.6, "%", "exact"),
        ("20 %", "percent", 20, 20, "%", "exact"),  # "20&nbsp;%" in the page's main text (trafilatura)
        ("$4.1 billion", "money", 4100000000, 4100000000, "USD", "exact"),
        ("12,000 wagons", "count", 12000, 12000, "wagons", "approximately"),
    ]
    by_text = {r["text"]: r for r in rows}
    assert by_text["1,204.5"]["measure"] == "Trucks"
    assert by_text["498"]["measure"] == "Optics"
    # Relative dates resolved against the page's published_time (5 November 2023).
    assert by_text["20 %"]["period_start"] == "2023-10"
    assert by_text["12,000 wagons"]["period_start"] == "2023"


@pytest.mark.parametrize(
    "text",
    [
        "around the sensitive time of 9,11 what with",
        "a MZKT-791300 8×8 truck",
        "the Bavar-373 system",
        "the firm Shenzhen 5G",
        "the two nations agreed",
        "the two countries' ties",
        "Some data exists",
        "April 17, 2024",
        "since 2009",
        "(September 12 – 16)",
        "T-72 and Su-30 jets",
        "for centuries",
        "decades-long efforts",
        "no one will show us",
        "one shouldn't then deduce",
        "could one day become",
        "the 140th plant",
        "see Table 3 and Article 5",
        "at 10:30 on 24/7 duty",
        "the G7 met",
        "COVID-19",
        "1. First item",
        "Values in USD million.",
        "Zapad-2021 was held",
    ],
)
def test_not_figures(text):
    assert rows_of_text(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It cost $12.8bn.", ("$12.8bn", "money", 12800000000, 12800000000, "USD", "exact")),
        ("some 40-50 percent of output", ("40-50 percent", "percent", 40, 50, "%", "approximately")),
        ("between 40 and 50% of trade", ("40 and 50%", "percent", 40, 50, "%", "exact")),
        ("It rose 12.5-fold.", ("12.5-fold", "multiplier", 12.5, 12.5, "x", "exact")),
        ("up to 1,200 Shahed drones", ("1,200 Shahed drones", "count", 1200, 1200, "drones", "at_most")),
        ("as many as 30 wagons", ("30 wagons", "count", 30, 30, "wagons", "at_most")),
        ("at least 5 tonnes", ("5 tonnes", "quantity", 5, 5, "t", "at_least")),
        ("fewer than 20 stations", ("20 stations", "count", 20, 20, "stations", "less_than")),
        ("trade passed 40%", ("40%", "percent", 40, 40, "%", "more_than")),
        ("nearly nine months", ("nine months", "duration", 9, 9, "months", "approximately")),
        ("an estimated 2 million people", ("2 million people", "count", 2000000, 2000000, "people", "approximately")),
        ("over 300 km of track", ("300 km", "quantity", 300, 300, "km", "more_than")),
        ("a 20-year lease", ("20-year", "duration", 20, 20, "years", "exact")),
        ("worth 1.2 billion dollars", ("1.2 billion dollars", "money", 1200000000, 1200000000, "USD", "exact")),
        ("a deal for €300m", ("€300m", "money", 300000000, 300000000, "EUR", "exact")),
        ("twenty-five trucks", ("twenty-five trucks", "count", 25, 25, "trucks", "exact")),
        ("2,400+ drones", ("2,400+ drones", "count", 2400, 2400, "drones", "at_least")),
        ("about 2000 troops", ("2000 troops", "count", 2000, 2000, "troops", "approximately")),
        ("a tenfold rise", ("tenfold", "multiplier", 10, 10, "x", "exact")),
        ("sent 130 T-72 tanks", ("130 T-72 tanks", "count", 130, 130, "tanks", "exact")),
    ],
)
def test_hard_cases(text, expected):
    assert summary(rows_of_text(text)) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        "Press contact: (202) 622-2960.",
        "Call +375 17 367-46-59 today.",
        "pursuant to E.O. 14024 and UIN 14302",
        "a base in Barysaw,17 alongside",
        "before 2022.18 The output",
        "dozens of drones and hundreds of tanks",
        "tens of thousands of workers",
        "two officials said on Monday",
        "according to three sources in Kyiv",
        "in the first half of the year",
        "half an hour later",
        "Soviet-era 122mm stocks",
        "the 9M723 missile",
        "Notes\n14 Author's interviews, Kyiv.",
        "a 2.3m wall",
        "General License 8K authorizes it",
    ],
)
def test_more_not_figures(text):
    assert rows_of_text(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("roughly a third of the shells", ("a third", "percent", 33.333333, 33.333333, "%", "approximately")),
        ("two-thirds of exports", ("two-thirds", "percent", 66.666667, 66.666667, "%", "exact")),
        ("exports fell by half", ("half", "percent", 50, 50, "%", "exact")),
        ("the flow nearly doubled", ("doubled", "multiplier", 2, 2, "x", "approximately")),
        ("or twice the amount", ("twice", "multiplier", 2, 2, "x", "exact")),
        ("up to 40 Su-30SM2 and Su-25 jets", ("40 Su-30SM2 and Su-25 jets", "count", 40, 40, "jets", "at_most")),
        ("Two officials briefed the envoy.", ("Two officials", "count", 2, 2, "officials", "exact")),
        ("Of the 6 stations, 4 handled the traffic.", None),
        ("2.5-3 thousand chassis", ("2.5-3 thousand chassis", "count", 2500, 3000, "chassis", "exact")),
        ("in 6–8 working days", ("6–8 working days", "duration", 6, 8, "days", "exact")),
        ("a convoy of 40-odd wagons", ("40-odd wagons", "count", 40, 40, "wagons", "approximately")),
        ("for 30 odd years", ("30 odd years", "duration", 30, 30, "years", "approximately")),
        ("The talks lasted 10 days or so.", ("10 days", "duration", 10, 10, "days", "approximately")),
        ("It exported 2.3m tonnes of potash.", ("2.3m tonnes", "quantity", 2300000, 2300000, "t", "exact")),
        ("with 50k troops", ("50k troops", "count", 50000, 50000, "troops", "exact")),
        ("One in five shells came from Belarus.", ("One in five", "percent", 20, 20, "%", "exact")),
        ("Three out of four drones were downed.", ("Three out of four", "percent", 75, 75, "%", "exact")),
        ("It grew 3 in 10 years.", ("10 years", "duration", 10, 10, "years", "exact")),
    ],
)
def test_more_hard_cases(text, expected):
    rows = summary(rows_of_text(text))
    if expected is None:
        assert rows == [("6 stations", "count", 6, 6, "stations", "exact"), ("4", "count", 4, 4, "stations", "exact")]
    else:
        assert rows == [expected]


def test_the_number_of_names_what_a_bare_count_counts():
    rows = summary(
        rows_of_text(
            "The number of Russian troops in Belarus fell from around 30,000 to fewer than 2,000. "
            "Officials counted 4,500."
        )
    )
    assert rows == [
        ("30,000", "count", 30000, 30000, "troops", "approximately"),
        ("2,000", "count", 2000, 2000, "troops", "less_than"),
        ("4,500", "count", 4500, 4500, "", "exact"),
    ]


def test_up_from_takes_the_count_and_the_comparison_year_is_not_the_period():
    rows = rows_of_text(
        "Customs recorded 1,340 drones in 2023, up from 212 a year earlier. Exports rose 20% from 2022."
    )
    assert [(r["text"], r["unit"]) for r in rows[:2]] == [("1,340 drones", "drones"), ("212", "drones")]
    assert (rows[2]["text"], rows[2]["period_start"], rows[2]["period_end"]) == ("20%", "", "")


def test_table_cells_take_the_caption_and_column_units():
    text = (
        "Exports to Russia (thousand tonnes)\n\n| Product | HS code | 2022 | 2023 as % of 2022 |\n|---|---|---|---|\n"
        "| Potash | 3104 | 611.0 | 115.0 |\n"
    )
    assert summary(rows_of_text(text)) == [
        ("611.0", "quantity", 611000, 611000, "t", "exact"),
        ("115.0", "percent", 115, 115, "%", "exact"),
    ]


def test_table_cells_take_their_row_and_column_as_period_and_measure():
    by_year = (
        "| Year | Exports to Russia (USD bn) | Share of total exports |\n|---|---|---|\n"
        "| 2021 | 16.3 | 41% |\n| 2022 | 23.4 | 60% |\n"
    )
    rows = rows_of_text(by_year)
    assert [(r["text"], r["period_start"], r["period_end"], r["measure"]) for r in rows] == [
        ("16.3", "2021", "2021", "Exports to Russia"),
        ("41%", "2021", "2021", "Share of total exports"),
        ("23.4", "2022", "2022", "Exports to Russia"),
        ("60%", "2022", "2022", "Share of total exports"),
    ]
    by_product = (
        "Exports (USD million)\n\n| HS code | Category | 2022 | 2023 | Change, % |\n|---|---|---|---|---|\n"
        "| 8542 | Integrated circuits | 48.6 | 131.9 | 171.4 |\n"
    )
    rows = rows_of_text(by_product)
    assert [(r["text"], r["period_start"], r["measure"]) for r in rows] == [
        ("48.6", "2022", "Integrated circuits"),
        ("131.9", "2023", "Integrated circuits"),
        ("171.4", "", "Integrated circuits, change"),
    ]


def test_period_prior_to_and_by():
    rows = rows_of_text("Exports grew from 40–50% prior to 2021 to 60–70% by mid-2023.")
    assert [(r["low"], r["period_start"], r["period_end"]) for r in rows] == [(40, "", "2020"), (60, "", "2023-06")]


def test_a_long_document_gives_every_repeat_of_its_figures():
    """Speed is measured by `make bench`, not here; this checks that long inputs lose nothing."""
    text = (SEEDS / "000_9aec26ecfd200c94.txt").read_text(encoding="utf-8")
    text = "\n\n".join([text] * 80)
    document = Document("long.txt", Path("long.txt"), text, "long", "utf-8")
    rows = extract_figures(document, split_sentences(text))
    assert len(rows) == 80 * len(SEED_000)
    assert all(text[r["start"] : r["end"]] == r["text"] for r in rows)


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Belarus exported goods worth US$11.8 billion to Russia.",
            [("US$11.8 billion", "money", 11800000000, 11800000000, "USD", "exact")],
        ),
        (
            "Belarus exported goods worth US$ 11.8 billion to Russia.",
            [("US$ 11.8 billion", "money", 11800000000, 11800000000, "USD", "exact")],
        ),
        (
            "Some 2,000 Russian servicemen remain, down from a peak of nearly 12,000.",
            [
                ("2,000 Russian servicemen", "count", 2000, 2000, "servicemen", "approximately"),
                ("12,000", "count", 12000, 12000, "servicemen", "approximately"),
            ],
        ),
        (
            "Fewer than 1,500 Wagner fighters stay, compared with an estimated 8,000 in 2023.",
            [
                ("1,500 Wagner fighters", "count", 1500, 1500, "fighters", "less_than"),
                ("8,000", "count", 8000, 8000, "fighters", "approximately"),
            ],
        ),
        (
            "Growth was -2.1% in 2023 (−3% in 2022), after T-72 deliveries.",
            [("-2.1%", "percent", -2.1, -2.1, "%", "exact"), ("−3%", "percent", -3, -3, "%", "exact")],
        ),
        (
            "They sent 1,000+ troops; the index read 26,058.1 +5.4 on the day.",
            [
                ("1,000+ troops", "count", 1000, 1000, "troops", "at_least"),
                ("26,058.1", "count", 26058.1, 26058.1, "", "exact"),
                ("5.4", "count", 5.4, 5.4, "", "exact"),
            ],
        ),
        (
            "Around 30 000 troops took part; on March 12 300 more arrived.",
            [
                ("30 000 troops", "count", 30000, 30000, "troops", "approximately"),
                ("300", "count", 300, 300, "", "exact"),
            ],
        ),
        (
            "Deliveries rose by 250% over 2 years; the war has lasted over two years.",
            [
                ("250%", "percent", 250, 250, "%", "exact"),
                ("2 years", "duration", 2, 2, "years", "exact"),
                ("two years", "duration", 2, 2, "years", "more_than"),
            ],
        ),
        (
            "Some 65% to 70% came via Belarus, up from 40% to 50%; imports reached RUB 1.1tn (c. $13bn).",
            [
                ("65% to 70%", "percent", 65, 70, "%", "approximately"),
                ("40%", "percent", 40, 40, "%", "exact"),
                ("50%", "percent", 50, 50, "%", "exact"),
                ("RUB 1.1tn", "money", 1100000000000, 1100000000000, "RUB", "exact"),
                ("$13bn", "money", 13000000000, 13000000000, "USD", "approximately"),
            ],
        ),
        (
            "EO 14024 designations hit 22 entities; version 2 reaches 290 km; Britain gave the UK 14 tanks.",
            [
                ("22 entities", "count", 22, 22, "entities", "exact"),
                ("290 km", "quantity", 290, 290, "km", "exact"),
                ("14 tanks", "count", 14, 14, "tanks", "exact"),
            ],
        ),
        (
            "China's share grew by 2.3 percentage points to 11%; unemployment fell 0.4 pp to 3.1%, or 5 pp to 7 pp.",
            [
                ("2.3 percentage points", "percent", 2.3, 2.3, "%", "exact"),
                ("11%", "percent", 11, 11, "%", "exact"),
                ("0.4 pp", "percent", 0.4, 0.4, "%", "exact"),
                ("3.1%", "percent", 3.1, 3.1, "%", "exact"),
                ("5 pp to 7 pp", "percent", 5, 7, "%", "exact"),
            ],
        ),
        (
            "Half a million rounds and half a dozen trains left; output grew one-and-a-half times, or by a factor of three.",
            [
                ("Half a million rounds", "count", 500000, 500000, "rounds", "exact"),
                ("half a dozen trains", "count", 6, 6, "trains", "exact"),
                ("one-and-a-half times", "multiplier", 1.5, 1.5, "x", "exact"),
                ("three", "multiplier", 3, 3, "x", "exact"),
            ],
        ),
        (
            "Ukraine counted 3,000-plus drones and two and a half million shells.",
            [
                ("3,000-plus drones", "count", 3000, 3000, "drones", "at_least"),
                ("two and a half million shells", "count", 2500000, 2500000, "shells", "exact"),
            ],
        ),
        (
            "About 3/4 of the shells came at 60 km/h, 30 miles an hour, on 3/4/2023 and 24/7.",
            [
                ("3/4", "percent", 75, 75, "%", "approximately"),
                ("60 km/h", "quantity", 60, 60, "km/h", "exact"),
                ("30 miles an hour", "quantity", 30, 30, "mph", "exact"),
            ],
        ),
        ("A 3,500-strong brigade arrived.", [("3,500-strong", "count", 3500, 3500, "", "exact")]),
        (
            "Lukashenko, 70, visited 220030 Minsk, 38 Karl Marx Street, where 120000 Russian troops had passed.",
            [("120000 Russian troops", "count", 120000, 120000, "troops", "exact")],
        ),
    ],
)
def test_more_styles_of_writing_figures(text, expected):
    assert summary(rows_of_text(text)) == expected


def test_a_table_of_partners_by_year_with_signed_changes():
    text = (
        "| Partner | 2022, USD mln | 2023, USD mln | Change, % |\n|---|---|---|---|\n"
        "| Russia | 24,712.4 | 26,058.1 | +5.4 |\n| Kazakhstan | 1,003.5 | 982.7 | -2.1 |\n"
    )
    rows = rows_of_text(text)
    assert [
        (r["text"], r["kind"], r["low"], r["unit"], r["qualifier"], r["period_start"], r["measure"]) for r in rows
    ] == [
        ("24,712.4", "money", 24712400000, "USD", "exact", "2022", "Russia"),
        ("26,058.1", "money", 26058100000, "USD", "exact", "2023", "Russia"),
        ("5.4", "percent", 5.4, "%", "exact", "", "Russia, change"),
        ("1,003.5", "money", 1003500000, "USD", "exact", "2022", "Kazakhstan"),
        ("982.7", "money", 982700000, "USD", "exact", "2023", "Kazakhstan"),
        ("-2.1", "percent", -2.1, "%", "exact", "", "Kazakhstan, change"),
    ]


def test_the_day_a_source_speaks_is_not_the_period_of_its_figure():
    rows = rows_of_text(
        "GUR reported on November 4, 2023 that Belarus had transferred over 120 T-72A tanks since "
        "March 2023. In 2022 Belarus sent 36 BMP-2 vehicles."
    )
    assert [(r["text"], r["period_start"], r["period_end"]) for r in rows] == [
        ("120 T-72A tanks", "2023-03", ""),
        ("36 BMP-2 vehicles", "2022", "2022"),
    ]


def test_a_measure_does_not_open_with_a_conjunction():
    rows = rows_of_text("Imports grew 1.5 times, while Belarus's exports of trucks jumped by 60 per cent.")
    assert [r["measure"] for r in rows] == ["Imports", "Belarus's exports of trucks"]


def test_a_signed_change_in_a_table_is_no_phone_number_and_a_years_figures_are_no_count():
    text = (
        "Category\t2022\t2023\tChange, %\nAmmunition\t410\t560\t+36.6\n\n"
        "Note: 2024 figures cover January-September. Call +375 17 367-46-59."
    )
    assert [(r["text"], r["kind"], r["low"]) for r in rows_of_text(text)] == [
        ("410", "count", 410),
        ("560", "count", 560),
        ("36.6", "percent", 36.6),
    ]


def test_a_note_number_before_a_capital_is_no_count_and_a_bullet_is_no_measure():
    text = "• Re-exports of machine tools rose fivefold.\n12 Tor-M2 systems arrived.\n2 Authors’ calculations.\n"
    rows = rows_of_text(text)
    assert [(r["text"], r["unit"], r["measure"]) for r in rows] == [
        ("fivefold", "x", "Re-exports of machine tools"),
        ("12 Tor-M2 systems", "systems", ""),
    ]


# ---------------------------------------------------------------- every pre-check admits what its pattern matches


def _examples(alternative: str) -> list[str]:
    """Strings a simple alternative of a rule table matches ("at\\s+least", "approx\\.?", "pounds?"), or []."""
    if not re.fullmatch(r"(?:[\w<>~≈#%$€£¥₽₴+ ]|\\s[+?*]|\\\.\??|\\\$|\\\+|[a-z]\?)+", alternative):
        return []
    forms = [
        alternative.replace("\\s+", " ").replace("\\s?", "").replace("\\s*", "").replace("\\$", "$").replace("\\+", "+")
    ]
    forms = [form for pattern in forms for form in (pattern.replace("\\.?", "."), pattern.replace("\\.?", ""))]
    forms = [form.replace("\\.", ".") for form in forms]
    return sorted({re.sub(r"([a-z])\?", keep, form) for form in forms for keep in (r"\1", "")})


def _table_phrases() -> list[str]:
    from briefing.extraction.figure_rules import CURRENCIES, LABELS, MEASURE_VERBS, QUALIFIERS, QUANTITY_UNITS
    from briefing.extraction.numbers import NUMBER_WORD_ALTERNATION, SCALE_ABBREVIATIONS

    alternatives = [a for _, words in QUALIFIERS for a in words.split("|")] + LABELS.split("|") + MEASURE_VERBS
    alternatives += [a for _, _, names in CURRENCIES if names for a in names.split("|")]
    alternatives += [a for _, pattern in QUANTITY_UNITS for a in pattern.split("|")]
    alternatives += list(SCALE_ABBREVIATIONS) + NUMBER_WORD_ALTERNATION.split("|")
    return sorted({example for alternative in alternatives for example in _examples(alternative)})


def _synthetic_texts() -> list[str]:
    """Sentences built from the rule tables, each phrase before and after numbers, in every case re.IGNORECASE
    folds and with other spaces between words."""
    texts = []
    for phrase in _table_phrases():
        texts.append(f"It was {phrase} 12 drones and 40{phrase} and 7 {phrase}, then 5-{phrase} ({phrase}) 3%.")
    texts += [
        "A 3,500-strong brigade; 40-odd wagons; 5 and a half; two-and-a-half times; 1,000+ drones, 12 or more.",
        "It rose by a factor of three; one in five shells; two out of ten; 3/4 of the shells; a-third of; half of.",
        "Of the 8 plants named, 5 supply parts. The number of Russian troops fell from 30,000 to 12,000 troops.",
        "Russia has ordered 1,500 drones from Iran. Exports were 12 of the 40 plants. Output has risen 12 per cent.",
        "MINUS 3 and minus\u00a05, 3.2e6 tonnes, 1.5E+09, 2.1 × 10^6, 4×10⁶ and 5 x 10**3 rounds; 12.500 workers; 1.234.567 euro.",
        "12 %; 12 per cent; 12 percent; 12 pct; 2.3 percentage points; 1 p.p.; 4 pp; 65% to 70%; 12–15%; 5-6bn.",
        "USD 5 million, $12.8bn, € 40, Br. 20, BYR 300, US$ 7, 5 Swiss francs, 40 yuan, 3 mln, 50k troops, 7 km.",
        "The Zapad exercise drew 12,000 troops; Belarusian-Iranian trade turnover has increased threefold in 2023.",
        "On 12 June 2023, from January 2022-January 2023, mid-2023, Q4 2022, the first half of 2021, 1st half 2020.",
    ]
    variants = []
    for text in texts:
        variants += [
            text,
            text.upper(),
            text.title(),
            text.replace(" ", "\u00a0"),
            text.replace(" ", "  "),
            text.replace(" ", "\n"),
            text.replace("s", "\u017f").replace("k", "\u212a"),
        ]
    return variants


def _corpus() -> list[str]:
    paths = [
        p
        for folder in (SEEDS, FIXTURES, FIXTURES.parent / "relations" / "eval")
        for p in sorted(folder.iterdir())
        if p.suffix in DOCUMENT_SUFFIXES
    ]
    return [read_document(p).text for p in paths] + _synthetic_texts()


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    return _corpus()


def _pre_checks():
    """(name, what the pattern finds, what the pre-checked function finds) at an offset of a text."""
    from briefing.extraction import figures as f

    def window(pattern, size):
        return lambda text, pos: pattern.search(text, max(0, pos - size), pos)

    yield (
        "qualifier",
        lambda t, p: (
            (m.lastgroup, m.start())
            if (m := f._QUALIFIER.search(t, max(0, p - f._QUALIFIER_WINDOW), p))
            else ("exact", p)
        ),
        f._qualifier,
    )
    yield "label", lambda t, p: window(f._LABEL_BEFORE, 22)(t, p) is not None, f._label_before
    yield "ratio", window(f._RATIO_BEFORE, 24), f._ratio_before
    yield "factor", window(f._FACTOR_OF_BEFORE, 16), f._factor_before
    yield "of the", window(f._OF_THE_BEFORE, 160), f._of_the_before
    yield "number of", window(f._NUMBER_OF_BEFORE, 160), f._number_of_before
    yield "minus", window(f._MINUS_BEFORE, 8), f._minus_before
    yield "odd", lambda t, p: f._ODD_AFTER.match(t, p), f._odd_after
    yield "of", lambda t, p: f._OF.match(t, p), lambda t, p: f._of_after(t, p, len(t))

    def clause(t, p):  # what the clause checks read: the text of a sentence before a figure
        return t[max(0, p - 120) : p]

    yield (
        "subject",
        lambda t, p: f._SUBJECT_VERB.search(clause(t, p)),
        lambda t, p: f._subject_verb_before(clause(t, p)),
    )
    yield (
        "auxiliary",
        lambda t, p: f._AUXILIARY_END.search(clause(t, p)) is not None,
        lambda t, p: f._ends_with_auxiliary(clause(t, p)),
    )
    yield (
        "exercise",
        lambda t, p: bool(f._EXERCISE_NAMED.search(clause(t, p)) or f._EXERCISE.search(clause(t, p))),
        lambda t, p: f._may_name_exercise(clause(t, p)),
    )
    for name in (
        "_PERCENT_AT",
        "_RANGE_AT",
        "_SCALE_AT",
        "_STRONG_AT",
        "_AND_A_HALF_AT",
        "_AFTER_QUALIFIER_AT",
        "_EXPONENT_AT",
    ):
        gate = getattr(f, name)
        yield name, lambda t, p, gate=gate: gate.pattern.match(t, p), lambda t, p, gate=gate: gate.match(t, p)


def _same(found, checked) -> bool:
    if isinstance(found, re.Match):
        return isinstance(checked, re.Match) and found.span() == checked.span()
    return bool(found) == bool(checked) if isinstance(found, bool) else found == checked


@pytest.mark.parametrize(
    "name, found_by_pattern, found_by_check", list(_pre_checks()), ids=lambda v: v if isinstance(v, str) else ""
)
def test_pre_check_admits_every_match_of_its_pattern(corpus, name, found_by_pattern, found_by_check):
    misses = [
        (text[max(0, pos - 30) : pos + 30], pos)
        for text in corpus
        for pos in range(len(text) + 1)
        if (found := found_by_pattern(text, pos)) and not _same(found, found_by_check(text, pos))
    ]
    assert misses[:5] == []


def test_triggers_reach_every_figure_and_date_start(corpus):
    from briefing.extraction import dates as d
    from briefing.extraction import figures as f

    misses = []
    for text in corpus:
        for pos in range(len(text)):
            if text[pos].isspace():
                continue
            if (
                f._CANDIDATE.match(text, pos)
                and (d.next_trigger(text, pos, f._TRIGGER, f._TRIGGER_WORD_AT) or (None,))[0] != pos
            ):
                misses.append(("figure", text[pos : pos + 20]))
            date = d._DATE.match(text, pos)
            if date and (d.next_trigger(text, pos, d._DATE_TRIGGER, d._DATE_WORD_AT) or (None,))[0] != pos:
                misses.append(("date", text[pos : pos + 20]))
            if date and date.lastgroup in ("iso", "ymd", "num", "mdy", "dmy") and text[pos] not in d._DAY_FIRSTS:
                misses.append(("day", text[pos : pos + 20]))
    assert misses[:10] == []


# ---------------------------------------------------------------- issue 20: every phrasing of amount, bound and money

# (sentence, the figure it must hold: text, kind, low, high, unit, qualifier)
FORMS = [
    # bounds in words and in symbols
    ("Officials counted >= 60 launchers.", ("60 launchers", "count", 60, 60, "launchers", "at_least")),
    ("Officials counted ≥ 60 launchers.", ("60 launchers", "count", 60, 60, "launchers", "at_least")),
    ("The depot holds <= 80 wagons.", ("80 wagons", "count", 80, 80, "wagons", "at_most")),
    ("The depot holds ≤ 80 wagons.", ("80 wagons", "count", 80, 80, "wagons", "at_most")),
    ("They shipped 500 or greater howitzer shells.", ("500", "count", 500, 500, "shells", "at_least")),
    ("They shipped 500 or fewer howitzer shells.", ("500", "count", 500, 500, "shells", "at_most")),
    ("Each train carried less than or equal to 60 wagons.", ("60 wagons", "count", 60, 60, "wagons", "at_most")),
    ("Each train carried greater than or equal to 60 wagons.", ("60 wagons", "count", 60, 60, "wagons", "at_least")),
    ("Factories made equal to or more than 70 turrets.", ("70 turrets", "count", 70, 70, "turrets", "at_least")),
    ("Deliveries surpassed 9,000 shells.", ("9,000 shells", "count", 9000, 9000, "shells", "more_than")),
    ("Readings fell to < -7 degrees.", ("-7 degrees", "count", -7, -7, "degrees", "less_than")),
    ("Output fell by minus two percent.", ("minus two percent", "percent", -2, -2, "%", "exact")),
    ("Crews fired 30 through 35 rockets.", ("30 through 35 rockets", "count", 30, 35, "rockets", "exact")),
    ("Crews fired 30~35 rockets.", ("30~35 rockets", "count", 30, 35, "rockets", "exact")),
    ("So how about 40 more trucks then?", ("40", "count", 40, 40, "", "exact")),
    ("What about 400 trucks then?", ("400 trucks", "count", 400, 400, "trucks", "exact")),
    # percentages
    ("Imports grew 22 percents.", ("22 percents", "percent", 22, 22, "%", "exact")),
    ("It made up 18 percentage of sales.", ("18 percentage", "percent", 18, 18, "%", "exact")),
    ("See https://example.org/a%2D12%25b for the list.", None),
    # numbers and scales
    ("About three tenths of the cargo was fuel.", ("three tenths", "percent", 30, 30, "%", "approximately")),
    ("The crew loaded 5 dozens of mortars.", ("5 dozens of mortars", "count", 60, 60, "mortars", "exact")),
    ("Traders moved 2.5 k tonnes of steel.", ("2.5 k tonnes", "quantity", 2500, 2500, "t", "exact")),
    ("The ledger shows 250 hundred tonnes.", ("250 hundred tonnes", "quantity", 25000, 25000, "t", "exact")),
    (
        "They spent 4 million and a half dollars.",
        ("4 million and a half dollars", "money", 4500000, 4500000, "USD", "exact"),
    ),
    ("A grant of 30 lakh rupees was paid.", ("30 lakh rupees", "money", 3000000, 3000000, "INR", "exact")),
    ("A grant of 2 crore rupees was paid.", ("2 crore rupees", "money", 20000000, 20000000, "INR", "exact")),
    ("The stock was 4.1e5 tonnes.", ("4.1e5 tonnes", "quantity", 410000, 410000, "t", "exact")),
    ("The stock was 3 × 10^4 tonnes.", ("3 × 10^4 tonnes", "quantity", 30000, 30000, "t", "exact")),
    (
        "Der Umsatz: 2.345.678 Euro. The plant has 14.300 workers.",
        ("14.300 workers", "count", 14300, 14300, "workers", "exact"),
    ),
    ("The plant has 14.300 workers and 3,100 engineers.", ("14.300 workers", "count", 14.3, 14.3, "workers", "exact")),
    ("Eleven convoys crossed at dawn.", ("Eleven convoys", "count", 11, 11, "convoys", "exact")),
    (
        "Trade reached 63.7 billion roubles.",
        ("63.7 billion roubles", "money", 63700000000, 63700000000, "RUB", "exact"),
    ),
    # money
    ("The deal was C$ 3.1 million.", ("C$ 3.1 million", "money", 3100000, 3100000, "CAD", "exact")),
    ("The deal was HK$ 500,000.", ("HK$ 500,000", "money", 500000, 500000, "HKD", "exact")),
    ("The deal was A$ 80,000.", ("A$ 80,000", "money", 80000, 80000, "AUD", "exact")),
    ("The deal was NT$ 12 million.", ("NT$ 12 million", "money", 12000000, 12000000, "TWD", "exact")),
    ("The deal was Mex$ 900.", ("Mex$ 900", "money", 900, 900, "MXN", "exact")),
    ("The deal was US$ 900.", ("US$ 900", "money", 900, 900, "USD", "exact")),
    ("The deal was ₭ 5,000.", ("₭ 5,000", "money", 5000, 5000, "LAK", "exact")),
    ("The deal was ₡ 7,000.", ("₡ 7,000", "money", 7000, 7000, "CRC", "exact")),
    ("A fine of 8,000 francs was paid.", ("8,000 francs", "money", 8000, 8000, "CHF", "exact")),
    ("The optics cost 20 million yuan.", ("20 million yuan", "money", 20000000, 20000000, "CNY", "exact")),
    ("A ticket cost 3 dollars 75 cents.", ("3 dollars 75 cents", "money", 3.75, 3.75, "USD", "exact")),
    ("Bread cost 30 roubles and 50 kopecks.", ("30 roubles and 50 kopecks", "money", 30.5, 30.5, "RUB", "exact")),
    ("A stamp costs 85 pence.", ("85 pence", "money", 0.85, 0.85, "GBP", "exact")),
    ("The rig cost R$ 4,000.", ("R$ 4,000", "money", 4000, 4000, "BRL", "exact")),
    ("The rig cost 4,000 Egyptian pounds.", ("4,000 Egyptian pounds", "money", 4000, 4000, "EGP", "exact")),
    ("Exports were SEK 40 million.", ("SEK 40 million", "money", 40000000, 40000000, "SEK", "exact")),
    ("They saw 5 real threats.", ("5 real threats", "count", 5, 5, "threats", "exact")),
    ("A credit of 90 USD million was agreed.", ("90 USD million", "money", 90000000, 90000000, "USD", "exact")),
    # names and identifiers are not figures
    ("Workers of the 2566 Repair Plant struck.", None),
    ("The 140 Repair Factory reopened.", None),
    ("Watch the embed 5521873 for details.", None),
    ("The clip id 8812734 was removed.", None),
]


@pytest.mark.parametrize("sentence, expected", FORMS, ids=[sentence[:40] for sentence, _ in FORMS])
def test_issue_20_forms(sentence, expected):
    found = summary(rows_of_text(sentence))
    if expected is None:
        assert found == []
    else:
        assert expected in found, found


def test_counts_gain_a_canonical_class_and_a_shared_noun_reaches_every_number():
    rows = rows_of_text(
        "Russia launched 90 Shaheds and 40 UAVs overnight. Police held 12 individuals and 9 persons. "
        "Belarus bought 14 fighter jets. The army received 3,000 drone units. It hired 4,000 "
        "volunteers, and 2,500 of them are Russian."
    )
    classes = [(r["text"], r["unit"], r["unit_class"]) for r in rows]
    assert classes == [
        ("90 Shaheds", "Shaheds", "drones"),
        ("40 UAVs", "UAVs", "drones"),
        ("12 individuals", "individuals", "people"),
        ("9 persons", "persons", "people"),
        ("14 fighter jets", "jets", "aircraft"),
        ("3,000 drone units", "units", "drones"),
        ("4,000 volunteers", "volunteers", ""),
        ("2,500", "volunteers", ""),
    ]


def test_units_without_drones_in_the_sentence_have_no_class():
    assert [r["unit_class"] for r in rows_of_text("The brigade fielded 30 units.")] == [""]

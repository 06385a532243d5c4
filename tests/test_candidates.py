"""Unreviewed parties ranked for review, and the gazetteer row that adopts one (printed, never written)."""

from __future__ import annotations

import csv
import io

import pandas as pd

from briefing.analysis.candidates import gazetteer_row, guess_type, rank_candidates
from briefing.analysis.tables import load_tables
from briefing.extraction.entities import load_gazetteer
from briefing.extraction.extract import extract_folder

TEXT = """Parts for Peleng

The US Treasury Department said Shenzhen Zhongxin Electronic Technology (Shenzhen) Co., Ltd supplied \
microelectronics to Kupol. Shenzhen Zhongxin Electronic Technology (Shenzhen) Co., Ltd also sells optics. \
Minsk Gearbox Plant supplies gearboxes to Russia, according to customs data. Belarus has denied that Minsk Gearbox \
Plant supplies tanks to Russia.
"""


def test_unreviewed_parties_are_ranked_by_mentions_with_documents_and_relations(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(TEXT, encoding="utf-8")
    (seeds / "b.txt").write_text("Minsk Gearbox Plant opened a new line.\n", encoding="utf-8")
    extract_folder(seeds, tmp_path / "tables")
    tables = load_tables(tmp_path / "tables")
    ranked = rank_candidates(tables.entities, tables.every_relation())
    rows = {row["name"]: row for row in ranked.to_dict("records")}
    gearbox = rows["Minsk Gearbox Plant"]
    assert (gearbox["mentions"], gearbox["documents"], gearbox["relations"]) == (3, 2, 2), "the denied one counts"
    shenzhen = rows["Shenzhen Zhongxin Electronic Technology (Shenzhen) Co., Ltd"]
    assert (shenzhen["mentions"], shenzhen["relations"]) == (2, 1), "the relation names the firm without 'Co., Ltd'"
    assert list(ranked["name"][:2]) == [
        "Minsk Gearbox Plant",
        "Shenzhen Zhongxin Electronic Technology (Shenzhen) Co., Ltd",
    ]
    assert gearbox["guessed type"] == "company" and shenzhen["guessed type"] == "company"
    assert list(ranked["mentions"]) == sorted(ranked["mentions"], reverse=True)


def test_a_party_only_a_relation_names_is_listed_with_its_relations():
    entities = pd.DataFrame(columns=["doc", "text", "match"])
    relations = pd.DataFrame([{"doc": "a", "unreviewed": "Ningbo Parts;Kupol Works"}])
    ranked = rank_candidates(entities, relations)
    assert set(ranked["name"]) == {"Ningbo Parts", "Kupol Works"} and set(ranked["relations"]) == {1}


def test_types_are_guessed_from_the_words_of_the_name():
    assert guess_type("Minsk Gearbox Plant") == "company"
    assert guess_type("State Authority for Military Industry Committee") == "organisation"
    assert guess_type("Emily Ferris") == "person"
    assert guess_type("Oreshnik") == "organisation"


def test_the_gazetteer_row_reads_back_as_a_gazetteer_entry(tmp_path):
    row = gazetteer_row(
        "Shenzhen Zhongxin Electronic Technology (Shenzhen) Co., Ltd", country="China", aliases=("Shenzhen Zhongxin",)
    )
    assert row == ('"Shenzhen Zhongxin Electronic Technology (Shenzhen) Co., Ltd",company,China,Shenzhen Zhongxin,')
    path = tmp_path / "gazetteer.csv"
    path.write_text("name,type,country,aliases,demonyms\n" + row + "\n", encoding="utf-8")
    entry = load_gazetteer(path).entry("Shenzhen Zhongxin Electronic Technology (Shenzhen) Co., Ltd")
    assert entry is not None and load_gazetteer(path).country_of(entry.name) == "China"
    assert next(csv.reader(io.StringIO(gazetteer_row("Emily Ferris"))))[1:3] == ["person", ""]

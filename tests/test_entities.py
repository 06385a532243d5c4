"""The gazetteer and entity mentions: exact, alias, fuzzy (with score) and candidates, with offsets that round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import PROJECT_ROOT
from briefing.extraction.entities import Gazetteer, find_entities, load_gazetteer
from briefing.reading.documents import Document, read_document
from briefing.reading.text import split_sentences
from briefing.schema import ENTITY_COLUMNS

SEED_000 = PROJECT_ROOT / "seeds" / "000_9aec26ecfd200c94.txt"
SEED_003 = PROJECT_ROOT / "seeds" / "003_d90ae2d9ccfe776e.txt"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def _mentions(path: Path, gazetteer: Gazetteer) -> tuple[Document, list[dict]]:
    document = read_document(path)
    return document, find_entities(document, split_sentences(document.text), gazetteer)


def _doc(text: str) -> Document:
    return Document(name="t.txt", path=Path("t.txt"), text=text, sha256="0", encoding="utf-8")


def test_gazetteer_resolves_names_aliases_demonyms_capitals_and_agencies(gazetteer):
    assert isinstance(gazetteer, Gazetteer)
    cases = {
        "Belarus": "Belarus",
        "Belarusian": "Belarus",
        "Taiwanese": "Taiwan",
        "Moscow": "Russia",
        "Minsk": "Belarus",
        "Tehran": "Iran",
        "Beijing": "China",
        "U.S. Treasury": "United States",
        "OFAC": "United States",
        "Minsk Wheel Tractor Plant": "MZKT",
        "VOLAT": "MZKT",
        "Shahed": "Shahed drones",
        "Lukashenko": "Alexander Lukashenko",
        "Putin": "Vladimir Putin",
        "shanghai cooperation organization": "Shanghai Cooperation Organisation",
        "Zapad": "Zapad",
    }
    for name, canonical in cases.items():
        assert gazetteer.resolve(name) == canonical, name
    assert gazetteer.resolve("Lushenko") == "Alexander Lukashenko"  # misspelt: fuzzy
    assert gazetteer.resolve("Atlantis") is None
    assert gazetteer.resolve("") is None
    assert gazetteer.country_of("Peleng") == "Belarus"
    assert gazetteer.country_of("Shenzhen 5G") == "China"
    assert gazetteer.country_of("Iran") == "Iran"
    names = gazetteer.names()
    assert names == sorted(names)
    for needed in (
        "Belarus",
        "Russia",
        "Iran",
        "China",
        "Japan",
        "Taiwan",
        "Ukraine",
        "Poland",
        "United States",
        "European Union",
        "NATO",
        "Peleng",
        "Shenzhen 5G",
        "MZKT",
        "Zapad",
        "Shahed drones",
        "Bavar-373",
        "Oreshnik",
        "Union State",
        "Regional Group of Forces",
        "Alexander Lukashenko",
        "Vladimir Putin",
        "Mohammad Mokhber",
        "Volodymyr Zelensky",
        "Shanghai Cooperation Organisation",
    ):
        assert needed in names, needed


def test_gazetteer_file_is_one_readable_entry_per_entity(gazetteer):
    header = (PROJECT_ROOT / "data" / "gazetteer.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "name,type,country,aliases,demonyms"
    assert len(gazetteer.names()) == len(gazetteer.entries)
    assert {e.type for e in gazetteer.entries} <= {
        "country",
        "company",
        "person",
        "organisation",
        "weapon_system",
        "exercise",
    }


def test_gazetteer_rejects_duplicates_and_unknown_types(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("name,type,country,aliases,demonyms\nX,country,X,,\nX,country,X,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="twice"):
        load_gazetteer(path)
    path.write_text("name,type,country,aliases,demonyms\nX,planet,X,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown type"):
        load_gazetteer(path)


def test_seed_mentions_have_the_exact_columns_and_offsets_round_trip(gazetteer):
    for path in (SEED_000, SEED_003):
        document, rows = _mentions(path, gazetteer)
        assert rows
        for row in rows:
            assert list(row) == ENTITY_COLUMNS
            assert document.text[row["start"] : row["end"]] == row["text"]
            assert row["sentence_start"] <= row["start"] < row["end"] <= row["sentence_end"]
        assert [(r["start"], r["end"]) for r in rows] == sorted((r["start"], r["end"]) for r in rows)


def test_seed_000_mentions(gazetteer):
    document, rows = _mentions(SEED_000, gazetteer)
    by_text = {}
    for row in rows:
        by_text.setdefault(row["text"], row)
    assert by_text["Belarus"]["match"] == "exact" and by_text["Belarus"]["score"] == 100
    assert by_text["Belarusian"]["entity"] == "Belarus" and by_text["Belarusian"]["match"] == "alias"
    assert by_text["Taiwanese"]["entity"] == "Taiwan"
    assert by_text["Minsk"]["entity"] == "Belarus" and by_text["Tehran"]["entity"] == "Iran"
    assert by_text["Beijing"]["entity"] == "China" and by_text["Moscow"]["entity"] == "Russia"
    assert by_text["U.S. Treasury"]["entity"] == "United States"
    assert by_text["Shenzhen 5G"]["entity_type"] == "company" and by_text["Shenzhen 5G"]["country"] == "China"
    assert by_text["Bavar-373"]["entity_type"] == "weapon_system"
    assert by_text["MZKT"]["entity"] == "MZKT"
    assert by_text["Zapad"]["entity_type"] == "exercise"
    assert by_text["Mohammad Mokhber"]["entity_type"] == "person"
    # "Russia-Belarus" and "Belarusian-Iranian" are two mentions each
    assert by_text["Iranian"]["entity"] == "Iran"
    lushenko = by_text["Lushenko"]
    assert lushenko["entity"] == "Alexander Lukashenko" and lushenko["match"] == "fuzzy"
    assert 85 <= lushenko["score"] < 100 and lushenko["score"] == pytest.approx(88.9, abs=0.1)
    sco = by_text["Shanghai Co-operation Organization"]
    assert sco["entity"] == "Shanghai Cooperation Organisation" and sco["match"] == "fuzzy" and sco["score"] > 90
    candidates = {r["text"] for r in rows if r["match"] == "candidate"}
    assert "National Army Day" in candidates
    assert all(r["entity"] == "" and r["entity_type"] == "candidate" for r in rows if r["match"] == "candidate")
    # months, sentence-initial common words and headline capitals are not candidates
    assert not candidates & {
        "September",
        "January",
        "February",
        "April",
        "Since",
        "Chiefly",
        "Motors",
        "Supplies",
        "Global Network",
        "War Machine",
        "Contemporary",
    }


def test_seed_003_mentions(gazetteer):
    document, rows = _mentions(SEED_003, gazetteer)
    entities = {r["entity"] for r in rows}
    assert {
        "Belarus",
        "Russia",
        "Ukraine",
        "Union State",
        "Regional Group of Forces",
        "NATO",
        "Alexander Lukashenko",
        "Vladimir Putin",
        "The West",
    } <= entities
    candidates = {r["text"] for r in rows if r["match"] == "candidate"}
    assert "Emily Ferris" in candidates


def test_case_rules_and_candidates_on_new_text(gazetteer):
    text = (
        "Let us talk. The US and the EU met in Brussels. Vilnius hosted Sviatlana Tsikhanouskaya.\n"
        "Officials from Zorya Mashproekt met Lukashenka and Mokhbar at Gomel Instrument Works."
    )
    document = _doc(text)
    rows = find_entities(document, split_sentences(text), gazetteer)
    found = {(r["text"], r["entity"], r["match"]) for r in rows}
    assert ("US", "United States", "alias") in found
    assert not any(r["text"] == "us" for r in rows)  # the pronoun is not the United States
    assert ("EU", "European Union", "alias") in found
    assert ("Lukashenka", "Alexander Lukashenko", "alias") in found
    fuzzy = [r for r in rows if r["match"] == "fuzzy"]
    assert [(r["text"], r["entity"]) for r in fuzzy] == [("Mokhbar", "Mohammad Mokhber")]
    assert 85 <= fuzzy[0]["score"] < 100
    candidates = {r["text"] for r in rows if r["match"] == "candidate"}
    assert {"Zorya Mashproekt", "Gomel Instrument Works"} <= candidates
    assert "Officials" not in candidates and "Let" not in candidates


@pytest.mark.parametrize(
    "text",
    [
        "Talks with vladimir Putin. The republic of Belarus and the Republic of Belarus. people's republic of China.",
        "The Kremlin, the kremlin, tHE Kremlin, pro-the Hague ruling, Russia-the Kremlin, THE KREMLIN said.",
        "U.S.-China trade, u.S. Treasury, the  Hague, The west, Minsk-based firm, Belarusian-owned, Russia-Belarus.",
        "9K720 Iskander and 558 ARP; kim Jong-un and Kim Jong-Un; NATO and nato; \u201cPutin\u201d met x vladimir  Putin",
        "A name across a line: the\nKremlin said. Vladimir\nPutin said.",
        "Capitals inside names: thE Kremlin, tHe Hague, ThE West, RUSSIA-BELARUS ties, VLADIMIR PUTIN, BeLaRuS, nATO.",
    ],
)
def test_cased_scan_finds_what_each_sentence_scan_finds(gazetteer, text):
    """The scan of capitals without re.IGNORECASE gives the matches of the re.IGNORECASE scan of each sentence, or tells
    that it cannot ("vladimir Putin": a name turned down for its case takes up "Putin")."""
    sentences = split_sentences(text)
    expected = [
        (start + s.start, end + s.start, s.text[start:end], entry, match, s)
        for s in sentences
        for start, end, entry, match in gazetteer.matches(s.text)
    ]
    found = gazetteer.cased_matches(text, sentences)
    assert found is None if "vladimir" in text or "republic of" in text else found == expected


@pytest.mark.parametrize(
    "text, surface, entity, match",
    [
        # an office word after an agency belongs to it, and to its state
        ("The US Treasury Department said so.", "US Treasury Department", "United States", "alias"),
        # a bracketed city and legal suffixes belong to a firm's name
        (
            "It bought from Shenzhen Zhongxin Electronic Technology (Shenzhen) Co., Ltd in May.",
            "Shenzhen Zhongxin Electronic Technology (Shenzhen) Co., Ltd",
            "",
            "candidate",
        ),
        (
            "The EU also listed Shenzhen Hongda Trading Co., Limited, a distributor.",
            "Shenzhen Hongda Trading Co., Limited",
            "",
            "candidate",
        ),
        # a capital or a country opening a firm's name is part of it
        ("A distributor, Astana Motors Trade, bought axles.", "Astana Motors Trade", "", "candidate"),
        ("The United States sanctioned Iran Air in 2024.", "Iran Air", "", "candidate"),
        # a gazetteer firm's full name is the firm
        (
            "Kupol Izhevsk Electromechanical Plant builds Tor systems.",
            "Kupol Izhevsk Electromechanical Plant",
            "Kupol",
            "exact",
        ),
        # a state's forces are the state
        ("Aircraft of the Russian Aerospace Forces landed.", "Russian Aerospace Forces", "Russia", "alias"),
        # acronym names are names
        ("Among them is OKB TSP, which builds radars.", "OKB TSP", "", "candidate"),
    ],
)
def test_a_party_is_found_by_its_full_name(gazetteer, text, surface, entity, match):
    rows = find_entities(_doc(text), split_sentences(text), gazetteer)
    row = next(r for r in rows if surface.startswith(r["text"]) or r["text"].startswith(surface.split()[0]))
    assert (row["text"], row["entity"], row["match"]) == (surface, entity, match)
    assert text[row["start"] : row["end"]] == surface

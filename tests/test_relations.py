"""Relations on both seeds and on fixture documents in other styles: direction, item, figure, share."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing import PROJECT_ROOT
from briefing.extraction.entities import find_entities, load_gazetteer
from briefing.extraction.relation_rules import STATED_MODALITIES
from briefing.extraction.relations import extract_relations
from briefing.reading.documents import Document, read_document
from briefing.reading.text import split_sentences
from briefing.schema import RELATION_COLUMNS

SEEDS = PROJECT_ROOT / "seeds"
FIXTURES = Path(__file__).parent / "fixtures" / "relations"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def _figure(document: Document, pattern: str, kind: str, low: float) -> dict:
    match = re.search(pattern, document.text)
    return {
        "figure_id": f"{Path(document.name).stem}:{match.start()}",
        "doc": document.name,
        "start": match.start(),
        "end": match.end(),
        "text": match.group(0),
        "kind": kind,
        "low": low,
        "high": low,
        "unit": "",
        "qualifier": "exact",
        "measure": "",
    }


def _relations(document: Document, gazetteer, figures=()) -> list[dict]:
    sentences = split_sentences(document.text)
    return extract_relations(document, sentences, find_entities(document, sentences, gazetteer), list(figures))


def _index(rows):
    out = {}
    for row in rows:
        out.setdefault((row["source"], row["target"], row["relation"]), []).append(row)
    return out


@pytest.fixture(scope="module")
def seed_000(gazetteer):
    document = read_document(SEEDS / "000_9aec26ecfd200c94.txt")
    figures = [
        _figure(document, r"130,582 tons", "quantity", 130582),
        _figure(document, r"2,400 drones", "count", 2400),
        _figure(document, r"threefold", "multiplier", 3),
        _figure(document, r"49%", "percent", 49),
        _figure(document, r"13,000 troops", "count", 13000),
    ]
    return document, figures, _relations(document, gazetteer, figures)


@pytest.fixture(scope="module")
def seed_003(gazetteer):
    document = read_document(SEEDS / "003_d90ae2d9ccfe776e.txt")
    return document, _relations(document, gazetteer)


def test_rows_have_the_exact_columns_and_quote_their_sentence(seed_000, seed_003):
    for document, rows in ((seed_000[0], seed_000[2]), seed_003):
        assert rows
        ids = [r["relation_id"] for r in rows]
        assert len(ids) == len(set(ids))
        for row in rows:
            assert list(row) == RELATION_COLUMNS
            assert document.text[row["sentence_start"] : row["sentence_end"]] == row["sentence"]
            assert row["trigger"]
            assert row["relation_id"].startswith(Path(document.name).stem + ":")


def test_seed_000_supply_chain(seed_000):
    document, figures, rows = seed_000
    rel = _index(rows)
    figure_ids = {f["text"]: f["figure_id"] for f in figures}
    ammunition = [r for r in rel[("Belarus", "Russia", "supplies")] if r["item"] == "ammunition"]
    assert any(r["figure_id"] == figure_ids["130,582 tons"] for r in ammunition)
    items = {r["item"] for r in rel[("Belarus", "Russia", "supplies")]}
    assert {
        "Wheeled platforms & vehicles",
        "Light industry goods",
        "Fortifications",
        "Explosive materials",
        "Radar and Optic Electronics",
        "ammunition",
    } <= items
    russia_to_belarus = {r["item"] for r in rel[("Russia", "Belarus", "supplies")]}
    assert "tactical nuclear weapons" in russia_to_belarus
    assert any("Oreshnik" in item for item in russia_to_belarus)
    drones = rel[("Iran", "Russia", "supplies")]
    assert drones[0]["item"] == "drones" and drones[0]["figure_id"] == figure_ids["2,400 drones"]
    trade = rel[("Belarus", "Iran", "trades_with")]
    assert trade[0]["figure_id"] == figure_ids["threefold"]
    chassis = rel[("Belarus", "Iran", "supplies")]
    assert any("truck" in r["item"] and "chassis" in r["item"] for r in chassis)
    assert any("truck" in r["item"] for r in rel[("MZKT", "Iran", "supplies")])
    assert rel[("Shenzhen 5G", "Peleng", "intermediary_for")]
    for maker in ("China", "Japan", "Taiwan"):
        assert rel[(maker, "Peleng", "supplies")][0]["item"] == "Motors, sensors, and optics"
    peleng_items = {r["item"] for r in rel[("Peleng", "Russia", "supplies")]}
    assert {"fire-control systems", "Motors, sensors, and optics"} <= peleng_items
    owns = rel[("Belarus", "Peleng", "owns")][0]
    assert owns["share"] == "49" and owns["figure_id"] == figure_ids["49%"]
    assert {("China", "Belarus", "produces_in"), ("Iran", "Belarus", "produces_in")} <= set(rel)
    assert rel[("Belarus", "Russia", "depends_on")]
    # directions that must not appear
    assert ("Russia", "Iran", "supplies") not in rel  # "Russia has ordered ... from Iran"
    assert ("Peleng", "Shenzhen 5G", "intermediary_for") not in rel
    assert ("Peleng", "Belarus", "owns") not in rel
    assert not any(r["relation"] == "owns" and r["trigger"].lower() == "own" for r in rows)  # "his own account"


def test_seed_000_figures_attach_only_where_they_belong(seed_000):
    _, figures, rows = seed_000
    troops = next(f["figure_id"] for f in figures if f["text"] == "13,000 troops")
    assert not any(r["figure_id"] == troops for r in rows)
    with_figures = {(r["source"], r["target"], r["relation"]) for r in rows if r["figure_id"]}
    assert with_figures == {
        ("Belarus", "Russia", "supplies"),
        ("Iran", "Russia", "supplies"),
        ("Belarus", "Iran", "trades_with"),
        ("Belarus", "Peleng", "owns"),
    }


def test_seed_003_dependence_supply_hosting_sanctions(seed_003):
    _, rows = seed_003
    rel = _index(rows)
    assert rel[("Russia", "Belarus", "depends_on")]
    assert rel[("Belarus", "Russia", "depends_on")]
    items = " | ".join(r["item"] for r in rel[("Belarus", "Russia", "supplies")])
    for needed in (
        "logistical support and training",
        "military-grade components",
        "repair services",
        "machine parts",
        "unfinished components",
        "practical support",
    ):
        assert needed in items
    assert rel[("Belarus", "Russia", "hosts")]
    assert any("secondhand" in r["item"] for r in rel[("Russia", "Belarus", "supplies")])
    assert rel[("The West", "Belarus", "sanctions")]
    assert ("Belarus", "Ukraine", "supplies") not in rel  # "transfer of troops ... into Ukrainian territory"
    assert ("Russia", "Belarus", "supplies") in rel and all(
        "secondhand" in r["item"] for r in rel[("Russia", "Belarus", "supplies")]
    )


def test_fixture_in_other_styles(gazetteer):
    document = read_document(FIXTURES / "styles.txt")
    figures = [_figure(document, r"300 Shahed drones", "count", 300), _figure(document, r"30%", "percent", 30)]
    every = _relations(document, gazetteer, figures)
    rows = [r for r in every if r["modality"] in STATED_MODALITIES]
    got = {(r["source"], r["target"], r["relation"], r["item"], r["share"]) for r in rows}
    expected = {
        ("Kazakhstan", "Armenia", "supplies", "machine tools", ""),
        ("Armenia", "Russia", "supplies", "machine tools", ""),
        ("Armenia", "Russia", "intermediary_for", "", ""),
        ("Iran", "Russia", "supplies", "Shahed drones", ""),
        ("Rostec", "MZKT", "owns", "", "25"),
        ("United States", "Peleng", "sanctions", "", ""),
        ("Poland", "Belarusian Railway", "sanctions", "", ""),
        ("China", "Belarus", "trades_with", "", ""),
        ("Belarus", "Russia", "depends_on", "", ""),
        ("Rosoboronexport", "Belarus", "intermediary_for", "", ""),
        ("Iran", "Russia", "supplies", "drones", ""),
        ("North Korea", "Russia", "supplies", "artillery shells", ""),
        ("Belarus", "Russia", "supplies", "", ""),
        ("Belarus", "Russia", "supplies", "trucks", ""),
        ("Belarus", "Russia", "supplies", "optical sights", ""),
    }
    assert got == expected
    assert not any(r["target"] == "Ukraine" for r in rows)  # "does not supply weapons to Ukraine"
    assert [r["modality"] for r in every if r["target"] == "Ukraine"] == ["denied"]  # kept, as denied
    by_item = {r["item"]: r for r in rows}
    assert by_item["Shahed drones"]["figure_id"] == figures[0]["figure_id"]
    trade = next(r for r in rows if r["relation"] == "trades_with")
    assert trade["figure_id"] == figures[1]["figure_id"]


def test_fixture_owned_by_and_passive_sanctions(gazetteer):
    text = (
        "MZKT is owned by the Belarusian state.\n"
        "Peleng was designated by the European Union in 2022.\n"
        "Japanese firms ship cameras and optics to Belarus through Kazakhstan.\n"
        "Russia delivered fuel to Belarus, and Belarus has never sold tanks to Poland.\n"
    )
    document = Document(name="extra.txt", path=Path("extra.txt"), text=text, sha256="0", encoding="utf-8")
    rows = _relations(document, gazetteer)
    got = {(r["source"], r["target"], r["relation"], r["item"]) for r in rows if r["modality"] in STATED_MODALITIES}
    assert {(r["source"], r["target"]) for r in rows if r["modality"] == "denied"} == {("Belarus", "Poland")}
    assert got == {
        ("Belarus", "MZKT", "owns", ""),
        ("European Union", "Peleng", "sanctions", ""),
        ("Japan", "Kazakhstan", "supplies", "cameras and optics"),
        ("Kazakhstan", "Belarus", "supplies", "cameras and optics"),
        ("Russia", "Belarus", "supplies", "fuel"),
    }


def test_a_relative_clause_acts_for_the_name_before_it(gazetteer):
    text = (
        "Chinese firms shipped machine tools to Belarus, which then re-exported them to Russia.\n"
        "Russia buys drones from Iran, which ships them across the Caspian Sea.\n"
    )
    document = Document(name="relative.txt", path=Path("relative.txt"), text=text, sha256="0", encoding="utf-8")
    got = {(r["source"], r["target"], r["relation"], r["trigger"]) for r in _relations(document, gazetteer)}
    assert ("China", "Belarus", "supplies", "shipped") in got
    assert ("Belarus", "Russia", "supplies", "re-exported") in got
    assert ("China", "Russia", "supplies", "re-exported") not in got
    assert {(source, target) for source, target, relation, _ in got if relation == "supplies"} == {
        ("China", "Belarus"),
        ("Belarus", "Russia"),
        ("Iran", "Russia"),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "The EU imposed sanctions on 25 Belarusian entities, including MZKT and Peleng.",
            {("European Union", "MZKT"), ("European Union", "Peleng")},
        ),
        ("The United States imposed new sanctions against 12 companies such as Peleng.", {("United States", "Peleng")}),
        ("The EU imposed sanctions on 25 entities, among them Peleng.", {("European Union", "Peleng")}),
        ("The EU discussed sanctions on oil, but Hungary blocked them.", set()),
    ],
)
def test_sanctions_on_a_group_name_its_members_after_including(gazetteer, text, expected):
    document = Document(name="listed.txt", path=Path("listed.txt"), text=text, sha256="0", encoding="utf-8")
    rows = _relations(document, gazetteer)
    assert {(r["source"], r["target"]) for r in rows if r["relation"] == "sanctions"} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Belarus is supplying Russia with fuel.", {("Belarus", "Russia")}),
        ("Russia is being supplied with fuel by Belarus.", {("Belarus", "Russia")}),
        ("Russia was provided with drones by Iran.", {("Iran", "Russia")}),
        ("Belarus was accused of supplying Russia with fuel.", {("Belarus", "Russia")}),
        ("Ammunition was supplied by Belarus.", set()),
        (
            "The Department of State is designating 9 entities and offering a reward under the Rewards for Justice program.",
            set(),
        ),
    ],
)
def test_progressive_passive_and_gerund_supply(gazetteer, text, expected):
    document = Document(name="verbs.txt", path=Path("verbs.txt"), text=text, sha256="0", encoding="utf-8")
    rows = _relations(document, gazetteer)
    assert {(r["source"], r["target"]) for r in rows if r["relation"] == "supplies"} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Belarus imports microelectronics from China and resells them to Russian defence firms.",
            {("China", "supplies", "Belarus"), ("Belarus", "supplies", "Russia")},
        ),
        (
            "Belarus buys chips from Taiwan and ships them to Russia.",
            {("Taiwan", "supplies", "Belarus"), ("Belarus", "supplies", "Russia")},
        ),
        ("Kazakh firms re-exported European machine tools to Russia.", {("Kazakhstan", "supplies", "Russia")}),
        (
            "Belarus is a conduit for Western components reaching Russia's arms industry.",
            {("Belarus", "intermediary_for", "Russia")},
        ),
        ("Belarus hosts fewer than 1,500 Wagner fighters today.", {("Belarus", "hosts", "Wagner Group")}),
        (
            "OFAC designated OJSC Integral, a Minsk-based producer that supplies integrated circuits to Russian firms.",
            {("United States", "sanctions", "Integral"), ("Integral", "supplies", "Russia")},
        ),
        (
            "OFAC designated Belarusian state-owned enterprise Minsk Automobile Plant (MAZ), which manufactures trucks used "
            "by the Russian military.",
            {("United States", "sanctions", "MAZ"), ("Belarus", "owns", "MAZ"), ("MAZ", "supplies", "Russia")},
        ),
    ],
)
def test_verbs_after_and_or_that_origins_owners_and_guests(gazetteer, text, expected):
    document = Document(name="more.txt", path=Path("more.txt"), text=text, sha256="0", encoding="utf-8")
    assert {(r["source"], r["relation"], r["target"]) for r in _relations(document, gazetteer)} == expected


def test_relations_are_deterministic(gazetteer):
    document = read_document(SEEDS / "000_9aec26ecfd200c94.txt")
    assert _relations(document, gazetteer) == _relations(document, gazetteer)


def _corpus_sentences() -> list[str]:
    paths = [*SEEDS.glob("*.txt"), *FIXTURES.glob("**/*.txt"), *(FIXTURES.parent / "documents").glob("*.txt")]
    return [s.text for path in paths for s in split_sentences(read_document(path).text)]


def test_every_precheck_admits_everything_its_pattern_matches():
    """The gate is made of the trigger table's anchors: on every sentence of the fixtures and seeds, and on each
    anchor written in a sentence, every kind whose pattern matches is one the gate lets run; so do the pre-checks of
    the coreference and untriggered rules."""
    from briefing.extraction import relation_rules as rules
    from briefing.extraction.relations import gated_kinds, matched_kinds, precheck_violations

    sentences = _corpus_sentences()
    for row in rules.TRIGGERS:  # each anchor in the plainest contexts its row allows
        for anchor in rules.anchors(row):
            sentences += [
                f"A {anchor} B.",
                f"A {anchor.upper()} on B.",
                f"49% {anchor} in of the B.",
                f"Troops {anchor} in B.",
                f"Russia's {anchor} 25 percent of B.",
            ]
    checked = 0
    for text in sentences:
        checked += len(matched_kinds(text))
        assert precheck_violations(text) == [], text
    assert checked > 500
    # and the gate selects: a sentence with no anchor runs no pattern
    assert gated_kinds("Minsk and Moscow met on Tuesday.") == frozenset()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Belarus supplied shells to Russia.", "asserted"),
        ("Belarus reportedly supplied shells to Russia.", "hedged"),
        ("Belarus plans to supply shells to Russia.", "planned"),
        ("Belarus is considering supplying shells to Russia.", "planned"),
        ("Belarus has denied supplying shells to Russia.", "denied"),
        ("There is no evidence that Belarus supplied shells to Russia.", "denied"),
        ("Belarus does not supply shells to Russia.", "denied"),
        ("Deliveries of shells from Belarus to Russia are expected to resume.", "planned"),
    ],
)
def test_modality_is_read_from_the_clause_before_the_trigger(gazetteer, text, expected):
    document = Document(name="m.txt", path=Path("m.txt"), text=text, sha256="0", encoding="utf-8")
    rows = [r for r in _relations(document, gazetteer) if r["relation"] == "supplies"]
    assert [(r["source"], r["target"], r["modality"]) for r in rows] == [("Belarus", "Russia", expected)]


def test_the_seeds_keep_every_relation_they_had(gazetteer):
    """seed_relations_before.csv holds every relation row the seeds gave before relations were read with their
    modality (its id names the sentence): each is still there, with its item, and stated (asserted or hedged), but
    the one the seed itself calls a plan."""
    import csv

    planned = {"000_9aec26ecfd200c94:3317:Russia>Belarus:produces_in"}  # "is considering ... production"
    with open(FIXTURES / "seed_relations_before.csv", newline="", encoding="utf-8") as handle:
        before = {row["relation_id"]: row for row in csv.DictReader(handle)}
    now = {
        row["relation_id"]: row
        for path in sorted(SEEDS.glob("*.txt"))
        for row in _relations(read_document(path), gazetteer)
    }
    assert set(before) <= set(now)
    assert {key for key in before if now[key]["modality"] not in STATED_MODALITIES} == planned
    assert now[next(iter(planned))]["modality"] == "planned"
    # the same items (a hosted item where there was none before: "troops")
    assert [key for key, row in before.items() if row["item"] and now[key]["item"] != row["item"]] == []


def test_the_briefing_tables_state_only_asserted_and_hedged_relations(tmp_path):
    """load_tables hands the briefing what it may state; planned and denied relations are kept apart."""
    import csv

    from briefing.analysis.tables import load_tables

    base = dict.fromkeys(RELATION_COLUMNS, "") | {
        "doc": "a.txt",
        "relation": "supplies",
        "sentence_start": 0,
        "sentence_end": 9,
    }
    rows = [
        base | {"relation_id": f"a:{i}", "source": "Belarus", "target": target, "modality": modality}
        for i, (target, modality) in enumerate(
            [("Russia", "asserted"), ("Iran", "hedged"), ("China", "planned"), ("Ukraine", "denied")]
        )
    ]
    with open(tmp_path / "relations.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, RELATION_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    tables = load_tables(tmp_path)
    assert list(tables.relations["target"]) == ["Russia", "Iran"]
    assert list(tables.unstated_relations["modality"]) == ["planned", "denied"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # the forms issue 16 lists, each as reporting writes it
        (
            "The Belarusian army transferred 4,000 tons of ammunition to the Russian Federation.",
            {("Belarus", "Russia", "supplies", "ammunition")},
        ),
        (
            "More than 9,000 tonnes of ammunition left Belarus for Russia in April.",
            {("Belarus", "Russia", "supplies", "ammunition")},
        ),
        (
            "Some 310 wagons brought 16,000 tonnes of cargo from Belarus into Russia.",
            {("Belarus", "Russia", "supplies", "cargo")},
        ),
        (
            "OFAC sanctioned eight entities. MZKT was designated on 24 February 2022.",
            {("United States", "MZKT", "sanctions", "")},
        ),
        ("Russia's share in Belarusian exports now exceeds 60%.", {("Belarus", "Russia", "supplies", "")}),
        (
            "Deliveries of artillery shells to Russia from North Korea continued.",
            {("North Korea", "Russia", "supplies", "artillery shells")},
        ),
        ("Kupol, a Rostec group company, makes drones.", {("Rostec", "Kupol", "owns", "")}),
        ("Peleng (part of the BelOMO holding) makes sights.", {("BelOMO", "Peleng", "owns", "")}),
        (
            "The EU imposed sanctions on Tetraedr, jointly with Switzerland and Canada.",
            {
                ("European Union", "Tetraedr", "sanctions", ""),
                ("Switzerland", "Tetraedr", "sanctions", ""),
                ("Canada", "Tetraedr", "sanctions", ""),
            },
        ),
        (
            "Chinese maker supplying parts to Belarusian plant for Russian drones",
            {("China", "Belarus", "supplies", "parts")},
        ),
        (
            "Russia has stationed tactical nuclear weapons in Belarus.",
            {("Belarus", "Russia", "hosts", "tactical nuclear weapons")},
        ),
        ("Some 13,000 Russian troops are stationed in Belarus.", {("Belarus", "Russia", "hosts", "troops")}),
        # a head of state or an official acts for the state; "since the Soviet times" names no place
        ("Alexander Lukashenko said Belarus supplies food to Russia.", {("Belarus", "Russia", "supplies", "food")}),
        ("MZKT has built chassis since the Soviet times.", set()),
    ],
)
def test_the_forms_of_real_reporting(gazetteer, text, expected):
    document = Document(name="forms.txt", path=Path("forms.txt"), text=text, sha256="0", encoding="utf-8")
    got = {
        (r["source"], r["target"], r["relation"], r["item"])
        for r in _relations(document, gazetteer)
        if r["modality"] in STATED_MODALITIES
    }
    assert got == expected


def test_an_unknown_party_takes_part_under_its_full_name_and_is_marked_unreviewed(gazetteer):
    text = (
        "The US Treasury Department said Shenzhen Zhongxin Electronic Technology (Shenzhen) Co., Ltd "
        "supplied microelectronics to Kupol."
    )
    document = Document(name="full.txt", path=Path("full.txt"), text=text, sha256="0", encoding="utf-8")
    rows = _relations(document, gazetteer)
    assert [(r["source"], r["target"], r["unreviewed"]) for r in rows] == [
        (
            "Shenzhen Zhongxin Electronic Technology (Shenzhen)",
            "Kupol",
            "Shenzhen Zhongxin Electronic Technology (Shenzhen)",
        )
    ]


def test_hosting_in_nominal_form(gazetteer):
    text = "Belarus and Russia signed an agreement on the deployment of Russian nuclear weapons in Belarus."
    document = Document(name="host.txt", path=Path("host.txt"), text=text, sha256="0", encoding="utf-8")
    assert {(r["source"], r["target"], r["relation"], r["item"]) for r in _relations(document, gazetteer)} == {
        ("Belarus", "Russia", "hosts", "Russian nuclear weapons")
    }

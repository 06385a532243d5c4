"""The scorer of briefing/analysis/evaluation.py on tiny hand-made cases, so its numbers can be trusted on the real sets."""

from __future__ import annotations

import pytest

from briefing.analysis.evaluation import (
    GoldError,
    evaluate_folder,
    format_score,
    main,
    name_words,
    parse_gold,
    predicted_parties,
    same_name,
    score_document,
    stated_only,
)

GOLD = """\
# source | relation | target | item | share | modality
Belarus | supplies | Russia | ammunition
Belarus | supplies | Russia | drones | | denied
Rostec | owns | Uralvagonzavod | | 100
China | trades_with | Belarus
Peleng | supplies | Iran | sights | | denied
Morotack (Tianjin) Technology | supplies | Diaproektor | flanges | | hedged
party: Belarus | country
party: Russia | country
party: Morotack (Tianjin) Technology | company
party: Diaproektor | company
"""


def _relation(source, relation, target, item="", share="", modality=None):
    row = {
        "source": source,
        "relation": relation,
        "target": target,
        "item": item,
        "share": share,
        "trigger": "t",
        "sentence": "s",
    }
    if modality is not None:
        row["modality"] = modality
    return row


def _entity(text, entity="", entity_type="candidate"):
    return {"text": text, "entity": entity, "entity_type": entity_type}


@pytest.fixture
def gold(tmp_path):
    path = tmp_path / "01_case.gold"
    path.write_text(GOLD, encoding="utf-8")
    return parse_gold(path)


def test_gold_lines_are_read_with_their_modality_and_parties(gold):
    assert len(gold.relations) == 5  # the two Belarus -> Russia lines are one triple
    belarus = gold.relations[("Belarus", "Russia", "supplies")]
    assert belarus.items == ["ammunition", "drones"]
    assert belarus.modality == "asserted"  # the strongest of asserted and denied
    assert gold.relations[("Peleng", "Iran", "supplies")].modality == "denied"
    assert gold.relations[("Rostec", "Uralvagonzavod", "owns")].share == "100"
    assert gold.parties["Morotack (Tianjin) Technology"] == "company"


def test_relations_modality_items_and_parties_are_scored(gold):
    relations = [
        _relation("Belarus", "supplies", "Russia", "artillery ammunition"),  # no modality column: asserted
        _relation("Rostec", "owns", "Uralvagonzavod", share="51"),  # wrong share
        _relation("Belarus", "trades_with", "China"),  # symmetric: matches China -> Belarus
        _relation("Peleng", "supplies", "Iran", "sights", modality="asserted"),  # should be denied
        _relation("Technology", "supplies", "Diaproektor"),  # a fragment of the name: false, and a miss
        _relation("Alexander Lukashenko", "supplies", "Belarus"),  # false
    ]
    entities = [
        _entity("Belarus", "Belarus", "country"),
        _entity("Russian", "Russia", "country"),
        _entity("Shahed", "Shahed drones", "weapon_system"),  # not a party
        _entity("Morotack (Tianjin) Technology Co., Ltd."),  # legal form and punctuation ignored
        _entity("Technology"),
    ]  # a fragment: a false party
    score = score_document("01_case.txt", gold, relations, entities)
    supplies = score.relations["supplies"]
    assert (supplies.true_pos, supplies.false_pos, supplies.false_neg) == (2, 2, 1)
    assert (score.relations["trades_with"].true_pos, score.relations["owns"].true_pos) == (1, 1)
    assert (score.modality_checks, score.modality_right) == (4, 3)
    assert (score.item_checks, score.item_right) == (3, 2)  # ammunition and sights right, the share wrong
    assert (score.parties.true_pos, score.parties.false_pos, score.parties.false_neg) == (3, 1, 1)
    assert "MODAL Peleng -[supplies]-> Iran: gold denied, got asserted" in score.lines
    assert "MISS  party Diaproektor (company)" in score.lines
    assert "FALSE party Technology" in score.lines


def test_counts_give_precision_recall_and_f1(gold):
    score = score_document(
        "01_case.txt", gold, [_relation("Belarus", "supplies", "Russia"), _relation("Iran", "supplies", "Russia")], []
    )
    counts = score.relations["supplies"]
    assert (counts.precision, counts.recall) == (0.5, 1 / 3)
    assert counts.f1 == pytest.approx(0.4)


def test_names_are_compared_without_case_punctuation_and_legal_forms():
    assert name_words("The Tenex Trading FZE") == ["tenex", "trading"]
    assert same_name("Ostek-SMT (Moscow)", "OSTEK-SMT Moscow LLC")
    assert not same_name("Guangzhou Ausay Trading", "Ausay")
    assert same_name("Guangzhou Ausay Trading", "Ausay", short_forms=True)


def test_predicted_parties_are_canonical_names_and_candidate_surfaces():
    rows = [
        _entity("Minsk", "Belarus", "country"),
        _entity("Zapad-2025", "Zapad", "exercise"),
        _entity("Green Cycle Energy"),
    ]
    assert predicted_parties(rows) == {"Belarus", "Green Cycle Energy"}


@pytest.mark.parametrize(
    "line, message",
    [
        ("Belarus | supplies", "a relation line is"),
        ("Belarus | supplies | Russia | | | certain", "modality 'certain'"),
        ("party: Minsk | city", "a party line is"),
    ],
)
def test_a_bad_gold_line_is_named_with_its_file_and_line(tmp_path, line, message):
    path = tmp_path / "bad.gold"
    path.write_text("# header\n" + line + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=f"bad.gold:2: {message}"):
        parse_gold(path)


def test_what_the_briefing_states_leaves_out_planned_and_denied_on_both_sides(gold):
    rows = [
        _relation("Belarus", "supplies", "Russia", "ammunition"),
        _relation("Peleng", "supplies", "Iran", "sights", modality="denied"),
        _relation("Iran", "supplies", "Russia", "drones", modality="planned"),
    ]
    kept_gold, kept_rows = stated_only(gold, rows)
    assert ("Peleng", "Iran", "supplies") not in kept_gold.relations  # denied in the gold
    assert ("Belarus", "Russia", "supplies") in kept_gold.relations  # asserted beside a denied line: stated
    assert [(r["source"], r["target"]) for r in kept_rows] == [("Belarus", "Russia")]


def test_a_folder_is_extracted_and_scored(tmp_path):
    (tmp_path / "01_note.txt").write_text("Iran sells drones to Russia.\n", encoding="utf-8")
    (tmp_path / "01_note.gold").write_text(
        "Iran | supplies | Russia | drones\nparty: Iran | country\nparty: Russia | country\n", encoding="utf-8"
    )
    (tmp_path / "02_unannotated.txt").write_text("Not scored: it has no gold file.\n", encoding="utf-8")
    score = evaluate_folder(tmp_path)
    assert [d.name for d in score.documents] == ["01_note.txt"]
    assert score.parties().recall == 1.0
    table = format_score(score, details=True)
    assert "overall" in table and "stated (briefing)" in table and "parties: precision" in table
    assert score.stated.true_pos == 1


def test_the_command_line_gives_one_line_errors(tmp_path, capsys):
    assert main([str(tmp_path / "missing")]) == 1
    error = capsys.readouterr().err
    assert error.startswith("briefing: error: ") and "missing: no such folder" in error
    assert error.count("\n") == 1


def test_the_held_out_set_is_large_annotated_and_consistent():
    """Every document of the held-out set is 150-350 words, its gold file parses, every relation type of the rules
    occurs, every modality occurs, and every party of a relation is listed among the document's parties."""
    from briefing.analysis.evaluation import DEFAULT_FOLDERS, MODALITIES, gold_documents

    heldout = DEFAULT_FOLDERS[0][0]
    paths = gold_documents(heldout)
    assert len(paths) >= 36
    relations, modalities, problems = set(), set(), []
    for path in paths:
        words = len(path.read_text(encoding="utf-8").split())
        if not 150 <= words <= 350:
            problems.append(f"{path.name}: {words} words")
        gold = parse_gold(path.with_suffix(".gold"))
        for (source, target, relation), entry in gold.relations.items():
            relations.add(relation)
            modalities.update(entry.modalities)
            problems += [f"{path.name}: {name} is not a party" for name in (source, target) if name not in gold.parties]
    assert not problems, "\n".join(problems)
    assert relations == {
        "supplies",
        "intermediary_for",
        "owns",
        "trades_with",
        "sanctions",
        "depends_on",
        "hosts",
        "produces_in",
    }
    assert modalities == set(MODALITIES)

"""Extraction of the fixture documents, compared byte for byte with stored tables.

The quality tests check what the extractor finds; this one catches any change at all (an offset, a measure label,
the order of rows), which is what a change meant only to make extraction faster must not make. After an intended
change, `make snapshots` stores the new tables and the diff shows what changed.
"""

from __future__ import annotations

import difflib

import pytest

from briefing import PROJECT_ROOT
from briefing.extraction.extract import extract_folder

FIXTURES = PROJECT_ROOT / "tests" / "fixtures"
SNAPSHOTS = FIXTURES / "snapshots"
# folder of documents -> folder of its stored tables; keep in step with `make snapshots`
INPUTS = {"documents": FIXTURES / "documents", "relations_eval": FIXTURES / "relations" / "eval"}


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_extraction_matches_the_stored_tables(name, tmp_path):
    stored = SNAPSHOTS / name
    tables = sorted(path.name for path in stored.glob("*.csv"))
    assert {"figures.csv", "dates.csv", "entities.csv", "relations.csv", "unknowns.csv"} <= set(tables)
    extract_folder(INPUTS[name], tmp_path)
    assert sorted(path.name for path in tmp_path.glob("*.csv")) == tables
    for table in tables:
        expected = (stored / table).read_text(encoding="utf-8").splitlines()
        actual = (tmp_path / table).read_text(encoding="utf-8").splitlines()
        if actual != expected:
            diff = "\n".join(
                list(difflib.unified_diff(expected, actual, f"stored {table}", f"extracted {table}", lineterm="", n=0))[
                    :12
                ]
            )
            pytest.fail(f"{name}/{table} differs from the stored table (run `make snapshots` if intended):\n{diff}")


def test_the_stored_tables_are_not_empty():
    figures = (SNAPSHOTS / "documents" / "figures.csv").read_text(encoding="utf-8").splitlines()
    relations = (SNAPSHOTS / "relations_eval" / "relations.csv").read_text(encoding="utf-8").splitlines()
    assert len(figures) > 100 and len(relations) > 50

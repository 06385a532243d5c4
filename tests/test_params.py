"""Parameters: a mistyped name or a bad value fails with one line naming the parameter."""

from __future__ import annotations

import pytest

from briefing.extraction.entities import load_gazetteer
from briefing.params import (
    DEFAULTS,
    ParameterError,
    check_as_of,
    check_focus,
    check_folder,
    check_names,
    check_positive,
)


def test_unknown_parameter_names_the_parameter_and_suggests_the_right_one():
    with pytest.raises(ParameterError, match=r"^focsu: unknown parameter \(did you mean focus\?\)$"):
        check_names({"focsu": "Iran"}, {"focus", "title", "as_of"})


def test_as_of_must_be_a_date():
    assert check_as_of("2025-09-12") == "2025-09-12"
    assert check_as_of("") == ""
    with pytest.raises(ParameterError, match=r"^as_of: 'next week' is not a date"):
        check_as_of("next week")


def test_assumptions_must_be_positive_numbers():
    assert check_positive("tonnes_per_wagon", 40) == 40.0
    assert check_positive("tonnes_per_wagon", None) is None
    for bad in (-5, "-5", "heavy", float("nan")):
        with pytest.raises(ParameterError, match=r"^tonnes_per_wagon: "):
            check_positive("tonnes_per_wagon", bad)


def test_focus_resolves_aliases_and_rejects_unknown_entities():
    gazetteer = load_gazetteer()
    assert check_focus("Iran", gazetteer) == "Iran"
    assert check_focus("Tehran", gazetteer) == "Iran"
    with pytest.raises(ParameterError, match=r"^focus: 'Atlantis' is not an entity in the gazetteer"):
        check_focus("Atlantis", gazetteer)


def _parameters_cell(name: str) -> dict:
    """The values a stored notebook's `parameters` cell assigns, read as Python literals."""
    import ast

    import nbformat

    from briefing.build.pipeline import NOTEBOOKS_DIR

    notebook = nbformat.read(NOTEBOOKS_DIR / name, as_version=4)
    cells = [cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", [])]
    assert len(cells) == 1, f"{name} has one parameters cell"
    return {node.targets[0].id: ast.literal_eval(node.value) for node in ast.parse(cells[0].source).body}


@pytest.mark.parametrize("name", sorted(DEFAULTS))
def test_stored_notebooks_parameters_are_the_defaults(name):
    """A parameter edited in JupyterLab and saved into notebooks/ would change what `make report` builds: the
    stored parameters cells must state exactly the defaults in briefing/params.py (`make lab` edits copies)."""
    assert _parameters_cell(name) == DEFAULTS[name]


def test_a_changed_default_is_caught(tmp_path, monkeypatch):
    import shutil

    import nbformat

    from briefing.build import pipeline

    shutil.copytree(pipeline.NOTEBOOKS_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "02_briefing.ipynb"
    notebook = nbformat.read(path, as_version=4)
    cell = next(cell for cell in notebook.cells if "parameters" in cell.metadata.get("tags", []))
    cell.source = cell.source.replace('focus = "Belarus"', 'focus = "Iran"')
    nbformat.write(notebook, path)
    monkeypatch.setattr(pipeline, "NOTEBOOKS_DIR", tmp_path)
    assert _parameters_cell("02_briefing.ipynb") != DEFAULTS["02_briefing.ipynb"]


def test_a_missing_tables_folder_says_what_to_run_first(tmp_path):
    with pytest.raises(
        ParameterError,
        match=r"^tables_dir: .*absent is not a folder: run 01_extract.ipynb first, "
        r"or `make extract`$",
    ):
        check_folder("tables_dir", tmp_path / "absent")

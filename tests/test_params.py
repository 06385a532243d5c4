"""Parameters: a mistyped name or a bad value fails with one line naming the parameter."""

from __future__ import annotations

import pytest

from briefing.entities import load_gazetteer
from briefing.params import ParameterError, check_as_of, check_focus, check_names, check_positive


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

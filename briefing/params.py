"""The briefing's parameters: their defaults and their rules.

The notebooks' `parameters` cells state the same defaults (papermill reads them there), and a test holds the two
equal, so an edit made in JupyterLab to a stored notebook's parameters cannot change what `make report` builds
unnoticed. Papermill only warns about a parameter it does not know, so every name and value is checked here, by the
build before any notebook runs, and by the notebooks themselves when they run in JupyterLab or under plain papermill.
"""

from __future__ import annotations

import datetime as dt
import math
from numbers import Real
from pathlib import Path

from .errors import UserError

# Each notebook's parameters and their defaults, as its `parameters` cell states them (paths are relative to
# notebooks/, where the notebooks run).
DEFAULTS = {
    "01_extract.ipynb": {
        "seeds_dir": "../seeds",
        "tables_dir": "../data/processed",
    },
    "02_briefing.ipynb": {
        "tables_dir": "../data/processed",
        "reference_dir": "../data/reference",
        "title": "",
        "as_of": "",
        "focus": "Belarus",
        "tonnes_per_wagon": None,
    },
}
# What to do when a folder that another step writes is missing (a notebook opened before the one that fills it).
MISSING_FOLDER_HINTS = {
    "tables_dir": "run 01_extract.ipynb first, or `make extract`",
}


class ParameterError(UserError, ValueError):
    """A parameter with a bad name or value; the message is one line that names the parameter."""


def check_names(given: dict, known: set[str]) -> None:
    for name in sorted(given):
        if name not in known:
            from difflib import get_close_matches

            close = get_close_matches(name, sorted(known), n=1)
            hint = f" (did you mean {close[0]}?)" if close else f" (known: {', '.join(sorted(known))})"
            raise ParameterError(f"{name}: unknown parameter{hint}")


def check_as_of(as_of: str) -> str:
    """An ISO date (YYYY-MM-DD), or empty for the latest date the documents give."""
    if as_of in ("", None):
        return ""
    try:
        return dt.date.fromisoformat(str(as_of)).isoformat()
    except ValueError:
        raise ParameterError(f"as_of: {as_of!r} is not a date (use YYYY-MM-DD)") from None


def check_positive(name: str, value) -> float | None:
    """A positive number, or None/empty/0 for the default that the briefing derives and cites."""
    if value in (None, "", 0):
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            raise ParameterError(f"{name}: {value!r} is not a number") from None
    if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value) or value <= 0:
        raise ParameterError(f"{name}: {value!r} must be a positive number")
    return float(value)


def check_focus(focus: str, gazetteer) -> str:
    """The canonical name of a gazetteer entity."""
    canonical = gazetteer.resolve(str(focus)) if focus else None
    if canonical is None:
        from difflib import get_close_matches

        close = get_close_matches(str(focus), sorted(gazetteer.names()), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise ParameterError(f"focus: {focus!r} is not an entity in the gazetteer{hint}")
    return canonical


def check_folder(name: str, value, base: Path | None = None) -> Path:
    path = Path(value)
    if base is not None and not path.is_absolute():
        path = base / path
    if not path.is_dir():
        hint = f": {MISSING_FOLDER_HINTS[name]}" if name in MISSING_FOLDER_HINTS else ""
        raise ParameterError(f"{name}: {value} is not a folder{hint}")
    return path.resolve()

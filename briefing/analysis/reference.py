"""The reference register: what other public sources reported on the seeds' subjects, validated on load.

The CSVs in ``data/reference/`` are raw data and are never edited by code. Each file is checked against its pandera
schema when it is loaded; the first problem found stops the load with a one-line :class:`RegisterError`
``data/reference/FILE.csv:LINE: problem`` (the header is line 1).

Every loaded table gains three columns:

* ``period`` - the period as written, in ISO (``2022-04``, ``2022-01/2022-09``, ``1995/2020``, ``2022-10-11``);
* ``period_start`` / ``period_end`` - the first and the last day it covers (``Timestamp``), so periods compare;
* ``ref`` - where the row lives, ``data/reference/FILE.csv:LINE``, to cite it.

A file that is not one of the known ones is accepted when it has the measure layout
(period, measure, value, unit, qualifier, reported_by, source_url, note), so new series need no code change.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .. import DATA_DIR, PROJECT_ROOT
from ..errors import UserError

REGISTER_DIR = DATA_DIR / "reference"
QUALIFIERS = ("exact", "approximately", "more_than", "less_than", "at_least", "at_most")
DIRECTIONS = ("Belarus->Russia", "Russia->Belarus")

_YEAR = r"\d{4}"
_MONTH = r"\d{4}-(?:0[1-9]|1[0-2])"
_DAY = r"\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
_POINT = rf"(?:{_DAY}|{_MONTH}|{_YEAR})"
ISO_POINT = re.compile(rf"^{_POINT}$")
ISO_PERIOD = re.compile(rf"^{_POINT}(?:/{_POINT})?$")
_URL = r"^https?://\S+$"


class RegisterError(UserError, ValueError):
    """A malformed register file; the message is one line: ``data/reference/FILE.csv:LINE: problem``."""


def _text(nullable: bool = False, checks=None) -> pa.Column:
    return pa.Column(str, checks=checks, nullable=nullable)


def _number(nullable: bool = False, minimum: float | None = 0) -> pa.Column:
    checks = [pa.Check.ge(minimum)] if minimum is not None else None
    return pa.Column(float, checks=checks, coerce=True, nullable=nullable)


QUALIFIER = pa.Check.isin(QUALIFIERS, error="qualifier not one of " + ", ".join(QUALIFIERS))
ISO_PERIOD_CHECK = pa.Check.str_matches(ISO_PERIOD.pattern, error="not an ISO period (2022, 2022-04, 2022-01/2022-09)")
ISO_POINT_CHECK = pa.Check.str_matches(ISO_POINT.pattern, error="not an ISO date, month or year")
URL_CHECK = pa.Check.str_matches(_URL, error="source_url is not an http(s) address")


def _snake_case(column: str) -> pa.Column:
    return _text(checks=pa.Check.str_matches(r"^[a-z0-9_]+$", error=f"{column} is not a snake_case label"))


def _cited_value(**key_columns: pa.Column) -> pa.DataFrameSchema:
    """A table of values, each keyed by ``key_columns`` and carrying who reported it and where."""
    return pa.DataFrameSchema(
        {
            **key_columns,
            "value": _number(),
            "unit": _text(),
            "qualifier": _text(checks=QUALIFIER),
            "reported_by": _text(),
            "source_url": _text(checks=URL_CHECK),
            "note": _text(nullable=True),
        },
        strict=True,
        ordered=True,
    )


MEASURE_SCHEMA = _cited_value(period=_text(checks=ISO_PERIOD_CHECK), measure=_snake_case("measure"))

SCHEMAS: dict[str, pa.DataFrameSchema] = {
    "ammunition_rail_shipments": pa.DataFrameSchema(
        {
            "direction": _text(checks=pa.Check.isin(DIRECTIONS, error="direction not one of " + ", ".join(DIRECTIONS))),
            "period_start": _text(checks=ISO_POINT_CHECK),
            "period_end": _text(checks=ISO_POINT_CHECK),
            "tonnes": _number(),
            "tonnes_qualifier": _text(checks=QUALIFIER),
            "wagons": _number(nullable=True),
            "reported_by": _text(),
            "published": _text(checks=ISO_POINT_CHECK),
            "source_url": _text(checks=URL_CHECK),
            "note": _text(nullable=True),
        },
        strict=True,
        ordered=True,
    ),
    "belarus_trade_with_russia": MEASURE_SCHEMA,
    "belarus_iran_trade": MEASURE_SCHEMA,
    "zapad_exercises": pa.DataFrameSchema(
        {
            "year": pa.Column(int, checks=pa.Check.in_range(1900, 2100), coerce=True),
            "official_troops": _number(nullable=True),
            "official_scope": _text(nullable=True),
            "estimate_low": _number(nullable=True),
            "estimate_high": _number(nullable=True),
            "estimated_by": _text(nullable=True),
            "source_url": _text(checks=URL_CHECK),
            "note": _text(nullable=True),
        },
        strict=True,
        ordered=True,
    ),
    "shahed_drones": _cited_value(date=_text(checks=ISO_POINT_CHECK), claim=_snake_case("claim")),
    "sanctions_designations": pa.DataFrameSchema(
        {
            "entity": _text(),
            "aliases": _text(nullable=True),
            "country": _text(),
            "authority": _text(),
            "program": _text(),
            "listed_on": _text(checks=pa.Check.str_matches(rf"^{_DAY}$", error="listed_on is not an ISO date")),
            "linked_to": _text(nullable=True),
            "source_url": _text(checks=URL_CHECK),
            "note": _text(nullable=True),
        },
        strict=True,
        ordered=True,
    ),
}


def display_path(path: Path) -> str:
    """``data/reference/FILE.csv`` inside the project, the full path elsewhere."""
    path = Path(path).resolve()
    try:
        return path.relative_to(PROJECT_ROOT).as_posix()
    except ValueError:
        return path.as_posix()


def point_bounds(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of an ISO year, month or day."""
    text = text.strip()
    if not ISO_POINT.match(text):
        raise ValueError(f"not an ISO date, month or year: {text!r}")
    if len(text) == 4:
        return pd.Timestamp(f"{text}-01-01"), pd.Timestamp(f"{text}-12-31")
    if len(text) == 7:
        start = pd.Timestamp(f"{text}-01")
        return start, start + pd.offsets.MonthEnd(0)
    day = pd.Timestamp(text)
    return day, day


def period_bounds(text: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of an ISO period: a point, or ``start/end``."""
    first, _, last = text.strip().partition("/")
    start = point_bounds(first)[0]
    end = point_bounds(last or first)[1]
    return start, end


def _read_rows(path: Path, shown: str) -> tuple[list[str], list[list[str]], list[int]]:
    """Header, rows and the file line on which each row starts."""
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise RegisterError(f"{shown}:1: empty file, no header") from None
        rows, lines = [], []
        line = reader.line_num + 1
        for row in reader:
            if row and any(cell.strip() for cell in row):
                if len(row) != len(header):
                    raise RegisterError(f"{shown}:{line}: {len(row)} fields, the header has {len(header)}")
                rows.append(row)
                lines.append(line)
            line = reader.line_num + 1
    return header, rows, lines


def _schema_for(stem: str, header: list[str], shown: str) -> pa.DataFrameSchema:
    if stem in SCHEMAS:
        schema = SCHEMAS[stem]
    elif header == list(MEASURE_SCHEMA.columns):
        schema = MEASURE_SCHEMA
    else:
        raise RegisterError(f"{shown}:1: unknown file without the measure layout ({', '.join(MEASURE_SCHEMA.columns)})")
    expected = list(schema.columns)
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        detail = "; ".join(
            p for p in (missing and f"missing {', '.join(missing)}", extra and f"unexpected {', '.join(extra)}") if p
        )
        raise RegisterError(
            f"{shown}:1: header is not {', '.join(expected)}" + (f" ({detail})" if detail else " (order)")
        )
    return schema


def _first_failure(errors: pa.errors.SchemaErrors, lines: list[int], shown: str) -> RegisterError:
    cases = errors.failure_cases
    cases = cases[cases["index"].notna()] if "index" in cases else cases.iloc[0:0]
    if cases.empty:
        return RegisterError(f"{shown}:1: {str(errors).splitlines()[0]}")
    cases = cases.assign(_row=cases["index"].astype(int)).sort_values("_row", kind="stable")
    case = cases.iloc[0]
    check = str(case["check"])
    value = case["failure_case"]
    value = "empty" if value is None or (isinstance(value, float) and pd.isna(value)) else repr(value)
    if check.startswith("not_nullable"):
        problem = f"{case['column']} is empty"
    elif check.startswith("coerce_dtype"):
        problem = f"{case['column']} is not a number: {value}"
    else:
        problem = f"{case['column']}: {check}: {value}"
    return RegisterError(f"{shown}:{lines[int(case['_row'])]}: {problem}")


def load_file(path: Path) -> pd.DataFrame:
    """One register file, validated, with ``period``, ``period_start``, ``period_end`` and ``ref`` columns."""
    path = Path(path)
    shown = display_path(path)
    header, rows, lines = _read_rows(path, shown)
    schema = _schema_for(path.stem, header, shown)
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    frame = frame.apply(lambda column: column.map(lambda cell: cell.strip() or None)).astype("str")
    frame = frame.where(frame.notna(), None)
    try:
        frame = schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        raise _first_failure(errors, lines, shown) from None
    frame = _add_periods(path.stem, frame, lines, shown)
    frame.insert(0, "ref", [f"{shown}:{line}" for line in lines])
    frame.insert(1, "line", lines)
    frame.attrs["path"] = shown
    return frame.reset_index(drop=True)


def _add_periods(stem: str, frame: pd.DataFrame, lines: list[int], shown: str) -> pd.DataFrame:
    if "period" in frame:
        periods = list(frame["period"])
    elif "period_start" in frame:
        periods = [s if s == e else f"{s}/{e}" for s, e in zip(frame["period_start"], frame["period_end"])]
    elif "year" in frame:
        periods = [str(y) for y in frame["year"]]
    elif "date" in frame:
        periods = list(frame["date"])
    elif "listed_on" in frame:
        periods = list(frame["listed_on"])
    else:  # pragma: no cover - every schema has one of them
        periods = [None] * len(frame)
    starts, ends = [], []
    for period, line in zip(periods, lines):
        start, end = period_bounds(period)
        if end < start:
            raise RegisterError(f"{shown}:{line}: period {period} ends before it starts")
        starts.append(start)
        ends.append(end)
    frame = frame.drop(columns=[c for c in ("period_start", "period_end") if c in frame])
    frame["period"] = periods
    frame["period_start"] = pd.to_datetime(pd.Series(starts, index=frame.index))
    frame["period_end"] = pd.to_datetime(pd.Series(ends, index=frame.index))
    if {"estimate_low", "estimate_high"} <= set(frame.columns):
        bad = frame["estimate_low"] > frame["estimate_high"]
        if bad.any():
            raise RegisterError(
                f"{shown}:{lines[int(bad.to_numpy().nonzero()[0][0])]}: estimate_low above estimate_high"
            )
    return frame


def load_register(folder: Path | str = REGISTER_DIR) -> dict[str, pd.DataFrame]:
    """Every ``*.csv`` in ``folder`` by file stem, validated (see the module docstring)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise RegisterError(f"{display_path(folder)}:0: register folder not found")
    return {path.stem: load_file(path) for path in sorted(folder.glob("*.csv"))}

"""How the briefing writes a number, a value with its unit and qualifier, and a period: shared by the
corroboration's explanations (analysis) and the briefing's text and charts (presentation)."""

from __future__ import annotations

import pandas as pd

QUALIFIER_WORDS = {
    "exact": "",
    "approximately": "about ",
    "more_than": "more than ",
    "less_than": "less than ",
    "at_least": "at least ",
    "at_most": "up to ",
}


def format_number(value: float) -> str:
    """12800000000 → '12.8 billion'; 12345 → '12,345'; 12.5 → '12.5'."""
    if pd.isna(value):
        return ""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if abs(value) >= size:
            return f"{value / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def format_figure(row) -> str:
    """A figure as a reader says it: 'more than 1,500 drones', '30–40%', 'about 9,000 troops', '3×'."""
    return format_value(row["low"], row["high"], str(row["unit"]), str(row["qualifier"]))


def format_value(low, high, unit: str, qualifier: str) -> str:
    """A value or range with its unit and qualifier, as :func:`format_figure` says it."""
    unit = "" if unit in ("nan", "None") else str(unit or "")
    number = format_number(low) if pd.isna(high) or low == high else f"{format_number(low)}–{format_number(high)}"
    if unit == "%":
        text = f"{number}%"
    elif unit == "x":
        text = f"{number}×"
    elif unit.isupper() and len(unit) == 3:  # an ISO currency code
        text = f"{unit} {number}"
    else:
        text = f"{number} {unit}".strip()
    return QUALIFIER_WORDS.get(str(qualifier), "") + text


def format_period(start: str, end: str) -> str:
    start, end = str(start or ""), str(end or "")
    if start and end and start != end:
        return f"{start} to {end}"
    if end and not start:
        return f"until {end}"
    return start or end

"""The timeline of dated events: each date mention placed by its ISO value, drawn with its precision."""

from __future__ import annotations

import datetime as dt
from html import escape

import pandas as pd
import plotly.graph_objects as go

from .style import OTHER_COLOUR, apply

# A day is a point; coarser dates are drawn as the span they cover, so a year never looks like a day.
PRECISION_SYMBOLS = {
    "day": "circle",
    "month": "square",
    "season": "diamond",
    "year": "triangle-up",
    "period": "line-ew",
}


def _bounds(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day that an ISO value (day, month, year, or start/end period) covers."""
    parts = str(value).split("/")
    try:
        first = _first_day(parts[0])
        last = _last_day(parts[-1])
    except ValueError:
        return None
    return (first, last) if first <= last else None


def _first_day(text: str) -> dt.date:
    pieces = [int(p) for p in text.split("-")]
    return dt.date(pieces[0], *(pieces[1:3] + [1] * (2 - len(pieces[1:3]))))


def _last_day(text: str) -> dt.date:
    pieces = [int(p) for p in text.split("-")]
    if len(pieces) == 3:
        return dt.date(*pieces)
    if len(pieces) == 2:
        following = dt.date(pieces[0] + pieces[1] // 12, pieces[1] % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(pieces[0], 12, 31)


EVENTS_DRAWN = 30  # distinct dates the chart draws, those the most documents mention first


def timeline_frame(dates: pd.DataFrame) -> pd.DataFrame:
    """Resolved date mentions with the first and last day each covers, in time order."""
    rows = []
    for row in dates.to_dict("records"):
        if str(row.get("resolved", "")).lower() != "true":
            continue
        bounds = _bounds(row["value"])
        if bounds:
            rows.append({**row, "first": bounds[0], "last": bounds[1]})
    frame = pd.DataFrame(rows)
    return frame.sort_values(["first", "last", "doc"]).reset_index(drop=True) if len(frame) else frame


def drawn_events(frame: pd.DataFrame, limit: int = EVENTS_DRAWN) -> tuple[pd.DataFrame, int]:
    """One row per distinct date (its first mention), the ``limit`` that the most documents mention, in time order;
    and how many distinct dates are left out."""
    if len(frame) <= limit:
        return frame, 0
    support = frame.groupby(["value", "precision"], sort=False)["doc"].nunique().rename("support")
    distinct = frame.drop_duplicates(["value", "precision"]).join(support, on=["value", "precision"])
    kept = distinct.sort_values("support", ascending=False, kind="stable").head(limit)
    return kept.sort_values(["first", "last", "doc"]).reset_index(drop=True), len(distinct) - len(kept)


def timeline_chart(dates: pd.DataFrame) -> go.Figure:
    frame, left_out = drawn_events(timeline_frame(dates))
    figure = go.Figure()
    if frame.empty:
        figure.add_annotation(
            text="The documents give no dated events.", showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper"
        )
        return apply(figure, "Timeline of dated events", height=260)
    for precision, group in frame.groupby("precision", sort=True):
        xs, ys, hover = [], [], []
        for index, row in group.iterrows():
            label = f"{escape(str(row['text']))}<br>{escape(str(row['doc']))} · precision: {precision}"
            if row.get("support", 1) > 1:
                label += f"<br>mentioned in {int(row['support']):,} documents"
            xs += [row["first"].isoformat(), row["last"].isoformat(), None]
            ys += [index, index, None]
            hover += [label, label, None]
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=str(precision),
                text=hover,
                hoverinfo="text",
                marker=dict(symbol=PRECISION_SYMBOLS.get(str(precision), "circle"), size=9),
                line=dict(width=6),
                connectgaps=False,
            )
        )
    figure.update_yaxes(
        tickmode="array",
        tickvals=list(frame.index),
        ticktext=[str(t)[:40] for t in frame["text"]],
        autorange="reversed",
        title=None,
    )
    figure.update_xaxes(title="Date (spans show what a month, season or year covers)", type="date")
    figure.update_layout(
        legend_title_text="Precision", colorway=[OTHER_COLOUR, "#0072B2", "#D55E00", "#009E73", "#CC79A7"]
    )
    if left_out:
        figure.update_layout(
            meta=dict(
                notes=[
                    f"And {left_out:,} more distinct dates, not drawn: the chart shows the "
                    f"{EVENTS_DRAWN} that the most documents mention; the register of "
                    "dates lists every one."
                ]
            )
        )
    return apply(figure, "Timeline of dated events in the documents", height=max(300, 28 * len(frame) + 120))

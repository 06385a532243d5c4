"""Telegram channels as time series: how many posts a channel published each month, from documents.csv."""

from __future__ import annotations

import math

import pandas as pd

POSTS_COLUMNS = ["channel", "month", "posts"]


def posts_per_month(documents: pd.DataFrame, channel: str = "") -> pd.DataFrame:
    """Posts per channel and month (YYYY-MM), months without a post counted as 0 between a channel's first and last.

    ``documents`` is documents.csv (a row per message read from a Telegram export: its channel and date);
    ``channel`` keeps one channel. Only messages with text are documents, so a post of a photo alone is not counted.
    """
    rows = documents[
        (documents.get("format", pd.Series(dtype=str)) == "telegram")
        & (documents["published"].astype(str).str.len() >= 7)
    ]
    if channel:
        rows = rows[rows["channel"] == channel]
    if rows.empty:
        return pd.DataFrame(columns=POSTS_COLUMNS)
    months = rows.assign(month=rows["published"].astype(str).str[:7])
    counts = months.groupby(["channel", "month"]).size()
    frames = []
    for name, series in counts.groupby(level="channel"):
        series = series.droplevel("channel")
        span = pd.period_range(series.index.min(), series.index.max(), freq="M").strftime("%Y-%m")
        filled = series.reindex(span, fill_value=0)
        frames.append(pd.DataFrame({"channel": name, "month": filled.index, "posts": filled.to_numpy()}))
    return pd.concat(frames, ignore_index=True)[POSTS_COLUMNS]


def posts_chart(counts: pd.DataFrame, title: str = "Posts per month, by Telegram channel"):
    """A line per channel of ``posts_per_month``; a chart without posts says so. The source note names the channels."""
    import plotly.graph_objects as go

    from .style import apply

    figure = go.Figure()
    for channel, rows in counts.groupby("channel", sort=True):
        figure.add_trace(
            go.Scatter(
                x=list(rows["month"]),
                y=list(rows["posts"]),
                mode="lines+markers",
                name=f"t.me/{channel}",
                hovertemplate="%{x}: %{y} posts<extra>" + channel + "</extra>",
            )
        )
    if counts.empty:
        figure.add_annotation(
            text="No Telegram channel export among the documents",
            xref="paper",
            yref="paper",
            x=0.5,
            y=0.5,
            showarrow=False,
        )
    apply(figure, title)
    channels = ", ".join(f"t.me/{c}" for c in sorted(set(counts["channel"])))
    # months as categories (a date axis would put "2024-01" at Dec 31 with daily ticks); whole posts on the y axis
    most = int(counts["posts"].max()) if len(counts) else 0
    figure.update_layout(
        xaxis=dict(title="month", type="category"),
        yaxis=dict(title="posts with text", rangemode="tozero", dtick=max(1, math.ceil(most / 5))),
        meta=dict(
            source_note=f"Source: messages of {channels or 'no channel'} in the documents "
            "(Telegram Desktop exports); a post without text is not counted."
        ),
    )
    return figure

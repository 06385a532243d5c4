"""Telegram channels as time series: how many posts a channel published each month, from documents.csv."""

from __future__ import annotations

import pandas as pd

POSTS_COLUMNS = ["channel", "month", "posts"]


def posts_per_month(documents: pd.DataFrame, channel: str = "") -> pd.DataFrame:
    """Posts per channel and month (YYYY-MM), months without a post counted as 0 between a channel's first and last.

    ``documents`` is documents.csv (a row per message read from a Telegram export: its channel and date);
    ``channel`` keeps one channel. Only messages with text are documents, so a post of a photo alone is not counted.
    """
    rows = documents[(documents.get("format", pd.Series(dtype=str)) == "telegram")
                     & (documents["published"].astype(str).str.len() >= 7)]
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

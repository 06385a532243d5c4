"""The briefing's evidence charts: the seeds' figures beside what the reference register reports.

Rules every chart follows:

* the seeds' figures are drawn as stated: ranges as ranges (bands with both ends, never a midpoint), open-ended
  figures as open-ended (a one-sided band and an arrow), sector-level claims hatched and named as such;
* register rows are drawn in :data:`briefing.presentation.style.REFERENCE_COLOUR` with their own markers and their measure named;
* every trace carries the seed's ``figure_id`` (and its claims-register anchor) or the register row
  (``data/reference/FILE.csv:LINE``) in ``customdata`` and in the hover;
* a source note under the chart names the documents and register files behind it (also in ``layout.meta``);
* a chart without data for it still returns a figure, with an annotation saying what is missing.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd
import plotly.graph_objects as go

from ..analysis.corroborate import classify_figures, figure_period
from ..analysis.topics import MEASURE_LABELS, register_claims
from ..formatting import format_number, format_value
from .report import claim_anchor
from .style import REFERENCE_COLOUR, apply, country_colour

REFERENCE_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "star", "hexagon", "pentagon")
SEED_HOVER = "%{customdata[0]}<br>%{customdata[2]}<br>claim: %{customdata[1]}<extra></extra>"
REF_HOVER = "%{customdata[0]}<br>%{customdata[1]}<extra></extra>"


# ------------------------------------------------------------------------------------------------- helpers


TOP_CLAIMS = 8  # distinct figures a chart draws, the best supported first; the rest are counted in a note
NAMED_IN_NOTE = 10  # documents and figure ids a source note names before "and N more"


def with_topics(figures: pd.DataFrame | None, topics: list | None = None) -> pd.DataFrame:
    """The figures with their topic, measure and partner (``topics`` from :func:`classify_figures`, when the
    caller has them already: classifying every figure once per chart would cost more than the charts)."""
    if figures is None or len(figures) == 0:
        return pd.DataFrame(columns=["figure_id", "doc", "topic", "measure_key", "partner"])
    if "topic" in figures.columns and "measure_key" in figures.columns:
        return figures
    figures = figures.reset_index(drop=True).copy()
    topics = classify_figures(figures) if topics is None else topics
    figures["topic"] = [t[0] for t in topics]
    figures["measure_key"] = [t[1] for t in topics]
    figures["partner"] = [t[2] for t in topics]
    for column in ("low", "high", "start", "end", "sentence_start"):
        figures[column] = pd.to_numeric(figures[column])
    return figures


def _claims(register) -> pd.DataFrame:
    return register_claims(register or {})


def top_claims(seeds: pd.DataFrame, limit: int = TOP_CLAIMS) -> tuple[pd.DataFrame, list[str]]:
    """The figures a chart draws: one per distinct claim (same value, qualifier, unit, measure and period), ranked by
    support, the number of documents stating it; ``support`` says it. A note counts the claims not drawn."""
    claim = ["measure_key", "low", "high", "qualifier", "unit", "period_start", "period_end"]
    key = seeds[[c for c in claim if c in seeds.columns]].astype(str).agg("\x1f".join, axis=1) if len(seeds) else []
    seeds = seeds.assign(claim_key=key)
    support = seeds.groupby("claim_key", sort=False)["doc"].nunique() if len(seeds) else pd.Series(dtype=int)
    distinct = seeds.drop_duplicates("claim_key").copy()
    distinct["support"] = distinct["claim_key"].map(support).astype(int) if len(distinct) else []
    if len(distinct) > limit:
        distinct = distinct.sort_values("support", ascending=False, kind="stable")
    drawn = distinct.head(limit).drop(columns="claim_key")
    hidden = distinct.iloc[limit:]
    notes = []
    if len(hidden):
        statements = int(seeds["claim_key"].isin(hidden["claim_key"]).sum())
        notes.append(
            f"And {len(hidden):,} more distinct figures ({statements:,} statements) on this topic, not drawn: "
            f"the chart shows the {limit} stated by the most documents; the claims register lists every one."
        )
    return drawn, notes


def _support(row) -> str:
    """ ", stated in N documents" for a claim that more than one document makes."""
    count = int(row.get("support", 1) or 1)
    return f", stated in {count:,} documents" if count > 1 else ""


def _and_more(names: list[str], limit: int = NAMED_IN_NOTE) -> str:
    return ", ".join(names[:limit]) + (f" and {len(names) - limit:,} more" if len(names) > limit else "")


def source_note(figures_used, references: pd.DataFrame | None = None) -> str:
    """One line naming the documents (and register files and reporters) behind a chart."""
    if isinstance(figures_used, pd.DataFrame):
        ids = [str(f) for f in figures_used.get("figure_id", [])]
        docs = [str(d) for d in figures_used.get("doc", [])]
    else:
        ids = [str(f) for f in (figures_used or [])]
        docs = []
    docs = list(dict.fromkeys(docs or [i.split(":")[0] for i in ids]))
    parts = []
    if docs:
        parts.append("Seed documents: " + _and_more(docs) + (f" (figures {_and_more(ids)})" if ids else "") + ".")
    else:
        parts.append("Seed documents: none give a figure for this chart.")
    if references is not None and len(references):
        files = sorted({str(r).rsplit(":", 1)[0] for r in references["ref"]})
        reporters = list(dict.fromkeys(str(r) for r in references["reported_by"]))
        parts.append("Reference register: " + "; ".join(reporters) + " (" + ", ".join(files) + ").")
    return "Source: " + " ".join(parts)


def _finish(
    fig: go.Figure,
    title: str,
    used: pd.DataFrame,
    refs: pd.DataFrame | None,
    height: int = 460,
    notes: Iterable[str] = (),
) -> go.Figure:
    """Title, a legend under the plot (one entry a line, so long names never run into the title), and the source
    note and any other notes in the figure's meta, for the page to print as text under the chart."""
    legend_items = sum(1 for t in fig.data if t.showlegend is not False)
    apply(fig, title, height=height + 20 * legend_items)
    fig.update_layout(
        margin=dict(t=60, b=80 + 20 * legend_items),
        # 60 px below the plot area clears the x-axis ticks and title (plot height: height less margins)
        legend=dict(orientation="v", yanchor="top", y=-60 / (height - 140), x=0, font=dict(size=11)),
        meta=dict(
            source_note=source_note(used, refs),
            notes=list(notes),
            figure_ids=[str(f) for f in used.get("figure_id", [])],
        ),
    )
    return fig


def _empty(fig: go.Figure, message: str) -> None:
    fig.add_annotation(
        text=message,
        xref="paper",
        yref="paper",
        x=0.5,
        y=0.5,
        showarrow=False,
        font=dict(size=14, color=REFERENCE_COLOUR),
    )


def _seed_custom(row, extra: str = "") -> list:
    return [row["figure_id"], "#" + claim_anchor(row["figure_id"]), f"“{row['text']}” ({row['doc']}){extra}"]


def _ref_custom(claim) -> list:
    value = format_value(claim["low"], claim["high"], claim["unit"], claim["qualifier"])
    return [claim["ref"], f"{value}, {claim['period']}, {claim['reported_by']}"]


def _by_sentence(figures: pd.DataFrame, wanted: pd.DataFrame) -> dict[tuple, list[dict]]:
    """The figures of each sentence that ``wanted`` figures sit in, by (doc, sentence_start): built once per chart."""
    if wanted.empty:
        return {}
    keys = set(zip(wanted["doc"], wanted["sentence_start"]))
    index: dict[tuple, list[dict]] = {}
    for record in figures.to_dict("records"):
        key = (record["doc"], record["sentence_start"])
        if key in keys:
            index.setdefault(key, []).append(record)
    return index


def _sentence_period(by_sentence: dict[tuple, list[dict]], row) -> tuple[str, pd.Timestamp | None, pd.Timestamp | None]:
    """The period of the nearest figure in the same sentence that has one (for a figure that gives none)."""
    best = None
    for other in by_sentence.get((row["doc"], row["sentence_start"]), []):
        text, start, end = figure_period(other)
        if text and (best is None or abs(other["start"] - row["start"]) < best[0]):
            best = (abs(other["start"] - row["start"]), text, start, end)
    return (best[1], best[2], best[3]) if best else ("", None, None)


# -------------------------------------------------------------------------------------- trade dependence


def trade_dependence_chart(figures: pd.DataFrame, register) -> go.Figure:
    """Russia's share of Belarus's exports: the seeds' ranges as bands over their periods, the register beside."""
    figures = with_topics(figures)
    seeds, notes = top_claims(figures[figures["topic"] == "trade_share"])
    by_sentence = _by_sentence(figures, seeds)
    claims = _claims(register)
    refs = claims[claims["topic"] == "trade_share"]
    fig = go.Figure()
    colour = country_colour("Russia")

    resolved = []
    for row in seeds.to_dict("records"):
        text, start, end = figure_period(row)
        inferred = False
        if not text:
            text, start, end = _sentence_period(by_sentence, row)
            inferred = bool(text)
        if not text:
            notes.append(f"Not drawn: “{row['text']}” ({row['figure_id']}) gives no period.")
            continue
        resolved.append((row, text, start, end, inferred))

    finite = [t for _, _, s, e, _ in resolved for t in (s, e) if t not in (pd.Timestamp.min, pd.Timestamp.max)]
    finite += [t for t in list(refs["period_start"]) + list(refs["period_end"]) if t.year >= 2010]
    x_min = (min(finite) if finite else pd.Timestamp("2015-01-01")) - pd.DateOffset(years=1)
    x_max = (max(finite) if finite else pd.Timestamp("2025-12-31")) + pd.DateOffset(months=6)
    x_min = max(
        x_min, min((e for _, _, _, e, _ in resolved if e != pd.Timestamp.max), default=x_min) - pd.DateOffset(years=5)
    )

    for row, text, start, end, inferred in resolved:
        qualifier = row["qualifier"]
        open_start, open_end = start == pd.Timestamp.min, end == pd.Timestamp.max
        x0, x1 = (x_min if open_start else start), (x_max if open_end else end)
        low, high = row["low"], row["high"]
        open_up = qualifier in ("more_than", "at_least")
        open_down = qualifier in ("less_than", "at_most")
        top = 100.0 if open_up else high
        bottom = 0.0 if open_down else low
        sector = row["measure_key"] == "sector_share_of_exports"
        label = format_value(low, high, "%", qualifier)
        name = f"Seed: {label}, {MEASURE_LABELS.get(row['measure_key'], row['measure_key'])}{_support(row)}"
        extra = (
            f"<br>period {text}"
            + (" (taken from the same sentence)" if inferred else "")
            + ("<br>sector-level claim, not the whole economy" if sector else "")
        )
        fig.add_trace(
            go.Scatter(
                x=[x0, x1, x1, x0, x0],
                y=[bottom, bottom, top, top, bottom],
                mode="lines",
                fill="toself",
                name=name,
                line=dict(color=colour, width=2, dash="dash" if (open_up or open_down or sector) else "solid"),
                fillcolor="rgba(0,114,178,0.18)",
                fillpattern=dict(shape="/", fgcolor=colour, fgopacity=0.5) if sector else None,
                customdata=[_seed_custom(row, extra)] * 5,
                hovertemplate=SEED_HOVER,
                legendgroup="seeds",
            )
        )
        if open_up or open_down:
            fig.add_annotation(
                x=x0 + (x1 - x0) / 2,
                y=top if open_up else bottom,
                ax=0,
                ay=28 if open_up else -28,
                text="open-ended: " + label + (" (some sectors)" if sector else ""),
                showarrow=True,
                arrowhead=2,
                arrowcolor=colour,
                font=dict(color=colour),
            )
        if open_start:
            fig.add_annotation(
                x=x0,
                y=(low + high) / 2,
                ax=40,
                ay=0,
                text=f"open start: up to {end:%Y}",
                showarrow=True,
                arrowhead=2,
                arrowcolor=colour,
                font=dict(color=colour),
                xanchor="left",
            )

    for i, (measure, group) in enumerate(refs.groupby("measure", sort=False)):
        same_as_seed = measure == "share_of_goods_exports"
        xs, ys, custom, symbols = [], [], [], []
        for claim in group.to_dict("records"):
            xs += [claim["period_start"], claim["period_end"], None]
            ys += [claim["low"], claim["low"], None]
            custom += [_ref_custom(claim)] * 2 + [[None, None]]
            shape = "triangle-up" if claim["qualifier"] in ("more_than", "at_least") else REFERENCE_SYMBOLS[i % 8]
            symbols += [shape if same_as_seed else shape + "-open"] * 2 + ["circle"]
        label = MEASURE_LABELS.get(measure, measure.replace("_", " "))
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=f"Reference: {label}" + ("" if same_as_seed else " (different measure)"),
                line=dict(color=REFERENCE_COLOUR, width=2, dash="solid" if same_as_seed else "dot"),
                marker=dict(color=REFERENCE_COLOUR, size=9, symbol=symbols),
                customdata=custom,
                hovertemplate=REF_HOVER,
                legendgroup="reference",
            )
        )
    if seeds.empty and refs.empty:
        _empty(fig, "Neither the seeds nor the register give Russia's share of Belarus's trade.")
    fig.update_xaxes(title_text="Period", range=[x_min, x_max])
    fig.update_yaxes(title_text="Russia's share (%)", range=[0, 100], ticksuffix="%")
    return _finish(
        fig,
        "Belarus's trade dependence on Russia: the seeds' ranges and the reference series",
        seeds,
        refs,
        height=520,
        notes=notes,
    )


# -------------------------------------------------------------------------------------------- Iran trade


def iran_trade_chart(figures: pd.DataFrame, register) -> go.Figure:
    """The Belarus-Iran trade multiplier as an index (base year = 100), with the register's multipliers beside it."""
    figures = with_topics(figures)
    seeds, notes = top_claims(
        figures[(figures["topic"] == "trade_multiplier") & (figures["partner"].isin(["Iran", ""]))]
    )
    claims = _claims(register)
    refs = claims[(claims["topic"] == "trade_multiplier") & claims["partner"].str.contains("Iran")]
    fig = go.Figure()
    colour = country_colour("Iran")
    for row in seeds.to_dict("records"):
        text, start, end = figure_period(row)
        if not text or start == pd.Timestamp.min or end == pd.Timestamp.max:
            notes.append(f"Not drawn: “{row['text']}” ({row['figure_id']}) gives no base and end year.")
            continue
        base = format_number(100)
        fig.add_trace(
            go.Scatter(
                x=[start.year, end.year],
                y=[100, 100 * row["high"]],
                mode="lines+markers+text",
                text=[f"{start.year} = {base}", f"{format_number(100 * row['high'])}"],
                textposition=["top right", "top left"],
                name=f"Seed: trade turnover ×{format_number(row['high'])} ({text}), index {start.year} = 100{_support(row)}",
                line=dict(color=colour, width=3),
                marker=dict(color=colour, size=10),
                customdata=[_seed_custom(row)] * 2,
                hovertemplate=SEED_HOVER,
            )
        )
    for i, (measure, group) in enumerate(refs.groupby("measure", sort=False)):
        same = measure in set(seeds["measure_key"]) or (seeds.empty and measure == "trade_turnover")
        label = measure.replace("_", " ")
        fig.add_trace(
            go.Scatter(
                x=[c["period_end"].year for c in group.to_dict("records")],
                y=[100 * c["low"] for c in group.to_dict("records")],
                mode="markers",
                name=f"Reference: {label}" + ("" if same else " (different measure)"),
                marker=dict(
                    color=REFERENCE_COLOUR, size=11, symbol=REFERENCE_SYMBOLS[(i + 1) % 8] + ("" if same else "-open")
                ),
                customdata=[
                    [c["ref"], f"×{format_number(c['low'])} ({c['qualifier']}), {c['label']}, {c['reported_by']}"]
                    for c in group.to_dict("records")
                ],
                hovertemplate=REF_HOVER,
            )
        )
    if seeds.empty and refs.empty:
        _empty(fig, "Neither the seeds nor the register give a Belarus-Iran trade multiplier.")
    fig.update_xaxes(title_text="Year", dtick=1, tickformat="d")
    fig.update_yaxes(title_text="Index (base year = 100)", rangemode="tozero")
    return _finish(
        fig, "Belarus-Iran trade: the seed's multiplier as an index beside the register's", seeds, refs, notes=notes
    )


# -------------------------------------------------------------------------------------------- ammunition


def _months(start: pd.Timestamp, end: pd.Timestamp) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def _ammunition(figures, register):
    """The distinct shipment figures (best supported first, with a note counting those left out) and register rows."""
    figures = with_topics(figures)
    seeds, notes = top_claims(figures[figures["topic"] == "ammunition_shipments"])
    claims = _claims(register)
    refs = claims[claims["topic"] == "ammunition_shipments"]
    return seeds, refs, notes


def _month_start(t: pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(year=t.year, month=t.month, day=1)


def ammunition_chart(figures: pd.DataFrame, register) -> go.Figure:
    """The seed's shipped tonnage as a per-month average over its period, the monitors' monthly counts as bars.

    Months without a monthly count are gaps (marked, never zero); two counts for the same month are both drawn,
    side by side. Counts that cover several months are drawn as their per-month average over their period.
    """
    seeds, refs, notes = _ammunition(figures, register)
    fig = go.Figure()
    directions = {m.split(" ", 1)[1] for m in seeds["measure_key"] if "->" in m}
    shown = refs[refs["measure"].str.split(" ", n=1).str[1].isin(directions)] if directions else refs
    other = refs.drop(shown.index)
    if len(other):
        notes.append(
            f"Not drawn: {len(other)} register rows on the other direction "
            f"({', '.join(sorted(set(other['measure'].str.split(' ', n=1).str[1])))})."
        )
    span = []
    for row in seeds.to_dict("records"):
        text, start, end = figure_period(row)
        if not text or start == pd.Timestamp.min or end == pd.Timestamp.max:
            notes.append(f"Not drawn: “{row['text']}” ({row['figure_id']}) gives no closed period.")
            continue
        months = _months(start, end)
        average = row["high"] / months
        span += [start, end]
        fig.add_trace(
            go.Scatter(
                x=[_month_start(start), end],
                y=[average, average],
                mode="lines",
                name=f"Seed: {format_number(row['high'])} t over {text} = {format_number(round(average))} t a month on average"
                f"{_support(row)}",
                line=dict(color=country_colour("Belarus"), width=4),
                customdata=[_seed_custom(row, f"<br>{format_number(row['high'])} t / {months} months")] * 2,
                hovertemplate=SEED_HOVER,
            )
        )
    monthly = shown[shown["period_start"].dt.to_period("M") == shown["period_end"].dt.to_period("M")].copy()
    longer = shown.drop(monthly.index)
    if not monthly.empty:
        monthly["month"] = monthly["period_start"].dt.to_period("M").dt.to_timestamp()
        published = [
            str(register["ammunition_rail_shipments"].set_index("ref").loc[r, "published"])
            if register and "ammunition_rail_shipments" in register
            else ""
            for r in monthly["ref"]
        ]
        monthly["published"] = published
        monthly = monthly.sort_values(["month", "published", "ref"], kind="stable")
        monthly["count_no"] = monthly.groupby("month").cumcount()
        for direction, by_direction in monthly.groupby(monthly["measure"].str.split(" ", n=1).str[1], sort=False):
            colour = country_colour(direction.split("->")[0])
            for count_no, group in by_direction.groupby("count_no"):
                fig.add_trace(
                    go.Bar(
                        x=list(group["month"]),
                        y=list(group["low"]),
                        xperiod="M1",
                        xperiodalignment="middle",
                        offsetgroup=f"{direction}-{count_no}",
                        name=(
                            f"Monitors' monthly count, {direction}"
                            if count_no == 0
                            else f"Another count for the same month, {direction}"
                        ),
                        marker=dict(
                            color=colour,
                            opacity=0.75 if count_no == 0 else 0.55,
                            pattern=dict(shape="" if count_no == 0 else "x", fgcolor="#FFFFFF"),
                        ),
                        customdata=[
                            [c["ref"], f"{format_number(c['low'])} t, {c['period']}, {c['reported_by']}, published {p}"]
                            for c, p in zip(group.to_dict("records"), group["published"])
                        ],
                        hovertemplate=REF_HOVER,
                    )
                )
        span += list(monthly["period_start"]) + list(monthly["period_end"])
    for claim in longer.to_dict("records"):
        months = _months(claim["period_start"], claim["period_end"])
        average = claim["low"] / months
        fig.add_trace(
            go.Scatter(
                x=[_month_start(claim["period_start"]), claim["period_end"]],
                y=[average, average],
                mode="lines",
                name=f"Register: {format_number(claim['low'])} t over {claim['period']} ÷ {months} months",
                line=dict(color=REFERENCE_COLOUR, width=2, dash="dot"),
                customdata=[_ref_custom(claim)] * 2,
                hovertemplate=REF_HOVER,
            )
        )
        span += [claim["period_start"], claim["period_end"]]
    if span:
        first, last = _month_start(min(span)), _month_start(max(span))
        seed_months = pd.date_range(first, last, freq="MS")
        counted = set(monthly["month"]) if not monthly.empty else set()
        gaps = [m for m in seed_months if m not in counted]
        if gaps:
            fig.add_trace(
                go.Scatter(
                    x=[m + pd.Timedelta(days=14) for m in gaps],
                    y=[0] * len(gaps),
                    mode="markers",
                    name="No monthly count in the register (a gap, not zero)",
                    marker=dict(symbol="line-ew-open", size=16, color=REFERENCE_COLOUR, line=dict(width=2)),
                    customdata=[[f"{m:%Y-%m}", "no monthly count"] for m in gaps],
                    hovertemplate=REF_HOVER,
                )
            )
        fig.update_xaxes(range=[first - pd.Timedelta(days=10), last + pd.offsets.MonthEnd(0) + pd.Timedelta(days=10)])
    else:
        _empty(fig, "Neither the seeds nor the register give ammunition shipments.")
    fig.update_layout(barmode="group")
    fig.update_xaxes(title_text="Month", dtick="M1", tickformat="%b<br>%Y")
    fig.update_yaxes(title_text="Ammunition shipped by rail (tonnes a month)", rangemode="tozero")
    return _finish(
        fig,
        "Ammunition by rail: the seed's total as a monthly average beside the monitors' counts",
        seeds,
        shown,
        height=520,
        notes=notes,
    )


DERIVED_COLUMNS = ["derived", "value", "unit", "formula", "inputs", "assumption", "source"]


def ammunition_derived(figures: pd.DataFrame, register, tonnes_per_wagon: float | None = None) -> pd.DataFrame:
    """Figures derived from the seed's shipped tonnage, each with its formula, inputs and assumption.

    ``tonnes_per_wagon`` defaults to the register's own ratio tonnes / wagons, from the row with both over the
    longest period in the seed's direction; a value given here is reported as the reader's assumption.
    """
    seeds, refs, _ = _ammunition(figures, register)
    rows = []
    frame = (register or {}).get("ammunition_rail_shipments")
    ratio_row = None
    if tonnes_per_wagon in (None, 0) and frame is not None and not frame.empty:
        both = frame[frame["wagons"].notna() & (frame["wagons"] > 0)].copy()
        directions = {m.split(" ", 1)[1] for m in seeds["measure_key"] if "->" in m}
        preferred = both[both["direction"].isin(directions)] if directions else both
        both = preferred if not preferred.empty else both
        if not both.empty:
            both["months"] = [_months(s, e) for s, e in zip(both["period_start"], both["period_end"])]
            ratio_row = both.sort_values(["months", "line"], ascending=[False, True], kind="stable").iloc[0]
            tonnes_per_wagon = ratio_row["tonnes"] / ratio_row["wagons"]
    if ratio_row is not None:
        wagon_assumption = (
            f"{format_number(round(tonnes_per_wagon, 2))} t a wagon, the register's own ratio "
            f"{format_number(ratio_row['tonnes'])} t / {format_number(ratio_row['wagons'])} wagons "
            f"({ratio_row['direction']}, {ratio_row['period']})"
        )
        wagon_source = f"{ratio_row['ref']} ({ratio_row['reported_by']}, {ratio_row['source_url']})"
    elif tonnes_per_wagon:
        wagon_assumption = f"{format_number(tonnes_per_wagon)} t a wagon, the reader's parameter tonnes_per_wagon"
        wagon_source = "parameter tonnes_per_wagon"
    else:
        wagon_assumption = wagon_source = ""
    for row in seeds.to_dict("records"):
        text, start, end = figure_period(row)
        total = row["high"]
        if text and start != pd.Timestamp.min and end != pd.Timestamp.max:
            months = _months(start, end)
            rows.append(
                dict(
                    derived="average shipped per month",
                    value=total / months,
                    unit="t/month",
                    formula=f"{format_number(total)} t / {months} months ({text}, both ends included)",
                    inputs=row["figure_id"],
                    assumption="shipments spread evenly over the stated period; the months are counted inclusively",
                    source=f"{row['doc']} {claim_anchor(row['figure_id'])}",
                )
            )
        if tonnes_per_wagon:
            rows.append(
                dict(
                    derived="rail-wagon equivalents",
                    value=total / tonnes_per_wagon,
                    unit="wagons",
                    formula=f"{format_number(total)} t / {format_number(round(tonnes_per_wagon, 2))} t a wagon",
                    inputs=row["figure_id"] + (f"; {ratio_row['ref']}" if ratio_row is not None else ""),
                    assumption=wagon_assumption,
                    source=wagon_source,
                )
            )
    return pd.DataFrame(rows, columns=DERIVED_COLUMNS)


# ---------------------------------------------------------------------------------------------- exercises


def exercises_chart(figures: pd.DataFrame, register) -> go.Figure:
    """Troop numbers of the Zapad exercises by year: the seeds' figures against official and estimated sizes."""
    figures = with_topics(figures)
    seeds, notes = top_claims(figures[figures["topic"] == "exercise_troops"])
    frame = (register or {}).get("zapad_exercises")
    frame = frame if frame is not None else pd.DataFrame(columns=["year"])
    fig = go.Figure()
    if not frame.empty:
        official = frame[frame["official_troops"].notna()]
        fig.add_trace(
            go.Bar(
                x=list(official["year"]),
                y=list(official["official_troops"]),
                name="Official size (register)",
                marker=dict(color="#BBBBBB", line=dict(color=REFERENCE_COLOUR, width=1)),
                width=1.2,
                customdata=[
                    [r["ref"], f"official {format_number(r['official_troops'])} troops ({r['official_scope']})"]
                    for r in official.to_dict("records")
                ],
                hovertemplate=REF_HOVER,
            )
        )
        estimates = frame[frame["estimate_low"].notna()]
        xs, ys, custom = [], [], []
        for r in estimates.to_dict("records"):
            high = r["estimate_high"] if pd.notna(r["estimate_high"]) else r["estimate_low"]
            xs += [r["year"], r["year"], None]
            ys += [r["estimate_low"], high, None]
            info = f"estimate {format_value(r['estimate_low'], high, 'troops', 'exact')} by {r['estimated_by']}"
            custom += [[r["ref"], info]] * 2 + [[None, None]]
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name="Outside estimate, low to high (register)",
                line=dict(color=REFERENCE_COLOUR, width=3),
                marker=dict(symbol="line-ew", size=14, line=dict(width=3, color=REFERENCE_COLOUR)),
                customdata=custom,
                hovertemplate=REF_HOVER,
            )
        )
    colour = country_colour("Belarus")
    dated = []
    for row in seeds.to_dict("records"):
        text, start, end = figure_period(row)
        if text and start != pd.Timestamp.min and end != pd.Timestamp.max and start.year == end.year:
            dated.append((row, start.year))
        else:
            fig.add_hline(y=row["high"], line=dict(color=colour, dash="dash", width=2))
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="lines",
                    line=dict(color=colour, dash="dash", width=2),
                    name=f"Seed: {format_value(row['low'], row['high'], 'troops', row['qualifier'])}, year not stated",
                    customdata=[_seed_custom(row)],
                    hovertemplate=SEED_HOVER,
                )
            )
            fig.add_annotation(
                x=1,
                xref="paper",
                y=math.log10(row["high"]),
                yref="y",
                xanchor="right",
                yanchor="bottom",
                showarrow=False,
                font=dict(color=colour),
                text=f"seed: “{row['text']}” (year not stated)",
            )
    if dated:
        fig.add_trace(
            go.Scatter(
                x=[y + 0.35 for _, y in dated],
                y=[r["high"] for r, _ in dated],
                mode="markers+text",
                text=[format_value(r["low"], r["high"], "", r["qualifier"]) for r, _ in dated],
                textposition="middle right",
                name="Seed figure for the year",
                marker=dict(symbol="diamond", size=14, color=colour),
                customdata=[_seed_custom(r) for r, _ in dated],
                hovertemplate=SEED_HOVER,
            )
        )
    if frame.empty and seeds.empty:
        _empty(fig, "Neither the seeds nor the register give exercise troop numbers.")
    elif frame.empty:
        notes.append("The register has no exercise sizes to compare with.")
    fig.update_xaxes(
        title_text="Year of the exercise",
        tickformat="d",
        tickvals=sorted(set(frame.get("year", [])) | {y for _, y in dated}) or None,
    )
    fig.update_yaxes(
        title_text="Troops (log scale)",
        type="log",
        tickformat=",d",
        tickvals=[5000, 10000, 20000, 50000, 100000, 200000, 500000],
    )
    refs = None
    if not frame.empty:
        refs = pd.DataFrame({"ref": frame["ref"], "reported_by": frame["estimated_by"].fillna("official figures")})
        refs = pd.concat([pd.DataFrame({"ref": frame["ref"], "reported_by": "official figures"}), refs])
    return _finish(
        fig,
        "Zapad exercises: the seeds' troop numbers against official and estimated sizes",
        seeds,
        refs,
        height=480,
        notes=notes,
    )

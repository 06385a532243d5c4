"""Which of the seeds' figures other public sources back, which they contradict, and which nobody confirms.

Every extracted figure is given a topic and a measure by the rules of topics.py on its words, unit and kind (never
on the free-text ``measure`` label alone). Every register row is turned into comparable claims with the same
topics and measures. A figure is then compared with the register claims of its topic whose period matches:

* intensive measures (shares, multipliers, troop numbers of a given year) need overlapping periods;
* totals over a period (tonnes shipped, money) need the same period: a monthly count says nothing about a
  thirteen-month total, so part-period rows are only counted in the explanation;
* a figure whose sentence gives no period is compared with every row of its topic, and ``match_basis`` says so.

Values are intervals: a range is its two ends; ``approximately`` widens a value by :data:`APPROX_TOLERANCE` each
way; ``more_than`` / ``at_least`` / ``less_than`` / ``at_most`` are open-ended. Two figures agree when their
intervals meet. So "more than 1,500" does *not* agree with a source that says 1,500: the number is the source's,
the "more than" is not, and the row is ``conflicting`` with a difference of 0 and an explanation saying exactly that.

Status, in order: ``corroborated`` (a same-measure row agrees), ``conflicting`` (same-measure rows exist and none
agrees; the closest one is reported with the difference seed minus reference, absolute and relative),
``different_measure`` (only rows measuring something else, e.g. share of total trade against share of exports),
``unverified`` (no register row on the topic). Nothing in the output is typed by hand: every value comes from a
figure or a register row, and every register value is cited by ``data/reference/FILE.csv:LINE``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from ..formatting import QUALIFIER_WORDS, format_number, format_value
from .reference import period_bounds
from .topics import EXTENSIVE_TOPICS, MEASURE_LABELS, classify_figure, register_claims

STATUSES = ("corroborated", "conflicting", "different_measure", "unverified")
APPROX_TOLERANCE = 0.10  # "approximately" / "about" / "some": within 10% either way

OUTPUT_COLUMNS = [
    "figure_id",
    "doc",
    "text",
    "topic",
    "measure",
    "period",
    "status",
    "reference_value",
    "reference_measure",
    "reference_period",
    "reported_by",
    "source_url",
    "reference_ref",
    "difference_abs",
    "difference_rel",
    "match_basis",
    "explanation",
]

RELATION_OUTPUT_COLUMNS = [
    "relation_id",
    "doc",
    "source",
    "target",
    "relation",
    "item",
    "status",
    "source_designated_on",
    "target_designated_on",
    "authority",
    "program",
    "linked_to",
    "source_url",
    "reference_ref",
    "explanation",
]


# --------------------------------------------------------------------------------------------------- intervals


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False

    @classmethod
    def of(cls, low: float, high: float, qualifier: str) -> Interval:
        low, high = float(low), float(high)
        qualifier = (qualifier or "exact").strip()
        if qualifier == "approximately":
            return cls(low * (1 - APPROX_TOLERANCE), high * (1 + APPROX_TOLERANCE))
        if qualifier == "more_than":
            return cls(high, math.inf, low_open=True)
        if qualifier == "at_least":
            return cls(high, math.inf)
        if qualifier == "less_than":
            return cls(-math.inf, low, high_open=True)
        if qualifier == "at_most":
            return cls(-math.inf, low)
        return cls(low, high)

    def meets(self, other: Interval) -> bool:
        low = max(self.low, other.low)
        high = min(self.high, other.high)
        if low < high:
            return True
        if low > high:
            return False
        low_open = (self.low == low and self.low_open) or (other.low == low and other.low_open)
        high_open = (self.high == high and self.high_open) or (other.high == high and other.high_open)
        return not (low_open or high_open)


def stated_difference(seed_low, seed_high, ref_low, ref_high) -> tuple[float, float]:
    """Seed minus reference between the stated numbers (qualifiers aside): absolute and relative to the reference."""
    if seed_low > ref_high:
        diff, base = seed_low - ref_high, ref_high
    elif seed_high < ref_low:
        diff, base = seed_high - ref_low, ref_low
    else:
        diff, base = 0.0, (ref_low + ref_high) / 2
    return float(diff), (float(diff / base) if base else math.nan)


# ------------------------------------------------------------------------------------------------- formatting


def _iso(text) -> str:
    return "" if text is None or (isinstance(text, float) and math.isnan(text)) or pd.isna(text) else str(text).strip()


def figure_period(row) -> tuple[str, pd.Timestamp | None, pd.Timestamp | None]:
    """The figure's period as text and bounds; an empty end is open."""
    start, end = _iso(row.get("period_start")), _iso(row.get("period_end"))
    if not start and not end:
        return "", None, None
    if end and not start and _said_by(row):
        start = end  # "50–60% by mid-2023": the level at that time, not every year before it
    text = start if start == end else f"{start or '…'}/{end or '…'}"
    return (
        text,
        period_bounds(start)[0] if start else pd.Timestamp.min,
        period_bounds(end)[1] if end else pd.Timestamp.max,
    )


def _said_by(row) -> bool:
    """True when the words right after the figure put it "by" a date ("to 50–60% by mid-2023")."""
    sentence = str(row.get("sentence") or "")
    try:
        after = int(row["end"]) - int(row["sentence_start"])
    except (KeyError, TypeError, ValueError):
        return False
    return bool(
        re.match(
            r"\W*(?:[a-z]+\s+){0,3}?(?:by|as of|in)\s+(?:(?:early|mid|late|end)[- ]?(?:of\s+)?)?\d{4}",
            sentence[after : after + 40],
            re.I,
        )
    )


# --------------------------------------------------------------------------------------------- corroboration


def _measure_label(measure: str) -> str:
    return MEASURE_LABELS.get(measure, measure.replace("_", " "))


def _describe(claim) -> str:
    return (
        f"{format_value(claim['low'], claim['high'], claim['unit'], claim['qualifier'])} "
        f"({_measure_label(claim['measure'])}, {claim['period']}) by {claim['reported_by']} [{claim['ref']}]"
    )


def _claims_by_topic(claims: pd.DataFrame) -> dict[str, list[dict]]:
    """The register claims as records grouped by topic: the register is small and the figures many, so each figure is
    compared in plain Python rather than by filtering a frame once per figure."""
    by_topic: dict[str, list[dict]] = {}
    for claim in claims.to_dict("records"):
        claim["partners"] = claim["partner"].split(" and ")
        by_topic.setdefault(claim["topic"], []).append(claim)
    return by_topic


def _same_month(a, b) -> bool:
    return not pd.isna(a) and not pd.isna(b) and (a.year, a.month) == (b.year, b.month)


def _candidates(figure_topic, partner, start, end, by_topic: dict[str, list[dict]]) -> tuple[list, list, str]:
    """Claims of the topic whose period matches, claims that only partly cover it, and the basis of the match."""
    topical = by_topic.get(figure_topic, [])
    if partner and topical:
        topical = [c for c in topical if c["partner"] == "" or partner in c["partners"]]
    if start is None:
        return topical, [], "no period in the seed: compared with every register row of the topic"
    overlap = [c for c in topical if c["period_start"] <= end and c["period_end"] >= start]
    if figure_topic in EXTENSIVE_TOPICS:
        closed = start != pd.Timestamp.min and end != pd.Timestamp.max
        same = [
            c for c in overlap if closed and _same_month(c["period_start"], start) and _same_month(c["period_end"], end)
        ]
        return same, [c for c in overlap if not any(c is s for s in same)], "same period"
    return overlap, [], "overlapping period"


def _join(values) -> str:
    return "; ".join(dict.fromkeys(str(v) for v in values if str(v)))


def _designation_patterns(register) -> list[tuple[re.Pattern, str]]:
    """One pattern per designated entity (its name or any alias, as a word) with what the register says of it."""
    frame = register.get("sanctions_designations")
    if frame is None or frame.empty:
        return []
    patterns = []
    for row in frame.to_dict("records"):
        names = [row["entity"]] + [a.strip() for a in str(row.get("aliases") or "").split(";") if a.strip()]
        names = [n.lower() for n in names if n and n != "nan"]
        if not names:
            continue
        note = f"; its note says: {row['note']}" if row.get("note") and str(row["note"]) != "nan" else ""
        patterns.append(
            (
                re.compile("|".join(rf"\b{re.escape(n)}\b" for n in names)),
                f"the register lists {row['entity']} as designated by {row['authority']} on "
                f"{row['listed_on']} [{row['ref']}]{note}",
            )
        )
    return patterns


def _related_designations(sentence: str, patterns: list[tuple[re.Pattern, str]]) -> str:
    words = sentence.lower()
    return "; ".join(text for pattern, text in patterns if pattern.search(words))


def _records(frame: pd.DataFrame) -> list[dict]:
    """The rows as dicts, as ``to_dict("records")`` gives them, a column at a time: several times faster on the
    nullable integer columns of offsets, which to_dict boxes value by value."""
    columns = list(frame.columns)
    return [dict(zip(columns, row)) for row in zip(*(frame[column].tolist() for column in columns))]


CONTEXT_CHARS = 600  # how far back a figure may take its topic from the figure before it in the same document


def classify_figures(figures: pd.DataFrame) -> list[tuple[str, str, str]]:
    """Topics of every figure. A figure whose sentence does not say what it counts ("The one in 2021 involved
    150,000 troops") takes the topic of the figure with the same unit just before it in the same document, when that
    one is at most :data:`CONTEXT_CHARS` characters away: the sentence continues its subject."""
    records = _records(figures)
    known: dict[tuple, tuple[str, str, str]] = {}  # the same sentence and figure recur across collected documents
    topics = []
    for record in records:
        key = tuple(str(record.get(c)) for c in _CLASSIFIED_BY) + (_offset(record, "start"), _offset(record, "end"))
        if key not in known:
            known[key] = classify_figure(record)
        topics.append(known[key])
    order = sorted(range(len(records)), key=lambda i: (str(records[i]["doc"]), int(records[i]["start"])))
    for previous, current in zip(order, order[1:]):
        a, b = records[previous], records[current]
        if (
            topics[current][0] == "other"
            and topics[previous][0] != "other"
            and a["doc"] == b["doc"]
            and str(a.get("unit")) == str(b.get("unit"))
            and str(a.get("kind")) == str(b.get("kind"))
            and int(b["start"]) - int(a["end"]) <= CONTEXT_CHARS
        ):
            topics[current] = topics[previous]
    return topics


_CLASSIFIED_BY = ("sentence", "text", "unit", "kind", "measure")  # with the figure's offsets in its sentence


def _offset(record: dict, column: str):
    value, base = record.get(column), record.get("sentence_start")
    return None if pd.isna(value) or pd.isna(base) else int(value) - int(base)


def corroborate(figures: pd.DataFrame, register: dict[str, pd.DataFrame], topics: list | None = None) -> pd.DataFrame:
    """One row per seed figure: its topic, status against the register, the references and the difference
    (``topics``: the figures' :func:`classify_figures`, when the caller has them already)."""
    by_topic = _claims_by_topic(register_claims(register))
    patterns = _designation_patterns(register)
    related: dict[str, str] = {}  # by sentence: the same sentence recurs across collected documents
    rows = []
    topics = classify_figures(figures) if topics is None else topics
    for figure, (topic, measure, partner) in zip(_records(figures), topics):
        period, start, end = figure_period(figure)
        low, high = float(figure["low"]), float(figure["high"])
        seed_interval = Interval.of(low, high, figure.get("qualifier") or "exact")
        seed_text = format_value(low, high, figure.get("unit") or "", figure.get("qualifier") or "exact")
        out = dict(
            figure_id=figure["figure_id"],
            doc=figure["doc"],
            text=figure["text"],
            topic=topic,
            measure=_measure_label(measure),
            period=period,
            difference_abs=math.nan,
            difference_rel=math.nan,
            reference_value="",
            reference_measure="",
            reference_period="",
            reported_by="",
            source_url="",
            reference_ref="",
            match_basis="",
        )
        matched, partial, basis = _candidates(topic, partner, start, end, by_topic)
        same = [c for c in matched if c["measure"] == measure]
        other = [c for c in matched if c["measure"] != measure]
        agree = [c for c in same if seed_interval.meets(Interval.of(c["low"], c["high"], c["qualifier"]))]
        partial_note = (
            f" {len(partial)} more register rows cover only part of the period "
            f"({_join(c['period'] for c in partial)}); they are compared in the charts, not here."
            if partial
            else ""
        )
        chosen = None
        if agree:
            chosen = agree
            status = "corroborated"
            disagree = [c for c in same if not any(c is a for a in agree)]
            explanation = f"The seed's {seed_text} agrees with " + "; ".join(_describe(c) for c in agree) + "."
            if disagree:
                explanation += (
                    " Other rows on the same measure differ: " + "; ".join(_describe(c) for c in disagree) + "."
                )
        elif same:
            status = "conflicting"
            diffs = [stated_difference(low, high, c["low"], c["high"]) for c in same]
            order = sorted(range(len(diffs)), key=lambda i: (abs(diffs[i][0]), i))
            best = order[0]
            claim = same[best]
            chosen = [claim]
            out["difference_abs"], out["difference_rel"] = diffs[best]
            if diffs[best][0] == 0:
                explanation = (
                    f"The seed says {seed_text}; {_describe(claim)} gives "
                    f"{format_value(claim['low'], claim['high'], claim['unit'], claim['qualifier'])}: the "
                    f"number matches but the seed's qualifier ({QUALIFIER_WORDS.get(figure.get('qualifier'), '').strip() or 'exact'}) "
                    "is not supported by the source."
                )
            else:
                direction = "higher" if diffs[best][0] > 0 else "lower"
                explanation = (
                    f"The seed's {seed_text} is {format_number(abs(diffs[best][0]))} {figure.get('unit') or ''} "
                    f"({abs(diffs[best][1]):.2%}) {direction} than {_describe(claim)}."
                )
            rest = [same[i] for i in order[1:]]
            if rest:
                explanation += " Other rows on the same measure: " + "; ".join(_describe(c) for c in rest) + "."
        elif other:
            status = "different_measure"
            numeric = [c for c in other if seed_interval.meets(Interval.of(c["low"], c["high"], c["qualifier"]))]
            chosen = numeric or other
            explanation = (
                f"The seed's {seed_text} ({_measure_label(measure)}) can only be set against figures that "
                "measure something else: " + "; ".join(_describe(c) for c in chosen) + ". "
                f"No register row gives the {_measure_label(measure)} for this period."
            )
        else:
            status = "unverified"
            explanation = (
                f"No register row reports {_measure_label(measure)} ({topic.replace('_', ' ')})"
                + (f" for {period}" if period else "")
                + "."
            )
            sentence = str(figure.get("sentence") or "")
            if sentence not in related:
                related[sentence] = _related_designations(sentence, patterns)
            if related[sentence]:
                explanation += " Related: " + related[sentence] + "."
        explanation += partial_note
        if chosen:
            out.update(
                reference_value=_join(format_value(c["low"], c["high"], c["unit"], c["qualifier"]) for c in chosen),
                reference_measure=_join(_measure_label(c["measure"]) for c in chosen),
                reference_period=_join(c["period"] for c in chosen),
                reported_by=_join(c["reported_by"] for c in chosen),
                source_url=_join(c["source_url"] for c in chosen),
                reference_ref=_join(c["ref"] for c in chosen),
                match_basis=basis,
            )
        elif matched:
            out["match_basis"] = basis
        out.update(status=status, explanation=explanation)
        rows.append(out)
    return pd.DataFrame(rows, columns=OUTPUT_COLUMNS)


# ------------------------------------------------------------------------------------------------- relations


def _names(row) -> list[str]:
    aliases = [a.strip() for a in str(row.get("aliases") or "").split(";") if a.strip() and a.strip() != "nan"]
    return [row["entity"], *aliases]


def designations(register: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per name (entity or alias) the register lists as designated: for labelling a network."""
    frame = register.get("sanctions_designations")
    columns = [
        "name",
        "entity",
        "country",
        "authority",
        "program",
        "listed_on",
        "linked_to",
        "source_url",
        "ref",
        "note",
    ]
    if frame is None or frame.empty:
        return pd.DataFrame(columns=columns)
    rows = []
    for row in frame.to_dict("records"):
        for name in _names(row):
            rows.append({**{c: row.get(c) for c in columns if c in row}, "name": name})
    return pd.DataFrame(rows, columns=columns)


def designation_index(register) -> dict[str, dict]:
    """The register rows designating each name (entity or alias), by its case-folded form: the first row wins."""
    index: dict[str, dict] = {}
    for row in designations(register).to_dict("records"):
        index.setdefault(str(row["name"]).strip().casefold(), row)
    return index


def find_designation(name: str, register, index: dict[str, dict] | None = None) -> dict | None:
    """The register row designating ``name`` (entity or alias, case-insensitive), if any; pass the
    :func:`designation_index` when looking up many names."""
    if not name:
        return None
    index = designation_index(register) if index is None else index
    return index.get(str(name).strip().casefold())


def check_relations(relations: pd.DataFrame, register: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Each extracted relation against the sanctions register: who is designated, when, and which links it confirms."""
    index = designation_index(register)
    rows = []
    for relation in relations.to_dict("records"):
        source = find_designation(relation.get("source"), register, index)
        target = find_designation(relation.get("target"), register, index)
        out = {c: relation.get(c, "") for c in ("relation_id", "doc", "source", "target", "relation", "item")}
        out.update(
            source_designated_on=source["listed_on"] if source else "",
            target_designated_on=target["listed_on"] if target else "",
            authority=_join(d["authority"] for d in (source, target) if d),
            program=_join(d["program"] for d in (source, target) if d),
            linked_to=_join(d["linked_to"] for d in (source, target) if d and pd.notna(d["linked_to"])),
            source_url=_join(d["source_url"] for d in (source, target) if d),
            reference_ref=_join(d["ref"] for d in (source, target) if d),
        )
        facts = [
            f"{relation.get(side)} is listed as {d['entity']} by {d['authority']} ({d['program']}) since "
            f"{d['listed_on']} [{d['ref']}]"
            + (f" (note: {d['note']})" if d.get("note") and pd.notna(d["note"]) else "")
            for side, d in (("source", source), ("target", target))
            if d
        ]
        link = None
        if source and target:
            if source["entity"] == target.get("linked_to") or target["entity"] == source.get("linked_to"):
                link = target if target["entity"] != source.get("linked_to") else source
        if link is not None:
            status = "corroborated"
            explanation = (
                f"The register links {link['entity']} to {link['linked_to']} in its designation of "
                f"{link['listed_on']} [{link['ref']}], as the seed's {relation.get('relation')} relation does."
            )
        elif facts:
            status = "unverified"
            explanation = "The register does not state this relation, but " + "; ".join(facts) + "."
        else:
            status = "unverified"
            explanation = "Neither party is in the sanctions register."
        out.update(status=status, explanation=explanation)
        rows.append(out)
    return pd.DataFrame(rows, columns=RELATION_OUTPUT_COLUMNS)

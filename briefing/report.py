"""The briefing's text sections, built from the extracted tables: every value, name and period comes from a row.

Each function returns an HTML fragment. Text from documents is escaped here, once, so markup or script in a
collected document shows as text and never runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from .relation_rules import STATED_MODALITIES
from .schema import DATE_COLUMNS, ENTITY_COLUMNS, FIGURE_COLUMNS, RELATION_COLUMNS
from .unknowns import UNKNOWN_COLUMNS

QUALIFIER_WORDS = {"exact": "", "approximately": "about ", "more_than": "more than ", "less_than": "less than ",
                   "at_least": "at least ", "at_most": "up to "}
# Figures that say something about the subject, ahead of durations and file sizes, in the key-figure cards.
CARD_KINDS = ("quantity", "money", "count", "percent", "multiplier")


@dataclass
class Tables:
    figures: pd.DataFrame
    dates: pd.DataFrame
    entities: pd.DataFrame
    relations: pd.DataFrame  # what the briefing may state: asserted and hedged relations
    unknowns: pd.DataFrame
    documents: pd.DataFrame
    notices: pd.DataFrame
    unstated_relations: pd.DataFrame | None = None  # planned and denied ones: never drawn or stated as fact


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False) if path.exists() else pd.DataFrame(columns=columns)
    return frame.reindex(columns=list(dict.fromkeys([*columns, *frame.columns])), fill_value="")


def load_tables(tables_dir) -> Tables:
    """The extraction's CSV tables, with offsets and values as numbers."""
    folder = Path(tables_dir)
    figures = _read(folder / "figures.csv", FIGURE_COLUMNS)
    for column in ("low", "high"):
        figures[column] = pd.to_numeric(figures[column], errors="coerce")
    relations = _read(folder / "relations.csv", RELATION_COLUMNS)
    # (a table written before relations had a modality states all its relations)
    stated = relations["modality"].isin(STATED_MODALITIES) | (relations["modality"] == "")
    tables = Tables(
        figures=figures,
        dates=_read(folder / "dates.csv", DATE_COLUMNS),
        entities=_read(folder / "entities.csv", ENTITY_COLUMNS),
        relations=relations[stated].reset_index(drop=True),
        unknowns=_read(folder / "unknowns.csv", UNKNOWN_COLUMNS),
        documents=_read(folder / "documents.csv", ["doc", "title", "sha256", "encoding", "characters"]),
        notices=_read(folder / "notices.csv", ["notice"]),
        unstated_relations=relations[~stated].reset_index(drop=True),
    )
    for frame in (tables.figures, tables.dates, tables.entities, tables.relations, tables.unstated_relations,
                  tables.unknowns):
        for column in ("start", "end", "sentence_start", "sentence_end"):
            if column in frame:
                frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return tables


# ---------------------------------------------------------------------------------------------------- numbers

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


def claim_anchor(figure_id: str) -> str:
    """The id of a figure's row in the claims register, which cards and charts link to."""
    return "claim-" + "".join(c if c.isalnum() else "-" for c in str(figure_id))


def highlight(sentence: str, sentence_start: int, start: int, end: int) -> str:
    """The sentence, escaped, with the figure's own characters marked."""
    offset, length = int(start) - int(sentence_start), int(end) - int(start)
    if offset < 0 or offset + length > len(sentence):
        return escape(sentence)
    return (escape(sentence[:offset]) + "<mark>" + escape(sentence[offset:offset + length]) + "</mark>"
            + escape(sentence[offset + length:]))


# ---------------------------------------------------------------------------------------------------- focus

def focus_sentences(tables: Tables, focus: str) -> set[tuple[str, int]]:
    """(doc, sentence_start) of every sentence that names the focus entity."""
    mentions = tables.entities[tables.entities["entity"] == focus]
    return set(zip(mentions["doc"], mentions["sentence_start"].astype(int)))


def figures_for_focus(tables: Tables, focus: str) -> pd.DataFrame:
    """Figures with those in sentences naming the focus entity first, then in document order."""
    figures = tables.figures.copy()
    named = focus_sentences(tables, focus)
    figures["about_focus"] = [(d, int(s)) in named for d, s in zip(figures["doc"], figures["sentence_start"])]
    figures["order"] = range(len(figures))
    return figures.sort_values(["about_focus", "order"], ascending=[False, True]).drop(columns="order")


def resolve_as_of(tables: Tables, as_of: str) -> str:
    """The given as-of date, or the latest resolved date the documents mention (never today's clock)."""
    if as_of:
        return as_of
    resolved = tables.dates[tables.dates["resolved"].astype(str).str.lower() == "true"]
    days = []
    for value in resolved["value"]:
        parts = str(value).split("/")[-1].split("-")
        try:
            days.append(dt.date(int(parts[0]), *(int(p) for p in parts[1:3]), *[1] * (3 - len(parts[:3]))))
        except (ValueError, TypeError):
            continue  # a season or part of a year: not a day to date the briefing by
    return max(days).isoformat() if days else "1970-01-01"


def default_title(focus: str) -> str:
    return f"{focus} in the network that supplies Russia's war machine"


# ---------------------------------------------------------------------------------------------------- sections

def title_block(title: str, as_of: str, tables: Tables, focus: str) -> str:
    sources = "".join(f"<li><a href=\"#source-{escape(_slug(d))}\">{escape(t or d)}</a> "
                      f"<span class=\"tag\">{escape(d)}</span></li>"
                      for d, t in zip(tables.documents["doc"], tables.documents["title"]))
    return (
        '<header class="title-block">'
        f'<div class="kicker">Analytical briefing · focus: {escape(focus)}</div>'
        f"<h1>{escape(title)}</h1>"
        f'<div class="meta">As of {escape(as_of)} · {len(tables.documents)} source documents · '
        f"{len(tables.figures)} figures · {len(tables.relations)} relations, each traced to its sentence</div>"
        f'<div class="meta">Sources:</div><ol class="meta">{sources}</ol>'
        "</header>"
    )


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in str(text))


def key_figure_cards(tables: Tables, focus: str, limit: int = 6) -> str:
    """The key figures as cards, those about the focus entity first, each linked to its claim."""
    figures = figures_for_focus(tables, focus)
    figures = figures[figures["kind"].isin(CARD_KINDS)].head(limit)
    if figures.empty:
        return '<p class="note">The documents give no figures.</p>'
    cards = []
    for _, row in figures.iterrows():
        period = format_period(row["period_start"], row["period_end"])
        label = row["measure"] or row["sentence"][:90]
        cards.append(
            '<div class="card">'
            f'<div class="value">{escape(format_figure(row))}</div>'
            f'<div class="label">{escape(label)}{" (" + escape(period) + ")" if period else ""}</div>'
            f'<div class="source"><a href="#{claim_anchor(row["figure_id"])}">{escape(row["doc"])}, '
            f'characters {int(row["start"])}–{int(row["end"])}</a></div>'
            "</div>"
        )
    return '<div class="cards">' + "".join(cards) + "</div>"


def relation_anchor(relation_id: str) -> str:
    """The id of a relation's row in the relations register, which judgments link to."""
    return "relation-" + "".join(c if c.isalnum() else "-" for c in str(relation_id))


def _evidence(relations: pd.DataFrame) -> str:
    """Links to the register rows of the statements behind a judgment."""
    links = [f'<a href="#{relation_anchor(r)}">{n}</a>' for n, r in enumerate(relations["relation_id"], start=1)]
    return f' <span class="note">(statements {", ".join(links)})</span>'


def _items(relations: pd.DataFrame) -> str:
    items = [i for i in dict.fromkeys(relations["item"]) if i]
    return ", ".join(items) if items else "unspecified goods"


def key_judgments(tables: Tables, focus: str, corroboration: pd.DataFrame | None = None) -> str:
    """Judgments stated from the relations and figures, each pointing to where the evidence is."""
    relations = tables.relations
    points = []
    supplies = relations[relations["relation"] == "supplies"]
    out = supplies[supplies["source"] == focus]
    for target, group in out.groupby("target", sort=True):
        points.append(f"<b>{escape(focus)} supplies {escape(target)}</b>: {escape(_items(group))}."
                      + _evidence(group))
    into = supplies[supplies["target"] == focus]
    for source, group in into.groupby("source", sort=True):
        points.append(f"<b>{escape(source)} supplies {escape(focus)}</b>: {escape(_items(group))}." + _evidence(group))
    depends = relations[(relations["relation"] == "depends_on") & ((relations["source"] == focus)
                                                                 | (relations["target"] == focus))]
    for (source, target), group in depends.groupby(["source", "target"], sort=True):
        items = [i for i in dict.fromkeys(group["item"]) if i]
        points.append(f"<b>{escape(source)} depends on {escape(target)}</b>"
                      f"{': ' + escape(', '.join(items)) if items else ''}." + _evidence(group))
    if corroboration is not None and len(corroboration):
        counts = corroboration["status"].value_counts()
        points.append(
            f"Of {len(corroboration)} figures from the documents, {counts.get('corroborated', 0)} are corroborated "
            f"by other public sources, {counts.get('conflicting', 0)} conflict with them, "
            f"{counts.get('different_measure', 0)} are compared against a different measure and "
            f"{counts.get('unverified', 0)} are unverified (see Corroboration).")
    if not points:
        return f'<p class="note">The documents state no relations of {escape(focus)}.</p>'
    return '<ul class="judgments">' + "".join(f"<li>{p}</li>" for p in points) + "</ul>"


def claims_register(tables: Tables) -> str:
    """Every figure with its document and quoted sentence, the figure highlighted, under an anchor."""
    rows = []
    for _, row in tables.figures.iterrows():
        rows.append(
            f'<tr id="{claim_anchor(row["figure_id"])}"><td>{escape(row["doc"])}<br>'
            f'<span class="note">characters {int(row["start"])}–{int(row["end"])}</span></td>'
            f"<td>{escape(format_figure(row))}</td><td>{escape(row['kind'])}</td>"
            f"<td>{escape(format_period(row['period_start'], row['period_end']))}</td>"
            f"<td>{escape(row['measure'])}</td>"
            f'<td class="quote">{highlight(row["sentence"], row["sentence_start"], row["start"], row["end"])}</td>'
            "</tr>"
        )
    return ('<table class="claims"><thead><tr><th>Document</th><th>Figure</th><th>Kind</th><th>Period</th>'
            "<th>Measure</th><th>Sentence in the document</th></tr></thead><tbody>" + "".join(rows)
            + "</tbody></table>")


def relations_register(tables: Tables) -> str:
    """Every relation with its sentence, the words that state it marked, under an anchor."""
    rows = []
    for _, row in tables.relations.iterrows():
        sentence, trigger = str(row["sentence"]), str(row["trigger"])
        at = sentence.find(trigger) if trigger else -1
        quoted = (escape(sentence[:at]) + "<mark>" + escape(trigger) + "</mark>" + escape(sentence[at + len(trigger):])
                  if at >= 0 else escape(sentence))
        figure = (f'<a href="#{claim_anchor(row["figure_id"])}">{escape(row["figure_id"])}</a>'
                  if row["figure_id"] else "")
        rows.append(
            f'<tr id="{relation_anchor(row["relation_id"])}"><td>{escape(row["source"])}</td>'
            f"<td>{escape(row['relation'].replace('_', ' '))}</td><td>{escape(row['target'])}</td>"
            f"<td>{escape(row['item'])}{' (' + escape(row['share']) + '%)' if row['share'] else ''}</td>"
            f"<td>{figure}</td>"
            f'<td class="quote">{quoted} <span class="note">{escape(row["doc"])}, characters '
            f'{int(row["sentence_start"])}–{int(row["sentence_end"])}</span></td></tr>'
        )
    return ('<table class="claims"><thead><tr><th>Source</th><th>Relation</th><th>Target</th><th>What</th>'
            "<th>Figure</th><th>Sentence in the document</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def known_unknowns(tables: Tables) -> str:
    statements = "".join(
        f'<li><span class="quote">{escape(row["sentence"])}</span> <span class="note">({escape(row["doc"])}; '
        f'cue: “{escape(row["cue"])}”)</span></li>' for _, row in tables.unknowns.iterrows())
    vague = tables.figures[tables.figures["qualifier"] != "exact"]
    vague_rows = "".join(
        f'<li><a href="#{claim_anchor(row["figure_id"])}">{escape(format_figure(row))}</a>: '
        f'{escape(row["measure"] or row["sentence"][:100])} <span class="tag">{escape(row["qualifier"])}</span></li>'
        for _, row in vague.iterrows())
    ranges = tables.figures[tables.figures["low"] != tables.figures["high"]]
    range_rows = "".join(
        f'<li><a href="#{claim_anchor(row["figure_id"])}">{escape(format_figure(row))}</a>: '
        f'{escape(row["measure"] or row["sentence"][:100])}</li>' for _, row in ranges.iterrows())
    return (
        "<h3>What the documents say is not known</h3>"
        + (f"<ul>{statements}</ul>" if statements else '<p class="note">No statement of missing data found.</p>')
        + "<h3>Figures whose qualifiers make them vague</h3>"
        + (f"<ul>{vague_rows}</ul>" if vague_rows else '<p class="note">Every figure is stated exactly.</p>')
        + "<h3>Figures given only as ranges</h3>"
        + (f"<ul>{range_rows}</ul>" if range_rows else '<p class="note">No figure is given as a range.</p>')
    )


def source_list(tables: Tables) -> str:
    """The data log of the documents: name, title, checksum and encoding, each with its anchor."""
    rows = "".join(
        f'<tr id="source-{escape(_slug(row["doc"]))}"><td>{escape(row["doc"])}</td><td>{escape(row["title"])}</td>'
        f'<td class="num">{escape(str(row["characters"]))}</td><td>{escape(row["encoding"])}</td>'
        f"<td><code>{escape(row['sha256'][:16])}</code></td></tr>"
        for _, row in tables.documents.iterrows())
    return ("<table><thead><tr><th>Document</th><th>Title</th><th class=\"num\">Characters</th><th>Encoding</th>"
            "<th>SHA-256 (first 16)</th></tr></thead><tbody>" + rows + "</tbody></table>")


def notices(tables: Tables) -> str:
    if tables.notices.empty:
        return ""
    items = "".join(f"<li>{escape(n)}</li>" for n in tables.notices["notice"])
    return f'<div class="callout info"><b>Notices about the documents</b><ul>{items}</ul></div>'


def assumptions_table(assumptions: list[dict]) -> str:
    """The assumptions log: each assumption, its value, and where the value came from."""
    rows = "".join(f"<tr><td>{escape(a['assumption'])}</td><td>{escape(str(a['value']))}</td>"
                   f"<td>{escape(a['source'])}</td></tr>" for a in assumptions)
    return ("<table><thead><tr><th>Assumption</th><th>Used for</th><th>Source</th></tr></thead><tbody>" + rows
            + "</tbody></table>")

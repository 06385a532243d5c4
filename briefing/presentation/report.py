"""The briefing's text sections, built from the extracted tables: every value, name and period comes from a row.

Each function returns an HTML fragment. Text from documents is escaped here, once, so markup or script in a
collected document shows as text and never runs.
"""

from __future__ import annotations

import datetime as dt
from html import escape

import pandas as pd

from ..analysis.tables import Tables
from ..extraction.relation_rules import STATED_MODALITIES
from ..formatting import format_figure, format_period, format_value

# Figures that say something about the subject, ahead of durations and file sizes, in the key-figure cards.
CARD_KINDS = ("quantity", "money", "count", "percent", "multiplier")


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in str(text))


def claim_anchor(figure_id: str) -> str:
    """The id of a figure's row in the claims register, which cards and charts link to."""
    return "claim-" + _slug(figure_id)


def source_anchor(doc: str) -> str:
    """The id of a document's row in the data log, which the title block's list of sources links to."""
    return "source-" + _slug(doc)


def highlight(sentence: str, sentence_start: int, start: int, end: int) -> str:
    """The sentence, escaped, with the figure's own characters marked."""
    offset, length = int(start) - int(sentence_start), int(end) - int(start)
    if offset < 0 or offset + length > len(sentence):
        return escape(sentence)
    return (
        escape(sentence[:offset])
        + "<mark>"
        + escape(sentence[offset : offset + length])
        + "</mark>"
        + escape(sentence[offset + length :])
    )


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

LISTED = 10  # items a list in the briefing names before "and N more"


def _and_more(count: int, what: str, where: str) -> str:
    return f'<p class="note">… and {count:,} more {what} ({where}).</p>' if count > 0 else ""


def title_block(title: str, as_of: str, tables: Tables, focus: str) -> str:
    documents = tables.documents.head(LISTED)
    sources = "".join(
        f'<li><a href="#{source_anchor(row["doc"])}">{escape(row["title"] or row["doc"])}</a>'
        f'{_stated(row)} <span class="tag">{escape(row["doc"])}</span></li>'
        for row in documents.to_dict("records")
    )
    more = len(tables.documents) - len(documents)
    return (
        '<header class="title-block">'
        f'<div class="kicker">Analytical briefing · focus: {escape(focus)}</div>'
        f"<h1>{escape(title)}</h1>"
        f'<div class="meta">As of {escape(as_of)} · {len(tables.documents)} source documents · '
        f"{len(tables.figures)} figures · {len(tables.relations)} relations, each traced to its sentence</div>"
        f'<div class="meta">Sources:</div><ol class="meta">{sources}</ol>'
        + (f'<div class="meta">… and {more:,} more: every source is listed in the data log.</div>' if more else "")
        + "</header>"
    )


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
            f"characters {int(row['start'])}–{int(row['end'])}</a></div>"
            "</div>"
        )
    return '<div class="cards">' + "".join(cards) + "</div>"


def relation_anchor(relation_id: str) -> str:
    """The id of a relation's row in the relations register, which judgments link to."""
    return "relation-" + _slug(relation_id)


EVIDENCE_LINKS = 15  # statements a judgment links to before counting the rest
JUDGMENTS = 10  # judgments stated before "and N more"
ITEMS = 16  # items a judgment names, the most often stated first, before "and N more"


def _evidence(relations: pd.DataFrame) -> str:
    """Links to the register rows of the statements behind a judgment, and how many documents state it."""
    ids = list(relations["relation_id"])
    links = [f'<a href="#{relation_anchor(r)}">{n}</a>' for n, r in enumerate(ids[:EVIDENCE_LINKS], start=1)]
    more = f" and {len(ids) - EVIDENCE_LINKS:,} more" if len(ids) > EVIDENCE_LINKS else ""
    documents = relations["doc"].nunique()
    support = f"; {documents:,} documents" if documents > 1 else ""
    return f' <span class="note">(statements {", ".join(links)}{more}{support})</span>'


def _items(relations: pd.DataFrame, limit: int = ITEMS) -> str:
    counts = relations.loc[relations["item"] != "", "item"].value_counts(sort=False)
    if counts.empty:
        return "unspecified goods"
    # the items most often stated first; ties in the order the documents give them
    ranked = sorted(counts.index, key=lambda item: -counts[item])
    return ", ".join(ranked[:limit]) + (f" and {len(ranked) - limit:,} more" if len(ranked) > limit else "")


UNREVIEWED_TAG = (
    '<span class="tag unreviewed" title="not in the gazetteer: named as the text writes it">unreviewed</span>'
)
HEDGED_TAG = '<span class="tag hedged" title="the source states it as a claim or likelihood">hedged</span>'


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column, or empty text for tables written before it existed."""
    return frame[name].astype(str) if name in frame else pd.Series([""] * len(frame), index=frame.index, dtype=str)


def unreviewed_names(relations: pd.DataFrame) -> set[str]:
    """The parties of the relations that the gazetteer does not know (the ``unreviewed`` column)."""
    return {name for cell in _column(relations, "unreviewed") for name in cell.split(";") if name}


def _party(name: str, unreviewed: set[str]) -> str:
    return escape(name) + (f" {UNREVIEWED_TAG}" if name in unreviewed else "")


def judgment_groups(relations: pd.DataFrame, focus: str) -> list[tuple[int, str, pd.DataFrame]]:
    """(support, statement, relations) of each judgment on the focus entity, best supported first: support is the
    number of independent documents that state it. Hedged statements are judgments of their own, stated as claims
    ("reportedly", tagged), never merged into the asserted ones."""
    groups = []
    unreviewed = unreviewed_names(relations)
    claimed = _column(relations, "modality") == "hedged"
    for hedged in (False, True):
        rows = relations[claimed == hedged]
        verb, depends_verb = ("reportedly supplies", "reportedly depends on") if hedged else ("supplies", "depends on")
        tag = f" {HEDGED_TAG}" if hedged else ""
        supplies = rows[rows["relation"] == "supplies"]
        for target, group in supplies[supplies["source"] == focus].groupby("target", sort=True):
            groups.append(
                (f"<b>{escape(focus)} {verb} {_party(target, unreviewed)}</b>: {escape(_items(group))}.{tag}", group)
            )
        for source, group in supplies[supplies["target"] == focus].groupby("source", sort=True):
            groups.append(
                (f"<b>{_party(source, unreviewed)} {verb} {escape(focus)}</b>: {escape(_items(group))}.{tag}", group)
            )
        depends = rows[(rows["relation"] == "depends_on") & ((rows["source"] == focus) | (rows["target"] == focus))]
        for (source, target), group in depends.groupby(["source", "target"], sort=True):
            items = _items(group) if (group["item"] != "").any() else ""
            groups.append(
                (
                    f"<b>{_party(source, unreviewed)} {depends_verb} {_party(target, unreviewed)}</b>"
                    f"{': ' + escape(items) if items else ''}.{tag}",
                    group,
                )
            )
    # ties keep asserted judgments before hedged ones (the sort is stable)
    ranked = sorted(((group["doc"].nunique(), text, group) for text, group in groups), key=lambda g: -g[0])
    return ranked


UNSTATED_LISTED = 5  # planned or denied relations the key judgments name before counting the rest


def unstated_note(tables: Tables, focus: str, limit: int = UNSTATED_LISTED) -> str:
    """A counted line of the relations the documents state as planned or denied, those of the focus first, each
    linked to its register row: seen by the analyst, never stated as fact."""
    unstated = tables.unstated_relations
    if unstated is None or unstated.empty:
        return ""
    about = (unstated["source"] == focus) | (unstated["target"] == focus)
    ordered = pd.concat([unstated[about], unstated[~about]])
    unreviewed = unreviewed_names(ordered)

    def render(row, documents: int) -> str:
        what = f" ({escape(row['item'])})" if row.get("item") else ""
        return (
            f'<li><span class="tag">{escape(row.get("modality", ""))}</span> '
            f"{_party(row['source'], unreviewed)} {escape(row['relation'].replace('_', ' '))} "
            f"{_party(row['target'], unreviewed)}{what} "
            f'<a href="#{relation_anchor(row["relation_id"])}">statement</a>{_in_documents(documents)}</li>'
        )

    # the same claim in several documents is listed once, with how many documents state it
    items, more = _grouped_items(ordered, ["modality", "source", "relation", "target", "item"], render, limit)
    return (
        f'<div class="unstated"><p class="note">Stated as planned or denied, not as fact: {len(ordered):,} '
        f'relation{"s" if len(ordered) != 1 else ""}.</p><ul class="note">{items}</ul>'
        + (f'<p class="note">… and {more:,} more claims in the relations register.</p>' if more > 0 else "")
        + "</div>"
    )


def key_judgments(tables: Tables, focus: str, corroboration: pd.DataFrame | None = None, limit: int = JUDGMENTS) -> str:
    """Judgments stated from the relations and figures, the best supported first, each pointing to its evidence."""
    ranked = judgment_groups(tables.relations, focus)
    points = [text + _evidence(group) for _, text, group in ranked[:limit]]
    if len(ranked) > limit:
        rest = pd.concat([group for _, _, group in ranked[limit:]])
        points.append(
            f"… and {len(ranked) - limit:,} more relations of {escape(focus)}, each stated in fewer "
            f"documents ({len(rest):,} statements in {rest['doc'].nunique():,} documents): see the "
            "relations register."
        )
    if corroboration is not None and len(corroboration):
        counts = corroboration["status"].value_counts()
        points.append(
            f"Of {len(corroboration)} figures from the documents, {counts.get('corroborated', 0)} are corroborated "
            f"by other public sources, {counts.get('conflicting', 0)} conflict with them, "
            f"{counts.get('different_measure', 0)} are compared against a different measure and "
            f"{counts.get('unverified', 0)} are unverified (see Corroboration)."
        )
    if not points:
        return f'<p class="note">The documents state no relations of {escape(focus)}.</p>' + unstated_note(
            tables, focus
        )
    return '<ul class="judgments">' + "".join(f"<li>{p}</li>" for p in points) + "</ul>" + unstated_note(tables, focus)


def _keyed(text: str, anchor: str) -> str:
    """A register cell that carries the anchor links point to, as an id and as hidden text the search finds."""
    return f'{text}<span class="anchor-key" id="{anchor}">{anchor}</span>'


def _highlighted(sentences, starts, ends, sentence_starts) -> list[str]:
    return [
        highlight(str(t), s0, a, b) if pd.notna(a) and pd.notna(b) and pd.notna(s0) else escape(str(t))
        for t, s0, a, b in zip(sentences, sentence_starts, starts, ends)
    ]


def claims_register(tables: Tables, focus: str = ""):
    """Every figure with its document and quoted sentence, the figure highlighted; those about the focus first."""
    from .registers import Register

    figures = figures_for_focus(tables, focus) if focus else tables.figures
    figure_text = [
        format_value(lo, hi, str(u), str(q))
        for lo, hi, u, q in zip(figures["low"], figures["high"], figures["unit"], figures["qualifier"])
    ]
    periods = [format_period(a, b) for a, b in zip(figures["period_start"], figures["period_end"])]
    characters = [f"{_page(p)}{a}–{b}" for p, a, b in zip(_pages(figures), figures["start"], figures["end"])]
    frame = pd.DataFrame(
        {
            "claim": figures["figure_id"],
            "document": figures["doc"],
            "characters": characters,
            "figure": figure_text,
            "kind": figures["kind"],
            "period": periods,
            "measure": figures["measure"],
            "sentence": figures["sentence"],
        }
    ).reset_index(drop=True)
    html = frame.astype(str).map(escape)
    html["claim"] = [_keyed(escape(str(i)), claim_anchor(i)) for i in figures["figure_id"]]
    html["sentence"] = _highlighted(figures["sentence"], figures["start"], figures["end"], figures["sentence_start"])
    return Register("claims", "claims register", frame, html, print_omits=("claim",))


def _trigger_marked(sentence: str, trigger: str) -> str:
    at = sentence.find(trigger) if trigger else -1
    if at < 0:
        return escape(sentence)
    return escape(sentence[:at]) + "<mark>" + escape(trigger) + "</mark>" + escape(sentence[at + len(trigger) :])


def relations_register(tables: Tables, focus: str = ""):
    """Every relation with its sentence, the words that state it marked, and its modality: the stated ones
    (asserted, hedged) first, then those stated as planned or denied; within each, those of the focus entity first.
    A party the gazetteer does not know is tagged unreviewed."""
    from .registers import Register

    relations = tables.every_relation()
    if focus and len(relations):
        stated = _column(relations, "modality").isin(("", *STATED_MODALITIES))
        about = (relations["source"] == focus) | (relations["target"] == focus)
        relations = pd.concat(
            [
                relations[stated & about],
                relations[stated & ~about],
                relations[~stated & about],
                relations[~stated & ~about],
            ]
        )
    modality = _column(relations, "modality").replace("", "asserted")
    unreviewed_cells = _column(relations, "unreviewed")
    what = [f"{i} ({s}%)" if s else str(i) for i, s in zip(relations["item"], relations["share"])]
    frame = pd.DataFrame(
        {
            "relation": relations["relation_id"],
            "source": relations["source"],
            "stated as": relations["relation"].str.replace("_", " "),
            "target": relations["target"],
            "modality": modality.values,
            "unreviewed": unreviewed_cells.str.replace(";", "; ").values,
            "what": what,
            "figure": relations["figure_id"],
            "document": relations["doc"],
            "characters": [
                f"{_page(p)}{a}–{b}"
                for p, a, b in zip(_pages(relations), relations["sentence_start"], relations["sentence_end"])
            ],
            "sentence": relations["sentence"],
        }
    ).reset_index(drop=True)
    html = frame.astype(str).map(escape)
    html["relation"] = [_keyed(escape(str(i)), relation_anchor(i)) for i in relations["relation_id"]]
    html["sentence"] = [_trigger_marked(str(s), str(t)) for s, t in zip(relations["sentence"], relations["trigger"])]
    for column in ("source", "target"):
        html[column] = [
            _party(str(name), set(cell.split(";"))) for name, cell in zip(relations[column], unreviewed_cells)
        ]
    return Register("relations", "relations register", frame, html, print_omits=("relation", "unreviewed"))


def _grouped_items(frame: pd.DataFrame, key, render, limit: int = LISTED) -> tuple[str, int]:
    """One list item per distinct ``key`` (the same statement or figure in several documents counts once), the
    most often stated first; returns the items and how many more there are."""
    if frame.empty:
        return "", 0
    keys = frame[key].astype(str).agg("\x1f".join, axis=1) if isinstance(key, list) else frame[key].astype(str)
    frame = frame.assign(_key=keys.values)
    counts = frame.groupby("_key", sort=False)["doc"].nunique()
    first = frame.drop_duplicates("_key")
    first = first.assign(_support=first["_key"].map(counts).values).sort_values(
        "_support", ascending=False, kind="stable"
    )
    items = "".join(render(row, int(row["_support"])) for row in first.head(limit).to_dict("records"))
    return items, max(0, len(first) - limit)


def _in_documents(count: int) -> str:
    return f' <span class="tag">{count:,} documents</span>' if count > 1 else ""


def known_unknowns(tables: Tables) -> str:
    statements, more_statements = _grouped_items(
        tables.unknowns,
        "sentence",
        lambda row, n: (
            f'<li><span class="quote">{escape(row["sentence"])}</span> <span class="note">'
            f"({escape(row['doc'])}; cue: “{escape(row['cue'])}”)</span>{_in_documents(n)}</li>"
        ),
    )

    def figure_item(row, n, tag=True):
        return (
            f'<li><a href="#{claim_anchor(row["figure_id"])}">{escape(format_figure(row))}</a>: '
            f"{escape(row['measure'] or row['sentence'][:100])}"
            + (f' <span class="tag">{escape(row["qualifier"])}</span>' if tag else "")
            + f"{_in_documents(n)}</li>"
        )

    figure_key = ["low", "high", "unit", "qualifier", "measure"]
    vague = tables.figures[tables.figures["qualifier"] != "exact"]
    vague_rows, more_vague = _grouped_items(vague, figure_key, figure_item)
    ranges = tables.figures[tables.figures["low"] != tables.figures["high"]]
    range_rows, more_ranges = _grouped_items(ranges, figure_key, lambda row, n: figure_item(row, n, tag=False))
    where = "the claims register lists every figure"
    return (
        "<h3>What the documents say is not known</h3>"
        + (f"<ul>{statements}</ul>" if statements else '<p class="note">No statement of missing data found.</p>')
        + _and_more(more_statements, "statements", "in the unknowns table, unknowns.csv")
        + "<h3>Figures whose qualifiers make them vague</h3>"
        + (f"<ul>{vague_rows}</ul>" if vague_rows else '<p class="note">Every figure is stated exactly.</p>')
        + _and_more(more_vague, "vague figures", where)
        + "<h3>Figures given only as ranges</h3>"
        + (f"<ul>{range_rows}</ul>" if range_rows else '<p class="note">No figure is given as a range.</p>')
        + _and_more(more_ranges, "ranges", where)
    )


def _pages(frame: pd.DataFrame):
    """The page of each row (empty for unpaged formats, and for tables written before pages were read)."""
    return frame["page"] if "page" in frame else [""] * len(frame)


def _page(page) -> str:
    """ "p. 2, " for a row read from a paged document (a PDF), else nothing (no HTML: the register escapes it)."""
    page = "" if page is None or pd.isna(page) else str(page)
    return f"p. {page}, " if page else ""


def _stated(row) -> str:
    """ ", publisher, 2024-04-09" when the document's file states them."""
    said = [str(row.get(key, "") or "") for key in ("publisher", "published")]
    return "".join(f", {escape(part)}" for part in said if part)


def _source(row) -> str:
    """A document's title with what its file states: author or publisher, date, pages, and its URL as a link."""
    said = [escape(str(row.get(key, "") or "")) for key in ("author", "publisher", "published")]
    if str(row.get("pages", "") or ""):
        said.append(f"{escape(str(row['pages']))} pages")
    url = str(row.get("url", "") or "")
    link = f' <a href="{escape(url)}">{escape(url)}</a>' if url.startswith(("https://", "http://")) else ""
    details = " · ".join(dict.fromkeys(part for part in said if part))
    return escape(row["title"]) + (f'<br><span class="note">{details}</span>' if details else "") + link


def source_list(tables: Tables):
    """The data log of the documents: name, title with what the file states (author or publisher, date, URL),
    size, encoding and checksum; each row carries the anchor the title block links to."""
    from .registers import Register

    documents = tables.documents
    frame = pd.DataFrame(
        {
            "document": documents["doc"],
            "title": documents["title"],
            "characters": documents["characters"],
            "encoding": documents["encoding"],
            "SHA-256 (first 16)": documents["sha256"].str[:16],
        }
    ).reset_index(drop=True)
    html = frame.astype(str).map(escape)
    html["document"] = [_keyed(escape(str(d)), source_anchor(d)) for d in documents["doc"]]
    html["title"] = [_source(row) for row in documents.to_dict("records")]
    return Register("sources", "data log of the documents", frame, html)


def notices(tables: Tables) -> str:
    if tables.notices.empty:
        return ""
    items = "".join(f"<li>{escape(n)}</li>" for n in tables.notices["notice"].head(LISTED))
    more = len(tables.notices) - LISTED
    return (
        f'<div class="callout info"><b>Notices about the documents</b><ul>{items}</ul>'
        + (f"… and {more:,} more (notices.csv)." if more > 0 else "")
        + "</div>"
    )


def assumptions_table(assumptions: list[dict]) -> str:
    """The assumptions log: each assumption, its value, and where the value came from."""
    rows = "".join(
        f"<tr><td>{escape(a['assumption'])}</td><td>{escape(str(a['value']))}</td><td>{escape(a['source'])}</td></tr>"
        for a in assumptions
    )
    return (
        "<table><thead><tr><th>Assumption</th><th>Used for</th><th>Source</th></tr></thead><tbody>"
        + rows
        + "</tbody></table>"
    )

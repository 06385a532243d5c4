"""The columns of the extracted tables: the contract between extraction, the notebooks and the briefing.

Every row keeps the document and character offsets that said it (``document.text[start:end] == text``).
"""

FIGURE_COLUMNS = [
    "figure_id",  # "<doc stem>:<start>", stable while the document does not change before the figure
    "doc", "start", "end", "text",
    "sentence", "sentence_start", "sentence_end",
    "kind",  # count, quantity, percent, multiplier, money, duration
    "low", "high",  # full units; equal for a single value
    "unit",  # %, x, USD/EUR/..., t, km, years, months, or the counted noun in the plural
    "qualifier",  # exact, approximately, more_than, less_than, at_least, at_most
    "period_start", "period_end",  # ISO date, month or year, or empty
    "measure",  # a short label of what is measured, when the sentence says it
]

DATE_COLUMNS = [
    "date_id", "doc", "start", "end", "text",
    "sentence", "sentence_start", "sentence_end",
    "value",  # ISO: 2024-04-17, 2022-01, 2023, 2022-01/2023-01 for periods; empty when unresolved
    "precision",  # day, month, year, season (part of a year), period, unresolved
    "resolved",  # True when the ISO value is known; relative dates with no document date are False
]

ENTITY_COLUMNS = [
    "doc", "start", "end", "text",
    "entity",  # canonical name from the gazetteer; empty for a candidate
    "entity_type",  # country, company, person, organisation, weapon_system, exercise, candidate
    "country",
    "match",  # exact, alias, fuzzy, candidate
    "score",  # 100 for exact and alias matches; rapidfuzz's score for fuzzy ones
    "sentence_start", "sentence_end",
]

RELATION_COLUMNS = [
    "relation_id", "doc",
    "source", "target",  # canonical entity names
    "relation",  # supplies, intermediary_for, owns, trades_with, sanctions, depends_on, ...
    "item",  # what flows, where the text says it
    "share",  # ownership share in percent, for owns
    "figure_id",  # the figure the relation carries, when there is one
    "trigger",  # the words that state the relation
    "modality",  # asserted, hedged (a claim: "reportedly"), planned ("plans to", "will"), denied ("denied", "not")
    "unreviewed",  # the parties (source, target; ";"-separated) not in the gazetteer: named as written, unchecked
    "sentence", "sentence_start", "sentence_end",
]

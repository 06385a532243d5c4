"""The columns of the extracted tables: the contract between extraction, the notebooks and the briefing.

Every row keeps the document and character offsets that said it (``document.text[start:end] == text``).
"""

FIGURE_COLUMNS = [
    "figure_id",  # "<doc stem>:<start>", stable while the document does not change before the figure
    "doc",
    "start",
    "end",
    "text",
    "sentence",
    "sentence_start",
    "sentence_end",
    "kind",  # count, quantity, percent, multiplier, money, duration
    "low",
    "high",  # full units; equal for a single value
    "unit",  # %, x, USD/EUR/..., t, km, years, months, or the counted noun in the plural
    "unit_class",  # a count's canonical class from data/counted_nouns.csv (drones for "UAVs"), else empty
    "qualifier",  # exact, approximately, more_than, less_than, at_least, at_most
    "period_start",
    "period_end",  # ISO date, month or year, or empty
    "measure",  # a short label of what is measured, when the sentence says it
]

DATE_COLUMNS = [
    "date_id",
    "doc",
    "start",
    "end",
    "text",
    "sentence",
    "sentence_start",
    "sentence_end",
    "value",  # ISO: 2024-04-17, 2022-01, 2023, 2022-01/2023-01 for periods; empty when unresolved
    "precision",  # day, month, year, season (part of a year), period, unresolved
    "resolved",  # True when the ISO value is known; relative dates with no document date are False
]

ENTITY_COLUMNS = [
    "doc",
    "start",
    "end",
    "text",
    "entity",  # canonical name from the gazetteer; empty for a candidate
    "entity_type",  # country, company, person, organisation, weapon_system, exercise, candidate
    "country",
    "match",  # exact, alias, fuzzy, candidate
    "score",  # 100 for exact and alias matches; rapidfuzz's score for fuzzy ones
    "sentence_start",
    "sentence_end",
]

RELATION_COLUMNS = [
    "relation_id",
    "doc",
    "source",
    "target",  # canonical entity names
    "relation",  # supplies, intermediary_for, owns, trades_with, sanctions, depends_on, ...
    "item",  # what flows, where the text says it
    "share",  # ownership share in percent, for owns
    "figure_id",  # the figure the relation carries, when there is one
    "trigger",  # the words that state the relation
    "modality",  # asserted, hedged (a claim: "reportedly"), planned ("plans to", "will"), denied ("denied", "not")
    "unreviewed",  # the parties (source, target; ";"-separated) not in the gazetteer: named as written, unchecked
    "sentence",
    "sentence_start",
    "sentence_end",
]

# The page a row was read from (1 for a document's first page) for paged formats (PDF), empty for the others.
# Extraction adds it after the columns above to every row of figures.csv, dates.csv, entities.csv and relations.csv:
# the extractors themselves know nothing of pages (see extract.add_pages).
PAGE_COLUMN = "page"

# documents.csv: one row per document, with what its file states about itself (empty where it states nothing).
DOCUMENT_COLUMNS = [
    "doc",
    "title",
    "author",
    "publisher",  # a person or an organisation; a site's name or a Telegram channel's title
    "published",  # ISO day: HTML meta tags, PDF CreationDate, DOCX core properties, a message's date
    "url",  # the page's canonical URL, or a Telegram message's link
    "channel",  # Telegram: the channel's username (or c/<id> when the export does not give it)
    "format",  # txt, md, html, pdf, docx, telegram
    "pages",  # a PDF's page count
    "sha256",
    "encoding",
    "characters",
]

# Sentences in which a document says that something is not known (extraction/unknowns.py)
UNKNOWN_COLUMNS = ["doc", "sentence_start", "sentence_end", "sentence", "cue"]

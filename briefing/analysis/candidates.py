"""Unreviewed parties: the names the gazetteer does not know, ranked for an analyst to review and adopt.

The extraction keeps such a party under its full name (a ``candidate`` row in entities.csv; in relations.csv its
name in the ``unreviewed`` column). Adopting one means adding a row to data/gazetteer.csv by hand:
:func:`gazetteer_row` prints a row to paste, and never writes the file.
"""

from __future__ import annotations

import csv
import io
import re

import pandas as pd

CANDIDATE_COLUMNS = ["name", "mentions", "documents", "relations", "guessed type"]
GAZETTEER_FIELDS = ["name", "type", "country", "aliases", "demonyms"]

# A legal form at the end of a firm's name: the relation names the firm without it ("X (Shenzhen) Co., Ltd" is "X
# (Shenzhen)"), so mentions and relations are matched on the name without it.
_LEGAL_FORM = re.compile(
    r"[\s,]+(?:co\.?,?\s*ltd\.?|ltd\.?|llc|ojsc|cjsc|pjsc|jsc|inc\.?|corp\.?|gmbh|plc|s\.?a\.?)$", re.IGNORECASE
)
# Words of a name that say what it names, the first table that holds one wins (in this order); a name of two or three
# capitalised words without any is guessed to be a person.
TYPE_WORDS = {
    "company": """co ltd llc jsc ojsc cjsc pjsc inc corp corporation company plant factory works holding holdings group
                  technology technologies electronics industries industrial engineering systems trading logistics
                  manufacturing enterprise bank""",
    "organisation": """ministry department committee agency council service institute centre center university army
                       forces command office guard association union commission""",
}


def _key(name: str) -> str:
    return _LEGAL_FORM.sub("", " ".join(str(name).split())).casefold()


def _words(name: str) -> set[str]:
    return {word.strip(".,()").casefold() for word in str(name).split()}


def guess_type(name: str) -> str:
    """company, organisation or person from the words of the name; "organisation" when nothing says."""
    words = _words(name)
    for kind, table in TYPE_WORDS.items():
        if words & set(table.split()):
            return kind
    parts = str(name).split()
    if 2 <= len(parts) <= 3 and all(p[:1].isupper() and p[1:].islower() for p in parts):
        return "person"
    return "organisation"


def rank_candidates(entities: pd.DataFrame, relations: pd.DataFrame) -> pd.DataFrame:
    """The unreviewed parties, most mentioned first: their mentions (candidate rows of entities.csv), the documents
    that mention them and the relations (every modality) they take part in. A party of a relation that no candidate
    row names is listed with its relations alone."""
    candidates = entities[entities["match"] == "candidate"] if len(entities) else entities
    rows: dict[str, dict] = {}
    for text, doc in zip(candidates.get("text", []), candidates.get("doc", [])):
        row = rows.setdefault(_key(text), {"names": {}, "mentions": 0, "docs": set(), "relations": 0})
        row["names"][text] = row["names"].get(text, 0) + 1
        row["mentions"] += 1
        row["docs"].add(doc)
    cells = relations["unreviewed"] if "unreviewed" in relations else []
    for cell, doc in zip(cells, relations.get("doc", [])):
        for name in {n for n in str(cell).split(";") if n}:
            row = rows.setdefault(_key(name), {"names": {name: 0}, "mentions": 0, "docs": set(), "relations": 0})
            row["relations"] += 1
            row["docs"].add(doc)
    table = pd.DataFrame(
        [
            {
                # the form written most often, the longest (the full name) among equals
                "name": max(row["names"], key=lambda n: (row["names"][n], len(n))),
                "mentions": row["mentions"],
                "documents": len(row["docs"]),
                "relations": row["relations"],
            }
            for row in rows.values()
        ],
        columns=CANDIDATE_COLUMNS[:-1],
    )
    table["guessed type"] = [guess_type(name) for name in table["name"]]
    return table.sort_values(
        ["mentions", "documents", "relations", "name"], ascending=[False, False, False, True], kind="stable"
    ).reset_index(drop=True)


def gazetteer_row(name: str, entity_type: str = "", country: str = "", aliases: tuple[str, ...] = ()) -> str:
    """A row of data/gazetteer.csv for ``name``, quoted as the file needs, to check and paste (nothing is written).
    The type is guessed from the name unless given; the country is left for the analyst unless given."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(
        [" ".join(name.split()), entity_type or guess_type(name), country, "; ".join(aliases), ""]
    )
    return buffer.getvalue()

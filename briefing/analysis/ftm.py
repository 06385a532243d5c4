"""The supply network as followthemoney (OpenSanctions / Aleph) entities, one JSON object a line.

* each document is an ``Article`` (title, file name, content hash, encoding) that every statement cites as ``proof``;
* each canonical entity: ``PublicBody`` for a country (its government), ``Company``, ``Person``, ``Organization``,
  ``Asset`` for a weapon system, ``Event`` for an exercise;
* ``owns`` -> ``Ownership`` with ``percentage``; ``sanctions`` -> ``Sanction`` (``authority`` the sanctioning
  party's name); every other relation (supplies, intermediary_for, trades_with, depends_on, ...) ->
  ``UnknownLink`` with the relation as ``role`` and the item as ``description``.

Ids are SHA-1 hashes of stable keys (document hash, canonical name, relation id), and the lines are sorted by id, so
two runs over the same tables write the same bytes. The JSON is written directly, without importing followthemoney
(its import and country lookup cost about 3 s); the tests check every line with ``ftm validate``.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

from ..extraction.relation_rules import STATED_MODALITIES

_SCHEMA_BY_TYPE = {
    "country": "PublicBody",
    "company": "Company",
    "person": "Person",
    "organisation": "Organization",
    "weapon_system": "Asset",
    "exercise": "Event",
}
_PREFIX = "belarus-briefing"
# ISO 3166 codes for the gazetteer's countries (followthemoney's ``country`` type).
_COUNTRY_CODES = {
    "Belarus": "by",
    "Russia": "ru",
    "Iran": "ir",
    "China": "cn",
    "Japan": "jp",
    "Taiwan": "tw",
    "Ukraine": "ua",
    "Poland": "pl",
    "Lithuania": "lt",
    "Latvia": "lv",
    "Kazakhstan": "kz",
    "Armenia": "am",
    "Kyrgyzstan": "kg",
    "Turkey": "tr",
    "United Arab Emirates": "ae",
    "India": "in",
    "North Korea": "kp",
    "South Korea": "kr",
    "Israel": "il",
    "Germany": "de",
    "France": "fr",
    "United Kingdom": "gb",
    "United States": "us",
    "Soviet Union": "suhh",
    "Georgia": "ge",
    "Azerbaijan": "az",
    "Uzbekistan": "uz",
    "Tajikistan": "tj",
    "Turkmenistan": "tm",
    "Moldova": "md",
    "Estonia": "ee",
    "Finland": "fi",
    "Serbia": "rs",
    "Hungary": "hu",
    "Cyprus": "cy",
    "Syria": "sy",
    "Venezuela": "ve",
    "Myanmar": "mm",
    "Hong Kong": "hk",
    "Canada": "ca",
    "Switzerland": "ch",
    "Netherlands": "nl",
    "Czech Republic": "cz",
    "Mongolia": "mn",
    "Norway": "no",
    "Australia": "au",
    "New Zealand": "nz",
    "Italy": "it",
    "Spain": "es",
    "Sweden": "se",
    "Denmark": "dk",
    "Belgium": "be",
    "Austria": "at",
    "Slovakia": "sk",
    "Romania": "ro",
    "Bulgaria": "bg",
    "Greece": "gr",
    "Singapore": "sg",
    "Malaysia": "my",
    "Thailand": "th",
    "Vietnam": "vn",
    "Saudi Arabia": "sa",
    "Egypt": "eg",
    "Pakistan": "pk",
    "Brazil": "br",
    "South Africa": "za",
}


class _Proxy:
    """The little of followthemoney's EntityProxy the export needs: an id, a schema and property values."""

    def __init__(self, schema: str, *key: str):
        self.schema = schema
        self.id = hashlib.sha1("\x1f".join((_PREFIX, schema, *key)).encode("utf-8")).hexdigest()
        self.properties: dict[str, list[str]] = {}

    def add(self, prop: str, value) -> None:
        value = str(value).strip() if value is not None else ""
        if value and value not in self.properties.setdefault(prop, []):
            self.properties[prop].append(value)

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "schema": self.schema,
            "properties": {k: sorted(v) for k, v in sorted(self.properties.items()) if v},
        }


def _read(path: Path) -> list[dict]:
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def export_network(tables_dir: Path, out_path: Path) -> int:
    """Write the network in ``tables_dir`` as followthemoney JSON lines to ``out_path``; return the entity count."""
    tables_dir, out_path = Path(tables_dir), Path(out_path)
    entities = _read(tables_dir / "entities.csv")
    # Only what the briefing may state: planned and denied relations stay in relations.csv, never as links.
    relations = [
        row for row in _read(tables_dir / "relations.csv") if row.get("modality", "asserted") in STATED_MODALITIES
    ]
    articles = _articles(_read(tables_dir / "documents.csv"))
    kinds = _kinds(entities, relations)
    nodes = _nodes(kinds, _mentioned_in(entities, relations), articles, relations)
    out: dict[str, dict] = {}
    for row in sorted(relations, key=lambda r: r["relation_id"]):
        link = _link(row, nodes, kinds, articles.get(row["doc"]))
        out[link.id] = link.to_dict()
    for proxy in (*articles.values(), *nodes.values()):
        out[proxy.id] = proxy.to_dict()
    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "w", encoding="utf-8", newline="\n") as handle:
        for key in sorted(out):
            handle.write(json.dumps(out[key], sort_keys=True, ensure_ascii=False) + "\n")
    return len(out)


def _country_code(name: str) -> str | None:
    return _COUNTRY_CODES.get(name) if name else None


def _articles(documents: list[dict]) -> dict[str, _Proxy]:
    """One Article per document, by its name."""
    articles = {}
    for doc in sorted(documents, key=lambda d: d["doc"]):
        article = _Proxy("Article", doc.get("sha256") or doc["doc"])
        article.add("title", doc["doc"])
        article.add("fileName", doc["doc"])
        if doc.get("sha256"):
            article.add("contentHash", doc["sha256"])  # SHA-256 of the decoded text, as the tables record it
        if doc.get("encoding"):
            article.add("encoding", doc["encoding"])
        articles[doc["doc"]] = article
    return articles


def _kinds(entities: list[dict], relations: list[dict]) -> dict[str, tuple[str, str]]:
    """(type, country) of each canonical entity named in a mention or a relation, typed by its mentions."""
    kinds: dict[str, tuple[str, str]] = {}
    for row in entities:
        if row.get("entity") and row.get("entity_type") in _SCHEMA_BY_TYPE:
            kinds.setdefault(row["entity"], (row["entity_type"], row.get("country") or ""))
    for row in relations:
        for name in (row["source"], row["target"]):
            kinds.setdefault(name, ("organisation", ""))
    return kinds


def _mentioned_in(entities: list[dict], relations: list[dict]) -> dict[str, set[str]]:
    mentioned_in: dict[str, set[str]] = {}
    for row in entities:
        if row.get("entity"):
            mentioned_in.setdefault(row["entity"], set()).add(row["doc"])
    for row in relations:
        for name in (row["source"], row["target"]):
            mentioned_in.setdefault(name, set()).add(row["doc"])
    return mentioned_in


def _nodes(kinds, mentioned_in, articles, relations) -> dict[str, _Proxy]:
    """One node per entity; a party not in the gazetteer is described as unreviewed."""
    unreviewed = {name for row in relations for name in (row.get("unreviewed") or "").split(";") if name}
    nodes = {}
    for name in sorted(kinds):
        entity_type, country = kinds[name]
        node = _Proxy(_SCHEMA_BY_TYPE[entity_type], name)
        node.add("name", name)
        code = _country_code(country or (name if entity_type == "country" else ""))
        if code:
            node.add("country", code)
        if entity_type == "weapon_system":
            node.add("description", "weapon system")
        if entity_type == "country":
            node.add("description", f"government of {name}")
        if name in unreviewed:  # named as the text writes it; not in data/gazetteer.csv, so not checked by anyone
            node.add("description", "unreviewed: not in the gazetteer")
        for doc in sorted(mentioned_in.get(name, ())):
            if doc in articles:
                node.add("proof", articles[doc].id)
        nodes[name] = node
    return nodes


def _link(row: dict, nodes: dict, kinds: dict, article) -> _Proxy:
    """A relation row as Ownership, Sanction or UnknownLink (with the relation as its role)."""
    source, target = nodes[row["source"]], nodes[row["target"]]
    relation = row["relation"]
    if relation == "owns" and target.schema == "Company" and source.schema not in ("Asset", "Event"):
        link = _Proxy("Ownership", row["relation_id"])
        link.add("owner", source.id)
        link.add("asset", target.id)
        if row.get("share"):
            link.add("percentage", row["share"])
        link.add("role", "owner")
    elif relation == "sanctions":
        link = _Proxy("Sanction", row["relation_id"])
        link.add("entity", target.id)
        link.add("authority", row["source"])
        code = _country_code(kinds.get(row["source"], ("", ""))[1])
        if code:
            link.add("country", code)
    else:
        link = _Proxy("UnknownLink", row["relation_id"])
        link.add("subject", source.id)
        link.add("object", target.id)
        link.add("role", relation)
    if row.get("item"):
        link.add("description", row["item"])
    link.add("summary", row["sentence"])
    link.add("recordId", row["relation_id"])
    if article is not None:
        link.add("proof", article.id)
    return link

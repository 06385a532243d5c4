"""Scores of the extraction against documents annotated by hand: relations, their modality, and parties.

A folder holds ``NN_name.txt`` documents with a ``NN_name.gold`` beside each (the format is described in
``tests/fixtures/relations/heldout/README.md``). Each document is extracted through the package's own pipeline
(:func:`briefing.extraction.extract.extract_document`), so the scores are what a user of ``python -m briefing extract`` gets.

Command line: ``python -m briefing.analysis.evaluation [FOLDER ...] [--details]`` (``make eval``).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The held-out set asks for full names; the regression set's README lets a short form of a name match.
DEFAULT_FOLDERS = (
    (ROOT / "tests" / "fixtures" / "relations" / "heldout", False),
    (ROOT / "tests" / "fixtures" / "relations" / "eval", True),
)

# Strongest first: a triple claimed several ways in one document takes the strongest of its claims.
MODALITIES = ("asserted", "hedged", "planned", "denied")
# Relations that have no direction: "trade between A and B" is the same relation either way round.
SYMMETRIC_RELATIONS = frozenset({"trades_with"})
PARTY_TYPES = ("country", "company", "organisation", "person", "place")
# Gazetteer types that name things, not parties: neither gold nor predicted parties.
NOT_PARTY_TYPES = frozenset({"weapon_system", "exercise"})
LEGAL_FORMS = re.compile(
    r"\b(?:co|company|ltd|limited|llc|llp|jsc|ojsc|cjsc|pjsc|inc|corp|corporation|fze|fzco|"
    r"gmbh|plc|sa|ag|uab|too|ooo)\b"
)


class GoldError(ValueError):
    """A gold file that cannot be read: the message names the file and line."""


@dataclass
class GoldRelation:
    items: list[str] = field(default_factory=list)
    share: str = ""
    modalities: list[str] = field(default_factory=list)

    @property
    def modality(self) -> str:
        return strongest(self.modalities)


@dataclass
class Gold:
    relations: dict[tuple[str, str, str], GoldRelation] = field(default_factory=dict)  # (source, target, relation)
    parties: dict[str, str] = field(default_factory=dict)  # name -> type
    candidates: list[str] = field(default_factory=list)
    fuzzy: list[tuple[str, str]] = field(default_factory=list)


def strongest(modalities) -> str:
    present = [m for m in MODALITIES if m in set(modalities)]
    return present[0] if present else "asserted"


def parse_gold(path: Path) -> Gold:
    """The relations, parties, candidates and fuzzy matches a gold file lists; ``#`` starts a comment line."""
    gold = Gold()
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        where = f"{path}:{number}"
        tag, _, rest = line.partition(":")
        tag = tag.strip()
        if tag == "party":
            name, _, kind = (part.strip() for part in rest.partition("|"))
            if kind not in PARTY_TYPES or not name:
                raise GoldError(
                    f"{where}: a party line is 'party: NAME | TYPE' with TYPE one of {', '.join(PARTY_TYPES)}"
                )
            gold.parties[name] = kind
        elif tag == "candidate":
            gold.candidates.append(rest.strip())
        elif tag == "fuzzy":
            surface, _, entity = (part.strip() for part in rest.partition("->"))
            gold.fuzzy.append((surface, entity))
        else:
            _add_relation(gold, line, where)
    return gold


def _add_relation(gold: Gold, line: str, where: str) -> None:
    parts = [part.strip() for part in line.split("|")]
    if len(parts) < 3 or len(parts) > 6 or not all(parts[:3]):
        raise GoldError(f"{where}: a relation line is 'source | relation | target | item | share | modality'")
    source, relation, target, item, share, modality = parts + [""] * (6 - len(parts))
    modality = modality or "asserted"
    if modality not in MODALITIES:
        raise GoldError(f"{where}: modality {modality!r} is not one of {', '.join(MODALITIES)}")
    entry = gold.relations.setdefault((source, target, relation), GoldRelation())
    if item:
        entry.items.append(item)
    if share:
        entry.share = share
    entry.modalities.append(modality)


def name_words(name: str) -> list[str]:
    """A name case-folded, without punctuation, a leading "the" and legal forms (Co., Ltd, LLC, JSC, FZE, ...)."""
    name = name.casefold().replace("’", "'")
    name = re.sub(r"^the\s+", "", name)
    return LEGAL_FORMS.sub(" ", re.sub(r"[^\w\s-]", " ", name)).split()


def same_name(gold: str, predicted: str, short_forms: bool = False) -> bool:
    """Equal once normalised; with ``short_forms``, also a short form made of words of the other name ("Ausay" for
    "Guangzhou Ausay Trading"), which the regression set allows and the held-out set does not (a fragment of a
    name is not the party)."""
    a, b = name_words(gold), name_words(predicted)
    if not a or not b:
        return False
    if a == b:
        return True
    if not short_forms:
        return False
    short, full = (a, b) if len(a) < len(b) else (b, a)
    return all(word in full for word in short)


def same_triple(gold: tuple, predicted: tuple, short_forms: bool = False) -> bool:
    """(source, target, relation) triples name the same relation; symmetric relations match either way round."""
    if gold[2] != predicted[2]:
        return False
    pairs = [(gold[0], gold[1])]
    if gold[2] in SYMMETRIC_RELATIONS:
        pairs.append((gold[1], gold[0]))
    return any(
        same_name(g_source, predicted[0], short_forms) and same_name(g_target, predicted[1], short_forms)
        for g_source, g_target in pairs
    )


def item_ok(gold_items: list[str], predicted: list[str]) -> bool:
    """The gold item's content words all appear in one predicted item (or the other way round)."""

    def content(text):
        return {
            w.rstrip("s")
            for w in re.findall(r"[\w-]+", text.casefold())
            if len(w) > 2 and w not in ("and", "the", "other", "for", "with")
        }

    for gold in gold_items:
        g = content(gold)
        for item in predicted:
            p = content(item)
            if p and (g <= p or p <= g and len(p) >= max(1, len(g) // 2)):
                return True
    return False


def predicted_parties(entity_rows: list[dict]) -> set[str]:
    """Distinct canonical names, and the surface names of candidate (unreviewed) mentions, of an entity table."""
    return {row.get("entity") or row["text"] for row in entity_rows if row.get("entity_type") not in NOT_PARTY_TYPES}


@dataclass
class Counts:
    true_pos: int = 0
    false_pos: int = 0
    false_neg: int = 0

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_pos + self.false_neg
        return self.true_pos / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocumentScore:
    name: str
    relations: dict[str, Counts] = field(default_factory=dict)  # per relation type
    parties: Counts = field(default_factory=Counts)
    modality_checks: int = 0
    modality_right: int = 0
    item_checks: int = 0
    item_right: int = 0
    lines: list[str] = field(default_factory=list)  # misses, false positives, wrong modalities, in text order

    def counts(self, relation: str) -> Counts:
        return self.relations.setdefault(relation, Counts())


def score_document(
    name: str, gold: Gold, relation_rows: list[dict], entity_rows: list[dict], short_forms: bool = False
) -> DocumentScore:
    """Relations matched on (source, target, relation); items, shares and modality scored over matched triples;
    parties matched on their normalised full names."""
    score = DocumentScore(name)
    predicted: dict[tuple, list[dict]] = {}
    for row in relation_rows:
        predicted.setdefault((row["source"], row["target"], row["relation"]), []).append(row)
    matched = set()
    for key, entry in gold.relations.items():
        hit = next((p for p in predicted if same_triple(key, p, short_forms)), None)
        if hit is None:
            score.counts(key[2]).false_neg += 1
            score.lines.append(f"MISS  {_triple(key)} [{entry.modality}]")
            continue
        score.counts(key[2]).true_pos += 1
        matched.add(hit)
        _check_details(score, key, entry, predicted[hit])
    for key, rows in predicted.items():
        if key in matched or any(same_triple(g, key, short_forms) for g in gold.relations):
            continue
        score.counts(key[2]).false_pos += 1
        score.lines.append(
            f"FALSE {_triple(key)} ({rows[0].get('trigger', '')!r} in {rows[0].get('sentence', '')[:100]!r})"
        )
    _score_parties(score, gold, entity_rows)
    return score


def _triple(key: tuple) -> str:
    return f"{key[0]} -[{key[2]}]-> {key[1]}"


def _check_details(score: DocumentScore, key: tuple, entry: GoldRelation, rows: list[dict]) -> None:
    got = strongest(row.get("modality") or "asserted" for row in rows)
    score.modality_checks += 1
    if got == entry.modality:
        score.modality_right += 1
    else:
        score.lines.append(f"MODAL {_triple(key)}: gold {entry.modality}, got {got}")
    if entry.items:
        score.item_checks += 1
        items = [row.get("item", "") for row in rows]
        if item_ok(entry.items, items):
            score.item_right += 1
        else:
            score.lines.append(f"ITEM  {_triple(key)}: gold {entry.items}, got {items}")
    if entry.share:
        score.item_checks += 1
        shares = sorted({str(row.get("share", "")) for row in rows})
        if entry.share in shares:
            score.item_right += 1
        else:
            score.lines.append(f"SHARE {_triple(key)}: gold {entry.share}, got {shares}")


def _score_parties(score: DocumentScore, gold: Gold, entity_rows: list[dict]) -> None:
    if not gold.parties:  # a gold file without party lines does not score parties
        return
    wanted = {tuple(name_words(name)): name for name in gold.parties}
    found = {tuple(name_words(name)): name for name in predicted_parties(entity_rows)}
    found.pop((), None)
    for words, name in wanted.items():
        if words in found:
            score.parties.true_pos += 1
        else:
            score.parties.false_neg += 1
            score.lines.append(f"MISS  party {name} ({gold.parties[name]})")
    for words, name in sorted(found.items(), key=lambda pair: pair[1]):
        if words not in wanted:
            score.parties.false_pos += 1
            score.lines.append(f"FALSE party {name}")


@dataclass
class FolderScore:
    folder: Path
    documents: list[DocumentScore]
    stated: Counts = field(default_factory=Counts)  # overall, over what the briefing states (see stated_only)

    def relation_counts(self) -> dict[str, Counts]:
        total: dict[str, Counts] = {}
        for document in self.documents:
            for relation, counts in document.relations.items():
                into = total.setdefault(relation, Counts())
                into.true_pos += counts.true_pos
                into.false_pos += counts.false_pos
                into.false_neg += counts.false_neg
        return dict(sorted(total.items()))

    def overall(self) -> Counts:
        return _sum(self.relation_counts().values())

    def parties(self) -> Counts:
        return _sum(document.parties for document in self.documents)

    def modality_accuracy(self) -> float | None:
        checks = sum(d.modality_checks for d in self.documents)
        return sum(d.modality_right for d in self.documents) / checks if checks else None

    def item_accuracy(self) -> float | None:
        checks = sum(d.item_checks for d in self.documents)
        return sum(d.item_right for d in self.documents) / checks if checks else None


def _sum(counts) -> Counts:
    total = Counts()
    for c in counts:
        total.true_pos += c.true_pos
        total.false_pos += c.false_pos
        total.false_neg += c.false_neg
    return total


def gold_documents(folder: Path) -> list[Path]:
    """The documents of a folder that have a gold file beside them."""
    if not folder.is_dir():
        raise GoldError(f"{folder}: no such folder")
    paths = [path for path in sorted(folder.glob("*.txt")) if path.with_suffix(".gold").is_file()]
    if not paths:
        raise GoldError(f"{folder}: no NAME.txt with a NAME.gold beside it")
    return paths


def evaluate_folder(folder: Path, gazetteer=None, short_forms: bool = False) -> FolderScore:
    """Extract every annotated document of ``folder`` and score it against its gold file."""
    from ..extraction.entities import load_gazetteer
    from ..extraction.extract import extract_document
    from ..reading.documents import read_document

    gazetteer = gazetteer or load_gazetteer()
    scores, stated = [], []
    for path in gold_documents(folder):
        gold = parse_gold(path.with_suffix(".gold"))
        document = read_document(path)
        tables = extract_document(document, gazetteer, tables=("entities", "relations")) if document else {}
        relations, entities = tables.get("relations", []), tables.get("entities", [])
        scores.append(score_document(path.name, gold, relations, entities, short_forms))
        stated.append(score_document(path.name, *stated_only(gold, relations), entities, short_forms))
    return FolderScore(folder, scores, _sum(_sum(d.relations.values()) for d in stated))


def stated_only(gold: Gold, relation_rows: list[dict]) -> tuple[Gold, list[dict]]:
    """The gold and predicted relations the briefing states as findings: asserted and hedged ones (planned and
    denied ones are kept in the tables, never stated)."""
    from ..extraction.relation_rules import STATED_MODALITIES

    kept = {key: entry for key, entry in gold.relations.items() if entry.modality in STATED_MODALITIES}
    rows = [row for row in relation_rows if (row.get("modality") or "asserted") in STATED_MODALITIES]
    return Gold(kept, gold.parties, gold.candidates, gold.fuzzy), rows


def format_score(score: FolderScore, details: bool = False) -> str:
    """A table of precision, recall and F1 per relation type and overall, then modality, items and parties."""

    def row(label, c: Counts):
        return (
            f"  {label:<18} {c.precision:>9.3f} {c.recall:>7.3f} {c.f1:>6.3f} "
            f"{c.true_pos:>5} {c.false_pos:>5} {c.false_neg:>5}"
        )

    def rate(value):
        return "n/a" if value is None else f"{value:.3f}"

    lines = [
        f"{score.folder} ({len(score.documents)} documents)",
        f"  {'relation':<18} {'precision':>9} {'recall':>7} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}",
    ]
    lines += [row(relation, counts) for relation, counts in score.relation_counts().items()]
    lines.append(row("overall", score.overall()))
    lines.append(row("stated (briefing)", score.stated))
    lines.append(f"  modality accuracy over matched relations: {rate(score.modality_accuracy())}")
    lines.append(f"  item and share accuracy over matched relations: {rate(score.item_accuracy())}")
    parties = score.parties()
    if parties.true_pos + parties.false_neg:
        lines.append(
            f"  parties: precision {parties.precision:.3f} recall {parties.recall:.3f} "
            f"(TP {parties.true_pos}, FP {parties.false_pos}, FN {parties.false_neg})"
        )
    else:
        lines.append("  parties: not annotated in this folder")
    if details:
        for document in score.documents:
            if document.lines:
                lines.append(f"\n  {document.name}")
                lines += [f"    {line}" for line in document.lines]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing.analysis.evaluation", description=__doc__.splitlines()[0])
    parser.add_argument(
        "folders",
        nargs="*",
        type=Path,
        help="folders of NAME.txt + NAME.gold "
        "(default: the held-out set and the regression set under tests/fixtures/relations)",
    )
    parser.add_argument("--details", action="store_true", help="list the misses and false positives per document")
    parser.add_argument(
        "--short-forms",
        action="store_true",
        help="let a name made of words of the gold name match it in relations (the regression set's "
        "rule, used for it by default)",
    )
    args = parser.parse_args(argv)
    try:
        folders = [(folder, args.short_forms) for folder in args.folders] or DEFAULT_FOLDERS
        for number, (folder, short_forms) in enumerate(folders):
            print(
                ("\n" if number else "") + format_score(evaluate_folder(folder, short_forms=short_forms), args.details)
            )
    except (GoldError, OSError, UnicodeDecodeError) as error:
        if os.environ.get("VERBOSE"):
            raise
        print(f"briefing: error: {str(error).splitlines()[0]}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

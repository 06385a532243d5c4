"""Typed, directed relations between gazetteer entities, read sentence by sentence with general rules.

Relation types (``source`` -> ``target``):

* ``supplies``: the source gives the target weapons, ammunition, components, goods, services or logistics;
  ``item`` says what, when the text does. From verbs (supply, provide, deliver, export, ship, transfer, sell,
  send, channel, transport, offer, make their way), agent nouns (supplier, provider, exporter, manufacturer of),
  event nouns (exports, supplies, deliveries of), receiving verbs read backwards (receive, order, buy, import,
  acquire: "Russia ordered drones from Iran" is Iran -> Russia), "ITEM from X", "made in X" and dependence
  "X's reliance on Y for ITEM" (Y -> X). A chain "from A through/via B to C" gives A -> B and B -> C.
* ``intermediary_for``: the source acts for the target (intermediary, middleman, liaison, front company, via).
* ``owns``: the source owns the target, ``share`` in percent when stated ("49% state-owned Belarusian Peleng").
* ``trades_with``: trade between the two (first named -> second).
* ``sanctions``: the source sanctions or designates the target.
* ``depends_on``: the source relies on the target ("Russia's dependence on Belarus").
* ``hosts``: the source hosts the target's troops or forces.
* ``produces_in``: the source (a country or firm) manufactures in the target country ("weapons industry outposts").

Bullet lists after a header sentence that ends with a colon ("exports from Belarus to Russia include:") give one
relation per bullet, each with the bullet as its item. Each relation carries the nearest figure of a fitting kind
in its sentence (the tonnage of a shipment, a share of ownership, a multiple of trade).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import chain, compress
from operator import itemgetter
from pathlib import Path

from ..reading.text import (
    MEMO_LIMIT,
    Sentence,
    ascii_case_only,
    first_char_alternation,
    fold_case,
    word_start_alternation,
)
from ..schema import RELATION_COLUMNS
from . import relation_rules as rules

ACTOR_TYPES = frozenset(("country", "company", "organisation", "person", "candidate"))
# A candidate (a name not in the gazetteer) that reads as a firm or body: it may be a party anywhere. Other candidates
# (places such as "Orsha", "Caspian Sea"; people) are parties only outside place prepositions.
_GROUP_TYPES = ACTOR_TYPES | {"weapon_system"}
_ORG_WORDS = re.compile(
    r"\b(?:industr(?:y|ies)|electronics|systems|logistics|trading|trade|holdings?|group|invest(?:ments?)?|bank|"
    r"corporation|corp|company|co|llc|ltd|limited|jsc|ojsc|cjsc|pjsc|fze|fzco|fz-llc|gmbh|inc|plc|supply|supplies|aero|"
    r"aviation|technolog(?:y|ies)|tech|plant|works|factory|enterprises?|concern|bureau|services?|export|import|"
    r"engineering|machinery|capital|partners|shipping|freight|cargo|solutions|instruments?|components|materials|"
    r"motors|electric|microelectronics|semiconductors?|optics|arms|armaments?|munitions|ventures|resources)\b",
    re.I,
)
_LEGAL_SUFFIX = re.compile(r"(?:[\s,]+(?:co|ltd|limited|llc|jsc|ojsc|cjsc|pjsc|fze|fzco|gmbh|inc|corp|plc)\.?)+$", re.I)
_PLACE_PREPS = frozenset(
    (
        "in",
        "at",
        "via",
        "through",
        "from",
        "to",
        "between",
        "among",
        "over",
        "like",
        "than",
        "as",
        "about",
        "targeting",
        "against",
    )
)
# "the company", "the plant", "the Belarusian optics maker": a definite description of a firm named before.
_COREF_HEADS = (
    "company",
    "firm",
    "plant",
    "factory",
    "enterprise",
    "manufacturer",
    "maker",
    "producer",
    "exporter",
    "supplier",
    "distributor",
    "holding",
    "concern",
    "corporation",
    "conglomerate",
    "works",
    "dealer",
    "trader",
    "reseller",
)
_COREF = re.compile(
    # \b(?:[Tt]he|[Tt]his|[Tt]hat), led by its first letter (the "\b" after it) so that the scan skips to a "T" or "t"
    r"(?:T(?<!\wT)|t(?<!\wt))h(?:e|is|at)\s+(?:(?P<demonym>[A-Z][a-z]+)\s+)?(?:(?:[a-z][\w-]*)\s+){0,2}?"
    rf"(?P<head>{'|'.join(_COREF_HEADS)})\b(?![’']s\s+(?:[a-z]+\s+)?(?:register|records|website))"
    r"(?!\s+of\b)"
)  # "the exclusive supplier of fire-control systems" is an agent noun, not a reference
# What every match of _COREF holds: a head noun after a space. A sentence without one (most) is not scanned for the
# description, which is slow to reject at each "the".
_COREF_HEAD = re.compile(r"\s" + first_char_alternation([(head[0], head[1:]) for head in _COREF_HEADS]) + r"\b")
_PERSON_NOUNS = re.compile(
    r"\s+(?:citizens?|nationals?|businessm[ae]n|businesswom[ae]n|oligarchs?|residents?|"
    r"individuals?|entrepreneurs?|investors?|owners?|shareholders?|expatriates?)\b"
)
_TOKEN = re.compile(r"[\w’'×./-]+|[,;:()—–\"“”]")
_PREPOSITIONS = {
    "from": "from",
    "out": "from",
    "to": "to",
    "into": "to",
    "towards": "to",
    "for": "for",
    "by": "by",
    "via": "via",
    "through": "through",
    "with": "with",
    "on": "on",
    "in": "in",
    "at": "at",
    "against": "against",
    "between": "between",
    "among": "among",
    "onto": "to",
    "like": "like",
    "targeting": "targeting",
    "target": "targeting",
    "targets": "targeting",
    "about": "about",
    "over": "over",
    "within": "in",
    "inside": "in",
    "across": "in",
    "than": "than",
    "as": "as",
}
_PRONOUN_SUBJECT = re.compile(
    r"(?:^|[,;:]\s*|\b(?:and|but)\s+)(?:it|they|which|who|this|these)\s+"
    r"(?:[a-z]+,?\s+){0,3}$",
    re.I,
)  # (", however," may stand between: "It has, however, sold")
# The forms of supply verbs that are also nouns ("exports of", "supplies into Russia").
_SUPPLY_NOUN_FORMS = frozenset(
    "supply supplies export exports re-export re-exports reexport reexports transfer transfers "
    "offer offers flow flows channel channels transport transports shipping".split()
)
_DETERMINERS = frozenset("the a an its their his her our this that these those any of and reliable such".split())

# What flows: head nouns of supplied items, with the words that may modify them.
_ITEM_HEADS = frozenset(
    """
ammunition munitions munition shells shell missiles missile rockets rocket drones drone uavs uav weapons weapon arms
components component parts part equipment hardware vehicles vehicle platforms platform trucks truck tanks tank
chassis goods fortifications materials material explosives electronics optics sensors sensor motors motor engines
engine systems system complexes complex support training services service logistics fuel oil gas chips microchips
microelectronics semiconductors machinery machines tools technology technologies supplies aircraft helicopters
helicopter rifles artillery launchers launcher radars radar uniforms steel fertilisers fertilizers potash grain food
warheads warhead ammo bombs bomb mines cartridges gunpowder cameras camera sights lenses bearings valves
microcircuits circuits processors transistors batteries satellites navigation communications jets fighters trainers
bombers interceptors howitzers mortars grenades rounds projectiles items modules microcontrollers designs photomasks
wafers lorries locomotives wagons rifles guns assemblies spares cargo axles gearboxes transmissions tyres tires wheels
imagers detectors devices kits boards lathes weaponry interceptors displays screens panels loans credits
""".split()
)
_ITEM_STOP = frozenset(
    """
the a an of to from for with and or in on at by as its their his her our this that these those which who whom what
more than some most much many few several any all both such other another is are was were be been being has have
had will would could can may might must shall should do does did include includes including included also only
just even still new latest recent major minor large small regular regularly it they there here no not into through
via about over under between among per each every one two three four five six seven eight nine ten hundred
thousand million billion tons tonnes tonne ton units unit pieces piece worth value types type kinds kind lines line
well while where when whose whether if made make makes making way ways level levels number numbers amount amounts
out up down off away
""".split()
)
_ITEM_ADJ_ED = frozenset(
    "unmanned armoured armored guided advanced specialised specialized restricted unfinished "
    "finished sanctioned used tracked wheeled refined enriched integrated automated training "
    "imaging loitering tracking targeting jamming firing cutting processing".split()
)
_COORDINATOR = re.compile(r"^\s*(?:,\s*(?:and|or|as well as|plus)?|and|or|&|as well as|plus|/)\s*(?:the\s+)?$", re.I)


def _coordinates(gap: str) -> bool:
    """Whether a gap between two names or items joins them: "and", "or", a comma."""
    return _COORDINATOR.match(gap) is not None


# Verbs, never an item's modifier nor a word within a name's description: the supply, receiving and making verbs of
# the trigger table (but for phrases such as "made its way"), and a few more.
_VERBS = frozenset(
    anchor
    for row in rules.TRIGGERS
    if row[0] in ("supply_verb", "receive", "make_for") and not row[3]
    for anchor in rules.anchors(row)
    # (a making verb's plain form is often a noun: "repair services", "upgrade kits")
    if row[0] != "make_for" or anchor.endswith(("s", "ed", "ing"))
) | frozenset(rules.OTHER_VERBS.split())


def _verbish(word: str) -> bool:
    return word.lower() in _VERBS


_BULLET = re.compile(r"^\s*(?:[-•*–—▪●◦·]+|\d+[.)]|[a-z][.)])\s*")
_SUPPLY_KINDS = ("quantity", "count", "money")
_FIGURE_KINDS = {
    "supplies": _SUPPLY_KINDS,
    "trades_with": ("multiplier", "money", "percent", "quantity"),
    "owns": ("percent",),
    "produces_in": ("count", "quantity"),
    "sanctions": (),
    "depends_on": (),
    "intermediary_for": (),
    "hosts": ("count",),
}


@dataclass(slots=True)
class Mention:
    start: int  # offsets into the sentence
    end: int
    entity: str
    type: str
    country: str
    surface: str
    demonym: bool = False
    role: str = "actor"  # actor, modifier (a nationality before a firm or person), location ("Belarusian soil")
    modifies: "Mention | None" = None
    org: bool = True  # False for a candidate that does not read as a firm or body
    joined: str = ""  # how the mention joins the previous member of its group: "," "and" "-"


class Group:
    """Names that act together ("Belarus and Russia"), the preposition before them, and whether they own what follows.
    ``start`` and ``end`` are its members' span, kept as attributes: the rules read them all the time."""

    __slots__ = ("members", "prep", "possessive", "start", "end")

    def __init__(self, members: list[Mention]):
        self.members = members
        self.prep = ""
        self.possessive = False
        self.start, self.end = members[0].start, members[-1].end

    def entities(self) -> list[str]:
        seen: list[str] = []
        for member in self.members:
            if member.entity not in seen:
                seen.append(member.entity)
        return seen


@dataclass(slots=True)
class Found:
    relation: str
    sources: list[str]
    targets: list[str]
    trigger: tuple[int, int]
    item: tuple[int, int] | None = None
    item_text: str = ""
    share: str = ""
    extra: dict = field(default_factory=dict)


class _Context:
    """What the document is about, for sentences whose actor is a pronoun or left unsaid."""

    def __init__(self, mentions: list[dict]):
        counts = Counter([m["entity"] for m in mentions if m["entity_type"] == "country"])
        self.ranked = [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        self.authority: list[str] = []  # the last sanctioning authority named: "we designated", "Treasury"
        self.companies: list[tuple[str, str]] = []  # firms named so far, for "the company", "the plant"
        self.pair: list[str] = []  # the two countries of the last relation between two countries: "bilateral trade"
        self.previous_subjects: list[str] = []  # the first party the sentence before named: "It has sold"
        self.subjects: list[str] = []  # likewise for the sentence at hand

    def other_than(self, names: list[str]) -> str | None:
        for name in self.ranked:
            if name not in names:
                return name
        return None


def _stem(name: str) -> str:
    return Path(name).stem


class _WordProperty(dict):
    """word -> a property of it, worked out once per word (and forgotten all at once when there are many words)."""

    def __init__(self, find):
        super().__init__()
        self.find = find

    def __missing__(self, word: str) -> bool:
        if len(self) >= MEMO_LIMIT:
            self.clear()
        value = self[word] = self.find(word)
        return value


# The tokens of a text are those of its whitespace-separated words, in order (no token holds whitespace, and a word
# starts and ends one): the helpers below read a window's tokens word by word, each word's tokens worked out once for
# the word, instead of running _TOKEN over the window (a regex match costs more than a word's look-up).
# A word's tokens in lower case, last first.
_LOWER_TOKENS_BACKWARDS = _WordProperty(lambda word: tuple(token.lower() for token in reversed(_TOKEN.findall(word))))


def _tokens_before(text: str, end: int) -> list[str]:
    """The last three tokens (in lower case) of the 80 characters before ``end``."""
    last: list[str] = []  # last first
    for word in reversed(text[max(0, end - 80) : end].split()):
        last += _LOWER_TOKENS_BACKWARDS[word]
        if len(last) >= 3:
            break
    return last[2::-1]


# What a token before a name (in lower case) tells of the name's preposition: a mark ends the search with none (""),
# "of" and "like" are passed over (_PASSED_OVER), a preposition is found. Any other word is not in it.
_PASSED_OVER = object()
_BEFORE_NAME = _PREPOSITIONS | {"of": _PASSED_OVER, "like": _PASSED_OVER} | dict.fromkeys(',;:()—–"“”', "")
_SKIPPED = object()  # a word the search passes over, but for a name or a number


def _told_before_name(word: str) -> tuple:
    """What each token of a word tells of the preposition of a name after it (see _preposition), last token first."""
    told = []
    for token in reversed(_TOKEN.findall(word)):
        found = _BEFORE_NAME.get(token.lower())
        if found is None:  # a word; a name or a number ends the search: "in October the UK"
            found = "" if token[0].isupper() or token[0].isdigit() else _SKIPPED
        told.append(found)
    return tuple(told)


_TOLD_BEFORE_NAME = _WordProperty(_told_before_name)


def _preposition(text: str, start: int, floor: int) -> str:
    """The preposition governing a name at ``start``: "to Russian frontlines", "for major lines of Russian tanks"."""
    skipped = 0
    for word in reversed(text[max(floor, start - 70) : start].split()):
        for told in _TOLD_BEFORE_NAME[word]:
            if told is _SKIPPED:
                skipped += 1
                if skipped > 4:
                    return ""
            elif told is _PASSED_OVER:
                skipped += 1
            else:
                return told  # a preposition, or "" after a mark, a name or a number
    return ""


_APPOSITIVE_AFTER_NOUN_END = re.compile(
    r"\b(to|for|from|by|via|through|with)\s+(?:a|an|the)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:" + "|".join(_COREF_HEADS) + r"|buyer|customer|"
    r"importer|partner|intermediary|middleman|front|client),\s*$"
)


def _appositive_preposition(text: str, group: "Group") -> str:
    """ "sold trucks to a Moscow dealer, Avtotrade Group": a name after a firm's description takes its preposition."""
    found = _APPOSITIVE_AFTER_NOUN_END.search(text, max(0, group.start - 80), group.start)
    return _PREPOSITIONS[found.group(1)] if found else ""


_POSSESSIVE_END = re.compile(r"[’']s$")


def candidate_name(surface: str) -> str:
    """The name a candidate goes by in relations: its surface without legal suffixes ("Falcon Aero Supply FZE")."""
    name = " ".join(surface.split()).strip(" ,.;:'’")
    name = _POSSESSIVE_END.sub("", name)
    return _LEGAL_SUFFIX.sub("", name) or name


_NAME_CACHE: dict = {}


def _candidate_name(surface: str) -> str:
    try:
        return _NAME_CACHE[surface]
    except KeyError:
        if len(_NAME_CACHE) >= MEMO_LIMIT:
            _NAME_CACHE.clear()
        name = _NAME_CACHE[surface] = candidate_name(surface)
        return name


_KIND_CACHE: dict = {}


_TWO_LOWERCASE_LETTERS = re.compile(r"[a-z]{2}")
_DIGIT = re.compile(r"\d")


def _candidate_kind(name: str) -> tuple[bool, bool] | None:
    """(reads as a firm or body, has a digit) for a candidate's name; None for a name too short or only a suffix."""
    try:
        return _KIND_CACHE[name]
    except KeyError:
        pass
    if (
        len(name) < 3
        or not _TWO_LOWERCASE_LETTERS.search(name)
        and len(name) < 4
        or not _LEGAL_SUFFIX.sub("", " " + name).strip()
    ):
        kind = None
    else:
        kind = bool(_ORG_WORDS.search(name)), bool(_DIGIT.search(name))
    if len(_KIND_CACHE) >= MEMO_LIMIT:
        _KIND_CACHE.clear()
    _KIND_CACHE[name] = kind
    return kind


_HYPHEN_BASED = re.compile(r"-(?:based|registered|headquartered|incorporated)\b")
_HYPHEN_MADE = re.compile(r"-(?:made|built|produced|manufactured|designed|origin|sourced)\b")
_HYPHEN_LINKED = re.compile(r"-(?:related|linked|backed|affiliated|aligned|friendly|sponsored|funded)\b")
_TERRITORY_AFTER = re.compile(
    r"\s+(?:[a-z][\w–-]*\s+)?(?:territory|territories|soil|airspace|borders?|frontier|"
    r"land|skies|waters)\b"
)
_ERA_AFTER = re.compile(r"\s+(?:times|era|period|days|years|past|rule|legacy)\b")
_POSSESSIVE_GAP = re.compile(r"[’']s?\s+")
_DEMONYM_MODIFIER_GAP = re.compile(r"\s+(?:[a-z][\w–-]*\s+){0,3}")


_FIRM_HEAD_AFTER = re.compile(r"\s+(?:holding|group|concern|plant|factory|company|corporation|conglomerate)\b")
_FIRM_NOUN_END = re.compile(r"\b(?:" + "|".join(_COREF_HEADS) + r"|subsidiary|affiliate|distributor)\s+$")


# What a name followed by these words is (a name after them is read as usual): (only for a nationality, pattern, role).
_ROLES_BY_WORDS_AFTER = (
    (False, _HYPHEN_BASED, "location"),  # "Minsk-based"
    (False, _HYPHEN_MADE, "maker"),  # "Chinese-made drone parts"
    (False, _HYPHEN_LINKED, "modifier"),  # "Russia-related targets", "Iran-backed groups": not the state itself
    (True, _ERA_AFTER, "modifier"),  # "since the Soviet times": a time, not a place or a party
    (True, _TERRITORY_AFTER, "location"),  # "Belarusian territory"
    (True, _PERSON_NOUNS, "modifier"),  # "a Russian citizen" is not the Russian state
)


_FIRM_NOUN_AFTER = re.compile(
    r"\s+(?:[a-z][\w-]*\s+){0,2}(?:"
    + "|".join(_COREF_HEADS)
    + r"|venture|bank|buyer|importer|intermediary|middleman|broker|office|branch|house)\b"
)
_NAME_AFTER = re.compile(r",?\s+[A-Z0-9]")
_APPOSITIVE_ARTICLE_END = re.compile(r"\w,\s*(?:a|an|the)\s+$")


def _role_by_words_after(text: str, mention: Mention) -> str | None:
    """The role _ROLES_BY_WORDS_AFTER gives a name, if any. Its patterns start with "-" or with a space (those only
    for a nationality): the character after the name rules out most of them."""
    char = text[mention.end : mention.end + 1]
    if mention.type == "country" and not mention.demonym and char.isspace():
        firm = _FIRM_NOUN_AFTER.match(text, mention.end)
        # "a Moscow dealer, Avtotrade Group", "Integral, a Minsk microelectronics maker,": the firm named, not the state
        if firm and (_NAME_AFTER.match(text, firm.end()) or _APPOSITIVE_ARTICLE_END.search(text, 0, mention.start)):
            return "modifier"
    if char != "-" and not (mention.demonym and char.isspace()):
        return None
    for demonym_only, pattern, role in _ROLES_BY_WORDS_AFTER:
        if (mention.demonym or not demonym_only) and pattern.match(text, mention.end):
            return role
    return None


def _mentions(sentence: Sentence, rows: list[dict], gazetteer, coref=None, aliases=None) -> list[Mention]:
    """The names of a sentence (offsets in it) with their roles: actors, and names that only describe another name,
    a place or a product; ``coref``: the firms named before, for "the company"."""
    text = sentence.text
    mentions = [m for m in (_mention_of(row, sentence, gazetteer, aliases or {}) for row in rows) if m is not None]
    if coref is not None:
        mentions = _add_coreferents(text, mentions, coref, gazetteer)
    for index, mention in enumerate(mentions):
        role = _role_by_words_after(text, mention)
        if role is not None:
            mention.role = role
        elif index + 1 < len(mentions) and _describes(text, mention, mentions[index + 1], gazetteer):
            mention.role = "modifier"
            mention.modifies = mentions[index + 1]
    return mentions


_DATELINE_CLOSE = re.compile(r"\)\s*[-–—]\s")
_ANCHOR_WORDS = frozenset(anchor for row in rules.TRIGGERS for anchor in rules.anchors(row) if " " not in anchor)


def _mention_of(row: dict, sentence: Sentence, gazetteer, aliases: dict[str, str]) -> Mention | None:
    """An entity row as a Mention in its sentence: a gazetteer name, or a candidate under its full name (or the full
    name its short form stands for); None for a row outside the sentence or a candidate that names nothing."""
    text, offset = sentence.text, sentence.start
    if not (offset <= row["start"] and row["end"] <= sentence.end):
        return None
    start, end = row["start"] - offset, row["end"] - offset
    surface = text[start:end]
    if row["entity"]:
        demonym = bool(gazetteer and gazetteer.is_demonym(surface)) or (
            row["entity_type"] == "country" and row["match"] == "alias" and surface.endswith(("ian", "ese", "ish"))
        )
        return Mention(start, end, row["entity"], row["entity_type"], row["country"], surface, demonym)
    if row.get("match") != "candidate":
        return None
    if text[end : end + 1] == ":" and not text[:start].strip(" *-•\t"):
        return None  # "* Direction: ...": a label opening a line, not a party
    if text[start - 1 : start] == "(" and _DATELINE_CLOSE.match(text, end):
        return None  # "ALMATY, March 3 (Wire) - ...": the agency of a dateline
    if surface.lower() in _ANCHOR_WORDS:
        return None  # "- Exports of German machine tools": a trigger word written with a capital, not a name
    short = _candidate_name(surface)
    name = aliases.get(short, short)
    kind = _candidate_kind(name)
    if kind is None:
        return None  # "Limited" on its own
    org, product = kind
    # "the Russian truck plant KAMAZ", "the Radar holding"
    org = org or bool(_FIRM_NOUN_END.search(text, 0, start)) or bool(_FIRM_HEAD_AFTER.match(text, end))
    # "Su-30SM", "KN-23", "Tor missile systems": a model, not a party
    role = "product" if not org and (product or _ITEM_HEAD_AFTER.match(text, end)) else "actor"
    return Mention(start, end, name, "candidate", "", surface, role=role, org=org)


def _describes(text: str, mention: Mention, nxt: Mention, gazetteer) -> bool:
    """Whether a name only describes the next one: "Kyrgyzstan's Keremet Bank", "Belarusian optics maker Peleng"; not
    "Kazakh firms re-exported European machine tools", where a verb stands between and the next is a nationality."""
    gap = text[mention.end : nxt.start]
    if (
        mention.type == "country"
        and not mention.demonym
        and nxt.type in ("company", "person", "organisation", "candidate")
        and _POSSESSIVE_GAP.fullmatch(gap)
    ):
        return True
    nationality = (
        mention.demonym or mention.type == "country" and gazetteer and gazetteer.is_demonym(mention.surface.split()[0])
    )
    return bool(
        (nxt.type in ("company", "person", "organisation") or nxt.type == "candidate" and nxt.org)
        and nationality
        and not nxt.demonym
        and _DEMONYM_MODIFIER_GAP.fullmatch(gap)
        and not any(_verbish(word) or word in _PREPOSITIONS for word in gap.split())
    )


def _firms_named(sentence: Sentence, rows: list[dict], aliases: dict[str, str]) -> list[tuple[str, str]]:
    """(entity, country) of the firms _mentions finds in a sentence (without coreferents): its companies, and its
    candidates that read as firms or bodies."""
    firms = []
    text, offset, stop = sentence.text, sentence.start, sentence.end
    for row in rows:
        row_start, row_end = row["start"], row["end"]
        if not (offset <= row_start and row_end <= stop):
            continue
        if row["entity"]:
            if row["entity_type"] == "company":
                firms.append((row["entity"], row["country"]))
        elif row.get("match") == "candidate":
            short = _candidate_name(text[row_start - offset : row_end - offset])
            name = aliases.get(short, short)
            kind = _candidate_kind(name)
            if kind is not None and kind[0]:
                firms.append((name, ""))
    return firms


_NAME_OR_NUMBER_AFTER = re.compile(r"\s+(?:[A-Z]|\d)")
_COMMA_END = re.compile(r",\s*$")
_APPOSITIVE_COMMA = re.compile(r",\s*")


def _add_coreferents(text: str, mentions: list[Mention], coref: list[tuple[str, str]], gazetteer) -> list[Mention]:
    """ "the company", "the plant", "the Belarusian optics maker": the last firm named before (of that country)."""
    if not _COREF_HEAD.search(text):
        return mentions
    added = []
    for match in _COREF.finditer(text):
        start, end = match.start(), match.end()
        if any(m.start < end and start < m.end and not m.demonym for m in mentions):
            continue  # "the Alabuga plant" is a name
        if (
            _NAME_OR_NUMBER_AFTER.match(text[end:])
            or _COMMA_END.search(text[:start])
            and any(_APPOSITIVE_COMMA.fullmatch(text[m.end : start]) for m in mentions)
        ):
            continue  # "the company BelOMO", "Uralvagonzavod, the tank maker,": the name is right there
        demonym = match.group("demonym")
        country = gazetteer.resolve(demonym) if demonym and gazetteer else None
        if demonym and not (country and gazetteer.is_demonym(demonym)):
            continue
        before = [
            (m.entity, m.country)
            for m in mentions
            if m.end <= start and (m.type == "company" or m.type == "candidate" and m.org)
        ]
        pool = list(coref) + before
        target = next(((name, c) for name, c in reversed(pool) if not country or c == country), None)
        if target is None:
            continue
        added.append(Mention(start, end, target[0], "company", target[1], text[start:end]))
    if not added:
        return mentions
    kept = [m for m in mentions if not any(a.start <= m.start and m.end <= a.end for a in added)]
    return sorted(kept + added, key=lambda m: (m.start, m.end))


_COMMA_JOIN = re.compile(r"\s*,\s*")
_APOSTROPHES = ("’", "'")
_FIRMS_REGISTERED_IN_END = re.compile(
    r"\b(?:firms?|compan(?:y|ies)|entities|traders?|exporters?|suppliers?|"
    r"businesses|intermediaries)\s+(?:registered|based|located|incorporated)\s+"
    r"in\s+(?:the\s+)?$"
)


def _firms_registered_in_end(text: str) -> bool:
    """Whether a text ends with "firms registered in": the country of the firms acts, not a place."""
    return _FIRMS_REGISTERED_IN_END.search(text) is not None


def _groups(sentence: Sentence, mentions: list[Mention]) -> list[Group]:
    text = sentence.text
    runs: list[list[Mention]] = []  # names joined by "and", "or", commas or a dash
    for mention in mentions:
        if mention.role != "actor" or mention.type not in _GROUP_TYPES:
            continue
        if runs:
            gap = text[runs[-1][-1].end : mention.start]
            # (the same name twice is never a list: "fuel to Belarus, and Belarus has never sold")
            if (_coordinates(gap) or gap in ("-", "–")) and all(m.entity != mention.entity for m in runs[-1]):
                mention.joined = "-" if gap in ("-", "–") else "," if _COMMA_JOIN.fullmatch(gap) else "and"
                runs[-1].append(mention)
                continue
        runs.append([mention])
    groups = []
    previous_end = 0
    # where each name's description starts: "from the Russian wagon maker Uralvagonzavod" reads "from"
    described = {id(m.modifies): m.start for m in mentions if m.modifies is not None}
    for run in runs:
        for part in _split_commas(run) if len(run) > 1 else (run,):
            group = Group(part)
            opening = min(group.start, described.get(id(part[0]), group.start))
            group.prep = prep = _preposition(text, opening, previous_end) or _appositive_preposition(text, group)
            end = previous_end = group.end
            # an apostrophe right after it, or after a space: "Belarus's", "Belarus’" (string tests: cheaper than a regex)
            after = text[end : end + 2]
            group.possessive = after[:1] in _APOSTROPHES or after[:1].isspace() and after[1:] in _APOSTROPHES
            if prep == "in" and _firms_registered_in_end(text[: group.start]):
                group.prep = prep = ""  # "firms registered in Turkey that re-exported ...": the firms' country acts
            if prep in _PLACE_PREPS:  # "through the border stations of Orsha": a place, not a party
                for member in part:
                    if member.type == "candidate" and not member.org:
                        group.members = [m for m in part if m.type != "candidate" or m.org]
                        if group.members:  # without the places dropped, the span may be shorter
                            group.start, group.end = group.members[0].start, group.members[-1].end
                        break
            for member in group.members:  # a group with an actor (not only weapon systems)
                if member.type != "weapon_system":
                    groups.append(group)
                    break
    return groups


def _split_commas(run: list[Mention]) -> list[list[Mention]]:
    """ "Russia, Ukrainian intelligence says" is two groups; "X, Y and Z" one: a comma lists only before an "and"."""
    parts = [[run[0]]]
    for index, member in enumerate(run[1:], start=1):
        later = [m.joined for m in run[index:]]
        if member.joined == "," and "and" not in later:
            parts.append([member])
        else:
            parts[-1].append(member)
    return parts


def _actors(group: Group) -> list[str]:
    return [m.entity for m in group.members if m.type != "weapon_system"]


# _TOKEN, with "&" kept inside a word.
_ITEM_TOKEN = re.compile(r"[\w’'×./&-]+|[,;:()—–\"“”]")
_WORD_CHAR = re.compile(r"\w")
_NUMBER_TOKEN = re.compile(r"[\d.,]+")
_OF_GAP = re.compile(r"\s+of\s+(?:an?\s+|the\s+)?")


# A whitespace-separated word's _ITEM_TOKEN tokens (see _LOWER_TOKENS_BACKWARDS).
_ITEM_TOKENS_IN = _WordProperty(lambda word: tuple(_ITEM_TOKEN.findall(word)))
# Whether a character is one of those an _ITEM_TOKEN word is made of (not a mark, nor one between tokens); "" is not.
_IN_ITEM_WORD = _WordProperty(lambda char: bool(char) and (char.isalnum() or char in "_’'×./&-"))


def _item_phrases(text: str, mentions: list[Mention], split: list[str]) -> list[tuple[int, int]]:
    """Spans of supplied items in a sentence: a head noun with its modifiers, coordinated items joined. ``split`` is
    text.split(), as its _gate has it."""
    # Only head nouns start a phrase: find them among the tokens first (read word by word, see _LOWER_TOKENS_BACKWARDS),
    # and stop when there are none. Offsets are found only around the heads, with string searches: a head's is where
    # it is next spelt as a whole word (another token spelt so would be a head); the token before one whose offset is
    # known is where it is last spelt before that (only characters in no token lie between them).
    words = list(chain.from_iterable(map(_ITEM_TOKENS_IN.__getitem__, split)))  # the tokens
    heads = list(compress(range(len(words)), map(_IS_HEAD.__getitem__, words)))
    if not heads:
        return []

    def entity_at(position: int) -> Mention | None:
        """The mention over a token's start (the last one, should two overlap)."""
        for m in reversed(mentions):
            if m.start <= position < m.end:
                return m
        return None

    phrases: list[list[int]] = []
    head_end = 0
    for index in heads:
        word = words[index]
        head_start = text.find(word, head_end)
        while (
            _IN_ITEM_WORD[text[head_start - 1 : head_start]]
            or _IN_ITEM_WORD[text[head_start + len(word) : head_start + len(word) + 1]]
        ):
            head_start = text.find(word, head_start + 1)
        head_end = head_start + len(word)
        inside = entity_at(head_start)
        if inside is not None and (inside.type == "company" or inside.type == "candidate" and inside.org):
            continue  # "Astana Motors Trade", "Iran Electronics Industries": a word of a firm's name
        head = word.lower().rstrip(".")
        if head in ("part", "parts") and index + 1 < len(words) and words[index + 1].lower() == "of":
            continue
        if head in ("support", "supply", "supplies") and index > 0 and words[index - 1].lower() in ("in", "for"):
            continue
        first, start = _modifiers_before(text, words, index, head_start, entity_at)
        end = head_end
        if phrases and start <= phrases[-1][1]:
            phrases[-1][1] = max(phrases[-1][1], end)  # "weapons complexes": a head modifying a head
            continue
        # "the chassis of a MZKT-791300 truck": a head "of" another item joins it
        if phrases and _OF_GAP.fullmatch(text[phrases[-1][1] : start]):
            phrases[-1][1] = end
            continue
        if phrases and _coordinates(text[phrases[-1][1] : start]):
            phrases[-1][1] = end
            continue
        phrases.append([start, end])
    return [(s, e) for s, e in phrases]


def _modifiers_before(text: str, words: list[str], index: int, head_start: int, entity_at) -> tuple[int, int]:
    """The first token of an item's modifiers before its head ``words[index]`` (at ``head_start``), up to five, with
    its offset: "unmanned aerial and naval drones"; ``entity_at`` gives the mention over an offset."""
    first = index
    starts = {index: head_start}  # the offsets of the tokens read
    while first > 0 and index - first < 5:
        prev = words[first - 1]
        if _ENDS_MODIFIERS[prev]:
            if first < index and first >= 2 and prev.lower() == "and":
                starts[first - 1] = text.rfind(prev, 0, starts[first])
                starts[first - 2] = text.rfind(words[first - 2], 0, starts[first - 1])
                if _modifier(words[first - 2], entity_at(starts[first - 2])):
                    first -= 1
                    continue
            break
        starts[first - 1] = text.rfind(prev, 0, starts[first])
        if not _modifier(prev, entity_at(starts[first - 1])):
            break
        first -= 1
    if words[first].lower() == "and":
        first += 1
    return first, starts[first]


# Whether a word is an item head noun ("Drones", "parts.").
_IS_HEAD = _WordProperty(lambda word: word.lower().rstrip(".") in _ITEM_HEADS)
# Whether a word before a head ends its modifiers: a function word, a mark or a number.
_ENDS_MODIFIERS = _WordProperty(
    lambda word: word.lower() in _ITEM_STOP or not _WORD_CHAR.search(word) or bool(_NUMBER_TOKEN.fullmatch(word))
)


_LOWERCASE_LETTER_OR_DIGIT = re.compile(r"[a-z0-9]")


def _modifier(word: str, mention: Mention | None) -> bool:
    if mention is None:
        return _MODIFIER_WORDS[word]
    if _verbish(word):
        return False
    return (
        mention.demonym
        or mention.type in ("weapon_system", "company")
        or mention.type == "candidate"
        and not mention.org
    )


def _modifies(word: str) -> bool:
    """Whether, outside a name, a word may modify an item head ("unmanned", "drone")."""
    low = word.lower()
    if _verbish(low):
        return False
    if low in _ITEM_STOP or low.endswith("ly") and "-" not in low:
        return False
    if word[:1].isupper() and "-" not in word:
        return False
    if (low.endswith("ed") or low.endswith("ing")) and "-" not in low and low not in _ITEM_ADJ_ED:
        return False
    return bool(_LOWERCASE_LETTER_OR_DIGIT.search(low))


_MODIFIER_WORDS = _WordProperty(_modifies)


class _Items:
    """A sentence's item phrases (_item_phrases), found when a rule first reads them: most rules give up before."""

    __slots__ = ("text", "mentions", "split", "spans")

    def __init__(self, text: str, mentions: list[Mention], split: list[str]):
        self.text, self.mentions, self.split, self.spans = text, mentions, split, None

    def __iter__(self):
        if self.spans is None:
            self.spans = _item_phrases(self.text, self.mentions, self.split)
        return iter(self.spans)


def _nearest_item(
    items: "_Items | list[tuple[int, int]]",
    trigger: tuple[int, int],
    lo: int = 0,
    hi: int = 10**9,
    prefer_after: bool = True,
) -> tuple[int, int] | None:
    best, best_key = None, None
    for start, end in items:
        if start < lo or end > hi:
            continue
        after = start >= trigger[1]
        distance = start - trigger[1] if after else trigger[0] - end
        if distance < 0:
            continue
        key = (distance + (0 if after == prefer_after else 25), start)
        if best_key is None or key < best_key:
            best, best_key = (start, end), key
    return best


_CLAUSE_BREAK_WORDS = frozenset(w for w in rules.CLAUSE_BREAKS if w.isalpha())
_CLAUSE_BREAK_MARKS = frozenset(w for w in rules.CLAUSE_BREAKS if not w.isalpha())


def _by_first_word(cues: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    """Cues keyed on their first word, so that only those whose first word a clause holds are tried."""
    keyed: dict[str, list[tuple[str, ...]]] = {}
    for cue in cues:
        keyed.setdefault(cue[0], []).append(cue)
    return keyed


_MODALITY_CUES = [
    (modality, _by_first_word(rules.phrases(rules.MODALITY_CUES[modality])), rules.MODALITY_WINDOW[modality])
    for modality in ("denied", "planned", "hedged")
]
_DENYING_CLAUSES = _by_first_word(rules.phrases(rules.DENYING_CLAUSES))
_MODALITY_CUES_AFTER = {
    modality: _by_first_word(rules.phrases(cues)) for modality, cues in rules.MODALITY_CUES_AFTER.items()
}


def _clause_words(text: str, end: int) -> list[str]:
    """The words (in lower case) of the clause that ends at ``end``: those after its last clause break."""
    words = [token.lower() for token in _TOKEN.findall(text[max(0, end - 300) : end])]
    for index in range(len(words) - 1, -1, -1):
        if words[index] in _CLAUSE_BREAK_MARKS or words[index] in _CLAUSE_BREAK_WORDS and index < len(words) - 1:
            return words[index + 1 :]
    return words


def _holds_cue(words: list[str], cues: dict[str, list[tuple[str, ...]]]) -> bool:
    """Whether the words hold one of the cues (keyed on their first word): a word ("n't" ends a word: "doesn't"), or
    a phrase of words in a row."""
    for index, word in enumerate(words):
        if word.endswith("n't") and "n't" in cues:
            return True
        for cue in cues.get(word, ()):
            if tuple(words[index : index + len(cue)]) == cue:
                return True
    return False


def modality(text: str, trigger_start: int) -> str:
    """asserted, hedged, planned or denied: how the clause before a trigger states it (see rules.MODALITY_CUES)."""
    clause = _clause_words(text, trigger_start)
    for found, cues, window in _MODALITY_CUES:
        if _holds_cue(clause[-window:], cues):
            return found
    if _holds_cue(clause, _DENYING_CLAUSES):
        return "denied"
    after = _clause_words_after(text, trigger_start)
    for found in ("planned", "hedged"):
        if _holds_cue(after, _MODALITY_CUES_AFTER[found]):
            return found
    return "asserted"


def _clause_words_after(text: str, start: int) -> list[str]:
    """The words (in lower case) from ``start`` to the end of its clause (a mark or "which", "but", ...)."""
    words = []
    for token in _TOKEN.findall(text[start : start + 300]):
        word = token.lower()
        if word in _CLAUSE_BREAK_MARKS or word in (",", "which", "that", "but", "while", "although"):
            break
        words.append(word)
    return words


def _before(groups: list[Group], position: int, allow_preps=("",)) -> Group | None:
    """The nearest group ending before ``position`` with one of the allowed prepositions (or possessive)."""
    for group in reversed(groups):
        if group.end <= position and (group.prep in allow_preps or group.possessive):
            return group
    return None


_RELATIVE_CLAUSE_BEFORE = re.compile(r",\s*(?:which|who|that)\b[^,]*,\s*(?:[a-z]+\s+){0,3}$")
_APPOSITIVE_OPENING_END = re.compile(r",\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}$")


_RELATIVE_OPENING_END = re.compile(
    r",\s*(?:which|who)\s+(?:[a-z]+\s+){0,2}$|"
    r",\s*(?:a|an|the)\s+(?:[\w-]+\s+){0,3}(?:that|which|who)\s+(?:[a-z]+\s+){0,2}$"
)


def _ends_before(groups: list[Group], position: int) -> bool:
    """Whether some group ends before ``position``."""
    for group in groups:
        if group.end <= position:
            return True
    return False


def _antecedent(text: str, groups: list[Group], position: int) -> Group | None:
    """The name a relative clause that ends at ``position`` is about: "X, which", "X, a Chinese distributor that"."""
    opening = _RELATIVE_OPENING_END.search(text, 0, position)
    if opening is None:
        return None
    antecedent = next((g for g in reversed(groups) if g.end <= opening.start()), None)
    return antecedent if antecedent and not text[antecedent.end : opening.start()].strip() else None


def _subject(text: str, groups: list[Group], position: int) -> Group | None:
    """The subject before a verb, past an appositive: "Rosoboronexport, Rostec's arms-export arm, acts"."""
    if not _ends_before(groups, position):
        return None  # (no group before the verb: its patterns need not run)
    antecedent = _antecedent(text, groups, position)
    if antecedent is not None:  # "machine tools to Belarus, which then re-exported them": the name before "which"
        return antecedent
    relative = _RELATIVE_CLAUSE_BEFORE.search(text[:position])
    if relative:  # "India, which buys discounted Russian oil, has also sold": the subject stands before the clause
        position = relative.start()
    for group in reversed(groups):
        if group.end > position or not (group.prep == "" or group.possessive):
            continue
        if group.possessive and "," in text[group.end : position]:
            continue
        if (
            _APPOSITIVE_OPENING_END.search(text[: group.start])
            and "," in text[group.end : position]
            and any(g.end <= group.start for g in groups)
        ):
            continue  # "Tordan Industry, a Hong Kong shell company, shipped": an appositive describes the subject
        return group
    return None


def _after(groups: list[Group], position: int, preps: tuple[str, ...]) -> Group | None:
    for group in groups:
        if group.start >= position and group.prep in preps:
            return group
    return None


def _any_prep(groups: list[Group], preps: tuple[str, ...]) -> Group | None:
    for group in groups:
        if group.prep in preps:
            return group
    return None


_CLAUSE_PUNCTUATION = re.compile(r"[,;:]")


def _adjacent_before(text: str, groups: list[Group], position: int, max_words: int = 2) -> Group | None:
    for group in reversed(groups):
        if group.end <= position:
            gap = text[group.end : position]
            if _adjacent_gap(max_words).fullmatch(gap) and not _CLAUSE_PUNCTUATION.search(gap):
                return group
            return None
    return None


_SANCTION_REASON_END = re.compile(r"\b(?:for|over)\s+(?:its\s+|their\s+)?(?:role\s+in\s+)?(?:allegedly\s+)?$")
_SUPPLY_WORD = re.compile(r"suppl(?:y|ies)\s*$")
_CHAIN_AFTER = re.compile(r"\s+chains?\b")
_ON_COMMITMENTS_AFTER = re.compile(
    r"\s+on\s+(?:its|their|the|his|her|our)?\s*(?:\w+\s+)?"
    r"(?:promises?|contracts?|commitments?|pledges?)"
)
_WITH_AFTER = re.compile(r"\s+with\b")
# \b(?:been|was|were|is|are|be|being)\s+(?:\w+\s+)?$, each word led by its first letter (see word_start_alternation)
_PASSIVE_AUXILIARY_NEAR_END = re.compile(
    word_start_alternation(
        [("b", "een"), ("w", "as"), ("w", "ere"), ("i", "s"), ("a", "re"), ("b", "e"), ("b", "eing")]
    )
    + r"\s+(?:\w+\s+)?$"
)


_COORDINATED_PASSIVE_END = re.compile(
    r"\b(?:was|were|is|are|been)\s+(?:[a-z]+ly\s+)?[a-z]+ed\b[^,;:.]{0,80}?"
    r"\band\s+(?:then\s+|later\s+|subsequently\s+)?$"
)
_PRONOUN_OBJECT_AFTER = re.compile(r"\s+(?:them|it|these|those)\b")


@dataclass(slots=True)
class _SupplyClause:
    """What a supply trigger reads: its sentence, its groups and the prepositional groups around it."""

    kind: str
    text: str
    trig: tuple[int, int]
    word: str  # the trigger in lower case
    groups: list[Group]
    items: "_Items"
    mentions: list[Mention]
    from_g: Group | None  # the first "from" group
    by_g: Group | None  # the first "by" group after the trigger
    to_g: Group | None  # the first "to" or "for" group after the trigger
    via: list[Group]  # the "via" and "through" groups after it
    passive: bool = False


def _supply(
    kind: str,
    text: str,
    trig: tuple[int, int],
    groups: list[Group],
    items,
    context: _Context,
    mentions: list[Mention],
    sanctioned: list[str] | None = None,
) -> list[Found]:
    """supply_verb, supply_agent, supply_event and receive triggers."""
    if sanctioned and kind == "supply_verb" and _SANCTION_REASON_END.search(text[: trig[0]]):
        return _sanctioned_supplier(text, trig, groups, items, mentions, sanctioned)
    clause = _SupplyClause(
        kind, text, trig, text[trig[0] : trig[1]].lower(), groups, items, mentions, *_supply_groups(text, trig, groups)
    )
    receiver = None
    if kind == "supply_agent" and clause.to_g is None and clause.word.startswith(_SUPPLIER_NOUNS):
        # "Uralvagonzavod's main supplier" (but "Russia's state arms exporter" is Russia's own)
        clause.to_g = _possessive_right_before(text, groups, trig[0])
    if kind == "receive":
        receiver = clause.by_g or _before(groups, trig[0])
        if receiver is None:
            return []
    elif not _parties_possible(clause):
        return []
    if _not_a_supply(text, trig, clause.word):
        return []
    if kind == "supply_verb" and _reads_as_noun(clause.word, _tokens_before(text, trig[0])[-2:]):
        clause.kind = kind = "supply_event"  # "the conspicuous supply out of Belarus"
    # "is supplied" is passive, "is supplying" is not
    # (also a participle coordinated with one: "were shipped to Minsk and then forwarded to Russia")
    clause.passive = not clause.word.endswith("ing") and bool(
        _PASSIVE_AUXILIARY_NEAR_END.search(text[max(0, trig[0] - 30) : trig[0]])
        or clause.word.endswith("ed")
        and _COORDINATED_PASSIVE_END.search(text, max(0, trig[0] - 120), trig[0])
    )
    if kind == "receive":
        sources, targets, item = _received(clause, receiver)
    elif kind == "supply_event":
        sources, targets, item = _event_parties(clause)
    else:
        sources, targets, item = _verb_parties(clause)
    if (
        kind == "supply_verb"
        and not sources
        and targets
        and not clause.via
        and (clause.passive or _PRONOUN_SUBJECT.search(text, 0, trig[0]))
    ):
        sources, item = _unnamed_source(clause, targets, context)
    if clause.to_g is not None and kind != "receive":
        listed = _including(text, groups, clause.to_g)
        if listed:
            targets = targets + [t for t in _actors(listed) if t not in targets]
    if kind == "receive" and not sources:
        sources = [m.entity for m in mentions if m.role == "maker" and trig[1] <= m.start][:1]
    if not sources or not targets:
        return []
    if item is None:
        item = _supplied_item(kind, items, trig, clause.passive, clause.to_g)
    if _PRONOUN_OBJECT_AFTER.match(text, trig[1]):  # "bought axles from MAZ and shipped them to Russia"
        item = _nearest_item(items, trig, hi=trig[0], prefer_after=False) or item
    return _through(clause, sources, targets, item)


def _possessive_right_before(text: str, groups: list[Group], position: int) -> Group | None:
    """A possessive group at most two words before ``position``: "Uralvagonzavod's main supplier"."""
    group = next((g for g in reversed(groups) if g.end <= position), None)
    if group is None or not group.possessive or not _POSSESSOR_GAP.fullmatch(text, group.end, position):
        return None
    return group


_SUPPLIER_NOUNS = ("supplier", "provider", "vendor")
_POSSESSOR_GAP = re.compile(r"[’']s?\s+(?:[a-z][\w-]*\s+){0,2}")


def _origins(mentions: list[Mention], item: tuple[int, int] | None) -> list[str]:
    """The states an item's nationalities name ("German and Italian machine tools"); "Western" names no supplier."""
    if item is None:
        return []
    return [m.entity for m in mentions if m.demonym and m.type == "country" and item[0] <= m.start < item[1]]


def _sanctioned_supplier(text, trig, groups, items, mentions, sanctioned) -> list[Found]:
    """ "the EU added Y to its sanctions list for supplying drones to Russia": Y supplies."""
    to_g = _after(groups, trig[1], ("to", "for"))
    if to_g is None:  # "for its role in supplying Russia's armed forces": the object
        to_g = next(
            (g for g in groups if g.start >= trig[1] and g.start - trig[1] <= 3 and not _origin_of_item(text, g)), None
        )
    item = _nearest_item(items, trig, lo=trig[1], hi=to_g.start if to_g else 10**9)
    targets = (
        _actors(to_g)
        if to_g
        else [
            m.entity
            for m in mentions
            if m.demonym and item and item[0] <= m.start < item[1] and m.entity not in sanctioned
        ]
    )
    return [Found("supplies", list(sanctioned), targets, trig, item)] if targets else []


_CLAUSE_MARK = re.compile(r"[;:]")


def _supply_groups(text, trig, groups) -> tuple[Group | None, Group | None, Group | None, list[Group]]:
    """The first "from" group, the first "by" group and "to" or "for" group after the trigger, and the "via" or
    "through" groups after it. A "to" group past a later supply trigger is that one's ("exports weapons and arranges
    deliveries of components to Belarusian plants")."""
    from_g = by_g = to_g = None
    via = []
    for group in groups:
        prep = group.prep
        if prep == "from":
            # (not one in an earlier clause: "imported tools from Germany; some were passed on to Russia")
            if from_g is None and not (group.end <= trig[0] and _CLAUSE_MARK.search(text, group.end, trig[0])):
                from_g = group
        elif group.start >= trig[1]:
            if prep == "by":
                by_g = by_g or group
            elif prep in ("to", "for"):
                to_g = to_g or group
            elif prep in ("via", "through"):
                via.append(group)
    if to_g is not None and _supply_trigger_between(text, trig[1], to_g.start):
        to_g = None
    return from_g, by_g, to_g, via


def _parties_possible(clause: _SupplyClause) -> bool:
    """Whether the groups allow a source and a target (most supply triggers lack one): a source is a "from" group, a
    "by" group after the trigger or a group before it; a target a "to" or "for" group after it, but for a supply
    verb's object or a pronoun subject's."""
    source_named = clause.from_g is not None or clause.by_g is not None or _ends_before(clause.groups, clause.trig[0])
    if clause.kind == "supply_verb":
        return source_named or clause.to_g is not None
    # ("exports of German machine tools to Kazakhstan": the item's nationality may be the source)
    return (source_named or clause.word.endswith(" of")) and clause.to_g is not None


def _not_a_supply(text: str, trig: tuple[int, int], word: str) -> bool:
    """ "supply chains", "deliver on its contracts": the words, but no supply."""
    return bool(
        _SUPPLY_WORD.match(word) and _CHAIN_AFTER.match(text, trig[1]) or _ON_COMMITMENTS_AFTER.match(text, trig[1])
    )


def _reads_as_noun(word: str, prev_words: list[str]) -> bool:
    """Whether a supply verb's word is a noun after the two words before it: "the conspicuous supply", "ammunition
    and supplies". Not after "of" ("accused of supplying"); after "and", only a word that can be a noun ("China and
    resells them" is a verb); after "that", only a singular one ("a producer that supplies circuits" is a verb)."""
    if not prev_words:
        return False
    last = prev_words[-1]
    if word.endswith("ing") and last == "of":
        return False
    if last == "and" and word not in _SUPPLY_NOUN_FORMS and not word.endswith("ing"):
        return False
    if last == "that" and (word not in _SUPPLY_NOUN_FORMS or word.endswith("s")):
        return False
    return last in _DETERMINERS or len(prev_words) > 1 and prev_words[-2] in ("the", "a", "an", "its", "their")


def _received(clause: _SupplyClause, receiver: Group) -> tuple[list[str], list[str], tuple | None]:
    """A receiving verb: the receiver is the target; the source is the "from" group or the item's nationality."""
    targets, sources, item = _actors(receiver), [], None
    if clause.from_g:
        sources = _actors(clause.from_g)
    elif targets:  # (without a target, no relation: the items need not be read)
        item = _nearest_item(clause.items, clause.trig, lo=clause.trig[1], prefer_after=True)
        if item:
            sources = _origins(clause.mentions, item)
    return sources, targets, item


def _event_parties(clause: _SupplyClause) -> tuple[list[str], list[str], tuple | None]:
    """An event noun: "X's exports to Y", "deliveries of Russian components to Belarusian plants"."""
    text, trig, to_g = clause.text, clause.trig, clause.to_g
    src = clause.from_g or _adjacent_before(text, clause.groups, trig[0])
    sources = _actors(src) if src and (src.prep in ("", "from", "with") or src.possessive) else []
    targets = _actors(to_g) if to_g else []
    item = None
    if not sources and targets and (clause.word.endswith(" of") or _OF_AFTER.match(text, trig[1])):
        item = _nearest_item(clause.items, trig, lo=trig[1], hi=to_g.start)
        sources = [name for name in _origins(clause.mentions, item) if name not in targets]
    return sources, targets, item


def _verb_parties(clause: _SupplyClause) -> tuple[list[str], list[str], None]:
    """A supply verb or agent noun: the subject (or "from", "by" group) supplies the "to" group, the object of "supply
    X with", or the subject of a passive "X was supplied with"."""
    text, trig, groups, word = clause.text, clause.trig, clause.groups, clause.word
    from_g, by_g, to_g = clause.from_g, clause.by_g, clause.to_g
    subject = _subject(text, groups, to_g.start if to_g is not None and to_g.end <= trig[0] else trig[0])
    recipient = None
    if clause.kind == "supply_verb" and clause.passive:
        if _WITH_AFTER.match(text, trig[1]):
            recipient = subject  # "Russia was supplied with fuel by Belarus": the subject receives
        subject = None
    progressive = word.endswith("ing") and _PROGRESSIVE_END.search(text, 0, trig[0]) is not None
    if progressive and subject is not None:  # "has been shipping motors to Tetraedr": the subject ships
        source_group = subject
    elif word.endswith("ing") or clause.kind != "supply_verb":
        source_group = from_g or by_g or subject
    else:  # "Belarus ships ammunition from its depots to Russia": the subject is the source
        source_group = subject or from_g or by_g
    sources = _actors(source_group) if source_group else []
    if to_g or recipient is not None:
        return sources, _actors(to_g or recipient), None
    if clause.kind != "supply_verb":
        return sources, [], None
    # "supplies Russia with": the object; not a nationality naming an item's origin ("exports Belarusian weapons")
    rest = [g for g in groups if g is not source_group and g.prep in ("", "with") and not _origin_of_item(text, g)]
    after = [g for g in rest if g.start >= trig[1]]
    chosen = after[0] if after and (source_group is not from_g or not rest) else None
    if source_group is from_g and from_g is not None:
        near = sorted(rest, key=lambda g: min(abs(g.end - trig[0]), abs(g.start - trig[1])))
        chosen = near[0] if near else None
    return sources, _actors(chosen) if chosen else [], None


_ITS_END = re.compile(r"(?:^|[.;:,]\s*)(?:[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){0,3}$")
_IMPORTS_AFTER = re.compile(r"[’']s?\s+(?:\w+\s+)?(?:imports|purchases)\b")
_PASSING_ON = (
    "re-export",
    "reexport",
    "resold",
    "resell",
    "re-sold",
    "re-sell",
    "passed on",
    "rerout",
    "re-rout",
    "forward",
)


def _unnamed_source(clause: _SupplyClause, targets: list[str], context: _Context) -> tuple[list[str], tuple | None]:
    """A passive or a pronoun subject: the country of the item's weapon, nationality or maker, else the country the
    document is most about."""
    item = _supplied_item(clause.kind, clause.items, clause.trig, clause.passive, clause.to_g)
    if (
        item is not None
        and context.companies
        and _ITS_END.search(clause.text, 0, item[0])
        and all(g.start >= item[1] for g in clause.groups)
    ):
        # "Its Vostok radar has been sold to Vietnam": the firm named before
        return [context.companies[-1][0]], item
    countries = [
        m.entity if m.demonym else m.country
        for m in clause.mentions
        if (m.type == "weapon_system" or m.demonym or m.role == "maker")
        and item
        and item[0] <= m.start < item[1]
        and m.type != "organisation"
    ]
    countries = [name for name in countries if name and name not in targets]
    if clause.word.startswith(_PASSING_ON):  # "tools to Kazakhstan ... were re-exported to Russia": the receiver
        # (or "Armenia's imports of Western electronics ..., and most were re-exported to Russia")
        receiver = next(
            (
                g
                for g in reversed(clause.groups)
                if g.end <= clause.trig[0]
                and (g.prep == "to" or g.possessive and _IMPORTS_AFTER.match(clause.text, g.end))
                and not set(_actors(g)) & set(targets)
            ),
            None,
        )
        if receiver is not None:
            return _actors(receiver), item
    # "Belarus has imported machine tools ...; some are believed to have been passed on to Russian plants"
    opening = next(
        (
            g
            for g in clause.groups
            if g.prep == ""
            and g.end <= clause.trig[0]
            and not g.possessive
            and all(m.type == "country" and not m.demonym for m in g.members)
            and not set(_actors(g)) & set(targets)
        ),
        None,
    )
    sources = countries[:1] or (_actors(opening) if opening else [])
    if not sources and not clause.passive and targets:
        # a pronoun subject: the party the sentence before was about ("Beijing says ... It has sold"), else the
        # country the document is most about; a passive without an agent names no source
        previous = [name for name in context.previous_subjects if name not in targets]
        sources = previous[:1] or [context.other_than(targets)]
    return [s for s in sources if s], item


def _through(clause: _SupplyClause, sources: list[str], targets: list[str], item) -> list[Found]:
    """The relations of a supply, through the hubs it names: "from A via B to C" is A -> B, B -> C, B for C."""
    trig, via = clause.trig, clause.via
    if via and clause.kind == "receive":
        via = [g for g in via if not set(_actors(g)) & set(sources)]
    if not via:
        return [Found("supplies", sources, targets, trig, item)]
    hubs = [hub for group in via for hub in _actors(group)]
    found = [Found("supplies", sources, hubs, trig, item), Found("supplies", hubs, targets, trig, item)]
    if any(g.prep == "via" for g in via):
        found.append(Found("intermediary_for", [h for g in via if g.prep == "via" for h in _actors(g)], targets, trig))
    return found


_PROGRESSIVE_END = re.compile(
    r"\b(?:is|are|was|were|been|be|keeps?|kept|continues?|continued|began|started)\s+"
    r"(?:\w+ly\s+|also\s+|still\s+)?$"
)


def _supplied_item(
    kind: str, items, trig: tuple[int, int], passive: bool, to_g: Group | None
) -> tuple[int, int] | None:
    """What a supply trigger says flows: the nearest item, after an active verb or agent noun (before its target)."""
    item = _nearest_item(items, trig, prefer_after=not passive and kind != "receive" or kind == "receive")
    if kind == "supply_agent" or kind == "supply_verb" and not passive and to_g and to_g.start > trig[1]:
        item = _nearest_item(items, trig, lo=trig[1], hi=to_g.start if to_g else 10**9) or (
            item if kind == "supply_agent" else _nearest_item(items, trig, hi=trig[0], prefer_after=False)
        )
    return item


_INCLUDING_GAP = re.compile(
    r"(?:\s+[a-z][\w-]*){0,3},?\s+(?:including|such as|notably|in particular|among them)\s+"
    r"(?:the\s+)?"
)


def _including(text: str, groups: list[Group], head: Group) -> Group | None:
    """ "to Russian defense firms, including Almaz-Antey": the named member of a class joins the target."""
    for group in groups:
        if group.start > head.end and _INCLUDING_GAP.fullmatch(text[head.end : group.start]):
            return group
    return None


_OF_AFTER = re.compile(r"\s+of\b")
_OWNER_OF_END = re.compile(r"\b(?:unit|subsidiary|part|division|member|affiliate|arm)\s+of\s+(?:the\s+)?$")
_THAT_GAP = re.compile(r"\s+(?:that|which)\s+(?:the\s+)?")
_USE_AFTER = re.compile(r"(?:\s+[a-z]+){0,2}\s+(?:use|uses|used|operate|operates|field|fields|deploy|deploys)\b")


def _supply_trigger_between(text: str, start: int, end: int) -> bool:
    """Whether another supply takes the "to" group: an event or agent noun with its "of" ("deliveries of components
    to Belarusian plants"; not "ammunition and supplies into Russia") or any supply trigger of a later clause ("crude
    oil, which the refineries partly export back to Russia")."""
    for kind in ("supply_event", "supply_agent", "supply_verb"):
        for match in _TRIGGER_PATTERNS[kind].finditer(text, start, end):
            word = match.group(0).lower()
            if word.endswith(" of") or not word.endswith("ing") and _CLAUSE_OPENING.search(text, start, match.start()):
                return True  # (a gerund continues the clause: "a supplier; hosting and offering support to")
            # "bought components from Hong Kong suppliers and delivered them to Russian firms": the verb's own
            if (
                kind == "supply_verb"
                and _AND_END.search(text, start, match.start())
                and not _reads_as_noun(word, _tokens_before(text, match.start())[-2:])
            ):
                return True
    return False


_CLAUSE_OPENING = re.compile(r"[,;:]|\b(?:which|that|who|whose)\b")
_AND_END = re.compile(r"\band\s+(?:[a-z]+ly\s+|then\s+|later\s+)?$")


_PUNCTUATION_OR_CLAUSE_WORD = re.compile(r"[,;:]|\b(?:which|that|who|and|but)\b")
_USED_BY_GAP = re.compile(r"\s+(?:used|operated|fielded|deployed|flown)\s+by\s+(?:the\s+)?")
# (past a noun coordinated with the item: "microchips and displays for Russian military electronics")
_FOR_GAP = re.compile(r"(?:\s+(?:and|or)\s+[a-z][\w-]*)?\s+for\s+(?:(?:the|its|their|a|an)\s+)?")


def _make_for(text, trig, groups, items) -> list[Found]:
    """ "BelOMO, which produces optical sights for Russian tanks": making or repairing ITEM for X supplies X."""
    if _after(groups, trig[1], ("for", "by", "")) is None:
        return []  # no "for X", "used by X" or "that X use" after the trigger: the items need not be read
    rest = text[trig[1] :]
    item = next(
        ((s, e) for s, e in items if s >= trig[1] and not _PUNCTUATION_OR_CLAUSE_WORD.search(text[trig[1] : s])), None
    )
    if item is None or item[0] - trig[1] > 40:
        return []
    lead = _FOR_GAP.match(text[item[1] :])
    target = _after(groups, item[1], ("for",))
    if not lead:  # "MAZ manufactures trucks used by the Russian military"
        lead = _USED_BY_GAP.match(text[item[1] :])
        target = _after(groups, item[1], ("by",))
    if not lead:  # "makes chassis that Russian army units use"
        lead = _THAT_GAP.match(text[item[1] :])
        target = _after(groups, item[1], ("",))
        if target is not None and not _USE_AFTER.match(text, target.end):
            target = None
    if not lead or target is None or target.start != item[1] + lead.end():
        return []
    source = _subject(text, groups, trig[0])
    if source is None or not rest:
        return []
    return [Found("supplies", _actors(source), _actors(target), trig, item)]


_STORE_AFTER = re.compile(
    r"\s+(?:the\s+|a\s+|an\s+)?(?:[a-z]+\s+)?(?:depots?|arsenals?|bases?|stations?|"
    r"warehouses?|ports?|storage|yards?)\b"
)


def _motion(text, trig, groups, items, context) -> list[Found]:
    """Goods moving: "N tonnes of ammunition left Belarus for Russia", "engines come from Tehran and go to Alabuga",
    "returned 12 tanks to Russian units". The source is where they leave from, the target where they go; read only
    when an item moves (the subject before the verb, or the object after it)."""
    word = text[trig[0] : trig[1]].lower()
    leaving = word.startswith(("left", "leav", "depart"))
    clause_start = max(text.rfind(mark, 0, trig[0]) for mark in (",", ";", ":", '"', "“")) + 1
    after = [g for g in groups if g.start >= trig[1]]
    first = after[0] if after else None
    source = next((g for g in after if g.prep == "from"), None)
    if source is None and leaving and first is not None and first.prep == "" and first.start - trig[1] <= 6:
        source = first  # "left Belarus for Russia"
    target = next((g for g in after if g.prep in ("to", "for") and g is not source), None)
    if source is None and word.startswith("return"):
        source = _subject(text, groups, trig[0])  # "The plant returned 12 tanks to Russian units"
    if source is None and leaving and _STORE_AFTER.match(text, trig[1]) and target is not None:
        other = context.other_than(_actors(target))  # "left the depot at Kalinkavichy for Russia"
        source = Group([Mention(0, 0, other, "country", other, other)]) if other else None
    if source is None or target is None or target.start - trig[1] > 80:
        return []
    item = _nearest_item(items, trig, lo=clause_start, hi=trig[0], prefer_after=False) or _nearest_item(
        items, trig, lo=trig[1], hi=target.start
    )
    if item is None:
        return []  # "Lukashenko went to Moscow": nothing moves but people
    return [Found("supplies", _actors(source), _actors(target), trig, item)]


def _bound(text, trig, groups, items, mentions) -> list[Found]:
    """ "a truck carrying Chinese-made drone parts bound for Belarus": the maker or sender supplies the destination."""
    target = _after(groups, trig[1], ("", "for", "to"))
    if target is None or target.start - trig[1] > 6:
        return []
    item = _nearest_item(items, trig, hi=trig[0], prefer_after=False)
    makers = [m.entity for m in mentions if m.role == "maker" and m.end <= trig[0]]
    if not makers and item:
        makers = _origins(mentions, item)
    from_g = next((g for g in groups if g.prep == "from" and g.end <= trig[0]), None)
    sources = makers[-1:] or (_actors(from_g) if from_g else [])
    if not sources:
        return []
    return [Found("supplies", sources, _actors(target), trig, item)]


def _trigger_matches(text: str, gate: tuple[str | None, bool, int, list[str]]) -> list[tuple[str, re.Match]]:
    """(kind, match) of every trigger in a sentence (``gate`` is its _gate), in the order of _GATED_TRIGGERS and then
    of the text: the order in which they are read."""
    low, lowered, kinds, _ = gate
    found = []
    for kind, pattern in _triggers_for(kinds):  # those whose anchors are in the sentence
        # the same matches, at the same offsets, in the lower-case sentence, where case need not be ignored
        for match in _CASED_PATTERNS[kind].finditer(low) if lowered else pattern.finditer(text):
            found.append((kind, match))
    return found


@dataclass(slots=True)
class _Reading:
    """A sentence as the rules read it: its text, names, groups and items, the document's context, and the parties
    a designation in it named (a later "for supplying" is theirs)."""

    text: str
    mentions: list[Mention]
    groups: list[Group]
    items: "_Items"
    context: _Context
    sanctioned: list[str] = field(default_factory=list)


def _supply_rule(kind: str):
    def rule(r: _Reading, match: re.Match) -> list[Found]:
        return _supply(kind, r.text, match.span(), r.groups, r.items, r.context, r.mentions, r.sanctioned)

    return rule


def _intermediary(r: _Reading, match: re.Match) -> list[Found]:
    """ "Rosoboronexport acts as an intermediary for Belarusian manufacturers"."""
    trig = match.span()
    source = _subject(r.text, r.groups, trig[0])
    # "a conduit for Western components reaching Russia": a nationality before an item is its origin
    parties = [g for g in r.groups if not _origin_of_item(r.text, g)]
    target = _after(parties, trig[1], ("for", "")) or _after(parties, trig[1], ("to", "with"))
    return [Found("intermediary_for", _actors(source), _actors(target), trig)] if source and target else []


# The rule that reads each kind of trigger (rules.TRIGGERS), in one table.
_RULES = {
    "supply_verb": _supply_rule("supply_verb"),
    "supply_agent": _supply_rule("supply_agent"),
    "supply_event": _supply_rule("supply_event"),
    "receive": _supply_rule("receive"),
    "motion": lambda r, m: _motion(r.text, m.span(), r.groups, r.items, r.context),
    "make_for": lambda r, m: _make_for(r.text, m.span(), r.groups, r.items),
    "bound": lambda r, m: _bound(r.text, m.span(), r.groups, r.items, r.mentions),
    "listing": lambda r, m: _listing(r.text, m, r.groups, r.context),
    "made_in": lambda r, m: _made_in(r.text, m.span(), r.groups, r.items, r.mentions),
    "produces_in": lambda r, m: _produces_in(r.text, m.span(), r.groups, r.items),
    "intermediary": _intermediary,
    "owns": lambda r, m: _owns(r.text, m, r.groups, r.mentions),
    "owned_within": lambda r, m: _owned_within(r.text, m, r.groups),
    "trades_with": lambda r, m: _trade(r.text, m.span(), r.groups, r.items, r.context),
    "trade_share": lambda r, m: _trade_share(r.text, m.span(), r.groups, r.items),
    "sanctions": lambda r, m: _sanctions(r.text, m.span(), r.groups, r.context),
    "depends_on": lambda r, m: _depends(r.text, m.span(), r.groups, r.items),
    "hosts": lambda r, m: _hosts(r.text, m, r.groups, r.mentions, r.context),
}
_SUPPLY_KINDS_READ = ("supply_verb", "supply_agent", "supply_event", "receive")
_DESIGNATING_KINDS = ("sanctions", "listing")


def _relations_in_sentence(
    sentence: Sentence,
    mentions: list[Mention],
    context: _Context,
    gate: tuple[str | None, bool, int, list[str]],
    triggers: list[tuple[str, re.Match]] | None = None,
) -> list[Found]:
    """The relations a sentence states; ``gate`` is its _gate, ``triggers`` its _trigger_matches when known."""
    text = sentence.text
    if triggers is None:
        triggers = _trigger_matches(text, gate)
    names = [(m.start, m.end) for m in mentions if not m.demonym and m.surface[:1].isupper()]
    # "Falcon Aero Supply", "Shahed Aviation Industries": a word of a name is no trigger
    triggers = [(kind, match) for kind, match in triggers if not _inside_name(match.span(), names)]
    if not triggers and not _untriggered_may_state(text):
        return []
    reading = _Reading(text, mentions, _groups(sentence, mentions), _Items(text, mentions, gate[3]), context)
    found: list[Found] = []
    triggered_supply = False
    for kind, match in triggers:
        result = _RULES[kind](reading, match)
        if kind in _DESIGNATING_KINDS:
            reading.sanctioned.extend(t for f in result for t in f.targets)
        triggered_supply |= kind in _SUPPLY_KINDS_READ and bool(result)
        found.extend(result)
    found.extend(_followed(text, reading.groups, found))
    # Without a supply, "ITEM from X" (_item_from: "from" before a group) and "without X's ITEM" may state one.
    if not triggered_supply and _any_prep(reading.groups, ("from",)) is not None:
        found.extend(_item_from(text, reading.groups, reading.items, context))
    if "without" in text:
        found.extend(_without(text, reading.groups, reading.items))
    return found


_FOLLOWED_AFTER = re.compile(r"\s+(?:followed(?:\s+suit)?|did\s+(?:so|the\s+same|likewise)|joined\s+(?:in|them|it))\b")
_AND_BEFORE_END = re.compile(r"\b(?:and|while|before)\s+(?:the\s+)?$")


def _followed(text: str, groups: list[Group], found: list[Found]) -> list[Found]:
    """ "The United States designated Peleng in 2021, and the European Union followed in 2022": the follower
    sanctions the same targets."""
    sanctions = [f for f in found if f.relation == "sanctions"]
    if not sanctions:
        return []
    last = sanctions[-1]
    for group in groups:
        if (
            group.start > last.trigger[1]
            and _FOLLOWED_AFTER.match(text, group.end)
            and _AND_BEFORE_END.search(text, last.trigger[1], group.start)
        ):
            followers = [name for name in _actors(group) if context_type(name, [group]) in ("country", "organisation")]
            return [Found("sanctions", followers, list(last.targets), (group.start, group.end))] if followers else []
    return []


def _untriggered_may_state(text: str) -> bool:
    """Whether a sentence without a trigger may state a relation: _item_from reads only a group right after "from",
    _without one right after "without" (both spelt so)."""
    return "from" in text or "without" in text


def _origin_of_item(text: str, group: Group) -> bool:
    """Whether a group is only nationalities naming where an item comes from: "Western components"."""
    return all(m.demonym for m in group.members) and bool(_ITEM_HEAD_AFTER.match(text, group.end))


def _inside_name(trig: tuple[int, int], names: list[tuple[int, int]]) -> bool:
    for start, end in names:
        if start < trig[1] and trig[0] < end:
            return True
    return False


_FROM_GAP = re.compile(r"\s+from\s+(?:the\s+)?")
_FROM_GAP_END = re.compile(_FROM_GAP.pattern + r"\Z")


def _item_from(text, groups, items, context) -> list[Found]:
    """ "tactical nuclear weapons from Russia": an item followed by "from X" states a supply by X."""
    for group in groups:
        gap = _FROM_GAP_END.search(text, 0, group.start) if group.prep == "from" else None
        if gap is None or not _head_before(text, gap.start()):
            continue  # no item can end right before "from X": the items need not be read
        item = next((it for it in items if _FROM_GAP.fullmatch(text[it[1] : group.start])), None)
        if not item or _INTERDICTION.intersection(_clause_words(text, item[0])):
            continue  # (goods seized on their way are not supplied)
        sources = _actors(group)
        to_g = _after(groups, group.end, ("to", "for"))
        others = [g for g in groups if g is not group and g.prep == ""]
        if to_g:
            targets = _actors(to_g)
        elif others:
            targets = _actors(others[0])
        else:
            other = context.other_than(sources)
            targets = [other] if other else []
        if targets:
            return [Found("supplies", sources, targets, (item[1] + 1, group.start - 1), item)]
    return []


def _head_before(text: str, end: int) -> bool:
    """Whether an item phrase may end at ``end``: the word before holds a head noun (a phrase ends with one)."""
    words = text[:end].rsplit(None, 1)
    return bool(words) and any(map(_IS_HEAD.__getitem__, _ITEM_TOKENS_IN[words[-1]]))


_INTERDICTION = frozenset(rules.INTERDICTION.split())
_WITHOUT = re.compile(r"\bwithout\s+")


def _without(text, groups, items) -> list[Found]:
    """ "would function less efficiently without Belarus's machine parts": the owner supplies the other party."""
    found = []
    for match in _WITHOUT.finditer(text):
        owner = next((g for g in groups if g.start == match.end() and g.possessive), None)
        if owner is None:
            continue
        item = next(((s, e) for s, e in items if 0 <= s - owner.end <= 4), None)
        others = [g for g in groups if g is not owner and not set(_actors(g)) & set(_actors(owner))]
        if item and others:
            # "would function less efficiently without Belarus's machine parts" says that they are supplied
            found.append(
                Found(
                    "supplies",
                    _actors(owner),
                    _actors(others[0]),
                    (match.start(), match.end() - 1),
                    item,
                    extra={"modality": "asserted"},
                )
            )
    return found


def _made_in(text, trig, groups, items, mentions) -> list[Found]:
    """ "a MZKT-791300 truck manufactured in Belarus" carried by Iran: the maker supplies the user."""
    place = _after(groups, trig[1], ("in",))
    if not place or place.start - trig[1] > 3:
        return []
    item = _nearest_item(items, trig, hi=trig[0], prefer_after=False)
    makers = list(_actors(place))
    if item:
        makers = [m.entity for m in mentions if m.type == "company" and item[0] <= m.start < item[1]] + makers
    users = [g for g in groups if g.prep == "" and g is not place and not set(_actors(g)) & set(makers)]
    if not users:
        return []
    return [Found("supplies", makers, _actors(users[0]), trig, item)]


def _produces_in(text, trig, groups, items) -> list[Found]:
    producer = _adjacent_before(text, groups, trig[0], max_words=0)
    if producer is None:
        producer = _before(groups, trig[0])
    place = _after(groups, trig[1], ("in",))
    if place is None:
        place = next((g for g in groups if g.prep == "" and g is not producer and g.end <= trig[0]), None)
    if producer is None or place is None:
        return []
    item = _nearest_item(items, trig, lo=trig[1], hi=place.start if place.start > trig[1] else 10**9)
    return [Found("produces_in", _actors(producer), _actors(place), trig, item)]


_INTENT_END = re.compile(
    r"\b(?:sought|seeks?|seeking|wants?|wanted|plans?|planned|planning|tried|tries|trying|"
    r"attempt\w*|bid|bidding|hopes?|hoped|aims?|aimed|intends?|intended|considered|considering|"
    r"negotiat\w*)\s+"
    r"(?:to\s+\w+\s+)?(?:an?\s+|the\s+)?(?:\w+\s+){0,2}$"
)
_WHOLLY_END = re.compile(r"\bwholly[- ](?:owned\s+)?$")
_WHOLLY_AFTER = re.compile(r"\s+(?:and\s+)?(?:wholly|fully|entirely)\b")
_OWNED_ASSET_GAP = re.compile(r"\s+(?:[\w-]+\s+){0,3}")
_COMPANY_NOUN_AFTER = re.compile(
    r"\s+(?:[a-z][\w-]*\s+)?(?:enterprise|company|firm|plant|factory|"
    r"manufacturer|maker|group|holding|concern|conglomerate)\b"
)
_BY_THE_STATE_AFTER = re.compile(r"\s+by\s+the\s+(?:state|government)\b")
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s?(?:%|per ?cent)")


# Between "owned" and its owner: "owned by the Belarusian state", "controlled indirectly by Rostec"
_OWNER_BY_GAP = re.compile(r"\s+(?:[a-z]+\s+)?by\s+(?:(?:the|a|an)\s+)?(?:[a-z][\w-]*\s+){0,2}")


def _owns(text, match, groups, mentions) -> list[Found]:
    trig = (match.start(), match.end())
    share = match.group("share") or ""
    word = match.group(0).lower()
    if _INTENT_END.search(text[: trig[0]]):
        return []  # "Rostec sought a stake in the company": wanting is not owning
    if _WHOLLY_END.search(text[: trig[0]]) or _WHOLLY_AFTER.match(text[trig[1] :]):
        share = "100"
    if word.startswith("belong"):  # "The plant belongs to the State Authority for Military Industry"
        owner, asset = _after(groups, trig[1], ("to",)), _subject(text, groups, trig[0])
        return [Found("owns", _actors(owner), _actors(asset), trig, share=share)] if owner and asset else []
    if word.startswith("hold"):  # "Rostec holds 25 percent of MZKT"
        share = _PERCENT.search(word).group(1)
    owner_g = _after(groups, trig[1], ("by",))
    if owner_g is not None and not _OWNER_BY_GAP.fullmatch(text, trig[1], owner_g.start):
        owner_g = None  # "state-owned MAZ, which makes trucks used by the Russian military": not its owner
    if "state" in word or match.group("share") and "owned" in word and "by" not in text[trig[1] : trig[1] + 8]:
        asset = next(
            (
                m
                for m in mentions
                if m.start >= trig[1]
                and m.type in ("company", "candidate")
                and _OWNED_ASSET_GAP.fullmatch(text[trig[1] : m.start])
            ),
            None,
        )
        if asset is None and _COMPANY_NOUN_AFTER.match(text[trig[1] :]):
            asset = next((m for m in reversed(mentions) if m.end <= trig[0] and m.type == "company"), None)
        if asset is None:
            asset_g = _before(groups, trig[0])
            asset = asset_g.members[0] if asset_g and asset_g.members[0].type == "company" else None
        if asset is None:
            return []
        if owner_g:
            owners = _actors(owner_g)
        else:
            nationality = [m.entity for m in mentions if m.role == "modifier" and m.modifies is asset]
            owners = nationality or ([asset.country] if asset.country else [])
        return [Found("owns", owners, [asset.entity], trig, share=share)]
    if "subsidiar" in word:
        owner = _after(groups, trig[1], ("", "of"))
        asset = _before(groups, trig[0])
        if owner and asset:
            return [Found("owns", _actors(owner), _actors(asset), trig, share=share)]
        return []
    if owner_g is None and _BY_THE_STATE_AFTER.match(text[trig[1] :]):
        asset_g = _subject(text, groups, trig[0])  # "Integral, Belarus's largest chipmaker, is 100% owned by the state"
        if asset_g and asset_g.members[0].country and asset_g.members[0].type == "company":
            return [Found("owns", [asset_g.members[0].country], [asset_g.members[0].entity], trig, share=share)]
        return []
    if owner_g and word in ("owned", "controlled"):
        asset = _before(groups, trig[0])
        return [Found("owns", _actors(owner_g), _actors(asset), trig, share=share)] if asset else []
    owner = _before(groups, trig[0])
    # a state is never the asset: "a stake in a Minsk optics joint venture, Belshvabe Optics"
    asset = _after([g for g in groups if any(m.type != "country" for m in g.members)], trig[1], ("", "in", "of"))
    if owner and asset and word not in ("owned", "controlled"):
        if not share:
            pct = _PERCENT.search(text[trig[1] : asset.start])
            share = pct.group(1) if pct else ""
        return [Found("owns", _actors(owner), _actors(asset), trig, share=share)]
    return []


_APPOSITION_OPENING_GAP = re.compile(r"\s*[(,]\s*(?:which is\s+|is\s+)?(?:(?:a|an|the)\s+(?:[a-z][\w-]*\s+){0,2})?")
_APPOSITION_ARTICLE_GAP = re.compile(r"\s*[(,]\s*(?:a|an|the)\s+")
_APPOSITION_AFTER_GAP = re.compile(r"\s*,?\s*(?:(?:the|a|an)\s+(?:[\w-]+\s+){0,3})?")
_OWNER_AFTER_GAP = re.compile(r"\s*(?:the\s+)?")
_OWNER_TYPES = ("company", "organisation", "candidate")


def _owner_group(group: Group | None) -> bool:
    """Whether a group can own a firm in an apposition: firms and bodies, not states named by a nationality."""
    return group is not None and all(
        m.type in _OWNER_TYPES and not m.demonym and (m.type != "candidate" or m.org) for m in group.members
    )


def _owned_within(text, match, groups) -> list[Found]:
    """ "B (part of the A holding)", "B, a Rostec group company", "Rostec's subsidiary B": A owns B."""
    trig = match.span()
    words = match.group(0).lower()
    before = next((g for g in reversed(groups) if g.end <= trig[0]), None)
    if words.endswith("of"):  # "B (part of the A holding)", "B, part of A"
        owner = next((g for g in groups if g.start >= trig[1]), None)
        asset = before
        if (
            owner is None
            or asset is None
            or not _OWNER_AFTER_GAP.fullmatch(text, trig[1], owner.start)
            or not _APPOSITION_OPENING_GAP.fullmatch(text, asset.end, trig[0])
        ):
            return []
    elif "’" in words or "'" in words:  # "Rostec's subsidiary Shvabe", "MAZ's parent, the state holding BelAvtoMAZ"
        owner = before
        asset = next((g for g in groups if g.start >= trig[1]), None)
        if (
            owner is None
            or asset is None
            or owner.end != trig[0]
            or not _APPOSITION_AFTER_GAP.fullmatch(text, trig[1], asset.start)
        ):
            return []
        if words.endswith(("parent", "owner")):
            owner, asset = asset, owner
    else:  # "Kupol, a Rostec group company"
        owner = before
        asset = next((g for g in reversed(groups) if owner is not None and g.end <= owner.start), None)
        if (
            asset is None
            or text[owner.end : trig[0]].strip()
            or not _APPOSITION_ARTICLE_GAP.fullmatch(text, asset.end, owner.start)
        ):
            return []
    if not _owner_group(owner) or set(_actors(owner)) & set(_actors(asset)):
        return []
    return [Found("owns", _actors(owner), _actors(asset), trig)]


_FLOW_AFTER = re.compile(
    r"(?:[’']s?)?\s+(?:total\s+|overall\s+|annual\s+)?(?P<flow>imports|exports|purchases|"
    r"supplies|deliveries|sales)\b(?:\s+of\s+)?"
)


def _trade_share(text, trig, groups, items) -> list[Found]:
    """ "A's share in B's imports (of ITEM)" is A -> B; "A's share in B's exports" (or "in Belarusian exports") is
    B -> A: the share a partner has in a country's trade names the direction of the flow."""
    holder = _possessive_right_before(text, groups, trig[0])
    country = next((g for g in groups if g.start >= trig[1]), None)
    if holder is None or country is None or not _ADJACENT_NAME_GAP.fullmatch(text, trig[1], country.start):
        return []
    flow = _FLOW_AFTER.match(text, country.end)
    if flow is None:
        return []
    sources, targets = (holder, country) if flow.group("flow") in ("imports", "purchases") else (country, holder)
    item = (
        _nearest_item(items, (flow.end(), flow.end()), lo=flow.end(), hi=flow.end() + 40)
        if flow.group(0).rstrip().endswith("of")
        else None
    )
    return [Found("supplies", _actors(sources), _actors(targets), trig, item)]


_ADJACENT_NAME_GAP = re.compile(r"\s+(?:the\s+)?")
_TRADING_BUSINESS_AFTER = re.compile(
    r"\s+(?:houses?|compan(?:y|ies)|firms?|arms?|desks?|platforms?|"
    r"networks?|hubs?|licen[cs]es?)\b"
)
_TRADED = re.compile(r"traded")
_BILATERAL_END = re.compile(r"\b(?:bilateral|mutual|two-way)\s+$", re.I)
_BILATERAL_TRADE = re.compile(r"\b(?:bilateral|mutual|two-way)\s+(?:trade|turnover|commerce)\b", re.I)


def _bilateral(text: str, context: "_Context") -> list[Found]:
    """A sentence that names no party may still state trade between the two named last: "Bilateral trade reached
    $8 billion"."""
    match = _BILATERAL_TRADE.search(text) if len(context.pair) == 2 else None
    return [Found("trades_with", context.pair[:1], context.pair[1:], match.span())] if match else []


def _trade(text, trig, groups, items, context) -> list[Found]:
    """ "Trade between X and Y", "X and Y trade", "X trades with Y", "bilateral trade" (the two named last)."""
    if _TRADING_BUSINESS_AFTER.match(text[trig[1] :]):
        return []
    if not groups and len(context.pair) == 2 and _BILATERAL_END.search(text, 0, trig[0]):
        return [Found("trades_with", context.pair[:1], context.pair[1:], trig)]
    pair = next((g for g in groups if g.prep == "between" and len(g.entities()) >= 2), None)
    partner = _after(groups, trig[1], ("with",))
    if pair is None and partner is None:
        near = _adjacent_before(text, groups, trig[0], max_words=1)
        if near and len(_actors(near)) >= 2:
            pair = near
    item = _nearest_item(items, trig, hi=trig[0], prefer_after=False) if _TRADED.match(text[trig[0] :]) else None
    if pair is not None:
        names = _actors(pair)
        return [Found("trades_with", [names[0]], [names[1]], trig, item)]
    subject = _before(groups, trig[0])
    if partner and subject:
        return [Found("trades_with", _actors(subject), _actors(partner), trig, item)]
    return []


_AGENCY = re.compile(
    r"^(?:the\s+)?(?:treasury|state department|commerce department|council|commission|government|"
    r"ministry|foreign office|department)$",
    re.I,
)
_PRONOUN_AUTHORITY = re.compile(
    r"(?:^|[,;]\s*|\b(?:and|but)\s+|\b(?=we\b))(?:we|it|they|the government|the council|"
    r"the department|(?:the\s+)?treasury|washington|london|brussels)\s+(?:[a-z]+\s+){0,3}$",
    re.I,
)


def _authority_group(group: Group | None, context: _Context) -> list[str]:
    """A sanctioning authority's names; an unnamed agency ("Treasury", "the Council") is the last authority named."""
    if group is None:
        return []
    names = _actors(group)
    if all(m.type == "candidate" and _AGENCY.match(m.entity) for m in group.members if m.type != "weapon_system"):
        return list(context.authority)
    return names


_GOVERNMENT_AFTER = re.compile(r"\s+(?:government|state|regime|authorities|leadership)\b")


def _sanction_targets(text: str, groups: list[Group], first: Group | None) -> list[str]:
    """The target group and the names listed with it; nationalities of unnamed firms or people are not the state."""
    if first is None:
        return []
    targets = []
    for member in first.members:
        if member.demonym and not _GOVERNMENT_AFTER.match(text[member.end :]):
            continue
        if member.type != "weapon_system":
            targets.append(member.entity)
    return targets


_CLASS_OF_END = re.compile(
    r"\b(?:suppliers?|providers?|exporters?|makers?|manufacturers?|producers?|firms?|"
    r"companies|entities|individuals|people|persons|networks?|customers?|buyers?)\s+"
    r"(?:of|to|for|in|from|serving)\s+(?:the\s+)?$"
)
_UNDER_END = re.compile(r"\b(?:under|faces?|facing|hit\s+by|subject\s+to)\s+(?:new\s+|the\s+)?$")
_INCLUDING_END = re.compile(r"\b(?:including|such\s+as|among\s+them|notably|namely)\s+(?:the\s+)?(?:[\w-]+-based\s+)?$")
_TARGETING_WORD = re.compile(r"\b(?:target(?:s|ing|ed)?|against|on|imposed on|over)\s+")
_PASSIVE_AUXILIARY_END = re.compile(r"\b(?:been|was|were|is|are|be)\s+(?:also\s+|now\s+|already\s+|\w+ly\s+)?$")
_RELATIVE_PRONOUN_END = re.compile(r"\b(?:that|which|whom)\s+(?:the\s+)?$")
_IMPOSING_VERB_END = re.compile(
    r"\b(?:impos\w*|introduc\w*|adopt\w*|extend\w*|announc\w*|issu\w*|prolong\w*|renew\w*)"
    r"\s+(?:\w+\s+){0,4}$"
)


def _sanctions(text, trig, groups, context) -> list[Found]:
    word = text[trig[0] : trig[1]].lower()
    authority = _adjacent_before(text, groups, trig[0], max_words=1)
    target = None
    targeting = _TARGETING_WORD.search(text[trig[1] :])
    verb = word.endswith(("ed", "ing")) or word in ("sanction", "designate", "blacklist", "lists")
    passive = verb and _PASSIVE_AUXILIARY_END.search(text[max(0, trig[0] - 24) : trig[0]])
    if passive:
        # "Viktor Sidorenko, who is also designated today": the name before "who", whatever its preposition
        target = _antecedent(text, groups, trig[0]) or _before(groups, trig[0])
        authority = _after(groups, trig[1], ("by",))
    elif verb and not word.endswith("ing"):
        authority = _subject(text, groups, trig[0])
        target = next(
            (g for g in groups if g.start >= trig[1] and g.prep == "" and _sanction_targets(text, groups, g)), None
        )
    if target is not None and _CLASS_OF_END.search(text, trig[1], target.start):
        target = None  # "sanctions target suppliers of Russia's military": a class of parties, not the state
    if target is None and authority is not None and not verb and _UNDER_END.search(text, 0, authority.start):
        target = _subject(text, groups, authority.start)  # "The company has been under EU and US sanctions"
    if target is None and targeting:
        after = [g for g in groups if g.start >= trig[1] and not _CLASS_OF_END.search(text, trig[1], g.start)]
        target = next((g for g in after if g.prep in ("on", "against", "targeting", "over")), None) or next(
            # "sanctions on 25 Belarusian entities, including MZKT and Peleng": the names come after "including"
            (
                g
                for g in after
                if g.start >= trig[1] + targeting.end()
                and g.prep in ("", "as", "among")
                and _INCLUDING_END.search(text, trig[1], g.start)
                and _sanction_targets(text, groups, g)
            ),
            None,
        )
    if target is None and verb and authority is not None and _RELATIVE_PRONOUN_END.search(text[: authority.start]):
        # "Sinno Electronics, a Shenzhen distributor that OFAC also designated today"
        target = next((g for g in reversed(groups) if g.end <= authority.start), None)
    if authority is None:
        authority = (
            _after(groups, trig[1], ("by",))
            or next(
                (
                    g
                    for g in groups
                    if g.prep == "" and g.end <= trig[0] and _IMPOSING_VERB_END.search(text[g.end : trig[0]])
                ),
                None,
            )
            or _antecedent(text, groups, trig[0])
        )  # "the UK and Australia, which imposed parallel measures"
    authorities = _authority_group(authority, context) if authority is not None and authority is not target else []
    if not authorities and (
        _PRONOUN_AUTHORITY.search(text[: trig[0]]) or passive and target is not None and not word.startswith("list")
    ):
        # "we designated", "Treasury blacklisted", "The plant was designated on 24 February 2022": the authority
        # named before
        authorities = list(context.authority)
    if authorities and all(context_type(a, groups) in ("country", "organisation") for a in authorities):
        context.authority = list(authorities)
    authorities += [name for name in _jointly_with(text, groups, authorities) if name not in authorities]
    targets = _sanction_targets(text, groups, target)
    if not authorities or not targets or target is authority:
        return []
    return [Found("sanctions", authorities, targets, trig)]


_JOINTLY_WITH_END = re.compile(
    r"\b(?:jointly|together|in coordination|in concert|in step)\s+with\s+(?:the\s+)?$|"
    r"\balongside\s+(?:the\s+)?$",
    re.I,
)


def _jointly_with(text: str, groups: list[Group], authorities: list[str]) -> list[str]:
    """The partners of a joint act: "jointly with the UK and Canada", "alongside the EU"; when those are the authority
    ("the US acted jointly with the UK and Australia, which imposed"), the one who acted with them."""
    for group in groups:
        if _JOINTLY_WITH_END.search(text, 0, group.start):
            partners = [name for name in _actors(group) if context_type(name, [group]) in ("country", "organisation")]
            if partners and set(partners) <= set(authorities):
                actor = _subject(text, groups, group.start)
                return _actors(actor) if actor is not None and actor is not group else []
            return partners
    return []


def context_type(name: str, groups: list[Group]) -> str:
    return next((m.type for g in groups for m in g.members if m.entity == name), "")


_TO_LIST_AFTER = re.compile(r"\bto\s+(?:its|the|their|a)\s+(?:[\w-]+\s+){0,3}(?:lists?|registers?)\b", re.I)
_ADDED_TARGETS_GAP = re.compile(r"\s*(?:,|and|or)\s+(?:(?:the|an?)\s+)?(?:[\w-]+\s+){0,4}")
_FIRST_LISTED_GAP = re.compile(
    r"\s*(?:is|are|was|were)?\s*(?:,\s*(?:among them|including|such as)\s+)?"
    r"(?:(?:the|an?)\s+)?(?:[\w-]+\s+){0,4}"
)
_NEXT_LISTED_GAP = re.compile(
    r"(?:\s*,\s*(?:a|an|the)\s+[^,;]{0,80})?"  # past an appositive: ", a maker of gearboxes"
    r"\s*(?:,|and|or|as well as)\s*(?:and\s+)?(?:of\s+)?(?:(?:the|an?)\s+)?(?:[\w-]+\s+){0,4}"
)


def _listing(text, match, groups, context) -> list[Found]:
    """ "added X to its sanctions list", "froze the assets of X", "Among those listed is X"."""
    trig = (match.start(), match.end())
    word = match.group(0).lower()
    authority = None
    if word.startswith("added"):
        to_list = _TO_LIST_AFTER.search(text[trig[1] :])
        if to_list is None:
            return []  # "added" without "to its list": the trigger's own pattern says there is one, in any case
        hi = trig[1] + to_list.start()
        inside = [g for g in groups if trig[1] + to_list.start() <= g.start < trig[1] + to_list.end()]
        if _PASSIVE_AUXILIARY_END.search(text[max(0, trig[0] - 12) : trig[0]]):
            first = _before(groups, trig[0])
            authority = inside[0] if inside else None
        else:
            first = next((g for g in groups if trig[1] <= g.start < hi), None)
            authority = _subject(text, groups, trig[0])
        targets = _sanction_targets(text, groups, first)
        if first is not None:
            targets += [
                t
                for g in groups
                if first.end < g.start < hi
                for t in _sanction_targets(text, groups, g)
                if _ADDED_TARGETS_GAP.fullmatch(text[first.end : g.start])
            ]
    else:
        authority = _subject(text, groups, trig[0])
        targets, previous = [], None
        for group in groups:
            if group.start < trig[1]:
                continue
            gap = text[(previous.end if previous else trig[1]) : group.start]
            if (
                previous is None
                and _FIRST_LISTED_GAP.fullmatch(gap)
                or previous is not None
                and _NEXT_LISTED_GAP.fullmatch(gap)
            ):
                targets += _sanction_targets(text, groups, group)
                previous = group
            elif previous is not None:
                break
    authorities = _authority_group(authority, context) if authority is not None else []
    if not authorities:
        authorities = list(context.authority)
    elif all(context_type(a, groups) in ("country", "organisation") for a in authorities):
        context.authority = authorities
    targets = [t for t in targets if t not in authorities]
    if not authorities or not targets:
        return []
    return [Found("sanctions", authorities, targets, trig)]


_FOR_ITEM_LEAD = re.compile(r"(?:[’']s)?(?:\s+[a-z][\w-]*){0,2}?\s+for\s+")
_CLAUSE_OR_VERB_BREAK = re.compile(r"[;:]|\s(?:could|would|will|may|might|is|are|was|were|has|have)\s")


def _depends(text, trig, groups, items) -> list[Found]:
    target = _after(groups, trig[1] - 2, ("on",))
    if target is None or target.start - trig[1] > 4:
        return []
    source = _adjacent_before(text, groups, trig[0], max_words=5) or _before(groups, trig[0])
    if source is None:
        return []
    found = [Found("depends_on", _actors(source), _actors(target), trig)]
    rest = text[target.end :]
    lead = _FOR_ITEM_LEAD.match(rest)
    if lead:
        start = target.end + lead.end()
        stop = _CLAUSE_OR_VERB_BREAK.search(text[start:])
        hi = start + (stop.start() if stop else len(text) - start)
        item = next(((s, e) for s, e in items if s >= start and e <= hi), None)
        if item:
            found[0].item = item
            found.append(Found("supplies", _actors(target), _actors(source), trig, item))
    return found


_HOSTED = (
    r"(?:troops|forces|soldiers|military|bases?|units|servicemen|fighters|mercenaries|personnel|warheads|"
    r"weapons|missiles|launchers|aircraft|jets|bombers|systems|stations?|cent(?:re|er)s?|facilit(?:y|ies)|"
    r"brigades?|airbases?)\b"
)
_TROOPS_AFTER = re.compile(r"\s+(?:[a-z]+\s+){0,2}" + _HOSTED)
_TROOPS_FAR_AFTER = re.compile(r"\s+(?:[a-z]+\s+){0,5}" + _HOSTED)
_GUEST_GAP = re.compile(r"\s+(?:[\w-]+\s+){0,3}")
_HOSTED_ITEM = re.compile(
    r"\s*(?:(?:some|about|around|up to|more than|[\d,]+|the|its|their|a|an)\s+)*"
    r"(?P<item>(?:[A-Za-z][\w-]*\s+){0,3}?" + _HOSTED + ")"
)


_STATIONING_VERBS = ("station", "deploy", "keep", "kept")


def _hosts(text, match, groups, mentions, context) -> list[Found]:
    """ "Belarus hosts Russian troops", "Russian warheads stationed in Belarus", "Russia has deployed missiles to
    Belarus", "Oreshnik launch sites in Belarus": the country where they stand hosts the state they belong to."""
    trig = match.span()
    word = match.group(0).lower()
    if word.startswith("host"):
        host = _before(groups, trig[0])
        # "Russian troops", "Wagner fighters": a country's or an armed group's people
        guest = next(
            (
                m
                for m in mentions
                if m.start >= trig[1] and (m.demonym or m.type == "organisation") and _TROOPS_AFTER.match(text[m.end :])
            ),
            None,
        )
        if host is not None and guest is None:  # "hosts a joint regional group of forces with Russia"
            partner = _after(groups, trig[1], ("with",))
            things = _TROOPS_FAR_AFTER.match(text, trig[1])
            if partner is not None and things is not None and things.end() <= partner.start:
                return [Found("hosts", _actors(host), _actors(partner), trig, (trig[1], things.end()))]
        if host is None or guest is None:
            return []
        item = _TROOPS_AFTER.match(text, guest.end)
        return [Found("hosts", _actors(host), [guest.entity], trig, (guest.end, item.end()))]
    place = next(
        (
            g
            for g in groups
            if g.start >= trig[1]
            and g.prep in ("in", "on", "to", "")
            and g.members[0].type == "country"
            and not g.members[0].demonym
        ),
        None,
    )
    if (
        place is None
        or (word.startswith(_STATIONING_VERBS) and place.start - trig[1] > 80)
        or (not word.startswith(_STATIONING_VERBS) and place.start - trig[1] > 40)
    ):
        return []
    if word.endswith(" of"):  # "the deployment of Russian nuclear weapons in Belarus"
        hosted = _HOSTED_ITEM.match(text, trig[1], place.start)
        owners = [
            m.entity if m.demonym else m.country
            for m in mentions
            if trig[1] <= m.start < place.start and (m.demonym or m.type == "weapon_system")
        ]
        owners = [o for o in owners if o and o not in _actors(place)]
        if hosted is None or place.prep != "in" or not owners:
            return []
        return [Found("hosts", _actors(place), owners[:1], trig, hosted.span("item"))]
    if word.startswith(_STATIONING_VERBS):  # "Russia has stationed tactical nuclear weapons in Belarus"
        subject = _subject(text, groups, trig[0])
        hosted = _HOSTED_ITEM.match(text, trig[1], place.start)
        if (
            subject is not None
            and hosted is not None
            and subject.members[0].type == "country"
            and not subject.members[0].demonym
        ):
            return [Found("hosts", _actors(place), _actors(subject), trig, hosted.span("item"))]
        return _hosted_things_before(text, trig, place, mentions)
    # "Russian troops stationed in Belarus", "Oreshnik launch sites in Belarus": the guest names the things
    guest = next(
        (
            m
            for m in reversed(mentions)
            if m.end <= trig[0]
            and (m.demonym or m.type == "weapon_system")
            and _GUEST_GAP.fullmatch(text[m.end : trig[0]] + " ")
        ),
        None,
    )
    if guest is None:
        return []
    guest_state = guest.entity if guest.demonym else guest.country
    if not guest_state or guest_state in _actors(place):
        return []
    end = trig[1] if "launch" in word else match.start() + len(re.match(r"[\w-]+", match.group(0)).group(0))
    return [Found("hosts", _actors(place), [guest_state], trig, (guest.start if not guest.demonym else guest.end, end))]


_HOSTED_BEFORE = re.compile(r"(?:[A-Z][\w-]*\s+|[a-z][\w-]*\s+){0,3}?" + _HOSTED)


def _hosted_things_before(text, trig, place, mentions) -> list[Found]:
    """ "Iskander launchers of the Russian army remain deployed near Asipovichy, in Belarus": the state the things
    belong to (a nationality or a weapon's country in the clause before) is hosted."""
    clause_start = max(text.rfind(mark, 0, trig[0]) for mark in (",", ";", ":")) + 1
    things = _HOSTED_BEFORE.search(text, clause_start, trig[0])
    if things is None:
        return []
    owners = [
        m.entity if m.demonym else m.country
        for m in mentions
        if clause_start <= m.start < trig[0] and (m.demonym or m.type == "weapon_system")
    ]
    owners = [o for o in owners if o and o not in _actors(place)]
    if not owners:
        return []
    return [Found("hosts", _actors(place), owners[:1], trig, things.span())]


_YEAR = re.compile(r"(?:19|20)\d\d")


def _figure_spans(figures: list[dict]) -> tuple[list[int], list[tuple[int, int, str | None, dict]]]:
    """The figures with readable offsets but years (never a relation's figure), by start (in their given order at one
    start, which breaks ties in _figure_for), with their kinds, and their starts: each relation then looks only at
    its sentence's figures."""
    spans = []
    for figure in figures:
        try:
            start, end = int(figure["start"]), int(figure["end"])
        except (TypeError, ValueError, KeyError):
            continue
        text = str(figure.get("text", "")).strip()
        if len(text) != 4 or not _YEAR.fullmatch(text):  # (a year has four characters: most figures fail the length)
            spans.append((start, end, figure.get("kind"), figure))
    spans.sort(key=itemgetter(0))
    return [span[0] for span in spans], spans


def _figure_for(
    relation: str,
    trig: tuple[int, int],
    item,
    sentence: Sentence,
    figure_spans: tuple[list[int], list[tuple[int, int, str | None, dict]]],
) -> dict | None:
    kinds = _FIGURE_KINDS.get(relation, ())
    if not kinds:
        return None  # (sanctions, dependence, intermediaries carry no figure)
    best, best_key = None, None
    anchor = item or trig
    starts, spans = figure_spans
    first = bisect.bisect_left(starts, sentence.start)
    last = bisect.bisect_right(starts, sentence.end)
    for start, end, kind, figure in spans[first:last]:
        if kind not in kinds or not (sentence.start <= start and end <= sentence.end):
            continue
        local = (start - sentence.start, end - sentence.start)
        distance = min(
            abs(local[0] - anchor[1]), abs(anchor[0] - local[1]), abs(local[0] - trig[1]), abs(trig[0] - local[1])
        )
        key = (distance, start)
        if best_key is None or key < best_key:
            best, best_key = figure, key
    return best


def _share_from_figure(figure: dict | None) -> str:
    if not figure:
        return ""
    value = figure.get("low")
    try:
        number = float(value)
    except (TypeError, ValueError):
        return ""
    return f"{number:g}"


def _clean_item(text: str) -> str:
    return " ".join(text.replace("&amp;", "&").split()).strip(' ,;:.-–—•*"“”')


# The relations a named person (a head of state, an official in the gazetteer) can be a party to in person.
_PERSON_RELATIONS = ("sanctions", "owns")


def extract_relations(
    document, sentences: list[Sentence], entities: list[dict], figures: list[dict], gazetteer=None
) -> list[dict]:
    """Every relation the document states, one row of RELATION_COLUMNS each, in text order. ``entities`` are
    find_entities' rows: in order of their (int) start."""
    if gazetteer is None:
        gazetteer = _default_gazetteer()
    document_reading = _DocumentReading(document, entities, figures, gazetteer)
    starts = [row["start"] for row in entities]
    header: tuple[list[str], list[str], Sentence] | None = None
    for sentence in sentences:
        named = entities[bisect.bisect_left(starts, sentence.start) : bisect.bisect_left(starts, sentence.end)]
        mentions, gate, triggers = _sentence_mentions(sentence, named, document_reading)
        bullet = _BULLET.match(sentence.text) if header else None
        if header and bullet and bullet.end() < len(sentence.text) and len(sentence.text.split()) <= 12:
            sources, targets, _ = header  # a bullet under "exports from Belarus to Russia include:"
            found = [
                Found(
                    "supplies",
                    sources,
                    targets,
                    (0, bullet.end()),
                    (bullet.end(), len(sentence.text)),
                    extra={"modality": "asserted", "trigger": _header_trigger(header[2].text)},
                )
            ]
        else:
            header = None
            found = (
                _relations_in_sentence(
                    sentence, mentions, document_reading.context, gate or _gate(sentence.text), triggers
                )
                if mentions
                else _bilateral(sentence.text, document_reading.context)
            )
            if sentence.text.rstrip().endswith(":"):
                supply = next((f for f in found if f.relation == "supplies"), None)
                if supply:
                    header = (supply.sources, supply.targets, sentence)
        for relation in found:
            document_reading.add(relation, sentence)
    return document_reading.rows


class _DocumentReading:
    """What reading a document keeps from sentence to sentence: its context, short forms, figures, and the rows."""

    def __init__(self, document, entities: list[dict], figures: list[dict], gazetteer):
        self.document, self.gazetteer = document, gazetteer
        self.stem = _stem(document.name)
        self.context = _Context(entities)
        self.aliases = _short_forms(document.text, entities)
        self.figure_spans = _figure_spans(figures)
        self.rows: list[dict] = []
        self.seen: set[str] = set()

    def add(self, relation: Found, sentence: Sentence) -> None:
        """The rows of a relation found in a sentence, one per source and target, each relation id once."""
        kind, text, offset = relation.relation, sentence.text, sentence.start
        figure = _figure_for(kind, relation.trigger, relation.item, sentence, self.figure_spans)
        share = relation.share or (_share_from_figure(figure) if kind == "owns" else "")
        item = _clean_item(text[relation.item[0] : relation.item[1]]) if relation.item else ""
        trigger = relation.extra.get("trigger") or text[relation.trigger[0] : relation.trigger[1]]
        stated = relation.extra.get("modality") or modality(text, relation.trigger[0])
        countries = [
            name for name in (*relation.sources[:1], *relation.targets[:1]) if self.gazetteer.type_of(name) == "country"
        ]
        if len(countries) == 2 and countries[0] != countries[1]:
            self.context.pair = countries  # for a later "bilateral trade"
        for source in relation.sources:
            for target in relation.targets:
                relation_id = f"{self.stem}:{offset}:{source}>{target}:{kind}"
                if not self._may_relate(kind, source, target) or relation_id in self.seen:
                    continue
                self.seen.add(relation_id)
                self.rows.append(
                    dict(
                        zip(
                            RELATION_COLUMNS,
                            (
                                relation_id,
                                self.document.name,
                                source,
                                target,
                                kind,
                                item,
                                share,
                                figure["figure_id"] if figure else "",
                                trigger,
                                stated,
                                ";".join(name for name in (source, target) if self.gazetteer.entry(name) is None),
                                text,
                                offset,
                                sentence.end,
                            ),
                            strict=True,
                        )
                    )
                )

    def _may_relate(self, kind: str, source: str, target: str) -> bool:
        """Two different parties; a head of state or an official in the gazetteer acts for a state ("Lukashenko
        supplies Belarus" is not a relation), so a person is a party only to _PERSON_RELATIONS."""
        if not source or not target or source == target:
            return False
        return kind in _PERSON_RELATIONS or "person" not in (
            self.gazetteer.type_of(source),
            self.gazetteer.type_of(target),
        )


def _sentence_mentions(sentence: Sentence, named: list[dict], reading: _DocumentReading):
    """A sentence's mentions (None when it cannot state a relation), its _gate and _trigger_matches (None when not
    worked out); the firms it names join the context, for a later "the company"."""
    context, gazetteer, aliases = reading.context, reading.gazetteer, reading.aliases
    # A sentence with names has its gate worked out here, which also tells whether it may refer to a firm; one
    # without (most have no mention at all) may refer only to a firm named before, if any.
    gate = _gate(sentence.text) if named else None
    triggers = None
    if gate is None:
        coreferents = context.companies or None
        mentions = _mentions(sentence, named, gazetteer, coreferents, aliases) if coreferents else []
    else:
        coreferents = context.companies if gate[2] & _COREFERENCE else None
        triggers = _trigger_matches(sentence.text, gate)
        if triggers or coreferents is not None or _untriggered_may_state(sentence.text):
            mentions = _mentions(sentence, named, gazetteer, coreferents, aliases)
        else:  # (most sentences with names) no relation: only the firms named count
            context.companies.extend(_firms_named(sentence, named, aliases))
            context.previous_subjects = context.subjects
            context.subjects = [
                row["entity"]
                for row in named[:1]
                if row["entity_type"] in ("country", "company") and not gazetteer.is_demonym(row["text"])
            ]
            return None, gate, triggers
    context.previous_subjects = context.subjects
    context.subjects = [m.entity for m in mentions[:1] if m.role == "actor" and m.type in ("country", "company")]
    for m in mentions:
        # (a firm named after "a unit of" is not the one "the company" refers to)
        if (m.type == "company" or m.type == "candidate" and m.org) and not _OWNER_OF_END.search(
            sentence.text, 0, m.start
        ):
            context.companies.append((m.entity, m.country))
    return mentions, gate, triggers


_BRACKETED_SHORT_FORM = re.compile(r"[\w\s,.]{0,24}?\(([A-Z][\w-]+(?:\s[A-Z][\w-]+)?)\)")


def _short_forms(text: str, rows: list[dict]) -> dict[str, str]:
    """ "Guangzhou Ausay Trading Co., Limited (Ausay)": a candidate's short form in brackets goes by the full name."""
    out = {}
    previous = None
    for row in rows:
        if row["match"] != "candidate":
            continue
        found = _BRACKETED_SHORT_FORM.match(text, row["end"])
        if found:
            name_row = row
            if (
                previous is not None
                and row["start"] - previous["end"] <= 4
                and not _LEGAL_SUFFIX.sub("", " " + row["text"]).strip()
            ):
                name_row = previous  # "Guangzhou Ausay Trading Co., Limited (Ausay)": the name before the suffix
            full = candidate_name(name_row["text"])
            short = found.group(1)
            if short != full and _ORG_WORDS.search(full):
                out[short] = full
        previous = row
    return out


def _header_trigger(text: str) -> str:
    match = (
        _TRIGGER_PATTERNS["supply_event"].search(text)
        or _TRIGGER_PATTERNS["supply_verb"].search(text)
        or _TRIGGER_PATTERNS["supply_agent"].search(text)
    )
    return match.group(0) if match else text.rstrip(":")


_GAZETTEER = None


def _default_gazetteer():
    global _GAZETTEER
    if _GAZETTEER is None:
        from .entities import load_gazetteer

        _GAZETTEER = load_gazetteer()
    return _GAZETTEER


# Patterns of the functions above, compiled once.
_ITEM_HEAD_AFTER = re.compile(r"\s+(?:[a-z][\w-]*\s+)?(?:" + "|".join(sorted(_ITEM_HEADS)) + r")\b")


def _trigger_pattern(kind: str) -> re.Pattern:
    """One kind's rows of rules.TRIGGERS as one pattern: each row "before, one of its anchors, after"."""
    rows = []
    for row in rules.TRIGGERS:
        if row[0] == kind:
            words = sorted(rules.anchors(row), key=lambda anchor: (-len(anchor), anchor))
            rows.append(rf"{row[2]}\b(?:{'|'.join(map(re.escape, words))})\b{row[3]}")
    return re.compile("|".join(rows), re.I)


_TRIGGER_PATTERNS = {kind: _trigger_pattern(kind) for kind in rules.TRIGGER_ORDER}
# The same patterns for a sentence in lower case: they hold no capital letter, and where lowering changes nothing but
# ASCII capitals (text.ascii_case_only), they match as the re.IGNORECASE ones do on the sentence.
_CASED_PATTERNS = {kind: re.compile(pattern.pattern) for kind, pattern in _TRIGGER_PATTERNS.items()}
assert not any(re.search(r"[A-Z]", re.sub(r"\(\?P<|\\[A-Z]", "", p.pattern)) for p in _CASED_PATTERNS.values())
assert set(_TRIGGER_PATTERNS) == {row[0] for row in rules.TRIGGERS}
# The gate: a kind's pattern runs on a sentence only when one of its anchors is in it (every match holds one, as
# written, in the sentence folded as re.IGNORECASE reads it). A set of kinds is a bit mask, in TRIGGER_ORDER; the bit
# after them tells whether the sentence may refer back to a firm (_COREF holds one of _COREF_HEADS).
_KIND_BITS = {kind: 1 << index for index, kind in enumerate(rules.TRIGGER_ORDER)}
_COREFERENCE = 1 << len(rules.TRIGGER_ORDER)
GATE_KEYS = tuple(
    dict.fromkeys((anchor, _KIND_BITS[row[0]]) for row in rules.TRIGGERS for anchor in rules.anchors(row))
) + tuple((head, _COREFERENCE) for head in _COREF_HEADS)


# Every key starts a word in a match (a trigger's pattern has "\b" before its anchor; _COREF_HEAD a space before its
# head), so one scan of the folded sentence finds, at each word start, the longest key there; every key that starts
# there is a prefix of it, and its kinds are those of all its prefixes that are keys.


def _key_bits() -> dict[str, int]:
    """Each gate key with the kinds of every key that is a prefix of it (itself too); a key of several words also
    gives its kinds to its first word ("pass on" to "pass"), so that a scan of one word finds them."""
    bits: dict[str, int] = {}
    for key, bit in GATE_KEYS:
        for part in {key, key.split()[0]}:
            bits[part] = bits.get(part, 0) | bit
    with_prefixes = dict.fromkeys(bits, 0)
    for key in bits:
        for other, bit in bits.items():
            if key.startswith(other):
                with_prefixes[key] |= bit
    return with_prefixes


_PREFIX_BITS = _key_bits()
_KEYS_AT = re.compile(
    r"\b(?=(" + "|".join(re.escape(key) for key in sorted(_PREFIX_BITS, key=lambda k: (-len(k), k))) + "))"
)


def _word_kinds(word: str) -> int:
    """The kinds of the keys that start a word inside a whitespace-separated word (folded)."""
    kinds = 0
    for key in _KEYS_AT.findall(word):
        kinds |= _PREFIX_BITS[key]
    return kinds


# A key of one word lies inside one whitespace-separated word; a key of several words starts with a whole word, which
# _KEYS_AT finds (_key_bits gives that word the phrase's kinds). So the kinds
# of a sentence's words, each worked out once per word, include every kind whose key is in the sentence.
_WORD_KINDS = _WordProperty(lambda word: _word_kinds(fold_case(word)))


def _gate(text: str) -> tuple[str, bool, int, list[str]]:
    """A sentence in lower case (or None, when re.IGNORECASE might match it otherwise: see _gate_text), whether it is,
    the kinds of trigger (and _COREFERENCE) whose anchors it holds, and its whitespace-separated words (which
    _item_phrases reads)."""
    words = text.split()
    kinds = 0
    for word in words:
        kinds |= _WORD_KINDS[word]
    lowered = ascii_case_only(text)
    return (text.lower() if lowered else None), lowered, kinds, words


def precheck_violations(text: str) -> list[str]:
    """The pre-checks that would rule out a sentence one of their patterns matches (none, if they are sound): the
    trigger gate, the coreference gate (the head nouns of _COREF) and the words the untriggered rules need."""
    violations = [f"gate: {kind}" for kind in sorted(matched_kinds(text) - gated_kinds(text))]
    if _COREF.search(text) and not (_COREF_HEAD.search(text) and _gate(text)[2] & _COREFERENCE):
        violations.append("coreference")
    if (_FROM_GAP.search(text) or _WITHOUT.search(text)) and not _untriggered_may_state(text):
        violations.append("untriggered")
    return violations


def gated_kinds(text: str) -> frozenset[str]:
    """The kinds of trigger whose patterns the gate lets run on a sentence."""
    kinds = _gate(text)[2]
    return frozenset(kind for kind, bit in _KIND_BITS.items() if kinds & bit)


def matched_kinds(text: str) -> frozenset[str]:
    """The kinds of trigger whose patterns match in a sentence, gate or no gate (what gated_kinds must admit)."""
    return frozenset(kind for kind, pattern in _TRIGGER_PATTERNS.items() if pattern.search(text))


_TRIGGERS_FOR: dict[int, list[tuple[str, re.Pattern]]] = {}


def _triggers_for(kinds: int) -> list[tuple[str, re.Pattern]]:
    """(kind, pattern) of the triggers in the bit mask ``kinds``, in TRIGGER_ORDER."""
    triggers = _TRIGGERS_FOR.get(kinds)
    if triggers is None:
        triggers = _TRIGGERS_FOR[kinds] = [
            (kind, pattern) for kind, pattern in _TRIGGER_PATTERNS.items() if kinds & _KIND_BITS[kind]
        ]
    return triggers


_ADJACENT_GAPS: dict[int, re.Pattern] = {}


def _adjacent_gap(max_words: int) -> re.Pattern:
    pattern = _ADJACENT_GAPS.get(max_words)
    if pattern is None:
        pattern = _ADJACENT_GAPS[max_words] = re.compile(r"(?:[’']s?)?\s*(?:[\w-]+\s+){0,%d}" % max_words)
    return pattern

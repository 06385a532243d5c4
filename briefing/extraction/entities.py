"""Entity mentions: a curated gazetteer matched exactly, by alias and by fuzzy matching, plus unmatched candidates.

The gazetteer (``data/gazetteer.csv``) has one row per entity: ``name`` (canonical), ``type`` (country, company,
person, organisation, weapon_system, exercise), ``country``, ``aliases`` and ``demonyms`` (both ``;``-separated).
Aliases cover other names, capitals standing for governments and agencies; demonyms the adjectives and peoples
("Belarusian" -> Belarus). Every mention in a document becomes one row of ``ENTITY_COLUMNS``:

* ``exact``: the canonical name as written; ``alias``: an alias or demonym; both score 100;
* ``fuzzy``: a capitalised name within rapidfuzz's ``ratio`` of a gazetteer name (a misspelling such as
  "Lushenko"), with the score;
* ``candidate``: a capitalised proper-noun span that matches nothing, kept so an analyst can add it.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from pathlib import Path

from rapidfuzz import fuzz, process

from .. import DATA_DIR
from ..reading.text import ASCII_FOLDS, MEMO_LIMIT, Sentence, ascii_case_only, sentence_at, word_start_alternation
from ..schema import ENTITY_COLUMNS

ENTITY_TYPES = ("country", "company", "person", "organisation", "weapon_system", "exercise")
FUZZY_CUTOFF = 85.0  # rapidfuzz ratio; "Lushenko" -> "Lukashenko" scores 88.9
FUZZY_MIN_LENGTH = 5  # shorter words are too easily one letter away from another name

_MONTHS = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday "
    "Sunday"
).split()
# Capitalised words that are not names on their own: function words, titles and the like.
_NOT_NAMES = frozenset(w.lower() for w in _MONTHS) | frozenset(
    """
a an the in on at of for to from by with and or but nor so yet as if is are was were be been this that these those
it its it's they their them we our us you your he his she her i my me there here when where while which who whom
whose what why how since after before during until unless although though because however meanwhile moreover
nevertheless nonetheless furthermore also alone each every some any all both either neither no not none one two
three many much more most few several such other another according against among between into through via per
chiefly quite being having once then thus hence still even just only also yet analysis key findings findings
president prime minister vice first deputy general colonel mr mrs ms dr prof sir senior chief head secretary
minister's read full report watch view profile footnotes explore related content written by pdf photo stock
""".split()
)
# "Minsk-based", "Chinese-made", "Iran-backed": a name glued to one of these is still a mention (a place, a maker,
# a sponsor), not part of a longer name.
_PLACE_SUFFIXES = (
    "(?:based|made|built|registered|headquartered|incorporated|produced|manufactured|supplied|designed|"
    "origin|sourced|related|linked|backed|affiliated|aligned|funded|sponsored|friendly)"
)
# Titles and offices written before a name ("Defence Minister No Kwang Chol"): trimmed from a candidate's start.
_LEADING_TITLES = frozenset(
    """
defence defense foreign interior finance economy trade industry minister ministers ambassador spokesman spokeswoman
commander businessman businesswoman oligarch tycoon director ceo chairman founder owner official officials analyst
""".split()
)
_CONNECTORS = frozenset(("of", "the", "and", "for", "de", "&"))
_NOT_NAMES_OR_CONNECTORS = _NOT_NAMES | _CONNECTORS
_WORD = re.compile(r"[A-Z][\w.'’&-]*[\w]|[A-Z]")
# "(?<![\w-])[A-Z]" written "[A-Z](?<![\w-][A-Z])": a pattern that starts with its character class is scanned
# for that class at C speed, one that starts with a lookbehind is tried at every position.
_CAP_SPAN = re.compile(r"[A-Z](?<![\w-][A-Z])[\w'’-]*(?:\s+(?:(?:of|the|and|for|de|&)\s+)?[A-Z0-9][\w'’-]*)*")


@dataclass(frozen=True)
class Entry:
    name: str
    type: str
    country: str
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    """Canonical entities with their aliases, a compiled matcher and a fuzzy index."""

    entries: list[Entry]
    _by_name: dict[str, Entry] = field(init=False, repr=False)
    _surface: dict[str, tuple[Entry, str]] = field(init=False, repr=False)  # lower(surface) -> (entry, surface)
    _pattern: re.Pattern = field(init=False, repr=False)
    _cased_pattern: re.Pattern | None = field(init=False, repr=False, compare=False)  # see __post_init__
    _cased_pattern_without_the: re.Pattern | None = field(init=False, repr=False, compare=False)  # likewise
    _after_the: re.Pattern | None = field(init=False, repr=False, compare=False)  # likewise
    _passed_over: dict = field(init=False, repr=False, compare=False)  # likewise: word -> (characters, pattern)
    _cased_cache: dict = field(init=False, repr=False, compare=False)  # surface -> _cased_lookup()'s answer
    _fuzzy_choices: list[str] = field(init=False, repr=False)
    _demonyms: set[str] = field(init=False, repr=False)
    _fuzzy_cache: dict = field(init=False, repr=False, compare=False)  # key -> fuzzy()'s answer
    _fuzzy_choices_by_length: dict = field(init=False, repr=False, compare=False)  # see _fuzzy_choices_for
    _fuzzy_parts_cache: dict = field(init=False, repr=False, compare=False)  # surface -> fuzzy_parts()'s answer
    _accepted: dict = field(init=False, repr=False, compare=False)  # matched surface -> _accept()'s answer
    _demonym_cache: dict = field(init=False, repr=False, compare=False)  # surface -> is_demonym()'s answer

    def __post_init__(self) -> None:
        self._by_name = {}
        self._surface = {}
        self._demonyms = set()
        for entry in self.entries:
            if entry.type not in ENTITY_TYPES:
                raise ValueError(f"gazetteer: {entry.name}: unknown type {entry.type!r}")
            if entry.name in self._by_name:
                raise ValueError(f"gazetteer: {entry.name} is listed twice")
            self._by_name[entry.name] = entry
        # Canonical names first, so that a name never loses to another entity's alias of the same spelling.
        for entry in self.entries:
            self._surface.setdefault(entry.name.lower(), (entry, entry.name))
        for entry in self.entries:
            for alias in (*entry.aliases, *entry.demonyms):
                self._surface.setdefault(alias.lower(), (entry, alias))
            self._demonyms.update(d.lower() for d in entry.demonyms)
        alternation = _trie_pattern(self._surface)
        # "Russia-Belarus" is two names, "Minsk-based" and "Chinese-made" name a place; "Belarusian-owned" too.
        self._pattern = re.compile(
            rf"(?<!\w)(?:{alternation})(?![\w]|-(?!{_PLACE_SUFFIXES}\b)(?-i:[a-z]))", re.IGNORECASE
        )
        # The same matcher without re.IGNORECASE, for text that ascii_case_only() accepts (where re.IGNORECASE matches
        # nothing but ASCII letters to another case). It tries names only where a word starts with a capital or a
        # digit, or with "the " (about a quarter of the places where a word starts): no name is accepted elsewhere
        # (see _case_ok). The trie's ASCII letters take either case, as under re.IGNORECASE, but for a name's first
        # one; the hyphen test reads the letter after it as written. Only when no name holds a letter that
        # re.IGNORECASE matches to an ASCII letter of another case ("ſ", "K"), each starts with an ASCII letter or
        # digit, and none written in lower case is accepted only as written.
        # A name passed over still takes up its text in the scan of re.IGNORECASE: there "vladimir Putin" is one name,
        # turned down for its case, where the cased scan finds "Putin". The _passed_over patterns tell such a case,
        # rare in real text, and matches() is then asked (see cased_matches).
        # Names after "the " are tried at every "t" in the text, which costs that scan much of its time: where
        # _after_the finds none of them (as in most texts), _cased_pattern_without_the finds the same names.
        self._cased_pattern = self._cased_pattern_without_the = self._after_the = None
        self._passed_over = {}
        if not any(
            set(surface) & ASCII_FOLDS or not re.match(r"[a-z0-9]", surface) for surface in self._surface
        ) and not any(_exact_case(written) and written[:1].islower() for _, written in self._surface.values()):
            not_followed = rf"(?![\w]|-(?!(?i:{_PLACE_SUFFIXES})\b)[a-z])"
            self._cased_pattern = re.compile(_trie_pattern(self._surface, "capital_or_the") + not_followed)
            self._cased_pattern_without_the = re.compile(_trie_pattern(self._surface, "capital") + not_followed)
            after_the = _trie_pattern(self._surface, "the")
            self._after_the = re.compile(after_the) if after_the else None
            self._passed_over = _passed_over_patterns(self._surface)
        self._fuzzy_choices = [s for s in sorted(self._surface) if len(s) >= FUZZY_MIN_LENGTH]
        self._fuzzy_cache = {}
        self._fuzzy_choices_by_length = {}
        self._fuzzy_parts_cache = {}
        self._accepted = {}
        self._cased_cache = {}
        self._demonym_cache = {}

    # -- lookups -------------------------------------------------------------------------------------------------
    def names(self) -> list[str]:
        """All canonical names, sorted."""
        return sorted(self._by_name)

    def entry(self, name: str) -> Entry | None:
        canonical = self.resolve(name)
        return self._by_name.get(canonical) if canonical else None

    def resolve(self, name: str | None) -> str | None:
        """The canonical name for a name, alias, demonym or close misspelling; None when nothing matches."""
        if not name or not str(name).strip():
            return None
        key = " ".join(str(name).split()).lower()
        hit = self._surface.get(key)
        if hit:
            return hit[0].name
        fuzzy = self.fuzzy(str(name))
        return fuzzy[0].name if fuzzy else None

    def fuzzy(self, name: str) -> tuple[Entry, str, float] | None:
        """(entry, matched surface, score) for a misspelt name, or None."""
        key = " ".join(name.split()).lower()
        if len(key) < FUZZY_MIN_LENGTH:
            return None
        try:
            return self._fuzzy_cache[key]
        except KeyError:
            pass
        best = process.extractOne(key, self._fuzzy_choices_for(len(key)), scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        if best is None:
            found = None
        else:
            entry, surface = self._surface[best[0]]
            found = entry, surface, round(float(best[1]), 1)
        if len(self._fuzzy_cache) >= MEMO_LIMIT:
            self._fuzzy_cache.clear()
        self._fuzzy_cache[key] = found
        return found

    def _fuzzy_choices_for(self, length: int) -> list[str]:
        """The fuzzy choices that fuzz.ratio may score FUZZY_CUTOFF or more against a name of ``length`` characters,
        in their order (extractOne then picks the one it would among all): the ratio is at most 200 * the shorter
        length / the sum of the lengths. Most choices are too short or too long for most names."""
        try:
            return self._fuzzy_choices_by_length[length]
        except KeyError:
            pass
        choices = [
            choice
            for choice in self._fuzzy_choices  # with a margin of one for rounding
            if 200 * min(len(choice), length) >= (FUZZY_CUTOFF - 1) * (len(choice) + length)
        ]
        if len(self._fuzzy_choices_by_length) >= 1_000:
            self._fuzzy_choices_by_length.clear()
        self._fuzzy_choices_by_length[length] = choices
        return choices

    def fuzzy_parts(self, surface: str) -> tuple[tuple[int, int, Entry, float], ...]:
        """(start, end, entry, score) of each misspelt name in a capitalised span, with offsets in ``surface``: the
        whole span first, then its single words."""
        try:
            return self._fuzzy_parts_cache[surface]
        except KeyError:
            pass
        found: tuple[tuple[int, int, Entry, float], ...] = ()
        if surface[:1].isupper():
            hit = self.fuzzy(surface)
            if hit and hit[2] >= 100:
                hit = None  # the same letters in another case ("Volat" for "VOLAT"): the case rule said no
            if hit and len(surface.split()) > 1:
                found = ((0, len(surface), hit[0], hit[2]),)
            else:
                words = []
                for word in _CAPITALISED_WORD.finditer(surface):
                    token = word.group(0).rstrip("'’s") if word.group(0).endswith(("'s", "’s")) else word.group(0)
                    if len(token) < FUZZY_MIN_LENGTH or token.lower() in _NOT_NAMES:
                        continue
                    hit = self.fuzzy(token)
                    if hit and hit[2] < 100:
                        words.append((word.start(), word.start() + len(token), hit[0], hit[2]))
                found = tuple(words)
        if len(self._fuzzy_parts_cache) >= MEMO_LIMIT:
            self._fuzzy_parts_cache.clear()
        self._fuzzy_parts_cache[surface] = found
        return found

    def country_of(self, name: str | None) -> str:
        """The country an entity belongs to (itself for a country); empty when unknown."""
        entry = self.entry(name) if name else None
        return entry.country if entry else ""

    def type_of(self, name: str | None) -> str:
        entry = self.entry(name) if name else None
        return entry.type if entry else ""

    def is_demonym(self, surface: str) -> bool:
        try:
            return self._demonym_cache[surface]
        except KeyError:
            if len(self._demonym_cache) >= MEMO_LIMIT:
                self._demonym_cache.clear()
            found = self._demonym_cache[surface] = " ".join(surface.split()).lower() in self._demonyms
            return found

    # -- matching ------------------------------------------------------------------------------------------------
    def matches(self, text: str):
        """(start, end, entry, match) for every exact or alias mention in ``text``."""
        accepted = self._accepted
        for found in self._pattern.finditer(text):
            surface = found.group(0)
            try:
                hit = accepted[surface]
            except KeyError:
                hit = accepted[surface] = self._accept(surface)
            if hit is not None:
                yield found.start(), found.end(), hit[0], hit[1]

    def cased_matches(self, text: str, sentences: list[Sentence]) -> list[tuple] | None:
        """(start, end, surface, entry, match, sentence) for matches() of each sentence's text in turn, for ``text``
        that ascii_case_only() accepts. The sentences are sorted, with a space or nothing before each. None when a
        name that the scan passes over may run into one it finds: then matches() must be asked. Only when
        _cased_pattern is not None.

        One scan of the whole text finds the names a scan of each sentence would, but for a name that runs past the
        end of a sentence (across a line break): that sentence is then scanned on its own from there."""
        found_names: list[tuple] = []
        known = self._cased_cache
        # _after_the reads "the" as most texts write it; one that holds "tHe" or "thE" is scanned for all names.
        if self._after_the is not None and ("tH" in text or "thE" in text or self._after_the.search(text)):
            finditer = self._cased_pattern.finditer
        else:
            finditer = self._cased_pattern_without_the.finditer
        whole, count = len(text), len(sentences)
        index, pos, endpos = 0, sentences[0].start if sentences else whole, whole
        while index < count:
            sentence = sentences[index]
            sentence_start, sentence_end = sentence.start, sentence.end  # read once a sentence, not once a name
            for found in finditer(text, pos, endpos):
                m_start, m_end = found.span()
                while sentence_end <= m_start:
                    index += 1
                    if index == count:
                        return found_names
                    sentence = sentences[index]
                    sentence_start, sentence_end = sentence.start, sentence.end
                if m_start < sentence_start:  # a name outside the sentences: not looked for
                    pos = sentence_start
                    break
                if m_end > sentence_end:
                    pos, endpos = m_start, sentence_end
                    break
                surface = text[m_start:m_end]
                try:
                    run_into, hit = known[surface]
                except KeyError:
                    if len(known) >= MEMO_LIMIT:
                        known.clear()
                    run_into, hit = known[surface] = self._cased_lookup(surface)
                if run_into is not None and _runs_into(text, m_start, sentence, run_into):
                    return None
                if hit is not None:
                    found_names.append((m_start, m_end, surface, hit[0], hit[1], sentence))
            else:
                if endpos == whole:
                    break
                index += 1  # the end of a sentence scanned on its own: the whole text again from the next one
                pos, endpos = sentences[index].start if index < count else whole, whole
        return found_names

    def _cased_lookup(self, surface: str) -> tuple[tuple[frozenset[str], re.Pattern] | None, tuple[Entry, str] | None]:
        """For cased_matches, what it needs to know of a surface its scan found: the _passed_over entry of its
        first word (whether a name passed over may run into it: the word is a later word of some name), and
        _accept()'s answer."""
        first_word = _WORD_RUN.match(surface).group(0).lower()
        return self._passed_over.get(first_word), self._accept(surface)

    def _accept(self, surface: str) -> tuple[Entry, str] | None:
        """(entry, "exact" or "alias") for a surface the pattern matched, None when its case rules it out."""
        key = " ".join(surface.split()).lower()
        hit = self._surface.get(key)
        if hit is None:  # pragma: no cover - the pattern only holds known surfaces
            return None
        entry, written = hit
        if not _case_ok(surface, written):
            return None
        return entry, "exact" if key == entry.name.lower() else "alias"


_SPACE_RUN_OR_CHAR = re.compile(r"\s+|.")


def _runs_into(text: str, start: int, sentence: Sentence, run_into: tuple[frozenset[str], re.Pattern]) -> bool:
    """Whether a name passed over by the scan runs into the name at ``start`` (see _passed_over_patterns). First, at
    the cost of a few character tests, whether the last character before the name but for spaces is one that a name
    passed over may end with there ("f" of "republic of "), as it seldom is; then the sentence's text before the name,
    backwards (backwards[i] is text[sentence.end - 1 - i]): a scan of the sentence starts where it does."""
    before = start - 1
    while before >= sentence.start and text[before].isspace():
        before -= 1
    if before < sentence.start or text[before].lower() not in run_into[0]:
        return False
    backwards = text[sentence.start : sentence.end][::-1]
    return run_into[1].match(backwards, sentence.end - start) is not None


def _trie_pattern(surfaces, starts: str = "any") -> str:
    """One regex for many names, shaped as a trie: shared prefixes are tried once, and a longer name is preferred
    to its prefix (greedy optional groups), as a longest-first alternation would, at a fraction of the cost.

    ``starts`` "any": the names in lower case, for re.IGNORECASE. Else without re.IGNORECASE (see
    Gazetteer.__post_init__), with letters in either case as re.IGNORECASE reads them in a text that ascii_case_only()
    accepts, but for a name's first: "capital_or_the", the names that start with a capital or a digit, and those
    after "the " (in lower case); "capital", only the former; "the", only the latter, as "the" and a lookbehind (a
    pattern that starts with a literal is scanned for it at C speed), or "" when there are none."""
    cased_starts = starts != "any"
    trie: dict = {}
    for surface in surfaces:
        node = trie
        for token in _SPACE_RUN_OR_CHAR.findall(surface.lower()):
            node = node.setdefault(" " if token.isspace() else token, {})
        node[""] = {}

    def either_case(token: str) -> bool:
        return cased_starts and token.upper() != token and len(token.upper()) == 1

    def literal(token: str, word_start: bool) -> str:
        if token == " ":
            return r"\s+"
        # Either case, as under re.IGNORECASE. Inside a word, only an ASCII letter: ascii_case_only() accepts a text
        # only when no other letter of it has another case.
        if either_case(token) and (word_start or token.isascii()):
            return f"[{re.escape(token)}{re.escape(token.upper())}]"
        return re.escape(token)

    def build(node: dict, word_start: bool = True) -> str:
        branches = [
            literal(token, word_start) + build(child, _WORD_CHARACTER.match(token) is None)
            for token, child in sorted(node.items())
            if token
        ]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return (body if len(branches) > 1 else f"(?:{body})") + "?"
        return body

    if cased_starts:
        # A name's first character as a capital or a digit, and "the" in lower case. Each leads its own branch, then
        # a lookbehind tells that no word character comes before it: re scans for the first characters at C speed.
        the = trie.get("t", {}).get("h", {}).get("e", {}).get(" ")
        if starts == "the":
            return rf"the(?<!\wthe)\s+{build(the)}" if the is not None else ""
        firsts = [
            (token.upper(), build(child, _WORD_CHARACTER.match(token) is None)) for token, child in sorted(trie.items())
        ]
        if the is not None and starts == "capital_or_the":
            firsts.append(("t", literal("h", False) + literal("e", False) + r"\s+" + build(the)))
        return word_start_alternation(firsts)
    return build(trie)


_WORD_CHARACTER = re.compile(r"\w")


def _passed_over_patterns(surfaces) -> dict[str, tuple[frozenset[str], re.Pattern]]:
    """For Gazetteer.cased_matches, by each word that a name holds after its first: a pattern that tells whether a
    name the cased scan passes over (one starting in lower case, but for "the ") ends, before that word, just where
    a name found by the scan starts: "vladimir " before "Putin". It reads the text backwards from the found name:
    the passed-over name's text up to the word, backwards, in either case but for its first letter. With the pattern,
    the characters (in lower case) that such a name's text may end with before the word but for spaces."""
    backwards: dict[str, set[str]] = {}
    for surface in surfaces:
        if _LEADING_THE.match(surface):  # the scan tries "the ": not passed over
            continue
        for boundary in _WORD_AFTER_NON_WORD.finditer(surface):
            word = _WORD_RUN.match(surface, boundary.end()).group(0)
            backwards.setdefault(word, set()).add(surface[: boundary.end()][::-1])
    return {
        word: (
            frozenset(prefix.lstrip()[0] for prefix in prefixes),
            re.compile(rf"(?:{_trie_pattern(prefixes)})(?-i:(?<=[a-z]))(?!\w)", re.IGNORECASE),
        )
        for word, prefixes in backwards.items()
    }


_WORD_RUN = re.compile(r"\w+")
_WORD_AFTER_NON_WORD = re.compile(r"\W(?=\w)")


_LEADING_THE = re.compile(r"^the\s+")


def _exact_case(written: str) -> bool:
    """Whether a name is accepted only in the case it is written in: short or all-capital names ("US", "UN", "Xi")."""
    return len(written) <= 4 or written.isupper() or any(c.isupper() for c in written[1:]) and len(written) <= 6


def _case_ok(surface: str, written: str) -> bool:
    """Short or all-capital names ("US", "UN", "Xi") must match their case; others must start with a capital."""
    if _exact_case(written):
        return " ".join(surface.split()) == written
    surface = _LEADING_THE.sub("", surface)  # "the West", "the Kremlin"
    return surface[:1].isupper() or surface[:1].isdigit()


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(";") if part.strip())


def load_gazetteer(path: Path | str | None = None) -> Gazetteer:
    """Read the gazetteer CSV (default ``data/gazetteer.csv``)."""
    path = Path(path) if path else DATA_DIR / "gazetteer.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    entries = [
        Entry(
            name=row["name"].strip(),
            type=row["type"].strip(),
            country=(row.get("country") or "").strip(),
            aliases=_split(row.get("aliases")),
            demonyms=_split(row.get("demonyms")),
        )
        for row in rows
        if (row.get("name") or "").strip()
    ]
    return Gazetteer(entries)


def _row(
    doc: str,
    start: int,
    end: int,
    surface: str,
    entity: str,
    entity_type: str,
    country: str,
    match: str,
    score: float,
    sentence: Sentence | None,
) -> dict:
    """One row of ENTITY_COLUMNS; ``surface`` is the document's text from ``start`` to ``end``."""
    return {
        "doc": doc,
        "start": start,
        "end": end,
        "text": surface,
        "entity": entity,
        "entity_type": entity_type,
        "country": country,
        "match": match,
        "score": score,
        "sentence_start": sentence.start if sentence else "",
        "sentence_end": sentence.end if sentence else "",
    }


# The columns' order, checked once rather than for every row.
assert list(_row("", 0, 0, "", "", "", "", "", 0, None)) == ENTITY_COLUMNS


_LATIN_WORD = re.compile(r"[A-Za-z][\w'’-]*")


def _title_case(sentence: Sentence, lowered: _LowerCaseWords) -> bool:
    """Headlines in Title Case: most words capitalised, common words among them; their capitals name nothing."""
    words = _LATIN_WORD.findall(sentence.text)
    if len(words) < 4:
        return False
    capitals = [w for w in words[1:] if w[0].isupper()]
    if (len(capitals) + 1) / len(words) < 0.6:
        return False
    common = 0
    for word in capitals:  # up to two: the lower-case test asks about each word
        if word.lower() in _NOT_NAMES or word.lower() in lowered:
            common += 1
            if common == 2:
                return True
    return False


@lru_cache(maxsize=MEMO_LIMIT)  # a few hundred words in a corpus, each asked about many times
def _never_kept(word: str) -> bool:
    """Whether _trim_span drops ``word`` wherever it stands: glued to a name before it, a function word or a title."""
    return not word[:1].isupper() and not word[:1].isdigit() or word.lower().strip("'’") in _NOT_NAMES_OR_CONNECTORS


def _trim_span(
    text: str,
    start: int,
    end: int,
    words: list[str],
    sentence_initial: bool,
    mid_capitals: _MidSentenceCapitals,
    lowered: _LowerCaseWords,
) -> tuple[int, int]:
    """Drop function words and titles at the edges of a capitalised span; a sentence's first word when common.
    ``words`` is text[start:end].split()."""
    part = text[start:end]
    first, last = 0, len(words)  # the words kept: words[first:last]
    while first < last:
        written = words[first]
        word = written.lower().strip("'’")
        title = word in _LEADING_TITLES and last - first > 1
        glued = not written[:1].isupper() and not written[:1].isdigit()  # "-based Avia-Tekh Holding" after a name
        if (
            glued
            or word in _NOT_NAMES_OR_CONNECTORS
            or title
            or sentence_initial
            and (word in lowered or last - first == 1 and written not in mid_capitals)
        ):
            first += 1
            sentence_initial = False
            continue
        break
    while first < last and words[last - 1].lower() in _NOT_NAMES_OR_CONNECTORS:
        last -= 1
    if first == last:  # most spans: offsets are only worked out for what is kept
        return start, start
    # The offsets of what is kept, from the rest that str.split() leaves after the words dropped before it, and
    # the rest str.rsplit() leaves before those dropped after it: each without the spaces next to the words kept.
    return (start + len(part) - len(part.split(None, first)[-1]), start + len(part.rsplit(None, len(words) - last)[0]))


_LOWERCASE_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")
_LOWERCASE_WORD_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz'’-")


class _AskedWords:
    """A set of a document's words that is worked out for the words asked about (a few dozen in a document), each
    once, rather than for all the words of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.known: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        found = self.known.get(word)
        if found is None:
            found = self.known[word] = self._find(word)
        return found

    def _find(self, word: str) -> bool:
        raise NotImplementedError


class _LowerCaseWords(_AskedWords):
    """The words of a text written in lower case, as set(_LOWERCASE_WORD.findall(text)) holds them."""

    def _find(self, word: str) -> bool:
        text = self.text
        at = text.find(word) if word else -1
        while at >= 0:
            # findall's matches from the start of the run of word characters that holds ``at`` are those of a scan
            # from the start of the text: no match runs into it from the character before.
            run_start = at
            while run_start > 0 and text[run_start - 1] in _LOWERCASE_WORD_CHARS:
                run_start -= 1
            for match in _LOWERCASE_WORD.finditer(text, run_start):
                if match.start() >= at:
                    if match.start() == at and match.end() == at + len(word):
                        return True
                    break
            at = text.find(word, at + 1)
        return False


# (?<=[\s(“"‘])[A-Z]..., scanned for capitals
_MID_SENTENCE_CAPITALISED_WORD = re.compile(r"[A-Z](?<=[\s(“\"‘][A-Z])[\w'’-]*")


class _MidSentenceCapitals(_AskedWords):
    """The capitalised words written inside a sentence, as the matches of _MID_SENTENCE_CAPITALISED_WORD in each
    sentence's text are. A match never holds the start of another (it holds none of the characters one follows), so
    each place the word is written is tested on its own."""

    def __init__(self, text: str, sentences: list[Sentence]) -> None:
        super().__init__(text)
        self.sentences = sentences

    def _find(self, word: str) -> bool:
        text = self.text
        at = text.find(word) if word else -1
        while at >= 0:
            match = _MID_SENTENCE_CAPITALISED_WORD.match(text, at)
            if match and match.end() == at + len(word):
                sentence = sentence_at(self.sentences, at)
                # A sentence's first word has no character before it in the sentence's text.
                if sentence is not None and sentence.start < at and match.end() <= sentence.end:
                    return True
            at = text.find(word, at + 1)
        return False


_LEAD = re.compile(r"[ \"'“‘(\-–•*]*")
_CAPITALISED_WORD = re.compile(r"[A-Z][\w'’-]+")
_LOWERCASE_LETTER = re.compile(r"[a-z]")


def find_entities(document, sentences: list[Sentence], gazetteer: Gazetteer) -> list[dict]:
    """Every gazetteer mention (exact, alias, fuzzy) and every unmatched proper-noun candidate, in text order."""
    text = document.text
    rows: list[dict] = []
    # Where the gazetteer matches are, in text order (they never overlap): their starts and their ends.
    name_starts: list[int] = []
    name_ends: list[int] = []
    found = None
    if gazetteer._cased_pattern is not None and ascii_case_only(text):
        found = gazetteer.cased_matches(text, sentences)
    if found is None:
        found = (
            (start + sentence.start, end + sentence.start, sentence.text[start:end], entry, match, sentence)
            for sentence in sentences
            for start, end, entry, match in gazetteer.matches(sentence.text)
        )
    doc = document.name
    for start, end, surface, entry, match, sentence in found:
        rows.append(_row(doc, start, end, surface, entry.name, entry.type, entry.country, match, 100, sentence))
        name_starts.append(start)
        name_ends.append(end)
    # A sentence's first word is a common word unless it is also written capitalised inside a sentence.
    lowered = _LowerCaseWords(text)
    mid_capitals = _MidSentenceCapitals(text, sentences)
    # One more past the end of the text, so that the scan of them below needs no test of their count.
    name_starts.append(len(text) + 1)
    name_ends.append(len(text) + 1)
    scan = _CandidateScan(text, doc, gazetteer, name_starts, name_ends, lowered, mid_capitals)
    for sentence in sentences:
        rows.extend(scan.candidates(sentence))
    rows.sort(key=_START_END)
    return _full_names(text, rows)


_START_END = itemgetter("start", "end")


class _CandidateScan:
    """The capitalised spans of a document's sentences, in order, that are not gazetteer names: candidate rows (and
    fuzzy matches of misspelt names). ``name_starts`` and ``name_ends``: where the gazetteer matches are, in text order,
    with one more past the end of the text."""

    def __init__(self, text, doc, gazetteer, name_starts, name_ends, lowered, mid_capitals):
        self.text, self.doc, self.gazetteer = text, doc, gazetteer
        self.name_starts, self.name_ends = name_starts, name_ends
        self.lowered, self.mid_capitals = lowered, mid_capitals
        self.next_name = 0  # the first gazetteer match that ends after the start of the span at hand
        self.headline: bool | None = None  # whether the sentence at hand is a Title Case headline, when asked
        self.lead_end: int | None = None  # where its leading quotes, brackets and bullets end, when asked

    def candidates(self, sentence: Sentence) -> list[dict]:
        text, rows = self.text, []
        name_starts, name_ends = self.name_starts, self.name_ends
        self.headline = None  # worked out when a candidate needs it
        self.lead_end = None  # likewise
        # In the text rather than sentence.text: the space before a sentence is no [\w-] for the lookbehind either.
        for span in _CAP_SPAN.finditer(text, sentence.start, sentence.end):
            span_start, span_end = span.span()
            while name_ends[self.next_name] <= span_start:
                self.next_name += 1
            name_start = name_starts[self.next_name]
            if name_start >= span_end:
                parts = ((span_start, span_end),)  # no gazetteer name in the span
            elif name_start <= span_start and name_ends[self.next_name] >= span_end:
                continue  # a gazetteer name and nothing more, as half the spans are
            else:
                parts = _free_parts(span_start, span_end, name_starts, name_ends, self.next_name)
            for start, end in parts:
                rows.extend(self._part(sentence, start, end))
        return rows

    def _part(self, sentence: Sentence, start: int, end: int) -> list[dict]:
        """The rows of a part of a capitalised span outside gazetteer names: a candidate, fuzzy matches or none."""
        text, gazetteer, lowered, doc = self.text, self.gazetteer, self.lowered, self.doc
        words = text[start:end].split()
        if len(words) == 1 and _never_kept(words[0]):
            return []  # "’s" after a name, "The": _trim_span would drop the word whatever the context
        if self.lead_end is None:
            # Where the sentence's leading quotes, brackets and bullets end: a span starting there opens it.
            self.lead_end = _LEAD.match(text, sentence.start).end()
        initial = start <= self.lead_end  # not text[sentence.start:start].strip(" \"'“‘(-–•*")
        if initial:
            first = _CAPITALISED_WORD.match(text, start, end)
            first_word = first.group(0).lower() if first else ""
            if (
                first_word
                and first_word not in _NOT_NAMES
                and first_word not in lowered
                and _fuzzy_in_span(text, start, first.end(), gazetteer)
            ):
                initial = False  # "Uralvagonzvod, the tank maker, ...": a misspelt name opens the sentence
        start, end = _trim_span(text, start, end, words, initial, self.mid_capitals, lowered)
        if end - start < 2 or not text[start].isupper():
            return []
        surface = text[start:end]
        fuzzy = _fuzzy_in_span(text, start, end, gazetteer)
        if fuzzy:
            return [
                _row(
                    doc,
                    f_start,
                    f_end,
                    text[f_start:f_end],
                    entry.name,
                    entry.type,
                    entry.country,
                    "fuzzy",
                    score,
                    sentence,
                )
                for f_start, f_end, entry, score in fuzzy
            ]
        if self.headline is None:
            self.headline = _title_case(sentence, lowered)
        if (
            self.headline
            or not _LOWERCASE_LETTER.search(surface)
            and len(surface) > 6
            and not all(word.isalpha() and len(word) <= 4 for word in surface.split())
        ):
            return []  # Title Case headlines and SHOUTED labels are not names (acronyms such as "OKB TSP" are)
        if surface.lower() in _NOT_NAMES or surface.isdigit():
            return []
        return [_row(doc, start, end, surface, "", "candidate", "", "candidate", 0, sentence)]


# Fragments a name is written with, joined to it so that a party is always known by its full name. Each rule is a
# pattern matched right after a mention; what it matches belongs to that mention.
# "the US Treasury Department": an office word after a gazetteer agency belongs to it (and to its state).
_OFFICE_WORD_AFTER = re.compile(
    r" (?:Department|Ministry|Office|Agency|Service|Committee|Council|Commission|Bureau|"
    r"Directorate)\b"
)
# "the Russian Aerospace Forces": a state's armed forces and services after its name or nationality belong to it.
_STATE_BODY_AFTER = re.compile(
    r" (?:(?:Armed|Aerospace|Air|Naval|Ground|Land|Airborne|Special Operations|Strategic "
    r"Rocket|Border|National) )?(?:Forces|Force|Army|Navy|Guard|Guards|Troops|Military)\b"
)
# "Shenzhen Zhongxin Electronic Technology (Shenzhen) Co., Ltd": a city in brackets and legal suffixes after a
# candidate firm belong to its name.
_BRACKETED_PLACE_AFTER = re.compile(r" ?\([A-Z][\w-]*(?: [A-Z][\w-]*){0,2}\)")
_LEGAL_SUFFIXES_AFTER = re.compile(
    r"\.?(?:,? (?:Co|Corp|Ltd|Limited|LLC|JSC|OJSC|CJSC|PJSC|FZE|FZCO|GmbH|Inc|PLC|"
    r"LLP|Pte|Sdn Bhd|S\.A|AG)\.?)+(?![\w-])"
)


def _full_names(text: str, rows: list[dict]) -> list[dict]:
    """Rows with the fragments of a name joined to it (see _OFFICE_WORD_AFTER, _BRACKETED_PLACE_AFTER and
    _LEGAL_SUFFIXES_AFTER); the rows the joined name covers are dropped. ``rows`` are in text order."""
    out: list[dict] = []
    for index, row in enumerate(rows):
        if out and row["start"] < out[-1]["end"]:
            continue  # covered by the name before, joined with its fragments
        following = rows[index + 1] if index + 1 < len(rows) else None
        if _place_opens_firm_name(text, row, following):
            # "Astana Motors Trade": a capital or a country opening a firm's name is part of it
            row = dict(following, start=row["start"], text=text[row["start"] : following["end"]])
        elif (
            _firm_name_goes_on(text, row, following)
            or following is not None
            and row["entity"]
            and following["entity"] == row["entity"]
            and row["entity_type"] == "company"
            and text[row["end"] : following["start"]] == " "
        ):  # "Kupol Izhevsk Electromechanical Plant": both Kupol
            row = dict(row, end=following["end"], text=text[row["start"] : following["end"]])
        end = row["end"]
        if row["match"] == "candidate" and not _LEGAL_SUFFIXES_AFTER.fullmatch(" " + row["text"]):
            bracket = _BRACKETED_PLACE_AFTER.match(text, end)
            suffix = _LEGAL_SUFFIXES_AFTER.match(text, bracket.end() if bracket else end)
            if (
                suffix
                or bracket
                and _LEGAL_SUFFIXES_AFTER.match(text, bracket.end()) is None
                and _ORGANISATION_WORD.search(row["text"])
            ):
                end = suffix.end() if suffix else bracket.end()
        elif (
            row["entity_type"] in ("country", "organisation") and row["match"] != "fuzzy" and row["text"][:1].isupper()
        ):
            office = _OFFICE_WORD_AFTER.match(text, end)
            if office and not text[row["start"] : end].endswith(("ian", "ese", "ish")):
                end = office.end()
            body = _STATE_BODY_AFTER.match(text, end) if row["entity_type"] == "country" else None
            if body:  # "the Russian Aerospace Forces", "the Belarusian Border Guard": the state itself
                end = body.end()
        if end != row["end"]:
            row = dict(row, end=end, text=text[row["start"] : end])
        out.append(row)
    return out


def _place_opens_firm_name(text: str, row: dict, following: dict | None) -> bool:
    """Whether a gazetteer place (a country or its capital, not a nationality) is the first word of the candidate firm
    right after it: "Astana Motors Trade", "Moscow Institute of Thermal Technology"."""
    return (
        following is not None
        and following["match"] == "candidate"
        and row["entity_type"] == "country"
        and row["match"] in ("exact", "alias")
        and text[row["end"] : following["start"]] == " "
        and not row["text"].endswith(("ian", "ese", "ish", "i"))
        and _FIRM_WORD.search(following["text"]) is not None
        and not _STATE_BODY_AFTER.match(text, row["end"])
    )  # "Belarus Air Force" is the state


def _firm_name_goes_on(text: str, row: dict, following: dict | None) -> bool:
    """Whether a gazetteer firm's name goes on in the candidate right after it: "Kupol Izhevsk Electromechanical
    Plant" is Kupol by its full name."""
    return (
        following is not None
        and following["match"] == "candidate"
        and row["entity_type"] == "company"
        and row["match"] in ("exact", "alias")
        and text[row["end"] : following["start"]] == " "
        and _FIRM_WORD.search(following["text"]) is not None
    )


_FIRM_WORD = re.compile(
    r"\b(?:Trad(?:e|ing)|Motors?|Industr(?:y|ies)|Electronics?|Technolog(?:y|ies)|Systems|Group|"
    r"Logistics|Holdings?|Plant|Works|Factory|Institute|Bank|Corporation|Company|Enterprises?|"
    r"Engineering|Machinery|Components|Instruments?|Aviation|Shipping|Air|Airlines|Airways|"
    r"Railways?|Lines|Petroleum|Energy|Electromechanical)\b"
)


_ORGANISATION_WORD = re.compile(
    r"\b(?:Technolog(?:y|ies)|Electronics?|Trading|Industr(?:y|ies)|Systems|Group|"
    r"Logistics|Components|Machinery|Engineering|Equipment|Materials|Instruments?)$"
)


def _free_parts(
    start: int, end: int, name_starts: list[int], name_ends: list[int], index: int
) -> list[tuple[int, int]]:
    """The parts of [start, end) not covered by gazetteer matches, which run from name_starts[i] to name_ends[i]
    (sorted, not overlapping, the last one past the end of the text); name_ends[index] is the first end after
    ``start``."""
    parts = []
    while name_starts[index] < end:
        if name_starts[index] > start:
            parts.append((start, name_starts[index]))
        start = name_ends[index]
        index += 1
    if start < end:
        parts.append((start, end))
    return parts


def _fuzzy_in_span(text: str, start: int, end: int, gazetteer: Gazetteer) -> list[tuple[int, int, Entry, float]]:
    """A misspelt gazetteer name in a capitalised span: the whole span first, then its single words."""
    return [
        (start + f_start, start + f_end, entry, score)
        for f_start, f_end, entry, score in gazetteer.fuzzy_parts(text[start:end])
    ]

"""Every quantitative figure in a document: counts, quantities, percentages, multipliers, money and durations.

Rule-based with compiled ``re`` patterns (no model). A figure is a number (digits or words, with a scale such
as "bn" or "million"), optionally a range ("30–40%", "between 2 and 3 million"), with a unit or a counted noun.
Dates, years, model designations (T-72, MZKT-791300, 8×8), numbers glued to names (5G), ordinals, list markers
and definite references ("the two nations") are not figures. Each row keeps the figure's offsets, the sentence,
the qualifier ("more than" ...), the period the sentence ties it to and a short label of what is measured.

What counts as a figure (the evaluation set in tests/fixtures/documents/eval_* is annotated the same way):

* Vague quantities are not figures: "dozens of", "hundreds of", "tens of thousands", "several", "a few" have
  no value to report. "a dozen" (12) and "a million" are figures.
* Fractions of a whole are percentages: "a third of" 33.333333 %, "two-thirds" 66.666667 %, "nearly half of",
  "fell by half", "a quarter higher", "compared with a quarter", "3/4 of"; "the first half of 2023" is a date and
  "half an hour" is not a share. "doubled", "halved" (0.5), "twice the amount", "a fourfold increase" are
  multipliers, and so are "by a factor of three" and "one-and-a-half times"; "percentage points" are percentages
  (unit "%"), and "grew by 2.3 percentage points to 11%" is a change and a level, not a range. "half a million"
  is 500,000; "3,000-plus" is at least 3,000, like "3,000+".
* The people a claim is attributed to are not figures: "two officials said", "according to three sources".
* Identifiers are not figures: phone numbers, footnote markers ("Barysaw,17", "in 2022.18 The", numbered
  notes under a "Notes" heading), page/table/article numbers, numbers after an acronym ("E.O. 14024",
  "UIN 14302"), codes in a code column of a table ("HS code"), calibres and designations ("122mm", "9M723"),
  postcodes and house numbers ("220030 Minsk", "38 Karl Marx Street"), an age in apposition ("Lukashenko, 70,").
* A count takes the noun it counts, also when the noun is shared or given elsewhere in the sentence: "40 Su-30
  and Su-25 jets", "12 Tor-M2 and 6 Buk-M3 systems", "3 of the 10 plants", "Of the 6 stations, 4 handled",
  "up from 212 (vehicles)", "including 41 (engagements)". Numbers written as "one" are not counted.
* A bare table cell takes the unit its column header, its row label or the caption above the table states
  ("Values in USD million", "(thousand tonnes)", "Change, %").
* Every "N <time unit>" is a duration, also inside a period phrase ("the first two months of 2025").
* A date that a change is measured against ("up 8% from 2022", "105.8% against December 2022") is not the
  figure's period.
"""

from __future__ import annotations

import bisect
import functools
import re
from pathlib import Path

from ..reading.documents import Document
from ..reading.text import WHITESPACE, Gated, Sentence, fold_case, initials, keyed_alternation
from .dates import DateMention, document_dates, find_dates, next_trigger, sentence_containing, unit_after, unit_before
from .figure_rules import (
    CURRENCY_CODES,
    CURRENCY_OF_SIGN,
    DURATION_UNITS,
    LABELS,
    MEASURE_VERBS,
    NAME_NOUNS,
    QUALIFIERS,
    QUANTITY_UNITS,
    SUB_UNITS,
    SYMBOL_SIGNS,
    currency_names_pattern,
    currency_of,
    quantity_unit,
)
from .nouns import STOP_WORDS, is_plural, unit_class
from .numbers import (
    DIGITS,
    FOLD_NUMBERS,
    FRACTION_DENOMINATORS,
    FRACTION_NUMERATORS,
    MULTIPLIER_ADVERBS,
    MULTIPLIER_VERBS,
    MULTIPLIER_WORDS,
    NUMBER_WORD_ALTERNATION,
    SCALE_ABBREVIATIONS,
    SCALES,
    UNITS,
    WORDS,
    parse_fraction,
    parse_number,
    parse_words,
    tidy,
    writes_dot_thousands,
)


def _alternation(words) -> str:
    """The words as a pattern's alternatives, longest first (so that "US$" is tried before "$")."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# Currencies as written before an amount: a sign ("$", "US$") or a code ("USD", "Br.").
_CODES = "|".join(CURRENCY_CODES)
# Signs with letters ("HK$", "C$") start a word: "US$" holds no "S$".
_SIGNS = "|".join(
    (r"\b" if sign[0].isalpha() else "") + re.escape(sign)
    for sign in sorted(
        SYMBOL_SIGNS + [sign for sign in CURRENCY_OF_SIGN if sign.endswith("$") and sign[0].isalpha()],
        key=len,
        reverse=True,
    )
)
_FRACTION_SINGULARS = [word for word, value in FRACTION_DENOMINATORS.items() if value > 2 and not word.endswith("s")]
_FRACTION = (
    rf"(?:{'|'.join(FRACTION_NUMERATORS)})[\s\-]+(?:{'|'.join(w + 's?' for w in _FRACTION_SINGULARS)})"
    r"|(?:one[\s\-]+)?half"
)
# The start of a figure: an optional currency, then a number in digits or in words; or a "-fold" word.
_CANDIDATE = re.compile(
    rf"(?P<frac>(?i:\b(?:{_FRACTION})\b))"
    rf"|(?P<cur>{_SIGNS}|\b(?:{_CODES}|Br)\b\.?\s?)?\s?(?P<num>{DIGITS}|(?i:\b{WORDS}\b))"
    rf"|(?P<foldword>\b(?i:(?:{'|'.join(FOLD_NUMBERS)})fold)\b)"
    rf"|(?P<mulword>\b(?i:{'|'.join(MULTIPLIER_VERBS)}|(?:{'|'.join(MULTIPLIER_ADVERBS)})"
    r"(?=\s+(?:the|as|that|its|their)\b))\b)"
)
# The words a figure can start with: the currency codes, in capitals, and the number and multiplier words.
_TRIGGER_CODES = [rf"{code}\b" for code in [*CURRENCY_CODES, "Br"]] + [
    re.escape(sign) for sign in CURRENCY_OF_SIGN if sign.endswith("$") and sign[0].isalpha()
]
_TRIGGER_NUMBER_WORDS = (
    [rf"{word}(?:fold)?\b" for word in NUMBER_WORD_ALTERNATION.split("|")]
    + [rf"{word}\b" for word in (*MULTIPLIER_VERBS, *MULTIPLIER_ADVERBS, "half")]
    + [rf"an?[\s\-]+(?:{'|'.join([*SCALES, 'dozen', *_FRACTION_SINGULARS])})\b"]
)
# Keyed on their first characters (text.keyed_alternation): most words fail after one test.
_TRIGGER_WORDS = f"(?:{keyed_alternation(_TRIGGER_CODES)}|{keyed_alternation(_TRIGGER_NUMBER_WORDS, True)})"
# Where a figure can start, so that the full candidate pattern is tried only there: a digit, a currency sign,
# "." before a digit, or one of the words above after a non-word character (group "word"). The pattern opens with
# a character class, so re skips letters in C and tries the rest only at other characters (mostly spaces): see
# next_trigger, which also tests that the character before a word is not a word character. A lookahead for the
# words' first characters fails most positions before the alternation.
_TRIGGER = re.compile(
    rf"[^A-Za-z_](?:(?<=[0-9{''.join(SYMBOL_SIGNS)}.])(?:(?<=\.)[0-9]|(?<!\.))"
    rf"|(?=[{initials(_TRIGGER_CODES) + initials(_TRIGGER_NUMBER_WORDS, True)}])"
    rf"(?P<word>{_TRIGGER_WORDS}))"
)
_TRIGGER_WORD_AT = re.compile(r"\b" + _TRIGGER_WORDS)
_SCALE_WORDS = list(SCALE_ABBREVIATIONS)
_SCALE = re.compile(rf"(?P<sp>\s?-?\s?)(?P<scale>{keyed_alternation(_SCALE_WORDS, ignore_case=True)})\b")
_RANGE = re.compile(
    rf"(?P<sep>\s*[–—~]\s*|\s*-\s*|\s+to\s+|\s+through\s+|\s+thru\s+|\s+and\s+|\s+or\s+)(?P<cur>{_SIGNS}|(?:{_CODES})\s?)?"
    rf"(?P<num>{DIGITS}|(?i:\b{WORDS}\b))"
)
# "%" but in URL-encoded text ("%2D", "%25"), "per cent", "percents", "percentage points", "percentage" alone.
_PERCENT = re.compile(
    r"[ \u00a0\u202f]{0,8}(?:%(?![0-9A-Fa-f]{2})|per\s?cents?\b|percents?\b|percentage\s+points?\b|"
    r"percentage\b|pct\b|p\.p\.|pp\b)",
    re.I,
)
_POINTS = re.compile(r"points?|pp|p\.p\.", re.I)
_MULTIPLIER = re.compile(r"(?:\s?-\s?fold\b|fold\b|\s?[x×](?![\w×])|\s+times\b)", re.I)
_MONEY_AFTER = re.compile(rf"\s+(?:{currency_names_pattern()})\b", re.I)
_QUANTITY_UNIT = re.compile(
    rf"(?:\s?-\s?|\s?)(?P<quantity_unit>{'|'.join(pattern for _, pattern in QUANTITY_UNITS)})(?![\w-])"
)
_DURATION_UNIT = re.compile(
    r"(?:\s?-\s?|\s)(?:(?:working|calendar|business|consecutive|full)\s+)?"
    rf"(?P<duration_unit>{DURATION_UNITS})(?![\w-])",
    re.I,
)
# The unit after a number, of the first kind that matches in this order (the group named by the kind): one match
# instead of one per kind.
_UNIT_AFTER = re.compile(
    "|".join(
        f"(?P<{kind}>{f'(?i:{pattern.pattern})' if pattern.flags & re.I else pattern.pattern})"
        for kind, pattern in (
            ("percent", _PERCENT),
            ("multiplier", _MULTIPLIER),
            ("money", _MONEY_AFTER),
            ("quantity", _QUANTITY_UNIT),
            ("duration", _DURATION_UNIT),
        )
    )
)
_CHAIN_WORD = re.compile(r"[ \u00a0]+(?P<w>[A-Za-z][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z])")
_RATIO_BEFORE = re.compile(
    rf"\b(?P<part>[0-9]+|(?i:{'|'.join(w for w, v in UNITS.items() if 1 <= v <= 10)}))\s+"
    r"(?:in|out\s+of)\s+$"
)
# "The number of Russian troops in Belarus fell from": the plural noun counted, in the same sentence as the number.
_NUMBER_OF_BEFORE = re.compile(
    r"\b[Tt]he\s+(?:total\s+)?number\s+of\s+(?:[\w-]+\s+){0,2}?(?P<noun>[a-z][a-z-]*s)\b"
    r"[^.;!?\n]*$"
)
# After a number: "1,000+", "or more", "or less", "or so" (a "+" before a digit signs the next number: "26,058.1
# +5.4" in a table row).
_AFTER_QUALIFIER = re.compile(
    r"[ \u00a0]?\+(?![\d.])|\s*(?:or\s+(?:more|higher|above|greater|larger|over)\b|"
    r"and\s+(?:above|over)\b|plus\b)|"
    r"\s*(?P<most>or\s+(?:less|fewer|below|lower|smaller|under)\b|and\s+(?:below|under)\b)|"
    r"\s*(?P<about>or\s+so\b)",
    re.I,
)
_ADDRESS_AFTER = re.compile(rf" (?:[A-Z][\w'’.-]*\s+){{0,3}}(?:{NAME_NOUNS})(?!\w)")
_PLACE_AFTER = re.compile(r" [A-Z][\w-]+(?:,|\.?\s*$|\.?\n)")
_WORD_COMMA_BEFORE = re.compile(r"\b[A-Za-z][a-z][\w'’-]*,\s$")
_SLASH_FRACTION = re.compile(r"/([1-9][0-9]?)(?=\s+of\b)")
_STRONG = re.compile(r"[\s-]strong\b", re.I)
# "5 dollars 20 cents", "3 roubles and 40 kopecks": the hundredths of the amount before.
_SUB_UNIT_AFTER = re.compile(
    rf"\s+(?:and\s+)?(?P<n>[0-9]{{1,2}})\s+(?P<sub>{'|'.join(p for p, _ in SUB_UNITS)})\b", re.I
)
_SUB_UNIT = re.compile(rf"\s+(?P<sub>{'|'.join(p for p, c in SUB_UNITS if c)})\b", re.I)
_OF_THEM = re.compile(r"[ \u00a0]+of[ \u00a0]+them\b")
_MINUS_BEFORE = re.compile(r"\bminus[ \u00a0]+$", re.I)
_ABOUT_AS_PREPOSITION = re.compile(r"\b(?:how|what)[ \u00a0]+$", re.I)
_LONG_IDENTIFIER = re.compile(r"[0-9]{7,}")
# Scientific notation after the digits: "3.2e6", "1.5E+09", "2.1 × 10^6", "4×10⁶".
_EXPONENT = re.compile(
    r"(?:[eE](?P<e>[+-]?[0-9]{1,2})|[ \u00a0]?[×x·*][ \u00a0]?10(?:\^|\*\*)(?P<p>[+-]?[0-9]{1,2})"
    r"|[ \u00a0]?[×x·][ \u00a0]?10(?P<s>⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2}))(?![\w.])"
)
_EXPONENT_AT = Gated(_EXPONENT, initials(["[eE×x·*]"]), skip=" \u00a0", reach=2)
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
_AND_A_HALF = re.compile(r"[\s-]+and[\s-]+a[\s-]+half\b", re.I)
_FACTOR_OF_BEFORE = re.compile(r"\ba\s+factor\s+of\s+(?:about\s+|nearly\s+|almost\s+|some\s+)?$", re.I)
_ODD_AFTER = re.compile(r"(?:-| )odd(?= [a-z])")

# Patterns tried after a number only where the character past the spaces (and hyphens) may open them: a string
# test, much cheaper than a failed match (see text.Gated; tests/test_figures.py proves each admits all its matches).
_PERCENT_AT = Gated(_PERCENT, initials(["%", "per", "pct", "pp"], ignore_case=True), skip=" \u00a0\u202f", reach=9)
_RANGE_AT = Gated(_RANGE, initials(["[–—~]", "-", "to", "through", "thru", "and", "or"]))
_SCALE_AT = Gated(_SCALE, initials(_SCALE_WORDS, ignore_case=True), skip=WHITESPACE + "-", reach=4)
_STRONG_AT = Gated(_STRONG, initials(["strong"], ignore_case=True), skip=WHITESPACE + "-", reach=2)
_AND_A_HALF_AT = Gated(_AND_A_HALF, initials(["and"], ignore_case=True), skip=WHITESPACE + "-")
_AFTER_QUALIFIER_AT = Gated(_AFTER_QUALIFIER, initials(["\\+", "or", "and", "plus"], ignore_case=True))


def _in_points(percent: re.Match) -> bool:
    """Whether a _PERCENT match says percentage points ("pp", "p.p.") rather than per cent."""
    return _POINTS.search(percent.group(0)) is not None


# Patterns searched before a number (or in a clause) only when a string test says they may match: each is named
# after its pattern, and tests/test_figures.py proves it admits every match.
def _ratio_before(text: str, start: int) -> re.Match | None:
    """_RATIO_BEFORE ("one in five", "two out of ten"), searched only after "in" or "of"."""
    if not text[max(0, start - 24) : start].rstrip().endswith(("in", "of")):
        return None
    return _RATIO_BEFORE.search(text, max(0, start - 24), start)


def _factor_before(text: str, start: int) -> re.Match | None:
    """_FACTOR_OF_BEFORE ("by a factor of"), searched only where "factor" is written."""
    if "factor" not in text[max(0, start - 16) : start].lower():
        return None
    return _FACTOR_OF_BEFORE.search(text, max(0, start - 16), start)


def _of_the_before(text: str, start: int) -> re.Match | None:
    """_OF_THE_BEFORE ("Of the 8 plants named, "), searched only after a comma."""
    if not text[max(0, start - 3) : start].rstrip().endswith(","):
        return None
    return _OF_THE_BEFORE.search(text, max(0, start - 160), start)


def _number_of_before(text: str, start: int) -> re.Match | None:
    """_NUMBER_OF_BEFORE ("the number of troops fell from"), searched only where "number" is written."""
    if text.find("number", max(0, start - 160), start) < 0:
        return None
    return _NUMBER_OF_BEFORE.search(text, max(0, start - 160), start)


def _minus_before(text: str, start: int) -> re.Match | None:
    """_MINUS_BEFORE ("minus three percent"), searched only where "minus" is written."""
    if "minus" not in fold_case(text[max(0, start - 8) : start]):
        return None
    return _MINUS_BEFORE.search(text, max(0, start - 8), start)


def _odd_after(text: str, pos: int) -> re.Match | None:
    """_ODD_AFTER ("40-odd wagons"), matched only where "odd" follows a character."""
    return _ODD_AFTER.match(text, pos) if text.startswith("odd", pos + 1) else None


def _of_after(text: str, pos: int, end: int) -> re.Match | None:
    """_OF (" of the ..."), matched only where "of" follows the spaces (or nothing but spaces is within reach)."""
    head = text[pos : pos + 8].lstrip()
    return _OF.match(text, pos, end) if head[:2] == "of" or len(head) < 2 else None


def _subject_verb_before(before: str) -> re.Match | None:
    """_SUBJECT_VERB ("Russia has ordered "), searched only where a verb of it ends the text but for spaces."""
    stripped = before.rstrip()
    if stripped == before or not stripped.endswith(_SUBJECT_VERB_ENDINGS):
        return None
    return _SUBJECT_VERB.search(before)


def _ends_with_auxiliary(clause: str) -> bool:
    """Whether _AUXILIARY_END (" has", " were") may end ``clause``: a test cheaper than its search."""
    return clause.endswith(_AUXILIARIES)


# The word boundary is tested once per position, before the alternatives rather than in each of them.
_QUALIFIER = re.compile(
    r"(?<![\w])(?:" + "|".join(rf"(?P<{name}>{words})" for name, words in QUALIFIERS) + r")\s*$", re.I
)
# Where _QUALIFIER matches, found fast: the same alternatives keyed on their first characters, so that one test
# rejects most positions; _QUALIFIER, matched there, names the qualifier.
_QUALIFIER_START = re.compile(
    r"(?<![\w])"
    + keyed_alternation([alternative for _, words in QUALIFIERS for alternative in words.split("|")], ignore_case=True)
    + r"\s*$"
)


def _last_words(alternatives: str) -> tuple[str, ...]:
    """The last words of the alternatives of a pattern ("a|b"), in lower case ("approx\\.?": "approx" and
    "approx."): in ASCII text, one of the alternatives ends a text only when one of these words does."""
    return tuple(
        sorted(
            {
                alternative.split("\\s+")[-1].replace("\\.?", dot).replace("\\.", ".")
                for alternative in alternatives.split("|")
                for dot in ("", ".")
            }
        )
    )


# The last words of the qualifiers (in lower case): in ASCII text, _QUALIFIER matches only before one of them.
_QUALIFIER_ENDINGS = _last_words("|".join(words for _, words in QUALIFIERS))
_DETERMINER_BEFORE = re.compile(
    r"(?<![\w])(?:the|these|those|its|their|our|his|her|both|all|first|last|"
    r"next|other|no|any|each|every)\s+$",
    re.I,
)
_LABEL_BEFORE = re.compile(rf"(?<![\w])(?:{LABELS})\s*$", re.I)
_LABEL_ENDINGS = _last_words(LABELS)
_MEASURE_VERBS = re.compile(rf"\b(?P<verb>{keyed_alternation(MEASURE_VERBS, ignore_case=True)})\b")
_LEAD_WORDS = re.compile(
    r"^(?:(?:meanwhile|however|moreover|also|and|but|so|thus|in\s+addition|overall|still|"
    r"yet|indeed|furthermore|while|whereas|whilst|although|though|as|[•·▪*\-–]|"
    r"according\s+to\s+[^,]+),?\s+)+",
    re.I,
)

# Temporal prepositions that tie a figure to a date: the part of text between a figure and a date after it.
_TIE_AFTER = re.compile(
    r"^(?P<gap>(?:\s+[\w'’\-]+){0,6}?)\s*(?:(?P<prep>"
    + keyed_alternation(
        r"prior\s+to|before|by|in|during|as\s+of|at\s+the\s+end\s+of|since|from|until|till|through|throughout|over|"
        r"after|between|for|of|at".split("|"),
        ignore_case=True,
    )
    + r")\s+(?i:the\s+(?:year|end\s+of)\s+)?)?$"
)
_TIE_BEFORE = re.compile(r"^(?:[^,;:()\[\]—–.!?]{0,80})$")
_SENTENCE_INITIAL_DATE = re.compile(
    r"^\s*(?P<prep>from|in|during|by|since|between|as\s+of|at\s+the\s+end\s+of|over|throughout|until|for)?\s*$", re.I
)

_BETWEEN = re.compile(r"\bbetween\s+(?:\S+\s+)?$", re.I)
_FROM = re.compile(r"\bfrom\s+$", re.I)
_ONE_DAY = re.compile(r"\s+day\b", re.I)
_VERB_QUALIFIER = re.compile(r"(?:exceed|pass|surpass|top|reach|total)", re.I)
_RELATIVE_DATE = re.compile(r"(?:this|last|next|previous|coming|current|today|yesterday|on)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]—–]")
_PREP_BEFORE_DATE = re.compile(
    r"(prior\s+to|before|by|in|during|as\s+of|since|from|until|after|between|for)\s+"
    r"(?:the\s+)?$",
    re.I,
)
_COMMA = re.compile(r"\s*,")
_OF = re.compile(r"\s+of\s+(?:the\s+|its\s+|their\s+)?")
_OWNED = re.compile(r"\s*-?\s*(?P<who>state|government|foreign)?[\s-]*owned\s+(?P<np>(?:[A-Z][\w'’\-]*\s*)+)")
_STAKE = re.compile(r"\s+(?:stake|share|interest)\s+in\s+")
_CLAUSE_SPLIT = re.compile(r"[,;:—–(]")
_FIGURE_END = re.compile(
    r"(?:[0-9%]|\bper\s?cent|\bpercent|fold|\btimes|\b(?:doubled|tripled|quadrupled|halved))\s*$", re.I
)
_ARTICLE = re.compile(r"^(?:the|a|an)(?:\s+|$)", re.I)  # "a fall of 11.3 points": "a" alone names nothing
_AUXILIARIES = ("has", "have", "had", "was", "were", "is", "are")
_AUXILIARY_END = re.compile(rf"\s+(?:{'|'.join(_AUXILIARIES)})\Z")
_LIST_BREAK = re.compile(r"[,;:]")
_IN_PHRASE = re.compile(r"\s+in\s+(?P<np>(?:some|many|most|several|all|certain|key)?\s*[a-z]+)")
_DIGIT = re.compile(r"[0-9]")
_DIGIT_OR_POINT = frozenset("0123456789.")  # what a number in digits starts with
_TO = re.compile(r"\s+to\s+")
# The codes an identifier's number follows even before a noun (a capitalised word like "UK" may be a party: "gave
# the UK 14 tanks")
_CODE_BEFORE = re.compile(r"(?:\b(?:EO|UIN|HS|CN|OKPO|UNP)|(?<![\w.])E\.O\.)[ \u00a0]*$")
_IDENTIFIER_BEFORE = re.compile(r"(?:\b[A-Z]{2,6}|(?<![\w.])(?:[A-Z]\.){1,4})\)?[ \u00a0]*$")
_OF_THE_BEFORE = re.compile(
    rf"\b[Oo]f[ \u00a0]+(?:the|these|those|its|their|our)[ \u00a0]+(?P<n>{DIGITS}|"
    rf"(?i:{NUMBER_WORD_ALTERNATION}))\b[^,;:.!?\n]{{1,100}},[ \u00a0]*$"
)
_OF_GROUP = re.compile(
    rf"[ \u00a0]+of[ \u00a0]+(?:the|these|those|its|their|our|his|her|my|your)"
    rf"(?:[ \u00a0]+{DIGITS})?(?=[ \u00a0])"
)
_SOURCE_NOUNS = frozenset(
    "officials sources people diplomats analysts witnesses insiders persons officers residents "
    "experts lawmakers executives traders".split()
)
_REPORTING_AFTER = re.compile(
    r"[^.;:!?\n]{0,80}?\b(?:said|say|says|told|confirmed|added|noted|reported|"
    r"stated|according)\b",
    re.I,
)
_ACCORDING_BEFORE = re.compile(r"\baccording[ \u00a0]+to[ \u00a0]+$", re.I)
_CAPITAL_AFTER = re.compile(r"[ \u00a0]+[A-Z]")
_CELL = re.compile(r"[^\t|]+")
_SEPARATOR_ROW = re.compile(r"^[\s|:\-]+$")
_CODE_HEADER = re.compile(r"\b(?:code|codes|HS|CN|TN\s+VED|ID|No\.?|Nr\.?|#|rank|year)\b", re.I)
_PERCENT_WORD = re.compile(r"%|\bper\s?cent\b|\bpercent\b", re.I)
_UNIT_PHRASE = re.compile(
    r"(?<![0-9])(?<![0-9][ \u00a0])(?:\b(?P<s1>thousand|million|billion|mln|bn)[ \u00a0]+(?:of[ \u00a0]+)?)?"
    rf"(?P<u>{_SIGNS}|\b(?:{_CODES})\b|\b(?:tonnes|tons|units|km)\b)"
    r"(?:[ \u00a0]+(?P<s2>thousand|million|billion|mln|bn)\b|(?<=[a-z])(?=[ \u00a0]*[).,;\n]|$))"
)
# Phone numbers: "+375 17 367-46-59", "(202) 622-2960" from the "+" or the "(", and "202.622.2960" from its first
# separator ("." or "-"), after which lookbehinds test the three digits before it and the character before those
# (not a digit, "." or ","). Each pattern opens with a literal, which re finds at a few instructions a character
# (a character class costs ten times as many): see _phone_spans. With the digits before the start of a match.
_PHONE_PATTERNS = tuple(
    (re.compile(pattern), lead)
    for pattern, lead in (
        (r"\+[0-9]{1,3}(?:[ \u00a0.\-]?[0-9]{1,4}){2,6}(?![0-9])", 0),
        (r"\([0-9]{2,4}\)(?:[ \u00a0.\-]?[0-9]{1,4}){2,6}(?![0-9])", 0),
        *(
            (
                rf"\{separator}(?<=[0-9]{{3}}\{separator})(?<![0-9.,][0-9]{{3}}\{separator})[0-9]{{3}}[.\-][0-9]{{4}}(?![0-9])",
                3,
            )
            for separator in ".-"
        ),
    )
)
# A "Notes" heading line. Searched as the line's newline plus the line (a literal first character, which re
# finds fast), after a match at the very start of the text.
_NOTES_LINE = r"[ \t]*(?:Notes|Footnotes|Endnotes|References|Sources)[ \t]*:?[ \t]*$"
_NOTES_AT_START = re.compile(_NOTES_LINE, re.M | re.I)
_NOTES_AFTER_NEWLINE = re.compile("\n" + _NOTES_LINE, re.M | re.I)
_COMPARISON_GAP = re.compile(
    r"\b(?:(?P<always>compared\s+(?:with|to)|against|than|versus|vs\.?|relative\s+to|year[\s-]on[\s-]year\s+from)"
    r"|from|on|over)\s+(?:(?:in|the)\s+)?(?:(?:same\s+period|level|end|figure)\s+(?:of|in)\s+)?$",
    re.I,
)
_SHARED_NOUN_GAP = re.compile(r"(?:[ \u00a0]+[A-Z][\w\-]*){1,2}[ \u00a0]+(?:and|or)[ \u00a0]+")
_SENTENCE_GAP = re.compile(r"[.!?][\s\"”’)]|\n")
# "up from 212", "compared with an estimated 8,000", "down from a peak of nearly 12,000"
_INHERIT_BEFORE = re.compile(
    r"\b(?:from|to|including|against|compared[ \u00a0]+(?:with|to)|versus|vs\.?|than)[ \u00a0]+(?:(?:the|an?)[ \u00a0]+)?"
    r"(?:(?:peak|high|low|total|record|maximum|minimum|level)[ \u00a0]+of[ \u00a0]+)?"
    r"(?:(?:estimated|about|some|around|nearly|almost|roughly|approximately|only|just|over|under)[ \u00a0]+)?$",
    re.I,
)
_FRACTION_AFTER = re.compile(
    r"[ \u00a0]+(?:of|the|its|their|all|higher|lower|more|less|larger|smaller|fewer|bigger|greater)\b", re.I
)
_FRACTION_BY = re.compile(r"\b(?:by|in|compared[ \u00a0]+(?:with|to)|against|from|to|than|versus)[ \u00a0]+$", re.I)
_ORDINAL_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|last|final|latter|former|other|the|this|that|each|"
    r"every|its|their)[ \u00a0]+$",
    re.I,
)


_QUALIFIER_WINDOW = 32  # characters before a number: "greater than or equal to " fits


def _qualifier(text: str, start: int) -> tuple[str, int]:
    """The qualifier written just before ``start`` and where it begins, or ("exact", start)."""
    window = max(0, start - _QUALIFIER_WINDOW)
    tail = text[window:start].rstrip()
    if tail.isascii() and not tail.lower().endswith(_QUALIFIER_ENDINGS):
        return "exact", start  # a qualifier ends the window (but for spaces): none of their last words does
    found = _QUALIFIER_START.search(text, window, start)
    if not found:
        return "exact", start
    name = _QUALIFIER.match(text, found.start(), start).lastgroup  # the qualifier's group
    if (
        name == "approximately"
        and text[found.start() : found.start() + 5].lower() == "about"
        and _ABOUT_AS_PREPOSITION.search(text, max(0, found.start() - 8), found.start())
    ):
        return "exact", start  # "how about 3 more": a preposition, not an estimate
    return name, found.start()


def _label_before(text: str, start: int) -> bool:
    """A label or identifier word just before ``start``: "Table 3", "page 7", "No. 12" (see _LABELS)."""
    window = max(0, start - 22)
    tail = text[window:start].rstrip()
    if tail.isascii() and not tail.lower().endswith(_LABEL_ENDINGS):
        return False  # a label ends the window (but for spaces): none of their last words does
    return _LABEL_BEFORE.search(text, window, start) is not None


def _counted_noun(text: str, pos: int, limit: int) -> tuple[str, int] | None:
    """The counted noun after a number ("troops", "T-72 tanks" -> "tanks") and where it ends, or None."""
    words: list[str] = []  # the words after the number, and where each ends
    ends: list[int] = []
    joined = False
    while len(words) < 4:
        found = _CHAIN_WORD.match(text, pos, limit)
        if found is None:
            break
        word = found.group("w")
        lowered = word.lower()
        if lowered in ("and", "or") and not joined and words and not any(map(is_plural, words)):
            # "40 Su-30SM2 and Su-25 jets", "176 Shahed and decoy drones": two modifiers of one noun.
            joined = True
            pos = found.end()
            continue
        if lowered in STOP_WORDS:
            break
        words.append(word)
        pos = found.end()
        ends.append(pos)
    # The first plural, unless a plural follows it in the compound ("armoured personnel carriers"):
    # "2 million rounds left Belarusian depots" counts rounds.
    plural = list(map(is_plural, words))
    if True not in plural:
        return None
    head = plural.index(True)
    while head + 1 < len(words) and plural[head + 1]:
        head += 1
    return words[head], ends[head]


def _valid_before(text: str, start: int) -> bool:
    """Not glued to a name or designation: "T-72", "Su-30", "MZKT-791300", "8×8", "9/11", "Russia.12"."""
    if start == 0:
        return True
    before = text[start - 1]
    if before.isalnum() or before in "_/:×@#&%":
        return False
    if before in "-‐‑." and start >= 2 and text[start - 2].isalnum():
        return False
    if before == "," and start >= 2 and text[start - 2].isdigit():
        return False  # "9,11"
    if before in ",;:)\"”’'" and start >= 2 and (text[start - 2].isalpha() or text[start - 2] in '.)"”’'):
        return False  # a footnote marker glued to the word before: "in Barysaw,17", "said.”12"
    if before in "xX" and start >= 2 and text[start - 2].isdigit():
        return False
    return True


def _glued_after(text: str, pos: int) -> bool:
    """A digit string that continues into something that is not a figure: "9,11", "8×8", "5G", "21st", "10:30"."""
    if pos >= len(text):
        return False
    after = text[pos]
    if after.isalnum() or after in "_×@":
        return True
    if after in ",.:/" and pos + 1 < len(text) and text[pos + 1].isdigit():
        return True
    if after in "-‐‑" and pos + 1 < len(text) and text[pos + 1].isalpha():
        return (
            not _DURATION_UNIT.match(text, pos)
            and not _QUANTITY_UNIT.match(text, pos)
            and not _MULTIPLIER.match(text, pos)
            and not _SCALE.match(text, pos)
        )
    return False


class _Figure:
    __slots__ = (
        "start",
        "end",
        "low",
        "high",
        "kind",
        "unit",
        "qualifier",
        "qualifier_start",
        "words",
        "verb",
        "in_table",
    )

    def __init__(self, start, end, low, high, kind, unit, qualifier, qualifier_start, words):
        self.start, self.end, self.low, self.high = start, end, low, high
        self.kind, self.unit, self.qualifier, self.qualifier_start = kind, unit, qualifier, qualifier_start
        self.words = words
        self.verb = False  # the figure is itself a verb ("tripled") or follows one ("exceeded 65%")
        self.in_table = False  # on a row of a table (set by find_figures)


def _scaled(text: str, pos: int, money: bool) -> tuple[float, int]:
    """A scale word after a number ("bn", " million", "k") as a factor and the position after it."""
    scale = _SCALE_AT.match(text, pos)
    if not scale:
        return 1.0, pos
    word = fold_case(scale.group("scale"))
    if word in ("m", "k", "b") and (not money or scale.group("sp").strip() or " " in scale.group("sp")):
        # "2.3m tonnes", "50k troops": a lower-case m or k glued to the number and followed by a unit or a counted
        # noun is a scale; otherwise it is not ("a 2.3m wall" is in metres, "General License 8K" is a name)
        # "6.5 k tonnes": a "k" may stand one space apart
        spaced_k = scale.group("sp") == " " and scale.group("scale") == "k"
        glued_scale = (
            not money
            and (not scale.group("sp") or spaced_k)
            and scale.group("scale") in ("m", "k")
            and (_QUANTITY_UNIT.match(text, scale.end()) or _counted_noun(text, scale.end(), len(text)))
        )
        if not glued_scale and not (money and not scale.group("sp")):
            return 1.0, pos
    return float(SCALE_ABBREVIATIONS[word]), scale.end()


def _line(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start if end is None else end)
    return line_start, line_end if line_end >= 0 else len(text)


def _is_table_line(line: str) -> bool:
    """A row of a table: cells split by tabs (HTML, TSV) or a Markdown pipe table."""
    return "\t" in line.strip(" ") or (line.lstrip().startswith("|") and line.count("|") >= 3)


def _in_table(text: str, start: int, end: int) -> bool:
    line_start, line_end = _line(text, start, end)
    return _is_table_line(text[line_start:line_end])


def _cells(line: str) -> list[tuple[int, str]]:
    """The non-empty cells of a table row, with their offsets in the row."""
    return [(m.start(), m.group(0).strip()) for m in _CELL.finditer(line) if m.group(0).strip()]


def _unit_phrase(phrase: str) -> tuple[str, str, float] | None:
    """(kind, unit, factor) stated by a caption or header: "Values in USD million", "(thousand tonnes)", "%"."""
    found = None
    for found in _UNIT_PHRASE.finditer(phrase):
        pass
    if found is None:
        if _PERCENT_WORD.search(phrase):
            return "percent", "%", 1.0
        return None
    scale = (found.group("s1") or found.group("s2") or "").lower()
    factor = float(SCALE_ABBREVIATIONS.get(scale, 1))
    word = found.group("u")
    currency = currency_of(word)
    if currency:
        return "money", currency, factor
    if word.lower() in ("tonnes", "tons", "km"):
        return "quantity", quantity_unit(word.lower()), factor
    return "count", word.lower(), factor


def _table_unit(text: str, start: int) -> tuple[str, str, float] | None:
    """What a bare table cell measures: its column header, its row label, else the caption above the table.

    ("", "", 1.0) when nothing says; None when the column holds codes ("HS code", "No."), not figures.
    """
    line_start, line_end = _line(text, start)
    column = sum(1 for offset, _ in _cells(text[line_start:line_end]) if line_start + offset <= start) - 1
    top, header, caption = _table_top(text, line_start)
    if header is not None and 0 <= column < len(cells := _cells(header)):
        label = cells[column][1]
        if _CODE_HEADER.search(label):
            return None
        stated = _unit_phrase(label)
        if stated:
            return stated
    row = _cells(text[line_start:line_end])
    if row and not _DIGIT.search(row[0][1]) and (stated := _unit_phrase(row[0][1])):
        return stated
    return caption or ("", "", 1.0)


def _column_header(text: str, start: int) -> str:
    """The header of the table column holding the cell at ``start``, without a unit in brackets ("(USD bn)")."""
    line_start, line_end = _line(text, start)
    row = _cells(text[line_start:line_end])
    column = sum(1 for offset, _ in row if line_start + offset <= start) - 1
    _, header, _ = _table_top(text, line_start)
    if header is None or header == text[line_start:line_end] or not 0 <= column < len(cells := _cells(header)):
        return ""
    return _UNIT_IN_HEADER.sub("", cells[column][1]).strip(" ,;:")


# "(USD bn)", ", %": the unit a column header states, which the figure's unit already carries
_UNIT_IN_HEADER = re.compile(r"\s*[(\[][^)\]]*[)\]]|,\s*%\s*$")


@functools.lru_cache(maxsize=1)
def _walked_rows(text: str) -> dict[int, tuple]:
    """The table rows of ``text`` already walked: row start -> (table start, header row, caption unit). Keeps big
    tables linear; one text at a time, keyed on the text itself."""
    return {}


def _table_top(text: str, line_start: int) -> tuple[int, str | None, tuple[str, str, float] | None]:
    """Where the table holding the row at ``line_start`` begins, its header row and the unit its caption states."""
    rows = _walked_rows(text)
    walked = [line_start]
    top, header = line_start, None
    known = None
    while top > 0:
        previous_start, previous_end = _line(text, top - 1)
        if previous_start in rows:
            known = rows[previous_start]
            break
        previous = text[previous_start:previous_end]
        if _is_table_line(previous):
            if not _SEPARATOR_ROW.match(previous):
                header = previous
            walked.append(previous_start)
        elif previous.strip():
            break
        top = previous_start
    if known is not None:
        result = known
    else:
        # The header is the first row of the block (rows may be separated by blank lines in HTML).
        result = (top, header, _unit_phrase(text[max(0, top - 600) : top]))
    for row in walked:
        rows[row] = result
    return result


def _parse_at(text: str, match: re.Match, limit: int, table_rows: bool, dot_thousands: bool = False) -> _Figure | None:
    """The figure that starts at a candidate match, or None when it is not a figure. ``table_rows``: the text has
    a tab or a pipe, so a line of it may be a row of a table; ``dot_thousands``: it writes "12.500" for 12,500."""
    word_rule = _WORD_RULES.get(match.lastgroup)  # "frac", "foldword", "mulword"; else "num" after an optional "cur"
    if word_rule is not None:
        return word_rule(text, match)
    reading = _read_number(text, match, dot_thousands)
    if reading is None:
        return None
    share = _share(reading, match)
    if share is not None or _is_address(reading):
        return share
    if not _read_value(reading) or not _read_unit(reading, limit):
        return None
    _read_qualifier_after(reading, limit)
    if not _names_what_it_counts(reading, limit):
        return None
    if reading.is_words:
        if not _reads_as_words_figure(reading):
            return None
    elif reading.kind is None and not _reads_as_bare_figure(reading, table_rows):
        return None
    return reading.figure()


def _fold_word(text: str, match: re.Match) -> _Figure:
    """ "threefold", "a hundredfold": a multiplier."""
    value = parse_words(fold_case(match.group("foldword"))[:-4])
    qualifier, qstart = _qualifier(text, match.start())
    return _Figure(match.start(), match.end(), value, value, "multiplier", "x", qualifier, qstart, True)


def _multiplier_word(text: str, match: re.Match) -> _Figure:
    """ "doubled", "halved", "twice the amount": a multiplier; a verb but for "twice" and "thrice"."""
    word = fold_case(match.group("mulword"))
    value = MULTIPLIER_WORDS[word]
    qualifier, qstart = _qualifier(text, match.start())
    figure = _Figure(match.start(), match.end(), value, value, "multiplier", "x", qualifier, qstart, True)
    figure.verb = word not in MULTIPLIER_ADVERBS
    return figure


def _fraction_word(text: str, match: re.Match) -> _Figure | None:
    """ "a third of", "two-thirds of", "nearly half of", "a quarter higher", "fell by half": a share, in per cent.
    "the first half of the year", "half an hour", "half a dozen" are not."""
    start = match.start()
    if not _valid_before(text, start):
        return None
    if not (_FRACTION_AFTER.match(text, match.end()) or _FRACTION_BY.search(text, max(0, start - 16), start)):
        return None
    if _ORDINAL_BEFORE.search(text, max(0, start - 12), start):
        return None
    value = parse_fraction(match.group("frac"))
    if value is None:
        return None
    qualifier, qstart = _qualifier(text, start)
    return _Figure(start, match.end(), value, value, "percent", "%", qualifier, qstart, True)


_WORD_RULES = {"foldword": _fold_word, "mulword": _multiplier_word, "frac": _fraction_word}


class _Reading:
    """A number being read from a candidate match: what is known so far, from its first character to ``pos``."""

    __slots__ = (
        "text",
        "num",
        "cur",
        "start",
        "number_end",
        "pos",
        "low",
        "high",
        "factor",
        "currency",
        "is_words",
        "qualifier",
        "qstart",
        "kind",
        "unit",
        "odd",
    )

    def __init__(self, text: str, match: re.Match):
        self.text, self.num, self.cur = text, match.group("num"), match.group("cur")
        self.start = match.start("cur") if self.cur else match.start("num")
        self.number_end = self.pos = match.end("num")
        self.is_words = not (self.num[0].isdigit() or self.num[0] == ".")
        self.low = self.high = None
        self.factor, self.currency, self.odd = 1.0, None, None
        self.qualifier, self.qstart, self.kind, self.unit = "exact", self.start, None, None

    def figure(self) -> _Figure:
        text, start, low, high = self.text, self.start, self.low, self.high
        if low == high and not self.is_words and not self.currency and _negative_sign_before(text, start):
            start, low, high = start - 1, -low, -high  # "-2.1" in a "Change, %" column
        elif low == high and (minus := _minus_before(text, start)):
            start, low, high = minus.start(), -low, -high  # "minus three percent"
        figure = _Figure(start, self.pos, low, high, self.kind, self.unit, self.qualifier, self.qstart, self.is_words)
        figure.verb = self.qstart < start and bool(_VERB_QUALIFIER.match(text, self.qstart, start))
        return figure


def _read_number(text: str, match: re.Match, dot_thousands: bool) -> _Reading | None:
    """The number of a candidate match, unless it is glued to a name or does not parse."""
    reading = _Reading(text, match)
    num, cur, start = reading.num, reading.cur, reading.start
    if not _valid_before(text, start):
        return None
    if cur and cur.strip().isalpha() and start > 0 and text[start - 1].isalnum():
        return None
    low = float(num) if num.isdigit() else parse_number(num, dot_thousands)
    if low is None:
        return None
    if reading.is_words and num[:2].lower() in ("a ", "an") and text[max(0, start - 5) : start].lower() == "half ":
        reading.start, low = start - 5, low / 2  # "half a million rounds", "half a dozen"
    reading.low = low
    return reading


def _share(reading: _Reading, match: re.Match) -> _Figure | None:
    """ "one in five shells", "3/4 of the shells": a share, in per cent."""
    text, start, low, pos = reading.text, reading.start, reading.low, reading.pos
    if reading.cur:
        return None
    # "one in five": only after "in" or "of" (a test on the text before, cheaper than the search)
    ratio = _ratio_before(text, start)
    if ratio and not _DURATION_UNIT.match(text, pos):
        part = parse_number(ratio.group("part"))
        if part is not None and 0 < part <= low:
            qualifier, qstart = _qualifier(text, ratio.start())
            value = part / low * 100
            return _Figure(ratio.start(), pos, value, value, "percent", "%", qualifier, qstart, True)
    if text[pos : pos + 1] == "/" and (fraction := _SLASH_FRACTION.match(text, pos)) is not None:
        denominator = int(fraction.group(1))
        if 0 < low < denominator:
            qualifier, qstart = _qualifier(text, start)
            value = low / denominator * 100
            return _Figure(start, fraction.end(), value, value, "percent", "%", qualifier, qstart, False)
    return None


def _is_address(reading: _Reading) -> bool:
    """ "220030 Minsk", "38 Karl Marx Street": a postcode, a house number."""
    text, num, pos = reading.text, reading.num, reading.pos
    return (
        num.isdigit()
        and not reading.cur
        and text[pos + 1 : pos + 2].isupper()
        and text[pos : pos + 1] == " "
        and (
            len(num) in (5, 6)
            and _PLACE_AFTER.match(text, pos) is not None
            or _ADDRESS_AFTER.match(text, pos) is not None
        )
    )


def _read_value(reading: _Reading) -> bool:
    """The value, with "and a half", its currency, its scale ("bn"), "-odd" and a range: False when the number is
    glued to what follows ("5G", "9,11")."""
    text, pos = reading.text, reading.pos
    if (and_a_half := _AND_A_HALF_AT.match(text, pos)) is not None:  # "one-and-a-half times", "two and a half"
        reading.low, pos = reading.low + 0.5, and_a_half.end()
    if not reading.is_words and (exponent := _EXPONENT_AT.match(text, pos)) is not None:  # "3.2e6"
        power = exponent.group("e") or exponent.group("p") or exponent.group("s").translate(_SUPERSCRIPTS)
        reading.low, pos = reading.low * 10.0 ** int(power), exponent.end()
    currency = reading.currency = currency_of(reading.cur) if reading.cur else None
    factor, pos = reading.factor, reading.pos = _scaled(text, pos, bool(currency))
    if factor != 1.0 and (and_a_half := _AND_A_HALF_AT.match(text, pos)) is not None:  # "2 million and a half"
        reading.low, pos = reading.low + 0.5, and_a_half.end()
        reading.pos = pos
    odd = reading.odd = _odd_after(text, pos)  # "40-odd wagons"
    if odd:
        pos = reading.pos = odd.end()
    if not reading.is_words and factor == 1.0 and _glued_after(text, pos):
        if currency or not (
            _PERCENT_AT.match(text, pos)
            or _QUANTITY_UNIT.match(text, pos)
            or _MULTIPLIER.match(text, pos)
            or text[pos : pos + 5].lower() == "-plus"
            or _STRONG_AT.match(text, pos)
        ):
            return False
    if not _read_percent_range(reading) and not _read_range(reading):
        reading.low = reading.high = reading.low * factor
    return True


def _read_percent_range(reading: _Reading) -> bool:
    """ "65% to 70%", "between 65% and 70%": a range with its unit said twice (read up to the second number)."""
    text, pos, low = reading.text, reading.pos, reading.low
    percent_first = _PERCENT_AT.match(text, pos) if reading.factor == 1.0 and not reading.is_words else None
    if not percent_first:
        return False
    repeated = _RANGE_AT.match(text, percent_first.end())
    percent_second = _PERCENT_AT.match(text, repeated.end("num")) if repeated and not repeated.group("cur") else None
    # "grew by 2.3 percentage points to 11%" is a change and a level, not a range
    if (
        percent_second
        and _in_points(percent_first) == _in_points(percent_second)
        and _joins_range(text, reading.start, repeated, reading.is_words)
    ):
        second = parse_number(repeated.group("num"))
        if second is not None and second >= low:
            # a range of two percentages is never followed by a second range: see _read_range
            reading.high, reading.pos = second, repeated.end("num")
            return True
    return False


def _read_range(reading: _Reading) -> bool:
    """ "12–15", "between 2 and 3 million", "$5-6bn": the second number of a range and its scale."""
    text, pos, factor, low = reading.text, reading.pos, reading.factor, reading.low
    candidate_range = _RANGE_AT.match(text, pos)
    if not candidate_range or _PERCENT_AT.match(text, pos) or _unit_follows(text, pos):
        return False
    second, second_end = candidate_range.group("num"), candidate_range.end("num")
    if not _joins_range(text, reading.start, candidate_range, reading.is_words):
        return False
    if (
        (second[0].isdigit() or second[0] == ".")
        and _glued_after(text, second_end)
        and not (
            _PERCENT_AT.match(text, second_end)
            or _QUANTITY_UNIT.match(text, second_end)
            or _MULTIPLIER.match(text, second_end)
            or _SCALE.match(text, second_end)
        )
    ):
        return False
    high_value = parse_number(second)
    if high_value is None:
        return False
    second_currency = candidate_range.group("cur")
    second_factor, after = _scaled(text, second_end, bool(reading.currency or second_currency))
    factor_low = second_factor if factor == 1.0 and second_factor != 1.0 else factor
    if high_value * second_factor < low * factor_low:
        return False
    reading.high, reading.low, reading.pos = high_value * second_factor, low * factor_low, after
    if second_currency and not reading.currency:
        reading.currency = currency_of(second_currency)
    return True


def _read_unit(reading: _Reading, limit: int) -> bool:
    """The qualifier before the number, a "+" after it, and its kind and unit: a currency, "-strong", "by a factor
    of", a unit ("%", "x", "tonnes", "years") or a counted noun. False when it is a note's number or glued ("5G")."""
    text, start = reading.text, reading.start
    signed = (
        not reading.is_words
        and not reading.currency
        and reading.low == reading.high
        and _negative_sign_before(text, start)
    )  # "< -5": the qualifier is before the sign
    reading.qualifier, reading.qstart = _qualifier(text, start - 1 if signed else start)
    pos = reading.pos
    plus = 1 if text[pos : pos + 1] == "+" else 5 if text[pos : pos + 5].lower() == "-plus" else 0
    if plus:  # "1,500+ drones", "3,000-plus drones"
        pos += plus
        if reading.qualifier == "exact":
            reading.qualifier = "at_least"
    kind = unit = None
    if reading.currency:
        kind, unit = "money", reading.currency
        pos = _read_sub_unit(reading, pos)
    elif (strong := _STRONG_AT.match(text, pos)) is not None:  # "a 3,500-strong brigade": its people, not named
        kind, unit, pos = "count", "", strong.end()
    elif _factor_before(text, start):  # "rose by a factor of three"
        kind, unit = "multiplier", "x"
    elif found := _UNIT_AFTER.match(text, pos):
        kind, pos = found.lastgroup, found.end()
        unit = _unit_named(found)
        if kind == "money":
            reading.currency = unit
            pos = _read_money_scale(reading, pos)
            pos = _read_sub_unit(reading, pos)
    elif (sub := _SUB_UNIT.match(text, pos)) is not None and reading.low == reading.high:  # "45 pence"
        kind, unit, pos = "money", _sub_unit_currency(sub.group("sub")), sub.end()
        reading.low = reading.high = reading.low / 100
    elif noun := _counted_noun(text, pos, limit) or _counted_noun_after_of(reading, pos, limit):
        if noun[0][0].isupper() and not reading.is_words and not text[text.rfind("\n", 0, start) + 1 : start].strip():
            return False  # "2 Authors' calculations": a note's number opening its line, before a capital
        kind, unit, pos = "count", noun[0], noun[1]
    if kind is None and reading.currency is None and not reading.is_words and pos < len(text) and text[pos].isalpha():
        return False  # "5G", "3D"
    if (
        kind == "duration"
        and reading.qualifier == "more_than"
        and text[reading.qstart : start].strip().lower() == "over"
        and _FIGURE_END.search(text, max(0, reading.qstart - 16), reading.qstart)
    ):
        reading.qualifier = "exact"  # "rose by 250% over 2 years": the span of a change, not more than two years
    reading.kind, reading.unit, reading.pos = kind, unit, pos
    return True


def _read_money_scale(reading: _Reading, pos: int) -> int:
    """ "40 USD million": a scale after the currency, when none came before it."""
    if reading.factor != 1.0:
        return pos
    factor, after = _scaled(reading.text, pos, True)
    if factor != 1.0:
        reading.low, reading.high, reading.factor = reading.low * factor, reading.high * factor, factor
    return after


def _read_sub_unit(reading: _Reading, pos: int) -> int:
    """ "5 dollars 20 cents": the hundredths folded into the amount (of one value, without a scale)."""
    found = _SUB_UNIT_AFTER.match(reading.text, pos) if reading.low == reading.high and reading.factor == 1.0 else None
    if found is None or _sub_unit_currency(found.group("sub")) not in ("", reading.currency):
        return pos
    reading.low = reading.high = reading.low + int(found.group("n")) / 100
    return found.end()


def _sub_unit_currency(sub: str) -> str:
    return next(code for pattern, code in SUB_UNITS if re.fullmatch(pattern, sub, re.I))


def _counted_noun_after_of(reading: _Reading, pos: int, limit: int) -> tuple[str, int] | None:
    """ "3 dozens of howitzers", "2 million of the shells": the noun after a scale and "of"."""
    if reading.factor == 1.0:
        return None
    of = _of_after(reading.text, pos, limit)
    return _counted_noun(reading.text, of.end() - 1, limit) if of else None


def _unit_named(found: re.Match) -> str:
    """The unit a _UNIT_AFTER match names, by its kind."""
    kind = found.lastgroup
    if kind == "percent":
        return "%"
    if kind == "multiplier":
        return "x"
    if kind == "money":
        return currency_of(found.group(0))
    if kind == "quantity":
        return quantity_unit(found.group("quantity_unit"))
    unit = found.group("duration_unit").lower()
    return {"century": "centuries"}.get(unit, unit if unit.endswith("s") or unit == "centuries" else unit + "s")


def _read_qualifier_after(reading: _Reading, limit: int) -> None:
    """A qualifier written after the number: "1,000+", "or more", "or less", "or so"; "40-odd" is approximate.
    A number without a unit counts the noun after the qualifier: "300 or more armoured vehicles"."""
    after_qualifier = reading.qualifier == "exact" and _AFTER_QUALIFIER_AT.match(reading.text, reading.pos)
    if after_qualifier and after_qualifier.group(0).strip():
        reading.qualifier = (
            "approximately"
            if after_qualifier.group("about")
            else "at_most"
            if after_qualifier.group("most")
            else "at_least"
        )
        if after_qualifier.group(0).strip() == "+":
            reading.pos = after_qualifier.end()
        elif reading.kind is None and (noun := _counted_noun(reading.text, after_qualifier.end(), limit)):
            reading.kind, reading.unit = "count", noun[0]
    if reading.odd and reading.qualifier == "exact":
        reading.qualifier = "approximately"


def _names_what_it_counts(reading: _Reading, limit: int) -> bool:
    """The noun a count takes from its clause ("Of the 8 plants named, 5 ...", "3 of the 10 plants"); False for an
    identifier ("E.O. 14024", "Table 3") or the people a claim is attributed to ("two officials said")."""
    text, start, pos, kind = reading.text, reading.start, reading.pos, reading.kind
    if (
        kind is None
        and not reading.is_words
        and (_IDENTIFIER_BEFORE.search(text, max(0, start - 12), start) or _label_before(text, start))
    ):
        return False  # "E.O. 14024", "UIN 14302", "HS 8542", "page 7", "Table 3": identifiers and labels
    if (
        kind == "count"
        and not reading.is_words
        and "," not in reading.num
        and (_CODE_BEFORE.search(text, max(0, start - 12), start) or _label_before(text, start))
    ):
        return False  # "EO 14024 designations", "version 2 reaches": a label's number before a word, not a count
    if kind in (None, "count"):
        # "Of the 8 plants named, 5 supply components": the 5 counts plants.
        clause = _of_the_before(text, start)
        noun = _counted_noun(text, clause.end("n"), start) if clause else None
        if noun:
            reading.kind, reading.unit = "count", noun[0]
    if reading.kind is None and (of_group := _OF_GROUP.match(text, pos)):
        # "3 of the 10 plants", "Two of our closest allies": the number counts the noun of the group.
        noun = _counted_noun(text, of_group.end(), limit)
        if noun:
            reading.kind, reading.unit = "count", noun[0]
    qstart = reading.qstart
    return not (
        reading.kind == "count"
        and reading.unit.lower() in _SOURCE_NOUNS
        and reading.high <= 20
        and (_REPORTING_AFTER.match(text, pos) or _ACCORDING_BEFORE.search(text, max(0, qstart - 40), qstart))
    )


def _reads_as_words_figure(reading: _Reading) -> bool:
    """A number in words is a figure only with a kind, and not "one" or "a" counting, nor "the two nations"."""
    text, start, lowered = reading.text, reading.start, reading.num.lower()
    if lowered.split()[0].split("-")[0] in SCALE_ABBREVIATIONS:
        return False  # "USD million" in a table caption is a unit, not a figure
    if reading.kind is None:
        return False
    if lowered in ("one", "a", "an") and reading.kind == "count":
        return False
    if lowered == "one" and _ONE_DAY.match(text, reading.number_end):
        return False
    return not (reading.kind == "count" and _DETERMINER_BEFORE.search(text, max(0, start - 12), start))


def _reads_as_bare_figure(reading: _Reading, table_rows: bool) -> bool:
    """A bare number (no unit, no noun): a figure when it reads as one, not a label, list marker or footnote; in a
    table, it takes the unit its column, row or caption states."""
    text, start, pos, num = reading.text, reading.start, reading.pos, reading.num
    if _label_before(text, start):
        return False
    if start > 0 and text[start - 1] in "([" and pos < len(text) and text[pos] in ")]":
        return False
    line_start = text.rfind("\n", 0, start) + 1
    if (
        not text[line_start:start].strip()
        and pos < len(text)
        and text[pos] in ".)"
        and not (pos + 1 < len(text) and text[pos + 1].isdigit())
    ):
        return False  # "1." or "2)" list markers
    if not text[line_start:start].strip() and _CAPITAL_AFTER.match(text, pos):
        return False  # "14 Author's interview, Kyiv": a footnote or list marker opening its line
    if (
        text[pos : pos + 1] == ","
        and num.isdigit()
        and reading.low <= 120
        and _WORD_COMMA_BEFORE.search(text, max(0, start - 40), start)
    ):
        return False  # "Lukashenko, 70, has ruled since ...", "a director, 58, who": an age in apposition
    in_table = table_rows and _in_table(text, start, pos)
    if not in_table and _LONG_IDENTIFIER.fullmatch(num):
        return False  # "embed 7731942", "order 20231104": seven digits and no separator name something
    if (
        reading.high == reading.low
        and reading.low < 10
        and "." not in num
        and reading.factor == 1.0
        and reading.qualifier == "exact"
        and not in_table
    ):
        return False
    reading.kind, reading.unit = "count", ""
    number_of = _number_of_before(text, start)
    if number_of:  # "the number of Russian troops fell from around 30,000": 30,000 troops
        reading.unit = number_of.group("noun")
    if in_table:
        table_unit = _table_unit(text, start)
        if table_unit is None:
            return False  # a code column: "HS code", "No."
        if table_unit[0]:
            reading.kind, reading.unit = table_unit[0], table_unit[1]
            reading.low, reading.high = reading.low * table_unit[2], reading.high * table_unit[2]
    return True


def _joins_range(text: str, start: int, candidate_range: re.Match, is_words: bool) -> bool:
    """Whether the separator after the number at ``start`` makes a range with the next number: "12–15", "between
    12 and 15", "four or five"; not "from 12 to 15" (a change) or "12 and 15" (two figures)."""
    sep = candidate_range.group("sep").strip().lower()
    second = candidate_range.group("num")
    second_words = not (second[0].isdigit() or second[0] == ".")
    if sep in ("-", "–", "—") and is_words != second_words:
        return False
    if sep == "to":
        return _FROM.search(text, max(0, start - 6), start) is None
    if sep == "and":
        return _BETWEEN.search(text, max(0, start - 20), start) is not None
    if sep == "or":
        return is_words and second_words
    return True


def _negative_sign_before(text: str, start: int) -> bool:
    """A minus glued to the number and standing apart from what is before it: "-2.1", "(−3%)", not "T-72"."""
    if start == 0 or text[start - 1] not in "-−":
        return False
    return start == 1 or text[start - 2] in " \t\n\u00a0(|["


def _unit_follows(text: str, pos: int) -> bool:
    return bool(
        _MULTIPLIER.match(text, pos)
        or _QUANTITY_UNIT.match(text, pos)
        or _MONEY_AFTER.match(text, pos)
        or (_DURATION_UNIT.match(text, pos) and not _RANGE_AT.match(text, pos))
    )


# ---------------------------------------------------------------- period and measure


def _period_from(date: DateMention, prep: str) -> tuple[str, str]:
    prep = " ".join(prep.lower().split())
    if not date.first:
        return "", ""
    if date.precision == "period" or date.first != date.last and prep in ("between", "from"):
        return date.first, date.last
    if prep in ("prior to", "before"):
        return "", unit_before(date.first)
    if prep in ("by", "until", "till", "through"):
        return "", date.last
    if prep in ("since", "from"):
        return date.first, ""
    if prep == "after":
        return unit_after(date.last), ""
    return date.first, date.last


def _comparison_base(figure: _Figure, gap: str, date: DateMention) -> bool:
    """A date a change is measured against ("up 8% from 2022", "compared with 2021"), not the figure's period."""
    found = _COMPARISON_GAP.search(gap)
    if not found or date.precision == "period" or _CLAUSE_BREAK.search(gap) or len(gap.split()) > 8:
        return False
    return bool(found.group("always")) or figure.kind in ("percent", "multiplier")


def _row_date(text: str, figure: _Figure, dates: list[DateMention], date_starts: list[int]) -> DateMention | None:
    """The date that is the whole first cell of the table row holding ``figure`` (not the figure's own cell)."""
    line_start, line_end = _line(text, figure.start)
    cells = _cells(text[line_start:line_end])
    if len(cells) < 2 or line_start + cells[0][0] + len(cells[0][1]) > figure.start:
        return None
    cell_start = text.find(cells[0][1], line_start + cells[0][0])  # the cell's text, past its padding
    index = bisect.bisect_left(date_starts, cell_start)
    if index < len(dates) and dates[index].start == cell_start and dates[index].text == cells[0][1]:
        return dates[index]
    return None


def _column_date(text: str, start: int) -> tuple[str, str] | None:
    """The period a table column's header gives when the header is a date (a year, a month, a quarter), perhaps
    with its unit after a comma ("2022, USD mln")."""
    header = _column_header(text, start)
    found = find_dates(header) if header else []
    if (
        len(found) == 1
        and found[0].first
        and found[0].start == 0
        and (found[0].end == len(header) or header[found[0].end] == ",")
    ):
        return found[0].first, found[0].last
    return None


def _dates_inside(sentence: Sentence, dates: list[DateMention], date_starts: list[int]) -> list[DateMention]:
    """The dates that lie wholly in ``sentence``."""
    inside = []
    for date in dates[bisect.bisect_left(date_starts, sentence.start) :]:
        if date.start >= sentence.end:
            break
        if date.end <= sentence.end:
            inside.append(date)
    return inside


def _period(
    figure: _Figure,
    text: str,
    sentence: Sentence,
    dates: list[DateMention],
    date_starts: list[int],
    inside: list[DateMention],
) -> tuple[str, str]:
    """The period of ``figure``; ``inside``: the dates of its sentence (see _dates_inside)."""
    if figure.in_table:
        row_date = _row_date(text, figure, dates, date_starts)
        if row_date is not None:  # "| 2021 | 16.3 | 41% |": the year labelling the row is every cell's period
            return _period_from(row_date, "in")
        column_date = _column_date(text, figure.start)
        if column_date is not None:  # a column headed "2022": its year is the cell's period
            return column_date
    if not inside:
        return "", ""
    # 1. A date right after the figure, tied by a temporal preposition: "30–40% of exports prior to 2021".
    for date in inside:
        if date.start >= figure.end:
            gap = text[figure.end : date.start]
            tie = _TIE_AFTER.match(gap)
            if (
                tie
                and not _CLAUSE_BREAK.search(gap)
                and (tie.group("prep") or _RELATIVE_DATE.match(date.text) or not gap.strip())
                and not _comparison_base(figure, gap, date)
            ):  # "up 20% from 2022": the base, not the period
                return _period_from(date, tie.group("prep") or "in")
            break
    # 2. A date before the figure in the same clause: "The one in 2021 ... involved 150,000 troops".
    # The last such date, sought from the end: the statement verb is tested only until one is found.
    for date in reversed(inside):
        if date.end <= figure.qualifier_start and not _STATEMENT_VERB_BEFORE.search(
            text, max(sentence.start, date.start - 30), date.start
        ):
            break
    else:
        date = None
    if date is not None:
        gap = text[date.end : figure.qualifier_start]
        if _TIE_BEFORE.match(gap) and len(gap.split()) <= 8:
            prep = _PREP_BEFORE_DATE.search(text, max(sentence.start, date.start - 14), date.start)
            return _period_from(date, prep.group(1) if prep else "in")
    # 3. A date opening the sentence ("From January 2022-January 2023, 12,345 tons ...") covers its figures.
    first = inside[0]
    if first.end <= figure.start:
        opening = _SENTENCE_INITIAL_DATE.match(text[sentence.start : first.start])
        if opening and _COMMA.match(text, first.end):
            return _period_from(first, opening.group("prep") or "in")
    return "", ""


# "GUR reported on November 4 that Belarus transferred 120 tanks": the day of the statement, not of the figure.
_STATEMENT_VERB_BEFORE = re.compile(
    r"\b(?:said|stated|reported|noted|claimed|announced|wrote|added|confirmed|"
    r"revealed|published|told\s+\w+)\s+(?:on\s+|in\s+)?$"
)
_NP_WORD = re.compile(r"\s*(?P<w>[A-Za-z][\w'’\-]*)")
_NP_STOP = frozenset(
    "was were is are has have had will would be been being that which who whom and or but by to from in on at "
    "for with as than while since after before during prior until into through against between among within "
    "increased rose grew fell declined dropped reached".split()
)
_PASSIVE = re.compile(
    r"\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been|being)?\s*"
    r"(?P<verb>[a-z]+ed|sent|sold|bought|built|made|shipped|delivered)\b"
)
_PP = re.compile(
    r"\s+(?P<prep>from|to|into|in|for|by)\s+(?P<np>(?:the\s+)?(?:[A-Z][\w'’\-]*|[a-z]+)"
    r"(?:\s+[A-Z][\w'’\-]*|\s+control|\s+forces|\s+territory|\s+sectors?|\s+industries)*)"
)
_EXERCISE_NAMED = re.compile(
    r"\b(?:exercises?|drills?|manoeuvres|maneuvers)\s+(?:entitled|called|named|dubbed|"
    r"codenamed)\s+(?P<name>[A-Z][\w\-]+)"
)
_EXERCISE = re.compile(r"\b(?P<name>[A-Z][\w\-]+)(?:[-\s]\d{4})?\s+(?:military\s+)?(?:exercises?|drills?)\b")
_PERSONNEL = frozenset("troops soldiers servicemen personnel military participants".split())
_SUBJECT_VERB = re.compile(
    r"(?:^|[,;:]\s*)(?P<subject>(?:[A-Z][\w'’\-]*\s+){1,4})(?:has|have|had)?\s*"
    r"(?P<verb>[a-z]+ed|sent|sold|bought|built|made|received)\s+$"
)
_SUBJECT_VERB_ENDINGS = ("ed", "sent", "sold", "bought", "built", "made")  # how the verbs above end


def _may_name_exercise(passage: str) -> bool:
    """Whether ``passage`` holds a word that _EXERCISE_NAMED or _EXERCISE needs (both are case-sensitive): a test
    cheaper than their searches, which try every word."""
    return "exercise" in passage or "drill" in passage or "manoeuvres" in passage or "maneuvers" in passage


def _last_clause(before: str) -> str:
    """The last clause of ``before`` without its leading connectives, its article and a final auxiliary: what a
    figure's verb says of ("Belarusian-Iranian trade turnover")."""
    clause = _CLAUSE_SPLIT.split(before)[-1]
    clause = _LEAD_WORDS.sub("", clause.strip())
    clause = _ARTICLE.sub("", clause)
    if _ends_with_auxiliary(clause):
        clause = _AUXILIARY_END.sub("", clause)
    return clause


def _noun_phrase(text: str, pos: int, limit: int, max_words: int = 5) -> tuple[str, int]:
    words: list[str] = []
    end = pos
    while len(words) < max_words:
        word = _NP_WORD.match(text, end, limit)
        if not word or word.group("w").lower() in _NP_STOP:
            break
        words.append(word.group("w"))
        end = word.end()
    return " ".join(words), end


def _prepositional(text: str, pos: int, limit: int) -> str:
    phrases = []
    while len(phrases) < 2:
        pp = _PP.match(text, pos, limit)
        if not pp or pp.group("prep") in ("in", "by") and phrases:
            break
        phrases.append(f"{pp.group('prep')} {pp.group('np')}")
        pos = pp.end()
    return " ".join(phrases)


def _measure(figure: _Figure, text: str, sentence: Sentence, previous: dict) -> str:
    """A short label of what ``figure`` measures, by the first rule that names one ("" when none does).
    ``previous``: the labels of the sentence's figures so far, by kind."""
    for rule in (_measure_of_phrase, _measure_of_ownership, _measure_before_verb, _measure_of_count):
        label = rule(figure, text, sentence, previous)
        if label is not None:
            return label
    # "exceeding 90% in some sectors" continues the measure of the figure before it.
    if figure.kind == "percent" and figure.kind in previous:
        label = previous[figure.kind]
        pp = _IN_PHRASE.match(text, figure.end, sentence.end)
        return f"{label} in {pp.group('np').strip()}" if pp else label
    if figure.in_table:
        return _table_measure(text, figure.start)
    return ""


def _measure_of_phrase(figure: _Figure, text: str, sentence: Sentence, previous: dict) -> str | None:
    """ "12,345 tons of ammunition was shipped from Belarus to Russian control"; "30–40% of exports"."""
    pos, s_end = figure.end, sentence.end
    of = _of_after(text, pos, s_end)
    if not of or figure.kind not in ("quantity", "count", "percent", "money"):
        return None
    np, end = _noun_phrase(text, of.end(), s_end)
    if not np:
        return None
    if figure.kind == "percent":
        label = f"share of {np}"
    else:
        label = np
        passive = _PASSIVE.match(text, end, s_end)
        if passive:
            label += f" {passive.group('verb')}"
            end = passive.end()
        pp = _prepositional(text, end, s_end)
        if pp:
            label += f" {pp}"
    previous[figure.kind] = label
    return label


def _measure_of_ownership(figure: _Figure, text: str, sentence: Sentence, previous: dict) -> str | None:
    """ "the 49% state-owned Belarusian Peleng", "a 25% stake in Belshina"."""
    if figure.kind != "percent":
        return None
    owned = _OWNED.match(text, figure.end, sentence.end)
    if owned:
        who = f"{owned.group('who')} " if owned.group("who") else ""
        return f"{who}ownership of {owned.group('np').strip()}"
    stake = _STAKE.match(text, figure.end, sentence.end)
    if stake:
        np, _ = _noun_phrase(text, stake.end(), sentence.end)
        return f"stake in {np}" if np else ""
    return None


def _measure_before_verb(figure: _Figure, text: str, sentence: Sentence, previous: dict) -> str | None:
    """ "Belarusian-Iranian trade turnover increased threefold": the clause before the figure's verb."""
    before = text[sentence.start : figure.qualifier_start]
    if figure.verb:
        clause = _last_clause(before)
        if clause and len(clause.split()) <= 8:
            return clause
    verb = None
    if figure.kind in ("multiplier", "percent", "money", "quantity", "count"):
        # The last verb, which counts only with at most three words after it: it is among the last four words.
        last_words = before.rsplit(None, 4)
        for verb in _MEASURE_VERBS.finditer(before, len(last_words[0]) if len(last_words) == 5 else 0):
            pass
    if verb and not _LIST_BREAK.search(before, verb.end()) and len(before[verb.end() :].split()) <= 3:
        clause = _last_clause(before[: verb.start()])
        if clause and len(clause.split()) <= 6:
            return clause
    return None


def _measure_of_count(figure: _Figure, text: str, sentence: Sentence, previous: dict) -> str | None:
    """Counts: "Russia has ordered more than 1,500 drones from Iran" -> "drones ordered by Russia from Iran";
    troops -> "troops in the Zapad exercise"."""
    if figure.kind != "count" or not figure.unit:
        return None
    s_start, s_end = sentence.start, sentence.end
    if figure.unit.lower() in _PERSONNEL:
        exercise = _exercise_named(text, s_start, s_end)
        if exercise:
            return f"{figure.unit} in the {exercise.group('name')} exercise"
    pp = _prepositional(text, figure.end, s_end)
    before = text[s_start : figure.qualifier_start]
    subject = _subject_verb_before(before)
    if subject:
        label = f"{figure.unit} {subject.group('verb')} by {subject.group('subject').strip()}"
        return f"{label} {pp}".strip()
    if pp.startswith("from"):
        return f"{figure.unit} {pp}"
    return None


def _exercise_named(text: str, s_start: int, s_end: int) -> re.Match | None:
    """The exercise troops take part in, named in their sentence or in the 500 characters of its paragraph before."""
    exercise = (
        (_EXERCISE_NAMED.search(text, s_start, s_end) or _EXERCISE.search(text, s_start, s_end))
        if _may_name_exercise(text[s_start:s_end])
        else None
    )
    if not exercise:
        paragraph = text.rfind("\n\n", 0, s_start)
        window = max(paragraph, s_start - 500, 0)
        named = (
            list(_EXERCISE_NAMED.finditer(text, window, s_start)) if _may_name_exercise(text[window:s_start]) else None
        )
        exercise = named[-1] if named else None
    return exercise


def _table_measure(text: str, start: int) -> str:
    """A table cell's measure: its row's label (the first cell without digits before it) and its column's header
    unless that is a date: "Integrated circuits, change"; "| 2021 | 16.3 |" under "Exports to Russia (USD bn)"."""
    line_start, line_end = _line(text, start)
    row_label = next(
        (
            cell
            for offset, cell in _cells(text[line_start:line_end])
            if line_start + offset < start and not _DIGIT.search(cell)
        ),
        "",
    )
    header = _column_header(text, start)
    if _DIGIT.search(header):
        header = ""
    if row_label and header:
        return f"{row_label}, {header[:1].lower()}{header[1:]}"
    return row_label or header


def _count_digits(text: str) -> int:
    return sum(map(str.isdigit, text))


def _phone_spans(text: str) -> list[tuple[int, int]]:
    """The spans of the phone numbers in ``text``, as finditer of the patterns in one alternation would give them:
    from left to right, each the first match of any at or after the end of the one before (no two start alike)."""
    spans: list[tuple[int, int]] = []
    # The first match of each pattern at or after the end of the last span: (start, end, pattern, lead).
    found = [
        (match.start() - lead, match.end(), pattern, lead)
        for pattern, lead in _PHONE_PATTERNS
        if (match := pattern.search(text, lead)) is not None
    ]
    while found:
        start, end, _, _ = min(found, key=_first)
        spans.append((start, end))
        following = []
        for first, last, pattern, lead in found:
            if first < end:  # the span holds it: the pattern's first match after the span
                match = pattern.search(text, end + lead)
                if match is None:
                    continue
                first, last = match.start() - lead, match.end()
            following.append((first, last, pattern, lead))
        found = following
    return spans


def _first(item: tuple) -> object:
    return item[0]


def find_figures(text: str, dates: list[DateMention]) -> list[_Figure]:
    """The figures of ``text`` (no dates inside them), sorted by offset."""
    figures: list[_Figure] = []
    limit = len(text)
    dates_seen = _Cursor(dates)
    # a phone number has seven digits or more: "+36.6" in a "Change, %" column is a figure
    phones = _Cursor(
        [(start, end) for start, end in _phone_spans(text) if end - start >= 7 and _count_digits(text[start:end]) >= 7]
    )
    notes = _NOTES_AT_START.match(text) or _NOTES_AFTER_NEWLINE.search(text)
    notes_start = notes.end() if notes else limit
    table_rows = "\t" in text or "|" in text  # a row of a table has one or the other (see _is_table_line)
    dot_thousands = writes_dot_thousands(text)
    pos = 0
    while (trigger := next_trigger(text, pos, _TRIGGER, _TRIGGER_WORD_AT)) is not None:
        # A number in digits starts at the trigger itself: inside a date ("March 12", "2022"), it is skipped
        # without the candidate pattern, which it would match from the trigger on.
        date = dates_seen.holding(trigger[0]) if text[trigger[0]] in _DIGIT_OR_POINT else None
        match = _CANDIDATE.match(text, trigger[0]) if date is None else None
        if match is None:
            pos = trigger[1] if date is None else max(trigger[1], date.end)
            continue
        pos = match.end()
        number_start = match.start("num")  # -1 for the alternatives without a number
        if number_start < 0:
            number_start = match.start()
        date = dates_seen.holding(number_start)
        if date is not None:
            pos = max(trigger[1], date.end)  # "on March 12 300 troops": the count after the date
            continue
        phone = phones.holding(number_start)
        if phone is not None:
            pos = max(pos, phone[1])
            continue  # "+375 17 367-46-59", "(202) 622-2960"
        figure = _parse_at(text, match, limit, table_rows, dot_thousands)
        if figure is None:
            continue
        if figure.start > notes_start and not text[text.rfind("\n", 0, figure.start) + 1 : figure.start].strip():
            continue  # the number of a footnote under a "Notes" heading
        _share_nouns(text, figures, figure)
        # A figure never swallows a date: "from 2021 to 2022" stays a date.
        following = dates_seen.next()
        if (
            following is not None
            and figure.start < following.start < figure.end
            and figure.kind == "count"
            and not figure.unit
        ):
            continue
        figure.in_table = table_rows and _in_table(text, figure.start, figure.end)
        figures.append(figure)
        pos = max(pos, figure.end)
    return figures


class _Cursor:
    """Spans sorted by offset (dates, phone numbers), walked forwards as the figures are found."""

    def __init__(self, spans: list):
        self.spans, self.index = spans, 0

    @staticmethod
    def _bounds(span) -> tuple[int, int]:
        return (span.start, span.end) if isinstance(span, DateMention) else span

    def holding(self, offset: int):
        """The span that holds ``offset``, or None; the spans that end before it are passed for good."""
        spans = self.spans
        while self.index < len(spans) and self._bounds(spans[self.index])[1] <= offset:
            self.index += 1
        if self.index < len(spans) and self._bounds(spans[self.index])[0] <= offset:
            return spans[self.index]
        return None

    def next(self):
        """The first span not yet passed, or None."""
        return self.spans[self.index] if self.index < len(self.spans) else None


def _share_nouns(text: str, figures: list[_Figure], figure: _Figure) -> None:
    """A count without a noun takes the noun of a count next to it: "up from 212 a year earlier" (the figure
    before), "12 Tor-M2 and 6 Buk-M3 systems" and "from 40 to 80 units" (the figure after)."""
    if (
        figures
        and figure.kind == "count"
        and not figure.unit
        and _INHERIT_BEFORE.search(text, max(0, figure.start - 50), figure.start)
    ):
        for earlier in reversed(figures[-4:]):
            if _SENTENCE_GAP.search(text, earlier.end, figure.start):
                break
            if earlier.kind in ("count", "quantity") and earlier.unit:
                figure.kind, figure.unit = earlier.kind, earlier.unit
                break
    if figures and figure.kind == "count" and not figure.unit and _OF_THEM.match(text, figure.end):
        for earlier in reversed(figures[-4:]):  # "2,500 of them are Russian": them, counted before
            if _SENTENCE_GAP.search(text, earlier.end, figure.start):
                break
            if earlier.kind == "count" and earlier.unit:
                figure.unit = earlier.unit
                break
    last = figures[-1] if figures else None
    if last is None or last.unit or last.kind != "count" or not figure.unit:
        return
    if figure.kind == "count" and _SHARED_NOUN_GAP.fullmatch(text, last.end, figure.start):
        last.unit = figure.unit
    elif _TO.fullmatch(text, last.end, figure.start) and _FROM.search(text, max(0, last.start - 6), last.start):
        last.kind, last.unit = figure.kind, figure.unit


def extract_figures(document: Document, sentences: list[Sentence]) -> list[dict]:
    """Rows for figures.csv: every quantitative figure of the document with its sentence, period and measure."""
    text = document.text
    stem = Path(document.name).stem
    dates = document_dates(document)
    date_starts = [date.start for date in dates]
    sentence_ends = [sentence.end for sentence in sentences]
    rows = []
    previous: dict[str, str] = {}
    current_sentence = None
    for figure in find_figures(text, dates):
        sentence = sentence_containing(sentences, sentence_ends, figure.start) or Sentence(
            figure.start, figure.end, text[figure.start : figure.end]
        )
        if sentence is not current_sentence:
            previous = {}
            current_sentence = sentence
            sentence_dates = _dates_inside(sentence, dates, date_starts)  # once for the figures of a sentence
        period_start, period_end = _period(figure, text, sentence, dates, date_starts, sentence_dates)
        rows.append(
            {
                "figure_id": f"{stem}:{figure.start}",
                "doc": document.name,
                "start": figure.start,
                "end": figure.end,
                "text": text[figure.start : figure.end],
                "sentence": sentence.text,
                "sentence_start": sentence.start,
                "sentence_end": sentence.end,
                "kind": figure.kind,
                "low": tidy(figure.low),
                "high": tidy(figure.high),
                "unit": figure.unit,
                "unit_class": unit_class(figure.unit, sentence.text) if figure.kind == "count" and figure.unit else "",
                "qualifier": figure.qualifier,
                "period_start": period_start,
                "period_end": period_end,
                "measure": _measure(figure, text, sentence, previous),
            }
        )
    return rows

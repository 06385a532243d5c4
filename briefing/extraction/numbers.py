"""Parsing numbers as written in prose: digits with thousands separators, decimals, number words and scale words.

Shared by the figure and date extractors. Everything here is plain ``re`` compiled at import time.
"""

from __future__ import annotations

import re

from ..reading.text import fold_case

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
# Abbreviated scales after a number: "$12.8bn", "USD 3.5 mln", "5k". "m" only counts as million after a currency.
SCALE_ABBREVIATIONS = {
    "k": 1_000,
    "thousand": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "million": 1_000_000,
    "bn": 1_000_000_000,
    "bln": 1_000_000_000,
    "b": 1_000_000_000,
    "billion": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
    "trillion": 1_000_000_000_000,
    "hundred": 100,
    "dozen": 12,
    "dozens": 12,
    "lakh": 100_000,
    "lakhs": 100_000,
    "crore": 10_000_000,
    "crores": 10_000_000,
}
# Numbers that take "-fold": "threefold", "a hundredfold" (values by parse_words).
FOLD_NUMBERS = (
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty hundred thousand"
).split()
# Verbs and adverbs that are multipliers by themselves ("doubled", "twice the amount"): values in MULTIPLIER_WORDS.
MULTIPLIER_VERBS = ("doubled", "tripled", "quadrupled", "halved")
MULTIPLIER_ADVERBS = ("twice", "thrice")
MULTIPLIER_WORDS = {
    "double": 2,
    "doubled": 2,
    "doubling": 2,
    "triple": 3,
    "tripled": 3,
    "tripling": 3,
    "quadrupled": 4,
    "quadrupling": 4,
    "twice": 2,
    "thrice": 3,
    "halved": 0.5,
    "halving": 0.5,
}
# Fractions of a whole, as percentages: "a third" -> 33.333333, "two-thirds" -> 66.666667, "half" -> 50.
FRACTION_DENOMINATORS = {
    "half": 2,
    "halves": 2,
    "third": 3,
    "thirds": 3,
    "quarter": 4,
    "quarters": 4,
    "fifth": 5,
    "fifths": 5,
    "sixth": 6,
    "sixths": 6,
    "seventh": 7,
    "sevenths": 7,
    "eighth": 8,
    "eighths": 8,
    "ninth": 9,
    "ninths": 9,
    "tenth": 10,
    "tenths": 10,
}
# The numerators a fraction is read with: "a third", "two-thirds", "four fifths".
FRACTION_NUMERATORS = ("an?", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_FRACTION_WORDS = re.compile(r"[a-z]+")


def parse_fraction(text: str) -> float | None:
    """ "a third" -> 33.333333...; "two-thirds" -> 66.666...; "half" -> 50.0 (per cent of the whole); or None."""
    words = _FRACTION_WORDS.findall(fold_case(text))
    if not words or words[-1] not in FRACTION_DENOMINATORS:
        return None
    numerator = 1 if len(words) == 1 or words[0] in ("a", "an") else UNITS.get(words[0])
    if not numerator:
        return None
    return 100.0 * numerator / FRACTION_DENOMINATORS[words[-1]]


# A number in digits: "12,345", "12.8", "2400". Commas and spaces separate thousands: "12,345,678", "30 000" (a plain
# space only before exactly three digits that end the number: "7 100-mm guns" are seven guns).
# "1.234.567" (dots as thousands separators, read as such only where a document writes its thousands that way:
# see figures) comes first, so that it is never read as "1.234" followed by ".567".
DIGITS = r"(?:[0-9]{1,3}(?:\.[0-9]{3}){2,}(?![0-9])|[0-9]{1,3}(?:(?:[,\u00a0\u202f\u2009]| (?=[0-9]{3}(?![0-9]|[-‐]?[A-Za-z])))[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?|\.[0-9]+)"
# Every number word, longest first, as a pattern's alternatives.
NUMBER_WORD_ALTERNATION = "|".join(sorted([*UNITS, *TENS, *SCALES, "dozen"], key=len, reverse=True))
# A number in words: "nine", "twenty-five", "two hundred thousand", "a dozen", "a million".
WORDS = rf"(?:(?:an?\s+)?(?:{NUMBER_WORD_ALTERNATION})(?:(?:\s+and\s+|[\s\-]+)(?:{NUMBER_WORD_ALTERNATION}))*)"
_WORD_SPLIT = re.compile(r"[\s\-]+")
_SEPARATORS = re.compile(r"[,\u00a0\u202f\u2009 ]")
_WORDS_ONLY = re.compile(rf"^{WORDS}$", re.I)


def parse_digits(text: str, dot_thousands: bool = False) -> float:
    """ "12,345" -> 12345.0; "12.8" -> 12.8; with ``dot_thousands`` (the document's own convention) "12.500" ->
    12500.0 and "1.234.567" -> 1234567.0."""
    if dot_thousands and _DOT_GROUPS.fullmatch(text):
        return float(text.replace(".", ""))
    return float(_SEPARATORS.sub("", text))


_DOT_GROUPS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
# A document writes its thousands with dots when it has a number with two dot groups or dot groups and a decimal
# comma ("1.234.567", "12.500,75"), and none with comma groups ("12,500").
# Each opens with the dot after one to three digits (a literal, which re finds fast), the digits before it tested by
# lookbehinds.
_DOTS_AS_THOUSANDS = re.compile(
    r"\.(?:(?<=(?<![0-9.,])[0-9]\.)|(?<=(?<![0-9.,])[0-9]{2}\.)|(?<=(?<![0-9.,])[0-9]{3}\.))"
    r"[0-9]{3}(?:(?:\.[0-9]{3})+(?![0-9]|[.,][0-9])|(?:\.[0-9]{3})*,[0-9]{1,2}(?![0-9.,]))"
)
_COMMAS_AS_THOUSANDS = re.compile(r"(?<![0-9.,])[0-9]{1,3}(?:,[0-9]{3})+(?![0-9,])")


def writes_dot_thousands(text: str) -> bool:
    """Whether ``text`` writes thousands as "12.500" (and decimals as "3,5"), by its own numbers."""
    return _DOTS_AS_THOUSANDS.search(text) is not None and _COMMAS_AS_THOUSANDS.search(text) is None


def parse_words(text: str) -> float | None:
    """ "two hundred thousand" -> 200000; "twenty-five" -> 25; "a dozen" -> 12; None if not a number."""
    words = [w for w in _WORD_SPLIT.split(fold_case(text)) if w and w != "and"]
    if words and words[0] in ("a", "an"):
        words = words[1:]
        if not words or words[0] not in (*SCALES, "dozen"):
            return None
        words = ["one", *words]
    if not words:
        return None
    total = 0.0
    current = 0.0
    seen = False
    for word in words:
        if word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in SCALES:
            total += (current or 1) * SCALES[word]
            current = 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(text: str, dot_thousands: bool = False) -> float | None:
    """A number written in digits or words, or None (``dot_thousands``: see parse_digits)."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit() or text[0] == ".":
        try:
            return parse_digits(text, dot_thousands)
        except ValueError:
            return None
    if _WORDS_ONLY.match(text):
        return parse_words(text)
    return None


def tidy(value: float) -> float | int:
    """An int when the value is whole (12345.0 -> 12345), else the float rounded to remove binary noise."""
    if isinstance(value, float) and value.is_integer():
        return int(value)  # what rounding would give, without it
    rounded = round(value, 6)
    return int(rounded) if rounded == int(rounded) else rounded

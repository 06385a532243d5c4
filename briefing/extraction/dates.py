"""Dates and periods mentioned in a document, with ISO values, for dates.csv and for the periods of figures.

Rule-based with compiled ``re`` patterns. Relative dates ("this March", "last year", "on Monday") are resolved
against the document's own date (a dateline or metadata near the top) and never against today's clock; with no
document date they are reported unresolved.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..reading.documents import Document
from ..reading.text import Sentence, first_char_alternation
from .figure_rules import QUALIFIERS, QUANTITY_UNITS, SYMBOL_SIGNS
from .nouns import is_plural

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}

_FULL_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR_MONTHS = r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
_M = rf"(?:{_FULL_MONTHS}|{_FULL_MONTHS.upper()}|{_ABBR_MONTHS})"
_D = r"(?:[0-3]?[0-9])(?:st|nd|rd|th)?"
_Y = r"(?:1[89][0-9]{2}|20[0-9]{2})"
# A year standing alone; "in 2022.18 The ..." is a year with a footnote marker glued on, not a decimal.
_YB = (
    rf"(?<![0-9,.\-/]){_Y}(?![0-9]|,[0-9]{{3}}|"
    rf"\.[0-9](?![0-9]{{0,2}}(?:[ \t]+[A-Z\"“(\[]|[ \t]*(?:\n|$))))"
)
_DASH = r"\s*[–—\-]\s*"
_PART_OF_MONTH = r"(?:[Ee]arly|[Mm]id|[Ll]ate)"  # "mid-March", "early May 2023": the month, as precise as we go
_BEFORE_MAY = (
    "(?:"
    + "|".join(
        f"(?<={word} )"
        for word in (
            "in",
            "In",
            "since",
            "Since",
            "until",
            "by",
            "By",
            "from",
            "From",
            "to",
            "of",
            "through",
            "during",
            "During",
            "before",
            "after",
            "early",
            "Early",
            "late",
            "Late",
            "last",
            "next",
            "this",
        )
    )
    + "|(?<=mid-)|(?<=Mid-))"
)
_DECADE_PARTS = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}  # "the early 2000s": 2000-2003
_PART = (
    r"(?:[Ee]arly|[Mm]id|[Ll]ate|[Tt]he\s+(?:end|beginning|start|middle|close|turn)\s+of|"
    r"(?:[Tt]he\s+)?(?:first|second|1st|2nd)\s+half\s+of|"
    r"(?:[Tt]he\s+)?(?:first|second|third|fourth|final|last|1st|2nd|3rd|4th)\s+quarter\s+of|"
    r"(?:[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\s+of)?|Q[1-4]|H[12])"
)

# One alternation, longest forms first; each alternative has its own named groups.
_DATE = re.compile(
    rf"(?P<iso>(?<![0-9]){_Y}-[01][0-9]-[0-3][0-9](?![0-9]))"
    rf"|(?P<ymd>(?<![0-9/]){_Y}/[01]?[0-9]/[0-3]?[0-9](?![0-9/]))"
    rf"|(?P<num>(?<![0-9./])[0-3]?[0-9][./][01]?[0-9][./]{_Y}(?![0-9]))"
    rf"|(?P<mdrange>(?P<mr_m>{_M})\s+(?P<mr_d1>{_D}){_DASH}(?P<mr_d2>{_D})(?:,?\s+(?P<mr_y>{_YB}))?(?![0-9]))"
    rf"|(?P<dmrange>(?<![0-9])(?P<dr_d1>{_D})(?:{_DASH}|\s+to\s+)(?P<dr_d2>{_D})\s+(?:of\s+)?(?P<dr_m>{_M})"
    rf"(?:,?\s+(?P<dr_y>{_YB}))?)"
    rf"|(?P<mdy>(?P<a_m>{_M})\s+(?P<a_d>{_D}),?\s+(?P<a_y>{_YB}))"
    rf"|(?P<dmy>(?<![0-9.,])(?P<b_d>{_D})\s+(?:of\s+)?(?P<b_m>{_M}),?\s+(?P<b_y>{_YB}))"
    rf"|(?P<my>(?:{_PART_OF_MONTH}[\s\-]+)?(?P<c_m>{_M}),?\s+(?:of\s+)?(?P<c_y>{_YB}))"
    rf"|(?P<part>(?P<p_w>{_PART})[\s\-]+(?:of\s+)?(?P<p_y>{_Y})(?![0-9]|,[0-9]{{3}}|s\b))"
    # "by the end of the year", "in the first half of this year": the document's year
    rf"|(?P<ypart>(?P<y_w>{_PART})\s+(?:the|this)\s+year\b)"
    # "in the fourth quarter", "in Q4" without a year: the document's date and the sentence's tense give it
    rf"|(?P<qpart>(?P<q_w>(?:[Tt]he\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter|"
    rf"(?:[Tt]he\s+)?(?:first|second|1st|2nd)\s+half|Q[1-4]|H[12])\b(?![\s\-]+(?:of\b|[0-9])|-))"
    rf"|(?P<yrange>(?P<yr_1>{_YB})(?:{_DASH}|/)(?P<yr_2>{_Y}|[0-9]{{2}})(?![0-9]|,[0-9]{{3}}|\s*%))"
    rf"|(?P<decade>(?:(?P<dec_w>[Ee]arly|[Mm]id|[Ll]ate)[\s\-]+(?:the\s+)?)?(?<![0-9])(?P<dec>1[89][0-9]0|20[0-9]0)s\b)"
    rf"|(?P<md>(?P<d_m>{_M})\s+(?P<d_d>{_D})\b(?![0-9]|\.[0-9]|\s*[–—\-]\s*[0-9]))"
    rf"|(?P<dm>(?<![0-9.,])(?P<e_d>{_D})\s+(?:of\s+)?(?P<e_m>{_M})\b)"
    rf"|(?P<year>{_YB})"
    rf"|(?P<rel>\b(?P<r_w>[Tt]his|[Ll]ast|[Nn]ext|[Pp]revious|[Cc]oming|[Cc]urrent)\s+"
    rf"(?P<r_u>year|month|week|spring|summer|autumn|fall|winter|{_FULL_MONTHS}|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    r"|(?P<day>\b(?:[Tt]oday|[Yy]esterday|[Tt]omorrow)\b)"
    r"|(?P<wd>\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
    rf"|(?P<month>(?:{_PART_OF_MONTH}[\s\-]+)?(?P<mo_m>\b(?:January|February|March|April|June|July|August|September|"
    rf"October|November|December)\b"
    # "May" alone is a month only where another month follows it ("between May and July 2023") or after a word
    # that comes before a month ("in May", "since May", "mid-May"); else it is the verb or a name (Theresa May)
    rf"|\bMay(?=\s*(?:[–—\-]|to|until|through|and)\s*(?:{_FULL_MONTHS})\b)|{_BEFORE_MAY}May\b))"
)
# Words that can start a date, keyed on the first letter: one test rejects most words.
_DATE_WORD_KEYS = (
    [
        (word[0], word[1:])
        for word in "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec JAN FEB MAR APR MAY JUN "
        "JUL AUG SEP OCT NOV DEC".split()
    ]
    + [(word[0] + word[0].lower(), word[1:]) for word in ("Early", "Mid", "Late")]
    + [
        (
            "Tt",
            r"he\s+(?:end|beginning|start|middle|close|turn|first|second|third|fourth|final|last|1st|2nd|3rd|"
            r"4th)",
        )
    ]
    + [
        (word[0] + word[0].lower(), word[1:])
        for word in "First Second Third Fourth Final Last Spring Summer Autumn Fall Winter".split()
    ]
    + [("Q", "[1-4]"), ("H", "[12]")]
    + [
        (word[0] + word[0].lower(), word[1:])
        for word in "This Next Previous Coming Current Today Yesterday Tomorrow".split()
    ]
    + [(word[0], word[1:]) for word in "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()]
)
_DATE_WORDS = first_char_alternation(_DATE_WORD_KEYS)
_DATE_WORD_FIRSTS = "".join(sorted({first for firsts, _ in _DATE_WORD_KEYS for first in firsts}))
# What follows the first digit of a date, tested just after that digit. A digit after a digit starts no date
# (every alternative that starts with a digit has "(?<![0-9])" or more); a date in digits opens with a year
# (18xx, 19xx, 20xx) or with a day of one or two digits followed by what follows a day in _DATE: "st", "/",
# a dash or a month. Other numbers ("130,580", "50%", "400 drones") start no date.
_DAY_FOLLOWER = r"(?:st|nd|rd|th|[./]|\s*[–—\-]|\s+to\s|\s+(?:of\s+)?[JFMASOND])"
_AFTER_DATE_DIGIT = (
    r"(?<![0-9][0-9])(?=(?<=1)[89][0-9]{2}(?![0-9])|(?<=2)0[0-9]{2}(?![0-9])"
    rf"|{_DAY_FOLLOWER}|(?<=[0-3])[0-9]{_DAY_FOLLOWER})"
)
# Where a date can start, so that the full pattern above is tried only there: a digit as above, or a date word
# after a non-word character (group "word"). The pattern opens with a character class, so re skips letters in
# C and tries the rest only at other characters (mostly spaces): see next_trigger, which also tests that the
# character before a word is not a word character. Before a word, the character after the class is tested against
# the first letters of all the words at once, which fails most positions before the alternation.
_DATE_TRIGGER = re.compile(
    r"[^A-Za-z_](?:(?<=[0-9])" + _AFTER_DATE_DIGIT + r"|(?=[" + _DATE_WORD_FIRSTS + r"])(?P<word>" + _DATE_WORDS + "))"
)
_DATE_WORD_AT = re.compile(r"\b" + _DATE_WORDS)


def next_trigger(text: str, pos: int, trigger: re.Pattern, word_at: re.Pattern) -> tuple[int, int] | None:
    """The span of the first trigger at or after ``pos``, or None. ``trigger`` opens with a class of the
    characters that are not ASCII letters and holds a word trigger in group "word", after the character before
    it, which must be a non-word character: tested here, for the words found, rather than by a lookbehind in the
    pattern, tried at every position. A word right at ``pos`` (whose character before lies out of the search) is
    ``word_at``'s to find."""
    if pos < len(text) and text[pos].isalpha() and (found := word_at.match(text, pos)):
        return found.start(), found.end()
    while (found := trigger.search(text, pos)) is not None and found.lastgroup == "word":
        before = text[found.start()]
        if not (before.isalnum() or before == "_"):  # \W, as re has it
            return found.start("word"), found.end()
        pos = found.start() + 1  # a word glued to a number ("5million") or to a letter that is not ASCII
    return None if found is None else (found.start(), found.end())


# What joins two dates into a period: "January 2022-January 2023", "from 2021 to 2022", "between 2020 and 2022".
_JOIN = re.compile(r"\s*(?:[–—\-]|to|until|till|through|thru|and)\s*", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+$", re.I)
# A year followed by this is a quantity, not a date: "2000 troops", "1500 km", "2010 %".
_QUANTITY_AFTER = re.compile(
    r"\s*(?:%|per\s?cent|percent|[-\s]?fold\b|x\b|times\b|units?\b|people\b|personnel\b|aircraft\b|"
    rf"(?:{'|'.join(pattern for _, pattern in QUANTITY_UNITS)})\b)"
)
_CURRENCY_SIGNS = "".join(SYMBOL_SIGNS)  # a number after one is an amount: "$2000"
_PLURAL_AFTER = re.compile(r"\s+(?:[A-Za-z][\w\-]*\s+)?([a-z]{3,}s)\b")
# "2024 figures cover January-September", "the 2023 elections": what a year has, not a count
_NOUNS_OF_A_YEAR = frozenset(
    "figures data numbers statistics estimates results forecasts accounts prices levels sanctions elections "
    "exercises drills talks games exports imports volumes budgets accounts reports editions totals".split()
)
_YEAR_CONTEXT_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|of|until|till|from|to|during|before|after|through|the|and|or|mid|early|late|year|"
    r"fiscal|circa|than|between|for|at|on|end|start|beginning|spring|summer|autumn|fall|winter|"
    r"January|February|March|April|May|June|July|August|September|October|November|December)"
    r"|[\-–])\s*$",
    re.I,
)
# A qualifier before a number (figure_rules.QUALIFIERS): "about 2000 troops" is a count, not a year.
_QUALIFIER_BEFORE = re.compile(r"(?<![\w])(?:" + "|".join(words for _, words in QUALIFIERS) + r")\s*$", re.I)


_NON_DIGITS = re.compile(r"\D")
_DATE_SEPARATORS = re.compile(r"[./]")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    text: str
    value: str  # ISO; "" when unresolved
    precision: str  # day, month, year, season, period, unresolved
    first: str  # ISO of the period's first day/month/year, "" when unresolved
    last: str  # ISO of the period's last day/month/year, "" when unresolved

    @property
    def resolved(self) -> bool:
        return bool(self.value)


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _day(text: str) -> int:
    return int(_NON_DIGITS.sub("", text))


def _valid(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _ymd(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def unit_before(iso: str) -> str:
    """The unit before an ISO year, month or day: 2021 -> 2020, 2021-03 -> 2021-02, 2021-03-01 -> 2021-02-28."""
    if len(iso) == 4:
        return f"{int(iso) - 1:04d}"
    if len(iso) == 7:
        year, month = int(iso[:4]), int(iso[5:])
        return _ym(year - 1, 12) if month == 1 else _ym(year, month - 1)
    return (dt.date.fromisoformat(iso) - dt.timedelta(days=1)).isoformat()


def unit_after(iso: str) -> str:
    """The unit after an ISO year, month or day: 2021 -> 2022, 2021-12 -> 2022-01, 2021-02-28 -> 2021-03-01."""
    if len(iso) == 4:
        return f"{int(iso) + 1:04d}"
    if len(iso) == 7:
        year, month = int(iso[:4]), int(iso[5:])
        return _ym(year + 1, 1) if month == 12 else _ym(year, month + 1)
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=1)).isoformat()


def _part_of_year(word: str, year: int) -> tuple[str, str]:
    """First and last month of "early", "mid", "Q3", "summer", "the second half of" ... in ``year``."""
    w = " ".join(word.lower().split())
    w = w.removeprefix("the ").removesuffix(" of")
    if w in SEASONS:
        a, b = SEASONS[w]
        return _ym(year, a), _ym(year + 1 if b < a else year, b)
    if w in ("mid", "middle"):
        return _ym(year, 6), _ym(year, 6)
    if w in ("early", "beginning", "start", "turn"):
        return _ym(year, 1), _ym(year, 4)
    if w in ("late", "end", "close"):
        return _ym(year, 9), _ym(year, 12)
    if w.startswith(("first half", "1st half")) or w == "h1":
        return _ym(year, 1), _ym(year, 6)
    if w.startswith(("second half", "2nd half")) or w == "h2":
        return _ym(year, 7), _ym(year, 12)
    quarter = {
        "first": 1,
        "1st": 1,
        "second": 2,
        "2nd": 2,
        "third": 3,
        "3rd": 3,
        "fourth": 4,
        "4th": 4,
        "final": 4,
        "last": 4,
    }
    if w.startswith("q"):
        q = int(w[1])
    else:
        q = quarter[w.split()[0]]
    return _ym(year, 3 * q - 2), _ym(year, 3 * q)


def _span_value(first: str, last: str) -> str:
    return first if first == last else f"{first}/{last}"


def _year_is_quantity(text: str, start: int, end: int) -> bool:
    """A bare four-digit number that is a count or quantity ("2000 troops", "about 1500 km"), not a year."""
    if _QUANTITY_AFTER.match(text, end) or (start > 0 and text[start - 1] in _CURRENCY_SIGNS):
        return True
    plural = _PLURAL_AFTER.match(text, end)
    if plural and is_plural(plural.group(1)) and plural.group(1) not in _NOUNS_OF_A_YEAR:
        return bool(_QUALIFIER_BEFORE.search(text, max(0, start - 20), start)) or not _YEAR_CONTEXT_BEFORE.search(
            text, max(0, start - 20), start
        )
    return False


def _designation_before(text: str, start: int) -> bool:
    """A year-like number inside a name: "Zapad-2021", "S-400", "MiG-2000"."""
    return start >= 2 and text[start - 1] in "-‐" and (text[start - 2].isalpha())


def _relative(unit: str, word: str, anchor: dt.date | None) -> tuple[str, str, str] | None:
    """(first, last, precision) of "this March", "last year", "next week"...; None without a document date."""
    if anchor is None:
        return None
    word = word.lower()
    lowered = unit.lower()
    step = {"this": 0, "current": 0, "coming": 1, "next": 1, "last": -1, "previous": -1}[word]
    if lowered == "year":
        y = f"{anchor.year + step:04d}"
        return y, y, "year"
    if lowered == "month":
        month_index = anchor.year * 12 + anchor.month - 1 + step
        m = _ym(month_index // 12, month_index % 12 + 1)
        return m, m, "month"
    if lowered == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=step)
        return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat(), "period"
    if lowered in MONTHS:
        month = MONTHS[lowered]
        year = anchor.year
        if step < 0:
            year = anchor.year if month < anchor.month else anchor.year - 1
        elif step > 0 and word != "this":
            year = anchor.year if month > anchor.month else anchor.year + 1
        m = _ym(year, month)
        return m, m, "month"
    if lowered in SEASONS:
        a, _ = SEASONS[lowered]
        year = anchor.year
        if step < 0:
            year = anchor.year if a + 3 <= anchor.month else anchor.year - 1
        elif step > 0:
            year = anchor.year if a > anchor.month else anchor.year + 1
        first, last = _part_of_year(lowered, year)
        return first, last, "season"
    if lowered in WEEKDAYS:
        return _weekday(WEEKDAYS[lowered], step, anchor)
    return None


# Words that put a sentence in the future: "will", "is expected to", "is due", "next".
_FUTURE = re.compile(
    r"\b(?:will|shall|going\s+to|plan(?:s|ned)?\s+to|intends?\s+to|expect(?:s|ed)?\s+to|due|"
    r"scheduled|set\s+to|next|upcoming|forthcoming)\b|['’]ll\b",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?\n]")


def _year_of_months(first: int, last: int, anchor: dt.date, text: str, start: int, end: int) -> int:
    """The year of a month or part of a year named without one ("in December", "on 12 June", "in the fourth
    quarter"), from its first and last month: the document's year, but one still to come is last year's unless the
    sentence speaks of the future, and one gone by is next year's when it does ("Data for December are
    preliminary" in February 2024 is December 2023)."""
    if first <= anchor.month <= last:
        return anchor.year
    sentence_start = max(text.rfind(".", max(0, start - 300), start), text.rfind("\n", max(0, start - 300), start))
    after = _SENTENCE_END.search(text, end, end + 300)
    future = bool(_FUTURE.search(text, sentence_start + 1, after.start() if after else min(len(text), end + 300)))
    if first > anchor.month and not future:
        return anchor.year - 1
    if last < anchor.month and future:
        return anchor.year + 1
    return anchor.year


def _weekday(target: int, step: int, anchor: dt.date) -> tuple[str, str, str]:
    delta = (anchor.weekday() - target) % 7
    day = anchor - dt.timedelta(days=delta)
    if step > 0:
        day = anchor + dt.timedelta(days=(target - anchor.weekday()) % 7 or 7)
    elif step < 0 and delta == 0:
        day = anchor - dt.timedelta(days=7)
    return day.isoformat(), day.isoformat(), "day"


# One rule per alternative of _DATE (its group name): (first, last, precision) for the matched date; None if it
# cannot be resolved (no year, no document date); False if it is not a date after all. ``year_before``: the year
# of a date with a month said earlier in the sentence, which a day or month without a year shares ("from 10 to
# 16 September 2023 and again on 3-5 October").
_Parsed = tuple[str, str, str] | None | bool


def _day_or_not(y: int, m: int, d: int) -> tuple[str, str, str] | bool:
    return (_ymd(y, m, d),) * 2 + ("day",) if _valid(y, m, d) else False


def _iso_date(match: re.Match, text: str, anchor: dt.date | None, year_before: int | None) -> _Parsed:
    value = match.group("iso")
    return _day_or_not(int(value[:4]), int(value[5:7]), int(value[8:10]))


def _ymd_date(match, text, anchor, year_before) -> _Parsed:
    y, m, d = (int(p) for p in match.group("ymd").split("/"))
    return _day_or_not(y, m, d)


def _numeric_date(match, text, anchor, year_before) -> _Parsed:
    """ "12.06.2023", "6/12/2023" (month first only when the day cannot be a month)."""
    value = match.group("num")
    a, b, y = (int(p) for p in _DATE_SEPARATORS.split(value))
    d, m = (b, a) if (b > 12 and a <= 12 and "/" in value) else (a, b)
    return _day_or_not(y, m, d)


def _day_month_year(match, text, anchor, year_before) -> _Parsed:
    p = "a" if match.lastgroup == "mdy" else "b"
    g = match.group
    return _day_or_not(int(g(f"{p}_y")), _month(g(f"{p}_m")), _day(g(f"{p}_d")))


def _day_range(match, text, anchor, year_before) -> _Parsed:
    """ "September 12-16, 2023", "10 to 16 September"."""
    p = "mr" if match.lastgroup == "mdrange" else "dr"
    g = match.group
    m, d1, d2 = _month(g(f"{p}_m")), _day(g(f"{p}_d1")), _day(g(f"{p}_d2"))
    if not d1 < d2 <= 31:
        return False
    year = g(f"{p}_y")
    y = int(year) if year else year_before or (anchor.year if anchor else None)
    if y is None:
        return None
    if not (_valid(y, m, d1) and _valid(y, m, d2)):
        return False
    return _ymd(y, m, d1), _ymd(y, m, d2), "period"


def _month_year(match, text, anchor, year_before) -> _Parsed:
    m = _ym(int(match.group("c_y")), _month(match.group("c_m")))
    return m, m, "month"


def _part_with_year(match, text, anchor, year_before) -> _Parsed:
    first, last = _part_of_year(match.group("p_w"), int(match.group("p_y")))
    return first, last, "season"


def _part_of_this_year(match, text, anchor, year_before) -> _Parsed:
    if anchor is None:
        return None
    first, last = _part_of_year(match.group("y_w"), anchor.year)
    return first, last, "season"


def _quarter_without_year(match, text, anchor, year_before) -> _Parsed:
    if anchor is None:
        return None
    first, last = _part_of_year(match.group("q_w"), anchor.year)
    year = _year_of_months(int(first[5:]), int(last[5:]), anchor, text, match.start(), match.end())
    first, last = _part_of_year(match.group("q_w"), year)
    return first, last, "season"


def _year_range(match, text, anchor, year_before) -> _Parsed:
    y1, second = int(match.group("yr_1")), match.group("yr_2")
    y2 = int(second) if len(second) == 4 else (y1 // 100) * 100 + int(second)
    if not y1 < y2 <= y1 + 100:
        return False
    return f"{y1:04d}", f"{y2:04d}", "period"


def _decade(match, text, anchor, year_before) -> _Parsed:
    decade = int(match.group("dec"))
    first, last = _DECADE_PARTS.get((match.group("dec_w") or "").lower(), (0, 9))
    return f"{decade + first:04d}", f"{decade + last:04d}", "period"


def _day_without_year(match, text, anchor, year_before) -> _Parsed:
    p = "d" if match.lastgroup == "md" else "e"
    m, d = _month(match.group(f"{p}_m")), _day(match.group(f"{p}_d"))
    if not 1 <= d <= 31:
        return False
    if year_before:
        year = year_before
    elif anchor is None:
        return None
    else:
        year = _year_of_months(m, m, anchor, text, match.start(), match.end())
    return _day_or_not(year, m, d)


def _year(match, text, anchor, year_before) -> _Parsed:
    if _year_is_quantity(text, match.start(), match.end()) or _designation_before(text, match.start()):
        return False
    return (match.group("year"),) * 2 + ("year",)


def _relative_date(match, text, anchor, year_before) -> _Parsed:
    return _relative(match.group("r_u"), match.group("r_w"), anchor)


def _today(match, text, anchor, year_before) -> _Parsed:
    if anchor is None:
        return None
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[match.group("day").lower()]
    day = (anchor + dt.timedelta(days=offset)).isoformat()
    return day, day, "day"


def _weekday_date(match, text, anchor, year_before) -> _Parsed:
    return None if anchor is None else _weekday(WEEKDAYS[match.group("wd").lower()], 0, anchor)


def _month_without_year(match, text, anchor, year_before) -> _Parsed:
    month = MONTHS[match.group("mo_m").lower()]
    if year_before:
        m = _ym(year_before, month)
    elif anchor is None:
        return None
    else:
        m = _ym(_year_of_months(month, month, anchor, text, match.start(), match.end()), month)
    return m, m, "month"


_DATE_RULES = {
    "iso": _iso_date,
    "ymd": _ymd_date,
    "num": _numeric_date,
    "mdy": _day_month_year,
    "dmy": _day_month_year,
    "mdrange": _day_range,
    "dmrange": _day_range,
    "my": _month_year,
    "part": _part_with_year,
    "ypart": _part_of_this_year,
    "qpart": _quarter_without_year,
    "yrange": _year_range,
    "decade": _decade,
    "md": _day_without_year,
    "dm": _day_without_year,
    "year": _year,
    "rel": _relative_date,
    "day": _today,
    "wd": _weekday_date,
    "month": _month_without_year,
}


def _atom(
    match: re.Match, text: str, anchor: dt.date | None, year_before: int | None = None
) -> tuple[str, str, str] | None | bool:
    """(first, last, precision) for one matched date; None if unresolved; False if it is not a date."""
    return _DATE_RULES[match.lastgroup](match, text, anchor, year_before)


def _mention(start: int, end: int, text: str, parsed: tuple[str, str, str] | None) -> DateMention:
    if parsed is None:
        return DateMention(start, end, text[start:end], "", "unresolved", "", "")
    first, last, precision = parsed
    return DateMention(start, end, text[start:end], _span_value(first, last), precision, first, last)


# Dates that state a month and its year, and those that state a month or day without one: the second take the
# year of the first in the same sentence.
_YEAR_STATED = frozenset(("iso", "ymd", "num", "mdy", "dmy", "my", "mdrange", "dmrange"))
_YEAR_SHARED = frozenset(("md", "dm", "month", "mdrange", "dmrange"))


def find_dates(text: str, anchor: dt.date | None = None) -> list[DateMention]:
    """Every date or period mentioned in ``text``, sorted by offset, ranges joined into one period."""
    atoms: list[tuple[re.Match, tuple[str, str, str] | None]] = []
    dated_before: tuple[int, int] | None = None  # (end, year) of the last date with a month and its year
    pos = 0
    while True:
        trigger = next_trigger(text, pos, _DATE_TRIGGER, _DATE_WORD_AT)
        if trigger is None:
            break
        match = _DATE.match(text, trigger[0])
        if match is None:
            pos = trigger[1]
            continue
        pos = match.end()
        kind = match.lastgroup
        year_before = None
        if kind in _YEAR_SHARED and dated_before and not _SENTENCE_END.search(text, dated_before[0], match.start()):
            year_before = dated_before[1]
        parsed = _atom(match, text, anchor, year_before)
        if parsed is False:
            continue
        if parsed and kind in _YEAR_STATED and parsed[1][:4] in match.group(0):
            dated_before = match.end(), int(parsed[1][:4])
        atoms.append((match, parsed))
    mentions: list[DateMention] = []
    i = 0
    while i < len(atoms):
        match, parsed = atoms[i]
        if i + 1 < len(atoms):
            joined = _join(text, atoms[i], atoms[i + 1])
            if joined is not None:
                mentions.append(joined)
                i += 2
                continue
        mentions.append(_mention(match.start(), match.end(), text, parsed))
        i += 1
    return mentions


def _join(text: str, left: tuple[re.Match, object], right: tuple[re.Match, object]) -> DateMention | None:
    """Two dates joined by a dash, "to", "until" or "between ... and" as one period, or None."""
    (a, pa), (b, pb) = left, right
    if a.lastgroup in ("rel", "day", "wd") or b.lastgroup in ("rel", "day", "wd"):
        return None
    joiner = _JOIN.fullmatch(text, a.end(), b.start())
    if not joiner:
        return None
    if joiner.group(0).strip().lower() == "and" and not _BETWEEN_BEFORE.search(text, max(0, a.start() - 12), a.start()):
        return None
    if pb is None:
        return DateMention(a.start(), b.end(), text[a.start() : b.end()], "", "unresolved", "", "")
    if a.lastgroup == "month" and len(pb[0]) >= 7:  # "January-March 2023": the year is the second month's
        month = MONTHS[a.group("mo_m").lower()]
        year = int(pb[0][:4]) - (1 if month > int(pb[0][5:7]) else 0)
        pa = (_ym(year, month), _ym(year, month), "month")
    if pa is None:
        return DateMention(a.start(), b.end(), text[a.start() : b.end()], "", "unresolved", "", "")
    first, last = pa[0], pb[1]
    if first[:4] > last[:4]:
        return None
    return DateMention(a.start(), b.end(), text[a.start() : b.end()], f"{first}/{last}", "period", first, last)


# ---------------------------------------------------------------- the document's own date


class _LinePattern:
    """A pattern that matches at the start of a line (as "^..." under re.M would), found fast: re jumps to the
    newline before a line (a literal first character) instead of testing "^" at every character."""

    def __init__(self, line_pattern: str, flags: int = 0):
        self.at_start = re.compile(line_pattern, flags | re.M)
        self.after_newline = re.compile("\n" + line_pattern, flags | re.M)

    def finditer(self, text: str):
        """The matches of "^" + line_pattern, as finditer finds them. Each but one at the text's start also holds
        the newline before its line: use its groups and its end."""
        found = self.at_start.match(text)
        pos = 0
        if found:
            yield found
            pos = found.end()
        # From the character before pos: a match may start at pos if the one before ended with a newline.
        while (found := self.after_newline.search(text, max(pos - 1, 0))) is not None:
            yield found
            pos = found.end()


# A line may open with Markdown emphasis or a quote mark: "*Published 5 September 2024*", "> Updated: ..."
_HEADER_LABEL = _LinePattern(
    r"[ \t]*[*_>]*[ \t]*(?:Published|Posted|Date|Dated|Updated|Last\s+updated|First\s+published|Publication\s+date|"
    r"Released|Release\s+date|Issued)(?:\s+on)?[*_]*\s*[:\-–—]?[*_]*\s*",
    re.I,
)
_DATELINE = _LinePattern(r"[ \t]*[A-Z][A-Za-z .'/]{1,40},\s+")
_META = re.compile(
    r"<meta\b[^>]*?(?:property|name|itemprop)\s*=\s*[\"'](?:article:published_time|og:published_time|"
    r"datePublished|date|pubdate|publishdate|publish-date|DC\.date(?:\.issued)?|dcterms\.(?:created|date|issued)|"
    r"parsely-pub-date|sailthru\.date)[\"'][^>]*>",
    re.I,
)
_META_CONTENT = re.compile(r"content\s*=\s*[\"']([^\"']+)", re.I)
_TIME = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)", re.I)
_JSONLD = re.compile(r"\"datePublished\"\s*:\s*\"([^\"]+)\"")
_ISO_PREFIX = re.compile(r"((?:19|20)[0-9]{2})-([01][0-9])-([0-3][0-9])")
_SHORT_LINE = _LinePattern(r"[ \t]*[*_]*(\S[^\n]{0,40}?)[*_]*[ \t]*$")
HEADER_CHARS = 3000


def _iso_day(value: str) -> str | None:
    found = _ISO_PREFIX.search(value)
    if found and _valid(int(found.group(1)), int(found.group(2)), int(found.group(3))):
        return found.group(0)
    return None


# What a day in full opens with (iso, ymd, num, dmy: a digit; mdy: a month): elsewhere _DATE is not run.
_DAY_FIRSTS = frozenset("0123456789JFMASOND")


def _day_at(text: str, pos: int) -> str | None:
    if text[pos : pos + 1] not in _DAY_FIRSTS:
        return None
    match = _DATE.match(text, pos)
    if match and match.lastgroup in ("iso", "ymd", "num", "mdy", "dmy"):
        parsed = _atom(match, text, None)
        if parsed and parsed[2] == "day":
            return parsed[0]
    return None


def document_date(document: Document) -> str | None:
    """The document's publication date (ISO day) from its metadata or a dateline near the top, else None."""
    stated = document.metadata.published if document.metadata else ""
    if stated and _iso_day(stated):  # what the file states: meta tags, PDF or Word properties, a message's date
        return _iso_day(stated)
    path = document.path
    if path and os.path.splitext(path)[1].lower() in (".html", ".htm"):  # Path(path).suffix, without a Path
        try:
            with open(path, "rb") as handle:
                head = handle.read(65536).decode("utf-8", "replace")
        except OSError:
            head = ""
        for pattern in (_META, _TIME, _JSONLD):
            for found in pattern.finditer(head):
                content = _META_CONTENT.search(found.group(0)) if pattern is _META else found
                day = _iso_day(content.group(1)) if content else None
                if day:
                    return day
    header = document.text[:HEADER_CHARS]
    for label in _HEADER_LABEL.finditer(header):
        day = _day_at(header, label.end())
        if day:
            return day
    for line in _DATELINE.finditer(header):  # "MINSK, 12 June 2023 (Reuters) -"
        day = _day_at(header, line.end())
        if day:
            return day
    for line in _SHORT_LINE.finditer(header[:600]):  # a date alone on a line
        day = _day_at(header, line.start(1))
        if day and _DATE.match(header, line.start(1)).end() == line.end(1):
            return day
    return None


def _anchor(document: Document) -> dt.date | None:
    day = document_date(document)
    return dt.date.fromisoformat(day) if day else None


# One document at a time: extract.py asks for the figures and then the dates of the same document. Keyed on the
# whole document (its text and path included), so another document never gets its dates.
@functools.lru_cache(maxsize=1)
def document_dates(document: Document) -> list[DateMention]:
    """The date mentions of a document, resolved against its own date (computed once per document)."""
    return find_dates(document.text, _anchor(document))


def sentence_containing(sentences: list[Sentence], sentence_ends: list[int], offset: int) -> Sentence | None:
    """The sentence that contains ``offset``, as text.sentence_at finds it, with the sentences' ends listed once
    per document for a binary search in C."""
    index = bisect.bisect_right(sentence_ends, offset)
    if index < len(sentences) and sentences[index].start <= offset:
        return sentences[index]
    return None


def extract_dates(document: Document, sentences: list[Sentence]) -> list[dict]:
    """Rows for dates.csv: every date or period mention with offsets, ISO value and precision."""
    stem = Path(document.name).stem
    sentence_ends = [sentence.end for sentence in sentences]
    rows = []
    for mention in document_dates(document):
        sentence = sentence_containing(sentences, sentence_ends, mention.start)
        rows.append(
            {
                "date_id": f"{stem}:{mention.start}",
                "doc": document.name,
                "start": mention.start,
                "end": mention.end,
                "text": mention.text,
                "sentence": sentence.text if sentence else "",
                "sentence_start": sentence.start if sentence else "",
                "sentence_end": sentence.end if sentence else "",
                "value": mention.value,
                "precision": mention.precision,
                "resolved": mention.resolved,
            }
        )
    return rows

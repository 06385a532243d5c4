"""The tables the figure extractor reads by: currencies, units of quantity, qualifiers and labels.

Each family is written once here, as rows a reader can scan; figures.py builds its patterns, gates and lookups
from these rows (number words and scale words live in numbers.py, plural nouns in nouns.py).
"""

from __future__ import annotations

import re

# Currencies: (ISO code, signs written before an amount, names written after it as a case-insensitive pattern).
# Codes are written in capitals before or after an amount ("USD 5 million", "5 million USD").
CURRENCIES = [
    ("USD", ("US$", "$"), r"(?:US|U\.S\.|American)\s+dollars?|dollars?"),
    ("CAD", ("CA$", "C$"), r"Canadian\s+dollars?"),
    ("AUD", ("AU$", "A$"), r"Australian\s+dollars?"),
    ("HKD", ("HK$",), r"Hong\s+Kong\s+dollars?"),
    ("TWD", ("NT$",), r"(?:New\s+)?Taiwan(?:ese)?\s+dollars?"),
    ("SGD", ("S$",), r"Singapore\s+dollars?"),
    ("MXN", ("Mex$", "MX$"), r"Mexican\s+pesos?"),
    ("EUR", ("€",), r"euros?"),
    ("GBP", ("£",), r"pounds?(?:\s+sterling)?"),
    ("BYN", ("Br.", "Br"), r"Belarusian\s+(?:roubles?|rubles?)"),
    ("RUB", ("₽",), r"(?:Russian\s+)?(?:roubles?|rubles?)"),
    ("CNY", ("¥",), r"yuan|renminbi"),
    ("IRR", (), r"rials?"),
    ("JPY", (), r"yen"),
    ("UAH", ("₴",), r"hryvnias?"),
    ("CHF", (), r"(?:Swiss\s+)?francs?"),
    ("INR", ("₹",), r"(?:Indian\s+)?rupees?"),
    ("TRY", ("₺",), r"(?:Turkish\s+)?liras?"),
    ("KZT", ("₸",), r"tenge"),
    ("KRW", ("₩",), r"South\s+Korean\s+won"),
    ("LAK", ("₭",), None),
    ("CRC", ("₡",), None),
    ("PLN", (), r"zloty|zlotys|złoty"),
    ("AED", (), r"dirhams?"),
    ("BRL", ("R$",), r"(?:Brazilian\s+)?reais|Brazilian\s+real"),
    ("SEK", (), r"Swedish\s+kronor|Swedish\s+krona"),
    ("NOK", (), r"Norwegian\s+kroner|Norwegian\s+krone"),
    ("DKK", (), r"Danish\s+kroner|Danish\s+krone"),
    ("CZK", (), r"(?:Czech\s+)?korunas?"),
    ("HUF", (), r"forints?"),
    ("ZAR", (), r"(?:South\s+African\s+)?rand"),
    ("KGS", (), r"Kyrgyz\s+soms?"),
    ("UZS", (), r"Uzbek\s+sums?"),
    ("MDL", (), r"Moldovan\s+lei"),
    ("THB", (), r"baht"),
    ("IDR", (), r"(?:Indonesian\s+)?rupiahs?"),
    ("VND", (), r"(?:Vietnamese\s+)?dong"),
    ("EGP", (), r"Egyptian\s+pounds?"),
]
# Codes that are also common abbreviations in this subject are left out: AMD (the chip maker), SAR (radar, search
# and rescue), ILS (landing systems), GEL, AZN.
# Sub-units written after an amount, folded into their currency: "5 dollars 20 cents" is 5.20 dollars; "45 pence"
# alone is 0.45 pounds. (pattern, hundredths of which currency; "" where the amount before names it: "cents").
SUB_UNITS = [
    (r"cents?", ""),
    (r"pence", "GBP"),
    (r"kopecks?|kopeks?|kopeyki", "RUB"),
]
# Codes that are written but stand for another: the old Belarusian rouble, the renminbi.
CODE_ALIASES = {"BYR": "BYN", "RMB": "CNY"}
CURRENCY_CODES = [code for code, _, _ in CURRENCIES] + list(CODE_ALIASES)
CURRENCY_OF_SIGN = {sign: code for code, signs, _ in CURRENCIES for sign in signs}
# Signs that are not letters ("$", "€"): a figure may start at one (see figures._TRIGGER).
SYMBOL_SIGNS = [sign for sign in CURRENCY_OF_SIGN if not sign[0].isalpha()]
_NAMES = [(re.compile(pattern, re.I), code) for code, _, pattern in CURRENCIES if pattern]


def currency_of(written: str) -> str | None:
    """The ISO code of a currency as written: a sign ("$"), a code ("BYR", "usd") or a name ("Swiss francs")."""
    written = written.strip()
    if written in CURRENCY_OF_SIGN:
        return CURRENCY_OF_SIGN[written]
    upper = written.upper()
    if upper in CURRENCY_CODES:
        return CODE_ALIASES.get(upper, upper)
    return next((code for pattern, code in _NAMES if pattern.fullmatch(written)), None)


def currency_names_pattern() -> str:
    """The names of every currency and its codes, as written after an amount (case-insensitive)."""
    return "|".join([pattern for _, _, pattern in CURRENCIES if pattern] + CURRENCY_CODES)


# Units of quantity after a number: (the unit reported, what is written, case-sensitive), in the order they are
# tried ("km/h" before "km", "km" before "km2", which only matches where "km" is not followed by a "2").
QUANTITY_UNITS = [
    ("km/h", r"(?:km|kilomet(?:re|er)s?)(?:/h|\s+(?:per|an)\s+hour)|kph"),
    ("mph", r"mph|miles?\s+(?:per|an)\s+hour"),
    ("t", r"(?:metric\s+)?(?:tons?|tonnes?)|t"),
    ("kt", r"kt|kilotons?|kilotonnes?"),
    ("Mt", r"Mt"),
    ("km", r"km|kilomet(?:re|er)s?"),
    ("mi", r"miles?"),
    ("kg", r"kg|kilograms?"),
    ("MB", r"MB|megabytes?"),
    ("GB", r"GB|gigabytes?"),
    ("TB", r"TB"),
    ("KB", r"KB"),
    ("bbl", r"barrels?|bbl"),
    ("l", r"litres?|liters?"),
    ("m3", r"cubic\s+met(?:re|er)s|m3|m³"),
    ("MW", r"MW|megawatts?"),
    ("GW", r"GW"),
    ("kWh", r"kWh"),
    ("ha", r"hectares?|ha"),
    ("km2", r"square\s+kilomet(?:re|er)s|sq\s?km|km2|km²"),
]
_UNITS_WRITTEN = [(re.compile(pattern), unit) for unit, pattern in QUANTITY_UNITS]


def quantity_unit(written: str) -> str:
    """The unit reported for a unit as written: "tonnes" -> "t", "kilometres per hour" -> "km/h"."""
    return next(unit for pattern, unit in _UNITS_WRITTEN if pattern.fullmatch(written))


# Time units after a number: a duration ("three years", "48 hours").
DURATION_UNITS = r"years?|months?|weeks?|days?|hours?|decades?|centuries|century"

# Qualifiers written before a number (case-insensitive patterns), by the qualifier they give. Each alternative is
# a plain phrase (no groups): its first character keys it and its last word gates it (see figures._QUALIFIER).
QUALIFIERS = [
    (
        "at_least",
        r"greater\s+than\s+or\s+equal\s+to|more\s+than\s+or\s+equal\s+to|"
        r"equal\s+to\s+or\s+more\s+than|equal\s+to\s+or\s+greater\s+than|equal\s+to\s+or\s+higher\s+than|"
        r">=|=>|≥|⩾|at\s+least|no\s+fewer\s+than|no\s+less\s+than|not\s+less\s+than|a\s+minimum\s+of|minimum\s+of|"
        r"upwards\s+of",
    ),
    (
        "at_most",
        r"less\s+than\s+or\s+equal\s+to|fewer\s+than\s+or\s+equal\s+to|"
        r"equal\s+to\s+or\s+less\s+than|equal\s+to\s+or\s+fewer\s+than|equal\s+to\s+or\s+lower\s+than|"
        r"<=|=<|≤|⩽|at\s+most|up\s+to|as\s+many\s+as|as\s+much\s+as|no\s+more\s+than|not\s+more\s+than|"
        r"a\s+maximum\s+of|maximum\s+of|not\s+exceeding",
    ),
    ("less_than", r"less\s+than|fewer\s+than|just\s+under|under|below|lower\s+than|short\s+of|<"),
    (
        "more_than",
        r"more\s+than|over|exceeding|exceeded|exceeds|exceed|above|passed|passing|in\s+excess\s+of|"
        r"greater\s+than|higher\s+than|surpassing|surpassed|topping|topped|beyond|>",
    ),
    (
        "approximately",
        r"about|some|roughly|around|nearly|almost|approximately|approx\.?|an\s+estimated|estimated|"
        r"circa|ca\.|c\.|close\s+to|an\s+approximate|~|≈",
    ),
]

# The labels and identifiers whose number is no figure: "Table 3", "page 7", "No. 12" (case-insensitive patterns).
LABELS = (
    r"table|figure|fig\.?|chart|graph|page|p\.|pp\.|no\.?|nos\.?|number|article|art\.|section|sec\.|"
    r"chapter|paragraph|para\.?|clause|part|annex|appendix|item|resolution|regulation|decree|order|law|act|"
    r"protocol|directive|step|phase|stage|level|grade|round|version|model|type|project|flight|route|highway|"
    r"unit|brigade|division|regiment|battalion|squadron|corps|army|fleet|group|platoon|company|room|building|"
    r"block|plot|line|row|column|note|footnote|endnote|ref\.?|vol\.?|volume|issue|edition|ed\.|series|"
    r"code|index|id|rank|ranked|ranking|tier|category|class|size|zone|sector|district|region|lot|hs|cn|"
    r"tn\s+ved|gost|iso|un|sanctions\s+package|package|list|annex|#|embed|video|clip|file|ticket"
)
# Nouns that end the name of a place or an organisation after its number: "38 Karl Marx Street", "the 2566 Repair
# Plant", "558 Aircraft Repair Plant": the number is part of the name, not a figure.
NAME_NOUNS = (
    r"Street|St\.|Avenue|Ave\.|Road|Rd\.|Prospekt|Prospect|Boulevard|Lane|Square|Highway|Ulitsa|ulitsa|"
    r"vulica|Plant|Factory|Works|Arsenal|Depot|Shipyard|Bureau|Institute|Centre|Center|Airfield|"
    r"Brigade|Regiment|Division|Battalion|Squadron"
)

# Verbs a figure's measure is named before: "exports rose 12%" measures exports.
MEASURE_VERBS = (
    "increased rose grew jumped soared surged climbed doubled tripled fell dropped declined decreased "
    "shrank slumped plunged expanded contracted reached totalled totaled amounted stood accounted "
    "increase rise grow growth fall drop decline"
).split()

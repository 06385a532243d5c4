"""The briefing's topics: which figures and which register rows speak of the same thing (Belarus and Russia's war
supply: troops in exercises, ammunition shipped, drones, trade with Russia, ownership), and the measures within a
topic. corroborate.py compares a figure with the register claims of its topic by general interval logic; another
subject would change this module and the registers, not that logic.
"""

from __future__ import annotations

import re

import pandas as pd

# Topics whose values are totals over their period: only the same period compares.
EXTENSIVE_TOPICS = frozenset({"ammunition_shipments", "trade_value"})

COUNTRY_WORDS = {
    "Russia": ("russia", "russian", "russians", "moscow", "kremlin"),
    "Belarus": ("belarus", "belarusian", "belarusians", "minsk"),
    "Iran": ("iran", "iranian", "iranians", "tehran"),
    "China": ("china", "chinese", "beijing"),
    "Ukraine": ("ukraine", "ukrainian", "kyiv"),
}
_WORD = re.compile(r"[A-Za-z]+")
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_TIMES = re.compile(
    r"(?P<about>about |some |roughly |almost |nearly )?(?P<value>\d+(?:\.\d+)?|"
    + "|".join(NUMBER_WORDS)
    + r") times (?:the |its )?(?P<same>same period of )?(?P<year>\d{4})",
    re.I,
)

MEASURE_LABELS = {
    "share_of_goods_exports": "share of goods exports",
    "share_of_total_trade": "share of total trade (exports plus imports)",
    "share_of_exports_incl_transit": "share of exports incl. transit through Russia",
    "sector_share_of_exports": "share of exports in some sectors (sector level)",
}


# ---------------------------------------------------------------------------------------- topics of the figures


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text or "")}


_COUNTRY_OF_WORD = {word: country for country, words in COUNTRY_WORDS.items() for word in words}


def _countries(text: str) -> list[tuple[int, str]]:
    found = []
    for match in _WORD.finditer(text or ""):
        country = _COUNTRY_OF_WORD.get(match.group(0).lower())
        if country:
            found.append((match.start(), country))
    return found


def _nearest_partner(sentence: str, at: int, exclude=("Belarus",)) -> str:
    candidates = [(abs(pos - at), country) for pos, country in _countries(sentence) if country not in exclude]
    return min(candidates)[1] if candidates else ""


def _direction(sentence: str) -> str:
    """``A->B`` from "from A ... to B" in the sentence, when it says so."""
    match = re.search(r"\bfrom\s+(\w+)\s+(?:\w+\s+){0,3}?to\s+(\w+)", sentence or "", re.I)
    if not match:
        return ""
    ends = []
    for word in match.groups():
        countries = [c for _, c in _countries(word)]
        if not countries:
            return ""
        ends.append(countries[0])
    return f"{ends[0]}->{ends[1]}"


def share_measure(words: set[str], local: set[str] | None = None) -> str:
    """The kind of trade share, from the words near the figure first, then the sentence (or a measure label)."""
    local = words if local is None else local
    if local & {"sector", "sectors", "sectoral", "industry", "industries"}:  # sector level only when said of it
        return "sector_share_of_exports"
    for scope in (local, words):
        if "transit" in scope:
            return "share_of_exports_incl_transit"
        if scope & {"export", "exports"}:
            return "share_of_goods_exports"
        if scope & {"trade", "turnover"}:
            return "share_of_total_trade"
    return "share_of_goods_exports"


def classify_figure(row) -> tuple[str, str, str]:
    """(topic, measure, partner) of an extracted figure, from its sentence words, unit and kind."""
    sentence = str(row.get("sentence") or "")
    offset = int(row["start"]) - int(row["sentence_start"]) if pd.notna(row.get("sentence_start")) else 0
    offset = max(0, min(offset, len(sentence)))
    length = int(row["end"]) - int(row["start"]) if pd.notna(row.get("end")) else len(str(row.get("text", "")))
    after = sentence[offset + length : offset + length + 40]
    before = sentence[max(0, offset - 40) : offset]
    after = re.split(r"[,;—–]|\bto\b\s+\d", after)[0]  # the clause that follows the figure
    words = _words(sentence)
    local = _words(str(row.get("text", ""))) | _words(after)
    unit = str(row.get("unit") or "").strip().lower()
    kind = str(row.get("kind") or "").strip().lower()
    partner = _nearest_partner(sentence, offset)

    if (
        kind == "count"
        and unit in {"troops", "soldiers", "servicemen", "personnel", "men"}
        and (words & {"exercise", "exercises", "drill", "drills", "zapad", "manoeuvres", "maneuvers"})
    ):
        return "exercise_troops", "troops", ""
    if unit in {"t", "tonnes", "tons", "tonne", "ton", "kt"} and words & {"ammunition", "shells", "munitions", "ammo"}:
        return "ammunition_shipments", "tonnes " + (_direction(sentence) or "any direction"), ""
    if unit in {"drones", "uavs", "shaheds", "drone"}:
        if words & {"ordered", "order", "orders", "purchased", "bought"}:
            return "drones", "ordered_by_russia_from_iran" if partner in ("Iran", "Russia") else "ordered", ""
        if words & {"delivered", "supplied", "shipped", "received", "transferred"}:
            return "drones", "delivered_to_russia", ""
        return "drones", "drones", ""
    if kind == "multiplier" and words & {"trade", "turnover", "exports", "imports"}:
        measure = (
            "trade_turnover"
            if (local | _words(before)) & {"trade", "turnover"} or "turnover" in words
            else (f"exports_to_{partner.lower()}" if "exports" in words else "trade_turnover")
        )
        return "trade_multiplier", measure, partner
    if unit == "%" and (local | _words(after)) & {"owned", "stake", "ownership", "owns"}:
        return "ownership", "ownership share", ""
    if unit == "%" and words & {"export", "exports", "trade", "turnover", "reliant", "dependence", "dependent"}:
        return "trade_share", share_measure(words, local), partner or "Russia"
    if unit in {"usd", "eur", "rub", "byn"} and words & {"export", "exports", "trade", "turnover"}:
        return "trade_value", "exports" if "exports" in words else "trade", partner
    return "other", str(row.get("measure") or kind or "figure"), ""


# ------------------------------------------------------------------------------------- claims of the register


CLAIM_COLUMNS = [
    "topic",
    "measure",
    "partner",
    "low",
    "high",
    "unit",
    "qualifier",
    "period",
    "period_start",
    "period_end",
    "reported_by",
    "source_url",
    "ref",
    "note",
    "label",
]


def _measure_file_claims(name: str, frame: pd.DataFrame) -> list[dict]:
    """Claims of a file with the measure layout (period, measure, value, unit, qualifier, ...)."""
    stem_partners = [c for _, c in _countries(name.replace("_", " ")) if c != "Belarus"]
    claims = []
    for row in frame.to_dict("records"):
        measure_words = set(row["measure"].split("_"))
        partners = [c for _, c in _countries(row["measure"].replace("_", " ")) if c != "Belarus"] or stem_partners
        partner = " and ".join(dict.fromkeys(partners))
        unit = row["unit"]
        base = dict(
            unit=unit,
            qualifier=row["qualifier"],
            period=row["period"],
            period_start=row["period_start"],
            period_end=row["period_end"],
            reported_by=row["reported_by"],
            source_url=row["source_url"],
            ref=row["ref"],
            note=row.get("note") or "",
            partner=partner,
            low=row["value"],
            high=row["value"],
        )
        if unit == "%" and "share" in measure_words:
            measure = share_measure(measure_words)
            if len(dict.fromkeys(partners)) > 1:
                measure = f"share_of_exports_to_{'_and_'.join(p.lower() for p in dict.fromkeys(partners))}"
            claims.append(dict(base, topic="trade_share", measure=measure, label=row["measure"]))
        elif unit != "%":
            claims.append(dict(base, topic="trade_value", measure=row["measure"], label=row["measure"]))
        for match in _TIMES.finditer(str(row.get("note") or "")):
            value = match.group("value").lower()
            value = float(NUMBER_WORDS.get(value, value))
            year = int(match.group("year"))
            if match.group("same"):
                start = row["period_start"].replace(year=year)
            else:
                start = pd.Timestamp(f"{year}-01-01")
            claims.append(
                dict(
                    base,
                    topic="trade_multiplier",
                    measure=row["measure"],
                    low=value,
                    high=value,
                    unit="x",
                    qualifier="approximately" if match.group("about") else "exact",
                    period=f"{start:%Y-%m}/{row['period_end']:%Y-%m}",
                    period_start=start,
                    label=f"{row['measure']}: {match.group(0)} (note of {row['period']} row)",
                )
            )
    return claims


def register_claims(register: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Every register row as comparable claims (topic, measure, interval, period, citation)."""
    claims: list[dict] = []
    for name, frame in register.items():
        if frame.empty:
            continue
        if name == "ammunition_rail_shipments":
            for row in frame.to_dict("records"):
                claims.append(
                    dict(
                        topic="ammunition_shipments",
                        measure=f"tonnes {row['direction']}",
                        partner="",
                        low=row["tonnes"],
                        high=row["tonnes"],
                        unit="t",
                        qualifier=row["tonnes_qualifier"],
                        period=row["period"],
                        period_start=row["period_start"],
                        period_end=row["period_end"],
                        reported_by=row["reported_by"],
                        source_url=row["source_url"],
                        ref=row["ref"],
                        note=row.get("note") or "",
                        label=f"{row['direction']} rail shipments",
                    )
                )
        elif name == "zapad_exercises":
            for row in frame.to_dict("records"):
                common = dict(
                    topic="exercise_troops",
                    measure="troops",
                    partner="",
                    unit="troops",
                    period=row["period"],
                    period_start=row["period_start"],
                    period_end=row["period_end"],
                    source_url=row["source_url"],
                    ref=row["ref"],
                    note=row.get("note") or "",
                )
                if pd.notna(row["official_troops"]):
                    claims.append(
                        dict(
                            common,
                            low=row["official_troops"],
                            high=row["official_troops"],
                            qualifier="exact",
                            reported_by=f"official figure ({row['official_scope']})",
                            label=f"Zapad-{row['year']} official",
                        )
                    )
                if pd.notna(row["estimate_low"]):
                    high = row["estimate_high"] if pd.notna(row["estimate_high"]) else row["estimate_low"]
                    claims.append(
                        dict(
                            common,
                            low=row["estimate_low"],
                            high=high,
                            qualifier="exact",
                            reported_by=f"estimate by {row['estimated_by']}",
                            label=f"Zapad-{row['year']} estimate",
                        )
                    )
        elif name == "shahed_drones":
            for row in frame.to_dict("records"):
                claims.append(
                    dict(
                        topic="drones",
                        measure=row["claim"],
                        partner="",
                        low=row["value"],
                        high=row["value"],
                        unit=row["unit"],
                        qualifier=row["qualifier"],
                        period=row["period"],
                        period_start=row["period_start"],
                        period_end=row["period_end"],
                        reported_by=row["reported_by"],
                        source_url=row["source_url"],
                        ref=row["ref"],
                        note=row.get("note") or "",
                        label=row["claim"],
                    )
                )
        elif {"period", "measure", "value", "unit", "qualifier"} <= set(frame.columns):
            claims.extend(_measure_file_claims(name, frame))
    frame = pd.DataFrame(claims, columns=CLAIM_COLUMNS)
    for column in ("period_start", "period_end"):
        frame[column] = pd.to_datetime(frame[column])
    for column in ("low", "high"):
        frame[column] = frame[column].astype(float)
    for column in ("topic", "measure", "partner", "unit", "qualifier", "period", "reported_by", "source_url", "ref"):
        frame[column] = frame[column].astype("str")
    return frame

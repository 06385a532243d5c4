"""The rule tables of relations.py, each family written once: trigger words, modality cues, ownership forms.

relations.py builds its patterns and its gate from these tables; a reader changes a rule here and nowhere else.
Every table is plain data: words and phrases in lower case, read as whole words.
"""

from __future__ import annotations

# ---------------------------------------------------------------------------------------------------- modality
# How sure the sentence is of a relation, read from the words of its clause before the trigger (the nearest
# ``MODALITY_WINDOW`` words). The first modality (in this order) one of whose cues is there wins; none is "asserted".
# "denied": the clause says it does not or did not happen; "planned": it is intended, promised, considered or future;
# "hedged": it is reported as a claim or a likelihood. Cues of more than one word are matched as a phrase.
MODALITY_CUES = {
    "denied": """
        not never no n't nor neither denied denies deny denying refused refuses refusing rejected dismissed refuted
        halted stopped ceased banned without false
        """,
    "planned": """
        plan plans planned planning intend intends intended intending considering considers considered will shall
        would aims aim aiming agreed promised promises pledged pledges expected proposed proposes seeks sought
        seeking wants wanted negotiating negotiated prepared ready going hopes hoped offered tried trying attempted
        could_soon set_to
        """,
    "hedged": """
        reportedly allegedly alleged may might could possibly probably likely suspected believed appears appeared
        apparently purportedly purported rumoured rumored claimed claims claim assess assessed assesses unconfirmed
        unverified said_to thought_to seems seemed
        """,
}
# How many words before the trigger each modality's cues are looked for in: a denial must stand close ("did not
# supply"), a plan or a hedge may govern the clause ("is reportedly considering whether to supply").
MODALITY_WINDOW = {"denied": 3, "planned": 6, "hedged": 8}
# Cues after the trigger, in its clause: "The deployment of the Oreshnik in Belarus is planned for December".
MODALITY_CUES_AFTER = {
    "planned": "is_planned are_planned is_expected are_expected is_scheduled are_scheduled is_to_begin",
    "hedged": "could_not_be_verified could_not_be_confirmed cannot_be_verified unconfirmed reportedly allegedly",
}
# Phrases that deny a relation anywhere in the clause before it, however far: "There is no evidence that Minsk has
# supplied", "rejected the claims that".
DENYING_CLAUSES = """
    no_evidence no_indication no_sign no_proof no_confirmation little_evidence scant_evidence not_true
    rejected_the_claims rejected_claims dismissed_the_claims dismissed_reports denied denies deny denying false
    """
# Where a clause starts: after one of these marks or words (the modality of a relation is read within its clause).
CLAUSE_BREAKS = (";", ":", "but", "however", "although", "whereas", "while")
MODALITIES = ("asserted", "hedged", "planned", "denied")
# What the briefing may state: asserted relations as findings, hedged ones as claims. Planned and denied relations stay
# in relations.csv (with their sentence) but are never drawn or stated as fact.
STATED_MODALITIES = ("asserted", "hedged")


def phrases(table: str) -> tuple[tuple[str, ...], ...]:
    """A table's entries as tuples of words: "said_to" is the phrase ("said", "to")."""
    return tuple(tuple(entry.split("_")) for entry in table.split())


# ---------------------------------------------------------------------------------------------------- triggers
# The words that state a relation, one row per form: (kind, anchors, before, after). ``anchors`` are whole words or
# phrases (in lower case, space-separated; "_" joins the words of a phrase); ``before`` and ``after`` are what must
# stand next to an anchor (regular expressions, often empty). A row matches "before + anchor + after" in the
# sentence, case ignored. The kind names the rule of relations.py that reads the match; the gate that decides
# which patterns run on a sentence is made of the anchors alone, so every match holds one of its row's anchors.
# Verb forms are spelt out: a reader sees every word that counts.
_OPTIONAL_ARMS = r"(?:(?:weapons?|arms|defen[cs]e|military)\s+)?"
_FACILITY = r"\s+(?:outposts?|facilities|plants?|sites?|lines?)\b"
_TRANSIT_PLACE = r"\s+(?:routes?|countr(?:y|ies)|hubs?|points?|states?|corridors?|platforms?)\b"
_PERCENT = r"(?P<share>\d+(?:\.\d+)?)\s?(?:%|per ?cent)\s*(?:state[- ])?(?:-|of the )?"
_NOT_POSSESSED = r"(?<![’']s )(?<!its )(?<!their )"
_STATIONED_THINGS = (
    r"(?:troops|forces|soldiers|bases?|units|warheads|weapons|missiles|launchers|aircraft|jets)\s+"
    r"(?:[a-z]+\s+){0,3}?"
)
_LISTED_PERSONS = r"(?:those|persons|entities|individuals|companies|firms|newly)\s+(?:(?:are|were|have been|being)\s+)?"
_ADDED_TO_A_LIST = r"(?=[^.;]{0,150}?\bto\s+(?:its|the|their|a)\s+(?:[\w-]+\s+){0,3}(?:lists?|registers?)\b)"

TRIGGERS = (
    # production abroad: "weapons industry outposts", "drone production", "production of"
    ("produces_in", "industry industrial manufacturing production", _OPTIONAL_ARMS, _FACILITY),
    ("produces_in", "manufacture manufacturing production assembly", r"(?:weapons?|arms|drone|missile)\s+", ""),
    ("produces_in", "production manufacture assembly", "", r" of\b"),
    ("made_in", "manufactured made produced built assembled", "", r"\s+in\b"),
    # agent nouns: "the main supplier", "a maker of"
    ("supply_agent", "supplier suppliers provider providers exporter exporters", "", ""),
    ("supply_agent", "manufacturer manufacturers maker makers producer producers vendor vendors", "", r" of\b"),
    # event nouns: "deliveries of shells", "exports"
    (
        "supply_event",
        "supplies supply delivery deliveries shipment shipments export exports transfer transfers sale sales",
        "",
        r" of\b",
    ),
    ("supply_event", "exports deliveries shipments", "", ""),
    # supply verbs: "ships", "has transferred", "made its way"
    (
        "supply_verb",
        """
        supply supplies supplied supplying provide provides provided providing deliver delivers delivered delivering
        export exports exported exporting re-export re-exports re-exported re-exporting reexport reexports
        reexported reexporting ship ships shipped shipping send sends sent sending transfer transfers transferred
        transferring transfered transfering sell sells selling sold resell resells reselling resold re-sell re-sells
        re-selling re-sold channel channels channelled channelling channeled channeling transport transports
        transported transporting furnish furnishes furnished furnishing smuggle smuggles smuggled smuggling donate
        donates donated donating offer offers offered offering flow flows flowed flowing funnel funnels funnelled
        funnelling funneled funneling routed routing rerouted rerouting re-routed re-routing pass_on passes_on
        passed_on hand_over hands_over handed_over brought bring brings bringing forward forwards forwarded
        forwarding
        """,
        r"(?<!-)",
        "",
    ),
    ("supply_verb", "make makes made making find finds found", r"(?<!-)", r" (?:its|their) way\b"),
    # movement of goods, read only with an item that moves: "9,000 tonnes of ammunition left Belarus for Russia",
    # "the engines come from Tehran and go straight to the Alabuga plant"
    ("motion", "left leave leaves leaving depart departs departed departing", "", ""),
    (
        "motion",
        "come comes came coming go goes went going move moves moved moving travel travels travelled traveled "
        "travelling traveling arrive arrives arrived arriving return returns returned returning",
        "",
        "",
    ),
    # making or repairing for someone: "repairs T-72 tanks for the Russian army"
    (
        "make_for",
        """
        produce produces produced producing manufacture manufactures manufactured manufacturing make makes build
        builds built assemble assembles assembled repair repairs repaired repairing overhaul overhauls overhauled
        upgrade upgrades upgraded modernise modernises modernised modernize modernizes modernized maintain maintains
        services serviced servicing
        """,
        "",
        "",
    ),
    ("bound", "bound destined headed intended earmarked", "", r"\s+for\b"),
    ("bound", "en_route", "", r"\s+to\b"),
    # receiving verbs, read backwards: "Russia bought drones from Iran"
    (
        "receive",
        """
        receive receives received receiving obtain obtains obtained obtaining acquire acquires acquired acquiring
        purchase purchases purchased purchasing bought buy buys buying import imports imported importing order
        orders ordered ordering procure procures procured procuring get gets getting got
        """,
        "",
        "",
    ),
    (
        "intermediary",
        "intermediary intermediaries middleman middlemen liaison go-between conduit broker brokers brokered",
        "",
        "",
    ),
    ("intermediary", "front", "", r"\s+(?:company|companies|firm|firms)\b"),
    ("intermediary", "behalf", r"on\s+", r"\s+of\b"),
    ("intermediary", "transit trans-shipment transshipment re-export reexport", "", _TRANSIT_PLACE),
    # ownership: "a 49% stake", "state-owned", "owns", "a subsidiary of", "a stake in"
    ("owns", "owned stake share interest shares", _PERCENT, ""),
    ("owns", "state-owned", "", ""),
    ("owns", "owns owned controls controlled", _NOT_POSSESSED, ""),
    ("owns", "subsidiary subsidiaries", "", r" of\b"),
    ("owns", "stake", "", r" in\b"),
    ("owns", "belongs belong belonged belonging", "", r"\s+to\b"),  # "X belongs to the Y holding": Y owns X
    (
        "owns",
        "holds held hold holding",
        "",  # "Rostec holds 25 percent of MZKT"
        r"\s+(?:a\s+|an\s+)?\d+(?:\.\d+)?\s?(?:%|per ?cent)(?:\s+(?:stake|share|interest))?\s+(?:of|in)\b",
    ),
    # a share of trade: "Kazakhstan's share in Russia's imports of machine tools", "Russia's share in Belarusian exports"
    ("trade_share", "share", "", r"\s+(?:in|of)\b"),
    # ownership by apposition: "B (part of the A holding)", "B, a Rostec group company", "Rostec's subsidiary B"
    ("owned_within", "part member unit division company", "", r"\s+of\b"),
    ("owned_within", "company enterprise", r"(?:group|holding)\s+", ""),
    ("owned_within", "subsidiary subsidiaries unit affiliate parent owner", r"[’']s\s+", ""),
    ("trades_with", "trade trades traded trading turnover commerce", "", ""),
    (
        "sanctions",
        "sanction sanctions sanctioned sanctioning designated designates designating designation blacklist "
        "blacklists blacklisted blacklisting embargo embargoes embargoed",
        "",
        "",
    ),
    ("sanctions", "listed lists", "", r"(?!\s+(?:on|in|as|at|among|below|above|here)\b)"),
    ("sanctions", "measures", r"(?:similar|restrictive|punitive|new|further|additional|parallel)\s+", ""),
    ("listing", "added", "", _ADDED_TO_A_LIST),
    ("listing", "froze freeze freezes frozen freezing", "", r"\s+(?:the\s+)?(?:assets|funds|property)\s+of\b"),
    ("listing", "asset", "", r"[- ]freeze\s+on\b"),
    ("listing", "listed", _LISTED_PERSONS, ""),
    ("listing", "among", "", r"\s+(?:them|those)\s+(?:are|is|were|was)\b"),  # after a designation: "Among them are X"
    (
        "depends_on",
        "dependence dependency dependent reliance reliant rely relies relied relying depend depends depended depending",
        "",
        r"\s+(?:\w+\s+){0,2}?on\b",
    ),
    # a country hosting another's forces or weapons: "hosts Russian troops", "warheads stationed in Belarus"
    ("hosts", "host hosts hosted hosting", "", ""),
    ("hosts", "stationed deployed based arrived", _STATIONED_THINGS, r"\s+(?:on|in|near|at)\b"),
    ("hosts", "station stations stationed stationing deploy deploys deployed deploying", "", ""),
    ("hosts", "keeps keep kept", "", ""),  # "Russia keeps about 30 tactical nuclear warheads in Belarus"
    ("hosts", "deployment stationing placement presence", "", r"\s+of\b"),  # "the deployment of Russian troops in"
    ("hosts", "launch_sites launch_site", "", ""),
)
# Words that say goods were stopped, not supplied: "detained a smuggler carrying drone parts from Lithuania".
INTERDICTION = (
    "detained detain detains seized seize seizes intercepted intercept confiscated confiscate arrested "
    "impounded blocked stopped"
)
# Other verbs that never modify an item ("Belarusian firms use Chinese parts").
OTHER_VERBS = """
    include includes contain contains produce produces manufacture manufactures use uses carry carries need needs
    lack lacks help helps serve serves store stores keep keeps hold holds
    """
# The order in which a sentence's triggers are read: sanctions first (a designation names who the later supply verbs
# are about: "added Y to its list for supplying drones"), then as in TRIGGERS.
TRIGGER_ORDER = (
    "sanctions",
    "listing",
    "produces_in",
    "made_in",
    "supply_agent",
    "supply_event",
    "supply_verb",
    "motion",
    "make_for",
    "bound",
    "receive",
    "intermediary",
    "owns",
    "owned_within",
    "trade_share",
    "trades_with",
    "depends_on",
    "hosts",
)


def anchors(row: tuple[str, str, str, str]) -> tuple[str, ...]:
    """A TRIGGERS row's anchors as written in a sentence: "pass_on" is "pass on"."""
    return tuple(anchor.replace("_", " ") for anchor in row[1].split())

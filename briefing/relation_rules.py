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
        could_soon set_to is_to are_to
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

"""The briefing notebook's one object: parameters checked, tables and register loaded, each section one call."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from ..analysis.tables import Tables, load_tables
from ..formatting import format_number, format_period, format_value
from ..params import ParameterError, check_as_of, check_focus, check_folder, check_positive
from . import report

KEY_FIGURES = 15  # rows of the key figures table; the claims register has every figure
CONFLICT_GROUPS = 8  # groups of conflicts called out; the corroboration table lists every one
NAMED = 3  # documents a table cell names before "and N more"


def _documents(docs) -> str:
    """The documents of a group of rows, sorted: the first few named, the rest counted."""
    names = sorted(set(docs))
    return ", ".join(names[:NAMED]) + (f" and {len(names) - NAMED:,} more" if len(names) > NAMED else "")


@dataclass
class Briefing:
    tables: Tables
    register: dict[str, pd.DataFrame]
    gazetteer: object
    focus: str
    title: str
    as_of: str
    tonnes_per_wagon: float | None
    corroboration: pd.DataFrame
    relation_checks: pd.DataFrame
    topical_figures: pd.DataFrame  # the figures with their topic, classified once for every chart
    tables_dir: Path | None = None

    @classmethod
    def load(
        cls,
        tables_dir,
        reference_dir,
        title: str = "",
        as_of: str = "",
        focus: str = "Belarus",
        tonnes_per_wagon=None,
        base: Path | None = None,
    ) -> "Briefing":
        """Check every parameter (one-line ParameterError naming it) and load what the sections need."""
        from ..analysis.corroborate import check_relations, classify_figures, corroborate
        from ..analysis.reference import load_register
        from ..extraction.entities import load_gazetteer
        from .charts import with_topics

        base = Path(base or Path.cwd())
        tables_dir = check_folder("tables_dir", tables_dir, base)
        reference_dir = check_folder("reference_dir", reference_dir, base)
        if not isinstance(title, str):
            raise ParameterError(f"title: {title!r} is not text")
        gazetteer = load_gazetteer()
        focus = check_focus(focus, gazetteer)
        as_of = check_as_of(as_of)
        tonnes_per_wagon = check_positive("tonnes_per_wagon", tonnes_per_wagon)
        tables = load_tables(tables_dir)
        register = load_register(reference_dir)
        topics = classify_figures(tables.figures)
        return cls(
            tables=tables,
            register=register,
            gazetteer=gazetteer,
            focus=focus,
            title=title or report.default_title(focus),
            as_of=report.resolve_as_of(tables, as_of),
            tonnes_per_wagon=tonnes_per_wagon,
            corroboration=corroborate(tables.figures, register, topics=topics),
            relation_checks=check_relations(tables.relations, register),
            topical_figures=with_topics(tables.figures, topics),
            tables_dir=tables_dir,
        )

    # ------------------------------------------------------------------------------------------ front matter
    def title_block(self) -> str:
        return report.title_block(self.title, self.as_of, self.tables, self.focus) + report.notices(self.tables)

    @property
    def resolved(self) -> dict:
        """What the build reads back from the executed notebook: the title and date it resolved."""
        return {"title": self.title, "as_of": self.as_of, "focus": self.focus}

    def key_judgments(self) -> str:
        return report.key_judgments(self.tables, self.focus, self.corroboration)

    def key_figure_cards(self) -> str:
        return report.key_figure_cards(self.tables, self.focus)

    def key_figures(self, limit: int = KEY_FIGURES) -> pd.DataFrame:
        """The first figures as a plain table, focus first: what nbval compares (the claims register has them all)."""
        figures = report.figures_for_focus(self.tables, self.focus).head(limit)
        return pd.DataFrame(
            {
                "claim": figures["figure_id"],
                "figure": [
                    format_value(lo, hi, str(u), str(q))
                    for lo, hi, u, q in zip(figures["low"], figures["high"], figures["unit"], figures["qualifier"])
                ],
                "period": [format_period(a, b) for a, b in zip(figures["period_start"], figures["period_end"])],
                "measure": figures["measure"],
            }
        ).reset_index(drop=True)

    # ------------------------------------------------------------------------------------------ evidence
    def trade_dependence_chart(self):
        from .charts import trade_dependence_chart

        return trade_dependence_chart(self.topical_figures, self.register)

    def iran_trade_chart(self):
        from .charts import iran_trade_chart

        return iran_trade_chart(self.topical_figures, self.register)

    def ammunition_chart(self):
        from .charts import ammunition_chart

        return ammunition_chart(self.topical_figures, self.register)

    def ammunition_derived(self) -> pd.DataFrame:
        """Derived figures with their formulas, assumptions and sources (values unrounded, for the method log)."""
        from .charts import ammunition_derived

        return ammunition_derived(self.topical_figures, self.register, tonnes_per_wagon=self.tonnes_per_wagon)

    def derived_figures(self) -> pd.DataFrame:
        """The derived figures as a reader sees them: rounded, with the formula that produced each."""
        derived = self.ammunition_derived()
        if derived.empty:
            return derived
        return pd.DataFrame(
            {
                "derived figure": derived["derived"],
                "value": [
                    f"{format_number(round(v) if abs(v) >= 100 else round(v, 2))} {u}"
                    for v, u in zip(derived["value"], derived["unit"])
                ],
                "formula": derived["formula"],
            }
        )

    def exercises_chart(self):
        from .charts import exercises_chart

        return exercises_chart(self.topical_figures, self.register)

    def military_exports(self) -> pd.DataFrame:
        """The items the documents say the focus supplies, by recipient: the categories of military exports."""
        relations = self.tables.relations
        supplies = relations[
            (relations["relation"] == "supplies") & (relations["source"] == self.focus) & (relations["item"] != "")
        ]
        return (
            supplies.groupby(["target", "item"], sort=True)
            .agg(statements=("relation_id", "count"), documents=("doc", _documents))
            .reset_index()
            .rename(columns={"target": "recipient"})
        )

    # ------------------------------------------------------------------------------------------ network
    def _relations_note(self, figure):
        documents = _documents(self.tables.relations["doc"])
        figure.update_layout(
            meta=dict(
                source_note=f"Source: relations extracted from {documents or 'no document'}; "
                "each is listed with its sentence in relations.csv."
            )
        )
        return figure

    def designations(self) -> dict[str, dict]:
        """The parties of the relations that the register lists as designated, with the register row."""
        from ..analysis.corroborate import designation_index, find_designation

        relations = self.tables.relations
        names = sorted(set(relations["source"]) | set(relations["target"]))
        index = designation_index(self.register)
        return {name: found for name in names if (found := find_designation(name, self.register, index))}

    def network_chart(self):
        from .network import network_chart

        return self._relations_note(
            network_chart(
                self.tables.relations,
                self.tables.entities,
                self.gazetteer,
                focus=self.focus,
                designations=self.designations(),
            )
        )

    def sankey_chart(self):
        from .network import sankey_chart

        return self._relations_note(sankey_chart(self.tables.relations, self.gazetteer, focus=self.focus))

    def dependencies(self) -> pd.DataFrame:
        """Who depends on whom for what: dependence stated outright, and supply read as the recipient's dependence."""
        relations = self.tables.relations
        rows = relations[relations["relation"].isin(["depends_on", "supplies", "intermediary_for"])]
        involved = rows[(rows["source"] == self.focus) | (rows["target"] == self.focus)]
        table = pd.DataFrame(
            {
                "dependent": [
                    t if r != "depends_on" else s
                    for s, t, r in zip(involved["source"], involved["target"], involved["relation"])
                ],
                "depends on": [
                    s if r != "depends_on" else t
                    for s, t, r in zip(involved["source"], involved["target"], involved["relation"])
                ],
                "for": involved["item"].replace("", "(unspecified)"),
                "stated as": involved["relation"],
                "document": involved["doc"],
            }
        )
        keys = ["dependent", "depends on", "for", "stated as"]
        return table.drop_duplicates().groupby(keys, sort=True).agg(documents=("document", _documents)).reset_index()

    # ------------------------------------------------------------------------------------------ timeline
    def timeline_chart(self):
        from .timeline import timeline_chart

        return timeline_chart(self.tables.dates)

    def channel_posts_chart(self):
        """Each Telegram channel's posts per month, when the documents include channel posts; else None (no chart)."""
        from .channels import posts_chart, posts_per_month

        counts = posts_per_month(self.tables.documents)
        return None if counts.empty else posts_chart(counts)

    def timeline_table(self):
        """Every date mention, in time order: a register."""
        from .registers import Register

        dates = self.tables.dates
        frame = dates[["value", "precision", "text", "doc"]].sort_values(["value", "doc"]).reset_index(drop=True)
        return Register("dates", "register of dates", frame)

    # ------------------------------------------------------------------------------------------ checks
    def corroboration_table(self):
        """Each figure as the document states it, its status, and what the reference register says: a register."""
        from .registers import Register

        figures = self.tables.figures.set_index("figure_id")
        checked = self.corroboration
        rows = figures.reindex(checked["figure_id"])
        stated = [
            format_value(lo, hi, str(u), str(q))
            for lo, hi, u, q in zip(rows["low"], rows["high"], rows["unit"], rows["qualifier"])
        ]
        differences = []
        for status, absolute, relative, unit in zip(
            checked["status"], checked["difference_abs"], checked["difference_rel"], rows["unit"]
        ):
            difference = ""
            if status == "conflicting" and absolute == 0:
                difference = "same number, different qualifier"
            elif pd.notna(absolute) and status == "conflicting":
                unit = "%" if unit == "%" else f" {unit}"
                difference = f"{absolute:+,.0f}{unit} ({relative:+.2%})"
            differences.append(difference)
        frame = pd.DataFrame(
            {
                "claim": checked["figure_id"].values,
                "figure": stated,
                "status": checked["status"].str.replace("_", " ").values,
                "reference": checked["reference_value"].fillna("").values,
                "reported by": checked["reported_by"].fillna("").values,
                "difference": differences,
            },
            columns=["claim", "figure", "status", "reference", "reported by", "difference"],
        )
        # conflicts and corroborations first: what a reader checks; then the rest in document order
        order = {"conflicting": 0, "corroborated": 1, "different measure": 2, "unverified": 3}
        frame = frame.sort_values("status", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)
        return Register("corroboration", "corroboration table", frame)

    def designation_checks(self) -> pd.DataFrame:
        """Relations whose parties the register lists as designated, with the dates of designation."""
        checks = self.relation_checks
        listed = checks[(checks["source_designated_on"] != "") | (checks["target_designated_on"] != "")]
        return (
            listed[
                ["source", "relation", "target", "status", "source_designated_on", "target_designated_on", "authority"]
            ]
            .drop_duplicates()
            .reset_index(drop=True)
        )

    def conflict_callouts(self, limit: int = CONFLICT_GROUPS) -> str:
        """Conflicts grouped by what they contradict (topic, measure and reference row), the largest groups first,
        each with its count and one example."""
        conflicts = self.corroboration[self.corroboration["status"] == "conflicting"]
        if conflicts.empty:
            return '<p class="note">No figure conflicts with the reference register.</p>'
        groups = conflicts.groupby(["topic", "measure", "reference_ref"], sort=False)
        ranked = sorted(groups, key=lambda g: -len(g[1]))
        callouts = []
        for (topic, measure, ref), group in ranked[:limit]:
            first = group.iloc[0]
            count = (
                f"{len(group):,} figures in {group['doc'].nunique():,} documents conflict with {escape(ref)}"
                if len(group) > 1
                else ""
            )
            callouts.append(
                f'<div class="callout"><b>Conflict</b> · {escape(measure)}'
                + (f" · {count}" if count else "")
                + f' · <a href="#{report.claim_anchor(first["figure_id"])}">{escape(str(first["figure_id"]))}</a>'
                f"{' (for example)' if count else ''}: {escape(str(first['explanation']))}</div>"
            )
        if len(ranked) > limit:
            rest = sum(len(g) for _, g in ranked[limit:])
            callouts.append(
                f'<p class="note">… and {len(ranked) - limit:,} more groups ({rest:,} conflicting '
                "figures): the corroboration table lists each.</p>"
            )
        return "".join(callouts)

    def known_unknowns(self) -> str:
        return report.known_unknowns(self.tables)

    def claims_register(self):
        return report.claims_register(self.tables, self.focus)

    def relations_register(self):
        return report.relations_register(self.tables, self.focus)

    def registers(self) -> list:
        """Every register of the briefing, in full."""
        return [
            self.claims_register(),
            self.relations_register(),
            self.corroboration_table(),
            self.timeline_table(),
            self.sources(),
        ]

    def write_registers(self, folder=None) -> list[Path]:
        """The full registers as CSV in ``folder`` (default: the tables folder)/registers/, which the build publishes
        beside the briefing."""
        from .registers import write_register

        folder = Path(folder or self.tables_dir)
        return [write_register(register, folder) for register in self.registers()]

    # ------------------------------------------------------------------------------------------ method
    def assumptions(self) -> list[dict]:
        """Every assumption behind a derived figure, with the figure, its formula and where the values came from."""
        return [
            {"assumption": row["assumption"], "value": f"{row['derived']}: {row['formula']}", "source": row["source"]}
            for _, row in self.ammunition_derived().iterrows()
        ]

    def assumptions_table(self) -> str:
        return report.assumptions_table(self.assumptions())

    def sources(self):
        return report.source_list(self.tables)

    def reference_log(self) -> pd.DataFrame:
        return pd.DataFrame(
            [
                {
                    "file": f"data/reference/{name}.csv",
                    "rows": len(frame),
                    "sources": frame["source_url"].nunique() if "source_url" in frame else 0,
                }
                for name, frame in sorted(self.register.items())
            ]
        )

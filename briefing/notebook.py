"""What the notebooks call to set themselves up and show things, so the notebooks stay short and readable."""

from __future__ import annotations

import pandas as pd


def setup() -> None:
    """Deterministic notebook output: plotly as its JSON mimetype, the briefing's chart template, wide tables.

    Warnings are not turned into errors here (ipykernel warns at shutdown); a warning a notebook prints reaches
    stderr, which fails the build (pipeline._check_clean) and nbval alike.
    """
    import plotly.io as pio

    from . import style  # noqa: F401  registers the briefing's plotly template

    pio.renderers.default = "plotly_mimetype"
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 70)


def show_html(fragment: str, **metadata) -> None:
    """Display an HTML fragment that the briefing module built (and escaped)."""
    from IPython.display import HTML, display

    display(HTML(fragment), metadata=metadata or None)


def show_figure(figure) -> None:
    """A chart, then its source note and any caveats as text under it (selectable, and legible in print)."""
    from html import escape

    figure.show()
    meta = figure.layout.meta if isinstance(figure.layout.meta, dict) else {}
    lines = [*meta.get("notes", []), meta.get("source_note", "")]
    if any(lines):
        show_html("".join(f'<p class="source-note">{escape(line)}</p>' for line in lines if line))


TABLE_ROWS = 200  # rows a table shows; a longer one says how many more there are (its CSV has them all)


class _Table:
    """A table shown without pandas' row numbers: HTML for the briefing, plain text for nbval to compare."""

    def __init__(self, frame: pd.DataFrame) -> None:
        frame = frame if isinstance(frame.index, pd.RangeIndex) else frame.reset_index()
        self.more = max(0, len(frame) - TABLE_ROWS)
        self.frame = frame.head(TABLE_ROWS)

    def _more(self) -> str:
        return f"… and {self.more:,} more rows" if self.more else ""

    def _repr_html_(self) -> str:
        more = f'<p class="note">{self._more()}</p>' if self.more else ""
        return self.frame.to_html(index=False, border=0, justify="left", na_rep="") + more

    def __repr__(self) -> str:
        return (self.frame.to_string(index=False, na_rep="") + ("\n" + self._more() if self.more else ""))


def show_table(frame: pd.DataFrame) -> None:
    """A table as plain text as well as HTML, so nbval compares the numbers themselves."""
    from IPython.display import display

    display(_Table(frame))

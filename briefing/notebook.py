"""What the notebooks call to set themselves up and show things, so the notebooks stay short and readable."""

from __future__ import annotations

import warnings

import pandas as pd


def setup() -> None:
    """Deterministic, warning-free notebook output: plotly as JSON mimetype, warnings as errors, wide tables."""
    import plotly.io as pio

    from . import style  # noqa: F401  registers the briefing's plotly template

    pio.renderers.default = "plotly_mimetype"
    pd.set_option("display.max_rows", 200)
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.width", 160)
    pd.set_option("display.max_colwidth", 70)
    # A warning in a briefing is a defect to fix, not noise to scroll past (as in QuantEcon's lectures' CI).
    warnings.simplefilter("error")


def show_html(fragment: str, **metadata) -> None:
    """Display an HTML fragment that the briefing module built (and escaped)."""
    from IPython.display import HTML, display

    display(HTML(fragment), metadata=metadata or None)


def show_figure(figure) -> None:
    figure.show()


def show_table(frame: pd.DataFrame) -> None:
    """A table as plain text as well as HTML, so nbval compares the numbers themselves."""
    from IPython.display import display

    display(frame)

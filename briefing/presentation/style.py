"""One look for every chart: a colour per country, used the same way in every figure of the briefing."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

# Colours chosen to be told apart in print and by readers with red-green colour blindness (Okabe-Ito palette).
COUNTRY_COLOURS = {
    "Belarus": "#D55E00",
    "Russia": "#0072B2",
    "Iran": "#009E73",
    "China": "#CC79A7",
    "Japan": "#56B4E9",
    "Taiwan": "#E69F00",
    "United States": "#332288",
    "Ukraine": "#F0E442",
    "Poland": "#882255",
}
OTHER_COLOUR = "#7F7F7F"
REFERENCE_COLOUR = "#4D4D4D"  # reference-register series, beside the seeds' own figures
FONT = "Source Sans Pro, Helvetica, Arial, sans-serif"


def country_colour(country: str | None) -> str:
    return COUNTRY_COLOURS.get(country or "", OTHER_COLOUR)


def _template() -> go.layout.Template:
    template = go.layout.Template(pio.templates["plotly_white"])
    template.layout.font = dict(family=FONT, size=13, color="#222222")
    template.layout.title = dict(x=0, xanchor="left", font=dict(size=16))
    template.layout.margin = dict(l=60, r=30, t=60, b=60)
    return template


pio.templates["briefing"] = _template()


def apply(figure: go.Figure, title: str, height: int = 420) -> go.Figure:
    """The briefing's chart style: its template, a left-aligned title and a fixed height for print."""
    figure.update_layout(template="briefing", title=title, height=height)
    return figure

"""What the notebooks call to set themselves up and show things, so the notebooks stay short and readable.

Every output carries its content as text for nbval to compare: tables as text, and each chart as the text of its
data (`chart_text`), beside the plotly JSON that JupyterLab draws. nbval skips the plotly JSON itself
(notebooks/conftest.py) and the stored notebooks leave it out (`for_storage`), so a plotly upgrade that draws the
same chart changes nothing that is compared or stored.
"""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pandas as pd

PLOTLY_MIME = "application/vnd.plotly.v1+json"
# The styles of the briefing's own HTML (cards, callouts, registers): shown once by setup(), so JupyterLab and
# the rendered page use the same rules; the page's layout lives in the nbconvert template's briefing.css.
CONTENT_CSS = Path(__file__).parent / "templates" / "briefing" / "content.css"
STYLE_OPEN = '<style class="briefing-style">'
# The kernel that the stored notebooks name: the one `make lab` installs, so the lab never rewrites it.
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (briefing)", "language": "python"}
# A trace's points are listed one by one when they carry their own data, or when there are this few.
LISTED_POINTS = 12


def setup() -> None:
    """Deterministic notebook output: plotly as its JSON mimetype, the briefing's chart template, wide tables,
    and the briefing's styles (the cards look in JupyterLab as they do on the page).

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
    show_html(STYLE_OPEN + CONTENT_CSS.read_text(encoding="utf-8") + "</style>")


def show_html(fragment: str, **metadata) -> None:
    """Display an HTML fragment that the briefing module built (and escaped)."""
    from IPython.display import HTML, display

    display(HTML(fragment), metadata=metadata or None)


class _Chart:
    """A chart for IPython: plotly's JSON for JupyterLab and the HTML page, and its data as text for nbval."""

    def __init__(self, figure) -> None:
        self.figure = figure

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        import plotly.io as pio

        bundle = pio.renderers["plotly_mimetype"].to_mimebundle(self.figure.to_dict())
        return {**bundle, "text/plain": chart_text(self.figure)}


def show_figure(figure) -> None:
    """A chart, then its source note and any caveats as text under it (selectable, and legible in print); None (a
    chart the documents give nothing for) shows nothing."""
    from html import escape

    from IPython.display import display

    if figure is None:
        return
    display(_Chart(figure))
    meta = figure.layout.meta if isinstance(figure.layout.meta, dict) else {}
    lines = [*meta.get("notes", []), meta.get("source_note", "")]
    if any(lines):
        show_html("".join(f'<p class="source-note">{escape(line)}</p>' for line in lines if line))


# ------------------------------------------------------------------------------------------ charts as text
def _plain(value) -> str:
    """A value as a reader sees it: markup out, line breaks as " / ", numbers to six significant digits."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00", value):
        return value[:10]  # a date that plotly serialised as midnight
    if isinstance(value, (list, tuple)):
        return " · ".join(_plain(item) for item in value)
    text = re.sub(r"<br\s*/?>", " / ", str(value))
    return unescape(re.sub(r"<[^>]+>", "", text)).strip()


def _blank(value) -> bool:
    return value in (None, "") or isinstance(value, (list, tuple)) and all(map(_blank, value))


def _title(node) -> str:
    title = node.get("title") if isinstance(node, dict) else None
    return _plain(title.get("text") if isinstance(title, dict) else title)


def _array(value):
    """A per-point array as a list, whether plotly wrote it as a JSON list or (numpy data, plotly 6 and later) as
    a typed array in base64: the same values read the same either way."""
    if isinstance(value, dict) and "bdata" in value:
        import base64

        import numpy as np

        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]).newbyteorder("<"))
        shape = [int(n) for n in str(value.get("shape", "")).split(",") if n.strip()]
        return (array.reshape(shape) if shape else array).tolist()
    return value if isinstance(value, list) else None


def _point_columns(trace: dict) -> dict[str, list]:
    """The trace's per-point arrays that hold data (coordinates, values, labels, hover text and links)."""
    keys = ("x", "y", "z", "base", "labels", "values", "text", "hovertext", "customdata")
    return {key: _array(trace[key]) for key in keys if _array(trace.get(key)) is not None}


def _trace_lines(number: int, trace: dict) -> list[str]:
    kind = trace.get("type", "scatter") + (f", {trace['mode']}" if trace.get("mode") else "")
    lines = [f"Trace {number} ({kind}): {_plain(trace.get('name'))}"]
    for key in ("text", "hovertext"):
        if isinstance(trace.get(key), str) and trace[key]:
            lines.append(f"  {key}: {_plain(trace[key])}")
    link = trace.get("link") if isinstance(trace.get("link"), dict) else None
    if link and _array(link.get("source")) is not None:  # a sankey: its flows, between its nodes' labels
        link = {key: _array(value) for key, value in link.items()}
        labels = _array((trace.get("node") or {}).get("label")) or []

        def name(index):
            return _plain(labels[index]) if isinstance(index, int) and index < len(labels) else _plain(index)

        values = link.get("value") or [None] * len(link["source"])
        flow_labels = link.get("label") or [""] * len(link["source"])
        for source, target, value, label in zip(link["source"], link["target"], values, flow_labels):
            lines.append(f"  {name(source)} → {name(target)}: {_plain(value)} {_plain(label)}".rstrip())
        return lines
    columns = _point_columns(trace)
    if not columns:
        return lines
    points = [point for point in zip(*columns.values()) if not _blank(point)]  # blanks: gaps between segments
    if not points:
        return lines
    own_data = any(key in columns for key in ("text", "hovertext", "customdata", "labels"))
    if own_data or len(points) <= LISTED_POINTS:
        # a value every point shares (a band's claim, say) is stated once, not on every vertex
        shared = [
            i
            for i, key in enumerate(columns)
            if len(points) > 1 and key not in ("x", "y") and all(point[i] == points[0][i] for point in points)
        ]
        lines += [f"  {key} (every point): {_plain(points[0][i])}" for i, key in enumerate(columns) if i in shared]
        lines.append("  " + " | ".join(key for i, key in enumerate(columns) if i not in shared))
        lines += ["  " + " | ".join(_plain(v) for i, v in enumerate(point) if i not in shared) for point in points]
    else:  # a drawn line (an edge's curve, say): where it runs, not every vertex
        drawn = [point for point in points if None not in point]
        ends = f" from ({', '.join(map(_plain, drawn[0]))}) to ({', '.join(map(_plain, drawn[-1]))})" if drawn else ""
        lines.append(f"  {len(points)} points{ends}")
    return lines


def chart_text(figure) -> str:
    """A chart's data as text: title, axis titles, every trace's name and points (values, labels, links), and
    annotations. Colours, sizes and plotly's template are left out: they are how the chart is drawn."""
    spec = figure if isinstance(figure, dict) else json.loads(figure.to_json())
    layout = spec.get("layout", {})
    lines = [f"Chart: {_title(layout)}"]
    axes = [
        f"{key}: {_title(layout[key])}"
        for key in sorted(layout)
        if re.fullmatch(r"[xy]axis\d*", key) and _title(layout[key])
    ]
    if axes:
        lines.append("Axes: " + "; ".join(axes))
    for number, trace in enumerate(spec.get("data", []), start=1):
        lines += _trace_lines(number, trace)
    for annotation in layout.get("annotations", []):
        if annotation.get("text"):
            lines.append(f"Note: {_plain(annotation['text'])}")
    return "\n".join(lines)


# ------------------------------------------------------------------------------------------ tables
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
        return self.frame.to_string(index=False, na_rep="") + ("\n" + self._more() if self.more else "")


def show_table(frame: pd.DataFrame) -> None:
    """A table as plain text as well as HTML, so nbval compares the numbers themselves."""
    from IPython.display import display

    display(_Table(frame))


# ------------------------------------------------------------------------------------------ stored notebooks
def for_storage(notebook) -> None:
    """What the stored notebooks keep, in place: the outputs nbval compares, without what it does not.

    Plotly's JSON goes (each chart keeps its data as text), the stylesheet's rules go (they live in content.css;
    nbval's sanitize file blanks them on both sides), and the metadata names the lab's kernel without a Python
    patch version, so opening a notebook in `make lab` has nothing to rewrite.
    """
    notebook.metadata["kernelspec"] = dict(KERNELSPEC)
    notebook.metadata.get("language_info", {}).pop("version", None)
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            data.pop(PLOTLY_MIME, None)
            html = data.get("text/html")
            if isinstance(html, str) and html.startswith(STYLE_OPEN):
                data["text/html"] = STYLE_OPEN + "</style>"

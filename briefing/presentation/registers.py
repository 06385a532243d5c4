"""The briefing's registers (claims, relations, corroboration, dates, sources) at any corpus size.

A register is shown three ways, so none grows without bound where a reader meets it:

* in the HTML, an interactive table (itables/DataTables, its JavaScript inlined once in the page: offline) that
  searches, sorts and pages. Its rows travel once, as JSON, up to :data:`HTML_BYTES` of them, the most relevant first;
* in the PDF, its first :data:`PREVIEW_ROWS` rows as a plain table (all of them up to :data:`PRINT_WHOLE`), with
  the total count and the file that holds the rest;
* in full, as CSV beside the briefing (``reports/registers/NAME.csv``), written by :func:`write_register`.

Text from documents is escaped here, once: the interactive table is given HTML it may show as it is (the marks
that highlight a figure in its sentence), and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

PREVIEW_ROWS = 8  # rows of each register in print
PRINT_WHOLE = 50  # a register of at most this many rows is printed whole
PAGE_ROWS = 20  # rows of a register on one page of the interactive table
HTML_BYTES = 150_000  # of each register's rows in the page: with plotly.js and DataTables, the page stays under 8 MB
REGISTERS_FOLDER = "registers"  # beside the briefing: reports/registers/NAME.csv


@dataclass
class Register:
    """A register: ``frame`` holds the text for the CSV; ``html`` the same rows as escaped HTML cells (or None:
    the text, escaped). ``print_omits`` names columns the printed preview leaves out: a row id that only the
    interactive table's links need, and that the document and characters columns already cite."""

    name: str
    title: str
    frame: pd.DataFrame
    html: pd.DataFrame | None = None
    print_omits: tuple[str, ...] = ()

    @property
    def file(self) -> str:
        return f"{REGISTERS_FOLDER}/{self.name}.csv"

    def cells(self) -> pd.DataFrame:
        if self.html is not None:
            return self.html
        return self.frame.astype(str).map(escape) if len(self.frame) else self.frame.astype(str)

    def _count(self, shown: int) -> str:
        total = len(self.frame)
        if total == 0:
            return f'<p class="note register-count">The {escape(self.title)} is empty.</p>'
        where = f"the full register is <code>{escape(self.file)}</code> beside this briefing"
        if shown < total:
            return (
                f'<p class="note register-count">{total:,} rows; the first {shown:,} are here, searchable; {where}.</p>'
            )
        return f'<p class="note register-count">{total:,} rows; {where}.</p>'

    def _repr_html_(self) -> str:
        cells = self.cells()
        kept = _within_bytes(cells, HTML_BYTES)
        printed = len(cells) if len(cells) <= PRINT_WHOLE else PREVIEW_ROWS
        return (
            f'<div class="register" id="register-{self.name}">'
            + self._count(kept)
            + f'<div class="register-print">{_static_table(cells.head(printed).drop(columns=list(self.print_omits)))}'
            + (
                f'<p class="note">… {len(cells) - printed:,} more rows in <code>{escape(self.file)}</code>.</p>'
                if len(cells) > printed
                else ""
            )
            + "</div>"
            + f'<div class="register-screen">{_interactive(cells.head(kept), self.name)}</div></div>'
        )

    def __repr__(self) -> str:
        head = self.frame.head(PREVIEW_ROWS).to_string(index=False, max_colwidth=60) if len(self.frame) else ""
        return f"{self.title}: {len(self.frame):,} rows (full register: {self.file})\n{head}".rstrip()


def _within_bytes(cells: pd.DataFrame, budget: int) -> int:
    """How many leading rows fit in ``budget`` bytes of cell text."""
    if cells.empty:
        return 0
    sizes = cells.astype(str).map(len).sum(axis=1).cumsum()
    return max(1, int((sizes <= budget).sum()))


_ID = re.compile(r' id="[^"]*"')
# ':' and '_' in ids and file names, outside tags: where a long id may break on paper
_ID_JOINT = re.compile(r"([:_])(?![^<]*>)")


def _breakable(cell: str) -> str:
    """A cell whose ids and file names may break after ':' and '_', so they do not take the sentence's width."""
    return _ID_JOINT.sub(r"\1<wbr>", cell)


def _static_table(cells: pd.DataFrame) -> str:
    """The first rows as a plain table, for print; without the ids, which the interactive table carries."""
    head = "".join(f"<th>{escape(str(c))}</th>" for c in cells.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{_breakable(_ID.sub('', str(v)))}</td>" for v in row) + "</tr>"
        for row in cells.itertuples(index=False)
    )
    return f'<table class="register-table"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


_MODULE = re.compile(r'<script type="module">.*?</script>', re.S)


def _interactive(cells: pd.DataFrame, name: str) -> str:
    """An itables table whose rows are JSON in the page; its JavaScript comes once from :func:`itables_script`.

    Only itables' table and the script that fills it are kept: its loading message and static fallback link to
    itables.org, and the print preview here already shows the first rows.
    """
    from itables import to_html_datatable

    table_id = f"itables-{name}"
    html = to_html_datatable(
        cells,
        table_id=table_id,
        connected=False,
        allow_html=True,
        showIndex=False,
        pageLength=PAGE_ROWS,
        lengthMenu=[PAGE_ROWS, 50, 100],
        classes="display compact",
        maxBytes=0,
        display_logo_when_loading=False,
        layout={"topStart": "pageLength", "topEnd": "search", "bottomStart": "info", "bottomEnd": "paging"},
    )
    script = _MODULE.search(html)
    if script is None:
        raise RuntimeError(f"itables gave no script for the {name} register")
    return f'<table id="{table_id}" class="display compact"></table>{script.group(0)}'


def itables_script() -> str:
    """DataTables and its CSS, inlined once in the page head: what every register runs on, with no request outside
    the page. As itables' own offline mode does, the module is imported from a blob, but from its text as it is
    (itables' base64 adds a third to its 0.7 MB) and without the logo that links to itables.org."""
    from itables import options
    from itables.javascript import _itables_ready_event, _itables_underscore_version

    bundle = Path(options.dt_bundle)
    source, css = bundle.read_text(encoding="utf-8"), bundle.with_suffix(".css").read_text(encoding="utf-8")
    if "</script" in source.lower() or "</style" in css.lower():
        raise RuntimeError(f"{bundle}: cannot be inlined as it is")
    promise, ready = _itables_underscore_version(), _itables_ready_event()
    return (
        f"<style>{css}</style>\n"
        f'<script type="text/plain" id="itables-bundle">{source}</script>\n'
        "<script>\n"
        # printing shows each register's first rows as a plain table: the interactive ones need not load
        f"if (!window.{promise} && !window.matchMedia('print').matches) {{\n"
        "  const text = document.getElementById('itables-bundle').textContent;\n"
        "  const url = URL.createObjectURL(new Blob([text], {type: 'application/javascript'}));\n"
        f"  window.{promise} = import(url);\n"
        f"  window.{promise}.then(() => window.dispatchEvent(new Event('{ready}')));\n"
        "}\n"
        "</script>"
    )


def write_register(register: Register, folder: Path) -> Path:
    """The full register as CSV in ``folder``/registers/."""
    path = Path(folder) / REGISTERS_FOLDER / f"{register.name}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    register.frame.to_csv(path, index=False)
    return path

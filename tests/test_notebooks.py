"""The notebooks' mechanics: what nbval compares, one-line errors in a kernel, and the order the notebooks run in."""

from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ElementTree

import nbformat
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from briefing import PROJECT_ROOT
from briefing.build import pipeline
from briefing.build.pipeline import BuildError
from briefing.presentation.notebook import PLOTLY_MIME, chart_text

SANITIZE = PROJECT_ROOT / "tests" / "nbval_sanitize.cfg"


def _figure(y=(40, 50), template="plotly_white") -> go.Figure:
    figure = go.Figure(
        go.Scatter(
            x=["2021-01-01", "2022-01-01"],
            y=list(y),
            name="Seed: 40–50%",
            customdata=[["doc:1", "#claim-doc-1"], ["doc:2", "#claim-doc-2"]],
        )
    )
    return figure.update_layout(
        template=template,
        title="Share<br><sup>of exports</sup>",
        yaxis_title="share (%)",
        annotations=[dict(text="a gap, not zero")],
    )


def test_chart_text_holds_the_data_and_links_not_the_look():
    text = chart_text(_figure())
    assert text.splitlines()[0] == "Chart: Share / of exports"
    assert "2021-01-01 | 40 | doc:1 · #claim-doc-1" in text and "2022-01-01 | 50 | doc:2 · #claim-doc-2" in text
    assert "yaxis: share (%)" in text and "Note: a gap, not zero" in text
    restyled = _figure(template="plotly_dark").update_traces(line_color="#123456", line_width=7)
    assert chart_text(restyled) == text, "template and colours are how a chart is drawn, not what it shows"
    assert chart_text(_figure(y=(40, 51))) != text


def test_chart_text_reads_typed_arrays_as_lists():
    """plotly 6 and later write numpy data as base64 typed arrays: the chart's text does not change with that."""
    import numpy as np

    listed = go.Figure(go.Scatter(x=[2021, 2022], y=[40, 50.5], customdata=[["a", "#claim-a"], ["b", "#claim-b"]]))
    typed = go.Figure(
        go.Scatter(
            x=np.array([2021, 2022]), y=np.array([40.0, 50.5]), customdata=[["a", "#claim-a"], ["b", "#claim-b"]]
        )
    )
    assert "bdata" in typed.to_json()
    assert chart_text(typed) == chart_text(listed)
    assert "2022 | 50.5 | b · #claim-b" in chart_text(typed)
    flows = dict(
        node=dict(label=["Belarus", "Russia"]),
        link=dict(source=np.array([0]), target=np.array([1]), value=np.array([15])),
    )
    assert "Belarus → Russia: 15" in chart_text(go.Figure(go.Sankey(**flows)))


def test_chart_text_reads_plotly_json_as_stored():
    figure = _figure()
    assert chart_text(pio.from_json(figure.to_json()).to_dict()) == chart_text(figure)


def _run_nbval(notebooks: list, junit) -> dict[str, bool]:
    """nbval on the notebooks, as `make test` runs it: {"name::Cell n": passed}."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *map(str, notebooks),
            "--nbval",
            "--nbval-sanitize-with",
            str(SANITIZE),
            "-p",
            "no:cacheprovider",
            "-q",
            f"--junitxml={junit}",
            f"--rootdir={junit.parent}",
        ],
        capture_output=True,
        text=True,
        cwd=junit.parent,
        check=False,
        env={**__import__("os").environ, "PYTHONPATH": str(PROJECT_ROOT)},
    )
    cases = ElementTree.parse(junit).getroot().iter("testcase")
    return {
        f"{c.get('classname')}::{c.get('name')}": c.find("failure") is None and c.find("error") is None for c in cases
    }


def _chart_outputs(notebook):
    return [
        (cell, index)
        for cell in notebook.cells
        for index, output in enumerate(cell.get("outputs", []))
        if output.get("data", {}).get("text/plain", "").startswith("Chart:")
    ]


@pytest.fixture(scope="module")
def workspace(built, tmp_path_factory):
    """A copy of notebooks/ (with its conftest.py) beside the tables of a default build and the register."""
    _, tables = built
    root = tmp_path_factory.mktemp("nbval")
    shutil.copytree(pipeline.NOTEBOOKS_DIR, root / "notebooks", ignore=shutil.ignore_patterns(".*"))
    (root / "data").mkdir()
    (root / "data" / "processed").symlink_to(tables)
    (root / "data" / "reference").symlink_to(pipeline.REFERENCE_DIR)
    return root


def test_nbval_checks_what_a_chart_shows_not_plotly_json(workspace):
    """A plotly upgrade that draws the same chart in other JSON passes nbval; a changed number in a chart fails it;
    and the pass is owed to notebooks/conftest.py, without which the same restyled JSON fails."""
    import papermill

    folder = workspace / "notebooks"
    fresh = papermill.execute_notebook(
        str(folder / pipeline.BRIEFING_NOTEBOOK),
        str(workspace / "fresh.ipynb"),
        cwd=str(folder),
        progress_bar=False,
        kernel_name="python3",
    )
    stored = nbformat.read(folder / pipeline.BRIEFING_NOTEBOOK, as_version=4)
    fresh = nbformat.from_dict(fresh)
    dark = pio.templates["plotly_dark"].to_plotly_json()

    restyled = copy.deepcopy(stored)  # as an older plotly might have stored it: another template, floats for ints
    for (cell, index), (fresh_cell, _) in zip(_chart_outputs(restyled), _chart_outputs(fresh)):
        spec = copy.deepcopy(fresh_cell.outputs[index].data[PLOTLY_MIME])
        spec["layout"]["template"] = dark
        for trace in spec["data"]:
            trace["y"] = [float(v) if isinstance(v, int) else v for v in trace.get("y", [])]
        cell.outputs[index].data[PLOTLY_MIME] = spec
    assert _chart_outputs(restyled), "the briefing has charts"
    nbformat.write(restyled, folder / "restyled.ipynb")
    (workspace / "bare").mkdir()
    nbformat.write(restyled, workspace / "bare" / "restyled.ipynb")  # no conftest.py here

    changed = copy.deepcopy(stored)
    cell, index = _chart_outputs(changed)[0]
    text = cell.outputs[index].data["text/plain"]
    number = re.search(r"\| (\d+)$", text, flags=re.M)
    cell.outputs[index].data["text/plain"] = text[: number.start(1)] + str(int(number[1]) + 1) + text[number.end(1) :]
    nbformat.write(changed, folder / "changed.ipynb")

    results = _run_nbval([folder / "restyled.ipynb", folder / "changed.ipynb"], workspace / "junit.xml")
    bare = _run_nbval([workspace / "bare" / "restyled.ipynb"], workspace / "bare" / "junit.xml")
    chart_cell = sum(1 for c in changed.cells[: changed.cells.index(cell)] if c.cell_type == "code")
    restyled_results = {k: v for k, v in results.items() if "restyled" in k}
    assert restyled_results and all(restyled_results.values()), results
    changed_results = {k: v for k, v in results.items() if "changed" in k}
    assert [k for k, v in changed_results.items() if not v] == [f"notebooks.changed.ipynb::Cell {chart_cell}"], results
    assert bare and not all(bare.values()), "without the hook nbval compares plotly's JSON"


def _briefing_copy(workspace, tmp_path):
    folder = tmp_path / "notebooks"
    shutil.copytree(workspace / "notebooks", folder, ignore=shutil.ignore_patterns("*.ipynb", ".*"))
    shutil.copy(workspace / "notebooks" / pipeline.BRIEFING_NOTEBOOK, folder)
    (tmp_path / "data").symlink_to(workspace / "data")
    return folder


@pytest.mark.parametrize(
    "parameters, line",
    [
        ({"focus": "Atlantis"}, "briefing: error: focus: 'Atlantis' is not an entity in the gazetteer"),
        (
            {"tables_dir": "../data/absent"},
            "briefing: error: tables_dir: ../data/absent is not a folder: run 01_extract.ipynb first, or `make extract`",
        ),
    ],
)
def test_a_bad_parameter_in_a_kernel_is_one_line(workspace, tmp_path, monkeypatch, parameters, line):
    """What JupyterLab shows for a bad parameter, or for 02 opened before 01 made its tables, is the README's one
    line; and `make report` still reports it as one line naming the notebook and the error."""
    monkeypatch.setattr(pipeline, "NOTEBOOKS_DIR", _briefing_copy(workspace, tmp_path))
    executed = tmp_path / "executed.ipynb"
    with pipeline.Kernels() as kernels, pytest.raises(BuildError) as error:
        pipeline._execute(pipeline.BRIEFING_NOTEBOOK, executed, parameters, kernels)
    assert re.search(
        r"02_briefing.ipynb failed in cell \d+: ParameterError: " + re.escape(line.removeprefix("briefing: error: ")),
        str(error.value),
    )
    assert "\n" not in str(error.value)
    shown = [
        o
        for cell in nbformat.read(executed, as_version=4).cells
        for o in cell.get("outputs", [])
        if o.output_type == "error"
    ]
    assert [o.traceback for o in shown] == [[line]]


CARD_STYLE = """() => Object.fromEntries(['.cards', '.card', '.card .value', '.title-block', '.callout']
    .map(selector => [selector, document.querySelector(selector)]).filter(([, element]) => element)
    .map(([selector, element]) => { const style = getComputedStyle(element);
      // a border's colour counts where there is a border (otherwise it is the inherited text colour)
      const border = side => style[`border-${side}-style`] === 'none' ? 'none'
        : `${style[`border-${side}-width`]} ${style[`border-${side}-style`]} ${style[`border-${side}-color`]}`;
      return [selector, [style.display, border('top'), border('left'), style.fontFamily, style.fontWeight,
                         style.backgroundColor].join('; ')]; }))"""


def test_cards_look_alike_in_the_lab_and_on_the_page(built, tmp_path):
    """The page styles the cards only through the stylesheet the notebook shows (its setup cell's output), so a
    bare page holding just the notebook's outputs, as JupyterLab holds them, gives the cards the same style; and
    the page's own stylesheet repeats none of the briefing's classes."""
    from playwright.sync_api import sync_playwright

    from briefing.presentation.notebook import CONTENT_CSS, STYLE_OPEN
    from briefing.presentation.render import CHROMIUM, CHROMIUM_FLAGS

    reports, _ = built
    page_html = (reports / "briefing.html").read_text(encoding="utf-8")
    assert page_html.count(STYLE_OPEN) == 1 and page_html.count(".cards {") == 1, "the rules come once"
    page_css = (CONTENT_CSS.parent / "briefing.css").read_text(encoding="utf-8")
    classes = set(re.findall(r"\.([a-z][\w-]*)", re.sub(r"/\*.*?\*/", "", CONTENT_CSS.read_text(), flags=re.S)))
    assert classes and not {c for c in classes if re.search(rf"\.{c}\b", page_css)}, "briefing.css repeats none"

    executed = nbformat.read(reports / "executed" / pipeline.BRIEFING_NOTEBOOK, as_version=4)
    outputs = "".join(
        f'<div class="jp-OutputArea-output">{o.data["text/html"]}</div>'
        for cell in executed.cells
        for o in cell.get("outputs", [])
        if "text/html" in o.get("data", {})
    )
    lab = tmp_path / "lab.html"
    lab.write_text(f"<!DOCTYPE html><html><body>{outputs}</body></html>", encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            styles = []
            for path in (reports / "briefing.html", lab):
                page = browser.new_page()
                page.route(re.compile(r"^(?!file:|data:|about:).*"), lambda route: route.abort())
                page.goto(path.resolve().as_uri())
                styles.append(page.evaluate(CARD_STYLE))
                page.close()
        finally:
            browser.close()
    assert set(styles[0]) >= {".cards", ".card", ".title-block"}
    assert styles[0] == styles[1]
    assert "4px" in styles[0][".card"] and "grid" in styles[0][".cards"]


def test_every_user_error_shows_one_line_in_ipython(monkeypatch):
    """IPython asks an exception for `_render_traceback_` before drawing a traceback: the package's user errors
    answer with the command line's one line (VERBOSE=1 keeps the traceback)."""
    from briefing.analysis.reference import RegisterError
    from briefing.params import ParameterError
    from briefing.reading.documents import DocumentError

    monkeypatch.delenv("VERBOSE", raising=False)
    for error in (DocumentError, ParameterError, RegisterError):
        assert error("seeds: no documents")._render_traceback_() == ["briefing: error: seeds: no documents"]
    monkeypatch.setenv("VERBOSE", "1")
    try:
        raise DocumentError("seeds: no documents")
    except DocumentError as raised:
        assert "Traceback" in "".join(raised._render_traceback_())

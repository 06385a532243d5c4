"""The build end to end: self-contained HTML, A4 PDF, determinism, no-op rebuilds, and failures that keep the
previous briefing. Every briefing here is built from the documents; nothing is typed in."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import nbformat
import pytest
from seeds_support import SEEDS, copy_seeds

from briefing import PROJECT_ROOT
from briefing.build import pipeline
from briefing.build.pipeline import BuildError, build
from briefing.params import ParameterError
from briefing.presentation import render
from briefing.presentation.notebook import KERNELSPEC, PLOTLY_MIME

EXTERNAL_REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:|//)""", re.I)


def test_html_is_one_self_contained_file_without_code_or_parameters(built):
    reports, _ = built
    html = (reports / "briefing.html").read_text(encoding="utf-8")
    # plotly.js carries URLs in its own string literals (map tiles, its logo link); the page's markup has none
    markup = re.sub(r"<script>.*?</script>", "<script></script>", html, flags=re.S)
    assert not EXTERNAL_REFERENCE.search(markup)
    assert "default-src 'none'" in html, "a content security policy blocks any request the page might make"
    assert html.count("Plotly.newPlot(") >= 6
    assert len(re.findall(r"/\*\*\s*\n?\s*\* plotly\.js v", html)) == 1, "plotly.js is inlined exactly once"
    assert html.count('id="itables-bundle"') == 1, "DataTables is inlined exactly once, for every register"
    assert html.count('class="register"') >= 5 and "cdn.datatables" not in markup
    assert "tables_dir =" not in html and "Briefing.load(" not in html, "no code and no parameters cell"
    assert 'id="figure-1"' in html, "fixed chart ids"


def test_pdf_is_a4_with_selectable_text(built):
    reports, _ = built
    pdf = reports / "briefing.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 4
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Claims register" in text and "Bottom line up front" in text
    assert "130,582" in text  # a seed figure, as selectable text


def test_executed_notebooks_are_kept_for_audit(built):
    reports, tables = built
    for name in pipeline.NOTEBOOKS:
        notebook = nbformat.read(reports / "executed" / name, as_version=4)
        assert any(cell.get("outputs") for cell in notebook.cells)
    assert (tables / "figures.csv").exists() and (tables / "relations.csv").exists()


def test_rebuild_with_nothing_changed_does_no_work(built, capsys):
    reports, tables = built
    before = (reports / "briefing.html").stat().st_mtime_ns
    result = build(SEEDS, {}, reports_dir=reports, tables_dir=tables)
    assert not result.rebuilt
    assert "up to date" in capsys.readouterr().err
    assert (reports / "briefing.html").stat().st_mtime_ns == before


def test_two_builds_are_byte_identical(built, tmp_path):
    reports, _ = built
    again = build(SEEDS, {}, reports_dir=tmp_path / "reports", tables_dir=tmp_path / "tables")
    assert again.html.read_bytes() == (reports / "briefing.html").read_bytes()
    assert again.pdf.read_bytes() == (reports / "briefing.pdf").read_bytes()


def test_editing_a_seed_figure_changes_the_briefing(tmp_path):
    seeds = copy_seeds(tmp_path / "seeds")
    document = next(p for p in seeds.iterdir() if "130,582" in p.read_text(encoding="utf-8"))
    document.write_text(document.read_text(encoding="utf-8").replace("130,582", "140,582"), encoding="utf-8")
    result = build(seeds, {}, reports_dir=tmp_path / "reports", tables_dir=tmp_path / "tables")
    html = result.html.read_text(encoding="utf-8")
    assert "140,582" in html and "130,582" not in html
    pdf_text = subprocess.run(["pdftotext", str(result.pdf), "-"], capture_output=True, text=True).stdout
    assert "140,582" in pdf_text and "130,582" not in pdf_text


def test_focus_parameter_centres_the_briefing(tmp_path):
    result = build(SEEDS, {"focus": "Iran"}, reports_dir=tmp_path / "reports", tables_dir=tmp_path / "tables")
    html = result.html.read_text(encoding="utf-8")
    assert "<h1>Iran in the network" in html
    assert "focus: Iran" in html


@pytest.mark.parametrize(
    "parameters, message",
    [
        ({"focsu": "Iran"}, "focsu: unknown parameter (did you mean focus?)"),
        ({"focus": "Atlantis"}, "focus: 'Atlantis' is not an entity in the gazetteer"),
        ({"as_of": "yesterday"}, "as_of: 'yesterday' is not a date"),
        ({"tonnes_per_wagon": -3}, "tonnes_per_wagon: -3 must be a positive number"),
    ],
)
def test_invalid_parameters_fail_before_any_work(tmp_path, parameters, message):
    with pytest.raises(ParameterError) as error:
        build(SEEDS, parameters, reports_dir=tmp_path / "reports", tables_dir=tmp_path / "tables")
    assert str(error.value).startswith(message)
    assert not (tmp_path / "reports").exists()


def _previous_report(tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "briefing.html").write_text("previous good briefing")
    (reports / "briefing.pdf").write_bytes(b"%PDF previous")
    return reports


def _assert_untouched(reports):
    assert (reports / "briefing.html").read_text() == "previous good briefing"
    assert (reports / "briefing.pdf").read_bytes() == b"%PDF previous"
    assert not list(reports.glob(".staging-*")), "the staging folder is cleaned up"


def _notebooks_with(tmp_path, source: str):
    """A copy of the notebooks in which the briefing notebook runs ``source`` after its title block."""
    folder = tmp_path / "notebooks"
    shutil.copytree(pipeline.NOTEBOOKS_DIR, folder)
    path = folder / pipeline.BRIEFING_NOTEBOOK
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.insert(3, nbformat.v4.new_code_cell(source))
    notebook.cells[3].id = "injected-failure"
    nbformat.write(notebook, path)
    return folder


def test_missing_seeds_folder_keeps_the_previous_report(tmp_path):
    reports = _previous_report(tmp_path)
    from briefing.params import ParameterError as FolderError

    with pytest.raises(FolderError, match="seeds: .* is not a folder"):
        build(tmp_path / "absent", {}, reports_dir=reports, tables_dir=tmp_path / "tables")
    _assert_untouched(reports)


def test_empty_seeds_folder_keeps_the_previous_report(tmp_path):
    reports = _previous_report(tmp_path)
    (tmp_path / "empty").mkdir()
    from briefing.reading.documents import DocumentError

    with pytest.raises(DocumentError, match="no documents"):
        build(tmp_path / "empty", {}, reports_dir=reports, tables_dir=tmp_path / "tables")
    _assert_untouched(reports)


def test_a_failing_cell_keeps_the_previous_report(tmp_path, monkeypatch):
    reports = _previous_report(tmp_path)
    monkeypatch.setattr(pipeline, "NOTEBOOKS_DIR", _notebooks_with(tmp_path, 'raise RuntimeError("boom")'))
    with pytest.raises(BuildError, match=r"02_briefing.ipynb failed in cell \d+: RuntimeError: boom") as error:
        build(SEEDS, {}, reports_dir=reports, tables_dir=tmp_path / "tables")
    _assert_untouched(reports)
    kept = reports / "failed" / "02_briefing.ipynb"
    assert str(kept) in str(error.value) and "boom" in kept.read_text(), "the failed run is kept for reading"


def test_a_dying_kernel_keeps_the_previous_report(tmp_path, monkeypatch):
    reports = _previous_report(tmp_path)
    monkeypatch.setattr(pipeline, "NOTEBOOKS_DIR", _notebooks_with(tmp_path, "import os\nos._exit(1)"))
    with pytest.raises(BuildError, match="02_briefing.ipynb"):
        build(SEEDS, {}, reports_dir=reports, tables_dir=tmp_path / "tables")
    _assert_untouched(reports)


def test_missing_chromium_keeps_the_previous_report(tmp_path, monkeypatch):
    reports = _previous_report(tmp_path)
    monkeypatch.setattr(render, "CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(render.RenderError, match="no-chromium is missing: install Debian's chromium"):
        build(SEEDS, {}, reports_dir=reports, tables_dir=tmp_path / "tables")
    _assert_untouched(reports)


def test_command_line_errors_are_one_line_without_traceback(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "report", "--seeds", str(tmp_path / "absent")],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
    )
    assert run.returncode == 2
    assert run.stderr.strip().count("\n") == 0, run.stderr
    assert "briefing: error: seeds:" in run.stderr and "Traceback" not in run.stderr
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "report", "-p", "focus", "Atlantis"],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
    )
    assert run.returncode == 2 and run.stderr.startswith("briefing: error: focus: 'Atlantis'")
    assert "Traceback" not in run.stderr


def test_verbose_shows_the_traceback(tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "briefing", "report", "--seeds", str(tmp_path / "absent")],
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env={**os.environ, "VERBOSE": "1"},
    )
    assert run.returncode != 0 and "Traceback" in run.stderr and "is not a folder" in run.stderr


def test_extract_command_exits_nonzero_only_when_nothing_can_be_read(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing",
            "extract",
            str(tmp_path / "docs"),
            "--out",
            str(tmp_path / "out"),
            "--no-ftm",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 2 and "none of the documents could be read" in run.stderr
    (tmp_path / "docs" / "good.txt").write_text("Russia ordered more than 2,400 drones from Iran.")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "briefing",
            "extract",
            str(tmp_path / "docs"),
            "--out",
            str(tmp_path / "out"),
            "--no-ftm",
        ],
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    assert "picture.txt: skipped: binary file" in run.stderr
    assert "2400" in (tmp_path / "out" / "figures.csv").read_text()


def test_extract_command_writes_only_the_tables_asked_for(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "wire.txt").write_text("In March 2023 Belarus shipped 1,200 wagons of shells to Russia.")
    command = [sys.executable, "-m", "briefing", "extract", str(tmp_path / "docs"), "--out", str(tmp_path / "out")]
    run = subprocess.run(command + ["--tables", "dates,figures"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "dates.csv",
        "documents.csv",
        "figures.csv",
        "notices.csv",
    ]  # no relations, so no network export
    assert "1200" in (tmp_path / "out" / "figures.csv").read_text()
    assert "2023-03" in (tmp_path / "out" / "dates.csv").read_text()
    assert run.stdout.startswith("Extracted 1 figures, 1 dates from 1 documents")

    run = subprocess.run(command + ["--tables", "figures,people"], capture_output=True, text=True)
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert (
        run.stderr.strip()
        .splitlines()[-1]
        .endswith("--tables: people: unknown table (choose from figures, dates, entities, relations, unknowns)")
    )


@pytest.mark.parametrize("name", pipeline.NOTEBOOKS)
def test_stored_notebooks_are_valid_and_hold_only_what_nbval_compares(name):
    notebook = nbformat.read(pipeline.NOTEBOOKS_DIR / name, as_version=4)
    nbformat.validate(notebook)  # raises on a notebook that nbformat, papermill or JupyterLab would reject
    tags = [cell.metadata.get("tags", []) for cell in notebook.cells]
    assert ["parameters"] in tags, f"{name} has a parameters cell"
    outputs = [output for cell in notebook.cells for output in cell.get("outputs", [])]
    assert outputs, f"{name} is stored with its outputs"
    assert "papermill" not in notebook.metadata, "no run-time bookkeeping in stored notebooks"
    assert not [o for o in outputs if PLOTLY_MIME in o.get("data", {})], "plotly's JSON is not stored"
    charts = [o["data"]["text/plain"] for o in outputs if o.get("data", {}).get("text/plain", "").startswith("Chart:")]
    assert len(charts) >= (6 if name == pipeline.BRIEFING_NOTEBOOK else 0), "each chart is stored as its data"


def test_stored_notebooks_name_the_kernel_that_make_lab_installs():
    """JupyterLab rewrites a notebook's kernelspec to its own kernel's: the stored one is the lab's already."""
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    installed = re.search(r"ipykernel install .*--name (\S+) --display-name \"([^\"]+)\"", makefile)
    assert installed.groups() == (KERNELSPEC["name"], KERNELSPEC["display_name"])
    for name in pipeline.NOTEBOOKS:
        metadata = nbformat.read(pipeline.NOTEBOOKS_DIR / name, as_version=4).metadata
        assert metadata.kernelspec == KERNELSPEC
        assert "version" not in metadata.language_info, "no Python patch version to differ between machines"

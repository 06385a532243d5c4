"""`make report`: run the notebooks with papermill, render HTML and PDF, and publish them only when all succeeded.

Everything is built in a staging folder beside the reports and moved into place at the end, so a failure at any
stage leaves the previous briefing as it was. A fingerprint of every input (documents, notebooks, code, reference
data, parameters) makes a rebuild with nothing changed a no-op.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import PROJECT_ROOT
from .params import ParameterError, check_as_of, check_folder, check_names

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
TABLES_DIR = PROJECT_ROOT / "data" / "processed"
# In dependency order: extraction writes the tables that the briefing reads.
EXTRACT_NOTEBOOK = "01_extract.ipynb"
BRIEFING_NOTEBOOK = "02_briefing.ipynb"
NOTEBOOKS = (EXTRACT_NOTEBOOK, BRIEFING_NOTEBOOK)
# Parameters that the build sets itself: where each stage reads and writes.
BUILD_PARAMETERS = {"seeds_dir", "tables_dir"}
FINGERPRINT_INPUTS = ("briefing", "notebooks", "data/reference", "data/gazetteer.csv", "requirements.txt")


class BuildError(RuntimeError):
    """A build failure, explained in one line."""


@dataclass
class BuildResult:
    html: Path
    pdf: Path
    rebuilt: bool
    timings: dict[str, float] = field(default_factory=dict)
    notices: list[str] = field(default_factory=list)


def notebook_parameters() -> dict[str, dict]:
    """The parameters each notebook declares in its `parameters` cell, with their defaults."""
    import papermill

    return {name: papermill.inspect_notebook(str(NOTEBOOKS_DIR / name)) for name in NOTEBOOKS}


def _fingerprint(seeds_dir: Path, parameters: dict) -> str:
    digest = hashlib.sha256(json.dumps(parameters, sort_keys=True, default=str).encode())
    paths = sorted(p for p in seeds_dir.iterdir() if p.is_file())
    for root in FINGERPRINT_INPUTS:
        path = PROJECT_ROOT / root
        paths += sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts) \
            if path.is_dir() else [path]
    for path in paths:
        digest.update(str(path.relative_to(path.anchor)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _progress(step: int, total: int, message: str) -> float:
    print(f"[{step}/{total}] {message}", file=sys.stderr, flush=True)
    return time.perf_counter()


def _done(started: float) -> float:
    elapsed = time.perf_counter() - started
    print(f"      done in {elapsed:.1f} s", file=sys.stderr, flush=True)
    return elapsed


def _ipc_kernel_manager():
    from jupyter_client.manager import AsyncKernelManager

    class IPCKernelManager(AsyncKernelManager):
        """Local kernels over Unix sockets: no TCP ports, and no warning about unencrypted TCP on every start."""

        def __init__(self, **kwargs):
            kwargs.setdefault("transport", "ipc")
            super().__init__(**kwargs)

    return IPCKernelManager


def _execute(name: str, output: Path, parameters: dict) -> None:
    """Run one notebook with papermill; a failing cell becomes one line that names the notebook and the error."""
    import papermill
    from papermill.exceptions import PapermillExecutionError

    try:
        papermill.execute_notebook(str(NOTEBOOKS_DIR / name), str(output), parameters=parameters,
                                   cwd=str(NOTEBOOKS_DIR), progress_bar=False, log_output=False,
                                   kernel_name="python3", kernel_manager_class=_ipc_kernel_manager())
    except PapermillExecutionError as error:
        reason = f"{error.ename}: {str(error.evalue).splitlines()[0] if error.evalue else ''}".strip()
        raise BuildError(f"notebooks/{name} failed in cell {error.exec_count}: {reason} "
                         f"(executed copy: {output})") from error
    except RuntimeError as error:  # the kernel died or did not start
        raise BuildError(f"notebooks/{name}: the kernel failed: {str(error).splitlines()[0]}") from error
    _check_clean(name, output)


def _check_clean(name: str, executed: Path) -> None:
    """A warning printed by a notebook fails the build, as it would fail nbval: briefings are built clean."""
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                first = output.get("text", "").strip().splitlines()[:1]
                raise BuildError(f"notebooks/{name}: cell {index} wrote to stderr: {first[0] if first else ''} "
                                 f"(executed copy: {executed})")


def build(seeds_dir: Path, parameters: dict, force: bool = False, reports_dir: Path = REPORTS_DIR,
          tables_dir: Path = TABLES_DIR) -> BuildResult:
    """Build briefing.html and briefing.pdf in ``reports_dir`` from the documents in ``seeds_dir``."""
    from .params import check_focus, check_positive

    declared = notebook_parameters()
    known = set().union(*(set(p) for p in declared.values())) - BUILD_PARAMETERS
    check_names(parameters, known)
    seeds_dir = check_folder("seeds", seeds_dir)
    parameters = dict(parameters)
    if "as_of" in parameters:
        parameters["as_of"] = check_as_of(parameters["as_of"])
    if "tonnes_per_wagon" in parameters:
        parameters["tonnes_per_wagon"] = check_positive("tonnes_per_wagon", parameters["tonnes_per_wagon"])
    if "focus" in parameters:
        from .entities import load_gazetteer

        parameters["focus"] = check_focus(parameters["focus"], load_gazetteer())
    from .documents import document_paths

    document_paths(seeds_dir)  # a missing or empty folder fails here, before any work

    reports_dir, tables_dir = Path(reports_dir), Path(tables_dir)
    html, pdf = reports_dir / "briefing.html", reports_dir / "briefing.pdf"
    stamp = reports_dir / ".fingerprint"
    fingerprint = _fingerprint(seeds_dir, parameters)
    if not force and html.exists() and pdf.exists() and stamp.exists() and stamp.read_text() == fingerprint:
        print("Briefing is up to date: nothing changed since the last build (make report FORCE=1 rebuilds).",
              file=sys.stderr)
        return BuildResult(html, pdf, rebuilt=False)

    reports_dir.mkdir(parents=True, exist_ok=True)
    staging = reports_dir / f".staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "executed").mkdir(parents=True)
    tables = staging / "tables"
    timings: dict[str, float] = {}
    total = 4
    try:
        started = _progress(1, total, f"Extracting figures and relations from {seeds_dir} ({EXTRACT_NOTEBOOK})")
        _execute(EXTRACT_NOTEBOOK, staging / "executed" / EXTRACT_NOTEBOOK,
                 {"seeds_dir": str(seeds_dir), "tables_dir": str(tables)})
        timings["notebook_extract"] = _done(started)
        notices = _read_notices(tables)

        started = _progress(2, total, f"Writing the briefing ({BRIEFING_NOTEBOOK})")
        executed = staging / "executed" / BRIEFING_NOTEBOOK
        _execute(BRIEFING_NOTEBOOK, executed, {**parameters, "tables_dir": str(tables)})
        timings["notebook_briefing"] = _done(started)

        from .render import html_to_pdf, notebook_to_html

        title, as_of = _title_and_date(executed)
        started = _progress(3, total, "Rendering HTML")
        charts = notebook_to_html(executed, staging / "briefing.html", title)
        timings["html"] = _done(started)

        started = _progress(4, total, f"Printing the PDF with Chromium ({charts} charts)")
        html_to_pdf(staging / "briefing.html", staging / "briefing.pdf", as_of)
        timings["pdf"] = _done(started)

        _publish(staging, tables, reports_dir, tables_dir)
        stamp.write_text(fingerprint)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(html, pdf, rebuilt=True, timings=timings, notices=notices)


def _read_notices(tables: Path) -> list[str]:
    import csv

    path = tables / "notices.csv"
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return [row["notice"] for row in csv.DictReader(handle)]


def _title_and_date(executed: Path) -> tuple[str, str]:
    """The title and as-of date that the briefing notebook resolved, from its title block's output metadata."""
    import nbformat

    for cell in nbformat.read(executed, as_version=4).cells:
        for output in cell.get("outputs", []):
            resolved = output.get("metadata", {}).get("briefing")
            if resolved:
                return resolved["title"], resolved["as_of"]
    raise BuildError(f"{executed.name}: the briefing shows no title block")


def _publish(staging: Path, tables: Path, reports_dir: Path, tables_dir: Path) -> None:
    """Move the finished outputs into place: each file by an atomic rename on the same file system."""
    executed_dir = reports_dir / "executed"
    executed_dir.mkdir(exist_ok=True)
    for path in (staging / "executed").iterdir():
        os.replace(path, executed_dir / path.name)
    tables_dir.mkdir(parents=True, exist_ok=True)
    for path in tables.iterdir():
        if path.is_file():
            shutil.move(str(path), tables_dir / path.name)
    for name in ("briefing.html", "briefing.pdf"):
        os.replace(staging / name, reports_dir / name)


def refresh_notebooks() -> list[str]:
    """Run every notebook with its default parameters and store the outputs in notebooks/ for nbval.

    Run times and papermill's bookkeeping are dropped, so the stored notebooks change only when an output does.
    """
    import nbformat

    stored = []
    for name in NOTEBOOKS:
        staging = NOTEBOOKS_DIR / f".{name}.refresh"
        try:
            _execute(name, staging, {})
            notebook = nbformat.read(staging, as_version=4)
            notebook.metadata.pop("papermill", None)
            for cell in notebook.cells:
                cell.metadata.pop("papermill", None)
                cell.metadata.pop("execution", None)
            nbformat.write(notebook, NOTEBOOKS_DIR / name)
        finally:
            staging.unlink(missing_ok=True)
        stored.append(name)
    return stored

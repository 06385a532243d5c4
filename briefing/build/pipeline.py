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
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import PROJECT_ROOT
from ..params import check_as_of, check_folder, check_names

NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
TABLES_DIR = PROJECT_ROOT / "data" / "processed"
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
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
        paths += (
            sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
            if path.is_dir()
            else [path]
        )
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


class Kernels:
    """Local kernels over Unix sockets in one private folder, removed with it at the end of a build.

    Unix sockets need no TCP port and spare the warning about unencrypted TCP that ipykernel prints on every start;
    an absolute socket path keeps them out of the notebook folder, where relative ones would land.
    """

    PRIME = (
        "import briefing.presentation.compose, briefing.presentation.charts, briefing.presentation.network, briefing.presentation.timeline, "
        "briefing.presentation.notebook, briefing.analysis.reference, briefing.analysis.corroborate"
    )

    def __init__(self) -> None:
        from jupyter_client.manager import AsyncKernelManager

        self.folder = Path(tempfile.mkdtemp(prefix="briefing-kernels-"))
        count = iter(range(1_000_000))
        folder = self.folder

        clients = self._clients = []

        class IPCKernelManager(AsyncKernelManager):
            def __init__(self, **kwargs):
                kwargs.setdefault("transport", "ipc")
                kwargs.setdefault("ip", str(folder / f"k{next(count)}"))
                super().__init__(**kwargs)

            def client(self, **kwargs):
                # nbclient leaves the client of a kernel it did not start open; close() stops its channels
                client = super().client(**kwargs)
                clients.append(client)
                return client

        self.manager_class = IPCKernelManager
        self._warm = None

    def warm_up(self) -> None:
        """Start a kernel for the briefing notebook and send it the notebook's imports, without waiting for either:
        it gets ready on the second core while extraction runs on the first."""
        from jupyter_client import BlockingKernelClient
        from jupyter_core.utils import run_sync  # works whether or not the caller runs an event loop

        manager = self.manager_class(kernel_name="python3")
        run_sync(manager.start_kernel)(cwd=str(NOTEBOOKS_DIR))
        client = BlockingKernelClient()
        client.load_connection_info(manager.get_connection_info())
        client.start_channels()
        self._warm = (manager, client, client.execute(self.PRIME, silent=True, store_history=False))

    def take_warm(self, timeout: float = 120):
        """The warmed kernel's manager, once its imports have run (papermill then runs the notebook in it)."""
        from queue import Empty

        manager, client, prime = self._warm
        try:
            while client.get_shell_msg(timeout=timeout)["parent_header"].get("msg_id") != prime:
                pass
        except Empty:
            pass  # a kernel that died while priming is reported by the notebook run itself
        finally:
            client.stop_channels()
        return manager

    def close(self) -> None:
        from jupyter_core.utils import run_sync

        for client in self._clients:
            if client.channels_running:
                client.stop_channels()
        if self._warm:
            try:
                run_sync(self._warm[0].shutdown_kernel)(now=True)
            except Exception:  # already dead: nothing to shut down
                pass
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> "Kernels":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _execute(
    name: str, output: Path, parameters: dict, kernels: Kernels, manager=None, kept: Path | None = None
) -> None:
    """Run one notebook with papermill; a failing cell becomes one line that names the notebook and the error,
    and where the executed copy is ``kept`` for reading."""
    kept = kept or output
    import papermill
    from papermill.exceptions import PapermillExecutionError

    try:
        papermill.execute_notebook(
            str(NOTEBOOKS_DIR / name),
            str(output),
            parameters=parameters,
            cwd=str(NOTEBOOKS_DIR),
            progress_bar=False,
            log_output=False,
            # one write at the end (and on error), not a full rewrite after every cell
            request_save_on_cell_execute=False,
            kernel_name="python3",
            kernel_manager_class=kernels.manager_class,
            km=manager,
        )
    except PapermillExecutionError as error:
        reason = f"{error.ename}: {str(error.evalue).splitlines()[0] if error.evalue else ''}".strip()
        raise BuildError(
            f"notebooks/{name} failed in cell {error.exec_count}: {reason} (executed copy: {kept})"
        ) from error
    except RuntimeError as error:  # the kernel died or did not start
        raise BuildError(f"notebooks/{name}: the kernel failed: {str(error).splitlines()[0]}") from error
    _check_clean(name, output, kept)


def _check_clean(name: str, executed: Path, kept: Path) -> None:
    """A warning printed by a notebook fails the build, as it would fail nbval: briefings are built clean."""
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream" and output.get("name") == "stderr":
                first = output.get("text", "").strip().splitlines()[:1]
                raise BuildError(
                    f"notebooks/{name}: cell {index} wrote to stderr: {first[0] if first else ''} "
                    f"(executed copy: {kept})"
                )


def build(
    seeds_dir: Path,
    parameters: dict,
    force: bool = False,
    reports_dir: Path = REPORTS_DIR,
    tables_dir: Path = TABLES_DIR,
) -> BuildResult:
    """Build briefing.html and briefing.pdf in ``reports_dir`` from the documents in ``seeds_dir``."""
    seeds_dir = check_folder("seeds", seeds_dir)
    reports_dir, tables_dir = Path(reports_dir), Path(tables_dir)
    html, pdf = reports_dir / "briefing.html", reports_dir / "briefing.pdf"
    stamp = reports_dir / ".fingerprint"
    fingerprint = _fingerprint(seeds_dir, parameters)
    # A stamp is written only after a build whose parameters passed every check, so a match needs no new checks.
    outputs = (html, pdf, stamp, tables_dir / "figures.csv")
    if not force and all(p.exists() for p in outputs) and stamp.read_text() == fingerprint:
        print(
            "Briefing is up to date: nothing changed since the last build (make report FORCE=1 rebuilds).",
            file=sys.stderr,
        )
        return BuildResult(html, pdf, rebuilt=False)

    parameters = _checked(parameters)
    from ..reading.documents import document_names

    document_names(seeds_dir)  # a missing or empty folder fails here, before any work
    from ..presentation.render import PdfPrinter, notebook_to_html

    reports_dir.mkdir(parents=True, exist_ok=True)
    staging = reports_dir / f".staging-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    (staging / "executed").mkdir(parents=True)
    tables = staging / "tables"
    failed = reports_dir / "failed"  # where the executed notebooks of a failed build are kept for reading
    timings: dict[str, float] = {}
    total = 4
    _progress_to_terminal()
    try:
        with PdfPrinter() as printer, Kernels() as kernels:
            kernels.warm_up()
            started = _progress(1, total, f"Extracting figures and relations from {seeds_dir} ({EXTRACT_NOTEBOOK})")
            _execute(
                EXTRACT_NOTEBOOK,
                staging / "executed" / EXTRACT_NOTEBOOK,
                {"seeds_dir": str(seeds_dir), "tables_dir": str(tables)},
                kernels,
                kept=failed / EXTRACT_NOTEBOOK,
            )
            timings["notebook_extract"] = _done(started)
            notices = _read_notices(tables)

            started = _progress(2, total, f"Writing the briefing ({BRIEFING_NOTEBOOK})")
            executed = staging / "executed" / BRIEFING_NOTEBOOK
            _execute(
                BRIEFING_NOTEBOOK,
                executed,
                {"reference_dir": str(REFERENCE_DIR), **parameters, "tables_dir": str(tables)},
                kernels,
                manager=kernels.take_warm(),
                kept=failed / BRIEFING_NOTEBOOK,
            )
            timings["notebook_briefing"] = _done(started)

            title, as_of = _title_and_date(executed)
            started = _progress(3, total, "Rendering HTML")
            charts = notebook_to_html(executed, staging / "briefing.html", title)
            timings["html"] = _done(started)

            started = _progress(4, total, f"Printing the PDF with Chromium ({charts} charts)")
            printer.print(staging / "briefing.html", staging / "briefing.pdf", as_of)
            timings["pdf"] = _done(started)

        _publish(staging, tables, reports_dir, tables_dir)
        stamp.write_text(fingerprint)
        shutil.rmtree(failed, ignore_errors=True)
    except BuildError:
        shutil.rmtree(failed, ignore_errors=True)
        shutil.copytree(staging / "executed", failed)
        raise
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return BuildResult(html, pdf, rebuilt=True, timings=timings, notices=notices)


def _progress_to_terminal() -> None:
    """Let the extraction in the notebook kernel draw its progress bar on the terminal the build runs in (a kernel's
    own stderr is the notebook's, where any output fails the build), or nowhere when there is no terminal."""
    from ..extraction.parallel import PROGRESS_VARIABLE

    if os.environ.get(PROGRESS_VARIABLE):
        return
    try:
        os.environ[PROGRESS_VARIABLE] = os.ttyname(sys.stderr.fileno()) if sys.stderr.isatty() else "off"
    except (OSError, ValueError, AttributeError):
        os.environ[PROGRESS_VARIABLE] = "off"


def _checked(parameters: dict) -> dict:
    """The parameters with every name and value checked (one-line ParameterError) and normalised."""
    from ..params import check_focus, check_positive

    declared = notebook_parameters()
    check_names(parameters, set().union(*(set(p) for p in declared.values())) - BUILD_PARAMETERS)
    parameters = dict(parameters)
    if "as_of" in parameters:
        parameters["as_of"] = check_as_of(parameters["as_of"])
    if "tonnes_per_wagon" in parameters:
        parameters["tonnes_per_wagon"] = check_positive("tonnes_per_wagon", parameters["tonnes_per_wagon"])
    if "focus" in parameters:
        from ..extraction.entities import load_gazetteer

        parameters["focus"] = check_focus(parameters["focus"], load_gazetteer())
    return parameters


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
    # the full registers, written by the briefing notebook, go beside the briefing that names them
    from ..presentation.registers import REGISTERS_FOLDER

    registers = tables / REGISTERS_FOLDER
    if registers.is_dir():
        shutil.rmtree(reports_dir / REGISTERS_FOLDER, ignore_errors=True)
        shutil.move(str(registers), reports_dir / REGISTERS_FOLDER)
    for name in ("briefing.html", "briefing.pdf"):
        os.replace(staging / name, reports_dir / name)


def refresh_notebooks() -> list[str]:
    """Run every notebook with its default parameters and store the outputs in notebooks/ for nbval.

    Run times and papermill's bookkeeping are dropped, and so is what nbval does not compare (notebook.for_storage),
    so the stored notebooks change only when an output does.
    """
    import nbformat

    from ..presentation.notebook import for_storage

    stored = []
    os.environ.setdefault("BRIEFING_PROGRESS", "off")  # stored outputs hold no progress bar
    for name in NOTEBOOKS:
        staging = NOTEBOOKS_DIR / f".refresh-{name}"
        try:
            with Kernels() as kernels:
                _execute(name, staging, {}, kernels)
            notebook = nbformat.read(staging, as_version=4)
            notebook.metadata.pop("papermill", None)
            for cell in notebook.cells:
                cell.metadata.pop("papermill", None)
                cell.metadata.pop("execution", None)
            for_storage(notebook)
            nbformat.write(notebook, NOTEBOOKS_DIR / name)
        finally:
            staging.unlink(missing_ok=True)
        stored.append(name)
    return stored

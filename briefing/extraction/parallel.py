"""Extraction over every core, or over a Dask cluster, with progress: documents done / total and time left.

Each document is extracted on its own, so the work spreads as it comes: by default over local processes (one per
core), or, when ``SCHEDULER`` or ``DASK_SCHEDULER_ADDRESS`` names a Dask scheduler (``tcp://HOST:8786``), over that
cluster's workers (which need this package importable). Results come back in document order, so the tables are
byte for byte those of a run in one process. Small folders stay in the calling process: starting workers would cost
more than it saves.

Progress goes to the terminal when there is one (``BRIEFING_PROGRESS`` names the terminal a build runs in, for the
notebook kernels it starts, or is ``off``), and, in JupyterLab (``make lab`` sets ``BRIEFING_PROGRESS=notebook``),
under the cell: tqdm's notebook bar where ipywidgets is installed, its text bar otherwise.
"""

from __future__ import annotations

import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice

PARALLEL_FROM = 16  # documents: below this, one process is faster than starting others
IN_FLIGHT_PER_WORKER = 4  # documents queued per worker: enough to keep it busy, few enough to keep memory flat
DASK_BATCH = 16  # documents per task sent to a Dask cluster
DASK_CONNECT_TIMEOUT = "20s"
SCHEDULER_VARIABLES = ("SCHEDULER", "DASK_SCHEDULER_ADDRESS")
WORKERS_VARIABLE = "BRIEFING_WORKERS"  # processes for local extraction (default: every core)
PROGRESS_VARIABLE = "BRIEFING_PROGRESS"

_gazetteer = None  # each worker process's own, loaded once when it starts


def scheduler_address() -> str:
    """The Dask scheduler to send the work to, if one is set."""
    for name in SCHEDULER_VARIABLES:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return ""


def local_workers() -> int:
    value = os.environ.get(WORKERS_VARIABLE, "").strip()
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            raise ValueError(f"{WORKERS_VARIABLE}={value!r}: give a whole number of processes") from None
    return os.cpu_count() or 1


def _init_worker(gazetteer) -> None:
    global _gazetteer
    _gazetteer = gazetteer


def _extract(document, tables):
    from .extract import extract_document

    return extract_document(document, _gazetteer, tables)


def _extract_with(document, gazetteer, tables):
    from .extract import extract_document

    return extract_document(document, gazetteer, tables)


def extract_documents(
    documents: Iterable, gazetteer, tables, total: int | None = None, scheduler: str | None = None
) -> Iterator[tuple[object, dict]]:
    """(document, rows of each table) for every document, in the order given."""
    documents = iter(documents)
    first = list(islice(documents, PARALLEL_FROM))
    documents = chain(first, documents)
    scheduler = scheduler_address() if scheduler is None else scheduler
    with progress_bar(total) as bar:
        if scheduler:
            results = _on_dask(documents, gazetteer, tables, scheduler)
        elif len(first) < PARALLEL_FROM or local_workers() == 1:
            results = ((document, _extract_with(document, gazetteer, tables)) for document in documents)
        else:
            results = _on_processes(documents, gazetteer, tables, local_workers())
        for document, rows in results:
            if bar is not None and document.offset == 0:
                bar.update(1)
            yield document, rows


def _in_order(documents: Iterator, submit, result, window: int) -> Iterator[tuple[object, dict]]:
    """Submit documents as workers free up, at most ``window`` ahead of the one whose result is due next."""
    pending: deque = deque()
    for document in documents:
        pending.append((document, submit(document)))
        if len(pending) >= window:
            done, future = pending.popleft()
            yield done, result(future)
    while pending:
        done, future = pending.popleft()
        yield done, result(future)


def _on_processes(documents, gazetteer, tables, workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the loaded gazetteer and modules with the workers at no cost; spawn would import them again
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(gazetteer,)) as pool:
        yield from _in_order(
            documents, lambda d: pool.submit(_extract, d, tables), lambda f: f.result(), workers * IN_FLIGHT_PER_WORKER
        )


def _extract_batch(batch: bytes, gazetteer, tables):
    """A pickled batch: Dask would otherwise walk the list and its documents looking for tasks inside them."""
    import pickle

    return [_extract_with(document, gazetteer, tables) for document in pickle.loads(batch)]


def _batches(documents: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(documents, size)):
        yield batch


def _on_dask(documents, gazetteer, tables, address):
    """Documents in batches of :data:`DASK_BATCH`, so a task's round trip to the cluster is paid once per batch."""
    import pickle

    from distributed import Client

    from ..params import ParameterError

    try:
        client = Client(address, set_as_default=False, timeout=DASK_CONNECT_TIMEOUT)
    except OSError as error:
        raise ParameterError(f"SCHEDULER={address}: cannot reach the Dask scheduler ({error})") from None
    with client:
        shared = client.scatter(gazetteer, broadcast=True)
        workers = max(1, sum(client.nthreads().values()))
        batches = _in_order(
            _batches(documents, DASK_BATCH),
            lambda batch: client.submit(_extract_batch, pickle.dumps(batch), shared, tables, pure=False),
            lambda future: future.result(),
            workers * 2,
        )
        for batch, results in batches:
            yield from zip(batch, results)


class _NoBar:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def progress_bar(total: int | None):
    """A tqdm bar of documents where a reader will see it, or nothing (never noise on a notebook's stderr)."""
    setting = os.environ.get(PROGRESS_VARIABLE, "").strip()
    options = dict(total=total, unit="doc", desc="Extracting", smoothing=0.1, mininterval=0.5)
    if setting == "off":
        return _NoBar()
    if setting == "notebook":  # set by `make lab` for its kernels: a bar under the cell, never in a build
        return _notebook_bar(options)
    if setting:
        try:
            handle = open(setting, "w")
        except OSError:
            return _NoBar()
        from tqdm import tqdm

        return _Closing(tqdm(file=handle, **options), handle)
    if sys.stderr is not None and sys.stderr.isatty():
        from tqdm import tqdm

        return tqdm(file=sys.stderr, **options)
    if _in_notebook():
        return _notebook_bar(options)
    return _NoBar()


def _notebook_bar(options: dict):
    """tqdm's notebook bar where ipywidgets can draw it, else its text bar under the cell."""
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        from tqdm import tqdm

        return tqdm(file=sys.stderr, **options)
    from tqdm.auto import tqdm

    return tqdm(**options)


class _Closing:
    def __init__(self, bar, handle) -> None:
        self.bar, self.handle = bar, handle

    def __enter__(self):
        return self.bar.__enter__()

    def __exit__(self, *exc):
        self.bar.__exit__(*exc)
        self.handle.close()
        return False


def _in_notebook() -> bool:
    """In a JupyterLab kernel that can draw tqdm's bar, and not under pytest (nbval), whose stored outputs hold no bar."""
    if "ipykernel" not in sys.modules or os.environ.get("PYTEST_CURRENT_TEST"):
        return False
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return False
    return True

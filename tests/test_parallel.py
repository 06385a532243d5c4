"""Extraction spread over processes or a Dask cluster writes the same tables, byte for byte, as one process."""

from pathlib import Path

import pytest

from briefing.build.bench import generate_corpus
from briefing.extraction.extract import extract_folder
from briefing.extraction.parallel import PARALLEL_FROM

TABLE_FILES = (
    "figures.csv",
    "dates.csv",
    "entities.csv",
    "relations.csv",
    "unknowns.csv",
    "documents.csv",
    "notices.csv",
)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    generate_corpus(folder, PARALLEL_FROM + 4, seed=7)
    return folder


@pytest.fixture(scope="module")
def one_process(corpus, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("one-process")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_WORKERS", "1")
        for name in ("SCHEDULER", "DASK_SCHEDULER_ADDRESS"):
            patch.delenv(name, raising=False)
        extract_folder(corpus, out)
    return out


def _same_tables(left: Path, right: Path) -> None:
    for name in TABLE_FILES:
        assert (left / name).read_bytes() == (right / name).read_bytes(), name
    assert len((left / "figures.csv").read_bytes().splitlines()) > PARALLEL_FROM  # the corpus gave figures


def test_local_processes_write_the_same_tables(corpus, one_process, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFING_WORKERS", "2")
    for name in ("SCHEDULER", "DASK_SCHEDULER_ADDRESS"):
        monkeypatch.delenv(name, raising=False)
    extract_folder(corpus, tmp_path)
    _same_tables(one_process, tmp_path)


def test_a_dask_cluster_writes_the_same_tables(corpus, one_process, tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
    ) as cluster:
        monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", cluster.scheduler_address)
        with distributed.Client(cluster) as client:
            extract_folder(corpus, tmp_path)
            # the work went to the cluster: its workers ran one task per document
            processed = sum(len(log) for log in client.run(lambda dask_worker: list(dask_worker.state.log)).values())
            assert processed > 0
    _same_tables(one_process, tmp_path)


def test_progress_counts_documents_where_the_build_points_it(corpus, tmp_path, monkeypatch):
    terminal = tmp_path / "terminal"
    monkeypatch.setenv("BRIEFING_PROGRESS", str(terminal))
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    extract_folder(corpus, tmp_path / "tables")
    shown = terminal.read_text(encoding="utf-8")
    total = PARALLEL_FROM + 4
    assert f"{total}/{total}" in shown and "doc/s" in shown


def test_no_progress_without_a_terminal(corpus, tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("BRIEFING_PROGRESS", raising=False)
    monkeypatch.setenv("BRIEFING_WORKERS", "1")
    extract_folder(corpus, tmp_path / "tables")
    assert "Extracting" not in capsys.readouterr().err, "nothing on a stderr that is not a terminal (a notebook's)"


def test_an_unreachable_scheduler_is_one_line_naming_it(corpus, tmp_path, monkeypatch):
    from briefing.extraction import parallel
    from briefing.params import ParameterError

    monkeypatch.setattr(parallel, "DASK_CONNECT_TIMEOUT", "1s")
    monkeypatch.setenv("SCHEDULER", "tcp://127.0.0.1:9")
    with pytest.raises(ParameterError, match=r"SCHEDULER=tcp://127.0.0.1:9: cannot reach the Dask scheduler"):
        extract_folder(corpus, tmp_path)

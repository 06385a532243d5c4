"""`make bench` measures speed; here only that its measuring parts work (no timing is asserted)."""

from briefing.build.bench import _EXTRACT, FIGURES_AND_DATES, _measure, generate_corpus


def test_bench_generates_a_corpus_and_measures_its_extraction(tmp_path):
    corpus = tmp_path / "corpus"
    written = generate_corpus(corpus, 3)
    documents = sorted(corpus.iterdir())
    assert [p.name for p in documents] == ["doc_00000.txt", "doc_00001.txt", "doc_00002.txt"]
    assert written == sum(p.stat().st_size for p in documents)

    result = _measure(_EXTRACT, corpus, tmp_path / "tables")
    assert result["documents"] == 3
    assert result["figures"] >= 3 * 8  # each document holds eight templated sentences with figures
    assert result["seconds"] > 0 and result["cpu_seconds"] > 0 and result["peak_memory_mb"] > 0
    assert (tmp_path / "tables" / "figures.csv").exists()

    figures_only = _measure(_EXTRACT, corpus, tmp_path / "figures", FIGURES_AND_DATES)
    assert figures_only["figures"] == result["figures"]
    assert (tmp_path / "figures" / "dates.csv").exists() and not (tmp_path / "figures" / "relations.csv").exists()


def test_bench_checks_the_corpus_build_targets():
    from briefing.build.bench import _sizes, build_checks

    assert _sizes([]) == (100, 1_000) and _sizes(["--builds", "10000"]) == (10_000,)
    row = {"documents": 1_000, "ratio_to_seeds": 4.5, "pdf_pages": 40, "html_mb": 7.9, "peak_memory_mb": 300}
    checks = build_checks({"builds": [row, {**row, "documents": 10_000, "html_mb": 8.2, "peak_memory_mb": 1900}]})
    assert checks == {
        "1,000 documents: build at most 4x the seeds'": False,
        "1,000 documents: PDF at most 40 pages": True,
        "1,000 documents: HTML at most 8 MB": True,
        "10,000 documents: HTML at most 8 MB": False,
        "10,000 documents: peak memory under 2 GB": True,
    }

"""Shared fixtures: the project's seeds, and briefings built once per test session into temporary folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from seeds_support import SEEDS


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The default briefing, built once: (reports folder, tables folder)."""
    from briefing.build.pipeline import build

    root = tmp_path_factory.mktemp("default-build")
    result = build(SEEDS, {}, reports_dir=root / "reports", tables_dir=root / "tables")
    assert result.rebuilt
    return root / "reports", root / "tables"

"""Shared fixtures: the project's seeds, and briefings built once per test session into temporary folders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


def copy_seeds(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in SEEDS.iterdir():
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The default briefing, built once: (reports folder, tables folder)."""
    from briefing.pipeline import build

    root = tmp_path_factory.mktemp("default-build")
    result = build(SEEDS, {}, reports_dir=root / "reports", tables_dir=root / "tables")
    assert result.rebuilt
    return root / "reports", root / "tables"

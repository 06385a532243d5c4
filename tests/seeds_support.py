"""The project's seeds for tests that build from them (a module, not conftest: notebooks/ has a conftest of its own,
and a test importing "conftest" would get whichever was loaded last)."""

from __future__ import annotations

import shutil
from pathlib import Path

from briefing import PROJECT_ROOT

SEEDS = PROJECT_ROOT / "seeds"


def copy_seeds(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in SEEDS.iterdir():
        shutil.copy(path, target / path.name)
    return target

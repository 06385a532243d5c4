"""A reproducible briefing on how Belarus supplies Russia's war machine, every number traced to its sentence."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"

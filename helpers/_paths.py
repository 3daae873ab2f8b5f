"""Where the course keeps its files (repository root, data, caches)."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Folder with the shipped datasets (COURSE_DATA_DIR overrides)."""
    return Path(os.environ.get("COURSE_DATA_DIR") or ROOT / "data")


def cache_dir() -> Path:
    """Writable cache outside the tracked files (COURSE_CACHE_DIR overrides)."""
    if os.environ.get("COURSE_CACHE_DIR"):
        path = Path(os.environ["COURSE_CACHE_DIR"])
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        path = base / "pytorch-dl-course"
    path.mkdir(parents=True, exist_ok=True)
    return path

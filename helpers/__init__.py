"""Helpers shared by the course notebooks (파이토치 딥러닝 과정).

Importing this package is cheap and never imports torch: submodules load on first use
(`helpers.data`, `helpers.device`, `helpers.plot`, `helpers.train`, `helpers.doctor`, `helpers.models`,
`helpers.dist`).
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._paths import ROOT, cache_dir, data_dir
from ._setup import setup

__version__ = "0.1.0"
__all__ = ["ROOT", "cache_dir", "data", "data_dir", "device", "dist", "doctor", "models", "plot", "serving", "setup",
           "train"]

_SUBMODULES = {"data", "device", "dist", "doctor", "models", "plot", "serving", "train"}

if TYPE_CHECKING:  # pragma: no cover
    from . import data, device, dist, doctor, models, plot, serving, train  # noqa: F401


def __getattr__(name: str) -> Any:
    """Import submodules lazily so that `import helpers` stays fast."""
    if name in _SUBMODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'helpers' has no attribute {name!r}")

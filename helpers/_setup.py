"""`helpers.setup()`: the first call of every notebook."""
from __future__ import annotations

import os
import random
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import torch


def seed_everything(seed: int = 0) -> None:
    """Seed Python, NumPy and torch (CPU and CUDA) for repeatable runs."""
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    if torch.cuda.is_available():
        torch.cuda.manual_seed_all(seed)
        torch.backends.cudnn.deterministic = True
        torch.backends.cudnn.benchmark = False


def setup(seed: int = 0, *, quiet: bool = False) -> torch.device:
    """Seed everything, set the Korean font and offline data, print one report line, return the device.

    With COURSE_DEVICE=cuda it raises (in Korean) unless CUDA is really used.
    """
    import pandas as pd
    import torch

    from . import data, device, plot

    seed_everything(seed)
    font = plot.use_korean_font()
    data.use_offline_seaborn()
    pd.set_option("display.max_columns", 20)
    pd.set_option("display.width", 120)
    dev = device.get_device()
    if device.requested_device() != "auto" or dev.type != "cpu":
        device.assert_device_works(dev)
    if not quiet:
        gpu = f" ({torch.cuda.get_device_name(0)})" if dev.type == "cuda" else ""
        print(f"PyTorch {torch.__version__} | 장치: {dev}{gpu} | 시드: {seed} | 글꼴: {font}")
    os.environ.setdefault("COURSE_SEED", str(seed))
    return dev

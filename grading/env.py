"""The grading kernel's environment, written once.

Only kernels started *for grading* (the sandboxed grader, the self-check in `make test`, the judge) get these
settings. The lab a student opens with `make lab` never does: there plots must show, progress bars must run and
torch keeps its default thread count.
"""
from __future__ import annotations

KERNEL_ENV: dict[str, str] = {
    # Any stderr in a test cell scores a correct answer 0 (nbgrader): no warning or progress bar may reach it.
    "PYTHONWARNINGS": "ignore",
    "TQDM_DISABLE": "1",
    "COURSE_PROGRESS": "0",
    # Grading is on the CPU, whatever the grading machine has.
    "COURSE_DEVICE": "cpu",
    # Plots render off-screen; nothing goes online.
    "MPLBACKEND": "Agg",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    # One thread per grading kernel: parallel grading on 2 cores would otherwise oversubscribe OpenMP.
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
}


def grading_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """`base` (default: empty) with the grading kernel's settings on top."""
    env = dict(base or {})
    env.update(KERNEL_ENV)
    return env

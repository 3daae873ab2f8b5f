"""helpers.dist.run_fork: forked gloo workers return NumPy results by rank; failures come back in Korean."""
import numpy as np
import pytest

torch = pytest.importorskip("torch")
dist = pytest.importorskip("torch.distributed")

from helpers import dist as hdist  # noqa: E402


def _allreduce(rank, world_size, scale):
    t = torch.tensor([float(rank + 1)]) * scale
    dist.all_reduce(t)
    return {"rank": rank, "sum": t, "world": dist.get_world_size()}


def _fails(rank, world_size):
    if rank == 1:
        raise ValueError("boom on one rank")
    return rank


def test_run_fork_orders_results_and_converts_tensors():
    out = hdist.run_fork(_allreduce, 2, 10.0)
    assert [r["rank"] for r in out] == [0, 1]
    assert all(r["world"] == 2 for r in out)
    for r in out:
        assert type(r["sum"]) is np.ndarray
        np.testing.assert_allclose(r["sum"], [30.0])


def test_run_fork_three_workers():
    out = hdist.run_fork(_allreduce, 3, 1.0)
    assert [float(r["sum"][0]) for r in out] == [6.0, 6.0, 6.0]


def test_run_fork_reports_a_failing_worker_in_korean():
    with pytest.raises(hdist.DistWorkerError, match="boom on one rank") as info:
        hdist.run_fork(_fails, 2, timeout=60)
    assert "실패" in str(info.value)


def test_run_fork_rejects_bad_world_size():
    with pytest.raises(ValueError, match="world_size"):
        hdist.run_fork(_fails, 0)


def test_to_numpy_nested():
    out = hdist.to_numpy({"a": [torch.ones(2), (torch.zeros(1), 3)], "b": "x"})
    assert type(out["a"][0]) is np.ndarray and type(out["a"][1]) is tuple and out["a"][1][1] == 3 and out["b"] == "x"


def test_free_port_is_an_int():
    p = hdist.free_port()
    assert type(p) is int and 0 < p < 65536


AFTER_EXPORT = r"""
import torch
from torch import nn
from helpers import dist as hdist
from torch.export import export, Dim


def work(rank, world_size):
    nn.Linear(3, 1)(torch.randn(4, 3)).sum().backward()
    return rank


export(nn.Linear(6, 2), (torch.randn(4, 6),), dynamic_shapes=({0: Dim("batch")},))
nn.Linear(3, 1)(torch.randn(2, 3)).sum().backward()   # first backward after an export in this process
print(hdist.run_fork(work, 2))
"""


def test_run_fork_workers_can_backward_after_export_and_parent_backward():
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", AFTER_EXPORT], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[0, 1]"

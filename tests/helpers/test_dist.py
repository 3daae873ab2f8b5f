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


def _weighted_average(model, n_local, n_total):
    for p in model.parameters():
        p.grad.mul_(n_local)
        dist.all_reduce(p.grad)
        p.grad.div_(n_total)


def test_probe_average_gradients_sees_every_rank():
    n = [3, 0, 5]
    out = hdist.probe_average_gradients(_weighted_average, n, seed=1)
    for k in range(len(out[0]["sent"])):
        want = sum(n[r] * out[r]["sent"][k] for r in range(3)) / sum(n)
        for r in range(3):
            np.testing.assert_allclose(out[r]["got"][k], want, atol=1e-6)
    assert not np.allclose(out[0]["sent"][0], out[2]["sent"][0])


def _shard_sum(rank, world_size, x, y):
    return {"x": torch.nan_to_num(x).sum(), "nan": torch.isnan(x).any(dim=1), "y": y}


def test_run_sharded_hides_other_rows():
    x = torch.arange(12.0).reshape(6, 2)
    y = torch.arange(6)
    out = hdist.run_sharded(_shard_sum, 2, x, y, [[0, 2, 4], [1, 3, 5]])
    assert out[0]["nan"].tolist() == [False, True, False, True, False, True]
    assert out[1]["y"].tolist() == [-1, 1, -1, 3, -1, 5]
    assert float(out[0]["x"]) == float(x[[0, 2, 4]].sum())
    assert torch.equal(x, torch.arange(12.0).reshape(6, 2))


def test_run_fork_retries_when_the_process_group_does_not_form(monkeypatch, tmp_path):
    """A port taken between choosing and binding it (seen in CI on a busy machine) costs a retry, not a failure;
    the worker function runs once per rank, only in the launch whose process group formed."""
    import socket

    busy = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    busy.bind(("127.0.0.1", 0))
    busy.listen()
    taken = [busy.getsockname()[1]]
    real_free_port = hdist.free_port
    monkeypatch.setattr(hdist, "free_port", lambda: taken.pop() if taken else real_free_port())
    launches = []
    real_launch = hdist._launch
    monkeypatch.setattr(hdist, "_launch", lambda *a, **k: launches.append(1) or real_launch(*a, **k))
    try:
        out = hdist.run_fork(_allreduce_and_mark, 2, str(tmp_path), timeout=60)
    finally:
        busy.close()
    assert not taken, "the occupied port was never tried"
    assert len(launches) == 2, "the launch on the occupied port should have failed and been retried once"
    np.testing.assert_allclose([float(r["sum"][0]) for r in out], [3.0, 3.0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rank0", "rank1"]


def _allreduce_and_mark(rank, world_size, folder):
    import os

    with open(os.path.join(folder, f"rank{rank}"), "x"):  # "x": a second run of fn on a rank would fail here
        pass
    return _allreduce(rank, world_size, 1.0)


def test_run_fork_does_not_retry_a_failing_function():
    calls = []
    real_launch = hdist._launch
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(hdist, "_launch", lambda *a, **k: calls.append(1) or real_launch(*a, **k))
        with pytest.raises(hdist.DistWorkerError, match="boom on one rank"):
            hdist.run_fork(_fails, 2, timeout=60)
    assert len(calls) == 1

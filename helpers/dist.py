"""Distributed training on one machine from a notebook (unit 17): `run_fork(fn, world_size, *args)`.

Each worker is a *forked* copy of the calling process (so a function defined in a notebook cell works; the `spawn`
start method would have to pickle it by name and fails in Jupyter), joins a gloo process group on the loopback
address, runs `fn(rank, world_size, *args)` and sends its result back as NumPy data (tensors are converted: a
tensor sent through a multiprocessing queue refers to shared memory that disappears with the worker). The
workers' stderr (c10d's harmless "hostname of the client socket cannot be retrieved" line inside a sandbox) is
kept out of the notebook and shown only when a worker fails. Importing this module does not import torch.

Autograd and fork: autograd sets up its device threads once per process, at the first backward pass. If that first
backward comes after a `torch.export` / `torch.onnx.export` call, autograd registers a fork handler and every forked
child fails at its own backward ("Unable to handle autograd's threading in combination with fork-based
multiprocessing"). Importing this module after torch (as the notebooks do) runs one tiny backward pass first, which
settles autograd without device threads, so forking keeps working for the rest of the session.
"""
from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import traceback
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["DistWorkerError", "free_port", "prime_autograd", "probe_average_gradients", "run_fork", "run_sharded",
           "to_numpy"]


class DistWorkerError(RuntimeError):
    """A worker process failed (its traceback is in the message)."""


_FORK_HINT = ("\n\n이 커널에서 torch.export / torch.onnx.export 를 부른 뒤 처음으로 역전파를 해서, "
              "fork 한 프로세스가 autograd 를 쓸 수 없게 되었습니다. 커널을 다시 시작하고 "
              "`import torch` 바로 다음에 `from helpers import dist` 를 실행한 뒤 다시 해 보세요 "
              "(helpers.dist 를 먼저 불러오면 이 문제가 생기지 않습니다).")


def prime_autograd() -> None:
    """Run one tiny backward pass so autograd settles without device threads (keeps fork usable, see above)."""
    import torch

    x = torch.ones(1, requires_grad=True)
    (x * 2).sum().backward()


def free_port() -> int:
    """A TCP port that is free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def to_numpy(obj: Any) -> Any:
    """Tensors -> NumPy arrays (detached, on the CPU), recursively through dicts, lists and tuples."""
    import torch

    if isinstance(obj, torch.Tensor):
        return obj.detach().cpu().numpy().copy()
    if isinstance(obj, dict):
        return {k: to_numpy(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_numpy(v) for v in obj)
    return obj


INIT_ATTEMPTS = 3  # process-group setup is retried on a fresh port; `fn` itself never runs twice


def _worker(fn: Callable[..., Any], rank: int, world_size: int, port: int, backend: str, args: tuple,
            queue: Any, err_path: str) -> None:
    # Runs in the forked child: stderr goes to a file, the result (or the traceback) through the queue as
    # (rank, status, value) with status "ok", "failed" (fn raised) or "setup" (the process group did not form).
    fd = os.open(err_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 2)
    os.close(fd)
    os.environ.update(MASTER_ADDR="127.0.0.1", MASTER_PORT=str(port), RANK=str(rank), WORLD_SIZE=str(world_size))
    try:
        import torch
        import torch.distributed as dist

        torch.set_num_threads(1)
        try:
            dist.init_process_group(backend, rank=rank, world_size=world_size)
        except BaseException:  # noqa: BLE001 - a port taken meanwhile, a peer that closed: the parent retries
            queue.put((rank, "setup", traceback.format_exc()))
            return
        try:
            result = to_numpy(fn(rank, world_size, *args))
        finally:
            dist.destroy_process_group()
        queue.put((rank, "ok", result))
    except BaseException:  # noqa: BLE001 - every failure goes back to the parent as text
        queue.put((rank, "failed", traceback.format_exc()))


def _launch(fn: Callable[..., Any], world_size: int, args: tuple, backend: str,
            timeout: float) -> tuple[dict[int, Any], list[str], list[str], bool]:
    """One try: (results by rank, failures, stderr texts, whether the failure was process-group setup only)."""
    import multiprocessing as mp
    import queue as queue_mod

    ctx = mp.get_context("fork")
    q = ctx.Queue()
    port = free_port()
    tmp = tempfile.mkdtemp(prefix="dist_")
    err_paths = [os.path.join(tmp, f"rank{r}.err") for r in range(world_size)]
    procs = [ctx.Process(target=_worker, args=(fn, r, world_size, port, backend, args, q, err_paths[r]), daemon=True)
             for r in range(world_size)]
    for p in procs:
        p.start()
    results: dict[int, Any] = {}
    failures: list[str] = []
    setup_only = False
    try:
        for _ in range(world_size):
            try:
                rank, status, value = q.get(timeout=timeout)
            except queue_mod.Empty:
                failures.append(f"{timeout:.0f}초 안에 답하지 않은 프로세스가 있습니다"
                                " (다른 rank 를 기다리며 멈췄을 수 있습니다)")
                break
            if status == "ok":
                results[rank] = value
            else:
                setup_only = status == "setup" and not results
                failures.append(f"[rank {rank}]\n{value}")
                break
    finally:
        for p in procs:
            p.join(timeout=5 if not failures else 1)
            if p.is_alive():
                p.kill()
                p.join()
        q.close()
        stderr = []
        for r, path in enumerate(err_paths):
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    text = f.read().strip()
                os.remove(path)
            except OSError:
                text = ""
            if text:
                stderr.append(f"[rank {r} stderr]\n{text}")
        shutil.rmtree(tmp, ignore_errors=True)
    return results, failures, stderr, setup_only


def run_fork(fn: Callable[..., Any], world_size: int = 2, *args: Any, backend: str = "gloo",
             timeout: float = 120.0) -> list[Any]:
    """Run fn(rank, world_size, *args) in `world_size` forked processes joined by a process group.

    Returns the workers' results ordered by rank (tensors converted to NumPy). Raises DistWorkerError (Korean
    message with the worker's traceback) when a worker fails or does not answer within `timeout` seconds.
    When the process group itself fails to form (a loopback port taken by another program between choosing and
    binding it, a connection reset on a busy machine) before any rank ran `fn`, the launch is retried on a new port,
    up to INIT_ATTEMPTS launches in all.
    """
    if type(world_size) is not int or world_size < 1:
        raise ValueError(f"world_size 는 1 이상의 정수여야 합니다 (받은 값: {world_size!r})")
    prime_autograd()
    for attempt in range(1, INIT_ATTEMPTS + 1):
        results, failures, stderr, setup_only = _launch(fn, world_size, args, backend, timeout)
        if not (failures and setup_only and attempt < INIT_ATTEMPTS):
            break
    if failures:
        text = "분산 작업 프로세스가 실패했습니다:\n" + "\n".join(failures + stderr[-2:])
        if "combination with fork-based multiprocessing" in text:
            text += _FORK_HINT
        raise DistWorkerError(text)
    return [results[r] for r in range(world_size)]


def _masked_worker(rank: int, world_size: int, fn: Callable[..., Any], x: Any, y: Any, shards: Any, args: tuple) -> Any:
    # Rows this rank must not read become NaN (float) / -1 (integer labels) before fn sees them.
    import torch

    keep = torch.zeros(len(x), dtype=torch.bool)
    keep[torch.as_tensor(shards[rank], dtype=torch.long)] = True
    xm = x.clone()
    xm[~keep] = float("nan")
    ym = y.clone()
    ym[~keep] = float("nan") if ym.is_floating_point() else -1
    return fn(rank, world_size, xm, ym, *args)


def run_sharded(fn: Callable[..., Any], world_size: int, x: Any, y: Any, shards: Any, *args: Any,
                timeout: float = 120.0) -> list[Any]:
    """run_fork(fn, world_size, x, y, *args), but rank r sees only the rows shards[r] of x and y.

    Every other row is NaN in x (and NaN, or -1 for integer labels, in y), so a worker that reads more than its own
    shard ends with NaN weights: no single process can produce the answer without communication. The inputs are
    cloned, never changed. Used by unit 17's hidden tests (through grading.testkit.call_where).
    """
    shards = [[int(i) for i in s] for s in shards]
    if len(shards) != world_size:
        raise ValueError("shards 는 rank 마다 하나씩 있어야 합니다")
    return run_fork(_masked_worker, world_size, fn, x, y, shards, args, timeout=timeout)


def _average_probe(rank: int, world_size: int, fn: Callable[..., Any], n_locals: list, seed: int) -> Any:
    import torch
    from torch import nn

    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
    g = torch.Generator().manual_seed(seed * 100 + rank)
    for p in model.parameters():
        p.grad = torch.randn(p.shape, generator=g) if n_locals[rank] else torch.zeros_like(p)
    sent = [p.grad.clone() for p in model.parameters()]
    fn(model, n_locals[rank], int(sum(n_locals)))
    return {"sent": sent, "got": [None if p.grad is None else p.grad.detach().clone() for p in model.parameters()]}


def probe_average_gradients(fn: Callable[..., Any], n_locals: list, seed: int = 0) -> list[Any]:
    """Call fn(model, n_local, n_total) (unit 17's average_gradients) on len(n_locals) forked ranks.

    Rank r holds a small model whose gradients are random (seeded by seed and r; zeros where n_locals[r] == 0). Returns
    per rank {"sent": gradients before, "got": gradients after} (NumPy), so a test can check that every rank ends
    with sum_r n_r * g_r / sum_r n_r, which no rank can compute without communicating.
    """
    n_locals = [int(n) for n in n_locals]
    return run_fork(_average_probe, len(n_locals), fn, n_locals, int(seed))


if "torch" in sys.modules:  # imported after torch (the notebooks): settle autograd before any export
    prime_autograd()

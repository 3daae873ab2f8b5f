"""Checks a hidden test can ask of an object that lives in the student's process.

Each function works on local objects (the reference notebook under nbval) and on a judge `Remote`: then it runs,
with the same code, in the student's process and only its plain result comes back. Such checks observe the
student's process, so they can catch honest mistakes but are never the only evidence against tampering: a hidden
test decides points on values it recomputes itself.

This file is also sent as source text into the student's kernel (module `_grading_testkit`): standard library
imports only at module level.
"""
from __future__ import annotations

from typing import Any


def _remote(obj: Any) -> Any:
    if type(obj).__name__ == "Remote" and type(obj).__module__ in ("grading.judge", "__judge__"):
        return object.__getattribute__(obj, "_judge")
    return None


def grads_reach_all(model: Any, x: Any) -> bool:
    """True when `model(x).sum().backward()` leaves a gradient on every parameter of `model`."""
    judge = _remote(model)
    if judge is not None:
        return judge.op("testkit", None, model, x, op_name="grads_reach_all") is True
    for p in model.parameters():
        p.grad = None
    model(x).sum().backward()
    params = list(model.parameters())
    return bool(params) and all(p.grad is not None for p in params)


def count_linear_calls(fn: Any, in_features: int, out_features: int, *args: Any, **kwargs: Any) -> tuple[Any, int]:
    """(fn(*args, **kwargs), how many forward calls of an nn.Linear(in_features, out_features) it made)."""
    judge = _remote(fn)
    if judge is not None:
        return judge.op("testkit", None, fn, in_features, out_features, *args, op_name="count_linear_calls", **kwargs)
    import torch

    calls = [0]

    def hook(module: Any, inputs: Any, output: Any) -> None:
        if type(module) is torch.nn.Linear and (module.in_features, module.out_features) == (in_features, out_features):
            calls[0] += 1

    handle = torch.nn.modules.module.register_module_forward_hook(hook)
    try:
        result = fn(*args, **kwargs)
    finally:
        handle.remove()
    return result, calls[0]


def with_stale_grads(modules: Any, value: float, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """fn(*args, **kwargs) after every parameter of each module in `modules` got `.grad` filled with `value` (where `fn`
    runs): stale gradients from an earlier backward, so that an update step that forgets zero_grad shows."""
    judge = _remote(fn)
    if judge is not None:
        return judge.op("testkit", None, modules, value, fn, *args, op_name="with_stale_grads", **kwargs)
    import torch

    with torch.no_grad():
        for module in modules:
            for p in module.parameters():
                p.grad = torch.full_like(p, value)
    return fn(*args, **kwargs)


def with_fake_cuda(available: bool, count: int, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """fn(*args, **kwargs) while torch.cuda reports `available` and `count` devices (where `fn` runs)."""
    judge = _remote(fn)
    if judge is not None:
        return judge.op("testkit", None, available, count, fn, *args, op_name="with_fake_cuda", **kwargs)
    from unittest import mock

    import torch

    with mock.patch.object(torch.cuda, "is_available", return_value=available), \
            mock.patch.object(torch.cuda, "device_count", return_value=count), \
            mock.patch.object(torch.cuda, "current_device", return_value=0):
        return fn(*args, **kwargs)


def warnings_of(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, list[str]]:
    """(fn(*args, **kwargs), the warnings it emitted as "Category: message"), where `fn` runs.

    Every warning is recorded (filters reset to "always"), and NumPy's overflow, division-by-zero and invalid
    floating-point errors are turned into warnings for the call (underflow stays ignored, NumPy's default), so an
    overflowing `np.exp` shows up even where a kernel silences warnings.
    """
    judge = _remote(fn)
    if judge is not None:
        return judge.op("testkit", None, fn, *args, op_name="warnings_of", **kwargs)
    import contextlib
    import sys
    import warnings

    np = sys.modules.get("numpy")
    with warnings.catch_warnings(record=True) as caught:
        warnings.resetwarnings()
        warnings.simplefilter("always")
        with np.errstate(over="warn", divide="warn", invalid="warn") if np is not None else contextlib.nullcontext():
            result = fn(*args, **kwargs)
    return result, [f"{type(w.message).__name__}: {w.message}" if isinstance(w.message, Warning)
                    else f"{w.category.__name__}: {w.message}" for w in caught]


def after_torch_seed(seed: int, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """fn(*args, **kwargs) right after torch.manual_seed(seed), where `fn` runs (checks "use the global generator")."""
    judge = _remote(fn)
    if judge is not None:
        return judge.op("testkit", None, seed, fn, *args, op_name="after_torch_seed", **kwargs)
    import torch

    torch.manual_seed(seed)
    return fn(*args, **kwargs)


def aten_ops(fn: Any, *args: Any, **kwargs: Any) -> tuple[Any, list[str]]:
    """(fn(*args, **kwargs), the sorted names of the ATen operators it ran, e.g. "aten.convolution.default").

    Recorded below every Python route (F.conv2d, nn.Conv2d, torch.convolution, getattr tricks all reach
    aten.convolution), where `fn` runs: for instructions such as "compute it without F.conv2d".
    """
    judge = _remote(fn)
    if judge is not None:
        return judge.op("testkit", None, fn, *args, op_name="aten_ops", **kwargs)
    from torch.utils._python_dispatch import TorchDispatchMode

    seen: set[str] = set()

    class _Record(TorchDispatchMode):
        def __torch_dispatch__(self, func: Any, types: Any, args: Any = (), kwargs: Any = None) -> Any:
            seen.add(str(func))
            return func(*args, **(kwargs or {}))

    with _Record():
        result = fn(*args, **kwargs)
    return result, sorted(seen)


def call_where(obj: Any, fn: Any, *args: Any, **kwargs: Any) -> Any:
    """fn(*args, **kwargs) run where `obj` lives: in the student's process when `obj` is a judge Remote.

    For library helpers that must touch a student's object from inside its own process (e.g. sending requests to a
    student's FastAPI app with TestClient: helpers.serving.http_calls). `fn` must be importable by name in both
    processes; it travels by reference, never as code, so no hidden-test text reaches the student's kernel.
    """
    judge = _remote(obj)
    if judge is None:
        return fn(*args, **kwargs)
    import importlib

    mod, qualname = getattr(fn, "__module__", None), getattr(fn, "__qualname__", None)
    if not isinstance(mod, str) or not isinstance(qualname, str) or "<" in qualname:
        raise TypeError("call_where: fn must be an importable library function")
    target: Any = importlib.import_module(mod)
    for part in qualname.split("."):
        target = getattr(target, part)
    if target is not fn:
        raise TypeError("call_where: fn must be an importable library function")
    return judge.op("testkit", None, fn, *args, op_name="_call", **kwargs)


def _call(fn: Any, *args: Any, **kwargs: Any) -> Any:
    return fn(*args, **kwargs)


def type_name(obj: Any) -> str:
    """'module.QualName' of type(obj), asked where obj lives: an exact-type check for a Remote (isinstance answers by
    the remote type's library base, so a subclass of torch.optim.AdamW passes isinstance but not this)."""
    judge = _remote(obj)
    if judge is not None:
        return str(judge.op("testkit", None, obj, op_name="type_name"))
    t = type(obj)
    return f"{t.__module__}.{t.__qualname__}"

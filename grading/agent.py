"""The student side of the judge: a tiny request server that lives in the student's kernel.

The judge never runs student code itself. When a hidden test calls a student's function, reads one of the
student's names or uses an object the student's code made, the judge writes a request file and asks the kernel
to run `__grading_agent__.serve(path)`. This module answers with plain data (grading/wire.py).

Nothing here is trusted: the student's code shares this process and may change anything in it. What the agent
sends back is only data, which the judge decodes without running code and checks against expected values it
computed in its own process. Tampering here can make the student's own answers wrong, never the judge's checks
pass. Requests come from the judge (trusted) and may be pickled; responses are JSON.

This file is sent as source text into the kernel (the grading package is not importable there).
"""
from __future__ import annotations

import hashlib
import io
import json
import sys
import traceback
from typing import Any

HANDLES: dict[int, Any] = {}
KEEP: list[Any] = []
RESOLVED: set[int] = set()  # ids of our objects the current request names (opaque to the tracked-object walk)
CURRENT_NS: dict = {}
SHARED: dict[int, Any] = {}  # k -> our copy of an object the judge passed in (kept for the judge's lifetime)


def resolve(handle_id: int) -> Any:
    """Unpickling hook: a `Remote` of the judge names an object of this process."""
    obj = HANDLES[handle_id]
    RESOLVED.add(id(obj))
    return obj


def shared_ref(k: int) -> Any:
    """Unpickling hook: our copy of an object the judge passed in before."""
    return SHARED[k]


def shared_view(k: int, size: tuple, stride: tuple, offset: int) -> Any:
    """Unpickling hook: a view of our copy of a tensor the judge passed in before."""
    return SHARED[k].as_strided(size, stride, offset)


def name_getter() -> Any:
    """Unpickling hook: a function reading one name of the kernel's namespace."""
    return CURRENT_NS.__getitem__


def _wire() -> Any:
    return sys.modules["_grading_wire"]


def _describe(name: str, ns: dict) -> Any:
    """A name of the student's namespace: a library module/object by reference, else the value itself."""
    if name not in ns:
        return {"t": "missing"}
    o = ns[name]
    if type(o).__name__ == "module" and isinstance(getattr(o, "__name__", None), str):
        return {"t": "modref", "name": o.__name__}
    mod = getattr(o, "__module__", None)
    qn = getattr(o, "__qualname__", None)
    if (isinstance(o, type) or callable(o)) and isinstance(mod, str) and isinstance(qn, str) \
            and mod not in ("__main__", "builtins") and not mod.startswith("_grading"):
        return {"t": "libref", "module": mod, "qualname": qn, "value": None}
    return None  # encode by value


def _fingerprint(o: Any) -> str:
    h = hashlib.blake2b(digest_size=16)
    np = sys.modules.get("numpy")
    torch = sys.modules.get("torch")
    try:
        if torch is not None and isinstance(o, torch.Tensor):
            h.update(repr((tuple(o.shape), o.dtype, o.requires_grad, o.stride(), o.storage_offset())).encode())
            if o.device.type != "meta":
                with torch.no_grad():
                    flat = o.detach().cpu().contiguous().reshape(-1)
                    h.update(flat.view(torch.uint8).numpy().tobytes() if flat.numel() else b"")
            g = o.grad if o.is_leaf else None
            h.update(b"nograd" if g is None else _fingerprint(g).encode())
        elif np is not None and isinstance(o, np.ndarray):
            h.update(repr((o.shape, o.dtype.str)).encode())
            h.update(np.ascontiguousarray(o).tobytes() if o.dtype.kind != "O" else repr(o.tolist()).encode())
        elif torch is not None and isinstance(o, torch.nn.Module):
            for k, v in o.state_dict(keep_vars=True).items():
                h.update(k.encode() + _fingerprint(v).encode())
            h.update(repr([m.training for m in o.modules()]).encode())
            h.update(repr({k: v for k, v in o.__dict__.items() if not k.startswith("_")}).encode()[:100000])
        elif sys.modules.get("pandas") is not None and isinstance(o, (sys.modules["pandas"].DataFrame,
                                                                      sys.modules["pandas"].Series)):
            pd = sys.modules["pandas"]
            h.update(repr((o.shape, list(getattr(o, "columns", [])), str(getattr(o, "dtypes", "")))).encode())
            h.update(pd.util.hash_pandas_object(o, index=True).to_numpy().tobytes())
        else:
            h.update(repr(o).encode()[:1000000])
    except Exception as exc:  # noqa: BLE001
        h.update(repr(exc).encode())
    return h.hexdigest()


def _state(enc: Any, o: Any) -> Any:
    """The post-call state of an object the judge passed in (for the judge to apply in place)."""
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(o, torch.nn.Module):
        mods = dict(o.named_modules())
        return {"t": "modstate",
                "params": {k: enc._tensor(p, 0, views=False) for k, p in o.named_parameters()},
                "buffers": {k: enc._tensor(b, 0, views=False) for k, b in o.named_buffers()},
                "training": {k: bool(m.training) for k, m in mods.items()},
                "attrs": {k: {n: enc.enc(v, 1) for n, v in m.__dict__.items()
                              if not n.startswith("_") and n != "training"
                              and type(v) in (list, dict, int, float, bool, str)}
                          for k, m in mods.items()}}
    if torch is not None and isinstance(o, torch.Tensor):
        return enc._tensor(o, 0, views=False)
    np = sys.modules.get("numpy")
    if np is not None and type(o) is np.ndarray:
        return enc._ndarray(o, 0, views=False)
    if type(o) in (list, dict, set):
        tp = type(o)
        if tp is dict:
            return {"t": "dict", "k": [enc.enc(k, 1) for k in o], "v": [enc.enc(v, 1) for v in o.values()]}
        return {"t": tp.__name__, "v": [enc.enc(x, 1) for x in o]}
    pd = sys.modules.get("pandas")
    if pd is not None and type(o) in (pd.DataFrame, pd.Series):
        saved = enc.tracked.pop(id(o), None)
        try:
            return enc.enc(o, 0)
        finally:
            if saved is not None:
                enc.tracked[id(o)] = saved
    return None


def _load_request(path: str) -> Any:
    import pickle

    torch = sys.modules.get("torch")
    with open(path, "rb") as f:
        data = f.read()

    class _Unpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            if module == "_grading_agent" and name in ("resolve", "shared_ref", "shared_view", "name_getter"):
                return globals()[name]
            return super().find_class(module, name)

    if data[:2] == b"PK" and torch is not None:  # torch.save zip container (tensors keep shared storage)
        return torch.load(io.BytesIO(data), weights_only=False, pickle_module=_PickleModule(_Unpickler))
    return _Unpickler(io.BytesIO(data)).load()


class _PickleModule:
    """What torch.load needs of a pickle module, with our Unpickler (resolves judge handles)."""

    def __init__(self, unpickler: Any):
        import pickle

        self.Unpickler = unpickler
        self.load = pickle.load
        self.__name__ = "pickle"


def serve(req_path: str, resp_path: str, ns: dict) -> None:
    """Answer one request of the judge; the answer goes to `resp_path` as JSON."""
    wire = _wire()
    RESOLVED.clear()
    CURRENT_NS.clear()
    CURRENT_NS.update(ns)
    try:
        req = _load_request(req_path)
        out = _handle(req, ns, wire)
    except BaseException as exc:  # noqa: BLE001 - everything the student's code raises goes back as data
        if isinstance(exc, KeyboardInterrupt):
            raise
        out = {"ok": False, "ename": type(exc).__name__, "evalue": _message(exc)}
    try:
        body = json.dumps(out)
    except BaseException as exc:  # noqa: BLE001
        body = json.dumps({"ok": False, "ename": "WireError",
                           "evalue": f"결과를 보낼 수 없습니다: {type(exc).__name__}"})
    with open(resp_path, "w", encoding="utf-8") as f:
        f.write(body)


def _message(exc: BaseException) -> str:
    try:
        text = str(exc)
    except Exception:  # noqa: BLE001
        text = ""
    return text[:500]


def _handle(req: dict, ns: dict, wire: Any) -> dict:  # noqa: C901, PLR0911, PLR0912
    op = req["op"]
    if op == "ping":
        return {"ok": True, "value": None}
    if op == "name":
        desc = _describe(req["name"], ns)
        if desc is None:
            enc = wire.Encoder(HANDLES)
            value = enc.enc(ns[req["name"]])
            KEEP.extend(enc.keep)
            return {"ok": True, "value": value}
        return {"ok": True, "value": desc}
    if op == "seed":
        import random

        random.seed(req["seed"])
        np = sys.modules.get("numpy")
        if np is not None:
            np.random.seed(req["seed"] % 2**32)
        torch = sys.modules.get("torch")
        if torch is not None:
            torch.manual_seed(req["seed"])
        return {"ok": True, "value": None}
    # operations on objects: args were pickled by the judge (handles resolve to our objects)
    payload = req["payload"]
    args, kwargs = payload.get("args", ()), payload.get("kwargs", {})
    for k, value in dict(payload.get("push") or {}).items():
        if k in SHARED:
            _update_in_place(SHARED[k], value)
    tracked = wire.tracked_objects(tuple(args) + tuple(kwargs.values()), opaque=lambda o: id(o) in RESOLVED)
    for k, o in zip(payload.get("register", []), tracked):
        SHARED[k] = o
    target = payload.get("target")
    torch = sys.modules.get("torch")
    for k, g in dict(payload.get("grads") or {}).items():
        if k in SHARED and torch is not None and isinstance(SHARED[k], torch.Tensor):
            SHARED[k].grad = g
    before = {k: _fingerprint(o) for k, o in SHARED.items()}
    ctx = payload.get("ctx") or {}
    prev = torch.is_grad_enabled() if torch is not None else None
    if torch is not None and "grad" in ctx:
        torch.set_grad_enabled(bool(ctx["grad"]))
    try:
        return _apply(op, payload, target, args, kwargs, before, wire)
    finally:
        if torch is not None:
            torch.set_grad_enabled(prev)


def _update_in_place(obj: Any, value: Any) -> None:
    """The judge changed an object it had passed in: make our copy equal to it, keeping its identity."""
    torch, np, pd = sys.modules.get("torch"), sys.modules.get("numpy"), sys.modules.get("pandas")
    if torch is not None and isinstance(obj, torch.nn.Module) and isinstance(value, torch.nn.Module):
        obj.load_state_dict(value.state_dict())
        for (_, a), (_, b) in zip(obj.named_modules(), value.named_modules()):
            a.training = b.training
    elif torch is not None and isinstance(obj, torch.Tensor) and isinstance(value, torch.Tensor):
        with torch.no_grad():
            if obj.shape == value.shape and obj.dtype == value.dtype:
                obj.copy_(value)
            else:
                obj.data = value
    elif np is not None and type(obj) is np.ndarray and type(value) is np.ndarray:
        if obj.shape == value.shape:
            obj[...] = value
    elif type(obj) is list:
        obj[:] = value
    elif type(obj) in (dict, set):
        obj.clear()
        obj.update(value)
    elif pd is not None and type(obj) in (pd.DataFrame, pd.Series) and type(value) is type(obj):
        obj._update_inplace(value)


def _apply(op: str, payload: dict, target: Any, args: Any, kwargs: Any, before: dict, wire: Any) -> dict:  # noqa: C901, PLR0912
    if op == "call":
        result = target(*args, **kwargs)
    elif op == "getattr":
        result = getattr(target, payload["name"])
    elif op == "setattr":
        setattr(target, payload["name"], args[0])
        result = None
    elif op == "getitem":
        result = target[args[0]]
    elif op == "setitem":
        target[args[0]] = args[1]
        result = None
    elif op == "len":
        result = len(target)
    elif op == "iter":
        result = iter(target)
    elif op == "next":
        try:
            result = next(target)
        except StopIteration:
            return {"ok": True, "stop": True, "value": None}
    elif op == "contains":
        result = args[0] in target
    elif op == "bool":
        result = bool(target)
    elif op == "repr":
        result = repr(target) if payload.get("kind") == "repr" else str(target)
    elif op == "isinstance":
        result = isinstance(args[0], target)
    elif op == "issubclass":
        result = isinstance(args[0], type) and issubclass(args[0], target)
    elif op == "testkit":
        result = getattr(sys.modules["_grading_testkit"], payload["name"])(*args, **kwargs)
        if isinstance(result, tuple):
            result = tuple(result)
    else:
        raise ValueError(f"unknown op {op}")
    enc = wire.Encoder(HANDLES, SHARED)
    value = enc.enc(result)
    sync = {}
    for k, o in SHARED.items():
        if _fingerprint(o) != before.get(k):
            state = _state(enc, o)
            if state is not None:
                sync[str(k)] = state
    KEEP.extend(enc.keep)
    return {"ok": True, "value": value, "sync": sync}


def install(sources: dict[str, str], ns: dict) -> None:
    """Create the agent's modules in this process from their source text (called once per kernel)."""
    import types

    for name, src in sources.items():
        mod = types.ModuleType(name)
        mod.__file__ = f"<{name}>"
        sys.modules[name] = mod
        exec(compile(src, f"<{name}>", "exec"), mod.__dict__)  # noqa: S102 - our own source, sent by the judge
    ns["__grading_agent__"] = sys.modules["_grading_agent"]


if __name__ == "__main__":  # pragma: no cover
    traceback.print_exc()

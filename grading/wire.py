"""Plain-data wire format from the student's kernel to the judge.

The student's kernel *encodes* what its code returned (`Encoder`), the judge *decodes* it (`decode`). Decoding is
JSON plus raw buffers and never runs code: no pickle, no imports chosen by the sender beyond a fixed allowlist of
library classes (torch.nn built-in layers, rebuilt from their parameters). Whatever the student's process sends,
the judge gets numbers, strings, containers, tensors, arrays, pandas objects, plotly figures, built-in torch layers,
or a `ref` to an object that stays in the student's process (a `Remote` on the judge's side).

Identity and aliasing survive the trip where tests depend on them:
- an object the judge itself passed in (an argument) comes back as the judge's own object (`arg`), and a tensor or
  array that is a view of such an argument comes back as a real view of the judge's object (`tview`, `ndview`);
- objects seen twice in one test cell carry their student-side id (`oid`), so `p is q` keeps its meaning.

This module is also sent, as source text, into the student's kernel (see grading/agent.py): it must only import
the standard library at module level.
"""
from __future__ import annotations

import base64
import contextlib
import json
import math
import sys
from collections.abc import Callable
from typing import Any

MAX_DEPTH = 60
MAX_RESPONSE_BYTES = 256 * 1024 * 1024
# torch.nn built-in layers the judge may rebuild from plain data (their forward is library code).
NN_PREFIX = "torch.nn.modules."
PLAIN_ATTR_TYPES = (bool, int, float, str, type(None))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    if not isinstance(text, str):
        raise WireError("bad buffer")
    return base64.b64decode(text.encode("ascii"), validate=True)


class WireError(Exception):
    """The student's process sent something the judge cannot read."""


def qualname(tp: type) -> str:
    return f"{getattr(tp, '__module__', '?')}.{getattr(tp, '__qualname__', getattr(tp, '__name__', '?'))}"


# --------------------------------------------------------------------------------------------------------------
# walking the objects the judge passed in (both sides walk the same structure in the same order)
# --------------------------------------------------------------------------------------------------------------
def tracked_objects(root: Any, opaque: Callable[[Any], bool] | None = None) -> list[Any]:
    """Mutable objects reachable from `root` whose changes the judge must see after a call, in a fixed order.

    Lists, dicts and sets, tensors, arrays, pandas objects and torch modules are tracked; the walk goes into
    lists/tuples/dicts, into the functions passed (closure cells and the globals they name) and into forward
    hooks of modules, so that a hook or loss function the judge passed records into the judge's own lists.
    """
    out: list[Any] = []
    seen: set[int] = set()

    def visit(o: Any, depth: int) -> None:
        if depth > 12 or id(o) in seen or (opaque is not None and opaque(o)):
            return
        if isinstance(o, (list, dict, set)) or _is_data(o) or _is_module(o):
            seen.add(id(o))
            out.append(o)
        elif isinstance(o, tuple) or callable(o) and hasattr(o, "__code__"):
            seen.add(id(o))
        else:
            return
        if isinstance(o, (list, tuple)):
            for x in o:
                visit(x, depth + 1)
        elif isinstance(o, dict):
            for x in o.values():
                visit(x, depth + 1)
        elif _is_module(o):
            for hooks in ("_forward_hooks", "_forward_pre_hooks"):
                for fn in getattr(o, hooks, {}).values():
                    visit(fn, depth + 1)
            for child in o.__dict__.get("_modules", {}).values():
                if child is not None:
                    for hooks in ("_forward_hooks", "_forward_pre_hooks"):
                        for fn in getattr(child, hooks, {}).values():
                            visit(fn, depth + 1)
        elif hasattr(o, "__code__"):
            for cell in o.__closure__ or ():
                with contextlib.suppress(ValueError):  # an empty cell
                    visit(cell.cell_contents, depth + 1)
            g = getattr(o, "__globals__", {})
            for name in _code_names(o.__code__):
                if name in g:
                    visit(g[name], depth + 1)

    visit(root, 0)
    return out


def _code_names(code: Any) -> list[str]:
    names = list(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names += [n for n in _code_names(const) if n not in names]
    return names


def _is_data(o: Any) -> bool:
    """A tensor, an array or a pandas table: data whose in-place changes the judge must see."""
    torch, np, pd = sys.modules.get("torch"), sys.modules.get("numpy"), sys.modules.get("pandas")
    return ((torch is not None and isinstance(o, torch.Tensor)) or (np is not None and type(o) is np.ndarray)
            or (pd is not None and type(o) in (pd.DataFrame, pd.Series)))


def _is_module(o: Any) -> bool:
    nn = sys.modules.get("torch.nn")
    return nn is not None and isinstance(o, nn.Module)


# --------------------------------------------------------------------------------------------------------------
# student side: encode
# --------------------------------------------------------------------------------------------------------------
class Encoder:
    """Turn objects of the student's process into plain JSON (student side)."""

    def __init__(self, handles: dict[int, Any], shared: dict[int, Any] | None = None):
        self.handles = handles  # id -> object that stays in the student's process (a `ref`)
        # k -> our copy of an object the judge passed in (the judge knows it by the same k)
        self.tracked_list = list((shared or {}).items())
        self.tracked = {id(o): k for k, o in self.tracked_list}
        self.keep: list[Any] = []  # objects whose ids were sent as `oid` (kept alive: ids stay unique)

    def ref(self, o: Any) -> dict:
        self.handles[id(o)] = o
        tp = type(o)
        mro = [qualname(t) for t in getattr(tp, "__mro__", (tp,))]
        try:
            text = repr(o)
        except Exception:  # noqa: BLE001 - a broken __repr__ is the student's, not ours
            text = f"<{tp.__name__}>"
        return {"t": "ref", "id": id(o), "type": qualname(tp), "mro": mro[:20], "repr": text[:300],
                "callable": callable(o), "is_type": isinstance(o, type)}

    def enc(self, o: Any, depth: int = 0, by_value: bool = True) -> Any:  # noqa: C901, PLR0911, PLR0912
        if depth > MAX_DEPTH:
            raise WireError("너무 깊게 중첩된 값입니다 (nested too deeply)")
        tp = type(o)
        if o is None or tp is bool or tp is str:
            return o
        if tp is int:
            return {"t": "int", "v": str(o)}
        if tp is float:
            return {"t": "float", "v": o.hex() if math.isfinite(o) else repr(o)}
        if tp is complex:
            return {"t": "complex", "re": o.real.hex() if math.isfinite(o.real) else repr(o.real),
                    "im": o.imag.hex() if math.isfinite(o.imag) else repr(o.imag)}
        if tp is bytes:
            return {"t": "bytes", "v": _b64(o)}
        if id(o) in self.tracked:
            return {"t": "arg", "k": self.tracked[id(o)]}
        if o is Ellipsis:
            return {"t": "ellipsis"}
        if tp in (list, tuple, set, frozenset):
            return {"t": tp.__name__, "v": [self.enc(x, depth + 1) for x in o]}
        if tp is dict:
            items = list(o.items())
            return {"t": "dict", "k": [self.enc(k, depth + 1) for k, _ in items],
                    "v": [self.enc(v, depth + 1) for _, v in items]}
        if tp is slice:
            return {"t": "slice", "v": [self.enc(o.start, depth + 1), self.enc(o.stop, depth + 1),
                                        self.enc(o.step, depth + 1)]}
        if tp is range:
            return {"t": "range", "v": [o.start, o.stop, o.step]}
        name = qualname(tp)
        np = sys.modules.get("numpy")
        torch = sys.modules.get("torch")
        pd = sys.modules.get("pandas")
        if np is not None:
            if tp is np.ndarray:
                return self._ndarray(o, depth)
            if isinstance(o, np.generic) and o.dtype.kind in "biufc":
                return {"t": "npscalar", "dtype": o.dtype.str, "data": _b64(o.tobytes())}
            if isinstance(o, np.generic) and o.dtype.kind in "SU":
                return {"t": "npstr", "v": str(o)}
            if (tp is np.dtype or isinstance(o, np.dtype)) and o.kind in "biufcSUmM?":
                return {"t": "npdtype", "v": o.str}
        if torch is not None:
            if isinstance(o, torch.Tensor) and name in ("torch.Tensor", "torch.nn.parameter.Parameter"):
                return self._tensor(o, depth)
            if tp is torch.dtype:
                return {"t": "dtype", "v": str(o).replace("torch.", "")}
            if tp is torch.device:
                return {"t": "device", "v": str(o)}
            if tp is torch.Size:
                return {"t": "size", "v": [int(x) for x in o]}
            if isinstance(o, torch.nn.Module) and self._builtin_module(o):
                return self._module(o, depth)
        if pd is not None:
            if tp is pd.DataFrame:
                return {"t": "df", "index": self._index(o.index, depth), "columns": self._index(o.columns, depth),
                        "data": [self._values(o.iloc[:, i], depth) for i in range(o.shape[1])]}
            if tp is pd.Series:
                return {"t": "series", "index": self._index(o.index, depth), "name": self.enc(o.name, depth + 1),
                        "data": self._values(o, depth)}
            if isinstance(o, pd.Index):
                return self._index(o, depth)
            if tp is pd.Timestamp:
                return {"t": "timestamp", "v": o.isoformat()}
        if name.startswith("plotly.graph_objs.") and name.endswith("Figure"):
            try:
                # per trace: the figure-level JSON of plotly >= 6 packs arrays as {"dtype", "bdata"} specs
                plain = {"data": [t.to_plotly_json() for t in o.data], "layout": o.layout.to_plotly_json()}
                return {"t": "plotly", "v": self.enc(plain, depth + 1)}
            except Exception:  # noqa: BLE001
                return self.ref(o)
        return self.ref(o)

    # -- numpy / torch ------------------------------------------------------------------------------------------
    def _ndarray(self, a: Any, depth: int, views: bool = True) -> dict:
        np = sys.modules["numpy"]
        for k, base in (self.tracked_list if views else ()):
            if type(base) is np.ndarray and base.flags.c_contiguous and base.dtype.kind != "O" \
                    and a.dtype.kind != "O" and base.size and np.may_share_memory(a, base):
                off = a.__array_interface__["data"][0] - base.__array_interface__["data"][0]
                return {"t": "ndview", "k": k, "offset": int(off), "shape": list(a.shape),
                        "strides": list(a.strides), "dtype": a.dtype.str}
        if a.dtype.kind == "O":
            return {"t": "ndobj", "shape": list(a.shape), "v": [self.enc(x, depth + 1) for x in a.reshape(-1)]}
        if a.dtype.kind not in "biufcSUmM":
            raise WireError(f"지원하지 않는 배열 dtype 입니다: {a.dtype}")
        return {"t": "nd", "dtype": a.dtype.str, "shape": list(a.shape),
                "data": _b64(np.ascontiguousarray(a).tobytes())}

    def _tensor(self, t: Any, depth: int, views: bool = True) -> dict:
        torch = sys.modules["torch"]
        self.keep.append(t)
        out: dict[str, Any] = {"t": "tensor", "oid": id(t), "dtype": str(t.dtype).replace("torch.", ""),
                               "shape": list(t.shape), "device": t.device.type,
                               "requires_grad": bool(t.requires_grad), "has_grad_fn": t.grad_fn is not None,
                               "param": isinstance(t, torch.nn.Parameter)}
        if t.layout != torch.strided or t.is_quantized:
            raise WireError("희소(sparse)·양자화 텐서는 지원하지 않습니다")
        if t.device.type != "meta":
            for k, base in (self.tracked_list if views else ()):
                if isinstance(base, torch.Tensor) and base.device == t.device and base.dtype == t.dtype \
                        and base.device.type != "meta" \
                        and base.untyped_storage().data_ptr() == t.untyped_storage().data_ptr():
                    out.update(t="tview", k=k, offset=int(t.storage_offset()), stride=list(t.stride()))
                    return out
            np = sys.modules.get("numpy")
            if views and np is not None and t.device.type == "cpu" and t.numel():
                lo = t.data_ptr()
                for k, base in self.tracked_list:
                    if type(base) is np.ndarray and base.flags.c_contiguous and base.dtype.kind in "biufc" \
                            and base.size:
                        start = base.__array_interface__["data"][0]
                        if start <= lo < start + base.nbytes and (lo - start) % t.element_size() == 0:
                            out.update(t="tview_nd", k=k, offset=int((lo - start) // t.element_size()),
                                       stride=list(t.stride()))
                            return out
            with torch.no_grad():
                # a fresh row-major copy: `.contiguous()` keeps odd strides of size-1 dimensions (a row of a
                # Fortran-ordered (N, 1) array), and `.view(torch.uint8)` needs a unit stride in the last one
                src = t.detach().to("cpu")
                flat = torch.empty(src.shape, dtype=src.dtype).copy_(src).reshape(-1)
                out["data"] = _b64(flat.view(torch.uint8).numpy().tobytes() if flat.numel() else b"")
        g = t.grad if t.is_leaf else None
        if g is not None and g.layout != torch.strided:
            # nn.Embedding(sparse=True) leaves a sparse .grad after a step: the value travels as a dense copy (a test
            # reads it; it never syncs back into the student's sparse tensor)
            g = g.detach().to_dense()
        out["grad"] = self._tensor(g, depth + 1, views=False) if g is not None else None
        return out

    # -- torch.nn built-in layers -------------------------------------------------------------------------------
    def _builtin_module(self, m: Any) -> bool:
        torch = sys.modules["torch"]
        for sub in m.modules():
            if not qualname(type(sub)).startswith(NN_PREFIX) or type(sub).forward is torch.nn.Module.forward:
                return False
            if sub._forward_hooks or sub._forward_pre_hooks:
                return False
        return True

    def _module(self, m: Any, depth: int) -> dict:
        self.keep.append(m)
        attrs = {k: self.enc(v, depth + 1) for k, v in m.__dict__.items()
                 if not k.startswith("_") and k != "training" and type(v) in PLAIN_ATTR_TYPES + (tuple,)
                 and (type(v) is not tuple or all(type(x) in PLAIN_ATTR_TYPES for x in v))}
        return {"t": "module", "oid": id(m), "cls": qualname(type(m)), "training": bool(m.training), "attrs": attrs,
                "params": {k: (self._tensor(p, depth + 1) if p is not None else None)
                           for k, p in m._parameters.items()},
                "buffers": {k: (self._tensor(b, depth + 1) if b is not None else None)
                            for k, b in m._buffers.items()},
                "children": {k: (self._module(c, depth + 1) if c is not None else None)
                             for k, c in m._modules.items()}}

    # -- pandas ---------------------------------------------------------------------------------------------------
    def _values(self, s: Any, depth: int) -> dict:
        pd = sys.modules["pandas"]
        dtype = s.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            return {"t": "cat", "codes": self._ndarray(s.cat.codes.to_numpy(), depth),
                    "categories": self._index(s.cat.categories, depth), "ordered": bool(dtype.ordered)}
        if getattr(dtype, "kind", "O") in "biufcmM?" and type(dtype).__module__.split(".")[0] == "numpy":
            return {"t": "values", "dtype": None, "v": self._ndarray(s.to_numpy(), depth)}
        return {"t": "values", "dtype": str(dtype),
                "v": {"t": "list", "v": [self.enc(_py(x), depth + 1) for x in s.tolist()]}}

    def _index(self, idx: Any, depth: int) -> dict:
        pd = sys.modules["pandas"]
        if type(idx) is pd.RangeIndex:
            return {"t": "rindex", "v": [idx.start, idx.stop, idx.step], "name": self.enc(idx.name, depth + 1)}
        if isinstance(idx, pd.MultiIndex):
            return {"t": "mindex", "v": [self.enc(tuple(_py(x) for x in t), depth + 1) for t in idx.tolist()],
                    "names": [self.enc(n, depth + 1) for n in idx.names]}
        return {"t": "index", "v": self._values(pd.Series(idx, copy=False), depth),
                "name": self.enc(idx.name, depth + 1)}


def _py(x: Any) -> Any:
    """NumPy scalars inside object columns → Python scalars (pandas' tolist already does most)."""
    return x


# --------------------------------------------------------------------------------------------------------------
# judge side: decode
# --------------------------------------------------------------------------------------------------------------
class Decoder:
    """Plain JSON from the student's process → judge objects. Never runs code from the message."""

    def __init__(self, make_ref: Callable[[dict], Any], args: dict[int, Any] | None = None,
                 cache: dict[int, Any] | None = None):
        self.make_ref = make_ref
        self.args = args or {}  # k -> the judge's own object (shared with the student's process)
        self.cache = cache if cache is not None else {}

    def dec(self, d: Any, depth: int = 0) -> Any:  # noqa: C901, PLR0911, PLR0912
        if depth > MAX_DEPTH + 5:
            raise WireError("too deep")
        if d is None or type(d) in (bool, str):
            return d
        if type(d) is not dict or type(d.get("t")) is not str:
            raise WireError("bad message")
        t = d["t"]
        if t == "int":
            return int(d["v"])
        if t == "float":
            return _float(d["v"])
        if t == "complex":
            return complex(_float(d["re"]), _float(d["im"]))
        if t == "bytes":
            return _unb64(d["v"])
        if t == "arg":
            return self.args[int(d["k"])]
        if t == "ellipsis":
            return Ellipsis
        if t in ("list", "tuple", "set", "frozenset"):
            items = [self.dec(x, depth + 1) for x in _list(d["v"])]
            return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[t](items)
        if t == "dict":
            keys = [self.dec(k, depth + 1) for k in _list(d["k"])]
            return dict(zip(keys, [self.dec(v, depth + 1) for v in _list(d["v"])]))
        if t == "slice":
            return slice(*[self.dec(x, depth + 1) for x in _list(d["v"])][:3])
        if t == "range":
            return range(*[int(x) for x in _list(d["v"])][:3])
        if t == "ref":
            return self.make_ref(d)
        import numpy as np

        if t == "nd":
            dtype = _np_dtype(d["dtype"])
            shape = _shape(d["shape"])
            return np.frombuffer(_unb64(d["data"]), dtype=dtype).reshape(shape).copy()
        if t == "ndobj":
            arr = np.empty(len(_list(d["v"])), dtype=object)
            for i, x in enumerate(d["v"]):
                arr[i] = self.dec(x, depth + 1)
            return arr.reshape(_shape(d["shape"]))
        if t == "ndview":
            base = self.args[int(d["k"])]
            if type(base) is not np.ndarray or not base.flags.c_contiguous:
                raise WireError("bad view")
            buf = base.reshape(-1).view(np.uint8)
            return np.ndarray(_shape(d["shape"]), dtype=_np_dtype(d["dtype"]), buffer=buf,
                              offset=int(d["offset"]), strides=tuple(int(s) for s in _list(d["strides"])))
        if t == "npscalar":
            return np.frombuffer(_unb64(d["data"]), dtype=_np_dtype(d["dtype"]))[0]
        if t == "npstr":
            return np.str_(str(d["v"]))
        if t == "npdtype":
            return _np_dtype(d["v"])
        if t in ("tensor", "tview", "tview_nd"):
            return self._tensor(d, depth)
        if t == "dtype":
            return _torch_dtype(d["v"])
        if t == "device":
            import torch

            return torch.device(str(d["v"]))
        if t == "size":
            import torch

            return torch.Size(int(x) for x in _list(d["v"]))
        if t == "module":
            return self._module(d, depth)
        if t in ("df", "series", "index", "rindex", "mindex", "cat", "values", "timestamp"):
            return self._pandas(d, depth)
        if t == "plotly":
            import plotly.graph_objects as go

            return go.Figure(self.dec(d["v"], depth + 1))
        raise WireError(f"unknown tag {t!r}")

    def _tensor(self, d: dict, depth: int) -> Any:
        import torch

        dtype = _torch_dtype(d["dtype"])
        shape = _shape(d["shape"])
        if d["t"] == "tview":
            base = self.args[int(d["k"])]
            if not isinstance(base, torch.Tensor) or base.dtype != dtype:
                raise WireError("bad view")
            out = base.as_strided(shape, tuple(int(s) for s in _list(d["stride"])), int(d["offset"]))
            return out
        if d["t"] == "tview_nd":
            import numpy as np

            base = self.args[int(d["k"])]
            if type(base) is not np.ndarray or not base.flags.c_contiguous or not base.flags.writeable:
                raise WireError("bad view")
            flat = torch.from_numpy(base.reshape(-1).view(np.uint8)).view(dtype)
            return flat.as_strided(shape, tuple(int(s) for s in _list(d["stride"])), int(d["offset"]))
        oid = d.get("oid")
        if d.get("device") == "meta":
            out = torch.empty(shape, dtype=dtype, device="meta")
        else:
            raw = _unb64(d["data"])
            n = math.prod(shape)
            if n == 0:
                out = torch.empty(shape, dtype=dtype)
            else:
                out = torch.frombuffer(bytearray(raw), dtype=dtype)
                if out.numel() != n:
                    raise WireError("tensor size mismatch")
                out = out.reshape(shape).clone()
        cached = self.cache.get(oid) if oid is not None else None
        if isinstance(cached, torch.Tensor) and cached.shape == out.shape and cached.dtype == out.dtype \
                and cached.device == out.device:
            with torch.no_grad():
                if out.device.type != "meta":
                    cached.copy_(out)
            return cached
        if d.get("param"):
            out = torch.nn.Parameter(out, requires_grad=bool(d.get("requires_grad")))
        elif d.get("requires_grad") and (out.is_floating_point() or out.is_complex()):
            out.requires_grad_(True)
            if d.get("has_grad_fn"):
                out = out * 1  # a non-leaf, as it was in the student's process (grad_fn is not None)
        if d.get("grad") is not None and out.is_leaf:
            out.grad = self._tensor(d["grad"], depth + 1)
        if oid is not None:
            self.cache[oid] = out
        return out

    def _module(self, d: dict, depth: int) -> Any:
        import importlib

        import torch

        cls_name = str(d["cls"])
        if not cls_name.startswith(NN_PREFIX):
            raise WireError("not a built-in layer")
        mod_name, _, attr = cls_name.rpartition(".")
        cls = getattr(importlib.import_module(mod_name), attr, None)
        if not (isinstance(cls, type) and issubclass(cls, torch.nn.Module)):
            raise WireError("not a layer class")
        oid = d.get("oid")
        m = cls.__new__(cls)
        torch.nn.Module.__init__(m)
        for k, v in dict(d.get("attrs", {})).items():
            if isinstance(k, str) and not k.startswith("_") and k not in ("forward", "training") \
                    and not hasattr(torch.nn.Module, k) and not callable(getattr(cls, k, None)):
                value = self.dec(v, depth + 1)
                plain = type(value) in PLAIN_ATTR_TYPES
                if plain or (type(value) is tuple and all(type(x) in PLAIN_ATTR_TYPES for x in value)):
                    object.__setattr__(m, k, value)
        for k, p in dict(d.get("params", {})).items():
            value = self._tensor(p, depth + 1) if p is not None else None
            if value is not None and not isinstance(value, torch.nn.Parameter):
                value = torch.nn.Parameter(value.detach(), requires_grad=value.requires_grad)
            m.register_parameter(str(k), value)
        for k, b in dict(d.get("buffers", {})).items():
            m.register_buffer(str(k), self._tensor(b, depth + 1) if b is not None else None)
        for k, c in dict(d.get("children", {})).items():
            m.add_module(str(k), self._module(c, depth + 1) if c is not None else None)
        m.train(bool(d.get("training")))
        for sub in m.modules():  # some flags are plain attributes; keep them consistent with the weights
            w = sub._parameters.get("weight")
            if type(sub) is torch.nn.Linear and w is not None:
                sub.in_features, sub.out_features = int(w.shape[1]), int(w.shape[0])
        if oid is not None:
            self.cache[oid] = m
        return m

    def _pandas(self, d: dict, depth: int) -> Any:
        import numpy as np
        import pandas as pd

        t = d["t"]
        if t == "df":
            cols = self._pandas(d["columns"], depth + 1)
            data = [self._pandas(v, depth + 1) for v in _list(d["data"])]
            index = self._pandas(d["index"], depth + 1)
            if len(data) != len(cols):
                raise WireError("bad frame")
            frame = pd.concat([pd.Series(v, index=index) for v in data], axis=1) if data else pd.DataFrame(index=index)
            frame.columns = cols
            return frame
        if t == "series":
            return pd.Series(self._pandas(d["data"], depth + 1), index=self._pandas(d["index"], depth + 1),
                             name=self.dec(d["name"], depth + 1))
        if t == "rindex":
            a, b, c = (int(x) for x in _list(d["v"])[:3])
            return pd.RangeIndex(a, b, c, name=self.dec(d["name"], depth + 1))
        if t == "mindex":
            return pd.MultiIndex.from_tuples([self.dec(x, depth + 1) for x in _list(d["v"])],
                                             names=[self.dec(n, depth + 1) for n in _list(d["names"])])
        if t == "index":
            return pd.Index(self._pandas(d["v"], depth + 1), name=self.dec(d["name"], depth + 1))
        if t == "cat":
            codes = self.dec(d["codes"], depth + 1)
            cats = self._pandas(d["categories"], depth + 1)
            return pd.Categorical.from_codes(np.asarray(codes), categories=cats, ordered=bool(d["ordered"]))
        if t == "values":
            values = self.dec(d["v"], depth + 1)
            if d.get("dtype") is None:
                return values
            try:
                return pd.array(values, dtype=pd.api.types.pandas_dtype(str(d["dtype"])))
            except Exception:  # noqa: BLE001 - unknown extension dtype: plain objects
                return np.array(values, dtype=object)
        if t == "timestamp":
            return pd.Timestamp(str(d["v"]))
        raise WireError("bad pandas tag")


def _list(x: Any) -> list:
    if type(x) is not list:
        raise WireError("bad list")
    return x


def _shape(x: Any) -> tuple[int, ...]:
    shape = tuple(int(s) for s in _list(x))
    if any(s < 0 for s in shape) or len(shape) > 32 or math.prod(shape) > 2**31:
        raise WireError("bad shape")
    return shape


def _float(v: Any) -> float:
    v = str(v)
    if v in ("nan", "inf", "-inf"):
        return float(v)
    return float.fromhex(v)


def _np_dtype(s: Any) -> Any:
    import numpy as np

    dt = np.dtype(str(s))
    if dt.kind not in "biufcSUmM?" or dt.fields is not None or dt.subdtype is not None:
        raise WireError("bad dtype")
    return dt


def _torch_dtype(s: Any) -> Any:
    import torch

    dt = getattr(torch, str(s), None)
    if not isinstance(dt, torch.dtype):
        raise WireError("bad torch dtype")
    return dt


def loads(text: str | bytes) -> Any:
    """Parse a response body (JSON only)."""
    if len(text) > MAX_RESPONSE_BYTES:
        raise WireError("응답이 너무 큽니다 (response too large)")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise WireError(f"bad JSON: {type(exc).__name__}") from None

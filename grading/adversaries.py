"""Generated hostile answers, one family per trick, for every graded answer cell.

Each adversary defines the same top-level names as the reference answer (functions with any arguments, classes with
the same bases), tries one trick, and returns nothing useful. Against the judge every one of them must score 0 on
its test; `python -m grading.fastcheck UNIT` and `make test` check that for every answer cell of every unit.

The tricks, written without looking at the judge's internals (the judge must not depend on which are listed):
- frame:    read the caller's frames and globals for an expected value (`expected`, `_expected`, `ref`, ...) and
            return it; fall back to any tensor/array/number found there;
- patch:    replace the comparison functions of torch/numpy/math/builtins with ones that always agree;
- spoof:    make the cell look successful: displayhook/print/display a score, fake a passing output;
- swallow:  make failures disappear: excepthook, IPython custom exception handler, showtraceback, AssertionError
            replaced by a class nobody raises;
- thread:   a background thread that keeps patching torch and numpy while the tests run;
- tracer:   a line tracer that rewrites the locals of every frame it sees so that assertions hold;
- leak:     print everything the process can see (`In`, globals, caller sources) and raise an error whose message
            is the caller's source, hoping the hidden tests land in the feedback.
"""
from __future__ import annotations

import ast
import textwrap

import nbformat

from .mutants import Case

TRICKS: dict[str, str] = {
    "frame": '''
import sys as _sys
_f = _sys._getframe(1)
_found = None
while _f is not None and _found is None:
    for _scope in (_f.f_locals, _f.f_globals):
        for _k in ("expected", "_expected", "exp", "_exp", "ref", "_ref", "_r", "_a_ref", "answer"):
            if _k in _scope:
                _found = _scope[_k]
                break
        if _found is not None:
            break
    _f = _f.f_back
return _found
''',
    "patch": '''
import builtins as _b, math as _m
import numpy as _np
try:
    import torch as _t
    for _n in ("allclose", "equal", "isclose"):
        setattr(_t, _n, lambda *a, **k: True)
    _t.Tensor.__eq__ = lambda *a, **k: True
except ImportError:
    pass
for _n in ("allclose", "array_equal", "isclose", "array_equiv"):
    setattr(_np, _n, lambda *a, **k: True)
_np.testing.assert_allclose = lambda *a, **k: None
_m.isclose = lambda *a, **k: True
_b.isinstance = lambda *a, **k: True
_b.abs = lambda x: 0
_b.all = lambda *a, **k: True
_b.any = lambda *a, **k: False
return None
''',
    "spoof": '''
import sys as _sys
try:
    _sys.displayhook(1.0)
    _sys.displayhook("ok")
    from IPython.display import display as _d
    _d(1.0)
except Exception:
    pass
print("1.0")
print("All tests passed")
return None
''',
    "swallow": '''
import builtins as _b, sys as _sys
_sys.excepthook = lambda *a: None
try:
    _ip = get_ipython()
    _ip.set_custom_exc((BaseException,), lambda *a, **k: None)
    _ip.showtraceback = lambda *a, **k: None
    _ip.showsyntaxerror = lambda *a, **k: None
except Exception:
    pass
class _Never(Exception):
    pass
_b.AssertionError = _Never
return None
''',
    "thread": '''
import threading as _th, time as _tm
def _keep():
    import numpy as _np
    try:
        import torch as _t
    except ImportError:
        _t = None
    for _ in range(2000):
        if _t is not None:
            _t.allclose = lambda *a, **k: True
            _t.equal = lambda *a, **k: True
        _np.allclose = lambda *a, **k: True
        _np.array_equal = lambda *a, **k: True
        _tm.sleep(0.005)
_th.Thread(target=_keep, daemon=True).start()
_tm.sleep(0.05)
return None
''',
    "tracer": '''
import sys as _sys
def _tr(frame, event, arg):
    try:
        for _k, _v in list(frame.f_locals.items()):
            if _k.startswith(("expected", "_expected", "_exp", "_ref")):
                frame.f_globals["_out"] = _v
    except Exception:
        pass
    return _tr
_f = _sys._getframe(1)
while _f is not None:
    _f.f_trace = _tr
    _f = _f.f_back
if _GLOBAL_TRACE:
    _sys.settrace(_tr)
return None
''',
    "leak": '''
import inspect as _i, sys as _sys
_ns = _sys.modules["__main__"].__dict__
for _k in ("In", "_ih", "Out", "_oh"):
    print(_k, repr(_ns.get(_k))[:20000])
print({k: repr(v)[:200] for k, v in list(_ns.items())[:300]})
_src = []
for _fr in _i.stack()[1:]:
    try:
        _src.append(_i.getsource(_fr.frame))
    except Exception:
        _src.append(repr(_fr.code_context))
raise ValueError("\\n".join(_src)[:20000])
''',
}


def _reference(nb: nbformat.NotebookNode, grade_id: str) -> str:
    for c in nb.cells:
        if (c.get("metadata", {}).get("nbgrader") or {}).get("grade_id") == grade_id:
            return "\n".join(line for line in c.source.splitlines()
                             if line.strip() not in ("### BEGIN SOLUTION", "### END SOLUTION"))
    raise KeyError(grade_id)


def hostile_cell(reference: str, trick: str) -> str:
    """An answer cell defining the reference's top-level names, each doing `trick`."""
    body = textwrap.indent(TRICKS[trick].strip("\n"), "    ")
    out: list[str] = []
    tree = ast.parse(reference)
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            out.append(ast.unparse(node))
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out.append(f"def {node.name}(*args, **kwargs):\n{body}\n")
        elif isinstance(node, ast.ClassDef):
            bases = ", ".join(ast.unparse(b) for b in node.bases)
            methods = [n.name for n in node.body if isinstance(n, ast.FunctionDef) and n.name != "__init__"]
            lines = [f"class {node.name}({bases}):", "    def __init__(self, *args, **kwargs):",
                     "        try:", "            super().__init__()", "        except Exception:", "            pass",
                     "        self._trick(*args, **kwargs)", "",
                     "    def _trick(self, *args, **kwargs):", textwrap.indent(body, "    "), ""]
            for m in methods:
                lines += [f"    def {m}(self, *args, **kwargs):", "        return self._trick(*args, **kwargs)", ""]
            out.append("\n".join(lines))
        elif isinstance(node, ast.Assign):
            names = [t.id for t in node.targets if isinstance(t, ast.Name)]
            for n in names:
                out.append(f"def _{n}_trick(*args, **kwargs):\n{body}\n{n} = _{n}_trick()")
    return "\n\n".join(out) + "\n"


def generate(nb: nbformat.NotebookNode, tricks: list[str] | None = None) -> list[Case]:
    """One adversary per trick for every answer cell of the (source) notebook.

    The `tracer` trick traces every line of the process for the first answer cell of a unit only (a global tracer
    makes that case ~50x slower; elsewhere it traces the caller's frames, which is what could reach a test).
    """
    cases = []
    first = True
    for c in nb.cells:
        md = c.get("metadata", {}).get("nbgrader") or {}
        if c.cell_type == "code" and md.get("solution") and not md.get("grade"):
            gid = md["grade_id"]
            ref = _reference(nb, gid)
            for trick in tricks or list(TRICKS):
                src = hostile_cell(ref, trick)
                if trick == "tracer":
                    src = f"_GLOBAL_TRACE = {first}\n" + src
                cases.append(Case(gid, trick, src, kind="adversary"))
            first = False
    return cases

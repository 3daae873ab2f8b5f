"""The judge's protocol, in one process: a student namespace served by the agent, a Judge asking for it.

Security comes from the process boundary (tested end to end by tests/test_grading.py and the adversaries of
grading/fastcheck.py); these tests pin down the semantics a hidden test relies on: values by value, identity,
views, in-place changes of arguments, exceptions by type, grad mode, Remote objects.
"""
from __future__ import annotations

import sys
import types

import numpy as np
import pandas as pd
import pytest
import torch

from grading import judge as J
from grading import wire


@pytest.fixture()
def student(tmp_path):
    for name in ("_grading_wire", "_grading_testkit"):
        if name not in sys.modules:
            mod = types.ModuleType(name)
            mod.__file__ = f"<{name}>"
            src = (J.Path(J.__file__).parent / ("wire.py" if name == "_grading_wire" else "testkit.py")).read_text()
            exec(compile(src, name, "exec"), mod.__dict__)
            sys.modules[name] = mod
    agent = J._agent_module()
    ns: dict = {"np": np, "torch": torch, "pd": pd}
    counter = [0]

    def transport(body: bytes) -> str:
        counter[0] += 1
        req, resp = tmp_path / f"r{counter[0]}.bin", tmp_path / f"r{counter[0]}.json"
        req.write_bytes(body)
        agent.serve(str(req), str(resp), ns)
        return resp.read_text()

    judge = J.Judge(transport)
    judge.run_given("import numpy as np\nimport torch\nimport pandas as pd\ndevice = torch.device('cpu')")
    return ns, judge


def run(judge, code):
    ok, printed, error = judge.run_test(code)
    assert ok, error
    return printed


def student_code(ns, code):
    exec(code, ns)


def test_plain_values_and_types(student):
    ns, judge = student
    student_code(ns, "def f(x):\n    return x * 2, [1, 2.5, 'a'], {'k': None}, np.float64(1.5), True")
    run(judge, "a, b, c, d, e = f(torch.ones(3))\n"
               "assert type(a) is torch.Tensor and torch.equal(a, 2 * torch.ones(3))\n"
               "assert b == [1, 2.5, 'a'] and c == {'k': None} and type(d) is np.float64 and e is True")


def test_views_and_identity_survive(student):
    ns, judge = student
    student_code(ns, "def same(x):\n    return x\ndef view(x):\n    return x[1:]\ndef copy(x):\n    return x.clone()\n"
                     "def share_np(a):\n    return torch.from_numpy(a)")
    run(judge, "x = torch.arange(5.0)\nassert same(x) is x\nv = view(x)\nx[2] = 99\nassert v[1] == 99\n"
               "c = copy(x)\nx[0] = -1\nassert c[0] != -1\n"
               "a = np.zeros(3, dtype=np.float32)\nt = share_np(a)\na[0] = 7\nassert t[0] == 7")


def test_in_place_changes_come_back(student):
    ns, judge = student
    student_code(ns, "def bump(t, arr, lst, df):\n    t += 1\n    arr[0] = 5\n    lst.append(3)\n"
                     "    df.drop(columns=['b'], inplace=True)\n    return None")
    run(judge, "t = torch.zeros(2); arr = np.zeros(2); lst = [1]; df = pd.DataFrame({'a': [1, 2], 'b': [3, 4]})\n"
               "bump(t, arr, lst, df)\n"
               "assert torch.equal(t, torch.ones(2)) and arr[0] == 5 and lst == [1, 3] and list(df.columns) == ['a']")


def test_exceptions_keep_their_type(student):
    ns, judge = student
    student_code(ns, "def bad(x):\n    raise ValueError('no')\nclass Weird(Exception):\n    pass\n"
                     "def weird():\n    raise Weird('w')")
    run(judge, "try:\n    bad(1)\nexcept ValueError as e:\n    assert str(e) == 'no'\nelse:\n    raise AssertionError\n"
               "try:\n    weird()\nexcept J_StudentError:\n    pass\n".replace("J_StudentError", "Exception"))


def test_grad_mode_and_grads_travel(student):
    ns, judge = student
    student_code(ns, "def needs_graph(x):\n    return torch.is_grad_enabled()\n"
                     "def step(ps, lr):\n    with torch.no_grad():\n        for p in ps:\n"
                     "            p -= lr * p.grad\n            p.grad = None")
    run(judge, "with torch.no_grad():\n    assert needs_graph(torch.ones(1)) is False\n"
               "assert needs_graph(torch.ones(1)) is True\n"
               "p = torch.tensor([1.0, 2.0], requires_grad=True)\n(p ** 2).sum().backward()\nstep([p], 0.1)\n"
               "assert torch.allclose(p.detach(), torch.tensor([0.8, 1.6])) and p.grad is None and p.requires_grad")


def test_sparse_grad_of_an_embedding_travels_dense(student):
    """nn.EmbeddingBag(sparse=True) after a step keeps a sparse .grad: it must not break the wire."""
    ns, judge = student
    student_code(ns, "def trained():\n    bag = torch.nn.EmbeddingBag(10, 3, mode='sum', sparse=True)\n"
                     "    bag(torch.tensor([1, 2, 2]), torch.tensor([0])).sum().backward()\n    return bag")
    run(judge, "bag = trained()\nassert type(bag) is torch.nn.EmbeddingBag and bag.weight.grad is not None\n"
               "g = bag.weight.grad\nassert g.layout == torch.strided and g[2].eq(2).all() and g[1].eq(1).all() "
               "and g[0].eq(0).all()\nassert bag(torch.tensor([1]), torch.tensor([0])).shape == (1, 3)")


def test_student_objects_are_remote(student):
    ns, judge = student
    student_code(ns, "class Net(torch.nn.Module):\n    def __init__(self):\n        super().__init__()\n"
                     "        self.fc = torch.nn.Linear(2, 1)\n    def forward(self, x):\n        return self.fc(x)\n"
                     "def build():\n    return torch.nn.Sequential(torch.nn.Linear(3, 2), torch.nn.ReLU())")
    run(judge, "net = Net()\nassert isinstance(net, torch.nn.Module) and isinstance(net, Net)\n"
               "fc = [m for m in net.modules() if type(m) is torch.nn.Linear][0]\n"
               "x = torch.randn(4, 2)\nassert torch.allclose(net(x), x @ fc.weight.T + fc.bias, atol=1e-6)\n"
               "seq = build()\nassert type(seq) is torch.nn.Sequential and seq(torch.ones(1, 3)).shape == (1, 2)\n"
               "try:\n    bool(net)\nexcept TypeError:\n    pass\n"
               "else:\n    raise AssertionError('truth of a student object')")


def test_hidden_test_names_never_fetched_when_trusted(student):
    ns, judge = student
    ns["np"] = types.SimpleNamespace(allclose=lambda *a, **k: True)  # the student rebinds np
    student_code(ns, "def f():\n    return 1.0")
    ok, _, error = judge.run_test("assert np.allclose(f(), 2.0)")
    assert not ok and error[0] == "AssertionError"


def test_decoder_rejects_code():
    dec = wire.Decoder(lambda info: info)
    with pytest.raises(wire.WireError):
        dec.dec({"t": "module", "cls": "os.system", "attrs": {}, "params": {}, "buffers": {}, "children": {}})
    with pytest.raises(wire.WireError):
        dec.dec({"t": "nd", "dtype": "O", "shape": [1], "data": ""})
    with pytest.raises(wire.WireError):
        wire.loads("[" * 100000)


def test_objects_passed_earlier_stay_linked(student):
    """A student's object that keeps a reference to an argument (no defensive copy) sees later changes."""
    ns, judge = student
    student_code(ns, "class Keep:\n    def __init__(self, m):\n        self.m = m\n"
                     "class Copy:\n    def __init__(self, m):\n        self.m = np.array(m)")
    run(judge, "a = np.zeros(2)\nk = Keep(a)\nc = Copy(a)\na[0] = 5\n"
               "assert k.m[0] == 5 and k.m is a\nassert c.m[0] == 0")


def test_views_of_objects_passed_earlier_share_memory(student):
    ns, judge = student
    student_code(ns, "def shares(a, b):\n    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()")
    run(judge, "base = torch.arange(6.0)\nassert shares(base, base.view(2, 3)) is True\n"
               "assert shares(base, base[1:]) is True\nassert shares(base, base.clone()) is False")


def test_plotly_figures_come_back_with_arrays(student):
    ns, judge = student
    student_code(ns, "import plotly.graph_objects as go\n"
                     "def fig():\n"
                     "    return go.Figure([go.Scatter3d(x=np.arange(3.0), y=np.ones(3), z=np.zeros(3), name='a')])")
    judge.run_given("import plotly.graph_objects as go")
    run(judge, "f = fig()\nassert type(f) is go.Figure and type(f.data[0]) is go.Scatter3d\n"
               "assert [float(v) for v in f.data[0].x] == [0.0, 1.0, 2.0] and f.data[0].name == 'a'")


def test_tensor_rows_of_a_fortran_ordered_array_come_back(student):
    # torch.from_numpy(df[["a"]].to_numpy()) is column-major: its rows are (1,)-shaped with a stride of N
    ns, judge = student
    student_code(ns, "def rows():\n    t = torch.from_numpy(pd.DataFrame({'a': [1.0, 2.0, 3.0]})[['a']]"
                     ".to_numpy(dtype=np.float32))\n    return t[0], t[2], t")
    run(judge, "r0, r2, t = rows()\nassert type(r0) is torch.Tensor and r0.tolist() == [1.0] and r2.tolist() == [3.0]\n"
               "assert t.shape == (3, 1) and t[:, 0].tolist() == [1.0, 2.0, 3.0]")


def test_testkit_warnings_of_sees_numpy_overflow_in_the_student_process(student):
    from grading.testkit import warnings_of

    ns, judge = student
    code = ("def naive(z):\n    return 1 / (1 + np.exp(-z))\n"
            "def stable(z):\n    z = np.asarray(z, dtype=float)\n    e = np.exp(-np.abs(z))\n"
            "    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))\n")
    student_code(ns, code)
    local: dict = {"np": np}
    exec(code, local)
    out, caught = warnings_of(local["naive"], np.array([-1000.0, 0.0]))
    assert caught and "overflow" in caught[0] and out[1] == 0.5
    assert warnings_of(local["stable"], np.array([-1000.0, 0.0]))[1] == []
    run(judge, "from grading.testkit import warnings_of\n"
               "out, caught = warnings_of(naive, np.array([-1000.0, 0.0]))\n"
               "assert caught and 'overflow' in caught[0] and out[1] == 0.5\n"
               "assert warnings_of(stable, np.array([-1000.0, 1000.0]))[1] == []")


def test_student_functions_may_take_keywords_named_like_the_judges_own(student):
    ns, judge = student
    student_code(ns, "def f(x, target=0, name='a', op=None):\n    return x + target, name, op\n"
                     "class C:\n    def m(self, name, target):\n        return name * target\n")
    run(judge, "assert f(1, target=2, name='b', op='o') == (3, 'b', 'o')\nc = C()\n"
               "assert c.m(name='ab', target=2) == 'abab'")


def test_testkit_aten_ops_sees_every_route_to_a_convolution(student):
    from grading.testkit import aten_ops

    ns, judge = student
    student_code(ns, "import torch.nn.functional as F\n"
                     "def lib(x, w):\n    return F.conv2d(x, w)\n"
                     "def sneaky(x, w):\n    return getattr(torch, 'convolution')(x, w, None, [1, 1], [0, 0], [1, 1],"
                     " False, [0, 0], 1)\n"
                     "def by_hand(x, w):\n    cols = F.unfold(x, w.shape[-2:])\n"
                     "    out = (w.view(w.shape[0], -1) @ cols)\n"
                     "    return out.view(x.shape[0], w.shape[0], x.shape[2] - w.shape[2] + 1, -1)\n")
    x, w = torch.randn(1, 2, 5, 5), torch.randn(3, 2, 3, 3)
    out, ops = aten_ops(lambda a, b: torch.nn.functional.conv2d(a, b), x, w)
    assert "aten.convolution.default" in ops and out.shape == (1, 3, 3, 3)
    run(judge, "from grading.testkit import aten_ops\nx, w = torch.randn(1, 2, 5, 5), torch.randn(3, 2, 3, 3)\n"
               "for f in (lib, sneaky):\n"
               "    assert any(o.startswith('aten.convolution') for o in aten_ops(f, x, w)[1])\n"
               "out, ops = aten_ops(by_hand, x, w)\n"
               "assert not any(o.startswith('aten.convolution') for o in ops)\n"
               "assert torch.allclose(out, torch.nn.functional.conv2d(x, w), atol=1e-5)")


def test_testkit_type_name_tells_a_library_class_from_its_subclass(student):
    from grading.testkit import type_name

    ns, judge = student
    student_code(ns, "class Quiet(torch.optim.AdamW):\n    def step(self, closure=None):\n        return None\n"
                     "p = [torch.nn.Parameter(torch.zeros(2))]\nreal, fake = torch.optim.AdamW(p), Quiet(p)\n")
    assert type_name(torch.optim.AdamW([torch.nn.Parameter(torch.zeros(1))])) == "torch.optim.adamw.AdamW"
    run(judge, "from grading.testkit import type_name\n"
               "assert isinstance(fake, torch.optim.AdamW)\n"
               "assert type_name(real) == 'torch.optim.adamw.AdamW'\n"
               "assert type_name(fake) != 'torch.optim.adamw.AdamW'")


def test_testkit_call_where_runs_a_library_function_in_the_student_process(student):
    ns, judge = student
    student_code(ns, "import os\nclass Box:\n    def __len__(self):\n"
                     "        return os.getpid() % 1000 + 1\nbox = Box()\n")
    run(judge, "import os\nfrom grading.testkit import call_where\n"
               "n = call_where(box, len, box)\nassert type(n) is int and n >= 1\n"
               "try:\n    call_where(box, lambda b: 1, box)\nexcept TypeError:\n    pass\n"
               "else:\n    raise AssertionError('a lambda must be refused')\n")
    assert call_where_local() == 3


def call_where_local() -> int:
    from grading.testkit import call_where

    return call_where([1, 2, 3], len, [1, 2, 3])


def test_an_instance_of_a_given_class_is_an_instance_of_the_kernels_class(student):
    """A test builds an object of a class the given cells define; the student's isinstance check sees the kernel's
    class (the same given cell ran there), as in the lab."""
    ns, judge = student
    given = "class Box:\n    def __init__(self, v):\n        self.v = v\n"
    judge.run_given(given)
    student_code(ns, given + "def is_box(x):\n    return isinstance(x, Box) and type(x) is Box\n"
                     "def make(v):\n    return Box(v)\n")
    run(judge, "assert is_box(Box(3)) is True\nassert is_box([Box(1)][0]) is True\nassert is_box(3) is False\n")


def test_testkit_with_stale_grads_fills_grad_where_the_modules_live(student):
    from grading.testkit import with_stale_grads

    ns, judge = student
    student_code(ns, "net = torch.nn.Linear(2, 1)\n"
                     "def grads(m):\n    return [p.grad.clone() for p in m.parameters()]\n")
    local = torch.nn.Linear(2, 1)
    assert all(torch.equal(g, torch.full_like(g, 3.0)) for g in with_stale_grads([local], 3.0, lambda m: [
        p.grad for p in m.parameters()], local))
    run(judge, "from grading.testkit import with_stale_grads\n"
               "gs = with_stale_grads([net], 2.0, grads, net)\n"
               "assert len(gs) == 2 and all(torch.equal(g, torch.full_like(g, 2.0)) for g in gs)\n")

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import contextlib
import functools
import io
import logging
import operator
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch
import torch.distributed as dist
import torch.nn.functional as F
from torch import nn
from torch.export import Dim, export

import helpers
from helpers import dist as hdist

device = helpers.setup(seed=0)


@contextlib.contextmanager
def quiet():
    """Hide what a failing torch.export writes to stderr (a partial graph and warnings); errors still raise."""
    logger = logging.getLogger("torch")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        logger.setLevel(level)


# %% [markdown]
# ## 🎯 학습 목표
#
# - 입력 둘·출력 둘인 시퀀스 모델을 배치와 길이 두 축이 동적인 ONNX 파일 하나에 내보내고, ONNX Runtime 과 파이토치의 차이를
#   출력마다 상대 오차로 잰다.
# - 데이터에 따라 갈리는 `if` 가 있는 모델을 텐서 연산으로 바꿔 `torch.export` 로 뽑는다.
# - 시간 측정 함수를 시계(clock)를 바꿔 끼울 수 있게 써서, 진짜 시간 없이도 검증할 수 있게 만든다.
# - `all_reduce` 로 기울기를 직접 모으고, DDP + `DistributedSampler` 학습이 단일 프로세스 학습과 같아지는 조건을 안다.
# - 어떤 코드가 `torch.export` 를 통과하는지 직접 실험해서 찾는다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 입력 두 개의 0번 축이 같은 배치라는 것을 내보내기에 어떻게 알릴까? 학습 모드의 모델과 비교하면 무엇이 달라질까?
# 2. `if 텐서 > 0:` 은 왜 그래프로 뽑을 수 없고, 무엇으로 바꾸면 될까?
# 3. 지연 시간 함수가 옳은지 어떻게 진짜 시간 없이 확인할까?
# 4. 프로세스마다 데이터 조각의 크기가 다르면 기울기를 그냥 평균해도 될까?
# 5. `DistributedSampler` 로 섞을 때 `set_epoch` 을 빼먹으면 무엇이 달라질까?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `export_onnx(model, example_inputs, path, input_names, output_names)` 입력 여럿·출력 여럿, 배치·길이 동적 | 3 |
# | 2 | `onnx_rel_diff(path, model, inputs)` 출력마다 ONNX Runtime ↔ 파이토치 상대 오차 | 2 |
# | 3 | `export_gated(model, example)` 데이터 의존 `if` 가 있는 모델의 `torch.export` | 3 |
# | 4 | `time_call(fn, *args, warmup, reps, clock)` 중앙값 지연 시간 | 2 |
# | 5 | `average_gradients`, `allreduce_worker`, `train_allreduce` 크기가 다른 조각의 기울기 모으기 | 3 |
# | 6 | `ddp_sampler_worker`, `train_ddp` DDP + `DistributedSampler` 여러 에폭 | 3 |
# | 7 | 실험: 동적 배치로 `torch.export` 를 통과하는 모델 찾기 `EXPORTABLE` | 2 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 형식(모양, 자료형)만 확인합니다. 채점 때는 새 모델·새 입력·다른 프로세스 수로 확인하는 숨은 테스트가 더 실행됩니다.
# - 모든 계산은 CPU 에서 합니다. 채점은 시간이 아니라 값으로만 합니다. `torch.compile` 은 이 과제에 필요 없습니다.
# - 받은 텐서(입력)를 바꾸면 안 됩니다.

# %% [markdown]
# ## 1. 입력 둘, 출력 둘인 시퀀스 모델을 ONNX 로 (3점)
#
# 강의에서는 입력 하나(이미지 배치), 출력 하나, 동적 축 하나(배치)인 CNN 을 내보냈습니다. 이번 모델은 **길이가 다른 시퀀스**를
# 받습니다. 입력은 `features` `(배치, 길이, 8)` 와 `mask` `(배치, 길이)` (1 = 진짜 단계, 0 = 채운 자리) 두 개이고, 출력은 튜플
# `(logits (배치, 3), steps (배치, 길이))` 두 개입니다. 평가 모드로 건네받습니다(아래 셀).

# %%
class SeqNet(nn.Module):
    """Per-step scores and a masked-mean classifier over a padded batch of sequences."""

    def __init__(self, n_features=8, hidden=16, n_classes=3):
        super().__init__()
        self.proj = nn.Linear(n_features, hidden)
        self.norm = nn.LayerNorm(hidden)
        self.drop = nn.Dropout(0.5)
        self.step = nn.Linear(hidden, 1)
        self.head = nn.Linear(hidden, n_classes)

    def forward(self, features, mask):
        h = self.drop(torch.relu(self.norm(self.proj(features))))
        steps = self.step(h).squeeze(-1) * mask
        pooled = (h * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True).clamp(min=1.0)
        return self.head(pooled), steps


torch.manual_seed(1)
seqnet = SeqNet().eval()
seq_example = (torch.randn(2, 5, 8), torch.tensor([[1.0, 1, 1, 1, 1], [1, 1, 1, 0, 0]]))
with torch.no_grad():
    print("출력 모양:", [tuple(o.shape) for o in seqnet(*seq_example)], "| 학습 모드:", seqnet.training)


# %% [markdown]
# `export_onnx(model, example_inputs, path, input_names, output_names)` 를 완성하세요.
#
# - `model`: 평가 모드의 `nn.Module`. `forward` 는 `example_inputs` 의 텐서들을 그 순서대로 받고, 텐서들의 **튜플**을 돌려줍니다.
# - `example_inputs`: `float32` 텐서의 튜플. **모든 입력의 0번 축은 같은 배치, 1번 축은 같은 길이**입니다 (예시의 배치·길이는 2 이상).
# - `path`: 쓸 파일 경로(`str` 또는 `Path`). `torch.onnx.export(..., dynamo=True)` 로 씁니다. **파일은 그것 하나**여야 합니다
#   (`.onnx.data` 같은 파일이 옆에 생기면 안 됩니다).
# - **두 축이 동적**이어야 합니다: ONNX Runtime 에 배치 1 이상, 길이 1 이상의 어떤 크기(예: 배치 1·길이 1, 배치 7·길이 3)를 넣어도
#   돌아야 합니다. 입력마다 `dynamic_shapes` 의 사전이 하나씩 있고, **같은 이름**(또는 같은 `Dim` 객체)을 쓴 축은 같은 크기라는 뜻입니다.
# - ONNX 파일의 입력 이름은 `input_names`, 출력 이름은 `output_names` 여야 합니다 (순서대로). 채점은 이 이름으로 입력을 넣습니다.
# - 내보낸 모델의 출력은 `model` 과 같아야 합니다(출력마다 최대 절대 차이 1e-5 이하).
# - `example_inputs` 의 텐서를 바꾸면 안 됩니다(제자리 연산 금지). 돌려주는 값은 없습니다(`None`). 진행 출력이 싫으면 `verbose=False`.
#
# 채점: 숨은 테스트가 입력·출력의 수와 이름이 다른 모델(입력 셋, 출력 셋 포함)을 여러분의 함수로 내보내고, **자기 ONNX Runtime
# 세션**으로 여러 (배치, 길이) 에서 모델의 출력과 비교합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_export_onnx", "locked": false, "schema_version": 3, "solution": true}
def export_onnx(model: nn.Module, example_inputs: tuple, path, input_names: list, output_names: list) -> None:
    """Write `model` (eval mode) to one ONNX file at `path`: axes 0 (batch) and 1 (length) of every input dynamic."""
    ### BEGIN SOLUTION
    model.eval()
    axes = {0: "batch", 1: "length"}
    torch.onnx.export(model, tuple(example_inputs), str(path), dynamo=True, external_data=False, verbose=False,
                      dynamic_shapes=tuple(dict(axes) for _ in example_inputs),
                      input_names=list(input_names), output_names=list(output_names))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_export_onnx", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_dir = Path(tempfile.mkdtemp(prefix="t1_"))
export_onnx(seqnet, seq_example, _dir / "seq.onnx", ["features", "mask"], ["logits", "steps"])
assert (_dir / "seq.onnx").is_file(), "path 에 ONNX 파일이 없습니다"
assert sorted(p.name for p in _dir.iterdir()) == ["seq.onnx"], "ONNX 파일 하나만 있어야 합니다 (external_data 확인)"
_sess = ort.InferenceSession(str(_dir / "seq.onnx"), providers=["CPUExecutionProvider"])
assert [i.name for i in _sess.get_inputs()] == ["features", "mask"], "ONNX 파일의 입력 이름이 input_names 와 다릅니다"
assert [o.name for o in _sess.get_outputs()] == ["logits", "steps"], "ONNX 파일의 출력 이름이 output_names 와 다릅니다"
try:
    _out = _sess.run(None, {"features": np.random.default_rng(0).normal(size=(3, 7, 8)).astype(np.float32),
                            "mask": np.ones((3, 7), dtype=np.float32)})
except Exception:  # noqa: BLE001
    raise AssertionError("예시(배치 2, 길이 5)와 다른 배치 3, 길이 7 을 넣으면 ONNX Runtime 이 실패합니다 (동적 축 확인)") from None
assert [o.shape for o in _out] == [(3, 3), (3, 7)], "배치 3, 길이 7 에서 출력 모양이 (3, 3), (3, 7) 이어야 합니다"
### BEGIN HIDDEN TESTS
class _TriNet(nn.Module):
    """Three inputs (x, mask, weight), three outputs; a running sum over time and a masked max."""

    def __init__(self, width=6):
        super().__init__()
        self.inp = nn.Linear(4, width)
        self.bn = nn.BatchNorm1d(width)
        self.out = nn.Linear(width, 2)

    def forward(self, x, mask, weight):
        h = torch.tanh(self.bn(self.inp(x).transpose(1, 2)).transpose(1, 2))
        run = torch.cumsum(h * (mask * weight).unsqueeze(-1), dim=1)
        peak = (h + (mask.unsqueeze(-1) - 1) * 1e4).amax(dim=1)
        return self.out(peak), run.sum(-1), run


class _PairNet(nn.Module):
    def __init__(self, dim=5):
        super().__init__()
        self.emb = nn.Linear(3, dim)
        self.drop = nn.Dropout(0.7)

    def forward(self, values, keep):
        h = self.drop(self.emb(values)) * keep.unsqueeze(-1)
        return h.sum(1) / keep.sum(1, keepdim=True).clamp(min=1.0), (h ** 2).mean(-1)


def _check_onnx_file(model, examples, in_names, out_names, use_str, feat_dims, seed):
    folder = Path(tempfile.mkdtemp(prefix="t1h_"))
    target = folder / "model.onnx"
    before = [e.clone() for e in examples]
    export_onnx(model, examples, str(target) if use_str else target, list(in_names), list(out_names))
    assert all(torch.equal(a, b) for a, b in zip(examples, before)), "example_inputs 의 텐서를 바꾸면 안 됩니다"
    assert sorted(p.name for p in folder.iterdir()) == ["model.onnx"], "ONNX 파일 하나만 있어야 합니다 (external_data 확인)"
    sess = ort.InferenceSession(str(target), providers=["CPUExecutionProvider"])
    assert [i.name for i in sess.get_inputs()] == list(in_names), "ONNX 파일의 입력 이름이 input_names 와 다릅니다"
    assert [o.name for o in sess.get_outputs()] == list(out_names), "ONNX 파일의 출력 이름이 output_names 와 다릅니다"
    g = torch.Generator().manual_seed(seed)
    for n, t in ((1, 1), (1, 6), (7, 3), (4, 12)):
        xs = [torch.randn(n, t, *d, generator=g) * 2 + 0.5 if d else (torch.rand(n, t, generator=g) > 0.3).float()
              for d in feat_dims]
        for x in xs[1:]:
            if x.dim() == 2:
                x[:, 0] = 1.0  # at least one real step per sequence
        try:
            got = sess.run(None, {name: x.numpy() for name, x in zip(in_names, xs)})
        except Exception:  # noqa: BLE001
            raise AssertionError(f"배치 {n}, 길이 {t} 를 넣으면 ONNX Runtime 이 실패합니다 (배치·길이 두 축이 동적인지 확인)") from None
        with torch.no_grad():
            want = model(*xs)
        assert len(got) == len(want), "ONNX 파일의 출력 수가 모델과 다릅니다"
        for a, b in zip(got, want):
            assert a.shape == tuple(b.shape), f"배치 {n}, 길이 {t} 에서 출력 모양이 다릅니다"
            assert float(np.abs(a - b.numpy()).max()) <= 1e-5, f"배치 {n}, 길이 {t} 에서 평가 모드 모델과 출력이 다릅니다"
    return True


with contextlib.redirect_stdout(io.StringIO()):
    torch.manual_seed(5)
    _m1 = _TriNet()
    with torch.no_grad():
        for _ in range(3):
            _m1(torch.randn(8, 5, 4) * 3 - 1, torch.ones(8, 5), torch.rand(8, 5))
    _m1.eval()
    _ex1 = (torch.randn(3, 4, 4), torch.ones(3, 4), torch.rand(3, 4))
    assert _check_onnx_file(_m1, _ex1, ["seq", "valid", "w8"], ["cls", "total", "running"], True, [(4,), (), ()], 11), \
        "입력 셋·출력 셋 모델 내보내기 확인 실패"
    torch.manual_seed(6)
    _m2 = _PairNet().eval()
    _ex2 = (torch.randn(4, 3, 3), torch.ones(4, 3))
    assert _check_onnx_file(_m2, _ex2, ["v", "k"], ["pooled", "energy"], False, [(3,), ()], 12), \
        "입력 둘·출력 둘 모델 내보내기 확인 실패"
### END HIDDEN TESTS

# %% [markdown]
# ## 2. 출력마다 ONNX Runtime ↔ 파이토치 상대 오차 (2점)
#
# 강의는 출력 하나의 **최대 절대 차이**를 쟀습니다. 출력이 여럿이고 크기의 단위가 다르면(확률 0~1 과 합계 수천) 절대 차이 하나의
# 기준(예: 1e-5)은 한쪽에는 너무 엄하고 다른 쪽에는 너무 느슨합니다. 그래서 출력마다 **그 출력의 크기로 나눈 상대 오차**를 잽니다.
# `onnx_rel_diff(path, model, inputs)` 를 완성하세요.
#
# - `path`: 입력·출력이 하나 이상인 ONNX 파일. `inputs`: `{ONNX 입력 이름: float32 텐서}` 사전 (파일의 입력마다 하나, **사전의 순서는
#   파일의 입력 순서와 다를 수 있습니다**). `model`: `forward` 가 입력을 **파일의 입력 순서대로** 받고, 텐서 하나 또는 텐서의 튜플을
#   **파일의 출력 순서대로** 돌려주는 모델.
# - ONNX Runtime(`CPUExecutionProvider`)으로 `inputs` 를 돌린 출력과, **평가 모드**의 `model` 을 기울기 없이 같은 입력에 돌린 출력을
#   출력마다 비교합니다.
# - 출력마다 상대 오차 = `max|ONNX 출력 − 파이토치 출력| / max(max|파이토치 출력|, 1e-12)` (원소별로 나누는 것이 아니라, 최대 절대
#   차이를 파이토치 출력의 최대 절댓값으로 나눕니다).
# - `{ONNX 출력 이름: 상대 오차(파이썬 float)}` 사전을 파일의 출력 순서대로 돌려줍니다 (이름은 세션의 `get_outputs()` 에서 읽으세요).
# - `inputs` 의 텐서는 바꾸면 안 됩니다. 파일과 모델이 서로 다른 모델이면 오차가 크게 나오는 것이 맞는 답입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_onnx_max_diff", "locked": false, "schema_version": 3, "solution": true}
def onnx_rel_diff(path, model: nn.Module, inputs: dict) -> dict:
    """{output name: max|ONNX Runtime - model.eval()| / max|model output|} for every output of the file at `path`."""
    ### BEGIN SOLUTION
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    names_in = [i.name for i in sess.get_inputs()]
    got = sess.run(None, {name: inputs[name].detach().cpu().numpy() for name in names_in})
    model.eval()
    with torch.no_grad():
        want = model(*[inputs[name] for name in names_in])
    if isinstance(want, torch.Tensor):
        want = (want,)
    result = {}
    for out, a, b in zip(sess.get_outputs(), got, want):
        b = b.detach().cpu().numpy()
        result[out.name] = float(np.abs(a - b).max() / max(float(np.abs(b).max()), 1e-12))
    return result
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_onnx_max_diff", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_dir2 = Path(tempfile.mkdtemp(prefix="t2_"))
seqnet.eval()
with contextlib.redirect_stdout(io.StringIO()):
    torch.onnx.export(seqnet, seq_example, str(_dir2 / "seq.onnx"), dynamo=True, external_data=False, verbose=False,
                      dynamic_shapes=({0: "batch", 1: "length"}, {0: "batch", 1: "length"}),
                      input_names=["features", "mask"], output_names=["logits", "steps"])
_d = onnx_rel_diff(_dir2 / "seq.onnx", seqnet, {"features": torch.randn(4, 6, 8), "mask": torch.ones(4, 6)})
assert type(_d) is dict and list(_d) == ["logits", "steps"], "ONNX 출력 이름마다 값이 있는 dict 여야 합니다 (파일의 출력 순서)"
assert all(type(v) is float for v in _d.values()), "상대 오차는 파이썬 float 여야 합니다"
assert all(0.0 <= v <= 1e-5 for v in _d.values()), "직접 내보낸 파일과 그 모델의 상대 오차는 1e-5 이하여야 합니다"
### BEGIN HIDDEN TESTS
class _Scaled(nn.Module):
    """Two inputs; a small output and one a thousand times larger."""

    def __init__(self, hidden=4):
        super().__init__()
        self.a = nn.Linear(5, hidden)
        self.drop = nn.Dropout(0.6)
        self.b = nn.Linear(5, 1)

    def forward(self, z, w):
        h = self.drop(torch.tanh(self.a(z))) * w.unsqueeze(-1)
        return torch.softmax(h.mean(1), dim=-1), 1000.0 * (self.b(z).squeeze(-1) * w + 3.0)


def _rel(a, b):
    return float(np.abs(a - b).max() / max(float(np.abs(b).max()), 1e-12))


torch.manual_seed(21)
_a, _b = _Scaled(), _Scaled()
_a.eval()
_hdir = Path(tempfile.mkdtemp(prefix="t2h_"))
with contextlib.redirect_stdout(io.StringIO()):
    torch.onnx.export(_a, (torch.randn(2, 3, 5), torch.ones(2, 3)), str(_hdir / "a.onnx"), dynamo=True,
                      external_data=False, verbose=False, dynamic_shapes=({0: "n", 1: "t"}, {0: "n", 1: "t"}),
                      input_names=["z_in", "w_in"], output_names=["probs", "amount"])
_hs = ort.InferenceSession(str(_hdir / "a.onnx"), providers=["CPUExecutionProvider"])
_g = torch.Generator().manual_seed(3)
_z, _w = torch.randn(9, 4, 5, generator=_g) * 3, torch.rand(9, 4, generator=_g)
_inputs = {"w_in": _w, "z_in": _z}  # not in the file's input order; names differ from forward's arguments
_before = {k: v.clone() for k, v in _inputs.items()}
for _model, _big in ((_a, False), (_b, True)):
    _model.train()
    _got = onnx_rel_diff(str(_hdir / "a.onnx"), _model, _inputs)
    assert type(_got) is dict and list(_got) == ["probs", "amount"], \
        "ONNX 출력 이름마다 값이 있는 dict 여야 합니다 (파일의 출력 순서)"
    assert all(type(v) is float for v in _got.values()), "상대 오차는 파이썬 float 여야 합니다"
    _model.eval()
    _onnx = _hs.run(None, {"z_in": _before["z_in"].numpy(), "w_in": _before["w_in"].numpy()})
    with torch.no_grad():
        _torch = [o.numpy() for o in _model(_before["z_in"], _before["w_in"])]
    for _name, _o, _t in zip(["probs", "amount"], _onnx, _torch):
        _want = _rel(_o, _t)
        assert abs(_got[_name] - _want) <= 1e-7 + 1e-4 * _want, \
            "출력마다의 상대 오차가 다릅니다 (평가 모드, 파일의 입력 순서, 최대 절대 차이 / 최대 절댓값 확인)"
    if _big:
        assert min(_got.values()) > 1e-3, "다른 모델과 비교하면 상대 오차가 커야 합니다"
assert all(torch.equal(_inputs[k], _before[k]) for k in _inputs), "inputs 의 텐서를 바꾸면 안 됩니다"
# one input, one output (the model returns a single tensor)
torch.manual_seed(22)
_c = nn.Sequential(nn.Linear(6, 3), nn.ReLU(), nn.Linear(3, 2)).eval()
with contextlib.redirect_stdout(io.StringIO()):
    torch.onnx.export(_c, (torch.randn(2, 6),), str(_hdir / "c.onnx"), dynamo=True, external_data=False,
                      verbose=False, dynamic_shapes=({0: "n"},), input_names=["rows"], output_names=["scores"])
_rows = torch.randn(5, 6, generator=_g)
_gc = onnx_rel_diff(_hdir / "c.onnx", _c, {"rows": _rows})
assert type(_gc) is dict and list(_gc) == ["scores"] and type(_gc["scores"]) is float, \
    "출력이 하나(텐서 하나를 돌려주는 모델)일 때도 {출력 이름: float} 여야 합니다"
_hc = ort.InferenceSession(str(_hdir / "c.onnx"), providers=["CPUExecutionProvider"])
with torch.no_grad():
    _want_c = _rel(_hc.run(None, {"rows": _rows.numpy()})[0], _c(_rows).numpy())
assert abs(_gc["scores"] - _want_c) <= 1e-7 + 1e-4 * _want_c, "출력이 하나일 때 상대 오차가 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 3. 데이터에 따라 갈리는 `if` 를 그래프로 (3점)
#
# 아래 `GatedHead` 는 배치 **전체의 평균**이 0 보다 크면 `pos` 머리를, 아니면 `neg` 머리를 씁니다. 파이썬 `if` 가 텐서 값에 달려 있어서
# `torch.export` 는 이 모델을 그대로 뽑지 못합니다. 아래 셀이 해 봅니다.

# %%
class GatedHead(nn.Module):
    def __init__(self, d_in=6, d_out=3):
        super().__init__()
        self.body = nn.Linear(d_in, 16)
        self.pos = nn.Linear(16, d_out)
        self.neg = nn.Linear(16, d_out)

    def forward(self, x):
        h = torch.tanh(self.body(x))
        if x.mean() > 0:            # one decision for the whole batch, from the data
            return self.pos(h)
        return self.neg(h)


torch.manual_seed(2)
gated = GatedHead()
try:
    with quiet():                   # a failing export prints a partial graph to stderr
        export(gated, (torch.randn(4, 6),), dynamic_shapes=({0: Dim("batch")},))
except Exception as e:  # noqa: BLE001
    print("그대로는 실패:", type(e).__name__, "-", str(e).splitlines()[0][:90])


# %% [markdown]
# `export_gated(model, example)` 를 완성하세요. `model` 은 `GatedHead` 입니다. **모든 입력에서 `model(x)` 와 같은 값**을 내는
# `torch.export.ExportedProgram` 을 돌려줍니다.
#
# - 배치 축(0번)은 동적이어야 합니다(`Dim`). 예시와 다른 배치 크기에서도, 평균이 양수인 배치, 음수인 배치, **정확히 0 인 배치**(→ `neg`)
#   모두에서 같아야 합니다(오차 1e-6). `example` 은 바꾸면 안 됩니다.
# - `model` 의 층(`body`, `pos`, `neg`)과 가중치를 그대로 쓰세요. `GatedHead` 클래스 자체는 고치지 마세요. 새 모듈을 만들어 감싸는 것은 됩니다.
# - 방법은 자유입니다: 두 머리를 모두 계산한 뒤 텐서 연산으로 고르기, `torch.cond` 등.

# %% nbgrader={"grade": false, "grade_id": "ex_export_gated", "locked": false, "schema_version": 3, "solution": true}
def export_gated(model: GatedHead, example: torch.Tensor) -> torch.export.ExportedProgram:
    """An ExportedProgram equal to model(x) for every x (dynamic batch), without a Python `if` on data."""
    ### BEGIN SOLUTION
    class Branchless(nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, x):
            h = torch.tanh(self.inner.body(x))
            return torch.where(x.mean() > 0, self.inner.pos(h), self.inner.neg(h))

    return export(Branchless(model).eval(), (example,), dynamic_shapes=({0: Dim("batch")},))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_export_gated", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_ep = export_gated(gated, torch.randn(4, 6))
assert isinstance(_ep, torch.export.ExportedProgram), "torch.export.ExportedProgram 을 돌려주어야 합니다"
_y = _ep.module()(torch.randn(4, 6))
assert type(_y) is torch.Tensor and tuple(_y.shape) == (4, 3), "출력 모양이 (4, 3) 이어야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(31)
_gm = GatedHead(5, 2)
_ex3 = torch.randn(3, 5)
_ex3_before = _ex3.clone()
_ep = export_gated(_gm, _ex3)
assert torch.equal(_ex3, _ex3_before), "example 을 바꾸면 안 됩니다"
assert isinstance(_ep, torch.export.ExportedProgram), "torch.export.ExportedProgram 을 돌려주어야 합니다"
_run = _ep.module()
_g = torch.Generator().manual_seed(4)
_cases = [torch.randn(1, 5, generator=_g) + 2, torch.randn(1, 5, generator=_g) - 2,
          torch.randn(7, 5, generator=_g) + 1, torch.randn(7, 5, generator=_g) - 1,
          torch.randn(11, 5, generator=_g)]
_mixed = torch.randn(6, 5, generator=_g)
_mixed[:3] += 3                                    # some rows positive, some negative
_mixed[3:] -= 4
_cases.append(_mixed)
_mixed2 = _mixed.clone()
_mixed2[3:] += 2.5                                 # now the batch mean is positive
_cases.append(_mixed2)
_cases.append(torch.zeros(4, 5))                   # mean exactly 0: the neg head
_signs = set()
for _xc in _cases:
    _xin = _xc.clone()
    try:
        _got = _run(_xin)
    except Exception:  # noqa: BLE001
        raise AssertionError(f"배치 {_xc.shape[0]} 에서 내보낸 그래프가 실패합니다 (동적 배치 확인)") from None
    with torch.no_grad():
        _want = _gm(_xc)
    _signs.add(bool(_xc.mean() > 0))
    assert type(_got) is torch.Tensor and _got.shape == _want.shape, "출력 모양이 다릅니다"
    assert torch.allclose(_got, _want, atol=1e-6), "원래 모델과 출력이 다릅니다 (두 갈래, 배치 전체 평균 확인)"
assert _signs == {True, False}, "테스트 입력이 두 갈래를 모두 지나야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 4. 바꿔 끼울 수 있는 시계로 지연 시간 재기 (2점)
#
# `time_call(fn, *args, warmup=3, reps=10, clock=time.perf_counter)` 를 완성하세요.
#
# - 먼저 `fn(*args)` 를 `warmup` 번 부릅니다(재지 않음). 그다음 `reps` 번 부르며 **한 번씩 따로** 걸린 시간을 `clock()` 으로 잽니다
#   (부르기 직전과 직후의 `clock()` 값의 차이). `fn` 은 정확히 `warmup + reps` 번 불러야 합니다.
# - `clock()` 은 재는 호출마다 **직전에 한 번, 직후에 한 번**, 모두 정확히 `2 * reps` 번 읽습니다(워밍업 중에는 읽지 않습니다. 앞 호출의
#   '직후' 값을 다음 호출의 '직전' 값으로 같이 쓰지 마세요: 두 호출 사이에 걸린 시간이 섞입니다). 기본값 `warmup=3, reps=10` 도 채점합니다.
# - 돌려주는 값: `reps` 개 측정값의 **중앙값**(초, 파이썬 `float`). 짝수 개면 가운데 두 값의 평균입니다(`statistics.median` 과 같음).
# - 시간은 **반드시 `clock` 인자로** 읽습니다(`time.perf_counter` 를 직접 부르면 안 됩니다). `warmup=0` 도 됩니다. `reps` 는 1 이상입니다.
#
# 시계를 인자로 받으면, 진짜 시간 대신 가짜 시계를 넣어 함수가 옳은지 **정확히** 시험할 수 있습니다. 채점은 그렇게 합니다
# (진짜 속도는 채점하지 않습니다).

# %% nbgrader={"grade": false, "grade_id": "ex_time_call", "locked": false, "schema_version": 3, "solution": true}
def time_call(fn, *args, warmup: int = 3, reps: int = 10, clock=time.perf_counter) -> float:
    """Median seconds of `reps` separately timed calls fn(*args), after `warmup` untimed calls."""
    ### BEGIN SOLUTION
    for _ in range(warmup):
        fn(*args)
    samples = []
    for _ in range(reps):
        start = clock()
        fn(*args)
        samples.append(clock() - start)
    return float(statistics.median(samples))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_time_call", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_t = time_call(sum, [1, 2, 3], warmup=1, reps=3)
assert type(_t) is float and _t >= 0.0, "0 이상의 파이썬 float 를 돌려주어야 합니다"
# a fake clock: it reads the last item of `pending`; each call list.pop(pending) moves time to the next value
_pending = [10.0, 6.0, 3.0, 2.0, 1.0, 0.0]
_t = time_call(list.pop, _pending, warmup=1, reps=3, clock=functools.partial(operator.getitem, _pending, -1))
assert type(_t) is float and abs(_t - 1.0) < 1e-12, "가짜 시계로 잰 중앙값이 다릅니다"
### BEGIN HIDDEN TESTS
def _pop_clock(warm, durations):
    # one list serves fn and the clock: fn(list) pops one item per call, clock() pops the next stamp; in pop order:
    # `warm` items for the warm-up calls, then per timed call (before stamp, the item fn pops, after stamp), with a
    # long gap between calls; reading the clock at other moments misaligns the stamps
    order, now = [-1.0] * warm, 0.0
    for d in durations:
        order += [now, -7.0, now + d]
        now += d + 1000.0
    pending = [9e9] * 64 + order[::-1]
    return pending, functools.partial(list.pop, pending)


for _warm, _steps in ((3, [0.5, 0.1, 0.3, 0.2, 0.9, 0.4]), (0, [2.0, 0.25, 7.0]), (2, [0.75]),
                      (1, [4.0, 1.0, 2.0, 8.0, 16.0]), (None, [0.3, 0.1, 0.2, 0.6, 0.5, 0.9, 0.7, 0.4, 0.8, 1.0])):
    _pending, _clock = _pop_clock(3 if _warm is None else _warm, _steps)
    _n0 = len(_pending)
    if _warm is None:                               # the defaults: warmup=3, reps=10
        _t = time_call(list.pop, _pending, clock=_clock)
        _warm = 3
    else:
        _t = time_call(list.pop, _pending, warmup=_warm, reps=len(_steps), clock=_clock)
    assert type(_t) is float, "파이썬 float 를 돌려주어야 합니다"
    assert _n0 - len(_pending) == _warm + 3 * len(_steps), \
        "fn 은 정확히 warmup + reps 번, clock() 은 재는 호출마다 직전·직후 한 번씩 불러야 합니다 (기본값 확인)"
    assert abs(_t - statistics.median(_steps)) < 1e-9, "가짜 시계로 잰 중앙값이 다릅니다 (워밍업, 한 번씩 재기, 중앙값 확인)"
### END HIDDEN TESTS

# %% [markdown]
# ## 5. 크기가 다른 조각의 기울기를 `all_reduce` 로 직접 모으기 (3점)
#
# 강의의 DDP 는 프로세스마다 **같은 크기**의 조각을 받았고, 기울기의 단순 평균이 전역 배치의 기울기와 같았습니다. 그런데 데이터 50개를
# 프로세스 3개로 나누면 조각은 17, 17, 16개입니다. 이때 단순 평균은 전역 배치의 기울기가 아닙니다. DDP 대신 `torch.distributed.all_reduce`
# 로 기울기를 **직접** 모아서, 결과가 전체 데이터로 학습한 단일 프로세스와 같게 만드세요.

# %%
def make_regressor():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 1))


_g5 = torch.Generator().manual_seed(5)
x_reg = torch.randn(50, 5, generator=_g5)
y_reg = x_reg @ torch.tensor([[1.0], [-2.0], [0.5], [0.0], [3.0]]) + 0.1 * torch.randn(50, 1, generator=_g5)


# %% [markdown]
# 세 함수를 완성하세요. 모델은 주어진 `make_regressor()` 로 만들고(시드가 들어 있어 모든 프로세스가 같은 가중치에서 시작합니다),
# 손실은 평균 제곱 오차, 옵티마이저는 `torch.optim.SGD(model.parameters(), lr=lr)` 입니다.
#
# - `average_gradients(model, n_local, n_total)`: 이 프로세스의 기울기가 자기 조각 `n_local` 개의 **평균** 손실의 기울기일 때, 모든 프로세스의
#   기울기를 모아 **전체 `n_total` 개의 평균 손실의 기울기**로 바꿉니다(모든 프로세스에서 같은 값, `p.grad` 에 담아서). 모든 프로세스가 함께
#   불러야 합니다(`all_reduce` 는 모두가 부를 때까지 기다립니다). 조각이 0개인 프로세스도 있습니다: 그 프로세스는 순전파를 하지 마세요(빈 배치의
#   평균 손실은 NaN 이라 기울기가 NaN 이 됩니다). 그 프로세스의 기울기는 0 이거나 `None` 인 채로 `average_gradients` 를 부릅니다.
# - `allreduce_worker(rank, world_size, x, y, steps, lr)`: 자기 조각 `x[rank::world_size]`, `y[rank::world_size]` 로 `steps` 걸음 학습합니다
#   (걸음마다 조각 전체가 한 배치). 학습이 끝난 모델의 `state_dict()` 를 돌려줍니다.
# - `train_allreduce(x, y, steps, lr, world_size=2)`: `helpers.dist.run_fork` (이 노트북에서는 `hdist.run_fork`)로 `allreduce_worker` 를
#   `world_size` 개 프로세스에서 돌리고, rank 순서의 결과 리스트(각각 이름 → NumPy 배열의 dict)를 그대로 돌려줍니다.
#
# 채점: 숨은 테스트가 여러분의 `train_allreduce` 를 여러 데이터 크기와 프로세스 수(2~4)로 부르고, 모든 rank 의 가중치가 서로 같은지,
# 그리고 전체 데이터로 한 단일 프로세스 SGD 와 1e-6 안에서 같은지 봅니다. 또 채점 코드가 **직접** 프로세스들을 띄워
# ① `allreduce_worker` 를 부르되 rank 마다 자기 조각 `x[rank::world_size]` 밖의 행을 NaN 으로 가린 `x`, `y` 를 건네고(자기 조각만 읽어야 합니다),
# ② `average_gradients` 를 rank 마다 다른 기울기와 다른 `n_local` 로 불러 모든 rank 가 전체 평균을 갖는지 봅니다.
# `DistributedDataParallel` 은 쓰지 마세요(조각 크기가 달라 맞지 않습니다).

# %% nbgrader={"grade": false, "grade_id": "ex_allreduce", "locked": false, "schema_version": 3, "solution": true}
def average_gradients(model: nn.Module, n_local: int, n_total: int) -> None:
    """Turn this rank's mean-loss gradients into the gradients of the mean loss over all n_total samples."""
    ### BEGIN SOLUTION
    for p in model.parameters():
        if p.grad is None:
            p.grad = torch.zeros_like(p)
        p.grad.mul_(n_local)
        dist.all_reduce(p.grad, op=dist.ReduceOp.SUM)
        p.grad.div_(n_total)
    ### END SOLUTION


def allreduce_worker(rank: int, world_size: int, x: torch.Tensor, y: torch.Tensor, steps: int, lr: float) -> dict:
    """Train make_regressor() on the shard x[rank::world_size] with hand-averaged gradients; return its state_dict."""
    ### BEGIN SOLUTION
    model = make_regressor()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    xs, ys = x[rank::world_size], y[rank::world_size]
    for _ in range(steps):
        opt.zero_grad()
        if len(xs):
            F.mse_loss(model(xs), ys).backward()
        average_gradients(model, len(xs), len(x))
        opt.step()
    return model.state_dict()
    ### END SOLUTION


def train_allreduce(x: torch.Tensor, y: torch.Tensor, steps: int, lr: float, world_size: int = 2) -> list:
    """Run allreduce_worker in world_size forked processes; the results by rank."""
    ### BEGIN SOLUTION
    return hdist.run_fork(allreduce_worker, world_size, x, y, steps, lr)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_allreduce", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_res = train_allreduce(x_reg, y_reg, steps=3, lr=0.05, world_size=3)
assert type(_res) is list and len(_res) == 3, "rank 순서의 결과 리스트(길이 world_size)를 돌려주어야 합니다"
assert type(_res[0]) is dict and sorted(_res[0]) == sorted(make_regressor().state_dict()), "각 결과는 state_dict 의 이름을 키로 가진 dict 여야 합니다"
assert all(type(v) is np.ndarray for v in _res[0].values()), "값은 NumPy 배열이어야 합니다 (run_fork 가 바꿔 줍니다)"
### BEGIN HIDDEN TESTS
def _reference_regressor(x, y, steps, lr):
    model = make_regressor()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    for _ in range(steps):
        opt.zero_grad()
        F.mse_loss(model(x), y).backward()
        opt.step()
    return {k: v.numpy() for k, v in model.state_dict().items()}


_gh = torch.Generator().manual_seed(55)
for _n, _world, _steps, _lr in ((50, 3, 12, 0.05), (48, 2, 8, 0.1), (7, 4, 5, 0.2), (3, 4, 4, 0.1)):
    _xh = torch.randn(_n, 5, generator=_gh)
    _yh = torch.randn(_n, 1, generator=_gh)
    _xb, _yb = _xh.clone(), _yh.clone()
    _res = train_allreduce(_xh, _yh, steps=_steps, lr=_lr, world_size=_world)
    assert torch.equal(_xh, _xb) and torch.equal(_yh, _yb), "입력 x, y 를 바꾸면 안 됩니다"
    assert type(_res) is list and len(_res) == _world, "rank 순서의 결과 리스트(길이 world_size)를 돌려주어야 합니다"
    _ref = _reference_regressor(_xb, _yb, _steps, _lr)
    for _r in _res:
        assert type(_r) is dict and sorted(_r) == sorted(_ref), "각 결과는 state_dict 의 이름을 키로 가진 dict 여야 합니다"
        for _k, _v in _ref.items():
            assert type(_r[_k]) is np.ndarray and _r[_k].shape == _v.shape, "값은 같은 모양의 NumPy 배열이어야 합니다"
            assert np.array_equal(_r[_k], _res[0][_k]), "rank 마다 가중치가 다릅니다 (all_reduce 확인)"
            assert np.allclose(_r[_k], _v, rtol=0, atol=1e-6), "전체 데이터로 한 단일 프로세스 학습과 결과가 다릅니다"
from grading.testkit import call_where

# each rank sees only its own shard (other rows NaN): equal to the single process only with real communication
for _n, _world, _steps, _lr in ((22, 3, 6, 0.1), (5, 4, 4, 0.2)):
    _xh = torch.randn(_n, 5, generator=_gh)
    _yh = torch.randn(_n, 1, generator=_gh)
    _shards = [list(range(_r, _n, _world)) for _r in range(_world)]
    try:
        _res = call_where(allreduce_worker, hdist.run_sharded, allreduce_worker, _world, _xh, _yh, _shards, _steps, _lr)
    except Exception:  # noqa: BLE001
        raise AssertionError("채점 코드가 띄운 프로세스에서 allreduce_worker 가 실패합니다") from None
    _ref = _reference_regressor(_xh, _yh, _steps, _lr)
    for _r in _res:
        assert type(_r) is dict and sorted(_r) == sorted(_ref), "각 결과는 state_dict 의 이름을 키로 가진 dict 여야 합니다"
        for _k, _v in _ref.items():
            assert np.allclose(_r[_k], _v, rtol=0, atol=1e-6), ("자기 조각만 보이게 하면 단일 프로세스 학습과 결과가 다릅니다 "
                                                                 "(자기 조각만 읽고 all_reduce 로 모으는지 확인)")
# average_gradients on its own: different gradients and uneven n_local on every rank
for _ns, _seed in (([3, 0, 5], 1), ([1, 4], 2), ([2, 2, 1, 6], 3)):
    try:
        _out = call_where(average_gradients, hdist.probe_average_gradients, average_gradients, _ns, _seed)
    except Exception:  # noqa: BLE001
        raise AssertionError("채점 코드가 띄운 프로세스에서 average_gradients 가 실패합니다") from None
    for _j in range(len(_out[0]["sent"])):
        _want = sum(_ns[_r] * torch.as_tensor(_out[_r]["sent"][_j]) for _r in range(len(_ns))) / sum(_ns)
        for _r in range(len(_ns)):
            _got = _out[_r]["got"][_j]
            assert _got is not None and torch.allclose(torch.as_tensor(_got), _want, atol=1e-6), \
                "average_gradients 뒤 모든 rank 의 기울기가 전체 n_total 개의 평균 손실의 기울기여야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 6. DDP + `DistributedSampler` 로 여러 에폭 (3점)
#
# 실제 DDP 학습 코드는 `DataLoader` 에 `DistributedSampler` 를 붙여 프로세스마다 다른 샘플을 읽게 합니다. 섞을 때(`shuffle=True`)
# 샘플러는 `seed + epoch` 으로 순서를 정하므로, 에폭마다 `sampler.set_epoch(epoch)` 을 불러야 순서가 바뀝니다.

# %%
def make_classifier():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(10, 16), nn.ReLU(), nn.Linear(16, 4))


_g6 = torch.Generator().manual_seed(6)
x_cls = torch.randn(64, 10, generator=_g6)
y_cls = torch.randint(0, 4, (64,), generator=_g6)


# %% [markdown]
# 두 함수를 완성하세요. 모델은 `make_classifier()`, 손실은 `F.cross_entropy`(평균), 옵티마이저는 `torch.optim.SGD(..., lr=lr)` 입니다.
#
# - `ddp_sampler_worker(rank, world_size, x, y, epochs, global_batch, lr)`: 모델을 `DistributedDataParallel` 로 감싸고,
#   `DistributedSampler(TensorDataset(x, y), shuffle=True, seed=0)` (그 밖의 인자는 기본값)와 `DataLoader(..., batch_size=global_batch // world_size)`
#   로 `epochs` 에폭 학습합니다. 에폭마다 `set_epoch(epoch)` (0 부터). 끝난 모델의 `state_dict()` (감싸기 전 모델의 이름)를 돌려줍니다.
# - `train_ddp(x, y, epochs, global_batch, lr, world_size=2)`: `hdist.run_fork` 로 위 함수를 돌려 rank 순서의 결과 리스트를 돌려줍니다.
#
# 데이터 수는 `global_batch` 로, `global_batch` 는 `world_size` 로 나누어떨어집니다. 채점: 모든 rank 의 가중치가 같고, **샘플러와 같은
# 순서로 섞은 전역 배치**로 단일 프로세스에서 학습한 결과와 1e-6 안에서 같아야 합니다. 또 채점 코드가 직접 프로세스들을 띄워 1 에폭짜리
# `ddp_sampler_worker` 를 부르되, rank 마다 **자기 샘플러 조각 밖의 행을 가린**(`x` 는 NaN, `y` 는 -1) 데이터를 건넵니다. 샘플러가 준 행만
# 읽으면 결과가 그대로입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_ddp_sampler", "locked": false, "schema_version": 3, "solution": true}
def ddp_sampler_worker(rank: int, world_size: int, x: torch.Tensor, y: torch.Tensor, epochs: int, global_batch: int,
                       lr: float) -> dict:
    """DDP(make_classifier()) trained with a shuffled DistributedSampler (seed 0, set_epoch each epoch)."""
    ### BEGIN SOLUTION
    from torch.nn.parallel import DistributedDataParallel
    from torch.utils.data import DataLoader, DistributedSampler, TensorDataset

    model = DistributedDataParallel(make_classifier())
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    sampler = DistributedSampler(TensorDataset(x, y), shuffle=True, seed=0)
    loader = DataLoader(TensorDataset(x, y), batch_size=global_batch // world_size, sampler=sampler)
    for epoch in range(epochs):
        sampler.set_epoch(epoch)
        for xb, yb in loader:
            opt.zero_grad()
            F.cross_entropy(model(xb), yb).backward()
            opt.step()
    return model.module.state_dict()
    ### END SOLUTION


def train_ddp(x: torch.Tensor, y: torch.Tensor, epochs: int, global_batch: int, lr: float, world_size: int = 2) -> list:
    """Run ddp_sampler_worker in world_size forked processes; the results by rank."""
    ### BEGIN SOLUTION
    return hdist.run_fork(ddp_sampler_worker, world_size, x, y, epochs, global_batch, lr)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_ddp_sampler", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_res = train_ddp(x_cls, y_cls, epochs=1, global_batch=16, lr=0.1)
assert type(_res) is list and len(_res) == 2, "rank 순서의 결과 리스트(길이 world_size)를 돌려주어야 합니다"
assert type(_res[0]) is dict and sorted(_res[0]) == sorted(make_classifier().state_dict()), "감싸기 전 모델의 state_dict 이름이어야 합니다"
### BEGIN HIDDEN TESTS
def _reference_classifier(x, y, epochs, global_batch, lr):
    model = make_classifier()
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    for epoch in range(epochs):
        order = torch.randperm(len(x), generator=torch.Generator().manual_seed(0 + epoch))
        for start in range(0, len(x), global_batch):
            idx = order[start:start + global_batch]
            opt.zero_grad()
            F.cross_entropy(model(x[idx]), y[idx]).backward()
            opt.step()
    return {k: v.numpy() for k, v in model.state_dict().items()}


_gh6 = torch.Generator().manual_seed(66)
for _n, _world, _epochs, _gb, _lr in ((48, 2, 3, 8, 0.2), (48, 4, 2, 16, 0.3), (36, 3, 2, 6, 0.1)):
    _xh = torch.randn(_n, 10, generator=_gh6)
    _yh = torch.randint(0, 4, (_n,), generator=_gh6)
    _xb, _yb = _xh.clone(), _yh.clone()
    _res = train_ddp(_xh, _yh, epochs=_epochs, global_batch=_gb, lr=_lr, world_size=_world)
    assert torch.equal(_xh, _xb) and torch.equal(_yh, _yb), "입력 x, y 를 바꾸면 안 됩니다"
    assert type(_res) is list and len(_res) == _world, "rank 순서의 결과 리스트(길이 world_size)를 돌려주어야 합니다"
    _ref = _reference_classifier(_xb, _yb, _epochs, _gb, _lr)
    for _r in _res:
        assert type(_r) is dict and sorted(_r) == sorted(_ref), "감싸기 전 모델의 state_dict 이름이어야 합니다"
        for _k, _v in _ref.items():
            assert type(_r[_k]) is np.ndarray and _r[_k].shape == _v.shape, "값은 같은 모양의 NumPy 배열이어야 합니다"
            assert np.array_equal(_r[_k], _res[0][_k]), "rank 마다 가중치가 다릅니다 (DDP 감싸기 확인)"
            assert np.allclose(_r[_k], _v, rtol=0, atol=1e-6), "같은 전역 배치의 단일 프로세스 학습과 결과가 다릅니다 (샘플러, set_epoch, 배치 크기 확인)"
from torch.utils.data import DistributedSampler as _DS

from grading.testkit import call_where

# one epoch where each rank sees only the rows its DistributedSampler gives it (others NaN / -1)
for _n, _world, _gb, _lr in ((24, 2, 8, 0.2), (36, 3, 12, 0.3)):
    _xh = torch.randn(_n, 10, generator=_gh6)
    _yh = torch.randint(0, 4, (_n,), generator=_gh6)
    _shards = [list(_DS(range(_n), num_replicas=_world, rank=_r, shuffle=True, seed=0)) for _r in range(_world)]
    try:
        _res = call_where(ddp_sampler_worker, hdist.run_sharded, ddp_sampler_worker, _world, _xh, _yh, _shards, 1, _gb, _lr)
    except Exception:  # noqa: BLE001
        raise AssertionError("자기 샘플러 조각만 보이게 하면 ddp_sampler_worker 가 실패합니다 (DistributedSampler 가 준 행만 읽는지 확인)") from None
    _ref = _reference_classifier(_xh, _yh, 1, _gb, _lr)
    for _r in _res:
        assert type(_r) is dict and sorted(_r) == sorted(_ref), "감싸기 전 모델의 state_dict 이름이어야 합니다"
        for _k, _v in _ref.items():
            assert np.allclose(_r[_k], _v, rtol=0, atol=1e-6), "자기 샘플러 조각만 보이게 하면 단일 프로세스 학습과 결과가 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 7. 실험: 어떤 코드가 `torch.export` 를 통과할까? (2점)
#
# 아래 `CANDIDATES` 의 모듈 여섯 개는 `forward` 의 모양만 다릅니다. 각각을 **배치 축 동적**으로 내보내 보세요:
#
# ```python
# export(CANDIDATES[name](), (torch.randn(4, 6),), dynamic_shapes=({0: Dim("batch")},))
# ```

# %%
class DataBranch(nn.Module):
    def forward(self, x):
        return x * 2 if x.sum() > 0 else x - 1


class FeatureBranch(nn.Module):
    def forward(self, x):
        return x * 2 if x.shape[1] == 6 else x - 1


class PythonFloat(nn.Module):
    def forward(self, x):
        return x / float(x.abs().max())


class HalfBatch(nn.Module):
    def forward(self, x):
        return x[: x.shape[0] // 2] * 2


class MaskSelect(nn.Module):
    def forward(self, x):
        return x[x[:, 0] > 0].sum(0)


class LoopFeatures(nn.Module):
    def forward(self, x):
        total = torch.zeros_like(x[:, 0])
        for j in range(x.shape[1]):
            total = total + x[:, j] * j
        return total


CANDIDATES = {"data_branch": DataBranch, "feature_branch": FeatureBranch, "python_float": PythonFloat,
              "half_batch": HalfBatch, "mask_select": MaskSelect, "loop_features": LoopFeatures}

# %% [markdown]
# 예외 없이 `ExportedProgram` 이 나오는 것의 이름을 모아 `EXPORTABLE` (문자열의 `set`)에 담으세요. 짐작하지 말고 **직접 돌려서** 찾습니다.
# 실패하는 내보내기는 부분 그래프와 경고를 표준 오류에 길게 찍으니, 맨 위에서 정의한 `with quiet():` 안에서 부르면 깔끔합니다(예외는 그대로 납니다).
# 채점 환경이 같은 코드로 다시 내보내 보고 비교합니다. 답 셀에는 실험 코드와 결과 `EXPORTABLE` 을 함께 두세요: 답 셀은 채점 커널에서
# 다시 실행되고, 무엇이 통과하는지는 torch 버전에 따라 바뀔 수 있어서, 다른 버전에서 얻어 손으로 적어 둔 집합은 틀릴 수 있습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_exportable", "locked": false, "schema_version": 3, "solution": true}
EXPORTABLE = set()
### BEGIN SOLUTION
for _name, _cls in CANDIDATES.items():
    try:
        with quiet():
            export(_cls(), (torch.randn(4, 6),), dynamic_shapes=({0: Dim("batch")},))
    except Exception:  # noqa: BLE001
        continue
    EXPORTABLE.add(_name)
### END SOLUTION
print("내보낼 수 있는 것:", sorted(EXPORTABLE))

# %% nbgrader={"grade": true, "grade_id": "test_exportable", "locked": true, "points": 2, "schema_version": 3, "solution": false}
assert type(EXPORTABLE) is set and all(type(n) is str for n in EXPORTABLE), "EXPORTABLE 은 문자열의 set 이어야 합니다"
assert set(CANDIDATES) >= EXPORTABLE, "CANDIDATES 에 없는 이름이 있습니다"
### BEGIN HIDDEN TESTS
_expected = set()
for _name, _cls in CANDIDATES.items():
    try:
        with quiet():
            export(_cls(), (torch.randn(4, 6),), dynamic_shapes=({0: Dim("batch")},))
    except Exception:  # noqa: BLE001
        continue
    _expected.add(_name)
assert len(_expected) in range(1, len(CANDIDATES)), "채점 환경의 torch.export 결과가 예상 밖입니다"
assert _expected == EXPORTABLE, "다시 내보내 본 결과와 다릅니다 (하나씩 직접 돌려 보세요)"
### END HIDDEN TESTS

# %% [markdown]
# ## 📝 정리
#
# 과제를 마쳤다면 단서 질문에 스스로 답해 보세요.
#
# 1. 입력마다 `dynamic_shapes` 사전을 주고 0번 축에 모두 같은 이름(또는 같은 `Dim`)을 씁니다. (이름을 따로 붙여도 모델 안에서
#    두 입력이 곱해지면 `torch.export` 가 같은 크기라고 추론하지만, 같은 이름이 뜻을 분명히 합니다.) 비교의 기준은 평가 모드입니다: 학습 모드의 드롭아웃·배치 정규화는 부를 때마다, 배치에 따라 다른 값을 냅니다.
#    출력의 크기가 다르면 출력마다 그 크기로 나눈 상대 오차로 봅니다.
# 2. 그래프는 예시 입력으로 한 번 실행해서 뽑기 때문에, 값에 따라 갈리는 파이썬 `if` 는 한쪽만 남길 수 없습니다. 두 갈래를 모두 계산하고
#    `torch.where` 로 고르거나 `torch.cond` 를 씁니다.
# 3. 시계를 인자로 받아 가짜 시계를 넣습니다. 호출 수와 측정값이 정해지므로 답이 정확히 하나입니다.
# 4. 안 됩니다. 조각 크기로 가중한 합을 모아 전체 수로 나눠야 전체 데이터의 평균 손실의 기울기가 됩니다.
# 5. 에폭마다 같은 순서로 섞여서, 샘플러가 약속한 순서(그리고 단일 프로세스 학습)와 결과가 달라집니다.

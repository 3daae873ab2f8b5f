# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from tqdm.auto import tqdm

import helpers

device = helpers.setup(seed=0)
mnist = helpers.data.load_mnist()
fashion = helpers.data.load_fashion_mnist()
BUDGET = 25_000
WIDTHS = (4, 8, 16)


# %% [markdown]
# ## 🎯 학습 목표
#
# - 정해진 **매개변수 예산** 안에서 MNIST 와 Fashion-MNIST 를 분류하는 작은 합성곱 신경망(CNN)을 설계하고 학습한다.
# - 학습할 매개변수·동결된 매개변수·버퍼를 구별해 모델의 크기를 센다.
# - 전처리·평가 모드·`no_grad`·배치 처리를 한곳에 모은 `predict` 로, 처음 보는 이미지에서 정확도를 잰다.
# - 혼동 행렬에서 가장 많이 헷갈린 클래스 쌍을 찾고, 첫 합성곱 층의 커널(필터, filter)을 그려 모델을 들여다본다.
# - 모델 폭(채널 수)에 따라 크기와 정확도가 어떻게 바뀌는지 실험하고 그 결과를 보고한다.
#
# ## 🤔 단서 질문
#
# 1. 784-256-128-10 MLP 는 매개변수가 몇 개일까? 같은 예산이면 MLP 와 CNN 중 무엇이 더 정확할까?
# 2. 동결한 층이나 버퍼에 숨긴 가중치도 모델의 크기일까?
# 3. 학습 때와 평가 때의 전처리가 다르면, 또는 `eval()` 을 잊으면 정확도는 어떻게 될까?
# 4. Fashion-MNIST 의 모델은 어떤 옷을 서로 헷갈릴까? 첫 층의 커널은 무엇을 찾을까?
# 5. 채널 수를 두 배로 늘리면 매개변수와 정확도는 각각 얼마나 바뀔까?

# %% [markdown]
# ## 과제 안내
#
# 강의 노트북 `19_capstone_mnist` 의 프로젝트 설명을 먼저 읽으세요. 이 과제는 그 프로젝트입니다.
#
# | 문제 | 할 것 | 배점 |
# |---|---|---|
# | 1 | `count_params` 학습·동결 매개변수와 버퍼의 수 | 2 |
# | 2 | `preprocess` uint8 이미지를 모델 입력으로 | 1 |
# | 3 | `predict` 전처리·평가 모드·배치 처리를 한곳에 | 3 |
# | 4 | `mnist_model` 예산 안의 CNN, 처음 보는 MNIST 에서 **95%** | 3 |
# | 5 | `fashion_model` 예산 안의 CNN, 처음 보는 Fashion-MNIST 에서 **90%** | 4 |
# | 6 | `top_confusions` 가장 많이 헷갈린 클래스 쌍 | 2 |
# | 7 | `first_conv_filters` 첫 합성곱 층 커널 시각화 | 2 |
# | 8 | 실험: 폭에 따른 크기와 정확도 `width_results` | 3 |
#
# **평가 규칙** (숨은 테스트가 이대로 확인합니다):
#
# - **예산**: 모델 하나의 크기 = 모든 매개변수(학습하는 것과 동결한 것 모두) + 모든 버퍼(배치 정규화의 이동 평균 등)의
#   원소 수, 공유된 텐서는 한 번만 셉니다 (= 문제 1 의 `"total"`). 이 크기가 **`BUDGET` = 25,000 이하**여야 합니다.
#   동결한 층이나 버퍼도 모델이 저장하고 계산에 쓰는 수이므로 예산에 들어갑니다.
# - **등록**: 모델이 가지고 쓰는 텐서는 **모두 등록된 매개변수나 버퍼**여야 하고, 층은 모두 등록된 하위 모듈이어야 합니다
#   (`nn.Parameter`, `register_buffer`, 모듈 속성, `nn.ModuleList`/`nn.ModuleDict`). 채점 코드는 모델의 `parameters()` 같은
#   메서드가 아니라 PyTorch 가 모듈에 등록해 둔 것을 직접 셉니다. 파이썬 `list`·`dict`·튜플이나 `object.__setattr__`, 함수의
#   클로저에 넣어 둔 텐서나 층이 있으면 예산을 넘은 것으로 봅니다 (같은 층을 가리키기만 하는 `list` 는 괜찮습니다. 옛
#   `torch.nn.utils.weight_norm` 은 계산한 가중치를 등록하지 않고 들고 있으므로 `torch.nn.utils.parametrizations.weight_norm`
#   을 쓰세요).
# - **모델 입력**: 모델은 `preprocess` 의 출력과 같은 입력, 곧 `/255` 로 0 ~ 1 로 바꾼 float32 `(N, 1, 28, 28)` 을 받아
#   `(N, 10)` **로짓**을 돌려줍니다. 정규화(평균·표준편차)가 더 필요하면 모델 안에서 하세요. 마지막에 `nn.Softmax` 를 붙여
#   확률을 돌려주면 안 됩니다 (채점 코드는 모든 행이 0 ~ 1 이고 합이 1 인 출력을 확률로 보고 거절합니다. `log_softmax` 는 됩니다).
# - **채점 데이터**: 정확도는 여러분에게 없는 **처음 보는 이미지**(MNIST 1000장, Fashion-MNIST 1000장, 클래스마다 100장)로
#   채점 코드가 직접 잽니다. 모델은 평가 모드로 바꿔 씁니다. 시간으로는 채점하지 않습니다.
# - **학습 예산**은 에포크로 적습니다 (문제 4: 3 에포크, 문제 5: 4 에포크를 권합니다). 더 오래 학습해도 되지만 채점도
#   그만큼 오래 걸립니다. 학습은 답 셀 안에서 하고, 테스트 셀은 학습된 모델을 평가하기만 합니다.
# - 모든 계산은 `device` 에서 합니다 (`COURSE_DEVICE=cuda` 로 GPU 에서도 돌아가야 합니다).
# - 보이는 테스트는 형식만 확인합니다. 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래
#   테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.

# %% [markdown]
# ## 문제 1. 모델의 크기 세기 (2점)
#
# `count_params(model)` 은 `nn.Module` 을 받아 다음 네 키를 가진 `dict` 를 돌려줍니다. 값은 모두 **파이썬 `int`** 입니다.
#
# | 키 | 뜻 |
# |---|---|
# | `"trainable"` | `requires_grad=True` 인 매개변수의 원소 수 (옵티마이저가 갱신하는 수) |
# | `"frozen"` | `requires_grad=False` 인 (동결한) 매개변수의 원소 수 |
# | `"buffers"` | 버퍼(`model.buffers()`: 배치 정규화의 `running_mean`, `running_var`, `num_batches_tracked` 등)의 원소 수 |
# | `"total"` | 위 셋의 합 = 예산에 들어가는 크기 |
#
# - 두 층이 같은 매개변수 객체를 공유하면(가중치 공유) **한 번만** 셉니다. `model.parameters()` 와 `model.buffers()` 는
#   이미 중복을 한 번만 돌려줍니다.
# - 모델을 바꾸지 마세요 (`requires_grad` 도, 학습/평가 모드도).

# %% nbgrader={"grade": false, "grade_id": "ex_count_params", "locked": false, "schema_version": 3, "solution": true}
def count_params(model: nn.Module) -> dict[str, int]:
    """Element counts of trainable and frozen parameters and of buffers (shared tensors once), plus their total."""
    ### BEGIN SOLUTION
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    frozen = sum(p.numel() for p in model.parameters() if not p.requires_grad)
    buffers = sum(b.numel() for b in model.buffers())
    return {"trainable": int(trainable), "frozen": int(frozen), "buffers": int(buffers),
            "total": int(trainable + frozen + buffers)}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_count_params", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_c = count_params(nn.Linear(3, 2))
assert type(_c) is dict and set(_c) == {"trainable", "frozen", "buffers", "total"}, "키가 네 개(trainable, frozen, buffers, total)인 dict 를 돌려주세요"
assert all(type(v) is int for v in _c.values()), "값은 모두 파이썬 int 여야 합니다"
assert _c["trainable"] == 8 and _c["total"] == 8, "Linear(3, 2) 는 가중치 6개 + 편향 2개입니다"
### BEGIN HIDDEN TESTS
def _expect(m):
    tr = sum(p.numel() for p in m.parameters() if p.requires_grad)
    fr = sum(p.numel() for p in m.parameters() if not p.requires_grad)
    bu = sum(b.numel() for b in m.buffers())
    return {"trainable": tr, "frozen": fr, "buffers": bu, "total": tr + fr + bu}


torch.manual_seed(3)
_frozen = nn.Sequential(nn.Conv2d(1, 4, 3), nn.BatchNorm2d(4), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 26 * 26, 10))
_frozen[0].requires_grad_(False)
_shared_lin = nn.Linear(5, 5)
_tied = nn.Sequential(_shared_lin, nn.ReLU(), _shared_lin, nn.Linear(5, 3))
_emb = nn.Embedding(7, 3)
_head = nn.Linear(3, 7, bias=False)
_head.weight = _emb.weight                                          # weight tying
_tied_lm = nn.Sequential(_emb, _head)
_nested = nn.Sequential(nn.Sequential(nn.Conv2d(1, 2, 3, bias=False), nn.BatchNorm2d(2, affine=False)),
                        nn.Sequential(nn.Flatten(), nn.Linear(2 * 6 * 6, 4)))
_nested[1][1].bias.requires_grad_(False)
_mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
_cases = [_frozen, _tied, _tied_lm, _nested, nn.ReLU(), nn.BatchNorm1d(6), _mlp]
for _i, _m in enumerate(_cases):
    _flags = [p.requires_grad for p in _m.parameters()]
    _m.train(_i % 2 == 0)                                           # half of the models in training mode, half in eval
    _got = count_params(_m)
    assert [sm.training for sm in _m.modules()] == [_i % 2 == 0] * len(list(_m.modules())), "count_params 가 모델의 학습/평가 모드를 바꾸면 안 됩니다"
    assert type(_got) is dict and set(_got) == {"trainable", "frozen", "buffers", "total"}, "키가 네 개인 dict 를 돌려주세요"
    assert all(type(v) is int for v in _got.values()), "값은 모두 파이썬 int 여야 합니다"
    _want = _expect(_m)
    for _k in ("trainable", "frozen", "buffers", "total"):
        assert _got[_k] == _want[_k], f"채점용 모델에서 {_k!r} 의 수가 다릅니다 (동결, 버퍼, 공유된 가중치를 확인하세요)"
    assert [p.requires_grad for p in _m.parameters()] == _flags, "모델의 requires_grad 를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# 확인 셀 (채점하지 않음): 07 단원의 784-256-128-10 MLP 는 예산의 몇 배일까요?

# %%
mlp = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
print("07 단원의 784-256-128-10 MLP:", count_params(mlp), "| 예산:", BUDGET)


# %% [markdown]
# ## 문제 2. 전처리 (1점)
#
# `preprocess(x)` 는 uint8 이미지 배치 `(N, 28, 28)` (NumPy 배열 또는 torch 텐서, `N` 은 0 일 수도 있습니다)를 받아
# 모델 입력을 돌려줍니다.
#
# - 반환: **CPU 위의 float32 `torch.Tensor`**, 모양 `(N, 1, 28, 28)`, 값 = 픽셀 `/ 255` (0 ~ 1). 평균·표준편차로 더 정규화하지
#   않습니다 (필요하면 모델 안에서 하세요).
# - 넘겨받은 `x` 를 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_preprocess", "locked": false, "schema_version": 3, "solution": true}
def preprocess(x) -> torch.Tensor:
    """uint8 images (N, 28, 28) as array or tensor -> float32 CPU tensor (N, 1, 28, 28) in [0, 1]."""
    ### BEGIN SOLUTION
    return torch.as_tensor(x).to("cpu", torch.float32).unsqueeze(1) / 255
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_preprocess", "locked": true, "points": 1, "schema_version": 3, "solution": false}
_p = preprocess(mnist.x_train[:3])
assert type(_p) is torch.Tensor, "torch.Tensor 를 돌려주세요"
assert tuple(_p.shape) == (3, 1, 28, 28) and _p.dtype == torch.float32, "float32 (N, 1, 28, 28) 이어야 합니다"
### BEGIN HIDDEN TESTS
_g = np.random.default_rng(4)
for _n in (0, 1, 5, 33):
    _xn = _g.integers(0, 256, size=(_n, 28, 28), dtype=np.uint8)
    for _x in (_xn, torch.from_numpy(_xn.copy())):
        _x0 = _x.copy() if isinstance(_x, np.ndarray) else _x.clone()
        _out = preprocess(_x)
        assert type(_out) is torch.Tensor, "torch.Tensor 를 돌려주세요"
        assert _out.dtype == torch.float32 and _out.device.type == "cpu", "CPU 위의 float32 텐서여야 합니다"
        assert tuple(_out.shape) == (_n, 1, 28, 28), f"N={_n} 에서 모양이 (N, 1, 28, 28) 이 아닙니다"
        assert torch.allclose(_out, torch.from_numpy(_xn.astype(np.float32) / np.float32(255))[:, None], atol=1e-6), "값은 픽셀 / 255 여야 합니다"
        _same = np.array_equal(_x, _x0) if isinstance(_x, np.ndarray) else torch.equal(_x, _x0)
        assert _same, "넘겨받은 x 를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. 예측 함수 (3점)
#
# `predict(model, x, batch_size=256)` 은 학습된 모델과 uint8 이미지 `(N, 28, 28)` (NumPy 배열 또는 torch 텐서)를 받아
# 이미지마다 예측한 클래스 번호를 돌려줍니다. 전처리와 평가에 필요한 일을 이 함수가 모두 맡습니다:
#
# - `preprocess` 로 입력을 바꾸고, 모델을 **평가 모드**(`model.eval()`)로 두고, `torch.no_grad()` 안에서 계산합니다.
#   (드롭아웃과 배치 정규화가 있는 모델에서 평가 모드를 잊으면 예측이 달라집니다.)
# - 입력을 모델 매개변수가 있는 장치로 옮겨 앞에서부터 순서대로 **`batch_size` 장씩** 나누어 넣습니다 (기본값 256 이 아니라
#   넘겨받은 `batch_size`). 마지막 묶음만 더 작을 수 있습니다 (`N` 이 `batch_size` 의 배수가 아니어도, `N = 0` 이어도 됩니다).
#   숨은 테스트는 모델이 불릴 때마다 묶음의 크기와 기울기 추적이 꺼졌는지(`torch.no_grad()`)를 확인합니다.
# - 반환: **CPU 위의 `torch.int64` 텐서**, 모양 `(N,)` (로짓이나 확률이 아니라 argmax 한 클래스 번호).
# - 넘겨받은 `x` 와 모델의 가중치를 바꾸지 마세요. 함수가 끝난 뒤 모델은 평가 모드로 남아 있어도 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_predict", "locked": false, "schema_version": 3, "solution": true}
def predict(model: nn.Module, x, batch_size: int = 256) -> torch.Tensor:
    """Predicted class ids (int64, CPU, shape (N,)) for uint8 images, in eval mode, without gradients, in batches."""
    ### BEGIN SOLUTION
    inputs = preprocess(x)
    model_device = next(model.parameters()).device
    model.eval()
    out = [torch.empty(0, dtype=torch.int64)]
    with torch.no_grad():
        for i in range(0, len(inputs), batch_size):
            out.append(model(inputs[i:i + batch_size].to(model_device)).argmax(dim=1).cpu())
    return torch.cat(out)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_predict", "locked": true, "points": 3, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_net = nn.Sequential(nn.Flatten(), nn.Linear(784, 10)).to(device)
_pred = predict(_net, mnist.x_test[:10])
assert type(_pred) is torch.Tensor, "torch.Tensor 를 돌려주세요"
assert _pred.dtype == torch.int64 and tuple(_pred.shape) == (10,), "int64 (N,) 텐서여야 합니다"
### BEGIN HIDDEN TESTS
import copy

from grading.holdout import load_holdout

_hx, _hy = load_holdout("mnist")
torch.manual_seed(11)
_m = nn.Sequential(nn.Conv2d(1, 6, 3, padding=1), nn.BatchNorm2d(6), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten(),
                   nn.Dropout(0.5), nn.Linear(6 * 14 * 14, 10)).to(device)
with torch.no_grad():                                               # running statistics far from the batch's own
    _m[1].running_mean.fill_(0.3)
    _m[1].running_var.fill_(4.0)
_m.train()
_ref = [p.detach().clone() for p in _m.parameters()]
_m_eval = copy.deepcopy(_m).eval()                                   # the judge's own copy for expected values


def _want(xs):
    with torch.no_grad():
        return _m_eval(torch.from_numpy(np.asarray(xs).astype(np.float32) / np.float32(255))[:, None].to(device)).argmax(1).cpu()


_calls = []                                                         # (batch size, grad enabled) of every forward call
_hook = _m.register_forward_hook(lambda mod, inp, out: _calls.append((int(inp[0].shape[0]), bool(torch.is_grad_enabled()))))
for _n, _bs in [(0, 256), (1, 256), (257, 256), (300, 64), (7, 3), (1000, 1000)]:
    _x = _hx[:_n].copy()
    _x0 = _x.copy()
    _before = len(_calls)
    _out = predict(_m, _x, batch_size=_bs)
    assert not any(_g for _, _g in _calls[_before:]), "모델을 torch.no_grad() 안에서 불러야 합니다"
    _sizes = [_s for _s, _ in _calls[_before:] if _s > 0]
    assert _sizes == [min(_bs, _n - _i) for _i in range(0, _n, _bs)], f"이미지 {_n}장을 batch_size={_bs} 장씩 순서대로 나누어 모델에 넣어야 합니다"
    assert type(_out) is torch.Tensor, "torch.Tensor 를 돌려주세요"
    assert _out.dtype == torch.int64 and _out.device.type == "cpu", "CPU 위의 int64 텐서를 돌려주세요"
    assert tuple(_out.shape) == (_n,), f"이미지 {_n}장, batch_size={_bs} 에서 모양이 (N,) 이 아닙니다"
    assert torch.equal(_out, _want(_x0)), f"이미지 {_n}장, batch_size={_bs} 에서 예측이 다릅니다 (전처리, 평가 모드를 확인하세요)"
    assert np.array_equal(_x, _x0), "넘겨받은 x 를 바꾸면 안 됩니다"
_hook.remove()
_xt = torch.from_numpy(_hx[:50].copy())
_out = predict(_m, _xt)
assert type(_out) is torch.Tensor and torch.equal(_out, _want(_hx[:50])), "torch 텐서 입력에서도 같은 예측이어야 합니다"
assert torch.equal(_xt, torch.from_numpy(_hx[:50])), "넘겨받은 x 를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. MNIST: 예산 안의 CNN (3점)
#
# 합성곱 신경망을 설계하고 MNIST 학습 이미지(`mnist.x_train`, `mnist.y_train`)로 학습해 **`mnist_model`** 에 담으세요.
#
# - 구조는 자유입니다. 다만 합성곱 신경망이어야 합니다: 순서상 첫 `nn.Conv2d` 는 흑백 이미지를 받는 `nn.Conv2d(1, …)` 이고
#   (문제 7 에서 이 층의 커널을 그립니다), 크기(`count_params(model)["total"]`)는 **`BUDGET` 이하**입니다.
# - 입력은 `preprocess` 의 출력, 출력은 `(N, 10)` 로짓입니다 (위의 평가 규칙).
# - 학습 예산: **3 에포크**를 권합니다. 학습 루프는 직접 써도 되고 `helpers.train.fit` 을 써도 됩니다. 여기서 만든 학습 함수나
#   클래스는 문제 5, 8 에서 다시 써도 됩니다.
# - 채점: 숨은 테스트가 **처음 보는 MNIST 이미지 1000장**에서 평가 모드로 정확도를 잽니다. 기준은 **95%** 입니다.
# - 학습에 시험 이미지(`mnist.x_test`)를 쓰지 마세요. 그것은 여러분이 스스로 확인하는 데 씁니다.

# %% nbgrader={"grade": false, "grade_id": "ex_mnist_model", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
class BudgetCNN(nn.Module):
    """Two Conv3x3-BN-ReLU-MaxPool2 blocks (width, 2*width channels) and one Linear layer to 10 logits."""

    def __init__(self, width: int = 16):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, width, 3, padding=1, bias=False), nn.BatchNorm2d(width), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(width, 2 * width, 3, padding=1, bias=False), nn.BatchNorm2d(2 * width), nn.ReLU(),
            nn.MaxPool2d(2),
        )
        self.head = nn.Linear(2 * width * 7 * 7, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.features(x).flatten(1))


def train_model(model: nn.Module, x_uint8: np.ndarray, y: np.ndarray, epochs: int, lr: float = 3e-3,
                batch_size: int = 128, seed: int = 0) -> nn.Module:
    """AdamW + per-batch OneCycleLR + label smoothing on preprocessed images; returns the model on `device`."""
    torch.manual_seed(seed)
    x = preprocess(x_uint8)
    y = torch.as_tensor(y, dtype=torch.int64)
    model.to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=5e-4)
    steps_per_epoch = (len(x) + batch_size - 1) // batch_size
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=epochs * steps_per_epoch)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
    for _ in tqdm(range(epochs), desc="에포크", leave=False):
        model.train()
        order = torch.randperm(len(x))
        for i in range(0, len(x), batch_size):
            idx = order[i:i + batch_size]
            optimizer.zero_grad()
            loss_fn(model(x[idx].to(device)), y[idx].to(device)).backward()
            optimizer.step()
            scheduler.step()
    return model


mnist_model = train_model(BudgetCNN(16), mnist.x_train, mnist.y_train, epochs=3)
### END SOLUTION
print("크기:", count_params(mnist_model))
print(f"내 MNIST 시험 이미지 정확도: {(predict(mnist_model, mnist.x_test).numpy() == mnist.y_test).mean():.2%}")

# %% nbgrader={"grade": true, "grade_id": "test_mnist_model", "locked": true, "points": 3, "schema_version": 3, "solution": false}
assert isinstance(mnist_model, nn.Module), "mnist_model 은 nn.Module 이어야 합니다"
assert count_params(mnist_model)["total"] <= BUDGET, "모델의 크기가 예산을 넘습니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout


def _held(m):
    """What the model really holds, read in its own process from nn.Module's registries (never its own methods)."""
    from grading.testkit import call_where

    return call_where(m, helpers.models.registered_size, m)


def _size(m):
    held = _held(m)
    assert not held["unregistered"], "모델이 등록하지 않은 텐서나 층을 가지고 있습니다 (파이썬 list·dict, object.__setattr__, 클로저 등): 모두 매개변수·버퍼·하위 모듈로 등록하세요"
    return held["size"]


def _judge_predict(m, images):
    assert all(p.device.type == device.type for p in m.parameters()), "학습한 모델은 device 에 있어야 합니다"
    m.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(images), 250):
            xb = torch.from_numpy(images[i:i + 250].astype(np.float32) / np.float32(255))[:, None].to(device)
            logits = m(xb)
            assert type(logits) is torch.Tensor and tuple(logits.shape) == (len(xb), 10), "모델의 출력은 (N, 10) 로짓이어야 합니다"
            _probs = bool(((logits >= 0) & (logits <= 1)).all()) and bool(torch.allclose(logits.double().sum(1), torch.ones(len(xb), dtype=torch.float64, device=logits.device), atol=1e-4))
            assert not _probs, "모델의 출력이 확률(소프트맥스를 거친 값)입니다: 로짓을 돌려주세요"
            out.append(logits.argmax(dim=1).cpu().numpy())
    return np.concatenate(out)


def _holdout_accuracy(m, name):
    hx, hy = load_holdout(name)
    return float((_judge_predict(m, hx) == hy).mean())


assert _size(mnist_model) <= BUDGET, "모델의 크기(동결한 매개변수와 버퍼 포함)가 예산을 넘습니다"
assert _held(mnist_model)["first_conv2d_in"] == 1, "첫 nn.Conv2d 가 흑백 이미지를 받는 nn.Conv2d(1, …) 인 합성곱 신경망이어야 합니다"
assert _holdout_accuracy(mnist_model, "mnist") >= 0.95, "처음 보는 MNIST 이미지에서 정확도가 95% 에 못 미칩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. Fashion-MNIST: 예산 안의 CNN (4점)
#
# 같은 규칙으로 Fashion-MNIST 학습 이미지(`fashion.x_train`, `fashion.y_train`)를 학습해 **`fashion_model`** 에 담으세요.
# 문제 4 와 다른 모델 객체여야 합니다 (구조는 같아도 됩니다).
#
# - 크기 `BUDGET` 이하, 첫 `nn.Conv2d` 는 `nn.Conv2d(1, …)`, 입력은 `preprocess` 의 출력, 출력은 `(N, 10)` 로짓.
# - 학습 예산: **4 에포크**를 권합니다. 옷 이미지는 숫자보다 어렵습니다: 강의의 팁(폭, 배치 정규화, 학습률 스케줄,
#   레이블 스무딩)을 보세요.
# - 채점: **처음 보는 Fashion-MNIST 이미지 1000장**에서 평가 모드로 정확도 **90%** 이상.
# - 참고: 채점용 이미지로 재 보니 폭 16 의 합성곱 블록 둘 + 선형 층(크기 20,636)을 위 레시피(AdamW + OneCycleLR + 레이블
#   스무딩)로 4 에포크 학습하면 시드 다섯 개에서 89.8 ~ 90.8% 였습니다. **90% 는 빠듯한 목표**입니다: 여러분의 시험 이미지
#   정확도(채점용 이미지보다 1 ~ 2%p 낮게 나왔습니다)를 보며 구조와 레시피를 다듬으세요. 강의의 뼈대나 다른 레시피로는 4 에포크가
#   모자랄 수 있습니다 (검토에서 강의의 뼈대 그대로 4 에포크는 시험 이미지에서 88.5 ~ 89.2% 였고, 6 에포크는 목표를 넘었습니다):
#   여러분의 시험 이미지 정확도가 90% 에 못 미치면 에포크를 5 ~ 6 으로 늘리세요.

# %% nbgrader={"grade": false, "grade_id": "ex_fashion_model", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
fashion_model = train_model(BudgetCNN(16), fashion.x_train, fashion.y_train, epochs=4)
### END SOLUTION
print("크기:", count_params(fashion_model))
print(f"내 Fashion-MNIST 시험 이미지 정확도: {(predict(fashion_model, fashion.x_test).numpy() == fashion.y_test).mean():.2%}")

# %% nbgrader={"grade": true, "grade_id": "test_fashion_model", "locked": true, "points": 4, "schema_version": 3, "solution": false}
assert isinstance(fashion_model, nn.Module), "fashion_model 은 nn.Module 이어야 합니다"
assert count_params(fashion_model)["total"] <= BUDGET, "모델의 크기가 예산을 넘습니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout


def _held(m):
    """What the model really holds, read in its own process from nn.Module's registries (never its own methods)."""
    from grading.testkit import call_where

    return call_where(m, helpers.models.registered_size, m)


def _size(m):
    held = _held(m)
    assert not held["unregistered"], "모델이 등록하지 않은 텐서나 층을 가지고 있습니다 (파이썬 list·dict, object.__setattr__, 클로저 등): 모두 매개변수·버퍼·하위 모듈로 등록하세요"
    return held["size"]


def _judge_predict(m, images):
    assert all(p.device.type == device.type for p in m.parameters()), "학습한 모델은 device 에 있어야 합니다"
    m.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(images), 250):
            xb = torch.from_numpy(images[i:i + 250].astype(np.float32) / np.float32(255))[:, None].to(device)
            logits = m(xb)
            assert type(logits) is torch.Tensor and tuple(logits.shape) == (len(xb), 10), "모델의 출력은 (N, 10) 로짓이어야 합니다"
            _probs = bool(((logits >= 0) & (logits <= 1)).all()) and bool(torch.allclose(logits.double().sum(1), torch.ones(len(xb), dtype=torch.float64, device=logits.device), atol=1e-4))
            assert not _probs, "모델의 출력이 확률(소프트맥스를 거친 값)입니다: 로짓을 돌려주세요"
            out.append(logits.argmax(dim=1).cpu().numpy())
    return np.concatenate(out)


def _holdout_accuracy(m, name):
    hx, hy = load_holdout(name)
    return float((_judge_predict(m, hx) == hy).mean())


assert _size(fashion_model) <= BUDGET, "모델의 크기(동결한 매개변수와 버퍼 포함)가 예산을 넘습니다"
assert _held(fashion_model)["first_conv2d_in"] == 1, "첫 nn.Conv2d 가 흑백 이미지를 받는 nn.Conv2d(1, …) 인 합성곱 신경망이어야 합니다"
assert not any(p is q for p in fashion_model.parameters() for q in mnist_model.parameters()), "fashion_model 은 mnist_model 과 다른 모델 객체여야 합니다"
assert _holdout_accuracy(fashion_model, "fashion_mnist") >= 0.90, "처음 보는 Fashion-MNIST 이미지에서 정확도가 90% 에 못 미칩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 6. 가장 많이 헷갈린 클래스 쌍 (2점)
#
# `top_confusions(y_true, y_pred, k=3)` 은 정답과 예측(길이가 같은 1차원 정수 배열 또는 텐서)을 받아, 혼동 행렬에서 **대각선
# 밖**(틀린 예측)의 가장 큰 칸 `k` 개를 돌려줍니다.
#
# - 반환: `(정답, 예측, 개수)` 튜플의 `list`, 세 값 모두 **파이썬 `int`**. 정답 클래스 `t` 를 `p` 로 잘못 예측한 횟수가 개수입니다
#   (`(t, p)` 와 `(p, t)` 는 다른 쌍입니다).
# - 순서: 개수가 큰 것부터. 개수가 같으면 `(정답, 예측)` 이 작은 것부터 (예: `(3, 5)` 가 `(5, 3)` 보다 먼저).
# - 개수가 0 인 쌍은 넣지 않습니다 (그래서 `k` 개보다 적을 수 있습니다). 클래스 번호는 0 ~ 9 입니다.
# - 입력을 바꾸지 마세요. `helpers.plot.confusion_matrix(y_true, y_pred, 10)` 를 써도 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_top_confusions", "locked": false, "schema_version": 3, "solution": true}
def top_confusions(y_true, y_pred, k: int = 3) -> list[tuple[int, int, int]]:
    """The k largest off-diagonal confusion counts as (true, predicted, count), ties by (true, predicted)."""
    ### BEGIN SOLUTION
    cm = helpers.plot.confusion_matrix(np.asarray(y_true), np.asarray(y_pred), 10)
    pairs = [(int(t), int(p), int(cm[t, p])) for t in range(10) for p in range(10) if t != p and cm[t, p] > 0]
    pairs.sort(key=lambda tpc: (-tpc[2], tpc[0], tpc[1]))
    return pairs[:k]
    ### END SOLUTION


fashion_pred = predict(fashion_model, fashion.x_test)
for t, p, c in top_confusions(fashion.y_test, fashion_pred):
    print(f"정답 {helpers.data.FASHION_CLASSES[t]} → 예측 {helpers.data.FASHION_CLASSES[p]}: {c}번")
helpers.plot.plot_confusion_matrix(fashion.y_test, fashion_pred.numpy(), list(helpers.data.FASHION_CLASSES),
                                   title="내 Fashion-MNIST 모델의 혼동 행렬 (시험 이미지)")
plt.show()

# %% nbgrader={"grade": true, "grade_id": "test_top_confusions", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_tc = top_confusions(np.array([0, 0, 1, 1, 1, 2]), np.array([1, 1, 0, 1, 2, 2]), k=2)
assert type(_tc) is list and all(type(t) is tuple and len(t) == 3 for t in _tc), "(정답, 예측, 개수) 튜플의 list 를 돌려주세요"
assert all(type(v) is int for t in _tc for v in t), "튜플의 값은 파이썬 int 여야 합니다"
assert _tc[0] == (0, 1, 2), "작은 예에서 가장 많이 헷갈린 쌍이 다릅니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout


def _judge_top(yt, yp, k):
    cm = np.zeros((10, 10), dtype=np.int64)
    np.add.at(cm, (np.asarray(yt), np.asarray(yp)), 1)
    cells = sorted(((int(t), int(p), int(cm[t, p])) for t in range(10) for p in range(10) if t != p and cm[t, p]),
                   key=lambda c: (-c[2], c[0], c[1]))
    return cells[:k]


_g = np.random.default_rng(21)
_cases = []
for _n, _k in [(500, 3), (200, 5), (40, 10), (1000, 1)]:
    _yt = _g.integers(0, 10, _n)
    _yp = np.where(_g.random(_n) < 0.6, _yt, _g.integers(0, 10, _n))
    _cases.append((_yt, _yp, _k))
_cases.append((np.array([5, 5, 3, 3, 7]), np.array([3, 3, 5, 5, 7]), 3))      # a tie: (3, 5) before (5, 3)
_cases.append((np.arange(10), np.arange(10), 3))                               # no mistakes at all
_cases.append((np.array([2, 2, 2, 9]), np.array([4, 4, 4, 1]), 5))             # fewer than k pairs
_fhx, _fhy = load_holdout("fashion_mnist")
fashion_model.train(False)
with torch.no_grad():
    _fp = np.concatenate([fashion_model(torch.from_numpy(_fhx[i:i + 250].astype(np.float32) / np.float32(255))[:, None].to(device)).argmax(1).cpu().numpy()
                          for i in range(0, len(_fhy), 250)])
_cases.append((_fhy, _fp, 3))                                                   # on your own model's predictions
for _yt, _yp, _k in _cases:
    for _a, _b in [(_yt, _yp), (torch.from_numpy(_yt.copy()), torch.from_numpy(np.asarray(_yp).copy()))]:
        _a0 = _a.copy() if isinstance(_a, np.ndarray) else _a.clone()
        _got = top_confusions(_a, _b, k=_k)
        assert type(_got) is list and all(type(t) is tuple and len(t) == 3 for t in _got), "(정답, 예측, 개수) 튜플의 list 를 돌려주세요"
        assert all(type(v) is int for t in _got for v in t), "튜플의 값은 파이썬 int 여야 합니다"
        assert _got == _judge_top(_yt, _yp, _k), f"k={_k} 에서 헷갈린 쌍이나 그 순서가 다릅니다 (대각선, 0 인 칸, 같은 개수의 순서를 확인하세요)"
        _same = np.array_equal(_a, _a0) if isinstance(_a, np.ndarray) else torch.equal(_a, _a0)
        assert _same, "입력을 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 7. 모델 시각화: 첫 합성곱 층의 커널 (2점)
#
# `first_conv_filters(model)` 은 `model.modules()` 순서에서 **처음 나오는 `nn.Conv2d`** (입력 채널 1 개)의 가중치를 그림으로
# 그릴 수 있는 배열로 돌려줍니다.
#
# - 반환: **NumPy `float32` 배열**, 모양 `(출력 채널 수, kH, kW)` (입력 채널 축 하나만 뺀 것), 값은 그 층의 `weight` 그대로.
#   출력 채널이 1 개이거나 커널이 1×1 이어도 이 3차원 모양이어야 합니다 (`squeeze()` 로 크기 1 인 축을 모두 빼면 안 됩니다).
# - `nn.Conv2d` 만 찾습니다: 앞에 `nn.Conv1d` 같은 다른 합성곱 층이 있어도 건너뜁니다.
# - 모델이 GPU 에 있어도 동작해야 합니다 (기울기 추적을 끊고 CPU 로 옮긴 뒤 NumPy 로). 모델을 바꾸지 마세요.
# - 모델에 `nn.Conv2d` 가 없으면 `ValueError` 를 일으키세요.

# %% nbgrader={"grade": false, "grade_id": "ex_first_conv_filters", "locked": false, "schema_version": 3, "solution": true}
def first_conv_filters(model: nn.Module) -> np.ndarray:
    """Weights (out_channels, kH, kW) of the first nn.Conv2d in model.modules(), as a float32 NumPy array."""
    ### BEGIN SOLUTION
    for module in model.modules():
        if isinstance(module, nn.Conv2d):
            return module.weight.detach().cpu().numpy()[:, 0].astype(np.float32, copy=True)
    raise ValueError("모델에 nn.Conv2d 가 없습니다")
    ### END SOLUTION


filters = first_conv_filters(mnist_model)
helpers.plot.show_images(filters, ncols=8, cmap="RdBu_r")
plt.suptitle("MNIST 모델의 첫 합성곱 층 커널 (빨강 +, 파랑 −)")
plt.show()

# %% nbgrader={"grade": true, "grade_id": "test_first_conv_filters", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_f = first_conv_filters(nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU()))
assert type(_f) is np.ndarray and _f.dtype == np.float32, "NumPy float32 배열을 돌려주세요"
assert _f.shape == (4, 3, 3), "모양은 (출력 채널 수, kH, kW) 여야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(31)
_models = [
    nn.Sequential(nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.Conv2d(6, 3, 3)),
    nn.Sequential(nn.Sequential(nn.Identity(), nn.Sequential(nn.Conv2d(1, 2, (3, 5), bias=False))), nn.Conv2d(2, 8, 1)),
    nn.Sequential(nn.Linear(3, 3), nn.Conv2d(1, 5, 7), nn.Conv2d(5, 5, 3)).to(device),
    nn.Sequential(nn.Conv2d(1, 1, 3), nn.ReLU(), nn.Conv2d(1, 4, 3)),                  # one output channel
    nn.Sequential(nn.Conv2d(1, 6, 1), nn.Conv2d(6, 2, 3)),                             # a 1x1 kernel
    nn.Sequential(nn.Conv1d(1, 3, 3), nn.ConvTranspose2d(1, 2, 3), nn.Conv2d(1, 4, 5)),  # other convolutions first
    mnist_model,
    fashion_model,
]
for _m in _models:
    _w = [m for m in _m.modules() if isinstance(m, nn.Conv2d)][0].weight.detach().cpu().clone()
    _got = first_conv_filters(_m)
    assert type(_got) is np.ndarray and _got.dtype == np.float32, "NumPy float32 배열을 돌려주세요"
    assert _got.shape == (_w.shape[0], _w.shape[2], _w.shape[3]), "모양은 (출력 채널 수, kH, kW) 여야 합니다"
    assert np.array_equal(_got, _w[:, 0].numpy()), "첫 nn.Conv2d 의 가중치와 값이 다릅니다"
_raised = False
try:
    first_conv_filters(nn.Sequential(nn.Flatten(), nn.Linear(784, 10)))
except ValueError:
    _raised = True
assert _raised, "nn.Conv2d 가 없는 모델에는 ValueError 를 일으켜야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 8. 실험: 폭에 따른 크기와 정확도 (3점)
#
# 같은 구조에서 채널 수(폭)만 바꾸면 크기와 정확도가 어떻게 바뀔까요? `WIDTHS = (4, 8, 16)` 의 폭마다 모델을 하나씩 만들어
# MNIST 학습 이미지로 **1 에포크**씩 학습하고 보고하세요.
#
# - `width_models`: `dict`, 키는 `WIDTHS` 의 폭 (파이썬 `int`), 값은 그 폭으로 만들어 학습한 모델 (폭마다 다른 객체).
#   구조는 자유지만 폭을 키우면 크기도 커져야 하고, 모두 예산 이하, 입력·출력은 위의 평가 규칙과 같습니다.
# - `width_results`: `dict`, 키는 같은 폭, 값은 `{"size": 모델 크기 count_params(...)["total"] (int), "accuracy": MNIST 시험 이미지
#   (`mnist.x_test`, 1000장)에 대한 정확도 (0 ~ 1 의 `float`: 파이썬 `float` 이나 `np.float64`. 텐서는 안 됩니다)}`.
# - 숨은 테스트는 여러분의 모델들을 다시 재서 보고값과 비교하고 (정확도는 ±0.002), 모델이 정말 학습되었는지 처음 보는
#   이미지로 확인합니다 (폭마다 50% 이상: 무작위로 찍으면 10%).
# - 그래프를 그리고, 폭을 두 배로 늘릴 때 크기와 정확도가 어떻게 바뀌었는지 한두 문장으로 적어 보세요 (채점하지 않음).

# %% nbgrader={"grade": false, "grade_id": "ex_width_experiment", "locked": false, "schema_version": 3, "solution": true}
width_models: dict[int, nn.Module] = {}
width_results: dict[int, dict[str, float]] = {}
### BEGIN SOLUTION
for w in WIDTHS:
    model = train_model(BudgetCNN(w), mnist.x_train, mnist.y_train, epochs=1)
    width_models[w] = model
    width_results[w] = {
        "size": count_params(model)["total"],
        "accuracy": float((predict(model, mnist.x_test).numpy() == mnist.y_test).mean()),
    }
### END SOLUTION
print(width_results)
fig, ax = plt.subplots(figsize=(5, 3.5))
ax.plot([width_results[w]["size"] for w in WIDTHS], [width_results[w]["accuracy"] for w in WIDTHS], "o-")
for w in WIDTHS:
    ax.annotate(f"폭 {w}", (width_results[w]["size"], width_results[w]["accuracy"]))
ax.set_xlabel("모델 크기 (매개변수 + 버퍼)")
ax.set_ylabel("MNIST 시험 정확도 (1 에포크)")
ax.set_title("폭에 따른 크기와 정확도")
plt.show()

# %% nbgrader={"grade": true, "grade_id": "test_width_experiment", "locked": true, "points": 3, "schema_version": 3, "solution": false}
assert type(width_models) is dict and type(width_results) is dict, "width_models, width_results 는 dict 여야 합니다"
assert sorted(width_models) == sorted(WIDTHS) and sorted(width_results) == sorted(WIDTHS), "키는 WIDTHS 의 폭이어야 합니다"
assert all(type(width_results[w]) is dict and set(width_results[w]) == {"size", "accuracy"} for w in WIDTHS), "값은 size, accuracy 두 키의 dict 여야 합니다"
assert all(type(width_results[w]["size"]) is int and isinstance(width_results[w]["accuracy"], float) for w in WIDTHS), "size 는 int, accuracy 는 float (np.float64 도 됨) 여야 합니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout


def _held(m):
    """What the model really holds, read in its own process from nn.Module's registries (never its own methods)."""
    from grading.testkit import call_where

    return call_where(m, helpers.models.registered_size, m)


def _size(m):
    held = _held(m)
    assert not held["unregistered"], "모델이 등록하지 않은 텐서나 층을 가지고 있습니다 (파이썬 list·dict, object.__setattr__, 클로저 등): 모두 매개변수·버퍼·하위 모듈로 등록하세요"
    return held["size"]


def _judge_predict(m, images):
    assert all(p.device.type == device.type for p in m.parameters()), "학습한 모델은 device 에 있어야 합니다"
    m.eval()
    out = []
    with torch.no_grad():
        for i in range(0, len(images), 250):
            xb = torch.from_numpy(images[i:i + 250].astype(np.float32) / np.float32(255))[:, None].to(device)
            logits = m(xb)
            assert type(logits) is torch.Tensor and tuple(logits.shape) == (len(xb), 10), "모델의 출력은 (N, 10) 로짓이어야 합니다"
            _probs = bool(((logits >= 0) & (logits <= 1)).all()) and bool(torch.allclose(logits.double().sum(1), torch.ones(len(xb), dtype=torch.float64, device=logits.device), atol=1e-4))
            assert not _probs, "모델의 출력이 확률(소프트맥스를 거친 값)입니다: 로짓을 돌려주세요"
            out.append(logits.argmax(dim=1).cpu().numpy())
    return np.concatenate(out)


def _holdout_accuracy(m, name):
    hx, hy = load_holdout(name)
    return float((_judge_predict(m, hx) == hy).mean())


_mx, _my = helpers.data.load_mnist().x_test, helpers.data.load_mnist().y_test
_sizes = []
for _w in WIDTHS:
    _m = width_models[_w]
    _r = width_results[_w]
    assert type(_r["size"]) is int and isinstance(_r["accuracy"], float), "size 는 int, accuracy 는 float (np.float64 도 됨) 여야 합니다"
    assert _r["size"] == _size(_m), f"폭 {_w}: 보고한 크기가 모델을 다시 센 값과 다릅니다 (매개변수와 버퍼 모두)"
    assert _r["size"] <= BUDGET, f"폭 {_w}: 모델이 예산을 넘습니다"
    _p = _judge_predict(_m, _mx)
    assert abs(_r["accuracy"] - float((_p == _my).mean())) <= 0.002, f"폭 {_w}: 보고한 정확도가 시험 이미지로 다시 잰 값과 다릅니다 (0 ~ 1 의 비율)"
    assert _holdout_accuracy(_m, "mnist") >= 0.50, f"폭 {_w}: 처음 보는 이미지에서 50% 에 못 미칩니다. 1 에포크 학습했나요?"
    _sizes.append(_size(_m))
assert _sizes == sorted(set(_sizes)), "폭을 키우면 모델 크기도 커져야 합니다"
assert len({id(width_models[w]) for w in WIDTHS}) == len(WIDTHS), "폭마다 다른 모델 객체여야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 📝 요약
#
# - 예산은 학습하는 매개변수만이 아니라 동결한 매개변수와 버퍼까지 센 모델의 크기로 잽니다. 784-256-128-10 MLP 는 예산의
#   열 배에 가깝지만, 합성곱은 가중치를 위치마다 나눠 쓰므로 2만 개 남짓으로 MNIST 는 여유 있게, Fashion-MNIST 는 빠듯하게
#   목표에 닿습니다.
# - `predict` 한 곳에 전처리·평가 모드·`no_grad`·배치를 모으면, 학습 때와 다른 전처리나 `eval()` 을 잊는 실수가 사라집니다.
# - 혼동 행렬의 대각선 밖 큰 칸이 모델의 약점입니다 (Fashion-MNIST 에서는 셔츠·티셔츠·풀오버·코트).
# - 첫 층의 커널은 가장자리·획의 방향을 찾는 작은 무늬입니다. 폭을 두 배로 하면 크기는 약 두 배(마지막 선형 층이 대부분)지만
#   정확도는 조금만 오릅니다.

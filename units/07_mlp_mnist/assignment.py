# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# 강의에서는 MNIST 숫자로 MLP 를 학습했습니다. 이 과제에서는 같은 도구를 **Fashion-MNIST**(옷·신발·가방 사진 10종류)로 옮깁니다.
#
# - 학습 데이터에서만 잰 통계로 입력을 표준화하고, 추론 때도 똑같이 적용한다.
# - 은닉층의 개수와 너비를 인자로 받는 MLP 를 만든다.
# - top-k 정확도를 계산하고, 정해진 에포크 안에서 학습 설정을 스스로 골라 목표 정확도에 닿는다.
# - 확률과 예측을 함께 돌려주는 추론 함수를 쓰고, 클래스마다 재현율을 재서 모델이 가장 어려워하는 클래스를 찾는다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 표준화에 쓸 평균과 표준편차는 왜 학습 데이터에서만 재야 할까? 테스트 이미지로 다시 재면 무엇이 달라질까?
# 2. 은닉층이 하나도 없는 MLP 는 어떤 모델일까?
# 3. top-1 정확도와 top-3 정확도는 어떤 관계일까? k 가 클래스 수와 같으면?
# 4. 에포크 수가 정해져 있을 때 정확도를 높이려면 무엇을 바꿀 수 있을까?
# 5. 전체 정확도가 높아도 어떤 클래스는 절반 가까이 틀릴 수 있을까?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `pixel_stats`, `standardize` 학습 데이터 통계로 표준화 | 2 |
# | 2 | `build_mlp(widths, p_drop)` 은닉층을 고를 수 있는 MLP | 3 |
# | 3 | `topk_accuracy` top-k 정확도 | 2 |
# | 4 | `train_fashion` 정해진 에포크 안에서 채점용 이미지 정확도 83% | 5 |
# | 5 | `predict_proba` 확률과 예측 | 3 |
# | 6 | 실험: `per_class_recall` 과 가장 어려운 클래스 찾기 | 3 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 형식(모양, 자료형)을 확인합니다. 채점 때는 새 입력과 경계 사례를 확인하는 숨은 테스트가 더 실행됩니다.
# - `helpers.train.fit` 을 써도 되고 학습 루프를 직접 써도 됩니다. 뒤 문제는 앞 문제의 함수를 씁니다. 위에서부터 차례로 실행하세요.
# - 모든 계산은 `device` 에서 합니다 (`COURSE_DEVICE=cuda` 로 GPU 에서도 돌아가야 합니다).

# %%
x_train_raw, y_train_np, x_test_raw, y_test_np = helpers.data.load_fashion_mnist()
CLASSES = helpers.data.FASHION_CLASSES
print("학습:", x_train_raw.shape, x_train_raw.dtype, "| 테스트:", x_test_raw.shape, "| 클래스:", ", ".join(CLASSES))
helpers.plot.show_images(x_train_raw[:8], y_train_np[:8], class_names=CLASSES, ncols=8)
plt.show()


# %% [markdown]
# ## 문제 1. 학습 데이터의 통계로 표준화하기 (2점)
#
# 강의에서는 픽셀을 `/255` 로 **정규화**만 했습니다. 이번에는 한 걸음 더 가서 **표준화**합니다.
#
# - `pixel_stats(images)`: `uint8` 이미지 배열 `(N, 28, 28)` 의 모든 픽셀을 `/255` 한 값(0 ~ 1)의 평균과 표준편차
#   (`n` 으로 나누는 표준편차, NumPy `std()` 의 기본)를 **파이썬 `float` 두 개의 튜플** `(mean, std)` 로 돌려줍니다.
#   `float32`(`.float()`)로 계산해도 `float64` 로 계산해도 됩니다: 채점은 `1e-6` 까지의 차이를 받아 줍니다.
# - `standardize(images, mean, std)`: `uint8` 이미지 배열 `(N, 28, 28)` 을 `(images / 255 - mean) / std` 인
#   **`torch.float32` 텐서** (CPU, 모양 그대로)로 바꿉니다. `mean`, `std` 는 `/255` 단위의 값입니다.
# - 두 함수 모두 넘겨받은 배열을 바꾸지 않습니다. 배치마다 가장 밝은 픽셀이 255 라는 보장은 없습니다.
#
# 학습 때 잰 `(mean, std)` 를 추론 때도 그대로 씁니다. 테스트 이미지의 통계로 다시 재지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_standardize", "locked": false, "schema_version": 3, "solution": true}
def pixel_stats(images: np.ndarray) -> tuple[float, float]:
    """Mean and (population) standard deviation of all pixels of uint8 images after /255."""
    ### BEGIN SOLUTION
    scaled = images.astype(np.float64) / 255.0
    return float(scaled.mean()), float(scaled.std())
    ### END SOLUTION


def standardize(images: np.ndarray, mean: float, std: float) -> torch.Tensor:
    """(images / 255 - mean) / std as a float32 CPU tensor of the same shape."""
    ### BEGIN SOLUTION
    return (torch.tensor(images, dtype=torch.float32) / 255.0 - mean) / std
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_standardize", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_x = np.array([[[0, 51], [255, 102]]], dtype=np.uint8)
_stats = pixel_stats(_x)
assert type(_stats) is tuple and len(_stats) == 2 and all(type(_v) is float for _v in _stats), "(mean, std) 파이썬 float 두 개의 튜플을 돌려주세요"
assert abs(_stats[0] - 0.4) < 1e-6, "평균이 다릅니다 (/255 한 뒤의 평균)"
_out = standardize(_x, 0.4, 0.5)
assert type(_out) is torch.Tensor and _out.dtype == torch.float32 and _out.shape == (1, 2, 2), "모양이 그대로인 float32 텐서를 돌려주세요"
assert torch.allclose(_out, torch.tensor([[[-0.8, -0.4], [1.2, 0.0]]]), atol=1e-6), "표준화한 값이 다릅니다"
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(7)
_imgs = _rng.integers(0, 200, size=(6, 28, 28), dtype=np.uint8)    # brightest pixel below 255
_copy = _imgs.copy()
_m, _s = pixel_stats(_imgs)
_ref = _copy.astype(np.float64) / 255
assert type(_m) is float and type(_s) is float, "mean, std 는 파이썬 float 이어야 합니다"
# float32 arithmetic (the course's .float()) is off by ~1e-8; ddof=1 or /max are off by >1e-5
assert abs(_m - _ref.mean()) < 1e-6 and abs(_s - _ref.std()) < 1e-6, "가장 밝은 픽셀이 255 가 아닌 배치에서 평균·표준편차가 다릅니다 (/255 단위의 값, n 으로 나누는 표준편차인지 확인하세요)"
assert np.array_equal(_imgs, _copy), "넘겨받은 배열을 바꾸면 안 됩니다"
_out = standardize(_imgs, 0.3, 0.25)
assert type(_out) is torch.Tensor and _out.dtype == torch.float32 and _out.shape == (6, 28, 28), "모양이 그대로인 float32 텐서를 돌려주세요"
assert _out.device.type == "cpu", "결과는 CPU 텐서여야 합니다"
_expected = torch.from_numpy(((_copy.astype(np.float64) / 255 - 0.3) / 0.25).astype(np.float32))
assert torch.allclose(_out, _expected, atol=1e-5), "가장 밝은 픽셀이 255 가 아닌 배치에서 표준화한 값이 다릅니다 (주어진 mean, std 로, /255 단위에서)"
assert np.array_equal(_imgs, _copy), "넘겨받은 배열을 바꾸면 안 됩니다"
_one = standardize(_copy[:1], 0.5, 2.0)
assert type(_one) is torch.Tensor and _one.shape == (1, 28, 28), "이미지 한 장 (1, 28, 28) 도 처리해야 합니다"
assert torch.allclose(_one, _expected[:1] * 0.25 / 2.0 + (0.3 - 0.5) / 2.0, atol=1e-5), "이미지 한 장에서 값이 다릅니다 (배치의 통계로 다시 재지 마세요)"
_strided = standardize(_copy[::2], 0.3, 0.25)
assert type(_strided) is torch.Tensor and torch.allclose(_strided, _expected[::2], atol=1e-5), "연속되지 않은 배열(슬라이스)도 처리해야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 은닉층을 고를 수 있는 MLP (3점)
#
# `build_mlp(widths, p_drop=0.0)` 는 은닉층의 너비 리스트 `widths` 로 새 모델을 만들어 돌려줍니다.
#
# - 맨 앞은 `nn.Flatten()` (입력 `(N, 28, 28)` 또는 `(N, 1, 28, 28)` 을 784 로 폄).
# - 은닉층마다 `nn.Linear(이전 너비, w)` → `nn.ReLU()` → `nn.Dropout(p_drop)` (처음 이전 너비는 784). `p_drop=0` 이어도 드롭아웃 층을 둡니다.
#   채점은 `nn.Linear`, `nn.ReLU`, `nn.Dropout` 층의 개수·크기·확률과 로짓 값을 봅니다. `nn.Flatten()` 대신 `forward` 에서 `x.reshape(len(x), -1)` 로
#   펴거나 `Dropout` 을 `ReLU` 앞에 두어도 결과가 같으므로 점수는 같지만, 위의 순서가 강의와 같은 권장 형태입니다.
# - 마지막은 `nn.Linear(마지막 너비, 10)` 으로 **로짓**을 냅니다 (softmax 없음).
# - 예: `build_mlp([256, 128])` 은 784-256-128-10, `build_mlp([])` 는 `Flatten` → `Linear(784, 10)` 하나, `build_mlp([64, 64, 64])` 는 은닉층 셋.
# - `widths` 리스트를 바꾸지 마세요. `nn.Sequential` 이든 직접 쓴 클래스든 괜찮지만 층은 모듈에 등록되어야 합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_build_mlp", "locked": false, "schema_version": 3, "solution": true}
def build_mlp(widths: list[int], p_drop: float = 0.0) -> nn.Module:
    """Flatten, then (Linear, ReLU, Dropout) per hidden width, then Linear to 10 logits."""
    ### BEGIN SOLUTION
    layers: list[nn.Module] = [nn.Flatten()]
    previous = 784
    for width in widths:
        layers += [nn.Linear(previous, width), nn.ReLU(), nn.Dropout(p_drop)]
        previous = width
    layers.append(nn.Linear(previous, 10))
    return nn.Sequential(*layers)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_build_mlp", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_net = build_mlp([256, 128])
assert isinstance(_net, nn.Module), "nn.Module 을 돌려주세요"
assert sum(p.numel() for p in _net.parameters()) == 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, "매개변수 개수가 784-256-128-10 MLP 와 다릅니다"
_out = _net(torch.rand(5, 28, 28))
assert type(_out) is torch.Tensor and _out.shape == (5, 10), "출력 모양은 (N, 10) 이어야 합니다"
### BEGIN HIDDEN TESTS
def _linears(net):
    return [m for m in net.modules() if type(m) is nn.Linear]


def _manual(lins, x):
    h = x.reshape(len(x), -1)
    for i, lin in enumerate(lins):
        h = h @ lin.weight.T + lin.bias
        if i < len(lins) - 1:
            h = torch.clamp(h, min=0)
    return h


_x = torch.rand(12, 28, 28, device=device)
for _widths in ([], [32], [64, 48, 16], [256, 128]):
    _w_before = list(_widths)
    torch.manual_seed(3)
    _net = build_mlp(_widths).to(device)
    assert _widths == _w_before, "widths 리스트를 바꾸면 안 됩니다"
    _lins = _linears(_net)
    _dims = [784, *_widths, 10]
    assert [(m.in_features, m.out_features) for m in _lins] == list(zip(_dims[:-1], _dims[1:])), f"widths={_widths} 에서 Linear 층의 크기나 개수가 다릅니다"
    assert sum(type(m) is nn.ReLU for m in _net.modules()) == len(_widths), f"widths={_widths}: 은닉층마다 ReLU 가 하나씩 있어야 합니다 (출력층 뒤에는 없음)"
    assert sum(type(m) is nn.Dropout for m in _net.modules()) == len(_widths), f"widths={_widths}: 은닉층마다 Dropout 이 하나씩 있어야 합니다 (p_drop=0 이어도)"
    _net.eval()
    with torch.no_grad():
        _out, _out4 = _net(_x), _net(_x[:, None])
        _exp = _manual(_lins, _x)
    assert type(_out) is torch.Tensor and _out.shape == (12, 10) and _out.dtype == torch.float32, "출력은 (N, 10) float32 로짓이어야 합니다"
    assert _out.device.type == device.type, "출력이 입력과 같은 장치에 있어야 합니다"
    assert torch.allclose(_out, _exp, atol=1e-5), f"widths={_widths}: Linear → ReLU 를 차례로 거친 로짓과 다릅니다 (softmax 를 붙이지 마세요)"
    assert torch.allclose(_out4, _exp, atol=1e-5), "(N, 1, 28, 28) 입력에서도 같은 로짓이 나와야 합니다"
from grading.testkit import grads_reach_all

assert grads_reach_all(build_mlp([20, 10]).to(device), _x), "모든 매개변수로 기울기가 흘러야 합니다 (층을 모듈에 등록하세요)"
torch.manual_seed(4)
_d = build_mlp([128, 64], p_drop=0.5).to(device)
_d.train()
with torch.no_grad():
    _a, _b = _d(_x), _d(_x)
assert not torch.allclose(_a, _b), "p_drop=0.5 의 학습 모드에서는 드롭아웃 때문에 출력이 매번 달라야 합니다"
assert all(m.p == 0.5 for m in _d.modules() if type(m) is nn.Dropout), "모든 드롭아웃 층의 확률이 p_drop 이어야 합니다"
_d.eval()
with torch.no_grad():
    assert torch.allclose(_d(_x), _manual(_linears(_d), _x), atol=1e-5), "평가 모드에서는 드롭아웃이 꺼져야 합니다"
_m1, _m2 = build_mlp([8]), build_mlp([8])
assert not any(p is q for p in _m1.parameters() for q in _m2.parameters()), "부를 때마다 새 모델을 만들어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. top-k 정확도 (2점)
#
# 강의의 정확도는 가장 큰 로짓 하나만 봅니다(top-1). `topk_accuracy(logits, targets, k)` 는 정답 클래스가 **로짓이 큰 쪽에서 k 개 안**에
# 드는 행의 비율을 **파이썬 `float`** 으로 돌려줍니다. `k=1` 이면 보통의 정확도, `k` 가 클래스 수이면 언제나 1.0 입니다.
#
# - `logits`: `(N, C)`, `targets`: 정수 `(N,)`, `1 ≤ k ≤ C`. 로짓은 GPU 에 있거나 기울기 기록이 붙어 있을 수도 있습니다.
# - 넘겨받은 텐서를 바꾸지 마세요. 로짓에 같은 값(동점)은 나오지 않는다고 생각해도 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_topk_accuracy", "locked": false, "schema_version": 3, "solution": true}
def topk_accuracy(logits: torch.Tensor, targets: torch.Tensor, k: int = 1) -> float:
    """Fraction of rows whose target is among the k largest logits, as a Python float."""
    ### BEGIN SOLUTION
    top = logits.topk(k, dim=1).indices
    return (top == targets[:, None]).any(dim=1).float().mean().item()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_topk_accuracy", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_lg = torch.tensor([[3.0, 2.0, 1.0, 0.0], [0.0, 1.0, 3.0, 2.0]])
_acc = topk_accuracy(_lg, torch.tensor([1, 3]), k=2)
assert type(_acc) is float, "반환값은 파이썬 float 이어야 합니다 (.item())"
assert abs(_acc - 1.0) < 1e-9, "두 행 모두 정답이 상위 2개 안에 있습니다"
assert abs(topk_accuracy(_lg, torch.tensor([1, 3]), k=1) - 0.0) < 1e-9, "k=1 이면 가장 큰 로짓만 봅니다"
### BEGIN HIDDEN TESTS
def _expected_topk(lg, t, k):
    rows, ts = lg.detach().cpu().tolist(), t.cpu().tolist()
    hits = 0
    for row, ti in zip(rows, ts):
        order = sorted(range(len(row)), key=lambda j: -row[j])
        hits += int(ti in order[:k])
    return hits / len(ts)


_g = torch.Generator().manual_seed(21)
_sq = torch.randn(10, 10, generator=_g)                      # as many rows as classes
_t = torch.randint(0, 10, (10,), generator=_g)
_before = _sq.clone()
for _k in (1, 2, 3, 5, 10):
    _acc = topk_accuracy(_sq, _t, _k)
    assert type(_acc) is float, "반환값은 파이썬 float 이어야 합니다"
    assert abs(_acc - _expected_topk(_sq, _t, _k)) < 1e-6, f"k={_k} 에서 top-k 정확도가 다릅니다 (클래스 축과 k 를 확인하세요)"
assert torch.equal(_sq, _before), "넘겨받은 로짓을 바꾸면 안 됩니다"
_lg = torch.randn(500, 7, generator=_g).to(device).requires_grad_()
_tt = torch.randint(0, 7, (500,), generator=_g)
_acc = topk_accuracy(_lg, _tt.to(device), 3)
assert type(_acc) is float and abs(_acc - _expected_topk(_lg, _tt, 3)) < 1e-6, "기울기 기록이 있는 로짓이나 C=7 에서 top-3 정확도가 다릅니다"
_acc = topk_accuracy(_lg, _tt.to(device))
assert type(_acc) is float and abs(_acc - _expected_topk(_lg, _tt, 1)) < 1e-6, "k 의 기본값은 1 입니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. 정해진 에포크 안에서 목표 정확도 (5점)
#
# `train_fashion(x_train, y_train, device)` 는 원본 학습 이미지(`uint8` `(N, 28, 28)`)와 정답(`int64` `(N,)`)으로
# `build_mlp([256, 128], p_drop)` 모델(`p_drop` 은 자유)을 학습해, **`device` 위의 학습된 모델**을 돌려줍니다.
#
# - 입력: 문제 1의 `standardize(images, *pixel_stats(x_train))` 로 표준화한 float32 이미지 `(N, 28, 28)`.
#   채점은 이 전처리로 만든 입력을 모델에 넣습니다 (`model.eval()`, `torch.no_grad()`).
# - **예산**: 채점이 세는 것은 **첫 `Linear(784, 256)` 층을 부르는 횟수 하나**이고, `train_fashion` 한 번에 **1000번 이하**여야 합니다
#   (학습 중의 모든 순전파를 셉니다. 검증 세트로 정확도를 재는 순전파도 들어갑니다). 에포크 수와 배치 크기는 이 안에서 자유입니다.
#   학습 이미지는 12000장이라, 예를 들어 배치 64 로 5 에포크(940번)나 배치 128 로 10 에포크(940번)가 예산 안입니다.
#   예산은 시간이 아니라 횟수로 정합니다. 이 과정의 CPU(스레드 하나)에서 1000번은 몇 초면 끝납니다.
# - **목표**: 채점할 때만 쓰는, 여러분이 가지고 있지 않은 Fashion-MNIST 이미지 1000장(클래스마다 100장)에서 **정확도 83% 이상**.
#   그 이미지는 여러분의 테스트 세트보다 조금 어려워서, 같은 모델이 여러분의 테스트 세트에서는 보통 1 ~ 2 %p 높게 나옵니다.
# - 학습률, 옵티마이저, 스케줄러, 배치 크기, 드롭아웃, 레이블 스무딩은 스스로 고르세요. 강의 7절에서 무엇이 효과가 있었는지 떠올려 보고,
#   학습 세트에서 검증 세트를 떼어 내 비교해 보세요. 테스트 세트로 학습하거나 설정을 고르지 마세요.
# - 넘겨받은 배열을 바꾸지 마세요. 채점은 시드를 고정하고 `train_fashion` 을 한 번 더 불러 (호출 횟수를 세면서) **두 모델 모두**를
#   채점용 이미지로 잽니다. 같은 시드에서 같은 모델이 나오도록 무작위는 `torch` 로 쓰기를 권합니다 (권장이며 따로 채점하지 않습니다).

# %% nbgrader={"grade": false, "grade_id": "ex_train_fashion", "locked": false, "schema_version": 3, "solution": true}
def train_fashion(x_train: np.ndarray, y_train: np.ndarray, device: torch.device) -> nn.Module:
    """Train build_mlp([256, 128], p) on standardised Fashion-MNIST within 5 epochs; return it on `device`."""
    ### BEGIN SOLUTION
    epochs, lr = 5, 2e-3
    mean, std = pixel_stats(x_train)
    dataset = TensorDataset(standardize(x_train, mean, std), torch.as_tensor(y_train, dtype=torch.long))
    loader = DataLoader(dataset, batch_size=128, shuffle=True)
    model = build_mlp([256, 128], p_drop=0.1).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=epochs * len(loader))
    helpers.train.fit(model, loader, nn.CrossEntropyLoss(), optimizer, epochs=epochs, device=device,
                      scheduler=scheduler, scheduler_per_batch=True)
    return model
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_train_fashion", "locked": true, "points": 5, "schema_version": 3, "solution": false}
_x_tr, _y_tr = x_train_raw.copy(), y_train_np.copy()
torch.manual_seed(0)
_t0 = time.perf_counter()
trained_model = train_fashion(_x_tr, _y_tr, device)
_secs = time.perf_counter() - _t0   # shown, never graded
assert isinstance(trained_model, nn.Module), "학습한 모델(nn.Module)을 돌려주세요"
train_mean, train_std = pixel_stats(x_train_raw)
trained_model.eval()
with torch.no_grad():
    _pred = trained_model(standardize(x_test_raw, train_mean, train_std).to(device)).argmax(dim=1).cpu().numpy()
print(f"내 테스트 세트 정확도 {(_pred == y_test_np).mean():.2%} | 학습 시간 {_secs:.1f}초 (채점하지 않음)")
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout
from grading.testkit import count_linear_calls

assert np.array_equal(_x_tr, x_train_raw) and np.array_equal(_y_tr, y_train_np), "넘겨받은 배열을 바꾸면 안 됩니다"
_lins = [m for m in trained_model.modules() if type(m) is nn.Linear]
assert [(m.in_features, m.out_features) for m in _lins] == [(784, 256), (256, 128), (128, 10)], "build_mlp([256, 128]) 모델을 학습해야 합니다"
assert sum(p.numel() for p in trained_model.parameters()) == 235146, "784-256-128-10 MLP 말고 다른 매개변수가 있습니다"
assert all(p.device.type == device.type for p in trained_model.parameters()), "학습한 모델은 device 에 있어야 합니다"
# the budget, counted: a second run under a forward-call counter (same seed)
torch.manual_seed(0)
_second, _calls = count_linear_calls(train_fashion, 784, 256, x_train_raw.copy(), y_train_np.copy(), device)
assert 0 < _calls <= 1000, "예산을 넘었습니다: Linear(784, 256) 호출이 1000번을 넘었습니다 (에포크 수와 배치 크기를 확인하세요)"
# judged on held-out images the student never had, with the training statistics
_xh, _yh = load_holdout("fashion_mnist")
_x = x_train_raw.astype(np.float64) / 255
_m, _s = _x.mean(), _x.std()
_inputs = torch.from_numpy(((_xh.astype(np.float64) / 255 - _m) / _s).astype(np.float32))
for _model in (trained_model, _second):
    _model.eval()
    _right = 0
    with torch.no_grad():
        for _i in range(0, len(_yh), 250):
            _right += int((_model(_inputs[_i:_i + 250].to(device)).argmax(dim=1).cpu().numpy() == _yh[_i:_i + 250]).sum())
    assert _right / len(_yh) >= 0.83, "채점용 이미지에서 정확도가 83% 에 못 미칩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. 확률과 예측을 함께 (3점)
#
# `predict_proba(model, images, mean, std, device)` 는 원본 이미지(`uint8` `(N, 28, 28)`)에 대해 튜플 `(probs, preds)` 를 돌려줍니다.
#
# - 학습 때와 **같은** 전처리 `standardize(images, mean, std)` 를 하고 `device` 로 옮겨 모델에 넣습니다.
# - `probs`: 로짓에 softmax 를 적용한 클래스별 확률, **CPU 위의 `float32` 텐서 `(N, 10)`** (행마다 합이 1).
# - `preds`: 확률이 가장 큰 클래스, **CPU 위의 `int64` 텐서 `(N,)`**.
# - `model.eval()` 과 `torch.no_grad()` 로 계산합니다 (드롭아웃이 있는 모델도 옵니다). 넘겨받은 배열을 바꾸지 마세요.
# - 로짓이 아주 큰 모델(수백 ~ 수천)에서도 `nan`, `inf` 없이 맞는 확률이 나와야 합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_predict_proba", "locked": false, "schema_version": 3, "solution": true}
def predict_proba(model: nn.Module, images: np.ndarray, mean: float, std: float,
                  device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    """(class probabilities (N, 10) float32, predicted classes (N,) int64), both on the CPU."""
    ### BEGIN SOLUTION
    model.eval()
    with torch.no_grad():
        probs = torch.softmax(model(standardize(images, mean, std).to(device)), dim=1).cpu()
    return probs, probs.argmax(dim=1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_predict_proba", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_out = predict_proba(trained_model, x_test_raw[:5], train_mean, train_std, device)
assert type(_out) is tuple and len(_out) == 2, "(probs, preds) 튜플을 돌려주세요"
_probs, _preds = _out
assert type(_probs) is torch.Tensor and _probs.shape == (5, 10) and _probs.dtype == torch.float32, "probs 는 (N, 10) float32 텐서여야 합니다"
assert type(_preds) is torch.Tensor and _preds.shape == (5,) and _preds.dtype == torch.int64, "preds 는 (N,) int64 텐서여야 합니다"
assert torch.allclose(_probs.sum(dim=1), torch.ones(5), atol=1e-5), "확률의 행 합이 1 이어야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(9)
_lin1, _lin2 = nn.Linear(784, 32), nn.Linear(32, 10)
with torch.no_grad():
    _lin2.weight.mul_(4.0)
_model = nn.Sequential(nn.Flatten(), _lin1, nn.ReLU(), nn.Dropout(0.5), _lin2).to(device)
_model.train()
_rng = np.random.default_rng(5)
_imgs = _rng.integers(0, 180, size=(40, 28, 28), dtype=np.uint8)     # brightest pixel below 255
_copy = _imgs.copy()
_m, _s = 0.21, 0.33
_p1, _q1 = predict_proba(_model, _imgs, _m, _s, device)
_p2, _q2 = predict_proba(_model, _imgs, _m, _s, device)
assert type(_p1) is torch.Tensor and type(_q1) is torch.Tensor, "(probs, preds) 두 텐서를 돌려주세요"
assert _p1.device.type == "cpu" and _q1.device.type == "cpu", "결과는 CPU 텐서여야 합니다"
assert _p1.dtype == torch.float32 and _q1.dtype == torch.int64 and _p1.shape == (40, 10) and _q1.shape == (40,), "probs (N, 10) float32, preds (N,) int64 여야 합니다"
assert not _p1.requires_grad, "예측은 torch.no_grad() 안에서 해야 합니다 (결과에 기울기 기록이 남아 있습니다)"
assert np.array_equal(_imgs, _copy), "넘겨받은 배열을 바꾸면 안 됩니다"
with torch.no_grad():
    _x = torch.from_numpy(((_copy.astype(np.float64) / 255 - _m) / _s).astype(np.float32)).reshape(40, 784)
    _logits = torch.clamp(_x @ _lin1.weight.cpu().T + _lin1.bias.cpu(), min=0) @ _lin2.weight.cpu().T + _lin2.bias.cpu()
    _expected = torch.softmax(_logits.double(), dim=1)
assert torch.allclose(_p1.double(), _expected, atol=1e-5) and torch.allclose(_p2.double(), _expected, atol=1e-5), "확률이 다릅니다 (같은 전처리, 평가 모드, softmax 의 축을 확인하세요)"
assert torch.equal(_q1, _expected.argmax(dim=1)), "preds 가 확률이 가장 큰 클래스가 아닙니다"
# very confident model: logits in the thousands overflow a hand-written exp() / sum
with torch.no_grad():
    _lin2.weight.mul_(300.0)
_p3, _q3 = predict_proba(_model, _copy, _m, _s, device)
with torch.no_grad():
    _logits = torch.clamp(_x @ _lin1.weight.cpu().T + _lin1.bias.cpu(), min=0) @ _lin2.weight.cpu().T + _lin2.bias.cpu()
    _expected = torch.softmax(_logits.double(), dim=1)
assert type(_p3) is torch.Tensor and bool(torch.isfinite(_p3).all()), "로짓이 아주 큰 모델에서 확률에 nan 이나 inf 가 있습니다 (exp 가 넘치지 않게 계산하세요)"
# logits in the thousands: float32 rounding of the logits themselves moves close probabilities by ~1e-4
assert torch.allclose(_p3.double(), _expected, atol=1e-3), "로짓이 아주 큰 모델에서 확률이 다릅니다"
assert type(_q3) is torch.Tensor and torch.equal(_q3, _p3.argmax(dim=1)), "로짓이 아주 큰 모델에서 preds 가 확률이 가장 큰 클래스가 아닙니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 6. 실험: 모델이 가장 어려워하는 클래스 (3점)
#
# 전체 정확도는 클래스 사이의 차이를 숨깁니다. 클래스 c 의 **재현율(recall)** 은 정답이 c 인 이미지 가운데 c 로 맞힌 비율입니다.
#
# **(가)** `per_class_recall(y_true, y_pred, num_classes)` 를 완성하세요. 정답과 예측은 `0 ~ num_classes-1` 정수의 1차원 NumPy 배열(길이 같음)이고,
# 돌려줄 값은 `float64` NumPy 배열 `(num_classes,)` 입니다. 정답에 한 번도 나오지 않은 클래스의 재현율은 `nan` 입니다 (0 으로 나누지 않기).
# 길이는 데이터가 아니라 `num_classes` 로 정해집니다: 번호가 큰 클래스가 두 배열 모두에 한 번도 없을 수도 있습니다.
# 넘겨받은 배열을 바꾸지 마세요.
#
# **(나)** 문제 4에서 학습한 `trained_model` 로 **여러분의 테스트 세트**(`x_test_raw`, `y_test_np`)를 예측해 (문제 5의 `predict_proba`, 전처리 통계는
# `train_mean`, `train_std`) 재현율을 재고,
# - `hardest_class`: 재현율이 가장 낮은 클래스 번호,
# - `confused_with`: 그 클래스의 이미지를 모델이 **가장 자주 잘못 예측한** 다른 클래스 번호
#
# 를 파이썬 `int` 로 남기세요. 짐작하지 말고 재서 고르세요. 채점은 여러분의 모델로 같은 측정을 다시 해서 확인합니다.
# 아래 확인 셀이 그 클래스의 틀린 이미지를 보여 줍니다. 왜 헷갈릴지 생각해 보세요.

# %% nbgrader={"grade": false, "grade_id": "ex_class_experiment", "locked": false, "schema_version": 3, "solution": true}
def per_class_recall(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    """Recall of every class (nan for a class absent from y_true), float64 (num_classes,)."""
    ### BEGIN SOLUTION
    recall = np.full(num_classes, np.nan)
    for c in range(num_classes):
        mask = y_true == c
        if mask.any():
            recall[c] = float((y_pred[mask] == c).mean())
    return recall
    ### END SOLUTION


### BEGIN SOLUTION
_, test_preds = predict_proba(trained_model, x_test_raw, train_mean, train_std, device)
test_preds = test_preds.numpy()
recall = per_class_recall(y_test_np, test_preds, 10)
hardest_class = int(np.nanargmin(recall))
wrong = test_preds[(y_test_np == hardest_class) & (test_preds != hardest_class)]
confused_with = int(np.bincount(wrong, minlength=10).argmax())
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_class_experiment", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_r = per_class_recall(np.array([0, 0, 1, 2, 2, 2]), np.array([0, 1, 1, 2, 0, 2]), 3)
assert type(_r) is np.ndarray and _r.shape == (3,) and _r.dtype == np.float64, "float64 배열 (num_classes,) 을 돌려주세요"
assert np.allclose(_r, [0.5, 1.0, 2 / 3]), "재현율이 다릅니다"
assert type(hardest_class) is int and type(confused_with) is int, "hardest_class, confused_with 는 파이썬 int 여야 합니다"
assert 0 <= hardest_class < 10 and 0 <= confused_with < 10 and hardest_class != confused_with, "0 ~ 9 의 서로 다른 클래스 번호여야 합니다"
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(12)
_t = _rng.integers(0, 6, 300)
_t[_t == 4] = 5                                              # class 4 never occurs
_p = np.where(_rng.random(300) < 0.6, _t, _rng.integers(0, 6, 300))
_t0, _p0 = _t.copy(), _p.copy()
_got = per_class_recall(_t, _p, 6)
assert type(_got) is np.ndarray and _got.shape == (6,) and _got.dtype == np.float64, "float64 배열 (num_classes,) 을 돌려주세요"
assert np.isnan(_got[4]), "정답에 없는 클래스의 재현율은 nan 이어야 합니다"
_exp = [sum(1 for a, b in zip(_t0, _p0) if a == b == c) / sum(1 for a in _t0 if a == c) for c in (0, 1, 2, 3, 5)]
assert np.allclose(_got[[0, 1, 2, 3, 5]], _exp, atol=1e-12), "재현율이 다릅니다 (정답이 c 인 것 가운데 맞힌 비율)"
assert np.array_equal(_t, _t0) and np.array_equal(_p, _p0), "넘겨받은 배열을 바꾸면 안 됩니다"
# the highest classes absent from both arrays: the length comes from num_classes, not from the data
_got = per_class_recall(_t0 % 3, _p0 % 3, 7)
assert type(_got) is np.ndarray and _got.shape == (7,) and _got.dtype == np.float64, "가장 큰 클래스 번호가 데이터에 없어도 길이는 num_classes 여야 합니다"
assert np.isnan(_got[3:]).all() and not np.isnan(_got[:3]).any(), "데이터에 없는 클래스의 재현율은 nan, 있는 클래스는 숫자여야 합니다"
_exp = [sum(1 for a, b in zip(_t0 % 3, _p0 % 3) if a == b == c) / sum(1 for a in _t0 % 3 if a == c) for c in range(3)]
assert np.allclose(_got[:3], _exp, atol=1e-12), "재현율이 다릅니다 (정답이 c 인 것 가운데 맞힌 비율)"
# the judge re-measures the experiment with the student's own model, on the student's test split
trained_model.eval()
_xs = x_train_raw.astype(np.float64) / 255
_inputs = torch.from_numpy(((x_test_raw.astype(np.float64) / 255 - _xs.mean()) / _xs.std()).astype(np.float32))
with torch.no_grad():
    _pred = np.concatenate([trained_model(_inputs[_i:_i + 500].to(device)).argmax(dim=1).cpu().numpy()
                            for _i in range(0, len(_inputs), 500)])
_rec = [float((_pred[y_test_np == c] == c).mean()) for c in range(10)]
assert _rec[hardest_class] <= min(_rec) + 1e-9, "hardest_class 보다 재현율이 낮은 클래스가 있습니다. 직접 재서 고르세요"
_wrong_counts = np.bincount(_pred[(y_test_np == hardest_class) & (_pred != hardest_class)], minlength=10)
assert _wrong_counts[confused_with] == _wrong_counts.max(), "confused_with 보다 더 자주 잘못 예측된 클래스가 있습니다. 직접 재서 고르세요"
### END HIDDEN TESTS

# %% [markdown]
# 가장 어려운 클래스를 다른 클래스로 잘못 예측한 이미지를 봅니다 (채점하지 않는 확인 셀).

# %%
_, check_preds = predict_proba(trained_model, x_test_raw, train_mean, train_std, device)
check_preds = check_preds.numpy()
check_recall = per_class_recall(y_test_np, check_preds, 10)
fig, ax = plt.subplots(figsize=(8, 3))
ax.bar(range(10), check_recall)
ax.set_xticks(range(10), CLASSES, rotation=30)
ax.set_ylabel("재현율")
ax.set_title("클래스마다 재현율 (내 테스트 세트)")
plt.show()
print(f"가장 어려운 클래스: {CLASSES[hardest_class]} → 가장 자주 {CLASSES[confused_with]} 로 잘못 예측")
mistakes = np.flatnonzero((y_test_np == hardest_class) & (check_preds == confused_with))[:8]
helpers.plot.show_images(x_test_raw[mistakes], y_test_np[mistakes], check_preds[mistakes], class_names=CLASSES, ncols=8)
plt.show()

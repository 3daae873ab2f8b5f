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
import pandas as pd

import helpers

device = helpers.setup(seed=0)  # NumPy only in this assignment


# %% [markdown]
# ## 🎯 학습 목표
#
# - 평균제곱오차(MSE)와 그 기울기(gradient)로 경사하강법 한 걸음을 직접 구현한다.
# - 특성을 표준화한 경사하강법으로 tips 데이터의 추세선을 닫힌 해와 1e-3 이내로 맞춘다.
# - 시그모이드와 이진 교차 엔트로피로 로지스틱 회귀를 구현한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. MSE 는 왜 합이 아니라 평균이고, 모양이 다른 두 배열을 넣으면 어떤 일이 생길까? (문제 1)
# 2. 기울기(gradient)의 부호나 인자 2 를 틀리면 경사하강법은 어디로 갈까? (문제 2)
# 3. 표준화한 $z$ 로 학습한 $a_z, b_z$ 를 원래 단위의 $a, b$ 로 어떻게 되돌릴까? (문제 3)
# 4. 확률 $p$ 가 정확히 0 이나 1 일 때 교차 엔트로피가 nan 이 되지 않게 하려면? (문제 4, 5)
# 5. 로지스틱 회귀의 기울기는 선형회귀의 기울기와 어디가 같고 어디가 다를까? (문제 6)

# %% [markdown]
# ### 📋 안내
# - **NumPy 만** 사용합니다 (torch, scikit-learn 금지).
# - `# YOUR CODE HERE` 와 `raise NotImplementedError()` 를 지우고 답을 쓰세요. 함수 이름과 인자는 바꾸지 마세요.
# - 각 답 아래의 테스트 셀을 실행해 확인하세요. 채점할 때는 보이지 않는 테스트가 더 실행됩니다
#   (새로운 입력, 경계 경우, 입력 배열을 바꾸지 않는지 등).
# - 위에서부터 차례로 실행하세요. 뒤의 문제는 앞의 함수(`mse`, `grad_step`, `sigmoid`)를 써도 됩니다.

# %% [markdown]
# ## 1. 평균제곱오차 `mse` (1점)
#
# $$\text{MSE} = \frac{1}{N}\sum_{k}(\hat y_k - y_k)^2$$
#
# `mse(y_pred, y_true)` 를 완성하세요.
#
# - 두 NumPy 배열의 원소별 차이를 제곱한 값의 **평균** 을 `float` 하나로 돌려줍니다 (`np.float64` 도 됩니다).
#   배열이 2차원이면 모든 원소에 대한 평균입니다.
# - 두 배열의 **shape 이 다르면 `ValueError`** 를 냅니다. (예: (5,) 와 (5, 1) 은 브로드캐스팅되면 (5, 5) 가 되어
#   조용히 틀린 값이 나오므로 막아야 합니다.)
# - 입력 배열을 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_mse", "locked": false, "schema_version": 3, "solution": true}
def mse(y_pred: np.ndarray, y_true: np.ndarray) -> float:
    """Mean squared error of two arrays of the same shape; ValueError if the shapes differ."""
    ### BEGIN SOLUTION
    y_pred = np.asarray(y_pred, dtype=float)
    y_true = np.asarray(y_true, dtype=float)
    if y_pred.shape != y_true.shape:
        raise ValueError(f"shape 이 다릅니다: {y_pred.shape} vs {y_true.shape}")
    return float(np.mean((y_pred - y_true) ** 2))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_mse", "locked": true, "points": 1, "schema_version": 3, "solution": false}
_out = mse(np.array([1.0, 2.0, 3.0]), np.array([1.0, 2.0, 5.0]))
assert type(_out) in (float, np.float64), "mse 는 float 하나를 돌려주어야 합니다"
assert abs(_out - 4 / 3) < 1e-12, "작은 예에서 MSE 값이 다릅니다"
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(31)
_p, _t = _rng.normal(size=57), _rng.normal(size=57)
_p0, _t0 = _p.copy(), _t.copy()
_ref = sum((pi - ti) ** 2 for pi, ti in zip(_p.tolist(), _t.tolist())) / 57
_out = mse(_p, _t)
assert type(_out) in (float, np.float64), "mse 는 float 하나를 돌려주어야 합니다"
assert abs(_out - _ref) < 1e-12, "임의의 입력에서 MSE 값이 다릅니다 (제곱의 평균인지 확인하세요)"
assert np.array_equal(_p, _p0) and np.array_equal(_t, _t0), "입력 배열을 바꾸면 안 됩니다"

_out = mse(np.array([1, 2, 3]), np.array([1, 2, 4]))
assert abs(float(_out) - 1 / 3) < 1e-12, "정수 배열에서 MSE 값이 다릅니다"

_p2, _t2 = _rng.normal(size=(4, 3)), _rng.normal(size=(4, 3))
_ref2 = sum((pi - ti) ** 2 for pi, ti in zip(_p2.ravel().tolist(), _t2.ravel().tolist())) / 12
assert abs(float(mse(_p2, _t2)) - _ref2) < 1e-12, "2차원 배열에서는 모든 원소의 평균이어야 합니다"

for _a, _b in [(np.zeros(5), np.zeros((5, 1))), (np.zeros((5, 1)), np.zeros(5)), (np.zeros(4), np.zeros(5))]:
    try:
        mse(_a, _b)
    except ValueError:
        _raised = True
    else:
        _raised = False
    assert _raised, "shape 이 다른 두 배열에는 ValueError 를 내야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 2. 경사하강법 한 걸음 `grad_step` (2점)
#
# 직선 $\hat y = a x + b$ 의 MSE 에 대해 경사하강법을 **한 번** 적용한 새 $(a, b)$ 를 돌려주세요.
#
# $$g_a = \frac{2}{n}\sum_{i}(a x_i + b - y_i)\,x_i, \qquad g_b = \frac{2}{n}\sum_{i}(a x_i + b - y_i)$$
#
# $$a_{\text{new}} = a - \text{lr}\cdot g_a, \qquad b_{\text{new}} = b - \text{lr}\cdot g_b$$
#
# - 두 기울기는 모두 **갱신 전의** $a, b$ 로 계산합니다. 인자 2 를 빠뜨리지 마세요 (MSE 를 정확히 미분한 값입니다).
# - `(a_new, b_new)` 를 `float` 두 개의 **tuple** 로 돌려줍니다. `x`, `y` 는 shape (n,) 의 배열이며 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_grad_step", "locked": false, "schema_version": 3, "solution": true}
def grad_step(a: float, b: float, x: np.ndarray, y: np.ndarray, lr: float) -> tuple[float, float]:
    """One gradient-descent step on MSE for y ≈ a*x + b; returns (a_new, b_new)."""
    ### BEGIN SOLUTION
    err = a * x + b - y
    grad_a = 2.0 * np.mean(err * x)
    grad_b = 2.0 * np.mean(err)
    return float(a - lr * grad_a), float(b - lr * grad_b)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_grad_step", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_res = grad_step(0.0, 0.0, np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0]), 0.01)
assert type(_res) is tuple and len(_res) == 2, "(a_new, b_new) 두 값의 tuple 을 돌려주어야 합니다"
assert all(type(v) in (float, np.float64) for v in _res), "a_new, b_new 는 float 이어야 합니다"
assert _res[0] > 0 and _res[1] > 0, "손실이 줄어드는 방향(기울기의 반대)으로 움직여야 합니다"
### BEGIN HIDDEN TESTS
def _ref_step(a, b, xs, ys, lr):
    n = len(xs)
    ga = 2.0 / n * sum((a * xi + b - yi) * xi for xi, yi in zip(xs, ys))
    gb = 2.0 / n * sum((a * xi + b - yi) for xi, yi in zip(xs, ys))
    return a - lr * ga, b - lr * gb

_res = grad_step(0.0, 0.0, np.array([1.0, 2.0, 3.0]), np.array([2.0, 4.0, 6.0]), 0.01)
_exp = _ref_step(0.0, 0.0, [1.0, 2.0, 3.0], [2.0, 4.0, 6.0], 0.01)
assert abs(_res[0] - _exp[0]) < 1e-12 and abs(_res[1] - _exp[1]) < 1e-12, "작은 예에서 한 걸음의 값이 다릅니다"

_rng = np.random.default_rng(32)
for _n, _a, _b, _lr in [(30, 0.7, -1.3, 0.01), (11, -2.0, 0.5, 0.003)]:
    _x = _rng.uniform(-3, 3, size=_n)
    _y = 1.5 * _x - 0.4 + _rng.normal(0, 0.3, size=_n)
    _x0, _y0 = _x.copy(), _y.copy()
    _res = grad_step(_a, _b, _x, _y, _lr)
    assert type(_res) is tuple and len(_res) == 2, "(a_new, b_new) 두 값의 tuple 을 돌려주어야 합니다"
    _exp = _ref_step(_a, _b, _x.tolist(), _y.tolist(), _lr)
    assert abs(_res[0] - _exp[0]) < 1e-10 and abs(_res[1] - _exp[1]) < 1e-10, \
        "임의의 입력에서 a_new, b_new 가 다릅니다 (부호, 인자 2, 평균을 확인하세요)"
    assert np.array_equal(_x, _x0) and np.array_equal(_y, _y0), "입력 배열을 바꾸면 안 됩니다"

_res = grad_step(0.7, -1.3, _x, _y, 0.0)
assert abs(_res[0] - 0.7) < 1e-15 and abs(_res[1] + 1.3) < 1e-15, "학습률이 0 이면 a, b 가 그대로여야 합니다"

_xm, _ym = _x.mean(), _y.mean()
_a_opt = float(((_x - _xm) * (_y - _ym)).sum() / ((_x - _xm) ** 2).sum())
_b_opt = float(_ym - _a_opt * _xm)
_res = grad_step(_a_opt, _b_opt, _x, _y, 0.1)
assert abs(_res[0] - _a_opt) < 1e-9 and abs(_res[1] - _b_opt) < 1e-9, "최솟값에서는 기울기가 0 이라 움직이지 않아야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 3. 표준화 + 경사하강법으로 추세선 맞추기 `fit_linear_gd` (3점)
#
# `fit_linear_gd(x, y, lr=0.1, epochs=200)` 은 다음을 합니다.
#
# 1. $x$ 의 평균 $m$ 과 표준편차 $s$ (`np.std`)를 구하고, 표준화한 $z = (x - m)/s$ 를 **새 배열로** 만듭니다
#    (입력 `x`, `y` 를 바꾸지 마세요).
# 2. $a_z = b_z = 0$ 에서 시작해 $(z, y)$ 에 대해 경사하강법을 `epochs` 번 합니다 (2번의 `grad_step` 을 써도 됩니다).
#    매 갱신 **직전** 의 MSE 를 `history` 리스트에 추가합니다. 따라서 `len(history) == epochs` 이고, `history[0]` 은
#    $a_z = b_z = 0$ 일 때의 MSE 입니다.
# 3. 원래 단위로 되돌립니다: $a = a_z / s$, $\; b = b_z - a_z m / s$.
# 4. `(a, b, history)` 를 돌려줍니다. `a`, `b` 는 `float`, `history` 는 `float` 들의 파이썬 `list` 입니다.
#
# 기본값(lr = 0.1, 200 에포크)으로 tips 의 total_bill → tip 에서 **닫힌 해(최소제곱 직선)와 1e-3 이내** 로 같아야 하고,
# 반복문 없이 배열 연산으로 쓰면 1초도 걸리지 않습니다 (채점은 시간이 아니라 값으로 합니다). $x$ 의 크기가 수천이어도 표준화 덕분에 똑같이 수렴해야 합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_fit_linear_gd", "locked": false, "schema_version": 3, "solution": true}
def fit_linear_gd(x: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 200) -> tuple[float, float, list]:
    """Fit y ≈ a*x + b by gradient descent on standardised x; return (a, b, history) in original units."""
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    m, s = x.mean(), x.std()
    z = (x - m) / s
    a_z, b_z = 0.0, 0.0
    history = []
    for _ in range(epochs):
        history.append(mse(a_z * z + b_z, y))
        a_z, b_z = grad_step(a_z, b_z, z, y, lr)
    return float(a_z / s), float(b_z - a_z * m / s), history
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_fit_linear_gd", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_tips = helpers.data.load_seaborn("tips")
_res = fit_linear_gd(_tips["total_bill"].to_numpy(), _tips["tip"].to_numpy())
assert type(_res) is tuple and len(_res) == 3, "(a, b, history) 세 값의 tuple 을 돌려주어야 합니다"
assert type(_res[0]) in (float, np.float64) and type(_res[1]) in (float, np.float64), "a, b 는 float 이어야 합니다"
assert type(_res[2]) is list and len(_res[2]) == 200, "history 는 에포크마다 하나씩, 길이 epochs 의 list 여야 합니다"
### BEGIN HIDDEN TESTS
_x = _tips["total_bill"].to_numpy().copy()
_y = _tips["tip"].to_numpy().copy()
_x0, _y0 = _x.copy(), _y.copy()
_xm, _ym = _x.mean(), _y.mean()
_a_ref = float(((_x - _xm) * (_y - _ym)).sum() / ((_x - _xm) ** 2).sum())
_b_ref = float(_ym - _a_ref * _xm)
_mse_ref = float(((_a_ref * _x + _b_ref - _y) ** 2).mean())

_a, _b, _h = fit_linear_gd(_x, _y)
assert np.isfinite(_a) and np.isfinite(_b), "tips 에서 a, b 가 유한한 값이 아닙니다 (발산했습니다)"
assert abs(_a - _a_ref) < 1e-3 and abs(_b - _b_ref) < 1e-3, "tips 에서 닫힌 해와 1e-3 이내로 같지 않습니다"
assert np.array_equal(_x, _x0) and np.array_equal(_y, _y0), "입력 배열 x, y 를 바꾸면 안 됩니다"
assert type(_h) is list and len(_h) == 200, "history 의 길이가 epochs 와 다릅니다"
assert all(type(v) in (float, np.float64) for v in _h), "history 의 원소는 float 이어야 합니다"
assert abs(_h[0] - float((_y ** 2).mean())) < 1e-9, "history[0] 은 첫 갱신 전(a = b = 0)의 MSE 여야 합니다"
assert all(_h[i + 1] <= _h[i] + 1e-12 for i in range(len(_h) - 1)), "lr = 0.1 에서는 MSE 가 줄어들기만 해야 합니다"
assert abs(_h[-1] - _mse_ref) < 1e-6, "마지막 MSE 가 최소 MSE 에 도달하지 못했습니다"

_a, _b, _h = fit_linear_gd(_x, _y, lr=0.05, epochs=7)
assert type(_h) is list and len(_h) == 7, "epochs 를 바꾸면 history 의 길이도 바뀌어야 합니다"

_rng = np.random.default_rng(33)
_xs = _rng.uniform(800.0, 2400.0, size=90)
_ys = 0.0042 * _xs - 3.1 + _rng.normal(0, 0.8, size=90)
_xm, _ym = _xs.mean(), _ys.mean()
_a_ref = float(((_xs - _xm) * (_ys - _ym)).sum() / ((_xs - _xm) ** 2).sum())
_b_ref = float(_ym - _a_ref * _xm)
_a, _b, _h = fit_linear_gd(_xs, _ys)
assert np.isfinite(_a) and np.isfinite(_b), "x 가 큰 데이터에서 발산했습니다 (표준화했나요?)"
assert abs(_a - _a_ref) <= 1e-6 * abs(_a_ref) + 1e-9 and abs(_b - _b_ref) < 1e-6, \
    "x 가 큰 다른 데이터에서 닫힌 해와 같지 않습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 4. 시그모이드 `sigmoid` (1점)
#
# $$\sigma(t) = \frac{1}{1 + e^{-t}}$$
#
# NumPy 배열 `t` 를 받아 원소마다 시그모이드를 적용한 **같은 shape 의 `np.ndarray`** (float64) 를 돌려주세요.
# 입력 배열을 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_sigmoid", "locked": false, "schema_version": 3, "solution": true}
def sigmoid(t: np.ndarray) -> np.ndarray:
    """Element-wise logistic function 1 / (1 + exp(-t))."""
    ### BEGIN SOLUTION
    t = np.asarray(t, dtype=float)
    return 1.0 / (1.0 + np.exp(-t))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sigmoid", "locked": true, "points": 1, "schema_version": 3, "solution": false}
_out = sigmoid(np.array([0.0]))
assert type(_out) is np.ndarray, "np.ndarray 를 돌려주어야 합니다"
assert _out.shape == (1,), "입력과 같은 shape 이어야 합니다"
assert abs(float(_out[0]) - 0.5) < 1e-12, "σ(0) 은 0.5 여야 합니다"
### BEGIN HIDDEN TESTS
import math

_rng = np.random.default_rng(34)
_t = _rng.uniform(-9, 9, size=(3, 5))
_t0 = _t.copy()
_out = sigmoid(_t)
assert type(_out) is np.ndarray, "np.ndarray 를 돌려주어야 합니다"
assert _out.shape == (3, 5), "2차원 입력에서도 같은 shape 이어야 합니다"
assert _out.dtype == np.float64, "float64 입력이면 float64 를 돌려주어야 합니다"
_ref = np.array([[1.0 / (1.0 + math.exp(-v)) for v in row] for row in _t.tolist()])
assert np.allclose(_out, _ref, rtol=0, atol=1e-12), "임의의 입력에서 값이 다릅니다"
assert np.array_equal(_t, _t0), "입력 배열을 바꾸면 안 됩니다"
_v = sigmoid(np.array([-30.0, -2.0, 2.0, 30.0]))
assert _v[0] < 1e-12 and _v[3] > 1 - 1e-12, "큰 음수는 0, 큰 양수는 1 에 가까워야 합니다"
assert abs(float(_v[1] + _v[2]) - 1.0) < 1e-12, "σ(−t) = 1 − σ(t) 가 성립하지 않습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 5. 이진 교차 엔트로피 `bce` (2점)
#
# $$\text{BCE} = -\frac{1}{n}\sum_{i}\Big[y_i \log p_i + (1 - y_i)\log(1 - p_i)\Big]$$
#
# `bce(p, y, eps=1e-12)` 를 완성하세요. `p` 는 합격 확률(0~1), `y` 는 정답(0 또는 1), 둘 다 shape (n,) 입니다.
#
# - 로그를 계산하기 **전에** `p` 를 $[\text{eps},\ 1 - \text{eps}]$ 로 자릅니다(`np.clip`). 그래서 `p` 가 정확히 0 이나 1 이어도
#   결과는 유한한 값입니다 (예: `p = 0`, `y = 1` 이면 $-\log(\text{eps})$).
# - 손실은 **평균** 이며 `float` 하나로 돌려줍니다 (`np.float64` 도 됩니다).
# - 입력 배열 `p`, `y` 를 바꾸지 마세요 (자른 값은 새 배열에 담으세요).

# %% nbgrader={"grade": false, "grade_id": "ex_bce", "locked": false, "schema_version": 3, "solution": true}
def bce(p: np.ndarray, y: np.ndarray, eps: float = 1e-12) -> float:
    """Mean binary cross-entropy with p clipped to [eps, 1 - eps]."""
    ### BEGIN SOLUTION
    p = np.clip(np.asarray(p, dtype=float), eps, 1.0 - eps)
    y = np.asarray(y, dtype=float)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_bce", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = bce(np.array([0.9, 0.2]), np.array([1.0, 0.0]))
assert type(_out) in (float, np.float64), "bce 는 float 하나를 돌려주어야 합니다"
assert 0.0 < _out < 0.5, "맞는 쪽에 높은 확률을 주었으니 손실이 작아야 합니다"
### BEGIN HIDDEN TESTS
import math

_ref = -(math.log(0.9) + math.log(0.8)) / 2
assert abs(_out - _ref) < 1e-12, "작은 예에서 BCE 값이 다릅니다"

_rng = np.random.default_rng(35)
_p = _rng.uniform(0.01, 0.99, size=41)
_y = (_rng.uniform(size=41) < 0.5).astype(float)
_p0, _y0 = _p.copy(), _y.copy()
_ref = -sum(yi * math.log(pi) + (1 - yi) * math.log(1 - pi) for pi, yi in zip(_p.tolist(), _y.tolist())) / 41
with np.errstate(all="ignore"):
    _out = bce(_p, _y)
assert type(_out) in (float, np.float64), "bce 는 float 하나를 돌려주어야 합니다"
assert abs(_out - _ref) < 1e-9, "임의의 입력에서 BCE 값이 다릅니다"
assert np.array_equal(_p, _p0) and np.array_equal(_y, _y0), "입력 배열을 바꾸면 안 됩니다"

_pe = np.array([1.0, 0.0, 1.0, 0.0])
_ye = np.array([1.0, 0.0, 1.0, 0.0])
_pe0 = _pe.copy()
with np.errstate(all="ignore"):
    _out = bce(_pe, _ye)
assert np.isfinite(_out) and abs(_out) < 1e-9, "p 가 정확히 0/1 이고 맞았을 때 손실은 0 에 가까운 유한한 값이어야 합니다"
assert np.array_equal(_pe, _pe0), "입력 배열 p 를 바꾸면 안 됩니다 (자른 값은 새 배열에)"

with np.errstate(all="ignore"):
    _o1 = bce(np.array([0.0]), np.array([1.0]))
    _o2 = bce(np.array([1.0]), np.array([0.0]))
    _o3 = bce(np.array([0.0]), np.array([1.0]), eps=1e-3)
assert np.isfinite(_o1) and abs(_o1 - (-math.log(1e-12))) < 1e-3, "p = 0, y = 1 일 때 −log(eps) 가 나와야 합니다"
assert np.isfinite(_o2) and abs(_o2 - (-math.log(1e-12))) < 1e-3, "p = 1, y = 0 일 때 −log(eps) 가 나와야 합니다"
assert abs(_o3 - (-math.log(1e-3))) < 1e-6, "eps 인자를 써서 잘라야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# 다음 문제에서 쓸 공부 시간 표입니다 (학생 20명, 공부 시간과 합격 여부).

# %%
study = pd.DataFrame({
    "hours":  [0.5, 1.0, 1.5, 2.0, 2.0, 2.5, 3.0, 3.0, 3.5, 4.0, 4.0, 4.5, 5.0, 5.0, 5.5, 6.0, 6.5, 7.0, 8.0, 9.0],
    "passed": [0,   0,   0,   0,   0,   0,   0,   1,   0,   0,   1,   1,   1,   0,   1,   1,   1,   1,   1,   1],
})
hours = study["hours"].to_numpy(dtype=float)
passed = study["passed"].to_numpy(dtype=float)
print(f"학생 {len(study)}명, 합격 {int(passed.sum())}명")


# %% [markdown]
# ## 6. 로지스틱 회귀 학습 `fit_logistic` (3점)
#
# `fit_logistic(x, y, lr=0.1, epochs=5000)` 은 $p = \sigma(a x + b)$ 의 $a, b$ 를 BCE 에 대한 경사하강법으로 학습합니다.
# **표준화하지 않고** 주어진 `x` 를 그대로 씁니다.
#
# 1. $a = b = 0$ 에서 시작합니다.
# 2. 각 에포크마다 전체 데이터로 $p_i = \sigma(a x_i + b)$ 를 구하고
#    $$g_a = \frac{1}{n}\sum_i (p_i - y_i)\,x_i, \qquad g_b = \frac{1}{n}\sum_i (p_i - y_i)$$
#    를 계산한 뒤, **두 값을 동시에** $a \leftarrow a - \text{lr}\cdot g_a$, $b \leftarrow b - \text{lr}\cdot g_b$ 로 갱신합니다
#    ($g_b$ 를 새 $a$ 로 다시 계산하지 않습니다).
# 3. 이것을 정확히 `epochs` 번 반복하고 `(a, b)` 를 `float` 두 개의 tuple 로 돌려줍니다 (`epochs = 0` 이면 `(0.0, 0.0)`).
#
# 입력 배열을 바꾸지 마세요. 공부 시간 표에서 결정 경계 $-b/a$ 는 약 4시간이 나옵니다.

# %% nbgrader={"grade": false, "grade_id": "ex_fit_logistic", "locked": false, "schema_version": 3, "solution": true}
def fit_logistic(x: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 5000) -> tuple[float, float]:
    """Logistic regression p = sigmoid(a*x + b) by full-batch gradient descent on BCE from a = b = 0."""
    ### BEGIN SOLUTION
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    a, b = 0.0, 0.0
    for _ in range(epochs):
        p = sigmoid(a * x + b)
        grad_a = np.mean((p - y) * x)
        grad_b = np.mean(p - y)
        a, b = a - lr * grad_a, b - lr * grad_b
    return float(a), float(b)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_fit_logistic", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_res = fit_logistic(np.array([1.0, 2.0, 3.0, 4.0]), np.array([0.0, 0.0, 1.0, 1.0]), epochs=100)
assert type(_res) is tuple and len(_res) == 2, "(a, b) 두 값의 tuple 을 돌려주어야 합니다"
assert type(_res[0]) in (float, np.float64) and type(_res[1]) in (float, np.float64), "a, b 는 float 이어야 합니다"
assert _res[0] > 0, "공부를 많이 할수록 합격 확률이 커지도록 a > 0 이어야 합니다"
### BEGIN HIDDEN TESTS
import math

def _ref_fit(xs, ys, lr, epochs):
    a = b = 0.0
    n = len(xs)
    for _ in range(epochs):
        ps = [1.0 / (1.0 + math.exp(-(a * xi + b))) for xi in xs]
        ga = sum((pi - yi) * xi for pi, yi, xi in zip(ps, ys, xs)) / n
        gb = sum(pi - yi for pi, yi in zip(ps, ys)) / n
        a, b = a - lr * ga, b - lr * gb
    return a, b

_hx = np.array([0.5, 1.0, 1.5, 2.0, 2.0, 2.5, 3.0, 3.0, 3.5, 4.0, 4.0, 4.5, 5.0, 5.0, 5.5, 6.0, 6.5, 7.0, 8.0, 9.0])
_hy = np.array([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1], dtype=float)
_hx0, _hy0 = _hx.copy(), _hy.copy()

_res = fit_logistic(_hx, _hy, lr=0.1, epochs=0)
assert type(_res) is tuple and len(_res) == 2, "(a, b) 두 값의 tuple 을 돌려주어야 합니다"
assert all(type(v) in (float, np.float64) for v in _res), "a, b 는 float 이어야 합니다"
assert abs(_res[0]) < 1e-300 and abs(_res[1]) < 1e-300, "epochs = 0 이면 (0.0, 0.0) 이어야 합니다"

for _ep in (1, 2, 37):
    _res = fit_logistic(_hx, _hy, lr=0.1, epochs=_ep)
    assert type(_res) is tuple and all(type(v) in (float, np.float64) for v in _res), "a, b 는 float 이어야 합니다"
    _exp = _ref_fit(_hx.tolist(), _hy.tolist(), 0.1, _ep)
    assert abs(_res[0] - _exp[0]) < 1e-10 and abs(_res[1] - _exp[1]) < 1e-10, \
        "처음 몇 에포크의 a, b 가 다릅니다 (기울기 식, 부호, 동시 갱신, 반복 횟수를 확인하세요)"

_res = fit_logistic(_hx, _hy)
_exp = _ref_fit(_hx.tolist(), _hy.tolist(), 0.1, 5000)
assert abs(_res[0] - _exp[0]) < 1e-7 and abs(_res[1] - _exp[1]) < 1e-7, "기본 설정으로 학습한 a, b 가 다릅니다"
assert 3.8 < -_res[1] / _res[0] < 4.2, "공부 시간 표의 결정 경계가 4시간 근처가 아닙니다"
assert np.array_equal(_hx, _hx0) and np.array_equal(_hy, _hy0), "입력 배열을 바꾸면 안 됩니다"

# the maximum-likelihood solution by Newton's method, independent of gradient descent
_w = np.zeros(2)
_X = np.column_stack([_hx, np.ones_like(_hx)])
for _ in range(30):
    _pp = 1.0 / (1.0 + np.exp(-(_X @ _w)))
    _g = _X.T @ (_pp - _hy) / len(_hy)
    _H = (_X * (_pp * (1 - _pp))[:, None]).T @ _X / len(_hy)
    _w = _w - np.linalg.solve(_H, _g)
_res = fit_logistic(_hx, _hy, lr=1.0, epochs=5000)
assert abs(_res[0] - _w[0]) < 1e-4 and abs(_res[1] - _w[1]) < 1e-4, "충분히 학습하면 BCE 의 최솟값에 도달해야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 직접 확인해 보기 (채점하지 않음)
#
# 여러분의 함수로 tips 추세선과 합격 확률 곡선을 그려 봅니다. 강의 노트북의 그림과 비슷하게 나오나요?

# %%
tips = helpers.data.load_seaborn("tips")
a, b, history = fit_linear_gd(tips["total_bill"].to_numpy(), tips["tip"].to_numpy())
a_log, b_log = fit_logistic(hours, passed)

fig, axes = plt.subplots(1, 3, figsize=(14, 3.6))
axes[0].scatter(tips["total_bill"], tips["tip"], s=10, alpha=0.6)
axes[0].plot([0, 55], [b, a * 55 + b], color="red")
axes[0].set(title=rf"추세선 $\hat y$ = {a:.4f}x + {b:.4f}", xlabel="총 금액", ylabel="팁")
axes[1].plot(history)
axes[1].set(title="fit_linear_gd 의 MSE", xlabel="에포크", yscale="log")
h_axis = np.linspace(0, 10, 200)
axes[2].scatter(hours, passed, color="black")
axes[2].plot(h_axis, sigmoid(a_log * h_axis + b_log), color="red")
axes[2].axvline(-b_log / a_log, color="tab:green", ls="--")
axes[2].set(title=f"합격 확률 (결정 경계 {-b_log / a_log:.2f}시간)", xlabel="공부 시간", ylabel="확률")
plt.tight_layout()
plt.show()
print(f"BCE = {bce(sigmoid(a_log * hours + b_log), passed):.4f}")

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
# - 강의에 없던 손실(후버 손실)을 식에서 코드로 옮기고, 모양이 다른 배열을 막는다.
# - 특성이 여러 개인 선형회귀를 설계 행렬 $X$ 와 가중치 벡터 $w$ 로 쓰고, 표준화한 경사 하강법을 기울기 크기로 멈춰
#   닫힌 해와 1e-3 이내로 맞춘다.
# - 학습률과 표준화가 수렴 속도를 어떻게 바꾸는지 **직접 실험해서** 숫자로 보고한다.
# - 아주 큰 입력에서도 넘치지 않는 시그모이드와, 로짓에서 바로 계산하는 가중 이진 교차 엔트로피를 구현하고, 특성이 여러 개인
#   로지스틱 회귀를 학습한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 이상치(outlier)가 하나 있을 때 평균 제곱 오차와 후버 손실은 어떻게 다르게 반응할까? (문제 1)
# 2. 특성이 $d$ 개이면 기울기 식 $\frac{2}{n}\sum(\hat y - y)x$ 는 행렬로 어떻게 쓸까? (문제 2)
# 3. 에포크 수를 미리 정하지 않으면 경사 하강법을 언제 멈춰야 할까? (문제 3)
# 4. 가장 큰 학습률이 가장 빠른 학습률일까? 표준화하지 않으면 몇 배나 느려질까? (문제 4)
# 5. 강의의 `1 / (1 + np.exp(-t))` 는 $t = -1000$ 에서 무엇을 하고, 어떻게 피할까? (문제 5, 6)
# 6. 합격이 드문 데이터에서 합격 샘플의 손실에 무게를 더 주면 결정 경계는 어느 쪽으로 움직일까? (문제 7)

# %% [markdown]
# ### 📋 안내
# - **NumPy 만** 사용합니다 (torch, scikit-learn 금지). pandas 는 데이터를 읽을 때만 씁니다.
# - `# YOUR CODE HERE` 와 `raise NotImplementedError()` 를 지우고 답을 쓰세요. 함수 이름과 인자는 바꾸지 마세요.
# - 각 답 아래의 테스트 셀을 실행해 확인하세요. 채점할 때는 보이지 않는 테스트가 더 실행됩니다. 숨은 테스트가 넣는 입력의
#   종류는 각 문제에 **모두 적어 두었습니다** (다른 데이터셋, 정수 배열, float32 배열, 아주 큰 값, ±inf 등).
# - 위에서부터 차례로 실행하세요. 뒤의 문제는 앞의 함수(`grad_step`, `sigmoid`)를 써도 됩니다.
# - 강의 노트북의 함수는 한 특성·한 가지 경우만 다룹니다. 그대로 붙여 넣으면 통과하지 못하도록 문제를 바꾸었으니,
#   식을 보고 직접 옮겨 보세요.

# %% [markdown]
# ## 문제 1. 후버 손실 `huber` (2점)
#
# 평균 제곱 오차는 오차를 제곱하므로 이상치 하나가 손실을 크게 좌우합니다. **후버 손실(Huber loss)** 은 오차 $r = \hat y - y$ 가
# 작을 때는 제곱처럼, 클 때는 절댓값처럼 자랍니다.
#
# $$\ell_\delta(r) = \begin{cases} \tfrac12 r^2 & |r| \le \delta \\ \delta\left(|r| - \tfrac12\delta\right) & |r| > \delta \end{cases},
# \qquad \text{Huber} = \frac{1}{N}\sum_k \ell_\delta(r_k)$$
#
# `huber(y_pred, y_true, delta=1.0)` 를 완성하세요.
#
# - 원소마다 $\ell_\delta$ 를 구해 **평균** 을 `float` 하나로 돌려줍니다 (`np.float64` 도 됩니다). 2차원 배열이면 모든 원소의 평균입니다.
# - 입력은 float64·float32·정수 NumPy 배열일 수 있고, 음수 오차도 있습니다. `delta` 는 양수입니다 (기본값 1.0 이 아닌 값으로도 채점합니다).
# - 두 배열의 **shape 이 다르면 `ValueError`** 를 냅니다 ((5,) 와 (5, 1) 처럼 브로드캐스팅으로 조용히 (5, 5) 가 되는 경우 포함).
# - 입력 배열을 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_huber", "locked": false, "schema_version": 3, "solution": true}
def huber(y_pred: np.ndarray, y_true: np.ndarray, delta: float = 1.0) -> float:
    """Mean Huber loss of two arrays of the same shape; ValueError if the shapes differ."""
    ### BEGIN SOLUTION
    y_pred = np.asarray(y_pred, dtype=np.float64)
    y_true = np.asarray(y_true, dtype=np.float64)
    if y_pred.shape != y_true.shape:
        raise ValueError(f"shape 이 다릅니다: {y_pred.shape} vs {y_true.shape}")
    r = np.abs(y_pred - y_true)
    loss = np.where(r <= delta, 0.5 * r**2, delta * (r - 0.5 * delta))
    return float(np.mean(loss))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_huber", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = huber(np.array([0.0, 0.0, 0.0]), np.array([0.5, 0.0, 3.0]))
assert type(_out) in (float, np.float64), "huber 는 float 하나를 돌려주어야 합니다"
assert _out > 0, "오차가 있으면 손실이 양수여야 합니다"
### BEGIN HIDDEN TESTS
def _ref_huber(ps, ts, d):
    tot = 0.0
    for p, t in zip(ps, ts):
        r = abs(p - t)
        tot += 0.5 * r * r if r <= d else d * (r - 0.5 * d)
    return tot / len(ps)

assert abs(_out - _ref_huber([0.0, 0.0, 0.0], [0.5, 0.0, 3.0], 1.0)) < 1e-12, "작은 예에서 값이 다릅니다"
_rng = np.random.default_rng(31)
_p, _t = _rng.normal(0, 3, size=57), _rng.normal(0, 3, size=57)
_p0, _t0 = _p.copy(), _t.copy()
for _d in (1.0, 0.3, 2.5):
    _out = huber(_p, _t, _d)
    assert np.array_equal(_p, _p0) and np.array_equal(_t, _t0), "입력 배열을 바꾸면 안 됩니다"
    assert type(_out) in (float, np.float64), "huber 는 float 하나를 돌려주어야 합니다"
    assert abs(_out - _ref_huber(_p.tolist(), _t.tolist(), _d)) < 1e-12, \
        "임의의 입력(음수 오차, 여러 delta)에서 값이 다릅니다"
assert np.array_equal(_p, _p0) and np.array_equal(_t, _t0), "입력 배열을 바꾸면 안 됩니다"
_out = huber(np.array([0.0, 0.0]), np.array([4.0, -4.0]), delta=2.0)
assert abs(float(_out) - 6.0) < 1e-12, "오차가 delta 보다 큰 곳(양쪽 부호)의 값이 다릅니다"
_out = huber(np.array([1, 2, 3]), np.array([1, 2, 5]))
assert abs(float(_out) - _ref_huber([1, 2, 3], [1, 2, 5], 1.0)) < 1e-12, "정수 배열에서 값이 다릅니다"
_pf, _tf = _p.astype(np.float32), _t.astype(np.float32)
assert abs(float(huber(_pf, _tf, 0.3)) - _ref_huber(_pf.tolist(), _tf.tolist(), 0.3)) < 1e-6, \
    "float32 배열에서 값이 다릅니다"
_p2, _t2 = _rng.normal(0, 2, size=(4, 3)), _rng.normal(0, 2, size=(4, 3))
assert abs(float(huber(_p2, _t2)) - _ref_huber(_p2.ravel().tolist(), _t2.ravel().tolist(), 1.0)) < 1e-12, \
    "2차원 배열에서는 모든 원소의 평균이어야 합니다"
for _a, _b in [(np.zeros(5), np.zeros((5, 1))), (np.zeros((5, 1)), np.zeros(5)), (np.zeros(4), np.zeros(5))]:
    try:
        huber(_a, _b)
    except ValueError:
        _raised = True
    else:
        _raised = False
    assert _raised, "shape 이 다른 두 배열에는 ValueError 를 내야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 특성이 여러 개인 경사 하강법 한 걸음 `grad_step` (2점)
#
# 강의의 직선은 특성이 하나였습니다. 이제 샘플 $n$ 개, 특성 $d$ 개를 **설계 행렬(design matrix)** $X$ (shape $(n, d)$, 한 행이
# 샘플 하나)로 담고, 가중치 벡터 $w$ (shape $(d,)$)와 편향 $b$ 로 예측합니다.
#
# $$\hat y = X w + b, \qquad g_w = \frac{2}{n} X^\top(\hat y - y), \qquad g_b = \frac{2}{n}\sum_i(\hat y_i - y_i)$$
#
# $$w_{\text{new}} = w - \text{lr}\cdot g_w, \qquad b_{\text{new}} = b - \text{lr}\cdot g_b$$
#
# `grad_step(w, b, X, y, lr)` 는 평균 제곱 오차에 대해 경사 하강법을 **한 번** 적용한 `(w_new, b_new)` 를 돌려줍니다.
#
# - `w_new` 는 shape $(d,)$ 의 **새** `np.ndarray` (float64), `b_new` 는 `float` 입니다. 두 기울기는 모두 **갱신 전의** $w, b$ 로 계산합니다.
# - $d = 1$ 일 수도 있습니다 (`X` 가 shape $(n, 1)$). 숨은 테스트는 $d = 1, 3, 4$ 와 $n \ne d$, $n = d$ 인 경우를 씁니다.
# - 입력 `w`, `X`, `y` 를 바꾸지 마세요 (`w -= ...` 는 넘겨받은 배열을 바꿉니다).

# %% nbgrader={"grade": false, "grade_id": "ex_grad_step", "locked": false, "schema_version": 3, "solution": true}
def grad_step(w: np.ndarray, b: float, X: np.ndarray, y: np.ndarray, lr: float) -> tuple[np.ndarray, float]:
    """One gradient-descent step on MSE for y ≈ X @ w + b; returns (w_new, b_new)."""
    ### BEGIN SOLUTION
    err = X @ w + b - y
    n = len(y)
    grad_w = 2.0 / n * (X.T @ err)
    grad_b = 2.0 / n * np.sum(err)
    return np.asarray(w - lr * grad_w, dtype=np.float64), float(b - lr * grad_b)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_grad_step", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_res = grad_step(np.zeros(1), 0.0, np.array([[1.0], [2.0], [3.0]]), np.array([2.0, 4.0, 6.0]), 0.01)
assert type(_res) is tuple and len(_res) == 2, "(w_new, b_new) 두 값의 tuple 을 돌려주어야 합니다"
assert type(_res[0]) is np.ndarray and _res[0].shape == (1,), "w_new 는 shape (d,) 인 np.ndarray 여야 합니다"
assert type(_res[1]) in (float, np.float64), "b_new 는 float 이어야 합니다"
assert _res[0][0] > 0 and _res[1] > 0, "손실이 줄어드는 방향(기울기의 반대)으로 움직여야 합니다"
### BEGIN HIDDEN TESTS
def _ref_step(w, b, X, y, lr):
    n, d = len(X), len(w)
    err = [sum(X[i][j] * w[j] for j in range(d)) + b - y[i] for i in range(n)]
    gw = [2.0 / n * sum(err[i] * X[i][j] for i in range(n)) for j in range(d)]
    gb = 2.0 / n * sum(err)
    return [w[j] - lr * gw[j] for j in range(d)], b - lr * gb

_rng = np.random.default_rng(32)
for _n, _d, _lr in [(30, 3, 0.01), (11, 1, 0.003), (4, 4, 0.05), (25, 4, 0.02)]:
    _X = _rng.uniform(-3, 3, size=(_n, _d))
    _y = _X @ _rng.normal(size=_d) - 0.4 + _rng.normal(0, 0.3, size=_n)
    _w = _rng.normal(size=_d)
    _b = float(_rng.normal())
    _X0, _y0, _w0 = _X.copy(), _y.copy(), _w.copy()
    _res = grad_step(_w, _b, _X, _y, _lr)
    assert type(_res) is tuple and len(_res) == 2, "(w_new, b_new) 두 값의 tuple 을 돌려주어야 합니다"
    assert type(_res[0]) is np.ndarray and _res[0].shape == (_d,), "w_new 는 shape (d,) 인 np.ndarray 여야 합니다"
    assert _res[0].dtype == np.float64, "w_new 는 float64 여야 합니다"
    assert type(_res[1]) in (float, np.float64), "b_new 는 float 이어야 합니다"
    _ew, _eb = _ref_step(_w0.tolist(), _b, _X0.tolist(), _y0.tolist(), _lr)
    assert np.allclose(_res[0], _ew, rtol=0, atol=1e-10) and abs(_res[1] - _eb) < 1e-10, \
        f"d = {_d}: w_new, b_new 가 다릅니다 (부호, 인자 2, 평균, X 의 전치, 갱신 전 값을 확인하세요)"
    assert np.array_equal(_w, _w0), "입력 w 를 바꾸면 안 됩니다 (새 배열을 돌려주세요)"
    assert np.array_equal(_X, _X0) and np.array_equal(_y, _y0), "입력 X, y 를 바꾸면 안 됩니다"
_Xi = np.array([[1, 2], [3, 4], [5, 7]])
_yi = np.array([1, 0, 2])
_res = grad_step(np.zeros(2), 0.0, _Xi, _yi, 0.1)
_ew, _eb = _ref_step([0.0, 0.0], 0.0, _Xi.tolist(), _yi.tolist(), 0.1)
assert np.allclose(_res[0], _ew, atol=1e-12) and abs(_res[1] - _eb) < 1e-12, "정수 배열 X, y 에서 값이 다릅니다"
_A = np.column_stack([_X0, np.ones(len(_X0))])
_sol = np.linalg.lstsq(_A, _y0, rcond=None)[0]
_res = grad_step(_sol[:-1], float(_sol[-1]), _X0, _y0, 0.1)
assert np.allclose(_res[0], _sol[:-1], atol=1e-9) and abs(_res[1] - _sol[-1]) < 1e-9, \
    "최솟값에서는 기울기가 0 이라 움직이지 않아야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. 표준화 + 경사 하강법, 기울기가 작아지면 멈추기 `fit_linear_gd` (3점)
#
# 강의에서는 에포크 수(200)를 미리 정했습니다. 여기서는 **기울기가 충분히 작아지면 멈추는** 규칙을 씁니다.
# `fit_linear_gd(X, y, lr=0.1, tol=1e-6, max_epochs=10_000)` 은 다음을 합니다.
#
# 1. 열마다 평균 $m_j$ 와 표준편차 $s_j$ (`np.std`, ddof = 0)를 구해 표준화한 $Z = (X - m)/s$ 를 **새 배열로** 만듭니다
#    (입력 `X`, `y` 를 바꾸지 마세요. 모든 열의 표준편차는 0 이 아닙니다).
# 2. $w_z = 0$ (shape $(d,)$), $b_z = 0$ 에서 시작해 $(Z, y)$ 로 평균 제곱 오차의 기울기 $g_w, g_b$ (문제 2의 식)를 구합니다.
#    - $g_w$ 의 모든 원소와 $g_b$ 의 **절댓값이 모두 `tol` 보다 작으면** 갱신하지 않고 멈춥니다.
#    - 아니면 $w_z \leftarrow w_z - \text{lr}\,g_w$, $b_z \leftarrow b_z - \text{lr}\,g_b$ 로 갱신하고 다시 기울기를 구합니다.
#    - 갱신은 많아야 `max_epochs` 번입니다. 그만큼 갱신했으면 기울기와 상관없이 멈춥니다.
# 3. 원래 단위로 되돌립니다: $w_j = w_{z,j} / s_j$, $\; b = b_z - \sum_j w_{z,j}\, m_j / s_j$.
# 4. `(w, b, epochs)` 를 돌려줍니다. `w` 는 shape $(d,)$ 의 `np.ndarray` (float64), `b` 는 `float`, `epochs` 는 **실제로 한 갱신
#    횟수** 인 파이썬 `int` 입니다 (처음부터 기울기가 작으면 0).
#
# 숨은 테스트는 펭귄(penguins) 데이터의 세 특성(날개 길이, 부리 길이, 부리 깊이 → 몸무게)과 자동차(mpg) 데이터, 특성이 하나인
# tips, 값이 수천인 합성 데이터, 정수 배열 `X` 로 채점합니다. 기본값에서 $w, b$ 는 **닫힌 해(최소제곱 해)와 1e-3 이내** 로 같아야 합니다.
# 결측치는 채점 코드가 미리 뺍니다. 닫힌 해는 `np.linalg.lstsq` 로 직접 구해 비교해 볼 수 있습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_fit_linear_gd", "locked": false, "schema_version": 3, "solution": true}
def fit_linear_gd(X: np.ndarray, y: np.ndarray, lr: float = 0.1, tol: float = 1e-6,
                  max_epochs: int = 10_000) -> tuple[np.ndarray, float, int]:
    """Gradient descent on standardised columns until every |gradient| < tol; (w, b, epochs) in original units."""
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    m, s = X.mean(axis=0), X.std(axis=0)
    Z = (X - m) / s
    w_z, b_z = np.zeros(X.shape[1]), 0.0
    epochs = 0
    while True:
        err = Z @ w_z + b_z - y
        grad_w = 2.0 / len(y) * (Z.T @ err)
        grad_b = 2.0 / len(y) * np.sum(err)
        if max(np.max(np.abs(grad_w)), abs(grad_b)) < tol or epochs == max_epochs:
            break
        w_z, b_z = w_z - lr * grad_w, b_z - lr * grad_b
        epochs += 1
    return w_z / s, float(b_z - np.sum(w_z * m / s)), epochs
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_fit_linear_gd", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_peng = helpers.data.load_seaborn("penguins").dropna(
    subset=["flipper_length_mm", "bill_length_mm", "bill_depth_mm", "body_mass_g"])
_X = _peng[["flipper_length_mm", "bill_length_mm", "bill_depth_mm"]].to_numpy()
_y = _peng["body_mass_g"].to_numpy()
_res = fit_linear_gd(_X, _y)
assert type(_res) is tuple and len(_res) == 3, "(w, b, epochs) 세 값의 tuple 을 돌려주어야 합니다"
assert type(_res[0]) is np.ndarray and _res[0].shape == (3,), "w 는 shape (d,) 인 np.ndarray 여야 합니다"
assert type(_res[1]) in (float, np.float64), "b 는 float 이어야 합니다"
assert type(_res[2]) is int and 0 < _res[2] < 10_000, "epochs 는 실제로 한 갱신 횟수(int)여야 합니다"
### BEGIN HIDDEN TESTS
def _closed(X, y):
    A = np.column_stack([np.asarray(X, dtype=float), np.ones(len(X))])
    sol = np.linalg.lstsq(A, np.asarray(y, dtype=float), rcond=None)[0]
    return sol[:-1], float(sol[-1])

def _ref_fit(X, y, lr, tol, max_epochs):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    m, s = X.mean(axis=0), X.std(axis=0)
    Z = (X - m) / s
    w, b, k = np.zeros(X.shape[1]), 0.0, 0
    while True:
        e = Z @ w + b - y
        gw, gb = 2.0 * (Z.T @ e) / len(y), 2.0 * e.mean()
        if max(np.abs(gw).max(), abs(gb)) < tol or k == max_epochs:
            return w / s, b - float((w * m / s).sum()), k
        w, b, k = w - lr * gw, b - lr * gb, k + 1

_mpg = helpers.data.load_seaborn("mpg").dropna(subset=["weight", "horsepower", "displacement", "mpg"])
_tips = helpers.data.load_seaborn("tips")
_rng = np.random.default_rng(33)
_Xs = np.column_stack([_rng.uniform(800.0, 2400.0, 90), _rng.uniform(-5000.0, 3000.0, 90)])
_ys = _Xs @ np.array([0.0042, -0.0007]) - 3.1 + _rng.normal(0, 0.8, size=90)
_Xi = _rng.integers(0, 50, size=(40, 2))
_yi = _Xi @ np.array([2, -3]) + 7 + _rng.integers(-3, 4, size=40)
for _name, _XX, _yy in [("penguins", _X, _y),
                        ("mpg", _mpg[["weight", "horsepower", "displacement"]].to_numpy(), _mpg["mpg"].to_numpy()),
                        ("tips", _tips[["total_bill"]].to_numpy(), _tips["tip"].to_numpy()),
                        ("합성(값이 수천)", _Xs, _ys), ("정수 X", _Xi, _yi)]:
    _X0, _y0 = _XX.copy(), _yy.copy()
    _w, _b, _k = fit_linear_gd(_XX, _yy)
    assert type(_w) is np.ndarray and _w.shape == (_XX.shape[1],), f"{_name}: w 는 shape (d,) 인 np.ndarray 여야 합니다"
    assert type(_b) in (float, np.float64) and type(_k) is int, f"{_name}: b 는 float, epochs 는 int 여야 합니다"
    assert np.all(np.isfinite(_w)) and np.isfinite(_b), f"{_name}: 유한한 값이 아닙니다 (발산했습니다, 표준화했나요?)"
    assert np.array_equal(_XX, _X0) and np.array_equal(_yy, _y0), f"{_name}: 입력 X, y 를 바꾸면 안 됩니다"
    _wc, _bc = _closed(_X0, _y0)
    assert np.allclose(_w, _wc, rtol=0, atol=1e-3) and abs(_b - _bc) < 1e-3, \
        f"{_name}: 닫힌 해와 1e-3 이내로 같지 않습니다"
    _wr, _br, _kr = _ref_fit(_X0, _y0, 0.1, 1e-6, 10_000)
    assert _k == _kr, f"{_name}: 멈춘 시점(갱신 횟수)이 규칙과 다릅니다 (모든 |기울기| < tol 이면 갱신 전에 멈춤)"

for _lr, _tol, _me in [(0.05, 1e-6, 7), (0.1, 1e-2, 10_000), (0.1, 1e12, 10_000), (0.3, 1e-6, 0)]:
    _w, _b, _k = fit_linear_gd(_X, _y, lr=_lr, tol=_tol, max_epochs=_me)
    _wr, _br, _kr = _ref_fit(_X, _y, _lr, _tol, _me)
    assert type(_k) is int and _k == _kr, "lr, tol, max_epochs 를 바꾸면 갱신 횟수도 규칙대로 바뀌어야 합니다"
    assert np.allclose(_w, _wr, rtol=1e-9, atol=1e-9) and abs(_b - _br) <= 1e-9 * max(1.0, abs(_br)), \
        "lr, tol, max_epochs 를 바꾸었을 때 w, b 가 규칙과 다릅니다 (max_epochs 번에서 멈추나요? 원래 단위로 되돌렸나요?)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. 실험: 어떤 학습률이 가장 빨리 도착할까? (2점)
#
# 이번 문제는 함수가 아니라 **실험 결과** 를 보고합니다. tips 의 계산 금액 $x$ → 팁 $y$ 직선을, 강의처럼 $a = b = 0$ 에서 시작해
# 전체 데이터 경사 하강법(문제 2의 한 걸음, $d = 1$)으로 학습합니다. 특성은 두 가지로 씁니다.
#
# - `"raw"`: 계산 금액 $x$ 그대로
# - `"standardised"`: 표준화한 $z = (x - \bar x)/s$ (`np.std`, ddof = 0)
#
# 평균 제곱 오차의 최솟값 $L^\*$ 는 닫힌 해로 구합니다. $L_k$ 를 $k$ 번 갱신한 뒤의 평균 제곱 오차라고 할 때 ($L_0$ 은 시작점),
# **도착 에포크** 는 $L_k \le 1.01\,L^\*$ 가 되는 가장 작은 $k$ 입니다. 아래 `LR_GRID` 의 학습률마다 도착 에포크를 재되,
# 5000 번 갱신해도 도착하지 못하거나 발산하면 "도착 못 함"으로 칩니다.
#
# 특성 두 가지 각각에 대해 **도착 에포크가 가장 작은 학습률** 과 그 도착 에포크를 찾아 `FASTEST` 에 적으세요
# (같으면 작은 학습률). 형식: `FASTEST = {"raw": (학습률, 도착 에포크), "standardised": (학습률, 도착 에포크)}`,
# 학습률은 `LR_GRID` 의 값 그대로(`float`), 도착 에포크는 파이썬 `int`.

# %%
LR_GRID = [0.0003, 0.001, 0.002, 0.003, 0.01, 0.03, 0.1, 0.3, 0.9, 1.1]
tips = helpers.data.load_seaborn("tips")
bill = tips["total_bill"].to_numpy()
tip = tips["tip"].to_numpy()


# %% [markdown]
# 실험 코드는 답 셀에 자유롭게 쓰세요 (발산하는 학습률의 경고는 `with np.errstate(all="ignore"):` 로 끌 수 있습니다).
# 채점 코드는 같은 실험을 스스로 다시 해서 여러분의 값과 비교합니다. 찾은 뒤 생각해 보세요: 발산하지 않는 가장 큰 학습률이
# 가장 빠른가요? 표준화는 몇 배나 빠르게 했나요?

# %% nbgrader={"grade": false, "grade_id": "ex_fastest_lr", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
def arrival_epoch(x, y, lr, max_updates=5000, factor=1.01):
    """Smallest k with MSE after k updates <= factor * minimum MSE; None if never (or divergence)."""
    xm = x.mean()
    a_star = ((x - xm) * (y - y.mean())).sum() / ((x - xm) ** 2).sum()
    b_star = y.mean() - a_star * xm
    target = factor * np.mean((a_star * x + b_star - y) ** 2)
    w, b = np.zeros(1), 0.0
    X = x[:, None]
    with np.errstate(all="ignore"):
        for k in range(max_updates + 1):
            loss = np.mean((X @ w + b - y) ** 2)
            if loss <= target:
                return k
            if not np.isfinite(loss):
                return None
            if k < max_updates:
                w, b = grad_step(w, b, X, y, lr)
    return None


z = (bill - bill.mean()) / bill.std()
FASTEST = {}
for kind, feature in [("raw", bill), ("standardised", z)]:
    arrivals = {lr: arrival_epoch(feature, tip, lr) for lr in LR_GRID}
    best = min((k, lr) for lr, k in arrivals.items() if k is not None)
    FASTEST[kind] = (float(best[1]), int(best[0]))
### END SOLUTION
print(FASTEST)

# %% nbgrader={"grade": true, "grade_id": "test_fastest_lr", "locked": true, "points": 2, "schema_version": 3, "solution": false}
assert type(FASTEST) is dict and sorted(FASTEST) == ["raw", "standardised"], \
    "FASTEST 는 'raw', 'standardised' 두 키의 dict 여야 합니다"
for _kind in ("raw", "standardised"):
    _v = FASTEST[_kind]
    assert type(_v) is tuple and len(_v) == 2, f"{_kind}: (학습률, 도착 에포크) tuple 이어야 합니다"
    assert isinstance(_v[0], float) and type(_v[1]) is int, f"{_kind}: 학습률은 float, 도착 에포크는 int 여야 합니다"
    assert _v[0] in LR_GRID, f"{_kind}: 학습률은 LR_GRID 의 값이어야 합니다"
### BEGIN HIDDEN TESTS
def _arrivals(feature, target_y, grid):
    xm = feature.mean()
    a_s = ((feature - xm) * (target_y - target_y.mean())).sum() / ((feature - xm) ** 2).sum()
    b_s = target_y.mean() - a_s * xm
    goal = 1.01 * float(((a_s * feature + b_s - target_y) ** 2).mean())
    out = {}
    with np.errstate(all="ignore"):
        for lr in grid:
            a = b = 0.0
            out[lr] = None
            for k in range(5001):
                e = a * feature + b - target_y
                loss = float((e ** 2).mean())
                if loss <= goal:
                    out[lr] = k
                    break
                if not np.isfinite(loss) or loss > 1e12:
                    break
                a, b = a - lr * 2.0 * float((e * feature).mean()), b - lr * 2.0 * float(e.mean())
    return out

_grid = [0.0003, 0.001, 0.002, 0.003, 0.01, 0.03, 0.1, 0.3, 0.9, 1.1]
_tips = helpers.data.load_seaborn("tips")
_x = _tips["total_bill"].to_numpy(dtype=float)
_yv = _tips["tip"].to_numpy(dtype=float)
for _kind, _feat in [("raw", _x), ("standardised", (_x - _x.mean()) / _x.std())]:
    _arr = _arrivals(_feat, _yv, _grid)
    _k_best = min(k for k in _arr.values() if k is not None)
    _lr_best = min(lr for lr, k in _arr.items() if k == _k_best)
    # the winner is unique by a wide margin: no other rate arrives within 2 epochs of it
    assert sum(1 for k in _arr.values() if k is not None and k <= _k_best + 2) == 1, \
        "채점 실험의 결과가 예상과 다릅니다 (강사에게 알려 주세요)"
    _lr, _k = FASTEST[_kind]
    assert float(_lr) == _lr_best, f"{_kind}: 가장 빨리 도착하는 학습률이 아닙니다 (발산하지 않는 가장 큰 학습률과 같을까요?)"
    assert _k == _k_best, f"{_kind}: 도착 에포크가 다시 잰 값과 다릅니다 (k = 0 이 시작점, 갱신 횟수를 세나요?)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. 넘치지 않는 시그모이드 `sigmoid` (2점)
#
# 강의의 `1.0 / (1.0 + np.exp(-t))` 는 $t$ 가 큰 음수일 때 `np.exp(-t)` 가 float64 의 한계(약 $e^{709}$)를 넘어 `inf` 가 되고
# `RuntimeWarning: overflow` 를 냅니다. 결과가 `0.0` 으로 나와 **아주 작은 확률이 통째로 사라집니다**
# (참값 $\sigma(-720) \approx 1.7\times10^{-313}$).
# 다음 두 식이 수학적으로 같다는 것을 이용하면 넘치지 않게 계산할 수 있습니다.
#
# $$\sigma(t) = \frac{1}{1 + e^{-t}} = \frac{e^{t}}{1 + e^{t}}$$
#
# $t \ge 0$ 이면 앞의 식, $t < 0$ 이면 뒤의 식을 쓰면 `exp` 에 들어가는 값이 언제나 0 이하라서 넘치지 않습니다.
# `sigmoid(t)` 를 완성하세요.
#
# - 입력: 1차원·2차원 NumPy 배열, 자료형은 float64·float32·정수. 값에는 $\pm 1000$ 같은 아주 큰 수와 `np.inf`, `-np.inf` 도 있습니다.
# - 출력: 입력과 같은 shape 의 **float64** `np.ndarray`. $\sigma(\infty) = 1$, $\sigma(-\infty) = 0$ 이고, $t \ge -700$ 에서는
#   상대 오차 1e-9 이내로 정확해야 합니다 (float32 입력도 float64 로 바꾸어 계산하세요). 큰 음수에서 0 이 아닌 아주 작은 값을 내야 합니다.
# - **경고를 내지 않아야 합니다**. 주의: `np.where(조건, 식1, 식2)` 는 두 식을 **모든 원소에 대해 먼저 계산** 하므로 넘침 경고가 그대로 납니다.
#   불리언 마스크로 필요한 원소만 계산하세요. 채점도 경고(넘침·0으로 나누기·잘못된 연산)가 나는지 확인합니다.
# - 입력 배열을 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_sigmoid", "locked": false, "schema_version": 3, "solution": true}
def sigmoid(t: np.ndarray) -> np.ndarray:
    """Numerically stable element-wise logistic function, float64, no overflow for any input."""
    ### BEGIN SOLUTION
    t = np.asarray(t, dtype=np.float64)
    out = np.empty_like(t)
    pos = t >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-t[pos]))
    e = np.exp(t[~pos])
    out[~pos] = e / (1.0 + e)
    return out
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sigmoid", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = sigmoid(np.array([0.0, 2.0]))
assert type(_out) is np.ndarray and _out.shape == (2,), "입력과 같은 shape 의 np.ndarray 를 돌려주어야 합니다"
assert abs(float(_out[0]) - 0.5) < 1e-12, "σ(0) 은 0.5 여야 합니다"
with np.errstate(over="raise"):
    _out = sigmoid(np.array([-1000.0, 1000.0]))
assert _out[0] < 1e-300 and _out[1] == 1.0, "σ(−1000) 은 0 에 가깝고 σ(1000) 은 1 이어야 합니다"
### BEGIN HIDDEN TESTS
import math

def _ref_sig(v):
    if v == math.inf:
        return 1.0
    if v == -math.inf:
        return 0.0
    return 1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v))

_rng = np.random.default_rng(34)
_t = _rng.uniform(-9, 9, size=(3, 5))
_t0 = _t.copy()
_out = sigmoid(_t)
assert np.array_equal(_t, _t0), "입력 배열을 바꾸면 안 됩니다"
assert type(_out) is np.ndarray and _out.shape == (3, 5), "2차원 입력에서도 같은 shape 의 np.ndarray 여야 합니다"
assert _out.dtype == np.float64, "float64 를 돌려주어야 합니다"
assert np.allclose(_out, [[_ref_sig(v) for v in row] for row in _t.tolist()], rtol=1e-12, atol=0), "보통 입력에서 값이 다릅니다"
assert np.array_equal(_t, _t0), "입력 배열을 바꾸면 안 됩니다"

_ext = np.array([-1000.0, -745.0, -720.0, -700.0, -40.0, -1e-3, 0.0, 40.0, 700.0, 1000.0, np.inf, -np.inf])
_ext0 = _ext.copy()
_out = sigmoid(_ext)
assert np.array_equal(_ext, _ext0), "입력 배열을 바꾸면 안 됩니다 (±inf 와 아주 큰 값도 그대로 두세요)"
assert type(_out) is np.ndarray and _out.dtype == np.float64 and _out.shape == _ext.shape, \
    "아주 큰 입력에서도 같은 shape 의 float64 배열이어야 합니다"
assert not np.any(np.isnan(_out)), "아주 큰 입력이나 ±inf 에서 nan 이 나왔습니다"
_want = [_ref_sig(v) for v in _ext.tolist()]
assert _out[-2] == 1.0 and _out[-1] == 0.0, "σ(∞) = 1, σ(−∞) = 0 이어야 합니다"
assert _out[9] == 1.0 and 0.0 <= _out[0] < 1e-300, "σ(1000) 은 1, σ(−1000) 은 0 이어야 합니다 (경고 없이)"
assert _out[2] > 0.0, "σ(−720) 이 0 으로 사라졌습니다 (exp 가 넘치는 식을 썼나요?)"
assert abs(_out[3] - _want[3]) <= 1e-9 * _want[3] and abs(_out[4] - _want[4]) <= 1e-9 * _want[4], \
    "큰 음수에서 아주 작은 확률의 값이 정확하지 않습니다"
assert abs(_out[2] - _want[2]) <= 1e-6 * _want[2], "σ(−720) 의 값이 정확하지 않습니다"
from grading.testkit import warnings_of

_out_w, _warned = warnings_of(sigmoid, _ext)
assert not _warned, "아주 큰 입력에서 경고가 납니다: exp 가 넘치는 식을 계산하지 않도록 고치세요"
_t32 = np.array([[-100.0, -3.0], [0.5, 100.0]], dtype=np.float32)
_out = sigmoid(_t32)
assert type(_out) is np.ndarray and _out.dtype == np.float64, "float32 입력도 float64 로 계산해 돌려주어야 합니다"
assert abs(_out[0, 0] - _ref_sig(-100.0)) <= 1e-9 * _ref_sig(-100.0), "float32 입력의 큰 음수에서 값이 정확하지 않습니다"
_ti = np.array([-800, 0, 3])
_out = sigmoid(_ti)
assert _out.dtype == np.float64 and _out[1] == 0.5 and abs(_out[2] - _ref_sig(3.0)) < 1e-15, "정수 입력에서 값이 다릅니다"
assert 0.0 <= _out[0] < 1e-300, "정수 입력의 큰 음수에서 값이 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 6. 로짓에서 바로 계산하는 가중 이진 교차 엔트로피 `bce_logits` (2점)
#
# 강의의 `bce(p, y)` 는 확률 $p$ 를 받아 `eps` 로 잘랐습니다. 그러면 모델이 틀린 쪽을 아무리 확신해도 손실이
# $-\log(10^{-12}) \approx 27.6$ 에서 멈춥니다. PyTorch 의 `BCEWithLogitsLoss` 처럼 시그모이드 **전의 값**, 로짓(logit) $z$ 를
# 받아 계산하면 자를 필요가 없습니다. 합격(1)이 드문 데이터를 위해 정답이 1 인 샘플의 손실에 `pos_weight` 배 무게를 줍니다.
#
# $$\text{loss} = \frac{1}{n}\sum_i \Big[ \text{pos\_weight}\cdot y_i \cdot \operatorname{sp}(-z_i) + (1 - y_i)\cdot \operatorname{sp}(z_i) \Big],
# \qquad \operatorname{sp}(u) = \log(1 + e^{u}) = \max(u, 0) + \log\!\left(1 + e^{-|u|}\right)$$
#
# ($-\log\sigma(z) = \operatorname{sp}(-z)$, $\;-\log(1 - \sigma(z)) = \operatorname{sp}(z)$ 입니다. 오른쪽 끝의 식은 $e^{u}$ 가 넘치지 않는 형태이고,
# `np.log1p(x)` 는 작은 `x` 에서 `np.log(1 + x)` 보다 정확합니다.)
#
# `bce_logits(z, y, pos_weight=1.0)` 를 완성하세요.
#
# - `z` 는 아무 실수(±1000 같은 아주 큰 값 포함), `y` 는 0 또는 1 (float 또는 정수 배열), 둘 다 shape $(n,)$ 입니다.
# - 손실은 **평균** (샘플 수 $n$ 으로 나눔)이며 `float` 하나로 돌려줍니다 (`np.float64` 도 됩니다). 결과는 언제나 유한해야 하고,
#   예를 들어 $z = -1000$, $y = 1$ 이면 정확히 1000 입니다.
# - shape 이 다르면 `ValueError`. 입력 배열을 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_bce_logits", "locked": false, "schema_version": 3, "solution": true}
def bce_logits(z: np.ndarray, y: np.ndarray, pos_weight: float = 1.0) -> float:
    """Mean weighted binary cross-entropy computed from logits, stable for any z."""
    ### BEGIN SOLUTION
    z = np.asarray(z, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if z.shape != y.shape:
        raise ValueError(f"shape 이 다릅니다: {z.shape} vs {y.shape}")

    def softplus(u):
        return np.maximum(u, 0.0) + np.log1p(np.exp(-np.abs(u)))

    return float(np.mean(pos_weight * y * softplus(-z) + (1.0 - y) * softplus(z)))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_bce_logits", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = bce_logits(np.array([2.0, -1.0]), np.array([1.0, 0.0]))
assert type(_out) in (float, np.float64), "bce_logits 는 float 하나를 돌려주어야 합니다"
assert 0.0 < _out < 0.5, "맞는 쪽으로 기운 로짓이니 손실이 작아야 합니다"
### BEGIN HIDDEN TESTS
import math  # noqa: F811 (each hidden test imports what it uses)

def _sp(u):
    return max(u, 0.0) + math.log1p(math.exp(-abs(u)))

def _ref_bce(zs, ys, pw):
    return sum(pw * y * _sp(-z) + (1 - y) * _sp(z) for z, y in zip(zs, ys)) / len(zs)

assert abs(_out - _ref_bce([2.0, -1.0], [1.0, 0.0], 1.0)) < 1e-12, "작은 예에서 값이 다릅니다"
_rng = np.random.default_rng(35)
_z = _rng.normal(0, 4, size=41)
_y = (_rng.uniform(size=41) < 0.3).astype(float)
_z0, _y0 = _z.copy(), _y.copy()
for _pw in (1.0, 3.0, 0.5):
    _out = bce_logits(_z, _y, _pw)
    assert np.array_equal(_z, _z0) and np.array_equal(_y, _y0), "입력 배열을 바꾸면 안 됩니다"
    assert type(_out) in (float, np.float64), "bce_logits 는 float 하나를 돌려주어야 합니다"
    assert abs(_out - _ref_bce(_z.tolist(), _y.tolist(), _pw)) < 1e-10, \
        "임의의 입력에서 값이 다릅니다 (pos_weight 는 정답이 1 인 샘플에만 곱합니다)"
assert np.array_equal(_z, _z0) and np.array_equal(_y, _y0), "입력 배열을 바꾸면 안 됩니다"
_out = bce_logits(_z, _y.astype(np.int64), 2.0)
assert abs(_out - _ref_bce(_z.tolist(), _y.tolist(), 2.0)) < 1e-10, "정수 배열 y 에서 값이 다릅니다"
_ze = np.array([-1000.0, 1000.0, 1000.0, -1000.0])
_ye = np.array([1.0, 0.0, 1.0, 0.0])
_ze0, _ye0 = _ze.copy(), _ye.copy()
_out = bce_logits(_ze, _ye)
assert np.array_equal(_ze, _ze0) and np.array_equal(_ye, _ye0), "입력 배열을 바꾸면 안 됩니다 (아주 큰 로짓도 그대로 두세요)"
assert np.isfinite(_out), "아주 큰 로짓에서도 손실은 유한해야 합니다"
assert abs(_out - 500.0) < 1e-9, "아주 큰 로짓에서 값이 다릅니다 (틀린 쪽을 확신하면 손실이 |z| 만큼 커야 합니다)"
_out = bce_logits(np.array([-1000.0]), np.array([1.0]), pos_weight=2.0)
assert abs(_out - 2000.0) < 1e-9, "z = −1000, y = 1, pos_weight = 2 의 값이 다릅니다"
_out = bce_logits(np.array([40.0, -40.0]), np.array([1.0, 0.0]))
# log(1 + e^-40) rounds to exactly 0.0 with np.log, to ~4e-18 with np.log1p: both follow the formula on the page
assert 0.0 <= _out < 1e-15, "맞는 쪽을 확신하면 손실은 0 에 가까워야 합니다"
for _a, _b in [(np.zeros(5), np.zeros((5, 1))), (np.zeros(4), np.zeros(5))]:
    try:
        bce_logits(_a, _b)
    except ValueError:
        _raised = True
    else:
        _raised = False
    assert _raised, "shape 이 다른 두 배열에는 ValueError 를 내야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 7. 특성이 여러 개인 가중 로지스틱 회귀 `fit_logistic` (3점)
#
# `fit_logistic(X, y, lr=0.1, epochs=1000, pos_weight=1.0)` 은 $p = \sigma(X w + b)$ 의 $w$ (shape $(d,)$), $b$ 를 문제 6의 손실에 대한
# 전체 데이터 경사 하강법으로 학습합니다. **표준화하지 않고** 주어진 `X` 를 그대로 씁니다.
#
# 1. $w = 0$, $b = 0$ 에서 시작합니다.
# 2. 각 에포크마다 $z = X w + b$, $p = \sigma(z)$ 를 구하고, 로짓에 대한 손실의 미분
#    $$r_i = \text{pos\_weight}\cdot y_i\,(p_i - 1) + (1 - y_i)\,p_i$$
#    로 $g_w = \frac{1}{n} X^\top r$, $\; g_b = \frac{1}{n}\sum_i r_i$ 를 계산한 뒤, **두 값을 동시에**
#    $w \leftarrow w - \text{lr}\cdot g_w$, $b \leftarrow b - \text{lr}\cdot g_b$ 로 갱신합니다. (`pos_weight = 1` 이면 $r_i = p_i - y_i$, 강의의 식입니다.)
# 3. 정확히 `epochs` 번 반복하고 `(w, b)` 를 돌려줍니다: `w` 는 float64 `np.ndarray`, `b` 는 `float` (`epochs = 0` 이면 영벡터와 `0.0`).
#    기울기가 작아져도 도중에 멈추지 않습니다. 채점은 수천 에포크에서도 이 규칙대로 반복한 값과 비교합니다.
#
# 숨은 테스트는 아래 공부 표(특성 2개), 합성 데이터(특성 3개), 타이타닉(titanic)의 표준화한 나이·운임 → 생존으로 채점하고,
# `pos_weight` 가 1 이 아닌 경우와 `epochs` 가 작은 경우(처음 몇 에포크의 값이 식과 정확히 같은지)도 봅니다. 충분히 학습하면
# 문제 6의 손실을 가장 작게 하는 $w, b$ 에 도착해야 합니다. 입력 배열을 바꾸지 마세요.

# %%
study = pd.DataFrame({
    "hours": [0.5, 1.0, 1.5, 2.0, 2.0, 2.5, 3.0, 3.0, 3.5, 4.0, 4.0, 4.5, 5.0, 5.0, 5.5, 6.0, 6.5, 7.0, 8.0, 9.0],
    "sleep": [7.0, 6.5, 8.0, 5.0, 7.5, 6.0, 5.5, 8.0, 6.0, 5.0, 7.0, 7.5, 6.5, 4.5, 7.0, 6.0, 8.0, 5.5, 7.0, 6.5],
    "passed": [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1],
})
X_study = study[["hours", "sleep"]].to_numpy(dtype=float)
passed = study["passed"].to_numpy(dtype=float)
print(f"학생 {len(study)}명, 합격 {int(passed.sum())}명, 특성 {X_study.shape[1]}개 (공부 시간, 수면 시간)")


# %% [markdown]
# 위의 규칙대로 `fit_logistic` 을 완성하세요. 테스트 셀은 이 공부 표로 모양과 방향을 먼저 확인합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_fit_logistic", "locked": false, "schema_version": 3, "solution": true}
def fit_logistic(X: np.ndarray, y: np.ndarray, lr: float = 0.1, epochs: int = 1000,
                 pos_weight: float = 1.0) -> tuple[np.ndarray, float]:
    """Weighted logistic regression p = sigmoid(X @ w + b) by full-batch gradient descent from zeros."""
    ### BEGIN SOLUTION
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        p = sigmoid(X @ w + b)
        r = pos_weight * y * (p - 1.0) + (1.0 - y) * p
        w, b = w - lr * (X.T @ r) / len(y), b - lr * np.mean(r)
    return w, float(b)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_fit_logistic", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_res = fit_logistic(X_study, passed, epochs=200)
assert type(_res) is tuple and len(_res) == 2, "(w, b) 두 값의 tuple 을 돌려주어야 합니다"
assert type(_res[0]) is np.ndarray and _res[0].shape == (2,), "w 는 shape (d,) 인 np.ndarray 여야 합니다"
assert type(_res[1]) in (float, np.float64), "b 는 float 이어야 합니다"
assert _res[0][0] > 0, "공부를 많이 할수록 합격 확률이 커지도록 공부 시간의 가중치가 양수여야 합니다"
### BEGIN HIDDEN TESTS
import math  # noqa: F811

def _ref_logi(X, y, lr, epochs, pw):
    X, y = np.asarray(X, dtype=float), np.asarray(y, dtype=float)
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(epochs):
        zz = X @ w + b
        p = np.array([1.0 / (1.0 + math.exp(-v)) if v >= 0 else math.exp(v) / (1.0 + math.exp(v)) for v in zz])
        r = pw * y * (p - 1.0) + (1.0 - y) * p
        w, b = w - lr * (X.T @ r) / len(y), b - lr * float(r.mean())
    return w, b

def _newton(X, y, pw):
    A = np.column_stack([np.asarray(X, dtype=float), np.ones(len(X))])
    th = np.zeros(A.shape[1])
    for _ in range(60):
        p = 1.0 / (1.0 + np.exp(-(A @ th)))
        r = pw * y * (p - 1.0) + (1.0 - y) * p
        h = (pw * y + (1.0 - y)) * p * (1.0 - p)
        th = th - np.linalg.solve((A * h[:, None]).T @ A, A.T @ r)
    return th[:-1], float(th[-1])

_hx = np.array([[0.5, 7.0], [1.0, 6.5], [1.5, 8.0], [2.0, 5.0], [2.0, 7.5], [2.5, 6.0], [3.0, 5.5], [3.0, 8.0],
                [3.5, 6.0], [4.0, 5.0], [4.0, 7.0], [4.5, 7.5], [5.0, 6.5], [5.0, 4.5], [5.5, 7.0], [6.0, 6.0],
                [6.5, 8.0], [7.0, 5.5], [8.0, 7.0], [9.0, 6.5]])
_hy = np.array([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1], dtype=float)
_hx0, _hy0 = _hx.copy(), _hy.copy()

_res = fit_logistic(_hx, _hy, lr=0.1, epochs=0)
assert type(_res) is tuple and len(_res) == 2 and type(_res[0]) is np.ndarray, "(w, b) tuple 이어야 합니다"
assert _res[0].shape == (2,) and np.all(_res[0] == 0) and type(_res[1]) in (float, np.float64) and _res[1] == 0, \
    "epochs = 0 이면 영벡터와 0.0 (float) 이어야 합니다"

for _ep, _pw in ((1, 1.0), (2, 1.0), (37, 1.0), (3, 2.5), (25, 0.4)):
    _w, _b = fit_logistic(_hx, _hy, lr=0.1, epochs=_ep, pos_weight=_pw)
    assert type(_w) is np.ndarray and _w.dtype == np.float64 and type(_b) in (float, np.float64), \
        "w 는 float64 np.ndarray, b 는 float 이어야 합니다"
    _ew, _eb = _ref_logi(_hx, _hy, 0.1, _ep, _pw)
    assert np.allclose(_w, _ew, rtol=0, atol=1e-10) and abs(_b - _eb) < 1e-10, \
        "처음 몇 에포크의 w, b 가 식과 다릅니다 (r 의 식, pos_weight, 부호, 동시 갱신, 반복 횟수를 확인하세요)"
assert np.array_equal(_hx, _hx0) and np.array_equal(_hy, _hy0), "입력 배열을 바꾸면 안 됩니다"
# a long run far from convergence (raw hours): every one of the 3000 epochs counts
_w, _b = fit_logistic(_hx, _hy, lr=0.1, epochs=3000)
_ew, _eb = _ref_logi(_hx, _hy, 0.1, 3000, 1.0)
assert np.allclose(_w, _ew, rtol=0, atol=1e-9) and abs(_b - _eb) < 1e-9, \
    "epochs = 3000 에서 w, b 가 식과 다릅니다 (정확히 epochs 번 반복하세요)"

_rng = np.random.default_rng(36)
_Xs = _rng.normal(size=(200, 3))
_ys = (_rng.uniform(size=200) < 1.0 / (1.0 + np.exp(-(_Xs @ np.array([1.5, -2.0, 0.5]) - 1.0)))).astype(float)
_ti = helpers.data.load_seaborn("titanic").dropna(subset=["age", "fare"])
_Xt = _ti[["age", "fare"]].to_numpy(dtype=float)
_Xt = (_Xt - _Xt.mean(axis=0)) / _Xt.std(axis=0)
_yt = _ti["survived"].to_numpy(dtype=float)
for _name, _XX, _yy, _pw, _lr, _ep in [("합성 데이터", _Xs, _ys, 1.0, 1.0, 800),
                                      ("합성 데이터, pos_weight 3", _Xs, _ys, 3.0, 0.5, 1500),
                                      ("타이타닉", _Xt, _yt, 1.0, 1.0, 800)]:
    _w, _b = fit_logistic(_XX, _yy, lr=_lr, epochs=_ep, pos_weight=_pw)
    # exactly _ep epochs: stopping early (small gradient) or capping the loop moves w by 1e-7 or more
    _ew, _eb = _ref_logi(_XX, _yy, _lr, _ep, _pw)
    assert np.allclose(_w, _ew, rtol=0, atol=1e-9) and abs(_b - _eb) < 1e-9, \
        f"{_name}: 정확히 epochs 번 반복한 w, b 와 다릅니다 (도중에 멈추거나 반복 횟수를 줄이지 마세요)"
    _nw, _nb = _newton(_XX, _yy, _pw)
    assert np.allclose(_w, _nw, rtol=0, atol=1e-4) and abs(_b - _nb) < 1e-4, \
        f"{_name}: 충분히 학습했는데 손실의 최솟값에 도착하지 못했습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 직접 확인해 보기 (채점하지 않음)
#
# 여러분의 함수로 (1) 펭귄 몸무게 회귀의 기울기 크기 멈춤, (2) 문제 4의 실험 곡선, (3) `pos_weight` 에 따라 움직이는 공부 표의 결정 경계를
# 그려 봅니다. `pos_weight` 를 키우면 합격을 놓치는 일을 더 크게 벌하므로, 결정 경계는 공부 시간이 **적은** 쪽으로 움직입니다.

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
for kind, feature in [("raw", bill), ("standardised", (bill - bill.mean()) / bill.std())]:
    lr, k = FASTEST[kind]
    w, b = np.zeros(1), 0.0
    losses = []
    with np.errstate(all="ignore"):
        for _ in range(min(k + 20, 3000)):
            losses.append(np.mean((feature[:, None] @ w + b - tip) ** 2))
            w, b = grad_step(w, b, feature[:, None], tip, lr)
    axes[0].plot(losses, label=f"{kind} (학습률 {lr}, 도착 {k} 에포크)")
axes[0].set(xscale="log", yscale="log", xlabel="에포크", ylabel="평균 제곱 오차", title="문제 4: 가장 빠른 학습률끼리 비교")
axes[0].legend()

h_axis = np.linspace(0, 10, 200)
axes[1].scatter(study["hours"], passed, color="black", zorder=3)
for pw in (1.0, 3.0):
    w_log, b_log = fit_logistic(X_study[:, :1], passed, lr=0.1, epochs=5000, pos_weight=pw)
    axes[1].plot(h_axis, sigmoid(w_log[0] * h_axis + b_log), label=f"pos_weight = {pw} (경계 {-b_log / w_log[0]:.2f}시간)")
axes[1].set(xlabel="공부 시간", ylabel="합격 확률", title="문제 6·7: pos_weight 와 결정 경계")
axes[1].legend()
plt.tight_layout()
plt.show()

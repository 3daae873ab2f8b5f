# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# 강의 노트북 `course/01_python_numpy.ipynb` 에서 배운 타입 힌트, 클래스, 벡터와 변환 행렬을 직접 구현합니다.
#
# - 문제는 7개, 모두 14점입니다 (마지막 문제 7은 실험 결과를 보고하는 문제입니다). 각 문제는 **설명 → 답 셀 → 테스트 셀** 순서입니다.
# - 답 셀의 `# YOUR CODE HERE` 와 `raise NotImplementedError()` 를 지우고 코드를 쓰세요. 함수 이름과 매개변수는 바꾸지 마세요.
# - 테스트 셀에 보이는 검사는 모양과 작은 예만 확인합니다. 채점할 때는 **숨은 테스트**(hidden tests)가 새로운 입력, 경계 사례,
#   입력을 바꾸지 않는지 등을 더 검사하므로, 보이는 테스트를 통과해도 만점이 아닐 수 있습니다. 설명의 조건을 모두 지키세요.
# - NumPy 만 씁니다. 위에서부터 차례로 실행하세요.

# %% [markdown]
# ## 🎯 학습 목표
# - 타입 힌트가 붙은 함수와 클래스를 설명대로 구현한다.
# - 리스트와 NumPy 배열의 차이, `axis` 를 정확히 다룬다.
# - 회전(도 → 라디안, 반시계 방향), 합성 순서, `y = Wx + b` 의 모양을 코드로 맞춘다.
# - 입력을 바꾸지 않는 함수를 쓴다.
#
# ## 🤔 단서 질문
# - 리스트 두 개를 원소별로 더하려면? 길이가 다르면 어떻게 알려야 할까?
# - 행마다 벡터가 있을 때 길이는 어느 `axis` 로 재는가?
# - `compose(S, R)` 이 "S 먼저, 그다음 R" 이라면 행렬 곱의 순서는?
# - 순서를 바꿔도 결과가 같은 회전이 있을까? 실수 행렬은 `==` 로 비교해도 될까?
# - 샘플이 행으로 쌓인 `X` 에 `W (출력, 입력)` 를 어떻게 곱하는가?

# %%
import matplotlib.pyplot as plt
import numpy as np

import helpers
from helpers.plot import plot_transform

device = helpers.setup()


# %% [markdown]
# ## 문제 1. 리스트로 벡터 더하기 (1점)
#
# NumPy 없이 **순수 파이썬**으로 `add_vectors(a, b)` 를 완성하세요.
# - 두 리스트를 **원소별로** 더한 **새 리스트**를 돌려줍니다. 예: `add_vectors([1.0, 2.0], [3.0, 4.0])` → `[4.0, 6.0]`
# - 길이가 다르면 `ValueError` 를 냅니다 (메시지는 자유).
# - 입력 리스트 `a`, `b` 는 바꾸지 마세요.
#
# 힌트: `a + b` 는 더하기가 아니라 이어 붙이기입니다. `zip` 은 짧은 쪽에 맞춰 조용히 멈춥니다.

# %% nbgrader={"grade": false, "grade_id": "ex_add_vectors", "locked": false, "schema_version": 3, "solution": true}
def add_vectors(a: list[float], b: list[float]) -> list[float]:
    """a 와 b 를 원소별로 더한 새 리스트를 돌려준다. 길이가 다르면 ValueError."""
    ### BEGIN SOLUTION
    if len(a) != len(b):
        raise ValueError(f"두 벡터의 길이가 다릅니다: {len(a)} vs {len(b)}")
    return [x + y for x, y in zip(a, b)]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_add_vectors", "locked": true, "points": 1, "schema_version": 3, "solution": false}
out = add_vectors([1.0, 2.0], [3.0, 4.0])
assert type(out) is list, "결과는 list 여야 합니다"
assert len(out) == 2, "결과의 길이가 입력 벡터의 길이와 같아야 합니다"
assert all(isinstance(v, float) for v in out), "결과의 원소는 실수(float)여야 합니다"
assert [float(v) for v in out] == [4.0, 6.0], "작은 예에서 원소별 합이 아닙니다"
### BEGIN HIDDEN TESTS
import math as _math
_rng = np.random.default_rng(101)
_a = [float(t) for t in _rng.normal(size=7)]
_b = [float(t) for t in _rng.normal(size=7)]
_a_before, _b_before = list(_a), list(_b)
_out = add_vectors(_a, _b)
assert type(_out) is list and len(_out) == 7, "길이 7인 두 리스트에서 길이 7인 list 가 나와야 합니다"
assert all(isinstance(v, float) for v in _out), "결과의 원소는 실수(float)여야 합니다"
assert all(_math.isclose(float(v), x + y, rel_tol=1e-12, abs_tol=1e-12) for v, x, y in zip(_out, _a, _b)), \
    "임의의 입력에서 원소별 합이 아닙니다"
assert _a == _a_before and _b == _b_before, "입력 리스트를 바꾸면 안 됩니다"
assert _out is not _a and _out is not _b, "입력 리스트가 아닌 새 리스트를 돌려주세요"
_empty = add_vectors([], [])
assert type(_empty) is list and len(_empty) == 0, "빈 리스트 두 개를 더하면 빈 list 여야 합니다"
for _x, _y in (([1.0, 2.0, 3.0], [1.0, 2.0]), ([1.0], [1.0, 2.0])):
    _raised = False
    try:
        add_vectors(_x, _y)
    except ValueError:
        _raised = True
    assert _raised, "길이가 다른 두 리스트에는 ValueError 를 내야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 단위 벡터 (2점)
#
# `unit_vectors(V)` 를 완성하세요. `V` 는 shape `(n, d)` 인 배열이고 **한 행이 벡터 하나**입니다.
# - 각 행을 **자기 길이**로 나눈 shape `(n, d)` 의 **새 실수 배열**을 돌려줍니다 (방향은 그대로, 길이는 1).
# - 정수 배열이 들어와도 실수 배열을 돌려줍니다. 실수 배열이 들어오면 dtype 을 바꾸지 마세요.
# - 입력 `V` 는 바꾸지 마세요. 길이가 0인 행은 들어오지 않습니다.
#
# 힌트: `np.linalg.norm(V, axis=..., keepdims=True)`. 어느 축을 따라 모아야 "행마다" 길이가 될까요?

# %% nbgrader={"grade": false, "grade_id": "ex_unit_vectors", "locked": false, "schema_version": 3, "solution": true}
def unit_vectors(V: np.ndarray) -> np.ndarray:
    """(n, d) 배열의 각 행을 길이 1로 만든 새 배열을 돌려준다."""
    ### BEGIN SOLUTION
    return V / np.linalg.norm(V, axis=1, keepdims=True)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_unit_vectors", "locked": true, "points": 2, "schema_version": 3, "solution": false}
out = unit_vectors(np.array([[3.0, 4.0], [0.0, 2.0]]))
assert type(out) is np.ndarray, "결과는 np.ndarray 여야 합니다"
assert out.shape == (2, 2), "결과의 shape 이 입력과 같아야 합니다"
assert np.allclose(out, [[0.6, 0.8], [0.0, 1.0]]), "작은 예에서 값이 다릅니다: 행마다 자기 길이로 나눴나요?"
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(202)
_V = _rng.normal(size=(6, 3)) * _rng.uniform(0.5, 5.0, size=(6, 1))
_V_before = _V.copy()
_out = unit_vectors(_V)
assert type(_out) is np.ndarray and _out.shape == (6, 3), "(6, 3) 입력에서 shape (6, 3) 인 np.ndarray 가 나와야 합니다"
assert np.array_equal(_V, _V_before), "입력 배열 V 를 바꾸면 안 됩니다"
assert _out.dtype == np.float64, "float64 입력의 dtype 을 바꾸지 마세요"
assert np.allclose(np.sqrt((_out ** 2).sum(axis=1)), 1.0, atol=1e-12), "각 행(벡터)의 길이가 1 이어야 합니다"
_len = np.sqrt((_V ** 2).sum(axis=1))
assert np.allclose(_out * _len[:, None], _V, atol=1e-12), "각 벡터의 방향이 바뀌었습니다"
_Vi = np.array([[3, 4], [-6, 8], [0, -5]])
_Vi_before = _Vi.copy()
_outi = unit_vectors(_Vi)
assert type(_outi) is np.ndarray and _outi.dtype.kind == "f", "정수 입력에서도 실수 배열을 돌려주세요"
assert np.allclose(_outi, [[0.6, 0.8], [-0.6, 0.8], [0.0, -1.0]]), "정수 입력에서 값이 다릅니다"
assert np.array_equal(_Vi, _Vi_before), "정수 입력 배열을 바꾸면 안 됩니다"
_one = unit_vectors(np.array([[1.0, 1.0, 1.0, 1.0]]))
assert type(_one) is np.ndarray and _one.shape == (1, 4) and np.allclose(_one, 0.5), "행이 하나인 입력에서 값이 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. 벡터 회전 (2점)
#
# `rotate(v, deg)` 를 완성하세요. 벡터를 **반시계 방향**으로 `deg` **도**(degree) 돌립니다 (음수면 시계 방향).
# - `v` 는 shape `(2,)` 인 벡터 하나이거나, 강의의 `V` 처럼 **열마다 벡터**가 있는 shape `(2, n)` 배열입니다.
# - 결과는 입력과 같은 shape 의 **새 실수 배열**입니다. 정수 입력도 받습니다. 입력 `v` 는 바꾸지 마세요.
# - 예: `rotate(np.array([1.0, 0.0]), 90)` → `[0, 1]` (오차 범위 안에서)

# %% nbgrader={"grade": false, "grade_id": "ex_rotate", "locked": false, "schema_version": 3, "solution": true}
def rotate(v: np.ndarray, deg: float) -> np.ndarray:
    """v ((2,) 또는 열마다 벡터인 (2, n))를 반시계 방향으로 deg 도 돌린 새 배열."""
    ### BEGIN SOLUTION
    t = np.deg2rad(deg)
    R = np.array([[np.cos(t), -np.sin(t)],
                  [np.sin(t), np.cos(t)]])
    return R @ np.asarray(v, dtype=np.float64)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_rotate", "locked": true, "points": 2, "schema_version": 3, "solution": false}
out = rotate(np.array([1.0, 0.0]), 90)
assert type(out) is np.ndarray, "결과는 np.ndarray 여야 합니다"
assert out.shape == (2,), "벡터 하나 (2,) 를 넣으면 shape (2,) 가 나와야 합니다"
assert np.allclose(out, [0.0, 1.0], atol=1e-12), "(1, 0) 을 반시계 방향으로 90도 돌린 결과가 다릅니다"
### BEGIN HIDDEN TESTS
import cmath as _cmath
_rng = np.random.default_rng(303)
for _deg in [30.0, -45.0, 135.0, 200.0, 360.0, 0.0, 12.5, -270]:
    _v = _rng.normal(size=2)
    _v_before = _v.copy()
    _z = complex(_v[0], _v[1]) * _cmath.exp(1j * _deg * _cmath.pi / 180)
    _out = rotate(_v, _deg)
    assert type(_out) is np.ndarray and _out.shape == (2,), "벡터 하나를 넣으면 shape (2,) 인 np.ndarray 여야 합니다"
    assert np.allclose(_out, [_z.real, _z.imag], atol=1e-10), "여러 각도(음수 포함)에서 회전 결과가 다릅니다"
    assert np.array_equal(_v, _v_before), "입력 벡터를 바꾸면 안 됩니다"
_V = _rng.normal(size=(2, 5))
_V_before = _V.copy()
_out = rotate(_V, 75)
assert type(_out) is np.ndarray and _out.shape == (2, 5), "(2, n) 입력에서 shape (2, n) 이 나와야 합니다"
_Z = (_V[0] + 1j * _V[1]) * np.exp(1j * np.pi * 75 / 180)
assert np.allclose(_out, np.stack([_Z.real, _Z.imag]), atol=1e-10), "열마다 있는 벡터들을 돌린 결과가 다릅니다"
assert np.array_equal(_V, _V_before), "입력 배열을 바꾸면 안 됩니다"
_outi = rotate(np.array([2, 0]), 90)
assert type(_outi) is np.ndarray and _outi.dtype.kind == "f", "정수 입력에서도 실수 배열을 돌려주세요"
assert np.allclose(_outi, [0.0, 2.0], atol=1e-12), "정수 입력에서 값이 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. 변환 합성 (2점)
#
# `compose(*mats)` 를 완성하세요. 행렬들을 **나열한 순서대로 적용하는** 변환을 행렬 **하나**로 돌려줍니다.
# - `compose(S, R)` 은 "먼저 `S`, 그다음 `R`" 입니다. 즉 `compose(S, R) @ v` 가 `R @ (S @ v)` 와 같아야 합니다.
# - 행렬이 하나면 그 행렬과 같은 값을, 하나도 없으면 `ValueError` 를 냅니다.
# - 정사각 행렬이 아니어도 모양이 이어지면 동작해야 합니다. 예: `(3, 2)` 다음 `(4, 3)` → `(4, 2)` (신경망의 층을 쌓는 것과 같습니다).
# - 입력 행렬은 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_compose", "locked": false, "schema_version": 3, "solution": true}
def compose(*mats: np.ndarray) -> np.ndarray:
    """mats[0] 을 먼저, mats[-1] 을 마지막에 적용하는 하나의 행렬을 돌려준다."""
    ### BEGIN SOLUTION
    if len(mats) == 0:
        raise ValueError("행렬을 하나 이상 넘겨 주세요")
    out = np.asarray(mats[0])
    for m in mats[1:]:
        out = np.asarray(m) @ out
    return out
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_compose", "locked": true, "points": 2, "schema_version": 3, "solution": false}
S = np.array([[2.0, 0.0], [0.0, 1.0]])
R = np.array([[0.0, -1.0], [1.0, 0.0]])
M = compose(S, R)
assert type(M) is np.ndarray, "결과는 np.ndarray 여야 합니다"
assert M.shape == (2, 2), "2×2 행렬 두 개를 합성하면 shape (2, 2) 여야 합니다"
assert np.allclose(M @ np.array([1.0, 0.0]), [0.0, 2.0]), "compose(S, R) 은 S 를 먼저, R 을 나중에 적용해야 합니다"
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(404)
_A, _B, _C = (_rng.normal(size=(3, 3)) for _ in range(3))
_saved = [_A.copy(), _B.copy(), _C.copy()]
_M = compose(_A, _B, _C)
_x = _rng.normal(size=3)
assert type(_M) is np.ndarray and _M.shape == (3, 3), "3×3 행렬 세 개를 합성하면 shape (3, 3) 인 np.ndarray 여야 합니다"
assert np.allclose(_M @ _x, _C @ (_B @ (_A @ _x)), atol=1e-10), "세 행렬을 나열한 순서대로 적용한 결과와 다릅니다"
assert all(np.array_equal(m, s) for m, s in zip((_A, _B, _C), _saved)), "입력 행렬을 바꾸면 안 됩니다"
_P, _Q, _T = _rng.normal(size=(3, 2)), _rng.normal(size=(4, 3)), _rng.normal(size=(1, 4))
_M2 = compose(_P, _Q, _T)
assert type(_M2) is np.ndarray and _M2.shape == (1, 2), "모양이 이어지는 (3,2)→(4,3)→(1,4) 에서 shape (1, 2) 가 나와야 합니다"
_xs = _rng.normal(size=(2, 6))
assert np.allclose(_M2 @ _xs, _T @ (_Q @ (_P @ _xs)), atol=1e-10), "정사각이 아닌 행렬들의 합성 결과가 다릅니다"
_M1 = compose(_A)
assert type(_M1) is np.ndarray and _M1.shape == (3, 3) and np.allclose(_M1, _saved[0]), "행렬이 하나면 그 행렬과 같아야 합니다"
_raised = False
try:
    compose()
except ValueError:
    _raised = True
assert _raised, "행렬이 하나도 없으면 ValueError 를 내야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. 신경망 한 층 `y = Wx + b` (2점)
#
# `linear_layer(X, W, b)` 를 완성하세요.
# - `W` 는 shape `(출력 수, 입력 수)`, `b` 는 shape `(출력 수,)` 입니다.
# - `X` 는 샘플 하나 `(입력 수,)` 이거나, **한 행에 샘플 하나**인 배치 `(N, 입력 수)` 입니다.
# - 결과는 샘플 하나면 `(출력 수,)`, 배치면 `(N, 출력 수)` 입니다. 각 샘플 `x` 에 대해 `W @ x + b` 를 계산한 값입니다.
# - `X` 의 입력 수가 `W` 와 맞지 않으면 `ValueError` 가 나야 합니다 (NumPy 의 `@` 는 이때 스스로 `ValueError` 를 냅니다).
# - 입력은 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_linear_layer", "locked": false, "schema_version": 3, "solution": true}
def linear_layer(X: np.ndarray, W: np.ndarray, b: np.ndarray) -> np.ndarray:
    """샘플 하나 (in,) 또는 배치 (N, in) 에 y = Wx + b 를 계산한다."""
    ### BEGIN SOLUTION
    return X @ W.T + b
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_linear_layer", "locked": true, "points": 2, "schema_version": 3, "solution": false}
W = np.array([[1.0, 0.0, 2.0],
              [0.0, 1.0, -1.0]])
b = np.array([0.5, -0.5])
x = np.array([1.0, 2.0, 3.0])
y = linear_layer(x, W, b)
assert type(y) is np.ndarray, "결과는 np.ndarray 여야 합니다"
assert y.shape == (2,), "샘플 하나 (입력 수,) 에서 shape (출력 수,) 가 나와야 합니다"
assert np.allclose(y, [7.5, -1.5]), "샘플 하나에서 값이 다릅니다"
Y = linear_layer(np.stack([x, x, x, x]), W, b)
assert type(Y) is np.ndarray and Y.shape == (4, 2), "배치 (N, 입력 수) 에서 shape (N, 출력 수) 가 나와야 합니다"
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(505)
_N, _nin, _nout = 7, 5, 3
_X, _W, _b = _rng.normal(size=(_N, _nin)), _rng.normal(size=(_nout, _nin)), _rng.normal(size=_nout)
_saved = [_X.copy(), _W.copy(), _b.copy()]
_Y = linear_layer(_X, _W, _b)
_expected = np.einsum("ni,oi->no", _X, _W) + _b
assert type(_Y) is np.ndarray and _Y.shape == (_N, _nout), "배치 입력에서 shape (N, 출력 수) 인 np.ndarray 여야 합니다"
assert np.allclose(_Y, _expected, atol=1e-10), "배치 입력에서 값이 다릅니다"
assert all(np.array_equal(t, s) for t, s in zip((_X, _W, _b), _saved)), "입력을 바꾸면 안 됩니다"
_y2 = linear_layer(_X[2], _W, _b)
assert type(_y2) is np.ndarray and _y2.shape == (_nout,), "샘플 하나에서 shape (출력 수,) 여야 합니다"
assert np.allclose(_y2, _expected[2], atol=1e-10), "샘플 하나에서 값이 다릅니다"
_Xs, _Ws, _bs = _rng.normal(size=(4, 4)), _rng.normal(size=(4, 4)), _rng.normal(size=4)
_Ys = linear_layer(_Xs, _Ws, _bs)
assert type(_Ys) is np.ndarray and np.allclose(_Ys, np.einsum("ni,oi->no", _Xs, _Ws) + _bs, atol=1e-10), \
    "정사각 가중치에서 값이 다릅니다: 각 행(샘플)마다 W @ x 인가요?"
_raised = False
try:
    linear_layer(_rng.normal(size=(_N, _nin + 1)), _W, _b)
except ValueError:
    _raised = True
assert _raised, "입력 수가 W 와 맞지 않으면 ValueError 가 나야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 6. 타입 힌트가 있는 클래스 `Transform2D` (3점)
#
# 2×2 행렬 하나로 평면의 점들을 옮기는 클래스를 완성하세요. 메서드 이름과 타입 힌트는 주어진 대로 둡니다.
# - `__init__(matrix)`: shape 이 `(2, 2)` 가 아니면 `ValueError`. 아니면 **실수(float64) 배열로 복사해서** `self.matrix` 에 저장합니다.
#   만든 뒤에 호출한 쪽이 자기 배열을 바꿔도 이 변환은 바뀌면 안 됩니다.
# - `apply(points)`: `points` 는 **한 행에 점 하나**인 shape `(N, 2)` 배열입니다. 각 점 `p` 를 `self.matrix @ p` 로 옮긴 `(N, 2)` 새 배열을 돌려줍니다. `points` 는 바꾸지 마세요.
# - `then(other)`: **`self` 를 먼저, 그다음 `other`** 를 적용하는 **새** `Transform2D` 를 돌려줍니다. `self` 와 `other` 는 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_transform2d", "locked": false, "schema_version": 3, "solution": true}
class Transform2D:
    """2×2 행렬 하나로 평면의 점들을 옮기는 선형 변환."""

    def __init__(self, matrix: np.ndarray) -> None:
        """matrix: shape (2, 2). float64 배열로 복사해서 self.matrix 에 저장한다."""
        ### BEGIN SOLUTION
        m = np.array(matrix, dtype=np.float64)   # np.array 는 항상 새 배열을 만든다
        if m.shape != (2, 2):
            raise ValueError(f"2×2 행렬이 필요합니다: 받은 shape {m.shape}")
        self.matrix = m
        ### END SOLUTION

    def apply(self, points: np.ndarray) -> np.ndarray:
        """points: (N, 2), 한 행이 점 하나. 옮긴 점들 (N, 2) 을 돌려준다."""
        ### BEGIN SOLUTION
        return np.asarray(points, dtype=np.float64) @ self.matrix.T
        ### END SOLUTION

    def then(self, other: "Transform2D") -> "Transform2D":
        """self 를 먼저, other 를 나중에 적용하는 새 Transform2D."""
        ### BEGIN SOLUTION
        return Transform2D(other.matrix @ self.matrix)
        ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_transform2d", "locked": true, "points": 3, "schema_version": 3, "solution": false}
t = Transform2D(np.array([[2.0, 0.0], [0.0, 1.0]]))
assert type(t.matrix) is np.ndarray and t.matrix.shape == (2, 2), "self.matrix 는 shape (2, 2) 인 np.ndarray 여야 합니다"
pts = np.array([[1.0, 1.0], [0.0, 3.0], [-1.0, 2.0]])
out = t.apply(pts)
assert type(out) is np.ndarray and out.shape == (3, 2), "apply 는 (N, 2) 에서 (N, 2) np.ndarray 를 돌려줘야 합니다"
assert np.allclose(out, [[2.0, 1.0], [0.0, 3.0], [-2.0, 2.0]]), "스케일 행렬로 옮긴 점들이 다릅니다"
t2 = t.then(Transform2D(np.array([[0.0, -1.0], [1.0, 0.0]])))
assert isinstance(t2, Transform2D), "then 은 새 Transform2D 를 돌려줘야 합니다"
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(606)
_A, _B = _rng.normal(size=(2, 2)), _rng.normal(size=(2, 2))
_A_before, _B_before = _A.copy(), _B.copy()
_ta, _tb = Transform2D(_A), Transform2D(_B)
assert type(_ta.matrix) is np.ndarray and _ta.matrix.dtype == np.float64, "self.matrix 는 float64 np.ndarray 여야 합니다"
assert np.allclose(_ta.matrix, _A_before), "self.matrix 가 넘겨준 행렬과 다릅니다"
_A[0, 0] += 100.0
_A[1, 0] -= 50.0
assert np.allclose(_ta.matrix, _A_before), "만든 뒤에 넘겨준 배열을 바꾸면 변환도 바뀝니다: 복사해서 저장하세요"
_P = _rng.normal(size=(9, 2))
_P_before = _P.copy()
_out = _ta.apply(_P)
_exp = np.stack([_A_before[0, 0] * _P[:, 0] + _A_before[0, 1] * _P[:, 1],
                 _A_before[1, 0] * _P[:, 0] + _A_before[1, 1] * _P[:, 1]], axis=1)
assert type(_out) is np.ndarray and _out.shape == (9, 2), "apply 는 (N, 2) 에서 (N, 2) np.ndarray 를 돌려줘야 합니다"
assert np.allclose(_out, _exp, atol=1e-10), "apply 결과가 다릅니다: 각 점(행) p 를 matrix @ p 로 옮겼나요?"
assert np.array_equal(_P, _P_before), "apply 가 points 를 바꾸면 안 됩니다"
_tab = _ta.then(_tb)
assert isinstance(_tab, Transform2D) and _tab is not _ta and _tab is not _tb, "then 은 새 Transform2D 를 돌려줘야 합니다"
assert type(_tab.matrix) is np.ndarray and np.allclose(_tab.matrix, _B_before @ _A_before, atol=1e-12), \
    "then 의 순서가 다릅니다: self 를 먼저, other 를 나중에 적용해야 합니다"
_exp2 = (_P @ _A_before.T) @ _B_before.T
assert np.allclose(_tab.apply(_P), _exp2, atol=1e-10), "합성한 변환으로 옮긴 점들이 다릅니다"
assert np.allclose(_ta.matrix, _A_before) and np.allclose(_tb.matrix, _B_before), "then 이 self 나 other 를 바꾸면 안 됩니다"
_ti = Transform2D(np.array([[1, 2], [3, 4]]))
assert type(_ti.matrix) is np.ndarray and _ti.matrix.dtype == np.float64, "정수 행렬도 float64 로 저장해야 합니다"
for _bad in (np.eye(3), np.ones(2), np.ones((2, 3))):
    _raised = False
    try:
        Transform2D(_bad)
    except ValueError:
        _raised = True
    assert _raised, "shape 이 (2, 2) 가 아닌 행렬에는 ValueError 를 내야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 7. 실험: 순서를 바꿔도 되는 회전 각도 (2점)
#
# 강의에서 `R @ S` 와 `S @ R` 이 다른 그림을 만드는 것을 보았습니다. 그렇다면 **순서를 바꿔도 같은** 회전은 정말 하나도 없을까요?
# 이번 문제는 함수가 아니라 **실험 결과** 를 보고합니다.
#
# - `S = np.array([[2.0, 0.0], [0.0, 1.0]])` (x 방향으로 2배, 강의의 그 `S`) 와, 반시계 방향 θ **도** 회전 행렬 $R(\theta)$ 를 씁니다.
# - θ 를 0, 1, 2, …, 359 (정수 도) 로 바꿔 가며 "S 먼저, 그다음 R(θ)" 와 "R(θ) 먼저, 그다음 S" 를 합성한 두 행렬이 **같은지** 확인합니다.
#   "같다" 는 `np.allclose(A, B)` (기본 허용 오차)로 판단합니다.
# - 같은 θ 들을 **오름차순 파이썬 `list`** 로 `COMMUTING_ANGLES` 에 적으세요. 원소는 파이썬 `int` 입니다 (`np.int64` 가 아니라).
#
# 문제 3의 `rotate` 와 문제 4의 `compose` 를 써도 됩니다 (힌트: `rotate(np.eye(2), deg)` 의 열은 무엇일까요?).
# 채점 코드는 같은 실험을 스스로 다시 해서 여러분의 목록과 비교합니다. 찾은 뒤 생각해 보세요: `==` 로 비교했다면 목록이 어떻게
# 달라졌을까요? 그 각도의 회전 행렬은 어떤 행렬과 같나요?

# %% nbgrader={"grade": false, "grade_id": "ex_commuting_angles", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
S_x2 = np.array([[2.0, 0.0], [0.0, 1.0]])
COMMUTING_ANGLES = []
for deg in range(360):
    R_deg = rotate(np.eye(2), deg)     # the columns of the identity, rotated: the rotation matrix itself
    if np.allclose(compose(S_x2, R_deg), compose(R_deg, S_x2)):
        COMMUTING_ANGLES.append(deg)
### END SOLUTION
print("순서를 바꿔도 같은 각도:", COMMUTING_ANGLES)

# %% nbgrader={"grade": true, "grade_id": "test_commuting_angles", "locked": true, "points": 2, "schema_version": 3, "solution": false}
assert type(COMMUTING_ANGLES) is list, "COMMUTING_ANGLES 는 파이썬 list 여야 합니다"
assert all(type(v) is int for v in COMMUTING_ANGLES), "원소는 파이썬 int 여야 합니다 (int(...) 로 바꾸세요)"
assert all(0 <= v < 360 for v in COMMUTING_ANGLES), "각도는 0 이상 360 미만입니다"
assert sorted(set(COMMUTING_ANGLES)) == COMMUTING_ANGLES, "중복 없이 오름차순이어야 합니다"
### BEGIN HIDDEN TESTS
import cmath as _cmath

_S = np.array([[2.0, 0.0], [0.0, 1.0]])
_found = []
for _deg in range(360):
    _z = _cmath.exp(1j * _cmath.pi * _deg / 180)
    _R = np.array([[_z.real, -_z.imag], [_z.imag, _z.real]])
    _gap = float(np.abs(_R @ _S - _S @ _R).max())
    # a wide margin between the two kinds of angle: rounding noise (< 1e-12) or a real difference (> 1e-2)
    assert _gap < 1e-12 or _gap > 1e-2, "채점 실험의 결과가 예상과 다릅니다 (강사에게 알려 주세요)"
    if _gap < 1e-12:
        _found.append(_deg)
assert _found == COMMUTING_ANGLES, \
    "순서를 바꿔도 같은 각도의 목록이 다시 잰 값과 다릅니다 (0~359 모두 확인했나요? np.allclose 로 비교했나요? 도 → 라디안?)"
### END HIDDEN TESTS

# %% [markdown]
# ## 그림으로 확인하기 (채점하지 않음)
#
# 문제 6의 `Transform2D` 로 강의의 `S` 와 `R` 을 만들어 두 순서로 합성해 봅니다.
# `S.then(R)` 은 세로로 긴 직사각형, `R.then(S)` 는 가로로 긴 직사각형이 나와야 합니다.

# %%
S2 = Transform2D(np.array([[2.0, 0.0], [0.0, 1.0]]))
R2 = Transform2D(np.array([[0.0, -1.0], [1.0, 0.0]]))
fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.5))
plot_transform(S2.then(R2).matrix, ax=axes[0], title="S.then(R): S 먼저, 그다음 R")
plot_transform(R2.then(S2).matrix, ax=axes[1], title="R.then(S): R 먼저, 그다음 S")
fig.tight_layout()
plt.show()

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import math
import time

import torch

import helpers

device = helpers.setup(seed=0)


# %% [markdown]
# ## 🎯 학습 목표
#
# - 중앙 차분으로 어떤 모양의 텐서든 기울기를 구하고, 입력을 바꾸지 않는 함수를 쓴다.
# - autograd 로 기울기를 구하되 호출한 쪽의 텐서에 흔적(`requires_grad`, `.grad`)을 남기지 않는다.
# - 선형 모델의 MSE 기울기를 연쇄 법칙으로 유도해 autograd 와 맞춘다.
# - `detach().clone()`, `torch.no_grad()`, 기울기 비우기로 경사 하강 한 단계와 학습 루프를 직접 쓴다.
# - 실험으로 float32 와 float64 에서 수치 미분의 오차가 가장 작은 `h` 를 찾아 보고한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 원소를 하나씩 움직여 차분을 구할 때, 왜 원래 값으로 되돌려야 하는가?
# 2. 같은 함수로 `backward()` 를 여러 번 부를 때 결과가 누적되지 않게 하려면?
# 3. 손으로 유도한 기울기가 맞는지 무엇과 비교하면 되는가?
# 4. 매개변수의 기록용 복사본은 왜 `detach()` 만으로는 부족한가?
# 5. 갱신이 그래프에 기록되지 않고, 매개변수가 리프로 남게 하려면?
# 6. 차분의 간격 `h` 를 줄이면 수치 미분이 늘 더 정확해질까? 자료형에 따라 무엇이 달라질까?

# %% [markdown]
# ## 과제 안내
#
# 강의 노트북 `05_autograd` 에서 본 내용을 직접 구현합니다. 문제마다 **답안 셀**의 `raise NotImplementedError()` 를 지우고 함수를 완성한 뒤,
# 바로 아래 **테스트 셀**을 실행해 보세요. 테스트 셀은 고치지 마세요. 채점할 때는 보이지 않는 테스트가 더 실행됩니다
# (새로운 입력, 다른 모양과 자료형, 입력을 바꾸지 않는지 등).
#
# | 문제 | 함수 | 배점 |
# |---|---|---|
# | 1 | `numeric_grad(f, x, h)` 수치 미분 | 3 |
# | 2 | `autograd_grad(f, x)` autograd 로 기울기 | 2 |
# | 3 | `manual_linear_grads(w, b, x, t)` 손으로 구한 기울기 | 3 |
# | 4 | `snapshot(t)` 기록용 복사본 | 2 |
# | 5 | `gd_step(params, lr)` 경사 하강 한 단계 | 3 |
# | 6 | `fit_linear(x, t, lr, steps)` 경사 하강 학습 | 3 |
# | 7 | 실험: `grad_errors` 와 가장 좋은 `h` 찾기 | 3 |

# %% [markdown]
# ## 1. 수치 미분 `numeric_grad` (3점)
#
# 함수 `f` 의 기울기를 **중앙 차분**으로 원소마다 계산하세요.
#
# ∂f/∂xᵢ ≈ ( f(x + h·eᵢ) − f(x − h·eᵢ) ) / (2h)   (eᵢ 는 i번째 원소만 1인 텐서)
#
# - `f`: 텐서 하나를 받아 스칼라(0차원 텐서)를 돌려주는 함수. `x` 와 같은 모양의 텐서로 불러야 합니다.
# - `x`: 어떤 모양이든 될 수 있는 float64 텐서 (`requires_grad=False`). 0차원 텐서일 수도 있습니다.
# - `h`: 주어진 값을 그대로 쓰세요.
# - 반환: `x` 와 같은 shape·dtype·device 의 `torch.Tensor`.
# - **`x` 를 바꾸면 안 됩니다.** 원소를 잠시 바꿨다면 반드시 되돌리거나, 복사본(`clone()`)에서 작업하세요.
#
# 힌트: `x.numel()`, `reshape(-1)` / `view(-1)` 로 1차원처럼 원소에 접근, `.item()` 으로 파이썬 숫자 꺼내기.

# %% nbgrader={"grade": false, "grade_id": "ex_numeric_grad", "locked": false, "schema_version": 3, "solution": true}
def numeric_grad(f, x: torch.Tensor, h: float = 1e-6) -> torch.Tensor:
    """Central-difference gradient of the scalar function f at x (same shape as x)."""
    ### BEGIN SOLUTION
    x = x.detach().clone().contiguous()
    grad = torch.zeros_like(x)
    flat, grad_flat = x.view(-1), grad.view(-1)
    for i in range(flat.numel()):
        old = flat[i].item()
        flat[i] = old + h
        f_plus = float(f(x))
        flat[i] = old - h
        f_minus = float(f(x))
        flat[i] = old
        grad_flat[i] = (f_plus - f_minus) / (2 * h)
    return grad
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_numeric_grad", "locked": true, "points": 3, "schema_version": 3, "solution": false}
x0 = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
g0 = numeric_grad(lambda v: (v**2).sum(), x0)
assert type(g0) is torch.Tensor, "결과는 torch.Tensor 여야 합니다"
assert g0.shape == x0.shape, "결과의 shape 이 x 의 shape 과 같아야 합니다"
assert g0.dtype == torch.float64, "결과의 dtype 이 x 와 같은 float64 여야 합니다"
assert torch.allclose(g0, 2 * x0, atol=1e-5), "f(x) = Σx² 의 기울기(2x)와 다릅니다"
assert torch.equal(x0, torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)), "x 가 바뀌었습니다: 바꾼 원소를 되돌리세요"
### BEGIN HIDDEN TESTS
gen = torch.Generator().manual_seed(5)
A = torch.randn(4, 3, dtype=torch.float64, generator=gen)
X = torch.randn(3, 2, dtype=torch.float64, generator=gen)
X_before = X.clone()
f_mat = lambda v: torch.sin(A @ v).sum() + (v**3).sum()  # noqa: E731
expected = A.T @ torch.cos(A @ X) + 3 * X**2
g1 = numeric_grad(f_mat, X)
assert type(g1) is torch.Tensor, "2차원 x 에서 결과가 torch.Tensor 가 아닙니다"
assert g1.shape == X.shape and g1.dtype == torch.float64, "2차원 x 에서 결과의 shape 또는 dtype 이 다릅니다"
assert torch.allclose(g1, expected, rtol=0, atol=1e-6), "2차원 x 에서 기울기가 틀립니다"
assert torch.equal(X, X_before), "x 가 바뀌었습니다: 원소를 바꿨다면 원래 값으로 되돌리세요"
# central differences with the given h: for Σv³ the central quotient is exactly 3v² + h²
g2 = numeric_grad(lambda v: (v**3).sum(), X, h=0.1)
assert torch.allclose(g2, 3 * X**2 + 0.01, rtol=0, atol=1e-9), "h 를 주어진 값으로 쓰는 중앙 차분이 아닙니다"
g3 = numeric_grad(f_mat, X, h=1e-3)
assert (g3 - expected).abs().max().item() < 1e-5, "h=1e-3 에서 오차가 너무 큽니다: 중앙 차분인지 확인하세요"
s = torch.tensor(0.5, dtype=torch.float64)
gs = numeric_grad(lambda v: torch.exp(v), s)
assert type(gs) is torch.Tensor and gs.shape == (), "0차원 x 에서는 0차원 결과가 나와야 합니다"
assert abs(gs.item() - torch.exp(s).item()) < 1e-6, "0차원 x 에서 기울기가 틀립니다"
assert s.item() == 0.5, "0차원 x 가 바뀌었습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 2. autograd 로 기울기 구하기 `autograd_grad` (2점)
#
# 같은 기울기를 이번에는 autograd 로 구하세요. 문제 1 과 짝을 이루어, 나중에 둘을 비교하면 기울기 검사가 됩니다.
#
# - `f`, `x` 는 문제 1 과 같습니다 (`x` 는 어떤 dtype·device 든 될 수 있습니다).
# - 반환: ∂f/∂x, `x` 와 같은 shape·dtype·device 이고 그래프와 끊긴(`requires_grad=False`) `torch.Tensor`.
# - **호출한 쪽의 `x` 를 건드리지 마세요**: `x` 의 `requires_grad` 를 켜거나 `x.grad` 를 남기면 안 됩니다.
#   같은 `x` 로 두 번 불러도 같은 결과가 나와야 합니다 (기울기가 누적되면 안 됩니다).
#
# 힌트: `x.detach().clone().requires_grad_(True)` 로 새 리프를 만든 뒤 `backward()`.

# %% nbgrader={"grade": false, "grade_id": "ex_autograd_grad", "locked": false, "schema_version": 3, "solution": true}
def autograd_grad(f, x: torch.Tensor) -> torch.Tensor:
    """Gradient of the scalar function f at x computed by autograd, without touching x."""
    ### BEGIN SOLUTION
    leaf = x.detach().clone().requires_grad_(True)
    f(leaf).backward()
    return leaf.grad.detach()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_autograd_grad", "locked": true, "points": 2, "schema_version": 3, "solution": false}
x0 = torch.tensor([1.0, -2.0, 0.5], dtype=torch.float64)
g0 = autograd_grad(lambda v: (v**2).sum(), x0)
assert type(g0) is torch.Tensor, "결과는 torch.Tensor 여야 합니다"
assert g0.shape == x0.shape and g0.dtype == x0.dtype, "결과의 shape 과 dtype 이 x 와 같아야 합니다"
assert torch.allclose(g0, 2 * x0), "f(x) = Σx² 의 기울기(2x)와 다릅니다"
assert g0.requires_grad is False, "결과는 그래프와 끊긴 텐서여야 합니다 (requires_grad=False)"
assert x0.requires_grad is False and x0.grad is None, "호출한 쪽의 x 에 requires_grad 를 켜거나 .grad 를 남기면 안 됩니다"
### BEGIN HIDDEN TESTS
gen = torch.Generator().manual_seed(11)
A = torch.randn(4, 3, dtype=torch.float64, generator=gen)
X = torch.randn(3, 2, dtype=torch.float64, generator=gen)
X_before = X.clone()
f_mat = lambda v: torch.sin(A @ v).sum() + (v**3).sum()  # noqa: E731
expected = A.T @ torch.cos(A @ X) + 3 * X**2
first = autograd_grad(f_mat, X)
second = autograd_grad(f_mat, X)
assert type(first) is torch.Tensor and first.shape == X.shape, "2차원 x 에서 결과의 타입이나 shape 이 다릅니다"
assert torch.allclose(first, expected, rtol=0, atol=1e-10), "2차원 x 에서 기울기가 틀립니다"
assert type(second) is torch.Tensor and torch.allclose(second, expected, rtol=0, atol=1e-10), "두 번째 호출의 결과가 다릅니다: 기울기가 누적되지 않게 하세요"
assert torch.allclose(first, expected, rtol=0, atol=1e-10), "두 번째 호출이 첫 번째 결과를 바꿨습니다"
assert torch.equal(X, X_before) and X.requires_grad is False and X.grad is None, "호출한 쪽의 x 가 바뀌었습니다"
xd = torch.randn(5, generator=gen).to(device)
gd = autograd_grad(lambda v: (torch.sin(v) * v).sum(), xd)
assert type(gd) is torch.Tensor and gd.device == xd.device and gd.dtype == torch.float32, "결과가 x 와 같은 device·dtype 에 있어야 합니다"
assert torch.allclose(gd, torch.sin(xd) + xd * torch.cos(xd), atol=1e-5), "float32 입력에서 기울기가 틀립니다"
assert gd.requires_grad is False, "결과는 그래프와 끊긴 텐서여야 합니다"
# the meta device holds shapes only: a .cpu()/.numpy() shortcut cannot keep the caller's device
xm = torch.empty(3, 2, device="meta")
gm = autograd_grad(lambda v: (torch.sin(v) * v).sum(), xm)
assert type(gm) is torch.Tensor and gm.device.type == "meta" and gm.shape == (3, 2), "결과가 x 와 같은 device 에 있어야 합니다 (CPU 로 옮기지 마세요)"
### END HIDDEN TESTS

# %% [markdown]
# ## 3. 손으로 구한 기울기 `manual_linear_grads` (3점)
#
# 선형 모델 ŷ = x·w + b 와 평균 제곱 오차 L = (1/N) Σᵢ (ŷᵢ − tᵢ)² 의 기울기를 **공식으로** 계산하세요.
#
# - `w`: shape `(D,)`, `b`: 0차원 텐서, `x`: shape `(N, D)` (한 행이 한 샘플), `t`: shape `(N,)`.
#   예측은 `x @ w + b` (shape `(N,)`) 입니다.
# - 반환: `(dL_dw, dL_db)` 튜플. `dL_dw` 는 `w` 와 같은 shape `(D,)`, `dL_db` 는 0차원이고, 둘 다 `w` 와 같은 dtype·device.
# - **autograd 를 쓰지 마세요** (`backward()`, `torch.autograd` 금지). 채점은 `torch.no_grad()` 안에서 부르고, 결과를 autograd 와 비교합니다.
# - 입력을 바꾸지 마세요.
#
# 힌트: 잔차 r = ŷ − t 라 하면 ∂L/∂ŷᵢ = 2rᵢ / N. 연쇄 법칙으로 ∂L/∂w = xᵀ(2r/N), ∂L/∂b = Σᵢ 2rᵢ / N.

# %% nbgrader={"grade": false, "grade_id": "ex_manual_linear_grads", "locked": false, "schema_version": 3, "solution": true}
def manual_linear_grads(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(dL/dw, dL/db) of L = mean((x @ w + b - t) ** 2), by the chain rule (no autograd)."""
    ### BEGIN SOLUTION
    residual = x @ w + b - t
    n = x.shape[0]
    dl_dw = 2.0 / n * (x.T @ residual)
    dl_db = 2.0 / n * residual.sum()
    return dl_dw, dl_db
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_manual_linear_grads", "locked": true, "points": 3, "schema_version": 3, "solution": false}
out = manual_linear_grads(torch.tensor([1.5]), torch.tensor(0.5), torch.tensor([[2.0]]), torch.tensor([10.0]))
assert type(out) is tuple and len(out) == 2, "(dL_dw, dL_db) 두 값의 튜플을 돌려주세요"
gw0, gb0 = out
assert type(gw0) is torch.Tensor and type(gb0) is torch.Tensor, "두 값 모두 torch.Tensor 여야 합니다"
assert gw0.shape == (1,) and gb0.shape == (), "dL_dw 는 w 와 같은 shape (D,), dL_db 는 0차원이어야 합니다"
assert torch.allclose(gw0, torch.tensor([-26.0])) and torch.allclose(gb0, torch.tensor(-13.0)), "강의의 한 샘플 예제(w=1.5, b=0.5, x=2, t=10)에서 값이 다릅니다"
### BEGIN HIDDEN TESTS
gen = torch.Generator().manual_seed(21)
N, D = 50, 3
x_cpu = torch.randn(N, D, generator=gen)
t_cpu = x_cpu @ torch.tensor([1.0, -2.0, 0.5]) + 0.3 + 0.1 * torch.randn(N, generator=gen)
w_cpu, b_cpu = torch.randn(D, generator=gen), torch.randn((), generator=gen)
xs, ts, ws, bs = (v.to(device) for v in (x_cpu, t_cpu, w_cpu, b_cpu))
copies = [v.clone() for v in (xs, ts, ws, bs)]
w_leaf, b_leaf = ws.clone().requires_grad_(True), bs.clone().requires_grad_(True)
((xs @ w_leaf + b_leaf - ts) ** 2).mean().backward()
with torch.no_grad():
    out = manual_linear_grads(ws, bs, xs, ts)
assert type(out) is tuple and len(out) == 2, "(dL_dw, dL_db) 두 값의 튜플을 돌려주세요"
gw, gb = out
assert type(gw) is torch.Tensor and type(gb) is torch.Tensor, "두 값 모두 torch.Tensor 여야 합니다"
assert gw.shape == (D,) and gb.shape == (), "D=3 에서 결과의 shape 이 다릅니다"
assert gw.device == ws.device and gb.device == ws.device, "결과가 입력과 같은 device 에 있어야 합니다"
assert torch.allclose(gw, w_leaf.grad, atol=1e-5) and torch.allclose(gb, b_leaf.grad, atol=1e-5), "여러 샘플(N=50, D=3)에서 autograd 의 기울기와 다릅니다"
assert all(torch.equal(a, c) for a, c in zip((xs, ts, ws, bs), copies)), "입력이 바뀌었습니다"
x64, t64, w64, b64 = (v.double() for v in (x_cpu, t_cpu, w_cpu, b_cpu))
w_leaf, b_leaf = w64.clone().requires_grad_(True), b64.clone().requires_grad_(True)
((x64 @ w_leaf + b_leaf - t64) ** 2).mean().backward()
with torch.no_grad():
    gw, gb = manual_linear_grads(w64, b64, x64, t64)
assert gw.dtype == torch.float64 and gb.dtype == torch.float64, "float64 입력에서는 결과도 float64 여야 합니다"
assert torch.allclose(gw, w_leaf.grad, rtol=0, atol=1e-12) and torch.allclose(gb, b_leaf.grad, rtol=0, atol=1e-12), "float64 입력에서 autograd 의 기울기와 다릅니다"
with torch.no_grad():
    gwm, gbm = manual_linear_grads(*(torch.empty(shape, device="meta") for shape in ((4,), (), (6, 4), (6,))))
assert gwm.device.type == "meta" and gbm.device.type == "meta" and gwm.shape == (4,) and gbm.shape == (), "결과가 입력과 같은 device 에 있어야 합니다 (CPU 로 옮기지 마세요)"
### END HIDDEN TESTS

# %% [markdown]
# ## 4. 기록용 복사본 `snapshot` (2점)
#
# 학습 중에 매개변수의 값을 단계마다 리스트에 모아 그래프로 그리고 싶습니다. 이때 리스트에 넣을 값을 만드는 함수입니다.
#
# - 입력 `t`: 아무 텐서 (`requires_grad=True` 인 리프일 수도, 연산의 결과일 수도 있습니다).
# - 반환: `t` 의 **현재 값**을 담은 `torch.Tensor`. 같은 shape·dtype·device 이고,
#   - 그래프와 끊겨 있어야 하며 (`requires_grad=False`, `grad_fn` 없음),
#   - `t` 와 메모리를 공유하면 안 됩니다: 나중에 `t` 가 갱신되어도 기록은 그대로여야 합니다.
# - `t` 를 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_snapshot", "locked": false, "schema_version": 3, "solution": true}
def snapshot(t: torch.Tensor) -> torch.Tensor:
    """A copy of t's current values that is cut from the graph and shares no memory with t."""
    ### BEGIN SOLUTION
    return t.detach().clone()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_snapshot", "locked": true, "points": 2, "schema_version": 3, "solution": false}
p0 = torch.tensor([1.0, 2.0], requires_grad=True)
s0 = snapshot(p0)
assert type(s0) is torch.Tensor, "결과는 torch.Tensor 여야 합니다"
assert torch.equal(s0, torch.tensor([1.0, 2.0])), "값이 t 의 현재 값과 다릅니다"
assert s0.requires_grad is False and s0.grad_fn is None, "결과는 그래프와 끊겨 있어야 합니다"
### BEGIN HIDDEN TESTS
gen = torch.Generator().manual_seed(31)
p = torch.randn(4, 3, generator=gen).to(device).requires_grad_(True)
before = p.detach().clone()
s = snapshot(p)
assert type(s) is torch.Tensor and s.shape == p.shape and s.dtype == p.dtype and s.device == p.device, "shape·dtype·device 가 t 와 같아야 합니다"
assert s.requires_grad is False and s.grad_fn is None, "리프 매개변수의 기록이 그래프와 끊겨 있지 않습니다"
assert p.requires_grad is True and p.is_leaf and torch.equal(p.detach(), before), "t 가 바뀌었습니다"
with torch.no_grad():
    p += 1.0   # a later parameter update
assert torch.equal(s, before), "t 를 갱신하자 기록도 바뀌었습니다: t 와 메모리를 공유하지 않는 복사본이어야 합니다"
q = p * 2      # a non-leaf input
sq = snapshot(q)
assert type(sq) is torch.Tensor and sq.requires_grad is False and sq.grad_fn is None, "연산 결과를 넣었을 때도 그래프와 끊겨 있어야 합니다"
assert torch.equal(sq, q.detach()), "연산 결과를 넣었을 때 값이 다릅니다"
h64 = torch.arange(3, dtype=torch.float64)
s64 = snapshot(h64)
h64[0] = 7.0
assert s64.dtype == torch.float64 and s64[0].item() == 0.0, "requires_grad 가 없는 텐서도 독립된 복사본이어야 합니다"
sm = snapshot(torch.empty(2, 5, device="meta", requires_grad=True))
assert type(sm) is torch.Tensor and sm.device.type == "meta" and sm.shape == (2, 5), "기록은 t 와 같은 device 에 있어야 합니다 (CPU 로 옮기지 마세요)"
### END HIDDEN TESTS

# %% [markdown]
# ## 5. 경사 하강 한 단계 `gd_step` (3점)
#
# `torch.optim.SGD` 의 `step()` 과 `zero_grad()` 가 하는 일을 직접 쓰세요.
#
# - `params`: `requires_grad=True` 인 리프 텐서들의 리스트. 각각의 `.grad` 는 이미 `backward()` 로 채워져 있습니다.
# - 각 `p` 를 p ← p − lr · p.grad 로 **제자리(in-place)** 갱신하세요. 갱신 뒤에도 `p` 는 **같은 객체**이고,
#   리프이며 `requires_grad=True` 여야 합니다. (`torch.no_grad()` 를 잊지 마세요.)
# - 갱신한 뒤 기울기를 비우세요 (`p.grad = None` 또는 0 으로).
# - 반환값은 없습니다 (`None`).
#
# `torch.optim` 없이 직접 쓰세요.

# %% nbgrader={"grade": false, "grade_id": "ex_gd_step", "locked": false, "schema_version": 3, "solution": true}
def gd_step(params: list[torch.Tensor], lr: float) -> None:
    """One plain gradient-descent step on every tensor in params, then clear their gradients."""
    ### BEGIN SOLUTION
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
            p.grad = None
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_gd_step", "locked": true, "points": 3, "schema_version": 3, "solution": false}
p0 = torch.tensor([1.0, 2.0], requires_grad=True)
(p0**2).sum().backward()                      # p0.grad = [2, 4]
ret = gd_step([p0], lr=0.1)
assert ret is None, "gd_step 은 아무것도 돌려주지 않아야 합니다"
assert torch.allclose(p0.detach(), torch.tensor([0.8, 1.6])), "p ← p − lr·p.grad 로 갱신되지 않았습니다"
assert p0.is_leaf and p0.requires_grad, "갱신 뒤에도 p 는 requires_grad=True 인 리프여야 합니다"
assert p0.grad is None or torch.count_nonzero(p0.grad).item() == 0, "갱신 뒤 기울기를 비우세요"
### BEGIN HIDDEN TESTS
gen = torch.Generator().manual_seed(41)
x_cpu = torch.randn(30, 3, generator=gen)
t_cpu = x_cpu @ torch.tensor([2.0, -1.0, 0.5]) + 1.0
xs, ts = x_cpu.to(device), t_cpu.to(device)
w = torch.randn(3, generator=gen).to(device).requires_grad_(True)
b = torch.zeros((), device=device, requires_grad=True)
params = [w, b]
for lr_h in (0.05, 0.2):
    ((xs @ w + b - ts) ** 2).mean().backward()
    old = [p.detach().clone() for p in params]
    grads = [p.grad.detach().clone() for p in params]
    gd_step(params, lr_h)
    assert params[0] is w and params[1] is b, "params 리스트의 텐서를 다른 텐서로 바꿔 치면 안 됩니다: 제자리로 갱신하세요"
    for p, o, g in zip(params, old, grads):
        assert torch.allclose(p.detach(), o - lr_h * g, atol=1e-6), "여러 매개변수의 갱신 값이 p − lr·p.grad 와 다릅니다"
        assert p.is_leaf and p.requires_grad, "갱신 뒤에도 requires_grad=True 인 리프여야 합니다"
        assert p.grad is None or torch.count_nonzero(p.grad).item() == 0, "갱신 뒤 기울기가 남아 있습니다"
    assert w.device == xs.device, "매개변수가 다른 device 로 옮겨졌습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 6. 경사 하강으로 학습하기 `fit_linear` (3점)
#
# 문제 3 의 모델 ŷ = x @ w + b 를 평균 제곱 오차로 학습하는 루프를 autograd 로 쓰세요.
#
# - 입력: `x` shape `(N, D)`, `t` shape `(N,)` (같은 device·dtype), 학습률 `lr`, 단계 수 `steps`.
# - 시작값: `w = 0` (shape `(D,)`), `b = 0` (0차원), `x` 와 같은 dtype·device, `requires_grad=True`.
# - 매 단계: 순전파 → 손실 L = mean((x @ w + b − t)²) → `backward()` → `no_grad` 안에서 w ← w − lr·∂L/∂w, b ← b − lr·∂L/∂b → 기울기 비우기.
#   (문제 5 의 `gd_step` 을 써도 됩니다.)
# - 반환: 학습된 `(w, b)`, 그래프와 끊긴(`requires_grad=False`) 텐서.
# - 데이터 `x`, `t` 에는 `requires_grad` 를 켜지 말고, 바꾸지도 마세요.
#
# 채점은 같은 시작값·학습률·단계 수로 계산한 경사 하강의 결과와 비교합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_fit_linear", "locked": false, "schema_version": 3, "solution": true}
def fit_linear(x: torch.Tensor, t: torch.Tensor, lr: float = 0.1, steps: int = 200) -> tuple[torch.Tensor, torch.Tensor]:
    """Gradient descent from zeros on mean((x @ w + b - t) ** 2); returns detached (w, b)."""
    ### BEGIN SOLUTION
    w = torch.zeros(x.shape[1], dtype=x.dtype, device=x.device, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, device=x.device, requires_grad=True)
    for _ in range(steps):
        loss = ((x @ w + b - t) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = None
        b.grad = None
    return w.detach(), b.detach()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_fit_linear", "locked": true, "points": 3, "schema_version": 3, "solution": false}
x_vis = torch.linspace(-1, 1, 20, device=device).reshape(20, 1)
t_vis = 2 * x_vis[:, 0] + 1
out = fit_linear(x_vis, t_vis, lr=0.1, steps=300)
assert type(out) is tuple and len(out) == 2, "(w, b) 두 값의 튜플을 돌려주세요"
w_vis, b_vis = out
assert type(w_vis) is torch.Tensor and type(b_vis) is torch.Tensor, "w, b 는 torch.Tensor 여야 합니다"
assert w_vis.shape == (1,) and b_vis.shape == (), "w 는 shape (D,), b 는 0차원이어야 합니다"
assert w_vis.requires_grad is False and b_vis.requires_grad is False, "돌려주는 w, b 는 그래프와 끊겨 있어야 합니다"
assert abs(w_vis.item() - 2) < 0.05 and abs(b_vis.item() - 1) < 0.05, "t = 2x + 1 데이터에서 w≈2, b≈1 로 수렴하지 않았습니다"
### BEGIN HIDDEN TESTS
gen = torch.Generator().manual_seed(51)
N, D, lr_h, steps_h = 64, 3, 0.05, 40   # 40 steps: still far from the minimum, so the path itself is checked
x_cpu = torch.randn(N, D, generator=gen)
t_cpu = x_cpu @ torch.tensor([1.5, -2.0, 0.7]) - 0.4 + 0.2 * torch.randn(N, generator=gen)
# reference trajectory: plain GD with the analytic gradient, in float64 on the CPU
x64, t64 = x_cpu.double(), t_cpu.double()
w_ref, b_ref = torch.zeros(D, dtype=torch.float64), torch.zeros((), dtype=torch.float64)
for _ in range(steps_h):
    r = x64 @ w_ref + b_ref - t64
    w_ref, b_ref = w_ref - lr_h * 2 / N * (x64.T @ r), b_ref - lr_h * 2 * r.mean()
xs, ts = x_cpu.to(device), t_cpu.to(device)
x_keep, t_keep = xs.clone(), ts.clone()
w_fit, b_fit = fit_linear(xs, ts, lr=lr_h, steps=steps_h)
assert type(w_fit) is torch.Tensor and type(b_fit) is torch.Tensor, "w, b 는 torch.Tensor 여야 합니다"
assert w_fit.shape == (D,) and b_fit.shape == (), "D=3 에서 w, b 의 shape 이 다릅니다"
assert w_fit.device == xs.device and w_fit.dtype == xs.dtype, "w 가 x 와 같은 device·dtype 에 있어야 합니다"
assert w_fit.requires_grad is False and b_fit.requires_grad is False, "돌려주는 w, b 는 그래프와 끊겨 있어야 합니다"
assert torch.allclose(w_fit.cpu().double(), w_ref, rtol=0, atol=1e-5) and abs(b_fit.item() - b_ref.item()) < 1e-5, "같은 조건의 경사 하강 결과와 다릅니다 (시작값, 손실, 갱신, 기울기 비우기를 확인하세요)"
assert xs.requires_grad is False and ts.requires_grad is False and xs.grad is None, "데이터 x, t 에 requires_grad 를 켜면 안 됩니다"
assert torch.equal(xs, x_keep) and torch.equal(ts, t_keep), "데이터 x, t 가 바뀌었습니다"
# long enough, GD reaches the least-squares solution
A = torch.cat([x64, torch.ones(N, 1, dtype=torch.float64)], dim=1)
sol = torch.linalg.lstsq(A, t64.unsqueeze(1)).solution.squeeze(1)
w_long, b_long = fit_linear(x64, t64, lr=0.1, steps=400)
assert w_long.dtype == torch.float64, "float64 입력에서는 w 도 float64 여야 합니다"
assert torch.allclose(w_long, sol[:D], atol=1e-6) and abs(b_long.item() - sol[D].item()) < 1e-6, "충분히 학습했을 때 최소제곱 해에 도달하지 못했습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 7. 실험: 차분 간격 `h` 는 얼마가 좋을까 (3점)
#
# 강의에서는 한 변수 함수 하나로 `h` 에 따른 오차를 그려 보았습니다. 가장 좋은 `h` 는 함수와 자료형에 따라 달라집니다.
# 이번에는 문제 1 의 `numeric_grad` 로 **여러 원소의 텐서**에서 직접 재 보고, 찾은 값을 보고하세요.
#
# **(가)** `grad_errors(f, grad_f, x, hs)` 를 완성하세요.
# - `f` 는 문제 1 과 같은 스칼라 함수, `grad_f(x)` 는 정확한 기울기(`x` 와 같은 모양)를 돌려주는 함수입니다.
# - `hs` 의 `h` 마다 `numeric_grad(f, x, h)` 와 `grad_f(x)` 의 **원소별 차이의 절댓값 중 가장 큰 값**을 구해,
#   `hs` 와 같은 순서의 **파이썬 `float` 리스트**로 돌려줍니다. `x` 는 바꾸지 마세요.
#
# **(나)** 함수 f(v) = Σ exp(vᵢ) (정확한 기울기는 exp(v)), 점 `x_exp = [0.5, 1.0, 1.5, 2.0]` 에서 오차를 재어
# - `best_h_float32`: `x_exp` 가 **float32** 일 때, `H_GRID_32 = [1e-1, 1e-2, …, 1e-7]` 중 오차가 가장 작은 `h`,
# - `best_h_float64`: `x_exp` 가 **float64** 일 때, `H_GRID_64 = [1e-1, 1e-2, …, 1e-12]` 중 오차가 가장 작은 `h`
#
# 를 **파이썬 `float`** 변수로 남기세요 (격자에 있는 값 그대로). 숫자를 짐작해 적지 말고 `grad_errors` 로 재서 고르세요.
# 채점은 같은 실험을 다시 재서 확인합니다. 결과를 그래프(로그 축)로 그려 보면 왜 그 값이 나오는지 보입니다.

# %%
H_GRID_32 = [10.0 ** -k for k in range(1, 8)]
H_GRID_64 = [10.0 ** -k for k in range(1, 13)]


def f_exp(v: torch.Tensor) -> torch.Tensor:
    return torch.exp(v).sum()


def grad_f_exp(v: torch.Tensor) -> torch.Tensor:
    return torch.exp(v)


# %% [markdown]
# 아래 답 셀에 (가) `grad_errors` 와 (나) `best_h_float32`, `best_h_float64` 를 채우세요.

# %% nbgrader={"grade": false, "grade_id": "ex_h_experiment", "locked": false, "schema_version": 3, "solution": true}
def grad_errors(f, grad_f, x: torch.Tensor, hs: list[float]) -> list[float]:
    """Max-abs error of numeric_grad(f, x, h) against grad_f(x), for each h in hs."""
    ### BEGIN SOLUTION
    exact = grad_f(x)
    return [(numeric_grad(f, x, h) - exact).abs().max().item() for h in hs]
    ### END SOLUTION


### BEGIN SOLUTION
x_exp32 = torch.tensor([0.5, 1.0, 1.5, 2.0], dtype=torch.float32)
errors_32 = grad_errors(f_exp, grad_f_exp, x_exp32, H_GRID_32)
errors_64 = grad_errors(f_exp, grad_f_exp, x_exp32.double(), H_GRID_64)
best_h_float32 = H_GRID_32[errors_32.index(min(errors_32))]
best_h_float64 = H_GRID_64[errors_64.index(min(errors_64))]
### END SOLUTION
print(f"float32 에서 가장 좋은 h: {best_h_float32:.0e} | float64 에서 가장 좋은 h: {best_h_float64:.0e}")

# %% nbgrader={"grade": true, "grade_id": "test_h_experiment", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_errs = grad_errors(lambda v: (v**2).sum(), lambda v: 2 * v, torch.tensor([1.0, -2.0], dtype=torch.float64), [0.1, 0.01])
assert type(_errs) is list and len(_errs) == 2, "hs 와 길이가 같은 리스트를 돌려주세요"
assert all(type(_e) is float for _e in _errs), "오차는 파이썬 float 이어야 합니다"
assert type(best_h_float32) is float and best_h_float32 in H_GRID_32, "best_h_float32 는 H_GRID_32 에 있는 파이썬 float 이어야 합니다"
assert type(best_h_float64) is float and best_h_float64 in H_GRID_64, "best_h_float64 는 H_GRID_64 에 있는 파이썬 float 이어야 합니다"
### BEGIN HIDDEN TESTS
# (a) grad_errors on a fresh function, in the truncation regime where every central difference agrees
_x = torch.tensor([0.3, -1.2, 2.0], dtype=torch.float64)
_x0 = _x.clone()
_hs = [0.2, 0.05, 0.01]
_got = grad_errors(lambda v: torch.sin(3 * v).sum(), lambda v: 3 * torch.cos(3 * v), _x, _hs)
assert type(_got) is list and len(_got) == 3 and all(type(_e) is float for _e in _got), "hs 와 길이가 같은 float 리스트를 돌려주세요"
assert torch.equal(_x, _x0), "x 를 바꾸면 안 됩니다"
for _h, _e in zip(_hs, _got):
    _exp_err = max(abs((math.sin(3 * (v + _h)) - math.sin(3 * (v - _h))) / (2 * _h) - 3 * math.cos(3 * v)) for v in _x0.tolist())
    assert abs(_e - _exp_err) <= 1e-3 * _exp_err, "grad_errors 의 값이 다릅니다 (원소별 차이의 절댓값 중 가장 큰 값, h 마다)"


# (b) the judge re-measures the experiment with its own central differences
def _judge_errors(dtype, hs):
    xs = torch.tensor([0.5, 1.0, 1.5, 2.0], dtype=dtype)
    out = []
    for h in hs:
        worst = 0.0
        for i in range(4):
            plus, minus = xs.clone(), xs.clone()
            plus[i] += h
            minus[i] -= h
            num = (float(torch.exp(plus).sum()) - float(torch.exp(minus).sum())) / (2 * h)
            worst = max(worst, abs(num - float(torch.exp(xs[i]))))
        out.append(worst)
    return out


for _name, _best, _dtype, _grid in (("best_h_float32", best_h_float32, torch.float32, H_GRID_32),
                                    ("best_h_float64", best_h_float64, torch.float64, H_GRID_64)):
    _e = _judge_errors(_dtype, _grid)
    assert _e[_grid.index(_best)] <= 2 * min(_e), f"{_name}: 그 h 보다 오차가 훨씬 작은 h 가 격자에 있습니다. 직접 재서 고르세요"
### END HIDDEN TESTS

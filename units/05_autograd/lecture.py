# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import warnings

import matplotlib.pyplot as plt
import pandas as pd
import torch
from matplotlib.ticker import FuncFormatter
from tqdm.auto import tqdm

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 텐서 연산이 **연산 그래프(computational graph)** 로 기록되는 모습을 `requires_grad`, `grad_fn`, `is_leaf` 로 확인하고, 그래프를 직접 출력하고 그려 본다.
# - `backward()` 가 구한 기울기(gradient)를 y = w·x + b 의 손 계산(연쇄 법칙)과 비교한다.
# - `.grad` 가 **누적(accumulate)** 된다는 것을 확인하고, 매 단계 기울기를 비우는 세 가지 방법을 쓴다.
# - `torch.no_grad()` 와 `detach()` 로 추적을 끄고(`detach()` 로 기울기가 흐르는 길을 끊고), 경사 하강(gradient descent) 한 단계를 직접 구현한다.
# - 파이썬의 `if`/`while` 이 섞인 계산도 미분된다는 것을 확인한다.
# - 중앙 차분(central difference) 수치 미분으로 autograd 의 기울기를 검증한다 (오차 ≤ 1e-4).

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 자동 미분(autograd)은 무엇을 기록하고, 기울기는 언제 계산되는가?
# 2. `requires_grad`, `grad`, `grad_fn`, `is_leaf` 는 각각 무엇을 알려 주는가?
# 3. `backward()` 를 두 번 부르면 `.grad` 는 어떻게 되는가? 왜 매 단계 기울기를 비워야 하고, 누적은 어디에 쓰이는가?
# 4. 가중치를 갱신할 때 왜 `torch.no_grad()` 안에서 제자리(in-place) 연산으로 해야 하는가?
# 5. `detach()` 는 언제 쓰고(기울기 멈추기 포함), `.data` 는 왜 피해야 하는가? `if` 나 `while` 이 있는 함수도 미분될까?
# 6. autograd 가 계산한 기울기가 맞는지 어떻게 확인하는가?

# %% [markdown]
# ## 1. 왜 자동 미분인가
#
# 03단원에서는 경사 하강법을 쓰려고 MSE 손실을 직선 y = a·x + b 의 두 매개변수 a, b 로 **손으로** 미분했습니다.
# 매개변수가 두 개일 때는 할 만하지만, 신경망에는 매개변수가 수백만 개 있습니다.
#
# PyTorch 의 **autograd** 는 이 일을 자동으로 합니다.
#
# 1. **순전파(forward)**: 우리가 계산을 하는 동안, PyTorch 는 어떤 연산을 했는지 **연산 그래프**에 적어 둡니다.
# 2. **역전파(backward, backpropagation)**: `loss.backward()` 를 부르면 그 기록을 **거꾸로** 따라가며
#    연쇄 법칙(chain rule)으로 모든 매개변수의 기울기를 계산해 `.grad` 에 넣습니다.
#
# 가장 작은 예부터 봅시다. f(x) = x² + 3x 이면 f′(x) = 2x + 3 이므로 x = 2 에서 기울기는 7 입니다.
#
# **실행하기 전에 예상해 보세요**: `f.backward()` 전과 뒤의 `x.grad` 는 각각 무엇일까요?

# %%
x = torch.tensor(2.0, requires_grad=True, device=device)   # "x 에 대한 기울기가 필요하다"
f = x**2 + 3 * x                                            # forward: the graph is recorded here
f.backward()                                                # backward: df/dx goes into x.grad
print(f"f(2) = {f.item()}")
print(f"autograd: df/dx = {x.grad.item()}   |   손 계산: 2·2 + 3 = {2 * 2 + 3}")

# %% [markdown]
# 기울기는 그 점에서 그은 **접선의 기울기**입니다. 그림으로 확인해 봅시다.

# %%
xs = torch.linspace(-4.5, 2.5, 100)
slope, x0, f0 = x.grad.item(), x.item(), f.item()
fig, ax = plt.subplots(figsize=(5.5, 3.5))
ax.plot(xs, xs**2 + 3 * xs, label=r"f(x) = $x^2 + 3x$")
ax.plot(xs, f0 + slope * (xs - x0), "--", label=f"x = 2 에서의 접선 (기울기 {slope:.0f})")
ax.scatter([x0], [f0], color="crimson", zorder=3)
ax.set(xlabel="x", ylabel="f(x)", title="x.grad = 접선의 기울기", ylim=(-5, 14))
ax.legend()
ax.grid(alpha=0.3)
plt.show()

# %% [markdown]
# **눈여겨볼 점**: 우리는 `f` 의 식만 썼을 뿐 도함수 2x + 3 은 한 번도 쓰지 않았습니다.
# `x.grad` 에 들어 있는 7 은 autograd 가 기록된 연산(제곱, 곱하기, 더하기)을 거꾸로 따라가며 계산한 값입니다.
#
# 🧪 **해 보기**: f 를 `torch.sin(x) * x` 로 바꾸고 x = 2 에서 `x.grad` 를 손 계산 (cos x · x + sin x) 과 비교해 보세요.
#
# 📚 **더 읽을거리**: [PyTorch 튜토리얼: 자동 미분](https://docs.pytorch.org/tutorials/beginner/basics/autogradqs_tutorial.html)
# · [d2l 2.5 자동 미분](https://d2l.ai/chapter_preliminaries/autograd.html)

# %% [markdown]
# ## 2. `requires_grad`, `grad_fn`, `is_leaf`: 텐서가 가진 미분 정보
#
# | 속성 | 알려 주는 것 |
# |---|---|
# | `requires_grad` | 이 텐서에 대한 기울기가 필요한가? `True` 인 텐서가 들어간 연산은 그래프에 기록되고, 결과도 `True` 가 됩니다. |
# | `grad` | `backward()` 뒤에 "손실을 이 텐서로 미분한 값"이 **쌓이는** 곳. 리프 텐서에만 채워집니다. |
# | `grad_fn` | 이 텐서를 만든 연산의 역전파 함수 (예: `MulBackward0`). 사용자가 직접 만든 텐서는 `None`. |
# | `is_leaf` | 그래프의 출발점(리프, leaf)인가? 사용자가 직접 만든 텐서는 리프, 연산의 결과는 리프가 아닙니다. |
#
# 원칙: **학습할 매개변수(가중치 w, 편향 b)에만** `requires_grad=True` 를 줍니다.
# 입력 데이터 x 와 정답 t 는 미분할 대상이 아니므로 `False`(기본값) 그대로 둡니다.
#
# y = w·x + b 모델로 확인해 봅시다 (w = 1.5, b = 0.5, 입력 x = 2, 정답 t = 10).
#
# **실행하기 전에 예상해 보세요**: 여섯 텐서 w, b, x, t, y, loss 중 `requires_grad` 가 `True` 인 것은? 리프는?

# %%
w = torch.tensor(1.5, requires_grad=True, device=device)   # parameter: we want dL/dw
b = torch.tensor(0.5, requires_grad=True, device=device)   # parameter: we want dL/db
x = torch.tensor(2.0, device=device)                       # input data: no gradient needed
t = torch.tensor(10.0, device=device)                      # target (정답)

y = w * x + b          # forward pass (순전파)
loss = (y - t) ** 2    # squared error (손실)
print(f"예측 y = {y.item()}, 손실 = {loss.item()}")

# %%
tensors = {"w": w, "b": b, "x": x, "t": t, "y": y, "loss": loss}
pd.DataFrame({
    name: {
        "requires_grad": v.requires_grad,
        "is_leaf": v.is_leaf,
        "grad_fn": type(v.grad_fn).__name__ if v.grad_fn is not None else None,
    }
    for name, v in tensors.items()
}).T

# %% [markdown]
# **눈여겨볼 점**
#
# - w, b, x, t 는 모두 사용자가 만든 **리프**입니다. 그중 w, b 만 `requires_grad=True` 입니다.
# - y 와 loss 는 연산의 결과라서 리프가 아니고, 자신을 만든 연산(`AddBackward0`, `PowBackward0`)을 `grad_fn` 으로 기억합니다.
# - w 가 계산에 들어갔기 때문에 y 와 loss 도 `requires_grad=True` 가 되었습니다 (전염되듯 퍼집니다).
#
# 🧪 **해 보기**: `x * t` 처럼 `requires_grad` 가 없는 텐서끼리 계산한 결과의 `grad_fn` 은 무엇일까요? 예상한 뒤 확인하세요.
#
# 📚 **더 읽을거리**: [torch.Tensor.requires_grad](https://docs.pytorch.org/docs/stable/generated/torch.Tensor.requires_grad.html)
# · [torch.Tensor.is_leaf](https://docs.pytorch.org/docs/stable/generated/torch.Tensor.is_leaf.html)

# %% [markdown]
# ## 3. 연산 그래프 들여다보기
#
# `grad_fn` 은 그래프의 노드이고, `grad_fn.next_functions` 는 그 노드의 입력 쪽(역전파에서 다음에 갈 곳) 노드들입니다.
# 각 항목은 `(노드, 출력 번호)` 쌍이고, 기울기가 필요 없는 입력(상수)은 `None` 으로 나옵니다.
#
# **실행하기 전에 예상해 보세요**: loss = (y − t)² 의 `grad_fn` 이름은 무엇이고, 입력 쪽 노드는 몇 개일까요?

# %%
print("loss.grad_fn              :", loss.grad_fn)
print("loss.grad_fn.next_functions:", loss.grad_fn.next_functions)


# %% [markdown]
# `next_functions` 를 재귀적으로 따라 내려가면 그래프 전체를 트리로 출력할 수 있습니다.
# 리프 텐서에 도착하면 `AccumulateGrad` 노드가 나오는데, 이 노드는 도착한 기울기를 그 리프의 `.grad` 에 **더합니다**.

# %%
def print_graph(fn, names, depth=0):
    """Walk grad_fn.next_functions recursively and print one line per node."""
    if fn is None:
        label = "None   (기울기가 필요 없는 입력: x 나 t 같은 상수)"
    elif hasattr(fn, "variable"):   # AccumulateGrad: writes into a leaf's .grad
        label = f"AccumulateGrad   → {names.get(id(fn.variable), '?')}.grad 에 더함"
    else:
        label = type(fn).__name__
    print("    " * depth + "└─ " + label)
    for next_fn, _ in (fn.next_functions if fn is not None else ()):
        print_graph(next_fn, names, depth + 1)


print("loss")
print_graph(loss.grad_fn, {id(w): "w", id(b): "b"})

# %% [markdown]
# 같은 그래프를 상자와 화살표로 그리면 이렇습니다 (`helpers.plot.plot_grad_graph`, matplotlib 만 사용).
# 화살표는 **역전파 방향**, 즉 `next_functions` 를 따라가는 방향입니다. 회색 `None` 두 개는 상수 t(위)와 x(아래)입니다.

# %%
helpers.plot.plot_grad_graph(loss, names={"w": w, "b": b, "y": y, "loss": loss})
plt.show()

# %% [markdown]
# **눈여겨볼 점**: 그래프는 **순전파를 하는 순간** 만들어집니다. 파이썬 코드가 바뀌면(예: `if` 문) 다음 순전파에서는 다른 그래프가 만들어집니다.
# 이것을 동적 그래프(define-by-run)라고 합니다(7절에서 직접 봅니다). `backward()` 는 이 그래프를 위에서 아래로 한 번 따라 내려갑니다.
#
# 🧪 **해 보기**: `loss2 = (w * w * x - t) ** 2` 의 그래프를 `print_graph` 로 출력해 보세요. w 에 닿는 `AccumulateGrad` 는 몇 번 나올까요?
#
# 📚 **더 읽을거리**: [Autograd 동작 원리 (Autograd mechanics)](https://docs.pytorch.org/docs/stable/notes/autograd.html)

# %% [markdown]
# ## 4. `backward()` 와 손 계산 비교: y = w·x + b
#
# 손실 L = (y − t)², y = w·x + b 에 연쇄 법칙을 쓰면
#
# - ∂L/∂y = 2(y − t)
# - ∂L/∂w = ∂L/∂y · ∂y/∂w = 2(y − t) · x
# - ∂L/∂b = ∂L/∂y · ∂y/∂b = 2(y − t) · 1
#
# 입니다. w = 1.5, b = 0.5, x = 2, t = 10 이면 y = 3.5, y − t = −6.5 입니다.
#
# **실행하기 전에 예상해 보세요**: `loss.backward()` 뒤 `w.grad` 와 `b.grad` 는 각각 얼마일까요? 부호는요?

# %%
loss.backward()
dw_hand = (2 * (y - t) * x).item()
db_hand = (2 * (y - t)).item()
print(f"∂L/∂w  autograd = {w.grad.item():6.1f}   손 계산 = {dw_hand:6.1f}")
print(f"∂L/∂b  autograd = {b.grad.item():6.1f}   손 계산 = {db_hand:6.1f}")

# %% [markdown]
# 기울기가 음수라는 것은 "w 와 b 를 **키우면** 손실이 줄어든다"는 뜻입니다 (예측 3.5 가 정답 10 보다 작으니 당연합니다).
#
# 이제 데이터가 여러 개일 때를 봅시다. 참값 t = 3x + 2 에 잡음을 더한 100개의 점을 만들고, 평균 제곱 오차(MSE)
# L = (1/N) Σ (w·xᵢ + b − tᵢ)² 를 씁니다. 손 계산은
#
# - ∂L/∂w = (2/N) Σ (ŷᵢ − tᵢ)·xᵢ,  ∂L/∂b = (2/N) Σ (ŷᵢ − tᵢ)
#
# 입니다. 데이터는 CPU 에서 시드로 만든 뒤 `device` 로 옮깁니다 (어느 장치에서나 같은 값).

# %%
gen = torch.Generator().manual_seed(0)
x_data = (torch.rand(100, generator=gen) * 4 - 2).to(device)                   # x in [-2, 2)
t_data = (3 * x_data.cpu() + 2 + 0.5 * torch.randn(100, generator=gen)).to(device)

w = torch.tensor(0.5, requires_grad=True, device=device)
b = torch.tensor(-1.0, requires_grad=True, device=device)
y_hat = w * x_data + b
loss = ((y_hat - t_data) ** 2).mean()
loss.backward()

with torch.no_grad():   # the hand formulas need no graph (section 6)
    residual = y_hat - t_data
    dw_hand = 2 * (residual * x_data).mean()
    db_hand = 2 * residual.mean()
print(f"∂L/∂w  autograd = {w.grad.item():.6f}   손 계산 = {dw_hand.item():.6f}")
print(f"∂L/∂b  autograd = {b.grad.item():.6f}   손 계산 = {db_hand.item():.6f}")
print("일치:", torch.allclose(w.grad, dw_hand) and torch.allclose(b.grad, db_hand))

# %% [markdown]
# **눈여겨볼 점**: 데이터가 100개여도 `backward()` 한 번이면 끝납니다. 평균(`mean`)의 미분 1/N 도 autograd 가 알아서 넣었습니다.
#
# 🧪 **해 보기**: `.mean()` 을 `.sum()` 으로 바꾸면 `w.grad` 는 몇 배가 될까요? 손 계산 식은 어떻게 바뀔까요?
#
# 📚 **더 읽을거리**: [torch.Tensor.backward](https://docs.pytorch.org/docs/stable/generated/torch.Tensor.backward.html)
# · [d2l 2.4 미분](https://d2l.ai/chapter_preliminaries/calculus.html)

# %% [markdown]
# ## 5. `.grad` 는 누적된다: 기울기 비우기 (zero_grad)
#
# `backward()` 는 `.grad` 를 **덮어쓰지 않고 더합니다**. 앞 그림의 `AccumulateGrad` 라는 이름 그대로입니다.
#
# **실행하기 전에 예상해 보세요**: 순전파와 `backward()` 를 똑같이 두 번 하면 `w.grad` 는 얼마일까요? (한 번이면 −26)

# %%
w = torch.tensor(1.5, requires_grad=True, device=device)
b = torch.tensor(0.5, requires_grad=True, device=device)


def single_loss():
    """Forward pass of the one-sample example: a new graph on every call."""
    return (w * x + b - t) ** 2


single_loss().backward()
print(f"backward 1번 → w.grad = {w.grad.item():6.1f}, b.grad = {b.grad.item():6.1f}")
single_loss().backward()
print(f"backward 2번 → w.grad = {w.grad.item():6.1f}, b.grad = {b.grad.item():6.1f}   ← 두 배!")

# %% [markdown]
# 학습 루프에서는 매 단계 **새 기울기만** 필요하므로, `backward()` 전에 기울기를 비워야 합니다. 방법은 세 가지입니다.
#
# | 방법 | 코드 | 결과 |
# |---|---|---|
# | 제자리에서 0 으로 | `w.grad.zero_()` | `.grad` 가 0 텐서 |
# | 아예 비우기 | `w.grad = None` | 다음 `backward()` 가 새로 만듦 |
# | 옵티마이저에게 맡기기 | `optimizer.zero_grad()` | 옵티마이저가 맡은 모든 매개변수를 비움 (기본값: `None` 으로) |

# %%
w.grad.zero_()      # way 1: fill with zeros in place
b.grad = None       # way 2: drop the tensor
print("비운 뒤:", w.grad, b.grad)

single_loss().backward()
print(f"다시 backward 1번 → w.grad = {w.grad.item():6.1f}, b.grad = {b.grad.item():6.1f}   (정상)")

# %%
optimizer = torch.optim.SGD([w, b], lr=0.01)
optimizer.zero_grad()   # way 3: every parameter the optimizer holds
print("optimizer.zero_grad() 뒤:", w.grad, b.grad)

# %% [markdown]
# 누적은 왜 있을까요? 먼저 **아닌** 이유부터 봅니다. 한 텐서가 그래프의 여러 곳에서 쓰이면(예: `w * w`) 각 경로의 기울기를
# 더해야 올바른 미분이 됩니다. 하지만 이 덧셈은 `backward()` **한 번 안에서** 일어나며, `.grad` 가 비어 있어도 똑같이 일어납니다.
#
# **실행하기 전에 예상해 보세요**: `.grad` 가 비어 있는 w = 3 에서 `(w * w).backward()` 를 한 번 하면 `w.grad` 는 3 일까요, 6 일까요?

# %%
w_sq = torch.tensor(3.0, requires_grad=True, device=device)
(w_sq * w_sq).backward()            # two paths to w, one backward call, .grad empty before
print(f"d(w·w)/dw at w = 3: autograd {w_sq.grad.item()} | 손 계산 2w = {2 * 3.0}")


# %% [markdown]
# `.grad` 에 **여러 번의** `backward()` 를 더하는 누적은 다른 일에 씁니다.
#
# 1. **나눠 계산한 배치(micro-batch)**: 큰 배치가 메모리에 들어가지 않으면 작은 조각으로 나눠 조각마다 `backward()` 하고,
#    쌓인 기울기로 한 번 갱신합니다. 이것을 **기울기 누적(gradient accumulation)** 이라고 부릅니다.
# 2. **손실이 여러 개**: 손실마다 따로 `backward()` 해도, 더한 손실로 한 번 `backward()` 한 것과 같은 기울기가 모입니다.
#
# 4절의 100개 데이터로 두 가지를 확인합니다.

# %%
def mse_wb(w: torch.Tensor, b: torch.Tensor, xs: torch.Tensor, ts: torch.Tensor) -> torch.Tensor:
    return ((w * xs + b - ts) ** 2).mean()


def fresh_params() -> tuple[torch.Tensor, torch.Tensor]:
    return (torch.tensor(0.5, requires_grad=True, device=device), torch.tensor(-1.0, requires_grad=True, device=device))


w_full, b_full = fresh_params()
mse_wb(w_full, b_full, x_data, t_data).backward()                 # one batch of 100

w_acc, b_acc = fresh_params()
for part in range(4):                                             # 4 micro-batches of 25, .grad not zeroed in between
    chunk = slice(25 * part, 25 * (part + 1))
    (mse_wb(w_acc, b_acc, x_data[chunk], t_data[chunk]) / 4).backward()   # / 4: the mean over 4 parts
print(f"한 번에 100개   : w.grad = {w_full.grad.item():.6f}, b.grad = {b_full.grad.item():.6f}")
print(f"25개씩 4번 누적 : w.grad = {w_acc.grad.item():.6f}, b.grad = {b_acc.grad.item():.6f}")

w_two, b_two = fresh_params()
loss_a = mse_wb(w_two, b_two, x_data, t_data)
loss_b = 0.1 * (w_two**2 + b_two**2)                              # a second loss (a penalty on large parameters)
loss_a.backward()
loss_b.backward()                                                 # the second backward adds to .grad
w_sum, b_sum = fresh_params()
(mse_wb(w_sum, b_sum, x_data, t_data) + 0.1 * (w_sum**2 + b_sum**2)).backward()
print(f"손실 두 개를 따로 backward: w.grad = {w_two.grad.item():.6f} | 더해서 한 번: {w_sum.grad.item():.6f}")

# %% [markdown]
# **눈여겨볼 점**: 같은 매개변수로 여러 번 `backward()` 하면 기울기가 모두 더해집니다. 이것이 필요할 때가 있어서
# PyTorch 는 `.grad` 를 덮어쓰지 않습니다. 대신 우리는 **갱신할 때마다** 기울기를 비우는 것을 잊지 말아야 합니다.
# (누적 기울기는 반올림 때문에 마지막 자리가 조금 다를 수 있습니다.)
#
# 🧪 **해 보기**: micro-batch 셀에서 `/ 4` 를 빼면 `w.grad` 는 몇 배가 될까요? 100개를 10개씩 10번으로 나누면 무엇으로 나눠야 할까요?
#
# 📚 **더 읽을거리**: [torch.optim.Optimizer.zero_grad](https://docs.pytorch.org/docs/stable/generated/torch.optim.Optimizer.zero_grad.html)
# · [PyTorch 튜토리얼: zero_grad 와 학습 루프](https://docs.pytorch.org/tutorials/beginner/basics/optimization_tutorial.html)

# %% [markdown]
# ## 6. 추적 끄기: `torch.no_grad()` 와 `detach()`
#
# 기록이 필요 없는 계산도 많습니다. 평가(예측만 할 때), 매개변수 갱신, 그래프를 그리려고 값을 꺼낼 때입니다.
#
# - `with torch.no_grad():` 블록 안의 연산은 그래프에 기록되지 않습니다 (메모리와 시간 절약).
# - `t.detach()` 는 **같은 메모리**를 보지만 그래프와 끊긴 텐서를 돌려줍니다. 값만 따로 두고 싶으면 `detach().clone()` 으로 복사합니다.

# %%
with torch.no_grad():
    y_eval = w * x + b
print(f"no_grad 안: requires_grad = {y_eval.requires_grad}, grad_fn = {y_eval.grad_fn}")

y = w * x + b
print(f"no_grad 밖: requires_grad = {y.requires_grad}, grad_fn = {type(y.grad_fn).__name__}")

# %%
y_detached = y.detach()
y_copy = y.detach().clone()
print(f"detach()        : requires_grad = {y_detached.requires_grad}, 같은 메모리 = {y_detached.data_ptr() == y.data_ptr()}")
print(f"detach().clone(): requires_grad = {y_copy.requires_grad}, 같은 메모리 = {y_copy.data_ptr() == y.data_ptr()}")
print("NumPy 로 꺼내기:", y.detach().cpu().numpy())   # .numpy() needs a CPU tensor without a graph

# %% [markdown]
# **눈여겨볼 점**: `requires_grad=True` 인 텐서를 NumPy 나 matplotlib 로 넘길 때는 `detach()` 로 그래프를 끊어야 합니다
# (GPU 텐서라면 `.cpu()` 도). 예측만 하는 코드 전체는 `torch.no_grad()` (또는 더 엄격한 `torch.inference_mode()`) 로 감쌉니다.
#
# ### `detach()` 로 기울기 멈추기 (stop-gradient)
#
# `detach()` 는 그래프의 한 부분을 **상수로 취급**하고 싶을 때도 씁니다. y = x² 를 계산한 뒤 u = y.detach() 로 떼어 내고
# z = u · x 를 미분하면, autograd 는 u 가 x 에서 왔다는 것을 모르므로 ∂z/∂x = u 가 됩니다 (끊지 않으면 z = x³ 이라 3x²).
#
# **실행하기 전에 예상해 보세요**: x = [0, 1, 2, 3] 에서 `z.sum().backward()` 뒤의 `x.grad` 는 무엇일까요? 끊지 않은 z 라면요?

# %%
xv = torch.arange(4.0, device=device, requires_grad=True)
y_sq = xv * xv
u = y_sq.detach()                    # u has the values of x², but no history: a constant for autograd
z = u * xv
z.sum().backward()
print("detach 한 경우  x.grad =", xv.grad.tolist(), "| u =", u.tolist())
xv.grad = None
(y_sq * xv).sum().backward()         # the same values, without detach: z = x³
print("detach 안 한 경우 x.grad =", xv.grad.tolist(), "| 3x² =", (3 * xv.detach() ** 2).tolist())


# %% [markdown]
# **눈여겨볼 점**: 값은 같아도 `detach()` 한 쪽으로는 기울기가 **흐르지 않습니다**. 모델의 일부를 고정하거나, 어떤 값을
# "목표"로만 쓰고 그 값 쪽으로는 학습하지 않을 때 이렇게 씁니다.
#
# 🧪 **해 보기**: `u` 대신 `y_sq.detach().clone()` 이나 `torch.tensor(y_sq.tolist())` 를 쓰면 `x.grad` 가 달라질까요?
#
# 📚 **더 읽을거리**: [torch.Tensor.detach](https://docs.pytorch.org/docs/stable/generated/torch.Tensor.detach.html)
# · [torch.no_grad](https://docs.pytorch.org/docs/stable/generated/torch.no_grad.html)
# · [d2l 2.5.3 계산 떼어 내기](https://d2l.ai/chapter_preliminaries/autograd.html#detaching-computation)

# %% [markdown]
# ## 7. 파이썬 `if`/`while` 이 있어도 미분된다
#
# 그래프는 순전파를 **실행하는 동안** 기록되므로(define-by-run), 파이썬의 `if` 와 `while` 이 어느 길로 갔는지가 그대로 그래프가 됩니다.
# 아래 함수는 b 의 크기가 1000 을 넘을 때까지 2 를 곱하고, 합이 음수면 100 을 곱합니다. 몇 번 곱할지는 입력 값에 달려 있습니다.
#
# **실행하기 전에 예상해 보세요**: a = 0.3 이면 `while` 은 몇 번 돌까요? 그 결과 d = k·a 꼴일 때 `a.grad` 는 무엇일까요?

# %%
def doubled_until_big(a: torch.Tensor) -> tuple[torch.Tensor, int]:
    """Double 2a until its absolute value exceeds 1000, then x100 if negative; return (result, number of doublings)."""
    b = a * 2
    doublings = 0
    while b.abs() < 1000:
        b = b * 2
        doublings += 1
    c = b if b > 0 else 100 * b
    return c, doublings


for a0 in (0.3, -0.3, 5.0):
    a = torch.tensor(a0, device=device, requires_grad=True)
    d, n = doubled_until_big(a)
    d.backward()
    print(f"a = {a0:5}: 곱한 횟수 {n:2d}, d = {d.item():10.1f}, a.grad = {a.grad.item():7.0f}, d / a = {(d / a).item():7.0f}")

# %% [markdown]
# **눈여겨볼 점**: 어느 입력에서든 d 는 a 에 어떤 상수 k 를 곱한 것이고(그 k 가 입력마다 다를 뿐), `a.grad` 는 정확히 그 k = d / a 입니다.
# autograd 는 **이번 실행에서 실제로 지나간 연산**만 기록하고 미분합니다. 조건이 바뀌는 경계(예: 크기가 정확히 1000)에서는
# 함수가 끊기므로, 그 점의 기울기는 "그 길로 갔을 때"의 기울기일 뿐입니다.
#
# 🧪 **해 보기**: `while` 조건을 `b.abs() < 10` 으로 바꾸면 a = 0.3 의 `a.grad` 는 얼마일까요? 이 함수에 a = 0 을 넣으면 왜 끝나지
# 않을까요? (실행하지 말고 생각해 보세요. 실행했다면 커널을 중단(interrupt)하세요.)
#
# 📚 **더 읽을거리**: [d2l 2.5.4 파이썬 제어 흐름의 기울기](https://d2l.ai/chapter_preliminaries/autograd.html#gradients-and-python-control-flow)

# %% [markdown]
# ## 8. 경사 하강 한 단계를 직접 쓰기
#
# 경사 하강법의 갱신 규칙은 w ← w − lr · ∂L/∂w 입니다. PyTorch 로 쓰면 세 가지를 지켜야 합니다.
#
# 1. 갱신은 `torch.no_grad()` 안에서 합니다 (갱신 자체가 그래프에 기록되면 안 됩니다).
# 2. `w -= ...` 처럼 **제자리(in-place)** 로 바꿉니다. `w = w - ...` 는 새 텐서를 만들어 w 가 더 이상 리프가 아니게 됩니다.
# 3. 갱신 뒤 기울기를 비웁니다.
#
# 4절의 100개 데이터로 w = b = 0 에서 한 걸음 가 봅시다.
#
# **실행하기 전에 예상해 보세요**: 한 걸음 뒤에 손실은 줄어들까요? 갱신한 뒤에도 `w.is_leaf` 는 `True` 일까요?

# %%
lr = 0.1
w = torch.zeros((), requires_grad=True, device=device)
b = torch.zeros((), requires_grad=True, device=device)

loss = ((w * x_data + b - t_data) ** 2).mean()
loss.backward()
with torch.no_grad():
    w -= lr * w.grad
    b -= lr * b.grad
w.grad = None
b.grad = None

new_loss = ((w * x_data + b - t_data) ** 2).mean()
print(f"갱신 전 손실 {loss.item():.3f} → 갱신 후 손실 {new_loss.item():.3f}")
print(f"w = {w.item():.3f}, b = {b.item():.3f}, w.is_leaf = {w.is_leaf}, w.requires_grad = {w.requires_grad}")


# %% [markdown]
# 한 단계를 반복하면 학습 루프가 됩니다. 경로를 그리려고 매 단계 (w, b) 값을 파이썬 숫자로 기록합니다.

# %%
def train_by_hand(steps: int, lr: float):
    """Plain gradient descent on the MSE of y = w·x + b, written with autograd + no_grad."""
    w = torch.zeros((), requires_grad=True, device=device)
    b = torch.zeros((), requires_grad=True, device=device)
    losses, path = [], [(0.0, 0.0)]
    for _ in tqdm(range(steps), desc="경사 하강"):
        loss = ((w * x_data + b - t_data) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = None
        b.grad = None
        losses.append(loss.item())
        path.append((w.item(), b.item()))
    return w.detach(), b.detach(), losses, path


w_fit, b_fit, losses, path = train_by_hand(steps=100, lr=0.1)
print(f"학습 결과: w = {w_fit.item():.4f}, b = {b_fit.item():.4f}   (참값: w = 3, b = 2)")

# %% [markdown]
# 이 직선 모델에는 정확한 답(최소제곱 해)이 식으로 있습니다: w* = cov(x, t) / var(x), b* = mean(t) − w*·mean(x).
# 경사 하강의 결과가 여기에 다가갔는지, 또 `torch.optim.SGD` 로 같은 일을 하면 같은 값이 나오는지 확인합니다.

# %%
xm, tm = x_data.mean(), t_data.mean()
w_star = ((x_data - xm) * (t_data - tm)).sum() / ((x_data - xm) ** 2).sum()
b_star = tm - w_star * xm


def train_with_sgd(steps: int, lr: float):
    """The same descent with torch.optim.SGD doing the update and the zeroing."""
    w = torch.zeros((), requires_grad=True, device=device)
    b = torch.zeros((), requires_grad=True, device=device)
    optimizer = torch.optim.SGD([w, b], lr=lr)
    for _ in range(steps):
        optimizer.zero_grad()
        loss = ((w * x_data + b - t_data) ** 2).mean()
        loss.backward()
        optimizer.step()
    return w.detach(), b.detach()


w_sgd, b_sgd = train_with_sgd(steps=100, lr=0.1)
print(f"최소제곱 해      : w* = {w_star.item():.4f}, b* = {b_star.item():.4f}")
print(f"직접 쓴 경사 하강 : w  = {w_fit.item():.4f}, b  = {b_fit.item():.4f}")
print(f"torch.optim.SGD  : w  = {w_sgd.item():.4f}, b  = {b_sgd.item():.4f}")
print("직접 쓴 것과 SGD 가 같은가:", torch.allclose(w_fit, w_sgd) and torch.allclose(b_fit, b_sgd))

# %%
ws = torch.linspace(-0.5, 4.0, 80)
bs = torch.linspace(-1.0, 3.5, 80)
x_cpu, t_cpu = x_data.cpu(), t_data.cpu()
grid = ((ws[None, :, None] * x_cpu + bs[:, None, None] - t_cpu) ** 2).mean(-1)   # [b, w] -> loss
pw, pb = zip(*path)

fig, axes = plt.subplots(1, 3, figsize=(15, 4))
axes[0].plot(range(1, len(losses) + 1), losses)
axes[0].set(yscale="log", xlabel="단계 (step)", ylabel="MSE 손실", title="손실이 줄어든다")
axes[1].scatter(x_cpu, t_cpu, s=12, alpha=0.6, label="데이터")
line_x = torch.linspace(-2, 2, 2)
axes[1].plot(line_x, 3 * line_x + 2, "k--", label="참값 3x + 2")
axes[1].plot(line_x, w_fit.item() * line_x + b_fit.item(), color="crimson", label="경사 하강 결과")
axes[1].set(xlabel="x", ylabel="t", title="학습된 직선")
axes[1].legend()
cs = axes[2].contour(ws, bs, grid, levels=20, cmap="viridis")
axes[2].plot(pw, pb, ".-", color="crimson", markersize=3, label="경사 하강 경로")
axes[2].scatter([w_star.item()], [b_star.item()], marker="*", s=150, color="black", zorder=3, label="최소제곱 해")
axes[2].set(xlabel="w", ylabel="b", title="손실 등고선 위의 경로")
axes[2].set_aspect("equal")          # same scale on both axes, so "perpendicular" looks perpendicular
axes[2].legend()
for ax in axes:
    ax.grid(alpha=0.3)
fig.tight_layout()
plt.show()

# %% [markdown]
# **눈여겨볼 점**: 경로는 등고선에 **수직으로**(가장 가파른 내리막으로) 내려갑니다. 기울기 벡터 (∂L/∂w, ∂L/∂b) 가 바로 가장 가파른
# 오르막 방향이고, 우리는 그 반대로 움직이기 때문입니다(두 축의 눈금 간격을 같게 그렸습니다). `optimizer.step()` 이 하는 일도 정확히 같습니다.
#
# 🧪 **해 보기**: `train_by_hand(steps=100, lr=0.9)` 와 `lr=1.1` 로 다시 그려 보세요. 경로는 어떻게 달라질까요? `lr=0.01` 이면요?
#
# 📚 **더 읽을거리**: [torch.optim.SGD](https://docs.pytorch.org/docs/stable/generated/torch.optim.SGD.html)
# · [d2l 3.4 선형 회귀를 처음부터](https://d2l.ai/chapter_linear-regression/linear-regression-scratch.html)

# %% [markdown]
# ## 9. 수치 미분으로 기울기 검증하기 (gradient check)
#
# autograd 가 틀릴 리는 거의 없지만, **우리가 직접 만든** 연산이나 손으로 유도한 식은 틀릴 수 있습니다.
# 확인하는 방법은 미분의 정의로 돌아가는 것입니다. 아주 작은 h 에 대해
#
# - 전진 차분(forward difference): f′(x) ≈ (f(x + h) − f(x)) / h  → 오차가 h 에 비례
# - **중앙 차분(central difference)**: f′(x) ≈ (f(x + h) − f(x − h)) / (2h)  → 오차가 h² 에 비례 (훨씬 정확)
#
# 입니다. 반올림 오차를 줄이려고 계산은 **float64** 로 합니다. 이 검사는 학습이 아니라 디버깅 도구이므로 CPU 에서 합니다
# (Apple 의 MPS 장치는 float64 를 지원하지 않습니다).
#
# **실행하기 전에 예상해 보세요**: h = 1e-6 의 중앙 차분은 autograd 와 소수 몇째 자리까지 같을까요?

# %%
x64, t64 = x_data.cpu().double(), t_data.cpu().double()


def mse(w, b):
    """MSE of y = w·x + b on a float64 copy of the data (w, b: tensors or floats)."""
    return ((w * x64 + b - t64) ** 2).mean()


def central_diff(g, v: float, h: float = 1e-6) -> float:
    """Central difference (g(v + h) - g(v - h)) / 2h of a function g of one float."""
    return (g(v + h) - g(v - h)) / (2 * h)


w0, b0 = 0.7, -0.4
w64 = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
b64 = torch.tensor(b0, dtype=torch.float64, requires_grad=True)
mse(w64, b64).backward()

num_w = central_diff(lambda v: mse(v, b0).item(), w0)
num_b = central_diff(lambda v: mse(w0, v).item(), b0)
error = max(abs(num_w - w64.grad.item()), abs(num_b - b64.grad.item()))
print(f"∂L/∂w  autograd = {w64.grad.item():.8f}   수치 미분 = {num_w:.8f}")
print(f"∂L/∂b  autograd = {b64.grad.item():.8f}   수치 미분 = {num_b:.8f}")
print(f"최대 오차 = {error:.2e}")
assert error <= 1e-4, "autograd 와 수치 미분의 차이가 1e-4 보다 큽니다"

# %% [markdown]
# PyTorch 에도 같은 검사가 들어 있습니다. `torch.autograd.gradcheck` 는 float64 입력의 모든 원소에 대해 중앙 차분과 autograd 를 비교합니다.

# %%
print("torch.autograd.gradcheck:", torch.autograd.gradcheck(mse, (w64, b64)))


# %% [markdown]
# h 는 얼마로 해야 할까요? 곡선이 있는 함수 g(v) = sin(v)·v² 로 h 를 바꿔 가며 오차를 재 봅니다 (정답은 autograd 값).
# h 가 크면 **절단 오차**(공식 자체의 근사 오차)가, h 가 너무 작으면 f(x + h) − f(x − h) 의 **반올림 오차**가 커집니다.

# %%
def g(v):
    return torch.sin(v) * v**2


v0 = 1.3
v = torch.tensor(v0, dtype=torch.float64, requires_grad=True)
g(v).backward()
exact = v.grad.item()

hs = torch.logspace(-12, -1, 45, dtype=torch.float64).tolist()
curves = {}
for dtype, dname in ((torch.float64, "float64"), (torch.float32, "float32")):
    gv = lambda val: g(torch.tensor(val, dtype=dtype)).item()   # noqa: E731
    curves[f"중앙 차분, {dname}"] = [max(abs(central_diff(gv, v0, h) - exact), 1e-17) for h in hs]
    curves[f"전진 차분, {dname}"] = [max(abs((gv(v0 + h) - gv(v0)) / h - exact), 1e-17) for h in hs]

fig, ax = plt.subplots(figsize=(7, 4))
styles = {"중앙 차분, float64": "-", "전진 차분, float64": "--", "중앙 차분, float32": "-", "전진 차분, float32": "--"}
for label, errs in curves.items():
    ax.loglog(hs, errs, styles[label], marker=".", alpha=0.8, label=label)
ax.axhline(1e-4, color="gray", linestyle=":", label="목표 1e-4")
ax.set(xlabel="h", ylabel="|수치 미분 - autograd|", title="h 에 따른 수치 미분의 오차")
for axis in (ax.xaxis, ax.yaxis):   # plain "1e-06" labels (NanumGothic has no math minus sign)
    axis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:.0e}"))
ax.legend(fontsize=8)
ax.grid(alpha=0.3, which="both")
plt.show()
print(f"h = 1e-6 에서 중앙 차분(float64) 오차: {abs(central_diff(lambda val: g(torch.tensor(val, dtype=torch.float64)).item(), v0) - exact):.1e}")

# %% [markdown]
# **눈여겨볼 점**
#
# - 중앙 차분(실선)은 h 가 줄면 오차가 h² 으로(기울기 2) 줄고, 전진 차분(점선)은 h 로(기울기 1)만 줄어듭니다.
# - float32 는 유효 숫자가 7자리 정도라 h 가 작아지면 오차가 금방 커집니다. 그래서 기울기 검사는 float64 로, h ≈ 1e-6 근처에서 합니다.
# - 여러 원소를 가진 텐서는 **원소 하나씩** 조금 움직였다가 **반드시 원래 값으로 되돌려야** 합니다. 이것이 과제의 문제 1 입니다.
#
# 🧪 **해 보기**: `g` 를 `torch.abs(v)` 로 바꾸고 v0 = 0 에서 중앙 차분과 autograd 를 비교해 보세요. 왜 다를까요?
#
# 📚 **더 읽을거리**: [torch.autograd.gradcheck](https://docs.pytorch.org/docs/stable/generated/torch.autograd.gradcheck.gradcheck.html)
# · [cs231n: 기울기 검사](https://cs231n.github.io/neural-networks-3/#gradcheck)

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# 각 실수를 실제로 실행해 에러(또는 틀린 결과)를 확인하고, 바로 아래 셀에서 고칩니다.
#
# ### 실수 1. 기울기를 비우지 않아 누적된다
#
# 루프 안에서 `zero_grad` 를 빼먹으면 에러는 나지 않지만, 단계마다 이전 기울기가 더해져 **조용히 틀린** 기울기로 학습합니다.
# 한 샘플 예제의 올바른 ∂L/∂w 는 −26 입니다.

# %% tags=["raises-exception"]
w = torch.tensor(1.5, requires_grad=True, device=device)
b = torch.tensor(0.5, requires_grad=True, device=device)
for step in range(3):
    loss = (w * x + b - t) ** 2
    loss.backward()                        # no zeroing: gradients pile up
    print(f"{step + 1}번째 단계: w.grad = {w.grad.item()}")
assert w.grad.item() == -26.0, "w.grad 가 한 번의 기울기와 다릅니다: 이전 단계의 기울기가 쌓였습니다"

# %%
for step in range(3):
    w.grad = None                          # fix: clear before every backward (or optimizer.zero_grad())
    loss = (w * x + b - t) ** 2
    loss.backward()
    print(f"{step + 1}번째 단계: w.grad = {w.grad.item()}")
assert w.grad.item() == -26.0

# %% [markdown]
# ### 실수 2. 같은 그래프로 `backward()` 를 두 번 부른다
#
# `backward()` 가 끝나면 PyTorch 는 메모리를 아끼려고 그래프에 저장해 둔 중간값을 지웁니다. 같은 `loss` 로 다시 부르면 에러가 납니다.

# %% tags=["raises-exception"]
loss = (w * x + b - t) ** 2
loss.backward()
loss.backward()   # RuntimeError: Trying to backward through the graph a second time

# %% [markdown]
# **고치기**: 학습 루프에서는 매 단계 순전파를 **다시** 해서 새 그래프를 만듭니다. 같은 그래프를 정말 두 번 따라가야 할 때만
# `loss.backward(retain_graph=True)` 를 씁니다 (손실이 여러 개라면 보통은 더해서 한 번에 `backward()` 합니다).

# %%
for _ in range(2):
    w.grad = None
    loss = (w * x + b - t) ** 2   # a fresh graph each time
    loss.backward()
print("매번 새 그래프로 backward:", w.grad.item())

# %% [markdown]
# ### 실수 3. 리프 텐서를 `no_grad` 밖에서 제자리로 갱신한다
#
# `requires_grad=True` 인 리프를 그래프 기록 중에 제자리로 바꾸면, PyTorch 는 이 변경을 미분해야 할지 알 수 없어 거부합니다.

# %% tags=["raises-exception"]
lr = 0.01
w -= lr * w.grad   # RuntimeError: a leaf Variable that requires grad is being used in an in-place operation

# %%
with torch.no_grad():   # fix: parameter updates are not part of the graph
    w -= lr * w.grad
print(f"w = {w.item():.2f}, 여전히 리프: {w.is_leaf}, requires_grad: {w.requires_grad}")

# %% [markdown]
# ### 실수 4. `w = w - lr * w.grad` 로 리프를 바꿔 치기
#
# `no_grad` 없이 새 텐서를 만들어 이름 `w` 에 다시 붙이면 에러는 나지 않습니다. 하지만 새 `w` 는 연산의 결과(리프가 아님)라서,
# 다음 `backward()` 뒤에 `w.grad` 가 채워지지 않습니다. 다음 갱신에서 비로소 터집니다.

# %%
w = torch.tensor(1.5, requires_grad=True, device=device)
((w * x + b - t) ** 2).backward()
w = w - lr * w.grad                 # mistake: w is now the output of SubBackward0
print(f"w.is_leaf = {w.is_leaf}, w.grad_fn = {type(w.grad_fn).__name__}")

# %% tags=["raises-exception"]
((w * x + b - t) ** 2).backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    grad = w.grad                   # a non-leaf keeps no .grad
print("w.grad =", grad)
print("PyTorch 경고:", str(caught[0].message)[:110], "...")
w = w - lr * grad                   # TypeError: float * None

# %%
w = torch.tensor(1.5, requires_grad=True, device=device)   # fix: keep one leaf and update it in place
for _ in range(2):
    w.grad = None
    ((w * x + b - t) ** 2).backward()
    with torch.no_grad():
        w -= lr * w.grad
print(f"w = {w.item():.4f}, w.is_leaf = {w.is_leaf}")

# %% [markdown]
# ### 실수 5. 중간 텐서의 `.grad` 를 읽는다
#
# `.grad` 는 **리프에만** 채워집니다. 중간 결과 y 의 `.grad` 는 `None` 이고, PyTorch 는 경고를 냅니다.

# %%
y = w * x + b
loss = (y - t) ** 2
loss.backward()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    print("y.grad =", y.grad)
print("PyTorch 경고:", str(caught[0].message)[:110], "...")

# %% [markdown]
# **고치기**: 중간값의 기울기가 정말 필요하면 `backward()` 전에 `y.retain_grad()` 를 부릅니다. ∂L/∂y = 2(y − t) 가 나와야 합니다.

# %%
y = w * x + b
y.retain_grad()
loss = (y - t) ** 2
loss.backward()
print(f"y.grad = {y.grad.item():.4f},  2(y − t) = {(2 * (y - t)).item():.4f}")

# %% [markdown]
# ### 실수 6. `requires_grad` 인 텐서에 바로 `.numpy()`
#
# NumPy 배열은 그래프를 모르므로 PyTorch 가 막습니다. (`.cpu()` 로 CPU 에 옮겨도 그래프는 그대로라 마찬가지입니다.)

# %% tags=["raises-exception"]
w.cpu().numpy()   # RuntimeError: Can't call numpy() on Tensor that requires grad

# %%
print(w.detach().cpu().numpy())   # fix: cut the graph, move to CPU, then convert

# %% [markdown]
# ### 실수 7. 스칼라가 아닌 텐서에 `backward()`
#
# `backward()` 는 "무엇을 미분할지"가 하나의 숫자일 때만 인자 없이 부를 수 있습니다. 예측값 벡터에 바로 부르면 에러가 납니다.

# %% tags=["raises-exception"]
w = torch.tensor(0.5, requires_grad=True, device=device)
y_hat = w * x_data + b
y_hat.backward()   # RuntimeError: grad can be implicitly created only for scalar outputs

# %%
loss = ((y_hat - t_data) ** 2).mean()   # fix: reduce to a scalar loss first
loss.backward()
print(f"w.grad = {w.grad.item():.4f}")

# %% [markdown]
# ### 실수 8. `requires_grad` 를 엉뚱한 텐서에 준다
#
# 학습할 w 에 `requires_grad` 를 빼먹으면 그래프가 만들어지지 않아 `backward()` 가 실패합니다.
# 반대로 입력 데이터에 `True` 를 주면 에러는 없지만, 쓸모없는 기울기(데이터 크기만 한)를 계산하느라 메모리와 시간을 낭비합니다.

# %% tags=["raises-exception"]
w = torch.tensor(0.5, device=device)          # mistake: forgot requires_grad=True
b = torch.tensor(0.0, device=device)
loss = ((w * x_data + b - t_data) ** 2).mean()
loss.backward()   # RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn

# %%
w = torch.tensor(0.5, requires_grad=True, device=device)   # fix: parameters only
b = torch.tensor(0.0, requires_grad=True, device=device)
x_wasteful = x_data.clone().requires_grad_(True)          # data does not need it
loss = ((w * x_wasteful + b - t_data) ** 2).mean()
loss.backward()
print(f"w.grad = {w.grad.item():.3f}, b.grad = {b.grad.item():.3f}")
print(f"x 에도 쓸모없는 기울기 {x_wasteful.grad.numel()}개가 계산됨 → 데이터에는 requires_grad 를 주지 마세요")

# %% [markdown]
# ### 실수 9. `.data` 로 값을 바꾼다
#
# `.data` 는 옛 버전의 방식으로, autograd 몰래 같은 메모리를 건드립니다. 역전파에 필요한 값을 바꿔도 PyTorch 는 모르고,
# 기울기가 **조용히 틀립니다**. sigmoid 의 역전파는 출력값 σ(a) 를 저장해 두고 σ(a)(1 − σ(a)) 를 계산하는데, 그 출력값을 0 으로 덮어써 봅시다.

# %% tags=["raises-exception"]
a = torch.tensor([0.0, 1.0, 2.0], requires_grad=True, device=device)
out = a.sigmoid()
out.data.zero_()                 # mistake: overwrites the value sigmoid's backward needs
out.sum().backward()
expected = torch.sigmoid(a.detach()) * (1 - torch.sigmoid(a.detach()))
print("a.grad =", a.grad, "\n정답   =", expected)
assert torch.allclose(a.grad, expected), "기울기가 조용히 틀렸습니다: .data 로 바꾼 값은 autograd 가 모릅니다"

# %% [markdown]
# **고치기**: `.data` 대신 `detach()` 를 쓰면 같은 실수를 PyTorch 가 **잡아 줍니다** (에러). 값을 따로 다루고 싶다면 `detach().clone()` 으로 복사본을 만듭니다.

# %%
a.grad = None
out = a.sigmoid()
try:
    out.detach().zero_()         # same memory, but autograd notices the change
    out.sum().backward()
except RuntimeError as err:
    print("detach() 는 잡아 준다 →", str(err)[:100], "...")

out = a.sigmoid()
scratch = out.detach().clone()   # an independent copy: change it freely
scratch.zero_()
out.sum().backward()
print("clone 을 쓰면 기울기가 정확하다:", torch.allclose(a.grad, expected))

# %% [markdown]
# ## 📝 요약
#
# 1. **자동 미분은 무엇을 기록하고, 기울기는 언제 계산되나?** `requires_grad=True` 인 텐서가 들어간 연산을 순전파하는 순간
#    연산 그래프(`grad_fn` 과 `next_functions` 의 사슬)로 기록하고, `loss.backward()` 를 부를 때 그 그래프를 거꾸로 따라가며
#    연쇄 법칙으로 기울기를 계산합니다. 그래프는 매 순전파마다 새로 만들어집니다.
# 2. **네 가지 속성**: `requires_grad` 는 기울기가 필요한지, `grad` 는 계산된 기울기가 쌓인 곳(리프만), `grad_fn` 은 이 텐서를
#    만든 연산(사용자가 만든 텐서는 `None`), `is_leaf` 는 그래프의 출발점인지를 알려 줍니다. 학습할 매개변수에만 `requires_grad=True`.
# 3. **`backward()` 두 번이면?** `AccumulateGrad` 가 기울기를 더하므로 두 배가 됩니다 (같은 그래프라면 아예 에러). 그래서 매 단계
#    `w.grad = None`, `w.grad.zero_()`, 또는 `optimizer.zero_grad()` 로 비웁니다. 한 텐서로 가는 여러 경로(`w * w`)의 합은
#    `backward()` 한 번 안에서 계산되고, 여러 번의 `backward()` 를 더하는 누적은 작은 배치로 나눈 학습과 여러 손실에 씁니다.
# 4. **갱신은 왜 `no_grad` 안에서 제자리로?** 밖에서 하면 리프의 제자리 연산이라 에러가 나고, `w = w - ...` 로 하면 w 가 리프가 아니게 되어
#    다음 `.grad` 가 `None` 이 됩니다. `with torch.no_grad(): w -= lr * w.grad` 가 올바른 한 단계입니다.
# 5. **`detach()` 와 `.data`**: `detach()` 는 같은 메모리를 보되 그래프와 끊긴 텐서로, NumPy 변환이나 기록에 씁니다 (독립된 값이 필요하면
#    `detach().clone()`). `detach()` 한 값은 autograd 에게 상수라서 그쪽으로는 기울기가 흐르지 않습니다 (기울기 멈추기).
#    `.data` 는 autograd 몰래 값을 바꿀 수 있어 기울기가 조용히 틀릴 수 있으니 쓰지 않습니다. 그래프는 실행하며 기록되므로
#    파이썬 `if`/`while` 이 섞인 함수도 그 실행에서 지나간 길을 따라 미분됩니다.
# 6. **기울기가 맞는지 확인하려면?** float64 에서 원소마다 중앙 차분 (f(x + h) − f(x − h)) / 2h (h ≈ 1e-6) 을 계산해 autograd 와 비교합니다.
#    이 단원에서 오차는 1e-4 보다 훨씬 작았고, `torch.autograd.gradcheck` 도 같은 검사를 합니다.

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
import pandas as pd
from tqdm.auto import tqdm

import helpers

device = helpers.setup(seed=0)  # this unit computes with NumPy only; the device is not used

# %% [markdown]
# ## 🎯 학습 목표
#
# - 데이터에 가장 잘 맞는 **추세선** $\hat y = ax + b$ 를 **평균 제곱 오차(MSE)** 로 평가할 수 있다.
# - $a, b$ 를 모두 시도하는 **완전 탐색** 과 **경사 하강법(gradient descent)** 을 비교하고, 경사 하강법의 답이
#   **닫힌 해(closed-form solution)** 와 같음을 확인할 수 있다.
# - **학습률(learning rate)** 이 **하이퍼파라미터(hyperparameter)** 인 이유와, 너무 크거나 작을 때 생기는 일을 설명할 수 있다.
# - **시그모이드(sigmoid)** 와 **이진 교차 엔트로피(binary cross-entropy)** 로 "공부 시간 → 합격" 확률을 구하는
#   **로지스틱 회귀(logistic regression)** 를 직접 만들 수 있다.
# - **손실 곡면(loss surface)** 위에서 경사 하강법이 지나간 길을 읽을 수 있다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 추세선이 데이터에 "잘 맞는다"는 것을 어떤 숫자 하나로 잴 수 있을까?
# 2. $a, b$ 를 전부 시도해 보는 완전 탐색은 왜 느리고, 경사 하강법은 어떻게 더 빨리 답을 찾을까?
# 3. 학습률이 너무 크면, 또 너무 작으면 어떤 일이 생길까? 학습률은 누가 정할까?
# 4. 합격/불합격처럼 답이 둘 중 하나일 때, 선형회귀 대신 무엇을 쓰고 손실은 어떻게 잴까?
# 5. 경사 하강법이 찾은 답이 맞는지 무엇과 비교해 확인할 수 있을까?

# %% [markdown]
# ## 1. 추세선: 선형회귀 모델
#
# seaborn 의 tips 데이터에는 식당 손님 244명의 **계산 금액(total_bill)** 과 **팁(tip)** 이 있습니다.
# 계산 금액이 클수록 팁도 큰 경향이 있습니다. 이 경향을 직선 하나로 나타낸 것이 **추세선(trend line)** 입니다.
#
# $$\hat y = a x + b \qquad (a: \text{직선의 기울기(slope)},\ b: \text{절편(intercept)})$$
#
# 추세선을 찾으면 아직 보지 못한 손님의 팁도 **예측** 할 수 있습니다. 이렇게 숫자 값을 예측하는 모델을
# **회귀(regression)** 모델이라고 부릅니다. 여기서 '회귀'는 "과거로 돌아간다"는 뜻이 아니라 값을 예측하는 방법의 이름입니다.

# %%
tips = helpers.data.load_seaborn("tips")
x = tips["total_bill"].to_numpy()  # (244,) float64, dollars
y = tips["tip"].to_numpy()         # (244,) float64, dollars
print(f"샘플 {len(x)}개 | x = 계산 금액, y = 팁 | x 범위 {x.min():.2f} ~ {x.max():.2f} 달러")
tips[["total_bill", "tip"]].head()

# %% [markdown]
# 가장 잘 맞는 직선은 사실 공식 한 줄로 구할 수 있습니다(**최소제곱법**, least squares). 오차를 가장 작게 만드는
# $a, b$ 는 $a = \dfrac{\sum (x_i-\bar x)(y_i-\bar y)}{\sum (x_i-\bar x)^2}$, $b = \bar y - a\bar x$ 입니다.
# 이렇게 반복 없이 식으로 바로 나오는 답을 **닫힌 해** 라고 합니다. `np.polyfit` 도 같은 답을 줍니다.
# 이 답을 **정답지** 로 두고, 아래에서 다른 방법들이 여기에 도달하는지 확인하겠습니다.
#
# **실행하기 전에 예상해 보세요:** 계산 금액이 1달러 늘 때 팁은 몇 센트쯤 늘까요? (팁을 보통 계산 금액의 몇 % 로 주는지 떠올려 보세요.)

# %%
x_bar, y_bar = x.mean(), y.mean()
a_star = np.sum((x - x_bar) * (y - y_bar)) / np.sum((x - x_bar) ** 2)
b_star = y_bar - a_star * x_bar
a_np, b_np = np.polyfit(x, y, deg=1)
print(f"공식      : a = {a_star:.6f}, b = {b_star:.6f}")
print(f"np.polyfit: a = {a_np:.6f}, b = {b_np:.6f}")

# %%
fig, ax = plt.subplots(figsize=(6.5, 4))
ax.scatter(x, y, s=14, alpha=0.6, label="실제 데이터")
xs = np.linspace(0, 55, 100)
ax.plot(xs, a_star * xs + b_star, color="red", lw=2, label=rf"추세선  $\hat y$ = {a_star:.3f}x + {b_star:.3f}")
ax.set(xlabel="계산 금액 total_bill (달러)", ylabel="팁 tip (달러)", title="tips: 계산 금액과 팁의 추세선")
ax.legend()
plt.show()
print(f"계산 금액 50달러 손님의 예상 팁: {a_star * 50 + b_star:.2f}달러")


# %% [markdown]
# **볼 점**: 2단원의 `sns.regplot` 이 그려 준 빨간 선이 바로 이 직선입니다. 점들이 선 주위에 흩어져 있으니
# 어떤 직선도 모든 점을 지나지는 못합니다. 그러면 "가장 잘 맞는" 직선은 무엇을 기준으로 고를까요?

# %% [markdown]
# 🧪 **해 보기**
#
# - 입력과 출력을 바꿔 `np.polyfit(y, x, deg=1)` 로 "팁 → 계산 금액" 직선을 구해 보세요. 그 직선의 기울기는 `1 / a_star` 와 같을까요? 왜 다를까요?
# - `tips["size"]` (손님 수)로 팁을 예측하는 직선을 구하고, 계산 금액 직선과 어느 쪽이 더 잘 맞는지 2절의 MSE 로 비교해 보세요.
#
# 📚 **더 읽을거리**: [`np.polyfit`](https://numpy.org/doc/stable/reference/generated/numpy.polyfit.html) ·
# [d2l 3.1 선형회귀](https://d2l.ai/chapter_linear-regression/linear-regression.html) ·
# [seaborn `regplot`](https://seaborn.pydata.org/generated/seaborn.regplot.html)

# %% [markdown]
# ## 2. 오차와 평균 제곱 오차(MSE)
#
# 점 하나의 **오차(error, 잔차 residual)** 는 예측값과 실제 값의 차이 $\hat y_i - y_i$ 입니다.
# 오차에는 +와 −가 섞여 있어 그냥 더하면 서로 지워지므로, **제곱해서 평균** 을 냅니다.
#
# $$\text{MSE}(a, b) = \frac{1}{n}\sum_{i=1}^{n} (\hat y_i - y_i)^2 = \frac{1}{n}\sum_{i=1}^{n} (a x_i + b - y_i)^2$$
#
# - 제곱하므로 큰 오차를 더 크게 벌합니다.
# - 합이 아니라 **평균** 이므로 데이터 개수가 달라도 같은 잣대로 비교할 수 있습니다.
# - MSE 가 작을수록 직선이 데이터를 잘 맞춥니다. 이렇게 "얼마나 틀렸나"를 재는 함수를 **손실 함수(loss function)** 라고 합니다.
#
# **실행하기 전에 예상해 보세요:** 아래 세 직선 가운데 `(a, b) = (0.2, 0.0)` 과 `(0.05, 2.0)` 중 어느 쪽의 MSE 가 더 작을까요?

# %%
def mse(y_pred: np.ndarray, y_true: np.ndarray) -> float:
    """Mean squared error."""
    return float(np.mean((y_pred - y_true) ** 2))


for a, b in [(0.2, 0.0), (0.05, 2.0), (a_star, b_star)]:
    print(f"a = {a:.3f}, b = {b:.3f}  ->  MSE = {mse(a * x + b, y):.4f}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True)
for ax, (a, b, name) in zip(axes, [(0.2, 0.0, "어림짐작한 직선"), (a_star, b_star, "최소제곱 직선")]):
    y_hat = a * x + b
    ax.vlines(x, y, y_hat, color="gray", lw=0.7, alpha=0.7, label=r"오차 $\hat y - y$")
    ax.scatter(x, y, s=10, alpha=0.7)
    ax.plot(xs, a * xs + b, color="red", lw=2)
    ax.set(title=f"{name}: a={a:.3f}, b={b:.3f}, MSE={mse(y_hat, y):.3f}", xlabel="계산 금액 (달러)")
    ax.legend(loc="upper left")
axes[0].set_ylabel("팁 (달러)")
plt.show()


# %% [markdown]
# **볼 점**: 회색 세로선 하나하나가 오차입니다. 어림짐작한 직선은 큰 금액에서 팁을 크게 부풀려 오차가 길고,
# 최소제곱 직선은 MSE 가 가장 작습니다. 이제 문제는 **MSE 를 가장 작게 만드는 $a, b$ 를 어떻게 찾느냐** 입니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - 오차를 제곱하지 않고 그냥 평균한 값 `np.mean(a_star * x + b_star - y)` 를 계산해 보세요. 거의 0 입니다. 그런데 왜 이것을 손실로 쓸 수 없을까요? (평균 오차가 0 인 직선을 하나 더 만들어 보세요.)
# - 제곱 대신 절댓값의 평균(MAE, `np.mean(np.abs(...))`)으로 세 직선을 다시 재 보세요. 순서가 바뀌나요?
#
# 📚 **더 읽을거리**: [d2l 3.1.1 손실 함수](https://d2l.ai/chapter_linear-regression/linear-regression.html#loss-function) ·
# [PyTorch `nn.MSELoss`](https://docs.pytorch.org/docs/stable/generated/torch.nn.MSELoss.html)

# %% [markdown]
# ## 3. 완전 탐색: $a, b$ 를 모두 시도하기
#
# 가장 단순한 방법은 $a$ 와 $b$ 의 후보를 격자(grid)로 깔고, **모든 조합** 의 MSE 를 계산해 가장 작은 것을 고르는
# **완전 탐색(brute-force search)** 입니다.

# %%
def grid_search(x, y, a_grid, b_grid):
    """Try every (a, b) pair; return (best_loss, best_a, best_b)."""
    best = (np.inf, np.nan, np.nan)
    for a in a_grid:
        for b in b_grid:
            loss = mse(a * x + b, y)
            if loss < best[0]:
                best = (loss, a, b)
    return best


loss, a_bf, b_bf = grid_search(x, y, np.arange(0, 0.3, 0.01), np.arange(0, 2, 0.1))
print(f"간격 0.01 / 0.1 의 완전 탐색: a = {a_bf:.3f}, b = {b_bf:.3f}, MSE = {loss:.5f}")

# %% [markdown]
# 답은 격자 간격보다 정확해질 수 없습니다. 더 정확하게 하려면 간격을 줄여야 하는데, 그러면 조합 수가 늘어납니다.
# 간격을 줄여 가며 걸린 시간과 닫힌 해와의 차이를 재 봅시다.
#
# **실행하기 전에 예상해 보세요:** 간격을 양쪽 모두 10배 줄이면 (첫 줄 → 셋째 줄) 걸리는 시간은 몇 배가 될까요?

# %%
rows = []
for step_a, step_b in [(0.01, 0.1), (0.002, 0.02), (0.001, 0.01)]:
    a_grid, b_grid = np.arange(0, 0.3, step_a), np.arange(0, 2, step_b)
    t0 = time.perf_counter()
    loss, a_bf, b_bf = grid_search(x, y, a_grid, b_grid)
    rows.append({"a 간격": step_a, "b 간격": step_b, "조합 수": len(a_grid) * len(b_grid),
                 "시간(초)": round(time.perf_counter() - t0, 3),
                 "|a − a*|": abs(a_bf - a_star), "|b − b*|": abs(b_bf - b_star)})
pd.DataFrame(rows)

# %% [markdown]
# **볼 점**: 간격을 양쪽 모두 10배 줄이면 조합 수는 100배로 늘어납니다. 매개변수가 2개일 때도 이런데,
# 매개변수가 10개이고 각각 100개씩 시도하면 $100^{10} = 10^{20}$ 개의 조합이 필요합니다.
# 신경망의 매개변수는 수백만 개이므로 완전 탐색은 불가능합니다. 더 똑똑한 방법이 필요합니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - `b` 의 격자를 `np.arange(1, 2, 0.1)` 로 바꿔 보세요. 정답 $b^* \approx 0.92$ 가 격자 밖에 있으면 완전 탐색은 무엇을 돌려주나요? 오류가 나나요?
# - `grid_search` 의 이중 `for` 문 대신 6절처럼 브로드캐스팅으로 모든 조합의 MSE 를 한 번에 계산해 보세요. 같은 격자에서 몇 배 빨라지나요?
#
# 📚 **더 읽을거리**: [`np.meshgrid`](https://numpy.org/doc/stable/reference/generated/numpy.meshgrid.html) ·
# [d2l 19.1 하이퍼파라미터 최적화 (격자 탐색)](https://d2l.ai/chapter_hyperparameter-optimization/hyperopt-intro.html)

# %% [markdown]
# ## 4. 경사 하강법 (gradient descent)
#
# 안개 낀 산에서 골짜기로 내려가려면, 발밑의 **경사** 를 느끼고 내리막 방향으로 한 걸음씩 가면 됩니다.
# 경사 하강법도 같습니다. 아무 $(a, b)$ 에서 시작해서, MSE 가 줄어드는 방향으로 조금씩 움직입니다.
#
# MSE 를 $a, b$ 로 미분한 값이 **기울기(gradient)** 입니다. (한국어 '기울기'는 직선의 기울기 $a$(slope)와
# 손실의 기울기(gradient) 두 가지로 쓰입니다. 이 단원에서는 둘을 구분해 적습니다.)
#
# $$\frac{\partial\,\text{MSE}}{\partial a} = \frac{2}{n}\sum_{i=1}^{n}(\hat y_i - y_i)\,x_i, \qquad
# \frac{\partial\,\text{MSE}}{\partial b} = \frac{2}{n}\sum_{i=1}^{n}(\hat y_i - y_i)$$
#
# 기울기는 손실이 **커지는** 방향을 가리키므로, 반대 방향(빼기)으로 움직입니다. 한 걸음의 크기를 정하는 수가
# **학습률(learning rate)** $\eta$ 입니다.
#
# $$a \leftarrow a - \eta\,\frac{\partial\,\text{MSE}}{\partial a}, \qquad b \leftarrow b - \eta\,\frac{\partial\,\text{MSE}}{\partial b}$$
#
# 먼저 $b$ 를 정답에 고정하고 $a$ 하나만 움직이는 모습을 봅시다. MSE 는 $a$ 에 대한 포물선이고, 걸음은 바닥으로 모입니다.
#
# **실행하기 전에 예상해 보세요:** 학습률이 일정하다면, 바닥에 가까워질수록 빨간 걸음의 폭은 커질까요, 작아질까요, 그대로일까요?

# %%
a_line = np.linspace(-0.05, 0.26, 200)
loss_line = [mse(a * x + b_star, y) for a in a_line]

a, lr, steps = -0.04, 0.0005, [-0.04]
for _ in range(6):
    grad_a = 2 * np.mean((a * x + b_star - y) * x)
    a = a - lr * grad_a
    steps.append(a)

fig, ax = plt.subplots(figsize=(6.5, 3.8))
ax.plot(a_line, loss_line, label="MSE(a), b = b* 고정")
ax.plot(steps, [mse(s * x + b_star, y) for s in steps], "o-", color="red", label="경사 하강 걸음")
ax.axvline(a_star, color="gray", ls="--", lw=1, label="닫힌 해 a*")
ax.set(xlabel="a (직선의 기울기)", ylabel="MSE", title="기울기(gradient)를 따라 내려가기")
ax.legend()
plt.show()


# %% [markdown]
# **볼 점**: 경사가 가파른 곳에서는 큰 걸음, 바닥 근처에서는 작은 걸음이 됩니다. 기울기 자체가 작아지기 때문입니다.
#
# ### 4.1 특성 표준화 후 $a, b$ 를 함께 학습하기
#
# 계산 금액 $x$ 는 3~50 정도로 큰 수라서, $a$ 의 기울기에는 $x_i$ 가 곱해져 $b$ 의 기울기보다 수십 배 큽니다.
# 한 학습률로 둘을 함께 움직이기 어렵습니다(⚠️ 자주 하는 실수에서 실제로 봅니다). 그래서 먼저 $x$ 를
# **표준화(standardization)** 합니다: $z = (x - \bar x)/s$ (평균 0, 표준편차 1).
# $z$ 로 $\hat y = a_z z + b_z$ 를 학습한 뒤 원래 단위로 되돌립니다.
#
# $$a = \frac{a_z}{s}, \qquad b = b_z - \frac{a_z \bar x}{s}$$
#
# 여기서 $s$ 는 `x.std()` 입니다. NumPy 의 `std()` 는 $n$ 으로 나누고(`ddof=0`), pandas 의 `std()` 는 $n-1$ 로 나눕니다(표본 표준편차, `ddof=1`).
# 표준화에는 어느 쪽을 써도 되지만, 되돌릴 때도 **같은 값**을 써야 합니다.

# %%
def gd_linear(x, y, lr, epochs, a=0.0, b=0.0, progress=False):
    """Gradient descent on MSE for y ≈ a*x + b; rows of the result are (a, b, loss), row 0 = start."""
    path = [(a, b, mse(a * x + b, y))]
    for _ in tqdm(range(epochs), desc="경사 하강법", disable=not progress):
        err = a * x + b - y
        grad_a = 2 * np.mean(err * x)
        grad_b = 2 * np.mean(err)
        a, b = a - lr * grad_a, b - lr * grad_b  # both from the same (old) a, b
        path.append((a, b, mse(a * x + b, y)))
    return np.array(path)


x_std = x.std()
z = (x - x_bar) / x_std
print(f"z 평균 {z.mean():.1e}, z 표준편차 {z.std():.3f}")

# %%
t0 = time.perf_counter()
path_z = gd_linear(z, y, lr=0.1, epochs=200, progress=True)
elapsed = time.perf_counter() - t0

a_z, b_z = path_z[-1, 0], path_z[-1, 1]
a_gd, b_gd = a_z / x_std, b_z - a_z * x_bar / x_std
print(f"경사 하강법: a = {a_gd:.6f}, b = {b_gd:.6f}  ({elapsed * 1000:.0f} ms, 200 에포크)")
print(f"닫힌 해  : a = {a_star:.6f}, b = {b_star:.6f}")
assert abs(a_gd - a_star) < 1e-3 and abs(b_gd - b_star) < 1e-3, "경사 하강법이 닫힌 해에 도달하지 못했습니다"
print("✅ 경사 하강법의 답이 닫힌 해와 1e-3 이내로 같습니다.")

# %% [markdown]
# **볼 점**: 6만 개 조합을 시도한 완전 탐색보다 훨씬 적은 계산(200 걸음)으로, 격자 간격과 상관없이 정확한 답에
# 도달했습니다. 데이터 전체를 한 번 보고 한 번 갱신하는 것을 이 단원에서는 **에포크(epoch)** 하나로 셉니다.
#
# 🧪 **해 보기**
#
# - 첫 그림의 학습률 `lr = 0.0005` 를 `0.001`, `0.002` 로 바꿔 다시 그려 보세요. 걸음이 바닥을 넘어가기 시작하는 학습률은 어디쯤인가요?
# - `gd_linear` 에서 `b` 를 갱신할 때 **방금 바뀐** `a` 로 기울기를 계산하도록 고쳐 보세요. 200 에포크 뒤의 답이 달라지나요?
# - `epochs=200` 을 `20` 으로 줄이면 `assert` 가 통과할까요? 먼저 예상해 보세요.
#
# 📚 **더 읽을거리**: [d2l 12.3 경사 하강법](https://d2l.ai/chapter_optimization/gd.html) ·
# [`np.std` (`ddof`)](https://numpy.org/doc/stable/reference/generated/numpy.std.html) ·
# [tqdm 진행 막대](https://tqdm.github.io/)

# %% [markdown]
# ## 5. 학습률은 하이퍼파라미터
#
# $a, b$ 는 데이터로부터 **학습되는 값(매개변수, parameter)** 입니다. 반면 학습률과 에포크 수는 모델이 스스로 찾지
# 못하고 **사람이 정해 주는 값** 입니다. 이런 값을 **하이퍼파라미터(hyperparameter)** 라고 합니다.
#
# | 구분 | 예 | 누가 정하나 |
# |---|---|---|
# | 매개변수 | $a$, $b$ (신경망의 가중치) | 학습이 찾는다 |
# | 하이퍼파라미터 | 학습률, 에포크 수 | 사람이 정한다 |
#
# 표준화한 tips 데이터에서 학습률 세 가지로 각각 100 에포크씩 학습하며 MSE 가 어떻게 변하는지 봅시다.
#
# **실행하기 전에 예상해 보세요:** 100 에포크 뒤에 MSE 가 가장 큰 것은 lr = 1.05 일까요, lr = 0.002 일까요? 둘 다 처음 MSE 보다 작아질까요?

# %%
rates = {"너무 큼 (lr = 1.05)": 1.05, "너무 작음 (lr = 0.002)": 0.002, "적당함 (lr = 0.1)": 0.1}
curves = {}
for name, lr in tqdm(rates.items(), desc="학습률 비교"):
    curves[name] = gd_linear(z, y, lr=lr, epochs=100)[:, 2]
best_mse = mse(a_star * x + b_star, y)

for name, losses in curves.items():
    print(f"{name:22s} 처음 MSE {losses[0]:8.3f} -> 100 에포크 후 {losses[-1]:.4g}")

# %%
big, small, good = curves.values()
assert not np.isfinite(big[-1]) or big[-1] > 1e6 * big[0], "큰 학습률이 발산하지 않았습니다"
assert np.all(np.diff(big) > 0), "발산하면 MSE 가 매 에포크 커져야 합니다"
assert small[-1] > 2 * best_mse, "작은 학습률이 벌써 바닥에 도착했습니다"
assert abs(good[-1] - best_mse) < 1e-9, "적당한 학습률이 바닥에 도착하지 못했습니다"
print("✅ lr=1.05 는 발산(매 에포크 MSE 증가), lr=0.002 는 아직 기어가는 중, lr=0.1 은 최솟값에 도착")

# %%
fig, ax = plt.subplots(figsize=(7, 4))
for name, losses in curves.items():
    ax.plot(losses, label=name)
ax.axhline(best_mse, color="gray", ls="--", lw=1, label="최소 MSE (닫힌 해)")
ax.set_yscale("log")
ax.set(xlabel="에포크", ylabel="MSE (로그 눈금)", title="학습률에 따른 손실 곡선")
ax.legend()
plt.show()

# %% [markdown]
# 왜 너무 크면 발산할까요? 바닥을 향해 뛰되 **너무 멀리 뛰어 반대편 벽으로 넘어가면**, 다음 걸음은 그보다 더 멀리
# 넘어갑니다. $b_z$ 를 바닥에 고정하고 $a_z$ 하나만 움직여 걸음을 그려 봅니다.

# %%
a_z_star = a_star * x_std                       # optimum in standardised units
b_z_star = y_bar                                # optimum intercept for z (mean 0)
a_axis = np.linspace(-1.2, 3.0, 200)
curve = [mse(a * z + b_z_star, y) for a in a_axis]

fig, axes = plt.subplots(1, 3, figsize=(13, 3.6), sharey=True)
for ax, lr in zip(axes, [0.3, 0.9, 1.05]):
    a, walk = 0.0, [0.0]
    for _ in range(8):
        a = a - lr * 2 * np.mean((a * z + b_z_star - y) * z)
        walk.append(a)
    ax.plot(a_axis, curve, color="tab:blue")
    ax.plot(walk, [mse(w * z + b_z_star, y) for w in walk], "o-", color="red", ms=4)
    ax.axvline(a_z_star, color="gray", ls="--", lw=1)
    ax.set(title=f"lr = {lr}", xlabel="a_z", ylim=(0, 8))
axes[0].set_ylabel("MSE")
plt.show()

# %% [markdown]
# **볼 점**: lr = 0.3 은 한쪽에서 차근차근 내려가고, lr = 0.9 는 양쪽 벽을 오가며(진동) 그래도 바닥으로 모이고,
# lr = 1.05 는 오갈 때마다 더 멀리 튕겨 나가 **발산(divergence)** 합니다. 반대로 너무 작은 학습률은 방향은 맞지만
# 걸음이 작아 **수렴(convergence)** 이 매우 느립니다. 좋은 학습률은 데이터와 모델에 따라 다르므로 직접 시험해 보고 정합니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - 마지막 그림의 학습률 목록에 `1.0` 을 더해 보세요. 발산할까요, 수렴할까요? 걸음이 어떻게 움직이는지 보고 이유를 설명해 보세요.
# - 학습률을 0.9 부터 1.1 까지 0.02 씩 바꿔 가며 100 에포크 뒤의 MSE 를 재고, **발산하지 않는 가장 큰 학습률**을 찾아보세요. 표준화한 $z$ 에서는 그 값이 왜 1 근처일까요? (MSE 를 $a_z$ 로 두 번 미분하면 $2\,\overline{z^2} = 2$ 입니다.)
#
# 📚 **더 읽을거리**: [d2l 12.3.1 학습률](https://d2l.ai/chapter_optimization/gd.html#learning-rate) ·
# [Google ML 단기 집중 과정: 하이퍼파라미터](https://developers.google.com/machine-learning/crash-course/linear-regression/hyperparameters)

# %% [markdown]
# ## 6. 손실 곡면과 경사 하강 경로
#
# $(a, b)$ 의 모든 조합에 대해 MSE 를 높이로 그리면 그릇 모양의 **손실 곡면(loss surface)** 이 됩니다.
# 4절에서 표준화하여 학습한 경로를 원래 단위 $(a, b)$ 로 되돌려 곡면 위에 빨간 선으로 그립니다.
# 마우스로 돌려 보고 확대해 보세요 (plotly 인터랙티브 그래프; GitHub 처럼 읽기만 하는 화면에서는 `helpers.plot.show_plotly` 가 붙여 둔 정적 사본이 보입니다).

# %%
a_vals = np.linspace(-0.05, 0.25, 61)
b_vals = np.linspace(-1.0, 3.0, 61)
A, B = np.meshgrid(a_vals, b_vals)                                  # (len(b), len(a))
surface = ((A[..., None] * x + B[..., None] - y) ** 2).mean(axis=-1)  # MSE for every grid point

path_ab = np.column_stack([path_z[:, 0] / x_std,                     # a
                           path_z[:, 1] - path_z[:, 0] * x_bar / x_std,  # b
                           path_z[:, 2]])                            # loss (unchanged by the rescaling)
print(f"곡면 {surface.shape}, 경로 {len(path_ab)}걸음: 시작 {path_ab[0, :2]} -> 끝 {path_ab[-1, :2].round(4)}")
surface_fig = helpers.plot.plot_loss_surface(a_vals, b_vals, surface, path=path_ab,
                                            title="tips 의 MSE 손실 곡면과 경사 하강 경로")
helpers.plot.show_plotly(surface_fig)

# %% [markdown]
# 곡면을 위에서 내려다본 등고선 그림에 **표준화 없이** 원래 $x$ 로 학습한 경로(lr = 0.001, 2000 에포크)도 함께 그려 봅니다.
#
# **실행하기 전에 예상해 보세요:** 표준화 없이 2000 에포크(표준화한 경우의 10배)를 학습하면 $b$ 는 정답 $b^* \approx 0.92$ 에 얼마나 가까워질까요?

# %%
path_raw = gd_linear(x, y, lr=0.001, epochs=2000)

fig, ax = plt.subplots(figsize=(6.5, 4.5))
cs = ax.contour(A, B, surface, levels=np.geomspace(surface.min(), surface.max(), 25), cmap="viridis", linewidths=0.8)
ax.plot(path_ab[:, 0], path_ab[:, 1], "r.-", ms=3, label="표준화 후 (200 에포크)")
ax.plot(path_raw[:, 0], path_raw[:, 1], ".-", color="orange", ms=2, label="표준화 없이 (2000 에포크)")
ax.plot(a_star, b_star, "k*", ms=12, label="닫힌 해")
ax.set(xlabel="a (직선의 기울기)", ylabel="b (절편)", title="손실 곡면의 등고선과 두 경로")
ax.legend(loc="upper right")
plt.show()
print(f"표준화 없이 2000 에포크 후: a = {path_raw[-1, 0]:.4f}, b = {path_raw[-1, 1]:.4f} (정답 b* = {b_star:.4f})")

# %% [markdown]
# **볼 점**: 원래 단위의 곡면은 비스듬히 놓인 길고 좁은 **골짜기** 입니다. 표준화 없이 학습하면(주황) 첫 걸음에 $a$ 만
# 크게 움직여 골짜기 바닥에 닿은 뒤, 바닥을 따라서는 아주 느리게 기어갑니다. 2000 에포크가 지나도 $b$ 는 정답의
# 절반쯤입니다. 표준화하면 곡면이 둥근 그릇에 가까워져서 곧장 바닥으로 내려갑니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - 표준화한 단위 $(a_z, b_z)$ 로 같은 곡면을 그려 보세요 (`a_vals`, `b_vals` 대신 `a_z_star`, `b_z_star` 주변의 격자, 입력은 `z`). 길쭉한 골짜기가 둥근 그릇이 되나요?
# - `surface_fig.update_layout(scene_camera_eye=dict(x=0, y=0, z=2.5))` 로 위에서 내려다본 뒤 `helpers.plot.show_plotly(surface_fig)` 로 다시 보여 주세요. 아래 등고선 그림과 같은 모습인가요?
#
# 📚 **더 읽을거리**: [plotly 3D 곡면](https://plotly.com/python/3d-surface-plots/) ·
# [matplotlib `contour`](https://matplotlib.org/stable/api/_as_gen/matplotlib.axes.Axes.contour.html) ·
# [d2l 12.6 모멘텀 (좁은 골짜기 문제)](https://d2l.ai/chapter_optimization/momentum.html)

# %% [markdown]
# ## 7. 로지스틱 회귀: 공부 시간 → 합격
#
# 이번에는 답이 숫자가 아니라 **합격(1) / 불합격(0)** 입니다. 학생 20명의 공부 시간과 합격 여부를 직접 적어 둔 작은 표입니다.
# 알고 싶은 것은 "몇 시간 공부하면 합격할 **확률** 이 얼마인가"입니다. 이렇게 어느 쪽에 속하는지 확률을 구하는 모델이
# **로지스틱 회귀(logistic regression)** 입니다. 이름은 '회귀'지만 **분류(classification)** 모델입니다.

# %%
study = pd.DataFrame({
    "hours":  [0.5, 1.0, 1.5, 2.0, 2.0, 2.5, 3.0, 3.0, 3.5, 4.0, 4.0, 4.5, 5.0, 5.0, 5.5, 6.0, 6.5, 7.0, 8.0, 9.0],
    "passed": [0,   0,   0,   0,   0,   0,   0,   1,   0,   0,   1,   1,   1,   0,   1,   1,   1,   1,   1,   1],
})
hours = study["hours"].to_numpy(dtype=float)
passed = study["passed"].to_numpy(dtype=float)
print(f"학생 {len(study)}명, 합격 {int(passed.sum())}명")
print("공부 시간:", hours)
print("합격 여부:", passed.astype(int))

# %% [markdown]
# 먼저 선형회귀 직선을 그대로 맞춰 보면 무엇이 문제일까요?

# %%
a_lin, b_lin = np.polyfit(hours, passed, deg=1)
h_axis = np.linspace(0, 12, 200)
fig, ax = plt.subplots(figsize=(6.5, 3.8))
ax.scatter(hours, passed, color="black", zorder=3, label="학생 (0 = 불합격, 1 = 합격)")
ax.plot(h_axis, a_lin * h_axis + b_lin, color="tab:orange", label="선형회귀 직선")
ax.axhspan(0, 1, color="green", alpha=0.07, label="확률이 될 수 있는 범위 [0, 1]")
ax.set(xlabel="공부 시간 (시간)", ylabel="예측값", title="0/1 데이터에 직선을 맞추면")
ax.legend(loc="upper left")
plt.show()
print(f"직선의 예측: 0시간 -> {b_lin:.2f}, 12시간 -> {a_lin * 12 + b_lin:.2f}  (확률은 0~1 이어야 합니다)")


# %% [markdown]
# 직선은 0보다 작거나 1보다 큰 값을 내므로 확률로 읽을 수 없습니다. 그래서 직선 $ax + b$ 를 **시그모이드(sigmoid)**
# 함수에 넣어 0과 1 사이로 눌러 줍니다.
#
# $$\sigma(t) = \frac{1}{1 + e^{-t}}, \qquad p = \sigma(a x + b)$$
#
# $t$ 가 크면 1에, 작으면 0에 가까워지고, $t = 0$ 에서 정확히 0.5 입니다.
#
# **실행하기 전에 예상해 보세요:** $\sigma(5)$ 는 0.9 보다 클까요? $\sigma(-5)$ 와 $\sigma(5)$ 를 더하면 얼마일까요?

# %%
def sigmoid(t: np.ndarray) -> np.ndarray:
    """Logistic function 1 / (1 + exp(-t))."""
    return 1.0 / (1.0 + np.exp(-t))


t = np.linspace(-8, 8, 200)
fig, ax = plt.subplots(figsize=(6, 3.2))
ax.plot(t, sigmoid(t))
ax.axhline(0.5, color="gray", ls="--", lw=1)
ax.axvline(0, color="gray", ls="--", lw=1)
ax.set(xlabel="t = ax + b", ylabel="σ(t)", title="시그모이드: 어떤 수든 0~1 사이로")
plt.show()
print("σ(-5), σ(0), σ(5) =", sigmoid(np.array([-5.0, 0.0, 5.0])).round(4))


# %% [markdown]
# ### 7.1 이진 교차 엔트로피 (binary cross-entropy)
#
# 확률을 내는 모델의 손실로는 **이진 교차 엔트로피(BCE)** 를 씁니다.
#
# $$\text{BCE} = -\frac{1}{n}\sum_{i=1}^{n}\Big[y_i \log p_i + (1 - y_i)\log(1 - p_i)\Big]$$
#
# 정답이 1이면 $-\log p$, 정답이 0이면 $-\log(1-p)$ 만 남습니다. 정답에 높은 확률을 주면 손실이 0에 가깝고,
# **틀린 쪽을 확신할수록** 손실이 끝없이 커집니다. $\log 0$ 을 피하려고 $p$ 를 $[\varepsilon, 1-\varepsilon]$
# ($\varepsilon = 10^{-12}$) 으로 잘라(clip) 씁니다.

# %%
def bce(p: np.ndarray, y: np.ndarray, eps: float = 1e-12) -> float:
    """Mean binary cross-entropy, with p clipped to [eps, 1 - eps]."""
    p = np.clip(p, eps, 1 - eps)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


for p_pass in [0.9, 0.5, 0.1, 0.001]:
    print(f"정답 = 합격(1), 모델이 준 합격 확률 {p_pass:<5} -> BCE = {bce(np.array([p_pass]), np.array([1.0])):.3f}")

# %%
p_axis = np.linspace(0.001, 0.999, 300)
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(p_axis, -np.log(p_axis), label="정답 y = 1 일 때: -log(p)")
ax.plot(p_axis, -np.log(1 - p_axis), label="정답 y = 0 일 때: -log(1 - p)")
ax.set(xlabel="모델이 준 합격 확률 p", ylabel="손실", title="교차 엔트로피: 틀린 확신에 큰 벌점", ylim=(0, 7))
ax.legend()
plt.show()

# %% [markdown]
# 왜 MSE 를 쓰지 않을까요? 시그모이드 뒤에 MSE 를 쓰면 기울기에 $p(1-p)$ 가 곱해집니다. 모델이 **틀린 쪽을 확신하면**
# $p(1-p) \approx 0$ 이라 기울기가 거의 사라져 배우지 못합니다. BCE 의 기울기는 깔끔하게 $(p - y)$ 라서 틀릴수록 크게 고칩니다.

# %%
p_wrong, y_true = 0.001, 1.0   # confidently wrong: says 0.1% for a student who passed
grad_mse = 2 * (p_wrong - y_true) * p_wrong * (1 - p_wrong)   # d MSE / dt through the sigmoid
grad_bce = p_wrong - y_true                                   # d BCE / dt
print(f"틀린 확신(p = {p_wrong})에서 t 에 대한 기울기: MSE {grad_mse:.4f}, BCE {grad_bce:.4f}")

# %% [markdown]
# ### 7.2 경사 하강법으로 학습하기
#
# BCE 를 $a, b$ 로 미분하면 선형회귀와 꼭 닮은 식이 나옵니다(선형회귀의 2배 인자는 없습니다).
#
# $$\frac{\partial\,\text{BCE}}{\partial a} = \frac{1}{n}\sum_{i}(p_i - y_i)\,x_i, \qquad
# \frac{\partial\,\text{BCE}}{\partial b} = \frac{1}{n}\sum_{i}(p_i - y_i), \qquad p_i = \sigma(a x_i + b)$$
#
# 차이는 예측이 $ax + b$ 가 아니라 $\sigma(ax + b)$ 라는 것 하나뿐입니다. $a = b = 0$, 학습률 0.1, 5000 에포크로 학습합니다.
#
# **실행하기 전에 예상해 보세요:** 위 표를 보고, 합격 확률이 0.5 가 되는 공부 시간(결정 경계)을 어림해 보세요. 몇 시간쯤일까요?

# %%
a_log, b_log, lr, epochs = 0.0, 0.0, 0.1, 5000
log = []
for epoch in tqdm(range(epochs), desc="로지스틱 회귀"):
    p = sigmoid(a_log * hours + b_log)
    if epoch % 1000 == 0:
        log.append(f"에포크 {epoch:5d}: BCE = {bce(p, passed):.4f}, a = {a_log:.4f}, b = {b_log:.4f}")
    grad_a = np.mean((p - passed) * hours)
    grad_b = np.mean(p - passed)
    a_log, b_log = a_log - lr * grad_a, b_log - lr * grad_b

p = sigmoid(a_log * hours + b_log)
print("\n".join(log))
print(f"학습 후      : BCE = {bce(p, passed):.4f}, a = {a_log:.4f}, b = {b_log:.4f}")

# %%
boundary = -b_log / a_log   # a*x + b = 0  <=>  p = 0.5
fig, ax = plt.subplots(figsize=(7, 4))
ax.scatter(hours, passed, color="black", zorder=3, label="학생 (0 = 불합격, 1 = 합격)")
ax.plot(h_axis, sigmoid(a_log * h_axis + b_log), color="red", lw=2, label="합격 확률 σ(ax + b)")
ax.axhline(0.5, color="gray", ls="--", lw=1)
ax.axvline(boundary, color="tab:green", ls="--", label=f"결정 경계 p = 0.5 ({boundary:.2f}시간)")
ax.set(xlabel="공부 시간 (시간)", ylabel="합격 확률", title="로지스틱 회귀: 공부 시간에 따른 합격 확률")
ax.legend(loc="center right")
plt.show()

for h in [2, 4, 6, 8]:
    print(f"{h}시간 공부 -> 합격 확률 {sigmoid(a_log * h + b_log):.2f}")
accuracy = np.mean((p >= 0.5) == (passed == 1))
print(f"p ≥ 0.5 를 합격으로 예측할 때 정확도(accuracy): {accuracy:.0%}")

# %% [markdown]
# **볼 점**: 확률이 0.5 가 되는 **결정 경계(decision boundary)** 는 $ax + b = 0$, 즉 $x = -b/a$ 입니다.
# 약 4시간을 넘기면 합격 쪽으로 분류되고, 6시간이면 확률이 약 0.94, 8시간이면 거의 1이라 그 뒤로는 더 공부해도 확률이 별로 오르지 않습니다.
# 겹치는 학생(3시간 합격, 5시간 불합격)이 있으므로 정확도는 100% 가 될 수 없습니다.
#
# | | 선형회귀 | 로지스틱 회귀 |
# |---|---|---|
# | 예측 | $\hat y = ax + b$ (아무 실수) | $p = \sigma(ax + b)$ (0~1 확률) |
# | 문제 | 값 예측 (팁 금액) | 분류 (합격/불합격) |
# | 손실 | MSE | 이진 교차 엔트로피 |
# | 기울기 $\partial/\partial a$ | $\frac{2}{n}\sum(\hat y - y)x$ | $\frac{1}{n}\sum(p - y)x$ |

# %% [markdown]
# 🧪 **해 보기**
#
# - `sigmoid(np.array([-1000.0]))` 를 실행해 보세요. 어떤 경고가 나오고, 결과는 맞나요? `np.exp` 의 어느 단계가 넘쳤는지(오버플로) 설명하고,
#   $t < 0$ 일 때 $\sigma(t) = e^{t} / (1 + e^{t})$ 로 계산하면 왜 넘치지 않는지 생각해 보세요. (과제에서 이 경우를 다룹니다.)
# - 데이터에서 겹치는 두 학생(3시간 합격, 5시간 불합격)을 고쳐 완전히 갈리게 만든 뒤 다시 학습해 보세요. 에포크를 늘릴수록 $a$ 가 어떻게 되나요? 왜 그럴까요?
# - 학습률을 1.0 으로 올리면 5000 에포크가 다 필요할까요? 1000 에포크마다 찍히는 BCE 를 비교해 보세요.
#
# 📚 **더 읽을거리**: [PyTorch `torch.sigmoid`](https://docs.pytorch.org/docs/stable/generated/torch.sigmoid.html) ·
# [`nn.BCELoss`](https://docs.pytorch.org/docs/stable/generated/torch.nn.BCELoss.html) ·
# [`nn.BCEWithLogitsLoss` (시그모이드와 BCE 를 한 번에, 넘치지 않게)](https://docs.pytorch.org/docs/stable/generated/torch.nn.BCEWithLogitsLoss.html) ·
# [d2l 4.1 소프트맥스 회귀와 교차 엔트로피](https://d2l.ai/chapter_linear-classification/softmax-regression.html)

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 실수 1. 학습률이 너무 크면 발산해서 inf → nan 이 된다
#
# 표준화하지 않은 $x$ 에 lr = 0.01 을 쓰면 매 걸음 더 멀리 튕겨 나가 수가 float64 의 한계(약 $10^{308}$)를 넘습니다.
# NumPy 는 기본적으로 경고만 한 줄 띄우고 **inf, nan 으로 계속 계산** 하므로 모르고 지나치기 쉽습니다.
# `np.errstate(over="raise")` 로 넘치는 순간 바로 오류가 나게 해 봅니다.

# %% tags=["raises-exception"]
with np.errstate(over="raise", invalid="raise"):
    gd_linear(x, y, lr=0.01, epochs=1000)   # raw x, too large a learning rate

# %% [markdown]
# **고치기**: 학습률을 줄이거나(원래 단위에서는 약 0.002 보다 작아야 합니다), 4절처럼 $x$ 를 표준화한 뒤 적당한 학습률을 씁니다.
# 손실이 늘어나거나 nan 이 되면 가장 먼저 학습률을 의심하세요.

# %%
with np.errstate(over="raise", invalid="raise"):
    fixed = gd_linear(z, y, lr=0.1, epochs=200)
print(f"표준화 + lr 0.1: 마지막 MSE {fixed[-1, 2]:.4f}, 모두 유한한 값: {np.isfinite(fixed).all()}")

# %% [markdown]
# ### 실수 2. 특성을 표준화하지 않으면 학습이 기어간다
#
# 원래 $x$ 에서 발산하지 않는 학습률(lr = 0.001, 한계 약 0.002 의 절반)로 1000 에포크를 학습해도 $b$ 는 정답에서 한참 멉니다.
# $a$ 방향으로는 곡면이 가파르고 $b$ 방향으로는 완만해서, 가파른 쪽에 맞춘 작은 학습률로는 완만한 쪽이 거의 움직이지 않기 때문입니다.

# %% tags=["raises-exception"]
slow = gd_linear(x, y, lr=0.001, epochs=1000)
a_slow, b_slow = slow[-1, 0], slow[-1, 1]
print(f"표준화 없이 1000 에포크: a = {a_slow:.4f}, b = {b_slow:.4f}")
assert abs(b_slow - b_star) < 1e-3, f"b 가 아직 정답에서 {abs(b_slow - b_star):.3f} 떨어져 있습니다"

# %% [markdown]
# **고치기**: 표준화하면 200 에포크로 충분합니다 (4절의 결과). 특성의 크기(scale)를 맞추는 것은 신경망에서도 그대로
# 중요합니다(7단원에서 이미지 픽셀을 255로 나누는 이유).

# %%
fast = gd_linear(z, y, lr=0.1, epochs=200)
b_fast = fast[-1, 1] - fast[-1, 0] * x_bar / x_std
assert abs(b_fast - b_star) < 1e-3
print(f"표준화 후 200 에포크: b = {b_fast:.4f} (정답 {b_star:.4f})")

# %% [markdown]
# ### 실수 3. (n, 1) 과 (n,) 을 빼면 오류 없이 (n, n) 이 된다
#
# 머신러닝 라이브러리는 특성을 (샘플 수, 특성 수) 모양의 2차원 배열로 다루는 일이 많습니다. 그렇게 만든 예측은
# (244, 1) 인데 정답 $y$ 는 (244,) 입니다. 둘을 빼면 **브로드캐스팅(broadcasting)** 때문에 오류 대신
# (244, 244) 행렬이 생기고, MSE 는 조용히 틀린 값이 됩니다.

# %% tags=["raises-exception"]
X = x.reshape(-1, 1)               # (244, 1) feature matrix
y_pred = X * a_star + b_star       # (244, 1)
diff = y_pred - y                  # (244, 1) - (244,) -> broadcast!
print(f"y_pred {y_pred.shape}, y {y.shape}, 차이 {diff.shape}")
print(f"MSE = {mse(y_pred, y):.4f}  (정답 MSE 는 {best_mse:.4f})")
assert y_pred.shape == y.shape, f"예측 {y_pred.shape} 과 정답 {y.shape} 의 모양이 다릅니다"

# %% [markdown]
# **고치기**: 빼기 전에 모양을 맞춥니다(`ravel()` 또는 `reshape(-1)`). 손실 함수 안에서 모양이 같은지 확인하면
# 이런 실수를 바로 잡을 수 있습니다(과제의 `mse` 가 그렇게 합니다).

# %%
y_pred = y_pred.ravel()            # (244,)
assert y_pred.shape == y.shape
print(f"모양 {y_pred.shape}, MSE = {mse(y_pred, y):.4f}")

# %% [markdown]
# ### 실수 4. 교차 엔트로피에 확률 0 이나 1 이 들어가면 nan
#
# 시그모이드는 입력이 40 정도만 돼도 float64 에서 **정확히 1.0** 이 됩니다. 그러면 $\log(1 - p) = \log 0 = -\infty$ 이고,
# 정답이 1이라 곱해지는 $(1 - y) = 0$ 과 만나 $0 \times (-\infty) = \text{nan}$ 이 됩니다. **맞게 확신한 예측인데도** 손실이 nan 입니다.
# 아래 셀은 `np.errstate(divide="raise")` 로 $\log 0$ 이 계산되는 순간 오류를 냅니다 (기본 설정이면 경고 뒤 nan 이 나옵니다).

# %% tags=["raises-exception"]
p_sat = sigmoid(np.array([40.0]))
print("σ(40) == 1.0 :", p_sat[0] == 1.0)
with np.errstate(divide="raise", invalid="raise"):
    naive = -np.mean(1.0 * np.log(p_sat) + (1 - 1.0) * np.log(1 - p_sat))   # no clipping

# %% [markdown]
# **고치기**: 로그에 넣기 전에 $p$ 를 $[\varepsilon, 1-\varepsilon]$ 으로 자릅니다 (7.1절의 `bce`).

# %%
with np.errstate(divide="raise", invalid="raise"):
    print(f"자른 뒤 BCE: {bce(p_sat, np.array([1.0])):.3g} (정답을 확신했으니 0 에 가까움)")

# %% [markdown]
# 📚 **더 읽을거리** (이 절의 실수들): [`np.errstate`](https://numpy.org/doc/stable/reference/generated/numpy.errstate.html) ·
# [브로드캐스팅 규칙](https://numpy.org/doc/stable/user/basics.broadcasting.html) ·
# [`np.clip`](https://numpy.org/doc/stable/reference/generated/numpy.clip.html)

# %% [markdown]
# ## 📝 요약
#
# 1. **잘 맞는 정도**: 예측과 실제의 차이를 제곱해 평균한 **MSE** 로 잽니다. 작을수록 잘 맞고, 평균이라 데이터 개수와 무관하게 비교됩니다.
# 2. **완전 탐색 vs 경사 하강법**: 완전 탐색은 격자 간격만큼만 정확하고, 간격을 줄이거나 매개변수가 늘면 조합 수가 폭발합니다.
#    경사 하강법은 손실의 기울기(gradient)의 반대 방향으로 걸어 내려가 200 걸음 만에 정확한 답에 도달합니다.
# 3. **학습률**: 사람이 정하는 **하이퍼파라미터** 입니다. 너무 크면 바닥을 넘어 튕기다 발산(inf, nan)하고, 너무 작으면 기어갑니다.
#    특성을 표준화하면 좋은 학습률을 고르기 쉬워집니다.
# 4. **분류**: 직선을 **시그모이드** 에 넣어 확률 $p = \sigma(ax + b)$ 로 만드는 **로지스틱 회귀** 를 쓰고, 손실은
#    **이진 교차 엔트로피** 로 잽니다($p$ 는 잘라서 log 0 을 피합니다). 결정 경계는 $p = 0.5$, 즉 $x = -b/a$ 입니다.
# 5. **확인**: 선형회귀에는 **닫힌 해**(최소제곱 공식, `np.polyfit`)가 있으므로, 경사 하강법의 답이 그와 1e-3 이내로 같은지 `assert` 로 확인합니다.

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import functools
import tempfile
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset, random_split
from tqdm.auto import tqdm

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 28×28 손글씨 이미지를 784 차원 벡터로 펴서(평탄화, flatten) **784-256-128-10 다층 퍼셉트론(MLP)** 에 넣고, 10개의 로짓(logit)으로 숫자를 분류한다.
# - 픽셀을 `/255` 로 정규화하고, `CrossEntropyLoss`(softmax 포함)와 Adam 으로 학습한 뒤 정확도(accuracy)를 잰다. softmax 가 로짓을 확률로 바꾸는 모습과 온도(temperature)에 따른 변화를 그림으로 본다.
# - 학습 이미지를 학습용과 **검증 세트(validation set)** 로 나눠 학습 곡선과 검증 곡선으로 **과대적합(overfitting)** 을 눈으로 확인하고, 학습률 스케줄·드롭아웃·레이블 스무딩·이동 증강을 더한 레시피로 **20 에포크 안에 테스트 정확도 97%** 를 넘긴다. 어떤 차이가 잡음보다 큰지 검증 세트로 따진다.
# - 학습한 가중치를 `.pth` 로 저장하고 다시 불러와 테스트 이미지 3장을 추론하고, 혼동 행렬(confusion matrix)로 어떤 숫자를 헷갈리는지 본다.
# - ReLU 를 빼면 층을 몇 개 쌓아도 행렬 하나로 합쳐진다는 것을 가중치 행렬을 곱해 숫자로 확인한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 28×28 이미지를 MLP 에 넣으려면 모양을 어떻게 바꿔야 할까? 잘못 바꾸면 어떻게 될까?
# 2. 픽셀 값을 왜 255 로 나눌까? 추론할 때 나누는 것을 잊으면 어떻게 될까?
# 3. 모델의 마지막 층 뒤에 softmax 를 두지 않는 이유는? 그럼 확률은 어떻게 얻을까? 온도를 바꾸면 확률은 어떻게 변할까?
# 4. 784-256-128-10 에서 ReLU 를 모두 빼면 이 모델은 무엇과 같아질까?
# 5. 학습 데이터가 8000장뿐일 때 과대적합은 학습 곡선에서 어떻게 보일까? 무엇이 테스트 정확도를 올리고, 그 효과는 어떻게 재야 공정할까?
# 6. 저장한 `.pth` 파일에는 무엇이 들어 있고, 불러올 때 무엇이 더 필요할까?
# 7. 정확도 하나로는 보이지 않는 것을 혼동 행렬은 어떻게 보여 줄까?

# %% [markdown]
# ## 1. MNIST 손글씨 숫자 살펴보기
#
# MNIST 는 0 ~ 9 손글씨 숫자를 28×28 흑백 이미지로 모은 데이터셋입니다. 이 과정은 그중 일부(학습용과 테스트용, 개수는 아래
# 출력)를 저장소에 담아 두었습니다 (`helpers.data.load_mnist()`, 인터넷 없이 동작).
#
# **실행하기 전에 예상해 보세요**: 이미지 배열의 모양과 자료형(dtype)은 무엇일까요? 픽셀 값은 어디부터 어디까지일까요?

# %%
x_train_raw, y_train_np, x_test_raw, y_test_np = helpers.data.load_mnist()
print("학습 이미지:", x_train_raw.shape, x_train_raw.dtype, "| 정답:", y_train_np.shape, y_train_np.dtype)
print("테스트 이미지:", x_test_raw.shape, "| 픽셀 값 범위:", x_train_raw.min(), "~", x_train_raw.max())

# %%
helpers.plot.show_images(x_train_raw[:16], labels=y_train_np[:16], ncols=8)
plt.show()

# %% [markdown]
# 이미지 한 장은 0(검정) ~ 255(흰색) 정수 784개입니다. 숫자 획이 지나가는 가운데 픽셀만 큰 값을 가집니다.

# %%
fig, ax = plt.subplots(figsize=(4.5, 4))
shown = ax.imshow(x_train_raw[0], cmap="gray")
fig.colorbar(shown, ax=ax)
ax.set_title(f"정답 {y_train_np[0]}: 28×28 픽셀, 값 0~255")
plt.show()
print("7 의 꺾이는 부분 (행 7~12, 열 14~23):")
print(x_train_raw[0, 7:13, 14:24])

# %%
counts = np.bincount(y_train_np, minlength=10)
plt.figure(figsize=(6, 3))
plt.bar(range(10), counts)
plt.xticks(range(10))
plt.xlabel("숫자")
plt.ylabel("이미지 수")
plt.title(f"학습 데이터의 숫자별 개수 (가장 적은 {counts.min()}, 가장 많은 {counts.max()})")
plt.show()


# %% [markdown]
# **눈여겨볼 점**: 숫자별 개수가 고르게 퍼져 있어 정확도 하나로 모델을 비교해도 크게 왜곡되지 않습니다.
# 아무렇게나 찍으면 정확도는 약 10% 입니다.
#
# 🧪 **해 보기**: `x_train_raw[0]` 대신 다른 번호의 이미지를 그려 보고, 같은 숫자라도 글씨가 얼마나 다른지 보세요.
# `x_train_raw.mean(axis=0)` (모든 이미지의 평균)을 `imshow` 로 그리면 무엇이 보일까요?
#
# 📚 **더 읽을거리**: [d2l 4.2 이미지 분류 데이터셋](https://d2l.ai/chapter_linear-classification/image-classification-dataset.html)
# · [torchvision.datasets.MNIST](https://docs.pytorch.org/vision/stable/generated/torchvision.datasets.MNIST.html)

# %% [markdown]
# ## 2. 전처리: `/255` 정규화와 평탄화
#
# 모델에 넣기 전에 두 가지를 합니다.
#
# 1. **정규화(normalisation)**: `uint8` 0 ~ 255 를 `float32` 0 ~ 1 로 바꿉니다 (`/ 255`). 신경망의 가중치는 작은
#    입력을 가정하고 초기화되므로, 입력이 수백이면 출력과 기울기도 수백 배로 커져 학습이 불안정해집니다.
# 2. **평탄화(flatten)**: `nn.Linear` 는 벡터를 받으므로 `(N, 28, 28)` 을 `(N, 784)` 로 폅니다. 이 일은 모델의 첫 층
#    `nn.Flatten()` 이 맡습니다.
#
# 전처리는 함수 하나로 만들어 두고, 학습과 추론에 **똑같이** 씁니다.
#
# **실행하기 전에 예상해 보세요**: 펼친 벡터에서 이미지의 (8, 16) 픽셀은 몇 번째 원소일까요?

# %%
def preprocess(images: np.ndarray) -> torch.Tensor:
    """uint8 images (N, 28, 28) in 0..255 -> float32 tensor (N, 28, 28) in 0..1."""
    return torch.tensor(images, dtype=torch.float32) / 255.0


x_train, x_test = preprocess(x_train_raw), preprocess(x_test_raw)
y_train, y_test = torch.from_numpy(y_train_np), torch.from_numpy(y_test_np)
print("x_train:", x_train.dtype, tuple(x_train.shape), f"값 {x_train.min():.1f} ~ {x_train.max():.1f}")
print("y_train:", y_train.dtype, tuple(y_train.shape), "(CrossEntropyLoss 는 int64 정답을 받습니다)")

# %%
flat = nn.Flatten()(x_train[:2])
print(tuple(x_train[:2].shape), "→ nn.Flatten →", tuple(flat.shape))
r, c = 8, 16                                  # a pixel on the stroke of the 7
print(f"이미지의 ({r}, {c}) 픽셀 = {x_train[0, r, c]:.4f} | 펼친 벡터의 {28 * r + c}번째 (28×{r}+{c}) = {flat[0, 28 * r + c]:.4f}")
print("reshape(N, 784) 와 같은가:", torch.equal(flat, x_train[:2].reshape(2, 784)))

# %%
fig, axes = plt.subplots(2, 1, figsize=(10, 3.2), gridspec_kw={"height_ratios": [3, 1]})
axes[0].imshow(x_train[0], cmap="gray")
axes[0].set_title("28×28 이미지")
axes[0].axis("off")
axes[1].imshow(flat[:1], cmap="gray", aspect="auto")
axes[1].set_yticks([])
axes[1].set_xticks(range(0, 785, 112))
axes[1].set_title("784 차원 벡터 (행 0 의 28픽셀, 행 1 의 28픽셀, … 을 차례로 이어 붙임)")
plt.tight_layout()
plt.show()


# %% [markdown]
# **눈여겨볼 점**: 평탄화는 행을 차례로 이어 붙일 뿐, 값은 바꾸지 않습니다. 그래서 MLP 는 "어느 픽셀이 이웃인지"를
# 모른 채 784개의 숫자만 봅니다. (이웃 관계를 쓰는 모델은 9단원의 합성곱 신경망입니다.)
#
# 🧪 **해 보기**: `nn.Flatten()` 대신 `x_train[:2].transpose(1, 2).reshape(2, 784)` 로 펴면 (8, 16) 픽셀은 몇 번째로 갈까요?
# 모양은 같아도 픽셀 순서가 다르면 무슨 일이 생기는지 ⚠️ 5 에서 봅니다.
#
# 📚 **더 읽을거리**: [torch.nn.Flatten](https://docs.pytorch.org/docs/stable/generated/torch.nn.Flatten.html)
# · [torch.reshape](https://docs.pytorch.org/docs/stable/generated/torch.reshape.html)

# %% [markdown]
# ## 3. 784-256-128-10 MLP
#
# 이 단원의 기본 구조입니다. 층 수와 은닉층(hidden layer)의 크기(256, 128)는 사람이 고르는 하이퍼파라미터입니다.
#
# | 층 | 노드 수 | 뜻 |
# |---|---:|---|
# | 입력층 | 784 | 28×28 픽셀 하나에 입력 하나 |
# | 은닉층 1 | 256 | `Linear(784, 256)` + ReLU |
# | 은닉층 2 | 128 | `Linear(256, 128)` + ReLU |
# | 출력층 | 10 | `Linear(128, 10)`: 숫자 0 ~ 9 의 점수(로짓) |
#
# 식으로 쓰면 $\hat y = W_3\,\mathrm{ReLU}(W_2\,\mathrm{ReLU}(W_1 x + b_1) + b_2) + b_3$ 입니다.
# 은닉층 뒤에는 드롭아웃(dropout) 층도 넣어 둡니다. `p_drop=0` 이면 아무 일도 하지 않고, 7절에서 켭니다.
# 층 구성이 늘 같으므로 `p_drop` 이 달라도 저장한 가중치의 이름(`state_dict` 키)이 같습니다.
#
# **실행하기 전에 예상해 보세요**: 이 모델의 매개변수는 모두 몇 개일까요? 어느 층이 가장 많이 가질까요?

# %%
def build_mlp(p_drop: float = 0.0) -> nn.Sequential:
    """784-256-128-10 MLP with ReLU (and dropout p_drop) after each hidden layer; outputs 10 logits."""
    return nn.Sequential(
        nn.Flatten(),                                        # (N, 28, 28) -> (N, 784)
        nn.Linear(784, 256), nn.ReLU(), nn.Dropout(p_drop),
        nn.Linear(256, 128), nn.ReLU(), nn.Dropout(p_drop),
        nn.Linear(128, 10),                                  # logits: no softmax here
    )


model = build_mlp().to(device)
print(model)

# %%
for name, p in model.named_parameters():
    print(f"{name:9s} 모양 {str(tuple(p.shape)):11s} 개수 {p.numel():7,d}")
n_params = sum(p.numel() for p in model.parameters())
print(f"합계 {n_params:,d} = 784×256+256 + 256×128+128 + 128×10+10")

# %% [markdown]
# 출력은 이미지마다 10개의 **로짓**입니다. 확률이 필요하면 softmax 를 따로 적용하고, 예측한 숫자는 가장 큰 로짓의
# 위치(`argmax`)입니다. softmax 는 순서를 바꾸지 않으므로 로짓의 argmax 와 확률의 argmax 는 같습니다.

# %%
with torch.no_grad():
    logits = model(x_train[:3].to(device))
probs = logits.softmax(dim=1)
print("로짓 모양:", tuple(logits.shape))
print("첫 이미지의 로짓:", logits[0].cpu().numpy().round(3))
print("softmax 확률의 합:", probs.sum(dim=1).cpu().numpy().round(4))
print("예측(argmax):", logits.argmax(dim=1).tolist(), "| 정답:", y_train[:3].tolist(), "← 아직 학습 전")

# %% [markdown]
# softmax 는 로짓 $z_1, \dots, z_K$ 를 $p_i = e^{z_i / T} / \sum_j e^{z_j / T}$ 로 바꿉니다. 보통은 **온도(temperature)** $T = 1$ 입니다.
# 모든 $p_i$ 는 양수이고 합은 1 이며, 로짓이 큰 클래스일수록 확률도 큽니다.
#
# **실행하기 전에 예상해 보세요**: 로짓을 $T$ 로 나누는 것은 로짓의 크기를 바꾸는 것과 같습니다. $T$ 를 키우면(예: 5) 확률은
# 고르게 퍼질까요, 한 클래스로 몰릴까요? 모든 로짓에 100 을 더하면 확률은 어떻게 될까요?

# %%
z_demo = torch.tensor([2.0, 1.0, 0.2, -1.0])
temps = [0.5, 1.0, 2.0, 5.0]
fig, axes = plt.subplots(1, 2, figsize=(11, 3.4))
width = 0.8 / len(temps)
for k, temp in enumerate(temps):
    axes[0].bar(np.arange(len(z_demo)) + (k - 1.5) * width, (z_demo / temp).softmax(dim=0), width, label=f"T = {temp}")
axes[0].set_xticks(range(len(z_demo)), [f"클래스 {i}\n(로짓 {v:g})" for i, v in enumerate(z_demo.tolist())])
axes[0].set_ylabel("softmax 확률")
axes[0].set_title("같은 로짓, 다른 온도")
axes[0].legend()
t_grid = torch.logspace(-1, 1.5, 60)
p_top = torch.stack([(z_demo / temp).softmax(dim=0)[0] for temp in t_grid])
axes[1].semilogx(t_grid, p_top, label="가장 큰 로짓(클래스 0)의 확률")
axes[1].axhline(1 / len(z_demo), color="gray", ls="--", label=f"고르게 찍기 1/{len(z_demo)}")
axes[1].set_xlabel("온도 T (로그 축)")
axes[1].set_ylabel("확률")
axes[1].set_title("T 가 작으면 argmax 로, 크면 고르게")
axes[1].xaxis.set_major_formatter(lambda v, _: f"{v:g}")
axes[1].legend()
for ax in axes:
    ax.grid(alpha=0.3)
plt.tight_layout()
plt.show()
print("로짓에 100 을 더한 softmax:", (z_demo + 100).softmax(dim=0).numpy().round(4))
print("원래 로짓의 softmax      :", z_demo.softmax(dim=0).numpy().round(4))
big = torch.tensor([1000.0, 999.0])
print("exp 로 직접 계산:", (big.exp() / big.exp().sum()).tolist(), "| softmax:", big.softmax(dim=0).numpy().round(4).tolist())

# %% [markdown]
# **눈여겨볼 점**: $T$ 가 작을수록 확률이 가장 큰 로짓 하나로 몰리고(argmax 에 가까움), 클수록 고르게 퍼집니다(1/K 에 가까움).
# 어느 온도에서도 확률의 **순서**는 로짓의 순서와 같아서 예측(argmax)은 바뀌지 않습니다. 모든 로짓에 같은 수를 더해도 확률은
# 그대로입니다. 그래서 `softmax` 는 안에서 가장 큰 로짓을 빼고 계산해, $e^{1000}$ 처럼 넘치는(inf) 값을 피합니다. 식을 그대로
# 옮겨 쓰면 `nan` 이 나옵니다. 학습이 로짓을 한없이 키우면 $T$ 를 줄인 것과 같은 효과가 나서 확률이 100% 로 몰립니다
# (⚠️ 4 에서 다시 봅니다).
#
# 🧪 **해 보기**: `z_demo` 를 `[2.0, 2.0, 0.0, 0.0]` 처럼 두 로짓이 같게 바꾸면 $T \to 0$ 에서 확률은 어떻게 될까요?
# `nn.CrossEntropyLoss()(z_demo[None] / temp, torch.tensor([0]))` 로 온도마다 손실도 재 보세요.
#
# 📚 **더 읽을거리**: [d2l 4.1 소프트맥스 회귀](https://d2l.ai/chapter_linear-classification/softmax-regression.html)
# · [torch.nn.functional.softmax](https://docs.pytorch.org/docs/stable/generated/torch.nn.functional.softmax.html)
# · [torch.nn.Sequential](https://docs.pytorch.org/docs/stable/generated/torch.nn.Sequential.html)

# %% [markdown]
# 학습 전의 손실을 보면 정규화가 왜 필요한지 알 수 있습니다. 10개 클래스를 고르게 찍는 모델의 교차 엔트로피는
# $\ln 10 \approx 2.30$ 입니다.
#
# **실행하기 전에 예상해 보세요**: 0 ~ 255 그대로 넣으면 학습 전 손실은 $\ln 10$ 보다 클까요, 작을까요?

# %%
loss_fn = nn.CrossEntropyLoss()
with torch.no_grad():
    xb, yb = x_train[:1000].to(device), y_train[:1000].to(device)
    raw_batch = torch.tensor(x_train_raw[:1000], dtype=torch.float32, device=device)
    print(f"학습 전 손실, /255 입력   : {loss_fn(model(xb), yb).item():6.3f}  (ln 10 = {np.log(10):.3f})")
    print(f"학습 전 손실, 0~255 입력 : {loss_fn(model(raw_batch), yb).item():6.3f}")
    print(f"로짓의 표준편차: /255 {model(xb).std().item():.3f} | 0~255 {model(raw_batch).std().item():.1f}")


# %% [markdown]
# **눈여겨볼 점**: 정규화한 입력에서는 로짓이 작고 손실이 $\ln 10$ 근처에서 출발합니다. 0 ~ 255 그대로 넣으면 로짓이
# 백 배 넘게 커져, 학습 전부터 엉뚱한 클래스를 "확신"하고 손실이 매우 큽니다.
#
# 🧪 **해 보기**: `/255` 대신 `/25.5` (0 ~ 10) 로 나눈 입력의 학습 전 손실과 로짓의 표준편차를 재 보세요.
#
# 📚 **더 읽을거리**: [torch.nn.CrossEntropyLoss](https://docs.pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html)

# %% [markdown]
# ## 4. ReLU 가 비선형성을 주는 이유
#
# `Linear` 층의 합성은 다시 `Linear` 층입니다. ReLU 를 모두 뺀 784-256-128-10 은
#
# $$W_3(W_2(W_1x + b_1) + b_2) + b_3 = \underbrace{W_3W_2W_1}_{W\;(10\times784)}\,x + \underbrace{W_3(W_2b_1 + b_2) + b_3}_{b}$$
#
# 이므로 `Linear(784, 10)` **하나**와 똑같습니다. 층을 쌓은 보람이 없습니다. 직접 행렬을 곱해 확인합니다.
#
# **실행하기 전에 예상해 보세요**: 합친 행렬 $W$ 의 모양은 무엇일까요? ReLU 가 있는 모델도 같은 방법으로 합치면 출력이 같을까요?

# %%
def linear_stack() -> nn.Sequential:
    """The same 784-256-128-10 layers without any activation (for comparison only)."""
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.Linear(256, 128), nn.Linear(128, 10))


def collapse(net: nn.Sequential) -> tuple[torch.Tensor, torch.Tensor]:
    """W3 W2 W1 and W3 (W2 b1 + b2) + b3 from the three Linear layers of `net`."""
    l1, l2, l3 = [m for m in net if isinstance(m, nn.Linear)]
    W = l3.weight @ l2.weight @ l1.weight
    b = l3.weight @ (l2.weight @ l1.bias + l2.bias) + l3.bias
    return W, b


torch.manual_seed(0)
no_relu = linear_stack().to(device)
xb = x_test[:200].to(device)
with torch.no_grad():
    W, b = collapse(no_relu)
    gap_linear = (no_relu(xb) - (xb.flatten(1) @ W.T + b)).abs().max().item()
    W_relu, b_relu = collapse(model)
    gap_relu = (model(xb) - (xb.flatten(1) @ W_relu.T + b_relu)).abs().max().item()
    scale = model(xb).abs().max().item()
print("합친 행렬 W:", tuple(W.shape), "| 합친 편향 b:", tuple(b.shape))
print(f"ReLU 없음: 세 층의 출력 vs 한 층(W, b)의 출력, 최대 차이 {gap_linear:.1e}  ← 반올림 오차뿐")
print(f"ReLU 있음: 같은 방법으로 합치면 최대 차이 {gap_relu:.3f} (로짓 크기 {scale:.3f})  ← 합쳐지지 않음")


# %% [markdown]
# 아핀 함수(선형 함수 + 편향)는 $f(a + b) = f(a) + f(b) - f(0)$ 를 언제나 만족합니다(가법성). 두 이미지를 겹친 입력으로 확인해 봅시다.
# ReLU 는 음수를 0 으로 자르므로 이 성질을 깹니다. 바로 그 "꺾임"이 곡선과 복잡한 경계를 만듭니다.

# %%
def additivity_gap(net: nn.Module, a: torch.Tensor, b: torch.Tensor) -> float:
    with torch.no_grad():
        return (net(a + b) - (net(a) + net(b) - net(torch.zeros_like(a)))).abs().max().item()


a, b = x_test[:1].to(device), x_test[1:2].to(device)
print(f"ReLU 없음: |f(a+b) - (f(a)+f(b)-f(0))| = {additivity_gap(no_relu, a, b):.1e}")
print(f"ReLU 있음: |f(a+b) - (f(a)+f(b)-f(0))| = {additivity_gap(model, a, b):.3f}")


# %% [markdown]
# **눈여겨볼 점**: ReLU 가 없으면 784-256-128-10 은 784×10 행렬 하나와 구별되지 않습니다 (차이는 float32 반올림 오차뿐).
# 학습한 뒤 두 모델의 정확도가 얼마나 다른지는 6절에서 잽니다.
#
# 🧪 **해 보기**: `nn.ReLU()` 를 `nn.Tanh()` 로 바꾼 모델로 `additivity_gap` 을 재 보세요. Tanh 도 가법성을 깰까요?
#
# 📚 **더 읽을거리**: [d2l 5.1 다층 퍼셉트론](https://d2l.ai/chapter_multilayer-perceptrons/mlp.html)
# · [torch.nn.ReLU](https://docs.pytorch.org/docs/stable/generated/torch.nn.ReLU.html)

# %% [markdown]
# ## 5. 정확도 (accuracy)
#
# 정확도 = (예측이 정답과 같은 이미지 수) / (전체 이미지 수). 예측은 로짓 `(N, 10)` 의 **클래스 축**(`dim=1`)에서
# 가장 큰 값의 위치입니다. `dim=0` 으로 하면 "각 클래스에서 점수가 가장 큰 이미지 번호"라는 전혀 다른 값이 나옵니다.
#
# **실행하기 전에 예상해 보세요**: 아래 `demo_logits` 의 `argmax(dim=1)` 은 무엇일까요? `argmax(dim=0)` 은요?

# %%
def accuracy(logits: torch.Tensor, targets: torch.Tensor) -> float:
    """Fraction of rows whose largest logit sits at the target class, as a Python float."""
    return (logits.argmax(dim=1) == targets).float().mean().item()


demo_logits = torch.tensor([[2.0, 0.1, -1.0], [0.3, 0.2, 0.9], [0.0, 3.0, 1.0], [1.0, 0.5, 0.2]])
demo_targets = torch.tensor([0, 1, 1, 0])
print("argmax(dim=1):", demo_logits.argmax(dim=1).tolist(), "| 정답:", demo_targets.tolist())
print("정확도:", accuracy(demo_logits, demo_targets), "(4개 중 3개)")


# %%
def test_accuracy(net: nn.Module) -> float:
    """Accuracy on the test images, in eval mode without gradients."""
    net.eval()
    with torch.no_grad():
        return accuracy(net(x_test.to(device)), y_test.to(device))


print(f"학습 전 테스트 정확도: {test_accuracy(model):.2%} (찍기 수준)")

# %% [markdown]
# 🧪 **해 보기**: `demo_logits.argmax(dim=0)` 을 출력해 보고 왜 정확도 계산에 쓸 수 없는지 설명해 보세요.
#
# 📚 **더 읽을거리**: [torch.argmax](https://docs.pytorch.org/docs/stable/generated/torch.argmax.html)

# %% [markdown]
# ## 6. 기본 레시피로 학습하기: 학습 세트와 검증 세트
#
# **기본 레시피**는 Adam(학습률 0.001), 배치 64, 5 에포크, `CrossEntropyLoss` 입니다.
# 6단원에서는 학습 루프를 직접 썼습니다. 이제부터는 같은 루프를 담은 `helpers.train.fit` 을 씁니다. 안에서 하는 일은 같습니다:
# 배치마다 `zero_grad → model(x) → loss → backward → step`, 에포크마다 (있으면) `scheduler.step()`.
#
# 학습에 앞서 학습 이미지 8000장을 **7000장(학습 세트)** 과 **1000장(검증 세트, validation set)** 으로 나눕니다.
# 모델은 검증 이미지로 학습하지 않습니다. 어떤 설정이 좋은지는 검증 세트로 고르고, 테스트 세트는 마지막에 **한 번만** 씁니다.
# 테스트 세트로 설정을 고르면 테스트 정확도가 더는 "처음 보는 데이터"의 성능이 아니기 때문입니다.
# `fit(..., val_loader=...)` 은 에포크마다 검증 손실과 검증 정확도를 재서 기록(history)에 함께 넣습니다.

# %%
train_ds = TensorDataset(x_train, y_train)
fit_ds, val_ds = random_split(train_ds, [7000, 1000], generator=torch.Generator().manual_seed(0))
val_loader = DataLoader(val_ds, batch_size=1000)
print(f"학습 세트 {len(fit_ds)}장 | 검증 세트 {len(val_ds)}장 | 테스트 세트 {len(x_test)}장 (마지막에 한 번만)")
print("검증 세트의 숫자별 개수:", np.bincount(y_train_np[val_ds.indices], minlength=10).tolist())

# %%
torch.manual_seed(0)
seed_loader = DataLoader(fit_ds, batch_size=64, shuffle=True)
model = build_mlp().to(device)
seed_optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
seed_history = helpers.train.fit(model, seed_loader, nn.CrossEntropyLoss(), seed_optimizer, epochs=5, device=device,
                                 val_loader=val_loader)
seed_acc = test_accuracy(model)
print(f"기본 레시피 (5 에포크) 검증 정확도 {seed_history['val_acc'][-1]:.2%} | 테스트 정확도 {seed_acc:.2%}")

# %% [markdown]
# 같은 레시피로 ReLU 를 뺀 모델도 학습해 봅니다. 4절에서 본 대로 이 모델은 사실상 `Linear(784, 10)` 하나입니다.

# %%
torch.manual_seed(0)
no_relu = linear_stack().to(device)
helpers.train.fit(no_relu, DataLoader(fit_ds, batch_size=64, shuffle=True), nn.CrossEntropyLoss(),
                  torch.optim.Adam(no_relu.parameters(), lr=1e-3), epochs=5, device=device, progress=False)
no_relu_acc = test_accuracy(no_relu)
print(f"ReLU 없음: {no_relu_acc:.2%} | ReLU 있음: {seed_acc:.2%}")

# %% [markdown]
# 두 테스트 이미지 $a$ 와 $b$ 를 잇는 직선 위의 입력 $x(t) = (1-t)\,a + t\,b$ 를 넣고, 숫자별 로짓이 $t$ 에 따라 어떻게
# 변하는지 그려 봅니다.

# %%
i_a, i_b = 0, 1
ts = torch.linspace(0, 1, 101, device=device)
a, b = x_test[i_a].to(device), x_test[i_b].to(device)
path = (1 - ts)[:, None, None] * a + ts[:, None, None] * b          # (101, 28, 28)
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), sharex=True)
for ax, net, title in [(axes[0], no_relu, f"ReLU 없음 (정확도 {no_relu_acc:.1%})"),
                       (axes[1], model, f"ReLU 있음 (정확도 {seed_acc:.1%})")]:
    net.eval()
    with torch.no_grad():
        out = net(path).cpu()
    for digit in range(10):
        ax.plot(ts.cpu(), out[:, digit], label=str(digit), lw=2 if digit in (y_test_np[i_a], y_test_np[i_b]) else 0.8)
    ax.set_title(title)
    ax.set_xlabel(f"t (t=0: 숫자 {y_test_np[i_a]} 이미지, t=1: 숫자 {y_test_np[i_b]} 이미지)")
    ax.grid(alpha=0.3)
axes[0].set_ylabel("로짓")
axes[1].legend(ncol=2, fontsize=7, title="숫자")
plt.tight_layout()
plt.show()

# %% [markdown]
# **눈여겨볼 점**: ReLU 가 없는 모델의 로짓은 모두 **직선**입니다 (입력이 직선으로 움직이면 출력도 직선). ReLU 가
# 있는 모델의 로짓은 **휘어집니다**. 은닉 뉴런 384개가 각자 다른 $t$ 에서 켜지고 꺼지며 만든 작은 꺾임이 모여 곡선처럼 보이는 것입니다.
# 그만큼 복잡한 경계를 그릴 수 있어 정확도가 높습니다.
# 그래도 기본 레시피의 정확도는 목표 97% 에 못 미칩니다. 다음 절에서 이 간격을 메웁니다.
#
# 🧪 **해 보기**: `i_a, i_b` 를 다른 번호로 바꿔 보세요. 두 숫자가 비슷하게 생겼을 때(예: 4 와 9) 로짓이 바뀌는 $t$ 는 어디일까요?
#
# 📚 **더 읽을거리**: [torch.utils.data.random_split](https://docs.pytorch.org/docs/stable/data.html#torch.utils.data.random_split)
# · [d2l 3.6 일반화](https://d2l.ai/chapter_linear-regression/generalization.html)

# %% [markdown]
# ## 7. 과대적합을 보고, 20 에포크 안에 테스트 정확도 97% 넘기기
#
# 5 에포크로는 모자랄까요? 기본 레시피를 그대로 **15 에포크 더** (모두 20 에포크) 학습하며 학습 손실과 검증 손실을 함께 봅니다.
#
# **실행하기 전에 예상해 보세요**: 학습 손실은 계속 줄어들 것입니다. 검증 손실도 계속 줄어들까요?

# %%
more_history = helpers.train.fit(model, seed_loader, nn.CrossEntropyLoss(), seed_optimizer, epochs=15, device=device,
                                 val_loader=val_loader, progress=False)
long_history = {key: seed_history[key] + more_history[key] for key in seed_history}
best_epoch = int(np.argmin(long_history["val_loss"])) + 1
epochs_axis = range(1, len(long_history["val_loss"]) + 1)
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
axes[0].plot(epochs_axis, long_history["train_loss"], marker="o", label="학습 손실")
axes[0].plot(epochs_axis, long_history["val_loss"], marker="o", label="검증 손실")
axes[0].axvline(best_epoch, color="gray", ls="--", label=f"검증 손실 최저 (에포크 {best_epoch})")
axes[0].set_ylabel("교차 엔트로피")
axes[1].plot(epochs_axis, long_history["train_acc"], marker="o", label="학습 정확도")
axes[1].plot(epochs_axis, long_history["val_acc"], marker="o", label="검증 정확도")
axes[1].set_ylabel("정확도")
for ax, title in zip(axes, ["기본 레시피 20 에포크: 손실", "기본 레시피 20 에포크: 정확도"]):
    ax.set_title(title)
    ax.set_xlabel("에포크 (epoch)")
    ax.set_xticks(range(0, len(epochs_axis) + 1, 5))
    ax.grid(alpha=0.3)
    ax.legend()
plt.tight_layout()
plt.show()
gap = long_history["train_acc"][-1] - long_history["val_acc"][-1]
print(f"검증 손실: 가장 낮을 때(에포크 {best_epoch}) {min(long_history['val_loss']):.3f} → 20 에포크 {long_history['val_loss'][-1]:.3f}")
print(f"20 에포크: 학습 정확도 {long_history['train_acc'][-1]:.2%} | 검증 정확도 {long_history['val_acc'][-1]:.2%} (차이 {gap:.2%})")

# %% [markdown]
# **눈여겨볼 점**: 학습 손실은 0 을 향해 계속 내려가지만, 검증 손실은 어느 에포크(점선)에서 바닥을 찍고 **다시 올라갑니다**.
# 학습 정확도는 100% 에 가까워지는데 검증 정확도는 거기에 한참 못 미칩니다. 모델이 학습 이미지 7000장을 **외우기**
# 시작한 것입니다. 이것이 **과대적합(overfitting)** 이고, 학습 데이터만 보아서는 알 수 없습니다: 검증 곡선이 있어야 보입니다.
# 검증 손실이 오르는데도 검증 정확도는 크게 떨어지지 않는 것은, 틀린 이미지에 대한 확신이 점점 커지기 때문입니다
# (손실은 확신도까지 따지고, 정확도는 맞았는지만 봅니다).
#
# 데이터가 적을 때 과대적합을 줄이고 정확도를 올리려고 네 가지를 더합니다.
#
# 1. **에포크와 학습률 스케줄**: 20 에포크, Adam 학습률 0.003 에서 시작해 `CosineAnnealingLR` 로 0 까지 줄입니다 (6단원).
# 2. **드롭아웃** 0.1: 학습 중 은닉 값의 10% 를 무작위로 지웁니다. 평가 때는 `model.eval()` 로 꺼야 합니다.
# 3. **레이블 스무딩(label smoothing)** 0.1: 정답을 "100% 이 숫자" 대신 "91% 이 숫자, 나머지 각 1%" 로 둡니다.
#    모델이 로짓을 한없이 키우며 과신하는 것을 막습니다.
# 4. **이동 증강(shift augmentation)**: 배치마다 이미지를 상하좌우로 최대 2픽셀 무작위로 옮깁니다. 옮겨도 같은 숫자이므로
#    정답은 그대로이고, 모델은 에포크마다 조금씩 다른 이미지를 봅니다. `helpers.train.random_shift` 가 이 일을 하고,
#    `fit(..., augment=...)` 에 넘기면 **학습 배치에만** 적용됩니다.
#
# **실행하기 전에 예상해 보세요**: 이미지를 2픽셀 옮기면 사람 눈에는 같은 숫자입니다. 784 차원 벡터로는 얼마나 다를까요?

# %%
gen = torch.Generator().manual_seed(3)
same_digit = x_train[:1].repeat(8, 1, 1)                           # one image, 8 copies
shifted = helpers.train.random_shift(same_digit, max_shift=2, generator=gen)
helpers.plot.show_images(shifted, labels=[int(y_train[0])] * 8, ncols=8)
plt.show()

# %%
logits_demo = torch.tensor([[3.0, 1.0, 0.2]])
target_demo = torch.tensor([0])
eps = 0.1
log_p = logits_demo.log_softmax(dim=1)
manual = (1 - eps) * -log_p[0, 0] + eps * -log_p.mean()
print(f"label_smoothing=0.1 손실: {nn.CrossEntropyLoss(label_smoothing=eps)(logits_demo, target_demo).item():.4f}")
print(f"직접 계산 (1-ε)·CE + ε·(모든 클래스 -log p 의 평균): {manual.item():.4f}")

# %% [markdown]
# ### 최종 레시피: 검증 세트로 재며 학습하기
#
# 네 가지를 모두 더한 **최종 레시피**를 같은 7000장으로 학습하고, 에포크마다 같은 검증 세트 1000장으로 잽니다.
# 설정을 바꿔 가며 다시 재기 쉽도록 레시피를 함수 하나로 만듭니다. 기본값이 최종 레시피입니다.
#
# **실행하기 전에 예상해 보세요**: 이번에는 검증 손실이 다시 올라갈까요? 학습 정확도와 검증 정확도 중 어느 쪽이 더 높을까요?

# %%
EPOCHS = 20


def run_recipe(lr: float = 3e-3, batch_size: int = 128, p_drop: float = 0.1, label_smoothing: float = 0.1,
               max_shift: int = 2, cosine: bool = True, epochs: int = EPOCHS, seed: int = 0,
               progress: bool | None = None) -> tuple[nn.Sequential, dict[str, list[float]]]:
    """Train build_mlp(p_drop) on fit_ds with one recipe, validating on val_ds every epoch; return (model, history)."""
    torch.manual_seed(seed)
    loader = DataLoader(fit_ds, batch_size=batch_size, shuffle=True)
    net = build_mlp(p_drop=p_drop).to(device)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=epochs) if cosine else None
    shift = functools.partial(helpers.train.random_shift, max_shift=max_shift) if max_shift > 0 else None
    hist = helpers.train.fit(net, loader, nn.CrossEntropyLoss(label_smoothing=label_smoothing), opt, epochs=epochs,
                             device=device, val_loader=val_loader, scheduler=sched, augment=shift, progress=progress)
    return net, hist


start = time.perf_counter()
model, history = run_recipe()
train_seconds = time.perf_counter() - start
print(f"학습 {train_seconds:.1f}초 (이 컴퓨터의 벽시계 시간) | 검증 정확도 {history['val_acc'][-1]:.2%}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 3.6))
axes[0].plot(epochs_axis, history["train_loss"], marker="o", label="학습 손실")
axes[0].plot(epochs_axis, history["val_loss"], marker="o", label="검증 손실")
axes[0].set_ylabel("교차 엔트로피 (레이블 스무딩 0.1)")
axes[0].set_title("최종 레시피: 손실")
axes[1].plot(epochs_axis, long_history["val_acc"], marker="o", color="tab:gray", label="기본 레시피: 검증")
axes[1].plot(epochs_axis, history["train_acc"], marker="o", label="최종 레시피: 학습 (증강·드롭아웃 켠 채)")
axes[1].plot(epochs_axis, history["val_acc"], marker="o", label="최종 레시피: 검증")
axes[1].set_ylabel("정확도")
axes[1].set_title("정확도: 기본 레시피와 최종 레시피")
for ax in axes:
    ax.set_xlabel("에포크 (epoch)")
    ax.set_xticks(range(0, EPOCHS + 1, 5))
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
plt.tight_layout()
plt.show()

# %% [markdown]
# **눈여겨볼 점**: 이번에는 검증 손실이 다시 오르지 않고 끝까지 내려가거나 평평해집니다. 학습 정확도는 증강한 이미지와
# 드롭아웃이 켜진 모델로 잰 값이라 검증 정확도보다 **낮습니다**: 학습 중에 일부러 문제를 어렵게 만든 것입니다.
# 레이블 스무딩이 있으면 손실은 0 까지 내려가지 않습니다 (정답에 91% 만 주라고 했으니까요). 그래서 이 손실은
# 기본 레시피의 손실과 크기를 비교할 수 없고, 두 레시피는 검증 **정확도**로 비교합니다.
#
# ### 검증 정확도의 차이는 잡음보다 큰가?
#
# 검증 이미지가 1000장뿐이라 검증 정확도에도 잡음이 있습니다. 정확도 $p$ 를 $n$ 장으로 재면 표준 오차(standard error)는
# 약 $\sqrt{p(1-p)/n}$ 입니다. 두 설정의 차이가 이것의 2배보다 작으면 "효과가 있다"고 말하기 어렵습니다.

# %%
n_val = len(val_ds)
rows = [("기본 레시피, 5 에포크", long_history["val_acc"][4]),
        ("기본 레시피, 20 에포크", long_history["val_acc"][-1]),
        (f"기본 레시피, 검증 손실이 가장 낮은 에포크 {best_epoch}", long_history["val_acc"][best_epoch - 1]),
        ("최종 레시피, 20 에포크", history["val_acc"][-1])]
print(f"{'설정 (검증 세트 ' + str(n_val) + '장)':44s} 정확도   표준 오차")
for name, acc in rows:
    print(f"{name:44s} {acc:6.2%}   ±{np.sqrt(acc * (1 - acc) / n_val):.2%}")
diff = history["val_acc"][-1] - long_history["val_acc"][-1]
se_diff = np.sqrt(sum(a * (1 - a) / n_val for a in (history["val_acc"][-1], long_history["val_acc"][-1])))
print(f"최종 - 기본(20 에포크) = {diff:+.2%}p, 차이의 표준 오차 ±{se_diff:.2%}p → "
      + ("잡음보다 뚜렷이 큼" if abs(diff) > 2 * se_diff else "잡음과 구별하기 어려움"))

# %% [markdown]
# **눈여겨볼 점**: 최종 레시피는 네 가지를 **한꺼번에** 바꿨습니다. 그중 무엇이 얼마나 보탰는지는 하나씩 빼고 다시 재야 알 수 있고,
# 하나를 뺀 차이는 보통 위의 합친 효과보다 훨씬 작아서 표준 오차와 비슷해지기 쉽습니다. 그런 차이는 시드를 바꿔 여러 번 재기
# 전에는 "효과가 있다"고 말할 수 없습니다. 드롭아웃 0.1 은 평가 모드를 잊는 실수(⚠️ 3)를 보여 주려고도 남겨 둡니다.
#
# 🧪 **해 보기** (한 번에 약 10초): `run_recipe(max_shift=0)`, `run_recipe(label_smoothing=0.0)`, `run_recipe(p_drop=0.0)`,
# `run_recipe(cosine=False)` 로 하나씩 빼고 `history["val_acc"][-1]` 을 위 표와 비교해 보세요. 차이가 표준 오차의 2배를 넘는 것은
# 무엇인가요? `seed=1, 2` 로 다시 재면 순위가 바뀌나요? 기본 레시피의 검증 손실이 가장 낮았던 에포크에서 멈추는 것(조기 종료,
# early stopping)은 20 에포크와 비교해 어떤가요?
#
# ### 테스트 세트로 한 번만
#
# 검증 세트로 고른 최종 레시피의 모델을 이제 테스트 세트로 **한 번** 잽니다. (검증 이미지까지 8000장 전체로 다시 학습한 뒤 재는
# 방법도 흔히 씁니다.)

# %%
final_acc = test_accuracy(model)
print(f"최종 레시피 테스트 정확도 {final_acc:.2%} (기본 레시피 5 에포크 {seed_acc:.2%}) | 예산 {EPOCHS} 에포크")
assert final_acc >= 0.97, "테스트 정확도가 97% 에 못 미칩니다"

# %% [markdown]
# 목표는 시간(초)이 아니라 **에포크 수**로 정했습니다. 같은 20 에포크라도 걸리는 시간은 컴퓨터마다, 그리고 같은 컴퓨터에서도
# 다른 프로그램이 얼마나 바쁜지에 따라 몇 배씩 달라지기 때문입니다.
#
# 📚 **더 읽을거리**: [d2l 5.5 딥러닝의 일반화](https://d2l.ai/chapter_multilayer-perceptrons/generalization-deep.html)
# · [d2l 5.6 드롭아웃](https://d2l.ai/chapter_multilayer-perceptrons/dropout.html)
# · [torch.nn.Dropout](https://docs.pytorch.org/docs/stable/generated/torch.nn.Dropout.html)
# · [CosineAnnealingLR](https://docs.pytorch.org/docs/stable/generated/torch.optim.lr_scheduler.CosineAnnealingLR.html)

# %% [markdown]
# ## 8. 저장하고 다시 불러와 추론하기
#
# `model.state_dict()` (매개변수 이름 → 텐서 사전)만 `.pth` 파일로 저장합니다. 불러올 때는 **같은 구조의 모델을 먼저
# 만들고** `load_state_dict` 로 값을 채웁니다. 파일은 임시 폴더에 씁니다 (저장소를 더럽히지 않게).
#
# **실행하기 전에 예상해 보세요**: 저장한 파일은 몇 KB 쯤일까요? (힌트: 매개변수 하나는 float32, 4바이트)

# %%
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "mnist_mlp.pth"
    torch.save(model.state_dict(), path)
    print(f"저장: {path.name} ({path.stat().st_size / 1024:.0f} KB ≈ 매개변수 {n_params:,d}개 × 4바이트)")
    state = torch.load(path, map_location=device)      # weights_only=True: 텐서 사전만 읽음
print("저장된 키:", list(state.keys()))

# %%
restored = build_mlp().to(device)    # same layers; dropout is off in eval mode anyway
restored.load_state_dict(state)
restored.eval()
model.eval()
with torch.no_grad():
    same = torch.equal(restored(x_test.to(device)), model(x_test.to(device)))
print("불러온 모델의 로짓이 원래 모델과 같은가:", same, f"| 테스트 정확도 {test_accuracy(restored):.2%}")


# %% [markdown]
# 추론 함수는 학습 때와 **같은 전처리**(`preprocess`)를 쓰고, 평가 모드와 `torch.no_grad()` 안에서 예측합니다.
# 원본 `uint8` 이미지를 받으니 밖에서 전처리를 잊을 일이 없습니다.

# %%
def predict(net: nn.Module, images: np.ndarray) -> torch.Tensor:
    """Predicted digits (int64, CPU) for raw uint8 images (N, 28, 28), preprocessed as in training."""
    net.eval()
    with torch.no_grad():
        return net(preprocess(images).to(device)).argmax(dim=1).cpu()


picks = np.random.default_rng(7).choice(len(x_test_raw), size=3, replace=False)
picked_preds = predict(restored, x_test_raw[picks])
print("고른 테스트 이미지 번호:", picks.tolist(), "| 예측:", picked_preds.tolist(), "| 정답:", y_test_np[picks].tolist())
helpers.plot.show_images(x_test_raw[picks], labels=y_test_np[picks], preds=picked_preds, ncols=3)
plt.show()

# %%
with torch.no_grad():
    picked_probs = restored(preprocess(x_test_raw[picks]).to(device)).softmax(dim=1).cpu()
fig, axes = plt.subplots(1, 3, figsize=(11, 2.8), sharey=True)
for ax, prob, label in zip(axes, picked_probs, y_test_np[picks]):
    ax.bar(range(10), prob, color=["tab:green" if d == label else "tab:gray" for d in range(10)])
    ax.set_xticks(range(10))
    ax.set_title(f"정답 {label}: 확률 {prob[label]:.1%}")
    ax.set_xlabel("숫자")
axes[0].set_ylabel("softmax 확률")
plt.tight_layout()
plt.show()

# %% [markdown]
# 🧪 **해 보기**: `build_mlp(p_drop=0.5)` 로 만든 모델에 같은 `state_dict` 를 불러와도 될까요? `nn.Linear(784, 512)` 로 첫 층을
# 바꾼 모델에는요? 직접 `load_state_dict` 를 불러 오류 메시지를 읽어 보세요.
#
# 📚 **더 읽을거리**: [PyTorch 튜토리얼: 모델 저장하고 불러오기](https://docs.pytorch.org/tutorials/beginner/saving_loading_models.html)
# · [torch.load](https://docs.pytorch.org/docs/stable/generated/torch.load.html)
# · [d2l 6.6 파일 입출력](https://d2l.ai/chapter_builders-guide/read-write.html)

# %% [markdown]
# ## 9. 혼동 행렬: 어떤 숫자를 헷갈릴까?
#
# 혼동 행렬의 $(i, j)$ 칸은 "정답이 $i$ 인데 $j$ 로 예측한 이미지 수"입니다. 대각선이 맞힌 수이고,
# 대각선 밖의 큰 칸이 모델이 자주 하는 실수입니다. 정확도 하나로는 **어떤** 숫자를 틀리는지 보이지 않습니다.
#
# **실행하기 전에 예상해 보세요**: 어떤 두 숫자를 가장 자주 헷갈릴까요? 행의 합과 대각선의 합은 각각 무엇일까요?

# %%
test_preds = predict(restored, x_test_raw).numpy()
digits = [str(d) for d in range(10)]
helpers.plot.plot_confusion_matrix(y_test_np, test_preds, digits,
                                   title=f"테스트 {len(y_test_np)}장의 혼동 행렬 (정확도 {final_acc:.2%})")
plt.show()

# %%
cm = helpers.plot.confusion_matrix(y_test_np, test_preds, 10)
per_digit = cm.diagonal() / cm.sum(axis=1)
mistakes = [(int(cm[i, j]), i, j) for i in range(10) for j in range(10) if i != j and cm[i, j] > 0]
top_pairs = sorted(mistakes, key=lambda m: (-m[0], m[1], m[2]))[:5]
print("가장 자주 헷갈린 (정답 → 예측) 쌍:")
for count, true_digit, pred_digit in top_pairs:
    print(f"  {true_digit} → {pred_digit}: {count}장")
plt.figure(figsize=(6, 3))
plt.bar(range(10), per_digit)
plt.ylim(per_digit.min() - 0.03, 1.0)
plt.xticks(range(10))
plt.xlabel("정답 숫자")
plt.ylabel("그 숫자를 맞힌 비율")
plt.title("숫자별 정확도")
plt.show()

# %%
wrong = np.flatnonzero(test_preds != y_test_np)
top_true, top_pred = top_pairs[0][1], top_pairs[0][2]
first_pair = wrong[(y_test_np[wrong] == top_true) & (test_preds[wrong] == top_pred)]
others = np.setdiff1d(wrong, first_pair)[: 16 - len(first_pair[:8])]
examples = np.concatenate([first_pair[:8], others])
print(f"틀린 이미지 {len(wrong)}장 중 {len(examples)}장 (앞쪽은 가장 잦은 {top_true} → {top_pred} 실수):")
helpers.plot.show_images(x_test_raw[examples], labels=y_test_np[examples], preds=test_preds[examples], ncols=8)
plt.show()


# %% [markdown]
# **눈여겨볼 점**: 틀린 이미지 중에는 사람이 봐도 애매한 글씨가 많습니다. 자주 헷갈리는 쌍은 획 모양이 비슷한 숫자들입니다.
# MLP 는 픽셀의 이웃 관계를 모르니, 획이 몇 픽셀 어긋나거나 두께가 다르면 약합니다. 9단원의 CNN 이 이 약점을 줄입니다.
#
# 🧪 **해 보기**: 같은 혼동 행렬을 기본 레시피(ReLU 없는 `no_relu`)의 예측으로도 그려 보세요. 어느 칸이 가장 많이 줄었나요?
#
# 📚 **더 읽을거리**: [scikit-learn: 혼동 행렬](https://scikit-learn.org/stable/modules/model_evaluation.html#confusion-matrix)

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 1. `zero_grad()` 를 빼먹는다: 기울기가 누적된다
#
# `backward()` 는 `.grad` 에 **더합니다**. 배치마다 지우지 않으면 지난 배치들의 기울기가 쌓여 엉뚱한 방향으로 걷습니다.
# 기본 레시피로 한 에포크만, 학습 루프를 직접 써서 비교합니다.
#
# **실행하기 전에 예상해 보세요**: Adam 은 기울기의 크기를 스스로 조절합니다. 그래도 `zero_grad()` 를 빼면 정확도가 떨어질까요?

# %%
def one_epoch_by_hand(zero_grad: bool) -> float:
    """One epoch of the basic recipe with a hand-written loop; returns the test accuracy."""
    torch.manual_seed(0)
    net = build_mlp().to(device)
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    ce = nn.CrossEntropyLoss()
    net.train()
    for xb, yb in tqdm(DataLoader(train_ds, batch_size=64, shuffle=True), desc=f"zero_grad={zero_grad}", leave=False):
        xb, yb = xb.to(device), yb.to(device)
        if zero_grad:
            opt.zero_grad()
        ce(net(xb), yb).backward()
        opt.step()
    return test_accuracy(net)


# %% tags=["raises-exception"]
acc_no_zero = one_epoch_by_hand(zero_grad=False)            # 틀림
print(f"zero_grad 없이 1 에포크: 테스트 정확도 {acc_no_zero:.2%}")
assert acc_no_zero > 0.85, "기울기가 누적되어 학습이 망가졌습니다"

# %%
acc_zero = one_epoch_by_hand(zero_grad=True)                # 맞음
print(f"zero_grad 있이 1 에포크: 테스트 정확도 {acc_zero:.2%}")
assert acc_zero > 0.85

# %% [markdown]
# ### 2. `model.forward(x)` 를 직접 부른다: 훅이 조용히 빠진다
#
# 예측한 숫자를 기록하려고 모델에 훅(hook)을 달았습니다. `forward` 를 직접 부르면 `__call__` 을 건너뛰어 훅이 돌지 않고,
# 기록을 꺼내는 순간에야 오류가 납니다.

# %% tags=["raises-exception"]
recorded = []
hook = restored.register_forward_hook(lambda module, inputs, output: recorded.append(output.argmax(dim=1).cpu()))
with torch.no_grad():
    restored.forward(x_test[:5].to(device))                 # 틀림: 훅을 건너뜀
hook.remove()
print("기록된 예측:", recorded[-1].tolist())

# %%
recorded = []
hook = restored.register_forward_hook(lambda module, inputs, output: recorded.append(output.argmax(dim=1).cpu()))
with torch.no_grad():
    restored(x_test[:5].to(device))                         # 맞음: 모델을 함수처럼 호출
hook.remove()
print("기록된 예측:", recorded[-1].tolist(), "| 정답:", y_test_np[:5].tolist())

# %% [markdown]
# ### 3. 평가할 때 `model.eval()` / `torch.no_grad()` 를 빼먹는다
#
# 직접 쓴 학습 루프 안의 모델, 그리고 `val_loader` 없이 `fit` 이 끝난 모델은 학습 모드(train mode)입니다. 드롭아웃이 켜진 채로
# 예측하면 같은 이미지에도 답이 실행할 때마다 달라지고, 정확도도 조금 떨어집니다.
#
# **실행하기 전에 예상해 보세요**: 학습 모드로 같은 테스트 이미지들을 두 번 예측하면, 답이 다른 이미지는 몇 장쯤일까요?

# %% tags=["raises-exception"]
model.train()                                               # 학습 루프 안의 상태
x_all, y_all = x_test.to(device), y_test.to(device)
with torch.no_grad():
    run1, run2 = model(x_all).argmax(dim=1), model(x_all).argmax(dim=1)   # 틀림: 학습 모드 그대로
print(f"두 번 예측이 다른 이미지: {(run1 != run2).sum().item()}장 | 정확도 {(run1 == y_all).float().mean():.2%}, {(run2 == y_all).float().mean():.2%}")
assert torch.equal(run1, run2), "같은 입력인데 예측이 달라집니다 (드롭아웃이 켜져 있음)"

# %% tags=["raises-exception"]
out = model.eval()(x_all[:3])                               # eval 은 했지만 no_grad 를 빼먹음
print("grad_fn:", out.grad_fn)
out.cpu().numpy()                                           # 틀림: 그래프가 붙은 텐서는 NumPy 로 바꿀 수 없음

# %%
model.eval()                                                # 맞음: 평가 모드
with torch.no_grad():                                       # 맞음: 그래프 기록 끄기
    run1, run2 = model(x_all).argmax(dim=1), model(x_all).argmax(dim=1)
    as_numpy = model(x_all[:3]).cpu().numpy()
print(f"두 번 예측이 다른 이미지: {(run1 != run2).sum().item()}장 | 정확도 {(run1 == y_all).float().mean():.2%} | NumPy 모양 {as_numpy.shape}")
assert torch.equal(run1, run2)

# %% [markdown]
# ### 4. 추론할 때 전처리가 학습 때와 다르다
#
# 모델은 `preprocess` 로 0 ~ 1 로 바꾼 이미지로 학습했습니다. 추론 때 다른 전처리를 하면 세 가지 일이 벌어집니다.
#
# (가) `uint8` 텐서를 그대로 넣으면 자료형이 달라 바로 오류가 납니다.

# %% tags=["raises-exception"]
with torch.no_grad():
    model(torch.from_numpy(x_test_raw[:5]).to(device))      # 틀림: uint8 그대로

# %% [markdown]
# (나) `float` 로만 바꾸고 `/255` 를 빼먹으면 **오류가 나지 않습니다**. 정확도부터 재 봅시다.

# %%
with torch.no_grad():
    raw_logits = model(torch.tensor(x_test_raw, dtype=torch.float32, device=device))   # 틀림: /255 를 빼먹음
    ok_logits = model(preprocess(x_test_raw).to(device))
for name, lg in [("0~255 그대로", raw_logits), ("/255 정규화", ok_logits)]:
    conf = lg.softmax(dim=1).max(dim=1).values
    wrong_mask = lg.argmax(dim=1) != y_all
    print(f"{name:10s} 정확도 {accuracy(lg, y_all):.2%} | 손실 {F.cross_entropy(lg, y_all).item():.3f} | "
          f"틀린 예측의 평균 확신도 {conf[wrong_mask].mean().item():.1%}")

# %% [markdown]
# 정확도는 거의 그대로입니다! 이 MLP 는 ReLU 와 작은 편향으로 되어 있어 입력을 255 배 하면 로짓도 대략 255 배가 될 뿐,
# 가장 큰 로짓의 위치는 잘 바뀌지 않습니다. 하지만 로짓이 커진 만큼 softmax 확률이 100% 로 포화되어,
# **틀린 답까지 99% 넘게 확신**하고 손실은 수십 배가 됩니다. "확신도가 낮으면 사람에게 넘긴다" 같은 규칙은 모두 무너집니다.

# %% tags=["raises-exception"]
raw_conf = raw_logits.softmax(dim=1).max(dim=1).values
raw_wrong = raw_logits.argmax(dim=1) != y_all
print(f"0~255 입력: 틀린 {raw_wrong.sum().item()}장의 평균 확신도 {raw_conf[raw_wrong].mean().item():.1%}")
assert raw_conf[raw_wrong].mean() < 0.9, "틀린 답을 거의 100% 확신합니다: 확률을 믿을 수 없습니다"

# %% [markdown]
# (다) 다른 강좌에서 본 전처리를 추론 때만 쓰면 (예: 평균 0.1307, 표준편차 0.3081 로 표준화) 정확도가 무너집니다.
# 모델은 배경이 0 인 이미지만 보았는데, 표준화하면 배경이 −0.42 가 되기 때문입니다.

# %% tags=["raises-exception"]
with torch.no_grad():
    std_logits = model(((preprocess(x_test_raw) - 0.1307) / 0.3081).to(device))   # 틀림: 학습 때 안 한 표준화
std_acc = accuracy(std_logits, y_all)
print(f"학습 때와 다른 표준화로 추론한 정확도: {std_acc:.2%} (같은 전처리면 {final_acc:.2%})")
assert std_acc > 0.97, "추론 전처리가 학습 때와 달라 정확도가 무너졌습니다"

# %%
with torch.no_grad():
    fixed_acc = accuracy(model(preprocess(x_test_raw).to(device)), y_all)    # 맞음: 학습 때와 같은 preprocess
print(f"학습 때와 같은 preprocess 로 추론한 정확도: {fixed_acc:.2%}")

# %% [markdown]
# 고치는 법: 전처리를 함수 하나(`preprocess`)로 만들어 학습과 추론에서 **같은 함수**를 부릅니다. 8절의 `predict` 처럼
# 원본 이미지를 받아 안에서 전처리하는 추론 함수를 만들면 잊을 일이 없습니다.

# %% [markdown]
# ### 5. 이미지 배치의 모양을 잘못 바꾼다
#
# `x.view(-1, 28)` 은 이미지 한 장을 28줄로 쪼개 **오류**가 납니다. 높이와 너비를 뒤바꾸는(`transpose`) 실수는 더 위험합니다.
# 모양은 그대로라 오류 없이 정확도만 떨어집니다.

# %% tags=["raises-exception"]
with torch.no_grad():
    model[1:](x_test[:4].to(device).view(-1, 28))         # 틀림: Flatten 대신 직접 (4, 28, 28) -> (112, 28)

# %% tags=["raises-exception"]
with torch.no_grad():
    acc_t = accuracy(model(x_test.transpose(1, 2).to(device)), y_all)    # 틀림: 행과 열을 뒤바꿈
print(f"높이·너비를 뒤바꾼 입력의 정확도: {acc_t:.2%}")
assert acc_t > 0.97, "픽셀 순서가 학습 때와 달라 정확도가 무너졌습니다"

# %%
with torch.no_grad():
    acc_ok = accuracy(model[1:](x_test.to(device).reshape(len(x_test), 784)), y_all)   # 맞음: (N, 784)
print(f"reshape(N, 784) 또는 nn.Flatten: {acc_ok:.2%}")

# %% [markdown]
# ### 6. softmax 를 한 뒤 `CrossEntropyLoss` 에 넣는다
#
# `CrossEntropyLoss` 는 안에서 softmax 를 계산합니다. 확률을 넣으면 softmax 가 두 번 적용되어 오류 없이 손실이 이상해집니다.
# 확률은 0 ~ 1 이라, 완벽하게 맞혀도 손실이 $-\ln\frac{e}{e + 9} \approx 1.46$ 아래로 내려갈 수 없습니다.

# %% tags=["raises-exception"]
with torch.no_grad():
    test_logits = model(x_all)
    loss_right = F.cross_entropy(test_logits, y_all).item()
    loss_wrong = F.cross_entropy(test_logits.softmax(dim=1), y_all).item()      # 틀림
floor = -np.log(np.e / (np.e + 9))
print(f"로짓을 넣은 손실: {loss_right:.3f} | softmax 후 넣은 손실: {loss_wrong:.3f} (넘을 수 없는 바닥 {floor:.3f})")
assert loss_wrong < 0.5, "softmax 를 두 번 적용해 손실이 바닥에 막혔습니다"

# %% [markdown]
# 고치는 법: 모델은 로짓을 내고, 손실에는 로짓을 그대로 넣습니다. 확률은 사람에게 보여 줄 때만 `softmax(dim=1)` 로 만듭니다
# (8절의 막대그래프).

# %% [markdown]
# ## 📝 요약
#
# 1. 28×28 이미지는 `nn.Flatten()` (또는 `reshape(N, 784)`)으로 행을 차례로 이어 784 차원 벡터로 폅니다. `view(-1, 28)` 은
#    오류가 나고, 높이·너비를 뒤바꾸면 오류 없이 정확도만 무너집니다.
# 2. 가중치는 작은 입력을 가정하고 초기화되므로 픽셀을 `/255` 로 0 ~ 1 로 만듭니다 (학습 전 손실이 $\ln 10$ 근처).
#    추론 때도 **같은** `preprocess` 를 써야 합니다. `/255` 를 잊으면 이 ReLU MLP 는 정확도가 거의 그대로라 더 위험합니다:
#    확률이 포화되어 틀린 답도 99% 넘게 확신합니다. 학습 때 안 한 표준화를 추론 때만 하면 정확도가 무너집니다.
# 3. `CrossEntropyLoss` 가 안에서 softmax 를 계산하므로 모델은 로짓을 냅니다. softmax 를 한 번 더 하면 손실이 1.46 아래로
#    못 내려갑니다. 확률은 보여 줄 때만 `softmax(dim=1)` 로, 예측은 `argmax(dim=1)` 로 얻습니다. 로짓을 온도 $T$ 로 나누면
#    $T$ 가 작을수록 확률이 한 클래스로 몰리고 클수록 고르게 퍼지지만, 확률의 순서(예측)는 그대로입니다.
# 4. ReLU 가 없으면 $W_3W_2W_1$ 이 784×10 행렬 하나가 되어 모델 전체가 `Linear(784, 10)` 과 같아집니다 (차이는 반올림 오차).
#    ReLU 의 꺾임이 비선형성을 주어 정확도를 크게 올립니다.
# 5. 학습 이미지에서 검증 세트 1000장을 떼어 내고 에포크마다 재면 과대적합이 보입니다: 기본 레시피는 학습 손실이 계속
#    내려가는 동안 검증 손실이 바닥을 찍은 뒤 다시 올랐습니다. 학습률 스케줄·드롭아웃·레이블 스무딩·이동 증강을 **함께** 쓴
#    최종 레시피는 검증 정확도를 잡음(표준 오차)보다 뚜렷하게 올렸고, 20 에포크 안에 테스트 정확도 97% 를 넘겼습니다.
#    네 기법 하나하나의 몫은 하나씩 빼며 다시 재야 하고, 표준 오차와 비슷한 차이는 효과라고 말할 수 없습니다.
#    설정은 검증 세트로 고르고, 테스트 세트는 마지막에 한 번만 씁니다.
# 6. `.pth` 에는 `state_dict`(층 이름 → 가중치 텐서)만 들어 있습니다. 불러올 때는 같은 구조의 모델(`build_mlp()`)을 만들어
#    `load_state_dict` 로 채우고, `eval()` 과 `no_grad()` 로 추론합니다. 전처리도 학습 때와 같아야 합니다.
# 7. 혼동 행렬은 어떤 정답을 어떤 숫자로 틀렸는지 칸마다 보여 줍니다. 대각선 밖의 큰 칸(가장 자주 헷갈린 쌍)과
#    숫자별 정확도로 모델의 약점을 찾습니다.

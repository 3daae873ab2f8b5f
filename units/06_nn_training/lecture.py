# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset, TensorDataset
from tqdm.auto import tqdm

import helpers

device = helpers.setup(seed=0)


# %% [markdown]
# ## 🎯 학습 목표
#
# - `nn.Module` 을 상속해 `__init__` 에는 층(layer)을, `forward` 에는 계산 흐름을 적고, 모델은 `model(x)` 로 호출한다.
# - `nn.Linear`·활성화 함수(activation function)·`nn.Sequential` 로 신경망을 조립하고, 활성화 함수가 왜 필요한지 설명한다.
# - 문제에 맞는 손실 함수(`MSELoss`, `CrossEntropyLoss`)와 옵티마이저(optimizer: SGD, Adam), 학습률 스케줄러(learning rate scheduler)를 고른다.
# - `Dataset`/`DataLoader` 로 미니배치(mini-batch)를 만들고, `zero_grad → backward → step` 학습 루프(training loop)를 직접 쓴다.
# - 2차원 분류 문제에서 선형 모델과 MLP 의 **결정 경계(decision boundary)** 를 그려 비교하고, 배치 크기에 따라 학습 곡선이 어떻게 달라지는지 잰다.
# - `model.eval()` 과 `torch.no_grad()` 로 평가하고, `state_dict` 로 모델을 저장하고 다시 불러온다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. `model.forward(x)` 대신 `model(x)` 로 불러야 하는 이유는 무엇일까?
# 2. `nn.Linear` 만 여러 층 쌓으면 왜 여전히 직선(선형 함수)밖에 못 그릴까?
# 3. `CrossEntropyLoss` 에는 확률을 넣어야 할까, 로짓(logit)을 넣어야 할까? 정답은 어떤 자료형이어야 할까?
# 4. 학습 루프에서 `optimizer.zero_grad()` 를 빼먹으면 무슨 일이 생길까?
# 5. 손실 곡선이 평평해졌는데도 미니배치 SGD 의 직선이 닫힌 해(closed form)와 어긋나는 이유는? 어떻게 고칠까? 배치 크기는 학습을 어떻게 바꿀까?
# 6. 평가할 때 `model.eval()` 과 `torch.no_grad()` 는 각각 무엇을 바꿀까?
# 7. 모델을 저장할 때 무엇을 함께 저장해야 나중에 같은 예측을 얻을까?

# %% [markdown]
# ## 1. `nn.Module`: `__init__` 과 `forward`
#
# 파이토치(PyTorch)의 모든 신경망은 `torch.nn.Module` 을 상속한 클래스입니다. 두 곳만 채우면 됩니다.
#
# - `__init__`: 모델에 필요한 부품(층)을 만들어 속성으로 붙입니다. 맨 먼저 `super().__init__()` 을 불러야 합니다.
# - `forward(x)`: 입력 `x` 가 부품들을 어떤 순서로 지나 출력이 되는지 적습니다.
#
# 속성으로 붙인 층의 가중치(weight)와 편향(bias)은 **매개변수(parameter)** 로 자동 등록되어
# `model.parameters()` 에 나타나고, 옵티마이저는 이 목록을 받아 값을 고칩니다.
#
# **실행하기 전에 예상해 보세요**: `TinyNet(2, 8, 1)` 의 매개변수 텐서는 몇 개이고, 숫자는 모두 몇 개일까요?

# %%
class TinyNet(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int):
        super().__init__()                      # 반드시 먼저 호출
        self.fc1 = nn.Linear(in_features, hidden)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(hidden, out_features)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.act(self.fc1(x)))


model = TinyNet(2, 8, 1).to(device)
print(model)

# %%
for name, p in model.named_parameters():
    print(f"{name:12s} 모양 {tuple(p.shape)}")
print("매개변수 개수:", sum(p.numel() for p in model.parameters()), "= 2×8 + 8 + 8×1 + 1")

# %%
x = torch.randn(5, 2, device=device)   # 배치 5개, 특성 2개
out = model(x)                          # forward 를 직접 부르지 않고 모델을 함수처럼 호출
print("입력", tuple(x.shape), "→ 출력", tuple(out.shape), "| grad_fn:", out.grad_fn.name())

# %% [markdown]
# **눈여겨볼 점**: 출력 모양은 `(배치, out_features)` 입니다. 첫 번째 차원은 언제나 배치이고,
# 모델은 배치의 모든 샘플을 한 번에 계산합니다. 출력에 `grad_fn` 이 붙어 있으니 역전파(backpropagation)를 할 수 있습니다.
#
# 🧪 **해 보기**: `TinyNet(2, 8, 1)` 에 `torch.randn(5, 3)` 을 넣으면 어떤 오류가 날까요? `super().__init__()` 을 지우면요?
#
# 📚 **더 읽을거리**: [torch.nn.Module](https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html)
# · [d2l 6.1 층과 모듈](https://d2l.ai/chapter_builders-guide/model-construction.html)

# %% [markdown]
# ## 2. `model(x)` 로 부르는 이유: 훅(hook)
#
# `model(x)` 는 `nn.Module.__call__` 을 거칩니다. `__call__` 은 `forward` 앞뒤로 **훅(hook)** 을 실행합니다.
# 훅은 층의 출력을 기록하거나, 입력을 고치거나, 디버깅·시각화·양자화 같은 도구가 끼어드는 자리입니다.
# `model.forward(x)` 를 직접 부르면 이 단계를 건너뜁니다. 훅 하나를 달아 직접 확인해 봅시다.
#
# **실행하기 전에 예상해 보세요**: `model(x)` 와 `model.forward(x)` 를 한 번씩 부른 뒤 `calls` 에는 기록이 몇 개 있을까요?

# %%
calls = []
handle = model.register_forward_hook(lambda module, inputs, output: calls.append(tuple(output.shape)))

model(x)
print("model(x) 뒤 훅 기록        :", calls)
model.forward(x)
print("model.forward(x) 뒤 훅 기록:", calls, "← 늘지 않았습니다")
handle.remove()   # 다 쓴 훅은 떼어 냅니다

# %% [markdown]
# **눈여겨볼 점**: 두 호출의 계산 결과는 같지만, `forward` 를 직접 부르면 훅이 **아무 오류 없이** 빠집니다.
# 그래서 모델은 언제나 `model(x)` 로 부릅니다. 이 과제의 채점 코드도 훅으로 이것을 확인합니다.
#
# 🧪 **해 보기**: `register_forward_pre_hook` 으로 입력의 모양을 기록하는 훅을 달아 보세요.
#
# 📚 **더 읽을거리**: [register_forward_hook](https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.register_forward_hook)

# %% [markdown]
# ## 3. `nn.Linear`, `nn.ReLU`, `nn.Sequential`
#
# `nn.Linear(in, out)` 은 $y = xW^\top + b$ 를 계산합니다. 가중치 `W` 의 모양은 `(out, in)` 입니다.
#
# **실행하기 전에 예상해 보세요**: `nn.Linear(3, 2)` 의 `weight` 모양은 (3, 2) 일까요, (2, 3) 일까요?

# %%
lin = nn.Linear(3, 2)
x3 = torch.randn(4, 3)
print("W 모양:", tuple(lin.weight.shape), "| b 모양:", tuple(lin.bias.shape))
print("lin(x) == x @ W.T + b :", torch.allclose(lin(x3), x3 @ lin.weight.T + lin.bias))

# %% [markdown]
# 층을 순서대로 잇기만 하면 될 때는 클래스를 쓰지 않고 `nn.Sequential` 로 조립할 수 있습니다.
# 위의 `TinyNet` 과 같은 구조입니다. 인덱스로 각 층을 꺼낼 수 있습니다.

# %%
seq = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 1)).to(device)
print(seq)
print("첫 번째 층:", seq[0], "| 출력 모양:", tuple(seq(x).shape))

# %% [markdown]
# 활성화 함수가 없으면 어떻게 될까요? 선형 층 두 개를 이은 $W_2(W_1x + b_1) + b_2$ 는
# $W = W_2W_1$, $b = W_2b_1 + b_2$ 인 **선형 층 하나**와 똑같습니다.

# %%
f1, f2 = nn.Linear(3, 4), nn.Linear(4, 2)
W = f2.weight @ f1.weight
b = f2.weight @ f1.bias + f2.bias
print("Linear 두 개 == Linear 하나:", torch.allclose(f2(f1(x3)), x3 @ W.T + b, atol=1e-6))

# %%
xs = torch.linspace(-3, 3, 200).reshape(-1, 1)
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
for seed in range(5):
    torch.manual_seed(seed)
    linear_only = nn.Sequential(nn.Linear(1, 16), nn.Linear(16, 1))
    torch.manual_seed(seed)
    with_relu = nn.Sequential(nn.Linear(1, 16), nn.ReLU(), nn.Linear(16, 1))
    with torch.no_grad():
        axes[0].plot(xs, linear_only(xs))
        axes[1].plot(xs, with_relu(xs))
axes[0].set_title("Linear -> Linear (무작위 초기화 5개)")
axes[1].set_title("Linear -> ReLU -> Linear (무작위 초기화 5개)")
for ax in axes:
    ax.set_xlabel("입력 x")
    ax.grid(alpha=0.3)
plt.tight_layout()
plt.show()

# %% [markdown]
# **눈여겨볼 점**: 왼쪽은 층을 몇 개 쌓아도 직선입니다. 오른쪽은 ReLU 가 꺾인 곳마다 직선의 기울기가 바뀌어 꺾은선이 됩니다.
# 이런 꺾은선을 충분히 많이 이으면 어떤 곡선이든 흉내 낼 수 있습니다. 이것이 다층 퍼셉트론(MLP)의 힘입니다.
# 2차원 입력에서 이 꺾임이 어떤 경계를 만드는지는 9절에서 봅니다.
#
# 🧪 **해 보기**: 은닉 뉴런을 16 에서 2 로 줄이면 오른쪽 꺾은선은 몇 번까지 꺾일 수 있을까요?
#
# 📚 **더 읽을거리**: [torch.nn.Linear](https://docs.pytorch.org/docs/stable/generated/torch.nn.Linear.html)
# · [torch.nn.Sequential](https://docs.pytorch.org/docs/stable/generated/torch.nn.Sequential.html)
# · [d2l 5.1 다층 퍼셉트론](https://d2l.ai/chapter_multilayer-perceptrons/mlp.html)

# %% [markdown]
# ## 4. 활성화 함수 (activation function)
#
# 자주 쓰는 활성화 함수의 모양과 기울기를 함께 그려 봅니다. 기울기는 자동 미분(autograd)으로 구합니다.
#
# | 함수 | 식 | 쓰임 |
# |---|---|---|
# | ReLU | $\max(0, z)$ | 은닉층의 기본값. 계산이 싸고 양수 쪽 기울기가 1 |
# | LeakyReLU | $z$ 또는 $0.1z$ | 음수 쪽에도 작은 기울기를 남김 |
# | Sigmoid | $1/(1+e^{-z})$ | 출력이 (0, 1): 이진 분류의 확률 |
# | Tanh | $\tanh z$ | 출력이 (−1, 1): 순환 신경망 |
# | GELU, SiLU | $z\,\Phi(z)$, $z\,\sigma(z)$ | 매끄러운 ReLU: 트랜스포머 |
#
# **실행하기 전에 예상해 보세요**: z = 0 근처에서 Sigmoid 의 기울기(도함수)는 얼마일까요? z = 4 에서는요?

# %%
z = torch.linspace(-4, 4, 401, requires_grad=True)
activations = {
    "ReLU": nn.ReLU(), "LeakyReLU(0.1)": nn.LeakyReLU(0.1), "Sigmoid": nn.Sigmoid(),
    "Tanh": nn.Tanh(), "GELU": nn.GELU(), "SiLU": nn.SiLU(),
}
fig, (ax_f, ax_g) = plt.subplots(1, 2, figsize=(11, 4))
styles = ["-", "--", "-", "-.", ":", (0, (5, 1))]          # ReLU, LeakyReLU and GELU overlap for z > 0
for (name, fn), style in zip(activations.items(), styles):
    out = fn(z)
    (grad,) = torch.autograd.grad(out.sum(), z)   # 원소마다 d out / d z
    ax_f.plot(z.detach(), out.detach(), ls=style, lw=2, label=name)
    ax_g.plot(z.detach(), grad, ls=style, lw=2, label=name)
ax_f.set_title("활성화 함수의 값")
ax_g.set_title("활성화 함수의 기울기 (도함수)")
for ax in (ax_f, ax_g):
    ax.set_xlabel("입력 z")
    ax.grid(alpha=0.3)
ax_f.set_ylim(-1.5, 4)
ax_f.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# **눈여겨볼 점**: Sigmoid 와 Tanh 의 기울기는 |z| 가 커지면 0 에 가까워집니다(포화, saturation).
# 층을 깊이 쌓으면 이 작은 기울기가 곱해지며 사라집니다(기울기 소실, vanishing gradient).
# ReLU 는 양수 쪽 기울기가 늘 1 이라 깊은 신경망에서도 기울기가 잘 전달됩니다.
#
# 🧪 **해 보기**: `nn.Sigmoid()` 를 10번 겹친 함수의 기울기를 z = 0 에서 autograd 로 구해 보세요. 얼마나 작아질까요?
#
# 📚 **더 읽을거리**: [비선형 활성화 함수 목록](https://docs.pytorch.org/docs/stable/nn.html#non-linear-activations-weighted-sum-nonlinearity)
# · [d2l 5.4 수치 안정성과 초기화](https://d2l.ai/chapter_multilayer-perceptrons/numerical-stability-and-init.html)

# %% [markdown]
# ## 5. 손실 함수: `MSELoss` 와 `CrossEntropyLoss`
#
# - **회귀**(숫자 예측): `nn.MSELoss()` — 예측과 정답의 차이를 제곱해 평균합니다. 예측과 정답의 모양이 같아야 합니다.
# - **분류**(범주 예측): `nn.CrossEntropyLoss()` — 입력은 softmax 를 거치지 않은 **로짓(logit)** `(N, C)`,
#   정답은 **정수 클래스 번호** `(N,)` (`torch.long`). softmax 는 손실 안에서 계산됩니다.
#
# **실행하기 전에 예상해 보세요**: 아래 세 예측의 MSE 는 얼마일까요? (차이는 −0.5, 0.5, 0)

# %%
pred = torch.tensor([[2.5], [0.0], [2.0]])
target = torch.tensor([[3.0], [-0.5], [2.0]])
print("nn.MSELoss      :", nn.MSELoss()(pred, target).item())
print("직접 계산한 MSE :", ((pred - target) ** 2).mean().item())

# %%
torch.manual_seed(0)
logits = torch.randn(4, 3)                 # 샘플 4개, 클래스 3개의 점수 (softmax 전)
labels = torch.tensor([0, 2, 1, 2])        # 정수 클래스 번호, dtype int64
ce = nn.CrossEntropyLoss()(logits, labels)
by_hand = -F.log_softmax(logits, dim=1)[torch.arange(4), labels].mean()
print(f"CrossEntropyLoss {ce.item():.4f} | log_softmax 로 직접 {by_hand.item():.4f} | 정답 dtype {labels.dtype}")

# %%
try:
    nn.CrossEntropyLoss()(logits, labels.float())   # 정답을 실수로 넘기면
except RuntimeError as err:
    print("RuntimeError:", err)

# %% [markdown]
# softmax 를 직접 적용한 뒤 `CrossEntropyLoss` 에 넣으면 softmax 가 두 번 적용됩니다. 오류는 나지 않지만,
# 완벽히 맞힌 예측도 손실이 0 에 가까워지지 못하고 기울기도 작아져 학습이 느려집니다.

# %%
confident = torch.tensor([[8.0, -4.0, -4.0]])   # 클래스 0 을 확신하는 로짓
answer = torch.tensor([0])
print(f"로짓을 넣으면          : {nn.CrossEntropyLoss()(confident, answer).item():.5f}")
print(f"softmax 후 넣으면(틀림): {nn.CrossEntropyLoss()(confident.softmax(dim=1), answer).item():.5f}")

# %% [markdown]
# 🧪 **해 보기**: 정답을 `torch.tensor([0.0])` (실수)로 바꾸면 어떻게 될까요? `nn.MSELoss()` 에 모양이 `(3,)` 과 `(3, 1)` 인 텐서를 넣으면요?
# (경고 메시지를 읽어 보세요: 브로드캐스팅으로 (3, 3) 이 됩니다.)
#
# 📚 **더 읽을거리**: [torch.nn.MSELoss](https://docs.pytorch.org/docs/stable/generated/torch.nn.MSELoss.html)
# · [torch.nn.CrossEntropyLoss](https://docs.pytorch.org/docs/stable/generated/torch.nn.CrossEntropyLoss.html)

# %% [markdown]
# ## 6. `Dataset` 과 `DataLoader`: 미니배치
#
# 이제 seaborn 의 tips 데이터로 **계산 금액(`total_bill`) → 팁(`tip`)** 직선을 `nn.Linear(1, 1)` 로 학습합니다.
# 먼저 데이터를 학습용과 테스트용으로 나눕니다. 표준화(standardisation)에 쓸 평균과 표준편차는 **학습 데이터로만** 구합니다.

# %%
tips = helpers.data.load_seaborn("tips")
rng = np.random.default_rng(0)
order = rng.permutation(len(tips))
train_df, test_df = tips.iloc[order[:192]], tips.iloc[order[192:]]
x_mean, x_std = float(train_df["total_bill"].mean()), float(train_df["total_bill"].std(ddof=0))
print(f"학습 {len(train_df)}행, 테스트 {len(test_df)}행 | total_bill 평균 {x_mean:.2f}, 표준편차 {x_std:.2f}")
train_df[["total_bill", "tip"]].head(3)


# %% [markdown]
# `Dataset` 은 "`i` 번째 샘플을 주세요"에 답하는 객체입니다. 두 메서드를 만듭니다.
#
# - `__len__()`: 샘플 개수
# - `__getitem__(i)`: `i` 번째 `(입력, 정답)` 쌍. 모델이 바로 쓸 수 있게 **float32 텐서**로 돌려줍니다.

# %%
class TipsDataset(Dataset):
    """(standardised total_bill, tip) pairs from a tips DataFrame, each a float32 tensor of shape (1,)."""

    def __init__(self, df: pd.DataFrame, x_mean: float, x_std: float):
        x = (df["total_bill"].to_numpy() - x_mean) / x_std
        self.x = torch.tensor(x, dtype=torch.float32).reshape(-1, 1)
        self.y = torch.tensor(df["tip"].to_numpy(), dtype=torch.float32).reshape(-1, 1)

    def __len__(self) -> int:
        return len(self.x)

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.x[i], self.y[i]


train_ds = TipsDataset(train_df, x_mean, x_std)
test_ds = TipsDataset(test_df, x_mean, x_std)
x0, y0 = train_ds[0]
print("샘플 수:", len(train_ds), "| 첫 샘플:", x0, y0, "| dtype:", x0.dtype)

# %% [markdown]
# `DataLoader` 는 `Dataset` 에서 샘플을 꺼내 **미니배치**로 묶어 줍니다. `shuffle=True` 이면 에포크마다 순서를 섞습니다.
#
# **실행하기 전에 예상해 보세요**: 학습 데이터 192개, 테스트 데이터 52개를 32개씩 묶으면 배치는 각각 몇 개이고 크기는 얼마일까요?

# %%
train_loader = DataLoader(train_ds, batch_size=32, shuffle=True)
test_loader = DataLoader(test_ds, batch_size=32)
xb, yb = next(iter(train_loader))
print("배치 모양:", tuple(xb.shape), tuple(yb.shape))
print("학습 배치 크기:", [len(y) for _, y in train_loader])
print("테스트 배치 크기:", [len(y) for _, y in test_loader])

# %%
for epoch in range(1, 3):
    _, yb = next(iter(train_loader))
    print(f"에포크 {epoch} 첫 배치의 팁 앞 5개:", yb[:5, 0].tolist())


# %% [markdown]
# **눈여겨볼 점**: 섞기 때문에 에포크마다 첫 배치가 달라집니다. 학습 데이터는 192 = 32 × 6 이라 딱 나눠떨어지지만,
# 테스트 데이터 52개는 32 + 20 으로 나뉩니다. 마지막 배치가 작을 수 있으니 데이터 전체의 평균 손실은
# 배치 손실을 **배치 크기로 가중해** 평균내야 정확합니다.
# (학습 때 아주 작은 마지막 배치는 몇 개의 샘플만으로 다른 배치와 같은 크기의 걸음을 내딛습니다.
# 이것이 거슬리면 `DataLoader(..., drop_last=True)` 로 버릴 수 있습니다.)
#
# 🧪 **해 보기**: `DataLoader(test_ds, batch_size=32, drop_last=True)` 의 배치 크기 목록을 예상하고 확인하세요.
# `shuffle=False` 인 로더의 첫 배치는 에포크마다 같을까요?
#
# 📚 **더 읽을거리**: [torch.utils.data](https://docs.pytorch.org/docs/stable/data.html)
# · [PyTorch 튜토리얼: Dataset 과 DataLoader](https://docs.pytorch.org/tutorials/beginner/basics/data_tutorial.html)

# %% [markdown]
# ## 7. 학습 루프: `zero_grad → backward → step`
#
# 미니배치마다 다섯 단계를 반복합니다.
#
# 1. `optimizer.zero_grad()` — 지난 배치의 기울기를 지웁니다 (기울기는 **누적**되기 때문).
# 2. `pred = model(x)` — 순전파(forward pass).
# 3. `loss = loss_fn(pred, y)` — 손실 계산.
# 4. `loss.backward()` — 역전파: 모든 매개변수의 `.grad` 를 채웁니다.
# 5. `optimizer.step()` — `.grad` 를 써서 매개변수를 갱신합니다.
#
# 한 에포크를 함수로 만들어 두면 몇 번이고 다시 쓸 수 있습니다. 맨 앞의 `model.train()` 은 모델을 학습 모드로 되돌립니다
# (평가한 뒤에도 학습이 올바르게 이어지도록. ⚠️ 4).
#
# **실행하기 전에 예상해 보세요**: 학습률 0.1 의 SGD 로 60 에포크 학습하면 손실 곡선은 어떤 모양일까요?

# %%
def train_one_epoch(model: nn.Module, loader: DataLoader, loss_fn, optimizer) -> float:
    """One pass over `loader`; returns the sample-weighted mean training loss."""
    model.train()
    total, count = 0.0, 0
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        optimizer.zero_grad()        # 1. 기울기 지우기
        pred = model(xb)             # 2. 순전파
        loss = loss_fn(pred, yb)     # 3. 손실
        loss.backward()              # 4. 역전파
        optimizer.step()             # 5. 갱신
        total += loss.item() * len(xb)
        count += len(xb)
    return total / count


# %%
EPOCHS = 60
torch.manual_seed(0)
model = nn.Linear(1, 1).to(device)
loss_fn = nn.MSELoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)

history = []
bar = tqdm(range(EPOCHS), desc="SGD 학습")
for epoch in bar:
    history.append(train_one_epoch(model, train_loader, loss_fn, optimizer))
    bar.set_postfix(loss=f"{history[-1]:.4f}")
helpers.plot.plot_history({"train_loss": history}, title="tips: 에포크별 학습 손실 (SGD, lr=0.1)")
plt.show()

# %% [markdown]
# 학습된 `w`, `b` 는 표준화된 입력 $z = (x - \mu)/\sigma$ 에 대한 직선 $\hat y = wz + b$ 입니다.
# 원래 단위(달러)로 바꾸면 직선의 기울기는 $w/\sigma$, 절편은 $b - w\mu/\sigma$ 입니다.
# 닫힌 해(closed form)인 최소제곱 직선(`np.polyfit`)과 비교해 봅시다.

# %%
x_train, y_train = train_df["total_bill"].to_numpy(), train_df["tip"].to_numpy()
slope_cf, intercept_cf = np.polyfit(x_train, y_train, deg=1)


def line_in_dollars(linear: nn.Linear) -> tuple[float, float]:
    """(slope, intercept) of a Linear(1, 1) trained on standardised x, in the original units."""
    w, b = linear.weight.item(), linear.bias.item()
    return w / x_std, b - w * x_mean / x_std


def compare_with_closed_form(linear: nn.Linear) -> pd.DataFrame:
    slope, intercept = line_in_dollars(linear)
    return pd.DataFrame({
        "닫힌 해": [slope_cf, intercept_cf],
        "학습 결과": [slope, intercept],
        "상대 오차(%)": [100 * abs(slope / slope_cf - 1), 100 * abs(intercept / intercept_cf - 1)],
    }, index=["직선의 기울기", "절편"]).round(4)


compare_with_closed_form(model)

# %% [markdown]
# **눈여겨볼 점**: 손실 곡선은 몇 에포크 만에 평평해졌지만, 직선은 닫힌 해와 몇 % 어긋날 수 있습니다.
# 학습률이 일정하면 미니배치마다 다른 기울기 때문에 매개변수가 최솟값 **주변을 계속 맴돌기** 때문입니다.
# 다음 절에서 옵티마이저와 학습률 스케줄러로 이것을 고칩니다.
#
# 잠깐, 입력을 표준화하지 않고 원래 달러 값 그대로 학습하면 어떻게 될까요? 같은 학습률로 몇 에포크만 돌려 봅니다.

# %%
raw_loader = DataLoader(torch.utils.data.TensorDataset(
    torch.tensor(x_train, dtype=torch.float32).reshape(-1, 1), train_ds.y), batch_size=32, shuffle=True)
torch.manual_seed(0)
raw_model = nn.Linear(1, 1).to(device)
raw_opt = torch.optim.SGD(raw_model.parameters(), lr=0.1)
raw_losses = [train_one_epoch(raw_model, raw_loader, loss_fn, raw_opt) for _ in range(5)]
print("표준화하지 않은 x (lr=0.1) 의 에포크별 손실:", [f"{v:.3g}" for v in raw_losses])


# %% [markdown]
# **눈여겨볼 점**: 금액은 3 ~ 50 달러라서 가중치의 기울기가 편향의 기울기보다 수십 배 큽니다. 같은 학습률로는 가중치가 너무 크게
# 움직여 손실이 폭발합니다(발산). 표준화하면 두 기울기의 크기가 비슷해져 학습률 하나로 둘 다 안정적으로 배웁니다.
#
# 🧪 **해 보기**: 표준화하지 않은 `raw_model` 을 학습률 0.001 로 다시 학습해 보세요. 발산은 멈추나요? 60 에포크 뒤 닫힌 해와 얼마나 가까울까요?
#
# 📚 **더 읽을거리**: [PyTorch 튜토리얼: 최적화 (학습 루프)](https://docs.pytorch.org/tutorials/beginner/basics/optimization_tutorial.html)
# · [d2l 3.4 선형 회귀를 처음부터](https://d2l.ai/chapter_linear-regression/linear-regression-scratch.html)

# %% [markdown]
# ## 8. 옵티마이저와 학습률 스케줄러
#
# - **SGD**: $p \leftarrow p - \eta\,g$. 가장 단순한 경사 하강법. `momentum=0.9` 를 주면 지난 방향을 기억해 더 매끄럽게 갑니다.
# - **Adam**: 매개변수마다 기울기의 평균과 크기를 추적해 걸음 크기를 스스로 조절합니다. 처음 시도하기 좋은 기본값입니다.
# - **학습률 스케줄러**: 에포크가 지날수록 학습률 $\eta$ 를 줄입니다. 에포크마다 `scheduler.step()` 을 한 번 부릅니다.
#
# **실행하기 전에 예상해 보세요**: `CosineAnnealingLR(T_max=60)` 의 학습률은 30 에포크째에 처음의 몇 배일까요?

# %%
def lr_curve(make_scheduler, epochs: int = EPOCHS) -> list[float]:
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = make_scheduler(opt)
    lrs = []
    for _ in range(epochs):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    return lrs


schedulers = {
    "StepLR(20 에포크마다 ×0.3)": lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=20, gamma=0.3),
    "ExponentialLR(×0.95)": lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.95),
    "CosineAnnealingLR": lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=EPOCHS),
}
plt.figure(figsize=(6, 3.5))
for name, make in schedulers.items():
    plt.plot(range(1, EPOCHS + 1), lr_curve(make), label=name)
plt.title("에포크별 학습률")
plt.xlabel("에포크 (epoch)")
plt.ylabel("학습률")
plt.legend()
plt.grid(alpha=0.3)
plt.show()

# %% [markdown]
# 같은 데이터, 같은 초기값, 같은 에포크 수로 네 가지 설정을 비교합니다. 손실이 최솟값에 얼마나 가까운지 보려고
# **(전체 학습 데이터 손실 - 닫힌 해의 손실)** 을 로그 축에 그립니다. 전체 데이터 손실은 기울기가 필요 없으니
# `torch.no_grad()` 안에서 계산합니다 (11절에서 자세히 다룹니다).

# %%
X_all, Y_all = train_ds.x.to(device), train_ds.y.to(device)
loss_min = float(np.mean((y_train - (slope_cf * x_train + intercept_cf)) ** 2))

configs = {
    "SGD (lr=0.1)": (lambda p: torch.optim.SGD(p, lr=0.1), None),
    "SGD + 모멘텀 0.9 (lr=0.01)": (lambda p: torch.optim.SGD(p, lr=0.01, momentum=0.9), None),
    "Adam (lr=0.1)": (lambda p: torch.optim.Adam(p, lr=0.1), None),
    "SGD (lr=0.1) + 코사인 스케줄러": (
        lambda p: torch.optim.SGD(p, lr=0.1),
        lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=EPOCHS),
    ),
}
curves, trained = {}, {}
for name, (make_opt, make_sched) in tqdm(configs.items(), desc="설정"):
    torch.manual_seed(0)
    net = nn.Linear(1, 1).to(device)
    opt = make_opt(net.parameters())
    sched = make_sched(opt) if make_sched else None
    gaps = []
    for epoch in range(EPOCHS):
        train_one_epoch(net, train_loader, loss_fn, opt)
        if sched is not None:
            sched.step()                 # 에포크가 끝날 때 한 번
        with torch.no_grad():
            gaps.append(max(loss_fn(net(X_all), Y_all).item() - loss_min, 1e-8))
    curves[name], trained[name] = gaps, net

plt.figure(figsize=(7, 4))
for name, gaps in curves.items():
    plt.semilogy(range(1, EPOCHS + 1), gaps, label=name)
plt.title("옵티마이저·스케줄러 비교: 최소 손실과의 차이")
plt.xlabel("에포크 (epoch)")
plt.ylabel("학습 손실 - 최소 손실 (로그 축)")
plt.gca().yaxis.set_major_formatter(lambda v, _: f"{v:g}")   # plain tick labels
plt.legend()
plt.grid(alpha=0.3, which="both")
plt.show()

# %%
pd.DataFrame({
    name: {"직선의 기울기: 오차(%)": 100 * abs(line_in_dollars(net)[0] / slope_cf - 1),
           "절편: 오차(%)": 100 * abs(line_in_dollars(net)[1] / intercept_cf - 1)}
    for name, net in trained.items()
}).T.round(3)

# %% [markdown]
# **눈여겨볼 점**: 학습률이 일정한 세 설정은 최소 손실 근처에서 오르내립니다. 코사인 스케줄러는 학습률을 0 으로
# 줄여 가며 걸음을 점점 작게 만들어 최솟값에 안착합니다. 이 모델로 목표(닫힌 해와 2% 이내)를 확인합니다.

# %%
model = trained["SGD (lr=0.1) + 코사인 스케줄러"]
slope, intercept = line_in_dollars(model)
assert abs(slope / slope_cf - 1) < 0.02 and abs(intercept / intercept_cf - 1) < 0.02, "닫힌 해와 2% 넘게 다릅니다"
print(f"학습: 팁 = {slope:.4f} × 금액 + {intercept:.4f}")
print(f"닫힌 해: 팁 = {slope_cf:.4f} × 금액 + {intercept_cf:.4f}  → 2% 이내 ✔")

grid = np.linspace(tips["total_bill"].min(), tips["total_bill"].max(), 50)
plt.figure(figsize=(6, 4))
plt.scatter(x_train, y_train, s=12, alpha=0.5, label="학습 데이터")
plt.plot(grid, slope_cf * grid + intercept_cf, "k--", lw=2, label="닫힌 해 (np.polyfit)")
plt.plot(grid, slope * grid + intercept, "r:", lw=2, label="nn.Linear 학습 결과")
plt.xlabel("계산 금액 total_bill ($)")
plt.ylabel("팁 tip ($)")
plt.title("tips: 학습한 직선과 닫힌 해")
plt.legend()
plt.show()


# %% [markdown]
# 🧪 **해 보기**: `configs` 에 `"Adam (lr=0.1) + 코사인 스케줄러"` 를 더해 보세요. Adam 도 스케줄러로 2% 안에 들어올까요?
# `StepLR` 이나 `ExponentialLR` 로 바꾸면요?
#
# 📚 **더 읽을거리**: [torch.optim (옵티마이저와 스케줄러)](https://docs.pytorch.org/docs/stable/optim.html)
# · [d2l 12.11 학습률 스케줄링](https://d2l.ai/chapter_optimization/lr-scheduler.html)
# · [d2l 12.10 Adam](https://d2l.ai/chapter_optimization/adam.html)

# %% [markdown]
# ## 9. 2차원 분류: 결정 경계(decision boundary) 그리기
#
# 지금까지는 직선 하나로 충분한 문제였습니다. 이번에는 직선으로는 나눌 수 없는 2차원 분류 문제를 만들어 봅니다.
# 두 개의 반달(two moons)이 서로 맞물린 점 구름입니다. 입력은 점의 좌표 (x1, x2), 정답은 반달 번호 0 또는 1 입니다.
# 학습용과 테스트용을 다른 시드로 만듭니다.

# %%
def make_moons(n: int, noise: float, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Two interleaving half circles in 2-D (alternating labels 0/1), plus Gaussian noise; float32 points, int64 labels."""
    gen = torch.Generator().manual_seed(seed)
    angle = torch.rand(n, generator=gen) * torch.pi
    label = torch.arange(n) % 2
    x1 = torch.where(label == 0, torch.cos(angle), 1 - torch.cos(angle))
    x2 = torch.where(label == 0, torch.sin(angle), 0.5 - torch.sin(angle))
    points = torch.stack([x1, x2], dim=1) + noise * torch.randn(n, 2, generator=gen)
    return points, label


moons_x, moons_y = make_moons(400, noise=0.15, seed=0)
moons_x_test, moons_y_test = make_moons(200, noise=0.15, seed=1)
print("입력:", tuple(moons_x.shape), moons_x.dtype, "| 정답:", tuple(moons_y.shape), moons_y.dtype,
      "| 클래스별 개수:", torch.bincount(moons_y).tolist())
plt.figure(figsize=(5, 3.5))
plt.scatter(moons_x[:, 0], moons_x[:, 1], c=moons_y, cmap="coolwarm", s=12)
plt.xlabel("x1")
plt.ylabel("x2")
plt.title("두 반달 (학습 데이터 400개)")
plt.show()


# %% [markdown]
# 선형 모델 `nn.Linear(2, 2)` 와 ReLU 가 있는 MLP 를 **같은 학습 루프**(7절의 `train_one_epoch`)와 `CrossEntropyLoss` 로 학습합니다.
# 학습이 끝나면 평면의 격자점마다 "클래스 1 일 확률"을 계산해 색으로 칠하고, 확률이 0.5 인 곳(결정 경계)을 검은 선으로 그립니다.
#
# **실행하기 전에 예상해 보세요**: 선형 모델의 결정 경계는 어떤 모양일까요? 테스트 정확도는 MLP 와 얼마나 다를까요?

# %%
def fit_moons(net: nn.Module, batch_size: int = 32, epochs: int = 60, lr: float = 0.01) -> list[float]:
    """Train `net` on the moons with Adam; return the full training-set loss after every epoch."""
    torch.manual_seed(0)
    loader = DataLoader(TensorDataset(moons_x, moons_y), batch_size=batch_size, shuffle=True)
    opt = torch.optim.Adam(net.parameters(), lr=lr)
    ce = nn.CrossEntropyLoss()
    losses = []
    for _ in range(epochs):
        train_one_epoch(net, loader, ce, opt)
        net.eval()
        with torch.no_grad():
            losses.append(ce(net(moons_x.to(device)), moons_y.to(device)).item())
    return losses


def moons_accuracy(net: nn.Module) -> float:
    net.eval()
    with torch.no_grad():
        return (net(moons_x_test.to(device)).argmax(dim=1).cpu() == moons_y_test).float().mean().item()


def plot_boundary(ax, net: nn.Module, title: str) -> None:
    """Colour the plane by the predicted probability of class 1 and draw the 0.5 contour (the decision boundary)."""
    g1, g2 = torch.meshgrid(torch.linspace(-1.6, 2.6, 200), torch.linspace(-1.1, 1.6, 150), indexing="xy")
    grid = torch.stack([g1.flatten(), g2.flatten()], dim=1)
    net.eval()
    with torch.no_grad():
        prob = net(grid.to(device)).softmax(dim=1)[:, 1].cpu().reshape(g1.shape)
    ax.contourf(g1, g2, prob, levels=20, cmap="coolwarm", alpha=0.5, vmin=0, vmax=1)
    ax.contour(g1, g2, prob, levels=[0.5], colors="k", linewidths=2)
    ax.scatter(moons_x_test[:, 0], moons_x_test[:, 1], c=moons_y_test, cmap="coolwarm", s=10, edgecolors="k", linewidths=0.3)
    ax.set(title=title, xlabel="x1", ylabel="x2")


torch.manual_seed(0)
moons_linear = nn.Linear(2, 2).to(device)
torch.manual_seed(0)
moons_mlp = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 2)).to(device)
moons_curves = {name: fit_moons(net) for name, net in
                tqdm([("선형 모델", moons_linear), ("MLP (ReLU)", moons_mlp)], desc="두 반달 학습")}
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for ax, (name, net) in zip(axes, [("선형 모델", moons_linear), ("MLP (ReLU)", moons_mlp)]):
    plot_boundary(ax, net, f"{name}: 테스트 정확도 {moons_accuracy(net):.1%}")
plt.tight_layout()
plt.show()
print({name: round(losses[-1], 4) for name, losses in moons_curves.items()}, "← 마지막 에포크의 학습 손실")

# %% [markdown]
# **눈여겨볼 점**: 선형 모델의 결정 경계는 언제나 **직선**이라 두 반달이 맞물린 부분을 가를 수 없습니다. ReLU 가 있는 MLP 의
# 경계는 직선 조각들이 이어진 **꺾은선**이라 반달 모양을 따라 휩니다. 3절에서 본 1차원의 꺾임이 2차원에서는 꺾인 경계가 됩니다.
# 색이 옅은 띠(확률 0.5 근처)는 모델이 확신하지 못하는 곳입니다.
#
# 🧪 **해 보기**: MLP 의 `nn.ReLU()` 를 모두 빼면 경계는 어떻게 될까요? 은닉 뉴런을 32 에서 2 로 줄이면요? `noise=0.3` 으로 데이터를
# 더 흩뜨리면 테스트 정확도는 어떻게 변할까요?
#
# 📚 **더 읽을거리**: [d2l 5.1 다층 퍼셉트론](https://d2l.ai/chapter_multilayer-perceptrons/mlp.html)
# · [matplotlib contourf](https://matplotlib.org/stable/api/_as_gen/matplotlib.pyplot.contourf.html)

# %% [markdown]
# ## 10. 배치 크기 바꿔 보기
#
# 배치 크기(batch size)는 한 번 갱신할 때 쓰는 샘플 수입니다. 같은 MLP 를 배치 크기만 바꿔 30 에포크씩 학습하고,
# 에포크마다 **전체 학습 데이터의 손실**을 잽니다. 한 에포크의 갱신 횟수는 (샘플 수 / 배치 크기) 입니다.
#
# **실행하기 전에 예상해 보세요**: 같은 에포크 수라면 어느 배치 크기의 손실이 가장 빨리 내려갈까요? 같은 갱신 횟수라면요?

# %%
batch_sizes = [8, 32, 128, 400]
batch_curves = {}
for bs in tqdm(batch_sizes, desc="배치 크기"):
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(2, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 2)).to(device)
    batch_curves[bs] = (fit_moons(net, batch_size=bs, epochs=30), moons_accuracy(net))
fig, axes = plt.subplots(1, 2, figsize=(11, 3.8), sharey=True)
for bs, (losses, acc) in batch_curves.items():
    steps_per_epoch = -(-len(moons_x) // bs)                   # ceil: the last batch may be smaller
    label = f"배치 {bs} (에포크당 갱신 {steps_per_epoch}번, 테스트 {acc:.1%})"
    axes[0].plot(range(1, len(losses) + 1), losses, label=label)
    axes[1].plot([steps_per_epoch * (e + 1) for e in range(len(losses))], losses, label=label)
axes[0].set(xlabel="에포크 (epoch)", ylabel="전체 학습 데이터의 손실", title="에포크마다")
axes[1].set(xlabel="갱신 횟수 (로그 축)", title="갱신(step)마다")
axes[1].set_xscale("log")
axes[1].xaxis.set_major_formatter(lambda v, _: f"{v:g}")
for ax in axes:
    ax.set_yscale("log")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:g}")
    ax.grid(alpha=0.3, which="both")
axes[0].legend(fontsize=8)
plt.tight_layout()
plt.show()

# %% [markdown]
# **눈여겨볼 점**: 에포크로 세면 작은 배치가 빨리 내려갑니다. 한 에포크에 갱신을 더 많이 하기 때문입니다. 갱신 횟수로 세면
# 순서가 뒤집혀, 큰 배치의 한 걸음이 더 정확합니다(기울기를 더 많은 샘플로 평균했으니 잡음이 적음). 작은 배치의 곡선은
# 더 울퉁불퉁합니다. 실제로 걸리는 시간은 그 사이 어딘가입니다: 큰 배치 한 번은 작은 배치 한 번보다 느리지만, 샘플 수만큼
# 느리지는 않습니다(특히 GPU 에서). 그래서 배치 크기는 학습률과 함께 고르는 하이퍼파라미터입니다.
#
# 🧪 **해 보기**: 배치 400(전체)일 때 학습률을 0.01 에서 0.05 로 올려 보세요. 배치 8 과 같은 에포크 수로 따라잡을 수 있을까요?
# `time.process_time()` 으로 배치 크기마다 30 에포크에 걸린 CPU 시간도 재 보세요.
#
# 📚 **더 읽을거리**: [d2l 12.5 미니배치 확률적 경사 하강법](https://d2l.ai/chapter_optimization/minibatch-sgd.html)

# %% [markdown]
# ## 11. 평가: `model.eval()` 과 `torch.no_grad()`
#
# 둘은 서로 다른 일을 합니다. 평가할 때는 **둘 다** 씁니다.
#
# | | 바꾸는 것 | 빼먹으면 |
# |---|---|---|
# | `model.eval()` | Dropout·BatchNorm 같은 층의 **동작 방식** (모듈의 `training` 플래그) | 예측이 실행할 때마다 달라짐 |
# | `torch.no_grad()` | 연산 그래프를 **기록할지** 여부 | 메모리·시간 낭비, `.numpy()` 오류 |
#
# 드롭아웃(Dropout)은 학습 중에만 무작위로 값을 0 으로 만들고 나머지를 $1/(1-p)$ 배 합니다. 평가 모드에서는 그대로 통과시킵니다.
#
# **실행하기 전에 예상해 보세요**: `p=0.5` 드롭아웃에 1 이 8개인 텐서를 넣으면, train 모드 출력에는 어떤 값들이 나올까요?

# %%
drop = nn.Dropout(p=0.5)
ones = torch.ones(8)
drop.train()
print("train 모드 1회:", drop(ones).tolist())
print("train 모드 2회:", drop(ones).tolist())
drop.eval()
print("eval 모드     :", drop(ones).tolist())

# %%
out_grad = model(X_all[:3])
with torch.no_grad():
    out_nograd = model(X_all[:3])
    print("no_grad 안에서 torch.is_grad_enabled():", torch.is_grad_enabled())
print("그냥 호출   → requires_grad:", out_grad.requires_grad, "| grad_fn:", out_grad.grad_fn)
print("no_grad 안 → requires_grad:", out_nograd.requires_grad, "| grad_fn:", out_nograd.grad_fn)

# %% [markdown]
# 평가는 `model.eval()` 과 `torch.no_grad()` 안에서 합니다. 여기서는 테스트 배치마다 제곱 오차를 모아 평균을 냅니다 (과제에서는 이 평가를 MSE 와 MAE 를 함께 돌려주는 `evaluate_regression` 함수로 직접 만듭니다). 기준선(baseline)으로 "언제나 학습 데이터의 평균 팁을 예측"하는
# 모델과 테스트 손실을 비교합니다.

# %%
model.eval()                 # 평가 모드: Dropout·BatchNorm 이 평가용으로 동작
squared_errors = []
with torch.no_grad():        # 기울기 기록 끄기: 메모리와 시간을 아낍니다
    for xb, yb in test_loader:
        pred = model(xb.to(device))
        squared_errors.append(((pred - yb.to(device)) ** 2).flatten().cpu())
test_mse = torch.cat(squared_errors).mean().item()

baseline = float(np.mean((test_df["tip"].to_numpy() - y_train.mean()) ** 2))
print(f"테스트 MSE: 직선 {test_mse:.3f} | 평균 팁만 예측 {baseline:.3f}")

# %% [markdown]
# 평가가 끝나면 모델은 평가 모드에 머뭅니다. 학습을 이어 가려면 `model.train()` 으로 되돌려야 합니다(⚠️ 4).
#
# 🧪 **해 보기**: `test_loader` 의 배치 크기를 5 로 바꿔도 `test_mse` 가 같게 나오는 이유는 무엇일까요? 배치마다의 평균 손실을
# 그냥 평균 내면 어떻게 될까요?
#
# 📚 **더 읽을거리**: [torch.nn.Module.eval](https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.eval)
# · [torch.no_grad](https://docs.pytorch.org/docs/stable/generated/torch.no_grad.html)
# · [torch.nn.Dropout](https://docs.pytorch.org/docs/stable/generated/torch.nn.Dropout.html)

# %% [markdown]
# ## 12. 저장과 불러오기: `state_dict`
#
# `model.state_dict()` 는 매개변수 이름 → 텐서 사전입니다. 모델 객체 전체가 아니라 **이 사전**을 저장하고,
# 불러올 때는 같은 구조의 모델을 새로 만든 뒤 `load_state_dict` 로 값을 채웁니다.
# 예측에 필요한 전처리 값(여기서는 평균·표준편차)도 함께 저장해야 합니다. 파일은 임시 폴더에 씁니다.
#
# **실행하기 전에 예상해 보세요**: `nn.Linear(1, 1)` 의 `state_dict` 에는 키가 몇 개 있을까요?

# %%
print(model.state_dict())
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "tips_linear.pth"
    torch.save({"model": model.state_dict(), "x_mean": x_mean, "x_std": x_std}, path)
    print("저장:", path.name, f"({path.stat().st_size} 바이트)")
    checkpoint = torch.load(path, map_location=device)

restored = nn.Linear(1, 1).to(device)
restored.load_state_dict(checkpoint["model"])
restored.eval()
with torch.no_grad():
    same = torch.equal(restored(X_all), model(X_all))
print("불러온 모델의 예측이 같은가:", same, "| 저장된 평균·표준편차:", checkpoint["x_mean"], checkpoint["x_std"])

# %%
try:
    nn.Linear(2, 1).load_state_dict(checkpoint["model"])   # 구조가 다른 모델
except RuntimeError as err:
    print("RuntimeError:", err)

# %% [markdown]
# 🧪 **해 보기**: 9절의 `moons_mlp` 를 저장하고, 같은 구조의 `nn.Sequential` 을 새로 만들어 불러온 뒤 `moons_accuracy` 가 같은지 확인해 보세요.
#
# 📚 **더 읽을거리**: [PyTorch 튜토리얼: 모델 저장하고 불러오기](https://docs.pytorch.org/tutorials/beginner/saving_loading_models.html)
# · [d2l 6.6 파일 입출력](https://d2l.ai/chapter_builders-guide/read-write.html)

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 1. `zero_grad()` 를 빼먹는다: 기울기가 누적된다
#
# `backward()` 는 `.grad` 에 **더합니다**. 같은 배치로 세 번 역전파하면 기울기가 1배, 2배, 3배가 됩니다.
#
# **실행하기 전에 예상해 보세요**: `zero_grad()` 없이 30 에포크 학습하면 손실 곡선은 최소 손실에 닿을까요?

# %%
probe = nn.Linear(1, 1).to(device)
xb, yb = X_all[:32], Y_all[:32]
for k in range(1, 4):
    loss_fn(probe(xb), yb).backward()
    print(f"backward {k}번째 뒤 weight.grad = {probe.weight.grad.item():.4f}")


# %% tags=["raises-exception"]
def train_epochs(zero_grad: bool, epochs: int = 30) -> list[float]:
    torch.manual_seed(0)
    net = nn.Linear(1, 1).to(device)
    opt = torch.optim.SGD(net.parameters(), lr=0.1)
    losses = []
    for _ in range(epochs):
        total = 0.0
        for xb, yb in train_loader:
            xb, yb = xb.to(device), yb.to(device)
            if zero_grad:
                opt.zero_grad()
            loss = loss_fn(net(xb), yb)
            loss.backward()
            opt.step()
            total += loss.item() * len(xb)
        losses.append(total / len(train_ds))
    return losses


no_zero = train_epochs(zero_grad=False)
print("zero_grad 없이 마지막 5 에포크 손실:", [round(v, 2) for v in no_zero[-5:]])
assert no_zero[-1] < 1.5 * loss_min, "손실이 최솟값 근처로 내려가지 않습니다"

# %%
with_zero = train_epochs(zero_grad=True)
plt.figure(figsize=(6, 3.5))
plt.plot(range(1, len(no_zero) + 1), no_zero, label="zero_grad 없음 (틀림)")
plt.plot(range(1, len(with_zero) + 1), with_zero, label="zero_grad 있음 (맞음)")
plt.axhline(loss_min, color="k", ls="--", lw=1, label="최소 손실")
plt.xlabel("에포크 (epoch)")
plt.ylabel("학습 손실")
plt.title("zero_grad 를 빼먹으면 학습이 수렴하지 않습니다")
plt.legend()
plt.show()
assert with_zero[-1] < 1.5 * loss_min

# %% [markdown]
# ### 2. `model.forward(x)` 를 직접 부른다: 훅이 조용히 빠진다
#
# 예측을 기록하려고 모델에 훅을 달았습니다. `forward` 를 직접 부르면 훅이 실행되지 않아 기록이 비어 있고,
# 나중에 기록을 꺼낼 때에야 오류가 납니다.

# %% tags=["raises-exception"]
net = TinyNet(1, 4, 1).to(device)
recorded = []
hook = net.register_forward_hook(lambda module, inputs, output: recorded.append(output.detach()))
net.forward(X_all[:5])                      # 틀림: __call__ 을 건너뜀
hook.remove()
print("훅이 기록한 출력 모양:", tuple(recorded[-1].shape))

# %%
recorded = []
hook = net.register_forward_hook(lambda module, inputs, output: recorded.append(output.detach()))
net(X_all[:5])                              # 맞음: 모델을 함수처럼 호출
hook.remove()
print("훅이 기록한 출력 모양:", tuple(recorded[-1].shape))

# %% [markdown]
# ### 3. 평가할 때 `model.eval()` / `torch.no_grad()` 를 빼먹는다
#
# 드롭아웃이 있는 MLP 를 학습한 직후, 모델은 여전히 train 모드입니다. 그대로 예측하면 같은 입력에도 답이 매번 다릅니다.

# %%
torch.manual_seed(0)
mlp = nn.Sequential(nn.Linear(1, 32), nn.ReLU(), nn.Dropout(0.3), nn.Linear(32, 1)).to(device)
mlp_opt = torch.optim.Adam(mlp.parameters(), lr=0.01)
for _ in tqdm(range(30), desc="드롭아웃 MLP 학습"):
    train_one_epoch(mlp, train_loader, loss_fn, mlp_opt)
bill_20 = torch.tensor([[(20.0 - x_mean) / x_std]], device=device)   # 20달러 계산서 (표준화)
print("학습 직후 mlp.training:", mlp.training)

# %% tags=["raises-exception"]
preds = [round(mlp(bill_20).item(), 4) for _ in range(5)]   # 틀림: train 모드 그대로
print("20달러 계산서의 팁 예측 5번:", preds)
assert len(set(preds)) == 1, "같은 입력인데 예측이 매번 다릅니다"

# %% tags=["raises-exception"]
mlp_out = mlp(bill_20)                     # 틀림: no_grad 없이 → 연산 그래프가 붙어 있음
mlp_out.cpu().numpy()

# %%
mlp.eval()                                 # 맞음: 평가 모드
with torch.no_grad():                      # 맞음: 그래프 기록 끄기
    preds = [round(mlp(bill_20).item(), 4) for _ in range(5)]
    as_numpy = mlp(bill_20).cpu().numpy()
print("eval + no_grad 예측 5번:", preds, "| NumPy 로 변환:", as_numpy.ravel())
assert len(set(preds)) == 1


# %% [markdown]
# ### 4. 평가한 뒤 `model.train()` 으로 되돌리지 않는다
#
# 에포크마다 검증하려고 `model.eval()` 을 부르면, 모델은 **그 뒤로도 계속** 평가 모드입니다. 학습 루프가 `model.train()` 을
# 다시 부르지 않으면 다음 에포크부터 드롭아웃이 꺼진 채 학습합니다. 오류는 나지 않으니 모드를 직접 기록해 확인합니다.

# %%
def train_with_validation(net: nn.Module, epochs: int, back_to_train: bool) -> list[bool]:
    """Train with a per-epoch evaluation in eval mode; return net.training as seen by every training batch."""
    opt = torch.optim.Adam(net.parameters(), lr=0.01)
    net.train()
    modes = []
    for _ in range(epochs):
        if back_to_train:
            net.train()                            # 맞음: 매 에포크 학습 모드로
        for xb, yb in train_loader:
            modes.append(net.training)
            opt.zero_grad()
            loss_fn(net(xb.to(device)), yb.to(device)).backward()
            opt.step()
        net.eval()                                 # 에포크마다 검증
        with torch.no_grad():
            loss_fn(net(X_all), Y_all)
    return modes


# %% tags=["raises-exception"]
torch.manual_seed(0)
drop_net = nn.Sequential(nn.Linear(1, 32), nn.ReLU(), nn.Dropout(0.3), nn.Linear(32, 1)).to(device)
modes = train_with_validation(drop_net, epochs=5, back_to_train=False)     # 틀림: 처음 한 번만 train()
print(f"학습 모드(드롭아웃 켜짐)로 돈 배치: {sum(modes)} / {len(modes)}")
assert all(modes), "첫 검증 뒤로는 평가 모드(드롭아웃 꺼짐)로 학습했습니다"

# %%
torch.manual_seed(0)
drop_net = nn.Sequential(nn.Linear(1, 32), nn.ReLU(), nn.Dropout(0.3), nn.Linear(32, 1)).to(device)
modes = train_with_validation(drop_net, epochs=5, back_to_train=True)      # 맞음
print(f"학습 모드(드롭아웃 켜짐)로 돈 배치: {sum(modes)} / {len(modes)}")
assert all(modes)

# %% [markdown]
# **고치기**: 에포크의 학습 부분을 `model.train()` 으로 시작합니다. 7절의 `train_one_epoch` 과 `helpers.train.fit` 은 그래서
# 맨 앞에서 `model.train()` 을 부릅니다. BatchNorm 이 있는 모델(9단원)에서도 같은 실수가 조용히 결과를 바꿉니다.

# %% [markdown]
# ### 5. 추론할 때 전처리가 학습 때와 다르다
#
# 모델은 **표준화된** 금액으로 학습했습니다. 추론할 때 원래 달러 값을 그대로 넣으면 오류 없이 엉뚱한 숫자가 나옵니다.

# %% tags=["raises-exception"]
x_test_raw = torch.tensor(test_df["total_bill"].to_numpy(), dtype=torch.float32, device=device).reshape(-1, 1)
y_test = test_df["tip"].to_numpy()
model.eval()
with torch.no_grad():
    wrong = model(x_test_raw).squeeze(1).cpu().numpy()      # 틀림: 표준화를 빼먹음
mae_wrong = float(np.abs(wrong - y_test).mean())
print("표준화 없이 예측한 팁 앞 3개:", wrong[:3].round(2), "| 실제 팁:", y_test[:3])
print(f"평균 절대 오차(MAE): {mae_wrong:.2f} 달러")
assert mae_wrong < 1.0, "예측한 팁의 크기가 실제 팁과 전혀 다릅니다"

# %%
with torch.no_grad():
    right = model((x_test_raw - x_mean) / x_std).squeeze(1).cpu().numpy()   # 맞음: 학습 때의 평균·표준편차
mae_right = float(np.abs(right - y_test).mean())
print("표준화 후 예측한 팁 앞 3개:", right[:3].round(2), "| 실제 팁:", y_test[:3])
print(f"평균 절대 오차(MAE): {mae_right:.2f} 달러 (틀린 경우보다 {mae_wrong / mae_right:.0f}배 작음)")
assert mae_right < 1.0


# %% [markdown]
# ### 6. 층을 파이썬 리스트에 담는다: 매개변수가 등록되지 않는다
#
# `nn.Module` 은 **속성으로 붙인 모듈**만 찾습니다. 파이썬 리스트 속 층은 보이지 않아 `parameters()` 가 비고,
# 옵티마이저를 만들 때 오류가 납니다 (`.to(device)` 로도 옮겨지지 않습니다).

# %% tags=["raises-exception"]
class ListNet(nn.Module):
    def __init__(self, use_module_list: bool):
        super().__init__()
        layers = [nn.Linear(1, 8), nn.ReLU(), nn.Linear(8, 1)]
        self.layers = nn.ModuleList(layers) if use_module_list else layers

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.layers:
            x = layer(x)
        return x


wrong_net = ListNet(use_module_list=False)
print("파이썬 리스트 → 등록된 매개변수 텐서 수:", len(list(wrong_net.parameters())))
torch.optim.SGD(wrong_net.parameters(), lr=0.1)

# %%
right_net = ListNet(use_module_list=True)
print("nn.ModuleList → 등록된 매개변수 텐서 수:", len(list(right_net.parameters())))
right_opt = torch.optim.SGD(right_net.parameters(), lr=0.1)
print("옵티마이저가 맡은 매개변수 텐서 수:", len(right_opt.param_groups[0]["params"]))

# %% [markdown]
# ## 📝 요약
#
# 1. `model(x)` 는 `__call__` 을 거쳐 훅과 부가 기능을 실행한 뒤 `forward` 를 부릅니다. `model.forward(x)` 는 이것을 조용히 건너뜁니다.
# 2. 선형 층의 합성은 다시 선형 층($W_2W_1$, $W_2b_1+b_2$)입니다. 층 사이에 ReLU 같은 비선형 활성화 함수를 넣어야 꺾은선·곡선을 표현합니다.
# 3. `CrossEntropyLoss` 에는 softmax 전의 로짓 `(N, C)` 와 정수(`torch.long`) 정답 `(N,)` 을 넣습니다. softmax 를 먼저 적용하면 오류 없이 학습만 나빠집니다.
# 4. `backward()` 는 기울기를 누적하므로, 배치마다 `zero_grad()` 로 지우지 않으면 기울기가 커지며 학습이 수렴하지 않습니다. 순서는 `zero_grad → model(x) → loss → backward → step`.
# 5. 학습률이 일정한 미니배치 SGD 는 최솟값 주변을 맴돕니다. 학습률 스케줄러(예: `CosineAnnealingLR`)로 학습률을 줄이면 닫힌 해와 2% 안으로 들어옵니다. 입력 표준화는 수렴을 빠르게 합니다.
#    배치 크기를 줄이면 에포크마다 갱신이 많아져 에포크 수로는 빨리 내려가지만, 한 걸음은 더 잡음이 많습니다. 선형 모델의 결정 경계는 직선이고, ReLU 가 있는 MLP 는 꺾인 경계로 두 반달처럼 맞물린 데이터도 가릅니다.
# 6. `model.eval()` 은 Dropout·BatchNorm 의 동작을 평가용으로 바꾸고, `torch.no_grad()` 는 연산 그래프 기록을 끕니다. 평가에는 둘 다 쓰고, 학습을 이어 갈 때는 `model.train()` 으로 되돌립니다.
# 7. 모델 객체가 아니라 `state_dict` 를 저장하고, 같은 구조의 모델에 `load_state_dict` 로 불러옵니다. 표준화에 쓴 평균·표준편차 같은 전처리 값도 함께 저장해, 추론할 때 학습 때와 똑같이 전처리합니다.

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import helpers
import tempfile
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset
from tqdm.auto import tqdm

device = helpers.setup(seed=0)


# %% [markdown]
# ## 🎯 학습 목표
#
# - `nn.Module` 을 상속해 `__init__` 에는 층(layer)을, `forward` 에는 계산 흐름을 적고, 모델은 `model(x)` 로 호출한다.
# - `nn.Linear`·활성화 함수(activation function)·`nn.Sequential` 로 신경망을 조립하고, 활성화 함수가 왜 필요한지 설명한다.
# - 문제에 맞는 손실 함수(`MSELoss`, `CrossEntropyLoss`)와 옵티마이저(optimizer: SGD, Adam), 학습률 스케줄러(learning rate scheduler)를 고른다.
# - `Dataset`/`DataLoader` 로 미니배치(mini-batch)를 만들고, `zero_grad → backward → step` 학습 루프(training loop)를 직접 쓴다.
# - `model.eval()` 과 `torch.no_grad()` 로 평가하고, `state_dict` 로 모델을 저장하고 다시 불러온다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. `model.forward(x)` 대신 `model(x)` 로 불러야 하는 이유는 무엇일까?
# 2. `nn.Linear` 만 여러 층 쌓으면 왜 여전히 직선(선형 함수)밖에 못 그릴까?
# 3. `CrossEntropyLoss` 에는 확률을 넣어야 할까, 로짓(logit)을 넣어야 할까? 정답은 어떤 자료형이어야 할까?
# 4. 학습 루프에서 `optimizer.zero_grad()` 를 빼먹으면 무슨 일이 생길까?
# 5. 손실 곡선이 평평해졌는데도 미니배치 SGD 의 직선이 닫힌 해(closed form)와 어긋나는 이유는? 어떻게 고칠까?
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

# %% [markdown]
# ## 2. `model(x)` 로 부르는 이유: 훅(hook)
#
# `model(x)` 는 `nn.Module.__call__` 을 거칩니다. `__call__` 은 `forward` 앞뒤로 **훅(hook)** 을 실행합니다.
# 훅은 층의 출력을 기록하거나, 입력을 고치거나, 디버깅·시각화·양자화 같은 도구가 끼어드는 자리입니다.
# `model.forward(x)` 를 직접 부르면 이 단계를 건너뜁니다. 훅 하나를 달아 직접 확인해 봅시다.

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

# %% [markdown]
# ## 3. `nn.Linear`, `nn.ReLU`, `nn.Sequential`
#
# `nn.Linear(in, out)` 은 $y = xW^\top + b$ 를 계산합니다. 가중치 `W` 의 모양은 `(out, in)` 입니다.

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
# **눈여겨볼 점**: 왼쪽은 층을 몇 개 쌓아도 직선입니다. 오른쪽은 ReLU 가 꺾인 곳마다 기울기가 바뀌어 꺾은선이 됩니다.
# 이런 꺾은선을 충분히 많이 이으면 어떤 곡선이든 흉내 낼 수 있습니다. 이것이 다층 퍼셉트론(MLP)의 힘입니다.

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

# %%
z = torch.linspace(-4, 4, 401, requires_grad=True)
activations = {
    "ReLU": nn.ReLU(), "LeakyReLU(0.1)": nn.LeakyReLU(0.1), "Sigmoid": nn.Sigmoid(),
    "Tanh": nn.Tanh(), "GELU": nn.GELU(), "SiLU": nn.SiLU(),
}
fig, (ax_f, ax_g) = plt.subplots(1, 2, figsize=(11, 4))
for name, fn in activations.items():
    out = fn(z)
    (grad,) = torch.autograd.grad(out.sum(), z)   # 원소마다 d out / d z
    ax_f.plot(z.detach(), out.detach(), label=name)
    ax_g.plot(z.detach(), grad, label=name)
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

# %% [markdown]
# ## 5. 손실 함수: `MSELoss` 와 `CrossEntropyLoss`
#
# - **회귀**(숫자 예측): `nn.MSELoss()` — 예측과 정답의 차이를 제곱해 평균합니다. 예측과 정답의 모양이 같아야 합니다.
# - **분류**(범주 예측): `nn.CrossEntropyLoss()` — 입력은 softmax 를 거치지 않은 **로짓(logit)** `(N, C)`,
#   정답은 **정수 클래스 번호** `(N,)` (`torch.long`). softmax 는 손실 안에서 계산됩니다.

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
# 한 에포크를 함수로 만들어 두면 몇 번이고 다시 쓸 수 있습니다.

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
# 원래 단위(달러)로 바꾸면 기울기 $w/\sigma$, 절편 $b - w\mu/\sigma$ 입니다.
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
    }, index=["기울기", "절편"]).round(4)


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

# %% [markdown]
# ## 8. 옵티마이저와 학습률 스케줄러
#
# - **SGD**: $p \leftarrow p - \eta\,g$. 가장 단순한 경사하강법. `momentum=0.9` 를 주면 지난 방향을 기억해 더 매끄럽게 갑니다.
# - **Adam**: 매개변수마다 기울기의 평균과 크기를 추적해 걸음 크기를 스스로 조절합니다. 처음 시도하기 좋은 기본값입니다.
# - **학습률 스케줄러**: 에포크가 지날수록 학습률 $\eta$ 를 줄입니다. 에포크마다 `scheduler.step()` 을 한 번 부릅니다.

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
# `torch.no_grad()` 안에서 계산합니다 (9절에서 자세히 다룹니다).

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
    name: {"기울기 오차(%)": 100 * abs(line_in_dollars(net)[0] / slope_cf - 1),
           "절편 오차(%)": 100 * abs(line_in_dollars(net)[1] / intercept_cf - 1)}
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
# ## 9. 평가: `model.eval()` 과 `torch.no_grad()`
#
# 둘은 서로 다른 일을 합니다. 평가할 때는 **둘 다** 씁니다.
#
# | | 바꾸는 것 | 빼먹으면 |
# |---|---|---|
# | `model.eval()` | Dropout·BatchNorm 같은 층의 **동작 방식** (모듈의 `training` 플래그) | 예측이 실행할 때마다 달라짐 |
# | `torch.no_grad()` | 연산 그래프를 **기록할지** 여부 | 메모리·시간 낭비, `.numpy()` 오류 |
#
# 드롭아웃(Dropout)은 학습 중에만 무작위로 값을 0 으로 만들고 나머지를 $1/(1-p)$ 배 합니다. 평가 모드에서는 그대로 통과시킵니다.

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
# 평가는 `model.eval()` 과 `torch.no_grad()` 안에서 합니다. 여기서는 테스트 묶음마다 제곱 오차를 모아 평균을 냅니다 (과제에서는 이것을 샘플 가중 평균을 돌려주는 `evaluate` 함수로 직접 만듭니다). 기준선(baseline)으로 "언제나 학습 데이터의 평균 팁을 예측"하는
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
# ## 10. 저장과 불러오기: `state_dict`
#
# `model.state_dict()` 는 매개변수 이름 → 텐서 사전입니다. 모델 객체 전체가 아니라 **이 사전**을 저장하고,
# 불러올 때는 같은 구조의 모델을 새로 만든 뒤 `load_state_dict` 로 값을 채웁니다.
# 예측에 필요한 전처리 값(여기서는 평균·표준편차)도 함께 저장해야 합니다. 파일은 임시 폴더에 씁니다.

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
# ## ⚠️ 자주 하는 실수
#
# ### 1. `zero_grad()` 를 빼먹는다: 기울기가 누적된다
#
# `backward()` 는 `.grad` 에 **더합니다**. 같은 배치로 세 번 역전파하면 기울기가 1배, 2배, 3배가 됩니다.

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
# ### 4. 추론할 때 전처리가 학습 때와 다르다
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
# ### 5. 층을 파이썬 리스트에 담는다: 매개변수가 등록되지 않는다
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
torch.optim.SGD(right_net.parameters(), lr=0.1)

# %% [markdown]
# ## 📝 요약
#
# 1. `model(x)` 는 `__call__` 을 거쳐 훅과 부가 기능을 실행한 뒤 `forward` 를 부릅니다. `model.forward(x)` 는 이것을 조용히 건너뜁니다.
# 2. 선형 층의 합성은 다시 선형 층($W_2W_1$, $W_2b_1+b_2$)입니다. 층 사이에 ReLU 같은 비선형 활성화 함수를 넣어야 꺾은선·곡선을 표현합니다.
# 3. `CrossEntropyLoss` 에는 softmax 전의 로짓 `(N, C)` 와 정수(`torch.long`) 정답 `(N,)` 을 넣습니다. softmax 를 먼저 적용하면 오류 없이 학습만 나빠집니다.
# 4. `backward()` 는 기울기를 누적하므로, 배치마다 `zero_grad()` 로 지우지 않으면 기울기가 커지며 학습이 수렴하지 않습니다. 순서는 `zero_grad → model(x) → loss → backward → step`.
# 5. 학습률이 일정한 미니배치 SGD 는 최솟값 주변을 맴돕니다. 학습률 스케줄러(예: `CosineAnnealingLR`)로 학습률을 줄이면 닫힌 해와 2% 안으로 들어옵니다. 입력 표준화는 수렴을 빠르게 합니다.
# 6. `model.eval()` 은 Dropout·BatchNorm 의 동작을 평가용으로 바꾸고, `torch.no_grad()` 는 연산 그래프 기록을 끕니다. 평가에는 둘 다 씁니다.
# 7. 모델 객체가 아니라 `state_dict` 를 저장하고, 같은 구조의 모델에 `load_state_dict` 로 불러옵니다. 표준화에 쓴 평균·표준편차 같은 전처리 값도 함께 저장해, 추론할 때 학습 때와 똑같이 전처리합니다.

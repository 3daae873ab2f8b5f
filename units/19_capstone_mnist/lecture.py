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
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 프로젝트의 목표와 채점 규칙(매개변수 예산, 처음 보는 이미지로 재는 정확도, 제출할 이름과 모양)을 정확히 말한다.
# - MNIST 와 Fashion-MNIST 의 이미지와 클래스 분포를 보고, 두 데이터의 어려움이 어떻게 다른지 설명한다.
# - 층마다 매개변수가 몇 개인지 계산해, 예산 안에서 어디에 매개변수를 쓸지 정한다.
# - 예산 안의 기준선 모델이 목표에 얼마나 못 미치는지 재고, 그 차이를 줄일 도구를 앞 단원에서 찾는다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 07 단원의 784-256-128-10 MLP 는 매개변수가 몇 개이고, 예산의 몇 배일까?
# 2. 합성곱 층과 선형 층 중 매개변수를 더 많이 먹는 것은 무엇이고, 그 이유는?
# 3. 예산 안의 MLP 기준선은 목표에 얼마나 못 미칠까? 어느 데이터에서 더 모자랄까?
# 4. 채점할 때 내 모델에 들어가는 입력은 정확히 무엇일까? 학습 때와 다르면 어떻게 될까?
# 5. 제출하기 전에 무엇을 확인해야 할까?

# %% [markdown]
# ## 1. 프로젝트: 예산 안에서 숫자와 옷 분류하기
#
# 처음 만든 CNN 이 손글씨 숫자를 95% 넘게 맞히는 것은 딥러닝의 "Hello, world" 입니다. 실제 현장에서는 여기에 조건이 붙습니다:
# 휴대폰이나 작은 장치에 올릴 모델은 **작아야** 하고, 한 번 맞힌 데이터가 아니라 **처음 보는 데이터**에서 잘해야 합니다.
#
# 이 프로젝트에서 여러분은
#
# 1. 매개변수 예산 **25,000** 안에서 CNN 을 설계해 MNIST 를 **95%**, Fashion-MNIST 를 **90%** 넘게 맞히고,
# 2. 모델을 들여다봅니다: 어떤 클래스를 헷갈리는지(혼동 행렬), 첫 합성곱 층의 커널(필터, filter)이 무엇을 찾는지(그림),
# 3. 모델의 폭을 바꿔 크기와 정확도의 관계를 실험합니다.
#
# 구조와 학습 방법은 자유입니다. 채점은 결과(처음 보는 이미지의 정확도, 모델 크기)와 정해진 함수의 모양만 봅니다.

# %% [markdown]
# ## 2. 데이터 보기
#
# 두 데이터 모두 28×28 흑백 이미지, 10 개 클래스입니다. 이 저장소에는 일부만 담겨 있습니다 (개수는 아래 출력).

# %%
mnist = helpers.data.load_mnist()
fashion = helpers.data.load_fashion_mnist()
for name, d in [("MNIST", mnist), ("Fashion-MNIST", fashion)]:
    print(f"{name}: 학습 {d.x_train.shape} {d.x_train.dtype}, 시험 {d.x_test.shape}, 정답 {d.y_train.dtype}")

# %%
helpers.plot.show_images(mnist.x_train[:10], labels=mnist.y_train[:10], ncols=10)
plt.suptitle("MNIST: 손글씨 숫자 0 ~ 9")
plt.show()
first_of_class = [int(np.flatnonzero(fashion.y_train == c)[0]) for c in range(10)]
helpers.plot.show_images(fashion.x_train[first_of_class], labels=np.arange(10),
                         class_names=helpers.data.FASHION_CLASSES, ncols=10)
plt.suptitle("Fashion-MNIST: 클래스마다 한 장")
plt.show()

# %% [markdown]
# 클래스마다 이미지 수가 거의 같습니다 (균형 잡힌 데이터). 그래서 정확도 하나로 성능을 말해도 크게 속지 않습니다.

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3))
for ax, (name, d) in zip(axes, [("MNIST", mnist), ("Fashion-MNIST", fashion)]):
    ax.bar(range(10), np.bincount(d.y_train, minlength=10))
    ax.set_xticks(range(10))
    ax.set_title(f"{name} 학습 이미지의 클래스별 개수")
    ax.set_xlabel("클래스")
plt.tight_layout()
plt.show()

# %% [markdown]
# 옷은 숫자보다 어렵습니다. 셔츠·티셔츠·풀오버·코트는 모양이 비슷하고, 차이는 소매나 단추 같은 작은 무늬에 있습니다.
# 클래스별 **평균 이미지**를 보면 어느 클래스끼리 닮았는지 짐작할 수 있습니다.

# %%
means = np.stack([fashion.x_train[fashion.y_train == c].mean(axis=0) for c in range(10)])
helpers.plot.show_images(means, labels=np.arange(10), class_names=helpers.data.FASHION_CLASSES, ncols=10)
plt.suptitle("Fashion-MNIST 클래스별 평균 이미지: 윗옷 넷(0, 2, 4, 6)이 서로 닮았습니다")
plt.show()


# %% [markdown]
# ## 3. 평가 규칙 (과제에서 이대로 채점합니다)
#
# | 항목 | 규칙 |
# |---|---|
# | 예산 | 모델 하나의 크기 = **모든 매개변수(학습하는 것과 동결한 것) + 모든 버퍼**의 원소 수 (공유된 텐서는 한 번) ≤ **25,000** |
# | 등록 | 모델이 쓰는 텐서는 모두 등록된 매개변수·버퍼, 층은 등록된 하위 모듈. 파이썬 list·dict·`object.__setattr__` 에 숨기면 거절 |
# | 모델 입력 | `preprocess(x)`: uint8 `(N, 28, 28)` → `/255` 한 float32 `(N, 1, 28, 28)` (CPU). 모델은 이것을 받아 `(N, 10)` 로짓을 냄 (소프트맥스 확률이 아니라) |
# | 예측 | `predict(model, x, batch_size=256)`: 전처리 + `eval()` + `no_grad` + `batch_size` 장씩 → CPU 의 int64 `(N,)` |
# | 목표 | 처음 보는 이미지(여러분에게 없는 MNIST 1000장, Fashion-MNIST 1000장)에서 MNIST **95%**, Fashion-MNIST **90%** |
# | 모델 | 합성곱 신경망: 첫 `nn.Conv2d` 는 `nn.Conv2d(1, …)` (그 커널을 그립니다) |
# | 학습 예산 | 에포크로 정합니다 (MNIST 3, Fashion-MNIST 4 에포크 권장, 모자라면 5 ~ 6). 시간으로는 채점하지 않습니다 |
#
# **왜 동결한 매개변수와 버퍼도 셀까요?** 예산이 "학습하는 매개변수"만 센다면, 무작위로 만든 큰 층을 동결해 두거나
# 가중치를 버퍼에 숨겨 예산을 피할 수 있습니다. 그래도 그 수들은 모델 파일에 저장되고 계산에 쓰입니다. 모델의 **크기**는
# 저장하는 수 전부입니다. 배치 정규화의 버퍼(채널마다 평균·분산 2개 + 1)는 아주 작습니다.

# %% [markdown]
# ## 4. 매개변수는 어디에 쓰일까
#
# 층의 매개변수 수는 손으로 셀 수 있습니다.
#
# - `nn.Linear(입력, 출력)`: 입력 × 출력 + 출력 (편향)
# - `nn.Conv2d(입력 채널, 출력 채널, k)`: 출력 채널 × 입력 채널 × k × k + 출력 채널. **이미지 크기와 상관없습니다**
#   (같은 커널을 모든 위치에서 나눠 씁니다).
# - `nn.BatchNorm2d(C)`: 매개변수 2C (γ, β) + 버퍼 2C + 1 (이동 평균, 이동 분산, 본 배치 수)
#
# 07 단원의 MLP 를 세어 봅니다.

# %%
def size_of(model: nn.Module) -> int:
    """Elements of every parameter and buffer (shared tensors once)."""
    return sum(t.numel() for t in [*model.parameters(), *model.buffers()])


mlp_07 = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
print(f"784-256-128-10 MLP 의 크기: {size_of(mlp_07):,} = 예산 25,000 의 {size_of(mlp_07) / 25_000:.1f} 배")
print(f"첫 층 Linear(784, 256) 하나만: {784 * 256 + 256:,}")

# %% [markdown]
# 합성곱 신경망에서는 어디에 매개변수가 몰릴까요? 09 단원의 작은 CNN 과 같은 뼈대(합성곱 블록 둘 + 선형 층 하나)를 층별로 셉니다.
# 학습하지 않고 크기만 봅니다.

# %%
skeleton = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(32 * 7 * 7, 10),
)
names, sizes = [], []
for i, layer in enumerate(skeleton):
    if size_of(layer):
        names.append(f"{i}: {type(layer).__name__}")
        sizes.append(size_of(layer))
plt.figure(figsize=(7, 3))
plt.barh(names[::-1], sizes[::-1])
plt.xlabel("원소 수 (매개변수 + 버퍼)")
plt.title(f"합성곱 블록 둘 + 선형 층: 합계 {size_of(skeleton):,}")
plt.tight_layout()
plt.show()


# %% [markdown]
# **보이는 것**: 합성곱 층은 작고, 펼친 특성(32 × 7 × 7 = 1568)을 받는 마지막 선형 층이 대부분입니다. 예산을 아끼려면
# 선형 층 앞의 특성 맵을 더 줄이거나(풀링, 전역 평균 풀링), 같은 예산을 합성곱 쪽에 더 쓸 수 있습니다. 어느 쪽이
# 정확도에 좋은지는 직접 재 보세요. 과제의 문제 8 이 바로 그 실험입니다.

# %% [markdown]
# ## 5. 기준선: 예산 안의 MLP
#
# 예산에 맞는 가장 단순한 모델은 은닉층 하나의 작은 MLP 입니다 (784 → 30 → 10). 두 데이터에서 3 에포크씩 학습해
# 여러분의 시험 이미지로 정확도를 잽니다. 과제의 목표와 비교해 보세요.

# %%
def baseline_mlp() -> nn.Module:
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 30), nn.ReLU(), nn.Linear(30, 10))


def to_input(images: np.ndarray) -> torch.Tensor:
    return torch.from_numpy(images.astype(np.float32) / np.float32(255))[:, None]


baseline = {}
for name, d in [("MNIST", mnist), ("Fashion-MNIST", fashion)]:
    torch.manual_seed(0)
    net = baseline_mlp()
    loader = DataLoader(TensorDataset(to_input(d.x_train), torch.from_numpy(d.y_train)), batch_size=64, shuffle=True)
    helpers.train.fit(net, loader, nn.CrossEntropyLoss(), torch.optim.Adam(net.parameters(), lr=2e-3), epochs=3,
                      device=device)
    test_loader = DataLoader(TensorDataset(to_input(d.x_test), torch.from_numpy(d.y_test)), batch_size=500)
    baseline[name] = helpers.train.evaluate(net, test_loader, device=device)["accuracy"]
    print(f"{name}: 크기 {size_of(net):,}, 시험 정확도 {baseline[name]:.1%}")

# %%
targets = {"MNIST": 0.95, "Fashion-MNIST": 0.90}
plt.figure(figsize=(5, 3))
xs = np.arange(2)
plt.bar(xs - 0.2, [baseline[k] for k in targets], width=0.4, label="기준선 MLP (784-30-10)")
plt.bar(xs + 0.2, list(targets.values()), width=0.4, label="목표")
plt.xticks(xs, list(targets))
plt.ylim(0.7, 1.0)
plt.ylabel("정확도")
plt.legend(loc="lower left")
plt.title("예산 안의 MLP 와 목표의 차이")
plt.show()

# %% [markdown]
# 기준선은 두 목표 모두에 못 미치고, Fashion-MNIST 에서 더 많이 모자랍니다. 시험 이미지와 채점용 이미지는 다른 이미지이므로
# 숫자가 1 ~ 2%p 다를 수 있습니다: 목표보다 여유 있게 넘기세요.
#
# **쓸 도구** (앞 단원에서 배운 것):
#
# - 합성곱·배치 정규화·최대 풀링으로 만든 작은 CNN, 특성 맵을 줄여 선형 층을 작게: **09 합성곱 신경망**의 `SmallCNN`, 수용 영역.
# - 학습 루프, `AdamW`, 배치마다 `OneCycleLR`, 레이블 스무딩: **09** 의 Fashion-MNIST 레시피, **06 신경망 학습**.
# - 검증 세트로 설정 고르기, 드롭아웃, 과대적합 보기: **07 MLP 로 MNIST 분류**.
# - 이동·뒤집기 증강 (`helpers.train.random_shift`): **08 데이터 증강**. 옷은 좌우로 뒤집어도 같은 옷이지만 숫자는 아닙니다.
# - 혼동 행렬 `helpers.plot.confusion_matrix`, 그림 `helpers.plot.show_images`: **07**, **09**.

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# **1. uint8 이미지를 그대로 모델에 넣기.** 저장된 이미지는 0 ~ 255 정수(uint8)이고, 모델의 가중치는 float32 입니다.

# %% tags=["raises-exception"]
torch.manual_seed(0)
tiny_cnn = nn.Sequential(nn.Conv2d(1, 4, 3, padding=1), nn.ReLU(), nn.Flatten(), nn.Linear(4 * 28 * 28, 10)).eval()
raw = torch.from_numpy(mnist.x_test[:4])[:, None]
tiny_cnn(raw)

# %% [markdown]
# 고치기: float32 로 바꾸고 학습 때와 **똑같이** `/255` 합니다. 학습은 `/255` 로 하고 예측은 `.float()` 만 하면 오류는 없지만
# 입력이 255 배 커져 예측이 엉망이 됩니다. 그래서 과제에서는 전처리를 `preprocess` 한 곳에 두고 학습과 예측이 모두 그것을 씁니다.

# %%
print("고친 입력:", tuple(to_input(mnist.x_test[:4]).shape), to_input(mnist.x_test[:4]).dtype,
      "| 로짓 모양:", tuple(tiny_cnn(to_input(mnist.x_test[:4])).shape))

# %% [markdown]
# **2. 채널 축을 빼먹기.** `(N, 28, 28)` 을 그대로 `nn.Conv2d(1, …)` 에 넣으면, 합성곱은 이것을 배치 없는 이미지 한 장
# (채널 N 개) 로 읽습니다.

# %% tags=["raises-exception"]
tiny_cnn(torch.from_numpy(mnist.x_test[:4].astype(np.float32) / 255))

# %% [markdown]
# 고치기: `x[:, None]` 또는 `x.unsqueeze(1)` 로 채널 축을 만들어 `(N, 1, 28, 28)` 로 넣습니다 (위의 `to_input`).
#
# **3. 평가 모드를 잊기.** 드롭아웃과 배치 정규화는 학습 모드와 평가 모드에서 다르게 계산합니다. 같은 모델, 같은 이미지인데
# 모드에 따라 예측이 달라지는 것을 봅니다.

# %%
torch.manual_seed(0)
bn_net = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.Flatten(), nn.Dropout(0.5),
                       nn.Linear(8 * 28 * 28, 10))
with torch.no_grad():
    bn_net[1].running_mean.fill_(0.2)                  # as if learned on other batches
    x4 = to_input(mnist.x_test[:64])
    train_mode = bn_net.train()(x4).argmax(1)
    eval_mode = bn_net.eval()(x4).argmax(1)
print(f"학습 모드와 평가 모드의 예측이 다른 이미지: 64장 중 {(train_mode != eval_mode).sum().item()}장")

# %% [markdown]
# 고치기: 예측하기 전에 `model.eval()`, 그리고 `torch.no_grad()` 안에서 계산합니다. 학습을 다시 시작할 때는 `model.train()`.
#
# **4. 예산을 학습하는 매개변수만으로 세기.** 동결한 층도 모델의 크기입니다.

# %%
frozen_trick = nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))
frozen_trick[1].requires_grad_(False)
trainable_only = sum(p.numel() for p in frozen_trick.parameters() if p.requires_grad)
print(f"학습하는 매개변수만: {trainable_only:,} (예산 안처럼 보임) | 모델의 크기: {size_of(frozen_trick):,} (예산 초과)")

# %% [markdown]
# ## ✅ 제출 전 점검
#
# - [ ] `count_params(mnist_model)["total"]` 와 `count_params(fashion_model)["total"]` 이 25,000 이하인가?
# - [ ] 모델은 `preprocess` 의 출력(`/255` 한 float32 `(N, 1, 28, 28)`)을 받아 `(N, 10)` 로짓을 내는가? 학습도 같은 전처리로 했는가?
# - [ ] `predict` 가 `eval()`, `no_grad`, 배치 처리를 하고, CPU 의 int64 `(N,)` 을 돌려주는가? `N = 0`, `N = 1`, 배치 크기의 배수가 아닌 `N` 에서도?
# - [ ] 여러분의 시험 이미지에서 목표보다 여유 있게 넘는가? (채점은 처음 보는 이미지로 합니다)
# - [ ] 학습에 시험 이미지를 쓰지 않았는가? 시드를 고정했는가?
# - [ ] 노트북을 처음부터 끝까지 다시 실행해도(커널 재시작 → 모두 실행) 같은 결과가 나오는가?

# %% [markdown]
# ## 📝 요약
#
# 1. 784-256-128-10 MLP 는 235,146 개로 예산 25,000 의 9 배가 넘습니다. 첫 선형 층 하나가 대부분입니다.
# 2. 합성곱 층의 매개변수는 출력 채널 × 입력 채널 × k × k 로 이미지 크기와 상관없어 작고, 펼친 특성을 받는 선형 층이 큽니다.
# 3. 예산 안의 MLP 기준선은 MNIST 에서도 Fashion-MNIST 에서도 목표에 못 미치고, 옷에서 더 모자랍니다.
# 4. 채점 입력은 `/255` 한 float32 `(N, 1, 28, 28)` 입니다. 학습과 예측의 전처리가 다르거나 `eval()` 을 잊으면 정확도가 무너집니다.
# 5. 예산(동결한 것과 버퍼 포함), 입력·출력 모양, 평가 모드, 처음 보는 데이터에서의 여유를 제출 전에 확인합니다.

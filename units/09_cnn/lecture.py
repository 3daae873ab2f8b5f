# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import copy
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 3×3 소벨(Sobel) 커널로 손글씨 이미지의 윤곽을 **손으로** 계산하고, 그 결과가 `F.conv2d` 와 같음을 확인한다.
# - 합성곱 출력 크기를 커널·스트라이드·패딩으로 계산하고, 최대 풀링·배치 정규화가 하는 일을 숫자와 그림으로 본다.
# - 합성곱 신경망(CNN)으로 MNIST **98.5%**, Fashion-MNIST **89%** 이상을 이 CPU 에서 각각 45초 안에 학습하고,
#   매개변수 수가 같은 MLP 와 비교해 합성곱이 무엇을 얻는지 잰다.
# - 층을 20개 쌓으면 첫 층의 기울기가 사라지는 것을 재고, 잔차 연결 $y = \mathrm{ReLU}(F(x) + x)$ 가 그것을 막는 이유를 설명한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. MLP 는 이미지를 784 차원 벡터로 폈습니다. 합성곱은 이미지의 무엇을 이용하고, 그래서 무엇을 아낄까?
# 2. `F.conv2d` 는 수학 교과서의 합성곱처럼 커널을 뒤집을까?
# 3. 28×28 입력에 3×3 커널, 패딩 1, 스트라이드 2 를 쓰면 출력은 몇×몇일까? 식은?
# 4. 최대 풀링과 배치 정규화는 각각 무엇을 하며, 배치 정규화가 있는 모델에서 `model.eval()` 을 잊으면 어떻게 될까?
# 5. 층을 깊게 쌓으면 왜 학습이 어려워지고, 잔차 연결은 기울기를 어떻게 살려 둘까?

# %% [markdown]
# ## 1. 왜 합성곱인가
#
# 7단원의 MLP 는 28×28 이미지를 784 개의 숫자로 폈습니다. 그러면 "어느 픽셀이 이웃인지"라는 정보가 사라지고,
# 첫 층 `Linear(784, 256)` 은 픽셀마다 따로 가중치를 둡니다 (20만 개). 그런데 이미지의 쓸모 있는 특징(획의 가장자리, 모서리)은
#
# - **국소적**입니다: 가까운 픽셀 몇 개만 보면 알 수 있습니다.
# - **위치와 상관없습니다**: 왼쪽 위의 가장자리와 오른쪽 아래의 가장자리는 같은 방법으로 찾을 수 있습니다.
#
# **합성곱(convolution)** 은 이 두 가지를 그대로 구조로 만듭니다. 작은 가중치 격자인 **커널**(kernel, 예: 3×3 = 9개 숫자)을
# 이미지 위에서 한 칸씩 밀며, 칸마다 겹치는 9개 픽셀과 곱해 더합니다. 같은 9개 가중치를 모든 위치에서 다시 씁니다 (가중치 공유).
# 결과 이미지를 **특성 맵(feature map)** 이라고 합니다.

# %%
mnist = helpers.data.load_mnist()
fashion = helpers.data.load_fashion_mnist()
print("MNIST  학습", mnist.x_train.shape, "테스트", mnist.x_test.shape)
print("Fashion 학습", fashion.x_train.shape, "테스트", fashion.x_test.shape)
digit = torch.tensor(mnist.x_train[0], dtype=torch.float32) / 255      # (28, 28), values 0..1
print("이미지 한 장:", tuple(digit.shape), "| 정답:", mnist.y_train[0])

# %% [markdown]
# ## 2. 합성곱을 손으로: 소벨 커널로 윤곽 찾기
#
# 소벨(Sobel) 커널은 왼쪽과 오른쪽 픽셀의 차이(가로 방향 기울기)를 잽니다. 밝기가 왼쪽에서 오른쪽으로 바뀌는 곳, 곧 **세로 윤곽**에서 값이 큽니다.
#
# $$K_x = \begin{pmatrix} -1 & 0 & 1 \\ -2 & 0 & 2 \\ -1 & 0 & 1 \end{pmatrix}, \qquad
# \text{out}[i, j] = \sum_{u=0}^{2}\sum_{v=0}^{2} \text{img}[i+u,\, j+v]\; K[u, v]$$
#
# 반복문 두 개로 직접 계산합니다. 커널이 이미지 밖으로 나가지 않는 위치만 계산하므로 출력은 26×26 입니다.

# %%
sobel_x = torch.tensor([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
sobel_y = sobel_x.T.clone()                   # top-bottom differences: horizontal edges


def conv2d_single(image: torch.Tensor, kernel: torch.Tensor) -> torch.Tensor:
    """Slide `kernel` over a 2-D image (stride 1, no padding): multiply the overlap and sum."""
    kh, kw = kernel.shape
    h_out, w_out = image.shape[0] - kh + 1, image.shape[1] - kw + 1
    out = torch.zeros(h_out, w_out)
    for i in range(h_out):
        for j in range(w_out):
            out[i, j] = (image[i:i + kh, j:j + kw] * kernel).sum()
    return out


edge_x = conv2d_single(digit, sobel_x)
edge_y = conv2d_single(digit, sobel_y)
print("입력", tuple(digit.shape), "→ 출력", tuple(edge_x.shape))

# %% [markdown]
# 파이토치의 `F.conv2d` 는 `(배치, 채널, 높이, 너비)` 모양의 입력과 `(출력 채널, 입력 채널, 커널 높이, 커널 너비)` 모양의
# 커널을 받습니다. 이미지 한 장, 커널 하나이면 앞의 두 축은 1 입니다.

# %%
torch_x = F.conv2d(digit[None, None], sobel_x[None, None])[0, 0]
print("모양:", tuple(torch_x.shape), "| 손으로 한 계산과 최대 차이:", f"{(torch_x - edge_x).abs().max():.1e}")
flipped = F.conv2d(digit[None, None], sobel_x.flip(0, 1)[None, None])[0, 0]
print("커널을 뒤집어 계산하면 (교과서의 합성곱) 부호만 반대인가:", torch.allclose(flipped, -edge_x, atol=1e-5))

# %%
magnitude = torch.sqrt(edge_x**2 + edge_y**2)
fig, axes = plt.subplots(1, 4, figsize=(12, 3.2))
for ax, img, title in [(axes[0], digit, "입력"), (axes[1], edge_x, "소벨 x: 세로 윤곽"),
                       (axes[2], edge_y, "소벨 y: 가로 윤곽"), (axes[3], magnitude, "윤곽의 세기 √(x²+y²)")]:
    shown = ax.imshow(img, cmap="gray" if ax is axes[0] else "RdBu_r" if ax in axes[1:3] else "magma")
    ax.set_title(title)
    ax.axis("off")
    fig.colorbar(shown, ax=ax, fraction=0.046)
plt.tight_layout()
plt.show()


# %% [markdown]
# **눈여겨볼 점**
#
# - 손으로 한 계산과 `F.conv2d` 는 반올림 오차만큼만 다릅니다. `F.conv2d` 는 커널을 **뒤집지 않습니다**. 수학에서는 커널을
#   뒤집어 곱하는 것을 합성곱, 뒤집지 않는 것을 **교차 상관(cross-correlation)** 이라고 부르는데, 딥러닝의 "합성곱 층"은 교차 상관입니다.
#   소벨 커널은 좌우가 반대 부호라 뒤집으면 결과의 부호가 바뀝니다. 학습하는 커널에서는 어느 쪽이든 상관없습니다 (학습이 뒤집힌 커널을 찾을 뿐).
# - 빨강(+)은 왼쪽이 어둡고 오른쪽이 밝은 곳, 파랑(−)은 그 반대입니다. 소벨 커널은 사람이 정한 커널입니다. CNN 은 이런 커널의
#   9개 숫자를 **학습으로** 찾습니다 (7절에서 학습한 커널을 봅니다).

# %% [markdown]
# ## 3. 출력 크기 계산: 커널, 패딩, 스트라이드
#
# - **패딩(padding)** $p$: 입력의 네 변에 0 을 $p$ 칸씩 두릅니다. 3×3 커널에 $p=1$ 이면 출력 크기가 입력과 같습니다.
# - **스트라이드(stride)** $s$: 커널을 한 번에 $s$ 칸씩 옮깁니다. $s=2$ 이면 출력이 약 절반이 됩니다.
#
# 크기 $n$ 인 축에서 커널 $k$ 가 놓일 수 있는 자리의 수는
#
# $$n_\text{out} = \left\lfloor \frac{n + 2p - k}{s} \right\rfloor + 1$$
#
# 입니다. 나누어떨어지지 않으면 마지막에 커널이 다 들어가지 않는 자리는 버리므로 **내림**입니다.

# %%
def out_size(n: int, k: int, s: int = 1, p: int = 0) -> int:
    return (n + 2 * p - k) // s + 1


x28 = torch.zeros(1, 1, 28, 28)
print(f"{'커널':>4} {'스트라이드':>6} {'패딩':>4} | {'공식':>4} {'nn.Conv2d':>9}")
for k, s, p in [(3, 1, 0), (3, 1, 1), (5, 1, 2), (3, 2, 1), (3, 2, 0), (4, 3, 0), (28, 1, 0)]:
    real = nn.Conv2d(1, 1, k, stride=s, padding=p)(x28).shape[-1]
    print(f"{k:>4} {s:>6} {p:>4} | {out_size(28, k, s, p):>4} {real:>9}")

# %% [markdown]
# **눈여겨볼 점**: 3×3, 스트라이드 2, 패딩 0 이면 $(28 - 3)/2 = 12.5$ → 내림 12 → 13 입니다. 같은 식이 풀링 층에도 그대로 맞습니다.

# %% [markdown]
# ## 4. 채널: 합성곱 층 하나에 커널이 여러 개
#
# `nn.Conv2d(in_channels, out_channels, kernel_size)` 의 가중치 모양은 `(out_channels, in_channels, k, k)` 입니다.
# 출력 채널 하나는 **모든 입력 채널**을 각자의 커널로 훑은 결과를 더한 것이고, 출력 채널마다 다른 커널 묶음을 씁니다.
# 컬러 이미지(입력 채널 3)에 3×3 커널 16개를 쓰면 가중치는 16×3×3×3 = 432 개에 편향 16 개입니다.

# %%
conv_a = nn.Conv2d(1, 16, 3, padding=1)
conv_b = nn.Conv2d(16, 32, 3, padding=1)
for name, layer in [("Conv2d(1, 16, 3)", conv_a), ("Conv2d(16, 32, 3)", conv_b)]:
    n = sum(p.numel() for p in layer.parameters())
    print(f"{name:18s} 가중치 {tuple(layer.weight.shape)} 매개변수 {n:,d}개")
print(f"{'Linear(784, 256)':18s} 가중치 {tuple(nn.Linear(784, 256).weight.shape)} 매개변수 {784 * 256 + 256:,d}개")
print("입력 (8, 1, 28, 28) → conv_a →", tuple(conv_a(torch.zeros(8, 1, 28, 28)).shape))

# %% [markdown]
# **눈여겨볼 점**: 합성곱 층의 매개변수 수는 이미지 크기와 상관없습니다 (28×28 이든 1000×1000 이든 160개).
# 같은 커널을 모든 위치에 다시 쓰기 때문입니다. MLP 의 첫 층은 픽셀 수에 비례합니다.

# %% [markdown]
# ## 5. 최대 풀링: 크기를 줄이고 작은 이동을 견디기
#
# **최대 풀링(max pooling)** `nn.MaxPool2d(2)` 은 특성 맵을 2×2 창으로 나누어 창마다 가장 큰 값 하나만 남깁니다.
# 가로·세로가 절반이 되고(계산량은 1/4), 특징이 창 안에서 한두 픽셀 움직여도 결과가 잘 바뀌지 않습니다. 학습할 매개변수는 없습니다.

# %%
pooled = F.max_pool2d(magnitude[None, None], 2)[0, 0]
shifted = torch.roll(digit, shifts=1, dims=1)                          # the same digit, 1 pixel to the right
mag_shifted = torch.sqrt(conv2d_single(shifted, sobel_x) ** 2 + conv2d_single(shifted, sobel_y) ** 2)
pooled_shifted = F.max_pool2d(mag_shifted[None, None], 2)[0, 0]


def cosine(a: torch.Tensor, b: torch.Tensor) -> float:
    return F.cosine_similarity(a.flatten(), b.flatten(), dim=0).item()


print("윤곽 맵", tuple(magnitude.shape), "→ 최대 풀링", tuple(pooled.shape))
print(f"1픽셀 옮긴 숫자와의 코사인 유사도: 풀링 전 {cosine(magnitude, mag_shifted):.3f} | 풀링 후 {cosine(pooled, pooled_shifted):.3f}")
fig, axes = plt.subplots(1, 2, figsize=(6.5, 3.2))
axes[0].imshow(magnitude, cmap="magma")
axes[0].set_title("윤곽의 세기 26×26")
axes[1].imshow(pooled, cmap="magma")
axes[1].set_title("2×2 최대 풀링 13×13")
for ax in axes:
    ax.axis("off")
plt.show()

# %% [markdown]
# ## 6. 배치 정규화: 층마다 값의 크기를 맞추기
#
# **배치 정규화(batch normalization)** `nn.BatchNorm2d(C)` 는 학습 중 미니배치에서 채널마다 평균과 표준편차를 구해
# 값을 평균 0, 표준편차 1 로 맞춘 뒤, 학습하는 배율 $\gamma$ 와 이동 $\beta$ 를 적용합니다: $y = \gamma\,\frac{x - \mu_B}{\sigma_B} + \beta$.
# 층마다 입력의 크기가 고르게 유지되어 더 큰 학습률로 빨리 학습됩니다.
#
# 평가할 때는 배치마다 평균이 달라지면 안 되므로, 학습 중에 모아 둔 **이동 평균**(`running_mean`, `running_var`)을 씁니다.
# 그래서 `model.train()` / `model.eval()` 에 따라 계산이 달라집니다 (⚠️ 4 에서 잊었을 때를 봅니다).

# %%
batch = torch.tensor(mnist.x_train[:64], dtype=torch.float32)[:, None] / 255
torch.manual_seed(0)
features = nn.Conv2d(1, 4, 3, padding=1)(batch).detach()
bn = nn.BatchNorm2d(4)
normed = bn(features).detach()                                      # train mode: batch statistics
print("채널별 평균 (BN 전):", features.mean(dim=(0, 2, 3)).numpy().round(3), "| 표준편차:", features.std(dim=(0, 2, 3)).numpy().round(3))
print("채널별 평균 (BN 후):", normed.mean(dim=(0, 2, 3)).numpy().round(3) + 0.0, "| 표준편차:", normed.std(dim=(0, 2, 3)).numpy().round(3))
print("학습 중에 모은 이동 평균 (momentum 0.1 로 한 번 갱신):", bn.running_mean.numpy().round(4))


# %% [markdown]
# ## 7. MNIST 를 CNN 으로: 98.5% 를 45초 안에
#
# 두 블록 `Conv(3×3, 패딩 1) → BatchNorm → ReLU → MaxPool(2)` 로 28×28 을 14×14, 7×7 로 줄이고, 평탄화한 뒤 `Linear` 두 개로 10개의 로짓을 냅니다.
#
# | 층 | 출력 모양 |
# |---|---|
# | 입력 | 1×28×28 |
# | Conv(1→16) + BN + ReLU, MaxPool | 16×28×28 → 16×14×14 |
# | Conv(16→32) + BN + ReLU, MaxPool | 32×14×14 → 32×7×7 |
# | Flatten, Linear(1568→128) + ReLU, Linear(128→10) | 1568 → 128 → 10 |
#
# 학습 레시피 (이 과정을 만들며 여러 설정을 재서 고른 것):
# `AdamW(weight_decay=5e-4)` + **OneCycleLR**(학습률을 처음 30% 동안 0.003 까지 올렸다가 0 근처로 내림, 배치마다 `step`),
# 배치 128, 레이블 스무딩 0.1, ±1픽셀 이동 증강. `channels_last` 메모리 배치는 CPU 의 합성곱을 조금 빠르게 합니다.
# 걸린 시간은 **CPU 시간**(`time.process_time()`)으로 잽니다. 같은 컴퓨터를 여럿이 쓰면 벽시계 시간은 의미가 없기 때문입니다.

# %%
def build_cnn(in_channels: int = 1, num_classes: int = 10) -> nn.Sequential:
    """Two (Conv3x3-BN-ReLU-MaxPool2) blocks, then 1568 -> 128 -> num_classes (for 28×28 inputs)."""
    return nn.Sequential(
        nn.Conv2d(in_channels, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(32 * 7 * 7, 128), nn.ReLU(),
        nn.Linear(128, num_classes),
    )


def build_mlp_same_budget() -> nn.Sequential:
    """784-256-10 MLP: about as many parameters as build_cnn()."""
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


def count_params(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


print(f"CNN 매개변수 {count_params(build_cnn()):,d}개 | 같은 예산의 MLP 784-256-10 {count_params(build_mlp_same_budget()):,d}개")


def to_tensors(split_x: np.ndarray, split_y: np.ndarray) -> tuple[torch.Tensor, torch.Tensor]:
    """uint8 (N, 28, 28) -> float32 (N, 1, 28, 28) in 0..1, labels int64."""
    return torch.tensor(split_x, dtype=torch.float32)[:, None] / 255, torch.from_numpy(split_y)


def train(model: nn.Module, x: torch.Tensor, y: torch.Tensor, epochs: int, augment=None,
          lr: float = 3e-3, progress: bool | None = None) -> float:
    """AdamW + OneCycleLR (stepped per batch) + label smoothing 0.1; returns the CPU seconds spent."""
    torch.manual_seed(0)
    model = model.to(device).to(memory_format=torch.channels_last)
    loader = DataLoader(TensorDataset(x, y), batch_size=128, shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=5e-4)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=epochs * len(loader))
    start = time.process_time()
    helpers.train.fit(model, loader, nn.CrossEntropyLoss(label_smoothing=0.1), optimizer, epochs=epochs, device=device,
                      scheduler=scheduler, scheduler_per_batch=True, augment=augment, progress=progress)
    return time.process_time() - start


def test_accuracy(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """Accuracy in eval mode (helpers.train.predict switches to eval and turns gradients off)."""
    return (helpers.train.predict(model, x, device) == y).float().mean().item()


def shift1(images: torch.Tensor) -> torch.Tensor:
    return helpers.train.random_shift(images, max_shift=1)


mx_train, my_train = to_tensors(mnist.x_train, mnist.y_train)
mx_test, my_test = to_tensors(mnist.x_test, mnist.y_test)

# %%
MNIST_EPOCHS = 9
cnn_mnist = build_cnn()
mnist_cpu = train(cnn_mnist, mx_train, my_train, MNIST_EPOCHS, augment=shift1)
mnist_acc = test_accuracy(cnn_mnist, mx_test, my_test)
print(f"MNIST CNN: 테스트 {len(my_test)}장 정확도 {mnist_acc:.2%} | 학습 {MNIST_EPOCHS} 에포크, CPU {mnist_cpu:.1f}초")
print("목표 98.5% 이상, 45초 이하:", "달성" if mnist_acc >= 0.985 and mnist_cpu <= 45 else "미달")
assert mnist_acc >= 0.985, "MNIST 목표 정확도에 못 미칩니다"

# %% [markdown]
# ### 학습한 커널과 특성 맵
#
# 첫 층의 커널 16개(각 3×3)와, 숫자 하나를 넣었을 때 첫 블록이 내는 특성 맵 16장을 그립니다.

# %%
cnn_mnist.eval()
kernels = cnn_mnist[0].weight.detach().cpu()[:, 0]                      # (16, 3, 3)
with torch.no_grad():
    maps = cnn_mnist[:3](mx_test[:1].to(device))[0].cpu()               # after conv, BN, ReLU: (16, 28, 28)
fig, axes = plt.subplots(2, 16, figsize=(16, 2.6))
for i in range(16):
    axes[0, i].imshow(kernels[i], cmap="RdBu_r")
    axes[1, i].imshow(maps[i], cmap="magma")
    axes[0, i].set_title(f"커널 {i}", fontsize=7)
for ax in axes.flat:
    ax.axis("off")
fig.suptitle("첫 층: 학습한 3×3 커널(위)과 그 특성 맵(아래)")
plt.show()

# %% [markdown]
# **눈여겨볼 점**: 여러 커널이 소벨 커널처럼 한쪽은 +, 반대쪽은 − 인 모양으로 학습됩니다. 특성 맵마다 서로 다른 방향의 윤곽이나
# 획의 안쪽·바깥쪽을 밝힙니다. 사람이 정하지 않았는데 윤곽 검출기가 저절로 생깁니다.

# %% [markdown]
# ## 8. Fashion-MNIST: 89% 를 45초 안에
#
# 옷 이미지는 숫자보다 어렵습니다 (셔츠·티셔츠·풀오버·코트가 비슷합니다). 같은 CNN 을 증강 없이 4 에포크 학습합니다.

# %%
fx_train, fy_train = to_tensors(fashion.x_train, fashion.y_train)
fx_test, fy_test = to_tensors(fashion.x_test, fashion.y_test)
FASHION_EPOCHS = 4
cnn_fashion = build_cnn()
fashion_cpu = train(cnn_fashion, fx_train, fy_train, FASHION_EPOCHS)
fashion_acc = test_accuracy(cnn_fashion, fx_test, fy_test)
print(f"Fashion CNN: 테스트 {len(fy_test)}장 정확도 {fashion_acc:.2%} | 학습 {FASHION_EPOCHS} 에포크, CPU {fashion_cpu:.1f}초")
print("목표 89% 이상, 45초 이하:", "달성" if fashion_acc >= 0.89 and fashion_cpu <= 45 else "미달")
assert fashion_acc >= 0.89, "Fashion-MNIST 목표 정확도에 못 미칩니다"

# %% [markdown]
# ## 9. 합성곱이 얻는 것: 매개변수 수가 같은 MLP 와 비교
#
# 784-256-10 MLP 는 CNN 과 매개변수 수가 거의 같습니다 (약 20만 개). 같은 레시피, 같은 에포크로 학습해 비교합니다.

# %%
mlp_mnist, mlp_fashion = build_mlp_same_budget(), build_mlp_same_budget()
mlp_mnist_cpu = train(mlp_mnist, mx_train, my_train, MNIST_EPOCHS, augment=shift1, progress=False)
mlp_fashion_cpu = train(mlp_fashion, fx_train, fy_train, FASHION_EPOCHS, progress=False)
results = {
    "MNIST": (mnist_acc, test_accuracy(mlp_mnist, mx_test, my_test), mnist_cpu, mlp_mnist_cpu),
    "Fashion-MNIST": (fashion_acc, test_accuracy(mlp_fashion, fx_test, fy_test), fashion_cpu, mlp_fashion_cpu),
}
print(f"{'데이터':14s} {'CNN':>8s} {'MLP':>8s} | CPU 초: CNN / MLP")
for name, (a_cnn, a_mlp, t_cnn, t_mlp) in results.items():
    print(f"{name:14s} {a_cnn:8.2%} {a_mlp:8.2%} | {t_cnn:5.1f} / {t_mlp:4.1f}")

fig, ax = plt.subplots(figsize=(6, 3.5))
pos = np.arange(len(results))
ax.bar(pos - 0.2, [r[0] for r in results.values()], 0.4, label=f"CNN ({count_params(build_cnn()):,d} 매개변수)")
ax.bar(pos + 0.2, [r[1] for r in results.values()], 0.4, label=f"MLP ({count_params(build_mlp_same_budget()):,d} 매개변수)")
ax.set_xticks(pos, list(results))
ax.set_ylim(0.8, 1.0)
ax.set_ylabel("테스트 정확도")
ax.legend(loc="lower left")
ax.set_title("매개변수 수가 같을 때 CNN 과 MLP")
plt.show()


# %% [markdown]
# **눈여겨볼 점**: 매개변수 수가 같아도 CNN 이 더 정확합니다. CNN 은 매개변수 대부분을 마지막 `Linear` 에 쓰고, 합성곱 층은
# 5천 개 남짓의 가중치를 모든 위치에서 다시 쓰며 "이웃 픽셀"이라는 구조를 이용합니다. 대신 같은 매개변수로 훨씬 많이 계산하므로
# CPU 시간은 CNN 이 여러 배 깁니다. GPU 가 CNN 에 특히 유리한 이유입니다.

# %% [markdown]
# ## 10. 깊게 쌓으면 기울기가 사라진다: 잔차 연결
#
# AlexNet(2012)은 합성곱 층 5개, VGG(2014)는 16~19개를 쌓아 ImageNet 정확도를 크게 올렸습니다. 하지만 그냥 더 쌓으면
# 오히려 학습이 안 됩니다. 역전파에서 기울기는 층마다 야코비안을 곱하며 입력 쪽으로 가는데, 그 곱이 1 보다 작으면 층 수에 따라
# 기하급수적으로 작아집니다 (**기울기 소실**).
#
# ResNet(2015)은 블록의 출력에 입력을 더합니다: $y = \mathrm{ReLU}(F(x) + x)$ (**잔차 연결**, residual connection).
# 블록은 "입력에서 바뀔 부분" $F(x)$ 만 배우면 되고, 미분하면 $\partial (F(x) + x)/\partial x = \partial F/\partial x + I$ 라서
# $F$ 의 기울기가 작아도 항등 행렬 $I$ 를 통해 기울기가 그대로 흘러갑니다.
#
# 합성곱 20개를 그냥 쌓은 모델과, 같은 합성곱 20개를 잔차 블록 10개로 묶은 모델을 초기화 직후에 비교합니다.
# MNIST 이미지 32장의 손실을 한 번 역전파하고 층마다 가중치 기울기의 노름을 잽니다. (학습은 하지 않습니다.)

# %%
class ResidualBlock(nn.Module):
    """y = ReLU(F(x) + x) with F = conv -> ReLU -> conv (channels and size unchanged)."""

    def __init__(self, channels: int):
        super().__init__()
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.conv2(torch.relu(self.conv1(x))) + x)


def deep_net(n_convs: int, residual: bool) -> nn.Sequential:
    """Stem conv, then n_convs 3x3 convs (plain with ReLU, or paired into residual blocks), then a linear head."""
    body = ([ResidualBlock(16) for _ in range(n_convs // 2)] if residual
            else [m for _ in range(n_convs) for m in (nn.Conv2d(16, 16, 3, padding=1), nn.ReLU())])
    return nn.Sequential(nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), *body,
                         nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10))


def grad_norms(model: nn.Module) -> list[float]:
    """Gradient norm of every conv weight, input side first, after one backward pass on 32 MNIST images."""
    F.cross_entropy(model(mx_train[:32]), my_train[:32]).backward()
    return [m.weight.grad.norm().item() for m in model.modules() if isinstance(m, nn.Conv2d)]


torch.manual_seed(0)
plain_norms = grad_norms(deep_net(20, residual=False))
torch.manual_seed(0)
res_norms = grad_norms(deep_net(20, residual=True))
plt.figure(figsize=(7, 3.6))
plt.semilogy(range(len(plain_norms)), plain_norms, "o-", label="그냥 쌓은 합성곱 21층")
plt.semilogy(range(len(res_norms)), res_norms, "s-", label="잔차 블록 10개 (합성곱 21층)")
plt.xlabel("층 번호 (0 = 입력 쪽)")
plt.ylabel("가중치 기울기의 노름 (로그 눈금)")
plt.legend()
plt.title("초기화 직후 층마다의 기울기")
plt.show()
print(f"첫 층의 기울기 노름: 그냥 쌓음 {plain_norms[0]:.1e} | 잔차 연결 {res_norms[0]:.1e} ({res_norms[0] / plain_norms[0]:.0e} 배)")

# %% [markdown]
# **눈여겨볼 점**: 그냥 쌓은 모델은 출력에서 멀어질수록 기울기가 층마다 일정한 비율로 줄어 (로그 눈금에서 직선), 첫 층의 기울기가
# 잔차 모델의 첫 층보다 수억 배 작습니다 (위에 찍은 값). 그런 층은 사실상 학습되지 않습니다. 잔차 연결이 있으면 모든 층의 기울기가 비슷한 크기로 남습니다.
# 실제 ResNet 은 블록 안에 배치 정규화도 두고, 채널 수나 크기가 바뀌는 블록에서는 지름길에 1×1 합성곱을 둡니다 (과제 문제 5).
#
# 참고로 더 큰 데이터 CIFAR-10 에서 94% 를 내는 잘 다듬은 ResNet 레시피(airbench)는 A100 GPU 로 3.3초가 걸리는데, 같은 계산량을
# 이 CPU 한 코어의 속도로 나누면 약 두 시간으로 어림됩니다. 합성곱 신경망의 학습에 GPU 를 쓰는 이유입니다.

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 1. 합성곱 뒤 `Linear` 의 입력 크기를 잘못 적는다
#
# 풀링 두 번이면 28×28 이 7×7 이 되는데, 원래 크기(28×28)로 적으면 모양 오류가 납니다.

# %% tags=["raises-exception"]
wrong = nn.Sequential(
    nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Linear(32 * 28 * 28, 10),                        # 틀림: 풀링으로 줄어든 크기를 빠뜨림
)
wrong(mx_test[:4])

# %% [markdown]
# **고치기**: 3절의 공식으로 크기를 계산하거나(28 → 14 → 7), 가짜 입력을 한 번 통과시켜 모양을 재거나, `nn.LazyLinear` 가 처음 입력을 보고 정하게 합니다.

# %%
body = wrong[:-1]
flat = body(torch.zeros(1, 1, 28, 28)).shape[1]
print("Flatten 뒤의 크기:", flat, "= 32 ×", out_size(out_size(28, 2, 2), 2, 2), "×", out_size(out_size(28, 2, 2), 2, 2))
fixed = nn.Sequential(*body, nn.Linear(flat, 10))
print("출력 모양:", tuple(fixed(mx_test[:4]).shape))

# %% [markdown]
# ### 2. 흑백 이미지에 채널 축을 빠뜨린다
#
# `nn.Conv2d` 는 `(N, C, H, W)` 를 기대합니다. `(N, 28, 28)` 을 넣으면 배치 없는 이미지 한 장 `(C, H, W)` 로 읽어 "채널이 N 개"라고 오류를 냅니다.

# %% tags=["raises-exception"]
raw = torch.tensor(mnist.x_test[:8], dtype=torch.float32) / 255          # (8, 28, 28)
cnn_mnist(raw.to(device))                                                # 틀림: 채널 축이 없음

# %%
print("고치기: unsqueeze(1) →", tuple(raw.unsqueeze(1).shape), "| 예측:", cnn_mnist(raw.unsqueeze(1).to(device)).argmax(dim=1).tolist())

# %% [markdown]
# ### 3. NumPy/PIL 의 `(높이, 너비, 채널)` 이미지를 그대로 넣는다
#
# PIL 과 NumPy, matplotlib 은 컬러 이미지를 `(H, W, C)` (채널이 마지막)로 다룹니다. 파이토치의 합성곱은 `(N, C, H, W)` (채널이 먼저)입니다.
# CIFAR-10 JPEG 두 장으로 확인합니다.

# %%
cifar_root = helpers.data.cifar10_dir()
jpgs = sorted((cifar_root / "train" / "cat").glob("*.jpg"))[:2]
pictures = np.stack([np.asarray(Image.open(p).convert("RGB")) for p in jpgs])
print("NumPy 이미지:", pictures.shape, pictures.dtype, "(N, H, W, C)")
rgb_conv = nn.Conv2d(3, 8, 3, padding=1)

# %% tags=["raises-exception"]
rgb_conv(torch.tensor(pictures, dtype=torch.float32) / 255)              # 틀림: (N, H, W, C) 그대로

# %%
chw = torch.tensor(pictures, dtype=torch.float32).permute(0, 3, 1, 2) / 255   # 맞음: (N, C, H, W)
print("permute(0, 3, 1, 2) →", tuple(chw.shape), "→ 합성곱 출력", tuple(rgb_conv(chw).shape))

# %% [markdown]
# 높이와 너비가 같으면(예: 3×3 이미지에 채널 3) 오류 없이 엉뚱한 축으로 계산될 수도 있습니다. 모양을 늘 찍어 보세요.
#
# ### 4. 배치 정규화가 있는 모델을 `model.eval()` 없이 평가한다
#
# 학습 모드의 배치 정규화는 **지금 들어온 배치**의 평균과 표준편차로 정규화합니다. 그러면 한 이미지의 예측이 **함께 들어온 다른
# 이미지들**에 따라 달라집니다. 테스트 이미지 2000장을 (가) 정답 순서로 정렬한 배치와 (나) 무작위로 섞은 배치로 나눠 예측해 봅니다.
# 학습 모드로 돌리는 것만으로도 이동 평균이 바뀌어 모델이 망가지므로 복사본으로 실험합니다.

# %%
by_class = torch.argsort(fy_test, stable=True)                            # batches of one class each
shuffled = torch.randperm(len(fy_test), generator=torch.Generator().manual_seed(0))


def predictions(model: nn.Module, order: torch.Tensor, batch_size: int = 100) -> torch.Tensor:
    """Predicted class of every test image, fed in batches that follow `order`, returned in the original order."""
    out = torch.empty(len(order), dtype=torch.long)
    with torch.no_grad():
        for i in range(0, len(order), batch_size):
            idx = order[i:i + batch_size]
            out[idx] = model(fx_test[idx].to(device)).argmax(dim=1).cpu()
    return out


def report(pred_a: torch.Tensor, pred_b: torch.Tensor) -> None:
    acc_a, acc_b = (pred_a == fy_test).float().mean().item(), (pred_b == fy_test).float().mean().item()
    print(f"정확도: 정렬된 배치 {acc_a:.2%} | 섞인 배치 {acc_b:.2%} | 배치 구성만 바꿨는데 예측이 달라진 이미지 {(pred_a != pred_b).sum().item()}장")


# %% tags=["raises-exception"]
forgot = copy.deepcopy(cnn_fashion).train()                               # 틀림: 학습 모드 그대로 평가
pred_sorted, pred_shuffled = predictions(forgot, by_class), predictions(forgot, shuffled)
report(pred_sorted, pred_shuffled)
assert torch.equal(pred_sorted, pred_shuffled), "같은 이미지인데 함께 들어온 이미지에 따라 예측이 달라집니다 (배치 정규화가 배치 통계를 씀)"

# %%
remembered = copy.deepcopy(cnn_fashion).eval()                            # 맞음: 평가 모드
report(predictions(remembered, by_class), predictions(remembered, shuffled))

# %% [markdown]
# 학습 모드에서는 한 클래스로만 된 배치의 정확도가 더 떨어지고, 같은 이미지의 답이 배치 구성에 따라 바뀝니다. 평가 모드에서는
# 이동 평균을 쓰므로 배치 구성과 상관없이 답이 같습니다. 평가와 추론 전에는 언제나 `model.eval()` 과 `torch.no_grad()` 를 씁니다
# (`helpers.train.predict`/`evaluate` 는 안에서 `eval()` 을 부릅니다).

# %% [markdown]
# ## 📝 요약
#
# 1. 합성곱은 작은 커널을 이미지 위에서 밀며 겹친 픽셀과 곱해 더합니다. **이웃 픽셀**(국소성)만 보고 **같은 가중치를 모든 위치에서 다시 쓰므로**
#    매개변수가 이미지 크기와 상관없이 적습니다. 같은 20만 매개변수로 CNN 이 MLP 보다 MNIST·Fashion-MNIST 모두 더 정확했습니다 (9절의 표).
# 2. `F.conv2d` 는 커널을 뒤집지 않는 교차 상관입니다. 손으로 한 소벨 계산과 반올림 오차만큼만 달랐고, 커널을 뒤집으면 부호가 바뀌었습니다.
# 3. $n_\text{out} = \lfloor (n + 2p - k)/s \rfloor + 1$. 28×28, 3×3, 패딩 1, 스트라이드 2 이면 $\lfloor 27/2 \rfloor + 1 = 14$ 입니다.
# 4. 최대 풀링은 창마다 최댓값만 남겨 크기를 줄이고 작은 이동을 견디게 합니다. 배치 정규화는 채널마다 배치 통계로 값을 맞추고,
#    평가 때는 이동 평균을 씁니다. `model.eval()` 을 잊으면 같은 이미지의 예측이 함께 들어온 이미지에 따라 바뀌고, 한 클래스로만 된 배치에서 정확도가 떨어집니다.
# 5. 그냥 쌓은 깊은 모델은 층마다 기울기가 일정 비율로 줄어 첫 층이 학습되지 않습니다. 잔차 연결 $y = \mathrm{ReLU}(F(x) + x)$ 는
#    미분에 항등 행렬을 더해 기울기를 입력 쪽까지 살려 둡니다.

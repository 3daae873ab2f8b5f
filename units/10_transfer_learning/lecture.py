# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import time
import warnings

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

import helpers
from helpers.models import IMAGENET_MEAN, IMAGENET_STD, to_input

device = helpers.setup(seed=0)
ONLINE = False  # Colab 처럼 인터넷이 되는 곳에서 True 로 바꾸면 ImageNet 으로 학습된 ResNet18 을 내려받습니다 (6절)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 남이 (또는 내가) 미리 학습해 둔 **백본(backbone)** 을 불러와 새 문제에 다시 쓴다.
# - `requires_grad = False` 로 **동결(freezing)** 하고, **헤드(head)** 를 새 층으로 바꾸고, 학습 가능한 매개변수를 센다.
# - 평가 모드와 `no_grad` 로 **특성(feature)** 을 뽑고, 배치 정규화의 이동 통계가 왜 바뀌면 안 되는지 설명한다.
# - 몇백 장의 이미지로 **선형 프로빙 · 전체 파인튜닝 · 처음부터 학습** 을 비교하고 결과를 그림으로 읽는다.
# - 백본이 학습될 때 쓴 **표준화(ImageNet 표준화)** 를 그대로 써야 하는 이유를 보인다.
#
# ## 🤔 단서 질문
#
# 1. 고양이와 개를 한 번도 본 적 없는 모델이 고양이와 개를 가르는 데 왜 도움이 될까?
# 2. 동결한 매개변수는 옵티마이저에 넘겨도 정말 안 바뀔까?
# 3. 특성을 뽑을 때 `model.eval()` 을 빼먹으면 무엇이 바뀔까?
# 4. 이미지가 적을 때와 많을 때, 어떤 방법을 먼저 써 봐야 할까?
# 5. `resnet18(pretrained=True)` 는 이제 어떻게 써야 할까?

# %% [markdown]
# ## 1. 전이 학습: 다른 문제에서 배운 특성을 빌려 쓰기
#
# 이미지 몇백 장으로 CNN 을 처음부터 학습하면 금방 **과대적합** 합니다. 필요한 모서리·질감·모양 검출기를 배우기엔
# 데이터가 모자라기 때문입니다. **전이 학습(transfer learning)** 은 큰 데이터로 먼저 학습한 모델
# (**사전 학습(pretraining)** 된 모델)의 앞부분, 곧 **백본(backbone)** 을 가져와 특성 검출기로 다시 쓰고,
# 끝의 분류 층인 **헤드(head)** 만 새 문제에 맞게 바꿉니다.
#
# 보통은 ImageNet(1000개 클래스, 128만 장)으로 학습한 ResNet 을 내려받아 씁니다 (6절, `ONLINE = True`).
# 이 과정은 인터넷 없이도 돌아가야 하므로 **과정이 직접 사전 학습한 작은 백본** 을 함께 배포합니다.
#
# - 데이터: CIFAR-10 학습 이미지 중 **고양이와 개를 뺀 8개 클래스** 4000장 (클래스마다 500장).
# - 모델: `helpers.models.CifarNet` (합성곱 → 풀링 → 합성곱 → 풀링 → 합성곱 + 잔차 블록 → 풀링 → 전역 평균 풀링 → `fc`).
# - 만든 방법: 저장소의 `python -m tools.pretrain backbone` (시드 고정). 기록은 `data/pretrained/MODEL_CARD.md`.
#
# 이 단원의 새 문제는 **고양이 vs 개** 입니다. 백본은 두 클래스를 한 번도 보지 못했습니다.

# %%
backbone = helpers.models.load_backbone()  # SHA-256 을 확인한 뒤 불러옵니다 (평가 모드, CPU)
classes8 = helpers.models.BACKBONE_CLASSES
print("백본이 배운 클래스:", classes8)
print(f"매개변수 {sum(p.numel() for p in backbone.parameters()):,}개, 헤드:", backbone.fc)

x8_test, y8_test = helpers.models.load_cifar10_images("test", classes8)


def accuracy_of(model: nn.Module, x: torch.Tensor, y: torch.Tensor) -> float:
    """Accuracy of `model` on already standardised inputs, in eval mode without gradients."""
    model.eval()
    with torch.no_grad():
        pred = torch.cat([model(x[i:i + 500].to(device)).argmax(1).cpu() for i in range(0, len(x), 500)])
    return (pred == torch.as_tensor(y)).float().mean().item()


backbone = backbone.to(device)
print(f"8개 클래스 테스트 이미지 {len(y8_test)}장에서 백본의 정확도: {accuracy_of(backbone, to_input(x8_test), y8_test):.1%}")

# %% [markdown]
# 백본에 고양이와 개를 보여 주면 무엇이라고 할까요? 아는 8개 클래스 가운데 하나로 답할 수밖에 없습니다.

# %%
x_cd_train, y_cd_train = helpers.models.load_cifar10_images("train", ("cat", "dog"))
x_cd_test, y_cd_test = helpers.models.load_cifar10_images("test", ("cat", "dog"))
pick = np.r_[0:4, 500:504]  # 고양이 4장, 개 4장
with torch.no_grad():
    guess = backbone(to_input(x_cd_train[pick]).to(device)).argmax(1).cpu()
fig = helpers.plot.show_images(x_cd_train[pick], ncols=8)
for ax, label, g in zip(fig.axes, y_cd_train[pick], guess):
    ax.set_title(f"{('고양이', '개')[label]}\n→ {classes8[g]}", fontsize=9)
plt.show()

# %% [markdown]
# 답은 당연히 틀립니다. 그래도 그 답을 내기 직전의 **특성 벡터** 에는 털·눈·귀 모양 같은 쓸 만한 정보가
# 들어 있을 수 있습니다. 그것을 확인하는 것이 이 단원입니다.
#
# ## 2. 백본이 학습된 전처리를 그대로: ImageNet 표준화
#
# 사전 학습된 모델은 학습 때와 **같은 전처리** 를 한 입력에서만 제대로 동작합니다. torchvision 의 ImageNet 모델은
# 픽셀을 0 ~ 1 로 정규화한 뒤 채널마다 ImageNet 의 평균을 빼고 표준편차로 나눕니다 (**ImageNet 표준화**).
# 이 과정의 백본도 같은 값으로 학습했습니다. `helpers.models.to_input` 이 그 일을 합니다:
# `uint8 (N, 32, 32, 3)` → `float32 (N, 3, 32, 32)`.

# %%
print("ImageNet 평균:", IMAGENET_MEAN, "표준편차:", IMAGENET_STD)
x = to_input(x_cd_train[:2])
print("모양:", tuple(x.shape), x.dtype, "| 채널별 평균:", [f"{m:.2f}" for m in x.mean(dim=(0, 2, 3)).tolist()])


# %% [markdown]
# ## 3. 특성 추출: 평가 모드 + `no_grad`
#
# 백본의 `features(x)` 는 헤드 바로 앞, 전역 평균 풀링 뒤의 128차원 벡터를 줍니다. 특성만 뽑을 때는
#
# - `model.eval()`: **배치 정규화(batch normalization)** 가 사전 학습 때 모아 둔 **이동 통계**(`running_mean`, `running_var`)를
#   씁니다. 학습 모드라면 지금 배치의 평균·분산으로 나누고, 이동 통계까지 새 데이터 쪽으로 옮겨 버립니다 (⚠️ 2번).
# - `torch.no_grad()`: 기울기가 필요 없으니 계산 그래프를 만들지 않습니다 (빠르고 메모리를 덜 씀).
#
# 고양이·개 이미지 1100장(학습 1000장, 테스트 100장)의 특성을 한 번에 뽑아 둡니다.

# %%
def extract_features(model: nn.Module, images: np.ndarray, batch_size: int = 500) -> torch.Tensor:
    """(N, 128) features of uint8 HWC images: ImageNet standardisation, eval mode, no gradients."""
    model.eval()
    with torch.no_grad():
        parts = [model.features(to_input(images[i:i + batch_size]).to(device)).cpu()
                 for i in range(0, len(images), batch_size)]
    return torch.cat(parts)


t0 = time.process_time()
feat_train = extract_features(backbone, x_cd_train)
feat_test = extract_features(backbone, x_cd_test)
print(f"특성 {tuple(feat_train.shape)} + {tuple(feat_test.shape)}, CPU {time.process_time() - t0:.1f}초")

# 특성 128차원을 주성분 2개로 눌러 그려 봅니다 (학습 이미지 1000장)
centered = feat_train - feat_train.mean(0)
_, _, v = torch.linalg.svd(centered, full_matrices=False)
pc = (centered @ v[:2].T).numpy()
fig, ax = plt.subplots(figsize=(5, 4))
for c, name in enumerate(("고양이", "개")):
    ax.scatter(*pc[y_cd_train == c].T, s=6, alpha=0.5, label=name)
ax.set(title="백본 특성의 주성분 2개 (고양이 vs 개)", xlabel="주성분 1", ylabel="주성분 2")
ax.legend()
plt.show()


# %% [markdown]
# 두 무리가 완전히 갈리지는 않지만 한쪽으로 치우쳐 있습니다. 이 128차원 위에 직선(선형 분류기) 하나만 그어도
# 어느 정도는 가를 수 있다는 뜻입니다.
#
# ## 4. 동결하고, 헤드를 바꾸고, 매개변수 세기
#
# 1. **동결**: 모든 매개변수의 `requires_grad` 를 `False` 로. 역전파가 이 매개변수들의 기울기를 만들지 않습니다.
# 2. **헤드 교체**: `model.fc` 를 새 `nn.Linear(128, 2)` 로. 새로 만든 층의 매개변수는 `requires_grad=True` 입니다.
#    순서가 중요합니다: 동결 **다음에** 바꿔야 새 헤드가 학습됩니다 (⚠️ 1번).
# 3. **세기**: `p.numel()` 을 `p.requires_grad` 인 것만 더하면 학습 가능한 매개변수 수입니다.

# %%
def count_params(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)


model = helpers.models.load_backbone()
for p in model.parameters():
    p.requires_grad = False                                  # 1. 동결
model.fc = nn.Linear(model.fc.in_features, 2)               # 2. 새 헤드 (2개 클래스)
print(f"전체 {count_params(model):,}개 중 학습 가능 {count_params(model, trainable_only=True):,}개")
print("학습 가능한 이름:", [name for name, p in model.named_parameters() if p.requires_grad])

# %% [markdown]
# 학습 가능한 것은 헤드의 128×2 + 2 = 258개뿐입니다. 이렇게 몸통을 얼리고 마지막 선형 층만 학습하는 방법이
# **선형 프로빙(linear probing)** 입니다. 몸통이 얼어 있고 평가 모드라면 같은 이미지는 늘 같은 특성을 내므로,
# 3절에서 뽑아 둔 특성으로 `nn.Linear` 하나만 학습해도 **똑같은** 일을 훨씬 빨리 할 수 있습니다.
#
# 반대로 몸통까지 모두 학습하면 **전체 파인튜닝(full fine-tuning)**, 일부 층(예: 마지막 블록)만 풀어 주면
# **부분 파인튜닝** 입니다 (과제에서 직접 해 봅니다). 큰 모델에서는 원래 가중치는 그대로 두고 작은 층(어댑터, LoRA)만
# 끼워 학습하는 **효율적 파인튜닝** 도 씁니다. 학습할 매개변수를 줄인다는 생각은 같습니다.
#
# ## 5. 몇백 장으로 비교하기: 선형 프로빙 vs 전체 파인튜닝 vs 처음부터 학습
#
# 학습 이미지 1000장 가운데 **클래스마다 K = 100장** (모두 200장) 만 학습에 씁니다. 평가는 나머지 학습 이미지
# 800장과 테스트 이미지 100장, 모두 900장으로 합니다 (100장만으로 재면 한 장이 1%p 라 결과가 크게 흔들립니다).
#
# | 방법 | 처음 가중치 | 학습하는 것 | 학습 |
# |---|---|---|---|
# | 선형 프로빙 | 사전 학습 | 헤드 258개 (뽑아 둔 특성 위에서) | Adam, 전체 배치 300 단계 |
# | 전체 파인튜닝 | 사전 학습 | 모두 | SGD(모멘텀) 최대 학습률 0.01, OneCycle, 10 에포크, 뒤집기+자르기 증강 |
# | 처음부터 학습 | 무작위 | 모두 (같은 구조) | SGD(모멘텀) 최대 학습률 0.05, OneCycle, 10 에포크, 뒤집기+자르기 증강 |

# %%
K = 100
rng = np.random.default_rng(0)
shots = np.concatenate([rng.choice(np.flatnonzero(y_cd_train == c), K, replace=False) for c in (0, 1)])
rest = np.setdiff1d(np.arange(len(y_cd_train)), shots)
x_eval = torch.cat([to_input(x_cd_train[rest]), to_input(x_cd_test)])
y_eval = np.concatenate([y_cd_train[rest], y_cd_test])
f_eval = torch.cat([feat_train[rest], feat_test])
print(f"학습 {len(shots)}장 (클래스마다 {K}장), 평가 {len(y_eval)}장")


def train_probe(features: torch.Tensor, labels: np.ndarray, steps: int = 300, seed: int = 0) -> nn.Linear:
    """Logistic regression head on fixed features (full batch Adam)."""
    torch.manual_seed(seed)
    head = nn.Linear(features.shape[1], 2)
    opt = torch.optim.Adam(head.parameters(), lr=1e-2, weight_decay=1e-3)
    y = torch.as_tensor(labels)
    for _ in range(steps):
        loss = nn.functional.cross_entropy(head(features), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return head


def train_whole(model: nn.Module, x: torch.Tensor, labels: np.ndarray, lr: float, epochs: int = 10, seed: int = 0):
    """Train every trainable parameter of `model` with SGD + OneCycle and flip/crop augmentation."""
    torch.manual_seed(seed)
    gen = torch.Generator().manual_seed(seed)
    loader = DataLoader(TensorDataset(x, torch.as_tensor(labels)), batch_size=32, shuffle=True, generator=gen)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.SGD(params, lr=lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, epochs=epochs, steps_per_epoch=len(loader))
    return helpers.train.fit(model, loader, nn.CrossEntropyLoss(label_smoothing=0.1), opt, epochs=epochs,
                             device=device, scheduler=sched, scheduler_per_batch=True,
                             augment=lambda b: helpers.models.flip_crop(b, generator=gen))


results = {}
t0 = time.process_time()
head = train_probe(feat_train[shots], y_cd_train[shots])
with torch.no_grad():
    probe_acc = (head(f_eval).argmax(1).numpy() == y_eval).mean()
results["선형 프로빙"] = (probe_acc, time.process_time() - t0)

# %%
t0 = time.process_time()
finetuned = helpers.models.load_backbone()
finetuned.fc = nn.Linear(128, 2)                             # 동결하지 않음: 모두 학습
train_whole(finetuned, to_input(x_cd_train[shots]), y_cd_train[shots], lr=0.01)
results["전체 파인튜닝"] = (accuracy_of(finetuned, x_eval, y_eval), time.process_time() - t0)

# %%
t0 = time.process_time()
torch.manual_seed(0)
scratch = helpers.models.CifarNet(n_classes=2)               # 같은 구조, 무작위 가중치
train_whole(scratch, to_input(x_cd_train[shots]), y_cd_train[shots], lr=0.05)
results["처음부터 학습"] = (accuracy_of(scratch, x_eval, y_eval), time.process_time() - t0)

for name, (acc, cpu) in results.items():
    print(f"{name:8s} 정확도 {acc:.1%}  (학습 CPU {cpu:.1f}초)")

# %% [markdown]
# 선형 프로빙은 이미지가 적을 때 특히 유리합니다. 같은 특성으로 K 를 바꿔 가며 프로빙을 해 봅니다
# (특성을 이미 뽑아 두었으니 한 번에 1초도 걸리지 않습니다).

# %%
ks = [5, 10, 20, 50, 100, 200]
probe_curve = []
for k in ks:
    accs = []
    for seed in range(3):
        r = np.random.default_rng(100 + seed)
        s = np.concatenate([r.choice(np.flatnonzero(y_cd_train == c), k, replace=False) for c in (0, 1)])
        left = np.setdiff1d(np.arange(len(y_cd_train)), s)
        h = train_probe(feat_train[s], y_cd_train[s], seed=seed)
        with torch.no_grad():
            f_all, y_all = torch.cat([feat_train[left], feat_test]), np.concatenate([y_cd_train[left], y_cd_test])
            accs.append((h(f_all).argmax(1).numpy() == y_all).mean())
    probe_curve.append(np.mean(accs))

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4))
names = list(results)
bars = ax1.bar(names, [results[n][0] * 100 for n in names], color=["tab:green", "tab:blue", "tab:gray"])
for b, n in zip(bars, names):
    ax1.text(b.get_x() + b.get_width() / 2, b.get_height() + 0.5, f"{results[n][0]:.1%}\nCPU {results[n][1]:.1f}초",
             ha="center", fontsize=9)
ax1.axhline(50, color="k", lw=0.8, ls=":")
ax1.set(ylim=(40, 90), ylabel="정확도 (%)", title=f"고양이 vs 개, 클래스마다 {K}장으로 학습 (평가 {len(y_eval)}장)")
ax2.plot(ks, [a * 100 for a in probe_curve], "o-", color="tab:green", label="선형 프로빙 (시드 3개 평균)")
ax2.axhline(results["처음부터 학습"][0] * 100, color="tab:gray", ls="--", label=f"처음부터 학습 (K={K})")
ax2.set(xscale="log", xlabel="클래스마다 학습 이미지 수 K", ylabel="정확도 (%)", title="이미지가 적을수록 전이 학습이 빛난다")
ax2.legend()
plt.tight_layout()
plt.show()

# %% [markdown]
# 읽는 법:
#
# - 사전 학습한 백본을 쓴 두 방법이 **같은 200장** 으로 처음부터 학습한 같은 구조보다 앞섭니다.
#   처음부터 학습한 모델은 200장으로 모서리·질감부터 배워야 하는데, 백본은 그것을 4000장에서 이미 배웠습니다.
#   한 번의 결과는 고른 200장과 시드에 따라 몇 %p 흔들립니다. 이 과정의 CPU 에서 고르는 시드를 3개 바꿔 같은 실험을
#   되풀이한 평균은 전체 파인튜닝 약 67%, 선형 프로빙 약 63%, 처음부터 학습 약 56% 였습니다 (평가 900장).
# - 선형 프로빙은 학습 가능한 매개변수가 258개뿐이라 몇 장만으로도 안정적이고, 특성을 한 번 뽑은 뒤에는 거의 공짜입니다.
#   전체 파인튜닝은 이미지가 더 많을 때 몸통까지 새 문제에 맞추어 조금 더 올라갈 여지가 있습니다.
# - 정확도 자체가 높지 않은 것은 고양이 vs 개가 CIFAR-10 에서 가장 어려운 쌍이고 백본이 작기 때문입니다.
#   ImageNet 으로 학습한 ResNet 이라면 차이가 훨씬 큽니다 (6절).
# - 전이가 늘 돕는 것은 아닙니다: 사전 학습 데이터가 새 문제와 너무 다르면(예: 흑백 옷 사진으로 배운 특성을
#   자연 사진에 쓰면) 처음부터 학습보다 못할 수도 있습니다.
#
# ## 6. 인터넷이 될 때: torchvision 의 ImageNet ResNet18
#
# Colab 에서는 `ONLINE = True` 로 바꾸면 실제 ImageNet 가중치(약 45MiB)를 내려받습니다. 쓰는 법은 이 단원과 같습니다:
# `weights=ResNet18_Weights.DEFAULT` 로 불러오고, `weights.transforms()` 가 알려 주는 전처리(크기 조정 + ImageNet 표준화)를
# 쓰고, 동결한 뒤 `model.fc = nn.Linear(512, 2)` 로 헤드를 바꿉니다. `helpers.models.imagenet_resnet18` 이 이 일을 합니다.

# %%
if ONLINE:
    resnet, preprocess = helpers.models.imagenet_resnet18(n_classes=2)
    print(preprocess)
    print(f"학습 가능 {count_params(resnet, trainable_only=True):,} / 전체 {count_params(resnet):,}")
    with torch.no_grad():
        print("출력 모양:", tuple(resnet.eval()(preprocess(torch.as_tensor(x_cd_test[:4]).permute(0, 3, 1, 2))).shape))
else:
    print("ONLINE = False: 내려받지 않습니다. 함께 배포한 CIFAR 백본으로 같은 과정을 했습니다.")

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 1. 헤드를 먼저 바꾸고 전부 동결하기
# 동결 반복문이 **새 헤드까지** 얼려 버립니다. 학습할 매개변수가 하나도 없으니 `backward()` 가 실패합니다.

# %% tags=["raises-exception"]
wrong = helpers.models.load_backbone()
wrong.fc = nn.Linear(128, 2)
for p in wrong.parameters():
    p.requires_grad = False                                  # 새 헤드도 얼어 버림
print("학습 가능한 매개변수:", count_params(wrong, trainable_only=True))
loss = nn.functional.cross_entropy(wrong(to_input(x_cd_train[:8])), torch.as_tensor(y_cd_train[:8]))
loss.backward()

# %% [markdown]
# **고침**: 먼저 동결하고, 그다음에 헤드를 바꿉니다 (4절의 순서). 새로 만든 층은 `requires_grad=True` 로 태어납니다.
#
# ### 2. 옵티마이저에 모든 매개변수를 넘기기
# `requires_grad=False` 인 매개변수는 새 기울기를 받지 않으니 대개 안전해 보입니다. 그러나 **예전 기울기**
# (`.grad`)가 남아 있으면 옵티마이저는 그것으로 계속 갱신합니다. 예를 들어 잠깐 전체 파인튜닝을 해 보다가 몸통을 얼린 경우입니다.

# %% tags=["raises-exception"]
net = helpers.models.load_backbone()
net.fc = nn.Linear(128, 2)
xb, yb = to_input(x_cd_train[:16]), torch.as_tensor(y_cd_train[:16])
nn.functional.cross_entropy(net(xb), yb).backward()          # 몸통에도 .grad 가 생김
for name, p in net.named_parameters():
    if not name.startswith("fc."):
        p.requires_grad = False                              # 이제 몸통을 얼렸다고 생각함
opt = torch.optim.SGD(net.parameters(), lr=0.1, weight_decay=5e-4)   # 실수: 모든 매개변수
before = net.body[0][0].weight.detach().clone()
opt.step()
print("옵티마이저가 가진 매개변수 수:", sum(p.numel() for g in opt.param_groups for p in g["params"]))
assert torch.equal(net.body[0][0].weight, before), "동결했다고 생각한 첫 합성곱 가중치가 바뀌었습니다"

# %% [markdown]
# **고침**: 옵티마이저에는 학습할 매개변수만 넘기고, 얼린 매개변수의 `.grad` 는 비웁니다.

# %%
net.zero_grad(set_to_none=True)                               # 남은 기울기 지우기
opt = torch.optim.SGD([p for p in net.parameters() if p.requires_grad], lr=0.1, weight_decay=5e-4)
nn.functional.cross_entropy(net(xb), yb).backward()
before = net.body[0][0].weight.detach().clone()
opt.step()
print("옵티마이저가 가진 매개변수 수:", sum(p.numel() for g in opt.param_groups for p in g["params"]))
print("첫 합성곱 가중치 그대로?", torch.equal(net.body[0][0].weight, before))

# %% [markdown]
# ### 3. 특성을 뽑을 때 `model.eval()` 빼먹기
# 학습 모드의 배치 정규화는 지금 배치의 통계로 나누고, 사전 학습 때 모은 **이동 통계** 를 고양이·개 쪽으로 옮깁니다.
# 특성을 뽑기만 했는데 백본이 바뀌고, 같은 이미지의 특성이 함께 들어간 배치에 따라 달라집니다.

# %% tags=["raises-exception"]
bb = helpers.models.load_backbone()
bn = bb.body[0][1]                                            # 첫 배치 정규화 층
saved = bn.running_mean.clone()
bb.train()                                                    # 실수: 학습 모드 그대로
with torch.no_grad():
    f_big = bb.features(to_input(x_cd_train[:200]))
    f_small = bb.features(to_input(x_cd_train[:4]))
print("같은 이미지 4장의 특성 차이 (배치 200장 vs 4장):", (f_big[:4] - f_small).abs().max().item())
print("이동 평균이 움직인 양:", (bn.running_mean - saved).abs().max().item())
assert torch.equal(bn.running_mean, saved), "특성만 뽑았는데 배치 정규화의 이동 통계가 바뀌었습니다"

# %% [markdown]
# **고침**: `model.eval()` 과 `torch.no_grad()` 를 함께 씁니다 (3절의 `extract_features`). 평가 모드에서는 같은 이미지가
# 어느 배치에 있든 같은 특성을 내고, 이동 통계도 그대로입니다.

# %%
bb = helpers.models.load_backbone()
saved = bb.body[0][1].running_mean.clone()
f_big, f_small = extract_features(bb, x_cd_train[:200]), extract_features(bb, x_cd_train[:4])
print("특성 차이:", (f_big[:4] - f_small).abs().max().item(),
      "| 이동 통계 그대로?", torch.equal(bb.body[0][1].running_mean, saved))

# %% [markdown]
# ### 4. 전처리를 백본과 다르게 하기
# `/255` 만 하거나 0 ~ 255 정수를 그대로 넣어도 코드는 돌아갑니다. 오류가 없으니 더 위험합니다.
# 백본이 원래 풀던 8개 클래스 문제로 재 보면 차이가 그대로 드러납니다.

# %%
x8_float = torch.as_tensor(x8_test).permute(0, 3, 1, 2).float()
variants = {"ImageNet 표준화\n(학습 때와 같음)": to_input(x8_test), "/255 만": x8_float / 255, "0 ~ 255 그대로": x8_float}
accs = {name: accuracy_of(backbone, x, y8_test) for name, x in variants.items()}
fig, ax = plt.subplots(figsize=(6, 3))
ax.bar(list(accs), [a * 100 for a in accs.values()], color=["tab:green", "tab:orange", "tab:red"])
ax.axhline(100 / 8, color="k", ls=":", lw=0.8, label="찍기 (8개 중 1개)")
ax.set(ylabel="정확도 (%)", title="같은 백본, 다른 전처리 (8개 클래스 테스트 이미지)")
ax.legend()
plt.show()

# %% [markdown]
# **고침**: 백본과 함께 온 전처리를 씁니다. 이 과정의 백본은 `helpers.models.to_input`, torchvision 모델은
# `weights.transforms()` (또는 `transforms.Normalize(IMAGENET_MEAN, IMAGENET_STD)`) 입니다.
#
# ### 5. `pretrained=True`
# 오래된 예제의 `models.resnet18(pretrained=True)` 는 torchvision 0.13 부터 **더 이상 권장되지 않습니다** (경고가 나오고,
# 앞으로 없어질 수 있습니다). 어떤 가중치인지도 코드에 드러나지 않습니다. 아래는 내려받지 않도록 `pretrained=False` 로
# 같은 경고를 보여 줍니다.

# %%
from torchvision.models import ResNet18_Weights, resnet18

with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    resnet18(pretrained=False)
for w in caught:
    print("경고:", str(w.message)[:110])

# %% [markdown]
# **고침**: `resnet18(weights=ResNet18_Weights.DEFAULT)` (가장 좋은 가중치) 또는 `weights=ResNet18_Weights.IMAGENET1K_V1`
# (정확히 그 가중치), 가중치 없이 만들 때는 `weights=None` 입니다. 전처리도 같은 객체에서 얻습니다.

# %%
weights = ResNet18_Weights.DEFAULT
print(weights, "| 전처리:", weights.transforms())

# %% [markdown]
# ## 📝 요약
#
# 1. 백본은 8개 클래스를 가르며 모서리·질감·모양 같은 **일반적인 특성** 을 배웠고, 그 특성은 고양이와 개를 가르는 데도
#    쓸모가 있습니다. 그래서 이미지 몇백 장으로도 처음부터 학습한 같은 구조보다 훨씬 잘 맞힙니다.
# 2. 아닙니다. `requires_grad=False` 는 새 기울기를 막을 뿐입니다. 남은 `.grad` 가 있으면 옵티마이저(모멘텀, 가중치 감쇠)가
#    계속 바꿉니다. 옵티마이저에는 `requires_grad` 인 매개변수만 넘기세요.
# 3. 배치 정규화가 배치 통계로 나누어 특성이 배치에 따라 달라지고, 사전 학습 때의 이동 통계가 새 데이터 쪽으로 덮어써집니다.
#    특성 추출은 `model.eval()` + `torch.no_grad()` 로 합니다.
# 4. 적을 때는 선형 프로빙부터 (빠르고 안정적). 더 많으면 전체(또는 부분) 파인튜닝을 작은 학습률로. 처음부터 학습은
#    데이터가 충분할 때의 선택입니다.
# 5. `resnet18(weights=ResNet18_Weights.DEFAULT)`. 전처리는 `weights.transforms()` 에서 얻고 (ImageNet 표준화),
#    동결 → 헤드 교체 → 학습할 매개변수만 옵티마이저에 넘기는 순서는 이 단원과 같습니다.

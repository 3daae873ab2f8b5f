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
from tqdm.auto import tqdm

import helpers
from helpers.data import CIFAR10_CLASSES
from helpers.models import BACKBONE_CLASSES, load_cifar10_images, to_input

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 프로젝트 **CIFAR-10 분류기** 의 데이터, 채점 규칙, 목표를 정확히 안다.
# - 목표에 못 미치는 **기준선(baseline)** 을 재 보고, 목표와의 차이를 어떤 도구로 메울지 계획한다.
# - 앞 단원의 도구(데이터 증강, 합성곱 신경망, 전이 학습, 혼동 행렬)가 이 프로젝트의 어디에 쓰이는지 연결한다.
# - 전처리 불일치, 채널 순서, 배치 단위 증강 같은 실수를 제출 전에 알아본다.
#
# ## 🤔 단서 질문
#
# 1. 채점에 쓰는 이미지를 왜 여러분에게 주지 않을까? 내 시험 정확도와 채점 정확도는 얼마나 다를 수 있을까?
# 2. 픽셀을 그대로 쓰는 선형 분류기는 CIFAR-10 에서 어디까지 갈까?
# 3. 고양이와 개를 본 적 없는 8 클래스 백본이 10 클래스 문제에 도움이 될까?
# 4. 학습할 때와 예측할 때의 전처리가 다르면 무슨 일이 생길까?

# %% [markdown]
# ## 1. 프로젝트: CIFAR-10 분류기
#
# 씨앗 과제의 프로젝트는 **"CIFAR-10 + 데이터 증강 + 성능 분석"** 입니다. 32×32 컬러 사진을 10 개 클래스(비행기, 자동차,
# 새, 고양이, 사슴, 개, 개구리, 말, 배, 트럭)로 나누는 분류기를 만들고, **처음 보는 사진** 에서 얼마나 맞히는지로 평가받습니다.
#
# 지금까지 단원마다 도구를 하나씩 배웠다면, 이 프로젝트는 그것을 한 파이프라인으로 묶습니다.
#
# | 단계 | 쓰는 도구 | 배운 곳 |
# |---|---|---|
# | 데이터 읽기, 전처리 | `uint8` HWC → 표준화된 `(N, 3, 32, 32)` | 08 데이터 증강, 10 전이 학습 |
# | 증강 | 좌우 뒤집기 + 이동 (이미지마다 따로) | 08 데이터 증강 |
# | 모델 | 사전 학습 백본 + 새 헤드, 또는 직접 만든 CNN | 09 합성곱 신경망, 10 전이 학습 |
# | 학습 | 학습 루프, `helpers.train.fit`, 학습률 스케줄 | 06 신경망 학습, 09 합성곱 신경망 |
# | 예측 | 평가 모드, `no_grad`, 배치 | 07 MLP 로 MNIST 분류 |
# | 분석 | 혼동 행렬, 클래스별 정확도, 실험 | 07, 10 |
#
# 과제 노트북(`source`/`release` 의 `20_capstone_cifar10`)에 여섯 문제가 있고, 이 노트북은 **설명서** 입니다. 풀이는 없습니다.

# %% [markdown]
# ## 2. 데이터 살펴보기
#
# 과정이 배포하는 CIFAR-10 은 원본의 일부입니다: 학습 5,000장, 시험 500장 (클래스마다 500장, 50장). `load_cifar10_images` 는
# JPEG 파일을 읽어 `uint8` `(N, 32, 32, 3)` (HWC, RGB) 배열과 `int64` 정답을 돌려줍니다. 클래스 번호는 `CIFAR10_CLASSES` 의 순서입니다.

# %%
x_train, y_train = load_cifar10_images("train", CIFAR10_CLASSES)
x_test, y_test = load_cifar10_images("test", CIFAR10_CLASSES)
print("학습:", x_train.shape, x_train.dtype, "| 시험:", x_test.shape, "| 정답:", y_train.dtype)
print("클래스:", dict(enumerate(CIFAR10_CLASSES)))

# %%
pick = np.concatenate([np.flatnonzero(y_train == c)[:2] for c in range(10)])
helpers.plot.show_images(x_train[pick], labels=y_train[pick], class_names=CIFAR10_CLASSES, ncols=10)
plt.show()

# %% [markdown]
# 클래스 균형도 봅니다. 클래스마다 장수가 같으니 **정확도 하나로** 비교해도 한쪽으로 치우치지 않습니다.

# %%
fig, ax = plt.subplots(figsize=(8, 2.6))
ax.bar(CIFAR10_CLASSES, np.bincount(y_train, minlength=10), label="학습")
ax.bar(CIFAR10_CLASSES, np.bincount(y_test, minlength=10), label="시험")
ax.set_ylabel("장수")
ax.legend()
ax.set_title("클래스별 장수")
plt.show()

# %% [markdown]
# ## 3. 채점 규칙
#
# 과제는 여섯 문제입니다. 방법(구조, 레시피)은 자유이고, 정해진 것은 함수의 모양과 아래 규칙뿐입니다.
#
# | 문제 | 구현할 것 | 채점 | 배점 |
# |---|---|---|---|
# | 1 | `augment(x)` | 출력이 입력의 좌우 뒤집기 + −4 ~ 4 픽셀 이동인지, 이미지마다 따로 뽑는지, 입력을 그대로 두는지 | 2 |
# | 2 | `predict(model, images, batch_size=256)` | `uint8` HWC 이미지 → `int64` `(N,)` 클래스 번호; ImageNet 표준화, 평가 모드, 배치, 여러 `N` | 3 |
# | 3 | `build_model(pretrained=True)` | 10 클래스 로짓, **매개변수 500,000 개 이하**, 사전 학습 / 무작위 초기화 | 2 |
# | 4 | `train_model(model, x, y)` | 학습한 모델의 **처음 보는 이미지 500장** 정확도 **60% 이상** | 4 |
# | 5 | `class_report(y_true, y_pred)` | 혼동 행렬과 클래스별 정확도를 다시 계산해 비교 | 2 |
# | 6 | 실험 `EXPERIMENT` | 사전 학습 vs 무작위 초기화; 숨은 테스트가 다시 학습해 재고 비교 | 3 |
#
# - **채점용 이미지**: 과정의 CIFAR-10 시험 이미지에서 떼어 둔 **500장** (클래스마다 50장). 여러분의 `x_test` 에는 없고,
#   채점할 때만 쓰입니다. 그래서 `x_test` 정확도는 채점 정확도의 **추정** 일 뿐입니다. 500장짜리 정확도의 표준 오차는
#   약 2%p 이니, 시험 정확도가 기준보다 몇 %p 넉넉히 높아야 안심할 수 있습니다.
# - **예산**: 매개변수 500,000 개 이하 (채점함). 학습은 이미지가 모델 전체를 지나는 순전파를 이미지당 3 번 이하로 권합니다
#   (채점하지 않음, 셀 하나는 300초에서 끊김). 시간으로는 채점하지 않습니다.
# - **전처리**: 학습과 예측 모두 ImageNet 표준화 (`helpers.models.to_input`). 문제 4 의 채점 코드도 이렇게 표준화해 모델에 넣습니다.

# %% [markdown]
# ## 4. 기준선: 픽셀 위의 선형 분류기
#
# 가장 단순한 모델부터 재 봅니다. 이미지를 3,072 개 숫자로 펴서 선형 층 하나(소프트맥스 회귀)로 분류합니다.
# 이것이 목표 60% 에서 얼마나 먼지가 이 프로젝트의 출발점입니다.

# %%
torch.manual_seed(0)
flat_train = to_input(x_train).reshape(len(x_train), -1)
flat_test = to_input(x_test).reshape(len(x_test), -1)
linear = nn.Linear(3 * 32 * 32, 10)
opt = torch.optim.Adam(linear.parameters(), lr=1e-3, weight_decay=1e-3)
labels = torch.as_tensor(y_train)
history = []
for _epoch in tqdm(range(10), desc="기준선 학습"):
    perm = torch.randperm(len(flat_train))
    for i in range(0, len(perm), 128):
        idx = perm[i:i + 128]
        opt.zero_grad()
        nn.functional.cross_entropy(linear(flat_train[idx]), labels[idx]).backward()
        opt.step()
    history.append(helpers.train.evaluate(linear, [(flat_test, torch.as_tensor(y_test))])["accuracy"])
baseline_acc = history[-1]
plt.figure(figsize=(5, 3))
plt.plot(range(1, 11), history, marker="o", label="픽셀 선형 분류기")
plt.axhline(0.60, color="crimson", linestyle="--", label="목표 60%")
plt.ylim(0, 1)
plt.xlabel("에포크")
plt.ylabel("시험 정확도")
plt.legend()
plt.title(f"기준선: 시험 정확도 {baseline_acc:.1%}")
plt.show()

# %% [markdown]
# 기준선은 목표에 한참 못 미칩니다. 픽셀 하나하나의 값은 "고양이다움"을 거의 말해 주지 않기 때문입니다. 위치가 조금
# 바뀌어도 같은 모양을 찾는 **합성곱** 특성이 필요합니다.
#
# 과정이 미리 학습해 둔 백본(`helpers.models.load_backbone()`, 10 전이 학습)은 CIFAR-10 학습 이미지 가운데 **고양이와 개를 뺀**
# 8 개 클래스로 학습했습니다. 매개변수는 몇 개일까요? 헤드를 10 클래스로 바꿔도 예산 안에 들까요?

# %%
backbone = helpers.models.load_backbone()
n_params = sum(p.numel() for p in backbone.parameters())
print("백본이 아는 클래스:", BACKBONE_CLASSES)
print(f"매개변수: {n_params:,} 개 (헤드 fc: {backbone.fc.in_features} → {backbone.fc.out_features})")
print(f"헤드를 10 클래스로 바꾸면: {n_params - backbone.fc.weight.numel() - backbone.fc.bias.numel() + 128 * 10 + 10:,} 개 (예산 500,000)")

# %% [markdown]
# 백본은 고양이와 개를 모르지만, 털·귀·다리 같은 모양 검출기는 다른 동물(사슴, 말, 새, 개구리)에서 이미 배웠습니다.
# 이 백본을 어떻게 쓸지(선형 프로빙, 일부 층 파인튜닝, 처음부터 학습)는 여러분의 선택입니다.
#
# **참고 풀이의 수치** (이 과정의 2코어 CPU, 스레드 하나): 동결한 백본의 특성 위에 헤드만 학습하는 선형 프로빙
# (원본 + 증강본 한 번씩, 헤드 15 에포크)은 약 15 CPU 초에 **채점용 이미지에서 63.8 ~ 66.2%** (시드 0, 1, 2: 65.6%, 66.2%, 63.8%; 같은 모델의 시험 이미지 정확도는 62.4 ~ 62.8%) 였습니다. 같은 레시피를
# 무작위 초기화 백본에 적용하면 22.0 ~ 30.6% 였습니다. 목표 60% 는 이 수치에서 여유를 둔 값입니다.

# %% [markdown]
# ## 5. 팁: 어느 단원을 다시 볼까
#
# - **전처리와 예측**: `10 전이 학습` 의 "ImageNet 표준화"와 특성 추출(평가 모드 + `no_grad`). `helpers.models.to_input`.
# - **증강**: `08 데이터 증강` 의 좌우 뒤집기와 이동, `helpers.models.flip_crop`. 증강은 **학습에만** 쓰고 평가·예측에는 쓰지 않습니다.
# - **모델**: `09 합성곱 신경망` 의 잔차 블록과 `OneCycleLR`, `10 전이 학습` 의 헤드 바꾸기·동결·선형 프로빙.
# - **학습 루프**: `06 신경망 학습`, `helpers.train.fit` (진행 막대, `augment=` 인자).
# - **분석**: 혼동 행렬(`07 MLP 로 MNIST 분류`, `helpers.plot.plot_confusion_matrix`)과 클래스별 정확도(재현율).
# - 처음엔 작게: 학습 이미지 1,000장, 1 에포크로 파이프라인 전체(학습 → `predict` → 정확도)가 도는지 먼저 확인하세요.

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# **실수 1. HWC 배열을 그대로 모델에 넣기.** `load_cifar10_images` 는 `(N, 32, 32, 3)` 입니다. 합성곱 층은 `(N, 3, 32, 32)` 를 기대합니다.

# %% tags=["raises-exception"]
raw = torch.from_numpy(x_test[:4]).float() / 255
backbone(raw)                                        # 채널 자리에 32 가 옴

# %% [markdown]
# 고치기: 축을 **바꾸어야**(`permute`) 합니다. `reshape(-1, 3, 32, 32)` 는 모양만 맞출 뿐 픽셀을 뒤섞으므로 오류도 없이 틀립니다.

# %%
fixed = raw.permute(0, 3, 1, 2)
print("모양:", tuple(fixed.shape), "| 출력:", tuple(backbone(fixed).shape))

# %% [markdown]
# **실수 2. 학습과 예측의 전처리가 다름.** 백본은 ImageNet 표준화된 입력으로 학습했습니다. 예측할 때 `/255` 만 하면 오류는
# 나지 않지만 정확도가 무너집니다. 백본이 아는 8 클래스의 시험 이미지로 재 봅니다.

# %%
known = np.isin(y_test, [CIFAR10_CLASSES.index(c) for c in BACKBONE_CLASSES])
x_known = x_test[known]
y_known = np.array([BACKBONE_CLASSES.index(CIFAR10_CLASSES[c]) for c in y_test[known]])
with torch.no_grad():
    acc_right = (backbone(to_input(x_known)).argmax(1).numpy() == y_known).mean()
    acc_wrong = (backbone(torch.from_numpy(x_known).permute(0, 3, 1, 2).float() / 255).argmax(1).numpy() == y_known).mean()
print(f"ImageNet 표준화: {acc_right:.1%} | /255 만: {acc_wrong:.1%}  (백본이 아는 8 클래스 시험 이미지 {len(y_known)}장)")

# %% [markdown]
# 고치기: 전처리를 함수 하나(과제의 `predict`, 학습 코드)에 두고 둘 다 같은 것(`to_input`)을 부르게 합니다.
#
# **실수 3. 배치 텐서 하나에 torchvision 변환을 적용하기.** `v2.RandomHorizontalFlip()` 은 받은 텐서 **전체** 에 한 번 뽑은 결과를
# 적용합니다. 배치를 통째로 넣으면 한 배치의 이미지가 모두 뒤집히거나 모두 그대로입니다.

# %% tags=["raises-exception"]
from torchvision.transforms import v2

torch.manual_seed(0)
batch = to_input(x_test[:64])
flipped = v2.RandomHorizontalFlip()(batch)
n_flipped = sum(torch.equal(flipped[i], batch[i].flip(-1)) for i in range(len(batch)))
assert 0 < n_flipped < len(batch), f"64장 가운데 뒤집힌 이미지가 {n_flipped}장: 배치 전체가 한꺼번에 바뀌었습니다"

# %% [markdown]
# 고치기: 이미지마다 따로 뽑습니다 (`torch.stack([t(img) for img in batch])`, 또는 `helpers.models.flip_crop` 처럼 이미지마다
# 난수를 뽑는 함수).

# %%
torch.manual_seed(0)
per_image = torch.stack([v2.RandomHorizontalFlip()(img) for img in batch])
n_flipped = sum(torch.equal(per_image[i], batch[i].flip(-1)) for i in range(len(batch)))
print(f"64장 가운데 뒤집힌 이미지: {n_flipped}장")

# %% [markdown]
# ## ✅ 제출 전 체크리스트
#
# - [ ] `predict` 가 `uint8` HWC 이미지를 받아 **ImageNet 표준화** 하고, 평가 모드·`no_grad`·배치로 `int64` `(N,)` CPU 텐서를 돌려준다.
# - [ ] `predict` 와 학습 코드가 **같은 전처리** 를 쓴다. 증강은 학습에만 쓴다.
# - [ ] `augment` 가 이미지마다 따로 뒤집고 옮기며, 입력을 바꾸지 않는다. 난수는 `torch` 로 뽑는다.
# - [ ] `build_model()` 의 매개변수가 **500,000 개 이하** 이고, 출력이 `(N, 10)` 이다. 부를 때마다 새 모델이다.
# - [ ] `train_model` 은 넘겨받은 `x`, `y` 만 쓰고 바꾸지 않는다. 내 시험 정확도가 60% 보다 넉넉히 높다.
# - [ ] `EXPERIMENT` 의 숫자를 답 셀에서 **계산** 했다 (적어 넣지 않았다).
# - [ ] 커널을 다시 시작해 위에서부터 모든 셀을 실행해도 모든 보이는 테스트가 통과한다.

# %% [markdown]
# ## 📝 요약
#
# 1. 채점용 이미지는 여러분이 맞춰 볼 수 없는 **처음 보는 데이터** 여야 일반화를 잴 수 있습니다. 같은 모델이라도 500장짜리
#    표본이 다르면 정확도가 표준 오차 2%p 정도 흔들리므로, 시험 정확도에 여유를 두세요.
# 2. 픽셀 위의 선형 분류기는 이 데이터에서 위의 기준선 정도에 머뭅니다. 위치가 바뀌어도 같은 모양을 찾는 합성곱 특성이 필요합니다.
# 3. 고양이·개를 본 적 없는 백본도 다른 동물에서 배운 모양 검출기를 빌려줄 수 있습니다. 얼마나 도움이 되는지는 과제 문제 6 의 실험으로 잽니다.
# 4. 전처리가 다르면 오류 없이 정확도만 무너집니다 (실수 2). 전처리를 한 함수에 두고 학습과 예측에서 같이 부르세요.

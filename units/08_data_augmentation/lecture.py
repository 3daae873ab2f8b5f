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
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision import datasets
from torchvision.transforms import v2

import helpers

device = helpers.setup(seed=0)


# %% [markdown]
# ## 🎯 학습 목표
#
# - **데이터 증강(data augmentation)** 과 **합성 데이터(synthetic data)** 의 차이를 말하고, 어느 쪽이 언제 도움이 되는지 고른다.
# - torchvision `transforms.v2` 로 자르기·뒤집기·회전·색 바꾸기·표준화를 이어 붙인 **학습용 / 평가용 변환(transform)** 을 만들고, 그림으로 확인한다.
# - 클래스별 폴더에 담긴 JPEG 이미지를 읽는 `Dataset` 을 직접 쓰고, torchvision `ImageFolder` 와 같은 결과를 내는지 비교한다.
# - 정답을 바꾸는 증강(숫자 6 을 뒤집으면 9)과, 학습과 추론의 전처리가 어긋나는 실수를 코드로 확인한다.
# - 같은 모델을 증강 없이 / 증강하여 학습해, 깨끗한 테스트와 **변형 테스트 세트(perturbed test set)** 의 정확도 차이를 재고 그래프로 본다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 데이터가 모자랄 때 "있는 사진을 조금씩 바꾸기"와 "코드로 새 데이터를 만들기"는 각각 언제 쓸까?
# 2. 학습용 변환과 평가용 변환은 무엇이 같아야 하고 무엇이 달라야 할까?
# 3. `ToImage` 다음에 왜 `ToDtype(torch.float32, scale=True)` 가 와야 할까? `Normalize` 의 평균과 표준편차는 어디서 얻을까?
# 4. 어떤 증강은 왜 쓰면 안 될까? 숫자 이미지와 사진에서 안전한 증강은 어떻게 다를까?
# 5. 증강은 정확도를 언제 올리고, 언제 올리지 못할까?

# %% [markdown]
# ## 1. 증강과 합성 데이터: 둘 다 "데이터를 늘리는" 방법
#
# 모델은 본 적 있는 것만 잘 맞힙니다. 데이터를 더 모으기 어렵다면 두 가지 길이 있습니다.
#
# | | 데이터 증강 (augmentation) | 합성 데이터 (synthetic data) |
# |---|---|---|
# | 무엇을 | **진짜 데이터**를 정답이 바뀌지 않을 만큼 조금씩 바꿈 (이동, 뒤집기, 회전, 밝기) | **규칙이나 생성 모델**로 처음부터 새 데이터를 만듦 (그림을 그리는 코드, 시뮬레이터, 생성형 AI) |
# | 정답 | 원본의 정답을 그대로 씀 | 만든 방법에서 정답이 정해짐 (예: 가로 막대를 그렸으니 정답은 "가로") |
# | 잘 맞는 때 | 진짜 데이터가 조금이라도 있고, 실제로 들어올 변화(위치·각도·조명)를 알 때 | 진짜 데이터가 거의 없거나 모으기 위험·비쌀 때, 파이프라인을 먼저 시험해 볼 때 |
# | 위험 | 정답을 바꾸는 변환을 고르면 모델이 틀린 것을 배움 | 만든 데이터가 진짜와 다르면(분포 차이) 진짜 데이터에서 성능이 떨어짐 |
#
# 실제 서비스할 모델이라면 진짜 데이터 + 증강이 기본입니다. 연습용 작은 프로젝트나 데이터가 없는 초기에는 합성 데이터로 빠르게 시작할 수 있습니다.
# 생성형 AI 에게 예시 문장이나 이미지를 만들어 달라고 하는 것도 합성 데이터입니다. 편하지만, 만든 데이터가 실제 분포와 얼마나
# 닮았는지는 진짜 데이터로 검증해야 합니다.
#
# 아래는 코드로 만든 합성 데이터입니다. 28×28 빈 화면에 가로 막대(정답 0) 또는 세로 막대(정답 1)를 무작위 위치·굵기로 그리고 잡음을 더합니다.
# 정답은 **그린 방법에서** 나오니 사람이 라벨을 붙일 필요가 없습니다.

# %%
def make_bars(n: int, size: int = 28, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """n synthetic images (n, size, size) in [0, 1]: a horizontal (label 0) or vertical (label 1) bar plus noise."""
    g = torch.Generator().manual_seed(seed)
    y = torch.arange(n) % 2
    x = 0.15 * torch.rand(n, size, size, generator=g)
    pos = torch.randint(2, size - 6, (n,), generator=g)
    width = torch.randint(2, 5, (n,), generator=g)
    for i in range(n):
        p, w = int(pos[i]), int(width[i])
        if y[i] == 0:
            x[i, p:p + w, :] = 1.0
        else:
            x[i, :, p:p + w] = 1.0
    return x, y


bars_x, bars_y = make_bars(16, seed=1)
helpers.plot.show_images(bars_x, labels=bars_y, class_names=["가로", "세로"], ncols=8)
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - 정답 16개가 하나도 틀리지 않았습니다. 합성 데이터의 가장 큰 장점입니다.
# - 하지만 이 막대들은 어떤 진짜 사진과도 닮지 않았습니다. 이것만으로 학습한 모델이 진짜 세상에서 잘 할지는 따로 재 봐야 합니다.
#   이 단원의 나머지는 진짜 데이터(CIFAR-10 사진, MNIST 손글씨)를 **증강**하는 법을 다룹니다.

# %% [markdown]
# ## 2. 폴더에 담긴 이미지: 직접 쓴 `Dataset` 과 `ImageFolder`
#
# 사진 데이터는 흔히 **클래스 이름이 곧 폴더 이름**인 구조로 저장합니다. 이 과정의 CIFAR-10 일부도 그렇습니다
# (`helpers.data.cifar10_dir()`, 32×32 컬러 JPEG).
#
# ```
# train/airplane/0000.jpg   train/airplane/0001.jpg ...   train/truck/...
# test/airplane/0000.jpg    ...
# ```

# %%
cifar_root = helpers.data.cifar10_dir()
for split in ("train", "test"):
    counts = {d.name: len(list(d.glob("*.jpg"))) for d in sorted((cifar_root / split).iterdir()) if d.is_dir()}
    print(f"{split}: 클래스 {len(counts)}개, 이미지 {sum(counts.values())}장 | 예:", dict(list(counts.items())[:3]))


# %% [markdown]
# `Dataset` 은 `__len__`(샘플 수)과 `__getitem__`(i 번째 샘플)만 있으면 됩니다 (6단원). 폴더용 `Dataset` 을 직접 써 봅니다.
#
# - 클래스 목록은 폴더 이름을 **정렬**해서 만듭니다. `os.listdir` 나 `iterdir` 가 주는 순서는 운영체제마다 달라서, 정렬하지 않으면
#   컴퓨터마다 같은 폴더가 다른 번호를 받을 수 있습니다.
# - 이미지는 `__getitem__` 에서 그때그때 엽니다. 5000장을 미리 다 읽어 두지 않아도 됩니다.
# - `Image.open(...).convert("RGB")` 로 흑백·투명 이미지도 언제나 3채널로 맞춥니다.

# %%
class ImageFolderByHand(Dataset):
    """Images in root/<class>/<file>.jpg: (transform(PIL image), class index)."""

    def __init__(self, root: Path, transform=None):
        self.classes = sorted(d.name for d in Path(root).iterdir() if d.is_dir())
        self.class_to_idx = {name: i for i, name in enumerate(self.classes)}
        self.samples = [(path, self.class_to_idx[name])
                        for name in self.classes
                        for path in sorted((Path(root) / name).glob("*.jpg"))]
        self.transform = transform

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, i: int):
        path, label = self.samples[i]
        with Image.open(path) as f:
            image = f.convert("RGB")
        return (self.transform(image) if self.transform else image), label


by_hand = ImageFolderByHand(cifar_root / "train")
library = datasets.ImageFolder(cifar_root / "train")
print("샘플 수:", len(by_hand), len(library), "| 클래스가 같은가:", by_hand.classes == library.classes)
same = all(by_hand[i][1] == library[i][1] and np.array_equal(np.asarray(by_hand[i][0]), np.asarray(library[i][0]))
           for i in range(0, len(library), 250))
print("250장마다 하나씩 비교한 이미지와 정답이 모두 같은가:", same)
image0, label0 = by_hand[0]
print("한 샘플:", type(image0).__name__, image0.size, image0.mode, "| 정답:", label0, by_hand.classes[label0])

# %% [markdown]
# **눈여겨볼 점**
#
# - `ImageFolder` 도 같은 규칙(클래스 폴더를 정렬, 폴더 안의 파일도 정렬, RGB 로 열기)을 따르므로 결과가 같습니다. 평소에는 `ImageFolder`
#   를 쓰고, 라벨이 CSV 파일에 있거나 폴더 구조가 다를 때 직접 씁니다.
# - 변환 없이 꺼낸 샘플은 아직 텐서가 아닌 **PIL 이미지**입니다. 텐서로 바꾸는 일도 변환이 맡습니다 (3절).

# %% [markdown]
# ## 3. `transforms.v2`: 변환을 하나씩 보기
#
# torchvision 의 변환(transform)은 이미지를 받아 이미지를 돌려주는 호출 가능한 객체입니다. 예전 `torchvision.transforms` 대신 새 이름공간
# `torchvision.transforms.v2` 를 씁니다 (PIL 이미지와 텐서를 모두 받고, 같은 코드로 상자·마스크도 함께 바꿀 수 있습니다).
# 이름이 `Random` 으로 시작하는 변환은 부를 때마다 **무작위로** 다르게 바꿉니다. 같은 사진 한 장에 변환마다 7번씩 적용해 봅니다.

# %%
photo, photo_label = library[7]
print("원본:", library.classes[photo_label], photo.size)
augmenters = {
    "RandomCrop(32, padding=4)": v2.RandomCrop(32, padding=4),
    "RandomHorizontalFlip()": v2.RandomHorizontalFlip(p=0.5),
    "RandomRotation(25)": v2.RandomRotation(25),
    "ColorJitter(0.5, 0.5, 0.5)": v2.ColorJitter(brightness=0.5, contrast=0.5, saturation=0.5),
    "RandomResizedCrop(32)": v2.RandomResizedCrop(32, scale=(0.5, 1.0), antialias=True),
    "RandomGrayscale(p=0.5)": v2.RandomGrayscale(p=0.5),
}
torch.manual_seed(0)
grid = [np.asarray(img) for t in augmenters.values() for img in [photo] + [t(photo) for _ in range(7)]]
fig = helpers.plot.show_images(np.stack(grid), ncols=8)
for row, name in enumerate(augmenters):
    fig.axes[row * 8].set_title(f"원본 → {name}", fontsize=7, loc="left")
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - 줄마다 왼쪽 첫 칸이 원본, 나머지 7칸이 같은 변환을 7번 부른 결과입니다. 매번 다릅니다. 그래서 에포크마다 모델이 보는 사진이 조금씩 달라집니다.
# - `RandomCrop(32, padding=4)` 는 가장자리에 0(검은색)을 4픽셀 덧댄 뒤 32×32 를 무작위 위치에서 잘라, 사진을 최대 4픽셀 옮기는 효과를 냅니다.
# - 어느 변환도 "비행기"를 다른 클래스로 만들지 않습니다. 사진에서는 좌우 뒤집기가 안전합니다. 위아래 뒤집기는 하늘과 땅이 바뀌어 실제로는 보기 힘든 사진이 됩니다.

# %% [markdown]
# ### 텐서로 바꾸기: `ToImage` + `ToDtype(scale=True)`
#
# 모델에는 float32 텐서가 들어가야 합니다. v2 에서는 두 단계로 바꿉니다.
#
# - `v2.ToImage()`: PIL 이미지 → `uint8` 텐서 (채널, 높이, 너비) = (3, 32, 32), 값 0 ~ 255.
# - `v2.ToDtype(torch.float32, scale=True)`: float32 로 바꾸면서 **255 로 나눠** 0 ~ 1 로 정규화합니다 (`scale=True` 가 그 일을 합니다).

# %%
to_uint8 = v2.ToImage()
to_float = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)])
a, b = to_uint8(photo), to_float(photo)
print("ToImage          :", type(a).__name__, tuple(a.shape), a.dtype, "값", int(a.min()), "~", int(a.max()))
print("+ ToDtype(scale) :", type(b).__name__, tuple(b.shape), b.dtype, "값", round(float(b.min()), 3), "~", round(float(b.max()), 3))

# %% [markdown]
# ### 표준화: `Normalize(mean, std)` 의 값은 학습 데이터에서
#
# `v2.Normalize(mean, std)` 는 채널마다 (값 − 평균) / 표준편차 를 계산하는 **표준화**입니다. 평균과 표준편차는 **학습 데이터에서만** 구하고,
# 그 숫자를 평가와 추론에도 똑같이 씁니다. 테스트 데이터로 구하면 테스트 정보가 학습에 새어 들어갑니다.
# 학습 이미지 5000장을 한 번 읽어 채널별로 구해 봅니다.

# %%
t0 = time.process_time()
train_uint8 = np.stack([np.asarray(library[i][0]) for i in range(len(library))])  # (N, 32, 32, 3)
pixels = train_uint8.reshape(-1, 3).astype(np.float64) / 255.0                 # one row per pixel, one column per channel
cifar_mean, cifar_std = pixels.mean(axis=0).tolist(), pixels.std(axis=0).tolist()
print("배열:", train_uint8.shape, train_uint8.dtype, f"| 읽는 데 CPU {time.process_time() - t0:.1f}초")
print("채널(R, G, B) 평균:", [round(m, 3) for m in cifar_mean], "| 표준편차:", [round(s, 3) for s in cifar_std])

# %% [markdown]
# 이제 학습용과 평가용 변환을 만듭니다. **무작위 변환은 학습용에만** 넣고, 텐서 변환과 표준화는 **둘이 똑같이** 합니다.

# %%
train_tf = v2.Compose([
    v2.RandomResizedCrop(32, scale=(0.6, 1.0), antialias=True),
    v2.RandomHorizontalFlip(),
    v2.ColorJitter(brightness=0.3, contrast=0.3, saturation=0.3),
    v2.ToImage(), v2.ToDtype(torch.float32, scale=True),
    v2.Normalize(cifar_mean, cifar_std),
])
eval_tf = v2.Compose([
    v2.ToImage(), v2.ToDtype(torch.float32, scale=True),
    v2.Normalize(cifar_mean, cifar_std),
])
train_set = datasets.ImageFolder(cifar_root / "train", transform=train_tf)
eval_set = datasets.ImageFolder(cifar_root / "test", transform=eval_tf)
xb, yb = next(iter(DataLoader(train_set, batch_size=256, shuffle=True)))
print("학습 배치:", tuple(xb.shape), xb.dtype, "| 채널별 평균:", [round(v, 2) for v in xb.mean(dim=(0, 2, 3)).tolist()],
      "| 표준편차:", [round(v, 2) for v in xb.std(dim=(0, 2, 3)).tolist()])
same_twice = torch.equal(eval_set[0][0], eval_set[0][0])
print("평가용 변환을 두 번 불렀을 때 결과가 같은가:", same_twice)

# %% [markdown]
# **눈여겨볼 점**
#
# - 표준화한 학습 배치는 채널마다 평균이 0, 표준편차가 1 근처입니다 (증강 때문에 정확히 0 과 1 은 아닙니다).
# - 평가용 변환은 무작위가 없어서 같은 이미지를 몇 번 넣어도 같은 텐서가 나옵니다. 그래야 정확도가 잴 때마다 같습니다.
# - 그림으로 볼 때는 표준화를 되돌려야(× 표준편차 + 평균) 원래 색이 나옵니다.

# %%
shown = (xb[:16] * torch.tensor(cifar_std)[:, None, None] + torch.tensor(cifar_mean)[:, None, None]).clamp(0, 1)
helpers.plot.show_images(shown, labels=yb[:16], class_names=library.classes, ncols=8)
plt.show()

# %% [markdown]
# ## 4. 정답을 지키는 증강만 쓰기: 6 을 뒤집으면 9
#
# 증강의 약속은 "정답이 바뀌지 않는다"입니다. 사진의 비행기는 좌우로 뒤집어도 비행기지만, **숫자는 다릅니다**. MNIST 의 6 을
# 180° 돌리거나 위아래로 뒤집으면 9 처럼 보입니다. 이런 증강을 쓰면 모델에게 "이 9 처럼 생긴 것의 정답은 6" 이라고 가르치게 됩니다.

# %%
x_train_raw, y_train_np, x_test_raw, y_test_np = helpers.data.load_mnist()
sixes = torch.from_numpy(x_train_raw[y_train_np == 6][:6])[:, None]   # (6, 1, 28, 28) uint8
nines = torch.from_numpy(x_train_raw[y_train_np == 9][:6])[:, None]
rotated = v2.functional.rotate(sixes, 180)
vflipped = v2.functional.vertical_flip(sixes)
row = torch.cat([sixes, rotated, vflipped, nines])[:, 0]
fig = helpers.plot.show_images(row, ncols=6)
for r, name in enumerate(["원본 6", "6 을 180° 회전", "6 을 위아래 뒤집기", "진짜 9"]):
    fig.axes[r * 6].set_title(name, fontsize=8, loc="left")
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - 둘째, 셋째 줄은 정답이 6 인데 넷째 줄의 9 와 닮았습니다. 숫자에는 작은 회전(±15° 정도)과 이동만 안전합니다.
# - 어느 증강이 안전한지는 데이터가 정합니다: 사진(CIFAR) 좌우 뒤집기 ○, 위아래 ✕ / 옷(Fashion-MNIST) 좌우 ○ / 숫자·글자 뒤집기 ✕, 작은 회전·이동 ○.

# %% [markdown]
# ## 5. 실험: 증강은 무엇을 좋게 할까?
#
# 같은 MLP(784-256-10)를 MNIST 학습 이미지 2000장으로 8 에포크 학습합니다. 한 번은 그대로, 한 번은 `v2.RandomAffine`
# (±15° 회전, 가로·세로 ±12% 이동, 0.9 ~ 1.1배 크기)으로 증강해서 학습합니다. 그리고 두 가지 테스트로 잽니다.
#
# - 깨끗한 테스트: 테스트 이미지 그대로.
# - **변형 테스트 세트**: 같은 테스트 이미지를 같은 범위로 한 번 무작위로 기울이고 옮긴 것 (시드 고정). 글씨를 조금 비뚤게 쓰거나
#   스캔 위치가 어긋난 상황을 흉내 냅니다.
#
# 증강은 `Dataset` 에 변환을 달아 샘플마다 적용합니다 (에포크마다 다른 변형이 나옵니다). 전처리는 3절처럼 `/255` 한 뒤 학습 이미지의
# 평균·표준편차로 표준화하고, 학습과 평가가 같은 함수 `preprocess_digits` 를 부릅니다.

# %%
affine = v2.RandomAffine(degrees=15, translate=(0.12, 0.12), scale=(0.9, 1.1))
MNIST_MEAN, MNIST_STD = float(x_train_raw.mean() / 255), float(x_train_raw.std() / 255)


def preprocess_digits(images_uint8: torch.Tensor) -> torch.Tensor:
    """uint8 digits -> float32, /255, then standardised with the training mean and std (the one preprocessing)."""
    return (images_uint8.float() / 255.0 - MNIST_MEAN) / MNIST_STD


class DigitSet(Dataset):
    """uint8 digits (N, 28, 28) -> (preprocessed image (1, 28, 28), label), with an optional transform on the uint8 image."""

    def __init__(self, images: np.ndarray, labels: np.ndarray, transform=None):
        self.images, self.labels, self.transform = torch.from_numpy(images)[:, None], torch.from_numpy(labels), transform

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, i: int):
        image = self.images[i]
        if self.transform is not None:
            image = self.transform(image)
        return preprocess_digits(image), self.labels[i]


torch.manual_seed(123)
x_test_perturbed = torch.stack([affine(img) for img in torch.from_numpy(x_test_raw)[:, None]])  # fixed once
test_sets = {"깨끗한 테스트": preprocess_digits(torch.from_numpy(x_test_raw)[:, None]),
             "변형 테스트": preprocess_digits(x_test_perturbed)}
y_test = torch.from_numpy(y_test_np)
helpers.plot.show_images(torch.cat([torch.from_numpy(x_test_raw[:8]), x_test_perturbed[:8, 0]]), labels=torch.cat([y_test[:8]] * 2), ncols=8)
plt.show()


# %%
def make_mlp() -> nn.Module:
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 10))


results, seconds, models = {}, {}, {}
for name, transform in [("증강 없음", None), ("RandomAffine 증강", affine)]:
    torch.manual_seed(0)
    loader = DataLoader(DigitSet(x_train_raw[:2000], y_train_np[:2000], transform), batch_size=64, shuffle=True)
    model = make_mlp().to(device)
    t0 = time.process_time()
    helpers.train.fit(model, loader, nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), lr=3e-3),
                      epochs=8, device=device)
    seconds[name] = time.process_time() - t0
    models[name] = model
    results[name] = {k: (helpers.train.predict(model, x, device) == y_test).float().mean().item() for k, x in test_sets.items()}
    print(f"{name}: " + ", ".join(f"{k} {v:.1%}" for k, v in results[name].items()) + f" (학습 CPU {seconds[name]:.1f}초)")

# %%
fig, ax = plt.subplots(figsize=(6, 3.2))
width = 0.38
for j, name in enumerate(results):
    vals = list(results[name].values())
    bars = ax.bar(np.arange(2) + (j - 0.5) * width, vals, width, label=name)
    ax.bar_label(bars, labels=[f"{v:.1%}" for v in vals], fontsize=8)
ax.set_xticks(np.arange(2), list(test_sets))
ax.set_ylim(0, 1.05)
ax.set_ylabel("정확도")
ax.set_title("MLP, 학습 이미지 2000장, 8 에포크")
ax.legend(loc="lower left")
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - 깨끗한 테스트에서는 차이가 작습니다 (몇 %p 안쪽). 이 정도 예산에서 증강은 "공짜 정확도"가 아닙니다.
# - 변형 테스트에서는 차이가 큽니다. 증강 없이 학습한 모델은 조금만 기울고 옮겨진 숫자에서 크게 무너지고, 같은 종류의 변화를
#   학습 때 본 모델은 버팁니다. 증강이 주는 것은 무엇보다 **실제로 들어올 변화에 대한 견고성(robustness)** 입니다.
# - 증강한 학습은 샘플마다 변환을 부르느라 CPU 시간이 더 듭니다 (위 출력의 학습 CPU 시간).
# - 사진에서도 정직하게 말하면: 이 과정의 2코어 CPU 에서 잰 적이 있는 CIFAR-10 5000장, 작은 합성곱 신경망 12 에포크(약 50초) 실험에서
#   뒤집기 + 자르기 증강은 깨끗한 테스트 정확도를 올리지 못했습니다 (62.2% 대 증강 없이 62.6%). 증강의 효과는 모델이 크고 오래 학습할수록,
#   그리고 테스트가 학습 데이터와 다르게 흔들릴수록 잘 드러납니다. 효과는 늘 재 보고 판단하세요.

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 1. `uint8` 이미지에 바로 `Normalize`
#
# 표준화는 실수 텐서에서만 됩니다. `ToImage()` 만 하고 `Normalize` 를 붙이면 오류가 납니다.

# %% tags=["raises-exception"]
v2.Compose([v2.ToImage(), v2.Normalize(cifar_mean, cifar_std)])(photo)

# %% [markdown]
# **고치기**: 사이에 `v2.ToDtype(torch.float32, scale=True)` 를 넣습니다. `scale=True` 를 빼면 오류는 사라지지만 값이 0 ~ 255 그대로라
# 표준화한 값이 수백까지 커집니다. 둘을 비교해 봅니다.

# %%
no_scale = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32), v2.Normalize(cifar_mean, cifar_std)])(photo)
fixed = v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True), v2.Normalize(cifar_mean, cifar_std)])(photo)
print(f"scale 없이 : 최댓값 {float(no_scale.max()):8.1f}")
print(f"scale=True : 최댓값 {float(fixed.max()):8.1f}")

# %% [markdown]
# ### 2. 인터넷 예제의 `ToTensor()`
#
# 오래된 예제는 `transforms.ToTensor()` 를 씁니다. v2 에서는 더 이상 권하지 않는 변환이라, 만들 때마다 경고가 나옵니다 (경고를 오류로 바꾸면 멈춥니다).

# %% tags=["raises-exception"]
with warnings.catch_warnings():
    warnings.simplefilter("error")
    v2.ToTensor()

# %% [markdown]
# **고치기**: 경고 문구가 권하는 대로 `v2.Compose([v2.ToImage(), v2.ToDtype(torch.float32, scale=True)])` 를 씁니다. 결과는 같습니다.

# %%
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    old = v2.ToTensor()(photo)
print("ToImage + ToDtype(scale=True) 와 같은가:", torch.allclose(old, to_float(photo)))

# %% [markdown]
# ### 3. 테스트 데이터까지 증강하기
#
# 무작위 변환이 든 학습용 변환을 테스트 데이터에도 달면, 같은 모델을 같은 데이터로 재도 **잴 때마다 정확도가 달라집니다**. 어느 숫자가 모델의 실력인지 알 수 없습니다.

# %%
model = models["RandomAffine 증강"]
augmented_test = DigitSet(x_test_raw, y_test_np, transform=affine)      # wrong: a random transform on the test set
for trial in range(3):
    acc = helpers.train.evaluate(model, DataLoader(augmented_test, batch_size=500), device=device)["accuracy"]
    print(f"증강한 테스트로 잰 정확도, {trial + 1}번째: {acc:.2%}")

# %% [markdown]
# **고치기**: 평가용 `Dataset` 에는 무작위 변환을 넣지 않습니다 (`transform=None` 또는 평가용 변환). 변형에 대한 견고성을 재고 싶으면 5절처럼
# 변형 테스트 세트를 시드를 고정해 **한 번만** 만들어 두고 계속 그것으로 잽니다.

# %%
clean_test = DigitSet(x_test_raw, y_test_np, transform=None)
print("평가용 변환으로 두 번:", [f"{helpers.train.evaluate(model, DataLoader(clean_test, batch_size=500), device=device)['accuracy']:.2%}" for _ in range(2)])

# %% [markdown]
# ### 4. 추론할 때 전처리를 다르게 하기
#
# 학습 때는 `/255` 와 표준화를 했는데, 추론 코드에서 표준화를 빼먹거나 원본 픽셀을 그대로 넣는 실수는 오류가 나지 않아서 더 위험합니다.
# 모델은 아무 말 없이 더 많이 틀립니다. 5절에서 증강 없이 학습한 모델로 확인합니다.

# %%
plain_model = models["증강 없음"]
u8 = torch.from_numpy(x_test_raw)[:, None]
for name, inputs in [("원본 픽셀 0 ~ 255 (전처리 없음)", u8.float()),   # wrong
                     ("/255 만 (표준화 빠짐)", u8.float() / 255),        # wrong
                     ("학습 때와 같은 preprocess_digits", preprocess_digits(u8))]:
    acc = (helpers.train.predict(plain_model, inputs, device) == y_test).float().mean().item()
    print(f"{name:32s}: 정확도 {acc:.1%}")

# %% [markdown]
# **고치기**: 전처리를 함수나 평가용 변환 하나로 만들어 두고 학습·평가·추론이 **모두 그것을 부르게** 합니다. 표준화에 쓴 평균과 표준편차도
# 모델 가중치와 함께 저장합니다 (체크포인트에 넣기).
#
# ### 5. 정답을 바꾸는 증강
#
# 4절에서 본 것처럼 숫자에 `RandomVerticalFlip` 이나 큰 회전을 쓰면 6 과 9 가 섞입니다. 오류는 나지 않으니 증강한 샘플을 **그림으로 먼저 보고** 고릅니다.
#
# ### 6. (참고) 변환 안의 `lambda` 와 `num_workers`
#
# `v2.Lambda(lambda x: ...)` 를 쓴 변환은 `DataLoader(num_workers=2)` 로 여러 프로세스를 쓸 때 Windows·macOS 에서 피클(pickle) 오류가 날 수 있습니다.
# 이름 있는 함수(`def`)나 `nn.Module` 변환을 쓰면 피할 수 있습니다. 이 과정의 작은 데이터에서는 `num_workers=0` (기본값)이면 충분합니다.

# %% [markdown]
# ## 📝 요약
#
# 1. **증강**은 진짜 데이터를 정답이 바뀌지 않게 조금씩 바꾸는 것, **합성 데이터**는 규칙·시뮬레이터·생성 모델로 새로 만드는 것입니다.
#    진짜 데이터가 있으면 증강이 기본이고, 데이터가 거의 없거나 파이프라인을 먼저 시험할 때 합성 데이터를 씁니다 (진짜 데이터로 검증은 필수).
# 2. 학습용 변환 = 무작위 증강 + 텐서 변환 + 표준화, 평가용 변환 = 텐서 변환 + 표준화 (무작위 없음). **텐서 변환과 표준화는 같아야** 하고,
#    무작위 증강은 학습용에만 있어야 합니다. 추론 코드도 같은 평가용 변환을 씁니다.
# 3. `ToImage` 는 `uint8` 을 주므로 `ToDtype(torch.float32, scale=True)` 로 0 ~ 1 실수로 바꿔야 `Normalize` 가 됩니다. `Normalize` 의 평균·표준편차는
#    학습 데이터에서 채널별로 구합니다. `ToTensor()` 대신 `ToImage + ToDtype(scale=True)` 를 씁니다.
# 4. 정답을 바꾸는 증강은 해롭습니다: 숫자의 위아래 뒤집기·180° 회전은 6 을 9 로 만듭니다. 사진은 좌우 뒤집기가 안전합니다. 증강한 샘플을 그림으로 먼저 확인합니다.
# 5. 이 단원의 측정에서 증강은 깨끗한 테스트 정확도를 거의 바꾸지 않았지만, 기울고 옮겨진 변형 테스트에서는 정확도를 크게 지켰습니다.
#    증강은 실제로 들어올 변화를 흉내 낼 때 가장 쓸모 있고, 효과는 늘 재서 확인합니다.

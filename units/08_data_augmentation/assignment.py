# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import os  # noqa: F401 - for answers that list folders with os
import tempfile
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset, TensorDataset
from torchvision import datasets
from torchvision.transforms import v2

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 채널 축이 어디에 있든 채널별 평균·표준편차를 구하고, 그 값으로 **학습용 / 평가용 변환**을 따로 만든다.
# - 크기가 제각각인 사진도 학습 때와 같은 32×32 입력으로 바꾸는 평가용 변환을 만든다.
# - 지저분한 클래스 폴더(숨은 파일, 하위 폴더, 대문자 확장자, 흑백 이미지)를 `ImageFolder` 와 똑같이 읽는 `Dataset` 을 쓴다.
# - 배치 단위 증강(좌우 뒤집기, 잡음)을 직접 쓰고, **어떤 증강이 어떤 테스트 상황에서 도움이 되는지** 실험으로 재서 보고한다.
# - 기울고 옮겨진 손글씨(변형 테스트 세트)에서도 잘 맞히는 모델을 증강으로 학습한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 채널별 평균·표준편차는 어느 축들을 따라 구해야 할까?
# 2. 평가용 변환에 무작위 변환이 들어가면 무엇이 망가질까? 학습 때와 크기가 다른 사진은 어떻게 맞출까?
# 3. `ImageFolder` 는 클래스 번호를 어떤 규칙으로 매길까? 그 규칙을 어기면 무슨 일이 생길까?
# 4. 좌우 뒤집기는 숫자 데이터에서 언제 도움이 되고, 언제 해로울까?
# 5. 증강은 깨끗한 테스트와 변형 테스트 가운데 어디에서 더 큰 차이를 낼까?
#
# ## 과제 안내
#
# 강의 노트북 `08_data_augmentation` 에서 본 것을 새 상황에 옮겨 씁니다. 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고
# 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `channel_stats` 채널 축이 어디에 있든 채널별 평균·표준편차 | 2 |
# | 2 | `build_train_transform` 학습용 변환 (자르기 + 좌우 뒤집기 + 표준화) | 3 |
# | 3 | `build_eval_transform` 평가용 변환 (크기 맞추기 + 표준화, 무작위 없음) | 3 |
# | 4 | `FolderDataset` `ImageFolder` 와 같은 규칙의 `Dataset` | 4 |
# | 5 | `random_hflip`, `add_gaussian_noise` 배치 증강 | 3 |
# | 6 | 실험: 테스트 상황마다 가장 도움이 되는 증강 보고 | 3 |
# | 7 | `train_robust` 변형 테스트 세트에서도 80% | 5 |
#
# - 보이는 테스트는 모양과 자료형 같은 형식을 확인합니다. 채점 때는 새 입력과 경계 경우를 확인하는 숨은 테스트가 더 실행됩니다.
# - 변환은 `torchvision.transforms.v2` 를 씁니다 (`v2.ToTensor()` 대신 `v2.ToImage()` + `v2.ToDtype(torch.float32, scale=True)`).
# - 뒤 문제는 앞 문제의 함수를 씁니다. 위에서부터 차례로 실행하세요.

# %%
cifar_root = helpers.data.cifar10_dir()
cifar_train = datasets.ImageFolder(cifar_root / "train")
cifar_uint8 = np.stack([np.asarray(cifar_train[i][0]) for i in range(0, len(cifar_train), 5)])   # every 5th image
print("CIFAR-10 학습 이미지 일부:", cifar_uint8.shape, cifar_uint8.dtype, "| 클래스:", cifar_train.classes[:4], "...")


# %% [markdown]
# ## 문제 1. 채널 축이 어디에 있든: 채널별 평균과 표준편차 (2점)
#
# 강의에서는 `(N, H, W, 3)` 배열 하나를 `reshape(-1, 3)` 해서 채널별 통계를 구했습니다. 실제 데이터는 채널 축의 자리와 채널 수가 제각각입니다:
# NumPy·PIL 은 `(N, H, W, C)`, PyTorch 는 `(N, C, H, W)`, 흑백은 `C = 1`, 투명도가 있는 RGBA 는 `C = 4` 입니다.
# `channel_stats(images, channel_axis=-1)` 을 완성하세요.
#
# - `images`: 자료형 `uint8` 인 NumPy 배열. 차원 수는 2 이상 아무것이나 올 수 있고, `channel_axis` 번째 축(음수도 가능, 기본값 `-1` 은 마지막 축)이
#   채널 축입니다. 채널 수 `C` 도 아무것이나 올 수 있습니다.
# - 반환: `(mean, std)`. 각각 **길이 `C` 인 파이썬 `list`** 이고 원소는 파이썬 `float` 입니다 (채널 축의 순서대로).
#   값은 픽셀을 `/255` 한 0 ~ 1 척도에서, 채널마다 **그 채널의 모든 값**(채널 축을 뺀 나머지 모든 축)을 한데 모아 구한 평균과
#   표준편차(N 으로 나누는 모집단 표준편차)입니다. 그대로 `v2.Normalize(mean, std)` 에 넣을 수 있는 값입니다.
# - 배열은 클 수 있습니다 (채점에서는 수백만 개 값). `uint8` 이나 `uint16` 처럼 작은 정수형으로 더하면 넘칩니다(overflow).
#   `float64` 로 바꿔 계산하세요. 채점은 `float64` 로 구한 값과 비교합니다.
# - 넘겨받은 배열을 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_channel_stats", "locked": false, "schema_version": 3, "solution": true}
def channel_stats(images: np.ndarray, channel_axis: int = -1) -> tuple[list[float], list[float]]:
    """Per-channel mean and std (0..1 scale, over every other axis) of a uint8 array whose channels lie on channel_axis."""
    ### BEGIN SOLUTION
    channels_last = np.moveaxis(images, channel_axis, -1)
    pixels = channels_last.reshape(-1, channels_last.shape[-1]).astype(np.float64) / 255.0
    return pixels.mean(axis=0).tolist(), pixels.std(axis=0).tolist()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_channel_stats", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_tiny = np.zeros((2, 1, 2, 3), dtype=np.uint8)
_tiny[..., 0] = 255
_tiny[0, 0, 0, 1] = 255
_m, _s = channel_stats(_tiny)
assert type(_m) is list and type(_s) is list and len(_m) == 3 and len(_s) == 3, "길이 C 인 list 두 개를 돌려주세요"
assert all(type(v) is float for v in _m + _s), "원소는 파이썬 float 이어야 합니다"
assert np.allclose(_m, [1.0, 0.25, 0.0]) and np.allclose(_s, [0.0, np.sqrt(3) / 4, 0.0]), "작은 예에서 값이 다릅니다"
_m, _s = channel_stats(np.ascontiguousarray(_tiny.transpose(0, 3, 1, 2)), channel_axis=1)    # the same images as (N, C, H, W)
assert np.allclose(_m, [1.0, 0.25, 0.0]) and np.allclose(_s, [0.0, np.sqrt(3) / 4, 0.0]), "(N, C, H, W), channel_axis=1 인 작은 예에서 값이 다릅니다"
cifar_mean, cifar_std = channel_stats(cifar_uint8)
print("CIFAR-10 채널 평균:", np.round(cifar_mean, 3), "| 표준편차:", np.round(cifar_std, 3))
### BEGIN HIDDEN TESTS
def _expected_stats(arr, axis):
    _px = np.moveaxis(arr, axis, -1).astype(np.float64).reshape(-1, arr.shape[axis]) / 255
    return _px.mean(axis=0), np.sqrt(((_px - _px.mean(axis=0)) ** 2).mean(axis=0))


def _check_stats(arr, axis, what, atol=1e-5):
    _copy = arr.copy()
    _em, _es = _expected_stats(_copy, axis)
    _m, _s = channel_stats(arr, axis)
    assert type(_m) is list and type(_s) is list and len(_m) == len(_em) and len(_s) == len(_em), f"{what}: 길이 C 인 list 두 개를 돌려주세요"
    assert all(type(v) is float for v in _m + _s), f"{what}: 원소는 파이썬 float 이어야 합니다"
    assert np.allclose(_m, _em, rtol=0, atol=atol), f"{what}: 채널별 평균이 다릅니다 (0 ~ 1 척도, 채널마다 채널 축을 뺀 모든 값)"
    assert np.allclose(_s, _es, rtol=0, atol=atol), f"{what}: 채널별 표준편차가 다릅니다 (채널마다 모든 값을 한데 모아, N 으로 나눔)"
    assert np.array_equal(arr, _copy), "넘겨받은 배열을 바꾸면 안 됩니다"


_rng = np.random.default_rng(8)
_imgs = np.empty((6, 9, 7, 3), dtype=np.uint8)
_imgs[..., 0] = _rng.integers(0, 256, (6, 9, 7))
_imgs[..., 1] = _rng.integers(100, 140, (6, 9, 7))
_imgs[..., 2] = np.where(np.arange(7) < 3, 250, 5)[None, None, :] + _rng.integers(0, 5, (6, 9, 7))
_imgs[0] = 255                                     # one bright image: a per-image average would weigh it differently
_check_stats(_imgs, -1, "(N, H, W, 3)")
_check_stats(_imgs[1], 2, "이미지 한 장 (H, W, 3), channel_axis=2")
_check_stats(np.ascontiguousarray(_imgs.transpose(0, 3, 1, 2)), 1, "(N, C, H, W), channel_axis=1")
_rgba = _rng.integers(0, 256, (5, 4, 6, 8), dtype=np.uint8)
_rgba[:, 3] = 255 - _rgba[:, 3] // 8                                   # channels 0..3 on axis 1, all different
_check_stats(_rgba, -3, "RGBA (N, 4, H, W), channel_axis=-3")
_check_stats(_rng.integers(0, 120, (40, 1, 5, 5), dtype=np.uint8), 1, "흑백 (N, 1, H, W)")
_check_stats(_rng.integers(0, 256, (2, 50), dtype=np.uint8), 0, "2차원 (C, L), channel_axis=0")
_big = _rng.integers(0, 256, (1000, 32, 32, 3), dtype=np.uint8)       # 3 million values: small integer sums overflow
_em, _es = _expected_stats(_big, -1)
_m, _s = channel_stats(_big)
assert np.allclose(_m, _em, rtol=0, atol=1e-4) and np.allclose(_s, _es, rtol=0, atol=1e-4), "큰 배열 (1000, 32, 32, 3) 에서 평균이나 표준편차가 다릅니다 (작은 정수형으로 더하면 넘칩니다)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 학습용 변환 (3점)
#
# `build_train_transform(mean, std)` 가 CIFAR-10 학습용 변환을 돌려주게 하세요. 돌려준 변환 `tf` 는 32×32 RGB **PIL 이미지**를 받아
# `float32` 텐서 `(3, 32, 32)` 를 돌려줍니다 (`v2.Compose` 를 권합니다). 이 순서로 합니다.
#
# 1. 무작위 이동: 가장자리에 **0 을 4픽셀** 덧대고 32×32 를 무작위 위치에서 자르기 (최대 ±4픽셀 이동).
# 2. 확률 0.5 로 **좌우** 뒤집기.
# 3. 텐서로 바꾸고 0 ~ 1 로 정규화 (`ToImage` + `ToDtype(..., scale=True)`).
# 4. 채널별 표준화 `(값 − mean) / std` (`mean`, `std` 는 길이 3 의 list).
#
# 이 밖의 무작위 변환(색, 회전 등)은 넣지 마세요. 채점은 같은 변환을 여러 번 불러서 두 무작위 변환이 모두 일어나는지 봅니다:
# **자르는 위치가 부를 때마다 달라지는지**, 0 으로 덧댄 가장자리가 때로는 4픽셀 폭까지 보이고 5픽셀 이상은 한 번도 없는지, 좌우가 뒤집힌 결과와
# 그대로인 결과가 둘 다 나오는지. 위아래 뒤집기 같은 다른 변환이 없는지, 표준화 값이 맞는지도 봅니다.

# %% nbgrader={"grade": false, "grade_id": "ex_build_train_transform", "locked": false, "schema_version": 3, "solution": true}
def build_train_transform(mean: list[float], std: list[float]):
    """Random 4-pixel zero-padded crop, random horizontal flip, to float in [0, 1], standardise with mean/std."""
    ### BEGIN SOLUTION
    return v2.Compose([
        v2.RandomCrop(32, padding=4),
        v2.RandomHorizontalFlip(p=0.5),
        v2.ToImage(),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize(mean, std),
    ])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_build_train_transform", "locked": true, "points": 3, "schema_version": 3, "solution": false}
def _plain(t):
    """A transform's output as a plain tensor (v2 returns a tv_tensors.Image, a Tensor subclass)."""
    return t.as_subclass(torch.Tensor)


train_tf = build_train_transform(cifar_mean, cifar_std)
_out = train_tf(cifar_train[0][0])
assert isinstance(_out, torch.Tensor), "변환 결과는 텐서여야 합니다"
_out = _plain(_out)
assert _out.dtype == torch.float32 and tuple(_out.shape) == (3, 32, 32), "결과는 float32 (3, 32, 32) 여야 합니다"
### BEGIN HIDDEN TESTS
_mean, _std = [0.3, 0.5, 0.6], [0.2, 0.25, 0.3]
_tf = build_train_transform(_mean, _std)
_const = Image.fromarray(np.broadcast_to(np.array([100, 150, 200], dtype=np.uint8), (32, 32, 3)).copy())
_want_center = (torch.tensor([100.0, 150.0, 200.0]) / 255 - torch.tensor(_mean)) / torch.tensor(_std)
_want_pad = (0 - torch.tensor(_mean)) / torch.tensor(_std)


def _border_widths(o):
    """Widths of the zero-padded border on the top, bottom, left and right of one output."""
    _pad = ((o - _want_pad[:, None, None]).abs() < 1e-4).all(dim=0)       # (32, 32) True where the pixel is padding
    _rows, _cols = _pad.all(dim=1).tolist(), _pad.all(dim=0).tolist()

    def _run(flags):
        return next((i for i, f in enumerate(flags) if not f), len(flags))

    return _run(_rows), _run(_rows[::-1]), _run(_cols), _run(_cols[::-1])


_offsets = set()
for _ in range(60):
    _o = _plain(_tf(_const))
    assert _o.dtype == torch.float32 and tuple(_o.shape) == (3, 32, 32), "결과는 float32 (3, 32, 32) 여야 합니다"
    assert torch.allclose(_o[:, 16, 16], _want_center, atol=1e-4), "가운데 픽셀 값이 다릅니다 (0 ~ 1 척도로 바꾼 뒤 (값 − mean) / std, 채널 순서 확인)"
    _offsets.add(_border_widths(_o))
_widest = max(max(_w) for _w in _offsets)
assert _widest > 0, "0 으로 덧댄 가장자리가 한 번도 보이지 않습니다 (0 으로 4픽셀 덧대고 무작위로 자르기)"
assert _widest <= 4, "0 으로 덧댄 가장자리가 4픽셀보다 넓습니다 (최대 ±4픽셀 이동)"
assert len(_offsets) >= 5, "자르는 위치가 부를 때마다 달라져야 합니다 (부를 때마다 무작위 위치에서 자르기)"
assert _widest == 4, "60번 불러서 가장자리가 한 번도 4픽셀 폭이 되지 않았습니다 (0 으로 4픽셀 덧대기)"
_lr = np.zeros((32, 32, 3), dtype=np.uint8)
_lr[:, :16] = 30
_lr[:, 16:] = 220
_tb = np.ascontiguousarray(_lr.transpose(1, 0, 2))      # dark top half, bright bottom half
_orient = set()
for _ in range(40):
    _o = _plain(_tf(Image.fromarray(_lr)))
    _left, _right = _o[:, 8:24, 4:12].mean().item(), _o[:, 8:24, 20:28].mean().item()
    _orient.add(_left < _right)
    _o = _plain(_tf(Image.fromarray(_tb)))
    assert _o[:, 4:12, 8:24].mean().item() < _o[:, 20:28, 8:24].mean().item(), "위아래가 뒤집혔습니다 (좌우 뒤집기만 하세요)"
assert _orient == {True, False}, "40번 불러서 좌우가 뒤집힌 결과와 그대로인 결과가 둘 다 나와야 합니다 (확률 0.5)"
### END HIDDEN TESTS

# %% [markdown]
# 학습용 변환을 같은 사진에 8번 적용해 봅니다 (채점하지 않는 확인 셀; 그림을 위해 표준화를 되돌립니다).

# %%
views = torch.stack([train_tf(cifar_train[3][0]).as_subclass(torch.Tensor) for _ in range(8)])
views = views * torch.tensor(cifar_std)[:, None, None] + torch.tensor(cifar_mean)[:, None, None]
helpers.plot.show_images(views.clamp(0, 1), ncols=8)
plt.show()


# %% [markdown]
# ## 문제 3. 평가용 변환: 크기가 다른 사진도 같은 입력으로 (3점)
#
# 학습은 32×32 로 했지만, 추론할 때 들어오는 사진은 크기가 제각각입니다. `build_eval_transform(mean, std)` 가 돌려주는 변환은
# 크기가 `H×W` (둘 다 32 이상) 인 RGB **PIL 이미지**를 받아 `float32` 텐서 `(3, 32, 32)` 를 돌려줍니다.
#
# 1. **짧은 변**이 32 가 되도록 가로세로 비율을 지켜 크기를 바꾸고 (`v2.Resize(32)`, 쌍선형 보간), 가운데 32×32 를 자릅니다 (`v2.CenterCrop(32)`).
#    32×32 사진은 그대로 지나갑니다.
# 2. 학습용과 **똑같이** 텐서로 바꾸고 0 ~ 1 로 정규화한 뒤 `mean`, `std` 로 표준화합니다.
# 3. 무작위 변환은 하나도 넣지 않습니다: 같은 사진은 언제나 같은 텐서가 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_build_eval_transform", "locked": false, "schema_version": 3, "solution": true}
def build_eval_transform(mean: list[float], std: list[float]):
    """Resize the short side to 32, centre-crop 32x32, to float in [0, 1], standardise; nothing random."""
    ### BEGIN SOLUTION
    return v2.Compose([
        v2.Resize(32),
        v2.CenterCrop(32),
        v2.ToImage(),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize(mean, std),
    ])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_build_eval_transform", "locked": true, "points": 3, "schema_version": 3, "solution": false}
eval_tf = build_eval_transform(cifar_mean, cifar_std)
_a = _plain(eval_tf(cifar_train[0][0]))
assert _a.dtype == torch.float32 and tuple(_a.shape) == (3, 32, 32), "결과는 float32 (3, 32, 32) 여야 합니다"
assert torch.equal(_a, _plain(eval_tf(cifar_train[0][0]))), "같은 사진은 언제나 같은 텐서가 되어야 합니다"
_big = Image.fromarray(np.zeros((48, 64, 3), dtype=np.uint8))
assert tuple(_plain(eval_tf(_big)).shape) == (3, 32, 32), "48×64 사진도 (3, 32, 32) 가 되어야 합니다"
### BEGIN HIDDEN TESTS
_mean, _std = [0.45, 0.4, 0.35], [0.3, 0.2, 0.25]
_tf = build_eval_transform(_mean, _std)
_m, _s = torch.tensor(_mean)[:, None, None], torch.tensor(_std)[:, None, None]


def _expect(arr):
    return (torch.from_numpy(np.array(arr, dtype=np.float64)).permute(2, 0, 1) / 255 - _m) / _s


_rng = np.random.default_rng(3)
_sq = _rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)
_sq[:, :16] //= 4                                          # left/right different: a flip would show
for _ in range(8):
    _o = _plain(_tf(Image.fromarray(_sq)))
    assert _o.dtype == torch.float32 and tuple(_o.shape) == (3, 32, 32), "결과는 float32 (3, 32, 32) 여야 합니다"
    assert torch.allclose(_o.double(), _expect(_sq), atol=1e-4), "32×32 사진에서 값이 다릅니다 (무작위 변환 없이 0 ~ 1 척도 → (값 − mean) / std)"
_wide = _rng.integers(0, 256, (32, 48, 3), dtype=np.uint8)
_o = _plain(_tf(Image.fromarray(_wide)))
assert tuple(_o.shape) == (3, 32, 32) and torch.allclose(_o.double(), _expect(_wide[:, 8:40]), atol=1e-4), "32×48 사진은 가운데 32×32 만 남아야 합니다 (가로세로 비율 유지)"
_tall = _rng.integers(0, 256, (48, 32, 3), dtype=np.uint8)
_o = _plain(_tf(Image.fromarray(_tall)))
assert tuple(_o.shape) == (3, 32, 32) and torch.allclose(_o.double(), _expect(_tall[8:40]), atol=1e-4), "48×32 사진은 가운데 32×32 만 남아야 합니다"
_smooth = np.kron(_rng.integers(0, 256, (16, 16, 3)), np.ones((4, 4, 1))).astype(np.uint8)   # 64×64, 4×4 blocks
_o = _plain(_tf(Image.fromarray(_smooth)))
_half = np.asarray(Image.fromarray(_smooth).resize((32, 32), Image.BILINEAR))
assert tuple(_o.shape) == (3, 32, 32), "64×64 사진도 (3, 32, 32) 가 되어야 합니다"
assert (_o.double() - _expect(_half)).abs().mean().item() < 0.05, "64×64 사진은 32×32 로 줄여야 합니다 (잘라 내기만 하면 안 됩니다)"
_odd = _plain(_tf(Image.fromarray(_rng.integers(0, 256, (41, 77, 3), dtype=np.uint8))))
assert tuple(_odd.shape) == (3, 32, 32), "41×77 사진도 (3, 32, 32) 가 되어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. `ImageFolder` 와 같은 규칙으로 폴더 읽기 (4점)
#
# 강의의 `Dataset` 은 잘 정리된 CIFAR 폴더만 읽었습니다. 실제 폴더는 지저분합니다. `FolderDataset(root, transform=None)` 클래스를 완성해
# `torchvision.datasets.ImageFolder(root, transform)` 와 **같은 클래스 번호, 같은 순서, 같은 이미지**를 주게 하세요.
#
# - `root` 바로 아래의 **폴더**가 클래스입니다 (파일은 무시). 속성 `classes` 는 폴더 이름을 **정렬한** `list`
#   (파이썬 기본 정렬: 대문자가 소문자보다 앞), `class_to_idx` 는 `{폴더 이름: 번호}` `dict` 입니다.
# - `ImageFolder` 처럼 각 클래스 폴더 **아래의 모든 파일**을 봅니다: 클래스 폴더 안의 하위 폴더(그 안의 하위 폴더까지)에 든 파일도 그 클래스의 이미지입니다.
#   파일 이름이 `.png`, `.jpg`, `.jpeg` 로 끝나는 것만 이미지입니다 (**대소문자 무시**: `.PNG` 도 이미지, `.txt` 는 아님).
#   이름이 점으로 시작하는 숨은 파일도 확장자가 맞으면 `ImageFolder` 처럼 이미지로 셉니다 (`.hidden.png` 는 이미지).
# - 샘플 순서: 클래스 번호 순. 한 클래스 안에서는 `ImageFolder` 와 같이 `sorted(os.walk(클래스 폴더))` 의 순서입니다:
#   폴더 경로(문자열)를 정렬한 순서로 폴더를 돌고, 폴더마다 그 안의 **파일 이름을 정렬한** 순서. 그래서 클래스 폴더 바로 안의 파일이
#   하위 폴더 안의 파일보다 먼저 옵니다.
# - `len(ds)` 는 이미지 수, `ds[i]` 는 `(이미지, 클래스 번호)` 튜플입니다. 이미지는 `PIL.Image.open(...).convert("RGB")` 로 연 RGB 이미지이고,
#   `transform` 이 있으면 적용한 결과입니다. 클래스 번호는 파이썬 `int` 입니다.
# - 채점은 숨은 임시 폴더(흑백 PNG, 대문자 확장자, 이미지가 아닌 파일, 숨은 파일, 하위 폴더, 정렬과 다른 순서로 만든 폴더)에서 `ImageFolder` 와 비교합니다.
#   이 폴더의 이미지는 모두 위 세 확장자입니다 (`ImageFolder` 는 `.bmp` 같은 확장자도 읽지만 채점에는 나오지 않습니다).
#   경로를 다룰 때 `root` 는 `str` 로도, `Path` 로도 올 수 있습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_folder_dataset", "locked": false, "schema_version": 3, "solution": true}
class FolderDataset(Dataset):
    """root/<class>/<image>: same classes, order and images as torchvision ImageFolder."""

    ### BEGIN SOLUTION
    EXTENSIONS = (".png", ".jpg", ".jpeg")

    def __init__(self, root, transform=None):
        root = Path(root)
        self.transform = transform
        self.classes = sorted(entry.name for entry in root.iterdir() if entry.is_dir())
        self.class_to_idx = {name: i for i, name in enumerate(self.classes)}
        self.samples = []
        for name in self.classes:
            for folder, _, names in sorted(os.walk(root / name, followlinks=True)):
                self.samples += [(os.path.join(folder, f), self.class_to_idx[name])
                                 for f in sorted(names) if f.lower().endswith(self.EXTENSIONS)]

    def __len__(self) -> int:
        return len(self.samples)

    def __getitem__(self, i: int):
        path, label = self.samples[i]
        with Image.open(path) as f:
            image = f.convert("RGB")
        if self.transform is not None:
            image = self.transform(image)
        return image, label
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_folder_dataset", "locked": true, "points": 4, "schema_version": 3, "solution": false}
_ds = FolderDataset(cifar_root / "test")
assert len(_ds) == 500, "CIFAR-10 test 폴더에는 이미지가 500장 있습니다"
assert list(_ds.classes) == list(datasets.ImageFolder(cifar_root / "test").classes), "classes 가 ImageFolder 와 다릅니다"
_img, _label = _ds[0]
assert isinstance(_img, Image.Image) and type(_label) is int, "transform 이 없으면 (PIL 이미지, int) 를 돌려주세요"
### BEGIN HIDDEN TESTS
_root = Path(tempfile.mkdtemp(prefix="folder_ds_"))
_rng = np.random.default_rng(4)
_layout = {"zebra": ["b.png", "a.jpg", "C.PNG", "10.png", "zz.png", "2.jpeg", "notes.txt"],
           "zebra/sub": ["a0.png", ".hidden.png", "gray2.png"],
           "zebra/sub/deeper": ["k.JPEG"],
           "zebra/Sub2": ["y.png"],
           "cat": ["x.png", "gray.png"],
           "Mango": ["m2.JPG", "m1.png", ".hidden.txt", ".dot.jpg"],
           "apple": ["only.jpeg", "readme.md"],
           "apple/empty": []}
for _cls, _files in _layout.items():
    (_root / _cls).mkdir(parents=True)
    for _name in _files:
        _path = _root / _cls / _name
        if _name.lower().endswith((".txt", ".md")):
            _path.write_text("not an image", encoding="utf-8")
            continue
        _h, _w = int(_rng.integers(6, 12)), int(_rng.integers(6, 12))
        _arr = _rng.integers(0, 256, (_h, _w, 3), dtype=np.uint8)
        _im = Image.fromarray(_arr[..., 0], mode="L") if _name.startswith("gray") else Image.fromarray(_arr)
        _im.save(_path, format="JPEG" if _name.lower().endswith((".jpg", ".jpeg")) else "PNG")
(_root / "LABELS.csv").write_text("file,label\n", encoding="utf-8")
for _r in (_root, str(_root)):
    _ref = datasets.ImageFolder(_r, transform=v2.PILToTensor())
    _ds = FolderDataset(_r, transform=v2.PILToTensor())
    assert type(_ds.classes) is list and _ds.classes == _ref.classes, "classes 가 ImageFolder 와 다릅니다 (폴더만, 정렬)"
    assert type(_ds.class_to_idx) is dict and _ds.class_to_idx == _ref.class_to_idx, "class_to_idx 가 ImageFolder 와 다릅니다"
    assert len(_ds) == len(_ref), "이미지 수가 ImageFolder 와 다릅니다 (확장자 .png/.jpg/.jpeg, 대소문자 무시)"
    for _i in range(len(_ref)):
        _x, _y = _ds[_i]
        _rx, _ry = _ref[_i]
        assert type(_y) is int and _y == _ry, "샘플의 클래스 번호나 순서가 ImageFolder 와 다릅니다"
        assert type(_x) is torch.Tensor and _x.shape == _rx.shape and torch.equal(_x, _rx), "샘플 이미지가 ImageFolder 와 다릅니다 (순서, RGB 변환, transform 확인)"
_img, _label = FolderDataset(_root)[len(_ref) - 1]
assert isinstance(_img, Image.Image) and _img.mode == "RGB", "transform 이 없으면 RGB PIL 이미지를 돌려주세요"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. 배치 증강 두 가지: 좌우 뒤집기와 잡음 (3점)
#
# 한 장씩 부르는 v2 변환과 달리, 배치 전체를 한 번에 바꾸는 증강 함수는 빠릅니다 (`helpers.train.random_shift` 가 그런 예입니다).
# 두 함수를 완성하세요. 둘 다 `x` 는 0 ~ 1 의 float 텐서 `(N, H, W)` 또는 `(N, C, H, W)` 이고, **새 텐서**를 돌려주며 `x` 는 바꾸지 않습니다.
# `p=0` 이나 `sigma=0` 처럼 값이 그대로인 경우에도 `x` 자신이나 `x` 와 메모리를 나누는 텐서(뷰)를 돌려주면 안 됩니다.
# 모양·자료형·장치는 그대로입니다. 무작위 수는 `torch.rand` / `torch.randn` 처럼 **torch 의 전역 난수 생성기**로 뽑습니다
# (NumPy 난수나 따로 만든 `torch.Generator` 는 안 됩니다): 채점은 `torch.manual_seed` 로 같은 시드를 주고 부르면 같은 결과가,
# 다른 시드를 주면 다른 결과가 나오는지 봅니다. 그래야 실험 전체를 시드 하나로 재현할 수 있습니다.
#
# - `random_hflip(x, p=0.5)`: **이미지마다 따로** 확률 `p` 로 좌우(너비 축, 마지막 축)를 뒤집습니다. `p=0` 이면 그대로, `p=1` 이면 모두 뒤집습니다.
# - `add_gaussian_noise(x, sigma)`: 픽셀마다(이미지마다, 채널마다, 위치마다 모두 **따로** 뽑은) 평균 0, 표준편차 `sigma` 인 정규분포 잡음을 더한 뒤
#   0 ~ 1 로 자릅니다(`clamp`). `sigma=0` 이면 값이 그대로입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_batch_augment", "locked": false, "schema_version": 3, "solution": true}
def random_hflip(x: torch.Tensor, p: float = 0.5) -> torch.Tensor:
    """Flip each image of the batch left-right (last axis) with probability p; a new tensor."""
    ### BEGIN SOLUTION
    flip = torch.rand(x.shape[0], device=x.device) < p
    return torch.where(flip.view(-1, *([1] * (x.ndim - 1))), x.flip(-1), x)
    ### END SOLUTION


def add_gaussian_noise(x: torch.Tensor, sigma: float) -> torch.Tensor:
    """x + sigma * standard normal noise, clamped to [0, 1]; a new tensor."""
    ### BEGIN SOLUTION
    return (x + sigma * torch.randn_like(x)).clamp(0.0, 1.0)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_batch_augment", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_x = torch.rand(4, 5, 6)
_f = random_hflip(_x, p=1.0)
assert type(_f) is torch.Tensor and _f.shape == _x.shape, "random_hflip 은 같은 모양의 텐서를 돌려주어야 합니다"
assert torch.equal(_f, _x.flip(-1)), "p=1 이면 모든 이미지가 좌우로 뒤집혀야 합니다"
_n = add_gaussian_noise(_x, 0.1)
assert type(_n) is torch.Tensor and _n.shape == _x.shape and _n.dtype == _x.dtype, "add_gaussian_noise 는 같은 모양·자료형의 텐서를 돌려주어야 합니다"
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(5)
_x = torch.rand(600, 7, 9, generator=_g)
_x0 = _x.clone()
_f = random_hflip(_x, 0.5)
assert type(_f) is torch.Tensor and _f.shape == _x0.shape and _f.dtype == _x0.dtype, "random_hflip 은 같은 모양·자료형의 텐서를 돌려주어야 합니다"
assert torch.equal(_x, _x0), "넘겨받은 x 를 바꾸면 안 됩니다"
_same = (_f == _x0).flatten(1).all(dim=1)
_flipped = (_f == _x0.flip(-1)).flatten(1).all(dim=1)
assert bool((_same | _flipped).all()), "각 이미지는 그대로이거나 좌우(마지막 축)로 뒤집힌 것이어야 합니다"
assert 0.4 < _flipped.double().mean().item() < 0.6, "p=0.5 이면 이미지마다 따로, 약 절반이 뒤집혀야 합니다"
_f4 = random_hflip(_x0[:300].reshape(300, 1, 7, 9), 0.25)
_fl4 = (_f4 == _x0[:300].reshape(300, 1, 7, 9).flip(-1)).flatten(1).all(dim=1)
assert _f4.shape == (300, 1, 7, 9) and bool(((_f4 == _x0[:300, None]).flatten(1).all(dim=1) | _fl4).all()), "(N, C, H, W) 에서도 너비 축으로 뒤집어야 합니다"
assert 0.15 < _fl4.double().mean().item() < 0.35, "p=0.25 이면 약 4분의 1 이 뒤집혀야 합니다"
_keep = random_hflip(_x0, 0.0)
assert torch.equal(_keep, _x0), "p=0 이면 값이 그대로여야 합니다"
assert _keep is not _x0 and _keep.untyped_storage().data_ptr() != _x0.untyped_storage().data_ptr(), "p=0 일 때도 x 와 메모리를 나누지 않는 새 텐서를 돌려주세요"
from grading.testkit import after_torch_seed

_h1, _h2, _h3 = (after_torch_seed(_seed, random_hflip, _x0, 0.5) for _seed in (21, 21, 22))
assert torch.equal(_h1, _h2) and not torch.equal(_h1, _h3), "random_hflip 은 torch 의 전역 난수 생성기로 뽑아야 합니다 (같은 torch.manual_seed 면 같은 결과)"
_mid = torch.full((200, 1, 28, 28), 0.5)
_n = add_gaussian_noise(_mid, 0.1)
assert type(_n) is torch.Tensor and _n.shape == _mid.shape and _n.dtype == torch.float32, "add_gaussian_noise 는 같은 모양·자료형의 텐서를 돌려주어야 합니다"
assert torch.equal(_mid, torch.full((200, 1, 28, 28), 0.5)), "넘겨받은 x 를 바꾸면 안 됩니다"
_d = (_n - 0.5).double()
assert abs(_d.mean().item()) < 0.005 and abs(_d.std().item() - 0.1) < 0.005, "잡음은 평균 0, 표준편차 sigma 인 정규분포여야 합니다"
assert abs(_d.std(dim=0).mean().item() - 0.1) < 0.01, "같은 자리의 잡음이 이미지마다 따로 뽑혀야 합니다 (이미지마다 다른 잡음)"
assert abs(_d.flatten(1).std(dim=1).mean().item() - 0.1) < 0.01, "한 이미지 안에서도 픽셀마다 따로 뽑은 잡음이어야 합니다"
assert not torch.equal(_n, add_gaussian_noise(_mid, 0.1)), "부를 때마다 다른 잡음이 나와야 합니다"
_hi = add_gaussian_noise(torch.ones(50, 8, 8), 0.3)
assert _hi.max().item() <= 1.0 and _hi.min().item() >= 0.0 and _hi.min().item() < 0.9, "결과는 0 ~ 1 로 잘라야 합니다"
_keep = add_gaussian_noise(_x0, 0.0)
assert torch.equal(_keep, _x0), "sigma=0 이면 값이 그대로여야 합니다"
assert _keep is not _x0 and _keep.untyped_storage().data_ptr() != _x0.untyped_storage().data_ptr(), "sigma=0 일 때도 x 와 메모리를 나누지 않는 새 텐서를 돌려주세요"
_n1, _n2, _n3 = (after_torch_seed(_seed, add_gaussian_noise, _mid, 0.1) for _seed in (21, 21, 22))
assert torch.equal(_n1, _n2) and not torch.equal(_n1, _n3), "add_gaussian_noise 는 torch 의 전역 난수 생성기로 뽑아야 합니다 (같은 torch.manual_seed 면 같은 결과)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 6. 실험: 어떤 증강이 어떤 상황에서 도움이 될까? (3점)
#
# 강의에서는 증강 한 가지(RandomAffine)를 변형 테스트 하나로 쟀습니다. 이번에는 증강 세 가지를 **테스트 상황 세 가지**에서 비교합니다.
# 아래 준비 셀이 MNIST 학습 이미지 앞 1000장(`x_small`, `/255` 한 float32 `(1000, 28, 28)`)과, 내 테스트 이미지로 만든 세 상황을 줍니다.
#
# - `"shifted"`: 숫자가 ±3픽셀 옮겨짐 / `"noisy"`: 강한 잡음(표준편차 0.5) / `"mirrored"`: 좌우가 뒤집힌 채로 들어옴 (거울에 비친 스캔)
#
# 할 일:
#
# 1. `train_small(x, y, augment)` 를 완성하세요. `torch.manual_seed(0)` 을 먼저 부르고, `make_mlp()` 로 모델을 만들어
#    `Adam(lr=3e-3)`, 배치 64 (에포크마다 섞기), 교차 엔트로피로 **5 에포크** 학습합니다. `augment` 가 `None` 이 아니면 학습 배치마다
#    입력에 `xb = augment(xb)` 를 적용합니다. 학습한 모델을 돌려줍니다 (CPU 에서 학습해도 됩니다).
# 2. `AUGMENTATIONS` 의 네 가지(`"none"` 포함)로 각각 학습해, 세 상황의 정확도를 `study[증강 이름][상황 이름]` (파이썬 `float`) 에 담으세요.
# 3. 상황마다 정확도가 가장 높은 증강의 이름을 `best_augmentation[상황 이름]` 에 담으세요 (`str`).
#
# 채점은 숨은 테스트가 **처음 보는 손글씨**로 같은 실험을 직접 다시 해서, 상황마다 이긴 증강이 여러분의 보고와 같은지, 그리고 그 승자의
# `study` 정확도가 다시 잰 값과 **0.15 이내**인지 봅니다 (그래서 추측이 아니라 직접 재서 보고해야 합니다). 시드, 에포크마다 섞기 같은
# 세부 조건은 결과를 재현하기 위한 권장이라 따로 검사하지 않습니다. 빼먹어도 점수는 같을 수 있지만, 다시 재도 같은 표가 나오도록 지키세요.
# 네 번의 학습은 합쳐서 몇 초면 끝납니다.

# %%
x_train_raw, y_train_np, x_test_raw, y_test_np = helpers.data.load_mnist()
x_small = torch.from_numpy(x_train_raw[:1000]).float() / 255
y_small = torch.from_numpy(y_train_np[:1000])


def make_mlp(hidden: int = 128) -> nn.Module:
    """The MLP of problems 6 and 7: Flatten, Linear(784, hidden), ReLU, Linear(hidden, 10)."""
    return nn.Sequential(nn.Flatten(), nn.Linear(784, hidden), nn.ReLU(), nn.Linear(hidden, 10))


AUGMENTATIONS = {
    "none": None,
    "hflip": lambda x: random_hflip(x, 0.5),
    "shift": lambda x: helpers.train.random_shift(x, 3),
    "noise": lambda x: add_gaussian_noise(x, 0.3),
}
_clean = torch.from_numpy(x_test_raw).float() / 255
_gen = torch.Generator().manual_seed(5)
conditions = {
    "shifted": helpers.train.random_shift(_clean, 3, generator=_gen),
    "noisy": (_clean + 0.5 * torch.randn(_clean.shape, generator=_gen)).clamp(0, 1),
    "mirrored": _clean.flip(-1),
}
y_cond = torch.from_numpy(y_test_np)
helpers.plot.show_images(torch.cat([c[:6] for c in conditions.values()]), ncols=6)
plt.show()


# %% [markdown]
# 위 그림은 줄마다 `"shifted"`, `"noisy"`, `"mirrored"` 상황의 테스트 이미지입니다. 아래 답 셀에 `train_small` 과 실험을 쓰세요.

# %% nbgrader={"grade": false, "grade_id": "ex_augmentation_study", "locked": false, "schema_version": 3, "solution": true}
def train_small(x: torch.Tensor, y: torch.Tensor, augment=None) -> nn.Module:
    """make_mlp() trained 5 epochs (seed 0, Adam 3e-3, batch 64, shuffled), augmenting each batch if given."""
    ### BEGIN SOLUTION
    torch.manual_seed(0)
    model = make_mlp()
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(5):
        model.train()
        for xb, yb in DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True):
            if augment is not None:
                xb = augment(xb)
            optimizer.zero_grad()
            loss_fn(model(xb), yb).backward()
            optimizer.step()
    return model
    ### END SOLUTION


### BEGIN SOLUTION
study = {}
for aug_name, augment in AUGMENTATIONS.items():
    trained = train_small(x_small, y_small, augment)
    study[aug_name] = {cond: (helpers.train.predict(trained, xc) == y_cond).double().mean().item()
                       for cond, xc in conditions.items()}
best_augmentation = {cond: max(study, key=lambda a: study[a][cond]) for cond in conditions}
### END SOLUTION
print("상황별 정확도:", {a: {c: f"{v:.1%}" for c, v in r.items()} for a, r in study.items()})
print("상황별 가장 도움이 된 증강:", best_augmentation)

# %% nbgrader={"grade": true, "grade_id": "test_augmentation_study", "locked": true, "points": 3, "schema_version": 3, "solution": false}
assert type(study) is dict and set(study) == set(AUGMENTATIONS), "study 의 키는 AUGMENTATIONS 의 네 이름이어야 합니다"
assert all(type(study[a]) is dict and set(study[a]) == set(conditions) for a in study), "study[증강] 의 키는 세 상황 이름이어야 합니다"
assert all(type(v) is float and 0.0 <= v <= 1.0 for a in study for v in study[a].values()), "정확도는 0 ~ 1 의 파이썬 float 이어야 합니다"
assert type(best_augmentation) is dict and set(best_augmentation) == set(conditions), "best_augmentation 의 키는 세 상황 이름이어야 합니다"
assert all(type(v) is str and v in AUGMENTATIONS for v in best_augmentation.values()), "best_augmentation 의 값은 증강 이름(str)이어야 합니다"
assert all(study[best_augmentation[c]][c] == max(study[a][c] for a in study) for c in conditions), "best_augmentation 이 study 의 가장 높은 정확도와 맞지 않습니다"
### BEGIN HIDDEN TESTS
import torch.nn.functional as _F

from grading.holdout import load_holdout

_hx, _hy = load_holdout("mnist")
_hclean = torch.from_numpy(_hx).float() / 255
_hy = torch.from_numpy(_hy)
_hg = torch.Generator().manual_seed(2024)
_hconds = {
    "shifted": helpers.train.random_shift(_hclean, 3, generator=_hg),
    "noisy": (_hclean + 0.5 * torch.randn(_hclean.shape, generator=_hg)).clamp(0, 1),
    "mirrored": _hclean.flip(-1),
}
_xr, _yr, _, _ = helpers.data.load_mnist()
_xs, _ys = torch.from_numpy(_xr[:1000]).float() / 255, torch.from_numpy(_yr[:1000])


def _judge_aug(name, xb):
    if name == "hflip":
        return torch.where((torch.rand(len(xb)) < 0.5)[:, None, None], xb.flip(-1), xb)
    if name == "shift":
        return helpers.train.random_shift(xb, 3)
    if name == "noise":
        return (xb + 0.3 * torch.randn_like(xb)).clamp(0, 1)
    return xb


_measured = {}
for _name in ("none", "hflip", "shift", "noise"):
    torch.manual_seed(11)
    _net = nn.Sequential(nn.Flatten(), nn.Linear(784, 128), nn.ReLU(), nn.Linear(128, 10))
    _opt = torch.optim.Adam(_net.parameters(), lr=3e-3)
    for _ep in range(5):
        _perm = torch.randperm(1000)
        for _i in range(0, 1000, 64):
            _idx = _perm[_i:_i + 64]
            _loss = _F.cross_entropy(_net(_judge_aug(_name, _xs[_idx])), _ys[_idx])
            _opt.zero_grad()
            _loss.backward()
            _opt.step()
    with torch.no_grad():
        _measured[_name] = {_c: (_net(_xc).argmax(dim=1) == _hy).double().mean().item() for _c, _xc in _hconds.items()}
for _c in _hconds:
    _winner = max(_measured, key=lambda _a: _measured[_a][_c])
    assert best_augmentation[_c] == _winner, "다시 잰 실험에서 어떤 상황의 승자가 보고와 다릅니다. study 를 직접 재서 고르세요"
    assert abs(study[_winner][_c] - _measured[_winner][_c]) < 0.15, "study 의 정확도가 같은 조건으로 다시 잰 값과 너무 다릅니다 (학습 조건을 확인하세요)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 7. 기울고 옮겨진 손글씨에도 견고한 모델 (5점)
#
# `train_robust(x_train, y_train, device)` 는 원본 학습 이미지(`uint8` `(N, 28, 28)`, 여기서는 8000장)와 정답(`int64` `(N,)`)으로 모델을 학습해,
# **`device` 위의 학습된 모델**을 돌려줍니다.
#
# - 채점 때 모델에 넣는 입력은 `/255` 만 한 float32 `(N, 28, 28)` 이고 (표준화 없음), 출력은 로짓 `(N, 10)` 입니다. 학습도 같은 입력으로 하세요.
#   채점은 아래 정확도로만 합니다: 다른 입력으로 학습해도 이 입력에서 기준을 넘으면 점수를 받지만, 보통은 정확도가 떨어집니다. 모델은 `make_mlp` 의 MLP 를 씁니다
#   (`hidden` 은 바꿔도 됩니다; 합성곱 층은 다음 단원에서 배웁니다).
# - 예산: 학습 데이터 전체를 **10 에포크 이하**로 돕니다. 이 과정의 2코어 CPU 에서 약 10초면 충분합니다. 채점은 시간이 아니라 정확도로 합니다.
# - 채점: 숨은 테스트가 **처음 보는 손글씨 1000장**을 `v2.RandomAffine(degrees=15, translate=(0.12, 0.12), scale=(0.9, 1.1))` 로
#   한 장씩 한 번 변형한 **변형 테스트 세트**(시드 고정)에서 정확도 **80% 이상**, 변형하지 않은 같은 이미지에서 **90% 이상**을 봅니다.
#   강의에서 보았듯이 증강 없이 학습한 MLP 는 변형 테스트에서 50% 에도 못 미칩니다.
# - 아래 `perturb_digits` 로 내 테스트 이미지에서 미리 확인할 수 있습니다.
# - 테스트 데이터로 학습하지 마세요. 넘겨받은 배열을 바꾸지 마세요.
#
# 힌트: v2 변환을 **배치 텐서** `(B, 1, 28, 28)` 에 한 번 부르면 배치 전체에 **같은** 무작위 값이 쓰입니다 (한 장씩 부르는 것보다 훨씬 빠르고,
# 배치마다 달라지니 증강 효과도 대부분 남습니다). 이 배치 방식이 의도한 풀이입니다 (약 10초). 강의처럼 `Dataset` 의 변환으로 샘플마다 따로
# 부르면 10 에포크에 수 분이 걸려, 채점의 셀 시간 제한(300초)을 넘길 수 있습니다.

# %%
def perturb_digits(images_uint8: np.ndarray, seed: int = 0) -> torch.Tensor:
    """The perturbed test set of problem 7: one fixed random affine per image; float32 (N, 28, 28) in [0, 1]."""
    torch.manual_seed(seed)
    affine = v2.RandomAffine(degrees=15, translate=(0.12, 0.12), scale=(0.9, 1.1))
    return torch.stack([affine(img) for img in torch.from_numpy(images_uint8)[:, None]])[:, 0].float() / 255


x_test_perturbed = perturb_digits(x_test_raw, seed=1)
helpers.plot.show_images(x_test_perturbed[:8], labels=y_test_np[:8], ncols=8)
plt.show()


# %% [markdown]
# 위 그림이 변형 테스트 세트의 예입니다 (내 테스트 이미지, 시드 1). 아래 답 셀에 `train_robust` 를 쓰세요.

# %% nbgrader={"grade": false, "grade_id": "ex_train_robust", "locked": false, "schema_version": 3, "solution": true}
def train_robust(x_train: np.ndarray, y_train: np.ndarray, device: torch.device) -> nn.Module:
    """An MLP on /255 inputs (N, 28, 28), trained with affine augmentation; returned on `device`."""
    ### BEGIN SOLUTION
    x = torch.from_numpy(x_train).float()[:, None] / 255        # (N, 1, 28, 28): v2 sees a batch of images
    y = torch.from_numpy(y_train).long()
    loader = DataLoader(TensorDataset(x, y), batch_size=64, shuffle=True)
    affine = v2.RandomAffine(degrees=15, translate=(0.12, 0.12), scale=(0.9, 1.1))
    model = make_mlp(256).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    helpers.train.fit(model, loader, nn.CrossEntropyLoss(), optimizer, epochs=8, device=device,
                      augment=lambda xb: affine(xb))
    return model
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_train_robust", "locked": true, "points": 5, "schema_version": 3, "solution": false}
_x_tr, _y_tr = x_train_raw.copy(), y_train_np.copy()
torch.manual_seed(0)
_t0 = time.process_time()
robust_model = train_robust(_x_tr, _y_tr, device)
_cpu = time.process_time() - _t0
assert isinstance(robust_model, nn.Module), "학습한 모델(nn.Module)을 돌려주세요"
robust_model.eval()
with torch.no_grad():
    _acc_clean = (robust_model(torch.from_numpy(x_test_raw).float().to(device) / 255).argmax(dim=1).cpu() == torch.from_numpy(y_test_np)).double().mean().item()
    _acc_pert = (robust_model(x_test_perturbed.to(device)).argmax(dim=1).cpu() == torch.from_numpy(y_test_np)).double().mean().item()
print(f"내 테스트: 깨끗한 {_acc_clean:.1%}, 변형 {_acc_pert:.1%}")
assert np.array_equal(_x_tr, x_train_raw) and np.array_equal(_y_tr, y_train_np), "넘겨받은 배열을 바꾸면 안 됩니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

_hx, _hy = load_holdout("mnist")
torch.manual_seed(31337)
_aff = v2.RandomAffine(degrees=15, translate=(0.12, 0.12), scale=(0.9, 1.1))
_hpert = torch.stack([_aff(_im) for _im in torch.from_numpy(_hx)[:, None]])[:, 0].float() / 255
_hclean = torch.from_numpy(_hx).float() / 255
assert all(p.device.type == device.type for p in robust_model.parameters()), "학습한 모델은 device 에 있어야 합니다"
robust_model.eval()
_right_clean, _right_pert = 0, 0
with torch.no_grad():
    for _i in range(0, len(_hy), 250):
        _yb = torch.from_numpy(_hy[_i:_i + 250])
        _right_clean += int((robust_model(_hclean[_i:_i + 250].to(device)).argmax(dim=1).cpu() == _yb).sum())
        _right_pert += int((robust_model(_hpert[_i:_i + 250].to(device)).argmax(dim=1).cpu() == _yb).sum())
assert _right_clean / len(_hy) >= 0.90, "처음 보는 손글씨(변형 없음)에서 정확도가 90% 에 못 미칩니다"
assert _right_pert / len(_hy) >= 0.80, "처음 보는 손글씨의 변형 테스트 세트에서 정확도가 80% 에 못 미칩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 📝 요약 (스스로 답해 보세요)
#
# 1. 채널별 통계는 채널 축을 맨 뒤로 옮긴 뒤(`np.moveaxis`) 나머지 축을 모두 모아 구합니다. 이미지마다 구해 평균 내면 다른 값이 되고,
#    작은 정수형으로 더하면 넘칩니다.
# 2. 평가용 변환은 무작위 없이, 학습용과 같은 텐서 변환과 표준화를 합니다. 크기가 다른 사진은 비율을 지켜 줄이고 가운데를 잘라 맞춥니다.
# 3. `ImageFolder` 는 폴더 이름을 정렬해 번호를 매깁니다. 정렬하지 않으면 컴퓨터마다 번호가 달라질 수 있습니다.
# 4. 문제 6 의 표에서, 각 증강은 자기가 흉내 낸 변화가 테스트에 있을 때만 크게 도움이 되었나요? 깨끗한 데이터에서는 어땠을지 생각해 보세요.
#    좌우 뒤집기는 거울에 비친 숫자에서만 이겼습니다. 숫자는 뒤집으면 다른 글자처럼 보이기도 해서(위 그림의 5 → 2) 보통은 쓰지 않습니다.
# 5. 문제 7 에서 증강 없이 학습했다면 변형 테스트 정확도는 얼마였을까요? 직접 `augment` 를 빼고 재 보세요.

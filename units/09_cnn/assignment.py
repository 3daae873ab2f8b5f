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
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

import helpers

device = helpers.setup(seed=0)


# %% [markdown]
# ## 🎯 학습 목표
#
# - 합성곱 층의 출력 크기를 커널·스트라이드·패딩·팽창(dilation)으로 계산한다.
# - 여러 채널·배치·스트라이드·패딩을 다루는 합성곱과 최대 풀링을 `F.conv2d`, `F.max_pool2d` 없이 직접 계산한다.
# - 흑백 28×28 과 컬러 32×32 입력 모두에서 동작하는 작은 CNN 과, 채널 수가 바뀌어도 동작하는 잔차 블록을 만든다.
# - 합성곱을 쌓을 때 수용 영역(receptive field)이 어떻게 넓어지는지 기울기로 재고, 풀링이 그것을 얼마나 앞당기는지 보고한다.
# - Fashion-MNIST 로 작은 CNN 을 3 에포크 학습해 처음 보는 이미지에서 정확도를 낸다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 출력 크기 공식에서 나눗셈을 내림(floor)으로 하는 이유는? 팽창은 커널을 얼마나 "넓히는가"?
# 2. `F.conv2d` 는 커널을 뒤집을까? 입력 채널이 여러 개이면 합성곱 한 번의 결과는 몇 개의 곱을 더한 값일까?
# 3. 28×28 흑백용으로 만든 CNN 이 3×32×32 컬러 이미지에서 깨지는 곳은 어디일까?
# 4. 잔차 블록에서 채널 수나 크기가 바뀌면 지름길(shortcut)에는 무엇이 필요할까?
# 5. 3×3 합성곱만 쌓으면 출력 한 칸이 28×28 전체를 보려면 몇 층이 필요하고, 풀링을 넣으면 몇 블록이면 될까?

# %% [markdown]
# ## 과제 안내
#
# 강의 노트북 `09_cnn` 은 흑백 MNIST 한 채널, 스트라이드 1 의 합성곱을 다뤘습니다. 여기서는 같은 생각을 여러 채널·배치·
# 스트라이드·패딩·팽창, 컬러 이미지, 채널 수가 바뀌는 잔차 블록으로 넓힙니다. 문제마다 답 셀의 `raise NotImplementedError()` 를
# 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `conv_out_size` 출력 크기 공식 (팽창 포함) | 2 |
# | 2 | `conv2d_naive` 여러 채널 합성곱 (스트라이드, 패딩, 편향) | 3 |
# | 3 | `maxpool2d_naive` 최대 풀링 (겹치는 창, 남는 가장자리) | 2 |
# | 4 | `SmallCNN` 1×28×28 과 3×32×32 모두에서 동작하는 CNN | 3 |
# | 5 | `ResidualBlock` 투영 지름길이 있는 잔차 블록 | 3 |
# | 6 | 실험: `receptive_field` 와 보고값 `PLAIN_LAYERS`, `POOLED_BLOCKS` | 3 |
# | 7 | `train_fashion` 처음 보는 Fashion-MNIST 이미지에서 정확도 85% | 4 |
#
# - 보이는 테스트는 모양과 자료형 같은 형식을 확인합니다. 채점 때는 새 입력과 경계 경우를 확인하는 숨은 테스트가 더 실행됩니다.
# - 문제 2, 3 은 합성곱과 풀링을 **직접** 계산해 보는 문제입니다. 답에 합성곱·최대 풀링을 계산하는 라이브러리 연산을
#   쓰지 마세요: `F.conv2d`, `nn.Conv2d`, `torch.conv2d`, `torch.convolution`, `F.max_pool2d`, `nn.MaxPool2d`,
#   `F.max_pool2d_with_indices` … 어떤 경로로 부르든(`getattr` 등) 모두 안 됩니다 (확인 셀에서 비교할 때만 씁니다). 숨은 테스트가
#   함수가 실행한 연산을 기록해 확인합니다. `F.pad`, `Tensor.unfold`, `F.unfold`, `torch.einsum`, 행렬 곱, `amax`/`max`, 반복문은 써도 됩니다.
# - 모든 계산은 `device` 에서 합니다 (`COURSE_DEVICE=cuda` 로 GPU 에서도 돌아가야 합니다).

# %% [markdown]
# ## 문제 1. 출력 크기 계산 (2점)
#
# 강의에서는 `출력 = ⌊(입력 + 2·패딩 − 커널) / 스트라이드⌋ + 1` 을 썼습니다. **팽창(dilation)** $d$ 는 커널의 칸 사이를
# $d-1$ 칸씩 벌립니다. 크기 $k$ 인 커널이 팽창 $d$ 로 실제로 덮는 폭은 $d\,(k-1) + 1$ 입니다 (예: $k=3, d=2$ 이면 5칸 폭에서
# 1, 3, 5 번째 칸만 봅니다). 그래서 일반식은
#
# $$\text{out} = \left\lfloor \frac{\text{size} + 2p - d\,(k-1) - 1}{s} \right\rfloor + 1$$
#
# 입니다. `conv_out_size(size, kernel, stride=1, padding=0, dilation=1)` 을 완성하세요.
#
# - 인자는 모두 파이썬 `int` (한 축의 크기). `size ≥ 1`, `kernel ≥ 1`, `stride ≥ 1`, `padding ≥ 0`, `dilation ≥ 1`.
# - 반환: 출력 크기, **파이썬 `int`**. `nn.Conv2d` 와 `nn.MaxPool2d` (기본 `ceil_mode=False`) 가 내는 크기와 같아야 합니다.
# - 패딩을 더한 입력이 (팽창한) 커널보다 작아 출력이 1 칸도 안 나오면 `ValueError` 를 일으키세요.

# %% nbgrader={"grade": false, "grade_id": "ex_conv_out_size", "locked": false, "schema_version": 3, "solution": true}
def conv_out_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """Output length of a convolution/pooling along one axis (floor division, like nn.Conv2d)."""
    ### BEGIN SOLUTION
    span = dilation * (kernel - 1) + 1
    if size + 2 * padding < span:
        raise ValueError("패딩을 더한 입력이 커널보다 작습니다")
    return (size + 2 * padding - span) // stride + 1
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_conv_out_size", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_o = conv_out_size(28, 3, padding=1)
assert type(_o) is int, "반환값은 파이썬 int 여야 합니다"
assert _o == 28, "28×28 에 3×3 커널, 패딩 1 이면 크기가 그대로여야 합니다"
assert conv_out_size(28, 2, stride=2) == 14, "2×2 풀링(스트라이드 2)은 크기를 절반으로 줄입니다"
### BEGIN HIDDEN TESTS
_cases = [(28, 3, 1, 0, 1), (28, 5, 1, 2, 1), (32, 3, 2, 1, 1), (7, 3, 2, 0, 1), (6, 3, 2, 0, 1), (15, 4, 3, 1, 1),
          (28, 3, 1, 2, 2), (28, 3, 1, 0, 3), (9, 3, 1, 0, 4), (224, 11, 4, 2, 1), (13, 3, 2, 0, 1), (1, 1, 1, 0, 1),
          (5, 5, 1, 0, 1), (10, 2, 3, 0, 2), (3, 1, 5, 0, 1), (17, 7, 2, 3, 2), (2, 3, 1, 1, 1), (4, 3, 2, 2, 3)]
for _size, _k, _s, _p, _d in _cases:
    _got = conv_out_size(_size, _k, stride=_s, padding=_p, dilation=_d)
    _want = F.conv2d(torch.empty(1, 1, _size, _size, device="meta"), torch.empty(1, 1, _k, _k, device="meta"),
                     stride=_s, padding=_p, dilation=_d).shape[-1]
    assert type(_got) is int, "반환값은 파이썬 int 여야 합니다"
    assert _got == _want, f"size={_size}, kernel={_k}, stride={_s}, padding={_p}, dilation={_d} 에서 크기가 다릅니다"
assert conv_out_size(28, 3) == 26 and conv_out_size(28, 3, 1, 0) == 26, "기본값(stride=1, padding=0, dilation=1)을 확인하세요"
for _bad in [(2, 3, 1, 0, 1), (4, 3, 1, 0, 2), (1, 2, 1, 0, 1), (3, 5, 2, 0, 1), (2, 3, 2, 0, 1), (3, 5, 3, 0, 1),
             (4, 3, 2, 0, 3)]:
    _raised = False
    try:
        conv_out_size(*_bad)
    except ValueError:
        _raised = True
    assert _raised, f"출력이 1 칸도 나오지 않는 경우 {_bad} 에 ValueError 를 일으켜야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 여러 채널 합성곱을 직접 계산하기 (3점)
#
# 강의에서는 흑백 이미지 한 장에 3×3 커널 하나를 스트라이드 1 로 밀었습니다. 이제 `F.conv2d` 와 같은 일을 모두 합니다.
#
# `conv2d_naive(x, weight, bias=None, stride=1, padding=0)`:
#
# - `x`: `(N, C_in, H, W)` float32. `weight`: `(C_out, C_in, kH, kW)` float32 (정사각형이 아닐 수도 있습니다). `bias`: `(C_out,)` 또는 `None`.
# - `stride`, `padding`: 파이썬 `int`, 높이·너비에 똑같이 씁니다. 패딩은 네 변에 0 을 `padding` 칸씩 두릅니다.
# - 반환: `(N, C_out, H_out, W_out)` float32 텐서. 출력 채널 `o`, 위치 `(i, j)` 의 값은
#   $\sum_{c}\sum_{u}\sum_{v} x_{\text{pad}}[n, c, i\cdot s + u, j\cdot s + v]\;\cdot\;w[o, c, u, v] + b[o]$ 입니다.
#   모든 입력 채널의 곱을 **더해** 출력 채널 하나를 만듭니다. 커널은 뒤집지 않습니다 (교차 상관, `F.conv2d` 와 같게).
# - 입력 텐서를 바꾸지 마세요. 결과는 `x` 와 같은 장치에 둡니다.

# %% nbgrader={"grade": false, "grade_id": "ex_conv2d_naive", "locked": false, "schema_version": 3, "solution": true}
def conv2d_naive(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                 stride: int = 1, padding: int = 0) -> torch.Tensor:
    """Cross-correlation of a batch (N, C_in, H, W) with weight (C_out, C_in, kH, kW), like F.conv2d."""
    ### BEGIN SOLUTION
    kh, kw = weight.shape[-2:]
    xp = F.pad(x, (padding, padding, padding, padding))
    patches = xp.unfold(2, kh, stride).unfold(3, kw, stride)        # (N, C_in, H_out, W_out, kH, kW)
    out = torch.einsum("nchwuv,ocuv->nohw", patches, weight)
    if bias is not None:
        out = out + bias[None, :, None, None]
    return out
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_conv2d_naive", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_x = torch.arange(16, dtype=torch.float32).reshape(1, 1, 4, 4)
_w = torch.ones(1, 1, 2, 2)
_out = conv2d_naive(_x, _w)
assert type(_out) is torch.Tensor, "torch.Tensor 를 돌려주세요"
assert _out.shape == (1, 1, 3, 3), "4×4 입력에 2×2 커널이면 출력은 3×3 입니다"
assert torch.allclose(_out, F.conv2d(_x, _w)), "작은 예에서 F.conv2d 와 값이 다릅니다"
### BEGIN HIDDEN TESTS
from grading.testkit import aten_ops

_BANNED = ("aten.convolution", "aten._convolution", "aten.conv", "aten.mkldnn", "aten._mkldnn", "aten.cudnn",
           "aten.miopen", "aten.thnn_conv", "aten.slow_conv", "aten._slow_conv", "aten._nnpack", "aten.quantized")
_g = torch.Generator().manual_seed(9)
for _n, _cin, _h, _wd, _cout, _kh, _kw, _s, _p, _use_b in [
        (2, 3, 9, 11, 4, 3, 3, 1, 0, True), (2, 3, 9, 11, 4, 3, 3, 2, 1, True), (1, 2, 8, 8, 5, 3, 2, 1, 1, False),
        (3, 4, 7, 10, 2, 1, 1, 1, 0, True), (1, 1, 12, 12, 3, 5, 5, 3, 2, True), (2, 2, 6, 5, 1, 2, 4, 2, 0, False)]:
    _x = torch.randn(_n, _cin, _h, _wd, generator=_g).to(device)
    _w = torch.randn(_cout, _cin, _kh, _kw, generator=_g).to(device)
    _b = torch.randn(_cout, generator=_g).to(device) if _use_b else None
    _x0, _w0 = _x.clone(), _w.clone()
    _out, _ops = aten_ops(conv2d_naive, _x, _w, _b, stride=_s, padding=_p)
    assert not [o for o in _ops if o.startswith(_BANNED)], "합성곱을 계산하는 라이브러리 연산(F.conv2d, nn.Conv2d, torch.convolution 등)을 쓰지 말고 직접 계산하세요"
    _want = F.conv2d(_x0, _w0, _b, stride=_s, padding=_p)
    assert type(_out) is torch.Tensor and _out.dtype == torch.float32, "float32 텐서를 돌려주세요"
    assert _out.shape == _want.shape, f"출력 모양이 다릅니다 (C_in={_cin}, 커널 {_kh}×{_kw}, stride={_s}, padding={_p})"
    assert _out.device.type == device.type, "결과는 입력과 같은 장치에 있어야 합니다"
    assert torch.allclose(_out, _want, atol=1e-4), f"값이 F.conv2d 와 다릅니다 (C_in={_cin}, 커널 {_kh}×{_kw}, stride={_s}, padding={_p}, 편향 {'있음' if _use_b else '없음'})"
    assert torch.equal(_x, _x0) and torch.equal(_w, _w0), "입력 텐서를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# 확인 셀 (채점하지 않음): Fashion-MNIST 이미지 두 장을 3 채널로 만들어 임의의 커널로 비교합니다.

# %%
fashion = helpers.data.load_fashion_mnist()
demo = torch.tensor(fashion.x_train[:2], dtype=torch.float32)[:, None] / 255
demo_rgb = torch.cat([demo, demo.flip(-1), demo.transpose(-1, -2)], dim=1)      # (2, 3, 28, 28)
w_demo = torch.randn(4, 3, 3, 3)
mine = conv2d_naive(demo_rgb, w_demo, torch.zeros(4), stride=2, padding=1)
print("내 합성곱:", tuple(mine.shape), "| F.conv2d 와 최대 차이:",
      f"{(mine - F.conv2d(demo_rgb, w_demo, torch.zeros(4), stride=2, padding=1)).abs().max():.2e}")


# %% [markdown]
# ## 문제 3. 최대 풀링을 직접 계산하기 (2점)
#
# `maxpool2d_naive(x, kernel_size, stride=None)` 는 `F.max_pool2d(x, kernel_size, stride)` 와 같은 값을 돌려줍니다.
#
# - `x`: `(N, C, H, W)` float32. 채널마다 따로, `kernel_size × kernel_size` 창 안의 최댓값을 고릅니다 (채널끼리 섞지 않습니다).
# - `stride` 가 `None` 이면 `kernel_size` 와 같습니다. 창이 겹칠 수도 있습니다 (예: AlexNet 의 3×3 창, 스트라이드 2).
# - 패딩은 없고, 창이 다 들어가지 않는 오른쪽·아래 가장자리는 버립니다 (출력 크기는 문제 1 의 공식, 내림).
# - 반환: `(N, C, H_out, W_out)` float32 텐서. 입력을 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_maxpool2d_naive", "locked": false, "schema_version": 3, "solution": true}
def maxpool2d_naive(x: torch.Tensor, kernel_size: int, stride: int | None = None) -> torch.Tensor:
    """Max over each kernel_size×kernel_size window per channel (no padding, floor), like F.max_pool2d."""
    ### BEGIN SOLUTION
    if stride is None:
        stride = kernel_size
    windows = x.unfold(2, kernel_size, stride).unfold(3, kernel_size, stride)    # (N, C, H_out, W_out, k, k)
    return windows.amax(dim=(-2, -1))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_maxpool2d_naive", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_x = torch.tensor([[[[1.0, 2.0, 5.0, 0.0], [3.0, 4.0, 1.0, 1.0], [0.0, 0.0, 7.0, 8.0], [9.0, 0.0, 6.0, 2.0]]]])
_out = maxpool2d_naive(_x, 2)
assert type(_out) is torch.Tensor, "torch.Tensor 를 돌려주세요"
assert _out.shape == (1, 1, 2, 2), "4×4 를 2×2 창으로 풀링하면 2×2 입니다"
assert torch.equal(_out, torch.tensor([[[[4.0, 5.0], [9.0, 8.0]]]])), "작은 예에서 값이 다릅니다"
### BEGIN HIDDEN TESTS
from grading.testkit import aten_ops

_BANNED = ("aten.max_pool", "aten.adaptive_max_pool", "aten.fractional_max_pool", "aten.mkldnn", "aten._mkldnn",
           "aten.quantized", "aten.cudnn", "aten.miopen", "aten.convolution", "aten._convolution")
_g = torch.Generator().manual_seed(13)
for _shape, _k, _s in [((2, 3, 8, 8), 2, None), ((2, 3, 9, 7), 2, None), ((1, 4, 13, 13), 3, 2), ((3, 2, 10, 11), 3, None),
                       ((2, 5, 6, 9), 2, 1), ((1, 1, 5, 5), 5, None), ((2, 2, 12, 12), 4, 3)]:
    _x = torch.randn(*_shape, generator=_g).to(device)
    _x0 = _x.clone()
    _out, _ops = aten_ops(maxpool2d_naive, _x, _k) if _s is None else aten_ops(maxpool2d_naive, _x, _k, _s)
    assert not [o for o in _ops if o.startswith(_BANNED)], "최대 풀링을 계산하는 라이브러리 연산(F.max_pool2d, nn.MaxPool2d 등)을 쓰지 말고 직접 계산하세요"
    _want = F.max_pool2d(_x0, _k, _s)
    assert type(_out) is torch.Tensor and _out.dtype == torch.float32, "float32 텐서를 돌려주세요"
    assert _out.shape == _want.shape, f"입력 {_shape}, 창 {_k}, stride {_s} 에서 출력 모양이 다릅니다"
    assert torch.equal(_out, _want), f"입력 {_shape}, 창 {_k}, stride {_s} 에서 값이 다릅니다"
    assert torch.equal(_x, _x0), "입력 텐서를 바꾸면 안 됩니다"
_neg = -torch.rand(1, 2, 4, 4, generator=_g).to(device) - 1
assert torch.equal(maxpool2d_naive(_neg, 2), F.max_pool2d(_neg, 2)), "모든 값이 음수일 때도 최댓값을 골라야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. 흑백과 컬러 모두에서 동작하는 작은 CNN (3점)
#
# 강의의 CNN 은 1×28×28 전용이었습니다 (첫 층의 입력 채널 1, `Linear(32 * 7 * 7, …)`). `SmallCNN(in_channels, num_classes,
# image_size)` 는 `(N, in_channels, image_size, image_size)` 이미지를 받아 `(N, num_classes)` **로짓**을 돌려줍니다.
#
# 구조 (강의와 같은 생각):
#
# 1. 블록 두 개: `Conv2d(3×3, padding=1)` → `BatchNorm2d` → `ReLU` → `MaxPool2d(2)`. 첫 블록의 출력 채널은 16, 둘째는 32 를 권합니다.
#    첫 합성곱의 입력 채널은 `in_channels` 입니다.
# 2. `Flatten` → (은닉 `Linear` + `ReLU` 를 하나 더 두어도 됩니다) → `Linear(…, num_classes)`. 마지막 층 뒤에 softmax 를 두지 마세요.
#
# 조건 (숨은 테스트가 확인합니다):
#
# - `image_size` 는 4 의 배수입니다 (28, 32, 36, …). 펴진 특성의 수는 `image_size` 로 계산하세요
#   (`nn.LazyLinear` 나 `nn.AdaptiveAvgPool2d` 를 써도 됩니다).
# - `nn.Conv2d` 2개 이상, `nn.BatchNorm2d` 1개 이상, `nn.MaxPool2d` 1개 이상을 쓰고, 매개변수는 `image_size ≤ 32` 에서 **300,000개 이하**입니다.
# - 평가 모드(`eval()`)에서는 이미지마다 결과가 배치의 다른 이미지와 상관없어야 합니다 (배치 정규화가 이동 평균을 씁니다).
# - 로짓은 입력 이미지로 계산해야 합니다: 다른 이미지는 (무작위 초기화 그대로여도) 다른 로짓을 냅니다.
# - 문제 7 에서 이 모델을 `SmallCNN(1, 10, 28)` 로 학습합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_small_cnn", "locked": false, "schema_version": 3, "solution": true}
class SmallCNN(nn.Module):
    """Two (Conv3x3-BN-ReLU-MaxPool2) blocks, then Flatten and a Linear layer to num_classes logits."""

    def __init__(self, in_channels: int = 1, num_classes: int = 10, image_size: int = 28):
        super().__init__()
        ### BEGIN SOLUTION
        self.features = nn.Sequential(
            nn.Conv2d(in_channels, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        )
        side = image_size // 4
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(32 * side * side, num_classes))
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        ### BEGIN SOLUTION
        return self.head(self.features(x))
        ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_small_cnn", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_net = SmallCNN(1, 10, 28)
assert isinstance(_net, nn.Module), "SmallCNN 은 nn.Module 을 상속해야 합니다"
_out = _net(torch.rand(4, 1, 28, 28))
assert type(_out) is torch.Tensor and _out.shape == (4, 10), "1×28×28 입력 4장의 출력은 (4, 10) 이어야 합니다"
_out = SmallCNN(3, 10, 32)(torch.rand(2, 3, 32, 32))
assert type(_out) is torch.Tensor and _out.shape == (2, 10), "3×32×32 입력 2장의 출력은 (2, 10) 이어야 합니다"
### BEGIN HIDDEN TESTS
from grading.testkit import grads_reach_all

torch.manual_seed(5)
for _cin, _ncls, _size in [(1, 10, 28), (3, 10, 32), (3, 7, 36), (2, 4, 16)]:
    _net = SmallCNN(_cin, _ncls, _size).to(device)
    _x = torch.rand(6, _cin, _size, _size, device=device)
    _net.train()
    _out = _net(_x)
    assert type(_out) is torch.Tensor and _out.shape == (6, _ncls), f"입력 {_cin}×{_size}×{_size}, 클래스 {_ncls} 에서 출력 모양이 다릅니다"
    assert _out.dtype == torch.float32 and _out.device.type == device.type, "출력은 device 위의 float32 텐서여야 합니다"
    assert not torch.allclose(_out.detach().sum(dim=1), torch.ones(6, device=device), atol=1e-3), "출력은 softmax 확률이 아니라 로짓이어야 합니다"
    _mods = list(_net.modules())
    _convs = [m for m in _mods if type(m) is nn.Conv2d]
    assert len(_convs) >= 2, "nn.Conv2d 를 2개 이상 써야 합니다"
    assert sum(type(m) is nn.BatchNorm2d for m in _mods) >= 1, "nn.BatchNorm2d 를 써야 합니다"
    assert sum(type(m) is nn.MaxPool2d for m in _mods) >= 1, "nn.MaxPool2d 를 써야 합니다"
    assert any(c.in_channels == _cin for c in _convs), "첫 합성곱의 입력 채널은 in_channels 여야 합니다"
    if _size <= 32:
        assert sum(p.numel() for p in _net.parameters()) <= 300_000, "매개변수가 300,000개를 넘습니다"
    _net.eval()
    with torch.no_grad():
        _all = _net(_x)
        _two = _net(_x[:2])
    assert torch.allclose(_all[:2], _two, atol=1e-5), "평가 모드에서 이미지의 결과가 배치의 다른 이미지에 따라 달라집니다"
    _gaps = (_all[1:] - _all[:1]).abs().amax(dim=1)
    assert bool((_gaps > 1e-6).all()), "서로 다른 입력 이미지가 같은 로짓을 냅니다: 로짓을 입력으로 계산하세요"
    assert grads_reach_all(_net, _x), "모든 매개변수로 기울기가 흘러야 합니다"
_one = SmallCNN(3, 10, 32).to(device).eval()
with torch.no_grad():
    assert _one(torch.rand(1, 3, 32, 32, device=device)).shape == (1, 10), "평가 모드에서 이미지 한 장도 처리해야 합니다"
_a, _b = SmallCNN(1, 10, 28), SmallCNN(1, 10, 28)
assert not any(p is q for p in _a.parameters() for q in _b.parameters()), "모델마다 자기 층을 가져야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. 잔차 블록 (3점)
#
# 강의의 잔차 블록은 채널 수와 크기가 그대로인 $y = \mathrm{ReLU}(F(x) + x)$ 였습니다. 채널 수가 바뀌거나(`c_in ≠ c_out`)
# 스트라이드 2 로 크기가 줄면 $F(x)$ 와 $x$ 의 모양이 달라 더할 수 없습니다. 그때는 지름길(shortcut)에 **1×1 합성곱**
# (같은 스트라이드) 과 배치 정규화를 두어 모양을 맞춥니다 (투영 지름길, projection shortcut).
#
# `ResidualBlock(c_in, c_out, stride=1)` 은 아래 이름의 속성을 가져야 합니다 (숨은 테스트가 이 이름으로 층을 읽어 결과를 다시 계산합니다):
#
# | 속성 | 층 |
# |---|---|
# | `conv1` | `nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False)` |
# | `bn1` | `nn.BatchNorm2d(c_out)` |
# | `conv2` | `nn.Conv2d(c_out, c_out, 3, stride=1, padding=1, bias=False)` |
# | `bn2` | `nn.BatchNorm2d(c_out)` |
# | `shortcut` | `stride == 1` 이고 `c_in == c_out` 이면 입력을 그대로 돌려주는 모듈 (`nn.Identity()` 또는 빈 `nn.Sequential()`), 아니면 `nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=stride, bias=False), nn.BatchNorm2d(c_out))` |
#
# `forward(x)` = $\mathrm{ReLU}\big(\mathrm{bn2}(\mathrm{conv2}(\mathrm{ReLU}(\mathrm{bn1}(\mathrm{conv1}(x))))) + \mathrm{shortcut}(x)\big)$.
# 마지막 ReLU 는 **더한 뒤에** 한 번 적용합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_residual_block", "locked": false, "schema_version": 3, "solution": true}
class ResidualBlock(nn.Module):
    """ReLU(BN(conv(ReLU(BN(conv(x))))) + shortcut(x)); a 1x1 conv + BN shortcut when the shape changes."""

    def __init__(self, c_in: int, c_out: int, stride: int = 1):
        super().__init__()
        ### BEGIN SOLUTION
        self.conv1 = nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, 3, stride=1, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        if stride == 1 and c_in == c_out:
            self.shortcut = nn.Identity()
        else:
            self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, 1, stride=stride, bias=False), nn.BatchNorm2d(c_out))
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        ### BEGIN SOLUTION
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return torch.relu(out + self.shortcut(x))
        ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_residual_block", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_blk = ResidualBlock(8, 8)
assert isinstance(_blk, nn.Module), "ResidualBlock 은 nn.Module 을 상속해야 합니다"
_out = _blk(torch.randn(2, 8, 10, 10))
assert type(_out) is torch.Tensor and _out.shape == (2, 8, 10, 10), "채널·크기가 그대로인 블록의 출력 모양이 다릅니다"
_out = ResidualBlock(8, 16, stride=2)(torch.randn(2, 8, 10, 10))
assert type(_out) is torch.Tensor and _out.shape == (2, 16, 5, 5), "c_out=16, stride=2 블록의 출력은 (2, 16, 5, 5) 여야 합니다"
### BEGIN HIDDEN TESTS
from grading.testkit import grads_reach_all

torch.manual_seed(6)
for _ci, _co, _s, _hw in [(8, 8, 1, 9), (4, 12, 1, 8), (6, 6, 2, 11), (5, 10, 2, 8)]:
    _blk = ResidualBlock(_ci, _co, _s).to(device)
    _x = torch.randn(5, _ci, _hw, _hw, device=device)
    _blk.train()
    with torch.no_grad():
        for _ in range(3):                                   # running statistics move away from 0 / 1
            _blk(_x * 2 + 0.5)
    _blk.eval()
    with torch.no_grad():
        _out = _blk(_x)
    _c1, _b1, _c2, _b2, _sc = _blk.conv1, _blk.bn1, _blk.conv2, _blk.bn2, _blk.shortcut
    for _m, _t in [(_c1, nn.Conv2d), (_b1, nn.BatchNorm2d), (_c2, nn.Conv2d), (_b2, nn.BatchNorm2d)]:
        assert type(_m) is _t, "conv1, bn1, conv2, bn2 는 표의 층이어야 합니다"
    assert _c1.kernel_size == (3, 3) and _c1.stride == (_s, _s) and _c1.padding == (1, 1), "conv1 은 3×3, stride, padding 1 이어야 합니다"
    assert _c2.kernel_size == (3, 3) and _c2.stride == (1, 1) and _c2.padding == (1, 1), "conv2 는 3×3, stride 1, padding 1 이어야 합니다"
    assert (_c1.in_channels, _c1.out_channels, _c2.in_channels, _c2.out_channels) == (_ci, _co, _co, _co), "conv1, conv2 의 채널 수가 다릅니다"
    assert _c1.bias is None and _c2.bias is None, "conv1, conv2 는 표대로 bias=False 여야 합니다"
    _same = _s == 1 and _ci == _co
    _sc_mods = [m for m in _sc.modules() if type(m) in (nn.Conv2d, nn.BatchNorm2d)] if isinstance(_sc, nn.Module) else None
    assert _sc_mods is not None, "shortcut 은 nn.Module 이어야 합니다"
    if _same:
        assert _sc_mods == [], "모양이 그대로이면 shortcut 은 입력을 그대로 돌려주어야 합니다"
    else:
        _pc = [m for m in _sc_mods if type(m) is nn.Conv2d]
        assert len(_pc) == 1 and _pc[0].kernel_size == (1, 1) and _pc[0].stride == (_s, _s), "모양이 바뀌면 shortcut 에 stride 가 같은 1×1 합성곱이 있어야 합니다"
        assert any(type(m) is nn.BatchNorm2d for m in _sc_mods), "투영 지름길에도 BatchNorm2d 가 있어야 합니다"
        assert _pc[0].bias is None, "투영 지름길의 1×1 합성곱은 표대로 bias=False 여야 합니다"
    for _m in (_b1, _b2, _sc):
        _m.eval()
    _xr = _x.clone()
    with torch.no_grad():
        _want = torch.relu(_b2(_c2(torch.relu(_b1(_c1(_xr))))) + _sc(_xr))
    assert type(_out) is torch.Tensor and _out.shape == _want.shape, f"c_in={_ci}, c_out={_co}, stride={_s} 에서 출력 모양이 다릅니다"
    assert torch.allclose(_out, _want, atol=1e-4), f"c_in={_ci}, c_out={_co}, stride={_s} 에서 값이 ReLU(F(x) + shortcut(x)) 와 다릅니다"
    assert grads_reach_all(_blk, _x), "모든 매개변수로 기울기가 흘러야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 6. 실험: 수용 영역을 기울기로 재기 (3점)
#
# 출력의 한 칸이 입력의 어느 범위를 보는지를 **수용 영역(receptive field)** 이라고 합니다. 3×3 합성곱 한 층은 3×3 을,
# 두 층을 쌓으면 5×5 를 봅니다. 재는 방법: 출력의 가운데 칸 하나를 입력으로 미분하면, 그 칸이 보는 입력 픽셀에서만
# 기울기가 0 이 아닙니다.
#
# **(가)** `receptive_field(model, in_channels, size)` 를 완성하세요.
#
# - 모양 `(1, in_channels, size, size)` 의 입력(값은 무엇이든 됩니다, 예: `torch.randn`)에 `requires_grad=True` 를 켜고 `model` 에 넣습니다.
#   출력 `(1, C, H_out, W_out)` 의 가운데 칸 `[0, :, H_out // 2, W_out // 2]` 의 **합**을 `backward()` 합니다.
# - 입력의 기울기가 0 이 아닌 픽셀이 있는 **행**의 범위(맨 위 행부터 맨 아래 행까지의 행 수)를 파이썬 `int` 로 돌려줍니다.
# - `model` 은 합성곱(`nn.Conv2d`, 정사각형이 아닌 커널·팽창·스트라이드 포함)과 평균 풀링(`nn.AvgPool2d`)만으로 된 모델이라고
#   가정해도 됩니다 (활성화 함수·최대 풀링 없음. ReLU 나 최대 풀링은 일부 픽셀의 기울기를 0 으로 만들어 잰 값이 작아질 수 있습니다).
#   가중치는 음수일 수도 있으니 기울기의 부호가 아니라 0 인지 아닌지를 보세요. `size` 는 테스트가 정한 값을 그대로 쓰세요.
# - `model` 의 매개변수를 바꾸지 마세요 (값도, `requires_grad` 도).
#
# **(나)** 여러분의 `receptive_field` 로 재서 두 값을 보고하세요 (파이썬 `int`):
#
# - `PLAIN_LAYERS`: `nn.Conv2d(1, 1, 3, padding=1)` 만 n 개 쌓은 모델의 수용 영역이 **28 이상**(MNIST 이미지 전체)이 되는 가장 작은 n.
# - `POOLED_BLOCKS`: 블록 `[nn.Conv2d(1, 1, 3, padding=1), nn.AvgPool2d(2)]` 을 n 개 쌓은 모델의 수용 영역이 **28 이상**이 되는 가장 작은 n.
#
# 재는 입력은 수용 영역보다 넉넉히 커야 합니다 (가장자리에서 잘리지 않게, 예: `size=128`). 숨은 테스트는 자기 시드로 만든
# 모델로 여러분의 함수와 두 보고값을 다시 잽니다.

# %% nbgrader={"grade": false, "grade_id": "ex_receptive_field", "locked": false, "schema_version": 3, "solution": true}
def receptive_field(model: nn.Module, in_channels: int, size: int) -> int:
    """Height of the input region whose pixels get a non-zero gradient from the centre output pixel."""
    ### BEGIN SOLUTION
    x = torch.randn(1, in_channels, size, size, requires_grad=True)
    out = model(x)
    out[0, :, out.shape[2] // 2, out.shape[3] // 2].sum().backward()
    rows = (x.grad[0] != 0).any(dim=0).any(dim=1).nonzero().flatten()
    return int(rows.max() - rows.min() + 1)
    ### END SOLUTION


def plain_stack(n: int) -> nn.Module:
    return nn.Sequential(*[nn.Conv2d(1, 1, 3, padding=1) for _ in range(n)])


def pooled_stack(n: int) -> nn.Module:
    return nn.Sequential(*[layer for _ in range(n) for layer in (nn.Conv2d(1, 1, 3, padding=1), nn.AvgPool2d(2))])


### BEGIN SOLUTION
torch.manual_seed(0)
PLAIN_LAYERS = next(n for n in range(1, 40) if receptive_field(plain_stack(n), 1, 128) >= 28)
POOLED_BLOCKS = next(n for n in range(1, 7) if receptive_field(pooled_stack(n), 1, 128) >= 28)
### END SOLUTION
print("3×3 합성곱만:", PLAIN_LAYERS, "층 | 합성곱 + 평균 풀링:", POOLED_BLOCKS, "블록")

# %% nbgrader={"grade": true, "grade_id": "test_receptive_field", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_rf = receptive_field(nn.Conv2d(1, 1, 3, padding=1), 1, 15)
assert type(_rf) is int, "receptive_field 는 파이썬 int 를 돌려주어야 합니다"
assert _rf == 3, "3×3 합성곱 한 층의 수용 영역은 3 입니다"
assert type(PLAIN_LAYERS) is int and type(POOLED_BLOCKS) is int, "PLAIN_LAYERS, POOLED_BLOCKS 는 파이썬 int 여야 합니다"
### BEGIN HIDDEN TESTS
def _judge_rf(model, cin, size):
    x = torch.randn(1, cin, size, size, requires_grad=True)
    out = model(x)
    out[0, :, out.shape[2] // 2, out.shape[3] // 2].sum().backward()
    rows = (x.grad[0] != 0).any(dim=0).any(dim=1).nonzero().flatten()
    return int(rows.max() - rows.min() + 1)


torch.manual_seed(17)
_models = [
    (nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.Conv2d(3, 1, 3, padding=1)), 2, 21),
    (nn.Conv2d(1, 2, 5, padding=2), 1, 17),
    (nn.Conv2d(1, 1, 3, padding=2, dilation=2), 1, 19),
    (nn.Sequential(nn.Conv2d(1, 4, 3, stride=2, padding=1), nn.Conv2d(4, 1, 3, padding=1)), 1, 33),
    (nn.Sequential(nn.Conv2d(3, 2, 3, padding=1), nn.AvgPool2d(2), nn.Conv2d(2, 2, 3, padding=1)), 3, 40),
    (nn.Sequential(*[nn.Conv2d(1, 1, 3, padding=1) for _ in range(6)]), 1, 41),
    (nn.Conv2d(1, 1, (5, 3), padding=(2, 1)), 1, 15),                  # rows 5, columns 3
    (nn.Conv2d(2, 1, (3, 7), padding=(1, 3)), 2, 17),                  # rows 3, columns 7
    (nn.Sequential(*[nn.Conv2d(1, 1, 3, padding=1) for _ in range(10)]), 1, 64),    # field 21 > 15: uses `size`
]
_neg = nn.Conv2d(1, 1, 5, padding=2)                                    # every weight negative
with torch.no_grad():
    _neg.weight.copy_(-_neg.weight.abs() - 0.1)
_models.append((_neg, 1, 15))
_split = nn.Conv2d(1, 2, 5, padding=2)                                  # channel 0 sees 3×3, channel 1 sees 5×5
with torch.no_grad():
    _split.weight[0].copy_(F.pad(torch.rand(1, 3, 3) + 0.5, (1, 1, 1, 1)))
_models.append((_split, 1, 15))
for _m, _cin, _size in _models:
    _before = [p.detach().clone() for p in _m.parameters()]
    _flags = [p.requires_grad for p in _m.parameters()]
    _got = receptive_field(_m, _cin, _size)
    assert type(_got) is int, "receptive_field 는 파이썬 int 를 돌려주어야 합니다"
    assert _got == _judge_rf(_m, _cin, _size), "채점용 모델에서 잰 수용 영역이 다릅니다 (가운데 칸, 행의 범위를 확인하세요)"
    assert all(torch.equal(p, q) for p, q in zip(_m.parameters(), _before)), "model 의 매개변수를 바꾸면 안 됩니다"
    assert [p.requires_grad for p in _m.parameters()] == _flags, "model 매개변수의 requires_grad 를 바꾸면 안 됩니다"


def _plain(n):
    return nn.Sequential(*[nn.Conv2d(1, 1, 3, padding=1) for _ in range(n)])


def _pooled(n):
    return nn.Sequential(*[_l for _ in range(n) for _l in (nn.Conv2d(1, 1, 3, padding=1), nn.AvgPool2d(2))])


torch.manual_seed(23)
_plain_n = next(n for n in range(1, 40) if _judge_rf(_plain(n), 1, 128) >= 28)
_pooled_n = next(n for n in range(1, 7) if _judge_rf(_pooled(n), 1, 128) >= 28)
assert _plain_n == PLAIN_LAYERS, "PLAIN_LAYERS 가 다시 잰 값과 다릅니다"
assert _pooled_n == POOLED_BLOCKS, "POOLED_BLOCKS 가 다시 잰 값과 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# 확인 셀 (채점하지 않음): 층 수에 따라 수용 영역이 어떻게 자라는지 그려 봅니다.

# %%
torch.manual_seed(0)
depths = range(1, 7)
plain_rf = [receptive_field(plain_stack(n), 1, 128) for n in depths]
pooled_rf = [receptive_field(pooled_stack(n), 1, 128) for n in range(1, 5)]
plt.figure(figsize=(6, 3.5))
plt.plot(list(depths), plain_rf, "o-", label="3×3 합성곱만")
plt.plot(range(1, 5), pooled_rf, "s-", label="3×3 합성곱 + 2×2 평균 풀링")
plt.axhline(28, color="gray", ls="--", label="MNIST 이미지 크기 28")
plt.xlabel("층(블록) 수")
plt.ylabel("수용 영역 (픽셀)")
plt.legend()
plt.title("풀링이 있으면 수용 영역이 기하급수적으로 넓어집니다")
plt.show()


# %% [markdown]
# ## 문제 7. Fashion-MNIST 를 3 에포크 동안 학습하기 (4점)
#
# `train_fashion(x_train, y_train, device)` 는 원본 학습 이미지(`uint8` `(N, 28, 28)`)와 정답(`int64` `(N,)`)으로
# 문제 4 의 `SmallCNN(1, 10, 28)` 을 학습해, **`device` 위의 학습된 모델**을 돌려줍니다.
#
# - 입력은 `/255` 로 0 ~ 1 로 바꾼 float32 `(N, 1, 28, 28)` 입니다. 채점 코드도 이렇게 바꿔 넣습니다.
# - 학습 예산: 학습 데이터를 **3 에포크** 도는 것을 권합니다. 에포크 수는 권장일 뿐 채점하지 않고, 채점은 아래의 정확도로만
#   합니다 (더 오래 학습하면 채점도 그만큼 오래 걸립니다). 증강은 하지 않아도 됩니다.
# - 채점: 테스트 셀이 시드를 고정하고 학습한 뒤, 숨은 테스트가 **학생에게 없는 Fashion-MNIST 이미지 1000장**(클래스마다 100장)
#   에서 평가 모드로 정확도를 잽니다. 기준은 **85%** 입니다. 시간으로는 채점하지 않습니다.
# - 돌려주는 모델은 `SmallCNN` 이어야 합니다. 넘겨받은 배열을 바꾸지 마세요.
#
# 강의의 레시피: `AdamW(lr=3e-3, weight_decay=5e-4)` + 배치마다 `OneCycleLR(max_lr=3e-3, total_steps=…)`, 배치 128,
# `CrossEntropyLoss(label_smoothing=0.1)`. 스케줄러를 배치마다 `step()` 해야 하므로 학습 루프를 직접 쓰는 편이 쉽습니다.
# 이 과정의 2코어 CPU 에서 3 에포크는 약 15초이고, 시드 다섯 개로 재 보니 채점용 이미지에서 86.4 ~ 88.1% 였습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_train_fashion", "locked": false, "schema_version": 3, "solution": true}
def train_fashion(x_train: np.ndarray, y_train: np.ndarray, device: torch.device) -> nn.Module:
    """Train SmallCNN(1, 10, 28) for at most 3 epochs on raw uint8 images; return it on `device`."""
    ### BEGIN SOLUTION
    epochs, batch_size, lr = 3, 128, 3e-3
    x = torch.tensor(x_train, dtype=torch.float32)[:, None] / 255
    y = torch.as_tensor(y_train, dtype=torch.long)
    loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True)
    model = SmallCNN(1, 10, 28).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=5e-4)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=lr, total_steps=epochs * len(loader))
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
    for _ in range(epochs):
        model.train()
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            loss_fn(model(xb), yb).backward()
            optimizer.step()
            scheduler.step()
    return model
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_train_fashion", "locked": true, "points": 4, "schema_version": 3, "solution": false}
_fm = helpers.data.load_fashion_mnist()
_x_tr0, _y_tr0 = _fm.x_train.copy(), _fm.y_train.copy()
torch.manual_seed(0)
_t0 = time.perf_counter()
fashion_model = train_fashion(_fm.x_train, _fm.y_train, device)
print(f"학습 시간 {time.perf_counter() - _t0:.1f}초")
assert isinstance(fashion_model, SmallCNN), "학습한 SmallCNN 을 돌려주세요"
fashion_model.eval()
with torch.no_grad():
    _pred = fashion_model(torch.tensor(_fm.x_test[:500], dtype=torch.float32, device=device)[:, None] / 255).argmax(dim=1)
_acc = (_pred.cpu().numpy() == _fm.y_test[:500]).mean()
print(f"내 테스트 이미지 500장의 정확도: {_acc:.2%} (채점은 처음 보는 이미지로 합니다)")
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

assert np.array_equal(_fm.x_train, _x_tr0) and np.array_equal(_fm.y_train, _y_tr0), "넘겨받은 배열을 바꾸면 안 됩니다"
assert all(p.device.type == device.type for p in fashion_model.parameters()), "학습한 모델은 device 에 있어야 합니다"
_hx, _hy = load_holdout("fashion_mnist")
fashion_model.eval()
_right = 0
with torch.no_grad():
    for _i in range(0, len(_hy), 250):
        _xb = torch.from_numpy(_hx[_i:_i + 250].astype(np.float32) / np.float32(255))[:, None].to(device)
        _logits = fashion_model(_xb)
        assert type(_logits) is torch.Tensor and _logits.shape == (len(_xb), 10), "모델의 출력은 (N, 10) 로짓이어야 합니다"
        _right += int((_logits.argmax(dim=1).cpu().numpy() == _hy[_i:_i + 250]).sum())
assert _right / len(_hy) >= 0.85, "처음 보는 Fashion-MNIST 이미지에서 정확도가 85% 에 못 미칩니다"
### END HIDDEN TESTS

# %% [markdown]
# 확인 셀 (채점하지 않음): 내 모델이 자주 헷갈리는 옷 종류를 혼동 행렬로 봅니다.

# %%
classes = list(helpers.data.FASHION_CLASSES)
fashion_model.eval()
with torch.no_grad():
    test_pred = fashion_model(torch.tensor(fashion.x_test, dtype=torch.float32, device=device)[:, None] / 255).argmax(dim=1).cpu().numpy()
helpers.plot.plot_confusion_matrix(fashion.y_test, test_pred, classes, title=f"내 CNN 의 혼동 행렬 (정확도 {(test_pred == fashion.y_test).mean():.1%})")
plt.show()

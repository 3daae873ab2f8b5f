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
from helpers.data import CIFAR10_CLASSES
from helpers.models import CifarNet, load_cifar10_images, to_input

device = helpers.setup(seed=0)
x_train, y_train = load_cifar10_images("train", CIFAR10_CLASSES)
x_test, y_test = load_cifar10_images("test", CIFAR10_CLASSES)
print("학습:", x_train.shape, x_train.dtype, "| 시험:", x_test.shape, "| 클래스:", ", ".join(CIFAR10_CLASSES))


# %% [markdown]
# ## 🎯 학습 목표
#
# - 학습과 예측에서 **똑같은 전처리**(ImageNet 표준화)를 쓰는 예측 함수를 만든다 (평가 모드, `no_grad`, 배치, 장치).
# - 정답을 바꾸지 않는 데이터 증강(좌우 뒤집기 + 이동)을 이미지마다 따로 뽑아 적용한다.
# - 매개변수 예산 안에서 사전 학습 백본으로 CIFAR-10 10 클래스 분류기를 만들고, 처음 보는 이미지로 채점받는다.
# - 혼동 행렬과 클래스별 정확도로 모델이 어디서 틀리는지 분석한다.
# - 사전 학습 백본과 무작위 초기화 백본을 같은 레시피로 비교하는 실험을 하고 결과를 보고한다.
#
# ## 🤔 단서 질문
#
# 1. 학습 때는 표준화하고 예측 때는 `/255` 만 하면 무슨 일이 생길까?
# 2. 한 배치 전체에 같은 뒤집기를 적용하면 무엇이 문제일까?
# 3. 백본은 고양이와 개를 본 적이 없습니다. 두 클래스의 정확도는 다른 클래스보다 낮을까?
# 4. 사전 학습 가중치는 같은 학습 예산에서 얼마나 도움이 될까?
#
# ## 과제 안내
#
# 강의 노트북 `20_capstone_cifar10` 이 프로젝트 설명서입니다 (데이터, 채점 규칙, 기준선). 문제마다 답 셀의
# `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `augment` 이미지마다 따로 뽑는 좌우 뒤집기 + 이동 증강 | 2 |
# | 2 | `predict` 전처리·평가 모드·배치를 책임지는 예측 함수 | 3 |
# | 3 | `build_model` 매개변수 500,000 개 이하의 10 클래스 모델 (사전 학습 / 무작위 초기화) | 2 |
# | 4 | `train_model` 처음 보는 CIFAR-10 이미지 500장에서 정확도 60% | 4 |
# | 5 | `class_report` 혼동 행렬과 클래스별 정확도 | 2 |
# | 6 | 실험: 사전 학습 백본 vs 무작위 초기화 (`EXPERIMENT`) | 3 |
#
# - 보이는 테스트는 모양과 자료형 같은 형식을 확인합니다. 채점 때는 새 입력과 경계 경우를 확인하는 숨은 테스트가 더 실행됩니다.
# - 문제 4 와 6 은 **여러분에게 없는 CIFAR-10 이미지 500장**(클래스마다 50장)으로 채점합니다. `x_test` 에 맞춘 답은 도움이 되지 않습니다.
# - 데이터: `x_train` 5,000장, `x_test` 500장 (클래스마다 500장, 50장), `uint8` `(N, 32, 32, 3)` HWC RGB, 정답은 `int64`,
#   클래스 번호는 `CIFAR10_CLASSES` 의 순서입니다.
# - 방법(구조, 레시피)은 자유입니다. 정해진 것은 함수의 모양(인자, 반환 자료형)과 아래 규칙뿐입니다.

# %% [markdown]
# ## 문제 1. 데이터 증강 (2점)
#
# `augment(x)` 는 표준화된 이미지 배치 `x` (float, `(N, C, H, W)`)를 받아, **이미지마다 따로** 무작위로
#
# 1. 확률 1/2 로 좌우 뒤집고 (`W` 축),
# 2. 가로·세로로 각각 −4 ~ 4 픽셀 중 하나(9 가지가 모두 나올 수 있게)만큼 옮긴 (패딩 4 + 무작위 자르기와 같음)
#
# 새 텐서를 돌려줍니다. 뒤집기와 이동 말고 다른 변형(상하 뒤집기, 회전, 색 바꾸기, 크기 바꾸기)은 하지 않습니다.
#
# - 반환: 입력과 같은 모양·자료형·장치의 **새** 텐서. 입력 `x` 는 바꾸지 않습니다.
# - `C`, `H`, `W` 는 3, 32, 32 가 아닐 수도 있습니다 (숨은 테스트는 다른 크기와 채널 수, 이미지 한 장짜리 배치도 넣습니다).
# - 옮겨서 생기는 빈 칸을 무엇으로 채울지(0, 반사, 가장자리 값)는 자유입니다. 채점은 빈 칸이 아닌 부분만 봅니다.
# - 무작위 수는 **파이토치의 전역 난수 생성기**(`torch.rand`, `torch.randint` 등)로 뽑습니다. 그래서 `torch.manual_seed(s)`
#   뒤의 결과가 늘 같습니다 (`np.random`, `random` 은 쓰지 마세요).
# - 숨은 테스트는 출력 한 장 한 장이 입력의 (뒤집었거나 안 뒤집은) 이동본인지, 뒤집기와 이동이 이미지마다 고르게 다르게 뽑혔는지 확인합니다.
#
# 힌트: `08 데이터 증강`, `helpers.models.flip_crop` 의 설명을 읽어 보세요. torchvision 의 `RandomHorizontalFlip` 을 배치 텐서
# 하나에 그대로 적용하면 배치 전체가 **한꺼번에** 뒤집힙니다.

# %% nbgrader={"grade": false, "grade_id": "ex_augment", "locked": false, "schema_version": 3, "solution": true}
def augment(x: torch.Tensor) -> torch.Tensor:
    """Per image: horizontal flip with probability 1/2, then a shift by -4..4 pixels on each axis (new tensor)."""
    ### BEGIN SOLUTION
    n, _, h, w = x.shape
    flip = torch.rand(n) < 0.5
    shift = torch.randint(-4, 5, (2, n))
    out = torch.where(flip[:, None, None, None].to(x.device), x.flip(3), x)
    padded = nn.functional.pad(out, (4, 4, 4, 4))
    result = torch.empty_like(x)
    for i in range(n):
        dy, dx = 4 + int(shift[0, i]), 4 + int(shift[1, i])
        result[i] = padded[i, :, dy:dy + h, dx:dx + w]
    return result
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_augment", "locked": true, "points": 2, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_x = torch.from_numpy(x_train[:8]).permute(0, 3, 1, 2).float().div(255).to(device)   # 0~1 so we can look at it
_out = augment(_x)
assert type(_out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert _out.shape == _x.shape and _out.dtype == _x.dtype, "모양과 자료형이 입력과 같아야 합니다"
_fig = helpers.plot.show_images(torch.cat([_x, _out]).clamp(0, 1).cpu(), ncols=8)
_fig.suptitle("위: 원본, 아래: augment 결과", y=1.02)
plt.show()
### BEGIN HIDDEN TESTS
from grading.testkit import after_torch_seed


def _match_transforms(src: torch.Tensor, out: torch.Tensor) -> list:
    """(flip, dy, dx) with out[..., r, c] == flipped(src)[..., r - dy, c - dx] wherever defined, per image; None if none."""
    found = []
    for i in range(len(src)):
        hit = None
        for f in (0, 1):
            s = src[i].flip(2) if f else src[i]
            for dy in range(-4, 5):
                for dx in range(-4, 5):
                    o = out[i, :, max(dy, 0):32 + min(dy, 0), max(dx, 0):32 + min(dx, 0)]
                    t = s[:, max(-dy, 0):32 + min(-dy, 0), max(-dx, 0):32 + min(-dx, 0)]
                    if torch.allclose(o, t, atol=1e-5, rtol=0):
                        hit = (f, dy, dx)
                        break
                if hit:
                    break
            if hit:
                break
        found.append(hit)
    return found


torch.manual_seed(11)
_x = torch.randn(240, 3, 32, 32, device=device)
_x_before = _x.clone()
_out = augment(_x)
assert type(_out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert _out.shape == _x.shape and _out.dtype == _x.dtype, "모양과 자료형이 입력과 같아야 합니다"
assert _out.device.type == _x.device.type, "입력과 같은 장치의 텐서를 돌려주어야 합니다"
assert torch.equal(_x, _x_before), "입력 x 를 바꾸면 안 됩니다"
_found = _match_transforms(_x.cpu(), _out.cpu())
assert all(t is not None for t in _found), "좌우 뒤집기와 −4 ~ 4 픽셀 이동이 아닌 변형이 섞여 있습니다 (정답이 바뀔 수 있는 변형)"
_flipped = sum(t[0] for t in _found) / len(_found)
assert 0.35 <= _flipped <= 0.65, "이미지마다 확률 1/2 로 좌우 뒤집어야 합니다"
assert {t[1] for t in _found} == set(range(-4, 5)) and {t[2] for t in _found} == set(range(-4, 5)), \
    "가로·세로 이동이 −4 ~ 4 의 모든 값을 가질 수 있어야 합니다"
assert len({t[1:] for t in _found}) >= 40, "이동을 이미지마다 따로 뽑아야 합니다"
_f2 = _match_transforms(_x[:40].cpu(), augment(_x[:40]).cpu())
assert all(t is not None for t in _f2) and _f2 != _found[:40], "부를 때마다 새로 뽑아야 합니다"
_a = after_torch_seed(5, augment, _x[:16])
_b = after_torch_seed(5, augment, _x[:16])
assert torch.equal(_a.cpu(), _b.cpu()), "torch.manual_seed 로 고정하면 결과가 같아야 합니다 (파이토치 난수 생성기를 쓰세요)"
_one = augment(_x[:1])
assert _one.shape == (1, 3, 32, 32) and _match_transforms(_x[:1].cpu(), _one.cpu())[0] is not None, "이미지 한 장도 증강할 수 있어야 합니다"
_xc = torch.randn(6, 1, 20, 24, device=device)
_outc = augment(_xc)
assert _outc.shape == (6, 1, 20, 24), "채널 수와 크기가 달라도 같은 모양으로 돌려주어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 예측 함수 (3점)
#
# `predict(model, images, batch_size=256)` 은 원본 이미지로 클래스 번호를 예측합니다. 전처리부터 끝까지 이 함수가 책임집니다.
#
# - `images`: `np.ndarray`, `uint8`, `(N, 32, 32, 3)` HWC RGB (`x_test` 처럼), `N ≥ 1`. **바꾸지 않습니다.**
# - 전처리: 학습과 똑같이 `/255` 뒤 **ImageNet 표준화** (`helpers.models.IMAGENET_MEAN`, `IMAGENET_STD`), 채널을 앞으로
#   (`(N, 3, 32, 32)`). `helpers.models.to_input` 이 바로 이 일을 합니다.
# - 모델을 **평가 모드**로 두고, 모델을 `torch.no_grad()` (또는 `torch.inference_mode()`) **안에서** 부르며 (출력에 `.detach()` 만
#   붙이는 것으로는 안 됩니다: 계산 그래프가 이미 만들어집니다), `batch_size` 장씩 나누어 (마지막 배치는 더 작을 수 있음)
#   모델이 있는 장치로 옮겨 넣습니다. 배치마다 모델을 **한 번씩** 부릅니다 (뒤집어 한 번 더 넣는 것 같은 추가 호출 없이).
# - 함수가 끝난 뒤 모델을 평가 모드로 두어도, 받은 모드로 되돌려도 됩니다 (둘 다 정답).
# - 반환: 로짓이 가장 큰 클래스 번호, CPU 위의 `torch.Tensor`, `int64`, `(N,)`.
# - 숨은 테스트는 학습 모드로 받은 모델, 여러 `N` 과 `batch_size`, 입력이 그대로인지, 모델이 기울기 계산 없이 불렸는지를 확인합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_predict", "locked": false, "schema_version": 3, "solution": true}
def predict(model: nn.Module, images: np.ndarray, batch_size: int = 256) -> torch.Tensor:
    """Class ids (int64, CPU, (N,)) for uint8 HWC images: ImageNet-standardised, eval mode, no_grad, in batches."""
    ### BEGIN SOLUTION
    model.eval()
    where = next(model.parameters()).device
    out = []
    with torch.no_grad():
        for i in range(0, len(images), batch_size):
            logits = model(to_input(images[i:i + batch_size]).to(where))
            out.append(logits.argmax(dim=1).cpu())
    return torch.cat(out).long()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_predict", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_bb = helpers.models.load_backbone().to(device)     # the 8-class backbone: labels 0..7 of its own classes
_p = predict(_bb, x_test[:10], batch_size=4)
assert type(_p) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert _p.dtype == torch.int64 and _p.shape == (10,), "int64, (N,) 이어야 합니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout
from grading.testkit import count_linear_calls

_hx, _hy = load_holdout("cifar10")
_bb = helpers.models.load_backbone().to(device)
_bb.train()                                          # given in train mode: predict must switch to eval
_sel = _hx[np.r_[0:60, 250:301]]                     # 111 images of several classes
_sel_before = _sel.copy()
_p, _calls = count_linear_calls(predict, 128, 8, _bb, _sel, batch_size=16)
assert type(_p) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert _p.dtype == torch.int64 and _p.shape == (111,), "int64, (N,) 이어야 합니다"
assert _p.device.type == "cpu", "결과는 CPU 위의 텐서여야 합니다"
assert np.array_equal(_sel, _sel_before), "넘겨받은 이미지를 바꾸면 안 됩니다"
assert _calls == 7, "batch_size 장씩 나누어 배치마다 모델을 한 번씩 불러야 합니다 (마지막 배치 포함)"
_ref = helpers.models.load_backbone().to(device).eval()
_mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
_std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
with torch.no_grad():
    _want = _ref(((torch.from_numpy(_sel).permute(0, 3, 1, 2).float() / 255 - _mean) / _std).to(device)).argmax(1).cpu()
assert (_p == _want).float().mean().item() >= 0.98, "예측이 다릅니다 (전처리, 평가 모드, 채널 순서를 확인하세요)"
for _n, _bs in [(1, 256), (37, 10), (256, 256), (257, 128)]:
    _q = predict(_bb, _hx[:_n], batch_size=_bs)
    assert type(_q) is torch.Tensor and _q.dtype == torch.int64 and _q.shape == (_n,), f"N={_n}, batch_size={_bs} 에서 모양이 다릅니다"
    with torch.no_grad():
        _w = _ref(((torch.from_numpy(_hx[:_n]).permute(0, 3, 1, 2).float() / 255 - _mean) / _std).to(device)).argmax(1).cpu()
    assert (_q == _w).float().mean().item() >= 0.98, f"N={_n}, batch_size={_bs} 에서 예측이 다릅니다"
_bg = helpers.models.load_backbone().to(device)
_bg.train()
_bg.grad_seen = []
_bg.register_forward_hook(lambda m, i, o: m.grad_seen.append(bool(torch.is_grad_enabled())))
_q = predict(_bg, _hx[:20], batch_size=8)
assert len(_bg.grad_seen) >= 1 and not any(_bg.grad_seen), \
    "모델을 torch.no_grad() (또는 torch.inference_mode()) 안에서 불러야 합니다 (.detach() 만으로는 안 됩니다)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. 모델 만들기 (2점)
#
# `build_model(pretrained=True)` 는 CIFAR-10 10 클래스 분류 모델(`nn.Module`)을 **새로** 만들어 돌려줍니다.
#
# - 입력: 표준화된 `(N, 3, 32, 32)` float32, 출력: 로짓 `(N, 10)`.
# - **매개변수 예산: 500,000 개 이하** (`sum(p.numel() for p in model.parameters())`, 동결한 매개변수도 셉니다. 배치 정규화의
#   이동 통계 같은 버퍼는 세지 않습니다).
# - `pretrained=True`: 과정의 사전 학습 백본 `helpers.models.load_backbone()` (8 클래스, 고양이·개 없이 학습) 의 가중치에서
#   시작합니다. 백본의 합성곱 가중치가 **받은 그대로** 모델 안에 들어 있어야 합니다 (헤드는 10 클래스용으로 새로).
# - `pretrained=False`: **같은 구조**를 무작위 초기화로 만듭니다 (백본 가중치를 쓰지 않음). 문제 6 의 실험에 씁니다.
# - 부를 때마다 새 모델을 만듭니다 (전에 돌려준 모델이나 학습한 모델을 다시 돌려주지 않음). 모델은 **CPU 위에** 만듭니다
#   (장치로 옮기는 것은 `train_model` 의 일).

# %% nbgrader={"grade": false, "grade_id": "ex_build_model", "locked": false, "schema_version": 3, "solution": true}
def build_model(pretrained: bool = True) -> nn.Module:
    """A new 10-class CIFAR model within 500k parameters; pretrained=True starts from the course backbone."""
    ### BEGIN SOLUTION
    model = helpers.models.load_backbone() if pretrained else CifarNet(n_classes=8)
    model.fc = nn.Linear(model.fc.in_features, 10)
    return model
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_build_model", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_m = build_model()
assert isinstance(_m, nn.Module), "nn.Module 을 돌려주어야 합니다"
_m.eval()
with torch.no_grad():
    _o = _m(torch.zeros(2, 3, 32, 32))
assert type(_o) is torch.Tensor and _o.shape == (2, 10), "출력은 (N, 10) 로짓이어야 합니다"
print("매개변수 수:", sum(p.numel() for p in _m.parameters()))
### BEGIN HIDDEN TESTS
_bbw = helpers.models.load_backbone().body[0][0].weight.detach().cpu()        # the first conv (32, 3, 3, 3)
_bbw2 = helpers.models.load_backbone().body[5].body[1][0].weight.detach().cpu()  # inside the residual block
for _flag in (True, False):
    torch.manual_seed(3)
    _m = build_model(pretrained=_flag)
    assert isinstance(_m, nn.Module), "nn.Module 을 돌려주어야 합니다"
    _params = [p.detach().cpu() for p in _m.parameters()]
    _count = sum(p.numel() for p in _params)
    assert _count <= 500_000, "매개변수가 500,000 개를 넘습니다"
    _m.eval()
    for _n in (1, 5):
        with torch.no_grad():
            _o = _m(torch.randn(_n, 3, 32, 32))
        assert type(_o) is torch.Tensor and _o.shape == (_n, 10) and _o.dtype == torch.float32, "출력은 float32 (N, 10) 로짓이어야 합니다"
    _has = [any(p.shape == w.shape and torch.equal(p, w) for p in _params) for w in (_bbw, _bbw2)]
    if _flag:
        assert all(_has), "pretrained=True 이면 백본의 합성곱 가중치가 받은 그대로 들어 있어야 합니다"
        _count_pre = _count
    else:
        assert not any(_has), "pretrained=False 이면 백본 가중치를 쓰지 않아야 합니다 (무작위 초기화)"
        assert _count == _count_pre, "pretrained=False 도 같은 구조(같은 매개변수 수)여야 합니다"
_m1 = build_model(pretrained=True)
_m1.half()                                           # changes that model (where it lives) to float16
_m2 = build_model(pretrained=True)
assert any(torch.equal(p.detach().cpu(), _bbw) for p in _m2.parameters()), "부를 때마다 새 모델을 만들어야 합니다 (앞서 돌려준 모델을 다시 쓰지 않음)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. 학습: 처음 보는 이미지에서 60% (4점)
#
# `train_model(model, x, y)` 는 `build_model(...)` 이 만든 모델을 원본 이미지 `x` (`uint8` `(N, 32, 32, 3)`)와 정답 `y`
# (`int64` `(N,)`)로 학습해 **학습한 모델**을 돌려줍니다 (넘겨받은 모델을 제자리에서 학습해 그대로 돌려줘도 됩니다).
#
# - 전처리는 문제 2 와 같은 ImageNet 표준화입니다. **채점 코드도 이렇게 표준화해 평가 모드로 모델에 넣습니다.**
# - 학습에는 넘겨받은 `x`, `y` 만 씁니다 (`x_test` 나 다른 파일을 읽지 않음). `x`, `y` 는 바꾸지 않습니다.
#   숨은 테스트는 `train_model` 을 **다른 `x`, `y`** (클래스 0 ~ 4 의 이미지 500장만) 로도 불러, 그 모델이 처음 보는 클래스 5 ~ 9
#   이미지를 거의 5 ~ 9 로 예측하지 않는지 (넘겨받지 않은 데이터로 배우지 않았는지) 확인합니다. `y` 에 없는 클래스가 있어도 출력은
#   늘 10 클래스이고, `N` 은 5,000 이 아닐 수 있습니다.
# - 돌려주는 모델도 매개변수 500,000 개 이하, 출력 `(N, 10)` 이고, 노트북의 **`device` 위에** 있습니다.
# - 학습 예산: 이미지가 모델 **전체**를 지나는 순전파는 이미지 한 장당 **3 번 이하** (3 에포크 분량)를 권합니다. 특성을 한 번
#   뽑아 두고 헤드만 여러 에포크 학습하는 것은 괜찮습니다. 예산은 권장이고 채점하지 않습니다. 채점은 정확도로만 하고,
#   학습이 길수록 채점도 그만큼 오래 걸립니다 (셀 하나는 300초에서 끊깁니다). 시간으로는 채점하지 않습니다.
# - 채점: 테스트 셀이 `torch.manual_seed(0)` 뒤에 `train_model(build_model(pretrained=True), x_train, y_train)` 을 부르고, 숨은 테스트가
#   **여러분에게 없는 CIFAR-10 이미지 500장**(클래스마다 50장)에서 정확도를 잽니다. 기준은 **60%** 입니다.
#
# 방법은 자유입니다: 선형 프로빙(`10 전이 학습`), 일부 층 파인튜닝, 증강(문제 1의 `augment`), 학습률 스케줄(`09 합성곱 신경망`).
# 참고로 이 과정의 참고 풀이(동결한 백본의 특성, 원본 + 증강본 한 번씩, 헤드 15 에포크)를 시드 세 개로 채점용 이미지에서 잰
# 정확도가 강의 노트북에 적혀 있습니다. 걸리는 시간은 컴퓨터와 그때의 부하에 따라 크게 다르므로 적지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_train_model", "locked": false, "schema_version": 3, "solution": true}
def train_model(model: nn.Module, x: np.ndarray, y: np.ndarray) -> nn.Module:
    """Train `model` (from build_model) on uint8 HWC images x and int64 labels y; return the trained model."""
    ### BEGIN SOLUTION
    model = model.to(device).eval()
    xs = to_input(x)
    views = [xs, augment(xs)]                         # the originals and one augmented copy of each image
    with torch.no_grad():
        feats = torch.cat([model.features(v[i:i + 500].to(device)) for v in views for i in range(0, len(v), 500)])
    labels = torch.as_tensor(y, dtype=torch.long).repeat(len(views)).to(device)
    loader = DataLoader(TensorDataset(feats, labels), batch_size=128, shuffle=True)
    optimizer = torch.optim.Adam(model.fc.parameters(), lr=1e-2, weight_decay=1e-3)
    helpers.train.fit(model.fc, loader, nn.CrossEntropyLoss(), optimizer, epochs=15, device=device)
    return model.eval()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_train_model", "locked": true, "points": 4, "schema_version": 3, "solution": false}
torch.manual_seed(0)
model = train_model(build_model(pretrained=True), x_train, y_train)
assert isinstance(model, nn.Module), "학습한 nn.Module 을 돌려주어야 합니다"
model.eval()
with torch.no_grad():
    _logits = model(to_input(x_test).to(device))
test_acc = (_logits.argmax(dim=1).cpu().numpy() == y_test).mean()
print(f"내 시험 이미지 500장의 정확도: {test_acc:.1%} (채점은 처음 보는 이미지로 합니다)")
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

_x_tr0, _y_tr0 = load_cifar10_images("train", CIFAR10_CLASSES)
assert np.array_equal(x_train, _x_tr0) and np.array_equal(y_train, _y_tr0), "넘겨받은 x, y 를 바꾸면 안 됩니다"
assert sum(p.numel() for p in model.parameters()) <= 500_000, "매개변수가 500,000 개를 넘습니다"
_hx, _hy = load_holdout("cifar10")
_mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
_std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
model.eval()
_right = 0
with torch.no_grad():
    for _i in range(0, len(_hy), 250):
        _xb = (torch.from_numpy(_hx[_i:_i + 250]).permute(0, 3, 1, 2).float() / 255 - _mean) / _std
        _logits = model(_xb.to(device))
        assert type(_logits) is torch.Tensor and _logits.shape == (len(_xb), 10), "모델의 출력은 (N, 10) 로짓이어야 합니다"
        _right += int((_logits.argmax(dim=1).cpu().numpy() == _hy[_i:_i + 250]).sum())
assert _right / len(_hy) >= 0.60, "처음 보는 CIFAR-10 이미지에서 정확도가 60% 에 못 미칩니다"
_sub = np.concatenate([np.flatnonzero(_y_tr0 == _c)[:100] for _c in range(5)])   # classes 0..4 only, 100 each
torch.manual_seed(0)
_m5 = train_model(build_model(pretrained=True), _x_tr0[_sub], _y_tr0[_sub])
_m5.eval()
_hi = np.flatnonzero(_hy >= 5)                                                 # held-out images of classes 5..9
with torch.no_grad():
    _xb = (torch.from_numpy(_hx[_hi]).permute(0, 3, 1, 2).float() / 255 - _mean) / _std
    _pred5 = _m5(_xb.to(device)).argmax(dim=1).cpu().numpy()
assert (_pred5 >= 5).mean() <= 0.20, "넘겨받은 x, y 에 없는 클래스를 예측합니다 (학습에는 넘겨받은 x, y 만 써야 합니다)"
### END HIDDEN TESTS

# %% [markdown]
# 확인 셀 (채점하지 않음): 내 모델의 혼동 행렬입니다. 고양이(cat)와 개(dog)는 백본이 본 적 없는 클래스입니다.

# %%
test_pred = predict(model, x_test).numpy()
helpers.plot.plot_confusion_matrix(y_test, test_pred, list(CIFAR10_CLASSES),
                                   title=f"내 모델의 혼동 행렬 (시험 정확도 {(test_pred == y_test).mean():.1%})")
plt.show()


# %% [markdown]
# ## 문제 5. 클래스별 분석 (2점)
#
# `class_report(y_true, y_pred, n_classes=10)` 은 `(cm, per_class)` 튜플을 돌려줍니다.
#
# - `y_true`, `y_pred`: 길이가 같은 1차원 정수 배열 (`np.ndarray` 또는 `torch.Tensor`, 값은 `0 … n_classes−1`). 바꾸지 않습니다.
# - `cm`: `np.ndarray`, `int64`, `(n_classes, n_classes)`, `cm[i, j]` = 정답 `i` 를 `j` 로 예측한 개수 (행 = 정답, 열 = 예측).
#   데이터에 없는 클래스도 행과 열이 있습니다 (모양은 늘 `n_classes`).
# - `per_class`: `np.ndarray`, `float64`, `(n_classes,)`, 클래스 `c` 의 정확도 = 정답이 `c` 인 샘플 가운데 `c` 로 맞힌 비율
#   (재현율). 정답이 `c` 인 샘플이 하나도 없으면 `np.nan`.
# - 숨은 테스트는 여러분의 시험 예측 `test_pred` 와 새 배열들(없는 클래스, `torch.Tensor` 입력, 다른 `n_classes`)로 다시 계산해 비교합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_class_report", "locked": false, "schema_version": 3, "solution": true}
def class_report(y_true, y_pred, n_classes: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """(confusion matrix int64 (n, n) rows = true, per-class recall float64 (n,), nan for an absent class)."""
    ### BEGIN SOLUTION
    t = np.asarray(y_true).astype(np.int64)
    p = np.asarray(y_pred).astype(np.int64)
    cm = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(cm, (t, p), 1)
    support = cm.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        per_class = np.where(support > 0, np.diag(cm) / np.maximum(support, 1), np.nan)
    return cm, per_class.astype(np.float64)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_class_report", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_cm, _acc = class_report(np.array([0, 0, 1, 2]), np.array([0, 1, 1, 1]), n_classes=3)
assert type(_cm) is np.ndarray and type(_acc) is np.ndarray, "두 값 모두 np.ndarray 여야 합니다"
assert _cm.shape == (3, 3) and _acc.shape == (3,), "모양은 (n, n) 과 (n,) 이어야 합니다"
cm, per_class = class_report(y_test, test_pred)
fig, ax = plt.subplots(figsize=(8, 3))
ax.bar(list(CIFAR10_CLASSES), per_class)
ax.set_ylabel("클래스별 정확도")
ax.set_ylim(0, 1)
ax.set_title("클래스별 정확도 (시험 이미지 500장)")
plt.show()
### BEGIN HIDDEN TESTS
def _want_report(t: np.ndarray, p: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    m = np.zeros((k, k), dtype=np.int64)
    for a, b in zip(t.tolist(), p.tolist(), strict=True):
        m[a, b] += 1
    s = m.sum(axis=1)
    return m, np.array([m[c, c] / s[c] if s[c] else np.nan for c in range(k)], dtype=np.float64)


def _check_report(t, p, k: int, t_np: np.ndarray, p_np: np.ndarray) -> None:
    got = class_report(t, p, n_classes=k)
    assert type(got) is tuple and len(got) == 2, "(cm, per_class) 튜플을 돌려주어야 합니다"
    g_cm, g_acc = got
    assert type(g_cm) is np.ndarray and g_cm.dtype == np.int64 and g_cm.shape == (k, k), "cm 은 int64 (n_classes, n_classes) 여야 합니다"
    assert type(g_acc) is np.ndarray and g_acc.dtype == np.float64 and g_acc.shape == (k,), "per_class 는 float64 (n_classes,) 여야 합니다"
    w_cm, w_acc = _want_report(t_np, p_np, k)
    assert np.array_equal(g_cm, w_cm), "혼동 행렬의 값이 다릅니다 (행 = 정답, 열 = 예측)"
    assert np.array_equal(np.isnan(g_acc), np.isnan(w_acc)), "정답 샘플이 없는 클래스만 nan 이어야 합니다"
    assert np.allclose(g_acc[~np.isnan(w_acc)], w_acc[~np.isnan(w_acc)], atol=1e-12), "클래스별 정확도가 다릅니다"


try:
    _tp = np.asarray(test_pred)                                 # the student's own predictions on x_test
except NameError:
    _tp = None
if _tp is not None and _tp.shape == (500,) and _tp.dtype.kind in "iu" and _tp.min() >= 0 and _tp.max() < 10:
    _check_report(y_test, test_pred, 10, y_test, _tp.astype(np.int64))
_g = np.random.default_rng(20)
_t = _g.integers(0, 6, 300)
_p = np.where(_g.random(300) < 0.5, _t, _g.integers(0, 7, 300))
_t[_t == 4] = 5                                                 # class 4 has no true samples, but is predicted
_t_before, _p_before = _t.copy(), _p.copy()
_check_report(np.array([2]), np.array([0]), 3, np.array([2]), np.array([0]))
_check_report(torch.from_numpy(_t), torch.from_numpy(_p), 9, _t, _p)   # torch tensors; classes 7, 8 absent
_check_report(_t, _p, 7, _t, _p)
assert np.array_equal(_t, _t_before) and np.array_equal(_p, _p_before), "입력 배열을 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 6. 실험: 사전 학습 백본은 얼마나 도움이 될까? (3점)
#
# 같은 레시피(여러분의 `train_model`)로 `build_model(pretrained=False)` 를 학습해 사전 학습 모델과 비교하세요.
#
# 답 셀에서 다음 세 이름을 만드세요.
#
# - `model_random`: `torch.manual_seed(0)` 뒤에 `train_model(build_model(pretrained=False), x_train, y_train)` 으로 학습한
#   무작위 초기화 모델.
# - `pred_random`: `model_random` 의 **`x_test`** 예측, `predict(model_random, x_test).numpy()` (NumPy 정수 배열 `(500,)`).
#   답 셀 아래의 확인 셀이 이것으로 두 모델의 클래스별 정확도를 나란히 그립니다.
# - `EXPERIMENT = {"pretrained": ..., "random": ...}`: 문제 4 의 테스트 셀이 만든 `model` (사전 학습) 과 `model_random` 을
#   `predict` 로 **`x_test`** 에서 평가한 정확도 (0 ~ 1 사이의 파이썬 `float`).
#
# 숫자를 적어 넣지 말고 답 셀에서 계산하세요. 숨은 테스트는 보고한 값을 믿지 않고 다시 잽니다: 여러분의 `build_model`,
# `train_model` 로 무작위 초기화 모델을 **다시 학습하고**, 그 모델과 `model_random`, 문제 4 의 `model` 을 처음 보는 이미지 500장에서
# (문제 4 처럼 표준화해 평가 모드로) 잰 뒤, 보고한 두 값이 다시 잰 값과 각각 **0.10 (10%p) 이내**로 맞는지, 사전 학습이 무작위
# 초기화보다 **10%p 이상** 나은지 확인합니다 (보고한 값에서도, 다시 잰 값에서도).

# %% nbgrader={"grade": false, "grade_id": "ex_experiment", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
torch.manual_seed(0)
model_random = train_model(build_model(pretrained=False), x_train, y_train)
pred_random = predict(model_random, x_test).numpy()
EXPERIMENT = {
    "pretrained": float((test_pred == y_test).mean()),
    "random": float((pred_random == y_test).mean()),
}
### END SOLUTION
print(EXPERIMENT)

# %% nbgrader={"grade": true, "grade_id": "test_experiment", "locked": true, "points": 3, "schema_version": 3, "solution": false}
assert type(EXPERIMENT) is dict and set(EXPERIMENT) == {"pretrained", "random"}, "키가 'pretrained', 'random' 인 dict 여야 합니다"
assert all(type(v) is float and 0.0 <= v <= 1.0 for v in EXPERIMENT.values()), "값은 0 ~ 1 의 파이썬 float 여야 합니다"
assert isinstance(model_random, nn.Module), "model_random 은 학습한 nn.Module 이어야 합니다"
assert type(pred_random) is np.ndarray and pred_random.shape == y_test.shape, "pred_random 은 x_test 예측 NumPy 배열 (500,) 이어야 합니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

_hx, _hy = load_holdout("cifar10")


_mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
_std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def _holdout_acc(m) -> float:
    m.eval()
    right = 0
    with torch.no_grad():
        for i in range(0, len(_hy), 250):
            xb = (torch.from_numpy(_hx[i:i + 250]).permute(0, 3, 1, 2).float() / 255 - _mean) / _std
            right += int((m(xb.to(device)).argmax(dim=1).cpu().numpy() == _hy[i:i + 250]).sum())
    return right / len(_hy)


assert isinstance(model_random, nn.Module), "model_random 은 학습한 nn.Module 이어야 합니다"
_acc_pre = _holdout_acc(model)
_acc_own = _holdout_acc(model_random)
assert abs(EXPERIMENT["random"] - _acc_own) <= 0.10, "보고한 random 정확도가 model_random 을 다시 잰 값과 맞지 않습니다"
torch.manual_seed(1)
_acc_rand = _holdout_acc(train_model(build_model(pretrained=False), x_train, y_train))
assert abs(EXPERIMENT["pretrained"] - _acc_pre) <= 0.10, "보고한 pretrained 정확도가 다시 잰 값과 맞지 않습니다"
assert abs(EXPERIMENT["random"] - _acc_rand) <= 0.10, "보고한 random 정확도가 다시 잰 값과 맞지 않습니다"
assert EXPERIMENT["pretrained"] - EXPERIMENT["random"] >= 0.10, "보고한 값에서 사전 학습이 10%p 이상 나아야 합니다"
assert _acc_pre - _acc_rand >= 0.10, "다시 재 보니 사전 학습이 무작위 초기화보다 10%p 이상 낫지 않습니다"
### END HIDDEN TESTS

# %% [markdown]
# 확인 셀 (채점하지 않음): 사전 학습의 이득이 어느 클래스에서 큰지 봅니다.

# %%
_, per_class_random = class_report(y_test, pred_random)
fig, ax = plt.subplots(figsize=(9, 3))
pos = np.arange(10)
ax.bar(pos - 0.2, per_class, width=0.4, label="사전 학습")
ax.bar(pos + 0.2, per_class_random, width=0.4, label="무작위 초기화")
ax.set_xticks(pos, list(CIFAR10_CLASSES))
ax.set_ylabel("클래스별 정확도")
ax.legend()
plt.show()

# %% [markdown]
# 📝 **한 줄 보고** (채점하지 않음): 사전 학습의 이득이 가장 큰 클래스와 가장 작은 클래스는? 백본이 본 적 없는 고양이·개는 어땠나요?

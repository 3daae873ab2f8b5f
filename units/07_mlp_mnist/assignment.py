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
import time
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - `uint8` 손글씨 이미지를 학습과 추론에서 똑같이 `/255` 로 전처리한다.
# - 784-256-128-10 MLP 를 만들고, 로짓으로 정확도를 재는 함수를 쓴다.
# - 학습 이미지 8000장으로 **테스트 정확도 97%** 를 넘는 모델을 학습한다 (이 과정의 2코어 CPU 에서 20초 안쪽).
# - 평가 모드와 `no_grad` 로 추론하고, 가중치를 `.pth` 로 저장·복원하고, 자주 헷갈리는 숫자 쌍을 찾는다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. `preprocess` 가 돌려주는 텐서의 자료형과 값의 범위는 왜 중요할까?
# 2. 출력층 뒤에 softmax 를 두면 무엇이 잘못될까?
# 3. 정확도를 잴 때 `argmax` 는 어느 축(`dim`)에서 해야 할까?
# 4. 채점 코드는 `predict` 가 평가 모드와 `no_grad` 를 썼는지 어떻게 알 수 있을까?
# 5. 저장한 파일에 모델 객체 전체가 아니라 `state_dict` 만 넣는 이유는?

# %% [markdown]
# ## 과제 안내
#
# 강의 노트북 `07_mlp_mnist` 에서 본 것을 직접 구현합니다. 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤,
# 바로 아래 테스트 셀을 실행해 확인하세요. 테스트 셀은 고치지 마세요.
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `preprocess` `/255` 정규화 | 2 |
# | 2 | `build_mlp` 784-256-128-10 MLP | 3 |
# | 3 | `accuracy` 정확도 | 2 |
# | 4 | `train_mnist` 테스트 정확도 97% | 5 |
# | 5 | `predict` 같은 전처리로 추론 | 3 |
# | 6 | `save_model` / `load_model` `.pth` 저장과 복원 | 3 |
# | 7 | `most_confused` 가장 자주 헷갈린 숫자 쌍 | 2 |
#
# - 보이는 테스트는 모양과 자료형 같은 형식을 확인합니다. 채점 때는 새 입력과 경계 경우를 확인하는 숨은 테스트가 더 실행됩니다.
# - 이 단원부터는 `helpers.train.fit` 을 써도 됩니다 (직접 쓴 학습 루프도 괜찮습니다).
# - 뒤 문제는 앞 문제의 함수를 씁니다. 위에서부터 차례로 실행하세요. 학습은 문제 4의 테스트 셀에서 **한 번만** 하고,
#   뒤의 확인 셀들은 그 모델(`trained_model`)을 다시 씁니다.
# - 모든 계산은 `device` 에서 합니다 (`COURSE_DEVICE=cuda` 로 GPU 에서도 돌아가야 합니다).

# %%
x_train_raw, y_train_np, x_test_raw, y_test_np = helpers.data.load_mnist()
print("학습:", x_train_raw.shape, x_train_raw.dtype, "| 테스트:", x_test_raw.shape, "| 정답:", y_train_np.dtype)


# %% [markdown]
# ## 문제 1. 전처리: `/255` 정규화 (2점)
#
# `preprocess(images)` 를 완성하세요.
#
# - `images`: 모양 `(N, 28, 28)`, 자료형 `uint8`, 값 0 ~ 255 인 NumPy 배열.
# - 반환: 모양이 **그대로** `(N, 28, 28)` 이고 값이 `images / 255` (0 ~ 1) 인 **`torch.float32`** 텐서 (CPU).
#   펴는 일(flatten)은 모델이 맡으니 여기서는 모양을 바꾸지 마세요.
# - 넘겨받은 배열을 바꾸지 마세요.
#
# 힌트: NumPy 에서 `images / 255` 를 먼저 하면 결과가 float64 가 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_preprocess", "locked": false, "schema_version": 3, "solution": true}
def preprocess(images: np.ndarray) -> torch.Tensor:
    """uint8 images (N, 28, 28) in 0..255 -> float32 tensor (N, 28, 28) in 0..1 on the CPU."""
    ### BEGIN SOLUTION
    return torch.tensor(images, dtype=torch.float32) / 255.0
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_preprocess", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_x = np.array([[[0, 51], [255, 102]]], dtype=np.uint8)
_out = preprocess(_x)
assert type(_out) is torch.Tensor, "반환값은 torch.Tensor 여야 합니다"
assert _out.dtype == torch.float32, "자료형은 torch.float32 여야 합니다"
assert _out.shape == (1, 2, 2), "모양이 입력과 같아야 합니다"
assert torch.allclose(_out, torch.tensor([[[0.0, 0.2], [1.0, 0.4]]])), "값이 0 ~ 1 로 정규화되지 않았습니다"
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(11)
_imgs = _rng.integers(0, 256, size=(7, 28, 28), dtype=np.uint8)
_imgs[0, 0, 0], _imgs[0, 0, 1], _imgs[0, 1, 0] = 0, 255, 3
_copy = _imgs.copy()
_out = preprocess(_imgs)
assert type(_out) is torch.Tensor and _out.dtype == torch.float32, "반환값은 torch.float32 텐서여야 합니다"
assert _out.shape == (7, 28, 28), "모양은 (N, 28, 28) 그대로여야 합니다 (펴거나 축을 바꾸지 마세요)"
assert _out.device.type == "cpu", "결과는 CPU 텐서여야 합니다"
_expected = torch.from_numpy(_copy.astype(np.float32) / np.float32(255))
assert torch.allclose(_out, _expected, atol=1e-7), "픽셀 값이 /255 한 값과 다릅니다 (행·열 순서도 확인하세요)"
assert np.array_equal(_imgs, _copy), "넘겨받은 배열을 바꾸면 안 됩니다"
_every_other = preprocess(_copy[::2])
assert type(_every_other) is torch.Tensor and _every_other.shape == (4, 28, 28), "연속되지 않은 배열(슬라이스)도 처리해야 합니다"
assert torch.allclose(_every_other, _expected[::2], atol=1e-7), "슬라이스한 배열에서 값이 다릅니다"
_one = preprocess(_copy[:1])
assert type(_one) is torch.Tensor and _one.shape == (1, 28, 28), "이미지 한 장 (1, 28, 28) 도 처리해야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 784-256-128-10 MLP (3점)
#
# `build_mlp(p_drop=0.0)` 이 아래 순서의 모델(`nn.Module`)을 새로 만들어 돌려주게 하세요. `nn.Sequential` 이든 직접 쓴 클래스든 괜찮습니다.
#
# `nn.Flatten()` → `nn.Linear(784, 256)` → `nn.ReLU()` → `nn.Dropout(p_drop)` → `nn.Linear(256, 128)` → `nn.ReLU()` → `nn.Dropout(p_drop)` → `nn.Linear(128, 10)`
#
# - 입력: 모양 `(N, 28, 28)` (또는 `(N, 1, 28, 28)`) 의 float32 이미지. 행을 차례로 이어 784 로 폅니다 (`nn.Flatten` 과 같은 순서).
# - 출력: 모양 `(N, 10)` 의 **로짓**. 출력층 뒤에 softmax 를 두지 마세요 (`CrossEntropyLoss` 가 안에서 계산합니다).
# - 드롭아웃 층은 `p_drop=0` 이어도 **늘 넣어 두세요**. 그래야 `p_drop` 과 상관없이 층 구성과 `state_dict` 의 키가 같아,
#   `p_drop=0.1` 로 학습한 가중치를 `build_mlp()` 로 만든 모델에 불러올 수 있습니다 (문제 6).

# %% nbgrader={"grade": false, "grade_id": "ex_build_mlp", "locked": false, "schema_version": 3, "solution": true}
def build_mlp(p_drop: float = 0.0) -> nn.Module:
    """784-256-128-10 MLP: Flatten, (Linear, ReLU, Dropout) twice, Linear to 10 logits."""
    ### BEGIN SOLUTION
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 256), nn.ReLU(), nn.Dropout(p_drop),
        nn.Linear(256, 128), nn.ReLU(), nn.Dropout(p_drop),
        nn.Linear(128, 10),
    )
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_build_mlp", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_net = build_mlp()
assert isinstance(_net, nn.Module), "nn.Module 을 돌려주세요"
assert sum(p.numel() for p in _net.parameters()) == 784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, "매개변수 개수가 784-256-128-10 MLP 와 다릅니다"
_out = _net(torch.rand(5, 28, 28))
assert type(_out) is torch.Tensor and _out.shape == (5, 10), "출력 모양은 (N, 10) 이어야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(3)
_net = build_mlp(0.0).to(device)
_lins = [m for m in _net.modules() if type(m) is nn.Linear]
_by_shape = {(m.in_features, m.out_features): m for m in _lins}
assert len(_lins) == 3 and set(_by_shape) == {(784, 256), (256, 128), (128, 10)}, "Linear 층이 784→256, 256→128, 128→10 세 개가 아닙니다"
_l1, _l2, _l3 = _by_shape[(784, 256)], _by_shape[(256, 128)], _by_shape[(128, 10)]


def _manual(x):
    h = torch.clamp(x.reshape(len(x), 784) @ _l1.weight.T + _l1.bias, min=0)
    h = torch.clamp(h @ _l2.weight.T + _l2.bias, min=0)
    return h @ _l3.weight.T + _l3.bias


_x = torch.rand(16, 28, 28, device=device)
_net.eval()
with torch.no_grad():
    _out = _net(_x)
    _expected = _manual(_x)
    _out4 = _net(_x[:, None])
assert type(_out) is torch.Tensor and _out.shape == (16, 10) and _out.dtype == torch.float32, "출력은 모양 (N, 10) 의 float32 텐서여야 합니다"
assert torch.allclose(_out, _expected, atol=1e-5), "출력이 Flatten → Linear → ReLU → Linear → ReLU → Linear 의 로짓과 다릅니다 (softmax 를 붙이지 마세요)"
assert type(_out4) is torch.Tensor and torch.allclose(_out4, _expected, atol=1e-5), "(N, 1, 28, 28) 입력에서도 같은 로짓이 나와야 합니다"
_y = _net(_x).sum()
_y.backward()
assert all(p.grad is not None for p in _net.parameters()), "모든 매개변수로 기울기가 흘러야 합니다"
torch.manual_seed(4)
_d = build_mlp(0.5).to(device)
_d.train()
with torch.no_grad():
    _a, _b = _d(_x), _d(_x)
assert not torch.allclose(_a, _b), "p_drop=0.5 의 학습 모드에서는 드롭아웃 때문에 출력이 매번 달라야 합니다"
_d.eval()
_dl = {(m.in_features, m.out_features): m for m in _d.modules() if type(m) is nn.Linear}
_l1, _l2, _l3 = _dl[(784, 256)], _dl[(256, 128)], _dl[(128, 10)]
with torch.no_grad():
    assert torch.allclose(_d(_x), _manual(_x), atol=1e-5), "평가 모드에서는 드롭아웃이 꺼져 로짓이 같아야 합니다"
assert list(build_mlp(0.0).state_dict().keys()) == list(build_mlp(0.3).state_dict().keys()), "p_drop 에 따라 층 구성(state_dict 키)이 달라지면 안 됩니다"
_m1, _m2 = build_mlp(), build_mlp()
assert not any(p is q for p in _m1.parameters() for q in _m2.parameters()), "부를 때마다 새 모델을 만들어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. 정확도 (2점)
#
# `accuracy(logits, targets)` 는 로짓 `(N, C)` 와 정수 정답 `(N,)` 을 받아, 가장 큰 로짓의 위치가 정답과 같은 행의
# **비율**을 **파이썬 `float`** 으로 돌려줍니다 (0.0 ~ 1.0).
#
# - 로짓과 정답은 GPU 에 있을 수도, 로짓에 기울기 기록(`requires_grad`)이 붙어 있을 수도 있습니다.
# - 넘겨받은 텐서를 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_accuracy", "locked": false, "schema_version": 3, "solution": true}
def accuracy(logits: torch.Tensor, targets: torch.Tensor) -> float:
    """Fraction of rows whose largest logit is at the target class, as a Python float."""
    ### BEGIN SOLUTION
    return (logits.argmax(dim=1) == targets).float().mean().item()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_accuracy", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_acc = accuracy(torch.tensor([[2.0, 1.0, 0.0], [0.0, 1.0, 3.0]]), torch.tensor([0, 1]))
assert type(_acc) is float, "반환값은 파이썬 float 이어야 합니다 (.item())"
assert abs(_acc - 0.5) < 1e-9, "2개 중 1개를 맞혔으니 0.5 여야 합니다"
### BEGIN HIDDEN TESTS
def _expected_acc(lg, t):
    lg, t = lg.detach().cpu().tolist(), t.cpu().tolist()
    return sum(int(max(range(len(row)), key=row.__getitem__) == ti) for row, ti in zip(lg, t)) / len(t)


_g = torch.Generator().manual_seed(21)
_sq = torch.randn(10, 10, generator=_g)                    # as many rows as classes
_t = _sq.argmax(dim=1).clone()
_t[[1, 4, 8]] = (_t[[1, 4, 8]] + 1) % 10                   # 7 of 10 right
_before = _sq.clone()
_acc = accuracy(_sq, _t)
assert type(_acc) is float, "반환값은 파이썬 float 이어야 합니다"
assert abs(_acc - _expected_acc(_sq, _t)) < 1e-6, "정확도가 다릅니다 (argmax 의 축을 확인하세요)"
assert torch.equal(_sq, _before), "넘겨받은 로짓을 바꾸면 안 됩니다"
_lg = torch.randn(1000, 10, generator=_g).to(device).requires_grad_()
_tt = torch.randint(0, 10, (1000,), generator=_g)
_tt[:600] = _lg[:600].detach().argmax(dim=1).cpu()
_acc = accuracy(_lg, _tt.to(device))
assert type(_acc) is float and abs(_acc - _expected_acc(_lg, _tt)) < 1e-6, "배치가 크거나 기울기 기록이 있는 로짓에서 정확도가 다릅니다"
_all = accuracy(torch.eye(4), torch.arange(4))
_none = accuracy(torch.eye(3), torch.tensor([1, 2, 0]))
assert type(_all) is float and type(_none) is float and _all == 1.0 and _none == 0.0, "모두 맞히면 1.0, 모두 틀리면 0.0 이어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. 테스트 정확도 97% (5점)
#
# `train_mnist(x_train, y_train, device)` 는 원본 학습 이미지(`uint8` `(N, 28, 28)`)와 정답(`int64` `(N,)`)으로
# `build_mlp` 의 MLP 를 학습해, **`device` 위의 학습된 모델**을 돌려줍니다.
#
# - 목표: 테스트 이미지 2000장의 정확도 **97% 이상**. 강의 레시피는 이 과정의 2코어 CPU 에서 20초 안쪽이면 끝납니다.
#   채점은 시간이 아니라 정확도로 합니다 (한 셀의 제한 시간 300초 안에만 끝나면 됩니다; 채점 컴퓨터가 바쁘면 더 느려지기 때문입니다).
#   테스트 셀이 시드를 고정하고 학습 시간을 보여 주며, 정확도는 테스트 셀이 직접 계산합니다
#   (`model.eval()`, `torch.no_grad()`, 입력은 `/255` 한 float32 `(N, 28, 28)`).
# - 전처리는 문제 1의 `preprocess`, 모델은 문제 2의 `build_mlp` 를 씁니다. 구조(784-256-128-10)는 바꾸지 마세요.
# - 테스트 데이터로 학습하거나 고르지 마세요. 넘겨받은 배열을 바꾸지 마세요.
#
# 강의 7절의 레시피(몇 초 걸리고 약 98%):
# `build_mlp(p_drop=0.1)`, `DataLoader(TensorDataset(...), batch_size=128, shuffle=True)`, `Adam(lr=0.003)`,
# `CosineAnnealingLR(T_max=20)`, `nn.CrossEntropyLoss(label_smoothing=0.1)`, 20 에포크, 그리고
# ±2픽셀 이동 증강 `helpers.train.fit(..., scheduler=..., augment=helpers.train.random_shift)`.
# 흔히 보는 입문 레시피(Adam 0.001, 5 에포크)로는 약 94% 에 그칩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_train_mnist", "locked": false, "schema_version": 3, "solution": true}
def train_mnist(x_train: np.ndarray, y_train: np.ndarray, device: torch.device) -> nn.Module:
    """Train build_mlp on raw uint8 MNIST images; return the trained model on `device`."""
    ### BEGIN SOLUTION
    epochs = 20
    dataset = TensorDataset(preprocess(x_train), torch.as_tensor(y_train, dtype=torch.long))
    loader = DataLoader(dataset, batch_size=128, shuffle=True)
    model = build_mlp(p_drop=0.1).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    helpers.train.fit(model, loader, nn.CrossEntropyLoss(label_smoothing=0.1), optimizer, epochs=epochs,
                      device=device, scheduler=scheduler, augment=helpers.train.random_shift)
    return model
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_train_mnist", "locked": true, "points": 5, "schema_version": 3, "solution": false}
_x_tr, _y_tr, _x_te, _y_te = helpers.data.load_mnist()
_x_tr0, _y_tr0 = _x_tr.copy(), _y_tr.copy()
torch.manual_seed(0)
_t0 = time.perf_counter()
trained_model = train_mnist(_x_tr, _y_tr, device)
_secs = time.perf_counter() - _t0
assert isinstance(trained_model, nn.Module), "학습한 모델(nn.Module)을 돌려주세요"
trained_model.eval()
with torch.no_grad():
    _pred = trained_model(torch.tensor(_x_te, dtype=torch.float32, device=device) / 255).argmax(dim=1).cpu()
_acc = (_pred == torch.from_numpy(_y_te)).double().mean().item()
print(f"테스트 정확도 {_acc:.2%} | 학습 시간 {_secs:.1f}초")
assert _acc >= 0.97, "테스트 정확도가 97% 에 못 미칩니다"
### BEGIN HIDDEN TESTS
_lins = [m for m in trained_model.modules() if type(m) is nn.Linear]
assert sorted((m.in_features, m.out_features) for m in _lins) == [(128, 10), (256, 128), (784, 256)], "784-256-128-10 MLP 를 학습해야 합니다"
assert sum(p.numel() for p in trained_model.parameters()) == 235146, "784-256-128-10 MLP 말고 다른 매개변수가 있습니다"
assert all(p.device.type == device.type for p in trained_model.parameters()), "학습한 모델은 device 에 있어야 합니다"
assert np.array_equal(_x_tr, _x_tr0) and np.array_equal(_y_tr, _y_tr0), "넘겨받은 배열을 바꾸면 안 됩니다"
trained_model.eval()
_right = 0
with torch.no_grad():
    for _i in range(0, len(_x_te), 500):
        _xb = torch.from_numpy(_x_te[_i:_i + 500].astype(np.float32) / np.float32(255))[:, None].to(device)
        _right += int((trained_model(_xb).argmax(dim=1).cpu().numpy() == _y_te[_i:_i + 500]).sum())
assert _right / len(_y_te) >= 0.97, "테스트 정확도가 97% 에 못 미칩니다"
### END HIDDEN TESTS

# %% [markdown]
# 학습한 모델을 문제 3의 `accuracy` 로도 재 봅니다 (채점하지 않는 확인 셀).

# %%
trained_model.eval()
with torch.no_grad():
    test_logits = trained_model(preprocess(x_test_raw).to(device))
print(f"내 accuracy 함수로 잰 테스트 정확도: {accuracy(test_logits, torch.from_numpy(y_test_np).to(device)):.2%}")


# %% [markdown]
# ## 문제 5. 같은 전처리로 추론하기 (3점)
#
# `predict(model, images, device)` 는 원본 이미지(`uint8` `(N, 28, 28)`)의 숫자를 예측해 **CPU 위의 `int64` 텐서 `(N,)`** 로 돌려줍니다.
#
# - 학습 때와 **같은** 전처리(문제 1의 `preprocess`)를 하고 `device` 로 옮겨 모델에 넣습니다.
# - `model.eval()` 로 평가 모드를 켜고 `torch.no_grad()` 안에서 계산합니다 (드롭아웃이 있는 모델도 올 수 있습니다).
# - 예측은 로짓의 클래스 축에서 가장 큰 값의 위치입니다.
# - 넘겨받은 배열을 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_predict", "locked": false, "schema_version": 3, "solution": true}
def predict(model: nn.Module, images: np.ndarray, device: torch.device) -> torch.Tensor:
    """Predicted digits (int64 tensor (N,) on the CPU) for raw uint8 images (N, 28, 28)."""
    ### BEGIN SOLUTION
    model.eval()
    with torch.no_grad():
        logits = model(preprocess(images).to(device))
    return logits.argmax(dim=1).cpu()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_predict", "locked": true, "points": 3, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_lin = nn.Sequential(nn.Flatten(), nn.Linear(784, 10)).to(device)
_imgs = np.random.default_rng(0).integers(0, 256, (4, 28, 28), dtype=np.uint8)
_p = predict(_lin, _imgs, device)
assert type(_p) is torch.Tensor and _p.shape == (4,), "반환값은 모양 (N,) 인 텐서여야 합니다"
assert _p.dtype == torch.int64 and _p.device.type == "cpu", "CPU 위의 int64 텐서를 돌려주세요"
### BEGIN HIDDEN TESTS
class _Probe(nn.Module):
    """Linear model with dropout that records how it was called."""

    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(784, 10)
        self.drop = nn.Dropout(0.5)
        self.calls = []

    def forward(self, x):
        self.calls.append((self.training, torch.is_grad_enabled(), x.dtype, float(x.min()), float(x.max())))
        return self.drop(self.lin(x.reshape(len(x), -1)))


torch.manual_seed(5)
_probe = _Probe().to(device)
_probe.train()
_imgs = np.random.default_rng(5).integers(0, 256, (50, 28, 28), dtype=np.uint8)
_imgs[0, 0, 0], _imgs[0, 0, 1] = 0, 255
_copy = _imgs.copy()
_p = predict(_probe, _imgs, device)
assert len(_probe.calls) >= 1, "model(x) 로 모델을 불러야 합니다"
assert not any(c[0] for c in _probe.calls), "예측 전에 model.eval() 로 평가 모드를 켜야 합니다 (드롭아웃이 켜져 있습니다)"
assert not any(c[1] for c in _probe.calls), "예측은 torch.no_grad() 안에서 해야 합니다"
assert all(c[2] == torch.float32 and c[3] >= 0.0 and c[4] <= 1.0 for c in _probe.calls), "모델 입력은 학습 때처럼 /255 한 float32 (0 ~ 1) 여야 합니다"
with torch.no_grad():
    _W, _b = _probe.lin.weight.detach().cpu(), _probe.lin.bias.detach().cpu()
    _expected = (torch.from_numpy(_copy.reshape(50, 784).astype(np.float32) / np.float32(255)) @ _W.T + _b).argmax(dim=1)
assert type(_p) is torch.Tensor and _p.shape == (50,), "반환값은 모양 (N,) 인 텐서여야 합니다"
assert _p.dtype == torch.int64 and _p.device.type == "cpu", "CPU 위의 int64 텐서를 돌려주세요"
assert torch.equal(_p, _expected), "예측한 숫자가 다릅니다"
assert np.array_equal(_imgs, _copy), "넘겨받은 이미지를 바꾸면 안 됩니다"
_one = predict(_probe, _copy[:1], device)
assert type(_one) is torch.Tensor and _one.shape == (1,) and int(_one[0]) == int(_expected[0]), "이미지 한 장도 예측해야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# 학습한 모델로 테스트 이미지 3장을 예측해 봅니다 (채점하지 않는 확인 셀).

# %%
picks = np.random.default_rng(7).choice(len(x_test_raw), size=3, replace=False)
picked = predict(trained_model, x_test_raw[picks], device)
helpers.plot.show_images(x_test_raw[picks], labels=y_test_np[picks], preds=picked, ncols=3)
plt.show()


# %% [markdown]
# ## 문제 6. `.pth` 로 저장하고 다시 불러오기 (3점)
#
# 두 함수를 완성하세요.
#
# - `save_model(model, path)`: 모델 객체 전체가 아니라 **`model.state_dict()` 만** `torch.save` 로 `path` 에 저장합니다.
#   (그래야 `torch.load(path, weights_only=True)` 로 안전하게 읽을 수 있습니다.)
# - `load_model(path, device)`: `build_mlp()` 로 같은 구조의 모델을 새로 만들고, `path` 의 가중치를 `load_state_dict` 로 채워
#   `device` 로 옮기고 **평가 모드**로 바꿔 돌려줍니다. 저장한 모델이 `device` 와 다른 장치에 있었을 수도 있습니다 (`map_location`).

# %% nbgrader={"grade": false, "grade_id": "ex_save_load", "locked": false, "schema_version": 3, "solution": true}
def save_model(model: nn.Module, path: Path) -> None:
    """Save only the weights (state_dict) of `model` to `path`."""
    ### BEGIN SOLUTION
    torch.save(model.state_dict(), path)
    ### END SOLUTION


def load_model(path: Path, device: torch.device) -> nn.Module:
    """A new build_mlp() filled with the weights saved at `path`, on `device`, in eval mode."""
    ### BEGIN SOLUTION
    model = build_mlp()
    model.load_state_dict(torch.load(path, map_location=device))
    return model.to(device).eval()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_save_load", "locked": true, "points": 3, "schema_version": 3, "solution": false}
with tempfile.TemporaryDirectory() as _tmp:
    _path = Path(_tmp) / "mlp.pth"
    save_model(build_mlp().to(device), _path)
    assert _path.is_file(), "path 에 파일이 생기지 않았습니다"
    _loaded = load_model(_path, device)
assert isinstance(_loaded, nn.Module), "load_model 은 nn.Module 을 돌려주어야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(8)
_ma, _mb = build_mlp(0.3).to(device), build_mlp(0.3).to(device)
with torch.no_grad():
    for _prm in _ma.parameters():
        _prm.add_(0.01)
with tempfile.TemporaryDirectory() as _tmp:
    _pa, _pb = Path(_tmp) / "a.pth", Path(_tmp) / "b.pth"
    save_model(_ma, _pa)
    save_model(_mb, _pb)
    try:
        _state = torch.load(_pa, map_location="cpu", weights_only=True)
    except Exception:
        _state = None
    assert isinstance(_state, dict), "state_dict (이름 → 텐서 사전)만 저장해야 합니다 (모델 객체 전체가 아니라)"
    _ref = _ma.state_dict()
    assert set(_state.keys()) == set(_ref.keys()), "저장한 사전의 키가 model.state_dict() 와 다릅니다"
    assert all(type(_state[k]) is torch.Tensor and torch.equal(_state[k], _ref[k].cpu()) for k in _ref), "저장한 가중치 값이 다릅니다"
    _la, _lb = load_model(_pa, device), load_model(_pb, device)
assert isinstance(_la, nn.Module) and isinstance(_lb, nn.Module), "load_model 은 nn.Module 을 돌려주어야 합니다"
assert not _la.training and not _lb.training, "불러온 모델은 평가 모드(eval)여야 합니다"
assert all(p.device.type == device.type for p in _la.parameters()), "불러온 모델은 device 에 있어야 합니다"
_ma.eval()
_mb.eval()
_x = torch.rand(6, 28, 28, device=device)
with torch.no_grad():
    _same_a = torch.allclose(_la(_x), _ma(_x), atol=1e-6)
    _same_b = torch.allclose(_lb(_x), _mb(_x), atol=1e-6)
assert _same_a and _same_b, "불러온 모델의 출력이 저장한 모델과 다릅니다 (파일의 가중치를 불러왔는지 확인하세요)"
### END HIDDEN TESTS

# %% [markdown]
# 학습한 모델을 임시 폴더에 저장했다가 불러와, 예측이 그대로인지 확인합니다 (채점하지 않는 확인 셀).

# %%
with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "mnist_mlp.pth"
    save_model(trained_model, path)
    print(f"저장한 파일 크기: {path.stat().st_size / 1024:.0f} KB")
    restored = load_model(path, device)
same = torch.equal(predict(restored, x_test_raw, device), predict(trained_model, x_test_raw, device))
print("불러온 모델의 예측이 원래 모델과 같은가:", same)


# %% [markdown]
# ## 문제 7. 가장 자주 헷갈린 숫자 쌍 (2점)
#
# `most_confused(y_true, y_pred, k=3)` 는 정답과 예측(0 ~ 9 정수의 1차원 NumPy 배열, 길이 같음)에서 **틀린** 경우를
# `(정답, 예측)` 쌍별로 세어, 가장 많은 `k` 개를 `(정답, 예측, 개수)` 튜플의 리스트로 돌려줍니다.
#
# - 개수가 많은 순서. 개수가 같으면 정답이 작은 것, 그것도 같으면 예측이 작은 것이 먼저입니다.
# - 맞힌 경우(정답 == 예측)는 세지 않습니다. 틀린 쌍이 `k` 개보다 적으면 있는 만큼만 돌려줍니다 (하나도 없으면 `[]`).
# - 튜플의 세 값은 모두 파이썬 `int` 입니다. 넘겨받은 배열을 바꾸지 마세요.
# - `helpers.plot.confusion_matrix(y_true, y_pred, 10)` (혼동 행렬, `C[i, j]` = 정답 i 를 j 로 예측한 수)를 써도 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_most_confused", "locked": false, "schema_version": 3, "solution": true}
def most_confused(y_true: np.ndarray, y_pred: np.ndarray, k: int = 3) -> list[tuple[int, int, int]]:
    """The k most frequent mistakes as (true digit, predicted digit, count), most frequent first."""
    ### BEGIN SOLUTION
    cm = helpers.plot.confusion_matrix(y_true, y_pred, 10)
    pairs = [(i, j, int(cm[i, j])) for i in range(10) for j in range(10) if i != j and cm[i, j] > 0]
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    return pairs[:k]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_most_confused", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_r = most_confused(np.array([4, 4, 4, 9, 7, 1]), np.array([9, 9, 4, 4, 7, 7]), k=2)
assert isinstance(_r, list) and len(_r) == 2, "k 개의 튜플을 담은 리스트를 돌려주세요"
assert all(type(_t) is tuple and len(_t) == 3 and all(type(_v) is int for _v in _t) for _t in _r), "각 항목은 파이썬 int 세 개의 튜플이어야 합니다"
assert _r[0] == (4, 9, 2), "가장 많이 틀린 쌍이 다릅니다"
### BEGIN HIDDEN TESTS
def _reference(t, p, k):
    counts = {}
    for a, b in zip(t.tolist(), p.tolist()):
        if a != b:
            counts[(a, b)] = counts.get((a, b), 0) + 1
    return sorted(((a, b, n) for (a, b), n in counts.items()), key=lambda x: (-x[2], x[0], x[1]))[:k]


def _as_plain(r):
    assert isinstance(r, list), "리스트를 돌려주세요"
    assert all(type(t) is tuple and len(t) == 3 and all(type(v) is int for v in t) for t in r), "각 항목은 파이썬 int 세 개의 튜플이어야 합니다"
    return [tuple(int(v) for v in t) for t in r]


_r = _as_plain(most_confused(np.array([4, 4, 4, 9, 7, 1]), np.array([9, 9, 4, 4, 7, 7]), k=3))
assert _r == [(4, 9, 2), (1, 7, 1), (9, 4, 1)], "개수가 같을 때의 순서(정답, 예측이 작은 것 먼저)를 확인하세요"
_rng = np.random.default_rng(33)
_t = _rng.integers(0, 10, 600)
_p = np.where(_rng.random(600) < 0.7, _t, _rng.integers(0, 10, 600))
_t0, _p0 = _t.copy(), _p.copy()
assert _as_plain(most_confused(_t, _p, k=5)) == _reference(_t0, _p0, 5), "임의의 예측에서 헷갈린 쌍이 다릅니다"
assert np.array_equal(_t, _t0) and np.array_equal(_p, _p0), "넘겨받은 배열을 바꾸면 안 됩니다"
assert _as_plain(most_confused(_t, _p)) == _reference(_t0, _p0, 3), "k 의 기본값은 3 입니다"
assert _as_plain(most_confused(np.array([3, 8, 8]), np.array([5, 8, 3]), k=10)) == [(3, 5, 1), (8, 3, 1)], "틀린 쌍이 k 개보다 적으면 있는 만큼만 돌려주세요"
assert _as_plain(most_confused(np.arange(10), np.arange(10), k=3)) == [], "모두 맞히면 빈 리스트여야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# 학습한 모델의 혼동 행렬과 가장 자주 헷갈린 쌍을 봅니다 (채점하지 않는 확인 셀).

# %%
test_preds = predict(trained_model, x_test_raw, device).numpy()
helpers.plot.plot_confusion_matrix(y_test_np, test_preds, [str(d) for d in range(10)], title="내 모델의 혼동 행렬")
plt.show()
for true_digit, pred_digit, count in most_confused(y_test_np, test_preds, k=5):
    print(f"정답 {true_digit} → 예측 {pred_digit}: {count}장")

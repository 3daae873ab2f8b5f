# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import helpers
import copy
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset, TensorDataset

device = helpers.setup(seed=0)


# %% [markdown]
# ## 🎯 학습 목표
#
# - `Dataset` 을 직접 만들어 `DataLoader` 가 올바른 모양과 자료형의 미니배치를 만들게 한다.
# - `nn.Module` 을 상속해 층을 등록하고 `forward` 를 쓴다.
# - `zero_grad → model(x) → loss → backward → step` 학습 루프와 `eval` + `no_grad` 평가 함수를 직접 쓴다.
# - 추론 때 학습과 같은 전처리를 적용하고, `nn.Linear` 로 학습한 직선을 닫힌 해와 2% 안으로 맞춘다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. `Dataset` 의 `__getitem__` 이 돌려주는 텐서의 모양과 자료형은 왜 중요할까?
# 2. 층을 파이썬 리스트에 담으면 무엇이 잘못될까?
# 3. 한 에포크의 평균 손실은 왜 배치 크기로 가중해야 할까?
# 4. 채점 코드는 `model.train()`, `model.eval()`, `torch.no_grad()` 를 썼는지 어떻게 알 수 있을까?
# 5. 표준화한 입력으로 학습한 직선을 원래 단위로 어떻게 되돌릴까?

# %% [markdown]
# ## 과제 안내
#
# 강의 노트북 `06_nn_training` 에서 배운 것을 직접 구현합니다. 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤,
# 바로 아래 테스트 셀을 실행해 확인하세요. 테스트 셀은 고치지 마세요.
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `TipsDataset` 사용자 정의 데이터셋 | 2 |
# | 2 | `TwoLayerNet` 모듈 | 2 |
# | 3 | `train_one_epoch` 한 에포크 학습 | 3 |
# | 4 | `evaluate` 평가 | 2 |
# | 5 | `predict_tips` 같은 전처리로 예측 | 2 |
# | 6 | `fit_tip_line` tips 직선 학습 (닫힌 해와 2% 이내) | 3 |
#
# - 보이는 테스트는 모양과 자료형 같은 형식을 확인합니다. 채점 때는 새 입력과 경계 경우를 확인하는 숨은 테스트가 더 실행됩니다.
# - 이 단원에서는 학습 루프를 **직접** 씁니다. `helpers.train.fit` 같은 완성된 학습 함수는 쓰지 마세요.
# - 뒤 문제는 앞 문제의 함수(`TipsDataset`, `train_one_epoch`)를 써도 됩니다. 위에서부터 차례로 실행하세요.
# - 모든 계산은 `device` 에서 합니다 (`COURSE_DEVICE=cuda` 로 GPU 에서도 돌아가야 합니다).

# %% [markdown]
# ## 문제 1. 사용자 정의 `Dataset` (2점)
#
# `TipsDataset(x, y, x_mean, x_std)` 를 완성하세요.
#
# - `x`, `y`: 길이가 같은 1차원 NumPy 배열 (보통 float64). 길이가 다르면 `ValueError` 를 냅니다.
# - `len(ds)` 는 샘플 수입니다.
# - `ds[i]` 는 튜플 `(x_i, y_i)` 입니다. `x_i` 는 표준화한 값 `(x[i] - x_mean) / x_std`, `y_i` 는 `y[i]` 이고,
#   둘 다 **모양 `(1,)` 인 `torch.float32` 텐서**입니다. 그래야 `DataLoader` 가 `(배치, 1)` 모양으로 묶어
#   `nn.Linear(1, 1)` 에 바로 넣을 수 있습니다.
# - 넘겨받은 배열을 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_tips_dataset", "locked": false, "schema_version": 3, "solution": true}
class TipsDataset(Dataset):
    """(standardised x, y) pairs; each item is a pair of float32 tensors of shape (1,)."""

    def __init__(self, x: np.ndarray, y: np.ndarray, x_mean: float, x_std: float):
        ### BEGIN SOLUTION
        x, y = np.asarray(x), np.asarray(y)
        if len(x) != len(y):
            raise ValueError(f"x 와 y 의 길이가 다릅니다: {len(x)} vs {len(y)}")
        self.x = torch.tensor((x - x_mean) / x_std, dtype=torch.float32).reshape(-1, 1)
        self.y = torch.tensor(y, dtype=torch.float32).reshape(-1, 1)
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return len(self.x)
        ### END SOLUTION

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        ### BEGIN SOLUTION
        return self.x[i], self.y[i]
        ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_tips_dataset", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_ds = TipsDataset(np.array([10.0, 20.0, 30.0]), np.array([1.0, 2.5, 4.0]), 20.0, 10.0)
assert len(_ds) == 3, "len(ds) 가 샘플 수와 다릅니다"
_item = _ds[0]
assert isinstance(_item, tuple) and len(_item) == 2, "ds[i] 는 (x_i, y_i) 튜플이어야 합니다"
assert type(_item[0]) is torch.Tensor and type(_item[1]) is torch.Tensor, "x_i, y_i 는 torch.Tensor 여야 합니다"
assert _item[0].shape == (1,) and _item[1].shape == (1,), "x_i, y_i 의 모양은 (1,) 이어야 합니다"
assert _item[0].dtype == torch.float32 and _item[1].dtype == torch.float32, "x_i, y_i 의 dtype 은 torch.float32 여야 합니다"
assert torch.allclose(_item[0], torch.tensor([-1.0])), "첫 샘플의 x 가 다릅니다 (표준화를 확인하세요)"
assert torch.allclose(_item[1], torch.tensor([1.0])), "첫 샘플의 y 가 다릅니다"
### BEGIN HIDDEN TESTS
_tips = helpers.data.load_seaborn("tips")
_x, _y = _tips["total_bill"].to_numpy().copy(), _tips["tip"].to_numpy().copy()
_x0, _y0 = _x.copy(), _y.copy()
_m, _s = float(_x.mean()), float(_x.std())
_ds = TipsDataset(_x, _y, _m, _s)
assert len(_ds) == 244, "tips 전체(244행)로 만든 데이터셋의 길이가 다릅니다"
for _i in (0, 1, 117, 243):
    _xi, _yi = _ds[_i]
    assert type(_xi) is torch.Tensor and _xi.dtype == torch.float32 and _xi.shape == (1,), "x_i 는 모양 (1,) 인 float32 텐서여야 합니다"
    assert type(_yi) is torch.Tensor and _yi.dtype == torch.float32 and _yi.shape == (1,), "y_i 는 모양 (1,) 인 float32 텐서여야 합니다"
    assert abs(_xi.item() - (_x0[_i] - _m) / _s) < 1e-5, "표준화한 x_i 값이 다릅니다"
    assert abs(_yi.item() - _y0[_i]) < 1e-5, "y_i 값이 다릅니다"
assert np.array_equal(_x, _x0) and np.array_equal(_y, _y0), "넘겨받은 배열을 바꾸면 안 됩니다"
_xbs, _ybs = [], []
for _xb, _yb in DataLoader(_ds, batch_size=50):
    assert _xb.shape == (len(_xb), 1) and _yb.shape == (len(_yb), 1), "DataLoader 배치의 모양이 (배치, 1) 이 아닙니다"
    _xbs.append(_xb)
    _ybs.append(_yb)
assert torch.allclose(torch.cat(_ybs).reshape(-1).double(), torch.from_numpy(_y0), atol=1e-5), "DataLoader 가 모든 샘플을 순서대로 한 번씩 꺼내지 못합니다"
_raised = False
try:
    TipsDataset(np.arange(5.0), np.arange(4.0), 0.0, 1.0)
except ValueError:
    _raised = True
assert _raised, "x 와 y 의 길이가 다르면 ValueError 를 내야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. `nn.Module` 만들기 (2점)
#
# `TwoLayerNet(in_features, hidden, out_features)` 를 완성하세요. 구조는
# `nn.Linear(in_features, hidden)` → `nn.ReLU()` → `nn.Linear(hidden, out_features)` 입니다.
#
# - `__init__` 에서 `super().__init__()` 을 먼저 부르고, 층을 **속성으로** 만듭니다 (속성 이름은 자유).
# - `forward(x)` 는 모양 `(배치, in_features)` 를 `(배치, out_features)` 로 바꿉니다.
# - `nn.Linear` 는 정확히 두 개만 씁니다. 출력층 뒤에는 활성화 함수를 두지 않습니다
#   (회귀의 출력과 분류의 로짓은 음수일 수도 있습니다).

# %% nbgrader={"grade": false, "grade_id": "ex_two_layer_net", "locked": false, "schema_version": 3, "solution": true}
class TwoLayerNet(nn.Module):
    """Linear(in, hidden) -> ReLU -> Linear(hidden, out)."""

    def __init__(self, in_features: int, hidden: int, out_features: int):
        ### BEGIN SOLUTION
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(hidden, out_features)
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        ### BEGIN SOLUTION
        return self.fc2(self.act(self.fc1(x)))
        ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_two_layer_net", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_net = TwoLayerNet(3, 5, 2)
assert isinstance(_net, nn.Module), "TwoLayerNet 은 nn.Module 을 상속해야 합니다"
assert sum(p.numel() for p in _net.parameters()) == 3 * 5 + 5 + 5 * 2 + 2, "매개변수 개수가 다릅니다 (층이 모듈에 등록되었는지 확인하세요)"
_out = _net(torch.randn(4, 3))
assert type(_out) is torch.Tensor and _out.shape == (4, 2), "출력 모양은 (배치, out_features) 여야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(1)
_net = TwoLayerNet(4, 16, 3).to(device)
_lins = [m for m in _net.modules() if type(m) is nn.Linear]
assert len(_lins) == 2, "nn.Linear 는 정확히 두 개여야 합니다"
_first = [m for m in _lins if (m.in_features, m.out_features) == (4, 16)]
_second = [m for m in _lins if (m.in_features, m.out_features) == (16, 3)]
assert len(_first) == 1 and len(_second) == 1, "층의 입력·출력 크기가 (in, hidden), (hidden, out) 이 아닙니다"
_l1, _l2 = _first[0], _second[0]
_x = 2 * torch.randn(64, 4, device=device)
_out = _net(_x)
assert type(_out) is torch.Tensor and _out.shape == (64, 3) and _out.dtype == torch.float32, "출력의 모양/dtype 이 다릅니다"
assert _out.device.type == device.type, "출력이 입력과 같은 장치에 있어야 합니다"
with torch.no_grad():
    _expected = torch.clamp(_x @ _l1.weight.T + _l1.bias, min=0) @ _l2.weight.T + _l2.bias
assert torch.allclose(_out, _expected, atol=1e-5), "Linear → ReLU → Linear 의 계산 결과와 다릅니다"
from grading.testkit import grads_reach_all

assert grads_reach_all(_net, _x), "모든 매개변수로 기울기가 흘러야 합니다"
_one = _net(torch.randn(1, 4, device=device))
assert _one.shape == (1, 3), "배치 크기 1 에서도 동작해야 합니다"
_a, _b = TwoLayerNet(2, 3, 1), TwoLayerNet(2, 3, 1)
assert not any(p is q for p in _a.parameters() for q in _b.parameters()), "모델마다 자기 층을 가져야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. `train_one_epoch` (3점)
#
# `train_one_epoch(model, loader, loss_fn, optimizer, device)` 는 `loader` 를 한 바퀴 돌며 모델을 학습하고
# 에포크 평균 손실을 돌려줍니다.
#
# 1. 맨 먼저 `model.train()` 으로 학습 모드를 켭니다.
# 2. 미니배치 `(xb, yb)` 마다: `device` 로 옮기기 → `optimizer.zero_grad()` → `model(xb)` (`forward` 를 직접 부르지 않기)
#    → `loss_fn(pred, yb)` → `loss.backward()` → `optimizer.step()`.
# 3. 반환값: 표본 가중 평균 손실 `Σ (배치 손실 × 배치 크기) / 전체 표본 수` 를 **파이썬 `float`** 으로.
#    배치 손실은 그 배치에서 갱신(step) 전에 계산한 값입니다.
#
# `loss_fn` 은 `nn.MSELoss()` 일 수도, `nn.CrossEntropyLoss()` 일 수도 있습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_train_one_epoch", "locked": false, "schema_version": 3, "solution": true}
def train_one_epoch(model: nn.Module, loader: DataLoader, loss_fn, optimizer: torch.optim.Optimizer,
                    device: torch.device) -> float:
    """One training pass over `loader`; returns the sample-weighted mean loss as a float."""
    ### BEGIN SOLUTION
    model.train()
    total, count = 0.0, 0
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
        count += len(xb)
    return total / count
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_train_one_epoch", "locked": true, "points": 3, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_model = nn.Linear(2, 1).to(device)
_loader = DataLoader(TensorDataset(torch.randn(20, 2), torch.randn(20, 1)), batch_size=8)
_opt = torch.optim.SGD(_model.parameters(), lr=0.1)
_w0 = _model.weight.detach().clone()
_loss = train_one_epoch(_model, _loader, nn.MSELoss(), _opt, device)
assert type(_loss) is float, "반환값은 파이썬 float 이어야 합니다 (.item() 을 쓰세요)"
assert not torch.equal(_model.weight.detach(), _w0), "한 에포크가 지났는데 가중치가 그대로입니다"
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(5)
_X, _Y = torch.randn(50, 3, generator=_g), torch.randn(50, 1, generator=_g)
_loader = DataLoader(TensorDataset(_X, _Y), batch_size=16)
torch.manual_seed(3)
_model = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1))
_ref = copy.deepcopy(_model)
_model = _model.to(device)
_model.eval()
_seen = []
_hook = _model.register_forward_hook(lambda m, i, o: _seen.append(m.training))
try:
    _loss = train_one_epoch(_model, _loader, nn.MSELoss(), torch.optim.SGD(_model.parameters(), lr=0.1), device)
finally:
    _hook.remove()
_total = 0.0
for _xb, _yb in _loader:
    _l = ((_ref(_xb) - _yb) ** 2).mean()
    _grads = torch.autograd.grad(_l, list(_ref.parameters()))
    with torch.no_grad():
        for _p, _gr in zip(_ref.parameters(), _grads):
            _p -= 0.1 * _gr
    _total += _l.item() * len(_xb)
assert len(_seen) == 4, "배치마다 model(x) 를 한 번씩 불러야 합니다 (model.forward 를 직접 부르지 마세요)"
assert all(_seen), "학습 중에는 model.train() 으로 학습 모드를 켜야 합니다"
assert type(_loss) is float, "반환값은 파이썬 float 이어야 합니다"
for _p, _q in zip(_model.parameters(), _ref.parameters()):
    assert torch.allclose(_p.detach().cpu(), _q.detach(), atol=1e-5), "갱신 결과가 zero_grad → backward → step 순서의 SGD 와 다릅니다"
assert abs(_loss - _total / 50) < 1e-5, "반환한 평균 손실이 다릅니다 (배치 크기로 가중했는지 확인하세요)"
torch.manual_seed(4)
_Xc, _yc = torch.randn(70, 5), torch.randint(0, 3, (70,))
_cl_loader = DataLoader(TensorDataset(_Xc, _yc), batch_size=32, shuffle=True)
_clf = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 3)).to(device)
_log = []


def _ce(out, target):
    _value = F.cross_entropy(out, target)
    _log.append((_value.item(), len(target)))
    return _value


_loss = train_one_epoch(_clf, _cl_loader, _ce, torch.optim.Adam(_clf.parameters(), lr=0.01), device)
assert len(_log) == 3, "배치마다 손실을 한 번씩 계산해야 합니다"
assert type(_loss) is float and abs(_loss - sum(v * n for v, n in _log) / 70) < 1e-5, "분류 문제에서 평균 손실이 다릅니다 (마지막 배치는 더 작습니다)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. `evaluate` (2점)
#
# `evaluate(model, loader, loss_fn, device)` 는 학습하지 않고 `loader` 전체의 평균 손실을 파이썬 `float` 으로 돌려줍니다.
#
# - `model.eval()` 로 평가 모드를 켜고, `torch.no_grad()` 안에서 계산합니다.
# - 평균은 문제 3처럼 **표본 가중 평균**입니다.
# - 매개변수를 바꾸거나 `backward()` 를 부르지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_evaluate", "locked": false, "schema_version": 3, "solution": true}
def evaluate(model: nn.Module, loader: DataLoader, loss_fn, device: torch.device) -> float:
    """Sample-weighted mean loss over `loader`, in eval mode and without gradients."""
    ### BEGIN SOLUTION
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            total += loss_fn(model(xb), yb).item() * len(xb)
            count += len(xb)
    return total / count
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_evaluate", "locked": true, "points": 2, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_model = nn.Linear(2, 1).to(device)
_loader = DataLoader(TensorDataset(torch.randn(10, 2), torch.randn(10, 1)), batch_size=4)
_val = evaluate(_model, _loader, nn.MSELoss(), device)
assert type(_val) is float, "반환값은 파이썬 float 이어야 합니다"
assert _val > 0, "평균 제곱 오차는 양수여야 합니다"
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(8)
_X, _Y = torch.randn(45, 6, generator=_g), torch.randn(45, 1, generator=_g)
_loader = DataLoader(TensorDataset(_X, _Y), batch_size=20)
torch.manual_seed(2)
_lin = nn.Linear(6, 1)
_model = nn.Sequential(nn.Dropout(p=0.5), _lin).to(device)
_model.train()
_before = [p.detach().clone() for p in _model.parameters()]
_seen = []
_hook = _model.register_forward_hook(lambda m, i, o: _seen.append((m.training, torch.is_grad_enabled())))
try:
    _val = evaluate(_model, _loader, nn.MSELoss(), device)
finally:
    _hook.remove()
assert type(_val) is float, "반환값은 파이썬 float 이어야 합니다"
assert len(_seen) == 3, "배치마다 model(x) 를 한 번씩 불러야 합니다"
assert not any(t for t, _ in _seen), "평가 중에는 model.eval() 로 평가 모드여야 합니다 (Dropout 이 꺼져야 합니다)"
assert not any(gr for _, gr in _seen), "평가는 torch.no_grad() 안에서 해야 합니다"
with torch.no_grad():
    _W, _b = _lin.weight.detach().cpu(), _lin.bias.detach().cpu()
    _expected = float(((_X @ _W.T + _b - _Y) ** 2).sum()) / 45
assert abs(_val - _expected) < 1e-4, "평균 손실이 다릅니다 (평가 모드와 표본 가중 평균을 확인하세요)"
assert all(torch.equal(p.detach(), q) for p, q in zip(_model.parameters(), _before)), "평가 중에 매개변수가 바뀌면 안 됩니다"
assert all(p.grad is None for p in _model.parameters()), "평가 중에는 backward() 를 부르지 마세요"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. 학습 때와 같은 전처리로 예측하기 (2점)
#
# `predict_tips(model, bills, x_mean, x_std, device)` 를 완성하세요. `model` 은 표준화된 금액으로 학습한 모델입니다.
#
# - `bills`: 원래 단위(달러)의 계산 금액, 모양 `(N,)` 인 float32 텐서 (CPU).
# - 학습 때와 똑같이 `(bills - x_mean) / x_std` 로 표준화하고 모양 `(N, 1)` 로 바꿔 모델에 넣습니다.
# - `model.eval()` 과 `torch.no_grad()` 로 예측하고, 모양 `(N,)` 인 **CPU** float32 텐서를 돌려줍니다.
# - `bills` 를 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_predict_tips", "locked": false, "schema_version": 3, "solution": true}
def predict_tips(model: nn.Module, bills: torch.Tensor, x_mean: float, x_std: float,
                 device: torch.device) -> torch.Tensor:
    """Predicted tips (N,) on the CPU for bills (N,) in dollars, with the training standardisation."""
    ### BEGIN SOLUTION
    model.eval()
    z = ((bills - x_mean) / x_std).reshape(-1, 1).to(device)
    with torch.no_grad():
        return model(z).reshape(-1).cpu()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_predict_tips", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_lin = nn.Linear(1, 1).to(device)
with torch.no_grad():
    _lin.weight.fill_(2.0)
    _lin.bias.fill_(3.0)
_pred = predict_tips(_lin, torch.tensor([10.0, 30.0]), 20.0, 10.0, device)
assert type(_pred) is torch.Tensor and _pred.shape == (2,), "반환값은 모양 (N,) 인 텐서여야 합니다"
assert torch.allclose(_pred.cpu(), torch.tensor([1.0, 5.0])), "예측값이 다릅니다 (표준화를 확인하세요)"
### BEGIN HIDDEN TESTS
torch.manual_seed(6)
_lin = nn.Linear(1, 1)
_model = nn.Sequential(_lin, nn.Dropout(p=0.5)).to(device)
_model.train()
_bills = torch.tensor([3.07, 12.5, 19.9, 35.0, 50.81])
_orig = _bills.clone()
_m, _s = 19.79, 8.88
_p1 = predict_tips(_model, _bills, _m, _s, device)
_p2 = predict_tips(_model, _bills, _m, _s, device)
assert type(_p1) is torch.Tensor and _p1.shape == (5,) and _p1.dtype == torch.float32, "반환값은 모양 (N,) 인 float32 텐서여야 합니다"
assert _p1.device.type == "cpu", "결과는 CPU 텐서여야 합니다"
assert not _p1.requires_grad, "예측은 torch.no_grad() 안에서 해야 합니다 (결과에 기울기 기록이 남아 있습니다)"
assert torch.equal(_bills, _orig), "bills 를 바꾸면 안 됩니다"
with torch.no_grad():
    _expected = (_lin.weight.cpu() * (_orig - _m) / _s + _lin.bias.cpu()).reshape(-1)
assert torch.allclose(_p1, _expected, atol=1e-5) and torch.allclose(_p2, _expected, atol=1e-5), "예측값이 다릅니다 (표준화와 평가 모드를 확인하세요)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 6. tips 직선을 `nn.Linear` 로 학습하기 (3점)
#
# `fit_tip_line(x, y, device)` 는 1차원 NumPy 배열 `x`(계산 금액)와 `y`(팁)에 직선 `y ≈ slope·x + intercept` 를
# `nn.Linear(1, 1)` 로 **학습**하고, **원래 단위**의 `(slope, intercept)` 를 파이썬 `float` 두 개의 튜플로 돌려줍니다.
#
# - `x` 를 `x` 자신의 평균 μ·표준편차 σ 로 표준화하고 (문제 1의 `TipsDataset`), `DataLoader`(배치 32, 섞기)로 미니배치를 만듭니다.
# - 문제 3의 `train_one_epoch` 으로 여러 에포크 학습합니다. 학습률이 일정하면 직선이 최솟값 주변을 맴돕니다:
#   학습률 스케줄러로 학습률을 줄이세요. (예: `SGD(lr=0.05)` + `CosineAnnealingLR`, 100 에포크면 1초 남짓입니다.)
# - 학습한 `w`, `b` 를 원래 단위로 바꿉니다: `slope = w / σ`, `intercept = b - w·μ / σ`.
# - 목표: `np.polyfit(x, y, 1)` 의 닫힌 해와 기울기·절편이 각각 **상대 오차 2% 이내** (이 과정의 CPU 에서 1초 남짓이면 충분합니다; 채점은 시간이 아니라 값으로 합니다).
#   숨은 테스트는 tips 가 아닌, 범위가 다른 데이터에서도 같은 목표를 확인합니다.
# - 닫힌 해(`np.polyfit`, `np.linalg.lstsq` 등)로 답을 구하지 말고 학습으로 구하세요. 넘겨받은 배열은 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_fit_tip_line", "locked": false, "schema_version": 3, "solution": true}
def fit_tip_line(x: np.ndarray, y: np.ndarray, device: torch.device) -> tuple[float, float]:
    """Learn y ≈ slope * x + intercept with nn.Linear(1, 1) on standardised x; return (slope, intercept)."""
    ### BEGIN SOLUTION
    x_mean, x_std = float(np.mean(x)), float(np.std(x))
    loader = DataLoader(TipsDataset(x, y, x_mean, x_std), batch_size=32, shuffle=True)
    model = nn.Linear(1, 1).to(device)
    epochs = 100
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    loss_fn = nn.MSELoss()
    for _ in range(epochs):
        train_one_epoch(model, loader, loss_fn, optimizer, device)
        scheduler.step()
    w, b = model.weight.item(), model.bias.item()
    return w / x_std, b - w * x_mean / x_std
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_fit_tip_line", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_tips = helpers.data.load_seaborn("tips")
_x, _y = _tips["total_bill"].to_numpy(), _tips["tip"].to_numpy()
torch.manual_seed(0)
_t0 = time.perf_counter()
_line = fit_tip_line(_x, _y, device)
_secs = time.perf_counter() - _t0   # shown, never graded: a busy machine is slower
assert isinstance(_line, tuple) and len(_line) == 2, "(slope, intercept) 튜플을 돌려주세요"
assert type(_line[0]) is float and type(_line[1]) is float, "slope, intercept 는 파이썬 float 이어야 합니다 (.item())"
_a, _b = np.polyfit(_x, _y, 1)
print(f"학습: 기울기 {_line[0]:.4f}, 절편 {_line[1]:.4f} | 닫힌 해: 기울기 {_a:.4f}, 절편 {_b:.4f} | {_secs:.1f}초")
assert abs(_line[0] / _a - 1) < 0.02, "기울기가 닫힌 해와 2% 넘게 다릅니다"
assert abs(_line[1] / _b - 1) < 0.02, "절편이 닫힌 해와 2% 넘게 다릅니다"
### BEGIN HIDDEN TESTS
_rng = np.random.default_rng(2024)
_xs = _rng.uniform(10, 100, 300)
_ys = 0.15 * _xs + 5 + _rng.normal(0, 1, 300)
_xs0, _ys0 = _xs.copy(), _ys.copy()
from grading.testkit import count_linear_calls

torch.manual_seed(1)
_line, _calls = count_linear_calls(fit_tip_line, 1, 1, _xs, _ys, device)   # forward calls of an nn.Linear(1, 1)
assert isinstance(_line, tuple) and len(_line) == 2, "(slope, intercept) 튜플을 돌려주세요"
assert type(_line[0]) is float and type(_line[1]) is float, "slope, intercept 는 파이썬 float 이어야 합니다"
_a, _b = np.polyfit(_xs0, _ys0, 1)
assert abs(_line[0] / _a - 1) < 0.02 and abs(_line[1] / _b - 1) < 0.02, "범위가 다른 데이터에서 닫힌 해와 2% 넘게 다릅니다 (표준화와 원래 단위로의 변환을 확인하세요)"
assert _calls >= 50, "nn.Linear(1, 1) 모델을 학습 루프로 학습해야 합니다"
assert np.array_equal(_xs, _xs0) and np.array_equal(_ys, _ys0), "넘겨받은 배열을 바꾸면 안 됩니다"
### END HIDDEN TESTS

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import copy
import statistics

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset, TensorDataset

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# 강의에서는 계산 금액 하나로 팁을 예측했습니다. 이 과제에서는 같은 도구를 한 단계 넓힙니다.
#
# - 숫자 열과 범주 열이 섞인 `DataFrame` 을 `Dataset` 으로 감싸고, 학습 데이터의 통계와 범주를 테스트 데이터에도 그대로 쓴다.
# - 두 갈래(비선형 + 선형)가 있는 `nn.Module` 을 만든다.
# - 기울기 누적(gradient accumulation)으로 여러 미니배치를 모아 한 번 갱신하는 학습 루프와, 두 가지 지표를 내는 평가 함수를 쓴다.
# - 실험으로 배치 크기에 따라 목표 손실에 닿는 에포크 수가 어떻게 달라지는지 재서 보고한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 테스트 데이터를 표준화할 때 평균과 표준편차는 어느 데이터에서 재야 할까? 범주 열은 어떻게 숫자로 바꿀까?
# 2. 출력이 두 갈래의 합이면 기울기는 어느 갈래로 흐를까?
# 3. `backward()` 가 기울기를 **더한다**는 성질을 일부러 이용하면 무엇을 할 수 있을까?
# 4. 평가 함수에서 `model.eval()` 과 `torch.no_grad()` 는 각각 무엇을 끌까?
# 5. 배치가 작을수록 한 에포크의 갱신 횟수는 늘어난다. 그러면 작은 배치가 늘 더 빨리 목표에 닿을까?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `FrameDataset` 숫자·범주 열이 섞인 데이터프레임 | 3 |
# | 2 | `WideAndDeep` 두 갈래 모듈 | 2 |
# | 3 | `train_one_epoch_accum` 기울기 누적 학습 루프 | 3 |
# | 4 | `evaluate_regression` MSE 와 MAE | 2 |
# | 5 | 실험: 목표 손실에 가장 빨리 닿는 배치 크기 | 3 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 모양과 자료형 같은 형식을 확인합니다. 채점 때는 새 입력과 경계 사례를 확인하는 숨은 테스트가 더 실행됩니다.
# - 이 단원에서는 학습 루프를 **직접** 씁니다. `helpers.train.fit` 같은 완성된 학습 함수는 쓰지 마세요.
# - 모든 계산은 `device` 에서 합니다 (`COURSE_DEVICE=cuda` 로 GPU 에서도 돌아가야 합니다).

# %%
tips = helpers.data.load_seaborn("tips")
tips.head()


# %% [markdown]
# ## 문제 1. 숫자 열과 범주 열이 섞인 `Dataset` (3점)
#
# `FrameDataset(df, numeric, categorical, target, reference=None)` 를 완성하세요.
#
# - `numeric`: 숫자 열 이름의 리스트. 열마다 **`reference` 의** 평균과 표준편차(`n` 으로 나누는 표준편차, `ddof=0`)로 표준화합니다.
#   `reference` 가 `None` 이면 `df` 자신이 기준입니다. (학습 세트로 만든 데이터셋을 `reference` 로 주면, 테스트 세트도 학습 세트의 통계로 표준화됩니다.)
# - `categorical`: 범주 열 이름의 리스트. 열마다 **`reference` 에 나오는 값들을 문자열로 바꿔 정렬한 순서**로 원-핫(one-hot) 인코딩합니다.
#   `reference` 에 없는 값은 모든 칸이 0 입니다.
# - 특성의 순서: `numeric` 의 열들(주어진 순서), 그 뒤에 `categorical` 의 열마다 원-핫 칸들(주어진 열 순서, 열 안에서는 정렬 순서).
# - `ds.num_features` 는 특성 수(정수), `len(ds)` 는 행 수, `ds[i]` 는 튜플 `(x_i, y_i)`: `x_i` 는 모양 `(num_features,)`, `y_i` 는 모양 `(1,)` 인
#   **`torch.float32`** 텐서입니다 (`y_i` 는 `target` 열의 값).
# - 넘겨받은 데이터프레임은 바꾸지 않습니다. 빈 값(NaN)이 있는 행은 들어오지 않습니다.
#
# 예: tips 에서 `numeric=["total_bill", "size"]`, `categorical=["time"]` 이면 특성은 `[total_bill 표준화, size 표준화, time=="Dinner", time=="Lunch"]` 입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_frame_dataset", "locked": false, "schema_version": 3, "solution": true}
class FrameDataset(Dataset):
    """Standardised numeric columns + one-hot categorical columns of a DataFrame, statistics from `reference`."""

    def __init__(self, df: pd.DataFrame, numeric: list[str], categorical: list[str], target: str,
                 reference: pd.DataFrame | None = None):
        ### BEGIN SOLUTION
        ref = df if reference is None else reference
        parts = []
        for col in numeric:
            values = ref[col].to_numpy(dtype=np.float64)
            parts.append((df[col].to_numpy(dtype=np.float64) - values.mean()) / values.std())
        for col in categorical:
            levels = sorted(ref[col].astype(str).unique())
            as_text = df[col].astype(str).to_numpy()
            parts.extend((as_text == level).astype(np.float64) for level in levels)
        x = np.stack(parts, axis=1) if parts else np.zeros((len(df), 0))
        self.x = torch.tensor(x, dtype=torch.float32)
        self.y = torch.tensor(df[target].to_numpy(dtype=np.float64), dtype=torch.float32).reshape(-1, 1)
        self.num_features = int(self.x.shape[1])
        ### END SOLUTION

    def __len__(self) -> int:
        ### BEGIN SOLUTION
        return len(self.x)
        ### END SOLUTION

    def __getitem__(self, i: int) -> tuple[torch.Tensor, torch.Tensor]:
        ### BEGIN SOLUTION
        return self.x[i], self.y[i]
        ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_frame_dataset", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_ds = FrameDataset(tips, ["total_bill", "size"], ["time"], "tip")
assert len(_ds) == 244 and _ds.num_features == 4, "행 수나 특성 수가 다릅니다 (숫자 2 + time 의 범주 2)"
_xi, _yi = _ds[0]
assert type(_xi) is torch.Tensor and _xi.shape == (4,) and _xi.dtype == torch.float32, "x_i 는 모양 (num_features,) 인 float32 텐서여야 합니다"
assert type(_yi) is torch.Tensor and _yi.shape == (1,) and _yi.dtype == torch.float32, "y_i 는 모양 (1,) 인 float32 텐서여야 합니다"
assert _xi[2:].tolist() == [1.0, 0.0], "첫 손님은 저녁(Dinner) 손님입니다: 원-핫 칸의 순서를 확인하세요"
### BEGIN HIDDEN TESTS
def _expected_features(df, numeric, categorical, ref):
    cols = []
    for c in numeric:
        v = ref[c].to_numpy(dtype=np.float64)
        cols.append((df[c].to_numpy(dtype=np.float64) - v.mean()) / v.std(ddof=0))
    for c in categorical:
        for level in sorted(set(str(v) for v in ref[c])):
            cols.append(np.array([1.0 if str(v) == level else 0.0 for v in df[c]]))
    return np.stack(cols, axis=1)


def _check(ds, df, numeric, categorical, target, ref, what):
    exp = _expected_features(df, numeric, categorical, ref)
    assert ds.num_features == exp.shape[1] and type(ds.num_features) is int, f"{what}: num_features 가 다릅니다"
    assert len(ds) == len(df), f"{what}: len(ds) 가 행 수와 다릅니다"
    for i in (0, 1, len(df) // 2, len(df) - 1):
        xi, yi = ds[i]
        assert type(xi) is torch.Tensor and xi.dtype == torch.float32 and xi.shape == (exp.shape[1],), f"{what}: x_i 의 모양이나 자료형이 다릅니다"
        assert type(yi) is torch.Tensor and yi.dtype == torch.float32 and yi.shape == (1,), f"{what}: y_i 의 모양이나 자료형이 다릅니다"
        assert np.allclose(xi.numpy(), exp[i], atol=1e-5), f"{what}: 특성 값이 다릅니다 (기준 데이터의 통계(ddof=0), 정렬한 범주 순서를 확인하세요)"
        assert abs(yi.item() - float(df[target].iloc[i])) < 1e-3, f"{what}: y_i 가 다릅니다"


_tips = helpers.data.load_seaborn("tips")
_before = _tips.copy()
_check(FrameDataset(_tips, ["total_bill", "size"], ["day", "smoker"], "tip"), _tips, ["total_bill", "size"], ["day", "smoker"], "tip", _tips, "tips")
assert _tips.equals(_before), "넘겨받은 데이터프레임을 바꾸면 안 됩니다"
_peng = helpers.data.load_seaborn("penguins").dropna().reset_index(drop=True)
_train, _test = _peng.iloc[::2].reset_index(drop=True), _peng.iloc[1::2].reset_index(drop=True)
_args = (["bill_length_mm", "flipper_length_mm"], ["island", "sex"], "body_mass_g")
_check(FrameDataset(_test, *_args, reference=_train), _test, *_args, _train, "penguins 테스트 세트 (reference=학습 세트)")
_unseen = _test.head(3).copy()
_unseen["island"] = ["Torgersen", "Atlantis", "Dream"]
_u = FrameDataset(_unseen, *_args, reference=_train)
assert _u[1][0][2:5].tolist() == [0.0, 0.0, 0.0], "reference 에 없는 범주 값은 원-핫 칸이 모두 0 이어야 합니다"
_xb, _yb = next(iter(DataLoader(_u, batch_size=3)))
assert _xb.shape == (3, _u.num_features) and _yb.shape == (3, 1), "DataLoader 배치의 모양이 (배치, num_features), (배치, 1) 이 아닙니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 두 갈래 모듈 `WideAndDeep` (2점)
#
# `WideAndDeep(in_features, hidden, out_features)` 의 출력은 두 갈래의 **합**입니다.
#
# - 깊은 갈래(deep): `nn.Linear(in_features, hidden)` → `nn.ReLU()` → `nn.Linear(hidden, out_features)`
# - 넓은 갈래(wide): 입력에서 출력으로 바로 가는 `nn.Linear(in_features, out_features, bias=False)` (편향은 깊은 갈래에 이미 있으니 두지 않음)
# - `forward(x)` = deep(x) + wide(x), 모양 `(배치, in_features)` → `(배치, out_features)`. 출력 뒤에는 활성화 함수를 두지 않습니다.
# - 층은 모듈의 속성으로 등록합니다 (이름은 자유). `nn.Linear` 는 정확히 세 개입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_wide_and_deep", "locked": false, "schema_version": 3, "solution": true}
class WideAndDeep(nn.Module):
    """deep(x) + wide(x): Linear-ReLU-Linear plus a bias-free Linear straight from input to output."""

    def __init__(self, in_features: int, hidden: int, out_features: int):
        ### BEGIN SOLUTION
        super().__init__()
        self.deep = nn.Sequential(nn.Linear(in_features, hidden), nn.ReLU(), nn.Linear(hidden, out_features))
        self.wide = nn.Linear(in_features, out_features, bias=False)
        ### END SOLUTION

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        ### BEGIN SOLUTION
        return self.deep(x) + self.wide(x)
        ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_wide_and_deep", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_net = WideAndDeep(3, 5, 2)
assert isinstance(_net, nn.Module), "WideAndDeep 은 nn.Module 을 상속해야 합니다"
assert sum(p.numel() for p in _net.parameters()) == (3 * 5 + 5) + (5 * 2 + 2) + 3 * 2, "매개변수 개수가 다릅니다 (넓은 갈래에는 편향이 없습니다)"
_out = _net(torch.randn(4, 3))
assert type(_out) is torch.Tensor and _out.shape == (4, 2), "출력 모양은 (배치, out_features) 여야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(1)
_net = WideAndDeep(6, 16, 3).to(device)
_lins = [m for m in _net.modules() if type(m) is nn.Linear]
assert len(_lins) == 3, "nn.Linear 는 정확히 세 개여야 합니다"
_shapes = sorted((m.in_features, m.out_features, m.bias is not None) for m in _lins)
assert _shapes == [(6, 3, False), (6, 16, True), (16, 3, True)], "층의 크기나 편향이 다릅니다 (deep: 6→16→3, wide: 6→3 편향 없음)"
_l1 = next(m for m in _lins if m.out_features == 16)
_l2 = next(m for m in _lins if m.in_features == 16)
_lw = next(m for m in _lins if m.bias is None)
_x = 3 * torch.randn(64, 6, device=device)
_out = _net(_x)
with torch.no_grad():
    _exp = torch.clamp(_x @ _l1.weight.T + _l1.bias, min=0) @ _l2.weight.T + _l2.bias + _x @ _lw.weight.T
assert type(_out) is torch.Tensor and _out.shape == (64, 3) and _out.device.type == device.type, "출력의 모양이나 장치가 다릅니다"
assert torch.allclose(_out, _exp, atol=1e-5), "deep(x) + wide(x) 의 값과 다릅니다 (ReLU 는 깊은 갈래의 가운데에만)"
from grading.testkit import grads_reach_all

assert grads_reach_all(_net, _x), "모든 매개변수로 기울기가 흘러야 합니다"
_a, _b = WideAndDeep(2, 3, 1), WideAndDeep(2, 3, 1)
assert not any(p is q for p in _a.parameters() for q in _b.parameters()), "모델마다 자기 층을 가져야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. 기울기 누적으로 학습하기 (3점)
#
# 메모리가 모자라 큰 배치를 한 번에 넣을 수 없을 때는, 작은 배치 여러 개의 기울기를 **모았다가 한 번에 갱신**합니다.
# `backward()` 가 `.grad` 에 기울기를 더한다는 성질(강의 ⚠️ 1)을 일부러 쓰는 것입니다.
#
# `train_one_epoch_accum(model, loader, loss_fn, optimizer, device, accum_steps)` 는 `loader` 를 한 바퀴 돌며
#
# 1. 맨 먼저 `model.train()` 을 부르고 `optimizer.zero_grad()` 로 기울기를 비웁니다.
# 2. 배치마다: `device` 로 옮기기 → `model(xb)` → `loss = loss_fn(pred, yb)` → `(loss / accum_steps).backward()`.
# 3. 배치를 `accum_steps` 개 모을 때마다 `optimizer.step()` 다음 `optimizer.zero_grad()`. 마지막에 덜 찬 묶음이 남으면 그것으로도 한 번 갱신합니다.
# 4. 반환값: 나누기 전 배치 손실의 **샘플 가중 평균** `Σ (배치 손실 × 배치 크기) / 전체 샘플 수` 를 **파이썬 `float`** 으로.
#
# `accum_steps=1` 이면 보통의 학습 루프와 같습니다. `loss_fn` 은 `nn.MSELoss()` 일 수도, `nn.CrossEntropyLoss()` 일 수도 있습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_train_accum", "locked": false, "schema_version": 3, "solution": true}
def train_one_epoch_accum(model: nn.Module, loader: DataLoader, loss_fn, optimizer: torch.optim.Optimizer,
                          device: torch.device, accum_steps: int = 1) -> float:
    """One pass over `loader`, one optimizer step per `accum_steps` batches; returns the sample-weighted mean loss."""
    ### BEGIN SOLUTION
    model.train()
    optimizer.zero_grad()
    total, count, pending = 0.0, 0, 0
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
        loss = loss_fn(model(xb), yb)
        (loss / accum_steps).backward()
        pending += 1
        total += loss.item() * len(xb)
        count += len(xb)
        if pending == accum_steps:
            optimizer.step()
            optimizer.zero_grad()
            pending = 0
    if pending:
        optimizer.step()
        optimizer.zero_grad()
    return total / count
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_train_accum", "locked": true, "points": 3, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_model = nn.Linear(2, 1).to(device)
_loader = DataLoader(TensorDataset(torch.randn(20, 2), torch.randn(20, 1)), batch_size=4)
_opt = torch.optim.SGD(_model.parameters(), lr=0.1)
_w0 = _model.weight.detach().clone()
_loss = train_one_epoch_accum(_model, _loader, nn.MSELoss(), _opt, device, accum_steps=2)
assert type(_loss) is float, "반환값은 파이썬 float 이어야 합니다 (.item() 을 쓰세요)"
assert not torch.equal(_model.weight.detach(), _w0), "한 에포크가 지났는데 가중치가 그대로입니다"
### BEGIN HIDDEN TESTS
def _reference_epoch(ref, batches, lr, accum):
    """Plain SGD with accumulation, computed in the judge: returns the sample-weighted mean loss."""
    grads = [torch.zeros_like(p) for p in ref.parameters()]
    total, count, pending = 0.0, 0, 0
    for xb, yb in batches:
        loss = ((ref(xb) - yb) ** 2).mean()
        for acc, g in zip(grads, torch.autograd.grad(loss / accum, list(ref.parameters()))):
            acc += g
        total, count, pending = total + loss.item() * len(xb), count + len(xb), pending + 1
        if pending == accum:
            with torch.no_grad():
                for p, g in zip(ref.parameters(), grads):
                    p -= lr * g
                    g.zero_()
            pending = 0
    if pending:
        with torch.no_grad():
            for p, g in zip(ref.parameters(), grads):
                p -= lr * g
    return total / count


_g = torch.Generator().manual_seed(5)
_X, _Y = torch.randn(70, 3, generator=_g), torch.randn(70, 1, generator=_g)
_batches = [(_X[i:i + 16], _Y[i:i + 16]) for i in range(0, 70, 16)]       # 16, 16, 16, 16, 6
for _accum in (1, 3, 5, 8):
    torch.manual_seed(3)
    _model = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 1))
    _ref = copy.deepcopy(_model)
    _model = _model.to(device)
    _model.eval()
    _seen = []
    _hook = _model.register_forward_hook(lambda m, i, o: _seen.append(m.training))  # noqa: B023 (runs inside this iteration)
    try:
        _loss = train_one_epoch_accum(_model, DataLoader(TensorDataset(_X, _Y), batch_size=16), nn.MSELoss(),
                                      torch.optim.SGD(_model.parameters(), lr=0.2), device, accum_steps=_accum)
    finally:
        _hook.remove()
    _expected = _reference_epoch(_ref, _batches, 0.2, _accum)
    assert len(_seen) == 5 and all(_seen), "배치마다 model(x) 를 한 번씩, 학습 모드(model.train())로 불러야 합니다"
    assert type(_loss) is float and abs(_loss - _expected) < 1e-5, f"accum_steps={_accum}: 반환한 평균 손실이 다릅니다 (나누기 전 손실을 배치 크기로 가중)"
    for _p, _q in zip(_model.parameters(), _ref.parameters()):
        assert torch.allclose(_p.detach().cpu(), _q.detach(), atol=1e-5), f"accum_steps={_accum}: 갱신 결과가 기울기 누적 SGD 와 다릅니다 (손실 나누기, 갱신 시점, 마지막 덜 찬 묶음을 확인하세요)"
    assert all(_p.grad is None or torch.count_nonzero(_p.grad).item() == 0 for _p in _model.parameters()), "에포크가 끝나면 기울기가 비어 있어야 합니다"
torch.manual_seed(4)
_Xc, _yc = torch.randn(50, 5), torch.randint(0, 3, (50,))
_clf = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Linear(16, 3)).to(device)
_log = []


def _ce(out, target):
    _value = F.cross_entropy(out, target)
    _log.append((_value.item(), len(target)))
    return _value


_loss = train_one_epoch_accum(_clf, DataLoader(TensorDataset(_Xc, _yc), batch_size=16, shuffle=True), _ce,
                              torch.optim.Adam(_clf.parameters(), lr=0.01), device, accum_steps=2)
assert len(_log) == 4 and type(_loss) is float and abs(_loss - sum(v * n for v, n in _log) / 50) < 1e-5, "분류 문제에서 평균 손실이 다릅니다 (마지막 배치는 더 작습니다)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. 두 지표로 평가하기 (2점)
#
# `evaluate_regression(model, loader, device)` 는 학습하지 않고 `loader` 전체에서 회귀 지표 두 개를 재서 사전 `{"mse": …, "mae": …}` 로 돌려줍니다.
#
# - `mse`(평균 제곱 오차) = 모든 샘플의 (예측 − 정답)² 의 평균, `mae`(평균 절대 오차) = |예측 − 정답| 의 평균. 둘 다 **파이썬 `float`**. 배치 크기가 달라도 샘플마다 같은 무게입니다.
# - `model.eval()` 로 평가 모드를 켜고 `torch.no_grad()` 안에서 계산합니다. 매개변수를 바꾸거나 `backward()` 를 부르지 않습니다.
# - 예측과 정답의 모양은 `(배치, 1)` 로 같습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_evaluate_regression", "locked": false, "schema_version": 3, "solution": true}
def evaluate_regression(model: nn.Module, loader: DataLoader, device: torch.device) -> dict[str, float]:
    """{'mse': ..., 'mae': ...} over every sample of `loader`, in eval mode and without gradients."""
    ### BEGIN SOLUTION
    model.eval()
    squared, absolute, count = 0.0, 0.0, 0
    with torch.no_grad():
        for xb, yb in loader:
            err = model(xb.to(device)) - yb.to(device)
            squared += (err ** 2).sum().item()
            absolute += err.abs().sum().item()
            count += err.numel()
    return {"mse": squared / count, "mae": absolute / count}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_evaluate_regression", "locked": true, "points": 2, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_model = nn.Linear(2, 1).to(device)
_res = evaluate_regression(_model, DataLoader(TensorDataset(torch.randn(10, 2), torch.randn(10, 1)), batch_size=4), device)
assert type(_res) is dict and set(_res) == {"mse", "mae"}, "{'mse': …, 'mae': …} 사전을 돌려주세요"
assert type(_res["mse"]) is float and type(_res["mae"]) is float, "두 지표 모두 파이썬 float 이어야 합니다"
assert _res["mse"] > 0 and _res["mae"] > 0, "오차는 양수여야 합니다"
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(8)
_X, _Y = torch.randn(45, 6, generator=_g), 3 * torch.randn(45, 1, generator=_g)
torch.manual_seed(2)
_lin = nn.Linear(6, 1)
_model = nn.Sequential(nn.Dropout(p=0.5), _lin).to(device)
_model.train()
_before = [p.detach().clone() for p in _model.parameters()]
_seen = []
_hook = _model.register_forward_hook(lambda m, i, o: _seen.append((m.training, torch.is_grad_enabled())))
try:
    _res = evaluate_regression(_model, DataLoader(TensorDataset(_X, _Y), batch_size=20), device)
finally:
    _hook.remove()
assert type(_res) is dict and set(_res) == {"mse", "mae"}, "{'mse': …, 'mae': …} 사전을 돌려주세요"
assert type(_res["mse"]) is float and type(_res["mae"]) is float, "두 지표 모두 파이썬 float 이어야 합니다"
assert len(_seen) == 3, "배치마다 model(x) 를 한 번씩 불러야 합니다"
assert not any(t for t, _ in _seen), "평가 중에는 model.eval() 로 평가 모드여야 합니다 (Dropout 이 꺼져야 합니다)"
assert not any(gr for _, gr in _seen), "평가는 torch.no_grad() 안에서 해야 합니다"
with torch.no_grad():
    _err = (_X.double() @ _lin.weight.detach().cpu().double().T + _lin.bias.detach().cpu().double() - _Y.double()).reshape(-1)
_mse, _mae = float((_err ** 2).mean()), float(_err.abs().mean())
assert abs(_res["mse"] - _mse) < 1e-4 * max(1.0, _mse), "mse 가 다릅니다 (평가 모드, 샘플마다 같은 무게)"
assert abs(_res["mae"] - _mae) < 1e-4 * max(1.0, _mae), "mae 가 다릅니다 (절댓값 오차의 샘플 평균)"
assert all(torch.equal(p.detach(), q) for p, q in zip(_model.parameters(), _before)), "평가 중에 매개변수가 바뀌면 안 됩니다"
assert all(p.grad is None for p in _model.parameters()), "평가 중에는 backward() 를 부르지 마세요"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. 실험: 목표 손실에 가장 빨리 닿는 배치 크기 (3점)
#
# 강의 10절에서는 두 반달 데이터에서 배치 크기에 따라 손실 곡선이 어떻게 달라지는지 보았습니다. 이번에는 tips 의 선형 회귀에서
# **목표 손실에 닿기까지 에포크가 몇 번 필요한지**를 배치 크기마다 재고, 가장 빠른 배치 크기를 보고합니다.
#
# **(가)** `epochs_to_target(x, y, batch_size, seed, target, lr=0.1, max_epochs=20)` 를 완성하세요.
# - `torch.manual_seed(seed)` 를 부른 **다음** `nn.Linear(x.shape[1], 1)` 모델과 `DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True)` 를 만들고,
#   `torch.optim.SGD(lr=lr)` 와 `nn.MSELoss()` 로 한 에포크씩 학습합니다 (문제 3의 함수를 `accum_steps=1` 로 써도 됩니다).
# - 에포크가 끝날 때마다 **학습 데이터 전체**의 MSE 를 재서, 처음으로 `target` 이하가 된 에포크 번호(1부터)를 파이썬 `int` 로 돌려줍니다.
#   `max_epochs` 에포크가 지나도 닿지 못하면 `max_epochs + 1` 을 돌려줍니다.
#
# **(나)** 아래 셀의 `x_exp`, `y_exp`(tips 의 표준화한 계산 금액·인원 → 팁)와 `TARGET_MSE`(최소제곱 해의 MSE 보다 2% 큰 값)로,
# `BATCH_SIZES` 의 배치 크기마다 시드 0, 1, 2 에서 잰 에포크 수의 **중앙값**을 사전 `median_epochs`(배치 크기 → 중앙값)에 담고,
# 중앙값이 가장 작은 배치 크기를 `best_batch_size`(파이썬 `int`)로 남기세요. 채점은 같은 실험을 다시 재서 확인합니다.
#
# **실행하기 전에 예상해 보세요**: 배치 4 는 한 에포크에 61번, 배치 244 는 한 번 갱신합니다. 어느 쪽이 먼저 목표에 닿을까요?

# %%
_cols = tips[["total_bill", "size"]].to_numpy(dtype=np.float64)
x_exp = torch.tensor((_cols - _cols.mean(axis=0)) / _cols.std(axis=0), dtype=torch.float32)
y_exp = torch.tensor(tips["tip"].to_numpy(), dtype=torch.float32).reshape(-1, 1)
_design = torch.cat([x_exp.double(), torch.ones(len(x_exp), 1, dtype=torch.float64)], dim=1)
_solution = torch.linalg.lstsq(_design, y_exp.double()).solution
TARGET_MSE = 1.02 * float(((_design @ _solution - y_exp.double()) ** 2).mean())
BATCH_SIZES = [4, 16, 64, 244]
print(f"최소제곱 해의 MSE {TARGET_MSE / 1.02:.4f} → 목표 {TARGET_MSE:.4f}")


# %% [markdown]
# 아래 답 셀에 (가) `epochs_to_target` 와 (나) `median_epochs`, `best_batch_size` 를 채우세요.

# %% nbgrader={"grade": false, "grade_id": "ex_batch_experiment", "locked": false, "schema_version": 3, "solution": true}
def epochs_to_target(x: torch.Tensor, y: torch.Tensor, batch_size: int, seed: int, target: float,
                     lr: float = 0.1, max_epochs: int = 20) -> int:
    """First epoch (1-based) after which the full-data MSE of a seeded nn.Linear trained by SGD is <= target."""
    ### BEGIN SOLUTION
    torch.manual_seed(seed)
    model = nn.Linear(x.shape[1], 1)
    loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True)
    optimizer = torch.optim.SGD(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    for epoch in range(1, max_epochs + 1):
        train_one_epoch_accum(model, loader, loss_fn, optimizer, torch.device("cpu"), accum_steps=1)
        model.eval()
        with torch.no_grad():
            if loss_fn(model(x), y).item() <= target:
                return epoch
    return max_epochs + 1
    ### END SOLUTION


### BEGIN SOLUTION
median_epochs = {bs: statistics.median(epochs_to_target(x_exp, y_exp, bs, s, TARGET_MSE) for s in (0, 1, 2))
                 for bs in BATCH_SIZES}
best_batch_size = min(BATCH_SIZES, key=lambda bs: median_epochs[bs])
### END SOLUTION
print("배치 크기별 에포크 수(중앙값):", median_epochs, "→ 가장 빠른 배치 크기:", best_batch_size)

# %% nbgrader={"grade": true, "grade_id": "test_batch_experiment", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_e = epochs_to_target(x_exp, y_exp, 64, 0, 100.0)
assert type(_e) is int and _e == 1, "첫 에포크에 이미 목표 이하이면 1 을 돌려주어야 합니다"
assert type(median_epochs) is dict and set(median_epochs) == set(BATCH_SIZES), "median_epochs 에 BATCH_SIZES 의 배치 크기가 모두 있어야 합니다"
assert type(best_batch_size) is int and best_batch_size in BATCH_SIZES, "best_batch_size 는 BATCH_SIZES 에 있는 파이썬 int 여야 합니다"
### BEGIN HIDDEN TESTS
assert epochs_to_target(x_exp, y_exp, 244, 0, 1e-6, max_epochs=3) == 4, "목표에 닿지 못하면 max_epochs + 1 을 돌려주어야 합니다"


def _judge_epochs(bs, seed, lr=0.1, cap=20):
    torch.manual_seed(seed)
    lin = nn.Linear(2, 1)
    loader = DataLoader(TensorDataset(x_exp, y_exp), batch_size=bs, shuffle=True)
    opt = torch.optim.SGD(lin.parameters(), lr=lr)
    for epoch in range(1, cap + 1):
        for xb, yb in loader:
            opt.zero_grad()
            ((lin(xb) - yb) ** 2).mean().backward()
            opt.step()
        with torch.no_grad():
            if ((lin(x_exp) - y_exp) ** 2).mean().item() <= TARGET_MSE:
                return epoch
    return cap + 1


# (a) the student's function on a case where the answer is measured independently
for _bs, _s in ((16, 5), (64, 7)):
    _got = epochs_to_target(x_exp, y_exp, _bs, _s, TARGET_MSE)
    assert type(_got) is int and abs(_got - _judge_epochs(_bs, _s)) <= 1, "epochs_to_target 가 같은 시드의 학습과 다른 에포크 수를 냅니다 (시드를 고정한 뒤 모델과 DataLoader 를 만드세요)"
# (b) the judge re-measures the experiment; the answer must be within one epoch of the fastest
_medians = {bs: statistics.median(_judge_epochs(bs, s) for s in (0, 1, 2)) for bs in BATCH_SIZES}
assert _medians[best_batch_size] <= min(_medians.values()) + 1, "best_batch_size 보다 훨씬 빨리 목표에 닿는 배치 크기가 있습니다. 직접 재서 고르세요"
### END HIDDEN TESTS

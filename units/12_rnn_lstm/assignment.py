# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

import helpers

device = helpers.setup(seed=0)


# %% [markdown]
# ## 🎯 학습 목표
#
# 강의에서는 LSTM 셀을 손으로 만들고, 항공 승객 수를 창으로 잘라 예측하고, NSMC 리뷰를 LSTM 으로 분류했습니다.
# 이 과제에서는 같은 생각을 **GRU**, **여러 특성의 시계열**, **패딩에 흔들리지 않는 분류기**로 옮깁니다.
#
# - GRU 셀의 세 덩어리(리셋·업데이트·후보)를 손으로 계산해 `nn.GRUCell` 과 같은 값을 만든다.
# - 기울기 소실을 직접 재고, 업데이트 게이트의 편향이 기억 거리를 어떻게 바꾸는지 실험으로 확인한다.
# - 여러 특성의 시계열을 창으로 자르고, 떼어 둔 해(2015년)에서 기준선을 이기는 예측 모델을 학습한다.
# - 부분 단어 토큰을 패딩한 배치로 만들고, 패딩이 예측을 바꾸지 않는 GRU 분류기를 만들어 학습한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. GRU 의 업데이트 게이트 $z$ 가 1 에 가까우면 은닉 상태는 어떻게 되는가? 기울기는?
# 2. 창을 자를 때 정답의 위치를 한 칸 잘못 잡으면 어떤 일이 생기는가? 오류가 날까?
# 3. 예측 모델이 "좋다"는 것을 무엇과 비교해서 말할 수 있는가?
# 4. 같은 리뷰에 [PAD] 를 더 붙이면 분류기의 답이 바뀌어야 하는가? 바뀐다면 무엇이 잘못된 것인가?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `gru_cell` GRU 셀 한 단계를 손으로 (`nn.GRUCell` 과 같게) | 3 |
# | 2 | 실험: `gradient_reach` 와 업데이트 게이트 편향에 따른 기억 거리 | 3 |
# | 3 | `make_windows_multi` 여러 특성 시계열의 창 | 2 |
# | 4 | `Forecaster`, `train_forecaster` 시애틀 최고기온 7일 뒤 예측 (2015년으로 채점) | 4 |
# | 5 | `encode_batch` 부분 단어 토큰의 패딩 배치 | 2 |
# | 6 | `SentimentGRU` 패딩에 흔들리지 않는 GRU 분류기 | 3 |
# | 7 | `train_sentiment` 정해진 에포크 안에서 채점용 리뷰 정확도 78% | 4 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 형식(모양, 자료형)을 확인합니다. 채점 때는 새 입력과 경계 사례를 확인하는 숨은 테스트가 더 실행됩니다.
# - 작은 순환 신경망은 CPU 가 충분히 빠릅니다. 이 과제의 모든 계산은 CPU 텐서로 합니다.
# - 뒤 문제는 앞 문제의 함수를 씁니다. 위에서부터 차례로 실행하세요.

# %% [markdown]
# ## 문제 1. GRU 셀을 손으로 (3점)
#
# GRU 셀은 입력 $x$ 와 이전 은닉 상태 $h$ 로 다음 은닉 상태 $h'$ 을 만듭니다. PyTorch 의 `nn.GRUCell` 은 가중치를
# **r, z, n** 순서로 이어 붙여 둡니다: `weight_ih` 는 `(3·hidden, input)`, `weight_hh` 는 `(3·hidden, hidden)`, 편향은 `(3·hidden,)`.
#
# $$\begin{aligned}
# r &= \sigma(W_{ir} x + b_{ir} + W_{hr} h + b_{hr}) && \text{(리셋 게이트)}\\
# z &= \sigma(W_{iz} x + b_{iz} + W_{hz} h + b_{hz}) && \text{(업데이트 게이트)}\\
# n &= \tanh\big(W_{in} x + b_{in} + r \odot (W_{hn} h + b_{hn})\big) && \text{(후보)}\\
# h' &= (1 - z) \odot n + z \odot h
# \end{aligned}$$
#
# `gru_cell(x, h, W_ih, W_hh, b_ih, b_hh)` 를 완성하세요.
#
# - `x`: `(batch, input)`, `h`: `(batch, hidden)`, 가중치와 편향은 위 모양. 모두 `float32` 텐서입니다.
# - `(batch, hidden)` `float32` 텐서 $h'$ 을 돌려줍니다. `nn.GRUCell` 과 `1e-5` 안에서 같아야 합니다.
# - `nn.GRUCell`, `nn.GRU`, `torch._VF` 같은 내장 순환 층은 쓰지 마세요 (행렬 곱과 `sigmoid`, `tanh` 로 계산합니다). 입력은 바꾸지 않습니다.
# - $b_{hn}$ 이 $r$ **안쪽**에 있다는 점에 주의하세요.

# %% nbgrader={"grade": false, "grade_id": "ex_gru_cell", "locked": false, "schema_version": 3, "solution": true}
def gru_cell(x: torch.Tensor, h: torch.Tensor, W_ih: torch.Tensor, W_hh: torch.Tensor,
             b_ih: torch.Tensor, b_hh: torch.Tensor) -> torch.Tensor:
    """One GRU step, gate order (r, z, n) as in nn.GRUCell; returns h' (batch, hidden)."""
    ### BEGIN SOLUTION
    gi = x @ W_ih.T + b_ih
    gh = h @ W_hh.T + b_hh
    i_r, i_z, i_n = gi.chunk(3, dim=1)
    h_r, h_z, h_n = gh.chunk(3, dim=1)
    r = torch.sigmoid(i_r + h_r)
    z = torch.sigmoid(i_z + h_z)
    n = torch.tanh(i_n + r * h_n)
    return (1 - z) * n + z * h
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_gru_cell", "locked": true, "points": 3, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_cell = nn.GRUCell(3, 2)
_x, _h = torch.randn(4, 3), torch.randn(4, 2)
with torch.no_grad():
    _out = gru_cell(_x, _h, _cell.weight_ih, _cell.weight_hh, _cell.bias_ih, _cell.bias_hh)
assert type(_out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert tuple(_out.shape) == (4, 2) and _out.dtype == torch.float32, "결과는 float32 (batch, hidden) 텐서여야 합니다"
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(2024)
for _b, _i, _hid in [(5, 7, 6), (1, 2, 9), (16, 4, 3)]:
    _W_ih, _W_hh = torch.randn(3 * _hid, _i, generator=_g), torch.randn(3 * _hid, _hid, generator=_g)
    _b_ih, _b_hh = torch.randn(3 * _hid, generator=_g), torch.randn(3 * _hid, generator=_g)
    _x, _h = torch.randn(_b, _i, generator=_g), torch.randn(_b, _hid, generator=_g)
    _args = [t.clone() for t in (_x, _h, _W_ih, _W_hh, _b_ih, _b_hh)]
    _out = gru_cell(*_args)
    assert type(_out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
    assert tuple(_out.shape) == (_b, _hid) and _out.dtype == torch.float32, "결과는 float32 (batch, hidden) 텐서여야 합니다"
    _ref = nn.GRUCell(_i, _hid)
    with torch.no_grad():
        for _p, _v in zip((_ref.weight_ih, _ref.weight_hh, _ref.bias_ih, _ref.bias_hh), (_W_ih, _W_hh, _b_ih, _b_hh)):
            _p.copy_(_v)
        _expected = _ref(_x, _h)
    assert torch.allclose(_out.detach(), _expected, atol=1e-5), "임의의 가중치에서 nn.GRUCell 과 값이 다릅니다 (게이트 순서 r, z, n 과 b_hn 의 위치를 확인하세요)"
    assert all(torch.equal(a, b) for a, b in zip(_args, (_x, _h, _W_ih, _W_hh, _b_ih, _b_hh))), "입력 텐서를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 실험: 업데이트 게이트가 열리면 기억이 얼마나 멀리 가는가 (3점)
#
# 강의 4절에서는 LSTM 의 망각 게이트 편향을 올리면 기울기가 더 멀리 간다는 것을 봤습니다. GRU 에서 같은 역할을 하는 것은
# 업데이트 게이트 $z$ 입니다 ($z \approx 1$ 이면 $h' \approx h$).
#
# **(a)** `gradient_reach(layer, x, ratio=1e-3)` 를 완성하세요.
#
# - `layer` 는 `batch_first=True` 인 `nn.RNN`/`nn.GRU`/`nn.LSTM` 층, `x` 는 `(1, T, input)` `float32` 텐서입니다 (`requires_grad=False`).
# - `x` 의 **복사본**에 기울기를 켜고 `layer` 에 넣어, 마지막 단계 출력의 합 `out[0, -1].sum()` 을 역전파합니다.
# - 단계마다 기울기 노름 $g_t = \lVert \partial\, \text{out}_{T-1} / \partial x_t \rVert$ (특성 방향의 2-노름)을 구하고,
#   $g_{T-1-k} < \text{ratio} \cdot g_{T-1}$ 인 **가장 작은 $k \geq 1$** (끝에서부터 떨어진 단계 수)을 파이썬 `int` 로 돌려줍니다.
#   그런 $k$ 가 없으면 `T` 를 돌려줍니다.
# - 넘겨받은 `x` 는 바꾸지 않습니다 (`x.requires_grad` 도 그대로).
#
# **(b)** 실험: 아래 순서를 그대로 따라 `seed = 0` 에서 잽니다.
#
# ```
# torch.manual_seed(seed)
# gru = nn.GRU(4, 32, batch_first=True)
# (편향을 바꾸는 경우) torch.no_grad() 안에서 업데이트 게이트의 입력 편향 덩어리에 +2.0 을 더한다
# x = torch.randn(1, 120, 4)
# reach = gradient_reach(gru, x)
# ```
#
# 기본 초기화의 결과를 `reach_default`, 업데이트 게이트 편향에 +2.0 을 더한 결과를 `reach_open` 에 파이썬 `int` 로 남기세요.
# 편향 덩어리가 `bias_ih_l0` 의 어느 구간인지는 문제 1의 게이트 순서로 찾으세요. 채점은 다른 시드로 같은 실험을 다시 해서
# 여러분의 값이 그 범위에 드는지 봅니다. 짐작하지 말고 재서 남기세요.

# %% nbgrader={"grade": false, "grade_id": "ex_gradient_reach", "locked": false, "schema_version": 3, "solution": true}
def gradient_reach(layer: nn.Module, x: torch.Tensor, ratio: float = 1e-3) -> int:
    """Smallest k >= 1 with ||d out[T-1] / d x[T-1-k]|| < ratio * ||d out[T-1] / d x[T-1]|| (T if none)."""
    ### BEGIN SOLUTION
    x = x.detach().clone().requires_grad_(True)
    out, _ = layer(x)
    out[0, -1].sum().backward()
    norms = x.grad[0].norm(dim=1)
    T = len(norms)
    for k in range(1, T):
        if norms[T - 1 - k] < ratio * norms[T - 1]:
            return k
    return T
    ### END SOLUTION


### BEGIN SOLUTION
def gru_reach(seed: int, update_bias: float) -> int:
    torch.manual_seed(seed)
    gru = nn.GRU(4, 32, batch_first=True)
    with torch.no_grad():
        gru.bias_ih_l0[32:64] += update_bias
    x = torch.randn(1, 120, 4)
    return gradient_reach(gru, x)


reach_default = gru_reach(0, 0.0)
reach_open = gru_reach(0, 2.0)
### END SOLUTION
print("기본 초기화:", reach_default, "단계 | 업데이트 게이트 편향 +2:", reach_open, "단계")

# %% nbgrader={"grade": true, "grade_id": "test_gradient_reach", "locked": true, "points": 3, "schema_version": 3, "solution": false}
torch.manual_seed(1)
_layer = nn.RNN(2, 8, batch_first=True)
_r = gradient_reach(_layer, torch.randn(1, 60, 2))
assert type(_r) is int, "gradient_reach 는 파이썬 int 를 돌려주어야 합니다"
assert 1 <= _r <= 60, "1 이상 T 이하의 값이어야 합니다"
assert type(reach_default) is int and type(reach_open) is int, "reach_default, reach_open 은 파이썬 int 여야 합니다"
### BEGIN HIDDEN TESTS
def _reach_ref(layer, x, ratio=1e-3):
    x = x.detach().clone().requires_grad_(True)
    out, _ = layer(x)
    out[0, -1].sum().backward()
    n = x.grad[0].norm(dim=1)
    return next((k for k in range(1, len(n)) if n[len(n) - 1 - k] < ratio * n[-1]), len(n))


for _seed, _cls, _T, _ratio in [(3, nn.RNN, 50, 1e-3), (4, nn.LSTM, 80, 1e-2), (5, nn.GRU, 40, 1e-3), (6, nn.RNN, 5, 1e-3)]:
    torch.manual_seed(_seed)
    _layer = _cls(3, 16, batch_first=True)
    _x = torch.randn(1, _T, 3)
    _x0 = _x.clone()
    _got = gradient_reach(_layer, _x, _ratio)
    assert type(_got) is int, "gradient_reach 는 파이썬 int 를 돌려주어야 합니다"
    assert torch.equal(_x, _x0) and not _x.requires_grad, "넘겨받은 x 를 바꾸면 안 됩니다"
    assert _got == _reach_ref(_layer, _x0, _ratio), "gradient_reach 값이 다릅니다 (끝에서부터 떨어진 단계 수 k, 없으면 T)"


def _gru_reach_ref(seed, bias):
    torch.manual_seed(seed)
    _net = nn.GRU(4, 32, batch_first=True)
    with torch.no_grad():
        _net.bias_ih_l0[32:64] += bias
    return _reach_ref(_net, torch.randn(1, 120, 4))


_default = [_gru_reach_ref(s, 0.0) for s in range(100, 105)]
_open = [_gru_reach_ref(s, 2.0) for s in range(100, 105)]
assert 0.5 * min(_default) <= reach_default <= 1.5 * max(_default), "reach_default 가 다른 시드로 다시 잰 범위에서 벗어납니다"
assert 0.6 * min(_open) <= reach_open <= 1.4 * max(_open), "reach_open 이 다른 시드로 다시 잰 범위에서 벗어납니다 (편향을 더한 덩어리를 확인하세요)"
### END HIDDEN TESTS

# %% [markdown]
# 업데이트 게이트 편향을 0, 1, 2, 3 으로 바꿔 가며 기억 거리가 어떻게 변하는지 그려 봅니다 (채점하지 않는 확인 셀).

# %%
_biases = [0.0, 1.0, 2.0, 3.0]
_reaches = []
for _b in _biases:
    torch.manual_seed(0)
    _gru = nn.GRU(4, 32, batch_first=True)
    with torch.no_grad():
        _gru.bias_ih_l0[32:64] += _b
    _reaches.append(gradient_reach(_gru, torch.randn(1, 120, 4)))
plt.figure(figsize=(5, 3))
plt.plot(_biases, _reaches, "o-")
plt.xlabel("업데이트 게이트 편향")
plt.ylabel("기울기가 1/1000 로 줄어드는 거리 (단계)")
plt.title("게이트가 열릴수록 기울기가 멀리 간다")
plt.show()

# %% [markdown]
# ## 데이터: 시애틀 날씨 (문제 3, 4)
#
# 2012–2015 년 시애틀의 하루 날씨입니다. 특성 네 개(최고기온, 최저기온, 강수량, 풍속)를 `(T, 4)` 텐서로 씁니다.
# 학습에는 2012–2014 년(`train_data`)만 씁니다. **2015 년은 채점용으로 떼어 둡니다**: 학습 함수는 이 부분을 받지 않습니다.

# %%
weather = helpers.data.load_seattle_weather()
FEATURES = ["temp_max", "temp_min", "precipitation", "wind"]
series = torch.tensor(weather[FEATURES].values, dtype=torch.float32)
split = int((weather["date"] < "2015-01-01").sum())
train_data = series[:split]
print("전체", tuple(series.shape), "| 학습(2012–2014)", tuple(train_data.shape))


# %% [markdown]
# ## 문제 3. 여러 특성 시계열의 창 (2점)
#
# 강의의 `make_windows` 는 1차원 시계열을 잘랐습니다. 이번에는 특성이 여러 개인 시계열 `data` `(T, F)` 를 자릅니다.
#
# `make_windows_multi(data, window, horizon, target_col=0)` 는 튜플 `(X, y)` 를 돌려줍니다.
#
# - `X`: `(N, window, F)` — $i$ 번째 창은 `data[i : i + window]` (모든 특성).
# - `y`: `(N,)` — 창의 마지막 날에서 `horizon` 단계 뒤의 `target_col` 열 값, 곧 `data[i + window + horizon - 1, target_col]`.
# - `N = T - window - horizon + 1`. 이 값이 1 보다 작으면 `ValueError` 를 냅니다.
# - `X`, `y` 는 `data` 와 같은 dtype 입니다. `data` 는 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_make_windows_multi", "locked": false, "schema_version": 3, "solution": true}
def make_windows_multi(data: torch.Tensor, window: int, horizon: int, target_col: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Windows X (N, window, F) of a (T, F) series and targets y (N,) = data[i + window + horizon - 1, target_col]."""
    ### BEGIN SOLUTION
    n = len(data) - window - horizon + 1
    if n < 1:
        raise ValueError("시계열이 창과 예측 거리보다 짧습니다")
    X = torch.stack([data[i:i + window] for i in range(n)])
    y = data[window + horizon - 1:, target_col].clone()
    return X, y
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_make_windows_multi", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_d = torch.arange(20.0).reshape(10, 2)
_X, _y = make_windows_multi(_d, window=3, horizon=2, target_col=1)
assert type(_X) is torch.Tensor and type(_y) is torch.Tensor, "X, y 는 torch.Tensor 여야 합니다"
assert tuple(_X.shape) == (6, 3, 2) and tuple(_y.shape) == (6,), "X 는 (N, window, F), y 는 (N,) 모양이어야 합니다"
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(7)
for _T, _F, _w, _hz, _t in [(30, 3, 5, 1, 0), (17, 4, 7, 3, 2), (14, 1, 4, 9, 0), (40, 2, 1, 1, 1)]:
    _d = torch.randn(_T, _F, generator=_g, dtype=torch.float64)
    _d0 = _d.clone()
    _X, _y = make_windows_multi(_d, _w, _hz, _t)
    _n = _T - _w - _hz + 1
    assert type(_X) is torch.Tensor and type(_y) is torch.Tensor, "X, y 는 torch.Tensor 여야 합니다"
    assert tuple(_X.shape) == (_n, _w, _F) and tuple(_y.shape) == (_n,), "X 는 (N, window, F), y 는 (N,) 모양이어야 합니다 (N 을 확인하세요)"
    assert _X.dtype == torch.float64 and _y.dtype == torch.float64, "data 와 같은 dtype 이어야 합니다"
    for _i in (0, _n // 2, _n - 1):
        assert torch.equal(_X[_i], _d0[_i:_i + _w]), "창의 내용이 다릅니다"
        assert _y[_i].item() == _d0[_i + _w + _hz - 1, _t].item(), "정답의 위치가 다릅니다 (창의 마지막 날에서 horizon 단계 뒤)"
    assert torch.equal(_d, _d0), "data 를 바꾸면 안 됩니다"
for _bad in [(10, 8, 3), (5, 5, 1)]:
    try:
        make_windows_multi(torch.zeros(_bad[0], 2), _bad[1], _bad[2])
    except ValueError:
        pass
    else:
        raise AssertionError("창을 하나도 만들 수 없으면 ValueError 를 내야 합니다")
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. 시애틀 최고기온 7일 뒤 예측 (4점)
#
# 지난 **28일**의 네 특성으로 창의 마지막 날에서 **7일 뒤**의 최고기온(°C)을 예측합니다.
#
# - `Forecaster` 는 `nn.Module` 입니다. 순환 층(`nn.LSTM` 이나 `nn.GRU`, 은닉 크기 32, `batch_first=True`) 하나 뒤에
#   마지막 층 `nn.Linear(32, 1)` 을 둡니다. `forward(x)` 는 **원래 단위** 그대로의 창 `(N, 28, 4)` 를 받아 `(N,)` `float32`
#   예측(°C)을 돌려줍니다. 표준화가 필요하면 학습 데이터로 잰 평균·표준편차를 모델 안에(`register_buffer`) 두세요.
# - `train_forecaster(train_data)` 는 2012–2014 년 `(T, 4)` 텐서만 받아 학습한 `Forecaster` 를 돌려줍니다. 창은 문제 3의 함수로 만드세요.
# - 예산: **30 에포크 이하, 배치 32 이상** (채점은 `nn.Linear(32, 1)` 의 호출 수를 1100 번까지 허용합니다). 넘겨받은 텐서는 바꾸지 않습니다.
#
# 채점: 정답 날짜가 2015 년인 창 365 개에서 평균 절대 오차(MAE)가 두 기준선 — 창의 마지막 최고기온(마지막 값 기준선)과
# 창 28일의 최고기온 평균 — 보다 **모두 작아야** 합니다. 힌트: 특성을 모두 쓰는 것이 늘 낫지는 않습니다. 2014 년을 검증 구간으로
# 떼어 기준선과 비교해 보고 고르세요.

# %% nbgrader={"grade": false, "grade_id": "ex_train_forecaster", "locked": false, "schema_version": 3, "solution": true}
WINDOW, HORIZON = 28, 7


class Forecaster(nn.Module):
    ### BEGIN SOLUTION
    def __init__(self, mean: torch.Tensor, std: torch.Tensor):
        super().__init__()
        self.register_buffer("mean", mean.clone())
        self.register_buffer("std", std.clone())
        self.rnn = nn.LSTM(1, 32, batch_first=True)
        self.head = nn.Linear(32, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        z = (x[:, :, :1] - self.mean) / self.std           # temp_max only
        out, _ = self.rnn(z)
        return self.head(out[:, -1]).squeeze(-1) * self.std + self.mean
    ### END SOLUTION


def train_forecaster(train_data: torch.Tensor) -> Forecaster:
    """Train a Forecaster on 2012–2014 (T, 4) data: 28-day windows -> temp_max 7 days after the window."""
    ### BEGIN SOLUTION
    X, y = make_windows_multi(train_data, WINDOW, HORIZON, target_col=0)
    mean, std = train_data[:, 0].mean(), train_data[:, 0].std()
    model = Forecaster(mean, std)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    for _ in range(20):
        for idx in torch.randperm(len(X)).split(32):
            loss = F.mse_loss((model(X[idx]) - mean) / std, (y[idx] - mean) / std)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model.eval()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_train_forecaster", "locked": true, "points": 4, "schema_version": 3, "solution": false}
_train0 = train_data.clone()
torch.manual_seed(0)
forecaster = train_forecaster(train_data)
assert isinstance(forecaster, nn.Module), "학습한 Forecaster(nn.Module)를 돌려주세요"
_X15, _y15 = make_windows_multi(series[split - WINDOW - HORIZON + 1:], WINDOW, HORIZON)
_pred = forecaster(_X15)
assert type(_pred) is torch.Tensor and tuple(_pred.shape) == (len(_X15),), "forward 는 (N,) 텐서를 돌려주어야 합니다"
print(f"2015년 MAE: 모델 {(_pred.detach() - _y15).abs().mean():.2f} °C | 마지막 값 {(_X15[:, -1, 0] - _y15).abs().mean():.2f} °C")
### BEGIN HIDDEN TESTS
from grading.testkit import count_linear_calls

assert torch.equal(train_data, _train0), "넘겨받은 train_data 를 바꾸면 안 됩니다"
# the judge's own 2015 windows: every target date lies in 2015, never given to train_forecaster
_tail = series[split - 34:].clone()
_Xt = torch.stack([_tail[i:i + 28] for i in range(len(_tail) - 34)])
_yt = _tail[34:, 0]
assert len(_yt) == 365
_pred = forecaster(_Xt.clone())
assert type(_pred) is torch.Tensor and tuple(_pred.shape) == (365,), "forward 는 (N,) 텐서를 돌려주어야 합니다"
assert _pred.dtype == torch.float32, "예측은 float32 여야 합니다"
_pred = _pred.detach()
_mae = (_pred - _yt).abs().mean().item()
_mae_last = (_Xt[:, -1, 0] - _yt).abs().mean().item()
_mae_mean = (_Xt[:, :, 0].mean(dim=1) - _yt).abs().mean().item()
assert _mae < _mae_last, "2015년에서 마지막 값 기준선보다 오차가 작아야 합니다"
assert _mae < _mae_mean, "2015년에서 창 평균 기준선보다 오차가 작아야 합니다"
# the budget, counted: a second run under a forward-call counter (same seed)
torch.manual_seed(0)
_second, _calls = count_linear_calls(train_forecaster, 32, 1, train_data.clone())
assert 0 < _calls <= 1100, "예산을 넘었습니다: 30 에포크까지, 배치 32 이상으로 학습하세요 (nn.Linear(32, 1) 호출 1100번 이하)"
_pred2 = _second(_Xt.clone()).detach()
assert (_pred2 - _yt).abs().mean().item() < min(_mae_last, _mae_mean), "같은 시드로 다시 학습한 모델도 두 기준선을 이겨야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 데이터: NSMC 리뷰와 BPE 토크나이저 (문제 5–7)
#
# 강의 7절과 같은 BPE 토크나이저(어휘 8,000개)를 학습 리뷰로 만듭니다. `[PAD]` 의 번호는 `PAD` 입니다.

# %%
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers

nsmc_train, nsmc_test = helpers.data.load_nsmc("train"), helpers.data.load_nsmc("test")
tokenizer = Tokenizer(models.BPE(unk_token="[UNK]"))
tokenizer.normalizer = normalizers.NFKC()
tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
tokenizer.train_from_iterator(nsmc_train["document"].tolist(),
                              trainers.BpeTrainer(vocab_size=8000, special_tokens=["[PAD]", "[UNK]"], show_progress=False))
PAD, VOCAB = tokenizer.token_to_id("[PAD]"), tokenizer.get_vocab_size()
print("어휘", VOCAB, "| PAD 번호", PAD, "|", tokenizer.encode("배우들 연기가 정말 좋았어요").tokens)


# %% [markdown]
# ## 문제 5. 패딩 배치 만들기 (2점)
#
# `encode_batch(texts, tokenizer, max_len, pad_id)` 는 문자열 리스트를 튜플 `(ids, lengths)` 로 바꿉니다.
#
# - 문장마다 `tokenizer.encode(text).ids` 의 **앞에서부터 최대 `max_len` 개**를 씁니다.
# - `lengths`: 문장마다 쓴 토큰 수, `int64` `(B,)`. 토큰이 하나도 없는 문장은 `[pad_id]` 한 개로 보고 길이를 1 로 합니다.
# - `ids`: `int64` `(B, L)`, `L = lengths.max()` (배치에서 가장 긴 문장의 길이; 항상 `max_len` 까지 채우지 **않습니다**).
#   토큰은 왼쪽부터 채우고 나머지 오른쪽을 `pad_id` 로 채웁니다.

# %% nbgrader={"grade": false, "grade_id": "ex_encode_batch", "locked": false, "schema_version": 3, "solution": true}
def encode_batch(texts: list[str], tokenizer: Tokenizer, max_len: int, pad_id: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Right-padded int64 ids (B, L) with L = longest kept length, and int64 lengths (B,)."""
    ### BEGIN SOLUTION
    seqs = [tokenizer.encode(text).ids[:max_len] or [pad_id] for text in texts]
    lengths = torch.tensor([len(s) for s in seqs], dtype=torch.long)
    ids = torch.full((len(seqs), int(lengths.max())), pad_id, dtype=torch.long)
    for row, s in enumerate(seqs):
        ids[row, :len(s)] = torch.tensor(s, dtype=torch.long)
    return ids, lengths
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_encode_batch", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_ids, _lens = encode_batch(["재미있어요", "배우들 연기가 정말 좋았어요"], tokenizer, 32, PAD)
assert type(_ids) is torch.Tensor and type(_lens) is torch.Tensor, "ids, lengths 는 torch.Tensor 여야 합니다"
assert _ids.dtype == torch.int64 and _lens.dtype == torch.int64, "int64 텐서여야 합니다"
assert tuple(_ids.shape) == (2, int(_lens.max())), "ids 는 (B, 가장 긴 길이) 모양이어야 합니다"
### BEGIN HIDDEN TESTS
def _enc_ref(texts, max_len, pad_id):
    seqs = [tokenizer.encode(t).ids[:max_len] for t in texts]
    seqs = [s if s else [pad_id] for s in seqs]
    L = max(len(s) for s in seqs)
    return [s + [pad_id] * (L - len(s)) for s in seqs], [len(s) for s in seqs]


for _texts, _ml, _pad in [(list(nsmc_test["document"][:40]), 12, PAD), (["좋다", "", "정말 정말 최고의 영화였습니다 강력 추천"], 5, PAD),
                          (["이 영화 봤어요"], 64, 7), (list(nsmc_test["document"][100:103]), 200, PAD)]:
    _copy = list(_texts)
    _ids, _lens = encode_batch(_texts, tokenizer, _ml, _pad)
    _e_ids, _e_lens = _enc_ref(_copy, _ml, _pad)
    assert type(_ids) is torch.Tensor and type(_lens) is torch.Tensor, "ids, lengths 는 torch.Tensor 여야 합니다"
    assert _ids.dtype == torch.int64 and _lens.dtype == torch.int64, "int64 텐서여야 합니다"
    assert _lens.tolist() == _e_lens, "lengths 가 다릅니다 (max_len 에서 자르기, 빈 문장은 길이 1)"
    assert tuple(_ids.shape) == (len(_e_ids), len(_e_ids[0])), "ids 의 모양이 다릅니다 (L = 배치에서 가장 긴 길이)"
    assert _ids.tolist() == _e_ids, "ids 의 값이 다릅니다 (왼쪽부터 토큰, 오른쪽에 pad_id)"
    assert _texts == _copy, "넘겨받은 리스트를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 6. 패딩에 흔들리지 않는 GRU 분류기 (3점)
#
# `SentimentGRU(vocab_size, pad_id, emb_dim=32, hidden=32)` 를 만드세요.
#
# - 층: `nn.Embedding(vocab_size, emb_dim, padding_idx=pad_id)` → `nn.GRU(emb_dim, hidden, batch_first=True)` (한 층, 한 방향) → `nn.Linear(hidden, 2)`.
# - `forward(ids, lengths)`: `ids` `(B, L)` `int64`, `lengths` `(B,)` `int64` (CPU) → 로짓 `(B, 2)` `float32`.
#   각 리뷰의 **실제 마지막 토큰**(`lengths - 1` 번째)까지 읽은 GRU 은닉 상태로 분류합니다.
# - **패딩 불변**: 배치 오른쪽에 [PAD] 를 더 붙여도(`lengths` 는 그대로) 로짓이 바뀌지 않아야 하고, 한 리뷰의 로짓이 같은 배치의
#   다른 리뷰에 따라 달라지지 않아야 합니다. `lengths` 는 정렬되어 있지 않을 수 있습니다.
# - 방법은 자유입니다: `pack_padded_sequence` 로 패킹하거나, 전체 출력에서 `lengths - 1` 번째를 골라도 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_sentiment_gru", "locked": false, "schema_version": 3, "solution": true}
class SentimentGRU(nn.Module):
    ### BEGIN SOLUTION
    def __init__(self, vocab_size: int, pad_id: int, emb_dim: int = 32, hidden: int = 32):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb_dim, padding_idx=pad_id)
        self.gru = nn.GRU(emb_dim, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 2)

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        packed = nn.utils.rnn.pack_padded_sequence(self.embed(ids), lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, h = self.gru(packed)
        return self.head(h[-1])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sentiment_gru", "locked": true, "points": 3, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_model = SentimentGRU(VOCAB, PAD)
_ids, _lens = encode_batch(["재미있어요", "배우들 연기가 정말 좋았어요"], tokenizer, 32, PAD)
_logits = _model(_ids, _lens)
assert type(_logits) is torch.Tensor and tuple(_logits.shape) == (2, 2) and _logits.dtype == torch.float32, "로짓은 float32 (B, 2) 텐서여야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(5)
_model = SentimentGRU(300, 0, emb_dim=12, hidden=10)
assert isinstance(_model, nn.Module), "SentimentGRU 는 nn.Module 이어야 합니다"
_kinds = [type(m) for m in _model.modules()]
assert _kinds.count(nn.GRU) == 1 and _kinds.count(nn.Embedding) == 1 and _kinds.count(nn.Linear) == 1, "Embedding, GRU, Linear 가 하나씩 있어야 합니다"
_gru = [m for m in _model.modules() if type(m) is nn.GRU][0]
assert (_gru.input_size, _gru.hidden_size, _gru.num_layers, _gru.batch_first, _gru.bidirectional) == (12, 10, 1, True, False), "GRU 의 설정이 다릅니다"
assert sum(p.numel() for p in _model.parameters()) == 300 * 12 + 3 * 10 * (12 + 10 + 2) + 10 * 2 + 2, "매개변수 수가 다릅니다"
_model.eval()
_g = torch.Generator().manual_seed(11)
_lens = torch.tensor([3, 9, 1, 6, 9, 2], dtype=torch.long)
_ids = torch.zeros(6, 9, dtype=torch.long)
for _r, _l in enumerate(_lens.tolist()):
    _ids[_r, :_l] = torch.randint(1, 300, (_l,), generator=_g)
_base = _model(_ids.clone(), _lens.clone())
assert type(_base) is torch.Tensor and tuple(_base.shape) == (6, 2) and _base.dtype == torch.float32, "로짓은 float32 (B, 2) 텐서여야 합니다"
_base = _base.detach()
_more = _model(torch.cat([_ids, torch.zeros(6, 7, dtype=torch.long)], dim=1), _lens.clone()).detach()
assert torch.allclose(_base, _more, atol=1e-5), "오른쪽에 [PAD] 를 더 붙였더니 로짓이 바뀌었습니다"
for _r in (0, 2, 5):
    _alone = _model(_ids[_r:_r + 1, :int(_lens[_r])].clone(), _lens[_r:_r + 1].clone()).detach()
    assert torch.allclose(_alone, _base[_r:_r + 1], atol=1e-5), "한 리뷰의 로짓이 같은 배치의 다른 리뷰에 따라 달라집니다"
# the logits really depend on the last real token (not only on the first one)
_changed = _ids.clone()
_changed[1, 8] = (_changed[1, 8] % 299) + 1
assert not torch.allclose(_model(_changed, _lens.clone()).detach()[1], _base[1]), "마지막 실제 토큰을 바꿔도 로짓이 그대로입니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 7. 감성 분류기 학습 (4점)
#
# `train_sentiment(ids, lengths, labels, vocab_size, pad_id)` 는 학습 리뷰 2만 개를 `encode_batch(…, max_len=32, …)` 로 만든 텐서를 받아
# 학습한 모델을 돌려줍니다.
#
# - 모델은 `forward(ids, lengths)` → 로짓 `(B, 2)` 인 `nn.Module` 이고, 분류 층(마지막 층)은 `nn.Linear(64, 2)` 입니다.
#   문제 6의 `SentimentGRU(…, emb_dim=64, hidden=64)` 를 써도 되고, 더 빠른 `nn.EmbeddingBag(…, mode="mean", padding_idx=pad_id)`
#   (토큰 임베딩의 평균) 위에 `nn.Linear(64, 2)` 를 두어도 됩니다. 어느 쪽이든 패딩이 결과를 바꾸지 않아야 합니다.
# - 예산: **3 에포크 이하, 배치 64 이상** (채점은 `nn.Linear(64, 2)` 의 호출 수를 1000 번까지 허용합니다: 학습 안에서 평가하지 마세요).
#   넘겨받은 텐서는 바꾸지 않습니다. 무작위는 `torch` 로만 씁니다 (테스트 셀이 시드를 고정합니다).
#
# 채점: 여러분에게 주지 않은 리뷰 1,000 개(긍정·부정 반반)를 같은 방법(`max_len=32`)으로 인코딩해 정확도 **78% 이상**이어야 합니다.
# 학습이 끝나면 아래 테스트 셀이 여러분의 테스트 세트 정확도를 보여 줍니다. 강의의 TF-IDF 기준선(약 84%)과 비교해 보세요.

# %% nbgrader={"grade": false, "grade_id": "ex_train_sentiment", "locked": false, "schema_version": 3, "solution": true}
def train_sentiment(ids: torch.Tensor, lengths: torch.Tensor, labels: torch.Tensor, vocab_size: int, pad_id: int) -> nn.Module:
    """Train a classifier (forward(ids, lengths) -> (B, 2) logits, last layer nn.Linear(64, 2)) within 3 epochs."""
    ### BEGIN SOLUTION
    class BagClassifier(nn.Module):
        def __init__(self):
            super().__init__()
            self.bag = nn.EmbeddingBag(vocab_size, 64, mode="mean", padding_idx=pad_id)
            self.head = nn.Linear(64, 2)

        def forward(self, ids, lengths):
            return self.head(self.bag(ids))

    model = BagClassifier()
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-3)
    for _ in range(2):
        model.train()
        for idx in torch.randperm(len(labels)).split(128):
            loss = F.cross_entropy(model(ids[idx], lengths[idx]), labels[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model.eval()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_train_sentiment", "locked": true, "points": 4, "schema_version": 3, "solution": false}
ids_train, len_train = encode_batch(list(nsmc_train["document"]), tokenizer, 32, PAD)
y_train = torch.tensor(nsmc_train["label"].values, dtype=torch.long)
ids_test, len_test = encode_batch(list(nsmc_test["document"]), tokenizer, 32, PAD)
y_test = torch.tensor(nsmc_test["label"].values, dtype=torch.long)
_copies = (ids_train.clone(), len_train.clone(), y_train.clone())
torch.manual_seed(0)
sentiment_model = train_sentiment(ids_train, len_train, y_train, VOCAB, PAD)
assert isinstance(sentiment_model, nn.Module), "학습한 모델(nn.Module)을 돌려주세요"
sentiment_model.eval()
_test_pred = sentiment_model(ids_test, len_test).detach().argmax(dim=1)
print(f"내 테스트 세트 정확도 {(_test_pred == y_test).float().mean():.1%}")
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout
from grading.testkit import count_linear_calls

assert all(torch.equal(a, b) for a, b in zip((ids_train, len_train, y_train), _copies)), "넘겨받은 텐서를 바꾸면 안 됩니다"
_xh, _yh = load_holdout("nsmc")
_seqs = [tokenizer.encode(t).ids[:32] or [PAD] for t in _xh]
_lh = torch.tensor([len(s) for s in _seqs], dtype=torch.long)
_ih = torch.full((len(_seqs), int(_lh.max())), PAD, dtype=torch.long)
for _r, _s in enumerate(_seqs):
    _ih[_r, :len(_s)] = torch.tensor(_s, dtype=torch.long)
_yh = torch.as_tensor(_yh)


def _holdout_acc(model):
    model.eval()
    _out = model(_ih.clone(), _lh.clone())
    assert type(_out) is torch.Tensor and tuple(_out.shape) == (len(_yh), 2), "모델은 (B, 2) 로짓을 돌려주어야 합니다"
    return (_out.detach().argmax(dim=1) == _yh).float().mean().item()


assert _holdout_acc(sentiment_model) >= 0.78, "채점용 리뷰에서 정확도가 78% 에 못 미칩니다"
# the budget, counted: a second run under a forward-call counter (same seed)
torch.manual_seed(0)
_second, _calls = count_linear_calls(train_sentiment, 64, 2, *(t.clone() for t in _copies), VOCAB, PAD)
assert 0 < _calls <= 1000, "예산을 넘었습니다: 3 에포크까지, 배치 64 이상으로 학습하세요 (nn.Linear(64, 2) 호출 1000번 이하)"
assert _holdout_acc(_second) >= 0.78, "같은 시드로 다시 학습한 모델도 채점용 리뷰에서 78% 이상이어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 📝 요약
#
# 1. GRU 의 업데이트 게이트 $z$ 가 1 에 가까우면 $h' \approx h$ 로 은닉 상태가 그대로 넘어가고, 기울기도 곱해져 줄어들지 않고 멀리 갑니다
#    (문제 2에서 잰 기억 거리).
# 2. 창의 정답 위치를 한 칸 잘못 잡아도 오류는 나지 않습니다. 모델은 다른 문제(6일 뒤나 8일 뒤)를 조용히 풉니다. 그래서 작은 예로 직접 확인합니다.
# 3. 예측 모델은 떼어 둔 구간에서 단순한 기준선(마지막 값, 창 평균)과 비교해야 좋다고 말할 수 있습니다.
# 4. 패딩은 정보가 아니므로 답을 바꾸면 안 됩니다. 패킹하거나 실제 마지막 토큰의 출력을 골라 패딩을 읽지 않게 합니다.

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
from tqdm.auto import tqdm

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 순환 신경망(RNN)이 은닉 상태(hidden state)를 한 단계씩 갱신하는 계산을 손으로 따라가고 `nn.RNN` 과 맞춰 본다.
# - LSTM 의 네 게이트(입력·망각·후보·출력)를 직접 계산해 `nn.LSTMCell` 과 같은 값을 만든다.
# - 기울기 소실(vanishing gradient)을 시간 단계별 기울기 노름으로 재고, RNN 과 LSTM 을 비교한다.
# - 시계열을 창(window)으로 잘라 예측 모델을 학습하고, 단순한 기준선(baseline)과 정직하게 비교한다.
# - 한국어 리뷰를 부분 단어로 토큰화하고 LSTM 으로 감성을 분류한 뒤, TF-IDF 기준선과 비교한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 순환 신경망은 앞에서 읽은 내용을 어디에 담아 다음 단계로 넘기는가?
# 2. 긴 시퀀스에서 RNN 이 앞부분을 "잊는" 이유는 무엇이고, LSTM 은 이를 어떻게 줄이는가?
# 3. 시계열 예측 모델이 좋은지는 무엇과 비교해야 알 수 있는가? 추세가 있는 데이터에서 LSTM 은 왜 실패하는가?
# 4. 한국어 문장을 띄어쓰기로 자르면 왜 곤란하고, 패딩은 모델의 예측을 어떻게 망칠 수 있는가?

# %% [markdown]
# ## 1. 은닉 상태: 한 단계씩 읽기
#
# 시퀀스(sequence)는 순서가 있는 데이터입니다: 문장의 토큰, 날마다 잰 기온. 순환 신경망(RNN, recurrent neural
# network)은 원소를 하나씩 읽으면서 **은닉 상태** $h_t$ 하나를 계속 고쳐 씁니다.
#
# $$h_t = \tanh(W_{ih} x_t + b_{ih} + W_{hh} h_{t-1} + b_{hh})$$
#
# 같은 가중치 $W_{ih}, W_{hh}$ 를 모든 단계에서 다시 씁니다. 그래서 길이가 다른 시퀀스도 같은 모델이 읽습니다.
# `nn.RNN` 이 하는 계산을 `for` 문으로 직접 해 보고 값을 맞춰 봅니다.

# %%
torch.manual_seed(0)
rnn = nn.RNN(input_size=3, hidden_size=4, batch_first=True)
x = torch.randn(1, 6, 3)                        # (배치, 시간 단계, 특성)

h = torch.zeros(4)
states = []
for t in range(x.shape[1]):
    h = torch.tanh(rnn.weight_ih_l0 @ x[0, t] + rnn.bias_ih_l0 + rnn.weight_hh_l0 @ h + rnn.bias_hh_l0)
    states.append(h)
by_hand = torch.stack(states)

out, h_last = rnn(x)
print("nn.RNN 출력 모양:", tuple(out.shape), "| 마지막 은닉 상태 모양:", tuple(h_last.shape))
print("손 계산과 nn.RNN 의 최대 차이:", (by_hand - out[0]).abs().max().item())
print("마지막 출력 == 마지막 은닉 상태:", torch.allclose(out[0, -1], h_last[0, 0]))

plt.figure(figsize=(6, 2.5))
plt.imshow(by_hand.detach().T, cmap="coolwarm", vmin=-1, vmax=1)
plt.xlabel("시간 단계 t")
plt.ylabel("은닉 상태 성분")
plt.title("은닉 상태 h_t 가 단계마다 바뀌는 모습")
plt.colorbar()
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - `out` 은 모든 단계의 은닉 상태 `(배치, 시간, 은닉 크기)` 이고, `h_last` 는 마지막 단계의 것 `(층 수, 배치, 은닉 크기)` 입니다.
# - `batch_first=True` 일 때만 입력이 `(배치, 시간, 특성)` 입니다. 기본값은 `(시간, 배치, 특성)` 입니다 (⚠️ 절 참고).

# %% [markdown]
# ## 2. RNN, LSTM, GRU 나란히 보기
#
# - **LSTM**(long short-term memory)은 은닉 상태 $h_t$ 말고 **셀 상태**(cell state) $c_t$ 를 하나 더 둡니다.
#   게이트(gate)가 셀 상태에 무엇을 지우고(망각 게이트) 무엇을 쓸지(입력 게이트) 정합니다.
# - **GRU**(gated recurrent unit)는 게이트가 둘(리셋, 업데이트)이고 셀 상태가 없는 가벼운 변형입니다.
#
# 게이트마다 가중치 행렬이 하나씩 있어서 같은 은닉 크기에서 LSTM 은 RNN 의 4배, GRU 는 3배의 매개변수를 씁니다.

# %%
x = torch.randn(2, 10, 8)                       # 배치 2, 길이 10, 특성 8
for cls in (nn.RNN, nn.GRU, nn.LSTM):
    layer = cls(8, 16, batch_first=True)
    out, state = layer(x)
    n_params = sum(p.numel() for p in layer.parameters())
    shapes = [tuple(s.shape) for s in state] if isinstance(state, tuple) else [tuple(state.shape)]
    print(f"{cls.__name__:5s} 매개변수 {n_params:5d} | 출력 {tuple(out.shape)} | 상태 {shapes}")


# %% [markdown]
# **눈여겨볼 점**: 세 층은 출력 모양이 같아서 서로 바꿔 끼울 수 있습니다. 다만 LSTM 은 상태가 `(h, c)` 튜플입니다.

# %% [markdown]
# ## 3. LSTM 셀을 손으로
#
# LSTM 은 $x_t$ 와 $h_{t-1}$ 로 네 덩어리를 한꺼번에 계산합니다. PyTorch 는 가중치를 **i, f, g, o** 순서로 이어 붙여 둡니다.
#
# $$\begin{aligned}
# i &= \sigma(\cdot), \quad f = \sigma(\cdot), \quad g = \tanh(\cdot), \quad o = \sigma(\cdot) \quad (\cdot = W_{ih}x + b_{ih} + W_{hh}h + b_{hh} \text{ 의 각 덩어리})\\
# c_t &= f \odot c_{t-1} + i \odot g, \qquad h_t = o \odot \tanh(c_t)
# \end{aligned}$$
#
# 망각 게이트(forget gate) $f$ 가 1 에 가까우면 셀 상태가 거의 그대로 다음 단계로 갑니다. 이 **덧셈 경로**가 기울기를 멀리 보냅니다.

# %%
def lstm_cell_by_hand(x, h, c, cell):
    gates = x @ cell.weight_ih.T + cell.bias_ih + h @ cell.weight_hh.T + cell.bias_hh
    i, f, g, o = gates.chunk(4, dim=1)
    i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
    c_new = f * c + i * g
    h_new = o * torch.tanh(c_new)
    return h_new, c_new


torch.manual_seed(1)
cell = nn.LSTMCell(5, 7)
x, h0, c0 = torch.randn(3, 5), torch.randn(3, 7), torch.randn(3, 7)
h_ref, c_ref = cell(x, (h0, c0))
h_me, c_me = lstm_cell_by_hand(x, h0, c0, cell)
print("h 최대 차이:", (h_me - h_ref).abs().max().item(), "| c 최대 차이:", (c_me - c_ref).abs().max().item())
assert torch.allclose(h_me, h_ref, atol=1e-6) and torch.allclose(c_me, c_ref, atol=1e-6)


# %% [markdown]
# **눈여겨볼 점**: 차이가 1e-6 보다 작습니다. `chunk(4)` 의 순서를 i, f, g, o 가 아닌 다른 순서로 읽으면 값이 크게 달라집니다.
# 과제에서는 같은 방법으로 GRU 셀을 손으로 만듭니다.

# %% [markdown]
# ## 4. 기울기 소실을 재 보기
#
# 마지막 출력 $h_T$ 가 $t$ 번째 입력에서 얼마나 영향을 받는지는 기울기 노름 $\lVert \partial h_T / \partial x_t \rVert$ 로 잴 수 있습니다.
# 역전파는 단계마다 $W_{hh}$ 와 $\tanh'$ 를 곱하므로, RNN 에서는 이 값이 거리에 따라 **지수적으로** 줄어듭니다.
# 학습 없이 막 초기화한 층으로 길이 120 의 시퀀스에서 재 봅니다. LSTM 은 망각 게이트 편향을 +1 로 올린 것도 함께 봅니다
# (망각 게이트가 더 열려 셀 상태가 오래 남습니다; 여러 구현이 이렇게 초기화합니다).

# %%
def grad_norms(layer, T=120, seed=0):
    torch.manual_seed(seed)
    x = torch.randn(1, T, layer.input_size, requires_grad=True)
    states, _ = layer(x)
    states[0, -1].sum().backward()  # the last step's hidden state
    return x.grad[0].norm(dim=1)


torch.manual_seed(0)
layers = {"RNN": nn.RNN(4, 32, batch_first=True), "GRU": nn.GRU(4, 32, batch_first=True),
          "LSTM": nn.LSTM(4, 32, batch_first=True)}
lstm_fb = nn.LSTM(4, 32, batch_first=True)
with torch.no_grad():
    lstm_fb.bias_ih_l0[32:64] += 1.0             # the forget-gate block (order i, f, g, o)
layers["LSTM (망각 편향 +1)"] = lstm_fb

plt.figure(figsize=(7, 3.5))
for name, layer in layers.items():
    norms = grad_norms(layer)
    steps_back = torch.arange(len(norms) - 1, -1, -1)
    plt.semilogy(steps_back, (norms / norms[-1]).detach(), label=name)
    small = (norms < 1e-3 * norms[-1]).nonzero()
    reach = len(norms) - 1 - int(small[-1]) if len(small) else None
    print(f"{name:18s} 기울기가 마지막 단계의 1/1000 아래로 떨어지는 거리: {reach} 단계")
plt.axhline(1e-3, color="gray", ls="--")
plt.xlabel("끝에서부터 떨어진 단계 수")
plt.ylabel("||∂h_T/∂x_t|| (마지막 단계 = 1)")
plt.title("기울기 소실: 멀리 있는 입력일수록 기울기가 작다")
plt.legend()
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - 초기화 직후에는 RNN, GRU, LSTM 모두 십여 단계 만에 기울기가 1/1000 로 줄어듭니다. 게이트가 있다고 저절로 오래 기억하지는 않습니다.
# - 망각 게이트가 열리면(편향 +1) LSTM 의 기울기는 몇 배 더 멀리 갑니다. 셀 상태의 덧셈 경로 $c_t = f \odot c_{t-1} + \dots$ 덕분입니다.
#   학습하면서 모델은 필요한 정보를 오래 들고 가도록 $f$ 를 조절할 수 있습니다. RNN 에는 그런 손잡이가 없습니다.

# %% [markdown]
# ## 5. 시계열을 창으로 자르기: 항공 승객 수
#
# 1949–1960 년 월별 항공 승객 수입니다. 지도 학습 데이터로 바꾸려면 **창**(window)으로 자릅니다: 지난 `window` 달을 입력,
# `horizon` 달 뒤의 값을 정답으로. 마지막 24 달은 **떼어 둔 꼬리**(held-out tail)로, 학습에 쓰지 않고 평가에만 씁니다.

# %%
air = helpers.data.load_airline_passengers()
passengers = torch.tensor(air["passengers"].values, dtype=torch.float32)


def make_windows(series, window, horizon=1):
    """All (input window, target) pairs of a 1-D series: X (N, window), y (N,), N = len - window - horizon + 1."""
    n = len(series) - window - horizon + 1
    X = torch.stack([series[i:i + window] for i in range(n)])
    y = series[window + horizon - 1:]
    return X, y


X, y = make_windows(torch.arange(10.0), window=3, horizon=2)
print("작은 예: 첫 창", X[0].tolist(), "→ 정답", y[0].item(), "| 창 개수", len(X))

plt.figure(figsize=(8, 3))
plt.plot(air["date"], passengers, label="승객 수 (천 명)")
plt.axvspan(air["date"].iloc[-24], air["date"].iloc[-1], color="orange", alpha=0.2, label="떼어 둔 꼬리 (24달)")
plt.legend()
plt.title("항공 승객 수: 추세 + 12달 계절성")
plt.show()


# %% [markdown]
# 모델보다 먼저 **기준선**입니다. 다음 달을 맞히는 가장 단순한 방법 두 가지:
# 지난달 값을 그대로 쓰는 **마지막 값 기준선**(persistence)과 12달 전 값을 쓰는 **계절 기준선**(seasonal naive).
# 그다음 LSTM 을 로그 승객 수의 창(12달)으로 학습합니다. 입력은 학습 구간의 최솟값·최댓값으로 0~1 로 맞춥니다.

# %%
class WindowLSTM(nn.Module):
    def __init__(self, hidden=32):
        super().__init__()
        self.lstm = nn.LSTM(1, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 1)

    def forward(self, x):                        # x: (N, window)
        out, _ = self.lstm(x.unsqueeze(-1))
        return self.head(out[:, -1]).squeeze(-1)


def fit_regressor(model, X, y, epochs, lr=1e-2, batch_size=32, seed=0, desc="학습"):
    torch.manual_seed(seed)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    for _ in tqdm(range(epochs), desc=desc, leave=False):
        for idx in torch.randperm(len(X)).split(batch_size):
            loss = F.mse_loss(model(X[idx]), y[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return model.eval()


WINDOW, TAIL = 12, 24
log_p = passengers.log()
Xa, ya = make_windows(log_p, WINDOW)             # ya[k] is month k + 12
test = torch.arange(len(ya)) >= len(ya) - TAIL   # targets in the last 24 months
lo, hi = log_p[:-TAIL].min(), log_p[:-TAIL].max()   # training part only


def scale(v):
    return (v - lo) / (hi - lo)


def unscale(v):
    return (v * (hi - lo) + lo).exp()


torch.manual_seed(0)
level_model = fit_regressor(WindowLSTM(), scale(Xa[~test]), scale(ya[~test]), epochs=150, desc="LSTM (수준)")
with torch.no_grad():
    pred_level = unscale(level_model(scale(Xa[test])))
truth = passengers[-TAIL:]
mae = {"마지막 값": (passengers[-TAIL - 1:-1] - truth).abs().mean().item(),
       "계절(12달 전)": (passengers[-TAIL - 12:-12] - truth).abs().mean().item(),
       "LSTM (로그 수준)": (pred_level - truth).abs().mean().item()}
for name, value in mae.items():
    print(f"{name:16s} 꼬리 24달 MAE {value:6.1f} (천 명)")
print("학습 구간 최댓값:", passengers[:-TAIL].max().item(), "| 꼬리 최댓값:", truth.max().item())

# %% [markdown]
# **눈여겨볼 점**: LSTM 이 마지막 값 기준선에 **집니다**. 꼬리의 승객 수는 학습 구간에서 한 번도 본 적 없는 크기인데,
# LSTM 의 출력은 학습 때 본 범위(0~1 근처) 밖으로 잘 나가지 못합니다. 신경망은 **추세를 외삽(extrapolate)하지 못합니다.**
# 고치는 방법은 추세를 모델 밖으로 빼는 것입니다: 값 대신 **변화량**(차분, differencing) $\log y_t - \log y_{t-1}$ 을 학습하고,
# 예측한 변화량을 지난달 값에 더합니다. 변화량은 꼬리에서도 학습 구간과 비슷한 범위에 있습니다.

# %%
diff = log_p[1:] - log_p[:-1]                    # diff[k] = log y[k+1] - log y[k]
Xd, yd = make_windows(diff, WINDOW)              # yd[k] = diff[k + 12] -> month k + 13
test_d = torch.arange(len(yd)) >= len(yd) - TAIL
d_scale = diff[:-TAIL].abs().max()
diff_model = fit_regressor(WindowLSTM(), Xd[~test_d] / d_scale, yd[~test_d] / d_scale, epochs=150, desc="LSTM (차분)")
with torch.no_grad():
    pred_diff = (log_p[-TAIL - 1:-1] + diff_model(Xd[test_d] / d_scale) * d_scale).exp()
mae["LSTM (차분)"] = (pred_diff - truth).abs().mean().item()
# a smarter baseline on the same idea: last month times last year's change for that month
seasonal_change = passengers[-TAIL - 1:-1] * passengers[-TAIL - 12:-12] / passengers[-TAIL - 13:-13]
mae["계절 변화량"] = (seasonal_change - truth).abs().mean().item()
for name in ("LSTM (차분)", "계절 변화량"):
    print(f"{name:16s} 꼬리 24달 MAE {mae[name]:6.1f} (천 명)")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.2))
ax1.plot(air["date"].iloc[-TAIL:], truth, "k-o", ms=3, label="실제")
ax1.plot(air["date"].iloc[-TAIL:], passengers[-TAIL - 1:-1], "--", label="마지막 값")
ax1.plot(air["date"].iloc[-TAIL:], pred_level, label="LSTM (로그 수준)")
ax1.plot(air["date"].iloc[-TAIL:], pred_diff, label="LSTM (차분)")
ax1.legend(fontsize=8)
ax1.set_title("떼어 둔 꼬리의 예측")
ax2.bar(list(mae), list(mae.values()), color=["gray", "gray", "tab:red", "tab:green", "gray"])
ax2.set_ylabel("MAE (천 명)")
ax2.set_title("낮을수록 좋다")
ax2.tick_params(axis="x", labelsize=8)
plt.tight_layout()
plt.show()

# %% [markdown]
# **눈여겨볼 점**: 같은 LSTM, 같은 창 길이인데 추세를 뺀 변화량으로 학습하니 두 기준선을 모두 크게 이깁니다. 변화량에는
# 12달 주기의 계절 무늬가 뚜렷하고, 그 범위는 꼬리에서도 학습 구간과 비슷하기 때문입니다. 그런데 같은 생각을 모델 없이 쓴
# **계절 변화량 기준선**(지난달 값 × 작년 같은 달의 증가율)도 거의 같은 오차를 냅니다. LSTM 이 배운 것은 대부분 이 규칙입니다.
# 시계열에서는 **기준선을 먼저 재고**, 모델이 떼어 둔 꼬리에서 그것을 이길 때만 씁니다. (144달뿐인 작은 데이터라 시드에 따라
# 숫자는 조금씩 달라집니다.)

# %% [markdown]
# ## 6. LSTM 이 기준선을 이기는 경우: 시애틀 기온 7일 뒤
#
# 시애틀 일 최고기온(2012–2015)은 추세 없이 1년 주기로 오르내립니다. 지난 28일로 **7일 뒤** 최고기온을 예측합니다.
# 2012–2014 년으로 학습하고, 정답 날짜가 2015 년인 창 365개로 평가합니다. 기준선은 창의 마지막 값(마지막 값 기준선)과 창의 평균입니다.

# %%
weather = helpers.data.load_seattle_weather()
temp = torch.tensor(weather["temp_max"].values, dtype=torch.float32)
split = int((weather["date"] < "2015-01-01").sum())
W, H = 28, 7
t_mean, t_std = temp[:split].mean(), temp[:split].std()
Xs_tr, ys_tr = make_windows(temp[:split], W, H)
Xs_te, ys_te = make_windows(temp[split - W - H + 1:], W, H)   # every target lies in 2015
print("학습 창", len(Xs_tr), "| 평가 창", len(Xs_te))

temp_model = fit_regressor(WindowLSTM(), (Xs_tr - t_mean) / t_std, (ys_tr - t_mean) / t_std, epochs=20, desc="LSTM (기온)")
with torch.no_grad():
    pred_temp = temp_model((Xs_te - t_mean) / t_std) * t_std + t_mean
temp_mae = {"마지막 값": (Xs_te[:, -1] - ys_te).abs().mean().item(),
            "창 평균": (Xs_te.mean(dim=1) - ys_te).abs().mean().item(),
            "LSTM": (pred_temp - ys_te).abs().mean().item()}
for name, value in temp_mae.items():
    print(f"{name:6s} 2015년 7일 뒤 MAE {value:.2f} °C")

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.2))
days = weather["date"].iloc[split:]
ax1.plot(days, ys_te, "k-", lw=0.8, label="실제")
ax1.plot(days, Xs_te[:, -1], "-", lw=0.8, alpha=0.6, label="마지막 값")
ax1.plot(days, pred_temp, "-", lw=1.2, label="LSTM")
ax1.legend(fontsize=8)
ax1.set_title("2015년 최고기온, 7일 전에 한 예측")
ax2.bar(list(temp_mae), list(temp_mae.values()), color=["gray", "gray", "tab:green"])
ax2.set_ylabel("MAE (°C)")
ax2.set_title("낮을수록 좋다")
plt.tight_layout()
plt.show()

# %% [markdown]
# **눈여겨볼 점**: 여기서는 LSTM 이 두 기준선을 모두 이깁니다. 7일 뒤의 날씨는 마지막 날보다 "이맘때의 수준"에 가깝고,
# 그 수준은 학습 구간과 같은 범위에 있으므로 모델이 배울 수 있습니다. 평가에 쓴 2015 년 값은 학습 함수가 보지 못했습니다.

# %% [markdown]
# ## 7. 한국어 리뷰 감성 분류 (NSMC)
#
# 네이버 영화 리뷰(NSMC) 2만 개로 학습하고 4천 개로 평가합니다 (긍정 1, 부정 0).
#
# ### 7.1 띄어쓰기로 자르면 왜 안 되는가
#
# 한국어는 명사 뒤에 **조사**(이/가, 은/는, 을/를 …)가 붙어 한 어절이 됩니다. 띄어쓰기로 자르면 `영화가`, `영화는`, `영화를` 이
# 서로 다른 토큰이 되어 같은 단어의 통계가 여러 조각으로 흩어지고, 처음 보는 조합은 모두 [UNK] 가 됩니다.

# %%
nsmc_train, nsmc_test = helpers.data.load_nsmc("train"), helpers.data.load_nsmc("test")
words = [w for doc in nsmc_train["document"] for w in doc.split()]
counts = {w: words.count(w) for w in ["영화", "영화가", "영화는", "영화를", "영화도", "영화의", "영화에", "영화로"]}
print("띄어쓰기 토큰별 개수:", counts)
print("'영화'로 시작하는 서로 다른 어절:", len({w for w in words if w.startswith("영화")}), "개")
vocab_ws = set(words)
test_words = [w for doc in nsmc_test["document"] for w in doc.split()]
print(f"띄어쓰기 어휘 {len(vocab_ws):,}개 | 테스트 어절 중 학습에 없던 것: {np.mean([w not in vocab_ws for w in test_words]):.1%}")

# %% [markdown]
# ### 7.2 부분 단어(subword) 토큰화 (BPE)
#
# 11단원에서 배운 바이트 쌍 인코딩(BPE)은 자주 붙어 나오는 조각을 합쳐 어휘를 만듭니다. 자주 쓰는 `영화` 는 한 토큰이 되고,
# 조사는 따로 떨어지거나 흔한 어절은 통째로 한 토큰이 됩니다. `tokenizers` 패키지로 학습 리뷰에서 8,000 개 어휘를 학습합니다.

# %%
from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, trainers

tokenizer = Tokenizer(models.BPE(unk_token="[UNK]"))
tokenizer.normalizer = normalizers.NFKC()
tokenizer.pre_tokenizer = pre_tokenizers.Metaspace()
tokenizer.train_from_iterator(nsmc_train["document"].tolist(),
                              trainers.BpeTrainer(vocab_size=8000, special_tokens=["[PAD]", "[UNK]"], show_progress=False))
PAD = tokenizer.token_to_id("[PAD]")
for text in ["영화가 정말 재미있어요", "영화는 재미없어요", "이 영화를 추천합니다"]:
    print(text, "→", tokenizer.encode(text).tokens)


# %% [markdown]
# 리뷰마다 길이가 다르므로 배치로 묶으려면 짧은 리뷰 뒤에 [PAD] 를 채웁니다. 실제 길이 `lengths` 도 함께 들고 다닙니다.

# %%
def encode_batch(texts, max_len=32):
    ids = [enc.ids[:max_len] for enc in tokenizer.encode_batch(list(texts))]
    lengths = torch.tensor([max(len(seq), 1) for seq in ids])
    out = torch.full((len(ids), int(lengths.max())), PAD, dtype=torch.long)
    for row, seq in enumerate(ids):
        out[row, :len(seq)] = torch.tensor(seq, dtype=torch.long)
    return out, lengths


ids_tr, len_tr = encode_batch(nsmc_train["document"])
ids_te, len_te = encode_batch(nsmc_test["document"])
y_tr = torch.tensor(nsmc_train["label"].values)
y_te = torch.tensor(nsmc_test["label"].values)
print("학습 텐서:", tuple(ids_tr.shape), f"| 리뷰당 평균 토큰 {len_tr.float().mean():.1f}개")

# %% [markdown]
# ### 7.3 기준선 먼저: TF-IDF 글자 n-gram + 로지스틱 회귀
#
# 글자 1~3 개 묶음(n-gram)을 세어 가중치를 준 TF-IDF 특성에 로지스틱 회귀를 씁니다. 신경망이 아니고, 순서도 거의 보지 않습니다.

# %%
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

t0 = time.process_time()
tfidf = TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), min_df=2, sublinear_tf=True)
features_tr = tfidf.fit_transform(nsmc_train["document"])
logreg = LogisticRegression(C=2.0, max_iter=1000).fit(features_tr, nsmc_train["label"])
acc_tfidf = logreg.score(tfidf.transform(nsmc_test["document"]), nsmc_test["label"])
print(f"TF-IDF + 로지스틱 회귀: 테스트 정확도 {acc_tfidf:.1%} (CPU {time.process_time() - t0:.1f}초, 특성 {features_tr.shape[1]:,}개)")


# %% [markdown]
# ### 7.4 LSTM 감성 분류기
#
# 임베딩 → LSTM → 마지막 은닉 상태 → 선형 층. 패딩이 결과를 바꾸지 않도록 `pack_padded_sequence` 로 **실제 길이까지만** 읽힙니다
# (⚠️ 절에서 패킹을 빼면 무슨 일이 생기는지 봅니다).

# %%
class SentimentLSTM(nn.Module):
    def __init__(self, vocab_size, pad_id, emb_dim=64, hidden=64):
        super().__init__()
        self.embed = nn.Embedding(vocab_size, emb_dim, padding_idx=pad_id)
        self.lstm = nn.LSTM(emb_dim, hidden, batch_first=True)
        self.head = nn.Linear(hidden, 2)

    def forward(self, ids, lengths):
        packed = nn.utils.rnn.pack_padded_sequence(self.embed(ids), lengths.cpu(), batch_first=True, enforce_sorted=False)
        _, (h, _) = self.lstm(packed)
        return self.head(h[-1])


def accuracy(model, ids, lengths, y):
    model.eval()
    with torch.no_grad():
        return (model(ids, lengths).argmax(dim=1) == y).float().mean().item()


torch.manual_seed(0)
sent_model = SentimentLSTM(tokenizer.get_vocab_size(), PAD)
optimizer = torch.optim.Adam(sent_model.parameters(), lr=5e-3)
t0 = time.process_time()
for epoch in range(2):
    sent_model.train()
    for idx in tqdm(torch.randperm(len(y_tr)).split(128), desc=f"에포크 {epoch + 1}/2", leave=False):
        loss = F.cross_entropy(sent_model(ids_tr[idx], len_tr[idx]), y_tr[idx])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    print(f"에포크 {epoch + 1}: 테스트 정확도 {accuracy(sent_model, ids_te, len_te, y_te):.1%}")
lstm_cpu = time.process_time() - t0
acc_lstm = accuracy(sent_model, ids_te, len_te, y_te)
print(f"BPE + LSTM: 테스트 정확도 {acc_lstm:.1%} (학습 CPU {lstm_cpu:.1f}초) | TF-IDF: {acc_tfidf:.1%}")

plt.figure(figsize=(5, 3))
plt.bar(["TF-IDF + 로지스틱 회귀", "BPE + LSTM"], [acc_tfidf, acc_lstm], color=["gray", "tab:blue"])
plt.ylim(0.7, 0.9)
plt.ylabel("테스트 정확도")
plt.title("큰 모델이 항상 이기지는 않는다")
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - LSTM 은 80% 를 넘지만 몇 초 만에 학습되는 TF-IDF 기준선이 더 정확합니다. 데이터 2만 개, CPU 몇십 초라는 조건에서는
#   **큰 모델이 저절로 더 낫지 않습니다.** 기준선을 재지 않았다면 LSTM 이 좋은 모델이라고 착각했을 것입니다.
# - 그래도 LSTM 은 **순서대로 읽는** 모델입니다. 아래처럼 같은 토큰을 다른 순서로 넣으면 다른 답을 낼 수 있습니다.

# %%
for text in ["재미있다", "재미없다", "지루할 줄 알았는데 재미있다", "재미있을 줄 알았는데 지루하다"]:
    ids, lengths = encode_batch([text])
    with torch.no_grad():
        p = sent_model(ids, lengths).softmax(dim=1)[0, 1].item()
    print(f"{text:22s} 긍정 확률 {p:.2f}")


# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 1. 패딩이 예측을 바꾼다 (패킹·마스킹 없이 마지막 출력 쓰기)
#
# 패킹 없이 LSTM 을 돌리고 `out[:, -1]` 을 쓰면, 짧은 리뷰는 [PAD] 를 여러 번 읽은 뒤의 상태로 분류됩니다.
# 같은 리뷰라도 배치 안에 긴 리뷰가 있느냐에 따라 답이 달라집니다. 오류는 나지 않고 확률만 조용히 바뀝니다.

# %%
class NoPackLSTM(SentimentLSTM):
    def forward(self, ids, lengths):
        out, _ = self.lstm(self.embed(ids))
        return self.head(out[:, -1])


no_pack = NoPackLSTM(tokenizer.get_vocab_size(), PAD)
no_pack.load_state_dict(sent_model.state_dict())
no_pack.eval()
ids, lengths = encode_batch(["재미있다"])
padded = torch.cat([ids, torch.full((1, 20), PAD)], dim=1)
with torch.no_grad():
    print("패킹 없음: 패딩 전", no_pack(ids, lengths).softmax(1)[0, 1].item(), "→ 패딩 20개 뒤", no_pack(padded, lengths).softmax(1)[0, 1].item())
    print("패킹 있음: 패딩 전", sent_model(ids, lengths).softmax(1)[0, 1].item(), "→ 패딩 20개 뒤", sent_model(padded, lengths).softmax(1)[0, 1].item())

# %% [markdown]
# **고치기**: `pack_padded_sequence(..., lengths.cpu(), enforce_sorted=False)` 로 실제 길이까지만 읽히거나, `out` 에서
# 각 리뷰의 `lengths - 1` 번째 출력을 골라 씁니다. 패킹을 쓴 위 모델은 패딩 20개를 붙여도 확률이 그대로입니다.
#
# ### 2. `batch_first` 혼동
#
# `nn.LSTM` 의 기본값은 `(시간, 배치, 특성)` 입니다. `(배치, 시간, 특성)` 텐서를 넣으면 배치와 시간이 뒤바뀐 채 돌아가고,
# 마지막 은닉 상태 `h[-1]` 이 `(시간, 은닉)` 모양이 되어 정답 개수와 맞지 않아 오류가 납니다.

# %% tags=["raises-exception"]
lstm_default = nn.LSTM(8, 16)                    # batch_first=False
batch = torch.randn(4, 10, 8)                    # (배치 4, 시간 10, 특성 8)
out, (h, c) = lstm_default(batch)
print("마지막 은닉 상태 모양:", tuple(h[-1].shape), "(배치 자리에 시간 길이 10 이 왔습니다)")
targets = torch.tensor([0, 1, 0, 1])
F.cross_entropy(nn.Linear(16, 2)(h[-1]), targets)

# %% [markdown]
# **고치기**: 층을 `batch_first=True` 로 만들거나 입력을 `batch.transpose(0, 1)` 로 바꿉니다.

# %%
lstm_bf = nn.LSTM(8, 16, batch_first=True)
out, (h, c) = lstm_bf(batch)
print("마지막 은닉 상태 모양:", tuple(h[-1].shape), "| 손실:", F.cross_entropy(nn.Linear(16, 2)(h[-1]), targets).item())

# %% [markdown]
# ### 3. 배치 사이에 은닉 상태를 넘기면서 `detach` 하지 않기
#
# 긴 시계열을 조각으로 나눠 학습할 때 앞 조각의 은닉 상태를 다음 조각에 넘깁니다. 그대로 넘기면 그 상태가 앞 조각의 계산 그래프를
# 물고 있어서, 두 번째 `backward()` 가 이미 지워진 그래프를 다시 지나가려다 오류가 납니다.

# %% tags=["raises-exception"]
torch.manual_seed(0)
stream = torch.randn(1, 40, 1)
lstm_s, head_s = nn.LSTM(1, 8, batch_first=True), nn.Linear(8, 1)
state = None
for start in range(0, 40, 10):
    out, state = lstm_s(stream[:, start:start + 10], state)
    loss = head_s(out).pow(2).mean()
    loss.backward()
    print("조각", start // 10, "역전파 완료")

# %% [markdown]
# **고치기**: 다음 조각에 넘기기 전에 `detach()` 로 그래프를 끊습니다 (값은 그대로, 기울기는 조각 안에서만 흐름:
# 잘린 역전파, truncated BPTT).

# %%
state = None
for start in range(0, 40, 10):
    out, state = lstm_s(stream[:, start:start + 10], state)
    state = tuple(s.detach() for s in state)
    loss = head_s(out).pow(2).mean()
    loss.backward()
print("네 조각 모두 역전파 완료")

# %% [markdown]
# ### 4. LSTM 에게 추세를 외삽시키기
#
# 5절에서 본 것처럼, 학습 구간보다 큰 값이 나오는 꼬리에서 LSTM 의 예측은 학습 범위에 머뭅니다. 오류 메시지는 없고 숫자만 나쁩니다.
# 가장 단순한 예: 0~1 에서 오르기만 하는 직선으로 학습한 LSTM 에게 그 뒤를 예측시킵니다.

# %%
line = torch.linspace(0, 2, 80)
Xl, yl = make_windows(line[:50], 8)
line_model = fit_regressor(WindowLSTM(16), Xl, yl, epochs=60, desc="직선")
Xf, yf = make_windows(line, 8)
with torch.no_grad():
    print("정답 마지막 값:", round(yf[-1].item(), 2), "| LSTM 예측:", round(line_model(Xf[-1:]).item(), 2),
          "| 학습 정답의 최댓값:", round(yl.max().item(), 2))

# %% [markdown]
# **고치기**: 추세를 모델 밖으로 뺍니다. 차분(변화량)을 예측해 마지막 값에 더합니다.

# %%
dline = line[1:] - line[:-1]
Xdl, ydl = make_windows(dline[:49], 8)
dline_model = fit_regressor(WindowLSTM(16), Xdl / dline.max(), ydl / dline.max(), epochs=60, desc="직선 차분")
Xdf, _ = make_windows(dline, 8)
with torch.no_grad():
    step = dline_model(Xdf[-1:] / dline.max()).item() * dline.max().item()
print("차분으로 예측한 마지막 값:", round(line[-2].item() + step, 2), "| 정답:", round(line[-1].item(), 2))

# %% [markdown]
# ## 📝 요약
#
# 1. 순환 신경망은 읽은 내용을 **은닉 상태** $h_t$ 에 담아 같은 가중치로 다음 단계에 넘깁니다. LSTM 은 셀 상태 $c_t$ 도 넘깁니다.
# 2. RNN 의 기울기는 단계마다 곱해지며 지수적으로 줄어듭니다(기울기 소실). LSTM 은 망각 게이트가 열려 있을 때 셀 상태의
#    덧셈 경로로 기울기를 훨씬 멀리 보냅니다. 게이트 계산은 i, f, g, o 순서로 손으로 재현할 수 있습니다.
# 3. 예측 모델은 **기준선**(마지막 값, 계절, 창 평균)과 떼어 둔 꼬리에서 비교해야 합니다. 항공 승객처럼 추세가 있으면 LSTM 은
#    학습 범위 밖으로 외삽하지 못해 지고, 차분으로 추세를 빼야 합니다. 시애틀 기온에서는 LSTM 이 기준선을 이깁니다.
# 4. 한국어는 조사가 붙어 띄어쓰기 토큰이 흩어지므로 부분 단어(BPE)로 자릅니다. 패딩은 패킹이나 마스크로 가려야 예측이
#    바뀌지 않습니다. 그리고 TF-IDF 기준선이 LSTM 보다 나을 수 있습니다: 큰 모델이 저절로 이기지 않습니다.

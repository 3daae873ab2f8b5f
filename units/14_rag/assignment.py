# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import math
import re
from collections import Counter

import numpy as np
import scipy.sparse as sp
import torch

import helpers

device = helpers.setup(seed=0)
docs = helpers.data.load_rag_corpus()
questions = helpers.data.load_rag_questions()


# %% [markdown]
# ## 🎯 학습 목표
#
# - 글을 겹치는 조각으로 자르는 규칙을 경계 사례까지 바르게 쓴다.
# - 한국어 글자 n-gram 토큰화를 띄어쓰기에 흔들리지 않게 넓히고, BM25 점수를 식 그대로 구현한다.
# - 문서마다 조각 하나씩 고르는 상위 k 개와 recall@k·MRR 을 계산한다.
# - 번호 붙은 프롬프트와 인용 번호를 단 추출식 답을 만든다.
# - 프롬프트 글자 수를 고정했을 때 가장 좋은 조각 크기를 실험으로 찾는다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 겹침이 조각 크기 이상이면 자르기는 어떻게 될까?
# 2. 질문에 같은 토큰이 두 번 나오면 BM25 점수에 두 번 더해야 할까?
# 3. 점수가 같은 두 조각은 어떤 순서로 세워야 결과가 매번 같을까? 상위 5개가 모두 한 문서의 이웃 조각이면 무엇이 아쉬울까?
# 4. 질문을 "모델저장" 처럼 붙여 쓰면 "모델 저장" 이라고 쓴 글과 어떤 토큰을 나누지 못할까?
# 5. 조각을 크게 자르면 recall@5 는 오르는데, 그게 더 좋은 검색일까?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `chunk_text(text, size, overlap)` 겹치는 조각 나누기 | 2 |
# | 2 | `tokenize_ko(text, n, join_spaces)` 한글 글자 n-gram 토큰, 띄어쓰기에 흔들리지 않는 방식 | 2 |
# | 3 | `bm25_scores(query_tokens, docs_tokens, k1, b)` | 3 |
# | 4 | `top_k(scores, doc_ids, k)` 문서마다 조각 하나씩, 안정적인 상위 k 개 | 1 |
# | 5 | `recall_at_k`, `mrr` 검색 평가 | 2 |
# | 6 | `build_prompt(question, chunks, max_chars)` 번호 붙은 프롬프트 | 2 |
# | 7 | `answer_extractive(question, chunks)` 근거 문장과 인용 번호 | 2 |
# | 8 | 실험: 프롬프트 글자 수를 고정했을 때 가장 좋은 조각 크기 `BEST_SIZE` | 3 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 형식을 확인합니다. 채점 때는 새 입력과 경계 사례를 확인하는 숨은 테스트가 더 실행됩니다.
# - 함수는 받은 리스트나 텐서를 바꾸면 안 됩니다.

# %% [markdown]
# ## 1. 겹치는 조각 나누기 (2점)
#
# `chunk_text(text, size, overlap)` 를 완성하세요. 강의의 `helpers.data.rag_chunks` 와 같은 규칙입니다.
#
# - 조각은 `text` 의 위치 `0, step, 2·step, …` (`step = size − overlap`) 에서 시작하는 `size` 글자(끝에서는 더 짧을 수 있음)입니다.
# - 끝에 닿은 조각(시작 + `size` ≥ `len(text)`)이 마지막입니다. 이전 조각에 통째로 들어가는 꼬리 조각을 더 만들지 않습니다.
# - 빈 문자열이면 빈 리스트 `[]` 를 돌려줍니다 (`rag_chunks` 와 다른 점: `rag_chunks` 는 빈 글에 `[""]` 를 줍니다).
# - `size < 1`, `overlap < 0`, `overlap >= size` 이면 `ValueError` 를 냅니다 (`overlap >= size` 면 앞으로 나아가지 못합니다).
# - 문자열의 리스트를 돌려줍니다.

# %% nbgrader={"grade": false, "grade_id": "ex_chunk_text", "locked": false, "schema_version": 3, "solution": true}
def chunk_text(text: str, size: int, overlap: int) -> list[str]:
    """Windows of `size` characters starting every size-overlap characters; the one reaching the end is the last."""
    ### BEGIN SOLUTION
    if size < 1 or overlap < 0 or overlap >= size:
        raise ValueError(f"0 <= overlap < size 여야 합니다 (size={size}, overlap={overlap})")
    pieces, start = [], 0
    while start < len(text):
        pieces.append(text[start:start + size])
        if start + size >= len(text):
            break
        start += size - overlap
    return pieces
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_chunk_text", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = chunk_text("가나다라마바사아자차", 4, 1)
assert type(_out) is list and all(type(s) is str for s in _out), "문자열의 리스트를 돌려주어야 합니다"
assert _out[0] == "가나다라", "첫 조각이 다릅니다"
### BEGIN HIDDEN TESTS
def _ref_chunks(text, size, overlap):
    out, s = [], 0
    while s < len(text):
        out.append(text[s:s + size])
        if s + size >= len(text):
            break
        s += size - overlap
    return out


assert _out == ["가나다라", "라마바사", "사아자차"], "겹침 1 로 자른 결과가 다릅니다"
_rng = np.random.default_rng(5)
for _n, _size, _ov in ((0, 5, 2), (3, 5, 2), (5, 5, 2), (6, 5, 2), (13, 5, 0), (14, 5, 4), (100, 7, 3), (41, 10, 9), (1, 1, 0)):
    _t = "".join(_rng.choice(list("가나다ab .\n"), size=_n))
    _got = chunk_text(_t, _size, _ov)
    assert type(_got) is list, "리스트를 돌려주어야 합니다"
    assert _got == _ref_chunks(_t, _size, _ov), f"길이 {_n}, size {_size}, overlap {_ov} 인 글의 조각이 다릅니다"
_t = "".join(_rng.choice(list("가나다라마"), size=300))
_pieces = chunk_text(_t, 40, 12)
for _p in range(0, 300 - 12):
    assert any(_t[_p:_p + 12] in _c for _c in _pieces), "겹침 길이 이하의 구절이 어느 조각에도 통째로 들어 있지 않습니다"
for _size, _ov in ((5, 5), (5, 7), (5, -1), (0, 0)):
    try:
        chunk_text("가나다라마바사", _size, _ov)
    except ValueError:
        pass
    else:
        raise AssertionError(f"size={_size}, overlap={_ov} 이면 ValueError 를 내야 합니다")
### END HIDDEN TESTS

# %% [markdown]
# ## 2. 한글 글자 n-gram 토큰, 띄어쓰기에 흔들리지 않게 (2점)
#
# `tokenize_ko(text, n=2, join_spaces=False)` 를 완성하세요.
#
# **기본 규칙 (`join_spaces=False`)**: 강의의 `tokens_bigrams` 를 n 으로 넓힌 것입니다.
#
# - 먼저 `text` 를 소문자로 바꾸고, 정규식 `[가-힣]+|[a-z0-9_]+` 로 **덩어리**를 차례로 찾습니다 (그 밖의 글자는 덩어리를 나눌 뿐 버려집니다).
# - 한글 덩어리가 `n` 글자보다 길면 그 덩어리 안의 글자 n-gram 을 왼쪽부터 모두 냅니다 (`"텐서를"`, n=2 → `"텐서", "서를"`). 덩어리를 넘는 n-gram 은 만들지 않습니다.
# - 한글 덩어리가 `n` 글자 이하이면 덩어리 그대로 하나의 토큰입니다. 영어·숫자 덩어리는 언제나 그대로 하나의 토큰입니다.
# - 나온 순서대로 문자열의 리스트를 돌려줍니다.
#
# **새 규칙 (`join_spaces=True`): 띄어쓰기에 흔들리지 않는 토큰.** 한국어 질문은 띄어쓰기가 자주 다릅니다. 질문이 `"모델저장"` 이면
# 기본 규칙의 토큰은 `모델, 델저, 저장` 이고, 글에 `"모델 저장"` 이라고 쓰여 있으면 `모델, 저장` 입니다: `델저` 는 짝이 없습니다.
# 반대로 글이 붙여 쓰고 질문이 띄어 쓰면 질문의 토큰이 글의 토큰을 다 만나지 못합니다. 그래서 이 모드에서는
#
# - **공백 문자(정규식 `\s`: 스페이스, 탭, 줄바꿈)로만 떨어진 한글 덩어리들을 공백을 지우고 한 덩어리로 이어 붙인 뒤** 기본 규칙을
#   적용합니다 (`"모델 저장"` 과 `"모델저장"` 이 같은 토큰 `모델, 델저, 저장` 이 됩니다).
# - 문장 부호, 영어, 숫자, 한글 자모(ㅋ 등) 같은 **다른 글자로 떨어진** 한글 덩어리는 잇지 않습니다 (`"학습률, 배치 크기"` 는
#   `학습률` 과 `배치크기` 두 덩어리). 영어·숫자 덩어리는 이 모드에서도 그대로 하나의 토큰이고, 토큰 안에 공백은 없습니다.
#
# 이 과제의 다른 문제(7, 8)는 기본 규칙(`tokenize_ko(text)`)을 씁니다. 받은 문자열만 읽습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_tokenize_ko", "locked": false, "schema_version": 3, "solution": true}
def tokenize_ko(text: str, n: int = 2, join_spaces: bool = False) -> list[str]:
    """Lowercased runs; Hangul runs longer than n become their character n-grams.

    join_spaces=True first joins Hangul runs separated only by whitespace (spacing-robust tokens)."""
    ### BEGIN SOLUTION
    hangul_run = r"[가-힣]+(?:\s+[가-힣]+)*" if join_spaces else r"[가-힣]+"
    result = []
    for run in re.finditer(hangul_run + r"|[a-z0-9_]+", text.lower()):
        piece = re.sub(r"\s+", "", run.group())
        hangul = "가" <= piece[0] <= "힣"
        result.extend([piece[i:i + n] for i in range(len(piece) - n + 1)] if hangul and len(piece) > n else [piece])
    return result
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_tokenize_ko", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = tokenize_ko("텐서를 GPU로")
assert type(_out) is list and all(type(t) is str for t in _out), "문자열의 리스트를 돌려주어야 합니다"
assert tokenize_ko("모델 저장", join_spaces=True) == tokenize_ko("모델저장", join_spaces=True), \
    "join_spaces=True 에서 '모델 저장' 과 '모델저장' 의 토큰이 같아야 합니다"
### BEGIN HIDDEN TESTS
def _ref_tok(text, n=2):
    _toks = []
    for _w in re.findall(r"[가-힣]+|[a-z0-9_]+", text.lower()):
        if "가" <= _w[0] <= "힣" and len(_w) > n:
            _toks += [_w[i:i + n] for i in range(len(_w) - n + 1)]
        else:
            _toks.append(_w)
    return _toks


assert _out == ["텐서", "서를", "gpu", "로"], "'텐서를 GPU로' 의 토큰이 다릅니다"
for _t, _n in (("모델을 저장하고 불러오기", 2), ("모델을 저장하고 불러오기", 3), ("모델을 저장하고", 1),
               ("torch.nn.Module 의 __init__ 과 forward()", 2), ("ㅋㅋ 좋아요!! 2배 빠름", 2), ("", 2),
               ("DDP(분산 데이터 병렬)와 DataParallel", 3), ("가 나 다", 2), ("표본별변화도", 4)):
    assert tokenize_ko(_t, _n) == _ref_tok(_t, _n), f"{_t!r} (n={_n}) 의 토큰이 다릅니다"
for _q in questions[:10]:
    assert tokenize_ko(_q["question"]) == _ref_tok(_q["question"]), "과정의 질문 토큰이 다릅니다 (기본값 n=2)"


def _ref_joined(text, n=2):
    _toks = []
    for _m in re.finditer(r"[가-힣]+(?:\s+[가-힣]+)*|[a-z0-9_]+", text.lower()):
        _w = "".join(_m.group().split())
        if "가" <= _w[0] <= "힣" and len(_w) > n:
            _toks += [_w[i:i + n] for i in range(len(_w) - n + 1)]
        else:
            _toks.append(_w)
    return _toks


assert tokenize_ko("모델을 저장하고", 2, join_spaces=True) == ["모델", "델을", "을저", "저장", "장하", "하고"], \
    "join_spaces=True 에서 공백으로 떨어진 한글 덩어리를 이어 붙이지 않았습니다"
for _t, _n in (("모델을 저장하고 불러오기", 2), ("모델을 저장하고 불러오기", 3), ("가 나 다", 2), ("가 나", 3),
               ("학습률, 배치 크기", 2), ("텐서를\nGPU로 옮기고\t\t다시  가져오기", 2), ("ㅋㅋ 좋아요!! 2배 빠름", 2),
               ("DDP(분산 데이터 병렬)와 DataParallel", 3), ("torch.nn.Module 의 __init__ 과 forward()", 2), ("", 2),
               ("  앞뒤 공백  ", 2), ("한 글 자", 1), ("Adam 옵티 마이저", 4)):
    _got = tokenize_ko(_t, _n, join_spaces=True)
    assert type(_got) is list and all(type(t) is str for t in _got), "join_spaces=True 에서도 문자열의 리스트여야 합니다"
    assert _got == _ref_joined(_t, _n), f"join_spaces=True 에서 {_t!r} (n={_n}) 의 토큰이 다릅니다"
for _a, _b in (("모델 저장 하기", "모델저장하기"), ("데이터로더의 배치 크기", "데이터 로더의 배치크기")):
    assert tokenize_ko(_a, join_spaces=True) == tokenize_ko(_b, join_spaces=True), \
        "join_spaces=True 에서는 띄어쓰기만 다른 두 글의 토큰이 같아야 합니다"
assert tokenize_ko("모델을 저장하고", 2) == ["모델", "델을", "저장", "장하", "하고"], "기본값(join_spaces=False)은 덩어리를 잇지 않습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 3. BM25 점수 (3점)
#
# `bm25_scores(query_tokens, docs_tokens, k1=1.5, b=0.75)` 를 완성하세요. `docs_tokens` 는 문서(조각)마다 토큰 리스트인 리스트입니다 (문서 1개 이상, 그중 적어도 하나는 토큰이 있어 avgdl > 0).
# 강의의 식 그대로입니다.
#
# $$\text{score}(q, d) = \sum_{t \in q} \text{idf}(t) \cdot \frac{f_{t,d}\,(k_1 + 1)}{f_{t,d} + k_1\left(1 - b + b \cdot \frac{|d|}{\text{avgdl}}\right)},
# \qquad \text{idf}(t) = \ln\!\left(\frac{N - n_t + 0.5}{n_t + 0.5} + 1\right)$$
#
# - $f_{t,d}$: 문서 $d$ 에 토큰 $t$ 가 나온 횟수, $|d|$: 문서의 토큰 수 (중복 포함), avgdl: $|d|$ 의 평균, $N$: 문서 수, $n_t$: $t$ 가 든 문서 수.
# - 질문에 같은 토큰이 여러 번 있어도 **한 번만** 셉니다 (합은 서로 다른 토큰에 대해). 어느 문서에도 없는 토큰은 0 을 더합니다.
# - 문서마다의 점수를 `torch.float64` 1차원 텐서 `(N,)` 로 돌려줍니다.

# %% nbgrader={"grade": false, "grade_id": "ex_bm25_scores", "locked": false, "schema_version": 3, "solution": true}
def bm25_scores(query_tokens: list[str], docs_tokens: list[list[str]], k1: float = 1.5, b: float = 0.75) -> torch.Tensor:
    """BM25 score of every document for the distinct query tokens (float64, shape (N,))."""
    ### BEGIN SOLUTION
    bags = [Counter(d) for d in docs_tokens]
    n_docs = len(bags)
    doc_len = torch.tensor([float(len(d)) for d in docs_tokens], dtype=torch.float64)
    norm = k1 * (1 - b + b * doc_len / doc_len.mean())
    total = torch.zeros(n_docs, dtype=torch.float64)
    for term in set(query_tokens):
        freq = torch.tensor([float(bag[term]) for bag in bags], dtype=torch.float64)
        n_t = int((freq > 0).sum())
        weight = math.log((n_docs - n_t + 0.5) / (n_t + 0.5) + 1)
        total += weight * freq * (k1 + 1) / (freq + norm)
    return total
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_bm25_scores", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_docs = [["텐서", "서를", "gpu"], ["모델", "gpu", "gpu", "학습"], ["데이터"]]
_out = bm25_scores(["gpu"], _docs)
assert type(_out) is torch.Tensor and _out.dtype == torch.float64 and tuple(_out.shape) == (3,), "float64 텐서 (N,) 를 돌려주어야 합니다"
assert _out[2] == 0 and _out[1] > 0 and _out[0] > 0, "gpu 가 없는 문서는 0, 있는 문서는 양수여야 합니다"
### BEGIN HIDDEN TESTS
def _ref_bm25(q, D, k1=1.5, b=0.75):
    N = len(D)
    avg = sum(len(d) for d in D) / N
    out = []
    for d in D:
        s = 0.0
        for t in set(q):
            n_t = sum(t in dd for dd in D)
            if n_t == 0:
                continue
            f = d.count(t)
            idf = math.log((N - n_t + 0.5) / (n_t + 0.5) + 1)
            s += idf * f * (k1 + 1) / (f + k1 * (1 - b + b * len(d) / avg))
        out.append(s)
    return torch.tensor(out, dtype=torch.float64)


_rng = np.random.default_rng(3)
_vocab = [f"t{i}" for i in range(12)]
for _trial in range(6):
    _D = [list(_rng.choice(_vocab, size=int(_rng.integers(1, 15)))) for _ in range(int(_rng.integers(1, 9)))]
    _q = list(_rng.choice(_vocab + ["없음"], size=5))
    _k1, _b = [(1.5, 0.75), (1.2, 0.0), (2.0, 1.0)][_trial % 3]
    _D_before, _q_before = [list(d) for d in _D], list(_q)
    _got = bm25_scores(_q, _D, k1=_k1, b=_b)
    assert type(_got) is torch.Tensor and _got.dtype == torch.float64 and tuple(_got.shape) == (len(_D),), "float64 텐서 (N,) 여야 합니다"
    assert torch.allclose(_got, _ref_bm25(_q, _D, _k1, _b), atol=1e-9), f"k1={_k1}, b={_b} 에서 점수가 식과 다릅니다"
    assert _D_before == _D and _q_before == _q, "입력 리스트를 바꾸면 안 됩니다"
_D = [["a"], ["a"], ["a"], ["a", "b"]]
assert torch.allclose(bm25_scores(["a", "a"], _D), _ref_bm25(["a"], _D), atol=1e-12), "질문의 같은 토큰은 한 번만 셉니다 (모든 문서에 있는 토큰의 idf 도 양수입니다)"
assert torch.equal(bm25_scores(["zz"], _D), torch.zeros(4, dtype=torch.float64)), "어느 문서에도 없는 토큰은 0 입니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 4. 문서마다 조각 하나씩, 안정적인 상위 k 개 (1점)
#
# 조각 검색의 상위 5개가 모두 한 튜토리얼의 이웃 조각이면, 프롬프트에 들어가는 근거는 사실상 문서 하나뿐입니다 (겹침 때문에 이웃
# 조각끼리는 내용도 겹칩니다). 그래서 검색 결과를 **문서마다 가장 좋은 조각 하나**로 줄이곤 합니다. `top_k(scores, doc_ids, k)` 를
# 완성하세요.
#
# - `scores`: NaN 이 없는 1차원 텐서 (조각마다 점수), `doc_ids`: 같은 길이의 `int` 리스트 (조각이 속한 문서 번호).
# - 문서마다 **대표 조각**은 그 문서의 조각 가운데 점수가 가장 큰 것이고, 점수가 같으면 위치(번호)가 작은 것입니다.
# - 대표 조각들을 점수가 큰 순서로, 점수가 같으면 **번호가 작은 것이 앞**으로 세워 (그래야 실행마다 순위가 같습니다) 앞에서 k 개의
#   **조각 위치(번호)** 를 파이썬 `int` 의 리스트로 돌려줍니다 (문서 번호가 아닙니다).
# - `k` 가 문서 수보다 크면 모든 문서의 대표 조각을, `k <= 0` 이면 `[]` 를 돌려줍니다. `scores` 와 `doc_ids` 는 바꾸지 않습니다.
#
# 강의의 `np.argsort(-scores, kind="stable")` 나 `torch.sort(..., stable=True)` 로 순서를 정한 뒤 생각해 보세요: 상위 k 개를 먼저
# 자르고 나서 중복 문서를 지우면 왜 틀릴까요?

# %% nbgrader={"grade": false, "grade_id": "ex_top_k", "locked": false, "schema_version": 3, "solution": true}
def top_k(scores: torch.Tensor, doc_ids: list[int], k: int) -> list[int]:
    """Positions of the best chunk of each document, the k best of them, largest first; ties in increasing position."""
    ### BEGIN SOLUTION
    if k <= 0:
        return []
    order = torch.sort(scores, descending=True, stable=True).indices.tolist()
    picked, seen = [], set()
    for i in order:
        if doc_ids[i] not in seen:
            seen.add(doc_ids[i])
            picked.append(int(i))
            if len(picked) == k:
                break
    return picked
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_top_k", "locked": true, "points": 1, "schema_version": 3, "solution": false}
_out = top_k(torch.tensor([0.1, 0.9, 0.5, 0.8]), [0, 1, 1, 2], 2)
assert type(_out) is list and all(type(i) is int for i in _out), "파이썬 int 의 리스트를 돌려주어야 합니다"
assert _out == [1, 3], "문서마다 가장 좋은 조각 하나씩, 점수가 큰 순서가 아닙니다"
### BEGIN HIDDEN TESTS
def _ref_top(scores, ids, k):
    _vals = [float(v) for v in scores]
    _best = {}
    for _i, _d in enumerate(ids):
        if _d not in _best or (-_vals[_i], _i) < (-_vals[_best[_d]], _best[_d]):
            _best[_d] = _i
    return sorted(_best.values(), key=lambda i: (-_vals[i], i))[:max(k, 0)]


_s = torch.tensor([1.0, 3.0, 3.0, 0.5, 3.0, 1.0], dtype=torch.float64)
_ids = [0, 1, 2, 3, 4, 5]
_s_before, _ids_before = _s.clone(), list(_ids)
assert top_k(_s, _ids, 4) == [1, 2, 4, 0], "문서가 모두 다를 때 같은 점수는 번호가 작은 것이 앞이어야 합니다"
assert top_k(_s, _ids, 10) == [1, 2, 4, 0, 5, 3], "k 가 문서 수보다 크면 모든 문서의 대표 조각을 돌려줍니다"
assert top_k(_s, _ids, 0) == [] and top_k(_s, _ids, -2) == [], "k <= 0 이면 빈 리스트입니다"
assert torch.equal(_s, _s_before) and _ids == _ids_before, "scores, doc_ids 를 바꾸면 안 됩니다"
_ids = [7, 7, 7, 2, 2, 9]
assert top_k(_s, _ids, 2) == [1, 4], "한 문서에서는 점수가 가장 큰 조각 하나만, 같으면 번호가 작은 조각입니다"
assert top_k(_s, _ids, 5) == [1, 4, 5], "k 가 문서 수보다 크면 모든 문서의 대표 조각을 돌려줍니다"
_s2 = torch.tensor([0.9, 0.8, 0.7, 0.1, 0.6])
assert top_k(_s2, [3, 3, 3, 1, 2], 2) == [0, 4], "상위 k 개를 먼저 자르고 중복 문서를 지우면 k 개보다 적어집니다"
_g = torch.Generator().manual_seed(0)
for _trial in range(5):
    _s = torch.randint(0, 6, (200,), generator=_g).float()
    _ids = torch.randint(0, 40, (200,), generator=_g).tolist()
    for _k in (1, 7, 37, 60):
        assert top_k(_s, _ids, _k) == _ref_top(_s, _ids, _k), "동점과 같은 문서가 많은 점수에서 결과가 다릅니다"
assert top_k(-torch.arange(5.0), [4, 3, 2, 1, 0], 3) == [0, 1, 2], "음수 점수의 순서가 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 5. recall@k 와 MRR (2점)
#
# 질문 $i$ 마다 검색기가 낸 순위 리스트 `ranked[i]` (조각 번호, 앞이 1등)와 정답 조각 번호의 집합 `gold[i]` 가 있습니다.
#
# - `recall_at_k(ranked, gold, k)`: `ranked[i]` 의 앞 `k` 개 안에 정답 조각이 **하나라도** 있는 질문의 비율 (정답 조각 중 몇 개를 찾았는지가 아닙니다).
# - `mrr(ranked, gold)`: 질문마다 `ranked[i]` 에서 **처음** 나온 정답 조각의 순위 $r$ (1부터)로 $1/r$, 정답 조각이 리스트에 없으면 0; 그 평균.
# - 둘 다 파이썬 `float` 를 돌려줍니다. 질문은 1개 이상이고 `k` 는 1 이상입니다. MRR 은 순위를 자르지 않습니다 (11등 이후의 정답도 $1/r$).

# %% nbgrader={"grade": false, "grade_id": "ex_metrics", "locked": false, "schema_version": 3, "solution": true}
def recall_at_k(ranked: list[list[int]], gold: list[set[int]], k: int) -> float:
    """Share of questions with at least one gold chunk among their first k results."""
    ### BEGIN SOLUTION
    hits = [bool(set(r[:k]) & g) for r, g in zip(ranked, gold)]
    return float(sum(hits) / len(hits))
    ### END SOLUTION


def mrr(ranked: list[list[int]], gold: list[set[int]]) -> float:
    """Mean over questions of 1 / (1-based rank of the first gold chunk), 0 when no gold chunk was returned."""
    ### BEGIN SOLUTION
    total = 0.0
    for r, g in zip(ranked, gold):
        total += next((1.0 / pos for pos, c in enumerate(r, 1) if c in g), 0.0)
    return float(total / len(ranked))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_metrics", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_r = [[3, 1, 2], [5, 6, 7]]
_gs = [{1}, {9}]
assert type(recall_at_k(_r, _gs, 2)) is float and type(mrr(_r, _gs)) is float, "파이썬 float 를 돌려주어야 합니다"
### BEGIN HIDDEN TESTS
assert recall_at_k(_r, _gs, 2) == 0.5 and recall_at_k(_r, _gs, 1) == 0.0, "recall@k 가 다릅니다"
assert abs(mrr(_r, _gs) - 0.25) < 1e-12, "MRR 이 다릅니다 (정답이 없는 질문은 0)"
_r = [[4, 2, 8, 1], [1, 2, 3, 4], [9, 8, 7, 6], [2, 5]]
_gs = [{2, 1}, {4}, {6, 9}, {7}]
_before = ([list(x) for x in _r], [set(x) for x in _gs])
assert recall_at_k(_r, _gs, 1) == 0.25, "recall@1 이 다릅니다"
assert recall_at_k(_r, _gs, 2) == 0.5, "recall@2 가 다릅니다 (정답이 하나라도 있으면 맞힌 질문입니다)"
assert recall_at_k(_r, _gs, 4) == 0.75 and recall_at_k(_r, _gs, 10) == 0.75, "recall@k 가 다릅니다 (k 가 리스트보다 길 때도)"
assert abs(mrr(_r, _gs) - (1 / 2 + 1 / 4 + 1 / 1 + 0) / 4) < 1e-12, "MRR 이 다릅니다 (처음 나온 정답의 순위)"
assert ([list(x) for x in _r], [set(x) for x in _gs]) == _before, "입력을 바꾸면 안 됩니다"
_r = [list(range(100, 120)), list(range(20)), [7, 8]]
_gs = [{112, 115}, {10}, {1}]
assert abs(mrr(_r, _gs) - (1 / 13 + 1 / 11 + 0) / 3) < 1e-12, "MRR 이 다릅니다 (순위를 자르지 않습니다: 11등 이후도 1/r)"
assert recall_at_k(_r, _gs, 12) == 1 / 3 and recall_at_k(_r, _gs, 13) == 2 / 3, "recall@k 가 다릅니다 (k 가 10 보다 클 때)"
### END HIDDEN TESTS

# %% [markdown]
# ## 6. 번호 붙은 프롬프트 (2점)
#
# `build_prompt(question, chunks, max_chars)` 를 완성하세요. `chunks` 는 검색된 순서의 조각 글(문자열) 리스트입니다. 프롬프트는 아래 줄들을
# 줄바꿈 `"\n"` 하나로 이은 문자열입니다.
#
# 1. 첫 줄: `다음 자료만 근거로 답하고, 문장마다 근거 번호를 [번호] 로 적으세요.`
# 2. 넣은 조각마다 한 줄: `[1] 조각 글`, `[2] 조각 글`, … (번호는 1부터, 조각 글은 바꾸지 않고 그대로)
# 3. 마지막 줄: `질문: ` 뒤에 질문
#
# - 조각을 앞에서부터 넣되, 그 조각을 넣으면 **완성된 프롬프트 전체 길이**(`len`)가 `max_chars` 를 넘게 되는 첫 조각에서 멈춥니다.
#   그 뒤의 (더 짧은) 조각도 넣지 않고, 조각을 잘라서 넣지도 않습니다. 조각 없이도 길이를 넘으면 조각 없이 첫 줄과 질문만 돌려줍니다.

# %% nbgrader={"grade": false, "grade_id": "ex_build_prompt", "locked": false, "schema_version": 3, "solution": true}
HEADER = "다음 자료만 근거로 답하고, 문장마다 근거 번호를 [번호] 로 적으세요."


def build_prompt(question: str, chunks: list[str], max_chars: int) -> str:
    """Header, whole numbered chunks while the full prompt stays within max_chars, then the question."""
    ### BEGIN SOLUTION
    lines = [HEADER]
    tail = "질문: " + question
    for number, piece in enumerate(chunks, 1):
        candidate = lines + [f"[{number}] {piece}", tail]
        if len("\n".join(candidate)) > max_chars:
            break
        lines.append(f"[{number}] {piece}")
    return "\n".join(lines + [tail])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_build_prompt", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = build_prompt("텐서란?", ["텐서는 배열이다.", "GPU 에서 돈다."], 1000)
assert type(_out) is str, "문자열을 돌려주어야 합니다"
assert _out.splitlines()[0] == HEADER and _out.splitlines()[-1] == "질문: 텐서란?", "첫 줄과 마지막 줄을 확인하세요"
### BEGIN HIDDEN TESTS
def _ref_prompt(q, chs, m):
    body = []
    for i, c in enumerate(chs, 1):
        if len("\n".join([HEADER, *body, f"[{i}] {c}", "질문: " + q])) > m:
            break
        body.append(f"[{i}] {c}")
    return "\n".join([HEADER, *body, "질문: " + q])


assert _out == HEADER + "\n[1] 텐서는 배열이다.\n[2] GPU 에서 돈다.\n질문: 텐서란?", "형식이 다릅니다 (줄 순서와 번호)"
_chs = ["가" * 30, "나" * 50, "다" * 5, "라" * 20]
_before = list(_chs)
for _m in (0, 40, len(HEADER) + 12, len(HEADER) + 50, len(HEADER) + 92, len(HEADER) + 93, len(HEADER) + 200, 10_000):
    _got = build_prompt("무엇?", _chs, _m)
    assert type(_got) is str and _got == _ref_prompt("무엇?", _chs, _m), f"max_chars={_m} 일 때 프롬프트가 다릅니다 (통째로, 처음 넘치는 조각에서 멈춤)"
assert _chs == _before, "chunks 리스트를 바꾸면 안 됩니다"
for _q, _chs in (("무엇?", ["가" * 30, "나" * 50, "다" * 5, "라" * 20]), ("저장은?", ["짧다", "조금 더 긴 조각", "x"])):
    for _j in range(len(_chs) + 1):
        _full = len("\n".join([HEADER, *[f"[{i}] {c}" for i, c in enumerate(_chs[:_j], 1)], "질문: " + _q]))
        for _m in (_full, _full - 1, _full + 1):
            _got = build_prompt(_q, _chs, _m)
            assert type(_got) is str and _got == _ref_prompt(_q, _chs, _m), "완성된 프롬프트 길이가 max_chars 와 꼭 같거나 1 차이일 때 결과가 다릅니다 (줄바꿈도 글자 수에 들어갑니다, 같으면 넣습니다)"
assert build_prompt("q", [], 5) == HEADER + "\n질문: q", "조각이 없을 때의 형식이 다릅니다"
_real = [c["text"] for c in helpers.data.rag_chunks()[100:106]]
for _m in (1500, 2500):
    _got = build_prompt("모델은 어떻게 저장하나요?", _real, _m)
    assert _got == _ref_prompt("모델은 어떻게 저장하나요?", _real, _m) and len(_got) <= _m, "실제 조각으로 만든 프롬프트가 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 7. 근거 문장과 인용 번호 (2점)
#
# 인터넷 없이 하는 정직한 답: 검색된 조각 안에서 질문과 가장 많이 겹치는 문장을 그대로 고르고 인용 번호를 답니다.
# `answer_extractive(question, chunks)` 를 완성하세요.
#
# - 조각마다 `re.split(r"(?<=[.?!])\s+|\n+", 조각)` 으로 문장을 나누고, 각 문장의 앞뒤 공백을 `strip()` 으로 지운 뒤 빈 문장은 버립니다.
# - 문장의 점수 = 질문의 토큰과 문장의 토큰 가운데 **서로 다른 공통 토큰의 수** (토큰은 문제 2의 `tokenize_ko(…, 2)`).
# - 점수가 가장 큰 문장과 그 조각의 번호(1부터)를 `(문장, 번호)` 튜플로 돌려줍니다. 동점이면 앞 조각의, 같은 조각이면 앞 문장이 이깁니다.
# - 가장 큰 점수가 0 이면 (또는 문장이 없으면) `("", 0)` 을 돌려줍니다. 근거 없는 답을 만들지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_answer_extractive", "locked": false, "schema_version": 3, "solution": true}
def answer_extractive(question: str, chunks: list[str]) -> tuple[str, int]:
    """(best sentence, 1-based chunk number) by distinct shared tokens with the question; ("", 0) without overlap."""
    ### BEGIN SOLUTION
    wanted = set(tokenize_ko(question, 2))
    best_score, best = 0, ("", 0)
    for number, piece in enumerate(chunks, 1):
        for sentence in re.split(r"(?<=[.?!])\s+|\n+", piece):
            sentence = sentence.strip()
            if not sentence:
                continue
            score = len(wanted & set(tokenize_ko(sentence, 2)))
            if score > best_score:
                best_score, best = score, (sentence, number)
    return best
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_answer_extractive", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = answer_extractive("텐서는 어디에서 실행되나요?", ["텐서는 GPU 에서 실행됩니다. 배열과 비슷합니다.", "모델을 저장합니다."])
assert type(_out) is tuple and len(_out) == 2 and type(_out[0]) is str and type(_out[1]) is int, "(문장, 번호) 튜플을 돌려주어야 합니다"
### BEGIN HIDDEN TESTS
_tok_cache = {}


def _their_tokens(s):  # the student's own tokenize_ko, so this problem does not re-grade problem 2
    if s not in _tok_cache:
        _tok_cache[s] = set(tokenize_ko(s, 2))
    return _tok_cache[s]


def _ref_answer(q, chs):
    want, best, out = _their_tokens(q), 0, ("", 0)
    for i, c in enumerate(chs, 1):
        for s in re.split(r"(?<=[.?!])\s+|\n+", c):
            s = s.strip()
            if s and len(want & _their_tokens(s)) > best:
                best, out = len(want & _their_tokens(s)), (s, i)
    return out


assert _out == ("텐서는 GPU 에서 실행됩니다.", 1), "가장 많이 겹치는 문장과 번호가 아닙니다"
_cases = [
    ("모델을 저장하려면?", ["데이터를 읽습니다.\n모델을 저장합니다!", "모델을 저장하려면 torch.save 를 씁니다. 끝."]),
    ("손실", ["정확도가 오릅니다.", "  \n\n  "]),
    ("배치 크기", ["배치 크기는 64 입니다.", "배치 크기는 32 입니다."]),
    ("배치 크기", ["학습률은 0.1. 배치 크기는 64", "다른 글"]),
    ("무엇", []),
    ("배치", ["   배치 크기는 64 입니다.   ", "배치"]),
    ("배치 크기", ["배치 배치 배치 입니다.", "배치 크기 입니다."]),
    ("배치 배치 크기", ["배치 배치 입니다.", "배치 크기 입니다."]),
    ("모델 모델 저장 저장", ["모델 모델 저장 저장 모델.", "모델 저장 로드 입니다. 모델 모델 모델 모델."]),
]
for _q, _chs in _cases:
    _before = list(_chs)
    _got = answer_extractive(_q, _chs)
    assert type(_got) is tuple and _got == _ref_answer(_q, _chs), f"질문 {_q!r} 의 답이 다릅니다 (문장 나누기, strip, 동점, 점수 0)"
    assert _chs == _before, "chunks 를 바꾸면 안 됩니다"
_real = [c["text"] for c in helpers.data.rag_chunks()[230:234]]
for _q in ("DataLoader 는 무엇을 하나요?", "가중치를 저장하는 방법"):
    assert answer_extractive(_q, _real) == _ref_answer(_q, _real), "실제 조각에서 고른 문장이 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 8. 실험: 프롬프트 글자 수를 고정하면 어떤 조각 크기가 좋을까 (3점)
#
# 강의에서 k = 5 로 고정하면 조각이 클수록 recall 이 올랐습니다. 하지만 프롬프트에 넣을 수 있는 글자 수는 정해져 있습니다.
# 여기서는 **조각 글자 수의 합을 `BUDGET = 3000` 자로 고정**합니다: 조각 크기가 `size` 이면 상위 `k = BUDGET // size` 개를 넣습니다.
#
# 아래 주어진 셀의 `BM25Ranker` 는 문제 3 의 식을 희소 행렬로 빠르게 계산합니다 (문제 2 의 `tokenize_ko` 를 씁니다). 다음을 완성하세요.
#
# - `make_chunks(size)`: 모든 튜토리얼(`docs`)을 문제 1 의 `chunk_text(text, size, size // 5)` 로 잘라, 조각마다 `(튜토리얼 id, 조각 글)`
#   튜플(리스트가 아닌 `tuple`)을 튜토리얼 순서, 조각 순서대로 담은 리스트.
# - `retrieve(question_texts, size)`: `make_chunks(size)` 의 조각을 `제목 + "\n" + 조각 글` 로 `BM25Ranker` 에 색인하고,
#   질문마다 상위 `BUDGET // size` 개 조각을 점수 순서대로 `(튜토리얼 id, 조각 글)` 튜플의 리스트로 돌려줍니다 (질문 순서대로 리스트의 리스트).
# - `budget_recall`: `SIZES` 의 크기마다 과정의 질문 66개(`questions`)로 잰 recall (정답 조각이 `BUDGET // size` 개 안에 있는 질문의 비율)을 담은
#   `{size: float}` 사전. 정답 조각은 강의와 같습니다: 정답 튜토리얼의 조각이 그 튜토리얼의 정답 구절(`span`)을 통째로 담으면 정답입니다.
# - `BEST_SIZE`: `budget_recall` 이 가장 큰 크기.
#
# 채점: 숨은 테스트가 `make_chunks` 의 결과와 `budget_recall` 을 (과정이 결정적이므로) 정확히 다시 재어 비교하고, 여러분이 본 적 없는 **새 질문들**로 `retrieve(…, BEST_SIZE)` 의 recall 을 잽니다.
# 답 셀은 10~20초쯤 걸립니다.

# %%
SIZES = (150, 300, 500, 750, 1000, 1500)
BUDGET = 3000
TITLES = {d["id"]: d["title"] for d in docs}


class BM25Ranker:
    """BM25 (k1 = 1.5, b = 0.75) over many texts at once, with tokenize_ko tokens, as a sparse matrix."""

    def __init__(self, texts):
        self.vocab = {}
        rows, cols, freqs = [], [], []
        for i, text in enumerate(texts):
            for token, f in Counter(tokenize_ko(text)).items():
                rows.append(i)
                cols.append(self.vocab.setdefault(token, len(self.vocab)))
                freqs.append(f)
        rows, cols, freqs = np.array(rows), np.array(cols), np.array(freqs, dtype=np.float64)
        lengths = np.bincount(rows, weights=freqs, minlength=len(texts))
        n_t = np.bincount(cols, minlength=len(self.vocab))
        idf = np.log((len(texts) - n_t + 0.5) / (n_t + 0.5) + 1)
        w = idf[cols] * freqs * 2.5 / (freqs + 1.5 * (0.25 + 0.75 * lengths[rows] / lengths.mean()))
        self.matrix = sp.csc_matrix((w, (rows, cols)), shape=(len(texts), len(self.vocab)))

    def search(self, question, k):
        """Indices of the k best texts for the question (ties: lower index first)."""
        ids = sorted({self.vocab[t] for t in tokenize_ko(question) if t in self.vocab})
        scores = np.asarray(self.matrix[:, ids].sum(axis=1)).ravel()
        return [int(i) for i in np.argsort(-scores, kind="stable")[:k]]


# %% [markdown]
# 아래 답 셀에서 `make_chunks`, `retrieve` 를 완성하고, 그 함수들로 `budget_recall` 과 `BEST_SIZE` 를 구하세요.

# %% nbgrader={"grade": false, "grade_id": "ex_budget_experiment", "locked": false, "schema_version": 3, "solution": true}
def make_chunks(size: int) -> list[tuple[int, str]]:
    """(tutorial id, chunk text) of every tutorial cut with chunk_text(text, size, size // 5)."""
    ### BEGIN SOLUTION
    return [(d["id"], piece) for d in docs for piece in chunk_text(d["text"], size, size // 5)]
    ### END SOLUTION


def retrieve(question_texts: list[str], size: int) -> list[list[tuple[int, str]]]:
    """For each question the top BUDGET // size chunks (tutorial id, chunk text) by BM25 over title + chunk."""
    ### BEGIN SOLUTION
    pool = make_chunks(size)
    ranker = BM25Ranker([TITLES[doc_id] + "\n" + piece for doc_id, piece in pool])
    return [[pool[i] for i in ranker.search(q, BUDGET // size)] for q in question_texts]
    ### END SOLUTION


### BEGIN SOLUTION
def hits_gold(found, q):
    return any(doc_id == g["doc"] and g["span"] in piece for doc_id, piece in found for g in q["gold"])


budget_recall = {}
for size in SIZES:
    found = retrieve([q["question"] for q in questions], size)
    budget_recall[size] = float(np.mean([hits_gold(f, q) for f, q in zip(found, questions)]))
BEST_SIZE = max(SIZES, key=lambda s: budget_recall[s])
### END SOLUTION
print({s: round(r, 3) for s, r in budget_recall.items()}, "→ BEST_SIZE =", BEST_SIZE)

# %% nbgrader={"grade": true, "grade_id": "test_budget_experiment", "locked": true, "points": 3, "schema_version": 3, "solution": false}
assert type(budget_recall) is dict and set(budget_recall) == set(SIZES), "budget_recall 은 SIZES 의 크기마다 값이 있는 사전이어야 합니다"
assert all(type(v) is float and 0.0 <= v <= 1.0 for v in budget_recall.values()), "recall 은 0~1 사이의 float 입니다"
assert BEST_SIZE in SIZES and budget_recall[BEST_SIZE] == max(budget_recall.values()), "BEST_SIZE 는 budget_recall 이 가장 큰 크기여야 합니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout


def _tok8(text):
    out = []
    for w in re.findall(r"[가-힣]+|[a-z0-9_]+", text.lower()):
        out += [w[i:i + 2] for i in range(len(w) - 1)] if "가" <= w[0] <= "힣" and len(w) > 2 else [w]
    return out


def _ref_pool(size):
    pool = []
    for d in helpers.data.load_rag_corpus():
        t, s, step = d["text"], 0, size - size // 5
        while s < len(t):
            pool.append((d["id"], d["title"], t[s:s + size]))
            if s + size >= len(t):
                break
            s += step
    return pool


def _ref_recall(size, qs, golds):
    pool = _ref_pool(size)
    vocab, rows, cols, fs = {}, [], [], []
    for i, (_, title, text) in enumerate(pool):
        for tok, f in Counter(_tok8(title + "\n" + text)).items():
            rows.append(i)
            cols.append(vocab.setdefault(tok, len(vocab)))
            fs.append(f)
    rows, cols, fs = np.array(rows), np.array(cols), np.array(fs, dtype=np.float64)
    lens = np.bincount(rows, weights=fs, minlength=len(pool))
    n_t = np.bincount(cols, minlength=len(vocab))
    w = np.log((len(pool) - n_t + 0.5) / (n_t + 0.5) + 1)[cols] * fs * 2.5 / (fs + 1.5 * (0.25 + 0.75 * lens[rows] / lens.mean()))
    W = sp.csc_matrix((w, (rows, cols)), shape=(len(pool), len(vocab)))
    hits = []
    for q, gold_pairs in zip(qs, golds):
        s = np.asarray(W[:, sorted({vocab[t] for t in _tok8(q) if t in vocab})].sum(axis=1)).ravel()
        top = np.argsort(-s, kind="stable")[:BUDGET // size]
        hits.append(any(pool[i][0] == doc and span in pool[i][2] for i in top for doc, span in gold_pairs))
    return float(np.mean(hits))


_corpus = helpers.data.load_rag_corpus()
# make_chunks against the student's own chunk_text (problem 1 is not re-graded here), exact types and order
_mine = make_chunks(150)
assert type(_mine) is list and all(type(c) is tuple and len(c) == 2 for c in _mine), "make_chunks 는 (튜토리얼 id, 조각 글) 튜플의 리스트여야 합니다"
assert _mine == [(d["id"], p) for d in _corpus for p in chunk_text(d["text"], 150, 150 // 5)], "make_chunks(150) 이 다릅니다 (겹침 size // 5, 튜토리얼 순서, 조각 순서)"
# with a correct chunk_text and tokenize_ko the pipeline is deterministic, so budget_recall must match exactly
_exact = all([tuple(c) for c in make_chunks(_size)] == [(i, t) for i, _, t in _ref_pool(_size)] for _size in SIZES)
_exact = _exact and all(list(tokenize_ko(d["title"] + "\n" + d["text"])) == _tok8(d["title"] + "\n" + d["text"]) for d in _corpus)
_dev_q = [q["question"] for q in helpers.data.load_rag_questions()]
_dev_g = [[(g["doc"], g["span"]) for g in q["gold"]] for q in helpers.data.load_rag_questions()]
_dev_ref = {_size: _ref_recall(_size, _dev_q, _dev_g) for _size in SIZES}
for _size in SIZES:
    assert abs(budget_recall[_size] - _dev_ref[_size]) <= (1e-9 if _exact else 0.05), f"size {_size} 의 budget_recall 을 다시 재면 값이 다릅니다 (k = BUDGET // size, 겹침 size // 5)"
_held_q, _held_g = load_holdout("rag_questions")
_held_ref = {_size: _ref_recall(_size, _held_q, _held_g) for _size in SIZES}
assert _held_ref[BEST_SIZE] >= max(_held_ref.values()) - 0.05, "고른 BEST_SIZE 가 새 질문에서 좋은 크기가 아닙니다"
_found = retrieve(list(_held_q), BEST_SIZE)
assert type(_found) is list and len(_found) == len(_held_q), "retrieve 는 질문마다 리스트 하나를 돌려주어야 합니다"
assert all(type(f) is list and len(f) == BUDGET // BEST_SIZE for f in _found), "retrieve 는 질문마다 BUDGET // size 개 조각을 돌려주어야 합니다"
assert all(type(c) is tuple and len(c) == 2 for f in _found for c in f), "retrieve 는 (튜토리얼 id, 조각 글) 튜플을 돌려주어야 합니다"
_held_recall = np.mean([any(doc == gd and span in text for doc, text in f for gd, span in g) for f, g in zip(_found, _held_g)])
assert _held_recall >= _held_ref[BEST_SIZE] - 0.1, "새 질문에서 retrieve 의 recall 이 낮습니다"
### END HIDDEN TESTS

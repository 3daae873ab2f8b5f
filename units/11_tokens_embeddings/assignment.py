# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import collections

import torch
import torch.nn.functional as F

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# 강의에서는 만들어 둔 도구(🤗 `tokenizers`, MiniLM)로 토큰화와 임베딩을 살펴봤습니다. 이 과제에서는 그 부품을 직접 만듭니다.
#
# - 한국어 글을 글자 단위로 토큰화하고, 빈도로 **어휘(vocabulary)** 를 만들어 토큰을 번호로 바꾼다 (`[UNK]` 처리 포함).
# - 음절에서 시작하는 **바이트 쌍 인코딩(BPE)** 의 병합 규칙을 직접 학습하고, 새 글에 적용한다.
# - 패딩 마스크로 **평균 풀링** 을 하고, **코사인 유사도** 행렬과 **최근접 이웃** 을 구한다.
# - min_freq 에 따라 처음 보는 리뷰의 `[UNK]` 비율이 어떻게 변하는지 재서 어휘 크기를 고른다.
#
# ## 🤔 단서 질문
#
# 1. 어휘에 넣을 토큰의 순서를 정하지 않으면 무엇이 곤란할까?
# 2. BPE 로 자른 토큰을 다시 이어 붙이면 원래 글이 나올까?
# 3. 패딩만 있는 행의 평균은 얼마여야 할까? 그냥 나누면 무엇이 나올까?
# 4. 0 벡터의 코사인 유사도는 어떻게 정의해야 계산이 멈추지 않을까?
# 5. 어휘를 줄이면(min_freq 를 올리면) 처음 보는 리뷰에서 무엇이 늘어날까?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `char_tokenize` 공백을 뺀 글자 토큰 | 1 |
# | 2 | `build_vocab`, `encode` 빈도 어휘와 `[UNK]` | 3 |
# | 3 | `train_bpe`, `bpe_encode` 음절 BPE | 3 |
# | 4 | `mean_pool` 패딩 마스크 평균 풀링 | 2 |
# | 5 | `cosine_sim_matrix`, `nearest_neighbours` | 3 |
# | 6 | 실험: min_freq 와 `[UNK]` 비율 | 3 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 형식과 작은 예만 확인합니다. 채점 때는 새 입력과 경계 사례를 확인하는 숨은 테스트가 더 실행됩니다.
# - 뒤 문제는 앞 문제의 함수를 씁니다. 위에서부터 차례로 실행하세요. 넘겨받은 리스트와 텐서는 바꾸지 않습니다.

# %%
train_texts = helpers.data.load_nsmc("train")["document"].tolist()
test_texts = helpers.data.load_nsmc("test")["document"].tolist()
print(f"학습 리뷰 {len(train_texts):,}개, 테스트 리뷰 {len(test_texts):,}개")
print("예:", train_texts[:3])


# %% [markdown]
# ## 문제 1. 글자 단위 토큰화 (1점)
#
# `char_tokenize(text)` 는 문자열의 글자를 순서대로 담은 **`list[str]`** 를 돌려줍니다. 글자 하나가 토큰 하나입니다.
# 단, **공백 문자는 모두 버립니다**: 스페이스뿐 아니라 탭, 줄바꿈처럼 `str.isspace()` 가 참인 글자 전부입니다.
# 한글이 아닌 글자(숫자, 영어, 문장 부호, 이모지)는 그대로 토큰입니다. 빈 문자열이면 빈 리스트입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_char_tokenize", "locked": false, "schema_version": 3, "solution": true}
def char_tokenize(text: str) -> list[str]:
    """Characters of text in order, whitespace (str.isspace) dropped."""
    ### BEGIN SOLUTION
    return [ch for ch in text if not ch.isspace()]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_char_tokenize", "locked": true, "points": 1, "schema_version": 3, "solution": false}
_out = char_tokenize("영화 최고!")
assert type(_out) is list and all(type(t) is str for t in _out), "문자열의 리스트를 돌려주어야 합니다"
assert _out == ["영", "화", "최", "고", "!"], "'영화 최고!' 의 글자 토큰이 다릅니다"
### BEGIN HIDDEN TESTS
for _text in ["", "   ", "a\tb\nc", "ㅋㅋㅋ 재밌다  진짜\r\n", "10점 만점에 1점 😡", "줄\u3000바꿈 전각공백"]:
    _got = char_tokenize(_text)
    assert type(_got) is list and all(type(t) is str for t in _got), "문자열의 리스트를 돌려주어야 합니다"
    assert _got == [c for c in _text if not c.isspace()], "공백 문자(탭, 줄바꿈 포함)를 빼고 나머지 글자를 순서대로 담아야 합니다"
_many = train_texts[:50]
assert all(char_tokenize(t) == [c for c in t if not c.isspace()] for t in _many), "NSMC 리뷰에서 글자 토큰이 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 어휘 만들기와 번호 붙이기 (3점)
#
# **(가)** `build_vocab(token_lists, min_freq, specials=("[PAD]", "[UNK]"))` 는 토큰 → 번호 사전 `dict[str, int]` 를 돌려줍니다.
#
# - 먼저 `specials` 를 **주어진 순서대로** 0, 1, 2, … 번에 둡니다.
# - 그다음 `token_lists`(토큰 리스트들의 리스트) 전체에서 **`min_freq` 번 이상** 나온 토큰을 이어서 번호를 붙입니다.
#   순서는 **빈도가 큰 것부터**, 빈도가 같으면 **문자열 순서(파이썬 `<`)로 작은 것부터** 입니다.
# - 특수 토큰과 같은 문자열의 토큰이 글에 나오더라도 두 번 넣지 않습니다 (특수 토큰의 번호를 그대로 씁니다).
# - 번호는 빈틈 없이 0 부터 `len(vocab) - 1` 까지입니다.
#
# **(나)** `encode(tokens, vocab, unk="[UNK]")` 는 토큰마다 번호를 붙인 `list[int]` 를 돌려줍니다. 어휘에 없는 토큰은 `vocab[unk]` 입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_vocab", "locked": false, "schema_version": 3, "solution": true}
def build_vocab(token_lists: list[list[str]], min_freq: int, specials: tuple = ("[PAD]", "[UNK]")) -> dict[str, int]:
    """Token -> id: specials first, then tokens seen >= min_freq times by (count desc, token asc)."""
    ### BEGIN SOLUTION
    counts = collections.Counter(t for tokens in token_lists for t in tokens)
    vocab = {s: i for i, s in enumerate(specials)}
    for tok, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if n >= min_freq and tok not in vocab:
            vocab[tok] = len(vocab)
    return vocab
    ### END SOLUTION


def encode(tokens: list[str], vocab: dict[str, int], unk: str = "[UNK]") -> list[int]:
    """Ids of tokens; tokens outside vocab map to vocab[unk]."""
    ### BEGIN SOLUTION
    return [vocab.get(t, vocab[unk]) for t in tokens]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_vocab", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_v = build_vocab([["나", "가", "나"], ["다", "가", "라"]], min_freq=2)
assert type(_v) is dict, "dict 를 돌려주어야 합니다"
assert _v == {"[PAD]": 0, "[UNK]": 1, "가": 2, "나": 3}, "작은 예의 어휘가 다릅니다 (특수 토큰, min_freq, 순서를 확인하세요)"
_ids = encode(["가", "마", "나"], _v)
assert type(_ids) is list and all(type(i) is int for i in _ids), "int 의 리스트를 돌려주어야 합니다"
assert _ids == [2, 1, 3], "어휘에 없는 토큰은 [UNK] 의 번호여야 합니다"
### BEGIN HIDDEN TESTS
import random as _random


def _ref_vocab(lists, mf, specials):
    _c = {}
    for _l in lists:
        for _t in _l:
            _c[_t] = _c.get(_t, 0) + 1
    _vv = {}
    for _s in specials:
        _vv[_s] = len(_vv)
    for _t in sorted(_c, key=lambda t: (-_c[t], t)):
        if _c[_t] >= mf and _t not in _vv:
            _vv[_t] = len(_vv)
    return _vv


_rng = _random.Random(11)
_alpha = list("가나다라마바사아자차") + ["<s>", "ab", "A"]
_lists = [[_rng.choice(_alpha) for _ in range(_rng.randint(0, 9))] for _ in range(40)]
_lists[3] = _lists[3] + ["<s>", "<s>", "<s>"]
_before = [list(_l) for _l in _lists]
for _mf, _sp in [(1, ("[PAD]", "[UNK]")), (3, ("[PAD]", "[UNK]")), (12, ("<pad>", "<unk>", "<s>")), (10**6, ("[PAD]", "[UNK]"))]:
    _got = build_vocab(_lists, _mf, _sp)
    assert type(_got) is dict, "dict 를 돌려주어야 합니다"
    _exp = _ref_vocab(_before, _mf, _sp)
    assert sorted(_got.values()) == list(range(len(_got))), "번호는 0 부터 빈틈 없이 붙여야 합니다"
    assert _got == _exp, "어휘가 다릅니다 (특수 토큰 순서, min_freq 이상, 빈도 큰 것부터, 같으면 문자열 순서)"
    assert list(_got)[:len(_sp)] == list(_sp), "특수 토큰을 주어진 순서대로 맨 앞에 두어야 합니다"
assert _lists == _before, "넘겨받은 리스트를 바꾸면 안 됩니다"
_v2 = _ref_vocab(_before, 5, ("<pad>", "<s>", "<unk>"))
_toks = ["가", "없는말", "<s>", "A", "zz"]
_got = encode(_toks, _v2, unk="<unk>")
assert type(_got) is list and all(type(i) is int for i in _got), "int 의 리스트를 돌려주어야 합니다"
assert _got == [_v2.get(t, _v2["<unk>"]) for t in _toks], "encode 결과가 다릅니다 (unk 인자로 받은 토큰의 번호를 쓰세요)"
assert encode([], _v2, unk="<unk>") == [], "빈 토큰 리스트는 빈 리스트가 되어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. 음절 BPE 직접 만들기 (3점)
#
# 강의에서는 `tokenizers` 패키지가 BPE 를 학습했습니다. 이번에는 그 알고리즘을 직접 씁니다.
#
# **(가)** `train_bpe(texts, n_merges)` 는 병합 규칙의 리스트 `list[tuple[str, str]]` 를 **배운 순서대로** 돌려줍니다.
#
# 1. 글마다 **모든 글자**(공백 포함)를 하나씩 토큰으로 하여 시작합니다. 쌍은 글과 글 사이를 넘지 않습니다.
# 2. 모든 글에서 이웃한 두 토큰의 쌍 `(a, b)` 를 셉니다. 위치마다 하나씩 셉니다 (`["ㅋ", "ㅋ", "ㅋ"]` 에는 `("ㅋ", "ㅋ")` 가 2번).
# 3. 가장 많이 나온 쌍을 고릅니다. 횟수가 같으면 **튜플 순서(파이썬 `<`)로 작은 쌍** 을 고릅니다.
# 4. 모든 글에서 그 쌍을 **왼쪽부터 겹치지 않게** 찾아 새 토큰 `a + b` 하나로 바꿉니다 (`["ㅋ", "ㅋ", "ㅋ"]` → `["ㅋㅋ", "ㅋ"]`).
# 5. 2 ~ 4 를 `n_merges` 번 합니다. 이웃한 쌍이 하나도 남지 않으면 그 전에 멈춥니다.
#
# **(나)** `bpe_encode(text, merges)` 는 `text` 의 글자에서 시작해 `merges` 의 규칙을 **배운 순서대로 하나씩**, 규칙마다 왼쪽부터
# 겹치지 않게 모두 적용한 토큰 리스트 `list[str]` 를 돌려줍니다. 그래서 `"".join(bpe_encode(text, merges)) == text` 입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_bpe", "locked": false, "schema_version": 3, "solution": true}
def merge_pair(tokens: list[str], pair: tuple[str, str]) -> list[str]:
    """Replace every non-overlapping occurrence of pair (left to right) by one joined token."""
    ### BEGIN SOLUTION
    out, i = [], 0
    while i < len(tokens):
        if i + 1 < len(tokens) and tokens[i] == pair[0] and tokens[i + 1] == pair[1]:
            out.append(pair[0] + pair[1])
            i += 2
        else:
            out.append(tokens[i])
            i += 1
    return out
    ### END SOLUTION


def train_bpe(texts: list[str], n_merges: int) -> list[tuple[str, str]]:
    """Merge rules learnt from texts, in order (most frequent pair, ties to the smallest pair)."""
    ### BEGIN SOLUTION
    seqs = [list(t) for t in texts]
    merges = []
    for _ in range(n_merges):
        counts = collections.Counter(p for s in seqs for p in zip(s, s[1:]))
        if not counts:
            break
        pair = min(counts, key=lambda p: (-counts[p], p))
        merges.append(pair)
        seqs = [merge_pair(s, pair) for s in seqs]
    return merges
    ### END SOLUTION


def bpe_encode(text: str, merges: list[tuple[str, str]]) -> list[str]:
    """Tokens of text after applying merges in order."""
    ### BEGIN SOLUTION
    tokens = list(text)
    for pair in merges:
        tokens = merge_pair(tokens, pair)
    return tokens
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_bpe", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_m = train_bpe(["가나가나", "가나다"], 2)
assert type(_m) is list and all(type(p) is tuple and len(p) == 2 for p in _m), "(str, str) 튜플의 리스트를 돌려주어야 합니다"
assert _m == [("가", "나"), ("가나", "가나")], "작은 예의 병합 규칙이 다릅니다 (횟수가 같으면 작은 쌍)"
_t = bpe_encode("가나가나다", _m)
assert type(_t) is list and all(type(x) is str for x in _t), "문자열의 리스트를 돌려주어야 합니다"
assert _t == ["가나가나", "다"], "작은 예의 BPE 토큰이 다릅니다"
### BEGIN HIDDEN TESTS
import random as _random


def _ref_merge(toks, pair):
    _o, _i = [], 0
    while _i < len(toks):
        if _i + 1 < len(toks) and (toks[_i], toks[_i + 1]) == pair:
            _o.append(toks[_i] + toks[_i + 1])
            _i += 2
        else:
            _o.append(toks[_i])
            _i += 1
    return _o


def _ref_train(texts, n):
    _seqs, _ms = [list(t) for t in texts], []
    for _ in range(n):
        _c = {}
        for _s in _seqs:
            for _p in zip(_s, _s[1:]):
                _c[_p] = _c.get(_p, 0) + 1
        if not _c:
            break
        _best = min(_c, key=lambda p: (-_c[p], p))
        _ms.append(_best)
        _seqs = [_ref_merge(_s, _best) for _s in _seqs]
    return _ms


def _ref_encode(text, ms):
    _toks = list(text)
    for _p in ms:
        _toks = _ref_merge(_toks, _p)
    return _toks


# overlapping runs and ties
assert train_bpe(["ㅋㅋㅋ", "ㅋㅋㅋ"], 1) == [("ㅋ", "ㅋ")], "겹치는 쌍을 세는 방법을 확인하세요"
assert bpe_encode("ㅋㅋㅋㅋㅋ", [("ㅋ", "ㅋ")]) == ["ㅋㅋ", "ㅋㅋ", "ㅋ"], "왼쪽부터 겹치지 않게 바꾸어야 합니다"
assert train_bpe(["다가", "나가"], 5) == _ref_train(["다가", "나가"], 5), "횟수가 같을 때 고르는 쌍이 다릅니다"
assert train_bpe(["가", ""], 3) == [], "이웃한 쌍이 없으면 병합 규칙도 없어야 합니다"
assert train_bpe(["가나다"], 10) == [("가", "나"), ("가나", "다")], "쌍이 남지 않으면 멈추어야 합니다"
_rng = _random.Random(5)
_corpus = ["".join(_rng.choice("가나다라 ") for _ in range(_rng.randint(1, 14))) for _ in range(30)]
_before = list(_corpus)
_got = train_bpe(_corpus, 12)
assert _corpus == _before, "넘겨받은 리스트를 바꾸면 안 됩니다"
assert type(_got) is list and all(type(p) is tuple for p in _got), "(str, str) 튜플의 리스트를 돌려주어야 합니다"
assert _got == _ref_train(_before, 12), "무작위 글에서 병합 규칙이 다릅니다"
_merges = _ref_train(train_texts[:300], 40)
assert train_bpe(train_texts[:300], 40) == _merges, "NSMC 리뷰 300개에서 병합 규칙이 다릅니다"
for _text in test_texts[:40] + ["", "처음 보는 글자 뷁"]:
    _enc = bpe_encode(_text, _merges)
    assert type(_enc) is list, "문자열의 리스트를 돌려주어야 합니다"
    assert _enc == _ref_encode(_text, _merges), "새 글에 병합 규칙을 적용한 결과가 다릅니다 (배운 순서대로 하나씩)"
    assert "".join(_enc) == _text, "토큰을 이어 붙이면 원래 글이어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# 배운 규칙으로 리뷰 하나를 잘라 봅니다 (채점하지 않는 확인 셀). 병합 규칙이 늘수록 토큰이 길어지고 개수가 줄어듭니다.

# %%
check_merges = train_bpe(train_texts[:500], 30)
print("처음 배운 병합 10개:", check_merges[:10])
print(bpe_encode(test_texts[0], check_merges))


# %% [markdown]
# ## 문제 4. 패딩 마스크로 평균 풀링 (2점)
#
# `mean_pool(hidden, mask)` 를 완성하세요.
#
# - `hidden`: 실수 텐서 `(B, T, D)` (토큰마다 벡터), `mask`: `(B, T)` 텐서, 진짜 토큰 자리가 1(또는 `True`), 패딩 자리가 0(또는 `False`).
#   `mask` 의 dtype 은 `torch.int64` 일 수도, `torch.bool` 일 수도 있습니다.
# - 돌려줄 값: `(B, D)` 텐서, `hidden` 과 **같은 dtype, 같은 장치**. 행 b 는 마스크가 1인 자리의 벡터들의 평균입니다.
# - 마스크가 모두 0인 행(패딩뿐인 행)은 **0 벡터** 입니다 (`nan` 이 아니라).
# - 넘겨받은 텐서를 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_mean_pool", "locked": false, "schema_version": 3, "solution": true}
def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Mean of hidden (B, T, D) over positions where mask (B, T) is set; all-pad rows give zeros."""
    ### BEGIN SOLUTION
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(dim=1) / m.sum(dim=1).clamp(min=1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_mean_pool", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_h = torch.tensor([[[1.0, 2.0], [3.0, 4.0], [100.0, 100.0]]], device=device)
_out = mean_pool(_h, torch.tensor([[1, 1, 0]], device=device))
assert type(_out) is torch.Tensor and tuple(_out.shape) == (1, 2), "모양 (B, D) 의 텐서를 돌려주어야 합니다"
assert torch.allclose(_out.cpu(), torch.tensor([[2.0, 3.0]])), "패딩 자리를 빼고 평균 내야 합니다"
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(4)
_H = torch.randn(5, 7, 3, generator=_g, dtype=torch.float64)
_M = (torch.rand(5, 7, generator=_g) < 0.6).long()
_M[0] = 1
_M[2] = 0
_M[3] = 0
_M[3, 6] = 1
_exp = torch.zeros(5, 3, dtype=torch.float64)
for _b in range(5):
    _rows = [_H[_b, _t] for _t in range(7) if _M[_b, _t] == 1]
    if _rows:
        _exp[_b] = torch.stack(_rows).mean(dim=0)
_Hd, _Md = _H.to(device), _M.to(device)
_H0, _M0 = _Hd.clone(), _Md.clone()
for _mask in (_Md, _Md.bool()):
    _got = mean_pool(_Hd, _mask)
    assert type(_got) is torch.Tensor and tuple(_got.shape) == (5, 3), "모양 (B, D) 의 텐서를 돌려주어야 합니다"
    assert _got.dtype == torch.float64, "hidden 과 같은 dtype 을 돌려주어야 합니다"
    assert _got.device.type == _Hd.device.type, "hidden 과 같은 장치에 돌려주어야 합니다"
    assert not torch.isnan(_got).any(), "패딩뿐인 행에서 nan 이 나오면 안 됩니다"
    assert torch.allclose(_got.cpu(), _exp, atol=1e-10), "마스크로 고른 자리의 평균이 아닙니다 (패딩뿐인 행은 0 벡터)"
assert torch.equal(_Hd, _H0) and torch.equal(_Md, _M0), "넘겨받은 텐서를 바꾸면 안 됩니다"
# padding invariance: more padding must not change the result
_Hp = torch.cat([_H, torch.randn(5, 4, 3, generator=_g, dtype=torch.float64)], dim=1).to(device)
_Mp = torch.cat([_M, torch.zeros(5, 4, dtype=torch.long)], dim=1).to(device)
assert torch.allclose(mean_pool(_Hp, _Mp).cpu(), _exp, atol=1e-10), "패딩을 더 붙이면 결과가 바뀌면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. 코사인 유사도 행렬과 최근접 이웃 (3점)
#
# **(가)** `cosine_sim_matrix(a, b, eps=1e-8)`: `a` 는 `(N, D)`, `b` 는 `(M, D)` 실수 텐서. `(N, M)` 텐서를 돌려주고, `[i, j]` 는
# `a[i]` 와 `b[j]` 의 코사인 유사도입니다. 길이가 `eps` 보다 작은 벡터(0 벡터)가 끼면 그 유사도는 `nan` 이 아니라 **0** 입니다
# (`F.cosine_similarity` 처럼 노름을 `eps` 아래로 내려가지 않게 하면 됩니다). `a` 와 같은 dtype 과 장치로 돌려줍니다.
#
# **(나)** `nearest_neighbours(emb, words, query, k)`: `emb` 는 `(V, D)` 단어 벡터(길이 1로 L2 정규화되어 있다는 보장은 **없습니다**),
# `words` 는 길이 V 의 단어 리스트(행 i 가 `words[i]` 의 벡터), `query` 는 `words` 에 있는 단어입니다. `query` 와 **코사인 유사도가
# 가장 큰** 단어 k 개를 큰 것부터 `list[str]` 로 돌려줍니다. **`query` 자신은 빼고** 고릅니다. `1 <= k <= V - 1` 이고 동점은 없다고 봐도 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_cosine", "locked": false, "schema_version": 3, "solution": true}
def cosine_sim_matrix(a: torch.Tensor, b: torch.Tensor, eps: float = 1e-8) -> torch.Tensor:
    """(N, M) cosine similarities between rows of a and rows of b; zero vectors give 0."""
    ### BEGIN SOLUTION
    a_n = a / a.norm(dim=1, keepdim=True).clamp(min=eps)
    b_n = b / b.norm(dim=1, keepdim=True).clamp(min=eps)
    return a_n @ b_n.T
    ### END SOLUTION


def nearest_neighbours(emb: torch.Tensor, words: list[str], query: str, k: int) -> list[str]:
    """The k words most cosine-similar to query, most similar first, query itself excluded."""
    ### BEGIN SOLUTION
    i = words.index(query)
    sims = cosine_sim_matrix(emb[i:i + 1], emb)[0]
    sims[i] = -float("inf")
    return [words[j] for j in sims.topk(k).indices.tolist()]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_cosine", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_a = torch.tensor([[1.0, 0.0], [0.0, 2.0]], device=device)
_s = cosine_sim_matrix(_a, torch.tensor([[3.0, 0.0], [1.0, 1.0], [0.0, -1.0]], device=device))
assert type(_s) is torch.Tensor and tuple(_s.shape) == (2, 3), "모양 (N, M) 의 텐서를 돌려주어야 합니다"
assert torch.allclose(_s.cpu(), torch.tensor([[1.0, 0.5 ** 0.5, 0.0], [0.0, 0.5 ** 0.5, -1.0]]), atol=1e-6), "작은 예의 코사인 유사도가 다릅니다"
_nn = nearest_neighbours(torch.tensor([[1.0, 0.0], [0.9, 0.3], [0.0, 1.0], [5.0, 4.0]], device=device), ["a", "b", "c", "d"], "a", 2)
assert type(_nn) is list and all(type(w) is str for w in _nn), "문자열의 리스트를 돌려주어야 합니다"
assert _nn == ["b", "d"], "작은 예의 최근접 이웃이 다릅니다"
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(21)
_A = torch.randn(6, 5, generator=_g, dtype=torch.float64) * torch.linspace(0.1, 10, 6, dtype=torch.float64)[:, None]
_B = torch.randn(4, 5, generator=_g, dtype=torch.float64)
_A[2] = 0
_B[1] = 0
_Ad, _Bd = _A.to(device), _B.to(device)
_A0, _B0 = _Ad.clone(), _Bd.clone()
_got = cosine_sim_matrix(_Ad, _Bd)
assert type(_got) is torch.Tensor and tuple(_got.shape) == (6, 4), "모양 (N, M) 의 텐서를 돌려주어야 합니다"
assert _got.dtype == torch.float64 and _got.device.type == _Ad.device.type, "a 와 같은 dtype, 같은 장치로 돌려주어야 합니다"
assert not torch.isnan(_got).any(), "0 벡터가 끼어도 nan 이 나오면 안 됩니다"
_exp = F.cosine_similarity(_A[:, None, :], _B[None, :, :], dim=2, eps=1e-8)
assert torch.allclose(_got.cpu(), _exp, atol=1e-9), "코사인 유사도가 다릅니다 (0 벡터와는 0)"
assert torch.equal(_Ad, _A0) and torch.equal(_Bd, _B0), "넘겨받은 텐서를 바꾸면 안 됩니다"
# neighbours: vectors of very different lengths, so raw dot products rank differently
_V = torch.randn(12, 8, generator=_g) * torch.logspace(-1, 1, 12)[:, None]
_words = [f"w{i}" for i in range(12)]
_E = _V.to(device)
_E0 = _E.clone()
_cos = F.cosine_similarity(_V[:, None, :], _V[None, :, :], dim=2)
for _q in (0, 5, 11):
    for _k in (1, 3, 11):
        _res = nearest_neighbours(_E, list(_words), _words[_q], _k)
        assert type(_res) is list and all(type(w) is str for w in _res), "문자열의 리스트를 돌려주어야 합니다"
        _order = [j for j in _cos[_q].argsort(descending=True).tolist() if j != _q][:_k]
        assert _res == [_words[j] for j in _order], "코사인 유사도가 큰 순서의 이웃이 아닙니다 (자기 자신은 빼고, 길이로 나누기)"
assert torch.equal(_E, _E0), "넘겨받은 텐서를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 6. 실험: min_freq 를 얼마까지 올려도 될까? (3점)
#
# 어휘가 작을수록 임베딩 표가 작아지지만, 처음 보는 글에서 `[UNK]` 가 늘어납니다. 글자 어휘로 그 균형을 잽니다.
#
# **(가)** `unk_rate(token_lists, vocab)`: 모든 리스트의 토큰 가운데 `vocab` 에 **없는** 토큰의 비율을 파이썬 `float` 로 돌려줍니다.
# 토큰이 하나도 없으면 `0.0` 입니다.
#
# **(나)** 학습 리뷰 `train_texts` 를 `char_tokenize` 로 잘라 `build_vocab(…, min_freq)` 로 어휘를 만들고, 테스트 리뷰 `test_texts` 의
# `[UNK]` 비율을 `MIN_FREQS` 의 값마다 재세요. 그리고
# - `best_min_freq`: `[UNK]` 비율이 **1.5% 미만** 인 min_freq 가운데 **가장 큰 값** (가장 작은 어휘),
# - `best_vocab_size`: 그 min_freq 로 만든 어휘의 크기 (특수 토큰 `[PAD]`, `[UNK]` 포함)
#
# 를 파이썬 `int` 로 남기세요. 채점은 여러분이 한 번도 본 적 없는 리뷰로 같은 측정을 다시 해서 확인합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_unk_experiment", "locked": false, "schema_version": 3, "solution": true}
MIN_FREQS = (1, 2, 5, 10, 20, 50, 100)


def unk_rate(token_lists: list[list[str]], vocab: dict[str, int]) -> float:
    """Share of tokens (over all lists) that are not in vocab; 0.0 when there are no tokens."""
    ### BEGIN SOLUTION
    total = sum(len(tokens) for tokens in token_lists)
    if total == 0:
        return 0.0
    return sum(t not in vocab for tokens in token_lists for t in tokens) / total
    ### END SOLUTION


### BEGIN SOLUTION
train_chars = [char_tokenize(t) for t in train_texts]
test_chars = [char_tokenize(t) for t in test_texts]
rates = {}
for mf in MIN_FREQS:
    rates[mf] = unk_rate(test_chars, build_vocab(train_chars, mf))
best_min_freq = max(mf for mf in MIN_FREQS if rates[mf] < 0.015)
best_vocab_size = len(build_vocab(train_chars, best_min_freq))
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_unk_experiment", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_r = unk_rate([["가", "나"], ["다", "가"]], {"[PAD]": 0, "[UNK]": 1, "가": 2})
assert type(_r) is float, "파이썬 float 를 돌려주어야 합니다"
assert abs(_r - 0.5) < 1e-12, "작은 예의 [UNK] 비율이 다릅니다"
assert type(best_min_freq) is int and best_min_freq in MIN_FREQS, "best_min_freq 는 MIN_FREQS 의 값 하나 (int) 여야 합니다"
assert type(best_vocab_size) is int and best_vocab_size > 2, "best_vocab_size 는 int 어휘 크기여야 합니다"
### BEGIN HIDDEN TESTS
assert unk_rate([], {"a": 0}) == 0.0 and unk_rate([[], []], {"a": 0}) == 0.0, "토큰이 없으면 0.0 이어야 합니다"
_r = unk_rate([["a", "b", "c"], [], ["a"]], {"a": 0, "z": 1})
assert type(_r) is float and abs(_r - 0.5) < 1e-12, "모든 리스트의 토큰을 합쳐 비율을 내야 합니다"
# the judge re-measures on held-out reviews the student never had
from grading.holdout import load_holdout

_held, _ = load_holdout("nsmc")
_counts = {}
for _t in train_texts:
    for _c in _t:
        if not _c.isspace():
            _counts[_c] = _counts.get(_c, 0) + 1
_held_chars = [_c for _t in _held for _c in _t if not _c.isspace()]
_rate = {}
for _mf in MIN_FREQS:
    _keep = {_c for _c, _n in _counts.items() if _n >= _mf}
    _rate[_mf] = sum(_c not in _keep for _c in _held_chars) / len(_held_chars)
_ok = [_mf for _mf in MIN_FREQS if _rate[_mf] < 0.015]
assert best_min_freq == max(_ok), "처음 보는 리뷰에서 다시 재면 [UNK] 비율 1.5% 미만인 가장 큰 min_freq 가 아닙니다. 직접 재서 고르세요"
assert best_vocab_size == 2 + sum(1 for _n in _counts.values() if _n >= best_min_freq), "best_vocab_size 가 그 min_freq 의 어휘 크기(특수 토큰 포함)가 아닙니다"
### END HIDDEN TESTS

# %% [markdown]
# min_freq 에 따른 어휘 크기와 `[UNK]` 비율을 그려 봅니다 (채점하지 않는 확인 셀).

# %%
import matplotlib.pyplot as plt

_train_chars = [char_tokenize(t) for t in train_texts]
_test_chars = [char_tokenize(t) for t in test_texts]
_sizes, _rates = [], []
for _mf in MIN_FREQS:
    _vocab = build_vocab(_train_chars, _mf)
    _sizes.append(len(_vocab))
    _rates.append(100 * unk_rate(_test_chars, _vocab))
fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(_sizes, _rates, "o-")
for _mf, _x, _y in zip(MIN_FREQS, _sizes, _rates):
    ax.annotate(f"min_freq={_mf}", (_x, _y), fontsize=8)
ax.axhline(1.5, color="gray", linestyle="--")
ax.set_xlabel("어휘 크기")
ax.set_ylabel("테스트 [UNK] 비율 (%)")
ax.set_title(f"고른 값: min_freq={best_min_freq}, 어휘 {best_vocab_size}개")
plt.show()

# %% [markdown]
# ## 📝 요약
#
# 1. 어휘의 순서(빈도, 같으면 문자열 순서)를 정해 두어야 같은 데이터로 언제나 같은 번호가 나옵니다. 번호가 바뀌면 학습한 임베딩 표를 쓸 수 없습니다.
# 2. BPE 는 글자에서 시작해 병합만 하므로, 토큰을 이어 붙이면 원래 글이 그대로 나옵니다.
# 3. 패딩뿐인 행은 0 으로 나누게 되어 `nan` 이 나옵니다. 개수를 1 이상으로 눌러(`clamp`) 0 벡터가 되게 합니다.
# 4. 노름을 `eps` 아래로 내려가지 않게 하면 0 벡터의 코사인 유사도가 0 이 됩니다.
# 5. min_freq 를 올리면 어휘가 줄고 처음 보는 리뷰의 `[UNK]` 비율이 늘어납니다. 실험한 값이 그 균형점입니다.

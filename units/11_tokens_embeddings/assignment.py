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
# 강의에서는 글자·띄어쓰기·BPE 토큰, `min_freq` 로 줄인 어휘, 마스크 평균 풀링을 봤습니다. 이 과제에서는 같은 생각을 **강의에 없던 경우** 에 옮깁니다.
#
# - 한국어 글을 **음절 2-그램** 으로 토큰화하고, **크기 상한(max_size)** 이 있는 어휘를 만들고 번호를 토큰으로 되돌린다.
# - 음절에서 시작하는 **바이트 쌍 인코딩(BPE)** 의 병합 규칙을 직접 학습하고, 새 글에 적용한다.
# - 시간 축이 앞에 오는 `(T, B, D)` 텐서를 **길이 벡터** 로 **최대 풀링** 하고, **코사인 유사도** 행렬과 **최근접 이웃** 을 구한다.
# - 글자와 음절 2-그램 가운데 어느 쪽이 같은 `[UNK]` 비율에 더 큰 어휘를 요구하는지 재서 어휘 크기를 고른다.
#
# ## 🤔 단서 질문
#
# 1. 어휘에 넣을 토큰의 순서를 정하지 않으면, 상한에 걸린 자리에서 무엇이 곤란할까?
# 2. BPE 로 자른 토큰을 다시 이어 붙이면 원래 글이 나올까?
# 3. 길이가 0 인 문장의 최댓값은 얼마여야 할까? 패딩 자리를 그냥 두면 무엇이 나올까?
# 4. 0 벡터의 코사인 유사도는 어떻게 정의해야 계산이 멈추지 않을까?
# 5. 토큰 단위가 길어지면(글자 → 2-그램) 같은 `[UNK]` 비율에 어휘가 얼마나 커져야 할까?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `bigram_tokenize` 음절 2-그램 토큰 | 1 |
# | 2 | `build_vocab`, `decode` 크기 상한이 있는 어휘와 되돌리기 | 3 |
# | 3 | `train_bpe`, `bpe_encode` 음절 BPE | 3 |
# | 4 | `max_pool` 길이 벡터로 최대 풀링 (`(T, B, D)`) | 2 |
# | 5 | `cosine_sim_matrix`, `nearest_neighbours` | 3 |
# | 6 | 실험: 글자와 2-그램의 어휘 크기와 `[UNK]` 비율 | 3 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 형식과 작은 예만 확인합니다. 채점 때는 새 입력과 경계 사례를 확인하는 숨은 테스트가 더 실행됩니다.
# - 뒤 문제는 앞 문제의 함수를 씁니다. 위에서부터 차례로 실행하세요. **넘겨받은 리스트와 텐서는 바꾸지 않습니다** (숨은 테스트가 확인합니다).

# %%
train_texts = helpers.data.load_nsmc("train")["document"].tolist()
test_texts = helpers.data.load_nsmc("test")["document"].tolist()
print(f"학습 리뷰 {len(train_texts):,}개, 테스트 리뷰 {len(test_texts):,}개")
print("예:", train_texts[:3])


# %% [markdown]
# ## 문제 1. 음절 2-그램 토큰화 (1점)
#
# 강의의 글자 토큰은 글자 하나, 띄어쓰기 토큰은 어절 하나였습니다. 그 사이로, **이웃한 두 글자** 를 토큰 하나로 씁니다.
#
# `bigram_tokenize(text)` 는 **`list[str]`** 를 돌려줍니다.
#
# - 먼저 `text.split()` 처럼 공백 문자(스페이스, 탭, 줄바꿈 등 `str.isspace()` 가 참인 글자)로 어절을 나눕니다. 2-그램은 어절 경계를 넘지 않습니다.
# - 길이가 2 이상인 어절은 **겹치는 두 글자 조각** 을 왼쪽부터 모두 냅니다: `"영화관"` → `"영화"`, `"화관"`.
# - 길이가 1 인 어절은 그 글자 하나가 토큰입니다: `"꼭"` → `"꼭"`.
# - 어절 순서대로 이어 붙입니다. 한글이 아닌 글자(숫자, 영어, 문장 부호, 이모지)도 똑같이 다룹니다. 어절이 없으면 빈 리스트입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_bigram_tokenize", "locked": false, "schema_version": 3, "solution": true}
def bigram_tokenize(text: str) -> list[str]:
    """Overlapping two-character pieces of each whitespace word; one-character words stay whole."""
    ### BEGIN SOLUTION
    out = []
    for word in text.split():
        if len(word) == 1:
            out.append(word)
        else:
            out.extend(word[i:i + 2] for i in range(len(word) - 1))
    return out
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_bigram_tokenize", "locked": true, "points": 1, "schema_version": 3, "solution": false}
_out = bigram_tokenize("영화관 꼭 가라")
assert type(_out) is list and all(type(t) is str for t in _out), "문자열의 리스트를 돌려주어야 합니다"
assert _out == ["영화", "화관", "꼭", "가라"], "'영화관 꼭 가라' 의 2-그램 토큰이 다릅니다"
### BEGIN HIDDEN TESTS


def _ref_bigrams(text):
    _res = []
    for _w in text.split():
        _res += [_w] if len(_w) == 1 else [_w[_i:_i + 2] for _i in range(len(_w) - 1)]
    return _res


for _text in ["", "   ", "a", "ab", "a\tbc\nd", "ㅋㅋㅋ 재밌다  진짜\r\n", "10점 만점에 1점 😡", "줄\u3000바꿈 전각공백", " 앞뒤 공백 "]:
    _got = bigram_tokenize(_text)
    assert type(_got) is list and all(type(t) is str for t in _got), "문자열의 리스트를 돌려주어야 합니다"
    assert _got == _ref_bigrams(_text), "어절마다 겹치는 두 글자 조각을 차례로 내야 합니다 (한 글자 어절은 그대로, 공백 문자는 탭·줄바꿈 포함 경계)"
_many = train_texts[:80]
assert all(bigram_tokenize(t) == _ref_bigrams(t) for t in _many), "NSMC 리뷰에서 2-그램 토큰이 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 크기 상한이 있는 어휘와 되돌리기 (3점)
#
# 강의는 `min_freq` 로 어휘를 줄였습니다. 실제 토크나이저는 보통 **어휘 크기** 를 정해 두고 자주 나온 토큰부터 채웁니다.
#
# **(가)** `build_vocab(token_lists, max_size, specials=("[PAD]", "[UNK]"))` 는 토큰 → 번호 사전 `dict[str, int]` 를 돌려줍니다.
#
# - 먼저 `specials` 를 **주어진 순서대로** 0, 1, 2, … 번에 둡니다 (`specials` 안에 같은 문자열은 없습니다).
# - 그다음 `token_lists`(토큰 리스트들의 리스트) 전체에서 센 토큰을 **빈도가 큰 것부터**, 빈도가 같으면 **문자열 순서(파이썬 `<`)로 작은 것부터**
#   하나씩 번호를 이어 붙이다가, 어휘의 크기가 **`max_size`(특수 토큰 포함)** 가 되면 멈춥니다. 토큰이 모자라면 더 적어도 됩니다.
# - 특수 토큰과 같은 문자열의 토큰이 글에 나오더라도 두 번 넣지 않습니다 (특수 토큰의 번호를 그대로 쓰고, 자리를 더 차지하지 않습니다).
# - `max_size >= len(specials)` 라고 봐도 됩니다. 번호는 빈틈 없이 0 부터 `len(vocab) - 1` 까지입니다.
#
# **(나)** `decode(ids, vocab, skip=("[PAD]",))` 는 번호 리스트 `ids`(`list[int]`) 를 토큰 리스트 `list[str]` 로 되돌립니다. 번호 순서는 그대로 두고,
# **`skip` 에 있는 토큰은 뺍니다**. `ids` 의 번호는 모두 `vocab` 에 있다고 봐도 됩니다.
#
# 토큰을 번호로 바꾸는 `encode` 는 강의와 같아서 만들어 두었습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_vocab_cap", "locked": false, "schema_version": 3, "solution": true}
def build_vocab(token_lists: list[list[str]], max_size: int, specials: tuple = ("[PAD]", "[UNK]")) -> dict[str, int]:
    """Token -> id: specials first, then the most frequent tokens (count desc, token asc) up to max_size entries."""
    ### BEGIN SOLUTION
    counts = collections.Counter(t for tokens in token_lists for t in tokens)
    vocab = {s: i for i, s in enumerate(specials)}
    for tok, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(vocab) >= max_size:
            break
        if tok not in vocab:
            vocab[tok] = len(vocab)
    return vocab
    ### END SOLUTION


def decode(ids: list[int], vocab: dict[str, int], skip: tuple = ("[PAD]",)) -> list[str]:
    """Tokens of ids in order, tokens listed in skip left out."""
    ### BEGIN SOLUTION
    inverse = {i: t for t, i in vocab.items()}
    return [inverse[i] for i in ids if inverse[i] not in skip]
    ### END SOLUTION


def encode(tokens: list[str], vocab: dict[str, int], unk: str = "[UNK]") -> list[int]:
    """Ids of tokens; tokens outside vocab map to vocab[unk] (given, as in the lecture)."""
    return [vocab.get(t, vocab[unk]) for t in tokens]


# %% nbgrader={"grade": true, "grade_id": "test_vocab_cap", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_v = build_vocab([["나", "가", "나"], ["다", "가", "라", "나"]], max_size=4)
assert type(_v) is dict, "dict 를 돌려주어야 합니다"
assert _v == {"[PAD]": 0, "[UNK]": 1, "나": 2, "가": 3}, "작은 예의 어휘가 다릅니다 (특수 토큰, max_size, 순서를 확인하세요)"
_toks = decode([3, 0, 1, 2, 0], _v)
assert type(_toks) is list and all(type(t) is str for t in _toks), "문자열의 리스트를 돌려주어야 합니다"
assert _toks == ["가", "[UNK]", "나"], "번호를 토큰으로 되돌린 결과가 다릅니다 ([PAD] 는 빼기)"
### BEGIN HIDDEN TESTS
import random as _random


def _ref_vocab(lists, cap, specials):
    _c = {}
    for _l in lists:
        for _t in _l:
            _c[_t] = _c.get(_t, 0) + 1
    _vv = {}
    for _s in specials:
        _vv[_s] = len(_vv)
    for _t in sorted(_c, key=lambda t: (-_c[t], t)):
        if len(_vv) >= cap:
            break
        if _t not in _vv:
            _vv[_t] = len(_vv)
    return _vv


# ties right at the cap: "b" and "a" both twice, first seen "b"; only one place left
_tie = [["b", "b", "c"], ["a", "a", "d", "d", "d"]]
assert build_vocab(_tie, 4) == {"[PAD]": 0, "[UNK]": 1, "d": 2, "a": 3}, "빈도가 같으면 문자열 순서로 작은 토큰이 먼저입니다"
# a special in the text takes no second place
assert build_vocab([["[UNK]", "[UNK]", "[UNK]", "x", "y", "y"]], 3) == {"[PAD]": 0, "[UNK]": 1, "y": 2}, "글에 나온 특수 토큰은 다시 넣지 않고 자리도 차지하지 않아야 합니다"
_rng = _random.Random(11)
_alpha = list("가나다라마바사아자차") + ["<s>", "ab", "A"]
_lists = [[_rng.choice(_alpha) for _ in range(_rng.randint(0, 9))] for _ in range(40)]
_lists[3] = _lists[3] + ["<s>", "<s>", "<s>"]
_before = [list(_l) for _l in _lists]
for _cap, _sp in [(2, ("[PAD]", "[UNK]")), (5, ("[PAD]", "[UNK]")), (9, ("<pad>", "<unk>", "<s>")), (10**6, ("[PAD]", "[UNK]")), (3, ("<unk>",))]:
    _got = build_vocab(_lists, _cap, _sp)
    assert type(_got) is dict, "dict 를 돌려주어야 합니다"
    _exp = _ref_vocab(_before, _cap, _sp)
    assert sorted(_got.values()) == list(range(len(_got))), "번호는 0 부터 빈틈 없이 붙여야 합니다"
    assert len(_got) == len(_exp), "어휘 크기가 다릅니다 (max_size 는 특수 토큰을 포함한 크기)"
    assert _got == _exp, "어휘가 다릅니다 (특수 토큰 순서, 빈도 큰 것부터, 같으면 문자열 순서)"
    assert list(_got)[:len(_sp)] == list(_sp), "특수 토큰을 주어진 순서대로 맨 앞에 두어야 합니다"
assert _lists == _before, "넘겨받은 리스트를 바꾸면 안 됩니다"
_v2 = _ref_vocab(_before, 8, ("<pad>", "<s>", "<unk>"))
_v2_before = dict(_v2)
_inv = {i: t for t, i in _v2.items()}
_ids = [_rng.randrange(len(_v2)) for _ in range(60)]
_ids_before = list(_ids)
for _skip in [("<pad>",), ("<pad>", "<s>"), ()]:
    _got = decode(_ids, _v2, skip=_skip)
    assert type(_got) is list and all(type(t) is str for t in _got), "문자열의 리스트를 돌려주어야 합니다"
    assert _got == [_inv[i] for i in _ids if _inv[i] not in _skip], "되돌린 토큰이 다릅니다 (순서 그대로, skip 인자의 토큰만 빼기)"
assert decode([], _v2) == [], "빈 번호 리스트는 빈 리스트가 되어야 합니다"
assert _ids == _ids_before and _v2 == _v2_before, "넘겨받은 리스트와 사전을 바꾸면 안 됩니다"
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
#
# - 답 셀의 `merge_pair(tokens, pair)` 는 4 단계(토큰 리스트 하나에서 쌍을 왼쪽부터 겹치지 않게 합치기) 를 하는 **도우미** 입니다. 채점하지 않으므로
#   써도 되고, 지우고 다른 방법으로 풀어도 됩니다.
# - 넘겨받은 `texts` 와 `merges` 리스트는 바꾸지 않습니다. 돌려주는 병합 규칙은 `tuple` 입니다.

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
# a tie between pairs of merged tokens: tuple order ("a", "z") < ("ab", "a"), although "aba" < "az" as joined strings
assert train_bpe(["az", "aba"], 3) == [("a", "b"), ("a", "z"), ("ab", "a")], "횟수가 같을 때는 튜플 순서(파이썬 <)로 작은 쌍을 골라야 합니다"
_rng = _random.Random(5)
_corpus = ["".join(_rng.choice("가나다라 ") for _ in range(_rng.randint(1, 14))) for _ in range(30)]
_before = list(_corpus)
_got = train_bpe(_corpus, 12)
assert _corpus == _before, "넘겨받은 리스트를 바꾸면 안 됩니다"
assert type(_got) is list and all(type(p) is tuple for p in _got), "(str, str) 튜플의 리스트를 돌려주어야 합니다"
assert _got == _ref_train(_before, 12), "무작위 글에서 병합 규칙이 다릅니다"
_merges = _ref_train(train_texts[:300], 40)
assert train_bpe(train_texts[:300], 40) == _merges, "NSMC 리뷰 300개에서 병합 규칙이 다릅니다"
_merges_before = list(_merges)
for _text in test_texts[:40] + ["", "처음 보는 글자 뷁"]:
    _enc = bpe_encode(_text, _merges)
    assert type(_enc) is list, "문자열의 리스트를 돌려주어야 합니다"
    assert _enc == _ref_encode(_text, _merges), "새 글에 병합 규칙을 적용한 결과가 다릅니다 (배운 순서대로 하나씩)"
    assert "".join(_enc) == _text, "토큰을 이어 붙이면 원래 글이어야 합니다"
    assert _merges == _merges_before, "넘겨받은 merges 리스트를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# 배운 규칙으로 리뷰 하나를 잘라 봅니다 (채점하지 않는 확인 셀). 병합 규칙이 늘수록 토큰이 길어지고 개수가 줄어듭니다.

# %%
check_merges = train_bpe(train_texts[:500], 30)
print("처음 배운 병합 10개:", check_merges[:10])
print(bpe_encode(test_texts[0], check_merges))


# %% [markdown]
# ## 문제 4. 길이 벡터로 최대 풀링: 시간 축이 앞인 `(T, B, D)` (2점)
#
# 강의는 `(B, T, D)` 텐서를 마스크로 **평균** 풀링했습니다. 순환 신경망(`nn.RNN`, `nn.LSTM` 의 기본값) 은 시간 축이 앞인 `(T, B, D)` 를 쓰고,
# 배치의 문장 길이를 마스크 대신 **길이 리스트** 로 넘깁니다. 이번에는 그 모양으로 **최대 풀링** 을 합니다.
#
# `max_pool(hidden, lengths)` 를 완성하세요.
#
# - `hidden`: 실수 텐서 `(T, B, D)`. 문장 b 의 진짜 토큰은 시간 `0, 1, …, lengths[b] - 1` 에 있고, 그 뒤는 패딩입니다 (패딩 자리의 값은 아무 값이나 될 수 있습니다).
# - `lengths`: 길이 B 의 파이썬 `list[int]`, `0 <= lengths[b] <= T`.
# - 돌려줄 값: `(B, D)` 텐서. `[b, d]` 는 문장 b 의 진짜 토큰 자리에서 `hidden[:, b, d]` 의 **최댓값** 입니다 (값은 음수일 수도 있습니다).
# - 길이가 0 인 문장은 **0 벡터** 입니다 (`-inf` 나 `nan` 이 아니라).
# - `hidden` 과 **같은 dtype, 같은 장치**(`hidden.device`) 로 돌려줍니다. 숨은 테스트는 값이 없는 `meta` 장치의 텐서로 이것을 확인하므로,
#   결과를 `.cpu()` 로 옮기지 말고 `hidden` 이 있는 장치에서 계산하세요 (`lengths` 의 파이썬 정수로 자르는 것은 괜찮습니다).
# - 넘겨받은 텐서와 리스트를 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_max_pool", "locked": false, "schema_version": 3, "solution": true}
def max_pool(hidden: torch.Tensor, lengths: list[int]) -> torch.Tensor:
    """Max of hidden (T, B, D) over the first lengths[b] time steps of each sequence b; empty sequences give zeros."""
    ### BEGIN SOLUTION
    T = hidden.shape[0]
    steps = torch.arange(T, device=hidden.device)[:, None]
    valid = steps < torch.tensor(lengths, device=hidden.device)[None, :]
    filled = hidden.masked_fill(~valid[:, :, None], float("-inf"))
    pooled = filled.amax(dim=0)
    return torch.where(valid.any(dim=0)[:, None], pooled, torch.zeros_like(pooled))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_max_pool", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_h = torch.tensor([[[1.0, -5.0], [0.0, 0.0]], [[3.0, -7.0], [0.0, 0.0]], [[100.0, 100.0], [0.0, 0.0]]], device=device)
_out = max_pool(_h, [2, 0])
assert type(_out) is torch.Tensor and tuple(_out.shape) == (2, 2), "모양 (B, D) 의 텐서를 돌려주어야 합니다"
assert torch.equal(_out.cpu(), torch.tensor([[3.0, -5.0], [0.0, 0.0]])), "패딩 자리를 빼고 최댓값을 내야 합니다 (길이 0 은 0 벡터)"
### BEGIN HIDDEN TESTS
_g = torch.Generator().manual_seed(4)
_H = torch.randn(7, 5, 3, generator=_g, dtype=torch.float64) - 3.0
_H[:, 1] += 50.0 * (torch.arange(7, dtype=torch.float64) >= 4)[:, None]
_L = [7, 4, 0, 1, 3]
_exp = torch.zeros(5, 3, dtype=torch.float64)
for _b in range(5):
    if _L[_b]:
        _exp[_b] = _H[:_L[_b], _b].max(dim=0).values
_Hd = _H.to(device)
_H0, _L0 = _Hd.clone(), list(_L)
_got = max_pool(_Hd, _L)
assert type(_got) is torch.Tensor and tuple(_got.shape) == (5, 3), "모양 (B, D) 의 텐서를 돌려주어야 합니다 (hidden 은 (T, B, D))"
assert _got.dtype == torch.float64, "hidden 과 같은 dtype 을 돌려주어야 합니다"
assert not torch.isnan(_got).any() and not torch.isinf(_got).any(), "길이 0 인 문장에서 nan 이나 inf 가 나오면 안 됩니다"
assert torch.equal(_got.cpu(), _exp), "진짜 토큰 자리의 최댓값이 아닙니다 (시간 축은 0 번, 길이 0 은 0 벡터)"
assert torch.equal(_Hd, _H0) and _L == _L0, "넘겨받은 텐서와 리스트를 바꾸면 안 됩니다"
# padding invariance: longer padding must not change the result
_Hp = torch.cat([_H, 1e3 * torch.ones(4, 5, 3, dtype=torch.float64)], dim=0).to(device)
assert torch.equal(max_pool(_Hp, _L).cpu(), _exp), "패딩을 더 붙이면 결과가 바뀌면 안 됩니다"
assert torch.equal(max_pool(_H.float().to(device), _L).cpu(), _exp.float()), "float32 입력에서 결과가 다릅니다"
# same device: a meta tensor has no values, only shape, dtype and device
_m = _meta_skip = object()
try:
    _m = max_pool(torch.empty(6, 3, 4, device="meta", dtype=torch.float16), [6, 0, 2])
except NotImplementedError:  # values copied off the meta device (.cpu(), .numpy())
    _m = None
except RuntimeError:  # the answer reads values (.item()); its device cannot be checked this way
    pass
if _m is not _meta_skip:
    assert type(_m) is torch.Tensor and _m.device.type == "meta", "hidden 과 같은 장치에 돌려주어야 합니다 (.cpu() 로 옮기지 마세요)"
    assert tuple(_m.shape) == (3, 4) and _m.dtype == torch.float16, "hidden 과 같은 dtype, 모양 (B, D) 로 돌려주어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. 코사인 유사도 행렬과 최근접 이웃 (3점)
#
# **(가)** `cosine_sim_matrix(a, b, eps=1e-8)`: `a` 는 `(N, D)`, `b` 는 `(M, D)` 실수 텐서. `(N, M)` 텐서를 돌려주고, `[i, j]` 는
# `a[i]` 와 `b[j]` 의 코사인 유사도입니다. 길이가 `eps` 보다 작은 벡터(0 벡터)가 끼면 그 유사도는 `nan` 이 아니라 **0** 입니다
# (`F.cosine_similarity` 처럼 노름을 `eps` 아래로 내려가지 않게 하면 됩니다). `a` 와 같은 dtype 과 장치로 돌려줍니다 (숨은 테스트는 값이 없는
# `meta` 장치의 텐서로 장치를 확인하니 `.cpu()` 로 옮기지 마세요).
#
# **(나)** `nearest_neighbours(emb, words, query, k)`: `emb` 는 `(V, D)` 단어 벡터(길이 1로 L2 정규화되어 있다는 보장은 **없습니다**),
# `words` 는 길이 V 의 단어 리스트(행 i 가 `words[i]` 의 벡터), `query` 는 `words` 에 있는 단어입니다. `query` 와 **코사인 유사도가
# 가장 큰** 단어 k 개를 큰 것부터 `list[str]` 로 돌려줍니다. **`query` 자신은 빼고** 고릅니다. `1 <= k <= V - 1` 이고 동점은 없다고 봐도 됩니다.
# 넘겨받은 `emb` 와 `words` 는 바꾸지 않습니다 (`words.remove(query)` 처럼 리스트를 고치지 마세요).

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
        _res = nearest_neighbours(_E, _words, _words[_q], _k)
        assert type(_res) is list and all(type(w) is str for w in _res), "문자열의 리스트를 돌려주어야 합니다"
        _order = [j for j in _cos[_q].argsort(descending=True).tolist() if j != _q][:_k]
        assert _res == [_words[j] for j in _order], "코사인 유사도가 큰 순서의 이웃이 아닙니다 (자기 자신은 빼고, 길이로 나누기)"
assert torch.equal(_E, _E0), "넘겨받은 텐서를 바꾸면 안 됩니다"
assert _words == [f"w{i}" for i in range(12)], "넘겨받은 words 리스트를 바꾸면 안 됩니다"
# same device: a meta tensor has no values, only shape, dtype and device
_m = _meta_skip = object()
try:
    _m = cosine_sim_matrix(torch.empty(3, 4, device="meta"), torch.empty(2, 4, device="meta"))
except NotImplementedError:  # values copied off the meta device (.cpu(), .numpy())
    _m = None
except RuntimeError:  # the answer reads values (.item()); its device cannot be checked this way
    pass
if _m is not _meta_skip:
    assert type(_m) is torch.Tensor and _m.device.type == "meta" and tuple(_m.shape) == (3, 2), "a 와 같은 장치에 돌려주어야 합니다 (.cpu() 로 옮기지 마세요)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 6. 실험: 2-그램은 어휘가 얼마나 커야 할까? (3점)
#
# 강의에서는 글자 어휘의 `min_freq` 를 바꿔 `[UNK]` 비율을 쟀습니다. 이번에는 **어휘 크기 상한** 을 바꾸면서 **글자** 토큰과 **음절 2-그램** 토큰을 비교합니다.
# 토큰 단위가 길어지면 같은 `[UNK]` 비율을 지키는 데 어휘가 얼마나 더 필요한지 잽니다.
#
# **(가)** `unk_rate(token_lists, vocab)`: 모든 리스트의 토큰 가운데 `vocab` 에 **없는** 토큰(= `encode` 하면 `[UNK]` 번호가 되는 토큰) 의 비율을
# 파이썬 `float` 로 돌려줍니다. 토큰이 하나도 없으면 `0.0` 입니다. `vocab` 은 `build_vocab` 이 만든 것 같은 사전이라 언제나 `"[UNK]"` 가 들어 있고,
# 토큰 가운데 `"[UNK]"` 라는 문자열은 없다고 봐도 됩니다.
#
# **(나)** 학습 리뷰 `train_texts` 를 자른 토큰으로 `build_vocab(…, max_size)` 어휘를 만들고(특수 토큰은 기본값 `[PAD]`, `[UNK]`),
# **테스트 리뷰 `test_texts`** 의 `[UNK]` 비율을 `VOCAB_SIZES` 의 값마다 재세요. 글자 토큰(공백 문자를 뺀 글자 하나하나, 강의의 `char_tokens`)과
# `bigram_tokenize` 토큰 각각에 대해
# - `best_size_char`, `best_size_bigram`: 테스트 `[UNK]` 비율이 **10% 미만** 인 `max_size` 가운데 **가장 작은 값**
#
# 을 파이썬 `int` 로 남기세요. 채점은 여러분이 한 번도 본 적 없는 리뷰로 같은 측정을 다시 해서 확인합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_size_experiment", "locked": false, "schema_version": 3, "solution": true}
VOCAB_SIZES = (250, 500, 1000, 2000, 4000, 8000, 16000, 32000, 64000)


def unk_rate(token_lists: list[list[str]], vocab: dict[str, int]) -> float:
    """Share of tokens (over all lists) that are not in vocab; 0.0 when there are no tokens."""
    ### BEGIN SOLUTION
    total = sum(len(tokens) for tokens in token_lists)
    if total == 0:
        return 0.0
    return sum(t not in vocab for tokens in token_lists for t in tokens) / total
    ### END SOLUTION


### BEGIN SOLUTION
rates = {}
for name, tokenize in [("char", lambda t: [c for c in t if not c.isspace()]), ("bigram", bigram_tokenize)]:
    train_tokens = [tokenize(t) for t in train_texts]
    test_tokens = [tokenize(t) for t in test_texts]
    rates[name] = [unk_rate(test_tokens, build_vocab(train_tokens, size)) for size in VOCAB_SIZES]
best_size_char = min(size for size, r in zip(VOCAB_SIZES, rates["char"]) if r < 0.10)
best_size_bigram = min(size for size, r in zip(VOCAB_SIZES, rates["bigram"]) if r < 0.10)
### END SOLUTION

# %% nbgrader={"grade": true, "grade_id": "test_size_experiment", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_r = unk_rate([["가", "나"], ["다", "가"]], {"[PAD]": 0, "[UNK]": 1, "가": 2})
assert type(_r) is float, "파이썬 float 를 돌려주어야 합니다"
assert abs(_r - 0.5) < 1e-12, "작은 예의 [UNK] 비율이 다릅니다"
assert type(best_size_char) is int and best_size_char in VOCAB_SIZES, "best_size_char 는 VOCAB_SIZES 의 값 하나 (int) 여야 합니다"
assert type(best_size_bigram) is int and best_size_bigram in VOCAB_SIZES, "best_size_bigram 은 VOCAB_SIZES 의 값 하나 (int) 여야 합니다"
### BEGIN HIDDEN TESTS
_sp = {"[PAD]": 0, "[UNK]": 1}
assert unk_rate([], _sp) == 0.0 and unk_rate([[], []], _sp) == 0.0, "토큰이 없으면 0.0 이어야 합니다"
_r = unk_rate([["a", "b", "c"], [], ["a"]], {"[PAD]": 0, "[UNK]": 1, "a": 2, "z": 3})
assert type(_r) is float and abs(_r - 0.5) < 1e-12, "모든 리스트의 토큰을 합쳐 비율을 내야 합니다"
_r = unk_rate([["a"] * 9 + ["b"], ["c"]], {"[PAD]": 0, "[UNK]": 1, "a": 2})
assert type(_r) is float and abs(_r - 2 / 11) < 1e-12, "리스트마다 비율을 낸 평균이 아니라, 모든 토큰을 합친 비율이어야 합니다"
# the judge re-measures on held-out reviews the student never had
from grading.holdout import load_holdout

_held, _ = load_holdout("nsmc")
_train = list(train_texts)


def _ref_chars(text):
    return [_c for _c in text if not _c.isspace()]


def _ref_bigrams(text):
    _res = []
    for _w in text.split():
        _res += [_w] if len(_w) == 1 else [_w[_i:_i + 2] for _i in range(len(_w) - 1)]
    return _res


def _ref_best(tokenize):
    _counts = {}
    for _t in _train:
        for _x in tokenize(_t):
            _counts[_x] = _counts.get(_x, 0) + 1
    _order = sorted(_counts, key=lambda t: (-_counts[t], t))
    _held_tokens = [_x for _t in _held for _x in tokenize(_t)]
    for _size in VOCAB_SIZES:
        _keep = set(_order[:_size - 2])
        if sum(_x not in _keep for _x in _held_tokens) / len(_held_tokens) < 0.10:
            return _size
    return None


assert best_size_char == _ref_best(_ref_chars), "처음 보는 리뷰에서 다시 재면 글자 어휘의 답이 아닙니다 ([UNK] 비율 10% 미만인 가장 작은 max_size). 테스트 리뷰로 직접 재서 고르세요"
assert best_size_bigram == _ref_best(_ref_bigrams), "처음 보는 리뷰에서 다시 재면 2-그램 어휘의 답이 아닙니다 ([UNK] 비율 10% 미만인 가장 작은 max_size). 학습 리뷰가 아니라 테스트 리뷰로 재세요"
### END HIDDEN TESTS

# %% [markdown]
# 어휘 크기에 따른 테스트 `[UNK]` 비율을 두 토큰 단위로 그려 봅니다 (채점하지 않는 확인 셀).

# %%
import matplotlib.pyplot as plt

fig, ax = plt.subplots(figsize=(6, 3.5))
for _name, _label in [("char", "글자"), ("bigram", "음절 2-그램")]:
    ax.plot(VOCAB_SIZES, [100 * r for r in rates[_name]], "o-", label=_label)
ax.axhline(10, color="gray", linestyle="--")
ax.set_xscale("log")
ax.set_xlabel("어휘 크기 상한 max_size (로그 눈금)")
ax.set_ylabel("테스트 [UNK] 비율 (%)")
ax.set_title(f"10% 미만: 글자 {best_size_char:,}, 2-그램 {best_size_bigram:,}")
ax.legend()
plt.show()

# %% [markdown]
# ## 📝 요약
#
# 1. 어휘의 순서(빈도, 같으면 문자열 순서)를 정해 두어야 같은 데이터로 언제나 같은 번호가 나옵니다. 크기 상한이 있으면 상한에 걸린 동점 토큰 가운데 무엇이 들어갈지도 이 순서가 정합니다.
# 2. BPE 는 글자에서 시작해 병합만 하므로, 토큰을 이어 붙이면 원래 글이 그대로 나옵니다.
# 3. 최대 풀링에서 패딩 자리는 `-inf` 로 덮어 최댓값 후보에서 빼고, 길이 0 인 문장은 따로 0 벡터로 둡니다. 시간 축이 어디인지(`(T, B, D)` 이면 0 번) 먼저 확인합니다.
# 4. 노름을 `eps` 아래로 내려가지 않게 하면 0 벡터의 코사인 유사도가 0 이 됩니다.
# 5. 토큰 단위가 길어지면 종류가 폭발합니다: 글자는 어휘 수백 개로 `[UNK]` 10% 미만이 되지만, 2-그램은 수만 개가 필요합니다. 그래서 부분 단어(BPE) 는 자주 나오는 조각만 길게 합칩니다.

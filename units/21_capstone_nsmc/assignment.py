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

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import torch
from fastapi import FastAPI
from pydantic import BaseModel, Field

import helpers
from helpers import serving

device = helpers.setup(seed=0)

nsmc_train = helpers.data.load_nsmc("train")
nsmc_test = helpers.data.load_nsmc("test")
train_texts, train_labels = nsmc_train["document"].tolist(), nsmc_train["label"].to_numpy()
test_texts, test_labels = nsmc_test["document"].tolist(), nsmc_test["label"].to_numpy()
print("학습 리뷰", len(train_texts), "| 테스트 리뷰", len(test_texts))


# %% [markdown]
# ## 🎯 학습 목표
#
# - 리뷰 데이터를 분석하는 함수를 결측치·빈 문자열·공백만 있는 리뷰까지 맞게 세도록 쓴다.
# - 규칙이 정해진 전처리 함수(`clean`)를 규칙 그대로, 순서까지 지켜 구현한다.
# - 방법을 스스로 골라 감성 분류기를 학습하고, 본 적 없는 리뷰 1,000 개에서 정확도 80% 를 넘긴다.
# - 혼동 행렬과 길이별 정확도로 오류를 분석하고, 학습 데이터 크기에 따른 정확도를 실험으로 잰다.
# - 학습한 모델을 `POST /sentiment` 엔드포인트로 서빙하고, 잘못된 요청을 422 로 막는다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 빈 리뷰는 몇 종류가 있을까? `isna()` 하나로 다 셀 수 있을까?
# 2. 전처리 규칙의 순서를 바꾸면 결과가 달라지는 글은 어떤 글일까?
# 3. 띄어쓰기 단어 대신 글자 n-gram을 쓰면 왜 한국어 리뷰에서 정확도가 오를까?
# 4. 학습 리뷰를 열 배로 늘리면 정확도는 얼마나 오를까?
# 5. 빈 리뷰나 이모지만 있는 리뷰가 들어와도 서비스가 멈추지 않으려면 어디를 고쳐야 할까?

# %% [markdown]
# ## 과제 안내
#
# 강의 노트북(프로젝트 안내)에서 데이터, 평가 규칙, 기준선을 먼저 보세요.
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `review_stats(df)` 리뷰 데이터 분석 (빈 리뷰, 라벨별 개수와 길이) | 2 |
# | 2 | `clean(text)` 규칙이 정해진 전처리 | 2 |
# | 3 | `train_sentiment`, `predict_sentiment` 감성 분류기 (채점용 리뷰 1,000 개에서 80% 이상) | 5 |
# | 4 | `confusion_counts`, `accuracy_by_length` 오류 분석 | 3 |
# | 5 | 실험: 학습 리뷰 수에 따른 정확도 `size_curve` | 3 |
# | 6 | `create_app(model)`: `POST /sentiment` 엔드포인트 | 3 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 형식(타입, 모양)을 확인합니다. 채점 때는 새 입력과 경계 사례를 확인하는 숨은 테스트가 더 실행됩니다.
# - 뒤 문제는 앞 문제의 함수를 씁니다 (문제 4–6 은 문제 3 의 모델을). 위에서부터 차례로 실행하세요.
# - 모든 계산은 CPU 에서 합니다. 이 노트북 전체가 CPU 에서 몇 분 안에 끝나도록 하세요.

# %% [markdown]
# ## 문제 1. 리뷰 데이터 분석 (2점)
#
# `review_stats(df)` 를 완성하세요. `df` 는 `document`(리뷰 글), `label`(0 = 부정, 1 = 긍정) 열이 있는 `DataFrame` 입니다.
# 이 과제의 데이터에는 빈 리뷰가 없지만, 채점은 결측치가 섞인 다른 표로도 합니다. 정확히 아래 네 키의 `dict` 를 돌려줍니다.
#
# - `"n_reviews"`: 행 수 (`int`).
# - `"n_empty"`: **빈 리뷰**의 수 (`int`). 빈 리뷰는 `document` 가 문자열이 아닌 값(`None`, `NaN`, `pd.NA`)이거나,
#   앞뒤 공백을 지우면(`str.strip()`) 빈 문자열이 되는 문자열(`""`, `"   "`, `"\t\n"` …)입니다.
# - `"label_counts"`: `{0: 부정 행 수, 1: 긍정 행 수}` (`int` 값, 빈 리뷰도 셉니다). 라벨은 0 과 1 뿐입니다.
# - `"mean_length"`: `{0: 부정 평균 길이, 1: 긍정 평균 길이}` (`float` 값). 길이는 앞뒤 공백을 지운 글자 수
#   `len(text.strip())` 이고, **빈 리뷰를 뺀** 리뷰들로 평균을 냅니다. 그 라벨에 빈 리뷰가 아닌 리뷰가 없으면 `0.0` 입니다.
#
# 값은 파이썬 `int`/`float` 입니다 (`numpy.int64` 는 안 됩니다). 넘겨받은 `df` 는 바꾸지 않습니다 (열을 더하거나 채우지 마세요).

# %% nbgrader={"grade": false, "grade_id": "ex_review_stats", "locked": false, "schema_version": 3, "solution": true}
def review_stats(df: pd.DataFrame) -> dict:
    """Row count, empty reviews (non-str or whitespace-only), rows per label, mean stripped length per label."""
    ### BEGIN SOLUTION
    stripped = [d.strip() if isinstance(d, str) else "" for d in df["document"]]
    labels = [int(v) for v in df["label"]]
    stats = {"n_reviews": len(stripped), "n_empty": sum(1 for s in stripped if not s),
             "label_counts": {}, "mean_length": {}}
    for lab in (0, 1):
        lengths = [len(s) for s, y in zip(stripped, labels) if y == lab and s]
        stats["label_counts"][lab] = sum(1 for y in labels if y == lab)
        stats["mean_length"][lab] = sum(lengths) / len(lengths) if lengths else 0.0
    return stats
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_review_stats", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_stats = review_stats(nsmc_train)
assert type(_stats) is dict and set(_stats) == {"n_reviews", "n_empty", "label_counts", "mean_length"}, "네 키의 dict 여야 합니다"
assert type(_stats["n_reviews"]) is int and type(_stats["n_empty"]) is int, "n_reviews, n_empty 는 파이썬 int 여야 합니다"
assert type(_stats["mean_length"]) is dict and set(_stats["mean_length"]) == {0, 1}, "mean_length 는 {0: …, 1: …} 이어야 합니다"
print(_stats)
### BEGIN HIDDEN TESTS
def _stats_ref(docs, labels):
    strip = [d.strip() if isinstance(d, str) else "" for d in docs]
    out = {"n_reviews": len(strip), "n_empty": sum(1 for s in strip if not s), "label_counts": {}, "mean_length": {}}
    for lab in (0, 1):
        lens = [len(s) for s, y in zip(strip, labels) if y == lab and s]
        out["label_counts"][lab] = sum(1 for y in labels if y == lab)
        out["mean_length"][lab] = sum(lens) / len(lens) if lens else 0.0
    return out


def _check_stats(got, exp):
    assert type(got) is dict and set(got) == {"n_reviews", "n_empty", "label_counts", "mean_length"}, "네 키의 dict 여야 합니다"
    assert type(got["n_reviews"]) is int and got["n_reviews"] == exp["n_reviews"], "n_reviews 가 다릅니다"
    assert type(got["n_empty"]) is int, "n_empty 는 파이썬 int 여야 합니다"
    assert got["n_empty"] == exp["n_empty"], "n_empty 가 다릅니다 (결측치, 빈 문자열, 공백만 있는 문자열을 모두 세세요)"
    for _key in ("label_counts", "mean_length"):
        assert type(got[_key]) is dict and set(got[_key]) == {0, 1}, f"{_key} 는 {{0: …, 1: …}} 이어야 합니다"
    for _lab in (0, 1):
        assert type(got["label_counts"][_lab]) is int, "label_counts 의 값은 파이썬 int 여야 합니다"
        assert got["label_counts"][_lab] == exp["label_counts"][_lab], "label_counts 가 다릅니다"
        assert type(got["mean_length"][_lab]) is float, "mean_length 의 값은 파이썬 float 여야 합니다"
        assert math.isclose(got["mean_length"][_lab], exp["mean_length"][_lab], rel_tol=1e-9, abs_tol=1e-9), \
            "mean_length 가 다릅니다 (앞뒤 공백을 지운 길이, 빈 리뷰는 빼고, 없으면 0.0)"


for _df in (nsmc_train, nsmc_test):
    _check_stats(review_stats(_df), _stats_ref(list(_df["document"]), [int(v) for v in _df["label"]]))
_docs = ["좋다", None, "", "   ", " 최고의 영화 ", float("nan"), "\t\n", "별로", "  ㅋㅋ  ", "", "그냥 그래요"]
_labs = [1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0]
_edge = pd.DataFrame({"id": range(len(_docs)), "document": pd.Series(_docs, dtype=object), "label": _labs})
_edge_copy = _edge.copy()
_check_stats(review_stats(_edge), _stats_ref(_docs, _labs))
assert list(_edge.columns) == list(_edge_copy.columns) and _edge.equals(_edge_copy), "넘겨받은 df 를 바꾸면 안 됩니다"
_docs2 = ["재밌다", pd.NA, " ", "최악", None]
_edge2 = pd.DataFrame({"document": pd.array(_docs2, dtype="string"), "label": [0, 1, 1, 0, 1]})
_stats = review_stats(_edge2)
_check_stats(_stats, _stats_ref(["재밌다", None, " ", "최악", None], [0, 1, 1, 0, 1]))
assert _edge2["document"].isna().sum() == 2, "넘겨받은 df 를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 규칙이 정해진 전처리 `clean` (2점)
#
# `clean(text)` 는 리뷰 하나를 아래 규칙으로 바꾼 문자열을 돌려줍니다. **이 순서대로** 적용합니다.
#
# 1. `text` 가 문자열이 아니면(`None`, `NaN` …) 빈 문자열 `""` 을 돌려줍니다.
# 2. 문자열 전체에 `str.lower()` 를 적용합니다. 3 단계보다 **먼저** 하고, `str.lower()` 가 바꾸는 대로 둡니다: `A`–`Z` 밖의 글자도
#    바뀝니다 (켈빈 기호 `K`(U+212A) → `k`, `İ`(U+0130) → `i` + 결합 점 U+0307).
# 3. 한글 음절 `가`–`힣`, 한글 자모 `ㄱ`–`ㅎ`, `ㅏ`–`ㅣ`, 영문 소문자 `a`–`z`, ASCII 숫자 `0`–`9` 가 **아닌** 글자는 모두 공백 한 칸으로 바꿉니다
#    (문장 부호, 이모지, 줄바꿈, 전각 문자 `Ａ`, 전각 숫자 `１`, 아라비아·인도 숫자 `٣` 처럼 `0`–`9` 가 아닌 숫자도).
# 4. 같은 글자가 **세 번 이상** 잇달아 나오면 두 번으로 줄입니다 (`"ㅋㅋㅋㅋ"` → `"ㅋㅋ"`, `"aaa"` → `"aa"`).
# 5. 잇단 공백을 한 칸으로 줄이고, 앞뒤 공백을 지웁니다.
#
# 예: `clean("ㅋㅋㅋㅋ 진짜 WOW!!! 10점😀")` → `"ㅋㅋ 진짜 wow 10점"`. 유니코드 정규화(NFKC)는 하지 마세요: NFKC 는 `ㅋ` 을
# 다른 코드의 자모로 바꿉니다 (강의의 ⚠️). 문제 3 에서 이 함수를 써도 되고 안 써도 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_clean", "locked": false, "schema_version": 3, "solution": true}
def clean(text) -> str:
    """Lower-case, keep Hangul syllables/jamo, a-z, 0-9 (others -> space), runs of 3+ -> 2, squeeze spaces."""
    ### BEGIN SOLUTION
    if not isinstance(text, str):
        return ""
    text = text.lower()
    text = re.sub(r"[^가-힣ㄱ-ㅎㅏ-ㅣa-z0-9]", " ", text)
    text = re.sub(r"(.)\1{2,}", r"\1\1", text)
    return re.sub(r"\s+", " ", text).strip()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_clean", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = clean("ㅋㅋㅋㅋ 진짜 WOW!!! 10점😀")
assert type(_out) is str, "str 을 돌려주어야 합니다"
assert _out == "ㅋㅋ 진짜 wow 10점", "예시의 결과가 다릅니다"
assert clean(None) == "", "문자열이 아니면 빈 문자열을 돌려주어야 합니다"
### BEGIN HIDDEN TESTS
def _clean_ref(t):
    if not isinstance(t, str):
        return ""
    t = t.lower()
    t = "".join(c if ("가" <= c <= "힣" or "ㄱ" <= c <= "ㅎ" or "ㅏ" <= c <= "ㅣ" or "a" <= c <= "z" or "0" <= c <= "9")
                else " " for c in t)
    out = []
    for c in t:
        if len(out) >= 2 and out[-1] == c and out[-2] == c:
            continue
        out.append(c)
    return " ".join("".join(out).split())


_cases = ["ㅋㅋㅋㅋㅋㅋ 최고!!!!", "AaAa 정말 좋아요~~~ 😀😀😀", "ＦＵＬＬ 전각 ｗｉｄｔｈ", "", "   \t\n  ", "1111점 만점에 10점",
          "ㅡㅡ 별로... ㅠㅠㅠ", "아ㆍ이ㆍ유", "Ｏ", "ㅎㅎ ㅎㅎㅎ ㅎ", "줄\n바꿈\r\n탭\t끝", "café naïve ÀB_c-d", "ᄏᄏᄏ 옛 자모",
          "굿굿굿굿 good goood", "a", "ＡＡＡ aaa AAA", "①②③ 123", "영화 \u200b보고 \u3000왔어요", "zz 0", "ㄱㄴㄷ ㅏㅑ ㅢ ㅣ",
          "１０점 만점에 ９점", "별점 ٣ ٤ 그리고 ۵", "\u212a-pop 좋아요 \u212a\u212a\u212a", "İstanbul 에서 봄 İİİ", "ＡｂＣ ＿ 끝"]
_cases += list(nsmc_test["document"][:200])
for _t in _cases:
    _got = clean(_t)
    assert type(_got) is str, "str 을 돌려주어야 합니다"
    assert _got == _clean_ref(_t), "규칙을 따른 결과와 다른 리뷰가 있습니다 (다섯 규칙과 그 순서를 확인하세요)"
for _t in (None, float("nan"), 3, pd.NA):
    assert clean(_t) == "", "문자열이 아니면 빈 문자열을 돌려주어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. 감성 분류기 (5점)
#
# 방법은 자유입니다: TF-IDF + 로지스틱 회귀(scikit-learn), BPE 토큰의 임베딩 평균(11·12 단원), LSTM(12 단원) …
# 강의의 기준선(띄어쓰기 단어 TF-IDF)은 목표에 못 미칩니다. 강의의 팁을 보고 고르세요. 두 함수를 완성합니다.
#
# **`train_sentiment(texts, labels)`**
# - `texts`: 리뷰 문자열의 `list`, `labels`: 같은 길이의 `int64` `numpy` 배열 (0 = 부정, 1 = 긍정).
# - 학습한 모델을 돌려줍니다. 모델은 `predict_sentiment` 가 받을 수 있는 것이면 무엇이든 됩니다
#   (scikit-learn 파이프라인, `nn.Module`, 토크나이저와 모델의 튜플 …).
# - **넘겨받은 리뷰와 라벨로만** 학습합니다 (전역 변수 `train_texts` 나 `nsmc_test` 를 쓰지 마세요). 채점은 다른 리뷰, 다른 라벨로도
#   이 함수를 불러 모델이 넘겨받은 라벨을 배우는지 봅니다. 넘겨받은 `texts` 와 `labels` 는 바꾸지 않습니다.
# - 예산: 에포크로 학습하는 방법은 **5 에포크 이하**. 채점은 이 함수를 여섯 번(리뷰 20,000 개 한 번, 8,000 개 두 번, 2,000 개 세 번) 부르므로,
#   20,000 개 학습 한 번이 CPU 에서 30초 안쪽이 되게 하세요. 무작위는 `torch`/`numpy` 의 전역 생성기나 고정한 시드로만 씁니다
#   (테스트 셀이 `torch.manual_seed(0)`, `np.random.seed(0)` 을 부릅니다).
#
# **`predict_sentiment(model, texts)`**
# - 전처리를 모두 스스로 합니다: 가공하지 않은 리뷰 문자열의 `list` 를 받아 `torch.Tensor` (`dtype=torch.int64`, CPU, 모양 `(len(texts),)`,
#   값은 0 또는 1)를 돌려줍니다. 확률이나 `numpy` 배열, `float` 라벨은 안 됩니다.
# - 어떤 문자열에도 멈추지 않습니다: 빈 문자열 `""`, 공백만 있는 리뷰, 이모지만 있는 리뷰(`"😀😀"`)도 0 또는 1 로 예측합니다.
#   빈 리스트 `[]` 에는 모양 `(0,)` 의 `int64` 텐서를 돌려줍니다.
# - 순서를 지킵니다: `i` 번째 값이 `texts[i]` 의 예측이고, 한 리뷰의 예측은 같은 목록의 다른 리뷰와 상관없습니다
#   (리뷰 하나만 넣어도 같은 예측). 넘겨받은 리스트는 바꾸지 않습니다.
#
# **채점**: 여러분이 가진 적 없는 NSMC 리뷰 1,000 개(긍정·부정 500 개씩)에서 정확도 **80% 이상**. 테스트 셀이 20,000 개로 학습한 모델을 씁니다.

# %% nbgrader={"grade": false, "grade_id": "ex_sentiment", "locked": false, "schema_version": 3, "solution": true}
def train_sentiment(texts: list, labels: np.ndarray):
    """Fit a sentiment model on the given reviews and 0/1 labels; returns what predict_sentiment takes."""
    ### BEGIN SOLUTION
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    model = make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(1, 3), sublinear_tf=True),
                          LogisticRegression(C=3.0, max_iter=1000))
    model.fit(list(texts), np.asarray(labels))
    return model
    ### END SOLUTION


def predict_sentiment(model, texts: list) -> torch.Tensor:
    """0/1 labels (int64 tensor, one per review, in order) for raw review strings."""
    ### BEGIN SOLUTION
    if len(texts) == 0:
        return torch.zeros(0, dtype=torch.int64)
    return torch.as_tensor(np.asarray(model.predict(list(texts)), dtype=np.int64))
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_sentiment", "locked": true, "points": 5, "schema_version": 3, "solution": false}
torch.manual_seed(0)
np.random.seed(0)
sentiment_model = train_sentiment(list(train_texts), train_labels.copy())
_pred = predict_sentiment(sentiment_model, test_texts[:50])
assert type(_pred) is torch.Tensor and _pred.dtype == torch.int64 and tuple(_pred.shape) == (50,), \
    "predict_sentiment 는 모양 (len(texts),) 의 int64 torch.Tensor 를 돌려주어야 합니다"
test_pred = predict_sentiment(sentiment_model, test_texts)
print(f"내 테스트 리뷰 4,000 개 정확도: {(test_pred.numpy() == test_labels).mean():.1%}")
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout


def _check_pred(p, n):
    assert type(p) is torch.Tensor, "predict_sentiment 는 torch.Tensor 를 돌려주어야 합니다"
    assert p.dtype == torch.int64 and tuple(p.shape) == (n,), "int64 텐서, 모양 (len(texts),) 이어야 합니다"
    assert p.device.type == "cpu", "CPU 텐서를 돌려주어야 합니다"
    assert bool(((p == 0) | (p == 1)).all()), "값은 0 또는 1 이어야 합니다"


_xh, _yh = load_holdout("nsmc")
_xh = list(_xh)
_arg = list(_xh)
_ph = predict_sentiment(sentiment_model, _arg)
_check_pred(_ph, len(_xh))
assert _arg == _xh, "넘겨받은 리스트를 바꾸면 안 됩니다"
_ph = _ph.clone()
_acc = (_ph.numpy() == _yh).mean()
assert _acc >= 0.80, "채점용 리뷰 1,000 개에서 정확도가 80% 에 못 미칩니다"
# order, independence from the rest of the batch, batch of 1
_idx = [997, 3, 500, 41, 250, 777, 12, 640]
_sub = predict_sentiment(sentiment_model, [_xh[i] for i in _idx])
_check_pred(_sub, len(_idx))
assert _sub.tolist() == [_ph[i].item() for i in _idx], "리뷰 순서를 바꾸거나 일부만 넣었더니 예측이 달라졌습니다 (순서, 독립)"
for _i in (5, 123, 999):
    _one = predict_sentiment(sentiment_model, [_xh[_i]])
    _check_pred(_one, 1)
    assert _one.item() == _ph[_i].item(), "리뷰 하나만 넣었을 때의 예측이 다릅니다"
# reviews with nothing to read must not crash; an empty list gives an empty tensor
_odd = ["", "   ", "😀😀😀", "!!!", "\n", "ㅋ", "👍", "a"]
_check_pred(predict_sentiment(sentiment_model, list(_odd)), len(_odd))
_check_pred(predict_sentiment(sentiment_model, []), 0)
# the model learns the labels it is given: flipped labels on 8,000 other reviews must flip the predictions
_texts_cp, _labels_cp = list(train_texts[8000:16000]), (1 - train_labels[8000:16000]).copy()
_labels_before = _labels_cp.copy()
torch.manual_seed(1)
np.random.seed(1)
_flipped = train_sentiment(_texts_cp, _labels_cp)
assert _texts_cp == list(train_texts[8000:16000]) and np.array_equal(_labels_cp, _labels_before), \
    "넘겨받은 texts, labels 를 바꾸면 안 됩니다"
_pf = predict_sentiment(_flipped, _xh)
_check_pred(_pf, len(_xh))
assert (_pf.numpy() == _yh).mean() <= 0.40, "뒤집은 라벨로 학습한 모델이 뒤집힌 답을 하지 않습니다 (넘겨받은 라벨로 학습하세요)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. 오류 분석 (3점)
#
# **`confusion_counts(y_true, y_pred)`**: 같은 길이의 1차원 `int64` 텐서(값 0/1) 두 개를 받아 혼동 행렬을 `(2, 2)` `int64` 텐서로
# 돌려줍니다. `[i, j]` 칸 = 정답이 `i` 인데 `j` 로 예측한 리뷰 수 (행 = 정답, 열 = 예측). 길이 0 이면 0 으로 찬 행렬입니다.
#
# **`accuracy_by_length(texts, y_true, y_pred, edges)`**: 리뷰 길이 구간마다 정확도를 잽니다.
# - 길이는 `len(text.strip())` 입니다 (문자열이 아니면 0). `edges` 는 오름차순 양의 정수 튜플이고, 구간은
#   `[0, edges[0])`, `[edges[0], edges[1])`, …, `[edges[-1], ∞)` 로 `len(edges) + 1` 개입니다 (왼쪽 끝 포함, 오른쪽 끝 제외).
# - 구간마다 정확도(맞힌 수 / 리뷰 수)를 파이썬 `float` 로 담은 `list` 를 돌려줍니다. 리뷰가 없는 구간은 `float("nan")` 입니다.
#
# 두 함수 모두 넘겨받은 값을 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_error_analysis", "locked": false, "schema_version": 3, "solution": true}
def confusion_counts(y_true: torch.Tensor, y_pred: torch.Tensor) -> torch.Tensor:
    """2x2 int64 counts, rows = true label, columns = predicted label."""
    ### BEGIN SOLUTION
    return torch.bincount(y_true.long() * 2 + y_pred.long(), minlength=4).reshape(2, 2)
    ### END SOLUTION


def accuracy_by_length(texts: list, y_true: torch.Tensor, y_pred: torch.Tensor, edges: tuple) -> list:
    """Accuracy per stripped-length bucket [0, e0), [e0, e1), ..., [e_last, inf); nan for an empty bucket."""
    ### BEGIN SOLUTION
    bounds = [0, *edges, math.inf]
    hits = [[] for _ in range(len(bounds) - 1)]
    for text, t, p in zip(texts, y_true.tolist(), y_pred.tolist()):
        n = len(text.strip()) if isinstance(text, str) else 0
        b = next(i for i in range(len(bounds) - 1) if bounds[i] <= n < bounds[i + 1])
        hits[b].append(t == p)
    return [sum(h) / len(h) if h else float("nan") for h in hits]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_error_analysis", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_y_test = torch.as_tensor(test_labels)
_cm = confusion_counts(_y_test, test_pred)
assert type(_cm) is torch.Tensor and _cm.dtype == torch.int64 and tuple(_cm.shape) == (2, 2), "(2, 2) int64 텐서여야 합니다"
_acc_len = accuracy_by_length(test_texts, _y_test, test_pred, (10, 20, 40))
assert type(_acc_len) is list and len(_acc_len) == 4 and all(type(v) is float for v in _acc_len), "float 4개의 list 여야 합니다"
### BEGIN HIDDEN TESTS
def _acc_len_ref(texts, t, p, edges):
    bounds = [0, *edges]
    res = []
    for i in range(len(bounds)):
        lo, hi = bounds[i], (bounds[i + 1] if i + 1 < len(bounds) else float("inf"))
        sel = [(a == b) for s, a, b in zip(texts, t.tolist(), p.tolist())
               if lo <= (len(s.strip()) if isinstance(s, str) else 0) < hi]
        res.append(sum(sel) / len(sel) if sel else float("nan"))
    return res


_g = torch.Generator().manual_seed(21)
for _n in (0, 1, 7, 300):
    _t = torch.randint(0, 2, (_n,), generator=_g)
    _p = torch.randint(0, 2, (_n,), generator=_g)
    _t0, _p0 = _t.clone(), _p.clone()
    _cm = confusion_counts(_t, _p)
    assert type(_cm) is torch.Tensor and _cm.dtype == torch.int64 and tuple(_cm.shape) == (2, 2), "(2, 2) int64 텐서여야 합니다"
    _exp = torch.tensor([[int(((_t0 == i) & (_p0 == j)).sum()) for j in (0, 1)] for i in (0, 1)], dtype=torch.int64)
    assert torch.equal(_cm, _exp), "혼동 행렬의 칸이 다릅니다 (행 = 정답, 열 = 예측)"
    assert torch.equal(_t, _t0) and torch.equal(_p, _p0), "넘겨받은 텐서를 바꾸면 안 됩니다"
_t = torch.tensor([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
_p = torch.tensor([0, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0])
assert torch.equal(confusion_counts(_t, _p), torch.tensor([[1, 4], [5, 1]])), "혼동 행렬의 칸이 다릅니다 (행 = 정답, 열 = 예측)"
_texts = ["", "  ab  ", "x" * 9, "y" * 10, " " + "z" * 19 + " ", "w" * 20, None, "가" * 39, "나" * 40, "다" * 100, "\t"]
for _edges in [(10, 20, 40), (1, 5), (3,), (100, 200)]:
    _t = torch.randint(0, 2, (len(_texts),), generator=_g)
    _p = torch.randint(0, 2, (len(_texts),), generator=_g)
    _texts_cp, _t0, _p0 = list(_texts), _t.clone(), _p.clone()
    _got = accuracy_by_length(_texts_cp, _t, _p, _edges)
    _exp = _acc_len_ref(_texts, _t0, _p0, _edges)
    assert type(_got) is list and len(_got) == len(_edges) + 1, "구간 수(len(edges) + 1)만큼의 list 여야 합니다"
    assert all(type(v) is float for v in _got), "정확도는 파이썬 float 여야 합니다"
    for _a, _b in zip(_got, _exp):
        assert (math.isnan(_a) and math.isnan(_b)) or (not math.isnan(_b) and math.isclose(_a, _b, abs_tol=1e-12)), \
            "구간별 정확도가 다릅니다 (길이 = strip 한 글자 수, 왼쪽 끝 포함, 빈 구간은 nan)"
    assert _texts_cp == _texts and torch.equal(_t, _t0) and torch.equal(_p, _p0), "넘겨받은 값을 바꾸면 안 됩니다"
_got = accuracy_by_length(test_texts, torch.as_tensor(test_labels), test_pred.clone(), (10, 20, 40))
_exp = _acc_len_ref(test_texts, torch.as_tensor(test_labels), test_pred.clone(), (10, 20, 40))
assert all(math.isclose(a, b, abs_tol=1e-12) for a, b in zip(_got, _exp)), "테스트 리뷰의 구간별 정확도가 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# 여러분의 모델이 틀린 리뷰를 봅니다 (채점하지 않는 셀). 짧은 리뷰가 더 어려운가요? 어떤 리뷰를 틀렸나요?

# %%
helpers.plot.plot_confusion_matrix(test_labels, test_pred.numpy(), ["부정", "긍정"], title="테스트 리뷰 혼동 행렬")
plt.show()
_edges = (10, 20, 40)
_acc_len = accuracy_by_length(test_texts, torch.as_tensor(test_labels), test_pred, _edges)
plt.figure(figsize=(5, 3))
plt.bar(["<10", "10–19", "20–39", "40+"], _acc_len)
plt.ylim(0.5, 1.0)
plt.xlabel("리뷰 길이 (글자)")
plt.ylabel("정확도")
plt.title("길이별 정확도")
plt.show()
_wrong = [i for i in range(len(test_texts)) if test_pred[i].item() != test_labels[i]]
for _i in _wrong[:6]:
    print(f"정답 {'긍정' if test_labels[_i] else '부정'} | {test_texts[_i]}")

# %% [markdown]
# ## 문제 5. 실험: 학습 리뷰가 많을수록 얼마나 좋아지는가 (3점)
#
# 학습 리뷰 **앞에서부터** `n` 개(`train_texts[:n]`, `train_labels[:n]`)로 문제 3 의 `train_sentiment` 를 학습하고,
# 테스트 리뷰 4,000 개(`test_texts`, `test_labels`) 전체에서 `predict_sentiment` 의 정확도를 잽니다.
#
# - `size_curve`: `{2000: 정확도, 8000: 정확도, 20000: 정확도}` 인 `dict` (키는 `int`, 값은 0~1 사이의 파이썬 `float`).
#   `20000` 에는 문제 3 의 `sentiment_model` 의 테스트 정확도를 써도 됩니다.
# - 채점은 세 점을 모두 확인합니다: 2,000 개와 8,000 개 점은 여러분의 `train_sentiment`, `predict_sentiment` 로 위와 같이
#   (앞에서부터 `n` 개로 학습, 테스트 리뷰 4,000 개 전체로 평가) 다시 재서 비교하고, 20,000 개 점은 `sentiment_model` 의 테스트 정확도와
#   비교합니다. 학습이 결정적이면(채점이 시드를 바꿔 두 번 학습해도 예측이 같으면) **같은 값**이어야 하고(맞힌 리뷰 수가 같아야
#   합니다), 무작위에 따라 예측이 달라지면 차이 0.03 까지 허용합니다 (두 번의 정확도 차이가 크면 그 두 배까지).
#   짐작하지 말고 재서 남기세요.

# %% nbgrader={"grade": false, "grade_id": "ex_size_curve", "locked": false, "schema_version": 3, "solution": true}
size_curve = {}
### BEGIN SOLUTION
for _n in (2000, 8000):
    _model = train_sentiment(train_texts[:_n], train_labels[:_n])
    size_curve[_n] = float((predict_sentiment(_model, test_texts).numpy() == test_labels).mean())
size_curve[20000] = float((test_pred.numpy() == test_labels).mean())
### END SOLUTION
print({n: round(a, 3) for n, a in size_curve.items()})

# %% nbgrader={"grade": true, "grade_id": "test_size_curve", "locked": true, "points": 3, "schema_version": 3, "solution": false}
assert type(size_curve) is dict and set(size_curve) == {2000, 8000, 20000}, "size_curve 는 2000, 8000, 20000 세 키의 dict 여야 합니다"
assert all(type(v) is float and 0.0 <= v <= 1.0 for v in size_curve.values()), "정확도는 0~1 사이의 파이썬 float 여야 합니다"
### BEGIN HIDDEN TESTS
assert all(type(k) is int for k in size_curve), "키는 파이썬 int 여야 합니다"


def _test_pred_of(model):
    _p = predict_sentiment(model, list(test_texts))
    assert type(_p) is torch.Tensor, "predict_sentiment 는 torch.Tensor 를 돌려주어야 합니다"
    return _p.numpy().copy()


def _retrain(n, seed):
    torch.manual_seed(seed)
    np.random.seed(seed)
    return _test_pred_of(train_sentiment(list(train_texts[:n]), train_labels[:n].copy()))


_full = float((_test_pred_of(sentiment_model) == test_labels).mean())
# deterministic training (same predictions under two seeds) is re-measured tightly, a random one loosely
_p2a, _p2b = _retrain(2000, 2), _retrain(2000, 5)
_acc2a, _acc2b = float((_p2a == test_labels).mean()), float((_p2b == test_labels).mean())
_tol = 0.5 / len(test_labels) if np.array_equal(_p2a, _p2b) else max(0.03, 2 * abs(_acc2a - _acc2b))
_acc8k = float((_retrain(8000, 2) == test_labels).mean())
assert abs(size_curve[20000] - _full) <= _tol, "20000 의 값이 sentiment_model 의 테스트 정확도와 다릅니다"
assert abs(size_curve[2000] - _acc2a) <= _tol, "2000 의 값이 다시 잰 정확도와 다릅니다 (앞에서부터 2,000 개로 학습, 테스트 4,000 개로 평가)"
assert abs(size_curve[8000] - _acc8k) <= _tol, "8000 의 값이 다시 잰 정확도와 다릅니다 (앞에서부터 8,000 개로 학습, 테스트 4,000 개로 평가)"
### END HIDDEN TESTS

# %% [markdown]
# 학습 곡선을 그려 봅니다 (채점하지 않는 셀). 리뷰 수를 네 배 늘릴 때마다 정확도가 얼마나 오르나요? 20,000 개에서 더 늘리면?

# %%
plt.figure(figsize=(5, 3))
plt.plot(list(size_curve), list(size_curve.values()), "o-")
plt.xscale("log")
plt.xlabel("학습 리뷰 수 (로그 축)")
plt.ylabel("테스트 정확도")
plt.title("학습 데이터 크기와 정확도")
plt.show()


# %% [markdown]
# ## 문제 6. 감성 분석 엔드포인트 `POST /sentiment` (3점)
#
# 18 단원처럼 `create_app(model)` 을 완성하세요. 문제 3 의 모델을 받아 `FastAPI` 앱을 돌려줍니다.
#
# - `POST /sentiment`, 본문 `{"review": 문자열}` → 응답 `{"label": 0 또는 1, "sentiment": "부정" 또는 "긍정"}`
#   (`label` 은 `int`, 1 이면 `"긍정"`). 경로는 정확히 `/sentiment` 입니다: 채점은 리디렉션을 따라가지 않으므로 `/sentiment/` 로
#   만들면(307 리디렉션) 틀립니다.
# - 예측은 받은 리뷰 **전체를 그대로** `predict_sentiment(model, [review])` 에 넣어 합니다 (자르거나 다듬지 마세요).
#   채점은 1,000 자에 가까운 긴 리뷰로도 `predict_sentiment` 의 예측과 같은지 확인합니다.
# - 잘못된 요청은 **422**: `review` 가 없을 때, 문자열이 아닐 때, 빈 문자열이거나 **공백만** 있을 때, 1,000 자를 넘을 때.
#   pydantic 모델의 `Field` (`min_length`, `max_length`, `pattern`) 나 `field_validator` 로 거르세요.
#   이모지만 있는 리뷰는 올바른 요청입니다 (200).
# - 예측에는 **넘겨받은 `model`** 을 씁니다 (전역 변수 `sentiment_model` 이 아니라). 채점은 다른 모델로도 앱을 만들어 봅니다.
# - 테스트는 `helpers.serving.http_calls(app, [(메서드, 경로, 인자), ...])` 로 요청을 보내고 응답을 `{"status", "headers", "json"}` 로 받습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_create_app", "locked": false, "schema_version": 3, "solution": true}
def create_app(model) -> FastAPI:
    """FastAPI app with POST /sentiment {"review": str} -> {"label": int, "sentiment": "부정" | "긍정"}."""
    ### BEGIN SOLUTION
    class ReviewIn(BaseModel):
        review: str = Field(min_length=1, max_length=1000, pattern=r"\S")

    app = FastAPI()

    @app.post("/sentiment")
    def sentiment(req: ReviewIn) -> dict:
        label = int(predict_sentiment(model, [req.review])[0])
        return {"label": label, "sentiment": "긍정" if label == 1 else "부정"}

    return app
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_create_app", "locked": true, "points": 3, "schema_version": 3, "solution": false}
app = create_app(sentiment_model)
assert isinstance(app, FastAPI), "create_app 은 FastAPI 앱을 돌려주어야 합니다"
_ok, _empty = serving.http_calls(app, [("POST", "/sentiment", {"json": {"review": "배우들 연기가 정말 좋았어요"}}),
                                       ("POST", "/sentiment", {"json": {"review": ""}})])
assert _ok["status"] == 200 and set(_ok["json"]) == {"label", "sentiment"}, "label, sentiment 두 키로 답해야 합니다"
assert _empty["status"] == 422, "빈 리뷰에는 422 를 돌려주어야 합니다"
print(_ok["json"])
### BEGIN HIDDEN TESTS
# long reviews: a head of one label's reviews, then a longer body of the other label's, cut to 300-1000 characters
def _chain(label, start, width):
    _out = ""
    for _t, _y in zip(test_texts[start:], test_labels[start:]):
        if _y == label and isinstance(_t, str) and _t.strip():
            _out += _t.strip() + " "
            if len(_out) >= width:
                break
    return _out


_long = []
for _k, (_head, _size) in enumerate([(1, 300), (0, 300), (1, 600), (0, 600), (1, 1000), (0, 1000)]):
    _txt = (" " + _chain(_head, 100 * _k, 70) + _chain(1 - _head, 1000 + 300 * _k, 1100))[:_size]
    _long.append(_txt[:-1] + "." if _txt[-1].isspace() else _txt)
_reviews = [test_texts[i] for i in (0, 1, 2, 3, 10, 20, 30, 40)] + ["😀😀", "정말 최악이다", "x" * 1000] + _long
_bad = [{}, {"review": ""}, {"review": "   "}, {"review": "\t\n"}, {"review": 123}, {"review": None},
        {"review": "가" * 1001}, {"text": "좋아요"}]
_rs = serving.http_calls(app, [("POST", "/sentiment", {"json": {"review": r}, "follow_redirects": False}) for r in _reviews]
                         + [("POST", "/sentiment", {"json": b, "follow_redirects": False}) for b in _bad])
_exp = predict_sentiment(sentiment_model, list(_reviews))
assert type(_exp) is torch.Tensor, "predict_sentiment 는 torch.Tensor 를 돌려주어야 합니다"
for _r, _e in zip(_rs[:len(_reviews)], _exp.tolist()):
    assert _r["status"] == 200, "올바른 리뷰(이모지만 있는 리뷰, 1,000 자 리뷰 포함)에 200 으로 답하지 않았습니다 (경로 /sentiment, 리디렉션 없이)"
    assert type(_r["json"]) is dict and set(_r["json"]) == {"label", "sentiment"}, "label, sentiment 두 키로 답해야 합니다"
    assert type(_r["json"]["label"]) is int and _r["json"]["label"] == _e, \
        "label 이 predict_sentiment 의 예측과 다릅니다 (긴 리뷰도 자르지 말고 전체로 예측하세요)"
    assert _r["json"]["sentiment"] == ("긍정" if _e == 1 else "부정"), "sentiment 는 label 1 이면 '긍정', 0 이면 '부정' 이어야 합니다"
for _r in _rs[len(_reviews):]:
    assert _r["status"] == 422, "잘못된 요청(없는 필드, 문자열이 아님, 빈 문자열, 공백만, 1,000 자 초과)에 422 를 돌려주지 않았습니다"
# an app built around another model (trained on flipped labels) answers with that model
torch.manual_seed(3)
np.random.seed(3)
_other = train_sentiment(list(train_texts[:2000]), (1 - train_labels[:2000]).copy())
_rs2 = serving.http_calls(create_app(_other), [("POST", "/sentiment", {"json": {"review": r}}) for r in _reviews[:8]])
_exp2 = predict_sentiment(_other, list(_reviews[:8]))
assert type(_exp2) is torch.Tensor, "predict_sentiment 는 torch.Tensor 를 돌려주어야 합니다"
assert all(_r["status"] == 200 for _r in _rs2), "다른 모델로 만든 앱이 올바른 리뷰에 200 으로 답하지 않았습니다"
assert [_r["json"]["label"] for _r in _rs2] == _exp2.tolist(), "create_app 이 넘겨받은 model 이 아닌 다른 모델로 예측합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 📝 요약
#
# 1. 빈 리뷰는 결측치(`None`, `NaN`, `pd.NA`), 빈 문자열, 공백만 있는 문자열 세 종류입니다. `isna()` 는 첫 종류만 셉니다.
# 2. 순서가 바뀌면 결과가 다른 글이 있습니다: 소문자로 바꾸기 전에 반복을 줄이면 `"AaA"` 가 `"aa"` 가 아니라 `"aaa"` 로 남습니다.
#    규칙은 순서까지 구현하고, 경계 사례로 확인합니다.
# 3. 한국어는 조사·어미가 붙어 띄어쓰기 단어의 모양이 매우 많습니다. 글자 n-gram은 "재밌", "최악" 같은 조각을 여러 단어에서 함께 배웁니다.
# 4. 문제 5 의 곡선에서 보듯 리뷰를 네 배로 늘릴 때마다 몇 점씩 오르고, 오름폭은 점점 줄어듭니다.
# 5. 예측 함수가 모든 전처리를 맡고 빈 입력·빈 목록을 스스로 처리해야 합니다. 서비스 입구에서는 pydantic 검사로 빈 리뷰를 422 로 막습니다.

# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import re
import unicodedata

import matplotlib.pyplot as plt
import numpy as np
import torch
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

import helpers

device = helpers.setup(seed=0)

nsmc_train = helpers.data.load_nsmc("train")
nsmc_test = helpers.data.load_nsmc("test")

# %% [markdown]
# ## 🎯 학습 목표
#
# - 캡스톤 프로젝트 "영화 리뷰 감성 분석 서비스"가 무엇을 만들고 어떻게 채점되는지 설명한다.
# - NSMC 리뷰 데이터를 살펴보고(라벨 균형, 길이, 빈 리뷰), 기준선의 정확도를 재서 목표와의 차이를 안다.
# - 목표에 닿으려면 어느 단원의 어떤 도구를 다시 보면 되는지 고른다.
# - 제출 전에 흔한 실수(빈 입력, 정규화, 반환 타입, 학습 데이터로 평가하기)를 점검한다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 이 프로젝트의 정확도는 어떤 데이터로 재는가? 왜 여러분의 테스트 세트가 아닌가?
# 2. 띄어쓰기 단어를 세는 기준선은 왜 한국어 리뷰에서 약한가?
# 3. 서비스는 어떤 입력에도 멈추지 않아야 한다. 어떤 입력이 모델을 멈추게 할 수 있는가?

# %% [markdown]
# ## 1. 프로젝트: 영화 리뷰 감성 분석 서비스
#
# 영화 리뷰 한 줄을 받아 **긍정(1)인지 부정(0)인지** 답하는 서비스를 만듭니다. 씨앗 과제의 세 부분을 그대로 따릅니다.
#
# | 씨앗 과제 | 이 프로젝트에서 할 일 | 과제 문제 |
# |---|---|---|
# | 영화 리뷰 데이터 분석 | 빈 리뷰·라벨 균형·길이를 세는 `review_stats`, 규칙이 정해진 전처리 `clean` | 1, 2 |
# | LSTM 기반 모델 (방법은 자유) | 학습 함수 `train_sentiment` 와 예측 함수 `predict_sentiment`, 오류 분석, 데이터 크기 실험 | 3, 4, 5 |
# | 웹 인터페이스 | FastAPI 앱의 `POST /sentiment` 엔드포인트 | 6 |
#
# ```
# 리뷰 문자열 ──▶ predict_sentiment(model, [리뷰]) ──▶ 0/1 ──▶ {"label": 1, "sentiment": "긍정"}
#                   (전처리 + 모델, 모두 이 함수 안)          POST /sentiment
# ```
#
# 감성 분석(sentiment analysis)은 리뷰·상품평·고객 문의를 자동으로 나누는 가장 흔한 텍스트 분류입니다. 모델만이 아니라 **데이터 분석 → 모델 → 서비스**를
# 한 번에 이어 보는 것이 이 프로젝트의 목적입니다.

# %% [markdown]
# ## 2. 데이터 살펴보기: NSMC
#
# NSMC(네이버 영화 리뷰 말뭉치)에서 떼어 온 학습 리뷰 20,000 개와 테스트 리뷰 4,000 개입니다. `helpers.data.load_nsmc` 로 읽습니다.
# 열은 `id`, `document`(리뷰), `label`(0 = 부정, 1 = 긍정) 입니다.

# %%
print(nsmc_train.shape, nsmc_test.shape)
for _, row in nsmc_train.head(6).iterrows():
    print("긍정" if row["label"] else "부정", "|", row["document"])

# %% [markdown]
# 라벨 균형과 리뷰 길이를 봅니다. 길이는 앞뒤 공백을 뺀 글자 수입니다.

# %%
lengths = nsmc_train["document"].str.strip().str.len()
fig, axes = plt.subplots(1, 2, figsize=(10, 3))
axes[0].bar(["부정 (0)", "긍정 (1)"], nsmc_train["label"].value_counts().sort_index().values, color=["tab:red", "tab:blue"])
axes[0].set_title("라벨 균형 (학습 리뷰)")
for lab, name, color in [(0, "부정", "tab:red"), (1, "긍정", "tab:blue")]:
    axes[1].hist(lengths[nsmc_train["label"] == lab], bins=np.arange(0, 145, 5), alpha=0.5, label=name, color=color)
axes[1].set_xlabel("리뷰 길이 (글자)")
axes[1].set_title("라벨별 리뷰 길이")
axes[1].legend()
plt.show()
print(f"평균 길이  부정 {lengths[nsmc_train['label'] == 0].mean():.1f} | 긍정 {lengths[nsmc_train['label'] == 1].mean():.1f}")

# %% [markdown]
# **눈여겨볼 점**
#
# - 라벨이 정확히 반반입니다. 그래서 "언제나 긍정"이라고 답하는 기준선의 정확도는 50% 입니다.
# - 대부분 40자 이하의 짧은 리뷰입니다. 짧은 리뷰에는 단서가 적습니다 (과제 문제 4 에서 길이별 정확도를 잽니다).
# - 이 데이터에는 빈 리뷰가 없지만, 서비스에 들어오는 글에는 있습니다. 과제 문제 1 은 결측치가 섞인 표로도 채점합니다.

# %% [markdown]
# ## 3. 평가 규칙 (채점되는 그대로)
#
# | 문제 | 구현할 것 | 채점 방법 | 배점 |
# |---|---|---|---|
# | 1 | `review_stats(df)` | 학습·테스트 표와, 결측치·빈 문자열·공백만 있는 리뷰가 섞인 숨은 표에서 다시 계산해 비교 | 2 |
# | 2 | `clean(text)` | 다섯 규칙(순서 포함)을 숨은 문자열 수십 개로 확인 | 2 |
# | 3 | `train_sentiment`, `predict_sentiment` | **가진 적 없는 리뷰 1,000 개에서 정확도 80% 이상**, 인터페이스 확인 | 5 |
# | 4 | `confusion_counts`, `accuracy_by_length` | 무작위 입력과 경계 길이에서 다시 계산해 비교 | 3 |
# | 5 | 실험 `size_curve` | 세 점 모두 다시 재서 비교 (2,000·8,000 개는 여러분의 함수로; 결정적 학습이면 같은 값) | 3 |
# | 6 | `create_app(model)` 의 `POST /sentiment` | 경로 그대로(리디렉션 없이) 올바른 요청 200, 긴 리뷰도 전체로 예측, 빈·공백·너무 긴·없는 리뷰 422 | 3 |
#
# **채점용 리뷰**: NSMC 의 같은 출처에서 떼어 둔 1,000 개(긍정·부정 500 개씩)입니다. 여러분의 `data/` 에는 없고, 채점할 때만 쓰입니다.
# 여러분의 테스트 리뷰 4,000 개 정확도는 참고용입니다. 둘은 같은 분포라 보통 1~2 점 안에서 비슷하지만, 1,000 개의 표준오차는
# 약 1.2 점이므로 테스트 정확도가 **82% 이상**이 되게 여유를 두세요.
#
# **인터페이스** (문제 3):
# - `predict_sentiment(model, texts)` 는 가공하지 않은 리뷰 문자열의 리스트를 받아 `torch.Tensor` (`int64`, 모양 `(len(texts),)`, 값 0/1)를 돌려줍니다.
#   전처리는 모두 이 함수 안에서 합니다. `""`, 공백만, 이모지만 있는 리뷰와 빈 리스트에도 멈추지 않고, 순서를 지키며, 리스트를 바꾸지 않습니다.
# - `train_sentiment(texts, labels)` 는 넘겨받은 리뷰·라벨로만 학습합니다. 채점은 뒤집은 라벨로도 불러 모델이 그 라벨을 배우는지 봅니다.
#
# **예산**: 에포크로 학습하는 방법은 5 에포크 이하. 채점이 학습 함수를 세 번 부르므로 20,000 개 학습 한 번이 CPU 에서 30초 안쪽이어야 합니다.

# %% [markdown]
# ## 4. 기준선: 띄어쓰기 단어의 TF-IDF + 로지스틱 회귀
#
# 가장 먼저 떠오르는 방법입니다. 리뷰를 띄어쓰기 단어로 자르고, 단어마다 TF-IDF 가중치를 매긴 벡터(bag of words)로 로지스틱 회귀를
# 학습합니다. scikit-learn 의 `TfidfVectorizer` 는 기본값으로 띄어쓰기 단어(두 글자 이상)를 씁니다.

# %%
baseline = make_pipeline(TfidfVectorizer(), LogisticRegression(max_iter=1000))
baseline.fit(nsmc_train["document"].tolist(), nsmc_train["label"].to_numpy())
acc_train = (baseline.predict(nsmc_train["document"].tolist()) == nsmc_train["label"].to_numpy()).mean()
acc_test = (baseline.predict(nsmc_test["document"].tolist()) == nsmc_test["label"].to_numpy()).mean()
print(f"기준선 정확도  학습 {acc_train:.1%} | 테스트 {acc_test:.1%}")

plt.figure(figsize=(5, 3))
plt.bar(["언제나 긍정", "단어 TF-IDF\n+ 로지스틱 회귀"], [0.5, acc_test], color=["gray", "tab:orange"])
plt.axhline(0.80, color="tab:green", linestyle="--", label="목표 80% (채점용 리뷰)")
plt.ylim(0.4, 1.0)
plt.ylabel("테스트 정확도")
plt.title("기준선과 목표")
plt.legend(loc="upper left")
plt.show()

# %% [markdown]
# 기준선은 목표에 몇 점 모자랍니다. 왜 그런지 봅니다: 테스트 리뷰의 단어 가운데 학습 리뷰에 한 번도 나오지 않은 단어가 얼마나 될까요?

# %%
vocab = baseline[0].vocabulary_
analyzer = baseline[0].build_analyzer()
test_words = [w for doc in nsmc_test["document"] for w in analyzer(doc)]
unseen = [w for w in test_words if w not in vocab]
print(f"학습 어휘 {len(vocab):,} 개 | 테스트 단어 {len(test_words):,} 개 중 처음 보는 단어 {len(unseen) / len(test_words):.1%}")
print("처음 보는 단어의 예:", unseen[:12])

# %% [markdown]
# **눈여겨볼 점**
#
# - 학습 정확도가 테스트보다 훨씬 높습니다. 학습 데이터로 잰 정확도는 모델의 실력이 아닙니다.
# - 한국어는 "재밌다 / 재밌어요 / 재밌었는데" 처럼 조사·어미가 붙어 띄어쓰기 단어의 모양이 아주 많습니다. 테스트 단어의 상당수를
#   모델이 처음 봅니다. 처음 보는 단어는 벡터에서 사라지므로 그만큼 단서를 잃습니다.
# - 단어보다 작은 단위(글자 조각, 부분 단어)로 자르면 "재밌" 같은 공통 조각을 여러 단어에서 함께 배울 수 있습니다.

# %% [markdown]
# ## 5. 팁: 다시 볼 단원
#
# 방법은 자유입니다. 채점은 결과(정확도)와 인터페이스만 봅니다.
#
# - **02 판다스와 시각화**: 결측치(`isna`), 문자열 메서드(`str.strip`, `str.len`) — 문제 1.
# - **11 토큰과 임베딩**: 글자 단위·부분 단어(BPE) 토큰화, `tokenizers` 로 BPE 학습, 임베딩 평균(`nn.EmbeddingBag`) — 문제 3.
#   scikit-learn 의 `TfidfVectorizer` 도 단어가 아닌 단위를 고를 수 있습니다 (`analyzer`, `ngram_range` 인자의 설명을 읽어 보세요).
#   참고로 12 단원 문제 7 과 같은 BPE 임베딩 평균(어휘 8,000, 64차원, 4 에포크)은 우리가 재 본 세 시드에서 테스트 리뷰 약 81% 로,
#   목표에 아슬아슬합니다.
# - **12 순환 신경망과 LSTM**: 패딩한 배치, 패딩에 흔들리지 않는 분류기, 학습 루프. LSTM 은 임베딩 평균보다 계산이 훨씬 많으므로 에포크와 최대
#   길이를 작게 잡고, 테스트 정확도로 목표와의 거리를 먼저 재 보세요.
# - **15 PEFT/LoRA**: NSMC 로 학습한 작은 글자 언어 모델(`helpers.data.load_tiny_lm`)을 미세 조정하는 길도 있습니다 (예산 안에서).
# - **18 FastAPI 서빙**: pydantic 의 `Field(min_length=…, max_length=…, pattern=…)` 와 422, `helpers.serving.http_calls` — 문제 6.
# - 정규식: 한글 음절은 `[가-힣]`, 자모는 `[ㄱ-ㅎㅏ-ㅣ]`, 세 번 이상 반복은 `(.)\1{2,}` — 문제 2.

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# **1. 빈 목록을 모델에 그대로 넘기기.** scikit-learn 모델은 샘플 0 개를 받으면 오류를 냅니다. 서비스에서는 빈 요청도 들어옵니다.

# %% tags=["raises-exception"]
baseline.predict([])


# %% [markdown]
# **고치기**: 예측 함수가 빈 목록을 먼저 처리하고, 언제나 같은 타입(`int64` 텐서)을 돌려줍니다.

# %%
def predict_labels(model, texts: list) -> torch.Tensor:
    """0/1 int64 labels of raw reviews; an empty list gives an empty tensor."""
    if not texts:
        return torch.empty(0, dtype=torch.long)
    labels = model.predict(texts)
    return torch.from_numpy(labels.astype(np.int64))


print(predict_labels(baseline, []), predict_labels(baseline, ["", "😀😀", "최고의 영화"]))

# %% [markdown]
# **2. 유니코드 정규화(NFKC)가 자모를 바꾸는 것.** 11 단원의 토크나이저는 NFKC 를 씁니다. 그런데 NFKC 는 호환 자모 `ㅋ`(U+314B)을
# 첫소리 자모 `ᄏ`(U+110F)로 바꿉니다. 그 뒤에 `[ㄱ-ㅎ]` 로 자모를 찾으면 아무것도 남지 않습니다.

# %% tags=["raises-exception"]
nfkc = unicodedata.normalize("NFKC", "ㅋㅋㅋ 웃겨요")
print([hex(ord(c)) for c in nfkc[:3]])
assert re.findall(r"[ㄱ-ㅎ]", nfkc), "NFKC 를 거친 뒤에는 [ㄱ-ㅎ] 로 ㅋ 을 찾을 수 없습니다"

# %% [markdown]
# **고치기**: 자모를 정규식으로 다룰 때는 NFKC 를 하지 않거나, 자모를 다룬 **뒤에** 정규화합니다. 과제 문제 2 의 `clean` 은 NFKC 를 하지 않습니다.

# %%
print(re.findall(r"[ㄱ-ㅎ]", "ㅋㅋㅋ 웃겨요"))

# %% [markdown]
# **3. 예측 함수가 numpy 배열이나 확률을 돌려주기.** scikit-learn 의 `predict` 는 numpy 배열, `predict_proba` 는 확률을 돌려줍니다.
# 과제의 인터페이스는 `int64` `torch.Tensor` 입니다. 채점은 타입부터 확인합니다.

# %% tags=["raises-exception"]
pred = baseline.predict(["최고의 영화", "시간 아깝다"])
assert type(pred) is torch.Tensor, f"torch.Tensor 가 아니라 {type(pred).__name__} 입니다"

# %% [markdown]
# **고치기**: numpy 배열을 `int64` 로 바꾼 뒤 `torch.from_numpy` 로 텐서를 만듭니다 (위의 `predict_labels`).

# %%
pred = predict_labels(baseline, ["최고의 영화", "시간 아깝다"])
print(type(pred).__name__, pred.dtype, pred.tolist())

# %% [markdown]
# **4. 학습 리뷰로 정확도를 재기.** 4절에서 본 것처럼 학습 정확도는 테스트보다 훨씬 높습니다. 모델을 고를 때는 언제나 테스트 리뷰(`nsmc_test`)
# 로 재고, 테스트 리뷰로 학습하지 마세요. 채점용 리뷰는 여러분의 테스트 리뷰와 같은 분포입니다.

# %% [markdown]
# ## ✅ 제출 전 점검표
#
# - [ ] 노트북을 위에서부터 **처음부터 다시** 실행해도 모든 테스트 셀이 통과한다 (커널 재시작 후 전체 실행).
# - [ ] 테스트 리뷰 정확도가 82% 이상이다 (채점용 1,000 개의 목표는 80%).
# - [ ] `predict_sentiment` 가 `[]`, `[""]`, `["😀😀"]`, `["   "]` 에 멈추지 않고 `int64` 텐서를 돌려준다.
# - [ ] `train_sentiment` 가 전역 변수가 아니라 넘겨받은 리뷰와 라벨로 학습한다. 에포크는 5 이하이다.
# - [ ] `clean` 을 과제의 예시와 스스로 만든 경계 사례(대문자, `ㅋㅋㅋㅋ`, 이모지, `None`)로 시험했다.
# - [ ] `size_curve` 의 값은 짐작이 아니라 잰 값이다.
# - [ ] `/sentiment` 에 빈 리뷰, 공백만 있는 리뷰, 1,001 자 리뷰를 보내 422 를 확인했다.

# %% [markdown]
# ## 📝 요약
#
# 1. 정확도는 여러분이 가진 적 없는 리뷰 1,000 개로 잽니다. 가진 데이터로 잰 정확도는 그 데이터에 맞춘 결과가 섞여 있어서,
#    본 적 없는 리뷰에서의 실력을 말해 주지 않습니다.
# 2. 한국어는 조사·어미 때문에 띄어쓰기 단어의 모양이 많아, 테스트 단어의 상당수가 처음 보는 단어입니다. 기준선은 그만큼 단서를 잃어 목표에 못 미칩니다.
# 3. 빈 목록, 빈 문자열, 공백이나 이모지만 있는 리뷰가 모델을 멈추게 할 수 있습니다. 예측 함수가 스스로 처리하고, 서비스 입구에서는 422 로 막습니다.

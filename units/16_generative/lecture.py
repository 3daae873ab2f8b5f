# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import torch

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - (이 단원을 마치면 할 수 있는 일 1: 동사로 끝나는 한 문장)
# - (할 수 있는 일 2)
# - (할 수 있는 일 3)

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. (📝 요약에서 답할 질문 1)
# 2. (질문 2)
# 3. (질문 3)

# %% [markdown]
# ## 1. (첫 번째 개념)
#
# 개념을 짧게 설명합니다. 셀 하나에 생각 하나, 코드 셀 하나에 눈에 보이는 결과 하나(출력이나 그래프)를 둡니다.
# 용어는 course/GLOSSARY.md 의 한국어 용어를 쓰고, 처음 나올 때 괄호 안에 영어를 적습니다: 텐서(tensor).
# 데이터는 상대 경로가 아니라 `helpers.data` 로 읽습니다.

# %%
x = torch.arange(6, dtype=torch.float32).reshape(2, 3)
print("모양:", tuple(x.shape), "| 평균:", x.mean().item())

# %% [markdown]
# **눈여겨볼 점**
#
# - 위 결과에서 학생이 확인해야 할 것을 한두 줄로 적습니다.

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# 실수마다 정말로 실패하는 코드를 보여 주고(셀에 `raises-exception` 태그), 바로 아래에 고친 코드를 둡니다.
# 예: 정수 텐서는 평균을 낼 수 없습니다.

# %% tags=["raises-exception"]
torch.tensor([90, 85, 77]).mean()

# %% [markdown]
# **고치기**: 실수(float) 텐서로 바꾼 뒤 계산합니다.

# %%
print("평균 점수:", torch.tensor([90, 85, 77]).float().mean().item())

# %% [markdown]
# ## 📝 요약
#
# 1. (단서 질문 1의 답)
# 2. (단서 질문 2의 답)
# 3. (단서 질문 3의 답)
#
# 이 단원의 내용을 다 채우면 이 안내 문장들은 지웁니다. 강의 노트북은 이 CPU 에서 60초 안에(가능하면 30초 안에) 끝나야 합니다.

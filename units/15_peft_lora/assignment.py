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
# - (이 과제를 풀면 할 수 있게 되는 일 1)
# - (할 수 있게 되는 일 2)
#
# ## 🤔 단서 질문
#
# - (과제를 풀며 답하게 될 질문 1)
# - (질문 2)
#
# ### 과제 안내
# - 각 문제의 `# YOUR CODE HERE` 아래 `raise NotImplementedError()`를 지우고 함수를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요.
# - 보이는 테스트는 모양·타입 같은 기본만 확인합니다. 채점할 때는 숨은 테스트가 새 입력과 경계 사례를 더 확인합니다.
# - 점수는 결과로만 매깁니다. 테스트 셀은 지우거나 고치지 마세요.

# %% [markdown]
# ## 1. 자리 표시 문제: 두 텐서 더하기 (1점)
#
# `add(a, b)`를 완성하세요. 같은 모양의 두 텐서를 받아 원소별 합을 **새 텐서**로 돌려줍니다. 입력은 바꾸지 않습니다.
#
# (이 문제는 틀을 보여 주는 자리 표시입니다. 이 단원의 진짜 문제로 바꾸고, 문제마다 답 셀 `ex_<이름>` 바로 뒤에
# 테스트 셀 `test_<이름>`을 두세요. units/15_peft_lora/mutants.py 의 틀린 답도 함께 바꿉니다.)

# %% nbgrader={"grade": false, "grade_id": "ex_add", "locked": false, "schema_version": 3, "solution": true}
def add(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """같은 모양의 두 텐서의 원소별 합 (새 텐서, 입력은 그대로)."""
    ### BEGIN SOLUTION
    return a + b
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_add", "locked": true, "points": 1, "schema_version": 3, "solution": false}
out = add(torch.ones(2), torch.ones(2))
assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert tuple(out.shape) == (2,), "결과의 모양이 입력과 같아야 합니다"
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(8)
a, b = torch.randn(3, 4, generator=g), torch.randn(3, 4, generator=g)
a_before, b_before = a.clone(), b.clone()
out = add(a, b)
assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert torch.allclose(out, a_before + b_before, atol=1e-6), "임의 입력에서 값이 다릅니다"
assert torch.equal(a, a_before) and torch.equal(b, b_before), "입력 텐서를 바꾸면 안 됩니다"
### END HIDDEN TESTS

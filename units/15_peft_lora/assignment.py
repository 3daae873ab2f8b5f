# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import copy
import math

import matplotlib.pyplot as plt
import torch
import torch.nn.functional as F
from torch import nn
from tqdm.auto import tqdm

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - LoRA 를 강의의 `nn.Linear` 가 아닌 `nn.Embedding` 에 옮겨 쓰고, 처음에 원래 층과 똑같다는 것을 확인한다.
# - 어댑터를 제자리에서 병합하고 되돌리며(merge / unmerge), 두 번 병합하지 않게 만든다.
# - 묶인(tied) 가중치가 있는 모델의 학습 매개변수를 LoRA 와 나머지로 나눠 바르게 센다.
# - 이름으로 고른 층만 LoRA 로 바꾸는 `apply_lora` 를 만들고, `peft` 가 세는 학습 매개변수 수를 식으로 미리 맞힌다.
# - 랭크를 바꿔 가며 감성 분류를 학습해, 검증 정확도가 더 이상 오르지 않는 가장 작은 랭크를 찾는다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 임베딩 층에서 $x$ 는 원-핫 벡터입니다. 그러면 $BAx$ 는 어떤 연산이 될까?
# 2. 병합을 두 번 부르면 어떻게 될까? 병합을 되돌리려면 무엇을 알아야 할까?
# 3. 입력 임베딩과 출력 층이 같은 가중치를 나눠 쓰면, 매개변수는 몇 번 세야 할까?
# 4. `peft` 의 `print_trainable_parameters()` 가 보여 줄 숫자를 모델을 만들지 않고 계산할 수 있을까?
# 5. 랭크를 16배 키우면 정확도도 계속 오를까?

# %% [markdown]
# ## 과제 안내
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `LoRAEmbedding` 임베딩 층의 LoRA | 3 |
# | 2 | `merge_`, `unmerge_` 제자리 병합과 되돌리기 | 2 |
# | 3 | `count_trainable(model)` 학습 매개변수를 LoRA 와 나머지로 | 2 |
# | 4 | `apply_lora(model, targets, r, alpha, keep)` 이름으로 고른 층에 LoRA | 3 |
# | 5 | 실험: 랭크에 따른 정확도와 `R_STAR` | 3 |
# | 6 | `lora_param_count(...)` `peft` 가 셀 학습 매개변수 수를 식으로 | 2 |
#
# - 문제마다 답 셀의 `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
# - 보이는 테스트는 형식(모양, 자료형)을 확인합니다. 채점 때는 새 입력과 경계 사례를 확인하는 숨은 테스트가 더 실행됩니다.
# - 아래 셀은 강의의 도구(리뷰 인코딩, 분류 모델, 직접 만든 `LoRALinear`, 학습·평가 함수)입니다. 실행만 하고 고치지 마세요.

# %%
lm, tok = helpers.models.load_tiny_lm()


def encode_reviews(docs, tok, length=32):
    """(ids, mask): each review's first `length` characters as int64 ids (N, length), mask True on real characters."""
    ids = torch.zeros(len(docs), length, dtype=torch.int64)
    mask = torch.zeros(len(docs), length, dtype=torch.bool)
    for i, doc in enumerate(docs):
        row = tok.encode(doc)[:length] or [tok.unk_id]
        ids[i, : len(row)] = torch.tensor(row)
        mask[i, : len(row)] = True
    return ids, mask


class GPTClassifier(nn.Module):
    """The tiny GPT's body, mean-pooled over the real characters, and a new linear head `cls`."""

    def __init__(self, lm, n_classes=2):
        super().__init__()
        self.lm = lm
        self.cls = nn.Linear(lm.config["d_model"], n_classes)

    def forward(self, ids, mask):
        lm = self.lm
        h = lm.tok(ids) + lm.pos(torch.arange(ids.shape[1], device=ids.device))
        for blk in lm.blocks:
            h = blk(h)
        h = lm.ln_f(h)
        m = mask.unsqueeze(-1).to(h.dtype)
        return self.cls((h * m).sum(1) / m.sum(1))


class LoRALinear(nn.Module):
    """base(x) + (alpha / r) * B A x, with the wrapped nn.Linear left as it is (freeze it separately)."""

    def __init__(self, base: nn.Linear, r: int, alpha: float):
        super().__init__()
        self.base, self.r, self.alpha, self.scaling = base, r, alpha, alpha / r
        self.A = nn.Parameter(torch.empty(r, base.in_features))
        nn.init.kaiming_uniform_(self.A, a=math.sqrt(5))
        self.B = nn.Parameter(torch.zeros(base.out_features, r))

    def forward(self, x):
        return self.base(x) + (x @ self.A.T @ self.B.T) * self.scaling


def train_classifier(model, ids, mask, y, steps, lr, seed=0, batch_size=32):
    """AdamW on the trainable parameters only, one-cycle learning rate, random mini-batches of (ids, mask, y)."""
    g = torch.Generator().manual_seed(seed)
    params = [p for p in model.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.1)
    model.train()
    for _ in tqdm(range(steps), desc="학습", leave=False):
        idx = torch.randint(0, len(y), (batch_size,), generator=g)
        loss = F.cross_entropy(model(ids[idx], mask[idx]), y[idx])
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        sched.step()
    return model.eval()


@torch.no_grad()
def accuracy(model, ids, mask, y, batch_size=500):
    """Fraction of correct predictions (a float between 0 and 1)."""
    model.eval()
    pred = torch.cat([model(ids[i:i + batch_size], mask[i:i + batch_size]).argmax(-1) for i in range(0, len(y), batch_size)])
    return (pred == y).float().mean().item()


train_df, test_df = helpers.data.load_nsmc("train"), helpers.data.load_nsmc("test")
X_tr, M_tr = encode_reviews(train_df["document"][:8000].tolist(), tok)
y_tr = torch.tensor(train_df["label"][:8000].to_numpy())
X_va, M_va = encode_reviews(train_df["document"][8000:10000].tolist(), tok)  # validation: train reviews not trained on
y_va = torch.tensor(train_df["label"][8000:10000].to_numpy())
X_te, M_te = encode_reviews(test_df["document"].tolist(), tok)
y_te = torch.tensor(test_df["label"].to_numpy())
print(f"학습 리뷰 {len(y_tr)}개, 검증 리뷰 {len(y_va)}개, 테스트 리뷰 {len(y_te)}개, 작은 GPT 의 매개변수 {sum(p.numel() for p in lm.parameters()):,d}개")


# %% [markdown]
# ## 1. 임베딩 층의 LoRA (3점)
#
# 강의의 `LoRALinear` 는 `nn.Linear` 를 감쌌습니다. 작은 GPT 의 매개변수 약 4분의 1 (27 %)은 글자 임베딩 `lm.tok` (1308 × 96) 에 있고,
# 강의 5절에서는 `peft` 로 임베딩까지 LoRA 로 감싸 전체 파인튜닝과의 차이를 2 점 안쪽으로 줄였습니다. 이번에는 그 층을 직접 만듭니다.
# 임베딩은 "원-핫 벡터 × 가중치 행렬" 이므로 $\Delta W$ 를 저랭크로 쓰면 됩니다.
#
# `LoRAEmbedding(base, r, alpha)` 를 완성하세요. `base` 는 `nn.Embedding(num_embeddings, embedding_dim)` 입니다.
#
# - 속성: `self.base` (받은 층 그대로: 복사하지 않은 **같은 객체**, `layer.base is base`), `self.r`, `self.scaling = alpha / r` (float).
# - `self.A`: 모양 `(num_embeddings, r)` 인 `nn.Parameter`, **표준 정규분포** `N(0, 1)` 난수로 초기화 (`torch.randn`).
# - `self.B`: 모양 `(r, embedding_dim)` 인 `nn.Parameter`, **0** 으로 초기화.
#   (둘 중 하나가 0 이면 처음 출력은 원래 임베딩과 같습니다. 이 과제에서는 행을 골라 쓰는 쪽 `A` 를 난수, `B` 를 0 으로 둡니다.
#   `peft` 는 반대로 고르는 쪽을 0, 다른 쪽을 정규분포 난수로 초기화하지만, 여기서는 이 과제의 규칙을 따르세요.)
# - `forward(ids)`: `ids` 는 어떤 모양이든 되는 int64 텐서. 결과는 `base(ids) + scaling * (A[ids] @ B)`, 모양 `ids.shape + (embedding_dim,)`.
#   $\Delta W = \text{scaling} \cdot AB$ 인 임베딩을 더한 것과 같습니다.
# - `base` 의 가중치를 바꾸거나 동결하지 마세요: `base.weight.requires_grad` 는 받은 그대로 둡니다 (동결은 문제 4 에서 모델 전체에 합니다). `A`, `B` 는 학습 대상(`requires_grad=True`)입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_lora_embedding", "locked": false, "schema_version": 3, "solution": true}
class LoRAEmbedding(nn.Module):
    """base(ids) + (alpha / r) * A[ids] @ B, with A ~ N(0, 1) of shape (num_embeddings, r) and B = 0 of shape (r, dim)."""

    def __init__(self, base: nn.Embedding, r: int, alpha: float):
        super().__init__()
        ### BEGIN SOLUTION
        self.base, self.r, self.scaling = base, r, alpha / r
        self.A = nn.Parameter(torch.randn(base.num_embeddings, r))
        self.B = nn.Parameter(torch.zeros(r, base.embedding_dim))
        ### END SOLUTION

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        ### BEGIN SOLUTION
        return self.base(ids) + self.scaling * (self.A[ids] @ self.B)
        ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_lora_embedding", "locked": true, "points": 3, "schema_version": 3, "solution": false}
torch.manual_seed(0)
_emb = nn.Embedding(10, 6)
_le = LoRAEmbedding(_emb, 2, 4)
_ids = torch.tensor([[1, 2, 3], [9, 0, 9]])
_out = _le(_ids)
assert type(_out) is torch.Tensor and tuple(_out.shape) == (2, 3, 6), "결과는 ids.shape + (embedding_dim,) 모양의 텐서여야 합니다"
assert tuple(_le.A.shape) == (10, 2) and tuple(_le.B.shape) == (2, 6), "A 는 (num_embeddings, r), B 는 (r, embedding_dim) 모양이어야 합니다"
assert torch.allclose(_out, _emb(_ids)), "B 가 0 인 처음에는 원래 임베딩과 출력이 같아야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(11)
_emb = nn.Embedding(40, 12)
_w0 = _emb.weight.detach().clone()
_le = LoRAEmbedding(_emb, 4, 10)
_A, _B = _le.A, _le.B
assert type(_A) is nn.Parameter and type(_B) is nn.Parameter, "A 와 B 는 nn.Parameter 여야 합니다"
assert tuple(_A.shape) == (40, 4) and tuple(_B.shape) == (4, 12), "A, B 의 모양이 다릅니다"
assert _A.requires_grad and _B.requires_grad, "A 와 B 는 학습 대상(requires_grad=True)이어야 합니다"
assert bool((_B == 0).all()), "B 는 0 으로 초기화해야 합니다"
assert 0.7 < _A.std().item() < 1.3 and abs(_A.mean().item()) < 0.3, "A 는 표준 정규분포 N(0, 1) 난수로 초기화해야 합니다"
_sc = _le.scaling
assert type(_sc) is float and abs(_sc - 2.5) < 1e-12, "scaling 은 alpha / r (float) 이어야 합니다"
assert _le.r == 4, "r 속성이 다릅니다"
_g = torch.Generator().manual_seed(3)
for _ids in (torch.randint(0, 40, (5, 7), generator=_g), torch.randint(0, 40, (9,), generator=_g), torch.tensor([[[39, 0]]])):
    _o = _le(_ids)
    assert type(_o) is torch.Tensor and tuple(_o.shape) == tuple(_ids.shape) + (12,), "ids 의 모양에 (embedding_dim,) 을 붙인 모양이어야 합니다"
    assert torch.allclose(_o, _w0[_ids], atol=1e-6), "처음에는 원래 임베딩과 출력이 같아야 합니다"
_newA, _newB = torch.randn(40, 4, generator=_g), torch.randn(4, 12, generator=_g)
_le.load_state_dict({"base.weight": _w0, "A": _newA, "B": _newB})
_ids = torch.randint(0, 40, (3, 8), generator=_g)
_want = _w0[_ids] + 2.5 * (_newA[_ids] @ _newB)
assert torch.allclose(_le(_ids), _want, atol=1e-5), "A, B 가 0 이 아닐 때 출력이 base(ids) + scaling * A[ids] @ B 와 다릅니다"
assert torch.equal(_le.base.weight.detach(), _w0), "base 의 가중치를 바꾸면 안 됩니다"
_le2 = LoRAEmbedding(nn.Embedding(7, 3), 1, 1)
assert tuple(_le2.A.shape) == (7, 1) and tuple(_le2.B.shape) == (1, 3) and _le2.scaling == 1.0, "r = 1 일 때 모양이나 scaling 이 다릅니다"
from grading.testkit import call_where

_own = call_where(LoRAEmbedding, nn.Embedding, 9, 4)  # made where LoRAEmbedding runs, so identity is meaningful
_le3 = LoRAEmbedding(_own, 2, 2)
assert _le3.base is _own, "self.base 는 받은 층 그대로(복사하지 않은 같은 객체)여야 합니다"
assert _own.weight.requires_grad is True, "base 를 동결하면 안 됩니다 (base.weight.requires_grad 를 그대로 두세요)"
### END HIDDEN TESTS

# %% [markdown]
# ## 2. 제자리 병합과 되돌리기 (2점)
#
# 학습이 끝난 `LoRAEmbedding` 의 $\Delta W$ 를 `base` 의 가중치에 **직접 더해** 두면, 추론 때 `layer.base(ids)` 만으로 같은 결과가 나옵니다.
# 다른 과제용 어댑터로 바꾸려면 그 덧셈을 되돌려야 합니다 (`peft` 의 `merge_adapter()` / `unmerge_adapter()`).
#
# - `merge_(layer)`: `layer.base.weight` 에 `layer.scaling * (layer.A @ layer.B)` 를 제자리에서 더하고 `layer.merged = True` 로 적습니다.
#   **이미 병합된 층이면 아무것도 하지 않습니다** (강의 ⚠️ 3). `layer.merged` 속성이 아직 없으면 병합되지 않은 것으로 봅니다.
# - `unmerge_(layer)`: 병합된 층이면 같은 양을 빼서 원래 가중치로 되돌리고 `layer.merged = False` 로 적습니다. 병합되지 않은 층이면 아무것도 하지 않습니다.
# - 두 함수 모두 받은 `layer` 객체를 그대로 돌려줍니다. `A`, `B` 는 바꾸지 않습니다. 기울기 기록 없이(`torch.no_grad()`) 바꾸세요.
# - **제자리**란 `layer.base.weight` 가 같은 `nn.Parameter` 객체로 남는다는 뜻입니다 (새 `nn.Parameter` 로 바꿔 끼우지 않습니다; `requires_grad` 도 그대로).
# - `forward` 는 고치지 않습니다: 병합한 뒤의 추론은 `layer.base(ids)` 로 합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_merge", "locked": false, "schema_version": 3, "solution": true}
def merge_(layer: LoRAEmbedding) -> LoRAEmbedding:
    """Add scaling * A @ B into layer.base.weight once; a second call does nothing."""
    ### BEGIN SOLUTION
    if not getattr(layer, "merged", False):
        with torch.no_grad():
            layer.base.weight += layer.scaling * (layer.A @ layer.B)
        layer.merged = True
    return layer
    ### END SOLUTION


def unmerge_(layer: LoRAEmbedding) -> LoRAEmbedding:
    """Subtract what merge_ added, if the layer is merged."""
    ### BEGIN SOLUTION
    if getattr(layer, "merged", False):
        with torch.no_grad():
            layer.base.weight -= layer.scaling * (layer.A @ layer.B)
        layer.merged = False
    return layer
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_merge", "locked": true, "points": 2, "schema_version": 3, "solution": false}
torch.manual_seed(1)
_le = LoRAEmbedding(nn.Embedding(10, 6), 2, 4)
with torch.no_grad():
    _le.B.normal_()
_ids = torch.tensor([[0, 5, 9]])
with torch.no_grad():
    _want = _le(_ids)
    _m = merge_(_le)
    assert _le.merged is True, "merge_ 뒤에는 layer.merged 가 True 여야 합니다"
    assert torch.allclose(_le.base(_ids), _want, atol=1e-5), "병합한 base 만으로 원래 LoRA 출력과 같아야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(21)
_le = LoRAEmbedding(nn.Embedding(30, 8), 3, 9)
_w0 = _le.base.weight.detach().clone()
_g = torch.Generator().manual_seed(5)
_A, _B = torch.randn(30, 3, generator=_g), torch.randn(3, 8, generator=_g)
_le.load_state_dict({"base.weight": _w0, "A": _A, "B": _B})
_ids = torch.randint(0, 30, (4, 6), generator=_g)
_want = _w0[_ids] + 3.0 * (_A[_ids] @ _B)
from grading.testkit import call_where

call_where(merge_, nn.Module.requires_grad_, _le.base, False)  # frozen where merge_ runs: a new Parameter would be trainable
_r = merge_(_le)
assert _r is _le, "merge_ 는 받은 layer 를 돌려주어야 합니다"
assert _le.merged is True, "merge_ 뒤에는 layer.merged 가 True 여야 합니다"
assert _le.base.weight.requires_grad is False, "병합은 제자리에서 해야 합니다 (새 nn.Parameter 로 바꾸지 마세요)"
_w1 = _le.base.weight.detach().clone()
assert torch.allclose(_w1, _w0 + 3.0 * (_A @ _B), atol=1e-5), "병합한 가중치가 W + scaling * A @ B 와 다릅니다"
assert torch.allclose(_le.base(_ids), _want, atol=1e-5), "병합한 base 의 출력이 병합 전 LoRA 출력과 다릅니다"
merge_(_le)
assert torch.allclose(_le.base.weight.detach(), _w1, atol=1e-6) and _le.merged is True, "두 번째 merge_ 는 아무것도 하지 않아야 합니다"
assert torch.equal(_le.A.detach(), _A) and torch.equal(_le.B.detach(), _B), "A, B 를 바꾸면 안 됩니다"
assert unmerge_(_le) is _le, "unmerge_ 는 받은 layer 를 돌려주어야 합니다"
assert _le.merged is False, "unmerge_ 뒤에는 layer.merged 가 False 여야 합니다"
assert _le.base.weight.requires_grad is False, "되돌리기도 제자리에서 해야 합니다 (새 nn.Parameter 로 바꾸지 마세요)"
assert torch.allclose(_le.base.weight.detach(), _w0, atol=1e-5), "unmerge_ 가 원래 가중치로 되돌리지 못했습니다"
unmerge_(_le)
assert torch.allclose(_le.base.weight.detach(), _w0, atol=1e-5) and _le.merged is False, "병합되지 않은 층의 unmerge_ 는 아무것도 하지 않아야 합니다"
_fresh = LoRAEmbedding(nn.Embedding(5, 2), 1, 1)
_wf = _fresh.base.weight.detach().clone()
unmerge_(_fresh)
assert torch.equal(_fresh.base.weight.detach(), _wf), "merged 속성이 없는 층의 unmerge_ 는 아무것도 하지 않아야 합니다"
assert torch.allclose(merge_(_le).base(_ids), _want, atol=1e-5), "되돌린 뒤 다시 병합해도 같은 출력이어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 3. 학습 매개변수를 LoRA 와 나머지로 나눠 세기 (2점)
#
# 강의 ⚠️ 1 처럼 본체를 동결하지 않은 실수는 "학습 매개변수 합계" 만으로는 잘 안 보입니다. 어디에 학습 매개변수가 있는지 나눠 셉니다.
# `count_trainable(model)` 은 파이썬 `int` 세 개의 튜플 `(lora, other, total)` 을 돌려줍니다.
#
# - `lora`: 학습하는(`requires_grad=True`) 매개변수 가운데 **이름의 마지막 부분**이 정확히 `"A"` 또는 `"B"` 인 것
#   (이 과제의 `LoRALinear`, `LoRAEmbedding` 의 `A`, `B`; 이름은 `model.named_parameters()` 의 이름, 예 `"lm.blocks.0.qkv.A"`)의 원소 수 합.
#   마지막 부분이 `A`, `B` 로 **끝나기만** 하는 이름(예 `"enc.lora_A"`, `"proj.xB"`)이나 `"A.weight"` 처럼 중간에 `A` 가 있는 이름은 LoRA 가 아닙니다 (숨은 테스트에 나옵니다).
# - `other`: 그 밖의 학습하는 매개변수의 원소 수 합 (새 헤드, `keep` 으로 남긴 층, 그리고 실수로 동결하지 않은 본체).
# - `total`: 동결된 것까지 모든 매개변수의 원소 수 합.
# - 배치 정규화의 `running_mean` 같은 **버퍼는 세지 않습니다**. 작은 GPT 처럼 두 층이 **같은 가중치 텐서를 나눠 쓰면**
#   (묶인 가중치, `head.weight is tok.weight`) 그 텐서는 **한 번만** 셉니다. 모델은 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_count", "locked": false, "schema_version": 3, "solution": true}
def count_trainable(model: nn.Module) -> tuple[int, int, int]:
    """(lora, other, total): trainable LoRA factors (names ending in A or B), other trainable, all parameters."""
    ### BEGIN SOLUTION
    lora = other = total = 0
    for name, p in model.named_parameters():  # a shared tensor is listed once
        total += p.numel()
        if not p.requires_grad:
            continue
        if name.rsplit(".", 1)[-1] in ("A", "B"):
            lora += p.numel()
        else:
            other += p.numel()
    return lora, other, total
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_count", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_c = count_trainable(nn.Linear(3, 2))
assert type(_c) is tuple and len(_c) == 3 and all(type(v) is int for v in _c), "int 세 개의 튜플을 돌려주어야 합니다"
assert _c == (0, 8, 8), "nn.Linear(3, 2) 는 LoRA 0 개, 그 밖의 학습 매개변수 8 개, 전체 8 개입니다"
assert count_trainable(LoRALinear(nn.Linear(3, 2), 1, 1)) == (5, 8, 13), "A (1×3) 와 B (2×1) 는 LoRA 매개변수입니다"
print("작은 GPT:", count_trainable(lm))
### BEGIN HIDDEN TESTS
def _own_count(m):
    seen, lo, ot, tot = set(), 0, 0, 0
    for n, p in m.named_parameters(remove_duplicate=False):
        if id(p) in seen:
            continue
        seen.add(id(p))
        tot += p.numel()
        if p.requires_grad and n.split(".")[-1] in ("A", "B"):
            lo += p.numel()
        elif p.requires_grad:
            ot += p.numel()
    return lo, ot, tot

torch.manual_seed(2)
_gpt = helpers.models.TinyGPT(vocab_size=50, d_model=16, n_layer=2, n_head=2, ctx=8)
for _p in _gpt.blocks.parameters():
    _p.requires_grad = False
_c = count_trainable(_gpt)
assert type(_c) is tuple and len(_c) == 3 and all(type(v) is int for v in _c), "int 세 개의 튜플을 돌려주어야 합니다"
assert _c == _own_count(_gpt), "묶인 가중치가 있는 모델에서 개수가 다릅니다 (같은 텐서는 한 번만 셉니다)"
_mix = nn.ModuleDict({"A": nn.Linear(4, 3), "enc": LoRALinear(nn.Linear(4, 3), 2, 4), "bn": nn.BatchNorm1d(3),
                      "Bx": nn.Linear(3, 2, bias=False)})
_mix["enc"].base.requires_grad_(False)
_mix["A"].weight.requires_grad = False
_mix["enc"].lora_A = nn.Parameter(torch.zeros(3, 5))  # ends in "A" but its last part is "lora_A": not LoRA here
_mix["enc"].xB = nn.Parameter(torch.zeros(7))
_c = count_trainable(_mix)
assert _c == _own_count(_mix), "LoRA 층·배치 정규화·'A' 라는 이름의 층·'lora_A' 같은 이름이 섞인 모델에서 개수가 다릅니다 (이름의 마지막 부분이 정확히 A/B 인지, 버퍼, requires_grad 를 확인하세요)"
_half = LoRALinear(nn.Linear(6, 6), 3, 3)
_half.requires_grad_(False)
_half.B.requires_grad = True
assert count_trainable(_half) == (18, 0, 42 + 36), "동결된 A 는 LoRA 학습 매개변수로 세지 않습니다"
### END HIDDEN TESTS

# %% nbgrader={"grade": false, "grade_id": "given_make_demo", "locked": true, "schema_version": 3, "solution": false}
def make_demo():
    """The model problem 4's test checks: the tiny GPT classifier with your apply_lora (qkv and fc, r = 4, alpha = 8, head kept)."""
    torch.manual_seed(0)
    return apply_lora(GPTClassifier(copy.deepcopy(lm)), ["qkv", "fc"], 4, 8, keep=["cls"])


# %% [markdown]
# ## 4. 이름으로 고른 층에 LoRA 끼우기 (3점)
#
# `apply_lora(model, targets, r, alpha, keep=())` 는 `peft` 의 `get_peft_model` 이 하는 일을 직접 합니다. **모델을 제자리에서 바꾸고 그 모델을 돌려줍니다.**
#
# 1. `model` 의 **모든 매개변수를 동결**합니다.
# 2. `model.named_modules()` 의 이름 중 `targets` 의 어떤 `t` 와 **같거나** `"." + t` 로 **끝나는** 모듈을 모두 바꿉니다
#    (`peft` 의 `target_modules` 와 같은 규칙: `"qkv"` 는 `"lm.blocks.0.qkv"` 에 맞고 `"xqkv"` 에는 맞지 않습니다).
#    - `nn.Linear` 이면 `LoRALinear(원래 층, r, alpha)`, `nn.Embedding` 이면 문제 1 의 `LoRAEmbedding(원래 층, r, alpha)` 로 바꿉니다.
#    - 맞는 모듈이 그 밖의 종류이면 `TypeError` 를 냅니다.
#    - 어떤 모듈에도 맞지 않는 `t` 가 있으면 `ValueError` 를 냅니다 (오타를 조용히 넘기지 않도록).
# 3. `keep` 의 이름(같은 규칙)에 맞는 모듈의 매개변수는 **하위 모듈의 것까지 모두** 다시 학습 대상으로 둡니다 (`peft` 의 `modules_to_save`, 새 헤드에 씁니다).
#    `keep` 의 이름도 `"ln_f"` 처럼 맨 위 이름만이 아니라 `"blocks.0.ln1"`, `"ln1"` (모든 블록의 `ln1`) 처럼 깊은 곳의 모듈을 가리킬 수 있고,
#    `nn.Sequential` 처럼 자식 모듈이 있는 모듈일 수도 있습니다. `keep` 의 모듈은 `targets` 에 맞는 모듈이 아니고, 그런 모듈을 품지도 않습니다.
#
# 바꾸기는 부모 모듈에 `setattr(부모, 마지막 이름, 새 층)` 으로 합니다. 이름 `"a.b.c"` 의 부모는 `model.get_submodule("a.b")` 입니다.
# 결과적으로 학습 대상은 새 `A`, `B` 와 `keep` 의 매개변수뿐이고, 감싼 원래 층의 가중치는 그대로입니다.
# 테스트는 위에 주어진 `make_demo()` 로 작은 GPT 분류 모델에 여러분의 `apply_lora` 를 적용해 확인합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_apply_lora", "locked": false, "schema_version": 3, "solution": true}
def apply_lora(model: nn.Module, targets, r: int, alpha: float, keep=()) -> nn.Module:
    """Freeze `model`, wrap the Linear/Embedding modules named by `targets` in LoRA, keep `keep` trainable."""
    ### BEGIN SOLUTION
    def matches(name, keys):
        return [k for k in keys if name == k or name.endswith("." + k)]

    for p in model.parameters():
        p.requires_grad = False
    found = {}
    for name, module in list(model.named_modules()):
        hit = matches(name, targets)
        if not hit:
            continue
        for k in hit:
            found[k] = True
        if isinstance(module, nn.Linear):
            new = LoRALinear(module, r, alpha)
        elif isinstance(module, nn.Embedding):
            new = LoRAEmbedding(module, r, alpha)
        else:
            raise TypeError(f"{name} 은 nn.Linear 도 nn.Embedding 도 아닙니다")
        parent_name, _, child = name.rpartition(".")
        setattr(model.get_submodule(parent_name), child, new)
    missing = [t for t in targets if t not in found]
    if missing:
        raise ValueError(f"맞는 모듈이 없는 이름: {missing}")
    for name, module in model.named_modules():
        if matches(name, keep):
            for p in module.parameters():
                p.requires_grad = True
    return model
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_apply_lora", "locked": true, "points": 3, "schema_version": 3, "solution": false}
demo = make_demo()
print("demo 의 (LoRA, 그 밖의 학습, 전체) 매개변수:", count_trainable(demo))
_names = sorted(n for n, p in demo.named_parameters() if p.requires_grad)
print(_names[:4], "...", len(_names))
assert "lm.blocks.0.qkv.A" in _names and "cls.weight" in _names and "lm.blocks.0.proj.weight" not in _names, "학습 대상 매개변수가 다릅니다"
with torch.no_grad():
    _ref = GPTClassifier(copy.deepcopy(lm))
    _ref.cls.load_state_dict(demo.cls.state_dict())
    assert torch.allclose(demo(X_te[:8], M_te[:8]), _ref(X_te[:8], M_te[:8]), atol=1e-5), "처음에는 원래 모델과 출력이 같아야 합니다"
### BEGIN HIDDEN TESTS
from grading.testkit import call_where, type_name

torch.manual_seed(4)
_orig = helpers.models.TinyGPT(vocab_size=30, d_model=16, n_layer=2, n_head=2, ctx=8)
_gpt = call_where(apply_lora, copy.deepcopy, _orig)  # a copy made where apply_lora runs, changed there in place
_x = torch.randint(0, 30, (3, 8), generator=torch.Generator().manual_seed(1))
with torch.no_grad():
    _want = _orig(_x)
_out = apply_lora(_gpt, ["proj", "pos", "blocks.1.fc"], 2, 4, keep=["ln_f"])
assert _out is _gpt, "받은 모델을 제자리에서 바꾸고 그 모델을 돌려주어야 합니다 (복사본이 아니라)"
_mods = dict(_out.named_modules())
_lora_names = {"blocks.0.proj", "blocks.1.proj", "pos", "blocks.1.fc"}
for _n in _lora_names:
    _want_type = "LoRAEmbedding" if _n == "pos" else "LoRALinear"
    assert type_name(_mods[_n]).endswith("." + _want_type), "targets 에 맞는 층이 LoRALinear / LoRAEmbedding 으로 바뀌지 않았습니다"
for _n in ("blocks.0.fc", "blocks.0.qkv", "blocks.1.out", "ln_f"):
    assert type_name(_mods[_n]).startswith("torch.nn."), "targets 에 맞지 않는 층까지 바뀌었습니다"
_want_trainable = {f"{_n}.A" for _n in _lora_names} | {f"{_n}.B" for _n in _lora_names} | {"ln_f.weight", "ln_f.bias"}
_params = dict(_out.named_parameters())
_got_trainable = {_n for _n, _p in _params.items() if _p.requires_grad}
assert _got_trainable == _want_trainable, "학습 대상은 새 A, B 와 keep 의 매개변수뿐이어야 합니다"
assert torch.equal(_params["blocks.0.proj.base.weight"].detach(), _orig.blocks[0].proj.weight.detach()), "감싼 원래 층의 가중치가 바뀌었습니다"
assert torch.equal(_params["pos.base.weight"].detach(), _orig.pos.weight.detach()), "감싼 임베딩의 가중치가 바뀌었습니다"
with torch.no_grad():
    assert torch.allclose(_out(_x), _want, atol=1e-5), "처음에는 원래 모델과 출력이 같아야 합니다"
_named = nn.ModuleDict({"qkv": nn.Linear(4, 4), "xqkv": nn.Linear(4, 4), "blk": nn.ModuleDict({"qkv": nn.Linear(4, 2), "xqkv": nn.Linear(4, 2)})})
_out = apply_lora(call_where(apply_lora, copy.deepcopy, _named), ["qkv"], 1, 1)
_mods = dict(_out.named_modules())
assert all(type_name(_mods[_n]).endswith(".LoRALinear") for _n in ("qkv", "blk.qkv")), "targets 에 맞는 층이 LoRALinear 로 바뀌지 않았습니다"
assert all(type_name(_mods[_n]).startswith("torch.nn.") for _n in ("xqkv", "blk.xqkv")), "\"qkv\" 는 \"xqkv\" 에 맞지 않습니다 (같거나 \".\" + t 로 끝나는 이름만)"
_wrap = nn.ModuleDict({"body": helpers.models.TinyGPT(vocab_size=30, d_model=16, n_layer=2, n_head=2, ctx=8),
                       "clf": nn.Sequential(nn.Linear(16, 8), nn.Tanh(), nn.Linear(8, 2))})
_out = apply_lora(call_where(apply_lora, copy.deepcopy, _wrap), ["qkv"], 2, 4, keep=["clf", "ln1", "body.blocks.1.ln2"])
_got_trainable = {_n for _n, _p in _out.named_parameters() if _p.requires_grad}
_want_trainable = ({f"body.blocks.{_i}.qkv.{_f}" for _i in (0, 1) for _f in "AB"} | {f"clf.{_i}.{_w}" for _i in (0, 2) for _w in ("weight", "bias")}
                   | {f"body.blocks.{_i}.ln1.{_w}" for _i in (0, 1) for _w in ("weight", "bias")} | {"body.blocks.1.ln2.weight", "body.blocks.1.ln2.bias"})
assert _got_trainable == _want_trainable, "keep 에 맞는 모듈(깊은 곳의 모듈, 자식 모듈이 있는 모듈 포함)의 매개변수가 모두 학습 대상이어야 합니다"
_bad = helpers.models.TinyGPT(vocab_size=30, d_model=16, n_layer=1, n_head=2, ctx=8)
for _targets, _err in ((["qkv", "nope"], ValueError), (["ln1"], TypeError), (["kv"], ValueError)):
    try:
        apply_lora(copy.deepcopy(_bad), _targets, 2, 4)
    except _err:
        pass
    else:
        raise AssertionError("맞는 모듈이 없는 이름에는 ValueError, Linear/Embedding 이 아닌 층에는 TypeError 를 내야 합니다")
### END HIDDEN TESTS

# %%
RANKS = [0, 1, 4, 16]
TARGETS = ["qkv", "proj", "fc", "out"]
ALPHA = 8  # one alpha for every rank: the scaling alpha / r shrinks as r grows (lecture 2)
SWEEP_STEPS = 100
LR_LORA, LR_HEAD = 1e-2, 3e-2

# %% [markdown]
# ## 5. 실험: 랭크를 얼마나 키워야 할까? (3점)
#
# 랭크 `RANKS = [0, 1, 4, 16]` 마다 감성 분류 모델을 학습해 **검증 정확도**를 재고, **가장 좋은 정확도에서 1 점 안쪽인 가장 작은 랭크**를 찾습니다.
# 랭크 0 은 "LoRA 없이 헤드만" 을 뜻합니다. 위 셀의 상수를 그대로 쓰세요.
# 랭크 같은 설정은 테스트 리뷰가 아니라 **검증 리뷰**(`X_va`, `M_va`, `y_va`: 학습에 쓰지 않은 학습 분할의 리뷰 2000개)로 고릅니다.
# 테스트 리뷰로 고르면 테스트 정확도가 "고른 뒤의 점수" 가 되어 실제보다 좋게 보입니다.
#
# 먼저 랭크 하나를 학습하는 함수 `train_rank(r, steps=SWEEP_STEPS, lr_lora=LR_LORA, lr_head=LR_HEAD, seed=0)` 를 만듭니다. 학습을 마친 모델을 돌려줍니다.
#
# 1. `torch.manual_seed(seed)` 뒤에 `model = GPTClassifier(copy.deepcopy(lm))` (시드는 **함수 안에서** 정합니다. 원래 `lm` 은 바꾸지 않습니다).
# 2. `r > 0` 이면 `apply_lora(model, TARGETS, r, ALPHA, keep=["cls"])` (모든 랭크에 같은 `ALPHA`, 배율은 `ALPHA / r`).
#    `r == 0` 이면 `lm` 부분을 모두 동결하고 헤드 `cls` 만 학습합니다.
# 3. `train_classifier(model, X_tr, M_tr, y_tr, steps, lr, seed=seed)`: 학습률 `lr` 은 `r > 0` 이면 `lr_lora`, `r == 0` 이면 `lr_head`.
#    함수 안에서는 **인자로 받은 값**(`steps`, `lr_lora`, `lr_head`, `seed`)을 쓰세요: 채점은 다른 학습률과 스텝 수로 이 함수를 불러 봅니다.
#
# 그다음 답 셀 첫 줄의 빈 사전을 채웁니다: 랭크 `r` 마다 `sweep_models[r] = train_rank(r)` (기본값 그대로),
# `sweep_acc[r] = 100 * accuracy(sweep_models[r], X_va, M_va, y_va)` (검증 정확도, 퍼센트, float).
# 고르는 규칙은 함수 `pick_rank(acc, tol=1.0)` 로 씁니다: 사전 `acc` (랭크 → 정확도, 키의 순서는 아무렇게나)에서
# `acc[r] >= max(acc.values()) - tol` 인 **가장 작은** 랭크 `r` (int) 를 돌려줍니다 (딱 `tol` 점 낮은 것도 안쪽입니다).
# 그리고 `R_STAR = pick_rank(sweep_acc)` 로 정합니다. 값을 손으로 적지 말고,
# 랭크(가로, 로그 축에 0 을 그릴 수 없으니 `RANKS` 의 순서대로)에 따른 정확도와 학습 매개변수 수를 그래프로 그리세요.
#
# 채점은 다음을 확인합니다.
# - 랭크마다 학습 매개변수 수, LoRA 층의 배율(`ALPHA / r`), 본체 가중치가 그대로인지, LoRA 의 `B` 가 학습으로 0 에서 벗어났는지.
# - `pick_rank` 를 여러 사전(키 순서가 섞인 것, 딱 `tol` 점 차이, 다른 `tol`)으로 불러 규칙대로 고르는지.
# - `train_rank` 를 짧은 스텝과 다른 학습률로 불러, `r > 0` 에는 `lr_lora` 만, `r == 0` 에는 `lr_head` 만 쓰이는지 (예: `lr_lora=0.0` 이면 LoRA 모델은 그대로).
# - `train_rank(0)` 을 다시 불러 `sweep_models[0]` 과 같은 모델이 나오는지 (시드를 함수 안에서 정하므로 같아야 합니다).
# - **채점용으로 따로 둔 리뷰**에서 가장 좋은 LoRA 모델이 헤드만 학습한 모델보다 2 점 이상 높은지, 여러분의 `R_STAR` 모델이 그 리뷰에서도
#   가장 좋은 모델보다 3 점 넘게 낮지 않은지.
#
# 이 CPU 에서 잰 학습 비용은 LoRA 랭크 하나에 약 6 CPU 초, 헤드만은 약 2 CPU 초, 검증 평가는 모델 하나에 약 1 CPU 초입니다 (셀 전체 약 25 CPU 초).

# %% nbgrader={"grade": false, "grade_id": "ex_rank_sweep", "locked": false, "schema_version": 3, "solution": true}
sweep_models, sweep_acc = {}, {}
### BEGIN SOLUTION
def train_rank(r, steps=SWEEP_STEPS, lr_lora=LR_LORA, lr_head=LR_HEAD, seed=0):
    torch.manual_seed(seed)
    model = GPTClassifier(copy.deepcopy(lm))
    if r > 0:
        apply_lora(model, TARGETS, r, ALPHA, keep=["cls"])
    else:
        model.lm.requires_grad_(False)
    return train_classifier(model, X_tr, M_tr, y_tr, steps, lr_lora if r > 0 else lr_head, seed=seed)


for r in RANKS:
    sweep_models[r] = train_rank(r)
    sweep_acc[r] = 100 * accuracy(sweep_models[r], X_va, M_va, y_va)


def pick_rank(acc, tol=1.0):
    best_acc = max(acc.values())
    return min(r for r in acc if acc[r] >= best_acc - tol)


R_STAR = pick_rank(sweep_acc)
best = max(sweep_acc.values())

fig, ax1 = plt.subplots(figsize=(6, 3.2))
pos = range(len(RANKS))
ax1.plot(pos, [sweep_acc[r] for r in RANKS], "o-", color="tab:green", label="검증 정확도")
ax1.axhline(best - 1.0, color="gray", ls=":", label="최고 - 1 점")
ax1.set_xticks(list(pos), [str(r) for r in RANKS])
ax1.set_xlabel("랭크 r (0 = 헤드만)")
ax1.set_ylabel("정확도 (%)")
ax2 = ax1.twinx()
ax2.bar(pos, [sum(count_trainable(sweep_models[r])[:2]) for r in RANKS], alpha=0.25, color="tab:blue")
ax2.set_yscale("log")
ax2.set_ylabel("학습 매개변수 수 (막대)")
ax1.legend(loc="lower right", fontsize=8)
plt.show()
### END SOLUTION
print({r: round(a, 1) for r, a in sweep_acc.items()}, "R_STAR =", R_STAR)

# %% nbgrader={"grade": true, "grade_id": "test_rank_sweep", "locked": true, "points": 3, "schema_version": 3, "solution": false}
assert type(R_STAR) is int and R_STAR in RANKS, "R_STAR 는 RANKS 의 원소인 int 여야 합니다"
assert sorted(sweep_acc) == RANKS and sorted(sweep_models) == RANKS, "RANKS 의 랭크마다 모델과 정확도를 적어야 합니다"
assert all(type(a) is float and 50 <= a <= 100 for a in sweep_acc.values()), "sweep_acc 의 값은 퍼센트(float)여야 합니다"
assert callable(train_rank) and callable(pick_rank), "train_rank 와 pick_rank 함수를 만들어야 합니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

_d = lm.config["d_model"]
_orig = dict(lm.named_parameters())
for _r in RANKS:
    _want = 2 * _d + 2 + (lm.config["n_layer"] * _r * ((_d + 3 * _d) + (_d + _d) + (_d + 4 * _d) + (4 * _d + _d)) if _r else 0)
    _named = dict(sweep_models[_r].named_parameters())
    _tr = sum(_p.numel() for _p in _named.values() if _p.requires_grad)
    assert _tr == _want, "랭크별 모델의 학습 매개변수 수가 다릅니다 (동결, TARGETS, keep 을 확인하세요)"
    _base = {_n: _p for _n, _p in _named.items() if _n.startswith("lm.") and not _n.endswith((".A", ".B"))}
    _same = all(torch.equal(_p.detach(), _orig[_n[3:].replace(".base.", ".")].detach()) for _n, _p in _base.items())
    assert _same, "학습 뒤 사전 학습된 본체의 가중치가 바뀌었습니다 (본체는 동결해야 합니다)"
    if _r:
        _sc = sweep_models[_r].get_submodule("lm.blocks.0.qkv").scaling
        assert abs(float(_sc) - ALPHA / _r) < 1e-9, "LoRA 층의 배율이 ALPHA / r 이 아닙니다 (모든 랭크에 같은 ALPHA 를 쓰세요)"
        _bs = [_p for _n, _p in _named.items() if _n.endswith(".B")]
        assert all(bool(_p.detach().abs().sum() > 0) for _p in _bs), "LoRA 모델의 B 가 0 그대로입니다 (LoRA 모델도 학습해야 합니다)"


def _lora_b_zero(m):
    return all(bool((_p.detach() == 0).all()) for _n, _p in m.named_parameters() if _n.endswith(".B"))


def _cls_state(m):
    return {_k: _v.detach().clone() for _k, _v in m.cls.state_dict().items()}


def _same_state(a, b):
    return all(torch.equal(a[_k], b[_k]) for _k in a)


_a = train_rank(4, steps=3, lr_lora=0.0, lr_head=0.5)
assert _lora_b_zero(_a), "r > 0 에서 lr_lora=0.0 인데 LoRA 가 학습되었습니다 (r > 0 에는 lr_lora 를 쓰세요)"
_b = train_rank(4, steps=3, lr_lora=0.02, lr_head=0.0)
assert not _lora_b_zero(_b), "r > 0 에서 lr_lora 로 LoRA 를 학습해야 합니다 (인자로 받은 lr_lora 를 쓰세요)"
_h0, _h1 = _cls_state(train_rank(0, steps=3, lr_lora=0.5, lr_head=0.0)), _cls_state(train_rank(0, steps=3, lr_lora=0.0, lr_head=0.0))
assert _same_state(_h0, _h1), "r == 0 에서 lr_head=0.0 인데 헤드가 학습되었습니다 (r == 0 에는 lr_head 를 쓰세요)"
_h2 = _cls_state(train_rank(0, steps=3, lr_lora=0.0, lr_head=0.05))
assert not _same_state(_h1, _h2), "r == 0 에서 lr_head 로 헤드를 학습해야 합니다 (인자로 받은 lr_head 를 쓰세요)"
_again = dict(train_rank(0).named_parameters())
_kept = dict(sweep_models[0].named_parameters())
assert set(_again) == set(_kept) and all(torch.allclose(_again[_n].detach(), _kept[_n].detach(), atol=1e-6) for _n in _kept), (
    "train_rank(0) 을 다시 부른 결과가 sweep_models[0] 과 다릅니다 (시드는 함수 안에서 정하고, 기본값으로 학습하세요)")
for _acc, _tol, _want in (({16: 71.2, 0: 60.0, 1: 70.0, 4: 70.5}, 1.0, 4), ({8: 70.0, 1: 69.0, 2: 68.5}, 1.0, 1),
                          ({1: 68.0, 4: 70.0, 0: 50.0}, 2.5, 1), ({1: 68.0, 4: 70.0, 0: 50.0}, 1.0, 4), ({3: 66.0}, 1.0, 3)):
    _got = pick_rank(dict(_acc), tol=_tol)
    assert type(_got) is int and _got == _want, "pick_rank 가 규칙(최고 - tol 점 안쪽, 경계 포함, 가장 작은 랭크)과 다른 랭크를 고릅니다"
_best = max(sweep_acc.values())
_rule = min(_r for _r in RANKS if sweep_acc[_r] >= _best - 1.0)
assert _rule == R_STAR, "R_STAR 가 sweep_acc 와 규칙(최고 - 1 점 안쪽의 가장 작은 랭크)에서 나오지 않습니다"
_check = 100 * accuracy(sweep_models[R_STAR], X_va, M_va, y_va)
assert abs(_check - sweep_acc[R_STAR]) < 0.05, "sweep_acc 가 모델의 검증 정확도와 다릅니다"
_docs, _labels = load_holdout("nsmc")
_Xh, _Mh = encode_reviews(_docs, tok)
_yh = torch.as_tensor(_labels)
_hold = {_r: 100 * accuracy(sweep_models[_r], _Xh, _Mh, _yh) for _r in RANKS}
assert max(_hold[_r] for _r in RANKS if _r) >= _hold[0] + 2.0, "채점용 리뷰에서 LoRA 모델이 헤드만 학습한 모델보다 충분히 높지 않습니다 (학습 설정을 확인하세요)"
assert _hold[R_STAR] >= max(_hold.values()) - 3.0, "채점용 리뷰에서 R_STAR 모델이 가장 좋은 모델보다 3 점 넘게 낮습니다"
### END HIDDEN TESTS

# %% [markdown]
# **생각해 볼 점** (채점하지 않습니다): 랭크 16 은 랭크 1 보다 학습 매개변수가 16 배인데 정확도는 얼마나 달랐나요?
# 이 작은 모델과 짧은 학습에서는 "랭크는 작아도 된다" 가 LoRA 논문의 관찰과 같은지, 헤드만 학습한 것과의 차이와 함께 적어 보세요.

# %% [markdown]
# ## 6. `peft` 가 셀 학습 매개변수 수를 식으로 (2점)
#
# `lora_param_count(model, targets, r, keep=())` 는 **모델을 바꾸지 않고** 다음 설정의 `peft` 모델이
# `get_nb_trainable_parameters()` 로 보여 줄 학습 매개변수 수(`int`)를 계산합니다.
#
#     get_peft_model(model, LoraConfig(r=r, lora_alpha=..., target_modules=targets, modules_to_save=keep))
#
# - 이름 규칙은 문제 4 와 같습니다 (`"qkv"` 는 `"xqkv"` 에 맞지 않습니다). 대상은 `nn.Linear` 와 `nn.Embedding` 만 나옵니다.
# - 대상 층 하나의 LoRA 매개변수: `nn.Linear(in, out)` 이면 $r(\text{in} + \text{out})$, `nn.Embedding(num, dim)` 이면 $r(\text{num} + \text{dim})$.
#   LoRA 는 편향을 학습하지 않습니다 (`peft` 의 기본 `bias="none"`).
# - `keep` 에 맞는 모듈은 매개변수 **전부**(하위 모듈의 것까지)가 학습 대상입니다. `peft` 는 **keep 모듈마다** 학습용 복사본을 따로 만들므로,
#   두 keep 모듈이 같은 텐서를 나눠 쓰면(작은 GPT 의 `tok` 과 `head` 처럼 묶인 가중치) 그 텐서는 **모듈마다 한 번씩** 셉니다
#   (문제 3 의 "한 번만" 과 다른 점입니다). `keep` 의 이름은 `"blocks.0.ln1"` 처럼 깊은 곳의 모듈, `"blocks.1"` 처럼 자식이 있는 모듈도 가리킵니다.
#   `keep` 의 모듈은 `targets` 에 맞지 않고 그런 모듈을 품지도 않습니다.
#   (`peft` 는 `modules_to_save` 를 점 없이 이름 끝만 보고 맞추지만, 채점의 `keep` 이름은 두 규칙이 같은 답을 내는 것만 나옵니다.)
#
# 채점은 여러 모델과 설정에서 `peft` 로 직접 만든 모델의 수와 비교합니다. 식으로 세도 되고, 모델의 **복사본**에 문제 4 의 `apply_lora` 를 적용해
# 문제 3 의 `count_trainable` 로 세어도 됩니다 (받은 모델 자체는 바꾸면 안 됩니다).

# %% nbgrader={"grade": false, "grade_id": "ex_lora_count", "locked": false, "schema_version": 3, "solution": true}
def lora_param_count(model: nn.Module, targets, r: int, keep=()) -> int:
    """Trainable parameters of the peft LoRA model with these target_modules / modules_to_save, by formula."""
    ### BEGIN SOLUTION
    def matches(name, keys):
        return any(name == k or name.endswith("." + k) for k in keys)

    total = 0
    for name, module in model.named_modules():
        if matches(name, targets):
            if isinstance(module, nn.Linear):
                total += r * (module.in_features + module.out_features)
            else:
                total += r * (module.num_embeddings + module.embedding_dim)
        elif matches(name, keep):
            total += sum(p.numel() for p in module.parameters())
    return total
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_lora_count", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_n = lora_param_count(GPTClassifier(lm), ["qkv"], 4, keep=["cls"])
assert type(_n) is int, "int 를 돌려주어야 합니다"
assert _n == 3 * 4 * (96 + 288) + 194, "qkv 세 층(r = 4)과 헤드의 학습 매개변수 수가 다릅니다"
### BEGIN HIDDEN TESTS
import warnings


def _peft_count(m, targets, r, keep):
    from peft import LoraConfig, get_peft_model

    warnings.filterwarnings("ignore")  # the last graded cell: nothing after it needs warnings
    pm = get_peft_model(copy.deepcopy(m), LoraConfig(r=r, lora_alpha=2 * r, target_modules=list(targets),
                                                     modules_to_save=list(keep) or None))
    return pm.get_nb_trainable_parameters()[0]


torch.manual_seed(6)
_gpt = helpers.models.TinyGPT(vocab_size=40, d_model=16, n_layer=2, n_head=2, ctx=8)
_seq = nn.Sequential(nn.Linear(10, 20), nn.ReLU(), nn.Linear(20, 20, bias=False), nn.LayerNorm(20), nn.Linear(20, 3))
_cases = [(_gpt, ["qkv", "out"], 3, []), (_gpt, ["tok", "fc"], 2, ["ln_f"]), (_gpt, ["blocks.1.proj", "pos"], 5, ["blocks.0.ln1"]),
          (_seq, ["0", "2"], 4, ["4"]), (_seq, ["2"], 1, ["3", "4"]),
          (nn.ModuleDict({"qkv": nn.Linear(4, 4), "xqkv": nn.Linear(4, 4), "blk": nn.ModuleDict({"qkv": nn.Linear(4, 2), "xqkv": nn.Linear(4, 2)})}), ["qkv"], 2, []),
          (_gpt, ["qkv"], 2, ["tok", "head"]), (_gpt, ["pos"], 3, ["blocks.1"]),
          (nn.ModuleDict({"body": _gpt, "clf": nn.Sequential(nn.Linear(16, 8), nn.Tanh(), nn.Linear(8, 2))}), ["out", "body.pos"], 2, ["clf", "body.blocks.1.ln2"])]
_answers = []
for _m, _t, _r, _k in _cases:  # every answer first: peft is imported into this process only afterwards
    _before = copy.deepcopy(_m.state_dict())
    _answers.append(lora_param_count(_m, _t, _r, keep=_k))
    assert all(torch.equal(_before[_n], _v) for _n, _v in _m.state_dict().items()) and set(_before) == set(_m.state_dict()), "모델을 바꾸면 안 됩니다"
for (_m, _t, _r, _k), _got in zip(_cases, _answers):
    assert type(_got) is int, "int 를 돌려주어야 합니다"
    assert _got == _peft_count(_m, _t, _r, _k), "peft 가 센 학습 매개변수 수와 다릅니다 (대상 층의 종류, 편향, keep 모듈의 하위 모듈과 묶인 가중치를 확인하세요)"
### END HIDDEN TESTS

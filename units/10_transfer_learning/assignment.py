# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import numpy as np
import torch
from torch import nn

import helpers
from helpers.models import CifarNet, to_input

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 이름 규칙으로 일부 층만 학습하게 두는 **부분 파인튜닝** 을 설정한다 (동결과 동결 풀기).
# - 헤드를 바꾸고, 학습 가능한 매개변수를 세고, 옵티마이저에 학습할 매개변수만 넘긴다.
# - 백본의 **중간 층** 에서 특성을 뽑고 (평가 모드, `no_grad`, ImageNet 표준화), 그 위에 선형 분류기를 학습한다.
# - 어느 깊이의 특성이 고양이 vs 개에 가장 쓸모 있는지 실험으로 답한다.
#
# ## 🤔 단서 질문
#
# 1. `"fc"` 로 시작하는 이름을 고를 때 `"fc1.weight"` 는 왜 빼야 할까?
# 2. 헤드를 바꾼 모델에서 학습 가능한 매개변수는 몇 개일까? 배치 정규화의 이동 통계도 셀까?
# 3. 얕은 층의 특성과 깊은 층의 특성은 무엇이 다를까?
#
# ## 과제 안내
#
# 강의 노트북 `10_transfer_learning` 에서 본 것을 **다른 규칙과 다른 층** 에 적용합니다. 문제마다 답 셀의
# `raise NotImplementedError()` 를 지우고 코드를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요. 테스트 셀은 고치지 마세요.
#
# | 문제 | 구현할 것 | 배점 |
# |---|---|---|
# | 1 | `freeze` 이름 규칙으로 동결하기 | 2 |
# | 2 | `replace_head` 헤드 바꾸기 | 2 |
# | 3 | `count_params` 층 종류별 매개변수 세기 (공유 가중치는 한 번) | 1 |
# | 4 | `make_optimizer` 학습할 매개변수만 넘기기 | 2 |
# | 5 | `extract_features` 중간 층의 특성 뽑기 | 3 |
# | 6 | `train_probe` 선형 프로빙 (처음 보는 이미지로 채점) | 3 |
# | 7 | `BEST_DEPTH` 어느 깊이의 특성이 가장 좋은가 (실험) | 2 |
#
# - 보이는 테스트는 모양과 자료형 같은 형식을 확인합니다. 채점 때는 새 입력과 경계 경우를 확인하는 숨은 테스트가 더 실행됩니다.
# - 문제 6은 여러분이 받지 않은 고양이·개 이미지로 채점합니다.
#
# 이 과제의 백본은 강의와 같은 `helpers.models.load_backbone()` 입니다. 구조를 이름으로 보면:

# %%
backbone = helpers.models.load_backbone()
for name, module in backbone.body.named_children():
    print(f"body.{name}: {type(module).__name__}")
print("fc:", backbone.fc)


# %% [markdown]
# `body.5` 가 잔차 블록, 그 뒤가 풀링과 전역 평균 풀링(`body.7`), 펴기(`body.8`)입니다. 이름은
# `model.named_parameters()` 로 볼 수 있습니다 (예: `body.5.body.0.0.weight`, `fc.weight`).

# %% [markdown]
# ## 문제 1. 이름 규칙으로 동결하기 (2점)
#
# `freeze(model, trainable=("fc",))` 를 완성하세요.
#
# - `model.named_parameters()` 의 각 매개변수에 대해, 이름이 `trainable` 의 어느 접두어 `pre` 에 대해
#   **`pre + "."` 로 시작하면** 학습 가능(`requires_grad = True`), 아니면 동결(`requires_grad = False`)합니다.
#   예: `trainable=("body.5", "fc")` 는 잔차 블록과 헤드만 학습하는 부분 파인튜닝입니다. `"fc"` 는 `"fc1.weight"` 와 맞지 않습니다.
# - 이미 동결된 매개변수라도 규칙에 맞으면 다시 `True` 로 만듭니다. `trainable=()` 이면 모두 동결합니다.
# - 모델을 **제자리에서** 바꾸고, 같은 모델 객체를 돌려줍니다. 가중치 값은 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_freeze", "locked": false, "schema_version": 3, "solution": true}
def freeze(model: nn.Module, trainable: tuple[str, ...] = ("fc",)) -> nn.Module:
    """Set requires_grad=True exactly for parameters whose name starts with `prefix + "."` for a prefix in `trainable`."""
    ### BEGIN SOLUTION
    for name, p in model.named_parameters():
        p.requires_grad = any(name.startswith(pre + ".") for pre in trainable)
    return model
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_freeze", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_m = freeze(helpers.models.load_backbone(), ("fc",))
assert isinstance(_m, nn.Module), "모델을 돌려주세요"
assert [n for n, p in _m.named_parameters() if p.requires_grad] == ["fc.weight", "fc.bias"], "fc 만 학습 가능해야 합니다"
### BEGIN HIDDEN TESTS
_m = helpers.models.load_backbone()
_before = {n: p.detach().clone() for n, p in _m.named_parameters()}
_out = freeze(_m, ("body.5", "fc"))
assert _out is _m, "넘겨받은 모델 객체를 제자리에서 바꾸고 그대로 돌려주어야 합니다"
_want = {n: n.startswith("body.5.") or n.startswith("fc.") for n, _ in _m.named_parameters()}
assert {n: p.requires_grad for n, p in _m.named_parameters()} == _want, "('body.5', 'fc') 규칙의 requires_grad 가 다릅니다"
assert all(torch.equal(p, _before[n]) for n, p in _m.named_parameters()), "가중치 값을 바꾸면 안 됩니다"
_out = freeze(_m, ())
assert _out is _m and not any(p.requires_grad for p in _m.parameters()), "trainable=() 이면 모두 동결해야 합니다"
_out = freeze(_m, ("body.4",))
_want = {n: n.startswith("body.4.") for n, _ in _m.named_parameters()}
assert {n: p.requires_grad for n, p in _m.named_parameters()} == _want, "이미 동결된 매개변수도 규칙에 맞으면 다시 학습 가능해야 합니다"
torch.manual_seed(0)
_seq = nn.Sequential(*[nn.Linear(3, 3) for _ in range(12)])
_out = freeze(_seq, ("1",))
assert _out is _seq, "넘겨받은 모델 객체를 돌려주어야 합니다"
assert [n for n, p in _seq.named_parameters() if p.requires_grad] == ["1.weight", "1.bias"], "접두어 뒤에 '.' 이 와야 합니다 ('1' 은 '10.weight' 와 맞지 않음)"
_out = freeze(_seq, ("0", "11"))
assert [n for n, p in _seq.named_parameters() if p.requires_grad] == ["0.weight", "0.bias", "11.weight", "11.bias"], "접두어가 여러 개일 때의 결과가 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 헤드 바꾸기 (2점)
#
# `replace_head(model, n_classes)` 는 `model.fc` 를 **새** `nn.Linear` 로 바꾸고 같은 모델을 돌려줍니다.
#
# - 입력 크기는 지금 헤드의 `in_features` 를 그대로 씁니다 (백본의 너비가 달라도 동작해야 하므로 숫자를 적어 넣지 마세요).
# - 출력 크기는 `n_classes`, 편향(bias)이 있습니다. 새 헤드는 학습 가능해야 합니다.
# - 새 헤드는 `nn.Linear` 를 만들 때의 **기본 초기화 그대로** 둡니다 (예전 헤드의 가중치를 잘라 옮기지 않습니다).
# - 헤드 말고 다른 층은 건드리지 않습니다: 다른 층의 가중치 값, `requires_grad`, 학습/평가 모드(`model.train()`/`model.eval()`)를
#   받은 그대로 둡니다.
# - 모델은 헤드가 `model.fc` 인 `CifarNet` 처럼 생긴 모델입니다.

# %% nbgrader={"grade": false, "grade_id": "ex_replace_head", "locked": false, "schema_version": 3, "solution": true}
def replace_head(model: nn.Module, n_classes: int) -> nn.Module:
    """Replace the head model.fc by a fresh linear layer (same input size, n_classes outputs); return the model."""
    ### BEGIN SOLUTION
    model.fc = nn.Linear(model.fc.in_features, n_classes)
    return model
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_replace_head", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_m = replace_head(helpers.models.load_backbone(), 2)
assert isinstance(_m, nn.Module) and type(_m.fc) is nn.Linear, "model.fc 가 nn.Linear 여야 합니다"
assert _m.fc.out_features == 2, "출력 크기가 n_classes 여야 합니다"
### BEGIN HIDDEN TESTS
torch.manual_seed(1)
_m = CifarNet(widths=(8, 16, 24), n_classes=10)
for _n, _p in _m.named_parameters():
    _p.requires_grad = _n.startswith("body.4.")                 # a mixed pattern: frozen and trainable body layers
with torch.no_grad():
    _m.fc.weight.fill_(3.0)                                     # far outside the default init range of a fresh head
    _m.fc.bias.fill_(3.0)
_m.eval()
_body = {n: p.detach().clone() for n, p in _m.named_parameters() if not n.startswith("fc.")}
_grads = {n: p.requires_grad for n, p in _m.named_parameters() if not n.startswith("fc.")}
_out = replace_head(_m, 3)
assert _out is _m, "넘겨받은 모델 객체를 제자리에서 바꾸고 그대로 돌려주어야 합니다"
assert type(_m.fc) is nn.Linear, "model.fc 가 nn.Linear 여야 합니다"
assert (_m.fc.in_features, _m.fc.out_features) == (24, 3), "새 헤드의 입력·출력 크기가 다릅니다 (입력 크기는 지금 헤드에서 읽으세요)"
assert tuple(_m.fc.weight.shape) == (3, 24) and _m.fc.bias is not None and tuple(_m.fc.bias.shape) == (3,), "새 헤드의 가중치·편향 모양이 다릅니다"
assert _m.fc.weight.requires_grad and _m.fc.bias.requires_grad, "새 헤드는 학습 가능해야 합니다"
assert all(torch.equal(p, _body[n]) for n, p in _m.named_parameters() if not n.startswith("fc.")), "헤드 말고 다른 층의 가중치를 바꾸면 안 됩니다"
assert {n: p.requires_grad for n, p in _m.named_parameters() if not n.startswith("fc.")} == _grads, "헤드 말고 다른 층의 requires_grad 를 바꾸면 안 됩니다"
assert not _m.training and not any(mod.training for n, mod in _m.named_modules() if n and n != "fc" and not n.startswith("fc.")), "헤드 말고 다른 층의 학습/평가 모드를 바꾸면 안 됩니다"
_bound = 1 / 24 ** 0.5
assert float(_m.fc.weight.detach().abs().max()) <= _bound and float(_m.fc.bias.detach().abs().max()) <= _bound, "새 헤드는 nn.Linear 의 기본 초기화 그대로여야 합니다 (예전 헤드의 가중치를 옮기지 마세요)"
_m.eval()
_xr = torch.randn(5, 3, 32, 32)
with torch.no_grad():
    _y = _m(_xr)
    _want = _m.features(_xr) @ _m.fc.weight.T + _m.fc.bias
assert tuple(_y.shape) == (5, 3) and torch.allclose(_y, _want, atol=1e-5), "바꾼 모델의 출력이 (N, n_classes) 로짓이 아닙니다"
_m2 = replace_head(CifarNet(widths=(8, 16, 40), n_classes=10), 6)
assert (_m2.fc.in_features, _m2.fc.out_features) == (40, 6), "입력 크기는 지금 헤드의 in_features 에서 읽어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. 층 종류별로 매개변수 세기 (1점)
#
# 강의의 `count_params` 는 전체 합 하나를 냈습니다. 여기서는 **어느 종류의 층에 매개변수가 몰려 있는지** 봅니다.
# `count_params(model, trainable_only=False)` 는 `dict` 를 돌려줍니다.
#
# - 키: 매개변수를 **직접** 가진 층의 클래스 이름 `type(layer).__name__` (예: `"Conv2d"`, `"BatchNorm2d"`, `"Linear"`).
#   값: 그 종류의 층들이 직접 가진 매개변수의 **원소 수** 합 (파이썬 `int`). 층은 `model.modules()` 로 훑고, 한 층이 직접 가진
#   매개변수는 `layer.parameters(recurse=False)` 로 얻을 수 있습니다.
# - 센 매개변수가 하나도 없는 종류(`ReLU`, `MaxPool2d`, 모두 동결된 종류 등)는 키로 넣지 않습니다.
# - `trainable_only=True` 이면 `requires_grad` 인 매개변수만 셉니다. 배치 정규화의 이동 통계(`running_mean` 등)는 매개변수가
#   아니라 버퍼이므로 세지 않습니다.
# - **공유된 매개변수** (두 층이 같은 텐서를 쓰는 가중치 공유, 예: `lin.weight = emb.weight`) 는 **한 번만**, `model.modules()`
#   순서로 그 매개변수를 처음 가진 층의 종류로 셉니다. 그래서 값의 합은 강의의 `count_params` 와 같습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_count_params", "locked": false, "schema_version": 3, "solution": true}
def count_params(model: nn.Module, trainable_only: bool = False) -> dict[str, int]:
    """Parameter elements per layer class name; a shared parameter counts once, for the first layer holding it."""
    ### BEGIN SOLUTION
    counts: dict[str, int] = {}
    seen = set()
    for layer in model.modules():
        for p in layer.parameters(recurse=False):
            if id(p) in seen or (trainable_only and not p.requires_grad):
                continue
            seen.add(id(p))
            key = type(layer).__name__
            counts[key] = counts.get(key, 0) + p.numel()
    return counts
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_count_params", "locked": true, "points": 1, "schema_version": 3, "solution": false}
_n = count_params(nn.Linear(3, 2))
assert type(_n) is dict, "dict 를 돌려주세요"
assert _n == {"Linear": 8}, "nn.Linear(3, 2) 의 매개변수는 3×2 + 2 = 8개입니다"
### BEGIN HIDDEN TESTS
def _by_type(model, trainable_only=False):
    _c, _seen = {}, set()
    for _layer in model.modules():
        for _q in _layer.parameters(recurse=False):
            if id(_q) not in _seen and (_q.requires_grad or not trainable_only):
                _seen.add(id(_q))
                _c[type(_layer).__name__] = _c.get(type(_layer).__name__, 0) + _q.numel()
    return _c


def _check(got, want, msg):
    assert type(got) is dict and all(type(k) is str and type(v) is int for k, v in got.items()), "키는 str, 값은 int 인 dict 를 돌려주세요"
    assert got == want, msg


_m = helpers.models.load_backbone()
_check(count_params(_m), _by_type(_m), "층 종류별 매개변수 수가 다릅니다 (버퍼와 매개변수 없는 층은 세지 않습니다)")
_m = helpers.models.load_backbone()                             # a fresh model for every requires_grad pattern
for _name, _p in _m.named_parameters():
    _p.requires_grad = _name.startswith("fc.") or _name.startswith("body.4.")
_check(count_params(_m, trainable_only=True), _by_type(_m, True), "학습 가능한 매개변수의 종류별 수가 다릅니다")
_check(count_params(_m, False), _by_type(_m), "trainable_only=False 이면 동결된 것까지 모두 세야 합니다")
_m = CifarNet(widths=(8, 16, 24), n_classes=5)
_m.requires_grad_(False)
_check(count_params(_m, trainable_only=True), {}, "모두 동결하면 센 것이 없으므로 빈 dict 입니다")
torch.manual_seed(3)
_tied = nn.Sequential(nn.Embedding(10, 4), nn.Tanh(), nn.Linear(4, 10))
_tied[2].weight = _tied[0].weight                               # weight tying: one tensor, two layers
_check(count_params(_tied), {"Embedding": 40, "Linear": 10}, "공유된 매개변수는 한 번만, 처음 가진 층의 종류로 세야 합니다")
_tied2 = nn.Sequential(nn.Linear(4, 10), nn.Embedding(10, 4))
_tied2[1].weight = _tied2[0].weight
_tied2[0].bias.requires_grad_(False)
_check(count_params(_tied2), {"Linear": 50}, "공유된 매개변수는 model.modules() 순서로 처음 가진 층의 종류로 셉니다")
_n = count_params(_tied2, trainable_only=True)
assert type(_n) is dict and _n == {"Linear": 40}, "공유된 매개변수와 trainable_only 를 함께 처리해야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. 학습할 매개변수만 옵티마이저에 (2점)
#
# `make_optimizer(model, lr)` 는 `torch.optim.AdamW(..., lr=lr, weight_decay=0.01)` 를 만들어 돌려줍니다 (AdamW 그 자체: 하위 클래스를 만들지 않습니다).
#
# - 옵티마이저에는 `requires_grad` 인 매개변수 **만**, 각각 한 번씩 넣습니다 (순서와 매개변수 그룹 나누기는 자유).
# - 동결된 매개변수는 `.grad` 가 남아 있어도 `step()` 에서 바뀌지 않아야 합니다 (강의 ⚠️ 2번).

# %% nbgrader={"grade": false, "grade_id": "ex_make_optimizer", "locked": false, "schema_version": 3, "solution": true}
def make_optimizer(model: nn.Module, lr: float) -> torch.optim.Optimizer:
    """AdamW with the given learning rate and weight decay 0.01, over exactly the parameters with requires_grad."""
    ### BEGIN SOLUTION
    return torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_make_optimizer", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_m = freeze(helpers.models.load_backbone(), ("fc",))
_opt = make_optimizer(_m, 1e-3)
assert isinstance(_opt, torch.optim.AdamW), "torch.optim.AdamW 를 돌려주세요"
### BEGIN HIDDEN TESTS
torch.manual_seed(2)
_m = CifarNet(widths=(8, 16, 24), n_classes=4)
with torch.no_grad():
    for _p in _m.parameters():
        _p.normal_()                                            # distinct values, so tensors can be matched
for _name, _p in _m.named_parameters():
    _p.requires_grad = _name.startswith("fc.") or _name.startswith("body.4.")
_opt = make_optimizer(_m, 0.05)
assert isinstance(_opt, torch.optim.AdamW), "torch.optim.AdamW 를 돌려주세요"
from grading.testkit import type_name

assert type_name(_opt) == "torch.optim.adamw.AdamW", "torch.optim.AdamW 그 자체를 돌려주세요 (하위 클래스가 아니라)"
_groups = _opt.param_groups
_held = [p for g in _groups for p in g["params"]]
_want = [p for p in _m.parameters() if p.requires_grad]
_frozen = [p for p in _m.parameters() if not p.requires_grad]
assert len(_held) == len(_want), "옵티마이저에 든 매개변수 개수가 학습 가능한 매개변수 개수와 다릅니다"
assert sum(h.numel() for h in _held) == sum(w.numel() for w in _want), "옵티마이저에 든 매개변수 원소 수가 다릅니다"
assert all(h.requires_grad for h in _held), "옵티마이저에 동결된 매개변수가 들어 있습니다"
assert all(any(h.shape == w.shape and torch.equal(h.detach(), w.detach()) for h in _held) for w in _want), "학습 가능한 매개변수가 옵티마이저에 빠져 있습니다"
assert not any(h.shape == f.shape and torch.equal(h.detach(), f.detach()) for h in _held for f in _frozen), "옵티마이저에 동결된 매개변수가 들어 있습니다"
assert all(g["lr"] == 0.05 for g in _groups), "학습률이 lr 이어야 합니다"
assert all(g["weight_decay"] == 0.01 for g in _groups), "weight_decay 는 0.01 이어야 합니다"
_m2 = helpers.models.load_backbone().requires_grad_(False)
_m2.fc = nn.Linear(128, 3)
_opt2 = make_optimizer(_m2, 1e-3)
assert isinstance(_opt2, torch.optim.AdamW) and sum(p.numel() for g in _opt2.param_groups for p in g["params"]) == 128 * 3 + 3, "헤드만 학습 가능한 모델에서는 헤드의 매개변수만 넣어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. 중간 층의 특성 뽑기 (3점)
#
# 강의에서는 백본 끝(128차원)의 특성만 썼습니다. 여기서는 `model.body` 의 **앞쪽 `depth` 개 층까지만** 통과시킨 특성을 뽑습니다.
#
# `extract_features(model, images, depth)`:
#
# - `images`: `uint8` `(N, 32, 32, 3)` NumPy 배열 (CIFAR 이미지 그대로). 백본이 학습된 **ImageNet 표준화** 를 합니다
#   (`helpers.models.to_input` 을 써도 됩니다).
# - `model.body[:depth]` 를 통과시킵니다. 결과가 `(N, C, H, W)` 이면 **H, W 에 대해 평균** (전역 평균 풀링)을 내어 `(N, C)` 로,
#   이미 `(N, C)` 이면 그대로 둡니다. `depth = len(model.body)` 이면 강의의 `model.features(x)` 와 같습니다.
# - **평가 모드** 와 `torch.no_grad()` 로 계산합니다. 배치 정규화의 이동 통계가 바뀌면 안 됩니다.
# - 반환: CPU 위의 `float32` 텐서 `(N, C)`, 기울기 기록 없음. 이미지가 많으면 나누어 계산해도 됩니다 (결과는 같아야 함).
#   넘겨받은 배열을 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_extract_features", "locked": false, "schema_version": 3, "solution": true}
def extract_features(model: nn.Module, images: np.ndarray, depth: int) -> torch.Tensor:
    """Global-average-pooled output of the first `depth` layers of model.body for uint8 HWC images: (N, C) float32, CPU."""
    ### BEGIN SOLUTION
    model.eval()
    with torch.no_grad():
        h = model.body[:depth](to_input(images))
        if h.ndim == 4:
            h = h.mean(dim=(2, 3))
    return h.cpu()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_extract_features", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_imgs = np.random.default_rng(0).integers(0, 256, (4, 32, 32, 3), dtype=np.uint8)
_f = extract_features(helpers.models.load_backbone(), _imgs, 3)
assert type(_f) is torch.Tensor and _f.dtype == torch.float32, "float32 텐서를 돌려주세요"
assert tuple(_f.shape) == (4, 64), "depth=3 (body.0 ~ body.2: 합성곱 → 풀링 → 합성곱) 의 특성은 (N, 64) 입니다"
### BEGIN HIDDEN TESTS
_bb = helpers.models.load_backbone()
_bb.train()
_imgs = np.random.default_rng(5).integers(0, 256, (40, 32, 32, 3), dtype=np.uint8)
_copy = _imgs.copy()
_stats = {n: b.clone() for n, b in _bb.named_buffers()}
_mean = torch.tensor(helpers.models.IMAGENET_MEAN).view(1, 3, 1, 1)
_std = torch.tensor(helpers.models.IMAGENET_STD).view(1, 3, 1, 1)
_x = (torch.from_numpy(_copy).permute(0, 3, 1, 2).float() / 255 - _mean) / _std
_ref = helpers.models.load_backbone().eval()
for _depth in (1, 5, len(_ref.body)):
    _f = extract_features(_bb, _imgs, _depth)
    with torch.no_grad():
        _h = _ref.body[:_depth](_x)
        _want = _h.mean(dim=(2, 3)) if _h.ndim == 4 else _h
    assert type(_f) is torch.Tensor and _f.dtype == torch.float32 and _f.device.type == "cpu", "CPU 위의 float32 텐서를 돌려주세요"
    assert tuple(_f.shape) == tuple(_want.shape), "특성의 모양이 (N, C) 가 아닙니다"
    assert not _f.requires_grad, "기울기 기록이 없어야 합니다 (torch.no_grad())"
    assert torch.allclose(_f, _want, atol=1e-4), "특성 값이 다릅니다 (평가 모드, ImageNet 표준화, 전역 평균 풀링을 확인하세요)"
assert all(torch.equal(b, _stats[n]) for n, b in _bb.named_buffers()), "배치 정규화의 이동 통계가 바뀌었습니다 (평가 모드로 뽑으세요)"
assert np.array_equal(_imgs, _copy), "넘겨받은 이미지를 바꾸면 안 됩니다"
_one = extract_features(_bb, _copy[:1], len(_ref.body))
assert type(_one) is torch.Tensor and torch.allclose(_one, _ref.features(_x[:1]).detach(), atol=1e-4), "이미지 한 장도 배치와 상관없이 같은 특성이어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# 여러분의 고양이·개 이미지를 불러 두고, 문제 6·7에서 씁니다 (학습 이미지 클래스마다 500장, 테스트 이미지 클래스마다 50장).

# %%
x_train, y_train = helpers.models.load_cifar10_images("train", ("cat", "dog"))  # 0 = 고양이, 1 = 개
x_test, y_test = helpers.models.load_cifar10_images("test", ("cat", "dog"))
print(x_train.shape, y_train[:3], y_train[-3:], "| 테스트:", x_test.shape)


# %% [markdown]
# ## 문제 6. 선형 프로빙 (3점)
#
# `train_probe(features, labels, n_classes=2)` 는 고정된 특성 `(N, C)` (float32) 과 정답 `(N,)` (int64) 으로
# **선형 분류기 `nn.Linear(C, n_classes)`** 를 학습해 돌려줍니다 (편향 있음, CPU).
#
# - 학습 방법(손실, 옵티마이저, 단계 수, 미니배치 여부)은 자유입니다. 다만 학습 중에 만든 분류기를 **1000 번 이하** 로만 부릅니다
#   (분류기의 순전파 1000 번 이하; 채점 때 `nn.Linear(C, n_classes)` 의 호출 수를 셉니다). 시드를 고정하세요.
# - 채점: 테스트 셀이 **같은 백본의 끝 특성**(`depth = len(backbone.body)`) 으로 여러분의 **학습 이미지 1000장** 에 대해
#   `train_probe` 를 부르고, 돌려받은 분류기를 **여러분이 받지 않은 고양이·개 이미지** 의 특성에 적용해 정확도를 잽니다.
#   목표는 **58% 이상** 입니다 (찍기는 50%; 강의 레시피는 약 65%).
# - 넘겨받은 텐서를 바꾸지 마세요.

# %% nbgrader={"grade": false, "grade_id": "ex_train_probe", "locked": false, "schema_version": 3, "solution": true}
def train_probe(features: torch.Tensor, labels: torch.Tensor, n_classes: int = 2) -> nn.Linear:
    """Linear head nn.Linear(C, n_classes) trained on fixed features, calling the head at most 1000 times."""
    ### BEGIN SOLUTION
    torch.manual_seed(0)
    head = nn.Linear(features.shape[1], n_classes)
    opt = torch.optim.Adam(head.parameters(), lr=1e-2, weight_decay=1e-3)
    for _ in range(300):
        loss = nn.functional.cross_entropy(head(features), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return head
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_train_probe", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_feat_train = extract_features(backbone, x_train, len(backbone.body))
_probe = train_probe(_feat_train, torch.as_tensor(y_train))
assert type(_probe) is nn.Linear, "nn.Linear 를 돌려주세요"
assert (_probe.in_features, _probe.out_features) == (128, 2), "분류기의 입력·출력 크기가 다릅니다"
with torch.no_grad():
    _acc = (_probe(extract_features(backbone, x_test, len(backbone.body))).argmax(1).numpy() == y_test).mean()
print(f"내 테스트 이미지 {len(y_test)}장의 정확도: {_acc:.1%}")
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

_xh, _yh = load_holdout("cifar10")
_keep = np.isin(_yh, (3, 5))                                   # CIFAR-10: 3 = cat, 5 = dog
_xh, _yh = _xh[_keep], (_yh[_keep] == 5).astype(np.int64)
_bb = helpers.models.load_backbone().eval()
_mean = torch.tensor(helpers.models.IMAGENET_MEAN).view(1, 3, 1, 1)
_std = torch.tensor(helpers.models.IMAGENET_STD).view(1, 3, 1, 1)


def _feats(images):
    with torch.no_grad():
        return _bb.features((torch.from_numpy(images).permute(0, 3, 1, 2).float() / 255 - _mean) / _std)


_ftr, _ytr = _feats(x_train), torch.as_tensor(y_train)
_ftr0, _ytr0 = _ftr.clone(), _ytr.clone()
from grading.testkit import count_linear_calls

_probe, _calls = count_linear_calls(train_probe, 128, 2, _ftr, _ytr)
assert type(_probe) is nn.Linear and (_probe.in_features, _probe.out_features) == (128, 2), "nn.Linear(128, 2) 를 돌려주세요"
assert _calls <= 1000, "학습 중에 분류기를 1000 번보다 많이 불렀습니다"
assert torch.equal(_ftr, _ftr0) and torch.equal(_ytr, _ytr0), "넘겨받은 특성과 정답을 바꾸면 안 됩니다"
with torch.no_grad():
    _acc_h = (_probe(_feats(_xh)).argmax(1).numpy() == _yh).mean()
assert _acc_h >= 0.58, "처음 보는 고양이·개 이미지에서 정확도가 58% 에 못 미칩니다"
_p3 = train_probe(torch.randn(30, 7), torch.arange(30) % 3, n_classes=3)
assert type(_p3) is nn.Linear and (_p3.in_features, _p3.out_features) == (7, 3), "특성 크기와 n_classes 에 맞는 분류기를 만들어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 7. 실험: 어느 깊이의 특성이 가장 좋은가? (2점)
#
# 얕은 층은 색·모서리 같은 단순한 특성을, 깊은 층은 여러 층을 거쳐 조합된 특성을 냅니다. 고양이 vs 개에는 어느 쪽이 나을까요?
# 직접 재어 보세요.
#
# - 후보 깊이는 `DEPTHS = (1, 3, 5)` 입니다 (`body.0`, `body.0 ~ 2`, `body.0 ~ 4` 까지; 특성 32, 64, 128 차원).
# - 깊이마다: 학습 이미지에서 **클래스마다 100장** 을 골라(시드를 바꿔 가며 **3번 이상**) 문제 5의 특성으로 문제 6의 `train_probe`
#   를 학습하고, 고르지 않은 학습 이미지 800장과 테스트 이미지 100장에서 정확도를 잽니다. 여러 번 잰 평균을 비교합니다.
# - 평균 정확도가 가장 높은 깊이를 `BEST_DEPTH` (파이썬 `int`) 에 넣으세요. `accs` 에는 깊이 → 평균 정확도를 0 ~ 1 사이
#   비율(파이썬 `float`, 백분율 아님)로 담으세요. `BEST_DEPTH` 는 `accs` 에서 값이 가장 큰 깊이와 같아야 합니다.
# - 채점: 테스트 셀이 자기 시드로 같은 실험을 다시 하고(채점용 이미지 포함), 그 답과 `BEST_DEPTH` 를 비교합니다. 답을 짐작하지
#   말고 재어 보세요. 한 번만 재면 운에 따라 답이 바뀔 수 있습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_best_depth", "locked": false, "schema_version": 3, "solution": true}
DEPTHS = (1, 3, 5)
accs = {}
### BEGIN SOLUTION
for depth in DEPTHS:
    f_train = extract_features(backbone, x_train, depth)
    f_test = extract_features(backbone, x_test, depth)
    runs = []
    for seed in range(3):
        rng = np.random.default_rng(seed)
        shots = np.concatenate([rng.choice(np.flatnonzero(y_train == c), 100, replace=False) for c in (0, 1)])
        rest = np.setdiff1d(np.arange(len(y_train)), shots)
        head = train_probe(f_train[shots], torch.as_tensor(y_train[shots]))
        with torch.no_grad():
            f_eval = torch.cat([f_train[rest], f_test])
            y_eval = np.concatenate([y_train[rest], y_test])
            runs.append(float((head(f_eval).argmax(1).numpy() == y_eval).mean()))
    accs[depth] = float(np.mean(runs))
BEST_DEPTH = max(accs, key=accs.get)
### END SOLUTION
print({d: f"{a:.1%}" for d, a in accs.items()}, "→ BEST_DEPTH =", BEST_DEPTH)

# %% nbgrader={"grade": true, "grade_id": "test_best_depth", "locked": true, "points": 2, "schema_version": 3, "solution": false}
assert type(BEST_DEPTH) is int and BEST_DEPTH in DEPTHS, "BEST_DEPTH 는 DEPTHS 가운데 하나인 int 여야 합니다"
assert type(accs) is dict and set(accs) == set(DEPTHS), "accs 에 깊이마다 평균 정확도를 담으세요"
assert all(type(a) is float and 0.0 <= a <= 1.0 for a in accs.values()), "accs 의 값은 0 ~ 1 사이의 파이썬 float 여야 합니다"
assert max(accs, key=accs.get) == BEST_DEPTH, "BEST_DEPTH 는 accs 에서 평균 정확도가 가장 높은 깊이여야 합니다"
### BEGIN HIDDEN TESTS
from grading.holdout import load_holdout

_xh, _yh = load_holdout("cifar10")
_keep = np.isin(_yh, (3, 5))
_xh, _yh = _xh[_keep], (_yh[_keep] == 5).astype(np.int64)
_bb = helpers.models.load_backbone().eval()
_mean = torch.tensor(helpers.models.IMAGENET_MEAN).view(1, 3, 1, 1)
_std = torch.tensor(helpers.models.IMAGENET_STD).view(1, 3, 1, 1)
_xall = np.concatenate([x_train, x_test, _xh])
_yall = np.concatenate([y_train, y_test, _yh])
with torch.no_grad():
    _xin = (torch.from_numpy(_xall).permute(0, 3, 1, 2).float() / 255 - _mean) / _std
    _hs = {}
    _h = _xin
    for _i, _layer in enumerate(_bb.body, start=1):
        _h = _layer(_h)
        if _i in DEPTHS:
            _hs[_i] = _h.mean(dim=(2, 3)) if _h.ndim == 4 else _h
_scores = {}
for _d in DEPTHS:
    _runs = []
    for _seed in range(5):
        _rng = np.random.default_rng(1000 + _seed)
        _shots = np.concatenate([_rng.choice(np.flatnonzero(_yall[:1000] == c), 100, replace=False) for c in (0, 1)])
        _rest = np.setdiff1d(np.arange(len(_yall)), _shots)
        torch.manual_seed(_seed)
        _head = nn.Linear(_hs[_d].shape[1], 2)
        _o = torch.optim.Adam(_head.parameters(), lr=1e-2, weight_decay=1e-3)
        _f, _t = _hs[_d][_shots], torch.as_tensor(_yall[_shots])
        for _ in range(300):
            _loss = nn.functional.cross_entropy(_head(_f), _t)
            _o.zero_grad()
            _loss.backward()
            _o.step()
        with torch.no_grad():
            _runs.append((_head(_hs[_d][_rest]).argmax(1).numpy() == _yall[_rest]).mean())
    _scores[_d] = float(np.mean(_runs))
assert max(_scores, key=_scores.get) == BEST_DEPTH, "BEST_DEPTH 가 다시 잰 실험의 결과와 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# 덧붙여 (채점하지 않음): 백본 끝(`depth = 9`, 강의의 특성)도 같은 방법으로 재어 문제 7의 `accs` 와 비교해 보세요. 백본은
# 고양이·개가 아닌 8개 클래스(비행기, 배, 트럭 …)로 사전 학습했습니다. 끝 쪽 층과 앞쪽 층 가운데 어느 쪽이 그 8개 클래스에 더
# 맞추어져 있을지, 그것이 부분 파인튜닝(문제 1의 `("body.5", "fc")`)과 어떻게 이어지는지 생각해 보세요.

# %%
f9_train, f9_test = extract_features(backbone, x_train, 9), extract_features(backbone, x_test, 9)
runs9 = []
for seed in range(3):
    rng = np.random.default_rng(seed)
    shots = np.concatenate([rng.choice(np.flatnonzero(y_train == c), 100, replace=False) for c in (0, 1)])
    rest = np.setdiff1d(np.arange(len(y_train)), shots)
    head = train_probe(f9_train[shots], torch.as_tensor(y_train[shots]))
    with torch.no_grad():
        pred = head(torch.cat([f9_train[rest], f9_test])).argmax(1).numpy()
    runs9.append(float((pred == np.concatenate([y_train[rest], y_test])).mean()))
print("depth 9 (백본 끝):", f"{np.mean(runs9):.1%}", "| 문제 7:", {d: f"{a:.1%}" for d, a in accs.items()})

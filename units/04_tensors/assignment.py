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

import helpers

device = helpers.setup(seed=0)


# %% [markdown]
# ## 🎯 학습 목표
#
# - NumPy 배열을 모델에 넣을 수 있는 텐서(올바른 dtype·장치, 원본과 독립된 복사본)로 바꾼다.
# - 두 텐서가 메모리를 공유하는지 판단한다.
# - `reshape`·`permute`로 배치와 이미지 텐서의 모양을 원소 순서를 지키며 바꾼다.
# - 불리언 마스크로 원소를 고르고 바꾼다 (입력은 그대로 두고).
# - 브로드캐스팅과 `einsum`으로 반복문 없이 계산한다.
# - 어떤 연산이 뷰를 만들고 어떤 연산이 복사하는지, 새로 잡힌 메모리를 `untyped_storage().nbytes()`로 재서 보고한다.
#
# ## 🤔 단서 질문
#
# - `torch.tensor`와 `torch.from_numpy`, `.to()`는 언제 복사하고 언제 메모리를 공유하는가?
# - `data_ptr()`은 무엇의 주소이고, 슬라이스한 뷰에서는 왜 원본과 다른가?
# - 모양이 같으면 원소 순서도 같은가? `reshape`와 `permute`는 무엇이 다른가?
# - (C,) 모양의 값을 (N, C, H, W) 텐서에 브로드캐스팅하려면 어떻게 해야 하는가?
# - `reshape`는 언제 복사하고, 불리언 마스크로 고른 결과는 뷰인가 복사인가?
#
# ### 과제 안내
# - 각 문제의 `# YOUR CODE HERE` 아래 `raise NotImplementedError()`를 지우고 함수를 완성한 뒤, 바로 아래 테스트 셀을 실행하세요.
# - 보이는 테스트는 모양·타입 같은 기본만 확인합니다. 채점할 때는 숨은 테스트가 **새 입력**, 경계 사례, dtype·장치, **입력을 바꾸지 않는지**를 더 확인합니다.
# - 테스트는 준비 셀의 `device`(GPU가 있으면 `cuda`)와 CPU를 함께 쓰고, 값 없이 모양만 있는 `meta` 장치를 쓰기도 합니다.
# - 반복문 없이 텐서 연산으로 풀어 보세요. 점수는 결과로만 매깁니다.

# %% [markdown]
# ## 1. NumPy 배열을 모델 입력으로 (2점)
#
# NumPy 배열은 신경망에 바로 넣을 수 없습니다. `to_model_input(arr, device)`를 완성하세요. 돌려줄 값은
# - `torch.Tensor`, dtype은 `torch.float32`, 장치는 인자로 받은 `device`, 모양은 `arr`와 같음;
# - `arr`와 메모리를 공유하지 않는 **복사본** (나중에 `arr`를 바꿔도 결과는 바뀌지 않고, 결과를 바꿔도 `arr`는 그대로);
# - `arr` 자체는 바꾸지 않습니다.
#
# `arr`의 dtype은 `float64`, `float32`, `uint8` 등 무엇이든 올 수 있습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_to_model_input", "locked": false, "schema_version": 3, "solution": true}
def to_model_input(arr: np.ndarray, device: torch.device) -> torch.Tensor:
    """NumPy 배열 → float32 텐서 (device 위, arr 와 메모리를 공유하지 않는 복사본)."""
    ### BEGIN SOLUTION
    return torch.tensor(arr, dtype=torch.float32, device=device)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_to_model_input", "locked": true, "points": 2, "schema_version": 3, "solution": false}
sample = np.array([[1.0, 2.0, 3.0]])
out = to_model_input(sample, device)
assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert tuple(out.shape) == (1, 3), "결과의 모양이 arr 와 같아야 합니다"
assert out.dtype == torch.float32, "결과의 dtype 이 torch.float32 여야 합니다"
### BEGIN HIDDEN TESTS
rng = np.random.default_rng(2024)
cpu = torch.device("cpu")
cases = [
    rng.standard_normal((3, 4)),                                   # float64
    rng.standard_normal((2, 5)).astype(np.float32),                # float32 (from_numpy would share)
    rng.integers(0, 256, size=(2, 4, 4)).astype(np.uint8),         # image pixels
    rng.integers(-50, 50, size=7),                                 # int64
    np.array(2.5),                                                 # 0-d
]
for arr in cases:
    before = arr.copy()
    expected = arr.astype(np.float32)
    for dev in (cpu, device):
        out = to_model_input(arr, dev)
        assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
        assert out.dtype == torch.float32, "정수·float64 배열도 torch.float32 로 바꿔야 합니다"
        assert out.device.type == torch.device(dev).type, "결과가 인자로 받은 device 에 있어야 합니다"
        assert tuple(out.shape) == arr.shape, "결과의 모양이 arr 와 같아야 합니다"
        assert np.array_equal(out.detach().cpu().numpy(), expected), "결과의 값이 arr 의 값과 다릅니다"
    assert arr.dtype == before.dtype and np.array_equal(arr, before), "입력 arr 를 바꾸면 안 됩니다"
# the result must be an independent copy, in both directions
src = np.arange(6, dtype=np.float32).reshape(2, 3)
out = to_model_input(src, cpu)
src[0, 0] = 100.0
assert out[0, 0].item() == 0.0, "결과가 arr 와 메모리를 공유하면 안 됩니다 (복사본이어야 합니다)"
out[1, 1] = -7.0
assert src[1, 1] == 4.0, "결과를 바꿨더니 arr 가 바뀌었습니다: 복사본이어야 합니다"
# the device argument is honoured even for a device the data does not start on
meta_out = to_model_input(np.ones((2, 2)), torch.device("meta"))
assert type(meta_out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert meta_out.device.type == "meta", "결과가 인자로 받은 device 에 있어야 합니다"
assert meta_out.dtype == torch.float32 and tuple(meta_out.shape) == (2, 2), "dtype 이나 모양이 틀렸습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 2. 두 텐서가 메모리를 공유하는가 (2점)
#
# `shares_memory(a, b)`는 두 텐서가 같은 저장 공간(storage)을 써서 한쪽을 바꾸면 다른 쪽이 바뀔 수 있으면 `True`,
# 서로 다른 메모리에 있으면 `False`를 **파이썬 `bool`** 로 돌려줍니다.
#
# - 슬라이싱(`a[1:]`), `view`, 전치(`a.t()`)로 만든 뷰는 원본과 메모리를 공유합니다.
# - 그런데 `data_ptr()`은 텐서의 **첫 원소**의 주소라서, `a[1:]`처럼 시작 위치가 다른 뷰는 `data_ptr()`이 원본과 다릅니다.
#   텐서가 쓰는 저장 공간 전체는 `t.untyped_storage()`로 얻을 수 있습니다.
# - `clone()`, `torch.tensor(...)`, dtype이나 장치를 바꾸는 `.to(...)`는 새 메모리에 복사합니다.
# - 채점에 쓰는 텐서는 모두 원소가 하나 이상이고 실제 메모리가 있는 장치(CPU·GPU)에 있습니다. 원소가 0개인 텐서나 `meta` 장치 텐서는
#   저장 공간 주소가 모두 0이라 이 방법으로는 판단할 수 없으니 신경 쓰지 않아도 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_shares_memory", "locked": false, "schema_version": 3, "solution": true}
def shares_memory(a: torch.Tensor, b: torch.Tensor) -> bool:
    """a 와 b 가 같은 저장 공간을 쓰면 True, 아니면 False."""
    ### BEGIN SOLUTION
    return a.device == b.device and a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_shares_memory", "locked": true, "points": 2, "schema_version": 3, "solution": false}
base = torch.arange(6.0)
result = shares_memory(base, base.view(2, 3))
assert type(result) is bool, "파이썬 bool (True/False) 을 돌려주어야 합니다"
assert result is True, "view 는 원본과 메모리를 공유합니다"
assert shares_memory(base, base.clone()) is False, "clone() 은 새 메모리에 복사합니다"
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(11)
base = torch.randn(4, 5, generator=g).to(device)
sharing = [
    (base, base[1:]),              # view that starts later
    (base[2:], base),
    (base, base[:, 3]),            # strided column
    (base, base.t()),              # transpose
    (base.view(-1), base[1:3]),
    (base[1:3], base[2:]),         # two overlapping slices
    (base.unsqueeze(0), base[3, 4:]),
]
for a, b in sharing:
    before = (a.clone(), b.clone())
    got = shares_memory(a, b)
    assert type(got) is bool, "파이썬 bool (True/False) 을 돌려주어야 합니다"
    assert got is True, "원본과 그 뷰(슬라이스·view·전치)는 메모리를 공유합니다: 시작 위치가 달라도 True 여야 합니다"
    assert torch.equal(a, before[0]) and torch.equal(b, before[1]), "입력 텐서를 바꾸면 안 됩니다"
separate = [
    (base, base.clone()),
    (base, base + 0),
    (base, base.to(torch.float64)),
    (base.t(), base.t().contiguous()),
    (base, torch.randn(4, 5, generator=g).to(device)),
    (torch.zeros(3, device=device), torch.zeros(3, device=device)),
]
for a, b in separate:
    got = shares_memory(a, b)
    assert type(got) is bool, "파이썬 bool (True/False) 을 돌려주어야 합니다"
    assert got is False, "값이 같아도 서로 다른 메모리에 있으면 False 여야 합니다"
# numpy interop: two from_numpy tensors of one array share it, torch.tensor copies
arr = np.arange(8, dtype=np.float32)
assert shares_memory(torch.from_numpy(arr), torch.from_numpy(arr)) is True, "from_numpy 는 배열의 메모리를 공유합니다"
assert shares_memory(torch.from_numpy(arr), torch.tensor(arr)) is False, "torch.tensor 는 복사합니다"
# .to(device) copies only when the device really changes
host = torch.ones(3)
assert shares_memory(host, host.to(device)) is (device.type == "cpu"), ".to(device) 결과의 메모리 공유 판단이 틀렸습니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 3. 샘플마다 펼치기 (1점)
#
# 완전연결층(`nn.Linear`)에 이미지를 넣으려면 샘플 하나를 한 줄로 펼쳐야 합니다.
# `flatten_per_sample(x)`는 모양이 (N, …)인 배치를 (N, 나머지 원소 수)로 바꿉니다. 예: (8, 1, 28, 28) → (8, 784).
#
# - 각 샘플의 원소는 원래 순서(마지막 차원이 가장 빨리 바뀌는 순서)대로 놓입니다.
# - N = 1이어도 배치 차원을 남깁니다.
# - `permute`로 축 순서를 바꾼 텐서가 들어와도 동작해야 합니다.
# - dtype과 장치는 그대로, 입력은 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_flatten_per_sample", "locked": false, "schema_version": 3, "solution": true}
def flatten_per_sample(x: torch.Tensor) -> torch.Tensor:
    """(N, ...) → (N, 나머지 원소 수)."""
    ### BEGIN SOLUTION
    return x.reshape(x.shape[0], -1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_flatten_per_sample", "locked": true, "points": 1, "schema_version": 3, "solution": false}
out = flatten_per_sample(torch.zeros(4, 1, 28, 28))
assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert tuple(out.shape) == (4, 784), "(N, C, H, W) 를 (N, C*H*W) 로 펼쳐야 합니다"
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(5)
inputs = [
    torch.randn(3, 2, 4, 5, generator=g).to(device),
    torch.randn(1, 3, 2, generator=g).to(device),                       # N = 1
    torch.randn(2, 5, 4, 3, generator=g).to(device).permute(0, 3, 1, 2),  # not contiguous
    torch.randint(0, 255, (5, 7), generator=g, dtype=torch.int64).to(device),  # already 2-D, integer
    torch.randn(4, 3, generator=g).to(device).t(),                      # transposed 2-D
]
for x in inputs:
    before = x.clone()
    ref = x.detach().cpu().numpy()
    expected = ref.reshape(ref.shape[0], -1)                            # NumPy reads in logical (C) order
    out = flatten_per_sample(x)
    assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
    assert tuple(out.shape) == expected.shape, "결과가 (N, 나머지 원소 수) 모양이어야 합니다 (N = 1 이어도)"
    assert out.dtype == x.dtype, "dtype 을 바꾸지 마세요"
    assert out.device.type == x.device.type, "입력과 같은 장치에 있어야 합니다"
    assert np.array_equal(out.detach().cpu().numpy(), expected), "샘플 안의 원소 순서가 틀렸습니다"
    assert torch.equal(x, before), "입력 텐서를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 4. 채널 위치 바꾸기: (N, H, W, C) → (N, C, H, W) (2점)
#
# matplotlib과 PIL은 이미지를 (높이, 너비, 채널) 순서로, PyTorch의 합성곱 층은 (채널, 높이, 너비) 순서로 다룹니다.
# `channels_last_to_first(x)`는 (N, H, W, C) 배치를 (N, C, H, W)로 바꿉니다. 즉 모든 n, h, w, c에 대해
#
# `out[n, c, h, w] == x[n, h, w, c]`
#
# 여야 합니다. 모양만 맞추는 것으로는 부족합니다. dtype(예: 픽셀의 `uint8`)과 장치는 그대로, 입력은 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_channels_last_to_first", "locked": false, "schema_version": 3, "solution": true}
def channels_last_to_first(x: torch.Tensor) -> torch.Tensor:
    """(N, H, W, C) → (N, C, H, W), out[n, c, h, w] == x[n, h, w, c]."""
    ### BEGIN SOLUTION
    return x.permute(0, 3, 1, 2)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_channels_last_to_first", "locked": true, "points": 2, "schema_version": 3, "solution": false}
out = channels_last_to_first(torch.zeros(2, 5, 7, 3))
assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert tuple(out.shape) == (2, 3, 5, 7), "결과 모양이 (N, C, H, W) 여야 합니다"
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(3)
inputs = [
    torch.randint(0, 256, (3, 4, 6, 3), generator=g).to(torch.uint8).to(device),   # H != W, uint8 pixels
    torch.randn(2, 5, 5, 3, generator=g).to(device),                               # H == W
    torch.randn(1, 4, 4, 4, generator=g, dtype=torch.float64).to(device),          # H == W == C
    torch.randn(2, 3, 2, 1, generator=g).to(device),                               # one channel
]
for x in inputs:
    before = x.clone()
    expected = np.transpose(x.cpu().numpy(), (0, 3, 1, 2))
    out = channels_last_to_first(x)
    assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
    assert tuple(out.shape) == expected.shape, "결과 모양이 (N, C, H, W) 여야 합니다"
    assert out.dtype == x.dtype, "dtype 을 바꾸지 마세요"
    assert out.device.type == x.device.type, "입력과 같은 장치에 있어야 합니다"
    assert np.array_equal(out.cpu().numpy(), expected), "out[n, c, h, w] 가 x[n, h, w, c] 와 다른 원소가 있습니다"
    assert torch.equal(x, before), "입력 텐서를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 5. 기준 이상인 원소만 고르기 (1점)
#
# `select_at_least(x, threshold)`는 `x`에서 값이 `threshold` **이상**인 원소만 골라 1차원 텐서로 돌려줍니다.
# 원소는 `x`에 놓인 순서(마지막 차원이 가장 빨리 바뀌는 순서)대로, dtype과 장치는 `x`와 같게 둡니다. 고를 원소가 없으면 길이 0인 텐서를 돌려줍니다.

# %% nbgrader={"grade": false, "grade_id": "ex_select_at_least", "locked": false, "schema_version": 3, "solution": true}
def select_at_least(x: torch.Tensor, threshold: float) -> torch.Tensor:
    """x 에서 threshold 이상인 원소들 (1차원, 원래 순서)."""
    ### BEGIN SOLUTION
    return x[x >= threshold]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_select_at_least", "locked": true, "points": 1, "schema_version": 3, "solution": false}
out = select_at_least(torch.tensor([3.0, -1.0, 5.0]), 0.0)
assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert out.ndim == 1, "1차원 텐서를 돌려주어야 합니다"
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(8)
cases = [
    (torch.tensor([[60, 59, 75], [60, 100, 10]], device=device), 60),        # values equal to the threshold
    (torch.randn(4, 6, generator=g).to(device), 0.25),
    (torch.randint(0, 10, (3, 3, 3), generator=g).to(device), 5),
    (torch.tensor([0.5, 1.5, 2.5], dtype=torch.float64, device=device), 2.5),
    (torch.tensor([1.0, 2.0], device=device), 9.0),                          # nothing selected
]
for x, thr in cases:
    before = x.clone()
    expected = [v for v in x.reshape(-1).tolist() if v >= thr]
    out = select_at_least(x, thr)
    assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
    assert out.ndim == 1, "1차원 텐서를 돌려주어야 합니다"
    assert out.dtype == x.dtype, "dtype 을 바꾸지 마세요"
    assert out.device.type == x.device.type, "입력과 같은 장치에 있어야 합니다"
    assert out.tolist() == expected, "고른 원소가 틀렸습니다 (기준과 같은 값, 순서를 확인하세요)"
    assert torch.equal(x, before), "입력 텐서를 바꾸면 안 됩니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 6. 마스크 자리만 바꾼 새 텐서 (2점)
#
# `fill_masked(x, mask, value)`는 `x`와 모양이 같은 불리언 텐서 `mask`에서 `True`인 자리만 `value`로 바꾼 **새 텐서**를 돌려줍니다.
# `False`인 자리는 `x`의 값 그대로입니다.
#
# - `x`와 `mask`는 바꾸지 않습니다 (나중에 원본이 또 필요할 수 있습니다).
# - 결과의 dtype과 장치는 `x`와 같습니다 (정수 텐서에 정수 `value`를 넣으면 결과도 정수 텐서).

# %% nbgrader={"grade": false, "grade_id": "ex_fill_masked", "locked": false, "schema_version": 3, "solution": true}
def fill_masked(x: torch.Tensor, mask: torch.Tensor, value: float) -> torch.Tensor:
    """mask 가 True 인 자리만 value 로 바꾼 새 텐서 (x 는 그대로)."""
    ### BEGIN SOLUTION
    return x.masked_fill(mask, value)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_fill_masked", "locked": true, "points": 2, "schema_version": 3, "solution": false}
x = torch.tensor([1.0, 2.0, 3.0])
out = fill_masked(x, torch.tensor([False, True, False]), 0.0)
assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert tuple(out.shape) == (3,), "결과 모양이 x 와 같아야 합니다"
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(21)
cases = [
    (torch.randn(3, 4, generator=g).to(device), torch.rand(3, 4, generator=g).to(device) > 0.5, -1.0),
    (torch.randint(-5, 5, (2, 3, 4), generator=g).to(device), torch.rand(2, 3, 4, generator=g).to(device) > 0.3, 0),
    (torch.randn(5, generator=g, dtype=torch.float64).to(device), torch.zeros(5, dtype=torch.bool, device=device), 9.0),
    (torch.randn(2, 2, generator=g).to(device), torch.ones(2, 2, dtype=torch.bool, device=device), 0.5),
]
for x, mask, value in cases:
    x_before, mask_before = x.clone(), mask.clone()
    expected = [value if m else v for v, m in zip(x.reshape(-1).tolist(), mask.reshape(-1).tolist())]
    out = fill_masked(x, mask, value)
    assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
    assert torch.equal(x, x_before) and torch.equal(mask, mask_before), "입력 x 나 mask 를 바꾸면 안 됩니다 (새 텐서를 돌려주세요)"
    assert tuple(out.shape) == tuple(x.shape), "결과 모양이 x 와 같아야 합니다"
    assert out.dtype == x.dtype, "결과의 dtype 이 x 와 같아야 합니다"
    assert out.device.type == x.device.type, "결과가 x 와 같은 장치에 있어야 합니다"
    assert out.reshape(-1).tolist() == expected, "mask 가 True 인 자리만 value 로 바뀌어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 7. 채널마다 표준화: 브로드캐스팅 (2점)
#
# 이미지 배치 `images`의 모양은 (N, C, H, W), `mean`과 `std`는 길이 C인 1차원 텐서입니다.
# `standardize_channels(images, mean, std)`는 채널 c마다
#
# `out[:, c] = (images[:, c] - mean[c]) / std[c]`
#
# 인 텐서를 돌려줍니다. 브로드캐스팅을 쓰면 반복문이 필요 없습니다. 단, (C,) 모양은 그대로 두면 마지막 축(W)과 짝이 맞춰진다는 점에 주의하세요.
# dtype과 장치는 `images`와 같게, `images`는 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_standardize_channels", "locked": false, "schema_version": 3, "solution": true}
def standardize_channels(images: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:
    """(N, C, H, W) 배치를 채널마다 mean, std (모양 (C,)) 로 표준화."""
    ### BEGIN SOLUTION
    return (images - mean.view(1, -1, 1, 1)) / std.view(1, -1, 1, 1)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_standardize_channels", "locked": true, "points": 2, "schema_version": 3, "solution": false}
imgs = torch.ones(2, 3, 4, 5)
out = standardize_channels(imgs, torch.tensor([1.0, 0.0, 0.5]), torch.tensor([1.0, 2.0, 0.5]))
assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert tuple(out.shape) == (2, 3, 4, 5), "결과 모양이 images 와 같아야 합니다"
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(13)
shapes = [(2, 3, 4, 3), (3, 3, 5, 7), (1, 1, 2, 2), (2, 4, 3, 4)]   # includes W == C
for n, c, h, w in shapes:
    images = torch.randn(n, c, h, w, generator=g).to(device)
    mean = torch.randn(c, generator=g).to(device)
    std = (torch.rand(c, generator=g) + 0.5).to(device)
    before = images.clone()
    expected = torch.stack([(images[:, k] - mean[k]) / std[k] for k in range(c)], dim=1)
    out = standardize_channels(images, mean, std)
    assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
    assert torch.equal(images, before), "입력 images 를 바꾸면 안 됩니다"
    assert tuple(out.shape) == (n, c, h, w), "결과 모양이 images 와 같아야 합니다"
    assert out.dtype == images.dtype, "dtype 을 바꾸지 마세요"
    assert out.device.type == images.device.type, "images 와 같은 장치에 있어야 합니다"
    assert torch.allclose(out, expected, rtol=1e-5, atol=1e-5), "채널마다 표준화한 값이 틀렸습니다 (mean·std 가 어느 축과 짝지어지는지 확인하세요)"
images = torch.rand(2, 2, 3, 3, generator=g, dtype=torch.float64).to(device)
mean64 = torch.tensor([0.5, 0.25], dtype=torch.float64, device=device)
std64 = torch.tensor([0.5, 2.0], dtype=torch.float64, device=device)
out = standardize_channels(images, mean64, std64)
assert out.dtype == torch.float64, "float64 입력이면 결과도 float64 여야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 8. einsum으로 배치 행렬 곱 (2점)
#
# `batch_matmul(a, b)`는 (B, n, k) 텐서와 (B, k, m) 텐서를 받아 배치마다 행렬 곱을 한 (B, n, m) 텐서를 돌려줍니다.
# 즉 `out[i] = a[i] @ b[i]`입니다. `torch.einsum`으로 구현해 보세요 (출력 글자의 순서에 주의).
# dtype과 장치는 입력과 같게, 입력은 바꾸지 않습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_batch_matmul", "locked": false, "schema_version": 3, "solution": true}
def batch_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """(B, n, k) @ (B, k, m) -> (B, n, m), einsum 으로 구현하세요."""
    ### BEGIN SOLUTION
    return torch.einsum("bnk,bkm->bnm", a, b)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_batch_matmul", "locked": true, "points": 2, "schema_version": 3, "solution": false}
a, b = torch.ones(2, 3, 4), torch.ones(2, 4, 5)
out = batch_matmul(a, b)
assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
assert tuple(out.shape) == (2, 3, 5), "결과 shape 이 (B, n, m) 이어야 합니다"
### BEGIN HIDDEN TESTS
g = torch.Generator().manual_seed(7)
dims = [(3, 2, 6, 4), (2, 4, 3, 4), (1, 3, 3, 3), (4, 1, 5, 2)]   # (B, n, k, m), includes n == m and B == 1
for bsz, n, k, m in dims:
    a = torch.randn(bsz, n, k, generator=g).to(device)
    b = torch.randn(bsz, k, m, generator=g).to(device)
    a_before, b_before = a.clone(), b.clone()
    a64, b64 = a.double().cpu(), b.double().cpu()
    expected = torch.stack([
        torch.stack([torch.stack([(a64[i, r, :] * b64[i, :, c]).sum() for c in range(m)]) for r in range(n)])
        for i in range(bsz)
    ])
    out = batch_matmul(a, b)
    assert type(out) is torch.Tensor, "torch.Tensor 를 돌려주어야 합니다"
    assert tuple(out.shape) == (bsz, n, m), "결과 shape 이 (B, n, m) 이어야 합니다"
    assert out.dtype == a.dtype, "dtype 을 바꾸지 마세요"
    assert out.device.type == a.device.type, "입력과 같은 장치에 있어야 합니다"
    assert torch.allclose(out.double().cpu(), expected, rtol=1e-5, atol=1e-5), "임의 입력에서 값이 다릅니다"
    assert torch.equal(a, a_before) and torch.equal(b, b_before), "입력 텐서를 바꾸면 안 됩니다"
a64 = torch.randn(2, 3, 2, generator=g, dtype=torch.float64).to(device)
b64 = torch.randn(2, 2, 3, generator=g, dtype=torch.float64).to(device)
assert batch_matmul(a64, b64).dtype == torch.float64, "float64 입력이면 결과도 float64 여야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 9. 실험: 뷰인가, 복사인가? 새로 잡힌 메모리 재기 (3점)
#
# 뷰는 원본의 저장 공간을 함께 쓰므로 메모리를 새로 잡지 않고, 복사는 결과만큼 메모리를 새로 잡습니다.
# 연산마다 어느 쪽인지 짐작하지 말고 재 봅시다.
#
# **(가)** `new_memory_bytes(x, out)`을 완성하세요. `out`이 `x`와 저장 공간을 공유하면(문제 2) `0`을,
# 아니면 `out`이 쓰는 저장 공간의 바이트 수 `out.untyped_storage().nbytes()`를 **파이썬 `int`** 로 돌려줍니다.
# 문제 2의 `shares_memory`를 써도 됩니다. 입력은 바꾸지 않습니다.
#
# **(나)** 아래 셀의 `batch`(모양 (64, 3, 32, 32), float32)에 `OPERATIONS`의 연산을 하나씩 적용해 `new_memory_bytes`로 재고,
# 결과를 사전 `measured`(연산 이름 → 바이트 수, 파이썬 `int`)에 모두 담으세요. 그리고 재 본 결과에서
# `copying_ops`: 메모리를 새로 잡은(바이트 수가 0보다 큰) 연산 이름의 집합(`set`)을 만드세요.
#
# 실행하기 전에 어느 연산이 복사할지 먼저 적어 보고, 결과와 비교해 보세요. 채점은 같은 연산을 다시 재서 확인합니다.

# %%
torch.manual_seed(0)
batch = torch.randn(64, 3, 32, 32)
OPERATIONS = {
    "x[:, 1]": lambda x: x[:, 1],
    "x[::2]": lambda x: x[::2],
    "x.reshape(64, -1)": lambda x: x.reshape(64, -1),
    "x.permute(0, 2, 3, 1)": lambda x: x.permute(0, 2, 3, 1),
    "x.permute(0, 2, 3, 1).reshape(64, -1)": lambda x: x.permute(0, 2, 3, 1).reshape(64, -1),
    "x.transpose(2, 3).contiguous()": lambda x: x.transpose(2, 3).contiguous(),
    "x.contiguous()": lambda x: x.contiguous(),
    "x[x > 1]": lambda x: x[x > 1],
    "x.to(torch.float16)": lambda x: x.to(torch.float16),
    "x.to(torch.float32)": lambda x: x.to(torch.float32),
    "x.unsqueeze(1)": lambda x: x.unsqueeze(1),
}


# %% [markdown]
# 아래 답 셀에 (가) `new_memory_bytes`와 (나) `measured`, `copying_ops`를 채우세요.

# %% nbgrader={"grade": false, "grade_id": "ex_memory_experiment", "locked": false, "schema_version": 3, "solution": true}
def new_memory_bytes(x: torch.Tensor, out: torch.Tensor) -> int:
    """0 when out shares x's storage, else the bytes of out's storage."""
    ### BEGIN SOLUTION
    if shares_memory(x, out):
        return 0
    return int(out.untyped_storage().nbytes())
    ### END SOLUTION


### BEGIN SOLUTION
measured = {name: new_memory_bytes(batch, op(batch)) for name, op in OPERATIONS.items()}
copying_ops = {name for name, nbytes in measured.items() if nbytes > 0}
### END SOLUTION
for name, nbytes in measured.items():
    print(f"{name:40s} {nbytes / 1024:8.1f} KiB")

# %% nbgrader={"grade": true, "grade_id": "test_memory_experiment", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_b = new_memory_bytes(torch.arange(6.0), torch.arange(6.0).clone())
assert type(_b) is int, "파이썬 int 를 돌려주어야 합니다"
assert type(measured) is dict and set(measured) == set(OPERATIONS), "measured 에 OPERATIONS 의 연산 이름이 모두 있어야 합니다"
assert all(type(v) is int for v in measured.values()), "measured 의 값은 파이썬 int 여야 합니다"
assert type(copying_ops) is set, "copying_ops 는 set 이어야 합니다"
### BEGIN HIDDEN TESTS
def _judge_bytes(x, out):
    same = x.device == out.device and x.untyped_storage().data_ptr() == out.untyped_storage().data_ptr()
    return 0 if same else out.untyped_storage().nbytes()


# (a) new_memory_bytes on fresh pairs: views with an offset, copies of other dtypes, from_numpy
_g = torch.Generator().manual_seed(4)
_base = torch.randn(5, 6, generator=_g).to(device)
_base_before = _base.clone()
_pairs = [
    (_base, _base[2:]),                         # view that starts later: 0
    (_base, _base[:, 1::2]),                    # strided view: 0
    (_base, _base.t()),                         # transpose: 0
    (_base, _base.t().reshape(-1)),             # reshape of a transpose copies
    (_base, _base[_base > 0]),                  # boolean mask copies
    (_base, _base.double()),                    # new dtype: twice the bytes per element
    (_base, _base.to(torch.uint8)),
    (_base[1:], _base[1:].clone()),
]
for _x, _out in _pairs:
    _got = new_memory_bytes(_x, _out)
    assert type(_got) is int, "파이썬 int 를 돌려주어야 합니다"
    assert _got == _judge_bytes(_x, _out), "새로 잡힌 메모리의 바이트 수가 틀렸습니다 (뷰는 0, 복사는 결과의 저장 공간 크기)"
assert torch.equal(_base, _base_before), "입력 텐서를 바꾸면 안 됩니다"
_arr = np.arange(10, dtype=np.float64)
assert new_memory_bytes(torch.from_numpy(_arr), torch.from_numpy(_arr)[3:]) == 0, "from_numpy 로 만든 텐서의 뷰는 메모리를 새로 잡지 않습니다"
# (b) the judge re-measures the experiment on its own batch (the given cell runs in the judge)
for _name, _op in OPERATIONS.items():
    _expected = _judge_bytes(batch, _op(batch))
    assert measured[_name] == _expected, f"'{_name}' 의 측정값이 틀렸습니다. 직접 재 보세요"
assert copying_ops == {_n for _n, _op in OPERATIONS.items() if _judge_bytes(batch, _op(batch)) > 0}, "copying_ops 가 측정 결과와 맞지 않습니다"
### END HIDDEN TESTS

# %% [markdown]
# ### 마치며
#
# 모든 테스트 셀을 실행해 오류가 없는지 확인한 뒤 제출하세요. 숨은 테스트에서 무엇을 더 확인할지 떠올려 보고(다른 dtype, N = 1, 축 크기가 우연히 같은 경우,
# 입력을 바꾸지 않는지) 직접 몇 가지 입력으로 시험해 보면 좋습니다. 개념이 헷갈리면 강의 노트북의 ⚠️ 자주 하는 실수와 📝 요약을 다시 보세요.

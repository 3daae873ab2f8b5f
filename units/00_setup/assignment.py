# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import math
import platform

import numpy as np
import torch

import helpers

device = helpers.setup(seed=0)


# %% [markdown]
# ## 🎯 학습 목표
#
# - CUDA 사용 가능 여부를 **호출할 때마다** 확인해 `torch.device` 를 고르는 함수를 쓸 수 있다.
# - 환경 보고서를 정확한 키와 자료형(`str`, `bool`, `int`)으로 만들 수 있다.
# - 자료형과 모양으로 텐서의 메모리를 계산해, 메모리 예산에 들어가는 배치 크기를 구할 수 있다.
# - 자료형마다 정확히 담을 수 있는 정수의 한계를 실험으로 찾아, 메모리와 정밀도의 맞바꿈을 설명할 수 있다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. GPU 가 없는 컴퓨터에서 `"cuda"` 나 `"cuda:1"` 을 원하면 어떻게 해야 안전한가? 모르는 장치 이름은?
# 2. `torch.__version__` 은 정말 `str` 인가? `torch.cuda.is_available` 과 `torch.cuda.is_available()` 은 무엇이 다른가?
# 3. 배치 하나의 메모리는 무엇으로 정해지고, MiB 와 MB 는 어떻게 다른가?
# 4. float16 으로 메모리를 반으로 줄이면 무엇을 잃는가?

# %% [markdown]
# ## 과제 안내
#
# 세 함수를 완성하고, 실험 하나의 결과를 보고합니다. 각 문제의 답 셀에서 `raise NotImplementedError()` 를 지우고 코드를 쓰세요. 바로 아래 테스트 셀이 모양과 간단한 경우를 확인하고,
# 채점할 때는 숨은 테스트가 더 많은 경우를 확인합니다.
#
# - GPU 가 없어도 됩니다. 채점은 "GPU 가 있는 척" 하는 상황도 만들어 확인하므로, **규칙대로** 쓰면 어느 컴퓨터에서나 같은 점수를 받습니다.
# - 내기 전에 **Kernel → Restart Kernel and Run All Cells** 로 처음부터 실행하고, JupyterLab 의 **Validate** 로 확인하세요.
#
# | 문제 | 함수 | 점수 |
# |---|---|---|
# | 1 | `pick_device(prefer=None)` | 3 |
# | 2 | `env_report()` | 3 |
# | 3 | `max_batch_size(sample_shape, dtype, budget_mib)` | 2 |
# | 4 | 실험: `FIRST_INEXACT` (자료형이 정확히 담는 정수의 한계) | 2 |

# %% [markdown]
# ### 문제 1. `pick_device(prefer=None)`: 장치 고르기 (3점)
#
# 원하는 장치 이름 `prefer` 를 받아 실제로 쓸 `torch.device` 를 돌려주는 함수를 만드세요.
#
# | `prefer` | 돌려줄 값 |
# |---|---|
# | `None` (기본값) | CUDA 를 쓸 수 있으면 `torch.device("cuda")`, 아니면 `torch.device("cpu")` |
# | `"cpu"` | `torch.device("cpu")` (CUDA 가 있어도) |
# | `"cuda"` | CUDA 를 쓸 수 있으면 `torch.device("cuda")`, 아니면 오류 없이 `torch.device("cpu")` |
# | `"cuda:N"` (N 은 0 이상의 정수, 예: `"cuda:0"`, `"cuda:1"`) | CUDA 를 쓸 수 있고 GPU 가 N+1 개 이상이면 (`N < torch.cuda.device_count()`) `torch.device("cuda:N")`, 아니면 오류 없이 `torch.device("cpu")` |
# | `"mps"` (Apple GPU) | `torch.backends.mps.is_available()` 이면 `torch.device("mps")`, 아니면 오류 없이 `torch.device("cpu")` |
# | 그 밖의 문자열 (`"gpu"`, `"tpu"`, `""`, `"cuda0"`, `"cuda:"`, `"cuda:x"`, `"cuda:-1"` 등) | `ValueError` 를 일으킵니다 |
#
# - 이름의 대소문자는 구분하지 않습니다: `"CPU"`, `"Cuda"`, `"CUDA:1"`, `"MPS"` 도 받습니다.
# - 돌려주는 값은 문자열이 아니라 `torch.device` 객체입니다.
# - CUDA 를 쓸 수 있는지와 GPU 개수는 **함수가 불릴 때마다** `torch.cuda.is_available()`, `torch.cuda.device_count()` 로 확인하세요.
#   함수 밖에서 미리 계산해 둔 값은 쓰지 않습니다. 채점은 GPU 가 0개, 1개, 2개인 척하는 상황에서 `"cuda:0"`, `"cuda:1"` 등을 모두 부릅니다.
# - 힌트: `torch.device("cuda:x")` 는 `ValueError` 가 아니라 `RuntimeError` 를 냅니다. 이름을 먼저 직접 확인하세요
#   (`str.startswith`, `str.isdigit`).

# %% nbgrader={"grade": false, "grade_id": "ex_pick_device", "locked": false, "schema_version": 3, "solution": true}
def pick_device(prefer: str | None = None) -> torch.device:
    """prefer(None, "cpu", "cuda", "cuda:N", "mps"; 대소문자 무시)에 따라 쓸 torch.device 를 돌려줍니다."""
    ### BEGIN SOLUTION
    cuda_ok = torch.cuda.is_available()
    if prefer is None:
        return torch.device("cuda" if cuda_ok else "cpu")
    name = prefer.lower()
    if name == "cpu":
        return torch.device("cpu")
    if name == "cuda":
        return torch.device("cuda" if cuda_ok else "cpu")
    if name.startswith("cuda:") and name[5:].isdigit():
        index = int(name[5:])
        return torch.device(f"cuda:{index}" if cuda_ok and index < torch.cuda.device_count() else "cpu")
    if name == "mps":
        return torch.device("mps" if torch.backends.mps.is_available() else "cpu")
    raise ValueError(f"알 수 없는 장치 이름입니다: {prefer!r} ('cpu', 'cuda', 'cuda:0', 'mps' 중 하나를 쓰세요)")
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_pick_device", "locked": true, "points": 3, "schema_version": 3, "solution": false}
d = pick_device("cpu")
assert type(d) is torch.device, "문자열이 아니라 torch.device 객체를 돌려주어야 합니다"
assert d.type == "cpu", "'cpu' 를 고르면 CPU 장치여야 합니다"
assert type(pick_device()) is torch.device, "prefer 없이 불러도 torch.device 를 돌려주어야 합니다"
try:
    pick_device("gpu")
except ValueError:
    gpu_raised = True
else:
    gpu_raised = False
assert gpu_raised, "'gpu' 는 PyTorch 의 장치 이름이 아니므로 ValueError 가 나야 합니다"
### BEGIN HIDDEN TESTS
from grading.testkit import with_fake_cuda

real = pick_device()
assert type(real) is torch.device, "prefer 없이 불러도 torch.device 를 돌려주어야 합니다"
assert real.type == ("cuda" if torch.cuda.is_available() else "cpu"), "prefer=None: 이 컴퓨터에서 가장 좋은 장치가 아닙니다"
for cuda_ok, count in ((True, 1), (False, 0), (True, 2)):
    # pick_device runs while torch.cuda reports cuda_ok / count devices
    best = "cuda" if cuda_ok else "cpu"
    for prefer in (None, "cuda", "CUDA", "Cuda"):
        d = with_fake_cuda(cuda_ok, count, pick_device, prefer)
        assert type(d) is torch.device, f"prefer={prefer!r}: torch.device 객체를 돌려주어야 합니다"
        assert d.type == best, f"prefer={prefer!r}: CUDA 사용 가능 여부(호출할 때의 값)를 따르지 않습니다"
    for prefer in ("cpu", "CPU", "Cpu"):
        d = with_fake_cuda(cuda_ok, count, pick_device, prefer)
        assert type(d) is torch.device, f"prefer={prefer!r}: torch.device 객체를 돌려주어야 합니다"
        assert d.type == "cpu", f"prefer={prefer!r}: CUDA 가 있어도 'cpu' 를 고르면 CPU 여야 합니다"
    for prefer, index in (("cuda:0", 0), ("CUDA:1", 1), ("cuda:1", 1), ("cuda:3", 3), ("cuda:10", 10)):
        d = with_fake_cuda(cuda_ok, count, pick_device, prefer)
        assert type(d) is torch.device, f"prefer={prefer!r}: torch.device 객체를 돌려주어야 합니다"
        if cuda_ok and index < count:
            assert d.type == "cuda" and d.index == index, \
                f"prefer={prefer!r}: GPU 가 {count}개일 때 그 번호의 CUDA 장치여야 합니다"
        else:
            assert d.type == "cpu", f"prefer={prefer!r}: GPU 가 {count}개일 때는 CPU 로 물러나야 합니다"
    for bad in ("gpu", "tpu", "", "cuda0", "cuda:", "cuda:x", "cuda:-1", "cuda:1:2", "mps:0"):
        try:
            with_fake_cuda(cuda_ok, count, pick_device, bad)
        except ValueError:
            bad_raised = True
        else:
            bad_raised = False
        assert bad_raised, f"prefer={bad!r}: 알 수 없는 이름이면 ValueError 가 나야 합니다"
mps_ok = torch.backends.mps.is_available()
for prefer in ("mps", "MPS"):
    d = pick_device(prefer)
    assert type(d) is torch.device, f"prefer={prefer!r}: torch.device 객체를 돌려주어야 합니다"
    assert d.type == ("mps" if mps_ok else "cpu"), f"prefer={prefer!r}: Apple GPU(MPS) 사용 가능 여부를 따르지 않습니다"
### END HIDDEN TESTS

# %% [markdown]
# ### 문제 2. `env_report()`: 환경 보고서 (3점)
#
# 질문을 올릴 때 붙일 환경 보고서를 `dict` 로 돌려주는 함수를 만드세요. 키는 **정확히 다음 다섯 개** 이고, 값의 자료형도 정확히 지켜야 합니다.
#
# | 키 | 값 | 자료형 |
# |---|---|---|
# | `"python"` | 파이썬 버전, 예: `"3.11.7"` (숫자 세 개를 점으로 이은 것) | `str` |
# | `"torch"` | PyTorch 버전 (`torch.__version__` 의 글자 그대로) | `str` |
# | `"numpy"` | NumPy 버전 | `str` |
# | `"cuda_available"` | 지금 CUDA GPU 를 쓸 수 있는지 | `bool` |
# | `"device_count"` | 쓸 수 있는 CUDA GPU 개수 (없으면 `0`) | `int` |
#
# - 값은 함수가 **불릴 때** 계산합니다 (채점은 GPU 가 있는 척하는 상황에서도 부릅니다).
# - 자료형은 `type(값) is str` 처럼 정확히 확인합니다. 힌트: `type(torch.__version__)` 을 출력해 보세요. 겉보기와 다를 수 있습니다.

# %% nbgrader={"grade": false, "grade_id": "ex_env_report", "locked": false, "schema_version": 3, "solution": true}
def env_report() -> dict:
    """python, torch, numpy 버전(str)과 cuda_available(bool), device_count(int)를 담은 dict 를 돌려줍니다."""
    ### BEGIN SOLUTION
    cuda_ok = torch.cuda.is_available()
    return {
        "python": platform.python_version(),
        "torch": str(torch.__version__),
        "numpy": str(np.__version__),
        "cuda_available": bool(cuda_ok),
        "device_count": int(torch.cuda.device_count()) if cuda_ok else 0,
    }
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_env_report", "locked": true, "points": 3, "schema_version": 3, "solution": false}
report = env_report()
assert type(report) is dict, "dict 를 돌려주어야 합니다"
assert all(type(k) is str for k in report), "키는 문자열이어야 합니다"
assert sorted(report) == ["cuda_available", "device_count", "numpy", "python", "torch"], "키가 정확히 다섯 개(표와 같은 이름)여야 합니다"
for key in ("python", "torch", "numpy"):
    assert type(report[key]) is str, f"{key!r} 의 값은 일반 str 이어야 합니다 (type() 으로 확인해 보세요)"
assert type(report["cuda_available"]) is bool, "'cuda_available' 의 값은 bool 이어야 합니다"
assert type(report["device_count"]) is int, "'device_count' 의 값은 int 이어야 합니다"
### BEGIN HIDDEN TESTS
import platform as _platform

import numpy as _np

from grading.testkit import with_fake_cuda

report = env_report()
assert report["python"] == _platform.python_version(), "'python' 값이 실행 중인 파이썬 버전과 다릅니다"
assert report["torch"] == str(torch.__version__), "'torch' 값이 설치된 PyTorch 버전과 다릅니다"
assert report["numpy"] == str(_np.__version__), "'numpy' 값이 설치된 NumPy 버전과 다릅니다"
assert report["cuda_available"] is torch.cuda.is_available(), "'cuda_available' 값이 실제와 다릅니다"
assert report["device_count"] == torch.cuda.device_count(), "'device_count' 값이 실제 GPU 개수와 다릅니다"
for cuda_ok, count in ((True, 2), (False, 0), (True, 1)):
    fake = with_fake_cuda(cuda_ok, count, env_report)
    assert type(fake) is dict, "dict 를 돌려주어야 합니다"
    assert type(fake["cuda_available"]) is bool, "'cuda_available' 의 값은 bool 이어야 합니다"
    assert fake["cuda_available"] is cuda_ok, "'cuda_available' 이 호출할 때의 CUDA 사용 가능 여부를 따르지 않습니다"
    assert type(fake["device_count"]) is int, "'device_count' 의 값은 int 이어야 합니다"
    assert fake["device_count"] == count, "'device_count' 가 호출할 때의 GPU 개수를 따르지 않습니다"
first = env_report()
first["python"] = "0.0.0"
assert env_report()["python"] == _platform.python_version(), "부를 때마다 새 dict 를 만들어 돌려주어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ### 문제 3. `max_batch_size(sample_shape, dtype, budget_mib)`: 메모리에 들어가는 배치 (2점)
#
# GPU 메모리는 유한합니다. 샘플 한 개의 모양 `sample_shape` (예: 컬러 이미지 `(3, 224, 224)`)와 자료형 `dtype` 이 주어질 때,
# 입력 배치 텐서 `(B, *sample_shape)` 가 메모리 예산 `budget_mib` MiB 안에 **들어가는 가장 큰 정수 B** 를 돌려주세요.
#
# - 1 MiB 는 2²⁰ = 1,048,576 바이트입니다 (10⁶ 바이트인 MB 가 아닙니다).
# - 원소 하나의 바이트 수는 `dtype` 에 따라 다릅니다. 강의의 ⚠️ 5 에서 본 `element_size()` 를 떠올려 보세요.
# - 예산에 딱 맞게 들어가면 그 배치도 들어가는 것입니다. 샘플 하나도 들어가지 않으면 `0` 입니다.
# - `sample_shape` 의 차원은 모두 1 이상입니다. `sample_shape == ()` 이면 샘플 하나가 원소 하나입니다.
# - 돌려주는 값은 파이썬 `int` 입니다.
# - 여기서는 입력만 셉니다. 실제 학습에는 가중치·활성값·기울기가 더해지므로 이보다 훨씬 작은 배치만 들어갑니다.
#
# 예: `max_batch_size((1024,), torch.float32, 1)` → 한 샘플이 4096 바이트이므로 `256`.

# %% nbgrader={"grade": false, "grade_id": "ex_max_batch_size", "locked": false, "schema_version": 3, "solution": true}
def max_batch_size(sample_shape: tuple[int, ...], dtype: torch.dtype, budget_mib: float) -> int:
    """(B, *sample_shape) 의 dtype 텐서가 budget_mib MiB 안에 들어가는 가장 큰 B 를 돌려줍니다."""
    ### BEGIN SOLUTION
    per_sample = math.prod(sample_shape) * torch.empty(0, dtype=dtype).element_size()
    return int(budget_mib * 2**20 // per_sample)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_max_batch_size", "locked": true, "points": 2, "schema_version": 3, "solution": false}
b = max_batch_size((1024,), torch.float32, 1)
assert type(b) is int, "파이썬 int 를 돌려주어야 합니다"
assert b == 256, "(1024,) float32 샘플은 1 MiB 에 256 개 들어갑니다"
### BEGIN HIDDEN TESTS
import math as _math
from fractions import Fraction

_BYTES = {torch.float32: 4, torch.float16: 2, torch.bfloat16: 2, torch.float64: 8, torch.uint8: 1, torch.int64: 8,
          torch.int32: 4}
cases = [
    ((3, 224, 224), torch.float32, 100),
    ((3, 224, 224), torch.float16, 100),
    ((3, 64, 64), torch.float16, 1),
    ((3, 64, 64), torch.bfloat16, 2.5),
    ((256,), torch.float32, 1),
    ((256,), torch.float32, 0.75),
    ((28, 28), torch.uint8, 0.5),
    ((), torch.uint8, 1),
    ((10,), torch.int64, 3),
    ((7, 11), torch.int32, 1.25),
    ((3, 224, 224), torch.float64, 1),
    ((5,), torch.float32, 0),
]
for shape, dtype, budget in cases:
    per_sample = _math.prod(shape) * _BYTES[dtype]
    expected = _math.floor(Fraction(budget) * 2**20 / per_sample)
    got = max_batch_size(shape, dtype, budget)
    assert type(got) is int, f"{shape}, {dtype}, {budget} MiB: 파이썬 int 를 돌려주어야 합니다"
    assert got == expected, f"{shape}, {dtype}, {budget} MiB: 배치 크기가 틀렸습니다"
### END HIDDEN TESTS

# %% [markdown]
# ### 문제 4. 실험: 반으로 줄인 자료형이 잃는 것 (2점)
#
# 문제 3에서 float16·bfloat16 은 float32 의 절반 메모리라 배치가 두 배로 들어간다는 것을 보았습니다. 대신 무엇을 잃을까요?
# 이번 문제는 함수가 아니라 **실험 결과** 를 보고합니다 (GPU 없이 어느 컴퓨터에서나 같은 값이 나옵니다).
#
# 세 자료형 `torch.float16`, `torch.bfloat16`, `torch.float32` 각각에 대해, 0, 1, 2, 3, … 차례로 정수를 그 자료형의 텐서로 바꾸었다가
# 다시 정수로 읽었을 때 **처음으로 원래 값과 달라지는 양의 정수** 를 찾아 `FIRST_INEXACT` 에 적으세요.
#
# - 형식: `FIRST_INEXACT = {"float16": 정수, "bfloat16": 정수, "float32": 정수}`, 값은 파이썬 `int`.
# - 세 값 모두 $2^{25}$ 보다 작습니다. 정수를 하나씩 반복하면 float32 는 수천만 번이라 느립니다.
#   `torch.arange(n)` 으로 후보를 한꺼번에 만들고 `.to(dtype)` 으로 바꾼 뒤 다시 `.to(torch.int64)` 로 돌려 비교해 보세요
#   (`torch.float16` 으로 바꿀 수 없을 만큼 큰 수는 `inf` 가 되지만, 답은 그보다 훨씬 작습니다).
# - 실험 코드는 답 셀에 자유롭게 쓰세요. 채점 코드는 같은 실험을 스스로 다시 해서 여러분의 값과 비교합니다.
#
# 찾은 뒤 생각해 보세요: 같은 2바이트인데 float16 과 bfloat16 의 값이 왜 다를까요? 숫자를 "얼마나 크게" 담는 것과 "얼마나 촘촘히" 담는 것 중
# 무엇을 포기했을까요? (픽셀 값 0~255 는 셋 모두 정확히 담을 수 있습니다.)

# %% nbgrader={"grade": false, "grade_id": "ex_first_inexact", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
def first_inexact(dtype: torch.dtype, limit: int = 2**25, chunk: int = 2**20) -> int:
    """Smallest positive integer that does not survive int -> dtype -> int (scanned chunk by chunk)."""
    for start in range(0, limit, chunk):
        n = torch.arange(start, start + chunk, dtype=torch.int64)
        bad = torch.nonzero(n.to(dtype).to(torch.int64) != n)
        if len(bad):
            return start + int(bad[0, 0])
    raise ValueError("limit 안에서 찾지 못했습니다")


FIRST_INEXACT = {name: first_inexact(getattr(torch, name)) for name in ("float16", "bfloat16", "float32")}
### END SOLUTION
print(FIRST_INEXACT)

# %% nbgrader={"grade": true, "grade_id": "test_first_inexact", "locked": true, "points": 2, "schema_version": 3, "solution": false}
assert type(FIRST_INEXACT) is dict, "FIRST_INEXACT 는 dict 여야 합니다"
assert sorted(FIRST_INEXACT) == ["bfloat16", "float16", "float32"], "키는 'float16', 'bfloat16', 'float32' 세 개여야 합니다"
assert all(type(v) is int for v in FIRST_INEXACT.values()), "값은 파이썬 int 여야 합니다 (int(...) 로 바꾸세요)"
assert all(0 < v < 2**25 for v in FIRST_INEXACT.values()), "값은 1 이상 2**25 미만의 정수입니다"
### BEGIN HIDDEN TESTS
def _first_bad(dtype):
    # scan in growing windows so that the check stays cheap; each candidate is tested exactly
    lo = 0
    for hi in (2**12, 2**20, 2**25):
        n = torch.arange(lo, hi, dtype=torch.int64)
        bad = torch.nonzero(n.to(dtype).to(torch.int64) != n)
        if len(bad):
            return lo + int(bad[0, 0])
        lo = hi
    raise AssertionError("채점 실험의 결과가 예상과 다릅니다 (강사에게 알려 주세요)")

for _name in ("float16", "bfloat16", "float32"):
    _want = _first_bad(getattr(torch, _name))
    assert FIRST_INEXACT[_name] == _want, \
        f"{_name}: 처음으로 정확히 담기지 않는 정수가 다릅니다 (그 자료형으로 바꿨다가 다시 정수로 읽어 보세요)"
### END HIDDEN TESTS

# %% [markdown]
# ## 마치며
#
# 네 테스트 셀이 모두 오류 없이 지나가면 기본은 된 것입니다. 채점 때는 숨은 테스트가 표의 규칙을 더 꼼꼼히 확인하니, 규칙을 한 번 더 읽어 보세요. 이 과정의 모든 노트북은 `pick_device` 와 같은 생각으로 만든 `helpers.setup()` 으로 장치를 고르고,
# `env_report` 처럼 환경을 한 줄로 보고합니다. 환경에 문제가 있으면 `python -m helpers doctor` 를 먼저 실행해 보세요.

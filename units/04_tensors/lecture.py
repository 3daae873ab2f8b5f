# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import time

import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn

import helpers

device = helpers.setup(seed=0)

# %% [markdown]
# ## 🎯 학습 목표
#
# - 텐서(tensor)가 무엇이고 NumPy 배열(ndarray)과 무엇이 다른지 설명하고, 리스트·ndarray·생성 함수로 텐서를 만들 수 있다.
# - 텐서를 CPU와 GPU에 만들고 옮기는 4가지 방법을 구분하고, "이동"이 실제로는 **복사**라는 것(이미 그 장치에 있으면 복사하지 않는다는 것까지)을 `data_ptr()`로 확인할 수 있다.
# - 자료형(dtype)을 직접 정하고, `torch.tensor`(복사)와 `torch.from_numpy`(메모리 공유)의 차이를 설명할 수 있다.
# - 인덱싱·마스크·`view`/`reshape`/`squeeze`/`unsqueeze`·브로드캐스팅·`matmul`/`einsum`으로 텐서의 모양과 값을 원하는 대로 바꿀 수 있다.
# - 이미지 배치(N×C×H×W)와 동영상 배치(N×T×C×H×W)의 각 차원이 무엇을 뜻하는지 읽을 수 있다.

# %% [markdown]
# ## 🤔 단서 질문
#
# 1. 텐서는 무엇이고, NumPy 배열을 신경망에 바로 넣으면 왜 안 되는가?
# 2. 텐서를 만들고 옮기는 4가지 방법은 무엇이며, "옮긴" 뒤에 원본은 어떻게 되는가?
# 3. dtype은 어떻게 정해지고, 왜 추론에 맡기지 말고 직접 정해야 하는가?
# 4. `torch.tensor(arr)`와 `torch.from_numpy(arr)`는 무엇이 다르고, 메모리 공유는 어떻게 확인하는가? 슬라이스와 마스크 인덱싱은 원본과 메모리를 공유하는가?
# 5. `view`·`reshape`·`squeeze`·`unsqueeze`는 언제 쓰며, `view`는 언제 실패하는가? 전치(transpose)와 `reshape`는 왜 결과가 다른가?
# 6. 브로드캐스팅은 어떤 규칙으로 모양이 다른 텐서끼리 계산하는가? `*`, `@`, `einsum`은 어떻게 다른가?
# 7. 이미지·동영상 배치 텐서의 각 차원은 무엇을 뜻하는가?
#
# > 준비 셀에서는 파이썬 내장 모듈(`time`)을 먼저, 외부 패키지(`numpy`, `torch`)를 그다음에, 우리 과정의 `helpers`를 마지막에 불러옵니다.
# > `helpers.setup()`은 시드를 고정하고, 쓸 장치(`device`)를 골라 돌려줍니다. GPU가 있으면 `cuda`, 없으면 `cpu`입니다.

# %% [markdown]
# ## 1. 텐서란 무엇인가
#
# **텐서(tensor)** 는 같은 자료형(dtype)의 숫자를 담는 n차원 배열입니다. 신경망의 입력, 출력, 가중치가 모두 텐서입니다.
# 그래서 텐서를 "신경망의 재료"라고 부릅니다. 차원(dimension) 수에 따라 이름이 달라집니다.
#
# | 차원 수 (`ndim`) | 이름 | 예 |
# |---|---|---|
# | 0 | 스칼라 (scalar) | 손실값 하나 |
# | 1 | 벡터 (vector) | 샘플 하나의 특성들 |
# | 2 | 행렬 (matrix) | 표 데이터 한 묶음, 가중치 행렬 |
# | 3 이상 | 텐서 | 이미지 배치, 동영상 배치 |
#
# **실행하기 전에 예상해 보세요**: 아래 네 텐서의 `ndim`과 `shape`는 각각 무엇일까요? `torch.tensor(7)`의 `shape`는 어떻게 찍힐까요?

# %%
scalar = torch.tensor(7)
vector = torch.tensor([1, 2, 3, 4])
matrix = torch.tensor([[1, 2, 3], [4, 5, 6]])
cube = torch.zeros(2, 3, 4)
for name, t in [("스칼라", scalar), ("벡터", vector), ("행렬", matrix), ("3차원 텐서", cube)]:
    print(f"{name:7s} ndim={t.ndim}  shape={tuple(t.shape)}")

# %% [markdown]
# 모든 텐서는 네 가지 기본 속성을 가집니다: 모양(`shape` 또는 `size()`), 자료형(`dtype`), 장치(`device`), 차원 수(`ndim`).

# %%
x = torch.tensor([[1, 2], [3, 4]])
print("shape :", x.shape, "=", x.size())
print("dtype :", x.dtype)
print("device:", x.device)
print("ndim  :", x.ndim)

# %% [markdown]
# **눈여겨볼 점**: 장치를 정하지 않으면 텐서는 CPU 메모리(RAM)에 만들어집니다. 정수만 넣었으므로 dtype은 `int64`로 정해졌습니다(3절).
#
# 텐서는 NumPy 배열과 아주 비슷하게 생겼지만 **ndarray가 아닙니다**.
#
# | 항목 | PyTorch 텐서 | NumPy ndarray |
# |---|---|---|
# | 신경망 입력 | 가능 | 불가능 (먼저 텐서로 바꿔야 함) |
# | GPU 계산 | 가능 | 불가능 |
# | 자동 미분 기록 | 가능 (`requires_grad`) | 없음 |
# | 원소 자료형 | 한 가지로 통일 | 한 가지로 통일 |
# | 서로 변환 | `torch.from_numpy`, `torch.tensor` | `tensor.numpy()` |

# %%
arr = np.array([[1.0, 2.0], [3.0, 4.0]])
t = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
print("arr 의 타입:", type(arr))
print("t 의 타입  :", type(t))
print("텐서가 ndarray 인가?", isinstance(t, np.ndarray))

# %% [markdown]
# 🧪 **해 보기**: `torch.tensor([[1, 2], [3]])`처럼 행마다 길이가 다른 리스트로 텐서를 만들면 어떻게 될까요? `torch.zeros(2, 3, 4, 5)`의 `ndim`은요?
#
# 📚 **더 읽을거리**: [torch.Tensor](https://docs.pytorch.org/docs/stable/tensors.html)
# · [d2l 2.1 데이터 다루기](https://d2l.ai/chapter_preliminaries/ndarray.html)

# %% [markdown]
# ## 2. 텐서를 만들고 옮기는 4가지 방법
#
# 텐서는 CPU 메모리(RAM) 또는 GPU 메모리(VRAM)에 있습니다. 만들고 옮기는 방법은 네 가지입니다.
# 아래 코드는 `cuda` 대신 준비 셀의 `device`를 씁니다. GPU가 없으면 `device`가 `cpu`이므로 같은 코드가 그대로 돌아갑니다.
#
# | 번호 | 방법 | 코드 | 저장 위치 | 주의 |
# |---|---|---|---|---|
# | ① | CPU에 만들기 | `torch.tensor([1, 2, 3])` | RAM | 장치를 정하지 않으면 이것 |
# | ② | CPU → GPU 복사 | `x.to(device)` | VRAM | 복사본이 생기고 원본은 RAM에 남음 |
# | ③ | GPU에 바로 만들기 | `torch.tensor([1, 2, 3], device=device)` | VRAM | 복사 시간이 없어 빠름 |
# | ④ | GPU → CPU 복사 | `x_gpu.cpu()` | RAM | 복사본이 생기고 원본은 VRAM에 남음 |
#
# 역할도 나뉩니다. GPU는 큰 텐서의 계산(행렬 곱 등)을 맡고, 화면 출력(`print`)·파일 읽기·NumPy 변환은 CPU가 합니다.
# GPU 텐서를 `print`하면 값이 먼저 CPU로 복사된 뒤 출력됩니다.

# %%
x_cpu = torch.tensor([1.0, 2.0, 3.0])                  # ① CPU 에 만들기
x_dev = x_cpu.to(device)                               # ② CPU → device 로 복사
y_dev = torch.tensor([1.0, 2.0, 3.0], device=device)   # ③ device 에 바로 만들기
y_cpu = y_dev.cpu()                                    # ④ device → CPU 로 복사
for name, t in [("① x_cpu", x_cpu), ("② x_dev", x_dev), ("③ y_dev", y_dev), ("④ y_cpu", y_cpu)]:
    print(f"{name}: device={t.device}")

# %% [markdown]
# `data_ptr()`은 텐서의 첫 원소가 놓인 **메모리 주소**입니다. 같은 장치에서 주소가 같으면 같은 메모리를 보는 것입니다.
# (거꾸로 주소가 다르다고 꼭 복사본은 아닙니다. 8절에서 봅니다.)
#
# **실행하기 전에 예상해 보세요**: 이 컴퓨터에서 `x_dev is x_cpu`는 `True`일까요, `False`일까요? GPU가 있는 컴퓨터에서는요?

# %%
print("원본 x_cpu 의 장치:", x_cpu.device)
print("x_dev 는 x_cpu 와 같은 객체인가?", x_dev is x_cpu)
print("같은 메모리 주소인가?", x_dev.data_ptr() == x_cpu.data_ptr())

# %% [markdown]
# **눈여겨볼 점**
# - GPU에서 실행하면 `False`, `False`가 나옵니다. `x_cpu.to(device)`는 VRAM에 **새 텐서를 복사해** 돌려주고, 원본 `x_cpu`는 RAM에 그대로 남습니다. "이동"이라고 부르지만 실제로는 **복사**입니다.
# - CPU만 있는 환경에서는 `True`, `True`가 나옵니다. 이미 CPU에 있으므로 복사할 필요가 없어서 `.to()`가 같은 텐서를 그대로 돌려준 것입니다.
#
# 어느 컴퓨터에서나 복사본이 필요하면 `copy=True`를 줍니다. 이미 그 장치에 있어도 새 메모리에 복사합니다.
# 자료형을 바꾸는 `.to()`도 값을 새 형식으로 다시 써야 하므로 언제나 새 텐서를 만듭니다.

# %%
x_copy = x_cpu.to(device, copy=True)
print("copy=True: 같은 객체인가?", x_copy is x_cpu, "| 같은 메모리 주소인가?", x_copy.data_ptr() == x_cpu.data_ptr())
x64 = x_cpu.to(torch.float64)
print("x64 의 dtype :", x64.dtype, "| 원본 x_cpu 의 dtype:", x_cpu.dtype)
print("같은 메모리 주소인가?", x64.data_ptr() == x_cpu.data_ptr())


# %% [markdown]
# `.to()`는 결과를 **돌려줄** 뿐 원본을 바꾸지 않습니다. 그래서 언제나 `x = x.to(device)`처럼 결과를 다시 받아야 합니다(⚠️ 3).
#
# ③처럼 처음부터 그 장치에 만드는 것이 ②보다 빠른지 재 봅니다. GPU는 비동기로 계산하므로 시간을 잴 때는 `torch.cuda.synchronize()`로 작업이 끝나기를 기다립니다.

# %%
def best_ms(make, repeat=5):
    """Best wall time in ms of make() over a few runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        make()
        if device.type == "cuda":
            torch.cuda.synchronize()
        best = min(best, time.perf_counter() - start)
    return best * 1000


n = 1000
copy_ms = best_ms(lambda: torch.rand(n, n).to(device))
direct_ms = best_ms(lambda: torch.rand(n, n, device=device))
print(f"② CPU 에서 만든 뒤 {device} 로 복사: {copy_ms:6.2f} ms")
print(f"③ {device} 에 바로 만들기        : {direct_ms:6.2f} ms")

# %% [markdown]
# **눈여겨볼 점**: GPU에서는 ③이 ②보다 훨씬 빠릅니다. ②는 CPU에서 난수를 만든 뒤 RAM → VRAM 복사까지 하기 때문입니다.
# CPU만 있으면 ②도 복사가 일어나지 않으므로 두 시간이 비슷합니다. 큰 데이터를 복사하면 잠시 두 벌이 메모리에 있게 되므로,
# 원본이 더 필요 없으면 `del`로 지워 메모리를 돌려주세요.
#
# 🧪 **해 보기**: `n`을 100, 3000으로 바꿔 두 시간을 다시 재 보세요. `copy=True`를 준 `torch.rand(n, n).to(device, copy=True)`는 얼마나 걸릴까요?
#
# 📚 **더 읽을거리**: [torch.Tensor.to](https://docs.pytorch.org/docs/stable/generated/torch.Tensor.to.html)
# · [d2l 6.7 GPU](https://d2l.ai/chapter_builders-guide/use-gpu.html)

# %% [markdown]
# ## 3. 자료형(dtype): 추론에 맡기기 vs 직접 정하기
#
# `torch.tensor(...)`에 dtype을 주지 않으면 값을 보고 **추론**합니다. 정수만 있으면 `int64`, 실수가 하나라도 있으면 `float32`,
# 참/거짓이면 `bool`입니다. 섞여 있으면 더 넓은 쪽으로 맞춥니다.
#
# | 방식 | 자동 추론 | 직접 지정 |
# |---|---|---|
# | 코드 | `torch.tensor([1, 2, 3])` | `torch.tensor([1, 2, 3], dtype=torch.float32)` |
# | 결과 dtype | 값에 따라 달라짐 | 지정한 dtype |
# | 장점 | 짧다 | 항상 같은 결과, 오류 예방 |
# | 단점 | 뜻하지 않은 dtype이 나옴 | 코드가 조금 길다 |
#
# **실행하기 전에 예상해 보세요**: `torch.tensor([1, 2.5])`와 `torch.tensor([True, 2])`의 dtype은 무엇일까요?

# %%
examples = {
    "[1, 2, 3]": torch.tensor([1, 2, 3]),
    "[1.0, 2.0]": torch.tensor([1.0, 2.0]),
    "[1, 2.5]   (정수+실수)": torch.tensor([1, 2.5]),
    "[True, False]": torch.tensor([True, False]),
    "[True, 2]  (불리언+정수)": torch.tensor([True, 2]),
}
for src, t in examples.items():
    print(f"{src:24s} → {t.dtype}")

# %% [markdown]
# 신경망의 가중치는 기본이 `float32`입니다. 데이터도 `float32`로 맞추려면 만들 때 `dtype=`을 주거나, 이미 있는 텐서를 `.to(torch.float32)`(또는 `.float()`)로 바꿉니다.

# %%
a = torch.tensor([1, 2, 3], dtype=torch.float32)   # 만들 때 정하기
b = torch.tensor([1, 2, 3]).to(torch.float32)      # 만든 뒤 바꾸기 (새 텐서)
print(a, a.dtype)
print(b, b.dtype)

# %% [markdown]
# 정수 dtype은 조용히 예상과 다른 결과를 냅니다. 이미지 픽셀은 흔히 `uint8`(0~255)로 저장되는데, 255를 넘으면 **오류 없이** 0부터 다시 셉니다(오버플로, overflow).

# %%
pixels = torch.tensor([200, 250], dtype=torch.uint8)
print("uint8 + 100 :", pixels + 100, "← 300, 350 이 아님")
print("정수 // 2   :", torch.tensor([7, 8]) // 2, "← 몫만 남음")
print("정수 / 2    :", torch.tensor([7, 8]) / 2, "← / 는 결과를 float 로 바꿈")
print("float32 로  :", pixels.to(torch.float32) / 255)

# %% [markdown]
# dtype은 메모리 크기도 정합니다. 원소 하나가 차지하는 바이트 수는 `element_size()`로 봅니다.

# %%
for dt in [torch.bool, torch.uint8, torch.float16, torch.float32, torch.int64, torch.float64]:
    print(f"{str(dt):14s} 원소 하나 = {torch.empty(0, dtype=dt).element_size()} 바이트")

# %% [markdown]
# 🧪 **해 보기**: `torch.tensor([0], dtype=torch.uint8) - 1`은 무엇일까요? `torch.tensor(300).to(torch.uint8)`은요? 예상한 뒤 실행해 보세요.
#
# 📚 **더 읽을거리**: [dtype·device 속성 (Tensor Attributes)](https://docs.pytorch.org/docs/stable/tensor_attributes.html)
# · [torch.tensor](https://docs.pytorch.org/docs/stable/generated/torch.tensor.html)

# %% [markdown]
# ## 4. NumPy와 오가기: 복사 vs 메모리 공유
#
# - `torch.tensor(arr)`: **항상 복사**합니다. 결과는 `arr`와 상관없는 새 텐서입니다.
# - `torch.from_numpy(arr)`: 복사하지 않고 `arr`의 메모리를 **공유**합니다. 큰 데이터를 빠르게, 메모리를 아껴 가며 바꿀 때 씁니다.
# - `t.numpy()`: CPU 텐서를 ndarray로 봅니다. 이것도 메모리를 공유합니다. (GPU 텐서는 먼저 `.cpu()`로 복사해야 합니다.)
#
# 공유 여부는 주소로 확인합니다. ndarray의 주소는 `arr.ctypes.data`, 텐서의 주소는 `t.data_ptr()`입니다.
#
# **실행하기 전에 예상해 보세요**: 두 번째 셀에서 `arr[0] = 100.0`으로 바꾼 뒤 `t_copy`와 `t_share`는 각각 어떻게 될까요?

# %%
arr = np.array([1.0, 2.0, 3.0], dtype=np.float32)
t_copy = torch.tensor(arr)        # 복사
t_share = torch.from_numpy(arr)   # 메모리 공유
print("arr 의 주소       :", arr.ctypes.data)
print("torch.tensor 결과 :", t_copy.data_ptr())
print("from_numpy 결과   :", t_share.data_ptr())

# %%
arr[0] = 100.0    # ndarray 를 바꾸면?
print("arr     :", arr)
print("t_copy  :", t_copy, "← 그대로 (복사본)")
print("t_share :", t_share, "← 같이 바뀜 (공유)")

# %%
back = t_share.numpy()
print("numpy() 결과도 같은 메모리인가?", back.ctypes.data == t_share.data_ptr())

# %% [markdown]
# **눈여겨볼 점**: 공유는 양쪽으로 작동합니다. 한쪽을 바꾸면 다른 쪽도 바뀝니다. 원본을 지켜야 하면 `torch.tensor`나 `.clone()`으로 복사하세요.
#
# 또 하나: NumPy의 기본 실수형은 `float64`이고, `from_numpy`는 dtype도 그대로 가져옵니다. 모델에 넣기 전에 `float32`로 바꿔야 합니다.

# %%
data = np.random.default_rng(0).random((2, 3))   # NumPy 기본 실수형
print("NumPy 배열        :", data.dtype)
print("from_numpy 결과   :", torch.from_numpy(data).dtype)
print("모델에 넣을 때    :", torch.from_numpy(data).float().dtype)

# %% [markdown]
# 🧪 **해 보기**: `torch.as_tensor(arr)`는 복사할까요, 공유할까요? `arr`의 dtype을 `float64`로 바꾸고 `torch.as_tensor(arr, dtype=torch.float32)`도 확인해 보세요.
#
# 📚 **더 읽을거리**: [torch.from_numpy](https://docs.pytorch.org/docs/stable/generated/torch.from_numpy.html)
# · [torch.as_tensor](https://docs.pytorch.org/docs/stable/generated/torch.as_tensor.html)

# %% [markdown]
# ## 5. 정해진 모양과 값으로 만들기
#
# | 함수 | 만드는 것 |
# |---|---|
# | `torch.zeros(2, 3)`, `torch.ones(2, 3)`, `torch.full((2, 3), 7.0)` | 0, 1, 정한 값으로 채운 텐서 (기본 `float32`) |
# | `torch.rand(2, 3)` | 0 이상 1 미만 **균등분포** 난수 |
# | `torch.randn(2, 3)` | 평균 0, 표준편차 1 **정규분포** 난수 |
# | `torch.randint(low, high, (2, 3))` | low 이상 high 미만 정수 난수 |
# | `torch.arange(start, end, step)` | 일정 간격 수열 (end 미포함) |
# | `torch.linspace(start, end, steps)` | 구간을 steps개로 나눈 수열 (end 포함) |
# | `torch.zeros_like(t)` 등 `*_like` | `t`와 모양·dtype·장치가 같은 텐서 |
#
# **실행하기 전에 예상해 보세요**: `torch.arange(0, 10, 2)`와 `torch.linspace(0, 1, steps=5)`는 각각 어떤 수들일까요?

# %%
print(torch.zeros(2, 3))
print(torch.ones(2, 2, 3).shape)
print(torch.full((2, 2), 7.0))

# %%
print(torch.rand(2, 3))               # [0, 1) 균등분포
print(torch.randn(2, 3))              # 평균 0, 표준편차 1 정규분포
print(torch.randint(0, 10, (2, 5)))   # 0 이상 10 미만 정수

# %% [markdown]
# 균등분포와 정규분포가 어떻게 다른지 히스토그램으로 봅니다.

# %%
uniform = torch.rand(20_000)
normal = torch.randn(20_000)
fig, axes = plt.subplots(1, 2, figsize=(9, 3))
axes[0].hist(uniform.numpy(), bins=50, color="tab:blue")
axes[0].set_title("torch.rand: 균등분포 [0, 1)")
axes[1].hist(normal.numpy(), bins=50, color="tab:orange")
axes[1].set_title("torch.randn: 표준정규분포 (평균 0, 표준편차 1)")
for ax in axes:
    ax.set_xlabel("값")
    ax.set_ylabel("개수")
fig.tight_layout()
plt.show()
print(f"rand  평균 {uniform.mean():.3f}, 최솟값 {uniform.min():.3f}, 최댓값 {uniform.max():.3f}")
print(f"randn 평균 {normal.mean():.3f}, 표준편차 {normal.std():.3f}")

# %% [markdown]
# **눈여겨볼 점**: `rand`는 0과 1 사이의 모든 값이 고르게 나옵니다. `randn`은 0 근처에 몰린 종 모양이고, 음수도 나옵니다.

# %%
print(torch.arange(0, 10, 2))          # 끝값 10 은 들어가지 않음
print(torch.linspace(0, 1, steps=5))   # 끝값 1 을 포함해 5개

# %%
template = torch.rand(2, 3, dtype=torch.float64, device=device)
for make in (torch.zeros_like, torch.ones_like, torch.rand_like):
    z = make(template)
    print(f"{make.__name__:10s} shape={tuple(z.shape)} dtype={z.dtype} device={z.device}")

# %% [markdown]
# **눈여겨볼 점**: `*_like` 함수는 모양뿐 아니라 dtype과 장치까지 따라 합니다. 원본 텐서의 속성이 바뀌어도 이 코드는 고칠 필요가 없어서 유지보수가 쉽습니다.
#
# 🧪 **해 보기**: `torch.arange(0, 1, 0.1)`의 원소는 몇 개일까요? `torch.randn(20_000) * 2 + 5`의 평균과 표준편차를 예상하고 재 보세요.
#
# 📚 **더 읽을거리**: [텐서 만들기 함수 (Creation Ops)](https://docs.pytorch.org/docs/stable/torch.html#creation-ops)
# · [난수 함수 (Random sampling)](https://docs.pytorch.org/docs/stable/torch.html#random-sampling)

# %% [markdown]
# ## 6. 시드(seed)와 재현성
#
# 난수 생성기는 시드(seed)에서 시작해 정해진 순서로 수를 냅니다. 시드를 같게 두면 같은 난수가 나오므로 실험을 **재현**할 수 있습니다.
#
# **실행하기 전에 예상해 보세요**: 아래에서 `a == b`와 `a == c`는 각각 `True`일까요, `False`일까요?

# %%
torch.manual_seed(42)
a = torch.rand(3)
torch.manual_seed(42)
b = torch.rand(3)
c = torch.rand(3)     # 시드를 다시 정하지 않고 한 번 더
print("a:", a)
print("b:", b)
print("c:", c)
print("a == b ?", torch.equal(a, b), "| a == c ?", torch.equal(a, c))

# %% [markdown]
# **눈여겨볼 점**: 시드는 "그 뒤로 나오는 난수의 순서"를 고정합니다. 시드를 정한 직후의 `b`는 `a`와 같지만, 이어서 뽑은 `c`는 다릅니다.
# `helpers.setup(seed=0)`은 파이썬·NumPy·PyTorch의 시드를 한꺼번에 정합니다. 다른 코드의 난수 순서와 섞이지 않게 하려면
# `torch.Generator().manual_seed(7)`처럼 따로 생성기를 만들어 `generator=`로 넘깁니다(과제 채점이 이렇게 합니다).
#
# 🧪 **해 보기**: `g = torch.Generator().manual_seed(42)`로 `torch.rand(3, generator=g)`를 두 번 뽑아 보고, 위의 `a`, `c`와 비교해 보세요.
#
# 📚 **더 읽을거리**: [재현성 (Reproducibility)](https://docs.pytorch.org/docs/stable/notes/randomness.html)
# · [torch.manual_seed](https://docs.pytorch.org/docs/stable/generated/torch.manual_seed.html)

# %% [markdown]
# ## 7. 기울기 속성 미리 보기: `requires_grad`, `grad`, `grad_fn`, `is_leaf`
#
# 텐서는 자동 미분을 위한 속성도 가집니다. 자세한 내용은 05단원(자동 미분)에서 다루고, 여기서는 이름만 익힙니다.
#
# | 속성 | 뜻 |
# |---|---|
# | `requires_grad` | 이 텐서에 대한 기울기(gradient)를 계산할지 여부. 학습할 가중치에만 `True` |
# | `grad` | `backward()` 뒤에 계산된 기울기가 저장되는 곳 |
# | `grad_fn` | 이 텐서를 만든 연산 (직접 만든 텐서는 `None`) |
# | `is_leaf` | 연산 그래프의 시작점(리프 텐서, leaf tensor)인지 여부 |
#
# **실행하기 전에 예상해 보세요**: `y = w * x + 1`의 `requires_grad`와 `is_leaf`는 무엇일까요? `backward()` 뒤 `w.grad`는요?

# %%
w = torch.tensor(2.0, requires_grad=True)   # 학습할 가중치
x = torch.tensor(3.0)                       # 데이터: 기울기가 필요 없음
y = w * x + 1
print("requires_grad:", w.requires_grad, x.requires_grad, y.requires_grad)
print("grad_fn      :", w.grad_fn, x.grad_fn, y.grad_fn)
print("is_leaf      :", w.is_leaf, x.is_leaf, y.is_leaf)

# %%
y.backward()
print("dy/dw =", w.grad, "(= x 의 값 3)")

# %% [markdown]
# **눈여겨볼 점**: `requires_grad=True`는 학습할 텐서(가중치)에만 줍니다. 데이터나 정답에 주면 쓸데없이 기록과 계산이 늘고,
# 학습할 가중치에 `False`를 주면 그 가중치는 학습되지 않습니다.
#
# 🧪 **해 보기**: `y.backward()`를 한 번 더 부르면 어떻게 될까요? (05단원에서 이유를 자세히 봅니다.)
#
# 📚 **더 읽을거리**: [PyTorch 튜토리얼: 자동 미분](https://docs.pytorch.org/tutorials/beginner/basics/autogradqs_tutorial.html)

# %% [markdown]
# ## 8. 인덱싱과 슬라이싱
#
# NumPy와 같은 문법으로 원하는 부분을 꺼냅니다. `:`는 "그 차원 전체", `...`는 "앞의 차원 전부"입니다.

# %%
t = torch.tensor([[1, 2, 3], [4, 5, 6], [7, 8, 9]])
print("첫 번째 행 :", t[0])
print("첫 번째 열 :", t[:, 0])
print("마지막 열  :", t[..., -1])
print("오른쪽 위 2×2:\n", t[:2, 1:])
print("원소 하나  :", t[1, 2], "→ 파이썬 수:", t[1, 2].item())

# %% [markdown]
# 슬라이싱 결과는 원본의 일부를 보는 **뷰(view)** 입니다. 복사가 아니므로 뷰를 바꾸면 원본도 바뀝니다.
#
# **실행하기 전에 예상해 보세요**: `row[0] = 100` 뒤에 `t`는 어떻게 될까요?

# %%
row = t[0]
row[0] = 100
print(t)
independent = t[0].clone()            # 따로 쓰려면 clone() 으로 복사
print("clone() 결과는 다른 메모리인가?", independent.data_ptr() != t.data_ptr())

# %% [markdown]
# 그런데 `t[1:]`처럼 **앞부분을 건너뛴** 슬라이스는 `data_ptr()`가 원본과 다릅니다. `data_ptr()`는 텐서의 **첫 원소**의 주소라서,
# 첫 원소가 원본의 네 번째 원소라면 주소도 그만큼 뒤입니다. 텐서가 값을 담아 두는 메모리 덩어리 전체는 **저장 공간(storage)** 이고,
# 그 시작 주소는 `untyped_storage().data_ptr()`로 봅니다. 뷰들은 원본과 같은 저장 공간을 씁니다.
#
# **실행하기 전에 예상해 보세요**: `t[1:].data_ptr()`와 `t.data_ptr()`의 차이는 몇 바이트일까요? (`t`는 3×3, `int64`)

# %%
tail = t[1:]                                          # 둘째 행부터: 뷰
print("t[1:].data_ptr() - t.data_ptr()           :", tail.data_ptr() - t.data_ptr(), "바이트",
      f"(= 원소 {tail.storage_offset()}개 × {t.element_size()}바이트)")
print("저장 공간의 시작 주소가 같은가?            :", tail.untyped_storage().data_ptr() == t.untyped_storage().data_ptr())
tail[0, 0] = -4
print("뷰를 바꾸면 원본도 바뀌는가? t[1, 0] =", t[1, 0].item())
copied = t[1:].clone()
print("clone() 한 것의 저장 공간도 같은가?        :", copied.untyped_storage().data_ptr() == t.untyped_storage().data_ptr())

# %% [markdown]
# **눈여겨볼 점**: "주소가 다르면 복사본"은 틀렸습니다. 두 텐서가 메모리를 공유하는지는 **저장 공간**의 주소로 확인합니다.
# `storage_offset()`는 텐서가 저장 공간의 몇 번째 원소부터 시작하는지 알려 줍니다.
#
# 🧪 **해 보기**: `t[:, 1]`(둘째 열)의 `storage_offset()`와 `stride()`를 예상해 보고 확인하세요. `t[::2]`는 뷰일까요?
#
# 📚 **더 읽을거리**: [텐서 뷰 (Tensor Views)](https://docs.pytorch.org/docs/stable/tensor_view.html)
# · [torch.Tensor.untyped_storage](https://docs.pytorch.org/docs/stable/generated/torch.Tensor.untyped_storage.html)

# %% [markdown]
# ## 9. 불리언 마스크(mask)
#
# 비교 연산의 결과는 `bool` 텐서입니다. 이것을 **마스크(mask)** 로 써서 조건에 맞는 원소만 고르거나 바꿉니다.
#
# **실행하기 전에 예상해 보세요**: `scores[passed]`의 모양은 무엇일까요?

# %%
scores = torch.tensor([55, 82, 67, 91, 40])
passed = scores >= 60
print("마스크    :", passed, passed.dtype)
print("합격 점수 :", scores[passed])
print("합격자 수 :", passed.sum().item())

# %%
print("불합격은 0 :", torch.where(passed, scores, torch.zeros_like(scores)))
print("불합격은 -1:", scores.masked_fill(~passed, -1))
print("원본은 그대로:", scores)

# %% [markdown]
# 슬라이싱과 달리 **마스크로 고른 결과는 복사본**입니다. 고른 원소들이 메모리에 띄엄띄엄 있어 뷰로 나타낼 수 없기 때문입니다.
# 그래서 고른 결과를 바꿔도 원본은 그대로입니다. 원본을 바꾸려면 `scores[passed] = ...`처럼 **대입**하거나 `masked_fill_`을 씁니다.
#
# **실행하기 전에 예상해 보세요**: 아래에서 `picked[0] = 0`과 `sliced[0] = 0` 중 원본 `scores`를 바꾸는 것은 어느 쪽일까요?

# %%
picked = scores[passed]               # 마스크 인덱싱: 복사
sliced = scores[1:3]                  # 슬라이싱: 뷰
print("마스크 결과의 저장 공간이 원본과 같은가:", picked.untyped_storage().data_ptr() == scores.untyped_storage().data_ptr())
print("슬라이스의 저장 공간이 원본과 같은가  :", sliced.untyped_storage().data_ptr() == scores.untyped_storage().data_ptr())
picked[0] = 0
print("picked[0] = 0 뒤의 원본:", scores.tolist())
sliced[0] = 0
print("sliced[0] = 0 뒤의 원본:", scores.tolist())
scores[passed] = 100                  # 대입은 원본을 바꾼다
print("scores[passed] = 100 뒤:", scores.tolist())

# %% [markdown]
# 이미지에서도 같은 방법으로 특정 영역만 골라 처리합니다. 200×200 무늬 이미지에서 `mask[100:150, 100:150] = True`인 사각형을 가려 봅니다.
# 트랜스포머의 마스크드 어텐션(masked attention)도 같은 생각입니다(13단원).

# %%
yy, xx = torch.meshgrid(torch.linspace(-1, 1, 200), torch.linspace(-1, 1, 200), indexing="ij")
image = torch.sin(6 * xx) * torch.cos(6 * yy)      # (200, 200) 무늬 이미지
mask = torch.zeros(200, 200, dtype=torch.bool)
mask[100:150, 100:150] = True                      # 가릴 영역
masked = image.masked_fill(mask, 0.0)
fig, axes = plt.subplots(1, 3, figsize=(9, 3.2))
for ax, img, title in zip(axes, [image, mask, masked], ["원본", "마스크 (True = 흰색)", "마스크 영역을 0 으로"]):
    ax.imshow(img.float(), cmap="gray")
    ax.set_title(title)
    ax.axis("off")
fig.tight_layout()
plt.show()

# %% [markdown]
# 🧪 **해 보기**: `image[mask]`의 모양은 무엇일까요? 마스크를 원으로 바꿔 보세요: `mask = xx**2 + yy**2 < 0.25`.
#
# 📚 **더 읽을거리**: [torch.Tensor.masked_fill](https://docs.pytorch.org/docs/stable/generated/torch.Tensor.masked_fill.html)
# · [torch.where](https://docs.pytorch.org/docs/stable/generated/torch.where.html)
# · [NumPy: 인덱싱이 복사인지 뷰인지](https://numpy.org/doc/stable/user/basics.copies.html)

# %% [markdown]
# ## 10. 모양 바꾸기: `view`, `reshape`, `squeeze`, `unsqueeze`, `transpose`, `permute`
#
# - `view(…)`: 같은 메모리를 다른 모양으로 봅니다(복사 없음). 메모리가 순서대로 이어진(contiguous, 연속 메모리) 텐서에서는 언제나 되고,
#   그렇지 않은 텐서에서는 보폭(stride)이 맞을 때만 됩니다(아래에서 봅니다).
# - `reshape(…)`: 가능하면 `view`처럼, 안 되면 복사해서라도 모양을 바꿉니다. 한 차원은 `-1`로 두면 나머지에서 계산합니다.
# - `unsqueeze(d)` / `squeeze(d)`: 크기 1인 차원을 끼워 넣거나 뺍니다.
# - `transpose(i, j)`, `.t()`, `permute(…)`: 축의 **순서**를 바꿉니다.
#
# **실행하기 전에 예상해 보세요**: `torch.arange(12).view(3, 4)`의 둘째 행은 무엇일까요?

# %%
x = torch.arange(12)
v = x.view(3, 4)
print(v)
print("reshape(2, -1) 의 모양:", x.reshape(2, -1).shape)
print("view 는 같은 메모리인가?", v.data_ptr() == x.data_ptr())

# %%
img = torch.rand(28, 28)                    # 흑백 이미지 한 장 (H, W)
batch = img.unsqueeze(0).unsqueeze(0)       # (1, 1, 28, 28): 배치·채널 차원 추가
print("unsqueeze 두 번:", tuple(batch.shape))
print("squeeze()      :", tuple(batch.squeeze().shape))
print("img[None]      :", tuple(img[None].shape), "← None 으로도 차원을 끼워 넣음")

# %% [markdown]
# 전치와 `reshape`는 결과 모양이 같아도 **원소의 배치가 다릅니다**. `reshape`는 원소를 앞에서부터 차례로 읽어 새 모양에 채우고,
# 전치는 행과 열의 역할을 바꿉니다. 그림으로 비교합니다.

# %%
m = torch.arange(6).reshape(2, 3)
fig = helpers.plot.show_matrices([m, m.t(), m.reshape(3, 2)],
                                 ["원본 m (2, 3)", "전치 m.t() (3, 2)", "m.reshape(3, 2)"])
plt.show()

# %% [markdown]
# **눈여겨볼 점**: 두 결과 모두 모양이 (3, 2)지만 값의 배치가 다릅니다. 이미지의 축 순서를 바꿀 때(예: (N, H, W, C) → (N, C, H, W))
# `reshape`를 쓰면 모양은 맞아도 픽셀이 뒤섞입니다. 축 순서를 바꾸는 일은 `permute`가 합니다.

# %%
nhwc = torch.rand(8, 28, 28, 3)             # matplotlib·PIL 방식: (N, H, W, C)
nchw = nhwc.permute(0, 3, 1, 2)             # PyTorch 방식:        (N, C, H, W)
print(tuple(nhwc.shape), "→", tuple(nchw.shape))
print("같은 픽셀인가?", torch.equal(nhwc[0, 5, 7, :], nchw[0, :, 5, 7]))
print("메모리가 순서대로 이어져 있는가(contiguous)?", nchw.is_contiguous())

# %% [markdown]
# `permute`·`transpose`의 결과는 메모리를 새로 만들지 않고 읽는 순서만 바꾼 뷰라서 contiguous가 아닙니다.
# 각 축에서 한 칸 갈 때 메모리에서 몇 원소를 건너뛰는지가 **보폭(stride)** 입니다. `view`는 새 모양의 보폭을 옛 보폭으로
# 나타낼 수 있을 때만 됩니다. 예를 들어 `nchw`에서 H 와 W 는 메모리에서 여전히 "H 한 칸 = W 28칸" 관계라 하나로 합칠 수 있지만,
# C 와 H 는 그렇지 않아 합칠 수 없습니다.
#
# **실행하기 전에 예상해 보세요**: `nchw.view(8, 3, 784)`(H·W 합치기)와 `nchw.view(8, -1)`(C·H·W 합치기) 중 어느 쪽이 될까요?

# %%
print("nhwc 의 stride:", nhwc.stride(), "| nchw 의 stride:", nchw.stride())
hw_merged = nchw.view(8, 3, 784)            # H, W 를 합침: contiguous 가 아니어도 됨
print("nchw.view(8, 3, 784):", tuple(hw_merged.shape), "| 복사 없음:", hw_merged.data_ptr() == nhwc.data_ptr())
try:
    nchw.view(8, -1)                        # C, H, W 를 합침: 보폭이 맞지 않음
except RuntimeError as err:
    print("nchw.view(8, -1) → RuntimeError:", str(err)[:90], "…")
flat = nchw.reshape(8, -1)                  # reshape 는 이럴 때 복사한다
print("nchw.reshape(8, -1):", tuple(flat.shape), "| 복사했는가:", flat.data_ptr() != nhwc.data_ptr())

# %% [markdown]
# **눈여겨볼 점**: `view`가 안 되면 `reshape`를 쓰거나 `.contiguous()`로 먼저 복사합니다(⚠️ 6). `reshape`는 뷰로 될 때는 뷰를,
# 안 될 때는 복사본을 돌려주므로, 결과를 바꿨을 때 원본이 바뀔지는 경우에 따라 다릅니다.
#
# 🧪 **해 보기**: `torch.arange(12).view(3, 4).t()`의 `stride()`를 예상하고 확인하세요. 이 텐서에 `.view(12)`를 하면 될까요? `.view(4, 3)`은요?
#
# 📚 **더 읽을거리**: [torch.Tensor.view](https://docs.pytorch.org/docs/stable/generated/torch.Tensor.view.html)
# · [torch.permute](https://docs.pytorch.org/docs/stable/generated/torch.permute.html)
# · [torch.Tensor.stride](https://docs.pytorch.org/docs/stable/generated/torch.Tensor.stride.html)

# %% [markdown]
# ## 11. 브로드캐스팅(broadcasting)
#
# 모양이 다른 두 텐서를 계산할 때 PyTorch는 **마지막 차원부터** 짝을 맞춥니다.
# - 두 크기가 같거나, 한쪽이 1이면 짝이 맞습니다. 크기 1인 쪽은 상대 크기만큼 늘어난 것처럼 계산됩니다.
# - 한쪽에 차원이 모자라면 앞쪽에 크기 1인 차원이 있다고 봅니다.
# - 둘 다 아니면 오류입니다.
#
# (3, 1)과 (4,)를 더하면: (4,)는 (1, 4)로 보고, 두 텐서 모두 (3, 4)로 늘어난 것처럼 더합니다.
#
# **실행하기 전에 예상해 보세요**: `col + row`의 왼쪽 아래 원소는 무엇일까요?

# %%
col = torch.tensor([[0], [10], [20]])    # (3, 1)
row = torch.tensor([1, 2, 3, 4])         # (4,) → (1, 4) 로 봄
total = col + row
print("결과 모양:", tuple(total.shape))
fig = helpers.plot.show_matrices([col, row, total], ["col (3, 1)", "row (4,)", "col + row (3, 4)"])
plt.show()

# %% [markdown]
# 실전 예: 이미지 배치 (N, C, H, W)를 **채널마다** 평균을 빼고 표준편차로 나눠 **표준화(standardisation)** 합니다.
# (`/255`로 0 ~ 1로 바꾸는 **정규화**와는 다른 전처리입니다.) 채널마다의 값은 모양이 (C,)이므로 `view(1, C, 1, 1)`로 채널 자리에
# 맞춰 준 뒤 빼고 나눕니다.

# %%
images = torch.rand(4, 3, 32, 32, device=device) * torch.tensor([1.0, 0.5, 0.2], device=device).view(1, 3, 1, 1)
mean = images.mean(dim=(0, 2, 3))        # 채널별 평균, 모양 (3,)
std = images.std(dim=(0, 2, 3))          # 채널별 표준편차, 모양 (3,)
normed = (images - mean.view(1, 3, 1, 1)) / std.view(1, 3, 1, 1)
print("mean 의 모양:", tuple(mean.shape), "→", tuple(mean.view(1, 3, 1, 1).shape))
print("표준화 전 채널마다의 평균     :", mean.cpu())
print("표준화 후 채널마다의 평균     :", normed.mean(dim=(0, 2, 3)).cpu())
print("표준화 후 채널마다의 표준편차 :", normed.std(dim=(0, 2, 3)).cpu())

# %% [markdown]
# **눈여겨볼 점**: `images - mean`처럼 (3,)을 그대로 빼면 마지막 차원인 **너비 W**와 짝을 맞추려 합니다. W가 3이 아니면 오류가 나고(⚠️ 7),
# 하필 W가 3이면 오류 없이 엉뚱한 값이 나옵니다. 브로드캐스팅을 쓸 때는 결과 모양과 "어느 축과 짝이 맞는지"를 꼭 확인하세요.
#
# 🧪 **해 보기**: `torch.rand(2, 3, 3, 3) - torch.rand(2, 3, 3, 3).mean(dim=(0, 2, 3))`은 오류가 날까요? 결과가 맞는지는 어떻게 확인할까요?
# (5, 1, 4)와 (3, 1)을 더한 결과의 모양도 예상해 보세요.
#
# 📚 **더 읽을거리**: [브로드캐스팅 규칙 (Broadcasting semantics)](https://docs.pytorch.org/docs/stable/notes/broadcasting.html)
# · [d2l 2.1.4 브로드캐스팅](https://d2l.ai/chapter_preliminaries/ndarray.html#broadcasting)

# %% [markdown]
# ## 12. 곱셈: 원소별 `*`, 행렬 곱 `@`·`matmul`·`mm`, 그리고 `einsum`
#
# - 산술 연산자(`+`, `*` 등)와 `add`, `mul` 같은 메서드는 **원소별**로 계산합니다.
# - 행렬 곱(matrix multiplication)은 `A @ B` = `torch.matmul(A, B)`입니다. (n, k) @ (k, m) → (n, m)이고 가운데 k가 같아야 합니다.
#   `torch.mm`은 2차원 전용, `torch.bmm`은 배치 (B, n, k) @ (B, k, m) 전용입니다. `matmul`은 앞쪽 배치 차원을 브로드캐스팅합니다.
#
# **실행하기 전에 예상해 보세요**: 아래 `A * B`와 `A @ B`의 왼쪽 위 원소는 각각 무엇일까요?

# %%
ones = torch.ones(2, 2)
print("ones.add(10):\n", ones.add(10))
print("ones * 10   :\n", ones * 10)

# %%
A = torch.tensor([[1.0, 2.0], [3.0, 4.0]])
B = torch.tensor([[10.0, 20.0], [30.0, 40.0]])
print("원소별 곱 A * B:\n", A * B)
print("행렬 곱 A @ B:\n", A @ B)
print("mm·matmul 도 같은가?", torch.equal(torch.mm(A, B), A @ B), torch.equal(torch.matmul(A, B), A @ B))

# %%
a = torch.randn(5, 2, 3)     # (B, n, k)
b = torch.randn(5, 3, 4)     # (B, k, m)
print("a @ b      :", tuple((a @ b).shape))
print("torch.bmm  :", tuple(torch.bmm(a, b).shape))

# %% [markdown]
# `torch.einsum`은 각 차원에 글자를 붙여 계산을 적습니다. 규칙은 두 가지입니다.
# 1. 입력에서 같은 글자는 같은 차원끼리 짝지어 곱합니다.
# 2. `->` 오른쪽(출력)에 없는 글자의 차원은 더해서 없앱니다.
#
# 예: 행렬 곱은 `"ik,kj->ij"` (k가 출력에 없으므로 k에 대해 더함), 배치 행렬 곱은 `"bnk,bkm->bnm"`입니다.

# %%
v = torch.tensor([1.0, 2.0])
print("행렬 곱 ik,kj->ij :\n", torch.einsum("ik,kj->ij", A, B))
print("전치   ij->ji     :\n", torch.einsum("ij->ji", A))
print("대각합 ii->       :", torch.einsum("ii->", A))
print("내적   i,i->      :", torch.einsum("i,i->", v, v))

# %%
batched = torch.einsum("bnk,bkm->bnm", a, b)
print("모양:", tuple(batched.shape), "| a @ b 와 같은가?", torch.allclose(batched, a @ b, atol=1e-6))

# %% [markdown]
# **눈여겨볼 점**: 출력 글자의 순서가 결과 축의 순서입니다. `"bnk,bkm->bmn"`이라고 쓰면 결과가 전치된 (B, m, n)이 되고,
# `"bnk,bkm->nm"`이라고 쓰면 배치 차원 b까지 더해 버립니다. einsum에서는 출력 글자를 하나하나 확인하세요.
#
# 🧪 **해 보기**: `torch.einsum("ij,ij->i", A, B)`는 무엇을 계산할까요? 같은 값을 `*`와 `sum`으로 구해 비교해 보세요.
#
# 📚 **더 읽을거리**: [torch.matmul](https://docs.pytorch.org/docs/stable/generated/torch.matmul.html)
# · [torch.einsum](https://docs.pytorch.org/docs/stable/generated/torch.einsum.html)
# · [d2l 2.3 선형대수](https://d2l.ai/chapter_preliminaries/linear-algebra.html)

# %% [markdown]
# ## 13. 차원의 의미: 이미지 배치와 동영상 배치
#
# PyTorch는 **배치(batch) 차원을 맨 앞**에, **채널(channel)을 높이·너비 앞**에 둡니다.
#
# | 데이터 | 텐서 모양 | 각 차원 |
# |---|---|---|
# | 흑백 이미지 배치 | (N, 1, H, W) | 장수, 채널 1, 높이, 너비 |
# | 컬러 이미지 배치 | (N, 3, H, W) | 장수, RGB 3채널, 높이, 너비 |
# | 동영상 배치 | (N, T, C, H, W) | 영상 수, 프레임(시간), 채널, 높이, 너비 |
#
# matplotlib과 PIL은 한 장을 (H, W, C)로 다룹니다. 그래서 그림으로 그릴 때는 `permute(1, 2, 0)`으로 축 순서를 바꿉니다.
# MNIST 손글씨 8장으로 흑백 배치를 만들어 봅니다.

# %%
mnist = helpers.data.load_mnist()
digits = torch.from_numpy(mnist.x_train[:8]).float().div(255).unsqueeze(1)   # (N, C, H, W)
print("원본 배열        :", mnist.x_train[:8].shape, mnist.x_train.dtype)
print("흑백 이미지 배치 :", tuple(digits.shape), digits.dtype)
helpers.plot.show_images(digits, labels=mnist.y_train[:8])
plt.show()

# %% [markdown]
# 채널을 3개로 늘려 컬러 배치 (N, 3, H, W)를 만듭니다. R 채널은 숫자 모양, G 채널은 그 30%, B 채널은 반전된 모양입니다.

# %%
color = torch.cat([digits, 0.3 * digits, 1 - digits], dim=1)    # 채널 차원(1)으로 이어 붙이기
print("컬러 이미지 배치:", tuple(color.shape))
first = color[0]                                                # (3, H, W)
panels = [(first.permute(1, 2, 0), "컬러 (H, W, C)")] + [(first[c], f"{name} 채널") for c, name in enumerate("RGB")]
fig, axes = plt.subplots(1, 4, figsize=(8, 2.4))
for ax, (img, title) in zip(axes, panels):
    ax.imshow(img, cmap="gray", vmin=0, vmax=1)
    ax.set_title(title)
    ax.axis("off")
fig.tight_layout()
plt.show()


# %% [markdown]
# 동영상은 이미지가 시간 순서로 쌓인 것입니다. 숫자가 오른쪽으로 조금씩 움직이는 6프레임짜리 짧은 영상을 만들어 (N, T, C, H, W)로 쌓습니다.
#
# **실행하기 전에 예상해 보세요**: 8개 영상, 6프레임, 3채널, 28×28이면 모양은 무엇일까요?

# %%
def shift_right(images: torch.Tensor, k: int) -> torch.Tensor:
    """Move every image of (..., H, W) k pixels to the right; the k columns shifted in on the left are zeros."""
    out = torch.zeros_like(images)
    out[..., k:] = images[..., : images.shape[-1] - k]
    return out


T = 6
video = torch.stack([shift_right(color, 3 * step) for step in range(T)], dim=1)
print("동영상 배치 (N, T, C, H, W):", tuple(video.shape))
fig, axes = plt.subplots(1, T, figsize=(1.6 * T, 2))
for step, ax in enumerate(axes):                       # 첫 번째 영상 video[0] 의 프레임들
    ax.imshow(video[0, step].permute(1, 2, 0))
    ax.set_title(f"t = {step}")
    ax.axis("off")
fig.tight_layout()
plt.show()


# %% [markdown]
# 차원이 늘면 메모리가 빠르게 늘어납니다. 원소 수(`nelement()`) × 원소 크기(`element_size()`)가 바이트 수입니다.
# 1024² 바이트는 1 MiB(메비바이트), 1024³ 바이트는 1 GiB 입니다. (MB 는 10⁶ 바이트라 MiB 보다 조금 작습니다.)
# 실제 메모리를 쓰지 않고 모양만 가진 텐서는 **meta 장치**에 만들 수 있습니다. 큰 배치를 GPU에 올리기 전에 크기를 가늠할 때 편합니다.
#
# **실행하기 전에 예상해 보세요**: 64 × 32 × 3 × 224 × 224 개의 float32 는 몇 GiB 쯤일까요?

# %%
def mebibytes(t):
    return t.nelement() * t.element_size() / 1024**2


big = torch.empty(64, 32, 3, 224, 224, device="meta")    # 값 없이 모양만 있는 텐서
print(f"작은 영상 배치 {tuple(video.shape)}: {mebibytes(video):8.2f} MiB")
print(f"큰 영상 배치   {tuple(big.shape)}: {mebibytes(big):8.2f} MiB = {mebibytes(big) / 1024:.2f} GiB (float32)")

# %% [markdown]
# **눈여겨볼 점**: 224×224 컬러 영상(32프레임) 64개를 한 배치로 모으면 입력만으로 1 GiB 가 넘습니다(위 출력). 모델 안의 중간 결과는 보통 이보다 훨씬 큽니다. GPU 메모리(VRAM)는 정해져 있으므로 넘치면
# `OutOfMemoryError`가 납니다. 장비의 메모리 크기를 확인하고 배치 크기를 정하세요.
#
# 🧪 **해 보기**: `big`을 `float16`으로 만들면 몇 MiB 일까요? 배치를 몇 개로 줄여야 4 GiB 짜리 GPU 에 입력이 10번 들어갈까요?
#
# 📚 **더 읽을거리**: [meta 장치](https://docs.pytorch.org/docs/stable/meta.html)
# · [torch.stack](https://docs.pytorch.org/docs/stable/generated/torch.stack.html)
# · [torch.Tensor.permute](https://docs.pytorch.org/docs/stable/generated/torch.Tensor.permute.html)

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 1. NumPy 배열을 그대로 신경망에 넣는다
# 텐서와 ndarray는 서로 바꾸기 쉽지만 **ndarray는 텐서가 아닙니다**. 신경망 층은 텐서만 받습니다.

# %% tags=["raises-exception"]
layer = nn.Linear(3, 1)
features = np.array([[1.0, 2.0, 3.0]], dtype=np.float32)
layer(features)

# %% [markdown]
# **고치기**: 먼저 텐서로 바꿉니다.

# %%
x = torch.from_numpy(features)      # 또는 torch.tensor(features, dtype=torch.float32)
print(layer(x))

# %% [markdown]
# ### 2. dtype을 추론에 맡긴다
# 정수만 넣으면 `int64`가 됩니다. `float32` 가중치를 가진 층에 넣으면 dtype이 맞지 않아 실패합니다.

# %% tags=["raises-exception"]
x = torch.tensor([[1, 2, 3]])       # 정수만 있으니 int64 로 추론됨
layer(x)

# %% [markdown]
# 행렬 곱도 같습니다. 실수 텐서와 추론으로 만든 정수 텐서를 곱하면 실패합니다. 평균 같은 계산도 정수 텐서에서는 안 됩니다.

# %% tags=["raises-exception"]
torch.ones(2, 2) @ torch.tensor([[1, 2], [3, 4]])

# %% tags=["raises-exception"]
torch.tensor([90, 85, 77]).mean()

# %% [markdown]
# **고치기**: 만들 때 `dtype=torch.float32`를 적습니다.

# %%
x = torch.tensor([[1, 2, 3]], dtype=torch.float32)
print(layer(x))
print(torch.ones(2, 2) @ torch.tensor([[1, 2], [3, 4]], dtype=torch.float32))
print(torch.tensor([90, 85, 77], dtype=torch.float32).mean())

# %% [markdown]
# ### 3. `.to()`의 결과를 받지 않는다 — "이동"은 복사다
# `.to()`는 새 텐서를 **돌려줄** 뿐 원본을 바꾸지 않습니다. 결과를 받지 않으면 원본은 그대로입니다.

# %% tags=["raises-exception"]
x = torch.tensor([[1, 2, 3]])
x.to(torch.float32)                 # 새 텐서를 만들었지만 받지 않았다
layer(x)                            # x 는 여전히 int64

# %% [markdown]
# 장치도 마찬가지입니다. GPU에서 실행하면 아래에서 `x`는 여전히 `cpu`에 있고, 복사본 `x_dev`만 `cuda`에 있습니다.

# %%
x = torch.ones(3)
x.to(device)                        # 결과를 버림
print("x.to(device) 뒤의 x     :", x.device)
x_dev = x.to(device)
print("복사본 x_dev / 원본 x   :", x_dev.device, "/", x.device)

# %% [markdown]
# **고치기**: 결과를 다시 받습니다. (큰 데이터라면 원본이 더 필요 없을 때 `del`로 지워 메모리를 돌려줍니다.)

# %%
x = torch.tensor([[1, 2, 3]])
x = x.to(torch.float32)             # 결과를 받는다
print(layer(x))

# %% [markdown]
# 거꾸로 "이동은 복사니까" 하고 `.to()`의 결과를 **복사본**으로 믿고 고치면, 이미 그 장치에 있는 텐서에서는 원본이 바뀝니다.
# `.to()`는 장치와 dtype이 이미 같으면 복사하지 않고 **같은 텐서**를 돌려줍니다. CPU만 있는 컴퓨터의 `x.to(device)`가 바로 이 경우입니다.

# %% tags=["raises-exception"]
x = torch.ones(3)
backup = x.to("cpu")                # 이미 CPU 에 있음: 복사하지 않고 x 자신을 돌려줌
backup[0] = 100.0                   # "복사본"이라고 믿고 고쳤다
print("backup is x:", backup is x, "| 원본 x:", x.tolist())
assert x[0] == 1.0, "원본이 바뀌었습니다: .to() 가 복사하지 않고 같은 텐서를 돌려줬습니다"

# %% [markdown]
# **고치기**: 복사본이 필요하면 `copy=True`를 주거나 `.clone()`을 씁니다. 어느 장치에서나 새 메모리에 복사합니다.

# %%
x = torch.ones(3)
backup = x.to("cpu", copy=True)     # 또는 x.clone()
backup[0] = 100.0
print("backup is x:", backup is x, "| 원본 x:", x.tolist())
assert x[0] == 1.0

# %% [markdown]
# ### 4. 서로 다른 장치의 텐서를 섞어 계산한다
# 두 텐서는 같은 장치에 있어야 함께 계산할 수 있습니다. GPU가 없어도 **meta 장치**로 같은 오류를 볼 수 있습니다.

# %% tags=["raises-exception"]
a = torch.ones(2, device="meta")    # meta: 값 없이 모양만 있는 장치
b = torch.ones(2)                   # cpu
a + b

# %% [markdown]
# GPU와 CPU를 섞어도 같은 종류의 `RuntimeError`가 납니다. GPU가 있으면 실제로 보여 줍니다.

# %%
if torch.cuda.is_available():
    try:
        torch.ones(2, device="cuda") + torch.ones(2)
    except RuntimeError as err:
        print("오류:", err)
else:
    print("GPU 가 없어 위에서 meta 장치로 보였습니다. GPU 에서는 "
          "'Expected all tensors to be on the same device ...' 오류가 납니다.")

# %% [markdown]
# **고치기**: 한쪽을 다른 쪽 장치로 복사한 뒤 계산합니다.

# %%
print(a + b.to(a.device))
c = torch.ones(2, device=device)
print(c + torch.ones(2).to(device))

# %% [markdown]
# ### 5. 문자열로 텐서를 만든다
# 텐서는 숫자만 담습니다. 문자열이나 문자열이 섞인 리스트는 텐서가 되지 않습니다.

# %% tags=["raises-exception"]
torch.tensor(["고양이", "강아지"])

# %% [markdown]
# **고치기**: 단어마다 번호를 붙인 사전(vocabulary)으로 숫자로 바꾼 뒤 텐서를 만듭니다(12단원에서 자세히).

# %%
words = ["고양이", "강아지", "고양이"]
vocab = {word: i for i, word in enumerate(sorted(set(words)))}
ids = torch.tensor([vocab[word] for word in words])
print(vocab, "→", ids)

# %% [markdown]
# ### 6. 축 순서를 바꾼 텐서에 `view`를 쓴다
# `permute`나 `transpose`의 결과는 contiguous가 아니라서, 보폭이 맞지 않는 축끼리 합치는 `view`는 실패합니다(10절).

# %% tags=["raises-exception"]
nchw = torch.rand(2, 28, 28, 3).permute(0, 3, 1, 2)
nchw.view(2, -1)

# %% [markdown]
# **고치기**: `reshape`를 쓰거나, `.contiguous()`로 복사한 뒤 `view`를 씁니다.

# %%
print(nchw.reshape(2, -1).shape, nchw.contiguous().view(2, -1).shape)

# %% [markdown]
# ### 7. 브로드캐스팅할 축을 맞추지 않는다
# 채널별 값 (C,)을 (N, C, H, W)에서 그대로 빼면 마지막 축 W와 짝을 맞추려다 실패합니다.

# %% tags=["raises-exception"]
batch = torch.rand(4, 3, 32, 32)
channel_mean = batch.mean(dim=(0, 2, 3))     # (3,)
batch - channel_mean

# %% [markdown]
# **고치기**: 채널 자리에 오도록 모양을 (C, 1, 1) 또는 (1, C, 1, 1)로 바꿉니다.

# %%
centered = batch - channel_mean.view(1, 3, 1, 1)     # 또는 channel_mean[:, None, None]
print("모양:", tuple(centered.shape), "| 채널별 평균이 0 에 가까운가?", centered.mean(dim=(0, 2, 3)).abs().max().item() < 1e-6)

# %% [markdown]
# ### 8. 옛 코드의 `np.NaN`을 그대로 쓴다
# 00단원 ⚠️ 3에서 본 대로 NumPy 2.0에서 `np.NaN` 같은 별칭이 없어졌습니다(`AttributeError`). 옛 자료의 텐서 코드에서도 자주 보이니,
# 버전을 낮추지 말고 소문자 `np.nan`(또는 `torch.nan`, `float("nan")`)으로 바꿉니다.

# %%
values = torch.tensor([1.0, np.nan, 3.0])
print(values, "| NaN 위치:", torch.isnan(values))

# %% [markdown]
# ## 📝 요약
#
# 1. **텐서**는 같은 dtype의 숫자를 담는 n차원 배열이며, GPU 계산과 자동 미분을 지원합니다. ndarray와 비슷하지만 ndarray가 아니며,
#    신경망은 텐서만 받으므로 `torch.from_numpy`나 `torch.tensor`로 먼저 바꿉니다.
# 2. ① CPU에 만들기 `torch.tensor(…)`, ② CPU → GPU 복사 `x.to(device)`, ③ GPU에 바로 만들기 `torch.tensor(…, device=device)`,
#    ④ GPU → CPU 복사 `x.cpu()`. "이동"은 **복사**라서 원본은 제자리에 남고, `.to()`의 결과는 `x = x.to(device)`처럼 받아야 합니다.
#    단, 이미 그 장치·dtype이면 `.to()`는 같은 텐서를 돌려주므로, 복사본이 필요하면 `copy=True`나 `.clone()`을 씁니다.
#    ③은 복사가 없어 ②보다 빠릅니다. 서로 다른 장치의 텐서는 섞어 계산할 수 없습니다.
# 3. dtype은 값에서 추론되어(정수 → `int64`, 실수 → `float32`) 모델의 `float32`와 어긋나기 쉽습니다. `dtype=torch.float32`로 직접 정합니다.
#    NumPy 배열은 `float64`이니 `.float()`로 바꿉니다.
# 4. `torch.tensor(arr)`는 항상 복사하고, `torch.from_numpy(arr)`와 `t.numpy()`는 메모리를 공유합니다. 주소(`data_ptr()`, `arr.ctypes.data`)를 비교해 확인합니다.
#    슬라이싱과 `view`도 원본과 메모리를 공유하는 뷰입니다. `t[1:]`처럼 시작이 다른 뷰는 `data_ptr()`가 달라도 저장 공간
#    (`untyped_storage().data_ptr()`)은 같습니다. 마스크 인덱싱(`t[mask]`)은 복사본을 만듭니다. 복사본이 필요하면 `.clone()`을 씁니다.
# 5. `view`는 복사 없이 모양만 바꾸며, 보폭(stride)이 맞을 때만 됩니다(contiguous 텐서에서는 언제나). `reshape`는 필요하면 복사합니다. `unsqueeze`/`squeeze`는 크기 1인 차원을 넣고 뺍니다.
#    `reshape`는 원소를 앞에서부터 다시 채우고, 전치·`permute`는 축의 순서를 바꾸므로 모양이 같아도 결과가 다릅니다.
# 6. 브로드캐스팅은 마지막 차원부터 짝을 맞추며, 크기가 같거나 한쪽이 1이면 늘려서 계산합니다. `*`는 원소별 곱, `@`(`matmul`, `mm`, `bmm`)는 행렬 곱,
#    `einsum`은 글자로 축을 적어 같은 글자끼리 곱하고 출력에 없는 글자를 더합니다.
# 7. 이미지 배치는 (N, C, H, W), 동영상 배치는 (N, T, C, H, W)입니다. 배치가 맨 앞, 채널이 높이·너비 앞에 오며, 그림을 그릴 때는 (H, W, C)로 바꿉니다.
#    원소 수 × 원소 크기로 메모리를 가늠합니다.

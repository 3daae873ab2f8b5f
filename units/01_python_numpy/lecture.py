# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# 이 단원은 딥러닝 코드를 읽고 쓰는 데 필요한 **파이썬 기본기**(타입 힌트가 있는 함수, 클래스)와
# **NumPy 로 하는 선형대수**(벡터, 변환 행렬, `y = Wx + b`)를 다룹니다. PyTorch 의 텐서(tensor)는 NumPy 배열과
# 거의 같은 방식으로 다루므로, 여기서 익힌 모양(shape)·축(axis)·행렬 곱 감각이 뒤의 모든 단원의 바탕이 됩니다.
#
# 준비 셀은 모든 단원에서 같은 순서로 불러옵니다: 파이썬 내장 모듈 → 외부 패키지(`numpy`, `matplotlib`) → 우리 과정의 `helpers`.
# 묶음 사이에는 빈 줄을 둡니다. 어디서 온 이름인지 한눈에 보이고, `ruff` 같은 도구가 이 순서를 검사합니다.

# %%
import matplotlib.pyplot as plt
import numpy as np

import helpers
from helpers.plot import plot_transform, plot_vectors

device = helpers.setup()
np.set_printoptions(precision=3, suppress=True)  # 보기 좋게: 소수 셋째 자리, 지수 표기 없이


# %% [markdown]
# ## 🎯 학습 목표
# - 타입 힌트(type hint)를 붙여 함수와 클래스를 쓰고, 타입 힌트가 실행 중에는 검사되지 않는다는 것을 설명할 수 있다.
# - 파이썬 리스트와 NumPy 배열(ndarray)의 차이를 알고, 배열의 모양(shape)·자료형(dtype)·축(axis)을 읽을 수 있다.
# - 벡터를 **방향**과 **크기**로 이해하고, 벡터의 길이(노름, norm)와 단위 벡터를 계산할 수 있다.
# - 스케일 행렬 `S`, 회전 행렬 `R`, 합성 `R @ S` 로 평면을 변환하고 그림으로 확인할 수 있다.
# - 신경망 한 층의 계산 `y = Wx + b` 를 행렬 곱으로 쓰고, 여러 샘플(배치, batch)로 넓힐 수 있다.

# %% [markdown]
# ## 🤔 단서 질문
# 1. 타입 힌트는 무엇을 도와주고, 무엇은 해 주지 **않는가**?
# 2. 클래스의 `__init__` 과 `self` 는 무슨 일을 하는가?
# 3. 리스트의 `+`, `*` 와 NumPy 배열의 `+`, `*` 는 어떻게 다른가?
# 4. 벡터의 크기와 방향은 어떻게 계산하고, `axis` 는 무엇을 정하는가?
# 5. 회전 행렬은 왜 그런 모양이고, 각도는 왜 라디안(radian)으로 바꿔야 하는가?
# 6. `R @ S` 와 `S @ R` 은 왜 다르며, 어느 변환이 먼저 적용되는가?
# 7. `y = Wx + b` 에서 `W`, `x`, `b`, `y` 의 모양은 무엇이고, 샘플이 여러 개면 어떻게 쓰는가?

# %% [markdown]
# ## 1. 함수와 타입 힌트
#
# 함수는 입력(매개변수)을 받아 결과를 돌려주는(`return`) 이름 붙은 코드 묶음입니다.
# **타입 힌트**는 매개변수와 반환값이 어떤 자료형이어야 하는지 적어 두는 표기입니다.
# 아래 세 함수는 하는 일이 같고, 적어 둔 정보의 양만 다릅니다. 현업에서는 세 번째처럼 **반환 타입까지** 적는 방식을 주로 씁니다.
#
# **실행하기 전에 예상해 보세요:** `add3(a: int, b: int) -> int` 에 문자열 `"10"`, `"20"` 을 넘기면 어떻게 될까요? 오류가 날까요, 30 이 나올까요, 다른 무엇이 나올까요?
# (답은 세 셀 아래에 있습니다.)

# %%
def add1(a, b):
    return a + b

def add2(a: int, b: int):           # 매개변수 타입만 적음
    return a + b

def add3(a: int, b: int) -> int:    # 반환 타입까지 적음 (권장)
    return a + b

print(add1(10, 20), add2(10, 20), add3(10, 20))

# %% [markdown]
# 타입 힌트는 함수 객체의 `__annotations__` 에 저장됩니다. 편집기(자동 완성, 경고)와 `mypy` 같은 검사 도구,
# 그리고 코드를 읽는 **사람**이 이 정보를 씁니다.

# %%
print(add3.__annotations__)

# %% [markdown]
# 하지만 파이썬은 실행할 때 타입 힌트를 **검사하지 않습니다**. `int` 라고 적어 두어도 문자열이 그대로 들어가고,
# 문자열의 `+` 는 이어 붙이기이므로 `30` 이 아니라 `'1020'` 이 나옵니다. 에러도 나지 않습니다.

# %%
result = add3("10", "20")
print(repr(result), type(result).__name__)


# %% [markdown]
# 타입 힌트로 "여러 개", "없을 수도 있음" 도 적을 수 있습니다. `list[float]` 는 실수의 리스트,
# `float | None` 은 실수이거나 `None` 이라는 뜻입니다. 함수 첫 줄의 문자열(docstring)에는 함수가 하는 일을 적습니다.

# %%
def mean(values: list[float], default: float | None = None) -> float | None:
    """values 의 평균. 비어 있으면 default 를 돌려준다."""
    if len(values) == 0:
        return default
    return sum(values) / len(values)

print(mean([1.0, 2.0, 6.0]), mean([]), mean([], default=0.0))


# %% [markdown]
# 🧪 **해 보기**
#
# - `mean((1.0, 2.0))` 처럼 리스트 대신 튜플을 넘겨 보세요. 힌트(`list[float]`)와 다른데 동작하나요? 왜 그럴까요?
# - `mean` 에 `"abc"` 를 넘기면 어디서, 어떤 오류가 나나요? 오류가 난 줄이 함수 **안쪽**이라는 점을 확인하세요 (⚠️ 2).
#
# 📚 **더 읽을거리**: [함수 정의하기 (파이썬 튜토리얼)](https://docs.python.org/3/tutorial/controlflow.html#defining-functions) ·
# [`typing` — 타입 힌트](https://docs.python.org/3/library/typing.html) ·
# [타입 힌트 입문 (mypy 문서)](https://mypy.readthedocs.io/en/stable/getting_started.html)

# %% [markdown]
# ## 2. 클래스: 데이터와 동작을 한 묶음으로
#
# 클래스(class)는 **설계도**, 객체(object, 인스턴스 instance)는 그 설계도로 만든 **실체**입니다.
# - `__init__` 은 객체가 만들어질 때 한 번 불려서 객체의 속성(attribute)을 채웁니다.
# - `self` 는 "지금 다루는 바로 그 객체" 입니다. `self.name = name` 은 이 객체에 `name` 속성을 저장합니다.
# - 클래스 안의 함수를 메서드(method)라고 하며, 첫 매개변수는 늘 `self` 입니다.

# %%
class Person:
    def __init__(self, name: str, age: int) -> None:
        self.name = name    # 인스턴스 속성 (instance attribute)
        self.age = age

    def say_hi(self) -> str:
        return f"안녕하세요, 저는 {self.name}입니다."

    def say_bye(self) -> str:
        return f"잘 가요, {self.name} 님"


kim = Person("김민지", 30)
lee = Person("이도윤", 25)
print(kim.say_hi())
print(lee.say_bye())
print("나이:", kim.age, lee.age)

# %% [markdown]
# 같은 설계도 `Person` 으로 만든 두 객체가 **각자의** `name`, `age` 를 가집니다.
# PyTorch 의 모델(`nn.Module`)도 클래스입니다. `__init__` 에서 층(가중치)을 만들고, `forward` 에서 계산합니다 (06 단원).
#
# 타입 힌트가 붙은 필드만 적으면 `__init__` 과 출력 형식(`__repr__`)을 자동으로 만들어 주는 `@dataclass` 도 자주 씁니다.
#
# **실행하기 전에 예상해 보세요:** `print(kim)` 은 `<__main__.Person object at 0x…>` 처럼 나옵니다. 아래 `@dataclass` 로 만든 `print(p)` 는 어떻게 나올까요?

# %%
from dataclasses import dataclass


@dataclass
class Point:
    x: float
    y: float

    def length(self) -> float:
        """원점에서 이 점까지의 거리."""
        return (self.x ** 2 + self.y ** 2) ** 0.5


p = Point(3.0, 4.0)
print(p, "| 길이:", p.length())

# %% [markdown]
# 🧪 **해 보기**
#
# - `Person` 에 나이를 1 늘리는 `birthday(self) -> None` 메서드를 더하고, `kim` 에게만 불러 보세요. `lee.age` 는 어떻게 되나요?
# - `Point(3.0, 4.0) == Point(3.0, 4.0)` 과 `Person("김민지", 30) == Person("김민지", 30)` 을 비교해 보세요. 왜 결과가 다를까요? (`@dataclass` 가 만들어 주는 메서드를 찾아보세요.)
#
# 📚 **더 읽을거리**: [클래스 (파이썬 튜토리얼)](https://docs.python.org/3/tutorial/classes.html) ·
# [`dataclasses`](https://docs.python.org/3/library/dataclasses.html) ·
# [PyTorch `nn.Module`](https://docs.pytorch.org/docs/stable/generated/torch.nn.Module.html) (06 단원에서 씀)

# %% [markdown]
# ## 3. NumPy 배열 (ndarray)
#
# 파이썬 리스트는 무엇이든 담는 상자이고, `+` 는 **이어 붙이기**, `* 2` 는 **반복**입니다.
# NumPy 배열은 같은 자료형의 숫자를 격자로 담고, 연산을 **원소별로**(element-wise) 합니다. 벡터·행렬 계산에는 배열을 씁니다.

# %%
a_list, b_list = [1, 2], [3, 4]
a, b = np.array(a_list), np.array(b_list)

print("리스트 +   :", a_list + b_list)
print("리스트 * 2 :", a_list * 2)
print("배열 +     :", a + b)
print("배열 * 2   :", a * 2)

# %% [markdown]
# 배열에는 **모양(shape)**, **차원 수(ndim)**, **자료형(dtype)** 이 있습니다.
# 아래 `V` 는 2행 3열이고, 세 **열** `(1, 1)`, `(2, 1)`, `(3, 5)` 가 각각 2차원 벡터 하나입니다.

# %%
V = np.array([[1, 2, 3],
              [1, 1, 5]])
print(V)
print("shape:", V.shape, "| ndim:", V.ndim, "| dtype:", V.dtype)

# %% [markdown]
# `dtype` 은 값을 보고 추론한 `int64` 입니다. 나눗셈이나 회전처럼 실수가 필요한 계산을 할 거라면
# 추론에 맡기지 말고 `dtype` 을 **직접 정하세요**. 이미 있는 배열은 `astype` 으로 바꾼 **새 배열**을 만듭니다.

# %%
Vf = np.array([[1, 2, 3], [1, 1, 5]], dtype=np.float64)
print(Vf.dtype, "|", V.astype(np.float32).dtype, "| 원래 V 는 그대로:", V.dtype)

# %% [markdown]
# 인덱싱: `V[행, 열]`. `:` 는 "그 축 전부" 입니다. `V[:, 0]` 은 첫 번째 **열** (= 첫 번째 벡터), `V[1]` 은 두 번째 **행** 입니다.
#
# **실행하기 전에 예상해 보세요:** `V[:, 0]` 은 세로로 선 `(2, 1)` 모양으로 나올까요, 그냥 값 두 개인 `(2,)` 로 나올까요?

# %%
print("첫 번째 벡터 V[:, 0] =", V[:, 0])
print("두 번째 행   V[1]    =", V[1])
print("원소         V[1, 2] =", V[1, 2])

# %% [markdown]
# **축(axis)**: 합계·평균·노름 같은 함수에 `axis=k` 를 주면 **k 번 축을 따라 모아서 그 축을 없앱니다**.
# `(2, 3)` 배열에서 `axis=0` 은 행들을 모아 열마다 하나씩 `(3,)`, `axis=1` 은 열들을 모아 행마다 하나씩 `(2,)` 를 줍니다.
# `keepdims=True` 를 주면 없앤 축을 길이 1로 남겨 둡니다. 원래 배열과 다시 계산할 때(모양이 다른 배열끼리 맞춰 계산하는 브로드캐스팅, broadcasting) 편합니다.

# %%
print("전체 합              :", V.sum())
print("axis=0 (열마다)      :", V.sum(axis=0), "shape", V.sum(axis=0).shape)
print("axis=1 (행마다)      :", V.sum(axis=1), "shape", V.sum(axis=1).shape)
print("axis=0, keepdims=True:", V.sum(axis=0, keepdims=True), "shape", V.sum(axis=0, keepdims=True).shape)

# %% [markdown]
# **눈여겨볼 점**: 정수 하나로 인덱싱하면 그 축이 **사라집니다**. `V[:, 0]` 은 `(2,)` 이고, 축을 남기려면 `V[:, 0:1]` (`(2, 1)`) 처럼 슬라이스로 씁니다.
#
# 🧪 **해 보기**
#
# - `V.mean(axis=1, keepdims=True)` 의 모양을 먼저 적어 보고 확인하세요. 그다음 `V - V.mean(axis=1, keepdims=True)` 는 무엇을 계산하나요? `keepdims` 를 빼면?
# - `np.array([1, 2.5]).dtype` 과 `np.array([1, "2"]).dtype` 을 예상하고 확인해 보세요.
#
# 📚 **더 읽을거리**: [NumPy 빠른 시작](https://numpy.org/doc/stable/user/quickstart.html) ·
# [브로드캐스팅](https://numpy.org/doc/stable/user/basics.broadcasting.html) ·
# [인덱싱](https://numpy.org/doc/stable/user/basics.indexing.html) ·
# [d2l 2.1 데이터 다루기](https://d2l.ai/chapter_preliminaries/ndarray.html)

# %% [markdown]
# ## 4. 벡터: 방향과 크기
#
# 벡터(vector)는 **방향**과 **크기**를 가진 값입니다. 좌표 `(1, 1)` 은 고정된 좌표계에서는 한 점이지만,
# 벡터로 보면 "원점 `(0, 0)` 에서 `(1, 1)` 쪽으로 그만큼 움직이는 것" 입니다.
# 권투 선수가 제자리 `(0, 0)` 에서 `(1, 1)` 방향으로 펀치를 뻗는 모습을 떠올려 보세요.
# 어떤 방향으로 얼마만큼 영향을 주는지를 나타내는 단위가 벡터입니다.
#
# `plot_vectors` 는 **한 행에 벡터 하나**인 `(n, 2)` 배열을 받으므로, 열마다 벡터가 있는 `V` 는 전치(transpose, `.T`: 행과 열을 맞바꿈)해서 넘깁니다.

# %%
plot_vectors(V.T, labels=["(1, 1)", "(2, 1)", "(3, 5)"], title="원점에서 뻗은 세 벡터")
plt.show()

# %% [markdown]
# **크기**(길이, 노름 norm)는 피타고라스 정리로 구합니다: $\lVert v \rVert = \sqrt{x^2 + y^2}$.
# **방향**만 남기려면 벡터를 자기 길이로 나눕니다. 이렇게 얻은 길이 1인 벡터가 **단위 벡터**(unit vector)입니다.
#
# **실행하기 전에 예상해 보세요:** `v = (3, 4)` 의 길이와 단위 벡터를 손으로 먼저 계산해 보세요.

# %%
v = np.array([3.0, 4.0])
length = np.sqrt(np.sum(v ** 2))
print("직접 계산:", length, "| np.linalg.norm:", np.linalg.norm(v))

u = v / length
print("단위 벡터:", u, "| 그 길이:", np.linalg.norm(u))

# %% [markdown]
# 벡터가 여러 개면 `axis` 로 "어느 축을 따라 길이를 잴지" 정합니다. `V` 는 **열**마다 벡터이므로 `axis=0` (한 열의 두 성분을 모음) 입니다.
# `(2, 3) / (3,)` 은 브로드캐스팅으로 **열마다** 자기 길이로 나눕니다.

# %%
lengths = np.linalg.norm(Vf, axis=0)      # 열(벡터)마다 길이: shape (3,)
U = Vf / lengths                           # 열마다 자기 길이로 나눔
print("각 벡터의 길이     :", lengths)
print("단위 벡터 (열마다) :\n", U)
print("단위 벡터들의 길이 :", np.linalg.norm(U, axis=0))

# %%
fig, ax = plt.subplots(figsize=(5, 5))
ax.add_patch(plt.Circle((0, 0), 1.0, fill=False, ls="--", color="gray"))   # 반지름 1인 원
plot_vectors(Vf.T, labels=["(1, 1)", "(2, 1)", "(3, 5)"], colors="darkgray", ax=ax)
plot_vectors(U.T, ax=ax, title="단위 벡터(색): 방향은 그대로, 길이는 1")
plt.show()

# %% [markdown]
# 단위 벡터들은 모두 반지름 1인 원 위에 끝이 닿고, 방향은 원래 벡터(회색)와 같습니다. **크기와 방향을 따로 떼어 낸** 것입니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - `np.linalg.norm(Vf, axis=1)` 은 무엇을 잰 걸까요? 결과가 왜 2개인지 설명해 보세요.
# - 세 벡터 중 가장 긴 것의 번호를 `np.argmax` 로 찾아보세요.
# - 영벡터 `np.zeros(2)` 를 자기 길이로 나누면 어떻게 되나요? 경고를 읽고, 단위 벡터를 만드는 함수라면 이 경우를 어떻게 다뤄야 할지 생각해 보세요.
#
# 📚 **더 읽을거리**: [`np.linalg.norm`](https://numpy.org/doc/stable/reference/generated/numpy.linalg.norm.html) ·
# [d2l 2.3 선형대수 (노름)](https://d2l.ai/chapter_preliminaries/linear-algebra.html#norms)

# %% [markdown]
# ## 5. 변환 행렬 ① 스케일 `S`
#
# 행렬 `M` 을 벡터 `v` 에 곱하면(`M @ v`) 새 벡터가 나옵니다. 이렇게 공간 전체를 늘이거나 돌리되
# **원점은 그대로, 직선은 직선으로** 남기는 변환을 **선형 변환**(linear transformation)이라고 합니다.
#
# 행렬 × 벡터의 결과는 **행렬의 각 행과 벡터의 내적**(dot product: 같은 자리끼리 곱해 더한 값)입니다.
# `S` 는 x 성분만 2배로 키웁니다. 권투 영상을 가로로만 늘린 것과 같습니다.

# %%
S = np.array([[2.0, 0.0],
              [0.0, 1.0]])
v = np.array([1.0, 1.0])

print("S @ v          =", S @ v)
print("행마다 내적    =", np.array([S[0] @ v, S[1] @ v]))
print("S @ V (세 벡터)=\n", S @ Vf)

# %% [markdown]
# 행렬을 **평면 전체**에 적용해 보면 더 잘 보입니다. 회색은 변환 전 단위 정사각형, 주황은 변환 후,
# 파란 선은 변환된 격자입니다. 빨강·초록 화살표는 기본 벡터 `e1 = (1, 0)`, `e2 = (0, 1)` 이 옮겨 간 곳으로,
# **행렬의 첫째 열과 둘째 열** 그 자체입니다.
#
# **실행하기 전에 예상해 보세요:** 넓이 1인 단위 정사각형은 `S` 를 거치면 넓이가 얼마가 될까요?

# %%
plot_transform(S, title="스케일 S: x 방향으로 2배")
plt.show()


# %% [markdown]
# 넓이 1인 정사각형이 가로 2, 세로 1인 직사각형이 되었습니다. `S[:, 0] = (2, 0)`, `S[:, 1] = (0, 1)` 이 빨강·초록 화살표입니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - `S` 를 `[[2, 0], [0, 0.5]]` 로 바꾸면 정사각형의 넓이는? `np.linalg.det(S)` (행렬식)와 비교해 보세요.
# - 대각선이 아닌 행렬 `[[1, 0.5], [0, 1]]` 을 `plot_transform` 에 넣어 보세요. 이런 변환을 기울이기(shear)라고 합니다. 빨강·초록 화살표가 어디로 갔는지 행렬의 열과 맞춰 보세요.
#
# 📚 **더 읽을거리**: [`np.matmul` / `@`](https://numpy.org/doc/stable/reference/generated/numpy.matmul.html) ·
# [선형 변환과 행렬 (3Blue1Brown, 영상)](https://www.3blue1brown.com/lessons/linear-transformations) ·
# [d2l 2.3 행렬-벡터 곱](https://d2l.ai/chapter_preliminaries/linear-algebra.html#matrixvector-products)

# %% [markdown]
# ## 6. 변환 행렬 ② 회전 `R`
#
# 반시계 방향으로 각도 θ 만큼 돌리는 행렬은
#
# $$R(\theta) = \begin{pmatrix} \cos\theta & -\sin\theta \\ \sin\theta & \cos\theta \end{pmatrix}$$
#
# 입니다. 열을 보면 이유가 보입니다. `e1 = (1, 0)` 은 `(cos θ, sin θ)` 로, `e2 = (0, 1)` 은 `(-sin θ, cos θ)` 로 돌아갑니다.
# `np.cos`, `np.sin` 은 각도를 **라디안**으로 받으므로 도(degree)는 `np.deg2rad` 로 바꿉니다 (180° = π 라디안).
# θ = 90° 이면 `[[0, -1], [1, 0]]` 이 됩니다. 쨉을 왼쪽으로 틀어 주는 것과 같습니다.

# %%
def rotation_matrix(deg: float) -> np.ndarray:
    """반시계 방향으로 deg 도 돌리는 2×2 회전 행렬."""
    t = np.deg2rad(deg)
    return np.array([[np.cos(t), -np.sin(t)],
                     [np.sin(t),  np.cos(t)]])


R = rotation_matrix(90)
print(R)

# %% [markdown]
# 위 출력은 깔끔한 0 과 1 입니다. **실행하기 전에 예상해 보세요:** 그렇다면 `np.cos(np.deg2rad(90))` 은 정확히 `0.0` 일까요?
# (이 노트북은 `suppress=True` 로 아주 작은 수를 0 으로 보여 줍니다. 다음 셀에서 확인합니다.)

# %%
print(repr(np.cos(np.deg2rad(90))), "| 0 과 가까운가?", np.isclose(np.cos(np.deg2rad(90)), 0.0))

# %% [markdown]
# **눈여겨볼 점**: π/2 를 유한한 자릿수로만 나타낼 수 있어서 결과는 0 이 아니라 약 6e-17 입니다(반올림 오차). 그래서 실수 계산의 결과는
# `==` 가 아니라 `np.isclose`, `np.allclose` 로 비교합니다.
#
# 회전은 **방향만 바꾸고 크기는 그대로** 둡니다. 세 벡터를 한꺼번에 돌려(`R @ V`) 길이를 비교해 봅니다.

# %%
V_rot = R @ Vf
print("돌린 벡터들 (열마다):\n", V_rot)
print("길이 (전):", np.linalg.norm(Vf, axis=0))
print("길이 (후):", np.linalg.norm(V_rot, axis=0))

# %%
fig, ax = plt.subplots(figsize=(5, 5))
plot_vectors(Vf.T, colors="lightgray", ax=ax)
plot_vectors(V_rot.T, labels=["R(1, 1)", "R(2, 1)", "R(3, 5)"], ax=ax, title="90° 회전: 회색 → 색")
plt.show()

# %% [markdown]
# 각도를 바꿔 가며 평면 전체가 도는 모습을 봅니다. 음수 각도는 **시계 방향** 회전입니다.

# %%
fig, axes = plt.subplots(1, 3, figsize=(13, 4.5))
for ax, deg in zip(axes, [30, 90, -45]):
    plot_transform(rotation_matrix(deg), ax=ax, title=f"R({deg}°)")
fig.tight_layout()
plt.show()

# %% [markdown]
# 정사각형은 모양과 넓이를 그대로 유지한 채 원점을 중심으로 돕니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - `np.linalg.matrix_power(rotation_matrix(30), 12)` 은 어떤 행렬일까요? 먼저 예상하고 `np.allclose(…, np.eye(2))` 로 확인해 보세요.
# - `R.T @ R` 을 계산해 보세요. 회전 행렬의 전치가 왜 반대 방향 회전 `rotation_matrix(-90)` 과 같은지 그림으로 설명해 보세요.
#
# 📚 **더 읽을거리**: [`np.deg2rad`](https://numpy.org/doc/stable/reference/generated/numpy.deg2rad.html) ·
# [`np.allclose`](https://numpy.org/doc/stable/reference/generated/numpy.allclose.html) ·
# [회전 행렬 (Wikipedia)](https://en.wikipedia.org/wiki/Rotation_matrix)

# %% [markdown]
# ## 7. 변환 합성(composition): `R @ S`
#
# 두 변환을 차례로 하는 것도 **행렬 하나**로 쓸 수 있습니다: `(R @ S) @ v = R @ (S @ v)`.
# 벡터에 **가까운 쪽(오른쪽)부터** 적용되므로 `R @ S` 는 "먼저 `S` 로 늘리고, 그다음 `R` 로 돌리기" 입니다.
# 합성 행렬을 한 번 만들어 두면 벡터가 아무리 많아도 곱셈 한 번으로 끝납니다.

# %%
RS = R @ S
print("R @ S =\n", RS)
print("한 번에 (R @ S) @ v :", RS @ v)
print("차례로  R @ (S @ v) :", R @ (S @ v))
print("세 벡터를 한 방에   :\n", RS @ Vf)

# %% [markdown]
# 행렬 곱은 **순서를 바꾸면 결과가 달라집니다** (교환법칙이 성립하지 않음). `S @ R` 은 "먼저 돌리고, 그다음 x 방향으로 늘리기" 입니다.
#
# **실행하기 전에 예상해 보세요:** 아래 네 번째 그림에서 `R @ S` 를 거친 정사각형은 가로로 긴 직사각형일까요, 세로로 긴 직사각형일까요? `S @ R` 은요?

# %%
SR = S @ R
print("S @ R =\n", SR)
print("R @ S 와 S @ R 이 같은가?", np.allclose(RS, SR))

# %%
fig, axes = plt.subplots(1, 4, figsize=(17, 4.5))
plot_transform(S, ax=axes[0], title="S (늘리기)")
plot_transform(R, ax=axes[1], title="R (90° 돌리기)")
plot_transform(RS, ax=axes[2], title="R @ S: S 먼저, 그다음 R")
plot_transform(SR, ax=axes[3], title="S @ R: R 먼저, 그다음 S")
fig.tight_layout()
plt.show()

# %% [markdown]
# `R @ S` 는 가로로 늘린 직사각형을 세워 **세로로 긴** 직사각형을 만들고, `S @ R` 은 먼저 세운 정사각형을 가로로 늘려
# **가로로 긴** 직사각형을 만듭니다. 합성할 때는 "무엇을 먼저 할지" 를 정하고 그 행렬을 **오른쪽**에 둡니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - `rotation_matrix(90) @ rotation_matrix(90)` 은 어떤 회전과 같을까요? `rotation_matrix(180)` 과 `np.allclose` 로 비교하세요. 회전끼리는 순서를 바꿔도 같을까요?
# - 두 스케일 행렬 `S` 와 `[[1, 0], [0, 3]]` 은 순서를 바꿔 곱해도 같습니다. 왜 이 경우에는 교환이 될까요?
#
# 📚 **더 읽을거리**: [행렬 곱은 합성 (3Blue1Brown, 영상)](https://www.3blue1brown.com/lessons/matrix-multiplication) ·
# [d2l 2.3 행렬-행렬 곱](https://d2l.ai/chapter_preliminaries/linear-algebra.html#matrixmatrix-multiplication)

# %% [markdown]
# ## 8. `y = Wx + b`: 신경망 한 층
#
# 다층 퍼셉트론(MLP)의 한 층은 입력 벡터 `x` 에 가중치 행렬 `W` 를 곱하고(선형 변환) 편향 `b` 를 더합니다.
# 모양은 이렇게 맞춥니다.
#
# | 기호 | 뜻 | shape |
# |---|---|---|
# | `x` | 입력 하나 | `(입력 수,)` |
# | `W` | 가중치 (weight) | `(출력 수, 입력 수)` |
# | `b` | 편향 (bias) | `(출력 수,)` |
# | `y` | 출력 | `(출력 수,)` |

# %%
rng = np.random.default_rng(0)
W = rng.normal(size=(2, 3))       # 입력 3개 → 출력 2개
b = np.array([0.5, -1.0])
x = np.array([1.0, 2.0, 3.0])

y = W @ x + b
print("W", W.shape, "@ x", x.shape, "+ b", b.shape, "→ y", y.shape)
print("y =", y)

# %% [markdown]
# 실제로는 샘플 여러 개를 **한 행에 하나씩** 쌓은 배치 `X` `(N, 입력 수)` 를 한꺼번에 넣습니다.
# 샘플마다 `W @ x` 를 하는 것은 `X @ W.T` 와 같고, `b` 는 브로드캐스팅으로 모든 행에 더해집니다.
# PyTorch 의 `nn.Linear` 도 가중치를 `(출력 수, 입력 수)` 로 저장하고 정확히 `x @ W.T + b` 를 계산합니다.
#
# **실행하기 전에 예상해 보세요:** `X` 가 `(4, 3)`, `W` 가 `(2, 3)` 이면 `X @ W.T + b` 의 모양은 무엇일까요?

# %%
X = rng.normal(size=(4, 3))       # 샘플 4개, 한 행에 하나
Y = X @ W.T + b
print("X", X.shape, "→ Y", Y.shape)
print("첫 샘플만 따로 계산한 값과 같은가?", np.allclose(Y[0], W @ X[0] + b))

# %% [markdown]
# 2차원에서 그려 보면 `W` 는 평면을 늘리고 돌리고 기울이며, `b` 는 결과 전체를 **평행 이동**합니다 (원점이 `b` 로 옮겨 감).
# 선형 변환에 평행 이동을 더한 것을 아핀 변환(affine transformation)이라고 합니다.

# %%
W2d = np.array([[1.0, 0.5],
                [-0.3, 0.8]])
b2d = np.array([1.0, -0.5])
fig, axes = plt.subplots(1, 2, figsize=(9.5, 4.5))
plot_transform(W2d, ax=axes[0], title="W 만: 원점은 그대로")
plot_transform(W2d, bias=b2d, ax=axes[1], title="W 다음 + b: 원점이 b 로 이동")
fig.tight_layout()
plt.show()

# %% [markdown]
# 한 가지 더: 활성화 함수 없이 층 두 개를 쌓으면 **층 하나와 똑같은 일**밖에 못 합니다.
# `W2 @ (W1 @ x + b1) + b2 = (W2 @ W1) @ x + (W2 @ b1 + b2)` 이기 때문입니다 (합성은 행렬 하나).
# 층 사이에 ReLU 같은 비선형 함수를 넣는 이유가 이것입니다 (07 단원).

# %%
W1, b1 = rng.normal(size=(4, 3)), rng.normal(size=4)
W2, b2 = rng.normal(size=(2, 4)), rng.normal(size=2)
two_layers = W2 @ (W1 @ x + b1) + b2
one_layer = (W2 @ W1) @ x + (W2 @ b1 + b2)
print("두 층:", two_layers, "| 합친 한 층:", one_layer, "| 같은가?", np.allclose(two_layers, one_layer))

# %% [markdown]
# 🧪 **해 보기**
#
# - `(W @ X.T).T` 를 계산해 `Y` 와 같은지 확인해 보세요. 두 식이 같은 이유를 전치의 성질 $(AB)^T = B^T A^T$ 로 설명해 보세요.
# - `b` 를 `b.reshape(2, 1)` 로 바꿔 `X @ W.T + b` 를 계산하면 모양이 어떻게 되나요? 오류 없이 엉뚱한 모양이 나오는 브로드캐스팅 함정입니다.
# - 두 층 사이에 `np.maximum(0, …)` (ReLU)를 넣으면 `one_layer` 와 같아질까요? 예상하고 확인해 보세요.
#
# 📚 **더 읽을거리**: [PyTorch `nn.Linear`](https://docs.pytorch.org/docs/stable/generated/torch.nn.Linear.html) ·
# [d2l 5.1 다층 퍼셉트론](https://d2l.ai/chapter_multilayer-perceptrons/mlp.html) ·
# [`numpy.random.Generator`](https://numpy.org/doc/stable/reference/random/generator.html)

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# 아래 셀들은 **일부러 실패합니다**. 에러 메시지를 읽고, 바로 다음 셀의 고친 코드와 비교해 보세요.
#
# ### 1) 리스트 `+` 는 더하기가 아니라 이어 붙이기
# 위치 `[1, 2]` 에서 `[0.5, 0.5]` 만큼 움직이려고 리스트를 `+` 하면 원소 4개짜리 리스트가 됩니다.
# 에러는 한참 뒤, 좌표 두 개를 꺼내려는 곳에서 납니다.

# %% tags=["raises-exception"]
position = [1.0, 2.0]
step = [0.5, 0.5]
new_position = position + step      # 더하기를 기대했지만...
print(new_position)
x_pos, y_pos = new_position          # 좌표 두 개를 기대한 곳에서 에러

# %%
new_position = np.array(position) + np.array(step)    # 고침: 배열로 바꿔서 원소별 더하기
x_pos, y_pos = new_position
print(new_position, "→ x =", x_pos, ", y =", y_pos)


# %% [markdown]
# ### 2) 타입 힌트는 실행 중에 검사되지 않는다
# `v: np.ndarray` 라고 적어도 리스트가 그대로 들어옵니다. 리스트 × 실수는 정의되지 않아 **함수 안쪽**에서 에러가 납니다
# (리스트 × 정수였다면 에러도 없이 리스트를 반복했을 것입니다).

# %% tags=["raises-exception"]
def halve(v: np.ndarray) -> np.ndarray:
    """벡터를 절반 길이로 줄인다."""
    return v * 0.5

halve([3.0, 4.0])    # 힌트는 ndarray 인데 리스트를 넘김


# %%
def halve(v: np.ndarray) -> np.ndarray:
    """벡터를 절반 길이로 줄인다. 입구에서 배열로 바꿔 두면 리스트도 안전하다."""
    return np.asarray(v, dtype=np.float64) * 0.5

print(halve([3.0, 4.0]), halve(np.array([3.0, 4.0])))

# %% [markdown]
# ### 3) 행렬 곱에 `*` 쓰기
# `*` 는 **원소별** 곱입니다. 변환 행렬 `(2, 2)` 와 벡터 묶음 `(2, 3)` 은 원소별로 곱할 수 없어 에러가 납니다.

# %% tags=["raises-exception"]
RS * Vf     # 원소별 곱: (2, 2) 와 (2, 3) 은 브로드캐스팅 불가

# %% [markdown]
# 벡터 하나 `(2,)` 일 때는 더 위험합니다. 에러 없이 `(2, 2)` 가 나옵니다. 행렬 곱은 `@` 입니다.

# %%
print("S * v (원소별, 틀림):\n", S * v)
print("S @ v (행렬 곱, 맞음):", S @ v)
print("RS @ Vf:\n", RS @ Vf)

# %% [markdown]
# ### 4) `@` 의 모양이 맞지 않음 (행 벡터와 열 벡터 혼동)
# `A @ B` 는 **A 의 열 수 = B 의 행 수** 일 때만 됩니다. 샘플을 행으로 쌓은 `X (4, 3)` 에 `W (2, 3)` 를 `W @ X` 로 곱하면 3 ≠ 4 라서 실패합니다.

# %% tags=["raises-exception"]
print("W", W.shape, "X", X.shape)
W @ X

# %%
Y = X @ W.T + b       # 고침: 샘플이 행이면 X @ W.T  → (4, 3) @ (3, 2) = (4, 2)
print("Y", Y.shape)


# %% [markdown]
# ### 5) 도(degree)를 그대로 `np.cos` 에 넣기
# `np.cos(90)` 은 90 **라디안**의 코사인(약 -0.45)입니다. 그래서 "90° 회전" 이 엉뚱한 각도가 됩니다.
# `(1, 0)` 을 90° 돌리면 `(0, 1)` 이어야 한다는 사실로 확인해 봅니다.

# %% tags=["raises-exception"]
def rotation_matrix_wrong(deg: float) -> np.ndarray:
    """틀린 예: 도를 라디안으로 바꾸지 않았다."""
    return np.array([[np.cos(deg), -np.sin(deg)],
                     [np.sin(deg),  np.cos(deg)]])

np.testing.assert_allclose(rotation_matrix_wrong(90) @ np.array([1.0, 0.0]), [0.0, 1.0], atol=1e-12)

# %%
np.testing.assert_allclose(rotation_matrix(90) @ np.array([1.0, 0.0]), [0.0, 1.0], atol=1e-12)   # 고침: np.deg2rad
print("np.deg2rad 를 쓴 rotation_matrix: 통과")

# %% [markdown]
# ### 6) 합성 순서를 거꾸로 쓰기 (`S @ R`)
# "먼저 늘리고 그다음 돌리기" 를 왼쪽부터 읽어 `S @ R` 로 쓰면, 실제로는 **먼저 돌리고 그다음 늘리는** 행렬이 됩니다.

# %% tags=["raises-exception"]
step_by_step = R @ (S @ v)      # S 먼저, 그다음 R
np.testing.assert_allclose((S @ R) @ v, step_by_step)

# %%
np.testing.assert_allclose((R @ S) @ v, step_by_step)     # 고침: 먼저 할 변환을 오른쪽에
print("R @ S: 통과")


# %% [markdown]
# ### 7) 함수 안에서 입력 배열을 바꾸기 (in-place)
# `v /= ...` 는 **넘겨받은 배열 자체**를 고칩니다. 정수 배열이면 실수 결과를 담을 수 없어 에러가 나고,
# 실수 배열이면 에러 없이 **호출한 쪽의 데이터가 바뀝니다**.

# %% tags=["raises-exception"]
def normalize_inplace(v: np.ndarray) -> np.ndarray:
    """틀린 예: 입력을 제자리에서 나눈다."""
    v /= np.linalg.norm(v)
    return v

counts = np.array([3, 4])        # 정수 배열
normalize_inplace(counts)

# %%
data = np.array([3.0, 4.0])
normalize_inplace(data)
print("실수 배열은 조용히 바뀜:", data)

def normalize(v: np.ndarray) -> np.ndarray:
    """고침: 새 배열을 돌려주고 입력은 건드리지 않는다."""
    return v / np.linalg.norm(v)

data = np.array([3.0, 4.0])
print("normalize:", normalize(data), "| 입력은 그대로:", data, "| 정수도 됨:", normalize(np.array([3, 4])))


# %% [markdown]
# ### 8) 리스트를 기본값으로 쓰기 (mutable default argument)
# 기본값은 함수를 **정의할 때 한 번만** 만들어집니다. 그래서 `bag: list = []` 는 호출할 때마다 **같은 리스트**를 씁니다.

# %% tags=["raises-exception"]
def add_item(item: str, bag: list[str] = []) -> list[str]:
    bag.append(item)
    return bag

first = add_item("사과")
second = add_item("배")
print("두 번째 호출 결과:", second)
assert second == ["배"], "새 가방을 기대했지만 이전 호출의 물건이 남아 있습니다"


# %%
def add_item(item: str, bag: list[str] | None = None) -> list[str]:
    """고침: 기본값은 None, 함수 안에서 새 리스트를 만든다."""
    if bag is None:
        bag = []
    bag.append(item)
    return bag

print(add_item("사과"), add_item("배"))

# %% [markdown]
# ### 참고: 결측값은 소문자 `np.nan`
# 00 단원 ⚠️ 3 에서 본 것처럼 옛 코드의 `np.NaN`, `np.Inf` 는 NumPy 2 에서 지워졌습니다. 이 과정은 소문자 `np.nan`, `np.inf` 를 씁니다.
# `nan` 이 섞인 배열에서는 `np.isnan` 으로 위치를 찾고, `np.nanmean` 처럼 `nan` 을 건너뛰는 함수를 씁니다.
#
# 📚 **더 읽을거리** (이 절의 실수들): [기본값이 공유되는 이유 (파이썬 FAQ)](https://docs.python.org/3/faq/programming.html#why-are-default-values-shared-between-objects) ·
# [NumPy 2.0 이전 안내서](https://numpy.org/doc/stable/numpy_2_0_migration_guide.html)

# %%
values = np.array([1.0, np.nan, 3.0])
print(values, "| 결측 위치:", np.isnan(values), "| 결측 빼고 평균:", np.nanmean(values))

# %% [markdown]
# ## 📝 요약
# 1. **타입 힌트**(`a: int`, `-> int`, `list[float]`, `float | None`)는 사람과 도구(편집기, mypy)에게 의도를 알려 줍니다.
#    파이썬은 실행 중에 검사하지 **않으므로** 필요하면 함수 입구에서 `np.asarray(...)` 처럼 직접 바꾸거나 확인합니다.
# 2. **클래스**는 설계도, 객체는 실체입니다. `__init__` 은 객체가 만들어질 때 속성을 채우고, `self` 는 그 객체 자신입니다.
#    `@dataclass` 는 타입 힌트가 붙은 필드로 `__init__` 을 만들어 줍니다.
# 3. 리스트의 `+` 는 이어 붙이기, `* 2` 는 반복입니다. **NumPy 배열**은 같은 연산을 원소별로 합니다. 배열은 `shape`, `dtype`, `ndim` 을 가지며, dtype 은 추론에 맡기지 말고 정합니다.
# 4. 벡터의 **크기**는 `np.linalg.norm(v)`, **방향**은 단위 벡터 `v / norm` 입니다. 여러 벡터면 `axis` 로 모을 축을 고릅니다 (열마다 벡터면 `axis=0`, 행마다면 `axis=1`).
# 5. **회전 행렬**의 열은 `e1`, `e2` 가 돌아간 위치 `(cos θ, sin θ)`, `(-sin θ, cos θ)` 입니다. `np.cos` 는 라디안을 받으므로 `np.deg2rad` 로 바꿉니다. 회전은 길이를 바꾸지 않습니다.
# 6. 행렬 곱은 교환되지 않습니다. `R @ S` 는 **오른쪽의 `S` 가 먼저**, 그다음 `R` 입니다. `S @ R` 은 순서가 반대인 다른 변환입니다.
# 7. `y = Wx + b`: `W (출력, 입력)`, `x (입력,)`, `b (출력,)`, `y (출력,)`. 샘플을 행으로 쌓은 배치 `X (N, 입력)` 이면 `Y = X @ W.T + b` → `(N, 출력)`.
#    비선형 함수 없이 층을 쌓으면 행렬 하나로 합쳐지므로, 층 사이에 활성화 함수가 필요합니다.

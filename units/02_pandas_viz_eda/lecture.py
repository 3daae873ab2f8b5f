# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %%
import warnings

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import seaborn as sns

import helpers

device = helpers.setup()
print(f"pandas {pd.__version__} | seaborn {sns.__version__}")

# %% [markdown]
# ## 🎯 학습 목표
# - pandas 로 CSV 파일을 읽고 `head`·`shape`·`dtypes` 로 표의 생김새를 파악한다.
# - `drop`, 불리언 필터(boolean filter), `groupby` 로 필요한 열과 행만 남기고 요약한다 — 원본은 그대로 둔 채.
# - matplotlib·seaborn·plotly 가 각각 무엇을 잘하는지 알고, 상황에 맞게 골라 쓴다.
# - EDA 순서(샘플 → 필드 → 통계량 → 분포 → 상관)를 따라 자동차 연비(mpg) 데이터를 살펴본다.
# - 상관계수 히트맵에 삼각형 마스크를 씌우고, pairplot·regplot 으로 변수 사이의 관계를 확인한다.

# %% [markdown]
# ## 🤔 단서 질문
# 1. DataFrame 과 Series 는 무엇이 다르고, 열 고르기·열 지우기·행 거르기는 각각 어떻게 쓰나?
# 2. pandas 3 의 copy-on-write 에서 `df[조건]["열"] = 값` 은 왜 원본을 바꾸지 못하나?
# 3. 시각화 도구를 왜 세 가지(matplotlib, seaborn, plotly)나 쓰나?
# 4. EDA 에서는 무엇을 어떤 순서로 보나? 분포 그림만으로는 왜 부족한가?
# 5. 상관계수 히트맵에 왜 삼각형 마스크를 씌우나? 대각선까지 가리려면 무엇을 정해야 하나?
# 6. 그림(Figure)도 데이터다: 이미 그린 그림에서 값을 어떻게 다시 꺼내나?

# %% [markdown]
# ## 1. pandas 로 표 읽기
#
# pandas 는 한마디로 **파이썬으로 하는 엑셀**입니다. 데이터를 열어 보고, 필요 없는 부분을 지우고, 걸러 내고,
# 모아서 요약하는 일 — EDA 와 전처리(preprocessing) — 를 코드로 합니다. 데이터 과학은 세 라이브러리에서 출발했습니다.
#
# | 라이브러리 | 하는 일 |
# |---|---|
# | NumPy | 숫자 배열을 빠르게 계산 |
# | pandas | 그 숫자를 이름 붙은 표로 모아 거르고 요약하고 전처리 |
# | matplotlib | 결과를 그림으로 |
#
# pandas 의 두 주인공:
# - **DataFrame (데이터프레임)**: 행(row)과 열(column)이 있는 2차원 표. 행마다 **인덱스(index)** 라는 이름표가 붙습니다.
# - **Series (시리즈)**: 그 표의 열 하나 — 이름표가 붙은 1차원 배열.
#
# CSV 파일은 `pd.read_csv(경로 또는 URL)` 로 읽습니다. 인터넷의 seaborn-data 저장소 URL 을 그대로 넘겨도 되지만,
# 이 과정은 오프라인에서도 돌아가도록 저장소에 같이 들어 있는 같은 파일을 읽습니다.
#
# **실행하기 전에 예상해 보세요:** 붓꽃 데이터는 몇 행 몇 열일까요? 품종 이름이 든 `species` 열의 자료형은 무엇으로 읽힐까요?

# %%
csv_path = helpers.data.data_path("seaborn/iris.csv")  # GitHub 의 seaborn-data/iris.csv 와 같은 파일
print("읽을 파일:", csv_path.name)
iris = pd.read_csv(csv_path)
iris.head()  # 앞의 5행

# %%
print("모양 (행, 열):", iris.shape)
iris.dtypes

# %% [markdown]
# 붓꽃(iris) 150송이, 열 5개입니다. 숫자 열은 `float64`, 품종 이름 `species` 는 `str` 입니다.
# pandas 3 부터는 글자 열이 예전의 `object` 대신 전용 **문자열 자료형(string dtype)** 으로 읽힙니다.
#
# 열 하나를 꺼내면 Series, 열 이름의 **리스트**를 넘기면 DataFrame 이 나옵니다.

# %%
species = iris["species"]                        # 이름 하나    -> Series
petals = iris[["petal_length", "petal_width"]]   # 이름의 리스트 -> DataFrame
print(type(species).__name__, species.shape, "|", type(petals).__name__, petals.shape)
species.value_counts()

# %% [markdown]
# `helpers.setup()` 을 부른 뒤에는 `sns.load_dataset("이름")` 도 인터넷 없이 저장소의 CSV 를 읽습니다.
# seaborn 은 읽으면서 요일·성별 같은 열을 **범주형(categorical)** 으로 바꿔 줍니다. 앞으로 식당 팁(tips)과
# 자동차 연비(mpg) 데이터를 이렇게 불러 씁니다.

# %%
tips = sns.load_dataset("tips")
mpg = sns.load_dataset("mpg")
print("tips", tips.shape, "| mpg", mpg.shape)
tips.head(3)

# %% [markdown]
# 🧪 **해 보기**
#
# - `iris["species"]` 와 `iris[["species"]]` 의 `type` 과 `shape` 를 비교해 보세요. 괄호 한 겹이 무엇을 바꾸나요?
# - `tips.dtypes` 를 출력해 `pd.read_csv` 로 읽은 `iris.dtypes` 와 비교해 보세요. seaborn 이 `category` 로 바꾼 열은 무엇인가요?
#
# 📚 **더 읽을거리**: [pandas 10분 입문](https://pandas.pydata.org/docs/user_guide/10min.html) ·
# [`pd.read_csv`](https://pandas.pydata.org/docs/reference/api/pandas.read_csv.html) ·
# [pandas 3 의 문자열 자료형](https://pandas.pydata.org/docs/user_guide/migration-3-strings.html) ·
# [d2l 2.2 데이터 전처리](https://d2l.ai/chapter_preliminaries/pandas.html)

# %% [markdown]
# ## 2. 열 지우기(drop)와 행 거르기(filter)
#
# `df.drop(columns=[...])` 는 그 열을 뺀 **새** DataFrame 을 돌려줍니다. 원본은 그대로입니다.
# `drop([...], axis=1)` 처럼 `axis` 로도 쓸 수 있는데, `axis=0` 은 행(인덱스) 방향, `axis=1` 은 열 방향입니다.
# `drop(["a"])` 처럼 축을 생략하면 **행** 이름 `"a"` 를 찾으니, 열을 지울 때는 `columns=` 라고 분명히 쓰세요.

# %%
iris_sub = iris.drop(columns=["sepal_length", "sepal_width"])
print("원본의 열    :", list(iris.columns))
print("drop 결과의 열:", list(iris_sub.columns))

# %% [markdown]
# 행을 거를 때는 먼저 비교식으로 참/거짓이 든 Series, 곧 **불리언 마스크(boolean mask)** 를 만들고,
# 그 마스크를 `df[마스크]` 로 넘깁니다. `True` 인 행만 남습니다.

# %%
wide = iris_sub["petal_width"] >= 0.3
print("마스크 앞부분:", wide.head().tolist(), "| True 인 행:", int(wide.sum()))
iris_filtered = iris_sub[wide]
iris_filtered.head()

# %% [markdown]
# 👀 **눈여겨볼 점**: 남은 행의 인덱스가 0, 1, 2, … 로 다시 매겨지지 않고 원래 번호를 그대로 갖습니다.
# 그래서 거른 결과를 원본과 다시 맞춰 볼 수 있습니다.
#
# 조건이 여러 개면 `&` (그리고), `|` (또는), `~` (아니다) 로 잇고 **조건마다 괄호**를 씌웁니다.
# `.loc[행 조건, 열 목록]` 을 쓰면 행과 열을 한 번에 고릅니다.

# %%
big_dinner = tips.loc[(tips["time"] == "Dinner") & (tips["size"] >= 4), ["total_bill", "tip", "size"]]
print("저녁 + 4명 이상:", len(big_dinner), "행")
big_dinner.head()

# %%
weekend = tips[tips["day"].isin(["Sat", "Sun"])]
print("주말 행 수:", len(weekend), "/ 전체", len(tips))

# %% [markdown]
# 값을 **바꿀** 때는 `df.loc[행 조건, "열"] = 값` 처럼 바꿀 표에 직접 `.loc` 으로 씁니다.
# 원본을 지키고 싶으면 먼저 `.copy()` 로 복사합니다.
#
# pandas 3 은 **copy-on-write (쓰기 시 복사)** 가 기본입니다. `df[...]`, `drop`, `head` 처럼 다른 표에서 나온 표는
# 모두 *복사본처럼* 행동합니다. 그래서 거른 결과를 고쳐도 원본은 절대 바뀌지 않고, 예전의
# `SettingWithCopyWarning` 같은 애매한 상황이 없어졌습니다.
#
# **실행하기 전에 예상해 보세요:** 아래 셀은 복사본에서 5명 이상 손님의 팁을 0 으로 바꿉니다. 원본 `tips` 에서 팁이 0 인 행은 몇 개일까요?

# %%
tips_copy = tips.copy()
tips_copy.loc[tips_copy["size"] >= 5, "tip"] = 0.0
print("복사본에서 팁이 0 인 행:", int((tips_copy["tip"] == 0).sum()))
print("원본에서 팁이 0 인 행  :", int((tips["tip"] == 0).sum()))

# %% [markdown]
# 🧪 **해 보기**
#
# - `iris_sub[~wide]` 는 몇 행일까요? `wide` 로 거른 행 수와 더하면 얼마가 되어야 하나요?
# - `iris.drop(["sepal_length"])` 처럼 `columns=` 없이 써 보세요. 어떤 오류가 나고, 왜 행 이름을 찾았다고 하나요?
# - `iris_filtered.reset_index(drop=True).head()` 를 실행해 인덱스가 어떻게 바뀌는지 보세요. 원본과 다시 맞춰 볼 수 있는 정보를 무엇을 잃었나요?
#
# 📚 **더 읽을거리**: [인덱싱과 행·열 고르기](https://pandas.pydata.org/docs/user_guide/indexing.html) ·
# [불리언 인덱싱](https://pandas.pydata.org/docs/user_guide/indexing.html#boolean-indexing) ·
# [copy-on-write (쓰기 시 복사)](https://pandas.pydata.org/docs/user_guide/copy_on_write.html)

# %% [markdown]
# ## 3. 모아서 요약하기 (축과 groupby)
#
# `df.mean()` 같은 요약 함수는 **축(axis)** 을 따라 값을 모읍니다.
# - `axis=0` (기본값): 행을 따라 내려가며 모음 → **열마다** 값 하나.
# - `axis=1`: 열을 따라 옆으로 모음 → **행마다** 값 하나.
#
# 글자 열은 평균을 낼 수 없으니 `numeric_only=True` 로 숫자 열만 씁니다.

# %%
print("열마다 평균 (axis=0):")
print(tips.mean(numeric_only=True).round(2))
print("\n행마다 평균 (axis=1), 앞의 3행:")
print(tips.mean(axis=1, numeric_only=True).head(3).round(2))

# %% [markdown]
# `groupby` 는 **나누고(split) → 계산하고(apply) → 합칩니다(combine)**. 요일별 평균 팁을 구해 큰 것부터 줄 세워 봅니다.
# `sort_values()` 의 기본은 **오름차순**이라 큰 것부터 보려면 `ascending=False` 가 필요합니다.
#
# **실행하기 전에 예상해 보세요:** 목·금·토·일 가운데 평균 팁이 가장 큰 요일은 어디일까요? 하나를 골라 두고 결과와 비교하세요.

# %%
tip_by_day = tips.groupby("day")["tip"].mean().sort_values(ascending=False)
tip_by_day.round(3)

# %% [markdown]
# `assign` 으로 새 열(팁 비율 %)을 붙인 새 표를 만들고, `agg` 로 여러 통계를 한 번에 계산할 수 있습니다.

# %%
tip_rate = tips.assign(tip_pct=tips["tip"] / tips["total_bill"] * 100)
tip_rate.groupby("time")["tip_pct"].agg(["count", "mean", "std"]).round(2)

# %% [markdown]
# 👀 점심과 저녁의 팁 비율 평균은 거의 같습니다(약 16%). 팁 **금액**이 저녁에 더 큰 까닭은 계산 금액이 크기 때문입니다.
# 이렇게 비율로 바꿔 보는 것도 EDA 의 한 방법입니다.

# %% [markdown]
# 🧪 **해 보기**
#
# - `tips.groupby(["day", "time"], observed=True)["tip"].mean()` 을 실행해 보세요. 어떤 (요일, 때) 조합이 없고, `observed=True` 를 빼면 무엇이 달라지나요?
# - 팁 비율(`tip_pct`)이 가장 큰 손님 5명을 `nlargest` 로 찾아보세요. 계산 금액이 큰 손님들인가요?
#
# 📚 **더 읽을거리**: [groupby: 나누고-계산하고-합치기](https://pandas.pydata.org/docs/user_guide/groupby.html) ·
# [`DataFrame.agg`](https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.agg.html) ·
# [`DataFrame.sort_values`](https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.sort_values.html)

# %% [markdown]
# ## 4. 시각화 도구 세 가지
#
# ### 4.1 matplotlib — 기본이자 토대
# matplotlib 은 파이썬 시각화의 기본 라이브러리입니다. 그림 전체를 **Figure**, 그 안의 좌표평면 하나를 **Axes** 라고 부릅니다.
# `fig, ax = plt.subplots()` 로 둘을 만들고 `ax` 에 그리는 방식이 가장 헷갈리지 않습니다.

# %%
x = np.linspace(0, 10, 50)
fig, ax = plt.subplots(figsize=(6, 3))
ax.plot(x, np.sin(x), label="sin(x)", color="tab:blue")
ax.set_title("matplotlib: 사인 곡선")
ax.set_xlabel("x")
ax.set_ylabel("sin(x)")
ax.legend()
plt.show()

# %% [markdown]
# ### 4.2 seaborn — DataFrame 과 한 줄로
# seaborn 은 matplotlib 위에 만들어졌습니다. 그려 준 결과가 matplotlib 의 Axes 라서 제목·축 이름을 똑같이 붙입니다.

# %%
fig, ax = plt.subplots(figsize=(6, 3))
returned = sns.lineplot(x=x, y=np.sin(x), label="sin(x)", ax=ax)
returned.set_title("seaborn: 같은 사인 곡선")
print("seaborn 이 돌려준 것:", type(returned).__name__, "| 우리가 만든 ax 와 같은가?", returned is ax)
plt.show()

# %% [markdown]
# seaborn 의 진짜 강점은 **DataFrame 과 열 이름**만 주면 묶음별 색(`hue`), 회귀선, 분포, 히트맵 같은 통계 그림을
# 한 줄로 그린다는 것입니다.

# %%
fig, ax = plt.subplots(figsize=(6, 4))
sns.scatterplot(data=tips, x="total_bill", y="tip", hue="time", style="time", ax=ax)
ax.set_title("seaborn: 계산 금액과 팁 (점심/저녁)")
plt.show()

# %% [markdown]
# ### 4.3 plotly — 3D 와 인터랙티브
# plotly 그림은 마우스로 **돌리고, 확대하고, 점 위에 올려 값을 볼 수 있습니다**. 3D 곡면도 쉽게 그립니다.
# plotly 의 Figure 는 데이터 묶음인 **trace** 여러 개와 꾸밈 정보인 **layout** 으로 이루어집니다.
#
# plotly 그림은 브라우저의 자바스크립트가 그리므로, GitHub·nbviewer 처럼 노트북을 **읽기만** 하는 화면에서는 빈칸이 됩니다.
# 그래서 이 과정은 `fig.show()` 대신 `helpers.plot.show_plotly(fig)` 로 보여 줍니다. JupyterLab·Colab 에서는 같은 인터랙티브 그림이,
# 읽기 전용 화면에서는 matplotlib 으로 그린 정적 사본이 보입니다.

# %%
grid = np.linspace(-5, 5, 60)
X, Y = np.meshgrid(grid, grid)
Z = np.sin(X) * np.cos(Y)
fig = go.Figure(go.Surface(x=X, y=Y, z=Z, colorscale="Viridis"))
fig.update_layout(title="plotly: 3D 곡면 z = sin(x)·cos(y) (마우스로 돌려 보세요)", width=600, height=500,
                  scene=dict(xaxis_title="x", yaxis_title="y", zaxis_title="z"), template="plotly_white")
helpers.plot.show_plotly(fig)  # interactive where plotly runs, a static PNG copy everywhere else

# %% [markdown]
# **실행하기 전에 예상해 보세요:** 아래 셀은 `color="species"` 로 품종마다 색을 칠합니다. 그림 안의 trace 는 몇 개일까요?

# %%
fig = px.scatter_3d(iris, x="sepal_length", y="petal_length", z="petal_width", color="species",
                    title="plotly: iris 3D 산점도 (범례를 눌러 품종을 켜고 끄세요)", height=500)
fig.update_traces(marker_size=4)
helpers.plot.show_plotly(fig)
print("trace 개수:", len(fig.data), "| 이름:", [trace.name for trace in fig.data])

# %% [markdown]
# 👀 `color="species"` 를 주면 plotly express 는 품종마다 **trace 를 하나씩** 만듭니다. 그래서 범례에서 품종별로 켜고 끌 수 있습니다.
#
# ### 4.4 왜 세 가지나 쓸까?
#
# | 도구 | 잘하는 것 | 이럴 때 |
# |---|---|---|
# | matplotlib | 가장 기본. 모든 요소를 세밀하게 조절. seaborn 의 토대 | 학습 곡선, 이미지 격자, 논문용 그림 |
# | seaborn | DataFrame + 열 이름으로 통계 그림을 한 줄에 (회귀선, 분포, 히트맵, pairplot) | EDA |
# | plotly | 마우스 반응형(인터랙티브), 3D | 3D 곡면, 손실 곡면, 발표·대시보드 |
#
# 세 도구는 경쟁자가 아니라 역할이 다릅니다. 빠르게 훑어볼 때는 seaborn, 세밀하게 다듬을 때는 matplotlib,
# 돌려 보며 탐색할 때는 plotly 를 씁니다.
#
# ### 4.5 그림도 데이터다
# matplotlib 의 Axes 는 그린 것을 그대로 들고 있습니다. 선은 `ax.lines`, 막대는 `ax.patches`, 점과 색칸은
# `ax.collections`, 글자는 `ax.texts` 에 있습니다. plotly 는 `fig.data[i].x` 처럼 trace 에 값이 있습니다.
# 그림이 맞게 그려졌는지 **눈 대신 값으로** 확인할 수 있다는 뜻입니다. 과제의 채점도 이렇게 합니다.

# %%
fig, (ax_line, ax_bar) = plt.subplots(1, 2, figsize=(8, 2.5))
ax_line.plot(x, np.sin(x))
ax_bar.bar(["A", "B"], [1.0, 2.5])
line = ax_line.lines[0]
print("선의 점 개수:", len(line.get_xdata()), "| 처음 y 3개:", np.round(line.get_ydata()[:3], 3))
print("막대 높이:", [float(bar.get_height()) for bar in ax_bar.patches])
print("막대 이름:", [label.get_text() for label in ax_bar.get_xticklabels()])
plt.close(fig)  # 여기서는 숫자만 보면 되므로 그림은 닫습니다

# %% [markdown]
# 🧪 **해 보기**
#
# - 3D 곡면의 `colorscale` 을 `"RdBu"` 로 바꾸고, `fig.update_layout(scene_camera_eye=dict(x=2, y=0, z=0.5))` 로 보는 방향을 바꿔 보세요. 정적 사본도 같은 방향에서 그려지나요?
# - 4.5 의 막대 그림에 막대 `"C"` 를 더해 그리고, `ax_bar.patches` 에서 높이를 꺼내 확인해 보세요.
# - 4.2 의 산점도에서 `hue="time"` 을 `hue="day"` 로 바꾸면 범례는 몇 항목이 될까요?
#
# 📚 **더 읽을거리**: [matplotlib 빠른 시작](https://matplotlib.org/stable/users/explain/quick_start.html) ·
# [seaborn 입문](https://seaborn.pydata.org/tutorial/introduction.html) ·
# [plotly 3D 곡면](https://plotly.com/python/3d-surface-plots/) ·
# [plotly 3D 산점도](https://plotly.com/python/3d-scatter-plots/) ·
# [plotly 그림 보여 주기 (renderer)](https://plotly.com/python/renderers/)

# %% [markdown]
# ## 5. EDA — 자동차 연비(mpg) 데이터 살펴보기
#
# **EDA (탐색적 데이터 분석, Exploratory Data Analysis)** 는 모델을 만들기 전에 데이터를 살펴보는 일입니다.
# 보통 이런 순서로 봅니다.
#
# 1. 데이터 샘플 확인 → 2. 필드(열) 확인 → 3. 기본 통계량 → 4. 분포 → 5. 상관계수와 변수 사이의 관계
#
# ### 5.1 샘플

# %%
mpg.head()

# %% [markdown]
# `head()` 는 앞쪽 행만 보여 줍니다. 파일이 어떤 기준으로 정렬돼 있으면 앞부분만 보고 오해할 수 있으니,
# 무작위로 몇 행 뽑아(`sample`) 보는 것도 좋습니다. `random_state` 를 고정하면 매번 같은 행이 뽑힙니다.

# %%
mpg.sample(5, random_state=0)

# %% [markdown]
# ### 5.2 필드
# `info()` 는 열 이름, 결측치가 아닌 값의 개수, 자료형을 한 번에 보여 줍니다.

# %%
mpg.info()

# %%
missing = mpg.isna().sum()
print("결측치(NaN)가 있는 열:")
missing[missing > 0]

# %% [markdown]
# | 열 | 뜻 |
# |---|---|
# | `mpg` | 연비 (갤런당 마일, 클수록 좋음) |
# | `cylinders`, `displacement`, `horsepower` | 실린더 수, 배기량, 마력 (마력은 6대가 결측) |
# | `weight` | 무게 (파운드) |
# | `acceleration` | 0→60 mph 가속 시간 (초, 작을수록 빠름) |
# | `model_year`, `origin`, `name` | 연식(70→1970), 생산 지역, 차 이름 |
#
# 숫자 열 7개, 글자 열 2개입니다.
#
# ### 5.3 기본 통계량

# %%
mpg.describe().round(2)

# %%
mpg["origin"].value_counts()

# %% [markdown]
# ### 5.4 분포

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
sns.histplot(data=mpg, x="mpg", bins=25, kde=True, ax=axes[0])
axes[0].set_title("연비(mpg) 분포")
sns.boxplot(data=mpg, x="origin", y="mpg", ax=axes[1])
axes[1].set_title("생산 지역별 연비")
fig.tight_layout()
plt.show()

# %% [markdown]
# 연비는 오른쪽으로 꼬리가 긴 분포이고, 미국(usa) 차의 연비가 가장 낮습니다.
#
# 그런데 **분포 그림만으로는 데이터를 다 설명할 수 없습니다.** 아래 두 히스토그램은 모양이 똑같지만
# 평균과 표준편차는 전혀 다릅니다. 그래서 그림과 함께 최솟값, 최댓값, 평균, 분산, 표준편차 같은 **수치**를 봅니다.
#
# **실행하기 전에 예상해 보세요:** `a` 가 평균 0, 표준편차 1 이면 `b = 3a + 10` 의 평균과 표준편차는 얼마일까요?

# %%
rng = np.random.default_rng(0)
a = rng.normal(0, 1, 2000)
b = 3 * a + 10  # 모양은 같고 중심과 퍼짐만 다름
fig, axes = plt.subplots(1, 2, figsize=(9, 3))
for ax_, values, name in zip(axes, (a, b), ("a", "b = 3a + 10")):
    ax_.hist(values, bins=40)
    ax_.set_title(f"{name}: 평균 {values.mean():.2f}, 표준편차 {values.std():.2f}")
fig.tight_layout()
plt.show()

# %% [markdown]
# ### 5.5 상관계수와 히트맵
#
# **상관계수(correlation coefficient)** $r$ 은 두 변수가 함께 움직이는 정도를 −1 과 1 사이의 수로 나타냅니다.
#
# $$r = \frac{\sum_i (x_i-\bar x)(y_i-\bar y)}{\sqrt{\sum_i (x_i-\bar x)^2}\sqrt{\sum_i (y_i-\bar y)^2}}$$
#
# 1 에 가까우면 한쪽이 커질 때 다른 쪽도 커지고(양의 상관), −1 에 가까우면 반대로 작아집니다(음의 상관).
# 0 근처면 **직선 관계**가 거의 없습니다. `df.corr(numeric_only=True)` 가 숫자 열끼리의 상관계수 행렬을 만듭니다.
#
# **실행하기 전에 예상해 보세요:** 연비(`mpg`)와 가장 강하게 상관된 열은 무엇이고, 그 상관계수의 부호는 + 일까요 − 일까요?

# %%
corr = mpg.corr(numeric_only=True)
corr.round(2)

# %% [markdown]
# 상관계수 행렬은 대각선을 기준으로 **대칭**이고(`r(a,b) = r(b,a)`), 대각선은 자기 자신과의 상관이라 언제나 1 입니다.
# 같은 숫자를 두 번 보여 줄 필요가 없으니 한쪽 삼각형을 **마스크(mask)** 로 가립니다.
# `np.triu` 는 행렬의 위 삼각형(upper triangle)만 남기고 나머지를 0(False)으로 바꿉니다. 모두 `True` 인 행렬에 쓰면
# 위 삼각형만 `True` 인 마스크가 되고, seaborn 은 마스크가 `True` 인 칸을 그리지 않습니다.
#
# - `np.triu(..., k=0)` (기본값): 위 삼각형 **+ 대각선**을 가림 → 아래 삼각형만 보임
# - `np.triu(..., k=1)`: 대각선 **위쪽만** 가림 → 의미 없는 1 이 대각선에 남음

# %%
ones = np.ones_like(corr, dtype=bool)
mask = np.triu(ones)            # k=0: 위 삼각형과 대각선을 가림
print("k=0 마스크의 왼쪽 위 4×4 (1 = 가림):")
print(mask[:4, :4].astype(int))
print("가리는 칸 수  k=0:", int(mask.sum()), "| k=1:", int(np.triu(ones, k=1).sum()), "| 전체:", mask.size)

# %%
fig, ax = plt.subplots(figsize=(7, 5.5))
sns.heatmap(corr, mask=mask, annot=True, fmt=".2f", cmap="coolwarm", vmin=-1, vmax=1, linewidths=1, ax=ax)
ax.set_title("mpg 데이터의 상관계수 (아래 삼각형)")
plt.show()
print("숫자가 적힌 칸:", len(ax.texts), "= 7 × 6 / 2")

# %% [markdown]
# 연비(`mpg`)와 가장 강하게 상관된 열은 무엇일까요? 크기는 **절댓값**으로 비교하고, 부호는 방향을 알려 줍니다.
# `mpg` 자신과의 1.0 은 발견이 아니므로 빼고 찾습니다.

# %%
r_mpg = corr["mpg"].drop("mpg")   # 자기 자신과의 1.0 은 빼고
top = r_mpg.abs().idxmax()
print(f"mpg 와 가장 강하게 상관된 열: {top} (r = {r_mpg[top]:.3f})")
r_mpg.sort_values(key=abs, ascending=False).round(3)

# %% [markdown]
# 👀 `weight` 의 r 은 음수이면서 절댓값이 가장 큽니다. **무게가 무거울수록 연비가 낮다**는 뜻입니다.
# `abs()` 없이 `idxmax()` 를 쓰면 양수 가운데 가장 큰 `model_year` 를 고르게 되니 주의하세요.
#
# ### 5.6 regplot — 산점도 + 추세선
# `sns.regplot` 은 산점도 위에 최소제곱 **추세선**과 95% 신뢰구간 띠를 함께 그립니다.

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
for ax_, y_col in zip(axes, ["mpg", "acceleration"]):
    sns.regplot(data=mpg, x="weight", y=y_col, scatter_kws={"alpha": 0.4}, line_kws={"color": "red"}, ax=ax_)
    ax_.set_title(f"weight 와 {y_col} (r = {corr.loc['weight', y_col]:.2f})")
fig.tight_layout()
plt.show()

# %% [markdown]
# 그림 속 빨간 직선도 데이터입니다. 직선의 기울기를 꺼내 NumPy 의 최소제곱 직선(`np.polyfit`)과 비교해 봅니다.

# %%
line = axes[0].lines[0]
xs, ys = line.get_xdata(), line.get_ydata()
slope_in_plot = (ys[-1] - ys[0]) / (xs[-1] - xs[0])
slope_fit, intercept_fit = np.polyfit(mpg["weight"], mpg["mpg"], deg=1)
print(f"그림 속 직선의 기울기: {slope_in_plot:.6f}")
print(f"np.polyfit 의 기울기 : {slope_fit:.6f}  (무게 1000 lb 당 연비 {slope_fit * 1000:.1f})")

# %% [markdown]
# ### 5.7 pairplot — 모든 짝을 한눈에
# `sns.pairplot` 은 고른 열들의 모든 짝을 산점도로 그리고, 대각선에는 각 열의 분포를 그립니다.
# 열이 많으면 그림이 열 개수의 제곱만큼 늘어나 느려지니 **몇 개만** 골라 그립니다.
# `corner=True` 는 히트맵의 삼각형 마스크처럼 중복되는 위 삼각형을 뺍니다.

# %%
grid_iris = sns.pairplot(iris, vars=["sepal_length", "petal_length", "petal_width"], hue="species",
                         corner=True, diag_kind="hist", height=2.2)
grid_iris.figure.suptitle("iris pairplot: 꽃잎(petal) 크기로 품종이 갈린다", y=1.02)
plt.show()

# %% [markdown]
# 👀 꽃잎 길이와 너비는 거의 한 직선 위에 있고(r ≈ 0.96), setosa 는 다른 두 품종과 멀리 떨어져 있습니다.
# 대각선의 분포만 보면 안 보이던 관계가 짝 그림에서 드러납니다.
#
# `kind="reg"` 를 주면 산점도마다 추세선이 붙습니다. mpg 의 세 열로 그려 봅니다.

# %%
grid_mpg = sns.pairplot(mpg[["mpg", "weight", "acceleration"]], corner=True, kind="reg", height=2.2,
                        plot_kws={"line_kws": {"color": "red"}, "scatter_kws": {"alpha": 0.3, "s": 10}})
grid_mpg.figure.suptitle("mpg pairplot (추세선 포함)", y=1.02)
plt.show()

# %% [markdown]
# 👀 mpg 에서는 무게가 늘수록 연비가 **곧게 줄지 않고 휘어지며** 줄어듭니다. `mpg` 와 `weight` 가 만나는 칸을 보면 점들이 양 끝에서는 추세선 위에,
# 가운데에서는 아래에 놓입니다 (추세선에서 잰 오차의 평균: 가벼운 20% 는 +2.0, 가운데 60% 는 −1.0, 무거운 20% 는 +1.0 mpg).
# 상관계수와 추세선은 직선 관계만 재므로, 수치와 함께 그림을 봐야 이런 휘어짐이 보입니다.
#
# 🧪 **해 보기**
#
# - `mpg.corr(numeric_only=True, method="spearman")` 으로 순위 상관을 구해 보세요. 휘어진 관계인 `weight` 와 `mpg` 의 값이 피어슨 r 보다 커지나요, 작아지나요?
# - 5.6 의 regplot 에 `order=2` 를 주면 추세선이 어떻게 바뀌나요? 위의 휘어짐과 맞나요?
# - `mpg.dropna()` 는 몇 행을 지우나요? 5.2 에서 찾은 결측치 수와 맞춰 보세요.
#
# 📚 **더 읽을거리**: [`DataFrame.describe`](https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.describe.html) ·
# [`DataFrame.corr`](https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.corr.html) ·
# [결측치 다루기](https://pandas.pydata.org/docs/user_guide/missing_data.html) ·
# [seaborn `heatmap`](https://seaborn.pydata.org/generated/seaborn.heatmap.html) ·
# [`pairplot`](https://seaborn.pydata.org/generated/seaborn.pairplot.html) ·
# [`regplot`](https://seaborn.pydata.org/generated/seaborn.regplot.html) ·
# [`np.triu`](https://numpy.org/doc/stable/reference/generated/numpy.triu.html)

# %% [markdown]
# ## ⚠️ 자주 하는 실수
#
# ### 1. 열 이름 오타 → `KeyError`
# 열 이름은 글자 하나까지 정확해야 합니다.

# %% tags=["raises-exception"]
mpg["wieght"].mean()  # 오타: wieght

# %% [markdown]
# ✅ 고치기: `df.columns` 로 정확한 이름을 확인하세요.

# %%
print(list(mpg.columns))
print("평균 무게:", round(mpg["weight"].mean(), 1))

# %% [markdown]
# ### 2. 조건을 `and` 로 잇기 → `ValueError`
# 파이썬의 `and` 는 값 하나의 참/거짓을 묻는데, Series 는 값이 여러 개라 답할 수 없습니다.

# %% tags=["raises-exception"]
mpg[(mpg["mpg"] > 30) and (mpg["weight"] < 2000)]

# %% [markdown]
# ✅ 고치기: 원소별 연산자 `&` 를 쓰고 조건마다 괄호를 씌웁니다.

# %%
light_and_efficient = mpg[(mpg["mpg"] > 30) & (mpg["weight"] < 2000)]
print("연비 30 초과이고 2000 lb 미만인 차:", len(light_and_efficient), "대")

# %% [markdown]
# ### 3. 체인 할당(chained assignment) → 원본이 바뀌지 않음
# `tips[조건]["tip"] = 0` 은 두 단계입니다. `tips[조건]` 이 만든 **임시 표**의 열을 바꾸고 끝나므로, copy-on-write 인
# pandas 3 에서는 `tips` 가 **절대** 바뀌지 않습니다. pandas 는 `ChainedAssignmentError` 경고만 남깁니다.
# (`sub = tips[조건]` 으로 받아 `sub["tip"] = 0` 으로 바꿔도 마찬가지로 `sub` 만 바뀝니다.)

# %%
tips_cw = sns.load_dataset("tips")
before = tips_cw["tip"].sum()
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    tips_cw[tips_cw["size"] >= 5]["tip"] = 0.0  # 체인 할당: 임시 복사본만 바뀜
print("팁 합계:", round(before, 2), "→", round(tips_cw["tip"].sum(), 2), "(그대로!)")
print("경고:", caught[0].category.__name__)

# %% [markdown]
# ✅ 고치기: 바꿀 표에 `.loc[행 조건, 열] = 값` 으로 한 번에 씁니다.

# %%
tips_cw.loc[tips_cw["size"] >= 5, "tip"] = 0.0
print("팁 합계:", round(before, 2), "→", round(tips_cw["tip"].sum(), 2))

# %% [markdown]
# ### 4. 글자 열이 있는 표에 `corr()` → `ValueError`
# mpg 에는 `origin`, `name` 같은 글자 열이 있어 상관계수를 계산할 수 없습니다. (`mean()` 도 `TypeError` 가 납니다.)

# %% tags=["raises-exception"]
mpg.corr()

# %% [markdown]
# ✅ 고치기: `numeric_only=True` 를 주거나 `select_dtypes("number")` 로 숫자 열만 고릅니다.

# %%
print("숫자 열:", list(mpg.select_dtypes("number").columns))
mpg.corr(numeric_only=True).shape

# %% [markdown]
# ### 5. `inplace=True` 의 결과를 변수에 받기 → `None`
# `inplace=True` 는 원본을 직접 고치고 **`None` 을 돌려줍니다**. 그 `None` 을 받아 쓰면 `AttributeError` 가 납니다.
# pandas 3.1 은 `inplace` 자체가 곧 없어진다고 경고도 합니다.
#
# **실행하기 전에 예상해 보세요:** 아래 셀의 `print("돌려받은 값:", result)` 는 무엇을 출력할까요?

# %% tags=["raises-exception"]
mpg_tmp = mpg.copy()
result = mpg_tmp.drop(columns=["name"], inplace=True)
print("돌려받은 값:", result)
result.head()

# %% [markdown]
# ✅ 고치기: `inplace` 없이 돌려받은 새 표를 씁니다. 원본이 그대로라서 함수 안에서도 안전합니다.

# %%
mpg_small = mpg.drop(columns=["name"])
print("새 표의 열 수:", mpg_small.shape[1], "| 원본의 열 수:", mpg.shape[1])

# %% [markdown]
# 📚 **더 읽을거리** (이 절의 실수들): [체인 할당과 copy-on-write](https://pandas.pydata.org/docs/user_guide/copy_on_write.html#chained-assignment) ·
# [`DataFrame.select_dtypes`](https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.select_dtypes.html)

# %% [markdown]
# ## 📝 요약
#
# 1. **DataFrame 과 Series**: DataFrame 은 인덱스가 붙은 2차원 표, Series 는 그 열 하나입니다. `df["열"]` → Series,
#    `df[["열1", "열2"]]` → DataFrame, `df.drop(columns=[...])` → 열을 뺀 새 표, `df[불리언 마스크]` 와
#    `df.loc[행 조건, 열 목록]` → 행 거르기. 조건은 `&`·`|`·`~` 와 괄호로 잇고, 거른 행은 원래 인덱스를 유지합니다.
# 2. **copy-on-write**: pandas 3 에서 다른 표로부터 만든 표는 모두 복사본처럼 행동합니다. `df[조건]["열"] = 값` 은 임시
#    복사본만 바꾸므로 원본은 그대로입니다. 값을 바꿀 때는 `df.loc[조건, "열"] = 값`, 원본을 지키려면 `.copy()` 를 먼저.
# 3. **도구 세 가지**: matplotlib 은 기본이자 세밀한 조절, seaborn 은 DataFrame 으로 통계 그림을 한 줄에(EDA),
#    plotly 는 3D 와 마우스 반응형 그림입니다. seaborn 은 matplotlib 의 Axes 를 돌려주므로 둘을 섞어 씁니다.
# 4. **EDA 순서**: 샘플(`head`, `sample`) → 필드(`info`, 결측치) → 통계량(`describe`) → 분포(히스토그램, 상자 그림)
#    → 상관(히트맵, regplot, pairplot). 모양이 같은 분포도 평균·표준편차가 다를 수 있어 그림과 수치를 함께 봅니다.
# 5. **삼각형 마스크**: 상관계수 행렬은 대칭이고 대각선은 항상 1 이라, `np.triu(np.ones_like(corr, dtype=bool))`
#    (k=0) 로 위 삼각형과 대각선을 가리면 아래 삼각형만 남습니다. `k=1` 이면 대각선의 1 이 남습니다.
#    가장 강한 상관은 자기 자신을 빼고 **절댓값**으로 찾습니다(mpg 에서는 weight, r ≈ −0.83).
# 6. **그림도 데이터**: matplotlib 은 `ax.lines`·`ax.patches`·`ax.collections`·`ax.texts`, plotly 는 `fig.data[i].x`
#    에 그린 값을 들고 있어 그림을 값으로 검사할 수 있습니다(regplot 의 기울기 = `np.polyfit` 의 기울기).

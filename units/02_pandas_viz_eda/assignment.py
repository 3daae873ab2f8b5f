# ---
# jupyter:
#   kernelspec:
#     display_name: Python 3 (ipykernel)
#     language: python
#     name: python3
# ---

# %% [markdown]
# ## 🎯 학습 목표
# - 입력 DataFrame 을 바꾸지 않고 열 지우기·행 거르기·그룹 요약을 하는 함수를 만든다.
# - 숫자 열만 골라 표준화하고, 목표 열과 가장 강하게 상관된 열을 절댓값으로 찾는다.
# - 그림을 돌려주는 함수(히트맵, 막대그래프, plotly 3D 산점도)를 만들고, 그림을 픽셀이 아닌 값으로 확인한다.

# %% [markdown]
# ## 🤔 단서 질문
# 1. 함수가 받은 DataFrame 을 바꾸지 않으려면 무엇을 피해야 하나?
# 2. 정렬 방향(`ascending`), 축(`axis`), `numeric_only` 는 각각 어디서 실수하기 쉬운가?
# 3. 상관계수 히트맵에서 대각선까지 가리는 마스크는 어떻게 만드나?
# 4. 그린 그림에서 막대 높이·적힌 숫자·점의 좌표를 어떻게 꺼내 확인하나?
# 5. 묶는 열에 결측치(NaN)가 있으면 그 행은 어느 그룹에 들어가나?
# 6. 전체 데이터의 상관과 그룹마다의 상관은 부호까지 다를 수 있을까?

# %% [markdown]
# ## 과제 안내
# 함수 7개를 완성하고, 실험 하나(문제 8)의 결과를 보고합니다. 각 함수 아래의 테스트 셀은 **보이는 테스트**(모양·형식)만 보여 주고, 채점 때는
# **숨은 테스트**도 함께 실행됩니다. 숨은 테스트는 여러분의 함수를 **다른 데이터셋**(예: 펭귄 penguins)과 새로 만든 표에도
# 실행하므로, 특정 열 이름이나 값을 코드에 박아 두면 통과하지 못합니다.
#
# 공통 규칙
# - 입력 DataFrame 을 **바꾸지 마세요** (`inplace=True`, `df[열] = ...` 금지). 새 객체를 만들어 돌려줍니다.
# - 쓸 수 있는 것: NumPy, pandas, matplotlib, seaborn, plotly.
# - 그림 함수는 **매번 새 Figure** 를 만들어 그리고 그 Figure 를 돌려줍니다. 채점은 그림의 픽셀이 아니라
#   그림에 담긴 **값**(막대 높이, 적힌 숫자, trace 의 좌표)으로 합니다.
# - 셀을 위에서부터 차례로 실행하세요. 설정 셀이 `sns.load_dataset` 을 오프라인으로 쓸 수 있게 해 줍니다.

# %%
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import seaborn as sns
from matplotlib.figure import Figure

import helpers

device = helpers.setup()
tips = sns.load_dataset("tips")
mpg = sns.load_dataset("mpg")
iris = sns.load_dataset("iris")
print("tips", tips.shape, "| mpg", mpg.shape, "| iris", iris.shape)


# %% [markdown]
# ## 문제 1. 열 지우고 행 거르기 (2점)
#
# `select_and_filter(df, drop_cols, column, min_value)` 를 완성하세요.
#
# 1. `drop_cols` 에 있는 열을 지우고,
# 2. `column` 열의 값이 `min_value` **이상**(`>=`)인 행만 남긴 **새** DataFrame 을 돌려줍니다.
#
# - 남은 열의 순서와 행의 **원래 인덱스**는 그대로 둡니다 (`reset_index` 하지 마세요).
# - `column` 은 `drop_cols` 에 들어 있지 않습니다. 조건에 맞는 행이 없으면 열은 그대로인 빈 DataFrame 이 됩니다.
# - 입력 `df` 는 바뀌면 안 됩니다.
#
# 예: iris 에서 `drop_cols=["sepal_length", "sepal_width"]`, `column="petal_width"`, `min_value=0.3`
# → 열 `["petal_length", "petal_width", "species"]`, 꽃잎 너비 0.3 이상인 행만.

# %% nbgrader={"grade": false, "grade_id": "ex_select_and_filter", "locked": false, "schema_version": 3, "solution": true}
def select_and_filter(df: pd.DataFrame, drop_cols: list[str], column: str, min_value: float) -> pd.DataFrame:
    """drop_cols 열을 지우고 df[column] >= min_value 인 행만 남긴 새 DataFrame 을 돌려줍니다."""
    ### BEGIN SOLUTION
    kept = df.drop(columns=drop_cols)
    return kept[kept[column] >= min_value]
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_select_and_filter", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_iris = helpers.data.load_seaborn("iris")
_out = select_and_filter(_iris, ["sepal_length", "sepal_width"], "petal_width", 0.3)
assert type(_out) is pd.DataFrame, "DataFrame 을 돌려주어야 합니다"
assert list(_out.columns) == ["petal_length", "petal_width", "species"], "남은 열(과 그 순서)이 다릅니다"
assert len(_out) == int((_iris["petal_width"].to_numpy() >= 0.3).sum()), "남은 행의 수가 다릅니다"
### BEGIN HIDDEN TESTS
_tips = helpers.data.load_seaborn("tips")
_snap = _tips.copy(deep=True)
_out = select_and_filter(_tips, ["sex", "smoker"], "tip", 5.0)
assert list(_tips.columns) == list(_snap.columns) and _tips.equals(_snap), "입력 DataFrame 을 바꾸면 안 됩니다"
assert type(_out) is pd.DataFrame, "DataFrame 을 돌려주어야 합니다"
assert list(_out.columns) == ["total_bill", "tip", "day", "time", "size"], "tips: 남은 열이 다릅니다"
_keep = np.flatnonzero(_snap["tip"].to_numpy() >= 5.0)
assert len(_out) == len(_keep), "tips: 남은 행의 수가 다릅니다 (min_value 와 같은 값도 남아야 합니다)"
assert list(_out.index) == list(_snap.index[_keep]), "tips: 원래 행 인덱스를 그대로 유지해야 합니다"
assert np.array_equal(_out["total_bill"].to_numpy(), _snap["total_bill"].to_numpy()[_keep]), "tips: 남은 행의 값이 다릅니다"

_rng = np.random.default_rng(3)
_df = pd.DataFrame({"a": _rng.integers(0, 10, 40), "b": _rng.normal(size=40), "c": list("wxyz") * 10},
                   index=[f"r{i}" for i in range(40)])
_snap = _df.copy(deep=True)
_out = select_and_filter(_df, ["b"], "a", 5)
assert _df.equals(_snap), "입력 DataFrame 을 바꾸면 안 됩니다"
_keep = np.flatnonzero(_snap["a"].to_numpy() >= 5)
assert type(_out) is pd.DataFrame and list(_out.columns) == ["a", "c"], "새 표: 남은 열이 다릅니다"
assert list(_out.index) == [f"r{i}" for i in _keep], "새 표: 남은 행(또는 인덱스)이 다릅니다"
_empty = select_and_filter(_df, ["c"], "b", 1e9)
assert type(_empty) is pd.DataFrame and len(_empty) == 0, "조건에 맞는 행이 없으면 빈 DataFrame 이어야 합니다"
assert list(_empty.columns) == ["a", "b"], "빈 결과에도 남은 열은 그대로 있어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 2. 그룹별 평균, 큰 것부터 (2점)
#
# `group_mean(df, by, value)` 는 `by` 열의 값으로 행을 묶어 그룹마다 `value` 열의 **평균**을 구하고,
# **평균이 큰 그룹부터**(내림차순) 줄 세운 Series 를 돌려줍니다.
#
# - 인덱스는 그룹 이름, 값은 평균(실수)입니다. `value` 의 결측치(NaN)는 평균에서 빠집니다 (pandas 기본 동작).
# - `by` 열이 비어 있는(NaN) 행은 **어느 그룹에도 넣지 않습니다** (`groupby` 의 기본 동작, `dropna=True`). 결과에 NaN 그룹이
#   있으면 안 됩니다. 숨은 테스트는 결측치가 있는 펭귄의 `sex` 열로 묶어 봅니다.
# - 예: tips 에서 `group_mean(tips, "day", "tip")` → 요일 4개, 첫 번째가 평균 팁이 가장 큰 요일.
# - 입력 `df` 는 바뀌면 안 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_group_mean", "locked": false, "schema_version": 3, "solution": true}
def group_mean(df: pd.DataFrame, by: str, value: str) -> pd.Series:
    """by 로 묶은 그룹마다 value 의 평균을, 큰 것부터 줄 세운 Series 로 돌려줍니다."""
    ### BEGIN SOLUTION
    return df.groupby(by)[value].mean().sort_values(ascending=False)
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_group_mean", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = group_mean(helpers.data.load_seaborn("tips"), "day", "tip")
assert type(_out) is pd.Series, "Series 를 돌려주어야 합니다"
assert len(_out) == 4, "tips 의 요일은 4개입니다"
assert _out.is_monotonic_decreasing, "평균이 큰 그룹부터 줄 세워야 합니다"
### BEGIN HIDDEN TESTS
def _expected_group_mean(frame, by, value):
    frame = frame[frame[by].notna().to_numpy()]
    keys = frame[by].astype(str).to_numpy()
    vals = frame[value].to_numpy(dtype=float)
    means = {g: float(np.nanmean(vals[keys == g])) for g in set(keys.tolist())}
    order = sorted(means, key=lambda g: -means[g])
    return order, np.array([means[g] for g in order])

for _name, _by, _value in [("penguins", "island", "bill_length_mm"), ("mpg", "cylinders", "mpg"),
                           ("tips", "time", "total_bill"), ("penguins", "sex", "body_mass_g")]:
    _frame = helpers.data.load_seaborn(_name)
    _snap = _frame.copy(deep=True)
    _out = group_mean(_frame, _by, _value)
    assert _frame.equals(_snap), "입력 DataFrame 을 바꾸면 안 됩니다"
    assert type(_out) is pd.Series, "Series 를 돌려주어야 합니다"
    _order, _means = _expected_group_mean(_snap, _by, _value)
    assert [str(k) for k in _out.index] == _order, f"{_name}: 그룹의 순서(또는 그룹)가 다릅니다"
    assert np.allclose(_out.to_numpy(dtype=float), _means, rtol=1e-9, atol=1e-12), f"{_name}: 평균값이 다릅니다"

_rng = np.random.default_rng(11)
_groups = np.array(["kiwi", "apple", "mango", "fig", "banana"])
_df = pd.DataFrame({"fruit": _rng.choice(_groups, 300), "price": _rng.normal(10, 3, 300),
                    "note": ["x"] * 300})
_df.loc[_df.index[::17], "price"] = np.nan
_order, _means = _expected_group_mean(_df, "fruit", "price")
_out = group_mean(_df, "fruit", "price")
assert type(_out) is pd.Series and [str(k) for k in _out.index] == _order, "새 표: 그룹의 순서가 다릅니다"
assert np.allclose(_out.to_numpy(dtype=float), _means, rtol=1e-9), "새 표: 평균값이 다릅니다 (NaN 은 빼고 평균)"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 3. 숫자 열 표준화 (2점)
#
# 딥러닝 모델에 넣기 전에 숫자 열의 크기를 맞추는 일이 많습니다. `zscore(df)` 는 **숫자 열만** 골라
# 각 열을 그 **열의** 평균과 표준편차로 표준화한 새 DataFrame 을 돌려줍니다.
#
# $$z = \frac{x - \text{열의 평균}}{\text{열의 표준편차}}$$
#
# - 숫자 열만, 원래 순서대로 남깁니다 (글자·범주형 열은 뺍니다). 힌트: `select_dtypes("number")`.
# - 표준편차는 pandas 의 기본 `std()` (표본 표준편차, `ddof=1`, $n-1$ 로 나눔) 를 씁니다. NumPy 의 `np.std` 는 기본이 `ddof=0`
#   ($n$ 으로 나눔)이라 값이 조금 다릅니다. 강의 03·06 은 `ddof=0` 으로 표준화하는데, 모델 입력을 맞추는 데는 어느 쪽이든 괜찮지만
#   이 문제의 테스트는 `ddof=1` 의 값을 정확히 확인합니다.
# - 결측치(NaN)는 NaN 으로 남고, 평균·표준편차 계산에서는 빠집니다 (pandas 기본 동작). 인덱스는 그대로입니다.
# - 입력 `df` 는 바뀌면 안 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_zscore", "locked": false, "schema_version": 3, "solution": true}
def zscore(df: pd.DataFrame) -> pd.DataFrame:
    """숫자 열마다 그 열의 평균과 표준편차(ddof=1)로 표준화한 새 DataFrame 을 돌려줍니다."""
    ### BEGIN SOLUTION
    numeric = df.select_dtypes("number")
    return (numeric - numeric.mean()) / numeric.std()
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_zscore", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_out = zscore(helpers.data.load_seaborn("tips"))
assert type(_out) is pd.DataFrame, "DataFrame 을 돌려주어야 합니다"
assert list(_out.columns) == ["total_bill", "tip", "size"], "숫자 열만 원래 순서대로 남겨야 합니다"
assert _out.shape == (244, 3), "행의 수가 바뀌면 안 됩니다"
assert np.allclose(_out.mean().to_numpy(), 0.0, atol=1e-9), "표준화한 열의 평균은 0 이어야 합니다"
### BEGIN HIDDEN TESTS
for _name in ["penguins", "mpg", "iris"]:
    _frame = helpers.data.load_seaborn(_name)
    _snap = _frame.copy(deep=True)
    _out = zscore(_frame)
    assert _frame.equals(_snap) and list(_frame.columns) == list(_snap.columns), "입력 DataFrame 을 바꾸면 안 됩니다"
    assert type(_out) is pd.DataFrame, "DataFrame 을 돌려주어야 합니다"
    _cols = [c for c in _snap.columns if pd.api.types.is_numeric_dtype(_snap[c].dtype) and not pd.api.types.is_bool_dtype(_snap[c].dtype)]
    assert list(_out.columns) == _cols, f"{_name}: 숫자 열만 원래 순서대로 남겨야 합니다"
    assert list(_out.index) == list(_snap.index), f"{_name}: 인덱스가 바뀌었습니다"
    for _c in _cols:
        _x = _snap[_c].to_numpy(dtype=float)
        _z = (_x - np.nanmean(_x)) / np.nanstd(_x, ddof=1)
        assert np.allclose(_out[_c].to_numpy(dtype=float), _z, rtol=1e-9, atol=1e-12, equal_nan=True), \
            f"{_name}: '{_c}' 열의 표준화 값이 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 4. 가장 강하게 상관된 열 (2점)
#
# `top_correlated(df, target)` 는 숫자 열들 가운데 `target` 열과 **가장 강하게** 상관된 열을 찾아
# `(열 이름, 상관계수)` 튜플로 돌려줍니다.
#
# - 상관계수는 피어슨 상관계수(`df.corr` 의 기본), 결측치는 그 짝에서만 빼고 계산합니다 (pandas 기본 동작).
# - "가장 강하게" 는 **절댓값**이 가장 큰 것입니다. 돌려주는 상관계수에는 **부호를 그대로** 둡니다.
# - `target` 자기 자신(상관계수 1)은 후보가 아닙니다. 글자 열은 무시합니다.
# - 열 이름은 `str`, 상관계수는 `float` 로 돌려주세요. 입력 `df` 는 바뀌면 안 됩니다.
#
# 예: mpg 에서 `top_correlated(mpg, "mpg")` → 강의에서 본 그 열과 음수 상관계수.

# %% nbgrader={"grade": false, "grade_id": "ex_top_correlated", "locked": false, "schema_version": 3, "solution": true}
def top_correlated(df: pd.DataFrame, target: str) -> tuple[str, float]:
    """target 과 가장 강하게(절댓값) 상관된 숫자 열의 (이름, 부호 있는 상관계수)."""
    ### BEGIN SOLUTION
    r = df.corr(numeric_only=True)[target].drop(target)
    name = r.abs().idxmax()
    return str(name), float(r[name])
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_top_correlated", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_mpg = helpers.data.load_seaborn("mpg")
_out = top_correlated(_mpg, "mpg")
assert type(_out) is tuple and len(_out) == 2, "(열 이름, 상관계수) 튜플을 돌려주어야 합니다"
assert type(_out[0]) is str and isinstance(_out[1], float), "열 이름은 str, 상관계수는 float 여야 합니다"
assert _out[0] in _mpg.columns and _out[0] != "mpg", "target 이 아닌 열 이름이어야 합니다"
assert -1.0 <= _out[1] <= 1.0, "상관계수는 -1 과 1 사이입니다"
### BEGIN HIDDEN TESTS
def _expected_top(frame, target):
    y = frame[target].to_numpy(dtype=float)
    best = None
    for c in frame.columns:
        if c == target or not (pd.api.types.is_numeric_dtype(frame[c].dtype) and not pd.api.types.is_bool_dtype(frame[c].dtype)):
            continue
        x = frame[c].to_numpy(dtype=float)
        ok = ~np.isnan(x) & ~np.isnan(y)
        r = float(np.corrcoef(x[ok], y[ok])[0, 1])
        if best is None or abs(r) > abs(best[1]):
            best = (c, r)
    return best

_rng = np.random.default_rng(5)
_y = _rng.normal(size=500)
_syn = pd.DataFrame({"label": ["p", "q"] * 250, "weak": _y + 3 * _rng.normal(size=500),
                     "strong_neg": -_y + 0.3 * _rng.normal(size=500), "y": _y,
                     "mid": _y + _rng.normal(size=500)})
_cases = [(helpers.data.load_seaborn("mpg"), "mpg"), (helpers.data.load_seaborn("penguins"), "bill_depth_mm"),
          (helpers.data.load_seaborn("penguins"), "body_mass_g"), (helpers.data.load_seaborn("iris"), "sepal_width"),
          (_syn, "y")]
for _frame, _target in _cases:
    _snap = _frame.copy(deep=True)
    _out = top_correlated(_frame, _target)
    assert _frame.equals(_snap), "입력 DataFrame 을 바꾸면 안 됩니다"
    assert type(_out) is tuple and len(_out) == 2, "(열 이름, 상관계수) 튜플을 돌려주어야 합니다"
    assert type(_out[0]) is str and isinstance(_out[1], float), "열 이름은 str, 상관계수는 float 여야 합니다"
    _name, _r = _expected_top(_snap, _target)
    assert _out[0] == _name, f"target '{_target}': 고른 열이 다릅니다 (자기 자신 제외, 절댓값 기준)"
    assert abs(float(_out[1]) - _r) < 1e-9, f"target '{_target}': 상관계수 값(또는 부호)이 다릅니다"
### END HIDDEN TESTS

# %% [markdown]
# ## 문제 5. 삼각형 마스크를 씌운 상관계수 히트맵 (3점)
#
# `corr_heatmap(df)` 는 `df` 의 숫자 열끼리의 상관계수 행렬을 seaborn 히트맵으로 그려 **그 Figure** 를 돌려줍니다.
#
# - `fig, ax = plt.subplots(...)` 로 **새 Figure** 를 만들고 `sns.heatmap(..., ax=ax)` 로 그립니다.
# - 위 삼각형과 **대각선**을 마스크로 가려 **아래 삼각형만** 보이게 합니다.
# - 칸마다 숫자를 적습니다: `annot=True, fmt=".2f"`. (색은 `cmap="coolwarm", vmin=-1, vmax=1` 을 권합니다.)
# - 히트맵을 Figure 의 첫 번째 Axes(`fig.axes[0]`)에 그립니다. 색 막대(colorbar)는 그 뒤에 붙습니다.
#
# 채점은 `fig.axes[0].texts` 에 적힌 숫자들 — 몇 칸에, 어느 칸에, 어떤 값이 적혔는지 — 로 합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_corr_heatmap", "locked": false, "schema_version": 3, "solution": true}
def corr_heatmap(df: pd.DataFrame) -> Figure:
    """대각선과 위 삼각형을 가린 상관계수 히트맵(숫자 표시)을 새 Figure 에 그려 돌려줍니다."""
    ### BEGIN SOLUTION
    corr = df.corr(numeric_only=True)
    mask = np.triu(np.ones_like(corr, dtype=bool))
    fig, ax = plt.subplots(figsize=(6, 5))
    sns.heatmap(corr, mask=mask, annot=True, fmt=".2f", cmap="coolwarm", vmin=-1, vmax=1, ax=ax)
    ax.set_title("상관계수 (아래 삼각형)")
    return fig
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_corr_heatmap", "locked": true, "points": 3, "schema_version": 3, "solution": false}
_fig = corr_heatmap(helpers.data.load_seaborn("iris"))
assert isinstance(_fig, Figure), "matplotlib Figure 를 돌려주어야 합니다 (Axes 가 아니라)"
assert len(_fig.axes) >= 1 and len(_fig.axes[0].texts) > 0, "첫 번째 Axes 의 칸에 숫자가 적혀 있어야 합니다 (annot=True)"
plt.close(_fig)
### BEGIN HIDDEN TESTS
def _heatmap_cells(fig):
    cells = {}
    for t in fig.axes[0].texts:
        x, y = t.get_position()
        cells[(int(np.floor(float(y))), int(np.floor(float(x))))] = float(t.get_text())
    return cells, len(fig.axes[0].texts)

def _expected_corr(frame):
    cols = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c].dtype) and not pd.api.types.is_bool_dtype(frame[c].dtype)]
    n = len(cols)
    r = np.eye(n)
    for i in range(n):
        for j in range(n):
            x, y = frame[cols[i]].to_numpy(dtype=float), frame[cols[j]].to_numpy(dtype=float)
            ok = ~np.isnan(x) & ~np.isnan(y)
            r[i, j] = np.corrcoef(x[ok], y[ok])[0, 1]
    return r

_figs = []
for _name in ["iris", "penguins", "mpg"]:
    _frame = helpers.data.load_seaborn(_name)
    _snap = _frame.copy(deep=True)
    _fig = corr_heatmap(_frame)
    _figs.append(_fig)
    assert _frame.equals(_snap), "입력 DataFrame 을 바꾸면 안 됩니다"
    assert isinstance(_fig, Figure), "matplotlib Figure 를 돌려주어야 합니다"
    _r = _expected_corr(_snap)
    _n = _r.shape[0]
    _cells, _count = _heatmap_cells(_fig)
    assert _count == _n * (_n - 1) // 2, f"{_name}: 숫자가 적힌 칸의 수가 다릅니다 (대각선과 위 삼각형은 가려야 합니다)"
    assert len(_cells) == _count, f"{_name}: 같은 칸에 숫자가 두 번 적혔습니다"
    assert all(_i > _j for _i, _j in _cells), f"{_name}: 보이는 칸은 대각선 아래(아래 삼각형)여야 합니다"
    assert all(abs(_v - _r[_i, _j]) <= 0.0051 for (_i, _j), _v in _cells.items()), f"{_name}: 칸에 적힌 상관계수가 다릅니다"
assert len({id(_f) for _f in _figs}) == len(_figs), "부를 때마다 새 Figure 를 만들어야 합니다"
for _f in _figs:
    plt.close(_f)
### END HIDDEN TESTS

# %% [markdown]
# 완성했으면 mpg 로 그려 보세요 (채점과는 상관없습니다).

# %%
_ = corr_heatmap(mpg)


# %% [markdown]
# ## 문제 6. 그룹별 평균 막대그래프 (2점)
#
# `plot_group_means(df, by, value)` 는 그룹(`by`)마다 `value` 의 평균을 **막대그래프**로 그려 그 Figure 를 돌려줍니다.
#
# - 막대는 **평균이 큰 그룹부터** 왼쪽에서 오른쪽으로 놓입니다. 막대 하나 = 그룹 하나, 높이 = 평균.
# - x 축 이름은 `by`, y 축 이름은 `value` 로 붙입니다 (`ax.set_xlabel`, `ax.set_ylabel`).
# - 새 Figure 를 만들어 첫 번째 Axes 에 그립니다. matplotlib `ax.bar`, seaborn, pandas 어느 것으로 그려도 됩니다.
# - 문제 2 의 `group_mean` 을 불러 써도 됩니다. 문제 2와 같이 `by` 가 비어 있는(NaN) 행은 빼고, NaN 막대를 그리지 않습니다
#   (숨은 테스트는 펭귄의 `sex` 열로도 그려 봅니다).
#
# ⚠️ tips 의 `day` 는 범주형(categorical)입니다. seaborn 은 범주형 값을 **범주의 원래 순서**대로 놓기 때문에,
# 줄 세운 결과를 넘겨도 막대 순서가 되돌아갈 수 있습니다. 그린 뒤 x 축 눈금 이름의 순서를 꼭 확인하세요.

# %% nbgrader={"grade": false, "grade_id": "ex_plot_group_means", "locked": false, "schema_version": 3, "solution": true}
def plot_group_means(df: pd.DataFrame, by: str, value: str) -> Figure:
    """그룹별 value 평균 막대그래프(큰 것부터)를 새 Figure 에 그려 돌려줍니다."""
    ### BEGIN SOLUTION
    means = df.groupby(by)[value].mean().sort_values(ascending=False)
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.bar([str(k) for k in means.index], means.to_numpy())
    ax.set_xlabel(by)
    ax.set_ylabel(value)
    ax.set_title(f"{by} 별 {value} 평균")
    return fig
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_plot_group_means", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_fig = plot_group_means(helpers.data.load_seaborn("tips"), "day", "tip")
assert isinstance(_fig, Figure), "matplotlib Figure 를 돌려주어야 합니다"
assert len(_fig.axes[0].patches) == 4, "요일마다 막대가 하나씩, 모두 4개여야 합니다"
assert _fig.axes[0].get_xlabel() == "day" and _fig.axes[0].get_ylabel() == "tip", "x, y 축 이름을 확인하세요"
plt.close(_fig)
### BEGIN HIDDEN TESTS
def _expected_bars(frame, by, value):
    frame = frame[frame[by].notna().to_numpy()]
    keys = frame[by].astype(str).to_numpy()
    vals = frame[value].to_numpy(dtype=float)
    means = {g: float(np.nanmean(vals[keys == g])) for g in set(keys.tolist())}
    order = sorted(means, key=lambda g: -means[g])
    return order, np.array([means[g] for g in order])

_rng = np.random.default_rng(21)
_syn = pd.DataFrame({"team": _rng.choice(["red", "blue", "green", "gold", "gray", "pink"], 200),
                     "score": _rng.normal(50, 10, 200)})
_figs = []
for _frame, _by, _value in [(helpers.data.load_seaborn("tips"), "day", "tip"),
                            (helpers.data.load_seaborn("tips"), "day", "total_bill"),
                            (helpers.data.load_seaborn("penguins"), "species", "body_mass_g"),
                            (helpers.data.load_seaborn("penguins"), "sex", "flipper_length_mm"),
                            (_syn, "team", "score")]:
    _snap = _frame.copy(deep=True)
    _fig = plot_group_means(_frame, _by, _value)
    _figs.append(_fig)
    assert _frame.equals(_snap), "입력 DataFrame 을 바꾸면 안 됩니다"
    assert isinstance(_fig, Figure), "matplotlib Figure 를 돌려주어야 합니다"
    _ax = _fig.axes[0]
    _order, _means = _expected_bars(_snap, _by, _value)
    _heights = np.array([float(p.get_height()) for p in _ax.patches])
    _labels = [t.get_text() for t in _ax.get_xticklabels()]
    assert len(_heights) == len(_order), f"{_by}/{_value}: 막대의 수가 그룹의 수와 다릅니다"
    assert _labels == _order, f"{_by}/{_value}: 막대(x 축 눈금)의 순서가 다릅니다 (평균이 큰 그룹부터)"
    assert np.allclose(_heights, _means, rtol=1e-9), f"{_by}/{_value}: 막대 높이가 그룹 평균과 다릅니다"
    assert _ax.get_xlabel() == _by and _ax.get_ylabel() == _value, f"{_by}/{_value}: 축 이름이 다릅니다"
assert len({id(_f) for _f in _figs}) == len(_figs), "부를 때마다 새 Figure 를 만들어야 합니다"
for _f in _figs:
    plt.close(_f)
### END HIDDEN TESTS

# %% [markdown]
# 완성했으면 mpg 의 생산 지역별 연비를 그려 보세요.

# %%
_ = plot_group_means(mpg, "origin", "mpg")


# %% [markdown]
# ## 문제 7. plotly 3D 산점도, 그룹마다 trace 하나 (2점)
#
# `scatter3d_by_group(df, x, y, z, color)` 는 plotly 로 3D 산점도를 그려 `go.Figure` 를 돌려줍니다.
#
# - 점 하나 = 행 하나, 좌표는 `(df[x], df[y], df[z])`.
# - `color` 열(글자 또는 범주형)의 값마다 **`Scatter3d` trace 를 하나씩** 만들고, trace 이름(`name`)은 그 그룹 값으로 합니다.
#   그래야 범례에서 그룹별로 켜고 끌 수 있습니다.
# - `color` 열이 비어 있는(NaN) 행은 **그리지 않습니다**. `"nan"` 같은 이름의 trace 를 만들면 안 됩니다 (숨은 테스트는 결측치가 있는
#   펭귄의 `sex` 열로 색을 나눠 봅니다). 좌표 열에 NaN 이 있는 행은 그대로 두어도 됩니다 (plotly 가 그 점을 그리지 않습니다).
# - 3D 축 제목은 열 이름으로 붙입니다 (`fig.layout.scene.xaxis.title.text == x`, y·z 도 같음).
# - 힌트: `px.scatter_3d` 가 이 조건을 한 줄로 만족합니다. `go.Scatter3d` 로 직접 만들어도 됩니다.

# %% nbgrader={"grade": false, "grade_id": "ex_scatter3d_by_group", "locked": false, "schema_version": 3, "solution": true}
def scatter3d_by_group(df: pd.DataFrame, x: str, y: str, z: str, color: str) -> go.Figure:
    """color 그룹마다 Scatter3d trace 하나인 plotly 3D 산점도를 돌려줍니다."""
    ### BEGIN SOLUTION
    return px.scatter_3d(df, x=x, y=y, z=z, color=color, title=f"{x} · {y} · {z} ({color} 별)")
    ### END SOLUTION


# %% nbgrader={"grade": true, "grade_id": "test_scatter3d_by_group", "locked": true, "points": 2, "schema_version": 3, "solution": false}
_fig = scatter3d_by_group(helpers.data.load_seaborn("iris"), "sepal_length", "petal_length", "petal_width", "species")
assert type(_fig) is go.Figure, "plotly go.Figure 를 돌려주어야 합니다"
assert len(_fig.data) == 3, "품종마다 trace 가 하나씩, 모두 3개여야 합니다"
assert all(type(_t) is go.Scatter3d for _t in _fig.data), "trace 는 3D 산점도(Scatter3d)여야 합니다"
### BEGIN HIDDEN TESTS
def _sorted_rows(a):
    a = np.asarray(a, dtype=float)
    return a[np.lexsort(a.T[::-1])]

_rng = np.random.default_rng(8)
_syn = pd.DataFrame({"u": _rng.normal(size=90), "v": _rng.normal(size=90), "w": _rng.normal(size=90),
                     "kind": _rng.choice(["alpha", "beta", "gamma", "delta"], 90)})
for _frame, _cols in [(helpers.data.load_seaborn("iris"), ("sepal_length", "petal_length", "petal_width", "species")),
                      (helpers.data.load_seaborn("tips"), ("total_bill", "tip", "size", "time")),
                      (helpers.data.load_seaborn("penguins"), ("bill_length_mm", "bill_depth_mm", "body_mass_g", "sex")),
                      (_syn, ("w", "u", "v", "kind"))]:
    _x, _y, _z, _c = _cols
    _frame = _frame.dropna(subset=[_x, _y, _z])
    _snap = _frame.copy(deep=True)
    _fig = scatter3d_by_group(_frame, _x, _y, _z, _c)
    assert _frame.equals(_snap), "입력 DataFrame 을 바꾸면 안 됩니다"
    assert type(_fig) is go.Figure, "plotly go.Figure 를 돌려주어야 합니다"
    assert all(type(_t) is go.Scatter3d for _t in _fig.data), "trace 는 3D 산점도(Scatter3d)여야 합니다"
    _keys = _snap[_c].astype(str).to_numpy()
    _keys[_snap[_c].isna().to_numpy()] = "<결측>"
    _groups = sorted(set(_keys.tolist()) - {"<결측>"})
    assert sorted(str(_t.name) for _t in _fig.data) == _groups, f"{_c}: 그룹마다 이름이 붙은 trace 가 하나씩 있어야 합니다"
    for _t in _fig.data:
        _sel = _keys == str(_t.name)
        _want = np.column_stack([_snap[_x].to_numpy(dtype=float)[_sel], _snap[_y].to_numpy(dtype=float)[_sel],
                                 _snap[_z].to_numpy(dtype=float)[_sel]])
        _got = np.column_stack([np.asarray(_t.x, dtype=float), np.asarray(_t.y, dtype=float),
                                np.asarray(_t.z, dtype=float)])
        assert _got.shape == _want.shape, f"그룹 '{_t.name}': 점의 개수가 다릅니다"
        assert np.allclose(_sorted_rows(_got), _sorted_rows(_want)), f"그룹 '{_t.name}': 점의 좌표(x, y, z 순서 포함)가 다릅니다"
    _scene = _fig.layout.scene
    assert (_scene.xaxis.title.text, _scene.yaxis.title.text, _scene.zaxis.title.text) == (_x, _y, _z), \
        "3D 축 제목은 x, y, z 열 이름이어야 합니다"
### END HIDDEN TESTS

# %% [markdown]
# 완성했으면 직접 돌려 보세요.

# %%
scatter3d_by_group(mpg, "weight", "horsepower", "mpg", "origin").show()

# %% [markdown]
# ## 문제 8. 실험: 전체와 종별 상관계수 (2점)
#
# 이번 문제는 함수가 아니라 **실험 결과** 를 보고합니다. 펭귄(`helpers.data.load_seaborn("penguins")`)의 **부리 길이**
# (`bill_length_mm`)와 **부리 깊이**(`bill_depth_mm`)의 피어슨 상관계수를 구하세요.
#
# 1. 두 열 중 하나라도 비어 있는(NaN) 행을 빼고,
# 2. 펭귄 전체로 한 번(`"all"`), 그리고 종(`species`)마다 한 번씩 (`"Adelie"`, `"Chinstrap"`, `"Gentoo"`) 구합니다.
#
# 결과를 `BILL_CORR = {"all": r, "Adelie": r, "Chinstrap": r, "Gentoo": r}` 로 적으세요. 값은 `float` (`np.float64` 도 됩니다)이고, 소수 둘째 자리까지
# 반올림해도 됩니다 (채점 허용 오차 0.006). 채점 코드는 같은 실험을 스스로 다시 해서 여러분의 값과 비교합니다.
#
# 찾은 뒤 생각해 보세요: 전체 상관계수의 **부호** 와 종별 상관계수의 부호가 어떻게 다른가요? 그렇다면 "부리가 길수록 얕다" 는 말은
# 맞을까요? 문제 7의 3D 산점도나 `sns.lmplot(data=penguins, x="bill_length_mm", y="bill_depth_mm", hue="species")` 로 확인해 보세요.
# 이렇게 묶음을 합치면 관계의 방향이 뒤집히는 현상을 **심슨의 역설(Simpson's paradox)** 이라고 합니다.

# %% nbgrader={"grade": false, "grade_id": "ex_bill_corr", "locked": false, "schema_version": 3, "solution": true}
### BEGIN SOLUTION
penguins = helpers.data.load_seaborn("penguins").dropna(subset=["bill_length_mm", "bill_depth_mm"])
BILL_CORR = {"all": float(penguins["bill_length_mm"].corr(penguins["bill_depth_mm"]))}
for species, part in penguins.groupby("species"):
    BILL_CORR[str(species)] = float(part["bill_length_mm"].corr(part["bill_depth_mm"]))
### END SOLUTION
print(BILL_CORR)

# %% nbgrader={"grade": true, "grade_id": "test_bill_corr", "locked": true, "points": 2, "schema_version": 3, "solution": false}
assert type(BILL_CORR) is dict, "BILL_CORR 는 dict 여야 합니다"
assert sorted(BILL_CORR) == ["Adelie", "Chinstrap", "Gentoo", "all"], "키는 'all', 'Adelie', 'Chinstrap', 'Gentoo' 네 개여야 합니다"
assert all(isinstance(v, float) for v in BILL_CORR.values()), "값은 float 여야 합니다 (float(...) 로 바꾸세요)"
assert all(-1.0 <= v <= 1.0 for v in BILL_CORR.values()), "상관계수는 -1 과 1 사이입니다 (NaN 이 아닌지도 확인하세요)"
### BEGIN HIDDEN TESTS
_peng = helpers.data.load_seaborn("penguins")
_bl = _peng["bill_length_mm"].to_numpy(dtype=float)
_bd = _peng["bill_depth_mm"].to_numpy(dtype=float)
_sp = _peng["species"].astype(str).to_numpy()
_ok = ~np.isnan(_bl) & ~np.isnan(_bd)
_want = {"all": float(np.corrcoef(_bl[_ok], _bd[_ok])[0, 1])}
for _s in ("Adelie", "Chinstrap", "Gentoo"):
    _m = _ok & (_sp == _s)
    _want[_s] = float(np.corrcoef(_bl[_m], _bd[_m])[0, 1])
# the finding cannot flip: every value is far from 0 and from the next tolerance
assert all(abs(v) > 0.2 for v in _want.values()), "채점 실험의 결과가 예상과 다릅니다 (강사에게 알려 주세요)"
for _k, _v in _want.items():
    assert abs(BILL_CORR[_k] - _v) <= 0.006, \
        f"'{_k}': 상관계수가 다시 잰 값과 다릅니다 (결측치를 뺐나요? 그 종의 행만 썼나요? 피어슨 상관계수인가요?)"
### END HIDDEN TESTS

# %% [markdown]
# ## 마무리
# 모두 통과했다면: 표를 자르고(`drop`, 필터), 모으고(`groupby`), 다듬고(표준화), 관계를 찾고(상관), 그림으로 보이는
# EDA 의 기본 동작을 함수로 만든 것입니다. 다음 단원(선형회귀)에서는 여기서 본 추세선을 직접 학습합니다.

"""Known-wrong answers for 02_pandas_viz_eda: each must lose its test cell's points (tools.gradecheck).
CORRECT: right answers in other styles the instructions allow; each must keep its points (grading.fastcheck)."""

from grading.mutants import edit

MUTANTS = {
    "ex_select_and_filter": [
        ("strict_greater", '''
def select_and_filter(df: pd.DataFrame, drop_cols: list[str], column: str, min_value: float) -> pd.DataFrame:
    kept = df.drop(columns=drop_cols)
    return kept[kept[column] > min_value]
'''),
        ("inplace_mutates_caller", '''
def select_and_filter(df: pd.DataFrame, drop_cols: list[str], column: str, min_value: float) -> pd.DataFrame:
    df.drop(columns=drop_cols, inplace=True)
    return df[df[column] >= min_value]
'''),
        ("drop_rows_axis0", '''
def select_and_filter(df: pd.DataFrame, drop_cols: list[str], column: str, min_value: float) -> pd.DataFrame:
    kept = df.drop(drop_cols)
    return kept[kept[column] >= min_value]
'''),
        ("reset_index", '''
def select_and_filter(df: pd.DataFrame, drop_cols: list[str], column: str, min_value: float) -> pd.DataFrame:
    kept = df.drop(columns=drop_cols)
    return kept[kept[column] >= min_value].reset_index(drop=True)
'''),
    ],
    "ex_group_mean": [
        ("nan_group_kept", edit(("df.groupby(by)[value]", "df.groupby(by, dropna=False)[value]"))),
        ("ascending", '''
def group_mean(df: pd.DataFrame, by: str, value: str) -> pd.Series:
    return df.groupby(by)[value].mean().sort_values()
'''),
        ("sorted_by_label", '''
def group_mean(df: pd.DataFrame, by: str, value: str) -> pd.Series:
    return df.groupby(by)[value].mean().sort_index(ascending=False)
'''),
        ("median_not_mean", '''
def group_mean(df: pd.DataFrame, by: str, value: str) -> pd.Series:
    return df.groupby(by)[value].median().sort_values(ascending=False)
'''),
    ],
    "ex_zscore": [
        ("row_axis", '''
def zscore(df: pd.DataFrame) -> pd.DataFrame:
    numeric = df.select_dtypes("number")
    return numeric.sub(numeric.mean(axis=1), axis=0).div(numeric.std(axis=1), axis=0)
'''),
        ("numpy_std_ddof0", '''
def zscore(df: pd.DataFrame) -> pd.DataFrame:
    numeric = df.select_dtypes("number")
    return numeric.apply(lambda col: (col - col.mean()) / np.std(col))
'''),
        ("mutates_caller", '''
def zscore(df: pd.DataFrame) -> pd.DataFrame:
    cols = list(df.select_dtypes("number").columns)
    for c in cols:
        df[c] = (df[c] - df[c].mean()) / df[c].std()
    return df[cols]
'''),
        ("forgot_numeric_only", '''
def zscore(df: pd.DataFrame) -> pd.DataFrame:
    return (df - df.mean()) / df.std()
'''),
    ],
    "ex_top_correlated": [
        ("counts_self_correlation", '''
def top_correlated(df: pd.DataFrame, target: str) -> tuple[str, float]:
    r = df.corr(numeric_only=True)[target]
    name = r.abs().idxmax()
    return str(name), float(r[name])
'''),
        ("signed_max_no_abs", '''
def top_correlated(df: pd.DataFrame, target: str) -> tuple[str, float]:
    r = df.corr(numeric_only=True)[target].drop(target)
    name = r.idxmax()
    return str(name), float(r[name])
'''),
        ("returns_abs_value", '''
def top_correlated(df: pd.DataFrame, target: str) -> tuple[str, float]:
    r = df.corr(numeric_only=True)[target].drop(target).abs()
    name = r.idxmax()
    return str(name), float(r[name])
'''),
        ("forgot_numeric_only", '''
def top_correlated(df: pd.DataFrame, target: str) -> tuple[str, float]:
    r = df.corr()[target].drop(target)
    name = r.abs().idxmax()
    return str(name), float(r[name])
'''),
    ],
    "ex_corr_heatmap": [
        ("diagonal_kept_k1", '''
def corr_heatmap(df: pd.DataFrame) -> Figure:
    corr = df.corr(numeric_only=True)
    mask = np.triu(np.ones_like(corr, dtype=bool), k=1)
    fig, ax = plt.subplots(figsize=(6, 5))
    sns.heatmap(corr, mask=mask, annot=True, fmt=".2f", cmap="coolwarm", vmin=-1, vmax=1, ax=ax)
    return fig
'''),
        ("upper_triangle_tril", '''
def corr_heatmap(df: pd.DataFrame) -> Figure:
    corr = df.corr(numeric_only=True)
    mask = np.tril(np.ones_like(corr, dtype=bool))
    fig, ax = plt.subplots(figsize=(6, 5))
    sns.heatmap(corr, mask=mask, annot=True, fmt=".2f", cmap="coolwarm", vmin=-1, vmax=1, ax=ax)
    return fig
'''),
        ("no_annot", '''
def corr_heatmap(df: pd.DataFrame) -> Figure:
    corr = df.corr(numeric_only=True)
    mask = np.triu(np.ones_like(corr, dtype=bool))
    fig, ax = plt.subplots(figsize=(6, 5))
    sns.heatmap(corr, mask=mask, cmap="coolwarm", vmin=-1, vmax=1, ax=ax)
    return fig
'''),
        ("reuses_current_figure", '''
def corr_heatmap(df: pd.DataFrame) -> Figure:
    corr = df.corr(numeric_only=True)
    mask = np.triu(np.ones_like(corr, dtype=bool))
    sns.heatmap(corr, mask=mask, annot=True, fmt=".2f", cmap="coolwarm", vmin=-1, vmax=1)
    return plt.gcf()
'''),
    ],
    "ex_plot_group_means": [
        ("nan_bar_kept", edit(("df.groupby(by)[value]", "df.groupby(by, dropna=False)[value]"))),
        ("ascending", '''
def plot_group_means(df: pd.DataFrame, by: str, value: str) -> Figure:
    means = df.groupby(by)[value].mean().sort_values()
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.bar([str(k) for k in means.index], means.to_numpy())
    ax.set_xlabel(by)
    ax.set_ylabel(value)
    return fig
'''),
        ("seaborn_reorders_categorical", '''
def plot_group_means(df: pd.DataFrame, by: str, value: str) -> Figure:
    means = df.groupby(by)[value].mean().sort_values(ascending=False)
    fig, ax = plt.subplots(figsize=(6, 3.5))
    sns.barplot(x=means.index, y=means.values, ax=ax)
    ax.set_xlabel(by)
    ax.set_ylabel(value)
    return fig
'''),
        ("counts_not_means", '''
def plot_group_means(df: pd.DataFrame, by: str, value: str) -> Figure:
    counts = df.groupby(by)[value].count().sort_values(ascending=False)
    fig, ax = plt.subplots(figsize=(6, 3.5))
    ax.bar([str(k) for k in counts.index], counts.to_numpy())
    ax.set_xlabel(by)
    ax.set_ylabel(value)
    return fig
'''),
    ],
    "ex_scatter3d_by_group": [
        ("nan_colour_trace", '''
def scatter3d_by_group(df, x, y, z, color):
    fig = go.Figure()
    for g in df[color].unique():              # includes NaN: a trace named "nan" with no rows
        part = df[df[color] == g]
        fig.add_trace(go.Scatter3d(x=part[x], y=part[y], z=part[z], mode="markers", name=str(g)))
    fig.update_layout(scene=dict(xaxis_title=x, yaxis_title=y, zaxis_title=z))
    return fig
'''),
        ("flat_2d_scatter", '''
def scatter3d_by_group(df: pd.DataFrame, x: str, y: str, z: str, color: str) -> go.Figure:
    return px.scatter(df, x=x, y=y, color=color)
'''),
        ("swapped_y_z", '''
def scatter3d_by_group(df: pd.DataFrame, x: str, y: str, z: str, color: str) -> go.Figure:
    return px.scatter_3d(df, x=x, y=z, z=y, color=color)
'''),
        ("single_trace_no_groups", '''
def scatter3d_by_group(df: pd.DataFrame, x: str, y: str, z: str, color: str) -> go.Figure:
    fig = go.Figure(go.Scatter3d(x=df[x], y=df[y], z=df[z], mode="markers",
                                 marker=dict(color=df[color].astype("category").cat.codes)))
    fig.update_layout(scene=dict(xaxis_title=x, yaxis_title=y, zaxis_title=z))
    return fig
'''),
    ],
    "ex_bill_corr": [
        ("pooled_for_every_species", edit(('BILL_CORR[str(species)] = float(part["bill_length_mm"].corr(part["bill_depth_mm"]))',
                                           'BILL_CORR[str(species)] = BILL_CORR["all"]'))),
        ("spearman", '''
penguins = helpers.data.load_seaborn("penguins").dropna(subset=["bill_length_mm", "bill_depth_mm"])
BILL_CORR = {"all": float(penguins["bill_length_mm"].corr(penguins["bill_depth_mm"], method="spearman"))}
for species, part in penguins.groupby("species"):
    BILL_CORR[str(species)] = float(part["bill_length_mm"].corr(part["bill_depth_mm"], method="spearman"))
'''),
        ("corrcoef_with_nan", '''
penguins = helpers.data.load_seaborn("penguins")
BILL_CORR = {"all": float(np.corrcoef(penguins["bill_length_mm"], penguins["bill_depth_mm"])[0, 1])}
for species, part in penguins.groupby("species"):
    BILL_CORR[str(species)] = float(np.corrcoef(part["bill_length_mm"], part["bill_depth_mm"])[0, 1])
'''),
        ("flipper_instead_of_depth", '''
penguins = helpers.data.load_seaborn("penguins").dropna(subset=["bill_length_mm", "flipper_length_mm"])
BILL_CORR = {"all": float(penguins["bill_length_mm"].corr(penguins["flipper_length_mm"]))}
for species, part in penguins.groupby("species"):
    BILL_CORR[str(species)] = float(part["bill_length_mm"].corr(part["flipper_length_mm"]))
'''),
    ],
}

CORRECT = {
    "ex_group_mean": [
        ("dropna_first", '''
def group_mean(df, by, value):
    kept = df[df[by].notna()]
    means = kept.groupby(by, observed=True)[value].agg("mean")
    return means.sort_values(ascending=False)
'''),
    ],
    "ex_plot_group_means": [
        ("seaborn_with_order", '''
def plot_group_means(df, by, value):
    means = group_mean(df, by, value)
    fig, ax = plt.subplots()
    sns.barplot(x=[str(k) for k in means.index], y=means.to_numpy(), order=[str(k) for k in means.index], ax=ax)
    ax.set_xlabel(by)
    ax.set_ylabel(value)
    return fig
'''),
    ],
    "ex_scatter3d_by_group": [
        ("graph_objects_loop", '''
def scatter3d_by_group(df, x, y, z, color):
    fig = go.Figure()
    for g, part in df.groupby(color, observed=True):     # groupby leaves NaN groups out
        fig.add_trace(go.Scatter3d(x=part[x], y=part[y], z=part[z], mode="markers", name=str(g)))
    fig.update_layout(scene=dict(xaxis_title=x, yaxis_title=y, zaxis_title=z))
    return fig
'''),
    ],
    "ex_bill_corr": [
        ("numpy_rounded", '''
p = helpers.data.load_seaborn("penguins")
ok = p["bill_length_mm"].notna() & p["bill_depth_mm"].notna()
BILL_CORR = {}
for key in ["all", "Adelie", "Chinstrap", "Gentoo"]:
    m = ok if key == "all" else ok & (p["species"] == key)
    r = np.corrcoef(p.loc[m, "bill_length_mm"], p.loc[m, "bill_depth_mm"])[0, 1]
    BILL_CORR[key] = round(float(r), 2)
'''),
    ],
}

"""Plots the notebooks share: Korean font, training curves, image grids, confusion matrix,
loss surface (plotly) and its static copy (show_plotly), attention map. Every function returns the figure it draws
(show_plotly displays it and returns None)."""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import numpy as np
    import plotly.graph_objects as go
    import torch
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from numpy.typing import ArrayLike

    Data: TypeAlias = ArrayLike | torch.Tensor  # anything np.asarray takes, or a tensor (on any device)


def use_korean_font() -> str:
    """Select the bundled NanumGothic (koreanize-matplotlib) so Hangul renders; return the font name."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import koreanize_matplotlib  # noqa: F401  (sets rcParams on import)
    import matplotlib as mpl

    mpl.rcParams["axes.unicode_minus"] = False
    family = mpl.rcParams["font.family"]
    return family[0] if isinstance(family, list) else str(family)


def log_axes(ax: Axes, *, x: bool = True, y: bool = True) -> Axes:
    """Log-scale axes with plain tick labels (NanumGothic has no mathtext minus: no glyph warnings)."""
    from matplotlib import ticker

    for flag, axis, set_scale in ((x, ax.xaxis, ax.set_xscale), (y, ax.yaxis, ax.set_yscale)):
        if flag:
            set_scale("log")
            axis.set_major_formatter(ticker.FuncFormatter(lambda v, _pos: f"{v:g}"))
            axis.set_minor_formatter(ticker.LogFormatter(minor_thresholds=(2, 0.5)))  # label 2, 3, 5… on short spans
    return ax


def plot_history(history: dict[str, Sequence[float]], title: str = "학습 곡선") -> Figure:
    """Line plot of every series in `history` (e.g. {'train_loss': [...], 'val_acc': [...]}) by epoch."""
    import matplotlib.pyplot as plt

    if not history:
        raise ValueError("history 가 비어 있습니다. fit() 이 돌려준 기록을 넘기세요.")
    losses = {k: v for k, v in history.items() if "loss" in k}
    others = {k: v for k, v in history.items() if "loss" not in k}
    ncols = 1 + bool(others) if losses else 1
    fig, axes = plt.subplots(1, ncols, figsize=(5 * ncols, 3.5), squeeze=False)
    groups = [g for g in (losses, others) if g]
    for ax, group in zip(axes[0], groups):
        for name, values in group.items():
            ax.plot(range(1, len(values) + 1), list(values), marker="o", label=name)
        ax.set_xlabel("에포크 (epoch)")
        ax.grid(alpha=0.3)
        ax.legend()
    axes[0][0].set_title(title)
    fig.tight_layout()
    return fig


def show_images(
    images: Data,
    labels: Data | None = None,
    preds: Data | None = None,
    class_names: Sequence[str] | None = None,
    ncols: int = 8,
    cmap: str = "gray",
) -> Figure:
    """Grid of images (N×H×W or N×H×W×C arrays/tensors, or N×C×H×W tensors) with labels/predictions."""
    import matplotlib.pyplot as plt
    import numpy as np

    arr = images.detach().cpu().numpy() if hasattr(images, "detach") else np.asarray(images)
    if arr.ndim == 4 and arr.shape[1] in (1, 3) and arr.shape[-1] not in (1, 3):
        arr = arr.transpose(0, 2, 3, 1)
    if arr.ndim == 4 and arr.shape[-1] == 1:
        arr = arr[..., 0]
    n = len(arr)
    if n == 0:
        raise ValueError("그릴 이미지가 없습니다.")
    ncols = min(ncols, n)
    nrows = (n + ncols - 1) // ncols
    fig, axes = plt.subplots(nrows, ncols, figsize=(1.6 * ncols, 1.9 * nrows), squeeze=False)

    def name(v: Any) -> str:
        v = int(v) if hasattr(v, "__int__") else v
        return str(class_names[v]) if class_names is not None else str(v)

    for i, ax in enumerate(axes.flat):
        ax.axis("off")
        if i >= n:
            continue
        ax.imshow(arr[i], cmap=cmap if arr[i].ndim == 2 else None)
        parts = []
        if labels is not None:
            parts.append(f"정답 {name(labels[i])}")
        if preds is not None:
            parts.append(f"예측 {name(preds[i])}")
        if parts:
            wrong = labels is not None and preds is not None and int(labels[i]) != int(preds[i])
            ax.set_title("\n".join(parts), fontsize=8, color="crimson" if wrong else "black")
    fig.tight_layout()
    return fig


def show_matrices(
    mats: Sequence[Data], titles: Sequence[str] | None = None, *, annotate: bool = True, cmap: str = "Blues"
) -> Figure:
    """Small 0-D/1-D/2-D tensors or arrays side by side as grids, each cell labelled with its value."""
    import matplotlib.pyplot as plt
    import numpy as np

    arrays, shapes = [], []
    for m in mats:
        a = m.detach().cpu().numpy() if hasattr(m, "detach") else np.asarray(m)
        if a.ndim > 2:
            raise ValueError(f"0·1·2차원만 그릴 수 있습니다 (받은 모양: {tuple(a.shape)}). 먼저 잘라서 넘기세요.")
        shapes.append(tuple(a.shape))
        arrays.append(a.reshape(1, -1) if a.ndim < 2 else a)
    if not arrays:
        raise ValueError("그릴 행렬이 없습니다.")
    if titles is not None and len(titles) != len(arrays):
        raise ValueError(f"제목 {len(titles)}개와 행렬 {len(arrays)}개의 수가 다릅니다.")
    widths = [max(a.shape[1], 1) for a in arrays]
    height = max(a.shape[0] for a in arrays)
    fig, axes = plt.subplots(1, len(arrays), figsize=(0.55 * sum(widths) + 1.1 * len(arrays), 0.55 * height + 1.0),
                             squeeze=False, gridspec_kw={"width_ratios": widths})
    for i, (ax, a) in enumerate(zip(axes[0], arrays)):
        values = a.astype(float)
        lo, hi = (float(values.min()), float(values.max())) if values.size else (0.0, 1.0)
        ax.imshow(values, cmap=cmap, vmin=lo, vmax=hi if hi > lo else lo + 1)
        if annotate:
            for (r, c), v in np.ndenumerate(a):
                text = str(bool(v)) if a.dtype == bool else (f"{v:.3g}" if a.dtype.kind == "f" else str(v))
                dark = hi > lo and (float(v) - lo) / (hi - lo) > 0.6
                ax.text(c, r, text, ha="center", va="center", fontsize=8, color="white" if dark else "black")
        ax.set_xticks(range(a.shape[1]))
        ax.set_yticks(range(a.shape[0]))
        ax.set_title(titles[i] if titles is not None else f"모양 {shapes[i]}", fontsize=10)
    fig.tight_layout()
    return fig


def confusion_matrix(y_true: Data, y_pred: Data, num_classes: int) -> np.ndarray:
    """Counts matrix C[i, j] = number of samples of true class i predicted as j (NumPy int64)."""
    import numpy as np

    t = np.asarray(y_true, dtype=np.int64).ravel()
    p = np.asarray(y_pred, dtype=np.int64).ravel()
    if t.shape != p.shape:
        raise ValueError(f"정답과 예측의 개수가 다릅니다: {t.shape[0]} vs {p.shape[0]}")
    return np.bincount(t * num_classes + p, minlength=num_classes**2).reshape(num_classes, num_classes)


def plot_confusion_matrix(
    y_true: Data, y_pred: Data, class_names: Sequence[str], title: str = "혼동 행렬"
) -> Figure:
    """Heatmap of the confusion matrix with counts in each cell."""
    cm = confusion_matrix(y_true, y_pred, len(class_names))
    fig, ax = _heatmap(cm, class_names, class_names, ("예측", "정답"), title, cmap="Blues", cell=0.6)
    threshold = cm.max() / 2 if cm.max() else 0
    for i in range(cm.shape[0]):
        for j in range(cm.shape[1]):
            ax.text(j, i, int(cm[i, j]), ha="center", va="center", fontsize=7,
                    color="white" if cm[i, j] > threshold else "black")
    return fig


def _heatmap(
    values: np.ndarray, x_labels: Sequence[str], y_labels: Sequence[str], axis_titles: tuple[str, str], title: str,
    *, cmap: str, cell: float,
) -> tuple[Figure, Axes]:
    """A labelled heatmap with a colour bar, `cell` inches per row and column."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(cell * len(x_labels) + 2, cell * len(y_labels) + 1.5))
    im = ax.imshow(values, cmap=cmap)
    ax.set_xticks(range(len(x_labels)), x_labels, rotation=45, ha="right")
    ax.set_yticks(range(len(y_labels)), y_labels)
    ax.set_xlabel(axis_titles[0])
    ax.set_ylabel(axis_titles[1])
    ax.set_title(title)
    fig.colorbar(im, ax=ax, fraction=0.046)
    fig.tight_layout()
    return fig, ax


def plot_loss_surface(
    a_values: Sequence[float],
    b_values: Sequence[float],
    loss: Data,
    path: Sequence[tuple[float, float, float]] | None = None,
    title: str = "손실 곡면 (loss surface)",
) -> go.Figure:
    """Interactive plotly 3D surface of loss[b_index, a_index], optionally with a descent path (a, b, loss)."""
    import numpy as np
    import plotly.graph_objects as go

    z = np.asarray(loss)
    if z.shape != (len(b_values), len(a_values)):
        raise ValueError(f"loss 의 shape 은 (len(b), len(a)) = {(len(b_values), len(a_values))} 이어야 합니다.")
    fig = go.Figure(go.Surface(x=list(a_values), y=list(b_values), z=z, colorscale="Viridis", opacity=0.85))
    if path is not None and len(path):
        p = np.asarray(path, dtype=float)
        fig.add_trace(go.Scatter3d(x=p[:, 0], y=p[:, 1], z=p[:, 2], mode="lines+markers",
                                   marker={"size": 3, "color": "red"}, line={"color": "red"}, name="경사 하강 경로"))
    fig.update_layout(title=title, scene={"xaxis_title": "a (직선의 기울기)", "yaxis_title": "b (절편)",
                                          "zaxis_title": "손실"}, height=500, margin={"l": 0, "r": 0, "t": 40, "b": 0})
    return fig


_STATIC_NOTE = "정적 사본 (matplotlib) — 돌려 보려면 JupyterLab·Colab 에서 실행하세요"


def _plotly_color(c: Any) -> Any:
    """A plotly colour ('rgb(1, 2, 3)', 'rgba(...)', '#hex', CSS name) as something matplotlib accepts."""
    if isinstance(c, str) and c.startswith("rgb"):
        parts = [float(v) for v in c[c.index("(") + 1:c.index(")")].split(",")]
        rgb = [v / 255 for v in parts[:3]]
        return (*rgb, parts[3]) if len(parts) == 4 else tuple(rgb)
    return c


def _plotly_cmap(colorscale: Any) -> Any:
    """matplotlib colormap from a plotly colorscale (a name or the [(position, colour), ...] list plotly stores)."""
    from matplotlib.colors import LinearSegmentedColormap

    if not colorscale:
        return "viridis"
    if isinstance(colorscale, str):
        return colorscale.lower()
    return LinearSegmentedColormap.from_list("plotly", [(float(p), _plotly_color(c)) for p, c in colorscale])


def plotly_to_matplotlib(fig: go.Figure) -> Figure:
    """Static matplotlib copy of a plotly figure (traces surface, scatter3d, scatter, heatmap, bar), for the places
    that cannot run plotly's JavaScript: GitHub, nbviewer, exported HTML. Uses the figure's title, axis titles,
    size, trace names and colours, and its 3D camera. Not drawn through pyplot, so it never shows on its own."""
    import numpy as np
    from matplotlib.figure import Figure as MplFigure

    layout = fig.layout
    kinds = {t.type for t in fig.data}
    unknown = kinds - {"surface", "scatter3d", "scatter", "heatmap", "bar"}
    if unknown:
        raise ValueError(f"plotly_to_matplotlib: trace type(s) {sorted(unknown)} not supported")
    three_d = bool(kinds & {"surface", "scatter3d"})
    if three_d and kinds - {"surface", "scatter3d"}:
        raise ValueError("plotly_to_matplotlib: 2D and 3D traces in one figure are not supported")
    width, height = (layout.width or 700) / 100, (layout.height or 500) / 100
    out = MplFigure(figsize=(width, height), dpi=100)
    # 3D: draw in trace order (lines/markers after surfaces, as plotly shows a path over its surface)
    ax = out.add_subplot(projection="3d", computed_zorder=False) if three_d else out.add_subplot()
    named = 0
    for i, t in enumerate(fig.data):
        label = t.name if t.name and t.showlegend is not False else None
        named += label is not None
        if t.type == "surface":
            z = np.asarray(t.z, dtype=float)
            x = np.arange(z.shape[1]) if t.x is None else np.asarray(t.x, dtype=float)
            y = np.arange(z.shape[0]) if t.y is None else np.asarray(t.y, dtype=float)
            if x.ndim == 1:
                x, y = np.meshgrid(x, y)
            ax.plot_surface(x, y, z, cmap=_plotly_cmap(t.colorscale), alpha=t.opacity or 1.0, linewidth=0)
        elif t.type == "heatmap":
            im = ax.imshow(np.asarray(t.z, dtype=float), cmap=_plotly_cmap(t.colorscale), aspect="auto",
                           origin="lower")
            out.colorbar(im, ax=ax)
        elif t.type == "bar":
            ax.bar(list(t.x), list(t.y), label=label, color=_plotly_color(t.marker.color) if t.marker else None)
        else:
            coords = [np.asarray(t.x), np.asarray(t.y)] + ([np.asarray(t.z, dtype=float)] if three_d else [])
            mode = t.mode or "markers"
            color = t.marker.color if t.marker and t.marker.color is not None else None
            line_color = t.line.color if t.line and t.line.color is not None else color
            if isinstance(color, str) or color is None:
                color = _plotly_color(color) if color is not None else f"C{i}"
                if "lines" in mode:
                    ax.plot(*coords, color=_plotly_color(line_color) if isinstance(line_color, str) else color,
                            label=label if "markers" not in mode else None)
                if "markers" in mode:
                    ax.scatter(*coords, color=color, s=12, label=label)
            else:  # one number per point: a colour scale
                ax.scatter(*coords, c=np.asarray(color, dtype=float), cmap=_plotly_cmap(t.marker.colorscale),
                           s=12, label=label)
    axes_layout = (layout.scene.xaxis, layout.scene.yaxis, layout.scene.zaxis) if three_d else (
        layout.xaxis, layout.yaxis)
    setters = (ax.set_xlabel, ax.set_ylabel, getattr(ax, "set_zlabel", None))
    for axis, setter in zip(axes_layout, setters, strict=False):
        if axis.title and axis.title.text:
            setter(axis.title.text)
    if three_d:
        eye = layout.scene.camera.eye if layout.scene.camera and layout.scene.camera.eye else None
        ex, ey, ez = (eye.x, eye.y, eye.z) if eye and eye.x is not None else (1.25, 1.25, 1.25)
        ax.view_init(elev=float(np.degrees(np.arctan2(ez, np.hypot(ex, ey)))),
                     azim=float(np.degrees(np.arctan2(ey, ex))))
    if layout.title and layout.title.text:
        ax.set_title(layout.title.text)
    if named:
        ax.legend(loc="upper left", fontsize=8)
    out.text(0.99, 0.01, _STATIC_NOTE, ha="right", va="bottom", fontsize=7, color="gray")
    return out


def show_plotly(fig: go.Figure) -> None:
    """Show a plotly figure interactively where plotly runs (JupyterLab, Notebook 7, VS Code, Colab) *and* as a
    static PNG (plotly_to_matplotlib) where it cannot (GitHub, nbviewer, exported HTML), in one output.

    The output carries the plotly JSON (Colab: plotly's HTML) and image/png; each viewer picks what it can render.
    Returns None so that a cell ending in show_plotly(fig) shows the figure once."""
    import io
    import sys

    import plotly.io as pio
    from IPython.display import display

    buf = io.BytesIO()
    plotly_to_matplotlib(fig).savefig(buf, format="png", bbox_inches="tight")
    fig_dict = fig.to_dict()
    renderer = pio.renderers["colab" if "google.colab" in sys.modules else "plotly_mimetype"]
    bundle = dict(renderer.to_mimebundle(fig_dict))
    bundle["image/png"] = buf.getvalue()
    title = fig.layout.title.text if fig.layout.title and fig.layout.title.text else "plotly figure"
    bundle["text/plain"] = f"<plotly 그림: {title}>"
    display(bundle, raw=True)


def plot_attention(
    weights: Data, x_labels: Sequence[str], y_labels: Sequence[str], title: str = "어텐션 가중치"
) -> Figure:
    """Heatmap of an attention matrix (queries × keys)."""
    import numpy as np

    w = weights.detach().cpu().numpy() if hasattr(weights, "detach") else np.asarray(weights)
    if w.shape != (len(y_labels), len(x_labels)):
        raise ValueError(f"가중치 shape {w.shape} 이(가) 라벨 개수 {(len(y_labels), len(x_labels))} 와 다릅니다.")
    fig, _ = _heatmap(w, x_labels, y_labels, ("키 (key)", "쿼리 (query)"), title, cmap="viridis", cell=0.5)
    return fig


def plot_grad_graph(
    output: torch.Tensor, names: dict[str, torch.Tensor] | None = None, title: str = "연산 그래프 (역전파 방향)"
) -> Figure:
    """Draw the autograd graph behind `output` (grad_fn.next_functions) as boxes and arrows with matplotlib."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch

    root = getattr(output, "grad_fn", None)
    if root is None:
        raise ValueError("이 텐서에는 grad_fn 이 없습니다: requires_grad=True 인 텐서로 계산한 결과를 넘기세요.")
    names = names or {}
    leaf_names = {id(t): n for n, t in names.items()}
    op_names = {id(t.grad_fn): n for n, t in names.items() if getattr(t, "grad_fn", None) is not None}
    nodes: dict[int, tuple[str, str]] = {}  # key -> (label, kind); constants (None) get negative keys
    edges: list[tuple[int, int]] = []

    def visit(fn: Any) -> int:
        if fn is None:
            key = -len(nodes) - 1
            nodes[key] = ("None\n(추적 안 하는 입력)", "const")
            return key
        key = id(fn)
        if key in nodes:
            return key
        if hasattr(fn, "variable"):  # AccumulateGrad writes into a leaf's .grad
            nodes[key] = (f"{leaf_names.get(id(fn.variable), '리프')}\nAccumulateGrad", "leaf")
        else:
            name = op_names.get(key)
            nodes[key] = (f"{name}\n{type(fn).__name__}" if name else type(fn).__name__, "op")
        for child, _ in fn.next_functions:
            edges.append((key, visit(child)))
        return key

    visit(root)
    depth = dict.fromkeys(nodes, 0)
    changed = True
    while changed:  # longest path from the output: every node sits below all of its parents
        changed = False
        for parent, child in edges:
            if depth[child] < depth[parent] + 1:
                depth[child], changed = depth[parent] + 1, True
    levels: dict[int, list[int]] = {}
    for key in nodes:
        levels.setdefault(depth[key], []).append(key)
    n_levels = max(levels) + 1
    width = max(len(v) for v in levels.values())
    fig, ax = plt.subplots(figsize=(max(4.5, 2.2 * width), 1.2 * n_levels + 0.8))
    pos = {key: ((i + 1) / (len(keys) + 1), 1 - (lvl + 0.5) / n_levels)
           for lvl, keys in levels.items() for i, key in enumerate(keys)}
    colors = {"op": "#cfe2ff", "leaf": "#d1f2d1", "const": "#e9e9e9"}
    for parent, child in edges:
        ax.add_patch(FancyArrowPatch(pos[parent], pos[child], arrowstyle="-|>", mutation_scale=14,
                                     shrinkA=16, shrinkB=16, color="#555555"))
    for key, (label, kind) in nodes.items():
        ax.text(*pos[key], label, ha="center", va="center", fontsize=9,
                bbox={"boxstyle": "round,pad=0.4", "facecolor": colors[kind], "edgecolor": "#333333"})
    ax.set(xlim=(0, 1), ylim=(0, 1), title=title)
    ax.axis("off")
    fig.tight_layout()
    return fig


def _vector_limits(ax: Axes, points: np.ndarray, reuse: bool, pad: float = 0.6) -> None:
    """Square-ish limits that contain the origin, `points` (n, 2) and, when reusing `ax`, what it already shows."""
    import numpy as np

    p = np.vstack([np.zeros((1, 2)), np.asarray(points, dtype=float).reshape(-1, 2)])
    lo, hi = p.min(axis=0) - pad, p.max(axis=0) + pad
    if reuse:
        (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
        lo, hi = np.minimum(lo, [x0, y0]), np.maximum(hi, [x1, y1])
    ax.set_xlim(lo[0], hi[0])
    ax.set_ylim(lo[1], hi[1])
    ax.set_aspect("equal", adjustable="box")


def _plane_axes(ax: Axes) -> None:
    """Grid and the two coordinate axes through the origin."""
    ax.axhline(0, color="#888888", lw=0.8, zorder=0)
    ax.axvline(0, color="#888888", lw=0.8, zorder=0)
    ax.grid(alpha=0.3)


def plot_vectors(
    vectors: Data,
    labels: Sequence[str] | None = None,
    colors: str | Sequence[str] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Draw each row of `vectors` (shape (n, 2)) as an arrow from the origin; returns the figure."""
    import matplotlib.pyplot as plt
    import numpy as np

    v = np.asarray(vectors, dtype=float)
    if v.ndim == 1:
        v = v.reshape(1, -1)
    if v.ndim != 2 or v.shape[1] != 2:
        raise ValueError(f"vectors 는 한 행에 2차원 벡터 하나씩인 (n, 2) 배열이어야 합니다: 받은 shape "
                         f"{np.shape(vectors)}. 열마다 벡터가 있는 (2, n) 배열이면 .T 로 뒤집어 넘기세요.")
    if labels is not None and len(labels) != len(v):
        raise ValueError(f"labels 는 벡터 수({len(v)})만큼 있어야 합니다: 받은 개수 {len(labels)}")
    if colors is None:
        palette = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        cols = [palette[i % len(palette)] for i in range(len(v))]
    elif isinstance(colors, str):
        cols = [colors] * len(v)
    else:
        cols = list(colors)
        if len(cols) != len(v):
            raise ValueError(f"colors 는 벡터 수({len(v)})만큼 있어야 합니다: 받은 개수 {len(cols)}")
    reuse = ax is not None
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    _plane_axes(ax)
    for i, (x, y) in enumerate(v):
        ax.quiver(0, 0, x, y, angles="xy", scale_units="xy", scale=1, color=cols[i], width=0.012, zorder=3)
        if labels is not None:
            ax.annotate(labels[i], (x, y), textcoords="offset points", xytext=(4, 4), color=cols[i])
    _vector_limits(ax, v, reuse)
    if title:
        ax.set_title(title)
    return ax.figure


def plot_transform(
    matrix: Data,
    bias: Data | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """Grid, unit square and basis vectors before (gray) and after x -> matrix @ x (+ bias); returns the figure."""
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.patches import Polygon

    m = np.asarray(matrix, dtype=float)
    if m.shape != (2, 2):
        raise ValueError(f"변환 행렬은 2×2 여야 합니다: 받은 shape {m.shape}")
    b = np.zeros(2) if bias is None else np.asarray(bias, dtype=float)
    if b.shape != (2,):
        raise ValueError(f"bias 는 길이 2인 벡터여야 합니다: 받은 shape {b.shape}")
    if ax is None:
        _, ax = plt.subplots(figsize=(4.5, 4.5))
    _plane_axes(ax)
    square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    moved = square @ m.T + b
    lim = max(2.5, float(np.abs(moved).max()) + 0.8)
    # enough grid lines that the transformed grid still fills the view
    smallest = float(np.linalg.svd(m, compute_uv=False).min())
    n = int(min(12, np.ceil((lim + float(np.abs(b).max())) / max(smallest, 0.25))))
    ticks = np.arange(-n, n + 1, dtype=float)
    for k in ticks:
        for line in (np.array([[k, -n], [k, n]]), np.array([[-n, k], [n, k]])):
            ax.plot(line[:, 0], line[:, 1], color="#bbbbbb", lw=0.6, ls="--", zorder=1)
            after = line @ m.T + b
            ax.plot(after[:, 0], after[:, 1], color="#4c72b0", lw=0.8, alpha=0.6, zorder=1)
    ax.add_patch(Polygon(square, closed=True, facecolor="#999999", alpha=0.25, edgecolor="#666666",
                         label="변환 전 단위 정사각형"))
    ax.add_patch(Polygon(moved, closed=True, facecolor="#ff7f0e", alpha=0.35, edgecolor="#d65f00",
                         label="변환 후"))
    for col, color, name in ((0, "#d62728", "e1"), (1, "#2ca02c", "e2")):
        tip = m[:, col] + b
        ax.quiver(b[0], b[1], m[0, col], m[1, col], angles="xy", scale_units="xy", scale=1, color=color,
                  width=0.014, zorder=4)
        ax.annotate(name, tip, textcoords="offset points", xytext=(4, 4), color=color)
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    whole = np.arange(-np.floor(lim), np.floor(lim) + 1)
    ax.set_xticks(whole)
    ax.set_yticks(whole)
    ax.set_aspect("equal")
    ax.legend(loc="lower right", fontsize=8)
    if title is None:
        rows = ", ".join("[" + ", ".join(f"{x:g}" for x in np.round(r, 2) + 0.0) + "]" for r in m)
        title = f"행렬 [{rows}]" + ("" if bias is None else f" + b {np.round(b, 2).tolist()}")
    ax.set_title(title)
    return ax.figure

"""Plots the notebooks share: Korean font, training curves, image grids, confusion matrix,
loss surface (plotly), attention map. Every function returns the figure it draws."""
from __future__ import annotations

import warnings
from typing import Any, Sequence


def use_korean_font() -> str:
    """Select the bundled NanumGothic (koreanize-matplotlib) so Hangul renders; return the font name."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import koreanize_matplotlib  # noqa: F401  (sets rcParams on import)
    import matplotlib as mpl

    mpl.rcParams["axes.unicode_minus"] = False
    family = mpl.rcParams["font.family"]
    return family[0] if isinstance(family, list) else str(family)


def plot_history(history: dict[str, Sequence[float]], title: str = "학습 곡선") -> Any:
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
    images: Any,
    labels: Sequence[Any] | None = None,
    preds: Sequence[Any] | None = None,
    class_names: Sequence[str] | None = None,
    ncols: int = 8,
    cmap: str = "gray",
) -> Any:
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


def confusion_matrix(y_true: Sequence[int], y_pred: Sequence[int], num_classes: int) -> Any:
    """Counts matrix C[i, j] = number of samples of true class i predicted as j (NumPy int64)."""
    import numpy as np

    t = np.asarray(y_true, dtype=np.int64).ravel()
    p = np.asarray(y_pred, dtype=np.int64).ravel()
    if t.shape != p.shape:
        raise ValueError(f"정답과 예측의 개수가 다릅니다: {t.shape[0]} vs {p.shape[0]}")
    return np.bincount(t * num_classes + p, minlength=num_classes**2).reshape(num_classes, num_classes)


def plot_confusion_matrix(
    y_true: Sequence[int], y_pred: Sequence[int], class_names: Sequence[str], title: str = "혼동 행렬"
) -> Any:
    """Heatmap of the confusion matrix with counts in each cell."""
    import matplotlib.pyplot as plt

    cm = confusion_matrix(y_true, y_pred, len(class_names))
    fig, ax = plt.subplots(figsize=(0.6 * len(class_names) + 2, 0.6 * len(class_names) + 1.5))
    im = ax.imshow(cm, cmap="Blues")
    ax.set_xticks(range(len(class_names)), class_names, rotation=45, ha="right")
    ax.set_yticks(range(len(class_names)), class_names)
    ax.set_xlabel("예측")
    ax.set_ylabel("정답")
    ax.set_title(title)
    threshold = cm.max() / 2 if cm.max() else 0
    for i in range(cm.shape[0]):
        for j in range(cm.shape[1]):
            ax.text(j, i, int(cm[i, j]), ha="center", va="center", fontsize=7,
                    color="white" if cm[i, j] > threshold else "black")
    fig.colorbar(im, ax=ax, fraction=0.046)
    fig.tight_layout()
    return fig


def plot_loss_surface(
    a_values: Sequence[float],
    b_values: Sequence[float],
    loss: Any,
    path: Sequence[tuple[float, float, float]] | None = None,
    title: str = "손실 곡면 (loss surface)",
) -> Any:
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
                                   marker={"size": 3, "color": "red"}, line={"color": "red"}, name="경사하강 경로"))
    fig.update_layout(title=title, scene={"xaxis_title": "a (기울기)", "yaxis_title": "b (절편)",
                                          "zaxis_title": "손실"}, height=500, margin={"l": 0, "r": 0, "t": 40, "b": 0})
    return fig


def plot_attention(
    weights: Any, x_labels: Sequence[str], y_labels: Sequence[str], title: str = "어텐션 가중치"
) -> Any:
    """Heatmap of an attention matrix (queries × keys)."""
    import matplotlib.pyplot as plt
    import numpy as np

    w = weights.detach().cpu().numpy() if hasattr(weights, "detach") else np.asarray(weights)
    if w.shape != (len(y_labels), len(x_labels)):
        raise ValueError(f"가중치 shape {w.shape} 이(가) 라벨 개수 {(len(y_labels), len(x_labels))} 와 다릅니다.")
    fig, ax = plt.subplots(figsize=(0.5 * len(x_labels) + 2, 0.5 * len(y_labels) + 1.5))
    im = ax.imshow(w, cmap="viridis")
    ax.set_xticks(range(len(x_labels)), x_labels, rotation=45, ha="right")
    ax.set_yticks(range(len(y_labels)), y_labels)
    ax.set_xlabel("키 (key)")
    ax.set_ylabel("쿼리 (query)")
    ax.set_title(title)
    fig.colorbar(im, ax=ax, fraction=0.046)
    fig.tight_layout()
    return fig

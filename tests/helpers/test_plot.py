"""helpers.plot: Korean glyphs render, figures carry the data they were given.

Every function of helpers.plot is tested here, whichever unit first needed it (00: log_axes; 01: plot_vectors,
plot_transform; 04: show_matrices; 05: plot_grad_graph).
"""
import logging
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402
from matplotlib.quiver import Quiver  # noqa: E402

from helpers import plot  # noqa: E402


def test_korean_text_renders_without_missing_glyph_warning():
    name = plot.use_korean_font()
    assert "Nanum" in name
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.plot([-2, -1, 0], [-1.5, 0, 1.5])  # negative tick labels need the minus glyph
        ax.set_title("한글 제목: 손실 곡선")
        ax.set_xlabel("에포크")
        fig.canvas.draw()
        plt.close(fig)
    glyph = [w for w in caught if "Glyph" in str(w.message) or "missing from" in str(w.message)]
    assert glyph == [], [str(w.message) for w in glyph]


def test_plot_history_draws_every_series():
    fig = plot.plot_history({"train_loss": [1.0, 0.5], "val_loss": [1.2, 0.7], "val_acc": [0.5, 0.8]})
    lines = [line for ax in fig.axes for line in ax.get_lines()]
    assert len(fig.axes) == 2 and len(lines) == 3
    assert list(lines[0].get_ydata()) == [1.0, 0.5]
    plt.close(fig)
    with pytest.raises(ValueError, match="비어"):
        plot.plot_history({})


def test_show_images_accepts_nchw_and_titles_wrong_predictions():
    import torch

    imgs = torch.zeros(3, 1, 28, 28)
    fig = plot.show_images(imgs, labels=[1, 2, 3], preds=[1, 0, 3], ncols=3)
    titles = [ax.get_title() for ax in fig.axes]
    assert titles[1].startswith("정답 2") and "예측 0" in titles[1]
    assert fig.axes[1].title.get_color() == "crimson"
    plt.close(fig)
    with pytest.raises(ValueError):
        plot.show_images(np.zeros((0, 28, 28)))


def test_confusion_matrix_counts():
    cm = plot.confusion_matrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3)
    assert cm.tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    with pytest.raises(ValueError, match="개수"):
        plot.confusion_matrix([0, 1], [0], 2)
    fig = plot.plot_confusion_matrix([0, 1, 1], [0, 1, 0], ["고양이", "개"])
    assert fig.axes[0].images[0].get_array().tolist() == [[1, 0], [1, 1]]
    plt.close(fig)


def test_loss_surface_and_path():
    a, b = np.linspace(-1, 1, 5), np.linspace(0, 2, 4)
    z = np.add.outer(b, a) ** 2
    fig = plot.plot_loss_surface(a, b, z, path=[(0, 1, 1.0), (0.1, 0.9, 0.5)])
    assert fig.data[0].type == "surface" and np.asarray(fig.data[0].z).shape == (4, 5)
    assert list(fig.data[1].x) == [0, 0.1]
    with pytest.raises(ValueError, match="shape"):
        plot.plot_loss_surface(a, b, z.T)


def test_attention_map():
    w = np.full((2, 3), 1 / 3)
    fig = plot.plot_attention(w, ["나는", "학생", "이다"], ["q1", "q2"])
    assert fig.axes[0].images[0].get_array().shape == (2, 3)
    plt.close(fig)
    with pytest.raises(ValueError):
        plot.plot_attention(w, ["a"], ["b"])


def test_glyph_check_detects_a_font_without_hangul():
    """Negative control: the check above really sees missing Hangul glyphs."""
    with warnings.catch_warnings(record=True) as caught, matplotlib.rc_context({"font.family": "DejaVu Sans"}):
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("한글")
        fig.canvas.draw()
        plt.close(fig)
    assert any("missing from" in str(w.message) or "Glyph" in str(w.message) for w in caught)


# --- log_axes (unit 00)
def test_log_axes_sets_log_scale_and_draws_without_glyph_warnings(caplog):
    plot.use_korean_font()
    fig, ax = plt.subplots()
    ax.plot([64, 256, 1024], [0.001, 0.5, 80.0])  # ticks below 1 would need a mathtext minus sign
    assert plot.log_axes(ax) is ax
    ax.set_title("한글 제목: 행렬 곱 시간")
    with caplog.at_level(logging.WARNING):
        fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    plt.close(fig)
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    assert "0.001" in labels, labels
    assert not [r for r in caplog.records if "glyph" in r.getMessage()], [r.getMessage() for r in caplog.records]


def test_log_axes_only_y():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [1, 10, 100])
    plot.log_axes(ax, x=False)
    assert ax.get_xscale() == "linear" and ax.get_yscale() == "log"
    plt.close(fig)


# --- plot_vectors, plot_transform (unit 01): arrows and shapes carry exactly the data given
def _arrows(ax):
    return [(float(q.X[0]), float(q.Y[0]), float(q.U[0]), float(q.V[0]))
            for q in ax.collections if isinstance(q, Quiver)]


def test_plot_vectors_draws_one_arrow_per_row_from_the_origin():
    v = np.array([[1.0, 1.0], [2.0, 1.0], [3.0, 5.0]])
    fig = plot.plot_vectors(v, labels=["a", "b", "c"], title="벡터")
    ax = fig.axes[0]
    assert _arrows(ax) == [(0.0, 0.0, 1.0, 1.0), (0.0, 0.0, 2.0, 1.0), (0.0, 0.0, 3.0, 5.0)]
    assert [t.get_text() for t in ax.texts] == ["a", "b", "c"]
    assert ax.get_xlim()[1] >= 3.0 and ax.get_ylim()[1] >= 5.0 and ax.get_xlim()[0] <= 0.0
    assert ax.get_title() == "벡터"
    plt.close(fig)


def test_plot_vectors_reuses_axes_without_shrinking_the_view():
    fig, ax = plt.subplots()
    plot.plot_vectors([[4.0, 3.0]], ax=ax)
    plot.plot_vectors(np.array([0.6, 0.8]), colors="gray", ax=ax)  # a single vector of shape (2,)
    assert len(_arrows(ax)) == 2
    assert ax.get_xlim()[1] >= 4.0 and ax.get_ylim()[1] >= 3.0
    plt.close(fig)


def test_plot_vectors_rejects_column_layout_and_bad_labels():
    with pytest.raises(ValueError, match=r"\.T"):
        plot.plot_vectors(np.ones((2, 3)))
    with pytest.raises(ValueError, match="labels"):
        plot.plot_vectors(np.ones((3, 2)), labels=["a"])
    with pytest.raises(ValueError, match="colors"):
        plot.plot_vectors(np.ones((3, 2)), colors=["red"])
    plt.close("all")


def test_plot_transform_moves_unit_square_and_basis_vectors():
    m = np.array([[0.0, -2.0], [1.0, 0.0]])
    b = np.array([1.0, -0.5])
    plot.use_korean_font()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no missing glyph, no aspect warnings
        fig = plot.plot_transform(m, bias=b)
        fig.canvas.draw()
    ax = fig.axes[0]
    polys = [p for p in ax.patches if isinstance(p, Polygon)]
    assert len(polys) == 2
    square = np.array([[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]])
    assert np.allclose(polys[0].get_xy()[:4], square)
    assert np.allclose(polys[1].get_xy()[:4], square @ m.T + b)
    assert _arrows(ax) == [(1.0, -0.5, 0.0, 1.0), (1.0, -0.5, -2.0, 0.0)]  # columns of m, from b
    assert "b" in ax.get_title()
    plt.close(fig)


def test_plot_transform_rejects_bad_shapes():
    with pytest.raises(ValueError, match="2×2"):
        plot.plot_transform(np.eye(3))
    with pytest.raises(ValueError, match="bias"):
        plot.plot_transform(np.eye(2), bias=[1.0, 2.0, 3.0])
    plt.close("all")


# --- show_matrices (unit 04)
def test_show_matrices_draws_one_grid_per_tensor_with_values():
    import torch

    m = torch.arange(6).reshape(2, 3)
    fig = plot.show_matrices([m, m.t(), torch.tensor([True, False]), torch.tensor(2.5)],
                             ["원본", "전치", "마스크", "스칼라"])
    assert len(fig.axes) == 4
    assert [ax.get_title() for ax in fig.axes] == ["원본", "전치", "마스크", "스칼라"]
    texts = [[t.get_text() for t in ax.texts] for ax in fig.axes]
    assert texts[0] == ["0", "1", "2", "3", "4", "5"]
    assert texts[1] == ["0", "3", "1", "4", "2", "5"]  # row by row of the transposed view
    assert texts[2] == ["True", "False"]
    assert texts[3] == ["2.5"]
    assert np.array_equal(fig.axes[1].images[0].get_array(), m.t().numpy())
    plt.close(fig)


def test_show_matrices_default_titles_and_errors():
    fig = plot.show_matrices([np.zeros((2, 2)), np.ones(3)], annotate=False)
    assert [ax.get_title() for ax in fig.axes] == ["모양 (2, 2)", "모양 (3,)"]
    assert all(not ax.texts for ax in fig.axes)
    plt.close(fig)
    with pytest.raises(ValueError, match="0·1·2차원"):
        plot.show_matrices([np.zeros((2, 2, 2))])
    with pytest.raises(ValueError, match="없습니다"):
        plot.show_matrices([])
    with pytest.raises(ValueError, match="제목"):
        plot.show_matrices([np.zeros(2)], ["a", "b"])


# --- plot_grad_graph (unit 05): one box per autograd node, leaves named, arrows along next_functions
def _labels(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def test_plot_grad_graph_draws_linear_model_graph():
    import torch

    w = torch.tensor(1.5, requires_grad=True)
    b = torch.tensor(0.5, requires_grad=True)
    x, t = torch.tensor(2.0), torch.tensor(10.0)
    y = w * x + b
    loss = (y - t) ** 2
    fig = plot.plot_grad_graph(loss, names={"w": w, "b": b, "loss": loss})
    labels = _labels(fig)
    # Pow, Sub, Add, Mul, two AccumulateGrad, two None (x and t)
    assert len(labels) == 8
    assert "loss\nPowBackward0" in labels
    assert {"SubBackward0", "AddBackward0", "MulBackward0"} <= set(labels)
    assert "w\nAccumulateGrad" in labels and "b\nAccumulateGrad" in labels
    assert sum(label.startswith("None") for label in labels) == 2
    assert len(fig.axes[0].patches) == 7  # one arrow per edge
    plt.close(fig)


def test_plot_grad_graph_shares_nodes_and_rejects_leaves():
    import torch

    w = torch.tensor(0.3, requires_grad=True)
    z = w * w + w  # w is used twice: one AccumulateGrad box, three arrows into it
    fig = plot.plot_grad_graph(z, names={"w": w})
    labels = _labels(fig)
    assert labels.count("w\nAccumulateGrad") == 1
    assert len(fig.axes[0].patches) == 4
    plt.close(fig)
    with pytest.raises(ValueError, match="grad_fn"):
        plot.plot_grad_graph(w)


def _plotly_figures():
    import pandas as pd
    import plotly.express as px

    surface = plot.plot_loss_surface([0.0, 0.1, 0.2], [0.0, 1.0], np.array([[3.0, 2.0, 1.0], [2.0, 1.0, 0.5]]),
                                     path=[(0.0, 0.0, 3.0), (0.2, 1.0, 0.5)], title="손실 곡면")
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0, 4.0], "y": [0.0, 1.0, 0.0, 1.0], "z": [1.0, 2.0, 3.0, 4.0],
                       "kind": ["가", "나", "가", "나"]})
    scatter = px.scatter_3d(df, x="x", y="y", z="z", color="kind", title="산점도")
    return surface, scatter


def test_plotly_to_matplotlib_copies_surface_path_and_titles():
    from mpl_toolkits.mplot3d.art3d import Poly3DCollection

    surface, _ = _plotly_figures()
    twin = plot.plotly_to_matplotlib(surface)
    (ax,) = twin.axes[:1]
    assert ax.name == "3d" and ax.get_title() == "손실 곡면"
    assert (ax.get_xlabel(), ax.get_ylabel(), ax.get_zlabel()) == ("a (직선의 기울기)", "b (절편)", "손실")
    assert sum(isinstance(c, Poly3DCollection) for c in ax.collections) == 1
    (path,) = ax.get_lines()
    assert list(path.get_data_3d()[2]) == [3.0, 0.5]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["경사 하강 경로"]
    assert round(ax.azim) == 45 and twin.get_size_inches()[1] == 5.0  # plotly's default camera, height=500
    assert any("정적 사본" in t.get_text() for t in twin.texts)


def test_plotly_to_matplotlib_keeps_one_coloured_group_per_trace():
    from matplotlib.colors import to_hex

    _, scatter = _plotly_figures()
    ax = plot.plotly_to_matplotlib(scatter).axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["가", "나"]
    colours = [to_hex(c.get_facecolor()[0]) for c in ax.collections]
    assert colours == [t.marker.color.lower() for t in scatter.data] and colours[0] != colours[1]
    assert [len(c.get_offsets()) for c in ax.collections] == [2, 2]


def test_plotly_to_matplotlib_2d_traces_and_unsupported_ones():
    import plotly.graph_objects as go

    fig = go.Figure([go.Scatter(x=[0, 1], y=[1, 0], mode="lines", name="선", line={"color": "rgb(255, 0, 0)"}),
                     go.Bar(x=["a", "b"], y=[2, 3], name="막대")])
    fig.update_layout(xaxis_title="x 축", yaxis_title="y 축")
    ax = plot.plotly_to_matplotlib(fig).axes[0]
    assert ax.name == "rectilinear" and (ax.get_xlabel(), ax.get_ylabel()) == ("x 축", "y 축")
    assert ax.get_lines()[0].get_color() == (1.0, 0.0, 0.0) and len(ax.patches) == 2
    with pytest.raises(ValueError, match="pie"):
        plot.plotly_to_matplotlib(go.Figure(go.Pie(values=[1, 2])))


def test_show_plotly_displays_interactive_json_and_static_png_once(monkeypatch):
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **kw: shown.append((objs, kw)))
    surface, _ = _plotly_figures()
    open_before = plt.get_fignums()
    assert plot.show_plotly(surface) is None
    ((objs, kw),) = shown
    (bundle,) = objs
    assert kw == {"raw": True}
    assert bundle["image/png"].startswith(b"\x89PNG")
    data = bundle["application/vnd.plotly.v1+json"]["data"]
    assert [t["type"] for t in data] == ["surface", "scatter3d"]
    assert "손실 곡면" in bundle["text/plain"] and "text/html" not in bundle  # html would hide the PNG on GitHub
    assert plt.get_fignums() == open_before  # the static copy is not a pyplot figure: nothing else is shown

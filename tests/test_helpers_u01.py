"""helpers.plot.plot_vectors / plot_transform (unit 01): arrows and shapes carry exactly the data given."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402
from matplotlib.quiver import Quiver  # noqa: E402

from helpers import plot  # noqa: E402


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

"""helpers.plot: Korean glyphs render, figures carry the data they were given."""
import warnings

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

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

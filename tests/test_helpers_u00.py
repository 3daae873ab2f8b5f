"""Helpers added for unit 00 (setup): helpers.plot.log_axes."""
import logging

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from helpers import plot  # noqa: E402


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

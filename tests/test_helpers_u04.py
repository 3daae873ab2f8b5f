"""helpers added for unit 04 (텐서): plot.show_matrices."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import plot  # noqa: E402


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

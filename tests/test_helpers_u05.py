"""helpers.plot.plot_grad_graph (unit 05): one box per autograd node, leaves named, arrows along next_functions."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from helpers import plot  # noqa: E402


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

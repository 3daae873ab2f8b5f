"""helpers.train: fit/evaluate/predict on a tiny separable problem."""
import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from helpers import train


def _data(n=256, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 2, generator=g)
    y = (x[:, 0] + x[:, 1] > 0).long()
    return TensorDataset(x, y)


def test_fit_learns_and_records_history(capsys):
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 8), nn.ReLU(), nn.Linear(8, 2))
    loader = DataLoader(_data(), batch_size=32, shuffle=True)
    val = DataLoader(_data(seed=1), batch_size=64)
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    hist = train.fit(model, loader, nn.CrossEntropyLoss(), opt, epochs=5, val_loader=val, progress=False)
    assert set(hist) == {"train_loss", "train_acc", "val_loss", "val_acc"}
    assert len(hist["train_loss"]) == 5 and hist["train_loss"][-1] < hist["train_loss"][0]
    assert hist["val_acc"][-1] > 0.9
    assert capsys.readouterr().out == ""  # progress=False prints nothing


def test_evaluate_is_in_eval_mode_without_grad():
    seen = {}

    class Probe(nn.Module):
        def __init__(self):
            super().__init__()
            self.lin = nn.Linear(2, 2)

        def forward(self, x):
            seen["training"], seen["grad"] = self.training, torch.is_grad_enabled()
            return self.lin(x)

    result = train.evaluate(Probe(), DataLoader(_data(), batch_size=50), nn.CrossEntropyLoss())
    assert seen == {"training": False, "grad": False}
    assert 0 <= result["accuracy"] <= 1 and result["loss"] > 0
    with pytest.raises(ValueError, match="비어"):
        train.evaluate(Probe(), [], None)


def test_predict_returns_class_indices():
    model = nn.Linear(2, 3)
    with torch.no_grad():
        model.weight.zero_()
        model.bias.copy_(torch.tensor([0.0, 5.0, 1.0]))
    out = train.predict(model, torch.randn(10, 2), batch_size=4)
    assert out.dtype == torch.long and out.tolist() == [1] * 10


def test_fit_rejects_zero_epochs():
    with pytest.raises(ValueError, match="epochs"):
        train.fit(nn.Linear(2, 2), [], nn.CrossEntropyLoss(), None, epochs=0)

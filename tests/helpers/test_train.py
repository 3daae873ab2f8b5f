"""helpers.train: fit/evaluate/predict on a tiny separable problem; random_shift and fit(augment=...) (unit 07)."""
import numpy as np
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


# --- random_shift and fit(augment=...) (unit 07)
def _shifted(img: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """img moved down by dy and right by dx, zero-filled (independent NumPy reference)."""
    h, w = img.shape
    out = np.zeros_like(img)
    src = img[max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
    out[max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = src
    return out


def _offset_of(src: np.ndarray, out: np.ndarray, m: int) -> set[tuple[int, int]]:
    offsets = [(dy, dx) for dy in range(-m, m + 1) for dx in range(-m, m + 1)]
    return {(dy, dx) for dy, dx in offsets if np.array_equal(_shifted(src, dy, dx), out)}


def test_random_shift_moves_each_image_by_a_whole_pixel_offset():
    g = torch.Generator().manual_seed(0)
    x = torch.rand(64, 9, 11, generator=g) + 0.5  # no zeros: every offset is identifiable
    before = x.clone()
    out = train.random_shift(x, max_shift=2, generator=torch.Generator().manual_seed(1))
    assert type(out) is torch.Tensor and out.shape == x.shape and out.dtype == x.dtype
    assert torch.equal(x, before), "input must not be modified"
    offsets = []
    for src, res in zip(x.numpy(), out.numpy()):
        found = _offset_of(src, res, 2)
        assert len(found) == 1
        offsets.append(found.pop())
    assert len(set(offsets)) > 10, "offsets are drawn per image"
    assert {abs(a) for o in offsets for a in o} == {0, 1, 2}


def test_random_shift_channels_uint8_zero_and_repeatable():
    x = torch.randint(1, 255, (8, 3, 6, 6), dtype=torch.uint8)
    out = train.random_shift(x, 1, generator=torch.Generator().manual_seed(3))
    assert out.dtype == torch.uint8 and out.shape == x.shape
    for src, res in zip(x.numpy(), out.numpy()):
        common = set.intersection(*(_offset_of(s, r, 1) for s, r in zip(src, res)))
        assert len(common) == 1, "all channels of an image move together"
    again = train.random_shift(x, 1, generator=torch.Generator().manual_seed(3))
    assert torch.equal(out, again)
    same = train.random_shift(x, 0)
    assert torch.equal(same, x) and same.data_ptr() != x.data_ptr()
    assert train.random_shift(x[:0], 2).shape == (0, 3, 6, 6)
    with pytest.raises(ValueError, match="max_shift"):
        train.random_shift(x, -1)
    with pytest.raises(ValueError, match="모양"):
        train.random_shift(torch.zeros(5, 5), 1)


def test_fit_augment_runs_on_training_batches_only():
    g = torch.Generator().manual_seed(0)
    x = torch.randn(40, 3, generator=g)
    y = (x[:, 0] > 0).long()
    train_loader = DataLoader(TensorDataset(x, y), batch_size=16)
    val_loader = DataLoader(TensorDataset(x, y), batch_size=40)
    calls, seen = [], []

    def augment(batch):
        calls.append(batch.shape[0])
        return batch * 0  # the model only ever sees zeros in training

    model = nn.Linear(3, 2)
    model.register_forward_hook(lambda m, i, o: seen.append((m.training, bool(i[0].abs().sum() == 0))))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)
    hist = train.fit(model, train_loader, nn.CrossEntropyLoss(), opt, epochs=2, val_loader=val_loader,
                     progress=False, augment=augment)
    assert calls == [16, 16, 8] * 2
    assert all(zeros for training, zeros in seen if training)
    assert not any(zeros for training, zeros in seen if not training)
    assert len(hist["val_acc"]) == 2


def test_fit_steps_a_scheduler_per_batch_or_per_epoch():
    loader = DataLoader(_data(n=40), batch_size=16)  # 3 batches per epoch
    for per_batch, steps in [(False, 2), (True, 6)]:
        model = nn.Linear(2, 2)
        opt = torch.optim.SGD(model.parameters(), lr=0.1)
        sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda step: 1.0)
        train.fit(model, loader, nn.CrossEntropyLoss(), opt, epochs=2, scheduler=sched, progress=False,
                  scheduler_per_batch=per_batch)
        assert sched.last_epoch == steps

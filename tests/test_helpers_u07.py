"""helpers added for unit 07 (MLP로 손글씨 분류): train.random_shift and fit(augment=...)."""
import numpy as np
import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

from helpers import train


def _shifted(img: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """img moved down by dy and right by dx, zero-filled (independent NumPy reference)."""
    h, w = img.shape
    out = np.zeros_like(img)
    out[max(dy, 0):h + min(dy, 0), max(dx, 0):w + min(dx, 0)] = img[max(-dy, 0):h - max(dy, 0), max(-dx, 0):w - max(dx, 0)]
    return out


def _offset_of(src: np.ndarray, out: np.ndarray, m: int) -> set[tuple[int, int]]:
    return {(dy, dx) for dy in range(-m, m + 1) for dx in range(-m, m + 1) if np.array_equal(_shifted(src, dy, dx), out)}


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

"""helpers.setup() (helpers/_setup.py): seeds, report line, the device it returns."""
import torch

import helpers


def test_setup_seeds_and_reports(monkeypatch, capsys):
    if not torch.cuda.is_available():
        monkeypatch.setenv("COURSE_DEVICE", "cpu")
    dev = helpers.setup(seed=123)
    first = torch.rand(3)
    line = capsys.readouterr().out
    assert "PyTorch" in line and "장치" in line and "시드: 123" in line
    helpers.setup(seed=123, quiet=True)
    assert torch.equal(first, torch.rand(3))
    assert isinstance(dev, torch.device)

"""helpers.models: the shipped pretrained backbone (sha256-checked loader), the CIFAR decoder, the ONLINE ResNet18
path (mocked: no network), and that `python -m tools.pretrain backbone` reproduces the figures it recorded."""
import json
import subprocess
import sys

import numpy as np
import pytest
import torch

from helpers import data, models
from helpers._paths import ROOT


def _record() -> dict:
    from safetensors import safe_open

    with safe_open(str(models.backbone_path()), framework="pt") as f:
        return json.loads(f.metadata()["record"])


def test_backbone_loads_with_checksum_and_eval_mode():
    net = models.load_backbone()
    assert isinstance(net, models.CifarNet) and not net.training
    assert net.fc.out_features == len(models.BACKBONE_CLASSES) == 8
    assert "cat" not in models.BACKBONE_CLASSES and "dog" not in models.BACKBONE_CLASSES
    assert net.features(torch.zeros(2, 3, 32, 32)).shape == (2, 128)
    path = models.backbone_path()
    assert path.stat().st_size <= 5 * 1024**2
    assert data.sha256_of(path) == data.expected_checksums()["pretrained/cifar8_backbone.safetensors"]


def test_damaged_backbone_is_refused_in_korean(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(ROOT / "data", tmp_path / "data", ignore=shutil.ignore_patterns("*.zip", "*.npz", "*.gz"))
    target = tmp_path / "data" / "pretrained" / "cifar8_backbone.safetensors"
    target.write_bytes(target.read_bytes()[:-8] + b"\0" * 8)
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path / "data"))
    data._verified.clear()
    with pytest.raises(data.DataFileError, match="git checkout"):
        models.load_backbone()
    data._verified.clear()


def test_recorded_accuracy_matches_the_shipped_weights():
    """The accuracy written into the checkpoint's record is what the shipped weights score on the shipped test split."""
    record = _record()
    x, y = models.load_cifar10_images("test", models.BACKBONE_CLASSES)
    net = models.load_backbone()
    with torch.no_grad():
        pred = net(models.to_input(x)).argmax(1).numpy()
    assert len(y) == record["metrics"]["n_test"]
    assert abs((pred == y).mean() - record["metrics"]["test_accuracy_8class"]) < 0.003  # rounding (4 digits)


def test_cifar_decoder_shapes_labels_and_standardisation():
    x, y = models.load_cifar10_images("test", ("cat", "dog"))
    assert x.dtype == np.uint8 and x.shape == (100, 32, 32, 3) and y.dtype == np.int64
    assert np.bincount(y).tolist() == [50, 50]
    t = models.to_input(x[:3])
    assert t.shape == (3, 3, 32, 32) and t.dtype == torch.float32
    want = (x[:3, 5, 7, 1] / 255 - models.IMAGENET_MEAN[1]) / models.IMAGENET_STD[1]
    assert np.allclose(t[:, 1, 5, 7].numpy(), want, atol=1e-6)
    with pytest.raises(ValueError, match="split"):
        models.load_cifar10_images("val", ("cat",))
    with pytest.raises(ValueError, match="클래스"):
        models.load_cifar10_images("train", ("kitten",))


def test_flip_crop_keeps_shape_is_seeded_and_leaves_input_alone():
    x = torch.arange(2 * 3 * 8 * 8, dtype=torch.float32).reshape(2, 3, 8, 8)
    before = x.clone()
    a = models.flip_crop(x, pad=2, generator=torch.Generator().manual_seed(0))
    b = models.flip_crop(x, pad=2, generator=torch.Generator().manual_seed(0))
    assert a.shape == x.shape and torch.equal(a, b) and torch.equal(x, before)
    flip = torch.rand(2, generator=torch.Generator().manual_seed(1)) < 0.5  # pad=0: only the flip is left
    want = torch.where(flip[:, None, None, None], x.flip(3), x)
    assert torch.equal(models.flip_crop(x, pad=0, generator=torch.Generator().manual_seed(1)), want)


def test_online_resnet18_path_with_mocked_weights(monkeypatch):
    """ONLINE = True path: ResNet18_Weights.DEFAULT is requested and loaded (download mocked), frozen, new head."""
    import torchvision.models._api as api
    from torchvision.models import resnet18

    fake = resnet18(weights=None).state_dict()
    fake = {k: torch.full_like(v, 0.5) if v.is_floating_point() else v for k, v in fake.items()}
    asked = []

    def fake_download(url, *args, **kwargs):
        asked.append(url)
        return fake

    monkeypatch.setattr(api, "load_state_dict_from_url", fake_download)
    net, preprocess = models.imagenet_resnet18(n_classes=2)
    assert asked == ["https://download.pytorch.org/models/resnet18-f37072fd.pth"]
    assert torch.all(net.conv1.weight == 0.5)  # the (mocked) ImageNet weights were loaded
    assert [n for n, p in net.named_parameters() if p.requires_grad] == ["fc.weight", "fc.bias"]
    assert net.fc.in_features == 512 and net.fc.out_features == 2
    assert list(preprocess.mean) == list(models.IMAGENET_MEAN) and list(preprocess.std) == list(models.IMAGENET_STD)
    out = net.eval()(preprocess(torch.randint(0, 256, (2, 3, 32, 32), dtype=torch.uint8)))
    assert out.shape == (2, 2)


def test_pretraining_script_reproduces_its_recorded_quick_figures():
    """Re-run the short seeded recipe (same code as the full one: 50 images per class, 2 epochs) and compare with the
    figures the full run recorded in the checkpoint. Same thread count, so the run is bit-for-bit deterministic on
    one machine; the tolerance (2 test images of 400 for accuracy) covers other CPUs' floating-point order."""
    record = _record()
    quick = record["quick_metrics"]
    out = subprocess.run([sys.executable, "-m", "tools.pretrain", "backbone", "--quick", "--threads",
                          str(quick["threads"])], cwd=ROOT, capture_output=True, text=True, check=True, timeout=600)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["n_test"] == quick["n_test"] and got["n_train"] == quick["n_train"]
    n = quick["n_test"]  # compared in images: 0.325 vs 0.33 is 2 images, but 0.0050000000000000044 in floats
    assert abs(round(got["test_accuracy_8class"] * n) - round(quick["test_accuracy_8class"] * n)) <= 2
    assert abs(got["final_train_loss"] - quick["final_train_loss"]) <= 0.01


@pytest.mark.slow
def test_pretraining_script_reproduces_its_recorded_full_accuracy(tmp_path):
    """The full recipe (about 400 CPU-s at one thread): the retrained backbone scores the recorded accuracy."""
    record = _record()
    subprocess.run([sys.executable, "-m", "tools.pretrain", "backbone", "--threads", str(record["metrics"]["threads"]),
                    "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, check=True, timeout=3600)
    from safetensors import safe_open

    with safe_open(str(tmp_path / "cifar8_backbone.safetensors"), framework="pt") as f:
        again = json.loads(f.metadata()["record"])
    assert abs(again["metrics"]["test_accuracy_8class"] - record["metrics"]["test_accuracy_8class"]) <= 0.01

"""helpers.device: choosing the device (COURSE_DEVICE), the report, the check that it really computes."""
import pytest
import torch

import helpers
from helpers import device as hdev


def test_get_device_auto_matches_availability(monkeypatch):
    monkeypatch.delenv("COURSE_DEVICE", raising=False)
    dev = hdev.get_device()
    assert dev.type == ("cuda" if torch.cuda.is_available() else dev.type)
    assert isinstance(dev, torch.device)


def test_get_device_cpu_explicit(monkeypatch):
    monkeypatch.setenv("COURSE_DEVICE", "cpu")
    assert hdev.get_device() == torch.device("cpu")
    assert hdev.get_device("cpu") == torch.device("cpu")


def test_invalid_device_name_is_a_korean_error(monkeypatch):
    monkeypatch.setenv("COURSE_DEVICE", "gpu")
    with pytest.raises(hdev.DeviceError, match="알 수 없는"):
        hdev.get_device()
    monkeypatch.delenv("COURSE_DEVICE")
    with pytest.raises(hdev.DeviceError, match="알 수 없습니다"):
        hdev.get_device("tpu")


@pytest.mark.skipif(torch.cuda.is_available(), reason="needs a machine without CUDA")
def test_cuda_requested_without_cuda_fails_loudly(monkeypatch):
    monkeypatch.setenv("COURSE_DEVICE", "cuda")
    with pytest.raises(hdev.DeviceError, match="CUDA"):
        hdev.get_device()
    with pytest.raises(hdev.DeviceError):
        helpers.setup(quiet=True)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="needs CUDA")
def test_cuda_requested_is_really_used(monkeypatch):
    monkeypatch.setenv("COURSE_DEVICE", "cuda")
    dev = helpers.setup(quiet=True)
    assert dev.type == "cuda"
    assert torch.ones(2, device=dev).is_cuda


def test_device_report_keys(monkeypatch):
    monkeypatch.setenv("COURSE_DEVICE", "cpu")
    report = hdev.device_report()
    assert {"python", "torch", "cuda_available", "device_count", "gpus", "device", "requested"} <= set(report)
    assert report["device"] == "cpu" and report["requested"] == "cpu"
    assert isinstance(report["cuda_available"], bool)


def test_assert_device_works_on_cpu():
    hdev.assert_device_works(torch.device("cpu"))

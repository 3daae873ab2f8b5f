"""Device choice and report. `COURSE_DEVICE=cpu|cuda|mps|auto` picks the device for every notebook."""
from __future__ import annotations

import os
import platform
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

VALID = ("auto", "cpu", "cuda", "mps")


class DeviceError(RuntimeError):
    """The requested device cannot be used (message in Korean)."""


def requested_device() -> str:
    """The device asked for through COURSE_DEVICE (default 'auto')."""
    value = os.environ.get("COURSE_DEVICE", "auto").strip().lower() or "auto"
    if value not in VALID:
        raise DeviceError(
            f"COURSE_DEVICE={value!r} 는 알 수 없는 값입니다. {', '.join(VALID)} 중 하나로 설정하세요."
        )
    return value


def get_device(prefer: str | None = None) -> torch.device:
    """Return a torch.device: `prefer`, else COURSE_DEVICE, else the best available one."""
    import torch

    want = (prefer or requested_device()).lower()
    if want not in VALID:
        raise DeviceError(f"장치 이름 {want!r} 를 알 수 없습니다. {', '.join(VALID)} 중 하나를 쓰세요.")
    mps_ok = bool(getattr(torch.backends, "mps", None)) and torch.backends.mps.is_available()
    if want == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        return torch.device("mps") if mps_ok else torch.device("cpu")
    if want == "cuda" and not torch.cuda.is_available():
        raise DeviceError(
            "CUDA(GPU)를 요청했지만 이 환경에서는 쓸 수 없습니다. GPU가 있는 머신(Colab: 런타임 → "
            "런타임 유형 변경 → GPU)에서 실행하거나 COURSE_DEVICE=cpu 로 바꾸세요."
        )
    if want == "mps" and not mps_ok:
        raise DeviceError("MPS(Apple GPU)를 요청했지만 쓸 수 없습니다. COURSE_DEVICE=cpu 로 바꾸세요.")
    return torch.device(want)


def assert_device_works(device: torch.device | str) -> None:
    """Run a tiny computation on `device` and fail loudly (Korean) if it did not happen there."""
    import torch

    x = torch.ones(8, device=device)
    y = (x * 2).sum()
    if y.device.type != torch.device(device).type or float(y.item()) != 16.0:
        raise DeviceError(f"{device} 에서 계산이 실제로 실행되지 않았습니다 (결과 장치: {y.device}).")


def device_report() -> dict[str, Any]:
    """Versions and accelerators as a dict (python, torch, cuda, gpu names, chosen device)."""
    import torch

    report: dict[str, Any] = {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "cuda_available": torch.cuda.is_available(),
        "cuda_version": torch.version.cuda,
        "device_count": torch.cuda.device_count() if torch.cuda.is_available() else 0,
        "gpus": [torch.cuda.get_device_name(i) for i in range(torch.cuda.device_count())]
        if torch.cuda.is_available()
        else [],
        "requested": requested_device(),
    }
    report["device"] = str(get_device())
    return report

"""Pretrained models shipped with the course (unit 10, 전이 학습).

`load_backbone()` returns the small CIFAR network the course pretrains itself (`python -m tools.pretrain backbone`)
on the 8 CIFAR-10 classes other than cat and dog, after checking the checkpoint's SHA-256 against
data/datasets.toml. Importing this module does not import torch; `CifarNet` and the loaders import it on use.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .data import CIFAR10_CLASSES, DataFileError, data_path, dataset_parts

if TYPE_CHECKING:
    from collections.abc import Callable

    import numpy as np
    import torch
    from torch import nn

    from ._cifarnet import CifarNet

BACKBONE_NAME = "cifar8_backbone"
#: the classes the backbone was pretrained on, in the order of its 8 outputs (cat and dog are left out)
BACKBONE_CLASSES = tuple(c for c in CIFAR10_CLASSES if c not in ("cat", "dog"))
#: the normalisation the backbone was trained with (the ImageNet statistics torchvision models use)
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def __getattr__(name: str) -> Any:
    if name == "CifarNet":
        from ._cifarnet import CifarNet

        return CifarNet
    if name in ("TinyGPT", "CharTokenizer"):  # unit 13's tiny LM (units 13, 15)
        from . import _tinylm

        return getattr(_tinylm, name)
    raise AttributeError(f"module 'helpers.models' has no attribute {name!r}")


def backbone_path() -> Path:
    """Path of the shipped checkpoint, SHA-256 checked (DataFileError in Korean if missing or damaged)."""
    return data_path(dataset_parts(BACKBONE_NAME)[None])


def load_backbone(*, verify: bool = True) -> CifarNet:
    """The pretrained CifarNet (8-class head `fc`), in eval mode, on the CPU.

    verify=False skips the SHA-256 check (only for the pretraining script's own freshly written file).
    """
    from safetensors.torch import load_file

    from ._cifarnet import CifarNet

    path = data_path(dataset_parts(BACKBONE_NAME)[None], verify=verify)
    state = load_file(str(path))
    model = CifarNet(widths=_widths(state), n_classes=state["fc.weight"].shape[0])
    model.load_state_dict(state)
    return model.eval()


TINY_LM_NAME = "tiny_lm_nsmc"


def load_tiny_lm(*, verify: bool = True, path: Path | None = None) -> tuple[Any, Any]:
    """(model, tokenizer): the course-pretrained character-level TinyGPT on NSMC reviews (units 13, 15), eval mode.

    The tokenizer is a `CharTokenizer` (id 0 = review separator, id 1 = unknown character). verify=False skips the
    SHA-256 check; `path` loads another checkpoint written by `python -m tools.pretrain_lm` (its own tests).
    """
    import json

    from safetensors import safe_open
    from safetensors.torch import load_file

    from ._tinylm import CharTokenizer, TinyGPT

    if path is None:
        path = data_path(dataset_parts(TINY_LM_NAME)[None], verify=verify)
    with safe_open(str(path), framework="pt") as f:
        meta = f.metadata()
    record, tok = json.loads(meta["record"]), CharTokenizer(json.loads(meta["chars"]))
    model = TinyGPT(**record["config"])
    state = load_file(str(path))
    state["head.weight"] = state["tok.weight"]  # tied, saved once
    model.load_state_dict(state)
    return model.eval(), tok


def imagenet_resnet18(n_classes: int = 2, *, freeze: bool = True) -> tuple[nn.Module, Callable[..., Any]]:
    """ONLINE path (Colab): torchvision ResNet18 with ImageNet weights, frozen, with a new `fc` head.

    Downloads the weights on first use (`weights=ResNet18_Weights.DEFAULT`, about 45 MiB, cached by torch hub).
    Returns (model, preprocess); preprocess is `weights.transforms()` (resize, crop, ImageNet standardisation).
    """
    from torch import nn
    from torchvision.models import ResNet18_Weights, resnet18

    weights = ResNet18_Weights.DEFAULT
    model = resnet18(weights=weights)
    if freeze:
        for p in model.parameters():
            p.requires_grad = False
    model.fc = nn.Linear(model.fc.in_features, n_classes)
    return model, weights.transforms()


def _widths(state: dict[str, torch.Tensor]) -> tuple[int, int, int]:
    convs = [v for k, v in state.items() if k.endswith(".weight") and v.ndim == 4]
    return convs[0].shape[0], convs[1].shape[0], convs[2].shape[0]


def load_cifar10_images(split: str, classes: tuple[str, ...] | list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Decode the shipped CIFAR-10 JPEGs of `classes` from `split` ("train" or "test").

    Returns uint8 images (N, 32, 32, 3) in HWC RGB order and int64 labels, label i = classes[i]; files are read
    in sorted order, so the result is the same on every machine.
    """
    import numpy as np
    from PIL import Image

    from .data import cifar10_dir

    if split not in ("train", "test"):
        raise ValueError(f"split 은 'train' 또는 'test' 여야 합니다 (받은 값: {split!r}).")
    unknown = [c for c in classes if c not in CIFAR10_CLASSES]
    if unknown:
        raise ValueError(f"CIFAR-10 에 없는 클래스입니다: {unknown}")
    root = cifar10_dir() / split
    images, labels = [], []
    for label, name in enumerate(classes):
        for file in sorted((root / name).glob("*.jpg")):
            with Image.open(file) as im:
                images.append(np.asarray(im.convert("RGB"), dtype=np.uint8))
            labels.append(label)
    if not images:
        raise DataFileError(f"{root} 에서 이미지를 찾지 못했습니다.")
    return np.stack(images), np.asarray(labels, dtype=np.int64)


def flip_crop(images: torch.Tensor, pad: int = 4, generator: torch.Generator | None = None) -> torch.Tensor:
    """Augment a batch (N, C, H, W): random horizontal flip, then a random H×W crop of the reflect-padded image.

    One draw per image (flip first, then the crop offsets), from `generator` if given; the input is not modified.
    """
    import torch
    import torch.nn.functional as F

    n, c, h, w = images.shape
    flip = torch.rand(n, generator=generator) < 0.5
    x = torch.where(flip[:, None, None, None].to(images.device), images.flip(3), images)
    padded = F.pad(x, (pad, pad, pad, pad), mode="reflect")
    dy, dx = torch.randint(0, 2 * pad + 1, (2, n), generator=generator).to(images.device)
    rows = (dy[:, None] + torch.arange(h, device=images.device))[:, None, :, None]
    cols = (dx[:, None] + torch.arange(w, device=images.device))[:, None, None, :]
    batch = torch.arange(n, device=images.device)[:, None, None, None]
    chans = torch.arange(c, device=images.device)[None, :, None, None]
    return padded[batch, chans, rows, cols]


def to_input(images: np.ndarray | torch.Tensor) -> torch.Tensor:
    """uint8 HWC images (N, 32, 32, 3) → float (N, 3, 32, 32) normalised with IMAGENET_MEAN / IMAGENET_STD."""
    import torch

    x = torch.as_tensor(images).permute(0, 3, 1, 2).float() / 255.0
    mean = torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)
    std = torch.tensor(IMAGENET_STD).view(1, 3, 1, 1)
    return (x - mean) / std



def registered_size(model: nn.Module) -> dict[str, Any]:
    """What a model really holds, read from nn.Module's own storage (never the model's overridable methods).

    Walks `_modules` / `_parameters` / `_buffers` of every module (pre-order, like `modules()`), counting each
    parameter and buffer tensor once. Returns {"parameters": int, "buffers": int, "size": int (their sum),
    "unregistered": [attribute paths of tensors or modules the model keeps outside registration: plain attributes
    set with object.__setattr__, Python lists/tuples/dicts/sets, closures], "first_conv2d_in": in_channels of the
    first nn.Conv2d or None}. Used by the budget checks of unit 19 (budget = size, every tensor registered).
    """
    import contextlib
    import types

    import torch
    from torch import nn

    instance_dict = nn.Module.__dict__["__dict__"].__get__  # the real __dict__, even if a subclass shadows it

    def own(m: Any, key: str) -> dict:
        value = instance_dict(m).get(key)
        return dict(value) if isinstance(value, dict) else {}

    modules: list[tuple[str, Any]] = []
    seen_mod: set[int] = set()
    stack: list[tuple[str, Any]] = [("model", model)]
    while stack:
        path, m = stack.pop()
        if id(m) in seen_mod:
            continue
        seen_mod.add(id(m))
        modules.append((path, m))
        children = [(f"{path}.{k}", c) for k, c in own(m, "_modules").items() if isinstance(c, nn.Module)]
        stack.extend(reversed(children))
    tensors: dict[int, int] = {}
    n_params = n_buffers = 0
    first_conv = None
    for _, m in modules:
        if first_conv is None and isinstance(m, nn.Conv2d):
            first_conv = int(instance_dict(m).get("in_channels", -1))
        for key in ("_parameters", "_buffers"):
            for t in own(m, key).values():
                if isinstance(t, torch.Tensor) and id(t) not in tensors:
                    tensors[id(t)] = t.numel()
                    if key == "_parameters":
                        n_params += t.numel()
                    else:
                        n_buffers += t.numel()
    hidden: list[str] = []

    def scan(value: Any, where: str, depth: int) -> None:
        if len(hidden) >= 20 or depth > 6:
            return
        if isinstance(value, torch.Tensor):
            if id(value) not in tensors:
                hidden.append(where)
        elif isinstance(value, nn.Module):
            if id(value) not in seen_mod:
                hidden.append(where)
        elif isinstance(value, (list, tuple, set, frozenset)):
            for i, v in enumerate(value):
                scan(v, f"{where}[{i}]", depth + 1)
        elif isinstance(value, dict):
            for k, v in list(value.items()):
                scan(v, f"{where}[{k!r}]", depth + 1)
        elif isinstance(value, (types.FunctionType, types.MethodType, types.BuiltinFunctionType)):
            fn = getattr(value, "__func__", value)
            for i, cell in enumerate(getattr(fn, "__closure__", None) or ()):
                with contextlib.suppress(ValueError):  # an empty cell
                    scan(cell.cell_contents, f"{where}.<closure {i}>", depth + 1)
            scan(getattr(fn, "__defaults__", None) or (), f"{where}.<defaults>", depth + 1)
        elif hasattr(type(value), "__mro__") and not isinstance(value, (type, types.ModuleType, str, bytes)):
            try:
                inner = object.__getattribute__(value, "__dict__")
            except AttributeError:
                return
            if isinstance(inner, dict):
                scan(inner, f"{where}.__dict__", depth + 1)

    for path, m in modules:
        for key, value in instance_dict(m).items():
            if key not in ("_parameters", "_buffers", "_modules"):
                scan(value, f"{path}.{key}", 0)
    return {"parameters": n_params, "buffers": n_buffers, "size": n_params + n_buffers, "unregistered": hidden,
            "first_conv2d_in": first_conv}

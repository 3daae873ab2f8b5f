"""Training utilities for units after the loop was written by hand (unit 06): fit, evaluate, predict.

Progress bars use tqdm; set COURSE_PROGRESS=0 to hide them (the grader does).
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeAlias

if TYPE_CHECKING:
    import torch
    from torch import nn
    from torch.optim import Optimizer
    from torch.optim.lr_scheduler import LRScheduler
    from torch.utils.data import DataLoader

    Batches: TypeAlias = DataLoader | Iterable[tuple[torch.Tensor, torch.Tensor]]
    LossFn: TypeAlias = Callable[[torch.Tensor, torch.Tensor], torch.Tensor]
    Device: TypeAlias = torch.device | str


def _progress_enabled(progress: bool | None) -> bool:
    if progress is not None:
        return progress
    return os.environ.get("COURSE_PROGRESS", "1") != "0"


def _to(batch: Any, device: Device) -> Any:
    return batch.to(device) if hasattr(batch, "to") else batch


def evaluate(
    model: nn.Module, loader: Batches, loss_fn: LossFn | None = None, device: Device = "cpu"
) -> dict[str, float]:
    """Mean loss (if loss_fn given) and accuracy of a classifier over `loader`, in eval mode without gradients."""
    import torch

    model.eval()
    total, correct, loss_sum = 0, 0, 0.0
    with torch.no_grad():
        for x, y in loader:
            x, y = _to(x, device), _to(y, device)
            out = model(x)
            if loss_fn is not None:
                loss_sum += float(loss_fn(out, y).item()) * len(y)
            if out.ndim == 2 and y.ndim == 1:
                correct += int((out.argmax(dim=1) == y).sum().item())
            total += len(y)
    if total == 0:
        raise ValueError("평가할 데이터가 없습니다 (loader 가 비어 있습니다).")
    result = {"accuracy": correct / total}
    if loss_fn is not None:
        result["loss"] = loss_sum / total
    return result


def fit(
    model: nn.Module,
    train_loader: Batches,
    loss_fn: LossFn,
    optimizer: Optimizer,
    epochs: int = 1,
    device: Device = "cpu",
    val_loader: Batches | None = None,
    scheduler: LRScheduler | None = None,
    progress: bool | None = None,
    augment: Callable[[torch.Tensor], torch.Tensor] | None = None,
    scheduler_per_batch: bool = False,
) -> dict[str, list[float]]:
    """Train for `epochs` (zero_grad → forward → loss → backward → step); return the per-epoch history.

    `augment`, if given, transforms each training batch's inputs on `device` (e.g. `random_shift`); validation
    batches are never augmented. `scheduler.step()` runs once per epoch, or after every optimizer step with
    `scheduler_per_batch=True` (OneCycleLR, unit 09).
    """
    import torch
    from tqdm.auto import tqdm

    if epochs < 1:
        raise ValueError("epochs 는 1 이상이어야 합니다.")
    model.to(device)
    history: dict[str, list[float]] = {"train_loss": [], "train_acc": []}
    if val_loader is not None:
        history.update(val_loss=[], val_acc=[])
    show = _progress_enabled(progress)
    start = time.perf_counter()
    for epoch in range(1, epochs + 1):
        model.train()
        seen, correct, loss_sum = 0, 0, 0.0
        bar = tqdm(train_loader, desc=f"에포크 {epoch}/{epochs}", leave=False, disable=not show)
        for x, y in bar:
            x, y = _to(x, device), _to(y, device)
            if augment is not None:
                x = augment(x)
            optimizer.zero_grad()
            out = model(x)
            loss = loss_fn(out, y)
            loss.backward()
            optimizer.step()
            if scheduler is not None and scheduler_per_batch:
                scheduler.step()
            loss_sum += float(loss.item()) * len(y)
            seen += len(y)
            if out.ndim == 2 and y.ndim == 1:
                with torch.no_grad():
                    correct += int((out.argmax(dim=1) == y).sum().item())
            bar.set_postfix(loss=f"{loss_sum / seen:.4f}")
        if scheduler is not None and not scheduler_per_batch:
            scheduler.step()
        history["train_loss"].append(loss_sum / seen)
        history["train_acc"].append(correct / seen)
        line = f"에포크 {epoch}/{epochs}: 학습 손실 {loss_sum / seen:.4f}"
        if val_loader is not None:
            val = evaluate(model, val_loader, loss_fn, device)
            history["val_loss"].append(val["loss"])
            history["val_acc"].append(val["accuracy"])
            line += f", 검증 손실 {val['loss']:.4f}, 검증 정확도 {val['accuracy']:.2%}"
        if show:
            print(line + f" ({time.perf_counter() - start:.1f}s)")
    return history


def random_shift(images: torch.Tensor, max_shift: int = 2, generator: torch.Generator | None = None) -> torch.Tensor:
    """Move each image of a batch (N, ..., H, W) by its own random whole-pixel offset in [-max_shift, max_shift].

    The pixels shifted in are zeros; the input is not modified.
    """
    import torch
    import torch.nn.functional as F

    if max_shift < 0:
        raise ValueError(f"max_shift 는 0 이상이어야 합니다 (받은 값: {max_shift}).")
    if images.ndim < 3:
        raise ValueError(
            f"이미지 배치는 (N, H, W) 또는 (N, C, H, W) 모양이어야 합니다 (받은 모양: {tuple(images.shape)})."
        )
    if max_shift == 0 or len(images) == 0:
        return images.clone()
    n, h, w, m = images.shape[0], images.shape[-2], images.shape[-1], max_shift
    flat = F.pad(images.reshape(n, -1, h, w), (m, m, m, m))  # (N, C, H + 2m, W + 2m), zeros around
    # offsets are drawn on the CPU (so a CPU generator works for CUDA batches too), then moved
    dy, dx = torch.randint(0, 2 * m + 1, (2, n), generator=generator).to(images.device)
    rows = (dy[:, None] + torch.arange(h, device=images.device))[:, None, :, None]
    cols = (dx[:, None] + torch.arange(w, device=images.device))[:, None, None, :]
    batch = torch.arange(n, device=images.device)[:, None, None, None]
    chans = torch.arange(flat.shape[1], device=images.device)[None, :, None, None]
    return flat[batch, chans, rows, cols].reshape(images.shape)


def predict(model: nn.Module, x: torch.Tensor, device: Device = "cpu", batch_size: int = 1024) -> torch.Tensor:
    """Class predictions (argmax) for a tensor of inputs, in eval mode without gradients."""
    import torch

    model.eval()
    outs = []
    with torch.no_grad():
        for i in range(0, len(x), batch_size):
            outs.append(model(_to(x[i : i + batch_size], device)).argmax(dim=1).cpu())
    return torch.cat(outs) if outs else torch.empty(0, dtype=torch.long)

"""Pretrain the course's own backbone for unit 10 (전이 학습): offline, seeded, deterministic.

    .venv/bin/python -m tools.pretrain backbone          # full recipe → data/pretrained/ (weights + MODEL_CARD.md)
    .venv/bin/python -m tools.pretrain backbone --quick  # short recipe, only prints its figures (tests re-run it)

The backbone is helpers.models.CifarNet trained on the 8 CIFAR-10 classes other than cat and dog of the shipped
*train* split (500 images per class), so that the cat-vs-dog transfer task in unit 10 uses classes it never saw.
The recipe, the measured accuracy and the CPU time are written into the checkpoint's safetensors metadata ("record",
JSON) and into MODEL_CARD.md beside it; tests/helpers/test_models.py re-runs the short recipe and checks its figures
against the record.
"""
from __future__ import annotations

import argparse
import json
import platform
import time
from pathlib import Path

from helpers._paths import ROOT

OUT_DIR = ROOT / "data" / "pretrained"
RECIPES = {
    # 24 epochs over 4000 images, batch 128: about 500 CPU-s at 1 thread
    "full": {"epochs": 24, "per_class": 500, "batch_size": 128, "max_lr": 0.1, "weight_decay": 5e-4,
             "label_smoothing": 0.1, "momentum": 0.9, "pad": 4, "widths": [32, 64, 128], "seed": 0},
    # the same code on 50 images per class for 2 epochs: a few CPU seconds, for the reproducibility test
    "quick": {"epochs": 2, "per_class": 50, "batch_size": 50, "max_lr": 0.05, "weight_decay": 5e-4,
              "label_smoothing": 0.1, "momentum": 0.9, "pad": 4, "widths": [32, 64, 128], "seed": 0},
}


def _subset(x, y, per_class: int):
    import numpy as np

    keep = np.concatenate([np.flatnonzero(y == c)[:per_class] for c in np.unique(y)])
    return x[keep], y[keep]


def train(recipe: dict, threads: int, log=print):
    """Train CifarNet with `recipe`; returns (model, metrics). Deterministic for a fixed thread count."""
    import torch
    from torch import nn

    from helpers.models import BACKBONE_CLASSES, CifarNet, flip_crop, load_cifar10_images, to_input

    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(recipe["seed"])
    x_train, y_train = _subset(*load_cifar10_images("train", BACKBONE_CLASSES), recipe["per_class"])
    x_test, y_test = load_cifar10_images("test", BACKBONE_CLASSES)
    xs, ys = to_input(x_train), torch.as_tensor(y_train)
    xt, yt = to_input(x_test), torch.as_tensor(y_test)

    model = CifarNet(widths=tuple(recipe["widths"]), n_classes=len(BACKBONE_CLASSES))
    opt = torch.optim.SGD(model.parameters(), lr=recipe["max_lr"], momentum=recipe["momentum"], nesterov=True,
                          weight_decay=recipe["weight_decay"])
    steps = (len(xs) + recipe["batch_size"] - 1) // recipe["batch_size"]
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=recipe["max_lr"], epochs=recipe["epochs"],
                                                steps_per_epoch=steps)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=recipe["label_smoothing"])
    gen = torch.Generator().manual_seed(recipe["seed"])
    cpu0 = time.process_time()
    for epoch in range(recipe["epochs"]):
        model.train()
        order = torch.randperm(len(xs), generator=gen)
        total = 0.0
        for i in range(steps):
            idx = order[i * recipe["batch_size"]:(i + 1) * recipe["batch_size"]]
            xb = flip_crop(xs[idx], recipe["pad"], gen)
            loss = loss_fn(model(xb), ys[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        log(f"epoch {epoch + 1:3d}/{recipe['epochs']}  loss {total / len(xs):.4f}"
            f"  cpu {time.process_time() - cpu0:7.1f}s")
    cpu = time.process_time() - cpu0
    acc = evaluate(model, xt, yt)
    metrics = {"test_accuracy_8class": round(acc, 4), "n_test": int(len(yt)), "n_train": int(len(ys)),
               "final_train_loss": round(total / len(xs), 4), "cpu_seconds": round(cpu, 1), "threads": threads}
    return model, metrics


def evaluate(model, x, y) -> float:
    import torch

    model.eval()
    with torch.no_grad():
        pred = torch.cat([model(x[i:i + 500]).argmax(1) for i in range(0, len(x), 500)])
    return (pred == y).float().mean().item()


CARD = Path(__file__).with_name("pretrain_card.md")  # str.format template of data/pretrained/MODEL_CARD.md


def write_card(record: dict, out: Path) -> Path:
    """MODEL_CARD.md beside the checkpoint, from the run's record."""
    from safetensors.torch import load_file

    from helpers.models import BACKBONE_CLASSES, IMAGENET_MEAN, IMAGENET_STD

    r, m, q, qr = record["recipe"], record["metrics"], record["quick_metrics"], record["quick_recipe"]
    n_params = sum(v.numel() for k, v in load_file(str(out / "cifar8_backbone.safetensors")).items()
                   if not k.endswith(("running_mean", "running_var", "num_batches_tracked")))
    path = out / "MODEL_CARD.md"
    path.write_text(CARD.read_text(encoding="utf-8").format(
        size_kib=(out / "cifar8_backbone.safetensors").stat().st_size / 1024, widths=tuple(r["widths"]),
        n_params=n_params, classes=", ".join(BACKBONE_CLASSES), per_class=r["per_class"],
        n_train=m["n_train"], n_test=m["n_test"], mean=IMAGENET_MEAN, std=IMAGENET_STD, **{k: r[k] for k in (
            "momentum", "weight_decay", "max_lr", "batch_size", "epochs", "label_smoothing", "pad", "seed")},
        threads=m["threads"], command=record["command"], torch=record["torch"], safetensors=record["safetensors"],
        python=record["python"], machine=record["machine"], acc=m["test_accuracy_8class"], loss=m["final_train_loss"],
        cpu=m["cpu_seconds"], q_per_class=qr["per_class"], q_epochs=qr["epochs"], q_acc=q["test_accuracy_8class"],
        q_loss=q["final_train_loss"], q_cpu=q["cpu_seconds"]), encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.pretrain", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["backbone"])
    parser.add_argument("--quick", action="store_true", help="short recipe; print its figures, write nothing")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)

    import safetensors
    import torch
    from safetensors.torch import save_file

    if args.quick:
        _, metrics = train(RECIPES["quick"], args.threads)
        print(json.dumps(metrics))
        return
    _, quick = train(RECIPES["quick"], args.threads, log=lambda *_: None)
    model, metrics = train(RECIPES["full"], args.threads)
    record = {
        "recipe": RECIPES["full"], "metrics": metrics, "quick_recipe": RECIPES["quick"], "quick_metrics": quick,
        "command": "python -m tools.pretrain backbone" + (f" --threads {args.threads}" if args.threads != 1 else ""),
        "torch": torch.__version__, "safetensors": safetensors.__version__, "python": platform.python_version(),
        "machine": platform.machine(),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().contiguous() for k, v in model.state_dict().items()}
    save_file(state, str(args.out / "cifar8_backbone.safetensors"),
              metadata={"record": json.dumps(record, sort_keys=True)})
    (args.out / "cifar8_backbone.safetensors").chmod(0o644)
    write_card(record, args.out)
    print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()

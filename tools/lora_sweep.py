"""Validation sweep behind unit 15's learning rates: every method tuned the same way, never on the test reviews.

    .venv/bin/python -m tools.lora_sweep            # the whole grid, about 5 CPU-minutes at one thread
    .venv/bin/python -m tools.lora_sweep --only emb  # one method

Training reviews: the first 8000 of the shipped NSMC train split (as in the lecture); validation: train reviews
8000-9999, which the lecture never trains on. Each setting is trained with seeds 0, 1, 2 (100 steps, batch 32, AdamW
with a one-cycle schedule, the lecture's recipe) and scored by the mean validation accuracy. LoRA variants are
built with `peft` (the lecture shows that peft and the hand-written LoRA give identical models). Prints one line per
setting and the best setting of each method.
"""
from __future__ import annotations

import argparse
import copy
import time

GRID = {
    "head": [{"lr": lr} for lr in (3e-3, 1e-2, 3e-2, 1e-1)],
    "full": [{"lr": lr} for lr in (5e-4, 1e-3, 2e-3, 3e-3)],
    "lora_r4": [{"lr": lr, "alpha": a} for lr in (2e-3, 5e-3, 1e-2, 2e-2) for a in (16, 32, 64)],
    # linears r=2 (alpha 8) + the character embedding r=8 (alpha 32): 20,642 trainable parameters, 4.4 %
    "emb": [{"lr": lr} for lr in (3e-3, 5e-3, 1e-2)],
}
STEPS, SEEDS, N_TRAIN, N_VAL = 100, (0, 1, 2), 8000, 2000


def build(method: str, setting: dict, lm, seed: int):
    """The classifier of `method` with its trainable parameters set, seeded like the lecture's make_model."""
    import torch
    from peft import LoraConfig, get_peft_model
    from torch import nn

    class Classifier(nn.Module):  # the lecture's GPTClassifier: mean-pooled final states, new linear head
        def __init__(self, body):
            super().__init__()
            self.lm, self.cls = body, nn.Linear(body.config["d_model"], 2)

        def forward(self, ids, mask):
            h = self.lm.tok(ids) + self.lm.pos(torch.arange(ids.shape[1]))
            for blk in self.lm.blocks:
                h = blk(h)
            w = mask.unsqueeze(-1).to(h.dtype)
            return self.cls((self.lm.ln_f(h) * w).sum(1) / w.sum(1))

    torch.manual_seed(seed)
    model = Classifier(copy.deepcopy(lm))
    linears = ["qkv", "proj", "fc", "out"]
    if method == "head":
        model.lm.requires_grad_(False)
    elif method == "lora_r4":
        model = get_peft_model(model, LoraConfig(r=4, lora_alpha=setting["alpha"], lora_dropout=0.0,
                                                 target_modules=linears, modules_to_save=["cls"]))
    elif method == "emb":
        model = get_peft_model(model, LoraConfig(r=2, lora_alpha=8, lora_dropout=0.0, target_modules=[*linears, "tok"],
                                                 rank_pattern={"tok": 8}, alpha_pattern={"tok": 32},
                                                 modules_to_save=["cls"]))
    return model


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", choices=sorted(GRID), action="append", help="methods to run (default: all)")
    args = ap.parse_args(argv)

    import warnings

    import torch
    import torch.nn.functional as F

    from helpers.data import load_nsmc
    from helpers.models import load_tiny_lm

    warnings.filterwarnings("ignore", module="peft")
    torch.set_num_threads(1)
    lm, tok = load_tiny_lm()
    df = load_nsmc("train").iloc[: N_TRAIN + N_VAL]
    ids = torch.zeros(len(df), 32, dtype=torch.int64)
    mask = torch.zeros(len(df), 32, dtype=torch.bool)
    for i, doc in enumerate(df["document"]):
        row = tok.encode(doc)[:32] or [tok.unk_id]
        ids[i, : len(row)], mask[i, : len(row)] = torch.tensor(row), True
    y = torch.tensor(df["label"].to_numpy())
    tr, va = slice(0, N_TRAIN), slice(N_TRAIN, N_TRAIN + N_VAL)

    def fit_and_score(model, lr: float, seed: int) -> float:
        g = torch.Generator().manual_seed(seed)
        opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=STEPS, pct_start=0.1)
        model.train()
        for _ in range(STEPS):
            b = torch.randint(0, N_TRAIN, (32,), generator=g)
            loss = F.cross_entropy(model(ids[tr][b], mask[tr][b]), y[tr][b])
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            sched.step()
        model.eval()
        with torch.no_grad():
            pred = torch.cat([model(ids[va][i:i + 500], mask[va][i:i + 500]).argmax(-1) for i in range(0, N_VAL, 500)])
        return (pred == y[va]).float().mean().item()

    for method in args.only or list(GRID):
        best = None
        for setting in GRID[method]:
            t0 = time.process_time()
            accs = [100 * fit_and_score(build(method, setting, lm, s), setting["lr"], s) for s in SEEDS]
            n = sum(p.numel() for p in build(method, setting, lm, 0).parameters() if p.requires_grad)
            mean = sum(accs) / len(accs)
            print(f"{method:8s} {setting}  trainable {n:7,d}  validation {mean:.2f} % "
                  f"(seeds {', '.join(f'{a:.1f}' for a in accs)})  {time.process_time() - t0:.0f} CPU-s", flush=True)
            if best is None or mean > best[1]:
                best = (setting, mean)
        print(f"best {method}: {best[0]} at {best[1]:.2f} %", flush=True)


if __name__ == "__main__":
    main()

"""Pretrain the course's tiny character-level GPT on NSMC reviews (units 13 and 15): offline, seeded.

    .venv/bin/python -m tools.pretrain_lm            # full recipe -> data/pretrained/tiny_lm_nsmc.safetensors + card
    .venv/bin/python -m tools.pretrain_lm --quick    # short recipe, only prints its figures (tests re-run it)

Training text: the reviews of the shipped NSMC *train* split; validation: the shipped *test* split (the graders'
held-out reviews were carved out of it and are never read here). The vocabulary is every character seen at least
5 times in the training text, plus the separator (id 0) and the unknown character (id 1). The recipe, the
validation loss next to the uniform / unigram / add-k bigram baselines, and the CPU time are written into the
checkpoint's safetensors metadata ("record", JSON; the vocabulary under "chars") and into TINY_LM_CARD.md.
"""
from __future__ import annotations

import argparse
import json
import math
import platform
import time
from pathlib import Path

from helpers._paths import ROOT

OUT_DIR = ROOT / "data" / "pretrained"
NAME = "tiny_lm_nsmc"
RECIPES = {
    # 1800 steps: 256 CPU-s measured at one thread on the shared 2-core machine
    "full": {"d_model": 96, "n_layer": 3, "n_head": 4, "ctx": 64, "batch_size": 32, "steps": 1800, "lr": 3e-3,
             "warmup": 50, "weight_decay": 0.01, "min_freq": 5, "seed": 0, "val_chars": None},
    # the same code for 40 steps, validated on the first 20,000 characters: a few CPU seconds
    "quick": {"d_model": 96, "n_layer": 3, "n_head": 4, "ctx": 64, "batch_size": 32, "steps": 40, "lr": 3e-3,
              "warmup": 10, "weight_decay": 0.01, "min_freq": 5, "seed": 0, "val_chars": 20000},
}


def baselines(train_ids, val_ids, vocab_size: int, k: float = 0.1) -> dict[str, float]:
    """Validation cross-entropy (nats/char) of uniform, unigram (add-1) and add-k bigram models."""
    import torch

    uni = torch.bincount(train_ids, minlength=vocab_size).double() + 1
    uni_logp = (uni / uni.sum()).log()
    pairs = torch.zeros(vocab_size, vocab_size, dtype=torch.float64)
    pairs.index_put_((train_ids[:-1], train_ids[1:]), torch.ones(len(train_ids) - 1, dtype=torch.float64),
                     accumulate=True)
    big_logp = ((pairs + k) / (pairs + k).sum(1, keepdim=True)).log()
    return {"uniform": round(math.log(vocab_size), 4),
            "unigram": round(-uni_logp[val_ids[1:]].mean().item(), 4),
            "bigram_add_k": round(-big_logp[val_ids[:-1], val_ids[1:]].mean().item(), 4), "bigram_k": k}


def train(recipe: dict, threads: int, log=print):
    """Returns (model, tokenizer, metrics). Deterministic for a fixed thread count on one machine."""
    import torch

    from helpers._tinylm import CharTokenizer, TinyGPT, eval_loss, train_lm
    from helpers.data import load_nsmc

    torch.set_num_threads(threads)
    torch.use_deterministic_algorithms(True)
    train_docs = load_nsmc("train")["document"].tolist()
    val_docs = load_nsmc("test")["document"].tolist()
    tok = CharTokenizer.from_texts(train_docs, min_freq=recipe["min_freq"])
    train_ids, val_ids = tok.encode_corpus(train_docs), tok.encode_corpus(val_docs)
    if recipe["val_chars"]:
        val_ids = val_ids[: recipe["val_chars"]]
    torch.manual_seed(recipe["seed"])
    model = TinyGPT(len(tok), recipe["d_model"], recipe["n_layer"], recipe["n_head"], recipe["ctx"])
    gen = torch.Generator().manual_seed(recipe["seed"])
    cpu0 = time.process_time()
    losses = train_lm(model, train_ids, recipe["steps"], batch_size=recipe["batch_size"], lr=recipe["lr"],
                      warmup=recipe["warmup"], weight_decay=recipe["weight_decay"], generator=gen, progress=False,
                      log_every=100 if recipe["steps"] >= 100 else 0, log=log)
    cpu = time.process_time() - cpu0
    val = eval_loss(model, val_ids, recipe["ctx"])
    metrics = {"val_loss": round(val, 4), "final_train_loss": round(sum(losses[-50:]) / len(losses[-50:]), 4),
               "cpu_seconds": round(cpu, 1), "threads": threads, "n_train_chars": int(len(train_ids)),
               "n_val_chars": int(len(val_ids)), "vocab_size": len(tok),
               "baselines": baselines(train_ids, val_ids, len(tok))}
    return model, tok, metrics


CARD = Path(__file__).with_name("pretrain_lm_card.md")


def write_card(record: dict, out: Path) -> Path:
    r, m, q, qr = record["recipe"], record["metrics"], record["quick_metrics"], record["quick_recipe"]
    b = m["baselines"]
    path = out / "TINY_LM_CARD.md"
    path.write_text(CARD.read_text(encoding="utf-8").format(
        size_kib=(out / f"{NAME}.safetensors").stat().st_size / 1024, n_params=record["n_params"],
        vocab=m["vocab_size"], n_train=m["n_train_chars"], n_val=m["n_val_chars"], **r,
        threads=m["threads"], command=record["command"], torch=record["torch"], python=record["python"],
        machine=record["machine"], val=m["val_loss"], train_loss=m["final_train_loss"], cpu=m["cpu_seconds"],
        uniform=b["uniform"], unigram=b["unigram"], bigram=b["bigram_add_k"], bigram_k=b["bigram_k"],
        q_steps=qr["steps"], q_val_chars=qr["val_chars"], q_val=q["val_loss"], q_cpu=q["cpu_seconds"]),
        encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tools.pretrain_lm", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short recipe; print its figures, write nothing")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args(argv)

    import torch
    from safetensors.torch import save_file

    if args.quick:
        _, _, metrics = train(RECIPES["quick"], args.threads)
        print(json.dumps(metrics))
        return
    _, _, quick = train(RECIPES["quick"], args.threads, log=lambda *_: None)
    model, tok, metrics = train(RECIPES["full"], args.threads)
    record = {
        "recipe": RECIPES["full"], "metrics": metrics, "quick_recipe": RECIPES["quick"], "quick_metrics": quick,
        "config": model.config, "command": "python -m tools.pretrain_lm"
        + (f" --threads {args.threads}" if args.threads != 1 else ""),
        "torch": torch.__version__, "python": platform.python_version(), "machine": platform.machine(),
        "n_params": sum(p.numel() for p in model.parameters()),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().contiguous() for k, v in model.state_dict().items() if k != "head.weight"}  # tied
    target = args.out / f"{NAME}.safetensors"
    save_file(state, str(target), metadata={"record": json.dumps(record, sort_keys=True),
                                            "chars": json.dumps(tok.chars, ensure_ascii=False)})
    target.chmod(0o644)
    write_card(record, args.out)
    print(json.dumps(record, indent=2))


if __name__ == "__main__":
    main()

"""The course's tiny character-level GPT (units 13 and 15): tokenizer, model, batches and evaluation.

Imported lazily through `helpers.models` (this module imports torch). The pretrained weights come from
`python -m tools.pretrain_lm` and are loaded by `helpers.models.load_tiny_lm()`.
"""
from __future__ import annotations

import math
import os
from collections import Counter
from collections.abc import Iterable, Sequence

import torch
import torch.nn.functional as F
from torch import nn

SEP = "\n"  # separates reviews; also the first token of a generated text
UNK = "\ufffd"  # stands for every character outside the vocabulary


class CharTokenizer:
    """Character vocabulary: id 0 is the review separator, id 1 the unknown character, then sorted characters."""

    def __init__(self, chars: Sequence[str]):
        chars = list(chars)
        if chars[:2] != [SEP, UNK] or len(set(chars)) != len(chars):
            raise ValueError("vocabulary must start with SEP, UNK and hold each character once")
        self.chars = chars
        self.stoi = {c: i for i, c in enumerate(chars)}

    @classmethod
    def from_texts(cls, texts: Iterable[str], min_freq: int = 5) -> CharTokenizer:
        counts = Counter()
        for t in texts:
            counts.update(t)
        keep = sorted(c for c, n in counts.items() if n >= min_freq and c not in (SEP, UNK))
        return cls([SEP, UNK, *keep])

    def __len__(self) -> int:
        return len(self.chars)

    @property
    def unk_id(self) -> int:
        return 1

    def encode(self, text: str) -> list[int]:
        return [self.stoi.get(c, 1) for c in text]

    def decode(self, ids: Iterable[int]) -> str:
        return "".join(self.chars[int(i)] for i in ids)

    def encode_corpus(self, texts: Iterable[str]) -> torch.Tensor:
        """All texts as one int64 stream, each text followed by the separator (id 0)."""
        return torch.tensor(self.encode("".join(t + SEP for t in texts)), dtype=torch.int64)


class Block(nn.Module):
    """Pre-norm decoder block: causal multi-head self-attention and a 4x MLP, each with a residual."""

    def __init__(self, d_model: int, n_head: int):
        super().__init__()
        self.n_head = n_head
        self.ln1 = nn.LayerNorm(d_model)
        self.qkv = nn.Linear(d_model, 3 * d_model)
        self.proj = nn.Linear(d_model, d_model)
        self.ln2 = nn.LayerNorm(d_model)
        self.fc = nn.Linear(d_model, 4 * d_model)
        self.out = nn.Linear(4 * d_model, d_model)

    def attend(self, x: torch.Tensor) -> torch.Tensor:
        b, t, d = x.shape
        q, k, v = self.qkv(x).split(d, dim=-1)
        q, k, v = (z.view(b, t, self.n_head, d // self.n_head).transpose(1, 2) for z in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.proj(y.transpose(1, 2).reshape(b, t, d))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attend(self.ln1(x))
        return x + self.out(F.gelu(self.fc(self.ln2(x))))


class TinyGPT(nn.Module):
    """Decoder-only transformer over characters: token + learned position embeddings, `n_layer` blocks, a final
    LayerNorm and an output layer tied to the token embedding. forward(idx (B, T) int64) -> logits (B, T, V)."""

    def __init__(self, vocab_size: int, d_model: int = 128, n_layer: int = 4, n_head: int = 4, ctx: int = 64):
        super().__init__()
        self.config = {"vocab_size": vocab_size, "d_model": d_model, "n_layer": n_layer, "n_head": n_head,
                       "ctx": ctx}
        self.ctx = ctx
        self.tok = nn.Embedding(vocab_size, d_model)
        self.pos = nn.Embedding(ctx, d_model)
        self.blocks = nn.ModuleList(Block(d_model, n_head) for _ in range(n_layer))
        self.ln_f = nn.LayerNorm(d_model)
        self.head = nn.Linear(d_model, vocab_size, bias=False)
        self.head.weight = self.tok.weight  # tied: the default N(0, 1) init would start the loss near 60
        for m in self.modules():
            if isinstance(m, (nn.Linear, nn.Embedding)):
                nn.init.normal_(m.weight, std=0.02)
                if getattr(m, "bias", None) is not None:
                    nn.init.zeros_(m.bias)
        for blk in self.blocks:  # GPT-2: residual projections scaled by the depth
            nn.init.normal_(blk.proj.weight, std=0.02 / math.sqrt(2 * n_layer))
            nn.init.normal_(blk.out.weight, std=0.02 / math.sqrt(2 * n_layer))

    def forward(self, idx: torch.Tensor) -> torch.Tensor:
        t = idx.shape[1]
        if t > self.ctx:
            raise ValueError(f"입력 길이 {t} 가 문맥 길이 {self.ctx} 보다 깁니다.")
        x = self.tok(idx) + self.pos(torch.arange(t, device=idx.device))
        for blk in self.blocks:
            x = blk(x)
        return self.head(self.ln_f(x))

    @torch.no_grad()
    def generate(self, idx: torch.Tensor, n_new: int, temperature: float = 1.0,
                 generator: torch.Generator | None = None) -> torch.Tensor:
        """Append `n_new` sampled ids to idx (B, T); temperature 0 takes the argmax."""
        for _ in range(n_new):
            logits = self(idx[:, -self.ctx:])[:, -1]
            if temperature == 0:
                nxt = logits.argmax(-1, keepdim=True)
            else:
                probs = torch.softmax(logits / temperature, dim=-1)
                nxt = torch.multinomial(probs, 1, generator=generator)
            idx = torch.cat([idx, nxt], dim=1)
        return idx


def random_batch(stream: torch.Tensor, batch_size: int, ctx: int, generator: torch.Generator | None = None):
    """(x, y): `batch_size` random windows of length ctx from a 1-D id stream, y shifted by one."""
    start = torch.randint(0, len(stream) - ctx - 1, (batch_size,), generator=generator)
    offsets = torch.arange(ctx)
    x = stream[start[:, None] + offsets]
    y = stream[start[:, None] + offsets + 1]
    return x, y


@torch.no_grad()
def eval_loss(model: nn.Module, stream: torch.Tensor, ctx: int, batch_size: int = 64) -> float:
    """Mean next-character cross-entropy (nats) over the stream, cut into non-overlapping windows of ctx."""
    was_training = model.training
    model.eval()
    n = (len(stream) - 1) // ctx
    x = stream[: n * ctx].view(n, ctx)
    y = stream[1: n * ctx + 1].view(n, ctx)
    total = 0.0
    for i in range(0, n, batch_size):
        logits = model(x[i:i + batch_size])
        total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y[i:i + batch_size].reshape(-1),
                                 reduction="sum").item()
    model.train(was_training)
    return total / (n * ctx)


def train_lm(model: nn.Module, stream: torch.Tensor, steps: int, *, batch_size: int = 32, lr: float = 3e-3,
             warmup: int = 50, weight_decay: float = 0.01, generator: torch.Generator | None = None,
             progress: bool = True, log_every: int = 0, log=print) -> list[float]:
    """AdamW with linear warmup and cosine decay to lr/10; returns the training loss of every step."""
    opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.95), weight_decay=weight_decay)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        frac = (step - warmup) / max(1, steps - warmup)
        return 0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * frac))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, factor)
    losses = []
    model.train()
    it = range(steps)
    if progress and os.environ.get("COURSE_PROGRESS", "1") != "0":
        from tqdm.auto import tqdm

        it = tqdm(it, desc="학습", leave=False)
    for step in it:
        x, y = random_batch(stream, batch_size, model.ctx, generator)
        logits = model(x)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        losses.append(loss.item())
        if log_every and (step + 1) % log_every == 0:
            log(f"step {step + 1:5d}/{steps}  loss {sum(losses[-log_every:]) / log_every:.4f}")
    model.eval()
    return losses

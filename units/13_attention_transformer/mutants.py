"""Known-wrong answers for 13_attention_transformer: each must lose its exercise's points
(python -m grading.fastcheck 13_attention_transformer). CORRECT lists right answers in other styles that must keep
their points.
"""

from grading.mutants import edit

MUTANTS = {
    "ex_attention": [
        # forgets the 1/sqrt(d) scaling
        ("no_scaling", edit(("s = q.shape[-1] ** -0.5 if scale is None else scale", "s = 1.0 if scale is None else scale"))),
        # ignores the scale argument
        ("ignores_scale", edit(("s = q.shape[-1] ** -0.5 if scale is None else scale", "s = q.shape[-1] ** -0.5"))),
        # divides by scale instead of multiplying
        ("divides_by_scale", edit(("s = q.shape[-1] ** -0.5 if scale is None else scale", "s = q.shape[-1] ** -0.5 if scale is None else 1 / scale"))),
        # nn.MultiheadAttention's polarity: fills the kept positions
        ("mask_polarity", edit(("logits.masked_fill(mask.logical_not(), float(\"-inf\"))", "logits.masked_fill(mask, float(\"-inf\"))"))),
        # softmax over the queries instead of the keys
        ("softmax_dim", edit(("torch.softmax(logits.masked_fill(dead, 0.0), dim=-1)", "torch.softmax(logits.masked_fill(dead, 0.0), dim=-2)"))),
        # multiplies the scores by the bool mask (0 instead of -inf)
        ("mask_multiply", edit(("logits = logits.masked_fill(mask.logical_not(), float(\"-inf\"))", "logits = logits * mask"))),
        # every mask treated as bool: a float bias becomes keep/drop
        ("float_as_bool", edit(("if mask is not None and mask.dtype == torch.bool:", "if mask is not None:"))),
        # the additive mask multiplied in
        ("float_mask_multiplied", edit(("logits = logits + mask", "logits = logits * mask"))),
        # the scale applied after the additive mask (scales the bias too)
        ("scale_after_mask", edit(("logits = (q @ k.transpose(-2, -1)) * s", "logits = q @ k.transpose(-2, -1)"),
                                  ("dead = torch.isneginf(logits)", "logits = logits * s\n    dead = torch.isneginf(logits)"))),
        # fully masked rows left as NaN (plain softmax)
        ("nan_rows", edit(("torch.softmax(logits.masked_fill(dead, 0.0), dim=-1).masked_fill(dead, 0.0)", "torch.softmax(logits, dim=-1)"))),
        # fully masked rows become uniform weights instead of 0
        ("dead_rows_uniform", edit(("torch.softmax(logits.masked_fill(dead, 0.0), dim=-1).masked_fill(dead, 0.0)",
                                    "torch.softmax(logits.masked_fill(dead, 0.0), dim=-1)"))),
    ],
    "ex_masks": [
        # upper triangle: True where the future is
        ("causal_triu", edit(("torch.ones(T, T, dtype=torch.bool, device=device).tril()",
                              "torch.ones(T, T, dtype=torch.bool, device=device).triu()"))),
        # excludes the diagonal: a position cannot see itself
        ("causal_strict", edit(("torch.ones(T, T, dtype=torch.bool, device=device).tril()",
                                "torch.ones(T, T, dtype=torch.bool, device=device).tril(-1)"))),
        # off by one: the first padding position is kept
        ("padding_off_by_one", edit(("[None, :] < lengths[:, None]", "[None, :] <= lengths[:, None]"))),
        # float 0/1 instead of bool
        ("float_masks", edit(("torch.ones(T, T, dtype=torch.bool, device=device).tril()", "torch.ones(T, T, device=device).tril()"),
                             ("return torch.arange(T, device=lengths.device)[None, :] < lengths[:, None]",
                              "return (torch.arange(T, device=lengths.device)[None, :] < lengths[:, None]).float()"))),
    ],
    "ex_mha": [
        # splits heads with a view to (B, h, T, d/h): mixes positions and features
        ("view_without_transpose", edit(("return z.view(B, T, h, D // h).transpose(1, 2)", "return z.view(B, h, T, D // h)"))),
        # keep used with nn.MultiheadAttention's polarity (True = masked out)
        ("keep_polarity", edit(("mask = mask & keep[:, None, None, :]", "mask = mask & ~keep[:, None, None, :]"))),
        # forgets the output projection
        ("no_out_proj", edit(("return self.out_proj(y.transpose(1, 2).reshape(B, T, D))", "return y.transpose(1, 2).reshape(B, T, D)"))),
        # masks the queries (rows) instead of the keys (columns)
        ("mask_queries", edit(("mask = mask & keep[:, None, None, :]", "mask = mask & keep[:, None, :, None]"))),
    ],
    "ex_sinusoidal": [
        # cos in even columns, sin in odd ones
        ("sin_cos_swapped", edit(("pe[:, 0::2] = torch.sin(pos * freq)\n    pe[:, 1::2] = torch.cos(pos * freq)",
                                  "pe[:, 0::2] = torch.cos(pos * freq)\n    pe[:, 1::2] = torch.sin(pos * freq)"))),
        # concatenates [sin | cos] instead of interleaving
        ("concatenated", edit(("pe[:, 0::2] = torch.sin(pos * freq)\n    pe[:, 1::2] = torch.cos(pos * freq)",
                               "pe[:, : d // 2] = torch.sin(pos * freq)\n    pe[:, d // 2:] = torch.cos(pos * freq)"))),
        # exponent i/d instead of 2i/d
        ("exponent_i_over_d", edit(("-torch.arange(0, d, 2, dtype=torch.float32) / d", "-torch.arange(0, d // 2, dtype=torch.float32) / d"))),
    ],
    "ex_patchify": [
        # flattens each patch in (p, p, C) order
        ("channels_last_patch", edit(("x.permute(0, 2, 4, 1, 3, 5)", "x.permute(0, 2, 4, 3, 5, 1)"))),
        # column-major patch order
        ("column_major", edit(("x.permute(0, 2, 4, 1, 3, 5)", "x.permute(0, 4, 2, 1, 3, 5)"))),
        # a plain reshape: rows of pixels, not patches
        ("plain_reshape", edit(("return x.permute(0, 2, 4, 1, 3, 5).reshape(n, (h // p) * (w // p), c * p * p)",
                                "return imgs.reshape(n, (h // p) * (w // p), c * p * p)"))),
    ],
    "ex_lm_loss": [
        # no shift: each position "predicts" its own character
        ("no_shift", edit(("F.cross_entropy(logits[:, :-1].reshape(-1, v), ids[:, 1:].reshape(-1))",
                           "F.cross_entropy(logits.reshape(-1, v), ids.reshape(-1))"))),
        # shifted the wrong way
        ("shift_backwards", edit(("F.cross_entropy(logits[:, :-1].reshape(-1, v), ids[:, 1:].reshape(-1))",
                                  "F.cross_entropy(logits[:, 1:].reshape(-1, v), ids[:, :-1].reshape(-1))"))),
        # softmax before cross_entropy (which applies log-softmax itself)
        ("double_softmax", edit(("F.cross_entropy(logits[:, :-1].reshape(-1, v)",
                                 "F.cross_entropy(torch.softmax(logits[:, :-1], -1).reshape(-1, v)"))),
    ],
    "ex_sampling": [
        # multiplies by the temperature
        ("times_temperature", edit(("torch.softmax(logits / temperature, dim=-1)", "torch.softmax(logits * temperature, dim=-1)"))),
        # returns only the generated characters
        ("drops_prompt", edit(("return tok.decode(ids)", "return tok.decode(ids[len(tok.encode(prompt)):])"))),
        # feeds the whole history: fails beyond the context length
        ("no_context_crop", edit(("x = torch.tensor([ids[-model.ctx:]])", "x = torch.tensor([ids])"))),
        # samples from the first position's logits
        ("first_position", edit(("model(x)[0, -1]", "model(x)[0, 0]"))),
        # greedy always
        ("always_argmax", edit(("ids.append(int(torch.multinomial(probs, 1, generator=g)))", "ids.append(int(probs.argmax()))"))),
    ],
    "ex_temperature": [
        # the threshold read as "at most": the last temperature below the target
        ("last_below", edit(("T_STAR = next(t for t, h in zip(TEMPS, entropies) if h > H_TARGET)",
                             "T_STAR = [t for t, h in zip(TEMPS, entropies) if h <= H_TARGET][-1]"))),
        # entropy in bits
        ("bits", edit(("return float(-(logp.exp() * logp).sum(-1).mean())",
                       "return float(-(logp.exp() * logp).sum(-1).mean() / math.log(2))"))),
        # temperature multiplies the logits
        ("times_temperature", edit(("torch.log_softmax(model(x) / temperature, dim=-1)", "torch.log_softmax(model(x) * temperature, dim=-1)"))),
    ],
}

CORRECT = {
    "ex_attention": [
        ("einsum_where_nan_to_num", '''def attention(q, k, v, mask=None, scale=None):
    scores = torch.einsum("...qd,...kd->...qk", q, k) * (scale if scale is not None else q.shape[-1] ** -0.5)
    if mask is not None:
        if mask.dtype is torch.bool:
            scores = torch.where(mask, scores, torch.tensor(float("-inf"), device=scores.device))
        else:
            scores = scores + mask
    weights = torch.nan_to_num(scores.softmax(-1), nan=0.0)
    return torch.einsum("...qk,...kv->...qv", weights, v), weights
'''),
        ("large_negative_then_zero", '''def attention(q, k, v, mask=None, scale=None):
    if scale is None:
        scale = 1 / math.sqrt(q.size(-1))
    scores = torch.matmul(q, k.transpose(-1, -2)) * scale
    if mask is None:
        keep = torch.ones_like(scores, dtype=torch.bool)
    elif mask.dtype == torch.bool:
        keep = mask.expand_as(scores)
    else:
        scores = scores + mask
        keep = (mask != float("-inf")).expand_as(scores)
    scores = scores.masked_fill(~keep, -1e9)
    weights = F.softmax(scores, dim=-1) * keep
    return torch.matmul(weights, v), weights
'''),
    ],
    "ex_masks": [
        ("compare_aranges", '''def causal_mask(T, device="cpu"):
    i = torch.arange(T, device=device)
    return i[None, :] <= i[:, None]


def padding_mask(lengths, T):
    return torch.stack([torch.arange(T, device=lengths.device) < n for n in lengths]) if len(lengths) else torch.zeros(0, T, dtype=torch.bool, device=lengths.device)
'''),
    ],
    "ex_mha": [
        ("sdpa_inside", '''class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.h = n_heads
        self.q_proj, self.k_proj = nn.Linear(d_model, d_model), nn.Linear(d_model, d_model)
        self.v_proj, self.out_proj = nn.Linear(d_model, d_model), nn.Linear(d_model, d_model)

    def forward(self, x, keep=None, causal=False):
        B, T, D = x.shape
        q, k, v = [p(x).reshape(B, T, self.h, -1).permute(0, 2, 1, 3) for p in (self.q_proj, self.k_proj, self.v_proj)]
        mask = None
        if causal:
            mask = causal_mask(T, device=x.device)
        if keep is not None:
            pm = keep[:, None, None, :]
            mask = pm if mask is None else mask & pm
        y = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        return self.out_proj(y.permute(0, 2, 1, 3).reshape(B, T, D))
'''),
        ("loop_over_heads", '''class MultiHeadAttention(nn.Module):
    def __init__(self, d_model, n_heads):
        super().__init__()
        self.n_heads, self.d_head = n_heads, d_model // n_heads
        self.q_proj = nn.Linear(d_model, d_model)
        self.k_proj = nn.Linear(d_model, d_model)
        self.v_proj = nn.Linear(d_model, d_model)
        self.out_proj = nn.Linear(d_model, d_model)

    def forward(self, x, keep=None, causal=False):
        T = x.shape[1]
        q, k, v = self.q_proj(x), self.k_proj(x), self.v_proj(x)
        mask = torch.ones(x.shape[0], T, T, dtype=torch.bool, device=x.device)
        if causal:
            mask = mask & causal_mask(T, device=x.device)
        if keep is not None:
            mask = mask & keep[:, None, :]
        heads = []
        for i in range(self.n_heads):
            s = slice(i * self.d_head, (i + 1) * self.d_head)
            heads.append(attention(q[..., s], k[..., s], v[..., s], mask)[0])
        return self.out_proj(torch.cat(heads, dim=-1))
'''),
    ],
    "ex_sinusoidal": [
        ("python_loops", '''def sinusoidal_positions(T, d):
    pe = torch.empty(T, d)
    for pos in range(T):
        for i in range(d // 2):
            angle = pos / 10000 ** (2 * i / d)
            pe[pos, 2 * i] = math.sin(angle)
            pe[pos, 2 * i + 1] = math.cos(angle)
    return pe
'''),
        ("exp_log_stack", '''def sinusoidal_positions(T, d):
    pos = torch.arange(T).float().unsqueeze(1)
    div = torch.exp(torch.arange(0, d, 2).float() * (-math.log(10000.0) / d))
    return torch.stack([torch.sin(pos * div), torch.cos(pos * div)], dim=-1).reshape(T, d)
'''),
    ],
    "ex_patchify": [
        ("unfold", '''def patchify(imgs, p):
    return F.unfold(imgs, kernel_size=p, stride=p).transpose(1, 2)
'''),
        ("tensor_unfold", '''def patchify(imgs, p):
    n, c, h, w = imgs.shape
    x = imgs.unfold(2, p, p).unfold(3, p, p)  # (n, c, h/p, w/p, p, p)
    return x.permute(0, 2, 3, 1, 4, 5).reshape(n, -1, c * p * p)
'''),
    ],
    "ex_lm_loss": [
        ("log_softmax_gather", '''def lm_loss(logits, ids):
    logp = torch.log_softmax(logits[:, :-1], dim=-1)
    return -logp.gather(-1, ids[:, 1:].unsqueeze(-1)).mean()
'''),
        ("transpose_class_dim", '''def lm_loss(logits, ids):
    return F.cross_entropy(logits[:, :-1].transpose(1, 2), ids[:, 1:])
'''),
    ],
    "ex_sampling": [
        ("batched_generate_style", '''def next_char_probs(logits, temperature):
    if temperature <= 0:
        out = torch.zeros_like(logits)
        return out.scatter(-1, logits.argmax(-1, keepdim=True), 1.0)
    return (logits / temperature).softmax(-1)


@torch.no_grad()
def sample_text(model, tok, prompt, n_new, temperature=1.0, seed=0):
    g = torch.Generator().manual_seed(seed)
    idx = torch.tensor([tok.encode(prompt)], dtype=torch.long)
    for _ in range(n_new):
        logits = model(idx[:, -model.ctx:])[:, -1, :]
        nxt = torch.multinomial(next_char_probs(logits, temperature), 1, generator=g)
        idx = torch.cat([idx, nxt], dim=1)
    return tok.decode(idx[0].tolist())
'''),
    ],
    "ex_temperature": [
        ("batched_entropy_loop", '''def mean_entropy(model, ids, temperature):
    ctx = model.ctx
    windows = [ids[i:i + ctx] for i in range(0, len(ids) - ctx + 1, ctx)]
    total, count = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(windows), 50):
            p = torch.softmax(model(torch.stack(windows[i:i + 50])) / temperature, -1)
            total += float(-(p * torch.log(p.clamp_min(1e-30))).sum())
            count += p.shape[0] * p.shape[1]
    return total / count


entropies = {t: mean_entropy(lm, val_ids, t) for t in TEMPS}
T_STAR = min(t for t in TEMPS if entropies[t] > H_TARGET)
'''),
    ],
}

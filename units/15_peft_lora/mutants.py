"""Known-wrong answers for 15_peft_lora: each must lose its exercise's points
(python -m grading.fastcheck 15_peft_lora). CORRECT lists right answers in other styles that must keep their points.
"""

from grading.mutants import edit

MUTANTS = {
    "ex_lora_embedding": [
        # both factors zero: starts equal but can never learn
        ("both_zero", edit(("self.A = nn.Parameter(torch.randn(base.num_embeddings, r))",
                            "self.A = nn.Parameter(torch.zeros(base.num_embeddings, r))"))),
        # the Linear layer's convention copied: A zero, B random (starts different from the base)
        ("linear_convention", edit(("self.A = nn.Parameter(torch.randn(base.num_embeddings, r))",
                                    "self.A = nn.Parameter(torch.zeros(base.num_embeddings, r))"),
                                   ("self.B = nn.Parameter(torch.zeros(r, base.embedding_dim))",
                                    "self.B = nn.Parameter(torch.randn(r, base.embedding_dim))"))),
        # forgets the alpha / r scaling in forward
        ("no_scaling", edit(("return self.base(ids) + self.scaling * (self.A[ids] @ self.B)",
                             "return self.base(ids) + self.A[ids] @ self.B"))),
        # scaling alpha * r
        ("scaling_times", edit(("self.scaling = base, r, alpha / r", "self.scaling = base, r, alpha * r"))),
        # integer division: alpha // r
        ("scaling_int", edit(("self.scaling = base, r, alpha / r", "self.scaling = base, r, alpha // r"))),
        # A and B as plain tensors (not parameters: the optimizer never sees them)
        ("plain_tensors", edit(("self.A = nn.Parameter(torch.randn(base.num_embeddings, r))",
                                "self.A = torch.randn(base.num_embeddings, r, requires_grad=True)"),
                               ("self.B = nn.Parameter(torch.zeros(r, base.embedding_dim))",
                                "self.B = torch.zeros(r, base.embedding_dim, requires_grad=True)"))),
        # freezes the wrapped layer (the text says only apply_lora freezes)
        ("freezes_base", edit(("self.A = nn.Parameter(torch.randn(base.num_embeddings, r))",
                               "base.weight.requires_grad_(False)\n        self.A = nn.Parameter(torch.randn(base.num_embeddings, r))"))),
        # keeps a copy of the layer instead of the layer itself (breaks weight tying)
        ("deepcopies_base", edit(("self.base, self.r, self.scaling = base, r, alpha / r",
                                  "import copy\n        self.base, self.r, self.scaling = copy.deepcopy(base), r, alpha / r"))),
    ],
    "ex_merge": [
        # no merged flag: the second merge_ adds delta W again
        ("merge_twice_adds", '''def merge_(layer):
    with torch.no_grad():
        layer.base.weight += layer.scaling * (layer.A @ layer.B)
    layer.merged = True
    return layer


def unmerge_(layer):
    if getattr(layer, "merged", False):
        with torch.no_grad():
            layer.base.weight -= layer.scaling * (layer.A @ layer.B)
        layer.merged = False
    return layer
'''),
        # forgets the scaling when merging (and unmerging)
        ("merge_no_scaling", edit(("layer.base.weight += layer.scaling * (layer.A @ layer.B)", "layer.base.weight += layer.A @ layer.B"),
                                  ("layer.base.weight -= layer.scaling * (layer.A @ layer.B)", "layer.base.weight -= layer.A @ layer.B"))),
        # unmerge_ returns None
        ("unmerge_returns_none", edit(("        layer.merged = False\n    return layer", "        layer.merged = False\n    return None"))),
        # not in place: a new Parameter replaces the (frozen, possibly tied) weight
        ("merge_new_parameter", edit(("            layer.base.weight += layer.scaling * (layer.A @ layer.B)",
                                      "            layer.base.weight = nn.Parameter(layer.base.weight + layer.scaling * (layer.A @ layer.B))"))),
        # unmerge_ forgets to reset the flag
        ("unmerge_keeps_flag", edit(("        layer.merged = False\n", ""))),
        # unmerge_ subtracts even when the layer is not merged
        ("unmerge_unconditional", edit(("    if getattr(layer, \"merged\", False):\n        with torch.no_grad():\n            layer.base.weight -=",
                                        "    if True:\n        with torch.no_grad():\n            layer.base.weight -="))),
    ],
    "ex_count": [
        # state_dict: counts the tied weight twice and the BatchNorm buffers in total
        ("state_dict", edit(("    return lora, other, total", "    return lora, other, sum(v.numel() for v in model.state_dict().values())"))),
        # a frozen A or B still counted as LoRA
        ("ignores_requires_grad", edit(("        if not p.requires_grad:\n            continue\n        if name.rsplit",
                                        "        if name.rsplit"))),
        # substring test: a layer named "A" (or "Bx") counted as LoRA
        ("substring_name", edit(("if name.rsplit(\".\", 1)[-1] in (\"A\", \"B\"):", "if \"A\" in name or \"B\" in name:"))),
        # named_parameters(remove_duplicate=False): the tied weight twice
        ("tied_twice", edit(("model.named_parameters():", "model.named_parameters(remove_duplicate=False):"))),
        # counts tensors instead of elements
        ("counts_tensors", edit(("lora += p.numel()", "lora += 1"), ("other += p.numel()", "other += 1"), ("total += p.numel()", "total += 1"))),
    ],
    "ex_apply_lora": [
        # forgets to freeze the model first (LoRA on top of full fine-tuning)
        ("no_freeze", edit(("    for p in model.parameters():\n        p.requires_grad = False\n    found = {}",
                            "    found = {}"))),
        # substring match: "kv" hits "qkv", "proj" would hit "xproj"
        ("substring_match", edit(("return [k for k in keys if name == k or name.endswith(\".\" + k)]",
                                  "return [k for k in keys if k in name]"))),
        # works on a deep copy and returns it: the model passed in is unchanged
        ("returns_copy", edit(("    for p in model.parameters():\n        p.requires_grad = False\n    found = {}",
                               "    model = copy.deepcopy(model)\n    for p in model.parameters():\n        p.requires_grad = False\n    found = {}"))),
        # plain endswith without the dot: "qkv" also hits "xqkv"
        ("endswith_no_dot", edit(("return [k for k in keys if name == k or name.endswith(\".\" + k)]",
                                  "return [k for k in keys if name.endswith(k)]"))),
        # ignores keep: the new head stays frozen
        ("ignores_keep", edit(("            for p in module.parameters():\n                p.requires_grad = True\n",
                               "            pass\n"))),
        # only wraps Linear layers: embeddings are silently skipped
        ("linear_only", edit(("        elif isinstance(module, nn.Embedding):\n            new = LoRAEmbedding(module, r, alpha)\n", ""))),
        # no error for a target that matches nothing
        ("silent_typo", edit(("    if missing:\n        raise ValueError", "    if False:\n        raise ValueError"))),
    ],
    "ex_lora_count": [
        # full matrices instead of the low-rank factors
        ("full_matrix", edit(("total += r * (module.in_features + module.out_features)",
                              "total += module.in_features * module.out_features"))),
        # the bias counted as LoRA parameters too
        ("counts_bias", edit(("total += r * (module.in_features + module.out_features)",
                              "total += r * (module.in_features + module.out_features) + (module.out_features if module.bias is not None else 0)"))),
        # forgets modules_to_save
        ("ignores_keep", edit(("            total += sum(p.numel() for p in module.parameters())", "            pass"))),
        # plain endswith without the dot: "qkv" also counts "xqkv"
        ("endswith_no_dot", edit(("return any(name == k or name.endswith(\".\" + k) for k in keys)",
                                  "return any(name.endswith(k) for k in keys)"))),
        # only Linear targets counted
        ("no_embedding", edit(("                total += r * (module.num_embeddings + module.embedding_dim)", "                pass"))),
    ],
    "ex_rank_sweep": [
        # the best rank instead of the smallest within 1 point
        ("argmax_rank", edit(("R_STAR = min(r for r in RANKS if sweep_acc[r] >= best - 1.0)",
                              "R_STAR = max(RANKS, key=lambda r: sweep_acc[r])"))),
        # the head is not kept trainable: LoRA without the new head
        ("head_frozen", edit(("apply_lora(model, TARGETS, r, 2 * r, keep=[\"cls\"])", "apply_lora(model, TARGETS, r, 2 * r)"))),
        # rank 0 trains the whole model instead of the head only
        ("rank0_full", edit(("        model.lm.requires_grad_(False)\n", "        pass\n"))),
    ],
}

CORRECT = {
    "ex_lora_embedding": [
        ("functional_embedding", '''class LoRAEmbedding(nn.Module):
    def __init__(self, base, r, alpha):
        super().__init__()
        self.base = base
        self.r = int(r)
        self.scaling = float(alpha) / r
        self.A = nn.Parameter(torch.empty(base.num_embeddings, r))
        nn.init.normal_(self.A)
        self.B = nn.Parameter(base.weight.new_zeros(r, base.embedding_dim))

    def forward(self, ids):
        delta = F.embedding(ids, self.A) @ self.B
        return self.base(ids) + delta * self.scaling
'''),
    ],
    "ex_merge": [
        ("delta_via_embedding_weight", '''def merge_(layer):
    if getattr(layer, "merged", False) is True:
        return layer
    delta = (layer.A.detach() @ layer.B.detach()) * layer.scaling
    layer.base.weight.data.add_(delta)
    layer.merged = True
    return layer


def unmerge_(layer):
    if not getattr(layer, "merged", False):
        return layer
    delta = (layer.A.detach() @ layer.B.detach()) * layer.scaling
    layer.base.weight.data.sub_(delta)
    layer.merged = False
    return layer
'''),
    ],
    "ex_count": [
        ("seen_ids_split", '''def count_trainable(model):
    seen = set()
    counts = {"lora": 0, "other": 0, "total": 0}
    for name, p in model.named_parameters(remove_duplicate=False):
        if id(p) in seen:
            continue
        seen.add(id(p))
        counts["total"] += p.numel()
        if p.requires_grad:
            kind = "lora" if name.split(".")[-1] in {"A", "B"} else "other"
            counts[kind] += p.numel()
    return int(counts["lora"]), int(counts["other"]), int(counts["total"])
'''),
    ],
    "ex_apply_lora": [
        ("collect_then_replace", '''def apply_lora(model, targets, r, alpha, keep=()):
    model.requires_grad_(False)
    def hit(name, keys):
        return any(name == k or name.endswith("." + k) for k in keys)
    chosen = [(n, m) for n, m in model.named_modules() if hit(n, targets)]
    for t in targets:
        if not any(n == t or n.endswith("." + t) for n, _ in chosen):
            raise ValueError(f"{t} 에 맞는 모듈이 없습니다")
    for name, module in chosen:
        if type(module) is nn.Linear:
            wrapped = LoRALinear(module, r, alpha)
        elif type(module) is nn.Embedding:
            wrapped = LoRAEmbedding(module, r, alpha)
        else:
            raise TypeError(f"{name}: {type(module).__name__} 은 바꿀 수 없습니다")
        *path, last = name.split(".")
        parent = model
        for part in path:
            parent = getattr(parent, part)
        setattr(parent, last, wrapped)
    for name, module in model.named_modules():
        if hit(name, keep):
            module.requires_grad_(True)
    return model


torch.manual_seed(0)
demo = apply_lora(GPTClassifier(copy.deepcopy(lm)), ["qkv", "fc"], 4, 8, keep=["cls"])
'''),
    ],
    "ex_lora_count": [
        ("via_weight_shapes", '''def lora_param_count(model, targets, r, keep=()):
    def hit(name, keys):
        return any(name == k or name.endswith("." + k) for k in keys)
    n = 0
    for name, module in model.named_modules():
        if hit(name, targets):
            rows, cols = module.weight.shape
            n += r * (rows + cols)
        elif hit(name, keep):
            n += sum(p.numel() for p in module.parameters())
    return int(n)
'''),
    ],
    "ex_rank_sweep": [
        ("head_only_by_loop", '''sweep_models, sweep_acc = {}, {}
for r in RANKS:
    torch.manual_seed(0)
    model = GPTClassifier(copy.deepcopy(lm))
    if r == 0:
        for p in model.lm.parameters():
            p.requires_grad = False
        lr = LR_HEAD
    else:
        model = apply_lora(model, TARGETS, r, 2 * r, keep=["cls"])
        lr = LR_LORA
    train_classifier(model, X_tr, M_tr, y_tr, SWEEP_STEPS, lr, seed=0)
    sweep_models[r] = model
    sweep_acc[r] = float(100 * accuracy(model, X_te, M_te, y_te))
top = max(sweep_acc.values())
R_STAR = next(r for r in sorted(RANKS) if sweep_acc[r] >= top - 1.0)
plt.plot([str(r) for r in RANKS], [sweep_acc[r] for r in RANKS], "o-")
plt.show()
'''),
    ],
}

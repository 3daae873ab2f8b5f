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
        # "ends in A or B" instead of "the last part is A or B": a parameter named lora_A counted as LoRA
        ("endswith_AB", edit(("if name.rsplit(\".\", 1)[-1] in (\"A\", \"B\"):", "if name.endswith((\"A\", \"B\")):"))),
        # letter test on the last part: "lora_A", "xB" counted as LoRA
        ("letter_in_last_part", edit(("if name.rsplit(\".\", 1)[-1] in (\"A\", \"B\"):",
                                      "if \"A\" in name.rsplit(\".\", 1)[-1] or \"B\" in name.rsplit(\".\", 1)[-1]:"))),
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
        # keep looked up as a top-level attribute: "ln1" or "blocks.0.ln1" is not found
        ("keep_top_level", edit(("    for name, module in model.named_modules():\n        if matches(name, keep):\n            for p in module.parameters():\n",
                                 "    for k in keep:\n        if True:\n            for p in getattr(model, k).parameters():\n"))),
        # keep unfreezes only the module's own parameters, not its children's (a Sequential head stays frozen)
        ("keep_recurse_false", edit(("            for p in module.parameters():\n                p.requires_grad = True\n",
                                     "            for p in module.parameters(recurse=False):\n                p.requires_grad = True\n"))),
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
        # a weight shared by two keep modules counted once (peft makes one trainable copy per kept module)
        ("keep_global_dedup", edit(("    total = 0\n", "    total, seen = 0, set()\n"),
                                   ("            total += sum(p.numel() for p in module.parameters())",
                                    "            for p in module.parameters():\n                if id(p) not in seen:\n                    seen.add(id(p))\n                    total += p.numel()"))),
        # keep counts only the module's own parameters, not its children's
        ("keep_recurse_false", edit(("            total += sum(p.numel() for p in module.parameters())",
                                     "            total += sum(p.numel() for p in module.parameters(recurse=False))"))),
        # only Linear targets counted
        ("no_embedding", edit(("                total += r * (module.num_embeddings + module.embedding_dim)", "                pass"))),
    ],
    "ex_rank_sweep": [
        # the best rank instead of the smallest within 1 point
        ("argmax_rank", edit(("    return min(r for r in acc if acc[r] >= best_acc - tol)",
                              "    return max(acc, key=lambda r: acc[r])"))),
        # strict inequality: a rank exactly tol points below the best is left out
        ("strict_tol", edit(("    return min(r for r in acc if acc[r] >= best_acc - tol)",
                             "    return min(r for r in acc if acc[r] > best_acc - tol)"))),
        # the first key in the dict's order within tol, not the smallest rank
        ("first_in_order", edit(("    return min(r for r in acc if acc[r] >= best_acc - tol)",
                                 "    return next(r for r in acc if acc[r] >= best_acc - tol)"))),
        # the head is not kept trainable: LoRA without the new head
        ("head_frozen", edit(("apply_lora(model, TARGETS, r, ALPHA, keep=[\"cls\"])", "apply_lora(model, TARGETS, r, ALPHA)"))),
        # rank 0 trains the whole model instead of the head only
        ("rank0_full", edit(("        model.lm.requires_grad_(False)\n", "        pass\n"))),
        # LR_HEAD's learning rate for every rank (the text: r > 0 uses lr_lora)
        ("lr_head_for_all", edit(("lr_lora if r > 0 else lr_head, seed=seed)", "lr_head, seed=seed)"))),
        # the global constants instead of the arguments
        ("global_lrs", edit(("lr_lora if r > 0 else lr_head, seed=seed)", "LR_LORA if r > 0 else LR_HEAD, seed=seed)"))),
        # alpha = 2 r (the scaling stays 2) instead of one ALPHA for every rank
        ("alpha_2r", edit(("apply_lora(model, TARGETS, r, ALPHA, keep=[\"cls\"])", "apply_lora(model, TARGETS, r, 2 * r, keep=[\"cls\"])"))),
        # the blind check's answer: LoRA models built but never trained, only the head-only model learns
        ("lora_untrained", edit(("    return train_classifier(model, X_tr, M_tr, y_tr, steps, lr_lora if r > 0 else lr_head, seed=seed)",
                                 "    if r > 0:\n        return model.eval()\n    return train_classifier(model, X_tr, M_tr, y_tr, steps, lr_head, seed=seed)"))),
        # seeds in the loop, not in train_rank: a second call of train_rank(1) gives another model
        ("seed_outside", edit(("    torch.manual_seed(seed)\n    model = GPTClassifier", "    model = GPTClassifier"),
                              ("    sweep_models[r] = train_rank(r)\n", "    torch.manual_seed(0)\n    sweep_models[r] = train_rank(r)\n"))),
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


def train_rank(r, steps=SWEEP_STEPS, lr_lora=LR_LORA, lr_head=LR_HEAD, seed=0):
    torch.manual_seed(seed)
    clf = GPTClassifier(copy.deepcopy(lm))
    if r == 0:
        for p in clf.lm.parameters():
            p.requires_grad = False
        lr = lr_head
    else:
        clf = apply_lora(clf, TARGETS, r, alpha=ALPHA, keep=["cls"])
        lr = lr_lora
    train_classifier(clf, X_tr, M_tr, y_tr, steps, lr, seed=seed)
    return clf


for r in RANKS:
    m = train_rank(r)
    sweep_models[r] = m
    sweep_acc[r] = float(100 * accuracy(m, X_va, M_va, y_va))


def pick_rank(acc, tol=1.0):
    top = max(acc.values())
    return int(sorted(r for r, a in acc.items() if a >= top - tol)[0])


R_STAR = pick_rank(sweep_acc)
plt.plot([str(r) for r in RANKS], [sweep_acc[r] for r in RANKS], "o-")
plt.show()
'''),
    ],
}

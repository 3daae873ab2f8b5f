"""Known-wrong answers for 10_transfer_learning: each must lose its exercise's points (python -m tools.gradecheck 10_transfer_learning).

CORRECT lists right answers written in other styles; each must keep its points (python -m grading.fastcheck).
"""
from grading.mutants import edit

MUTANTS = {
    "ex_freeze": [
        # "fc" also matches "fc1.weight", "1" matches "10.weight"
        ("prefix_without_dot", edit(('name.startswith(pre + ".")', "name.startswith(pre)"))),
        # substring instead of prefix
        ("substring_match", edit(('name.startswith(pre + ".")', "pre in name"))),
        # only ever freezes: a parameter frozen before stays frozen even when the rule says trainable
        ("never_unfreezes", '''
def freeze(model: nn.Module, trainable: tuple[str, ...] = ("fc",)) -> nn.Module:
    for name, p in model.named_parameters():
        if not any(name.startswith(pre + ".") for pre in trainable):
            p.requires_grad = False
    return model
'''),
        # freezes the modules (eval mode) instead of the parameters
        ("eval_instead_of_requires_grad", '''
def freeze(model: nn.Module, trainable: tuple[str, ...] = ("fc",)) -> nn.Module:
    for name, module in model.named_modules():
        if name and not any(name == pre or name.startswith(pre + ".") for pre in trainable):
            module.eval()
    return model
'''),
        ("returns_copy", '''
import copy


def freeze(model: nn.Module, trainable: tuple[str, ...] = ("fc",)) -> nn.Module:
    model = copy.deepcopy(model)
    for name, p in model.named_parameters():
        p.requires_grad = any(name.startswith(pre + ".") for pre in trainable)
    return model
'''),
    ],
    "ex_replace_head": [
        ("hardcoded_128", edit(("model.fc.in_features", "128"))),
        ("no_bias", edit(("n_classes)", "n_classes, bias=False)"))),
        # changes the attribute only: the weight keeps its old shape
        ("attribute_only", '''
def replace_head(model: nn.Module, n_classes: int) -> nn.Module:
    model.fc.out_features = n_classes
    return model
'''),
        # new head, but frozen like the body
        ("frozen_head", '''
def replace_head(model: nn.Module, n_classes: int) -> nn.Module:
    model.fc = nn.Linear(model.fc.in_features, n_classes)
    model.fc.requires_grad_(False)
    return model
'''),
        ("returns_none", edit(("    return model", "    return None"))),
        # blind review: the instructions say the other layers are left as they are
        ("also_freezes_body", '''
def replace_head(model: nn.Module, n_classes: int) -> nn.Module:
    for p in model.parameters():
        p.requires_grad = False
    model.fc = nn.Linear(model.fc.in_features, n_classes)
    return model
'''),
        ("sets_train_mode", edit(("    return model", "    return model.train()"))),
        ("slices_old_head_not_fresh", '''
def replace_head(model: nn.Module, n_classes: int) -> nn.Module:
    old = model.fc
    new = nn.Linear(old.in_features, n_classes)
    with torch.no_grad():
        new.weight.copy_(old.weight[:n_classes])
        new.bias.copy_(old.bias[:n_classes])
    model.fc = new
    return model
'''),
    ],
    "ex_count_params": [
        ("ignores_trainable_only", edit(("(trainable_only and not p.requires_grad)", "False"))),
        ("counts_tensors", edit(("counts.get(key, 0) + p.numel()", "counts.get(key, 0) + 1"))),
        # the lecture's count_params copied: one int, not per layer type
        ("lecture_total", '''
def count_params(model: nn.Module, trainable_only: bool = False) -> dict[str, int]:
    return sum(p.numel() for p in model.parameters() if p.requires_grad or not trainable_only)
'''),
        ("counts_buffers_too", '''
def count_params(model: nn.Module, trainable_only: bool = False) -> dict[str, int]:
    counts = {}
    for layer in model.modules():
        tensors = [p for p in layer.parameters(recurse=False) if p.requires_grad or not trainable_only]
        if not trainable_only:
            tensors += list(layer.buffers(recurse=False))
        for t in tensors:
            counts[type(layer).__name__] = counts.get(type(layer).__name__, 0) + t.numel()
    return counts
'''),
        # blind review: a tied weight counted once per layer that holds it
        ("tied_counted_twice", edit(("if id(p) in seen or (trainable_only", "if (trainable_only"))),
        # recurse=True: a container (Sequential, CifarNet) gets its children's parameters too
        ("recursive_per_layer", edit(("layer.parameters(recurse=False)", "layer.parameters()"))),
        # empty kinds kept as 0
        ("keeps_zero_kinds", '''
def count_params(model: nn.Module, trainable_only: bool = False) -> dict[str, int]:
    counts = {}
    seen = set()
    for layer in model.modules():
        key = type(layer).__name__
        counts.setdefault(key, 0)
        for p in layer.parameters(recurse=False):
            if id(p) in seen or (trainable_only and not p.requires_grad):
                continue
            seen.add(id(p))
            counts[key] += p.numel()
    return counts
'''),
        # the shared tensor goes to the last layer holding it
        ("tied_to_last_layer", '''
def count_params(model: nn.Module, trainable_only: bool = False) -> dict[str, int]:
    owner = {}
    for layer in model.modules():
        for p in layer.parameters(recurse=False):
            owner[id(p)] = (type(layer).__name__, p)
    counts = {}
    for key, p in owner.values():
        if p.requires_grad or not trainable_only:
            counts[key] = counts.get(key, 0) + p.numel()
    return counts
'''),
        ("returns_tensor_values", edit(("counts[key] = counts.get(key, 0) + p.numel()", "counts[key] = counts.get(key, 0) + torch.tensor(p.numel())"))),
    ],
    "ex_make_optimizer": [
        # the classic: every parameter, relying on requires_grad (stale .grad still moves frozen weights)
        ("all_parameters", edit(("[p for p in model.parameters() if p.requires_grad]", "model.parameters()"))),
        ("frozen_ones_instead", edit(("if p.requires_grad]", "if not p.requires_grad]"))),
        ("fixed_lr", edit(("lr=lr,", "lr=1e-3,"))),
        ("no_weight_decay", edit(("weight_decay=0.01", "weight_decay=0.0"))),
        ("adam_not_adamw", edit(("torch.optim.AdamW(", "torch.optim.Adam("))),
        # a subclass whose step does nothing (looks like AdamW to isinstance)
        ("noop_subclass", '''
class _Quiet(torch.optim.AdamW):
    def step(self, closure=None):
        return None


def make_optimizer(model: nn.Module, lr: float) -> torch.optim.Optimizer:
    return _Quiet([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
'''),
        ("frozen_group_lr0", '''
def make_optimizer(model: nn.Module, lr: float) -> torch.optim.Optimizer:
    tr = [p for p in model.parameters() if p.requires_grad]
    fr = [p for p in model.parameters() if not p.requires_grad]
    groups = [{"params": tr}] + ([{"params": fr, "lr": 0.0, "weight_decay": 0.0}] if fr else [])
    return torch.optim.AdamW(groups, lr=lr, weight_decay=0.01)
'''),
    ],
    "ex_extract_features": [
        ("train_mode", edit(("    model.eval()\n", ""))),
        ("div255_only", edit(("to_input(images)", "torch.as_tensor(images).permute(0, 3, 1, 2).float() / 255"))),
        ("max_instead_of_mean", edit(("h = h.mean(dim=(2, 3))", "h = h.amax(dim=(2, 3))"))),
        ("off_by_one_depth", edit(("model.body[:depth]", "model.body[:depth + 1]"))),
        ("keeps_grad", '''
def extract_features(model: nn.Module, images: np.ndarray, depth: int) -> torch.Tensor:
    model.eval()
    h = model.body[:depth](to_input(images))
    if h.ndim == 4:
        h = h.mean(dim=(2, 3))
    return h.cpu()
'''),
    ],
    "ex_train_probe": [
        ("untrained", edit(("range(300)", "range(0)"))),
        ("shuffled_labels", edit(("head(features), labels)", "head(features), labels[torch.randperm(len(labels))])"))),
        ("hardcoded_two_classes", edit(("nn.Linear(features.shape[1], n_classes)", "nn.Linear(features.shape[1], 2)"))),
        ("lr_far_too_small", edit(("lr=1e-2", "lr=1e-6"))),
        # blind review: more head calls than the stated budget of 1000
        ("too_many_steps_5000", edit(("range(300)", "range(5000)"))),
        ("minibatch_many_steps", '''
def train_probe(features: torch.Tensor, labels: torch.Tensor, n_classes: int = 2) -> nn.Linear:
    torch.manual_seed(0)
    head = nn.Linear(features.shape[1], n_classes)
    opt = torch.optim.SGD(head.parameters(), lr=0.01)
    for _ in range(30):
        perm = torch.randperm(len(labels))
        for i in range(0, len(labels), 8):
            b = perm[i:i + 8]
            loss = nn.functional.cross_entropy(head(features[b]), labels[b])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return head
'''),
    ],
    "ex_best_depth": [
        ("guess_shallowest", edit(("BEST_DEPTH = max(accs, key=accs.get)", "BEST_DEPTH = min(accs)"))),
        ("guess_middle", edit(("BEST_DEPTH = max(accs, key=accs.get)", "BEST_DEPTH = 3"))),
        ("argmin", edit(("BEST_DEPTH = max(accs, key=accs.get)", "BEST_DEPTH = min(accs, key=accs.get)"))),
        # blind review: accs must hold python floats between 0 and 1
        ("np_float32_accs", edit(("accs[depth] = float(np.mean(runs))", "accs[depth] = np.float32(np.mean(runs))"))),
        ("accs_as_percent", edit(("accs[depth] = float(np.mean(runs))", "accs[depth] = 100 * float(np.mean(runs))"))),
    ],
}

CORRECT = {
    "ex_freeze": [
        ("requires_grad_and_split", '''
def freeze(model: nn.Module, trainable: tuple[str, ...] = ("fc",)) -> nn.Module:
    model.requires_grad_(False)
    for name, p in model.named_parameters():
        parts = name.split(".")
        if any(parts[: len(pre.split("."))] == pre.split(".") for pre in trainable):
            p.requires_grad_(True)
    return model
'''),
        ("via_submodules", '''
def freeze(model: nn.Module, trainable: tuple[str, ...] = ("fc",)) -> nn.Module:
    for p in model.parameters():
        p.requires_grad = False
    modules = dict(model.named_modules())
    for pre in trainable:
        if pre in modules:
            for p in modules[pre].parameters():
                p.requires_grad = True
    return model
'''),
    ],
    "ex_replace_head": [
        ("sequential_style_setattr", '''
def replace_head(model: nn.Module, n_classes: int) -> nn.Module:
    in_features = model.fc.weight.shape[1]
    setattr(model, "fc", nn.Linear(in_features, n_classes, bias=True))
    return model
'''),
    ],
    "ex_count_params": [
        ("named_modules_and_dict_params", '''
from collections import defaultdict


def count_params(model: nn.Module, trainable_only: bool = False) -> dict[str, int]:
    counts = defaultdict(int)
    seen = []
    for _, layer in model.named_modules():
        for p in layer._parameters.values():
            if p is None or any(p is q for q in seen):
                continue
            seen.append(p)
            if trainable_only and not p.requires_grad:
                continue
            counts[layer.__class__.__name__] += int(np.prod(p.shape))
    return dict(counts)
'''),
    ],
    "ex_make_optimizer": [
        ("filter_and_groups", '''
def make_optimizer(model: nn.Module, lr: float) -> torch.optim.Optimizer:
    head = [p for n, p in model.named_parameters() if p.requires_grad and n.startswith("fc.")]
    rest = [p for n, p in model.named_parameters() if p.requires_grad and not n.startswith("fc.")]
    groups = [g for g in ({"params": head}, {"params": rest}) if g["params"]]
    return torch.optim.AdamW(groups, lr=lr, weight_decay=0.01)
'''),
        ("filter_builtin", '''
def make_optimizer(model: nn.Module, lr: float) -> torch.optim.Optimizer:
    return torch.optim.AdamW(filter(lambda p: p.requires_grad, model.parameters()), lr=lr, weight_decay=0.01)
'''),
    ],
    "ex_extract_features": [
        ("manual_standardise_batched_restore_mode", '''
def extract_features(model: nn.Module, images: np.ndarray, depth: int) -> torch.Tensor:
    was_training = model.training
    model.eval()
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    parts = []
    with torch.inference_mode():
        for i in range(0, len(images), 16):
            x = torch.from_numpy(np.ascontiguousarray(images[i:i + 16])).permute(0, 3, 1, 2).float() / 255.0
            h = (x - mean) / std
            for layer in list(model.body)[:depth]:
                h = layer(h)
            parts.append(h.flatten(2).mean(-1) if h.dim() == 4 else h)
    model.train(was_training)
    return torch.cat(parts).clone()
'''),
    ],
    "ex_train_probe": [
        # blind review: the loss is free; a closed-form ridge fit never calls the head
        ("ridge_closed_form", '''
def train_probe(features: torch.Tensor, labels: torch.Tensor, n_classes: int = 2) -> nn.Linear:
    X = torch.cat([features, torch.ones(len(features), 1)], 1).double()
    Y = nn.functional.one_hot(labels.long(), n_classes).double()
    W = torch.linalg.solve(X.T @ X + 1e-2 * torch.eye(X.shape[1], dtype=X.dtype), X.T @ Y)
    head = nn.Linear(features.shape[1], n_classes)
    with torch.no_grad():
        head.weight.copy_(W[:-1].T.float())
        head.bias.copy_(W[-1].float())
    return head
'''),
        ("sgd_more_steps", '''
def train_probe(features: torch.Tensor, labels: torch.Tensor, n_classes: int = 2) -> nn.Linear:
    torch.manual_seed(1)
    head = nn.Linear(features.shape[1], n_classes)
    opt = torch.optim.SGD(head.parameters(), lr=0.1, momentum=0.9)
    mu, sd = features.mean(0), features.std(0) + 1e-6
    x = (features - mu) / sd
    for _ in range(1000):
        loss = nn.functional.cross_entropy(head(x), labels)
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():                       # fold the standardisation into the layer
        head.weight.div_(sd)
        head.bias.sub_(head.weight @ mu)
    return head
'''),
        ("lbfgs", '''
def train_probe(features: torch.Tensor, labels: torch.Tensor, n_classes: int = 2) -> nn.Linear:
    torch.manual_seed(0)
    head = nn.Linear(features.shape[1], n_classes)
    opt = torch.optim.LBFGS(head.parameters(), lr=0.5, max_iter=100)

    def closure():
        opt.zero_grad()
        loss = nn.functional.cross_entropy(head(features), labels) + 1e-3 * head.weight.pow(2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return head
'''),
    ],
    "ex_best_depth": [
        ("five_seeds_other_split", '''
DEPTHS = (1, 3, 5)
accs = {}
for depth in DEPTHS:
    f_all = torch.cat([extract_features(backbone, x_train, depth), extract_features(backbone, x_test, depth)])
    y_all = np.concatenate([y_train, y_test])
    runs = []
    for seed in range(5):
        rng = np.random.default_rng(50 + seed)
        shots = np.concatenate([rng.permutation(np.flatnonzero(y_train == c))[:100] for c in (0, 1)])
        rest = np.setdiff1d(np.arange(len(y_all)), shots)
        head = train_probe(f_all[shots], torch.as_tensor(y_all[shots]))
        with torch.no_grad():
            runs.append((head(f_all[rest]).argmax(1) == torch.as_tensor(y_all[rest])).float().mean().item())
    accs[depth] = sum(runs) / len(runs)
BEST_DEPTH = int(sorted(accs.items(), key=lambda kv: kv[1])[-1][0])
'''),
    ],
}

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
    ],
    "ex_count_params": [
        ("ignores_trainable_only", edit(("p.requires_grad or not trainable_only", "True"))),
        ("counts_tensors", edit(("p.numel()", "1"))),
        ("counts_buffers_too", '''
def count_params(model: nn.Module, trainable_only: bool = False) -> int:
    if trainable_only:
        return sum(p.numel() for p in model.parameters() if p.requires_grad)
    return sum(v.numel() for v in model.state_dict().values())
'''),
        ("returns_tensor", '''
def count_params(model: nn.Module, trainable_only: bool = False) -> int:
    return sum(torch.tensor(p.numel()) for p in model.parameters() if p.requires_grad or not trainable_only)
'''),
    ],
    "ex_make_optimizer": [
        # the classic: every parameter, relying on requires_grad (stale .grad still moves frozen weights)
        ("all_parameters", edit(("[p for p in model.parameters() if p.requires_grad]", "model.parameters()"))),
        ("frozen_ones_instead", edit(("if p.requires_grad]", "if not p.requires_grad]"))),
        ("fixed_lr", edit(("lr=lr,", "lr=1e-3,"))),
        ("no_weight_decay", edit(("weight_decay=0.01", "weight_decay=0.0"))),
        ("adam_not_adamw", edit(("torch.optim.AdamW(", "torch.optim.Adam("))),
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
    ],
    "ex_best_depth": [
        ("guess_shallowest", edit(("BEST_DEPTH = max(accs, key=accs.get)", "BEST_DEPTH = min(accs)"))),
        ("guess_middle", edit(("BEST_DEPTH = max(accs, key=accs.get)", "BEST_DEPTH = 3"))),
        ("argmin", edit(("BEST_DEPTH = max(accs, key=accs.get)", "BEST_DEPTH = min(accs, key=accs.get)"))),
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
        ("loop", '''
def count_params(model: nn.Module, trainable_only: bool = False) -> int:
    total = 0
    for p in model.parameters():
        if trainable_only and not p.requires_grad:
            continue
        total += int(np.prod(p.shape))
    return total
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

"""Known-wrong answers for 07_mlp_mnist: each must lose its exercise's points (python -m grading.fastcheck 07_mlp_mnist).

CORRECT lists right answers in other styles that must keep their points.
"""

from grading.mutants import edit

_STATS_OK = '''def pixel_stats(images):
    scaled = images.astype(np.float64) / 255.0
    return float(scaled.mean()), float(scaled.std())
'''

_TRAIN_HEAD = '''def train_fashion(x_train, y_train, device):
    mean, std = pixel_stats(x_train)
'''

MUTANTS = {
    "ex_standardize": [
        # divides by the batch's brightest pixel instead of 255
        ("divide_by_max", edit(
            ("scaled = images.astype(np.float64) / 255.0", "scaled = images.astype(np.float64) / images.max()"),
            ("torch.tensor(images, dtype=torch.float32) / 255.0", "torch.tensor(images, dtype=torch.float32) / float(images.max())"),
        )),
        # standardises with the batch's own statistics instead of the given ones
        ("own_batch_stats", edit((
            "    return (torch.tensor(images, dtype=torch.float32) / 255.0 - mean) / std",
            "    x = torch.tensor(images, dtype=torch.float32) / 255.0\n    return (x - x.mean()) / x.std()"))),
        # forgets /255 before subtracting a mean in /255 units
        ("no_div255", edit(("torch.tensor(images, dtype=torch.float32) / 255.0 - mean", "torch.tensor(images, dtype=torch.float32) - mean"))),
        # float64 result (NumPy arithmetic first)
        ("float64", edit(("    return (torch.tensor(images, dtype=torch.float32) / 255.0 - mean) / std",
                          "    return torch.tensor((images / 255.0 - mean) / std)"))),
        # statistics in 0..255 units
        ("stats_not_scaled", edit(("scaled = images.astype(np.float64) / 255.0", "scaled = images.astype(np.float64)"))),
        # blind review: sample standard deviation (ddof=1), off by ~2e-5 on the hidden batch
        ("ddof1", edit(("return float(scaled.mean()), float(scaled.std())", "return float(scaled.mean()), float(scaled.std(ddof=1))"))),
    ],
    "ex_build_mlp": [
        # the lecture's fixed 784-256-128-10 regardless of widths
        ("fixed_architecture", '''def build_mlp(widths, p_drop=0.0):
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 256), nn.ReLU(), nn.Dropout(p_drop),
                         nn.Linear(256, 128), nn.ReLU(), nn.Dropout(p_drop), nn.Linear(128, 10))
'''),
        # a ReLU after the output layer as well
        ("relu_on_logits", edit(("    layers.append(nn.Linear(previous, 10))",
                                 "    layers += [nn.Linear(previous, 10), nn.ReLU()]"))),
        # every hidden layer takes 784 inputs
        ("in_features_784", edit(("nn.Linear(previous, width)", "nn.Linear(784, width)"))),
        # dropout only when p_drop > 0
        ("dropout_only_if_p", edit(("[nn.Linear(previous, width), nn.ReLU(), nn.Dropout(p_drop)]",
                                    "[nn.Linear(previous, width), nn.ReLU()] + ([nn.Dropout(p_drop)] if p_drop > 0 else [])"))),
        # layers kept in a plain list: not registered, no parameters
        ("plain_list", '''class Net(nn.Module):
    def __init__(self, widths, p_drop):
        super().__init__()
        dims = [784, *widths, 10]
        self.layers = [nn.Linear(a, b) for a, b in zip(dims[:-1], dims[1:])]
        self.drop = nn.Dropout(p_drop)

    def forward(self, x):
        x = x.flatten(1)
        for layer in self.layers[:-1]:
            x = self.drop(torch.relu(layer(x)))
        return self.layers[-1](x)


def build_mlp(widths, p_drop=0.0):
    return Net(widths, p_drop)
'''),
    ],
    "ex_topk_accuracy": [
        # ignores k: plain accuracy
        ("ignores_k", edit(("    top = logits.topk(k, dim=1).indices", "    top = logits.topk(1, dim=1).indices"))),
        # top-k along the batch axis
        ("topk_dim0", '''def topk_accuracy(logits, targets, k=1):
    top = logits.topk(k, dim=0).indices.T
    return (top == targets[:, None]).any(dim=1).float().mean().item()
'''),
        # smallest k logits
        ("smallest_k", edit(("logits.topk(k, dim=1)", "logits.topk(k, dim=1, largest=False)"))),
        # number of hits instead of the fraction
        ("count_not_fraction", edit((".any(dim=1).float().mean().item()", ".any(dim=1).float().sum().item()"))),
    ],
    "ex_train_fashion": [
        # raw 0..255 pixels into the model (the grader feeds standardised ones)
        ("raw_pixels", edit(("TensorDataset(standardize(x_train, mean, std), ", "TensorDataset(torch.tensor(x_train, dtype=torch.float32), "))),
        # over the budget: batch 32 for 5 epochs (1875 forward passes)
        ("over_budget", edit(("batch_size=128", "batch_size=32"))),
        # one epoch only, constant learning rate: under the target
        ("one_epoch", edit(("    epochs, lr = 5, 2e-3", "    epochs, lr = 1, 1e-3"))),
        # gradients never cleared
        ("no_zero_grad", _TRAIN_HEAD + '''    loader = DataLoader(TensorDataset(standardize(x_train, mean, std), torch.as_tensor(y_train)), batch_size=128, shuffle=True)
    model = build_mlp([256, 128], p_drop=0.1).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    loss_fn = nn.CrossEntropyLoss()
    for _ in range(5):
        model.train()
        for xb, yb in loader:
            loss = loss_fn(model(xb.to(device)), yb.to(device))
            loss.backward()
            optimizer.step()
    return model
'''),
    ],
    "ex_predict_proba": [
        # dropout left on
        ("no_eval", edit(("    model.eval()\n", ""))),
        # gradient recording left on
        ("grad_enabled", '''def predict_proba(model, images, mean, std, device):
    model.eval()
    probs = torch.softmax(model(standardize(images, mean, std).to(device)), dim=1).cpu()
    return probs, probs.argmax(dim=1)
'''),
        # only /255, no standardisation at inference
        ("div255_only", edit(("standardize(images, mean, std).to(device)", "(torch.tensor(images, dtype=torch.float32) / 255).to(device)"))),
        # softmax over the batch axis
        ("softmax_dim0", edit(("dim=1).cpu()", "dim=0).cpu()"))),
        # blind review: softmax by hand, exp() overflows to inf/nan on large logits
        ("naive_exp_softmax", '''def predict_proba(model, images, mean, std, device):
    model.eval()
    with torch.no_grad():
        logits = model(standardize(images, mean, std).to(device))
        e = logits.exp()
        probs = (e / e.sum(dim=1, keepdim=True)).cpu()
    return probs, probs.argmax(dim=1)
'''),
        # Not a mutant: results left on the model's device. The grader runs on the CPU, where that is the same device,
        # and the meta device cannot stand in (the right answer's .cpu() cannot copy a meta tensor either).
    ],
    "ex_class_experiment": [
        # 0 instead of nan for an absent class (division guarded the wrong way)
        ("zero_for_absent", edit(("    recall = np.full(num_classes, np.nan)", "    recall = np.zeros(num_classes)"))),
        # precision (columns) instead of recall (rows)
        ("precision", edit(("        mask = y_true == c", "        mask = y_pred == c"),
                           ("recall[c] = float((y_pred[mask] == c).mean())", "recall[c] = float((y_true[mask] == c).mean())"))),
        # the easiest class instead of the hardest
        ("argmax", edit(("hardest_class = int(np.nanargmin(recall))", "hardest_class = int(np.nanargmax(recall))"))),
        # confused_with read from the whole confusion, not the hardest class's row
        ("global_confusion", edit((
            "wrong = test_preds[(y_test_np == hardest_class) & (test_preds != hardest_class)]",
            "wrong = test_preds[(test_preds != y_test_np) & (test_preds != hardest_class)]"))),
        # blind review: the length taken from the data instead of num_classes
        ("num_classes_from_data", edit(("    recall = np.full(num_classes, np.nan)",
                                        "    num_classes = int(max(y_true.max(), y_pred.max())) + 1\n    recall = np.full(num_classes, np.nan)"))),
        # a guess from the lecture's digits instead of a measurement
        ("guessed", edit(("confused_with = int(np.bincount(wrong, minlength=10).argmax())",
                          "confused_with = int(np.bincount(wrong, minlength=10).argmax())\nhardest_class, confused_with = 9, 4"))),
    ],
}

CORRECT = {
    "ex_standardize": [
        # blind review: float32 arithmetic as the course does (.float()), off by ~1e-8 from float64
        ("torch_float32_stats", '''def pixel_stats(images):
    t = torch.from_numpy(images).float() / 255
    return t.mean().item(), t.std(unbiased=False).item()


def standardize(images, mean, std):
    return (torch.from_numpy(images).float() / 255 - mean) / std
'''),
        ("numpy_float32_stats", '''def pixel_stats(images):
    x = (images / 255).astype(np.float32)
    return float(x.mean()), float(x.std())


def standardize(images, mean, std):
    x = (images / 255).astype(np.float32)
    return torch.from_numpy((x - mean) / std)
'''),
        ("torch_stats", '''def pixel_stats(images):
    x = torch.from_numpy(images).double() / 255
    return x.mean().item(), x.std(unbiased=False).item()


def standardize(images, mean, std):
    x = torch.as_tensor(np.ascontiguousarray(images)).float().div(255)
    return x.sub(mean).div(std)
'''),
    ],
    "ex_build_mlp": [
        # blind review: the text now says these give the same results and keep the points
        ("dropout_before_relu", edit(("[nn.Linear(previous, width), nn.ReLU(), nn.Dropout(p_drop)]",
                                      "[nn.Linear(previous, width), nn.Dropout(p_drop), nn.ReLU()]"))),
        ("view_no_flatten", '''class Net(nn.Module):
    def __init__(self, widths, p_drop):
        super().__init__()
        layers, prev = [], 784
        for w in widths:
            layers += [nn.Linear(prev, w), nn.ReLU(), nn.Dropout(p_drop)]
            prev = w
        layers.append(nn.Linear(prev, 10))
        self.net = nn.Sequential(*layers)

    def forward(self, x):
        return self.net(x.view(-1, 784))


def build_mlp(widths, p_drop=0.0):
    return Net(widths, p_drop)
'''),
        ("module_list_class", '''class FlexibleMLP(nn.Module):
    def __init__(self, widths, p_drop):
        super().__init__()
        self.flatten = nn.Flatten()
        dims = [784, *widths]
        self.hidden = nn.ModuleList(nn.Sequential(nn.Linear(a, b), nn.ReLU(), nn.Dropout(p_drop))
                                    for a, b in zip(dims[:-1], dims[1:]))
        self.out = nn.Linear(dims[-1], 10)

    def forward(self, x):
        x = self.flatten(x)
        for block in self.hidden:
            x = block(x)
        return self.out(x)


def build_mlp(widths, p_drop=0.0):
    return FlexibleMLP(widths, p_drop)
'''),
    ],
    "ex_topk_accuracy": [
        ("argsort", '''def topk_accuracy(logits, targets, k=1):
    order = logits.detach().argsort(dim=1, descending=True)[:, :k]
    hits = (order == targets.reshape(-1, 1)).sum().item()
    return hits / len(targets)
'''),
    ],
    "ex_train_fashion": [
        # blind review: the budget is the Linear-call count; 10 epochs at batch 128 (940 calls) stays inside it
        ("ten_epochs_batch128", edit(("    epochs, lr = 5, 2e-3", "    epochs, lr = 10, 2e-3"))),
        ("own_loop_label_smoothing", '''def train_fashion(x_train, y_train, device):
    mean, std = pixel_stats(x_train)
    x = standardize(x_train, mean, std)
    y = torch.as_tensor(y_train, dtype=torch.long)
    loader = DataLoader(TensorDataset(x, y), batch_size=100, shuffle=True)
    model = build_mlp([256, 128], p_drop=0.2).to(device)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=5)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.05)
    for _ in range(5):
        model.train()
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            optimizer.zero_grad()
            loss_fn(model(xb), yb).backward()
            optimizer.step()
        scheduler.step()
    return model
'''),
    ],
    "ex_predict_proba": [
        ("inference_mode_log_softmax", '''def predict_proba(model, images, mean, std, device):
    model.eval()
    with torch.inference_mode():
        logits = model(standardize(images, mean, std).to(device))
        probs = torch.log_softmax(logits, dim=-1).exp().float().cpu()
    preds = torch.max(probs, dim=1).indices
    return probs.clone(), preds.clone()
'''),
    ],
    "ex_class_experiment": [
        ("confusion_matrix", '''def per_class_recall(y_true, y_pred, num_classes):
    cm = helpers.plot.confusion_matrix(y_true, y_pred, num_classes).astype(np.float64)
    totals = cm.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.diag(cm) / totals


_, preds = predict_proba(trained_model, x_test_raw, train_mean, train_std, device)
cm = helpers.plot.confusion_matrix(y_test_np, preds.numpy(), 10)
rec = per_class_recall(y_test_np, preds.numpy(), 10)
hardest_class = int(np.argmin(np.where(np.isnan(rec), np.inf, rec)))
row = cm[hardest_class].copy()
row[hardest_class] = -1
confused_with = int(row.argmax())
'''),
    ],
}

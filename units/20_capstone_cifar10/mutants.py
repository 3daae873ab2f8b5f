"""Known-wrong answers for 20_capstone_cifar10: each must lose its test cell's points (python -m tools.gradecheck 20_capstone_cifar10).

CORRECT lists right answers written in other styles; each must keep its points (python -m grading.fastcheck 20_capstone_cifar10).
Training cells are expensive (each case of ex_train_model / ex_experiment trains one or two models), so they get few cases.
"""

from grading.mutants import edit

_AUG_HEAD = '''def augment(x: torch.Tensor) -> torch.Tensor:
    """Per image: horizontal flip with probability 1/2, then a shift by -4..4 pixels on each axis (new tensor)."""
'''

_PREDICT_HEAD = '''def predict(model: nn.Module, images: np.ndarray, batch_size: int = 256) -> torch.Tensor:
    """Class ids (int64, CPU, (N,)) for uint8 HWC images: ImageNet-standardised, eval mode, no_grad, in batches."""
'''

_BUILD_HEAD = '''def build_model(pretrained: bool = True) -> nn.Module:
    """A new 10-class CIFAR model within 500k parameters; pretrained=True starts from the course backbone."""
'''

_TRAIN_HEAD = '''def train_model(model: nn.Module, x: np.ndarray, y: np.ndarray) -> nn.Module:
    """Train `model` (from build_model) on uint8 HWC images x and int64 labels y; return the trained model."""
'''

_REPORT_HEAD = '''def class_report(y_true, y_pred, n_classes: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """(confusion matrix int64 (n, n) rows = true, per-class recall float64 (n,), nan for an absent class)."""
'''

MUTANTS = {
    "ex_augment": [
        # one draw for the whole batch: every image flipped and shifted the same way
        ("same_for_batch", edit(("flip = torch.rand(n) < 0.5", "flip = (torch.rand(1) < 0.5).expand(n)"),
                                ("shift = torch.randint(-4, 5, (2, n))", "shift = torch.randint(-4, 5, (2, 1)).expand(2, n)"))),
        # torchvision transforms applied to the batch tensor: also one draw per batch
        ("torchvision_on_batch", _AUG_HEAD + '''    from torchvision.transforms import v2

    t = v2.Compose([v2.RandomHorizontalFlip(), v2.RandomCrop(tuple(x.shape[-2:]), padding=4)])
    return t(x)
'''),
        # crop only, no flip
        ("no_flip", edit(("out = torch.where(flip[:, None, None, None].to(x.device), x.flip(3), x)", "out = x"))),
        # flips upside down (not label-preserving for CIFAR)
        ("vertical_flip", edit(("x.flip(3), x)", "x.flip(2), x)"))),
        # shifts only by -2..2 (padding 2)
        ("small_shift", edit(("torch.randint(-4, 5, (2, n))", "torch.randint(-2, 3, (2, n))"))),
        # flips the input in place
        ("in_place", edit(("out = torch.where(flip[:, None, None, None].to(x.device), x.flip(3), x)",
                           "x[flip.to(x.device)] = x[flip.to(x.device)].flip(3)\n    out = x"))),
        # size hard-coded to 32x32 (the text says H, W may differ)
        ("hard_coded_32", edit(("result[i] = padded[i, :, dy:dy + h, dx:dx + w]", "result[i] = padded[i, :, dy:dy + 32, dx:dx + 32]"))),
        # NumPy's generator: torch.manual_seed does not make it reproducible
        ("numpy_rng", edit(("flip = torch.rand(n) < 0.5", "flip = torch.from_numpy(np.random.rand(n) < 0.5)"),
                           ("shift = torch.randint(-4, 5, (2, n))", "shift = torch.from_numpy(np.random.randint(-4, 5, (2, n)))"))),
    ],
    "ex_predict": [
        # the seed's mistake: /255 only, no ImageNet standardisation
        ("no_standardise", edit(("model(to_input(images[i:i + batch_size]).to(where))",
                                 "model((torch.as_tensor(images[i:i + batch_size]).permute(0, 3, 1, 2).float() / 255).to(where))"))),
        # forgets eval(): batch normalisation uses each batch's statistics
        ("forgets_eval", edit(("    model.eval()\n", ""))),
        # reshape instead of permute: HWC bytes read as CHW
        ("reshape_not_permute", edit(("model(to_input(images[i:i + batch_size]).to(where))",
                                      "model(to_input(images[i:i + batch_size]).permute(0, 2, 3, 1).reshape(-1, 3, 32, 32).to(where))"))),
        # BGR: channels reversed
        ("bgr", edit(("to_input(images[i:i + batch_size])", "to_input(images[i:i + batch_size][..., ::-1].copy())"))),
        # labels as float
        ("float_labels", edit(("return torch.cat(out).long()", "return torch.cat(out).float()"))),
        # NumPy array instead of a tensor
        ("returns_numpy", edit(("return torch.cat(out).long()", "return torch.cat(out).long().numpy()"))),
        # the last, smaller batch is dropped
        ("drops_last_batch", edit(("range(0, len(images), batch_size)", "range(0, len(images) - batch_size + 1, batch_size)"))),
        # ignores batch_size: one call with every image
        ("one_batch", edit(("for i in range(0, len(images), batch_size):", "for i in range(1):"),
                           ("images[i:i + batch_size]", "images"))),
        # no torch.no_grad(): eval() and .detach() on the output only (the graph is still built)
        ("detach_no_no_grad", edit(("    with torch.no_grad():\n        for i", "    if True:\n        for i"),
                                   ("out.append(logits.argmax(dim=1).cpu())", "out.append(logits.detach().argmax(dim=1).cpu())"))),
        # flip test-time augmentation: two calls per batch (the text asks for one)
        ("flip_tta", edit(("logits = model(to_input(images[i:i + batch_size]).to(where))",
                           "xb = to_input(images[i:i + batch_size]).to(where)\n"
                           "            logits = model(xb).softmax(1) + model(xb.flip(3)).softmax(1)"))),
    ],
    "ex_build_model": [
        # keeps the backbone's 8-class head
        ("keeps_8_class_head", edit(("    model.fc = nn.Linear(model.fc.in_features, 10)\n", ""))),
        # pretrained=False still loads the backbone
        ("flag_ignored", edit(("helpers.models.load_backbone() if pretrained else CifarNet(n_classes=8)",
                               "helpers.models.load_backbone()"))),
        # never loads the backbone
        ("never_pretrained", edit(("helpers.models.load_backbone() if pretrained else CifarNet(n_classes=8)",
                                   "CifarNet(n_classes=8)"))),
        # a bigger MLP head: 532k parameters, over the budget
        ("over_budget", edit(("model.fc = nn.Linear(model.fc.in_features, 10)",
                              "model.fc = nn.Sequential(nn.Linear(model.fc.in_features, 1024), nn.ReLU(), nn.Linear(1024, 10))"))),
        # one backbone loaded once and handed out again on every call
        ("cached_backbone", '''_BACKBONE = helpers.models.load_backbone()


''' + _BUILD_HEAD + '''    model = _BACKBONE if pretrained else CifarNet(n_classes=8)
    model.fc = nn.Linear(model.fc.in_features, 10)
    return model
'''),
    ],
    "ex_train_model": [
        # trains on /255 inputs while prediction (and grading) standardise
        ("trains_unstandardised", edit(("xs = to_input(x)", "xs = torch.as_tensor(x).permute(0, 3, 1, 2).float() / 255"))),
        # labels off by one
        ("labels_shifted", edit(("torch.as_tensor(y, dtype=torch.long)", "((torch.as_tensor(y, dtype=torch.long) + 1) % 10)"))),
        # trains on the notebook's x_test too (global), not only on the x, y passed in
        ("uses_global_x_test", edit(("xs = to_input(x)", "xs = to_input(np.concatenate([x, x_test]))"),
                                    ("torch.as_tensor(y, dtype=torch.long)", "torch.as_tensor(np.concatenate([y, y_test]), dtype=torch.long)"))),
    ],
    "ex_class_report": [
        # rows = predictions
        ("transposed", edit(("np.add.at(cm, (t, p), 1)", "np.add.at(cm, (p, t), 1)"))),
        # precision (column sums) instead of per-class accuracy
        ("precision", edit(("support = cm.sum(axis=1)", "support = cm.sum(axis=0)"))),
        # 0 instead of nan for a class without samples
        ("absent_zero", edit(("np.maximum(support, 1), np.nan)", "np.maximum(support, 1), 0.0)"))),
        # size from the data: a class missing at the top end disappears
        ("size_from_data", edit(("cm = np.zeros((n_classes, n_classes), dtype=np.int64)",
                                 "k = int(max(t.max(), p.max())) + 1\n    cm = np.zeros((k, k), dtype=np.int64)"))),
        # float matrix
        ("float_cm", edit(("cm = np.zeros((n_classes, n_classes), dtype=np.int64)",
                           "cm = np.zeros((n_classes, n_classes))"))),
    ],
    "ex_experiment": [
        # plausible numbers typed in (the lecture prints the ranges); the random model is built but never trained
        ("hard_coded_plausible", '''model_random = build_model(pretrained=False).to(device)
pred_random = predict(model_random, x_test).numpy()
EXPERIMENT = {"pretrained": 0.63, "random": 0.28}
print(EXPERIMENT)
'''),
        # the "random" model is the pretrained one again
        ("random_is_pretrained", edit(("train_model(build_model(pretrained=False), x_train, y_train)",
                                       "train_model(build_model(pretrained=True), x_train, y_train)"))),
        # percentages instead of fractions
        ("percent", edit(('"pretrained": float((test_pred == y_test).mean()),', '"pretrained": float((test_pred == y_test).mean()) * 100,'),
                         ('"random": float((pred_random == y_test).mean()),', '"random": float((pred_random == y_test).mean()) * 100,'))),
        # keys swapped
        ("swapped", edit(('"pretrained": float((test_pred == y_test).mean()),', '"random": float((test_pred == y_test).mean()),'),
                         ('"random": float((pred_random == y_test).mean()),', '"pretrained": float((pred_random == y_test).mean()),'))),
    ],
}

CORRECT = {
    "ex_augment": [
        # the course helper (reflect padding)
        ("helpers_flip_crop", _AUG_HEAD + '''    return helpers.models.flip_crop(x, pad=4)
'''),
        # torchvision, one draw per image
        ("torchvision_per_image", _AUG_HEAD + '''    from torchvision.transforms import v2

    t = v2.Compose([v2.RandomHorizontalFlip(), v2.RandomCrop(tuple(x.shape[-2:]), padding=4, padding_mode="edge")])
    return torch.stack([t(img) for img in x])
'''),
        # wrap-around shift with torch.roll, flip decided per image in a loop
        ("roll_loop", _AUG_HEAD + '''    out = []
    for img in x:
        if torch.rand(()) < 0.5:
            img = img.flip(-1)
        dy, dx = torch.randint(-4, 5, (2,)).tolist()
        out.append(torch.roll(img, shifts=(dy, dx), dims=(-2, -1)))
    return torch.stack(out)
'''),
    ],
    "ex_predict": [
        # restores the mode it was given (the text allows both), torch.no_grad as a decorator on an inner function
        ("restores_mode", _PREDICT_HEAD + '''    was_training = model.training
    dev = next(model.parameters()).device

    @torch.no_grad()
    def run(xb):
        return model(xb.to(dev)).argmax(dim=1).cpu()

    model.eval()
    out = [run(to_input(images[i:i + batch_size])) for i in range(0, len(images), batch_size)]
    model.train(was_training)
    return torch.cat(out).to(torch.int64)
'''),
        # NumPy standardisation, DataLoader batches, inference_mode, softmax before argmax
        ("numpy_dataloader", _PREDICT_HEAD + '''    mean = np.array([0.485, 0.456, 0.406], dtype=np.float32)
    std = np.array([0.229, 0.224, 0.225], dtype=np.float32)
    x = ((images.astype(np.float32) / 255 - mean) / std).transpose(0, 3, 1, 2)
    loader = DataLoader(torch.from_numpy(np.ascontiguousarray(x)), batch_size=batch_size)
    dev = next(model.parameters()).device
    model.eval()
    labels = []
    with torch.inference_mode():
        for xb in loader:
            labels.append(model(xb.to(dev)).softmax(dim=1).argmax(dim=1).to("cpu", torch.int64))
    return torch.cat(labels)
'''),
    ],
    "ex_build_model": [
        # a Sequential of the backbone's body and a new head; random = the same shapes freshly initialised
        ("sequential_frozen_body", _BUILD_HEAD + '''    body = helpers.models.load_backbone().body if pretrained else CifarNet().body
    if pretrained:
        for p in body.parameters():
            p.requires_grad = False
    return nn.Sequential(body, nn.Linear(128, 10))
'''),
        # state_dict copy into a fresh CifarNet (head left out)
        ("load_state_dict", _BUILD_HEAD + '''    model = CifarNet(n_classes=10)
    if pretrained:
        state = {k: v for k, v in helpers.models.load_backbone().state_dict().items() if not k.startswith("fc.")}
        model.load_state_dict(state, strict=False)
    return model
'''),
    ],
    "ex_train_model": [
        # linear probe on the originals only (no augmentation), 30 head epochs, hand-written loop
        ("probe_no_augment", _TRAIN_HEAD + '''    model = model.to(device).eval()
    xs = to_input(x)
    with torch.no_grad():
        feats = torch.cat([model.features(xs[i:i + 1000].to(device)) for i in range(0, len(xs), 1000)])
    labels = torch.as_tensor(y).to(device)
    head_opt = torch.optim.Adam(model.fc.parameters(), lr=1e-2, weight_decay=1e-3)
    for _ in range(30):
        perm = torch.randperm(len(feats))
        for i in range(0, len(feats), 128):
            idx = perm[i:i + 128]
            head_opt.zero_grad()
            nn.functional.cross_entropy(model.fc(feats[idx]), labels[idx]).backward()
            head_opt.step()
    return model
'''),
    ],
    "ex_class_report": [
        # the course helper for the counts
        ("helpers_confusion", _REPORT_HEAD + '''    cm = helpers.plot.confusion_matrix(y_true, y_pred, n_classes).astype(np.int64)
    rows = cm.sum(axis=1).astype(np.float64)
    acc = np.full(n_classes, np.nan)
    acc[rows > 0] = np.diag(cm)[rows > 0] / rows[rows > 0]
    return cm, acc
'''),
        # scikit-learn with the labels fixed
        ("sklearn", _REPORT_HEAD + '''    from sklearn.metrics import confusion_matrix

    cm = confusion_matrix(np.asarray(y_true), np.asarray(y_pred), labels=list(range(n_classes))).astype(np.int64)
    acc = [cm[c, c] / cm[c].sum() if cm[c].sum() > 0 else float("nan") for c in range(n_classes)]
    return cm, np.array(acc, dtype=np.float64)
'''),
        # torch.bincount
        ("torch_bincount", _REPORT_HEAD + '''    t = torch.as_tensor(y_true).long()
    p = torch.as_tensor(y_pred).long()
    cm = torch.bincount(t * n_classes + p, minlength=n_classes * n_classes).reshape(n_classes, n_classes)
    support = cm.sum(dim=1).double()
    acc = cm.diag().double() / support
    return cm.numpy().astype(np.int64), acc.numpy()
'''),
    ],
    "ex_experiment": [
        # accuracies as the mean of equal per-class accuracies, computed with tensors
        ("tensor_accuracy", '''torch.manual_seed(0)
model_random = train_model(build_model(pretrained=False), x_train, y_train)
pred_random = predict(model_random, x_test).numpy()
y_t = torch.from_numpy(y_test)
EXPERIMENT = {"pretrained": (predict(model, x_test) == y_t).float().mean().item(),
              "random": (predict(model_random, x_test) == y_t).float().mean().item()}
print(EXPERIMENT)
'''),
    ],
}

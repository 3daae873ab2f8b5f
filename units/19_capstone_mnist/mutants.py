"""Known-wrong answers for 19_capstone_mnist: each must lose its test cell's points (python -m grading.fastcheck).

CORRECT lists right answers written in other styles; each must keep its points. The training cells have few,
cheap mutants (each one retrains a model in fastcheck).
"""

from grading.mutants import edit

_COUNT_HEAD = '''def count_params(model: nn.Module) -> dict[str, int]:
    """Element counts of trainable and frozen parameters and of buffers (shared tensors once), plus their total."""
'''

_PRE_HEAD = '''def preprocess(x) -> torch.Tensor:
    """uint8 images (N, 28, 28) as array or tensor -> float32 CPU tensor (N, 1, 28, 28) in [0, 1]."""
'''

_PREDICT_HEAD = '''def predict(model: nn.Module, x, batch_size: int = 256) -> torch.Tensor:
    """Predicted class ids (int64, CPU, shape (N,)) for uint8 images, in eval mode, without gradients, in batches."""
'''

_TOP_HEAD = '''def top_confusions(y_true, y_pred, k: int = 3) -> list[tuple[int, int, int]]:
    """The k largest off-diagonal confusion counts as (true, predicted, count), ties by (true, predicted)."""
'''

_FILTERS_HEAD = '''def first_conv_filters(model: nn.Module) -> np.ndarray:
    """Weights (out_channels, kH, kW) of the first nn.Conv2d in model.modules(), as a float32 NumPy array."""
'''

_WIDTH_HEAD = '''width_models: dict[int, nn.Module] = {}
width_results: dict[int, dict[str, float]] = {}
'''

# Three ways the blind check kept 12.6k numbers out of the count while forward used them (BudgetCNN and
# train_model come from the reference answer: the ex_mnist_model mutants edit that cell, the ex_fashion_model one
# runs after it).
_HIDDEN_CLASSES = '''class ReportsInner(nn.Module):
    def __init__(self):
        super().__init__()
        self.net = BudgetCNN(16)
        self.side = nn.Linear(784, 16)
        self.side_out = nn.Linear(16, 10)

    def forward(self, x):
        return self.net(x) + self.side_out(torch.relu(self.side(x.flatten(1))))

    def parameters(self, recurse=True):
        return self.net.parameters(recurse)

    def named_parameters(self, *args, **kwargs):
        return self.net.named_parameters(*args, **kwargs)

    def buffers(self, recurse=True):
        return self.net.buffers(recurse)

    def named_buffers(self, *args, **kwargs):
        return self.net.named_buffers(*args, **kwargs)

    def state_dict(self, *args, **kwargs):
        return self.net.state_dict(*args, **kwargs)


class ListHidden(BudgetCNN):
    def __init__(self):
        super().__init__(16)
        self.side = [nn.Linear(784, 16), nn.Linear(16, 10)]

    def forward(self, x):
        return super().forward(x) + self.side[1](torch.relu(self.side[0](x.flatten(1))))


class SetattrHidden(BudgetCNN):
    def __init__(self):
        super().__init__(16)
        object.__setattr__(self, "side_w", torch.randn(10, 784) * 0.01)

    def forward(self, x):
        return super().forward(x) + x.flatten(1) @ self.side_w.T


'''

MUTANTS = {
    "ex_count_params": [
        # frozen parameters counted as trainable (requires_grad ignored)
        ("ignores_requires_grad", _COUNT_HEAD + '''    trainable = sum(p.numel() for p in model.parameters())
    buffers = sum(b.numel() for b in model.buffers())
    return {"trainable": trainable, "frozen": 0, "buffers": buffers, "total": trainable + buffers}
'''),
        # walks every module's own parameters: a weight shared by two modules is counted twice
        ("per_module_double_count", _COUNT_HEAD + '''    trainable = frozen = buffers = 0
    for m in model.modules():
        for p in m.parameters(recurse=False):
            if p.requires_grad:
                trainable += p.numel()
            else:
                frozen += p.numel()
        for b in m.buffers(recurse=False):
            buffers += b.numel()
    return {"trainable": trainable, "frozen": frozen, "buffers": buffers, "total": trainable + frozen + buffers}
'''),
        # total from the state_dict: tied weights appear under two names
        ("total_from_state_dict", edit(('"total": int(trainable + frozen + buffers)}',
                                        '"total": int(sum(v.numel() for v in model.state_dict().values()))}'))),
        # puts the model in eval mode while counting (the text: do not change train/eval mode; blind check)
        ("switches_to_eval", edit(("    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)",
                                   "    model.eval()\n    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)"))),
        # forgets the buffers in the total
        ("total_without_buffers", edit(('"total": int(trainable + frozen + buffers)}', '"total": int(trainable + frozen)}'))),
        # NumPy integers instead of Python int
        ("numpy_ints", _COUNT_HEAD + '''    trainable = np.sum([p.numel() for p in model.parameters() if p.requires_grad], dtype=np.int64)
    frozen = np.sum([p.numel() for p in model.parameters() if not p.requires_grad], dtype=np.int64)
    buffers = np.sum([b.numel() for b in model.buffers()], dtype=np.int64)
    return {"trainable": trainable, "frozen": frozen, "buffers": buffers, "total": trainable + frozen + buffers}
'''),
    ],
    "ex_preprocess": [
        # forgets /255
        ("no_div255", edit(('.unsqueeze(1) / 255', '.unsqueeze(1)'))),
        # no channel axis
        ("no_channel_axis", edit(('.unsqueeze(1) / 255', ' / 255'))),
        # channel axis last (TensorFlow layout)
        ("channels_last", edit(('.unsqueeze(1) / 255', '.unsqueeze(-1) / 255'))),
        # NumPy division gives float64
        ("float64", _PRE_HEAD + '''    return torch.from_numpy(np.asarray(x)[:, None] / 255.0)
'''),
        # extra normalisation with the MNIST mean and std (the text says /255 only)
        ("mnist_standardised", edit(('.unsqueeze(1) / 255', '.unsqueeze(1).div(255).sub(0.1307).div(0.3081)'))),
    ],
    "ex_predict": [
        # forgets eval(): dropout and batch statistics at prediction time
        ("no_eval", edit(("    model.eval()\n", ""))),
        # skips the last, partial batch
        ("drops_last_batch", edit(("for i in range(0, len(inputs), batch_size):",
                                   "for i in range(0, len(inputs) - batch_size + 1, batch_size):"))),
        # raw pixels instead of the training preprocessing
        ("raw_pixels", edit(("inputs = preprocess(x)", "inputs = torch.as_tensor(x).float().unsqueeze(1)"))),
        # returns the logits, not class ids
        ("returns_logits", edit((".argmax(dim=1).cpu())", ".cpu())"))),
        # int32 class ids
        ("int32", edit((".argmax(dim=1).cpu())", ".argmax(dim=1).int().cpu())"),
                       ("torch.empty(0, dtype=torch.int64)", "torch.empty(0, dtype=torch.int32)"))),
        # torch.cat of an empty list fails for N = 0
        ("empty_input_fails", edit(("out = [torch.empty(0, dtype=torch.int64)]", "out = []"))),
        # returns a NumPy array
        ("numpy_out", edit(("    return torch.cat(out)", "    return torch.cat(out).numpy()"))),
        # no torch.no_grad(): same predictions, but the graph is built for every batch (blind check)
        ("no_no_grad", edit(("    with torch.no_grad():\n", "    if True:\n"))),
        # batch_size ignored: the whole input in one batch (blind check)
        ("one_batch", edit(("for i in range(0, len(inputs), batch_size):", "for i in range(0, len(inputs), max(len(inputs), 1)):"),
                           ("inputs[i:i + batch_size]", "inputs[i:]"))),
        # always batches of 256, whatever batch_size says (blind check)
        ("always_256", edit(("for i in range(0, len(inputs), batch_size):", "for i in range(0, len(inputs), 256):"),
                            ("inputs[i:i + batch_size]", "inputs[i:i + 256]"))),
    ],
    "ex_mnist_model": [
        # wider model: over the budget
        # (one epoch only, to keep fastcheck cheap: the size check comes first)
        ("over_budget", edit(("mnist_model = train_model(BudgetCNN(16), mnist.x_train, mnist.y_train, epochs=3)",
                              "mnist_model = train_model(BudgetCNN(24), mnist.x_train, mnist.y_train, epochs=1)"))),
        # labels taken in file order while the images are shuffled
        ("labels_not_shuffled", edit(("y[idx].to(device)", "y[i:i + batch_size].to(device)"))),
        # an MLP that fits the budget: no convolution, below the target
        ("mlp_in_budget", edit(("mnist_model = train_model(BudgetCNN(16), mnist.x_train, mnist.y_train, epochs=3)",
                                "mnist_model = train_model(nn.Sequential(nn.Flatten(), nn.Linear(784, 30), nn.ReLU(), "
                                "nn.Linear(30, 10)), mnist.x_train, mnist.y_train, epochs=1)"))),
        # softmax at the end: probabilities instead of the (N, 10) logits the text asks for (trained as logits, so the
        # accuracy alone would pass; blind check)
        ("softmax_output", edit(("mnist_model = train_model(BudgetCNN(16), mnist.x_train, mnist.y_train, epochs=3)",
                                 "mnist_model = nn.Sequential(train_model(BudgetCNN(16), mnist.x_train, mnist.y_train, epochs=1), "
                                 "nn.Softmax(dim=1))"))),
        # budget dodged (blind check): a wrapper whose parameters()/buffers()/state_dict() report only a small inner
        # net while forward also uses a big hidden layer (one epoch: the registry count catches it before accuracy)
        ("wrapper_hides_parameters", edit(("mnist_model = train_model(BudgetCNN(16), mnist.x_train, mnist.y_train, epochs=3)",
                _HIDDEN_CLASSES + "mnist_model = train_model(ReportsInner(), mnist.x_train, mnist.y_train, epochs=1)"))),
        # budget dodged: an extra layer kept in a plain Python list (not registered, not counted by parameters())
        ("layer_in_python_list", edit(("mnist_model = train_model(BudgetCNN(16), mnist.x_train, mnist.y_train, epochs=3)",
                _HIDDEN_CLASSES + "mnist_model = train_model(ListHidden(), mnist.x_train, mnist.y_train, epochs=1)"))),
        # budget dodged: a weight tensor set with object.__setattr__ (bypasses nn.Module registration)
        ("tensor_via_object_setattr", edit(("mnist_model = train_model(BudgetCNN(16), mnist.x_train, mnist.y_train, epochs=3)",
                _HIDDEN_CLASSES + "mnist_model = train_model(SetattrHidden(), mnist.x_train, mnist.y_train, epochs=1)"))),
    ],
    "ex_fashion_model": [
        # the MNIST model handed in again
        ("same_object_as_mnist", "fashion_model = mnist_model\n"),
        # wider model: over the budget
        ("over_budget", edit(("BudgetCNN(16), fashion.x_train, fashion.y_train, epochs=4",
                              "BudgetCNN(24), fashion.x_train, fashion.y_train, epochs=1"))),
        # budget dodged: the wrapper that reports only its inner net
        ("wrapper_hides_parameters", _HIDDEN_CLASSES + '''fashion_model = train_model(ReportsInner(), fashion.x_train, fashion.y_train, epochs=1)
'''),
    ],
    "ex_top_confusions": [
        # the diagonal (correct predictions) counted as confusions
        ("includes_diagonal", edit(("if t != p and cm[t, p] > 0]", "if cm[t, p] > 0]"))),
        # ties ordered by the predicted class first
        ("ties_by_pred", edit(("(-tpc[2], tpc[0], tpc[1])", "(-tpc[2], tpc[1], tpc[0])"))),
        # (predicted, true) instead of (true, predicted)
        ("swapped_pair", edit(("(int(t), int(p), int(cm[t, p]))", "(int(p), int(t), int(cm[t, p]))"))),
        # keeps pairs that never happened
        ("keeps_zero_counts", edit(("if t != p and cm[t, p] > 0]", "if t != p]"))),
        # NumPy integers in the tuples
        ("numpy_ints", edit(("(int(t), int(p), int(cm[t, p]))", "(int(t), int(p), cm[t, p])"))),
        # smallest first
        ("ascending", edit(("(-tpc[2], tpc[0], tpc[1])", "(tpc[2], tpc[0], tpc[1])"))),
    ],
    "ex_first_conv_filters": [
        # the last convolution instead of the first
        ("last_conv", _FILTERS_HEAD + '''    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    if not convs:
        raise ValueError("no conv")
    return convs[-1].weight.detach().cpu().numpy()[:, 0].copy()
'''),
        # keeps the input-channel axis: (C_out, 1, kH, kW)
        ("keeps_channel_axis", edit(("numpy()[:, 0].astype", "numpy().astype"))),
        # only looks at the direct children (misses nested blocks)
        ("children_only", edit(("for module in model.modules():", "for module in model.children():"))),
        # returns None instead of raising
        ("no_error", edit(('    raise ValueError("모델에 nn.Conv2d 가 없습니다")', "    return None"))),
        # squeeze() drops every size-1 axis: wrong for one output channel or a 1x1 kernel (blind check)
        ("squeeze_all", edit(("numpy()[:, 0].astype", "numpy().squeeze().astype"))),
        # any convolution (Conv1d, ConvTranspose2d) instead of the first nn.Conv2d (blind check)
        ("any_convnd", edit(("isinstance(module, nn.Conv2d)", "isinstance(module, nn.modules.conv._ConvNd)"))),
        # a torch tensor instead of an array
        ("returns_tensor", edit(("return module.weight.detach().cpu().numpy()[:, 0].astype(np.float32, copy=True)",
                                 "return module.weight.detach().cpu()[:, 0].clone()"))),
    ],
    "ex_width_experiment": [
        # sizes without the buffers (trainable parameters only)
        ("size_trainable_only", edit(('"size": count_params(model)["total"]', '"size": count_params(model)["trainable"]'))),
        # accuracy in percent
        ("percent", edit(('"accuracy": float((predict(model, mnist.x_test).numpy() == mnist.y_test).mean())',
                          '"accuracy": float((predict(model, mnist.x_test).numpy() == mnist.y_test).mean() * 100)'))),
        # accuracy as a 0-dim torch tensor, not a float
        ("tensor_accuracy", edit(('"accuracy": float((predict(model, mnist.x_test).numpy() == mnist.y_test).mean())',
                                  '"accuracy": (predict(model, mnist.x_test) == torch.from_numpy(mnist.y_test)).float().mean()'))),
        # accuracy on the training images
        ("train_accuracy", edit(('"accuracy": float((predict(model, mnist.x_test).numpy() == mnist.y_test).mean())',
                                 '"accuracy": float((predict(model, mnist.x_train[:1000]).numpy() == mnist.y_train[:1000]).mean())'))),
        # models built but never trained
        ("untrained", edit(("model = train_model(BudgetCNN(w), mnist.x_train, mnist.y_train, epochs=1)",
                            "model = BudgetCNN(w).to(device)"))),
    ],
}

CORRECT = {
    "ex_count_params": [
        ("seen_ids_loop", _COUNT_HEAD + '''    seen = set()
    out = {"trainable": 0, "frozen": 0, "buffers": 0}
    for _, p in model.named_parameters():
        if id(p) in seen:
            continue
        seen.add(id(p))
        out["trainable" if p.requires_grad else "frozen"] += p.numel()
    for b in model.buffers():
        out["buffers"] += b.numel()
    out["total"] = out["trainable"] + out["frozen"] + out["buffers"]
    return out
'''),
    ],
    "ex_preprocess": [
        ("numpy_float32", _PRE_HEAD + '''    arr = np.asarray(x, dtype=np.float32) / np.float32(255.0)
    return torch.from_numpy(arr.reshape(-1, 1, 28, 28))
'''),
        ("multiply_reciprocal", _PRE_HEAD + '''    return torch.as_tensor(x).float().mul(1 / 255).view(-1, 1, 28, 28)
'''),
    ],
    "ex_predict": [
        ("helpers_predict", _PREDICT_HEAD + '''    return helpers.train.predict(model, preprocess(x), device=next(model.parameters()).device,
                                 batch_size=batch_size).to(torch.int64)
'''),
        ("inference_mode_split", _PREDICT_HEAD + '''    model.eval()
    dev = next(model.parameters()).device
    labels = torch.zeros(len(x), dtype=torch.long)
    with torch.inference_mode():
        for start in range(0, len(x), batch_size):
            chunk = preprocess(x[start:start + batch_size]).to(dev)
            labels[start:start + len(chunk)] = model(chunk).argmax(1).cpu()
    return labels
'''),
    ],
    "ex_mnist_model": [
        ("gap_cnn_helpers_fit", '''from torch.utils.data import DataLoader, TensorDataset

torch.manual_seed(1)
mnist_model = nn.Sequential(
    nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
    nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
    nn.Flatten(), nn.Dropout(0.1), nn.Linear(16 * 7 * 7, 10),
)
loader = DataLoader(TensorDataset(preprocess(mnist.x_train), torch.from_numpy(mnist.y_train)), batch_size=64, shuffle=True)
optimizer = torch.optim.Adam(mnist_model.parameters(), lr=2e-3)
helpers.train.fit(mnist_model, loader, nn.CrossEntropyLoss(), optimizer, epochs=3, device=device)
'''),
    ],
    "ex_top_confusions": [
        ("stable_argsort", _TOP_HEAD + '''    t = np.asarray(y_true).astype(np.int64)
    p = np.asarray(y_pred).astype(np.int64)
    cm = np.zeros((10, 10), dtype=np.int64)
    np.add.at(cm, (t, p), 1)
    np.fill_diagonal(cm, 0)
    flat = cm.ravel()
    order = np.argsort(-flat, kind="stable")
    out = []
    for idx in order[:k]:
        if flat[idx] == 0:
            break
        out.append((int(idx // 10), int(idx % 10), int(flat[idx])))
    return out
'''),
        ("counter", _TOP_HEAD + '''    from collections import Counter

    pairs = Counter((int(a), int(b)) for a, b in zip(y_true.tolist(), y_pred.tolist()) if int(a) != int(b))
    ranked = sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
    return [(a, b, c) for (a, b), c in ranked[:k]]
'''),
    ],
    "ex_first_conv_filters": [
        ("list_squeeze", _FILTERS_HEAD + '''    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    if len(convs) == 0:
        raise ValueError("합성곱 층이 없습니다")
    return convs[0].weight.detach().clone().cpu().squeeze(1).numpy()
'''),
    ],
    "ex_width_experiment": [
        # the accuracy as NumPy's mean gives it: np.float64, a float subclass (blind check)
        ("numpy_float64_accuracy", edit(('"accuracy": float((predict(model, mnist.x_test).numpy() == mnist.y_test).mean())',
                                         '"accuracy": (predict(model, mnist.x_test).numpy() == mnist.y_test).mean()'))),
        ("mlp_widths_helpers_fit", _WIDTH_HEAD + '''from torch.utils.data import DataLoader, TensorDataset

for w in WIDTHS:
    torch.manual_seed(w)
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, w), nn.ReLU(), nn.Linear(w, 10))
    loader = DataLoader(TensorDataset(preprocess(mnist.x_train), torch.from_numpy(mnist.y_train)), batch_size=64,
                        shuffle=True)
    helpers.train.fit(net, loader, nn.CrossEntropyLoss(), torch.optim.Adam(net.parameters(), lr=3e-3), epochs=1,
                      device=device)
    width_models[w] = net
    correct = (predict(net, mnist.x_test) == torch.from_numpy(mnist.y_test)).sum().item()
    width_results[w] = {"size": count_params(net)["total"], "accuracy": correct / len(mnist.y_test)}
'''),
    ],
}

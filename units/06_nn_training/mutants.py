"""Known-wrong answers for 06_nn_training: each is a mistake students really make and must lose its cell's points.

CORRECT lists right answers in other styles that must keep their points (python -m grading.fastcheck 06_nn_training).
"""

from grading.mutants import edit

MUTANTS = {
    "ex_frame_dataset": [
        # statistics of the frame itself even when a reference is given (test set standardised by its own stats)
        ("own_stats", edit(("        ref = df if reference is None else reference\n", "        ref = df\n"))),
        # pandas std() defaults to ddof=1
        ("pandas_ddof1", edit(("(df[col].to_numpy(dtype=np.float64) - values.mean()) / values.std()",
                               "(df[col] - ref[col].mean()).to_numpy(dtype=np.float64) / ref[col].std()"))),
        # categories in order of appearance instead of sorted
        ("appearance_order", edit(("levels = sorted(ref[col].astype(str).unique())", "levels = list(ref[col].astype(str).unique())"))),
        # float64 items
        ("float64_items", edit(("self.x = torch.tensor(x, dtype=torch.float32)", "self.x = torch.tensor(x)"))),
        # y as a scalar per item: batches come out (B,) instead of (B, 1)
        ("scalar_target", edit((", dtype=torch.float32).reshape(-1, 1)", ", dtype=torch.float32)"))),
        # pandas get_dummies: categories of the frame itself, unseen references ignored
        ("get_dummies", '''class FrameDataset(Dataset):
    def __init__(self, df, numeric, categorical, target, reference=None):
        ref = df if reference is None else reference
        num = (df[numeric] - ref[numeric].mean()) / ref[numeric].std(ddof=0)
        dummies = pd.get_dummies(df[categorical].astype(str), dtype=float)
        x = pd.concat([num, dummies], axis=1).to_numpy(dtype=np.float64)
        self.x = torch.tensor(x, dtype=torch.float32)
        self.y = torch.tensor(df[target].to_numpy(dtype=np.float64), dtype=torch.float32).reshape(-1, 1)
        self.num_features = int(self.x.shape[1])

    def __len__(self):
        return len(self.x)

    def __getitem__(self, i):
        return self.x[i], self.y[i]
'''),
    ],
    "ex_wide_and_deep": [
        # the wide branch forgotten: the lecture's two-layer net
        ("no_wide", edit(("        return self.deep(x) + self.wide(x)", "        return self.deep(x)"))),
        # the wide branch with its own bias
        ("wide_bias", edit(("nn.Linear(in_features, out_features, bias=False)", "nn.Linear(in_features, out_features)"))),
        # ReLU on the sum
        ("relu_on_output", edit(("        return self.deep(x) + self.wide(x)", "        return torch.relu(self.deep(x) + self.wide(x))"))),
        # the wide branch reads the hidden layer
        ("wide_from_hidden", '''class WideAndDeep(nn.Module):
    def __init__(self, in_features, hidden, out_features):
        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.fc2 = nn.Linear(hidden, out_features)
        self.wide = nn.Linear(hidden, out_features, bias=False)

    def forward(self, x):
        h = torch.relu(self.fc1(x))
        return self.fc2(h) + self.wide(h)
'''),
    ],
    "ex_train_accum": [
        # steps after every batch: accum_steps ignored
        ("step_every_batch", edit(("        if pending == accum_steps:", "        if True:"))),
        # the loss is not divided: accum_steps times larger steps
        ("no_division", edit(("        (loss / accum_steps).backward()", "        loss.backward()"))),
        # the last, incomplete group never updates the model
        ("drops_last_group", edit(("    if pending:\n        optimizer.step()\n        optimizer.zero_grad()\n", ""))),
        # zero_grad before every backward: only the last batch of a group counts
        ("zero_every_batch", edit(("        (loss / accum_steps).backward()", "        optimizer.zero_grad()\n        (loss / accum_steps).backward()"))),
        # reports the divided loss
        ("divided_loss_reported", edit(("        total += loss.item() * len(xb)", "        total += (loss / accum_steps).item() * len(xb)"))),
        # train mode never switched on
        ("no_train_mode", edit(("    model.train()\n", ""))),
    ],
    "ex_evaluate_regression": [
        ("no_eval", edit(("    model.eval()\n", ""))),
        ("no_no_grad", edit(("    with torch.no_grad():", "    with torch.enable_grad():"))),
        # mean of batch means: the short last batch weighs as much as the full ones
        ("mean_of_batch_means", '''def evaluate_regression(model, loader, device):
    model.eval()
    mses, maes = [], []
    with torch.no_grad():
        for xb, yb in loader:
            err = model(xb.to(device)) - yb.to(device)
            mses.append((err ** 2).mean().item())
            maes.append(err.abs().mean().item())
    return {"mse": sum(mses) / len(mses), "mae": sum(maes) / len(maes)}
'''),
        # square root of the MSE reported as MAE
        ("rmse_as_mae", edit(('"mae": absolute / count', '"mae": (squared / count) ** 0.5'))),
    ],
    "ex_batch_experiment": [
        # "more updates per epoch is always faster": the smallest batch
        ("smallest_batch", edit(("best_batch_size = min(BATCH_SIZES, key=lambda bs: median_epochs[bs])", "best_batch_size = min(BATCH_SIZES)"))),
        # the slowest one
        ("argmax", edit(("best_batch_size = min(BATCH_SIZES, key=lambda bs: median_epochs[bs])",
                         "best_batch_size = max(BATCH_SIZES, key=lambda bs: median_epochs[bs])"))),
        # the loss of the last batch instead of the whole training data
        ("last_batch_loss", edit(("        train_one_epoch_accum(model, loader, loss_fn, optimizer, torch.device(\"cpu\"), accum_steps=1)\n        model.eval()\n        with torch.no_grad():\n            if loss_fn(model(x), y).item() <= target:",
                                  "        last = train_one_epoch_accum(model, loader, loss_fn, optimizer, torch.device(\"cpu\"), accum_steps=1)\n        if last <= target:"))),
        # epochs counted from 0
        ("zero_based", edit(("                return epoch\n", "                return epoch - 1\n"))),
        # the seed set after the model is built: other initial weights
        ("seed_after_model", edit(("    torch.manual_seed(seed)\n    model = nn.Linear(x.shape[1], 1)\n",
                                   "    model = nn.Linear(x.shape[1], 1)\n    torch.manual_seed(seed)\n"))),
    ],
}

CORRECT = {
    "ex_frame_dataset": [
        ("pandas_style", '''class FrameDataset(Dataset):
    def __init__(self, df, numeric, categorical, target, reference=None):
        ref = df if reference is None else reference
        blocks = [(df[numeric] - ref[numeric].mean()) / ref[numeric].std(ddof=0)]
        for col in categorical:
            levels = sorted(set(ref[col].astype(str)))
            cat = pd.Categorical(df[col].astype(str), categories=levels)
            blocks.append(pd.get_dummies(cat, dtype=float).set_axis(df.index))
        table = pd.concat(blocks, axis=1)
        self.features = torch.from_numpy(table.to_numpy(dtype=np.float32))
        # df[[target]].to_numpy() is Fortran-ordered: its (1,) rows have stride N, which grading/wire.py cannot
        # encode yet (reported); a C-ordered column keeps this CORRECT about the exercise, not the wire
        self.targets = torch.from_numpy(df[target].to_numpy(dtype=np.float32).reshape(-1, 1))
        self.num_features = table.shape[1]

    def __len__(self):
        return self.features.shape[0]

    def __getitem__(self, i):
        return self.features[i], self.targets[i]
'''),
    ],
    "ex_wide_and_deep": [
        ("explicit_layers", '''class WideAndDeep(nn.Module):
    def __init__(self, in_features, hidden, out_features):
        super().__init__()
        self.hidden = nn.Linear(in_features, hidden)
        self.out = nn.Linear(hidden, out_features)
        self.skip = nn.Linear(in_features, out_features, bias=False)

    def forward(self, x):
        return self.out(torch.relu(self.hidden(x))) + self.skip(x)
'''),
    ],
    "ex_train_accum": [
        ("enumerate_modulo", '''def train_one_epoch_accum(model, loader, loss_fn, optimizer, device, accum_steps=1):
    model.train()
    optimizer.zero_grad(set_to_none=True)
    weighted, seen, n_batches = 0.0, 0, len(loader)
    for i, (xb, yb) in enumerate(loader, start=1):
        xb, yb = xb.to(device), yb.to(device)
        loss = loss_fn(model(xb), yb)
        loss.div(accum_steps).backward()
        weighted += float(loss) * yb.shape[0]
        seen += yb.shape[0]
        if i % accum_steps == 0 or i == n_batches:
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
    return weighted / seen
'''),
    ],
    "ex_evaluate_regression": [
        ("collect_then_compute", '''def evaluate_regression(model, loader, device):
    model.eval()
    preds, targets = [], []
    with torch.inference_mode():
        for xb, yb in loader:
            preds.append(model(xb.to(device)).cpu())
            targets.append(yb)
    p, t = torch.cat(preds), torch.cat(targets)
    return {"mse": F.mse_loss(p, t).item(), "mae": F.l1_loss(p, t).item()}
'''),
    ],
    "ex_batch_experiment": [
        ("own_loop_numpy_median", '''def epochs_to_target(x, y, batch_size, seed, target, lr=0.1, max_epochs=20):
    torch.manual_seed(seed)
    model = nn.Linear(x.shape[1], 1)
    loader = DataLoader(TensorDataset(x, y), batch_size=batch_size, shuffle=True)
    opt = torch.optim.SGD(model.parameters(), lr=lr)
    for epoch in range(max_epochs):
        model.train()
        for xb, yb in loader:
            opt.zero_grad()
            F.mse_loss(model(xb), yb).backward()
            opt.step()
        with torch.no_grad():
            full = F.mse_loss(model(x), y).item()
        if full <= target:
            return epoch + 1
    return max_epochs + 1


median_epochs = {}
for bs in BATCH_SIZES:
    median_epochs[bs] = float(np.median([epochs_to_target(x_exp, y_exp, bs, s, TARGET_MSE) for s in range(3)]))
best_batch_size = int(BATCH_SIZES[int(np.argmin([median_epochs[bs] for bs in BATCH_SIZES]))])
'''),
    ],
}

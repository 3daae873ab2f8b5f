"""Known-wrong answers for source/06_nn_training: each is a mistake students really make.

tools.gradecheck replaces one answer cell with each source below; the cell's test must lose its points.
"""

_DATASET = '''
class TipsDataset(Dataset):
    def __init__(self, x, y, x_mean, x_std):
        x, y = np.asarray(x), np.asarray(y)
        if len(x) != len(y):
            raise ValueError("length mismatch")
{init}

    def __len__(self):
{length}

    def __getitem__(self, i):
        return self.x[i], self.y[i]
'''
_INIT_OK = '''        self.x = torch.tensor((x - x_mean) / x_std, dtype=torch.float32).reshape(-1, 1)
        self.y = torch.tensor(y, dtype=torch.float32).reshape(-1, 1)'''
_LEN_OK = "        return len(self.x)"

_NET = '''
class TwoLayerNet(nn.Module):
    def __init__(self, in_features, hidden, out_features):
{init}

    def forward(self, x):
{forward}
'''
_NET_INIT_OK = '''        super().__init__()
        self.fc1 = nn.Linear(in_features, hidden)
        self.act = nn.ReLU()
        self.fc2 = nn.Linear(hidden, out_features)'''
_NET_FORWARD_OK = "        return self.fc2(self.act(self.fc1(x)))"

_TRAIN = '''
def train_one_epoch(model, loader, loss_fn, optimizer, device):
{train_mode}
    total, count = 0.0, 0
    for xb, yb in loader:
        xb, yb = xb.to(device), yb.to(device)
{body}
        count += len(xb)
    return {result}
'''
_TRAIN_BODY_OK = '''        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)'''

_EVAL = '''
def evaluate(model, loader, loss_fn, device):
{eval_mode}
    total, count = 0.0, 0
    with {context}:
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            total += {accumulate}
            count += len(xb)
    return {result}
'''

_PREDICT = '''
def predict_tips(model, bills, x_mean, x_std, device):
{body}
'''

_FIT = '''
def fit_tip_line(x, y, device):
    x_mean, x_std = {stats}
    loader = DataLoader(TipsDataset(x, y, x_mean, x_std), batch_size=32, shuffle=True)
    model = nn.Linear(1, 1).to(device)
    epochs = {epochs}
    optimizer = torch.optim.SGD(model.parameters(), lr=0.05)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    for _ in range(epochs):
        train_one_epoch(model, loader, nn.MSELoss(), optimizer, device)
        scheduler.step()
    w, b = model.weight.item(), model.bias.item()
    return {result}
'''
_FIT_OK = dict(stats="float(np.mean(x)), float(np.std(x))", epochs="100",
               result="w / x_std, b - w * x_mean / x_std")

MUTANTS = {
    "ex_tips_dataset": [
        ("len_off_by_one", _DATASET.format(init=_INIT_OK, length="        return len(self.x) - 1")),
        ("float64_items", _DATASET.format(init='''        self.x = torch.from_numpy((x - x_mean) / x_std).reshape(-1, 1)
        self.y = torch.from_numpy(y).reshape(-1, 1)''', length=_LEN_OK)),
        ("scalar_items", _DATASET.format(init='''        self.x = torch.tensor((x - x_mean) / x_std, dtype=torch.float32)
        self.y = torch.tensor(y, dtype=torch.float32)''', length=_LEN_OK)),
        ("mutates_input", _DATASET.format(init='''        x -= x_mean
        x /= x_std
        self.x = torch.tensor(x, dtype=torch.float32).reshape(-1, 1)
        self.y = torch.tensor(y, dtype=torch.float32).reshape(-1, 1)''', length=_LEN_OK)),
    ],
    "ex_two_layer_net": [
        ("no_relu", _NET.format(init=_NET_INIT_OK, forward="        return self.fc2(self.fc1(x))")),
        ("relu_on_output", _NET.format(init=_NET_INIT_OK,
                                       forward="        return self.act(self.fc2(self.act(self.fc1(x))))")),
        ("plain_python_list", _NET.format(init='''        super().__init__()
        self.layers = [nn.Linear(in_features, hidden), nn.ReLU(), nn.Linear(hidden, out_features)]''',
                                          forward='''        for layer in self.layers:
            x = layer(x)
        return x''')),
    ],
    "ex_train_one_epoch": [
        ("no_zero_grad", _TRAIN.format(train_mode="    model.train()", result="total / count", body='''        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)''')),
        ("step_before_backward", _TRAIN.format(train_mode="    model.train()", result="total / count", body='''        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        optimizer.step()
        loss.backward()
        total += loss.item() * len(xb)''')),
        ("returns_tensor", _TRAIN.format(train_mode="    model.train()", result="total / count", body='''        optimizer.zero_grad()
        loss = loss_fn(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.detach() * len(xb)''')),
        ("calls_forward", _TRAIN.format(train_mode="    model.train()", result="total / count", body='''        optimizer.zero_grad()
        loss = loss_fn(model.forward(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)''')),
        ("no_train_mode", _TRAIN.format(train_mode="    pass", result="total / count", body=_TRAIN_BODY_OK)),
        ("mean_of_batch_means", _TRAIN.format(train_mode="    model.train()", result="total / len(loader)",
                                              body=_TRAIN_BODY_OK.replace(" * len(xb)", ""))),
    ],
    "ex_evaluate": [
        ("no_no_grad", _EVAL.format(eval_mode="    model.eval()", context="torch.enable_grad()",
                                    accumulate="loss_fn(model(xb), yb).item() * len(xb)", result="total / count")),
        ("no_eval", _EVAL.format(eval_mode="    pass", context="torch.no_grad()",
                                 accumulate="loss_fn(model(xb), yb).item() * len(xb)", result="total / count")),
        ("returns_tensor", _EVAL.format(eval_mode="    model.eval()", context="torch.no_grad()",
                                        accumulate="loss_fn(model(xb), yb) * len(xb)", result="total / count")),
        ("mean_of_batch_means", _EVAL.format(eval_mode="    model.eval()", context="torch.no_grad()",
                                             accumulate="loss_fn(model(xb), yb).item()",
                                             result="total / len(loader)")),
    ],
    "ex_predict_tips": [
        ("raw_input", _PREDICT.format(body='''    model.eval()
    with torch.no_grad():
        return model(bills.reshape(-1, 1).to(device)).reshape(-1).cpu()''')),
        ("no_no_grad", _PREDICT.format(body='''    model.eval()
    z = ((bills - x_mean) / x_std).reshape(-1, 1).to(device)
    return model(z).reshape(-1).cpu()''')),
        ("mutates_input", _PREDICT.format(body='''    model.eval()
    bills -= x_mean
    bills /= x_std
    with torch.no_grad():
        return model(bills.reshape(-1, 1).to(device)).reshape(-1).cpu()''')),
        ("no_eval", _PREDICT.format(body='''    z = ((bills - x_mean) / x_std).reshape(-1, 1).to(device)
    with torch.no_grad():
        return model(z).reshape(-1).cpu()''')),
    ],
    "ex_fit_tip_line": [
        ("standardised_coefficients", _FIT.format(**{**_FIT_OK, "result": "w, b"})),
        ("raw_x", _FIT.format(**{**_FIT_OK, "stats": "0.0, 1.0"})),
        ("hardcoded_tips_stats", _FIT.format(**{**_FIT_OK, "stats": "19.79, 8.88"})),
        ("returns_tensors", _FIT.format(**{**_FIT_OK, "result": "model.weight[0, 0] / x_std, "
                                                                  "model.bias[0] - model.weight[0, 0] * x_mean / x_std"})),
        ("closed_form_shortcut", '''
def fit_tip_line(x, y, device):
    slope, intercept = np.polyfit(x, y, 1)
    return float(slope), float(intercept)
'''),
    ],
}

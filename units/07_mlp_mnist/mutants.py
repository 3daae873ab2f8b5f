"""Known-wrong answers for 07_mlp_mnist: each must lose its exercise's points (python -m tools.gradecheck 07_mlp_mnist)."""

MUTANTS = {
    "ex_preprocess": [
        ("no_div255", '''
def preprocess(images: np.ndarray) -> torch.Tensor:
    """uint8 images (N, 28, 28) in 0..255 -> float32 tensor (N, 28, 28) in 0..1 on the CPU."""
    return torch.tensor(images, dtype=torch.float32)
'''),
        ("float64", '''
def preprocess(images: np.ndarray) -> torch.Tensor:
    """uint8 images (N, 28, 28) in 0..255 -> float32 tensor (N, 28, 28) in 0..1 on the CPU."""
    return torch.tensor(images / 255.0)
'''),
        ("transposed_hw", '''
def preprocess(images: np.ndarray) -> torch.Tensor:
    """uint8 images (N, 28, 28) in 0..255 -> float32 tensor (N, 28, 28) in 0..1 on the CPU."""
    return torch.tensor(images, dtype=torch.float32).transpose(1, 2) / 255.0
'''),
    ],
    "ex_build_mlp": [
        ("no_relu", '''
def build_mlp(p_drop: float = 0.0) -> nn.Module:
    """784-256-128-10 MLP: Flatten, (Linear, ReLU, Dropout) twice, Linear to 10 logits."""
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 256), nn.Dropout(p_drop),
        nn.Linear(256, 128), nn.Dropout(p_drop),
        nn.Linear(128, 10),
    )
'''),
        ("softmax_output", '''
def build_mlp(p_drop: float = 0.0) -> nn.Module:
    """784-256-128-10 MLP: Flatten, (Linear, ReLU, Dropout) twice, Linear to 10 logits."""
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 256), nn.ReLU(), nn.Dropout(p_drop),
        nn.Linear(256, 128), nn.ReLU(), nn.Dropout(p_drop),
        nn.Linear(128, 10), nn.Softmax(dim=1),
    )
'''),
        ("view_28", '''
class MLP(nn.Module):
    def __init__(self, p_drop: float):
        super().__init__()
        self.fc1, self.fc2, self.fc3 = nn.Linear(784, 256), nn.Linear(256, 128), nn.Linear(128, 10)
        self.drop = nn.Dropout(p_drop)

    def forward(self, x):
        x = x.view(-1, 28)
        x = self.drop(torch.relu(self.fc1(x)))
        x = self.drop(torch.relu(self.fc2(x)))
        return self.fc3(x)


def build_mlp(p_drop: float = 0.0) -> nn.Module:
    """784-256-128-10 MLP: Flatten, (Linear, ReLU, Dropout) twice, Linear to 10 logits."""
    return MLP(p_drop)
'''),
        ("dropout_only_if_p", '''
def build_mlp(p_drop: float = 0.0) -> nn.Module:
    """784-256-128-10 MLP: Flatten, (Linear, ReLU, Dropout) twice, Linear to 10 logits."""
    drop = [nn.Dropout(p_drop)] if p_drop > 0 else []
    return nn.Sequential(
        nn.Flatten(),
        nn.Linear(784, 256), nn.ReLU(), *drop,
        nn.Linear(256, 128), nn.ReLU(), *([nn.Dropout(p_drop)] if drop else []),
        nn.Linear(128, 10),
    )
'''),
    ],
    "ex_accuracy": [
        ("argmax_dim0", '''
def accuracy(logits: torch.Tensor, targets: torch.Tensor) -> float:
    """Fraction of rows whose largest logit is at the target class, as a Python float."""
    return (logits.argmax(dim=0) == targets).float().mean().item()
'''),
        ("count_not_fraction", '''
def accuracy(logits: torch.Tensor, targets: torch.Tensor) -> float:
    """Fraction of rows whose largest logit is at the target class, as a Python float."""
    return float((logits.argmax(dim=1) == targets).sum().item())
'''),
        ("returns_tensor", '''
def accuracy(logits: torch.Tensor, targets: torch.Tensor) -> float:
    """Fraction of rows whose largest logit is at the target class, as a Python float."""
    return (logits.argmax(dim=1) == targets).float().mean()
'''),
    ],
    "ex_train_mnist": [
        ("no_zero_grad", '''
def train_mnist(x_train: np.ndarray, y_train: np.ndarray, device: torch.device) -> nn.Module:
    """Train build_mlp on raw uint8 MNIST images; return the trained model on `device`."""
    epochs = 20
    loader = DataLoader(TensorDataset(preprocess(x_train), torch.as_tensor(y_train)), batch_size=128, shuffle=True)
    model = build_mlp(p_drop=0.1).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    loss_fn = nn.CrossEntropyLoss(label_smoothing=0.1)
    for _ in range(epochs):
        model.train()
        for xb, yb in loader:
            xb, yb = helpers.train.random_shift(xb.to(device)), yb.to(device)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
        scheduler.step()
    return model
'''),
        ("raw_pixels", '''
def train_mnist(x_train: np.ndarray, y_train: np.ndarray, device: torch.device) -> nn.Module:
    """Train build_mlp on raw uint8 MNIST images; return the trained model on `device`."""
    epochs = 20
    dataset = TensorDataset(torch.tensor(x_train, dtype=torch.float32), torch.as_tensor(y_train, dtype=torch.long))
    loader = DataLoader(dataset, batch_size=128, shuffle=True)
    model = build_mlp(p_drop=0.1).to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=epochs)
    helpers.train.fit(model, loader, nn.CrossEntropyLoss(label_smoothing=0.1), optimizer, epochs=epochs,
                      device=device, scheduler=scheduler, augment=helpers.train.random_shift)
    return model
'''),
        ("seed_recipe_only", '''
def train_mnist(x_train: np.ndarray, y_train: np.ndarray, device: torch.device) -> nn.Module:
    """Train build_mlp on raw uint8 MNIST images; return the trained model on `device`."""
    loader = DataLoader(TensorDataset(preprocess(x_train), torch.as_tensor(y_train)), batch_size=64, shuffle=True)
    model = build_mlp().to(device)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    helpers.train.fit(model, loader, nn.CrossEntropyLoss(), optimizer, epochs=5, device=device)
    return model
'''),
    ],
    "ex_predict": [
        ("no_div255", '''
def predict(model: nn.Module, images: np.ndarray, device: torch.device) -> torch.Tensor:
    """Predicted digits (int64 tensor (N,) on the CPU) for raw uint8 images (N, 28, 28)."""
    model.eval()
    with torch.no_grad():
        logits = model(torch.tensor(images, dtype=torch.float32).to(device))
    return logits.argmax(dim=1).cpu()
'''),
        ("no_eval", '''
def predict(model: nn.Module, images: np.ndarray, device: torch.device) -> torch.Tensor:
    """Predicted digits (int64 tensor (N,) on the CPU) for raw uint8 images (N, 28, 28)."""
    with torch.no_grad():
        logits = model(preprocess(images).to(device))
    return logits.argmax(dim=1).cpu()
'''),
        ("grad_enabled", '''
def predict(model: nn.Module, images: np.ndarray, device: torch.device) -> torch.Tensor:
    """Predicted digits (int64 tensor (N,) on the CPU) for raw uint8 images (N, 28, 28)."""
    model.eval()
    logits = model(preprocess(images).to(device))
    return logits.argmax(dim=1).cpu()
'''),
        ("argmax_dim0", '''
def predict(model: nn.Module, images: np.ndarray, device: torch.device) -> torch.Tensor:
    """Predicted digits (int64 tensor (N,) on the CPU) for raw uint8 images (N, 28, 28)."""
    model.eval()
    with torch.no_grad():
        logits = model(preprocess(images).to(device))
    return logits.argmax(dim=0).cpu()
'''),
    ],
    "ex_save_load": [
        ("whole_model", '''
def save_model(model: nn.Module, path: Path) -> None:
    """Save only the weights (state_dict) of `model` to `path`."""
    torch.save(model, path)


def load_model(path: Path, device: torch.device) -> nn.Module:
    """A new build_mlp() filled with the weights saved at `path`, on `device`, in eval mode."""
    return torch.load(path, map_location=device, weights_only=False).to(device).eval()
'''),
        ("no_eval", '''
def save_model(model: nn.Module, path: Path) -> None:
    """Save only the weights (state_dict) of `model` to `path`."""
    torch.save(model.state_dict(), path)


def load_model(path: Path, device: torch.device) -> nn.Module:
    """A new build_mlp() filled with the weights saved at `path`, on `device`, in eval mode."""
    model = build_mlp()
    model.load_state_dict(torch.load(path, map_location=device))
    return model.to(device)
'''),
        ("never_loads", '''
def save_model(model: nn.Module, path: Path) -> None:
    """Save only the weights (state_dict) of `model` to `path`."""
    torch.save(model.state_dict(), path)


def load_model(path: Path, device: torch.device) -> nn.Module:
    """A new build_mlp() filled with the weights saved at `path`, on `device`, in eval mode."""
    torch.load(path, map_location=device)
    return build_mlp().to(device).eval()
'''),
    ],
    "ex_most_confused": [
        ("counts_diagonal", '''
def most_confused(y_true: np.ndarray, y_pred: np.ndarray, k: int = 3) -> list[tuple[int, int, int]]:
    """The k most frequent mistakes as (true digit, predicted digit, count), most frequent first."""
    cm = helpers.plot.confusion_matrix(y_true, y_pred, 10)
    pairs = [(i, j, int(cm[i, j])) for i in range(10) for j in range(10) if cm[i, j] > 0]
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    return pairs[:k]
'''),
        ("swapped_axes", '''
def most_confused(y_true: np.ndarray, y_pred: np.ndarray, k: int = 3) -> list[tuple[int, int, int]]:
    """The k most frequent mistakes as (true digit, predicted digit, count), most frequent first."""
    cm = helpers.plot.confusion_matrix(y_pred, y_true, 10)
    pairs = [(i, j, int(cm[i, j])) for i in range(10) for j in range(10) if i != j and cm[i, j] > 0]
    pairs.sort(key=lambda p: (-p[2], p[0], p[1]))
    return pairs[:k]
'''),
    ],
}

"""Known-wrong answers for 05_autograd: each must lose its test cell's points (python -m tools.gradecheck 05_autograd)."""

_NUMERIC_HEAD = '''def numeric_grad(f, x: torch.Tensor, h: float = 1e-6) -> torch.Tensor:
    """Central-difference gradient of the scalar function f at x (same shape as x)."""
'''

_LINEAR_HEAD = '''def manual_linear_grads(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(dL/dw, dL/db) of L = mean((x @ w + b - t) ** 2), by the chain rule (no autograd)."""
'''

_FIT_HEAD = '''def fit_linear(x: torch.Tensor, t: torch.Tensor, lr: float = 0.1, steps: int = 200) -> tuple[torch.Tensor, torch.Tensor]:
    """Gradient descent from zeros on mean((x @ w + b - t) ** 2); returns detached (w, b)."""
'''

MUTANTS = {
    "ex_numeric_grad": [
        # forward (one-sided) difference: error grows like h, not h**2
        ("one_sided", _NUMERIC_HEAD + '''    x = x.detach().clone()
    grad = torch.zeros_like(x)
    flat, grad_flat = x.view(-1), grad.view(-1)
    f0 = float(f(x))
    for i in range(flat.numel()):
        old = flat[i].item()
        flat[i] = old + h
        grad_flat[i] = (float(f(x)) - f0) / h
        flat[i] = old
    return grad
'''),
        # perturbs the caller's x in place and never puts the element back
        ("no_restore", _NUMERIC_HEAD + '''    grad = torch.zeros_like(x)
    flat, grad_flat = x.view(-1), grad.view(-1)
    for i in range(flat.numel()):
        old = flat[i].item()
        flat[i] = old + h
        f_plus = float(f(x))
        flat[i] = old - h
        f_minus = float(f(x))
        grad_flat[i] = (f_plus - f_minus) / (2 * h)
    return grad
'''),
        # ignores the h argument and uses a "safe" large step
        ("huge_h", _NUMERIC_HEAD + '''    h = 1e-2
    x = x.detach().clone()
    grad = torch.zeros_like(x)
    flat, grad_flat = x.view(-1), grad.view(-1)
    for i in range(flat.numel()):
        old = flat[i].item()
        flat[i] = old + h
        f_plus = float(f(x))
        flat[i] = old - h
        f_minus = float(f(x))
        flat[i] = old
        grad_flat[i] = (f_plus - f_minus) / (2 * h)
    return grad
'''),
        # works in float32: round-off swamps the difference at h = 1e-6
        ("float32", _NUMERIC_HEAD + '''    x = x.detach().clone().float()
    grad = torch.zeros_like(x)
    flat, grad_flat = x.view(-1), grad.view(-1)
    for i in range(flat.numel()):
        old = flat[i].item()
        flat[i] = old + h
        f_plus = float(f(x))
        flat[i] = old - h
        f_minus = float(f(x))
        flat[i] = old
        grad_flat[i] = (f_plus - f_minus) / (2 * h)
    return grad
'''),
    ],
    "ex_autograd_grad": [
        # turns on requires_grad of the caller's tensor and hands back its .grad
        ("mutates_input", '''def autograd_grad(f, x: torch.Tensor) -> torch.Tensor:
    x.requires_grad_(True)
    f(x).backward()
    return x.grad
'''),
        # reuses the caller's tensor as the leaf: .grad is left behind and accumulates across calls
        ("accumulates", '''def autograd_grad(f, x: torch.Tensor) -> torch.Tensor:
    x.requires_grad_(True)
    f(x).backward()
    g = x.grad.detach().clone()
    x.requires_grad_(False)
    return g
'''),
    ],
    "ex_manual_linear_grads": [
        # residual t - y instead of y - t: both gradients have the wrong sign
        ("sign", _LINEAR_HEAD + '''    residual = t - (x @ w + b)
    n = x.shape[0]
    return 2.0 / n * (x.T @ residual), 2.0 / n * residual.sum()
'''),
        # sum instead of mean: off by a factor N (the one-sample visible case cannot tell)
        ("no_mean", _LINEAR_HEAD + '''    residual = x @ w + b - t
    return 2.0 * (x.T @ residual), 2.0 * residual.sum()
'''),
        # forgets the 2 from the derivative of the square
        ("missing_2", _LINEAR_HEAD + '''    residual = x @ w + b - t
    n = x.shape[0]
    return (x.T @ residual) / n, residual.sum() / n
'''),
        # uses autograd although the exercise forbids it (fails under torch.no_grad())
        ("uses_autograd", _LINEAR_HEAD + '''    w_leaf = w.detach().clone().requires_grad_(True)
    b_leaf = b.detach().clone().requires_grad_(True)
    ((x @ w_leaf + b_leaf - t) ** 2).mean().backward()
    return w_leaf.grad, b_leaf.grad
'''),
    ],
    "ex_snapshot": [
        ("data_alias", '''def snapshot(t: torch.Tensor) -> torch.Tensor:
    return t.data
'''),
        ("detach_alias", '''def snapshot(t: torch.Tensor) -> torch.Tensor:
    return t.detach()
'''),
        ("clone_keeps_graph", '''def snapshot(t: torch.Tensor) -> torch.Tensor:
    return t.clone()
'''),
    ],
    "ex_gd_step": [
        # in-place update of a leaf while autograd records: RuntimeError
        ("outside_no_grad", '''def gd_step(params: list[torch.Tensor], lr: float) -> None:
    for p in params:
        p -= lr * p.grad
        p.grad = None
'''),
        # w = w - lr * g: new non-leaf tensors, the caller's parameters never change
        ("replace_leaf", '''def gd_step(params: list[torch.Tensor], lr: float) -> None:
    for i, p in enumerate(params):
        params[i] = p - lr * p.grad
'''),
        # forgets to clear the gradients: the next backward accumulates onto them
        ("no_zero_grad", '''def gd_step(params: list[torch.Tensor], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p -= lr * p.grad
'''),
        # climbs the gradient instead of descending
        ("sign", '''def gd_step(params: list[torch.Tensor], lr: float) -> None:
    with torch.no_grad():
        for p in params:
            p += lr * p.grad
            p.grad = None
'''),
    ],
    "ex_fit_linear": [
        # never clears .grad: every step uses the sum of all past gradients
        ("no_zero_grad", _FIT_HEAD + '''    w = torch.zeros(x.shape[1], dtype=x.dtype, device=x.device, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, device=x.device, requires_grad=True)
    for _ in range(steps):
        loss = ((x @ w + b - t) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
    return w.detach(), b.detach()
'''),
        # requires_grad on the data as well as the parameters (and on the caller's tensor)
        ("x_requires_grad", _FIT_HEAD + '''    x.requires_grad_(True)
    w = torch.zeros(x.shape[1], dtype=x.dtype, device=x.device, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, device=x.device, requires_grad=True)
    for _ in range(steps):
        loss = ((x @ w + b - t) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = None
        b.grad = None
    return w.detach(), b.detach()
'''),
        # sum instead of mean: the effective step is N times larger and diverges
        ("sum_loss", _FIT_HEAD + '''    w = torch.zeros(x.shape[1], dtype=x.dtype, device=x.device, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, device=x.device, requires_grad=True)
    for _ in range(steps):
        loss = ((x @ w + b - t) ** 2).sum()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = None
        b.grad = None
    return w.detach(), b.detach()
'''),
        # returns the parameters themselves, still requiring grad
        ("not_detached", _FIT_HEAD + '''    w = torch.zeros(x.shape[1], dtype=x.dtype, device=x.device, requires_grad=True)
    b = torch.zeros((), dtype=x.dtype, device=x.device, requires_grad=True)
    for _ in range(steps):
        loss = ((x @ w + b - t) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
        w.grad = None
        b.grad = None
    return w, b
'''),
    ],
}

"""Known-wrong answers for 05_autograd: each must lose its test cell's points (python -m tools.gradecheck 05_autograd)."""

from grading.mutants import edit

_LINEAR_HEAD = '''def manual_linear_grads(w: torch.Tensor, b: torch.Tensor, x: torch.Tensor, t: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """(dL/dw, dL/db) of L = mean((x @ w + b - t) ** 2), by the chain rule (no autograd)."""
'''


MUTANTS = {
    "ex_numeric_grad": [
        # forward (one-sided) difference: error grows like h, not h**2
        ("one_sided", edit(
            ("        f_minus = float(f(x))\n", ""),
            ("        flat[i] = old - h\n", ""),
            ("(f_plus - f_minus) / (2 * h)", "(f_plus - float(f(x))) / h"),
        )),
        # works on the caller's x in place and never puts the element back
        ("no_restore", edit(
            ("    x = x.detach().clone().contiguous()\n", ""),
            ("        flat[i] = old\n", ""),
        )),
        # ignores the h argument and uses a "safe" large step
        ("huge_h", edit(("    x = x.detach()", "    h = 1e-2\n    x = x.detach()"))),
        # works in float32: round-off swamps the difference at h = 1e-6
        ("float32", edit((".clone().contiguous()", ".clone().contiguous().float()"))),
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
        # gradients never cleared: every step uses the sum of all earlier gradients
        ("no_zero_grad", edit(("        w.grad = None\n        b.grad = None\n", ""))),
        # requires_grad on the data as well as the parameters (and on the caller's tensor)
        ("x_requires_grad", edit(("    w = torch.zeros(", "    x.requires_grad_(True)\n    w = torch.zeros("))),
        # sum instead of mean: the effective step is N times larger and diverges
        ("sum_loss", edit((".mean()", ".sum()"))),
        # returns the parameters themselves, still requiring grad
        ("not_detached", edit(("return w.detach(), b.detach()", "return w, b"))),
    ],
    "ex_h_experiment": [
        # the lecture's rule of thumb copied instead of measured
        ("lecture_h_1e-6", edit(
            ("best_h_float32 = H_GRID_32[errors_32.index(min(errors_32))]", "best_h_float32 = 1e-6"),
            ("best_h_float64 = H_GRID_64[errors_64.index(min(errors_64))]", "best_h_float64 = 1e-6"),
        )),
        # "smaller h is always more precise"
        ("smallest_h", edit(
            ("best_h_float32 = H_GRID_32[errors_32.index(min(errors_32))]", "best_h_float32 = H_GRID_32[-1]"),
            ("best_h_float64 = H_GRID_64[errors_64.index(min(errors_64))]", "best_h_float64 = H_GRID_64[-1]"),
        )),
        # measured both curves in float64: the float32 answer is the float64 one
        ("float32_measured_in_float64", edit(
            ("errors_32 = grad_errors(f_exp, grad_f_exp, x_exp32, H_GRID_32)",
             "errors_32 = grad_errors(f_exp, grad_f_exp, x_exp32.double(), H_GRID_32)"),
        )),
        # mean error over the elements instead of the largest
        ("mean_not_max", edit((".abs().max().item()", ".abs().mean().item()"))),
        # signed error: the minimum is the most negative one, not the smallest in size
        ("signed_error", edit(("(numeric_grad(f, x, h) - exact).abs().max().item()",
                               "(numeric_grad(f, x, h) - exact).max().item()"))),
    ],
}

CORRECT = {
    "ex_h_experiment": [
        ("loop_and_numpy_argmin", """def grad_errors(f, grad_f, x, hs):
    out = []
    for h in hs:
        diff = torch.abs(numeric_grad(f, x, h) - grad_f(x))
        out.append(float(torch.max(diff)))
    return out


import numpy as np

x32 = torch.tensor([0.5, 1.0, 1.5, 2.0])
e32 = np.array(grad_errors(f_exp, grad_f_exp, x32, H_GRID_32))
e64 = np.array(grad_errors(f_exp, grad_f_exp, x32.to(torch.float64), H_GRID_64))
best_h_float32 = float(H_GRID_32[int(np.argmin(e32))])
best_h_float64 = float(H_GRID_64[int(np.argmin(e64))])
"""),
        ("min_over_pairs", """def grad_errors(f, grad_f, x, hs):
    return [float((numeric_grad(f, x, h) - grad_f(x)).abs().amax()) for h in hs]


pairs32 = zip(grad_errors(f_exp, grad_f_exp, torch.tensor([0.5, 1.0, 1.5, 2.0], dtype=torch.float32), H_GRID_32), H_GRID_32)
pairs64 = zip(grad_errors(f_exp, grad_f_exp, torch.tensor([0.5, 1.0, 1.5, 2.0], dtype=torch.float64), H_GRID_64), H_GRID_64)
best_h_float32 = min(pairs32)[1]
best_h_float64 = min(pairs64)[1]
"""),
    ],
}

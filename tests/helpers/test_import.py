"""`import helpers` stays light (no torch, fast), and helpers' annotations name real types.

The public functions are annotated with torch, matplotlib and NumPy types imported under `if TYPE_CHECKING:`, so
importing helpers imports none of them; the last tests resolve every annotation to the real class.
"""
import ast
import importlib
import inspect
import json
import subprocess
import sys
import typing

import pytest

MODULES = ["helpers", "helpers.data", "helpers.device", "helpers.plot", "helpers.train", "helpers.doctor",
           "helpers.submit", "helpers._setup", "helpers._paths", "helpers._datamd", "helpers.models", "helpers.dist"]

CODE = r"""
import importlib, json, sys, time
t = time.perf_counter()
import helpers
elapsed = time.perf_counter() - t
heavy = [m for m in ("torch", "matplotlib", "pandas", "seaborn", "plotly") if m in sys.modules]
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps({"elapsed": elapsed, "heavy": heavy, "torch_after_submodules": "torch" in sys.modules,
                  "heavy_after_submodules": [m for m in ("torch", "matplotlib", "torchvision") if m in sys.modules]}))
"""


def _run() -> dict:
    out = subprocess.run([sys.executable, "-X", "frozen_modules=on", "-c", CODE, *MODULES], capture_output=True,
                         text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_helpers_does_not_import_torch_or_heavy_libraries():
    result = _run()
    assert result["heavy"] == []
    assert result["torch_after_submodules"] is False
    assert result["heavy_after_submodules"] == []


def test_import_helpers_is_fast():
    best = min(_run()["elapsed"] for _ in range(3))
    assert best < 0.3, f"import helpers took {best:.3f}s"


def _type_checking_namespace(module) -> dict:
    """What the module's `if TYPE_CHECKING:` blocks define, executed for real (they only import and alias)."""
    tree = ast.parse(inspect.getsource(module))
    namespace: dict = {}
    for node in tree.body:
        if isinstance(node, ast.If) and ast.unparse(node.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
            body = ast.Module(body=node.body, type_ignores=[])
            exec(compile(body, module.__file__, "exec"), {**vars(module), "__package__": "helpers"}, namespace)
    return namespace


def _public_functions(module):
    for name, obj in vars(module).items():
        if inspect.isfunction(obj) and obj.__module__ == module.__name__:
            yield name, obj


@pytest.mark.parametrize("name", MODULES[1:])
def test_every_annotation_resolves(name):
    module = importlib.import_module(name)
    namespace = _type_checking_namespace(module)
    for _name, fn in _public_functions(module):
        typing.get_type_hints(fn, globalns={**vars(module), **namespace})  # raises on a name that is not there


def _hints(module_name, fn_name):
    module = importlib.import_module(module_name)
    fn = getattr(module, fn_name)
    return typing.get_type_hints(fn, globalns={**vars(module), **_type_checking_namespace(module)})


def test_public_functions_carry_real_types():
    import numpy as np
    import torch
    from matplotlib.figure import Figure
    from torch import nn
    from torch.utils.data import DataLoader

    assert _hints("helpers.device", "get_device")["return"] is torch.device
    assert _hints("helpers._setup", "setup")["return"] is torch.device
    fit = _hints("helpers.train", "fit")
    assert fit["model"] is nn.Module and DataLoader in typing.get_args(fit["train_loader"])
    assert fit["optimizer"] is torch.optim.Optimizer
    assert _hints("helpers.train", "predict")["return"] is torch.Tensor
    assert _hints("helpers.train", "random_shift")["images"] is torch.Tensor
    for fn in ("plot_history", "show_images", "show_matrices", "plot_confusion_matrix", "plot_attention",
               "plot_grad_graph", "plot_vectors", "plot_transform"):
        assert _hints("helpers.plot", fn)["return"] is Figure, fn
    assert _hints("helpers.plot", "confusion_matrix")["return"] is np.ndarray
    data = importlib.import_module("helpers.data")
    splits = typing.get_type_hints(data.ImageSplits, localns=_type_checking_namespace(data))
    assert splits["x_train"] is np.ndarray

"""helpers.models.registered_size: counts what nn.Module registered, never the model's own (overridable) methods, and
names tensors or layers kept outside registration (unit 19's parameter budget)."""
import torch
from torch import nn

from helpers.models import registered_size


class _ReportsInner(nn.Module):
    def __init__(self):
        super().__init__()
        self.inner = nn.Linear(3, 2)
        self.big = nn.Linear(100, 100)

    def parameters(self, recurse=True):
        return self.inner.parameters(recurse)

    def named_parameters(self, *args, **kwargs):
        return self.inner.named_parameters(*args, **kwargs)

    def buffers(self, recurse=True):
        return iter(())

    def state_dict(self, *args, **kwargs):
        return self.inner.state_dict(*args, **kwargs)


class _Hiding(nn.Module):
    def __init__(self, how: str):
        super().__init__()
        self.conv = nn.Conv2d(1, 2, 3)
        w = torch.zeros(4, 4)
        if how == "list":
            self.extra = [nn.Linear(4, 4)]
        elif how == "dict":
            self.extra = {"w": w}
        elif how == "setattr":
            object.__setattr__(self, "extra", w)
        elif how == "closure":
            self.extra = lambda x: x @ w


def test_counts_registered_tensors_once_and_ignores_overridden_methods():
    assert registered_size(_ReportsInner())["size"] == 3 * 2 + 2 + 100 * 100 + 100
    emb = nn.Embedding(7, 3)
    head = nn.Linear(3, 7, bias=False)
    head.weight = emb.weight
    shared = nn.Linear(5, 5)
    bn = nn.BatchNorm2d(4)
    bn.requires_grad_(False)
    assert registered_size(nn.Sequential(emb, head))["size"] == 21
    assert registered_size(nn.Sequential(shared, nn.ReLU(), shared))["size"] == 30
    got = registered_size(bn)
    assert (got["parameters"], got["buffers"], got["size"]) == (8, 9, 17)
    assert got["unregistered"] == [] and got["first_conv2d_in"] is None


def test_names_tensors_and_layers_kept_outside_registration():
    for how in ("list", "dict", "setattr", "closure"):
        got = registered_size(_Hiding(how))
        assert got["unregistered"] and got["unregistered"][0].startswith("model.extra"), how
        assert got["size"] == 2 * 9 + 2


def test_aliases_of_registered_layers_and_first_conv2d():
    m = nn.Sequential(nn.Conv1d(1, 3, 3), nn.ConvTranspose2d(1, 2, 3), nn.Conv2d(3, 4, 1), nn.Conv2d(1, 2, 1))
    m.alias = [m[2]]
    object.__setattr__(m, "w_alias", m[3].weight)
    got = registered_size(m)
    assert got["unregistered"] == [] and got["first_conv2d_in"] == 3
    assert registered_size(nn.LSTM(3, 4))["unregistered"] == []
    lin = nn.Linear(4, 4)
    torch.nn.utils.parametrizations.weight_norm(lin)
    assert registered_size(lin)["unregistered"] == []

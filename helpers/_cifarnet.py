"""The small CIFAR CNN the course pretrains itself (imports torch; helpers.models loads it lazily)."""
from __future__ import annotations

import torch
from torch import nn


def _conv_bn(c_in: int, c_out: int) -> nn.Sequential:
    return nn.Sequential(nn.Conv2d(c_in, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out), nn.ReLU(inplace=True))


class Residual(nn.Module):
    """x + two 3×3 conv-BN-ReLU layers of the same width."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.body = nn.Sequential(_conv_bn(channels, channels), _conv_bn(channels, channels))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


class CifarNet(nn.Module):
    """conv → pool → conv → pool → conv + residual block → pool → global average pool → `fc`.

    `features(x)` gives the (N, widths[-1]) feature vector the head `fc` reads; input is (N, 3, 32, 32),
    normalised with IMAGENET_MEAN / IMAGENET_STD.
    """

    def __init__(self, widths: tuple[int, int, int] = (32, 64, 128), n_classes: int = 8) -> None:
        super().__init__()
        c1, c2, c3 = widths
        self.body = nn.Sequential(
            _conv_bn(3, c1), nn.MaxPool2d(2),
            _conv_bn(c1, c2), nn.MaxPool2d(2),
            _conv_bn(c2, c3), Residual(c3), nn.MaxPool2d(2),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(),
        )
        self.fc = nn.Linear(c3, n_classes)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.body(x))

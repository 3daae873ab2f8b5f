"""Known-wrong answers for 09_cnn: each must lose its test cell's points (python -m tools.gradecheck 09_cnn).

CORRECT lists right answers written in other styles; each must keep its points (python -m grading.fastcheck 09_cnn).
"""

from grading.mutants import edit

_CONV_HEAD = '''def conv2d_naive(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None = None,
                 stride: int = 1, padding: int = 0) -> torch.Tensor:
    """Cross-correlation of a batch (N, C_in, H, W) with weight (C_out, C_in, kH, kW), like F.conv2d."""
'''

_POOL_HEAD = '''def maxpool2d_naive(x: torch.Tensor, kernel_size: int, stride: int | None = None) -> torch.Tensor:
    """Max over each kernel_size×kernel_size window per channel (no padding, floor), like F.max_pool2d."""
'''

_FASHION_HEAD = '''def train_fashion(x_train: np.ndarray, y_train: np.ndarray, device: torch.device) -> nn.Module:
    """Train SmallCNN(1, 10, 28) for at most 3 epochs on raw uint8 images; return it on `device`."""
'''

MUTANTS = {
    "ex_conv_out_size": [
        # rounds up: the partial window at the edge counted as an output
        ("ceil", edit(("return (size + 2 * padding - span) // stride + 1",
                       "return -(-(size + 2 * padding - span) // stride) + 1"))),
        # forgets the +1 (counts the steps, not the windows)
        ("no_plus_one", edit(("// stride + 1", "// stride"))),
        # pads only one side
        ("padding_once", edit(("return (size + 2 * padding - span)", "return (size + padding - span)"))),
        # ignores dilation (the lecture's formula)
        ("no_dilation", edit(("span = dilation * (kernel - 1) + 1", "span = kernel"))),
        # true division: a float, not an int
        ("float_division", edit(("// stride + 1", "/ stride + 1"))),
        # blind review: int() truncates toward zero, so a negative numerator gives 1 output instead of ValueError
        ("truncate_toward_zero", '''def conv_out_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    out = int((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1
    if out < 1:
        raise ValueError("too small")
    return out
'''),
    ],
    "ex_conv2d_naive": [
        # a true convolution (kernel flipped): F.conv2d is a cross-correlation
        ("flipped_kernel", edit(('"nchwuv,ocuv->nohw", patches, weight)',
                                 '"nchwuv,ocuv->nohw", patches, weight.flip(-2, -1))'))),
        # forgets the bias
        ("no_bias", edit(("        out = out + bias[None, :, None, None]\n", "        pass\n"))),
        # keeps the input channels apart and only uses the first one
        ("first_channel_only", edit(('"nchwuv,ocuv->nohw", patches, weight)',
                                     '"nhwuv,ouv->nohw", patches[:, 0], weight[:, 0])'))),
        # pads only the right and bottom edges
        ("pad_one_side", edit(("(padding, padding, padding, padding)", "(0, 2 * padding, 0, 2 * padding)"))),
        # loops with the stride applied to the output index but not the input position
        ("stride_ignored_in_input", _CONV_HEAD + '''    n, c_in, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    xp = F.pad(x, (padding, padding, padding, padding))
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (w + 2 * padding - kw) // stride + 1
    out = torch.zeros(n, c_out, h_out, w_out, device=x.device)
    for i in range(h_out):
        for j in range(w_out):
            patch = xp[:, :, i:i + kh, j:j + kw]
            out[:, :, i, j] = torch.einsum("ncuv,ocuv->no", patch, weight)
    if bias is not None:
        out += bias[None, :, None, None]
    return out
'''),
        # blind review: the library convolution the text forbids, by every route
        ("plain_F_conv2d", _CONV_HEAD + '''    return F.conv2d(x, weight, bias, stride=stride, padding=padding)
'''),
        ("F_conv2d_via_getattr", _CONV_HEAD + '''    return getattr(F, "conv" + "2d")(x, weight, bias, stride=stride, padding=padding)
'''),
        ("torch_convolution", _CONV_HEAD + '''    return torch.convolution(x, weight, bias, [stride, stride], [padding, padding], [1, 1], False, [0, 0], 1)
'''),
        ("nn_Conv2d_copied_weights", _CONV_HEAD + '''    conv = nn.Conv2d(weight.shape[1], weight.shape[0], tuple(weight.shape[-2:]), stride=stride, padding=padding,
                     bias=bias is not None).to(x.device)
    with torch.no_grad():
        conv.weight.copy_(weight)
        if bias is not None:
            conv.bias.copy_(bias)
        return conv(x)
'''),
    ],
    "ex_maxpool2d_naive": [
        # stride defaults to 1 instead of the window size
        ("stride_default_1", edit(("        stride = kernel_size\n", "        stride = 1\n"))),
        # average instead of maximum
        ("average", edit(("windows.amax(dim=(-2, -1))", "windows.mean(dim=(-2, -1))"))),
        # keeps the partial windows at the edge (ceil mode) by padding with -inf
        ("ceil_mode", _POOL_HEAD + '''    if stride is None:
        stride = kernel_size
    h, w = x.shape[-2:]
    extra_h = (-(h - kernel_size) % stride) if h > kernel_size else 0
    extra_w = (-(w - kernel_size) % stride) if w > kernel_size else 0
    xp = F.pad(x, (0, extra_w, 0, extra_h), value=float("-inf"))
    windows = xp.unfold(2, kernel_size, stride).unfold(3, kernel_size, stride)
    return windows.amax(dim=(-2, -1))
'''),
        # takes the maximum over the channels too
        ("mixes_channels", edit(("return windows.amax(dim=(-2, -1))",
                                 "return windows.amax(dim=(1, -2, -1), keepdim=False)[:, None].expand(-1, x.shape[1], -1, -1)"))),
        # starts with a zero "maximum": wrong when every value is negative
        ("zero_start", edit(("return windows.amax(dim=(-2, -1))", "return windows.amax(dim=(-2, -1)).clamp(min=0)"))),
        # blind review: the library max pooling the text forbids
        ("plain_F_max_pool2d", _POOL_HEAD + '''    return F.max_pool2d(x, kernel_size, stride)
'''),
        ("nn_MaxPool2d", _POOL_HEAD + '''    return nn.MaxPool2d(kernel_size, stride)(x)
'''),
        ("max_pool2d_with_indices", _POOL_HEAD + '''    return F.max_pool2d_with_indices(x, kernel_size, stride or kernel_size)[0]
'''),
    ],
    "ex_small_cnn": [
        # the lecture's 28×28 head: breaks on 32×32 inputs
        ("fixed_28_head", edit(("nn.Linear(32 * side * side, num_classes)", "nn.Linear(32 * 7 * 7, num_classes)"))),
        # the lecture's single input channel
        ("one_input_channel", edit(("nn.Conv2d(in_channels, 16,", "nn.Conv2d(1, 16,"))),
        # softmax at the output
        ("softmax_output", edit(("nn.Linear(32 * side * side, num_classes))",
                                 "nn.Linear(32 * side * side, num_classes), nn.Softmax(dim=1))"))),
        # no padding: the flattened size no longer matches image_size // 4
        ("no_padding", edit(("nn.Conv2d(in_channels, 16, 3, padding=1, bias=False)", "nn.Conv2d(in_channels, 16, 3, bias=False)"),
                            ("nn.Conv2d(16, 32, 3, padding=1, bias=False)", "nn.Conv2d(16, 32, 3, bias=False)"))),
        # batch norm left out
        ("no_batchnorm", edit(("nn.BatchNorm2d(16), ", ""), ("nn.BatchNorm2d(32), ", ""))),
        # blind review: logits that ignore the input (zeros, with every parameter still reached by the gradient)
        ("constant_zero_logits", edit(("return self.head(self.features(x))",
                                       "return torch.zeros(x.shape[0], self.head[-1].out_features, device=x.device) "
                                       "+ 0 * self.head(self.features(x)).sum()"))),
    ],
    "ex_residual_block": [
        # ReLU applied to F(x) before the addition
        ("relu_before_add", edit(("out = self.bn2(self.conv2(out))", "out = torch.relu(self.bn2(self.conv2(out)))"),
                                 ("return torch.relu(out + self.shortcut(x))", "return out + self.shortcut(x)"))),
        # no ReLU after the addition
        ("no_final_relu", edit(("return torch.relu(out + self.shortcut(x))", "return out + self.shortcut(x)"))),
        # identity shortcut even when the channels change
        ("no_projection", edit(("if stride == 1 and c_in == c_out:", "if True:"))),
        # projection without the stride
        ("projection_no_stride", edit(("nn.Conv2d(c_in, c_out, 1, stride=stride, bias=False)",
                                       "nn.Conv2d(c_in, c_out, 1, bias=False)"))),
        # the stride on the second convolution instead of the first
        ("stride_on_conv2", edit(("nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False)",
                                  "nn.Conv2d(c_in, c_out, 3, stride=1, padding=1, bias=False)"),
                                 ("nn.Conv2d(c_out, c_out, 3, stride=1, padding=1, bias=False)",
                                  "nn.Conv2d(c_out, c_out, 3, stride=stride, padding=1, bias=False)"))),
        # blind review: conv1/conv2 with a bias, though the table says bias=False
        ("conv_bias_true", edit(("nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1, bias=False)",
                                 "nn.Conv2d(c_in, c_out, 3, stride=stride, padding=1)"),
                                ("nn.Conv2d(c_out, c_out, 3, stride=1, padding=1, bias=False)",
                                 "nn.Conv2d(c_out, c_out, 3, stride=1, padding=1)"))),
        # the projection's 1×1 convolution with a bias
        ("projection_bias_true", edit(("nn.Conv2d(c_in, c_out, 1, stride=stride, bias=False)",
                                       "nn.Conv2d(c_in, c_out, 1, stride=stride)"))),
    ],
    "ex_receptive_field": [
        # counts the non-zero pixels of one row instead of the extent of the rows
        ("counts_nonzero_pixels", edit(("return int(rows.max() - rows.min() + 1)",
                                        "return int((x.grad[0] != 0).any(dim=0).sum(dim=1).max())"))),
        # measures from the top-left output pixel (clipped at the border)
        ("corner_pixel", edit(("out[0, :, out.shape[2] // 2, out.shape[3] // 2].sum().backward()",
                               "out[0, :, 0, 0].sum().backward()"))),
        # off by one: max - min
        ("extent_minus_one", edit(("return int(rows.max() - rows.min() + 1)", "return int(rows.max() - rows.min())"))),
        # the right function, but the pooled answer read as "blocks until the RF passes 28 before pooling"
        ("pooled_off_by_one", edit(("POOLED_BLOCKS = next(n for n in range(1, 7) if receptive_field(pooled_stack(n), 1, 128) >= 28)",
                                    "POOLED_BLOCKS = next(n for n in range(1, 7) if receptive_field(pooled_stack(n), 1, 128) >= 28) + 1"))),
        # plain stack answered by the formula 2n + 1 >= 28 solved wrongly (n = 28 // 2)
        ("plain_guess", edit(("PLAIN_LAYERS = next(n for n in range(1, 40) if receptive_field(plain_stack(n), 1, 128) >= 28)",
                              "PLAIN_LAYERS = 28 // 2 - 1"))),
        # blind review: columns instead of rows (same on square kernels)
        ("columns_not_rows", edit((".any(dim=0).any(dim=1).nonzero()", ".any(dim=0).any(dim=0).nonzero()"))),
        # blind review: only positive gradients count (wrong with negative weights)
        ("positive_grad_only", edit(("(x.grad[0] != 0)", "(x.grad[0] > 0)"))),
        # blind review: only the first output channel's centre, not the sum over channels
        ("channel0_only", edit(("out[0, :, out.shape[2] // 2, out.shape[3] // 2].sum().backward()",
                                "out[0, 0, out.shape[2] // 2, out.shape[3] // 2].sum().backward()"))),
        # blind review: a fixed 15×15 input instead of `size` (clipped once the field passes 15)
        ("ignores_size_arg", edit(("x = torch.randn(1, in_channels, size, size, requires_grad=True)",
                                   "x = torch.randn(1, in_channels, 15, 15, requires_grad=True)"),
                                  ("PLAIN_LAYERS = next(n for n in range(1, 40) if receptive_field(plain_stack(n), 1, 128) >= 28)",
                                   "PLAIN_LAYERS = 14"),
                                  ("POOLED_BLOCKS = next(n for n in range(1, 7) if receptive_field(pooled_stack(n), 1, 128) >= 28)",
                                   "POOLED_BLOCKS = 4"))),
        # blind review: turns off requires_grad on the model's parameters
        ("turns_off_param_grads", edit(("    out = model(x)\n",
                                        "    for p in model.parameters():\n        p.requires_grad_(False)\n    out = model(x)\n"))),
    ],
    "ex_train_fashion": [
        # forgets /255: raw 0..255 pixels in training, while the grader feeds 0..1
        ("raw_pixels", edit(("x = torch.tensor(x_train, dtype=torch.float32)[:, None] / 255",
                             "x = torch.tensor(x_train, dtype=torch.float32)[:, None]"))),
        # never calls zero_grad: gradients pile up across batches
        ("no_zero_grad", edit(("            optimizer.zero_grad()\n", ""))),
        # one tiny SGD epoch: far too little training
        ("undertrained", _FASHION_HEAD + '''    x = torch.tensor(x_train, dtype=torch.float32)[:, None] / 255
    y = torch.as_tensor(y_train, dtype=torch.long)
    model = SmallCNN(1, 10, 28).to(device)
    optimizer = torch.optim.SGD(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    for xb, yb in DataLoader(TensorDataset(x[:2000], y[:2000]), batch_size=128, shuffle=True):
        optimizer.zero_grad()
        loss_fn(model(xb.to(device)), yb.to(device)).backward()
        optimizer.step()
    return model
'''),
    ],
}

CORRECT = {
    "ex_conv_out_size": [
        ("math_floor_loop_check", '''def conv_out_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    effective = (kernel - 1) * dilation + 1
    padded = size + 2 * padding
    count = 0
    start = 0
    while start + effective <= padded:
        count += 1
        start += stride
    if count == 0:
        raise ValueError("too small")
    return count
'''),
        ("math_floor", '''import math


def conv_out_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    out = math.floor((size + 2 * padding - dilation * (kernel - 1) - 1) / stride + 1)
    if out < 1:
        raise ValueError("출력이 없습니다")
    return int(out)
'''),
    ],
    "ex_conv2d_naive": [
        ("loops", _CONV_HEAD + '''    n, c_in, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    xp = F.pad(x, (padding, padding, padding, padding))
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (w + 2 * padding - kw) // stride + 1
    out = torch.zeros(n, c_out, h_out, w_out, dtype=x.dtype, device=x.device)
    for i in range(h_out):
        for j in range(w_out):
            patch = xp[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]       # (N, C_in, kH, kW)
            for o in range(c_out):
                out[:, o, i, j] = (patch * weight[o]).sum(dim=(1, 2, 3))
    if bias is not None:
        out = out + bias.view(1, -1, 1, 1)
    return out
'''),
        ("f_unfold_matmul", _CONV_HEAD + '''    n, _, h, w = x.shape
    c_out, _, kh, kw = weight.shape
    cols = F.unfold(x, (kh, kw), padding=padding, stride=stride)      # (N, C_in*kH*kW, L)
    out = weight.reshape(c_out, -1) @ cols                            # (N, C_out, L)
    if bias is not None:
        out = out + bias[:, None]
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (w + 2 * padding - kw) // stride + 1
    return out.reshape(n, c_out, h_out, w_out)
'''),
    ],
    "ex_maxpool2d_naive": [
        ("loops", _POOL_HEAD + '''    s = kernel_size if stride is None else stride
    n, c, h, w = x.shape
    h_out, w_out = (h - kernel_size) // s + 1, (w - kernel_size) // s + 1
    out = torch.empty(n, c, h_out, w_out, dtype=x.dtype, device=x.device)
    for i in range(h_out):
        for j in range(w_out):
            out[:, :, i, j] = x[:, :, i * s:i * s + kernel_size, j * s:j * s + kernel_size].flatten(2).max(dim=2).values
    return out
'''),
        ("f_unfold_max", _POOL_HEAD + '''    s = stride or kernel_size
    n, c, h, w = x.shape
    cols = F.unfold(x.reshape(n * c, 1, h, w), kernel_size, stride=s)     # (N*C, k*k, L)
    h_out, w_out = (h - kernel_size) // s + 1, (w - kernel_size) // s + 1
    return cols.max(dim=1).values.reshape(n, c, h_out, w_out)
'''),
    ],
    "ex_small_cnn": [
        ("hidden_fc_relu_module", '''class SmallCNN(nn.Module):
    def __init__(self, in_channels: int = 1, num_classes: int = 10, image_size: int = 28):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1)
        self.bn2 = nn.BatchNorm2d(32)
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(32 * (image_size // 4) ** 2, 64)
        self.fc2 = nn.Linear(64, num_classes)

    def forward(self, x):
        x = self.pool(F.relu(self.bn1(self.conv1(x))))
        x = self.pool(F.relu(self.bn2(self.conv2(x))))
        return self.fc2(F.relu(self.fc1(x.flatten(1))))
'''),
        ("adaptive_pool_head", '''class SmallCNN(nn.Module):
    def __init__(self, in_channels: int = 1, num_classes: int = 10, image_size: int = 28):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(in_channels, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, num_classes),
        )

    def forward(self, x):
        return self.net(x)
'''),
        ("lazy_linear", '''class SmallCNN(nn.Module):
    def __init__(self, in_channels: int = 1, num_classes: int = 10, image_size: int = 28):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(in_channels, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(),
        )
        self.out = nn.LazyLinear(num_classes)
        self.out(self.body(torch.zeros(2, in_channels, image_size, image_size)))

    def forward(self, x):
        return self.out(self.body(x))
'''),
    ],
    "ex_residual_block": [
        ("empty_sequential_relu_module", '''class ResidualBlock(nn.Module):
    def __init__(self, c_in: int, c_out: int, stride: int = 1):
        super().__init__()
        self.conv1 = nn.Conv2d(c_in, c_out, kernel_size=3, stride=stride, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c_out)
        self.conv2 = nn.Conv2d(c_out, c_out, kernel_size=3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c_out)
        self.relu = nn.ReLU()
        self.shortcut = nn.Sequential()
        if stride != 1 or c_in != c_out:
            self.shortcut = nn.Sequential(nn.Conv2d(c_in, c_out, kernel_size=1, stride=stride, bias=False),
                                          nn.BatchNorm2d(c_out))

    def forward(self, x):
        identity = self.shortcut(x)
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out += identity
        return self.relu(out)
'''),
    ],
    "ex_receptive_field": [
        ("ones_input_columns_via_numpy", '''def receptive_field(model: nn.Module, in_channels: int, size: int) -> int:
    x = torch.ones(1, in_channels, size, size).requires_grad_()
    y = model(x)
    h, w = y.shape[-2:]
    grad, = torch.autograd.grad(y[0, :, h // 2, w // 2].sum(), x)
    mask = grad.abs().sum(dim=(0, 1)).numpy() > 0
    rows = np.flatnonzero(mask.any(axis=1))
    return int(rows[-1] - rows[0] + 1)


def plain_stack(n: int) -> nn.Module:
    return nn.Sequential(*[nn.Conv2d(1, 1, 3, padding=1) for _ in range(n)])


def pooled_stack(n: int) -> nn.Module:
    return nn.Sequential(*[layer for _ in range(n) for layer in (nn.Conv2d(1, 1, 3, padding=1), nn.AvgPool2d(2))])


PLAIN_LAYERS = 1
while receptive_field(plain_stack(PLAIN_LAYERS), 1, 100) < 28:
    PLAIN_LAYERS += 1
POOLED_BLOCKS = 1
while receptive_field(pooled_stack(POOLED_BLOCKS), 1, 160) < 28:
    POOLED_BLOCKS += 1
'''),
    ],
    "ex_train_fashion": [
        ("helpers_fit_onecycle_per_epoch_cosine", _FASHION_HEAD + '''    x = torch.tensor(x_train, dtype=torch.float32).unsqueeze(1) / 255.0
    loader = DataLoader(TensorDataset(x, torch.from_numpy(y_train).long()), batch_size=128, shuffle=True)
    model = SmallCNN(1, 10, 28)
    optimizer = torch.optim.Adam(model.parameters(), lr=2e-3)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=3)
    helpers.train.fit(model, loader, nn.CrossEntropyLoss(), optimizer, epochs=3, device=device, scheduler=scheduler)
    return model
'''),
    ],
}

"""Known-wrong answers for 04_tensors: each is a mistake students really make and must lose its cell's points."""

from grading.mutants import edit


def _cell(signature: str, body: str) -> str:
    return f"{signature}\n    ### BEGIN SOLUTION\n{body}\n    ### END SOLUTION\n"


_TO_INPUT = "def to_model_input(arr: np.ndarray, device: torch.device) -> torch.Tensor:"
_SHARES = "def shares_memory(a: torch.Tensor, b: torch.Tensor) -> bool:"
_FLAT = "def flatten_per_sample(x: torch.Tensor) -> torch.Tensor:"
_CHLAST = "def channels_last_to_first(x: torch.Tensor) -> torch.Tensor:"
_SELECT = "def select_at_least(x: torch.Tensor, threshold: float) -> torch.Tensor:"
_FILL = "def fill_masked(x: torch.Tensor, mask: torch.Tensor, value: float) -> torch.Tensor:"
_STD = "def standardize_channels(images: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:"
_BMM = "def batch_matmul(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:"

MUTANTS = {
    "ex_to_model_input": [
        # .float() is a no-op on a float32 array: the result shares its memory on the CPU
        ("from_numpy_shares", _cell(_TO_INPUT, "    return torch.from_numpy(arr).float().to(device)")),
        # dtype left to inference: float64 stays float64, integers stay integers
        ("dtype_inferred", _cell(_TO_INPUT, "    return torch.tensor(arr, device=device)")),
        # forgot the device: always on the CPU
        ("no_device", _cell(_TO_INPUT, "    return torch.tensor(arr, dtype=torch.float32)")),
    ],
    "ex_shares_memory": [
        # data_ptr() is the first element's address: a view with an offset looks separate
        ("first_element_ptr", _cell(_SHARES, "    return a.data_ptr() == b.data_ptr()")),
        # compares values, not memory
        ("equal_values", _cell(_SHARES, "    return torch.equal(a, b)")),
        # object identity: a view is another object
        ("same_object", _cell(_SHARES, "    return a is b")),
    ],
    "ex_flatten_per_sample": [
        # view fails on a permuted (non-contiguous) input
        ("view_noncontiguous", _cell(_FLAT, "    return x.view(x.shape[0], -1)")),
        # squeeze drops the batch dimension when N == 1
        ("squeeze_drops_batch", _cell(_FLAT, "    return x.reshape(x.shape[0], -1).squeeze()")),
        # flattens the batch away
        ("flatten_all", _cell(_FLAT, "    return x.flatten()")),
    ],
    "ex_channels_last_to_first": [
        # right shape, wrong element order
        ("reshape_wrong_order", _cell(_CHLAST, "    return x.reshape(x.shape[0], x.shape[3], x.shape[1], x.shape[2])")),
        # swaps C with W: (N, C, W, H)
        ("transpose_1_3", _cell(_CHLAST, "    return x.transpose(1, 3)")),
    ],
    "ex_select_at_least": [
        # > instead of >=: drops values equal to the threshold
        ("strictly_greater", _cell(_SELECT, "    return x[x > threshold]")),
        # returns the mask, not the selected values
        ("returns_mask", _cell(_SELECT, "    return x >= threshold")),
    ],
    "ex_fill_masked": [
        # mutates the input in place
        ("in_place", _cell(_FILL, "    x[mask] = value\n    return x")),
        # fills where the mask is False
        ("where_swapped", _cell(_FILL, "    return torch.where(mask, x, value)")),
        # loses the dtype of integer inputs
        ("to_float", _cell(_FILL, "    out = x.float().clone()\n    out[mask] = value\n    return out")),
    ],
    "ex_standardize_channels": [
        # (C,) broadcasts against W, not C (wrong values when W == C, an error otherwise)
        ("broadcast_last_axis", _cell(_STD, "    return (images - mean) / std")),
        # normalises the caller's tensor in place
        ("in_place", _cell(_STD, "    images.sub_(mean.view(1, -1, 1, 1)).div_(std.view(1, -1, 1, 1))\n    return images")),
    ],
    "ex_batch_matmul": [
        # output letters swapped: (B, m, n)
        ("swapped_output", _cell(_BMM, '    return torch.einsum("bnk,bkm->bmn", a, b)')),
        # b missing from the output: sums over the batch
        ("sums_batch", _cell(_BMM, '    return torch.einsum("bnk,bkm->nm", a, b).expand(a.shape[0], -1, -1)')),
    ],
    "ex_memory_experiment": [
        # data_ptr() is the first element's address: an offset view (x[:, 1]) looks like a copy
        ("first_element_ptr", edit(("    if shares_memory(x, out):", "    if x.data_ptr() == out.data_ptr():"))),
        # counts the storage a view looks at as if it were new memory
        ("no_sharing_check", edit(("    if shares_memory(x, out):\n        return 0\n", ""))),
        # "reshape never copies": the guess instead of the measurement for permute + reshape
        ("reshape_guessed_view", edit((
            "copying_ops = {name for name, nbytes in measured.items() if nbytes > 0}",
            'measured["x.permute(0, 2, 3, 1).reshape(64, -1)"] = 0\n'
            "copying_ops = {name for name, nbytes in measured.items() if nbytes > 0}"))),
        # "boolean indexing is slicing, so it is a view", and "contiguous() always copies"
        ("guessed_set", edit((
            "copying_ops = {name for name, nbytes in measured.items() if nbytes > 0}",
            'copying_ops = {"x.permute(0, 2, 3, 1).reshape(64, -1)", "x.transpose(2, 3).contiguous()", '
            '"x.contiguous()", "x.to(torch.float16)"}'))),
    ],
}

CORRECT = {
    "ex_memory_experiment": [
        ("numel_times_element_size", """def new_memory_bytes(x, out):
    if x.device == out.device and x.untyped_storage().data_ptr() == out.untyped_storage().data_ptr():
        return 0
    return out.numel() * out.element_size()


measured = {}
for name, op in OPERATIONS.items():
    measured[name] = new_memory_bytes(batch, op(batch))
copying_ops = set()
for name in measured:
    if measured[name] != 0:
        copying_ops.add(name)
"""),
    ],
}

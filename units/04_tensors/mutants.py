"""Known-wrong answers for 04_tensors: each is a mistake students really make and must lose its cell's points."""


def _cell(signature: str, body: str) -> str:
    return f"{signature}\n    ### BEGIN SOLUTION\n{body}\n    ### END SOLUTION\n"


_TO_INPUT = "def to_model_input(arr: np.ndarray, device: torch.device) -> torch.Tensor:"
_SHARES = "def shares_memory(a: torch.Tensor, b: torch.Tensor) -> bool:"
_FLAT = "def flatten_per_sample(x: torch.Tensor) -> torch.Tensor:"
_CHLAST = "def channels_last_to_first(x: torch.Tensor) -> torch.Tensor:"
_SELECT = "def select_at_least(x: torch.Tensor, threshold: float) -> torch.Tensor:"
_FILL = "def fill_masked(x: torch.Tensor, mask: torch.Tensor, value: float) -> torch.Tensor:"
_NORM = "def normalize_channels(images: torch.Tensor, mean: torch.Tensor, std: torch.Tensor) -> torch.Tensor:"
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
    "ex_normalize_channels": [
        # (C,) broadcasts against W, not C (wrong values when W == C, an error otherwise)
        ("broadcast_last_axis", _cell(_NORM, "    return (images - mean) / std")),
        # normalises the caller's tensor in place
        ("in_place", _cell(_NORM, "    images.sub_(mean.view(1, -1, 1, 1)).div_(std.view(1, -1, 1, 1))\n    return images")),
    ],
    "ex_batch_matmul": [
        # output letters swapped: (B, m, n)
        ("swapped_output", _cell(_BMM, '    return torch.einsum("bnk,bkm->bmn", a, b)')),
        # b missing from the output: sums over the batch
        ("sums_batch", _cell(_BMM, '    return torch.einsum("bnk,bkm->nm", a, b).expand(a.shape[0], -1, -1)')),
    ],
}

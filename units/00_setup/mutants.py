"""Known-wrong answers for source/00_setup: each must lose its exercise's points (python -m tools.gradecheck 00_setup)."""

MUTANTS = {
    "ex_pick_device": [
        ("returns_string", '''
def pick_device(prefer: str | None = None) -> torch.device:
    cuda_ok = torch.cuda.is_available()
    if prefer is None:
        return "cuda" if cuda_ok else "cpu"
    name = prefer.lower()
    if name == "cpu":
        return "cpu"
    if name == "cuda":
        return "cuda" if cuda_ok else "cpu"
    raise ValueError(prefer)
'''),
        ("ignores_prefer", '''
def pick_device(prefer: str | None = None) -> torch.device:
    if prefer is not None and prefer.lower() not in ("cpu", "cuda"):
        raise ValueError(prefer)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")
'''),
        ("cuda_without_check", '''
def pick_device(prefer: str | None = None) -> torch.device:
    if prefer is None:
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    name = prefer.lower()
    if name in ("cpu", "cuda"):
        return torch.device(name)
    raise ValueError(prefer)
'''),
        ("availability_cached_once", '''
CUDA_OK = torch.cuda.is_available()

def pick_device(prefer: str | None = None) -> torch.device:
    if prefer is None:
        return torch.device("cuda" if CUDA_OK else "cpu")
    name = prefer.lower()
    if name == "cpu":
        return torch.device("cpu")
    if name == "cuda":
        return torch.device("cuda" if CUDA_OK else "cpu")
    raise ValueError(prefer)
'''),
        ("unknown_name_falls_back_to_cpu", '''
def pick_device(prefer: str | None = None) -> torch.device:
    cuda_ok = torch.cuda.is_available()
    if prefer is not None and prefer.lower() == "cpu":
        return torch.device("cpu")
    if prefer is None or prefer.lower() == "cuda":
        return torch.device("cuda" if cuda_ok else "cpu")
    if prefer == "gpu":
        raise ValueError(prefer)
    return torch.device("cpu")
'''),
        ("case_sensitive", '''
def pick_device(prefer: str | None = None) -> torch.device:
    cuda_ok = torch.cuda.is_available()
    if prefer is None:
        return torch.device("cuda" if cuda_ok else "cpu")
    if prefer == "cpu":
        return torch.device("cpu")
    if prefer == "cuda":
        return torch.device("cuda" if cuda_ok else "cpu")
    raise ValueError(prefer)
'''),
    ],
    "ex_env_report": [
        ("device_count_as_str", '''
def env_report() -> dict:
    return {
        "python": platform.python_version(),
        "torch": str(torch.__version__),
        "numpy": np.__version__,
        "cuda_available": torch.cuda.is_available(),
        "device_count": str(torch.cuda.device_count()),
    }
'''),
        ("wrong_key_pytorch", '''
def env_report() -> dict:
    return {
        "python": platform.python_version(),
        "pytorch": str(torch.__version__),
        "numpy": np.__version__,
        "cuda_available": torch.cuda.is_available(),
        "device_count": torch.cuda.device_count(),
    }
'''),
        ("is_available_not_called", '''
def env_report() -> dict:
    return {
        "python": platform.python_version(),
        "torch": str(torch.__version__),
        "numpy": np.__version__,
        "cuda_available": torch.cuda.is_available,
        "device_count": torch.cuda.device_count(),
    }
'''),
        ("torch_version_not_plain_str", '''
def env_report() -> dict:
    return {
        "python": platform.python_version(),
        "torch": torch.__version__,
        "numpy": np.__version__,
        "cuda_available": torch.cuda.is_available(),
        "device_count": torch.cuda.device_count(),
    }
'''),
        ("sys_version_string", '''
import sys

def env_report() -> dict:
    return {
        "python": sys.version,
        "torch": str(torch.__version__),
        "numpy": np.__version__,
        "cuda_available": torch.cuda.is_available(),
        "device_count": torch.cuda.device_count(),
    }
'''),
        ("computed_once_at_import", '''
REPORT = {
    "python": platform.python_version(),
    "torch": str(torch.__version__),
    "numpy": np.__version__,
    "cuda_available": torch.cuda.is_available(),
    "device_count": torch.cuda.device_count(),
}

def env_report() -> dict:
    return REPORT
'''),
        ("availability_as_str", '''
def env_report() -> dict:
    return {
        "python": platform.python_version(),
        "torch": str(torch.__version__),
        "numpy": np.__version__,
        "cuda_available": str(torch.cuda.is_available()),
        "device_count": torch.cuda.device_count(),
    }
'''),
    ],
    "ex_max_batch_size": [
        ("assumes_4_bytes", '''
def max_batch_size(sample_shape: tuple[int, ...], dtype: torch.dtype, budget_mib: float) -> int:
    return int(budget_mib * 2**20 // (math.prod(sample_shape) * 4))
'''),
        ("decimal_megabytes", '''
def max_batch_size(sample_shape: tuple[int, ...], dtype: torch.dtype, budget_mib: float) -> int:
    per_sample = math.prod(sample_shape) * torch.empty(0, dtype=dtype).element_size()
    return int(budget_mib * 1e6 // per_sample)
'''),
        ("rounds_to_nearest", '''
def max_batch_size(sample_shape: tuple[int, ...], dtype: torch.dtype, budget_mib: float) -> int:
    per_sample = math.prod(sample_shape) * torch.empty(0, dtype=dtype).element_size()
    return round(budget_mib * 2**20 / per_sample)
'''),
        ("returns_float", '''
def max_batch_size(sample_shape: tuple[int, ...], dtype: torch.dtype, budget_mib: float) -> int:
    per_sample = math.prod(sample_shape) * torch.empty(0, dtype=dtype).element_size()
    return budget_mib * 2**20 // per_sample
'''),
        ("strictly_less_than_budget", '''
def max_batch_size(sample_shape: tuple[int, ...], dtype: torch.dtype, budget_mib: float) -> int:
    per_sample = math.prod(sample_shape) * torch.empty(0, dtype=dtype).element_size()
    b = 0
    while (b + 1) * per_sample < budget_mib * 2**20:
        b += 1
    return b
'''),
    ],
}

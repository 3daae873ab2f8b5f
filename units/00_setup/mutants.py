"""Known-wrong answers for source/00_setup: each must lose its exercise's points (python -m tools.gradecheck 00_setup).
CORRECT: right answers in other styles the instructions allow; each must keep its points (grading.fastcheck)."""

from grading.mutants import edit

MUTANTS = {
    "ex_pick_device": [
        ("rejects_cuda_index_and_mps", '''
def pick_device(prefer: str | None = None) -> torch.device:
    cuda_ok = torch.cuda.is_available()
    if prefer is None:
        return torch.device("cuda" if cuda_ok else "cpu")
    name = prefer.lower()
    if name == "cpu":
        return torch.device("cpu")
    if name == "cuda":
        return torch.device("cuda" if cuda_ok else "cpu")
    raise ValueError(prefer)
'''),
        ("cuda_index_dropped", edit(('return torch.device(f"cuda:{index}" if cuda_ok and index < torch.cuda.device_count() else "cpu")',
                                     'return torch.device("cuda" if cuda_ok else "cpu")'))),
        ("cuda_index_not_counted", edit(("if cuda_ok and index < torch.cuda.device_count()", "if cuda_ok"))),
        ("mps_without_check", edit(('return torch.device("mps" if torch.backends.mps.is_available() else "cpu")',
                                    'return torch.device("mps")'))),
        ("torch_device_parses", '''
def pick_device(prefer: str | None = None) -> torch.device:
    cuda_ok = torch.cuda.is_available()
    if prefer is None:
        return torch.device("cuda" if cuda_ok else "cpu")
    if prefer.lower() in ("gpu", "tpu", ""):
        raise ValueError(prefer)
    d = torch.device(prefer.lower())          # RuntimeError, not ValueError, for "cuda:x"
    if d.type == "cuda" and not cuda_ok:
        return torch.device("cpu")
    if d.type == "mps" and not torch.backends.mps.is_available():
        return torch.device("cpu")
    return d
'''),
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
    "ex_first_inexact": [
        ("largest_exact_power", edit(("return start + int(bad[0, 0])", "return start + int(bad[0, 0]) - 1"))),
        ("float16_bfloat16_swapped", edit(('for name in ("float16", "bfloat16", "float32")}',
                                           'for name in ("float16", "bfloat16", "float32")}\n'
                                           'FIRST_INEXACT["float16"], FIRST_INEXACT["bfloat16"] = '
                                           'FIRST_INEXACT["bfloat16"], FIRST_INEXACT["float16"]'))),
        ("python_float_is_float64", '''
FIRST_INEXACT = {}
for name in ("float16", "bfloat16", "float32"):
    k = 1
    while float(k) == k and k < 2**25:       # Python float is float64: never inexact this early
        k *= 2
    FIRST_INEXACT[name] = k
'''),
        ("tensor_values", edit(("return start + int(bad[0, 0])", "return start + bad[0, 0]"))),
    ],
}

CORRECT = {
    "ex_pick_device": [
        ("split_on_colon", '''
def pick_device(prefer=None):
    if prefer is None:
        return torch.device("cuda") if torch.cuda.is_available() else torch.device("cpu")
    kind, sep, num = prefer.lower().partition(":")
    if kind == "cpu" and not sep:
        return torch.device("cpu")
    if kind == "mps" and not sep:
        return torch.device("mps") if torch.backends.mps.is_available() else torch.device("cpu")
    if kind == "cuda" and (not sep or (num.isdigit())):
        if not torch.cuda.is_available():
            return torch.device("cpu")
        if not sep:
            return torch.device("cuda")
        return torch.device("cuda", int(num)) if int(num) < torch.cuda.device_count() else torch.device("cpu")
    raise ValueError("지원하지 않는 장치 이름: " + prefer)
'''),
    ],
    "ex_first_inexact": [
        ("doubling_then_step", '''
FIRST_INEXACT = {}
for name in ("float16", "bfloat16", "float32"):
    dt = getattr(torch, name)
    k = 1
    while int(torch.tensor(k + 1).to(dt).item()) == k + 1:   # k + 1 exact: try the next power of two
        k *= 2
    FIRST_INEXACT[name] = k + 1
'''),
        ("literal_values", '''
FIRST_INEXACT = {"float16": 2049, "bfloat16": 257, "float32": 16777217}
'''),
    ],
}

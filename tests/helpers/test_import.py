"""`import helpers` stays light: no torch, fast."""
import json
import subprocess
import sys

CODE = r"""
import json, sys, time
t = time.perf_counter()
import helpers
elapsed = time.perf_counter() - t
heavy = [m for m in ("torch", "matplotlib", "pandas", "seaborn", "plotly") if m in sys.modules]
import helpers.data, helpers.device, helpers.plot, helpers.train, helpers.doctor
print(json.dumps({"elapsed": elapsed, "heavy": heavy, "torch_after_submodules": "torch" in sys.modules}))
"""


def _run() -> dict:
    out = subprocess.run([sys.executable, "-X", "frozen_modules=on", "-c", CODE], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_helpers_does_not_import_torch_or_heavy_libraries():
    result = _run()
    assert result["heavy"] == []
    assert result["torch_after_submodules"] is False


def test_import_helpers_is_fast():
    best = min(_run()["elapsed"] for _ in range(3))
    assert best < 0.3, f"import helpers took {best:.3f}s"

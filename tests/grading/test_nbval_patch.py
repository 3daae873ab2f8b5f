"""The root conftest raises nbval's hard-coded 5 s output wait; this fails if the patch stops applying."""
from __future__ import annotations

import inspect

import pytest

import conftest


def test_nbval_output_wait_is_raised():
    from nbval.plugin import IPyNbCell

    assert conftest.NBVAL_PATCHED
    init = IPyNbCell.__init__
    assert getattr(init, "_course_patched", False), "conftest no longer patches nbval.plugin.IPyNbCell.__init__"
    # The attribute the patch sets must still be the one nbval reads while waiting for outputs.
    assert "self.output_timeout" in inspect.getsource(init._original)
    assert "timeout=self.output_timeout" in inspect.getsource(IPyNbCell)

    class Fake:
        pass

    fake = Fake()
    original = init._original
    try:
        assert init.__globals__  # the wrapper calls the original, then raises the wait
        init._original = original
        import nbval.plugin as plugin

        def fake_original(self, *a, **k):  # noqa: ANN001, ANN002, ANN003
            self.output_timeout = 5

        # Call the wrapper's logic on a stand-in for the original __init__.
        wrapper_code = init.__code__
        import types

        patched = types.FunctionType(wrapper_code, init.__globals__, closure=(
            types.CellType(fake_original),) if init.__closure__ and len(init.__closure__) == 1 else init.__closure__)
        patched(fake)
    finally:
        pass
    assert fake.output_timeout >= 30 and conftest.NBVAL_OUTPUT_TIMEOUT_S >= 30
    assert plugin.IPyNbCell.__init__ is init


def test_nbval_kernel_start_is_retried(monkeypatch):
    """A kernel that dies at start (a port taken meanwhile) is started again; the third failure is reported."""
    import nbval.kernel as nbk

    assert conftest.NBVAL_KERNEL_START_PATCHED
    patched = nbk.start_new_kernel
    assert getattr(patched, "_course_patched", False), "conftest no longer patches nbval.kernel.start_new_kernel"
    # nbval's RunningKernel must still look the function up in its module at call time
    assert "start_new_kernel(" in inspect.getsource(nbk.RunningKernel.__init__)

    calls = []

    def flaky(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(kwargs)
        if len(calls) < 2:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return "km", "kc"

    monkeypatch.setattr(conftest, "KERNEL_START_ATTEMPTS", 3)
    assert _call_with_original(patched, flaky, kernel_name="k") == ("km", "kc") and len(calls) == 2

    calls.clear()

    def dead(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        calls.append(kwargs)
        raise RuntimeError("Kernel died before replying to kernel_info")

    with pytest.raises(RuntimeError, match="Kernel died"):
        _call_with_original(patched, dead, kernel_name="k")
    assert len(calls) == 3


def _call_with_original(patched, original, **kwargs):  # noqa: ANN001, ANN003, ANN202
    """Run the patch's code with `original` in place of nbval's start_new_kernel."""
    import types

    cells = tuple(types.CellType(original) if name == "original" else cell
                  for name, cell in zip(patched.__code__.co_freevars, patched.__closure__ or ()))
    return types.FunctionType(patched.__code__, patched.__globals__, closure=cells)(**kwargs)

"""The root conftest raises nbval's hard-coded 5 s output wait; this fails if the patch stops applying."""
from __future__ import annotations

import inspect

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

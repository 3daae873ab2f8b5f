"""The graders' held-out images: what they are, that students never get them, that they are the stated split."""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from grading import holdout
from helpers import data
from tools import holdout as carve
from tools.student_dist import NEVER

ROOT = carve.ROOT


@pytest.mark.parametrize("name,shape", [("mnist", (1000, 28, 28)), ("fashion_mnist", (1000, 28, 28)),
                                        ("cifar10", (500, 32, 32, 3))])
def test_shapes_and_balance(name, shape):
    x, y = holdout.load_holdout(name)
    assert x.shape == shape and x.dtype == np.uint8 and y.dtype == np.int64
    assert np.bincount(y, minlength=10).tolist() == [len(y) // 10] * 10
    assert 0 < x.mean() < 255


def test_nsmc_reviews():
    x, y = holdout.load_holdout("nsmc")
    assert type(x) is list and len(x) == 1000 and all(type(t) is str and t for t in x)
    assert np.bincount(y).tolist() == [500, 500]
    shipped = set(data.load_nsmc("train")["document"]) | set(data.load_nsmc("test")["document"])
    ids = set(data.load_nsmc("train")["id"]) | set(data.load_nsmc("test")["id"])
    held_ids = {int(r.split("\t")[0]) for r in __import__("gzip").decompress(
        holdout._verified_path("nsmc").read_bytes()).decode("utf-8").splitlines()[1:]}
    assert not held_ids & ids
    assert len(set(x) - shipped) > 900  # short reviews ("최고") also occur among the shipped ones


def test_copies_are_fresh():
    x, _ = holdout.load_holdout("mnist")
    x[:] = 0
    assert holdout.load_holdout("mnist")[0].any()


def _rows(a: np.ndarray) -> set[bytes]:
    return {r.tobytes() for r in a.reshape(len(a), -1)}


@pytest.mark.parametrize("name,loader", [("mnist", data.load_mnist), ("fashion_mnist", data.load_fashion_mnist)])
def test_no_held_out_image_is_shipped(name, loader):
    x, _ = holdout.load_holdout(name)
    d = loader()
    shipped = _rows(d.x_train) | _rows(d.x_test)
    assert not _rows(x) & shipped


def test_no_held_out_jpeg_is_shipped():
    name = data.dataset_parts("cifar10")[None]
    with zipfile.ZipFile(data.data_path(name)) as s, zipfile.ZipFile(holdout._verified_path("cifar10")) as h:
        shipped = {s.read(n) for n in s.namelist() if n.endswith(".jpg")}
        held = [h.read(n) for n in h.namelist()]
    assert len(held) == 500 and not set(held) & shipped
    from PIL import Image

    assert Image.open(io.BytesIO(held[0])).size == (32, 32)


def test_never_reaches_students():
    assert "grading" in NEVER  # tools/student_dist.py refuses a distribution holding grading/


@pytest.mark.skipif(shutil.which("bwrap") is None, reason="bubblewrap not installed (make sandbox)")
def test_a_sandboxed_submission_cannot_read_the_held_out_files(tmp_path):
    from grading import sandbox

    held = holdout._verified_path("mnist")
    shipped = data.data_path(data.dataset_parts("mnist")[None])
    probe = ("import sys\nfor p in sys.argv[1:]:\n    try:\n        open(p, 'rb').read(1); print('read', p)\n"
             "    except OSError:\n        print('hidden', p)\n")
    argv, env, cwd = sandbox.wrap([sys.executable, "-c", probe, str(held), str(shipped)], tmp_path, True,
                                  sandbox.Limits())
    out = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert f"hidden {held}" in out.stdout and f"read {shipped}" in out.stdout, out.stdout


@pytest.mark.skipif(not (carve.ORIGINALS / "mnist").is_dir(), reason="../shared/data not beside the repository")
def test_committed_files_equal_a_fresh_carve():
    out = subprocess.run([sys.executable, "-m", "tools.holdout", "--check"], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr

"""The graders' held-out images (grading/holdout/): read only inside hidden tests, in the judge.

    from grading.holdout import load_holdout
    x, y = load_holdout("mnist")          # uint8 (1000, 28, 28), int64 (1000,), 100 per class
    x, y = load_holdout("fashion_mnist")  # uint8 (1000, 28, 28), int64 (1000,), 100 per class
    x, y = load_holdout("cifar10")        # uint8 (500, 32, 32, 3) HWC RGB, int64 (500,), 50 per class
    x, y = load_holdout("nsmc")           # list of 1000 Korean reviews (str), int64 (1000,), 500 per label
    q, gold = load_holdout("rag_questions")  # list of 21 Korean questions (str), list of gold [(doc, span), ...]

A training exercise is judged on these: images the student's notebook never had (tools/holdout.py carved them out
of the test splits students get). Every call returns fresh copies, so a test may change them freely. The files are
checked against grading/holdout/holdout.toml before they are read.
"""
from __future__ import annotations

import hashlib
import io
import tomllib
import zipfile
from functools import cache
from pathlib import Path

import numpy as np

FOLDER = Path(__file__).resolve().parent / "holdout"


class HoldoutError(RuntimeError):
    """A held-out file is missing or damaged."""


@cache
def table() -> dict[str, dict[str, str]]:
    with open(FOLDER / "holdout.toml", "rb") as f:
        return tomllib.load(f)


def names() -> tuple[str, ...]:
    return tuple(table())


def _verified_path(name: str) -> Path:
    entry = table().get(name)
    if entry is None:
        raise HoldoutError(f"no held-out set {name!r}; known: {', '.join(names())}")
    path = FOLDER / entry["file"]
    if not path.is_file():
        raise HoldoutError(f"held-out file {path} is missing (git checkout -- grading/holdout/)")
    if hashlib.sha256(path.read_bytes()).hexdigest() != entry["sha256"]:
        raise HoldoutError(f"held-out file {path} does not match holdout.toml (python -m tools.holdout --check)")
    return path


@cache
def _load(name: str) -> tuple[np.ndarray | tuple[str, ...], np.ndarray]:
    path = _verified_path(name)
    if path.suffix == ".jsonl":
        import json

        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return tuple(r["question"] for r in rows), tuple(tuple((g["doc"], g["span"]) for g in r["gold"]) for r in rows)
    if path.name.endswith(".tsv.gz"):
        import gzip

        rows = gzip.decompress(path.read_bytes()).decode("utf-8").splitlines()[1:]
        parts = [r.split("\t") for r in rows]
        return tuple(p[1] for p in parts), np.asarray([int(p[2]) for p in parts], dtype=np.int64)
    if path.suffix == ".npz":
        with np.load(path) as d:
            return d["x"], d["y"].astype(np.int64)
    from PIL import Image

    from helpers.data import CIFAR10_CLASSES

    xs, ys = [], []
    with zipfile.ZipFile(path) as zf:
        for member in sorted(n for n in zf.namelist() if n.endswith(".jpg")):
            cls = member.split("/")[0]
            with Image.open(io.BytesIO(zf.read(member))) as im:
                xs.append(np.asarray(im.convert("RGB"), dtype=np.uint8))
            ys.append(CIFAR10_CLASSES.index(cls))
    return np.stack(xs), np.asarray(ys, dtype=np.int64)


def load_holdout(name: str) -> tuple[np.ndarray | list[str], np.ndarray | list[list[tuple[int, str]]]]:
    """(x, y) of held-out set `name` ("mnist", "fashion_mnist", "cifar10", "nsmc", "rag_questions"), fresh copies.

    "rag_questions": x = the questions (str), y = per question its gold passages [(doc id, span), ...]; a chunk
    answers the question when it comes from one of those docs and contains that doc's span.
    """
    x, y = _load(name)
    if name == "rag_questions":
        return list(x), [list(g) for g in y]
    return (list(x) if isinstance(x, tuple) else x.copy()), y.copy()

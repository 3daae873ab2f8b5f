"""Carve the graders' held-out images out of the course's original image files (maintainers; run once, committed).

    python -m tools.holdout            # write data/<students' files> and grading/holdout/<held-out files>
    python -m tools.holdout --check    # carve again in a temporary folder and compare sha256 (exit 1 on a change)

Training exercises are judged on images a student never has. The originals (../shared/data, the files the course
was first built from) are split per class, in their stored order:

    mnist          test 2000 (178..227 per class): 100 of each class -> held out (1000), the rest -> students
    fashion_mnist  test 3000 (300 per class):      100 of each class -> held out (1000), 2000 -> students
    cifar10        test 100 JPEGs per class:       50 of each class -> held out (500), 50 -> students
    nsmc           test 5000 reviews (2500 per class): 500 of each class -> held out (1000), 4000 -> students

The held-out rows of each class are drawn at random (numpy default_rng(SEED), one generator per dataset), so the
held-out set and the students' test split are samples of the same distribution: a threshold measured on one holds
on the other. (A first carve took the *last* rows of each class; MNIST's stored order runs from easier to harder
writers, so the students kept a much harder half: 97.0-97.5 % vs 99.4-99.5 % for the same CNN.)

Training splits are untouched. The output files are byte-reproducible (fixed zip timestamps and member order), so
`--check` proves that the committed files are exactly this split of the originals. Held-out files live in
grading/holdout/ (tools/student_dist.py never ships grading/; the grading sandbox does not bind it, so a
submission cannot read them); grading/holdout/holdout.toml records their sha256 for grading.holdout.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import io
import re
import sys
import tempfile
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
ORIGINALS = ROOT.parent / "shared" / "data"
HELD_PER_CLASS = 100
CIFAR_HELD = 50  # test JPEGs per class held out (of 100)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# name -> (original file under ORIGINALS, students' file under data/, held-out file under grading/holdout/)
FILES = {
    "mnist": ("mnist/mnist_t10k_exact.npz", "mnist/mnist_8k_1k.npz", "mnist_holdout.npz"),
    "fashion_mnist": ("fashion_mnist/fashion_mnist_12k_3k.npz", "fashion_mnist/fashion_mnist_12k_2k.npz",
                      "fashion_mnist_holdout.npz"),
    "cifar10": ("cifar10/cifar10_5k_1k_jpg.zip", "cifar10/cifar10_5k_500_jpg.zip", "cifar10_holdout_jpg.zip"),
    "nsmc": ("nsmc/nsmc_test_5k.tsv.gz", "nsmc/nsmc_test_4k.tsv.gz", "nsmc_holdout.tsv.gz"),
}
NSMC_HELD_PER_CLASS = 500
TEST_INDEX_KEYS = {"mnist": "t10k_index_test", "fashion_mnist": "test_index"}


def _info(name: str) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    zi.compress_type = zipfile.ZIP_DEFLATED
    zi.external_attr = 0o644 << 16
    return zi


def write_npz(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """np.savez_compressed, but byte-reproducible (fixed timestamps, the given key order)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as zf:
        for key, arr in arrays.items():
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arr), allow_pickle=False)
            zf.writestr(_info(f"{key}.npy"), buf.getvalue())


SEED = 20261130


def held_rows(y: np.ndarray, per_class: int = HELD_PER_CLASS, seed: int = SEED) -> np.ndarray:
    """Boolean mask: `per_class` rows of each class drawn at random (seeded), kept in stored order."""
    rng = np.random.default_rng(seed)
    mask = np.zeros(len(y), dtype=bool)
    for c in np.unique(y):
        rows = np.flatnonzero(y == c)
        if len(rows) <= per_class:
            raise ValueError(f"class {c} has only {len(rows)} test rows")
        mask[rng.choice(rows, size=per_class, replace=False)] = True
    return mask


def carve_npz(name: str, original: Path, student: Path, held: Path) -> None:
    with np.load(original) as d:
        arrays = {k: d[k] for k in d.files}
    held_mask = held_rows(arrays["y_test"])
    index_key = TEST_INDEX_KEYS[name]
    out_student = {}
    for k, v in arrays.items():
        if k in ("x_test", "y_test", index_key):
            out_student[k] = v[~held_mask]
        else:
            out_student[k] = v
    write_npz(student, out_student)
    out_held = {"x": arrays["x_test"][held_mask], "y": arrays["y_test"][held_mask],
                "index": arrays[index_key][held_mask]}
    write_npz(held, out_held)


def carve_cifar(original: Path, student: Path, held: Path) -> None:
    pattern = re.compile(r"^test/([^/]+)/(\d{4})\.jpg$")
    student.parent.mkdir(parents=True, exist_ok=True)
    held.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(original) as src, zipfile.ZipFile(student, "w") as s_zip, zipfile.ZipFile(held, "w") as h_zip:
        names = sorted(n for n in src.namelist() if not n.endswith("/"))
        tests = [n for n in names if pattern.match(n)]
        labels = np.array([pattern.match(n).group(1) for n in tests])
        held_names = {n for n, m in zip(tests, held_rows(labels, CIFAR_HELD)) if m}
        for name in names:
            data = src.read(name)
            m = pattern.match(name)
            if name in held_names:
                h_zip.writestr(_info(f"{m.group(1)}/{m.group(2)}.jpg"), data)
            else:
                s_zip.writestr(_info(name), data)


def write_gz(path: Path, text: bytes) -> None:
    """gzip with no name and mtime 0 (byte-reproducible)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
        gz.write(text)


def carve_tsv(original: Path, student: Path, held: Path) -> None:
    """Split the rows of a gzipped TSV (header id, document, label) by label, keeping the stored order."""
    lines = gzip.decompress(original.read_bytes()).decode("utf-8").splitlines(keepends=True)
    header, rows = lines[0], lines[1:]
    labels = np.array([int(r.rstrip("\n").rsplit("\t", 1)[1]) for r in rows])
    mask = held_rows(labels, NSMC_HELD_PER_CLASS)
    write_gz(student, (header + "".join(r for r, m in zip(rows, mask) if not m)).encode("utf-8"))
    write_gz(held, (header + "".join(r for r, m in zip(rows, mask) if m)).encode("utf-8"))


def carve(out_data: Path, out_held: Path, originals: Path = ORIGINALS) -> dict[str, Path]:
    """Write every students' file under out_data and every held-out file under out_held; return path per role."""
    written = {}
    for name, (orig, student_rel, held_rel) in FILES.items():
        src = originals / orig
        if not src.is_file():
            raise FileNotFoundError(f"original {src} is missing (../shared/data beside the repository)")
        student, held = out_data / student_rel, out_held / held_rel
        if name == "cifar10":
            carve_cifar(src, student, held)
        elif name == "nsmc":
            carve_tsv(src, student, held)
        else:
            carve_npz(name, src, student, held)
        written[f"data/{student_rel}"] = student
        written[f"grading/holdout/{held_rel}"] = held
    return written


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--check", action="store_true", help="carve into a temporary folder and compare")
    args = p.parse_args(argv)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            written = carve(Path(tmp) / "data", Path(tmp) / "holdout")
            bad = [rel for rel, path in written.items()
                   if not (ROOT / rel).is_file() or sha256(ROOT / rel) != sha256(path)]
        for rel in bad:
            print(f"differs from a fresh carve: {rel}")
        print("holdout: committed files equal a fresh carve" if not bad else "holdout: STALE")
        return 1 if bad else 0
    written = carve(ROOT / "data", ROOT / "grading" / "holdout")
    for rel, path in written.items():
        print(f"{sha256(path)}  {rel}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

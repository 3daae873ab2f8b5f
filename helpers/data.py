"""Loaders for the datasets shipped in data/ (offline, sha256-checked).

Every loader verifies its file against data/SHA256SUMS first. A missing or damaged file raises
`DataFileError` with a Korean message naming the file and the fix. The online path (torchvision
download) runs only when asked for explicitly with `online=True`, e.g. on Colab.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path
from typing import Any, NamedTuple

from ._paths import cache_dir, data_dir

FIX_HINT = "`git checkout -- data/` 로 원본을 되돌리거나 저장소를 다시 clone 한 뒤 `make doctor` 로 확인하세요."

MNIST_FILE = "mnist/mnist_t10k_exact.npz"
FASHION_FILE = "fashion_mnist/fashion_mnist_12k_3k.npz"
CIFAR10_FILE = "cifar10/cifar10_5k_1k_jpg.zip"
NSMC_FILES = {"train": "nsmc/nsmc_train_20k.tsv.gz", "test": "nsmc/nsmc_test_5k.tsv.gz"}
RAG_FILE = "rag/pytorch_tutorials_kr.jsonl.gz"
SEABORN_NAMES = ("tips", "mpg", "iris", "titanic", "penguins", "flights")
AIRLINE_FILE = "timeseries/airline_passengers_flights.csv"
SEATTLE_FILE = "timeseries/seattle_weather.csv"

CIFAR10_CLASSES = (
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
)
FASHION_CLASSES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)

_verified: dict[Path, tuple[int, int]] = {}


class DataFileError(RuntimeError):
    """A shipped data file is missing or does not match SHA256SUMS (message in Korean)."""


class ImageSplits(NamedTuple):
    """Train/test image arrays (uint8, N×28×28) and integer labels."""

    x_train: Any
    y_train: Any
    x_test: Any
    y_test: Any


def expected_checksums() -> dict[str, str]:
    """Map 'folder/file' to its sha256 from data/SHA256SUMS."""
    sums = data_dir() / "SHA256SUMS"
    if not sums.is_file():
        raise DataFileError(f"체크섬 목록 {sums} 이(가) 없습니다. {FIX_HINT}")
    table: dict[str, str] = {}
    for line in sums.read_text(encoding="utf-8").splitlines():
        if line.strip():
            digest, name = line.split(maxsplit=1)
            table[name.strip().removeprefix("./")] = digest
    return table


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def data_path(name: str, *, verify: bool = True) -> Path:
    """Absolute path of a shipped file ('mnist/…npz'), checked against SHA256SUMS."""
    path = data_dir() / name
    if not path.is_file():
        raise DataFileError(f"데이터 파일 {path} 을(를) 찾을 수 없습니다. {FIX_HINT}")
    if verify:
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns)
        if _verified.get(path) != key:
            expected = expected_checksums().get(name)
            if expected is None:
                raise DataFileError(f"{name} 이(가) data/SHA256SUMS 에 없습니다. 체크섬을 추가하세요.")
            if sha256_of(path) != expected:
                raise DataFileError(
                    f"데이터 파일 {path} 이(가) 손상되었습니다 (SHA-256 불일치). {FIX_HINT}"
                )
            _verified[path] = key
    return path


def verify_all() -> dict[str, str]:
    """Check every file in SHA256SUMS; return {name: 'ok' | Korean problem}."""
    status: dict[str, str] = {}
    for name in expected_checksums():
        try:
            data_path(name)
            status[name] = "ok"
        except DataFileError as err:
            status[name] = str(err)
    return status


def _load_npz(name: str) -> ImageSplits:
    import numpy as np

    with np.load(data_path(name)) as d:
        return ImageSplits(d["x_train"], d["y_train"].astype(np.int64), d["x_test"], d["y_test"].astype(np.int64))


def _torchvision_arrays(dataset_cls: Any, root: Path) -> ImageSplits:
    import numpy as np

    train = dataset_cls(root=str(root), train=True, download=True)
    test = dataset_cls(root=str(root), train=False, download=True)
    return ImageSplits(
        np.asarray(train.data), np.asarray(train.targets, dtype=np.int64),
        np.asarray(test.data), np.asarray(test.targets, dtype=np.int64),
    )


def load_mnist(*, online: bool = False) -> ImageSplits:
    """MNIST: 8000 train / 2000 test digits, uint8 28×28 (online=True: full torchvision download)."""
    if online:
        from torchvision import datasets

        return _torchvision_arrays(datasets.MNIST, cache_dir() / "torchvision")
    return _load_npz(MNIST_FILE)


def load_fashion_mnist(*, online: bool = False) -> ImageSplits:
    """Fashion-MNIST: 12000 train / 3000 test, uint8 28×28 (online=True: full torchvision download)."""
    if online:
        from torchvision import datasets

        return _torchvision_arrays(datasets.FashionMNIST, cache_dir() / "torchvision")
    return _load_npz(FASHION_FILE)


def cifar10_dir(*, online: bool = False) -> Path:
    """Folder with train/<class>/*.jpg and test/<class>/*.jpg, ready for torchvision ImageFolder.

    The shipped zip is extracted once into the cache (outside the repository). online=True instead
    downloads the full CIFAR-10 with torchvision and returns its root.
    """
    if online:
        from torchvision import datasets

        root = cache_dir() / "torchvision"
        datasets.CIFAR10(root=str(root), train=True, download=True)
        datasets.CIFAR10(root=str(root), train=False, download=True)
        return root
    archive = data_path(CIFAR10_FILE)
    digest = expected_checksums()[CIFAR10_FILE][:12]
    target = cache_dir() / f"cifar10_{digest}"
    if not (target / ".complete").is_file():
        tmp = target.with_name(target.name + ".partial")
        shutil.rmtree(tmp, ignore_errors=True)
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(tmp)
        shutil.rmtree(target, ignore_errors=True)
        os.replace(tmp, target)
        (target / ".complete").write_text(digest, encoding="utf-8")
    return target


def load_nsmc(split: str = "train") -> Any:
    """NSMC Korean movie reviews as a DataFrame (id, document, label); split 'train' or 'test'."""
    import pandas as pd

    if split not in NSMC_FILES:
        raise ValueError(f"split 은 'train' 또는 'test' 여야 합니다 (받은 값: {split!r}).")
    df = pd.read_csv(data_path(NSMC_FILES[split]), sep="\t", compression="gzip", keep_default_na=False)
    return df.astype({"id": "int64", "document": "str", "label": "int64"})


def load_rag_corpus() -> list[dict[str, Any]]:
    """The 109 Korean PyTorch tutorials as dicts (id, path, title, n_chars, hangul_chars, text)."""
    with gzip.open(data_path(RAG_FILE), "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def seaborn_data_home() -> Path:
    """Folder holding the seaborn example CSVs (after checking them)."""
    for name in SEABORN_NAMES:
        data_path(f"seaborn/{name}.csv")
    return data_dir() / "seaborn"


def use_offline_seaborn() -> Path:
    """Make `seaborn.load_dataset(name)` read the shipped CSVs (sets SEABORN_DATA)."""
    home = seaborn_data_home()
    os.environ["SEABORN_DATA"] = str(home)
    return home


def load_seaborn(name: str) -> Any:
    """One seaborn example dataset (tips, mpg, iris, titanic, penguins, flights) as seaborn prepares it."""
    import seaborn as sns

    if name not in SEABORN_NAMES:
        raise ValueError(f"{name!r} 은(는) 포함된 데이터가 아닙니다. 가능한 이름: {', '.join(SEABORN_NAMES)}")
    data_path(f"seaborn/{name}.csv")
    return sns.load_dataset(name, data_home=str(data_dir() / "seaborn"))


def load_airline_passengers() -> Any:
    """Monthly airline passengers 1949–1960 (144 rows) with a 'date' column."""
    import pandas as pd

    df = pd.read_csv(data_path(AIRLINE_FILE))
    df["date"] = pd.to_datetime(df["year"].astype(str) + "-" + df["month"].astype(str), format="%Y-%B")
    return df


def load_seattle_weather() -> Any:
    """Seattle daily weather 2012–2015 (1461 rows), 'date' parsed."""
    import pandas as pd

    df = pd.read_csv(data_path(SEATTLE_FILE))
    df["date"] = pd.to_datetime(df["date"], format="%Y/%m/%d")
    return df

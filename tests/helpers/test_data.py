"""helpers.data: shapes, dtypes, class counts, offline seaborn, and Korean errors on bad files."""
import shutil
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from helpers import data
from helpers._paths import ROOT


def test_mnist_shapes_dtypes_and_balance():
    d = data.load_mnist()
    assert d.x_train.shape == (8000, 28, 28) and d.x_train.dtype == np.uint8
    assert d.x_test.shape == (1000, 28, 28) and d.y_test.dtype == np.int64
    assert d.x_train.max() == 255 and d.x_train.min() == 0
    train_counts = np.bincount(d.y_train, minlength=10)
    test_counts = np.bincount(d.y_test, minlength=10)
    assert train_counts.min() >= 700 and train_counts.max() <= 910  # t10k's own class balance
    # a stratified 80/20 split of t10k, before the last 100 test digits of each class were held out for grading
    assert np.abs(train_counts - 4 * (test_counts + 100)).max() <= 4


def test_fashion_mnist_shapes_and_exact_counts():
    d = data.load_fashion_mnist()
    assert d.x_train.shape == (12000, 28, 28) and d.x_test.shape == (2000, 28, 28)
    assert np.bincount(d.y_train).tolist() == [1200] * 10
    assert np.bincount(d.y_test).tolist() == [200] * 10
    assert abs(d.x_train.mean() / 255 - 0.2860) < 0.01
    assert len(data.FASHION_CLASSES) == 10


def test_cifar10_extracts_to_cache_ready_for_imagefolder(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    root = data.cifar10_dir()
    assert tmp_path in root.parents and ROOT not in root.parents
    classes = sorted(p.name for p in (root / "train").iterdir())
    assert classes == sorted(data.CIFAR10_CLASSES)
    assert sum(1 for _ in (root / "train").rglob("*.jpg")) == 5000
    assert sum(1 for _ in (root / "test").rglob("*.jpg")) == 500
    from torchvision.datasets import ImageFolder

    ds = ImageFolder(root / "test")
    img, label = ds[0]
    assert img.size == (32, 32) and ds.classes == sorted(data.CIFAR10_CLASSES) and label == 0
    assert data.cifar10_dir() == root  # second call reuses the cache


def test_nsmc_frames():
    train, test = data.load_nsmc("train"), data.load_nsmc("test")
    assert train.shape == (20000, 3) and test.shape == (4000, 3)
    assert test["label"].value_counts().tolist() == [2000, 2000]
    assert list(train.columns) == ["id", "document", "label"]
    assert train["label"].value_counts().tolist() == [10000, 10000]
    assert train["document"].map(len).min() > 0
    with pytest.raises(ValueError, match="split"):
        data.load_nsmc("dev")


def test_rag_corpus():
    docs = data.load_rag_corpus()
    assert len(docs) == 109
    assert {"id", "path", "title", "text"} <= set(docs[0])
    assert sum(d["hangul_chars"] for d in docs) > 10000


def test_rag_chunks_cover_every_short_passage():
    chunks = data.rag_chunks(size=50, overlap=10)
    docs = {d["id"]: d["text"] for d in data.load_rag_corpus()}
    first = [c for c in chunks if c["doc"] == 0][:3]
    assert [c["start"] for c in first] == [0, 40, 80] and all(len(c["text"]) == 50 for c in first)
    assert first[1]["text"][:10] == first[0]["text"][-10:]
    last = [c for c in chunks if c["doc"] == 0][-1]
    assert last["start"] + len(last["text"]) == len(docs[0])
    with pytest.raises(ValueError, match="overlap"):
        data.rag_chunks(size=10, overlap=10)


def test_rag_questions_have_their_gold_in_a_default_chunk():
    questions = data.load_rag_questions()
    assert len(questions) >= 60
    assert sum(q["style"] == "keyword" for q in questions) == sum(q["style"] == "paraphrase" for q in questions)
    docs = {d["id"]: d["text"] for d in data.load_rag_corpus()}
    chunks = data.rag_chunks()
    for q in questions:
        assert q["question"] and q["answer"] and q["gold"], q["id"]
        for g in q["gold"]:
            assert g["span"] in docs[g["doc"]] and len(g["span"]) <= data.RAG_CHUNK_OVERLAP, q["id"]
            assert any(c["doc"] == g["doc"] and g["span"] in c["text"] for c in chunks), q["id"]


def test_rag_held_out_questions_are_not_shipped():
    from grading.holdout import load_holdout

    held, gold = load_holdout("rag_questions")
    assert len(held) >= 20 and len(gold) == len(held)
    assert not set(held) & {q["question"] for q in data.load_rag_questions()}
    docs = {d["id"]: d["text"] for d in data.load_rag_corpus()}
    assert all(span in docs[doc] for spans in gold for doc, span in spans)


def test_timeseries():
    air = data.load_airline_passengers()
    assert air.shape[0] == 144 and air["date"].is_monotonic_increasing
    assert air["passengers"].iloc[0] == 112
    sea = data.load_seattle_weather()
    assert sea.shape == (1461, 7 - 1) and str(sea["date"].dtype).startswith("datetime64")


@pytest.mark.parametrize("name,shape", [("tips", (244, 7)), ("iris", (150, 5)), ("mpg", (398, 9)),
                                        ("titanic", (891, 15)), ("penguins", (344, 7)), ("flights", (144, 3))])
def test_seaborn_load_dataset_works_offline(name, shape, monkeypatch):
    import seaborn as sns

    def no_network(*args, **kwargs):
        raise AssertionError("network access attempted")

    monkeypatch.setattr(urllib.request, "urlopen", no_network)
    monkeypatch.setattr(urllib.request, "urlretrieve", no_network)
    data.use_offline_seaborn()
    df = sns.load_dataset(name)  # exactly as students write it
    assert df.shape == shape
    assert data.load_seaborn(name).shape == shape
    if name == "tips":
        assert str(df["day"].dtype) == "category"


def test_unknown_seaborn_name():
    with pytest.raises(ValueError, match="포함된 데이터가 아닙니다"):
        data.load_seaborn("diamonds")


@pytest.fixture()
def data_copy(tmp_path, monkeypatch):
    dst = tmp_path / "data"
    shutil.copytree(ROOT / "data", dst, ignore=shutil.ignore_patterns("cifar10", "fashion_mnist", "nsmc", "rag"))
    monkeypatch.setenv("COURSE_DATA_DIR", str(dst))
    data._verified.clear()
    yield dst
    data._verified.clear()


def test_missing_file_gives_korean_error_naming_file_and_fix(data_copy: Path):
    (data_copy / "mnist" / "mnist_8k_1k.npz").unlink()
    with pytest.raises(data.DataFileError) as err:
        data.load_mnist()
    msg = str(err.value)
    assert "mnist_8k_1k.npz" in msg and "찾을 수 없습니다" in msg and "git checkout" in msg


def test_corrupted_file_gives_korean_error_naming_file_and_fix(data_copy: Path):
    path = data_copy / "seaborn" / "tips.csv"
    path.write_bytes(path.read_bytes().replace(b"16.99", b"61.99", 1))
    with pytest.raises(data.DataFileError) as err:
        data.load_seaborn("tips")
    msg = str(err.value)
    assert "tips.csv" in msg and "손상" in msg and "git checkout" in msg
    status = data.verify_all()
    assert status["seaborn/tips.csv"] != "ok"
    assert sum(v == "ok" for v in status.values()) >= 1


def test_online_switch_uses_torchvision_download(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSE_CACHE_DIR", str(tmp_path))
    calls = []

    class FakeMNIST:
        def __init__(self, root, train, download):
            calls.append((Path(root), train, download))
            n = 6 if train else 2
            self.data = np.zeros((n, 28, 28), dtype=np.uint8)
            self.targets = list(range(n))

    import torchvision.datasets

    monkeypatch.setattr(torchvision.datasets, "MNIST", FakeMNIST)
    d = data.load_mnist(online=True)
    assert [c[1:] for c in calls] == [(True, True), (False, True)]
    assert d.x_train.shape == (6, 28, 28) and d.y_test.tolist() == [0, 1]
    assert tmp_path in calls[0][0].parents


def test_offline_default_never_calls_torchvision(monkeypatch):
    import torchvision.datasets

    def boom(*a, **k):
        raise AssertionError("download attempted")

    monkeypatch.setattr(torchvision.datasets, "MNIST", boom)
    assert data.load_mnist().x_train.shape[0] == 8000


# --- the table data/datasets.toml: the one place a dataset is declared


def test_every_shipped_file_is_declared_once_and_every_declared_file_is_shipped():
    table = data.dataset_table()
    declared = [f["path"] for entry in table for f in entry["files"]]
    docs = {d for entry in table for d in entry.get("docs", [])}
    assert len(declared) == len(set(declared)), "a file is declared twice in data/datasets.toml"
    shipped = {p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*") if p.is_file()}
    assert shipped - {"DATA.md", data.TABLE_NAME} == set(declared) | docs
    assert all(len(f["sha256"]) == 64 for entry in table for f in entry["files"])


def test_every_declared_file_matches_its_checksum():
    data._verified.clear()
    assert set(data.verify_all().values()) == {"ok"}


def test_every_entry_names_its_loader_and_provenance():
    names = [entry["name"] for entry in data.dataset_table()]
    assert len(names) == len(set(names))
    for entry in data.dataset_table():
        assert {"what", "source", "licence", "files"} <= set(entry), entry["name"]
        loader = entry["loader"].split("(", 1)[0]
        assert callable(getattr(data, loader, None)), f"{entry['name']}: helpers.data.{loader} does not exist"


def test_loaders_take_their_files_from_the_table():
    assert data.seaborn_names() == ("tips", "mpg", "iris", "titanic", "penguins", "flights")
    assert set(data.dataset_parts("nsmc")) == {"train", "test"}
    assert data.dataset_file("mnist") == ROOT / "data" / "mnist" / "mnist_8k_1k.npz"
    with pytest.raises(data.DataFileError, match="없습니다"):
        data.dataset_file("nsmc", "dev")
    with pytest.raises(data.DataFileError, match="datasets.toml"):
        data.dataset_file("imagenet")


def test_missing_table_is_a_korean_error(data_copy: Path):
    (data_copy / data.TABLE_NAME).unlink()
    with pytest.raises(data.DataFileError, match="데이터 목록") as err:
        data.load_seaborn("tips")
    assert "git checkout" in str(err.value)


def test_undeclared_file_is_refused(data_copy: Path):
    (data_copy / "seaborn" / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(data.DataFileError, match="datasets.toml 에 없습니다"):
        data.data_path("seaborn/extra.csv")
    assert data.data_path("seaborn/extra.csv", verify=False).is_file()


def test_rag_vectors_match_the_chunks():
    n = len(data.rag_chunks())
    for model, rows in (("e5", n), ("minilm", n), ("e5_questions", len(data.load_rag_questions()))):
        v = data.load_rag_vectors(model)
        assert v.shape == (rows, 384) and v.dtype == np.float16, model
        assert np.allclose(np.linalg.norm(v.astype(np.float32), axis=1), 1, atol=2e-3), model
    with pytest.raises(ValueError, match="model"):
        data.load_rag_vectors("bert")

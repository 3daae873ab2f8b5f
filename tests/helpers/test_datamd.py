"""helpers._datamd: data/DATA.md is generated from data/datasets.toml and the committed page is current."""
import shutil
import tomllib

from helpers import _datamd, data
from helpers._paths import ROOT


def test_committed_data_md_is_current():
    page = (ROOT / "data" / _datamd.PAGE_NAME).read_text(encoding="utf-8")
    assert page == _datamd.render_dir(ROOT / "data"), (
        "data/DATA.md differs from data/datasets.toml: run `.venv/bin/python -m helpers._datamd` and commit both")


def test_page_keeps_the_korean_text_and_every_dataset():
    with open(ROOT / "data" / data.TABLE_NAME, "rb") as f:
        table = tomllib.load(f)
    page = _datamd.render(table)
    assert "모든 파일은 실제 공개 데이터" in page and "파일이 손상되었다면" in page
    for entry in table["dataset"]:
        assert f"`{entry['loader']}`" in page and entry["licence"] in page
        assert all(f["path"].rsplit("/", 1)[-1] in page for f in entry["files"])


def test_check_and_write(tmp_path, monkeypatch, capsys):
    shutil.copy(ROOT / "data" / data.TABLE_NAME, tmp_path)
    (tmp_path / _datamd.PAGE_NAME).write_text("hand-edited\n", encoding="utf-8")
    monkeypatch.setenv("COURSE_DATA_DIR", str(tmp_path))
    assert _datamd.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().err
    assert _datamd.main([]) == 0
    assert _datamd.main(["--check"]) == 0
    assert (tmp_path / _datamd.PAGE_NAME).read_text(encoding="utf-8") == _datamd.render_dir(tmp_path)

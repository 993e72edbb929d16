"""The trained classifier: the estimator contract, safe persistence, the shipped model, and the
commands researchers use (classify, train, evaluate)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from sklearn.exceptions import NotFittedError

from ct56nlp.cli import main
from ct56nlp.errors import ModelError, ModelIntegrityError
from ct56nlp.indicators import CODES
from ct56nlp.ml.dataset import label_matrix, load_corpus
from ct56nlp.ml.model import IndicatorClassifier
from ct56nlp.ml.persist import MANIFEST_FILE, MODEL_FILE, default_model_dir, load_model, save_model

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpora" / "ct56_corpus.jsonl"


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    ex = [e for e in load_corpus(CORPUS) if e.split == "train"][:400]
    model = IndicatorClassifier(C=1.0).fit([e.text for e in ex], label_matrix(ex))
    out = tmp_path_factory.mktemp("model")
    save_model(model, out, info={"note": "test"})
    return model, out, [e.text for e in ex[:40]]


def test_estimator_contract():
    m = IndicatorClassifier(C=2.0)
    assert m.get_params()["C"] == 2.0 and not hasattr(m, "pipeline_")
    with pytest.raises(NotFittedError):
        m.predict_proba(["văn bản"])
    with pytest.raises(ValueError):
        m.fit(["a", "b"], np.zeros((2, 3)))


def test_round_trip_gives_identical_predictions(small_model):
    model, folder, texts = small_model
    loaded, manifest = load_model(folder)
    assert manifest["labels"] == list(CODES)
    assert np.array_equal(model.predict_proba(texts), loaded.predict_proba(texts))
    assert np.array_equal(model.predict(texts), loaded.predict(texts))
    assert set(manifest["versions"]) >= {"ct56nlp", "scikit-learn", "skops", "numpy", "underthesea"}
    assert len(manifest["model_sha256"]) == 64


def test_changed_model_file_is_refused(small_model, tmp_path):
    _, folder, _ = small_model
    bad = tmp_path / "bad"
    shutil.copytree(folder, bad)
    data = bytearray((bad / MODEL_FILE).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (bad / MODEL_FILE).write_bytes(bytes(data))
    with pytest.raises(ModelIntegrityError, match="does not match its manifest"):
        load_model(bad)


class Booby:
    """Touches a file when it is rebuilt from a saved state: proof that loading ran its code."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def __setstate__(self, state) -> None:
        Path(state["marker"]).touch()
        self.__dict__.update(state)


def test_model_asking_for_untrusted_types_is_refused_before_anything_runs(small_model, tmp_path):
    """A model file whose hash matches its manifest but which holds a foreign object whose
    rebuilding runs code: refused by the allow-list kept in ct56nlp, so the code never runs."""
    import skops.io as sio

    marker = tmp_path / "ran"
    folder = tmp_path / "evil"
    folder.mkdir()
    sio.dump({"model": Booby(str(marker))}, folder / MODEL_FILE)
    assert "test_model.Booby" in " ".join(sio.get_untrusted_types(file=folder / MODEL_FILE))
    manifest = json.loads((small_model[1] / MANIFEST_FILE).read_text("utf-8"))
    import hashlib

    manifest["model_sha256"] = hashlib.sha256((folder / MODEL_FILE).read_bytes()).hexdigest()
    (folder / MANIFEST_FILE).write_text(json.dumps(manifest), "utf-8")
    with pytest.raises(ModelIntegrityError, match="allow-list"):
        load_model(folder)
    assert not marker.exists()
    sio.load(folder / MODEL_FILE, trusted=sio.get_untrusted_types(file=folder / MODEL_FILE))
    assert marker.exists()  # the same file, trusted blindly, does run code: the refusal mattered


def test_missing_or_foreign_model_folder(tmp_path):
    with pytest.raises(ModelError):
        load_model(tmp_path)
    (tmp_path / MANIFEST_FILE).write_text('{"format": 1, "labels": [1, 2]}', "utf-8")
    with pytest.raises(ModelIntegrityError):
        load_model(tmp_path)


def test_shipped_model_manifest():
    model, manifest = load_model()
    assert default_model_dir().name == "ct56-default"
    m = manifest["metrics"]
    assert {"dev", "test", "keyword_baseline_test", "grouped_cv"} <= set(m)
    assert manifest["corpus"]["sha256"] and manifest["corpus"]["splits"]["test"] > 0
    assert len(manifest["thresholds"]) == 11


# ------------------------------------------------------------------------------ commands
def test_classify_contract(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    rows = [
        {"id": "a", "text": "Sở sẽ tiếp tục nghiên cứu, có ý kiến trả lời sau."},
        {"id": 7, "text": "Giao Sở Tài chính chủ trì, báo cáo UBND tỉnh trước ngày 15/7/2025."},
        {"id": "c", "text": "Đến nay đã quá hạn 45 ngày nhưng Phòng Tài nguyên và Môi trường huyện vẫn chưa gửi báo cáo."},
    ]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    assert main(["classify", str(src)]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.strip().splitlines()]
    assert [o["id"] for o in out] == ["a", 7, "c"]
    _, manifest = load_model()
    thresholds = manifest["thresholds"]
    for o in out:
        assert set(o["scores"]) == {str(c) for c in CODES}
        assert all(0.0 <= v <= 1.0 for v in o["scores"].values())
        assert o["labels"] == [c for c in CODES if o["scores"][str(c)] >= thresholds[c - 1] - 5e-5]
    assert 5 in out[0]["labels"]
    assert out[1]["labels"] == []


def test_classify_reports_bad_lines_and_goes_on(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "Sở sẽ trả lời sau."}\nnot json\n{"id": 3}\n{"id": 4, "text": "Kính mời dự họp."}\n', "utf-8")
    assert main(["classify", str(src)]) == 1
    out = [json.loads(x) for x in capsys.readouterr().out.strip().splitlines()]
    assert len(out) == 4
    assert [o["id"] for o in out] == [1, None, 3, 4]
    assert "error" in out[1] and "error" in out[2] and "error" not in out[3]


@pytest.mark.slow
def test_train_and_evaluate_a_researchers_corpus(tmp_path, capsys):
    """A corpus with only id/text/labels/group (no split): split by group, trained, evaluated."""
    ex = load_corpus(CORPUS)
    rows = [{"id": e.id, "text": e.text, "labels": list(e.labels), "group": e.group} for e in ex if e.split in ("train", "dev")][:700]
    corpus = tmp_path / "mine.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    assert main(["train", str(corpus), "--out", str(tmp_path / "m")]) == 0
    printed = capsys.readouterr().out
    assert "test split" in printed and "macro" in printed and "keyword baseline" in printed
    _, manifest = load_model(tmp_path / "m")
    assert manifest["corpus"]["n"] == 700
    assert main(["evaluate", str(corpus), "--model", str(tmp_path / "m"), "--split", "all"]) == 0
    table = capsys.readouterr().out
    assert "compliant passages flagged" in table and "R5.answer_deferred" in table
    assert main(["train", str(corpus), "--out", str(tmp_path / "m")]) == 2  # never overwrites silently


@pytest.mark.slow
def test_default_model_loads_after_a_plain_install(tmp_path):
    """pip install (not editable) into a fresh environment, then load the model from elsewhere."""
    import sysconfig

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    # The dependencies come from the environment running the tests (appended after the new
    # environment's own site-packages, so the freshly installed ct56nlp is the one imported).
    site = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], capture_output=True, text=True).stdout.strip()
    Path(site, "deps-from-test-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    build = subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(ROOT)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr[-2000:]
    code = "from ct56nlp.ml.persist import load_model, default_model_dir; m, man = load_model(); print(default_model_dir())"
    run = subprocess.run([str(py), "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert run.returncode == 0, run.stderr[-2000:]
    assert "site-packages" in run.stdout and str(ROOT) not in run.stdout

"""Saving and loading the trained classifier so that loading can never run code.

The scikit-learn pipeline is saved with ``skops.io`` (no pickle) next to ``manifest.json``: library
and dependency versions, label order, the corpus hash, metrics, thresholds, and the sha256 of the
model file.  Loading checks the hash first, then the types the file declares against an
allow-list that lives here, in the library's code — never in the file — and only then builds the
objects.  A model file that was changed, or that asks for any other type, is refused.
"""

from __future__ import annotations

import hashlib
import json
import platform
import zipfile
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from .. import __version__
from ..errors import ModelError, ModelIntegrityError
from ..indicators import CODES
from .model import IndicatorClassifier

__all__ = ["save_model", "load_model", "default_model_dir", "ALLOWED_TYPES", "MODEL_FILE", "MANIFEST_FILE"]

MODEL_FILE = "model.skops"
MANIFEST_FILE = "manifest.json"
DEFAULT_MODEL_NAME = "ct56-default"
FORMAT = 1

# The only types a model file may contain beyond skops' own defaults (numpy, scipy, builtins,
# and the scikit-learn estimators skops trusts out of the box).
ALLOWED_TYPES = [
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
]


def _versions() -> dict[str, str]:
    out = {"ct56nlp": __version__, "python": platform.python_version()}
    for dist in ("scikit-learn", "skops", "numpy", "scipy", "underthesea"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "missing"
    return out


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def save_model(model: IndicatorClassifier, out_dir: str | Path, *, info: dict[str, Any] | None = None) -> Path:
    """Write ``model.skops`` and ``manifest.json`` into ``out_dir`` (created if needed)."""
    import skops.io as sio

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for _, vec in model.pipeline_.named_steps["features"].transformer_list:
        if hasattr(vec, "stop_words_"):
            vec.stop_words_ = None  # the pruned vocabulary: not needed to predict
    path = out / MODEL_FILE
    tmp = out / (MODEL_FILE + ".tmp")
    sio.dump(model.pipeline_, tmp, compression=zipfile.ZIP_DEFLATED, compresslevel=9)
    tmp.replace(path)
    manifest = {
        "format": FORMAT,
        "labels": list(CODES),
        "thresholds": [round(float(t), 4) for t in model.thresholds_],
        "params": model.get_params(),
        "versions": _versions(),
        "model_file": MODEL_FILE,
        "model_sha256": _sha256(path),
    }
    manifest.update(info or {})
    (out / MANIFEST_FILE).write_text(json.dumps(manifest, ensure_ascii=False, indent=1, default=_json_default) + "\n", "utf-8")
    return out


def _json_default(o: Any) -> Any:
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, (np.floating,)):
        return float(o)
    if isinstance(o, tuple):
        return list(o)
    raise TypeError(f"not JSON-serialisable: {type(o).__name__}")


def read_manifest(model_dir: str | Path) -> dict[str, Any]:
    path = Path(model_dir) / MANIFEST_FILE
    try:
        manifest = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ModelError(f"no {MANIFEST_FILE} in {model_dir}: not a ct56nlp model folder (train one with 'ct56nlp train')") from None
    except (OSError, json.JSONDecodeError) as exc:
        raise ModelIntegrityError(f"{path} is unreadable or not JSON ({exc})") from exc
    if manifest.get("format") != FORMAT:
        raise ModelError(f"{path}: model format {manifest.get('format')!r}, this ct56nlp reads format {FORMAT}")
    if manifest.get("labels") != list(CODES):
        raise ModelIntegrityError(f"{path}: label order {manifest.get('labels')!r} is not 1..11")
    return manifest


def load_model(model_dir: str | Path | None = None) -> tuple[IndicatorClassifier, dict[str, Any]]:
    """Load a model folder (default: the shipped model) after checking its integrity."""
    import skops.io as sio

    model_dir = Path(model_dir) if model_dir is not None else default_model_dir()
    manifest = read_manifest(model_dir)
    path = model_dir / manifest.get("model_file", MODEL_FILE)
    try:
        data = path.read_bytes()  # read once: the bytes checked are the bytes loaded
    except OSError as exc:
        raise ModelError(f"{path} cannot be read ({exc.strerror or exc})") from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != manifest.get("model_sha256"):
        raise ModelIntegrityError(
            f"{path} does not match its manifest (sha256 {digest[:16]}…, expected "
            f"{str(manifest.get('model_sha256'))[:16]}…): the file was changed; it was not loaded"
        )
    want = manifest.get("versions", {}).get("scikit-learn", "")
    have = _versions()["scikit-learn"]
    if want.split(".")[:2] != have.split(".")[:2]:
        raise ModelError(f"the model was trained with scikit-learn {want}, this environment has {have}; retrain it with 'ct56nlp train'")
    try:
        untrusted = sio.get_untrusted_types(data=data)
    except Exception as exc:
        raise ModelIntegrityError(f"{path} is not a readable skops file ({exc})") from exc
    refused = [t for t in untrusted if t not in ALLOWED_TYPES]
    if refused:
        raise ModelIntegrityError(f"{path} asks for types outside the allow-list: {refused}; it was not loaded")
    try:
        pipeline = sio.loads(data, trusted=ALLOWED_TYPES)
    except Exception as exc:
        raise ModelIntegrityError(f"{path} could not be loaded safely ({type(exc).__name__}: {exc})") from exc
    thresholds = manifest.get("thresholds")
    if not isinstance(thresholds, list) or len(thresholds) != len(CODES):
        raise ModelIntegrityError(f"{model_dir / MANIFEST_FILE}: 'thresholds' must list 11 numbers")
    known = set(IndicatorClassifier().get_params())
    params = {k: tuple(v) if isinstance(v, list) else v for k, v in manifest.get("params", {}).items() if k in known}
    model = IndicatorClassifier.from_pipeline(pipeline, thresholds, params)
    return model, manifest


def default_model_dir() -> Path:
    """The shipped model: inside the installed package, or ``models/`` of a source checkout."""
    here = Path(__file__).resolve().parent.parent  # the ct56nlp package
    for candidate in (here / "_models" / DEFAULT_MODEL_NAME, here.parent / "models" / DEFAULT_MODEL_NAME):
        if (candidate / MANIFEST_FILE).is_file():
            return candidate
    try:
        import ct56nlp._models as shipped  # installed as a namespace package by setuptools

        for base in getattr(shipped, "__path__", []):
            candidate = Path(base) / DEFAULT_MODEL_NAME
            if (candidate / MANIFEST_FILE).is_file():
                return candidate
    except ImportError:
        pass
    raise ModelError("the default model is missing from this installation; reinstall ct56nlp or pass --model DIR")

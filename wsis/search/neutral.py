"""Language-neutral vectors for search across languages.

A multilingual model's vectors carry their language: with e5-small an English query is closer
to an unrelated English text than to the Arabic text saying what it asks (among 275
initiatives, 5 of 20 cross-language queries found their initiative in the first five).
Removing each language's mean vector and the few directions in which those means differ
(Libovický et al., 2020, "On the language neutrality of pre-trained multilingual
representations") leaves what the text is about: 19 of 20 then.

The means are estimated from the texts written for this project in the six languages
(`descriptions.json`), embedded both as documents and as queries (e5 embeds them differently),
and kept in a file named by the hash of the texts and the model. A text's language is the one
whose mean its vector is closest to (the language signal is what is strong); an initiative's is
known.
"""

import functools
import hashlib
import json
from pathlib import Path

import numpy as np
from django.conf import settings

from wsis.search import embeddings
from wsis.search.labels import DESCRIPTIONS

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")
# How many directions separating the languages' means are removed (of the 11 the six means of
# documents and queries span); 5 found the most initiatives on the cross-language set.
RANK = 5
KINDS = ("passage", "query")


def _texts() -> dict[str, list[str]]:
    written = json.loads(DESCRIPTIONS.read_text(encoding="utf-8"))
    return {
        language: [
            text
            for entry in written["prize_categories"].values()
            for text in (entry[language]["definition"], *entry[language]["examples"])
        ]
        for language in LANGUAGES
    }


def _normalised(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-12)


class Neutraliser:
    def __init__(self, means: dict[str, np.ndarray]):
        self.means = means  # kind -> (languages, dim)
        stacked = np.vstack([means[kind] for kind in KINDS])
        directions = np.linalg.svd(stacked - stacked.mean(axis=0), full_matrices=False)[2]
        self.basis = directions[:RANK]
        self.centroids = {kind: _normalised(means[kind]) for kind in KINDS}

    def languages(self, vectors: np.ndarray, kind: str) -> list[str]:
        """The language of each vector: the one whose mean it is closest to."""
        return [LANGUAGES[i] for i in np.argmax(vectors @ self.centroids[kind].T, axis=1)]

    def __call__(self, vectors: np.ndarray, kind: str, languages=None) -> np.ndarray:
        """The vectors without their language, normalised: `languages` when known (one per
        vector; an unknown code is detected), else detected."""
        vectors = np.atleast_2d(np.asarray(vectors, np.float32))
        if languages is None:
            languages = self.languages(vectors, kind)
        else:
            detected = None
            chosen = []
            for index, language in enumerate(languages):
                if language not in LANGUAGES:
                    detected = detected or self.languages(vectors, kind)
                    language = detected[index]
                chosen.append(language)
            languages = chosen
        rows = np.array([LANGUAGES.index(language) for language in languages], np.int64)
        centred = vectors - self.means[kind][rows]
        centred -= (centred @ self.basis.T) @ self.basis
        return _normalised(centred).astype(np.float32)


def _compute(texts: dict[str, list[str]]) -> dict[str, np.ndarray]:
    flat = [text for language in LANGUAGES for text in texts[language]]
    counts = np.cumsum([0] + [len(texts[language]) for language in LANGUAGES])
    model = embeddings.embedder()
    vectors = {
        "passage": embeddings.passages(flat),
        "query": np.concatenate(
            [model.query(flat[start : start + 64]) for start in range(0, len(flat), 64)]
        ),
    }
    means = {
        kind: np.stack([vectors[kind][counts[i] : counts[i + 1]].mean(axis=0) for i in range(6)])
        for kind in KINDS
    }
    return means


@functools.cache
def _neutraliser(model: str) -> Neutraliser:
    texts = _texts()
    digest = hashlib.sha256(json.dumps([model, texts], ensure_ascii=False).encode()).hexdigest()
    path = Path(settings.SEARCH_CACHE_DIR) / f"languages-{digest[:24]}.npz"
    means = embeddings.stored_arrays(path, lambda: _compute(texts))
    return Neutraliser(means)


def neutraliser() -> Neutraliser:
    """This process's neutraliser (computed on first use if no process has yet: about a
    minute; `manage.py reindex` does it ahead)."""
    return _neutraliser(embeddings.embedder().name)

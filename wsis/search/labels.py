"""The tags an initiative can be given, as vectors: what suggestions compare a text with.

Each label (a prize category, a GDC objective, an SDG target) is described by several texts in
the six languages: its names from the vocabularies, and for the prize categories and GDC
objectives a definition, typical initiatives and initiatives at the boundary with neighbouring
lines, written for this project (`descriptions.json`); the SDG targets by their official texts.
A text is scored against a label by its similarity to the label's closest text in each
language, averaged over the languages: a label is recognised from whichever of its aspects a
project is about, and every language counts the same.

The vectors depend only on these texts and the model, so they are computed once and kept in a
file named by their hash (`SEARCH_CACHE_DIR`): every process reads the same file, and a change
of text or model makes a new one.
"""

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

from wsis.search import embeddings
from wsis.taxonomy import models as taxonomy

DESCRIPTIONS = Path(__file__).with_name("descriptions.json")


@dataclass
class LabelSet:
    """The labels of one vocabulary: their codes, and every text's vector, label and language."""

    name: str
    codes: list[str]
    vectors: np.ndarray  # (texts, dim)
    owners: np.ndarray  # (texts,) index into `codes`
    languages: np.ndarray  # (texts,) language code
    path: Path | None = None  # the file the vectors were read from

    def derived(self, name: str, compute) -> float:
        """A figure computed from these vectors alone (a fitted temperature), computed once and
        kept beside them, so that no process pays for it again."""
        path = (
            self.path.with_name(f"{self.path.stem}-{self.name}-{name}.json") if self.path else None
        )
        if path is not None and path.exists():
            return json.loads(path.read_text())["value"]
        value = float(compute())
        if path is not None:
            partial = path.with_suffix(f".{os.getpid()}.partial")
            partial.write_text(json.dumps({"value": value}))
            os.replace(partial, path)
        return value

    @functools.cached_property
    def _groups(self) -> tuple[list[np.ndarray], np.ndarray]:
        """The texts of each (label, language), and for each group its label."""
        groups, owners = [], []
        for label in range(len(self.codes)):
            for language in sorted(set(self.languages[self.owners == label])):
                groups.append(np.flatnonzero((self.owners == label) & (self.languages == language)))
                owners.append(label)
        return groups, np.array(owners, np.int64)

    def scores(self, vectors: np.ndarray, similarities: np.ndarray | None = None) -> np.ndarray:
        """(len(vectors), len(codes)): for each label, the similarity to its closest text in
        each language, averaged over the languages. Every language's texts weigh the same, so
        a text is not favoured by the labels best described in its own language (the model
        finds texts of its language closer). `similarities` may be given, with -inf for texts
        to leave out."""
        if similarities is None:
            similarities = vectors @ self.vectors.T
        groups, owners = self._groups
        best = np.stack([similarities[:, group].max(axis=1) for group in groups], axis=1)
        best[~np.isfinite(best)] = np.nan
        result = np.zeros((similarities.shape[0], len(self.codes)), np.float32)
        for label in range(len(self.codes)):
            result[:, label] = np.nan_to_num(np.nanmean(best[:, owners == label], axis=1))
        return result


def _names(value: dict) -> list[tuple[str, str]]:
    return [(language, text) for language, text in sorted((value or {}).items()) if text]


def label_texts() -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Every vocabulary's (language, text) pairs by code, in a stable order."""
    written = json.loads(DESCRIPTIONS.read_text(encoding="utf-8"))

    def described(kind: str, code: str) -> list[tuple[str, str]]:
        texts = []
        for language in sorted(written.get(kind, {}).get(code, {})):
            entry = written[kind][code][language]
            parts = [entry["definition"], *entry["examples"], *entry.get("boundary_examples", [])]
            texts += [(language, text) for text in parts]
        return texts

    categories = {
        category.code: _names(category.name) + described("prize_categories", category.code)
        for category in taxonomy.PrizeCategory.objects.order_by("position", "code")
    }
    objectives = {
        objective.code: _names(objective.name) + described("gdc_objectives", objective.code)
        for objective in taxonomy.GDCObjective.objects.order_by("number")
    }
    # A goal is scored through its targets (`suggestions`): its codes, no texts of its own.
    goals = {str(goal.number): [] for goal in taxonomy.SDGGoal.objects.order_by("number")}
    targets = {
        target.code: _names(target.text)
        for target in taxonomy.SDGTarget.objects.order_by("position", "code")
    }
    return {
        "prize_categories": categories,
        "gdc_objectives": objectives,
        "sdg_goals": goals,
        "sdg_targets": targets,
    }


def _cache_path(texts: dict, model: str) -> Path:
    digest = hashlib.sha256(json.dumps([model, texts], ensure_ascii=False).encode()).hexdigest()
    return Path(settings.SEARCH_CACHE_DIR) / f"labels-{digest[:24]}.npz"


def _computed(texts: dict) -> dict[str, np.ndarray]:
    flat = [
        text
        for vocabulary in texts.values()
        for entries in vocabulary.values()
        for _language, text in entries
    ]
    vectors = embeddings.passages(flat)
    arrays, start = {}, 0
    for name, vocabulary in texts.items():
        count = sum(len(entries) for entries in vocabulary.values())
        arrays[name] = vectors[start : start + count]
        start += count
    return arrays


@functools.cache
def _label_sets(key: str) -> dict[str, LabelSet]:
    texts = label_texts()
    path = _cache_path(texts, key)
    arrays = embeddings.stored_arrays(path, lambda: _computed(texts))
    sets = {}
    for name, vocabulary in texts.items():
        codes = list(vocabulary)
        entries = [
            (index, language)
            for index, code in enumerate(codes)
            for language, _t in vocabulary[code]
        ]
        owners = np.array([index for index, _language in entries], np.int64)
        languages = np.array([language for _index, language in entries])
        sets[name] = LabelSet(name, codes, arrays[name], owners, languages, path)
    return sets


def label_sets() -> dict[str, LabelSet]:
    """The vocabularies' label sets (computed on first use if no process has yet: about two
    minutes; `manage.py reindex` does it ahead)."""
    return _label_sets(embeddings.embedder().name)

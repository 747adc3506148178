"""How well the prize category is suggested: top-1 and top-3 accuracy over a labelled file,
overall and per language, beside a keyword baseline computed in the same run.

The baseline is TF-IDF over character n-grams (they work in every script, Chinese included,
with no word segmentation), knowing what the suggester knows: the labels' texts and the
published initiatives with their categories. Each text goes to the category whose centroid it
is most similar to.
"""

import json
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from wsis.search import embeddings, labels, suggestions
from wsis.search.vectors import passage_text
from wsis.stocktaking.choices import Language, Status
from wsis.stocktaking.models import Initiative

LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


@dataclass
class Example:
    line: int
    text: str
    category: str
    language: str


@dataclass
class Scores:
    """Hits at rank 1 and within the first 3, by language."""

    top1: dict = field(default_factory=dict)
    top3: dict = field(default_factory=dict)
    confidences: list = field(default_factory=list)

    def add(self, language: str, ranking: list[str], truth: str, confidence=None) -> None:
        self.top1.setdefault(language, []).append(ranking[0] == truth)
        self.top3.setdefault(language, []).append(truth in ranking[:3])
        if confidence is not None:
            self.confidences.append((confidence, ranking[0] == truth))

    def calibration_error(self, bins: int = 10) -> float:
        """Expected calibration error: how far the first suggestion's probability is from how
        often it is right, averaged over probability bins weighted by their size."""
        if not self.confidences:
            return float("nan")
        confidences = np.array([c for c, _hit in self.confidences])
        hits = np.array([hit for _c, hit in self.confidences], float)
        edges = np.linspace(0, 1, bins + 1)
        error = 0.0
        for low, high in zip(edges[:-1], edges[1:], strict=True):
            inside = (confidences > low) & (confidences <= high)
            if inside.any():
                error += inside.mean() * abs(hits[inside].mean() - confidences[inside].mean())
        return float(error)

    def accuracy(self, language: str | None = None) -> tuple[float, float]:
        def mean(hits):
            values = [v for k, vs in hits.items() if language in (None, k) for v in vs]
            return float(np.mean(values)) if values else float("nan")

        return mean(self.top1), mean(self.top3)


def read_examples(path, categories: set[str]) -> tuple[list[Example], list[str]]:
    """The file's examples, and a message for every bad line (nothing is evaluated then)."""
    examples, problems = [], []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"line {number}: not JSON ({error.msg})")
                continue
            if not isinstance(row, dict):
                problems.append(f"line {number}: not a JSON object")
                continue
            text, category, language = row.get("text"), row.get("category"), row.get("lang")
            if not isinstance(text, str) or not text.strip():
                problems.append(f"line {number}: text: missing or empty")
            elif category not in categories:
                problems.append(f"line {number}: category: unknown code {category!r}")
            elif language not in LANGUAGES:
                problems.append(f"line {number}: lang: not one of {', '.join(LANGUAGES)}")
            else:
                examples.append(Example(number, text, category, language))
    return examples, problems


def _registry() -> tuple[list[str], list[str]]:
    """Texts of the published initiatives with one prize category, and those categories."""
    texts, truths = [], []
    rows = Initiative.objects.filter(status=Status.PUBLISHED).values_list(
        "title", "summary", "facet_codes"
    )
    for title, summary, codes in rows:
        lines = [c.split(":", 1)[1] for c in codes.split() if c.startswith("action_line:")]
        categories = {suggestions.category_of_line(line) for line in lines} - {"C7"}
        if len(categories) == 1:
            texts.append(passage_text(title, summary))
            truths.append(categories.pop())
    return texts, truths


def baseline_rankings(examples: list[Example], codes: list[str]) -> list[list[str]]:
    texts = labels.label_texts()["prize_categories"]
    documents = [(code, text) for code in codes for _language, text in texts[code]]
    registry_texts, registry_truths = _registry()
    documents += list(zip(registry_truths, registry_texts, strict=True))
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True)
    matrix = vectorizer.fit_transform([text for _code, text in documents])
    owners = np.array([codes.index(code) for code, _text in documents])
    centroids = normalize(
        np.vstack([np.asarray(matrix[owners == i].mean(axis=0)) for i in range(len(codes))])
    )
    queries = vectorizer.transform([example.text for example in examples])
    scores = np.asarray(queries @ centroids.T)
    return [[codes[i] for i in np.argsort(-row, kind="stable")] for row in scores]


def evaluate(examples: list[Example]) -> dict[str, Scores]:
    """Scores of the suggester (zero-shot alone, and with the registry) and of the baseline."""
    codes = labels.label_sets()["prize_categories"].codes
    vectors = embeddings.passages([passage_text("", example.text) for example in examples])
    results = {"ours": Scores(), "zero_shot": Scores(), "baseline": Scores()}
    for example, vector in zip(examples, vectors, strict=True):
        zero_shot, combined = suggestions.category_probabilities(vector)
        for name, probabilities in (("ours", combined), ("zero_shot", zero_shot)):
            order = np.argsort(-probabilities, kind="stable")
            ranking = [codes[i] for i in order]
            results[name].add(
                example.language, ranking, example.category, float(probabilities[order[0]])
            )
    for example, ranking in zip(examples, baseline_rankings(examples, codes), strict=True):
        results["baseline"].add(example.language, ranking, example.category)
    return results


def report(results: dict[str, Scores], examples: list[Example]) -> list[str]:
    """The figures as a Markdown table: a row per language, then all."""
    language_names = dict(zip(Language.values, Language.labels, strict=True))
    header = (
        "| | n | top-1 | top-3 | top-1 zero-shot | top-3 zero-shot | top-1 baseline "
        "| top-3 baseline |"
    )
    lines = [header, "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for language in [*LANGUAGES, None]:
        count = sum(1 for e in examples if language in (None, e.language))
        if not count:
            continue
        label = "all" if language is None else language_names[language]
        cells = [
            f"{value:.3f}"
            for name in ("ours", "zero_shot", "baseline")
            for value in results[name].accuracy(language)
        ]
        lines.append(f"| {label} | {count} | " + " | ".join(cells) + " |")
    lines.append("")
    lines.append(
        "Calibration: expected calibration error of the first suggestion's probability, "
        f"{results['ours'].calibration_error():.3f} (zero-shot alone "
        f"{results['zero_shot'].calibration_error():.3f})."
    )
    return lines

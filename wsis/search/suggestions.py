"""Suggested tags for an initiative's text, and the initiatives it may duplicate.

Two sources of evidence, combined:

- zero-shot: the text's similarity to each label's descriptions (`labels`), turned into
  probabilities with a softmax whose temperature was fitted on the descriptions themselves
  (each classified against the others, `temperature`); for the prize categories, averaged with
  a linear model trained on the same descriptions;
- the registry: the published initiatives nearest in meaning vote with the tags moderators
  approved on them, weighted by similarity. The more close neighbours there are, the more
  their vote counts, so the suggestions improve as confirmed entries accumulate.
"""

import functools
from dataclasses import dataclass

import numpy as np

from wsis.search import duplicates, labels, vectors
from wsis.search.embeddings import embedder
from wsis.search.neutral import neutraliser
from wsis.stocktaking.models import Initiative

# Neighbours: at most this many, none below this similarity of language-neutral vectors (an
# initiative's nearest neighbour in the demo registry scores 0.37 in the median, 0.57 at most).
NEIGHBOURS = 10
NEIGHBOUR_FLOOR = 0.45
# A neighbour's weight grows steeply with its similarity above the floor:
# exp((similarity - floor) / NEIGHBOUR_SCALE), so one near-copy outweighs many lookalikes.
NEIGHBOUR_SCALE = 0.05
# The registry's vote counts at most this much against the descriptions, reached as evidence
# (total neighbour weight) accumulates: initiatives often carry several Action Lines, so a vote
# is less sharp than the descriptions (on the development set, more weight only hurt).
NEIGHBOUR_SHARE = 0.3
TOP_TARGETS = 10
# The categories' probabilities: the similarity-based ones and the linear model's, half each.
LINEAR_MODEL_SHARE = 0.5
LINEAR_MODEL_C = 10.0


@dataclass
class Suggestion:
    code: str
    score: float

    def as_dict(self) -> dict:
        return {"code": self.code, "score": round(self.score, 3)}


def _softmax(scores: np.ndarray, temperature: float) -> np.ndarray:
    shifted = (scores - scores.max(axis=-1, keepdims=True)) / temperature
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


@functools.cache
def temperature(key: str) -> float:
    """The softmax temperature that turns similarities into honest probabilities: the one
    minimising the log loss of classifying each prize category's own texts against all
    categories, that text left out. (`evaluate_suggestions` prints how far the probabilities
    are from the observed accuracy.) The other vocabularies use it too: their texts are
    translations of one another, which would make a temperature fitted on them overconfident."""
    label_set = labels.label_sets()["prize_categories"]
    return label_set.derived("temperature", lambda: _fitted_temperature(label_set))


def _fitted_temperature(label_set) -> float:
    similarities = label_set.vectors @ label_set.vectors.T
    np.fill_diagonal(similarities, -np.inf)  # leave each text out of its own label
    scores = label_set.scores(label_set.vectors, similarities)
    return _least_loss(
        np.geomspace(0.001, 0.2, 80), lambda t: _softmax(scores, t), label_set.owners
    )


@functools.cache
def linear_model(key: str):
    """A linear model over embeddings, trained on the categories' texts: it weighs the
    directions that tell neighbouring lines apart (regulation against networks), which
    similarity alone reads less sharply in some languages."""
    from sklearn.linear_model import LogisticRegression  # 2 s to import: not at start-up

    label_set = labels.label_sets()["prize_categories"]
    return LogisticRegression(C=LINEAR_MODEL_C, max_iter=5000).fit(
        label_set.vectors, label_set.owners
    )


def _mixed(similar: np.ndarray, learned: np.ndarray) -> np.ndarray:
    return (1 - LINEAR_MODEL_SHARE) * similar + LINEAR_MODEL_SHARE * learned


def _sharpened(probabilities: np.ndarray, power: float) -> np.ndarray:
    raised = probabilities ** (1 / power)
    return raised / raised.sum(axis=-1, keepdims=True)


@functools.cache
def category_sharpness(key: str) -> float:
    """Averaging two models leaves probabilities too cautious; this power restores them. It is
    fitted on the categories' texts by five-fold cross-validation (each fold classified by a
    linear model trained without it and by the other texts), minimising the log loss."""
    label_set = labels.label_sets()["prize_categories"]
    return label_set.derived("sharpness", lambda: _fitted_sharpness(label_set, key))


def _fitted_sharpness(label_set, key: str) -> float:
    similarities = label_set.vectors @ label_set.vectors.T
    mixed = np.zeros((len(label_set.owners), len(label_set.codes)))
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for train, held_out in folds.split(label_set.vectors, label_set.owners):
        learned = LogisticRegression(C=LINEAR_MODEL_C, max_iter=5000)
        learned.fit(label_set.vectors[train], label_set.owners[train])
        known = similarities[held_out].copy()
        known[:, held_out] = -np.inf
        similar = _softmax(label_set.scores(None, known), temperature(key))
        mixed[held_out] = _mixed(similar, learned.predict_proba(label_set.vectors[held_out]))
    return _least_loss(
        np.geomspace(0.05, 2.0, 60), lambda power: _sharpened(mixed, power), label_set.owners
    )


def _least_loss(candidates, probabilities_with, truth: np.ndarray) -> float:
    """The candidate parameter whose probabilities give the true labels the least log loss."""

    def loss(parameter):
        chosen = probabilities_with(parameter)[np.arange(truth.size), truth]
        return -np.log(chosen + 1e-12).mean()

    return float(min(candidates, key=loss))


def _zero_shot(name: str, vector: np.ndarray) -> np.ndarray:
    label_set = labels.label_sets()[name]
    key = embedder().name
    probabilities = _softmax(label_set.scores(vector[None, :])[0], temperature(key))
    if name == "prize_categories":
        learned = linear_model(key).predict_proba(vector[None, :])[0]
        probabilities = _sharpened(_mixed(probabilities, learned), category_sharpness(key))
    return probabilities


def _goals_from_targets(targets: np.ndarray) -> np.ndarray:
    """A goal is as likely as its targets together (their texts say far more than its title)."""
    sets = labels.label_sets()
    goals = sets["sdg_goals"].codes
    position = {code: index for index, code in enumerate(goals)}
    result = np.zeros(len(goals))
    for code, probability in zip(sets["sdg_targets"].codes, targets, strict=True):
        result[position[code.split(".")[0]]] += probability
    return result


def _neighbours(vector: np.ndarray, exclude=()) -> list[tuple[int, float]]:
    found = vectors.current().nearest(vector, NEIGHBOURS + len(exclude), NEIGHBOUR_FLOOR)
    return [(pk, similarity) for pk, similarity in found if pk not in exclude][:NEIGHBOURS]


def _votes(neighbours, codes: list[str], voter, tags: dict) -> tuple[np.ndarray, float]:
    """The neighbours' weighted vote over `codes` (a distribution) and its total weight;
    `voter` reads the codes from a neighbour's tags (by facet)."""
    position = {code: index for index, code in enumerate(codes)}
    votes = np.zeros(len(codes))
    total = 0.0
    for pk, similarity in neighbours:
        tagged = [position[code] for code in voter(tags.get(pk, {})) if code in position]
        if not tagged:
            continue
        weight = float(np.exp((similarity - NEIGHBOUR_FLOOR) / NEIGHBOUR_SCALE))
        votes[tagged] += weight / len(tagged)
        total += weight
    return (votes / total if total else votes), total


def _facet_codes(ids) -> dict[int, dict[str, list[str]]]:
    """The tags of these initiatives, by facet, from their facet codes (one query)."""
    tags: dict[int, dict[str, list[str]]] = {}
    for pk, codes in Initiative.objects.filter(pk__in=list(ids)).values_list("pk", "facet_codes"):
        for pair in codes.split():
            facet, _, code = pair.partition(":")
            tags.setdefault(pk, {}).setdefault(facet, []).append(code)
    return tags


def category_of_line(code: str) -> str:
    """The prize category of an Action Line code (`C7.e-health` → `C7-e-health`)."""
    return code.replace(".", "-")


# How each vocabulary's codes are read from a neighbour's tags (by facet).
_VOTERS = {
    "prize_categories": lambda tags: [category_of_line(c) for c in tags.get("action_line", [])],
    "sdg_goals": lambda tags: tags.get("sdg_goal", []),
    "sdg_targets": lambda tags: tags.get("sdg_target", []),
    "gdc_objectives": lambda tags: tags.get("gdc_objective", []),
}


def category_probabilities(vector: np.ndarray, exclude=()) -> tuple[np.ndarray, np.ndarray]:
    """The prize categories' probabilities for a text's vector: zero-shot alone, and combined
    with the registry's nearest initiatives (what `suggest` answers)."""
    neighbours = _neighbours(_neutral(vector), exclude)
    tags = _facet_codes(pk for pk, _similarity in neighbours)
    codes = labels.label_sets()["prize_categories"].codes
    votes, weight = _votes(neighbours, codes, _VOTERS["prize_categories"], tags)
    zero_shot = _zero_shot("prize_categories", vector)
    return zero_shot, _combined(zero_shot, votes, weight)


def _combined(zero_shot: np.ndarray, votes: np.ndarray, weight: float) -> np.ndarray:
    share = NEIGHBOUR_SHARE * weight / (weight + 1.0)
    return (1 - share) * zero_shot + share * votes


def _ranked(codes: list[str], scores: np.ndarray, limit: int | None = None) -> list[Suggestion]:
    order = sorted(range(len(codes)), key=lambda i: (-scores[i], i))[:limit]
    return [Suggestion(codes[i], float(scores[i])) for i in order]


def _neutral(vector: np.ndarray) -> np.ndarray:
    """The text's vector without its language, to compare with other initiatives; the labels
    are compared with the vector as it is (they are written in every language)."""
    return neutraliser()(vector, "passage")[0]


def passage_vector(title: str, text: str) -> np.ndarray:
    return embedder().passage([vectors.passage_text(title, text)])[0]


def suggest(
    title: str, text: str, initiative_id: int | None = None, with_duplicates: bool = True
) -> dict:
    """Every vocabulary's labels for this text, best first, with probabilities, and the
    published initiatives it may duplicate (unless the caller finds them its own way).
    `initiative_id`: the initiative the text is of, if saved (not its own neighbour or
    duplicate)."""
    vector = passage_vector(title, text)
    neutral = _neutral(vector)
    exclude = () if initiative_id is None else (initiative_id,)
    neighbours = _neighbours(neutral, exclude)
    tags = _facet_codes(pk for pk, _similarity in neighbours)
    result = {}
    sets = labels.label_sets()
    for name, voter in _VOTERS.items():
        votes, weight = _votes(neighbours, sets[name].codes, voter, tags)
        if name == "sdg_goals":
            zero_shot = _goals_from_targets(_zero_shot("sdg_targets", vector))
        else:
            zero_shot = _zero_shot(name, vector)
        result[name] = _combined(zero_shot, votes, weight)
    categories = sets["prize_categories"].codes
    return {
        "prize_categories": _ranked(categories, result["prize_categories"]),
        "action_lines": action_lines(categories, result["prize_categories"]),
        "sdg_goals": _ranked(sets["sdg_goals"].codes, result["sdg_goals"]),
        "sdg_targets": _ranked(sets["sdg_targets"].codes, result["sdg_targets"], TOP_TARGETS),
        "gdc_objectives": _ranked(sets["gdc_objectives"].codes, result["gdc_objectives"]),
        "possible_duplicates": [
            duplicate.as_dict()
            for duplicate in duplicates.find({initiative_id: neutral}, pending=False)[initiative_id]
        ]
        if with_duplicates
        else [],
    }


def action_lines(categories: list[str], probabilities: np.ndarray) -> list[Suggestion]:
    """Action Lines from the categories: each C7 sub-line is a category, and C7 itself is as
    likely as its sub-lines together."""
    scores = {
        code.replace("C7-", "C7."): float(p)
        for code, p in zip(categories, probabilities, strict=True)
    }
    scores["C7"] = sum(p for code, p in scores.items() if code.startswith("C7."))
    order = sorted(scores, key=lambda code: -scores[code])
    return [Suggestion(code, scores[code]) for code in order]

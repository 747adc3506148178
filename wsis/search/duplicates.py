"""Possible duplicates: initiatives so close in meaning that they may be the same project,
even written in another language or reworded (a WSIS Prizes rule: one project enters once).

An initiative is compared with the published ones (the in-process vector index) and with the
others awaiting moderation (their stored vectors), less the pairs a moderator dismissed.
"""

from dataclasses import dataclass

import numpy as np
from django.db.models import Q

from wsis.search import vectors
from wsis.search.embeddings import embedder, from_bytes
from wsis.search.models import DuplicateDismissal, InitiativeVector
from wsis.search.neutral import neutraliser
from wsis.stocktaking.choices import Status
from wsis.stocktaking.models import Initiative, InitiativeActionLine

# When is a pair flagged? Similarities are those of language-neutral vectors (`neutral`): a
# faithful translation scores about 0.55 with its original, but two different projects of the
# same kind (two open repositories of theses in two regions) can score as much. What tells
# them apart is what a copy keeps in any language: its countries, start date, organisation
# and Action Lines. A pair is flagged when the similarity plus these agreements reaches FLOOR;
# a text alone (nothing saved yet) must reach TEXT_ONLY_FLOOR by itself (a near-copy).
FLOOR = 0.70
TEXT_ONLY_FLOOR = 0.60
CANDIDATE_FLOOR = 0.30
CANDIDATES = 50  # the most similar texts whose agreement is weighed
AGREEMENT = {"countries": 0.10, "start_date": 0.10, "organisation": 0.10, "action_lines": 0.05}
SHOWN = 5
PENDING = (Status.SUBMITTED, Status.CHANGES_REQUESTED)
_NONE = (np.zeros(0, np.int64), np.zeros((0, 1), np.float32))


@dataclass(frozen=True)
class Profile:
    """What a copy of an initiative keeps in any language."""

    countries: frozenset
    action_lines: frozenset
    start_date: object
    organisation: int | None

    def agreement(self, other: "Profile") -> float:
        """How much more alike two initiatives are than their texts say."""
        bonus = 0.0
        if self.countries == other.countries or self.countries & other.countries:
            bonus += AGREEMENT["countries"]
        if self.action_lines & other.action_lines:
            bonus += AGREEMENT["action_lines"]
        if self.start_date is not None and self.start_date == other.start_date:
            bonus += AGREEMENT["start_date"]
        if self.organisation is not None and self.organisation == other.organisation:
            bonus += AGREEMENT["organisation"]
        return bonus


def profiles(ids) -> dict[int, Profile]:
    """The profiles of these initiatives, in three queries."""

    ids = list(ids)
    countries: dict[int, set] = {}
    through = Initiative.countries.through
    for pk, country in through.objects.filter(initiative_id__in=ids).values_list(
        "initiative_id", "country_id"
    ):
        countries.setdefault(pk, set()).add(country)
    lines: dict[int, set] = {}
    for pk, line in InitiativeActionLine.objects.filter(initiative_id__in=ids).values_list(
        "initiative_id", "action_line_id"
    ):
        lines.setdefault(pk, set()).add(line)
    return {
        pk: Profile(
            frozenset(countries.get(pk, ())), frozenset(lines.get(pk, ())), start, organisation
        )
        for pk, start, organisation in Initiative.objects.filter(pk__in=ids).values_list(
            "pk", "start_date", "organisation_id"
        )
    }


@dataclass
class Duplicate:
    initiative_id: int
    other_id: int
    title: str
    status: str
    similarity: float  # what it was flagged by: text similarity plus agreements, at most 1

    def as_dict(self) -> dict:
        return {"id": self.other_id, "title": self.title, "similarity": round(self.similarity, 3)}


def _dismissed(ids) -> set[tuple[int, int]]:
    ids = list(ids)
    rows = DuplicateDismissal.objects.filter(Q(initiative__in=ids) | Q(other__in=ids))
    return {
        pair for a, b in rows.values_list("initiative_id", "other_id") for pair in ((a, b), (b, a))
    }


def _scores(matrix: np.ndarray, vector: np.ndarray) -> np.ndarray:
    return matrix @ vector if len(matrix) else np.zeros(0, np.float32)


def _pending_vectors(model: str):
    """Ids and language-neutral vectors of the initiatives awaiting moderation."""
    rows = InitiativeVector.objects.filter(model=model, initiative__status__in=PENDING)
    ids, languages, data = [], [], []
    for pk, language, vector in rows.values_list("initiative_id", "initiative__language", "vector"):
        ids.append(pk)
        languages.append(language)
        data.append(from_bytes(vector))
    if not data:
        return _NONE
    return np.array(ids, np.int64), neutraliser()(np.stack(data), "passage", languages)


def find(queried: dict, pending: bool = True) -> dict:
    """The possible duplicates of each of these initiatives (id → its language-neutral
    vector; None for a
    text not yet saved), most similar first, among the published initiatives and, with
    `pending`, those awaiting moderation (never shown to the public); a fixed number of queries
    whatever their number."""

    if not queried:
        return {}
    index = vectors.current()
    published_ids, published = index.ids[: index.size], index.matrix[: index.size]
    pending_ids, pending = _pending_vectors(embedder().name) if pending else _NONE
    ids = np.concatenate([published_ids, pending_ids])
    dismissed = _dismissed(pk for pk in queried if pk is not None)
    candidates: dict = {}
    for pk, vector in queried.items():
        scores = np.concatenate([_scores(published, vector), _scores(pending, vector)])
        chosen = np.flatnonzero(scores >= CANDIDATE_FLOOR)
        chosen = chosen[np.argsort(-scores[chosen], kind="stable")[:CANDIDATES]]
        candidates[pk] = [
            (int(ids[i]), float(scores[i]))
            for i in chosen
            if int(ids[i]) != pk and (pk, int(ids[i])) not in dismissed
        ]
    known = profiles(
        {pk for pk in queried if pk is not None}
        | {other for pairs in candidates.values() for other, _s in pairs}
    )
    found: dict = {}
    for pk, pairs in candidates.items():
        mine = known.get(pk)

        def score(pair, mine=mine):
            other, similarity = pair
            if mine is None or other not in known:
                return similarity
            return similarity + mine.agreement(known[other])

        floor = FLOOR if mine is not None else TEXT_ONLY_FLOOR
        # Shown with the score it was flagged by (a translation's texts alone score ~0.55).
        flagged = [(other, min(score((other, s)), 1.0)) for other, s in pairs]
        flagged = [pair for pair in flagged if pair[1] >= floor]
        flagged.sort(key=lambda pair: (-pair[1], pair[0]))
        found[pk] = flagged[:SHOWN]
    others = {other for pairs in found.values() for other, _s in pairs}
    known = {
        pk: (title, status)
        for pk, title, status in Initiative.objects.filter(pk__in=others).values_list(
            "pk", "title", "status"
        )
    }
    return {
        pk: [
            Duplicate(pk, other, *known[other], similarity)
            for other, similarity in pairs
            if other in known
        ]
        for pk, pairs in found.items()
    }


def of_initiatives(initiatives) -> dict[int, list[Duplicate]]:
    """The possible duplicates of stored initiatives with an up-to-date vector (the others
    are checked as soon as the background task has embedded them)."""
    pks = [initiative.pk for initiative in initiatives]
    rows = InitiativeVector.objects.filter(initiative_id__in=pks, model=embedder().name)
    hashes = {initiative.pk: _hash(initiative) for initiative in initiatives}
    languages = {initiative.pk: initiative.language for initiative in initiatives}
    fresh = [
        (pk, from_bytes(vector))
        for pk, text_hash, vector in rows.values_list("initiative_id", "text_hash", "vector")
        if hashes.get(pk) == text_hash
    ]
    if not fresh:
        return find({})
    neutral = neutraliser()(
        np.stack([vector for _pk, vector in fresh]),
        "passage",
        [languages[pk] for pk, _vector in fresh],
    )
    return find({pk: vector for (pk, _raw), vector in zip(fresh, neutral, strict=True)})


def of_initiative(initiative, pending: bool = True) -> list[Duplicate]:
    """The possible duplicates of one initiative, computing its vector now if need be."""
    vector = vectors.neutral_vector_of(initiative)
    return find({initiative.pk: vector}, pending=pending)[initiative.pk]


def _hash(initiative) -> str:
    text = vectors.passage_text(initiative.title, initiative.summary)
    return vectors.text_hash(text, embedder().name)

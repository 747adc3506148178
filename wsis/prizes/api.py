"""`/api/v1/prizes/editions`: the Prizes editions, their phases, categories and rules."""

from datetime import datetime
from typing import Literal

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from wsis.api.auth import OPTIONAL_AUTH_OPENAPI, optional_auth, token_or_session
from wsis.api.ratelimit import limit
from wsis.api.schemas import WRITE_ERRORS, MessageOut
from wsis.core.errors import InvalidTransition
from wsis.core.i18n import data_language
from wsis.prizes import policies, services, tally
from wsis.prizes.choices import EntryStatus, PhaseKind
from wsis.prizes.models import Award, Edition, EditionCategory, Entry

router = Router(tags=["prizes"])


class PhaseOut(Schema):
    kind: str
    opens_at: datetime
    closes_at: datetime


class FiguresOut(Schema):
    entries: int | None
    nominees: int | None
    voters: int | None
    votes: int | None


class CategoryOut(Schema):
    code: str
    name: str
    is_special: bool


class EditionOut(Schema):
    year: int
    is_past: bool
    current_phase: str | None
    phases: list[PhaseOut]
    figures: FiguresOut
    note: str
    source: str


class RulesOut(Schema):
    languages: list[str]
    words_min: int
    words_max: int
    one_category_per_project: bool
    one_project_per_organisation_per_category: bool
    previous_winners_eligible: bool
    requires_completed: bool
    full_ballot_required: bool
    finalists_per_category: int


class EditionDetailOut(EditionOut):
    rules: RulesOut
    categories: list[CategoryOut]


def _edition(edition: Edition, language: str, now) -> dict:
    current = edition.current_phase(now)
    return {
        "year": edition.year,
        "is_past": edition.is_past,
        "current_phase": current.kind if current else None,
        "phases": sorted(
            (
                {"kind": p.kind, "opens_at": p.opens_at, "closes_at": p.closes_at}
                for p in edition.phases.all()
            ),
            key=lambda phase: phase["opens_at"],
        ),
        "figures": {
            "entries": edition.past_entries,
            "nominees": edition.past_nominees,
            "voters": edition.past_voters,
            "votes": edition.past_votes,
        },
        "note": edition.note(language),
        "source": edition.source,
    }


@router.get("", response=list[EditionOut], summary="Editions of the WSIS Prizes, newest first")
def list_editions(request):
    language, now = data_language(), timezone.now()
    return [_edition(e, language, now) for e in Edition.objects.prefetch_related("phases")]


@router.get(
    "/{int:year}",
    response={200: EditionDetailOut, 404: MessageOut},
    summary="One edition: phases, categories and rules",
)
def get_edition(request, year: int):
    edition = get_object_or_404(Edition.objects.prefetch_related("phases", "categories"), year=year)
    language = data_language()
    body = _edition(edition, language, timezone.now())
    body["rules"] = {field: getattr(edition, field) for field in RulesOut.model_fields}
    body["categories"] = [
        {"code": c.code, "name": c.display_name(language), "is_special": c.is_special}
        for c in edition.categories.all()
    ]
    return body


class NomineeOut(Schema):
    id: int
    initiative: int
    title: str
    organisation: str | None
    language: str
    short_description: str


@router.get(
    "/{int:year}/categories/{code}/nominees",
    response={200: list[NomineeOut], 404: MessageOut},
    summary="The nominees of one category of an edition",
)
def list_nominees(request, year: int, code: str):
    category = get_object_or_404(EditionCategory, edition__year=year, code=code)
    entries = (
        Entry.objects.filter(category=category, status=EntryStatus.NOMINATED)
        .select_related("initiative", "organisation")
        .order_by("initiative__title", "pk")
    )
    return [
        {
            "id": entry.pk,
            "initiative": entry.initiative_id,
            "title": entry.initiative.title,
            "organisation": entry.organisation.name if entry.organisation_id else None,
            "language": entry.language,
            "short_description": entry.short_description,
        }
        for entry in entries
    ]


class VoteIn(Schema):
    nominee: int = Field(description="The id of a nominee (an entry) of this edition.")


class VoteOut(Schema):
    id: int
    nominee: int
    category: str
    cast_at: datetime


class ResultNomineeOut(Schema):
    nominee: int
    title: str
    votes: int
    is_finalist: bool


class AwardOut(Schema):
    id: int
    kind: Literal["winner", "champion"]
    nominee: int
    title: str
    organisation: str | None
    certificate: str = Field(description="Path of the PDF certificate, in the entry's language.")


class ResultCategoryOut(Schema):
    category: str
    nominees: list[ResultNomineeOut]
    awards: list[AwardOut] = Field(
        default_factory=list,
        description="The winner then the champions, once the announcement phase has opened "
        "(empty before).",
    )


# The votes' rate limit, per voter (the intake, wsis/prizes/intake.py, counts by it too).
VOTING_RATE = "120/m"


def vote_answer(vote) -> dict:
    """A recorded vote as the API tells it (VoteOut)."""
    return {
        "id": vote.pk,
        "nominee": vote.entry_id,
        "category": vote.category.code,
        "cast_at": vote.cast_at,
    }


def _vote(request, year: int, payload: VoteIn, replace: bool):
    address = request.META.get("REMOTE_ADDR")
    try:
        vote = services.cast_vote(
            request.auth, payload.nominee, address, replace=replace, year=year
        )
    except InvalidTransition:
        raise  # a second vote, voting closed: the year is known
    except ValidationError:
        # The vote's one statement does not look the edition up first: an unknown year is told
        # apart from a wrong nominee only after a refusal.
        if not Edition.objects.filter(year=year).exists():
            raise Http404 from None
        raise
    return vote_answer(vote)


@router.post(
    "/{int:year}/votes",
    response={201: VoteOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Vote for a nominee (one vote per category; 409 for a second)",
)
@limit("voting", VOTING_RATE)
def cast_vote(request, year: int, payload: VoteIn):
    return Status(201, _vote(request, year, payload, replace=False))


@router.put(
    "/{int:year}/votes",
    response={200: VoteOut, **WRITE_ERRORS},
    auth=token_or_session,
    summary="Vote for a nominee, replacing one's vote in its category",
)
@limit("voting", VOTING_RATE)
def replace_vote(request, year: int, payload: VoteIn):
    return _vote(request, year, payload, replace=True)


@router.get(
    "/{int:year}/results",
    response={200: list[ResultCategoryOut], 403: MessageOut, 404: MessageOut},
    auth=optional_auth,
    openapi_extra=OPTIONAL_AUTH_OPENAPI,
    summary="The tally per category, from the valid votes (once voting has closed), with the "
    "winners and champions (once the announcement phase has opened)",
)
def get_results(request, year: int):
    edition = get_object_or_404(Edition.objects.prefetch_related("phases"), year=year)
    voting = edition.phase(PhaseKind.VOTING)
    closed = voting is not None and voting.closes_at <= timezone.now()
    if not (closed or policies.is_secretariat(request.user)):
        raise PermissionDenied(_("The results are published when voting closes."))
    awards = _awards(edition) if policies.results_are_public(edition) else {}
    return [
        {
            "category": row["category"].code,
            "awards": awards.get(row["category"].pk, []),
            "nominees": [
                {
                    "nominee": n["entry"].pk,
                    "title": n["entry"].initiative.title,
                    "votes": n["votes"],
                    "is_finalist": n["is_finalist"],
                }
                for n in row["nominees"]
            ],
        }
        for row in tally.results(edition)
    ]


def _awards(edition: Edition) -> dict[int, list[dict]]:
    """The edition's awards by category id, the winner first."""
    by_category: dict = {}
    awards = Award.objects.filter(edition=edition).select_related(
        "category", "entry__initiative", "entry__organisation"
    )
    for award in awards:
        by_category.setdefault(award.category_id, []).append(
            {
                "id": award.pk,
                "kind": award.kind,
                "nominee": award.entry_id,
                "title": award.entry.initiative.title,
                "organisation": award.entry.organisation.name
                if award.entry.organisation_id
                else None,
                "certificate": reverse("prizes:certificate", args=[edition.year, award.pk]),
            }
        )
    return by_category

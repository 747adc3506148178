"""Expert selection: the secretariat assigns experts to an edition; an assigned expert scores each
finalist on the seven criteria during the selection phase (one sheet per expert and finalist, kept
by the database, changeable until the phase closes); everyone else, any other phase and any
non-finalist are refused and nothing changes. Then the secretariat confirms one winner per
category and the other finalists become champions."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tests.accounts.factories import UserFactory
from tests.prizes.test_entries import edition_in
from tests.prizes.test_voting import nominees
from tests.stocktaking.factories import moderator
from wsis.accounts.choices import Role
from wsis.core.errors import InvalidTransition
from wsis.core.models import Event
from wsis.prizes import services, tally
from wsis.prizes.choices import AwardKind, Criterion
from wsis.prizes.models import Award, Edition, ExpertAssignment, ScoreSheet, Vote

pytestmark = pytest.mark.django_db

SCORES = {name: 7 for name in Criterion.values}


def finalists(edition, category="C2", votes=(3, 2, 1)):
    """Nominees of `category` with these numbers of valid votes (recorded while voting was open);
    those with votes are finalists."""
    entries = nominees(edition, category, count=len(votes))
    for entry, count in zip(entries, votes, strict=True):
        Vote.objects.bulk_create(
            Vote(edition=edition, category=entry.category, entry=entry, voter=UserFactory())
            for _ in range(count)
        )
    return entries


def expert(edition=None):
    """A user with the expert role, assigned to `edition` when given."""
    user = UserFactory(role=Role.EXPERT)
    if edition is not None:
        ExpertAssignment.objects.create(edition=edition, expert=user)
    return user


class TestAssignments:
    def test_the_secretariat_assigns_experts_once(self):
        edition = edition_in("voting")
        jury = expert()
        services.assign_expert(moderator(), edition, jury)
        assert Event.objects.filter(label="prizes.expert.assigned").count() == 1
        with pytest.raises(ValidationError) as error:
            services.assign_expert(moderator(), edition, jury)
        assert "already assigned" in error.value.message_dict["expert"][0]
        with pytest.raises(ValidationError):
            services.assign_expert(moderator(), edition, UserFactory())  # not an expert
        for actor in (None, UserFactory(), expert(), jury):
            with pytest.raises(PermissionDenied):
                services.assign_expert(actor, edition, expert())
        assert list(edition.experts.values_list("expert", flat=True)) == [jury.pk]

    def test_no_assignment_after_the_selection_and_no_withdrawal_after_scoring(self):
        edition = edition_in("selection")
        entries = finalists(edition)
        jury, other = expert(edition), expert(edition)
        services.score_finalist(jury, entries[0], SCORES)
        with pytest.raises(InvalidTransition):
            services.unassign_expert(moderator(), edition, jury)
        services.unassign_expert(moderator(), edition, other)
        assert list(edition.experts.values_list("expert", flat=True)) == [jury.pk]
        closed = edition_in("announcement", year=2028)
        with pytest.raises(InvalidTransition, match="selection"):
            services.assign_expert(moderator(), closed, expert())
        assert not closed.experts.exists()


class TestScores:
    def test_an_assigned_expert_scores_a_finalist_and_may_change_the_sheet(self):
        edition = edition_in("selection")
        first, second, third = finalists(edition)
        jury = expert(edition)
        sheet = services.score_finalist(jury, second, SCORES, " Strong figures. ")
        assert sheet.scores == SCORES and sheet.comment == "Strong figures."
        changed = services.score_finalist(jury, second, {**SCORES, "sustainability": "9"})
        assert changed.pk == sheet.pk and changed.sustainability == 9
        assert ScoreSheet.objects.count() == 1 and sheet.history.count() == 2
        assert Event.objects.filter(label="prizes.score_sheet.saved").count() == 2

    def test_the_database_refuses_two_sheets_of_one_expert_for_one_finalist(self):
        edition = edition_in("selection")
        (finalist,) = finalists(edition, votes=(1,))
        jury = expert(edition)
        services.score_finalist(jury, finalist, SCORES)
        with pytest.raises(IntegrityError), transaction.atomic():
            ScoreSheet.objects.create(edition=edition, entry=finalist, expert=jury, **SCORES)
        with pytest.raises(IntegrityError), transaction.atomic():
            ScoreSheet.objects.create(
                edition=edition, entry=finalist, expert=expert(), **{**SCORES, "wsis_values": 11}
            )

    def test_who_may_score_what_and_when(self):
        edition = edition_in("selection")
        edition.finalists_per_category = 2
        edition.save()
        first, second, third = finalists(edition)  # the third is a nominee, not a finalist
        (unvoted,) = finalists(edition, category="C4", votes=(0,))
        other_edition = edition_in("selection", year=2028)
        for actor in (
            None,
            UserFactory(),  # a submitter
            expert(),  # an expert of the jury, not assigned
            expert(other_edition),  # assigned to another edition
            moderator(),  # the secretariat does not score
        ):
            with pytest.raises(PermissionDenied):
                services.score_finalist(actor, first, SCORES)
        jury = expert(edition)
        for entry in (third, unvoted):
            with pytest.raises(ValidationError) as error:
                services.score_finalist(jury, entry, SCORES)
            assert "entry" in error.value.message_dict
        assert not ScoreSheet.objects.exists()

    @pytest.mark.parametrize("phase", ["voting", "announcement"])
    def test_no_score_outside_the_selection_phase(self, phase):
        edition = edition_in(phase)
        (finalist,) = finalists(edition, votes=(2,))
        with pytest.raises(InvalidTransition):
            services.score_finalist(expert(edition), finalist, SCORES)
        assert not ScoreSheet.objects.exists()

    @pytest.mark.parametrize(
        "scores,field",
        [
            ({**SCORES, "partnerships": 0}, "partnerships"),
            ({**SCORES, "partnerships": 11}, "partnerships"),
            ({**SCORES, "partnerships": "seven"}, "partnerships"),
            ({**SCORES, "partnerships": True}, "partnerships"),
            ({k: v for k, v in SCORES.items() if k != "replication"}, "replication"),
            ({**SCORES, "beauty": 10}, "beauty"),
        ],
    )
    def test_every_criterion_is_scored_from_1_to_10(self, scores, field):
        edition = edition_in("selection")
        (finalist,) = finalists(edition, votes=(1,))
        with pytest.raises(ValidationError) as error:
            services.score_finalist(expert(edition), finalist, scores)
        assert set(error.value.message_dict) == {field}
        assert not ScoreSheet.objects.exists()

    def test_the_mean_score_over_experts_and_criteria(self):
        edition = edition_in("selection")
        first, second = finalists(edition, votes=(2, 1))
        services.score_finalist(expert(edition), first, SCORES)
        services.score_finalist(expert(edition), first, {**SCORES, "wsis_values": 0 + 10})
        assert tally.mean_scores(edition) == {first.pk: {"sheets": 2, "mean": 7.21}}


class TestWinners:
    def test_the_winner_and_the_champions(self):
        edition = edition_in("selection")
        first, second, third = finalists(edition)
        awards = services.confirm_winner(moderator(), second)
        assert [(a.entry_id, a.kind) for a in awards] == [
            (second.pk, AwardKind.WINNER),
            (first.pk, AwardKind.CHAMPION),
            (third.pk, AwardKind.CHAMPION),
        ]
        event = Event.objects.get(label="prizes.award.winner_confirmed")
        assert event.data["champions"] == [first.pk, third.pk]

    def test_only_the_secretariat_confirms(self):
        edition = edition_in("selection")
        first, _second = finalists(edition, votes=(2, 1))
        for actor in (None, UserFactory(), expert(edition), first.entrant):
            with pytest.raises(PermissionDenied):
                services.confirm_winner(actor, first)
        assert not Award.objects.exists()

    def test_one_winner_per_category(self):
        edition = edition_in("selection")
        first, second = finalists(edition, votes=(2, 1))
        services.confirm_winner(moderator(), first)
        with pytest.raises(InvalidTransition, match="already has a winner"):
            services.confirm_winner(moderator(), second)
        assert Award.objects.get(kind=AwardKind.WINNER).entry_id == first.pk
        with pytest.raises(IntegrityError), transaction.atomic():
            Award.objects.filter(entry=second).update(kind=AwardKind.WINNER)
        # While the selection is open the secretariat may change its mind, explicitly.
        services.confirm_winner(moderator(), second, replace=True)
        assert dict(Award.objects.values_list("entry", "kind")) == {
            first.pk: AwardKind.CHAMPION,
            second.pk: AwardKind.WINNER,
        }

    def test_during_the_announcement_a_winner_is_final(self):
        edition = edition_in("announcement")
        first, second = finalists(edition, votes=(2, 1))
        services.confirm_winner(moderator(), first)
        with pytest.raises(InvalidTransition):
            services.confirm_winner(moderator(), second, replace=True)
        assert Award.objects.get(kind=AwardKind.WINNER).entry_id == first.pk

    def test_only_a_finalist_during_selection_or_announcement(self):
        edition = edition_in("selection")
        edition.finalists_per_category = 1
        edition.save()
        _first, second = finalists(edition, votes=(2, 1))
        with pytest.raises(ValidationError):
            services.confirm_winner(moderator(), second)
        voting = edition_in("voting", year=2028)
        (finalist,) = finalists(voting, votes=(1,))
        with pytest.raises(InvalidTransition):
            services.confirm_winner(moderator(), finalist)
        assert not Award.objects.exists()


def test_the_secretariat_and_expert_pages(client):
    edition = edition_in("selection")
    first, second = finalists(edition, votes=(2, 1))
    jury = UserFactory(role=Role.EXPERT)
    base = f"/en/prizes/{edition.year}"
    for user in (UserFactory(), jury):
        client.force_login(user)
        assert client.get(f"{base}/experts/").status_code == 403
        assert client.get(f"{base}/selection/").status_code == 403
    assert client.get(f"{base}/scoring/").status_code == 403  # not assigned yet
    client.force_login(moderator())
    assert client.post(f"{base}/experts/", {"expert": jury.pk}).status_code == 302
    assert Edition.objects.get(pk=edition.pk).experts.get().expert == jury
    client.force_login(jury)
    page = client.get(f"{base}/scoring/").content.decode()
    assert first.initiative.title in page and "Promotion of WSIS values" in page
    form = {f"entry-{first.pk}-{name}": value for name, value in SCORES.items()}
    response = client.post(
        f"{base}/scoring/", {"entry": first.pk, **form, f"entry-{first.pk}-replication": 12}
    )
    assert response.status_code == 422 and not ScoreSheet.objects.exists()
    comment = {f"entry-{first.pk}-comment": "Owned by the villages themselves"}
    assert (
        client.post(f"{base}/scoring/", {"entry": first.pk, **form, **comment}).status_code == 302
    )
    assert ScoreSheet.objects.get().expert == jury
    client.force_login(moderator())
    page = client.get(f"{base}/selection/").content.decode()
    assert "7.00" in page and "best mean score" in page
    # Each expert's sheet behind the mean: who, the seven marks, the comment.
    sheets = page.split(f'id="sheets-{first.pk}"')[1].split("</details>")[0]
    assert jury.email in sheets and "Owned by the villages themselves" in sheets
    assert sheets.count('<td class="text-end">7</td>') == len(Criterion.values)
    assert f'id="sheets-{second.pk}"' not in page
    assert client.post(f"{base}/selection/", {"entry": first.pk}).status_code == 302
    assert Award.objects.get(kind=AwardKind.WINNER).entry == first
    client.logout()
    assert client.get(f"{base}/scoring/").status_code == 302

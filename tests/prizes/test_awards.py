"""Results: the winners and champions per edition and per category, public once the announcement
phase opens (the secretariat sees them before); their PDF certificates in the entry's language,
Arabic shaped right to left and Chinese in a CJK font; the API's results with the awards; and
the rule that previous winners may not enter."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from pypdf import PdfReader

from tests.prizes.test_entries import edition_in, initiative, sections
from tests.prizes.test_selection import finalists
from tests.stocktaking.factories import moderator
from wsis.core.testing.browser import SCREENSHOTS
from wsis.prizes import certificates, services
from wsis.prizes.choices import AwardKind
from wsis.prizes.models import Award, Entry

pytestmark = pytest.mark.django_db


def awarded(phase="announcement", language="en", year=2027):
    """An edition in `phase` whose C2 winner and champion are confirmed; the awards."""
    edition = edition_in(phase, year=year)
    first, second = finalists(edition, votes=(2, 1))
    Entry.objects.filter(pk__in=[first.pk, second.pk]).update(language=language)
    first, second = Entry.objects.get(pk=first.pk), Entry.objects.get(pk=second.pk)
    if phase == "selection":
        return services.confirm_winner(moderator(), first)
    awards = [
        Award.objects.create(edition=edition, category=first.category, entry=entry, kind=kind)
        for entry, kind in ((first, AwardKind.WINNER), (second, AwardKind.CHAMPION))
    ]
    return awards


def fonts(reader) -> set[str]:
    """The names of the fonts embedded in the first page (subset prefix removed)."""
    names = set()
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get_object().get("/FontDescriptor")
            if descriptor and any(
                k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
            ):
                names.add(str(descendant.get_object()["/BaseFont"]).split("+")[-1])
    return names


class TestResultsPages:
    def test_public_once_the_announcement_opens(self, client):
        winner, champion = awarded("announcement")
        base = f"/en/prizes/{winner.edition.year}"
        page = client.get(f"{base}/results/").content.decode()
        assert winner.entry.initiative.title in page and champion.entry.initiative.title in page
        assert f"{base}/certificates/{winner.pk}.pdf" in page
        page = client.get(f"{base}/results/C2/").content.decode()
        assert "Winner" in page and "Champion" in page
        assert client.get(f"{base}/results/C4/").status_code == 404
        response = client.get(f"{base}/certificates/{champion.pk}.pdf")
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")

    def test_not_before_except_for_the_secretariat(self, client):
        winner, _champion = awarded("selection")
        base = f"/en/prizes/{winner.edition.year}"
        assert client.get(f"{base}/results/").status_code == 404
        assert client.get(f"{base}/certificates/{winner.pk}.pdf").status_code == 404
        client.force_login(winner.entry.entrant)
        assert client.get(f"{base}/results/").status_code == 404
        client.force_login(moderator())
        page = client.get(f"{base}/results/").content.decode()
        assert "Not public yet" in page and winner.entry.initiative.title in page
        assert client.get(f"{base}/certificates/{winner.pk}.pdf").status_code == 200
        assert client.get(f"/en/prizes/2031/certificates/{winner.pk}.pdf").status_code == 404


class TestCertificates:
    def test_an_arabic_certificate_is_one_page_shaped_right_to_left(self):
        winner, _champion = awarded(language="ar")
        pdf = certificates.render_certificate(winner)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        (SCREENSHOTS / "certificate-ar.pdf").write_bytes(pdf)
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1
        assert any("Arabic" in name or "DejaVu" in name for name in fonts(reader))
        text = reader.pages[0].extract_text()
        with translation.override("ar"):
            title = translation.gettext("World Summit on the Information Society")
            kind = str(AwardKind.WINNER.label)
        assert title != "World Summit on the Information Society"  # translated
        # The text comes back as logical Arabic letters (the glyphs are shaped and mapped).
        assert title in text and kind in text
        assert winner.entry.initiative.title in text

    def test_a_chinese_certificate_uses_a_cjk_font(self):
        winner, _champion = awarded(language="zh")
        winner.entry.initiative.title = "山区村庄社区网络"
        winner.entry.initiative.save()
        pdf = certificates.render_certificate(Award.objects.get(pk=winner.pk))
        (SCREENSHOTS / "certificate-zh.pdf").write_bytes(pdf)
        reader = PdfReader(io.BytesIO(pdf))
        assert len(reader.pages) == 1
        assert any("CJK" in name for name in fonts(reader))
        text = reader.pages[0].extract_text()
        assert "山区村庄社区网络" in text and "冠军" not in text  # the winner's, not a champion's
        with translation.override("zh-hans"):
            assert str(AwardKind.WINNER.label) in text


class TestApi:
    def test_the_awards_join_the_results_once_announced(self, client):
        winner, champion = awarded("announcement")
        body = client.get(f"/api/v1/prizes/editions/{winner.edition.year}/results").json()
        (c2,) = [row for row in body if row["category"] == "C2"]
        assert [(a["nominee"], a["kind"]) for a in c2["awards"]] == [
            (winner.entry_id, "winner"),
            (champion.entry_id, "champion"),
        ]
        assert c2["awards"][0]["certificate"].endswith(f"/certificates/{winner.pk}.pdf")
        assert {n["nominee"] for n in c2["nominees"]} == {winner.entry_id, champion.entry_id}

    def test_not_before_the_announcement(self, client):
        winner, _champion = awarded("selection")
        client.force_login(moderator())
        body = client.get(f"/api/v1/prizes/editions/{winner.edition.year}/results").json()
        assert [row["awards"] for row in body] == [[]]  # confirmed, not yet announced


class TestPreviousWinners:
    def test_a_previous_winner_may_not_enter(self):
        winner, champion = awarded("announcement", year=2026)
        edition = edition_in("submission")
        project = winner.entry.initiative
        with pytest.raises(ValidationError) as error:
            services.enter(project.owner, edition, project, "C2", **sections())
        assert error.value.message_dict["initiative"] == [
            "This project won the WSIS Prizes 2026; previous winners may not enter this edition."
        ]
        # A champion may, and so may a winner when the edition allows it.
        runner_up = champion.entry.initiative
        services.enter(runner_up.owner, edition, runner_up, "C2", **sections())
        edition.previous_winners_eligible = True
        edition.save()
        services.enter(project.owner, edition, project, "C4", **sections())
        assert Entry.objects.filter(edition=edition).count() == 2

    def test_the_message_is_translated(self):
        winner, _champion = awarded("announcement", year=2026)
        edition = edition_in("submission")
        project = winner.entry.initiative
        with translation.override("fr"), pytest.raises(ValidationError) as error:
            services.enter(project.owner, edition, project, "C2", **sections())
        assert "2026" in error.value.message_dict["initiative"][0]
        assert "previous winners" not in error.value.message_dict["initiative"][0]


def test_a_project_entered_for_the_first_time_is_not_refused():
    project = initiative()
    services.enter(project.owner, edition_in("submission"), project, "C2", **sections())


class TestLetters:
    """Once the results are public, the secretariat has each winner and champion e-mailed the
    news with the certificate attached, in the entry's language, once."""

    def letters(self, mailoutbox):
        from django_tasks_db.models import DBTaskResult

        from wsis.prizes.tasks import send_award_letter

        pending = DBTaskResult.objects.filter(task_path=send_award_letter.module_path)
        for result in pending:
            send_award_letter.call(*result.args_kwargs["args"])
        return {message.to[0]: message for message in mailoutbox}

    def test_each_entrant_is_told_once_with_the_certificate(
        self, mailoutbox, django_capture_on_commit_callbacks
    ):
        winner, champion = awarded("announcement", language="ar")
        with django_capture_on_commit_callbacks(execute=True):
            told = services.notify_awardees(moderator(), winner.edition)
        assert {award.pk for award in told} == {winner.pk, champion.pk}
        assert not mailoutbox  # the worker sends them, not the request
        letters = self.letters(mailoutbox)
        assert set(letters) == {winner.entry.entrant.email, champion.entry.entrant.email}
        letter = letters[winner.entry.entrant.email]
        assert winner.entry.initiative.title in letter.body
        assert f"/ar/prizes/{winner.edition.year}/results/C2/" in letter.body
        ((name, pdf, kind),) = letter.attachments
        assert name == certificates.certificate_name(winner) and kind == "application/pdf"
        assert pdf.startswith(b"%PDF")
        with translation.override("ar"):
            assert str(AwardKind.WINNER.label) in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        assert Award.objects.filter(notified_at__isnull=True).count() == 0
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            assert services.notify_awardees(moderator(), winner.edition) == []
        assert not callbacks

    def test_only_the_secretariat_and_only_once_announced(self):
        from django.core.exceptions import PermissionDenied

        from wsis.core.errors import InvalidTransition

        winner, champion = awarded("announcement")
        with pytest.raises(PermissionDenied):
            services.notify_awardees(winner.entry.entrant, winner.edition)
        selected = awarded("selection", year=2028)
        with pytest.raises(InvalidTransition):
            services.notify_awardees(moderator(), selected[0].edition)
        assert Award.objects.filter(notified_at__isnull=False).count() == 0

    def test_the_results_page_offers_it_to_the_secretariat(self, client, mailoutbox):
        winner, _champion = awarded("announcement")
        base = f"/en/prizes/{winner.edition.year}"
        assert "E-mail them" not in client.get(f"{base}/results/").content.decode()
        client.force_login(winner.entry.entrant)
        assert client.post(f"{base}/results/notify/").status_code == 403
        client.force_login(moderator())
        assert (
            "2 winners and champions not yet told"
            in client.get(f"{base}/results/").content.decode()
        )
        assert client.post(f"{base}/results/notify/").status_code == 302
        page = client.get(f"{base}/results/").content.decode()
        assert "0 winners and champions not yet told" in page and "E-mail them" not in page

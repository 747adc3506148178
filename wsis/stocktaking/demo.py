"""Demo initiatives (wsis/stocktaking/demo/*.json, written for this project), loaded through the
services as real users would add them, in every moderation state."""

import json
from datetime import date, datetime, time
from pathlib import Path

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone
from django.utils.text import slugify

from wsis.accounts.models import User
from wsis.accounts.services import create_user
from wsis.stocktaking import services
from wsis.stocktaking.choices import Status
from wsis.stocktaking.models import Initiative, ProgressReport

DEMO_FOLDER = Path(__file__).parent / "demo"
MAIN_SUBMITTER = "submitter@demo.wsis.local"
MODERATOR = "moderator@demo.wsis.local"
# Every twentieth entry stays in each of these states, so the queue and dashboards have content.
STATES = {0: Status.DRAFT, 1: Status.SUBMITTED, 2: Status.CHANGES_REQUESTED, 3: Status.REJECTED}


def entries() -> list[dict]:
    items = []
    for path in sorted(DEMO_FOLDER.glob("*.json")):
        items += json.loads(path.read_text(encoding="utf-8"))
    return items


def _month(value: str | None) -> date | None:
    return date.fromisoformat(f"{value}-01") if value else None


def form_data(entry: dict) -> dict:
    funding = entry.get("funding") or {}
    return {
        "title": entry["title"],
        "summary": entry["summary"],
        "description": entry["description"],
        "language": entry["language"],
        "organisation": entry["organisation"]["name"],
        "stakeholder_type": entry["organisation"]["stakeholder_type"],
        "countries": entry["countries"],
        "regions": [entry["region"]] if entry["region"] == "INT" or not entry["countries"] else [],
        "scope": entry["scope"],
        "start_date": _month(entry["start"]),
        "end_date": _month(entry["end"]),
        "work_state": entry["work_state"],
        "website": entry["website"],
        "contact_email": entry["contact_email"],
        "partners": entry["partners"],
        "funding_amount": funding.get("amount"),
        "funding_currency": funding.get("currency", ""),
        "funding_source": funding.get("source", ""),
        "target_groups": entry["target_groups"],
        "action_lines": entry["action_lines"],
        "sdg_goals": entry["sdg_goals"],
        "sdg_targets": entry["sdg_targets"],
        "gdc_objectives": entry["gdc_objectives"],
    }


def _owner(entry: dict, state: str) -> User:
    if state != Status.PUBLISHED:
        return User.objects.get(email=MAIN_SUBMITTER)
    email = f"{slugify(entry['organisation']['name'])[:40] or 'organisation'}@demo.wsis.local"
    user = User.objects.filter(email=email).first()
    return user or create_user(
        None,
        email=email,
        organisation=entry["organisation"]["name"],
        stakeholder_type=entry["organisation"]["stakeholder_type"],
    )


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(12)))


def _age_like_real_life(initiative: Initiative, entry: dict) -> None:
    """Publication a few months after the start, reports at each year's end: the status lights
    then come out green, amber or red as they would on the real register."""
    start = _month(entry["start"]) or date(2020, 1, 1)
    published = min(
        date(start.year + (start.month + 3) // 12, (start.month + 3) % 12 + 1, 1),
        timezone.now().date(),
    )
    active = _aware(published)
    for report in entry.get("progress") or []:
        filed = min(date(report["year"], 12, 31), timezone.now().date())
        ProgressReport.objects.filter(initiative=initiative, year=report["year"]).update(
            created_at=_aware(filed)
        )
        active = max(active, _aware(filed))
    Initiative.objects.filter(pk=initiative.pk).update(
        published_at=_aware(published), active_at=active
    )


def load(stdout) -> int:
    moderator = User.objects.get(email=MODERATOR)
    created = 0
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for index, entry in enumerate(entries()):
            if Initiative.objects.filter(title=entry["title"]).exists():
                continue
            state = STATES.get(index % 20, Status.PUBLISHED)
            with transaction.atomic():
                owner = _owner(entry, state)
                initiative = services.create_initiative(owner, form_data(entry))
                if state != Status.DRAFT:
                    services.submit(owner, initiative)
                if state == Status.PUBLISHED:
                    initiative = services.approve(moderator, initiative)
                    for report in entry.get("progress") or []:
                        if report["year"] <= timezone.now().year:
                            services.file_progress_report(
                                owner,
                                initiative,
                                year=report["year"],
                                achieved=report["achieved"],
                                figures=report.get("figures", ""),
                                next_steps=report.get("next_steps", ""),
                            )
                    _age_like_real_life(initiative, entry)
                elif state == Status.CHANGES_REQUESTED:
                    services.request_changes(
                        moderator,
                        initiative,
                        "Please add the results of the last year, with figures.",
                    )
                elif state == Status.REJECTED:
                    services.reject(
                        moderator,
                        initiative,
                        "This describes an event, not an initiative with results.",
                    )
            created += 1
    stdout.write(f"Demo initiatives: {created} added, {Initiative.objects.count()} in all.")
    return created

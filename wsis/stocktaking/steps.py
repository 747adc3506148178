"""The steps of the submission form and the fields each one edits."""

from django.utils.translation import gettext_lazy as _

STEPS = [
    ("about", _("About")),
    ("where", _("Who and where")),
    ("when", _("When and how")),
    ("classification", _("Classification")),
    ("review", _("Review and submit")),
]

FIELDS = {
    "about": ("title", "language", "summary", "description"),
    "where": ("organisation", "stakeholder_type", "countries", "regions", "scope"),
    "when": (
        "start_date",
        "end_date",
        "work_state",
        "website",
        "contact_email",
        "partners",
        "funding_amount",
        "funding_currency",
        "funding_source",
    ),
    "classification": (
        "action_lines",
        "sdg_goals",
        "sdg_targets",
        "gdc_objectives",
        "target_groups",
    ),
    "review": (),
}


def step_fields(step: str) -> tuple[str, ...]:
    return FIELDS.get(step, ())

"""Names for codes, and facets ready for the list page's sidebar."""

from django.utils.html import json_script
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wsis.core.i18n import translated
from wsis.stocktaking.choices import Language, StatusLight, WorkState
from wsis.taxonomy import models as taxonomy

FACET_TITLES = {
    "action_line": _("Action Line"),
    "sdg_goal": _("SDG goal"),
    "sdg_target": _("SDG target"),
    "gdc_objective": _("GDC objective"),
    "stakeholder_type": _("Stakeholder type"),
    "region": _("ITU region"),
    "country": _("Country"),
    "country_group": _("Country group"),
    "target_group": _("Target group"),
    "language": _("Language"),
    "start_year": _("Start year"),
    "work_state": _("State of the work"),
    "status_light": _("Activity"),
}
SHOWN_AT_FIRST = 8
# What each recorded event of an initiative is called in its history.
EVENT_NAMES = {
    "stocktaking.initiative.created": _("Created"),
    "stocktaking.initiative.edited": _("Edited"),
    "stocktaking.initiative.submitted": _("Submitted for moderation"),
    "stocktaking.initiative.approved": _("Approved and published"),
    "stocktaking.initiative.changes_requested": _("Changes requested"),
    "stocktaking.initiative.rejected": _("Rejected"),
    "stocktaking.initiative.progress_reported": _("Progress report filed"),
    "stocktaking.initiative.translated": _("Translation added"),
    "search.duplicate.dismissed": _("Marked as not a duplicate of another initiative"),
}


def schema_org(initiative, url: str) -> str:
    """The initiative as schema.org JSON-LD (a Project), for search engines and harvesters."""
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "@id": url,
        "url": url,
        "name": initiative.title,
        "description": initiative.summary,
        "inLanguage": initiative.language,
        "areaServed": [
            {"@type": "Country", "name": translated(c.name, "en"), "identifier": c.code}
            for c in initiative.countries.all()
        ],
        "keywords": [a.code for a in initiative.action_lines.all()]
        + [f"SDG {g.number}" for g in initiative.sdg_goals.all()],
    }
    if initiative.organisation_id:
        data["parentOrganization"] = {"@type": "Organization", "name": initiative.organisation.name}
    if initiative.start_date:
        data["foundingDate"] = initiative.start_date.isoformat()
    if initiative.end_date:
        data["dissolutionDate"] = initiative.end_date.isoformat()
    if initiative.website:
        data["sameAs"] = initiative.website
    # json_script escapes <, > and &, so no text of the initiative can close the script element.
    script = json_script(data).replace('type="application/json"', 'type="application/ld+json"', 1)
    return mark_safe(script)  # noqa: S308 - json_script escaped every text


def vocabulary_names() -> dict[str, dict[str, str]]:
    """Code → name in the reader's language, for every facet (a fixed number of queries)."""
    names = {
        "action_line": {a.code: translated(a.name) for a in taxonomy.ActionLine.objects.all()},
        "sdg_goal": {str(g.number): translated(g.short) for g in taxonomy.SDGGoal.objects.all()},
        "sdg_target": {t.code: translated(t.text) for t in taxonomy.SDGTarget.objects.all()},
        "gdc_objective": {o.code: translated(o.name) for o in taxonomy.GDCObjective.objects.all()},
        "stakeholder_type": {
            s.code: translated(s.name) for s in taxonomy.StakeholderType.objects.all()
        },
        "region": {r.code: translated(r.name) for r in taxonomy.Region.objects.all()},
        "country": {c.code: translated(c.name) for c in taxonomy.Country.objects.all()},
        "country_group": {g.code: translated(g.name) for g in taxonomy.CountryGroup.objects.all()},
        "target_group": {g.code: translated(g.name) for g in taxonomy.TargetGroup.objects.all()},
        "language": dict(Language.choices),
        "work_state": {k: str(v) for k, v in WorkState.choices},
        "status_light": {k: str(v) for k, v in StatusLight.choices},
    }
    return names


def facet_labels(counts: dict[str, dict[str, int]], selected: dict) -> list[dict]:
    """Facets as the sidebar shows them: values with their names and counts, most frequent first;
    chosen values always shown."""
    names = vocabulary_names()
    facets = []
    for facet, title in FACET_TITLES.items():
        chosen = set(selected.get(facet) or [])
        values = counts.get(facet, {})
        options = [
            {
                "code": code,
                "name": names.get(facet, {}).get(code, code),
                "count": number,
                "selected": code in chosen,
            }
            for code, number in values.items()
            if number or code in chosen
        ]
        if facet == "start_year":
            options.sort(key=lambda o: o["code"], reverse=True)
        elif facet not in ("status_light",):
            options.sort(key=lambda o: (-o["count"], o["code"]))
        if options:
            facets.append(
                {
                    "facet": facet,
                    "title": title,
                    "options": options[:SHOWN_AT_FIRST],
                    "more": options[SHOWN_AT_FIRST:],
                    "open": bool(chosen),
                }
            )
    return facets

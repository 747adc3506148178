"""Suggestions as the pages show them: names in the reader's language, scores as percentages."""

from django.utils.translation import gettext_lazy as _

from wsis.core.i18n import translated
from wsis.taxonomy import memo
from wsis.taxonomy import models as taxonomy

# What the form shows of each vocabulary: its field, its title, how many suggestions at most,
# and below what probability a suggestion is not worth showing.
SHOWN = (
    ("action_lines", _("Action Lines"), 3),
    ("sdg_goals", _("SDG goals"), 3),
    ("sdg_targets", _("SDG targets"), 5),
    ("gdc_objectives", _("GDC objectives"), 2),
)
WORTH_SHOWING = 0.05
# A long SDG target text is cut for the panel (the whole text is its title attribute).
NAME_LENGTH = 110


def _names(field: str) -> dict[str, str]:
    if field == "action_lines":
        entries = memo.vocabulary(taxonomy.ActionLine).by("code")
        return {code: translated(entry.name) for code, entry in entries.items()}
    if field == "sdg_goals":
        entries = memo.vocabulary(taxonomy.SDGGoal).by("number")
        return {
            code: translated(entry.short) or translated(entry.title)
            for code, entry in entries.items()
        }
    if field == "sdg_targets":
        entries = memo.vocabulary(taxonomy.SDGTarget).by("code")
        return {code: translated(entry.text) for code, entry in entries.items()}
    entries = memo.vocabulary(taxonomy.GDCObjective).by("code")
    return {code: translated(entry.name) for code, entry in entries.items()}


def suggestion_groups(found: dict, chosen: dict[str, set[str]]) -> list[dict]:
    """The panel's groups: for each vocabulary its best suggestions worth showing, each with
    its name, its probability in percent and whether the initiative already has it."""
    groups = []
    for field, title, limit in SHOWN:
        names = _names(field)
        items = [
            {
                "field": field,
                "code": item.code,
                "name": names.get(item.code, item.code),
                "percent": round(100 * item.score),
                "is_chosen": item.code in chosen.get(field, set()),
            }
            for item in found[field][:limit]
            if item.score >= WORTH_SHOWING
        ]
        if items:
            groups.append({"field": field, "title": title, "items": items})
    return groups

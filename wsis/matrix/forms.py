"""The fields of a matrix cell, checked once for the page, the API and the reference loader."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wsis.core.forms import BootstrapWidgets
from wsis.core.i18n import DATA_LANGUAGES
from wsis.taxonomy.models import ActionLine, GDCObjective, SDGGoal, SDGTarget

RATIONALE_MAX = 4000
LANGUAGE_CHOICES = [(code, code) for code in DATA_LANGUAGES]


class CellForm(BootstrapWidgets, forms.Form):
    """A cell's sides by their codes (`C2`, `9`, `9.c`, `GDC1`), its evidence and source, and
    the rationale in one language (the page edits one language at a time)."""

    action_line = forms.ModelChoiceField(
        ActionLine.objects.all(), to_field_name="code", label=_("Action Line")
    )
    sdg_goal = forms.ModelChoiceField(
        SDGGoal.objects.all(), to_field_name="number", required=False, label=_("SDG goal")
    )
    sdg_target = forms.ModelChoiceField(
        SDGTarget.objects.all(), to_field_name="code", required=False, label=_("SDG target")
    )
    gdc_objective = forms.ModelChoiceField(
        GDCObjective.objects.all(), to_field_name="code", required=False, label=_("GDC objective")
    )
    language = forms.ChoiceField(
        choices=LANGUAGE_CHOICES,
        initial="en",
        required=False,
        label=_("Language of the rationale"),
    )
    rationale = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=RATIONALE_MAX,
        label=_("Rationale"),
    )
    evidence = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Evidence")
    )
    source = forms.CharField(max_length=500, required=False, label=_("Source"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sdg_goal") and cleaned.get("sdg_target"):
            self.add_error("sdg_target", _("Choose an SDG goal or an SDG target, not both."))
        sides = ("sdg_goal", "sdg_target", "gdc_objective")
        if not any(cleaned.get(side) for side in sides) and not self.errors:
            self.add_error(
                "sdg_goal", _("Link the Action Line to an SDG goal or target, or a GDC objective.")
            )
        return cleaned


def clean_rationale(value) -> dict[str, str]:
    """A rationale map from the API (`{"ar": …, "en": …}`); an empty text removes a language."""
    if not isinstance(value, dict):
        raise ValidationError({"rationale": _("Give the rationale as texts by language code.")})
    cleaned = {}
    for language, text in value.items():
        if language not in DATA_LANGUAGES:
            raise ValidationError(
                {"rationale": _("Unknown language “{code}”.").format(code=language)}
            )
        if not isinstance(text, str) or len(text) > RATIONALE_MAX:
            raise ValidationError(
                {
                    "rationale": _("A rationale is a text of at most {n} characters.").format(
                        n=RATIONALE_MAX
                    )
                }
            )
        cleaned[language] = text.strip()
    return cleaned

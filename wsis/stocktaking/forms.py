"""The initiative form: one set of rules for the submission pages and the API."""

import re

from babel.numbers import list_currencies
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wsis.core.forms import BootstrapWidgets
from wsis.core.i18n import translated
from wsis.stocktaking.choices import Language, Scope, WorkState
from wsis.stocktaking.models import DESCRIPTION_MAX_WORDS, SUMMARY_MAX_WORDS
from wsis.taxonomy import memo
from wsis.taxonomy import models as taxonomy

CURRENCIES = sorted(list_currencies())


class CodeChoiceField(forms.ModelMultipleChoiceField):
    """Vocabulary entries chosen by code (`C5`, `9.c`), shown as "code — name"."""

    def __init__(self, queryset, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(queryset=queryset, to_field_name="code", **kwargs)

    def clean(self, value):
        if not value and not self.required:
            return []  # a list in every case, never an empty queryset
        return super().clean(value)

    def _check_values(self, value):
        # Checked against the vocabulary held in memory, not one query per field (a bulk
        # import validates every row with this form).
        by_key = memo.vocabulary(self.queryset.model).by(self.to_field_name)
        chosen = []
        for code in value:
            entry = by_key.get(str(code).strip())
            if entry is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": code},
                )
            if entry not in chosen:
                chosen.append(entry)
        return chosen

    def label_from_instance(self, obj):
        name = translated(
            getattr(obj, "name", None) or getattr(obj, "text", None) or getattr(obj, "short", None)
        )
        return f"{obj.code} — {name}" if name else obj.code


class CodeField(forms.ModelChoiceField):
    """One vocabulary entry chosen by code, checked against the vocabulary held in memory."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        entry = memo.vocabulary(self.queryset.model).by(self.to_field_name).get(str(value).strip())
        if entry is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return entry


class GoalChoiceField(CodeChoiceField):
    def __init__(self, **kwargs):
        super(CodeChoiceField, self).__init__(
            queryset=taxonomy.SDGGoal.objects.all(),
            to_field_name="number",
            required=False,
            **kwargs,
        )

    def label_from_instance(self, obj):
        return f"{obj.number} — {translated(obj.short)}"


class LinesField(forms.CharField):
    """One entry per line; the API may send a list instead."""

    def to_python(self, value):
        if isinstance(value, list | tuple):
            value = "\n".join(str(item) for item in value)
        return super().to_python(value)


_CJK_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def count_words(text: str) -> int:
    """Words separated by spaces; Chinese, written without spaces, counts two characters a word."""
    text = text or ""
    characters = len(_CJK_CHARACTER.findall(text))
    return len(_CJK_CHARACTER.sub(" ", text).split()) + (characters + 1) // 2


class InitiativeForm(BootstrapWidgets, forms.Form):
    """Every field of an initiative. A draft needs only a title and a language; `complete=True`
    (on submission) requires everything moderation needs."""

    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("What the initiative does and for whom, in at most 200 words."),
    )
    description = forms.CharField(
        label=_("Description"),
        widget=forms.Textarea(attrs={"rows": 10}),
        required=False,
        help_text=_(
            "Context, what was done and how, results, partners, lessons: at most 2,000 words."
        ),
    )
    language = forms.ChoiceField(label=_("Language of this text"), choices=Language.choices)
    organisation = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    stakeholder_type = CodeField(
        label=_("Stakeholder type"),
        queryset=taxonomy.StakeholderType.objects.all(),
        to_field_name="code",
        required=False,
    )
    countries = CodeChoiceField(taxonomy.Country.objects.all(), label=_("Countries"))
    regions = CodeChoiceField(taxonomy.Region.objects.all(), label=_("ITU regions"))
    scope = forms.ChoiceField(label=_("Scope"), choices=[("", "—"), *Scope.choices], required=False)
    start_date = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    work_state = forms.ChoiceField(
        label=_("State of the work"), choices=[("", "—"), *WorkState.choices], required=False
    )
    website = forms.URLField(
        label=_("Website"), max_length=500, required=False, assume_scheme="https"
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    partners = LinesField(
        label=_("Partners"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("One partner organisation per line."),
    )
    funding_amount = forms.DecimalField(
        label=_("Funding amount"), min_value=0, max_digits=15, decimal_places=2, required=False
    )
    funding_currency = forms.ChoiceField(
        label=_("Currency"), choices=[("", "—")] + [(c, c) for c in CURRENCIES], required=False
    )
    funding_source = forms.CharField(label=_("Source of funding"), max_length=300, required=False)
    target_groups = CodeChoiceField(taxonomy.TargetGroup.objects.all(), label=_("Target groups"))
    action_lines = CodeChoiceField(taxonomy.ActionLine.objects.all(), label=_("Action Lines"))
    sdg_goals = GoalChoiceField(label=_("SDG goals"))
    sdg_targets = CodeChoiceField(taxonomy.SDGTarget.objects.all(), label=_("SDG targets"))
    gdc_objectives = CodeChoiceField(taxonomy.GDCObjective.objects.all(), label=_("GDC objectives"))

    REQUIRED_TO_SUBMIT = (
        "summary",
        "organisation",
        "stakeholder_type",
        "scope",
        "work_state",
        "action_lines",
        "sdg_goals",
    )

    def __init__(self, *args, complete: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.complete = complete
        for field in self.fields.values():
            if isinstance(field.widget, forms.SelectMultiple):
                field.widget.attrs.setdefault("size", "8")

    def clean_summary(self):
        return self._limit_words("summary", SUMMARY_MAX_WORDS)

    def clean_description(self):
        return self._limit_words("description", DESCRIPTION_MAX_WORDS)

    def clean_partners(self):
        lines = [" ".join(line.split()) for line in self.cleaned_data["partners"].splitlines()]
        return [line[:200] for line in lines if line]

    def _limit_words(self, field: str, limit: int) -> str:
        text = self.cleaned_data[field].strip()
        words = count_words(text)
        if words > limit:
            raise ValidationError(
                ngettext(
                    "At most %(limit)d word, please; this text has %(words)d.",
                    "At most %(limit)d words, please; this text has %(words)d.",
                    limit,
                )
                % {"limit": limit, "words": words},
                code="too_many_words",
            )
        return text

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end cannot be before the start."))
        if data.get("funding_amount") is not None and not data.get("funding_currency"):
            self.add_error("funding_currency", _("Give the currency of the amount."))
        if data.get("sdg_targets"):
            # A target implies its goal.
            goals = {goal.pk for goal in data.get("sdg_goals") or []}
            goals |= {target.goal_id for target in data["sdg_targets"]}
            data["sdg_goals"] = [
                goal for goal in memo.vocabulary(taxonomy.SDGGoal).entries if goal.pk in goals
            ]
        if self.complete:
            self._require_complete(data)
        return data

    def _require_complete(self, data):
        for field in self.REQUIRED_TO_SUBMIT:
            if field not in self.errors and not data.get(field):
                message = {
                    "action_lines": _("Choose at least one Action Line."),
                    "sdg_goals": _("Choose at least one SDG goal."),
                }.get(field, _("This field is required to submit."))
                self.add_error(field, ValidationError(message, code="required"))
        if not data.get("countries") and not data.get("regions") and "countries" not in self.errors:
            self.add_error("countries", _("Give at least one country or region."))


class ImportForm(forms.Form):
    """A CSV or XLSX file of initiatives for the bulk import."""

    MAX_BYTES = 50 * 1024 * 1024

    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("The template's columns, or an export of this site. At most 50 MB."),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".csv,.xlsx"}),
    )
    organisation = forms.CharField(
        label=_("Organisation of rows that name none"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )
    dry_run = forms.BooleanField(
        label=_("Only check the file (write nothing)"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Upload a .csv or .xlsx file."), code="file_type")
        if upload.size > self.MAX_BYTES:
            raise ValidationError(_("The file is larger than 50 MB."), code="file_size")
        return upload

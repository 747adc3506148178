from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsis.accounts.choices import Role
from wsis.accounts.models import User
from wsis.core.forms import BootstrapWidgets
from wsis.prizes.choices import SCORE_MAX, SCORE_MIN, SECTIONS, Criterion, PhaseKind
from wsis.prizes.models import Edition, Entry
from wsis.prizes.services import RULES
from wsis.stocktaking.choices import Language
from wsis.stocktaking.models import Initiative


class EditionRulesForm(BootstrapWidgets, forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Accepted languages"), choices=Language.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Edition
        fields = ["year", *RULES]


class PhasesForm(BootstrapWidgets, forms.Form):
    """The five phases' opening and closing moments, typed in the secretariat's time zone."""

    time_zone = forms.CharField(label=_("Time zone"), initial="UTC")

    def __init__(self, *args, edition=None, **kwargs):
        super().__init__(*args, **kwargs)
        current = {phase.kind: phase for phase in edition.phases.all()} if edition else {}
        for kind, label in PhaseKind.choices:
            phase = current.get(kind)
            for end, end_label in (("opens", _("opens")), ("closes", _("closes"))):
                moment = getattr(phase, f"{end}_at", None) if phase else None
                self.fields[f"{kind}_{end}"] = forms.DateTimeField(
                    label=f"{label}: {end_label}",
                    required=False,
                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                    initial=timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")
                    if moment
                    else None,
                )

    def clean_time_zone(self):
        name = self.cleaned_data["time_zone"].strip() or "UTC"
        if name not in available_timezones() and name != "UTC":
            raise forms.ValidationError(_("Unknown time zone."))
        return name

    def schedule(self) -> dict:
        """`{kind: (opens, closes)}` for the phases given, as aware moments."""
        try:
            zone = ZoneInfo(self.cleaned_data.get("time_zone") or "UTC")
        except ZoneInfoNotFoundError:
            zone = ZoneInfo("UTC")
        result = {}
        for kind in PhaseKind.values:
            moments = [self.cleaned_data.get(f"{kind}_{end}") for end in ("opens", "closes")]
            if any(moments):
                result[kind] = tuple(_in_zone(value, zone) for value in moments)
        return result


def _in_zone(value, zone):
    """The wall-clock moment typed (read by Django in the server's zone) in `zone` instead."""
    if value is None:
        return None
    if timezone.is_aware(value):
        value = timezone.make_naive(value)
    return value.replace(tzinfo=zone)


class SpecialPrizeForm(BootstrapWidgets, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)


class EntryForm(BootstrapWidgets, forms.ModelForm):
    """An entry's parts; the initiative is one of the user's published initiatives."""

    initiative = forms.ModelChoiceField(label=_("Initiative"), queryset=None)
    category = forms.ChoiceField(label=_("Category"))

    class Meta:
        model = Entry
        fields = ["language", *SECTIONS, "at_end_of_major_phase"]
        widgets = {name: forms.Textarea(attrs={"rows": 4, "dir": "auto"}) for name in SECTIONS}

    def __init__(self, *args, edition, user, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["initiative"].queryset = Initiative.objects.filter(
            owner=user, status="published"
        ).order_by("title")
        self.fields["category"].choices = [
            (c.code, f"{c.code} · {c.display_name()}") for c in edition.categories.all()
        ]
        self.fields["language"].choices = [
            (code, name) for code, name in Language.choices if code in edition.languages
        ]
        self.fields["short_description"].help_text = _("For voters: {low} to {high} words.").format(
            low=edition.words_min, high=edition.words_max
        )
        self.order_fields(["initiative", "category", "language"])


class ReviewForm(BootstrapWidgets, forms.Form):
    reason = forms.CharField(
        label=_("Reason (sent to the entrant)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ExpertForm(BootstrapWidgets, forms.Form):
    """An expert of the jury to assign to an edition (users with the expert role not yet on it)."""

    expert = forms.ModelChoiceField(label=_("Expert"), queryset=None)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)

        self.fields["expert"].queryset = (
            User.objects.filter(role=Role.EXPERT, is_active=True)
            .exclude(prize_assignments__edition=edition)
            .order_by("email")
        )


class ScoreSheetForm(BootstrapWidgets, forms.Form):
    """One finalist's score on each published criterion, and an optional comment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in Criterion.choices:
            self.fields[name] = forms.IntegerField(
                label=label,
                min_value=SCORE_MIN,
                max_value=SCORE_MAX,
                widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
            )
        self.fields["comment"] = forms.CharField(
            label=_("Comment (for the secretariat)"),
            required=False,
            widget=forms.Textarea(attrs={"rows": 2, "dir": "auto", "class": "form-control"}),
        )

from django import forms
from django.utils.translation import gettext_lazy as _

from wsis.core.forms import BootstrapWidgets
from wsis.indicators.choices import AreaType, Location, Sex, ValueState
from wsis.indicators.models import Indicator
from wsis.roadmaps.choices import Direction


class ProgressForm(BootstrapWidgets, forms.Form):
    """A progress value as a facilitator records it; the rules are checked by
    `services.record_progress`, whose errors are shown beside these fields."""

    date = forms.DateField(
        label=_("Date of the value"), widget=forms.DateInput(attrs={"type": "date"})
    )
    state = forms.ChoiceField(
        label=_("State"), choices=ValueState.choices, initial=ValueState.REPORTED
    )
    value = forms.DecimalField(label=_("Value"), required=False, max_digits=20, decimal_places=4)
    source = forms.CharField(label=_("Source"), max_length=300, required=False)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class CodesField(forms.CharField):
    """SDG target codes typed as a list ("9.c, 17.8"); checked by the services."""

    def to_python(self, value):
        return [code for code in str(value or "").replace(",", " ").split() if code]

    def prepare_value(self, value):
        return " ".join(value) if isinstance(value, list | tuple) else value


def _sdg_field():
    return CodesField(
        label=_("SDG targets"),
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr"}),  # codes read left to right (9.c)
        help_text=_("Codes separated by spaces or commas, for example 9.c 17.8."),
    )


class RoadmapForm(BootstrapWidgets, forms.Form):
    """A roadmap's texts in the reader's language, and its SDG targets."""

    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    sdg_targets = _sdg_field()


class NewRoadmapForm(RoadmapForm):
    version = forms.IntegerField(label=_("Version (year)"), min_value=2000, max_value=2100)
    field_order = ["version", "title", "summary", "sdg_targets"]


class ObjectiveForm(BootstrapWidgets, forms.Form):
    text = forms.CharField(label=_("Objective"), max_length=1000)


class ActionForm(BootstrapWidgets, forms.Form):
    objective = forms.ModelChoiceField(label=_("Objective"), queryset=None)
    text = forms.CharField(label=_("Action"), max_length=1000)
    expected_result = forms.CharField(label=_("Expected result"), max_length=1000, required=False)
    partners = forms.CharField(label=_("Partners"), max_length=500, required=False)
    timeframe = forms.CharField(label=_("Timeframe"), max_length=60, required=False)

    def __init__(self, *args, roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = roadmap.objectives.all()


class TargetForm(BootstrapWidgets, forms.Form):
    objective = forms.ModelChoiceField(label=_("Objective"), queryset=None, required=False)
    text = forms.CharField(label=_("Target"), max_length=1000)
    indicator = forms.ModelChoiceField(label=_("Indicator"), queryset=None, to_field_name="code")
    area_type = forms.ChoiceField(label=_("Area type"), choices=AreaType.choices)
    area_code = forms.CharField(
        label=_("Area"), max_length=10, initial="WLD", widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices)
    location = forms.ChoiceField(label=_("Urban or rural"), choices=Location.choices)
    age = forms.CharField(
        label=_("Age group"),
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"dir": "ltr"}),
    )
    direction = forms.ChoiceField(label=_("Direction"), choices=Direction.choices)
    baseline_value = forms.DecimalField(label=_("Baseline value"), max_digits=20, decimal_places=4)
    baseline_date = forms.DateField(
        label=_("Baseline date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    baseline_source = forms.CharField(label=_("Baseline source"), max_length=300, required=False)
    target_value = forms.DecimalField(label=_("Target value"), max_digits=20, decimal_places=4)
    target_date = forms.DateField(
        label=_("Target date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    sdg_targets = _sdg_field()

    def __init__(self, *args, roadmap, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = roadmap.objectives.all()
        self.fields["indicator"].queryset = Indicator.objects.all()

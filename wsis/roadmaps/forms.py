from django import forms
from django.utils.translation import gettext_lazy as _

from wsis.core.forms import BootstrapWidgets
from wsis.indicators.choices import ValueState


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

"""What every form of the platform shares."""

from django import forms


class BootstrapWidgets:
    """Gives each field's widget Bootstrap's class (a select, a check box or another input),
    unless the form set one: the pages render fields one by one, so the widgets carry it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                continue  # rendered as a list of their own
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select | forms.SelectMultiple):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs.setdefault("class", css)

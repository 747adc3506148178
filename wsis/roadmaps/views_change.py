"""Changing and removing what a roadmap holds: an objective, an action, a target, a recorded
value. Each change page is the add-form prefilled (texts in the page's language, the other
languages kept) and calls one service; each removal is a confirmation page saying what goes,
then a POST. Who may: `policies.can_edit` for the roadmap's Action Line, nobody else."""

from decimal import Decimal
from operator import attrgetter

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from wsis.core.i18n import data_language, translated
from wsis.roadmaps import policies, services
from wsis.roadmaps.forms import ActionForm, ObjectiveForm, ProgressForm, TargetForm
from wsis.roadmaps.models import Action, Objective, Progress, Target
from wsis.roadmaps.views_edit import _add_errors


def plain(value: Decimal | None) -> str | None:
    """A stored figure as typed: 57, not 57.0000 (nor 5.7E+1)."""
    return None if value is None else f"{value.normalize():f}"


def own_text(texts: dict, language: str, typed: str) -> dict:
    """The text typed for `language`; nothing when it is the fallback shown unchanged (the
    form shows the English text where `language` has none: saving it must not copy it)."""
    if language not in texts and typed.strip() == translated(texts, language):
        return {}
    return {language: typed}


class _RoadmapPart(View):
    """An object of a roadmap, found and checked against the roadmap's Action Line."""

    model = None
    roadmap_path = "roadmap"  # from the object to its roadmap
    related = ("roadmap__action_line",)

    def get_object(self, request, pk: int):
        found = get_object_or_404(self.model.objects.select_related(*self.related), pk=pk)
        if not policies.can_edit(request.user, self.roadmap(found).action_line):
            raise PermissionDenied
        return found

    def roadmap(self, found):
        return attrgetter(self.roadmap_path)(found)

    def done(self, request, found, message):
        messages.success(request, message)
        return redirect(self.roadmap(found).get_absolute_url())


class ChangeView(_RoadmapPart):
    template_name = "roadmaps/change_form.html"
    form_class = None
    title = ""
    has_texts = True  # texts saved in the page's language: say so

    def subject(self, found) -> str:
        """What the form changes, shown above it where the title does not say."""
        return ""

    def make_form(self, found, **kwargs):
        return self.form_class(**kwargs)

    def initial(self, found, language: str) -> dict:
        raise NotImplementedError

    def apply(self, actor, found, data: dict, language: str) -> None:
        raise NotImplementedError

    def render(self, request, found, form, status=200):
        context = {
            "object": found,
            "roadmap": self.roadmap(found),
            "form": form,
            "title": self.title,
            "has_texts": self.has_texts,
            "subject": self.subject(found),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk: int):
        found = self.get_object(request, pk)
        form = self.make_form(found, initial=self.initial(found, data_language()))
        return self.render(request, found, form)

    def post(self, request, pk: int):
        found = self.get_object(request, pk)
        form = self.make_form(found, data=request.POST)
        if form.is_valid():
            try:
                self.apply(request.user, found, form.cleaned_data, data_language())
            except ValidationError as error:
                _add_errors(form, error)
            else:
                return self.done(request, found, _("Saved."))
        return self.render(request, found, form, status=422)


class RemoveView(_RoadmapPart):
    template_name = "roadmaps/remove_confirm.html"
    title = ""
    service = None

    def consequences(self, found) -> list[str]:
        """What goes, in sentences."""
        raise NotImplementedError

    def kept(self, found) -> list[str]:
        """What stays though one might think it goes."""
        return []

    def get(self, request, pk: int):
        found = self.get_object(request, pk)
        context = {
            "object": found,
            "roadmap": self.roadmap(found),
            "title": self.title,
            "consequences": self.consequences(found),
            "kept": self.kept(found),
        }
        return render(request, self.template_name, context)

    def post(self, request, pk: int):
        found = self.get_object(request, pk)
        self.service(request.user, found)
        return self.done(request, found, _("Removed."))


class ObjectiveChangeView(ChangeView):
    model, form_class, title = Objective, ObjectiveForm, gettext_lazy("Change the objective")

    def initial(self, found, language):
        return {"text": translated(found.text, language)}

    def apply(self, actor, found, data, language):
        services.change_objective(actor, found, own_text(found.text, language, data["text"]))


class ObjectiveRemoveView(RemoveView):
    model, title = Objective, gettext_lazy("Remove the objective")
    service = staticmethod(services.remove_objective)

    def consequences(self, found):
        actions = found.actions.count()
        said = [_("The objective “{text}”.").format(text=translated(found.text))]
        if actions:
            said.append(
                ngettext("Its {count} action.", "Its {count} actions.", actions).format(
                    count=actions
                )
            )
        return said

    def kept(self, found):
        targets = found.targets.count()
        if not targets:
            return []
        return [
            ngettext(
                "Its {count} target stays, under no objective.",
                "Its {count} targets stay, under no objective.",
                targets,
            ).format(count=targets)
        ]


class ActionChangeView(ChangeView):
    model, form_class, title = Action, ActionForm, gettext_lazy("Change the action")
    roadmap_path, related = "objective.roadmap", ("objective__roadmap__action_line",)

    def make_form(self, found, **kwargs):
        return self.form_class(roadmap=found.objective.roadmap, **kwargs)

    def initial(self, found, language):
        return {
            "objective": found.objective,
            "text": translated(found.text, language),
            "expected_result": translated(found.expected_result, language),
            "partners": found.partners,
            "timeframe": found.timeframe,
        }

    def apply(self, actor, found, data, language):
        services.change_action(
            actor,
            found,
            objective=data["objective"],
            text=own_text(found.text, language, data["text"]),
            expected_result=own_text(found.expected_result, language, data["expected_result"]),
            partners=data["partners"],
            timeframe=data["timeframe"],
        )


class ActionRemoveView(RemoveView):
    model, title = Action, gettext_lazy("Remove the action")
    roadmap_path, related = "objective.roadmap", ("objective__roadmap__action_line",)
    service = staticmethod(services.remove_action)

    def consequences(self, found):
        return [_("The action “{text}”.").format(text=translated(found.text))]


class TargetChangeView(ChangeView):
    model, form_class, title = Target, TargetForm, gettext_lazy("Change the target")
    related = ("roadmap__action_line", "indicator")

    def make_form(self, found, **kwargs):
        return self.form_class(roadmap=found.roadmap, **kwargs)

    def initial(self, found, language):
        return {
            **{name: getattr(found, name) for name in services.TARGET_FIELDS},
            "text": translated(found.text, language),
            "baseline_value": plain(found.baseline_value),
            "target_value": plain(found.target_value),
            "indicator": found.indicator,
            "sdg_targets": [t.code for t in found.sdg_targets.all()],
        }

    def apply(self, actor, found, data, language):
        text, indicator = data.pop("text"), data.pop("indicator")
        text = own_text(found.text, language, text)
        services.change_target(actor, found, indicator=indicator.code, text=text, **data)


class TargetRemoveView(RemoveView):
    model, title = Target, gettext_lazy("Remove the target")
    service = staticmethod(services.remove_target)

    def consequences(self, found):
        values = found.progress.count()
        said = [_("The target “{text}”.").format(text=str(found))]
        if values:
            said.append(
                ngettext(
                    "The {count} value recorded for it.",
                    "The {count} values recorded for it.",
                    values,
                ).format(count=values)
            )
        return said


class ProgressChangeView(ChangeView):
    model, form_class, title = Progress, ProgressForm, gettext_lazy("Correct a recorded value")
    roadmap_path, related = "target.roadmap", ("target__roadmap__action_line", "target__indicator")

    has_texts = False

    def subject(self, found):
        return _(
            "{target} — baseline {baseline} ({baseline_date}), target {value} ({date})"
        ).format(
            target=str(found.target),
            baseline=plain(found.target.baseline_value),
            baseline_date=found.target.baseline_date.isoformat(),
            value=plain(found.target.target_value),
            date=found.target.target_date.isoformat(),
        )

    def initial(self, found, language):
        initial = {name: getattr(found, name) for name in services.PROGRESS_FIELDS}
        return initial | {"value": plain(found.value)}

    def apply(self, actor, found, data, language):
        services.correct_progress(actor, found, **data)


class ProgressRemoveView(RemoveView):
    model, title = Progress, gettext_lazy("Remove a recorded value")
    roadmap_path, related = "target.roadmap", ("target__roadmap__action_line", "target__indicator")
    service = staticmethod(services.remove_progress)

    def consequences(self, found):
        if found.has_value:
            value = _("the value {value}").format(value=plain(found.value))
        else:
            value = _("“no data”")
        return [
            _("What was recorded for {date} ({value}) for the target “{target}”.").format(
                date=found.date.isoformat(), value=value, target=str(found.target)
            )
        ]

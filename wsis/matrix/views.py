"""The matrix pages: the heat map and cells, the gaps, and a cell's page, form and deletion.
Thin: what is shown comes from `overview`, every change from `services`."""

from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from wsis.core.events import events_for
from wsis.core.i18n import DATA_LANGUAGES, data_language
from wsis.matrix import evidence, overview, policies, services
from wsis.matrix.forms import CellForm
from wsis.matrix.models import MatrixCell
from wsis.taxonomy import memo
from wsis.taxonomy.models import ActionLine


def _int_or_none(value) -> int | None:
    return int(value) if value and value.isdigit() else None


class MatrixView(TemplateView):
    template_name = "matrix/matrix.html"

    def get_context_data(self, **kwargs):
        language = data_language()
        line = self.request.GET.get("action_line") or None
        goal = _int_or_none(self.request.GET.get("sdg_goal"))
        shown = overview.matrix(language, line, goal)
        heat = shown["heatmap"]
        editable = set(policies.editable_lines(self.request.user).values_list("code", flat=True))
        return super().get_context_data(
            cells=shown["cells"],
            heatmap=heat,
            chart={
                "columns": [asdict(c) for c in heat["columns"]],
                "rows": [{"code": r["code"], "cells": r["cells"]} for r in heat["rows"]],
            },
            editable=editable,
            action_lines=memo.vocabulary(ActionLine).entries,
            selected_line=line or "",
            selected_goal=goal,
            goals=range(1, 18),
            **kwargs,
        )


class GapsView(TemplateView):
    template_name = "matrix/gaps.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(gaps=overview.gaps(data_language()), **kwargs)


def cell_detail(request, pk: int):
    cell = get_object_or_404(
        MatrixCell.objects.select_related(
            "action_line", "sdg_goal", "sdg_target", "gdc_objective", "maintained_by"
        ),
        pk=pk,
    )
    count = evidence.cell_counts([cell])[cell.pk]
    return render(
        request,
        "matrix/cell_detail.html",
        {
            "cell": cell,
            "record": overview.cell_record(cell, count, data_language()),
            "rationales": [
                (code, cell.rationale[code]) for code in DATA_LANGUAGES if code in cell.rationale
            ],
            "events": events_for(cell)[:20],
            "can_edit": policies.can_edit(request.user, cell),
        },
    )


def _refuse_unless(request, allowed: bool):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not allowed:
        raise PermissionDenied
    return None


def cell_form(request, pk: int | None = None):
    """Add a cell, or change one; the rationale is edited one language at a time."""
    cell = get_object_or_404(MatrixCell, pk=pk) if pk else None
    refused = _refuse_unless(
        request,
        policies.can_edit(request.user, cell) if cell else policies.can_edit_any(request.user),
    )
    if refused:
        return refused
    language = request.GET.get("language") or data_language()
    if request.method == "POST":
        form = CellForm(request.POST)
        try:
            if cell:
                cell = services.update_cell(request.user, cell, request.POST.dict())
            else:
                cell = services.create_cell(request.user, request.POST.dict())
        except ValidationError as error:
            form.is_valid()
            for name, errors in error.message_dict.items():
                if name in form.fields and name not in form.errors:
                    form.add_error(name, errors)
        except PermissionDenied as error:
            form.is_valid()
            form.add_error("action_line", str(error))
        else:
            messages.success(request, _("The cell is saved."))
            return redirect("matrix:cell", pk=cell.pk)
    else:
        initial = (
            services.cell_data(cell)
            if cell
            else {"action_line": request.GET.get("action_line", "")}
        )
        initial |= {
            "language": language,
            "rationale": cell.rationale.get(language, "") if cell else "",
        }
        form = CellForm(initial=initial)
    lines = policies.editable_lines(request.user)
    form.fields["action_line"].queryset = lines
    return render(
        request,
        "matrix/cell_form.html",
        {"form": form, "cell": cell, "languages": DATA_LANGUAGES, "language": language},
    )


@require_POST
def cell_delete(request, pk: int):
    cell = get_object_or_404(MatrixCell, pk=pk)
    refused = _refuse_unless(request, policies.can_edit(request.user, cell))
    if refused:
        return refused
    services.delete_cell(request.user, cell)
    messages.success(request, _("The cell is deleted."))
    return redirect(reverse("matrix:index"))

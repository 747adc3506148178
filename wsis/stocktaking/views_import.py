"""The moderators' bulk import page, the import template and the open-data package."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django_ratelimit.decorators import ratelimit

from wsis.core.i18n import data_language
from wsis.stocktaking import imports, open_data, policies
from wsis.stocktaking.exports import FORMATS
from wsis.stocktaking.forms import ImportForm


@method_decorator(login_required, name="dispatch")
@method_decorator(ratelimit(key="user", rate="30/h", method="POST", block=True), name="post")
class ImportView(View):
    template_name = "stocktaking/import.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not policies.is_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self._page(request, ImportForm())

    def post(self, request):
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._page(request, form, status=400)
        upload = form.cleaned_data["file"]
        report = imports.import_initiatives(
            request.user,
            upload.name,
            upload.read(),
            organisation=form.cleaned_data["organisation"],
            dry_run=form.cleaned_data["dry_run"],
            parallel=False,  # a web server's process must not fork
        )
        return self._page(
            request,
            form,
            report=report,
            dry_run=form.cleaned_data["dry_run"],
            status=200 if report.ok else 422,
        )

    def _page(self, request, form, status=200, **context):
        context |= {"form": form, "columns": imports.COLUMNS, "code_sheets": imports.CODE_SHEETS}
        return render(request, self.template_name, context, status=status)


def template_csv(request):
    response = HttpResponse(imports.template_csv(), content_type=FORMATS["csv"])
    response["Content-Disposition"] = 'attachment; filename="wsis-initiatives-template.csv"'
    return response


def template_xlsx(request):
    return FileResponse(
        imports.template_xlsx(data_language()),
        as_attachment=True,
        filename="wsis-initiatives-template.xlsx",
        content_type=FORMATS["xlsx"],
    )


def open_data_package(request):
    """The open-data package as last built (`export_open_data --site`)."""
    archive = Path(settings.OPEN_DATA_DIR) / open_data.ARCHIVE
    if not archive.is_file():
        raise Http404(_("The open-data package has not been built yet."))
    return FileResponse(archive.open("rb"), as_attachment=True, filename=open_data.ARCHIVE)

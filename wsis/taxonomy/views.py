"""Public pages, one per vocabulary."""

from django.views.generic import ListView, TemplateView

from wsis.taxonomy import models, services


class VocabularyIndexView(TemplateView):
    template_name = "taxonomy/index.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(counts=services.vocabulary_counts(), **kwargs)


class ActionLineListView(ListView):
    template_name = "taxonomy/action_lines.html"
    context_object_name = "action_lines"

    def get_queryset(self):
        return services.action_lines()


class PrizeCategoryListView(ListView):
    template_name = "taxonomy/prize_categories.html"
    context_object_name = "categories"

    def get_queryset(self):
        return services.prize_categories()


class SDGListView(ListView):
    template_name = "taxonomy/sdgs.html"
    context_object_name = "goals"

    def get_queryset(self):
        return services.sdg_goals(with_targets=True)


class GDCObjectiveListView(ListView):
    template_name = "taxonomy/gdc_objectives.html"
    context_object_name = "objectives"
    queryset = models.GDCObjective.objects.all()


class SimpleVocabularyView(ListView):
    """Stakeholder types, target groups, ITU regions: a code and a name each."""

    template_name = "taxonomy/simple_vocabulary.html"
    context_object_name = "entries"
    title = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=self.title, **kwargs)


class CountryListView(ListView):
    template_name = "taxonomy/countries.html"
    context_object_name = "countries"

    def get_queryset(self):
        return services.countries(
            region=self.request.GET.get("region") or None,
            group=self.request.GET.get("group") or None,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Sorted by the name in the reader's language, not by code.
        context["countries"] = sorted(context["countries"], key=lambda c: str(c).casefold())
        context["regions"] = models.Region.objects.all()
        context["groups"] = models.CountryGroup.objects.all()
        context["selected_region"] = self.request.GET.get("region", "")
        context["selected_group"] = self.request.GET.get("group", "")
        return context

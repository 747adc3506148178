from django.urls import path
from django.utils.translation import gettext_lazy as _

from wsis.taxonomy import models, views

app_name = "taxonomy"
urlpatterns = [
    path("", views.VocabularyIndexView.as_view(), name="index"),
    path("action-lines/", views.ActionLineListView.as_view(), name="action-lines"),
    path("prize-categories/", views.PrizeCategoryListView.as_view(), name="prize-categories"),
    path("sdgs/", views.SDGListView.as_view(), name="sdgs"),
    path("gdc-objectives/", views.GDCObjectiveListView.as_view(), name="gdc-objectives"),
    path(
        "stakeholder-types/",
        views.SimpleVocabularyView.as_view(
            queryset=models.StakeholderType.objects.all(), title=_("Stakeholder types")
        ),
        name="stakeholder-types",
    ),
    path(
        "regions/",
        views.SimpleVocabularyView.as_view(
            queryset=models.Region.objects.all(), title=_("ITU regions")
        ),
        name="regions",
    ),
    path(
        "target-groups/",
        views.SimpleVocabularyView.as_view(
            queryset=models.TargetGroup.objects.all(), title=_("Target groups")
        ),
        name="target-groups",
    ),
    path("countries/", views.CountryListView.as_view(), name="countries"),
]

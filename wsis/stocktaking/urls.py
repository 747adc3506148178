from django.urls import path

from wsis.stocktaking import views, views_import, views_moderation
from wsis.stocktaking.feeds import NewInitiativesFeed

app_name = "stocktaking"
urlpatterns = [
    path("initiatives/", views.InitiativeListView.as_view(), name="list"),
    path("initiatives/new/", views.InitiativeStepView.as_view(), name="create"),
    path("initiatives/feed/", NewInitiativesFeed(), name="feed"),
    path("initiatives/<int:pk>/", views.InitiativeDetailView.as_view(), name="detail"),
    path("initiatives/<int:pk>/edit/<slug:step>/", views.InitiativeStepView.as_view(), name="edit"),
    path("initiatives/<int:pk>/submit/", views.submit, name="submit"),
    path("initiatives/<int:pk>/translations/", views.translate, name="translate"),
    path(
        "initiatives/<int:pk>/progress-reports/", views.file_progress_report, name="progress-report"
    ),
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("moderation/", views_moderation.ModerationQueueView.as_view(), name="moderation"),
    path("moderation/<int:pk>/<slug:decision>/", views_moderation.decide, name="decide"),
    path("moderation/import/", views_import.ImportView.as_view(), name="import"),
    path("initiatives/open-data.zip", views_import.open_data_package, name="open-data"),
    path("initiatives/import-template.csv", views_import.template_csv, name="import-template-csv"),
    path(
        "initiatives/import-template.xlsx",
        views_import.template_xlsx,
        name="import-template-xlsx",
    ),
]

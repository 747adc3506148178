from django.urls import path

from wsis.search import views

app_name = "search"
urlpatterns = [
    path("suggestions/", views.suggestions_panel, name="suggestions"),
    path(
        "moderation/<int:pk>/not-duplicate/<int:other>/",
        views.dismiss_duplicate,
        name="dismiss-duplicate",
    ),
]

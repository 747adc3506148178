from django.urls import path

from wsis.roadmaps import views

app_name = "roadmaps"
urlpatterns = [
    path("roadmaps/", views.RoadmapListView.as_view(), name="list"),
    path(
        "roadmaps/targets/<int:target_id>/progress/",
        views.ProgressCreateView.as_view(),
        name="progress",
    ),
    path("roadmaps/<str:code>/", views.RoadmapDetailView.as_view(), name="detail"),
]

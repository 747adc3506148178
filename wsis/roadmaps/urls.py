from django.urls import path

from wsis.roadmaps import views, views_edit

app_name = "roadmaps"
urlpatterns = [
    path("roadmaps/", views.RoadmapListView.as_view(), name="list"),
    path(
        "roadmaps/targets/<int:target_id>/progress/",
        views.ProgressCreateView.as_view(),
        name="progress",
    ),
    path("roadmaps/<str:code>/", views.RoadmapDetailView.as_view(), name="detail"),
    path("roadmaps/<str:code>/new/", views_edit.RoadmapCreateView.as_view(), name="create"),
    path(
        "roadmaps/<str:code>/<int:version>/edit/",
        views_edit.RoadmapEditView.as_view(),
        name="edit",
    ),
]

from django.urls import path

from wsis.roadmaps import views, views_change, views_edit

app_name = "roadmaps"
urlpatterns = [
    path("roadmaps/", views.RoadmapListView.as_view(), name="list"),
    path(
        "roadmaps/targets/<int:target_id>/progress/",
        views.ProgressCreateView.as_view(),
        name="progress",
    ),
    # Before "<code>/<version>/edit/", which "objectives/1/edit/" would match.
    *[
        path(f"roadmaps/{part}/<int:pk>/{verb}/", view.as_view(), name=f"{name}-{verb}")
        for part, name, verb, view in [
            ("objectives", "objective", "edit", views_change.ObjectiveChangeView),
            ("objectives", "objective", "remove", views_change.ObjectiveRemoveView),
            ("actions", "action", "edit", views_change.ActionChangeView),
            ("actions", "action", "remove", views_change.ActionRemoveView),
            ("targets", "target", "edit", views_change.TargetChangeView),
            ("targets", "target", "remove", views_change.TargetRemoveView),
            ("progress", "progress", "edit", views_change.ProgressChangeView),
            ("progress", "progress", "remove", views_change.ProgressRemoveView),
        ]
    ],
    path("roadmaps/<str:code>/", views.RoadmapDetailView.as_view(), name="detail"),
    path("roadmaps/<str:code>/new/", views_edit.RoadmapCreateView.as_view(), name="create"),
    path(
        "roadmaps/<str:code>/<int:version>/edit/",
        views_edit.RoadmapEditView.as_view(),
        name="edit",
    ),
]

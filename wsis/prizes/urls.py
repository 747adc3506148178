from django.urls import path

from wsis.prizes import views, views_selection

app_name = "prizes"
urlpatterns = [
    path("prizes/", views.EditionListView.as_view(), name="list"),
    path("prizes/new/", views.EditionCreateView.as_view(), name="create"),
    path("prizes/<int:year>/", views.EditionDetailView.as_view(), name="detail"),
    path("prizes/<int:year>/manage/", views.EditionManageView.as_view(), name="manage"),
    path("prizes/<int:year>/enter/", views.EnterView.as_view(), name="enter"),
    path("prizes/<int:year>/mine/", views.MyEntriesView.as_view(), name="my-entries"),
    path("prizes/<int:year>/review/", views.ReviewView.as_view(), name="review"),
    path("prizes/<int:year>/nominees/", views.NomineesView.as_view(), name="nominees"),
    path("prizes/<int:year>/vote/", views.VoteView.as_view(), name="vote"),
    path("prizes/<int:year>/integrity/", views.IntegrityView.as_view(), name="integrity"),
    path("prizes/<int:year>/statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("prizes/<int:year>/experts/", views_selection.ExpertsView.as_view(), name="experts"),
    path("prizes/<int:year>/scoring/", views_selection.ScoringView.as_view(), name="scoring"),
    path("prizes/<int:year>/selection/", views_selection.SelectionView.as_view(), name="selection"),
    path("prizes/<int:year>/results/", views_selection.ResultsView.as_view(), name="results"),
    path(
        "prizes/<int:year>/results/notify/",
        views_selection.NotifyAwardeesView.as_view(),
        name="notify-awardees",
    ),
    path(
        "prizes/<int:year>/results/<str:code>/",
        views_selection.ResultsView.as_view(),
        name="category-results",
    ),
    path(
        "prizes/<int:year>/certificates/<int:award_id>.pdf",
        views_selection.certificate,
        name="certificate",
    ),
]

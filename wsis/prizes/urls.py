from django.urls import path

from wsis.prizes import views

app_name = "prizes"
urlpatterns = [
    path("prizes/", views.EditionListView.as_view(), name="list"),
    path("prizes/new/", views.EditionCreateView.as_view(), name="create"),
    path("prizes/<int:year>/", views.EditionDetailView.as_view(), name="detail"),
    path("prizes/<int:year>/manage/", views.EditionManageView.as_view(), name="manage"),
]

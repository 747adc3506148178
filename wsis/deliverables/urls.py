from django.urls import path

from wsis.deliverables import views

app_name = "deliverables"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<slug:code>/", views.detail, name="detail"),
    path("<slug:code>/update/", views.update, name="update"),
]

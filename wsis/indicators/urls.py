from django.urls import path

from wsis.indicators import views

app_name = "indicators"
urlpatterns = [
    path("indicators/", views.IndicatorListView.as_view(), name="list"),
    path("indicators/gaps/", views.GapView.as_view(), name="gaps"),
    path("indicators/countries/<str:code>/", views.CountryView.as_view(), name="country"),
    path("indicators/<slug:code>/", views.IndicatorDetailView.as_view(), name="detail"),
]

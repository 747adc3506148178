from django.urls import path

from wsis.matrix import views

app_name = "matrix"
urlpatterns = [
    path("", views.MatrixView.as_view(), name="index"),
    path("gaps/", views.GapsView.as_view(), name="gaps"),
    path("cells/new/", views.cell_form, name="cell-new"),
    path("cells/<int:pk>/", views.cell_detail, name="cell"),
    path("cells/<int:pk>/edit/", views.cell_form, name="cell-edit"),
    path("cells/<int:pk>/delete/", views.cell_delete, name="cell-delete"),
]

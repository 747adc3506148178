from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from wsis.core import views as core_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("api/v1/", include("wsis.api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", core_views.HomeView.as_view(), name="home"),
    path("vocabularies/", include("wsis.taxonomy.urls")),
    path("", include("wsis.stocktaking.urls")),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("wsis.accounts.urls")),
)

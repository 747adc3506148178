from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.views.i18n import set_language

from wsis.core import views as core_views
from wsis.stocktaking.sitemaps import InitiativeSitemap

SITEMAPS = {"initiatives": InitiativeSitemap}

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("sitemap.xml", sitemap_views.index, {"sitemaps": SITEMAPS}, name="sitemap-index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("api/v1/", include("wsis.api.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
]
urlpatterns += i18n_patterns(
    path("", core_views.HomeView.as_view(), name="home"),
    path("vocabularies/", include("wsis.taxonomy.urls")),
    path("", include("wsis.stocktaking.urls")),
    path("", include("wsis.search.urls")),
    path("", include("wsis.prizes.urls")),
    path("matrix/", include("wsis.matrix.urls")),
    path("deliverables/", include("wsis.deliverables.urls")),
    path("", include("wsis.indicators.urls")),
    path("", include("wsis.roadmaps.urls")),
    path("accounts/", include("allauth.urls")),
    path("accounts/", include("wsis.accounts.urls")),
)

"""sitemap.xml: every published initiative, in each of the six interface languages."""

from django.contrib.sitemaps import Sitemap

from wsis.stocktaking.filters import published


class InitiativeSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"
    limit = 5000  # URLs per sitemap page, six languages each: well under the 50,000 maximum

    def items(self):
        return published().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

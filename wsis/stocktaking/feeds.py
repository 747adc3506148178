"""The Atom feed of newly published initiatives, optionally for one Action Line or region."""

from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from wsis.core.i18n import data_language
from wsis.stocktaking.listing import filtered

FEED_LENGTH = 50


class NewInitiativesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request):
        params = {k: request.GET.getlist(k) for k in ("action_line", "region") if k in request.GET}
        try:
            return {"initiatives": filtered(params), "params": params}
        except ValidationError as error:
            raise Http404(error.messages) from error

    def title(self, obj):
        chosen = ", ".join(code for codes in obj["params"].values() for code in codes)
        return _("WSIS Stocktaking: new initiatives") + (f" ({chosen})" if chosen else "")

    def subtitle(self, obj):
        return _("Initiatives newly published in the WSIS Stocktaking.")

    def link(self, obj):
        return reverse("stocktaking:list")

    def items(self, obj):
        return (
            obj["initiatives"]
            .select_related("organisation")
            .prefetch_related("translations")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.version_in(data_language()).title

    def item_description(self, item):
        return item.version_in(data_language()).summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.organisation.name if item.organisation_id else None

    def item_categories(self, item):
        return [line.code for line in item.action_lines.all()]

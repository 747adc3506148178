from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "wsis.taxonomy"
    verbose_name = _("Vocabularies")

    def ready(self):
        from wsis.taxonomy import memo

        def changed(**_kwargs):
            memo.invalidate()

        for model in self.get_models():
            post_save.connect(changed, sender=model, weak=False)
            post_delete.connect(changed, sender=model, weak=False)
        m2m_changed.connect(changed, sender=self.get_model("Country").groups.through, weak=False)

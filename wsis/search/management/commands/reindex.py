from django.core.management.base import BaseCommand
from tqdm import tqdm

from wsis.search import fulltext, labels, suggestions, vectors
from wsis.search.embeddings import embedder
from wsis.search.neutral import neutraliser
from wsis.stocktaking.choices import Status
from wsis.stocktaking.models import Initiative


class Command(BaseCommand):
    help = (
        "Rebuild the search indexes: the full-text terms of every published initiative (after "
        "changing text rules) and the vectors of every published or submitted initiative "
        "(only those whose text or model changed, unless --all-vectors), and the vectors of "
        "the tag descriptions that suggestions compare texts with."
    )

    def add_arguments(self, parser):
        parser.add_argument("--text-only", action="store_true", help="Only the full-text index.")
        parser.add_argument("--vectors-only", action="store_true", help="Only the vectors.")
        parser.add_argument(
            "--all-vectors", action="store_true", help="Recompute every vector, changed or not."
        )

    def _bar(self, description):
        bar = tqdm(desc=description, unit=" initiatives", file=self.stderr, dynamic_ncols=True)

        def progress(done, total):
            bar.total = total
            bar.update(done - bar.n)

        return bar, progress

    def handle(self, *args, **options):
        if not options["vectors_only"]:
            bar, progress = self._bar("full-text index")
            with bar:
                total = fulltext.reindex_all(
                    Initiative.objects.filter(status=Status.PUBLISHED), progress=progress
                )
            self.stdout.write(f"Indexed the text of {total:,} published initiatives.")
        if not options["text_only"]:
            ids = Initiative.objects.filter(
                status__in=[Status.PUBLISHED, Status.SUBMITTED]
            ).values_list("pk", flat=True)
            if options["all_vectors"]:
                vectors.forget(ids)
            bar, progress = self._bar("vectors")
            with bar:
                total = vectors.embed(list(ids), progress=progress)
            self.stdout.write(f"Computed {total:,} vectors (the others were up to date).")
            # Computed once per set of texts and model, then read from SEARCH_CACHE_DIR.
            self.stdout.write("Preparing the tag descriptions and the languages' means…")
            neutraliser()
            labels.label_sets()
            suggestions.category_sharpness(embedder().name)
        self.stdout.write(self.style.SUCCESS("Search indexes are up to date."))

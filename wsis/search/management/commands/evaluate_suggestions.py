from django.core.management.base import BaseCommand, CommandError

from wsis.search import evaluation, labels


class Command(BaseCommand):
    help = (
        "Top-1 and top-3 accuracy of the suggested prize category over a JSON Lines file "
        '({"text": ..., "category": "C7-e-health", "lang": "ar"} per line), overall and per '
        "language, beside a TF-IDF baseline computed in the same run."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON Lines file")

    def handle(self, *args, **options):
        codes = labels.label_sets()["prize_categories"].codes
        try:
            examples, problems = evaluation.read_examples(options["file"], set(codes))
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}") from error
        if problems:
            raise CommandError("Nothing evaluated:\n" + "\n".join(problems))
        if not examples:
            raise CommandError("The file holds no example.")
        results = evaluation.evaluate(examples)
        for line in evaluation.report(results, examples):
            self.stdout.write(line)

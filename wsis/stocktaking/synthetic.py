"""Synthetic published initiatives for load tests and benchmarks (`generate_initiatives N`).

Written straight to the tables in bulk (not through the services, which would take hours for
100,000 rows), with the same facet rows and search terms the services would produce.
"""

import random
import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from functools import cache

from django.db import connection, transaction
from django.utils import timezone

from wsis.accounts.models import Organisation, User
from wsis.core.text import index_terms
from wsis.search.models import SearchDocument
from wsis.stocktaking import demo
from wsis.stocktaking.choices import Scope, Status, WorkState
from wsis.stocktaking.facets import country_groups, encode, facet_pairs
from wsis.stocktaking.models import (
    Facet,
    Initiative,
    InitiativeActionLine,
    InitiativeSDGGoal,
    InitiativeSDGTarget,
)
from wsis.taxonomy import models as taxonomy

_WORD = re.compile(r"[^\W\d_]+")
LANGUAGES = ["en"] * 4 + ["fr", "es", "ar", "ar", "ru", "zh"]


@cache
def vocabulary() -> dict[str, tuple[list[str], list[int]]]:
    """Words of each language with their frequencies in the demo initiatives (written for this
    project), so that synthetic texts have a natural, Zipf-like spread of common and rare words."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for entry in demo.entries():
        text = " ".join((entry["title"], entry["summary"], entry["description"]))
        words = _WORD.findall(text.lower())
        if entry["language"] == "zh":  # Chinese runs are whole phrases: take two characters a word
            words = [run[i : i + 2] for run in words for i in range(0, len(run) - 1, 2)]
        counts[entry["language"]].update(words)
    return {language: (list(c), list(c.values())) for language, c in counts.items()}


def _text(rng: random.Random, language: str, count: int) -> str:
    words, weights = vocabulary()[language]
    return ("" if language == "zh" else " ").join(rng.choices(words, weights, k=count))


@transaction.atomic
def generate(count: int, seed: int = 2026, batch: int = 2000) -> int:
    """Create `count` published initiatives; returns how many exist afterwards."""
    rng = random.Random(seed)
    owner, _ = User.objects.get_or_create(
        email="synthetic@load.test", defaults={"role": "submitter"}
    )
    organisations = [
        Organisation.objects.get_or_create(name=f"Synthetic organisation {i}")[0]
        for i in range(200)
    ]
    lines = list(taxonomy.ActionLine.objects.select_related("parent"))
    targets = list(taxonomy.SDGTarget.objects.select_related("goal"))
    countries = list(taxonomy.Country.objects.select_related("itu_region"))
    stakeholders = list(taxonomy.StakeholderType.objects.all())
    now = timezone.now()
    for start in range(0, count, batch):
        size = min(batch, count - start)
        rows = []
        for _ in range(size):
            language = rng.choice(LANGUAGES)
            published = now - timedelta(days=rng.randint(0, 900))
            rows.append(
                Initiative(
                    title=_text(rng, language, rng.randint(5, 10)),
                    summary=_text(rng, language, rng.randint(30, 50)),
                    description=_text(rng, language, rng.randint(100, 180)),
                    language=language,
                    organisation=rng.choice(organisations),
                    stakeholder_type=rng.choice(stakeholders),
                    scope=rng.choice(Scope.values),
                    work_state=rng.choice(WorkState.values),
                    start_date=date(rng.randint(2012, 2026), rng.randint(1, 12), 1),
                    status=Status.PUBLISHED,
                    owner=owner,
                    published_at=published,
                    active_at=published,
                )
            )
        created = Initiative.objects.bulk_create(rows)
        _tags_and_index(rng, created, lines, targets, countries)
    with connection.cursor() as cursor:
        # Fresh statistics after a bulk load; without them SQLite's planner probes the big
        # many-to-many tables the slow way round (prefetches went from 35 ms to 1 ms).
        cursor.execute("ANALYZE")
    return Initiative.objects.filter(status=Status.PUBLISHED).count()


def _tags_and_index(rng, initiatives, lines, targets, countries):
    line_tags, goal_tags, target_tags, facets, documents = [], [], [], [], []
    countries_through = Initiative.countries.through
    country_rows = []
    groups_of = country_groups()
    for initiative in initiatives:
        chosen_lines = rng.sample(lines, rng.randint(1, 2))
        chosen_targets = rng.sample(targets, rng.randint(1, 3))
        country = rng.choice(countries)
        goals = {t.goal for t in chosen_targets}
        line_tags += [
            InitiativeActionLine(initiative=initiative, action_line=line) for line in chosen_lines
        ]
        target_tags += [
            InitiativeSDGTarget(initiative=initiative, target=t) for t in chosen_targets
        ]
        goal_tags += [InitiativeSDGGoal(initiative=initiative, goal=g) for g in goals]
        country_rows.append(countries_through(initiative_id=initiative.pk, country_id=country.pk))
        pairs = facet_pairs(
            language=initiative.language,
            start_date=initiative.start_date,
            work_state=initiative.work_state,
            stakeholder_type=initiative.stakeholder_type,
            action_lines=chosen_lines,
            goals=goals,
            targets=chosen_targets,
            objectives=(),
            target_groups=(),
            regions=(),
            countries=[country],
            groups_of=groups_of,
        )
        facets += [Facet(initiative=initiative, facet=f, code=c) for f, c in pairs]
        initiative.facet_codes = encode(pairs)
        documents.append(
            SearchDocument(
                initiative=initiative,
                title_terms=index_terms(initiative.title, initiative.language),
                body_terms=index_terms(
                    f"{initiative.summary}\n{initiative.description}", initiative.language
                ),
            )
        )
    Initiative.objects.bulk_update(initiatives, ["facet_codes"], batch_size=2000)
    for model_rows in (line_tags, goal_tags, target_tags, country_rows, facets, documents):
        type(model_rows[0]).objects.bulk_create(model_rows, batch_size=5000)

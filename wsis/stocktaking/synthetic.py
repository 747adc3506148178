"""Synthetic published initiatives for load tests and benchmarks (`generate_initiatives N`).

Written straight to the tables in bulk (not through the services, which would take hours for
100,000 rows), with the same facet rows and search terms the services would produce.
"""

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from wsis.accounts.models import Organisation, User
from wsis.core.text import index_terms
from wsis.search.models import SearchDocument
from wsis.stocktaking.choices import Scope, Status, WorkState
from wsis.stocktaking.models import (
    Facet,
    Initiative,
    InitiativeActionLine,
    InitiativeSDGGoal,
    InitiativeSDGTarget,
)
from wsis.taxonomy import models as taxonomy

WORDS = {
    "en": "digital rural schools broadband health clinics women farmers mobile network literacy "
    "skills youth training platform data open government services cybersecurity community "
    "connectivity innovation entrepreneurs climate water agriculture markets payments "
    "telemedicine teachers libraries radio content languages accessibility disability "
    "satellite fibre villages cooperative startups ethics media privacy identity".split(),
    "fr": "numérique rural écoles santé femmes agriculteurs réseau mobile formation jeunes "
    "plateforme données services communautaire connectivité innovation climat eau marchés "
    "paiements télémédecine enseignants bibliothèques radio contenus langues accessibilité "
    "handicap satellite villages coopérative entreprises éthique médias identité".split(),
    "es": "digital rural escuelas salud mujeres agricultores red móvil formación jóvenes "
    "plataforma datos servicios comunitaria conectividad innovación clima agua mercados pagos "
    "telemedicina docentes bibliotecas radio contenidos lenguas accesibilidad discapacidad "
    "satélite aldeas cooperativa empresas ética medios identidad".split(),
    "ar": "الرقمية الريفية المدارس الصحة النساء المزارعين الشبكة المحمول التدريب الشباب المنصة "
    "البيانات الخدمات المجتمعية التوصيل الابتكار المناخ المياه الأسواق المدفوعات التطبيب "
    "المعلمين المكتبات الإذاعة المحتوى اللغات الإتاحة الإعاقة الأقمار القرى التعاونية "
    "الشركات الأخلاقيات الإعلام الهوية الإنترنت".split(),
    "ru": "цифровые сельские школы здравоохранение женщины фермеры сеть мобильная обучение "
    "молодежь платформа данные услуги сообщество подключение инновации климат вода рынки "
    "платежи телемедицина учителя библиотеки радио контент языки доступность спутник деревни "
    "кооператив предприятия этика медиа".split(),
    "zh": "数字 农村 学校 卫生 妇女 农民 网络 移动 培训 青年 平台 数据 服务 社区 互联 创新 "
    "气候 水资源 市场 支付 远程医疗 教师 图书馆 广播 内容 语言 无障碍 卫星 村庄 合作社 企业 "
    "伦理 媒体".split(),
}
LANGUAGES = ["en"] * 4 + ["fr", "es", "ar", "ar", "ru", "zh"]


def _text(rng: random.Random, language: str, count: int) -> str:
    words = rng.choices(WORDS[language], k=count)
    return ("" if language == "zh" else " ").join(words)


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
                    title=_text(rng, language, rng.randint(4, 8)),
                    summary=_text(rng, language, rng.randint(25, 45)),
                    description=_text(rng, language, rng.randint(60, 120)),
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
    return Initiative.objects.filter(status=Status.PUBLISHED).count()


def _tags_and_index(rng, initiatives, lines, targets, countries):
    line_tags, goal_tags, target_tags, facets, documents = [], [], [], [], []
    countries_through = Initiative.countries.through
    country_rows = []
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
        pairs = {("action_line", line.code) for line in chosen_lines}
        pairs |= {("action_line", line.parent.code) for line in chosen_lines if line.parent_id}
        pairs |= {("sdg_target", t.code) for t in chosen_targets}
        pairs |= {("sdg_goal", str(g.number)) for g in goals}
        pairs |= {
            ("country", country.code),
            ("region", country.itu_region.code),
            ("language", initiative.language),
            ("work_state", initiative.work_state),
            ("stakeholder_type", initiative.stakeholder_type.code),
            ("start_year", str(initiative.start_date.year)),
        }
        facets += [Facet(initiative=initiative, facet=f, code=c) for f, c in pairs]
        documents.append(
            SearchDocument(
                initiative=initiative,
                title_terms=index_terms(initiative.title, initiative.language),
                body_terms=index_terms(
                    f"{initiative.summary}\n{initiative.description}", initiative.language
                ),
            )
        )
    for model_rows in (line_tags, goal_tags, target_tags, country_rows, facets, documents):
        type(model_rows[0]).objects.bulk_create(model_rows, batch_size=5000)

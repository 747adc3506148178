"""Demonstration roadmaps for a developer's machine (`manage.py load_demo_roadmaps`).

Written for this project, NOT the facilitators' roadmaps: every title says so. Baselines and
recorded values are real figures only: each is looked up among those the indicators app ships
(`wsis/indicators/data/`, checked equal) and takes its source line from there. Every target value
and target date is invented for the demonstration, and the target's text says so. Annual figures
are dated 1 July of their year.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from wsis.indicators.choices import AreaType, Location, Sex, ValueState
from wsis.indicators.models import Observation
from wsis.roadmaps import services
from wsis.roadmaps.models import Roadmap
from wsis.taxonomy.models import ActionLine

DEMO = {"en": " (demonstration)", "ar": " (للعرض التوضيحي)"}


def _demo(en: str, ar: str) -> dict:
    return {"en": en + DEMO["en"], "ar": ar + DEMO["ar"]}


def _mid(year: int) -> date:
    return date(year, 7, 1)


ROADMAPS = [
    {
        "line": "C2",
        "version": 2023,
        "title": _demo("C2 roadmap 2023", "خريطة طريق خط العمل جيم2 لعام 2023"),
        "summary": {
            "en": "Demonstration content written for this platform; not ITU's C2 roadmap.",
            "ar": "محتوى للعرض التوضيحي كُتب لهذه المنصة، وليس خريطة طريق الاتحاد لخط العمل جيم2.",
        },
        "sdg_targets": ["9.c"],
        "objectives": [
            {
                "text": _demo("Bring most people online", "توصيل معظم الناس بالإنترنت"),
                "actions": [],
            }
        ],
        "targets": [
            {
                "text": _demo(
                    "Three quarters of the world online by 2025",
                    "ثلاثة أرباع سكان العالم على الإنترنت بحلول 2025",
                ),
                "indicator": "internet_use",
                "baseline": (Decimal(15), _mid(2005)),
                "target": (Decimal(75), _mid(2025)),
                "sdg_targets": ["17.8"],
                "progress": [
                    (_mid(2024), Decimal(68)),
                    (_mid(2025), Decimal(74)),
                ],
            }
        ],
    },
    {
        "line": "C2",
        "version": 2027,
        "title": _demo("C2 roadmap 2027", "خريطة طريق خط العمل جيم2 لعام 2027"),
        "summary": {
            "en": "Demonstration content written for this platform; not ITU's C2 roadmap. "
            "Baselines and recorded values are ITU figures quoted in the sources; the target "
            "values and dates are invented for the demonstration.",
            "ar": "محتوى للعرض التوضيحي كُتب لهذه المنصة، وليس خريطة طريق الاتحاد لخط العمل جيم2. "
            "خطوط الأساس والقيم المسجلة أرقام الاتحاد الواردة في المصادر؛ أما القيم المستهدفة "
            "وتواريخها فمفترضة لأغراض العرض.",
        },
        "sdg_targets": ["9.c"],
        "objectives": [
            {
                "text": _demo("Connect the people still offline", "توصيل من لا يزالون غير متصلين"),
                "actions": [
                    {
                        "text": _demo(
                            "Map coverage gaps with national regulators",
                            "رسم خرائط فجوات التغطية مع الهيئات التنظيمية الوطنية",
                        ),
                        "expected_result": _demo(
                            "Open coverage maps for every region",
                            "خرائط تغطية مفتوحة لكل منطقة",
                        ),
                        "partners": "Regulators, operators (demonstration)",
                        "timeframe": "2026–2027",
                    },
                    {
                        "text": _demo(
                            "Support rural community networks",
                            "دعم الشبكات المجتمعية الريفية",
                        ),
                        "expected_result": _demo(
                            "Rural Internet use rising faster than urban",
                            "نمو استخدام الإنترنت في الريف أسرع من الحضر",
                        ),
                        "partners": "Civil society, local authorities (demonstration)",
                        "timeframe": "2026–2030",
                    },
                ],
            },
            {
                "text": _demo("Close the gender gap online", "سد الفجوة بين الجنسين على الإنترنت"),
                "actions": [
                    {
                        "text": _demo(
                            "Digital skills programmes for women and girls",
                            "برامج المهارات الرقمية للنساء والفتيات",
                        ),
                        "expected_result": _demo(
                            "Women's Internet use equal to men's",
                            "تساوي استخدام النساء للإنترنت مع الرجال",
                        ),
                        "partners": "UN Women, training centres (demonstration)",
                        "timeframe": "2026–2030",
                    }
                ],
            },
        ],
        "targets": [
            {
                "objective": 0,
                "text": _demo(
                    "90 % of the world online by 2030",
                    "90 في المائة من سكان العالم متصلون بحلول 2030",
                ),
                "indicator": "internet_use",
                "baseline": (Decimal(68), _mid(2024)),
                "target": (Decimal(90), _mid(2030)),
                "sdg_targets": ["17.8"],
                "progress": [(_mid(2025), Decimal(74))],
            },
            {
                "objective": 1,
                "text": _demo(
                    "85 % of women online by 2030", "85 في المائة من النساء متصلات بحلول 2030"
                ),
                "indicator": "internet_use",
                "sex": Sex.FEMALE,
                "baseline": (Decimal(65), _mid(2024)),
                "target": (Decimal(85), _mid(2030)),
                "sdg_targets": ["5.b"],
                "progress": [(_mid(2025), Decimal(71))],
            },
            {
                "objective": 0,
                "text": _demo(
                    "75 % of rural people online by 2030",
                    "75 في المائة من سكان الريف متصلون بحلول 2030",
                ),
                "indicator": "internet_use",
                "location": Location.RURAL,
                "baseline": (Decimal(58), _mid(2025)),
                "target": (Decimal(75), _mid(2030)),
                "sdg_targets": [],
                # No figure yet for 2026: recorded as "no data", a gap in the chart.
                "progress": [(_mid(2026), None)],
            },
        ],
    },
]


def load(actor, stdout) -> None:
    """Create the demonstration roadmaps through the services; those present are left alone."""
    lines = {line.code: line for line in ActionLine.objects.all()}
    for spec in ROADMAPS:
        line = lines[spec["line"]]
        if Roadmap.objects.filter(action_line=line, version=spec["version"]).exists():
            stdout.write(f"{spec['line']} {spec['version']}: already there")
            continue
        with transaction.atomic():  # a roadmap whole or not at all
            roadmap = services.create_roadmap(
                actor, line, spec["version"], spec["title"], spec["summary"], spec["sdg_targets"]
            )
            objectives = []
            for objective_spec in spec["objectives"]:
                objective = services.add_objective(actor, roadmap, objective_spec["text"])
                objectives.append(objective)
                for action in objective_spec["actions"]:
                    services.add_action(actor, objective, **action)
            for target_spec in spec["targets"]:
                _add_target(actor, roadmap, objectives, target_spec)
            latest = max(s["version"] for s in ROADMAPS if s["line"] == spec["line"])
            if roadmap.version == latest:
                services.make_current(actor, roadmap)
        stdout.write(f"{spec['line']} {spec['version']}: created")


def _add_target(actor, roadmap, objectives, spec) -> None:
    baseline_value, baseline_date = spec["baseline"]
    key = {
        "indicator__code": spec["indicator"],
        "area_type": AreaType.WORLD,
        "area_code": "WLD",
        "sex": spec.get("sex", Sex.TOTAL),
        "location": spec.get("location", Location.TOTAL),
        "age": "",
    }
    target_value, target_date = spec["target"]
    objective = spec.get("objective")
    target = services.add_target(
        actor,
        roadmap,
        indicator=spec["indicator"],
        text=spec["text"],
        objective=objectives[objective] if objective is not None else None,
        area_type=AreaType.WORLD,
        area_code="WLD",
        sex=spec.get("sex", Sex.TOTAL),
        location=spec.get("location", Location.TOTAL),
        baseline_value=baseline_value,
        baseline_date=baseline_date,
        baseline_source=_shipped(key, baseline_date.year, baseline_value).source,
        target_value=target_value,
        target_date=target_date,
        sdg_targets=spec["sdg_targets"],
    )
    for on, value in spec["progress"]:
        if value is None:
            services.record_progress(actor, target, on=on, state=ValueState.NO_DATA)
        else:
            source = _shipped(key, on.year, value).source
            services.record_progress(actor, target, on=on, value=value, source=source)


def _shipped(key: dict, year: int, value: Decimal) -> Observation:
    """The figure the indicators app ships for `key` and `year`, which must be `value`: the
    demonstration uses real figures only as the sources give them, with their source."""
    observation = Observation.objects.filter(**key, year=year).first()
    if observation is None or observation.value != value:
        raise ValueError(f"No shipped figure {value} for {key} in {year}: load_indicator_data?")
    return observation

"""Demonstration roadmaps for a developer's machine (`manage.py load_demo_roadmaps`).

Written for this project, NOT the facilitators' roadmaps: every title says so. Where a baseline or
a recorded value is a real figure, it is one the indicators app ships (`wsis/indicators/data/`)
with its source line; every target value and target date is invented for the demonstration and
the target's text says so.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction

from wsis.indicators.choices import AreaType, Location, Sex, ValueState
from wsis.roadmaps import services
from wsis.roadmaps.models import Roadmap
from wsis.taxonomy.models import ActionLine

# Annual figures are dated at mid-year.
FF2024_L538 = (
    "ITU, Facts and Figures 2024, in the WSIS+20 report "
    "[sources/itu-wsis20-report-building-a-digital-future-for-all.ar.txt:L538]"
)
FF2024_L599 = (
    "ITU, Facts and Figures 2024, in the WSIS+20 report "
    "[sources/itu-wsis20-report-building-a-digital-future-for-all.ar.txt:L599]"
)
UNGA_L88 = (
    "ITU, quoted in A/RES/80/173 para. 20 [sources/unga-a-res-80-173-wsis20-outcome.ar.txt:L88]"
)
UNGA_L90 = (
    "ITU, quoted in A/RES/80/173 para. 21 [sources/unga-a-res-80-173-wsis20-outcome.ar.txt:L90]"
)
UNGA_L92 = (
    "ITU, quoted in A/RES/80/173 para. 22 [sources/unga-a-res-80-173-wsis20-outcome.ar.txt:L92]"
)
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
                "baseline": (Decimal(15), _mid(2005), UNGA_L88),
                "target": (Decimal(75), _mid(2025)),
                "sdg_targets": ["17.8"],
                "progress": [
                    (_mid(2024), Decimal(68), FF2024_L538),
                    (_mid(2025), Decimal(74), UNGA_L88),
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
                "baseline": (Decimal(68), _mid(2024), FF2024_L538),
                "target": (Decimal(90), _mid(2030)),
                "sdg_targets": ["17.8"],
                "progress": [(_mid(2025), Decimal(74), UNGA_L88)],
            },
            {
                "objective": 1,
                "text": _demo(
                    "85 % of women online by 2030", "85 في المائة من النساء متصلات بحلول 2030"
                ),
                "indicator": "internet_use",
                "sex": Sex.FEMALE,
                "baseline": (Decimal(65), _mid(2024), FF2024_L599),
                "target": (Decimal(85), _mid(2030)),
                "sdg_targets": ["5.b"],
                "progress": [(_mid(2025), Decimal(71), UNGA_L92)],
            },
            {
                "objective": 0,
                "text": _demo(
                    "75 % of rural people online by 2030",
                    "75 في المائة من سكان الريف متصلون بحلول 2030",
                ),
                "indicator": "internet_use",
                "location": Location.RURAL,
                "baseline": (Decimal(58), _mid(2025), UNGA_L90),
                "target": (Decimal(75), _mid(2030)),
                "sdg_targets": [],
                # No figure yet for 2026: recorded as "no data", a gap in the chart.
                "progress": [(_mid(2026), None, "")],
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
    baseline_value, baseline_date, baseline_source = spec["baseline"]
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
        baseline_source=baseline_source,
        target_value=target_value,
        target_date=target_date,
        sdg_targets=spec["sdg_targets"],
    )
    for on, value, source in spec["progress"]:
        state = ValueState.REPORTED if value is not None else ValueState.NO_DATA
        services.record_progress(actor, target, on=on, value=value, state=state, source=source)

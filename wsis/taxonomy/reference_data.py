"""Reading and loading the reference vocabularies.

Two sources: the shared reference data (`WSIS_REFERENCE_DATA`: SDG texts in six languages, Action
Lines, GDC objectives), which stays outside this repository, and what the project writes itself
(`wsis/taxonomy/vocabularies/`). Everything is read and checked before anything is written, and
written in one transaction, so a malformed file changes nothing. Loading twice changes nothing.
"""

import json
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pycountry
from babel import Locale
from django.db import transaction

from wsis.core.i18n import DATA_LANGUAGES
from wsis.taxonomy import models
from wsis.taxonomy.vocabularies import countries as country_lists

VOCABULARIES_FILE = Path(__file__).parent / "vocabularies" / "vocabularies.json"
SDG_FILE = Path("sdg") / "sdg.json"
TAXONOMY_FILE = Path("wsis") / "taxonomy.json"
BABEL_LOCALES = {"zh": "zh_Hans"}


class ReferenceDataError(Exception):
    """The reference data cannot be loaded; `problems` says every reason found."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class SyncCount:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class LoadReport:
    counts: dict[str, SyncCount] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for c in self.counts.values())


# --- reading -------------------------------------------------------------------------------------


def _read_json(path: Path, problems: list[str]):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        problems.append(f"{path}: file not found")
    except UnicodeDecodeError as error:
        problems.append(f"{path}: not UTF-8 text ({error.reason} at byte {error.start})")
    except json.JSONDecodeError as error:
        problems.append(
            f"{path}: not valid JSON ({error.msg}, line {error.lineno}, column {error.colno})"
        )
    return None


def _require(problems: list[str], where: str, condition: bool, message: str) -> bool:
    if not condition:
        problems.append(f"{where}: {message}")
    return condition


def _text_map(value) -> dict:
    """A language → text map of the six languages in NFC (composed) form, blank texts dropped."""
    if not isinstance(value, dict):
        return {}
    return {
        lang: unicodedata.normalize("NFC", value[lang].strip())
        for lang in DATA_LANGUAGES
        if str(value.get(lang) or "").strip()
    }


def read_sdgs(data, where: str, problems: list[str]):
    goals, targets, indicators = [], [], []
    if not _require(
        problems,
        where,
        isinstance(data, dict) and isinstance(data.get("goals"), list),
        'expected an object with a "goals" list',
    ):
        return goals, targets, indicators
    for g_index, goal in enumerate(data["goals"]):
        at = f"{where}: goals[{g_index}]"
        if not _require(
            problems,
            at,
            isinstance(goal, dict) and str(goal.get("code", "")).isdigit(),
            "each goal needs a numeric code",
        ):
            continue
        title = _text_map(goal.get("title"))
        if not _require(problems, at, "en" in title, "goal title needs an English text"):
            continue
        goals.append(
            {"number": int(goal["code"]), "title": title, "short": _text_map(goal.get("short"))}
        )
        for target in goal.get("targets") or []:
            code = str(target.get("code", "")) if isinstance(target, dict) else ""
            if not _require(
                problems,
                at,
                code.startswith(f"{goal['code']}."),
                f"target code {code!r} does not belong to goal {goal['code']}",
            ):
                continue
            targets.append(
                {
                    "code": code,
                    "goal": int(goal["code"]),
                    "text": _text_map(target.get("text")),
                    "position": len(targets),
                }
            )
            for indicator in target.get("indicators") or []:
                i_code = str(indicator.get("code", "")) if isinstance(indicator, dict) else ""
                if not _require(
                    problems,
                    at,
                    i_code.startswith(f"{code}."),
                    f"indicator code {i_code!r} does not belong to target {code}",
                ):
                    continue
                indicators.append(
                    {
                        "code": i_code,
                        "target": code,
                        "text": _text_map(indicator.get("text")),
                        "note": str(indicator.get("note") or "")[:300],
                        "position": len(indicators),
                    }
                )
    _require(problems, where, len(goals) == 17, f"expected 17 goals, found {len(goals)}")
    return goals, targets, indicators


def read_action_lines(data, vocab, where: str, problems: list[str]):
    """Action Lines and C7 sub-lines, and the 18 prize categories derived from them."""
    lines, categories = [], []
    items = (
        (data or {}).get("wsis_action_lines", {}).get("items") if isinstance(data, dict) else None
    )
    if not _require(problems, where, isinstance(items, list), "no wsis_action_lines.items list"):
        return lines, categories
    line_titles = vocab.get("action_line_titles", {})
    sub_titles = vocab.get("c7_sub_line_titles", {})
    for index, item in enumerate(items):
        code = str(item.get("code", "")) if isinstance(item, dict) else ""
        if not _require(problems, f"{where}: items[{index}]", code.startswith("C"), "bad code"):
            continue
        name = _text_map(item.get("title_itu_current")) | {
            k: v for k, v in _text_map(item.get("title")).items() if k != "en"
        }
        name.setdefault("en", _text_map(item.get("title")).get("en", code))
        name = _text_map(line_titles.get(code)) | name
        lead = item.get("lead_facilitator") or {}
        lines.append(
            {
                "code": code,
                "parent": None,
                "name": name,
                "position": index * 10,
                "lead_facilitator": lead.get("acronym", ""),
                "lead_facilitator_name": lead.get("name", ""),
                "source": item.get("source", ""),
            }
        )
        sub_lines = item.get("sub_lines") or []
        for sub in sub_lines:
            key = sub.get("key", "")
            sub_name = _text_map(sub_titles.get(key)) | _text_map(sub.get("title"))
            sub_lead = sub.get("lead_facilitator") or {}
            lines.append(
                {
                    "code": f"{code}.{key}",
                    "parent": code,
                    "name": sub_name,
                    "position": index * 10 + int(sub.get("order", 0)),
                    "lead_facilitator": sub_lead.get("acronym", ""),
                    "lead_facilitator_name": sub_lead.get("name", ""),
                    "source": sub.get("source", ""),
                }
            )
            categories.append(
                {
                    "code": f"{code}-{key}",
                    "action_line": f"{code}.{key}",
                    "name": sub_name,
                    "position": len(categories),
                }
            )
        if not sub_lines:
            categories.append(
                {"code": code, "action_line": code, "name": name, "position": len(categories)}
            )
    top = [line for line in lines if line["parent"] is None]
    _require(problems, where, len(top) == 11, f"expected 11 Action Lines, found {len(top)}")
    _require(
        problems,
        where,
        len(categories) == 18,
        f"expected 18 prize categories, found {len(categories)}",
    )
    return lines, categories


def read_gdc_objectives(data, vocab, where: str, problems: list[str]):
    objectives = []
    gdc = (data or {}).get("global_digital_compact", {}) if isinstance(data, dict) else {}
    arabic = vocab.get("gdc_objectives_ar", {})
    for item in gdc.get("objectives") or []:
        number = item.get("number")
        if not _require(problems, where, isinstance(number, int), "GDC objective without a number"):
            continue
        name = _text_map(item.get("text"))
        if arabic.get(str(number), {}).get("text"):
            name.setdefault("ar", arabic[str(number)]["text"])
        objectives.append(
            {
                "code": f"GDC{number}",
                "number": number,
                "name": name,
                "position": number,
                "source": item.get("source", ""),
                "is_verified": bool(item.get("verified_against_source")),
            }
        )
    _require(
        problems, where, len(objectives) == 5, f"expected 5 GDC objectives, found {len(objectives)}"
    )
    return objectives


def _babel_name(language: str, territory: str) -> str:
    return Locale.parse(BABEL_LOCALES.get(language, language)).territories.get(territory, "")


def read_countries(problems: list[str]):
    """ISO 3166-1 from pycountry, names from CLDR (Babel), regions and groups from our lists."""
    itu = {
        code: region
        for region, codes in country_lists.ITU_REGION_COUNTRIES.items()
        for code in codes.split()
    }
    m49_area = {
        code: area
        for area, codes in country_lists.M49_AREA_COUNTRIES.items()
        for code in codes.split()
    }
    groups = {
        code: set(spec["members"].split())
        for code, spec in country_lists.COUNTRY_GROUP_MEMBERS.items()
    }
    rows = []
    for country in pycountry.countries:
        code = country.alpha_2
        if not _require(problems, "countries", code in itu, f"{code} has no ITU region"):
            continue
        area = m49_area.get(code, "")
        parent = country_lists.M49_PARENT.get(area) or ""
        region = country_lists.M49_PARENT.get(parent) or parent
        name = {lang: _babel_name(lang, code) for lang in DATA_LANGUAGES}
        name = {lang: text for lang, text in name.items() if text}
        name.setdefault("en", getattr(country, "common_name", None) or country.name)
        rows.append(
            {
                "code": code,
                "alpha3": country.alpha_3,
                "numeric": country.numeric,
                "name": name,
                "itu_region": itu[code],
                "m49_subregion": area,
                "m49_region": region or area,
                "groups": sorted(g for g, members in groups.items() if code in members),
            }
        )
    return rows


@dataclass
class ReferenceData:
    goals: list
    targets: list
    indicators: list
    action_lines: list
    prize_categories: list
    gdc_objectives: list
    stakeholder_types: list
    regions: list
    target_groups: list
    country_groups: list
    countries: list


def _entries(vocab: dict, key: str, problems: list[str]) -> list[dict]:
    rows = []
    for index, item in enumerate(vocab.get(key) or []):
        name = _text_map(item.get("name"))
        if _require(
            problems,
            f"vocabularies.json: {key}[{index}]",
            bool(item.get("code")) and "en" in name,
            "needs a code and an English name",
        ):
            rows.append(
                {"code": item["code"], "name": name, "position": index}
                | ({"office": _text_map(item.get("office"))} if key == "regions" else {})
            )
    _require(problems, "vocabularies.json", bool(rows), f"no {key}")
    return rows


def read_reference_data(path: Path) -> ReferenceData:
    """Read and check every source; raise ReferenceDataError listing every problem found."""
    path = Path(path)
    problems: list[str] = []
    if not path.is_dir():
        raise ReferenceDataError([f"{path}: not a folder"])
    sdg = _read_json(path / SDG_FILE, problems)
    taxonomy = _read_json(path / TAXONOMY_FILE, problems)
    vocab = _read_json(VOCABULARIES_FILE, problems) or {}
    if problems:
        raise ReferenceDataError(problems)
    goals, targets, indicators = read_sdgs(sdg, str(path / SDG_FILE), problems)
    lines, categories = read_action_lines(taxonomy, vocab, str(path / TAXONOMY_FILE), problems)
    objectives = read_gdc_objectives(taxonomy, vocab, str(path / TAXONOMY_FILE), problems)
    groups = _entries(vocab, "country_groups", problems)
    for group in groups:
        spec = country_lists.COUNTRY_GROUP_MEMBERS.get(group["code"], {})
        group["source"] = spec.get("source", "")
        group["as_of"] = date.fromisoformat(spec["as_of"]) if spec.get("as_of") else None
    data = ReferenceData(
        goals=goals,
        targets=targets,
        indicators=indicators,
        action_lines=lines,
        prize_categories=categories,
        gdc_objectives=objectives,
        stakeholder_types=_entries(vocab, "stakeholder_types", problems),
        regions=_entries(vocab, "regions", problems),
        target_groups=_entries(vocab, "target_groups", problems),
        country_groups=groups,
        countries=read_countries(problems),
    )
    if problems:
        raise ReferenceDataError(problems)
    return data


# --- writing -------------------------------------------------------------------------------------


def _sync(model, rows: list[dict], key: str, resolve=None) -> SyncCount:
    """Create or update `model` rows so they equal `rows`; save only what differs."""
    count = SyncCount()
    existing = {getattr(obj, key): obj for obj in model.objects.all()}
    for row in rows:
        values = resolve(row) if resolve else dict(row)
        obj = existing.get(values[key])
        if obj is None:
            model.objects.create(**values)
            count.created += 1
            continue
        changed = [f for f, v in values.items() if getattr(obj, f) != v]
        if changed:
            for f in changed:
                setattr(obj, f, values[f])
            obj.save(update_fields=changed)
            count.updated += 1
        else:
            count.unchanged += 1
    return count


@transaction.atomic
def load_reference_data(data: ReferenceData) -> LoadReport:
    """Write the vocabularies; a second run with the same data changes nothing."""
    report = LoadReport()
    counts = report.counts
    counts["SDG goals"] = _sync(models.SDGGoal, data.goals, "number")
    goals = {g.number: g for g in models.SDGGoal.objects.all()}
    counts["SDG targets"] = _sync(
        models.SDGTarget, data.targets, "code", lambda r: r | {"goal": goals[r["goal"]]}
    )
    targets = {t.code: t for t in models.SDGTarget.objects.all()}
    counts["SDG indicators"] = _sync(
        models.SDGIndicator, data.indicators, "code", lambda r: r | {"target": targets[r["target"]]}
    )
    top = [line for line in data.action_lines if line["parent"] is None]
    counts["Action Lines"] = _sync(models.ActionLine, top, "code")
    lines = {line.code: line for line in models.ActionLine.objects.all()}
    subs = [line for line in data.action_lines if line["parent"]]
    counts["C7 sub-lines"] = _sync(
        models.ActionLine, subs, "code", lambda r: r | {"parent": lines[r["parent"]]}
    )
    lines = {line.code: line for line in models.ActionLine.objects.all()}
    counts["prize categories"] = _sync(
        models.PrizeCategory,
        data.prize_categories,
        "code",
        lambda r: r | {"action_line": lines[r["action_line"]]},
    )
    counts["GDC objectives"] = _sync(models.GDCObjective, data.gdc_objectives, "code")
    counts["stakeholder types"] = _sync(models.StakeholderType, data.stakeholder_types, "code")
    counts["ITU regions"] = _sync(models.Region, data.regions, "code")
    counts["target groups"] = _sync(models.TargetGroup, data.target_groups, "code")
    counts["country groups"] = _sync(models.CountryGroup, data.country_groups, "code")
    regions = {r.code: r for r in models.Region.objects.all()}
    counts["countries"] = _sync(
        models.Country,
        data.countries,
        "code",
        lambda r: (
            {k: v for k, v in r.items() if k != "groups"} | {"itu_region": regions[r["itu_region"]]}
        ),
    )
    counts["country group memberships"] = _sync_country_groups(data.countries)
    return report


def _sync_country_groups(rows: list[dict]) -> SyncCount:
    """Set each country's LDC/LLDC/SIDS memberships; one count per country."""
    count = SyncCount()
    groups = {g.code: g for g in models.CountryGroup.objects.all()}
    current: dict[str, set[str]] = {}
    pairs = models.Country.groups.through.objects.values_list("country__code", "countrygroup__code")
    for country_code, group_code in pairs:
        current.setdefault(country_code, set()).add(group_code)
    countries = {c.code: c for c in models.Country.objects.all()}
    for row in rows:
        wanted = set(row["groups"])
        if current.get(row["code"], set()) == wanted:
            count.unchanged += 1
        else:
            countries[row["code"]].groups.set([groups[g] for g in wanted])
            count.updated += 1
    return count

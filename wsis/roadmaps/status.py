"""The status of a roadmap target, from its latest value and the time left. A pure function.

The rule, with `b` the baseline value at the baseline date, `t` the target value at the target
date, and `v` the latest reported value at its date `d` ("no data" records are skipped: they say
nothing about where the indicator stands):

1. no reported value at all                        → no data;
2. `v` has reached `t` (at or beyond it in the target's direction) → achieved;
3. today is past the target date and `t` is not reached             → off track;
4. otherwise compare the share of the way covered, `progress = (v − b) / (t − b)`, with the
   share of the time elapsed between the baseline date and `d`,
   `elapsed = (d − b_date) / (t_date − b_date)` (clamped to 0…1) — where a straight line from
   baseline to target says the indicator should be by the date it was measured:
   - `progress ≥ ON_TRACK_SHARE × elapsed` (90 % of the pace or better) → on track;
   - `progress ≥ AT_RISK_SHARE × elapsed` (50 % to 90 % of the pace)    → at risk;
   - below that, or moving away from the target (`progress < 0`)       → off track.

The pace is judged at the value's own date rather than today, so that a figure published a year
after it was measured is not held against its lag; the past-date rule (3) still uses today.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from wsis.roadmaps.choices import Direction, TargetStatus

ON_TRACK_SHARE = Decimal("0.9")
AT_RISK_SHARE = Decimal("0.5")


@dataclass(frozen=True)
class Point:
    date: date
    value: Decimal | None  # None: "no data"


def latest_reported(points) -> Point | None:
    """The latest point with a value (by date), or None."""
    reported = [point for point in points if point.value is not None]
    return max(reported, key=lambda point: point.date) if reported else None


def target_status(
    *,
    baseline_value: Decimal,
    baseline_date: date,
    target_value: Decimal,
    target_date: date,
    direction: str,
    points,
    today: date,
) -> str:
    """The `TargetStatus` of a target given its recorded `points` (values or no data)."""
    latest = latest_reported(points)
    if latest is None:
        return TargetStatus.NO_DATA
    sign = 1 if direction == Direction.INCREASE else -1
    if sign * (latest.value - target_value) >= 0:
        return TargetStatus.ACHIEVED
    if today > target_date:
        return TargetStatus.OFF_TRACK
    span = target_value - baseline_value
    if sign * span <= 0:
        # A target not beyond its baseline in its own direction: only reaching it counts.
        return TargetStatus.OFF_TRACK
    progress = (latest.value - baseline_value) / span
    days = (target_date - baseline_date).days
    elapsed = Decimal(min(max((latest.date - baseline_date).days, 0), days)) / Decimal(days)
    if progress < 0:
        return TargetStatus.OFF_TRACK
    if progress >= ON_TRACK_SHARE * elapsed:
        return TargetStatus.ON_TRACK
    if progress >= AT_RISK_SHARE * elapsed:
        return TargetStatus.AT_RISK
    return TargetStatus.OFF_TRACK

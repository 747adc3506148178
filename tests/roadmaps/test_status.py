"""The status rule at its boundaries (`wsis.roadmaps.status`): a pure function."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from wsis.roadmaps.choices import Direction, TargetStatus
from wsis.roadmaps.status import Point, target_status

START = date(2000, 1, 1)
END = START + timedelta(days=100)  # so that day n is n % of the time
TODAY = START + timedelta(days=60)


def status(*points, direction=Direction.INCREASE, today=TODAY, baseline=0, target=100):
    return target_status(
        baseline_value=Decimal(baseline),
        baseline_date=START,
        target_value=Decimal(target),
        target_date=END,
        direction=direction,
        points=[
            Point(START + timedelta(days=day), None if value is None else Decimal(str(value)))
            for day, value in points
        ],
        today=today,
    )


def test_no_value_is_no_data():
    assert status() == TargetStatus.NO_DATA
    assert status((50, None)) == TargetStatus.NO_DATA


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("100", TargetStatus.ACHIEVED),
        ("120", TargetStatus.ACHIEVED),
        ("45", TargetStatus.ON_TRACK),  # 90 % of the pace at half time: on track
        ("44.99", TargetStatus.AT_RISK),
        ("25", TargetStatus.AT_RISK),  # 50 % of the pace: still at risk
        ("24.99", TargetStatus.OFF_TRACK),
        ("-1", TargetStatus.OFF_TRACK),  # moved away from the target
    ],
)
def test_pace_at_half_time(value, expected):
    assert status((50, value)) == expected


def test_at_the_baseline_date_any_progress_is_on_track():
    assert status((0, 0)) == TargetStatus.ON_TRACK
    assert status((0, -0.5)) == TargetStatus.OFF_TRACK


def test_past_the_target_date_and_not_reached_is_off_track():
    assert status((100, 99), today=END) == TargetStatus.ON_TRACK  # on the date: the pace
    assert status((100, 99), today=END + timedelta(days=1)) == TargetStatus.OFF_TRACK
    assert status((100, 100), today=END + timedelta(days=1)) == TargetStatus.ACHIEVED


def test_decrease():
    def down(value):
        return status((50, value), direction=Direction.DECREASE, baseline=100, target=0)

    assert down(55) == TargetStatus.ON_TRACK
    assert down(55.01) == TargetStatus.AT_RISK
    assert down(0) == TargetStatus.ACHIEVED
    assert down(101) == TargetStatus.OFF_TRACK


def test_latest_value_by_date_and_a_later_no_data_does_not_hide_it():
    assert status((50, 30), (40, 45)) == TargetStatus.AT_RISK  # day 50 is the latest
    assert status((40, 45), (50, None)) == TargetStatus.ON_TRACK  # 45 at day 40

"""`manage.py evaluate_suggestions`: the development set's figures meet the goals, beside the
baseline's; a malformed file is refused whole, naming every bad line."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from wsis.stocktaking.choices import Language

pytestmark = pytest.mark.django_db

DEVELOPMENT_SET = Path(__file__).parent.parent / "data" / "suggestions_dev.jsonl"


def table(output: str) -> dict[str, list[float]]:
    """Rows of the printed table by their first cell: n, ours, zero-shot and baseline."""
    rows = {}
    for line in output.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 8 and cells[1].isdigit():
            rows[cells[0]] = [float(cell) for cell in cells[1:]]
    return rows


def test_the_development_set_meets_the_goals():
    out = io.StringIO()
    call_command("evaluate_suggestions", str(DEVELOPMENT_SET), stdout=out)
    rows = table(out.getvalue())
    names = dict(Language.choices)
    assert set(rows) == {"all", *names.values()}
    count, top1, top3, _zs1, _zs3, baseline1, baseline3 = rows["all"]
    assert count >= 200
    assert top1 >= 0.75 and top3 >= 0.92
    assert top1 > baseline1 and top3 >= baseline3
    english = rows[names["en"]][1]
    for language, row in rows.items():
        assert row[0] >= 30, language  # enough examples in each language to say anything
        assert row[1] >= english - 0.05, (language, row[1], english)
    assert "expected calibration error" in out.getvalue()


def test_a_malformed_file_is_refused_naming_every_bad_line(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"text": "Telemedicine for islands", "category": "C7-e-health", "lang": "en"}\n'
        "not json\n"
        '{"text": "Radio", "category": "C99", "lang": "en"}\n'
        '{"text": "Radio", "category": "C9", "lang": "pt"}\n'
        '{"text": "", "category": "C9", "lang": "en"}\n',
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as error:
        call_command("evaluate_suggestions", str(path), stdout=io.StringIO())
    message = str(error.value)
    for line in ("line 2: not JSON", "line 3: category", "line 4: lang", "line 5: text"):
        assert line in message
    assert "line 1" not in message

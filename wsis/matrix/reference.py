"""Reading the reference WSIS–SDG matrix (`wsis/wsis_sdg_matrix.json` under WSIS_REFERENCE_DATA).

The file is built by `build_wsis_sdg_matrix.py` beside it from uwidcit/WSIS-SDG-Matrix (2017
data, English rationales). That repository declares no licence: each loaded cell says so in its
evidence, and the README repeats it. Everything is checked before anything is written.
"""

import json
from pathlib import Path

from wsis.matrix.choices import CellOrigin
from wsis.matrix.models import MatrixCell
from wsis.taxonomy import memo
from wsis.taxonomy.models import ActionLine, SDGGoal, SDGTarget

MATRIX_FILE = Path("wsis") / "wsis_sdg_matrix.json"


class ReferenceMatrixError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def _evidence(header: dict) -> str:
    licence = header.get("license") or "none declared"
    return (
        f"Reference WSIS–SDG matrix of {header.get('source', '?')} "
        f"(commit {header.get('source_commit', '?')}). Licence: {licence}. "
        f"{header.get('license_status', '')}"
    ).strip()


def read_reference_matrix(root) -> list[MatrixCell]:
    """The reference cells, unsaved, with their codes filled; raises ReferenceMatrixError naming
    every link that does not fit the vocabularies (nothing is written here)."""
    path = Path(root) / MATRIX_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ReferenceMatrixError([f"{path}: {error}"]) from error
    lines = memo.vocabulary(ActionLine).by("code")
    goals = memo.vocabulary(SDGGoal).by("number")
    targets = memo.vocabulary(SDGTarget).by("code")
    evidence = _evidence(data)
    source_file = (data.get("source_files") or ["?"])[0]
    source = f"{data.get('source', '')}/blob/{data.get('source_commit', '')}/{source_file}"
    cells: dict[str, MatrixCell] = {}
    problems = []
    for number, link in enumerate(data.get("links", []), start=1):
        line = lines.get(link.get("action_line_key", ""))
        goal = goals.get(str(link.get("sdg_goal"))) if "sdg_goal" in link else None
        target = targets.get(link.get("sdg_target", "")) if "sdg_target" in link else None
        if line is None or (goal is None and target is None):
            problems.append(f"link {number}: unknown Action Line or SDG code in {link}")
            continue
        cell = MatrixCell(
            action_line=line,
            sdg_goal=goal,
            sdg_target=target,
            rationale={"en": link["rationale"].strip()} if link.get("rationale") else {},
            evidence=evidence,
            source=source[:500],
            origin=CellOrigin.REFERENCE,
        )
        cell.fill_codes()
        if cell.key in cells:  # the source lists a few pairs under two goals: keep both texts
            kept = cells[cell.key]
            texts = [kept.rationale.get("en", ""), cell.rationale.get("en", "")]
            joined = "\n\n".join(dict.fromkeys(t for t in texts if t))
            kept.rationale = {"en": joined} if joined else {}
            continue
        cells[cell.key] = cell
    if problems:
        raise ReferenceMatrixError(problems)
    return list(cells.values())

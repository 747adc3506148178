"""Driving Debian's Chromium with Playwright in tests (Playwright cannot download browsers here)."""

import json
import os
import shutil
from pathlib import Path

from django.conf import settings

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = settings.BASE_DIR / "var" / "screenshots"


def chromium_path() -> str | None:
    return (
        os.environ.get("WSIS_CHROMIUM")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
    )


def axe_violations(page, impacts=("serious", "critical")) -> list[dict]:
    """Run axe-core on the page; the violations of the given impacts, summarised."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def describe(violations: list[dict]) -> str:
    return json.dumps(violations, indent=2, ensure_ascii=False)

"""Quality checks on a review, with no user interface: what a panel would query.

``run_checks`` looks for unanswered required prompts, abbreviations (from the glossary
in ``prompts/abbreviations.toml``), chronology problems, weak recommendations and
analysis too short to be analysis; ``report`` turns the findings into the text that
``imr check`` prints. Front ends show the same findings from the same functions.
"""

from __future__ import annotations

from imr_tui.checks.abbreviations import used_abbreviations
from imr_tui.checks.findings import KINDS, Finding, Kind, Place, places
from imr_tui.checks.glossary import (
    GLOSSARY_FILE,
    Glossary,
    Match,
    find_abbreviations,
    glossary_path_for,
    load_glossary,
)
from imr_tui.checks.report import report
from imr_tui.checks.rules import run_checks

__all__ = [
    "GLOSSARY_FILE",
    "KINDS",
    "Finding",
    "Glossary",
    "Kind",
    "Match",
    "Place",
    "find_abbreviations",
    "findings_by_section",
    "findings_by_step",
    "glossary_path_for",
    "load_glossary",
    "places",
    "report",
    "run_checks",
    "used_abbreviations",
]


def findings_by_step(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings keyed by the walk step they point at (for markers beside prompts)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        if f.step_id:
            out.setdefault(f.step_id, []).append(f)
    return out


def findings_by_section(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings keyed by section id (for markers in the sidebar)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.section_id, []).append(f)
    return out

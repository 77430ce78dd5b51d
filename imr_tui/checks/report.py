"""The text ``imr check`` prints: findings grouped under their section's heading."""

from __future__ import annotations

from imr_tui.checks.findings import Finding
from imr_tui.core.catalogue import Catalogue


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def report(findings: list[Finding], catalogue: Catalogue) -> str:
    """Findings grouped by section in template order, each with where it is and what to do."""
    if not findings:
        return "No findings: the checks found nothing to query in this review.\n"
    sections = [s for s in catalogue.sections if any(f.section_id == s.id for f in findings)]
    known = {s.id for s in catalogue.sections}
    lines = [
        f"{_plural(len(findings), 'finding')} in {_plural(len(sections), 'section')}.",
    ]
    groups: list[tuple[str, list[Finding]]] = [
        (s.title, [f for f in findings if f.section_id == s.id]) for s in sections
    ]
    others = [f for f in findings if f.section_id not in known]
    if others:
        groups.append(("Other", others))
    for title, mine in groups:
        lines += ["", f"{title} ({_plural(len(mine), 'finding')})"]
        for f in mine:
            where = f.where[0].upper() + f.where[1:] if f.where else title
            lines += [f"- {where}", f"  {f.message}"]
            if f.why:
                lines.append(f"  Why a panel asks: {f.why}")
            lines.append(f"  What to do: {f.advice}")
            if f.rewrite:
                lines.append(f"  For example: {f.rewrite}")
    return "\n".join(lines) + "\n"

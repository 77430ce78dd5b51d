"""What the room's table says about each trainee: plain text made from their progress.

Kept apart from the widgets so the wording is one function each (and tested alone).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from imr_tui.workshop.progress import ReviewProgress, TraineeProgress
from imr_tui.workshop.trainees import Trainee

NO_CODE = "no code yet"
"""Said of a trainee (or a folder from before codes) who has no personal code."""


def ago(when: datetime | None, now: datetime) -> str:
    """``just now``, ``2 min ago``, ``3 h ago``, else the day (``28/11 14:02``); ``never``."""
    if when is None:
        return "never"
    if when.tzinfo is None and now.tzinfo is not None:
        when = when.replace(tzinfo=now.tzinfo)
    elif when.tzinfo is not None and now.tzinfo is None:
        now = now.replace(tzinfo=when.tzinfo)
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 12 * 3600:
        return f"{int(seconds // 3600)} h ago"
    return when.strftime("%d/%m %H:%M")


def findings_text(findings: Mapping[str, int]) -> str:
    """``3 completeness, 1 language`` (most first), or ``none``."""
    shown = [(kind, n) for kind, n in findings.items() if n]
    if not shown:
        return "none"
    shown.sort(key=lambda kn: (-kn[1], kn[0]))
    return ", ".join(f"{n} {kind}" for kind, n in shown)


@dataclass(frozen=True)
class Row:
    """One line of the room's table."""

    key: str
    """``trainee:FOLDER`` for a registered trainee, ``folder:NAME`` for a folder from
    before codes."""
    name: str
    """The trainee's name as typed (or the old folder's name)."""
    folder: Path
    """Their folder."""
    trainee: Trainee | None
    """The registered trainee (None for a folder from before codes)."""
    reviews: Sequence[ReviewProgress]
    """Each review in their folder."""
    has_code: bool
    """Whether they have a personal code."""

    @property
    def done(self) -> str:
        """``12/35`` (summed over their reviews), ``-`` with none."""
        if not self.reviews:
            return "-"
        return f"{sum(r.done for r in self.reviews)}/{sum(r.total for r in self.reviews)}"

    def last_saved(self, now: datetime) -> str:
        """When any of their reviews was last saved."""
        times = [r.last_saved for r in self.reviews if r.last_saved is not None]
        return ago(max(times) if times else None, now)

    @property
    def open_now(self) -> str:
        """``yes`` when one of their reviews is open now."""
        return "yes" if any(r.open_now for r in self.reviews) else ""

    @property
    def findings(self) -> str:
        """Findings by kind, over their reviews."""
        total: Counter[str] = Counter()
        for r in self.reviews:
            total.update(r.findings)
        return findings_text(total)

    @property
    def open_comments(self) -> int:
        """Open comments on their reviews."""
        return sum(r.open_comments for r in self.reviews)

    @property
    def status(self) -> str:
        """``no code yet`` or empty."""
        return "" if self.has_code else NO_CODE

    def detail(self, now: datetime) -> list[str]:
        """The lines under the table for this trainee: one per review."""
        head = f"{self.name}: {self.folder.name}/" + (f" ({NO_CODE})" if not self.has_code else "")
        lines = [head]
        if not self.reviews:
            lines.append("  no reviews yet")
        for r in self.reviews:
            lines.append(review_line(r, now))
        return lines


def review_line(r: ReviewProgress, now: datetime) -> str:
    """``  marlow-case.toml 12/35, saved 2 min ago, open now; findings: 3 completeness;
    1 open comment`` (or the problem when it does not load)."""
    if r.problem:
        return f"  {r.path.name}: {r.problem}"
    parts = [f"  {r.path.name} {r.done}/{r.total}, saved {ago(r.last_saved, now)}"]
    if r.open_now:
        parts.append(", open now")
    parts.append(f"; findings: {findings_text(r.findings)}")
    if r.open_comments:
        s = "" if r.open_comments == 1 else "s"
        parts.append(f"; {r.open_comments} open comment{s}")
    return "".join(parts)


def rows(
    progress: Iterable[TraineeProgress], legacy: Iterable[Path], folder_of: FolderOf
) -> list[Row]:
    """The table's rows: trainees in joining order, then each folder from before codes
    that the progress does not already list (by name, no reviews counted)."""
    out = [
        Row(
            key=f"trainee:{p.trainee.folder}",
            name=p.trainee.name,
            folder=folder_of(p.trainee),
            trainee=p.trainee,
            reviews=p.reviews,
            has_code=bool(p.trainee.code_hash),
        )
        for p in progress
    ]
    listed = {r.folder.name for r in out}
    for folder in sorted(legacy, key=lambda f: f.name.casefold()):
        if folder.name in listed:
            continue
        out.append(
            Row(
                key=f"folder:{folder.name}",
                name=folder.name,
                folder=folder,
                trainee=None,
                reviews=(),
                has_code=False,
            )
        )
    return out


class FolderOf:
    """A trainee's folder in one workspace (a callable, so rows can be built off the app)."""

    def __init__(self, workspace: Path) -> None:
        self.workspace = workspace

    def __call__(self, trainee: Trainee) -> Path:
        return self.workspace / trainee.folder

"""The worked example for trainers: a complete, fictional review with a few weaknesses.

The example is data, ``prompts/example.toml``: a review file whose years are written
``{Y}``, ``{Y+1}``, ``{Y-79}``. Writing it picks the latest year that keeps every
date of the review in the past, so target dates stay ahead and the example never
goes stale. A trainer's catalogue folder may hold its own ``example.toml``.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from imr_tui.core import clock
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.data_files import EXAMPLE_FILE as EXAMPLE_FILE
from imr_tui.core.data_files import path_for
from imr_tui.core.errors import UserError
from imr_tui.core.model import Meta, Review
from imr_tui.core.store import create, from_toml
from imr_tui.core.toml_files import TOMLDecodeError, loads

_YEAR = re.compile(r"\{Y(?:([+-])(\d+))?\}")
_YEARS_BACK = 5


def example_path_for(prompts: Path | None) -> Path:
    """The example that goes with a catalogue given as ``--prompts`` (else the shipped one)."""
    return path_for(prompts, EXAMPLE_FILE)


def render(text: str, year: int) -> str:
    """Replace ``{Y}``, ``{Y+n}`` and ``{Y-n}`` with years counted from ``year``."""

    def one(m: re.Match[str]) -> str:
        offset = int(m[2] or 0) * (-1 if m[1] == "-" else 1)
        return f"{year + offset:04d}"

    return _YEAR.sub(one, text)


def _latest_date(review: Review, catalogue: Catalogue) -> date | None:
    """The latest date the review records as having happened (not target dates)."""
    dates = [
        date.fromisoformat(review.answer(p.id))
        for p in catalogue.prompts()
        if p.kind == "date" and review.answer(p.id)
    ]
    dates += [d for d in (review.review_period.start, review.review_period.end) if d]
    dates += [last.latest for e in review.chronology if (last := e.until or e.when)]
    return max(dates, default=None)


def load_example(
    catalogue: Catalogue, path: Path | None = None, today: date | None = None
) -> Review:
    """The worked example as a review, its years chosen so every event is in the past."""
    path = path or path_for(None, EXAMPLE_FILE)
    try:
        template = path.read_text(encoding="utf-8")
    except OSError as e:
        raise UserError(f"{path}: cannot read the worked example ({e.strerror or e})") from None
    _, review = _chosen(catalogue, path, template, today or clock.today())
    review.meta = Meta(catalogue=f"{catalogue.name} {catalogue.version}", training=True)
    return review


def _chosen(catalogue: Catalogue, path: Path, template: str, today: date) -> tuple[int, Review]:
    """The year ``{Y}`` stands for (the latest that keeps every event in the past) and
    the example written with it."""
    review: Review | None = None
    for year in range(today.year, today.year - _YEARS_BACK, -1):
        text = render(template, year)
        try:
            data = loads(text)
        except TOMLDecodeError as e:
            raise UserError(f"{path}: {e} (not valid TOML)") from None
        review = from_toml(data, str(path), catalogue)
        latest = _latest_date(review, catalogue)
        if latest is None or latest <= today:
            break
    assert review is not None
    return year, review


_YEARS: dict[tuple[str, str, Path, date], int] = {}
"""The year chosen for each catalogue, example file and day: worked out once."""


def example_year(catalogue: Catalogue, path: Path | None = None, today: date | None = None) -> int:
    """The year ``{Y}`` stands for in the worked example written today (as
    :func:`load_example` chooses it), worked out once for each catalogue, file and day.

    An example that cannot be read or written leaves the year before today's.
    """
    path = path or path_for(None, EXAMPLE_FILE)
    today = today or clock.today()
    key = (catalogue.name, catalogue.version, path, today)
    if key not in _YEARS:
        try:
            template = path.read_text(encoding="utf-8")
            _YEARS[key] = _chosen(catalogue, path, template, today)[0]
        except (OSError, UnicodeDecodeError, UserError, ValueError):
            _YEARS[key] = today.year - 1
    return _YEARS[key]


def model_answer(
    text: str, catalogue: Catalogue, path: Path | None = None, today: date | None = None
) -> str:
    """A catalogue's model answer as training mode shows it: its ``{Y}``, ``{Y+1}``...
    written as the years the worked example (``path``, else the shipped one) gets today,
    so the model answers and the example describe the same case in the same years."""
    if _YEAR.search(text) is None:
        return text
    return render(text, example_year(catalogue, path, today))


def write_example(
    path: Path, catalogue: Catalogue, prompts: Path | None = None, today: date | None = None
) -> Review:
    """Create a review file holding the worked example; refuses to overwrite a file."""
    review = load_example(catalogue, example_path_for(prompts), today)
    return create(path, catalogue, review)

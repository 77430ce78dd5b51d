"""Everyone's work in one zip for the trainer to download.

For each registered trainee, ``FOLDER/NAME.toml`` (the review as saved) and
``FOLDER/NAME.md`` (a draft Markdown export with comments, its timeline picture
beside it when one is drawn), and ``index.csv`` listing every review. A review that
does not load is put in as saved and listed with why; it never stops the zip.
"""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path

from imr_tui.checks import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.errors import UserError
from imr_tui.core.model import Review
from imr_tui.core.steps import overall
from imr_tui.core.store import load
from imr_tui.workshop.progress import reviews_in
from imr_tui.workshop.trainees import folder_of, trainees

INDEX_COLUMNS = ("trainee", "folder", "review", "answered", "total", "last saved", "problem")


def collect_name(now: datetime) -> str:
    """``workshop-20261201-1042.zip``."""
    return f"workshop-{now:%Y%m%d-%H%M}.zip"


def _cell(value: str) -> str:
    """A spreadsheet cell that is never read as a formula."""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _markdown(
    review: Review, arcname: str, catalogue: Catalogue, glossary: Glossary | None
) -> dict[str, bytes]:
    """A draft Markdown export with comments: its files by their names in the zip."""
    from imr_tui.report.export_files import edition_for, render_files
    from imr_tui.report.walker import walk

    blocks = walk(review, catalogue, glossary, edition=edition_for(None), comments=True)
    out = Path(arcname)
    files = render_files(blocks, catalogue.title, "md", out)
    return {str(p): data for p, data in files.items()}


def collect_zip(workspace: Path, catalogue: Catalogue, glossary: Glossary | None) -> bytes:
    """One zip of every trainee's reviews, their draft exports and ``index.csv``."""
    buffer = io.BytesIO()
    index = io.StringIO()
    rows = csv.writer(index)
    rows.writerow(INDEX_COLUMNS)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for trainee in trainees(workspace):
            for path, info in reviews_in(folder_of(workspace, trainee)):
                saved = datetime.fromtimestamp(info.st_mtime).astimezone()
                when = saved.strftime("%d/%m/%Y %H:%M")
                done = total = ""
                problem = ""
                try:
                    raw = path.read_bytes()
                except OSError as e:
                    raw, problem = None, f"cannot be read ({e.strerror or e})"
                if raw is not None:
                    archive.writestr(f"{trainee.folder}/{path.name}", raw)
                    try:
                        review = load(path, catalogue)
                        answered, count = overall(catalogue, review)
                        done, total = str(answered), str(count)
                        md = f"{trainee.folder}/{path.stem}.md"
                        for name, data in _markdown(review, md, catalogue, glossary).items():
                            archive.writestr(name, data)
                    except UserError as e:
                        where = f"{trainee.folder}/{path.name}"
                        problem = str(e).replace(str(path), where)
                cells = (trainee.name, trainee.folder, path.name, done, total, when, problem)
                rows.writerow([_cell(c) for c in cells])
        archive.writestr("index.csv", index.getvalue().encode("utf-8"))
    return buffer.getvalue()

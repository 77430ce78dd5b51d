"""Everyone's work in one zip for the trainer to download.

For each registered trainee, ``NAME (FOLDER)/REVIEW.toml`` (the review as saved) and
``NAME (FOLDER)/REVIEW.md`` (a draft Markdown export with comments, its timeline picture
beside it when one is drawn), and ``index.csv`` listing every review. A review that
does not load is put in as saved and listed with why; it never stops the zip. The
zip's folder carries the trainee's name as typed (made safe, :func:`zip_folder`), so a
trainer can tell who is who even when the workspace's folder is ``trainee-2``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
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
ZIP_FOLDER_MAX = 60
"""The longest folder name in the zip (characters)."""
_UNSAFE = re.compile(r'[/\\:*?"<>|]+')
"""Characters that make a path or are refused by some systems' file names."""


def zip_folder(name: str, folder: str) -> str:
    """The trainee's folder in the zip: ``王芳 (trainee)``, ``Zoë O'Brien (zoe-o-brien)``.

    The name as typed, made safe: no ``/`` or ``\\`` (nor ``: * ? " < > |``), no control
    or format characters, spaces collapsed, no leading dot, no trailing dot or space, and
    the whole at most :data:`ZIP_FOLDER_MAX` characters. The workspace's folder beside it
    (unique, plain ASCII) keeps two trainees of the same name apart.
    """
    text = unicodedata.normalize("NFC", name)
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    text = " ".join(_UNSAFE.sub(" ", text).split())
    suffix = f" ({folder})"
    text = text[: max(1, ZIP_FOLDER_MAX - len(suffix))]
    text = text.lstrip(". ").rstrip(". ")
    return f"{text}{suffix}" if text else folder


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
            inside = zip_folder(trainee.name, trainee.folder)
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
                    archive.writestr(f"{inside}/{path.name}", raw)
                    try:
                        review = load(path, catalogue)
                        answered, count = overall(catalogue, review)
                        done, total = str(answered), str(count)
                        md = f"{inside}/{path.stem}.md"
                        for name, data in _markdown(review, md, catalogue, glossary).items():
                            archive.writestr(name, data)
                    except UserError as e:
                        where = f"{inside}/{path.name}"
                        problem = str(e).replace(str(path), where)
                cells = (trainee.name, trainee.folder, path.name, done, total, when, problem)
                rows.writerow([_cell(c) for c in cells])
        archive.writestr("index.csv", index.getvalue().encode("utf-8"))
    return buffer.getvalue()

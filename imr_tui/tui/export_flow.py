"""The interview's export: draft or final, Markdown or Word, and a final report's gate,
confirmation, version and private copy (the work is the core controller's,
:func:`imr_tui.core.controller.export.export_report`; this is the asking and telling)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from imr_tui.core.errors import UserError

if TYPE_CHECKING:
    from imr_tui.tui.app import IMRApp
    from imr_tui.tui.screens.export_choice import ExportChoice

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
"""What a Word file is called when it is delivered to a browser."""


def exported_notice(files: list[Path], version: int | None, *, web: bool) -> str:
    """What the author is told after an export. In a terminal: where the files were
    written. Served to a browser, the report goes to the browser's downloads, so the
    server's folders are not named (they mean nothing on the trainee's computer)."""
    what = f"Final report, version {version}" if version else "A draft"
    if web:
        kept = " A private copy of it is kept with the review." if version else ""
        return (
            f"{what} was downloaded as {files[0].name}: your browser saved it "
            f"(look in its downloads).{kept}"
        )
    names = " and ".join(str(p) for p in files)
    kept = " A private copy of it is kept beside the review." if version else ""
    return f"{what} was written to {names}.{kept}"


def export_chosen(app: IMRApp, choice: ExportChoice | None) -> None:
    """Export a draft at once; a final report is checked first (a refusal lists
    why) and then asked to be confirmed (:class:`ConfirmFinalScreen`)."""
    if choice is None or app.session is None:
        return
    if not choice.final:
        export_as(app, choice)
        return
    if app.session.read_only or app.session.lock is None:  # said at once, not after asking
        app.notify(
            f"{app.session.path}: a final report needs the review open to change, and "
            "it is open here only to read; nothing was written (a draft can be).",
            title="No final report",
            severity="error",
            timeout=10,
            markup=False,
        )
        return
    from imr_tui.core.sent_copies import copy_problems, final_path, next_version
    from imr_tui.report.final_gate import final_problems
    from imr_tui.tui.screens.export_choice import ConfirmFinalScreen, ExportChoiceScreen

    app.keep_everything()
    try:
        glossary = app.glossary or app.data_files.glossary
        problems = final_problems(app.session.review, app.catalogue, glossary, app.session.path)
    except UserError as e:
        app.notify(str(e), title="Export failed", severity="error", timeout=10, markup=False)
        return
    if problems:
        app.push_screen(ExportChoiceScreen(problems=problems, chosen=choice), app.export_chosen)
        return
    version = next_version(app.session.review, app.session.path)
    target = final_path(app.session.path, choice.fmt, version)

    def confirmed(yes: bool | None) -> None:
        if yes:
            export_as(app, choice)

    warnings = copy_problems(app.session.path, app.session.review)
    app.push_screen(ConfirmFinalScreen(version, choice.fmt, target.name, warnings), confirmed)


def export_as(app: IMRApp, choice: ExportChoice, out: Path | None = None) -> list[Path]:
    """Save, then write the report as ``choice`` says beside the review (or to
    ``out``); returns the files written. A refused final report asks again, listing
    what stops it, and writes nothing."""
    if app.session is None:
        return []
    from imr_tui.core.controller.export import Refused, export_report
    from imr_tui.core.sent_copies import final_path
    from imr_tui.report.export_files import edition_for, export_files
    from imr_tui.report.final_gate import final_problems
    from imr_tui.tui.screens.export_choice import ExportChoiceScreen

    app.keep_everything()
    app.save_now()
    catalogue, glossary = app.catalogue, app.glossary
    path = app.session.path
    warnings: list[str] = []

    def target(version: int | None) -> Path:
        if out is not None:
            return out
        if version is None:
            return path.with_suffix(f".{choice.fmt}")
        return final_path(path, choice.fmt, version)

    try:
        if glossary is None and choice.final:
            glossary = app.data_files.glossary  # says why it cannot be read
        outcome = export_report(
            app.session,
            lambda review, version: export_files(
                review, catalogue, glossary, choice.fmt, target(version), edition_for(version)
            ),
            final=choice.final,
            problems=(
                (lambda review: final_problems(review, catalogue, glossary, path))
                if glossary is not None
                else None
            ),
            warn=warnings.append,
            named=out is not None,
        )
    except UserError as e:
        app.notify(str(e), title="Export failed", severity="error", timeout=10, markup=False)
        return []
    if isinstance(outcome, Refused):
        app.push_screen(
            ExportChoiceScreen(problems=outcome.problems, chosen=choice), app.export_chosen
        )
        return []
    for warning in warnings:
        app.notify(warning, title="A kept copy is not as sent", severity="warning", markup=False)
    app.notify(
        exported_notice(outcome.files, outcome.version, web=app.is_web),
        title="Downloaded" if app.is_web else "Exported",
        timeout=8,
        markup=False,
    )
    if app.is_web:  # served to a browser: the report is downloaded there
        report = outcome.files[0]
        if choice.fmt == "md":
            app.deliver_text(report, encoding="utf-8", mime_type="text/markdown")
        else:
            app.deliver_binary(report, mime_type=DOCX_MIME)
    app.refresh_status()
    return outcome.files

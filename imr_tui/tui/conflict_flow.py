"""The review changed on disk under the session: ask the author, once, what happens.

Nothing is saved until the author chooses; Ctrl+S asks again. While the app
is hanging up there is nobody to ask, and the recovery journal keeps the
changes for the next session.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imr_tui.core.errors import UserError
from imr_tui.tui.screens.confirm import ConfirmScreen
from imr_tui.tui.screens.conflict import Choice, ConflictScreen

if TYPE_CHECKING:
    from imr_tui.tui.app import IMRApp


def ask_about_conflict(app: IMRApp) -> None:
    """Show the conflict dialog (unless it is already showing) and carry out the choice."""
    session = app.session
    if session is None or any(isinstance(s, ConflictScreen) for s in app.screen_stack):
        return
    if app.hanging_up:
        return

    def chosen(choice: Choice | None) -> None:
        try:
            if choice == "reload":
                session.reload_keeping_mine()
                show_again(app)
                app.save_now()
                app.notify("Reloaded; what you typed is kept on top.", title="Reloaded")
            elif choice == "copy":
                copy = session.keep_both()
                app.lock = session.lock
                show_again(app)
                app.notify(
                    f"Your version is saved as {copy.name}; you are working in it now.",
                    title="Kept both",
                    markup=False,
                )
            elif choice == "overwrite":
                _confirm_overwrite(app)
        except UserError as e:
            app.notify(str(e), title="Not done", severity="error", markup=False)
            app.call_later(ask_about_conflict, app)

    app.push_screen(ConflictScreen(session.conflict), chosen)


def _confirm_overwrite(app: IMRApp) -> None:
    session = app.session
    assert session is not None

    def answered(yes: bool | None) -> None:
        if not yes:
            ask_about_conflict(app)
            return
        try:
            session.overwrite()
        except UserError as e:
            app.notify(str(e), title="Not done", severity="error", markup=False)
            ask_about_conflict(app)
            return
        app.save_now()

    app.push_screen(
        ConfirmScreen(
            f"Replace {session.path.name} with your version? The other change is kept "
            "only as a backup ('imr backups' lists them).",
            yes="Overwrite",
            no="Go back",
            default_no=True,
        ),
        answered,
    )


def show_again(app: IMRApp) -> None:
    """The review in memory was replaced: show the current prompt from it."""
    from imr_tui.tui.screens.interview import InterviewScreen

    for screen in app.screen_stack:
        if isinstance(screen, InterviewScreen):
            screen.sub_title = screen.session.path.name
            if screen.step is not None:
                app.call_later(screen.go, screen.step.id)

"""The interview: sidebar of sections, one prompt at a time, status line and keys."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult, SystemCommand
from textual.command import Provider
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.screen import Screen
from textual.widgets import Header

from imr_tui.core.changes import SentComparison
from imr_tui.core.controller import Cursor
from imr_tui.core.model import Adult, Pseudonym, ReviewPeriod
from imr_tui.core.session import Session
from imr_tui.core.steps import Step, is_answered
from imr_tui.tui import keys
from imr_tui.tui.cursor_on import cursor_on
from imr_tui.tui.editor_factory import editor_for
from imr_tui.tui.literal import plain
from imr_tui.tui.messages import AnswerChanged, NextPrompt
from imr_tui.tui.screens.check import GoTo
from imr_tui.tui.screens.comments import InterviewComments
from imr_tui.tui.screens.go_to_prompt import GoToPrompt, Jump
from imr_tui.tui.widgets.comment_text import commented_steps
from imr_tui.tui.widgets.comments_pane import CommentsPane
from imr_tui.tui.widgets.prompt_pane import PromptPane
from imr_tui.tui.widgets.quiet_footer import QuietFooter
from imr_tui.tui.widgets.sidebar import Sidebar, SidebarLegend
from imr_tui.tui.widgets.status import StatusBar

if TYPE_CHECKING:
    from imr_tui.tui.app import IMRApp
    from imr_tui.tui.record_actions import RecordActions
    from imr_tui.tui.widgets.record_table import RecordTable


class InterviewScreen(InterviewComments, Screen[None]):
    """Walks the author through every prompt of the template."""

    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {GoToPrompt}
    BINDINGS = keys.bindings("interview")
    """Every key's choice, and why, is in :mod:`imr_tui.tui.keys`."""
    AUTO_FOCUS = ""
    """No focus given as the screen is composed: the first prompt's editor takes it as it
    is shown (the sidebar taking it first, then giving it up, cost a restyle of both and
    a frame before the first screen was ready); see :meth:`on_screen_resume`."""

    def __init__(
        self, session: Session, *, training: bool = False, read_only_note: str = ""
    ) -> None:
        super().__init__()
        self.session = session
        self.training = training
        self.read_only_note = read_only_note
        """Why nothing can be changed (another session has the review), or empty."""
        self.step: Step | None = None
        self.cursor = Cursor(session)
        """Where the author is; every move goes through it (the same rules as plain mode)."""
        self._answered = False
        self.sent = SentComparison()
        """The review as last sent, to mark what changed since."""
        self.changed: tuple[int, set[str]] = (0, set())
        """The version last sent and the steps changed since (none when nothing was sent)."""

    @property
    def imr(self) -> IMRApp:
        """The app, with its own methods."""
        from imr_tui.tui.app import IMRApp

        app = self.app
        assert isinstance(app, IMRApp)
        return app

    def flagged(self) -> set[str]:
        """Steps the quality checks have something to say about (beyond being unanswered,
        which the sidebar already shows)."""
        return {f.step_id for f in self.imr.findings if f.step_id and f.kind != "completeness"}

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        # The header shows them as it is mounted (set after, they redraw it after the
        # first frame).
        self.title = self.session.catalogue.title
        self.sub_title = plain(self.session.path.name)
        yield Header(icon="")
        with Horizontal(id="body"):
            with Vertical(id="side"):
                yield Sidebar()
                yield SidebarLegend()
            with Vertical(id="main"):
                yield PromptPane(training=self.training)
                yield CommentsPane()
        yield StatusBar()
        yield QuietFooter(show_command_palette=False)

    async def on_mount(self) -> None:
        keys.use_browser_keys(self.app)
        self.watch(self.imr, "findings", self.refresh_findings, init=False)
        self.changed = self.compare_sent()
        self.watch(self.imr, "save_state", self.refresh_changed, init=False)
        await self.go(self.cursor.resume_step().id)
        count = len(self.session.open_comments())
        if count:
            some = "1 open comment" if count == 1 else f"{count} open comments"
            self.notify(f"This review has {some}: F2 lists them (# in the list marks where).")

    def on_unmount(self) -> None:
        """However the app ends, what is in memory goes to the file; then others may open it."""
        self.flush()
        self.imr.save_now()
        self.imr.release_lock()

    def flush(self) -> None:
        """Take the editor's text as it is now (a hang-up can come before its last message)."""
        holders = self.query("#editor")
        if self.step is None or not holders:
            return
        for editor in holders.first().children:
            current = getattr(editor, "current_value", None)
            if callable(current):
                value = current()
                if value is not None:
                    self._apply(self.step, value)
        for pane in self.query(CommentsPane):
            pane.flush()

    # ------------------------------------------------------------------ moving
    def _steps(self) -> list[Step]:
        return self.cursor.steps()

    async def go(self, step_id: str) -> None:
        """Show the step with this id (saving first)."""
        self.imr.hold_input()
        try:
            await self._go(step_id)
        finally:
            self.imr.release_input()

    async def _go(self, step_id: str) -> None:
        step = self.step = self.cursor.go(step_id)
        self.imr.save_soon()
        steps, index = self._steps(), self.cursor.index
        where = f"{step.section.title} · prompt {index + 1} of {len(steps)}"
        notes = [self.session.catalogue.removed_heading_note if step.removed else ""]
        notes.append(self.read_only_note)
        pane = self.query_one(PromptPane)
        editor = editor_for(step, self.session, lambda: self.imr.loaded_glossary)
        editor.disabled = bool(self.read_only_note)
        note = " ".join(n for n in notes if n)
        await pane.show(step, editor, where=where, note=note, training=self.training)
        await self.show_comments(step)
        self._focus_editor()
        self._answered = is_answered(step, self.session.review)
        self.rebuild_sidebar()
        self.refresh_bindings()
        hint = keys.shown("interview", "toggle_hint", self.app.is_web)
        self.query_one(StatusBar).position = f"{hint} hint · {index + 1}/{len(steps)}"

    def _focus_editor(self) -> None:
        """Focus the editor's first text box or table now (not after the next refresh);
        with none (a read-only review), the sidebar, if nothing has the focus."""
        editor = self.query_one("#editor")
        for widget in editor.query("Input, TextArea, DataTable"):
            if widget.focusable:
                self.set_focus(widget)
                return
        self._focus_first()

    def _focus_first(self) -> None:
        """With nothing focused, the first focusable widget (as Textual's auto-focus)."""
        if self.focused is None:
            for widget in self.query("*"):
                if widget.focusable:
                    self.set_focus(widget)
                    return

    def on_screen_resume(self) -> None:
        """Back on this screen with nothing focused: the first focusable widget, as
        Textual's auto-focus would (turned off for the first prompt's sake)."""
        self._focus_first()

    async def action_next(self) -> None:
        after = self.cursor.following()
        if after is not None:
            await self.go(after.id)
        else:
            self.notify("This is the last prompt. Press Ctrl+R to review the report and export it.")

    async def action_previous(self) -> None:
        before = self.cursor.preceding()
        if before is not None:
            await self.go(before.id)
        else:
            self.notify("This is the first prompt.")

    def action_toggle_hint(self) -> None:
        self.query_one(PromptPane).toggle_hint()

    def action_toggle_model_answer(self) -> None:
        """Training mode: show or hide why it matters and the model answer."""
        self.query_one(PromptPane).toggle_model_answer()

    def action_save(self) -> None:
        self.imr.save_soon()

    def action_sidebar(self) -> None:
        self.query_one(Sidebar).focus()

    def action_review(self) -> None:
        from imr_tui.tui.screens.review import ReviewScreen

        self.imr.save_soon()
        self.app.push_screen(ReviewScreen(self.session), self.go_to_place)

    def action_check(self) -> None:
        from imr_tui.tui.screens.check import CheckScreen

        self.imr.save_soon()
        self.app.push_screen(CheckScreen(self.session.catalogue), self.go_to_place)

    def action_names(self) -> None:
        """Every mention an anonymised export replaces, in context (nothing is written)."""
        from imr_tui.tui.screens.mentions import MentionsScreen

        self.flush()
        screen = MentionsScreen(self.session, self.imr.loaded_glossary, self.session.path.name)
        self.app.push_screen(screen, self.go_to_place)

    async def go_to_place(self, place: GoTo | None) -> None:
        """Go where the author chose: the prompt; for a record, its row in the table
        and its form, open on the field concerned."""
        if place is None or not place.step_id:
            return
        await self.go(place.step_id)
        if not place.record_id:
            if place.phrase:
                cursor_on(self.query_one("#editor"), place.phrase)
            return
        from imr_tui.tui.widgets.record_table import RecordTable  # (not needed to start)

        tables = self.query(RecordTable)
        if tables and tables.first().select(place.record_id):
            table = tables.first()
            table.post_message(RecordTable.Requested("edit", place.record_id, place.field))

    def refresh_findings(self) -> None:
        """New findings (the checks follow each save): mark the prompts they concern in
        the sidebar, and those changed since the version sent."""
        self.refresh_changed()
        self.rebuild_sidebar()

    def rebuild_sidebar(self) -> None:
        """Redraw the sidebar's marks: done, checks, open comments, changed since sent."""
        if self.step is not None:
            self.query_one(Sidebar).rebuild(
                self.session,
                self.step.id,
                self.flagged(),
                commented=commented_steps(self.session),
                changed=self.changed[1],
            )

    def jumps(self) -> Iterator[tuple[str, str, Jump]]:
        """``(title, help, jump)`` for each prompt: the palette's "Go to" entries.

        The title is plain text (to show literally); the help is escaped markup,
        which is how the palette reads it.
        """
        for s in self._steps():

            async def jump(step_id: str = s.id) -> None:
                await self.go(step_id)

            yield plain(f"Go to: {s.title}"), escape(plain(f"{s.section.title} section")), jump

    def commands(self) -> Iterator[SystemCommand]:
        """The interview's own palette commands (the "Go to" entries come from
        :class:`GoToPrompt`, which shows prompt titles literally)."""
        yield SystemCommand("Review and export", "Read the whole report", self.action_review)
        yield SystemCommand(
            "Check the review", "What a review panel would send back", self.action_check
        )
        yield SystemCommand(
            "Comments",
            "Every comment on the review, open ones first; Enter goes to its place",
            self.action_all_comments,
        )
        yield SystemCommand(
            "Names in the export",
            "Every name an anonymised export replaces, in context",
            self.action_names,
        )

    # ------------------------------------------------------------------ editing
    async def on_sidebar_jump(self, message: Sidebar.Jump) -> None:
        await self.go(message.step_id)

    async def on_next_prompt(self, message: NextPrompt) -> None:
        await self.action_next()

    def on_answer_changed(self, message: AnswerChanged) -> None:
        step = self.step
        if step is None:
            return
        self._apply(step, message.value)
        self._edited(step)

    def _apply(self, step: Step, value: Any) -> None:
        kind = step.prompt.kind
        if kind == "adults":
            self.session.set_adults([Adult.model_validate(a) for a in value])
        elif kind == "pseudonyms":
            self.session.set_pseudonyms([Pseudonym.model_validate(p) for p in value])
        elif kind == "period":
            assert isinstance(value, ReviewPeriod)
            self.session.set_period(value)
        elif kind == "headings":
            self.session.set_headings(value)
        else:
            self.session.set_text(step, value)

    def _edited(self, step: Step) -> None:
        """After any edit: schedule the save; redraw the sidebar if completion changed."""
        if self.session.dirty:
            self.imr.note_change()
        answered = is_answered(step, self.session.review)
        if answered != self._answered or step.prompt.kind in ("headings",):
            self._answered = answered
            self.rebuild_sidebar()
        self.records_changed()

    def on_record_table_requested(self, message: RecordTable.Requested) -> None:
        """Add, edit, copy, move, delete or import records (see :mod:`record_actions`)."""
        self.record_actions(message.control).handle(message)

    def record_actions(self, control: object = None) -> RecordActions:
        """The actions on the records of the step on screen, in its table (the records'
        modules load when a record prompt is first used, not before the first screen)."""
        from imr_tui.tui.record_actions import RecordActions
        from imr_tui.tui.widgets.record_table import RecordTable

        step = self.step
        assert step is not None
        table = control if isinstance(control, RecordTable) else self.query_one(RecordTable)
        return RecordActions(self, self.session, step, table, self._edited)

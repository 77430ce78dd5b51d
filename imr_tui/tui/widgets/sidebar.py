"""The sidebar: sections with their completion, the current prompt marked."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree

from imr_tui.core.session import Session
from imr_tui.core.steps import is_answered, progress
from imr_tui.tui.literal import plain

CURRENT = "→"
DONE = "✓"
TODO = "○"
FLAG = "!"


class Sidebar(Tree[str]):
    """A tree of sections and prompts; selecting one asks to jump there."""

    class Jump(Message):
        """The author chose a prompt (or a section's first prompt) in the sidebar."""

        def __init__(self, step_id: str) -> None:
            super().__init__()
            self.step_id = step_id

    def __init__(self) -> None:
        super().__init__("Review", id="sidebar")
        self.show_root = False
        self.guide_depth = 2
        self._shown: list[tuple[str, str, bool, list[tuple[str, str]]]] = []

    def rebuild(self, session: Session, current: str, flagged: set[str] | None = None) -> None:
        """Redraw from the review: completion per section, marks per prompt.

        Prompts in ``flagged`` (the quality checks found something) carry a ``!``.
        """
        flagged = flagged or set()
        review = session.review
        all_steps = session.steps()
        plan: list[tuple[str, str, bool, list[tuple[str, str]]]] = []
        for part in progress(session.catalogue, review):
            mine = [s for s in all_steps if s.section.id == part.section.id]
            marked = any(s.id in flagged for s in mine)
            label = f"{part.label()} {FLAG}" if marked else part.label()
            leaves = []
            for s in mine:
                mark = CURRENT if s.id == current else DONE if is_answered(s, review) else TODO
                title = f"{s.title} (removed)" if s.removed else s.title
                flag = FLAG if s.id in flagged else " "
                leaves.append((f"{mark}{flag} {title}", s.id))
            here = any(s.id == current for s in mine)
            plan.append((label, mine[0].id if mine else "", here, leaves))
        if plan == self._shown:
            return  # nothing to redraw (and nothing to send down a slow connection)
        self._shown = plan
        self.clear()
        cursor_node = None
        for label, first, here, leaves in plan:
            # Prompt titles can be headings the author typed: plain text, never markup.
            node = self.root.add(Text(plain(label)), data=first, expand=here)
            for text, step_id in leaves:
                leaf = node.add_leaf(Text(plain(text)), data=step_id)
                if step_id == current:
                    cursor_node = leaf
        if cursor_node is not None:
            self.move_cursor(cursor_node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.Jump(event.node.data))

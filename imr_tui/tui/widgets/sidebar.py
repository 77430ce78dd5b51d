"""The sidebar: sections with their completion, the current prompt marked."""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Tree

from imr_tui.session import Session
from imr_tui.walk import is_answered, progress

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

    def rebuild(self, session: Session, current: str, flagged: set[str] | None = None) -> None:
        """Redraw from the review: completion per section, marks per prompt.

        Prompts in ``flagged`` (the quality checks found something) carry a ``!``.
        """
        flagged = flagged or set()
        review = session.review
        all_steps = session.steps()
        self.clear()
        cursor_node = None
        for part in progress(session.catalogue, review):
            mine = [s for s in all_steps if s.section.id == part.section.id]
            here = any(s.id == current for s in mine)
            first = mine[0].id if mine else ""
            marked = any(s.id in flagged for s in mine)
            label = f"{part.label()} {FLAG}" if marked else part.label()
            node = self.root.add(Text(label), data=first, expand=here)
            for s in mine:
                mark = CURRENT if s.id == current else DONE if is_answered(s, review) else TODO
                title = f"{s.title} (removed)" if s.removed else s.title
                flag = FLAG if s.id in flagged else " "
                leaf = node.add_leaf(Text(f"{mark}{flag} {title}"), data=s.id)
                if s.id == current:
                    cursor_node = leaf
        if cursor_node is not None:
            self.move_cursor(cursor_node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[str]) -> None:
        event.stop()
        if event.node.data:
            self.post_message(self.Jump(event.node.data))

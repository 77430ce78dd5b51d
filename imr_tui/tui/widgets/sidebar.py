"""The sidebar: sections with their completion, the current prompt marked.

Each prompt's line starts with its marks (:data:`MARKS` says what each means; the
legend under the tree, :class:`SidebarLegend`, and the help screen say it to the
author): where the author is, done or to do, whether the quality checks have
something to say, and, once the review has comments or a version was sent,
whether the prompt has open comments and whether it changed since that version.
"""

from __future__ import annotations

from rich.text import Text
from textual.message import Message
from textual.widgets import Static, Tree

from imr_tui.core.session import Session
from imr_tui.core.steps import is_answered, progress
from imr_tui.tui.literal import plain

CURRENT = "→"
DONE = "✓"
TODO = "○"
FLAG = "!"
COMMENTED = "#"
"""The prompt has open comments (from the panel or a trainer)."""
CHANGED = "*"
"""The prompt changed since the last version sent."""

MARKS = (
    (CURRENT, "the prompt on screen"),
    (DONE, "answered"),
    (TODO, "not answered yet"),
    (FLAG, "the check (Ctrl+F) has something to say about it"),
    (COMMENTED, "it has open comments"),
    (CHANGED, "changed since the last version sent"),
)
"""Every mark the sidebar puts before a prompt, and what it means."""

LEGEND = "\n".join(
    (
        f"{CURRENT} here  {DONE} done  {TODO} to do",
        f"{FLAG} check  {COMMENTED} comments",
        f"{CHANGED} changed since sent",
    )
)
"""The legend under the tree: every mark, in the sidebar's width."""


class SidebarLegend(Static):
    """What the sidebar's marks mean (three short lines under the tree)."""

    def __init__(self) -> None:
        super().__init__(LEGEND, id="sidebar-legend", markup=False)


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

    def rebuild(
        self,
        session: Session,
        current: str,
        flagged: set[str] | None = None,
        *,
        commented: set[str] | None = None,
        changed: set[str] | None = None,
    ) -> None:
        """Redraw from the review: completion per section, marks per prompt.

        Prompts in ``flagged`` (the quality checks found something) carry a ``!``, in
        ``commented`` (open comments) a ``#``, in ``changed`` (changed since the last
        version sent) a ``*``. The last two take a column each only when the review has
        comments or a version was sent, so a first draft keeps its titles' room.
        """
        flagged = flagged or set()
        commented = commented or set()
        changed = changed or set()
        review = session.review
        extra = bool(review.comments or review.sent)
        all_steps = session.steps()
        plan: list[tuple[str, str, bool, list[tuple[str, str]]]] = []
        for part in progress(session.catalogue, review):
            mine = [s for s in all_steps if s.section.id == part.section.id]
            marks = "".join(
                m
                for m, found in ((FLAG, flagged), (COMMENTED, commented), (CHANGED, changed))
                if any(s.id in found for s in mine)
            )
            label = f"{part.label()} {marks}" if marks else part.label()
            leaves = []
            for s in mine:
                mark = CURRENT if s.id == current else DONE if is_answered(s, review) else TODO
                title = f"{s.title} (removed)" if s.removed else s.title
                flag = FLAG if s.id in flagged else " "
                if extra:
                    flag += COMMENTED if s.id in commented else " "
                    flag += CHANGED if s.id in changed else " "
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

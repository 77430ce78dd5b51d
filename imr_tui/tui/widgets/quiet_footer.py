"""A footer that is rebuilt only when the keys it shows change.

Textual's ``Footer`` recomposes (a dozen keys mounted, their styles applied again) on every
"bindings updated" signal of its screen: each focus change and each mount, about fifteen
times per prompt change, although the keys shown change at most once or twice. In a served
workshop twenty sessions pay for that at once. :class:`QuietFooter` compares what it would
show with what it shows and recomposes only when they differ; it shows the same keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

if TYPE_CHECKING:
    from textual.screen import Screen

Shown = tuple[object, ...]
"""What a footer shows: each shown key (as the app displays it), its text, whether it is
enabled, its tooltip and group, then the command palette's key when it is shown."""


class QuietFooter(Footer):
    """Textual's ``Footer`` (same look, same keys), recomposed only when they change."""

    def __init__(self, *, show_command_palette: bool = True) -> None:
        super().__init__(show_command_palette=show_command_palette)
        self._shown: Shown | None = None

    def shown_keys(self) -> Shown:
        """What :meth:`compose` would show now (its inputs, in its order)."""
        app = self.app
        rows: list[object] = [
            (
                binding.key,
                app.get_key_display(binding),
                binding.description,
                binding.action,
                enabled,
                tooltip,
                binding.group,
            )
            for (_, binding, enabled, tooltip) in self.screen.active_bindings.values()
            if binding.show
        ]
        if self.show_command_palette and app.ENABLE_COMMAND_PALETTE:
            palette = self.screen.active_bindings.get(app.COMMAND_PALETTE_BINDING)
            if palette is not None:
                _, binding, enabled, _tooltip = palette
                display = app.get_key_display(binding)
                rows.append(("palette", binding.key, display, binding.description, enabled))
        return tuple(rows)

    def compose(self) -> ComposeResult:
        # The keys are known once the footer is on its screen: shown from its first
        # compose, it is composed again only if the first "bindings updated" signal
        # changes them (Textual's footer starts empty and always composes again then,
        # mounting its keys after the first frame).
        self.set_reactive(Footer._bindings_ready, True)
        self._shown = self.shown_keys()
        for widget in super().compose():
            if isinstance(widget, FooterKey) and "compact" in (widget._reactive_connect or {}):
                # A key bound to the footer's setting starts compact and takes the setting
                # once mounted: two restyles of each key for nothing. It starts with the
                # setting (the command palette's key, not bound, stays as it is).
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen: Screen[object]) -> None:
        """As Textual's footer, but the recompose is skipped when nothing shown changed."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self.shown_keys() != self._shown:
            await self.recompose()

"""A served session's processor time, measured in one process at 80x24 (no server).

Typing: 100 keys at 5 a second into the summary, in training mode; processor time as a
share of one processor, and the frames drawn (whole screen / partial). Prompt changes:
11 Ctrl+N from the first prompt, then 11 Ctrl+P back; processor time per change and the
footer's rebuilds. ``python benchmarks/serve_inprocess.py`` runs each case in a fresh
process: the three cuts undone ("before"), only one of them kept ("reactives", "count",
"footer") and as the code is ("after").
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TEXT = (
    "Trainee 00 notes that the district nurse visited Edith Marlow at home on three "
    "occasions in March 2024, that each visit was recorded"
)[:100]
CASES = ("before", "reactives", "count", "footer", "after")
"""No cut, each cut alone, all three."""


def undo_cuts(keep: str) -> None:
    """Put back what the code did before the cuts (whole-screen repaints from the app's
    reactives, a word-count update on every change, a footer rebuilt on every signal),
    all but the one named ``keep``."""
    from textual.widgets import Footer, Static

    import imr_tui.tui.app as app_module
    from imr_tui.tui.widgets.long_text_editor import LongTextEditor
    from imr_tui.tui.widgets.quiet_footer import QuietFooter

    if keep != "reactives":
        for name in ("findings", "save_state", "model_answers"):
            getattr(app_module.IMRApp, name)._repaint = True
    if keep != "footer":
        QuietFooter.bindings_changed = Footer.bindings_changed  # type: ignore[method-assign]
        QuietFooter.compose = Footer.compose  # type: ignore[method-assign]
    if keep == "count":
        return

    def on_text_area_changed(self: LongTextEditor, event: Any) -> None:
        from imr_tui.tui.messages import AnswerChanged

        event.stop()
        text = event.text_area.text
        self.query_one("#word-count", Static).update(self._count(text), layout=False)
        if self.abbreviations is not None:
            self.abbreviations.watch_text(text)
        self.post_message(AnswerChanged(text))

    LongTextEditor.on_text_area_changed = on_text_area_changed  # type: ignore[method-assign]


def count_frames() -> dict[str, int]:
    """Count the compositor's whole-screen and partial updates."""
    from textual._compositor import Compositor

    frames = {"full": 0, "partial": 0}
    full, partial = Compositor.render_full_update, Compositor.render_partial_update

    def counted_full(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        frames["full"] += 1
        return full(self, *args, **kwargs)

    def counted_partial(self: Compositor, *args: Any, **kwargs: Any) -> Any:
        frames["partial"] += 1
        return partial(self, *args, **kwargs)

    Compositor.render_full_update = counted_full  # type: ignore[method-assign]
    Compositor.render_partial_update = counted_partial  # type: ignore[method-assign]
    return frames


def count_rebuilds() -> list[int]:
    """Count the footers' rebuilds."""
    from imr_tui.tui.widgets.quiet_footer import QuietFooter

    rebuilt: list[int] = []
    real = QuietFooter.recompose

    async def counted(self: QuietFooter) -> None:
        rebuilt.append(1)
        await real(self)

    QuietFooter.recompose = counted  # type: ignore[method-assign, assignment]
    return rebuilt


def review(resume: str) -> Path:
    """A new review that opens at ``resume``."""
    from imr_tui.core.catalogue import load_catalogue
    from imr_tui.core.store import create, load, save

    path = Path(tempfile.mkdtemp()) / "r.toml"
    create(path, load_catalogue())
    started = load(path)
    started.resume = resume
    save(path, started, load_catalogue())
    return path


async def measure(case: str) -> str:
    """One case's figures, as a line of the table."""
    if case != "after":
        undo_cuts(case)
    frames, rebuilt = count_frames(), count_rebuilds()
    from imr_tui.core.data_files import DataFiles
    from imr_tui.tui.app import create_app

    data = DataFiles.resolve(None)
    app = create_app(data.catalogue, path=review("summary"), training=True, data_files=data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.5)
        frames.update(full=0, partial=0)
        cpu, start = time.process_time(), time.perf_counter()
        for i, ch in enumerate(TEXT):
            await pilot.press("space" if ch == " " else ch)
            await asyncio.sleep(max(0.0, start + (i + 1) * 0.2 - time.perf_counter()))
        await pilot.pause(1.0)
        typing = 100 * (time.process_time() - cpu) / (time.perf_counter() - start)
        typed = dict(frames)
    app = create_app(data.catalogue, path=review("agency"), training=True, data_files=data)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(1.5)
        per: dict[str, float] = {}
        rebuilds: dict[str, int] = {}
        for key in ("ctrl+n", "ctrl+p"):
            rebuilt.clear()
            cpu = time.process_time()
            for _ in range(11):
                await pilot.press(key)
                await pilot.pause()
            per[key] = 1000 * (time.process_time() - cpu) / 11
            rebuilds[key] = len(rebuilt)
    return (
        f"| {case} | {typing:.1f} | {typed['full']} / {typed['partial']} | "
        f"{per['ctrl+n']:.0f} / {per['ctrl+p']:.0f} | "
        f"{rebuilds['ctrl+n']} / {rebuilds['ctrl+p']} |"
    )


def main() -> None:
    """Each case in a fresh process, alternating, ``--rounds N`` times (default 2)."""
    if len(sys.argv) > 2 and sys.argv[1] == "--case":
        print(asyncio.run(measure(sys.argv[2])))
        return
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 2
    print(
        "| case | typing % of a processor | frames full / partial | ms per change next / back"
        " | footer rebuilds next / back (11 each) |"
    )
    print("| --- | --- | --- | --- | --- |")
    for _ in range(rounds):
        for case in CASES:
            run = subprocess.run(
                [sys.executable, __file__, "--case", case],
                capture_output=True,
                text=True,
                check=True,
            )
            print(run.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()

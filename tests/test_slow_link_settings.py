"""Over SSH the interview asks the terminal for fewer reports and sends fewer bytes.

The settings themselves (which, when, and that the administrator's win), then the
real interview in a pseudo-terminal: over SSH it asks for clicks and drags but not
for bare mouse movement or focus changes, and a click still works; elsewhere it is
Textual as it comes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from poor_link import PtyScreen

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.store import create, load, save
from imr_tui.tui.link_settings import LINK_DRIVER, apply_link_settings, over_ssh

SSH = {"SSH_CONNECTION": "192.0.2.7 50022 192.0.2.1 22"}
TEXTUAL_DRIVER = "textual.drivers.linux_driver:LinuxDriver"


def test_nothing_changes_outside_ssh() -> None:
    for env in ({}, {"SSH_CONNECTION": ""}, {"COLORTERM": "truecolor"}):
        before = dict(env)
        assert not over_ssh(env)
        assert apply_link_settings(env) == {}
        assert env == before


@pytest.mark.parametrize("variable", ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"])
def test_over_ssh_the_quiet_driver_and_no_animations(variable: str) -> None:
    env = {variable: "/dev/pts/3" if variable == "SSH_TTY" else "192.0.2.7 50022 22"}
    applied = apply_link_settings(env)
    assert applied == {"TEXTUAL_DRIVER": LINK_DRIVER, "TEXTUAL_ANIMATIONS": "none"}
    assert env == {variable: env[variable], **applied}


def test_24_bit_colour_asked_for_over_ssh_becomes_256() -> None:
    for colorterm in ("truecolor", "24bit", "TrueColor"):
        env = {**SSH, "COLORTERM": colorterm}
        assert apply_link_settings(env)["TEXTUAL_COLOR_SYSTEM"] == "256"
    env = {**SSH, "COLORTERM": "yes"}
    assert "TEXTUAL_COLOR_SYSTEM" not in apply_link_settings(env)


def test_what_the_administrator_set_wins() -> None:
    env = {
        **SSH,
        "COLORTERM": "truecolor",
        "TEXTUAL_DRIVER": TEXTUAL_DRIVER,
        "TEXTUAL_ANIMATIONS": "full",
        "TEXTUAL_COLOR_SYSTEM": "truecolor",
    }
    before = dict(env)
    assert apply_link_settings(env) == {}
    assert env == before


def _interview(folder: Path, catalogue: Catalogue, **settings: str) -> PtyScreen:
    path = folder / "a.toml"
    path.unlink(missing_ok=True)
    review = create(path, catalogue)
    review.resume = "summary"
    save(path, review, catalogue)
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SSH_", "TEXTUAL_")) and k not in ("COLORTERM", "TMUX")
    }
    env.update(TERM="xterm-256color", **settings)
    term = PtyScreen([sys.executable, "-m", "imr_tui", path.name], folder, env)
    if term.until(lambda: "0 words" in term.text(), 30) is None:
        term.close()
        raise AssertionError("the interview did not open:\n" + term.text())
    term.quiet(0.5)
    return term


def test_over_ssh_the_interview_asks_for_clicks_but_not_movement_or_focus(
    tmp_path: Path, catalogue: Catalogue
) -> None:
    term = _interview(tmp_path, catalogue, **SSH)
    try:
        assert term.modes == {"drag"}  # clicks, the wheel and drags; no bare movement, no focus
        assert "▼ Summary" in term.text()
        term.send(b"\x1b[<0;5;4M\x1b[<0;5;4m")  # a click on the open section's name
        assert term.until(lambda: "▶ Summary" in term.text(), 10), term.text()  # it closes
        term.send(b"Dorothy")
        assert term.until(lambda: "Dorothy" in term.text(), 10), term.text()
    finally:
        term.close(b"\x11")
    assert load(tmp_path / "a.toml", catalogue).answer("summary") == "Dorothy"


@pytest.mark.parametrize("settings", [{}, {**SSH, "TEXTUAL_DRIVER": TEXTUAL_DRIVER}])
def test_elsewhere_or_when_the_administrator_says_so_textual_as_it_comes(
    tmp_path: Path, catalogue: Catalogue, settings: dict[str, str]
) -> None:
    term = _interview(tmp_path, catalogue, **settings)
    try:
        assert {"motion", "focus"} <= term.modes
    finally:
        term.close(b"\x11")


def test_the_documented_way_back_to_textuals_driver_is_valid(tmp_path: Path) -> None:
    from test_ssh import SSHD, _keygen, documented_block

    config = documented_block("# /etc/ssh/sshd_config.d/imr-tui.conf")
    snippet = documented_block("    # Textual's own terminal driver")
    [line] = [line.strip() for line in snippet.splitlines() if line.strip().startswith("SetEnv")]
    assert line == f"SetEnv TEXTUAL_DRIVER={TEXTUAL_DRIVER}"
    module, name = TEXTUAL_DRIVER.split(":")
    assert getattr(__import__(module, fromlist=[name]), name)  # the class is there
    key = tmp_path / "host_ed25519"
    _keygen(key)
    full = tmp_path / "sshd_config"
    full.write_text(f"HostKey {key}\nPidFile {tmp_path / 'pid'}\nUsePAM no\n{config}{snippet}")
    Path("/run/sshd").mkdir(parents=True, exist_ok=True)
    result = subprocess.run([SSHD, "-t", "-f", str(full)], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_textual_already_imported_still_takes_the_settings() -> None:
    script = (
        "import textual.constants as c\n"
        "from imr_tui.tui.link_settings import apply_link_settings\n"
        "apply_link_settings()\n"
        "print(c.DRIVER, c.TEXTUAL_ANIMATIONS, c.COLOR_SYSTEM)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SSH_", "TEXTUAL_"))}
    env.update(SSH, COLORTERM="truecolor")
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.stdout.split() == [LINK_DRIVER, "none", "256"], result.stderr


def test_a_session_served_to_a_browser_keeps_its_driver_and_colours() -> None:
    """``imr serve`` may itself run in an SSH session: its browser sessions inherit
    the SSH variables but are not at the end of that link."""
    from imr_tui.tui.link_settings import apply_link_settings

    for driver in (
        "textual.drivers.web_driver:WebDriver",
        "imr_tui.web.session_driver:SessionDriver",
    ):
        env = {
            "SSH_CONNECTION": "192.0.2.1 5000 192.0.2.2 22",
            "TEXTUAL_DRIVER": driver,
            "COLORTERM": "truecolor",
        }
        assert apply_link_settings(env) == {}
        assert env["TEXTUAL_DRIVER"] == driver and "TEXTUAL_COLOR_SYSTEM" not in env

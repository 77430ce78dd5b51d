"""The page in a real browser: the token leaves the address bar once the page has
loaded, and the session still runs (the cookie carries the token from then on)."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from serve_helpers import TOKENS, claim_one, real_server
from test_serve import CHROMIUM_FLAGS, chromium
from tui_helpers import catalogue

from imr_tui.core.store import create


@pytest.mark.parametrize("path", ["/", "/trainer"])
def test_the_token_leaves_the_address_bar_and_the_session_runs(tmp_path: Path, path: str) -> None:
    review = tmp_path / "review.toml"
    create(review, catalogue())
    (tmp_path / "claims").mkdir()
    command = claim_one([review], tmp_path / "claims")
    token = TOKENS.trainee if path == "/" else TOKENS.trainer
    with (
        real_server(tmp_path, command, trainer=command) as served,
        sync_playwright() as p,
        tempfile.TemporaryDirectory() as profile,
    ):
        browser = p.chromium.launch_persistent_context(
            profile, executable_path=chromium(), args=CHROMIUM_FLAGS, headless=True
        )
        try:
            page = browser.pages[0] if browser.pages else browser.new_page()
            page.goto(f"{served.base}{path}?token={token}&fontsize=15")
            # The session's first bytes came over the websocket, which carries no token
            # in its address: the cookie did.
            page.wait_for_function("document.body.className.includes('-first-byte')")
            assert token not in page.url
            assert page.url == f"{served.base}{path}?fontsize=15"
        finally:
            browser.close()

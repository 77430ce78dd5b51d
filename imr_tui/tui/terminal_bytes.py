"""Bytes from the terminal that are not UTF-8 become U+FFFD, never a crash.

Textual decodes what the terminal sends strictly: one invalid byte (a paste
from a program using another encoding, a line noise burst on a modem-like
link) raises inside its input thread, which then dies, and the author can
type nothing more. Its drivers are given a decoder that replaces such bytes
with U+FFFD, the replacement character, instead; the app tells the author.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from typing import Any

REPLACEMENT = "\ufffd"


def _replacing(encoding: str) -> Callable[..., codecs.IncrementalDecoder]:
    decoder = codecs.getincrementaldecoder(encoding)

    def make(errors: str = "replace", **kwargs: Any) -> codecs.IncrementalDecoder:
        return decoder(errors="replace", **kwargs)

    return make


def replace_bad_bytes() -> None:
    """Make every Textual driver decode terminal input with replacement (idempotent)."""
    from textual.drivers import linux_driver, linux_inline_driver, web_driver

    for module in (linux_driver, linux_inline_driver, web_driver):
        module.getincrementaldecoder = _replacing  # type: ignore[attr-defined]

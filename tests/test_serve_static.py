"""The page's own files are served, never a listing of the folders that hold them."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest
from test_serve import served as served  # the fixture: imr serve on a free port


def test_no_folder_of_the_page_is_listed(served: tuple[str, Path]) -> None:
    url, _ = served
    base, query = url.split("?")
    with urllib.request.urlopen(f"{base}static/js/textual.js?{query}", timeout=10) as page:
        assert page.status == 200 and page.read(100)
    for folder in ("static", "static/", "static/js", "static/js/", "static/css/", "static//"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{base}{folder}?{query}", timeout=10)
        assert refused.value.code == 404, folder
    with pytest.raises(urllib.error.HTTPError) as refused:  # the token is asked first
        urllib.request.urlopen(f"{base}static/", timeout=10)
    assert refused.value.code == 403

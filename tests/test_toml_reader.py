"""The one TOML reader (``imr_tui.core.toml_files.loads``): the compiled ``tomli`` when
it can be imported, the standard library's ``tomllib`` otherwise, each failure the same
one line naming the file, line and column whichever reader is in use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from imr_tui.core import toml_files
from imr_tui.core.errors import UserError

BROKEN = {
    "value": "a = 1\nb = \n",
    "end": "a = [1,\n",
    "escape": 'x = "\\q"\n',
    "twice": "[a]\n[a]\n",
    "trailing": "a = 0x\n",
}
"""Broken TOML texts, one per kind of mistake an author makes by hand."""

SCRIPT = """
import json, sys
from pathlib import Path
if sys.argv[1] == "without":
    sys.modules["tomli"] = None  # as if the compiled wheel could not be imported
from imr_tui.core import toml_files
from imr_tui.core.errors import UserError
out = {"reader": toml_files.READER, "messages": {}}
for name, text in json.loads(sys.argv[2]).items():
    path = Path(sys.argv[3]) / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    try:
        toml_files.read_toml(path, "review file")
    except UserError as e:
        out["messages"][name] = str(e)
print(json.dumps(out))
"""


def _run(mode: str, folder: Path) -> dict[str, object]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, mode, json.dumps(BROKEN), str(folder)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    found: dict[str, object] = json.loads(done.stdout)
    return found


def test_the_compiled_reader_is_used_and_is_compiled() -> None:
    assert toml_files.READER == "tomli"
    assert toml_files.loads('a = 1\n[b]\nc = "d"\n') == {"a": 1, "b": {"c": "d"}}
    # the mypyc-compiled wheel, not tomli's pure-Python fallback
    assert Path(sys.modules["tomli._parser"].__file__ or "").suffix == ".so"


def test_without_tomli_the_standard_library_reads_with_the_same_messages(tmp_path: Path) -> None:
    (tmp_path / "with").mkdir()
    (tmp_path / "without").mkdir()
    compiled = _run("with", tmp_path / "with")
    fallback = _run("without", tmp_path / "without")
    assert compiled["reader"] == "tomli"
    assert fallback["reader"] == "tomllib"
    shown = {
        name: str(text).replace(str(tmp_path / "with"), "F")
        for name, text in dict(compiled["messages"]).items()  # type: ignore[call-overload]
    }
    fallback_shown = {
        name: str(text).replace(str(tmp_path / "without"), "F")
        for name, text in dict(fallback["messages"]).items()  # type: ignore[call-overload]
    }
    assert shown == fallback_shown
    assert shown == {
        "value": "F/value.toml: line 2, column 5: invalid value (not valid TOML)",
        "end": "F/end.toml: at the end of the file: invalid value (not valid TOML)",
        "escape": "F/escape.toml: line 1, column 8: unescaped '\\' in a string (not valid TOML)",
        "twice": "F/twice.toml: line 2, column 3: cannot declare ('a',) twice (not valid TOML)",
        "trailing": "F/trailing.toml: line 1, column 6: expected newline or end of document"
        " after a statement (not valid TOML)",
    }


@pytest.mark.parametrize("opener", ["[" * 5000 + "]" * 5000, "{b=" * 5000 + "1" + "}" * 5000])
def test_nesting_too_deep_is_one_line(tmp_path: Path, opener: str) -> None:
    path = tmp_path / "deep.toml"
    path.write_text(f"a = {opener}\n", encoding="utf-8")
    with pytest.raises(UserError) as info:
        toml_files.read_toml(path, "review file")
    assert str(info.value) == f"{path}: tables or arrays nest deeper than a review file ever does"


def test_no_module_reads_toml_but_the_one_function(repo_root: Path) -> None:
    users = [
        str(p.relative_to(repo_root))
        for p in sorted((repo_root / "imr_tui").rglob("*.py"))
        if "tomllib" in p.read_text(encoding="utf-8") and p.name != "toml_files.py"
    ]
    assert users == []

"""Accepting an abbreviation with the author's own meaning, or as written, from the
interview's Check screen and from ``imr check --accept``: what the author is told, what
is saved, and what the export's glossary prints; hostile meanings stay literal."""

from __future__ import annotations

from pathlib import Path

from conftest import Imr
from tui_helpers import (
    SIZE,
    finding_labels,
    go_to,
    highlight_abbreviation,
    keys_for,
    make_app,
    review_with_event,
    settled,
    type_text,
    until,
)

from imr_tui.core.store import load
from imr_tui.tui.app import IMRApp
from imr_tui.tui.screens.check import CheckScreen, MeaningScreen

HOSTILE = "Home [bold]visit[/bold] [@click=app.quit]by the team"


def _review(tmp_path: Path) -> Path:
    """A review whose chronology uses HV (for a home visit: a sense the glossary has as
    its second), DNA'd (one sense) and GP (one meaning)."""
    return review_with_event(tmp_path, "HV by the nurse; she DNA'd the clinic and saw her GP.")


def _told(app: IMRApp) -> list[str]:
    """Record what the app tells the author in notifications from now on."""
    said: list[str] = []
    original = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        said.append(message)
        original(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return said


def _toasts(app: IMRApp) -> list[str]:
    """The notices on screen, as shown."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def test_the_check_screen_takes_the_authors_own_meaning(tmp_path: Path) -> None:
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        said = _told(app)
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "the check screen")
        await until(pilot, lambda: any('"HV"' in x for x in finding_labels(app)), "the HV finding")
        assert any("Health Visitor; Home Visit" in x for x in finding_labels(app))
        # DNA'd is offered only the sense it has.
        dna = next(x for x in finding_labels(app) if '"DNA"' in x)
        assert "(Did Not Attend)" in dna and "Deoxyribonucleic" not in dna

        await highlight_abbreviation(app, pilot, "HV")
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, MeaningScreen), "the meaning box")
        await pilot.press(*keys_for(HOSTILE), "enter")  # typed, as an author does
        await until(pilot, lambda: isinstance(app.screen, CheckScreen), "back to the check")
        assert said[-1] == f'"HV" means "{HOSTILE}" in this review.'
        await until(pilot, lambda: any(HOSTILE in n for n in _toasts(app)), "the notice")
        assert app.is_running  # shown literally: no markup acted on

        # a on DNA'd: accepted with the sense it has, and the author is told so.
        await highlight_abbreviation(app, pilot, "DNA")
        await pilot.press("a")
        await until(pilot, lambda: not any('"DNA"' in x for x in finding_labels(app)), "DNA gone")
        assert said[-1].startswith(
            '"DNA" is accepted for this review with the meaning its uses have, '
            '"Did Not Attend": the export\'s glossary prints that'
        )
        # a on GP: the notice names the meaning the glossary will print.
        await highlight_abbreviation(app, pilot, "GP")
        await pilot.press("a")
        await until(pilot, lambda: not any('"GP"' in x for x in finding_labels(app)), "GP gone")
        assert said[-1].startswith(
            '"GP" is accepted for this review: the export\'s glossary prints '
            '"General Practitioner" (to give another meaning: imr glossary '
        )
        await settled(pilot, app)
        assert not any(f.abbreviation for f in app.findings)
    saved = load(path)
    assert saved.abbreviation_meanings == {"HV": HOSTILE, "DNA": "Did Not Attend"}
    assert set(saved.accepted_abbreviations) == {"HV", "DNA", "GP"}


async def test_a_on_an_ambiguous_one_says_every_meaning_is_printed(tmp_path: Path) -> None:
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        said = _told(app)
        await settled(pilot, app)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: any('"HV"' in x for x in finding_labels(app)), "the HV finding")
        await highlight_abbreviation(app, pilot, "HV")
        await pilot.press("a")
        await until(pilot, lambda: bool(said), "the notice")
        assert said[-1].startswith(
            '"HV" is accepted as written, but it has more than one meaning (Health Visitor; '
            "Home Visit): the export's glossary prints every one"
        )
        # The check asks which, so m can give it.
        await until(
            pilot,
            lambda: any("accepted, but which meaning" in x for x in finding_labels(app)),
            "asked",
        )
        await settled(pilot, app)
    saved = load(path)
    assert "HV" in saved.accepted_abbreviations and "HV" not in saved.abbreviation_meanings


def _glossary_rows(markdown: str) -> dict[str, str]:
    rows: dict[str, str] = {}
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0] and not set(cells[0]) <= set("-: "):
            rows.setdefault(cells[0], cells[1])
    return rows


def test_imr_check_accept_saves_the_meaning_the_export_prints(imr: Imr, tmp_path: Path) -> None:
    _review(tmp_path)
    result = imr(
        "check", "r.toml", "--accept", "HV=Home visit", "--accept", "dna", "--accept", "GP"
    )
    assert result.returncode == 1, result.stderr  # other findings remain
    lines = result.stdout.splitlines()
    assert (
        lines[0] == '"HV" is accepted for this review: the export\'s glossary prints "Home visit".'
    )
    assert lines[1].startswith('"DNA" is accepted for this review with the meaning its uses')
    assert lines[2].startswith('"GP" is accepted for this review: the export\'s glossary prints')
    assert '"HV"' not in result.stdout.split("\n", 3)[3]  # the report no longer queries it
    saved = load(tmp_path / "r.toml")
    assert saved.abbreviation_meanings == {"HV": "Home visit", "DNA": "Did Not Attend"}
    assert set(saved.accepted_abbreviations) == {"HV", "DNA", "GP"}
    export = imr("export", "r.toml", "-o", "r.md")
    assert export.returncode == 0, export.stderr
    rows = _glossary_rows((tmp_path / "r.md").read_text(encoding="utf-8"))
    assert rows["HV"] == "Home visit"
    assert rows["DNA"] == "Did Not Attend"
    assert rows["GP"] == "General Practitioner"


def test_imr_check_accept_keeps_a_hostile_meaning_literal(imr: Imr, tmp_path: Path) -> None:
    _review(tmp_path)
    result = imr("check", "r.toml", "--accept", f"HV={HOSTILE}")
    assert result.stdout.splitlines()[0] == (
        f'"HV" is accepted for this review: the export\'s glossary prints "{HOSTILE}".'
    )
    assert load(tmp_path / "r.toml").abbreviation_meanings == {"HV": HOSTILE}


def test_imr_check_accept_refuses_bad_input_in_one_line(imr: Imr, tmp_path: Path) -> None:
    path = _review(tmp_path)
    before = path.read_bytes()
    cases = [
        (["--accept", "=x"], "r.toml: --accept '=x': the abbreviation (ABBR) is empty"),
        (["--accept", "o\x1bs=x"], "r.toml: --accept 'o\\x1bs=x': the abbreviation has a control"),
        (["--accept", "HV="], "--accept 'HV=': the meaning of 'HV' (MEANING) is empty"),
        (["--accept", "HV=a\x1b[31mb"], "the meaning of 'HV' has a control character"),
        (["--accept", "H V=x"], "an abbreviation is one word"),
        (
            ["--accept", "GP", "--accept", "TNV=Tissue viability nurse"],
            "r.toml: --accept TNV: the review does not use 'TNV' (a typo?); nothing was changed",
        ),
    ]
    for args, says in cases:
        result = imr("check", "r.toml", *args)
        assert result.returncode == 2, (args, result.stdout)
        assert says in result.stderr, (args, result.stderr)
        assert "\x1b" not in result.stderr, args  # a control character is never echoed raw
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
        assert result.stdout == ""
        assert path.read_bytes() == before, args


async def test_the_line_under_an_answer_gives_a_forms_one_sense(tmp_path: Path) -> None:
    """Typing "DNA'd" names Did Not Attend under the answer, never the other meaning."""
    path = _review(tmp_path)
    app = make_app(path)
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot, app)
        await go_to(pilot, "summary")
        await type_text(pilot, "She DNA'd twice; pt seen at home.")

        def line() -> str:
            return str(app.screen.query_one(".abbreviations").render())

        await until(pilot, lambda: "DNA" in line(), "the abbreviation line")
        assert line() == "Write out: DNA = Did Not Attend; pt = Patient"
        await settled(pilot, app)


def test_imr_check_accept_says_which_meaning_it_replaces(imr: Imr, tmp_path: Path) -> None:
    _review(tmp_path)
    imr("check", "r.toml", "--accept", "HV=Home visit by the district nursing team")
    result = imr("check", "r.toml", "--accept", "HV=Home visit")
    assert result.stdout.splitlines()[0] == (
        '"HV" is accepted for this review: the export\'s glossary prints "Home visit" '
        'instead of "Home visit by the district nursing team".'
    )
    assert load(tmp_path / "r.toml").abbreviation_meanings == {"HV": "Home visit"}

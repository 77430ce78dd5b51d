"""The faster checks find exactly what they found before (issue 20).

The findings of the synthetic reviews of 100, 1,000 and 5,000 entries are held to the
ones the checks gave before they were made faster (their count and a digest of every
finding, in order: the same list, the same wording). The shortcuts are held to the
rule they stand in for, on the labelled corpus and on hostile text: a text the joined
search passes over is one the check finds nothing in.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from imr_tui.checks import load_glossary, run_checks, text_index
from imr_tui.checks.analysis_text import _words_pattern, normalised
from imr_tui.checks.glossary import Glossary
from imr_tui.checks.unknown_abbreviations import may_be_unknown, unknown_abbreviations
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.contact_gaps import SPACES, records_no_contact
from imr_tui.core.model import ChronologyEntry

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from check_quality import load_corpus  # noqa: E402
from synth import review as synthetic_review  # noqa: E402

BEFORE = {
    100: (49, "96afbae1df3d55f0893f84044e4bd46cb3cf440173dd69eac20c41e9d2f1b7e8"),
    1000: (185, "33a235b56339facd3bff38e2c42e30de0ee48919bb3266ff1ff3ff85fa9a8e0a"),
    5000: (848, "71523fb2205b9b62d0d3f362655c3266ce16e0f1e05f1be9c6ab553debaa324a"),
}
"""Per size: how many findings the checks gave before they were made faster, and the
SHA-256 of their ``repr`` (every field of every finding, in order)."""

HOSTILE = [
    "",
    " ",
    "\x00",
    "She failed to engage\x00 and was non-compliant",
    "[bold]TBC[/bold] [@click=app.quit]GP[/]",
    "The nurse FAİLED TO attend; ſhe was NONCOMPLIANT with the GP",
    "The \u212aelvin nurse failed to visit the GP",
    "ΟΔΥΣΣΕΥΣ failed to engage with the CPN",
    "She ‘chose’ to self‐neglect and was non‑compliant",
    "N/A",
    "x x x",
    "Attended the A&E; PPN (Public Protection Notice) raised, MARAC referral by DS",
    "tab\there\u2028line\x1cthe patient REFUSED MEDICATION!!! ,,;",
    "Z" * 300 + " failed to",
    "She was manipulative and attention seeking; the staff failed her.",
]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary()


@pytest.fixture(scope="module")
def corpus() -> list[str]:
    """The labelled corpus's texts (full of what the checks look for) and hostile ones."""
    texts = [item.text for items in load_corpus().values() for item in items]
    texts += [v for items in load_corpus().values() for item in items for v in item.fields.values()]
    return list(dict.fromkeys([*texts, *HOSTILE]))


@pytest.mark.parametrize("entries", sorted(BEFORE))
def test_synthetic_review_findings_are_those_found_before(
    catalogue: Catalogue, glossary: Glossary, entries: int
) -> None:
    review = synthetic_review(catalogue, entries, answer_bytes=200_000, seed=entries)
    found = run_checks(catalogue, review, glossary, date(2025, 1, 1))
    count, digest = BEFORE[entries]
    kinds = Counter(f.kind for f in found)
    assert len(found) == count, kinds
    assert hashlib.sha256(repr(found).encode()).hexdigest() == digest, kinds
    again = run_checks(catalogue, review, glossary, date(2025, 1, 1))
    assert again == found  # what one run remembers changes nothing in the next


def test_joined_search_finds_each_text_a_pattern_is_in() -> None:
    texts = ["no", "the GP came", "", "GP", "a\x00GP", "xGP", "GPs and GP"]
    pattern = re.compile(r"(?<!\w)GP(?!\w)")
    found = text_index.candidates(texts, pattern)
    assert found == {1, 3, 4, 6}  # 4 holds the separator: always read on its own
    assert text_index.candidates(["GP GP", "x"], pattern) == {0}
    assert text_index.candidates([], pattern) == set()


def test_language_shortcut_passes_over_only_texts_with_no_phrase(
    glossary: Glossary, corpus: list[str]
) -> None:
    matcher = glossary.language.matcher()
    maybe = matcher.may_hit(corpus)
    hit = {i for i, text in enumerate(corpus) if matcher.hits(text)}
    assert len(hit) > 100  # the corpus is full of phrases: the test means something
    assert hit <= maybe
    assert len(maybe) < len(corpus)  # and the shortcut passes over some texts


def test_abbreviation_shortcuts_pass_over_only_texts_with_none(
    glossary: Glossary, corpus: list[str]
) -> None:
    blob, starts = text_index.joined(corpus)
    known = glossary.may_match(corpus, blob, starts)
    unknown = may_be_unknown(corpus, blob, starts)
    has_known = {i for i, t in enumerate(corpus) if glossary.matches(t)}
    has_unknown = {i for i, t in enumerate(corpus) if unknown_abbreviations(t, glossary)}
    assert len(has_known) > 20 and len(has_unknown) > 5
    assert has_known <= known
    assert has_unknown <= unknown


def test_normalised_is_the_pattern_rule(corpus: list[str]) -> None:
    spaces, trailing = re.compile(r"\s+"), re.compile(r"[\s.!;:,]+$")
    for text in [*corpus, " See above. \n", "TBC ;\t,\n", "\u3000N/A\u2029", "a .b .", "\n"]:
        assert normalised(text) == trailing.sub("", spaces.sub(" ", text).strip()).casefold()


def test_word_lists_match_the_same_with_and_without_the_look_ahead(
    catalogue: Catalogue, corpus: list[str]
) -> None:
    s = catalogue.checks
    lists = [
        (s.reasoning_words, False),
        (s.stock_phrases, False),
        (s.narrative_words, True),
        (s.source_words, True),
        (["self-neglect*", "didn't", "plan ... lists", "A&E", "*x", "non-complian*"], False),
    ]
    for words, whole in lists:
        quick = _words_pattern(tuple(words), whole)
        plain = _words_pattern(tuple(words), whole, quick=False)
        assert quick is not None and plain is not None
        assert quick.pattern != plain.pattern
        for text in corpus:
            assert [m.span() for m in quick.finditer(text)] == [
                m.span() for m in plain.finditer(text)
            ]
            assert quick.sub(" ", text) == plain.sub(" ", text)


def _no_contact_before(entry: ChronologyEntry, phrases: list[str], short: tuple[str, ...]) -> bool:
    """The no-contact rule as it was written before it was made faster."""
    wanted = tuple(" ".join(p.casefold().split()) for p in phrases if p.strip())
    if not wanted:
        return False
    for cid, text in entry.cells.items():
        cell = " ".join(text.casefold().split()).lstrip("\"'‘“([-–—•* ")
        if cell.startswith(wanted) or (cid in short and any(p in cell for p in wanted)):
            return True
    return False


def test_no_contact_rule_reads_cells_as_before(catalogue: Catalogue) -> None:
    phrases = [*catalogue.checks.no_contact_words, "Straße closed", "  ", "ẞ"]
    starts = [
        "No contact",
        "  \u3000 “(No   CONTACT with the agency",
        " " * 400 + "no contact since May",
        "-" * 400 + "No contact",
        "\u2028•* no\u00a0contact",
        "STRASSE CLOSED all week",
        "ßtraße closed",
        "ss",
        "Nothing happened",
        "She said there had been no contact from her son",
        "",
        "\x00No contact",
        "[bold]No contact[/bold]",
        "Nо contact",  # a Cyrillic o: not the phrase
    ]
    cells = [("event", s) for s in starts] + [("contact_type", s) for s in starts]
    cells += [("event", s + " " + "x" * 1000) for s in starts]
    short = ("contact_type", "practitioner")
    said = 0
    for column, text in cells:
        entry = ChronologyEntry(id="e1", date="2025-03-10", source="GP notes", cells={column: text})
        before = _no_contact_before(entry, phrases, short)
        assert records_no_contact(entry, phrases, short) == before, (column, text)
        said += before
    assert 10 < said < len(cells)


def test_spaces_are_those_split_at() -> None:
    assert set(SPACES) == {chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()}

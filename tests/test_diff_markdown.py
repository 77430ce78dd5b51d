"""``imr diff --from 1 --to 2 -o changes.md``: two final reports really sent, with edits in
every kind of place between them; the Markdown is parsed back (a small parser below) and
must hold exactly those edits: no more, no fewer. An entry moved in the order shown (among
the entries of its day) is reported as moved, never as removed and added; two entries of
different days swapped in the file move nothing a reader sees and are not reported. An
author's hostile text (markup, a literal ``<ins>``, ``**``, backticks, control
characters, other scripts) is shown literally and never read as a mark.
"""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from conftest import Imr
from test_final_export import completed

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.comment_model import Comment, Reply
from imr_tui.core.comment_places import Place, describe
from imr_tui.core.model import ChronologyEntry, Heading, HeadingAnalysis, Recommendation, Review
from imr_tui.core.store import create, load, save
from imr_tui.core.visible import visible

# ------------------------------------------------------------------ the parser

_MARK = re.compile(r"<(ins|del)>(.*?)</\1>", re.DOTALL)
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


def unescape(text: str) -> str:
    """Markdown text back to what was written: hard breaks and ``<br>`` as line breaks,
    backslash escapes undone."""
    return _ESCAPED.sub(r"\1", text.replace("\\\n", "\n").replace("<br>", "\n"))


def plain(marked: str) -> str:
    """A marked cell's text without its marks."""
    return unescape(_MARK.sub(lambda m: m.group(2), marked))


def marks(text: str) -> list[tuple[str, str]]:
    """Every ``(ins|del, text)`` mark in ``text``, the text unescaped and stripped."""
    return [(m.group(1), unescape(m.group(2)).strip()) for m in _MARK.finditer(text)]


@dataclass
class Parsed:
    """What a diff in Markdown says, flattened: one tuple per fact."""

    facts: list[tuple[str, ...]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def parse(markdown: str) -> Parsed:
    """Read a diff written by ``imr diff -o`` back into facts:
    ``(section, step, ins|del, text)`` for a mark in a prompt's text,
    ``(section, step, record, kind)`` for a record's heading,
    ``(section, step, record, "moved", from, to)`` for a move,
    ``(section, step, record, field, before, now)`` for a table row (``record`` is ``""``
    for a step of values), ``(section, step, "note", text)`` for a step's note."""
    out = Parsed()
    section = step = record = ""
    paragraph: list[str] = []
    in_comments = False

    def flush() -> None:
        text = "\n".join(paragraph)
        paragraph.clear()
        if not text.strip():
            return
        out.facts.extend((section, step, kind, words) for kind, words in marks(text))

    for line in markdown.splitlines():
        if line.startswith("#"):
            flush()
            level, title = len(line) - len(line.lstrip("#")), line.lstrip("#").strip()
            if level == 2:
                section, step, record = unescape(title), "", ""
                in_comments = title == "Comments"
            elif level == 3:
                step, record = unescape(title), ""
            elif level == 4:
                label, kind = title.rsplit(": ", 1)
                record = unescape(label)
                out.facts.append((section, step, record, kind))
            continue
        if in_comments:
            if line.startswith("- "):
                out.comments.append(unescape(line[2:]))
            continue
        if line.startswith("| "):
            flush()
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
            if cells[0] in ("Field", "---"):
                continue
            out.facts.append((section, step, record, unescape(cells[0]), *map(plain, cells[1:])))
            continue
        moved = re.fullmatch(r"Moved from place (\d+) to place (\d+) in the \w+'s order.*", line)
        if moved:
            out.facts.append((section, step, record, "moved", moved[1], moved[2]))
            continue
        note = re.fullmatch(r"\*(.+)\.\*", line)
        if note and not "".join(paragraph).strip():
            out.facts.append((section, step, "note", unescape(note[1])))
            continue
        paragraph.append(line)
    flush()
    return out


# ------------------------------------------------------------------ the edits

HOSTILE = "<ins>not a mark</ins> **bold** `tick` [link](x) | pipe \x1b[31m Łódź 東京 مرحبا"
"""An answer no mark may be read into (control character shown as its symbol)."""


def _first_version(folder: Path, catalogue: Catalogue) -> Path:
    review = completed(catalogue)
    for entry in review.chronology:  # three entries on one day, shown in the author's order
        if entry.id in ("c12", "c13", "c14"):
            entry.date, entry.time = "2025-08-12", ""
    review.comments.append(Comment(id="k1", on="prompt:summary", by="Panel chair", text="Why?"))
    path = folder / "done.toml"
    create(path, catalogue, review)
    return path


def _edit(review: Review) -> None:
    """Edits in every kind of place (see :func:`expected`)."""
    summary = review.answer("summary")
    review.set_answer("summary", summary.replace("to the district", "to the very district"))
    review.heading_analysis["tor1"].text += " The panel's question is answered here."
    review.set_answer("q_further", review.answer("q_further") + "\n\n" + HOSTILE)
    review.set_answer("completed_on", "2026-01-30")
    review.adults[0].date_of_death = date(2025, 10, 19)
    review.review_period.end = date(2025, 11, 30)
    review.headings[1].title = "Was her capacity to decide assessed?"
    review.headings.append(Heading(id="tor4", title="How were risks escalated?"))
    review.heading_analysis["tor4"] = HeadingAnalysis(
        heading="How were risks escalated?", text="They were not escalated."
    )
    by_id = {e.id: e for e in review.chronology}
    by_id["c05"].source = "Supervision notes"
    by_id["c06"].cells["event"] += " The letter asked for a review in May."
    by_id["c08"].cells["event"] += "\n\nA second paragraph: the GP was told."
    review.chronology.remove(by_id["c09"])
    moved = by_id["c14"]  # before c12, on the same day: moved as shown
    review.chronology.remove(moved)
    review.chronology.insert(review.chronology.index(by_id["c12"]), moved)
    # swapped in the file, on different days: nothing a reader sees moved
    at_2, at_7 = review.chronology.index(by_id["c02"]), review.chronology.index(by_id["c07"])
    review.chronology[at_2], review.chronology[at_7] = by_id["c07"], by_id["c02"]
    added = ChronologyEntry(id="c20", date="2025-10-20", source="Ward discharge letter")
    added.cells = {"contact_type": "Letter", "event": "Ward wrote to the team."}
    review.chronology.append(added)
    review.recommendations[0].lead = "Matron"
    review.recommendations.insert(0, review.recommendations.pop(2))
    review.recommendations.append(
        Recommendation(
            id="r9",
            recommendation="Audit refusals.",
            actions="Quarterly audit.",
            lead="Team leader",
            target_date=date(date.today().year + 2, 1, 31),
            resources="None.",
            evidence="Audit report.",
        )
    )
    comment = review.comments[0]
    comment.replies.append(Reply(by="Author", text="Because she refused."))
    comment.state, comment.resolved_by = "resolved", "Panel chair"
    review.comments.append(
        Comment(on="entry:c05", field="source", by="Trainer", text="Which notes <b>?")
    )


def expected(old: Review, new: Review, catalogue: Catalogue) -> set[tuple[str, ...]]:
    """Exactly the facts the Markdown must hold for :func:`_edit`."""

    def label(kind: str, ident: str, review: Review) -> str:
        return describe(Place(kind, ident), review, catalogue)  # type: ignore[arg-type]

    def entry(ident: str, review: Review = new) -> str:
        return label("entry", ident, review)

    event = "Event / what happened"
    c06_event = old.chronology[5].cells["event"]
    c08_event = old.chronology[7].cells["event"]
    rec1 = new.recommendations[1].id
    rec3 = new.recommendations[0].id
    chrono = ("Chronology", "Chronology of agency involvement")
    recs = ("Recommendations", "Recommendations for action")
    terms = ("Terms of reference", "Terms of Reference headings")
    analysis = "Analysis"
    completed_on = catalogue.prompt("completed_on").title
    tor4 = "How were risks escalated?"
    return {
        ("Summary", "Summary of involvement", "ins", "very"),
        (analysis, new.headings[0].title, "ins", "The panel's question is answered here."),
        (analysis, tor4, "note", "New heading"),
        (analysis, tor4, "ins", "They were not escalated."),
        (analysis, catalogue.prompt("q_further").title, "ins", visible(HOSTILE)),
        ("Details", completed_on, "", completed_on, "24/01/2026", "30/01/2026"),
        (
            "Details",
            catalogue.prompt("adults").title,
            "",
            "Adult 1",
            "Edith Marlow (FICTIONAL), born 14/03/1946",
            "Edith Marlow (FICTIONAL), born 14/03/1946, died 19/10/2025",
        ),
        (
            "Terms of reference",
            catalogue.prompt("review_period").title,
            "",
            "End of the review period",
            "31/10/2025",
            "30/11/2025",
        ),
        (*terms, label("heading", "tor2", new), "changed"),
        (
            *terms,
            label("heading", "tor2", new),
            "Heading",
            old.headings[1].title,
            "Was her capacity to decide assessed?",
        ),
        (*terms, label("heading", "tor4", new), "added"),
        (*terms, label("heading", "tor4", new), "Heading", "", tor4),
        (*chrono, entry("c05"), "changed"),
        (
            *chrono,
            entry("c05"),
            "Source of information",
            old.chronology[4].source,
            "Supervision notes",
        ),
        (*chrono, entry("c06"), "changed"),
        (
            *chrono,
            entry("c06"),
            event,
            c06_event,
            c06_event + " The letter asked for a review in May.",
        ),
        (*chrono, entry("c08"), "changed"),
        (
            *chrono,
            entry("c08"),
            event,
            c08_event,
            c08_event + "\n\nA second paragraph: the GP was told.",
        ),
        (*chrono, entry("c09", old), "removed"),
        *{
            (*chrono, entry("c09", old), t, v, "")
            for t, v in _entry_rows(old.chronology[8], catalogue)
        },
        (*chrono, entry("c14"), "moved"),
        (*chrono, entry("c14"), "moved", "14", "11"),
        (*chrono, entry("c20"), "added"),
        (*chrono, entry("c20"), "Date", "", "20/10/2025"),
        (*chrono, entry("c20"), "Source of information", "", "Ward discharge letter"),
        (*chrono, entry("c20"), "Type of contact", "", "Letter"),
        (*chrono, entry("c20"), event, "", "Ward wrote to the team."),
        (*recs, label("recommendation", rec1, new), "changed"),
        (*recs, label("recommendation", rec1, new), "Lead", old.recommendations[0].lead, "Matron"),
        (*recs, label("recommendation", rec3, new), "moved"),
        (*recs, label("recommendation", rec3, new), "moved", "3", "1"),
        (*recs, label("recommendation", "r9", new), "added"),
        *{
            (*recs, label("recommendation", "r9", new), t, "", v)
            for t, v in _rec_rows(new.recommendations[3], catalogue)
        },
    }


def _entry_rows(e: ChronologyEntry, catalogue: Catalogue) -> list[tuple[str, str]]:
    rows = [("Date", e.when.display() if e.when else ""), ("Source of information", e.source)]
    rows += [("Time", e.time), ("Reference", e.reference)]
    rows += [(c.title, e.cells.get(c.id, "")) for c in catalogue.chronology.columns]
    return [(t, v) for t, v in rows if v]


def _rec_rows(r: Recommendation, catalogue: Catalogue) -> list[tuple[str, str]]:
    out = []
    for f in catalogue.recommendations.fields:
        value = getattr(r, f.id)
        out.append((f.title, value.strftime("%d/%m/%Y") if isinstance(value, date) else value))
    return out


def test_diff_of_two_versions_sent_holds_exactly_the_edits_made(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = _first_version(tmp_path, catalogue)
    first = imr("export", "done.toml", "--final")
    assert first.returncode == 0, first.stderr
    old = load(path, catalogue)
    new = old.model_copy(deep=True)
    _edit(new)
    save(path, new, catalogue)
    second = imr("export", "done.toml", "--final")
    assert second.returncode == 0, second.stderr
    new = load(path, catalogue)

    result = imr("diff", "done.toml", "--from", "1", "--to", "2", "-o", "c.md")

    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == "What changed from version 1 to version 2 is in c.md\n"
    out = tmp_path / "c.md"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    markdown = out.read_text(encoding="utf-8")
    parsed = parse(markdown)
    got = set(parsed.facts)
    want = expected(old, new, catalogue)
    assert len(parsed.facts) == len(got)  # nothing said twice
    assert got - want == set(), "said but not made"
    assert want - got == set(), "made but not said"
    kinds = [c.split("**")[1] for c in parsed.comments]
    assert kinds == ["Reply", "Resolved", "Opened"]  # as they happened
    assert "Because she refused. (to: Why?)" in parsed.comments[0]
    assert parsed.comments[2].startswith(f"**Opened** on {entry_label(new, catalogue)}")
    assert parsed.comments[2].endswith(": Which notes <b>?")
    # The moved entry is said to have moved, and nothing else of it.
    moved = describe(Place("entry", "c14"), new, catalogue)
    assert sorted(f[3:] for f in parsed.facts if f[2] == moved) == [
        ("moved",),
        ("moved", "14", "11"),
    ]


def entry_label(review: Review, catalogue: Catalogue) -> str:
    return describe(Place("entry", "c05", "source"), review, catalogue)


def test_hostile_text_is_literal_in_the_markdown(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    old = completed(catalogue)
    old.set_answer("summary", "Old")
    new = old.model_copy(deep=True)
    new.set_answer("summary", HOSTILE + "\n# heading?\n1. not a list")
    new.chronology[0].source = "**x** <del>y</del>"
    create(tmp_path / "a.toml", catalogue, old)
    create(tmp_path / "b.toml", catalogue, new)

    result = imr("diff", "a.toml", "b.toml", "-o", "c.md")

    assert result.returncode == 0, result.stderr
    markdown = (tmp_path / "c.md").read_text(encoding="utf-8")
    facts = set(parse(markdown).facts)
    summary = ("Summary", "Summary of involvement")
    said = [f for f in facts if f[:2] == summary]
    assert sorted(said) == [
        (*summary, "del", "Old"),
        (*summary, "ins", "# heading?"),
        (*summary, "ins", "1. not a list"),
        (*summary, "ins", visible(HOSTILE)),
    ]
    assert "\x1b" not in markdown
    # Only the diff's own marks are unescaped tags.
    tags = re.findall(r"(?<!\\)<(/?\w+)>", markdown)
    assert sorted(set(tags)) == ["/del", "/ins", "del", "ins"]
    assert (tags.count("ins"), tags.count("del")) == (4, 2)  # 3 lines + 1 cell; 1 + 1
    assert "\\<ins\\>not a mark\\</ins\\>" in markdown
    assert "\\*\\*bold\\*\\* \\`tick\\`" in markdown
    assert "\n#" not in markdown.split("### Summary of involvement")[1].split("\n## ")[0]
    label = describe(Place("entry", old.chronology[0].id), new, catalogue)
    source = ("Chronology", "Chronology of agency involvement", label, "Source of information")
    assert (*source, old.chronology[0].source, "**x** <del>y</del>") in facts


def test_the_markdown_renders_the_marks_and_only_them(
    imr: Imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    from markdown_it import MarkdownIt

    old = completed(catalogue)
    old.set_answer("summary", "Old")
    new = old.model_copy(deep=True)
    new.set_answer("summary", HOSTILE + "\n# heading?\n1. not a list")
    create(tmp_path / "a.toml", catalogue, old)
    create(tmp_path / "b.toml", catalogue, new)
    assert imr("diff", "a.toml", "b.toml", "-o", "c.md").returncode == 0

    html = (
        MarkdownIt("commonmark")
        .enable("table")
        .render((tmp_path / "c.md").read_text(encoding="utf-8"))
    )

    summary = html.split("<h3>Summary of involvement</h3>")[1]
    assert summary.startswith("\n<p><del>Old</del><ins>&lt;ins&gt;not a mark&lt;/ins&gt; **bold** ")
    assert "`tick` [link](x) | pipe ␛[31m Łódź 東京 مرحبا</ins><br />" in summary
    assert "<ins># heading?</ins><br />\n<ins>1. not a list</ins></p>" in summary
    for element in ("<strong>", "<code>", "<a ", "<h1>", "<ol"):
        assert element not in summary

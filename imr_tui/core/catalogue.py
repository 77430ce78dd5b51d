"""The prompt catalogue: the interview as data, loaded from ``prompts/*.toml``.

Code never hard-codes a prompt's wording: titles, the template's guidance, hints
for new authors and trainer notes all live in the catalogue files, validated here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from imr_tui.core.check_settings import Checks
from imr_tui.core.data_files import refuse_newer
from imr_tui.core.errors import UserError, describe_validation_error
from imr_tui.core.toml_files import MAIN_FILE as MAIN_FILE
from imr_tui.core.toml_files import MAX_BYTES as MAX_BYTES
from imr_tui.core.toml_files import MAX_DEPTH as MAX_DEPTH
from imr_tui.core.toml_files import default_prompts_dir as default_prompts_dir
from imr_tui.core.toml_files import load_data_file as load_data_file
from imr_tui.core.toml_files import read_bytes_regular as read_bytes_regular
from imr_tui.core.toml_files import read_toml as read_toml

CATALOGUE_SCHEMA_VERSION = 1

PromptKind = Literal[
    "text",
    "long_text",
    "date",
    "adults",
    "period",
    "headings",
    "chronology",
    "tor_analysis",
    "recommendations",
    "pseudonyms",
]
"""What an answer looks like, and so which editor asks for it.

``text``/``long_text``/``date`` are single answers; ``adults`` is the list of
adults with dates of birth; ``period`` the review period; ``headings`` the Terms
of Reference headings; ``chronology`` and ``recommendations`` repeatable records;
``tor_analysis`` expands to one prompt per Terms of Reference heading;
``pseudonyms`` the names to replace in an anonymised export (never exported itself).
"""

STRUCTURED_KINDS: frozenset[str] = frozenset(
    {
        "adults",
        "period",
        "headings",
        "chronology",
        "tor_analysis",
        "recommendations",
        "pseudonyms",
    }
)

RecommendationFieldId = Literal[
    "recommendation", "actions", "lead", "target_date", "resources", "evidence"
]


class _Strict(BaseModel):
    # Validators are built when a model is first validated, not at import: a nested
    # model's own validator is never needed (the catalogue's holds it), which saves start-up.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Prompt(_Strict):
    """One question of the interview."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    """Stable identifier; answers in review files are keyed by it. Never rename."""
    title: str = Field(min_length=1)
    """Short title shown above the editor and used as the export sub-heading."""
    label: str = ""
    """The template's own label where it has one (e.g. ``Name of Agency:``)."""
    guidance: str = ""
    """The template's guidance wording for this prompt."""
    hint: str = ""
    """Extra help for new authors, shown when asked for."""
    kind: PromptKind
    """Which editor asks for the answer and where the answer is stored."""
    required: bool = False
    """Whether a finished review must answer it (skipping is always allowed)."""
    labels: dict[str, str] = {}
    """Wording for the parts of a structured editor: ``start``/``end`` for the period;
    ``name``/``dob``/``dod``/``add`` for the adults (``dod``: the date of death);
    ``title``/``add`` for the headings; ``name``/``alias``/``kind``/``add`` for the
    pseudonyms."""
    why: str = ""
    """Trainer field: why the prompt matters, shown in training mode."""
    model_answer: str = ""
    """Trainer field: a short model answer, shown in training mode."""
    allows_none: bool = False
    """Whether "nothing to add" is a full answer (``There are no further features
    requiring comment.``): such an answer is not queried as too short or as description."""
    anonymise_as_role: str = ""
    """For a prompt whose answer is a person's name (the author, the endorsing officer):
    the id of the prompt whose answer replaces that name everywhere in an anonymised
    export (their role); empty for any other prompt."""


class Section(_Strict):
    """A part of the template, e.g. SUMMARY, holding prompts in template order."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    """Stable identifier of the section."""
    title: str = Field(min_length=1)
    """Name in the sidebar, e.g. ``Summary``."""
    heading: str = ""
    """Heading in the exported report, e.g. ``SUMMARY``; empty for none."""
    guidance: str = ""
    """The template's text for the whole section, shown with every prompt in it."""
    export_guidance: list[str] = []
    """The template's own words printed under the section's heading in every export,
    paragraph by paragraph (``guidance`` is the interview's; it may differ)."""
    questions_heading: str = ""
    """A heading printed before the section's set questions, apart from its analysis
    against the Terms of Reference (the template's ``Consider specifically:``)."""
    prompts: list[Prompt] = Field(min_length=1)
    """The section's prompts in template order."""


class Column(_Strict):
    """A chronology column beyond the fixed date, time and source."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    """Stable identifier; chronology entries key their cells by it."""
    title: str = Field(min_length=1)
    """Column heading in the form, the table and the export."""
    hint: str = ""
    """What to write in it."""
    long: bool = False
    """Whether the cell is free text of more than a line."""
    in_table: bool = True
    """Whether the on-screen table shows it (the export shows every column)."""


class Chronology(_Strict):
    """How the chronology is laid out: the template provided by the board."""

    date_title: str = "Date"
    """Heading of the date column."""
    date_hint: str = ""
    """How to write a date, including approximate ones."""
    time_title: str = "Time"
    """Heading of the optional time column."""
    source_title: str = "Source of information"
    """Heading of the required source column."""
    source_hint: str = ""
    """What a source is (which record the entry comes from)."""
    columns: list[Column] = Field(min_length=1)
    """The board's further columns, in order."""
    no_contact_guidance: str = ""
    """Guidance on periods with no agency contact."""
    approximate_note: str = "A date with ? in front of it is approximate or uncertain."
    """Printed under the chronology table of a report when an entry's date is approximate
    (shown with ``?``), so that a reader knows what the mark means (``""``: never)."""
    gap_days: int = Field(default=28, ge=1)
    """Days without a recorded contact after which the checks ask for an explanation."""
    unmapped: str = "ask"
    """Where an imported spreadsheet's unrecognised column with text goes: ``ask`` (the
    author says, and ``--yes`` refuses) or a column's id (``event``): its text goes
    there, labelled with its heading."""

    @model_validator(mode="after")
    def _unique_columns(self) -> Chronology:
        ids = [c.id for c in self.columns]
        dup = next((i for i in ids if ids.count(i) > 1), None)
        if dup:
            raise ValueError(f"column id '{dup}' is used twice")
        if self.unmapped != "ask" and self.unmapped not in ids:
            raise ValueError(
                f"unmapped: '{self.unmapped}' is not a column: use ask or one of {', '.join(ids)}"
            )
        if {"date", "time", "source", "id", "approximate"} & set(ids):
            raise ValueError("column ids date, time, source, id and approximate are reserved")
        return self


class RecommendationField(_Strict):
    """Wording for one field of a recommendation."""

    id: RecommendationFieldId
    """Which field of the recommendation this describes."""
    title: str = Field(min_length=1)
    """Label in the form and the export."""
    hint: str = ""
    """What to write in it."""


class Recommendations(_Strict):
    """How recommendations are asked for."""

    fields: list[RecommendationField]
    """Wording for each field, in the order the form asks them."""
    max_advised: int = Field(default=5, ge=1)
    """More than this many draws a gentle warning (few in number)."""

    @model_validator(mode="after")
    def _all_fields(self) -> Recommendations:
        got = [f.id for f in self.fields]
        wanted = ["recommendation", "actions", "lead", "target_date", "resources", "evidence"]
        missing = [w for w in wanted if w not in got]
        if missing or len(got) != len(set(got)):
            raise ValueError(f"fields must describe each of {', '.join(wanted)} once")
        return self

    def title(self, field_id: str) -> str:
        """The label of one field."""
        return next(f.title for f in self.fields if f.id == field_id)


class Anonymise(_Strict):
    """Wording for anonymised exports, so a board can tune it."""

    everyday_words: list[str] = []
    """Ordinary words that are also names (``will``, ``may``, ``hope``): a name listed as
    one word that is one of these is replaced only where it is written with a capital
    (``Will said``, not ``he will``); any other name is replaced, and looked for, in any
    case (``hollins`` too). Without the list, every name is replaced in any case."""


CHECK_KINDS = (
    "completeness",
    "abbreviation",
    "chronology",
    "recommendations",
    "analysis",
    "language",
)
"""The kinds of check ``imr check`` runs (``export.must_fix`` names some of them)."""


class ExportSettings(_Strict):
    """What every export says of itself, and what a final report must not lack."""

    protective_marking: str = "OFFICIAL-SENSITIVE"
    """The protective marking in the header of every page (``""``: none)."""
    draft_label: str = "DRAFT"
    """The status of a draft, on the title block and in the header of every page."""
    final_label: str = "FINAL"
    """The status of a final report (``imr export --final``), on the title block."""
    glossary_before: str = "endorsement"
    """The id of the section the glossary is printed before (``""``: at the end)."""
    must_fix: list[str] = ["completeness"]
    """Kinds of check (``completeness``, ``abbreviation``, ``chronology``,
    ``recommendations``, ``analysis``) whose findings stop a final export."""
    timeline_title: str = "Timeline of contacts over the review period"
    """The timeline picture's caption, also its text for those who cannot see it."""


class Catalogue(_Strict):
    """The whole interview: sections and prompts in template order."""

    schema_version: int = CATALOGUE_SCHEMA_VERSION
    """Version of this file's layout."""
    name: str = Field(min_length=1)
    """Name of the catalogue, recorded in each review written with it."""
    version: str = "1"
    """Edition of the catalogue's content."""
    title: str = Field(min_length=1)
    """Title of the report."""
    introduction: list[str] = []
    """The template's opening paragraphs."""
    placeholder: str = "Not yet answered"
    """What the export shows for an unanswered prompt."""
    removed_heading_note: str = "This Terms of Reference heading has been removed"
    """Shown beside an analysis answer whose heading was taken off the list."""
    no_headings_note: str = (
        "No Terms of Reference headings have been entered yet: they are asked for in the"
        " Terms of reference section, and the analysis against each of them here."
    )
    """Printed where the analysis against the Terms of Reference headings would be, when
    the author has entered none (no prompt asks for an analysis without a heading)."""
    sections: list[Section] = Field(min_length=1)
    """The template's parts, in order."""
    chronology: Chronology
    """Layout of the chronology."""
    recommendations: Recommendations
    """Wording of the recommendation fields."""
    checks: Checks = Field(default_factory=Checks)
    """Thresholds and wording lists for ``imr check``."""
    anonymise: Anonymise = Field(default_factory=Anonymise)
    """Wording for anonymised exports."""
    export: ExportSettings = Field(default_factory=ExportSettings)
    """Page furniture, the glossary's place and the final report's gate."""

    @model_validator(mode="after")
    def _check(self) -> Catalogue:
        refuse_newer(self.schema_version, CATALOGUE_SCHEMA_VERSION)
        seen: set[str] = set()
        for s in self.sections:
            for p in s.prompts:
                if p.id in seen:
                    raise ValueError(f"prompt id '{p.id}' is used twice")
                seen.add(p.id)
        sids = [s.id for s in self.sections]
        dup = next((i for i in sids if sids.count(i) > 1), None)
        if dup:
            raise ValueError(f"section id '{dup}' is used twice")
        for kind in STRUCTURED_KINDS:
            if sum(p.kind == kind for p in self.prompts()) > 1:
                raise ValueError(f"only one prompt may have kind '{kind}'")
        given = self.checks.model_fields_set  # the section ids the catalogue names itself
        named = [*self.checks.analysis_sections] if "analysis_sections" in given else []
        if "endorsement_section" in given:
            named.append(self.checks.endorsement_section)
        if named:
            unknown = next((n for n in named if n and n not in sids), None)
            if unknown is not None:
                raise ValueError(f"checks: there is no section with id '{unknown}'")
        before = self.export.glossary_before
        if "export" in self.model_fields_set and before and before not in sids:
            raise ValueError(f"export: glossary_before: there is no section with id '{before}'")
        wrong = next((k for k in self.export.must_fix if k not in CHECK_KINDS), None)
        if wrong is not None:
            known = ", ".join(CHECK_KINDS)
            raise ValueError(f"export: must_fix: '{wrong}' is not a kind of check ({known})")
        return self

    def prompts(self) -> list[Prompt]:
        """Every prompt in template order."""
        return [p for s in self.sections for p in s.prompts]

    def prompt(self, prompt_id: str) -> Prompt:
        """The prompt with this id (KeyError if none)."""
        for p in self.prompts():
            if p.id == prompt_id:
                return p
        raise KeyError(prompt_id)

    def section_of(self, prompt_id: str) -> Section:
        """The section holding a prompt."""
        for s in self.sections:
            if any(p.id == prompt_id for p in s.prompts):
                return s
        raise KeyError(prompt_id)

    def prompt_of_kind(self, kind: str) -> Prompt | None:
        """The single prompt of a structured kind, if the catalogue has one."""
        return next((p for p in self.prompts() if p.kind == kind), None)


KEPT_PER_BOARD = frozenset({"analysis_sections"})
"""``[checks]`` lists naming a board's own sections: never taken from the shipped catalogue."""


def with_shipped_word_lists(data: dict[str, object], shipped: dict[str, object]) -> None:
    """Give a board's catalogue every word list of ``[checks]`` it leaves out, from the
    shipped catalogue (a catalogue written for an earlier imr-tui keeps every check, with
    the lists that ship); a list it writes, even ``[]`` to turn a check off, is kept."""
    ours, theirs = data.get("checks", {}), shipped.get("checks", {})
    if not isinstance(ours, dict) or not isinstance(theirs, dict):
        return
    for key, value in theirs.items():
        if isinstance(value, list) and key not in ours and key not in KEPT_PER_BOARD:
            ours[key] = value
    if ours:
        data["checks"] = ours


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load and validate a catalogue: a folder holding ``imr.toml``, or a file. A
    board's catalogue takes the word lists of ``[checks]`` it leaves out from the
    shipped one (:func:`with_shipped_word_lists`).

    Errors name the file and the key: ``prompts/imr.toml: sections[3].prompts[2]:
    'kind' must be one of ...``.
    """
    shipped_path = default_prompts_dir() / MAIN_FILE
    file = path / MAIN_FILE if path is not None and path.is_dir() else path
    if file is None or file.resolve() == shipped_path.resolve():
        return load_data_file(shipped_path, MAIN_FILE, Catalogue, "prompt catalogue")
    data = read_toml(file, "prompt catalogue")
    with_shipped_word_lists(data, read_toml(shipped_path, "prompt catalogue"))
    try:
        return Catalogue.model_validate(data)
    except ValidationError as e:
        raise UserError(describe_validation_error(str(file), e)) from None

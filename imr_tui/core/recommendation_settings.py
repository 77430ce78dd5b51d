"""The catalogue's settings for the checks on recommendations (``[checks]`` in ``imr.toml``).

They are part of :class:`imr_tui.core.check_settings.Checks`, so they are written
flat under ``[checks]``; a board tunes them there without code.

Phrases in these lists are matched as whole words, ignoring case and the spacing
between words; a word ending in ``*`` matches any ending (``remind*`` matches
``reminded`` and ``reminder``), and ``...`` between two words stands for up to three
words (``lesson* ... learn*`` matches ``lessons will be learned``).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

DEFAULT_NOT_MEASURES = [
    "compliance",
    "compliant",
    "data",
    "decrease",
    "improve",
    "increase",
    "measurable",
    "measure",
    "monitor",
    "reduce",
    "reduction",
    "target",
]
"""Words an earlier ``measurable_words`` list held that name no measure on their own."""


class VaguePhrase(BaseModel):
    """A vague verb or stock phrase in a recommendation, and the better shape to use."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    phrase: str | list[str]
    """The phrase, or several sharing the better shape (see the module's note on
    matching)."""

    def phrases(self) -> list[str]:
        """The phrase, or phrases, as a list."""
        return [self.phrase] if isinstance(self.phrase, str) else list(self.phrase)

    better: str
    """What to write instead: who will do what, by when, and how you will know."""
    made_concrete: list[str] = Field(default_factory=list)
    """Means that, after this phrase in its sentence, name the change (``to require``
    after ``review the policy``), besides the shared
    :attr:`RecommendationSettings.vague_made_concrete`."""
    recommendation_only: bool = False
    """Flag it only in the recommendation, not in the actions: ``Review the pathway.`` as
    the recommendation names no change, but as one action beside a named change it is a
    step of the work."""


class AgencyKind(BaseModel):
    """A kind of agency a lead may name (the police, adult social care...)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    names: list[str]
    """Phrases that name an agency of this kind in a lead (``police``, ``constabulary``)."""
    agency: list[str] = Field(default_factory=list)
    """Phrases that, in the review's own agency answer, show the review's agency is of
    this kind (so a lead naming it is this agency); empty: the same as :attr:`names`."""


class RecommendationSettings(BaseModel):
    """What makes a recommendation measurable, specific and owned."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    measurable_words: list[str] = Field(default_factory=list)
    """Named measures: a recommendation whose "how impact will be evidenced" (or, when
    that is empty, its recommendation and actions) has none of these, and no number or
    date, is flagged. (The actions' own dates and numbers say what will be done and
    when, not how anyone will know it worked.)

    Each matches at the start of a word, ignoring case (``audit`` matches ``audited``);
    an entry that does not start with a letter or digit, such as ``%``, matches anywhere.
    A number (``30``, ``two``) or a date also counts as measurable, except the number of
    an Act, section or version (``Care Act 2014``). Entries also listed in
    :attr:`not_measures` are ignored, so an older list still loads. An empty list turns
    the check off.
    """
    not_measures: list[str] = Field(default_factory=lambda: list(DEFAULT_NOT_MEASURES))
    """Words that name no measure on their own (``monitor``, ``increase``); ignored
    where :attr:`measurable_words` lists them."""
    measurable_example: str = ""
    """A measurable outcome to offer as a rewrite."""
    vague_phrases: list[VaguePhrase] = Field(default_factory=list)
    """Vague verbs and stock phrases flagged in a recommendation or its actions, each with
    a better shape; text in quotation marks is not checked. Empty: the check is off."""
    vague_made_concrete: list[str] = Field(default_factory=list)
    """Means that make a vague phrase concrete when they follow it in the same sentence
    (``Raise the profile ... by adding it as a standing question``, ``improved by a
    shared handover sheet``): the change is named, so the phrase is not flagged there."""
    lead_collective: list[str] = Field(default_factory=list)
    """Phrases in a lead that name no one role (``all agencies``, ``everyone``)."""
    lead_role_words: list[str] = Field(default_factory=list)
    """Words that make a lead a role (``Head of``, ``Manager``, ``Named Nurse``). A lead
    with none of them is flagged; empty: the role check is off."""
    lead_team_words: list[str] = Field(default_factory=list)
    """Words naming a team or service (``team``, ``service``): a lead with one of these and
    no role word is a team, not a role."""
    agency_kinds: list[AgencyKind] = Field(default_factory=list)
    """Kinds of agency: a lead naming one the review's agency is not is another agency."""
    organisation_words: list[str] = Field(default_factory=list)
    """Last words of an organisation's name (``Council``, ``Trust``, ``Police``): the
    capitalised names ending in one, in the review and the lead, are agencies, and so are
    the initials written after them in brackets."""
    lead_example: str = "Head of Community Nursing"
    """A lead that is one role in the agency, offered as a rewrite."""
    agency_prompt: str = "agency"
    """Id of the prompt naming the review's own agency."""
    completion_prompt: str = "completed_on"
    """Id of the date prompt for the date of completion: target dates are judged against
    it once it is answered, otherwise against today ("" to always use today)."""

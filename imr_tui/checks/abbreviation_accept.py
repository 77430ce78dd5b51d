"""Accepting an abbreviation, the same way from every front end (``imr check --accept``,
the Check screen's ``a``, plain mode's check menu), saying what the export's glossary will
then print, so no meaning the author did not intend goes into it unsaid.

- An abbreviation every use of which has one sense (each written ``DNA'd``: the
  glossary's ``[forms]``) is given that meaning, as the finding offered it.
- One with a single meaning (``GP``) is accepted; the glossary prints that meaning, and
  the note says another can be given.
- An ambiguous one (``CC``, ``HV``) is accepted as written; the glossary prints every
  meaning until the author gives the one intended (the checks still ask which).
- A word the glossary does not know is fine as written: not queried, not listed.
"""

from __future__ import annotations

from imr_tui.checks.abbreviations import sense_in_review
from imr_tui.checks.glossary import Glossary
from imr_tui.core.catalogue import Catalogue
from imr_tui.core.session import Session


def accept_as_written(
    session: Session, catalogue: Catalogue, glossary: Glossary, abbreviation: str, how: str
) -> str:
    """Accept ``abbreviation`` in ``session`` (unsaved) and return the note to show:
    what the export's glossary will print. ``how`` names the way to give a meaning in
    this front end (``press m``)."""
    abbr = glossary.canonical(abbreviation) or abbreviation
    sense = sense_in_review(catalogue, session.review, glossary, abbr)
    if sense:
        session.set_abbreviation_meaning(abbr, sense)
        return (
            f'"{abbr}" is accepted for this review with the meaning its uses have, '
            f'"{sense}": the export\'s glossary prints that (to give another: {how}).'
        )
    session.accept_abbreviation(abbr)
    meanings = glossary.expansions(abbr)
    given = {a.casefold(): m for a, m in session.review.abbreviation_meanings.items()}
    if given.get(abbr.casefold(), "").strip():
        return (
            f'"{abbr}" is accepted for this review: the export\'s glossary prints the meaning '
            f'you gave, "{given[abbr.casefold()]}".'
        )
    if len(meanings) == 1:
        return (
            f'"{abbr}" is accepted for this review: the export\'s glossary prints '
            f'"{meanings[0]}" (to give another meaning: {how}).'
        )
    if meanings:
        listed = "; ".join(meanings)
        return (
            f'"{abbr}" is accepted as written, but it has more than one meaning ({listed}): '
            f"the export's glossary prints every one, and the check asks which, until you "
            f"give the one you mean: {how}."
        )
    return (
        f'"{abbr}" is fine as written: no longer queried, and not listed in the export\'s '
        f"glossary (if it is an abbreviation, give its meaning: {how})."
    )

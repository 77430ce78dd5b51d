"""A session's drafts: chronology entries and recommendations whose form was left unfinished.

A draft lives in the review file (``[[drafts]]``), not only in the journal, because
it must outlive saves and sessions until the author finishes or removes it. Each
change is journalled under the key ``drafts`` (the whole list: it is short), so a
killed process loses at most a fifth of a second of it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imr_tui.core.model import Draft, DraftKind, Review

DRAFTS_KEY = "drafts"
"""The journal's key for the list of drafts."""


def _clean_fields(draft: Draft) -> Draft:
    """The draft with lone surrogates (half characters from a broken paste) replaced,
    so it can always be saved."""
    from imr_tui.core.session import clean

    fields = {clean(k): clean(v) for k, v in draft.fields.items()}
    if fields == draft.fields:
        return draft
    return draft.model_copy(update={"fields": fields})


class DraftsMixin:
    """The draft methods of :class:`~imr_tui.core.session.Session`."""

    if TYPE_CHECKING:
        review: Review

        def changed(self, key: str = "", value: Any = None) -> None:
            """Provided by the session."""

    def drafts_of(self, kind: DraftKind) -> list[Draft]:
        """The drafts of one kind (``entry`` or ``recommendation``), oldest first."""
        return [d for d in self.review.drafts if d.kind == kind]

    def draft_of(self, kind: DraftKind, record: str = "") -> Draft | None:
        """The draft of one kind for one record (``""``: a new one), or None."""
        return next((d for d in self.review.drafts if (d.kind, d.record) == (kind, record)), None)

    def put_draft(self, draft: Draft) -> None:
        """Keep a draft, replacing the one with the same kind and record (in its place)."""
        draft = _clean_fields(draft)
        drafts = list(self.review.drafts)
        for i, d in enumerate(drafts):
            if (d.kind, d.record) == (draft.kind, draft.record):
                if d == draft:
                    return
                drafts[i] = draft
                break
        else:
            drafts.append(draft)
        self._set_drafts(drafts)

    def drop_draft(self, kind: DraftKind, record: str = "") -> None:
        """Forget the draft of one kind for one record (nothing happens if there is none)."""
        drafts = [d for d in self.review.drafts if (d.kind, d.record) != (kind, record)]
        if len(drafts) != len(self.review.drafts):
            self._set_drafts(drafts)

    def _set_drafts(self, drafts: list[Draft]) -> None:
        self.review.drafts = drafts
        self.changed(DRAFTS_KEY, [d.model_dump(mode="json") for d in drafts])

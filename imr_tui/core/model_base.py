"""What every model of the review file shares: strict validation and short stable ids."""

from __future__ import annotations

import uuid

from pydantic import BaseModel, ConfigDict


def new_id() -> str:
    """A short stable identifier for a chronology entry, recommendation, heading or comment."""
    return uuid.uuid4().hex[:10]


class FileModel(BaseModel):
    """A part of the review file: an unknown key is refused, an assignment is checked.

    Validators are built when a model is first validated (or assigned to), not at import:
    models only ever validated inside the review's never need one of their own.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

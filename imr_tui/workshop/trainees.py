"""Who is in the workshop: each trainee's name, safe folder and personal code.

The registry is ``WORKSPACE/.workshop/trainees.toml`` (human-readable, ``0600``).
A code is never kept in plain text, only as a salted :func:`hashlib.scrypt` hash,
checked in constant time; a wrong code and an unknown name get the same refusal, so a
code check does not tell whether a name is registered (joining does, so that two
people of one name can tell themselves apart), and wrong codes for one name soon
pause its tries (:mod:`imr_tui.workshop.tries`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import stat
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from pydantic import field_validator

from imr_tui.core import clock
from imr_tui.core.errors import UserError
from imr_tui.core.model_base import FileModel
from imr_tui.workshop import tries
from imr_tui.workshop.files import FOLDER, changing, read_model, write_toml
from imr_tui.workshop.names import name_key, safe_folder_name, trainee_name_problem

REGISTRY = "trainees.toml"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
"""The characters of a code: no 0/O, 1/I to mix up."""
CODE_LENGTH = 6
SCRYPT_N = 2**14
"""scrypt's cost: about 45 ms a check, enough to slow guessing, quick for a person."""
_HEADER = (
    "# imr-tui workshop: the trainees who have joined, in joining order.\n"
    "# Codes are kept only as salted hashes. Edit only with imr-tui.\n\n"
)
WRONG = (
    "That name and code do not match. Check both and try again, or ask the trainer for a new code."
)
"""The one refusal for a wrong code and for a name nobody registered."""
TAKEN = (
    "That name is taken. If it is yours, choose 'I have a code' and type the code "
    "you were given; if you have lost it, ask the trainer for a new one. "
    "Otherwise add something to your name (an initial)."
)
NO_CODE = "Your folder has no code yet: ask the trainer for a code."
LEGACY_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _-]{0,39}$")
"""Folder names older serve versions made from a trainee's typed name."""


class Trainee(FileModel):
    """One person in the workshop."""

    name: str
    """The name as they typed it (shown)."""
    folder: str
    """Their safe folder name inside the workspace."""
    code_hash: str = ""
    """``scrypt$N$r$p$SALT$HASH`` of their code; empty when no code was issued yet."""
    joined: datetime
    """When they joined (or were adopted by the trainer)."""

    @field_validator("folder")
    @classmethod
    def _plain_folder(cls, value: str) -> str:
        """A folder name that stays inside the workspace (no ``/``, ``..``, hidden name)."""
        if not LEGACY_NAME.match(value):
            raise ValueError(f"'{value}' is not a trainee folder name")
        return value

    @property
    def key(self) -> str:
        """The name as names are compared (:func:`name_key`)."""
        return name_key(self.name)


class Registry(FileModel):
    """The registry file."""

    schema_version: int = 1
    """The layout of this file."""
    trainees: list[Trainee] = []
    """Everyone registered, in joining order."""


class Joined(NamedTuple):
    """A trainee registered (or given a new code), with the code to show them once."""

    trainee: Trainee
    code: str


class Refused(NamedTuple):
    """Why not: one plain line to show the person."""

    reason: str


def registry_path(workspace: Path) -> Path:
    """``WORKSPACE/.workshop/trainees.toml``."""
    return workspace / FOLDER / REGISTRY


def _load(workspace: Path) -> Registry:
    return read_model(registry_path(workspace), Registry)


def _save(workspace: Path, registry: Registry) -> None:
    data = registry.model_dump(mode="json")
    data["trainees"] = [registry_entry(t) for t in registry.trainees]
    write_toml(registry_path(workspace), _HEADER, data)


def registry_entry(trainee: Trainee) -> dict[str, object]:
    """A trainee as the file holds it (``joined`` as a TOML date-time)."""
    entry: dict[str, object] = trainee.model_dump(mode="python")
    return entry


def trainees(workspace: Path) -> list[Trainee]:
    """Everyone registered, in joining order; ``[]`` when nobody is."""
    return list(_load(workspace).trainees)


def find(workspace: Path, name: str) -> Trainee | None:
    """The trainee whose name matches ``name`` (ignoring capitals and spacing), or None."""
    key = name_key(name)
    return next((t for t in trainees(workspace) if t.key == key), None)


def folder_of(workspace: Path, trainee: Trainee) -> Path:
    """The trainee's folder: ``WORKSPACE/FOLDER``."""
    return workspace / trainee.folder


# ------------------------------------------------------------------ codes
def new_code() -> str:
    """A fresh code, ``XXX-XXX``."""
    raw = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:3]}-{raw[3:]}"


def _plain(code: str) -> bytes:
    """A code as it is hashed: capitals, no spaces or hyphens."""
    return re.sub(r"[\s\-\u2010-\u2015]", "", code).upper().encode("utf-8")


def hash_code(code: str) -> str:
    """A salted scrypt hash of ``code``, as the registry keeps it."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(_plain(code), salt=salt, n=SCRYPT_N, r=8, p=1, dklen=32)
    return f"scrypt${SCRYPT_N}$8$1${salt.hex()}${digest.hex()}"


_DUMMY = f"scrypt${SCRYPT_N}$8$1${'00' * 16}${'00' * 32}"
"""Checked against when the name is unknown, so that takes as long as a wrong code."""


def code_matches(code: str, stored: str) -> bool:
    """Whether ``code`` is the one ``stored`` was made from (constant-time comparison)."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        made = hashlib.scrypt(
            _plain(code), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
        )
        return hmac.compare_digest(made, bytes.fromhex(digest))
    except (ValueError, MemoryError):
        return False


# ------------------------------------------------------------------ joining
def _taken(workspace: Path, registry: Registry) -> set[str]:
    """Folder names not to use: registered ones and every entry of the workspace."""
    taken = {t.folder for t in registry.trainees}
    try:
        taken |= set(os.listdir(workspace))
    except OSError as e:
        raise UserError(f"{workspace}: cannot be read ({e.strerror or e})") from None
    return taken


def _make_folder(workspace: Path, registry: Registry, name: str) -> str:
    """Make a new private folder for ``name`` (never an existing entry); its name."""
    taken = _taken(workspace, registry)
    while True:
        folder = safe_folder_name(name, taken)
        try:
            os.mkdir(workspace / folder, 0o700)
        except FileExistsError:
            taken.add(folder)
            continue
        except OSError as e:
            raise UserError(f"{workspace / folder}: cannot be made ({e.strerror or e})") from None
        os.chmod(workspace / folder, 0o700)
        return folder


def join(workspace: Path, name: str) -> Joined | Refused:
    """Register a new trainee: their private folder (``0700``) and personal code.

    A name already registered is refused (:data:`TAKEN`). Cases the trainer handed
    to everyone are given to the newcomer too.
    """
    problem = trainee_name_problem(name)
    if problem:
        return Refused(problem)
    code = new_code()
    code_hash = hash_code(code)  # outside the lock: twenty joins hash at the same time
    shown = name.strip()
    with changing(workspace):
        registry = _load(workspace)
        if any(t.key == name_key(shown) for t in registry.trainees):
            return Refused(TAKEN)
        folder = _make_folder(workspace, registry, shown)
        trainee = Trainee(name=shown, folder=folder, code_hash=code_hash, joined=clock.now())
        registry.trainees.append(trainee)
        _save(workspace, registry)
    from imr_tui.workshop.cases import give_to_newcomer

    give_to_newcomer(workspace, trainee)
    return Joined(trainee, code)


def come_back(workspace: Path, name: str, code: str) -> Trainee | Refused:
    """The trainee whose name and code these are, or the same :data:`WRONG` refusal
    whether the name is unknown or the code wrong; after a few wrong codes for a name,
    :data:`~imr_tui.workshop.tries.WAIT` for a minute (:mod:`imr_tui.workshop.tries`)."""
    key = name_key(name)
    if tries.paused(workspace, key):
        return Refused(tries.WAIT)
    trainee = find(workspace, name)
    if trainee is None:
        code_matches(code, _DUMMY)  # as long as a wrong code takes
        tries.wrong_code(workspace, key)
        return Refused(WRONG)
    if not trainee.code_hash:
        return Refused(NO_CODE)
    if not code_matches(code, trainee.code_hash):
        tries.wrong_code(workspace, key)
        return Refused(WRONG)
    tries.right_code(workspace, key)
    return trainee


def issue_code(workspace: Path, name: str) -> Joined | Refused:
    """The trainer gives a trainee a new code: a registered trainee (their old code
    stops working), a folder from before codes (adopted, keeping the folder), or a new
    name (registered as :func:`join` does)."""
    code = new_code()
    code_hash = hash_code(code)
    with changing(workspace):
        registry = _load(workspace)
        key = name_key(name)
        for n, trainee in enumerate(registry.trainees):
            if trainee.key == key:
                trainee = trainee.model_copy(update={"code_hash": code_hash})
                registry.trainees[n] = trainee
                _save(workspace, registry)
                return Joined(trainee, code)
        legacy = next((f for f in _legacy(workspace, registry) if f.name == name.strip()), None)
        if legacy is not None:
            trainee = Trainee(
                name=legacy.name, folder=legacy.name, code_hash=code_hash, joined=clock.now()
            )
            registry.trainees.append(trainee)
            _save(workspace, registry)
            return Joined(trainee, code)
        problem = trainee_name_problem(name)
        if problem:
            return Refused(problem)
        shown = name.strip()
        folder = _make_folder(workspace, registry, shown)
        trainee = Trainee(name=shown, folder=folder, code_hash=code_hash, joined=clock.now())
        registry.trainees.append(trainee)
        _save(workspace, registry)
    from imr_tui.workshop.cases import give_to_newcomer

    give_to_newcomer(workspace, trainee)
    return Joined(trainee, code)


def _legacy(workspace: Path, registry: Registry) -> list[Path]:
    registered = {t.folder.casefold() for t in registry.trainees}
    found: list[Path] = []
    try:
        entries = sorted(os.scandir(workspace), key=lambda e: e.name)
    except OSError:
        return []
    for entry in entries:
        if entry.name.casefold() in registered or not LEGACY_NAME.match(entry.name):
            continue
        try:
            if stat.S_ISDIR(entry.stat(follow_symlinks=False).st_mode):
                found.append(Path(entry.path))
        except OSError:
            continue
    return found


def legacy_folders(workspace: Path) -> list[Path]:
    """Folders older serve versions made (a trainee's name as folder), not registered."""
    return _legacy(workspace, _load(workspace))

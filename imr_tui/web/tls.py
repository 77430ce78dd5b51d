"""HTTPS for serve mode: the trainer's certificate and key, checked before serving."""

from __future__ import annotations

import ssl
from pathlib import Path

from imr_tui.core.errors import UserError


def tls_context(cert: Path | None, key: Path | None) -> ssl.SSLContext | None:
    """The server's TLS settings from ``--tls-cert`` and ``--tls-key`` (None: plain HTTP).

    Both are needed together; a file that is missing, unreadable or not a
    certificate or key (or a key that does not match the certificate) is one
    plain line naming the file.
    """
    if cert is None and key is None:
        return None
    if cert is None or key is None:
        given, missing = ("--tls-cert", "--tls-key") if key is None else ("--tls-key", "--tls-cert")
        raise UserError(f"{given} needs {missing} too: HTTPS takes a certificate and its key")
    for option, path in (("--tls-cert", cert), ("--tls-key", key)):
        if path.is_dir():
            raise UserError(f"{path}: is a folder, not a file, for {option}")
        if not path.is_file():
            raise UserError(f"{path}: no such file for {option}")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(cert, key)
    except PermissionError as e:
        raise UserError(f"{e.filename or cert}: cannot be read (permission denied)") from e
    except (ssl.SSLError, OSError) as e:
        raise UserError(
            f"{cert} and {key}: not a usable certificate and matching private key in PEM form "
            f"({getattr(e, 'reason', None) or e.__class__.__name__})"
        ) from e
    return context

"""The anonymised Word export of a review written to leak, opened by LibreOffice Writer and
printed to PDF, as a panel would publish it: none of the names, identifiers or dates of
birth is in the PDF's text.

Looked at as pages (reviewed by eye, 60 dpi): page 1 has the title, the introduction and the
details table, whose rows read "Name of Adult(s): Adult A", "Age: aged 79 at the end of the
review period", "Name of author" and "Role of author": "Named Nurse for Safeguarding
Adults", "Contact details of author: [e-mail removed], [phone number removed]"; the
summary's paragraph reads "Contact: [e-mail removed], ... Scanned letter [file name
removed]. Born [date of birth removed] ..."; the chronology is on a landscape page.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from leak_corpus import found_forbidden, leak_review

from imr_tui.core.catalogue import Catalogue
from imr_tui.core.store import save

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice") or "soffice"


def test_the_anonymised_word_export_printed_to_pdf_holds_no_name(
    imr, tmp_path: Path, catalogue: Catalogue
) -> None:
    path = tmp_path / "dorothy-hollins.toml"
    save(path, leak_review(), catalogue)
    docx = tmp_path / "anonymised.docx"
    result = imr("export", path, "--anonymise", "--format", "docx", "-o", docx)
    assert result.returncode == 0, result.stderr
    profile = tmp_path / "profile"
    convert = ["--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)]
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", *convert],
        check=True,
        capture_output=True,
        timeout=180,
    )
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "anonymised.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "Individual Management Review" in text and "Adult A" in text
    assert "[e-mail removed]" in text and "aged 79 at the end of the review period" in text
    assert found_forbidden(text) == []

"""A PDF of a rendered Word document, through LibreOffice (soffice --headless --convert-to pdf).

Each call gets its own LibreOffice profile in a temporary directory, so conversions run side by side (one
profile is locked by the first process that opens it). A machine without LibreOffice raises PdfUnavailable,
which the views turn into a page that says so; the README's deployment section names the packages.
"""
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _


class PdfUnavailable(Exception):
    """No PDF can be made here; `message` says why (shown to the user)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def soffice() -> str | None:
    return settings.ISOGOV["SOFFICE"] or shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes) -> bytes:
    binary, timeout = soffice(), settings.ISOGOV["PDF_TIMEOUT_SECONDS"]
    if not binary:
        raise PdfUnavailable(_("This server has no LibreOffice, which makes the PDF of a document: the Word file "
                               "holds the same content. (Whoever runs the server installs LibreOffice Writer, "
                               "see the README's deployment section.)"))
    with tempfile.TemporaryDirectory(prefix="isogov-pdf-") as tmp:
        work = Path(tmp)
        source = work / "document.docx"
        source.write_bytes(docx)
        command = [binary, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf", "--outdir", str(work), str(source)]
        try:
            # Its own process group: on a timeout the whole of LibreOffice goes (soffice starts soffice.bin).
            process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                       env={**os.environ, "HOME": tmp}, start_new_session=True)
        except OSError as exc:
            raise PdfUnavailable(_("LibreOffice could not be started: %(error)s") % {"error": exc}) from exc
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            message = _("LibreOffice did not finish the PDF within %(n)s seconds.") % {"n": timeout}
            raise PdfUnavailable(message) from exc
        target = work / "document.pdf"
        if not target.exists():
            raise PdfUnavailable(_("LibreOffice did not produce a PDF of this document."))
        return target.read_bytes()

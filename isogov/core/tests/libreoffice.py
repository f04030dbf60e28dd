"""Tests that make a real PDF need LibreOffice: without it they skip, loudly; under CI (CI=true) they fail."""
import os

import pytest

from isogov.core.official import pdf


def require_libreoffice() -> None:
    if pdf.soffice() is None:
        message = "PDF TESTS NOT RUN: no LibreOffice found (apt-get install libreoffice-writer-nogui fonts-liberation2)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)

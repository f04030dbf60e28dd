import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english(settings):
    """Assertions read English messages; Vietnamese catalogues are added later and must not break them."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield

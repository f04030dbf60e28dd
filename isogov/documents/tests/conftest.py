import pytest


@pytest.fixture
def storage(settings, tmp_path):
    """Uploads go to a fresh directory, so a test can see exactly what reached storage."""
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return tmp_path


"""ISOGOV_STORAGE=s3 puts the uploaded files in a bucket through django-storages (an optional extra)."""
import os
import subprocess
import sys

import pytest

CODE = ("import django; django.setup(); from django.core.files.storage import storages; s = storages[\"default\"]; "
        "print(type(s).__module__, s.bucket_name, s.endpoint_url)")


def test_s3_storage_is_chosen_by_the_environment():
    pytest.importorskip("storages", reason="django-storages[s3] is the optional 's3' extra")
    env = {k: os.environ[k] for k in ("PATH", "HOME") if k in os.environ}
    env.update(DJANGO_SETTINGS_MODULE="isogov.settings", ISOGOV_DEMO="1", ISOGOV_STORAGE="s3",
               AWS_STORAGE_BUCKET_NAME="isogov-media", AWS_S3_ENDPOINT_URL="http://127.0.0.1:9000")
    out = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["storages.backends.s3", "isogov-media", "http://127.0.0.1:9000"]

"""isogov/conf.py is the one list of isogov's settings: settings.ISOGOV is built from it, the README names each,
values from the environment are parsed strictly, and importing the settings creates nothing."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from isogov import conf

README = Path(__file__).resolve().parents[3] / "README.md"


def test_settings_isogov_holds_exactly_the_declared_settings():
    assert set(settings.ISOGOV) == set(conf.BY_NAME)
    assert len(conf.BY_NAME) == len(conf.SETTINGS)


@pytest.mark.parametrize("setting", conf.SETTINGS, ids=lambda s: s.name)
def test_every_setting_has_a_basis_a_doc_and_a_row_in_the_readme(setting):
    assert re.match(r"\[(law|assumed|deployment)\]", setting.basis), setting.basis
    assert setting.doc
    assert f"`{setting.env or setting.name}`" in README.read_text(encoding="utf-8")


def test_a_typo_in_a_number_or_a_yes_no_stops_the_start(monkeypatch):
    monkeypatch.setenv("ISOGOV_TRAINING_MIN_PER_AGENCY", "two")
    with pytest.raises(ImproperlyConfigured, match="ISOGOV_TRAINING_MIN_PER_AGENCY"):
        conf.build()
    monkeypatch.setenv("ISOGOV_TRAINING_MIN_PER_AGENCY", "3")
    assert conf.build()["TRAINING_MIN_PER_AGENCY"] == 3
    monkeypatch.setenv("ISOGOV_DEMO", "ye")
    with pytest.raises(ImproperlyConfigured, match="ISOGOV_DEMO"):
        conf.build()


def test_defaults_are_copied_so_a_changed_setting_leaves_the_declaration_alone():
    built = conf.build()
    built["SEPARATION_OF_DUTIES"]["CAPA_VERIFIER_EXCLUDES"].clear()
    assert conf.BY_NAME["SEPARATION_OF_DUTIES"].default["CAPA_VERIFIER_EXCLUDES"] == ["owner", "done_by"]


def test_importing_the_settings_creates_no_folder_and_a_command_does(tmp_path):
    var = tmp_path / "var"
    clean = {key: os.environ[key] for key in ("PATH", "HOME", "LANG") if key in os.environ}
    env = {**clean, "ISOGOV_DEMO": "1", "ISOGOV_VAR_DIR": str(var), "DJANGO_SETTINGS_MODULE": "isogov.settings"}
    subprocess.run([sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
                    "settings.ISOGOV"], env=env, check=True, timeout=120, cwd=tmp_path)
    assert not var.exists()
    command = "import sys; from isogov.cli import main; sys.exit(main(['isogov', 'check']))"
    subprocess.run([sys.executable, "-c", command], env=env, check=True, timeout=120, cwd=tmp_path,
                   capture_output=True)
    assert (var / "static").is_dir()

"""Every message of the interface has its Vietnamese translation, and the compiled catalogue is current."""
from pathlib import Path

import polib

CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "vi" / "LC_MESSAGES"


def test_every_message_is_translated():
    po = polib.pofile(str(CATALOGUE / "django.po"))
    missing = [e.msgid for e in po if not e.translated() or e.fuzzy]
    assert not missing, f"{len(missing)} untranslated: {missing[:10]}"


def test_compiled_catalogue_matches_the_source():
    po = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0, ""))
          for e in polib.pofile(str(CATALOGUE / "django.po"))
          if e.translated()}
    mo = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural.get(0, ""))
          for e in polib.mofile(str(CATALOGUE / "django.mo"))
          if e.msgid}
    assert po == mo, "run: cd isogov && django-admin compilemessages -l vi"

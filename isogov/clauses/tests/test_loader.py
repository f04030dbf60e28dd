import json

import pytest
from django.core.exceptions import ValidationError

from isogov.clauses.loader import load_framework
from isogov.clauses.models import Clause, Framework

pytestmark = pytest.mark.django_db


def test_builtin_frameworks_are_loaded_by_the_migration():
    iso = Framework.objects.get(code="iso9001-2015")
    assert iso.clauses.get(number="9.2").title_en == "Internal audit"
    assert iso.clauses.get(number="8.5.1").parent.number == "8.5"
    numbers = list(iso.clauses.values_list("number", flat=True))
    assert numbers.index("8.5.6") < numbers.index("8.6") < numbers.index("10")
    assert Framework.objects.filter(code="iso9001-2008").exists()


def test_a_new_framework_loads_from_a_file_without_code(tmp_path):
    path = tmp_path / "checklist.json"
    path.write_text(json.dumps({"code": "tv-checklist", "name_vi": "Bảng kiểm của tỉnh",
                                "name_en": "Province checklist",
                                "clauses": [{"number": "1", "title_vi": "Phạm vi", "title_en": "Scope"},
                                            {"number": "1.1", "title_vi": "Đủ TTHC", "title_en": "All procedures"}]}),
                    encoding="utf-8")
    framework, count = load_framework(path)
    assert count == 2 and framework.clauses.get(number="1.1").parent.number == "1"
    load_framework(path)  # again: nothing duplicated
    assert Clause.objects.filter(framework=framework).count() == 2


def test_bad_file_is_refused_and_changes_nothing(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"code": "bad", "name_vi": "x", "name_en": "x",
                                "clauses": [{"number": "1.1", "title_vi": "a", "title_en": "a"},
                                            {"number": "x", "title_vi": "b", "title_en": "b"}]}), encoding="utf-8")
    with pytest.raises(ValidationError) as exc:
        load_framework(path)
    assert "no parent clause 1" in str(exc.value) and "not a clause number" in str(exc.value)
    assert not Framework.objects.filter(code="bad").exists()

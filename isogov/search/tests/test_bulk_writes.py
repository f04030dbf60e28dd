"""An agency import writes in bulk, which sends no save signal: the registry's bulk-write hook still brings the new
and renamed agencies into the index, in the import's own transaction."""
import pytest

from isogov.registry.importing import import_agencies
from isogov.registry.tests.import_helpers import HEADER, csv_bytes
from isogov.search.tests.helpers import titles

pytestmark = pytest.mark.django_db


def test_imported_and_renamed_agencies_are_found_at_once(province):
    rows = [["30001", "Xã Long Đức Mới", "Cấp xã", "842"], ["STP", "Sở Tư pháp tỉnh Vĩnh Long", "Cấp tỉnh"]]
    import_agencies(actor=province.admin, data=csv_bytes(rows, HEADER[:4]), filename="a.csv")
    assert titles(province.admin, "long duc moi", kind="agency") == ["Xã Long Đức Mới"]
    assert titles(province.admin, "tu phap vinh long", kind="agency") == ["Sở Tư pháp tỉnh Vĩnh Long"]
    assert titles(province.admin, "tu phap tra vinh", kind="agency") == []  # the old name is gone
    assert titles(province.alice, "long duc moi", kind="agency") == ["Xã Long Đức Mới"]  # a commune of her 842
    assert titles(province.bob, "long duc moi", kind="agency") == []  # not of his 844

"""Catalogue rows made through its services (audited, validated as in real use)."""
import datetime as dt

from factory import Factory

from isogov.catalogue import services
from isogov.catalogue.models import LegalText, Publication

HEADER = "Mã TTHC,Tên thủ tục hành chính,Lĩnh vực,Cấp thực hiện,Cơ quan thực hiện\n"
# Commune procedures of the national database (codes as in the demo data and world.py).
BIRTH = "1.001193,Đăng ký khai sinh,Hộ tịch,xã,UBND xã\n"
MARRIAGE = "1.000894,Đăng ký kết hôn,Hộ tịch,xã,UBND xã\n"
DEATH = "1.000656,Đăng ký khai tử,Hộ tịch,xã,UBND xã\n"


def csv_file(*rows: str) -> bytes:
    return (HEADER + "".join(rows)).encode("utf-8")


class PublicationFactory(Factory):
    class Meta:
        model = Publication

    actor = None
    number = "100/QĐ-UBND"
    decided_on = dt.date(2026, 11, 6)  # a Friday
    data = csv_file(BIRTH, MARRIAGE)
    filename = "danh-muc.csv"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.publication_upload(**kwargs)


class LegalTextFactory(Factory):
    class Meta:
        model = LegalText

    actor = None
    legal_number = "12/2026/QĐ-UBND"
    title = "Quyết định sửa đổi quy trình đăng ký khai sinh"
    issuing_body = "UBND tỉnh"
    issued_on = dt.date(2026, 1, 5)
    effective_on = dt.date(2026, 1, 15)
    procedures = ()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.legal_text_record(**kwargs)

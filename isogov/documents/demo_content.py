"""What the demo agencies' document registers hold: titles, codes, clauses and the legal texts they track."""
import datetime as dt
from dataclasses import dataclass

from isogov.documents.models import DocumentKind as K


@dataclass(frozen=True)
class Core:
    code: str
    title: str
    kind: str
    clauses: tuple[str, ...]
    owner: str


CORE = [
    Core("CS-01", "Chính sách chất lượng", K.QUALITY_POLICY, ("5.2",), "Lãnh đạo cơ quan"),
    Core("MT-01", "Mục tiêu chất lượng", K.QUALITY_OBJECTIVES, ("6.2",), "Thư ký ISO"),
    Core("PV-01", "Phạm vi áp dụng hệ thống quản lý chất lượng", K.SCOPE, ("4.3",), "Thư ký ISO"),
    Core("QT-KSTL", "Quy trình kiểm soát thông tin dạng văn bản", K.PROCEDURE, ("7.5",), "Văn phòng"),
]
# Procedures an agency adds once it applies its QMS.
APPLYING = [
    Core("QT-DGNB", "Quy trình đánh giá nội bộ", K.PROCEDURE, ("9.2",), "Thư ký ISO"),
    Core("QT-KPH", "Quy trình kiểm soát đầu ra không phù hợp và hành động khắc phục", K.PROCEDURE,
         ("8.7", "10.2"), "Thư ký ISO"),
    Core("BM-KS", "Phiếu khảo sát mức độ hài lòng của người dân, tổ chức", K.FORM, ("9.1.2",), "Bộ phận Một cửa"),
]
PROCESS_CLAUSES = ("8.1", "8.2", "8.5")
LEGAL_CLAUSES = ("4.2",)

REVISIONS = {
    "MT-01": "Cập nhật mục tiêu chất lượng năm {year}",
    "PV-01": "Bổ sung thủ tục hành chính mới được giao vào phạm vi áp dụng",
    "QT-KSTL": "Rút gọn thời gian phê duyệt tài liệu, bổ sung lưu trữ điện tử",
    "CS-01": "Điều chỉnh chính sách theo định hướng chuyển đổi số",
}
PROCESS_REVISION = "Cập nhật thời hạn giải quyết theo quyết định công bố thủ tục hành chính mới"


@dataclass(frozen=True)
class LegalText:
    code: str
    title: str
    issuing_body: str
    number: str
    effective_on: dt.date


# National texts every one-stop shop works under; in effect long before the demo year.
NATIONAL = [
    LegalText("VB-ND61", "Nghị định về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục "
              "hành chính", "Chính phủ", "61/2018/NĐ-CP", dt.date(2018, 6, 21)),
    LegalText("VB-ND107", "Nghị định sửa đổi, bổ sung một số điều của Nghị định 61/2018/NĐ-CP", "Chính phủ",
              "107/2021/NĐ-CP", dt.date(2022, 1, 20)),
    LegalText("VB-TT01", "Thông tư quy định một số nội dung và biện pháp thi hành trong số hóa hồ sơ, kết quả "
              "giải quyết thủ tục hành chính", "Văn phòng Chính phủ", "01/2023/TT-VPCP", dt.date(2023, 5, 20)),
]

# The province keeps publishing lists of new and amended procedures; each one is a legal update to bring in.
PROVINCIAL_TOPICS = [
    "Hộ tịch", "Chứng thực", "Đất đai", "Xây dựng", "Kinh doanh", "Bảo trợ xã hội", "Người có công",
    "Giáo dục và Đào tạo", "Y tế", "Văn hóa", "Nông nghiệp", "Tài nguyên và Môi trường",
]


def provincial_title(topic: str) -> str:
    return f"Quyết định công bố danh mục thủ tục hành chính mới ban hành, sửa đổi, bổ sung lĩnh vực {topic}"

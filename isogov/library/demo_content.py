"""The demo's templates, in Vietnamese, in the framework model's layout (Decision 101/QĐ-BKHCN, 2019): a quality
manual, a policy with its objectives, and the processes of two commune civil-status procedures (TTHC).

The steps follow the usual one-stop flow (receive, hand over, examine, sign, return); the legal references are the
texts the national database cites for these procedures. A step line: step | what is done | who | when | records.
"""
from isogov.registry.models import AgencyKind as K

ALL_KINDS = [K.DEPARTMENT, K.SUB_DEPARTMENT, K.DISTRICT_COMMITTEE, K.COMMUNE_COMMITTEE, K.PUBLIC_SERVICE_UNIT]

MANUAL = {
    "purpose": "Sổ tay chất lượng mô tả hệ thống quản lý chất lượng (HTQLCL) của cơ quan theo TCVN ISO 9001:2015, "
               "làm căn cứ để cán bộ, công chức thực hiện và để lãnh đạo kiểm soát, cải tiến.",
    "scope": "Áp dụng cho toàn bộ hoạt động tiếp nhận, giải quyết và trả kết quả thủ tục hành chính thuộc phạm vi "
             "HTQLCL đã công bố của cơ quan.\nĐiều khoản không áp dụng: 8.3 (Thiết kế và phát triển) vì thủ tục "
             "hành chính do văn bản quy phạm pháp luật quy định.",
    "references": "TCVN ISO 9001:2015.\nQuyết định 19/2014/QĐ-TTg ngày 05/3/2014 của Thủ tướng Chính phủ.\n"
                  "Thông tư 26/2014/TT-BKHCN ngày 10/10/2014 của Bộ Khoa học và Công nghệ.\n"
                  "Quyết định 101/QĐ-BKHCN năm 2019 về mô hình khung HTQLCL.",
    "definitions": "HTQLCL: Hệ thống quản lý chất lượng.\nTTHC: Thủ tục hành chính.\nBộ phận Một cửa: Bộ phận "
                   "tiếp nhận và trả kết quả giải quyết thủ tục hành chính.",
    "body": "Bối cảnh của cơ quan (4.1, 4.2): các vấn đề nội bộ, bên ngoài và nhu cầu của người dân, tổ chức được "
            "xem xét hằng năm trong cuộc họp xem xét của lãnh đạo.\n"
            "Lãnh đạo (5): Chủ tịch UBND chịu trách nhiệm cao nhất về HTQLCL, ban hành chính sách chất lượng và "
            "phân công Thư ký ISO.\n"
            "Hoạch định (6): rủi ro và cơ hội được nhận diện cho từng quy trình; mục tiêu chất lượng được lập "
            "hằng năm.\n"
            "Hỗ trợ (7): nguồn lực, năng lực, nhận thức, trao đổi thông tin và kiểm soát thông tin dạng văn bản.\n"
            "Thực hiện (8): mỗi TTHC trong phạm vi có một quy trình nội bộ theo mẫu của tỉnh.\n"
            "Đánh giá kết quả (9): theo dõi, đo lường, khảo sát sự hài lòng, đánh giá nội bộ ít nhất 12 tháng một lần, "
            "xem xét của lãnh đạo ít nhất 12 tháng một lần.\n"
            "Cải tiến (10): kiểm soát sự không phù hợp và hành động khắc phục.",
}

POLICY = {
    "purpose": "Công bố chính sách chất lượng và mục tiêu chất lượng của cơ quan.",
    "scope": "Áp dụng cho toàn thể cán bộ, công chức trong phạm vi HTQLCL.",
    "body": "CHÍNH SÁCH CHẤT LƯỢNG\n"
            "Lãnh đạo và công chức cam kết giải quyết thủ tục hành chính công khai, minh bạch, đúng pháp luật và đúng "
            "hẹn; lấy sự hài lòng của người dân, tổ chức làm thước đo chất lượng; duy trì và cải tiến liên tục "
            "HTQLCL theo TCVN ISO 9001:2015.\n"
            "MỤC TIÊU CHẤT LƯỢNG NĂM …\n"
            "Ít nhất 98% hồ sơ TTHC được giải quyết đúng hoặc trước hạn.\n"
            "Ít nhất 95% người dân, tổ chức được khảo sát hài lòng.\n"
            "100% công chức Bộ phận Một cửa được đào tạo về HTQLCL.",
}

_CIVIL_STATUS_REFERENCES = ("Luật Hộ tịch số 60/2014/QH13.\nNghị định 123/2015/NĐ-CP quy định chi tiết một số điều "
                            "và biện pháp thi hành Luật Hộ tịch.\nThông tư 04/2020/TT-BTP.\n"
                            "Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông.")
_DEFINITIONS = ("UBND: Ủy ban nhân dân.\nCC-TP: công chức Tư pháp - Hộ tịch.\n"
                "Bộ phận Một cửa: Bộ phận tiếp nhận và trả kết quả.")

MARRIAGE = {
    "purpose": "Quy định trình tự, trách nhiệm giải quyết thủ tục Đăng ký kết hôn tại UBND cấp xã, bảo đảm đúng "
               "pháp luật và đúng thời hạn.",
    "scope": "Áp dụng đối với việc đăng ký kết hôn giữa công dân Việt Nam cư trú trong nước tại UBND cấp xã nơi cư "
             "trú của một trong hai bên.",
    "references": _CIVIL_STATUS_REFERENCES,
    "definitions": _DEFINITIONS,
    "steps": "B1 | Tiếp nhận, kiểm tra hồ sơ; lập phiếu hẹn | Công chức Bộ phận Một cửa | 0,5 giờ | "
             "Phiếu tiếp nhận và hẹn trả kết quả\n"
             "B2 | Chuyển hồ sơ cho công chức Tư pháp - Hộ tịch | Bộ phận Một cửa | Trong ngày | "
             "Phiếu kiểm soát quá trình\n"
             "B3 | Thẩm tra hồ sơ, xác minh (nếu cần); dự thảo Giấy chứng nhận kết hôn | CC-TP | Trong ngày | "
             "Dự thảo Giấy chứng nhận kết hôn\n"
             "B4 | Ký Giấy chứng nhận kết hôn | Chủ tịch UBND | Trong ngày | Giấy chứng nhận kết hôn\n"
             "B5 | Ghi vào Sổ đăng ký kết hôn; hai bên ký | CC-TP | Khi trao | Sổ đăng ký kết hôn\n"
             "B6 | Trả kết quả, thu lệ phí (nếu có) | Bộ phận Một cửa | Theo phiếu hẹn | Sổ theo dõi trả kết quả",
    "forms": "Tờ khai đăng ký kết hôn (Thông tư 04/2020/TT-BTP).\nPhiếu tiếp nhận và hẹn trả kết quả.\n"
             "Phiếu kiểm soát quá trình giải quyết hồ sơ.",
    "records": "Hồ sơ đăng ký kết hôn; Sổ đăng ký kết hôn: lưu vĩnh viễn tại UBND cấp xã.\n"
               "Phiếu kiểm soát quá trình: 02 năm tại Bộ phận Một cửa.",
}

# Version 02: the one-stop shop's e-procedures (Decree 118/2025/NĐ-CP) replace Decree 61/2018 and add online filing.
MARRIAGE_V2 = {
    **MARRIAGE,
    "references": _CIVIL_STATUS_REFERENCES.replace(
        "Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa, một cửa liên thông.",
        "Nghị định 118/2025/NĐ-CP về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông."),
    "steps": "B1 | Tiếp nhận hồ sơ trực tiếp hoặc trực tuyến trên Cổng Dịch vụ công; kiểm tra; cấp mã hồ sơ | "
             "Công chức Bộ phận Một cửa | 0,5 giờ | Phiếu tiếp nhận và hẹn trả kết quả (điện tử)\n"
             + MARRIAGE["steps"].split("\n", 1)[1],
    "records": MARRIAGE["records"] + "\nHồ sơ điện tử: lưu trên Hệ thống thông tin giải quyết TTHC của tỉnh.",
}

BIRTH = {
    "purpose": "Quy định trình tự, trách nhiệm giải quyết thủ tục Đăng ký khai sinh tại UBND cấp xã.",
    "scope": "Áp dụng đối với việc đăng ký khai sinh cho trẻ em sinh ra tại Việt Nam có cha, mẹ là công dân Việt "
             "Nam, tại UBND cấp xã nơi cư trú của cha hoặc mẹ.",
    "references": _CIVIL_STATUS_REFERENCES,
    "definitions": _DEFINITIONS,
    "steps": "B1 | Tiếp nhận, kiểm tra hồ sơ | Công chức Bộ phận Một cửa | 0,5 giờ | Phiếu tiếp nhận\n"
             "B2 | Chuyển hồ sơ cho công chức Tư pháp - Hộ tịch | Bộ phận Một cửa | Trong ngày | Phiếu kiểm soát\n"
             "B3 | Kiểm tra; ghi Sổ đăng ký khai sinh; dự thảo Giấy khai sinh | CC-TP | Trong ngày | "
             "Sổ đăng ký khai sinh\n"
             "B4 | Ký Giấy khai sinh | Chủ tịch UBND | Trong ngày | Giấy khai sinh\n"
             "B5 | Trả kết quả; người đi đăng ký ký Sổ | Bộ phận Một cửa | Trong ngày | Sổ theo dõi trả kết quả",
    "forms": "Tờ khai đăng ký khai sinh (Thông tư 04/2020/TT-BTP).\nPhiếu tiếp nhận và hẹn trả kết quả.",
    "records": "Sổ đăng ký khai sinh: lưu vĩnh viễn.\nHồ sơ đăng ký khai sinh: lưu tại UBND cấp xã.",
}


TEMPLATES = [
    # (code, kind, title, agency kinds, procedure code or "", sections)
    ("STCL", "manual", "Sổ tay chất lượng", ALL_KINDS, "", MANUAL),
    ("CSMT", "policy", "Chính sách chất lượng và mục tiêu chất lượng", ALL_KINDS, "", POLICY),
    ("QT-HT-KH", "process", "Quy trình đăng ký kết hôn", [K.COMMUNE_COMMITTEE], "1.000894", MARRIAGE),
    ("QT-HT-KS", "process", "Quy trình đăng ký khai sinh", [K.COMMUNE_COMMITTEE], "1.001193", BIRTH),
]

"""Deterministic contact details for the demo agencies: ISO secretaries, signers, emails and phones.

Every value comes from the Random the caller passes in, so the same seed gives the same province.
"""
import random
import unicodedata

# Trà Vinh has a large Khmer community, hence Thạch, Kim and Sơn among the common family names.
FAMILY = ["Nguyễn", "Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Phan", "Trương", "Đặng", "Bùi", "Đỗ",
          "Hồ", "Ngô", "Dương", "Lý", "Thạch", "Thạch", "Kim", "Sơn", "Lâm", "Châu", "Tăng"]
MIDDLE_MALE = ["Văn", "Văn", "Minh", "Quốc", "Thanh", "Hoàng", "Hữu", "Công", "Đức", "Trung"]
MIDDLE_FEMALE = ["Thị", "Thị", "Ngọc", "Thanh", "Thị Kim", "Thị Thu", "Mỹ", "Thị Ngọc", "Hồng"]
GIVEN_MALE = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khang", "Khoa", "Lâm", "Long", "Nam", "Phong",
              "Phúc", "Quang", "Sơn", "Tài", "Thắng", "Toàn", "Trung", "Tuấn", "Vinh", "Hiếu", "Nghĩa"]
GIVEN_FEMALE = ["Anh", "Châu", "Diễm", "Dung", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Loan", "Mai",
                "Ngân", "Nhung", "Phương", "Tâm", "Thảo", "Thủy", "Trang", "Tuyết", "Vân", "Yến", "Xuân"]

# How a district's name is shortened in its mailbox: "Thành phố Trà Vinh" → "tptravinh".
DISTRICT_PREFIXES = {"thanh pho ": "tp", "thi xa ": "tx", "huyen ": ""}


def person(rng: random.Random) -> str:
    if rng.random() < 0.55:
        parts = [rng.choice(FAMILY), rng.choice(MIDDLE_FEMALE), rng.choice(GIVEN_FEMALE)]
    else:
        parts = [rng.choice(FAMILY), rng.choice(MIDDLE_MALE), rng.choice(GIVEN_MALE)]
    return unicodedata.normalize("NFC", " ".join(parts))


def phone(rng: random.Random, area_code: str) -> str:
    """A landline in the province's area code (0294 Trà Vinh), written the way the provincial directory does."""
    return f"{area_code} 3{rng.randint(820, 899)} {rng.randint(0, 999):03d}"


def ascii_text(value: str) -> str:
    """Drop the diacritics but keep the case: for mailboxes and the plain-font demo PDFs."""
    decomposed = unicodedata.normalize("NFD", value.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slug(value: str) -> str:
    return "".join(ch for ch in ascii_text(value).lower() if ch.isalnum())


def district_slug(name: str) -> str:
    lowered = " ".join(ascii_text(name).lower().split())
    for prefix, short in DISTRICT_PREFIXES.items():
        if lowered.startswith(prefix):
            return short + slug(lowered[len(prefix):])
    return slug(lowered)


def provincial_email(code: str, domain: str) -> str:
    return f"vanthu.{code.lower()}@{domain}"


def district_email(name: str, domain: str) -> str:
    return f"vanthu.{district_slug(name)}@{domain}"


def commune_email(name: str, district_name: str, domain: str) -> str:
    # Before 2025 commune names repeated across districts ("Phường 1"), so the district went into the
    # mailbox too; the communes of a two-tier province have unique names and no district.
    if not district_name:
        return f"vanthu.{slug(name)}@{domain}"
    return f"vanthu.{slug(name)}.{district_slug(district_name)}@{domain}"

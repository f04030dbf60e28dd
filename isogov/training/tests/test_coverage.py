"""The coverage contract: by tier, in a fixed number of queries, on a fixture worked out by hand."""
import pytest

from isogov.accounts import access
from isogov.registry.models import Agency
from isogov.training import selectors
from isogov.training.models import Topic, Trainee
from isogov.training.tests.helpers import course, session, trainee

pytestmark = pytest.mark.django_db


@pytest.fixture
def trained(province):
    """Two courses, one session each. The registry names the secretaries of SKHCN (Trần Văn Lâm),
    STP (Lê Thị Hoa) and 842 (Nguyễn Văn An); 844 and the communes name none."""
    p = province
    a = session(course(p))
    b = session(course(p, title="Xây dựng tài liệu theo mô hình khung", topic=Topic.FRAMEWORK))
    # SKHCN: its named secretary (not marked) and one more, both completed → 2 people, secretary trained.
    trainee(a, p.skhcn, "Trần Văn Lâm")
    trainee(a, p.skhcn, "Phạm Thu")
    # STP: the secretary did not complete; Đỗ Minh completed twice → 1 person, secretary not trained.
    trainee(a, p.stp, "Lê Thị Hoa", completed=False)
    trainee(a, p.stp, "Đỗ Minh")
    trainee(b, p.stp, "Đỗ Minh")
    # 842: the secretary's name typed without diacritics still matches; plus one more → 2 people, trained.
    trainee(a, p.d842, "nguyen van AN")
    trainee(b, p.d842, "Lý Thị Mai")
    # 844: no named secretary, a completed trainee marked as secretary → 1 person, a trained secretary.
    trainee(a, p.d844, "Kim Sơn", secretary=True)
    # 29242: its marked secretary did not complete; two others did → 2 people, an untrained secretary.
    trainee(a, p.c29242, "Thạch Văn Bình", secretary=True, completed=False)
    trainee(b, p.c29242, "Sơn Thị Lan")
    trainee(b, p.c29242, "Châu Văn Tư")
    # 29245: nobody. 29278: one trainee who did not complete.
    trainee(b, p.c29278, "Tăng Thị Yến", completed=False)
    return p


def test_coverage_by_tier_worked_by_hand(trained):
    result = selectors.coverage(agencies=Agency.objects.all(), min_trained=2)
    assert list(result) == ["province", "district", "commune"]  # top tier first
    # province: SKHCN and STP; covered SKHCN (2 people) not STP (1); both name a secretary; SKHCN's trained.
    assert result["province"] == {"agencies": 2, "covered": 1, "secretaries": 2, "secretaries_trained": 1}
    # district: 842 and 844; covered 842 (2) not 844 (1); 842 named + 844 marked = 2 secretaries, both trained.
    assert result["district"] == {"agencies": 2, "covered": 1, "secretaries": 2, "secretaries_trained": 2}
    # commune: 29242, 29245, 29278; covered 29242 only; 29242's marked secretary is the only one, untrained.
    assert result["commune"] == {"agencies": 3, "covered": 1, "secretaries": 1, "secretaries_trained": 0}


def test_coverage_with_one_trained_person_needed(trained):
    result = selectors.coverage(agencies=Agency.objects.all(), min_trained=1)
    # province: SKHCN 2, STP 1 → 2; district: 842 2, 844 1 → 2; commune: 29242 2, 29245 0, 29278 0 → 1.
    assert [r["covered"] for r in result.values()] == [2, 2, 1]


def test_untrained_agencies_lists_those_below_the_threshold(trained):
    untrained = selectors.untrained_agencies(agencies=Agency.objects.all(), min_trained=2)
    # STP 1, 844 1, 29245 0, 29278 0 (did not complete); top tier first, then along the tree.
    assert [(a.code, a.trained_count) for a in untrained] == [("STP", 1), ("844", 1), ("29245", 0), ("29278", 0)]
    assert [a.code for a in selectors.untrained_agencies(agencies=Agency.objects.all(), min_trained=3)] == [
        "SKHCN", "STP", "842", "844", "29242", "29245", "29278"]


def test_coverage_within_what_a_district_user_may_read(trained):
    agencies = selectors.coverage_agencies(user=trained.alice)
    result = selectors.coverage(agencies=agencies, min_trained=2)
    # alice reads 842, 29242 and 29245 only.
    assert result == {"district": {"agencies": 1, "covered": 1, "secretaries": 1, "secretaries_trained": 1},
                      "commune": {"agencies": 2, "covered": 1, "secretaries": 1, "secretaries_trained": 0}}
    assert [a.code for a in selectors.untrained_agencies(agencies=agencies, min_trained=2)] == ["29245"]
    assert selectors.coverage(agencies=access.agencies_readable(trained.bob), min_trained=2)["commune"]["covered"] == 0


def test_queries_do_not_grow_with_the_data(province, django_assert_num_queries):
    p = province
    s = session(course(p))
    trainee(s, p.skhcn, "Trần Văn Lâm")
    with django_assert_num_queries(1):  # one grouped query, the trainees' sets inside it
        small = selectors.coverage(agencies=Agency.objects.all(), min_trained=2)
    with django_assert_num_queries(1):
        list(selectors.untrained_agencies(agencies=Agency.objects.all(), min_trained=2))
    people = [Trainee(session=s, course=s.course, agency=agency, full_name=f"Người {i}", name_key=f"nguoi {i}",
                      completed=True, is_iso_secretary=i % 7 == 0)
              for agency in Agency.objects.all() for i in range(40)]
    Trainee.objects.bulk_create(people)
    with django_assert_num_queries(1):
        large = selectors.coverage(agencies=Agency.objects.all(), min_trained=2)
    with django_assert_num_queries(1):
        assert list(selectors.untrained_agencies(agencies=Agency.objects.all(), min_trained=2)) == []
    assert small["province"]["covered"] == 0 and large["province"]["covered"] == 2
    assert large["commune"]["secretaries_trained"] == 3

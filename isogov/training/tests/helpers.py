import datetime as dt

from isogov.training import services
from isogov.training.models import Topic


def course(province, title="Nhận thức chung về TCVN ISO 9001:2015", topic=Topic.AWARENESS):
    return services.course_create(actor=province.admin, title=title, topic=topic, organiser=province.skhcn,
                                  trainers="Phạm Quốc Bảo")


def session(course, start=dt.date(2020, 6, 15), end=None, place="Hội trường Sở KH&CN"):
    return services.session_create(actor=None, course=course, start_date=start, end_date=end, place=place)


def trainee(session, agency, name, *, completed=True, secretary=False, certificate="", position=""):
    return services.trainee_add(actor=None, session=session, agency=agency, full_name=name, position=position,
                                is_iso_secretary=secretary, completed=completed, certificate_number=certificate)

import datetime as dt

from isogov.training.models import Topic
from isogov.training.tests.factories import CourseFactory, SessionFactory, TraineeFactory


def course(province, title="Nhận thức chung về TCVN ISO 9001:2015", topic=Topic.AWARENESS):
    return CourseFactory(province=province, title=title, topic=topic)


def session(course, start=dt.date(2020, 6, 15), end=None, place="Hội trường Sở KH&CN"):
    return SessionFactory(course=course, start_date=start, end_date=end, place=place)


def trainee(session, agency, name, *, completed=True, secretary=False, certificate="", position=""):
    return TraineeFactory(session=session, agency=agency, full_name=name, position=position,
                          is_iso_secretary=secretary, completed=completed, certificate_number=certificate)

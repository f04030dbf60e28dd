"""Courses, sessions and trainees made by factory_boy, each through the training services (validated, audit-logged)
as a user makes them. A course is organised by `province` (its SKHCN, created by its admin), which every course
needs: `SessionFactory(course__province=p)`, `TraineeFactory(session__course__province=p, agency=…)`. Sessions
and trainees are added by the import's actor (none), as the tests add them."""
import datetime as dt

import factory
from factory.django import DjangoModelFactory

from isogov.training import services
from isogov.training.models import Course, Session, Topic, Trainee


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    class Params:
        province = None

    actor = factory.LazyAttribute(lambda o: o.province.admin if o.province else None)
    title = "Nhận thức chung về TCVN ISO 9001:2015"
    topic = Topic.AWARENESS
    organiser = factory.LazyAttribute(lambda o: o.province.skhcn if o.province else None)
    trainers = "Phạm Quốc Bảo"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.course_create(**kwargs)


class SessionFactory(DjangoModelFactory):
    class Meta:
        model = Session

    actor = None
    course = factory.SubFactory(CourseFactory)
    start_date = dt.date(2020, 6, 15)
    end_date = None
    place = "Hội trường Sở KH&CN"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.session_create(**kwargs)


class TraineeFactory(DjangoModelFactory):
    class Meta:
        model = Trainee

    actor = None
    session = factory.SubFactory(SessionFactory)
    agency = None
    full_name = factory.Faker("name", locale="vi_VN")
    position = ""
    is_iso_secretary = False
    completed = True
    certificate_number = ""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.trainee_add(**kwargs)

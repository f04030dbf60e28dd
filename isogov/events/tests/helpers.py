"""Events for the tests, made by the factory (the files they carry: `isogov.core.tests.files`)."""
import datetime as dt

from isogov.events.models import EventKind
from isogov.events.tests.factories import EventFactory


def event(province, *, invited=(), title="Hội nghị triển khai Kế hoạch ISO năm 2020", kind=EventKind.LAUNCH,
          date=dt.date(2020, 2, 20)):
    return EventFactory(province=province, invited=invited, title=title, kind=kind, date=date)

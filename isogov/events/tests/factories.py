"""Events made by factory_boy through `events.services.event_create` (validated, audit-logged, invitations
written) as the province's admin makes them. `province` gives the actor and the organiser (its SKHCN)."""
import datetime as dt

import factory
from factory.django import DjangoModelFactory

from isogov.events import services
from isogov.events.models import Event, EventKind


class EventFactory(DjangoModelFactory):
    class Meta:
        model = Event

    class Params:
        province = None

    actor = factory.LazyAttribute(lambda o: o.province.admin if o.province else None)
    title = "Hội nghị triển khai Kế hoạch ISO năm 2020"
    kind = EventKind.LAUNCH
    date = dt.date(2020, 2, 20)
    place = "Hội trường Sở KH&CN"
    organiser = factory.LazyAttribute(lambda o: o.province.skhcn if o.province else None)
    agenda = "1. Khai mạc\n2. Triển khai kế hoạch"
    invited = ()

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.event_create(**kwargs)

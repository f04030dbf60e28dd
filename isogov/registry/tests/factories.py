"""Test agencies made by factory_boy: a commune numbered `number` (X00042, "Xã Số 42"), its path and folded search
text derived as the registry's services derive them, its QMS state cycling through every state. `tier` and
`parent` are given by the caller (one Tier read for a batch, not one per agency); `build` + bulk_create makes
thousands at once."""
import factory
from factory.django import DjangoModelFactory

from isogov.qms.states import QmsState
from isogov.registry.models import Agency, AgencyKind
from isogov.registry.services import path_for, search_text_for

STATES = list(QmsState.values)


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = Agency

    class Params:
        number = factory.Sequence(int)

    code = factory.LazyAttribute(lambda o: f"X{o.number:05d}")
    name = factory.LazyAttribute(lambda o: f"Xã Số {o.number}")
    kind = AgencyKind.COMMUNE_COMMITTEE
    qms_state = factory.LazyAttribute(lambda o: STATES[o.number % len(STATES)])
    path = factory.LazyAttribute(lambda o: path_for(o.code, o.parent))
    search_text = factory.LazyAttribute(lambda o: search_text_for(o.code, o.name))

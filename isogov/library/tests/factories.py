"""Templates made by factory_boy through `library.services.template_create` (code checked, version 01 published,
audit-logged); adoptions through `template_adopt`, which writes the agency's document through the documents app."""
import factory
from factory.django import DjangoModelFactory

from isogov.library import services
from isogov.library.models import Adoption, Template, TemplateKind
from isogov.registry.models import AgencyKind

POLICY_SECTIONS = {
    "purpose": "Công bố chính sách chất lượng của cơ quan.",
    "scope": "Áp dụng cho toàn bộ hoạt động giải quyết thủ tục hành chính.",
    "body": "Lãnh đạo cam kết:\nGiải quyết hồ sơ đúng hạn.\nCông khai, minh bạch.",
}


class TemplateFactory(DjangoModelFactory):
    class Meta:
        model = Template

    actor = None
    kind = TemplateKind.POLICY
    code = factory.Sequence(lambda n: f"CS-{n + 1:02d}")
    title = "Chính sách chất lượng"
    agency_kinds = (AgencyKind.DISTRICT_COMMITTEE, AgencyKind.COMMUNE_COMMITTEE)
    procedure = None
    sections = factory.LazyFunction(lambda: dict(POLICY_SECTIONS))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.template_create(**kwargs)


class AdoptionFactory(DjangoModelFactory):
    class Meta:
        model = Adoption

    agency = None
    template = None
    actor = None
    owner_name = "Văn phòng"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return services.template_adopt(**kwargs)


def new_version(template, actor, *, why="Bổ sung cam kết về chuyển đổi số.", legal_basis="", **changes):
    latest = template.versions.order_by("-number").first()
    sections = {name: getattr(latest, name) for name in ("purpose", "scope", "body", "references", "definitions",
                                                           "steps", "forms", "records")}
    sections.update(changes or {"body": latest.body + "\nỨng dụng công nghệ thông tin."})
    return services.template_version_publish(template=template, actor=actor, sections=sections, why=why,
                                             legal_basis=legal_basis)

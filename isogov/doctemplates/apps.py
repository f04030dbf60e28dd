from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocTemplatesConfig(AppConfig):
    """The Word templates of the signable documents, replaced and reset by the programme lead."""
    name = "isogov.doctemplates"
    label = "doctemplates"
    verbose_name = _("Document templates")

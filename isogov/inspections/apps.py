from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "isogov.inspections"
    label = "inspections"
    verbose_name = _("Inspections")

    def ready(self):
        # The signable documents register their Word templates (the administrator's list names every one).
        from isogov.inspections import documents  # noqa: F401

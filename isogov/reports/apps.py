from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "isogov.reports"
    label = "reports"
    verbose_name = _("Annual reports")

    def ready(self):
        from isogov.reports import documents, files

        documents.register_templates()
        files.register()  # the download buttons' background jobs

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "isogov.jobs"
    verbose_name = _("Background jobs")

    def ready(self):
        from isogov.jobs import files

        files.register_kind()  # registers and reports built for a page's download button

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "isogov.audit"
    label = "audit"

    def ready(self):
        from isogov.audit import exporting

        exporting.register()  # the trail's CSV export as a background job

from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "isogov.audits"
    label = "audits"

    def ready(self):
        # The internal audit report registers its Word template (the administrator's list names every one).
        from isogov.audits import report  # noqa: F401

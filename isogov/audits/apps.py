from django.apps import AppConfig


class AuditsConfig(AppConfig):
    name = "isogov.audits"
    label = "audits"

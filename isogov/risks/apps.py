from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "isogov.risks"
    label = "risks"

from django.apps import AppConfig


class CapaConfig(AppConfig):
    name = "isogov.capa"
    label = "capa"

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "isogov.core"
    label = "core"

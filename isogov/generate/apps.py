from django.apps import AppConfig


class GenerateConfig(AppConfig):
    name = "isogov.generate"
    label = "generate"

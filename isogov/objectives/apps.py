from django.apps import AppConfig


class ObjectivesConfig(AppConfig):
    name = "isogov.objectives"
    label = "objectives"

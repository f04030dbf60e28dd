from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "isogov.programme"
    label = "programme"

from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "isogov.home"
    label = "home"

from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "isogov.demo"
    label = "demo"

from django.apps import AppConfig


class QmsConfig(AppConfig):
    name = "isogov.qms"
    label = "qms"

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "isogov.portal"
    label = "portal"

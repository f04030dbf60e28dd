from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "isogov.registry"
    label = "registry"

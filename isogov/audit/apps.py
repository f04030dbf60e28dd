from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "isogov.audit"
    label = "audit"

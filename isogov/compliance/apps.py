from django.apps import AppConfig


class ComplianceConfig(AppConfig):
    name = "isogov.compliance"
    label = "compliance"

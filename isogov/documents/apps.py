from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "isogov.documents"
    label = "documents"

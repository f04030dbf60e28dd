from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "isogov.documents"
    label = "documents"

    def ready(self):
        from isogov.documents import registers

        registers.register()  # the register's download as a background job

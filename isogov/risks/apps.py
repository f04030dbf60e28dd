from django.apps import AppConfig


class RisksConfig(AppConfig):
    name = "isogov.risks"
    label = "risks"

    def ready(self):
        from isogov.risks import registers

        registers.register()  # the register's download as a background job

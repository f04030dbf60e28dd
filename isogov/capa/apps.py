from django.apps import AppConfig


class CapaConfig(AppConfig):
    name = "isogov.capa"
    label = "capa"

    def ready(self):
        from isogov.capa import registers

        registers.register()  # the register's download as a background job

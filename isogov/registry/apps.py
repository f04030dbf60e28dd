from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "isogov.registry"
    label = "registry"

    def ready(self):
        from isogov.registry import import_job

        import_job.register()  # large imports run as background jobs

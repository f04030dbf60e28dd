from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "isogov.registry"
    label = "registry"

    def ready(self):
        from isogov.registry import export_job, import_job

        import_job.register()  # large imports and exports run as background jobs
        export_job.register()

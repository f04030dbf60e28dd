from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "isogov.training"
    label = "training"

    def ready(self):
        from isogov.training import registers

        registers.register()  # the coverage list's download as a background job

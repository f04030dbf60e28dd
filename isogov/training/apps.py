from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "isogov.training"
    label = "training"

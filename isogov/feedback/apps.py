from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    name = "isogov.feedback"
    label = "feedback"

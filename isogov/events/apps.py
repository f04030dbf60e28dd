from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "isogov.events"
    label = "events"

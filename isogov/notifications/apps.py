from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "isogov.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from isogov.notifications import tasks

        tasks.register()  # the daily run as a job on the queue

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "isogov.core"
    label = "core"

    def ready(self):
        from django.core.servers import basehttp
        from django.db.models.signals import post_migrate

        from isogov.core import dbstats

        post_migrate.connect(dbstats.after_migrate, dispatch_uid="isogov.core.dbstats")

        # `isogov runserver` is the embedded server (`make run`). Its listen queue of 10 overflowed when 50
        # people logged in at once: while the workers hashed passwords, connections beyond the queue were
        # reset by the kernel. The queue holds them until a worker thread takes them.
        basehttp.WSGIServer.request_queue_size = 1024
